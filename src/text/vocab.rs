//! The words of the workout text language, each spelled once: the reader ([`super::token`],
//! [`super::step`] and the line rules in [`super`]) recognises them, and the writer
//! ([`super::writer`]) writes them, from here. The reader takes every word in any ASCII
//! case; the writer spells it as here. How to add one: [`crate::syntax`].
//!
//! The values of settings (`recovery`, `1s`) are the model's own names
//! ([`StepKind::as_str`](crate::StepKind::as_str),
//! [`Smoothing::as_str`](crate::Smoothing::as_str)), which the JSON shares.

use crate::model::{DistanceUnit, Interval, PaceLength};

/// Percent after a number: of FTP (`75%`), or of what the next word names (`70% HR`).
pub(super) const PERCENT: &str = "%";
/// Watts after a number: `220w`.
pub(super) const WATTS: &str = "w";
/// Cadence, after a number (`90rpm`) or as the next word (`90 rpm`).
pub(super) const RPM: &str = "rpm";
/// Before a zone number: `Z2`, `Z3-Z4`.
pub(super) const ZONE: &str = "Z";
/// After a percent or zone: of maximum heart rate, or a heart-rate zone (`70% HR`, `Z2 HR`).
pub(super) const HR: &str = "HR";
/// After a percent: of threshold heart rate (`95% LTHR`).
pub(super) const LTHR: &str = "LTHR";
/// After a percent, zone or clock: a pace target (`80% Pace`, `Z2 Pace`, `5:00/km Pace`).
pub(super) const PACE: &str = "Pace";

/// A unit of a duration: `1h2m30s`, `20min`, `1'30"`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct TimeUnit {
    pub(super) word: &'static str,
    pub(super) seconds: u64,
    /// `'` and `"`: not mixed with the letter units in one duration.
    pub(super) quote: bool,
}

/// Hours, as written.
pub(super) const HOURS: TimeUnit = time_unit("h", 3600, false);
/// Minutes, as written (`m`; never metres, which are `mtr`).
pub(super) const MINUTES: TimeUnit = time_unit("m", 60, false);
/// Seconds, as written.
pub(super) const SECONDS: TimeUnit = time_unit("s", 1, false);

/// Every duration unit the reader takes.
pub(super) const TIME_UNITS: [TimeUnit; 6] = [
    HOURS,
    MINUTES,
    time_unit("min", 60, false),
    SECONDS,
    time_unit("'", 60, true),
    time_unit("\"", 1, true),
];

const fn time_unit(word: &'static str, seconds: u64, quote: bool) -> TimeUnit {
    TimeUnit {
        word,
        seconds,
        quote,
    }
}

/// Every distance unit the reader takes, each written as [`distance_unit`] spells it.
pub(super) const DISTANCE_UNITS: [DistanceUnit; 4] = [
    DistanceUnit::Kilometre,
    DistanceUnit::Metre,
    DistanceUnit::Mile,
    DistanceUnit::Yard,
];

/// The word of a distance unit, after its number: `2km`, `500mtr`, `1mi`, `100yd`.
pub(crate) fn distance_unit(unit: DistanceUnit) -> &'static str {
    match unit {
        DistanceUnit::Metre => "mtr",
        DistanceUnit::Kilometre => "km",
        DistanceUnit::Mile => "mi",
        DistanceUnit::Yard => "yd",
    }
}

/// The length after an absolute pace (the reader takes every [`PaceLength::ALL`]): `5:00/km`, `1:45/100m`.
pub(crate) fn pace_length(length: PaceLength) -> &'static str {
    match length {
        PaceLength::Km => "/km",
        PaceLength::Mile => "/mi",
        PaceLength::Hm => "/100m",
        PaceLength::Hy => "/100y",
        PaceLength::M250 => "/250m",
        PaceLength::M400 => "/400m",
        PaceLength::M500 => "/500m",
    }
}

/// A word that sets one of an interval's flags.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Flag {
    Ramp,
    Freeride,
    MaxEffort,
    HidePower,
    PressLap,
}

impl Flag {
    /// Every flag, in the order the writer writes them (`ramp` after the length, the rest
    /// after the targets).
    pub(super) const ALL: [Flag; 5] = [
        Flag::Ramp,
        Flag::Freeride,
        Flag::MaxEffort,
        Flag::HidePower,
        Flag::PressLap,
    ];

    /// As written; `Press lap` is two words.
    pub(super) fn word(self) -> &'static str {
        match self {
            Flag::Ramp => "ramp",
            Flag::Freeride => "freeride",
            Flag::MaxEffort => "maxeffort",
            Flag::HidePower => "hidepower",
            Flag::PressLap => "Press lap",
        }
    }

    /// The field of `step` the flag sets.
    pub(super) fn field(self, step: &mut Interval) -> &mut bool {
        match self {
            Flag::Ramp => &mut step.ramp,
            Flag::Freeride => &mut step.freeride,
            Flag::MaxEffort => &mut step.maxeffort,
            Flag::HidePower => &mut step.hidepower,
            Flag::PressLap => &mut step.until_lap_press,
        }
    }

    /// Whether `step` has the flag.
    pub(super) fn is_set(self, step: &Interval) -> bool {
        match self {
            Flag::Ramp => step.ramp,
            Flag::Freeride => step.freeride,
            Flag::MaxEffort => step.maxeffort,
            Flag::HidePower => step.hidepower,
            Flag::PressLap => step.until_lap_press,
        }
    }
}

/// The key of the step-type setting: `intensity=recovery`.
pub(super) const INTENSITY_KEY: &str = "intensity";
/// The keys of the smoothing settings of the power, heart-rate and pace targets:
/// `power=1s`, `hr=3s`, `pace=lap`.
pub(super) const POWER_KEY: &str = "power";
/// See [`POWER_KEY`].
pub(super) const HR_KEY: &str = "hr";
/// See [`POWER_KEY`].
pub(super) const PACE_KEY: &str = "pace";
/// Between a setting's key and value.
pub(super) const SETTING_SIGN: &str = "=";

/// The header line of a warm-up section (also read as `Warm up`, `warm-up`, `WARM_UP`).
pub(super) const WARMUP: &str = "Warmup";
/// The header line of a cool-down section (also read as `Cool down`, `cool-down`).
pub(super) const COOLDOWN: &str = "Cooldown";
/// What the reader drops from a line before comparing it with the section headers.
pub(super) const SECTION_FILLERS: [u8; 3] = [b' ', b'-', b'_'];
/// The key of the category line, before a `:`: `Category: Endurance`.
pub(super) const CATEGORY: &str = "Category";
/// After the count that ends a repeat header: `Main set 4x`.
pub(super) const REPEAT: &str = "x";
