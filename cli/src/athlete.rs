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
            let speed = parse_pace(p).ok_or_else(|| {
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

/// A pace (`4:30/km`, `1:40/100m`, `7:00/mi`) or speed (`2.63m/s`, `2.63`) as m/s.
fn parse_pace(s: &str) -> Option<f64> {
    let s = s.trim();
    if let Some((time, per)) = s.split_once('/') {
        let metres = match per.trim().to_ascii_lowercase().as_str() {
            "km" => 1000.0,
            "mi" | "mile" => 1609.344,
            "100m" => 100.0,
            "100y" | "100yd" => 91.44,
            "250m" => 250.0,
            "400m" => 400.0,
            "500m" => 500.0,
            "s" if time.trim().ends_with('m') => {
                return speed(time.trim().trim_end_matches('m'));
            }
            _ => return None,
        };
        let (min, sec) = time.trim().split_once(':').unwrap_or(("0", time.trim()));
        let secs =
            min.trim().parse::<u32>().ok()? as f64 * 60.0 + sec.trim().parse::<f64>().ok()?;
        return (secs > 0.0).then(|| metres / secs);
    }
    speed(s.trim_end_matches("m/s"))
}

fn speed(s: &str) -> Option<f64> {
    let v = s.trim().parse::<f64>().ok()?;
    (v.is_finite() && v > 0.0 && v < 100.0).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::parse_pace;

    #[test]
    fn paces_and_speeds() {
        assert!((parse_pace("4:00/km").unwrap() - 1000.0 / 240.0).abs() < 1e-9);
        assert!((parse_pace("1:40/100m").unwrap() - 1.0).abs() < 1e-9);
        assert_eq!(parse_pace("2.63m/s"), Some(2.63));
        assert_eq!(parse_pace("2.63"), Some(2.63));
        assert_eq!(parse_pace("fast"), None);
        assert_eq!(parse_pace("0:00/km"), None);
    }
}
