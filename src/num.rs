//! Decimal numbers in and out without the standard library's float parser and formatter.
//!
//! The results are the same as the standard library's (the tests compare them on hundreds of
//! thousands of values):
//! - [`parse`] reads the grammar of `str::parse::<f64>` and rounds correctly: an exact
//!   product or quotient when the digits and the power of ten fit in an `f64`, otherwise an
//!   approximation corrected by exact big-integer comparisons with the halfway points;
//! - [`Shortest`] prints the digits of the shortest round-trip representation (from `zmij`,
//!   which `serde_json` already links) in plain positional notation, like `{}`. One
//!   difference: when two shortest candidates are exactly as near (about 1 value in 10,000
//!   random bit patterns, none with few digits), it prints the even one and `{}` the upper;
//!   both read back to the same value.

mod big;

use big::Big;
use std::cmp::Ordering;
use std::fmt;

/// Powers of ten that an `f64` holds exactly.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The value of a decimal of at most 15 digits (the caller checks), given as the integer
/// `m` of its digits of which the last `frac_len` are decimals: the digits (as an `i64`,
/// whose conversion is one instruction) and the power of ten are exact, so one division
/// rounds correctly, and a whole number needs none. Longer numbers go to [`parse`].
pub(crate) fn short_decimal(m: u64, frac_len: usize) -> Option<f64> {
    let value = m as i64 as f64;
    match frac_len {
        0 => Some(value),
        _ => POW10.get(frac_len).map(|scale| value / scale),
    }
}

/// A whole text that is a plain decimal, digits with at most one `.` between digits and
/// 15 digits at most, read in one pass: the value [`parse`] gives it. `None` for anything
/// else (signs, exponents, `.5`, `1.`, longer numbers), which callers give to [`parse`].
#[inline]
pub(crate) fn plain_decimal(b: &[u8]) -> Option<f64> {
    if b.len() > 16 {
        return None;
    }
    let (mut m, mut dot) = (0u64, None);
    for (i, &c) in b.iter().enumerate() {
        let d = c.wrapping_sub(b'0');
        if d < 10 {
            m = m * 10 + u64::from(d);
        } else if c == b'.' && dot.is_none() {
            dot = Some(i);
        } else {
            return None;
        }
    }
    let frac_len = match dot {
        None if !b.is_empty() && b.len() <= 15 => 0,
        Some(at) if at > 0 && at + 1 < b.len() => b.len() - at - 1,
        _ => return None,
    };
    short_decimal(m, frac_len)
}

/// Significant digits kept exactly. A halfway point between two `f64`s has at most 767
/// significant digits, so any digits past these only matter as "some more, not zero".
const MAX_DIGITS: usize = 800;

/// `s` as an `f64`, exactly as `s.parse::<f64>().ok()`: an optional sign, then `inf`,
/// `infinity` or `nan` in any case, or digits with an optional `.` and an optional exponent.
pub(crate) fn parse(s: &str) -> Option<f64> {
    let (negative, body) = match s.as_bytes().first() {
        Some(b'-') => (true, s.get(1..)?),
        Some(b'+') => (false, s.get(1..)?),
        _ => (false, s),
    };
    let magnitude = if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
        f64::INFINITY
    } else if body.eq_ignore_ascii_case("nan") {
        f64::NAN
    } else {
        Decimal::read(body)?.value()
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// A decimal number split into its significant digits and a power of ten:
/// `digits × 10^exp`, with no leading or trailing zeros in `digits`.
struct Decimal<'a> {
    int: &'a [u8],
    frac: &'a [u8],
    /// Leading zeros to skip in `int` then `frac`.
    lead: usize,
    /// Number of significant digits (from the first to the last non-zero digit).
    len: usize,
    /// The power of ten of the last significant digit.
    exp: i64,
}

impl<'a> Decimal<'a> {
    /// Reads `digits[.digits][(e|E)[sign]digits]` with at least one mantissa digit.
    fn read(s: &'a str) -> Option<Self> {
        let b = s.as_bytes();
        let (mantissa, exponent) = match b.iter().position(|&c| c == b'e' || c == b'E') {
            Some(at) => (b.get(..at)?, Some(b.get(at + 1..)?)),
            None => (b, None),
        };
        let (int, frac) = match mantissa.iter().position(|&c| c == b'.') {
            Some(at) => (mantissa.get(..at)?, mantissa.get(at + 1..)?),
            None => (mantissa, &[][..]),
        };
        let all_digits = |d: &[u8]| d.iter().all(u8::is_ascii_digit);
        if int.len() + frac.len() == 0 || !all_digits(int) || !all_digits(frac) {
            return None;
        }
        let exp10 = match exponent {
            None => 0,
            Some(e) => {
                let (neg, digits) = match e.first() {
                    Some(b'-') => (true, e.get(1..)?),
                    Some(b'+') => (false, e.get(1..)?),
                    _ => (false, e),
                };
                if digits.is_empty() || !all_digits(digits) {
                    return None;
                }
                // Saturating: anything past a million is zero or infinity either way.
                let n = digits.iter().fold(0i64, |n, &c| {
                    (n * 10 + i64::from(c - b'0')).min(1_000_000_000)
                });
                if neg {
                    -n
                } else {
                    n
                }
            }
        };
        let all = || int.iter().chain(frac);
        let lead = all().take_while(|&&c| c == b'0').count();
        let trail = all().rev().take_while(|&&c| c == b'0').count();
        let total = int.len() + frac.len();
        let len = total.saturating_sub(lead + trail);
        let exp = exp10 - frac.len() as i64 + trail as i64;
        Some(Decimal {
            int,
            frac,
            lead,
            len,
            exp,
        })
    }

