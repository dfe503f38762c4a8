//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use workout_doc::{icu, text, Athlete, Parsed};

/// The crate root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/corpus/<sub>` when it exists; otherwise prints a notice and gives `None`.
pub fn corpus(sub: &str) -> Option<PathBuf> {
    let dir = root().join("../shared/corpus").join(sub);
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("notice: {} not found; skipped", dir.display());
        None
    }
}

/// Files of `dir` with extension `ext`, sorted by name.
pub fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

/// What a text snapshot shows: warnings, the canonical text, and the server JSON.
pub fn describe(parsed: &Parsed) -> String {
    let mut out = String::new();
    for w in &parsed.warnings {
        writeln!(out, "warning {w}").unwrap();
    }
    writeln!(out, "--- canonical text").unwrap();
    out.push_str(&text::write(&parsed.workout));
    writeln!(out, "--- workout_doc").unwrap();
    let doc = icu::to_value(&parsed.workout, &Athlete::default());
    out.push_str(&serde_json::to_string_pretty(&doc["steps"]).unwrap());
    out.push('\n');
    out
}

/// Asserts the round-trip laws on one parsed text.
#[track_caller]
pub fn assert_round_trip(name: &str, parsed: &Parsed) {
    let canonical = text::write(&parsed.workout);
    let again = text::parse(&canonical)
        .unwrap_or_else(|e| panic!("{name}: canonical text fails to parse: {e}\n{canonical}"));
    assert_eq!(
        again.workout, parsed.workout,
        "{name}: parse(write(w)) != w\n{canonical}"
    );
    assert_eq!(
        text::write(&again.workout),
        canonical,
        "{name}: write is not stable"
    );
}
