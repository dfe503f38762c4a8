//! The `.zwo`, `.mrc` and `.erg` codecs: the seed conversion, snapshots over our own
//! fixtures (`fixtures/{zwo,mrc,erg}/`, where `err_*` files must fail), safety cases, and
//! the round-trip laws (tree → file → tree keeps everything the format can hold).
#![cfg(not(target_arch = "wasm32"))]
// Test code fails by panicking: the workspace lints against it are for shipped code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use proptest::prelude::*;
use std::fmt::Write as _;
use std::path::Path;
use workout_doc::{
    erg, mrc, text, zwo, Amount, Athlete, Error, ErrorKind, Format, Interval, Length, Note,
    PaceUnit, Parsed, PowerUnit, Prompt, Repeat, Sport, Step, Target, Workout, Written,
};

const SEED: &str = "These are horribly nasty.\nCategory: Horrible\n\n- 20m 60% 90-100rpm\n\n\
                    Main set 4x\n- 8m 110%\n- 8m 50%\n\n- 10m 60%\n";

fn athlete() -> Athlete {
    Athlete {
        ftp: Some(250.0),
        ..Default::default()
    }
}

fn fixture(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel);
    String::from_utf8(std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn seed_zwo_converts_to_the_seed_text() {
    let w = zwo::read(&fixture("zwo/seed_horribly_nasty.zwo"))
        .unwrap()
        .workout;
    assert_eq!(text::write(&w), SEED);
    // The same tree the text parser makes, apart from what text does not hold.
    let mut from_text = text::parse(SEED).unwrap().workout;
    from_text.name = w.name.clone();
    from_text.author = w.author.clone();
    from_text.sport = w.sport;
    assert_eq!(w, from_text);
    // And text → zwo → text gives the seed text back.
    let again = zwo::read(&zwo::write(&from_text).unwrap()).unwrap().workout;
    assert_eq!(text::write(&again), SEED);
}

fn list(out: &mut String, title: &str, warnings: &[workout_doc::Warning]) {
    if warnings.is_empty() {
        return;
    }
    let _ = writeln!(out, "{title}:");
    for w in warnings {
        let _ = writeln!(out, "  {w}");
    }
}

/// What a fixture snapshot shows: the canonical text and warnings, and the file written
/// back (for a 250 W FTP) with its warnings; or the error.
fn describe(
    src: &str,
    read: fn(&str) -> Result<Parsed, Error>,
    write: fn(&Workout, &Athlete) -> Result<Written, Error>,
) -> String {
    let parsed = match read(src) {
        Ok(p) => p,
        Err(e) => return format!("error: {e}\nkind: {:?}\n", e.kind()),
    };
    let w = &parsed.workout;
    let mut out = String::new();
    for (key, value) in [
        ("name", w.name.as_deref()),
        ("author", w.author.as_deref()),
        ("subcategory", w.subcategory.as_deref()),
    ] {
        if let Some(v) = value {
            let _ = writeln!(out, "{key}: {v}");
        }
    }
    if let Some(s) = w.sport {
        let _ = writeln!(out, "sport: {}", s.as_str());
    }
    if !w.tags.is_empty() {
        let _ = writeln!(out, "tags: {}", w.tags.join(", "));
    }
    let _ = writeln!(out, "text:\n{}", text::write(w));
    list(&mut out, "warnings", &parsed.warnings);
    match write(w, &athlete()) {
        Ok(written) => {
            let _ = writeln!(out, "written:\n{}", written.file);
            list(&mut out, "write warnings", &written.warnings);
        }
        Err(e) => {
            let _ = writeln!(out, "write error: {e}");
        }
    }
    out
}

fn snapshot_dir(
    ext: &str,
    read: fn(&str) -> Result<Parsed, Error>,
    write: fn(&Workout, &Athlete) -> Result<Written, Error>,
) {
    insta::glob!("../fixtures", &format!("{ext}/*.{ext}"), |path| {
        let src = String::from_utf8(std::fs::read(path).unwrap()).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        let must_fail = name.starts_with("err_");
        assert_eq!(read(&src).is_err(), must_fail, "{name}");
        insta::assert_snapshot!(describe(&src, read, write));
    });
}

#[test]
fn zwo_fixtures() {
    snapshot_dir("zwo", zwo::read, zwo::write_with);
}

#[test]
fn mrc_fixtures() {
    snapshot_dir("mrc", mrc::read, mrc::write_with);
}

#[test]
fn erg_fixtures() {
    snapshot_dir("erg", erg::read, erg::write_with);
}

#[test]
fn fixtures_round_trip_through_their_own_format() {
    for (ext, read, write) in [
        (
            "zwo",
            zwo::read as fn(&str) -> _,
            zwo::write_with as fn(&_, &_) -> _,
        ),
        ("mrc", mrc::read, mrc::write_with),
        ("erg", erg::read, erg::write_with),
    ] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(ext);
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with("err_") || name == "watts_header.mrc" || name == "percent.erg" {
                continue; // units the format does not write: covered by the snapshots
            }
            let src = String::from_utf8(std::fs::read(&path).unwrap()).unwrap();
            let w = read(&src).unwrap().workout;
            let written: Written = write(&w, &athlete()).unwrap();
            assert_eq!(read(&written.file).unwrap().workout, w, "{name}");
        }
    }
}

