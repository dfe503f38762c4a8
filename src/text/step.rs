//! Reads the body of one step line (`- Recovery 30s 50% 85rpm`) into an [`Interval`].
//!
//! The line is read word by word, as Intervals.icu does: the words before the first
//! recognised token are the step's text (dropped when that first token is a zone); after it,
//! each token sets its field and the last of a kind wins; unrecognised words are reported as
//! warnings. Multi-word tokens (`70% HR`, `Z2 Pace`, `90 rpm`, `5:00/km Pace`, `Press lap`)
//! are read as one.

use super::scan;
use super::token::{self, Numeric, Setting, Suffix};
use super::vocab::{self, Flag};
use crate::codec::{quoted, Warnings};
use crate::error::{Error, ErrorKind};
use crate::limits;
use crate::model::{Amount, DistanceUnit, HrUnit, Interval, Length, PaceUnit, PowerUnit, Target};
use crate::span::Span;

/// One recognised token.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token {
    Duration(u64),
    Distance(f64, DistanceUnit),
    Power(Amount, PowerUnit),
    Hr(Amount, HrUnit),
    Pace(Amount, PaceUnit),
    Cadence(Amount),
    Flag(Flag),
    Setting(Setting),
}

impl Token {
    fn is_zone(self) -> bool {
        matches!(
            self,
            Token::Power(_, PowerUnit::Zone)
                | Token::Hr(_, HrUnit::Zone)
                | Token::Pace(_, PaceUnit::Zone)
        )
    }
}

/// Reads a step line of `src`, whose `body` after the dash starts at byte `offset`, into
/// `step`, a fresh interval spanning the line. Returns false (with a warning) for a step
/// that has no positive duration or distance, which Intervals.icu drops.
pub(super) fn read(
    src: &str,
    (body, offset): (&str, usize),
    step: &mut Interval,
    warnings: &mut Warnings<'_>,
) -> Result<bool, Error> {
    let line = step.span;
    // Where the text that `rest`, a suffix of `body`, follows ends in the source.
    let at = |rest: &str| offset + (body.len() - rest.len());
    let mut length: Option<Length> = None;
    let mut seen = Seen::default();
    let mut label_end = None;
    // A run of words after the text that are not tokens: one warning per run.
    let mut ignored: Option<Span> = None;
    // Each word is found once, as the next word of the one before, and counted against
    // [`limits::MAX_STEP_WORDS`].
    let mut words = 0;
    let mut next = scan::word(body);
    while let Some((word, after)) = next {
        words += 1;
        if words > limits::MAX_STEP_WORDS {
            return Err(too_many_words(line, src));
        }
        next = scan::word(after);
        let start = at(after) - word.len();
        let Some((tok, used, cut)) = recognise(word, next.map_or("", |n| n.0)) else {
            if label_end.is_some() {
                let end = at(after);
                ignored = Some(ignored.map_or(Span::new(start, end), |s| Span::new(s.start, end)));
            }
            continue;
        };
        if let Some(run) = ignored.take() {
            ignore(src, run, warnings);
        }
        // A two-word token (`70% HR`) ends with the next word.
        let end = match (used, next) {
            (2, Some((_, n_after))) => {
                words += 1;
                next = scan::word(n_after);
                at(n_after)
            }
            _ => at(after),
        };
        let span = Span::new(start + cut, end);
        if label_end.is_none() {
            // `ramp` among the first words is part of the text (`Ramp to failure 1m`).
            if tok == Token::Flag(Flag::Ramp) {
                continue;
            }
            label_end = Some((start + cut, tok.is_zone()));
        }
        // A line over the word limit is refused for that, whatever else is wrong with it.
        apply(src, tok, span, step, &mut length, &mut seen, warnings).map_err(|e| {
            let count = body
                .split_ascii_whitespace()
                .take(limits::MAX_STEP_WORDS + 1);
            if count.count() > limits::MAX_STEP_WORDS {
                too_many_words(line, src)
            } else {
                e
            }
        })?;
    }
    if words > limits::MAX_STEP_WORDS {
        return Err(too_many_words(line, src));
    }
    if let Some(run) = ignored {
        ignore(src, run, warnings);
    }
    let label_end = match label_end {
        Some((_, true)) => None,
        Some((end, false)) => Some(end),
        None => Some(usize::MAX),
    };
    // No text when the first word is a token (the usual step).
    let first = at(body.trim_ascii_start());
    if let Some(end) = label_end.filter(|&end| first < end && first < line.end) {
        step.text = label(src.get(first..end.min(line.end)).unwrap_or_default());
    }
    match length {
        Some(l) if is_positive(l) => {
            step.length = l;
            Ok(true)
        }
        _ => {
            warnings.push(
                "step dropped: it has no duration or distance above zero",
                line,
            );
            Ok(false)
        }
    }
}

