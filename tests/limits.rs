//! Every named bound in `workout_doc::limits`, tested just inside and just outside, and
//! hostile text inputs that must end quickly with a clear error or warning, never a panic.
#![cfg(not(target_arch = "wasm32"))]
// Test code fails by panicking: the workspace lints against it are for shipped code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod util;

use std::time::{Duration, Instant};
use workout_doc::{limits, text, ErrorKind};

#[track_caller]
fn limit_error(src: &str) -> String {
    let e = text::parse(src).expect_err("must exceed a limit");
    assert!(matches!(e.kind(), ErrorKind::Limit { .. }), "{e}");
    e.to_string()
}

#[test]
fn repeat_count_bound() {
    let inside = format!("{}x\n- 10h 100%\n", limits::MAX_REPEATS);
    assert!(text::parse(&inside).is_ok());
    let outside = format!("{}x\n- 10h 100%\n", limits::MAX_REPEATS + 1);
    assert_eq!(
        limit_error(&outside),
        "1:1: repeat count over the limit: expected at most 1000000"
    );
    assert_eq!(
        limit_error("Main set 1000000000x\n- 1m 50%"),
        "1:10: repeat count over the limit: expected at most 1000000"
    );
    // Digits past u64 saturate instead of overflowing.
    assert!(limit_error("99999999999999999999999999x\n- 1m").contains("repeat count"));
}

#[test]
fn step_duration_bound() {
    let max = limits::MAX_STEP_SECONDS;
    assert!(text::parse(&format!("- {max}s 50%")).is_ok());
    assert_eq!(
        limit_error(&format!("- {}s 50%", max + 1)),
        "1:3: step duration in seconds over the limit: expected at most 604800"
    );
    assert!(limit_error("- 99999999h 60%").contains("step duration"));
    assert!(limit_error("- 99999999999999999999999h 60%").contains("step duration"));
}

#[test]
fn step_distance_bound() {
    assert!(text::parse("- 1000km 60% Pace").is_ok());
    assert_eq!(
        limit_error("- 1000.001km 60% Pace"),
        "1:3: step distance in metres over the limit: expected at most 1000000"
    );
}

#[test]
fn target_value_bound() {
    assert!(text::parse("- 1m 100000w").is_ok());
    assert_eq!(
        limit_error("- 1m 100001w"),
        "1:6: target value over the limit: expected at most 100000"
    );
    assert!(limit_error(&format!("- 1m {}%", "9".repeat(400))).contains("target value"));
}

#[test]
fn step_count_bound() {
    let inside = "- 1s 50%\n".repeat(limits::MAX_STEPS);
    assert_eq!(
        text::parse(&inside).unwrap().workout.steps.len(),
        limits::MAX_STEPS
    );
    let outside = "- 1s 50%\n".repeat(limits::MAX_STEPS + 1);
    assert!(limit_error(&outside).contains("number of steps"));
}

#[test]
fn input_size_bound() {
    let start = Instant::now();
    let huge = "- 1m 50%\n".repeat(50 * 1024 * 1024 / 9); // a 50 MB text of steps
    assert!(limit_error(&huge).contains("input size"));
    let inside = " ".repeat(limits::MAX_INPUT_BYTES);
    assert!(text::parse(&inside).is_ok());
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
}

#[test]
fn number_like_garbage_is_a_warning_not_a_target() {
    for word in ["1e308%", "NaN%", "inf%", "-5%", "1e9w", "0x10w", "١٠m"] {
        let parsed = text::parse(&format!("- 10m {word}")).unwrap();
        assert_eq!(parsed.workout.steps.len(), 1, "{word}");
        assert_eq!(parsed.warnings.len(), 1, "{word}: {:?}", parsed.warnings);
    }
}

#[test]
fn invalid_utf8_is_an_error_with_a_position() {
    let bytes = b"- 10m 60%\n- 5m \xff\xfe 50%\n";
    let e = workout_doc::decode_utf8(bytes).unwrap_err();
    assert_eq!(
        e.to_string(),
        "2:6: invalid utf-8: expected text, found byte 0xff"
    );
    assert_eq!(workout_doc::decode_utf8(b"- 1m").unwrap(), "- 1m");
}

/// `<workout_file><workout>` plus `depth - 2` nested unknown elements around one block.
fn nested_zwo(depth: usize) -> String {
    let inner = depth.saturating_sub(2);
    format!(
        "<workout_file><workout>{}<SteadyState Duration=\"60\" Power=\"0.5\"/>{}</workout></workout_file>",
        "<x>".repeat(inner),
        "</x>".repeat(inner)
    )
}

