//! Normalized power without a per-second loop, and the training-load formulas.
//!
//! # Normalized power
//! The server's rule (reference notes §3.7, verified on the corpus): expand the workout to
//! a 1 s power series (a range holds its midpoint, a ramp is linear sampled at mid-second,
//! `start + (end − start)·(i + ½)/d`), take the 30 s trailing mean where the first 29
//! samples average over the samples so far, average the 4th powers, take the 4th root.
//!
//! [`NpAcc`] computes exactly that per *segment*: only the first 29 seconds of a segment
//! have a window reaching into what came before; after that the window lies inside the
//! segment, where the mean is the segment value (constant) or the value 14.5 s back (ramp),
//! and the sum of 4th powers of a linear sequence has a closed form. The first 29 means
//! of the workout are linear too, and so are those of a constant segment after constant
//! ones (the usual case), one linear stretch per earlier segment its windows reach into;
//! others (after or in a ramp, or in the first 29 s) are walked one sample at a time. A
//! repeat block's contribution is periodic once the 29 samples before an iteration all
//! come from the block, so only `1 + ⌈29 / block seconds⌉` iterations are walked. Work is
//! per step, never per second or per repetition.
//!
//! # Loads
//! - Power: `round(hours × (NP / FTP)² × 100)`.
//! - Pace: `round(hours × (v̄ / v_threshold)^k × 100)` with v̄ = total distance / total time,
//!   `k = 2` (run and others) or `3` (swim).
//! - Heart rate (HRSS): `100 × Σ TRIMP(step) / TRIMP(1 h at LTHR)` with
//!   `TRIMP = minutes × r × 0.64·e^{1.92·r}`, `r = (HR − rest) / (max − rest)`.
//! - Intensity is derived back from the rounded load: `100 × √(load / (hours × 100))`.

/// Samples before the current one in the 30 s window.
const LOOKBACK: usize = 29;

/// One stretch of the power series: `secs` seconds from `start` to `end` (equal when
/// constant), sampled at mid-second.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Segment {
    pub secs: u64,
    pub start: f64,
    pub end: f64,
}

impl Segment {
    /// Sample `i` (0-based) of the segment.
    pub fn at(&self, i: u64) -> f64 {
        if self.start == self.end {
            self.start
        } else {
            self.start + (self.end - self.start) * (i as f64 + 0.5) / self.secs as f64
        }
    }
}

/// Running state of the normalized-power sum.
#[derive(Debug, Clone, Default)]
pub(crate) struct NpAcc {
    /// The last (up to) 29 samples.
    hist: History,
    /// Σ (30 s mean)⁴.
    pub sum4: f64,
    /// Samples so far.
    pub n: u64,
}

/// `count` samples from `first`, `slope` apart: a constant or linear stretch of the series.
#[derive(Debug, Clone, Copy, Default)]
struct Run {
    count: u64,
    first: f64,
    slope: f64,
}

impl Run {
    /// The last `count` samples of `seg`.
    fn last_of(seg: Segment, count: u64) -> Run {
        Run {
            count,
            first: seg.at(seg.secs - count),
            slope: change(seg.start, seg.end, seg.secs as f64),
        }
    }

    /// Sample `j` (0-based) of the run.
    fn at(&self, j: u64) -> f64 {
        self.first + self.slope * j as f64
    }
}

/// The last (up to) [`LOOKBACK`] samples as runs, oldest first: a segment adds one run and
/// drops whole runs or the front of one, never single samples (a `Vec` of samples with
/// `remove(0)` moved 28 of them a second: a third of a summary's time).
#[derive(Debug, Clone, Default)]
struct History {
    runs: [Run; LOOKBACK],
    /// Runs held.
    count: usize,
    /// Samples held.
    len: u64,
}

impl History {
    /// The runs, oldest first.
    fn runs(&self) -> &[Run] {
        self.runs.get(..self.count).unwrap_or_default()
    }

    /// Appends a run, dropping the oldest samples past [`LOOKBACK`].
    fn push(&mut self, run: Run) {
        if run.count == 0 {
            return;
        }
        let mut past = (self.len + run.count).saturating_sub(LOOKBACK as u64);
        let mut gone = 0;
        for front in self.runs.iter_mut().take(self.count) {
            if past == 0 {
                break;
            }
            let k = past.min(front.count);
            front.first += front.slope * k as f64;
            front.count -= k;
            self.len -= k;
            past -= k;
            gone += usize::from(front.count == 0);
        }
        if gone > 0 {
            self.runs.copy_within(gone..self.count, 0);
            self.count -= gone;
        }
        // At most 28 samples, so at most 28 runs, are left: there is a free slot.
        if let Some(slot) = self.runs.get_mut(self.count) {
            *slot = run;
            self.count += 1;
            self.len += run.count;
        }
    }

    /// The samples, oldest first, in the first [`History::len`] places.
    fn samples(&self) -> [f64; LOOKBACK] {
        let mut out = [0.0; LOOKBACK];
        let all = self
            .runs()
            .iter()
            .flat_map(|r| (0..r.count).map(|j| r.at(j)));
        out.iter_mut().zip(all).for_each(|(slot, v)| *slot = v);
        out
    }
}

