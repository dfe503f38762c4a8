//! The one error answer of the service: a status and `{"error": {"message", "line", "column"}}`.
//!
//! Statuses: 400 for a request of the wrong shape (malformed JSON, a missing or invalid
//! field, an unknown `type`), 422 for a workout the library refuses (with its line and
//! column), 404 / 405 / 413 / 415 for the route, method, size and content type, 408 when the
//! request runs out of time, and 500 only for a caught panic.

use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use workout_doc::ErrorKind;

/// A request the service answers with an error.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{status}: {message}")]
pub(crate) struct ApiError {
    status: StatusCode,
    /// Which kind of input error, for the `parse_errors` metric and the log line.
    kind: &'static str,
    message: String,
    line: Option<u32>,
    column: Option<u32>,
}

/// What an error answer was about, kept in its extensions for the metrics and the log.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ErrorNote {
    /// The kind: the library's `syntax`, `limit`, `xml`, `json`, `empty`, `utf8`,
    /// `missing`; the request's `request`, `size`, `media`; or `route`, `timeout`, `panic`.
    pub kind: &'static str,
    /// Whether the input could not be read (a parse error): 400, 413, 415 and 422.
    pub parse_error: bool,
    /// The message sent to the client.
    pub message: String,
}

impl ApiError {
    fn new(status: StatusCode, kind: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            kind,
            message: message.into(),
            line: None,
            column: None,
        }
    }

    /// 400: the request does not have the shape the route needs.
    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, "request", message)
    }

    /// 400: a JSON body that is malformed or lacks a field, at its line and column.
    pub(crate) fn json(e: &serde_json::Error) -> Self {
        // The position goes in its own fields: drop serde_json's " at line L column C".
        let message = e.to_string();
        let place = format!(" at line {} column {}", e.line(), e.column());
        let message = message.strip_suffix(place.as_str()).unwrap_or(&message);
        ApiError {
            line: u32::try_from(e.line()).ok().filter(|&l| l > 0),
            column: u32::try_from(e.column()).ok().filter(|&c| c > 0),
            ..ApiError::bad_request(format!("invalid json body: {message}"))
        }
    }

    /// 404: no such route; under a known route stem, the extensions it has.
    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, "route", message)
    }

    /// 405: the route exists for another method.
    pub(crate) fn method_not_allowed() -> Self {
        ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "route",
            "method not allowed: GET for /healthz and /metrics, POST for /api/v1/…",
        )
    }

    /// 415: a body whose `Content-Type` the route does not read.
    pub(crate) fn unsupported_media_type(found: &str, expected: &str) -> Self {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "media",
            format!("unsupported content type \"{found}\": expected {expected}"),
        )
    }

    /// 408: the request did not finish within the configured time.
    pub(crate) fn timeout() -> Self {
        ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "timeout",
            "request timed out: the body came too slowly or the service is busy",
        )
    }

    /// 500: a handler panicked (a bug); the service goes on serving.
    pub(crate) fn panic() -> Self {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "panic",
            "internal error: the request could not be handled",
        )
    }
}

/// The library's error: 422 with its message, line and column.
impl From<workout_doc::Error> for ApiError {
    fn from(e: workout_doc::Error) -> Self {
        let kind = match e.kind() {
            ErrorKind::Syntax(_) => "syntax",
            ErrorKind::Limit { .. } => "limit",
            ErrorKind::Xml(_) => "xml",
            ErrorKind::Json(_) => "json",
            ErrorKind::Empty(_) => "empty",
            ErrorKind::Fit(_) => "fit",
            ErrorKind::Utf8(_) => "utf8",
            _ => "missing",
        };
        ApiError {
            line: Some(e.line()),
            column: Some(e.column()),
            ..ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, kind, e.message())
        }
    }
}

/// A body that could not be read: 413 past the body limit, else axum's status.
impl From<BytesRejection> for ApiError {
    fn from(r: BytesRejection) -> Self {
        let kind = if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            "size"
        } else {
            "request"
        };
        ApiError::new(r.status(), kind, r.body_text())
    }
}

/// A query string that is not athlete fields: 400.
impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> Self {
        ApiError::bad_request(r.body_text())
    }
}

#[derive(Serialize)]
struct Body<'a> {
    error: Detail<'a>,
}

#[derive(Serialize)]
struct Detail<'a> {
    message: &'a str,
    line: Option<u32>,
    column: Option<u32>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Body {
            error: Detail {
                message: &self.message,
                line: self.line,
                column: self.column,
            },
        };
        let mut response = (self.status, Json(body)).into_response();
        response.extensions_mut().insert(ErrorNote {
            kind: self.kind,
            parse_error: matches!(self.status.as_u16(), 400 | 413 | 415 | 422),
            message: self.message,
        });
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_errors_keep_their_position() {
        let e = ApiError::from(workout_doc::text::parse("- 1m 50%\n2000000x\n- 1m").unwrap_err());
        assert_eq!(e.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!((e.kind, e.line, e.column), ("limit", Some(2), Some(1)));
    }

    #[test]
    fn json_errors_lose_the_position_suffix() {
        let e = serde_json::from_str::<serde_json::Value>("{\n  \"a\": }").unwrap_err();
        let e = ApiError::json(&e);
        assert_eq!(e.message, "invalid json body: expected value");
        assert_eq!((e.line, e.column), (Some(2), Some(8)));
    }
}
