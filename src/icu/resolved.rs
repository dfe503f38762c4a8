//! The `workout_doc` written straight to a serde serialiser (JSON text, or a
//! `serde_json::Value`): the steps, with the values the server resolves for an athlete, and
//! the numbers it computes at the top. Nothing is built on the way but the summary.
//!
//! Every object's keys come in the byte order of their names, as in the server's
//! documents (and in a `serde_json::Map`); a test re-reads the output to check it.
//!
//! Shapes and rounding follow the server records (`tp2i-*`, `rgw-*` in the corpus):
//! - `_power` in whole watts: a single value gets ±3 % outdoors (`40%` at FTP 240 →
//!   `{value 96, start 93, end 99}`) and none indoors; a range gets its midpoint as `value`;
//!   a zone gets only `start`/`end`, its band.
//! - `_hr` in whole bpm: a single value gets ±2.5 % (`80% LTHR` at 170 → 136, 133, 139).
//! - `_pace` in m/s as single-precision numbers: ±2.5 % of a single value (none for swims).
//! - `_distance` = duration × target speed, for time steps with a pace target.
//! - `options` (`{}` or `{category}`) and `locales` (`[]`) always; `pace_units` (`MINS_KM`,
//!   `SECS_100M`, …, from the sport) beside a `threshold_pace`.

use crate::athlete::{Athlete, Resolved};
use crate::load::round_half_up;
use crate::model::{
    Amount, Interval, Length, PaceLength, Smoothing, Sport, SportFamily, Step, Workout,
};
use crate::summary::{LoadBasis, StepCalc, Summary, ZoneTime};
use crate::zones::{self, PercentRange};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::fmt::{self, Display};

/// The `workout_doc` of a workout for an athlete, ready for any serde serialiser, with the
/// [`Summary`] it holds the numbers of: what [`super::to_json`] writes, for a caller that
/// also wants the summary (computed once) or writes the document into an answer of its own.
///
/// ```
/// use workout_doc::{icu::WorkoutDoc, text, Athlete};
/// let w = text::parse("- 10m 60%")?.workout;
/// let a = Athlete { ftp: Some(250.0), ..Default::default() };
/// let doc = WorkoutDoc::new(&w, &a);
/// assert_eq!(doc.summary().training_load, Some(6));
/// let json = serde_json::to_string(&doc).unwrap_or_default();
/// assert_eq!(json, workout_doc::icu::to_json(&w, &a)?);
/// # Ok::<(), workout_doc::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct WorkoutDoc<'a> {
    workout: &'a Workout,
    athlete: &'a Athlete,
    summary: Summary,
}

impl<'a> WorkoutDoc<'a> {
    /// The document of `workout` for `athlete`; computes the summary.
    ///
    /// ```
    /// let w = workout_doc::text::parse("- 1h 100%")?.workout;
    /// let a = workout_doc::Athlete::default();
    /// assert_eq!(workout_doc::icu::WorkoutDoc::new(&w, &a).summary().duration, 3600);
    /// # Ok::<(), workout_doc::Error>(())
    /// ```
    pub fn new(workout: &'a Workout, athlete: &'a Athlete) -> WorkoutDoc<'a> {
        WorkoutDoc {
            summary: workout.summary(athlete),
            workout,
            athlete,
        }
    }

    /// The summary the document's numbers come from.
    ///
    /// ```
    /// let w = workout_doc::text::parse("- 1h 100%")?.workout;
    /// let a = workout_doc::Athlete::default();
    /// let doc = workout_doc::icu::WorkoutDoc::new(&w, &a);
    /// assert_eq!(doc.summary().training_load, Some(100));
    /// # Ok::<(), workout_doc::Error>(())
    /// ```
    pub fn summary(&self) -> &Summary {
        &self.summary
    }
}

