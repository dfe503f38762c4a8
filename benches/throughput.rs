//! Text throughput: parse, write and JSON over our own fixtures, and parse over real texts.
//!
//! Inputs:
//! - `fixtures`: each of our `fixtures/text/` parsed on its own, as an app parses one
//!   workout at a time (they test features and edge cases: warnings, odd tokens, prose);
//! - `big`: the fixtures joined into one ~1 MB text, for steady-state MB/s;
//! - `corpus`: each real text of `../shared/corpus/texts/` (written by Intervals.icu users)
//!   parsed on its own, where the corpus is beside the checkout.
//!
//! Group `text-floor` puts `text::parse` of the corpus texts beside a bare scan of the same
//! bytes (`lines()` and `split_whitespace()`, counting the words), with the same
//! throughput: the reader must run at no less than 0.4x the scan.
// Test code fails by panicking: the workspace lints against it are for shipped code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use workout_doc::{icu, text, Athlete};

mod common;

fn bench_text(c: &mut Criterion) {
    let texts = common::text_fixtures();
    let total: usize = texts.iter().map(String::len).sum();
    let mut big = String::new();
    while big.len() < 1 << 20 {
        for t in &texts {
            big.push_str(t);
            big.push_str("\n\n");
        }
    }

    let mut g = c.benchmark_group("text");
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("parse/fixtures", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(text::parse(black_box(t)).expect("fixture parses"));
            }
        })
    });
    let parsed: Vec<_> = texts
        .iter()
        .map(|t| text::parse(t).expect("fixture parses").workout)
        .collect();
    g.bench_function("write/fixtures", |b| {
        b.iter(|| {
            for w in &parsed {
                black_box(text::write(black_box(w)));
            }
        })
    });
    g.bench_function("json/fixtures", |b| {
        let athlete = Athlete::default();
        b.iter(|| {
            for w in &parsed {
                black_box(icu::to_json(black_box(w), &athlete).expect("json"));
            }
        })
    });
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.bench_function("parse/big", |b| {
        b.iter(|| black_box(text::parse(black_box(&big)).expect("big parses")))
    });
    if let Some(corpus) = common::corpus_files("texts", "txt") {
        g.throughput(Throughput::Bytes(
            corpus.iter().map(String::len).sum::<usize>() as u64,
        ));
        g.bench_function("parse/corpus", |b| {
            b.iter(|| {
                for t in &corpus {
                    black_box(text::parse(black_box(t)).expect("corpus text parses"));
                }
            })
        });
    }
    g.finish();
}

/// The speed floor: `text::parse` against the least any reader must do, over the same
/// texts in the same run.
fn bench_floor(c: &mut Criterion) {
    let Some(corpus) = common::corpus_files("texts", "txt") else {
        return;
    };
    let mut g = c.benchmark_group("text-floor");
    g.throughput(Throughput::Bytes(
        corpus.iter().map(String::len).sum::<usize>() as u64,
    ));
    g.bench_function("scan/corpus", |b| {
        b.iter(|| {
            let mut words = 0;
            for t in &corpus {
                for line in black_box(t.as_str()).lines() {
                    words += line.split_whitespace().count();
                }
            }
            black_box(words)
        })
    });
    g.bench_function("parse/corpus", |b| {
        b.iter(|| {
            for t in &corpus {
                black_box(text::parse(black_box(t)).expect("corpus text parses"));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench_text, bench_floor);
criterion_main!(benches);
