//! Parsers for single words of a step line. Each must take the whole word (a token counts
//! only when the whole word matches: `500w+` is not a token). Numbers are returned as
//! written; bounds are checked by the step reader ([`super::step`]). The words they look
//! for are in [`super::vocab`].

use super::vocab::{self, TimeUnit};
use crate::model::{Amount, DistanceUnit, PaceLength, Smoothing, StepKind};

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

/// Reads a word that starts with a digit; its first number is read once, and what follows
/// it tells the shape. The grammar is ASCII, so words are read as bytes.
pub(super) fn numeric(word: &str) -> Option<Numeric> {
    let word = word.as_bytes();
    let (first, rest) = number(word)?;
    if let Some((a, suffix)) = target(first, rest) {
        return Some(Numeric::Target(a, suffix));
    }
    if rest.first() == Some(&b':') {
        return pace(word).map(|(a, length)| Numeric::Pace(a, length));
    }
    if let Some(secs) = first.whole.and_then(|n| duration(n, rest)) {
        return Some(Numeric::Duration(secs));
    }
    let unit = vocab::DISTANCE_UNITS
        .iter()
        .find(|&&u| rest.eq_ignore_ascii_case(vocab::distance_unit(u).as_bytes()))?;
    Some(Numeric::Distance(first.value(), *unit))
}

/// A number as written: digits, then a point and digits if a digit follows the point
/// (`87.5`).
#[derive(Clone, Copy)]
struct Number<'a> {
    text: &'a [u8],
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
                .and_then(|text| text.parse().ok())
                .unwrap_or(f64::INFINITY),
        }
    }
}

/// The number at the start of `s`, and the rest of `s`.
fn number(s: &[u8]) -> Option<(Number<'_>, &[u8])> {
    let (whole, rest) = whole(s)?;
    let frac = match rest {
        [b'.', frac @ ..] => frac.iter().take_while(|b| b.is_ascii_digit()).count(),
        _ => 0,
    };
    let len = s.len() - rest.len() + if frac > 0 { 1 + frac } else { 0 };
    let (text, rest) = s.split_at_checked(len)?;
    let whole = (frac == 0).then_some(whole);
    Some((Number { text, whole }, rest))
}

/// The whole number at the start of `s`, saturating at `u64::MAX` (the limits refuse big
/// ones), and the rest of `s`.
fn whole(s: &[u8]) -> Option<(u64, &[u8])> {
    let (n, len) = s
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .fold((0u64, 0), |(n, len), d| {
            let n = n.saturating_mul(10).saturating_add(u64::from(d - b'0'));
            (n, len + 1)
        });
    Some((n, s.get(len..).filter(|_| len > 0)?))
}

/// `s` without `prefix`, compared in any ASCII case.
pub(super) fn strip_prefix_ignore_case<'a>(s: &'a [u8], prefix: &str) -> Option<&'a [u8]> {
    let (head, rest) = s.split_at_checked(prefix.len())?;
    head.eq_ignore_ascii_case(prefix.as_bytes()).then_some(rest)
}

/// `s` after a range dash: `-`, or the en and em dashes people paste (`40–55%`).
fn dash(s: &[u8]) -> Option<&[u8]> {
    ["-", "–", "—"]
        .into_iter()
        .find_map(|dash| s.strip_prefix(dash.as_bytes()))
}

