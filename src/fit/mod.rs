//! Garmin FIT workout files: [`write`] a [`Workout`] for Garmin, Wahoo, Hammerhead and Coros
//! devices, [`read`] one back. The bytes are encoded and decoded by the `rustyfit` crate
//! (Garmin's FIT profile 21.218); this module maps the step tree to FIT's `file_id`,
//! `workout` and `workout_step` messages and back.
//!
//! ```
//! use workout_doc::{fit, text, Athlete, Step};
//! let w = text::parse("- 20m 60%\n\nMain set 4x\n- 8m 110%\n- 8m 50%\n\n- 10m 60%\n")?.workout;
//! let out = fit::write(&w, &Athlete::no_thresholds())?;
//! assert_eq!(&out.file[8..12], b".FIT");
//! let back = fit::read(&out.file)?.workout;
//! assert!(matches!(&back.steps[1], Step::Repeat(r) if r.reps == 4 && r.steps.len() == 2));
//! # Ok::<(), workout_doc::Error>(())
//! ```
//!
//! # Mapping
//! | step tree | FIT |
//! |---|---|
//! | [`Workout::name`] | `workout.wkt_name` |
//! | [`Workout::sport`] (else the athlete's) | `workout.sport`: `Rowing` → rowing, `Walk` → walking, `Hike` → hiking, `NordicSki` → cross-country skiing, `WeightTraining` → training; else by family: rides → cycling, runs → running, swims → swimming, other types and none → generic (read back as `Run`, `Ride`, `Swim` and the types named) |
//! | [`Workout::description`] | `workout.wkt_description` |
//! | time step | `duration_type` time, `duration_value` in ms |
//! | distance step | `duration_type` distance, `duration_value` in cm (read back in km when a whole number of km, else in metres) |
//! | `Press lap` | `duration_type` open (the step's length, if any, is left out with a warning) |
//! | repeat block | its steps, then a step `repeat_until_steps_cmplt` whose `duration_value` is the index of the block's first step and `target_value` the repeat count; a header other than `Nx` in its `notes` |
//! | step text | `notes` |
//! | `intensity=` | `intensity`; else the warm-up / cool-down flag as warmup / cooldown; else none (the device's "active") |
//! | power | `power` (`power_3s`, `_10s`, `_30s`, `_lap` for `power=3s`…): watts + 1000 when the athlete's FTP is known (or the target is in watts), else % of FTP; zones as their watt band, else as the zone number |
//! | heart rate | `heart_rate` (`_lap`): bpm + 100 when the threshold it is relative to (max HR, LTHR, zones) is known, else % of max HR; zones as their bpm band, else as the zone number; % of LTHR without an LTHR is left out |
//! | pace | `speed` (`_lap`) in mm/s (low = the slower end): absolute paces always, % of threshold and zones with a threshold pace, else zones as the zone number; % without a threshold is left out |
//! | cadence | `cadence` in rpm, the **secondary** target beside power, heart rate or pace |
//!
//! A step holds two targets: the first of power, heart rate and pace, and beside it cadence
//! (else the next of them); any other target is left out with a warning.
//!
//! **Single values become ranges.** A device compares the rider to a range; a single value
//! is widened by [`Options::spread`], ±[`Spread::DEFAULT`] (3 %, as Intervals.icu widens
//! outdoor power) unless set (`Spread::Percent(0.0)` writes the value alone). Values are
//! rounded to FIT's whole units (W, %, bpm, rpm, mm/s); watts below 1 are written as 1 W
//! and bpm below 1 as 1 bpm, since FIT reads lower numbers as percents.
//!
//! **Ramps are written as ranges** (from the lower to the higher end, which the device
//! shows as the band to stay in), not as stepped parts, so that a ramp stays one step
//! against the device's step limit; each is a warning. So are the flags FIT has no place
//! for (free ride, max effort, hidden power), smoothing windows other than `3s`, `10s`,
//! `30s` and `lap` for power and `lap` for heart rate and pace, the workout's author,
//! category, subcategory, tags and notes after the description, and text past FIT's
//! 254-byte strings (cut at a character boundary). A workout of more than 50 FIT steps
//! (repeat steps included) is a warning: Garmin Edge devices accept about 50.
//!
//! The file is deterministic: `file_id` is type workout, manufacturer development, product
//! name `workout-doc`, a serial number made from the file's contents, and a creation time
//! only when [`Options::created`] is set.
//!
//! # Reading
//! (With the `fit` feature; `fit-write` alone writes only.) [`read`] takes the same mapping backwards. A custom power range up to 1000 is % of FTP,
//! above it watts; heart rate up to 100 is % of max HR, above it bpm, which the step tree
//! holds as % of max HR: [`read_with`] converts bpm with the athlete's max HR, and without
//! one they are left out with a warning. Speeds become paces per km (per 100 m for swims)
//! in whole seconds. Durations are rounded to whole seconds. Equal low and high give a
//! single value. Other duration kinds (calories, heart rate, power) read as `Press lap`,
//! other repeat kinds as one pass, nested repeats written out, other messages, fields and
//! targets left out, each with a warning.
//!
//! # Safety
//! Errors name the byte offset and what was expected there (as the message, and as the
//! position: line 1, column offset + 1). Input over
//! [`MAX_INPUT_BYTES`](crate::limits::MAX_INPUT_BYTES), more than
//! [`MAX_STEPS`](crate::limits::MAX_STEPS) steps, repeat counts over
//! [`MAX_REPEATS`](crate::limits::MAX_REPEATS) and steps longer than the limits in
//! [`crate::limits`] are errors; the file is decoded as a stream, so memory stays
//! proportional to the steps kept, not to the messages read.

