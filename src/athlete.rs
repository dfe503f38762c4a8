//! The athlete a workout is planned for: thresholds, zone tables, and target resolution.
//!
//! [`Athlete::default`] carries documented embedded defaults so that someone with no
//! settings still gets numbers: FTP [`DEFAULT_FTP`] W, LTHR [`DEFAULT_LTHR`] bpm, max HR
//! [`DEFAULT_MAX_HR`] bpm, resting HR [`DEFAULT_RESTING_HR`] bpm, threshold pace
//! [`DEFAULT_THRESHOLD_PACE`] m/s (4:30/km), and the Intervals.icu default zones from
//! [`crate::zones`]. The defaults follow the sport's family ([`Thresholds::defaults`]):
//! swims take [`DEFAULT_SWIM_THRESHOLD_PACE`] (2:00/100m), every other family the values
//! above.
//!
//! Thresholds come from where they are written, the first that gives one winning: what the
//! caller gives (a flag), what the input records ([`crate::Parsed::thresholds`]: an `.erg`
//! `FTP =` header, a record's `ftp`, `lthr`, `max_hr`, `threshold_pace`), the family's
//! default. [`Athlete::with_defaults`] lays them over each other and says which values are
//! defaults.

use crate::model::{Amount, HrUnit, PaceLength, PaceUnit, PowerUnit, Sport, SportFamily, Target};
use crate::zones::{self, Band};

/// Default FTP when none is given: 200 W.
pub const DEFAULT_FTP: f64 = 200.0;
/// Default threshold heart rate: 170 bpm.
pub const DEFAULT_LTHR: f64 = 170.0;
/// Default maximum heart rate: 190 bpm.
pub const DEFAULT_MAX_HR: f64 = 190.0;
/// Default resting heart rate for HRSS: 54 bpm (the value that fits the server's HR loads).
pub const DEFAULT_RESTING_HR: f64 = 54.0;
/// Default threshold pace: 4:30/km, as a speed in m/s.
pub const DEFAULT_THRESHOLD_PACE: f64 = 1000.0 / 270.0;
/// Default threshold pace of swims: 2:00/100m, as a speed in m/s.
pub const DEFAULT_SWIM_THRESHOLD_PACE: f64 = 100.0 / 120.0;

/// How a threshold pace is written, for messages that ask for one.
pub const PACE_FORMS: &str =
    "a pace such as 4:30/km, 1:45/100m or 7:00/mi, or a speed such as 3.7m/s";

/// An athlete's thresholds, each known or not: what a flag, a file or a record gives.
///
/// ```
/// use workout_doc::athlete::Thresholds;
/// let flags = Thresholds { ftp: Some(280.0), ..Thresholds::default() };
/// let file = Thresholds { ftp: Some(260.0), lthr: Some(172.0), ..Thresholds::default() };
/// let both = flags.or(file);
/// assert_eq!((both.ftp, both.lthr, both.max_hr), (Some(280.0), Some(172.0), None));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Thresholds {
    /// Functional threshold power, W.
    pub ftp: Option<f64>,
    /// Threshold heart rate, bpm.
    pub lthr: Option<f64>,
    /// Maximum heart rate, bpm.
    pub max_hr: Option<f64>,
    /// Threshold pace as a speed, m/s.
    pub threshold_pace: Option<f64>,
}

impl Thresholds {
    /// `v` when it can be a threshold (FTP, LTHR, max HR, or a pace as a speed): finite,
    /// above 0 and below [`MAX_TARGET_VALUE`](crate::limits::MAX_TARGET_VALUE). Every
    /// reader of thresholds (files, records, flags, requests) takes them through this.
    ///
    /// ```
    /// use workout_doc::athlete::Thresholds;
    /// assert_eq!(Thresholds::value(250.0), Some(250.0));
    /// assert_eq!(Thresholds::value(0.0), None);
    /// assert_eq!(Thresholds::value(1e6), None);
    /// assert_eq!(Thresholds::value(f64::NAN), None);
    /// ```
    pub fn value(v: f64) -> Option<f64> {
        (v.is_finite() && v > 0.0 && v < crate::limits::MAX_TARGET_VALUE).then_some(v)
    }

