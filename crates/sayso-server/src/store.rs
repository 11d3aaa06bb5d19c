//! The store as the API's corpus: `sayso_store`'s types mapped onto the API's wire types.

use std::collections::BTreeMap;
use std::path::Path;

use sayso_store::{SearchQuery as StoreQuery, Store, StoreError};

use crate::corpus::{
    ArticleAttribution, ArticleView, Corpus, CorpusError, CorpusStats, MonthCount, SearchHit,
    SearchPage, SearchQuery, SpeakerProfile, SpeakerRef, SpeakerSummary,
};

/// A store opened read-only, serving the corpus routes.
pub struct StoreCorpus {
    store: Store,
}

impl StoreCorpus {
    /// Opens the store in `dir` read-only: the server never writes to it.
    pub fn open(dir: &Path) -> Result<StoreCorpus, StoreError> {
        Ok(StoreCorpus { store: Store::open_read_only(dir)? })
    }
}

impl From<StoreError> for CorpusError {
    fn from(err: StoreError) -> CorpusError {
        match err {
            StoreError::InvalidQuery(message) => CorpusError::InvalidQuery(message),
            err => CorpusError::Failed(err.to_string()),
        }
    }
}

fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

fn date(s: &Option<String>) -> Result<Option<sayso_store::Date>, CorpusError> {
    non_empty(s)
        .map(|d| {
            d.parse()
                .map_err(|_| CorpusError::InvalidQuery(format!("{d:?} is not a date YYYY-MM-DD")))
        })
        .transpose()
}

fn speaker(s: sayso_store::SpeakerRef) -> SpeakerRef {
    SpeakerRef { id: s.id, name: s.name, kind: s.kind, description: s.description }
}

fn hit(h: sayso_store::Hit) -> SearchHit {
    SearchHit {
        attribution_id: h.attribution_id,
        article_id: h.article_id,
        title: h.title,
        outlet: h.outlet,
        date: h.date.map(|d| d.to_string()),
        kind: h.kind,
        content: h.content,
        cue: h.cue,
        source: h.source,
        speaker: h.speaker.map(speaker),
        confidence: h.confidence,
    }
}

impl Corpus for StoreCorpus {
    fn search(&self, query: &SearchQuery) -> Result<SearchPage, CorpusError> {
        let query = StoreQuery {
            text: non_empty(&query.q).unwrap_or_default(),
            speaker: non_empty(&query.speaker),
            outlet: non_empty(&query.outlet),
            since: date(&query.since)?,
            until: date(&query.until)?,
            kind: non_empty(&query.kind),
            limit: query.limit.unwrap_or(20),
            offset: query.offset.unwrap_or(0),
        };
        let results = self.store.search(&query)?;
        Ok(SearchPage {
            total: results.total as usize,
            hits: results.hits.into_iter().map(hit).collect(),
        })
    }

    fn article(&self, id: &str) -> Result<Option<ArticleView>, CorpusError> {
        Ok(self.store.article(id)?.map(|a| ArticleView {
            id: a.id,
            title: a.meta.title,
            outlet: a.meta.outlet,
            date: a.meta.date.map(|d| d.to_string()),
            url: a.meta.url,
            text: a.text,
            attributions: a
                .attributions
                .into_iter()
                .map(|s| ArticleAttribution {
                    id: s.id,
                    attribution: s.attribution,
                    speaker_id: s.speaker_id,
                })
                .collect(),
            boilerplate: a.boilerplate,
        }))
    }

    fn speakers(&self, top: usize) -> Result<Vec<SpeakerSummary>, CorpusError> {
        Ok(self
            .store
            .speakers(top)?
            .speakers
            .into_iter()
            .map(|s| SpeakerSummary {
                id: s.id,
                name: s.name,
                kind: s.kind,
                quotes: s.attributions as usize,
                articles: s.articles as usize,
            })
            .collect())
    }

    fn speaker(&self, id: &str) -> Result<Option<SpeakerProfile>, CorpusError> {
        Ok(self.store.speaker(id)?.map(|p| SpeakerProfile {
            months: fill_months(
                p.per_month.iter().map(|m| (m.month.as_str(), m.attributions as usize)),
            ),
            id: p.id,
            name: p.name,
            kind: p.kind,
            descriptions: p.descriptions,
            total: p.attributions as usize,
            quotes: p.quotes.into_iter().map(hit).collect(),
        }))
    }

    fn stats(&self) -> Result<CorpusStats, CorpusError> {
        let s = self.store.stats()?;
        Ok(CorpusStats {
            articles: s.articles as usize,
            attributions: s.attributions as usize,
            speakers: s.speakers as usize,
        })
    }
}

/// Sums counts by month (`YYYY-MM`) and lists every month from the first to the last, the
/// empty ones included, so a chart shows the gaps. Unparsable months are dropped.
fn fill_months<'m>(counted: impl Iterator<Item = (&'m str, usize)>) -> Vec<MonthCount> {
    let mut counts: BTreeMap<(i32, u32), usize> = BTreeMap::new();
    for (month, n) in counted {
        let parsed = month.split_once('-').and_then(|(y, m)| {
            let m = m.get(..2)?.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?;
            Some((y.parse::<i32>().ok()?, m))
        });
        if let Some(key) = parsed {
            *counts.entry(key).or_default() += n;
        }
    }
    let (Some(&first), Some(&last)) = (counts.keys().next(), counts.keys().next_back()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let (mut year, mut month) = first;
    while (year, month) <= last {
        let quotes = counts.get(&(year, month)).copied().unwrap_or(0);
        out.push(MonthCount { month: format!("{year:04}-{month:02}"), quotes });
        (year, month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_fill_the_gaps() {
        let months = fill_months([("2024-11", 1), ("2025-01", 2), ("bad", 5)].into_iter());
        let got: Vec<(&str, usize)> = months.iter().map(|m| (m.month.as_str(), m.quotes)).collect();
        assert_eq!(got, [("2024-11", 1), ("2024-12", 0), ("2025-01", 2)]);
        assert!(fill_months(std::iter::empty()).is_empty());
    }
}
