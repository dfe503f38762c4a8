//! The numbers Intervals.icu shows for a planned workout: [`Workout::summary`].
//!
//! One walk over the step tree. Repeat blocks are multiplied, never unrolled, and ramps are
//! split across zones by a search over the zone boundaries, so the cost grows with steps
//! and zones, not with seconds or repetitions (see [`crate::load`] for normalized power).

use crate::athlete::{Athlete, Resolved};
use crate::load::{self, NpAcc, Segment};
use crate::model::{Interval, Length, SportFamily, Step, Workout};
use crate::zones::{self, Band};
use std::borrow::Cow;

/// Time spent in one zone.
///
/// ```
/// let z = workout_doc::ZoneTime { id: "Z2".into(), name: "Z2".into(), secs: 600, min: Some(160.0), max: Some(217.0) };
/// assert_eq!((z.id.as_ref(), z.secs), ("Z2", 600));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ZoneTime {
    /// `Z1`…`Z7`, or `SS` for sweet spot (borrowed: the ids are fixed).
    pub id: Cow<'static, str>,
    /// Display name (`Z1`, `Sweet Spot`).
    pub name: Cow<'static, str>,
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
    /// Training load; `None` also when it is past `u64` (never a saturated figure).
    pub training_load: Option<u64>,
    /// Σ watts over the seconds (power workouts); `None` also when past `u64`.
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

/// Seconds of `seg` whose sample is `<= bound` (`strict`: `< bound`), by binary search
/// started where the line crosses the bound.
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
    // The predicate is monotone: true then false when rising, false then true otherwise;
    // the search finds where it turns, `lo`, keeping it in `lo..=hi`.
    let before_turn = |i: u64| inside(i) == rising;
    let (mut lo, mut hi) = (0u64, seg.secs);
    // Two probes where the line crosses the bound usually close the range (4 % of a
    // summary's instructions on the corpus texts, against a search from the ends).
    let crossing = (bound - seg.start) * seg.secs as f64 / (seg.end - seg.start) - 0.5;
    let guess = crossing.clamp(0.0, seg.secs as f64) as u64;
    if guess > 0 && before_turn(guess - 1) {
        lo = guess;
    }
    if guess < hi && !before_turn(guess) {
        hi = guess.max(lo);
    }
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if before_turn(mid) {
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
    /// The FTP when above zero: power zones and the power load need one.
    ftp: Option<f64>,
    duration: u64,
    distance: f64,
    watt_secs: f64,
    np: NpAcc,
    /// Power zones then sweet spot, made at the first power step when there is an FTP.
    power_zones: Vec<ZoneTime>,
    /// Heart-rate zones, made at the first HR step.
    hr_zones: Vec<ZoneTime>,
    /// Pace zones, made at the first pace step when there is a threshold pace.
    pace_zones: Vec<ZoneTime>,
    hr_trimp: f64,
    any_power: bool,
    any_hr: bool,
    any_pace: bool,
}

impl Walk<'_> {
    fn add(&mut self, c: &StepCalc, reps: u64) {
        let secs = c.secs.saturating_mul(reps);
        self.duration = self.duration.saturating_add(secs);
        self.distance += c.metres * reps as f64;
        let seg = c.segment();
        self.watt_secs += seg.secs as f64 * (seg.start + seg.end) / 2.0 * reps as f64;
        if c.power.is_some() {
            self.any_power = true;
            if let Some(ftp) = self.ftp {
                if self.power_zones.is_empty() {
                    self.power_zones = power_zone_times(self.athlete, ftp);
                }
                self.add_power_zones(seg, reps);
            }
        }
        if let Some(hr) = c.hr {
            self.any_hr = true;
            if self.hr_zones.is_empty() {
                let b = self.athlete.hr_bounds();
                self.hr_zones = zone_times(b.len(), |k| zones::bpm_band(&b, k + 1)).collect();
            }
            let z = zones::zone_of(hr.mid(), maxes(&self.hr_zones));
            add_secs(&mut self.hr_zones, z, secs);
            if let (Some(rest), Some(max)) = (self.athlete.resting_hr, self.athlete.max_hr) {
                self.hr_trimp += load::trimp(c.secs as f64, hr.mid(), rest, max) * reps as f64;
            }
        }
        if let Some(p) = c.pace {
            self.any_pace = true;
            if let Some(thr) = self.athlete.threshold_pace {
                let pz = &self.athlete.pace_zones;
                if self.pace_zones.is_empty() {
                    self.pace_zones =
                        zone_times(pz.len(), |k| zones::percent_band(pz, thr, k + 1)).collect();
                }
                // Compare in percent with a hair of slack: `100% Pace` is Z4, not Z5.
                let z = zones::zone_of(p.mid() / thr * 100.0 - 1e-6, pz.iter().copied());
                add_secs(&mut self.pace_zones, z, secs);
            }
        }
    }

    /// Power seconds split across the zones by value, and sweet spot (the last entry) too.
    fn add_power_zones(&mut self, seg: Segment, reps: u64) {
        let n = self.power_zones.len().saturating_sub(1);
        let (bounds, sweet_spot) = self.power_zones.split_at_mut(n);
        let Some(sweet_spot) = sweet_spot.first_mut() else {
            return;
        };
        let ss = Band {
            min: sweet_spot.min.unwrap_or_default(),
            max: sweet_spot.max.unwrap_or_default(),
        };
        if seg.start == seg.end {
            let secs = seg.secs.saturating_mul(reps);
            if seg.start >= ss.min && seg.start <= ss.max {
                sweet_spot.secs = sweet_spot.secs.saturating_add(secs);
            }
            // Without zones the seconds go to the only entry there is, sweet spot.
            let z = zones::zone_of(seg.start, maxes(bounds));
            add_secs(&mut self.power_zones, z, secs);
            return;
        }
        let ss_secs =
            count_below(seg, ss.max, false).saturating_sub(count_below(seg, ss.min, true));
        sweet_spot.secs = sweet_spot.secs.saturating_add(ss_secs.saturating_mul(reps));
        let mut below = 0;
        for (k, zone) in bounds.iter_mut().enumerate() {
            let upto = if k + 1 == n {
                seg.secs
            } else {
                count_below(seg, zone.max.unwrap_or_default(), false)
            };
            let secs = (upto - below.min(upto)).saturating_mul(reps);
            zone.secs = zone.secs.saturating_add(secs);
            below = upto.max(below);
        }
    }
}

