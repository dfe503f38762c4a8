//! A fast reader for the usual step lines (`- 10m 75% 90rpm`, `- Recovery 30s 50-60% HR`).
//!
//! One pass over the line: each word is found once, its number folded as its digits are
//! met, its unit told by the bytes right after the digits, and the interval's fields set
//! directly (no word list, no token values). It declines the line (returns `None`) the
//! moment it meets anything it does not read exactly as the general reader
//! ([`super::step`]) does: bytes that are not printable ASCII, words starting with
//! punctuation (`<40%`), digit words it cannot read, a target or cadence given twice (a
//! "replaced" warning), a smoothing hint before its target, a limit broken. The line is
//! then read again from its start by the general reader, so the result never depends on
//! which reader took it. The warnings it does give (ignored words, a length replaced by a
//! later one, a dropped step) are made by the general reader's own functions.

use super::step::{dropped, ignore, is_positive, is_zone_number, replaced_warning, settle};
use super::token;
use crate::error::Warning;
use crate::limits;
use crate::model::{
    Amount, DistanceUnit, HrUnit, Interval, Length, PaceLength, PaceUnit, PowerUnit, Target,
};
use crate::num::{decimal_prefix, digits, short_decimal};
use crate::span::Span;

/// Reads the step line starting at byte `start` of `src` (its `-`) into `step`, a fresh
/// interval, and sets its span; warnings go to `warnings`. Returns the index of the line
/// break that ends the line (or the length of `src`) and whether the step is kept (a step
/// with no length above zero is dropped, with a warning). `None` when the line is left to
/// the general reader: `step` may then be half filled and is to be thrown away, and the
/// warnings are as they were.
pub(super) fn read(
    src: &str,
    start: usize,
    step: &mut Interval,
    warnings: &mut Vec<Warning>,
) -> Option<(usize, bool)> {
    let before = warnings.len();
    let read = read_line(src, start, step, warnings);
    if read.is_none() {
        warnings.truncate(before);
    }
    read
}

fn read_line(
    src: &str,
    start: usize,
    step: &mut Interval,
    warnings: &mut Vec<Warning>,
) -> Option<(usize, bool)> {
    let bytes = src.as_bytes();
    let mut line = Line {
        src,
        step,
        warnings,
        length_span: None,
        text: None,
        ignored: None,
        first_token: None,
    };
    let mut end = start + 1;
    let mut next = word(bytes, end)?;
    while let (at, [first, ..]) = next {
        let here = next.1;
        let after = word(bytes, at + here.len())?;
        let took_next = match first {
            b'0'..=b'9' => match line.numeric(at, here, after.1) {
                Some(took_next) => took_next,
                None if is_plain(here, after.1) => {
                    line.text_word(Span::new(at, at + here.len()))?;
                    false
                }
                None => return None,
            },
            b'z' | b'Z' if here.get(1).is_some_and(u8::is_ascii_digit) => {
                line.zone(here, after.1)?
            }
            b'a'..=b'z' | b'A'..=b'Z' => line.letters(at, here, after.1)?,
            _ => return None,
        };
        (end, next) = if took_next {
            let end = after.0 + after.1.len();
            (end, word(bytes, end)?)
        } else {
            (at + here.len(), after)
        };
    }
    line.flush_ignored();
    let (text, first_token) = (line.text, line.first_token);
    let has_length = line.length_span.is_some();
    let span = Span::new(start, end);
    if !has_length || !is_positive(line.step.length) {
        line.warnings.push(dropped(span));
        return Some((next.0, false));
    }
    // The words before the first token are the step's text, unless that token is a zone.
    if let (Some(words), Some(false)) = (text, first_token) {
        line.step.text = Some(src.get(words.range())?.to_owned());
    }
    line.step.span = span;
    Some((next.0, true))
}

/// The word at or after byte `from` (after spaces, tabs and form feeds) and where it
/// starts; an empty word at the line break or the end of the text, which is then where
/// it starts. `None` when a byte that is not printable ASCII ends the word.
fn word(bytes: &[u8], from: usize) -> Option<(usize, &[u8])> {
    let rest = bytes.get(from..)?;
    let start = rest
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\x0c'))
        .unwrap_or(rest.len());
    let rest = rest.get(start..)?;
    let len = word_len(rest);
    match rest.get(len) {
        None | Some(b' ' | b'\t' | b'\x0c' | b'\n' | b'\r') => {
            Some((from + start, rest.get(..len)?))
        }
        Some(_) => None,
    }
}

