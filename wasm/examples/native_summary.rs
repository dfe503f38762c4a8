//! Prints the summary of a workout text file as JSON, computed by the native library
//! directly (not through this crate), for the node tests to compare the WASM build with.
//! The athlete matches the one in `wasm/tests/package.test.mjs`.
//!
//! `cargo run -p workout-doc-wasm --example native_summary -- fixtures/text/vo2max_4x8.txt`

use workout_doc::{text, Athlete, Sport};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "fixtures/text/vo2max_4x8.txt".into());
    let src = std::fs::read_to_string(&path)?;
    let w = text::parse(&src)
        .map_err(|e| format!("{path}:{e}"))?
        .workout;
    let athlete = Athlete {
        ftp: Some(250.0),
        lthr: Some(170.0),
        max_hr: Some(190.0),
        sport: Some(Sport::Ride),
        ..Athlete::default()
    };
    println!("{}", serde_json::to_string(&w.summary(&athlete))?);
    Ok(())
}
