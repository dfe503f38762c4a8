//! The workout profile as a self-contained SVG chart.
//!
//! Time runs left to right; each step is a bar as high as its target, as a percent of the
//! athlete's threshold (FTP for power, LTHR for heart rate, threshold speed for pace), and
//! coloured by the zone it falls in with the Intervals.icu zone colours. Ramps are drawn
//! sloped and split where they cross a zone boundary; a range target is a bar at its
//! midpoint with the range shaded above and below. Repeat blocks are shaded and labelled
//! `×N`. A block so long that drawing every repetition would be pointless (more than
//! [`MAX_DRAWN_REPEAT_STEPS`] bars) shows its first repetitions and a break; the time axis
//! then skips the hidden stretch. The output has a fixed size (900 × 320) and its element
//! count grows with the number of steps written, never with repeat counts or seconds.
//!
//! ```
//! use workout_doc::{render, text, Athlete};
//! let w = text::parse("- 10m ramp 50-75%\n\nMain set 4x\n- 8m 110%\n- 8m 50%\n")?.workout;
//! let svg = render::svg(&w, &Athlete::default());
//! assert!(svg.starts_with("<svg"));
//! assert!(svg.contains("×4"));
//! # Ok::<(), workout_doc::Error>(())
//! ```

use crate::athlete::{Athlete, DEFAULT_FTP, DEFAULT_LTHR, DEFAULT_MAX_HR, DEFAULT_THRESHOLD_PACE};
use crate::model::{Interval, Length, PaceLength, Sport, SportFamily, Step, Workout};
use std::fmt::Write as _;

/// A repeat block with more bars than this (repetitions × steps) is drawn shortened.
pub const MAX_DRAWN_REPEAT_STEPS: u64 = 240;
/// Repetitions shown of a shortened block.
const SHOWN_REPS: u32 = 2;

const WIDTH: f64 = 900.0;
const HEIGHT: f64 = 320.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = WIDTH - 20.0;
const TOP: f64 = 48.0;
const BOTTOM: f64 = HEIGHT - 64.0;
/// Room above the highest bar for block labels.
const HEADROOM: f64 = 18.0;
/// Width of the break drawn in place of the hidden part of a shortened block.
const GAP: f64 = 26.0;
const FONT: &str = "font-family=\"system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif\"";

/// The Intervals.icu zone colours, Z1 to Z7.
const ZONE_COLOURS: [&str; 7] = {
    let c = crate::zones::POWER_ZONE_COLORS;
    [c[0], c[1], c[2], c[3], c[4], c[5], c[6]]
};
/// Colour of steps without a target.
const NO_TARGET: &str = "#b8bcc2";

/// Draws `w` for `athlete` as an SVG document.
///
/// ```
/// let w = workout_doc::text::parse("- 20m 60%\n- 5m 105%")?.workout;
/// let svg = workout_doc::render::svg(&w, &workout_doc::Athlete::default());
/// assert!(svg.contains("#009e80")); // 60% is in zone 2, and the legend shows zone 1
/// # Ok::<(), workout_doc::Error>(())
/// ```
pub fn svg(w: &Workout, athlete: &Athlete) -> String {
    let ctx = Ctx::new(athlete, w.sport.or(athlete.sport));
    let layout = Layout::of(w, &ctx);
    let mut out = String::with_capacity(4096 + layout.bars.len() * 160);
    Canvas {
        out: &mut out,
        layout: &layout,
        ctx: &ctx,
        measure: layout.measure,
    }
    .draw(w);
    out
}

/// What the y axis measures (the first kind of target the workout uses).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Measure {
    Power,
    Hr,
    Pace,
}

impl Measure {
    fn zone_names(self) -> [&'static str; 7] {
        match self {
            Measure::Power => [
                "Recovery",
                "Endurance",
                "Tempo",
                "Threshold",
                "VO2 Max",
                "Anaerobic",
                "Neuromuscular",
            ],
            Measure::Hr => [
                "Recovery",
                "Aerobic",
                "Tempo",
                "SubThreshold",
                "SuperThreshold",
                "Aerobic Cap.",
                "Anaerobic",
            ],
            Measure::Pace => ["Z1", "Z2", "Z3", "Z4", "Z5a", "Z5b", "Z5c"],
        }
    }

