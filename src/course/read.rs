//! Reading course files: sections, header lines, data points, cues and interval names,
//! then points → steps.

use super::{Format, Units};
use crate::athlete::Thresholds;
use crate::codec::one_line;
use crate::codec::{quoted, too_big, Warnings};
use crate::error::{Error, ErrorKind};
use crate::limits;
use crate::model::{
    Amount, Interval, Length, Note, Parsed, PowerUnit, Prompt, Step, Target, Workout,
};
use crate::span::{lines, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    None,
    Header,
    Data,
    Text,
    Intervals,
    Other,
}

struct Point {
    seconds: u32,
    value: f64,
    span: Span,
}

struct Cue {
    at: f64,
    text: String,
    duration: Option<u32>,
    span: Span,
}

pub(crate) fn read(src: &str, format: &Format) -> Result<Parsed, Error> {
    if let Some(e) = too_big(src) {
        return Err(e);
    }
    let body = src.strip_prefix('\u{feff}').unwrap_or(src);
    let bom = src.len() - body.len();
    if body.trim().is_empty() {
        return Err(Error::new(
            ErrorKind::Empty(format!(
                "empty file: expected a .{} course with [COURSE DATA]",
                format.name
            )),
            Span::new(0, src.len()),
            src,
        ));
    }
    let mut r = CourseReader {
        src,
        warnings: Warnings::new(src),
        units: None,
        ftp: None,
        workout: Workout::default(),
        points: Vec::new(),
        cues: Vec::new(),
        names: Vec::new(),
        data_seen: false,
    };
    let mut section = Section::None;
    for (start, line) in lines(body) {
        let start = start + bom;
        let lead = line.len() - line.trim_start().len();
        let text = line.trim();
        let span = Span::new(start + lead, start + lead + text.len());
        if text.is_empty() || text.starts_with(';') {
            continue;
        }
        if text.starts_with('[') {
            section = r.section(text, span);
            continue;
        }
        match section {
            Section::Header => r.header(text, span)?,
            Section::Data => r.data(text, span)?,
            Section::Text => r.cue(text, span),
            Section::Intervals => r.named(text, span),
            Section::Other => {}
            Section::None => r.warnings.push("line outside a section ignored", span),
        }
    }
    let units = r.units.unwrap_or(format.units);
    r.build(units)?;
    Ok(Parsed {
        workout: r.workout,
        warnings: r.warnings.finish(),
        thresholds: Thresholds {
            ftp: r.ftp,
            ..Thresholds::default()
        },
    })
}

struct CourseReader<'a> {
    src: &'a str,
    warnings: Warnings<'a>,
    units: Option<Units>,
    /// The `FTP =` header's watts.
    ftp: Option<f64>,
    workout: Workout,
    points: Vec<Point>,
    cues: Vec<Cue>,
    names: Vec<Named>,
    data_seen: bool,
}

/// A TrainerRoad `[INTERVAL DATA]` line: a named stretch of the course, in seconds.
struct Named {
    start: u32,
    end: u32,
    name: String,
    span: Span,
}

