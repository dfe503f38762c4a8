//! The one error type of every reader, and the warnings that come with a successful read.
//!
//! # Design
//! One boxed [`Error`] for all formats keeps `Result<_, Error>` one pointer wide and lets a
//! caller print any failure the same way: `line:column: message`. What went wrong is the
//! [`ErrorKind`] (non-exhaustive, so new kinds are not breaking changes); where is a byte
//! [`Span`] plus the 1-based line and column worked out once, when the error is made.
//! Messages are lowercase, without a final period, and say what was expected.

use crate::span::{Position, Span};
use std::borrow::Cow;
use std::fmt;

/// What went wrong. Every variant's text is the lowercase message shown to people.
///
/// ```
/// use workout_doc::ErrorKind;
/// let k = ErrorKind::Limit { what: "repeat count", limit: 10_000 };
/// assert_eq!(k.to_string(), "repeat count over the limit: expected at most 10000");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input did not have the expected shape; the text says what was expected.
    #[error("{0}")]
    Syntax(String),
    /// A number or count is larger than the named bound in [`crate::limits`].
    #[error("{what} over the limit: expected at most {limit}")]
    Limit {
        /// What was counted or measured.
        what: &'static str,
        /// The bound it went over.
        limit: u64,
    },
    /// The XML of a `.zwo` file is not well formed.
    #[error("malformed xml: {0}")]
    Xml(String),
    /// JSON input is malformed or does not have the Intervals.icu `workout_doc` shape.
    #[error("invalid workout json: {0}")]
    Json(String),
    /// The input holds no workout at all (an empty file, or no `<workout>` element).
    #[error("{0}")]
    Empty(String),
    /// A FIT file is malformed; the text names the byte offset and what was expected.
    #[error("invalid fit file: {0}")]
    Fit(String),
    /// The input is not UTF-8 text.
    #[error("invalid utf-8: expected text, found byte 0x{0:02x}")]
    Utf8(u8),
    /// A conversion needs a value the workout and athlete do not give (such as an FTP).
    #[error("{0}")]
    Missing(String),
}

/// An error with its kind, byte span and 1-based position.
///
/// ```
/// let err = workout_doc::text::parse("- 10m 75%\n3000000x\n- 1m 50%\n").unwrap_err();
/// assert_eq!((err.line(), err.column()), (2, 1));
/// assert_eq!(err.to_string(), "2:1: repeat count over the limit: expected at most 1000000");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Error(Box<ErrorInner>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct ErrorInner {
    kind: ErrorKind,
    span: Span,
    position: Position,
}

impl Error {
    /// Makes an error at `span` of `src`.
    ///
    /// ```
    /// use workout_doc::{Error, ErrorKind, Span};
    /// let e = Error::new(ErrorKind::Syntax("expected a duration".into()), Span::new(3, 4), "ab\ncd");
    /// assert_eq!((e.line(), e.column()), (2, 1));
    /// ```
    pub fn new(kind: ErrorKind, span: Span, src: &str) -> Self {
        let position = Position::of(src, span.start);
        Error(Box::new(ErrorInner {
            kind,
            span,
            position,
        }))
    }

    /// Makes an error at a known position (for readers that count lines themselves).
    ///
    /// ```
    /// use workout_doc::{Error, ErrorKind, Position, Span};
    /// let p = Position { line: 3, column: 7, column_utf16: 7 };
    /// let e = Error::at(ErrorKind::Empty("empty file".into()), Span::new(0, 0), p);
    /// assert_eq!(e.to_string(), "3:7: empty file");
    /// ```
    pub fn at(kind: ErrorKind, span: Span, position: Position) -> Self {
        Error(Box::new(ErrorInner {
            kind,
            span,
            position,
        }))
    }

    /// A limit error: `what` went over `limit` (see [`crate::limits`]).
    pub(crate) fn limit(what: &'static str, limit: u64, span: Span, src: &str) -> Self {
        Error::new(ErrorKind::Limit { what, limit }, span, src)
    }

    /// What went wrong.
    ///
    /// ```
    /// let e = workout_doc::text::parse("9000000x\n- 1m").unwrap_err();
    /// assert!(matches!(e.kind(), workout_doc::ErrorKind::Limit { .. }));
    /// ```
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// The bytes of the input the error is about.
    ///
    /// ```
    /// let e = workout_doc::text::parse("2000000x\n- 1m 50%").unwrap_err();
    /// assert_eq!(e.span().range(), 0..8);
    /// ```
    pub fn span(&self) -> Span {
        self.0.span
    }

    /// The 1-based line, column and UTF-16 column of the start of the span.
    ///
    /// ```
    /// let e = workout_doc::text::parse("2000000x\n- 1m 50%").unwrap_err();
    /// assert_eq!(e.position().column_utf16, 1);
    /// ```
    pub fn position(&self) -> Position {
        self.0.position
    }