#[cfg(feature = "fit")]
mod read;
mod write;

use crate::athlete::Athlete;
use crate::codec::Written;
use crate::error::Error;
#[cfg(feature = "fit")]
use crate::model::Parsed;
use crate::model::{Smoothing, Sport, StepKind, Workout};
use std::fmt;

/// How far either side of a single target value the range written for the device reaches.
///
/// ```
/// use workout_doc::fit::Spread;
/// assert_eq!(Spread::parse("5%"), Some(Spread::Percent(5.0)));
/// assert_eq!(Spread::parse("10W"), Some(Spread::Watts(10.0)));
/// assert_eq!(Spread::Percent(2.5).to_string(), "2.5%");
/// assert_eq!(Spread::parse("lots"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Spread {
    /// ± this percent of the value, for every target (`5%`).
    Percent(f64),
    /// ± this many watts around a power value (`10W`); heart rate, pace and cadence values
    /// get ±[`Spread::DEFAULT`]. Power written as % of FTP (no FTP known) gets the default
    /// too, with a warning.
    Watts(f64),
}

impl Spread {
    /// ±3 %: the range Intervals.icu gives a single power value for outdoor rides.
    pub const DEFAULT: Spread = Spread::Percent(3.0);

    /// Reads `5%`, `2.5 %`, `10W` or `10 w` (any case); `0` means no widening. Percents
    /// must be below 100, watts at most [`MAX_TARGET_VALUE`](crate::limits::MAX_TARGET_VALUE).
    ///
    /// ```
    /// use workout_doc::fit::Spread;
    /// assert_eq!(Spread::parse(" 0 "), Some(Spread::Percent(0.0)));
    /// assert_eq!(Spread::parse("100%"), None);
    /// ```
    pub fn parse(s: &str) -> Option<Spread> {
        let s = s.trim();
        let (number, spread): (&str, fn(f64) -> Spread) = if let Some(n) = s.strip_suffix('%') {
            (n, Spread::Percent)
        } else if let Some(n) = s.strip_suffix(['W', 'w']) {
            (n, Spread::Watts)
        } else {
            (s, Spread::Percent)
        };
        let v = crate::decimal::parse(number.trim())?;
        let spread = spread(v);
        let max = match spread {
            Spread::Percent(_) => 100.0,
            Spread::Watts(_) => crate::limits::MAX_TARGET_VALUE + 1.0,
        };
        (v.is_finite() && v >= 0.0 && v < max).then_some(spread)
    }
}

impl Default for Spread {
    fn default() -> Self {
        Spread::DEFAULT
    }
}

impl fmt::Display for Spread {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Spread::Percent(p) => write!(f, "{p}%"),
            Spread::Watts(w) => write!(f, "{w}W"),
        }
    }
}

/// How [`write_with_options`] writes a file.
///
/// ```
/// use workout_doc::fit::{Options, Spread};
/// let o = Options { spread: Spread::Watts(10.0), ..Options::default() };
/// assert_eq!(o.created, None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Options {
    /// The range around single target values ([`Spread::DEFAULT`] by default).
    pub spread: Spread,
    /// When the file was made, in seconds since the Unix epoch (`file_id.time_created`);
    /// `None` (the default) leaves it out, so one workout always gives the same bytes.
    pub created: Option<i64>,
}

/// Writes a FIT workout file for `athlete` with the default [`Options`], with warnings for
/// what FIT cannot hold (see the module docs).
///
/// ```
/// use workout_doc::{fit, text, Athlete};
/// let w = text::parse("- 10m 200w 90rpm")?.workout;
/// let out = fit::write(&w, &Athlete::default())?;
/// assert!(out.file.starts_with(&[14, 0x20]) && out.warnings.is_empty());
/// # Ok::<(), workout_doc::Error>(())
/// ```
///
/// # Errors
/// More FIT steps than FIT's message indexes hold (4096), and lengths FIT cannot hold (a
/// time over about 49 days, a distance over about 42,900 km), as
/// [`Limit`](crate::ErrorKind::Limit) errors.
pub fn write(w: &Workout, athlete: &Athlete) -> Result<Written<Vec<u8>>, Error> {
    write_with_options(w, athlete, &Options::default())
}