#[test]
fn entities_are_never_expanded() {
    let parsed = zwo::read(&fixture("zwo/billion_laughs.zwo")).unwrap();
    assert_eq!(parsed.workout.name.as_deref(), Some("Laughs  & ©"));
    let messages: Vec<&str> = parsed.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(messages.contains(&"entity declarations in the doctype are not used"));
    assert!(messages.contains(&"entity reference &lol9; left out: not expanded"));
}

#[test]
fn errors_have_positions_and_kinds() {
    let e = zwo::read(&fixture("zwo/err_malformed.zwo")).unwrap_err();
    assert_eq!((e.line(), e.column()), (5, 5));
    assert!(matches!(e.kind(), ErrorKind::Xml(_)));
    let e = zwo::read(&fixture("zwo/err_too_deep.zwo")).unwrap_err();
    assert!(matches!(
        e.kind(),
        ErrorKind::Limit {
            what: "xml nesting depth",
            ..
        }
    ));
    let e = zwo::read("").unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Empty(_)));
    let e = mrc::read(&fixture("mrc/err_bad_minutes.mrc")).unwrap_err();
    assert_eq!(e.to_string(), "6:1: expected minutes, found \"ten\"");
    let big = " ".repeat(workout_doc::limits::MAX_INPUT_BYTES + 1);
    for read in [zwo::read, mrc::read, erg::read] {
        let e = read(&big).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Limit { .. }));
    }
}

