//! The exports as plain Rust over JSON values, so they can be tested without a JS engine.

use crate::{athlete_from_value, format_by_name, Failure};
use serde_json::{json, Value};
use workout_doc::{icu, render, Athlete, Format, Workout};

/// `parse(text, athlete)`: `{workout_doc, summary, warnings}` for workout text.
///
/// ```
/// let v = workout_doc_wasm::api::parse("- 10m 60%", &serde_json::Value::Null).unwrap();
/// assert_eq!(v["workout_doc"]["duration"], 600);
/// assert_eq!(v["summary"]["duration"], 600);
/// assert_eq!(v["warnings"].as_array().unwrap().len(), 0);
/// ```
///
/// # Errors
/// A syntax error in the text, or a bad athlete.
pub fn parse(text: &str, athlete: &Value) -> Result<Value, Failure> {
    let athlete = athlete_from_value(athlete)?;
    let parsed = Format::Text.read(text)?;
    Ok(json!({
        "workout_doc": icu::to_value(&parsed.workout, &athlete),
        "summary": parsed.workout.summary(&athlete),
        "warnings": parsed.warnings,
    }))
}

/// `convert(input, from, to, athlete)`: the workout in another format.
///
/// ```
/// let out = workout_doc_wasm::api::convert("- 10m 60%", "text", "json", &serde_json::Value::Null).unwrap();
/// assert!(out.starts_with('{'));
/// ```
///
/// # Errors
/// An unknown format, a bad athlete, the reader's error, or a workout the target cannot hold.
pub fn convert(input: &str, from: &str, to: &str, athlete: &Value) -> Result<String, Failure> {
    let to = format_by_name(to)?;
    let (w, athlete) = read(input, from, athlete)?;
    match to.write(&w, &athlete)?.file {
        workout_doc::Output::Text(text) => Ok(text),
        workout_doc::Output::Binary(_) => Err(Failure::usage(
            "fit is a binary format: not in this package yet",
        )),
    }
}

/// `summary(input, from, athlete)`: the planner numbers.
///
/// ```
/// let s = workout_doc_wasm::api::summary("- 10m 60%", "text", &serde_json::Value::Null).unwrap();
/// assert_eq!(s["duration"], 600);
/// ```
///
/// # Errors
/// An unknown format, a bad athlete or the reader's error.
pub fn summary(input: &str, from: &str, athlete: &Value) -> Result<Value, Failure> {
    let (w, athlete) = read(input, from, athlete)?;
    Ok(json!(w.summary(&athlete)))
}

/// `plotSvg(input, from, athlete)`: the workout profile as an SVG document.
///
/// ```
/// let svg = workout_doc_wasm::api::plot_svg("- 10m 60%", "text", &serde_json::Value::Null).unwrap();
/// assert!(svg.starts_with("<svg"));
/// ```
///
/// # Errors
/// An unknown format, a bad athlete or the reader's error.
pub fn plot_svg(input: &str, from: &str, athlete: &Value) -> Result<String, Failure> {
    let (w, athlete) = read(input, from, athlete)?;
    Ok(render::svg(&w, &athlete))
}

fn read(input: &str, from: &str, athlete: &Value) -> Result<(Workout, Athlete), Failure> {
    let from = format_by_name(from)?;
    let athlete = athlete_from_value(athlete)?;
    Ok((from.read(input)?.workout, athlete))
}