/// [`write`] with [`Options`]: the range around single values, the creation time.
///
/// ```
/// use workout_doc::{fit, text, Athlete, Amount, PowerUnit, Step};
/// let w = text::parse("- 10m 200w")?.workout;
/// let o = fit::Options { spread: fit::Spread::Watts(10.0), ..Default::default() };
/// let back = fit::read(&fit::write_with_options(&w, &Athlete::default(), &o)?.file)?.workout;
/// let Step::Interval(i) = &back.steps[0] else { unreachable!() };
/// let power = i.power.as_ref().unwrap();
/// assert_eq!((power.units, power.amount), (PowerUnit::Watts, Amount::Range { start: 190.0, end: 210.0 }));
/// # Ok::<(), workout_doc::Error>(())
/// ```
///
/// # Errors
/// As [`write`].
pub fn write_with_options(
    w: &Workout,
    athlete: &Athlete,
    options: &Options,
) -> Result<Written<Vec<u8>>, Error> {
    write::write(w, athlete, options)
}

/// Reads a FIT workout file. Heart-rate targets in bpm are left out with a warning: the
/// step tree holds heart rate relative to a threshold (use [`read_with`]).
///
/// ```
/// use workout_doc::{fit, text, Athlete};
/// let w = text::parse("- 5m 65%")?.workout;
/// let bytes = fit::write_with_options(&w, &Athlete::no_thresholds(),
///     &fit::Options { spread: fit::Spread::Percent(0.0), ..Default::default() })?.file;
/// assert_eq!(text::write(&fit::read(&bytes)?.workout), "- 5m 65%\n");
/// assert!(fit::read(b"not a fit file").unwrap_err().message().contains("at byte 0"));
/// # Ok::<(), workout_doc::Error>(())
/// ```
///
/// # Errors
/// A file that is not FIT, is cut short, fails its CRC, is not a workout file or has
/// repeat steps that point nowhere, and the limits above, each naming the byte offset.
#[cfg(feature = "fit")]
pub fn read(bytes: &[u8]) -> Result<Parsed, Error> {
    read_with(bytes, &Athlete::no_thresholds())
}

/// [`read`] for an athlete whose maximum heart rate turns bpm targets into % of max HR.
///
/// ```
/// use workout_doc::{fit, text, Athlete};
/// let w = text::parse("- 5m 80% HR")?.workout;
/// let a = Athlete { max_hr: Some(200.0), ..Athlete::default() };
/// let o = fit::Options { spread: fit::Spread::Percent(0.0), ..Default::default() };
/// let bytes = fit::write_with_options(&w, &a, &o)?.file; // 160 bpm
/// assert_eq!(text::write(&fit::read_with(&bytes, &a)?.workout), "- 5m 80% HR\n");
/// # Ok::<(), workout_doc::Error>(())
/// ```
///
/// # Errors
/// As [`read`].
#[cfg(feature = "fit")]
pub fn read_with(bytes: &[u8], athlete: &Athlete) -> Result<Parsed, Error> {
    read::read(bytes, athlete)
}

/// FIT `sport` codes of the activity types FIT has a sport for, the family's own first (a
/// code reads back as the first type with it; 0, generic, is none of them).
const SPORTS: [(Sport, u8); 8] = [
    (Sport::Run, 1),
    (Sport::Ride, 2),
    (Sport::Swim, 5),
    (Sport::Row, 15),
    (Sport::named("Walk"), 11),
    (Sport::named("Hike"), 17),
    (Sport::named("NordicSki"), 12),
    (Sport::named("WeightTraining"), 10),
];

/// FIT `intensity` codes of the step kinds (`intensity=`).
const KINDS: [(StepKind, u8); 7] = [
    (StepKind::Active, 0),
    (StepKind::Rest, 1),
    (StepKind::Warmup, 2),
    (StepKind::Cooldown, 3),
    (StepKind::Recovery, 4),
    (StepKind::Interval, 5),
    (StepKind::Other, 6),
];

/// FIT's power target types by smoothing window (`power=3s` → `power_3s`).
const POWER_WINDOWS: [(Smoothing, u8); 4] = [
    (Smoothing::S3, 7),
    (Smoothing::S10, 8),
    (Smoothing::S30, 9),
    (Smoothing::Lap, 10),
];

/// Power numbers above this are watts + 1000; up to it, % of FTP.
const WATTS_OFFSET: u32 = 1000;
/// Heart-rate numbers above this are bpm + 100; up to it, % of max HR.
const BPM_OFFSET: u32 = 100;
/// Longest FIT string in bytes, before its terminating zero (fields hold 255 bytes).
const MAX_STRING_BYTES: usize = 254;
/// Most steps a FIT workout can number: `message_index` keeps 12 bits.
const MAX_FIT_STEPS: usize = 0x1000;
/// Steps a Garmin Edge accepts in one workout (about).
const DEVICE_STEPS: usize = 50;
