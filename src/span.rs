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
/// ```
/// use workout_doc::Position;
/// let p = Position::of("ab\ncé d", 7);
/// assert_eq!((p.line, p.column, p.column_utf16), (2, 4, 4));
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
    /// The position of byte `offset` in `src` (clamped to the text; an offset inside a
    /// multi-byte character counts as that character).
    ///
    /// Work is linear in `offset`; callers compute positions only for diagnostics.
    ///
    /// ```
    /// let p = workout_doc::Position::of("one\ntwo", 4);
    /// assert_eq!((p.line, p.column), (2, 1));
    /// ```
    pub fn of(src: &str, offset: usize) -> Position {
        let mut offset = offset.min(src.len());
        while !src.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = src.get(..offset).unwrap_or_default();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line_text = before.get(line_start..).unwrap_or_default();
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        Position {
            line: saturate(line),
            column: saturate(line_text.chars().count() + 1),
            column_utf16: saturate(line_text.encode_utf16().count() + 1),
        }
    }
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
}
