//! Writes what the native library makes of a workout text file, computed directly (not
//! through this crate), for the node tests to compare the WASM build with: into `OUT_DIR`,
//! `summary.json` (the summary), `default.fit` (the FIT file, single values ±3 %) and
//! `10W.fit` (single power values ±10 W). The athlete matches the one in
//! `wasm/tests/package.test.mjs`.
//!
//! `cargo run -p workout-doc-wasm --example native -- fixtures/text/vo2max_4x8.txt OUT_DIR`

use std::path::PathBuf;
use workout_doc::fit::{self, Spread};
use workout_doc::{text, Athlete, Sport};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(out)) = (args.next(), args.next().map(PathBuf::from)) else {
        return Err("usage: native WORKOUT.txt OUT_DIR".into());
    };
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
    std::fs::create_dir_all(&out)?;
    let summary = serde_json::to_string(&w.summary(&athlete))?;
    std::fs::write(out.join("summary.json"), summary)?;
    for (name, spread) in [("default", Spread::DEFAULT), ("10W", Spread::Watts(10.0))] {
        let options = fit::Options {
            spread,
            ..fit::Options::default()
        };
        let file = fit::write_with_options(&w, &athlete, &options)?.file;
        std::fs::write(out.join(format!("{name}.fit")), file)?;
    }
    Ok(())
}
