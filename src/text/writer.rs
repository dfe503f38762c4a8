//! The canonical text writer.
//!
//! Canonical form: notes, runs of plain steps, `Warmup` / `Cooldown` sections and repeat
//! blocks are groups separated by one blank line; the category line follows the first
//! paragraph (or opens the text); each step line is
//! `- [text] length [ramp] [power] [hr] [pace] [cadence] [flags] [settings]`; numbers are
//! written in their shortest form (`75`, `87.5`); durations as `1h2m30s`.

use super::vocab::{self, Flag};
use crate::codec::{field, Losses};
use crate::error::Warning;
use crate::model::{
    Amount, HrUnit, Interval, Length, PaceUnit, PowerUnit, Repeat, Step, Target, Workout,
};
use std::fmt::Write as _;

/// The warnings for what [`write`] leaves out: every field but the category, and but the
/// name and sport, which Intervals.icu keeps beside the text ([`field::BESIDE`]).
pub(crate) fn left_out(w: &Workout) -> Vec<Warning> {
    let mut losses = Losses::default();
    losses.fields(w, field::CATEGORY | field::BESIDE, "workout text");
    losses.finish()
}

/// Writes the canonical text of a workout; [`crate::text::parse`] reads it back to an
/// equal tree (for any tree the parser makes). The fields workout text has no place for
/// (name, author, subcategory, tags, sport) are not written; [`crate::Format::write`]
/// names them in a warning.
///
/// ```
/// use workout_doc::text;
/// let w = text::parse("- 1h2m30s 95-105%  90rpm\n- Easy 5m z1")?.workout;
/// assert_eq!(text::write(&w), "- 1h2m30s 95-105% 90rpm\n- Easy 5m Z1\n");
/// # Ok::<(), workout_doc::Error>(())
/// ```
pub fn write(w: &Workout) -> String {
    let mut out = Writer::default();
    let mut notes = w.notes.iter().peekable();
    let mut category = w.category.as_deref();
    for (index, step) in w.steps.iter().enumerate() {
        while let Some(note) = notes.next_if(|n| n.before <= index) {
            out.note(&note.text, &mut category);
        }
        match step {
            Step::Interval(i) => out.interval(i),
            Step::Repeat(r) => out.repeat(r),
        }
    }
    for note in notes {
        out.note(&note.text, &mut category);
    }
    if let Some(c) = category {
        out.start(Group::Note);
        out.category(c);
    }
    out.text
}

/// The kind of group the writer is in; a new kind starts after a blank line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    None,
    Note,
    Plain,
    Warmup,
    Cooldown,
    Repeat,
}

struct Writer {
    text: String,
    group: Group,
}

impl Default for Writer {
    fn default() -> Self {
        Writer {
            text: String::new(),
            group: Group::None,
        }
    }
}

impl Writer {
    /// Opens a group, with a blank line after the previous one.
    fn start(&mut self, group: Group) {
        if self.group != Group::None {
            self.text.push('\n');
        }
        self.group = group;
    }

    fn note(&mut self, text: &str, category: &mut Option<&str>) {
        self.start(Group::Note);
        self.text.push_str(text);
        self.text.push('\n');
        if let Some(c) = category.take() {
            self.category(c);
        }
    }

    fn category(&mut self, category: &str) {
        let _ = writeln!(self.text, "{}: {category}", vocab::CATEGORY);
    }

    fn interval(&mut self, i: &Interval) {
        let group = if i.warmup {
            Group::Warmup
        } else if i.cooldown {
            Group::Cooldown
        } else {
            Group::Plain
        };
        if self.group != group {
            self.start(group);
            let header = match group {
                Group::Warmup => vocab::WARMUP,
                Group::Cooldown => vocab::COOLDOWN,
                _ => "",
            };
            if !header.is_empty() {
                self.text.push_str(header);
                self.text.push('\n');
            }
        }
        step_line(&mut self.text, i);
    }

    fn repeat(&mut self, r: &Repeat) {
        self.start(Group::Repeat);
        self.text.push_str(&repeat_header(r));
        self.text.push('\n');
        for i in &r.steps {
            step_line(&mut self.text, i);
        }
        // A repeat always ends its group: the next block needs its own blank line.
        self.group = Group::Repeat;
    }
}

/// The header of a repeat: its text when that already ends in the right `Nx`, else the text
/// with ` Nx` added (or `Nx` alone).
fn repeat_header(r: &Repeat) -> String {
    let text = if r.text.contains(['\n', '\r']) || r.text.trim() != r.text {
        one_line(&r.text)
    } else {
        r.text.trim().to_owned()
    };
    let ends_right = super::repeat_count(&text) == Some(u64::from(r.reps));
    if ends_right {
        text
    } else if text.is_empty() {
        format!("{}{}", r.reps, vocab::REPEAT)
    } else {
        format!("{text} {}{}", r.reps, vocab::REPEAT)
    }
}

fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_words(&mut out, text);
    out
}

