//! A fast reader for the usual step lines (`- 10m 75% 90rpm`, `- Recovery 30s 50-60% HR`).
//!
//! One pass over the line's bytes: numbers are folded as their digits are met, units are
//! told by the bytes right after the digits, and the interval's fields are set directly
//! (no word list, no token values). It declines the line (returns `None`) the moment it
//! meets anything it does not read exactly as the general reader ([`super::step`]) does:
//! bytes that are not printable ASCII, tokens it does not know (paces, settings, quote
//! marks, `<40%`), words that would be warned about, a kind given twice, a limit broken, or
//! no length above zero. The line is then read again from its start by the general
//! reader, so the result never depends on which reader took it.

use super::step::is_zone_number;
use crate::limits;
use crate::model::{Amount, DistanceUnit, HrUnit, Interval, Length, PaceUnit, PowerUnit, Target};
use crate::span::Span;

/// Reads the step line starting at byte `start` of `src` (its `-`) into `step`, a fresh
/// interval, and sets its span. Returns the index of the line break that ends the line
/// (or the length of `src`); `None` when the line is left to the general reader, in which
/// case `step` may be half filled and is to be thrown away.
pub(super) fn read(src: &str, start: usize, step: &mut Interval) -> Option<usize> {
    let mut line = Line {
        bytes: src.as_bytes(),
        at: start + 1,
        step,
        has_length: false,
        text: None,
        first_token: None,
    };
    let mut end = start + 1;
    loop {
        line.skip_spaces();
        match line.peek() {
            None | Some(b'\n' | b'\r') => break,
            Some(b'0'..=b'9') => line.numeric()?,
            Some(b'z' | b'Z') if line.peek_at(1).is_some_and(|b| b.is_ascii_digit()) => {
                line.zone()?
            }
            Some(b) if b.is_ascii_alphabetic() => line.letters()?,
            Some(_) => return None,
        }
        end = line.at;
    }
    let brk = line.at;
    let (text, first_token, has_length) = (line.text, line.first_token, line.has_length);
    if !has_length || !is_positive(step.length) {
        return None;
    }
    // The words before the first token are the step's text, unless that token is a zone.
    if let (Some(words), Some(false)) = (text, first_token) {
        step.text = Some(src.get(words.range())?.to_owned());
    }
    step.span = Span::new(start, end);
    Some(brk)
}

fn is_positive(length: Length) -> bool {
    match length {
        Length::Time(s) => s > 0,
        Length::Distance { value, .. } => value > 0.0,
    }
}

