//! The step tree every format reads into and writes from.
//!
//! A [`Workout`] is a list of top-level [`Step`]s; a step is either one [`Interval`] (a timed
//! or distance piece with its targets) or a [`Repeat`] block of intervals. Intervals.icu does
//! not nest repeats, and neither does this tree. Free text around the steps is kept as
//! [`Note`]s anchored before a top-level step, so text round-trips.

use crate::span::Span;
pub use crate::sport::{Sport, SportFamily};

/// A workout: metadata, prose notes and steps.
///
/// ```
/// use workout_doc::{text, Workout};
/// let w: Workout = text::parse("Easy day\n\n- 30m 65%").unwrap().workout;
/// assert_eq!(w.steps.len(), 1);
/// assert_eq!(w.description(), Some("Easy day"));
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Workout {
    /// Title (`.zwo` `<name>`, course `FILE NAME`); not part of the workout text.
    pub name: Option<String>,
    /// Author (`.zwo` `<author>`).
    pub author: Option<String>,
    /// Category (`Category: …` line in text, `.zwo` `<category>`).
    pub category: Option<String>,
    /// Subcategory (`.zwo` `<subcategory>`).
    pub subcategory: Option<String>,
    /// Tags (`.zwo` `<tags>`).
    pub tags: Vec<String>,
    /// Sport, when the source says (`.zwo` `sportType`).
    pub sport: Option<Sport>,
    /// Free-text paragraphs, each placed before a top-level step.
    pub notes: Vec<Note>,
    /// Top-level steps; a repeat block counts once.
    pub steps: Vec<Step>,
}

impl Workout {
    /// The first paragraph of prose before the first step: what Intervals.icu stores as
    /// `workout_doc.description`.
    ///
    /// ```
    /// let w = workout_doc::text::parse("Line one\nline two\n\nMore\n\n- 1m 50%").unwrap().workout;
    /// assert_eq!(w.description(), Some("Line one\nline two"));
    /// ```
    pub fn description(&self) -> Option<&str> {
        self.notes
            .first()
            .filter(|n| n.before == 0)
            .map(|n| n.text.as_str())
    }

    /// Every interval in order, repeat blocks given once (not unrolled), with the repeat
    /// count that applies to it (1 outside blocks).
    ///
    /// ```
    /// let w = workout_doc::text::parse("- 1m 50%\n\n3x\n- 30s 120%\n- 30s 50%").unwrap().workout;
    /// let reps: Vec<u32> = w.intervals().map(|(reps, _)| reps).collect();
    /// assert_eq!(reps, [1, 3, 3]);
    /// ```
    pub fn intervals(&self) -> impl Iterator<Item = (u32, &Interval)> + '_ {
        self.steps.iter().flat_map(|step| {
            let (reps, list): (u32, &[Interval]) = match step {
                Step::Interval(i) => (1, std::slice::from_ref(i)),
                Step::Repeat(r) => (r.reps, &r.steps),
            };
            list.iter().map(move |i| (reps, i))
        })
    }
}

/// A free-text paragraph, kept so that text round-trips.
///
/// ```
/// let w = workout_doc::text::parse("- 1m 50%\nStay seated\n- 1m 60%").unwrap().workout;
/// assert_eq!(w.notes[0].before, 1);
/// assert_eq!(w.notes[0].text, "Stay seated");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Note {
    /// Index of the top-level step the paragraph comes before (`steps.len()` = at the end).
    pub before: usize,
    /// The paragraph's lines, trimmed, joined with `\n`.
    pub text: String,
}

/// A top-level step: one interval or a repeat block.
///
/// ```
/// use workout_doc::Step;
/// let w = workout_doc::text::parse("Main set 2x\n- 1m 110%\n- 1m 50%").unwrap().workout;
/// assert!(matches!(&w.steps[0], Step::Repeat(r) if r.reps == 2));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Step {
    /// A single interval.
    Interval(Interval),
    /// A block of intervals done `reps` times.
    Repeat(Repeat),
}

