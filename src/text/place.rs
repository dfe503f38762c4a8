//! Line and column numbers for the warnings of one step line, given as it is read: the
//! reader knows which line it is on, so no pass over the text is needed afterwards.

use crate::error::Warning;

/// A numbered line: its 1-based number and the byte where it starts. Lines are numbered
/// at `\n` only (a lone `\r` ends a step line, but not a numbered line), as everywhere
/// positions are reported.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Line {
    pub(super) number: u32,
    pub(super) start: usize,
}

impl Line {
    /// The first line.
    pub(super) const FIRST: Line = Line {
        number: 1,
        start: 0,
    };

    /// The line after a step line of `src` that ends at byte `end`: the next numbered line
    /// when a `\n` follows, else this one.
    pub(super) fn after(self, src: &str, end: usize) -> Line {
        match src.as_bytes().get(end) {
            Some(b'\n') => Line {
                number: self.number.saturating_add(1),
                start: end + 1,
            },
            _ => self,
        }
    }
}

/// Sorts the warnings of one step line by position (stably, as they were made) and fills
/// in their line and column (in characters, 1-based), all on `line`.
pub(super) fn warnings(src: &str, line: Line, warnings: &mut [Warning]) {
    crate::sort::by_key(warnings, |w| w.span.start as u64);
    for w in warnings {
        let at = w.span.start.min(src.len());
        let column = src
            .get(line.start..at)
            .map_or(0, |t| t.chars().count())
            .saturating_add(1);
        w.line = line.number;
        w.column = u32::try_from(column).unwrap_or(u32::MAX);
    }
}

/// [`warnings`] for a line whose bytes from `line.start` up to the warnings are all ASCII
/// (a step line the quick reader took): columns are byte offsets, with no characters to
/// count.
pub(super) fn ascii_warnings(line: Line, warnings: &mut [Warning]) {
    crate::sort::by_key(warnings, |w| w.span.start as u64);
    for w in warnings {
        let column = w.span.start.saturating_sub(line.start).saturating_add(1);
        w.line = line.number;
        w.column = u32::try_from(column).unwrap_or(u32::MAX);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_lines_at_newlines_only() {
        let src = "a\rb\nc\r\nd";
        let line = Line::FIRST.after(src, 1);
        assert_eq!(line, Line::FIRST);
        let line = line.after(src, 3);
        assert_eq!(
            line,
            Line {
                number: 2,
                start: 4
            }
        );
        // `\r\n`: the `\r` stays on its step line, the `\n` follows it.
        assert_eq!(
            line.after(src, 6),
            Line {
                number: 3,
                start: 7
            }
        );
    }
}