    fn axis_title(self) -> &'static str {
        match self {
            Measure::Power => "% FTP",
            Measure::Hr => "% LTHR",
            Measure::Pace => "% threshold pace",
        }
    }
}

/// The athlete with every threshold filled in (the embedded defaults where missing), and
/// the zone tables as upper bounds in percent of threshold.
struct Ctx {
    athlete: Athlete,
    sport: Option<Sport>,
    ftp: f64,
    lthr: f64,
    speed: f64,
    power_bounds: Vec<f64>,
    hr_bounds: Vec<f64>,
    pace_bounds: Vec<f64>,
}

impl Ctx {
    fn new(a: &Athlete, sport: Option<Sport>) -> Ctx {
        let positive =
            |v: Option<f64>, d: f64| v.filter(|v| v.is_finite() && *v > 0.0).unwrap_or(d);
        let ftp = positive(a.ftp, DEFAULT_FTP);
        let lthr = positive(a.lthr, DEFAULT_LTHR);
        let speed = positive(
            a.threshold_pace,
            match sport.map(Sport::pace_length) {
                Some(PaceLength::Hm) => 1.0,             // 1:40/100m
                Some(PaceLength::M500) => 500.0 / 120.0, // 2:00/500m
                _ => DEFAULT_THRESHOLD_PACE,
            },
        );
        let athlete = Athlete {
            sport: a.sport.or(sport),
            ftp: Some(ftp),
            lthr: Some(lthr),
            max_hr: Some(positive(a.max_hr, DEFAULT_MAX_HR)),
            threshold_pace: Some(speed),
            ..a.clone()
        };
        let power_bounds = athlete
            .power_bands()
            .iter()
            .map(|b| b.max / ftp * 100.0)
            .collect();
        let hr_bounds = athlete
            .hr_zone_bounds()
            .iter()
            .map(|b| b / lthr * 100.0)
            .collect();
        let pace_bounds = athlete.pace_zones.clone();
        Ctx {
            athlete,
            sport,
            ftp,
            lthr,
            speed,
            power_bounds,
            hr_bounds,
            pace_bounds,
        }
    }

    /// Upper zone bounds in percent of threshold; the last zone is open.
    fn bounds(&self, m: Measure) -> &[f64] {
        let all = match m {
            Measure::Power => &self.power_bounds,
            Measure::Hr => &self.hr_bounds,
            Measure::Pace => &self.pace_bounds,
        };
        all.get(..all.len().saturating_sub(1)).unwrap_or_default()
    }

    /// The 0-based zone of a level in percent of threshold (a zone includes its bound).
    fn zone(&self, m: Measure, pct: f64) -> usize {
        let b = self.bounds(m);
        b.iter().position(|u| pct <= *u + 1e-9).unwrap_or(b.len())
    }

    /// A step's target as percent of threshold, resolved as the summary resolves it: the
    /// first of power, heart rate and pace the step has.
    fn level(&self, i: &Interval) -> Option<Level> {
        let a = &self.athlete;
        let (measure, amount, base) = if let Some(t) = &i.power {
            (Measure::Power, a.power_watts(t)?, self.ftp)
        } else if let Some(t) = &i.hr {
            (Measure::Hr, a.hr_bpm(t)?, self.lthr)
        } else if let Some(t) = &i.pace {
            (Measure::Pace, a.pace_speed(t)?, self.speed)
        } else {
            return None;
        };
        let (x, y) = amount.bounds();
        Some(Level::new(
            measure,
            x / base * 100.0,
            y / base * 100.0,
            i.ramp,
        ))
    }

    fn pace_length(&self) -> PaceLength {
        self.sport.map_or(PaceLength::Km, Sport::pace_length)
    }

    /// Seconds a step takes: its time, or its distance at its pace target (else at an easy
    /// pace for the sport, or 30 km/h on a bike).
    fn seconds(&self, i: &Interval, level: Option<&Level>) -> f64 {
        match i.length {
            Length::Time(s) => f64::from(s),
            Length::Distance { .. } => {
                let metres = i.length.metres().unwrap_or(0.0);
                let pace = level.filter(|l| l.measure == Measure::Pace);
                let speed = match (pace, self.sport) {
                    (Some(l), _) => self.speed * ((l.start + l.end) / 2.0).max(10.0) / 100.0,
                    (None, Some(s)) if s.family() != SportFamily::Ride => self.speed * 0.75,
                    _ => 30.0 / 3.6,
                };
                metres / speed
            }
        }
    }
}

