//! Zwift workout files (`.zwo`, XML): [`read`] into a [`Workout`], [`write()`] one back.
//!
//! ```
//! use workout_doc::{text, zwo};
//! let xml = r#"<workout_file>
//!     <name>Sweet spot</name>
//!     <workout>
//!         <Warmup Duration="600" PowerLow="0.5" PowerHigh="0.75"/>
//!         <IntervalsT Repeat="3" OnDuration="600" OffDuration="300" OnPower="0.9" OffPower="0.55"/>
//!     </workout>
//! </workout_file>"#;
//! let w = zwo::read(xml)?.workout;
//! assert_eq!(w.name.as_deref(), Some("Sweet spot"));
//! assert_eq!(
//!     text::write(&w),
//!     "Warmup\n- 10m ramp 50-75%\n\nMain set 3x\n- 10m 90%\n- 5m 55%\n"
//! );
//! assert_eq!(zwo::read(&zwo::write(&w)?)?.workout, w);
//! # Ok::<(), workout_doc::Error>(())
//! ```
//!
//! # Mapping
//! | `.zwo` | step tree |
//! |---|---|
//! | `<name>`, `<author>`, `<category>`, `<subcategory>`, `<tags><tag name>` | the [`Workout`] fields of the same name |
//! | `<description>` | a [`Note`](crate::Note) before the first step ([`Workout::description`]) |
//! | `<sportType>` | [`Workout::sport`]: `bike` for every ride type, `run` for every run type (their pace targets written as `Power`), other types by name in lowercase (`swim`, `rowing`); read back in any case, `bike` as `Ride` |
//! | `<durationType>distance` | every `Duration` (and text-event `distoffset`) is metres |
//! | `SteadyState`, `SolidState` | a step; `Power` is a fraction of FTP → %FTP × 100; `PowerLow`/`PowerHigh` → a %FTP range (a value when equal once rounded to percents with four decimals) |
//! | `Warmup`, `Cooldown`, `Ramp` | a ramp `PowerLow` → `PowerHigh` as written (high below low = downward); warm-up / cool-down flag; equal ends → a steady step |
//! | `IntervalsT` | a repeat block `Main set {Repeat}x` of an on and an off step; `Cadence` on, `CadenceResting` off; `PowerOnLow/High`… as ranges, `PowerOnZone`… as zones |
//! | `FreeRide` / `Freeride` | a free-ride step (`Power`, if any, kept) |
//! | `MaxEffort` | a max-effort step |
//! | `Zone` without `Power…` | a power-zone target |
//! | `Cadence`, `CadenceLow`/`CadenceHigh` | cadence value or range |
//! | `Distance` on a block (seen in rowing files) | a distance step in metres |
//! | `textevent` / `TextEvent` in a block | a timed prompt on that step (`timeoffset` from the block start, `duration`), joined into the step text with [`Prompt::join`](crate::Prompt::join); a message with a word like `60^`, which starts a new prompt in step text, gets a warning |
//! | `Text` attribute | a prompt at 0 s |
//!
//! In run workouts (`sportType` run) `Power` is a fraction of threshold pace and becomes a
//! `%` pace target. Element and attribute names match in any case. Durations are rounded to
//! whole seconds; percents keep four decimals (so `0.85000002` reads as 85%).
//!
//! Text events in an `IntervalsT` count from the start of the whole block. When they all
//! fall in the first on+off cycle the block is a repeat with the events on its two steps;
//! when some fall later, the block is read written out step by step (on, off, on, off, …)
//! so that each event shows once, where it was meant, with a warning. A text event directly
//! under `<workout>` (a common slip: the block was closed too early) belongs to the block
//! before it, with a warning. `RestDay`, `TextNotification` and other unknown elements and
//! attributes are warnings. Zwift's own bookkeeping (`uniqueId`, `legacyIdHash`, `pace`,
//! `show_avg`, `FlatRoad`, `locIndex`, …) is left out without a warning.
//!
//! Writing gives an indented file with `SteadyState`, `Warmup`/`Cooldown`/`Ramp` for ramps
//! (by the step's flag), `IntervalsT` for repeat blocks of two plain steps, `FreeRide`,
//! `MaxEffort` and `textevent`s (in time order within their block, as readers file them,
//! whatever the order of the prompts in the step text). What `.zwo` cannot hold is a warning: heart-rate targets,
//! prompts without words (a text event needs a message), notes after the first, repeat headers other than `Nx`, and repeat blocks that are not two
//! plain steps, which are **written unrolled** (as the same steps one after the other,
//! which Zwift rides the same). A range on a steady step is written as its midpoint in
//! `Power` (what Zwift rides) with `PowerLow`/`PowerHigh` kept beside it, so it reads back.
//! Watts need the athlete's FTP (an [`ErrorKind::Missing`](crate::ErrorKind::Missing)
//! error without one).
//!
//! # Safety
//! Reading never expands entities declared in a `DOCTYPE`: such a reference in text is
//! left out with a warning, and an attribute value holding one is kept as written, with a
//! warning. The five predefined entities and character references are resolved. Nesting past [`MAX_XML_DEPTH`](crate::limits::MAX_XML_DEPTH), more than
//! [`MAX_STEPS`](crate::limits::MAX_STEPS) blocks and input over
//! [`MAX_INPUT_BYTES`](crate::limits::MAX_INPUT_BYTES) are errors.

