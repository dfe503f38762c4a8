//! Inputs the fuzzers found, kept so the bugs stay fixed. Each must parse without panic
//! and keep the round-trip law.
#![cfg(not(target_arch = "wasm32"))]
// Test code fails by panicking: the workspace lints against it are for shipped code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod util;

use workout_doc::text;

/// Text inputs, each with what it once broke.
const TEXT: &[(&str, &str)] = &[(
    "- 10m\t60\n\n%\r\rMain set 2x\r\n\t- 1m 110%  \r\n- 11m\t60%\r\n\r\nMain set 2x\r\n\t- 1m 110%  \r\n-1m 50%\r\n",
    "a lone \\r inside a header line: it now ends the line, as in old Mac files",
), (
    "-\x0b 2m",
    "a vertical tab is a word to the parser (ASCII whitespace splits words), so the writer keeps it",
), (
    "-1'5w 5m",
    "`1'` was cut off `1'5w` as text, but alone it is a duration; only punctuation is cut now",
), (
    "Category:3x",
    "an option line ending in Nx was written back as a repeat header; Category: now wins",
)];

#[test]
fn text_regressions() {
    for (src, what) in TEXT {
        let parsed = text::parse(src).unwrap_or_else(|e| panic!("{what}: {e}"));
        util::assert_round_trip(what, &parsed);
    }
}

/// A `.zwo` tag with a line break came back with a space: attribute values now carry line
/// breaks and tabs as character references.
#[test]
fn zwo_attribute_line_breaks_survive() {
    use workout_doc::{zwo, Athlete, Workout};
    let w = Workout {
        tags: vec!["two\nlines\tand tab".into()],
        steps: text::parse("- 1m 50%").unwrap().workout.steps,
        ..Workout::default()
    };
    let athlete = Athlete::default();
    let written = zwo::write_with(&w, &athlete).unwrap().file;
    assert!(written.contains("two&#10;lines&#9;and tab"), "{written}");
    assert_eq!(zwo::read(&written).unwrap().workout.tags, w.tags);
}

/// A course file read with no steps was written as one the reader refuses; writing a
/// workout without steps is now an error instead.
#[test]
fn course_files_need_a_step() {
    use workout_doc::{erg, mrc, ErrorKind, Workout};
    let e = mrc::write(&Workout::default()).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Empty(_)), "{e}");
    assert!(erg::write(&Workout::default()).is_err());
}

/// A prompt marker with no words (`5^1` right before another marker) was written as an
/// empty cue that readers skip, so the second write differed; empty prompts are left out.
#[test]
fn course_cues_skip_empty_prompts() {
    use workout_doc::{mrc, Athlete};
    let w = text::parse("- Go 5^1 9^ Hold 10m 50%").unwrap().workout;
    let athlete = Athlete::default();
    let first = mrc::write_with(&w, &athlete).unwrap().file;
    let again = mrc::write_with(&mrc::read(&first).unwrap().workout, &athlete)
        .unwrap()
        .file;
    assert_eq!(again, first);
}

/// 76556% of an FTP of 250 W is more watts than any reader accepts: writing it is now a
/// limit error instead of a file that cannot be read back.
#[test]
fn course_conversion_stays_within_target_limits() {
    use workout_doc::{erg, Athlete, ErrorKind};
    let w = text::parse("- 2m 76556%").unwrap().workout;
    let e = erg::write_with(&w, &Athlete::default()).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Limit { .. }), "{e}");
}

