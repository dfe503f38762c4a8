//! The numbers Intervals.icu shows for a planned workout: [`Workout::summary`].
//!
//! One walk over the step tree. Repeat blocks are multiplied, never unrolled, and ramps are
//! split across zones by a search over the zone boundaries, so the cost grows with steps
//! and zones, not with seconds or repetitions (see [`crate::load`] for normalized power).

use crate::athlete::{Athlete, Resolved};
use crate::load::{self, NpAcc, Segment};
use crate::model::{Interval, Length, Sport, Step, Workout};
use crate::zones;

/// Time spent in one zone.
///
/// ```
/// let z = workout_doc::ZoneTime { id: "Z2".into(), name: "Z2".into(), secs: 600, min: Some(160.0), max: Some(217.0) };
/// assert_eq!(z.secs, 600);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ZoneTime {
    /// `Z1`…`Z7`, or `SS` for sweet spot.
    pub id: String,
    /// Display name (`Z1`, `Sweet Spot`).
    pub name: String,
    /// Seconds in the zone.
    pub secs: u64,
    /// Lower bound in absolute units (W, bpm, m/s), when known.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub min: Option<f64>,
    /// Upper bound in absolute units, when known.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub max: Option<f64>,
}

/// Which thresholds a workout's load is computed from (the doc's `target`).
///
/// ```
/// assert_eq!(workout_doc::LoadBasis::Power.as_str(), "POWER");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum LoadBasis {
    /// Power targets: load from NP / FTP.
    Power,
    /// Heart-rate targets: HRSS.
    Hr,
    /// Pace targets: average speed / threshold speed.
    Pace,
}

impl LoadBasis {
    /// The `workout_doc.target` string.
    ///
    /// ```
    /// assert_eq!(workout_doc::LoadBasis::Hr.as_str(), "HR");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            LoadBasis::Power => "POWER",
            LoadBasis::Hr => "HR",
            LoadBasis::Pace => "PACE",
        }
    }
}

/// What a planner shows for a workout and athlete.
///
/// ```
/// let src = "- 20m 60% 90-100rpm\n\nMain set 4x\n- 8m 110%\n- 8m 50%\n\n- 10m 60%\n";
/// let w = workout_doc::text::parse(src)?.workout;
/// let s = w.summary(&workout_doc::Athlete::default());
/// assert_eq!(s.duration, 5640);
/// let secs: Vec<u64> = s.zone_times.iter().map(|z| z.secs).collect();
/// assert_eq!(secs, [1920, 1800, 0, 0, 1920, 0, 0, 0]);
/// assert_eq!(s.training_load, Some(116));
/// # Ok::<(), workout_doc::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Summary {
    /// Total seconds, repeats multiplied, distance steps timed from their pace.
    pub duration: u64,
    /// Total metres: distance steps plus time steps at a pace target.
    pub distance: f64,
    /// Mean watts, rounded (power workouts).
    pub average_watts: Option<u32>,
    /// Normalized power, rounded half up (power workouts).
    pub normalized_power: Option<u32>,
    /// Intensity in %, derived from the rounded load.
    pub intensity: Option<f64>,
    /// Training load.
    pub training_load: Option<u32>,
    /// Σ watts over the seconds (power workouts).
    #[cfg_attr(feature = "serde", serde(skip))]
    pub joules: Option<u64>,
    /// Time in power zones Z1..Z7 plus sweet spot (empty without power targets).
    pub zone_times: Vec<ZoneTime>,
    /// Time in heart-rate zones (empty without HR targets).
    pub hr_zone_times: Vec<ZoneTime>,
    /// Time in pace zones (empty without pace targets).
    pub pace_zone_times: Vec<ZoneTime>,
    /// What the load was computed from.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub load_basis: Option<LoadBasis>,
}

/// One interval with its targets resolved.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct StepCalc {
    /// Seconds (distance steps: from their pace).
    pub secs: u64,
    /// Metres: the distance, or time × target speed.
    pub metres: f64,
    /// Power as a segment (constant unless a ramp).
    pub power: Option<Resolved>,
    /// Ramp flag.
    pub ramp: bool,
    /// Resolved heart rate.
    pub hr: Option<Resolved>,
    /// Resolved speed.
    pub pace: Option<Resolved>,
}

