//! The athlete object JavaScript passes: `{ftp, lthr, max_hr, threshold_pace, sport}`, and
//! `range`, which only writing FIT uses.

use crate::Failure;
use serde_json::Value;
use workout_doc::fit::Spread;
use workout_doc::{Athlete, Sport};

/// What the athlete object holds: the athlete, and the range FIT gives single target values.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Thresholds and sport.
    pub athlete: Athlete,
    /// How far either side of a single target value a FIT step's range reaches (`range`).
    pub range: Spread,
}

/// Reads the athlete object from the JSON form of the JS object; absent or `null` fields
/// keep the library's defaults ([`Athlete::default`], [`Spread::DEFAULT`]).
/// `threshold_pace` is a speed in m/s or a pace such as `"4:30/km"`, `"1:40/100m"`,
/// `"7:00/mi"`; `range` is what [`Spread::parse`] reads (`"5%"`, `"10W"`, `"0"`).
///
/// ```
/// use serde_json::json;
/// use workout_doc::fit::Spread;
/// let s = workout_doc_wasm::settings_from_value(&json!({"ftp": 280, "sport": "run"})).unwrap();
/// assert_eq!(s.athlete.ftp, Some(280.0));
/// assert_eq!(s.athlete.sport, Some(workout_doc::Sport::Run));
/// assert_eq!(s.range, Spread::DEFAULT);
/// let b = workout_doc_wasm::settings_from_value(&json!({"threshold_pace": "1:40/100m", "range": "10W"})).unwrap();
/// assert_eq!(b.athlete.threshold_pace, Some(1.0));
/// assert_eq!(b.range, Spread::Watts(10.0));
/// assert!(workout_doc_wasm::settings_from_value(&json!({"FTP": 280})).is_err());
/// assert!(workout_doc_wasm::settings_from_value(&json!({"range": "lots"})).is_err());
/// ```
///
/// # Errors
/// An unknown field, a field of the wrong type, a number that is not positive, an unknown
/// sport, or a range [`Spread::parse`] does not read.
pub fn settings_from_value(v: &Value) -> Result<Settings, Failure> {
    let mut athlete = Athlete::default();
    let mut range = Spread::DEFAULT;
    let fields = match v {
        Value::Null => return Ok(Settings { athlete, range }),
        Value::Object(map) => map,
        _ => return Err(Failure::usage("athlete: expected an object")),
    };
    for (key, value) in fields {
        if value.is_null() {
            continue;
        }
        match key.as_str() {
            "ftp" => athlete.ftp = Some(positive(key, value)?),
            "lthr" => athlete.lthr = Some(positive(key, value)?),
            "max_hr" => athlete.max_hr = Some(positive(key, value)?),
            "threshold_pace" => athlete.threshold_pace = Some(pace(value)?),
            "sport" => athlete.sport = Some(sport(value)?),
            "range" => range = spread(value)?,
            _ => {
                return Err(Failure::usage(format!(
                    "athlete: unknown field \"{key}\": expected ftp, lthr, max_hr, threshold_pace, sport or range"
                )))
            }
        }
    }
    Ok(Settings { athlete, range })
}

fn positive(key: &str, value: &Value) -> Result<f64, Failure> {
    match value.as_f64() {
        Some(n) if n > 0.0 && n.is_finite() => Ok(n),
        _ => Err(Failure::usage(format!(
            "athlete: {key} must be a positive number"
        ))),
    }
}

fn pace(value: &Value) -> Result<f64, Failure> {
    let speed = match value {
        Value::String(s) => Athlete::parse_pace(s),
        _ => value.as_f64(),
    };
    speed.filter(|v| *v > 0.0 && v.is_finite()).ok_or_else(|| {
        Failure::usage(
            "athlete: threshold_pace must be a pace such as \"4:30/km\" or a speed in m/s",
        )
    })
}

fn sport(value: &Value) -> Result<Sport, Failure> {
    value
        .as_str()
        .and_then(Sport::from_name)
        .ok_or_else(|| Failure::usage("athlete: sport must be an Intervals.icu activity type such as Ride, Run, Swim or WeightTraining"))
}

fn spread(value: &Value) -> Result<Spread, Failure> {
    value.as_str().and_then(Spread::parse).ok_or_else(|| {
        Failure::usage(
            "athlete: range must be a percent below 100 such as \"5%\", or watts such as \"10W\"",
        )
    })
}
