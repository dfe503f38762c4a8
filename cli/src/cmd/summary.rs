//! `workout summary`: the numbers a planner shows, as a table or JSON.

use super::{load, require_steps};
use crate::args::SummaryArgs;
use crate::io;
use anyhow::{Context, Result};
use serde_json::{Map, Value};
use std::fmt::Write as _;
use workout_doc::athlete::Thresholds;
use workout_doc::{Athlete, PaceLength, Summary, Workout, ZoneTime};

pub fn run(a: &SummaryArgs) -> Result<()> {
    let given = a.athlete.given()?;
    let (src, from, mut parsed) = load(&a.input)?;
    let (athlete, defaults) = given.apply(&mut parsed);
    require_steps(&src, from, &parsed.workout)?;
    crate::diag::strict()?;
    let w = &parsed.workout;
    let assumed = used(w, defaults);
    let summary = w.summary(&athlete);
    let out = if a.json {
        json(&summary, &assumed)?
    } else {
        table(&src.name, w, &summary, &athlete, &assumed)
    };
    io::write_stdout(out.as_bytes())
}

/// The defaults among the thresholds `w`'s targets need: FTP for power, LTHR and max HR
/// for heart rate, threshold pace for pace.
fn used(w: &Workout, defaults: Thresholds) -> Thresholds {
    let (mut power, mut hr, mut pace) = (false, false, false);
    for (_, i) in w.intervals() {
        power |= i.power.is_some();
        hr |= i.hr.is_some();
        pace |= i.pace.is_some();
    }
    Thresholds {
        ftp: defaults.ftp.filter(|_| power),
        lthr: defaults.lthr.filter(|_| hr),
        max_hr: defaults.max_hr.filter(|_| hr),
        threshold_pace: defaults.threshold_pace.filter(|_| pace),
    }
}

/// The summary's JSON, then `defaults`: the thresholds it assumed (W, bpm, m/s), if any.
#[derive(serde::Serialize)]
struct Json<'a> {
    #[serde(flatten)]
    summary: &'a Summary,
    #[serde(skip_serializing_if = "Map::is_empty")]
    defaults: Map<String, Value>,
}

fn json(summary: &Summary, assumed: &Thresholds) -> Result<String> {
    let defaults = [
        ("ftp", assumed.ftp),
        ("lthr", assumed.lthr),
        ("max_hr", assumed.max_hr),
        ("threshold_pace", assumed.threshold_pace),
    ]
    .into_iter()
    .filter_map(|(k, v)| {
        // Whole numbers as integers (`200`), as the summary's own fields are.
        let v = v?;
        let number = if v.fract() == 0.0 {
            Value::from(v as i64)
        } else {
            Value::from(v)
        };
        Some((k.to_string(), number))
    })
    .collect();
    let out = Json { summary, defaults };
    let mut s = serde_json::to_string_pretty(&out).context("cannot write the summary")?;
    s.push('\n');
    Ok(s)
}

/// Width of the zone bars in characters.
const BAR: usize = 24;

fn table(name: &str, w: &Workout, s: &Summary, a: &Athlete, assumed: &Thresholds) -> String {
    let mut out = String::new();
    let title = w
        .name
        .as_deref()
        .or_else(|| w.description().and_then(|d| d.lines().next()))
        .unwrap_or(name);
    // The title comes from the file: printed safely, on one line.
    let _ = writeln!(out, "{}", workout_doc::printable(title, 100));
    let mut row = |label: &str, value: String| {
        let _ = writeln!(out, "  {label:<12}{value}");
    };
    row("Duration", clock(s.duration));
    if s.distance > 0.0 {
        row("Distance", distance(s.distance));
    }
    if let Some(v) = s.average_watts {
        row("Avg power", format!("{v} W"));
    }
    if let Some(v) = s.normalized_power {
        row("NP", format!("{v} W"));
    }
    if let Some(v) = s.intensity {
        row("Intensity", format!("{v:.0}%"));
    }
    row(
        "Load",
        s.training_load
            .map_or_else(|| "—".into(), |v| v.to_string()),
    );
    let length = w
        .sport
        .or(a.sport)
        .map_or(PaceLength::Km, |s| s.pace_length());
    if let Some(line) = defaults_line(assumed, length) {
        row("Defaults", line);
    }
    zones(
        &mut out,
        "Power zones",
        &s.zone_times,
        s.duration,
        |v| format!("{v:.0}"),
        "W",
        true,
    );
    zones(
        &mut out,
        "Heart-rate zones",
        &s.hr_zone_times,
        s.duration,
        |v| format!("{v:.0}"),
        "bpm",
        false,
    );
    zones(
        &mut out,
        "Pace zones",
        &s.pace_zone_times,
        s.duration,
        |v| pace(length.metres() / v),
        length.suffix(),
        true,
    );
    out
}

