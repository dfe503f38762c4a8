//! nom parsers for single words of a step line. Each must take the whole word (a token
//! counts only when the whole word matches: `500w+` is not a token). Numbers are returned
//! as written; bounds are checked by the step reader ([`super::step`]). The words they look
//! for are in [`super::vocab`].
//!
//! The grammar is ASCII, so words are read as bytes: nom then compares tags in ASCII case
//! (over `&str` it would fold Unicode case, where the Kelvin sign is a `k`). A word is all
//! there is, so parsers run with `parse_complete`.

use super::vocab::{self, TimeUnit};
use crate::model::{Amount, DistanceUnit, PaceLength, Smoothing, StepKind};
use nom::branch::alt;
use nom::bytes::{tag, tag_no_case, take_till1};
// The function `digit1` splits its input in place; the parser `digit1()` calls nom's
// `take_from`, which is not inlined across crates (1.8% more instructions a corpus pass).
use nom::character::complete::digit1;
use nom::combinator::{all_consuming, map, opt, rest, value};
use nom::error::ErrorKind;
use nom::sequence::{pair, preceded, separated_pair, terminated};
use nom::{IResult, Input, Parser};

/// A word, or what is left of it.
type In<'a> = &'a [u8];

/// What a word parser gives: the rest of the word and its output. A word is a token or it
/// is not, so a failure carries nothing.
type Res<'a, O> = IResult<In<'a>, O, ()>;

/// The failure of a word parser.
const FAIL: nom::Err<()> = nom::Err::Error(());

/// A word parser's failure.
fn fail<'a, O>() -> Res<'a, O> {
    Err(FAIL)
}

/// What `parser` reads from the whole of `word`, if it reads all of it.
fn whole_word<'a, O>(
    word: In<'a>,
    parser: impl Parser<In<'a>, Output = O, Error = ()>,
) -> Option<O> {
    let (_, out) = all_consuming(parser).parse_complete(word).ok()?;
    Some(out)
}

/// What a word that starts with a digit is, by its shape (no word has two shapes).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Numeric {
    /// `30s`, `10m`, `20min`, `1h`, `1h2m30s`, `1m30`, `0m10s`, `5'`, `30"`, `1'30"`:
    /// seconds (saturating; the step reader checks the limit).
    Duration(u64),
    /// `2km`, `0.4km`, `500mtr`, `1mi`, `100yd`.
    Distance(f64, DistanceUnit),
    /// `75%`, `95-105%`, `54%-66%`, `220w`, `90-100rpm`, a bare `90` or `40-50`.
    Target(Amount, Suffix),
    /// `5:00`, `5:00/km`, `7:15-7:00/km`, `3:00/100m-4:00/100m`: seconds per length.
    Pace(Amount, Option<PaceLength>),
}

/// Reads a word that starts with a digit. Its first number is read once, and the byte
/// after it tells which shape to try (no two shapes start alike there): 8% fewer
/// instructions a corpus pass than trying each shape in turn.
pub(super) fn numeric(word: &str) -> Option<Numeric> {
    let (rest, first) = number(word.as_bytes()).ok()?;
    let shape = match rest.first() {
        Some(b':') => map(|i| pace(first, i), |(a, l)| Numeric::Pace(a, l)).parse_complete(rest),
        Some(b)
            if b.is_ascii_alphabetic() && !matches!(b, b'w' | b'W' | b'r' | b'R')
                || matches!(b, b'\'' | b'"') =>
        {
            unit_shape(first, rest)
        }
        _ => map(|i| target(first, i), |(a, s)| Numeric::Target(a, s)).parse_complete(rest),
    };
    match shape {
        Ok(([], shape)) => Some(shape),
        _ => None,
    }
}

/// A duration or distance whose first number `first` was read, `i` (its unit) following it.
/// The unit is read once and looked up among both kinds (no word is both): 0.9% fewer
/// instructions a corpus pass than trying a duration, then a distance.
fn unit_shape<'a>(first: Number<'_>, i: In<'a>) -> Res<'a, Numeric> {
    let (rest, word) = unit_word(i)?;
    if let Some(unit) = time_unit(word) {
        return map(|i| duration(first, unit, i), Numeric::Duration).parse_complete(rest);
    }
    match vocab::DISTANCE_UNITS
        .iter()
        .find(|&&unit| word.eq_ignore_ascii_case(vocab::distance_unit(unit).as_bytes()))
    {
        Some(&unit) => Ok((rest, Numeric::Distance(first.value(), unit))),
        None => fail(),
    }
}

