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
use crate::limits;
use crate::model::{
    Amount, DistanceUnit, HrUnit, Interval, Length, Note, PaceLength, PaceUnit, Parsed, PowerUnit,
    Repeat, Smoothing, Step, StepKind, Target, Workout,
};
use crate::span::Span;
use serde_json::{Map, Value};

mod resolved;

pub use resolved::WorkoutDoc;

/// The `workout_doc` object of a workout as a JSON value, with what the server computes
/// for `athlete`: per step `_power` / `_hr` / `_pace` (W, bpm, m/s), `_distance` of time
/// steps at a pace, the `duration` of distance steps; at the top `duration`, `distance`,
/// `target`, `zoneTimes` (the target's zone system, in the server's object shapes),
/// `average_watts`, `normalized_power`, `variability_index`, and the thresholds used.
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
/// the notes past the description (the server keeps only the first paragraph of prose).
pub(crate) fn left_out(w: &Workout) -> Vec<Warning> {
    let mut losses = Losses::default();
    losses.fields(w, field::CATEGORY, "workout_doc JSON");
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

/// Reads a `workout_doc` object (or an event object holding one under `workout_doc`).
///
/// Server-computed fields (`_power`, `zoneTimes`, …) are skipped; unknown step fields give
/// warnings. A repeat inside a repeat, which the tree cannot hold, is flattened into its
/// parent with a warning: every copy is kept, up to [`limits::MAX_STEPS`] steps in all.
///
/// ```
/// let json = r#"{"steps":[{"duration":600,"power":{"value":60,"units":"%ftp"}}]}"#;
/// let w = workout_doc::icu::from_json(json)?.workout;
/// assert_eq!(workout_doc::text::write(&w), "- 10m 60%\n");
/// # Ok::<(), workout_doc::Error>(())
/// ```
///
/// # Errors
/// Malformed JSON (with its line and column), a document without a `steps` array, or one
/// over a bound of [`limits`] (more than [`limits::MAX_STEPS`] steps once nested repeats
/// are flattened, say).
pub fn from_json(json: &str) -> Result<Parsed, Error> {
    if json.len() > limits::MAX_INPUT_BYTES {
        return Err(Error::limit(
            "input size in bytes",
            limits::MAX_INPUT_BYTES as u64,
            Span::new(0, 0),
            json,
        ));
    }
    let value: Value = serde_json::from_str(json).map_err(|e| {
        let position = crate::span::Position {
            line: u32::try_from(e.line()).unwrap_or(u32::MAX),
            column: u32::try_from(e.column()).unwrap_or(u32::MAX),
            column_utf16: u32::try_from(e.column()).unwrap_or(u32::MAX),
        };
        // The position goes in its own fields: drop serde_json's " at line L column C".
        let msg = e.to_string();
        let place = format!(" at line {} column {}", e.line(), e.column());
        let msg = msg.strip_suffix(place.as_str()).unwrap_or(&msg).to_owned();
        Error::at(ErrorKind::Json(msg), Span::new(0, 0), position)
    })?;
    let mut reader = JsonReader {
        src: json,
        warnings: Vec::new(),
        made: 0,
    };
    let workout = reader.workout(&value)?;
    Ok(Parsed {
        workout,
        warnings: reader.warnings,
    })
}

struct JsonReader<'a> {
    src: &'a str,
    warnings: Vec<Warning>,
    /// Intervals made so far: see [`JsonReader::made`].
    made: usize,
}

