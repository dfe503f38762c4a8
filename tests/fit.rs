//! The FIT codec: snapshots of fixture texts written as FIT and decoded again, errors that
//! name their byte, hostile input, and the law tree → FIT → tree keeps what FIT can hold.
#![cfg(not(target_arch = "wasm32"))]
// Test code fails by panicking: the workspace lints against it are for shipped code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod util;

use proptest::prelude::*;
use std::fmt::Write as _;
use workout_doc::fit::{self, Options, Spread};
use workout_doc::{
    text, Amount, Athlete, DistanceUnit, ErrorKind, Format, HrUnit, Interval, Length, Note,
    PaceLength, PaceUnit, PowerUnit, Repeat, Smoothing, Sport, Step, StepKind, Target, Workout,
};

fn exact() -> Options {
    Options {
        spread: Spread::Percent(0.0),
        ..Options::default()
    }
}

/// What a snapshot shows: the writer's warnings, and the file read back as text with the
/// reader's warnings; once for an athlete with thresholds, once without.
fn describe(src: &str) -> String {
    let w = text::parse(src).unwrap().workout;
    let mut out = String::new();
    let athletes = [
        (
            "ftp 250, default thresholds",
            Athlete {
                ftp: Some(250.0),
                ..Athlete::default()
            },
        ),
        ("no thresholds", Athlete::no_thresholds()),
    ];
    for (title, athlete) in athletes {
        let written = fit::write(&w, &athlete).unwrap();
        let back = fit::read_with(&written.file, &athlete).unwrap();
        let _ = writeln!(out, "--- {title}: {} bytes", written.file.len());
        for warning in &written.warnings {
            let _ = writeln!(out, "written: {}", warning.message);
        }
        for warning in &back.warnings {
            let _ = writeln!(out, "read: {warning}");
        }
        out.push_str(&text::write(&back.workout));
    }
    out
}

#[test]
fn fixture_texts_written_and_read_back() {
    let dir = util::root().join("fixtures/text");
    for path in util::files(&dir, "txt") {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let src = std::fs::read_to_string(&path).unwrap();
        if text::parse(&src).is_err() {
            continue;
        }
        insta::with_settings!({ description => src.clone(), omit_expression => true }, {
            insta::assert_snapshot!(format!("fit_{name}"), describe(&src));
        });
    }
}

#[test]
fn the_seed_reads_back_as_its_repeat() {
    let src = std::fs::read_to_string(util::root().join("fixtures/text/vo2max_4x8.txt")).unwrap();
    let w = text::parse(&src).unwrap().workout;
    let bytes = fit::write_with_options(&w, &Athlete::no_thresholds(), &exact())
        .unwrap()
        .file;
    let back = fit::read(&bytes).unwrap();
    // All but the category, which FIT has no place for (the writer says so).
    let w = Workout {
        category: None,
        ..w
    };
    assert_eq!(back.workout, w);
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
}

#[test]
fn format_fit_is_bytes_and_reads_back() {
    let w = text::parse("- 10m 200w").unwrap().workout;
    let out = Format::Fit.write(&w, &Athlete::default()).unwrap();
    assert!(Format::Fit.is_binary() && out.file.text().is_none());
    let back = Format::Fit.read_bytes(out.file.as_bytes()).unwrap().workout;
    assert_eq!(text::write(&back), "- 10m 194-206w\n");
    assert_eq!(Format::from_extension("FIT"), Some(Format::Fit));
}

/// A valid file to break: the seed, written exactly.
fn seed_bytes() -> Vec<u8> {
    let w = text::parse("- 20m 60%\n\nMain set 4x\n- 8m 110%\n- 8m 50%\n\n- 10m 60%\n")
        .unwrap()
        .workout;
    fit::write_with_options(&w, &Athlete::no_thresholds(), &exact())
        .unwrap()
        .file
}

fn error(bytes: &[u8]) -> (String, usize) {
    let e = fit::read(bytes).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Fit(_)), "{e:?}");
    assert_eq!((e.line(), e.column() as usize), (1, e.span().start + 1));
    (e.message(), e.span().start)
}

