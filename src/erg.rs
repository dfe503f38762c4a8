//! `.erg` course files: power in watts (`MINUTES WATTS`), read and written by the one
//! course reader/writer shared with [`crate::mrc`] (see there for the mapping).
//!
//! ```
//! use workout_doc::{erg, text};
//! let src = "[COURSE HEADER]\r\nFTP = 250\r\nMINUTES WATTS\r\n[END COURSE HEADER]\r\n\
//!            [COURSE DATA]\r\n0.00\t150\r\n5.00\t150\r\n5.00\t300\r\n6.00\t300\r\n";
//! let parsed = erg::read(src)?;
//! assert_eq!(text::write(&parsed.workout), "- 5m 150w\n- 1m 300w\n");
//! assert_eq!(parsed.thresholds.ftp, Some(250.0)); // the FTP the file was written for
//! # Ok::<(), workout_doc::Error>(())
//! ```
//!
//! Reading keeps the file's watts, and its `FTP =` header as [`Parsed::thresholds`] (the
//! FTP a tool then uses where the user gives none: see
//! [`Athlete::with_defaults`](crate::Athlete::with_defaults)); a `MINUTES PERCENT` header
//! reads %FTP. Writing gives `MINUTES WATTS`; percent-of-FTP targets need the athlete's
//! FTP, which is also written as `FTP =`.

use crate::athlete::Athlete;
use crate::codec::Written;
use crate::course::{self, Format, Units};
use crate::error::Error;
use crate::model::{Parsed, Workout};

const ERG: Format = Format {
    name: "erg",
    units: Units::Watts,
};

/// Reads an `.erg` file.
///
/// ```
/// let src = "[COURSE DATA]\n0 200\n1.5 200\n[END COURSE DATA]\n";
/// let w = workout_doc::erg::read(src)?.workout;
/// assert_eq!(workout_doc::text::write(&w), "- 1m30s 200w\n");
/// # Ok::<(), workout_doc::Error>(())
/// ```
///
/// # Errors
/// As [`crate::mrc::read`].
pub fn read(src: &str) -> Result<Parsed, Error> {
    course::read(src, &ERG)
}

/// Writes an `.erg` file. No FTP is assumed (not even [`Athlete::default`]'s): for
/// percent-of-FTP targets use [`write_with`].
///
/// ```
/// let w = workout_doc::text::parse("- 10m 180w")?.workout;
/// assert!(workout_doc::erg::write(&w)?.contains("MINUTES WATTS\n"));
/// // Percent targets need an FTP: `write` assumes none, `write_with` takes the athlete's.
/// let pct = workout_doc::text::parse("- 10m 60%")?.workout;
/// assert!(workout_doc::erg::write(&pct).is_err());
/// let athlete = workout_doc::Athlete::default();
/// assert!(workout_doc::erg::write_with(&pct, &athlete)?.file.contains("FTP = 200\n"));
/// # Ok::<(), workout_doc::Error>(())
/// ```
///
/// # Errors
/// Percent-of-FTP targets need an FTP (pass an athlete to [`write_with`]); distance steps
/// cannot be written.
pub fn write(w: &Workout) -> Result<String, Error> {
    write_with(w, &no_ftp()).map(|out| out.file)
}

/// Writes an `.erg` file for an athlete (whose FTP turns percent into watts and goes in the
/// header), with warnings for what `.erg` cannot hold.
///
/// ```
/// use workout_doc::{erg, text, Athlete};
/// let w = text::parse("- 10m 60%")?.workout;
/// let out = erg::write_with(&w, &Athlete { ftp: Some(250.0), ..Default::default() })?;
/// assert!(out.file.contains("FTP = 250\n") && out.file.contains("0.00\t150\n"));
/// # Ok::<(), workout_doc::Error>(())
/// ```
///
/// # Errors
/// A percent-of-FTP target without `athlete.ftp` is an
/// [`ErrorKind::Missing`](crate::ErrorKind::Missing) error, as is a distance step.
pub fn write_with(w: &Workout, athlete: &Athlete) -> Result<Written, Error> {
    course::write(w, athlete, &ERG)
}

/// The default athlete without an FTP: [`write`] never guesses one.
fn no_ftp() -> Athlete {
    Athlete {
        ftp: None,
        ..Athlete::default()
    }
}
