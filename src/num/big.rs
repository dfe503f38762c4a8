//! The few big-integer operations that exact decimal parsing needs: multiply by small
//! numbers and powers of five, shift and compare. Sizes stay small
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

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
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

    fn big(v: u128) -> Big {
        Big::from_digits(v.to_string().bytes().map(|c| c - b'0'))
    }

    #[test]
    fn arithmetic_matches_u128() {
        let mut b = Big::from_digits(
            "340282366920938463463374607431768211455"
                .bytes()
                .map(|c| c - b'0'),
        );
        assert_eq!(b, big(u128::MAX));
        assert!(b > big(u128::MAX - 1));
        b = Big::from_u64(12345);
        b.mul_pow5(20);
        assert_eq!(b, big(12345u128 * 5u128.pow(20)));
        b.shl(37);
        assert_eq!(b, big((12345u128 * 5u128.pow(20)) << 37));
        b = Big::from_u64(u64::MAX);
        b.mul_u64(3);
        assert_eq!(b, big(u128::from(u64::MAX) * 3));
        assert_eq!(Big::from_u64(0), big(0));
        assert!(Big::from_u64(5) > Big::from_u64(4));
        assert_eq!(Big::from_u64(7), Big::from_digits([7].into_iter()));
    }
}