impl JsonReader<'_> {
    fn error(&self, msg: &str) -> Error {
        Error::new(ErrorKind::Json(msg.into()), Span::new(0, 0), self.src)
    }

    fn warn(&mut self, msg: String) {
        self.warnings
            .push(Warning::new(msg, Span::new(0, 0), self.src));
    }

    fn workout(&mut self, value: &Value) -> Result<Workout, Error> {
        let doc = value.get("workout_doc").unwrap_or(value);
        let steps = doc
            .get("steps")
            .and_then(Value::as_array)
            .ok_or_else(|| self.error("expected an object with a \"steps\" array"))?;
        let mut w = Workout::default();
        if let Some(d) = doc.get("description").and_then(Value::as_str) {
            w.notes.push(Note {
                before: 0,
                text: d.to_owned(),
            });
        }
        w.category = doc
            .get("options")
            .and_then(|o| o.get("category"))
            .or_else(|| doc.get("category"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        for s in steps {
            if let Some(step) = self.step(s)? {
                w.steps.push(step);
            }
        }
        Ok(w)
    }

    /// Counts `n` more intervals made (read, or copied from a flattened repeat) against
    /// [`limits::MAX_STEPS`], an error about `what` past it. Each ends up in the workout
    /// once, so this bounds the steps and the memory however deeply repeats nest (copies
    /// multiply with each level).
    fn made(&mut self, n: usize, what: &'static str) -> Result<(), Error> {
        self.made = self.made.saturating_add(n);
        if self.made > limits::MAX_STEPS {
            return Err(self.limit(what, limits::MAX_STEPS as u64));
        }
        Ok(())
    }

    fn step(&mut self, v: &Value) -> Result<Option<Step>, Error> {
        let Some(obj) = v.as_object() else {
            return Err(self.error("expected each step to be an object"));
        };
        if obj.contains_key("reps") || obj.contains_key("steps") {
            let reps = obj.get("reps").and_then(Value::as_f64).unwrap_or(1.0);
            if !(1.0..=f64::from(limits::MAX_REPEATS)).contains(&reps) {
                return Err(Error::limit(
                    "repeat count",
                    limits::MAX_REPEATS.into(),
                    Span::new(0, 0),
                    self.src,
                ));
            }
            let mut steps = Vec::new();
            for child in obj
                .get("steps")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                match self.step(child)? {
                    Some(Step::Interval(i)) => steps.push(i),
                    Some(Step::Repeat(r)) => {
                        // Every copy is kept. The first was counted when read; the others are
                        // counted before copying, as nested repeats multiply.
                        let copies = r
                            .steps
                            .len()
                            .saturating_mul((r.reps as usize).saturating_sub(1));
                        self.made(copies, "number of steps (nested repeats flattened)")?;
                        self.warn(format!(
                            "nested repeat \"{}\" flattened into {} copies of its {} steps: \
                             Intervals.icu repeats do not nest",
                            r.text,
                            r.reps,
                            r.steps.len()
                        ));
                        steps.reserve(copies + r.steps.len());
                        for _ in 0..r.reps {
                            steps.extend(r.steps.iter().cloned());
                        }
                    }
                    None => {}
                }
            }
            return Ok(Some(Step::Repeat(Repeat {
                reps: reps as u32,
                text: obj
                    .get("text")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                steps,
                span: Span::default(),
            })));
        }
        let interval = self.interval(obj)?;
        if interval.is_some() {
            self.made(1, "number of steps")?;
        }
        Ok(interval.map(Step::Interval))
    }

    fn interval(&mut self, obj: &Map<String, Value>) -> Result<Option<Interval>, Error> {
        let mut i = Interval::default();
        let mut length = None;
        for (key, v) in obj {
            match key.as_str() {
                "text" => {
                    i.text = v
                        .as_str()
                        .filter(|t| !t.is_empty())
                        .map(|t| t.replace("&lt;", "<"))
                }
                "duration" if length.is_none() => {
                    let secs = v.as_f64().unwrap_or(0.0).round();
                    if secs > f64::from(limits::MAX_STEP_SECONDS) {
                        return Err(
                            self.limit("step duration in seconds", limits::MAX_STEP_SECONDS.into())
                        );
                    }
                    length = Some(Length::Time(secs.max(0.0) as u32));
                }
                "distance" => {
                    let metres = v.as_f64().unwrap_or(0.0);
                    if metres > limits::MAX_STEP_METRES {
                        return Err(
                            self.limit("step distance in metres", limits::MAX_STEP_METRES as u64)
                        );
                    }
                    if metres > 0.0 {
                        length = Some(distance(metres));
                    }
                }
                "power" => i.power = self.target(key, v, power_unit),
                "hr" => i.hr = self.target(key, v, hr_unit),
                "pace" => i.pace = self.target(key, v, pace_unit),
                "cadence" => i.cadence = self.target(key, v, |_| Some(())).map(|t| t.amount),
                "ramp" => i.ramp = truth(v),
                "freeride" => i.freeride = truth(v),
                "maxeffort" => i.maxeffort = truth(v),
                "hidepower" => i.hidepower = truth(v),
                "warmup" => i.warmup = truth(v),
                "cooldown" => i.cooldown = truth(v),
                "until_lap_press" => i.until_lap_press = truth(v),
                "intensity" => i.intensity = v.as_str().and_then(StepKind::from_name),
                k if k.starts_with('_') || k == "duration" => {}
                other => self.warn(format!("ignored step field \"{other}\"")),
            }
        }
        match length {
            Some(l) if l.seconds() != Some(0) => {
                i.length = l;
                Ok(Some(i))
            }
            _ => {
                self.warn("step dropped: it has no duration or distance above zero".into());
                Ok(None)
            }
        }
    }

    fn limit(&self, what: &'static str, limit: u64) -> Error {
        Error::new(ErrorKind::Limit { what, limit }, Span::new(0, 0), self.src)
    }

    fn target<U>(
        &mut self,
        key: &str,
        v: &Value,
        unit: impl Fn(&str) -> Option<U>,
    ) -> Option<Target<U>> {
        let units = v.get("units").and_then(Value::as_str).unwrap_or_default();
        let Some(units) = unit(units) else {
            self.warn(format!("ignored {key} target with units \"{units}\""));
            return None;
        };
        let num = |k: &str| {
            v.get(k)
                .and_then(Value::as_f64)
                .filter(|n| n.abs() <= limits::MAX_TARGET_VALUE)
        };
        let amount = match (num("start"), num("end"), num("value")) {
            (Some(start), Some(end), _) => Amount::Range { start, end },
            (_, _, Some(value)) => Amount::Value(value),
            _ => {
                self.warn(format!("ignored {key} target without a value"));
                return None;
            }
        };
        let smoothing = v
            .get("target")
            .and_then(Value::as_str)
            .and_then(|s| Smoothing::ALL.into_iter().find(|x| x.as_str() == s));
        Some(Target {
            units,
            amount,
            smoothing,
        })
    }
}