impl Step {
    /// Where the step was read from.
    ///
    /// ```
    /// let w = workout_doc::text::parse("- 1m 50%").unwrap().workout;
    /// assert_eq!(w.steps[0].span().range(), 0..8);
    /// ```
    pub fn span(&self) -> Span {
        match self {
            Step::Interval(i) => i.span,
            Step::Repeat(r) => r.span,
        }
    }
}

/// A repeat block: `text` is its whole header line (`Main set 4x`), as Intervals.icu keeps it.
///
/// ```
/// let w = workout_doc::text::parse("Main set 4x\n- 8m 110%\n- 8m 50%").unwrap().workout;
/// let workout_doc::Step::Repeat(r) = &w.steps[0] else { unreachable!() };
/// assert_eq!((r.reps, r.text.as_str(), r.steps.len()), (4, "Main set 4x", 2));
/// ```
#[derive(Debug, Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Repeat {
    /// How many times the block is done (at least 1).
    pub reps: u32,
    /// The header line, trimmed.
    pub text: String,
    /// The block's intervals, in order.
    pub steps: Vec<Interval>,
    /// Where the block was read from (header to last step); ignored by equality.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub span: Span,
}

impl PartialEq for Repeat {
    fn eq(&self, other: &Self) -> bool {
        // Spans are intentionally left out: a tree equals its re-read canonical text.
        self.reps == other.reps && self.text == other.text && self.steps == other.steps
    }
}

/// How long an interval lasts: a time or a distance.
///
/// ```
/// use workout_doc::{Length, DistanceUnit};
/// assert_eq!(Length::Distance { value: 2.0, unit: DistanceUnit::Kilometre }.metres(), Some(2000.0));
/// assert_eq!(Length::Time(90).seconds(), Some(90));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Length {
    /// Whole seconds.
    Time(u32),
    /// A distance as written, in `unit`.
    Distance {
        /// The number as written.
        value: f64,
        /// The unit it was written in.
        unit: DistanceUnit,
    },
}

impl Length {
    /// Seconds, for a time.
    ///
    /// ```
    /// assert_eq!(workout_doc::Length::Time(30).seconds(), Some(30));
    /// ```
    pub fn seconds(self) -> Option<u32> {
        match self {
            Length::Time(s) => Some(s),
            Length::Distance { .. } => None,
        }
    }

    /// Metres, for a distance.
    ///
    /// ```
    /// use workout_doc::{Length, DistanceUnit};
    /// let mile = Length::Distance { value: 1.0, unit: DistanceUnit::Mile };
    /// assert_eq!(mile.metres(), Some(1609.344));
    /// ```
    pub fn metres(self) -> Option<f64> {
        match self {
            Length::Time(_) => None,
            Length::Distance { value, unit } => Some(value * unit.metres()),
        }
    }
}

/// The unit a distance was written in.
///
/// ```
/// assert_eq!(workout_doc::DistanceUnit::Yard.metres(), 0.9144);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum DistanceUnit {
    /// `mtr` (plain `m` means minutes in the text language).
    Metre,
    /// `km`.
    Kilometre,
    /// `mi` (1609.344 m).
    Mile,
    /// `yd` (0.9144 m), for pools measured in yards.
    Yard,
}

impl DistanceUnit {
    /// Metres in one unit.
    ///
    /// ```
    /// assert_eq!(workout_doc::DistanceUnit::Kilometre.metres(), 1000.0);
    /// ```
    pub fn metres(self) -> f64 {
        match self {
            DistanceUnit::Metre => 1.0,
            DistanceUnit::Kilometre => 1000.0,
            DistanceUnit::Mile => 1609.344,
            DistanceUnit::Yard => 0.9144,
        }
    }

    /// The suffix the text language uses.
    ///
    /// ```
    /// assert_eq!(workout_doc::DistanceUnit::Metre.suffix(), "mtr");
    /// ```
    pub fn suffix(self) -> &'static str {
        crate::text::distance_unit(self)
    }
}

