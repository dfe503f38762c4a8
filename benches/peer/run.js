// The peer benchmark: the library, its WASM package and the TypeScript parser side by side on
// the same texts, in one run. By hand, not in CI (benches/peer/README.md):
//
//   node benches/peer/run.js [--seconds S] [--rounds R] [--dir DIR]
//
// Each round times, S seconds each (default 1): the native library in a child process (the
// `peer` bench target: bare split, parse, summary, parse+summary, parse+workout_doc), then in
// this node process the TypeScript `parseWorkout` (../shared/peers/intervals-icu-workout-parser/),
// the WASM package's `parse(text, {ftp: 250})` and `summary(text, "text", {ftp: 250})`. It prints
// each measure's median over R rounds (default 3) in workouts/s and the ratios of the goals.
// Needs cargo, and the WASM package built by `bash wasm/build.sh` (after `npm ci` in wasm/).
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const seconds = Number(option('seconds', '1'));
const rounds = Number(option('rounds', '3'));
const dir = path.resolve(option('dir', path.join(root, '../shared/corpus/texts')));
const peerPath = path.join(root, '../shared/peers/intervals-icu-workout-parser/index.js');
const wasmPath = path.join(root, 'target/wasm-pkg/node/workout_doc.js');

for (const [what, file, hint] of [
  ['texts', dir, 'pass --dir'],
  ['TypeScript peer', peerPath, 'it lives in ../shared/peers'],
  ['WASM package', wasmPath, 'run `bash wasm/build.sh` (after `npm ci` in wasm/)'],
]) {
  if (!fs.existsSync(file)) {
    console.error(`run.js: no ${what} at ${file}: ${hint}`);
    process.exit(2);
  }
}
const texts = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()
  .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
const peer = require(peerPath);
const wasm = require(wasmPath);

// The athlete of both sides: the zones of the peer's README, FTP 250.
const zones = { loadPreference: ['power', 'hr', 'pace'],
  power: { ftp: 250, boundaries: [55, 75, 90, 105, 120, 150, 999] },
  hr: { lthr: 165, maxHr: 185, boundaries: [152, 161, 170, 179, 184, 189, 201] },
  pace: { threshold: 2.79, unit: 'mins_km', boundaries: [77.5, 87.7, 94.3, 100, 103.4, 111.5, 999] } };
const athlete = { ftp: 250 };

// Workouts per second of `run` (one call handles every text), timed over `seconds`.
function rate(run) {
  const warm = Date.now() + 100;
  while (Date.now() < warm) run();
  const start = process.hrtime.bigint();
  let calls = 0;
  let elapsed = 0;
  while (elapsed < seconds) {
    run();
    calls += 1;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  return (calls * texts.length) / elapsed;
}

let sink = 0;
const js = {
  'TS parseWorkout': () => { for (const t of texts) sink += peer.parseWorkout(t, zones).durationSeconds; },
  'WASM parse': () => { for (const t of texts) sink += wasm.parse(t, athlete).warnings.length; },
  'WASM summary': () => { for (const t of texts) sink += wasm.summary(t, 'text', athlete).duration; },
};

console.error('building the native side (cargo bench --bench peer --no-run)…');
execFileSync('cargo', ['bench', '-q', '--bench', 'peer', '--no-run'], { cwd: root, stdio: 'inherit' });
const results = {};
const record = (name, value) => { (results[name] = results[name] || []).push(value); };
for (let r = 1; r <= rounds; r++) {
  const out = execFileSync('cargo', ['bench', '-q', '--bench', 'peer', '--', dir, String(seconds)],
    { cwd: root, encoding: 'utf8' });
  for (const line of out.split('\n').filter((l) => l.startsWith('{'))) {
    const m = JSON.parse(line);
    record(`native ${m.measure}`, m.workouts_per_sec);
  }
  for (const [name, run] of Object.entries(js)) record(name, rate(run));
  console.error(`round ${r}/${rounds} done`);
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const m = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
const ts = m['TS parseWorkout'];
const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`${texts.length} texts of ${dir}, ${seconds} s a measure, median of ${rounds} rounds;` +
  ` node ${process.version}, load average ${load}`);
console.log('');
console.log('| measure | workouts/s | x TS parseWorkout |');
console.log('|---|---:|---:|');
for (const [name, v] of Object.entries(m)) {
  console.log(`| ${name} | ${Math.round(v)} | ${(v / ts).toFixed(2)} |`);
}
// goal(what, value, at least, at most): one line, met or not.
const goal = (what, value, min, max) => {
  const met = value >= min && value <= max;
  const want = max === Infinity ? `>= ${min}` : `<= ${max}`;
  console.log(`${what} = ${value.toFixed(2)} (goal ${want}): ${met ? 'met' : 'not met'}`);
};
console.log('');
goal('native parse+summary / TS parseWorkout', m['native parse+summary'] / ts, 15, Infinity);
goal('native summary cost / parse cost', m['native parse'] / m['native summary'], 0, 1);
goal('WASM summary / TS parseWorkout', m['WASM summary'] / ts, 5, Infinity);
goal('WASM parse / TS parseWorkout', m['WASM parse'] / ts, 2, Infinity);
if (sink === 0) console.log('(nothing computed?)');
