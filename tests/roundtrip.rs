//! Round-trip laws over generated workouts and generated text:
//! `parse(write(w)) == w` and `write(parse(write(w))) == write(w)` for every tree the
//! parser can produce, and for any text that parses, its tree is stable under write/parse.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use workout_doc::{
    text, Amount, DistanceUnit, HrUnit, Interval, Length, Note, PaceLength, PaceUnit, PowerUnit,
    Repeat, Smoothing, Span, Step, StepKind, Target, Workout,
};

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 10_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Words that are never tokens, for step text and notes.
const WORDS: &[&str] = &[
    "Easy",
    "spin",
    "Hard",
    "effort",
    "Recovery",
    "build",
    "steady",
    "—",
    "(seated)",
    "ramp",
    "go!",
    "Over-under",
    "cap",
    "2/10",
];

fn words(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..=max).prop_map(|w| w.join(" "))
}

/// A number as people write them: whole or with one or two decimals.
fn num(max: u32) -> impl Strategy<Value = f64> {
    (0..=max, prop::sample::select(&[0u32, 0, 5, 25][..]))
        .prop_map(|(n, hundredths)| f64::from(n) + f64::from(hundredths) / 100.0)
}

fn amount(max: u32) -> impl Strategy<Value = Amount> {
    prop_oneof![
        num(max).prop_map(Amount::Value),
        (num(max), num(max)).prop_map(|(start, end)| Amount::Range { start, end }),
    ]
}

fn zone() -> impl Strategy<Value = Amount> {
    prop_oneof![
        (1..=7u8).prop_map(|z| Amount::Value(f64::from(z))),
        (1..=7u8, 1..=7u8).prop_map(|(a, b)| Amount::Range {
            start: f64::from(a),
            end: f64::from(b)
        }),
    ]
}

fn smoothing() -> impl Strategy<Value = Option<Smoothing>> {
    prop::option::weighted(0.2, prop::sample::select(&Smoothing::ALL[..]))
}

fn power() -> impl Strategy<Value = Target<PowerUnit>> {
    let amount = prop_oneof![
        amount(300).prop_map(|a| (PowerUnit::PercentFtp, a)),
        amount(2000).prop_map(|a| (PowerUnit::Watts, a)),
        zone().prop_map(|a| (PowerUnit::Zone, a)),
    ];
    (amount, smoothing()).prop_map(|((units, amount), smoothing)| Target {
        units,
        amount,
        smoothing,
    })
}

fn hr() -> impl Strategy<Value = Target<HrUnit>> {
    let amount = prop_oneof![
        amount(120).prop_map(|a| (HrUnit::PercentMax, a)),
        amount(120).prop_map(|a| (HrUnit::PercentLthr, a)),
        zone().prop_map(|a| (HrUnit::Zone, a)),
    ];
    (amount, smoothing()).prop_map(|((units, amount), smoothing)| Target {
        units,
        amount,
        smoothing,
    })
}

fn pace() -> impl Strategy<Value = Target<PaceUnit>> {
    let clock = || (60..=900u32).prop_map(f64::from);
    let absolute = prop_oneof![
        clock().prop_map(Amount::Value),
        (clock(), clock()).prop_map(|(start, end)| Amount::Range { start, end }),
    ];
    let length = prop::option::of(prop::sample::select(&PaceLength::ALL[..]));
    let amount = prop_oneof![
        amount(150).prop_map(|a| (PaceUnit::PercentThreshold, a)),
        zone().prop_map(|a| (PaceUnit::Zone, a)),
        (absolute, length).prop_map(|(a, l)| (PaceUnit::Absolute(l), a)),
    ];
    (amount, smoothing()).prop_map(|((units, amount), smoothing)| Target {
        units,
        amount,
        smoothing,
    })
}

fn length() -> impl Strategy<Value = Length> {
    let unit = prop::sample::select(
        &[
            DistanceUnit::Metre,
            DistanceUnit::Kilometre,
            DistanceUnit::Mile,
            DistanceUnit::Yard,
        ][..],
    );
    prop_oneof![
        3 => (1..=workout_doc::limits::MAX_STEP_SECONDS).prop_map(Length::Time),
        1 => ((1..=5_000u32), unit).prop_map(|(v, unit)| Length::Distance {
            value: f64::from(v) / 10.0,
            unit
        }),
    ]
}