/// One interval: its length, targets and flags.
///
/// ```
/// use workout_doc::{Amount, Length, PowerUnit, Step};
/// let w = workout_doc::text::parse("- Recovery 30s 50% 85rpm").unwrap().workout;
/// let Step::Interval(i) = &w.steps[0] else { unreachable!() };
/// assert_eq!(i.text.as_deref(), Some("Recovery"));
/// assert_eq!(i.length, Length::Time(30));
/// let power = i.power.as_ref().unwrap();
/// assert_eq!((power.units, power.amount), (PowerUnit::PercentFtp, Amount::Value(50.0)));
/// assert_eq!(i.cadence, Some(Amount::Value(85.0)));
/// ```
#[derive(Debug, Clone, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Interval {
    /// The cue shown with the step (the words before its first token); may hold timed
    /// prompts (`First 60^30 Second`), see [`Interval::prompts`].
    pub text: Option<String>,
    /// Time or distance.
    pub length: Length,
    /// Power target.
    pub power: Option<Target<PowerUnit>>,
    /// Heart-rate target.
    pub hr: Option<Target<HrUnit>>,
    /// Pace target.
    pub pace: Option<Target<PaceUnit>>,
    /// Cadence target in rpm.
    pub cadence: Option<Amount>,
    /// The range target is a ramp from `start` to `end`.
    pub ramp: bool,
    /// ERG off: ride freely (a target, if any, is kept for load).
    pub freeride: bool,
    /// All-out effort (Zwift `MaxEffort`).
    pub maxeffort: bool,
    /// Hide the power display (Zwift).
    pub hidepower: bool,
    /// Part of the warm-up (a `Warmup` header, or a `.zwo` `Warmup`).
    pub warmup: bool,
    /// Part of the cool-down.
    pub cooldown: bool,
    /// The step ends when the lap button is pressed (`Press lap`).
    pub until_lap_press: bool,
    /// The device step type (`intensity=recovery`).
    pub intensity: Option<StepKind>,
    /// Where the step was read from; ignored by equality.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub span: Span,
}

impl Default for Length {
    fn default() -> Self {
        Length::Time(0)
    }
}

impl PartialEq for Interval {
    fn eq(&self, other: &Self) -> bool {
        // Every field but `span`: destructuring makes a new field a compile error here.
        let Interval {
            text,
            length,
            power,
            hr,
            pace,
            cadence,
            ramp,
            freeride,
            maxeffort,
            hidepower,
            warmup,
            cooldown,
            until_lap_press,
            intensity,
            span: _,
        } = self;
        *text == other.text
            && *length == other.length
            && *power == other.power
            && *hr == other.hr
            && *pace == other.pace
            && *cadence == other.cadence
            && *ramp == other.ramp
            && *freeride == other.freeride
            && *maxeffort == other.maxeffort
            && *hidepower == other.hidepower
            && *warmup == other.warmup
            && *cooldown == other.cooldown
            && *until_lap_press == other.until_lap_press
            && *intensity == other.intensity
    }
}

impl Interval {
    /// A plain timed interval with no target.
    ///
    /// ```
    /// let i = workout_doc::Interval::timed(60);
    /// assert_eq!(i.length.seconds(), Some(60));
    /// ```
    pub fn timed(seconds: u32) -> Self {
        Interval {
            length: Length::Time(seconds),
            ..Interval::default()
        }
    }

    /// The timed prompts in the step text: `First 60^30 Second 120^ Third` gives
    /// "First" at 0 s, "Second" at 60 s for 30 s, "Third" at 120 s.
    ///
    /// ```
    /// use workout_doc::{Interval, Prompt};
    /// let mut i = Interval::timed(600);
    /// i.text = Some("Go 60^30 Hold it".into());
    /// assert_eq!(i.prompts(), vec![
    ///     Prompt { offset: 0, duration: None, text: "Go".into() },
    ///     Prompt { offset: 60, duration: Some(30), text: "Hold it".into() },
    /// ]);
    /// ```
    pub fn prompts(&self) -> Vec<Prompt> {
        crate::prompt::split(self.text.as_deref().unwrap_or_default())
    }
}

/// A message shown during a step, `offset` seconds after it starts.
///
/// ```
/// let p = workout_doc::Prompt { offset: 30, duration: Some(10), text: "Spin up".into() };
/// assert_eq!(p.offset, 30);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Prompt {
    /// Seconds from the start of the step.
    pub offset: u32,
    /// How long it shows, when given.
    pub duration: Option<u32>,
    /// The message.
    pub text: String,
}

