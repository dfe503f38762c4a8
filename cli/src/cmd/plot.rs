//! `workout plot`: the workout profile as an SVG chart.

use super::{load, require_steps};
use crate::args::{existing, PlotArgs};
use crate::{diag, io};
use anyhow::Result;

pub fn run(a: &PlotArgs) -> Result<()> {
    let given = a.athlete.given()?;
    let (src, from, mut parsed) = load(&a.input)?;
    let (athlete, _) = given.apply(&mut parsed);
    require_steps(&src, from, &parsed.workout)?;
    diag::strict()?;
    let svg = workout_doc::render::svg(&parsed.workout, &athlete);
    let writer = io::Writer::new(existing(a.force), a.input.input.as_deref());
    writer.write_output(Some(&a.output), svg.as_bytes())?;
    Ok(())
}
