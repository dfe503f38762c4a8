//! The athlete fields of a request (`type`, `ftp`, `lthr`, `max_hr`, `threshold_pace`, as
//! the Intervals.icu API names them) turned into the library's [`Athlete`].

use crate::error::ApiError;
use serde::Deserialize;
use serde_json::Value;
use workout_doc::athlete::Thresholds;
use workout_doc::{Athlete, Sport};

/// The sport of an Intervals.icu activity `type` (any case, as the library reads it), and
/// whether it is indoor (power targets then resolve without the outdoor ±3 % range).
pub(crate) fn sport(name: &str) -> Result<(Sport, bool), ApiError> {
    let sport = Sport::from_name(name).ok_or_else(|| {
        let known: Vec<&str> = Sport::names().collect();
        ApiError::bad_request(format!(
            "unknown type \"{}\": expected one of {}",
            workout_doc::printable(name.trim(), 80),
            known.join(", ")
        ))
    })?;
    Ok((sport, sport.is_indoor()))
}

/// The athlete fields of a JSON body or a query string; unknown fields are ignored, so a
/// whole Intervals.icu event object can be sent as it is.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct AthleteFields {
    /// Intervals.icu activity type (`Ride`, `Run`, `Swim`, …).
    #[serde(rename = "type")]
    pub sport: Option<String>,
    /// Functional threshold power, W.
    pub ftp: Option<f64>,
    /// Threshold heart rate, bpm.
    pub lthr: Option<f64>,
    /// Maximum heart rate, bpm.
    pub max_hr: Option<f64>,
    /// Threshold pace: a speed in m/s as the API stores it, or a pace such as `"4:30/km"`.
    pub threshold_pace: Option<Value>,
}

impl AthleteFields {
    /// The library's default athlete with these fields laid over it.
    pub(crate) fn athlete(&self) -> Result<Athlete, ApiError> {
        let mut a = Athlete::default();
        if let Some(name) = &self.sport {
            let (sport, indoor) = sport(name)?;
            a.sport = Some(sport);
            a.indoor = indoor;
        }
        for (field, value, slot) in [
            ("ftp", self.ftp, &mut a.ftp),
            ("lthr", self.lthr, &mut a.lthr),
            ("max_hr", self.max_hr, &mut a.max_hr),
        ] {
            if let Some(v) = value {
                *slot = Some(positive(field, v)?);
            }
        }
        if let Some(pace) = &self.threshold_pace {
            a.threshold_pace = Some(threshold_pace(pace)?);
        }
        Ok(a)
    }

    /// The `type` a route needs, or 400 naming the missing field.
    pub(crate) fn require_type(&self) -> Result<(), ApiError> {
        match self.sport {
            Some(_) => Ok(()),
            None => Err(ApiError::bad_request(
                "missing field `type`: expected an Intervals.icu activity type such as \"Ride\"",
            )),
        }
    }
}

fn positive(field: &str, v: f64) -> Result<f64, ApiError> {
    Thresholds::value(v).ok_or_else(|| {
        ApiError::bad_request(format!("invalid {field} {v}: expected a positive number"))
    })
}

fn threshold_pace(v: &Value) -> Result<f64, ApiError> {
    let speed = match v {
        Value::Number(n) => n.as_f64().filter(|s| s.is_finite() && *s > 0.0),
        Value::String(s) => Athlete::parse_pace(s),
        _ => None,
    };
    speed.ok_or_else(|| {
        ApiError::bad_request(format!(
            "invalid threshold_pace {v}: expected a speed in m/s such as 3.7, or a pace such as \
             \"4:30/km\", \"1:40/100m\" or \"7:00/mi\""
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_in_any_case() {
        assert_eq!(
            sport("virtualride").unwrap(),
            (Sport::from_name("VirtualRide").unwrap(), true)
        );
        assert_eq!(sport(" RUN ").unwrap(), (Sport::Run, false));
        assert_eq!(sport("OpenWaterSwim").unwrap().0.as_str(), "OpenWaterSwim");
        let (strength, indoor) = sport("weighttraining").unwrap();
        assert_eq!((strength.as_str(), indoor), ("WeightTraining", false));
        let e = sport("Chess").unwrap_err().to_string();
        assert!(
            e.contains("unknown type \"Chess\": expected one of Ride, VirtualRide"),
            "{e}"
        );
    }

    #[test]
    fn fields_over_the_defaults() {
        let f: AthleteFields =
            serde_json::from_str(r#"{"type":"Run","ftp":250,"threshold_pace":"4:00/km","id":7}"#)
                .unwrap();
        let a = f.athlete().unwrap();
        assert_eq!((a.sport, a.ftp), (Some(Sport::Run), Some(250.0)));
        assert!((a.threshold_pace.unwrap() - 1000.0 / 240.0).abs() < 1e-9);
        assert_eq!(a.lthr, Athlete::default().lthr);

        let bad: AthleteFields = serde_json::from_str(r#"{"ftp":-1}"#).unwrap();
        assert!(bad
            .athlete()
            .unwrap_err()
            .to_string()
            .contains("invalid ftp -1"));
        let bad: AthleteFields = serde_json::from_str(r#"{"threshold_pace":true}"#).unwrap();
        assert!(bad.athlete().is_err());
    }
}