/// A `.zwo` message holding a prompt marker (`message="5^ go"` at 10 s) read as step text
/// `10^ 5^ go`, whose empty prompt at 10 s was written as a text event without a message,
/// which the reader skips, so the second write differed. Such prompts are left out now,
/// with a warning.
#[test]
fn zwo_text_events_need_a_message() {
    use workout_doc::{zwo, Athlete};
    let src = r#"<workout_file><workout>
        <Warmup Duration="300" PowerLow="0.45" PowerHigh="0.85">
            <textevent timeoffset="10" message="5^ go"/>
        </Warmup>
    </workout></workout_file>"#;
    let athlete = Athlete::default();
    let first = zwo::read(src).unwrap().workout;
    let written = zwo::write_with(&first, &athlete).unwrap();
    assert!(!written.file.contains(r#"message="""#), "{}", written.file);
    assert!(written.warnings[0]
        .message
        .starts_with("prompt without text left out"));
    let second = zwo::read(&written.file).unwrap().workout;
    let again = zwo::write_with(&second, &athlete).unwrap();
    assert_eq!(again.file, written.file);
}

/// `PowerLow` a tiny fraction and `PowerHigh` 0 read as a range from 0% to 0% (the ends
/// compared before rounding to percents), written as `Power="0"` with the range beside it,
/// which reads back as a value: the second write differed. Ends equal as percents are a
/// value now.
#[test]
fn zwo_power_ends_equal_after_rounding_are_a_value() {
    use workout_doc::{zwo, Amount, Athlete, Step};
    let src = r#"<workout_file><workout>
        <SteadyState Duration="300" PowerLow="0.0000000000012" PowerHigh="0."/>
        <IntervalsT Repeat="2" OnDuration="60" OffDuration="60" PowerOnLow="0.90000001" PowerOnHigh="0.9" OffPower="0.5"/>
    </workout></workout_file>"#;
    let athlete = Athlete {
        ftp: Some(250.0),
        ..Athlete::default()
    };
    let first = zwo::read(src).unwrap().workout;
    let Some(Step::Interval(steady)) = first.steps.first() else {
        panic!("{:?}", first.steps)
    };
    assert_eq!(steady.power.as_ref().unwrap().amount, Amount::Value(0.0));
    let written = zwo::write_with(&first, &athlete).unwrap();
    let second = zwo::read(&written.file).unwrap().workout;
    let again = zwo::write_with(&second, &athlete).unwrap();
    assert_eq!(again.file, written.file);
}

/// `80e-76` read as 8e-75, written as `8e-75`, which serde_json's default float parsing
/// read back one unit in the last place off: JSON numbers are now read correctly rounded
/// (serde_json's `float_roundtrip`, native builds), so JSON → tree → JSON → tree keeps them.
#[cfg(feature = "serde")]
#[test]
fn json_floats_survive_a_round_trip() {
    use workout_doc::{icu, Athlete};
    for value in [
        "80e-76",
        "0.30000000000000004",
        "85.00000200000001",
        "1e22",
        "123456.789e-30",
    ] {
        let src = format!(
            r#"{{"steps":[{{"distance":800,"pace":{{"value":{value},"units":"%pace"}}}}]}}"#
        );
        let first = icu::from_json(&src).unwrap();
        let json = icu::to_json(&first.workout, &Athlete::default()).unwrap();
        let second = icu::from_json(&json).unwrap();
        assert_eq!(second.workout.steps, first.workout.steps, "{value}: {json}");
    }
}

/// A prompt later than its step's end (`400^` in a 5-minute step) was written at its time
/// among its own step's cues, before the next step's earlier ones. Read back, it belongs to
/// the next step, so the second write ordered the cues differently. Such a prompt is left
/// out now, with a warning.
#[test]
fn course_prompts_past_their_step_are_left_out() {
    use workout_doc::{mrc, Athlete};
    let w = text::parse("- Go 400^ late 5m 50%\n- early 5m 60%")
        .unwrap()
        .workout;
    let athlete = Athlete::default();
    let written = mrc::write_with(&w, &athlete).unwrap();
    assert!(
        written
            .file
            .contains("[COURSE TEXT]\n0\tGo\n300\tearly\n[END"),
        "{}",
        written.file
    );
    assert!(
        written.warnings.iter().any(|w| w
            .message
            .starts_with("prompt after its step's end left out")),
        "{:?}",
        written.warnings
    );
    let again = mrc::write_with(&mrc::read(&written.file).unwrap().workout, &athlete)
        .unwrap()
        .file;
    assert_eq!(again, written.file);
}

/// Course text or a `.zwo` message with a word like `500^3` becomes step text in which
/// that word starts a new prompt: the reader says so instead of changing it silently.
#[test]
fn messages_that_read_as_prompt_times_are_flagged() {
    use workout_doc::{mrc, zwo};
    let course = "[COURSE HEADER]\nMINUTES PERCENT\n[END COURSE HEADER]\n[COURSE DATA]\n\
                  0\t50\n5\t50\n[END COURSE DATA]\n[COURSE TEXT]\n26\t500^3 .07\t50\n\
                  [END COURSE TEXT]\n";
    let zwo = r#"<workout_file><workout>
        <SteadyState Duration="300" Power="0.5">
            <textevent timeoffset="26" duration="50" message="500^3 .07"/>
        </SteadyState>
    </workout></workout_file>"#;
    for warnings in [
        mrc::read(course).unwrap().warnings,
        zwo::read(zwo).unwrap().warnings,
    ] {
        assert!(
            warnings
                .iter()
                .any(|w| w.message.contains("starts a new prompt in step text")),
            "{warnings:?}"
        );
    }
}

/// A `.zwo` message with a prompt marker (`message="y 0^ x"` at 250 s) read as step text
/// `250^ y 0^ x`: prompts at 250 s and 0 s, in that order. The writer wrote its text events
/// in that order, the reader files them by time, so the second write put them the other
/// way round. Text events are written in time order now.
#[test]
fn zwo_text_events_are_written_in_time_order() {
    use workout_doc::{zwo, Athlete};
    let src = r#"<workout_file><workout>
        <SteadyState Duration="999" Power="0.75">
            <textevent timeoffset="250" message="y 0^ x"/>
        </SteadyState>
    </workout></workout_file>"#;
    let athlete = Athlete::default();
    let written = zwo::write_with(&zwo::read(src).unwrap().workout, &athlete).unwrap();
    let first = written.file.find("message=\"x\"");
    let second = written.file.find("message=\"y\"");
    assert!(first.is_some() && first < second, "{}", written.file);
    let again = zwo::write_with(&zwo::read(&written.file).unwrap().workout, &athlete).unwrap();
    assert_eq!(again.file, written.file);
}
