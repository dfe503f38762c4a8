//! `.mrc` course files: power as percent of FTP (`MINUTES PERCENT`), read and written by
//! the one course reader/writer shared with [`crate::erg`].
//!
//! ```
//! use workout_doc::{mrc, text};
//! let src = "[COURSE HEADER]\nMINUTES PERCENT\n[END COURSE HEADER]\n[COURSE DATA]\n\
//!            0\t50\n10\t75\n10\t90\n15\t90\n[END COURSE DATA]\n";
//! let w = mrc::read(src)?.workout;
//! assert_eq!(text::write(&w), "- 10m ramp 50-75%\n- 5m 90%\n");
//! assert_eq!(mrc::read(&mrc::write(&w)?)?.workout, w);
//! # Ok::<(), workout_doc::Error>(())
//! ```
//!
//! # Mapping
//! `MINUTES PERCENT`, `MINUTES FTP` and `MINUTES PERCENTAGE` read as %FTP, `MINUTES WATTS`
//! as watts (a header-less file is %FTP). `DESCRIPTION` is the first note
//! ([`Workout::description`]), `FILE NAME` the [`Workout::name`]. Segments between points
//! become steps of whole seconds: equal values a steady step (equal neighbours merged),
//! different values a ramp. `[COURSE TEXT]` cues become timed prompts in the step text (a
//! cue with a word like `60^`, which starts a new prompt in step text, gets a warning), and
//! `[INTERVAL DATA]` names the text of the step they span exactly (else a warning).
//! Comments (`;`), blank lines, CRLF or CR line ends, tabs or spaces, and missing `[END …]`
//! lines are accepted; `LAP` lines and unknown sections are warnings. An `FTP =` header is
//! kept as [`Parsed::thresholds`].
//!
//! Writing gives `MINUTES PERCENT` with two points per step (minutes with 2 or 4 decimals
//! so whole seconds come back), repeats unrolled, step text as `[COURSE TEXT]` in time
//! order (a prompt at or after its step's end is left out with a warning: readers file a
//! cue under the step its time falls in, which would be a later one). Watts need
//! the athlete's FTP (an [`ErrorKind::Missing`](crate::ErrorKind::Missing) error without
//! one); a range is written as its midpoint, a step without power at 70% (GoldenCheetah's
//! free-ride value), and cadence, heart rate, pace and flags are left out, each with a
//! warning.

use crate::athlete::Athlete;
use crate::codec::Written;
use crate::course::{self, Format, Units};
use crate::error::Error;
use crate::model::{Parsed, Workout};

const MRC: Format = Format {
    name: "mrc",
    units: Units::Percent,
};

/// Reads an `.mrc` file.
///
/// ```
/// let src = "[COURSE DATA]\n0 60\n20 60\n[END COURSE DATA]\n";
/// let w = workout_doc::mrc::read(src)?.workout;
/// assert_eq!(workout_doc::text::write(&w), "- 20m 60%\n");
/// # Ok::<(), workout_doc::Error>(())
/// ```
///
/// # Errors
/// An empty file, no `[COURSE DATA]` (or fewer than two points), a bad number, minutes
/// that go backwards, and the limits in [`crate::limits`] are errors with a position.
pub fn read(src: &str) -> Result<Parsed, Error> {
    course::read(src, &MRC)
}

/// Writes an `.mrc` file. No FTP is assumed (not even [`Athlete::default`]'s): for watts
/// targets use [`write_with`].
///
/// ```
/// let w = workout_doc::text::parse("- 90s 60%")?.workout;
/// let out = workout_doc::mrc::write(&w)?;
/// assert!(out.contains("MINUTES PERCENT\n") && out.contains("0.00\t60\n1.50\t60\n"));
/// # Ok::<(), workout_doc::Error>(())
/// ```
///
/// # Errors
/// Watts targets need an FTP (use [`write_with`]); distance steps cannot be written.
pub fn write(w: &Workout) -> Result<String, Error> {
    write_with(w, &no_ftp()).map(|out| out.file)
}

/// Writes an `.mrc` file for an athlete (whose FTP turns watts into percent), with
/// warnings for what `.mrc` cannot hold.
///
/// ```
/// use workout_doc::{mrc, text, Athlete};
/// let w = text::parse("- 10m 200w 90rpm")?.workout;
/// let out = mrc::write_with(&w, &Athlete { ftp: Some(250.0), ..Default::default() })?;
/// assert!(out.file.contains("0.00\t80\n10.00\t80\n"));
/// assert_eq!(out.warnings.len(), 2); // watts converted, cadence left out
/// # Ok::<(), workout_doc::Error>(())
/// ```
///
/// # Errors
/// A watts target without `athlete.ftp` is an
/// [`ErrorKind::Missing`](crate::ErrorKind::Missing) error, as is a distance step.
pub fn write_with(w: &Workout, athlete: &Athlete) -> Result<Written, Error> {
    course::write(w, athlete, &MRC)
}

/// The default athlete without an FTP: [`write`] never guesses one.
fn no_ftp() -> Athlete {
    Athlete {
        ftp: None,
        ..Athlete::default()
    }
}
