//! Diagnostics for people: `file:line:col: error: message` (or `warning:`), then the source
//! line and a caret under the place it is about. Every diagnostic is labelled `error:` or
//! `warning:`, the label coloured when stderr is a terminal (never with `NO_COLOR`, always
//! with `CLICOLOR_FORCE`: `anstream` decides and strips the colour otherwise).
//!
//! `--quiet` leaves the warnings out (errors only); `--strict` makes any warning fail the
//! command (see [`strict`]).
//!
//! What comes from the input is made safe to print (control characters escaped in messages
//! and names, shown as `�` in source lines). Each diagnostic costs work bounded by what it
//! shows: the source line is cut around the byte the diagnostic is about, never split or
//! counted whole, so a thousand diagnostics on one 16 MB line cost no more than on short ones.

use crate::Reported;
use anstyle::{AnsiColor, Color, Style};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use workout_doc::{printable, Error, Position, Span, Warning};

/// Longest message shown, in characters (the library cuts what it quotes much shorter).
const MESSAGE_CHARS: usize = 1000;

/// Characters of a source line shown before the place, and in all.
const BEFORE: usize = 50;
const WIDTH: usize = 100;

/// Most carets under a span.
const CARETS: usize = 60;

const ERROR_STYLE: Style = Style::new()
    .bold()
    .fg_color(Some(Color::Ansi(AnsiColor::Red)));
const WARNING_STYLE: Style = Style::new()
    .bold()
    .fg_color(Some(Color::Ansi(AnsiColor::Yellow)));

/// `--quiet`: warnings are left out.
static QUIET: AtomicBool = AtomicBool::new(false);
/// `--strict`: a warning fails the command.
static STRICT: AtomicBool = AtomicBool::new(false);
/// Warnings given so far (shown or not).
static WARNINGS: AtomicUsize = AtomicUsize::new(0);

/// Sets `--quiet` and `--strict` for the run.
pub fn configure(quiet: bool, strict: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
    STRICT.store(strict, Ordering::Relaxed);
}

/// True under `--strict`.
pub fn is_strict() -> bool {
    STRICT.load(Ordering::Relaxed)
}

/// Under `--strict`, an error once any warning was given (printed here, so the command
/// ends with exit code 1 before it writes its output).
pub fn strict() -> anyhow::Result<()> {
    let n = WARNINGS.load(Ordering::Relaxed);
    if is_strict() && n > 0 {
        emit(&Diagnostic::plain(Kind::Error, strict_failure(n)));
        return Err(Reported.into());
    }
    Ok(())
}

/// What `--strict` says of `n` warnings.
pub fn strict_failure(n: usize) -> String {
    let plural = if n == 1 { "" } else { "s" };
    format!("{n} warning{plural}, and --strict makes warnings fail")
}

/// What a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Something failed.
    Error,
    /// Something was kept only in part, or assumed.
    Warning,
}

/// One diagnostic: where, its kind, its message, and the source line it is about.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Error or warning.
    pub kind: Kind,
    /// `name:line:col: `, `name: ` or nothing.
    place: String,
    /// The message, safe to print.
    message: String,
    /// The numbered source line and carets, if any.
    snippet: String,
}

impl Diagnostic {
    /// An error in `src` (read from `name`), with the source line and carets.
    pub fn error(name: &str, src: &str, e: &Error) -> Self {
        // Column 0 (a reader's "at the end of the line") shows as column 1.
        Diagnostic::at(
            Kind::Error,
            name,
            src,
            e.line(),
            e.column().max(1),
            e.span(),
        )
        .with(&e.message())
    }

    /// A reader's warning in `src`, with the source line and carets.
    pub fn warning(name: &str, src: &str, w: &Warning) -> Self {
        Diagnostic::at(Kind::Warning, name, src, w.line, w.column, w.span).with(&w.message)
    }

