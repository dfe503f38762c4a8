//! What every route gets: `/metrics`, a body limit, bounded concurrency, a timeout, a caught
//! panic answered with 500, the metrics of each request and one log line for it.

use crate::error::{ApiError, ErrorNote};
use crate::metrics::{self, Metrics};
use crate::Config;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::any::Any;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::catch_panic::CatchPanicLayer;

/// Adds `GET /metrics` to `routes` and wraps every route (the fallbacks included, so add
/// them first) in the service's guards, outermost first:
/// - the request's metrics and one `tracing` line (method, route, status, microseconds,
///   and the error kind and message of a refused request);
/// - a timeout of [`Config::timeout`] (408) over all that follows;
/// - a caught panic: 500 with the usual error body, and the service goes on;
/// - at most [`Config::max_concurrency`] requests at once; others wait;
/// - a body limit of [`Config::max_body_bytes`] (413).
///
/// ```
/// use axum::{routing::get, Router};
/// let routes = Router::new().route("/hello", get(|| async { "hello" }));
/// let app = workout_doc_server::harden(routes, &workout_doc_server::Config::default());
/// # let _: Router = app;
/// ```
pub fn harden(routes: Router, config: &Config) -> Router {
    let metrics = Arc::new(Metrics::new());
    let observer = Arc::new(Observer {
        metrics: Arc::clone(&metrics),
        timeout: config.timeout,
    });
    routes
        .route(
            "/metrics",
            get(move || async move { ([(CONTENT_TYPE, metrics::CONTENT_TYPE)], metrics.render()) }),
        )
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        .layer(GlobalConcurrencyLimitLayer::new(config.max_concurrency))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(middleware::from_fn_with_state(observer, observe))
}

struct Observer {
    metrics: Arc<Metrics>,
    timeout: Duration,
}

fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic without a message");
    tracing::error!(panic = message, "handler panicked");
    ApiError::panic().into_response()
}

async fn observe(State(observer): State<Arc<Observer>>, request: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str)
        .to_owned();
    let response = tokio::time::timeout(observer.timeout, next.run(request))
        .await
        .unwrap_or_else(|_| ApiError::timeout().into_response());
    let elapsed = start.elapsed();
    let status = response.status().as_u16();
    let micros = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX);
    let error = response.extensions().get::<ErrorNote>();
    let parse_error = error.filter(|e| e.parse_error).map(|e| e.kind);
    observer
        .metrics
        .record(&route, status, elapsed, parse_error);
    match error {
        Some(e) => tracing::info!(
            %method, route, status, micros, kind = e.kind, error = %e.message, "request"
        ),
        None => tracing::info!(%method, route, status, micros, "request"),
    }
    response
}
