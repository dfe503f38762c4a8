//! The exports as plain Rust, so they can be tested without a JS engine: objects come back
//! as the JSON text that JavaScript's `JSON.parse` turns into them.

use crate::{format_by_name, settings_from_json, Failure, Settings};
use serde::Serialize;
use workout_doc::{fit, icu, render, Format, Output, Summary, Warning, Workout, Written};

/// `parse(text, athlete)` (the athlete object's JSON text, `null` for none): `{summary, warnings, workout_doc}` for workout text, as JSON text.
///
/// ```
/// let text = workout_doc_wasm::api::parse("- 10m 60%", "null").unwrap();
/// let v: serde_json::Value = serde_json::from_str(&text).unwrap();
/// assert_eq!(v["workout_doc"]["duration"], 600);
/// assert_eq!(v["summary"]["duration"], 600);
/// assert_eq!(v["warnings"].as_array().unwrap().len(), 0);
/// ```
///
/// # Errors
/// A syntax error in the text, or a bad athlete.
pub fn parse(text: &str, athlete: &str) -> Result<String, Failure> {
    let athlete = settings_from_json(athlete)?.athlete;
    let parsed = Format::Text.read(text)?;
    let doc = icu::WorkoutDoc::new(&parsed.workout, &athlete);
    json(&Parsed {
        summary: doc.summary(),
        warnings: &parsed.warnings,
        workout_doc: &doc,
    })
}

/// What `parse` returns, keys in the order of their names.
#[derive(Serialize)]
struct Parsed<'a> {
    summary: &'a Summary,
    warnings: &'a [Warning],
    workout_doc: &'a icu::WorkoutDoc<'a>,
}

/// `convert(input, from, to, athlete)`: the workout in another format, as text or, for FIT,
/// as bytes (single target values widened by the athlete object's `range`), with the
/// writer's warnings: what the format could not hold.
///
/// ```
/// use workout_doc::Output;
/// let out = workout_doc_wasm::api::convert("- 10m 60%", "text", "json", "null").unwrap();
/// assert!(matches!(out.file, Output::Text(t) if t.starts_with('{')));
/// let fit = workout_doc_wasm::api::convert("- 10m 200w", "text", "fit", r#"{"range": "10W"}"#).unwrap();
/// assert!(matches!(fit.file, Output::Binary(b) if &b[8..12] == b".FIT"));
/// let zwo = workout_doc_wasm::api::convert("- 10m 60% hr", "text", "zwo", "null").unwrap();
/// assert!(zwo.warnings[0].message.starts_with("heart-rate target left out"));
/// ```
///
/// # Errors
/// An unknown format, a bad athlete, the reader's error, a workout the target cannot hold,
/// or `from` FIT, which this package does not read.
pub fn convert(
    input: &str,
    from: &str,
    to: &str,
    athlete: &str,
) -> Result<Written<Output>, Failure> {
    let to = format_by_name(to)?;
    let (w, settings) = read(input, from, athlete)?;
    if to == Format::Fit {
        let options = fit::Options {
            spread: settings.range,
            ..fit::Options::default()
        };
        let written = fit::write_with_options(&w, &settings.athlete, &options)?;
        return Ok(Written {
            file: Output::Binary(written.file),
            warnings: written.warnings,
        });
    }
    Ok(to.write(&w, &settings.athlete)?)
}

/// `convert`'s object with warnings as JSON text, `{"file": null, "warnings": [...]}`: the
/// file (text or bytes) is put in on the JS side.
///
/// ```
/// let w = workout_doc::Format::Text.read("- 10m 60%").unwrap().warnings;
/// let json = workout_doc_wasm::api::converted_json(&w).unwrap();
/// assert_eq!(json, r#"{"file":null,"warnings":[]}"#);
/// ```
///
/// # Errors
/// None in practice (serde_json fails only on maps with keys that are not strings).
pub fn converted_json(warnings: &[Warning]) -> Result<String, Failure> {
    #[derive(Serialize)]
    struct Converted<'a> {
        file: (),
        warnings: &'a [Warning],
    }
    json(&Converted { file: (), warnings })
}

/// `summary(input, from, athlete)`: the planner numbers, as JSON text.
///
/// ```
/// let text = workout_doc_wasm::api::summary("- 10m 60%", "text", "null").unwrap();
/// let s: serde_json::Value = serde_json::from_str(&text).unwrap();
/// assert_eq!(s["duration"], 600);
/// ```
///
/// # Errors
/// An unknown format, a bad athlete or the reader's error.
pub fn summary(input: &str, from: &str, athlete: &str) -> Result<String, Failure> {
    let (w, settings) = read(input, from, athlete)?;
    json(&w.summary(&settings.athlete))
}

/// `plotSvg(input, from, athlete)`: the workout profile as an SVG document.
///
/// ```
/// let svg = workout_doc_wasm::api::plot_svg("- 10m 60%", "text", "null").unwrap();
/// assert!(svg.starts_with("<svg"));
/// ```
///
/// # Errors
/// An unknown format, a bad athlete or the reader's error.
pub fn plot_svg(input: &str, from: &str, athlete: &str) -> Result<String, Failure> {
    let (w, settings) = read(input, from, athlete)?;
    Ok(render::svg(&w, &settings.athlete))
}

/// What the package says to `from` FIT: its size budget holds FIT's writer, not its reader
/// (figures in the README's WASM section).
const NO_FIT_READER: &str = "reading fit is not in this package: its size budget holds the fit writer only; read .fit files with the workout command or the server's /api/v1/import.fit";

/// `value` as JSON text (serde_json fails only on maps with keys that are not strings,
/// which nothing here has).
fn json(value: &impl Serialize) -> Result<String, Failure> {
    serde_json::to_string(value).map_err(|e| Failure::usage(e.to_string()))
}

fn read(input: &str, from: &str, athlete: &str) -> Result<(Workout, Settings), Failure> {
    let from = format_by_name(from)?;
    if from == Format::Fit {
        return Err(Failure::usage(NO_FIT_READER));
    }
    let settings = settings_from_json(athlete)?;
    Ok((from.read(input)?.workout, settings))
}
