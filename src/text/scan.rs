//! Byte-level scanning for the text reader: where lines end and where words are. These run
//! over every byte of the input, so they compare bytes and never decode characters (ASCII
//! bytes never occur inside a multi-byte UTF-8 character, so every cut is on a character
//! boundary).

use crate::swar;

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
    let rest = bytes.get(from..).unwrap_or_default();
    let is_break = |b: &u8| matches!(b, b'\n' | b'\r');
    let mut chunks = rest.chunks_exact(8);
    let mut at = from;
    for chunk in &mut chunks {
        // A chunk that is somehow not 8 bytes reads as zeros, which are looked at below.
        let flags = swar::below(swar::load(chunk), 14);
        if flags != 0 {
            let first = swar::first(flags);
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
    split(body, 0, offset, out);
}

/// Reads a step line starting at byte `start` (a `-` there, no leading whitespace) in one
/// pass: its words after the dash go to `out` (as [`words`] splits them) while its end is
/// looked for. Returns where `trim` ends the line and the index of the line break (or the
/// length of `src`); `None` for other lines, and for a step line whose last word does not
/// end in a visible ASCII byte (Unicode whitespace there would be trimmed off it).
pub(super) fn step_line<'a>(
    src: &'a str,
    start: usize,
    out: &mut Vec<Word<'a>>,
) -> Option<(usize, usize)> {
    let bytes = src.as_bytes();
    if bytes.get(start) != Some(&b'-') {
        return None;
    }
    let (end, brk) = split(src, start + 1, 0, out);
    if end > start + 1 && !bytes.get(end - 1).is_some_and(u8::is_ascii_graphic) {
        return None;
    }
    Some((end, brk))
}

/// The words of `text` from byte `from` up to its end or a line break, each with its byte
/// offset in the source (`offset` plus its index in `text`), into `out`. Returns the end
/// of the last word (`from` when there is none) and where the split stopped.
fn split<'a>(text: &'a str, from: usize, offset: usize, out: &mut Vec<Word<'a>>) -> (usize, usize) {
    out.clear();
    // Room for the words of most lines at once: growing the list word by word costs
    // more (it is kept for the next lines).
    out.reserve(16);
    let bytes = text.as_bytes();
    let mut i = from;
    let mut end = from;
    loop {
        while let Some(b' ' | b'\t' | b'\x0c') = bytes.get(i) {
            i += 1;
        }
        if matches!(bytes.get(i), None | Some(b'\n' | b'\r')) {
            return (end, i);
        }
        let word = i;
        i += 1;
        // Bytes above the space are word bytes: one comparison for nearly every byte.
        while bytes
            .get(i)
            .is_some_and(|&b| b > b' ' || !b.is_ascii_whitespace())
        {
            i += 1;
        }
        if let Some(w) = text.get(word..i) {
            out.push((offset + word, w));
        }
        end = i;
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
    fn step_lines() {
        let mut out = Vec::new();
        let src = "x\n-  10m\t75% \r\n- \n-a\u{a0}\n";
        assert_eq!(step_line(src, 0, &mut out), None);
        // Trimmed end after `75%`; the break is the `\r`.
        assert_eq!(step_line(src, 2, &mut out), Some((12, 13)));
        assert_eq!(out, [(5, "10m"), (9, "75%")]);
        assert_eq!(step_line(src, 15, &mut out), Some((16, 17)));
        assert!(out.is_empty());
        // A no-break space at the end would be trimmed: left to the general path.
        assert_eq!(step_line(src, 18, &mut out), None);
    }

    #[test]
    fn trims() {
        assert_eq!(trim("- 10m"), ("- 10m", 0));
        assert_eq!(trim("  - 10m\r"), ("- 10m", 2));
        assert_eq!(trim("\u{a0}x\u{3000}"), ("x", 2));
        assert_eq!(trim(""), ("", 0));
    }
}