    /// Each of `self`'s values, else `other`'s.
    ///
    /// ```
    /// use workout_doc::athlete::Thresholds;
    /// let some = Thresholds { lthr: Some(170.0), ..Thresholds::default() };
    /// assert_eq!(Thresholds::default().or(some), some);
    /// ```
    pub fn or(self, other: Thresholds) -> Thresholds {
        Thresholds {
            ftp: self.ftp.or(other.ftp),
            lthr: self.lthr.or(other.lthr),
            max_hr: self.max_hr.or(other.max_hr),
            threshold_pace: self.threshold_pace.or(other.threshold_pace),
        }
    }

    /// The documented defaults of a sport family: FTP [`DEFAULT_FTP`], LTHR
    /// [`DEFAULT_LTHR`], max HR [`DEFAULT_MAX_HR`], and threshold pace
    /// [`DEFAULT_SWIM_THRESHOLD_PACE`] for swims, [`DEFAULT_THRESHOLD_PACE`] for the rest.
    ///
    /// ```
    /// use workout_doc::{athlete::Thresholds, SportFamily};
    /// let swim = Thresholds::defaults(SportFamily::Swim);
    /// assert_eq!(swim.threshold_pace, Some(100.0 / 120.0)); // 2:00/100m
    /// assert_eq!(swim.ftp, Thresholds::defaults(SportFamily::Ride).ftp);
    /// ```
    pub fn defaults(family: SportFamily) -> Thresholds {
        Thresholds {
            ftp: Some(DEFAULT_FTP),
            lthr: Some(DEFAULT_LTHR),
            max_hr: Some(DEFAULT_MAX_HR),
            threshold_pace: Some(match family {
                SportFamily::Swim => DEFAULT_SWIM_THRESHOLD_PACE,
                _ => DEFAULT_THRESHOLD_PACE,
            }),
        }
    }
}

/// Thresholds and zones used to resolve targets and compute what a planner shows.
///
/// ```
/// let a = workout_doc::Athlete { ftp: Some(250.0), ..Default::default() };
/// assert_eq!(a.ftp, Some(250.0));
/// assert_eq!(a.power_zones.len(), 7);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Athlete {
    /// Sport the thresholds are for (swim paces have no ±range and swim load uses a cube).
    pub sport: Option<Sport>,
    /// Functional threshold power, W.
    pub ftp: Option<f64>,
    /// Threshold heart rate, bpm.
    pub lthr: Option<f64>,
    /// Maximum heart rate, bpm.
    pub max_hr: Option<f64>,
    /// Threshold pace as a speed, m/s.
    pub threshold_pace: Option<f64>,
    /// Resting heart rate, bpm (HRSS).
    pub resting_hr: Option<f64>,
    /// Indoor (VirtualRide): single power targets resolve without the outdoor ±3 % range.
    pub indoor: bool,
    /// Power zone upper bounds in % FTP (last one open, `999`).
    pub power_zones: Vec<f64>,
    /// Sweet spot band in % FTP.
    pub sweet_spot: (f64, f64),
    /// How power zone targets become watts (the server's current rule by default).
    pub power_zone_rule: zones::PowerZoneRule,
    /// Heart-rate zone upper bounds in bpm; empty = [`zones::DEFAULT_HR_ZONES_PCT_LTHR`]
    /// of the LTHR, then max HR.
    pub hr_zones: Vec<f64>,
    /// Pace zone upper bounds in % of threshold speed (last one open, `999`).
    pub pace_zones: Vec<f64>,
}

impl Default for Athlete {
    fn default() -> Self {
        Athlete {
            sport: None,
            ftp: Some(DEFAULT_FTP),
            lthr: Some(DEFAULT_LTHR),
            max_hr: Some(DEFAULT_MAX_HR),
            threshold_pace: Some(DEFAULT_THRESHOLD_PACE),
            resting_hr: Some(DEFAULT_RESTING_HR),
            indoor: false,
            power_zones: zones::DEFAULT_POWER_ZONES.to_vec(),
            sweet_spot: zones::DEFAULT_SWEET_SPOT,
            power_zone_rule: zones::PowerZoneRule::Table,
            hr_zones: Vec::new(),
            pace_zones: zones::DEFAULT_PACE_ZONES.to_vec(),
        }
    }
}

