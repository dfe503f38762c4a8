//! The file formats the tool reads and writes, and the one place that maps each to the
//! library's reader and writer.

use std::path::Path;
use workout_doc::{Athlete, Error, Parsed, Warning, Workout, Written};

/// A workout file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Intervals.icu workout text.
    Text,
    /// The Intervals.icu `workout_doc` JSON object.
    Json,
    /// Zwift workout XML.
    Zwo,
    /// Course file with %FTP.
    Mrc,
    /// Course file with watts.
    Erg,
}

impl Format {
    /// The format a file name's extension names (`.txt`/`.text`, `.json`, `.zwo`, `.mrc`,
    /// `.erg`), if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" | "workout" => Some(Format::Text),
            "json" => Some(Format::Json),
            "zwo" => Some(Format::Zwo),
            "mrc" => Some(Format::Mrc),
            "erg" => Some(Format::Erg),
            _ => None,
        }
    }

    /// The extension written for this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Json => "json",
            Format::Zwo => "zwo",
            Format::Mrc => "mrc",
            Format::Erg => "erg",
        }
    }

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Zwo => "zwo",
            Format::Mrc => "mrc",
            Format::Erg => "erg",
        }
    }

    /// Reads `src` in this format.
    pub fn read(self, src: &str) -> Result<Parsed, Error> {
        match self {
            Format::Text => workout_doc::text::parse(src),
            Format::Json => workout_doc::icu::from_json(src),
            Format::Zwo => workout_doc::zwo::read(src),
            Format::Mrc => workout_doc::mrc::read(src),
            Format::Erg => workout_doc::erg::read(src),
        }
    }

    /// Writes `w` in this format for `athlete`, with the writer's warnings about what the
    /// format could not hold.
    pub fn write(self, w: &Workout, athlete: &Athlete) -> Result<(String, Vec<Warning>), Error> {
        match self {
            Format::Text => Ok((workout_doc::text::write(w), Vec::new())),
            Format::Json => {
                // Pretty-printed for people; the numbers are the library's own.
                let json = workout_doc::icu::to_json(w, athlete)?;
                Ok((crate::json::indent(&json), Vec::new()))
            }
            Format::Zwo => Self::written(workout_doc::zwo::write_with(w, athlete)),
            Format::Mrc => Self::written(workout_doc::mrc::write_with(w, athlete)),
            Format::Erg => Self::written(workout_doc::erg::write_with(w, athlete)),
        }
    }

    /// The writer's text, ending with a newline like every text file.
    fn written(w: Result<Written, Error>) -> Result<(String, Vec<Warning>), Error> {
        w.map(|mut w| {
            if !w.text.ends_with('\n') {
                w.text.push('\n');
            }
            (w.text, w.warnings)
        })
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