impl NpAcc {
    /// Adds a segment's samples.
    pub fn push(&mut self, seg: Segment) {
        let head = seg.secs.min(LOOKBACK as u64);
        let full = self.hist.len == LOOKBACK as u64;
        self.sum4 += if self.hist.len == 0 {
            // The first samples of all: the mean of samples 0..=i of a linear segment is
            // its value at i / 2, linear in i.
            let half = change(seg.start, seg.end, seg.secs as f64) / 2.0;
            sum4_linear(head, seg.start + half, half)
        } else if seg.start == seg.end && full && self.hist.runs().iter().all(|r| r.slope == 0.0) {
            self.steady_head(seg.start, head)
        } else {
            self.walk_head(seg, head)
        };
        if seg.secs > head {
            self.sum4 += tail_sum4(seg, head, seg.secs - head);
        }
        self.hist.push(Run::last_of(seg, head));
        self.n = self.n.saturating_add(seg.secs);
    }

    /// Σ mean⁴ of the first `head` samples of a constant segment at `value` after 29
    /// samples in constant runs. While sample i's window drops samples of one run, the
    /// mean moves by (value − the run's value) / 30 a sample: linear, summed per run.
    fn steady_head(&self, value: f64, head: u64) -> f64 {
        let window = (LOOKBACK + 1) as f64;
        // Σ of the history from the current run on.
        let mut from_run: f64 = self
            .hist
            .runs()
            .iter()
            .map(|r| r.count as f64 * r.first)
            .sum();
        let (mut i, mut sum4) = (0, 0.0);
        for run in self.hist.runs() {
            if i >= head {
                break;
            }
            let mean = (from_run + (i + 1) as f64 * value) / window;
            sum4 += sum4_linear(
                run.count.min(head - i),
                mean,
                change(run.first, value, window),
            );
            from_run -= run.count as f64 * run.first;
            i += run.count;
        }
        sum4
    }

    /// Σ mean⁴ of the first `head` samples of `seg`, one sample at a time.
    fn walk_head(&self, seg: Segment, head: u64) -> f64 {
        let hist = self.hist.samples();
        let len = self.hist.len;
        let mut window: f64 = hist.iter().take(len as usize).sum();
        let mut sum4 = 0.0;
        let samples = Run::last_of(seg, seg.secs);
        for i in 0..head {
            let p = samples.at(i);
            let before = (len + i).min(LOOKBACK as u64);
            sum4 += ((window + p) / (before + 1) as f64).powi(4);
            // Past 29 samples the oldest leaves: one addition on the chain, not two.
            window += match (len + i).checked_sub(LOOKBACK as u64) {
                Some(k) => p - hist.get(k as usize).copied().unwrap_or_default(),
                None => p,
            };
        }
        sum4
    }

    /// Adds `reps` repetitions of a block of segments (an iterator, walked a few times).
    pub fn push_repeat(&mut self, block: impl Iterator<Item = Segment> + Clone, reps: u64) {
        let period: u64 = block.clone().map(|s| s.secs).fold(0, u64::saturating_add);
        if period == 0 || reps == 0 {
            return;
        }
        // From iteration `steady` on, all 29 samples before an iteration are the block's own.
        let steady = 1 + (LOOKBACK as u64).div_ceil(period);
        let walked = reps.min(steady);
        for k in 1..=walked {
            let before = self.sum4;
            block.clone().for_each(|s| self.push(s));
            if k == steady && reps > steady {
                let more = reps - steady;
                self.sum4 += (self.sum4 - before) * more as f64;
                self.n = self.n.saturating_add(period.saturating_mul(more));
            }
        }
    }

    /// The normalized power, `None` with no samples.
    pub fn np(&self) -> Option<f64> {
        (self.n > 0).then(|| (self.sum4 / self.n as f64).powf(0.25))
    }
}

/// Σ of mean⁴ for samples `head .. head + rest` of a segment whose windows all lie inside
/// it (`head ≥ 29`).
fn tail_sum4(seg: Segment, head: u64, rest: u64) -> f64 {
    // The mean of samples i-29..=i of a linear sequence is the sample at i - 14.5, i.e.
    // start + slope·(i - 14): linear in i.
    let slope = change(seg.start, seg.end, seg.secs as f64);
    sum4_linear(rest, seg.start + slope * (head as f64 - 14.0), slope)
}

/// `(to − from) / steps`, exactly 0 when `from == to` (infinities included).
fn change(from: f64, to: f64, steps: f64) -> f64 {
    if from == to {
        0.0
    } else {
        (to - from) / steps
    }
}

/// `Σ (first + k·slope)⁴` for `k` in `0..n`, centred and summed in closed form.
fn sum4_linear(n: u64, first: f64, slope: f64) -> f64 {
    if n == 0 {
        return 0.0;
    }
    let n = n as f64;
    if slope == 0.0 {
        return n * first.powi(4);
    }
    let centre = first + slope * (n - 1.0) / 2.0;
    let s2 = n * (n * n - 1.0) / 12.0;
    let s4 = n * (n * n - 1.0) * (3.0 * n * n - 7.0) / 240.0;
    n * centre.powi(4) + 6.0 * centre * centre * slope * slope * s2 + slope.powi(4) * s4
}