#[test]
fn writers_need_an_ftp_for_the_other_unit() {
    let watts = text::parse("- 10m 200w").unwrap().workout;
    let percent = text::parse("- 10m 80%").unwrap().workout;
    // Athlete::default() carries a default FTP, so take it away to see the error.
    let no_ftp = Athlete {
        ftp: None,
        ..Athlete::default()
    };
    for e in [
        zwo::write_with(&watts, &no_ftp).map(|o| o.file),
        mrc::write_with(&watts, &no_ftp).map(|o| o.file),
        erg::write_with(&percent, &no_ftp).map(|o| o.file),
    ] {
        let e = e.unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Missing(_)), "{e}");
    }
    assert_eq!(
        erg::write_with(&percent, &no_ftp).unwrap_err().message(),
        "step 1 has a percent-of-ftp target: writing .erg needs an ftp"
    );
    let zwo = zwo::write_with(&watts, &athlete()).unwrap();
    assert!(zwo.file.contains(r#"Power="0.8""#));
    assert_eq!(
        zwo.warnings[0].message,
        "watts written as a fraction of an ftp of 250 w (step 1)"
    );
    // The default athlete's FTP is used only when asked for, and said.
    let out = mrc::write_with(&watts, &Athlete::default()).unwrap();
    assert!(out.warnings[0]
        .message
        .starts_with("watts written as percent of an ftp of"));
    let erg = erg::write_with(&percent, &athlete()).unwrap();
    assert!(erg.file.contains("0.00\t200\n10.00\t200\n"));
}

/// The messages `format`'s writer gives about the workout's own fields and notes.
fn field_warnings(format: Format, w: &Workout) -> Vec<String> {
    let out = format.write(w, &athlete()).unwrap();
    out.warnings
        .into_iter()
        .map(|w| w.message)
        .filter(|m| m.contains(" left out: no place "))
        .collect()
}

#[test]
fn every_writer_names_the_workout_fields_it_cannot_hold() {
    let full = Workout {
        name: Some("Name".into()),
        author: Some("Author".into()),
        category: Some("Category".into()),
        subcategory: Some("Sub".into()),
        tags: vec!["Tag".into()],
        sport: Some(Sport::Ride),
        notes: vec![
            Note {
                before: 0,
                text: "Description".into(),
            },
            Note {
                before: 1,
                text: "Second paragraph".into(),
            },
        ],
        ..text::parse("- 10m 60%\n- 5m 50%").unwrap().workout
    };
    // One warning a field; text and JSON leave the name and sport, which Intervals.icu
    // keeps beside them, without one.
    let course = [
        "author left out: no place in course files",
        "category left out: no place in course files",
        "subcategory left out: no place in course files",
        "tags left out: no place in course files",
        "sport left out: no place in course files",
        "note left out: no place for notes past the description in course files (step 2)",
    ];
    let expected: [(Format, &[&str]); 5] = [
        (
            Format::Text,
            &[
                "author left out: no place in workout text",
                "subcategory left out: no place in workout text",
                "tags left out: no place in workout text",
            ],
        ),
        (
            Format::Json,
            &[
                "author left out: no place in workout_doc JSON",
                "subcategory left out: no place in workout_doc JSON",
                "tags left out: no place in workout_doc JSON",
                "note left out: no place for notes past the description in workout_doc JSON \
                 (step 2)",
            ],
        ),
        (
            Format::Zwo,
            &["note left out: no place for notes past the description in .zwo (step 2)"],
        ),
        (Format::Mrc, &course),
        (Format::Erg, &course),
    ];
    for (format, messages) in expected {
        assert_eq!(field_warnings(format, &full), messages, "{format}");
    }
    // One field lost; and a workout with only what a format holds gets no such warning.
    let tags_only = Workout {
        tags: vec!["Tag".into()],
        ..text::parse("- 10m 60%").unwrap().workout
    };
    assert_eq!(
        field_warnings(Format::Text, &tags_only),
        ["tags left out: no place in workout text"]
    );
    let plain = text::parse("Description\n\n- 10m 60%").unwrap().workout;
    for format in Format::ALL {
        assert!(field_warnings(format, &plain).is_empty(), "{format}");
    }
}

#[test]
fn zwo_unrolls_what_intervals_t_cannot_hold() {
    let w = text::parse("3x\n- 1m 100%\n- 1m 50%\n- 1m 70%\n\n- 5m 75% HR")
        .unwrap()
        .workout;
    let out = zwo::write_with(&w, &Athlete::default()).unwrap();
    assert_eq!(out.file.matches("<SteadyState").count(), 10);
    let messages: Vec<&str> = out.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "repeat block written unrolled: .zwo repeats hold two plain steps (step 1)",
            "heart-rate target left out: .zwo has none (step 2)",
        ]
    );
    let back = zwo::read(&out.file).unwrap().workout;
    assert_eq!(back.steps.len(), 10);
}

// ---- round-trip laws -------------------------------------------------------------------

fn word() -> impl Strategy<Value = String> {
    "[A-Za-z&<>'\"]{1,6}"
}