/// The upper bounds of zone times (all have one).
fn maxes(z: &[ZoneTime]) -> impl Iterator<Item = f64> + '_ {
    z.iter().map(|z| z.max.unwrap_or_default())
}

fn add_secs(z: &mut [ZoneTime], k: usize, secs: u64) {
    if let Some(z) = z.get_mut(k) {
        z.secs = z.secs.saturating_add(secs);
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
    ///   r = (HR − rest) / (max − rest). A load or joules past `u64` is `None`.
    /// - **Intensity** = `100 × √(load / (h × 100))`, from the rounded load.
    ///
    /// Work grows with steps and zone boundaries, not with seconds or repetitions; nothing
    /// is allocated but the zone lists of the result.
    ///
    /// ```
    /// let w = workout_doc::text::parse("- 60m Z2")?.workout;
    /// let a = workout_doc::Athlete { ftp: Some(286.0), ..Default::default() };
    /// assert_eq!(w.summary(&a).average_watts, Some(186));
    /// # Ok::<(), workout_doc::Error>(())
    /// ```
    pub fn summary(&self, athlete: &Athlete) -> Summary {
        let mut walk = Walk {
            athlete,
            ftp: athlete.ftp.filter(|f| *f > 0.0),
            duration: 0,
            distance: 0.0,
            watt_secs: 0.0,
            np: NpAcc::default(),
            power_zones: Vec::new(),
            hr_zones: Vec::new(),
            pace_zones: Vec::new(),
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
                    // The NP walks a block 2 or 3 times: its segments are resolved once
                    // when it has at most 16 steps (nearly all do), not on every pass
                    // (10 % of a summary's instructions on the corpus texts).
                    let mut block = [Segment::default(); 16];
                    for (k, i) in r.steps.iter().enumerate() {
                        let c = StepCalc::new(i, athlete);
                        walk.add(&c, reps);
                        if let Some(b) = block.get_mut(k) {
                            *b = c.segment();
                        }
                    }
                    match block.get(..r.steps.len()) {
                        Some(block) => walk.np.push_repeat(block.iter().copied(), reps),
                        None => walk.np.push_repeat(
                            r.steps.iter().map(|i| StepCalc::new(i, athlete).segment()),
                            reps,
                        ),
                    }
                }
            }
        }
        finish(self, athlete, &mut walk)
    }
}

fn finish(w: &Workout, athlete: &Athlete, walk: &mut Walk) -> Summary {
    let secs = walk.duration;
    let mut s = Summary {
        duration: secs,
        distance: walk.distance,
        hr_zone_times: std::mem::take(&mut walk.hr_zones),
        pace_zone_times: std::mem::take(&mut walk.pace_zones),
        ..Summary::default()
    };
    let ftp = walk.ftp;
    if walk.any_power && ftp.is_some() {
        s.zone_times = std::mem::take(&mut walk.power_zones);
        if secs > 0 {
            s.average_watts = Some(load::round_half_up(walk.watt_secs / secs as f64) as u32);
            s.joules = load::whole(walk.watt_secs);
        }
        s.normalized_power = walk.np.np().map(|np| load::round_half_up(np) as u32);
    }
    let sport = w.sport.or(athlete.sport);
    let (basis, load) =
        if let (true, Some(ftp), Some(np)) = (walk.any_power, ftp, s.normalized_power) {
            // The rounded NP: `Z2` for 1h30m at FTP 290 (NP 188.5 → 189) gives load 64, not 63
            // (rgw-endurance-extension-ride-after-the-tt-123780506).
            (
                Some(LoadBasis::Power),
                load::load(secs, f64::from(np) / ftp, 2),
            )
        } else if let (true, Some(thr)) = (walk.any_pace, athlete.threshold_pace) {
            let exp = if SportFamily::of(sport) == SportFamily::Swim {
                3
            } else {
                2
            };
            let avg = if secs > 0 {
                s.distance / secs as f64
            } else {
                0.0
            };
            (Some(LoadBasis::Pace), load::load(secs, avg / thr, exp))
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
            (Some(LoadBasis::Hr), load::whole(hrss))
        } else {
            (None, None)
        };
    s.load_basis = basis;
    s.training_load = load;
    s.intensity = load.and_then(|l| load::intensity(l, secs));
    s
}