/// A drawn level in percent of threshold.
#[derive(Debug, Clone, Copy)]
struct Level {
    measure: Measure,
    /// Height at the start and end (equal unless a ramp).
    start: f64,
    end: f64,
    /// The range shaded around a flat bar.
    band: Option<(f64, f64)>,
}

impl Level {
    fn new(measure: Measure, a: f64, b: f64, ramp: bool) -> Level {
        let (a, b) = (finite(a), finite(b));
        if ramp || a == b {
            Level {
                measure,
                start: a,
                end: b,
                band: None,
            }
        } else {
            let mid = (a + b) / 2.0;
            Level {
                measure,
                start: mid,
                end: mid,
                band: Some((a.min(b), a.max(b))),
            }
        }
    }
}

fn finite(v: f64) -> f64 {
    if v.is_finite() {
        v.clamp(0.0, 1000.0)
    } else {
        0.0
    }
}

/// One drawn step, in display seconds (the time axis without hidden stretches).
#[derive(Debug)]
struct Bar {
    t0: f64,
    t1: f64,
    gaps: usize,
    level: Option<Level>,
    max_effort: bool,
}

/// A shaded repeat block.
#[derive(Debug)]
struct Block {
    t0: f64,
    t1: f64,
    gaps_start: usize,
    gaps_end: usize,
    reps: u32,
    shown: Option<u32>,
}

/// A stretch of real time drawn linearly: real `r0..r1` starts at display time `d0`.
#[derive(Debug)]
struct Segment {
    r0: f64,
    r1: f64,
    d0: f64,
    gaps: usize,
}

struct Layout {
    bars: Vec<Bar>,
    blocks: Vec<Block>,
    segments: Vec<Segment>,
    /// Display seconds and the number of breaks.
    display: f64,
    gaps: usize,
    real: f64,
    top: f64,
    measure: Measure,
    has_untargeted: bool,
}

impl Layout {
    fn of(w: &Workout, ctx: &Ctx) -> Layout {
        let mut l = Layout {
            bars: Vec::new(),
            blocks: Vec::new(),
            segments: Vec::new(),
            display: 0.0,
            gaps: 0,
            real: 0.0,
            top: 150.0,
            measure: Measure::Power,
            has_untargeted: false,
        };
        let mut measure = None;
        let mut seg_start = (0.0, 0.0, 0usize);
        for step in &w.steps {
            match step {
                Step::Interval(i) => {
                    let d = l.push(i, ctx, &mut measure);
                    l.real += d;
                }
                Step::Repeat(r) => {
                    let per_rep: usize = r.steps.len();
                    let bars = u64::from(r.reps) * per_rep as u64;
                    let shown = (bars > MAX_DRAWN_REPEAT_STEPS).then_some(SHOWN_REPS.min(r.reps));
                    let (t0, g0) = (l.display, l.gaps);
                    let mut rep_secs = 0.0;
                    for _ in 0..shown.unwrap_or(r.reps) {
                        rep_secs = r
                            .steps
                            .iter()
                            .map(|i| l.push(i, ctx, &mut measure))
                            .sum::<f64>();
                    }
                    let drawn_reps = f64::from(shown.unwrap_or(r.reps));
                    let total = rep_secs * f64::from(r.reps);
                    if shown.is_some() {
                        // Close the linear stretch at the end of what is drawn, then skip.
                        l.segments.push(Segment {
                            r0: seg_start.0,
                            r1: l.real + rep_secs * drawn_reps,
                            d0: seg_start.1,
                            gaps: seg_start.2,
                        });
                        l.gaps += 1;
                        seg_start = (l.real + total, l.display, l.gaps);
                    }
                    l.real += total;
                    l.blocks.push(Block {
                        t0,
                        t1: l.display,
                        gaps_start: g0,
                        gaps_end: l.gaps,
                        reps: r.reps,
                        shown,
                    });
                }
            }
        }
        l.segments.push(Segment {
            r0: seg_start.0,
            r1: l.real,
            d0: seg_start.1,
            gaps: seg_start.2,
        });
        l.measure = measure.unwrap_or(Measure::Power);
        let highest = l
            .bars
            .iter()
            .filter_map(|b| b.level)
            .map(|v| v.start.max(v.end).max(v.band.map_or(0.0, |b| b.1)))
            .fold(0.0f64, f64::max);
        // Power charts go to at least 150% and heart rate and pace to 125%, so that easy
        // days do not look hard; the top is rounded up to a tick.
        let floor = if l.measure == Measure::Power {
            140.0
        } else {
            110.0
        };
        let step = if highest > 200.0 { 50.0 } else { 25.0 };
        l.top = ((highest.max(floor) + 10.0) / step).ceil() * step;
        l
    }

