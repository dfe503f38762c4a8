//! The native side of the peer benchmark (`benches/peer/run.js` runs it): workouts/s of
//! the library over the texts of one folder, one line of JSON per measure.
//!
//! `cargo bench --bench peer -- DIR [SECONDS [MEASURE]]` (the default `SECONDS` is 1 per
//! measure; a `MEASURE` name runs that one alone, for a profiler):
//! `bare split` (`lines()` + `split_whitespace()`, the floor any reader pays), `parse`
//! (`text::parse`), `summary` (`Workout::summary` of the parsed texts), `parse+summary`,
//! and `parse+workout_doc` (`text::parse` then `icu::to_json`), all at FTP 250 as the
//! TypeScript peer's zones. Without `DIR` (as under a plain `cargo bench`) it prints a
//! notice and does nothing.
// Bench code fails by panicking: the workspace lints against it are for shipped code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;
use std::time::{Duration, Instant};
use workout_doc::{icu, text, Athlete, Workout};

/// Workouts per second of `run` (one call handles all `n` workouts), timed over `secs`.
fn rate(n: usize, secs: f64, mut run: impl FnMut()) -> f64 {
    let warm = Instant::now();
    while warm.elapsed() < Duration::from_millis(100) {
        run();
    }
    let start = Instant::now();
    let mut calls = 0u64;
    while start.elapsed().as_secs_f64() < secs {
        run();
        calls += 1;
    }
    (calls as f64 * n as f64) / start.elapsed().as_secs_f64()
}

fn main() {
    // Criterion's flags (`--bench`, `--warm-up-time 1`, …) may come too: take the first
    // argument that is a folder, and the first number after it.
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(at) = args.iter().position(|a| std::path::Path::new(a).is_dir()) else {
        println!("peer: no folder of texts given (benches/peer/run.js passes one); skipped");
        return;
    };
    let secs: f64 = args.get(at + 1).and_then(|s| s.parse().ok()).unwrap_or(1.0);
    let mut files: Vec<_> = std::fs::read_dir(&args[at])
        .expect("read the folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("read a text"))
        .collect();
    let athlete = Athlete {
        ftp: Some(250.0),
        ..Athlete::default()
    };
    let workouts: Vec<Workout> = texts
        .iter()
        .map(|t| text::parse(t).expect("text parses").workout)
        .collect();
    let n = texts.len();
    let measures: [(&str, &mut dyn FnMut()); 5] = [
        ("bare split", &mut || {
            for t in &texts {
                black_box(
                    t.lines()
                        .map(|l| l.split_whitespace().count())
                        .sum::<usize>(),
                );
            }
        }),
        ("parse", &mut || {
            for t in &texts {
                black_box(text::parse(black_box(t)).expect("text parses"));
            }
        }),
        ("summary", &mut || {
            for w in &workouts {
                black_box(black_box(w).summary(&athlete));
            }
        }),
        ("parse+summary", &mut || {
            for t in &texts {
                let w = text::parse(black_box(t)).expect("text parses").workout;
                black_box(w.summary(&athlete));
            }
        }),
        ("parse+workout_doc", &mut || {
            for t in &texts {
                let w = text::parse(black_box(t)).expect("text parses").workout;
                black_box(icu::to_json(&w, &athlete).expect("json"));
            }
        }),
    ];
    let only = args.get(at + 2).filter(|a| !a.starts_with("--"));
    for (name, run) in measures {
        if only.is_some_and(|o| o != name) {
            continue;
        }
        let per_sec = rate(n, secs, run);
        println!(r#"{{"measure":"{name}","texts":{n},"workouts_per_sec":{per_sec:.0}}}"#);
    }
}