/// The state of one step line being read.
struct Line<'a, 's> {
    bytes: &'a [u8],
    /// The byte being looked at.
    at: usize,
    step: &'s mut Interval,
    has_length: bool,
    /// The step's text so far: its first word's start and its last word's end.
    text: Option<Span>,
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
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.at + ahead).copied()
    }

    fn skip_spaces(&mut self) {
        while let Some(b' ' | b'\t' | b'\x0c') = self.peek() {
            self.at += 1;
        }
    }

    /// True at the end of a word: whitespace, a line break or the end of the text.
    fn at_word_end(&self) -> bool {
        matches!(
            self.peek(),
            None | Some(b' ' | b'\t' | b'\x0c' | b'\n' | b'\r')
        )
    }

    /// The byte here in lower case.
    fn peek_lower(&self) -> Option<u8> {
        self.peek().map(|b| b.to_ascii_lowercase())
    }

    /// Takes `tag` (lower-case, matched in any case) if the input goes on with it.
    fn eat(&mut self, tag: &[u8]) -> bool {
        let found = tag
            .iter()
            .enumerate()
            .all(|(i, &t)| self.peek_at(i).map(|b| b.to_ascii_lowercase()) == Some(t));
        if found {
            self.at += tag.len();
        }
        found
    }

    /// Takes `tag` if it is the rest of the word.
    fn eat_last(&mut self, tag: &[u8]) -> bool {
        let at = self.at;
        if self.eat(tag) && self.at_word_end() {
            return true;
        }
        self.at = at;
        false
    }

    /// The first byte of the next word, in lower case (nothing is taken).
    fn next_word_start(&self) -> Option<u8> {
        self.bytes
            .get(self.at..)?
            .iter()
            .find(|b| !matches!(b, b' ' | b'\t' | b'\x0c'))
            .map(u8::to_ascii_lowercase)
    }

    /// Takes the next word if it is `keyword` (in any case): the second word of `70% HR`.
    fn followed_by(&mut self, keyword: &[u8]) -> bool {
        let at = self.at;
        self.skip_spaces();
        if self.eat_last(keyword) {
            return true;
        }
        self.at = at;
        false
    }

    /// Folds the digits from here into `m`; returns it and how many digits there were.
    fn digits(&mut self, mut m: u64) -> (u64, usize) {
        let from = self.at;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            m = m.wrapping_mul(10).wrapping_add(u64::from(d - b'0'));
            self.at += 1;
        }
        (m, self.at - from)
    }

    /// A number as the general reader's number parser reads it (digits, then a point and
    /// digits if a digit follows the point): its digits as an integer, and how many of them
    /// are decimals. `None` for no digits, or more than 15 (left to the exact parser).
    fn number(&mut self) -> Option<(u64, usize)> {
        let (m, int_len) = self.digits(0);
        let (m, frac_len) = match (self.peek(), self.peek_at(1)) {
            (Some(b'.'), Some(b'0'..=b'9')) => {
                self.at += 1;
                self.digits(m)
            }
            _ => (m, 0),
        };
        (int_len > 0 && int_len + frac_len <= 15).then_some((m, frac_len))
    }

    /// A number's value.
    fn value(&mut self) -> Option<f64> {
        let (m, frac_len) = self.number()?;
        decimal(m, frac_len)
    }

    /// `%`, `w` or `rpm` if one is here.
    fn suffix(&mut self) -> Suffix {
        let (suffix, len) = match self.peek_lower() {
            Some(b'%') => (Suffix::Percent, 1),
            Some(b'w') => (Suffix::Watts, 1),
            Some(b'r') if self.eat(b"rpm") => return Suffix::Rpm,
            _ => return Suffix::None,
        };
        self.at += len;
        suffix
    }

    /// Notes a token: the first one ends the step's text.
    fn token(&mut self, zone: bool) {
        if self.first_token.is_none() {
            self.first_token = Some(zone);
        }
    }

    /// A word of the step's text, from byte `at` to here. Only words parted by single
    /// spaces are taken, so the text is the line's own bytes.
    fn text_word(&mut self, at: usize) -> Option<()> {
        if self.first_token.is_some() {
            // A word after the first token that is no token: the general reader warns.
            return None;
        }
        self.text = match self.text {
            None => Some(Span::new(at, self.at)),
            Some(t) if t.end + 1 == at && self.bytes.get(t.end) == Some(&b' ') => {
                Some(Span::new(t.start, self.at))
            }
            Some(_) => return None,
        };
        Some(())
    }

    /// A word starting with a digit: a duration, distance, target or cadence.
    fn numeric(&mut self) -> Option<()> {
        let (m, frac_len) = self.number()?;
        let value = || decimal(m, frac_len);
        if let Some(unit) = self.distance_unit() {
            return self.length(distance(value()?, unit)?);
        }
        let suffix = self.suffix();
        if suffix != Suffix::None || matches!(self.peek(), Some(b'-')) || self.at_word_end() {
            return self.target(value()?, suffix);
        }
        if frac_len > 0 {
            return None;
        }
        let secs = self.duration(m)?;
        self.length(Length::Time(secs))
    }

    /// `km`, `mtr`, `mi` or `yd` ending the word.
    fn distance_unit(&mut self) -> Option<DistanceUnit> {
        let (tag, unit): (&[u8], _) = match (self.peek_lower()?, self.peek_at(1)) {
            (b'k', _) => (b"km", DistanceUnit::Kilometre),
            (b'm', Some(b't' | b'T')) => (b"mtr", DistanceUnit::Metre),
            (b'm', Some(b'i' | b'I')) => (b"mi", DistanceUnit::Mile),
            (b'y', _) => (b"yd", DistanceUnit::Yard),
            _ => return None,
        };
        self.eat_last(tag).then_some(unit)
    }

    /// The rest of a target or cadence after its first number `start` and its suffix:
    /// the end of the word, or a dash and a second side. The last side must carry the
    /// suffix; a number or range with none is a cadence when the next word is `rpm`.
    fn target(&mut self, start: f64, first: Suffix) -> Option<()> {
        let (amount, suffix) = if self.eat(b"-") {
            let end = self.value()?;
            let last = self.suffix();
            if first != Suffix::None && first != last {
                return None;
            }
            (Amount::Range { start, end }, last)
        } else {
            (Amount::Value(start), first)
        };
        if !self.at_word_end() {
            return None;
        }
        let (s, e) = amount.bounds();
        if s.max(e) > limits::MAX_TARGET_VALUE {
            return None;
        }
        self.token(false);
        match suffix {
            Suffix::Percent => match self.next_word_start() {
                Some(b'h') if self.followed_by(b"hr") => {
                    set(&mut self.step.hr, HrUnit::PercentMax, amount)
                }
                Some(b'l') if self.followed_by(b"lthr") => {
                    set(&mut self.step.hr, HrUnit::PercentLthr, amount)
                }
                Some(b'p') if self.followed_by(b"pace") => {
                    set(&mut self.step.pace, PaceUnit::PercentThreshold, amount)
                }
                _ => set(&mut self.step.power, PowerUnit::PercentFtp, amount),
            },
            Suffix::Watts => set(&mut self.step.power, PowerUnit::Watts, amount),
            Suffix::Rpm => set_cadence(&mut self.step.cadence, amount),
            // A number or range with no unit: `90 rpm`.
            Suffix::None if self.followed_by(b"rpm") => set_cadence(&mut self.step.cadence, amount),
            Suffix::None => None,
        }
    }

    /// The rest of a duration after its first whole number `first`: parts `h`, `m` or
    /// `min`, `s` in that order, and a bare number of seconds after minutes (`1m30`).
    fn duration(&mut self, first: u64) -> Option<u32> {
        let (mut total, mut rank, mut n) = (0u64, 0, first);
        loop {
            let (unit_rank, seconds) = self.time_unit()?;
            if unit_rank < rank {
                return None;
            }
            total = total.saturating_add(n.saturating_mul(seconds));
            rank = unit_rank + 1;
            if self.at_word_end() {
                break;
            }
            let (m, len) = self.digits(0);
            if len == 0 || len > 15 {
                return None;
            }
            n = m;
            if self.at_word_end() {
                if unit_rank != 1 {
                    return None;
                }
                total = total.saturating_add(n);
                break;
            }
        }
        u32::try_from(total)
            .ok()
            .filter(|&s| s <= limits::MAX_STEP_SECONDS)
    }

    /// `h`, `min`, `m` or `s`: its rank in that order and its seconds.
    fn time_unit(&mut self) -> Option<(u8, u64)> {
        let unit = match self.peek_lower()? {
            b'h' => (0, 3600),
            b'm' if self.eat(b"min") => return Some((1, 60)),
            b'm' => (1, 60),
            b's' => (2, 1),
            _ => return None,
        };
        self.at += 1;
        Some(unit)
    }

    /// Sets the step's length, once.
    fn length(&mut self, length: Length) -> Option<()> {
        if self.has_length {
            return None;
        }
        self.token(false);
        self.has_length = true;
        self.step.length = length;
        Some(())
    }

    /// `Z2` or `Z3-Z4`, then `HR` or `Pace` for those zones.
    fn zone(&mut self) -> Option<()> {
        self.at += 1;
        let start = self.value()?;
        let amount = if self.eat(b"-z") {
            Amount::Range {
                start,
                end: self.value()?,
            }
        } else {
            Amount::Value(start)
        };
        if !self.at_word_end() || !is_zone_number(amount) {
            return None;
        }
        self.token(true);
        match self.next_word_start() {
            Some(b'h') if self.followed_by(b"hr") => set(&mut self.step.hr, HrUnit::Zone, amount),
            Some(b'p') if self.followed_by(b"pace") => {
                set(&mut self.step.pace, PaceUnit::Zone, amount)
            }
            _ => set(&mut self.step.power, PowerUnit::Zone, amount),
        }
    }

    /// A word starting with a letter: a flag, `Press lap`, or a word of the step's text.
    fn letters(&mut self) -> Option<()> {
        let at = self.at;
        while let Some(b'!'..=b'<' | b'>'..=b'~') = self.peek() {
            self.at += 1;
        }
        if !self.at_word_end() {
            // `=` (a setting), or a byte that is not printable ASCII.
            return None;
        }
        let word = self.bytes.get(at..self.at)?;
        let is = |keyword: &[u8]| word.eq_ignore_ascii_case(keyword);
        let flag: fn(&mut Interval) -> &mut bool = if is(b"ramp") {
            // Among the first words, `ramp` is text (`Ramp to failure 1m`).
            if self.first_token.is_none() {
                return self.text_word(at);
            }
            |s| &mut s.ramp
        } else if is(b"freeride") {
            |s| &mut s.freeride
        } else if is(b"maxeffort") {
            |s| &mut s.maxeffort
        } else if is(b"hidepower") {
            |s| &mut s.hidepower
        } else if is(b"press") && self.followed_by(b"lap") {
            |s| &mut s.until_lap_press
        } else {
            return self.text_word(at);
        };
        *flag(self.step) = true;
        self.token(false);
        Some(())
    }
}

/// The value of digits `m` with `frac_len` of them decimals, computed as the general
/// reader computes it (up to 15 digits fit an `i64`, whose conversion is exact).
fn decimal(m: u64, frac_len: usize) -> Option<f64> {
    crate::num::POW10
        .get(frac_len)
        .map(|scale| m as i64 as f64 / scale)
}

/// A distance, if within its limit.
fn distance(value: f64, unit: DistanceUnit) -> Option<Length> {
    (value * unit.metres() <= limits::MAX_STEP_METRES).then_some(Length::Distance { value, unit })
}

/// Sets a target given for the first time.
fn set<U>(slot: &mut Option<Target<U>>, units: U, amount: Amount) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(Target::new(units, amount));
    Some(())
}

fn set_cadence(slot: &mut Option<Amount>, amount: Amount) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(amount);
    Some(())
}
