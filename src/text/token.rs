//! nom parsers for single words of a step line. Each parser must consume the whole word
//! (a token counts only when the whole word matches: `500w+` is not a token).
//! Numbers are returned as written; bounds are checked by the step scanner.

use crate::model::{Amount, DistanceUnit, PaceLength, Smoothing, StepKind};
use nom::branch::alt;
use nom::combinator::{all_consuming, opt, recognize};
use nom::sequence::{pair, preceded, terminated};
use nom::{IResult, Parser};

/// One or more ASCII digits (nom's `digit1` decodes UTF-8 per character; words are mostly
/// ASCII, so a byte scan is the fast equivalent).
fn digit1(i: &str) -> IResult<&str, &str> {
    let end = i
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(i.len());
    match (end, i.get(..end), i.get(end..)) {
        (1.., Some(digits), Some(rest)) => Ok((rest, digits)),
        _ => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Digit,
        ))),
    }
}

/// The character `c`, compared as a string prefix (no per-call UTF-8 decoding).
fn char<'a>(c: char) -> impl Fn(&'a str) -> IResult<&'a str, char> {
    move |i: &'a str| match i.strip_prefix(c) {
        Some(rest) => Ok((rest, c)),
        None => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Char,
        ))),
    }
}

/// A number as written: digits with an optional decimal part. Byte-level: the digits are
/// folded into the value as they are found, so no digit is read twice.
fn number(i: &str) -> IResult<&str, f64> {
    // A point with no digits after it is not part of the number.
    let (m, int_len, frac_len, rest) = crate::num::decimal_prefix(i.as_bytes());
    if int_len == 0 {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Digit,
        )));
    }
    let len = i.len() - rest.len();
    let value = match (int_len + frac_len <= 15).then(|| crate::num::short_decimal(m, frac_len)) {
        Some(Some(v)) => v,
        _ => slow_decimal(i.get(..len).unwrap_or(i)),
    };
    Ok((i.get(len..).unwrap_or_default(), value))
}

/// A number of more than 15 digits, through the exact parser. Digits always parse; huge
/// ones become large finite numbers or infinity, which the scanner's limits refuse.
#[cold]
fn slow_decimal(text: &str) -> f64 {
    crate::num::parse(text).unwrap_or(f64::INFINITY)
}

/// An ASCII case-insensitive tag (nom's `tag_no_case` lowercases Unicode per call, which
/// was a quarter of parse time).
fn tag_no_case<'a>(tag: &'static str) -> impl Fn(&'a str) -> IResult<&'a str, &'a str> {
    move |i: &'a str| match (i.get(..tag.len()), i.get(tag.len()..)) {
        (Some(head), Some(rest)) if head.eq_ignore_ascii_case(tag) => Ok((rest, head)),
        _ => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        ))),
    }
}

/// A range dash: `-`, or the en and em dashes people paste (`40–55%`).
fn dash(i: &str) -> IResult<&str, char> {
    alt((char('-'), char('–'), char('—'))).parse(i)
}

/// A whole number, saturating at `u64::MAX` (the scanner's limits refuse big ones); the
/// digits are folded as they are found.
fn whole(i: &str) -> IResult<&str, u64> {
    let (n, len) = i
        .bytes()
        .take_while(u8::is_ascii_digit)
        .fold((0u64, 0usize), |(n, len), b| {
            (
                n.saturating_mul(10).saturating_add(u64::from(b - b'0')),
                len + 1,
            )
        });
    match (len, i.get(len..)) {
        (1.., Some(rest)) => Ok((rest, n)),
        _ => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Digit,
        ))),
    }
}

fn whole_word<'a, O>(
    word: &'a str,
    parser: impl Parser<&'a str, Output = O, Error = nom::error::Error<&'a str>>,
) -> Option<O> {
    all_consuming(parser).parse(word).ok().map(|(_, o)| o)
}

/// `30s`, `10m`, `20min`, `1h`, `1h2m30s`, `1m30`, `0m10s`, `5'`, `30"`, `1'30"` → seconds
/// (saturating; the scanner checks the limit).
pub(super) fn duration(word: &str) -> Option<u64> {
    // Parts `number unit` with units in order h, m, s (or ' then "), each number read
    // once; a bare number may follow letter minutes (`1m30`).
    let mut rest = word;
    let (mut total, mut rank, mut quotes, mut bare_ok) = (0u64, 0u8, None, false);
    while !rest.is_empty() {
        let (after, n) = whole(rest).ok()?;
        let (after, unit) = opt(time_unit).parse(after).ok()?;
        match unit {
            Some(u) if u.rank >= rank && quotes != Some(!u.quote) => {
                total = total.saturating_add(n.saturating_mul(u.seconds));
                rank = u.rank + 1;
                quotes = Some(u.quote);
                bare_ok = u.rank == 1 && !u.quote;
            }
            None if bare_ok && after.is_empty() => {
                total = total.saturating_add(n);
                rank = 3;
            }
            _ => return None,
        }
        rest = after;
    }
    (rank > 0).then_some(total)
}

