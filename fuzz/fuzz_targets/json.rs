//! Intervals.icu JSON: reading never panics, and a tree read from JSON survives
//! JSON → tree → JSON → tree.
#![no_main]

use libfuzzer_sys::fuzz_target;
use workout_doc::{icu, Athlete};

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let Ok(first) = icu::from_json(src) else { return };
    let json = icu::to_json(&first.workout, &Athlete::default()).expect("json");
    let second = icu::from_json(&json).expect("our own json reads");
    assert_eq!(second.workout.steps, first.workout.steps, "{json}");
});