    /// A writer's warning about what the output format could not hold. Its span points at
    /// the step in `src` it is about (the position is worked out here, from the span:
    /// writers give a few warnings, one per kind of loss); an empty span means the workout
    /// as a whole, shown without a position.
    pub fn output_warning(name: &str, src: &str, w: &Warning) -> Self {
        if w.span.is_empty() {
            return Diagnostic::about(Kind::Warning, name, &w.message);
        }
        let p = Position::of(src, w.span.start);
        Diagnostic::at(Kind::Warning, name, src, p.line, p.column, w.span).with(&w.message)
    }

    /// `name: label message`: about a file as a whole.
    pub fn about(kind: Kind, name: &str, message: &str) -> Self {
        Diagnostic {
            kind,
            place: format!("{}: ", text(name)),
            message: text(message).into_owned(),
            snippet: String::new(),
        }
    }

    /// `label message`: about the run (its message made safe to print here).
    pub fn plain(kind: Kind, message: String) -> Self {
        Diagnostic {
            kind,
            place: String::new(),
            message: text(&message).into_owned(),
            snippet: String::new(),
        }
    }

    fn at(kind: Kind, name: &str, src: &str, line: u32, column: u32, span: Span) -> Self {
        let mut snip = String::new();
        snippet(&mut snip, src, line, span);
        Diagnostic {
            kind,
            place: format!("{}:{line}:{column}: ", text(name)),
            message: String::new(),
            snippet: snip,
        }
    }

    /// The diagnostic with `items` listed under it, one an indented line (each safe to
    /// print).
    pub fn with_list(mut self, items: impl IntoIterator<Item = String>) -> Self {
        for item in items {
            let _ = writeln!(self.snippet, "  {}", text(&item));
        }
        self
    }

    fn with(mut self, message: &str) -> Self {
        self.message = text(message).into_owned();
        self
    }

    /// The lines to print, the label styled or not.
    pub fn render(&self, styled: bool) -> String {
        let (style, label) = match self.kind {
            Kind::Error => (ERROR_STYLE, "error:"),
            Kind::Warning => (WARNING_STYLE, "warning:"),
        };
        let label = if styled {
            format!("{style}{label}{style:#}")
        } else {
            label.to_string()
        };
        format!("{}{label} {}\n{}", self.place, self.message, self.snippet)
    }
}

/// Prints `d` on stderr (a warning only without `--quiet`), and counts a warning for
/// `--strict`.
pub fn emit(d: &Diagnostic) {
    if d.kind == Kind::Warning {
        WARNINGS.fetch_add(1, Ordering::Relaxed);
        if QUIET.load(Ordering::Relaxed) {
            return;
        }
    }
    anstream::eprint!("{}", d.render(true));
}

/// Prints a line for a person at the terminal (not a diagnostic), unless `--quiet`.
pub fn note(message: &str) {
    if !QUIET.load(Ordering::Relaxed) {
        anstream::eprintln!("{message}");
    }
}

/// `s` safe to print: control characters escaped, cut when very long.
pub fn text(s: &str) -> std::borrow::Cow<'_, str> {
    printable(s, MESSAGE_CHARS)
}