/// A duration unit: its rank in `h m s`, seconds per unit, and whether it is a quote mark.
#[derive(Clone, Copy)]
struct TimeUnit {
    rank: u8,
    seconds: u64,
    quote: bool,
}

/// A duration unit (`h`, `min`, `m`, `s`, `'`, `"`, letters in any case), told by its
/// first byte.
fn time_unit(i: &str) -> IResult<&str, TimeUnit> {
    let unit = |rank, seconds, quote| TimeUnit {
        rank,
        seconds,
        quote,
    };
    let (unit, len) = match i.as_bytes() {
        [b'h' | b'H', ..] => (unit(0, 3600, false), 1),
        [b'm' | b'M', b'i' | b'I', b'n' | b'N', ..] => (unit(1, 60, false), 3),
        [b'm' | b'M', ..] => (unit(1, 60, false), 1),
        [b's' | b'S', ..] => (unit(2, 1, false), 1),
        [b'\'', ..] => (unit(1, 60, true), 1),
        [b'"', ..] => (unit(2, 1, true), 1),
        _ => {
            return Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::Tag,
            )))
        }
    };
    Ok((i.get(len..).unwrap_or_default(), unit))
}

/// `2km`, `0.4km`, `500mtr`, `1mi`, `100yd` → (value, unit).
pub(super) fn distance(word: &str) -> Option<(f64, DistanceUnit)> {
    whole_word(
        word,
        (
            number,
            one_of(&[
                ("km", DistanceUnit::Kilometre),
                ("mtr", DistanceUnit::Metre),
                ("mi", DistanceUnit::Mile),
                ("yd", DistanceUnit::Yard),
            ]),
        ),
    )
}

/// A number or `a-b` range, each side optionally followed by `suffix` (which the last
/// side must carry when `required`): `75%`, `95-105%`, `54%-66%`.
#[inline(always)]
fn ranged<'a>(word: &'a str, suffix: &'static str, required: bool) -> Option<Amount> {
    // One pass: a side with its optional suffix, then either the end of the word or a dash
    // and a second side. The last side must carry the suffix when it is required.
    // `side` is a plain function of the input (not a combinator value), so it is inlined
    // with `suffix` a constant.
    let side = |i: &'a str| -> IResult<&'a str, (f64, bool)> {
        let (rest, value) = number(i)?;
        Ok(match tag_no_case(suffix)(rest) {
            Ok((rest, _)) => (rest, (value, true)),
            Err(_) => (rest, (value, false)),
        })
    };
    let (rest, (start, start_suffix)) = side(word).ok()?;
    if rest.is_empty() {
        return (start_suffix || !required).then_some(Amount::Value(start));
    }
    let (_, (end, end_suffix)) = all_consuming(preceded(dash, side)).parse(rest).ok()?;
    (end_suffix || !required).then_some(Amount::Range { start, end })
}

/// `75%`, `95-105%`, `54%-66%`.
pub(super) fn percent(word: &str) -> Option<Amount> {
    ranged(word, "%", true)
}

/// `220w`, `200-240w`, `125w-165w`.
pub(super) fn watts(word: &str) -> Option<Amount> {
    ranged(word, "w", true)
}

/// `90rpm`, `90-100rpm`.
pub(super) fn cadence(word: &str) -> Option<Amount> {
    ranged(word, "rpm", true)
}

/// A bare `90` or `40-50` (cadence when the next word is `rpm`).
pub(super) fn bare(word: &str) -> Option<Amount> {
    ranged(word, "", false)
}

/// `Z2`, `z2`, `Z3-Z4` (a zone number 1–9).
pub(super) fn zone(word: &str) -> Option<Amount> {
    let one = |i| preceded(tag_no_case("z"), number).parse(i);
    let (start, end) = whole_word(word, (one, opt(preceded(dash, one))))?;
    Some(match end {
        Some(end) => Amount::Range { start, end },
        None => Amount::Value(start),
    })
}

