//! The exports as plain Rust over JSON values, so they can be tested without a JS engine.

use crate::{athlete_from_value, format_by_name, Failure};
use serde_json::Value;
use workout_doc::{icu, render, Athlete, Format, Workout, ZoneTime};

/// `parse(text, athlete)`: `{workout_doc, summary, warnings}` for workout text.
///
/// ```
/// let v = workout_doc_wasm::api::parse("- 10m 60%", &serde_json::Value::Null).unwrap();
/// assert_eq!(v["workout_doc"]["duration"], 600);
/// assert_eq!(v["summary"]["duration"], 600);
/// assert_eq!(v["warnings"].as_array().unwrap().len(), 0);
/// ```
///
/// # Errors
/// A syntax error in the text, or a bad athlete.
pub fn parse(text: &str, athlete: &Value) -> Result<Value, Failure> {
    let athlete = athlete_from_value(athlete)?;
    let parsed = Format::Text.read(text)?;
    let warnings: Vec<Value> = parsed
        .warnings
        .iter()
        .map(|w| {
            object([
                ("message", w.message.as_str().into()),
                ("line", w.line.into()),
                ("column", w.column.into()),
            ])
        })
        .collect();
    Ok(object([
        ("workout_doc", icu::to_value(&parsed.workout, &athlete)),
        ("summary", summary_value(&parsed.workout, &athlete)),
        ("warnings", warnings.into()),
    ]))
}

/// A JSON object from its fields. Unlike `json!`, which passes every value through
/// `serde_json::to_value` (a copy, and serializer code in the `.wasm`), it moves the values.
pub(crate) fn object<const N: usize>(fields: [(&str, Value); N]) -> Value {
    let mut map = serde_json::Map::new();
    for (k, v) in fields {
        map.insert(k.to_owned(), v);
    }
    Value::Object(map)
}

/// `convert(input, from, to, athlete)`: the workout in another format.
///
/// ```
/// let out = workout_doc_wasm::api::convert("- 10m 60%", "text", "json", &serde_json::Value::Null).unwrap();
/// assert!(out.starts_with('{'));
/// ```
///
/// # Errors
/// An unknown format, a bad athlete, the reader's error, or a workout the target cannot hold.
pub fn convert(input: &str, from: &str, to: &str, athlete: &Value) -> Result<String, Failure> {
    let to = format_by_name(to)?;
    let (w, athlete) = read(input, from, athlete)?;
    match to.write(&w, &athlete)?.file {
        workout_doc::Output::Text(text) => Ok(text),
        workout_doc::Output::Binary(_) => Err(Failure::usage(
            "fit is a binary format: not in this package yet",
        )),
    }
}

/// `summary(input, from, athlete)`: the planner numbers.
///
/// ```
/// let s = workout_doc_wasm::api::summary("- 10m 60%", "text", &serde_json::Value::Null).unwrap();
/// assert_eq!(s["duration"], 600);
/// ```
///
/// # Errors
/// An unknown format, a bad athlete or the reader's error.
pub fn summary(input: &str, from: &str, athlete: &Value) -> Result<Value, Failure> {
    let (w, athlete) = read(input, from, athlete)?;
    Ok(summary_value(&w, &athlete))
}

/// `plotSvg(input, from, athlete)`: the workout profile as an SVG document.
///
/// ```
/// let svg = workout_doc_wasm::api::plot_svg("- 10m 60%", "text", &serde_json::Value::Null).unwrap();
/// assert!(svg.starts_with("<svg"));
/// ```
///
/// # Errors
/// An unknown format, a bad athlete or the reader's error.
pub fn plot_svg(input: &str, from: &str, athlete: &Value) -> Result<String, Failure> {
    let (w, athlete) = read(input, from, athlete)?;
    Ok(render::svg(&w, &athlete))
}

fn read(input: &str, from: &str, athlete: &Value) -> Result<(Workout, Athlete), Failure> {
    let from = format_by_name(from)?;
    let athlete = athlete_from_value(athlete)?;
    Ok((from.read(input)?.workout, athlete))
}

/// The summary as JSON, the same object as its `Serialize` derive gives, built by hand:
/// the derive goes through serde_json's value serializer (1,044 B more `.wasm` raw, 280 B gzipped).
fn summary_value(w: &Workout, athlete: &Athlete) -> Value {
    let s = w.summary(athlete);
    object([
        ("duration", s.duration.into()),
        ("distance", number(s.distance)),
        ("average_watts", s.average_watts.into()),
        ("normalized_power", s.normalized_power.into()),
        ("intensity", s.intensity.map_or(Value::Null, number)),
        ("training_load", s.training_load.into()),
        ("zone_times", zone_times(&s.zone_times)),
        ("hr_zone_times", zone_times(&s.hr_zone_times)),
        ("pace_zone_times", zone_times(&s.pace_zone_times)),
    ])
}

fn zone_times(zones: &[ZoneTime]) -> Value {
    let zone = |z: &ZoneTime| {
        let mut v = object([
            ("id", z.id.as_str().into()),
            ("name", z.name.as_str().into()),
            ("secs", z.secs.into()),
        ]);
        if let Value::Object(map) = &mut v {
            for (key, bound) in [("min", z.min), ("max", z.max)] {
                if let Some(b) = bound {
                    map.insert(key.to_owned(), number(b));
                }
            }
        }
        v
    };
    zones.iter().map(zone).collect()
}

/// A float as serde does: `null` when not finite.
fn number(v: f64) -> Value {
    serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-built summary equals the `Serialize` derive's, zones with and without bounds,
    /// power, heart rate and pace workouts.
    #[test]
    fn summary_value_matches_the_serialize_derive() {
        let athlete = Athlete {
            ftp: Some(250.0),
            lthr: Some(170.0),
            max_hr: Some(190.0),
            threshold_pace: Some(4.0),
            ..Athlete::default()
        };
        let texts = [
            "- 20m 60% 90-100rpm\n\nMain set 4x\n- 8m 110%\n- 8m 50%\n\n- 10m ramp 60-90%\n",
            "- 10m Z2 HR\n- 5m 95-100% LTHR\n",
            "Run\n- 2km 5:00/km Pace\n- 10m Z2 Pace\n",
            "- 10m\n",
        ];
        let mut bounded = [0; 3];
        for text in texts {
            let w = workout_doc::text::parse(text).unwrap().workout;
            for a in [&athlete, &Athlete::default()] {
                let s = w.summary(a);
                for (n, zones) in [&s.zone_times, &s.hr_zone_times, &s.pace_zone_times]
                    .iter()
                    .enumerate()
                {
                    bounded[n] += zones.iter().filter(|z| z.min.is_some()).count();
                }
                let derived = serde_json::to_value(s).unwrap();
                assert_eq!(summary_value(&w, a), derived, "{text}");
            }
        }
        assert!(
            bounded.iter().all(|&n| n > 0),
            "every zone kind seen: {bounded:?}"
        );
    }
}