/// How many bytes at the start of `s` are printable ASCII.
///
/// Eight bytes at a time (words are short, so usually one step): a byte below `!`, DEL
/// or a byte above ASCII is flagged by the classic "has a byte less than" test on a `u64`
/// (on the bytes themselves and on their difference from DEL, and their high bit); the
/// lowest flag is exact, as false flags only follow a true one.
fn word_len(s: &[u8]) -> usize {
    use crate::swar::{below, first, load, HIGH, ONES};
    let mut len = 0;
    let mut chunks = s.chunks_exact(8);
    for chunk in &mut chunks {
        let x = load(chunk);
        let flags = below(x, 0x21) | below(x ^ (ONES * 0x7f), 1) | (x & HIGH);
        if flags != 0 {
            return len + first(flags);
        }
        len += 8;
    }
    len + chunks
        .remainder()
        .iter()
        .position(|b| !b.is_ascii_graphic())
        .unwrap_or(chunks.remainder().len())
}

/// What one step line has set so far.
struct Line<'a, 's> {
    src: &'a str,
    step: &'s mut Interval,
    warnings: &'s mut Vec<Warning>,
    /// The span of the length token, once one is read.
    length_span: Option<Span>,
    /// The step's text so far: its first word's start and its last word's end.
    text: Option<Span>,
    /// A run of words after the text that are no tokens, warned about as one.
    ignored: Option<Span>,
    /// Whether the first token (the end of the text) is a zone; `None` before it.
    first_token: Option<bool>,
}

/// A target unit written after a number: `%`, `w` or `rpm` (or none).
#[derive(Clone, Copy, PartialEq)]
enum Suffix {
    None,
    Percent,
    Watts,
    Rpm,
}

impl Line<'_, '_> {
    /// A word starting with a digit: a duration, distance, target, cadence or pace. `next` is the next word (empty at the end of the line); returns whether it
    /// was taken too.
    fn numeric(&mut self, at: usize, word: &[u8], next: &[u8]) -> Option<bool> {
        let (m, frac_len, rest) = number(word)?;
        let value = || short_decimal(m, frac_len);
        let (first, rest) = suffix(rest);
        match rest {
            [b':', ..] => self.pace(word, next),
            [] => self.target(Amount::Value(value()?), first, next),
            [b'-', side @ ..] => {
                let (m, frac_len, rest) = number(side)?;
                let (last, rest) = suffix(rest);
                if !rest.is_empty() || (first != Suffix::None && first != last) {
                    return None;
                }
                let (start, end) = (value()?, short_decimal(m, frac_len)?);
                self.target(Amount::Range { start, end }, last, next)
            }
            _ if first != Suffix::None => None,
            _ => {
                let length = match distance_unit(rest) {
                    Some(unit) => distance(value()?, unit)?,
                    None if frac_len == 0 => Length::Time(duration(m, rest)?),
                    None => return None,
                };
                self.length(length, Span::new(at, at + word.len()));
                Some(false)
            }
        }
    }

    /// A target or cadence; the last side of a range must carry the unit (`suffix`). A
    /// number or range with no unit is a cadence when the next word is `rpm`.
    // Inlined into its one caller: out of line, the amount went through memory.
    #[inline(always)]
    fn target(&mut self, amount: Amount, suffix: Suffix, next: &[u8]) -> Option<bool> {
        let (s, e) = amount.bounds();
        let is_cadence = || next.eq_ignore_ascii_case(b"rpm");
        if s.max(e) > limits::MAX_TARGET_VALUE || (suffix == Suffix::None && !is_cadence()) {
            return None;
        }
        self.token(false);
        let step = &mut *self.step;
        let is = |keyword: &[u8]| next.eq_ignore_ascii_case(keyword);
        match suffix {
            Suffix::Percent if is(b"hr") => set(&mut step.hr, HrUnit::PercentMax, amount),
            Suffix::Percent if is(b"lthr") => set(&mut step.hr, HrUnit::PercentLthr, amount),
            Suffix::Percent if is(b"pace") => {
                set(&mut step.pace, PaceUnit::PercentThreshold, amount)
            }
            Suffix::Percent => set(&mut step.power, PowerUnit::PercentFtp, amount).map(|_| false),
            Suffix::Watts => set(&mut step.power, PowerUnit::Watts, amount).map(|_| false),
            Suffix::Rpm => set_once(&mut step.cadence, amount).map(|_| false),
            Suffix::None if is(b"rpm") => set_once(&mut step.cadence, amount),
            Suffix::None => None,
        }
    }

