//! Writing course files: header, two points per step, cues.

use super::{Format, Units};
use crate::athlete::Athlete;
use crate::codec::one_line;
use crate::codec::{field, missing, number, Losses, Written};
use crate::error::{Error, ErrorKind};
use crate::limits;
use crate::model::{Amount, Interval, Length, PowerUnit, Step, Workout};
use crate::span::Span;
use std::fmt::Write as _;

/// The default power for a step without one when writing: GoldenCheetah's free-ride 70%.
const DEFAULT_PERCENT: f64 = 70.0;

pub(crate) fn write(w: &Workout, athlete: &Athlete, format: &Format) -> Result<Written, Error> {
    let ftp = athlete.ftp.filter(|f| f.is_finite() && *f > 0.0);
    let mut losses = Losses::default();
    let mut head = String::from("[COURSE HEADER]\nVERSION = 2\nUNITS = ENGLISH\n");
    if let Some(d) = w.description() {
        let one = one_line(d);
        if one.len() != d.len() && d.contains('\n') {
            losses.add("description written on one line", 1, Span::default());
        }
        let _ = writeln!(head, "DESCRIPTION = {one}");
    }
    if let Some(name) = &w.name {
        let _ = writeln!(head, "FILE NAME = {}", one_line(name));
    }
    if let (Units::Watts, Some(f)) = (format.units, ftp) {
        head.push_str("FTP = ");
        number(&mut head, f, 2);
        head.push('\n');
    }
    head.push_str(match format.units {
        Units::Percent => "MINUTES PERCENT\n",
        Units::Watts => "MINUTES WATTS\n",
    });
    head.push_str("[END COURSE HEADER]\n[COURSE DATA]\n");
    losses.fields(w, field::NAME, "course files");
    losses.notes_past_description(w, "course files");

    let mut writer = CourseWriter {
        format,
        ftp,
        losses,
        data: head,
        cues: String::new(),
        at: 0,
        count: 0,
    };
    for (index, step) in w.steps.iter().enumerate() {
        let n = index + 1;
        match step {
            Step::Interval(i) => writer.interval(i, n)?,
            Step::Repeat(r) => {
                writer.losses.add(
                    "repeat block written unrolled: course files have no repeats",
                    n,
                    r.span,
                );
                for _ in 0..r.reps {
                    for i in &r.steps {
                        writer.interval(i, n)?;
                    }
                }
            }
        }
    }
    if writer.count == 0 {
        return Err(Error::new(
            ErrorKind::Empty("a course file needs at least one step to write".into()),
            Span::default(),
            "",
        ));
    }
    let mut text = writer.data;
    text.push_str("[END COURSE DATA]\n");
    if !writer.cues.is_empty() {
        text.push_str("[COURSE TEXT]\n");
        text.push_str(&writer.cues);
        text.push_str("[END COURSE TEXT]\n");
    }
    Ok(Written {
        file: text,
        warnings: writer.losses.finish(),
    })
}

struct CourseWriter<'f> {
    format: &'f Format,
    ftp: Option<f64>,
    losses: Losses,
    data: String,
    cues: String,
    /// Seconds written so far.
    at: u64,
    count: usize,
}

