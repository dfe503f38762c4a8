//! The formats by name: one place that maps each to its reader and writer, for tools that
//! pick the format at run time (the CLI, the WASM package).

use crate::athlete::Athlete;
use crate::codec::{Output, Written};
use crate::error::Error;
use crate::model::{Parsed, Workout};

/// A workout format.
///
/// ```
/// use workout_doc::{Athlete, Format};
/// let w = Format::Text.read("- 10m 60%")?.workout;
/// let zwo = Format::from_name("ZWO").unwrap().write(&w, &Athlete::default())?;
/// assert!(zwo.file.text().is_some_and(|t| t.contains("<SteadyState")));
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
    /// Garmin FIT workout file (binary; needs the `fit` feature).
    Fit,
}

impl Format {
    /// Every format, in the order tools list them.
    pub const ALL: [Format; 6] = [
        Format::Text,
        Format::Json,
        Format::Zwo,
        Format::Mrc,
        Format::Erg,
        Format::Fit,
    ];

    /// The lowercase name: `text json zwo mrc erg fit`.
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
            Format::Fit => "fit",
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
            Format::Fit => "Garmin FIT workout file",
        }
    }

    /// True for a binary format (FIT), whose files are bytes rather than text: read them
    /// with [`Format::read_bytes`].
    ///
    /// ```
    /// use workout_doc::Format;
    /// assert!(Format::Fit.is_binary() && !Format::Zwo.is_binary());
    /// ```
    pub fn is_binary(self) -> bool {
        self == Format::Fit
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
    /// `erg`, `fit` (any case).
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

    /// The format a file's content shows, when it shows one: a FIT header (`.FIT` at byte
    /// 8), XML (`<`: `.zwo`), a JSON object (`{`), a `[COURSE HEADER]` or `[COURSE DATA]`
    /// section (`.erg` when it says `MINUTES WATTS`, else `.mrc`). `None` for anything else,
    /// workout text included: text has no mark of its own. Leading white space and a
    /// byte-order mark are skipped; only the first 4 KiB are looked at.
    ///
    /// ```
    /// use workout_doc::Format;
    /// assert_eq!(Format::detect(b"\n  <workout_file>"), Some(Format::Zwo));
    /// assert_eq!(Format::detect(b"{\"steps\": []}"), Some(Format::Json));
    /// assert_eq!(Format::detect(b"[COURSE HEADER]\nMINUTES WATTS\n"), Some(Format::Erg));
    /// assert_eq!(Format::detect(b"- 10m 60%"), None);
    /// ```
    pub fn detect(bytes: &[u8]) -> Option<Format> {
        if matches!(bytes.first(), Some(12 | 14)) && bytes.get(8..12) == Some(b".FIT") {
            return Some(Format::Fit);
        }
        let head = bytes.get(..4096).unwrap_or(bytes);
        let head = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(head);
        let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
        let head = head.get(start..)?;
        match head.first()? {
            b'<' => Some(Format::Zwo),
            b'{' => Some(Format::Json),
            b'[' => {
                let text = String::from_utf8_lossy(head).to_ascii_uppercase();
                if !(text.starts_with("[COURSE HEADER]") || text.starts_with("[COURSE DATA]")) {
                    return None;
                }
                let watts = text
                    .split(['\n', '\r'])
                    .any(|line| line.split_whitespace().eq(["MINUTES", "WATTS"]));
                Some(if watts { Format::Erg } else { Format::Mrc })
            }
            _ => None,
        }
    }

    /// Reads `src` in this format (FIT from the text's bytes: use [`Format::read_bytes`]
    /// for a FIT file).
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
            Format::Json => Err(missing_feature(
                "json needs the serde feature of workout-doc",
            )),
            Format::Zwo => crate::zwo::read(src),
            Format::Mrc => crate::mrc::read(src),
            Format::Erg => crate::erg::read(src),
            Format::Fit => Format::Fit.read_bytes(src.as_bytes()),
        }
    }

    /// Reads a file's bytes in this format: FIT as they are, the text formats once they are
    /// checked to be UTF-8 (a leading byte-order mark is left out).
    ///
    /// ```
    /// use workout_doc::Format;
    /// assert_eq!(Format::Text.read_bytes(b"\xef\xbb\xbf- 1m 50%")?.workout.steps.len(), 1);
    /// assert!(Format::Zwo.read_bytes(b"<a>\xff</a>").is_err());
    /// # Ok::<(), workout_doc::Error>(())
    /// ```
    ///
    /// # Errors
    /// The reader's error, with its position; bytes that are not UTF-8 for a text format.
    pub fn read_bytes(self, bytes: &[u8]) -> Result<Parsed, Error> {
        match self {
            #[cfg(feature = "fit")]
            Format::Fit => crate::fit::read(bytes),
            #[cfg(not(feature = "fit"))]
            Format::Fit => Err(missing_feature(
                "reading fit needs the fit feature of workout-doc",
            )),
            _ => {
                let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
                self.read(crate::error::decode_utf8(bytes)?)
            }
        }
    }

    /// Writes `w` in this format for `athlete` (whose thresholds resolve targets where the
    /// format needs them), with warnings about what the format could not hold, one for each
    /// field: nothing is left out silently but what Intervals.icu keeps elsewhere. The file
    /// is an [`Output`]: text, or bytes for FIT. Of the workout's own fields and prose,
    /// each format holds:
    ///
    /// | format | name | author, subcategory, tags | category | sport | notes |
    /// |---|---|---|---|---|---|
    /// | text | beside it¹ | – | `Category:` line | beside it¹ | all |
    /// | json | beside it¹ | – | `options.category` | beside it¹ | the description |
    /// | zwo | `<name>` | yes | `<category>` | `<sportType>` | the description |
    /// | mrc, erg | `FILE NAME` | – | – | – | the description |
    /// | fit | `wkt_name` | – | – | `sport` | the description (`wkt_description`) |
    ///
    /// – : left out with a warning. ¹ Intervals.icu keeps a workout's name and sport beside
    /// its text and `workout_doc` (the event's `name` and `type`), not in them: the text and
    /// JSON writers leave them out without a warning, which would come with every `.zwo`
    /// or FIT file converted, and tell nothing a tool that stores the text does not know.
    /// FIT is written with [`fit::Options::default`](crate::fit::Options) (single target
    /// values widened to ranges by [`fit::Spread::DEFAULT`](crate::fit::Spread::DEFAULT)).
    ///
    /// ```
    /// use workout_doc::{Athlete, Format};
    /// let w = Format::Text.read("- 10m 200w")?.workout;
    /// let mrc = Format::Mrc.write(&w, &Athlete::default())?;
    /// assert!(mrc.file.text().is_some_and(|t| t.contains("MINUTES PERCENT")));
    /// assert_eq!(mrc.warnings.len(), 1); // watts written as percent of the FTP
    ///
    /// let zwo = Format::Zwo.read("<workout_file><name>Tempo</name><workout>\
    ///     <SteadyState Duration=\"600\" Power=\"0.8\"/></workout></workout_file>")?;
    /// let text = Format::Text.write(&zwo.workout, &Athlete::default())?;
    /// assert_eq!(text.file.text(), Some("- 10m 80%\n"));
    /// assert!(text.warnings.is_empty()); // the name is kept beside the text
    /// let zwo = Format::Zwo.read("<workout_file><author>Ann</author><workout>\
    ///     <SteadyState Duration=\"600\" Power=\"0.8\"/></workout></workout_file>")?;
    /// let text = Format::Text.write(&zwo.workout, &Athlete::default())?;
    /// assert_eq!(text.warnings[0].message, "author left out: no place in workout text");
    /// # Ok::<(), workout_doc::Error>(())
    /// ```
    ///
    /// # Errors
    /// When the format cannot hold the workout (such as watts in a `.zwo` without an FTP).
    pub fn write(self, w: &Workout, athlete: &Athlete) -> Result<Written<Output>, Error> {
        let text = |written: Written| Written {
            file: Output::Text(written.file),
            warnings: written.warnings,
        };
        match self {
            Format::Text => Ok(Written {
                file: Output::Text(crate::text::write(w)),
                warnings: crate::text::left_out(w),
            }),
            #[cfg(feature = "serde")]
            Format::Json => Ok(Written {
                file: Output::Text(crate::icu::to_json(w, athlete)?),
                warnings: crate::icu::left_out(w),
            }),
            #[cfg(not(feature = "serde"))]
            Format::Json => Err(missing_feature(
                "json needs the serde feature of workout-doc",
            )),
            Format::Zwo => crate::zwo::write_with(w, athlete).map(text),
            Format::Mrc => crate::mrc::write_with(w, athlete).map(text),
            Format::Erg => crate::erg::write_with(w, athlete).map(text),
            #[cfg(feature = "fit-write")]
            Format::Fit => crate::fit::write(w, athlete).map(|written| Written {
                file: Output::Binary(written.file),
                warnings: written.warnings,
            }),
            #[cfg(not(feature = "fit-write"))]
            Format::Fit => Err(missing_feature("fit needs the fit feature of workout-doc")),
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The error for a format whose cargo feature is off.
#[cfg(not(all(feature = "serde", feature = "fit")))]
fn missing_feature(message: &str) -> Error {
    Error::new(
        crate::error::ErrorKind::Missing(message.into()),
        crate::span::Span::default(),
        "",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_shows_its_format() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        for (file, want) in [
            ("zwo/bom_crlf.zwo", Some(Format::Zwo)),
            ("mrc/basic.mrc", Some(Format::Mrc)),
            ("mrc/watts_header.mrc", Some(Format::Erg)),
            ("erg/basic.erg", Some(Format::Erg)),
            ("erg/cr_only.erg", Some(Format::Erg)),
            ("text/vo2max_4x8.txt", None),
            ("cli/threshold.json", Some(Format::Json)),
        ] {
            let bytes = std::fs::read(root.join(file)).unwrap_or_default();
            assert_eq!(Format::detect(&bytes), want, "{file}");
        }
        let mut fit = vec![14, 0x20, 0, 0, 0, 0, 0, 0];
        fit.extend_from_slice(b".FIT");
        assert_eq!(Format::detect(&fit), Some(Format::Fit));
        for nothing in [&b""[..], b"   ", b"[section]", b"\xff\xfe"] {
            assert_eq!(Format::detect(nothing), None, "{nothing:?}");
        }
    }
}
