//! The athlete object JavaScript passes: `{ftp, lthr, max_hr, threshold_pace, sport}`.

use crate::Failure;
use serde_json::Value;
use workout_doc::{Athlete, Sport};

/// Reads an athlete from the JSON form of the JS object; absent or `null` fields keep the
/// library's defaults ([`Athlete::default`]). `threshold_pace` is a speed in m/s or a pace
/// such as `"4:30/km"`, `"1:40/100m"`, `"7:00/mi"`.
///
/// ```
/// use serde_json::json;
/// let a = workout_doc_wasm::athlete_from_value(&json!({"ftp": 280, "sport": "run"})).unwrap();
/// assert_eq!(a.ftp, Some(280.0));
/// assert_eq!(a.sport, Some(workout_doc::Sport::Run));
/// let b = workout_doc_wasm::athlete_from_value(&json!({"threshold_pace": "1:40/100m"})).unwrap();
/// assert_eq!(b.threshold_pace, Some(1.0));
/// assert!(workout_doc_wasm::athlete_from_value(&json!({"FTP": 280})).is_err());
/// ```
///
/// # Errors
/// An unknown field, a field of the wrong type, a number that is not positive, or an
/// unknown sport.
pub fn athlete_from_value(v: &Value) -> Result<Athlete, Failure> {
    let mut athlete = Athlete::default();
    let fields = match v {
        Value::Null => return Ok(athlete),
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
            _ => {
                return Err(Failure::usage(format!(
                    "athlete: unknown field \"{key}\": expected ftp, lthr, max_hr, threshold_pace or sport"
                )))
            }
        }
    }
    Ok(athlete)
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
        .ok_or_else(|| Failure::usage("athlete: sport must be ride, run, swim or row"))
}
