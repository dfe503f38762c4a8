// The live editor: every keystroke re-parses the text with the WASM build of workout-doc
// and redraws the chart, the numbers and the zone table; an error is shown at its line.
import init, * as wd from "./pkg/workout_doc.js";

const EXAMPLE = `VO2 max 4x8m, the classic.
Category: Intervals

Warmup
- 10m ramp 50-75% 90rpm
- 3x 1m 100% 1m 55%

Main set 4x
- 8m 106-110%
- 4m 55%

Cooldown
- 10m ramp 65-45%
`;

const FORMATS = [
  { id: "text", ext: "txt", label: ".txt" },
  { id: "json", ext: "json", label: ".json" },
  { id: "zwo", ext: "zwo", label: ".zwo" },
  { id: "mrc", ext: "mrc", label: ".mrc" },
  { id: "erg", ext: "erg", label: ".erg" },
  { id: "fit", ext: "fit", label: ".fit", type: "application/vnd.ant.fit" },
];

const $ = (id) => document.getElementById(id);
const source = $("source");
const backdrop = $("backdrop");
const gutter = $("gutter");
const status = $("status");
let baseName = "workout";
let revision = 0;
let pending = false;

function athlete() {
  const num = (id) => {
    const v = Number($(id).value);
    return Number.isFinite(v) && v > 0 ? v : null;
  };
  const pace = $("pace").value.trim();
  return { ftp: num("ftp"), lthr: num("lthr"), threshold_pace: pace ? `${pace}/km` : null, sport: $("sport").value };
}