impl Prompt {
    /// Joins prompts into step text, the inverse of [`Interval::prompts`]
    /// (how a `.zwo` step's text events become one step text).
    ///
    /// ```
    /// use workout_doc::Prompt;
    /// let ps = [
    ///     Prompt { offset: 0, duration: None, text: "Go".into() },
    ///     Prompt { offset: 60, duration: Some(30), text: "Hold".into() },
    /// ];
    /// assert_eq!(Prompt::join(&ps), "Go 60^30 Hold");
    /// ```
    pub fn join(prompts: &[Prompt]) -> String {
        crate::prompt::join(prompts)
    }
}

/// A target: its units, one value or a range, and an optional device smoothing hint.
///
/// ```
/// use workout_doc::{Amount, PowerUnit, Target};
/// let t = Target::new(PowerUnit::Watts, Amount::Range { start: 200.0, end: 240.0 });
/// assert_eq!(t.amount.mid(), 220.0);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Target<U> {
    /// What the numbers mean.
    pub units: U,
    /// One value or a range (a ramp when the interval's `ramp` is set).
    pub amount: Amount,
    /// Device averaging window (`power=3s`): `lap`, `1s`, `3s`, `10s`, `30s`.
    pub smoothing: Option<Smoothing>,
}

impl<U> Target<U> {
    /// A target without a smoothing hint.
    ///
    /// ```
    /// use workout_doc::{Amount, HrUnit, Target};
    /// let t = Target::new(HrUnit::Zone, Amount::Value(2.0));
    /// assert!(t.smoothing.is_none());
    /// ```
    pub fn new(units: U, amount: Amount) -> Self {
        Target {
            units,
            amount,
            smoothing: None,
        }
    }
}

/// A single number or a `start`–`end` pair.
///
/// ```
/// use workout_doc::Amount;
/// assert_eq!(Amount::Range { start: 90.0, end: 100.0 }.mid(), 95.0);
/// assert_eq!(Amount::Value(75.0).bounds(), (75.0, 75.0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Amount {
    /// One value.
    Value(f64),
    /// A range or ramp.
    Range {
        /// First value (ramp start).
        start: f64,
        /// Second value (ramp end).
        end: f64,
    },
}

impl Amount {
    /// The midpoint (the value itself for a single value).
    ///
    /// ```
    /// assert_eq!(workout_doc::Amount::Range { start: 1.0, end: 2.0 }.mid(), 1.5);
    /// ```
    pub fn mid(self) -> f64 {
        match self {
            Amount::Value(v) => v,
            Amount::Range { start, end } => (start + end) / 2.0,
        }
    }

    /// `(start, end)`; both the value for a single value.
    ///
    /// ```
    /// assert_eq!(workout_doc::Amount::Value(3.0).bounds(), (3.0, 3.0));
    /// ```
    pub fn bounds(self) -> (f64, f64) {
        match self {
            Amount::Value(v) => (v, v),
            Amount::Range { start, end } => (start, end),
        }
    }

    /// Applies `f` to each number.
    ///
    /// ```
    /// use workout_doc::Amount;
    /// assert_eq!(Amount::Value(0.5).map(|v| v * 100.0), Amount::Value(50.0));
    /// ```
    pub fn map(self, f: impl Fn(f64) -> f64) -> Amount {
        match self {
            Amount::Value(v) => Amount::Value(f(v)),
            Amount::Range { start, end } => Amount::Range {
                start: f(start),
                end: f(end),
            },
        }
    }
}

/// What a power target's numbers mean.
///
/// ```
/// assert_eq!(workout_doc::PowerUnit::PercentFtp.as_str(), "%ftp");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum PowerUnit {
    /// Percent of FTP (`75%`).
    PercentFtp,
    /// Watts (`220w`).
    Watts,
    /// Power zone number (`Z2`).
    Zone,
}

impl PowerUnit {
    /// The Intervals.icu `units` string.
    ///
    /// ```
    /// assert_eq!(workout_doc::PowerUnit::Zone.as_str(), "power_zone");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            PowerUnit::PercentFtp => "%ftp",
            PowerUnit::Watts => "w",
            PowerUnit::Zone => "power_zone",
        }
    }
}

