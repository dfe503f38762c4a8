//! `workout summary`: the numbers a planner shows, as a table or JSON.

use super::load;
use crate::args::SummaryArgs;
use crate::io;
use anyhow::{Context, Result};
use std::fmt::Write as _;
use workout_doc::{Athlete, Sport, Summary, Workout, ZoneTime};

pub fn run(a: &SummaryArgs) -> Result<()> {
    let athlete = a.athlete.athlete()?;
    let (src, parsed) = load(&a.input)?;
    let summary = parsed.workout.summary(&athlete);
    let out = if a.json {
        let mut s = serde_json::to_string_pretty(&summary).context("cannot write the summary")?;
        s.push('\n');
        s
    } else {
        table(&src.name, &parsed.workout, &summary, &athlete)
    };
    io::write_stdout(out.as_bytes())
}

/// Width of the zone bars in characters.
const BAR: usize = 24;

fn table(name: &str, w: &Workout, s: &Summary, a: &Athlete) -> String {
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
    let sport = w.sport.or(a.sport);
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
    let (len, unit) = match sport {
        Some(Sport::Swim) => (100.0, "/100m"),
        _ => (1000.0, "/km"),
    };
    zones(
        &mut out,
        "Pace zones",
        &s.pace_zone_times,
        s.duration,
        |v| pace(len / v),
        unit,
        true,
    );
    out
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
