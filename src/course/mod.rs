//! The one reader and writer for the `[COURSE HEADER]` / `[COURSE DATA]` / `[COURSE TEXT]`
//! structure of `.mrc` and `.erg` files; [`crate::mrc`] and [`crate::erg`] supply the units.
//!
//! Reading: the data points are a piecewise-linear profile. Times are rounded to whole
//! seconds; a segment between two points with equal values is a steady step, with
//! different values a ramp; two points at the same time are a step boundary; neighbouring
//! steady steps of equal value merge. Cue lines in `[COURSE TEXT]` (absolute seconds,
//! text, optional display seconds) become timed prompts on the step they fall in, and
//! TrainerRoad's `[INTERVAL DATA]` names (start and end seconds, name) become the text of
//! the step that spans exactly that stretch.
//! Writing emits two points per step (repeats unrolled), minutes with enough decimals to
//! give back the same whole seconds, and `[COURSE TEXT]` for step text.

mod read;
mod write;

pub(crate) use read::read;
pub(crate) use write::write;

/// What the numbers in `[COURSE DATA]` mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Units {
    /// Percent of FTP (`MINUTES PERCENT`, `MINUTES FTP`, `MINUTES PERCENTAGE`).
    Percent,
    /// Watts (`MINUTES WATTS`).
    Watts,
}

/// One course format: its name in messages and the units it writes (and reads when the
/// header does not say).
pub(crate) struct Format {
    pub(crate) name: &'static str,
    pub(crate) units: Units,
}