    /// `5:00/km Pace` (only a word with a `:` can be a pace).
    fn pace(&mut self, word: &[u8], next: &[u8]) -> Option<bool> {
        if !next.eq_ignore_ascii_case(b"pace") {
            return None;
        }
        let (amount, length) = pace(word)?;
        let (s, e) = amount.bounds();
        if s.max(e) > limits::MAX_TARGET_VALUE {
            return None;
        }
        self.token(false);
        set(&mut self.step.pace, PaceUnit::Absolute(length), amount)
    }

    /// Sets the step's length from the token at `span`; a later one replaces it, with the
    /// general reader's warning (as in `- 200m 75% pace 20s rest`).
    fn length(&mut self, length: Length, span: Span) {
        self.token(false);
        if let Some(old) = self.length_span.replace(span) {
            replaced_warning(self.src, "length", old, span, self.warnings);
        }
        self.step.length = length;
    }

    /// `Z2` or `Z3-Z4`, then `HR` or `Pace` for those zones.
    // Out of line: zones are rarer than numbers, and inlined this slowed the word loop.
    #[inline(never)]
    fn zone(&mut self, word: &[u8], next: &[u8]) -> Option<bool> {
        let (m, frac_len, rest) = number(word.get(1..)?)?;
        let start = short_decimal(m, frac_len)?;
        let amount = match rest {
            [] => Amount::Value(start),
            [b'-', b'z' | b'Z', side @ ..] => match number(side)? {
                (m, frac_len, []) => Amount::Range {
                    start,
                    end: short_decimal(m, frac_len)?,
                },
                _ => return None,
            },
            _ => return None,
        };
        if !is_zone_number(amount) {
            return None;
        }
        self.token(true);
        let step = &mut *self.step;
        if next.eq_ignore_ascii_case(b"hr") {
            set(&mut step.hr, HrUnit::Zone, amount)
        } else if next.eq_ignore_ascii_case(b"pace") {
            set(&mut step.pace, PaceUnit::Zone, amount)
        } else {
            set(&mut step.power, PowerUnit::Zone, amount).map(|_| false)
        }
    }

    /// A word starting with a letter, at byte `at`: a flag, `Press lap`, a `key=value`
    /// setting, or a word of the step's text.
    fn letters(&mut self, at: usize, word: &[u8], next: &[u8]) -> Option<bool> {
        let is = |keyword: &[u8]| word.eq_ignore_ascii_case(keyword);
        let step = &mut *self.step;
        let (flag, took_next) = if is(b"ramp") && self.first_token.is_some() {
            (&mut step.ramp, false)
        } else if is(b"freeride") {
            (&mut step.freeride, false)
        } else if is(b"maxeffort") {
            (&mut step.maxeffort, false)
        } else if is(b"hidepower") {
            (&mut step.hidepower, false)
        } else if is(b"press") && next.eq_ignore_ascii_case(b"lap") {
            (&mut step.until_lap_press, true)
        } else if is_setting_key(word) && has_equals(word) {
            return self.setting(at, word);
        } else {
            // Among the first words, `ramp` is text too (`Ramp to failure 1m`).
            self.text_word(Span::new(at, at + word.len()))?;
            return Some(false);
        };
        *flag = true;
        self.token(false);
        Some(took_next)
    }

    /// A word with a `=` at byte `at`: a setting, read by the general reader's parser, or
    /// else a word of the step's text. A smoothing hint must follow its target.
    fn setting(&mut self, at: usize, word: &[u8]) -> Option<bool> {
        let span = Span::new(at, at + word.len());
        match token::setting(self.src.get(span.range())?) {
            Some(s) => {
                self.token(false);
                settle(s, self.step).then_some(false)
            }
            None => self.text_word(span).map(|_| false),
        }
    }

    /// Notes a token: the first one ends the step's text; one after words that are no
    /// tokens ends their run.
    // Inlining hints here and on `text_word` were measured: the word loop's layout
    // depends on them (about 0.6% of a pass over the corpus texts).
    #[inline(always)]
    fn token(&mut self, zone: bool) {
        if self.first_token.is_none() {
            self.first_token = Some(zone);
        }
        self.flush_ignored();
    }

    /// Warns about the run of words that are no tokens, if any.
    fn flush_ignored(&mut self) {
        if let Some(run) = self.ignored {
            self.ignored = None;
            warn_ignored(self.src, run, self.warnings);
        }
    }

