//! The Intervals.icu `workout_doc` JSON: the shape its API returns for a planned workout.
//!
//! Field names and shapes follow the server exactly: steps carry `text`, `duration` (s),
//! `distance` (m), `power` / `hr` / `pace` / `cadence` as `{units, value}` or
//! `{units, start, end}` (plus `target` for a smoothing hint), and flags only when true;
//! repeat blocks carry `reps`, `text`, `steps`, `duration` (reps × inner total) and
//! `distance`. Whole numbers are written without a fraction (`75`, not `75.0`).
//!
//! Numbers are written with the fewest digits that read back to the same float, and read
//! correctly rounded, so tree → JSON → tree keeps every value.
//!
//! ```
//! use workout_doc::{icu, text, Athlete};
//! let w = text::parse("Main set 2x\n- 1m 110%\n- 1m 50%")?.workout;
//! let json = icu::to_json(&w, &Athlete::default())?;
//! assert!(json.contains(r#""reps":2"#));
//! let back = icu::from_json(&json)?.workout;
//! assert_eq!(back.steps, w.steps);
//! # Ok::<(), workout_doc::Error>(())
//! ```

use crate::athlete::Athlete;
use crate::codec::{field, Losses};
use crate::error::{Error, ErrorKind, Warning};
use crate::model::{Step, Workout};
use crate::span::Span;
use serde_json::Value;

mod read;
mod resolved;

pub use read::{from_json, Members};
pub use resolved::WorkoutDoc;

/// The `workout_doc` object of a workout as a JSON value, with what the server computes
/// for `athlete`: per step `_power` / `_hr` / `_pace` (W, bpm, m/s), `_distance` of time
/// steps at a pace, the `duration` of distance steps; at the top `duration`, `distance`,
/// `target`, `zoneTimes` (the target's zone system, in the server's object shapes),
/// `average_watts`, `normalized_power`, `variability_index`, the thresholds used (with
/// `pace_units`, the sport's pace display unit, beside a threshold pace), `options` and
/// `locales`: every field of the server's documents but `polarization_index` and
/// `strain_score`, whose formulas are not known (`tests/corpus_icu.rs` checks them).
/// [`to_json`] writes the same document as text without building the value.
///
/// ```
/// let w = workout_doc::text::parse("- 10m 60%")?.workout;
/// let a = workout_doc::Athlete { ftp: Some(250.0), ..Default::default() };
/// let doc = workout_doc::icu::to_value(&w, &a);
/// assert_eq!(doc["steps"][0]["power"]["units"], "%ftp");
/// assert_eq!(doc["steps"][0]["_power"]["value"], 150);
/// assert_eq!(doc["duration"], 600);
/// assert_eq!(doc["zoneTimes"][1]["secs"], 600);
/// assert_eq!(doc["normalized_power"], 150);
/// assert_eq!(doc["pace_units"], "MINS_KM");
/// assert_eq!(doc["options"], serde_json::json!({}));
/// # Ok::<(), workout_doc::Error>(())
/// ```
pub fn to_value(w: &Workout, athlete: &Athlete) -> Value {
    // Through the text: one serialiser of the document in the code, not two (the WASM
    // package is 3.1 KB smaller gzipped). Cannot fail: the text is JSON.
    to_json(w, athlete)
        .ok()
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

/// The `workout_doc` object as JSON text, written straight from the tree (see
/// [`WorkoutDoc`] for the document with its summary). The fields it has no place for
/// (name, author, subcategory, tags, sport, notes past the description) are not written;
/// [`crate::Format::write`] names them in a warning.
///
/// ```
/// let w = workout_doc::text::parse("- 30s 120%")?.workout;
/// let json = workout_doc::icu::to_json(&w, &workout_doc::Athlete::default())?;
/// assert!(json.starts_with('{'));
/// # Ok::<(), workout_doc::Error>(())
/// ```
///
/// # Errors
/// None today; the `Result` leaves room for athlete-dependent fields that can fail.
pub fn to_json(w: &Workout, athlete: &Athlete) -> Result<String, Error> {
    serde_json::to_string(&WorkoutDoc::new(w, athlete))
        .map_err(|e| Error::new(ErrorKind::Json(e.to_string()), Span::new(0, 0), ""))
}

/// The warnings for what the `workout_doc` leaves out: every field but the category, and
/// but the name and sport, which Intervals.icu keeps beside it ([`field::BESIDE`]); the
/// notes past the description (the server keeps only the first paragraph of prose).
pub(crate) fn left_out(w: &Workout) -> Vec<Warning> {
    let mut losses = Losses::default();
    losses.fields(w, field::CATEGORY | field::BESIDE, "workout_doc JSON");
    losses.notes_past_description(w, "workout_doc JSON");
    losses.finish()
}

/// One step (interval or repeat block) as the server writes it, without the values it
/// resolves for an athlete.
///
/// ```
/// let w = workout_doc::text::parse("3x\n- 30s 120%\n- 30s 50%")?.workout;
/// let v = workout_doc::icu::step_value(&w.steps[0]);
/// assert_eq!((v["reps"].as_u64(), v["duration"].as_u64()), (Some(3), Some(180)));
/// # Ok::<(), workout_doc::Error>(())
/// ```
pub fn step_value(step: &Step) -> Value {
    // Through the text, as `to_value`.
    serde_json::to_string(&resolved::StepDoc(step, None))
        .ok()
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_drop_whole_fractions() {
        let json = |v: f64| serde_json::to_string(&resolved::Num(v)).unwrap();
        assert_eq!(json(75.0), "75");
        assert_eq!(json(87.5), "87.5");
        assert_eq!(json(f64::NAN), "null");
    }
}