/// Appends the words of `text` separated by single spaces (text never spans lines).
fn push_words(out: &mut String, text: &str) {
    for (n, word) in text.split_ascii_whitespace().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

fn step_line(out: &mut String, i: &Interval) {
    out.push('-');
    // ASCII whitespace only, as the parser splits words (a vertical tab is a word there).
    if let Some(text) = i
        .text
        .as_deref()
        .filter(|t| t.split_ascii_whitespace().next().is_some())
    {
        out.push(' ');
        push_words(out, text);
    }
    out.push(' ');
    length(out, i.length);
    flag(out, i, Flag::Ramp);
    if let Some(p) = &i.power {
        let (prefix, suffix) = match p.units {
            PowerUnit::PercentFtp => ("", vocab::PERCENT),
            PowerUnit::Watts => ("", vocab::WATTS),
            PowerUnit::Zone => (vocab::ZONE, ""),
        };
        amount(out, p.amount, prefix, suffix);
    }
    if let Some(h) = &i.hr {
        let (prefix, suffix, name) = match h.units {
            HrUnit::PercentMax => ("", vocab::PERCENT, vocab::HR),
            HrUnit::PercentLthr => ("", vocab::PERCENT, vocab::LTHR),
            HrUnit::Zone => (vocab::ZONE, "", vocab::HR),
        };
        amount(out, h.amount, prefix, suffix);
        word(out, name);
    }
    if let Some(p) = &i.pace {
        match p.units {
            PaceUnit::PercentThreshold => amount(out, p.amount, "", vocab::PERCENT),
            PaceUnit::Zone => amount(out, p.amount, vocab::ZONE, ""),
            PaceUnit::Absolute(len) => {
                out.push(' ');
                let (start, end) = p.amount.bounds();
                clock(out, start);
                if let Amount::Range { .. } = p.amount {
                    out.push('-');
                    clock(out, end);
                }
                if let Some(len) = len {
                    out.push_str(vocab::pace_length(len));
                }
            }
        }
        word(out, vocab::PACE);
    }
    if let Some(c) = i.cadence {
        amount(out, c, "", vocab::RPM);
    }
    for flag in Flag::ALL.into_iter().filter(|&f| f != Flag::Ramp) {
        self::flag(out, i, flag);
    }
    if let Some(kind) = i.intensity {
        setting(out, vocab::INTENSITY_KEY, kind.as_str());
    }
    smoothing(out, vocab::POWER_KEY, i.power.as_ref());
    smoothing(out, vocab::HR_KEY, i.hr.as_ref());
    smoothing(out, vocab::PACE_KEY, i.pace.as_ref());
    out.push('\n');
}

/// ` word`.
fn word(out: &mut String, word: &str) {
    out.push(' ');
    out.push_str(word);
}

/// The flag's word, when the step has it.
fn flag(out: &mut String, i: &Interval, flag: Flag) {
    if flag.is_set(i) {
        word(out, flag.word());
    }
}

/// ` key=value`.
fn setting(out: &mut String, key: &str, value: &str) {
    word(out, key);
    out.push_str(vocab::SETTING_SIGN);
    out.push_str(value);
}

fn smoothing<U>(out: &mut String, key: &str, target: Option<&Target<U>>) {
    if let Some(s) = target.and_then(|t| t.smoothing) {
        setting(out, key, s.as_str());
    }
}

/// ` 75%`, ` 95-105%`, ` Z3-Z4`: `prefix` goes before each side, `suffix` after the last.
fn amount(out: &mut String, a: Amount, prefix: &str, suffix: &str) {
    let _ = match a {
        Amount::Value(v) => write!(out, " {prefix}{v}{suffix}"),
        Amount::Range { start, end } => write!(out, " {prefix}{start}-{prefix}{end}{suffix}"),
    };
}

fn length(out: &mut String, l: Length) {
    match l {
        Length::Time(s) => duration(out, s),
        Length::Distance { value, unit } => {
            let _ = write!(out, "{value}{}", vocab::distance_unit(unit));
        }
    }
}

/// `1h2m30s`, `10m`, `30s`.
fn duration(out: &mut String, secs: u32) {
    let parts = [
        (secs / 3600, vocab::HOURS),
        (secs / 60 % 60, vocab::MINUTES),
        (secs % 60, vocab::SECONDS),
    ];
    for (n, unit) in parts {
        if n > 0 || (secs == 0 && unit == vocab::SECONDS) {
            let _ = write!(out, "{n}{}", unit.word);
        }
    }
}

/// Seconds as `m:ss` (fractions of a second kept: `1:35.5`).
fn clock(out: &mut String, secs: f64) {
    let m = (secs / 60.0).floor();
    let s = secs - m * 60.0;
    let zero = if s < 10.0 { "0" } else { "" };
    let _ = write!(out, "{m}:{zero}{s}");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dur(s: u32) -> String {
        let mut out = String::new();
        duration(&mut out, s);
        out
    }

    #[test]
    fn durations_are_compact() {
        assert_eq!(dur(3750), "1h2m30s");
        assert_eq!(dur(600), "10m");
        assert_eq!(dur(90), "1m30s");
        assert_eq!(dur(3600), "1h");
        assert_eq!(dur(0), "0s");
    }

    #[test]
    fn clocks() {
        let mut out = String::new();
        clock(&mut out, 300.0);
        out.push(' ');
        clock(&mut out, 95.5);
        out.push(' ');
        clock(&mut out, 3605.0);
        assert_eq!(out, "5:00 1:35.5 60:05");
    }
}