/// The default heart-rate zones: [`zones::DEFAULT_HR_ZONES_PCT_LTHR`] and max HR.
const DEFAULT_HR_ZONES: usize = zones::DEFAULT_HR_ZONES_PCT_LTHR.len() + 1;

/// Heart-rate zone upper bounds in bpm: the athlete's own, or the default table.
pub(crate) enum HrBounds<'a> {
    /// [`Athlete::hr_zones`].
    Set(&'a [f64]),
    /// From the LTHR and max HR.
    Default([f64; DEFAULT_HR_ZONES]),
}

impl std::ops::Deref for HrBounds<'_> {
    type Target = [f64];

    fn deref(&self) -> &[f64] {
        match self {
            HrBounds::Set(b) => b,
            HrBounds::Default(b) => b,
        }
    }
}

/// A target resolved to absolute units, before rounding.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Resolved {
    /// One value.
    Value(f64),
    /// A range (or ramp) from `.0` to `.1`.
    Range(f64, f64),
    /// A zone band (or a band spanning zones); its midpoint is what the step holds.
    Zone(Band),
}

impl Resolved {
    /// The steady value a step holds: the value, the range midpoint, the band midpoint.
    pub(crate) fn mid(self) -> f64 {
        match self {
            Resolved::Value(v) => v,
            Resolved::Range(a, b) => (a + b) / 2.0,
            Resolved::Zone(b) => b.mid(),
        }
    }

    fn amount(self) -> Amount {
        match self {
            Resolved::Value(v) => Amount::Value(v),
            Resolved::Range(start, end) => Amount::Range { start, end },
            Resolved::Zone(b) => Amount::Value(b.mid()),
        }
    }

    fn map(self, f: impl Fn(f64) -> f64) -> Resolved {
        match self {
            Resolved::Value(v) => Resolved::Value(f(v)),
            Resolved::Range(a, b) => Resolved::Range(f(a), f(b)),
            Resolved::Zone(b) => Resolved::Zone(Band {
                min: f(b.min),
                max: f(b.max),
            }),
        }
    }
}

/// 1-based zone numbers of a zone target (`Z3-Z4` → 3 and 4).
fn zone_numbers(amount: Amount) -> (usize, usize) {
    let (a, b) = amount.bounds();
    let z = |v: f64| {
        if v.is_finite() && v >= 1.0 {
            v as usize
        } else {
            1
        }
    };
    (z(a.min(b)), z(a.max(b)))
}

fn spanning(lo: Band, hi: Band) -> Band {
    Band {
        min: lo.min,
        max: hi.max,
    }
}

impl Athlete {
    /// The athlete for a workout of `sport`: the thresholds `given` (flags, then what the
    /// input records: lay them over each other with [`Thresholds::or`]), else the sport
    /// family's documented defaults; indoor for an indoor type. Also gives the defaults it
    /// took, so that a tool can say which numbers are assumed.
    ///
    /// ```
    /// use workout_doc::{athlete::Thresholds, Athlete, Sport};
    /// let given = Thresholds { ftp: Some(260.0), ..Thresholds::default() };
    /// let (a, defaults) = Athlete::with_defaults(Some(Sport::Swim), given);
    /// assert_eq!((a.sport, a.ftp), (Some(Sport::Swim), Some(260.0)));
    /// assert_eq!(a.threshold_pace, Some(100.0 / 120.0)); // the swim default, 2:00/100m
    /// assert_eq!((defaults.ftp, defaults.threshold_pace), (None, a.threshold_pace));
    /// assert_eq!(Athlete::with_defaults(None, Thresholds::default()).0, Athlete::default());
    /// ```
    pub fn with_defaults(sport: Option<Sport>, given: Thresholds) -> (Athlete, Thresholds) {
        let defaults = Thresholds::defaults(SportFamily::of(sport));
        let taken = Thresholds {
            ftp: defaults.ftp.filter(|_| given.ftp.is_none()),
            lthr: defaults.lthr.filter(|_| given.lthr.is_none()),
            max_hr: defaults.max_hr.filter(|_| given.max_hr.is_none()),
            threshold_pace: defaults
                .threshold_pace
                .filter(|_| given.threshold_pace.is_none()),
        };
        let t = given.or(defaults);
        let athlete = Athlete {
            sport,
            indoor: sport.is_some_and(Sport::is_indoor),
            ftp: t.ftp,
            lthr: t.lthr,
            max_hr: t.max_hr,
            threshold_pace: t.threshold_pace,
            ..Athlete::default()
        };
        (athlete, taken)
    }

