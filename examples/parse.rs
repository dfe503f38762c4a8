//! Reads a workout text file (default: the bundled 4x8m VO2 max example), prints its
//! canonical text, its Intervals.icu JSON and any warnings.
//!
//! `cargo run --example parse -- fixtures/text/vo2max_4x8.txt`

use workout_doc::{icu, text, Athlete};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "fixtures/text/vo2max_4x8.txt".into());
    let src = std::fs::read_to_string(&path)?;
    let parsed = text::parse(&src).map_err(|e| format!("{path}:{e}"))?;
    for w in &parsed.warnings {
        eprintln!("{path}:{w}");
    }
    print!("{}", text::write(&parsed.workout));
    println!("{}", icu::to_json(&parsed.workout, &Athlete::default())?);
    Ok(())
}
