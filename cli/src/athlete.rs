//! The athlete options: the workout's sport and the thresholds a flag gives, which win over
//! what the input records and the sport family's documented defaults.

use crate::args::AthleteArgs;
use crate::Usage;
use anyhow::Result;
use workout_doc::athlete::{Thresholds, PACE_FORMS};
use workout_doc::{Athlete, Parsed, Sport};

/// What the athlete flags give, checked.
#[derive(Debug, Clone, Copy, Default)]
pub struct Given {
    /// `--sport`: the workout's sport, over the one the input names.
    pub sport: Option<Sport>,
    /// The threshold flags.
    pub thresholds: Thresholds,
}

impl AthleteArgs {
    /// The flags, checked (a usage error names the flag).
    pub fn given(&self) -> Result<Given> {
        let mut t = Thresholds::default();
        for (flag, value, slot) in [
            ("--ftp", self.ftp, &mut t.ftp),
            ("--lthr", self.lthr, &mut t.lthr),
            ("--max-hr", self.max_hr, &mut t.max_hr),
        ] {
            if let Some(v) = value {
                *slot = Some(positive(flag, v)?);
            }
        }
        if let Some(p) = &self.threshold_pace {
            t.threshold_pace = Some(pace(p)?);
        }
        Ok(Given {
            sport: self.sport,
            thresholds: t,
        })
    }
}

impl Given {
    /// Sets the workout's sport from `--sport`, and gives the athlete it is computed for:
    /// each threshold from its flag, else from the input (an `.erg` `FTP =`, a record's
    /// fields), else the sport family's default; and the defaults it took.
    pub fn apply(&self, parsed: &mut Parsed) -> (Athlete, Thresholds) {
        if self.sport.is_some() {
            parsed.workout.sport = self.sport;
        }
        let given = self.thresholds.or(parsed.thresholds);
        Athlete::with_defaults(parsed.workout.sport, given)
    }
}

/// The `--sport` value parser: any Intervals.icu activity type, in any case.
pub fn parse_sport(s: &str) -> Result<Sport, String> {
    Sport::from_name(s).ok_or_else(|| {
        "expected an Intervals.icu activity type such as Ride, VirtualRide, Run, Swim, \
         Rowing or WeightTraining (any case)"
            .into()
    })
}

fn positive(flag: &str, v: f64) -> Result<f64> {
    Thresholds::value(v).ok_or_else(|| {
        Usage(format!(
            "invalid value '{v}' for '{flag}': expected a positive number"
        ))
        .into()
    })
}

/// A threshold pace; a bare number is refused with the two things it could mean.
fn pace(p: &str) -> Result<f64> {
    if let Some(speed) = Athlete::parse_pace(p) {
        return Ok(speed);
    }
    let shown = crate::diag::text(p);
    let why = match p.trim().parse::<f64>() {
        Ok(n) => format!(
            "a number alone has no unit: write {} for a pace or {n}m/s for a speed",
            clock(n)
        ),
        Err(_) => format!("expected {PACE_FORMS}"),
    };
    Err(Usage(format!(
        "invalid value '{shown}' for '--threshold-pace': {why}"
    ))
    .into())
}

/// `4.30` as the clock it may have meant, `4:30/km`.
fn clock(n: f64) -> String {
    let minutes = n.trunc();
    let seconds = ((n - minutes) * 100.0).round();
    if seconds < 60.0 {
        format!("{minutes}:{seconds:02}/km")
    } else {
        "4:30/km".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_number_is_refused_with_what_it_could_mean() {
        let e = pace("4.30").unwrap_err().to_string();
        assert_eq!(
            e,
            "invalid value '4.30' for '--threshold-pace': a number alone has no unit: \
             write 4:30/km for a pace or 4.3m/s for a speed"
        );
        assert!(pace("4:30/km").is_ok() && pace("3.7m/s").is_ok());
        assert!(pace("4:30")
            .unwrap_err()
            .to_string()
            .contains("such as 4:30/km"));
    }
}
