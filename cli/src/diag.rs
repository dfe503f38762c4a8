//! Diagnostics for people: `file:line:col: message`, then the source line and a caret
//! under the place it is about.

use std::fmt::Write as _;
use workout_doc::{Error, Warning};

/// An error in `src` (read from `name`), with the source line and carets.
pub fn error(name: &str, src: &str, e: &Error) -> String {
    // Column 0 (a reader's "at the end of the line") shows as column 1.
    let column = e.column().max(1);
    let mut out = format!("{name}:{}:{column}: {}\n", e.line(), e.message());
    snippet(&mut out, src, e.line(), column, e.span().len());
    out
}

/// A warning in `src`, marked as such, with the source line and carets.
pub fn warning(name: &str, src: &str, w: &Warning) -> String {
    let mut out = format!("{name}:{}:{}: warning: {}\n", w.line, w.column, w.message);
    snippet(&mut out, src, w.line, w.column, w.span.len());
    out
}

/// A writer's warning about what the output format could not hold. Its span points at the
/// step in `src` it is about (the position is worked out here, from the span); an empty span
/// means the workout as a whole, shown without a position.
pub fn output_warning(name: &str, src: &str, w: &Warning) -> String {
    if w.span.is_empty() {
        return format!("{name}: warning: {}\n", w.message);
    }
    let p = workout_doc::Position::of(src, w.span.start);
    let mut out = format!("{name}:{}:{}: warning: {}\n", p.line, p.column, w.message);
    snippet(&mut out, src, p.line, p.column, w.span.len());
    out
}

/// Appends the numbered source line and a caret line (one `^` per character of the span on
/// that line, at least one). Nothing when the position is outside the text.
fn snippet(out: &mut String, src: &str, line: u32, column: u32, span_len: usize) {
    let Some(text) = src
        .split('\n')
        .nth((line as usize).saturating_sub(1))
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
    else {
        return;
    };
    if line == 0 || column == 0 || text.chars().count() + 1 < column as usize {
        return;
    }
    // Long lines (minified JSON, a one-line XML file) are cut around the column.
    let col = column as usize - 1;
    let (skip, shown) = window(text, col);
    let number = line.to_string();
    let pad = " ".repeat(number.len());
    let prefix: String = text
        .chars()
        .skip(skip)
        .take(col - skip)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let rest: String = text.chars().skip(col).collect();
    let width = span_width(&rest, span_len).max(1);
    let lead = if skip > 0 { "…" } else { "" };
    let lead_pad = if skip > 0 { " " } else { "" };
    let _ = writeln!(out, "{pad} |");
    // Control characters would reach the terminal; each shows as one replacement character.
    let shown: String = shown
        .chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect();
    let _ = writeln!(out, "{number} | {lead}{shown}");
    let _ = writeln!(out, "{pad} | {lead_pad}{prefix}{}", "^".repeat(width));
}

/// Which characters of a long line to show so that `col` is visible.
fn window(text: &str, col: usize) -> (usize, String) {
    const MAX: usize = 100;
    let len = text.chars().count();
    if len <= MAX {
        return (0, text.to_owned());
    }
    let skip = col.saturating_sub(MAX / 2).min(len.saturating_sub(MAX));
    let mut shown: String = text.chars().skip(skip).take(MAX).collect();
    if skip + MAX < len {
        shown.push('…');
    }
    (skip, shown)
}

/// Characters covered by `span_len` bytes at the start of `rest`, stopping at the line's end
/// and at 60 characters.
fn span_width(rest: &str, span_len: usize) -> usize {
    rest.char_indices()
        .take_while(|(i, _)| *i < span_len)
        .count()
        .min(60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_sits_under_the_error() {
        let src = "- 10m 60%\n3000000x\n- 1m 50%\n";
        let e = workout_doc::text::parse(src).unwrap_err();
        let want = format!(
            "a.txt:2:1: {}\n  |\n2 | 3000000x\n  | ^^^^^^^^\n",
            e.message()
        );
        assert_eq!(error("a.txt", src, &e), want);
    }

    #[test]
    fn position_past_the_text_prints_no_snippet() {
        let mut out = String::new();
        snippet(&mut out, "abc", 9, 1, 1);
        assert!(out.is_empty());
    }

    #[test]
    fn long_lines_are_windowed() {
        let line = "x".repeat(300);
        let mut out = String::new();
        snippet(&mut out, &line, 1, 200, 1);
        assert!(out.lines().nth(1).unwrap().chars().count() < 120);
    }
}
