//! The service's metrics, served at `/metrics` in the OpenMetrics text format that
//! Prometheus reads: requests by route and status, a latency histogram by route, and the
//! parse errors (requests whose input could not be read) by route and kind. Labels come
//! from a fixed set (routes are the matched route patterns, `unmatched` for the rest), so
//! hostile paths cannot grow them.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;
use std::time::Duration;

/// The `Content-Type` of [`Metrics::render`]'s text.
pub(crate) const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ErrorLabels {
    route: String,
    kind: &'static str,
}

fn latency_histogram() -> Histogram {
    // 50 µs to about 0.8 s, doubling.
    Histogram::new(exponential_buckets(0.000_05, 2.0, 15))
}

/// The metrics of one running service.
pub(crate) struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
    parse_errors: Family<ErrorLabels, Counter>,
}

impl Metrics {
    /// Empty metrics, registered under the `workout_server` prefix.
    pub(crate) fn new() -> Metrics {
        let mut registry = Registry::with_prefix("workout_server");
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = Family::<RouteLabels, Histogram, fn() -> Histogram>::new_with_constructor(
            latency_histogram,
        );
        let parse_errors = Family::<ErrorLabels, Counter>::default();
        registry.register(
            "requests",
            "Requests answered, by route and status",
            requests.clone(),
        );
        registry.register(
            "request_duration_seconds",
            "Time from the request's arrival to its answer",
            latency.clone(),
        );
        registry.register(
            "parse_errors",
            "Requests whose input could not be read (400, 413, 415, 422), by route and kind",
            parse_errors.clone(),
        );
        Metrics {
            registry,
            requests,
            latency,
            parse_errors,
        }
    }

    /// Counts one answered request; `parse_error` is the kind of the parse error it was
    /// refused for.
    pub(crate) fn record(
        &self,
        route: &str,
        status: u16,
        elapsed: Duration,
        parse_error: Option<&'static str>,
    ) {
        let route = route.to_owned();
        if let Some(kind) = parse_error {
            self.parse_errors
                .get_or_create(&ErrorLabels {
                    route: route.clone(),
                    kind,
                })
                .inc();
        }
        self.latency
            .get_or_create(&RouteLabels {
                route: route.clone(),
            })
            .observe(elapsed.as_secs_f64());
        self.requests
            .get_or_create(&RequestLabels { route, status })
            .inc();
    }

    /// The metrics as OpenMetrics text.
    pub(crate) fn render(&self) -> String {
        let mut text = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut text, &self.registry);
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_route_and_status() {
        let m = Metrics::new();
        m.record("/healthz", 200, Duration::from_micros(80), None);
        m.record(
            "/api/v1/parse",
            422,
            Duration::from_millis(1),
            Some("syntax"),
        );
        let text = m.render();
        assert!(text.contains(r#"workout_server_requests_total{route="/healthz",status="200"} 1"#));
        assert!(text.contains(
            r#"workout_server_parse_errors_total{route="/api/v1/parse",kind="syntax"} 1"#
        ));
        assert!(
            text.contains(r#"workout_server_request_duration_seconds_count{route="/healthz"} 1"#)
        );
        assert!(text.ends_with("# EOF\n"));
    }
}