impl StepCalc {
    pub(crate) fn new(i: &Interval, a: &Athlete) -> StepCalc {
        let power = i.power.as_ref().and_then(|t| a.resolve_power(t));
        let hr = i.hr.as_ref().and_then(|t| a.resolve_hr(t));
        let pace = i.pace.as_ref().and_then(|t| a.resolve_pace(t));
        let speed = pace
            .map(Resolved::mid)
            .or(if i.pace.is_none() {
                a.threshold_pace
            } else {
                None
            })
            .filter(|v| v.is_finite() && *v > 0.0);
        let (secs, metres) = match i.length {
            Length::Time(s) => (u64::from(s), pace.map_or(0.0, |p| f64::from(s) * p.mid())),
            Length::Distance { .. } => {
                let m = i.length.metres().unwrap_or(0.0);
                let secs = speed.map_or(0.0, |v| load::round_half_up(m / v));
                (secs as u64, m)
            }
        };
        StepCalc {
            secs,
            metres,
            power,
            ramp: i.ramp,
            hr,
            pace,
        }
    }

    /// The power segment of the step (0 W without a power target).
    fn segment(&self) -> Segment {
        let (start, end) = match self.power {
            Some(Resolved::Range(a, b)) if self.ramp => (a, b),
            Some(r) => (r.mid(), r.mid()),
            None => (0.0, 0.0),
        };
        Segment {
            secs: self.secs,
            start,
            end,
        }
    }
}

/// Seconds of `seg` whose sample is `<= bound` (`strict`: `< bound`), by binary search.
fn count_below(seg: Segment, bound: f64, strict: bool) -> u64 {
    let inside = |i: u64| {
        let p = seg.at(i);
        if strict {
            p < bound
        } else {
            p <= bound
        }
    };
    if seg.secs == 0 {
        return 0;
    }
    let rising = seg.end >= seg.start;
    // The predicate is monotone: true then false when rising, false then true otherwise.
    let (mut lo, mut hi) = (0u64, seg.secs);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if inside(mid) == rising {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if rising {
        lo
    } else {
        seg.secs - lo
    }
}

/// Accumulates everything over the tree.
struct Walk<'a> {
    athlete: &'a Athlete,
    power_bounds: Vec<f64>,
    sweet_spot: zones::Band,
    hr_bounds: Vec<f64>,
    pace_bounds: Vec<f64>,
    duration: u64,
    distance: f64,
    watt_secs: f64,
    np: NpAcc,
    power_secs: Vec<u64>,
    hr_secs: Vec<u64>,
    pace_secs: Vec<u64>,
    hr_trimp: f64,
    any_power: bool,
    any_hr: bool,
    any_pace: bool,
}

impl Walk<'_> {
    fn add(&mut self, c: &StepCalc, reps: u64) {
        self.duration = self.duration.saturating_add(c.secs.saturating_mul(reps));
        self.distance += c.metres * reps as f64;
        let seg = c.segment();
        self.watt_secs += seg.secs as f64 * (seg.start + seg.end) / 2.0 * reps as f64;
        if c.power.is_some() {
            self.any_power = true;
            self.add_power_zones(seg, reps);
        }
        if let Some(hr) = c.hr {
            self.any_hr = true;
            let z = zones::zone_of(hr.mid(), &self.hr_bounds);
            if let Some(s) = self.hr_secs.get_mut(z) {
                *s = s.saturating_add(c.secs.saturating_mul(reps));
            }
            if let (Some(rest), Some(max)) = (self.athlete.resting_hr, self.athlete.max_hr) {
                self.hr_trimp += load::trimp(c.secs as f64, hr.mid(), rest, max) * reps as f64;
            }
        }
        if let Some(p) = c.pace {
            self.any_pace = true;
            let thr = self.athlete.threshold_pace.unwrap_or(1.0);
            // Compare in percent with a hair of slack: `100% Pace` is Z4, not Z5.
            let z = zones::zone_of(p.mid() / thr * 100.0 - 1e-6, &self.pace_bounds);
            if let Some(s) = self.pace_secs.get_mut(z) {
                *s = s.saturating_add(c.secs.saturating_mul(reps));
            }
        }
    }

    fn add_power_zones(&mut self, seg: Segment, reps: u64) {
        if seg.start == seg.end {
            let secs = seg.secs.saturating_mul(reps);
            let z = zones::zone_of(seg.start, &self.power_bounds);
            if let Some(s) = self.power_secs.get_mut(z) {
                *s = s.saturating_add(secs);
            }
            if seg.start >= self.sweet_spot.min && seg.start <= self.sweet_spot.max {
                if let Some(s) = self.power_secs.last_mut() {
                    *s = s.saturating_add(secs);
                }
            }
            return;
        }
        let mut below = 0;
        let last = self.power_bounds.len().saturating_sub(1);
        for (k, bound) in self.power_bounds.iter().enumerate() {
            let upto = if k == last {
                seg.secs
            } else {
                count_below(seg, *bound, false)
            };
            if let Some(s) = self.power_secs.get_mut(k) {
                *s = s.saturating_add((upto - below.min(upto)).saturating_mul(reps));
            }
            below = upto.max(below);
        }
        let ss = count_below(seg, self.sweet_spot.max, false).saturating_sub(count_below(
            seg,
            self.sweet_spot.min,
            true,
        ));
        if let Some(s) = self.power_secs.last_mut() {
            *s = s.saturating_add(ss.saturating_mul(reps));
        }
    }
}

