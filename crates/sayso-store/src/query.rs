//! Searches: what a caller asks for, and what comes back.

use serde::Serialize;

use crate::{Date, Hit, StoreError};

/// The most results one search returns, whatever `limit` says.
pub const MAX_LIMIT: usize = 1000;

/// A search over the stored attributions. Every field narrows the results; the default
/// (no words, no filters) lists every attribution, newest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchQuery {
    /// Words to find in the content, all of them (stemmed: `rush` finds `rushed`).
    /// `"exact phrase"`, `a OR b`, `-word` and `word*` prefixes work as in tantivy's query
    /// language. Empty: no word filter, and results come newest first.
    pub text: String,
    /// Only attributions whose speaker's name contains these words in this order
    /// (`Okafor` matches `Amara Okafor` and `Ms Okafor`), case-insensitively.
    pub speaker: Option<String>,
    /// Only articles from this outlet (case-insensitive; a leading `www.` is ignored).
    pub outlet: Option<String>,
    /// Only articles published on or after this day (articles with no date are left out).
    pub since: Option<Date>,
    /// Only articles published on or before this day (articles with no date are left out).
    pub until: Option<Date>,
    /// Only this kind: `direct`, `indirect` or `mixed`.
    pub kind: Option<String>,
    /// How many hits to return (default 20, at most [`MAX_LIMIT`]).
    pub limit: usize,
    /// How many hits to skip first, for paging.
    pub offset: usize,
}

impl Default for SearchQuery {
    fn default() -> SearchQuery {
        SearchQuery {
            text: String::new(),
            speaker: None,
            outlet: None,
            since: None,
            until: None,
            kind: None,
            limit: 20,
            offset: 0,
        }
    }
}

impl SearchQuery {
    /// Checks the fields a caller can get wrong.
    pub(crate) fn validate(&self) -> Result<(), StoreError> {
        if let Some(kind) = &self.kind {
            if !matches!(kind.as_str(), "direct" | "indirect" | "mixed") {
                return Err(StoreError::InvalidQuery(format!(
                    "unknown kind {kind:?}; use direct, indirect or mixed"
                )));
            }
        }
        if let (Some(since), Some(until)) = (self.since, self.until) {
            if since > until {
                return Err(StoreError::InvalidQuery(format!(
                    "--since {since} is after --until {until}"
                )));
            }
        }
        Ok(())
    }
}

/// The answer to a [`SearchQuery`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SearchResults {
    /// How many attributions match in all (not only the ones returned).
    pub total: u64,
    /// The hits from `offset` on, best first (newest first when the query has no words).
    pub hits: Vec<Hit>,
}