    /// A word that is no token: part of the step's text before the first token, and of a
    /// run of ignored words after it. Only text words parted by single spaces are taken,
    /// so the text is the line's own bytes.
    #[inline(never)]
    fn text_word(&mut self, word: Span) -> Option<()> {
        if self.first_token.is_some() {
            self.ignored = Some(
                self.ignored
                    .map_or(word, |run| Span::new(run.start, word.end)),
            );
            return Some(());
        }
        self.text = match self.text {
            None => Some(word),
            Some(t) if t.end + 1 == word.start && self.src.as_bytes().get(t.end) == Some(&b' ') => {
                Some(Span::new(t.start, word.end))
            }
            Some(_) => return None,
        };
        Some(())
    }
}

/// Whether a word may start a setting's key (`intensity`, `power`, `hr`, `pace`): a word
/// that does not is text whether it has a `=` or not, so it need not be searched.
fn is_setting_key(word: &[u8]) -> bool {
    matches!(word, [b'i' | b'I' | b'p' | b'P' | b'h' | b'H', ..])
}

/// Whether a word has a `=` (a setting). A plain loop: words are short, and `contains`
/// calls `memchr`, which costs more here (1% of a parse).
#[allow(clippy::manual_contains)]
fn has_equals(word: &[u8]) -> bool {
    word.iter().any(|&b| b == b'=')
}

/// Whether a word starting with a digit that [`Line::numeric`] did not take is surely no
/// token to the general reader either, so it is text or an ignored word: it has a byte
/// that no number token has (`3x`, `60^30`, `500w+`), or it is digits only and not
/// followed by `rpm` (which would make it a cadence).
fn is_plain(word: &[u8], next: &[u8]) -> bool {
    let in_tokens = |b: &u8| {
        matches!(
            b.to_ascii_lowercase(),
            b'0'..=b'9'
                | b'.'
                | b'-'
                | b'%'
                | b'\''
                | b'"'
                | b':'
                | b'/'
                | b'd'
                | b'h'
                | b'i'
                | b'k'
                | b'm'
                | b'n'
                | b'p'
                | b'r'
                | b's'
                | b't'
                | b'w'
                | b'y'
        )
    };
    !word.iter().all(in_tokens)
        || (word.iter().all(u8::is_ascii_digit) && !next.eq_ignore_ascii_case(b"rpm"))
}

/// [`super::step::ignore`], out of line: rare on usual lines, and inlined it slows every
/// token.
#[cold]
#[inline(never)]
fn warn_ignored(src: &str, run: Span, warnings: &mut Vec<Warning>) {
    ignore(src, run, warnings);
}

/// A number as the general reader's number parser reads it ([`decimal_prefix`]): its digits
/// as an integer, how many of them are decimals, and the rest of `s`. `None` for no digits,
/// or more than 15 (left to the exact parser).
fn number(s: &[u8]) -> Option<(u64, usize, &[u8])> {
    let (m, int_len, frac_len, rest) = decimal_prefix(s);
    (int_len > 0 && int_len + frac_len <= 15).then_some((m, frac_len, rest))
}

/// `%`, `w` or `rpm` at the start of `s` (in any case), and the rest of `s`.
fn suffix(s: &[u8]) -> (Suffix, &[u8]) {
    match s {
        [b'%', rest @ ..] => (Suffix::Percent, rest),
        [b'w' | b'W', rest @ ..] => (Suffix::Watts, rest),
        [b'r' | b'R', b'p' | b'P', b'm' | b'M', rest @ ..] => (Suffix::Rpm, rest),
        _ => (Suffix::None, s),
    }
}

/// A distance unit that is the whole of `s`: `km`, `mtr`, `mi` or `yd`, in any case.
fn distance_unit(s: &[u8]) -> Option<DistanceUnit> {
    Some(match s {
        [b'k' | b'K', b'm' | b'M'] => DistanceUnit::Kilometre,
        [b'm' | b'M', b't' | b'T', b'r' | b'R'] => DistanceUnit::Metre,
        [b'm' | b'M', b'i' | b'I'] => DistanceUnit::Mile,
        [b'y' | b'Y', b'd' | b'D'] => DistanceUnit::Yard,
        _ => return None,
    })
}

/// A distance, if within its limit.
fn distance(value: f64, unit: DistanceUnit) -> Option<Length> {
    (value * unit.metres() <= limits::MAX_STEP_METRES).then_some(Length::Distance { value, unit })
}

/// The seconds of a duration whose first whole number `first` was read, `rest` being what
/// follows it: parts `h`, `m` or `min`, `s` in that order (or `'` then `"`, not mixed
/// with letters), and a bare number of seconds after letter minutes (`1m30`). `None` for
/// anything else, or over the limit.
fn duration(first: u64, rest: &[u8]) -> Option<u32> {
    // One part (`10m`, `30s`, `1h`), the usual duration, needs none of the loop below.
    let total = match rest {
        [b's' | b'S'] => first,
        [b'm' | b'M'] => first.saturating_mul(60),
        [b'h' | b'H'] => first.saturating_mul(3600),
        _ => parts(first, rest)?,
    };
    u32::try_from(total)
        .ok()
        .filter(|&s| s <= limits::MAX_STEP_SECONDS)
}

