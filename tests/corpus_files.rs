//! The real `.zwo`, `.mrc` and `.erg` files in `../shared/corpus/{zwo,mrc,erg}`:
//! - every file `SOURCES.md` marks MALFORMED or EMPTY fails with a positioned error, and
//!   every other file reads;
//! - write → read gives the same tree (for course files whose units differ from the
//!   format's, through a 250 W FTP, with the values compared converted);
//! - the total duration read equals the sum of the file's own block durations, worked out
//!   here independently (a plain scan of the XML attributes or of the course points).
#![cfg(not(target_arch = "wasm32"))]
// Test code fails by panicking: the workspace lints against it are for shipped code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use quick_xml::events::Event;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use workout_doc::{
    erg, mrc, zwo, Amount, Athlete, Error, Length, Parsed, PowerUnit, Step, Workout, Written,
};

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.join("zwo").is_dir() {
        Some(dir)
    } else {
        println!(
            "notice: {} not found; corpus file tests skipped",
            dir.display()
        );
        None
    }
}

/// Files SOURCES.md marks as not readable (MALFORMED or EMPTY).
fn expected_failures(dir: &Path) -> BTreeSet<String> {
    let sources = std::fs::read_to_string(dir.join("SOURCES.md")).unwrap_or_default();
    sources
        .lines()
        .filter(|l| l.contains("MALFORMED") || l.contains("EMPTY"))
        .filter_map(|l| l.split('`').nth(1).map(str::to_string))
        .collect()
}

fn files(dir: &Path, fmt: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir.join(fmt))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = format!("{fmt}/{}", p.file_name().unwrap().to_string_lossy());
            let bytes = std::fs::read(&p).unwrap();
            (name, String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect();
    out.sort();
    out
}

fn total_seconds(w: &Workout) -> Option<u64> {
    let mut total = 0u64;
    for (reps, i) in w.intervals() {
        total += u64::from(reps) * u64::from(i.length.seconds()?);
    }
    Some(total)
}

