//! `workout convert`: read one format, write another.

use super::{load, require_steps};
use crate::args::{existing, ConvertArgs};
use crate::diag::{self, Diagnostic};
use crate::format::Format;
use crate::{io, Reported, Usage};
use anyhow::Result;

pub fn run(a: &ConvertArgs) -> Result<()> {
    let to = output_format(a)?;
    let spread = crate::format::spread(to, a.range)?;
    let given = a.athlete.given()?;
    let (src, from, mut parsed) = load(&a.input)?;
    let (athlete, _) = given.apply(&mut parsed);
    require_steps(&src, from, &parsed.workout)?;
    let (bytes, warnings) = match crate::format::write(to, &parsed.workout, &athlete, spread) {
        Ok(out) => out,
        Err(e) => {
            diag::emit(&Diagnostic::error(&src.name, &src.text, &e));
            return Err(Reported.into());
        }
    };
    for w in &warnings {
        diag::emit(&Diagnostic::output_warning(&src.name, &src.text, w));
    }
    diag::strict()?;
    let writer = io::Writer::new(existing(a.force), a.input.input.as_deref());
    writer.write_output(a.output.as_deref(), &bytes)?;
    Ok(())
}

/// `--to`, else the output's extension, else text; an output name with an unknown extension
/// and no `--to` is a usage error rather than a guess.
fn output_format(a: &ConvertArgs) -> Result<Format> {
    if let Some(to) = a.to {
        return Ok(to);
    }
    match a.output.as_deref() {
        Some(p) if !io::is_stdio(Some(p)) => crate::format::from_path(p).ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            Usage(format!(
                "cannot tell the output format from '{}'; pass --to {}",
                io::shown(p),
                names.join("|")
            ))
            .into()
        }),
        _ => Ok(Format::Text),
    }
}