#[test]
fn errors_name_their_byte_and_what_was_expected() {
    let good = seed_bytes();
    assert_eq!(
        error(b""),
        (
            "invalid fit file: empty file: expected a fit file header at byte 0".into(),
            0
        )
    );
    assert_eq!(
        error(b"<workout_file/>"),
        (
            "invalid fit file: expected a fit file header at byte 0 (its size, 12 or 14), found 60"
                .into(),
            0
        )
    );
    let mut not_fit = good.clone();
    not_fit[9] = b'X';
    assert_eq!(
        error(&not_fit),
        (
            "invalid fit file: expected \".FIT\" at byte 8, found \".XIT\"".into(),
            8
        )
    );
    let mut header_crc = good.clone();
    header_crc[12] ^= 1;
    let (message, at) = error(&header_crc);
    assert!(
        message.starts_with("invalid fit file: expected crc 0x"),
        "{message}"
    );
    assert_eq!(at, 12);
    let mut body = good.clone();
    let last = body.len() - 3;
    body[last] ^= 0x55;
    let (message, at) = error(&body);
    assert!(
        message.contains(&format!("at byte {}", good.len() - 2)),
        "{message}"
    );
    assert_eq!(at, good.len() - 2);
    let (message, at) = error(&good[..good.len() - 10]);
    assert_eq!(at, good.len() - 10);
    assert!(
        message.contains("expected the rest of the record"),
        "{message}"
    );
}

#[test]
fn repeat_steps_must_point_back_at_a_step() {
    let ok = util::fit_file(&util::fit_steps(&[
        (0, 60_000, 0),
        (0, 30_000, 0),
        (6, 0, 3),
    ]));
    let w = fit::read(&ok).unwrap().workout;
    assert_eq!(text::write(&w), "3x\n- 1m\n- 30s\n");
    let forward = util::fit_file(&util::fit_steps(&[(0, 60_000, 0), (6, 5, 3)]));
    let (message, _) = error(&forward);
    assert!(
        message.contains("repeats from step 5: expected an earlier step"),
        "{message}"
    );
    let zero = util::fit_file(&util::fit_steps(&[(0, 60_000, 0), (6, 0, 0)]));
    assert!(error(&zero)
        .0
        .contains("expected a repeat count of at least 1"));
}

#[test]
fn nested_repeats_are_written_out() {
    // 2 x (1m, 3 x 30s).
    let nested = util::fit_file(&util::fit_steps(&[
        (0, 60_000, 0),
        (0, 30_000, 0),
        (6, 1, 3),
        (6, 0, 2),
    ]));
    let parsed = fit::read(&nested).unwrap();
    assert_eq!(
        text::write(&parsed.workout),
        "- 1m\n\n3x\n- 30s\n\n- 1m\n\n3x\n- 30s\n"
    );
    assert!(parsed.warnings[0]
        .message
        .starts_with("nested repeat written out"));
}

#[test]
fn hostile_files_stay_within_the_limits() {
    // A repeat count over the limit, and repeats of repeats past MAX_STEPS intervals.
    let limit =
        |bytes: &[u8]| fit::read(bytes).is_err_and(|e| matches!(e.kind(), ErrorKind::Limit { .. }));
    assert!(limit(&util::fit_file(&util::fit_steps(&[
        (0, 1000, 0),
        (6, 0, 2_000_000)
    ]))));
    let mut list = vec![(0, 1000, 0)];
    for _ in 0..8 {
        list.push((6, 0, 10));
    }
    assert!(limit(&util::fit_file(&util::fit_steps(&list))));
    // A week and a day.
    assert!(limit(&util::fit_file(&util::fit_steps(&[(
        0,
        8 * 24 * 3600 * 1000,
        0
    )]))));
    // Every truncation of a valid file is an error or a workout, never a panic.
    let good = seed_bytes();
    for n in 0..good.len() {
        let _ = fit::read(&good[..n]);
    }
}

#[test]
fn single_values_widen_by_the_spread() {
    let w = text::parse("- 10m 200w 90rpm\n- 5m 80%").unwrap().workout;
    let a = Athlete {
        ftp: Some(250.0),
        ..Athlete::default()
    };
    let read = |spread| {
        let o = Options {
            spread,
            ..Options::default()
        };
        let bytes = fit::write_with_options(&w, &a, &o).unwrap().file;
        text::write(&fit::read(&bytes).unwrap().workout)
    };
    assert_eq!(
        read(Spread::DEFAULT),
        "- 10m 194-206w 87-93rpm\n- 5m 194-206w\n"
    );
    assert_eq!(read(Spread::Percent(0.0)), "- 10m 200w 90rpm\n- 5m 200w\n");
    assert_eq!(
        read(Spread::Watts(10.0)),
        "- 10m 190-210w 87-93rpm\n- 5m 190-210w\n"
    );
}