    /// The significant digits, most significant first.
    fn digits(&self) -> impl Iterator<Item = u8> + '_ {
        self.int
            .iter()
            .chain(self.frac)
            .skip(self.lead)
            .take(self.len)
            .map(|c| c - b'0')
    }

    /// The correctly rounded (half to even) non-negative `f64`.
    fn value(&self) -> f64 {
        let top = self.len as i64 + self.exp; // value < 10^top
        if self.len == 0 || top <= -324 {
            return 0.0;
        }
        if top > 310 {
            return f64::INFINITY;
        }
        let head = self.len.min(19);
        let m = self
            .digits()
            .take(head)
            .fold(0u64, |m, d| m * 10 + u64::from(d));
        if self.len == head && m <= 1 << 53 {
            // Clinger's fast path: both operands exact, one rounding.
            if let Some(&p) = POW10.get(self.exp.unsigned_abs() as usize) {
                return if self.exp < 0 {
                    m as f64 / p
                } else {
                    m as f64 * p
                };
            }
        }
        self.refine(approximate(m, self.exp + (self.len - head) as i64))
    }

    /// Walks from `z` (a few units in the last place off at most) to the `f64` whose
    /// rounding interval holds the exact value.
    fn refine(&self, mut z: f64) -> f64 {
        // The exact value, as digits × 5^e5 × 2^e2 compared with a × 2^b.
        let (digits, exp) = if self.len > MAX_DIGITS {
            // Keep 800 digits and a sticky 1 for the rest (they are not all zero).
            let kept = self.digits().take(MAX_DIGITS).chain([1]);
            (
                Big::from_digits(kept),
                self.exp + (self.len - MAX_DIGITS - 1) as i64,
            )
        } else {
            (Big::from_digits(self.digits()), self.exp)
        };
        let exact = ScaledCompare::new(digits, exp);
        for _ in 0..64 {
            let (k, q) = decompose(z);
            let odd = k & 1 == 1;
            match exact.cmp_halfway(2 * k + 1, q - 1) {
                Ordering::Greater => {}
                Ordering::Equal if odd => {}
                _ => {
                    if z == 0.0 {
                        return z;
                    }
                    let below = f64::from_bits(z.to_bits() - 1);
                    let (kb, qb) = decompose(below);
                    match exact.cmp_halfway(2 * kb + 1, qb - 1) {
                        Ordering::Less => z = below,
                        Ordering::Equal if odd => z = below,
                        _ => return z,
                    }
                    continue;
                }
            }
            if z == f64::MAX {
                return f64::INFINITY;
            }
            z = f64::from_bits(z.to_bits() + 1);
        }
        z
    }
}

/// `m × 10^exp` to within a few units in the last place, never infinite or NaN.
fn approximate(m: u64, exp: i64) -> f64 {
    let mut z = m as f64;
    let mut e = exp;
    while e > 0 && z.is_finite() {
        let step = e.min(22);
        z *= POW10.get(step as usize).copied().unwrap_or(1e22);
        e -= step;
    }
    while e < 0 && z > 0.0 {
        let step = (-e).min(22);
        z /= POW10.get(step as usize).copied().unwrap_or(1e22);
        e += step;
    }
    if z.is_finite() {
        z
    } else {
        f64::MAX
    }
}

/// `z = k × 2^q` for a finite, non-negative `z`, with `k` below 2^53.
fn decompose(z: f64) -> (u64, i64) {
    let bits = z.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    if exp == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, exp - 1075)
    }
}

/// An exact decimal `digits × 10^exp`, ready to compare with numbers `a × 2^b`.
struct ScaledCompare {
    /// `digits × 5^exp` when `exp ≥ 0`, else `digits`.
    left: Big,
    /// `5^-exp` when `exp < 0`, else 1.
    right_factor: Big,
    exp: i64,
}