/// What a heart-rate target's numbers mean.
///
/// ```
/// assert_eq!(workout_doc::HrUnit::PercentLthr.as_str(), "%lthr");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum HrUnit {
    /// Percent of maximum heart rate (`70% HR`).
    PercentMax,
    /// Percent of threshold heart rate (`95% LTHR`).
    PercentLthr,
    /// Heart-rate zone number (`Z2 HR`).
    Zone,
}

impl HrUnit {
    /// The Intervals.icu `units` string.
    ///
    /// ```
    /// assert_eq!(workout_doc::HrUnit::PercentMax.as_str(), "%hr");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            HrUnit::PercentMax => "%hr",
            HrUnit::PercentLthr => "%lthr",
            HrUnit::Zone => "hr_zone",
        }
    }
}

/// What a pace target's numbers mean.
///
/// ```
/// use workout_doc::{PaceUnit, PaceLength};
/// assert_eq!(PaceUnit::PercentThreshold.as_str(), "%pace");
/// assert_eq!(PaceUnit::Absolute(Some(PaceLength::Km)).as_str(), "secs/km");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum PaceUnit {
    /// Percent of threshold speed (`80% Pace`; 110% is faster).
    PercentThreshold,
    /// Pace zone number (`Z2 Pace`).
    Zone,
    /// Seconds per distance (`5:00/km Pace` = 300); no length means the sport's own unit.
    Absolute(Option<PaceLength>),
}

impl PaceUnit {
    /// The `units` string: `%pace`, `pace_zone`, or `secs/km`-style for absolute paces
    /// (`secs` alone when no length was written).
    ///
    /// ```
    /// assert_eq!(workout_doc::PaceUnit::Absolute(None).as_str(), "secs");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            PaceUnit::PercentThreshold => "%pace",
            PaceUnit::Zone => "pace_zone",
            PaceUnit::Absolute(None) => "secs",
            PaceUnit::Absolute(Some(l)) => l.units(),
        }
    }
}

/// The distance an absolute pace is measured over.
///
/// ```
/// assert_eq!(workout_doc::PaceLength::Hm.metres(), 100.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum PaceLength {
    /// `/km`.
    Km,
    /// `/mi`.
    Mile,
    /// `/100m`.
    Hm,
    /// `/100y`.
    Hy,
    /// `/250m`.
    M250,
    /// `/400m`.
    M400,
    /// `/500m`.
    M500,
}

impl PaceLength {
    /// Every length, in the order the text language lists them.
    pub const ALL: [PaceLength; 7] = [
        PaceLength::Km,
        PaceLength::Mile,
        PaceLength::Hm,
        PaceLength::Hy,
        PaceLength::M250,
        PaceLength::M400,
        PaceLength::M500,
    ];

    /// The suffix as written in text (`/km`).
    ///
    /// ```
    /// assert_eq!(workout_doc::PaceLength::M500.suffix(), "/500m");
    /// ```
    pub fn suffix(self) -> &'static str {
        crate::text::pace_length(self)
    }

    /// The JSON `units` string (`secs/km`).
    ///
    /// ```
    /// assert_eq!(workout_doc::PaceLength::Mile.units(), "secs/mile");
    /// ```
    pub fn units(self) -> &'static str {
        match self {
            PaceLength::Km => "secs/km",
            PaceLength::Mile => "secs/mile",
            PaceLength::Hm => "secs/100m",
            PaceLength::Hy => "secs/100y",
            PaceLength::M250 => "secs/250m",
            PaceLength::M400 => "secs/400m",
            PaceLength::M500 => "secs/500m",
        }
    }

    /// The Intervals.icu pace display unit of paces over this length, the `pace_units` of a
    /// `workout_doc` (`MINS_KM`, `SECS_100M`, …).
    ///
    /// ```
    /// assert_eq!(workout_doc::PaceLength::Hm.pace_units(), "SECS_100M");
    /// assert_eq!(workout_doc::PaceLength::Mile.pace_units(), "MINS_MILE");
    /// ```
    pub fn pace_units(self) -> &'static str {
        match self {
            PaceLength::Km => "MINS_KM",
            PaceLength::Mile => "MINS_MILE",
            PaceLength::Hm => "SECS_100M",
            PaceLength::Hy => "SECS_100Y",
            PaceLength::M250 => "SECS_250M",
            PaceLength::M400 => "SECS_400M",
            PaceLength::M500 => "SECS_500M",
        }
    }

    /// Metres in the length.
    ///
    /// ```
    /// assert_eq!(workout_doc::PaceLength::Km.metres(), 1000.0);
    /// ```
    pub fn metres(self) -> f64 {
        match self {
            PaceLength::Km => 1000.0,
            PaceLength::Mile => 1609.344,
            PaceLength::Hm => 100.0,
            PaceLength::Hy => 91.44,
            PaceLength::M250 => 250.0,
            PaceLength::M400 => 400.0,
            PaceLength::M500 => 500.0,
        }
    }
}

