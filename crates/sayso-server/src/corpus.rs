//! What the read routes need from a corpus, and the JSON they answer with.
//!
//! The API's shapes are the server's promise to the page and to other clients, so they are
//! defined here, field by field, and documented in `assets/openapi.json`; the store's own
//! types are mapped onto them in [`crate::StoreCorpus`].

use serde::{Deserialize, Serialize};

/// A read-only collection of extracted articles. Implementations must be cheap to share
/// between threads; every method is called on tokio's blocking pool.
pub trait Corpus: Send + Sync + 'static {
    /// Attributions matching the query, best first.
    fn search(&self, query: &SearchQuery) -> Result<SearchPage, CorpusError>;
    /// One article with its text and every attribution, or `None` when there is no such id.
    fn article(&self, id: &str) -> Result<Option<ArticleView>, CorpusError>;
    /// The `top` most quoted speakers, most quoted first.
    fn speakers(&self, top: usize) -> Result<Vec<SpeakerSummary>, CorpusError>;
    /// One speaker's quotes and their counts per month, or `None` when there is no such id.
    fn speaker(&self, id: &str) -> Result<Option<SpeakerProfile>, CorpusError>;
    /// How much the corpus holds.
    fn stats(&self) -> Result<CorpusStats, CorpusError>;
}

/// Why a corpus could not answer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CorpusError {
    /// The query cannot be run as asked (`since` after `until`, a bad query syntax): the
    /// caller's mistake, answered with 400.
    #[error("{0}")]
    InvalidQuery(String),
    /// The corpus itself failed (a damaged index, an unreadable file): answered with 500.
    #[error("{0}")]
    Failed(String),
}

/// The filters of `GET /api/search`, the same as `sayso search`'s.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchQuery {
    /// Full-text query over the content of attributions; empty or absent matches all.
    #[serde(default)]
    pub q: Option<String>,
    /// Only attributions whose speaker's name matches this.
    #[serde(default)]
    pub speaker: Option<String>,
    /// Only articles from this outlet.
    #[serde(default)]
    pub outlet: Option<String>,
    /// Only articles published on or after this date (`YYYY-MM-DD`).
    #[serde(default)]
    pub since: Option<String>,
    /// Only articles published on or before this date (`YYYY-MM-DD`).
    #[serde(default)]
    pub until: Option<String>,
    /// Only `direct`, `indirect` or `mixed` attributions.
    #[serde(default)]
    pub kind: Option<String>,
    /// At most this many hits (default 20, at most 200).
    #[serde(default)]
    pub limit: Option<usize>,
    /// Skip this many hits first, for paging.
    #[serde(default)]
    pub offset: Option<usize>,
}

/// One page of search results.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchPage {
    /// How many attributions match in all (not just on this page).
    pub total: usize,
    /// This page's hits, best first.
    pub hits: Vec<SearchHit>,
}

/// One attribution that matched, with enough of its article to list it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// The attribution's id: the `id` of one of its article's `attributions`.
    pub attribution_id: u64,
    /// The article's id, for `GET /api/articles/{id}`.
    pub article_id: String,
    /// The article's headline, when known.
    pub title: Option<String>,
    /// The outlet that published it, when known.
    pub outlet: Option<String>,
    /// Publication date, `YYYY-MM-DD`, when known.
    pub date: Option<String>,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
    /// The content's fragments joined with ` … `.
    pub content: String,
    /// The cue's text, when there is one.
    pub cue: Option<String>,
    /// The source mention as written, when there is one.
    pub source: Option<String>,
    /// Who said it, when known.
    pub speaker: Option<SpeakerRef>,
    /// The engine's confidence, 0 to 1.
    pub confidence: f32,
}

/// A speaker as named in a hit or an article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpeakerRef {
    /// Id for `GET /api/speakers/{id}`, or null when the corpus does not track this speaker.
    pub id: Option<String>,
    /// Canonical name.
    pub name: String,
    /// `person`, `organization`, `anonymous`, `group`, `document` or `unknown`.
    pub kind: String,
    /// A role or description given in the text, when there is one.
    pub description: Option<String>,
}

/// An article as stored: its text exactly as given, and every attribution as byte spans.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleView {
    /// The article's id.
    pub id: String,
    /// The headline, when known.
    pub title: Option<String>,
    /// The outlet, when known.
    pub outlet: Option<String>,
    /// Publication date, `YYYY-MM-DD`, when known.
    pub date: Option<String>,
    /// Where it was published, when known.
    pub url: Option<String>,
    /// The text exactly as ingested; every span's offsets are UTF-8 bytes into it.
    pub text: String,
    /// Every attribution, ordered by the start of its first content fragment; spans as in
    /// `docs/output.md`, with the speaker's corpus id.
    pub attributions: Vec<ArticleAttribution>,
    /// Boilerplate spans set aside by the engine.
    pub boilerplate: Vec<sayso::wire::Span>,
}

/// One attribution of an article: the wire form of `docs/output.md`, and the speaker's id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleAttribution {
    /// The attribution's id in the corpus, as search hits give it.
    pub id: u64,
    /// The attribution exactly as `sayso extract` prints it (byte offsets).
    #[serde(flatten)]
    pub attribution: sayso::wire::Attribution,
    /// The speaker's id for `GET /api/speakers/{id}`, when the corpus tracks the speaker.
    pub speaker_id: Option<String>,
}

/// A speaker in the `GET /api/speakers` list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpeakerSummary {
    /// Id for `GET /api/speakers/{id}`.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// `person`, `organization`, … as in `docs/output.md`.
    pub kind: String,
    /// Attributions credited to the speaker.
    pub quotes: usize,
    /// Articles they are quoted in.
    pub articles: usize,
}

/// One speaker's page: who they are, what they said, and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpeakerProfile {
    /// Id for `GET /api/speakers/{id}`.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// `person`, `organization`, … as in `docs/output.md`.
    pub kind: String,
    /// Every distinct description the texts give them, most frequent first.
    pub descriptions: Vec<String>,
    /// Attributions credited to the speaker in all.
    pub total: usize,
    /// Their quotes, newest first (at most a few hundred).
    pub quotes: Vec<SearchHit>,
    /// Quotes per month, oldest first, months without quotes included (`YYYY-MM`).
    pub months: Vec<MonthCount>,
}

/// Quotes in one calendar month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    /// Attributions in that month.
    pub quotes: usize,
}

/// What the corpus holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusStats {
    /// Articles stored.
    pub articles: usize,
    /// Attributions stored.
    pub attributions: usize,
    /// Distinct speakers.
    pub speakers: usize,
}
