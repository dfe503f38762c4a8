//! The routes: parse, download, import and the health check, with their request and answer
//! shapes (field names as the Intervals.icu API uses them).

use crate::athlete::AthleteFields;
use crate::error::ApiError;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::Query;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;
use workout_doc::{decode_utf8, icu, text, Athlete, Format, Parsed, Warning};

/// The formats `download-workout.{ext}` writes.
const DOWNLOADS: [Format; 6] = [
    Format::Zwo,
    Format::Mrc,
    Format::Erg,
    Format::Fit,
    Format::Json,
    Format::Text,
];

/// The file formats `import.{ext}` reads.
const IMPORTS: [Format; 4] = [Format::Zwo, Format::Mrc, Format::Erg, Format::Fit];

const DOWNLOAD_PREFIX: &str = "/api/v1/download-workout.";
const IMPORT_PREFIX: &str = "/api/v1/import.";

/// Every route of the API, with JSON answers for unknown routes and methods.
pub(crate) fn routes() -> Router {
    let mut router = Router::new()
        .route("/healthz", get(healthz))
        .route("/api/v1/parse", post(parse));
    for format in DOWNLOADS {
        let path = format!("{DOWNLOAD_PREFIX}{}", format.extension());
        router = router.route(
            &path,
            post(move |headers, body| download(format, headers, body)),
        );
    }
    for format in IMPORTS {
        let path = format!("{IMPORT_PREFIX}{}", format.extension());
        router = router.route(
            &path,
            post(move |headers, query, body| import(format, headers, query, body)),
        );
    }
    router
        .fallback(not_found)
        .method_not_allowed_fallback(|| async { ApiError::method_not_allowed() })
}

async fn healthz() -> impl IntoResponse {
    ([(CONTENT_TYPE, "application/json")], r#"{"status":"ok"}"#)
}

/// 404; under `download-workout.` or `import.`, the extensions there are.
async fn not_found(uri: Uri) -> ApiError {
    let path = uri.path();
    let known = |prefix: &str, formats: &[Format]| {
        let ext = path.strip_prefix(prefix)?;
        let known: Vec<&str> = formats.iter().map(|f| f.extension()).collect();
        Some(format!(
            "unknown extension \"{ext}\": expected one of {}",
            known.join(", ")
        ))
    };
    let message = known(DOWNLOAD_PREFIX, &DOWNLOADS)
        .or_else(|| known(IMPORT_PREFIX, &IMPORTS))
        .unwrap_or_else(|| {
            "no such route: expected /api/v1/parse, /api/v1/download-workout.{ext}, \
             /api/v1/import.{ext}, /healthz or /metrics"
                .to_owned()
        });
    ApiError::not_found(message)
}

/// A workout as the Intervals.icu API sends one: its text (`description`) or its
/// `workout_doc`, a name, and the athlete fields. Other fields are ignored.
#[derive(Deserialize)]
struct WorkoutRequest {
    name: Option<String>,
    description: Option<String>,
    workout_doc: Option<Box<RawValue>>,
    #[serde(flatten)]
    athlete: AthleteFields,
}

impl WorkoutRequest {
    /// Reads a JSON body; the `type` must be there.
    fn from_body(body: &[u8]) -> Result<WorkoutRequest, ApiError> {
        let request: WorkoutRequest =
            serde_json::from_slice(body).map_err(|e| ApiError::json(&e))?;
        request.athlete.require_type()?;
        Ok(request)
    }

    /// The workout: from `workout_doc` when there is one, else from `description`.
    fn workout(&self) -> Result<Parsed, ApiError> {
        match (&self.workout_doc, &self.description) {
            (Some(doc), _) => Ok(icu::from_json(doc.get())?),
            (None, Some(description)) => Ok(text::parse(description)?),
            (None, None) => Err(ApiError::bad_request(
                "missing field `description`: expected the workout text or a `workout_doc`",
            )),
        }
    }
}

/// The media type of the body, lowercase and without parameters; `None` without the header.
fn media_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(CONTENT_TYPE)?;
    let value = String::from_utf8_lossy(value.as_bytes());
    let essence = value.split(';').next().unwrap_or_default();
    Some(essence.trim().to_ascii_lowercase())
}

/// What `/api/v1/parse` answers: the `workout_doc` written straight into the answer, and
/// the numbers of the summary it was computed with.
#[derive(Serialize)]
struct ParseAnswer<'a> {
    workout_doc: &'a icu::WorkoutDoc<'a>,
    moving_time: u64,
    icu_training_load: Option<u64>,
    icu_intensity: Option<f64>,
    warnings: &'a [Warning],
}