impl Serialize for WorkoutDoc<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (w, a, s) = (self.workout, self.athlete, &self.summary);
        let sport = w.sport.or(a.sport);
        let resolve = Some(Resolution {
            athlete: a,
            swim: SportFamily::of(sport) == SportFamily::Swim,
        });
        let power = s.average_watts.zip(s.normalized_power);
        let mut m = serializer.serialize_map(None)?;
        if let Some((ap, _)) = power {
            m.serialize_entry("average_watts", &ap)?;
        }
        if let Some(d) = w.description() {
            m.serialize_entry("description", d)?;
        }
        m.serialize_entry("distance", &Num(s.distance))?;
        m.serialize_entry("duration", &s.duration)?;
        number_entry(&mut m, "ftp", a.ftp)?;
        // Always `[]` in the server's documents: localised texts are not read.
        m.serialize_entry("locales", &[(); 0])?;
        number_entry(&mut m, "lthr", a.lthr)?;
        if let Some((_, np)) = power {
            m.serialize_entry("normalized_power", &np)?;
        }
        m.serialize_entry("options", &Options(w.category.as_deref()))?;
        // The server writes the athlete's pace display unit beside the threshold pace
        // (tp2i-pace-test-*, tp2i-distance-test-*); ours is the sport's.
        if a.threshold_pace.is_some() {
            let length = sport.map_or(PaceLength::Km, Sport::pace_length);
            m.serialize_entry("pace_units", length.pace_units())?;
        }
        m.serialize_entry("steps", &Steps(&w.steps, resolve))?;
        if let Some(basis) = s.load_basis {
            m.serialize_entry("target", basis.as_str())?;
        }
        number_entry(&mut m, "threshold_pace", a.threshold_pace)?;
        if let Some((ap, np)) = power.filter(|(ap, _)| *ap > 0) {
            let vi = f64::from(np) / f64::from(ap);
            m.serialize_entry("variability_index", &Num(vi))?;
        }
        if let Some(basis) = s.load_basis {
            m.serialize_entry("zoneTimes", &ZoneTimes(s, basis, a))?;
        }
        m.end()
    }
}

/// A number as the server writes it: whole numbers without a fraction (`75`, not `75.0`),
/// `null` for what is not a number.
#[derive(Debug, Clone, Copy)]
pub(super) struct Num(pub f64);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            // Exact: whole and well inside i64.
            serializer.serialize_i64(v as i64)
        } else if v.is_finite() {
            serializer.serialize_f64(v)
        } else {
            serializer.serialize_unit()
        }
    }
}

fn number_entry<M: SerializeMap>(m: &mut M, key: &str, v: Option<f64>) -> Result<(), M::Error> {
    match v {
        Some(v) => m.serialize_entry(key, &Num(v)),
        None => Ok(()),
    }
}

/// A string written from its `Display`, straight into the output.
struct Shown<T>(T);

impl<T: Display> Serialize for Shown<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// Step text with `<` as `&lt;`, as the server stores it (record rgw-rest-day-protect-…).
struct LtEscaped<'a>(&'a str);

impl Display for LtEscaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = self.0.split('<');
        f.write_str(parts.next().unwrap_or_default())?;
        parts.try_for_each(|p| {
            f.write_str("&lt;")?;
            f.write_str(p)
        })
    }
}

/// `{"category": …}`, or `{}` without a category, as the server writes it.
struct Options<'a>(Option<&'a str>);

impl Serialize for Options<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(Some(usize::from(self.0.is_some())))?;
        if let Some(category) = self.0 {
            m.serialize_entry("category", category)?;
        }
        m.end()
    }
}

/// The athlete steps are resolved for; `None` writes them as the text says them.
#[derive(Debug, Clone, Copy)]
pub(super) struct Resolution<'a> {
    athlete: &'a Athlete,
    swim: bool,
}

/// A list of steps.
struct Steps<'a>(&'a [Step], Option<Resolution<'a>>);

impl Serialize for Steps<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|step| StepDoc(step, self.1)))
    }
}

/// One step (interval or repeat block); a block's `duration` is reps × its inner total and
/// its `distance` reps × the metres of its distance steps.
pub(super) struct StepDoc<'a>(pub &'a Step, pub Option<Resolution<'a>>);