#[test]
fn xml_depth_bound() {
    use workout_doc::zwo;
    // Depth counts open elements; the block itself is one more level.
    assert!(zwo::read(&nested_zwo(limits::MAX_XML_DEPTH - 1)).is_ok());
    let e = zwo::read(&nested_zwo(limits::MAX_XML_DEPTH + 1)).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Limit { .. }), "{e}");
    // Very deep nesting ends at the bound, quickly.
    let start = Instant::now();
    assert!(zwo::read(&nested_zwo(200_000)).is_err());
    assert!(start.elapsed() < Duration::from_secs(5));
}

#[test]
fn course_file_with_a_million_points_is_refused_quickly() {
    use std::fmt::Write as _;
    let mut erg =
        String::from("[COURSE HEADER]\nMINUTES WATTS\n[END COURSE HEADER]\n[COURSE DATA]\n");
    for i in 0..1_000_000u32 {
        let _ = writeln!(erg, "{}.{:02}\t{}", i / 100, i % 100, 100 + i % 2 * 100);
    }
    erg.push_str("[END COURSE DATA]\n");
    let start = Instant::now();
    let e = workout_doc::erg::read(&erg).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Limit { .. }), "{e}");
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "took {:?}",
        start.elapsed()
    );
}

#[test]
fn zwo_entities_are_never_expanded() {
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<workout_file><name>&lol3;</name><workout><SteadyState Duration="60" Power="0.5"/></workout></workout_file>"#;
    let start = Instant::now();
    let parsed = workout_doc::zwo::read(laughs).unwrap();
    assert!(parsed.workout.name.as_deref().unwrap_or_default().len() < 100);
    assert!(!parsed.warnings.is_empty());
    assert!(start.elapsed() < Duration::from_secs(1));
}

