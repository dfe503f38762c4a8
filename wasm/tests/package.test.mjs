// Node tests of the built package (target/wasm-pkg, made by wasm/build.sh): both the
// CommonJS build for node and the ES module build for browsers, their TypeScript types,
// every format pair, error positions, the summary and the FIT bytes against the native
// library's (and the FIT file through Garmin's FIT SDK, when tests/fit has it installed), and
// a panic (in a probe build of wasm/test.sh).
// Run: node --test wasm/tests/   (wasm/test.sh does this after writing the native results)
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync, existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const pkg = process.env.WORKOUT_DOC_PKG || join(root, "target", "wasm-pkg");
const wd = createRequire(import.meta.url)(join(pkg, "node", "workout_doc.js"));
const seed = readFileSync(join(root, "fixtures", "text", "vo2max_4x8.txt"), "utf8");
const FORMATS = ["text", "json", "zwo", "mrc", "erg"];
const athlete = { ftp: 250, lthr: 170, max_hr: 190, sport: "ride" };
// What the native library wrote (wasm/test.sh runs the `native` example into this folder).
const native = process.env.WORKOUT_DOC_NATIVE;
const nativeFile = (name) => (native && existsSync(join(native, name)) ? readFileSync(join(native, name)) : null);
const garminSdk = join(root, "tests", "fit", "node_modules", "@garmin", "fitsdk", "src", "index.js");

// Formats this build can both read and write (all five once every codec is in the core).
const available = FORMATS.filter((f) => {
  try {
    wd.convert(wd.convert("- 1m 50%", "text", f, athlete), f, "text", athlete);
    return true;
  } catch {
    return false;
  }
});

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail("expected a throw");
}

test("parse gives workout_doc, summary and warnings for the seed example", () => {
  const r = wd.parse(seed, athlete);
  assert.deepEqual(Object.keys(r).sort(), ["summary", "warnings", "workout_doc"]);
  const doc = r.workout_doc;
  assert.equal(doc.description, "These are horribly nasty.");
  assert.equal(doc.steps.length, 3);
  assert.equal(doc.steps[1].reps, 4);
  assert.equal(doc.steps[1].steps[0].power.value, 110);
  assert.equal(doc.duration, 20 * 60 + 4 * 16 * 60 + 10 * 60);
  assert.equal(r.summary.duration, doc.duration);
  assert.deepEqual(r.warnings, []);
});

test("the athlete argument is optional", () => {
  assert.equal(wd.parse("- 10m 60%").summary.duration, 600);
  assert.equal(wd.parse("- 10m 60%", null).summary.duration, 600);
  assert.equal(wd.parse("- 10m 60%", {}).summary.duration, 600);
});

test("warnings carry a message and a position", () => {
  const r = wd.parse("- Recovery 10m 50% (easy)");
  assert.equal(r.warnings.length, 1);
  assert.deepEqual(r.warnings[0], {
    message: 'ignored "(easy)": not a duration, distance, target or flag',
    line: 1,
    column: 20,
  });
});

test("errors are Error objects with message, line, column and column_utf16", () => {
  const e = thrown(() => wd.parse("- 10m 75%\n3000000x\n- 1m 50%"));
  assert.ok(e instanceof Error);
  assert.equal(e.name, "WorkoutError");
  assert.match(e.message, /^repeat count .*1000000/);
  assert.deepEqual([e.line, e.column, e.column_utf16], [2, 1, 1]);
});

test("column_utf16 counts UTF-16 units after an astral character", () => {
  const text = "- 😀 10m 2000000%";
  const e = thrown(() => wd.parse(text));
  assert.deepEqual([e.line, e.column, e.column_utf16], [1, 9, 10]);
  assert.equal(text.slice(e.column_utf16 - 1), "2000000%"); // what a JS editor would mark
});

test("reader errors of other formats carry positions", () => {
  const e = thrown(() => wd.convert('{"steps": [\n  {"duration": }\n]}', "json", "text"));
  assert.match(e.message, /^invalid workout json/);
  assert.equal(e.line, 2);
  assert.ok(e.column > 1);
});

test("bad arguments throw with line 0", () => {
  const f = thrown(() => wd.convert("- 1m", "text", "pdf"));
  assert.match(f.message, /^unknown format "pdf": expected one of text, json/);
  assert.equal(f.line, 0);
  const a = thrown(() => wd.parse("- 1m", { FTP: 250 }));
  assert.match(a.message, /^athlete: unknown field "FTP"/);
  const s = thrown(() => wd.parse("- 1m", { sport: "chess" }));
  assert.match(s.message, /sport/);
  const n = thrown(() => wd.parse("- 1m", { ftp: -3 }));
  assert.match(n.message, /ftp must be a positive number/);
});

