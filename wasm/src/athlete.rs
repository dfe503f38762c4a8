//! The athlete object JavaScript passes: `{ftp, lthr, max_hr, threshold_pace, sport}`, and
//! `range`, which only writing FIT uses.

use crate::Failure;
use serde_json::value::RawValue;
use workout_doc::fit::Spread;
use workout_doc::icu::Members;
use workout_doc::{Athlete, Sport};

/// What the athlete object holds: the athlete, and the range FIT gives single target values.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Thresholds and sport.
    pub athlete: Athlete,
    /// How far either side of a single target value a FIT step's range reaches (`range`).
    pub range: Spread,
}

/// Reads the athlete object from its JSON text (`null` for none); absent or `null` fields
/// keep the library's defaults ([`Athlete::default`], [`Spread::DEFAULT`]).
/// `threshold_pace` is a speed in m/s or a pace such as `"4:30/km"`, `"1:40/100m"`,
/// `"7:00/mi"`; `range` is what [`Spread::parse`] reads (`"5%"`, `"10W"`, `"0"`). Of several
/// bad fields, the error is about the first by name; a field given twice keeps its last value.
///
/// ```
/// use workout_doc::fit::Spread;
/// use workout_doc_wasm::settings_from_json;
/// let s = settings_from_json(r#"{"ftp": 280, "sport": "run"}"#).unwrap();
/// assert_eq!(s.athlete.ftp, Some(280.0));
/// assert_eq!(s.athlete.sport, Some(workout_doc::Sport::Run));
/// assert_eq!(s.range, Spread::DEFAULT);
/// let b = settings_from_json(r#"{"threshold_pace": "1:40/100m", "range": "10W"}"#).unwrap();
/// assert_eq!(b.athlete.threshold_pace, Some(1.0));
/// assert_eq!(b.range, Spread::Watts(10.0));
/// assert!(settings_from_json(r#"{"FTP": 280}"#).is_err());
/// assert!(settings_from_json(r#"{"range": "lots"}"#).is_err());
/// ```
///
/// # Errors
/// Text that is not JSON, an unknown field, a field of the wrong type, a number that is not
/// positive, an unknown sport, or a range [`Spread::parse`] does not read.
pub fn settings_from_json(json: &str) -> Result<Settings, Failure> {
    let mut athlete = Athlete::default();
    let mut range = Spread::DEFAULT;
    let not_plain = |_| Failure::usage("athlete: expected a plain object");
    let root: &RawValue = serde_json::from_str(json).map_err(not_plain)?;
    if root.get() == "null" {
        return Ok(Settings { athlete, range });
    }
    if !root.get().starts_with('{') {
        return Err(Failure::usage("athlete: expected an object"));
    }
    // Members in name order, a name given twice keeping its last value.
    let fields: Members = serde_json::from_str(json).map_err(not_plain)?;
    for (key, value) in fields.unique() {
        if value.get() == "null" {
            continue;
        }
        match key {
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

/// A JSON number.
fn number(value: &RawValue) -> Option<f64> {
    serde_json::from_str(value.get()).ok()
}

/// A JSON string's text.
fn string(value: &RawValue) -> Option<String> {
    serde_json::from_str(value.get()).ok()
}

fn positive(key: &str, value: &RawValue) -> Result<f64, Failure> {
    match number(value) {
        Some(n) if n > 0.0 && n.is_finite() => Ok(n),
        _ => Err(Failure::usage(format!(
            "athlete: {key} must be a positive number"
        ))),
    }
}

fn pace(value: &RawValue) -> Result<f64, Failure> {
    let speed = match string(value) {
        Some(s) => Athlete::parse_pace(&s),
        None => number(value),
    };
    speed.filter(|v| *v > 0.0 && v.is_finite()).ok_or_else(|| {
        Failure::usage(
            "athlete: threshold_pace must be a pace such as \"4:30/km\" or a speed in m/s",
        )
    })
}

fn sport(value: &RawValue) -> Result<Sport, Failure> {
    string(value)
        .and_then(|s| Sport::from_name(&s))
        .ok_or_else(|| Failure::usage("athlete: sport must be an Intervals.icu activity type such as Ride, Run, Swim or WeightTraining"))
}

fn spread(value: &RawValue) -> Result<Spread, Failure> {
    string(value)
        .and_then(|s| Spread::parse(&s))
        .ok_or_else(|| {
            Failure::usage(
            "athlete: range must be a percent below 100 such as \"5%\", or watts such as \"10W\"",
        )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(json: &str) -> String {
        settings_from_json(json).unwrap_err().message
    }

    #[test]
    fn the_first_bad_field_by_name_is_reported() {
        assert_eq!(
            message(r#"{"sport": "chess", "ftp": -1}"#),
            "athlete: ftp must be a positive number"
        );
        assert!(message(r#"{"sport": "chess", "FTP": 1}"#).contains("unknown field \"FTP\""));
        assert!(message(r#"{"zz": 1, "sport": "chess"}"#).starts_with("athlete: sport"));
    }

    #[test]
    fn null_fields_repeats_and_other_values() {
        let s = settings_from_json(r#"{"ftp": -1, "ftp": 200, "lthr": null}"#).unwrap();
        assert_eq!(s.athlete.ftp, Some(200.0));
        assert_eq!(s.athlete.lthr, Athlete::default().lthr);
        assert_eq!(
            settings_from_json("null").unwrap().athlete,
            Athlete::default()
        );
        assert_eq!(message("5"), "athlete: expected an object");
        assert_eq!(
            message(r#"{"ftp": [1,"#),
            "athlete: expected a plain object"
        );
        assert_eq!(
            settings_from_json(r#"{"threshold_pace": 4.5e0}"#)
                .unwrap()
                .athlete
                .threshold_pace,
            Some(4.5)
        );
        assert!(message(r#"{"ftp": "250"}"#).contains("ftp must be a positive number"));
    }
}
