//! Throughput of the `.zwo` reader and writer, side by side with a bare quick-xml loop over
//! the same bytes that reads every event and unescapes every attribute value (the floor any
//! quick-xml based reader stands on), and of the course
//! reader and writer. Inputs: `fixtures/zwo/all_elements.zwo`'s blocks repeated to about
//! half a megabyte (group `zwo`), and the well-formed real files of `../shared/corpus/zwo`
//! (those `zwo::read` reads without error), each on its own (group `zwo-corpus`; skipped
//! with a notice without the corpus).
//!
//! `cargo bench --bench codecs -- --warm-up-time 1 --measurement-time 3`
// Test code fails by panicking: the workspace lints against it are for shipped code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use quick_xml::events::Event;
use quick_xml::XmlVersion;
use std::hint::black_box;
use workout_doc::{mrc, zwo, Step, Workout};

mod common;

fn big_workout() -> Workout {
    let src = include_str!("../fixtures/zwo/all_elements.zwo");
    let mut w = zwo::read(src).expect("fixture reads").workout;
    let steps = w.steps.clone();
    for _ in 0..300 {
        w.steps.extend(steps.iter().cloned());
    }
    w
}

/// The floor a quick-xml based `.zwo` reader stands on: every event read, every attribute
/// value unescaped (normalised as XML 1.0 says, as the reader does); the count of events
/// and attributes.
fn bare_quick_xml(xml: &str) -> usize {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut seen = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) | Err(_) => return seen,
            Ok(Event::Start(e) | Event::Empty(e)) => {
                for a in e.attributes().with_checks(false).flatten() {
                    seen += a
                        .normalized_value(XmlVersion::Implicit1_0)
                        .map_or(0, |v| v.len());
                }
                seen += 1;
            }
            Ok(_) => seen += 1,
        }
    }
}

fn zwo_corpus_benches(c: &mut Criterion) {
    let Some(files) = common::corpus_files("zwo", "zwo") else {
        return;
    };
    // The well-formed files: those the reader reads without error.
    let files: Vec<String> = files.into_iter().filter(|f| zwo::read(f).is_ok()).collect();
    let bytes: usize = files.iter().map(String::len).sum();
    println!("zwo-corpus: {} files, {bytes} bytes", files.len());
    let mut g = c.benchmark_group("zwo-corpus");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("bare quick-xml events and attributes", |b| {
        b.iter(|| {
            for f in &files {
                black_box(bare_quick_xml(black_box(f)));
            }
        })
    });
    g.bench_function("read", |b| {
        b.iter(|| {
            for f in &files {
                black_box(zwo::read(black_box(f)).expect("reads"));
            }
        })
    });
    g.finish();
}

fn zwo_benches(c: &mut Criterion) {
    let w = big_workout();
    let xml = zwo::write(&w).expect("writes");
    let mut g = c.benchmark_group("zwo");
    g.throughput(Throughput::Bytes(xml.len() as u64));
    g.bench_function("bare quick-xml events and attributes", |b| {
        b.iter(|| bare_quick_xml(black_box(&xml)))
    });
    g.bench_function("read", |b| b.iter(|| zwo::read(black_box(&xml))));
    g.bench_function("write", |b| b.iter(|| zwo::write(black_box(&w))));
    g.finish();
}

fn course_benches(c: &mut Criterion) {
    let mut w = big_workout();
    // Course files hold %FTP power only: keep those steps.
    w.steps.retain(|s| {
        matches!(s, Step::Interval(i) if i.power.as_ref().is_some_and(|p| p.units == workout_doc::PowerUnit::PercentFtp))
    });
    let text = mrc::write(&w).expect("writes");
    let mut g = c.benchmark_group("mrc");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("read", |b| b.iter(|| mrc::read(black_box(&text))));
    g.bench_function("write", |b| b.iter(|| mrc::write(black_box(&w))));
    g.finish();
}

criterion_group!(benches, zwo_corpus_benches, zwo_benches, course_benches);
criterion_main!(benches);
