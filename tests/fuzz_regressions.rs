//! Inputs the fuzzers found, kept so the bugs stay fixed. Each must parse without panic
//! and keep the round-trip law.
#![cfg(not(target_arch = "wasm32"))]

mod util;

use workout_doc::text;

/// Text inputs, each with what it once broke.
const TEXT: &[(&str, &str)] = &[(
    "- 10m\t60\n\n%\r\rMain set 2x\r\n\t- 1m 110%  \r\n- 11m\t60%\r\n\r\nMain set 2x\r\n\t- 1m 110%  \r\n-1m 50%\r\n",
    "a lone \\r inside a header line: it now ends the line, as in old Mac files",
), (
    "-\x0b 2m",
    "a vertical tab is a word to the parser (ASCII whitespace splits words), so the writer keeps it",
), (
    "-1'5w 5m",
    "`1'` was cut off `1'5w` as text, but alone it is a duration; only punctuation is cut now",
), (
    "Category:3x",
    "an option line ending in Nx was written back as a repeat header; Category: now wins",
)];

#[test]
fn text_regressions() {
    for (src, what) in TEXT {
        let parsed = text::parse(src).unwrap_or_else(|e| panic!("{what}: {e}"));
        util::assert_round_trip(what, &parsed);
    }
}