/// `FTP 200 W, threshold pace 4:30/km (set with --ftp, --threshold-pace)`: the defaults the
/// numbers assumed, if any.
fn defaults_line(assumed: &Thresholds, length: PaceLength) -> Option<String> {
    let pace_text = |speed: f64| format!("{}{}", pace(length.metres() / speed), length.suffix());
    let found: Vec<(String, &str)> = [
        (assumed.ftp.map(|v| format!("FTP {v:.0} W")), "--ftp"),
        (assumed.lthr.map(|v| format!("LTHR {v:.0} bpm")), "--lthr"),
        (
            assumed.max_hr.map(|v| format!("max HR {v:.0} bpm")),
            "--max-hr",
        ),
        (
            assumed
                .threshold_pace
                .map(|v| format!("threshold pace {}", pace_text(v))),
            "--threshold-pace",
        ),
    ]
    .into_iter()
    .filter_map(|(text, flag)| Some((text?, flag)))
    .collect();
    if found.is_empty() {
        return None;
    }
    let (values, flags): (Vec<String>, Vec<&str>) = found.into_iter().unzip();
    Some(format!(
        "{} (set with {})",
        values.join(", "),
        flags.join(", ")
    ))
}

/// A zone table: id, name, bounds, time, bar, share.
fn zones(
    out: &mut String,
    heading: &str,
    zones: &[ZoneTime],
    total: u64,
    value: impl Fn(f64) -> String,
    unit: &str,
    open_top: bool,
) {
    if zones.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{heading}");
    // The top zone of a table whose last bound is open (power, pace) shows as `lo+`.
    let top = zones.iter().rposition(|z| z.id != "SS");
    let bounds: Vec<String> = zones
        .iter()
        .enumerate()
        .map(|(i, z)| match (z.min, z.max) {
            (Some(lo), Some(hi)) if !(open_top && Some(i) == top) => {
                format!("{}–{} {unit}", value(lo), value(hi))
            }
            (Some(lo), _) => format!("{}+ {unit}", value(lo)),
            (None, Some(hi)) => format!("< {} {unit}", value(hi)),
            (None, None) => String::new(),
        })
        .collect();
    let name_w = zones
        .iter()
        .map(|z| label(z).chars().count())
        .max()
        .unwrap_or(0);
    let bound_w = bounds.iter().map(|b| b.chars().count()).max().unwrap_or(0);
    for (z, b) in zones.iter().zip(&bounds) {
        let share = if total > 0 {
            z.secs as f64 / total as f64
        } else {
            0.0
        };
        let _ = writeln!(
            out,
            "  {:<name_w$}  {b:<bound_w$}  {:>8}  {:<BAR$}  {:>3.0}%",
            label(z),
            clock(z.secs),
            bar(share),
            share * 100.0
        );
    }
}

fn label(z: &ZoneTime) -> String {
    if z.name.is_empty() || z.name == z.id {
        z.id.to_string()
    } else {
        format!("{} {}", z.id, z.name)
    }
}

/// A bar of `share` × [`BAR`] characters in eighths.
fn bar(share: f64) -> String {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = (share.clamp(0.0, 1.0) * (BAR * 8) as f64).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        s.extend(PARTS.get(eighths % 8));
    }
    s
}

/// `1:34:00` or `45:00`.
fn clock(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

fn distance(m: f64) -> String {
    if m >= 1000.0 {
        format!("{:.2} km", m / 1000.0)
    } else {
        format!("{m:.0} m")
    }
}

/// Seconds as `m:ss`.
fn pace(secs: f64) -> String {
    if !secs.is_finite() || secs <= 0.0 {
        return "—".into();
    }
    let t = secs.round() as u64;
    format!("{}:{:02}", t / 60, t % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_and_clocks() {
        assert_eq!(bar(1.0).chars().count(), BAR);
        assert_eq!(bar(0.0), "");
        assert_eq!(bar(1.0 / 48.0), "▌");
        assert_eq!(clock(5640), "1:34:00");
        assert_eq!(pace(270.0), "4:30");
    }
}
