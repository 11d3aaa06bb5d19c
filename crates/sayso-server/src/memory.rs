//! A corpus held in memory: a few articles run through the engine once, searched by
//! substring. For tests and demos; the real corpus is `sayso-store`.

use std::collections::BTreeMap;

use sayso::wire::{self, OffsetUnit};

use crate::corpus::{
    ArticleAttribution, ArticleView, Corpus, CorpusError, CorpusStats, MonthCount, SearchHit,
    SearchPage, SearchQuery, SpeakerProfile, SpeakerRef, SpeakerSummary,
};

/// An article to put in a [`MemoryCorpus`].
#[derive(Clone, Debug, Default)]
pub struct MemoryArticle {
    /// Its id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The text.
    pub text: String,
}

/// Articles and their attributions, in memory.
pub struct MemoryCorpus {
    articles: Vec<ArticleView>,
}

impl MemoryCorpus {
    /// Runs `extractor` over every article and keeps the results.
    pub fn new(extractor: &sayso::Extractor, articles: Vec<MemoryArticle>) -> MemoryCorpus {
        let articles = articles
            .into_iter()
            .map(|a| {
                let extraction = extractor.extract(&a.text);
                let article =
                    wire::Article::new(&a.id, &a.text, &extraction, OffsetUnit::Bytes, None);
                ArticleView {
                    id: a.id,
                    title: a.title,
                    outlet: a.outlet,
                    date: a.date,
                    url: None,
                    text: a.text,
                    attributions: article
                        .attributions
                        .into_iter()
                        .map(|attribution| ArticleAttribution {
                            speaker_id: attribution
                                .speaker
                                .as_ref()
                                .filter(|s| is_named(&s.name))
                                .map(|s| speaker_id(&s.name)),
                            attribution,
                        })
                        .collect(),
                    boilerplate: article.boilerplate,
                }
            })
            .collect();
        MemoryCorpus { articles }
    }

    fn hits(&self) -> impl Iterator<Item = SearchHit> + '_ {
        self.articles.iter().flat_map(|article| {
            article.attributions.iter().enumerate().map(move |(index, a)| hit(article, index, a))
        })
    }
}

/// Whether a source names someone (`Ms Okafor`) rather than pointing at them (`she`,
/// `critics`): only the named are tracked as speakers, since this corpus has no coreference.
fn is_named(name: &str) -> bool {
    const PRONOUNS: &[&str] = &["i", "you", "he", "she", "it", "we", "they", "who", "this"];
    name.chars().any(char::is_uppercase) && !PRONOUNS.contains(&name.to_lowercase().as_str())
}

/// A speaker's id: their name in lower case, words joined by `-`.
fn speaker_id(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.join("-")
}

fn hit(article: &ArticleView, index: usize, a: &ArticleAttribution) -> SearchHit {
    let a_wire = &a.attribution;
    SearchHit {
        article_id: article.id.clone(),
        index,
        title: article.title.clone(),
        outlet: article.outlet.clone(),
        date: article.date.clone(),
        kind: a_wire.kind.clone(),
        content: a_wire.content.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" … "),
        cue: a_wire.cue.as_ref().map(|s| s.text.clone()),
        speaker: a_wire.speaker.as_ref().map(|s| SpeakerRef {
            id: a.speaker_id.clone(),
            name: s.name.clone(),
            kind: s.kind.clone(),
            description: s.description.clone(),
        }),
        confidence: a_wire.confidence,
    }
}

fn contains(haystack: Option<&str>, needle: &Option<String>) -> bool {
    match needle.as_deref().map(str::trim) {
        None | Some("") => true,
        Some(needle) => haystack.is_some_and(|h| h.to_lowercase().contains(&needle.to_lowercase())),
    }
}

fn matches(hit: &SearchHit, query: &SearchQuery) -> bool {
    let date = hit.date.as_deref().unwrap_or("");
    contains(Some(&hit.content), &query.q)
        && contains(hit.speaker.as_ref().map(|s| s.name.as_str()), &query.speaker)
        && contains(hit.outlet.as_deref(), &query.outlet)
        && query.kind.as_deref().is_none_or(|k| k.is_empty() || k == hit.kind)
        && query.since.as_deref().is_none_or(|s| s.is_empty() || date >= s)
        && query.until.as_deref().is_none_or(|u| u.is_empty() || (!date.is_empty() && date <= u))
}