prop_compose! {
    fn interval()(
        text in prop::option::of(words(4)),
        length in length(),
        power in prop::option::of(power()),
        hr in prop::option::of(hr()),
        pace in prop::option::of(pace()),
        cadence in prop::option::of(amount(150)),
        flags in prop::array::uniform5(prop::bool::weighted(0.15)),
        intensity in prop::option::weighted(0.1, prop::sample::select(&StepKind::ALL[..])),
    ) -> Interval {
        Interval {
            text,
            length,
            power,
            hr,
            pace,
            cadence,
            ramp: flags[0],
            freeride: flags[1],
            maxeffort: flags[2],
            hidepower: flags[3],
            until_lap_press: flags[4],
            intensity,
            ..Interval::default()
        }
    }
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (interval(), 0..3u8).prop_map(|(mut i, section)| {
            i.warmup = section == 1;
            i.cooldown = section == 2;
            Step::Interval(i)
        }),
        1 => (1..=workout_doc::limits::MAX_REPEATS, prop::option::of(words(3)),
              prop::collection::vec(interval(), 1..4))
            .prop_map(|(reps, title, steps)| Step::Repeat(Repeat {
                reps,
                text: match title {
                    Some(t) => format!("{t} {reps}x"),
                    None => format!("{reps}x"),
                },
                steps,
                span: Span::default(),
            })),
    ]
}

fn workout() -> impl Strategy<Value = Workout> {
    (
        prop::collection::vec(step(), 0..8),
        prop::collection::vec((0..8usize, prop::collection::vec(words(5), 1..3)), 0..3),
        prop::option::of(words(2)),
    )
        .prop_map(|(steps, notes, category)| {
            let mut notes: Vec<Note> = notes
                .into_iter()
                .map(|(at, lines)| Note {
                    before: at.min(steps.len()),
                    text: lines.join("\n"),
                })
                .collect();
            notes.sort_by_key(|n| n.before);
            Workout {
                category,
                notes,
                steps,
                ..Workout::default()
            }
        })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn generated_trees_round_trip(w in workout()) {
        let canonical = text::write(&w);
        let parsed = text::parse(&canonical).map_err(|e| TestCaseError::fail(format!("{e}\n{canonical}")))?;
        prop_assert_eq!(&parsed.workout, &w, "{}", canonical);
        prop_assert_eq!(text::write(&parsed.workout), canonical);
    }

    #[test]
    fn any_text_is_stable(lines in prop::collection::vec(line(), 0..12)) {
        let src = lines.join("\n");
        if let Ok(first) = text::parse(&src) {
            let canonical = text::write(&first.workout);
            let second = text::parse(&canonical).map_err(|e| TestCaseError::fail(format!("{e}\n{canonical}")))?;
            prop_assert_eq!(&second.workout, &first.workout, "{}\n=>\n{}", src, canonical);
            prop_assert_eq!(text::write(&second.workout), canonical);
        }
    }
}

/// Lines made of language tokens, near-tokens and prose, in any order.
fn line() -> impl Strategy<Value = String> {
    const TOKENS: &[&str] = &[
        "-",
        "- ",
        "10m",
        "30s",
        "1m30",
        "1h2m",
        "5'",
        "30\"",
        "2km",
        "500mtr",
        "1mi",
        "75%",
        "95-105%",
        "54%-66%",
        "220w",
        "200-240w",
        "Z2",
        "z3-Z4",
        "HR",
        "LTHR",
        "Pace",
        "70%",
        "5:00/km",
        "7:15-7:00/km",
        "1:45/100m",
        "90rpm",
        "90",
        "rpm",
        "40-50",
        "ramp",
        "Ramp",
        "freeride",
        "maxeffort",
        "hidepower",
        "Press",
        "lap",
        "intensity=rest",
        "power=1s",
        "hr=3s",
        "3x",
        "Main",
        "set",
        "4x",
        "Warmup",
        "Cooldown",
        "Warm up",
        "Category:",
        "<40%",
        "(68%",
        "500w+",
        "40–55%",
        "—",
        "easy",
        "60^30",
        "20^",
        "0s",
        "20min",
        "x",
        "\t",
        "  ",
        "%",
        "w",
        "Z",
        "Z0",
        "Z9",
        "1.5",
        "0.4km",
    ];
    prop::collection::vec(prop::sample::select(TOKENS), 0..8).prop_map(|w| w.join(" "))
}