    /// An athlete with the default zone tables but no thresholds at all: targets that need
    /// an FTP, LTHR, max HR or threshold pace stay unresolved. Writers that must not guess
    /// an FTP use this instead of [`Athlete::default`].
    ///
    /// ```
    /// let a = workout_doc::Athlete::no_thresholds();
    /// assert_eq!((a.ftp, a.lthr, a.max_hr, a.threshold_pace), (None, None, None, None));
    /// ```
    pub fn no_thresholds() -> Athlete {
        Athlete {
            ftp: None,
            lthr: None,
            max_hr: None,
            threshold_pace: None,
            resting_hr: None,
            ..Athlete::default()
        }
    }

    /// Reads a threshold pace as a speed in m/s: `4:30/km`, `1:40/100m`, `7:00/mi`
    /// (also `/100y`, `/500m`, `/400m`, `/250m`), or a speed `2.63m/s`. A number without
    /// its unit is refused: `4.30` could be 4:30/km or 4.3 m/s ([`PACE_FORMS`] says how to
    /// write one).
    ///
    /// ```
    /// use workout_doc::Athlete;
    /// assert!((Athlete::parse_pace("4:30/km").unwrap() - 1000.0 / 270.0).abs() < 1e-12);
    /// assert_eq!(Athlete::parse_pace("1:40/100m"), Some(1.0));
    /// assert!((Athlete::parse_pace("7:00/mi").unwrap() - 1609.344 / 420.0).abs() < 1e-12);
    /// assert_eq!(Athlete::parse_pace("2.63m/s"), Some(2.63));
    /// assert_eq!(Athlete::parse_pace("4.30"), None);
    /// assert_eq!(Athlete::parse_pace("fast"), None);
    /// ```
    pub fn parse_pace(s: &str) -> Option<f64> {
        let s = s.trim();
        let speed = if let Some(speed) = s.strip_suffix("m/s") {
            crate::decimal::parse(speed.trim())?
        } else {
            let (time, per) = s.split_once('/')?;
            let metres = match per.trim().to_ascii_lowercase().as_str() {
                "km" => 1000.0,
                "mi" | "mile" => 1609.344,
                other => PaceLength::ALL
                    .into_iter()
                    .find(|l| l.suffix().get(1..) == Some(other))?
                    .metres(),
            };
            metres / clock_seconds(time.trim())?
        };
        (speed.is_finite() && speed > 0.0).then_some(speed)
    }

    /// The FTP, or [`DEFAULT_FTP`].
    fn ftp_or_default(&self) -> f64 {
        self.ftp.unwrap_or(DEFAULT_FTP)
    }

    /// Heart-rate zone upper bounds in bpm: [`Athlete::hr_zones`], or the default
    /// percentages of LTHR (floored) and then max HR.
    ///
    /// ```
    /// let a = workout_doc::Athlete { lthr: Some(178.0), max_hr: Some(192.0), ..Default::default() };
    /// assert_eq!(a.hr_zone_bounds(), [147.0, 156.0, 165.0, 174.0, 179.0, 184.0, 192.0]);
    /// ```
    pub fn hr_zone_bounds(&self) -> Vec<f64> {
        self.hr_bounds().to_vec()
    }