/// Intervals.icu JSON: the step bound counts every interval made, copies of flattened
/// nested repeats included, so repeats nested a few levels deep (each level multiplying
/// the copies) end quickly with a limit error instead of filling the memory (found by the
/// json fuzz target: 2.7 KB of nested repeats took 17 GB before).
#[cfg(feature = "serde")]
#[test]
fn json_step_count_bound_holds_for_nested_repeats() {
    use workout_doc::icu;
    let flat = |n: usize| {
        let steps = vec![r#"{"duration":1,"power":{"value":50,"units":"%ftp"}}"#; n].join(",");
        format!(r#"{{"steps":[{steps}]}}"#)
    };
    let inside = icu::from_json(&flat(limits::MAX_STEPS)).unwrap();
    assert_eq!(inside.workout.steps.len(), limits::MAX_STEPS);
    let e = icu::from_json(&flat(limits::MAX_STEPS + 1)).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Limit { .. }), "{e}");

    // Nine levels of 100 repeats, each level beside a copy of the one below it.
    let mut nested = r#"{"duration":1}"#.to_owned();
    for _ in 0..9 {
        nested = format!(r#"{{"reps":100,"steps":[{nested},{nested}]}}"#);
    }
    let start = Instant::now();
    let e = icu::from_json(&format!(r#"{{"steps":[{nested}]}}"#)).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Limit { .. }), "{e}");
    assert!(e.to_string().contains("number of steps"), "{e}");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "took {:?}",
        start.elapsed()
    );
}

/// One warning cap for every reader: `MAX_WARNINGS` warnings are all kept; one more, and
/// the last kept one says how many were left out, placed at the end of the input.
#[test]
fn warning_bound_holds_for_every_reader() {
    use workout_doc::{Format, Parsed};
    let n = limits::MAX_WARNINGS;
    // Each maker gives an input with exactly `k` warnings.
    let text = |k: usize| "- 1m x\n".repeat(k);
    let json = |k: usize| format!(r#"{{"steps":[{}{{"duration":1}}]}}"#, "{},".repeat(k));
    let zwo = |k: usize| {
        format!(
            "<workout_file><workout><SteadyState Duration=\"60\" Power=\"0.5\"/>{}</workout></workout_file>",
            "<Foo/>".repeat(k)
        )
    };
    let mrc = |k: usize| {
        format!(
            "{}[COURSE HEADER]\nMINUTES PERCENT\n[END COURSE HEADER]\n[COURSE DATA]\n0 50\n1 50\n[END COURSE DATA]\n",
            "x\n".repeat(k)
        )
    };
    let fit = |k: usize| {
        // Duration type 200 is none FIT names: read as a press-lap step, with a warning.
        let steps = vec![(200, 0, 0); k];
        util::fit_file(&util::fit_steps(&steps))
    };
    let read = |format: Format, k: usize| -> (Parsed, usize) {
        let bytes = match format {
            Format::Text => text(k).into_bytes(),
            Format::Json => json(k).into_bytes(),
            Format::Zwo => zwo(k).into_bytes(),
            Format::Mrc => mrc(k).into_bytes(),
            _ => fit(k),
        };
        (format.read_bytes(&bytes).unwrap(), bytes.len())
    };
    for format in [
        Format::Text,
        Format::Json,
        Format::Zwo,
        Format::Mrc,
        Format::Fit,
    ] {
        let (inside, _) = read(format, n);
        assert_eq!(inside.warnings.len(), n, "{format}");
        assert!(!inside.warnings[n - 1].message.contains("more"), "{format}");
        let (outside, len) = read(format, n + 1);
        assert_eq!(outside.warnings.len(), n, "{format}");
        let last = &outside.warnings[n - 1];
        assert_eq!(last.message, "2 more warnings left out", "{format}");
        assert_eq!(last.span.start, len, "{format}: placed at the end");
        let (far, _) = read(format, 10 * n);
        assert_eq!(far.warnings.len(), n, "{format}");
        assert_eq!(
            far.warnings[n - 1].message,
            format!("{} more warnings left out", 9 * n + 1),
            "{format}"
        );
    }
}

/// A message quotes at most `MAX_QUOTED_CHARS` characters of the input, escaped: a 10 MB
/// word or an escape sequence in a step is neither printed whole nor sent to a terminal.
#[test]
fn quoted_input_is_short_and_printable() {
    let long = format!("- 1m {}", "x".repeat(10_000_000));
    let parsed = text::parse(&long).unwrap();
    let message = &parsed.warnings[0].message;
    let quoted = format!("\"{}…\"", "x".repeat(limits::MAX_QUOTED_CHARS));
    assert!(
        message.starts_with(&format!("ignored {quoted}")),
        "{message}"
    );
    assert!(message.len() < 200);

    let osc = text::parse("- 1m \u{1b}]0;owned\u{7}").unwrap();
    assert_eq!(
        osc.warnings[0].message,
        "ignored \"\\u{1b}]0;owned\\u{7}\": not a duration, distance, target or flag"
    );
    let zwo = workout_doc::zwo::read(&format!(
        "<workout_file><workout><{} Duration=\"1\"/></workout></workout_file>",
        "A".repeat(5000)
    ))
    .unwrap();
    assert!(zwo.warnings[0].message.len() < 200, "{:?}", zwo.warnings);
}

/// A lone CR ends a line for positions as it does for the readers: every position in an
/// old Mac file said line 1 (and placing them took quadratic time).
#[test]
fn lone_cr_counts_as_a_line_break() {
    let parsed = text::parse("- 1m 50%\r- 2m x\r\r- 3m y").unwrap();
    let at: Vec<(u32, u32)> = parsed.warnings.iter().map(|w| (w.line, w.column)).collect();
    assert_eq!(at, [(2, 6), (4, 6)]);
    let e = text::parse("- 1m\r- 2m\r3000000x\r- 1m").unwrap_err();
    assert_eq!((e.line(), e.column()), (3, 1));
    let mrc = workout_doc::mrc::read(
        "x\r[COURSE HEADER]\rMINUTES PERCENT\r[END COURSE HEADER]\r\
         [COURSE DATA]\r0 50\r1 50\r[END COURSE DATA]\ry",
    )
    .unwrap();
    let at: Vec<u32> = mrc.warnings.iter().map(|w| w.line).collect();
    assert_eq!(at, [1, 9]);
}

#[test]
fn step_words_bound() {
    let line = |n: usize| format!("- 1m{}", " x".repeat(n - 1));
    assert!(text::parse(&line(limits::MAX_STEP_WORDS)).is_ok());
    assert_eq!(
        limit_error(&line(limits::MAX_STEP_WORDS + 1)),
        "1:1: number of words in a step line over the limit: expected at most 1000"
    );
    // Refused for its words, though a duration over its limit comes first.
    assert!(limit_error(&format!("- 200h{}", " x".repeat(1000))).contains("words"));
    // The issue's line of 800 KB: refused at once (it took 8 s to warn about each word).
    assert!(limit_error(&format!("- 8m{}", " 1%".repeat(270_000))).contains("words"));
}
