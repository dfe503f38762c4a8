//! `workout check`: validate files, print diagnostics, fail if any file fails (under
//! `--strict`, if any file has a warning).

use super::{input_format, parse_reporting};
use crate::args::CheckArgs;
use crate::diag::{self, Diagnostic, Kind};
use crate::io::{read_input, Source};
use crate::Reported;
use anyhow::Result;
use std::path::Path;

pub fn run(a: &CheckArgs) -> Result<()> {
    let inputs: Vec<Option<&Path>> = if a.inputs.is_empty() {
        vec![None]
    } else {
        a.inputs.iter().map(|p| Some(p.as_path())).collect()
    };
    let mut failed = 0usize;
    for input in &inputs {
        match check(a, *input) {
            Ok(true) => {}
            Ok(false) => failed += 1,
            Err(e) => {
                diag::emit(&Diagnostic::plain(Kind::Error, format!("{e:#}")));
                failed += 1;
            }
        }
    }
    if failed > 0 {
        if inputs.len() > 1 {
            diag::emit(&Diagnostic::plain(
                Kind::Error,
                format!("{failed} of {} files failed", inputs.len()),
            ));
        }
        return Err(Reported.into());
    }
    Ok(())
}

/// Checks one input: `Ok(false)` when it failed (its diagnostics printed).
fn check(a: &CheckArgs, input: Option<&Path>) -> Result<bool> {
    let raw = read_input(input)?;
    let (format, note) = input_format(a.from, input, &raw);
    if let Some(d) = &note {
        diag::emit(d);
    }
    let src = Source::new(raw, format.is_binary())?;
    let Ok(parsed) = parse_reporting(&src, format) else {
        return Ok(false);
    };
    let steps = parsed.workout.steps.len();
    let warnings = parsed.warnings.len() + usize::from(note.is_some());
    if diag::is_strict() && warnings > 0 {
        let message = diag::strict_failure(warnings);
        diag::emit(&Diagnostic::about(Kind::Error, &src.name, &message));
        return Ok(false);
    }
    println!(
        "{}: ok ({format}, {steps} step{}, {warnings} warning{})",
        src.name,
        plural(steps),
        plural(warnings)
    );
    Ok(true)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
