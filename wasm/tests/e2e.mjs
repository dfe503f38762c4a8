// End-to-end test of the demo page in real headless Chromium (Debian's, driven by
// playwright-core): type a workout, check the chart and numbers follow, download files and
// read them back (the .fit through Garmin's FIT SDK when tests/fit has it installed), open
// a file, type a broken line and see the error at its line.
// Usage: node wasm/tests/e2e.mjs URL SCREENSHOT_DIR [PACKAGE_DIR]   (wasm/test.sh runs it)
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync, readFileSync, mkdirSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [url, shots, pkg] = process.argv.slice(2);
if (!url || !shots) {
  console.error("usage: node e2e.mjs URL SCREENSHOT_DIR [PACKAGE_DIR]");
  process.exit(2);
}
const wd = pkg ? createRequire(import.meta.url)(join(pkg, "node", "workout_doc.js")) : null;
const garminSdk = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "tests", "fit", "node_modules", "@garmin", "fitsdk", "src", "index.js");
const garmin = existsSync(garminSdk) ? await import(pathToFileURL(garminSdk).href) : null;
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
  "--disable-quic", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
];

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed += 1;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed += 1;
    console.log(`not ok - ${name}\n  ${String(e && e.stack ? e.stack : e).split("\n").slice(0, 4).join("\n  ")}`);
  }
}
function expect(cond, what) {
  if (!cond) throw new Error(what);
}

const profile = mkdtempSync(join(tmpdir(), "workout-doc-e2e-"));
mkdirSync(shots, { recursive: true });
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: FLAGS,
  acceptDownloads: true,
  viewport: { width: 1360, height: 860 },
});
const page = context.pages()[0] || (await context.newPage());
const problems = [];
page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
page.on("console", (m) => {
  if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
});

const state = () => page.getAttribute("body", "data-state");
const stat = (key) => page.textContent(`#stats [data-key="${key}"] dd`);
const chart = () => page.innerHTML("#chart");
let revision = 0;
async function settled(want) {
  await page.waitForFunction(
    ([rev, want]) => Number(document.body.dataset.revision) > rev && document.body.dataset.state === want,
    [revision, want],
    { timeout: 5000 },
  );
  revision = Number(await page.getAttribute("body", "data-revision"));
}
async function replaceText(text) {
  await page.click("#source");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(text, { delay: 5 });
}

// The downloaded .fit: a FIT header, the bytes the package gives for the page's text and
// athlete, and (with Garmin's SDK) the workout's steps: 3 x (10m, 5m), 15m.
async function checkFit(bytes) {
  expect(bytes.length > 16 && bytes[0] === 14, `fit header size ${bytes[0]}`);
  expect(bytes.subarray(8, 12).toString("latin1") === ".FIT", `bytes 8-11: ${bytes.subarray(8, 12)}`);
  if (wd) {
    const text = await page.inputValue("#source");
    const pageAthlete = { ftp: 250, lthr: 170, threshold_pace: "4:30/km", sport: "ride" };
    expect(Buffer.from(wd.convert(text, "text", "fit", pageAthlete)).equals(bytes), "fit download = the package's bytes");
  }
  if (!garmin) {
    console.log("# .fit download: header checked; Garmin's FIT SDK not installed (cd tests/fit && npm ci)");
    return;
  }
  const decoder = new garmin.Decoder(garmin.Stream.fromByteArray(Array.from(bytes)));
  expect(decoder.isFIT() && decoder.checkIntegrity(), "Garmin's SDK: FIT with good CRCs");
  const { messages, errors } = decoder.read();
  expect(errors.length === 0, `Garmin's SDK errors: ${errors}`);
  const steps = messages.workoutStepMesgs.map((s) =>
    s.durationType === "repeatUntilStepsCmplt" ? `x${s.repeatSteps} from ${s.durationStep}` : `${s.durationTime}s`,
  );
  expect(steps.join(" ") === "600s 300s x3 from 0 900s", `Garmin's SDK steps: ${steps.join(" ")}`);
  console.log(`# .fit download decoded by Garmin's FIT SDK: ${steps.join(" ")}`);
}

