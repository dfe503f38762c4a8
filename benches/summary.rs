//! `Workout::summary` cost: it must not grow with seconds or repetitions.
//!
//! Groups: `summary` over the seed workout, a long real-world-sized workout, and `1000000x`
//! of a 10 h step (work per step, not per second: all should take about the same time);
//! `parse+summary` over the text fixtures and, where the corpus is beside the checkout, its real
//! texts (what an app does per workout), in bytes of text.
// Test code fails by panicking: the workspace lints against it are for shipped code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use workout_doc::{text, Athlete};

mod common;

const SEED: &str = "- 20m 60% 90-100rpm\n\nMain set 4x\n- 8m 110%\n- 8m 50%\n\n- 10m 60%\n";

fn long_workout() -> String {
    let mut s = String::from("Warmup\n- 15m ramp 40-75%\n\n");
    for k in 0..40 {
        s.push_str(&format!(
            "{}x\n- 30s {}%\n- 30s 50%\n- 2m Z2\n\n",
            3 + k % 5,
            100 + k
        ));
    }
    s.push_str("Cooldown\n- 10m ramp 70-40%\n");
    s
}

fn bench(c: &mut Criterion) {
    let athlete = Athlete::default();
    let mut g = c.benchmark_group("summary");
    let cases = [
        ("seed", SEED.to_owned()),
        ("long", long_workout()),
        (
            "million-reps",
            "1000000x\n- 10h 100%\n- 30s 50%\n".to_owned(),
        ),
        ("ramps", "200x\n- 7s ramp 50-150%\n- 5s 200w\n".to_owned()),
    ];
    for (name, src) in &cases {
        let w = text::parse(src).map(|p| p.workout).unwrap_or_default();
        let steps = w.intervals().count() as u64;
        g.throughput(Throughput::Elements(steps));
        g.bench_with_input(BenchmarkId::from_parameter(name), &w, |b, w| {
            b.iter(|| black_box(w).summary(black_box(&athlete)))
        });
    }
    g.finish();
}

fn bench_parse_summary(c: &mut Criterion) {
    let athlete = Athlete::default();
    let mut g = c.benchmark_group("parse+summary");
    let inputs = [
        Some(("fixtures", common::text_fixtures())),
        common::corpus_files("texts", "txt").map(|t| ("corpus", t)),
    ];
    for (name, texts) in inputs.into_iter().flatten() {
        g.throughput(Throughput::Bytes(
            texts.iter().map(String::len).sum::<usize>() as u64,
        ));
        g.bench_function(name, |b| {
            b.iter(|| {
                for t in &texts {
                    let w = text::parse(black_box(t)).expect("text parses").workout;
                    black_box(w.summary(&athlete));
                }
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench, bench_parse_summary);
criterion_main!(benches);
