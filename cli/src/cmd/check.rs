//! `workout check`: validate files, print diagnostics, fail if any file fails.

use super::{input_format, parse_reporting};
use crate::args::CheckArgs;
use crate::io::read_source;
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
        let format = input_format(a.from, *input);
        let src = match read_source(*input, format.is_binary()) {
            Ok(src) => src,
            Err(e) => {
                eprintln!("error: {}", crate::diag::text(&format!("{e:#}")));
                failed += 1;
                continue;
            }
        };
        match parse_reporting(&src, format) {
            Ok(parsed) => {
                let steps = parsed.workout.steps.len();
                let warnings = parsed.warnings.len();
                println!(
                    "{}: ok ({format}, {steps} step{}, {warnings} warning{})",
                    src.name,
                    plural(steps),
                    plural(warnings)
                );
            }
            Err(_) => failed += 1,
        }
    }
    if failed > 0 {
        if inputs.len() > 1 {
            eprintln!("{failed} of {} files failed", inputs.len());
        }
        return Err(Reported.into());
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
