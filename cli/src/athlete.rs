//! The athlete options turned into the library's [`Athlete`].

use crate::args::{AthleteArgs, SportArg};
use crate::Usage;
use anyhow::Result;
use workout_doc::{Athlete, Sport};

impl AthleteArgs {
    /// The library's defaults with the given options laid over them.
    pub fn athlete(&self) -> Result<Athlete> {
        let mut a = Athlete::default();
        if let Some(s) = self.sport {
            a.sport = Some(match s {
                SportArg::Ride => Sport::Ride,
                SportArg::Run => Sport::Run,
                SportArg::Swim => Sport::Swim,
            });
        }
        if let Some(v) = self.ftp {
            a.ftp = Some(positive("--ftp", v)?);
        }
        if let Some(v) = self.lthr {
            a.lthr = Some(positive("--lthr", v)?);
        }
        if let Some(v) = self.max_hr {
            a.max_hr = Some(positive("--max-hr", v)?);
        }
        if let Some(p) = &self.threshold_pace {
            let speed = Athlete::parse_pace(p).ok_or_else(|| {
                Usage(format!(
                    "invalid value '{p}' for '--threshold-pace': expected a pace such as \
                     4:30/km, 1:40/100m, 7:00/mi, or a speed such as 2.63m/s"
                ))
            })?;
            a.threshold_pace = Some(speed);
        }
        Ok(a)
    }
}

fn positive(flag: &str, v: f64) -> Result<f64> {
    if v.is_finite() && v > 0.0 && v < 100_000.0 {
        Ok(v)
    } else {
        Err(Usage(format!(
            "invalid value '{v}' for '{flag}': expected a positive number"
        ))
        .into())
    }
}