    /// Adds one interval's bar; returns its seconds.
    fn push(&mut self, i: &Interval, ctx: &Ctx, measure: &mut Option<Measure>) -> f64 {
        let level = ctx.level(i);
        if let Some(l) = &level {
            measure.get_or_insert(l.measure);
        } else if !i.maxeffort {
            self.has_untargeted = true;
        }
        let secs = ctx.seconds(i, level.as_ref()).max(0.0);
        self.bars.push(Bar {
            t0: self.display,
            t1: self.display + secs,
            gaps: self.gaps,
            level,
            max_effort: i.maxeffort,
        });
        self.display += secs;
        secs
    }

    fn px_per_sec(&self) -> f64 {
        let room = (RIGHT - LEFT) - GAP * self.gaps as f64;
        if self.display > 0.0 {
            room.max(1.0) / self.display
        } else {
            0.0
        }
    }

    fn x(&self, t: f64, gaps: usize) -> f64 {
        LEFT + t * self.px_per_sec() + GAP * gaps as f64
    }

    fn y(&self, pct: f64) -> f64 {
        let h = BOTTOM - TOP - HEADROOM;
        BOTTOM - (pct.clamp(0.0, self.top) / self.top) * h
    }
}

struct Canvas<'a> {
    out: &'a mut String,
    layout: &'a Layout,
    ctx: &'a Ctx,
    measure: Measure,
}