/// The seconds of a duration of several parts, as [`duration`] reads them (saturating).
fn parts(first: u64, rest: &[u8]) -> Option<u64> {
    let (mut total, mut rank, mut n, mut rest) = (0u64, 0, first, rest);
    let mut quotes = None;
    loop {
        let (unit_rank, seconds, quote, tail) = match rest {
            [b'h' | b'H', tail @ ..] => (0, 3600, false, tail),
            [b'm' | b'M', b'i' | b'I', b'n' | b'N', tail @ ..] => (1, 60, false, tail),
            [b'm' | b'M', tail @ ..] => (1, 60, false, tail),
            [b's' | b'S', tail @ ..] => (2, 1, false, tail),
            [b'\'', tail @ ..] => (1, 60, true, tail),
            [b'"', tail @ ..] => (2, 1, true, tail),
            _ => return None,
        };
        if unit_rank < rank || quotes == Some(!quote) {
            return None;
        }
        quotes = Some(quote);
        total = total.saturating_add(n.saturating_mul(seconds));
        rank = unit_rank + 1;
        if tail.is_empty() {
            break;
        }
        let (m, len, tail) = digits(tail, 0);
        if len == 0 || len > 15 {
            return None;
        }
        if tail.is_empty() {
            // A bare number is seconds, after letter minutes only.
            if unit_rank != 1 || quote {
                return None;
            }
            total = total.saturating_add(m);
            break;
        }
        (n, rest) = (m, tail);
    }
    Some(total)
}

/// `5:00`, `5:00/km`, `7:15-7:00/km`, `3:00/100m-4:00/100m` → seconds per length, as the
/// general reader's pace parser reads them (the length of a range is its last side's, or
/// else its first side's).
fn pace(word: &[u8]) -> Option<(Amount, Option<PaceLength>)> {
    let (start, first, rest) = pace_side(word)?;
    match rest {
        [] => Some((Amount::Value(start), first)),
        [b'-', side @ ..] => match pace_side(side)? {
            (end, last, []) => Some((Amount::Range { start, end }, last.or(first))),
            _ => None,
        },
        _ => None,
    }
}

/// One side of a pace: whole minutes, `:`, seconds (with decimals), then an optional
/// length; its seconds, its length and the rest of `s`.
fn pace_side(s: &[u8]) -> Option<(f64, Option<PaceLength>, &[u8])> {
    let (minutes, len, rest) = digits(s, 0);
    let [b':', rest @ ..] = rest else {
        return None;
    };
    let (m, frac_len, rest) = number(rest)?;
    if len == 0 || len > 15 {
        return None;
    }
    let seconds = minutes as f64 * 60.0 + short_decimal(m, frac_len)?;
    let (length, rest) = match rest {
        [b'/', b'1', b'0', b'0', b'm' | b'M', rest @ ..] => (PaceLength::Hm, rest),
        [b'/', b'1', b'0', b'0', b'y' | b'Y', rest @ ..] => (PaceLength::Hy, rest),
        [b'/', b'2', b'5', b'0', b'm' | b'M', rest @ ..] => (PaceLength::M250, rest),
        [b'/', b'4', b'0', b'0', b'm' | b'M', rest @ ..] => (PaceLength::M400, rest),
        [b'/', b'5', b'0', b'0', b'm' | b'M', rest @ ..] => (PaceLength::M500, rest),
        [b'/', b'k' | b'K', b'm' | b'M', rest @ ..] => (PaceLength::Km, rest),
        [b'/', b'm' | b'M', b'i' | b'I', rest @ ..] => (PaceLength::Mile, rest),
        _ => return Some((seconds, None, rest)),
    };
    Some((seconds, Some(length), rest))
}

/// Sets a target given for the first time; returns true (the second word was taken, for
/// the callers of two-word tokens).
fn set<U>(slot: &mut Option<Target<U>>, units: U, amount: Amount) -> Option<bool> {
    set_once(slot, Target::new(units, amount))
}

/// Fills `slot` if it is empty (a target given twice is left to the general reader, which
/// warns that the later one replaces it); returns true as [`set`] does.
fn set_once<T>(slot: &mut Option<T>, value: T) -> Option<bool> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value);
    Some(true)
}
