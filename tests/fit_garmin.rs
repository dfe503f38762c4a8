//! Independent check of the FIT writer: Garmin's own FIT SDK (`@garmin/fitsdk`, installed
//! by `npm ci` in `tests/fit/`, not vendored) decodes every file we write from the fixture
//! texts and the real texts of `../shared/corpus/texts`, and each decoded step is compared
//! with the step tree it was written from: durations, targets, repeats, step types, notes.
//! Without node or the package the tests print a notice and skip.
#![cfg(not(target_arch = "wasm32"))]
// Test code fails by panicking: the workspace lints against it are for shipped code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod util;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use workout_doc::fit::{self, Options, Spread};
use workout_doc::{text, Amount, Athlete, Interval, Length, Smoothing, Step, StepKind, Workout};

/// `node` and the SDK, when both are there.
fn garmin_sdk() -> Option<PathBuf> {
    let script = util::root().join("tests/fit/decode.mjs");
    let package = util::root().join("tests/fit/node_modules/@garmin/fitsdk");
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        println!("notice: node not found; Garmin FIT SDK checks skipped");
        return None;
    }
    if !package.is_dir() {
        println!(
            "notice: {} missing (run `npm ci` in tests/fit); Garmin FIT SDK checks skipped",
            package.display()
        );
        return None;
    }
    Some(script)
}

/// Decodes `files` with the SDK: one JSON object per file.
fn decode(script: &Path, files: &[PathBuf]) -> Vec<Value> {
    let mut all = Vec::new();
    // A few hundred paths per run keeps the command line short.
    for chunk in files.chunks(200) {
        let out = Command::new("node")
            .arg(script)
            .args(chunk)
            .output()
            .expect("node runs");
        assert!(
            out.status.success(),
            "decode.mjs failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        for line in String::from_utf8(out.stdout).unwrap().lines() {
            all.push(serde_json::from_str(line).unwrap());
        }
    }
    all
}

/// The athlete the files are written for: every threshold known, so every target is
/// written in absolute units.
fn athlete() -> Athlete {
    Athlete {
        ftp: Some(250.0),
        ..Athlete::default()
    }
}