/// Whether a length is above zero: a step without one is dropped.
fn is_positive(length: Length) -> bool {
    match length {
        Length::Time(s) => s > 0,
        Length::Distance { value, .. } => value > 0.0,
    }
}

/// The step text: the words of `text` (the line up to the first token, which may end in
/// part of a word: `<40%`), joined by single spaces.
fn label(text: &str) -> Option<String> {
    // Allocated once, as long as `text` (no shorter than its words joined), rather than
    // grown word by word or sized by a first pass over the words (1.4% fewer instructions a
    // corpus pass).
    let mut label = String::with_capacity(text.len());
    for word in text.split_ascii_whitespace() {
        if !label.is_empty() {
            label.push(' ');
        }
        label.push_str(word);
    }
    (!label.is_empty()).then_some(label)
}

/// Reports a run of words that are not tokens.
fn ignore(src: &str, run: Span, warnings: &mut Warnings<'_>) {
    let text = quoted(src.get(run.range()).unwrap_or_default());
    warnings.push(
        [
            "ignored \"",
            &text,
            "\": not a duration, distance, target or flag",
        ]
        .concat(),
        run,
    );
}

/// Which kinds were already set, with the span that set them (for "replaced" warnings).
#[derive(Default)]
struct Seen {
    length: Option<Span>,
    power: Option<Span>,
    hr: Option<Span>,
    pace: Option<Span>,
    cadence: Option<Span>,
}

/// Warns when a later token replaces the one that set a kind before (`old`).
// Inlined: the test is on every token and the warning rare; out of line, the call cost
// 2.4% more instructions a corpus pass.
#[inline]
fn replaced(src: &str, kind: &str, old: Option<Span>, new: Span, warnings: &mut Warnings<'_>) {
    if let Some(old) = old {
        replaced_warning(src, kind, old, new, warnings);
    }
}

/// The warning that a later token replaces the one at `old` (for `kind`).
fn replaced_warning(src: &str, kind: &str, old: Span, new: Span, warnings: &mut Warnings<'_>) {
    let old_text = quoted(src.get(old.range()).unwrap_or_default());
    let new_text = quoted(src.get(new.range()).unwrap_or_default());
    warnings.push(
        [
            kind,
            " \"",
            &old_text,
            "\" replaced by the later \"",
            &new_text,
            "\"",
        ]
        .concat(),
        old,
    );
}