try {
  await check("the page loads the wasm and parses the example", async () => {
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.state === "ok", null, { timeout: 10000 });
    revision = Number(await page.getAttribute("body", "data-revision"));
    expect((await stat("duration")) !== "", "duration shown");
    expect((await page.inputValue("#source")).includes("Main set 4x"), "example text in the editor");
  });

  const hasChart = await page.evaluate(() => document.querySelector("#chart svg") !== null);
  const chartBefore = await chart();
  const formats = await page.$$eval("#downloads button", (bs) => bs.map((b) => b.dataset.format));
  console.log(`# chart: ${hasChart ? "yes" : "no (plotSvg not in this build)"}; download formats: ${formats.join(" ")}`);

  await check("typing a workout updates the numbers and the chart", async () => {
    await replaceText("Threshold\n\nMain set 3x\n- 10m 100%\n- 5m 50%\n");
    await settled("ok");
    expect((await stat("duration")) === "45m", `duration is ${await stat("duration")}, want 45m`);
    expect((await page.textContent("#steps")) === "1 step", "one top-level step");
    const zone = (id) => page.textContent(`#zones tr[data-zone="${id}"] td.num`);
    expect((await zone("Z4")) === "30m" && (await zone("Z1")) === "15m", `zones Z4 ${await zone("Z4")}, Z1 ${await zone("Z1")}`);
    expect((await page.textContent("#zones-title")) === "Time in power zones", "power zone table");
    expect(/^\d+ W$/.test(await stat("normalized_power")), `NP ${await stat("normalized_power")}`);
    expect(/^\d+$/.test(await stat("training_load")), `load ${await stat("training_load")}`);
    const loadBefore = Number(await stat("training_load"));
    if (hasChart) {
      const after = await chart();
      expect(after.includes("<svg") && after !== chartBefore, "chart redrawn");
    }
    // One more keystroke: still live.
    await page.keyboard.type("\n- 15m 60%\n", { delay: 5 });
    await settled("ok");
    expect((await stat("duration")) === "1h 00m", `duration is ${await stat("duration")}, want 1h 00m`);
    expect(Number(await stat("training_load")) > loadBefore, "load grows with the added step");
    // The athlete's FTP feeds the numbers: a higher FTP lowers nothing in %FTP work but
    // moves the zone bounds shown.
    await page.fill("#ftp", "300");
    await settled("ok");
    expect((await page.textContent('#zones tr[data-zone="Z4"] td.range')) === "271–315 W", `Z4 range ${await page.textContent('#zones tr[data-zone="Z4"] td.range')}`);
    await page.fill("#ftp", "250");
    await settled("ok");
  });

  await check("downloads give the workout in each format", async () => {
    expect(formats.includes("text") && formats.includes("json"), "text and json offered");
    for (const f of formats) {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.click(`#downloads button[data-format="${f}"]`),
      ]);
      const bytes = readFileSync(await download.path());
      const name = download.suggestedFilename();
      expect(name === `workout.${f === "text" ? "txt" : f}`, `file name ${name}`);
      if (f === "fit") {
        await checkFit(bytes);
        continue;
      }
      const body = bytes.toString("utf8");
      if (f === "text") expect(body.startsWith("Threshold\n\nMain set 3x\n- 10m 100%\n"), `text download: ${body}`);
      if (f === "json") {
        const doc = JSON.parse(body);
        expect(doc.steps[0].reps === 3 && doc.duration === 3600, `json download: ${body.slice(0, 200)}`);
      }
      if (wd) {
        const s = wd.summary(body, f, { ftp: 250, lthr: 170, sport: "ride" });
        expect(s.duration === 3600, `${f} download reads back as ${s.duration} s`);
      }
    }
  });

  await check("opening a .fit file says the page reads FIT only natively", async () => {
    if (!formats.includes("fit")) return;
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('#downloads button[data-format="fit"]')]);
    const fit = readFileSync(await download.path());
    await page.setInputFiles("#file", { name: "threshold.fit", mimeType: "application/vnd.ant.fit", buffer: fit });
    await page.waitForFunction(() => document.getElementById("status").textContent.includes("threshold.fit"), null, { timeout: 5000 });
    const status = await page.textContent("#status");
    expect(/Cannot read threshold\.fit: reading fit is not in this package/.test(status), `status: ${status}`);
    expect((await page.inputValue("#source")).startsWith("Threshold\n"), "the editor keeps its text");
  });

  await check("opening a file converts it into the editor", async () => {
    const from = formats.includes("zwo") ? "zwo" : "json";
    const content = wd ? wd.convert("Sweet spot\n\n- 20m 90%\n- 10m 55%\n", "text", from, { ftp: 250 }) : '{"steps":[{"duration":1800,"power":{"units":"%ftp","value":90}}]}';
    await page.setInputFiles("#file", { name: `sweetspot.${from}`, mimeType: "text/plain", buffer: Buffer.from(content) });
    await settled("ok");
    expect((await page.inputValue("#source")).includes("90%"), "converted text in the editor");
    expect((await page.textContent("#status")).includes(`sweetspot.${from}`), "status names the file");
    await page.screenshot({ path: join(shots, "e2e-opened.png"), fullPage: true });
  });

  await check("a broken line shows the error at its line", async () => {
    await replaceText("Warmup\n- 10m 60%\n\nMain set 2x\n- 5m 2000000%\n- 5m 50%\n");
    await settled("error");
    const status = await page.textContent("#status");
    expect(status.includes("Line 5, column 6") && status.includes("over the limit"), `status: ${status}`);
    expect((await page.textContent("#gutter .error")) === "5", "gutter marks line 5");
    expect((await page.textContent("#backdrop .line.error .at")).startsWith("2000000%"), "the bad token is underlined");
    await page.screenshot({ path: join(shots, "e2e-error.png"), fullPage: true });
    // Clicking the position puts the caret on the bad token.
    await page.click("#status .pos");
    const caret = await page.evaluate(() => document.getElementById("source").selectionStart);
    const text = await page.inputValue("#source");
    expect(text.slice(caret).startsWith("2000000%"), `caret at ${caret}`);
  });

  await check("fixing the line clears the error", async () => {
    await replaceText("Warmup\n- 10m 60%\n\nMain set 4x\n- 8m 110%\n- 8m 50%\n\nCooldown\n- 10m 55%\n");
    await settled("ok");
    expect((await page.$("#gutter .error")) === null, "no error mark");
    expect((await stat("duration")) === "1h 24m", `duration ${await stat("duration")}`);
    await page.screenshot({ path: join(shots, "e2e.png"), fullPage: true });
  });

  await check("no console errors or page errors", async () => {
    expect(problems.length === 0, problems.join("\n"));
  });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`browser e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