function escapeHtml(s) {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

function duration(secs) {
  const s = Math.round(secs || 0);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  return h ? `${h}h ${String(m).padStart(2, "0")}m` : r ? `${m}m ${String(r).padStart(2, "0")}s` : `${m}m`;
}

function round(v, digits = 0) {
  return v == null || !Number.isFinite(v) ? "–" : v.toFixed(digits);
}

// The gutter and the highlight layer under the textarea; `marks` maps a line number to
// {kind, column} (column in UTF-16 units, 1-based).
function paintLines(text, marks) {
  const lines = text.split("\n");
  gutter.innerHTML = lines
    .map((_, i) => {
      const m = marks.get(i + 1);
      return `<div class="${m ? m.kind : ""}">${i + 1}</div>`;
    })
    .join("");
  backdrop.innerHTML =
    lines
      .map((line, i) => {
        const m = marks.get(i + 1);
        if (!m) return escapeHtml(line) + "\n";
        const col = Math.max(0, Math.min(line.length, (m.column || 1) - 1));
        const head = escapeHtml(line.slice(0, col));
        const tail = escapeHtml(line.slice(col)) || " ";
        return `<span class="line ${m.kind}">${head}<span class="at">${tail}</span></span>\n`;
      })
      .join("") + " ";
  syncScroll();
}

function syncScroll() {
  backdrop.style.transform = `translate(${-source.scrollLeft}px, ${-source.scrollTop}px)`;
  gutter.style.transform = `translateY(${-source.scrollTop}px)`;
}

// Moves the caret to a 1-based line and UTF-16 column.
function jumpTo(line, column) {
  const lines = source.value.split("\n");
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
  offset += Math.max(0, (column || 1) - 1);
  source.focus();
  source.setSelectionRange(offset, offset);
}

function showStatus(kind, html) {
  status.className = `status ${kind}`;
  status.innerHTML = html;
}

function renderStats(summary, stepCount) {
  const items = [
    ["duration", "Duration", duration(summary.duration)],
    ["distance", "Distance", summary.distance ? `${round(summary.distance / 1000, 2)} km` : null],
    ["average_watts", "Avg power", summary.average_watts != null ? `${round(summary.average_watts)} W` : null],
    ["normalized_power", "Norm. power", summary.normalized_power != null ? `${round(summary.normalized_power)} W` : null],
    ["intensity", "Intensity", summary.intensity != null ? `${round(summary.intensity)}%` : null],
    ["training_load", "Load", summary.training_load != null ? round(summary.training_load) : null],
  ].filter(([, , v]) => v != null);
  $("stats").innerHTML = items
    .map(([key, label, value]) => `<div data-key="${key}"><dt>${label}</dt><dd>${escapeHtml(String(value))}</dd></div>`)
    .join("");
  $("steps").textContent = `${stepCount} step${stepCount === 1 ? "" : "s"}`;
}

// Zone colours as Intervals.icu shows them (Z1..Z7, then sweet spot).
const ZONE_COLOURS = ["#009e80", "#009e00", "#ffcb0e", "#ff7f0e", "#dd0447", "#6633cc", "#504861"];
const SWEET_SPOT = "#ffa00e";

function paceText(speed) {
  if (!(speed > 0) || speed > 50) return "";
  const secs = Math.round(1000 / speed);
  return `${Math.floor(secs / 60)}:${String(secs % 60).padStart(2, "0")}/km`;
}

function bandText(z, unit) {
  const fmt = unit === "pace" ? paceText : (v) => String(Math.round(v));
  const suffix = unit === "power" ? " W" : unit === "hr" ? " bpm" : "";
  if (z.min == null && z.max == null) return "";
  if (z.max == null || (unit === "power" && z.id === "Z7")) return `${fmt(z.min)}+${suffix}`;
  return `${fmt(z.min)}–${fmt(z.max)}${suffix}`;
}

// The first non-empty table of power, heart-rate and pace zones.
function renderZones(summary) {
  const tables = [
    ["power", "Time in power zones", summary.zone_times],
    ["hr", "Time in heart-rate zones", summary.hr_zone_times],
    ["pace", "Time in pace zones", summary.pace_zone_times],
  ];
  const [unit, title, rows] = tables.find(([, , t]) => Array.isArray(t) && t.length) || [null, "", []];
  $("zones-card").hidden = rows.length === 0;
  $("zones-title").textContent = title;
  const total = rows.filter((r) => r.id !== "SS").reduce((a, r) => a + r.secs, 0) || 1;
  $("zones").innerHTML =
    `<thead><tr><th>Zone</th><th>Range</th><th class="num">Time</th><th class="bar-col">Share</th></tr></thead><tbody>` +
    rows
      .map((z, i) => {
        const pct = (100 * z.secs) / total;
        const color = z.id === "SS" ? SWEET_SPOT : ZONE_COLOURS[i] || "var(--accent)";
        return `<tr data-zone="${escapeHtml(z.id)}" class="${z.secs ? "" : "empty"}">` +
          `<td><span class="swatch" style="background:${color}"></span>${escapeHtml(z.name)}</td>` +
          `<td class="range">${escapeHtml(bandText(z, unit))}</td>` +
          `<td class="num">${z.secs ? duration(z.secs) : "–"}</td>` +
          `<td class="bar-col">${z.secs ? `<span class="bar" style="width:${(pct * 0.8).toFixed(1)}%;background:${color}"></span>` : ""}` +
          `<span class="pct">${z.secs ? round(pct) + "%" : ""}</span></td></tr>`;
      })
      .join("") +
    "</tbody>";
}

function renderChart(text, a) {
  if (typeof wd.plotSvg !== "function") return;
  $("chart").innerHTML = wd.plotSvg(text, "text", a);
}

function update() {
  pending = false;
  const text = source.value;
  const a = athlete();
  revision += 1;
  try {
    const result = wd.parse(text, a);
    const marks = new Map(result.warnings.map((w) => [w.line, { kind: "warn", column: w.column }]));
    paintLines(text, marks);
    renderChart(text, a);
    renderStats(result.summary, result.workout_doc.steps.length);
    renderZones(result.summary);
    if (result.warnings.length) {
      showStatus(
        "warn",
        result.warnings
          .map((w) => `<button class="pos" data-line="${w.line}" data-column="${w.column}">${w.line}:${w.column}</button> ${escapeHtml(w.message)}`)
          .join("<br>"),
      );
    } else {
      showStatus("ok", "✓ Parsed");
    }
    document.body.dataset.state = "ok";
  } catch (e) {
    document.body.dataset.revision = String(revision);
    document.body.dataset.state = "error";
    if (!e.line) {
      // Not about the text (a bad athlete setting, say): no line to mark.
      paintLines(text, new Map());
      showStatus("error", escapeHtml(e.message || String(e)));
      return;
    }
    const line = e.line;
    paintLines(text, new Map([[line, { kind: "error", column: e.column_utf16 || e.column }]]));
    showStatus(
      "error",
      `<button class="pos" data-line="${line}" data-column="${e.column_utf16 || 1}">Line ${line}, column ${e.column || 1}</button> ${escapeHtml(e.message || String(e))}`,
    );
    document.body.dataset.state = "error";
  }
  document.body.dataset.revision = String(revision);
}

function schedule() {
  if (!pending) {
    pending = true;
    requestAnimationFrame(update);
  }
}

function download(format) {
  try {
    // Text, or for FIT a Uint8Array of the file's bytes: a Blob takes either.
    const out = wd.convert(source.value, "text", format.id, athlete());
    const type = format.type || (format.id === "json" ? "application/json" : format.id === "zwo" ? "application/xml" : "text/plain");
    const url = URL.createObjectURL(new Blob([out], { type }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `${baseName}.${format.ext}`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  } catch (e) {
    showStatus("error", `Cannot write ${format.label}: ${escapeHtml(e.message || String(e))}`);
  }
}

async function openFile(file) {
  const ext = (file.name.split(".").pop() || "").toLowerCase();
  // A .fit goes to the package too, which says it reads FIT only natively.
  const from = ["zwo", "mrc", "erg", "json", "fit"].includes(ext) ? ext : "text";
  const content = await file.text();
  try {
    source.value = from === "text" ? content : wd.convert(content, from, "text", athlete());
    baseName = file.name.replace(/\.[^.]*$/, "") || "workout";
    update();
    if (document.body.dataset.state === "ok") showStatus("ok", `✓ Opened ${escapeHtml(file.name)}`);
  } catch (e) {
    const at = e.line ? `line ${e.line}, column ${e.column}: ` : "";
    showStatus("error", `Cannot read ${escapeHtml(file.name)}: ${at}${escapeHtml(e.message || String(e))}`);
    document.body.dataset.state = "error";
  }
}

async function main() {
  await init();
  const formats = FORMATS.filter((f) => {
    try {
      wd.convert("- 1m 50%", "text", f.id, null);
      return true;
    } catch {
      return false;
    }
  });
  $("downloads").innerHTML = formats
    .map((f) => `<button type="button" class="chip" data-format="${f.id}">${f.label}</button>`)
    .join("");
  $("downloads").addEventListener("click", (e) => {
    const f = formats.find((f) => f.id === e.target.dataset.format);
    if (f) download(f);
  });
  status.addEventListener("click", (e) => {
    if (e.target.dataset.line) jumpTo(Number(e.target.dataset.line), Number(e.target.dataset.column));
  });
  $("file").addEventListener("change", (e) => {
    if (e.target.files[0]) openFile(e.target.files[0]);
    e.target.value = "";
  });
  source.addEventListener("input", schedule);
  source.addEventListener("scroll", syncScroll);
  $("athlete").addEventListener("input", schedule);
  $("athlete").addEventListener("submit", (e) => e.preventDefault());
  source.value = EXAMPLE;
  update();
}

main().catch((e) => {
  showStatus("error", `Could not start: ${escapeHtml(String(e))}`);
  document.body.dataset.state = "failed";
});