impl Serialize for StepDoc<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let r = match self.0 {
            Step::Interval(i) => return IntervalDoc(i, self.1).serialize(serializer),
            Step::Repeat(r) => r,
        };
        let secs = |i: &Interval| match (self.1, i.length) {
            (Some(res), _) => StepCalc::new(i, res.athlete).secs,
            (None, Length::Time(s)) => u64::from(s),
            (None, Length::Distance { .. }) => 0,
        };
        let metres = |i: &Interval| match i.length {
            Length::Time(_) => 0.0,
            Length::Distance { .. } => i.length.metres().unwrap_or(0.0),
        };
        let inner = r.steps.iter().map(secs).fold(0, u64::saturating_add);
        let distance = r.steps.iter().map(metres).fold(0.0, |d, m| d + m);
        let mut m = serializer.serialize_map(Some(5))?;
        m.serialize_entry("distance", &Num(distance * f64::from(r.reps)))?;
        m.serialize_entry("duration", &inner.saturating_mul(u64::from(r.reps)))?;
        m.serialize_entry("reps", &r.reps)?;
        m.serialize_entry("steps", &Intervals(&r.steps, self.1))?;
        m.serialize_entry("text", &r.text)?;
        m.end()
    }
}

/// The intervals of a repeat block.
struct Intervals<'a>(&'a [Interval], Option<Resolution<'a>>);

impl Serialize for Intervals<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|i| IntervalDoc(i, self.1)))
    }
}

/// One interval: its fields, flags only when true, and with a resolution its `_power`,
/// `_hr`, `_pace`, `_distance` and (distance steps) `duration`.
struct IntervalDoc<'a>(&'a Interval, Option<Resolution<'a>>);

impl Serialize for IntervalDoc<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let i = self.0;
        let calc = self.1.map(|r| (StepCalc::new(i, r.athlete), r));
        let timed = matches!(i.length, Length::Time(_));
        let mut m = serializer.serialize_map(None)?;
        if let Some((c, r)) = &calc {
            if c.pace.is_some() && timed {
                m.serialize_entry("_distance", &Num(c.metres))?;
            }
            if let Some(h) = c.hr {
                m.serialize_entry("_hr", &hr(h))?;
            }
            if let Some(p) = c.pace {
                m.serialize_entry("_pace", &pace(p, r.swim))?;
            }
            if let Some(p) = c.power {
                m.serialize_entry("_power", &power(p, r.athlete.indoor))?;
            }
        }
        if let Some(c) = i.cadence {
            m.serialize_entry("cadence", &TargetDoc("rpm", c, None))?;
        }
        flag(&mut m, "cooldown", i.cooldown)?;
        match i.length {
            Length::Time(secs) => m.serialize_entry("duration", &secs)?,
            Length::Distance { .. } => {
                m.serialize_entry("distance", &Num(i.length.metres().unwrap_or(0.0)))?;
                if let Some((c, _)) = calc.filter(|(c, _)| c.secs > 0) {
                    m.serialize_entry("duration", &c.secs)?;
                }
            }
        }
        flag(&mut m, "freeride", i.freeride)?;
        flag(&mut m, "hidepower", i.hidepower)?;
        if let Some(t) = &i.hr {
            m.serialize_entry("hr", &TargetDoc(t.units.as_str(), t.amount, t.smoothing))?;
        }
        if let Some(k) = i.intensity {
            m.serialize_entry("intensity", k.as_str())?;
        }
        flag(&mut m, "maxeffort", i.maxeffort)?;
        if let Some(t) = &i.pace {
            m.serialize_entry("pace", &TargetDoc(t.units.as_str(), t.amount, t.smoothing))?;
        }
        if let Some(t) = &i.power {
            m.serialize_entry("power", &TargetDoc(t.units.as_str(), t.amount, t.smoothing))?;
        }
        flag(&mut m, "ramp", i.ramp)?;
        if let Some(t) = i.text.as_deref().filter(|t| !t.is_empty()) {
            m.serialize_entry("text", &Shown(LtEscaped(t)))?;
        }
        flag(&mut m, "until_lap_press", i.until_lap_press)?;
        flag(&mut m, "warmup", i.warmup)?;
        m.end()
    }
}

