//! Helpers shared by the integration tests.
#![allow(dead_code)]

use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use workout_doc::{icu, text, Athlete, Parsed, Sport};

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
    // No thresholds, and without the athlete-resolved `_` fields: the steps as the text
    // says them (distance steps at an absolute pace still get their duration).
    let doc = icu::to_value(&parsed.workout, &Athlete::no_thresholds());
    out.push_str(&serde_json::to_string_pretty(&strip_resolved(&doc["steps"])).unwrap());
    out.push('\n');
    out
}

/// `v` without `_`-prefixed keys, at any depth.
pub fn strip_resolved(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| !k.starts_with('_'))
                .map(|(k, v)| (k.clone(), strip_resolved(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(strip_resolved).collect()),
        other => other.clone(),
    }
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

/// The athlete a record was computed for. `rgw-*`: FTP as the harvester derived it
/// (`ftp_used_derived` = round(NP / intensity × 100)), or the FTP at harvest; when the record
/// keeps the server's zone table, the FTP that table was built from. `tp2i-*`: the recorded
/// thresholds of athlete i55661 (FTP 240, LTHR 170, threshold 2.631579 m/s run and
/// 0.8333333 m/s swim); max HR 198 and HR zones 115/140/159/178/198 fit its `_hr` values
/// and zone tables (Z3's top lies anywhere in 141..159); power zones banded the 2024 way.
pub fn athlete_for(name: &str, r: &Value) -> Athlete {
    let a = &r["athlete"];
    let sport = r["sport"].as_str().unwrap_or("Ride");
    let num = |k: &str| a.get(k).and_then(Value::as_f64);
    let mut athlete = Athlete {
        sport: Sport::from_name(sport),
        indoor: sport == "VirtualRide",
        ..Athlete::default()
    };
    if name.starts_with("tp2i-") {
        athlete.ftp = Some(num("ftp").unwrap_or(240.0));
        athlete.lthr = Some(num("lthr").unwrap_or(170.0));
        athlete.max_hr = Some(198.0);
        athlete.hr_zones = vec![115.0, 140.0, 159.0, 178.0, 198.0];
        athlete.power_zone_rule = workout_doc::zones::PowerZoneRule::Percent;
        let swim = sport == "Swim";
        athlete.threshold_pace =
            Some(num("threshold_pace").unwrap_or(if swim { 0.8333333 } else { 2.631579 }));
    } else {
        let forced = std::env::var("RGW_FTP").ok().and_then(|v| v.parse().ok());
        if let Some(ftp) = forced
            .or_else(|| table_ftp(r))
            .or_else(|| num("ftp_used_derived"))
            .or_else(|| num("ftp"))
            .or_else(|| num("ftp_at_harvest"))
        {
            athlete.ftp = Some(ftp);
        }
        if let Some(z) = a
            .get("power_zones_at_harvest")
            .or_else(|| a.get("power_zones"))
            .and_then(Value::as_array)
        {
            athlete.power_zones = z.iter().filter_map(Value::as_f64).collect();
        }
    }
    athlete
}

/// The FTP a server zone table was built from: the smallest whole FTP whose Z1 top
/// (`floor(55 % × FTP)`) is the table's.
pub fn table_ftp(r: &Value) -> Option<f64> {
    let zt = r["workout_doc"]["zoneTimes"].as_array()?;
    let z1 = zt.first()?.get("maxWatts")?.as_f64()?;
    let z2 = zt.get(1)?.get("maxWatts")?.as_f64()?;
    (100..600)
        .map(f64::from)
        .find(|f| (0.55 * f).floor() == z1 && (0.75 * f).floor() == z2)
}

/// FIT `records` as a whole file: header (with data size), records, CRCs.
pub fn fit_file(records: &[u8]) -> Vec<u8> {
    fn crc(bytes: &[u8]) -> u16 {
        const T: [u16; 16] = [
            0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401, 0xA001, 0x6C00, 0x7800,
            0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
        ];
        let mut c = 0u16;
        for &b in bytes {
            let t = T[usize::from(c & 0xF)];
            c = (c >> 4) & 0x0FFF;
            c = c ^ t ^ T[usize::from(b & 0xF)];
            let t = T[usize::from(c & 0xF)];
            c = (c >> 4) & 0x0FFF;
            c = c ^ t ^ T[usize::from((b >> 4) & 0xF)];
        }
        c
    }
    let mut out = vec![14, 0x20, 0, 0];
    out.extend((records.len() as u32).to_le_bytes());
    out.extend(b".FIT");
    let h = crc(&out);
    out.extend(h.to_le_bytes());
    out.extend(records);
    let c = crc(&out);
    out.extend(c.to_le_bytes());
    out
}

/// FIT records: file_id (workout), then workout_steps of (duration type, value, target value).
pub fn fit_steps(list: &[(u8, u32, u32)]) -> Vec<u8> {
    let mut r = vec![0x40, 0, 0, 0, 0, 1, 0, 1, 0, 0x00, 5];
    r.extend([0x41, 0, 0, 27, 0, 3, 1, 1, 0, 2, 4, 0x86, 4, 4, 0x86]);
    for &(kind, value, target) in list {
        r.push(0x01);
        r.push(kind);
        r.extend(value.to_le_bytes());
        r.extend(target.to_le_bytes());
    }
    r
}