test(`convert: every pair of ${FORMATS.join(", ")} that this build has`, () => {
  assert.ok(available.includes("text") && available.includes("json"));
  const source = { text: seed };
  for (const f of available) source[f] = wd.convert(seed, "text", f, athlete);
  let pairs = 0;
  for (const from of available) {
    for (const to of available) {
      const out = wd.convert(source[from], from, to, athlete);
      assert.equal(typeof out, "string");
      assert.ok(out.length > 0, `${from} → ${to} is empty`);
      const back = wd.summary(out, to, athlete);
      assert.equal(back.duration, 5640, `${from} → ${to} keeps the duration`);
      pairs += 1;
    }
  }
  assert.equal(pairs, available.length ** 2);
  console.log(`# formats with reader and writer: ${available.join(" ")} (${pairs} pairs)`);
});

test("convert with {warnings: true} gives the file and what the format could not hold", () => {
  const text = "Tempo\n- 10m 75% HR";
  const zwo = wd.convert(text, "text", "zwo", athlete, { warnings: true });
  assert.deepEqual(Object.keys(zwo), ["file", "warnings"]);
  assert.equal(zwo.file, wd.convert(text, "text", "zwo", athlete));
  assert.ok(zwo.warnings.length > 0);
  for (const w of zwo.warnings) assert.deepEqual(Object.keys(w), ["message", "line", "column"]);
  assert.ok(zwo.warnings.some((w) => w.message.startsWith("heart-rate target left out")), JSON.stringify(zwo.warnings));
  const fit = wd.convert(seed, "text", "fit", athlete, { warnings: true });
  assert.ok(fit.file instanceof Uint8Array);
  assert.deepEqual(fit.file, wd.convert(seed, "text", "fit", athlete));
  assert.ok(Array.isArray(fit.warnings));
  assert.deepEqual(wd.convert(seed, "text", "text", null, { warnings: true }).warnings, []);
  // Without the option, or with it false, the file alone.
  assert.equal(typeof wd.convert(text, "text", "zwo", athlete, { warnings: false }), "string");
  assert.equal(typeof wd.convert(text, "text", "zwo", athlete, null), "string");
});

test("text and json round-trip exactly", () => {
  const canonical = wd.convert(seed, "text", "text");
  assert.equal(wd.convert(canonical, "text", "text"), canonical);
  const json = wd.convert(seed, "text", "json", athlete);
  assert.equal(wd.convert(json, "json", "text"), canonical);
  assert.deepEqual(JSON.parse(json), wd.parse(seed, athlete).workout_doc);
});

test("summary equals the native library's numbers on the seed example", (t) => {
  const file = nativeFile("summary.json");
  if (!file) {
    t.skip("WORKOUT_DOC_NATIVE not set (wasm/test.sh sets it)");
    return;
  }
  const numbers = JSON.parse(file.toString("utf8"));
  const ours = wd.summary(seed, "text", athlete);
  assert.deepEqual(ours, numbers);
  assert.deepEqual(wd.parse(seed, athlete).summary, numbers);
});

test("convert to fit gives the file's bytes: a FIT header, deterministic", () => {
  const fit = wd.convert(seed, "text", "fit", athlete);
  assert.ok(fit instanceof Uint8Array, `got ${Object.prototype.toString.call(fit)}`);
  assert.equal(fit[0], 14, "14-byte header");
  assert.equal(Buffer.from(fit.subarray(8, 12)).toString("latin1"), ".FIT");
  assert.equal(fit[4] | (fit[5] << 8) | (fit[6] << 16) | (fit[7] << 24), fit.length - 16, "data size");
  assert.deepEqual(wd.convert(seed, "text", "fit", athlete), fit);
  // Every format this build reads converts to FIT.
  for (const f of available) {
    const out = wd.convert(wd.convert(seed, "text", f, athlete), f, "fit", athlete);
    assert.ok(out instanceof Uint8Array && out.length > 16, `${f} → fit`);
  }
});

test("fit bytes equal the native library's, with the default range and with range 10W", (t) => {
  const [byDefault, tenWatts] = [nativeFile("default.fit"), nativeFile("10W.fit")];
  if (!byDefault || !tenWatts) {
    t.skip("WORKOUT_DOC_NATIVE not set (wasm/test.sh sets it)");
    return;
  }
  assert.deepEqual(Buffer.from(wd.convert(seed, "text", "fit", athlete)), byDefault);
  const ranged = wd.convert(seed, "text", "fit", { ...athlete, range: "10W" });
  assert.deepEqual(Buffer.from(ranged), tenWatts);
  assert.notDeepEqual(tenWatts, byDefault);
});

test("range: only fit uses it; a bad one throws", () => {
  const text = wd.convert(seed, "text", "zwo", athlete);
  assert.equal(wd.convert(seed, "text", "zwo", { ...athlete, range: "5%" }), text);
  const e = thrown(() => wd.convert(seed, "text", "fit", { ...athlete, range: "lots" }));
  assert.match(e.message, /^athlete: range must be a percent below 100/);
  assert.equal(e.line, 0);
});

