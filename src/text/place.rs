//! Line and column numbers for the warnings of one line, given as it is read: the reader
//! knows which line it is on, so no pass over the text is needed afterwards.

use crate::error::Warning;

/// A numbered line: its 1-based number and the byte where it starts. Lines are numbered
/// at `\n` only (a lone `\r` ends a step line, but not a numbered line), as everywhere
/// positions are reported.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Line {
    pub(super) number: u32,
    pub(super) start: usize,
}

/// Sorts the warnings of one line by position (stably, as they were made) and fills in
/// their line and column (in characters, 1-based), all on `line`. Sorted, the characters
/// are counted once, from each warning to the next.
pub(super) fn warnings(src: &str, line: Line, warnings: &mut [Warning]) {
    warnings.sort_by_key(|w| w.span.start);
    let (mut at, mut column) = (line.start, 1usize);
    for w in warnings {
        let to = w.span.start.min(src.len()).max(at);
        column = column.saturating_add(src.get(at..to).map_or(0, |t| t.chars().count()));
        at = to;
        w.line = line.number;
        w.column = u32::try_from(column).unwrap_or(u32::MAX);
    }
}
