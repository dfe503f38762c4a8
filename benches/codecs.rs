//! Throughput of the `.zwo` reader and writer, side by side with a bare quick-xml event loop
//! over the same bytes (the floor any quick-xml based reader stands on), and of the course
//! reader and writer. Input: `fixtures/zwo/all_elements.zwo`'s blocks repeated to about
//! half a megabyte.
//!
//! `cargo bench --bench codecs -- --warm-up-time 1 --measurement-time 2`
// Test code fails by panicking: the workspace lints against it are for shipped code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use quick_xml::events::Event;
use std::hint::black_box;
use workout_doc::{mrc, zwo, Step, Workout};

fn big_workout() -> Workout {
    let src = include_str!("../fixtures/zwo/all_elements.zwo");
    let mut w = zwo::read(src).expect("fixture reads").workout;
    let steps = w.steps.clone();
    for _ in 0..300 {
        w.steps.extend(steps.iter().cloned());
    }
    w
}

fn bare_quick_xml(xml: &str) -> usize {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut events = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) | Err(_) => return events,
            Ok(_) => events += 1,
        }
    }
}

fn zwo_benches(c: &mut Criterion) {
    let w = big_workout();
    let xml = zwo::write(&w).expect("writes");
    let mut g = c.benchmark_group("zwo");
    g.throughput(Throughput::Bytes(xml.len() as u64));
    g.bench_function("bare quick-xml events", |b| {
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

criterion_group!(benches, zwo_benches, course_benches);
criterion_main!(benches);
