//! The service over real sockets: each test starts it on `127.0.0.1:0` in-process and drives
//! it with hyper's client, checking statuses, headers and bodies, good input and bad.
// Test code fails by panicking: the workspace lints against it are for shipped code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use axum::body::Bytes;
use axum::routing::get;
use axum::Router;
use http_body_util::{BodyExt, Full};
use hyper::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use hyper::{HeaderMap, Method, Request, StatusCode};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use workout_doc::{limits, text, Athlete, Format, Sport};
use workout_doc_server::{app, harden, serve, Config};

const SEED: &str = include_str!("../../fixtures/text/vo2max_4x8.txt");
const TEXT: Option<&str> = Some("text/plain; charset=utf-8");
const JSON: Option<&str> = Some("application/json");

/// A running service and a client for it.
struct Server {
    addr: SocketAddr,
    client: Client<HttpConnector, Full<Bytes>>,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

/// What the service answered.
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }

    fn text(&self) -> &str {
        std::str::from_utf8(&self.body).unwrap()
    }

    /// The answer is `status` with the error body, whose message contains `part`; returns
    /// the error's line and column.
    #[track_caller]
    fn error(&self, status: u16, part: &str) -> (Value, Value) {
        assert_eq!(self.status.as_u16(), status, "{}", self.text());
        assert_eq!(self.headers[CONTENT_TYPE], "application/json");
        let body = self.json();
        let e = &body["error"];
        let message = e["message"].as_str().unwrap();
        assert!(message.contains(part), "{message:?} lacks {part:?}");
        assert!(
            e.get("line").is_some() && e.get("column").is_some(),
            "{body}"
        );
        (e["line"].clone(), e["column"].clone())
    }
}

impl Server {
    /// Serves `make(&config)` with `config`.
    async fn start(config: Config, make: fn(&Config) -> Router) -> Server {
        let app = make(&config);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            serve(listener, app, &config, async {
                let _ = stopped.await;
            })
            .await
        });
        let client = Client::builder(TokioExecutor::new()).build_http();
        Server {
            addr,
            client,
            stop: Some(stop),
            task,
        }
    }

    async fn default() -> Server {
        Server::start(Config::default(), app).await
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        content_type: Option<&str>,
        body: impl Into<Bytes>,
    ) -> Answer {
        let mut request = Request::builder()
            .method(method)
            .uri(format!("http://{}{path}", self.addr));
        if let Some(t) = content_type {
            request = request.header(CONTENT_TYPE, t);
        }
        let request = request.body(Full::new(body.into())).unwrap();
        let response = self
            .client
            .request(request)
            .await
            .expect("no dropped connection");
        let (parts, body) = response.into_parts();
        Answer {
            status: parts.status,
            headers: parts.headers,
            body: body.collect().await.unwrap().to_bytes(),
        }
    }

    async fn post(&self, path: &str, content_type: Option<&str>, body: impl Into<Bytes>) -> Answer {
        self.send(Method::POST, path, content_type, body).await
    }

    async fn get(&self, path: &str) -> Answer {
        self.send(Method::GET, path, None, Bytes::new()).await
    }

    /// Still serving after whatever came before.
    async fn assert_healthy(&self) {
        let a = self.get("/healthz").await;
        assert_eq!(a.status, StatusCode::OK);
        assert_eq!(a.json(), serde_json::json!({"status": "ok"}));
    }

    /// Graceful shutdown; the serve task must end.
    async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let ended = tokio::time::timeout(Duration::from_secs(5), self.task).await;
        ended.expect("stops in time").unwrap();
    }
}

#[tokio::test]
async fn healthz_and_the_seed_example() {
    let s = Server::default().await;
    s.assert_healthy().await;
    let a = s.post("/api/v1/parse", TEXT, SEED).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    assert_eq!(a.headers[CONTENT_TYPE], "application/json");
    let v = a.json();
    assert_eq!(v["moving_time"], 5640);
    assert_eq!(v["icu_training_load"], 116);
    assert!((v["icu_intensity"].as_f64().unwrap() - 86.04798).abs() < 1e-4);
    assert_eq!(v["warnings"], serde_json::json!([]));
    let doc = &v["workout_doc"];
    assert_eq!(doc["duration"], 5640);
    assert_eq!(doc["description"], "These are horribly nasty.");
    assert_eq!(doc["steps"][1]["reps"], 4);
    // Without a Content-Type the body is workout text too.
    let plain = s.post("/api/v1/parse", None, SEED).await;
    assert_eq!(plain.json(), v);
    s.stop().await;
}