impl Workout {
    /// Duration, distance, power numbers, load, intensity and zone times for `athlete`, as
    /// Intervals.icu computes them (checked against its records in `../shared/corpus/icu`).
    ///
    /// - **Duration**: steps summed, repeats multiplied; a distance step lasts
    ///   `round(metres / speed)` at its pace target's (midpoint) speed, or at the threshold
    ///   pace without one. **Distance**: distance steps plus, for time steps with a pace
    ///   target, seconds × speed.
    /// - **Targets**: `%` × threshold; a zone as the midpoint of its band (power: the watt
    ///   table `floor(pct × FTP)`, previous + 1, Z1 from 0.8 × its top; pace: previous % + 1
    ///   to the zone's %; HR: previous bpm + 1), a range as its midpoint, a ramp linear and
    ///   sampled at mid-second.
    /// - **Zone times**: power seconds split exactly across zones by value (a zone includes
    ///   its top; sweet spot counted in addition); HR and pace steps wholly in the zone of
    ///   their midpoint.
    /// - **Power**: NP = ⁴√mean(30 s trailing mean⁴) with partial windows at the start,
    ///   rounded half up; average watts = rounded mean; joules = Σ watts.
    /// - **Load**: power `round(h × (NP_rounded / FTP)² × 100)`; otherwise pace
    ///   `round(h × (v̄ / v_thr)² × 100)` (swim: cubed, v̄ = distance / duration); otherwise
    ///   HRSS `round(100 × Σ TRIMP / TRIMP(1 h at LTHR))`, TRIMP = min × r × 0.64·e^{1.92 r},
    ///   r = (HR − rest) / (max − rest).
    /// - **Intensity** = `100 × √(load / (h × 100))`, from the rounded load.
    ///
    /// Work grows with steps and zone boundaries, not with seconds or repetitions.
    ///
    /// ```
    /// let w = workout_doc::text::parse("- 60m Z2")?.workout;
    /// let a = workout_doc::Athlete { ftp: Some(286.0), ..Default::default() };
    /// assert_eq!(w.summary(&a).average_watts, Some(186));
    /// # Ok::<(), workout_doc::Error>(())
    /// ```
    pub fn summary(&self, athlete: &Athlete) -> Summary {
        let ftp = athlete.ftp;
        let power_bands = athlete.power_bands();
        let hr_bounds = athlete.hr_zone_bounds();
        let mut walk = Walk {
            athlete,
            power_bounds: power_bands.iter().map(|b| b.max).collect(),
            sweet_spot: zones::sweet_spot_band(athlete.sweet_spot, ftp.unwrap_or_default()),
            pace_bounds: athlete.pace_zones.clone(),
            duration: 0,
            distance: 0.0,
            watt_secs: 0.0,
            np: NpAcc::default(),
            power_secs: vec![0; power_bands.len() + 1],
            hr_secs: vec![0; hr_bounds.len()],
            pace_secs: vec![0; athlete.pace_zones.len()],
            hr_bounds,
            hr_trimp: 0.0,
            any_power: false,
            any_hr: false,
            any_pace: false,
        };
        for step in &self.steps {
            match step {
                Step::Interval(i) => {
                    let c = StepCalc::new(i, athlete);
                    walk.add(&c, 1);
                    walk.np.push(c.segment());
                }
                Step::Repeat(r) => {
                    let reps = u64::from(r.reps);
                    let calcs: Vec<StepCalc> =
                        r.steps.iter().map(|i| StepCalc::new(i, athlete)).collect();
                    calcs.iter().for_each(|c| walk.add(c, reps));
                    let segs: Vec<Segment> = calcs.iter().map(StepCalc::segment).collect();
                    walk.np.push_repeat(&segs, reps);
                }
            }
        }
        finish(self, athlete, walk, &power_bands)
    }
}

