//! Pieces the file codecs (`.zwo`, `.mrc`, `.erg`) share: what a writer returns, a warning
//! list that works out positions in one forward pass, the record of what a writer left out,
//! and number formatting.

use crate::error::{Error, ErrorKind, Warning};
use crate::limits;
use crate::model::Workout;
use crate::span::{Cursor, Position, Span};
use std::borrow::Cow;
use std::fmt::Write as _;

/// A file written from a [`Workout`](crate::Workout), with warnings for what the format
/// could not hold (left out or approximated), never silently.
///
/// Each format's own writer gives its file as it is: a `String` for the text formats
/// (`zwo::write_with`), bytes (`Vec<u8>`) for FIT; [`Format::write`](crate::Format::write)
/// gives either as an [`Output`], used the same way for every format.
///
/// ```
/// use workout_doc::{text, zwo, Athlete};
/// let w = text::parse("- 10m 200w")?.workout;
/// let out = zwo::write_with(&w, &Athlete { ftp: Some(250.0), ..Default::default() })?;
/// assert!(out.file.contains(r#"Power="0.8""#));
/// assert_eq!(out.warnings.len(), 1); // watts were written as a fraction of FTP
/// # Ok::<(), workout_doc::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written<F = String> {
    /// The file: its text, its bytes, or either ([`Output`]).
    pub file: F,
    /// What the format could not hold.
    pub warnings: Vec<Warning>,
}

/// A file in any format, as [`Format::write`](crate::Format::write) gives it: text, or
/// bytes for a binary format (FIT).
///
/// ```
/// use workout_doc::{Athlete, Format};
/// let w = Format::Text.read("- 10m 60%")?.workout;
/// let out = Format::Mrc.write(&w, &Athlete::default())?.file;
/// assert!(out.text().is_some_and(|t| t.contains("MINUTES PERCENT")));
/// assert_eq!(out.as_bytes(), out.text().unwrap_or_default().as_bytes());
/// # Ok::<(), workout_doc::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// A text format's file.
    Text(String),
    /// A binary format's file (FIT).
    Binary(Vec<u8>),
}

impl Output {
    /// The file's bytes (a text file's UTF-8), for any format.
    ///
    /// ```
    /// assert_eq!(workout_doc::Output::Text("- 1m".into()).as_bytes(), b"- 1m");
    /// ```
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Output::Text(text) => text.as_bytes(),
            Output::Binary(bytes) => bytes,
        }
    }

    /// The file's text, for the text formats.
    ///
    /// ```
    /// assert_eq!(workout_doc::Output::Binary(vec![14]).text(), None);
    /// ```
    pub fn text(&self) -> Option<&str> {
        match self {
            Output::Text(text) => Some(text),
            Output::Binary(_) => None,
        }
    }

    /// The file's bytes, taken out.
    ///
    /// ```
    /// assert_eq!(workout_doc::Output::Text("x".into()).into_bytes(), b"x");
    /// ```
    pub fn into_bytes(self) -> Vec<u8> {
        match self {
            Output::Text(text) => text.into_bytes(),
            Output::Binary(bytes) => bytes,
        }
    }
}

/// Reader warnings, at most [`limits::MAX_WARNINGS`] of them, placed at the end in one
/// forward pass over the text (so many warnings cost one pass, not one pass each).
///
/// Every reader collects its warnings here: one cap, one way of counting positions.
pub(crate) struct Warnings<'a> {
    /// The text positions are counted in; `None` for a binary file, whose positions are
    /// byte offsets on line 1.
    src: Option<&'a str>,
    /// Their line and column are filled in by [`Warnings::finish`].
    list: Vec<Warning>,
    /// Warnings past the cap, counted but not kept.
    more: usize,
    /// Where the input ends (for the last warning, about those left out).
    len: usize,
}

impl<'a> Warnings<'a> {
    /// Warnings about the text `src`.
    pub(crate) fn new(src: &'a str) -> Self {
        Warnings {
            src: Some(src),
            list: Vec::new(),
            more: 0,
            len: src.len(),
        }
    }

    /// Warnings about a binary file of `len` bytes.
    #[cfg(feature = "fit")]
    pub(crate) fn binary(len: usize) -> Warnings<'static> {
        Warnings {
            src: None,
            list: Vec::new(),
            more: 0,
            len,
        }
    }

    /// Adds a warning about `span`; past the cap it is only counted.
    pub(crate) fn push(&mut self, message: impl Into<String>, span: Span) {
        if self.list.len() >= limits::MAX_WARNINGS {
            self.more += 1;
            return;
        }
        self.list.push(Warning::unplaced(message, span));
    }

    /// The warnings in source order (stably: those at one place as they were pushed), with
    /// their positions; past the cap the last one says how many more there were.
    pub(crate) fn finish(mut self) -> Vec<Warning> {
        crate::order::sort_by_key(&mut self.list, |w| w.span.start as u64);
        if self.more > 0 {
            self.list.truncate(limits::MAX_WARNINGS - 1);
            self.list.push(Warning::unplaced(
                format!("{} more warnings left out", self.more + 1),
                Span::new(self.len, self.len),
            ));
        }
        let mut cursor = self.src.map(Cursor::new);
        for w in &mut self.list {
            let p = match &mut cursor {
                Some(cursor) => cursor.to(w.span.start),
                None => Position::in_bytes(w.span.start),
            };
            (w.line, w.column) = (p.line, p.column);
        }
        self.list
    }
}