impl Canvas<'_> {
    fn draw(&mut self, w: &Workout) {
        let (width, height) = (WIDTH, HEIGHT);
        let _ = writeln!(
            self.out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
             viewBox=\"0 0 {width} {height}\" {FONT} font-size=\"12\" role=\"img\">"
        );
        let title = title(w);
        let _ = writeln!(self.out, "<title>{}</title>", escape(&title));
        let _ = writeln!(
            self.out,
            "<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>"
        );
        self.header(w, &title);
        self.grid();
        self.blocks_back();
        self.bars();
        self.blocks_front();
        self.time_axis();
        self.legend();
        self.out.push_str("</svg>\n");
    }

    fn header(&mut self, w: &Workout, title: &str) {
        let ctx = self.ctx;
        // The planner's own numbers: duration and load from the summary.
        let summary = w.summary(&ctx.athlete);
        let mut facts = clock(summary.duration as f64);
        if let Some(load) = summary.training_load {
            let _ = write!(facts, "  ·  load {load}");
        }
        let _ = match self.measure {
            Measure::Power => write!(facts, "  ·  FTP {} W", ctx.ftp.round()),
            Measure::Hr => write!(facts, "  ·  LTHR {} bpm", ctx.lthr.round()),
            Measure::Pace => write!(facts, "  ·  threshold {}", pace(ctx)),
        };
        // The title gets the room the facts leave (about 9 px a character at 16 px bold).
        let room = RIGHT - LEFT - facts.chars().count() as f64 * 6.5 - 24.0;
        let max_chars = (room / 9.0).max(12.0) as usize;
        let _ = writeln!(
            self.out,
            "<text x=\"{}\" y=\"24\" font-size=\"16\" font-weight=\"600\" fill=\"#1f2328\">{}</text>",
            LEFT,
            escape(&truncate(title, max_chars))
        );
        let _ = writeln!(
            self.out,
            "<text x=\"{}\" y=\"24\" text-anchor=\"end\" fill=\"#57606a\">{}</text>",
            RIGHT,
            escape(&facts)
        );
    }

    fn grid(&mut self) {
        let l = self.layout;
        let step = if l.top > 200.0 { 50.0 } else { 25.0 };
        let mut pct = 0.0;
        while pct <= l.top + 0.1 {
            let y = l.y(pct);
            let (stroke, dash) = if (pct - 100.0).abs() < 0.1 {
                ("#8c959f", " stroke-dasharray=\"5 4\"")
            } else if pct == 0.0 {
                ("#8c959f", "")
            } else {
                ("#eaeef2", "")
            };
            let _ = writeln!(
                self.out,
                "<line x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{RIGHT}\" y2=\"{y:.1}\" stroke=\"{stroke}\"{dash}/>"
            );
            // pct is a whole multiple of 25: label every one, or the multiples of 50.
            if l.top <= 150.0 || pct % 50.0 == 0.0 {
                let _ = writeln!(
                    self.out,
                    "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#57606a\" font-size=\"11\">{pct}%</text>",
                    LEFT - 6.0,
                    y + 4.0,
                );
            }
            pct += step;
        }
        let mid = (TOP + BOTTOM) / 2.0;
        let _ = writeln!(
            self.out,
            "<text transform=\"translate(14 {mid:.1}) rotate(-90)\" text-anchor=\"middle\" fill=\"#57606a\" font-size=\"11\">{}</text>",
            self.measure.axis_title()
        );
    }

    fn blocks_back(&mut self) {
        let l = self.layout;
        for b in &l.blocks {
            let x0 = l.x(b.t0, b.gaps_start);
            let x1 = l.x(b.t1, b.gaps_end);
            let _ = writeln!(
                self.out,
                "<rect x=\"{x0:.2}\" y=\"{TOP}\" width=\"{:.2}\" height=\"{:.1}\" fill=\"#0969da\" fill-opacity=\"0.06\"/>",
                (x1 - x0).max(0.0),
                BOTTOM - TOP
            );
        }
    }

    fn blocks_front(&mut self) {
        let l = self.layout;
        for b in &l.blocks {
            let x0 = l.x(b.t0, b.gaps_start);
            let x1 = l.x(b.t1, b.gaps_end);
            let y = TOP + 4.0;
            let _ = writeln!(
                self.out,
                "<path d=\"M{x0:.2} {:.1}V{y}H{x1:.2}V{:.1}\" fill=\"none\" stroke=\"#0969da\" stroke-width=\"1.2\"/>",
                y + 5.0,
                y + 5.0
            );
            let label = match b.shown {
                Some(n) => format!("×{} ({n} shown)", b.reps),
                None => format!("×{}", b.reps),
            };
            let cx = (x0 + x1) / 2.0;
            let width = label.chars().count() as f64 * 7.0 + 8.0;
            let _ = writeln!(
                self.out,
                "<rect x=\"{:.2}\" y=\"{:.1}\" width=\"{width:.1}\" height=\"15\" rx=\"3\" fill=\"#ffffff\"/>\
                 <text x=\"{cx:.2}\" y=\"{:.1}\" text-anchor=\"middle\" font-weight=\"600\" fill=\"#0969da\">{label}</text>",
                cx - width / 2.0,
                y - 8.0,
                y + 4.0
            );
            if b.shown.is_some() {
                // The break: a zigzag in the gap after the drawn repetitions.
                let gx = x1 - GAP;
                let (ya, yb) = (l.y(0.0), TOP + 20.0);
                let mut d = format!("M{:.1} {ya:.1}", gx + GAP / 2.0);
                let mut yy = ya;
                let mut left = true;
                while yy > yb {
                    yy -= 8.0;
                    let xx = gx + GAP / 2.0 + if left { -5.0 } else { 5.0 };
                    let _ = write!(d, "L{xx:.1} {yy:.1}");
                    left = !left;
                }
                let _ = writeln!(
                    self.out,
                    "<path d=\"{d}\" fill=\"none\" stroke=\"#8c959f\" stroke-width=\"1.5\"/>"
                );
            }
        }
    }

    fn bars(&mut self) {
        let l = self.layout;
        let base = l.y(0.0);
        for bar in &l.bars {
            let x0 = l.x(bar.t0, bar.gaps);
            let x1 = l.x(bar.t1, bar.gaps);
            if x1 - x0 <= 0.0 {
                continue;
            }
            match (bar.level, bar.max_effort) {
                (_, true) => {
                    let (top, colour) = (l.y(l.top), ZONE_COLOURS[6]);
                    self.rect(x0, x1, top, base, colour, 1.0);
                }
                (None, false) => {
                    let top = l.y(l.top * 0.3);
                    self.rect(x0, x1, top, base, NO_TARGET, 1.0);
                }
                (Some(v), false) => self.level(x0, x1, v, base),
            }
        }
    }

    /// A flat or sloped bar, cut where it crosses a zone boundary so that each part has its
    /// zone's colour.
    fn level(&mut self, x0: f64, x1: f64, v: Level, base: f64) {
        let l = self.layout;
        let m = v.measure;
        if let Some((lo, hi)) = v.band {
            let colour = zone_colour(self.ctx.zone(m, v.start));
            self.rect(x0, x1, l.y(hi), l.y(lo), colour, 0.3);
        }
        // Cut points: where the line start→end crosses a zone bound.
        let mut cuts = vec![0.0];
        if v.start != v.end {
            for &b in self.ctx.bounds(m) {
                let f = (b - v.start) / (v.end - v.start);
                if f > 0.0 && f < 1.0 {
                    cuts.push(f);
                }
            }
        }
        cuts.push(1.0);
        crate::order::sort_by_key(&mut cuts, |c| crate::order::total_order(*c));
        for pair in cuts.windows(2) {
            let &[fa, fb] = pair else { continue };
            let pa = v.start + (v.end - v.start) * fa;
            let pb = v.start + (v.end - v.start) * fb;
            let xa = x0 + (x1 - x0) * fa;
            let xb = x0 + (x1 - x0) * fb;
            let colour = zone_colour(self.ctx.zone(m, (pa + pb) / 2.0));
            if pa == pb {
                self.rect(xa, xb, l.y(pa), base, colour, 1.0);
            } else {
                let _ = writeln!(
                    self.out,
                    "<path d=\"M{xa:.2} {base:.1}L{xa:.2} {:.1}L{xb:.2} {:.1}L{xb:.2} {base:.1}Z\" fill=\"{colour}\"/>",
                    l.y(pa),
                    l.y(pb),
                );
            }
        }
    }

    fn rect(&mut self, x0: f64, x1: f64, y0: f64, y1: f64, fill: &str, opacity: f64) {
        let op = if opacity < 1.0 {
            format!(" fill-opacity=\"{opacity}\"")
        } else {
            String::new()
        };
        let _ = writeln!(
            self.out,
            "<rect x=\"{x0:.2}\" y=\"{y0:.1}\" width=\"{:.2}\" height=\"{:.1}\" fill=\"{fill}\"{op}/>",
            x1 - x0,
            (y1 - y0).max(0.0)
        );
    }

    fn time_axis(&mut self) {
        let l = self.layout;
        let base = l.y(0.0);
        let step = tick_step(l.display);
        let mut last_x = f64::NEG_INFINITY;
        for seg in &l.segments {
            let first = (seg.r0 / step).ceil() as u64;
            let last = (seg.r1 / step).floor() as u64;
            // A segment shows at most its display length of ticks.
            for k in first..=last.min(first + 64) {
                let t = k as f64 * step;
                let x = l.x(seg.d0 + (t - seg.r0), seg.gaps);
                if x - last_x < 44.0 || x > RIGHT + 0.5 {
                    continue;
                }
                last_x = x;
                let _ = writeln!(
                    self.out,
                    "<line x1=\"{x:.2}\" y1=\"{base:.1}\" x2=\"{x:.2}\" y2=\"{:.1}\" stroke=\"#8c959f\"/>\
                     <text x=\"{x:.2}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#57606a\" font-size=\"11\">{}</text>",
                    base + 5.0,
                    base + 18.0,
                    tick_label(t, step),
                );
            }
        }
    }

    fn legend(&mut self) {
        let names = self.measure.zone_names();
        let y = HEIGHT - 18.0;
        let mut x = LEFT;
        for (i, (name, colour)) in names.iter().zip(ZONE_COLOURS).enumerate() {
            let label = if self.measure == Measure::Pace {
                (*name).to_owned()
            } else {
                format!("Z{} {name}", i + 1)
            };
            self.swatch(&mut x, y, colour, &label);
        }
        if self.layout.has_untargeted {
            self.swatch(&mut x, y, NO_TARGET, "no target");
        }
    }

    fn swatch(&mut self, x: &mut f64, y: f64, colour: &str, label: &str) {
        let _ = writeln!(
            self.out,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"11\" height=\"11\" rx=\"2\" fill=\"{colour}\"/>\
             <text x=\"{:.1}\" y=\"{y:.1}\" fill=\"#1f2328\" font-size=\"11\">{}</text>",
            *x,
            y - 9.5,
            *x + 15.0,
            escape(label)
        );
        *x += 15.0 + label.chars().count() as f64 * 6.1 + 14.0;
    }
}

