//! One module per subcommand, and what they share: reading a workout and reporting on it.

mod batch;
mod check;
mod convert;
mod plot;
mod summary;

use crate::args::{Command, InputArgs};
use crate::diag::{self, Diagnostic, Kind};
use crate::format::Format;
use crate::io::{read_input, Input, Source};
use crate::Reported;
use anyhow::{anyhow, Result};
use std::path::Path;
use workout_doc::{Parsed, SportFamily, Workout};

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

/// The format to read `input` (from `path`) as, and a warning when that is not what the
/// extension says: `--from` as given; else the format the content shows
/// ([`Format::detect`]) when it is not the extension's (the course formats read each
/// other's files, so `.mrc` and `.erg` agree), or when there is no extension to go by
/// (standard input); else the extension's, else text.
pub fn input_format(
    from: Option<Format>,
    path: Option<&Path>,
    input: &Input,
) -> (Format, Option<Diagnostic>) {
    if let Some(from) = from {
        return (from, None);
    }
    let claimed = path.and_then(crate::format::from_path);
    let course = |f: Format| matches!(f, Format::Mrc | Format::Erg);
    let (format, message) = match (claimed, Format::detect(&input.bytes)) {
        (Some(c), Some(d)) if c != d && !(course(c) && course(d)) => {
            (d, format!("read as {d}, as its content shows, not as {c}"))
        }
        (None, Some(d)) => (
            d,
            format!("read as {d}, as its content shows (--from chooses)"),
        ),
        (claimed, _) => return (claimed.unwrap_or(Format::Text), None),
    };
    let note = Diagnostic::about(Kind::Warning, &input.name, &message);
    (format, Some(note))
}

/// Reads and parses the input; warnings go to stderr. A parse error is printed as a
/// diagnostic and comes back as [`Reported`]. Gives the format it was read as.
pub fn load(input: &InputArgs) -> Result<(Source, Format, Parsed)> {
    let path = input.input.as_deref();
    let raw = read_input(path)?;
    let (format, note) = input_format(input.from, path, &raw);
    if let Some(d) = &note {
        diag::emit(d);
    }
    let src = Source::new(raw, format.is_binary())?;
    let parsed = parse_reporting(&src, format)?;
    Ok((src, format, parsed))
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
                diag::emit(&Diagnostic::warning(&src.name, &src.text, w));
            }
            Ok(parsed)
        }
        Err(e) => {
            diag::emit(&Diagnostic::error(&src.name, &src.text, &e));
            Err(Reported.into())
        }
    }
}

/// A workout with no steps is an error, naming the format it was read as: what was read
/// is not the workout it claims to be. Prose alone is a workout for a sport of the other
/// family (a strength session: Intervals.icu keeps its text with no steps).
pub fn require_steps(src: &Source, format: Format, w: &Workout) -> Result<()> {
    if !w.steps.is_empty() {
        return Ok(());
    }
    let prose = !w.notes.is_empty();
    if prose && SportFamily::of(w.sport) == SportFamily::Other {
        return Ok(());
    }
    let looks = Format::detect(src.text.as_bytes()).filter(|d| *d != format);
    let why = match looks {
        Some(d) => format!(": it looks like {d} (--from {d} reads it as such)"),
        // Workout text and its JSON hold strength sessions as prose.
        None if prose && matches!(format, Format::Text | Format::Json) => {
            "; a session of prose alone needs its sport, such as --sport WeightTraining".into()
        }
        None if src.text.trim().is_empty() && src.bytes.is_empty() => ": it is empty".into(),
        None => String::new(),
    };
    Err(anyhow!(
        "no steps found in {} (read as {format}){why}",
        src.name
    ))
}