fn finish(w: &Workout, athlete: &Athlete, walk: Walk, power_bands: &[zones::Band]) -> Summary {
    let mut s = Summary {
        duration: walk.duration,
        distance: walk.distance,
        ..Summary::default()
    };
    let secs = walk.duration;
    let ftp = athlete.ftp.filter(|f| *f > 0.0);
    if walk.any_power && ftp.is_some() {
        let mut zones: Vec<ZoneTime> = power_bands
            .iter()
            .zip(&walk.power_secs)
            .enumerate()
            .map(|(k, (b, secs))| zone_time(format!("Z{}", k + 1), *secs, b))
            .collect();
        if let Some(ss) = walk.power_secs.last() {
            let mut z = zone_time("SS".into(), *ss, &walk.sweet_spot);
            z.name = "Sweet Spot".into();
            zones.push(z);
        }
        s.zone_times = zones;
        if secs > 0 {
            s.average_watts = Some(load::round_half_up(walk.watt_secs / secs as f64) as u32);
            s.joules = Some(load::round_half_up(walk.watt_secs) as u64);
        }
        s.normalized_power = walk.np.np().map(|np| load::round_half_up(np) as u32);
    }
    if walk.any_hr {
        let b = &walk.hr_bounds;
        s.hr_zone_times = plain_zones(&walk.hr_secs, |k| zones::bpm_band(b, k + 1));
    }
    if walk.any_pace && athlete.threshold_pace.is_some() {
        let thr = athlete.threshold_pace.unwrap_or_default();
        let pz = &athlete.pace_zones;
        s.pace_zone_times = plain_zones(&walk.pace_secs, |k| zones::percent_band(pz, thr, k + 1));
    }
    let sport = w.sport.or(athlete.sport);
    let (basis, load) =
        if let (true, Some(ftp), Some(np)) = (walk.any_power, ftp, s.normalized_power) {
            // The rounded NP: `Z2` for 1h30m at FTP 290 (NP 188.5 → 189) gives load 64, not 63
            // (rgw-endurance-extension-ride-after-the-tt-123780506).
            (
                Some(LoadBasis::Power),
                Some(load::load(secs, f64::from(np) / ftp, 2)),
            )
        } else if let (true, Some(thr)) = (walk.any_pace, athlete.threshold_pace) {
            let exp = if sport == Some(Sport::Swim) { 3 } else { 2 };
            let avg = if secs > 0 {
                s.distance / secs as f64
            } else {
                0.0
            };
            (
                Some(LoadBasis::Pace),
                Some(load::load(secs, avg / thr, exp)),
            )
        } else if let (true, Some(lthr), Some(rest), Some(max)) = (
            walk.any_hr,
            athlete.lthr,
            athlete.resting_hr,
            athlete.max_hr,
        ) {
            let hour = load::trimp(3600.0, lthr, rest, max);
            let hrss = if hour > 0.0 {
                walk.hr_trimp / hour * 100.0
            } else {
                0.0
            };
            (Some(LoadBasis::Hr), Some(load::round_half_up(hrss) as u32))
        } else {
            (None, None)
        };
    s.load_basis = basis;
    s.training_load = load;
    s.intensity = load.and_then(|l| load::intensity(l, secs));
    s
}

fn zone_time(id: String, secs: u64, b: &zones::Band) -> ZoneTime {
    ZoneTime {
        name: id.clone(),
        id,
        secs,
        min: Some(b.min),
        max: Some(b.max),
    }
}

fn plain_zones(secs: &[u64], band: impl Fn(usize) -> zones::Band) -> Vec<ZoneTime> {
    secs.iter()
        .enumerate()
        .map(|(k, s)| zone_time(format!("Z{}", k + 1), *s, &band(k)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ramp_split_at_ftp_240() {
        // tp2i-power-test: `10m ramp 10-60%` at FTP 240 gives Z1 540 s, Z2 60 s.
        let seg = Segment {
            secs: 600,
            start: 24.0,
            end: 144.0,
        };
        assert_eq!(count_below(seg, 132.0, false), 540);
        let down = Segment {
            secs: 600,
            start: 144.0,
            end: 24.0,
        };
        assert_eq!(count_below(down, 132.0, false), 540);
        assert_eq!(count_below(down, 24.0, true), 0);
    }

    #[test]
    fn huge_repeat_is_instant() {
        let w = crate::text::parse("1000000x\n- 10h 100%\n- 1s 50%")
            .map(|p| p.workout)
            .unwrap_or_default();
        let s = w.summary(&Athlete::default());
        assert_eq!(s.duration, 1_000_000 * 36_001);
        assert_eq!(s.normalized_power, Some(200));
    }
}