    /// [`Athlete::hr_zone_bounds`] without a `Vec`: the summary asks for them once a
    /// workout, and a zone target once a step.
    pub(crate) fn hr_bounds(&self) -> HrBounds<'_> {
        if !self.hr_zones.is_empty() {
            return HrBounds::Set(&self.hr_zones);
        }
        let lthr = self.lthr.unwrap_or(DEFAULT_LTHR);
        let mut v = [self.max_hr.unwrap_or(DEFAULT_MAX_HR); DEFAULT_HR_ZONES];
        for (b, p) in v.iter_mut().zip(zones::DEFAULT_HR_ZONES_PCT_LTHR) {
            *b = (p * lthr / 100.0 + 1e-9).floor();
        }
        HrBounds::Default(v)
    }

    /// The power zone table in watts for this athlete's FTP (see [`zones::power_bands`]).
    ///
    /// ```
    /// let a = workout_doc::Athlete { ftp: Some(240.0), ..Default::default() };
    /// assert_eq!(a.power_bands()[0].max, 132.0);
    /// ```
    pub fn power_bands(&self) -> Vec<Band> {
        zones::power_bands(&self.power_zones, self.ftp_or_default()).collect()
    }

    /// The 1-based power zone a wattage falls in (a zone includes its upper bound).
    ///
    /// ```
    /// let a = workout_doc::Athlete { ftp: Some(240.0), ..Default::default() };
    /// assert_eq!(a.power_zone_index(132.0), 1);
    /// assert_eq!(a.power_zone_index(133.0), 2);
    /// assert_eq!(a.power_zone_index(5000.0), 7);
    /// ```
    pub fn power_zone_index(&self, watts: f64) -> usize {
        let bands = zones::power_bands(&self.power_zones, self.ftp_or_default());
        zones::zone_of(watts, bands.map(|b| b.max)) + 1
    }

    pub(crate) fn resolve_power(&self, t: &Target<PowerUnit>) -> Option<Resolved> {
        let ftp = self.ftp;
        let r = match t.units {
            PowerUnit::Watts => from_amount(t.amount),
            PowerUnit::PercentFtp => {
                let ftp = ftp?;
                from_amount(t.amount).map(|v| v * ftp / 100.0)
            }
            PowerUnit::Zone => {
                let ftp = ftp?;
                let (a, b) = zone_numbers(t.amount);
                let rule = self.power_zone_rule;
                let band = |z| zones::power_zone_band_by(rule, &self.power_zones, ftp, z);
                Resolved::Zone(if a == b {
                    band(a)
                } else {
                    spanning(band(a), band(b))
                })
            }
        };
        Some(r)
    }

    pub(crate) fn resolve_hr(&self, t: &Target<HrUnit>) -> Option<Resolved> {
        let r = match t.units {
            HrUnit::PercentMax => from_amount(t.amount).map(pct32(self.max_hr?)),
            HrUnit::PercentLthr => from_amount(t.amount).map(pct32(self.lthr?)),
            HrUnit::Zone => {
                if self.hr_zones.is_empty() && self.lthr.is_none() {
                    return None;
                }
                let bounds = self.hr_bounds();
                let (a, b) = zone_numbers(t.amount);
                Resolved::Zone(spanning(
                    zones::bpm_band(&bounds, a),
                    zones::bpm_band(&bounds, b),
                ))
            }
        };
        Some(r)
    }

    pub(crate) fn resolve_pace(&self, t: &Target<PaceUnit>) -> Option<Resolved> {
        let r = match t.units {
            PaceUnit::PercentThreshold => from_amount(t.amount).map(pct32(self.threshold_pace?)),
            PaceUnit::Zone => {
                let thr = self.threshold_pace?;
                let (a, b) = zone_numbers(t.amount);
                let band = |z| zones::percent_band(&self.pace_zones, 100.0, z);
                let pct = spanning(band(a), band(b));
                Resolved::Zone(Band {
                    min: pct32(thr)(pct.min),
                    max: pct32(thr)(pct.max),
                })
            }
            PaceUnit::Absolute(len) => {
                let len = len.unwrap_or_else(|| SportFamily::of(self.sport).bare_pace_length());
                let metres = len.metres();
                from_amount(t.amount).map(|secs| if secs > 0.0 { metres / secs } else { 0.0 })
            }
        };
        Some(r)
    }

    /// A power target in watts: `%` of FTP times the FTP, watts as written, a zone (or zone
    /// range) as the midpoint of its watt band as the server resolves it. Ranges stay
    /// ranges. `None` when the target needs an FTP the athlete lacks.
    ///
    /// ```
    /// use workout_doc::{Amount, Athlete, PowerUnit, Target};
    /// let a = Athlete { ftp: Some(286.0), ..Default::default() };
    /// let z2 = Target::new(PowerUnit::Zone, Amount::Value(2.0));
    /// assert_eq!(a.power_watts(&z2), Some(Amount::Value(186.0)));
    /// let r = Target::new(PowerUnit::PercentFtp, Amount::Range { start: 50.0, end: 100.0 });
    /// assert_eq!(a.power_watts(&r), Some(Amount::Range { start: 143.0, end: 286.0 }));
    /// ```
    pub fn power_watts(&self, t: &Target<PowerUnit>) -> Option<Amount> {
        self.resolve_power(t).map(Resolved::amount)
    }

    /// A heart-rate target in bpm (`%` of max HR or LTHR; a zone as its band midpoint).
    ///
    /// ```
    /// use workout_doc::{Amount, Athlete, HrUnit, Target};
    /// let a = Athlete { lthr: Some(170.0), ..Default::default() };
    /// let t = Target::new(HrUnit::PercentLthr, Amount::Value(80.0));
    /// assert!(matches!(a.hr_bpm(&t), Some(Amount::Value(v)) if (v - 136.0).abs() < 1e-3));
    /// ```
    pub fn hr_bpm(&self, t: &Target<HrUnit>) -> Option<Amount> {
        self.resolve_hr(t).map(Resolved::amount)
    }

    /// A pace target as a speed in m/s (`%` of threshold speed; `5:00/km` → 3.33; a zone
    /// as the midpoint of its speed band).
    ///
    /// ```
    /// use workout_doc::{Amount, Athlete, PaceLength, PaceUnit, Target};
    /// let a = Athlete::default();
    /// let t = Target::new(PaceUnit::Absolute(Some(PaceLength::Km)), Amount::Value(300.0));
    /// assert!(matches!(a.pace_speed(&t), Some(Amount::Value(v)) if (v - 10.0 / 3.0).abs() < 1e-12));
    /// ```
    pub fn pace_speed(&self, t: &Target<PaceUnit>) -> Option<Amount> {
        self.resolve_pace(t).map(Resolved::amount)
    }
}

