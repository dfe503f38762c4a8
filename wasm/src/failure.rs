//! The error every export throws: a message and where in the input it is.

/// A failure as JavaScript sees it: `{message, line, column, column_utf16}`.
///
/// `line` and `column` are 1-based (column in characters); `column_utf16` counts UTF-16 code
/// units, as JavaScript strings and editors do. A failure that is not about a place in the
/// input (an unknown format name, a bad athlete field) has line and columns 0.
///
/// ```
/// use workout_doc_wasm::Failure;
/// let f = Failure::from(workout_doc::text::parse("2000000x\n- 1m").unwrap_err());
/// assert_eq!((f.line, f.column), (1, 1));
/// assert!(f.message.starts_with("repeat count"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Lowercase message without the position.
    pub message: String,
    /// 1-based line, 0 when there is none.
    pub line: u32,
    /// 1-based column in characters, 0 when there is none.
    pub column: u32,
    /// 1-based column in UTF-16 code units, 0 when there is none.
    pub column_utf16: u32,
}

impl Failure {
    /// A failure with no position in the input.
    ///
    /// ```
    /// let f = workout_doc_wasm::Failure::usage("unknown format \"pdf\"");
    /// assert_eq!(f.line, 0);
    /// ```
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            line: 0,
            column: 0,
            column_utf16: 0,
        }
    }
}

impl From<workout_doc::Error> for Failure {
    fn from(e: workout_doc::Error) -> Self {
        let p = e.position();
        Failure {
            message: e.message(),
            line: p.line,
            column: p.column,
            column_utf16: p.column_utf16,
        }
    }
}