fn words() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..4).prop_map(|w| w.join(" "))
}

/// Prompts sorted by offset, all before `len` seconds.
fn prompts(len: u32) -> impl Strategy<Value = Option<String>> {
    prop::collection::vec((0..len, prop::option::of(1u32..30), words()), 0..3).prop_map(
        |mut list| {
            list.sort_by_key(|p| p.0);
            list.dedup_by_key(|p| p.0);
            let ps: Vec<Prompt> = list
                .into_iter()
                .map(|(offset, duration, text)| Prompt {
                    offset,
                    duration,
                    text,
                })
                .collect();
            let t = Prompt::join(&ps);
            (!t.is_empty()).then_some(t)
        },
    )
}

fn percent() -> impl Strategy<Value = f64> {
    (0u32..4000).prop_map(|v| f64::from(v) / 20.0)
}

fn cadence() -> impl Strategy<Value = Option<Amount>> {
    prop_oneof![
        Just(None),
        (40u32..130).prop_map(|c| Some(Amount::Value(f64::from(c)))),
        (40u32..100, 1u32..30).prop_map(|(a, d)| Some(Amount::Range {
            start: f64::from(a),
            end: f64::from(a + d)
        })),
    ]
}

#[derive(Debug, Clone, Copy)]
enum Shape {
    Steady,
    Ramp,
    Warmup,
    Cooldown,
    FreeRide,
    MaxEffort,
    Zone,
}

/// An interval `.zwo` holds in full.
fn zwo_interval() -> impl Strategy<Value = Interval> {
    let shape = prop_oneof![
        Just(Shape::Steady),
        Just(Shape::Ramp),
        Just(Shape::Warmup),
        Just(Shape::Cooldown),
        Just(Shape::FreeRide),
        Just(Shape::MaxEffort),
        Just(Shape::Zone),
    ];
    (
        1u32..7200,
        shape,
        percent(),
        percent(),
        any::<bool>(),
        cadence(),
    )
        .prop_flat_map(|(len, shape, a, b, ramp, cadence)| {
            prompts(len).prop_map(move |text| {
                let mut i = Interval::timed(len);
                i.text = text;
                i.cadence = cadence;
                let value = Amount::Value(a);
                let range = Amount::Range { start: a, end: b };
                let (amount, is_ramp) = match shape {
                    Shape::Ramp if a != b => (range, true),
                    Shape::Warmup | Shape::Cooldown if ramp && a != b => (range, true),
                    _ => (value, false),
                };
                i.ramp = is_ramp;
                i.warmup = matches!(shape, Shape::Warmup);
                i.cooldown = matches!(shape, Shape::Cooldown);
                i.freeride = matches!(shape, Shape::FreeRide);
                i.maxeffort = matches!(shape, Shape::MaxEffort);
                i.power = Some(match shape {
                    Shape::Zone => {
                        Target::new(PowerUnit::Zone, Amount::Value((a / 30.0).floor() + 1.0))
                    }
                    _ => Target::new(PowerUnit::PercentFtp, amount),
                });
                i
            })
        })
}

/// A plain step for an `IntervalsT` (prompts inside the step, so they come back on it).
fn plain() -> impl Strategy<Value = Interval> {
    (1u32..1200, percent(), cadence()).prop_flat_map(|(len, p, cadence)| {
        prompts(len).prop_map(move |text| {
            let mut i = Interval::timed(len);
            i.power = Some(Target::new(PowerUnit::PercentFtp, Amount::Value(p)));
            i.cadence = cadence;
            i.text = text;
            i
        })
    })
}

fn zwo_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => zwo_interval().prop_map(Step::Interval),
        1 => (1u32..20, plain(), plain()).prop_map(|(reps, on, mut off)| {
            // The off step's cadence is CadenceResting: one value.
            off.cadence = off.cadence.map(|c| Amount::Value(c.mid()));
            Step::Repeat(Repeat {
                reps,
                text: format!("Main set {reps}x"),
                steps: vec![on, off],
                span: Default::default(),
            })
        }),
    ]
}