fn zone_colour(zone: usize) -> &'static str {
    ZONE_COLOURS.get(zone).copied().unwrap_or(ZONE_COLOURS[6])
}

/// The chart title: the name, else the first line of the description.
fn title(w: &Workout) -> String {
    w.name
        .clone()
        .or_else(|| {
            w.description()
                .and_then(|d| d.lines().next())
                .map(str::to_owned)
        })
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| "Workout".to_owned())
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

/// `s` as SVG text: XML-escaped, with control characters (which XML 1.0 forbids) as spaces.
fn escape(s: &str) -> String {
    quick_xml::escape::escape(s.replace(char::is_control, " ")).into_owned()
}

/// A tick spacing giving about 6–12 ticks over `secs`.
fn tick_step(secs: f64) -> f64 {
    const STEPS: [f64; 14] = [
        10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1200.0, 1800.0, 3600.0, 7200.0,
        14400.0, 86400.0,
    ];
    STEPS
        .into_iter()
        .find(|s| secs / s <= 12.0)
        .unwrap_or_else(|| (secs / 10.0 / 86400.0).ceil() * 86400.0)
}

/// `0`, `30s`, `5m`, `1h`, `1h30`, `2d`.
fn tick_label(t: f64, step: f64) -> String {
    let t = t.round() as u64;
    if t == 0 {
        return "0".into();
    }
    let (d, h, m, s) = (t / 86400, t / 3600 % 24, t / 60 % 60, t % 60);
    if d > 0 && step >= 86400.0 {
        return format!("{d}d");
    }
    if d >= 2 {
        return format!("{d}d{h}h");
    }
    let h = h + d * 24;
    match (h, m, s) {
        (0, 0, s) => format!("{s}s"),
        (0, m, 0) => format!("{m}m"),
        (0, m, s) => format!("{m}m{s:02}"),
        (h, 0, _) => format!("{h}h"),
        (h, m, _) => format!("{h}h{m:02}"),
    }
}

