//! Bytes looked at eight at a time in a `u64` (SIMD within a register), for the scans that
//! run over every byte of an input: line ends and words in text, names, values and the
//! blanks between elements in `.zwo`.

/// `0x01` in every byte.
pub(crate) const ONES: u64 = u64::from_le_bytes([1; 8]);
/// The top bit of every byte.
pub(crate) const HIGH: u64 = ONES * 0x80;

/// An eight-byte chunk as a little-endian word (0 when it is not eight bytes long).
pub(crate) fn load(chunk: &[u8]) -> u64 {
    <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes)
}

/// The classic "has a byte less than `n`" test (`n` at most `0x80`): the top bit is set
/// in the first byte of `x` below `n` that has no top bit of its own. Bytes before it are
/// never flagged; bytes after it may be (a borrow), so only the lowest flag is exact.
pub(crate) fn below(x: u64, n: u8) -> u64 {
    x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH
}

/// The index of the lowest flagged byte of `flags` (8 when none is).
pub(crate) fn first(flags: u64) -> usize {
    (flags.trailing_zeros() / 8) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_byte_below() {
        let x = load(b"ab\tc\nde ");
        assert_eq!(first(below(x, 14)), 2);
        assert_eq!(first(below(x, 9)), 8);
        assert_eq!(first(below(load(b"abcdefgh"), b'a' + 1)), 0);
        assert_eq!(load(b"short"), 0);
    }
}