    /// 1-based line.
    ///
    /// ```
    /// assert_eq!(workout_doc::text::parse("\n2000000x\n- 1m").unwrap_err().line(), 2);
    /// ```
    pub fn line(&self) -> u32 {
        self.0.position.line
    }

    /// 1-based column, in characters.
    ///
    /// ```
    /// assert_eq!(workout_doc::text::parse("  2000000x\n- 1m").unwrap_err().column(), 3);
    /// ```
    pub fn column(&self) -> u32 {
        self.0.position.column
    }

    /// The message alone, without the position.
    ///
    /// ```
    /// let e = workout_doc::text::parse("2000000x\n- 1m 50%").unwrap_err();
    /// assert_eq!(e.message(), "repeat count over the limit: expected at most 1000000");
    /// ```
    pub fn message(&self) -> String {
        self.0.kind.to_string()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line(), self.column(), self.0.kind)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.0.kind)
            .field("span", &self.0.span.range())
            .field("line", &self.line())
            .field("column", &self.column())
            .finish()
    }
}

impl std::error::Error for Error {}

/// Something a reader understood only in part, or left out, with where it is.
///
/// Readers never drop input silently: what they cannot place in the tree is reported here.
///
/// ```
/// let parsed = workout_doc::text::parse("- Recovery 10m 50% (easy)").unwrap();
/// let w = &parsed.warnings[0];
/// assert_eq!((w.line, w.column), (1, 20));
/// assert_eq!(w.message, "ignored \"(easy)\": not a duration, distance, target or flag");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Warning {
    /// Lowercase message.
    pub message: String,
    /// The bytes concerned.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub span: Span,
    /// 1-based line.
    pub line: u32,
    /// 1-based column in characters.
    pub column: u32,
}

impl Warning {
    /// Makes a warning at `span` of `src`.
    ///
    /// ```
    /// use workout_doc::{Span, Warning};
    /// let w = Warning::new("unknown element \"Foo\"", Span::new(4, 7), "abc\nFoo");
    /// assert_eq!((w.line, w.column), (2, 1));
    /// ```
    pub fn new(message: impl Into<String>, span: Span, src: &str) -> Self {
        let p = Position::of(src, span.start);
        Warning {
            message: message.into(),
            span,
            line: p.line,
            column: p.column,
        }
    }
}

impl Warning {
    /// A warning whose line and column are filled in later, all warnings of a read in one
    /// pass (`codec::Warnings::finish`).
    pub(crate) fn unplaced(message: impl Into<String>, span: Span) -> Self {
        Warning {
            message: message.into(),
            span,
            line: 0,
            column: 0,
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// `s` as it is safe to print on a terminal: control characters (an escape sequence, a
/// bell, a carriage return) and bidirectional overrides escaped as `\u{1b}`, and cut to
/// `max_chars` characters with an ellipsis. Borrowed when nothing needs changing; the work
/// is bounded by `max_chars`, however long `s` is.
///
/// Messages quote input through this (at most [`limits::MAX_QUOTED_CHARS`](crate::limits::MAX_QUOTED_CHARS)
/// characters); tools use it for names and titles taken from files.
///
/// ```
/// use workout_doc::printable;
/// assert_eq!(printable("Tempo\u{1b}]0;pwned\u{7}", 80), "Tempo\\u{1b}]0;pwned\\u{7}");
/// assert_eq!(printable("abcdef", 3), "abc…");
/// assert_eq!(printable("été", 3), "été");
/// ```
pub fn printable(s: &str, max_chars: usize) -> Cow<'_, str> {
    // Printable ASCII, what messages mostly quote, is told by its bytes: 1.4% fewer
    // instructions a text parse of the text-floor corpus than asking each character.
    if s.len() <= max_chars && s.bytes().all(|b| matches!(b, b' '..=b'~')) {
        return Cow::Borrowed(s);
    }
    let special =
        |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    let mut chars = s.chars().take(max_chars.saturating_add(1));
    let fits = chars.by_ref().take(max_chars).all(|c| !special(c)) && chars.next().is_none();
    if fits {
        return Cow::Borrowed(s);
    }
    let mut out = String::new();
    for (n, c) in s.chars().enumerate() {
        if n == max_chars {
            out.push('…');
            break;
        }
        if special(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Checks that `bytes` are UTF-8 text, as every reader needs; an invalid byte is an error
/// with its line and column.
///
/// ```
/// let e = workout_doc::decode_utf8(b"- 1m\n\xff").unwrap_err();
/// assert_eq!((e.line(), e.column()), (2, 1));
/// assert_eq!(workout_doc::decode_utf8(b"- 1m 50%").unwrap(), "- 1m 50%");
/// ```
///
/// # Errors
/// [`ErrorKind::Utf8`] at the first byte that is not part of valid UTF-8.
pub fn decode_utf8(bytes: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        // The valid prefix is text, so its position is well defined.
        let prefix = bytes
            .get(..at)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or_default();
        let byte = bytes.get(at).copied().unwrap_or_default();
        Error::new(ErrorKind::Utf8(byte), Span::new(at, at + 1), prefix)
    })
}
