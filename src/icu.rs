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
use crate::error::{Error, Warning};
use crate::model::{Amount, Interval, Length, Smoothing, Step, Workout};
use serde_json::{Map, Value};

mod read;
mod resolved;

pub use read::from_json;

/// The `workout_doc` object of a workout as a JSON value, with what the server computes
/// for `athlete`: per step `_power` / `_hr` / `_pace` (W, bpm, m/s), `_distance` of time
/// steps at a pace, the `duration` of distance steps; at the top `duration`, `distance`,
/// `target`, `zoneTimes` (the target's zone system, in the server's object shapes),
/// `average_watts`, `normalized_power`, `variability_index`, and the thresholds used.
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
/// # Ok::<(), workout_doc::Error>(())
/// ```
pub fn to_value(w: &Workout, athlete: &Athlete) -> Value {
    let mut doc = Map::new();
    if let Some(d) = w.description() {
        doc.insert("description".into(), d.into());
    }
    if let Some(c) = &w.category {
        let mut options = Map::new();
        options.insert("category".into(), c.clone().into());
        doc.insert("options".into(), options.into());
    }
    let swim = w.sport.or(athlete.sport) == Some(crate::model::Sport::Swim);
    let steps: Vec<Value> = w
        .steps
        .iter()
        .map(|s| resolved::step(s, athlete, swim))
        .collect();
    doc.insert("steps".into(), steps.into());
    resolved::top_level(&mut doc, &w.summary(athlete), athlete);
    Value::Object(doc)
}

/// The `workout_doc` object as JSON text. The fields it has no place for (name, author,
/// subcategory, tags, sport, notes past the description) are not written;
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
    Ok(to_value(w, athlete).to_string())
}

/// The warnings for what the `workout_doc` leaves out: every field but the category, and
/// the notes past the description (the server keeps only the first paragraph of prose).
pub(crate) fn left_out(w: &Workout) -> Vec<Warning> {
    let mut losses = Losses::default();
    losses.fields(w, field::CATEGORY, "workout_doc JSON");
    losses.notes_past_description(w, "workout_doc JSON");
    losses.finish()
}

fn step_totals(step: &Step) -> (u64, f64) {
    match step {
        Step::Interval(i) => interval_totals(i),
        Step::Repeat(r) => {
            let (t, d) = r
                .steps
                .iter()
                .map(interval_totals)
                .fold((0u64, 0.0), |(t, d), (a, b)| (t.saturating_add(a), d + b));
            (t.saturating_mul(u64::from(r.reps)), d * f64::from(r.reps))
        }
    }
}

fn interval_totals(i: &Interval) -> (u64, f64) {
    match i.length {
        Length::Time(s) => (u64::from(s), 0.0),
        Length::Distance { .. } => (0, i.length.metres().unwrap_or(0.0)),
    }
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
    match step {
        Step::Interval(i) => interval_value(i),
        Step::Repeat(r) => {
            let (duration, distance) = step_totals(step);
            let mut m = Map::new();
            m.insert("reps".into(), r.reps.into());
            m.insert("text".into(), r.text.clone().into());
            m.insert(
                "steps".into(),
                r.steps
                    .iter()
                    .map(interval_value)
                    .collect::<Vec<_>>()
                    .into(),
            );
            m.insert("duration".into(), duration.into());
            m.insert("distance".into(), number(distance));
            Value::Object(m)
        }
    }
}

pub(crate) fn interval_value(i: &Interval) -> Value {
    let mut m = Map::new();
    if let Some(t) = i.text.as_deref().filter(|t| !t.is_empty()) {
        // The server stores step text with `<` escaped (record rgw-rest-day-protect-…).
        m.insert("text".into(), t.replace('<', "&lt;").into());
    }
    match i.length {
        Length::Time(s) => {
            m.insert("duration".into(), s.into());
        }
        Length::Distance { .. } => {
            m.insert("distance".into(), number(i.length.metres().unwrap_or(0.0)));
        }
    }
    if let Some(p) = &i.power {
        m.insert(
            "power".into(),
            target(p.units.as_str(), p.amount, p.smoothing),
        );
    }
    if let Some(h) = &i.hr {
        m.insert("hr".into(), target(h.units.as_str(), h.amount, h.smoothing));
    }
    if let Some(p) = &i.pace {
        m.insert(
            "pace".into(),
            target(p.units.as_str(), p.amount, p.smoothing),
        );
    }
    if let Some(c) = i.cadence {
        m.insert("cadence".into(), target("rpm", c, None));
    }
    for (on, key) in [
        (i.ramp, "ramp"),
        (i.freeride, "freeride"),
        (i.maxeffort, "maxeffort"),
        (i.hidepower, "hidepower"),
        (i.warmup, "warmup"),
        (i.cooldown, "cooldown"),
        (i.until_lap_press, "until_lap_press"),
    ] {
        if on {
            m.insert(key.into(), true.into());
        }
    }
    if let Some(k) = i.intensity {
        m.insert("intensity".into(), k.as_str().into());
    }
    Value::Object(m)
}

fn target(units: &str, amount: Amount, smoothing: Option<Smoothing>) -> Value {
    let mut m = Map::new();
    match amount {
        Amount::Value(v) => {
            m.insert("value".into(), number(v));
        }
        Amount::Range { start, end } => {
            m.insert("start".into(), number(start));
            m.insert("end".into(), number(end));
        }
    }
    m.insert("units".into(), units.into());
    if let Some(s) = smoothing {
        m.insert("target".into(), s.as_str().into());
    }
    Value::Object(m)
}

/// A number as the server writes it: whole numbers without a fraction.
pub(crate) fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        // Exact: whole and well inside i64.
        Value::from(v as i64)
    } else {
        serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_drop_whole_fractions() {
        assert_eq!(number(75.0).to_string(), "75");
        assert_eq!(number(87.5).to_string(), "87.5");
    }
}
