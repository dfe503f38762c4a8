//! Formats on the command line: the library's [`Format`], parsed from its name, found from
//! a file's extension, and written the way files are (JSON indented, a final newline).

use std::path::Path;
pub use workout_doc::Format;
use workout_doc::{Athlete, Error, Warning, Workout};

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
/// `.mrc`, `.erg`), if any.
pub fn from_path(path: &Path) -> Option<Format> {
    Format::from_extension(path.extension()?.to_str()?)
}

/// Writes `w` in `format` for `athlete`, with the writer's warnings about what the format
/// could not hold.
pub fn write(
    format: Format,
    w: &Workout,
    athlete: &Athlete,
) -> Result<(String, Vec<Warning>), Error> {
    let mut written = format.write(w, athlete)?;
    if format == Format::Json {
        // Pretty-printed for people, from the library's own value: same keys, same numbers.
        if let Ok(pretty) = serde_json::to_string_pretty(&workout_doc::icu::to_value(w, athlete)) {
            written.text = pretty;
        }
    }
    if !written.text.ends_with('\n') {
        written.text.push('\n');
    }
    Ok((written.text, written.warnings))
}