fn apply(
    src: &str,
    tok: Token,
    span: Span,
    step: &mut Interval,
    length: &mut Option<Length>,
    seen: &mut Seen,
    warnings: &mut Warnings<'_>,
) -> Result<(), Error> {
    let limit = |what, limit: u64| limit_error(what, limit, span, src);
    let check = |a: Amount| {
        let (s, e) = a.bounds();
        if s.max(e) > limits::MAX_TARGET_VALUE {
            Err(limit("target value", limits::MAX_TARGET_VALUE as u64))
        } else {
            Ok(a)
        }
    };
    match tok {
        Token::Duration(secs) => {
            let secs = u32::try_from(secs)
                .ok()
                .filter(|&s| s <= limits::MAX_STEP_SECONDS)
                .ok_or_else(|| {
                    limit("step duration in seconds", limits::MAX_STEP_SECONDS.into())
                })?;
            replaced(src, "length", seen.length.replace(span), span, warnings);
            *length = Some(Length::Time(secs));
        }
        Token::Distance(value, unit) => {
            if value * unit.metres() > limits::MAX_STEP_METRES {
                return Err(limit(
                    "step distance in metres",
                    limits::MAX_STEP_METRES as u64,
                ));
            }
            replaced(src, "length", seen.length.replace(span), span, warnings);
            *length = Some(Length::Distance { value, unit });
        }
        Token::Power(a, units) => {
            replaced(
                src,
                "power target",
                seen.power.replace(span),
                span,
                warnings,
            );
            set_target(&mut step.power, units, check(a)?);
        }
        Token::Hr(a, units) => {
            replaced(
                src,
                "heart rate target",
                seen.hr.replace(span),
                span,
                warnings,
            );
            set_target(&mut step.hr, units, check(a)?);
        }
        Token::Pace(a, units) => {
            replaced(src, "pace target", seen.pace.replace(span), span, warnings);
            set_target(&mut step.pace, units, check(a)?);
        }
        Token::Cadence(a) => {
            replaced(src, "cadence", seen.cadence.replace(span), span, warnings);
            step.cadence = Some(check(a)?);
        }
        Token::Flag(flag) => *flag.field(step) = true,
        Token::Setting(s) => {
            if !settle(s, step) {
                no_target(src, span, warnings);
            }
        }
    }
    Ok(())
}

/// The error for a step `line` of more than [`limits::MAX_STEP_WORDS`] words.
fn too_many_words(line: Span, src: &str) -> Error {
    limit_error(
        "number of words in a step line",
        limits::MAX_STEP_WORDS as u64,
        line,
        src,
    )
}

/// A limit error; its position is counted from the start of `src`.
fn limit_error(what: &'static str, limit: u64, span: Span, src: &str) -> Error {
    Error::new(ErrorKind::Limit { what, limit }, span, src)
}

/// Sets a target; a smoothing hint given for the target it replaces is kept.
fn set_target<U>(slot: &mut Option<Target<U>>, units: U, amount: Amount) {
    match slot {
        Some(t) => (t.units, t.amount) = (units, amount),
        None => *slot = Some(Target::new(units, amount)),
    }
}

/// Applies a `key=value` word. A smoothing hint needs its target, given before it;
/// returns false (nothing set) for a hint without one.
fn settle(s: Setting, step: &mut Interval) -> bool {
    let (slot, smoothing) = match s {
        Setting::Intensity(kind) => {
            step.intensity = Some(kind);
            return true;
        }
        Setting::PowerSmoothing(sm) => (step.power.as_mut().map(|t| &mut t.smoothing), sm),
        Setting::HrSmoothing(sm) => (step.hr.as_mut().map(|t| &mut t.smoothing), sm),
        Setting::PaceSmoothing(sm) => (step.pace.as_mut().map(|t| &mut t.smoothing), sm),
    };
    match slot {
        Some(slot) => {
            *slot = Some(smoothing);
            true
        }
        None => false,
    }
}

fn no_target(src: &str, span: Span, warnings: &mut Warnings<'_>) {
    let text = quoted(src.get(span.range()).unwrap_or_default());
    warnings.push(
        [
            "ignored \"",
            &text,
            "\": it must come after the target it smooths",
        ]
        .concat(),
        span,
    );
}