/// `5:00`, `5:00/km`, `7:15-7:00/km`, `3:00/100m-4:00/100m` → seconds per length.
pub(super) fn pace(word: &str) -> Option<(Amount, Option<PaceLength>)> {
    let clock = |i| {
        (
            whole,
            preceded(
                char(':'),
                recognize(pair(digit1, opt(pair(char('.'), digit1)))),
            ),
        )
            .map(|(m, s): (u64, &str)| (m as f64) * 60.0 + crate::num::parse(s).unwrap_or(0.0))
            .parse(i)
    };
    let side = |i| (clock, opt(pace_length)).parse(i);
    let range = (side, preceded(char('-'), side))
        .map(|((a, la), (b, lb))| (Amount::Range { start: a, end: b }, lb.or(la)));
    let single = side.map(|(v, l)| (Amount::Value(v), l));
    whole_word(word, alt((range, single)))
}

fn pace_length(i: &str) -> IResult<&str, PaceLength> {
    one_of(&[
        ("/100m", PaceLength::Hm),
        ("/100y", PaceLength::Hy),
        ("/250m", PaceLength::M250),
        ("/400m", PaceLength::M400),
        ("/500m", PaceLength::M500),
        ("/km", PaceLength::Km),
        ("/mi", PaceLength::Mile),
    ])(i)
}

/// The value of the first `(tag, value)` pair whose tag starts the input, in any ASCII
/// case: nom's `alt` of `value(…, tag_no_case(…))` as one loop over a table, which is the
/// same parser in less code (the WASM package has a size budget).
fn one_of<'a, T: Copy>(
    table: &'static [(&'static str, T)],
) -> impl Fn(&'a str) -> IResult<&'a str, T> {
    move |i: &'a str| {
        table
            .iter()
            .find_map(|&(tag, v)| tag_no_case(tag)(i).ok().map(|(rest, _)| (rest, v)))
            .ok_or_else(|| nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag)))
    }
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

/// `intensity=…`, `power=…`, `hr=…`, `pace=…`.
pub(super) fn setting(word: &str) -> Option<Setting> {
    let (key, val) = word.split_once('=')?;
    if is(key, "intensity") {
        return StepKind::from_name(val).map(Setting::Intensity);
    }
    let smoothing = Smoothing::ALL.into_iter().find(|s| is(val, s.as_str()))?;
    if is(key, "power") {
        Some(Setting::PowerSmoothing(smoothing))
    } else if is(key, "hr") {
        Some(Setting::HrSmoothing(smoothing))
    } else if is(key, "pace") {
        Some(Setting::PaceSmoothing(smoothing))
    } else {
        None
    }
}

/// A repeat word `4x` / `4X` → the count (saturating).
pub(super) fn repeat(word: &str) -> Option<u64> {
    whole_word(word, terminated(whole, tag_no_case("x")))
}

/// True when the word is `keyword`, in any case.
pub(super) fn is(word: &str, keyword: &str) -> bool {
    word.eq_ignore_ascii_case(keyword)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        for w in ["30", "m", "1.5h", "5mins", "500w", "1h30", "10m+", ""] {
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
        assert_eq!(percent("75%"), Some(Amount::Value(75.0)));
        assert_eq!(
            percent("54%-66%"),
            Some(Amount::Range {
                start: 54.0,
                end: 66.0
            })
        );
        assert_eq!(
            percent("95-105%"),
            Some(Amount::Range {
                start: 95.0,
                end: 105.0
            })
        );
        assert_eq!(percent("(68%"), None);
        assert_eq!(percent("95-105"), None);
        assert_eq!(watts("220W"), Some(Amount::Value(220.0)));
        assert_eq!(
            watts("125w-165w"),
            Some(Amount::Range {
                start: 125.0,
                end: 165.0
            })
        );
        assert_eq!(watts("500w+"), None);
        assert_eq!(
            cadence("90-100rpm"),
            Some(Amount::Range {
                start: 90.0,
                end: 100.0
            })
        );
        assert_eq!(
            bare("40-50"),
            Some(Amount::Range {
                start: 40.0,
                end: 50.0
            })
        );
        assert_eq!(zone("z2"), Some(Amount::Value(2.0)));
        assert_eq!(
            zone("Z3-Z4"),
            Some(Amount::Range {
                start: 3.0,
                end: 4.0
            })
        );
        assert_eq!(zone("Z"), None);
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
        assert_eq!(repeat("4x"), Some(4));
        assert_eq!(repeat("10X"), Some(10));
        assert_eq!(repeat("x4"), None);
        assert_eq!(repeat("4×"), None);
    }
}
