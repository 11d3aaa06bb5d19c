//! The web page: HTML, CSS, JavaScript and the OpenAPI document, embedded in the binary so
//! the server needs no files and the page loads nothing from elsewhere.

use axum::extract::Path;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

use crate::ApiError;

const INDEX: &str = include_str!("../assets/index.html");
const OPENAPI: &str = include_str!("../assets/openapi.json");

/// The page's files: name, content type, bytes.
const FILES: &[(&str, &str, &str)] = &[
    ("app.js", "text/javascript; charset=utf-8", include_str!("../assets/app.js")),
    ("app.css", "text/css; charset=utf-8", include_str!("../assets/app.css")),
    ("favicon.svg", "image/svg+xml", include_str!("../assets/favicon.svg")),
];

/// `GET /`: the page.
pub async fn index() -> Response {
    asset("text/html; charset=utf-8", INDEX)
}

/// `GET /assets/{file}`.
pub async fn file(Path(name): Path<String>) -> Response {
    match FILES.iter().find(|(n, _, _)| *n == name) {
        Some((_, kind, body)) => asset(kind, body),
        None => ApiError::not_found(format!("no asset {name:?}")).into_response(),
    }
}

/// `GET /api/openapi.json`.
pub async fn openapi() -> Response {
    asset("application/json", OPENAPI)
}

fn asset(kind: &'static str, body: &'static str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    // Small files on a local server: always revalidate, so a new binary's page is used at once.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}
