//! The few big-integer operations that exact decimal conversion needs: multiply by small
//! numbers and powers of five, shift, compare, and print in decimal. Sizes stay small
//! (a few thousand bits): callers bound the digits and exponents they pass.

use std::cmp::Ordering;

/// A non-negative integer as base-2^32 limbs, least significant first.
#[derive(Clone, Debug)]
pub(super) struct Big(Vec<u32>);

impl Big {
    pub(super) fn from_u64(v: u64) -> Self {
        let mut b = Big(vec![v as u32, (v >> 32) as u32]);
        b.trim();
        b
    }

    /// The integer whose decimal digits (values 0 to 9, most significant first) are given.
    pub(super) fn from_digits(digits: impl Iterator<Item = u8>) -> Self {
        let mut b = Big(Vec::new());
        let (mut chunk, mut scale) = (0u32, 1u32);
        for d in digits {
            chunk = chunk * 10 + u32::from(d);
            scale *= 10;
            if scale == 1_000_000_000 {
                b.mul_add(scale, chunk);
                (chunk, scale) = (0, 1);
            }
        }
        if scale > 1 {
            b.mul_add(scale, chunk);
        }
        b
    }

    /// `self = self × m + a`.
    fn mul_add(&mut self, m: u32, a: u32) {
        let mut carry = u64::from(a);
        for limb in &mut self.0 {
            let t = u64::from(*limb) * u64::from(m) + carry;
            *limb = t as u32;
            carry = t >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    /// `self = self × m`.
    pub(super) fn mul_u64(&mut self, m: u64) {
        let mut carry = 0u128;
        for limb in &mut self.0 {
            let t = u128::from(*limb) * u128::from(m) + carry;
            *limb = t as u32;
            carry = t >> 32;
        }
        while carry > 0 {
            self.0.push(carry as u32);
            carry >>= 32;
        }
    }

    /// `self = self × 5^n`.
    pub(super) fn mul_pow5(&mut self, mut n: u64) {
        const POW5_13: u32 = 1_220_703_125;
        while n >= 13 {
            self.mul_add(POW5_13, 0);
            n -= 13;
        }
        self.mul_add(5u32.pow(n as u32), 0);
        self.trim();
    }

    /// `self = self × 2^n`.
    pub(super) fn shl(&mut self, n: u64) {
        let (limbs, bits) = ((n / 32) as usize, (n % 32) as u32);
        if bits > 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let t = (u64::from(*limb) << bits) | u64::from(carry);
                *limb = t as u32;
                carry = (t >> 32) as u32;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        if limbs > 0 && !self.0.is_empty() {
            let mut shifted = vec![0; limbs + self.0.len()];
            if let Some(top) = shifted.get_mut(limbs..) {
                top.copy_from_slice(&self.0);
            }
            self.0 = shifted;
        }
    }

    /// `self = self / 2^n`, rounded half to even.
    pub(super) fn shr_round_half_even(&mut self, n: u64) {
        let bit = |i: u64| {
            let limb = self.0.get((i / 32) as usize).copied().unwrap_or(0);
            (limb >> (i % 32)) & 1 == 1
        };
        if n == 0 {
            return;
        }
        let half = bit(n - 1);
        let below_half = (0..n - 1).any(bit);
        let (limbs, bits) = ((n / 32) as usize, (n % 32) as u32);
        let kept = self.0.get(limbs..).unwrap_or_default();
        let mut out = Vec::with_capacity(kept.len());
        for (i, &limb) in kept.iter().enumerate() {
            let next = kept.get(i + 1).copied().unwrap_or(0);
            let joined = (u64::from(next) << 32) | u64::from(limb);
            out.push((joined >> bits) as u32);
        }
        self.0 = out;
        self.trim();
        let odd = self.0.first().is_some_and(|l| l & 1 == 1);
        if half && (below_half || odd) {
            self.mul_add(1, 1);
        }
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    /// The decimal digits as ASCII, most significant first (`"0"` for zero).
    pub(super) fn to_decimal(&self) -> Vec<u8> {
        let mut limbs = self.0.clone();
        let mut chunks = Vec::new(); // base 10^9, least significant first
        while limbs.iter().any(|&l| l != 0) {
            let mut rem = 0u64;
            for limb in limbs.iter_mut().rev() {
                let t = (rem << 32) | u64::from(*limb);
                *limb = (t / 1_000_000_000) as u32;
                rem = t % 1_000_000_000;
            }
            chunks.push(rem as u32);
        }
        let mut out = Vec::with_capacity(chunks.len() * 9 + 1);
        for (i, chunk) in chunks.iter().rev().enumerate() {
            let mut c = *chunk;
            let mut digits = [b'0'; 9];
            for d in digits.iter_mut().rev() {
                *d = b'0' + (c % 10) as u8;
                c /= 10;
            }
            let skip = if i == 0 {
                digits.iter().take(8).take_while(|&&d| d == b'0').count()
            } else {
                0
            };
            out.extend(digits.iter().skip(skip));
        }
        if out.is_empty() {
            out.push(b'0');
        }
        out
    }
}

impl PartialEq for Big {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Big {}

impl PartialOrd for Big {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Big {
    fn cmp(&self, other: &Self) -> Ordering {
        let significant = |b: &Big| b.0.len() - b.0.iter().rev().take_while(|&&l| l == 0).count();
        let (a, b) = (significant(self), significant(other));
        a.cmp(&b).then_with(|| {
            let (x, y) = (self.0.iter().take(a).rev(), other.0.iter().take(b).rev());
            x.cmp(y)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(b: &Big) -> String {
        String::from_utf8(b.to_decimal()).unwrap()
    }

    #[test]
    fn arithmetic_matches_u128() {
        let mut b = Big::from_digits(
            "340282366920938463463374607431768211455"
                .bytes()
                .map(|c| c - b'0'),
        );
        assert_eq!(dec(&b), u128::MAX.to_string());
        b = Big::from_u64(12345);
        b.mul_pow5(20);
        assert_eq!(dec(&b), (12345u128 * 5u128.pow(20)).to_string());
        b.shl(37);
        assert_eq!(dec(&b), ((12345u128 * 5u128.pow(20)) << 37).to_string());
        b.mul_u64(3);
        b.shr_round_half_even(40);
        let v = 12345u128 * 5u128.pow(20) * 3;
        assert_eq!(
            dec(&b),
            (v / 8 + u128::from(v % 8 > 4 || (v % 8 == 4 && (v / 8) % 2 == 1))).to_string()
        );
        assert_eq!(dec(&Big::from_u64(0)), "0");
        assert!(Big::from_u64(5) > Big::from_u64(4));
        assert_eq!(Big::from_u64(7), Big::from_digits([7].into_iter()));
    }

    #[test]
    fn rounds_half_to_even() {
        for (v, n, want) in [
            (5u64, 1, 2u64),
            (7, 1, 4),
            (6, 2, 2),
            (10, 2, 2),
            (14, 2, 4),
            (1, 64, 0),
            (3, 2, 1),
        ] {
            let mut b = Big::from_u64(v);
            b.shr_round_half_even(n);
            assert_eq!(dec(&b), want.to_string(), "{v} >> {n}");
        }
    }
}