fn meta() -> impl Strategy<Value = Option<String>> {
    prop::option::of(words())
}

prop_compose! {
    fn zwo_workout()(
        steps in prop::collection::vec(zwo_step(), 0..8),
        name in meta(), author in meta(), category in meta(), subcategory in meta(),
        description in meta(),
        tags in prop::collection::vec(words(), 0..3),
        sport in prop_oneof![Just(None), Just(Some(Sport::Ride)), Just(Some(Sport::Run))],
    ) -> Workout {
        let mut steps = steps;
        if sport == Some(Sport::Run) {
            // Run workouts carry paces (% of threshold, or zones) where rides carry power.
            let to_pace = |i: &mut Interval| {
                if let Some(p) = i.power.take() {
                    let units = match p.units {
                        PowerUnit::Zone => PaceUnit::Zone,
                        _ => PaceUnit::PercentThreshold,
                    };
                    i.pace = Some(Target::new(units, p.amount));
                }
            };
            for step in &mut steps {
                match step {
                    Step::Interval(i) => to_pace(i),
                    Step::Repeat(r) => r.steps.iter_mut().for_each(to_pace),
                }
            }
        }
        Workout {
            name, author, category, subcategory, tags,
            sport,
            notes: description.map(|text| Note { before: 0, text }).into_iter().collect(),
            steps,
        }
    }
}