impl Corpus for MemoryCorpus {
    fn search(&self, query: &SearchQuery) -> Result<SearchPage, CorpusError> {
        let all: Vec<SearchHit> = self.hits().filter(|h| matches(h, query)).collect();
        let offset = query.offset.unwrap_or(0);
        let limit = query.limit.unwrap_or(20);
        Ok(SearchPage {
            total: all.len(),
            hits: all.into_iter().skip(offset).take(limit).collect(),
        })
    }

    fn article(&self, id: &str) -> Result<Option<ArticleView>, CorpusError> {
        Ok(self.articles.iter().find(|a| a.id == id).cloned())
    }

    fn speakers(&self, top: usize) -> Result<Vec<SpeakerSummary>, CorpusError> {
        let mut by_id: BTreeMap<String, (SpeakerSummary, Option<String>)> = BTreeMap::new();
        for hit in self.hits() {
            let Some(speaker) = hit.speaker else { continue };
            let Some(id) = speaker.id else { continue };
            let entry = by_id.entry(id.clone()).or_insert_with(|| {
                let summary = SpeakerSummary {
                    id,
                    name: speaker.name.clone(),
                    kind: speaker.kind.clone(),
                    quotes: 0,
                    articles: 0,
                };
                (summary, None)
            });
            entry.0.quotes += 1;
            if entry.1.as_deref() != Some(&hit.article_id) {
                entry.0.articles += 1;
                entry.1 = Some(hit.article_id);
            }
        }
        let mut list: Vec<SpeakerSummary> = by_id.into_values().map(|(s, _)| s).collect();
        list.sort_by(|a, b| b.quotes.cmp(&a.quotes).then_with(|| a.name.cmp(&b.name)));
        list.truncate(top);
        Ok(list)
    }

    fn speaker(&self, id: &str) -> Result<Option<SpeakerProfile>, CorpusError> {
        let mut quotes: Vec<SearchHit> = self
            .hits()
            .filter(|h| h.speaker.as_ref().and_then(|s| s.id.as_deref()) == Some(id))
            .collect();
        let Some(first) = quotes.first().and_then(|h| h.speaker.clone()) else {
            return Ok(None);
        };
        let mut descriptions: BTreeMap<String, usize> = BTreeMap::new();
        for description in quotes.iter().filter_map(|h| h.speaker.as_ref()?.description.clone()) {
            *descriptions.entry(description).or_default() += 1;
        }
        let mut descriptions: Vec<(String, usize)> = descriptions.into_iter().collect();
        descriptions.sort_by_key(|d| std::cmp::Reverse(d.1));
        quotes.sort_by(|a, b| b.date.cmp(&a.date));
        let months = months(quotes.iter().filter_map(|h| h.date.as_deref()));
        Ok(Some(SpeakerProfile {
            id: id.to_string(),
            name: first.name,
            kind: first.kind,
            descriptions: descriptions.into_iter().map(|(d, _)| d).collect(),
            total: quotes.len(),
            quotes,
            months,
        }))
    }

    fn stats(&self) -> Result<CorpusStats, CorpusError> {
        Ok(CorpusStats {
            articles: self.articles.len(),
            attributions: self.articles.iter().map(|a| a.attributions.len()).sum(),
            speakers: self.speakers(usize::MAX)?.len(),
        })
    }
}

/// Counts per `YYYY-MM` from dates `YYYY-MM-DD`, with the empty months in between.
pub(crate) fn months<'d>(dates: impl Iterator<Item = &'d str>) -> Vec<MonthCount> {
    let mut counts: BTreeMap<(i32, u32), usize> = BTreeMap::new();
    for date in dates {
        let mut parts = date.splitn(3, '-');
        let year = parts.next().and_then(|y| y.parse::<i32>().ok());
        let month =
            parts.next().and_then(|m| m.parse::<u32>().ok()).filter(|m| (1..=12).contains(m));
        if let (Some(year), Some(month)) = (year, month) {
            *counts.entry((year, month)).or_default() += 1;
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
        let months = months(["2024-11-30", "2025-01-02", "2025-01-20", "bad"].into_iter());
        let got: Vec<(&str, usize)> = months.iter().map(|m| (m.month.as_str(), m.quotes)).collect();
        assert_eq!(got, [("2024-11", 1), ("2024-12", 0), ("2025-01", 2)]);
    }

    #[test]
    fn speaker_ids_are_slugs() {
        assert_eq!(speaker_id("Dame Helen Marsh"), "dame-helen-marsh");
        assert_eq!(speaker_id("José Ñúñez-Pérez"), "josé-ñúñez-pérez");
    }
}