/// A piece of the input as a message quotes it: control characters escaped, and cut to
/// [`limits::MAX_QUOTED_CHARS`] characters with an ellipsis (borrowed when it is fine as
/// it is).
pub(crate) fn quoted(s: &str) -> Cow<'_, str> {
    crate::error::printable(s, limits::MAX_QUOTED_CHARS)
}

/// What a writer left out or approximated, one warning per kind of loss (naming the first
/// step it happened at and how often), so a long workout does not give hundreds of lines.
#[derive(Default)]
pub(crate) struct Losses {
    /// Message, 1-based step (0: the workout as a whole), span, count.
    list: Vec<(String, usize, Span, usize)>,
}

/// Workout-level fields (outside the steps) as bits, for the ones a format has a place for.
pub(crate) mod field {
    pub(crate) const NAME: u8 = 1;
    pub(crate) const AUTHOR: u8 = 2;
    pub(crate) const CATEGORY: u8 = 4;
    pub(crate) const SUBCATEGORY: u8 = 8;
    pub(crate) const TAGS: u8 = 16;
    pub(crate) const SPORT: u8 = 32;
    /// What Intervals.icu keeps beside a workout's text and `workout_doc` (the event's
    /// `name` and `type`): the text and JSON writers leave these out without a warning
    /// (see [`Format::write`](crate::Format::write)).
    pub(crate) const BESIDE: u8 = NAME | SPORT;
}

impl Losses {
    /// Records that `what` happened at 1-based step `step`.
    pub(crate) fn add(&mut self, what: &str, step: usize, span: Span) {
        if let Some(entry) = self.list.iter_mut().find(|e| e.0 == what) {
            entry.3 += 1;
        } else {
            self.list.push((what.to_string(), step, span, 1));
        }
    }

    /// Records, one warning each, the fields `w` has that `format` has no place for (those
    /// not in the [`field`] bits `holds`): `author left out: no place in workout text`.
    pub(crate) fn fields(&mut self, w: &Workout, holds: u8, format: &str) {
        for (bit, name, present) in [
            (field::NAME, "name", w.name.is_some()),
            (field::AUTHOR, "author", w.author.is_some()),
            (field::CATEGORY, "category", w.category.is_some()),
            (field::SUBCATEGORY, "subcategory", w.subcategory.is_some()),
            (field::TAGS, "tags", !w.tags.is_empty()),
            (field::SPORT, "sport", w.sport.is_some()),
        ] {
            if present && holds & bit == 0 {
                let what = format!("{name} left out: no place in {format}");
                self.add(&what, 0, Span::default());
            }
        }
    }

    /// Records each note after the description as left out: `format` keeps one paragraph
    /// of prose, the description.
    pub(crate) fn notes_past_description(&mut self, w: &Workout, format: &str) {
        let skip = usize::from(w.description().is_some());
        let mut what = String::from("note left out: no place for notes past the description in ");
        what.push_str(format);
        for note in w.notes.iter().skip(skip) {
            self.add(&what, note.before + 1, Span::default());
        }
    }

    /// The warnings, in the order the losses first happened.
    pub(crate) fn finish(self) -> Vec<Warning> {
        self.list
            .into_iter()
            .map(|(what, step, span, count)| {
                let message = match (step, count) {
                    (0, _) => what,
                    (_, 1) => format!("{what} (step {step})"),
                    _ => format!("{what} (step {step} and {} more)", count - 1),
                };
                Warning::new(message, span, "")
            })
            .collect()
    }
}

/// A writer error: `ErrorKind::Missing` about a step (the writer has no source text, so the
/// position is 1:1 and the span is the step's span in whatever it was read from).
pub(crate) fn missing(message: String, span: Span) -> Error {
    Error::new(ErrorKind::Missing(message), span, "")
}

/// The error for input over [`limits::MAX_INPUT_BYTES`], or `None`.
pub(crate) fn too_big(src: &str) -> Option<Error> {
    (src.len() > limits::MAX_INPUT_BYTES).then(|| {
        Error::new(
            ErrorKind::Limit {
                what: "input size in bytes",
                limit: limits::MAX_INPUT_BYTES as u64,
            },
            Span::new(limits::MAX_INPUT_BYTES, src.len()),
            src,
        )
    })
}