/// Block durations as the file states them, each rounded to whole seconds.
fn zwo_file_seconds(src: &str) -> Option<u64> {
    let mut reader = quick_xml::Reader::from_str(src);
    let mut total = 0u64;
    let mut in_workout = false;
    loop {
        let ev = reader.read_event().ok()?;
        let (e, _) = match &ev {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) if e.name().as_ref().eq_ignore_ascii_case("workout") => {
                in_workout = false;
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let name = e.name().as_ref().to_ascii_lowercase();
        if name == "workout" {
            in_workout = true;
            continue;
        }
        if !in_workout {
            if name == "durationtype" {
                // Distance workouts have no time to compare.
                if let Ok(Event::Text(t)) = reader.read_event() {
                    if t.trim().eq_ignore_ascii_case("distance") {
                        return None;
                    }
                }
            }
            continue;
        }
        let get = |key: &str| -> Option<f64> {
            e.attributes()
                .flatten()
                .find(|a| a.key.as_ref().eq_ignore_ascii_case(key))
                .and_then(|a| a.value.parse::<f64>().ok())
        };
        if get("Distance").is_some() {
            return None;
        }
        let secs = |v: Option<f64>| v.map_or(0, |d| d.round() as u64);
        match name.as_str() {
            "steadystate" | "solidstate" | "warmup" | "cooldown" | "ramp" | "freeride"
            | "maxeffort" => total += secs(get("Duration")),
            "intervalst" => {
                total += secs(get("Repeat")) * (secs(get("OnDuration")) + secs(get("OffDuration")));
            }
            _ => {}
        }
    }
    Some(total)
}

/// Last point minus first point of `[COURSE DATA]`, each rounded to whole seconds.
fn course_file_seconds(src: &str) -> u64 {
    let mut in_data = false;
    let mut times = Vec::new();
    for line in src.split(['\n', '\r']) {
        let upper = line.trim().to_ascii_uppercase();
        if upper.starts_with('[') {
            in_data = upper == "[COURSE DATA]";
            continue;
        }
        let mut words = line.split_whitespace();
        if let (true, Some(t), Some(v)) = (in_data, words.next(), words.next()) {
            if let (Ok(t), Ok(_)) = (t.parse::<f64>(), v.parse::<f64>()) {
                times.push((t * 60.0).round() as u64);
            }
        }
    }
    times.last().unwrap_or(&0) - times.first().unwrap_or(&0)
}

/// Power values converted to `units` through a 250 W FTP, rounded to 0.01.
fn in_units(w: &Workout, units: PowerUnit) -> Workout {
    let mut w = w.clone();
    let fix = |i: &mut workout_doc::Interval| {
        if let Some(p) = &mut i.power {
            let f: fn(f64) -> f64 = match (p.units, units) {
                (PowerUnit::Watts, PowerUnit::PercentFtp) => |v| v / 250.0 * 100.0,
                (PowerUnit::PercentFtp, PowerUnit::Watts) => |v| v * 250.0 / 100.0,
                _ => |v| v,
            };
            p.amount = p.amount.map(|v| (f(v) * 100.0).round() / 100.0);
            p.units = units;
        }
    };
    for step in &mut w.steps {
        match step {
            Step::Interval(i) => fix(i),
            Step::Repeat(r) => r.steps.iter_mut().for_each(fix),
        }
    }
    w
}

struct Codec {
    fmt: &'static str,
    read: fn(&str) -> Result<Parsed, Error>,
    write: fn(&Workout, &Athlete) -> Result<Written, Error>,
    units: Option<PowerUnit>,
}

#[test]
fn corpus_files_read_round_trip_and_keep_durations() {
    let Some(dir) = corpus() else { return };
    let failures = expected_failures(&dir);
    let athlete = Athlete {
        ftp: Some(250.0),
        ..Default::default()
    };
    let codecs = [
        Codec {
            fmt: "zwo",
            read: zwo::read,
            write: zwo::write_with,
            units: None,
        },
        Codec {
            fmt: "mrc",
            read: mrc::read,
            write: mrc::write_with,
            units: Some(PowerUnit::PercentFtp),
        },
        Codec {
            fmt: "erg",
            read: erg::read,
            write: erg::write_with,
            units: Some(PowerUnit::Watts),
        },
    ];
    let mut problems = Vec::new();
    for codec in &codecs {
        let (mut ok, mut failed_as_expected, mut round_trips, mut durations) = (0, 0, 0, 0);
        let list = files(&dir, codec.fmt);
        for (name, src) in &list {
            let result = (codec.read)(src);
            if failures.contains(name) {
                match result {
                    Err(e) => {
                        assert!(e.line() >= 1 && e.column() >= 1);
                        println!("{name}: error as expected: {e}");
                        failed_as_expected += 1;
                    }
                    Ok(_) => problems.push(format!("{name}: read, but should fail")),
                }
                continue;
            }
            let parsed = match result {
                Ok(p) => p,
                Err(e) => {
                    problems.push(format!("{name}: {e}"));
                    continue;
                }
            };
            ok += 1;
            let w = &parsed.workout;
            let back = (codec.write)(w, &athlete)
                .and_then(|out| (codec.read)(&out.file).map(|p| p.workout));
            match back {
                Ok(back) => {
                    let same = match codec.units {
                        Some(u) if w.steps.iter().any(|s| has_other_units(s, u)) => {
                            in_units(w, u) == in_units(&back, u)
                        }
                        _ => back == *w,
                    };
                    if same {
                        round_trips += 1;
                    } else {
                        problems.push(format!("{name}: write → read changed the tree"));
                    }
                }
                Err(e) => problems.push(format!("{name}: write → read failed: {e}")),
            }
            let file_secs = if codec.fmt == "zwo" {
                zwo_file_seconds(src)
            } else {
                Some(course_file_seconds(src))
            };
            if let (Some(file), Some(read)) = (file_secs, total_seconds(w)) {
                if file == read {
                    durations += 1;
                } else {
                    problems.push(format!("{name}: file says {file} s, read {read} s"));
                }
            }
        }
        println!(
            "{}: {} files, {ok} read, {failed_as_expected} failed as expected, \
             {round_trips} round-trip equal, {durations} durations equal",
            codec.fmt,
            list.len()
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn has_other_units(s: &Step, units: PowerUnit) -> bool {
    let other = |i: &workout_doc::Interval| i.power.as_ref().is_some_and(|p| p.units != units);
    match s {
        Step::Interval(i) => other(i),
        Step::Repeat(r) => r.steps.iter().any(other),
    }
}

/// Hand checks: numbers read off the files by eye.
#[test]
fn hand_checked_samples() {
    let Some(dir) = corpus() else { return };
    // gc__IsoL4hour.mrc: 0-5 55%, 5-15 75%, 15-20 50%, 20-80 100%, 80-95 55%.
    let src = std::fs::read_to_string(dir.join("mrc/gc__IsoL4hour.mrc")).unwrap();
    let w = mrc::read(&src).unwrap().workout;
    assert_eq!(
        workout_doc::text::write(&w),
        "An hour at FTP\n\n- 5m 55%\n- 10m 75%\n- 5m 50%\n- 1h 100%\n- 15m 55%\n"
    );
    assert_eq!(total_seconds(&w), Some(95 * 60));
    // gc__TRwithTextCues.mrc: the cue at 600 s falls in the 150% step from 9.07 min (544 s)
    // to 10.10 min (606 s), 56 s in; the cue at 615 s 9 s into the 50% step after it.
    let src = std::fs::read_to_string(dir.join("mrc/gc__TRwithTextCues.mrc")).unwrap();
    let w = mrc::read(&src).unwrap().workout;
    let texts: Vec<String> = w.intervals().filter_map(|(_, i)| i.text.clone()).collect();
    assert_eq!(
        texts,
        [
            "56^10 This is a new message",
            "9^10 This message will show up at 10:15 into the workout"
        ]
    );
    let Step::Interval(i) = &w.steps[3] else {
        panic!()
    };
    assert_eq!(i.power.as_ref().unwrap().amount, Amount::Value(150.0));
    assert_eq!(i.length, Length::Time(606 - 544));
}

/// Hand check of a `.zwo`: isc/web-erg's test file has a 60 s warm-up from 40 to 60%, a
/// 30 s max effort, a 60 s `SolidState` at 70% and a lower-case 30 s cool-down 60 → 30%.
#[test]
fn hand_checked_zwo() {
    let Some(dir) = corpus() else { return };
    let src = std::fs::read_to_string(dir.join("zwo/isc__test_Mixed_And_Unusual.zwo")).unwrap();
    let parsed = zwo::read(&src).unwrap();
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let w = parsed.workout;
    assert_eq!(w.name.as_deref(), Some("Mixed & Unusual"));
    assert_eq!(total_seconds(&w), Some(180));
    assert_eq!(
        workout_doc::text::write(&w),
        "Covers the .zwo tags the runner used to drop silently.\n\nWarmup\n- 1m ramp 40-60%\n\n\
         - 30s maxeffort\n- 1m 70%\n\nCooldown\n- 30s ramp 60-30%\n"
    );
}
