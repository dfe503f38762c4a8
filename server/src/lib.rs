//! # workout-doc-server
//!
//! The `workout-server` binary: the [`workout_doc`] library as a small, stateless HTTP
//! service, so that a server in any language can turn Intervals.icu workout text into a
//! `workout_doc`, and convert workouts to and from `.zwo`, `.mrc` and `.erg` files.
//!
//! | route | in | out |
//! |---|---|---|
//! | `POST /api/v1/parse` | workout text (`text/plain`), or JSON `{description, type, ftp?, lthr?, max_hr?, threshold_pace?}` | `{workout_doc, moving_time, icu_training_load, icu_intensity, warnings}` |
//! | `POST /api/v1/download-workout.{zwo,mrc,erg,json,txt}` | JSON `{name, type, description?, workout_doc?, ftp?, …}` | the file, as an attachment |
//! | `POST /api/v1/import.{zwo,mrc,erg}` | the file; athlete fields in the query string | `{description, workout_doc, warnings}` |
//! | `GET /healthz` | | `{"status":"ok"}` |
//! | `GET /metrics` | | Prometheus metrics (OpenMetrics text) |
//!
//! Bad input gets a 4xx answer with `{"error": {"message", "line", "column"}}` (the position
//! when there is one, else `null`), never a 5xx. [`harden`] adds what every route gets: a
//! body limit, a timeout, bounded concurrency, a caught panic answered with 500, metrics and
//! one log line per request.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! use workout_doc_server::{app, serve, Config};
//! let config = Config::default();
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! serve(listener, app(&config), &config, std::future::pending()).await;
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod api;
mod athlete;
mod error;
mod guard;
mod metrics;
mod serve;

pub use guard::harden;
pub use serve::serve;

use std::time::Duration;

/// The limits every request is held to. [`Config::default`] is what `workout-server` uses
/// when no option is given.
///
/// ```
/// let c = workout_doc_server::Config::default();
/// assert_eq!(c.max_body_bytes, 1024 * 1024);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Largest request body, in bytes (larger ones get 413). Real workout files are a few
    /// kilobytes; the library's own bound is [`workout_doc::limits::MAX_INPUT_BYTES`].
    pub max_body_bytes: usize,
    /// Longest a request may take, waiting for a slot and reading its body included
    /// (longer ones get 408); also the longest a connection may take to send a request
    /// head, or stay idle between requests, and the longest a shutdown waits.
    pub timeout: Duration,
    /// Most requests handled at once; more wait for a slot (within the timeout).
    pub max_concurrency: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_body_bytes: 1024 * 1024,
            timeout: Duration::from_secs(10),
            max_concurrency: 64,
        }
    }
}

/// The whole service: the API routes, hardened by [`harden`] with `config`.
///
/// ```
/// let app = workout_doc_server::app(&workout_doc_server::Config::default());
/// # let _: axum::Router = app;
/// ```
pub fn app(config: &Config) -> axum::Router {
    harden(api::routes(), config)
}