impl CourseReader<'_> {
    /// `start <tab> end <tab> name`.
    fn named(&mut self, text: &str, span: Span) {
        // Tab-separated when there is a tab, else whitespace-separated.
        let tabbed = text.contains('\t');
        let mut fields = text.splitn(
            3,
            |c: char| {
                if tabbed {
                    c == '\t'
                } else {
                    c.is_whitespace()
                }
            },
        );
        let secs = |f: Option<&str>| {
            f.and_then(|v| crate::decimal::parse(v.trim()))
                .filter(|v| v.is_finite() && *v >= 0.0)
                .map(|v| v.round().min(f64::from(u32::MAX)) as u32)
        };
        let (start, end) = (secs(fields.next()), secs(fields.next()));
        let name = fields.next().map(one_line).unwrap_or_default().into_owned();
        match (start, end) {
            (Some(start), Some(end)) if !name.is_empty() => self.names.push(Named {
                start,
                end,
                name,
                span,
            }),
            _ => self
                .warnings
                .push("interval line without start, end and name ignored", span),
        }
    }

    fn error(&self, message: String, span: Span) -> Error {
        Error::new(ErrorKind::Syntax(message), span, self.src)
    }

    fn section(&mut self, text: &str, span: Span) -> Section {
        let name = one_line(
            text.trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or_default(),
        )
        .to_ascii_uppercase();
        match name.as_str() {
            "COURSE HEADER" => Section::Header,
            "COURSE DATA" => {
                self.data_seen = true;
                Section::Data
            }
            "COURSE TEXT" => Section::Text,
            "INTERVAL DATA" => Section::Intervals,
            n if n.starts_with("END ") => Section::None,
            _ => {
                self.warnings
                    .push(format!("section [{}] ignored", quoted(&name)), span);
                Section::Other
            }
        }
    }

    fn header(&mut self, text: &str, span: Span) -> Result<(), Error> {
        if let Some((key, value)) = text.split_once('=') {
            let key = one_line(key);
            let value = value.trim();
            match key.to_ascii_uppercase().as_str() {
                "VERSION" | "UNITS" => {}
                "DESCRIPTION" => {
                    if !value.is_empty() {
                        self.workout.notes = vec![Note {
                            before: 0,
                            text: value.to_string(),
                        }];
                    }
                }
                "FILE NAME" => {
                    self.workout.name = (!value.is_empty()).then(|| value.to_string());
                }
                "FTP" => match crate::decimal::parse(value).and_then(Thresholds::value) {
                    Some(ftp) => {
                        self.ftp = Some(ftp);
                    }
                    _ => self.warnings.push(
                        format!("FTP = {} ignored: expected watts", quoted(value)),
                        span,
                    ),
                },
                _ => self.warnings.push(
                    format!("unknown header line \"{}\" ignored", quoted(&key)),
                    span,
                ),
            }
            return Ok(());
        }
        let mut words = text.split_whitespace();
        let is = |w: Option<&str>, names: &[&str]| {
            w.is_some_and(|w| names.iter().any(|n| w.eq_ignore_ascii_case(n)))
        };
        let (first, second, more) = (words.next(), words.next(), words.next().is_some());
        // `MINUTES PERCENT` (or FTP, PERCENTAGE) and `MINUTES WATTS`, in any case.
        let minutes = is(first, &["MINUTES"]) && !more;
        if minutes && is(second, &["PERCENT", "FTP", "PERCENTAGE"]) {
            self.units = Some(Units::Percent);
        } else if minutes && is(second, &["WATTS"]) {
            self.units = Some(Units::Watts);
        } else if is(first, &["DISTANCE"]) {
            return Err(self.error(
                "expected MINUTES PERCENT or MINUTES WATTS: distance courses are not workouts"
                    .into(),
                span,
            ));
        } else {
            self.warnings.push(
                format!("unknown header line \"{}\" ignored", quoted(text)),
                span,
            );
        }
        Ok(())
    }

    fn data(&mut self, text: &str, span: Span) -> Result<(), Error> {
        let mut words = text.split_whitespace();
        let (Some(t), Some(v)) = (words.next(), words.next()) else {
            return Err(self.error(
                format!("expected minutes and a value, found \"{}\"", quoted(text)),
                span,
            ));
        };
        if v.eq_ignore_ascii_case("LAP") {
            self.warnings.push("lap marker ignored", span);
            return Ok(());
        }
        let minutes = match crate::decimal::parse(t) {
            Some(m) if m.is_finite() && m >= 0.0 => m,
            _ => return Err(self.error(format!("expected minutes, found \"{}\"", quoted(t)), span)),
        };
        let value = match crate::decimal::parse(v) {
            Some(x) if x.is_finite() && (0.0..=limits::MAX_TARGET_VALUE).contains(&x) => x,
            _ => {
                return Err(self.error(
                    format!(
                        "expected a power value after the minutes, found \"{}\"",
                        quoted(v)
                    ),
                    span,
                ))
            }
        };
        if words.next().is_some() {
            self.warnings
                .push("words after the minutes and value ignored", span);
        }
        let seconds = (minutes * 60.0).round();
        if seconds > f64::from(limits::MAX_STEP_SECONDS) * 100.0 {
            return Err(Error::limit(
                "course length in seconds",
                u64::from(limits::MAX_STEP_SECONDS) * 100,
                span,
                self.src,
            ));
        }
        // Finite, non-negative and bounded above: the cast is exact.
        let seconds = seconds as u32;
        if let Some(prev) = self.points.last() {
            if seconds < prev.seconds {
                return Err(self.error(
                    format!(
                        "expected minutes not before the point above, found \"{}\"",
                        quoted(t)
                    ),
                    span,
                ));
            }
        }
        if self.points.len() > 2 * limits::MAX_STEPS {
            return Err(Error::limit(
                "number of course points",
                2 * limits::MAX_STEPS as u64,
                span,
                self.src,
            ));
        }
        self.points.push(Point {
            seconds,
            value,
            span,
        });
        Ok(())
    }

    /// `seconds <tab> text [<tab> display seconds]`; without tabs, spaces separate (and a
    /// last number is the display seconds).
    fn cue(&mut self, text: &str, span: Span) {
        let (at, message, duration) = if text.contains('\t') {
            let mut fields = text.split('\t').map(str::trim);
            let at = fields.next().unwrap_or_default();
            let message = fields.next().unwrap_or_default();
            let duration = fields.next().and_then(|d| d.parse::<u32>().ok());
            (at, message, duration)
        } else {
            let (at, rest) = text
                .split_once(char::is_whitespace)
                .map_or((text, ""), |(a, r)| (a, r.trim()));
            match rest.rsplit_once(char::is_whitespace) {
                Some((m, d)) if d.parse::<u32>().is_ok() => (at, m.trim(), d.parse::<u32>().ok()),
                _ => (at, rest, None),
            }
        };
        let Some(at) = crate::decimal::parse(at).filter(|a| a.is_finite() && *a >= 0.0) else {
            self.warnings
                .push("course text line without a time in seconds ignored", span);
            return;
        };
        let message = one_line(message).into_owned();
        if message.is_empty() {
            self.warnings.push("empty course text ignored", span);
            return;
        }
        if crate::prompt::has_marker(&message) {
            self.warnings.push(crate::prompt::MARKER_IN_MESSAGE, span);
        }
        self.cues.push(Cue {
            at,
            text: message,
            duration,
            span,
        });
    }

    /// Points → steps, then cues → prompts.
    fn build(&mut self, units: Units) -> Result<(), Error> {
        if !self.data_seen || self.points.len() < 2 {
            let end = self.src.len();
            return Err(Error::new(
                ErrorKind::Empty("expected [COURSE DATA] with at least two points".into()),
                Span::new(end, end),
                self.src,
            ));
        }
        let units = match units {
            Units::Percent => PowerUnit::PercentFtp,
            Units::Watts => PowerUnit::Watts,
        };
        let mut steps: Vec<Interval> = Vec::new();
        let mut starts: Vec<u32> = Vec::new();
        for pair in self.points.windows(2) {
            let [a, b] = pair else { continue };
            let secs = b.seconds - a.seconds;
            if secs == 0 {
                continue;
            }
            let steady = a.value == b.value;
            if steady {
                if let Some(last) = steps.last_mut() {
                    let same = !last.ramp
                        && last.power.as_ref().map(|p| p.amount) == Some(Amount::Value(a.value));
                    let merged = match last.length {
                        Length::Time(s) => s.saturating_add(secs),
                        Length::Distance { .. } => u32::MAX,
                    };
                    if same && merged <= limits::MAX_STEP_SECONDS {
                        last.length = Length::Time(merged);
                        last.span = Span::new(last.span.start, b.span.end);
                        continue;
                    }
                }
            }
            if secs > limits::MAX_STEP_SECONDS {
                return Err(Error::limit(
                    "step duration in seconds",
                    u64::from(limits::MAX_STEP_SECONDS),
                    Span::new(a.span.start, b.span.end),
                    self.src,
                ));
            }
            let amount = if steady {
                Amount::Value(a.value)
            } else {
                Amount::Range {
                    start: a.value,
                    end: b.value,
                }
            };
            starts.push(a.seconds);
            steps.push(Interval {
                length: Length::Time(secs),
                power: Some(Target::new(units, amount)),
                ramp: !steady,
                span: Span::new(a.span.start, b.span.end),
                ..Interval::default()
            });
        }
        if steps.is_empty() {
            let span = self.points.first().map(|p| p.span).unwrap_or_default();
            self.warnings
                .push("all course points are at the same time: no steps", span);
        }
        if let Some(first) = self.points.first().filter(|p| p.seconds > 0) {
            self.warnings.push(
                "course data starts after minute 0: the time before it is left out",
                first.span,
            );
        }
        let origin = self.points.first().map_or(0, |p| p.seconds);
        let end = self.points.last().map_or(0, |p| p.seconds);
        let mut prompts: Vec<Vec<Prompt>> = vec![Vec::new(); steps.len()];
        for named in std::mem::take(&mut self.names) {
            let index = starts.iter().position(|s| *s == named.start);
            let step = index.and_then(|i| Some((prompts.get_mut(i)?, steps.get(i)?)));
            match step {
                Some((list, step))
                    if step.length == Length::Time(named.end.saturating_sub(named.start)) =>
                {
                    list.push(Prompt {
                        offset: 0,
                        duration: None,
                        text: named.name,
                    });
                }
                _ => self.warnings.push(
                    format!(
                        "interval \"{}\" is not one step: its name is left out",
                        quoted(&named.name)
                    ),
                    named.span,
                ),
            }
        }
        for cue in std::mem::take(&mut self.cues) {
            let at = cue.at.round().min(f64::from(u32::MAX)) as u32;
            let index = starts.partition_point(|s| *s <= at).saturating_sub(1);
            if at < origin || at >= end {
                self.warnings.push(
                    "course text outside the workout: shown on the nearest step",
                    cue.span,
                );
            }
            let (Some(list), Some(start)) = (prompts.get_mut(index), starts.get(index)) else {
                continue;
            };
            list.push(Prompt {
                offset: at.saturating_sub(*start),
                duration: cue.duration,
                text: cue.text,
            });
        }
        for (step, mut list) in steps.iter_mut().zip(prompts) {
            crate::order::sort_by_key(&mut list, |p| p.offset.into());
            let text = Prompt::join(&list);
            step.text = (!text.is_empty()).then_some(text);
        }
        self.workout.steps = steps.into_iter().map(Step::Interval).collect();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_on_any_line_break() {
        let got: Vec<(usize, &str)> = lines("a\r\nb\rc\nd").collect();
        assert_eq!(got, [(0, "a"), (3, "b"), (5, "c"), (7, "d")]);
    }
}