mod blocks;
mod read;
mod write;

/// The longest element or attribute name the reader looks for, with room to spare.
const NAME_MAX: usize = 24;

/// `name` in ASCII lower case, in `buf`, to compare with the lower-case names the reader
/// knows by plain equality: lowered once, a name is then compared with each known one in
/// about a quarter of the instructions of comparing in any case (1.2% fewer instructions a
/// `.zwo` corpus pass). A name too long to be one of them is empty, which none is.
fn lower<'b>(name: &str, buf: &'b mut [u8; NAME_MAX]) -> &'b [u8] {
    let Some(lower) = buf.get_mut(..name.len()) else {
        return &[];
    };
    lower.copy_from_slice(name.as_bytes());
    lower.make_ascii_lowercase();
    lower
}

use crate::athlete::Athlete;
use crate::codec::Written;
use crate::error::Error;
use crate::model::{Parsed, Workout};

/// Reads a `.zwo` file.
///
/// ```
/// let xml = r#"<workout_file><workout><SteadyState Duration="300" Power="0.65"/></workout></workout_file>"#;
/// let w = workout_doc::zwo::read(xml)?.workout;
/// assert_eq!(workout_doc::text::write(&w), "- 5m 65%\n");
/// # Ok::<(), workout_doc::Error>(())
/// ```
///
/// # Errors
/// Malformed XML, an empty file, a document without `<workout>`, a block without its
/// duration, bad numbers, and the limits above are errors with a line and column.
pub fn read(src: &str) -> Result<Parsed, Error> {
    read::read(src)
}

/// Writes a `.zwo` file (see the module docs for what it cannot hold). No FTP is assumed
/// (not even [`Athlete::default`]'s): for watts targets use [`write_with`].
///
/// ```
/// let w = workout_doc::text::parse("- 5m 65%")?.workout;
/// let xml = workout_doc::zwo::write(&w)?;
/// assert!(xml.contains(r#"<SteadyState Duration="300" Power="0.65"/>"#));
/// # Ok::<(), workout_doc::Error>(())
/// ```
///
/// # Errors
/// Watts targets need an FTP: use [`write_with`].
pub fn write(w: &Workout) -> Result<String, Error> {
    write_with(w, &no_ftp()).map(|out| out.file)
}

/// Writes a `.zwo` file for an athlete (whose FTP turns watts into fractions of FTP), with
/// warnings for what `.zwo` cannot hold.
///
/// ```
/// use workout_doc::{text, zwo, Athlete};
/// let w = text::parse("- 5m 75% HR")?.workout;
/// let out = zwo::write_with(&w, &Athlete::default())?;
/// assert_eq!(out.warnings[0].message, "heart-rate target left out: .zwo has none (step 1)");
/// # Ok::<(), workout_doc::Error>(())
/// ```
///
/// # Errors
/// A watts target without `athlete.ftp` is an [`ErrorKind::Missing`](crate::ErrorKind::Missing)
/// error; so is a repeat that would unroll past [`MAX_STEPS`](crate::limits::MAX_STEPS)
/// blocks (a [`Limit`](crate::ErrorKind::Limit) error).
pub fn write_with(w: &Workout, athlete: &Athlete) -> Result<Written, Error> {
    write::write(w, athlete)
}

/// The default athlete without an FTP: [`write`] never guesses one.
fn no_ftp() -> Athlete {
    Athlete {
        ftp: None,
        ..Athlete::default()
    }
}
