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
  return { ftp: num("ftp"), lthr: num("lthr"), sport: $("sport").value };
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
    ["intensity", "Intensity", summary.intensity != null ? round(summary.intensity, 2) : null],
    ["training_load", "Load", summary.training_load != null ? round(summary.training_load) : null],
  ].filter(([, , v]) => v != null);
  $("stats").innerHTML = items
    .map(([key, label, value]) => `<div data-key="${key}"><dt>${label}</dt><dd>${escapeHtml(String(value))}</dd></div>`)
    .join("");
  $("steps").textContent = `${stepCount} step${stepCount === 1 ? "" : "s"}`;
}

// Zone times arrive as a list of {id|name, secs|seconds} objects or of plain seconds.
function zoneRows(times) {
  if (!Array.isArray(times)) return [];
  return times.map((z, i) => {
    if (typeof z === "number") return { name: `Z${i + 1}`, secs: z };
    return {
      name: z.id || z.name || `Z${i + 1}`,
      secs: z.secs ?? z.seconds ?? z.time ?? 0,
      color: z.color,
      range: z.range,
    };
  });
}

function renderZones(summary) {
  const rows = zoneRows(summary.zone_times);
  $("zones-card").hidden = rows.length === 0;
  const total = rows.reduce((a, r) => a + r.secs, 0) || 1;
  $("zones").innerHTML =
    `<thead><tr><th>Zone</th><th class="num">Time</th><th class="bar-col">Share</th></tr></thead><tbody>` +
    rows
      .map((r) => {
        const pct = (100 * r.secs) / total;
        const color = r.color || "var(--accent)";
        return `<tr data-zone="${escapeHtml(String(r.name))}" class="${r.secs ? "" : "empty"}"><td>${escapeHtml(String(r.name))}</td>` +
          `<td class="num">${r.secs ? duration(r.secs) : "–"}</td>` +
          `<td class="bar-col"><span class="bar" style="width:${pct.toFixed(1)}%;background:${color}"></span><span class="pct">${pct ? round(pct) + "%" : ""}</span></td></tr>`;
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
    const line = e.line || 1;
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
    const out = wd.convert(source.value, "text", format.id, athlete());
    const type = format.id === "json" ? "application/json" : format.id === "zwo" ? "application/xml" : "text/plain";
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
  const from = ["zwo", "mrc", "erg", "json"].includes(ext) ? ext : "text";
  const content = await file.text();
  try {
    source.value = from === "text" ? content : wd.convert(content, from, "text", athlete());
    baseName = file.name.replace(/\.[^.]*$/, "") || "workout";
    update();
    if (document.body.dataset.state === "ok") showStatus("ok", `✓ Opened ${escapeHtml(file.name)}`);
  } catch (e) {
    showStatus("error", `Cannot read ${escapeHtml(file.name)}: line ${e.line}, column ${e.column}: ${escapeHtml(e.message || String(e))}`);
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
