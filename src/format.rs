//! The formats by name: one place that maps each to its reader and writer, for tools that
//! pick the format at run time (the CLI, the WASM package).

use crate::athlete::Athlete;
use crate::codec::Written;
use crate::error::Error;
use crate::model::{Parsed, Workout};

/// A workout format.
///
/// ```
/// use workout_doc::{Athlete, Format};
/// let w = Format::Text.read("- 10m 60%")?.workout;
/// let zwo = Format::from_name("ZWO").unwrap().write(&w, &Athlete::default())?;
/// assert!(zwo.text.contains("<SteadyState"));
/// # Ok::<(), workout_doc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// The Intervals.icu workout text language.
    Text,
    /// The Intervals.icu `workout_doc` JSON (needs the `serde` feature).
    Json,
    /// Zwift `.zwo` XML.
    Zwo,
    /// `.mrc` course file (percent of FTP).
    Mrc,
    /// `.erg` course file (watts).
    Erg,
}

impl Format {
    /// Every format, in the order tools list them.
    pub const ALL: [Format; 5] = [
        Format::Text,
        Format::Json,
        Format::Zwo,
        Format::Mrc,
        Format::Erg,
    ];

    /// The lowercase name: `text json zwo mrc erg`.
    ///
    /// ```
    /// assert_eq!(workout_doc::Format::Mrc.name(), "mrc");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Zwo => "zwo",
            Format::Mrc => "mrc",
            Format::Erg => "erg",
        }
    }

    /// A few words on what the format is, for help texts.
    ///
    /// ```
    /// assert_eq!(workout_doc::Format::Zwo.describe(), "Zwift workout XML");
    /// ```
    pub fn describe(self) -> &'static str {
        match self {
            Format::Text => "Intervals.icu workout text",
            Format::Json => "The Intervals.icu `workout_doc` JSON object",
            Format::Zwo => "Zwift workout XML",
            Format::Mrc => "Course file with %FTP",
            Format::Erg => "Course file with watts",
        }
    }

    /// The file extension written for the format (`txt` for text).
    ///
    /// ```
    /// assert_eq!(workout_doc::Format::Text.extension(), "txt");
    /// ```
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            other => other.name(),
        }
    }

    /// The format called `name`, in any case (`txt` names text too).
    ///
    /// ```
    /// use workout_doc::Format;
    /// assert_eq!(Format::from_name("Json"), Some(Format::Json));
    /// assert_eq!(Format::from_name("pdf"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Format> {
        let name = name.trim();
        if name.eq_ignore_ascii_case("txt") {
            return Some(Format::Text);
        }
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }

    /// The format a file extension names: `txt`, `text`, `workout`, `json`, `zwo`, `mrc`,
    /// `erg` (any case).
    ///
    /// ```
    /// assert_eq!(workout_doc::Format::from_extension("ZWO"), Some(workout_doc::Format::Zwo));
    /// ```
    pub fn from_extension(ext: &str) -> Option<Format> {
        if ext.eq_ignore_ascii_case("workout") {
            return Some(Format::Text);
        }
        Format::from_name(ext)
    }

    /// Reads `src` in this format.
    ///
    /// ```
    /// let parsed = workout_doc::Format::Text.read("- 1m 50%")?;
    /// assert_eq!(parsed.workout.steps.len(), 1);
    /// # Ok::<(), workout_doc::Error>(())
    /// ```
    ///
    /// # Errors
    /// The reader's error, with its position.
    pub fn read(self, src: &str) -> Result<Parsed, Error> {
        match self {
            Format::Text => crate::text::parse(src),
            #[cfg(feature = "serde")]
            Format::Json => crate::icu::from_json(src),
            #[cfg(not(feature = "serde"))]
            Format::Json => Err(no_json()),
            Format::Zwo => crate::zwo::read(src),
            Format::Mrc => crate::mrc::read(src),
            Format::Erg => crate::erg::read(src),
        }
    }

    /// Writes `w` in this format for `athlete` (whose thresholds resolve targets where the
    /// format needs them), with warnings about what the format could not hold: nothing is
    /// left out silently. Of the workout's own fields and prose, each format holds:
    ///
    /// | format | name | author, subcategory, tags | category | sport | notes |
    /// |---|---|---|---|---|---|
    /// | text | – | – | `Category:` line | – | all |
    /// | json | – | – | `options.category` | – | the description |
    /// | zwo | `<name>` | yes | `<category>` | `<sportType>` | the description |
    /// | mrc, erg | `FILE NAME` | – | – | – | the description |
    ///
    /// Intervals.icu keeps a workout's name and sport beside its text and `workout_doc`,
    /// not in them; the text and JSON writers still name them when they leave them out.
    ///
    /// ```
    /// use workout_doc::{Athlete, Format};
    /// let w = Format::Text.read("- 10m 200w")?.workout;
    /// let mrc = Format::Mrc.write(&w, &Athlete::default())?;
    /// assert!(mrc.text.contains("MINUTES PERCENT"));
    /// assert_eq!(mrc.warnings.len(), 1); // watts written as percent of the FTP
    ///
    /// let zwo = Format::Zwo.read("<workout_file><name>Tempo</name><workout>\
    ///     <SteadyState Duration=\"600\" Power=\"0.8\"/></workout></workout_file>")?;
    /// let text = Format::Text.write(&zwo.workout, &Athlete::default())?;
    /// assert_eq!(text.text, "- 10m 80%\n");
    /// assert_eq!(text.warnings[0].message, "name left out: no place in workout text");
    /// # Ok::<(), workout_doc::Error>(())
    /// ```
    ///
    /// # Errors
    /// When the format cannot hold the workout (such as watts in a `.zwo` without an FTP).
    pub fn write(self, w: &Workout, athlete: &Athlete) -> Result<Written, Error> {
        match self {
            Format::Text => Ok(Written {
                text: crate::text::write(w),
                warnings: crate::text::left_out(w),
            }),
            #[cfg(feature = "serde")]
            Format::Json => Ok(Written {
                text: crate::icu::to_json(w, athlete)?,
                warnings: crate::icu::left_out(w),
            }),
            #[cfg(not(feature = "serde"))]
            Format::Json => Err(no_json()),
            Format::Zwo => crate::zwo::write_with(w, athlete),
            Format::Mrc => crate::mrc::write_with(w, athlete),
            Format::Erg => crate::erg::write_with(w, athlete),
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(not(feature = "serde"))]
fn no_json() -> Error {
    Error::new(
        crate::error::ErrorKind::Missing("json needs the serde feature of workout-doc".into()),
        crate::span::Span::default(),
        "",
    )
}