async fn parse(
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body?;
    let (parsed, athlete) = match media_type(&headers).as_deref() {
        None | Some("text/plain") => (text::parse(decode_utf8(&body)?)?, Athlete::default()),
        Some("application/json") => {
            let request = WorkoutRequest::from_body(&body)?;
            (request.workout()?, request.athlete.athlete()?)
        }
        Some(other) => {
            return Err(ApiError::unsupported_media_type(
                other,
                "text/plain (workout text) or application/json",
            ))
        }
    };
    let doc = icu::WorkoutDoc::new(&parsed.workout, &athlete);
    let summary = doc.summary();
    let answer = ParseAnswer {
        workout_doc: &doc,
        moving_time: summary.duration,
        icu_training_load: summary.training_load,
        icu_intensity: summary.intensity,
        warnings: &parsed.warnings,
    };
    // Room for the usual answer (about 2 KB) at once: `Json` starts at 128 bytes and grows
    // four times (1.3 µs of server CPU a request in six interleaved wrk runs, of 23).
    let mut json = Vec::with_capacity(4096);
    serde_json::to_writer(&mut json, &answer).map_err(|_| ApiError::panic())?;
    Ok(([(CONTENT_TYPE, "application/json")], json).into_response())
}

async fn download(
    format: Format,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body?;
    match media_type(&headers).as_deref() {
        None | Some("application/json") => {}
        Some(other) => return Err(ApiError::unsupported_media_type(other, "application/json")),
    }
    let request = WorkoutRequest::from_body(&body)?;
    let Some(name) = &request.name else {
        return Err(ApiError::bad_request(
            "missing field `name`: expected the workout's name",
        ));
    };
    let athlete = request.athlete.athlete()?;
    let mut workout = request.workout()?.workout;
    workout.name = Some(name.clone());
    workout.sport = athlete.sport;
    let written = format.write(&workout, &athlete)?;
    let file = file_name(name, format);
    let disposition = HeaderValue::try_from(format!("attachment; filename=\"{file}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    Ok((
        [
            (CONTENT_TYPE, HeaderValue::from_static(content_type(format))),
            (CONTENT_DISPOSITION, disposition),
        ],
        written.file.into_bytes(),
    )
        .into_response())
}

/// The `Content-Type` a downloaded file is sent with.
fn content_type(format: Format) -> &'static str {
    match format {
        Format::Zwo => "application/xml; charset=utf-8",
        Format::Json => "application/json",
        Format::Fit => "application/vnd.ant.fit",
        _ => "text/plain; charset=utf-8",
    }
}

/// A file name from a workout name: letters, digits, spaces, `-`, `_`, `.` and `,` kept,
/// other characters as `_`, at most 100 characters, `workout` when nothing is left.
fn file_name(name: &str, format: Format) -> String {
    let stem: String = name
        .trim()
        .chars()
        .take(100)
        .map(|c| {
            if c.is_ascii_alphanumeric() || " -_.,".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let stem = stem.trim_matches(|c| c == '.' || c == ' ');
    let stem = if stem.is_empty() { "workout" } else { stem };
    format!("{stem}.{}", format.extension())
}

/// What `/api/v1/import.{ext}` answers.
#[derive(Serialize)]
struct ImportAnswer {
    description: String,
    workout_doc: Value,
    warnings: Vec<Warning>,
}

async fn import(
    format: Format,
    headers: HeaderMap,
    query: Result<Query<AthleteFields>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ImportAnswer>, ApiError> {
    let body = body?;
    match media_type(&headers).as_deref() {
        None => {}
        Some("application/octet-stream" | "application/xml" | "application/vnd.ant.fit") => {}
        Some(t) if t.starts_with("text/") => {}
        Some(other) => {
            return Err(ApiError::unsupported_media_type(
                other,
                "the file itself as the body: application/octet-stream, application/xml, application/vnd.ant.fit or text/*",
            ))
        }
    }
    let athlete = query?.0.athlete()?;
    // The file's bytes as they came: FIT is binary, the text formats are checked to be UTF-8.
    let parsed = format.read_bytes(&body)?;
    Ok(Json(ImportAnswer {
        description: text::write(&parsed.workout),
        workout_doc: icu::to_value(&parsed.workout, &athlete),
        warnings: parsed.warnings,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_header_values() {
        assert_eq!(file_name("4x8m VO2 Max", Format::Zwo), "4x8m VO2 Max.zwo");
        assert_eq!(file_name("a\"b\\c/d\r\né", Format::Erg), "a_b_c_d___.erg");
        assert_eq!(file_name(" .. ", Format::Text), "workout.txt");
        assert_eq!(file_name(&"x".repeat(500), Format::Mrc).len(), 104);
    }

    #[test]
    fn media_types_without_parameters() {
        let mut h = HeaderMap::new();
        assert_eq!(media_type(&h), None);
        h.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("Text/Plain; charset=UTF-8"),
        );
        assert_eq!(media_type(&h).as_deref(), Some("text/plain"));
    }
}