/// Recognises the token starting at word `w` (`next` is the word after it, or empty at the
/// end of the line); returns it, how many words it used, and
/// how many leading bytes of the first word are not part of it (`<40%` is the token `40%`
/// after a `<`, as the server reads it; only punctuation is cut off).
fn recognise(w: &str, next: &str) -> Option<(Token, usize, usize)> {
    if let Some((tok, used)) = recognise_at(w, next) {
        return Some((tok, used, 0));
    }
    // Only leading punctuation may be cut off, so the cut part is never a token itself;
    // signs, dashes and points belong to the number (`-5%`, `.5%` are not `5%`). Most words
    // that are not tokens start with a letter, and are left at once (1% fewer instructions
    // a corpus pass).
    if w.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    let tail = w.trim_start_matches(|c: char| {
        !(c.is_alphanumeric() || matches!(c, '-' | '–' | '—' | '.' | '+'))
    });
    let cut = w.len() - tail.len();
    if cut == 0 {
        return None;
    }
    let (a, units) = match token::numeric(tail)? {
        Numeric::Target(a, Suffix::Percent) => (a, PowerUnit::PercentFtp),
        Numeric::Target(a, Suffix::Watts) => (a, PowerUnit::Watts),
        _ => return None,
    };
    Some((Token::Power(a, units), 1, cut))
}

/// Recognises the token that starts with word `w`.
fn recognise_at(w: &str, next: &str) -> Option<(Token, usize)> {
    if w.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return numeric(w, next);
    }
    if let Some(a) = token::zone(w) {
        let a = Some(a).filter(|&a| is_zone_number(a))?;
        return Some(if token::is(next, vocab::HR) {
            (Token::Hr(a, HrUnit::Zone), 2)
        } else if token::is(next, vocab::PACE) {
            (Token::Pace(a, PaceUnit::Zone), 2)
        } else {
            (Token::Power(a, PowerUnit::Zone), 1)
        });
    }
    match flag(w, next) {
        Some((flag, used)) => Some((Token::Flag(flag), used)),
        None => token::setting(w).map(|s| (Token::Setting(s), 1)),
    }
}

/// The flag that word `w` is, or starts with `next` (`Press lap`), and how many words it
/// takes.
fn flag(w: &str, next: &str) -> Option<(Flag, usize)> {
    Flag::ALL.iter().find_map(|&flag| {
        let phrase = flag.word();
        if token::is(w, phrase) {
            return Some((flag, 1));
        }
        let (first, second) = phrase.split_at_checked(w.len())?;
        let second = second.strip_prefix(' ')?;
        (token::is(first, w) && token::is(second, next)).then_some((flag, 2))
    })
}

/// Tokens that start with a digit: a duration, distance, target or pace, and the word
/// after a target or pace that makes it a token or tells its kind.
fn numeric(w: &str, next: &str) -> Option<(Token, usize)> {
    Some(match token::numeric(w)? {
        Numeric::Duration(secs) => (Token::Duration(secs), 1),
        Numeric::Distance(value, unit) => (Token::Distance(value, unit), 1),
        Numeric::Target(a, suffix) => return target(a, suffix, next),
        Numeric::Pace(a, length) if token::is(next, vocab::PACE) => {
            (Token::Pace(a, PaceUnit::Absolute(length)), 2)
        }
        Numeric::Pace(..) => return None,
    })
}

/// A target with its unit; the next word makes a percent a heart-rate or pace target, and
/// a bare number a cadence (`rpm`).
fn target(a: Amount, suffix: Suffix, next: &str) -> Option<(Token, usize)> {
    let is = |keyword| token::is(next, keyword);
    Some(match suffix {
        Suffix::Percent if is(vocab::HR) => (Token::Hr(a, HrUnit::PercentMax), 2),
        Suffix::Percent if is(vocab::LTHR) => (Token::Hr(a, HrUnit::PercentLthr), 2),
        Suffix::Percent if is(vocab::PACE) => (Token::Pace(a, PaceUnit::PercentThreshold), 2),
        Suffix::Percent => (Token::Power(a, PowerUnit::PercentFtp), 1),
        Suffix::Watts => (Token::Power(a, PowerUnit::Watts), 1),
        Suffix::Rpm => (Token::Cadence(a), 1),
        Suffix::None if is(vocab::RPM) => (Token::Cadence(a), 2),
        Suffix::None => return None,
    })
}

/// Zone numbers are whole numbers from 1 to 9.
fn is_zone_number(a: Amount) -> bool {
    let (s, e) = a.bounds();
    [s, e]
        .iter()
        .all(|z| (1.0..=9.0).contains(z) && z.fract() == 0.0)
}
