//! Formats on the command line: the library's [`Format`], parsed from its name, found from
//! a file's extension, and written the way files are (JSON indented, a final newline).

use crate::Usage;
use std::path::Path;
use workout_doc::fit::{self, Spread};
pub use workout_doc::Format;
use workout_doc::{Athlete, Error, Output, Warning, Workout};

/// The `--from` / `--to` value parser: the format names, listed in help and errors as
/// `[possible values: text, json, zwo, mrc, erg]`.
pub fn parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::TypedValueParser as _;
    let values =
        Format::ALL.map(|f| clap::builder::PossibleValue::new(f.name()).help(f.describe()));
    clap::builder::PossibleValuesParser::new(values)
        // Only listed names get here, and each of them names a format.
        .map(|name: String| Format::from_name(&name).unwrap_or(Format::Text))
}

/// The format a file name's extension names (`.txt`/`.text`/`.workout`, `.json`, `.zwo`,
/// `.mrc`, `.erg`, `.fit`), if any.
pub fn from_path(path: &Path) -> Option<Format> {
    Format::from_extension(path.extension()?.to_str()?)
}

/// The `--range` value parser: `5%`, `10W`, `0`.
pub fn parse_spread(s: &str) -> Result<Spread, String> {
    Spread::parse(s)
        .ok_or_else(|| "expected a percent below 100 such as 5%, or watts such as 10W".to_string())
}

/// The spread for writing `to`: `--range`, which only FIT has, else the library's default.
pub fn spread(to: Format, range: Option<Spread>) -> anyhow::Result<Spread> {
    match range {
        Some(_) if to != Format::Fit => {
            Err(Usage(format!("--range applies to --to fit only, not {to}")).into())
        }
        Some(spread) => Ok(spread),
        None => Ok(Spread::DEFAULT),
    }
}

/// Writes `w` in `format` for `athlete` (FIT with single values widened by `spread`), with
/// the writer's warnings about what the format could not hold. Text files are written the
/// way people read them: JSON indented, a final newline.
pub fn write(
    format: Format,
    w: &Workout,
    athlete: &Athlete,
    spread: Spread,
) -> Result<(Vec<u8>, Vec<Warning>), Error> {
    if format == Format::Fit {
        let options = fit::Options {
            spread,
            ..fit::Options::default()
        };
        let written = fit::write_with_options(w, athlete, &options)?;
        return Ok((written.file, written.warnings));
    }
    let written = format.write(w, athlete)?;
    let mut text = match written.file {
        // Pretty-printed for people, from the library's own value: same keys, same numbers.
        Output::Text(text) if format == Format::Json => {
            serde_json::to_string_pretty(&workout_doc::icu::to_value(w, athlete)).unwrap_or(text)
        }
        Output::Text(text) => text,
        Output::Binary(bytes) => return Ok((bytes, written.warnings)),
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok((text.into_bytes(), written.warnings))
}