/// Appends the numbered source line around `span.start` and a caret line (one `^` per
/// character of the span on that line, at least one). Nothing when the span is outside the
/// text.
fn snippet(out: &mut String, src: &str, line: u32, span: Span) {
    let is_break = |c: char| c == '\n' || c == '\r';
    let mut at = span.start;
    if line == 0 || at > src.len() {
        return;
    }
    while !src.is_char_boundary(at) {
        at -= 1;
    }
    let (before, after) = src.split_at(at);
    // The `\n` of `\r\n` ends the line its `\r` is on.
    let (before, after) = match before.strip_suffix('\r') {
        Some(b) if after.starts_with('\n') => (b, src.get(at - 1..).unwrap_or_default()),
        _ => (before, after),
    };
    // Up to BEFORE characters of the line before the place, up to WIDTH in all.
    let mut start = before.len();
    for (i, c) in before.char_indices().rev().take(BEFORE) {
        if is_break(c) {
            break;
        }
        start = i;
    }
    let shown_before = before.get(start..).unwrap_or_default();
    let room = WIDTH - shown_before.chars().count();
    let end = after
        .char_indices()
        .take(room)
        .take_while(|&(_, c)| !is_break(c))
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    let shown_after = after.get(..end).unwrap_or_default();
    let more_before = before
        .get(..start)
        .and_then(|b| b.chars().next_back())
        .is_some_and(|c| !is_break(c));
    let more_after = after
        .get(end..)
        .and_then(|a| a.chars().next())
        .is_some_and(|c| !is_break(c));

    let number = line.to_string();
    let pad = " ".repeat(number.len());
    let (lead, lead_pad) = if more_before { ("…", " ") } else { ("", "") };
    let tail = if more_after { "…" } else { "" };
    // Control characters would reach the terminal; each shows as one replacement character,
    // so the carets stay under their characters.
    let shown: String = shown_before
        .chars()
        .chain(shown_after.chars())
        .map(|c| {
            if c.is_control() && c != '\t' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect();
    let prefix: String = shown_before
        .chars()
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let carets = shown_after
        .char_indices()
        .take_while(|(i, _)| *i < span.len())
        .count()
        .clamp(1, CARETS);
    let _ = writeln!(out, "{pad} |");
    let _ = writeln!(out, "{number} | {lead}{shown}{tail}");
    let _ = writeln!(out, "{pad} | {lead_pad}{prefix}{}", "^".repeat(carets));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_sits_under_the_error() {
        let src = "- 10m 60%\n3000000x\n- 1m 50%\n";
        let e = workout_doc::text::parse(src).unwrap_err();
        let want = format!(
            "a.txt:2:1: error: {}\n  |\n2 | 3000000x\n  | ^^^^^^^^\n",
            e.message()
        );
        assert_eq!(Diagnostic::error("a.txt", src, &e).render(false), want);
    }

    #[test]
    fn position_past_the_text_prints_no_snippet() {
        let mut out = String::new();
        snippet(&mut out, "abc", 1, Span::new(9, 10));
        assert!(out.is_empty());
    }

    #[test]
    fn long_lines_are_cut_around_the_place() {
        let line = format!("{}ab{}", "x".repeat(300), "y".repeat(300));
        let mut out = String::new();
        snippet(&mut out, &line, 1, Span::new(300, 302));
        let shown = out.lines().nth(1).unwrap();
        assert_eq!(
            shown,
            format!("1 | …{}ab{}…", "x".repeat(50), "y".repeat(48))
        );
        let carets = out.lines().nth(2).unwrap();
        assert_eq!(carets, format!("  |  {}^^", " ".repeat(50)));
    }

    #[test]
    fn lines_end_at_any_break() {
        for src in ["a\rbc\rd", "a\nbc\nd", "a\r\nbc\r\nd"] {
            let at = src.find('c').unwrap();
            let mut out = String::new();
            snippet(&mut out, src, 2, Span::new(at, at + 1));
            assert_eq!(out, "  |\n2 | bc\n  |  ^\n", "{src:?}");
        }
        // At the `\n` of `\r\n`: the end of the line before it.
        let mut out = String::new();
        snippet(&mut out, "ab\r\ncd", 1, Span::new(3, 4));
        assert_eq!(out, "  |\n1 | ab\n  |   ^\n");
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let w = Warning {
            message: "ignored \"\u{1b}]0;x\u{7}\"".into(),
            span: Span::new(2, 3),
            line: 1,
            column: 3,
        };
        let out = Diagnostic::warning("a\u{1b}.txt", "- \u{1b}]0;x\u{7}", &w).render(false);
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
        assert!(out.starts_with("a\\u{1b}.txt:1:3: warning: ignored \"\\u{1b}]0;x\\u{7}\""));
    }
}