/// `1:34:00`-style duration.
fn clock(secs: f64) -> String {
    let t = secs.round() as u64;
    let (d, h, m, s) = (t / 86400, t / 3600 % 24, t / 60 % 60, t % 60);
    if d > 0 {
        format!("{d}d {h}:{m:02}:{s:02}")
    } else if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// The threshold pace as the sport writes it (`4:30/km`).
fn pace(ctx: &Ctx) -> String {
    let len = ctx.pace_length();
    let secs = (len.metres() / ctx.speed).round() as u64;
    format!("{}:{:02}{}", secs / 60, secs % 60, len.suffix())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text;

    fn draw(src: &str) -> String {
        svg(&text::parse(src).unwrap().workout, &Athlete::default())
    }

    #[test]
    fn huge_repeat_counts_draw_a_few_repetitions() {
        let s = draw("1000000x\n- 30s 120%\n- 30s 50%\n");
        assert!(s.contains("×1000000 (2 shown)"));
        assert!(s.matches("<rect").count() < 40, "{s}");
    }

    #[test]
    fn ramps_are_cut_at_zone_bounds() {
        let s = draw("- 10m ramp 50-100%");
        // 50→100% crosses 55, 75 and 90: four sloped parts in four colours.
        assert_eq!(s.matches("<path d=\"M").count(), 4);
        for c in &ZONE_COLOURS[..4] {
            assert!(s.contains(&format!("fill=\"{c}\"/>")), "{c}");
        }
    }

    #[test]
    fn empty_workout_still_draws() {
        let s = svg(&Workout::default(), &Athlete::default());
        assert!(s.ends_with("</svg>\n"));
        assert!(s.contains("<title>Workout</title>"));
    }

    #[test]
    fn labels() {
        assert_eq!(tick_label(5400.0, 600.0), "1h30");
        assert_eq!(tick_label(90.0, 30.0), "1m30");
        assert_eq!(tick_label(172800.0, 86400.0), "2d");
        assert_eq!(clock(5640.0), "1:34:00");
        assert_eq!(clock(90061.0), "1d 1:01:01");
        assert_eq!(tick_label(3.0 * 86400.0 + 7200.0, 600.0), "3d2h");
        assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}