/// A device averaging window for a target (`power=3s`).
///
/// ```
/// assert_eq!(workout_doc::Smoothing::S3.as_str(), "3s");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Smoothing {
    /// Lap average.
    Lap,
    /// 1 s.
    S1,
    /// 3 s.
    S3,
    /// 10 s.
    S10,
    /// 30 s.
    S30,
}

impl Smoothing {
    /// Every window.
    pub const ALL: [Smoothing; 5] = [
        Smoothing::Lap,
        Smoothing::S1,
        Smoothing::S3,
        Smoothing::S10,
        Smoothing::S30,
    ];

    /// As written after `power=`.
    ///
    /// ```
    /// assert_eq!(workout_doc::Smoothing::Lap.as_str(), "lap");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Smoothing::Lap => "lap",
            Smoothing::S1 => "1s",
            Smoothing::S3 => "3s",
            Smoothing::S10 => "10s",
            Smoothing::S30 => "30s",
        }
    }
}

/// The step type a device shows (`intensity=recovery`).
///
/// ```
/// assert_eq!(workout_doc::StepKind::Recovery.as_str(), "recovery");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum StepKind {
    /// `active`.
    Active,
    /// `rest`.
    Rest,
    /// `warmup`.
    Warmup,
    /// `cooldown`.
    Cooldown,
    /// `recovery`.
    Recovery,
    /// `interval`.
    Interval,
    /// `other`.
    Other,
}

impl StepKind {
    /// Every kind.
    pub const ALL: [StepKind; 7] = [
        StepKind::Active,
        StepKind::Rest,
        StepKind::Warmup,
        StepKind::Cooldown,
        StepKind::Recovery,
        StepKind::Interval,
        StepKind::Other,
    ];

    /// As written after `intensity=` and in JSON.
    ///
    /// ```
    /// assert_eq!(workout_doc::StepKind::Warmup.as_str(), "warmup");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Active => "active",
            StepKind::Rest => "rest",
            StepKind::Warmup => "warmup",
            StepKind::Cooldown => "cooldown",
            StepKind::Recovery => "recovery",
            StepKind::Interval => "interval",
            StepKind::Other => "other",
        }
    }

    /// Reads a kind name (any case).
    ///
    /// ```
    /// use workout_doc::StepKind;
    /// assert_eq!(StepKind::from_name("Rest"), Some(StepKind::Rest));
    /// ```
    pub fn from_name(name: &str) -> Option<StepKind> {
        StepKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(name))
    }
}

/// What every reader returns: the workout, and warnings about input it kept only in part.
///
/// ```
/// let parsed = workout_doc::text::parse("- 10m 60% ??")?;
/// assert_eq!(parsed.workout.steps.len(), 1);
/// assert_eq!(parsed.warnings.len(), 1);
/// # Ok::<(), workout_doc::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The workout read.
    pub workout: Workout,
    /// What was dropped, replaced or not understood, with positions.
    pub warnings: Vec<crate::error::Warning>,
    /// The thresholds the input records: an `.erg` / `.mrc` `FTP =` header; a JSON record's
    /// `ftp`, `lthr`, `max_hr`, `threshold_pace` (m/s), in its `athlete` object, at its top
    /// or in its `workout_doc`. [`Athlete::with_defaults`](crate::Athlete::with_defaults)
    /// takes them where the caller gives none.
    pub thresholds: crate::athlete::Thresholds,
}