fn from_amount(a: Amount) -> Resolved {
    match a {
        Amount::Value(v) => Resolved::Value(v),
        Amount::Range { start, end } => Resolved::Range(start, end),
    }
}

/// `pct` % of `base` the way the server computes it: the fraction in single precision
/// (`0.45f32`), times the base in double (so 45 % of 170 is 76.49999…, written 76).
fn pct32(base: f64) -> impl Fn(f64) -> f64 {
    move |pct| f64::from(pct as f32 / 100.0) * base
}

/// `m:ss` or `h:mm:ss` (or plain seconds) to seconds.
fn clock_seconds(s: &str) -> Option<f64> {
    let mut total = 0.0;
    for part in s.split(':') {
        let v = crate::decimal::parse(part.trim())?;
        if !(v.is_finite() && v >= 0.0) {
            return None;
        }
        total = total * 60.0 + v;
    }
    (total > 0.0).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paces() {
        assert_eq!(Athlete::parse_pace("1:40/100y"), Some(0.9144));
        assert_eq!(Athlete::parse_pace("2.5 m/s"), Some(2.5));
        // A bare number, or a clock without a distance, says no unit.
        assert_eq!(Athlete::parse_pace("2.5"), None);
        assert_eq!(Athlete::parse_pace("4:30"), None);
        assert_eq!(Athlete::parse_pace("0:00/km"), None);
        assert_eq!(Athlete::parse_pace("4:30/parsec"), None);
        assert_eq!(Athlete::parse_pace("-3"), None);
    }

    #[test]
    fn hr_percent_in_single_precision() {
        let a = Athlete {
            lthr: Some(170.0),
            ..Athlete::default()
        };
        let t = Target::new(HrUnit::PercentLthr, Amount::Value(45.0));
        let v = a.resolve_hr(&t).map(Resolved::mid).unwrap_or_default();
        assert_eq!(v.round(), 76.0);
    }
}