test("reading fit is not in this package: from \"fit\" throws, saying where to read it", () => {
  const fit = wd.convert(seed, "text", "fit", athlete);
  const e = thrown(() => wd.convert(Buffer.from(fit).toString("latin1"), "fit", "text"));
  assert.equal(e.name, "WorkoutError");
  assert.match(e.message, /^reading fit is not in this package: .*workout command.*\/api\/v1\/import\.fit/);
  assert.equal(e.line, 0);
  assert.match(thrown(() => wd.summary("", "fit")).message, /^reading fit is not in this package/);
});

test("Garmin's FIT SDK decodes the package's fit file: 20m, 4 x (8m 110%, 8m 50%), 10m", async (t) => {
  if (!existsSync(garminSdk)) {
    t.skip("Garmin's FIT SDK not installed (cd tests/fit && npm ci)");
    return;
  }
  const { Decoder, Stream } = await import(pathToFileURL(garminSdk).href);
  const fit = wd.convert(seed, "text", "fit", { ...athlete, range: "0" });
  const decoder = new Decoder(Stream.fromByteArray(Array.from(fit)));
  assert.ok(decoder.isFIT() && decoder.checkIntegrity(), "FIT with good CRCs");
  const { messages, errors } = decoder.read();
  assert.deepEqual(errors, []);
  assert.equal(messages.fileIdMesgs[0].type, "workout");
  assert.equal(messages.workoutMesgs[0].sport, "cycling");
  const steps = messages.workoutStepMesgs.map((s) =>
    s.durationType === "repeatUntilStepsCmplt"
      ? `repeat from ${s.durationStep} x${s.repeatSteps}`
      : `${s.durationTime}s ${s.customTargetPowerLow - 1000}-${s.customTargetPowerHigh - 1000}W`,
  );
  assert.deepEqual(steps, ["1200s 150-150W", "480s 275-275W", "480s 125-125W", "repeat from 1 x4", "600s 150-150W"]);
});

test("a panic reaches JS as an Error with its message, and later calls throw it too", (t) => {
  const dir = process.env.WORKOUT_DOC_PANIC_PROBE;
  if (!dir || !existsSync(join(dir, "workout_doc.js"))) {
    t.skip("WORKOUT_DOC_PANIC_PROBE not set (wasm/test.sh builds the probe and sets it)");
    return;
  }
  const probe = createRequire(import.meta.url)(join(dir, "workout_doc.js"));
  assert.equal(probe.parse("- 10m 60%").summary.duration, 600);
  const e = thrown(() => probe.panicProbe("boom"));
  assert.ok(e instanceof Error && !(e instanceof WebAssembly.RuntimeError), String(e));
  assert.match(e.message, /^workout-doc panicked at .*\.rs:\d+:\d+:\nboom$/);
  // The module's memory may be half-updated: later calls fail with the same message.
  const later = thrown(() => probe.parse("- 10m 60%"));
  assert.equal(later.message, e.message);
  assert.equal(thrown(() => probe.panicProbe("again")).message, e.message);
});

test("plotSvg draws an SVG", () => {
  const svg = wd.plotSvg(seed, "text", athlete);
  assert.match(svg, /^<svg[\s>]/);
  assert.match(svg, /<\/svg>\s*$/);
  assert.notEqual(wd.plotSvg("- 5m 50%", "text", athlete), svg);
});

test("the ES module build loads with initSync and gives the same answers", async () => {
  const web = await import(pathToFileURL(join(pkg, "web", "workout_doc.js")).href);
  web.initSync({ module: readFileSync(join(pkg, "web", "workout_doc_bg.wasm")) });
  assert.deepEqual(web.parse(seed, athlete), wd.parse(seed, athlete));
  assert.equal(web.convert(seed, "text", "json"), wd.convert(seed, "text", "json"));
  assert.deepEqual(web.convert(seed, "text", "fit", athlete), wd.convert(seed, "text", "fit", athlete));
});

test("TypeScript types describe the API", () => {
  const dts = readFileSync(join(pkg, "web", "workout_doc.d.ts"), "utf8");
  for (const line of [
    "export function parse(text: string, athlete?: Athlete | null): ParseResult;",
    'export function convert(input: string, from: TextFormat, to: "fit", athlete?: Athlete | null, options?: { warnings?: false } | null): Uint8Array;',
    "export function convert(input: string, from: TextFormat, to: TextFormat, athlete?: Athlete | null, options?: { warnings?: false } | null): string;",
    'export function convert(input: string, from: TextFormat, to: "fit", athlete: Athlete | null | undefined, options: { warnings: true }): Converted<Uint8Array>;',
    "export interface Converted<F> {",
    "export function summary(input: string, from: TextFormat, athlete?: Athlete | null): Summary;",
    "export function plotSvg(input: string, from: TextFormat, athlete?: Athlete | null): string;",
    'export type Format = TextFormat | "fit";',
    "range?: string | null;",
    "export interface WorkoutError extends Error {",
    "export interface Athlete {",
  ]) {
    assert.ok(dts.includes(line), `missing: ${line}`);
  }
  const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
  assert.equal(manifest.name, "workout-doc");
  assert.equal(manifest.type, "module");
  for (const f of [manifest.main, manifest.module, manifest.types]) assert.ok(existsSync(join(pkg, f)), f);
});
