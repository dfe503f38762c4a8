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

/// The format to read `src` as: `--from`, else its extension, else text.
pub fn input_format(from: Option<Format>, src: &Source) -> Format {
    from.or_else(|| src.path.as_deref().and_then(crate::format::from_path))
        .unwrap_or(Format::Text)
}

/// Reads and parses the input; warnings go to stderr. A parse error is printed as a
/// diagnostic and comes back as [`Reported`].
pub fn load(input: &InputArgs) -> Result<(Source, Parsed)> {
    let src = read_source(input.input.as_deref())?;
    let format = input_format(input.from, &src);
    let parsed = parse_reporting(&src, format)?;
    Ok((src, parsed))
}

/// Parses `src` as `format`, printing warnings, or the error as a diagnostic.
pub fn parse_reporting(src: &Source, format: Format) -> Result<Parsed> {
    match format.read(&src.text) {
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
