//! # workout-doc
//!
//! Structured workouts as text and files: the plain-text workout language of Intervals.icu
//! (`Main set 4x` / `- 8m 110% 90rpm`), Zwift `.zwo`, and `.mrc` / `.erg` course files, all
//! read into one step tree ([`Workout`]) and written back from it, plus the JSON shape the
//! Intervals.icu API uses (`icu`, with the `serde` feature).
//!
//! ```
//! use workout_doc::{text, Step};
//! let src = "Warmup\n- 10m ramp 50-75%\n\nMain set 4x\n- 8m 110%\n- 8m 50%\n\n- 10m 60%\n";
//! let w = text::parse(src)?.workout;
//! assert_eq!(w.steps.len(), 3);
//! assert!(matches!(&w.steps[1], Step::Repeat(r) if r.reps == 4));
//! assert_eq!(text::write(&w), src);
//! # Ok::<(), workout_doc::Error>(())
//! ```
//!
//! ## Features
//! - `serde` (default): serde derives on the model and the [`icu`] JSON module.
//! - `fit` (default): FIT workout files ([`fit`], [`Format::Fit`]), written and read through
//!   the `rustyfit` crate.
//! - `fit-write` (in `fit`): writing FIT only ([`fit::write`]), without rustyfit's decoder:
//!   what the size-bound `.wasm` package builds with.

pub mod athlete;
mod codec;
mod course;
mod decimal;
pub mod erg;
mod error;
#[cfg(feature = "fit-write")]
pub mod fit;
mod format;
#[cfg(feature = "serde")]
pub mod icu;
pub mod limits;
mod load;
mod model;
pub mod mrc;
mod order;
mod prompt;
pub mod render;
mod span;
mod sport;
mod summary;
pub mod syntax;
pub mod text;
pub mod zones;
pub mod zwo;

pub use athlete::Athlete;
pub use codec::{Output, Written};
pub use error::{decode_utf8, printable, Error, ErrorKind, Warning};
pub use format::Format;
pub use model::{
    Amount, DistanceUnit, HrUnit, Interval, Length, Note, PaceLength, PaceUnit, Parsed, PowerUnit,
    Prompt, Repeat, Smoothing, Sport, SportFamily, Step, StepKind, Target, Workout,
};
pub use span::{Position, Span};
pub use summary::{LoadBasis, Summary, ZoneTime};

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
