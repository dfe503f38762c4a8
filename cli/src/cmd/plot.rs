//! `workout plot`: the workout profile as an SVG chart.

use super::load;
use crate::args::{existing, PlotArgs};
use crate::io;
use anyhow::Result;

pub fn run(a: &PlotArgs) -> Result<()> {
    let given = a.athlete.given()?;
    let (_src, mut parsed) = load(&a.input)?;
    let (athlete, _) = given.apply(&mut parsed);
    let svg = workout_doc::render::svg(&parsed.workout, &athlete);
    let writer = io::Writer::new(existing(a.force), a.input.input.as_deref());
    writer.write_output(Some(&a.output), svg.as_bytes())?;
    Ok(())
}