/// What one decoded target slot must hold.
#[derive(Debug, PartialEq)]
enum Slot {
    /// Type name and raw low / high.
    Range(&'static str, u64, u64),
    /// Type name and a number the low–high band must hold (a zone's midpoint).
    Band(&'static str, u64),
}

/// The step tree's targets as FIT slots, in the writer's documented order: the first of
/// power, heart rate and pace, then cadence, else the next.
fn slots(i: &Interval, a: &Athlete) -> Vec<Slot> {
    let spread = |v: f64| {
        let d = v.abs() * 3.0 / 100.0;
        (v - d, v + d)
    };
    // Raw numbers: `offset` added, at least `offset + 1` for absolute ones.
    let raw = |v: f64, offset: f64| {
        let least = if offset > 0.0 { offset + 1.0 } else { 0.0 };
        (v.max(0.0) + offset).round().max(least) as u64
    };
    let slot = |name: &'static str, amount: Amount, zone: bool, offset: f64, scale: f64| {
        if zone {
            return Slot::Band(name, raw(amount.mid() * scale, offset));
        }
        let (low, high) = match amount {
            Amount::Value(v) => spread(v),
            Amount::Range { start, end } => (start.min(end), start.max(end)),
        };
        Slot::Range(name, raw(low * scale, offset), raw(high * scale, offset))
    };
    let mut out = Vec::new();
    if let Some(t) = &i.power {
        let name = match t.smoothing {
            Some(Smoothing::S3) => "power3s",
            Some(Smoothing::S10) => "power10s",
            Some(Smoothing::S30) => "power30s",
            Some(Smoothing::Lap) => "powerLap",
            _ => "power",
        };
        let zone = t.units == workout_doc::PowerUnit::Zone;
        out.push(slot(name, a.power_watts(t).unwrap(), zone, 1000.0, 1.0));
    }
    if let Some(t) = &i.hr {
        let name = match t.smoothing {
            Some(Smoothing::Lap) => "heartRateLap",
            _ => "heartRate",
        };
        let zone = t.units == workout_doc::HrUnit::Zone;
        out.push(slot(name, a.hr_bpm(t).unwrap(), zone, 100.0, 1.0));
    }
    if let Some(t) = &i.pace {
        let name = match t.smoothing {
            Some(Smoothing::Lap) => "speedLap",
            _ => "speed",
        };
        let zone = t.units == workout_doc::PaceUnit::Zone;
        out.push(slot(name, a.pace_speed(t).unwrap(), zone, 0.0, 1000.0));
    }
    if let Some(c) = i.cadence {
        out.push(slot("cadence", c, false, 0.0, 1.0));
    }
    if out.len() > 2 {
        let cadence = out
            .iter()
            .position(|s| matches!(s, Slot::Range("cadence", ..)));
        let keep = cadence.filter(|&c| c > 0).unwrap_or(1);
        let first = out.remove(0);
        let second = out.remove(keep - 1);
        out = vec![first, second];
    }
    out
}

fn num(v: &Value, key: &str) -> Option<u64> {
    v.get(key).and_then(Value::as_f64).map(|f| f as u64)
}

fn string<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

/// Differences between a decoded slot (`prefix` "" or "secondary") and the expected one.
fn check_slot(step: &Value, secondary: bool, want: Option<&Slot>, errs: &mut Vec<String>) {
    let key = |k: &str| {
        if secondary {
            let mut c = k.chars();
            let first = c.next().unwrap().to_ascii_uppercase();
            format!("secondary{first}{}", c.as_str())
        } else {
            k.to_string()
        }
    };
    let kind = string(step, &key("targetType"));
    let low = num(step, &key("customTargetValueLow"));
    let high = num(step, &key("customTargetValueHigh"));
    match want {
        None if secondary => {
            if kind.is_some() {
                errs.push(format!("unexpected secondary target {kind:?}"));
            }
        }
        None => {
            if kind != Some("open") {
                errs.push(format!("target {kind:?}, expected open"));
            }
        }
        Some(Slot::Range(name, l, h)) => {
            if (kind, low, high) != (Some(name), Some(*l), Some(*h)) {
                errs.push(format!(
                    "{} {kind:?} {low:?}-{high:?}, expected {name} {l}-{h}",
                    key("target")
                ));
            }
        }
        Some(Slot::Band(name, mid)) => {
            let holds = low.zip(high).is_some_and(|(l, h)| l <= *mid && *mid <= h);
            if kind != Some(name) || !holds {
                errs.push(format!(
                    "{} {kind:?} {low:?}-{high:?}, expected {name} around {mid}",
                    key("target")
                ));
            }
        }
    }
}

fn check_interval(step: &Value, i: &Interval, a: &Athlete, errs: &mut Vec<String>) {
    let duration = (string(step, "durationType"), num(step, "durationValue"));
    let want = if i.until_lap_press {
        (Some("open"), None)
    } else {
        match i.length {
            Length::Time(s) => (Some("time"), Some(u64::from(s) * 1000)),
            Length::Distance { .. } => (
                Some("distance"),
                Some((i.length.metres().unwrap() * 100.0).round() as u64),
            ),
        }
    };
    if duration != want {
        errs.push(format!("duration {duration:?}, expected {want:?}"));
    }
    let slots = slots(i, a);
    check_slot(step, false, slots.first(), errs);
    check_slot(step, true, slots.get(1), errs);
    let intensity = match i.intensity {
        Some(kind) => Some(kind.as_str()),
        None if i.warmup => Some(StepKind::Warmup.as_str()),
        None if i.cooldown => Some(StepKind::Cooldown.as_str()),
        None => None,
    };
    if string(step, "intensity") != intensity {
        errs.push(format!(
            "intensity {:?}, expected {intensity:?}",
            string(step, "intensity")
        ));
    }
    let notes = i.text.as_deref().map(|t| {
        let mut end = t.len().min(254);
        while !t.is_char_boundary(end) {
            end -= 1;
        }
        &t[..end]
    });
    if string(step, "notes") != notes {
        errs.push(format!(
            "notes {:?}, expected {notes:?}",
            string(step, "notes")
        ));
    }
}

/// Every difference between what the SDK decoded and the tree the file was written from.
fn differences(decoded: &Value, w: &Workout, a: &Athlete) -> Vec<String> {
    let mut errs = Vec::new();
    if decoded["isFIT"] != true || decoded["integrity"] != true {
        errs.push(format!(
            "isFIT {} integrity {}",
            decoded["isFIT"], decoded["integrity"]
        ));
    }
    if !decoded["errors"].as_array().is_some_and(Vec::is_empty) {
        errs.push(format!("decoder errors {}", decoded["errors"]));
    }
    if string(&decoded["fileId"][0], "type") != Some("workout") {
        errs.push(format!("file_id {}", decoded["fileId"]));
    }
    let steps = decoded["steps"].as_array().cloned().unwrap_or_default();
    let mut n = 0;
    for step in &w.steps {
        match step {
            Step::Interval(i) => {
                let mut e = Vec::new();
                check_interval(&steps.get(n).cloned().unwrap_or_default(), i, a, &mut e);
                errs.extend(e.into_iter().map(|e| format!("step {n}: {e}")));
                n += 1;
            }
            Step::Repeat(r) => {
                let first = n;
                for i in &r.steps {
                    let mut e = Vec::new();
                    check_interval(&steps.get(n).cloned().unwrap_or_default(), i, a, &mut e);
                    errs.extend(e.into_iter().map(|e| format!("step {n}: {e}")));
                    n += 1;
                }
                let s = steps.get(n).cloned().unwrap_or_default();
                let got = (
                    string(&s, "durationType"),
                    num(&s, "durationStep"),
                    num(&s, "repeatSteps"),
                );
                let want = (
                    Some("repeatUntilStepsCmplt"),
                    Some(first as u64),
                    Some(u64::from(r.reps)),
                );
                if got != want {
                    errs.push(format!("step {n}: repeat {got:?}, expected {want:?}"));
                }
                n += 1;
            }
        }
    }
    if steps.len() != n || num(&decoded["workout"][0], "numValidSteps") != Some(n as u64) {
        errs.push(format!(
            "{} steps (numValidSteps {}), expected {n}",
            steps.len(),
            decoded["workout"][0]["numValidSteps"]
        ));
    }
    if string(&decoded["workout"][0], "wktName") != w.name.as_deref() {
        errs.push(format!("name {}", decoded["workout"][0]["wktName"]));
    }
    errs
}

/// The texts: our fixtures that parse, and the real ones of the corpus.
fn sources() -> Vec<(String, Workout)> {
    let mut dirs = vec![util::root().join("fixtures/text")];
    dirs.extend(util::corpus("texts"));
    let mut out = Vec::new();
    for dir in dirs {
        for path in util::files(&dir, "txt") {
            let src = std::fs::read_to_string(&path).unwrap();
            if let Ok(parsed) = text::parse(&src) {
                let name = path.strip_prefix(util::root()).unwrap_or(&path);
                out.push((name.display().to_string(), parsed.workout));
            }
        }
    }
    out
}

#[test]
fn garmin_sdk_decodes_every_file_we_write_with_matching_steps() {
    let Some(script) = garmin_sdk() else {
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fit-garmin");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let a = athlete();
    let sources = sources();
    let mut files = Vec::new();
    for (n, (_, w)) in sources.iter().enumerate() {
        let bytes = fit::write(w, &a).unwrap().file;
        let file = dir.join(format!("{n:03}.fit"));
        std::fs::write(&file, bytes).unwrap();
        files.push(file);
    }
    let decoded = decode(&script, &files);
    assert_eq!(decoded.len(), sources.len());
    let mut failed = Vec::new();
    for ((name, w), d) in sources.iter().zip(&decoded) {
        let errs = differences(d, w, &a);
        if !errs.is_empty() {
            failed.push(format!("{name}:\n  {}", errs.join("\n  ")));
        }
    }
    let corpus = sources
        .iter()
        .filter(|(n, _)| !n.starts_with("fixtures"))
        .count();
    println!(
        "garmin fit sdk: {} of {} files ({} fixtures, {corpus} corpus texts) decoded with no error and matching steps",
        sources.len() - failed.len(),
        sources.len(),
        sources.len() - corpus,
    );
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    if util::corpus("texts").is_some() {
        assert_eq!(corpus, 67);
    }
}

/// The seed example: 20m, 4 x (8m 110%, 8m 50%), 10m, with the repeat step in place.
#[test]
fn garmin_sdk_decodes_the_seed_with_its_repeat() {
    let Some(script) = garmin_sdk() else {
        return;
    };
    let src = std::fs::read_to_string(util::root().join("fixtures/text/vo2max_4x8.txt")).unwrap();
    let w = text::parse(&src).unwrap().workout;
    let options = Options {
        spread: Spread::Percent(0.0),
        ..Options::default()
    };
    let bytes = fit::write_with_options(&w, &Athlete::no_thresholds(), &options)
        .unwrap()
        .file;
    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join("seed.fit");
    std::fs::write(&file, bytes).unwrap();
    let decoded = &decode(&script, &[file])[0];
    assert_eq!(
        (&decoded["isFIT"], &decoded["integrity"]),
        (&Value::Bool(true), &Value::Bool(true))
    );
    assert_eq!(decoded["errors"], Value::Array(vec![]));
    let steps: Vec<String> = decoded["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| match string(s, "durationType") {
            Some("time") => format!(
                "{}m {}-{}%",
                num(s, "durationTime").unwrap() / 60,
                num(s, "customTargetPowerLow").unwrap(),
                num(s, "customTargetPowerHigh").unwrap()
            ),
            Some("repeatUntilStepsCmplt") => format!(
                "repeat from step {} x{}",
                num(s, "durationStep").unwrap(),
                num(s, "repeatSteps").unwrap()
            ),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        steps,
        [
            "20m 60-60%",
            "8m 110-110%",
            "8m 50-50%",
            "repeat from step 1 x4",
            "10m 60-60%"
        ]
    );
}
