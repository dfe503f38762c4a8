//! One module per subcommand, and what they share: reading a workout and reporting on it.

mod batch;
mod check;
mod convert;
mod plot;
mod summary;

use crate::args::{Command, InputArgs};
use crate::format::Format;
use crate::io::{read_source, Source};
use crate::{diag, Reported};
use anyhow::Result;
use std::path::Path;
use workout_doc::Parsed;

/// Runs one subcommand.
pub fn run(command: Command) -> Result<()> {
    match command {
        Command::Convert(a) => convert::run(&a),
        Command::Summary(a) => summary::run(&a),
        Command::Check(a) => check::run(&a),
        Command::Plot(a) => plot::run(&a),
        Command::Batch(a) => batch::run(&a),
    }
}

/// The format to read `path` as: `--from`, else its extension, else text.
pub fn input_format(from: Option<Format>, path: Option<&Path>) -> Format {
    from.or_else(|| path.and_then(crate::format::from_path))
        .unwrap_or(Format::Text)
}

/// Reads and parses the input; warnings go to stderr. A parse error is printed as a
/// diagnostic and comes back as [`Reported`].
pub fn load(input: &InputArgs) -> Result<(Source, Parsed)> {
    let format = input_format(input.from, input.input.as_deref());
    let src = read_source(input.input.as_deref(), format.is_binary())?;
    let parsed = parse_reporting(&src, format)?;
    Ok((src, parsed))
}

/// Parses `src` as `format` (read as bytes for a binary format).
pub fn parse(src: &Source, format: Format) -> Result<Parsed, workout_doc::Error> {
    if format.is_binary() {
        format.read_bytes(&src.bytes)
    } else {
        format.read(&src.text)
    }
}

/// Parses `src` as `format`, printing warnings, or the error as a diagnostic.
pub fn parse_reporting(src: &Source, format: Format) -> Result<Parsed> {
    match parse(src, format) {
        Ok(parsed) => {
            for w in &parsed.warnings {
                eprint!("{}", diag::warning(&src.name, &src.text, w));
            }
            Ok(parsed)
        }
        Err(e) => {
            eprint!("{}", diag::error(&src.name, &src.text, &e));
            Err(Reported.into())
        }
    }
}
