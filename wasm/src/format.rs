//! The formats a workout is read from and written to, by name.

use crate::Failure;
use workout_doc::{erg, icu, mrc, text, zwo, Athlete, Parsed, Workout};

/// A workout format, named as in the JS API and the CLI: `text json zwo mrc erg`.
///
/// ```
/// use workout_doc_wasm::Format;
/// assert_eq!(Format::from_name("JSON").unwrap(), Format::Json);
/// assert!(Format::from_name("pdf").is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The Intervals.icu workout text language.
    Text,
    /// The Intervals.icu `workout_doc` JSON.
    Json,
    /// Zwift `.zwo` XML.
    Zwo,
    /// `.mrc` course file (percent of FTP).
    Mrc,
    /// `.erg` course file (watts).
    Erg,
}

impl Format {
    /// Every format, in the order the demo page lists them.
    pub const ALL: &'static [Format] = &[
        Format::Text,
        Format::Json,
        Format::Zwo,
        Format::Mrc,
        Format::Erg,
    ];

    /// The format called `name` (any case; `txt` is accepted for text).
    ///
    /// ```
    /// assert_eq!(workout_doc_wasm::Format::from_name("txt").unwrap().name(), "text");
    /// ```
    ///
    /// # Errors
    /// An unknown name, with the list of known ones.
    pub fn from_name(name: &str) -> Result<Format, Failure> {
        let lower = name.trim().to_ascii_lowercase();
        let lower = if lower == "txt" { "text" } else { &lower };
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.name() == lower)
            .ok_or_else(|| {
                let known: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                Failure::usage(format!(
                    "unknown format {name:?}: expected one of {}",
                    known.join(", ")
                ))
            })
    }

    /// The lowercase name.
    ///
    /// ```
    /// assert_eq!(workout_doc_wasm::Format::Json.name(), "json");
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

    /// Reads `input` in this format.
    ///
    /// ```
    /// use workout_doc_wasm::Format;
    /// let parsed = Format::Text.read("- 10m 60%").unwrap();
    /// assert_eq!(parsed.workout.steps.len(), 1);
    /// ```
    ///
    /// # Errors
    /// The reader's error, with its position.
    pub fn read(self, input: &str) -> Result<Parsed, Failure> {
        Ok(match self {
            Format::Text => text::parse(input)?,
            Format::Json => icu::from_json(input)?,
            Format::Zwo => zwo::read(input)?,
            Format::Mrc => mrc::read(input)?,
            Format::Erg => erg::read(input)?,
        })
    }

    /// Writes `w` in this format; the athlete resolves targets where the format needs it
    /// (watts in a `.zwo` or `.mrc`, percentages in an `.erg`).
    ///
    /// ```
    /// use workout_doc_wasm::Format;
    /// let w = Format::Text.read("- 10m 60%").unwrap().workout;
    /// let out = Format::Text.write(&w, &workout_doc::Athlete::default()).unwrap();
    /// assert_eq!(out, "- 10m 60%\n");
    /// ```
    ///
    /// # Errors
    /// When the format cannot hold the workout (such as watts without an FTP).
    pub fn write(self, w: &Workout, athlete: &Athlete) -> Result<String, Failure> {
        Ok(match self {
            Format::Text => text::write(w),
            Format::Json => icu::to_json(w, athlete)?,
            Format::Zwo => zwo::write_with(w, athlete)?.text,
            Format::Mrc => mrc::write_with(w, athlete)?.text,
            Format::Erg => erg::write_with(w, athlete)?.text,
        })
    }
}