/// `key: true` when `on`; nothing otherwise.
fn flag<M: SerializeMap>(m: &mut M, key: &str, on: bool) -> Result<(), M::Error> {
    if on {
        m.serialize_entry(key, &true)?;
    }
    Ok(())
}

/// A target as written: `{value, units}` or `{start, end, units}`, and `target` for a
/// smoothing hint.
struct TargetDoc(&'static str, Amount, Option<Smoothing>);

impl Serialize for TargetDoc {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let TargetDoc(units, amount, smoothing) = *self;
        let mut m = serializer.serialize_map(None)?;
        if let Amount::Range { start, end } = amount {
            m.serialize_entry("end", &Num(end))?;
            m.serialize_entry("start", &Num(start))?;
        }
        if let Some(s) = smoothing {
            m.serialize_entry("target", s.as_str())?;
        }
        m.serialize_entry("units", units)?;
        if let Amount::Value(v) = amount {
            m.serialize_entry("value", &Num(v))?;
        }
        m.end()
    }
}

/// A resolved target: `{start, end}` and, but for zones, `value`.
struct Triple {
    value: Option<f64>,
    start: f64,
    end: f64,
}

impl Serialize for Triple {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(None)?;
        m.serialize_entry("end", &Num(self.end))?;
        m.serialize_entry("start", &Num(self.start))?;
        number_entry(&mut m, "value", self.value)?;
        m.end()
    }
}

fn spread(r: Resolved, pct: f64) -> Triple {
    let (value, start, end) = match r {
        Resolved::Value(v) => (Some(v), v * (1.0 - pct), v * (1.0 + pct)),
        Resolved::Range(s, e) => (Some((s + e) / 2.0), s, e),
        Resolved::Zone(b) => (None, b.min, b.max),
    };
    Triple { value, start, end }
}

fn rounded(t: Triple, f: impl Fn(f64) -> f64) -> Triple {
    Triple {
        value: t.value.map(&f),
        start: f(t.start),
        end: f(t.end),
    }
}

fn power(r: Resolved, indoor: bool) -> Triple {
    rounded(spread(r, if indoor { 0.0 } else { 0.03 }), round_half_up)
}

fn hr(r: Resolved) -> Triple {
    rounded(spread(r, 0.025), round_half_up)
}

fn pace(r: Resolved, swim: bool) -> Triple {
    let single = |x: f64| f64::from(x as f32);
    match r {
        // The ±2.5 % is taken from the single-precision value, in double precision.
        Resolved::Value(v) if !swim => {
            let v = single(v);
            Triple {
                value: Some(v),
                start: v * 0.975,
                end: v * 1.025,
            }
        }
        other => rounded(spread(other, 0.0), single),
    }
}

/// The `zoneTimes` of the load's zone system.
struct ZoneTimes<'a>(&'a Summary, LoadBasis, &'a Athlete);

impl Serialize for ZoneTimes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let ZoneTimes(s, basis, a) = *self;
        match basis {
            LoadBasis::Power => serializer.collect_seq(
                s.zone_times
                    .iter()
                    .enumerate()
                    .map(|(k, z)| PowerZone(k, z, a)),
            ),
            LoadBasis::Hr => serializer.collect_seq(s.hr_zone_times.iter().map(PlainZone)),
            LoadBasis::Pace => serializer.collect_seq(s.pace_zone_times.iter().map(PlainZone)),
        }
    }
}

/// `{id, secs}`.
struct PlainZone<'a>(&'a ZoneTime);

impl Serialize for PlainZone<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(Some(2))?;
        m.serialize_entry("id", &self.0.id)?;
        m.serialize_entry("secs", &self.0.secs)?;
        m.end()
    }
}

/// Power zone `k`: `{id, zone, name, color, max, minWatts, maxWatts, percentRange, secs}`;
/// sweet spot (past the athlete's zones) also has `min` and `gap`, and its `max`/`min` are
/// its band in % FTP. The open top zone's `maxWatts` is 9999.
struct PowerZone<'a>(usize, &'a ZoneTime, &'a Athlete);