/// A number as written: digits, then a point and digits if a digit follows the point
/// (`87.5`).
#[derive(Clone, Copy)]
struct Number<'a> {
    text: In<'a>,
    /// Its value when it has no decimals, saturating at `u64::MAX`.
    whole: Option<u64>,
}

impl Number<'_> {
    /// The value. Digits always parse; huge numbers become large values or infinity,
    /// which the step reader's limits refuse.
    fn value(self) -> f64 {
        match self.whole {
            // Whole numbers, most of them, are the same through `as` (rounded to nearest,
            // ties to even, as the parser rounds): 10% fewer instructions a corpus pass.
            Some(n) if n < u64::MAX => n as f64,
            _ => std::str::from_utf8(self.text)
                .ok()
                .and_then(crate::decimal::parse)
                .unwrap_or(f64::INFINITY),
        }
    }
}

/// A number: digits, then a point and digits if a digit follows the point.
// Inlined into its callers: 1.5% fewer instructions a corpus pass.
#[inline]
fn number(i: In<'_>) -> Res<'_, Number<'_>> {
    let (rest, digits) = digit1(i)?;
    let fraction: Res<In<'_>> = preceded(tag("."), digit1).parse_complete(rest);
    Ok(match fraction {
        Err(_) => (
            rest,
            Number {
                text: digits,
                whole: Some(fold_digits(digits)),
            },
        ),
        Ok((rest, _)) => (
            rest,
            Number {
                text: i.get(..i.len() - rest.len()).unwrap_or(i),
                whole: None,
            },
        ),
    })
}

/// A whole number, saturating at `u64::MAX` (the limits refuse big ones).
fn whole(i: In<'_>) -> Res<'_, u64> {
    map(digit1, fold_digits).parse_complete(i)
}

/// The value of ASCII digits, saturating at `u64::MAX`.
fn fold_digits(digits: In<'_>) -> u64 {
    digits.iter().fold(0u64, |n, d| {
        n.saturating_mul(10).saturating_add(u64::from(d - b'0'))
    })
}

/// A range dash: `-`, or the en and em dashes people paste (`40–55%`).
fn dash(i: In<'_>) -> Res<'_, In<'_>> {
    alt((tag("-"), tag("–"), tag("—"))).parse_complete(i)
}

/// The seconds of a duration whose first number `first` and unit `unit` were read, `i`
/// following them: parts `number unit`, each unit shorter than the one before and quote
/// marks not mixed with letters; a bare number of seconds may end it after letter minutes
/// (`1m30`).
fn duration<'a>(first: Number<'_>, unit: TimeUnit, mut i: In<'a>) -> Res<'a, u64> {
    let mut parts = Parts {
        total: first.whole.ok_or(FAIL)?.saturating_mul(unit.seconds),
        last: unit,
    };
    while !i.is_empty() {
        let (rest, n) = whole(i)?;
        let (rest, unit) = opt(unit_word).parse_complete(rest)?;
        parts = match unit {
            Some(word) => parts.then(n, time_unit(word).ok_or(FAIL)?),
            None => parts.end(n),
        }
        .ok_or(FAIL)?;
        i = rest;
    }
    Ok((i, parts.total))
}

/// The parts of a duration read so far.
#[derive(Clone, Copy)]
struct Parts {
    /// Seconds, saturating.
    total: u64,
    last: TimeUnit,
}

impl Parts {
    /// With the part `n unit` added, if `unit` may follow the last one.
    fn then(self, n: u64, unit: TimeUnit) -> Option<Parts> {
        let last = self.last;
        (unit.seconds < last.seconds && unit.quote == last.quote).then(|| Parts {
            total: self.total.saturating_add(n.saturating_mul(unit.seconds)),
            last: unit,
        })
    }

    /// With a bare number of seconds `n` added, which may end a duration after letter
    /// minutes.
    fn end(self, n: u64) -> Option<Parts> {
        let last = self.last;
        (last.seconds == 60 && !last.quote).then(|| Parts {
            total: self.total.saturating_add(n),
            last: vocab::SECONDS,
        })
    }
}

/// The unit after a number: all that comes before the next digit (so `m` is never the
/// start of `min`). nom's `take_till1`, split in place as `digit1` is.
fn unit_word(i: In<'_>) -> Res<'_, In<'_>> {
    i.split_at_position1_complete(|b: u8| b.is_ascii_digit(), ErrorKind::TakeTill1)
}

/// The duration unit `word` is.
fn time_unit(word: In<'_>) -> Option<TimeUnit> {
    vocab::TIME_UNITS
        .iter()
        .find(|u| word.eq_ignore_ascii_case(u.word.as_bytes()))
        .copied()
}

/// The unit after the number of a target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Suffix {
    /// `75%`.
    Percent,
    /// `220w`.
    Watts,
    /// `90rpm`.
    Rpm,
    /// A bare `90` (a cadence when the next word is `rpm`).
    None,
}