impl ScaledCompare {
    fn new(mut digits: Big, exp: i64) -> Self {
        let mut right_factor = Big::from_u64(1);
        if exp >= 0 {
            digits.mul_pow5(exp.unsigned_abs());
        } else {
            right_factor.mul_pow5(exp.unsigned_abs());
        }
        ScaledCompare {
            left: digits,
            right_factor,
            exp,
        }
    }

    /// Compares `digits × 10^exp` with `a × 2^b`.
    fn cmp_halfway(&self, a: u64, b: i64) -> Ordering {
        // digits × 5^e × 2^e  vs  a × 2^b, or digits  vs  a × 5^-e × 2^(b - e).
        let mut right = self.right_factor.clone();
        right.mul_u64(a);
        let (left_pow2, right_pow2) = if self.exp >= 0 {
            (self.exp, b)
        } else {
            (0, b - self.exp)
        };
        let shift = left_pow2 - right_pow2;
        let mut left = self.left.clone();
        if shift >= 0 {
            left.shl(shift.unsigned_abs());
        } else {
            right.shl(shift.unsigned_abs());
        }
        left.cmp(&right)
    }
}

/// Displays an `f64` like `{}` does: the shortest digits that read back to the same value,
/// in positional notation (`0.1`, `120`, `-0`, `NaN`, `inf`).
pub(crate) struct Shortest(pub f64);

impl fmt::Display for Shortest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        if !v.is_finite() {
            return f.write_str(non_finite(v));
        }
        if v.is_sign_negative() {
            f.write_str("-")?;
        }
        let mut buffer = zmij::Buffer::new();
        // `d[.ddd][e±x]`: keep the significant digits and count where the point goes.
        let mut digits = [0u8; 17];
        let (mut n, mut point, mut exp) = (0, 0i32, 0i32);
        let (mut after_point, mut in_exp, mut exp_negative) = (false, false, false);
        for c in buffer.format_finite(v.abs()).bytes() {
            match c {
                b'.' => after_point = true,
                b'e' | b'E' => in_exp = true,
                b'-' => exp_negative = true,
                b'0'..=b'9' if in_exp => exp = exp * 10 + i32::from(c - b'0'),
                b'0' if n == 0 => point -= i32::from(after_point),
                b'0'..=b'9' => {
                    point += i32::from(!after_point);
                    if let Some(d) = digits.get_mut(n) {
                        *d = c;
                        n += 1;
                    }
                }
                _ => {}
            }
        }
        let digits = digits.get(..n).unwrap_or_default();
        let digits = text(digits).trim_end_matches('0');
        let point = point + if exp_negative { -exp } else { exp };
        if digits.is_empty() {
            f.write_str("0")
        } else if point <= 0 {
            f.write_str("0.")?;
            zeros(f, -point)?;
            f.write_str(digits)
        } else if let (Some(int), Some(frac)) =
            (digits.get(..point as usize), digits.get(point as usize..))
        {
            f.write_str(int)?;
            if frac.is_empty() {
                return Ok(());
            }
            f.write_str(".")?;
            f.write_str(frac)
        } else {
            f.write_str(digits)?;
            zeros(f, point - digits.len() as i32)
        }
    }
}

/// Writes `n` zeros.
fn zeros(f: &mut fmt::Formatter<'_>, mut n: i32) -> fmt::Result {
    const ZEROS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
    while n > 0 {
        let k = n.min(64);
        f.write_str(ZEROS.get(..k as usize).unwrap_or_default())?;
        n -= k;
    }
    Ok(())
}

/// ASCII digits as text.
fn text(digits: &[u8]) -> &str {
    std::str::from_utf8(digits).unwrap_or_default()
}

