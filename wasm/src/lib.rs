//! # workout-doc-wasm
//!
//! The `workout-doc` library for JavaScript: an ES module (browsers, bundlers) and a
//! CommonJS build (node), made by `wasm/build.sh`. Four functions:
//!
//! - `parse(text, athlete?)` → `{workout_doc, summary, warnings}`
//! - `convert(input, from, to, athlete?, options?)` → string, formats `text json zwo mrc
//!   erg`; to `fit`, a `Uint8Array` (this package writes FIT but does not read it: its size
//!   budget holds rustyfit's encoder, not its decoder); with `{warnings: true}`, an object
//!   `{file, warnings}` with the writer's warnings too
//! - `summary(input, from, athlete?)` → the planner numbers
//! - `plotSvg(input, from, athlete?)` → an SVG chart of the workout
//!
//! Each throws an `Error` carrying `message`, `line`, `column` (1-based, characters) and
//! `column_utf16` (what JS editors count); a panic (a bug) reaches JS as an `Error` with
//! its message too (module `panic`). The athlete is a plain object
//! `{ftp, lthr, max_hr, threshold_pace, sport, range}` (`range`: FIT's range around single
//! target values, `"5%"` or `"10W"`); every field is optional.
//!
//! The logic lives in [`api`] over JSON text so that it is tested natively; the
//! `#[wasm_bindgen]` functions here only move values across.

pub mod api;
mod athlete;
mod failure;
mod format;
mod js;
mod panic;

pub use athlete::{settings_from_json, Settings};
pub use failure::Failure;
pub use format::format_by_name;

use wasm_bindgen::prelude::*;
use workout_doc::Output;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** Thresholds used to resolve targets and compute zones; every field is optional. */
export interface Athlete {
  /** Functional threshold power, W. */
  ftp?: number | null;
  /** Threshold heart rate, bpm. */
  lthr?: number | null;
  /** Maximum heart rate, bpm. */
  max_hr?: number | null;
  /** Threshold pace as a speed, m/s. */
  threshold_pace?: number | null;
  /** An Intervals.icu activity type in any case: Ride, VirtualRide, Run, Swim, WeightTraining, … */
  sport?: string | null;
  /**
   * Writing FIT only: how far either side of a single target value the device's range
   * reaches, "5%" or "10W" ("0": the value alone); ±3 % when absent. Other formats and
   * functions do not use it.
   */
  range?: string | null;
}

/** A workout format name: what convert() writes. */
export type Format = TextFormat | "fit";

/** The text formats: what this package reads (FIT it writes only). */
export type TextFormat = "text" | "json" | "zwo" | "mrc" | "erg";

/** Converts to FIT: the file's bytes. */
export function convert(input: string, from: TextFormat, to: "fit", athlete?: Athlete | null, options?: { warnings?: false } | null): Uint8Array;
/** Converts to a text format: the file's text. */
export function convert(input: string, from: TextFormat, to: TextFormat, athlete?: Athlete | null, options?: { warnings?: false } | null): string;
/** Converts to FIT: the file's bytes and what FIT could not hold. */
export function convert(input: string, from: TextFormat, to: "fit", athlete: Athlete | null | undefined, options: { warnings: true }): Converted<Uint8Array>;
/** Converts to a text format: the file's text and what the format could not hold. */
export function convert(input: string, from: TextFormat, to: TextFormat, athlete: Athlete | null | undefined, options: { warnings: true }): Converted<string>;

/** convert()'s options. */
export interface ConvertOptions {
  /** Return `{file, warnings}` rather than the file alone. */
  warnings?: boolean | null;
}

/** What convert() returns with `{warnings: true}`. */
export interface Converted<F> {
  /** The file: text, or bytes for FIT. */
  file: F;
  /** What the target format could not hold (placed in the input where they can be). */
  warnings: Warning[];
}

/** What every function throws: an Error with the position of the problem (0 when none). */
export interface WorkoutError extends Error {
  message: string;
  /** 1-based line. */
  line: number;
  /** 1-based column in characters. */
  column: number;
  /** 1-based column in UTF-16 code units, as JS strings and editors count. */
  column_utf16: number;
}