/// The seconds of a duration whose first whole number `n` was read, `rest` following it:
/// parts `number unit`, each unit shorter than the one before and quote marks not mixed
/// with letters; a bare number of seconds may end it after letter minutes (`1m30`).
fn duration(mut n: u64, mut rest: &[u8]) -> Option<u64> {
    let (mut total, mut last) = (0u64, None::<TimeUnit>);
    loop {
        let unit_len = rest.iter().take_while(|b| !b.is_ascii_digit()).count();
        let (unit, after) = rest.split_at_checked(unit_len)?;
        if unit.is_empty() {
            let after_minutes = last.is_some_and(|u| u.seconds == 60 && !u.quote);
            return after_minutes.then(|| total.saturating_add(n));
        }
        let unit = *vocab::TIME_UNITS
            .iter()
            .find(|u| unit.eq_ignore_ascii_case(u.word.as_bytes()))?;
        if last.is_some_and(|l| unit.seconds >= l.seconds || unit.quote != l.quote) {
            return None;
        }
        total = total.saturating_add(n.saturating_mul(unit.seconds));
        if after.is_empty() {
            return Some(total);
        }
        last = Some(unit);
        (n, rest) = whole(after)?;
    }
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

/// A target whose first number `start` was read, `rest` following it: a number or `a-b`
/// range whose last side carries the unit, which the first side may carry too.
fn target(start: Number<'_>, rest: &[u8]) -> Option<(Amount, Suffix)> {
    let (first, rest) = suffix(rest);
    if rest.is_empty() {
        return Some((Amount::Value(start.value()), first));
    }
    let (end, rest) = number(dash(rest)?)?;
    let (last, rest) = suffix(rest);
    (rest.is_empty() && (first == Suffix::None || first == last)).then(|| {
        let (start, end) = (start.value(), end.value());
        (Amount::Range { start, end }, last)
    })
}

/// The target unit at the start of `s`, if any, and the rest of `s`.
fn suffix(s: &[u8]) -> (Suffix, &[u8]) {
    [
        (Suffix::Percent, vocab::PERCENT),
        (Suffix::Watts, vocab::WATTS),
        (Suffix::Rpm, vocab::RPM),
    ]
    .into_iter()
    .find_map(|(suffix, word)| Some((suffix, strip_prefix_ignore_case(s, word)?)))
    .unwrap_or((Suffix::None, s))
}

/// `Z2`, `z2`, `Z3-Z4` (the step reader checks that it is a zone number 1–9).
pub(super) fn zone(word: &str) -> Option<Amount> {
    let side = |s| number(strip_prefix_ignore_case(s, vocab::ZONE)?);
    let (start, rest) = side(word.as_bytes())?;
    if rest.is_empty() {
        return Some(Amount::Value(start.value()));
    }
    let (end, rest) = side(dash(rest)?)?;
    rest.is_empty().then(|| Amount::Range {
        start: start.value(),
        end: end.value(),
    })
}

/// A pace (the length of a range is its last side's, or else its first side's).
fn pace(word: &[u8]) -> Option<(Amount, Option<PaceLength>)> {
    let (start, first, rest) = pace_side(word)?;
    if rest.is_empty() {
        return Some((Amount::Value(start), first));
    }
    let (end, last, rest) = pace_side(rest.strip_prefix(b"-")?)?;
    rest.is_empty()
        .then_some((Amount::Range { start, end }, last.or(first)))
}

/// One side of a pace: whole minutes, `:`, seconds (with decimals), then an optional
/// length; its seconds, its length and the rest of `s`.
fn pace_side(s: &[u8]) -> Option<(f64, Option<PaceLength>, &[u8])> {
    let (minutes, rest) = whole(s)?;
    let (seconds, rest) = number(rest.strip_prefix(b":")?)?;
    let seconds = minutes as f64 * 60.0 + seconds.value();
    let length = PaceLength::ALL.iter().find_map(|&length| {
        let rest = strip_prefix_ignore_case(rest, vocab::pace_length(length))?;
        Some((length, rest))
    });
    Some(match length {
        Some((length, rest)) => (seconds, Some(length), rest),
        None => (seconds, None, rest),
    })
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
    // The keys are looked for at the start: most words have none, and are left at once.
    let value = |key: &str| {
        let value = word.get(key.len()..)?.strip_prefix(vocab::SETTING_SIGN)?;
        is(word.get(..key.len())?, key).then_some(value)
    };
    let smoothing = |value: &str| Smoothing::ALL.into_iter().find(|s| is(value, s.as_str()));
    if let Some(value) = value(vocab::INTENSITY_KEY) {
        StepKind::from_name(value).map(Setting::Intensity)
    } else if let Some(value) = value(vocab::POWER_KEY) {
        smoothing(value).map(Setting::PowerSmoothing)
    } else if let Some(value) = value(vocab::HR_KEY) {
        smoothing(value).map(Setting::HrSmoothing)
    } else {
        smoothing(value(vocab::PACE_KEY)?).map(Setting::PaceSmoothing)
    }
}

/// A repeat word `4x` / `4X` → the count (saturating).
pub(super) fn repeat(word: &str) -> Option<u64> {
    let (count, rest) = whole(word.as_bytes())?;
    rest.eq_ignore_ascii_case(vocab::REPEAT.as_bytes())
        .then_some(count)
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