fn non_finite(v: f64) -> &'static str {
    if v.is_nan() {
        "NaN"
    } else if v > 0.0 {
        "inf"
    } else {
        "-inf"
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Number texts at the edges of the plain-decimal quick reader, shared with the readers
    /// that call it.
    pub(crate) const PLAIN_NUMBER_EDGES: &[&str] = &[
        "",
        ".",
        "0",
        "600",
        "0.45",
        "1.",
        ".5",
        "1.2.3",
        "-1",
        "+1",
        " 1",
        "1 ",
        "1e3",
        "0.85000002",
        "123456789012345",
        "1234567890123456",
        "12345678901234.5",
        "123456789012345.6",
        "0.000000000000001",
        "9999999999999999",
        "00000000000000001",
        "1..2",
        "é",
    ];

    #[test]
    fn plain_decimals_are_short_digits_with_a_point_between() {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        for text in PLAIN_NUMBER_EDGES {
            let short = match text.split_once('.') {
                Some((int, frac)) => digits(int) && digits(frac) && int.len() + frac.len() <= 15,
                None => digits(text) && text.len() <= 15,
            };
            assert_eq!(plain_decimal(text.as_bytes()).is_some(), short, "{text:?}");
            if let Some(v) = plain_decimal(text.as_bytes()) {
                assert_eq!(Some(v), text.parse().ok(), "{text:?}");
            }
        }
    }

    /// A reproducible stream of 64-bit values (xorshift).
    fn bits(seed: u64) -> impl Iterator<Item = u64> {
        std::iter::successors(Some(seed), |&x| {
            let x = x ^ (x << 13);
            let x = x ^ (x >> 7);
            Some(x ^ (x << 17))
        })
    }

    fn same_as_std(s: &str) {
        let ours = parse(s).map(f64::to_bits);
        let std = s.parse::<f64>().ok().map(f64::to_bits);
        assert_eq!(ours, std, "{s:?}");
    }

    #[test]
    fn parses_the_standard_grammar() {
        for s in [
            "0",
            "-0",
            "+0",
            "600",
            "0.45",
            "1.",
            ".5",
            "-.5",
            "+2",
            "1e3",
            "1E3",
            "1e+3",
            "1e-3",
            "",
            ".",
            "-",
            "+",
            "e5",
            "1e",
            "1e+",
            "1..2",
            "1.2.3",
            "NaN",
            "nan",
            "-NaN",
            "inf",
            "-inf",
            "+Infinity",
            "INF",
            "infinit",
            "１",
            " 1",
            "1 ",
            "0x10",
            "1_0",
            "00.10",
            "0e999999999999",
            "1e999999999999",
            "1e-999999999999",
            "0.000e5",
        ] {
            same_as_std(s);
        }
    }

    #[test]
    fn accepts_and_refuses_what_the_standard_parser_does() {
        let alphabet = b"0123456789.eE+-infatyINFATY _";
        for x in bits(0x5151_7e57_0000_0001).take(200_000) {
            let len = (x % 9) as usize;
            let s: String = (0..len)
                .map(|k| {
                    char::from(alphabet[((x >> (8 + 5 * k)) % alphabet.len() as u64) as usize])
                })
                .collect();
            same_as_std(&s);
        }
    }

    #[test]
    fn rounds_hard_cases_like_the_standard_parser() {
        for s in [
            "0.30000000000000004",
            "9007199254740993",
            "9007199254740992.5",
            "9007199254740993.0000000000000000000000000001",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "179769313486231580793728971405301e276",
            "1e23",
            "8.98846567431158e307",
            "123456789012345678901234567890",
            "0.1000000000000000055511151231257827021181583404541015625",
            "0.1000000000000000055511151231257827021181583404541015624",
            "0.1000000000000000055511151231257827021181583404541015626",
        ] {
            same_as_std(s);
        }
        // Halfway between two doubles with the tie broken by the 800th digit and after.
        let mut long = String::from("9007199254740993.");
        long.push_str(&"0".repeat(900));
        same_as_std(&long);
        long.push('1');
        same_as_std(&long);
    }

    #[test]
    fn parses_random_numbers_like_the_standard_parser() {
        for x in bits(0x9e37_79b9_7f4a_7c15).take(100_000) {
            let v = f64::from_bits(x);
            for s in [format!("{v}"), format!("{v:e}"), format!("{:.3e}", v)] {
                same_as_std(&s);
            }
            let digits = x % 10u64.pow((x >> 60) as u32 + 1);
            let exp = (x >> 40) as i64 % 700 - 350;
            same_as_std(&format!("{digits}e{exp}"));
            same_as_std(&format!("{}.{:07}", x >> 44, x % 10_000_000));
        }
    }

    #[test]
    fn shortest_prints_like_display() {
        let special = [
            0.0,
            -0.0,
            1.0,
            0.1,
            0.3,
            120.0,
            1e15,
            1e16,
            1e21,
            1e22,
            1e23,
            1.5e-7,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            87.5,
            123456.789,
            0.000123,
        ];
        let random = bits(0x1234_5678_9abc_def1)
            .take(200_000)
            .map(f64::from_bits);
        let decimals = bits(7)
            .take(100_000)
            .map(|x| (x % 10_000_000) as f64 / 1000.0);
        let mut ties = 0;
        for v in special.into_iter().chain(random).chain(decimals) {
            let (ours, std) = (Shortest(v).to_string(), format!("{v}"));
            if ours != std {
                // Two shortest candidates exactly as near: ours is the even one, std's the
                // upper one. Both read back to `v`.
                ties += 1;
                let (a, b) = (ours.as_bytes(), std.as_bytes());
                assert_eq!(a.len(), b.len(), "{ours} {std}");
                let (last_a, last_b) = (a[a.len() - 1], b[b.len() - 1]);
                assert!(last_a % 2 == 0 && last_b == last_a + 1, "{ours} {std}");
                assert_eq!(ours.parse::<f64>().unwrap(), v);
            }
        }
        assert!(ties < 100, "{ties} ties");
        eprintln!("{ties} exact ties in 300,000 values");
    }
}