/** Text the reader kept only in part, with where it is. */
export interface Warning {
  message: string;
  line: number;
  column: number;
}

/** Planner numbers of a workout. */
export interface Summary {
  /** Seconds. */
  duration: number;
  /** Metres. */
  distance: number;
  [key: string]: unknown;
}

/** What parse() returns. */
export interface ParseResult {
  /** The Intervals.icu workout_doc object. */
  workout_doc: Record<string, unknown> & { steps: unknown[] };
  summary: Summary;
  warnings: Warning[];
}
"#;

/// Parses workout text: `{workout_doc, summary, warnings}`.
///
/// @throws {WorkoutError} on a syntax error (with its line and column) or a bad athlete.
#[wasm_bindgen(unchecked_return_type = "ParseResult")]
pub fn parse(text: &str, athlete: Option<js::AthleteArg>) -> Result<JsValue, JsValue> {
    panic::check()?;
    let athlete = js::athlete(athlete)?;
    js::object(api::parse(text, &athlete))
}

/// Converts `input` from one format to another: text for `text json zwo mrc erg`, a
/// `Uint8Array` for `fit`; with `{warnings: true}` as `options`, an object
/// `{file, warnings}` that also gives what the target format could not hold.
///
/// @throws {WorkoutError} on an unknown format, `from` "fit" (not read by this package), a
/// reader error (with its line and column), or a workout the target format cannot hold.
#[wasm_bindgen(unchecked_return_type = "string | Uint8Array | Converted<string | Uint8Array>")]
pub fn convert(
    input: &str,
    #[wasm_bindgen(unchecked_param_type = "TextFormat")] from: &str,
    #[wasm_bindgen(unchecked_param_type = "Format")] to: &str,
    athlete: Option<js::AthleteArg>,
    options: Option<js::ConvertOptions>,
) -> Result<JsValue, JsValue> {
    panic::check()?;
    let athlete = js::athlete(athlete)?;
    let written = api::convert(input, from, to, &athlete).map_err(js::error)?;
    let file: JsValue = match written.file {
        Output::Text(text) => text.into(),
        Output::Binary(bytes) => bytes.into(),
    };
    if !js::wants_warnings(options) {
        return Ok(file);
    }
    js::with_file(api::converted_json(&written.warnings), &file)
}

/// The planner numbers of `input` read as `from`.
///
/// @throws {WorkoutError} on an unknown format or a reader error (with its line and column).
#[wasm_bindgen(unchecked_return_type = "Summary")]
pub fn summary(
    input: &str,
    #[wasm_bindgen(unchecked_param_type = "TextFormat")] from: &str,
    athlete: Option<js::AthleteArg>,
) -> Result<JsValue, JsValue> {
    panic::check()?;
    let athlete = js::athlete(athlete)?;
    js::object(api::summary(input, from, &athlete))
}

/// The workout profile as an SVG document (bars coloured by zone, repeat blocks labelled).
///
/// @throws {WorkoutError} on an unknown format or a reader error (with its line and column).
#[wasm_bindgen(js_name = plotSvg)]
pub fn plot_svg(
    input: &str,
    #[wasm_bindgen(unchecked_param_type = "TextFormat")] from: &str,
    athlete: Option<js::AthleteArg>,
) -> Result<String, JsValue> {
    panic::check()?;
    let athlete = js::athlete(athlete)?;
    api::plot_svg(input, from, &athlete).map_err(js::error)
}

/// Panics with `message`: only in the build the node tests make to test the `panic`
/// module (feature `panic-probe`), never in the package.
#[cfg(feature = "panic-probe")]
#[wasm_bindgen(js_name = panicProbe)]
#[allow(clippy::panic)]
pub fn panic_probe(message: &str) -> Result<(), JsValue> {
    panic::check()?;
    panic!("{message}");
}

/// talc instead of std's dlmalloc: fast, and 2.9 KB gzipped less `.wasm` (see Cargo.toml).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
