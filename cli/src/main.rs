//! `workout`: convert, summarise, check, plot and batch-convert structured workouts.
//!
//! Exit codes: 0 ok, 1 input error (diagnostics on stderr), 2 usage, 130 interrupted.

mod args;
mod athlete;
mod cmd;
mod diag;
mod format;
mod io;

use clap::Parser;
use diag::{Diagnostic, Kind};
use std::fmt;
use std::process::ExitCode;

/// A usage mistake the argument parser cannot see (exit code 2).
#[derive(Debug)]
pub struct Usage(pub String);

impl fmt::Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

/// A failure whose diagnostics are already on stderr (exit code 1).
#[derive(Debug)]
pub struct Reported;

impl fmt::Display for Reported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("failed")
    }
}

impl std::error::Error for Reported {}

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help/version on stdout (exit 0) and mistakes on stderr (exit 2).
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    diag::configure(cli.quiet, cli.strict);
    let error = |message: String| diag::emit(&Diagnostic::plain(Kind::Error, message));
    match cmd::run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.is::<Reported>() => ExitCode::from(1),
        Err(e) if e.is::<io::Interrupted>() => {
            error("interrupted".into());
            ExitCode::from(130)
        }
        Err(e) if e.is::<Usage>() => {
            error(e.to_string());
            eprintln!("\nFor more information, try '--help'.");
            ExitCode::from(2)
        }
        Err(e) => {
            error(format!("{e:#}"));
            ExitCode::from(1)
        }
    }
}
