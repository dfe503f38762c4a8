//! The exports as plain Rust over JSON values, so they can be tested without a JS engine.

use crate::{format_by_name, settings_from_value, Failure, Settings};
use serde_json::{json, Value};
use workout_doc::{fit, icu, render, Format, Output, Workout};

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
    let athlete = settings_from_value(athlete)?.athlete;
    let parsed = Format::Text.read(text)?;
    Ok(json!({
        "workout_doc": icu::to_value(&parsed.workout, &athlete),
        "summary": parsed.workout.summary(&athlete),
        "warnings": parsed.warnings,
    }))
}

/// `convert(input, from, to, athlete)`: the workout in another format, as text or, for FIT,
/// as bytes (single target values widened by the athlete object's `range`).
///
/// ```
/// use serde_json::json;
/// use workout_doc::Output;
/// let out = workout_doc_wasm::api::convert("- 10m 60%", "text", "json", &json!(null)).unwrap();
/// assert!(matches!(out, Output::Text(t) if t.starts_with('{')));
/// let fit = workout_doc_wasm::api::convert("- 10m 200w", "text", "fit", &json!({"range": "10W"})).unwrap();
/// assert!(matches!(fit, Output::Binary(b) if &b[8..12] == b".FIT"));
/// ```
///
/// # Errors
/// An unknown format, a bad athlete, the reader's error, a workout the target cannot hold,
/// or `from` FIT, which this package does not read.
pub fn convert(input: &str, from: &str, to: &str, athlete: &Value) -> Result<Output, Failure> {
    let to = format_by_name(to)?;
    let (w, settings) = read(input, from, athlete)?;
    if to == Format::Fit {
        let options = fit::Options {
            spread: settings.range,
            ..fit::Options::default()
        };
        let written = fit::write_with_options(&w, &settings.athlete, &options)?;
        return Ok(Output::Binary(written.file));
    }
    Ok(to.write(&w, &settings.athlete)?.file)
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
    let (w, settings) = read(input, from, athlete)?;
    Ok(json!(w.summary(&settings.athlete)))
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
    let (w, settings) = read(input, from, athlete)?;
    Ok(render::svg(&w, &settings.athlete))
}

/// What the package says to `from` FIT: its size budget holds FIT's writer, not its reader
/// (figures in the README's WASM section).
const NO_FIT_READER: &str = "reading fit is not in this package: its size budget holds the fit writer only; read .fit files with the workout command or the server's /api/v1/import.fit";

fn read(input: &str, from: &str, athlete: &Value) -> Result<(Workout, Settings), Failure> {
    let from = format_by_name(from)?;
    if from == Format::Fit {
        return Err(Failure::usage(NO_FIT_READER));
    }
    let settings = settings_from_value(athlete)?;
    Ok((from.read(input)?.workout, settings))
}
