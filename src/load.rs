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
//! and the sum of 4th powers of a linear sequence has a closed form. A repeat block's
//! contribution is periodic once the 29 samples before an iteration all come from the
//! block, so only `1 + ⌈29 / block seconds⌉` iterations are walked. Work is per step, never
//! per second or per repetition.
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
#[derive(Debug, Clone, Copy, PartialEq)]
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
    /// The last (up to) 29 samples, oldest first.
    hist: Vec<f64>,
    /// Σ (30 s mean)⁴.
    pub sum4: f64,
    /// Samples so far.
    pub n: u64,
}

impl NpAcc {
    /// Adds a segment's samples.
    pub fn push(&mut self, seg: Segment) {
        let head = seg.secs.min(LOOKBACK as u64);
        let mut window: f64 = self.hist.iter().sum();
        for i in 0..head {
            let p = seg.at(i);
            let mean = (window + p) / (self.hist.len() + 1) as f64;
            self.sum4 += mean.powi(4);
            window += p;
            if self.hist.len() == LOOKBACK {
                window -= self.hist.first().copied().unwrap_or_default();
                self.hist.remove(0);
            }
            self.hist.push(p);
        }
        if seg.secs > head {
            let rest = seg.secs - head;
            self.sum4 += tail_sum4(seg, head, rest);
            self.hist.clear();
            let from = seg.secs - LOOKBACK as u64;
            self.hist.extend((from..seg.secs).map(|i| seg.at(i)));
        }
        self.n = self.n.saturating_add(seg.secs);
    }

    /// Adds `reps` repetitions of a block of segments.
    pub fn push_repeat(&mut self, block: &[Segment], reps: u64) {
        let period: u64 = block.iter().map(|s| s.secs).fold(0, u64::saturating_add);
        if period == 0 || reps == 0 {
            return;
        }
        // From iteration `steady` on, all 29 samples before an iteration are the block's own.
        let steady = 1 + (LOOKBACK as u64).div_ceil(period);
        let walked = reps.min(steady);
        for k in 1..=walked {
            let before = self.sum4;
            block.iter().for_each(|s| self.push(*s));
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
    let n = rest as f64;
    if seg.start == seg.end {
        return n * seg.start.powi(4);
    }
    // The mean of samples i-29..=i of a linear sequence is the sample at i - 14.5, i.e.
    // start + slope·(i - 14); it is linear in i, so centre it and use the symmetric sums.
    let slope = (seg.end - seg.start) / seg.secs as f64;
    let first = seg.start + slope * (head as f64 - 14.0);
    let centre = first + slope * (n - 1.0) / 2.0;
    let s2 = n * (n * n - 1.0) / 12.0;
    let s4 = n * (n * n - 1.0) * (3.0 * n * n - 7.0) / 240.0;
    n * centre.powi(4) + 6.0 * centre * centre * slope * slope * s2 + slope.powi(4) * s4
}

/// `round(hours × ratio^exp × 100)`, the shape of every load formula.
pub(crate) fn load(secs: u64, ratio: f64, exp: i32) -> u32 {
    let hours = secs as f64 / 3600.0;
    round_half_up(hours * ratio.powi(exp) * 100.0) as u32
}

/// Intensity in percent derived back from a rounded load over `secs`.
pub(crate) fn intensity(load: u32, secs: u64) -> Option<f64> {
    (secs > 0).then(|| 100.0 * (f64::from(load) / (secs as f64 / 3600.0 * 100.0)).sqrt())
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
        acc.push_repeat(&[a, b], 40);
        let mut series = vec![(b, 1)];
        for _ in 0..40 {
            series.push((a, 1));
            series.push((b, 1));
        }
        assert!((acc.np().unwrap() - naive(&series)).abs() < 1e-9);
    }

    #[test]
    fn seed_load() {
        assert_eq!(load(5640, 1.0, 2), 157);
        assert!((intensity(116, 5640).unwrap() - 86.04798).abs() < 1e-5);
    }
}