#[tokio::test]
async fn parse_json_with_athlete_fields() {
    let s = Server::default().await;
    let body = serde_json::json!({
        "description": "Easy\n\n- 10m 60%\n- 5m 95% 90rpm\n- 2m 50% (spin)",
        "type": "virtualride", "ftp": 250, "lthr": 165, "max_hr": 185, "id": 7,
    });
    let a = s.post("/api/v1/parse", JSON, body.to_string()).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    let v = a.json();
    assert_eq!(v["moving_time"], 1020);
    assert_eq!(v["workout_doc"]["ftp"], 250);
    // Indoors (VirtualRide) a single power target resolves without the ±3 % range.
    assert_eq!(v["workout_doc"]["steps"][0]["_power"]["start"], 150);
    assert_eq!(v["workout_doc"]["steps"][0]["_power"]["end"], 150);
    assert_eq!(v["warnings"][0]["line"], 5);
    assert!(v["warnings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("(spin)"));

    // A run with a pace threshold given as the API stores it (m/s) or as a pace.
    for pace in [serde_json::json!(4.0), serde_json::json!("4:10/km")] {
        let body = serde_json::json!({"description": "- 10m 80% Pace", "type": "Run",
            "threshold_pace": pace});
        let v = s.post("/api/v1/parse", JSON, body.to_string()).await.json();
        assert_eq!(v["moving_time"], 600, "{v}");
        assert!(v["workout_doc"]["steps"][0]["_pace"].is_object(), "{v}");
    }

    // `workout_doc` wins over `description`.
    let body = serde_json::json!({"description": "- 1m 50%", "type": "Ride",
        "workout_doc": {"steps": [{"duration": 300, "power": {"value": 70, "units": "%ftp"}}]}});
    let v = s.post("/api/v1/parse", JSON, body.to_string()).await.json();
    assert_eq!(v["moving_time"], 300);
    s.stop().await;
}

#[tokio::test]
async fn parse_refuses_bad_input_with_4xx_and_positions() {
    let s = Server::default().await;
    let parse = |ct, body: &'static [u8]| s.post("/api/v1/parse", ct, body);

    let a = parse(TEXT, b"- 10m 60%\n- 5m \xff\xfe 50%\n").await;
    let at = a.error(422, "invalid utf-8: expected text, found byte 0xff");
    assert_eq!(at, (2.into(), 6.into()));
    let a = parse(TEXT, b"- 10m 75%\n3000000x\n- 1m 50%\n").await;
    assert_eq!(
        a.error(422, "repeat count over the limit"),
        (2.into(), 1.into())
    );

    let a = parse(JSON, b"{\n \"description\": \"- 1m\",\n \"type\": }").await;
    assert_eq!(
        a.error(400, "invalid json body: expected value"),
        (3.into(), 10.into())
    );
    parse(JSON, b"[1, 2]")
        .await
        .error(400, "invalid json body: invalid type");
    parse(JSON, b"{\"description\": \"- 1m\"}")
        .await
        .error(400, "missing field `type`");
    parse(JSON, b"{\"type\": \"Ride\"}")
        .await
        .error(400, "missing field `description`");
    let a = parse(JSON, b"{\"description\": \"- 1m\", \"type\": \"Chess\"}").await;
    a.error(
        400,
        "unknown type \"Chess\": expected one of Ride, VirtualRide",
    );
    let a = parse(
        JSON,
        b"{\"description\": \"- 1m\", \"type\": \"Ride\", \"ftp\": -5}",
    )
    .await;
    a.error(400, "invalid ftp -5");
    let a = parse(
        JSON,
        b"{\"description\": \"- 1m\", \"type\": \"Run\", \"threshold_pace\": \"fast\"}",
    );
    a.await.error(400, "invalid threshold_pace \"fast\"");
    let a = parse(
        JSON,
        b"{\"description\": \"- 1m\", \"type\": \"Ride\", \"workout_doc\": {}}",
    )
    .await;
    a.error(422, "invalid workout json");

    let a = parse(Some("application/x-www-form-urlencoded"), b"- 1m 50%").await;
    a.error(
        415,
        "unsupported content type \"application/x-www-form-urlencoded\"",
    );
    parse(Some("multipart/form-data; boundary=x"), b"--x--")
        .await
        .error(415, "multipart");

    s.send(Method::GET, "/api/v1/parse", None, "")
        .await
        .error(405, "method not allowed");
    s.get("/api/v2/parse").await.error(404, "no such route");
    s.assert_healthy().await;
    s.stop().await;
}

/// The hostile texts of the library's `tests/limits.rs`, sent to the service: each ends
/// quickly with a 4xx (or a 200 with warnings), never a 5xx or a dropped connection.
#[tokio::test]
async fn hostile_texts_get_4xx_quickly() {
    let s = Server::default().await;
    let start = Instant::now();
    let limited = [
        format!("{}x\n- 10h 100%\n", limits::MAX_REPEATS + 1),
        "99999999999999999999999999x\n- 1m".to_owned(),
        format!("- {}s 50%", limits::MAX_STEP_SECONDS + 1),
        "- 99999999999999999999999h 60%".to_owned(),
        "- 1000.001km 60% Pace".to_owned(),
        "- 1m 100001w".to_owned(),
        format!("- 1m {}%", "9".repeat(400)),
        "- 1s 50%\n".repeat(limits::MAX_STEPS + 1),
    ];
    for text in limited {
        let a = s.post("/api/v1/parse", TEXT, text).await;
        let (line, column) = a.error(422, "over the limit");
        assert!(line.as_u64().unwrap() >= 1 && column.as_u64().unwrap() >= 1);
    }
    for word in ["1e308%", "NaN%", "inf%", "-5%", "1e9w", "0x10w", "١٠m"] {
        let a = s.post("/api/v1/parse", TEXT, format!("- 10m {word}")).await;
        assert_eq!(a.status, StatusCode::OK, "{word}");
        assert_eq!(a.json()["warnings"].as_array().unwrap().len(), 1, "{word}");
    }

    // Files: entities never expanded, nesting bounded, nested JSON repeats bounded.
    let laughs = include_str!("../../fixtures/zwo/billion_laughs.zwo");
    let a = s.post("/api/v1/import.zwo", None, laughs).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    assert!(!a.json()["warnings"].as_array().unwrap().is_empty());
    let depth = limits::MAX_XML_DEPTH + 1;
    let deep = format!(
        "<workout_file><workout>{}<SteadyState Duration=\"60\" Power=\"0.5\"/>{}</workout></workout_file>",
        "<x>".repeat(depth),
        "</x>".repeat(depth)
    );
    s.post("/api/v1/import.zwo", None, deep)
        .await
        .error(422, "over the limit");
    let mut nested = r#"{"duration":1}"#.to_owned();
    for _ in 0..9 {
        nested = format!(r#"{{"reps":100,"steps":[{nested},{nested}]}}"#);
    }
    let body = format!(r#"{{"name":"n","type":"Ride","workout_doc":{{"steps":[{nested}]}}}}"#);
    let a = s.post("/api/v1/download-workout.zwo", JSON, body).await;
    a.error(422, "over the limit: expected at most 100000");

    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
    s.assert_healthy().await;
    s.stop().await;
}

#[tokio::test]
async fn oversized_bodies_get_413() {
    let s = Server::default().await;
    let max = Config::default().max_body_bytes;
    let inside = " ".repeat(max);
    assert_eq!(
        s.post("/api/v1/parse", TEXT, inside).await.status,
        StatusCode::OK
    );
    let over = "- 1m 50%\n".repeat(max / 9 + 1);
    s.post("/api/v1/parse", TEXT, over.clone())
        .await
        .error(413, "length limit exceeded");
    s.post("/api/v1/import.erg", None, over)
        .await
        .error(413, "length limit exceeded");
    // A smaller configured limit holds for every route.
    let config = Config {
        max_body_bytes: 100,
        ..Config::default()
    };
    let small = Server::start(config, app).await;
    let body = format!(
        r#"{{"name":"n","type":"Ride","description":"{}"}}"#,
        "x".repeat(100)
    );
    let a = small.post("/api/v1/download-workout.txt", JSON, body).await;
    a.error(413, "length limit exceeded");
    small.assert_healthy().await;
    small.stop().await;
    s.stop().await;
}

#[tokio::test]
async fn download_every_format() {
    let s = Server::default().await;
    let body = serde_json::json!({"name": "4x8m VO2 \"Max\"", "type": "Ride", "ftp": 250,
        "description": SEED});
    for (ext, content_type, part) in [
        (
            "zwo",
            "application/xml; charset=utf-8",
            "<name>4x8m VO2 &quot;Max&quot;</name>",
        ),
        ("mrc", "text/plain; charset=utf-8", "MINUTES PERCENT"),
        ("erg", "text/plain; charset=utf-8", "MINUTES WATTS"),
        ("json", "application/json", "\"duration\":5640"),
        ("txt", "text/plain; charset=utf-8", "Main set 4x\n- 8m 110%"),
    ] {
        let a = s
            .post(
                &format!("/api/v1/download-workout.{ext}"),
                JSON,
                body.to_string(),
            )
            .await;
        assert_eq!(a.status, StatusCode::OK, "{ext}: {}", a.text());
        assert_eq!(a.headers[CONTENT_TYPE], content_type, "{ext}");
        let disposition = format!("attachment; filename=\"4x8m VO2 _Max_.{ext}\"");
        assert_eq!(a.headers[CONTENT_DISPOSITION], disposition.as_str());
        assert!(a.text().contains(part), "{ext}: {}", a.text());
    }
    // The erg has the athlete's watts: 110 % of 250 W.
    let erg = s
        .post("/api/v1/download-workout.erg", JSON, body.to_string())
        .await;
    assert!(erg.text().contains("275"), "{}", erg.text());

    // `workout_doc` wins over `description`.
    let body = serde_json::json!({"name": "doc", "type": "Run", "description": "- 1m 50%",
        "workout_doc": {"steps": [{"duration": 300, "hr": {"value": 80, "units": "%lthr"}}]}});
    let a = s
        .post("/api/v1/download-workout.txt", JSON, body.to_string())
        .await;
    assert_eq!(a.text(), "- 5m 80% LTHR\n");

    let a = s.post(
        "/api/v1/download-workout.zwo",
        JSON,
        r#"{"type":"Ride","description":"- 1m"}"#,
    );
    a.await.error(400, "missing field `name`");
    let a = s
        .post("/api/v1/download-workout.zwo", TEXT, "- 1m 50%")
        .await;
    a.error(415, "expected application/json");
    let a = s.post("/api/v1/download-workout.pdf", JSON, "{}").await;
    a.error(
        404,
        "unknown extension \"pdf\": expected one of zwo, mrc, erg, fit, json, txt",
    );
    s.stop().await;
}

#[tokio::test]
async fn import_every_file_format() {
    let s = Server::default().await;
    let files: [(&str, &str); 3] = [
        ("zwo", include_str!("../../fixtures/zwo/all_elements.zwo")),
        ("mrc", include_str!("../../fixtures/mrc/basic.mrc")),
        ("erg", include_str!("../../fixtures/erg/basic.erg")),
    ];
    for (ext, file) in files {
        for content_type in [
            None,
            Some("application/octet-stream"),
            Some("application/xml"),
        ] {
            let path = format!("/api/v1/import.{ext}?ftp=300&type=Ride");
            let a = s.post(&path, content_type, file).await;
            assert_eq!(a.status, StatusCode::OK, "{ext}: {}", a.text());
            let v = a.json();
            let description = v["description"].as_str().unwrap();
            assert!(description.contains("- "), "{ext}: {description}");
            assert!(v["workout_doc"]["steps"]
                .as_array()
                .is_some_and(|s| !s.is_empty()));
            assert_eq!(v["workout_doc"]["ftp"], 300);
            assert!(v["warnings"].is_array());
        }
    }
    let malformed = include_str!("../../fixtures/zwo/err_malformed.zwo");
    let (line, _) = s
        .post("/api/v1/import.zwo", None, malformed)
        .await
        .error(422, "malformed xml");
    assert!(line.as_u64().unwrap() > 1);
    let a = s
        .post("/api/v1/import.erg", Some("text/plain"), &b"\xff"[..])
        .await;
    assert_eq!(a.error(422, "invalid utf-8"), (1.into(), 1.into()));
    s.post("/api/v1/import.mrc", None, "").await.error(422, "");
    let a = s.post("/api/v1/import.zwo", JSON, "{}").await;
    a.error(415, "the file itself as the body");
    let a = s
        .post("/api/v1/import.zwo?type=Chess", None, files[0].1)
        .await;
    a.error(400, "unknown type \"Chess\"");
    s.post("/api/v1/import.zwo?ftp=lots", None, files[0].1)
        .await
        .error(400, "ftp");
    let a = s.post("/api/v1/import.pdf", None, "x").await;
    a.error(
        404,
        "unknown extension \"pdf\": expected one of zwo, mrc, erg, fit",
    );
    s.stop().await;
}

#[tokio::test]
async fn download_fit_and_import_it_back() {
    let s = Server::default().await;
    let body = serde_json::json!({"name": "4x8m VO2 \"Max\"", "type": "Ride", "ftp": 250,
        "description": SEED});
    let a = s
        .post("/api/v1/download-workout.fit", JSON, body.to_string())
        .await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.headers[CONTENT_TYPE], "application/vnd.ant.fit");
    assert_eq!(
        a.headers[CONTENT_DISPOSITION],
        "attachment; filename=\"4x8m VO2 _Max_.fit\""
    );
    let fit = a.body.clone();
    assert_eq!(&fit[8..12], b".FIT");
    // The bytes the library writes for the same workout and athlete.
    let mut w = text::parse(SEED).unwrap().workout;
    w.name = Some("4x8m VO2 \"Max\"".into());
    w.sport = Some(Sport::Ride);
    let athlete = Athlete {
        ftp: Some(250.0),
        sport: Some(Sport::Ride),
        ..Athlete::default()
    };
    let native = Format::Fit.write(&w, &athlete).unwrap().file.into_bytes();
    assert_eq!(fit.as_ref(), native.as_slice());

    // Back in as the file itself, whatever binary type it is sent as.
    for content_type in [
        None,
        Some("application/vnd.ant.fit"),
        Some("application/octet-stream"),
    ] {
        let a = s
            .post(
                "/api/v1/import.fit?ftp=250&type=Ride",
                content_type,
                fit.clone(),
            )
            .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.text());
        let v = a.json();
        let description = v["description"].as_str().unwrap();
        assert!(
            description.starts_with("These are horribly nasty.\n\n- 20m 146-155w 90-100rpm\n\nMain set 4x\n- 8m 267-283w\n"),
            "{description}"
        );
        assert_eq!(v["workout_doc"]["steps"][1]["reps"], 4);
        assert_eq!(v["workout_doc"]["duration"], 5640);
        assert_eq!(v["workout_doc"]["ftp"], 250);
        assert_eq!(v["warnings"], serde_json::json!([]));
    }
    s.stop().await;
}

#[tokio::test]
async fn damaged_fit_files_get_422_naming_the_byte() {
    let s = Server::default().await;
    let body = serde_json::json!({"name": "seed", "type": "Ride", "description": SEED});
    let fit = s
        .post("/api/v1/download-workout.fit", JSON, body.to_string())
        .await
        .body;
    let import = |bytes: Vec<u8>| s.post("/api/v1/import.fit", None, bytes);

    // A byte changed in the middle: the file's CRC, in its last two bytes, no longer holds.
    let mut flipped = fit.to_vec();
    flipped[40] ^= 0xff;
    let crc_at = fit.len() - 2;
    let (line, column) = import(flipped)
        .await
        .error(422, &format!("at byte {crc_at}"));
    assert_eq!((line, column), (1.into(), (crc_at + 1).into()));

    // Cut short.
    let cut = fit[..fit.len() - 10].to_vec();
    let a = import(cut).await;
    a.error(422, &format!("the file ends at byte {}", fit.len() - 10));

    // Not FIT at all: a .zwo, or text.
    let zwo = include_bytes!("../../fixtures/zwo/all_elements.zwo").to_vec();
    let a = import(zwo).await;
    a.error(422, "expected a fit file header at byte 0");
    let (_, column) = import(b"not a fit file".to_vec())
        .await
        .error(422, "at byte 0");
    assert_eq!(column, 1);

    // An empty body.
    let a = import(Vec::new()).await;
    a.error(422, "empty file: expected a fit file header at byte 0");
    s.assert_healthy().await;
    s.stop().await;
}

#[tokio::test]
async fn metrics_count_requests_and_errors() {
    let s = Server::default().await;
    s.post("/api/v1/parse", TEXT, SEED).await;
    s.post("/api/v1/parse", TEXT, "3000000x\n- 1m").await;
    s.get("/nowhere").await;
    let a = s.get("/metrics").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.headers[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/openmetrics-text"));
    let text = a.text();
    for line in [
        r#"workout_server_requests_total{route="/api/v1/parse",status="200"} 1"#,
        r#"workout_server_requests_total{route="/api/v1/parse",status="422"} 1"#,
        r#"workout_server_requests_total{route="unmatched",status="404"} 1"#,
        r#"workout_server_parse_errors_total{route="/api/v1/parse",kind="limit"} 1"#,
        r#"workout_server_request_duration_seconds_count{route="/api/v1/parse"} 2"#,
    ] {
        assert!(text.contains(line), "{line} not in\n{text}");
    }
    // A missing route is no parse error.
    assert!(
        !text.contains(r#"parse_errors_total{route="unmatched""#),
        "{text}"
    );
    s.stop().await;
}

async fn bug() -> &'static str {
    panic!("a bug")
}

/// Routes that misbehave, behind the same guards as the API.
fn misbehaving(config: &Config) -> Router {
    let routes = Router::new().route("/panic", get(bug)).route(
        "/slow",
        get(|| async {
            tokio::time::sleep(Duration::from_millis(300)).await;
            "done"
        }),
    );
    harden(routes, config)
}

#[tokio::test]
async fn a_panic_gets_500_and_the_service_goes_on() {
    let s = Server::start(Config::default(), misbehaving).await;
    for _ in 0..3 {
        s.get("/panic").await.error(500, "internal error");
    }
    assert_eq!(s.get("/slow").await.text(), "done");
    let metrics = s.get("/metrics").await;
    assert!(metrics
        .text()
        .contains(r#"workout_server_requests_total{route="/panic",status="500"} 3"#));
    assert!(
        !metrics.text().contains("parse_errors_total{"),
        "{}",
        metrics.text()
    );
    s.stop().await;
}

#[tokio::test]
async fn slow_requests_time_out_with_408() {
    let config = Config {
        timeout: Duration::from_millis(50),
        ..Config::default()
    };
    let s = Server::start(config, misbehaving).await;
    s.get("/slow").await.error(408, "request timed out");
    s.stop().await;
}

#[tokio::test]
async fn bounded_concurrency_queues_requests() {
    let config = Config {
        max_concurrency: 1,
        ..Config::default()
    };
    let s = Server::start(config, misbehaving).await;
    let start = Instant::now();
    let (a, b) = tokio::join!(s.get("/slow"), s.get("/slow"));
    assert_eq!((a.text(), b.text()), ("done", "done"));
    assert!(
        start.elapsed() >= Duration::from_millis(600),
        "{:?}",
        start.elapsed()
    );
    s.stop().await;
}

#[tokio::test]
async fn graceful_shutdown_finishes_requests_in_flight() {
    let mut s = Server::start(Config::default(), misbehaving).await;
    let client = s.client.clone();
    let uri = format!("http://{}/slow", s.addr);
    let in_flight = tokio::spawn(async move {
        let request = Request::get(uri).body(Full::new(Bytes::new())).unwrap();
        let response = client.request(request).await.unwrap();
        response.into_body().collect().await.unwrap().to_bytes()
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    let _ = s.stop.take().unwrap().send(());
    assert_eq!(in_flight.await.unwrap(), "done");
    let ended = tokio::time::timeout(Duration::from_secs(5), &mut s.task).await;
    ended.expect("stops once the request is done").unwrap();
    // No longer listening.
    assert!(tokio::net::TcpStream::connect(s.addr).await.is_err());
}

#[tokio::test]
async fn clients_that_send_their_headers_too_slowly_are_dropped() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let config = Config {
        timeout: Duration::from_millis(200),
        ..Config::default()
    };
    let s = Server::start(config, app).await;
    let start = Instant::now();
    let mut silent = tokio::net::TcpStream::connect(s.addr).await.unwrap();
    let mut slow = tokio::net::TcpStream::connect(s.addr).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    s.assert_healthy().await;
    for stream in [&mut silent, &mut slow] {
        let mut buf = [0u8; 64];
        let read = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf)).await;
        // Closed (end of stream or reset), not left open.
        assert!(matches!(read, Ok(Ok(0) | Err(_))), "{read:?}");
    }
    assert!(start.elapsed() >= Duration::from_millis(200));
    s.stop().await;
}