impl CourseWriter<'_> {
    fn interval(&mut self, i: &Interval, n: usize) -> Result<(), Error> {
        self.count += 1;
        if self.count > limits::MAX_STEPS {
            return Err(Error::limit(
                "number of course steps",
                limits::MAX_STEPS as u64,
                i.span,
                "",
            ));
        }
        let Length::Time(secs) = i.length else {
            return Err(missing(
                format!(
                    "step {n} lasts a distance: .{} steps need a time",
                    self.format.name
                ),
                i.span,
            ));
        };
        let (start, end) = self.values(i, n)?;
        let t0 = self.at;
        let t1 = t0 + u64::from(secs);
        for (t, v) in [(t0, start), (t1, end)] {
            minutes(&mut self.data, t);
            self.data.push('\t');
            number(&mut self.data, v, 4);
            self.data.push('\n');
        }
        // Cues go out in time order, as readers file them; a prompt without words has
        // nothing to show (course readers skip empty cues), and one after its step's end
        // would be filed under a later step.
        let mut prompts = i.prompts();
        prompts.retain(|p| !p.text.is_empty());
        crate::order::sort_by_key(&mut prompts, |p| p.offset.into());
        for p in prompts {
            if p.offset >= secs {
                self.losses.add(
                    "prompt after its step's end left out: course cues are filed by time",
                    n,
                    i.span,
                );
                continue;
            }
            let _ = write!(self.cues, "{}\t", t0 + u64::from(p.offset));
            self.cues.push_str(&p.text.replace('\t', " "));
            if let Some(d) = p.duration {
                let _ = write!(self.cues, "\t{d}");
            }
            self.cues.push('\n');
        }
        self.at = t1;
        for (on, what) in [
            (i.hr.is_some(), "heart-rate target left out"),
            (i.pace.is_some(), "pace target left out"),
            (i.cadence.is_some(), "cadence left out"),
            (i.freeride, "free ride written as an erg step"),
            (i.maxeffort, "max effort written as an erg step"),
            (i.warmup || i.cooldown, "warm-up/cool-down label left out"),
            (
                i.hidepower || i.until_lap_press,
                "display and lap flags left out",
            ),
            (i.intensity.is_some(), "step type (intensity=) left out"),
        ] {
            if on {
                self.losses.add(what, n, i.span);
            }
        }
        Ok(())
    }

    /// The start and end values in the file's units.
    fn values(&mut self, i: &Interval, n: usize) -> Result<(f64, f64), Error> {
        let (units, amount) = match &i.power {
            Some(p) if matches!(p.units, PowerUnit::PercentFtp | PowerUnit::Watts) => {
                (p.units, p.amount)
            }
            _ => {
                self.losses.add(
                    "step without a power target written at 70% of ftp",
                    n,
                    i.span,
                );
                (PowerUnit::PercentFtp, Amount::Value(DEFAULT_PERCENT))
            }
        };
        let (file_units, ftp) = (self.format.units, self.ftp);
        let convert = |v: f64| -> Option<f64> {
            match (file_units, units) {
                (Units::Percent, PowerUnit::PercentFtp) | (Units::Watts, PowerUnit::Watts) => {
                    Some(v)
                }
                (Units::Percent, _) => ftp.map(|f| v / f * 100.0),
                (Units::Watts, _) => ftp.map(|f| v * f / 100.0),
            }
        };
        let (a, b) = match amount {
            Amount::Range { start, end } if i.ramp => (start, end),
            Amount::Range { .. } => {
                self.losses
                    .add("power range written as its midpoint", n, i.span);
                (amount.mid(), amount.mid())
            }
            Amount::Value(v) => (v, v),
        };
        match (convert(a), convert(b)) {
            (Some(a), Some(b)) => {
                let ftp = ftp.unwrap_or_default();
                if self.format.units == Units::Percent && units == PowerUnit::Watts {
                    let what = format!("watts written as percent of an ftp of {ftp} w");
                    self.losses.add(&what, n, i.span);
                }
                if self.format.units == Units::Watts && units != PowerUnit::Watts {
                    let what = format!("percent of ftp written as watts for an ftp of {ftp} w");
                    self.losses.add(&what, n, i.span);
                }
                // Converted values must stay within what readers accept.
                if a.max(b) > limits::MAX_TARGET_VALUE {
                    return Err(Error::limit(
                        "converted target value",
                        limits::MAX_TARGET_VALUE as u64,
                        i.span,
                        "",
                    ));
                }
                Ok((a, b))
            }
            _ => {
                let what = if units == PowerUnit::Watts {
                    "a watts target"
                } else {
                    "a percent-of-ftp target"
                };
                Err(missing(
                    format!(
                        "step {n} has {what}: writing .{} needs an ftp",
                        self.format.name
                    ),
                    i.span,
                ))
            }
        }
    }
}
/// Minutes with the fewest decimals (2 or 4) that give back the same whole seconds.
fn minutes(out: &mut String, seconds: u64) {
    // Hundredths of a minute when exact (whole multiples of 0.6 s), else ten-thousandths,
    // in integers: `124` s → `2.0667`.
    let (scaled, width) = if (seconds * 100).is_multiple_of(60) {
        (seconds * 100 / 60, 2)
    } else {
        ((seconds * 10_000 + 30) / 60, 4)
    };
    let unit = 10u64.pow(width);
    let _ = write!(
        out,
        "{}.{:0w$}",
        scaled / unit,
        scaled % unit,
        w = width as usize
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_keep_seconds() {
        for s in [0u64, 1, 2, 59, 61, 124, 3599, 3600, 86399] {
            let mut out = String::new();
            minutes(&mut out, s);
            let back = (out.parse::<f64>().unwrap() * 60.0).round() as u64;
            assert_eq!(back, s, "{out}");
        }
    }
}
