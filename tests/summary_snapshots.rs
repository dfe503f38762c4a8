//! Snapshots of the public shapes others print: `Summary` as `summary --json` shows it, and
//! the `workout_doc` JSON with the server-computed fields, for the seed workout.
#![cfg(not(target_arch = "wasm32"))]

use workout_doc::{icu, text, Athlete};

const SEED: &str = "These are horribly nasty.\nCategory: Horrible\n\n- 20m 60% 90-100rpm\n\nMain set 4x\n- 8m 110%\n- 8m 50%\n\n- 10m 60%\n";

#[test]
fn seed_summary() {
    let w = text::parse(SEED).unwrap().workout;
    insta::assert_json_snapshot!(w.summary(&Athlete::default()));
}

#[test]
fn seed_workout_doc() {
    let w = text::parse(SEED).unwrap().workout;
    let a = Athlete {
        ftp: Some(250.0),
        ..Athlete::default()
    };
    insta::assert_json_snapshot!(icu::to_value(&w, &a));
}

#[test]
fn run_with_pace_targets() {
    let src = "- 10m 70% Pace\n- 1km 4:00/km Pace\n\n3x\n- 400mtr Z5 Pace\n- 2m Z1 Pace\n";
    let w = text::parse(src).unwrap().workout;
    let a = Athlete {
        threshold_pace: Athlete::parse_pace("4:30/km"),
        ..Athlete::default()
    };
    insta::assert_json_snapshot!(w.summary(&a));
}