/// `round(hours × ratio^exp × 100)`, the shape of every load formula; `None` past `u64`.
pub(crate) fn load(secs: u64, ratio: f64, exp: i32) -> Option<u64> {
    let hours = secs as f64 / 3600.0;
    whole(hours * ratio.powi(exp) * 100.0)
}

/// `v` rounded half up as a whole number, `None` when that is not a `u64` (negative, past
/// 2⁶⁴ − 1, or not a number): a total too large to hold is left out, never saturated.
pub(crate) fn whole(v: f64) -> Option<u64> {
    /// 2⁶⁴, the first float past `u64::MAX`.
    const END: f64 = 18_446_744_073_709_551_616.0;
    let v = round_half_up(v);
    (0.0..END).contains(&v).then_some(v as u64)
}

/// Intensity in percent derived back from a rounded load over `secs`.
pub(crate) fn intensity(load: u64, secs: u64) -> Option<f64> {
    (secs > 0).then(|| 100.0 * (load as f64 / (secs as f64 / 3600.0 * 100.0)).sqrt())
}

/// Exponential TRIMP of `secs` at `hr`: minutes × r × 0.64·e^{1.92 r}.
pub(crate) fn trimp(secs: f64, hr: f64, rest: f64, max: f64) -> f64 {
    if max <= rest {
        return 0.0;
    }
    let r = ((hr - rest) / (max - rest)).clamp(0.0, 1.0);
    secs / 60.0 * r * 0.64 * (1.92 * r).exp()
}

/// Rounds halves up (`0.5 → 1`), as the server does.
pub(crate) fn round_half_up(v: f64) -> f64 {
    (v + 0.5).floor()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(segs: &[(Segment, u64)]) -> f64 {
        let mut series = Vec::new();
        for (s, reps) in segs {
            for _ in 0..*reps {
                series.extend((0..s.secs).map(|i| s.at(i)));
            }
        }
        let mut sum4 = 0.0;
        for i in 0..series.len() {
            let w = &series[i.saturating_sub(29)..=i];
            sum4 += (w.iter().sum::<f64>() / w.len() as f64).powi(4);
        }
        (sum4 / series.len() as f64).powf(0.25)
    }

    #[test]
    fn ramp_tail_matches_naive() {
        let seg = Segment {
            secs: 600,
            start: 100.0,
            end: 300.0,
        };
        let mut acc = NpAcc::default();
        acc.push(seg);
        let want = naive(&[(seg, 1)]);
        assert!((acc.np().unwrap() - want).abs() < 1e-9);
    }

    #[test]
    fn repeats_match_naive() {
        let a = Segment {
            secs: 7,
            start: 400.0,
            end: 400.0,
        };
        let b = Segment {
            secs: 5,
            start: 100.0,
            end: 150.0,
        };
        let mut acc = NpAcc::default();
        acc.push(b);
        acc.push_repeat([a, b].into_iter(), 40);
        let mut series = vec![(b, 1)];
        for _ in 0..40 {
            series.push((a, 1));
            series.push((b, 1));
        }
        assert!((acc.np().unwrap() - naive(&series)).abs() < 1e-9);
    }

    #[test]
    fn every_path_matches_naive() {
        // Short and long steps, equal neighbours, ramps both ways, and repeats of each, in
        // pseudo-random orders: the closed forms and the walk against the 1 s series.
        let seg = |secs, start, end| Segment { secs, start, end };
        let pool = [
            seg(45, 200.0, 200.0),
            seg(7, 300.0, 300.0),
            seg(30, 300.0, 300.0),
            seg(29, 150.0, 150.0),
            seg(1, 0.0, 0.0),
            seg(90, 100.0, 250.0),
            seg(12, 250.0, 120.0),
            seg(0, 500.0, 500.0),
            seg(600, 187.5, 187.5),
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..300 {
            let mut acc = NpAcc::default();
            let mut series = Vec::new();
            for _ in 0..1 + next(6) {
                let block: Vec<Segment> =
                    (0..1 + next(3)).map(|_| pool[next(pool.len())]).collect();
                let reps = if next(2) == 0 { 1 } else { 1 + next(5) as u64 };
                if reps == 1 && block.len() == 1 {
                    acc.push(block[0]);
                } else {
                    acc.push_repeat(block.iter().copied(), reps);
                }
                for _ in 0..reps {
                    series.extend(block.iter().map(|s| (*s, 1)));
                }
            }
            if let Some(np) = acc.np() {
                let want = naive(&series);
                assert!(
                    (np - want).abs() < 1e-9 * want.max(1.0),
                    "{np} != {want}: {series:?}"
                );
            }
        }
    }

    #[test]
    fn seed_load() {
        assert_eq!(load(5640, 1.0, 2), Some(157));
        assert!((intensity(116, 5640).unwrap() - 86.04798).abs() < 1e-5);
    }
}