#[test]
fn what_fit_cannot_hold_is_named() {
    let w = text::parse(
        "- 10m ramp 50-70% 90rpm 150bpm\n- 5m 80% 70% HR Z2 Pace 90rpm freeride\n- 1m 95% LTHR",
    )
    .unwrap()
    .workout;
    let out = fit::write(&w, &Athlete::no_thresholds()).unwrap();
    let messages: Vec<&str> = out.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "ramp written as a range: fit has no ramps (step 1)",
            "free ride left out: fit has none (step 2)",
            "heart-rate target left out: a fit step holds two (step 2)",
            "pace target left out: a fit step holds two (step 2)",
            "heart-rate target left out: fit holds bpm or % of max hr, and % of lthr needs the athlete's lthr (step 3)",
        ]
    );
    let many = text::parse(&"- 1m 50%\n".repeat(60)).unwrap().workout;
    let out = fit::write(&many, &Athlete::default()).unwrap();
    assert_eq!(
        out.warnings[0].message,
        "60 fit steps: garmin edge devices accept about 50"
    );
}

/// A pace so slow that its FIT speed is a few mm/s (found by the proptest law that every
/// format reads back what it wrote): read back without that target and with a warning,
/// never refused.
#[test]
fn a_crawling_pace_reads_back_without_its_target() {
    let w = text::parse("- 10m 0.05% Pace").unwrap().workout;
    let out = fit::write(&w, &Athlete::default()).unwrap();
    let back = fit::read(&out.file).unwrap();
    assert_eq!(text::write(&back.workout), "- 10m\n");
    assert!(
        back.warnings[0]
            .message
            .starts_with("pace target left out: a speed of 2 mm/s is slower than"),
        "{:?}",
        back.warnings
    );
}

fn word() -> impl Strategy<Value = String> {
    "[A-Za-z][a-z]{0,8}"
}

fn words() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..4).prop_map(|w| w.join(" "))
}

fn whole(range: std::ops::Range<u32>) -> impl Strategy<Value = f64> {
    range.prop_map(f64::from)
}

/// One value, or a range from the lower to the higher end (as FIT reads them back).
fn amount(range: std::ops::Range<u32>) -> impl Strategy<Value = Amount> {
    prop_oneof![
        whole(range.clone()).prop_map(Amount::Value),
        (whole(range.clone()), whole(range)).prop_filter_map("distinct", |(a, b)| {
            (a != b).then(|| Amount::Range {
                start: a.min(b),
                end: a.max(b),
            })
        }),
    ]
}

#[derive(Debug, Clone, Copy)]
enum Slot {
    Power,
    Hr,
    Pace,
    Cadence,
}

