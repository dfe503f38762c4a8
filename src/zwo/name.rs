//! Short attribute names packed into one integer, lower-cased, so that matching a name in
//! any case is one comparison (a `match` on [`id`] against `const { name("…") }` patterns)
//! instead of a lower-cased copy and a string compare.

/// Longest name that packs: 15 bytes (the 16th byte holds the length).
const MAX: usize = 15;

/// The id of a known, lower-case name (at most 15 ASCII bytes), for `match` patterns.
pub(super) const fn name(s: &str) -> u128 {
    let mut rest = s.as_bytes();
    assert!(
        !rest.is_empty() && rest.len() <= MAX,
        "names pack 1 to 15 bytes"
    );
    let mut id = (rest.len() as u128) << (8 * MAX);
    let mut i = 0;
    while let [c, tail @ ..] = rest {
        id |= (c.to_ascii_lowercase() as u128) << (8 * i);
        rest = tail;
        i += 1;
    }
    id
}

/// How many hash slots [`slot`] spreads names over.
pub(super) const SLOTS: usize = 32;

/// A name [`id`]'s slot in a table built by [`slots`]: a multiplicative hash that gives
/// each known name of a table its own slot (checked when the table is built), so finding
/// a name is one multiplication and one comparison instead of a search.
pub(super) const fn slot(id: u128) -> usize {
    const K: u64 = 0x5684_0711_dbf8_c179;
    let folded = (id as u64) ^ ((id >> 64) as u64);
    (folded.wrapping_mul(K) >> 59) as usize
}

/// For each [`slot`], the index in `ids` of the id there (or `ids.len()` for none). Fails
/// to build (at compile time) if two ids share a slot.
#[allow(clippy::indexing_slicing)] // evaluated at compile time: out of range is a build error
pub(super) const fn slots(ids: &[u128]) -> [u8; SLOTS] {
    let mut table = [ids.len() as u8; SLOTS];
    let mut i = 0;
    while i < ids.len() {
        let s = slot(ids[i]);
        assert!(table[s] == ids.len() as u8, "two names share a slot");
        table[s] = i as u8;
        i += 1;
    }
    table
}

/// The id of `s` as written, in any case: equal to `name(t)` exactly when `s` and `t`
/// are equal ignoring ASCII case. Empty, longer or non-ASCII names give 0, which no
/// `name` equals.
#[inline]
pub(super) fn id(s: &str) -> u128 {
    let b = s.as_bytes();
    let len = b.len();
    if len == 0 || len > MAX {
        return 0;
    }
    // Bytes 0..8 in `lo`, 8..len in `hi` (first byte lowest), read as whole words (or
    // two overlapping halves of one) so that there is no loop over the name's bytes: the
    // overlap holds the same bytes in the same places either way.
    let (lo, hi) = if len > 8 {
        // The last eight bytes, without those `lo` holds.
        (word(b, 0), word(b, len - 8) >> (8 * (16 - len)))
    } else if len >= 4 {
        (half(b, 0) | half(b, len - 4) << (8 * (len - 4)), 0)
    } else {
        let mut lo = 0;
        for (i, &c) in b.iter().enumerate() {
            lo |= u64::from(c) << (8 * i);
        }
        (lo, 0)
    };
    if (lo | hi) & crate::swar::HIGH != 0 {
        return 0;
    }
    (len as u128) << (8 * MAX) | u128::from(lower(hi)) << 64 | u128::from(lower(lo))
}

/// The eight bytes of `b` from `at` as a little-endian word (0 if there are fewer).
fn word(b: &[u8], at: usize) -> u64 {
    b.get(at..at + 8).map_or(0, crate::swar::load)
}

/// The four bytes of `b` from `at` as a little-endian word (0 if there are fewer).
fn half(b: &[u8], at: usize) -> u64 {
    b.get(at..at + 4)
        .and_then(|h| <[u8; 4]>::try_from(h).ok())
        .map_or(0, |h| u64::from(u32::from_le_bytes(h)))
}

/// Eight ASCII bytes lower-cased at once: `0x20` added to each byte from `A` to `Z`.
fn lower(x: u64) -> u64 {
    use crate::swar::{HIGH, ONES};
    // Every byte is below 0x80, so no sum carries into the next byte: each byte's top bit
    // says whether it is at least `A`, or above `Z`.
    let from_a = x + ONES * u64::from(0x80 - b'A');
    let past_z = x + ONES * u64::from(0x7f - b'Z');
    x | ((from_a & !past_z & HIGH) >> 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_match_names_in_any_case_only() {
        let names = [
            "y",
            "zone",
            "Power",
            "duration",
            "PowerOnHigh",
            "cadenceresting",
        ];
        for n in names {
            let lower = n.to_ascii_lowercase();
            assert_eq!(id(n), name(&lower), "{n}");
            assert_eq!(id(&n.to_ascii_uppercase()), name(&lower), "{n}");
            assert_ne!(id(&format!("{n}\0")), name(&lower), "{n}");
            assert_ne!(id(&format!("{n}s")), name(&lower), "{n}");
        }
        for s in ["", "é", "duratioñ", "sixteen_bytes_xx", "@[`{"] {
            assert!(
                names.iter().all(|n| id(s) != name(&n.to_ascii_lowercase())),
                "{s}"
            );
        }
        assert_eq!(id("é"), 0);
        assert_eq!(id("sixteen_bytes_xx"), 0);
        // Every ASCII byte at every place: the same id as the lower-cased name's.
        let all: Vec<u8> = (1u8..0x80).collect();
        for len in 1..=MAX {
            for chunk in all.chunks(len) {
                let s = std::str::from_utf8(chunk).unwrap();
                let mut expect = (s.len() as u128) << (8 * MAX);
                for (i, c) in s.bytes().enumerate() {
                    expect |= u128::from(c.to_ascii_lowercase()) << (8 * i);
                }
                assert_eq!(id(s), expect, "{s:?}");
            }
        }
    }
}