fn truth(v: &Value) -> bool {
    v.as_bool().unwrap_or(false)
}

/// A distance in metres, written in km when it is a whole number of 100 m.
fn distance(metres: f64) -> Length {
    let hundreds = metres / 100.0;
    if metres >= 100.0 && hundreds.fract() == 0.0 {
        Length::Distance {
            value: hundreds / 10.0,
            unit: DistanceUnit::Kilometre,
        }
    } else {
        Length::Distance {
            value: metres,
            unit: DistanceUnit::Metre,
        }
    }
}

fn power_unit(s: &str) -> Option<PowerUnit> {
    [PowerUnit::PercentFtp, PowerUnit::Watts, PowerUnit::Zone]
        .into_iter()
        .find(|u| u.as_str() == s)
}

fn hr_unit(s: &str) -> Option<HrUnit> {
    [HrUnit::PercentMax, HrUnit::PercentLthr, HrUnit::Zone]
        .into_iter()
        .find(|u| u.as_str() == s)
}

fn pace_unit(s: &str) -> Option<PaceUnit> {
    match s {
        "%pace" => Some(PaceUnit::PercentThreshold),
        "pace_zone" => Some(PaceUnit::Zone),
        "secs" => Some(PaceUnit::Absolute(None)),
        _ => PaceLength::ALL
            .into_iter()
            .find(|l| l.units() == s)
            .map(|l| PaceUnit::Absolute(Some(l))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lt_entities_come_back() {
        let json = r#"{"steps":[{"text":"a &lt;40% b &amp; &lt","duration":60}]}"#;
        let w = from_json(json).unwrap().workout;
        let Some(Step::Interval(i)) = w.steps.first() else {
            panic!("expected an interval");
        };
        assert_eq!(i.text.as_deref(), Some("a <40% b &amp; &lt"));
    }

    /// A JSON repeat of two steps inside a repeat, `reps` times.
    fn nested(reps: usize) -> String {
        format!(
            r#"{{"steps":[{{"reps":2,"steps":[{{"reps":{reps},"text":"inner","steps":[{{"duration":30}},{{"duration":60}}]}}]}}]}}"#
        )
    }

    #[test]
    fn nested_repeats_keep_every_copy() {
        let parsed = from_json(&nested(150)).unwrap();
        let [Step::Repeat(outer)] = parsed.workout.steps.as_slice() else {
            panic!("expected one repeat");
        };
        assert_eq!(outer.reps, 2);
        assert_eq!(outer.steps.len(), 300);
        let messages: Vec<&str> = parsed.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            messages,
            ["nested repeat \"inner\" flattened into 150 copies of its 2 steps: Intervals.icu repeats do not nest"]
        );
    }

    #[test]
    fn nested_repeats_over_the_step_bound_are_refused() {
        let half = limits::MAX_STEPS / 2;
        assert_eq!(from_json(&nested(half)).unwrap().workout.steps.len(), 1);
        let Err(e) = from_json(&nested(half + 1)) else {
            panic!("expected a limit error");
        };
        assert!(matches!(e.kind(), ErrorKind::Limit { .. }), "{e}");
        assert_eq!(
            e.message(),
            "number of steps (nested repeats flattened) over the limit: expected at most 100000"
        );
    }

    #[test]
    fn numbers_drop_whole_fractions() {
        let json = |v: f64| serde_json::to_string(&resolved::Num(v)).unwrap();
        assert_eq!(json(75.0), "75");
        assert_eq!(json(87.5), "87.5");
        assert_eq!(json(f64::NAN), "null");
    }

    #[test]
    fn distances_prefer_km() {
        assert_eq!(
            distance(800.0),
            Length::Distance {
                value: 0.8,
                unit: DistanceUnit::Kilometre
            }
        );
        assert_eq!(
            distance(50.0),
            Length::Distance {
                value: 50.0,
                unit: DistanceUnit::Metre
            }
        );
    }
}