/// `Z1`, `Z2`, …: the zone ids there are without building a string (the summary of a real
/// text took 1.4 % of its time in `format!` for them).
const ZONE_IDS: [&str; 10] = ["Z1", "Z2", "Z3", "Z4", "Z5", "Z6", "Z7", "Z8", "Z9", "Z10"];

/// The id of zone `k` (0-based).
fn zone_id(k: usize) -> Cow<'static, str> {
    match ZONE_IDS.get(k) {
        Some(id) => Cow::Borrowed(id),
        None => Cow::Owned(format!("Z{}", k + 1)),
    }
}

/// `n` zones `Z1`… with no time yet, zone `k` (0-based) spanning `band(k)`.
fn zone_times(n: usize, band: impl Fn(usize) -> Band) -> impl Iterator<Item = ZoneTime> {
    (0..n).map(move |k| zone_time(k, band(k)))
}

/// Zone `k` (0-based) spanning `b`, with no time yet.
fn zone_time(k: usize, b: Band) -> ZoneTime {
    let id = zone_id(k);
    ZoneTime {
        name: id.clone(),
        id,
        secs: 0,
        min: Some(b.min),
        max: Some(b.max),
    }
}

/// The power zones of `athlete` at `ftp`, then sweet spot, with no time yet.
fn power_zone_times(athlete: &Athlete, ftp: f64) -> Vec<ZoneTime> {
    let pz = &athlete.power_zones;
    let mut z = Vec::with_capacity(pz.len() + 1);
    z.extend(
        zones::power_bands(pz, ftp)
            .enumerate()
            .map(|(k, b)| zone_time(k, b)),
    );
    let ss = zones::sweet_spot_band(athlete.sweet_spot, ftp);
    z.push(ZoneTime {
        id: "SS".into(),
        name: "Sweet Spot".into(),
        secs: 0,
        min: Some(ss.min),
        max: Some(ss.max),
    });
    z
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
    fn count_below_matches_a_scan() {
        for (secs, start, end) in [
            (600, 24.0, 144.0),
            (7, 300.0, 100.0),
            (1, 5.0, 6.0),
            (90, 0.0, 1e6),
        ] {
            let seg = Segment { secs, start, end };
            for bound in [
                -1.0,
                0.0,
                24.0,
                99.5,
                100.0,
                132.0,
                143.9,
                250.0,
                300.0,
                1e7,
                f64::NAN,
            ] {
                for strict in [false, true] {
                    let scan = (0..secs)
                        .filter(|i| {
                            if strict {
                                seg.at(*i) < bound
                            } else {
                                seg.at(*i) <= bound
                            }
                        })
                        .count() as u64;
                    assert_eq!(
                        count_below(seg, bound, strict),
                        scan,
                        "{seg:?} {bound} {strict}"
                    );
                }
            }
        }
    }

    #[test]
    fn loads_past_u32_are_exact() {
        // 300000 weeks at FTP: 50.4 M hours at intensity 100 (a u32 load saturated at
        // 4294967295, and the intensity from it read 92.3).
        let w = crate::text::parse("300000x\n- 168h 100%").unwrap().workout;
        let s = w.summary(&Athlete::default());
        assert_eq!(s.training_load, Some(5_040_000_000));
        assert_eq!(s.intensity, Some(100.0));
        assert_eq!(s.joules, Some(300_000 * 604_800 * 200));
    }

    #[test]
    fn totals_past_u64_are_left_out() {
        // 400 steps of a week at 100,000 W, a million times, at FTP 1: load about 6.7e22
        // and 2.4e19 J, both past u64: no number rather than a saturated one.
        let src = format!("1000000x\n{}", "- 168h 100000w\n".repeat(400));
        let w = crate::text::parse(&src).unwrap().workout;
        let athlete = Athlete {
            ftp: Some(1.0),
            ..Athlete::default()
        };
        let s = w.summary(&athlete);
        assert_eq!(s.duration, 1_000_000 * 400 * 604_800);
        assert_eq!((s.training_load, s.intensity, s.joules), (None, None, None));
        assert_eq!(s.normalized_power, Some(100_000));
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