/// Writes `v` with at most `decimals` decimals and no trailing zeros (`0.75`, `120`, `-1.5`).
pub(crate) fn number(out: &mut String, v: f64, decimals: usize) {
    // Integer arithmetic for the usual sizes, `{:.N}` for the rest. Measured: 70 ns a
    // number against 350 ns for `{:.4}` and trimming (x86-64, release, 10,000 values).
    let scale = 10u64.pow(u32::try_from(decimals.min(9)).unwrap_or(9));
    let scaled = (v.abs() * scale as f64).round();
    if decimals <= 9 && v.is_finite() && scaled < 1e15 {
        // Finite, non-negative and below 2^53: the cast is exact.
        let scaled = scaled as u64;
        let (int, mut frac) = (scaled / scale, scaled % scale);
        if v < 0.0 && scaled > 0 {
            out.push('-');
        }
        let _ = write!(out, "{int}");
        if frac > 0 {
            let mut width = decimals;
            while frac % 10 == 0 {
                frac /= 10;
                width -= 1;
            }
            let _ = write!(out, ".{frac:0width$}");
        }
        return;
    }
    let start = out.len();
    let _ = write!(out, "{v:.decimals$}");
    if out.get(start..).is_some_and(|s| s.contains('.')) {
        while out.ends_with('0') {
            out.pop();
        }
        if out.ends_with('.') {
            out.pop();
        }
    }
}

/// `v` rounded to `decimals` decimals (to drop float noise such as `0.85000002`).
pub(crate) fn round_to(v: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (v * scale).round() / scale
}

/// Runs of whitespace collapsed to one space, ends trimmed (borrowed when `s` is so
/// already).
pub(crate) fn one_line(s: &str) -> Cow<'_, str> {
    if is_one_line(s.as_bytes()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// The usual case, already one line: printable ASCII words separated by single spaces.
/// Each test is a fold with no early exit, over these short texts fewer instructions than
/// one loop that tracks the byte before.
fn is_one_line(b: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return false;
    };
    let printable = b
        .iter()
        .fold(true, |ok, &c| ok & (c == b' ' || c.is_ascii_graphic()));
    let pairs = b.iter().zip(b.get(1..).unwrap_or_default());
    let double = pairs.fold(false, |found, (&x, &y)| found | (x == b' ' && y == b' '));
    printable && !double && first != b' ' && last != b' '
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(v: f64, d: usize) -> String {
        let mut s = String::new();
        number(&mut s, v, d);
        s
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(0.75, 6), "0.75");
        assert_eq!(num(120.0, 2), "120");
        assert_eq!(num(1.0 / 3.0, 4), "0.3333");
        assert_eq!(num(-0.0000001, 3), "0");
        assert_eq!(num(10.0, 0), "10");
        assert_eq!(num(-1.5, 2), "-1.5");
        assert_eq!(num(0.05, 2), "0.05");
        assert_eq!(num(2.066_666, 4), "2.0667");
        assert_eq!(num(1e20, 2), "100000000000000000000");
    }

    #[test]
    fn warnings_are_placed_in_order_and_capped() {
        let src = "ab\ncd\ré f";
        let mut w = Warnings::new(src);
        w.push("one", Span::new(1, 2));
        w.push("two", Span::new(4, 5));
        w.push("three", Span::new(src.len() - 1, src.len()));
        w.push("back", Span::new(0, 1));
        let list = w.finish();
        let at: Vec<(&str, u32, u32)> = list
            .iter()
            .map(|w| (w.message.as_str(), w.line, w.column))
            .collect();
        assert_eq!(
            at,
            [
                ("back", 1, 1),
                ("one", 1, 2),
                ("two", 2, 2),
                ("three", 3, 3)
            ]
        );

        let mut w = Warnings::new("x");
        for _ in 0..limits::MAX_WARNINGS + 5 {
            w.push("w", Span::new(0, 1));
        }
        let list = w.finish();
        assert_eq!(list.len(), limits::MAX_WARNINGS);
        let last = list.last().unwrap();
        assert_eq!(last.message, "6 more warnings left out");
        assert_eq!((last.line, last.column, last.span.start), (1, 2, 1));
    }

    #[cfg(feature = "fit")]
    #[test]
    fn binary_warnings_are_placed_at_their_byte() {
        let mut w = Warnings::binary(100);
        w.push("b", Span::new(9, 10));
        let list = w.finish();
        assert_eq!((list[0].line, list[0].column), (1, 10));
    }

    #[test]
    fn quoted_tokens_are_short_and_printable() {
        assert!(matches!(quoted("10m"), Cow::Borrowed("10m")));
        assert_eq!(quoted("a\u{1b}]0;x\u{7}"), "a\\u{1b}]0;x\\u{7}");
        let long = "x".repeat(10_000_000);
        let cut = quoted(&long);
        assert_eq!(cut.chars().count(), limits::MAX_QUOTED_CHARS + 1);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn text_on_one_line() {
        assert_eq!(one_line("  a \t b\n c "), "a b c");
        for s in [
            "a",
            "Go!",
            "a b",
            "a  b",
            " a",
            "a ",
            "",
            "é  x",
            "a\u{a0}",
            "x\u{2003}y",
        ] {
            let slow = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(one_line(s), slow, "{s:?}");
        }
    }
}