/// A flat list of steady and ramp steps with no equal steady neighbours (which a course
/// file merges), in `units`.
fn course_workout(units: PowerUnit) -> impl Strategy<Value = Workout> {
    let step = (1u32..7200, percent(), percent(), any::<bool>()).prop_flat_map(
        move |(len, a, b, ramp)| {
            prompts(len).prop_map(move |text| {
                let mut i = Interval::timed(len);
                i.text = text;
                i.ramp = ramp && a != b;
                let amount = if i.ramp {
                    Amount::Range { start: a, end: b }
                } else {
                    Amount::Value(a)
                };
                i.power = Some(Target::new(units, amount));
                i
            })
        },
    );
    let line = "[A-Za-z]{1,6}( [A-Za-z]{1,6}){0,2}";
    (
        prop::collection::vec(step, 1..10),
        prop::option::of(line),
        prop::option::of(line),
    )
        .prop_map(|(mut steps, name, description)| {
            steps.dedup_by(|b, a| !a.ramp && !b.ramp && a.power == b.power);
            Workout {
                name,
                notes: description
                    .map(|text| Note { before: 0, text })
                    .into_iter()
                    .collect(),
                steps: steps.into_iter().map(Step::Interval).collect(),
                ..Workout::default()
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn tree_zwo_tree(w in zwo_workout()) {
        let xml = zwo::write(&w).unwrap();
        let back = zwo::read(&xml).unwrap();
        prop_assert_eq!(&back.workout, &w, "{}", xml);
        prop_assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    }

    /// Whatever workout-level field a write → read trip through any format changes, the
    /// writer named in a warning: nothing is lost silently.
    #[test]
    fn writers_never_lose_workout_fields_silently(
        w in zwo_workout(),
        format in prop::sample::select(Format::ALL.to_vec()),
    ) {
        // Course files need a step and rides; those errors are the writers' own tests.
        let Ok(out) = format.write(&w, &athlete()) else { return Ok(()) };
        let back = format.read_bytes(out.file.as_bytes()).unwrap().workout;
        let said = |field: &str| out.warnings.iter().any(|m| m.message.contains(field));
        // The name and sport Intervals.icu keeps beside text and JSON (`Format::write`'s
        // table) are left out of those without a warning.
        let beside = |field: &str| {
            matches!(format, Format::Text | Format::Json) && matches!(field, "name" | "sport")
        };
        let changed = [
            ("name", w.name != back.name),
            ("author", w.author != back.author),
            ("category", w.category != back.category),
            ("subcategory", w.subcategory != back.subcategory),
            ("tags", w.tags != back.tags),
            ("sport", w.sport != back.sport),
            ("note", w.notes.len() != back.notes.len()),
        ];
        for (field, _) in changed.iter().filter(|(f, changed)| *changed && !beside(f)) {
            prop_assert!(said(field), "{} lost without a warning in {}:\n{:?}", field, format, out.file);
        }
    }

    #[test]
    fn tree_mrc_tree(w in course_workout(PowerUnit::PercentFtp)) {
        let file = mrc::write(&w).unwrap();
        let back = mrc::read(&file).unwrap();
        prop_assert_eq!(&back.workout, &w, "{}", file);
        prop_assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    }

    #[test]
    fn tree_erg_tree(w in course_workout(PowerUnit::Watts)) {
        let file = erg::write(&w).unwrap();
        prop_assert_eq!(erg::read(&file).unwrap().workout, w, "{}", file);
    }

    #[test]
    fn zwo_reader_never_panics_on_near_misses(parts in prop::collection::vec(prop::sample::select(vec![
        "<workout_file>", "</workout_file>", "<workout>", "</workout>", "<WORKOUT>",
        "<SteadyState Duration=\"60\" Power=\"0.5\"/>", "<Warmup Duration=\"1e9\" PowerLow=\"9\" PowerHigh=\"0\">",
        "</Warmup>", "<IntervalsT Repeat=\"3\" OnDuration=\"0\" OffDuration=\"0\">", "</IntervalsT>",
        "<IntervalsT Repeat=\"999999\" OnDuration=\"1\" OffDuration=\"1\"><textevent timeoffset=\"5\" message=\"m\"/></IntervalsT>",
        "<textevent timeoffset=\"99999999\" message=\"m\"/>", "<textevent message=\"&lol;\"/>",
        "&lol;", "&#0;", "&#xFFFFFF;", "<![CDATA[x]]>", "<!DOCTYPE x [<!ENTITY lol 'a'>]>",
        "<description>", "</description>", "<tags><tag name=\"a\"/>", "</tags>", "<x>", "</x>",
        "<durationType>distance</durationType>", "<sportType>run</sportType>", "text", "\u{feff}",
    ]), 0..30)) {
        let _ = zwo::read(&parts.concat());
    }

    #[test]
    fn course_readers_never_panic_on_near_misses(parts in prop::collection::vec(prop::sample::select(vec![
        "[COURSE HEADER]\n", "[END COURSE HEADER]\n", "[COURSE DATA]\n", "[END COURSE DATA]\n",
        "[COURSE TEXT]\n", "[INTERVAL DATA]\n", "MINUTES WATTS\n", "MINUTES PERCENT\n", "FTP = x\n",
        "0 50\n", "10080 50\n", "1e9 50\n", "5 5 5\n", "5 LAP\n", "60\tcue\t5\n", "0\t99999\tname\n",
        "\r", "\t", ";c\n", "9999999999 1\n",
    ]), 0..30)) {
        let src = parts.concat();
        let _ = mrc::read(&src);
        if let Ok(p) = erg::read(&src) {
            let _ = erg::write(&p.workout);
        }
    }

    #[test]
    fn readers_never_panic(s in "\\PC{0,200}") {
        let _ = zwo::read(&s);
        let _ = mrc::read(&s);
        let _ = erg::read(&s);
    }
}

#[test]
fn distance_steps_are_metres_in_zwo() {
    let w = zwo::read(&fixture("zwo/distance.zwo")).unwrap().workout;
    let Step::Interval(i) = &w.steps[0] else {
        panic!()
    };
    assert_eq!(i.length.metres(), Some(1000.0));
    assert!(matches!(i.length, Length::Distance { .. }));
    assert_eq!(i.text.as_deref(), Some("500^ Halfway"));
}