impl Serialize for PowerZone<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let PowerZone(k, z, a) = *self;
        let n = a.power_zones.len();
        let sweet_spot = (k >= n).then_some(a.sweet_spot);
        let color = zones::POWER_ZONE_COLORS.get(k.min(7)).copied();
        let max_watts = if k + 1 == n {
            9999.0
        } else {
            z.max.unwrap_or_default()
        };
        let mut m = serializer.serialize_map(None)?;
        m.serialize_entry("color", color.unwrap_or_default())?;
        if sweet_spot.is_some() {
            m.serialize_entry("gap", &true)?;
        }
        m.serialize_entry("id", &z.id)?;
        let max = match sweet_spot {
            Some((_, hi)) => hi,
            None => a.power_zones.get(k).copied().unwrap_or(0.0),
        };
        m.serialize_entry("max", &Num(max))?;
        m.serialize_entry("maxWatts", &Num(max_watts))?;
        if let Some((lo, _)) = sweet_spot {
            m.serialize_entry("min", &Num(lo))?;
        }
        m.serialize_entry("minWatts", &Num(z.min.unwrap_or_default()))?;
        m.serialize_entry("name", &z.name)?;
        let range = match sweet_spot {
            Some((lo, hi)) => PercentRange { lo, hi: Some(hi) },
            None => zones::percent_range(&a.power_zones, k),
        };
        m.serialize_entry("percentRange", &Shown(range))?;
        m.serialize_entry("secs", &z.secs)?;
        m.serialize_entry("zone", &(k + 1))?;
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Sport;
    use serde_json::Value;

    /// Every field the document has, in a few workouts, for athletes with every load basis.
    const TEXTS: [&str; 4] = [
        "Hard <b>day</b>\nCategory: Race\n\nWarmup\n- 10m ramp 50-75% 90rpm text <here>\n\n\
         Main set 3x\n- 2km 95% Pace\n- 90s 120% power=3s\n- 1m 50-60% freeride\n\n\
         - 30s maxeffort\n- 10m 65% hidepower\n- Cooldown 10m Z1 power=1s Press lap\n\
         - 5m 50% intensity=recovery\n- 10m 70% Z2 HR hr=10s\n",
        "- 20m Z2 HR\n- 10m 80% LTHR\n3x\n- 400m 4:00/km Pace\n- 1m Z1 Pace\n",
        "- 1500mtr 1:40/100m Pace\n- 10m 75-85% Pace\n- 5m 400w\n- 1m Z3-Z4\n- 3m SS\n",
        "- 1h\n- 20m 88-92% 85-95rpm\n",
    ];

    fn athletes() -> Vec<Athlete> {
        let d = Athlete::default();
        vec![
            d.clone(),
            Athlete::no_thresholds(),
            Athlete {
                indoor: true,
                ftp: Some(333.3),
                sweet_spot: (88.5, 93.0),
                ..d.clone()
            },
            Athlete {
                sport: Some(Sport::Swim),
                ftp: None,
                threshold_pace: Some(1.1),
                ..d.clone()
            },
            Athlete {
                ftp: None,
                threshold_pace: None,
                hr_zones: vec![120.0, 140.0, 160.0, 180.0],
                ..d
            },
        ]
    }

    #[test]
    fn keys_come_in_the_order_a_json_map_has_them() {
        // A `serde_json::Value` keeps object keys sorted: reading the document and writing
        // it again gives the same text only if every object was written in that order and
        // every number as the value writes it.
        for src in TEXTS {
            let w = crate::text::parse(src).unwrap().workout;
            for a in athletes() {
                let json = serde_json::to_string(&WorkoutDoc::new(&w, &a)).unwrap();
                let again: Value = serde_json::from_str(&json).unwrap();
                assert_eq!(again.to_string(), json);
                assert_eq!(super::super::to_value(&w, &a), again);
            }
        }
    }

    #[test]
    fn step_text_escapes_lt_only() {
        let json = serde_json::to_string(&Shown(LtEscaped("<a> & <<b"))).unwrap();
        assert_eq!(json, r#""&lt;a> & &lt;&lt;b""#);
    }
}