/// An interval FIT holds: whole seconds or centimetres, whole-unit targets in at most two
/// slots (cadence only second, as the writer puts it), no ramps or flags FIT lacks.
fn interval() -> impl Strategy<Value = Interval> {
    let length = prop_oneof![
        (1u32..20_000).prop_map(Length::Time),
        (1u32..999).prop_map(|m| Length::Distance {
            value: f64::from(m),
            unit: DistanceUnit::Metre,
        }),
        (1u32..50).prop_map(|k| Length::Distance {
            value: f64::from(k),
            unit: DistanceUnit::Kilometre,
        }),
        Just(Length::Time(0)),
    ];
    let power = prop_oneof![
        amount(1..1000).prop_map(|a| Target::new(PowerUnit::PercentFtp, a)),
        amount(1..2000).prop_map(|a| Target::new(PowerUnit::Watts, a)),
        (1u32..8).prop_map(|z| Target::new(PowerUnit::Zone, Amount::Value(f64::from(z)))),
    ];
    let power = (
        power,
        prop::sample::select(vec![
            None,
            Some(Smoothing::S3),
            Some(Smoothing::S10),
            Some(Smoothing::S30),
            Some(Smoothing::Lap),
        ]),
    )
        .prop_map(|(t, smoothing)| Target { smoothing, ..t });
    let hr = prop_oneof![
        amount(1..100).prop_map(|a| Target::new(HrUnit::PercentMax, a)),
        (1u32..6).prop_map(|z| Target::new(HrUnit::Zone, Amount::Value(f64::from(z)))),
    ];
    let hr = (hr, prop::sample::select(vec![None, Some(Smoothing::Lap)]))
        .prop_map(|(t, smoothing)| Target { smoothing, ..t });
    let pace = prop_oneof![
        // Whole seconds per km up to 15 min: the mm/s FIT keeps give them back.
        amount(150..900).prop_map(|a| {
            let (low, high) = a.bounds();
            let a = if low == high {
                Amount::Value(low)
            } else {
                Amount::Range {
                    start: high,
                    end: low,
                }
            };
            Target::new(PaceUnit::Absolute(Some(PaceLength::Km)), a)
        }),
        (1u32..6).prop_map(|z| Target::new(PaceUnit::Zone, Amount::Value(f64::from(z)))),
    ];
    let pace = (pace, prop::sample::select(vec![None, Some(Smoothing::Lap)]))
        .prop_map(|(t, smoothing)| Target { smoothing, ..t });
    let slots = prop::sample::select(vec![
        vec![],
        vec![Slot::Power],
        vec![Slot::Hr],
        vec![Slot::Pace],
        vec![Slot::Power, Slot::Cadence],
        vec![Slot::Power, Slot::Hr],
        vec![Slot::Hr, Slot::Pace],
        vec![Slot::Pace, Slot::Cadence],
    ]);
    let kind = prop_oneof![
        Just((None, false, false)),
        Just((None, true, false)),
        Just((None, false, true)),
        prop::sample::select(vec![
            StepKind::Active,
            StepKind::Rest,
            StepKind::Recovery,
            StepKind::Interval,
            StepKind::Other
        ])
        .prop_map(|k| (Some(k), false, false)),
    ];
    (
        prop::option::of(words()),
        length,
        (power, hr, pace, amount(40..130)),
        slots,
        kind,
    )
        .prop_map(
            |(text, length, (power, hr, pace, cadence), slots, (intensity, warmup, cooldown))| {
                let mut i = Interval {
                    text,
                    length,
                    until_lap_press: length == Length::Time(0),
                    intensity,
                    warmup,
                    cooldown,
                    ..Interval::default()
                };
                for slot in slots {
                    match slot {
                        Slot::Power => i.power = Some(power.clone()),
                        Slot::Hr => i.hr = Some(hr.clone()),
                        Slot::Pace => i.pace = Some(pace.clone()),
                        Slot::Cadence => i.cadence = Some(cadence),
                    }
                }
                i
            },
        )
}

fn workout() -> impl Strategy<Value = Workout> {
    let step = prop_oneof![
        3 => interval().prop_map(Step::Interval),
        1 => (1u32..12, prop::collection::vec(interval(), 1..4), any::<bool>()).prop_map(|(reps, steps, main)| {
            Step::Repeat(Repeat {
                reps,
                text: if main { format!("Main set {reps}x") } else { format!("{reps}x") },
                steps,
                span: Default::default(),
            })
        }),
    ];
    (
        prop::option::of(words()),
        prop::sample::select(vec![
            None,
            Some(Sport::Ride),
            Some(Sport::Run),
            Some(Sport::Row),
        ]),
        prop::option::of(words()),
        prop::collection::vec(step, 0..12),
    )
        .prop_map(|(name, sport, description, steps)| Workout {
            name,
            sport,
            notes: description
                .map(|text| Note { before: 0, text })
                .into_iter()
                .collect(),
            steps,
            ..Workout::default()
        })
}

proptest! {
    /// tree → FIT → tree keeps everything FIT holds (written without thresholds and without
    /// widening, so targets keep their units and single values).
    #[test]
    fn tree_fit_tree(w in workout()) {
        let out = fit::write_with_options(&w, &Athlete::no_thresholds(), &exact()).unwrap();
        prop_assert!(out.warnings.is_empty(), "{:?}", out.warnings);
        let back = fit::read(&out.file).unwrap();
        prop_assert_eq!(&back.workout, &w);
        prop_assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    }

    /// The reader never panics on near misses of a real file: bytes flipped, cut, spliced.
    #[test]
    fn reader_never_panics_on_damaged_files(flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8), cut in any::<prop::sample::Index>()) {
        let mut bytes = seed_bytes();
        for (at, byte) in flips {
            let n = at.index(bytes.len());
            bytes[n] = byte;
        }
        let n = cut.index(bytes.len() + 1);
        let _ = fit::read(&bytes[..n]);
    }
}
