//! The JSON routes. Each parses and checks its input, then runs the engine or the corpus on
//! the blocking pool and answers JSON; every failure is an [`ApiError`].

use std::sync::Arc;

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::Json;
use serde::Deserialize;

use sayso::wire::{self, OffsetUnit};

use crate::corpus::{
    ArticleView, Corpus, CorpusStats, SearchPage, SearchQuery, SpeakerProfile, SpeakerSummary,
};
use crate::{ApiError, App};

/// Most hits one search page may hold.
pub const MAX_LIMIT: usize = 200;
/// Hits on a search page when the query does not say.
pub const DEFAULT_LIMIT: usize = 20;

/// The body of `POST /api/extract`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtractRequest {
    /// The article's text.
    text: String,
    /// An id to echo back (default `-`).
    #[serde(default)]
    id: Option<String>,
    /// `bytes` (default) or `chars`.
    #[serde(default)]
    offsets: Offsets,
    /// Leave out attributions below this confidence.
    #[serde(default)]
    min_confidence: Option<f32>,
}

#[derive(Clone, Copy, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Offsets {
    #[default]
    Bytes,
    Chars,
}

/// `POST /api/extract`: the text's attributions as `sayso extract` prints them.
pub async fn extract(
    State(app): State<App>,
    body: Result<Json<ExtractRequest>, JsonRejection>,
) -> Result<Json<wire::Article>, ApiError> {
    let Json(request) = body?;
    let min_confidence = request.min_confidence.unwrap_or(0.0);
    if !(0.0..=1.0).contains(&min_confidence) {
        return Err(ApiError::bad_request("min_confidence must be from 0 to 1"));
    }
    let permit = Arc::clone(&app.inner.extractions)
        .acquire_owned()
        .await
        .map_err(|_| ApiError::internal("the server is shutting down"))?;
    let extractor = Arc::clone(&app.inner.extractor);
    let article = blocking(move || {
        let _permit = permit;
        let mut extraction = extractor.extract(&request.text);
        extraction.attributions.retain(|a| a.confidence >= min_confidence);
        let unit = match request.offsets {
            Offsets::Bytes => OffsetUnit::Bytes,
            Offsets::Chars => OffsetUnit::Chars,
        };
        let id = request.id.unwrap_or_else(|| "-".to_string());
        Ok(wire::Article::new(id, &request.text, &extraction, unit, None))
    })
    .await?;
    Ok(Json(article))
}

/// `GET /api/search`: attributions matching the filters.
pub async fn search(
    State(app): State<App>,
    query: Result<Query<SearchQuery>, QueryRejection>,
) -> Result<Json<SearchPage>, ApiError> {
    let Query(mut query) = query?;
    check_search(&mut query)?;
    let corpus = corpus(&app)?;
    blocking(move || Ok(corpus.search(&query)?)).await.map(Json)
}

/// Fills in the default limit and rejects values the corpus should never see.
fn check_search(query: &mut SearchQuery) -> Result<(), ApiError> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::bad_request(format!("limit must be from 1 to {MAX_LIMIT}")));
    }
    query.limit = Some(limit);
    if let Some(kind) = query.kind.as_deref().filter(|k| !k.is_empty()) {
        if !matches!(kind, "direct" | "indirect" | "mixed") {
            return Err(ApiError::bad_request("kind must be direct, indirect or mixed"));
        }
    }
    for (name, date) in [("since", &query.since), ("until", &query.until)] {
        if let Some(date) = date.as_deref().filter(|d| !d.is_empty()) {
            if !is_date(date) {
                return Err(ApiError::bad_request(format!("{name} must be a date YYYY-MM-DD")));
            }
        }
    }
    Ok(())
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&s[5..7].parse::<u8>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u8>().unwrap_or(0))
}

/// `GET /api/articles/{id}`: one article's text and attributions.
pub async fn article(
    State(app): State<App>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<ArticleView>, ApiError> {
    let Path(id) = id.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let corpus = corpus(&app)?;
    let found = blocking(move || Ok(corpus.article(&id)?.ok_or(id))).await?;
    found.map(Json).map_err(|id| ApiError::not_found(format!("no article with id {id:?}")))
}

/// The query of `GET /api/speakers`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeakersQuery {
    /// How many speakers (default 50, at most 1000).
    #[serde(default)]
    top: Option<usize>,
}

/// `GET /api/speakers`: the most quoted speakers.
pub async fn speakers(
    State(app): State<App>,
    query: Result<Query<SpeakersQuery>, QueryRejection>,
) -> Result<Json<Vec<SpeakerSummary>>, ApiError> {
    let Query(query) = query?;
    let top = query.top.unwrap_or(50);
    if top == 0 || top > 1000 {
        return Err(ApiError::bad_request("top must be from 1 to 1000"));
    }
    let corpus = corpus(&app)?;
    blocking(move || Ok(corpus.speakers(top)?)).await.map(Json)
}

/// `GET /api/speakers/{id}`: one speaker's quotes and their counts per month.
pub async fn speaker(
    State(app): State<App>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<SpeakerProfile>, ApiError> {
    let Path(id) = id.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let corpus = corpus(&app)?;
    let found = blocking(move || Ok(corpus.speaker(&id)?.ok_or(id))).await?;
    found.map(Json).map_err(|id| ApiError::not_found(format!("no speaker with id {id:?}")))
}

/// `GET /api/stats`: how much the corpus holds.
pub async fn stats(State(app): State<App>) -> Result<Json<CorpusStats>, ApiError> {
    let corpus = corpus(&app)?;
    blocking(move || Ok(corpus.stats()?)).await.map(Json)
}

/// Any other path.
pub async fn no_route() -> ApiError {
    ApiError::not_found("no such route; GET /api/openapi.json lists them")
}

/// A known path with the wrong method.
pub async fn wrong_method(method: axum::http::Method) -> ApiError {
    ApiError {
        status: axum::http::StatusCode::METHOD_NOT_ALLOWED,
        code: "method_not_allowed",
        message: format!("{method} is not allowed here; GET /api/openapi.json lists the routes"),
    }
}

fn corpus(app: &App) -> Result<Arc<dyn Corpus>, ApiError> {
    app.inner.corpus.clone().ok_or_else(ApiError::no_store)
}

/// Runs `work` on the blocking pool; a panic in it becomes a 500, not a dropped connection.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| ApiError::internal("the request failed inside the server"))?
}

impl From<crate::CorpusError> for ApiError {
    fn from(err: crate::CorpusError) -> ApiError {
        match err {
            crate::CorpusError::InvalidQuery(message) => ApiError::bad_request(message),
            err => ApiError::internal(format!("the store failed: {err}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2024-13-01"));
        assert!(!is_date("2024-1-01"));
        assert!(!is_date("2024-01-00"));
        assert!(!is_date("２０２４-01-01"));
    }

    #[test]
    fn search_limits() {
        let mut q = SearchQuery::default();
        check_search(&mut q).unwrap();
        assert_eq!(q.limit, Some(DEFAULT_LIMIT));
        let mut q = SearchQuery { limit: Some(MAX_LIMIT + 1), ..SearchQuery::default() };
        assert!(check_search(&mut q).is_err());
        let mut q = SearchQuery { kind: Some("quoted".into()), ..SearchQuery::default() };
        assert!(check_search(&mut q).is_err());
    }
}