/// A target whose first number `start` was read, `i` following it: a number or `a-b`
/// range whose last side carries the unit, which the first side may carry too.
fn target<'a>(start: Number<'_>, i: In<'a>) -> Res<'a, (Amount, Suffix)> {
    let (i, first) = suffix(i)?;
    if i.is_empty() {
        return Ok((i, (Amount::Value(start.value()), first)));
    }
    // Its parts read in turn, not through `preceded` and `pair`, so that `number` is
    // inlined here: 0.4% fewer instructions a corpus pass.
    let (i, _) = dash(i)?;
    let (i, end) = number(i)?;
    let (i, last) = suffix(i)?;
    if first != Suffix::None && first != last {
        return fail();
    }
    let (start, end) = (start.value(), end.value());
    Ok((i, (Amount::Range { start, end }, last)))
}

/// The target unit at the start of `i`, if any.
fn suffix(i: In<'_>) -> Res<'_, Suffix> {
    // Told by the first byte (no two units start alike, see the test `units_start_apart`):
    // 0.9% fewer instructions a corpus pass than trying each unit in turn.
    match i.first() {
        Some(b'%') => value(Suffix::Percent, tag(vocab::PERCENT)).parse_complete(i),
        Some(b'w' | b'W') => value(Suffix::Watts, tag_no_case(vocab::WATTS)).parse_complete(i),
        Some(b'r' | b'R') => opt(value(Suffix::Rpm, tag_no_case(vocab::RPM)))
            .parse_complete(i)
            .map(|(i, s)| (i, s.unwrap_or(Suffix::None))),
        _ => Ok((i, Suffix::None)),
    }
}

/// `Z2`, `z2`, `Z3-Z4` (the step reader checks that it is a zone number 1–9).
pub(super) fn zone(word: &str) -> Option<Amount> {
    // Most words do not start like a zone: left at once, without a parser (0.5% fewer
    // instructions a corpus pass).
    if !word
        .get(..vocab::ZONE.len())
        .is_some_and(|z| z.eq_ignore_ascii_case(vocab::ZONE))
    {
        return None;
    }
    let side = || preceded(tag_no_case(vocab::ZONE), number);
    let (rest, start) = side().parse_complete(word.as_bytes()).ok()?;
    let start = start.value();
    if rest.is_empty() {
        return Some(Amount::Value(start));
    }
    let end = whole_word(rest, preceded(dash, side()))?.value();
    Some(Amount::Range { start, end })
}

/// A pace whose first number `first` was read, `i` following it (the length of a range is
/// its last side's, or else its first side's).
fn pace<'a>(first: Number<'_>, i: In<'a>) -> Res<'a, (Amount, Option<PaceLength>)> {
    let (i, (seconds, first_length)) = clock(i)?;
    let start = pace_seconds(first.whole.ok_or(FAIL)?, seconds);
    let end = map(pair(whole, clock), |(minutes, (seconds, length))| {
        (pace_seconds(minutes, seconds), length)
    });
    map(opt(preceded(tag("-"), end)), move |end| match end {
        None => (Amount::Value(start), first_length),
        Some((end, last_length)) => (Amount::Range { start, end }, last_length.or(first_length)),
    })
    .parse_complete(i)
}

/// What follows the minutes of a pace: `:`, seconds (with decimals), then an optional
/// length.
fn clock(i: In<'_>) -> Res<'_, (f64, Option<PaceLength>)> {
    map(
        pair(preceded(tag(":"), number), pace_length),
        |(seconds, length)| (seconds.value(), length),
    )
    .parse_complete(i)
}

/// The length after a pace, if any (no length's word starts another's).
fn pace_length(i: In<'_>) -> Res<'_, Option<PaceLength>> {
    // Every length starts with `/` (see the test `units_start_apart`): tried only then, 0.5%
    // fewer instructions a corpus pass.
    if i.first() != Some(&b'/') {
        return Ok((i, None));
    }
    let length = |length| value(length, tag_no_case(vocab::pace_length(length)));
    opt(alt(PaceLength::ALL.map(length))).parse_complete(i)
}

/// A pace in seconds.
fn pace_seconds(minutes: u64, seconds: f64) -> f64 {
    minutes as f64 * 60.0 + seconds
}

/// What a `key=value` word sets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Setting {
    /// `intensity=recovery`.
    Intensity(StepKind),
    /// `power=1s`.
    PowerSmoothing(Smoothing),
    /// `hr=1s`.
    HrSmoothing(Smoothing),
    /// `pace=1s`.
    PaceSmoothing(Smoothing),
}

/// `intensity=…`, `power=…`, `hr=…`, `pace=…`: a key, the sign, and a value that is the
/// model's name of a step type or smoothing window.
pub(super) fn setting(word: &str) -> Option<Setting> {
    // Most words have no sign (the key ends at the first `=`): left at once, without a
    // parser (0.3% fewer instructions a corpus pass).
    if !word.as_bytes().contains(&b'=') {
        return None;
    }
    let key_value = separated_pair(take_till1(|b| b == b'='), tag(vocab::SETTING_SIGN), rest);
    let (key, value) = whole_word(word.as_bytes(), key_value)?;
    let smoothing = || named(Smoothing::ALL, Smoothing::as_str, value);
    if key.eq_ignore_ascii_case(vocab::INTENSITY_KEY.as_bytes()) {
        named(StepKind::ALL, StepKind::as_str, value).map(Setting::Intensity)
    } else if key.eq_ignore_ascii_case(vocab::POWER_KEY.as_bytes()) {
        smoothing().map(Setting::PowerSmoothing)
    } else if key.eq_ignore_ascii_case(vocab::HR_KEY.as_bytes()) {
        smoothing().map(Setting::HrSmoothing)
    } else if key.eq_ignore_ascii_case(vocab::PACE_KEY.as_bytes()) {
        smoothing().map(Setting::PaceSmoothing)
    } else {
        None
    }
}

/// The one of `all` whose name is `value`, in any case.
fn named<T: Copy, const N: usize>(
    all: [T; N],
    name: fn(T) -> &'static str,
    value: In<'_>,
) -> Option<T> {
    all.into_iter()
        .find(|&t| value.eq_ignore_ascii_case(name(t).as_bytes()))
}

/// A repeat word `4x` / `4X` → the count (saturating).
pub(super) fn repeat(word: &str) -> Option<u64> {
    whole_word(
        word.as_bytes(),
        terminated(whole, tag_no_case(vocab::REPEAT)),
    )
}

/// True when the word is `keyword`, in any case.
pub(super) fn is(word: &str, keyword: &str) -> bool {
    word.eq_ignore_ascii_case(keyword)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duration(word: &str) -> Option<u64> {
        match numeric(word) {
            Some(Numeric::Duration(secs)) => Some(secs),
            _ => None,
        }
    }

    fn target(word: &str) -> Option<(Amount, Suffix)> {
        match numeric(word) {
            Some(Numeric::Target(a, suffix)) => Some((a, suffix)),
            _ => None,
        }
    }

    fn distance(word: &str) -> Option<(f64, DistanceUnit)> {
        match numeric(word) {
            Some(Numeric::Distance(v, unit)) => Some((v, unit)),
            _ => None,
        }
    }

    fn pace(word: &str) -> Option<(Amount, Option<PaceLength>)> {
        match numeric(word) {
            Some(Numeric::Pace(a, length)) => Some((a, length)),
            _ => None,
        }
    }

    #[test]
    fn durations() {
        for (w, s) in [
            ("30s", 30),
            ("10m", 600),
            ("1h", 3600),
            ("1h2m30s", 3750),
            ("1m30", 90),
            ("0m10s", 10),
            ("2m30s", 150),
            ("1h45m", 6300),
            ("5'", 300),
            ("30\"", 30),
            ("1'30\"", 90),
            ("10M", 600),
            ("20min", 1200),
        ] {
            assert_eq!(duration(w), Some(s), "{w}");
        }
        for w in [
            "30", "m", "1.5h", "5mins", "500w", "1h30", "10m+", "", "1s2m", "5'30s", "1hm",
            "1m30s5",
        ] {
            assert_eq!(duration(w), None, "{w}");
        }
    }

    #[test]
    fn distances() {
        assert_eq!(distance("2km"), Some((2.0, DistanceUnit::Kilometre)));
        assert_eq!(distance("0.4KM"), Some((0.4, DistanceUnit::Kilometre)));
        assert_eq!(distance("500mtr"), Some((500.0, DistanceUnit::Metre)));
        assert_eq!(distance("4.5mi"), Some((4.5, DistanceUnit::Mile)));
        assert_eq!(distance("400m"), None);
    }

    #[test]
    fn targets() {
        let range = |start, end| Amount::Range { start, end };
        assert_eq!(target("75%"), Some((Amount::Value(75.0), Suffix::Percent)));
        assert_eq!(
            target("54%-66%"),
            Some((range(54.0, 66.0), Suffix::Percent))
        );
        assert_eq!(
            target("95-105%"),
            Some((range(95.0, 105.0), Suffix::Percent))
        );
        assert_eq!(target("40–55%"), Some((range(40.0, 55.0), Suffix::Percent)));
        assert_eq!(target("95-105"), Some((range(95.0, 105.0), Suffix::None)));
        assert_eq!(target("54%-66"), None);
        assert_eq!(target("(68%"), None);
        assert_eq!(target("220W"), Some((Amount::Value(220.0), Suffix::Watts)));
        assert_eq!(
            target("125w-165w"),
            Some((range(125.0, 165.0), Suffix::Watts))
        );
        assert_eq!(target("500w+"), None);
        assert_eq!(target("90rpm-100%"), None);
        assert_eq!(target("90-100rpm"), Some((range(90.0, 100.0), Suffix::Rpm)));
        assert_eq!(
            target("87.5%"),
            Some((Amount::Value(87.5), Suffix::Percent))
        );
        assert_eq!(target("7.%"), None);
        assert_eq!(zone("z2"), Some(Amount::Value(2.0)));
        assert_eq!(zone("Z3-Z4"), Some(range(3.0, 4.0)));
        assert_eq!(zone("Z"), None);
        assert_eq!(zone("Z3-4"), None);
    }

    #[test]
    fn paces() {
        assert_eq!(
            pace("5:00/km"),
            Some((Amount::Value(300.0), Some(PaceLength::Km)))
        );
        assert_eq!(pace("5:00"), Some((Amount::Value(300.0), None)));
        assert_eq!(
            pace("7:15-7:00/km"),
            Some((
                Amount::Range {
                    start: 435.0,
                    end: 420.0
                },
                Some(PaceLength::Km)
            ))
        );
        assert_eq!(
            pace("3:00/100m-4:00/100m"),
            Some((
                Amount::Range {
                    start: 180.0,
                    end: 240.0
                },
                Some(PaceLength::Hm)
            ))
        );
        assert_eq!(pace("5:00/xx"), None);
    }

    #[test]
    fn units_start_apart() {
        // `suffix` and `pace_length` are told by their first byte.
        assert_eq!(
            [vocab::PERCENT, vocab::WATTS, vocab::RPM].map(|u| u.as_bytes().first().copied()),
            [Some(b'%'), Some(b'w'), Some(b'r')]
        );
        for length in PaceLength::ALL {
            assert!(vocab::pace_length(length).starts_with('/'), "{length:?}");
        }
    }

    #[test]
    fn settings_and_repeats() {
        assert_eq!(
            setting("power=1s"),
            Some(Setting::PowerSmoothing(Smoothing::S1))
        );
        assert_eq!(
            setting("intensity=Recovery"),
            Some(Setting::Intensity(StepKind::Recovery))
        );
        assert_eq!(setting("power=2s"), None);
        assert_eq!(
            setting("HR=lap"),
            Some(Setting::HrSmoothing(Smoothing::Lap))
        );
        assert_eq!(
            setting("pace=30s"),
            Some(Setting::PaceSmoothing(Smoothing::S30))
        );
        assert_eq!(setting("powerx=1s"), None);
        assert_eq!(setting("cadence=1s"), None);
        assert_eq!(setting("pace"), None);
        assert_eq!(repeat("4x"), Some(4));
        assert_eq!(repeat("10X"), Some(10));
        assert_eq!(repeat("x4"), None);
        assert_eq!(repeat("4×"), None);
    }
}
