//! Byte spans into the source, and their translation to lines and columns.

use std::ops::Range;

/// A byte range `start..end` into the text a step was read from.
///
/// Spans are carried on steps for diagnostics and editors; they never take part in the
/// equality of model values (`Interval`, `Repeat`), so a tree compares equal to the tree
/// read back from its own canonical text.
///
/// ```
/// use workout_doc::Span;
/// let s = Span::new(2, 7);
/// assert_eq!(s.range(), 2..7);
/// assert_eq!(s.len(), 5);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// Makes a span; `end` is clamped so that it is never before `start`.
    ///
    /// ```
    /// assert_eq!(workout_doc::Span::new(5, 3).len(), 0);
    /// ```
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// The span as a standard range.
    ///
    /// ```
    /// assert_eq!(workout_doc::Span::new(1, 4).range(), 1..4);
    /// ```
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// Length in bytes.
    ///
    /// ```
    /// assert_eq!(workout_doc::Span::new(1, 4).len(), 3);
    /// ```
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// True for an empty span.
    ///
    /// ```
    /// assert!(workout_doc::Span::new(4, 4).is_empty());
    /// ```
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// A position for people: 1-based line, 1-based column counted in characters, and the
/// 1-based column counted in UTF-16 code units (what JavaScript editors use).
///
/// Lines end at `\n`, `\r\n` or a lone `\r` (old Mac files), for every reader.
///
/// ```
/// use workout_doc::Position;
/// let p = Position::of("ab\ncé d", 7);
/// assert_eq!((p.line, p.column, p.column_utf16), (2, 4, 4));
/// assert_eq!(Position::of("a\rb", 2).line, 2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Position {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column in Unicode scalar values.
    pub column: u32,
    /// 1-based column in UTF-16 code units.
    pub column_utf16: u32,
}

impl Position {
    /// The first character of a text.
    pub(crate) const START: Position = Position {
        line: 1,
        column: 1,
        column_utf16: 1,
    };

    /// The position of byte `offset` in `src` (clamped to the text; an offset inside a
    /// multi-byte character counts as that character).
    ///
    /// Work is linear in `offset`; readers that place many positions walk forward with one
    /// cursor instead.
    ///
    /// ```
    /// let p = workout_doc::Position::of("one\ntwo", 4);
    /// assert_eq!((p.line, p.column), (2, 1));
    /// ```
    pub fn of(src: &str, offset: usize) -> Position {
        Cursor::new(src).to(offset)
    }

    /// The position of byte `offset` of a binary file: line 1, the column counting bytes.
    pub(crate) fn in_bytes(offset: usize) -> Position {
        let column = saturate(offset.saturating_add(1));
        Position {
            line: 1,
            column,
            column_utf16: column,
        }
    }
}

/// Positions in one text, found walking forward from the last one asked for, so that many
/// positions in source order cost one pass over the text.
pub(crate) struct Cursor<'a> {
    src: &'a str,
    at: usize,
    position: Position,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        Cursor {
            src,
            at: 0,
            position: Position::START,
        }
    }

    /// The position of byte `offset` (clamped to the text, and back to the start of a
    /// character). An offset before the last one asked for starts again from the top.
    pub(crate) fn to(&mut self, offset: usize) -> Position {
        let mut offset = offset.min(self.src.len());
        while !self.src.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.at {
            (self.at, self.position) = (0, Position::START);
        }
        let walked = self.src.get(self.at..offset).unwrap_or_default();
        let bytes = self.src.as_bytes();
        // The line breaks are found with `memchr2`, and characters are counted only after
        // the last: for the warnings of a text parse of the text-floor corpus, 44 K
        // instructions against 113 K walking every character.
        let (mut breaks, mut line_start) = (0, None);
        for i in memchr::memchr2_iter(b'\n', b'\r', walked.as_bytes()) {
            // `\r\n` ends a line at its `\n`; a lone `\r` ends one by itself.
            let at = self.at + i;
            if bytes.get(at) == Some(&b'\r') && bytes.get(at + 1) == Some(&b'\n') {
                continue;
            }
            (breaks, line_start) = (breaks + 1, Some(i + 1));
        }
        let tail = walked.get(line_start.unwrap_or(0)..).unwrap_or_default();
        let (chars, utf16) = tail
            .chars()
            .fold((0, 0), |(n, u), c| (n + 1, u + c.len_utf16()));
        let (column, column_utf16) = match line_start {
            Some(_) => (1 + chars, 1 + utf16),
            None => (
                self.position.column as usize + chars,
                self.position.column_utf16 as usize + utf16,
            ),
        };
        let line = self.position.line as usize + breaks;
        self.at = offset;
        self.position = Position {
            line: saturate(line),
            column: saturate(column),
            column_utf16: saturate(column_utf16),
        };
        self.position
    }
}

/// The lines of `src`, each with the byte it starts at and without its line break: `\n`,
/// `\r\n` and a lone `\r` each end a line (as [`Position`] counts them). There is always
/// a first line, and a last one (empty) after a final break.
pub(crate) fn lines(src: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut next = Some(0);
    std::iter::from_fn(move || {
        let start = next?;
        let rest = src.get(start..).unwrap_or_default();
        let Some(len) = rest.find(['\n', '\r']) else {
            next = None;
            return Some((start, rest));
        };
        let crlf = rest.get(len..).is_some_and(|b| b.starts_with("\r\n"));
        next = Some(start + len + if crlf { 2 } else { 1 });
        Some((start, rest.get(..len).unwrap_or_default()))
    })
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_chars() {
        let src = "a\r\nbé\n😀x";
        assert_eq!(Position::of(src, 0).line, 1);
        let p = Position::of(src, src.find('x').unwrap());
        assert_eq!((p.line, p.column, p.column_utf16), (3, 2, 3));
        // Past the end clamps; inside a char falls back to its start.
        assert_eq!(Position::of(src, 999).line, 3);
        assert_eq!(Position::of("é", 1).column, 1);
    }

    #[test]
    fn lone_cr_ends_a_line() {
        let src = "a\rb\r\nc\n\rd";
        let at = |c: char| {
            let p = Position::of(src, src.find(c).unwrap());
            (p.line, p.column)
        };
        assert_eq!(
            [at('a'), at('b'), at('c'), at('d')],
            [(1, 1), (2, 1), (3, 1), (5, 1)]
        );
        // The `\n` of `\r\n` is on the line the pair ends.
        assert_eq!(
            Position::of(src, 4),
            Position {
                line: 2,
                column: 3,
                column_utf16: 3
            }
        );
    }

    #[test]
    fn cursor_agrees_with_lines() {
        let src = "x\r\ré\n\r\nyz\rw\n";
        let mut cursor = Cursor::new(src);
        for (n, (start, text)) in lines(src).enumerate() {
            for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let p = cursor.to(start + i);
                assert_eq!(p.line as usize, n + 1, "{start}+{i}");
                assert_eq!(p, Position::of(src, start + i));
            }
        }
        let found: Vec<_> = lines(src).collect();
        assert_eq!(
            found,
            [
                (0, "x"),
                (2, ""),
                (3, "é"),
                (6, ""),
                (8, "yz"),
                (11, "w"),
                (13, "")
            ]
        );
        assert_eq!(lines("").collect::<Vec<_>>(), [(0, "")]);
        // Backwards starts again from the top.
        assert_eq!(cursor.to(0), Position::START);
    }
}
