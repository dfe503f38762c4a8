//! Byte-level scanning for the text reader: where lines end and where words are. These run
//! over every byte of the input, so they compare bytes and never decode characters (ASCII
//! bytes never occur inside a multi-byte UTF-8 character, so every cut is on a character
//! boundary).

/// A word of a line and its byte offset in the source.
pub(super) type Word<'a> = (usize, &'a str);

/// The index of the first `\n` or `\r` in `bytes` at or after `from`, or `bytes.len()`.
///
/// Eight bytes at a time: a chunk with no byte below 14 (`\r` is 13) holds no line break,
/// which one subtraction and two masks tell (the classic "has a byte less than" test). The
/// lowest byte the test flags is truly below 14 (false flags only follow a true one), so it
/// is looked at first; only when it is another control byte (a tab) is the rest of the
/// chunk looked at byte by byte.
pub(super) fn line_break(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    let rest = bytes.get(from..).unwrap_or_default();
    let is_break = |b: &u8| matches!(b, b'\n' | b'\r');
    let mut chunks = rest.chunks_exact(8);
    let mut at = from;
    for chunk in &mut chunks {
        // A chunk that is somehow not 8 bytes reads as zeros, which are looked at below.
        let x = <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes);
        let flags = x.wrapping_sub(ONES * 14) & !x & HIGH;
        if flags != 0 {
            let first = (flags.trailing_zeros() / 8) as usize;
            if let Some(i) = chunk.iter().skip(first).position(is_break) {
                return at + first + i;
            }
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(is_break)
        .map_or(bytes.len(), |i| at + i)
}

/// Splits `body` (starting at byte `offset` of the source) into words separated by ASCII
/// whitespace (as the server's Java `\\s+` split does; a no-break space is part of a word).
pub(super) fn words<'a>(body: &'a str, offset: usize, out: &mut Vec<Word<'a>>) {
    out.clear();
    let bytes = body.as_bytes();
    let mut i = 0;
    loop {
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if i >= bytes.len() {
            return;
        }
        let start = i;
        while bytes.get(i).is_some_and(|b| !b.is_ascii_whitespace()) {
            i += 1;
        }
        if let Some(w) = body.get(start..i) {
            out.push((offset + start, w));
        }
    }
}

/// `line` without leading and trailing whitespace (`str::trim`, with a quick answer for
/// the usual line that starts and ends with a visible ASCII character), and how many
/// bytes were cut from its start.
pub(super) fn trim(line: &str) -> (&str, usize) {
    let visible = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
    let bytes = line.as_bytes();
    if visible(bytes.first()) && visible(bytes.last()) {
        return (line, 0);
    }
    let start = line.trim_start();
    (start.trim_end(), line.len() - start.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks() {
        let text = b"0123456789abcdef\tghij\rk\n";
        assert_eq!(line_break(text, 0), 21);
        assert_eq!(line_break(text, 22), 23);
        assert_eq!(line_break(text, 24), 24);
        assert_eq!(line_break(b"no break here, \x00 but a tab\t", 0), 27);
    }

    #[test]
    fn splits_words() {
        let mut out = Vec::new();
        words(" 10m\t 75%\u{a0}x  ", 4, &mut out);
        assert_eq!(out, [(5, "10m"), (10, "75%\u{a0}x")]);
        words("   ", 0, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn trims() {
        assert_eq!(trim("- 10m"), ("- 10m", 0));
        assert_eq!(trim("  - 10m\r"), ("- 10m", 2));
        assert_eq!(trim("\u{a0}x\u{3000}"), ("x", 2));
        assert_eq!(trim(""), ("", 0));
    }
}
