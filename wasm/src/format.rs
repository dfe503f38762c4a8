//! Formats by the names the JS API passes: the library's [`Format`].

use crate::Failure;
use workout_doc::Format;

/// The format called `name` (any case; `txt` names text too).
///
/// ```
/// use workout_doc::Format;
/// assert_eq!(workout_doc_wasm::format_by_name("JSON").unwrap(), Format::Json);
/// assert!(workout_doc_wasm::format_by_name("pdf").is_err());
/// ```
///
/// # Errors
/// An unknown name, with the list of known ones.
pub fn format_by_name(name: &str) -> Result<Format, Failure> {
    Format::from_name(name).ok_or_else(|| {
        let names = Format::ALL.map(Format::name).join(", ");
        Failure::usage(format!(
            "unknown format \"{name}\": expected one of {names}"
        ))
    })
}
