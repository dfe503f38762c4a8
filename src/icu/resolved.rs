//! The fields the server adds to a `workout_doc` for an athlete: resolved targets per step
//! and the computed numbers at the top.
//!
//! Shapes and rounding follow the server records (`tp2i-*`, `rgw-*` in the corpus):
//! - `_power` in whole watts: a single value gets ±3 % outdoors (`40%` at FTP 240 →
//!   `{value 96, start 93, end 99}`) and none indoors; a range gets its midpoint as `value`;
//!   a zone gets only `start`/`end`, its band.
//! - `_hr` in whole bpm: a single value gets ±2.5 % (`80% LTHR` at 170 → 136, 133, 139).
//! - `_pace` in m/s as single-precision numbers: ±2.5 % of a single value (none for swims).
//! - `_distance` = duration × target speed, for time steps with a pace target.

use super::{interval_value, number, step_value};
use crate::athlete::{Athlete, Resolved};
use crate::load::round_half_up;
use crate::model::{Interval, Length, Step};
use crate::summary::{LoadBasis, StepCalc, Summary, ZoneTime};
use crate::zones;
use serde_json::{Map, Value};

/// One top-level step with its resolved fields.
pub(super) fn step(step: &Step, a: &Athlete, swim: bool) -> Value {
    match step {
        Step::Interval(i) => interval(i, a, swim),
        Step::Repeat(r) => {
            let mut v = step_value(step);
            let inner: u64 = r
                .steps
                .iter()
                .map(|i| StepCalc::new(i, a).secs)
                .fold(0, u64::saturating_add);
            if let Value::Object(m) = &mut v {
                let children: Vec<Value> = r.steps.iter().map(|i| interval(i, a, swim)).collect();
                m.insert("steps".into(), children.into());
                let total = inner.saturating_mul(u64::from(r.reps));
                m.insert("duration".into(), total.into());
            }
            v
        }
    }
}

fn interval(i: &Interval, a: &Athlete, swim: bool) -> Value {
    let mut v = interval_value(i);
    let c = StepCalc::new(i, a);
    if let Value::Object(m) = &mut v {
        let timed = matches!(i.length, Length::Time(_));
        if !timed && c.secs > 0 {
            m.insert("duration".into(), c.secs.into());
        }
        if let Some(p) = c.power {
            m.insert("_power".into(), power(p, a.indoor));
        }
        if let Some(h) = c.hr {
            m.insert("_hr".into(), hr(h));
        }
        if let Some(p) = c.pace {
            m.insert("_pace".into(), pace(p, swim));
            if timed {
                m.insert("_distance".into(), number(c.metres));
            }
        }
    }
    v
}

fn triple(value: Option<f64>, start: f64, end: f64, f: impl Fn(f64) -> f64) -> Value {
    let mut m = Map::new();
    if let Some(v) = value {
        m.insert("value".into(), number(f(v)));
    }
    m.insert("start".into(), number(f(start)));
    m.insert("end".into(), number(f(end)));
    Value::Object(m)
}

fn spread(r: Resolved, pct: f64) -> (Option<f64>, f64, f64) {
    match r {
        Resolved::Value(v) => (Some(v), v * (1.0 - pct), v * (1.0 + pct)),
        Resolved::Range(s, e) => (Some((s + e) / 2.0), s, e),
        Resolved::Zone(b) => (None, b.min, b.max),
    }
}

fn power(r: Resolved, indoor: bool) -> Value {
    let (v, s, e) = spread(r, if indoor { 0.0 } else { 0.03 });
    triple(v, s, e, round_half_up)
}

fn hr(r: Resolved) -> Value {
    let (v, s, e) = spread(r, 0.025);
    triple(v, s, e, round_half_up)
}

fn pace(r: Resolved, swim: bool) -> Value {
    let single = |x: f64| f64::from(x as f32);
    let (v, s, e) = match r {
        // The ±2.5 % is taken from the single-precision value, in double precision.
        Resolved::Value(v) if !swim => {
            let v = single(v);
            (Some(v), v * 0.975, v * 1.025)
        }
        other => {
            let (v, s, e) = spread(other, 0.0);
            (v.map(single), single(s), single(e))
        }
    };
    triple(v, s, e, |x| x)
}

/// The top-level computed fields.
pub(super) fn top_level(doc: &mut Map<String, Value>, s: &Summary, a: &Athlete) {
    doc.insert("duration".into(), s.duration.into());
    doc.insert("distance".into(), number(s.distance));
    for (key, v) in [
        ("ftp", a.ftp),
        ("lthr", a.lthr),
        ("threshold_pace", a.threshold_pace),
    ] {
        if let Some(v) = v {
            doc.insert(key.into(), number(v));
        }
    }
    if let Some(basis) = s.load_basis {
        doc.insert("target".into(), basis.as_str().into());
        let zones = match basis {
            LoadBasis::Power => power_zones(&s.zone_times, a),
            LoadBasis::Hr => plain_zones(&s.hr_zone_times),
            LoadBasis::Pace => plain_zones(&s.pace_zone_times),
        };
        doc.insert("zoneTimes".into(), zones.into());
    }
    if let (Some(ap), Some(np)) = (s.average_watts, s.normalized_power) {
        doc.insert("average_watts".into(), ap.into());
        doc.insert("normalized_power".into(), np.into());
        if ap > 0 {
            doc.insert(
                "variability_index".into(),
                number(f64::from(np) / f64::from(ap)),
            );
        }
    }
}

fn plain_zones(z: &[ZoneTime]) -> Vec<Value> {
    z.iter()
        .map(|z| {
            let mut m = Map::new();
            m.insert("id".into(), z.id.clone().into());
            m.insert("secs".into(), z.secs.into());
            Value::Object(m)
        })
        .collect()
}

/// The power `zoneTimes` objects: `{id, zone, name, color, max, minWatts, maxWatts,
/// percentRange, secs}`, and for sweet spot also `min` and `gap`.
fn power_zones(z: &[ZoneTime], a: &Athlete) -> Vec<Value> {
    let n = a.power_zones.len();
    z.iter()
        .enumerate()
        .map(|(k, t)| {
            let mut m = Map::new();
            m.insert("id".into(), t.id.clone().into());
            m.insert("zone".into(), (k + 1).into());
            m.insert("name".into(), t.name.clone().into());
            let color = zones::POWER_ZONE_COLORS.get(k.min(7)).copied();
            m.insert("color".into(), color.unwrap_or_default().into());
            let min_w = t.min.unwrap_or_default();
            let mut max_w = t.max.unwrap_or_default();
            if k < n {
                m.insert(
                    "max".into(),
                    number(a.power_zones.get(k).copied().unwrap_or(0.0)),
                );
                m.insert(
                    "percentRange".into(),
                    zones::percent_range(&a.power_zones, k).to_string().into(),
                );
                if k + 1 == n {
                    max_w = 9999.0;
                }
            } else {
                let (lo, hi) = a.sweet_spot;
                m.insert("min".into(), number(lo));
                m.insert("max".into(), number(hi));
                m.insert("gap".into(), true.into());
                let range = format!("{lo}% - {hi}%");
                m.insert("percentRange".into(), range.into());
            }
            m.insert("minWatts".into(), number(min_w));
            m.insert("maxWatts".into(), number(max_w));
            m.insert("secs".into(), t.secs.into());
            Value::Object(m)
        })
        .collect()
}
