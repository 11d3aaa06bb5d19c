//! What queries return. Every type serialises to JSON (for `sayso serve` and `--format
//! jsonl`); new fields may be added to any of them later, existing ones keep their meaning.

use serde::Serialize;

use crate::Date;

/// Who an attribution is credited to, as stored.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpeakerRef {
    /// The store-level speaker key ([`crate::Store::speaker`] takes it): the speaker's name,
    /// lower-cased, with spaces and quote marks normalised (`amara okafor`). `None` for a
    /// bare pronoun (`he`, `they`), which names nobody until coreference resolves it.
    pub id: Option<String>,
    /// The engine's canonical name (in engine v1, the source mention as written).
    pub name: String,
    /// `person`, `organization`, `anonymous`, `group`, `document` or `unknown`.
    pub kind: String,
    /// A role or description given in the article (`former head of the agency`).
    pub description: Option<String>,
}

/// An article's metadata, as given in the input or found in the page.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ArticleMeta {
    /// The article's URL (JSON Lines `url`, the WARC target URI, an HTML canonical link).
    pub url: Option<String>,
    /// The outlet (JSON Lines `outlet`, the page's `og:site_name`, else the URL's host).
    pub outlet: Option<String>,
    /// The publication date or timestamp exactly as given.
    pub published: Option<String>,
    /// The publication day parsed from `published` (or the WARC date), when it parses.
    pub date: Option<Date>,
    /// The headline.
    pub title: Option<String>,
    /// The byline.
    pub author: Option<String>,
}

/// One search result: an attribution with what a results list shows about its article.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    /// The attribution's id in the store (`attributions.id`).
    pub attribution_id: u64,
    /// The store id of its article ([`crate::Store::article`] takes it).
    pub article_id: String,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
    /// What was said: the content fragments, joined by ` … ` when there are several.
    pub content: String,
    /// The cue as written (`said`, `according to`), if any.
    pub cue: Option<String>,
    /// The source mention as written (`Ms Okafor`, `a senior official`), if any.
    pub source: Option<String>,
    /// The speaker, when there is a source.
    pub speaker: Option<SpeakerRef>,
    /// The engine's confidence, 0 to 1.
    pub confidence: f32,
    /// The article's outlet.
    pub outlet: Option<String>,
    /// The article's publication day.
    pub date: Option<Date>,
    /// The article's headline.
    pub title: Option<String>,
    /// The article's URL.
    pub url: Option<String>,
    /// Relevance to the query's words (BM25); 0 when the query has no words and results come
    /// newest first.
    pub score: f32,
}

/// One attribution of a [`StoredArticle`], with byte spans into the article's `text`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredAttribution {
    /// The attribution's id in the store.
    pub id: u64,
    /// The speaker's store key, as in [`SpeakerRef::id`].
    pub speaker_id: Option<String>,
    /// The attribution in the engine's wire form (`kind`, `content`, `cue`, `source`,
    /// `speaker`, `confidence`; see `docs/output.md`), flattened into this object. Offsets
    /// are bytes into [`StoredArticle::text`].
    #[serde(flatten)]
    pub attribution: sayso::wire::Attribution,
}

/// An article as stored: its text, metadata and attributions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredArticle {
    /// The store id: 16 hex digits derived from the article's key (its URL, else a hash of
    /// its text), so the same article always gets the same id.
    pub id: String,
    /// The id the input gave it (a JSON Lines `id`, a file name without extension, a WARC
    /// record id).
    pub source_id: String,
    /// Where it was read from: a path, `path:line`, or `path#record`.
    pub origin: String,
    /// Metadata.
    pub meta: ArticleMeta,
    /// The article text exactly as stored; every span points into it, in bytes.
    pub text: String,
    /// Web junk the engine found (`READ MORE: …`), as spans into `text`.
    pub boilerplate: Vec<sayso::wire::Span>,
    /// Every attribution, in text order.
    pub attributions: Vec<StoredAttribution>,
}

/// How often one speaker is quoted.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpeakerCount {
    /// The speaker's store key.
    pub id: String,
    /// The name as first seen.
    pub name: String,
    /// The kind as first seen.
    pub kind: String,
    /// Attributions credited to the speaker.
    pub attributions: u64,
    /// Distinct articles that quote the speaker.
    pub articles: u64,
}

/// How one outlet's attributions split between named and anonymous sources.
///
/// Named: a person or organisation with a name (not a bare pronoun). Anonymous: an unnamed
/// individual or group (`a senior official`, `critics`). Other: documents, pronouns not
/// resolved, unknown kinds, and attributions with no source at all.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OutletSources {
    /// The outlet; `None` collects the articles with no outlet.
    pub outlet: Option<String>,
    /// Attributions in the outlet's articles.
    pub attributions: u64,
    /// Of them, from named sources.
    pub named: u64,
    /// Of them, from anonymous sources.
    pub anonymous: u64,
    /// The rest.
    pub other: u64,
    /// `named / attributions`.
    pub named_share: f64,
    /// `anonymous / attributions`.
    pub anonymous_share: f64,
}

/// Who is quoted most, and how outlets source their quotes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpeakerStats {
    /// The most quoted speakers, most attributions first.
    pub speakers: Vec<SpeakerCount>,
    /// Every outlet, most attributions first.
    pub outlets: Vec<OutletSources>,
}

/// Attributions in one calendar month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    /// Attributions to the speaker in articles published that month.
    pub attributions: u64,
}

/// One speaker's page: counts, quotes, and quotes per month for a chart.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpeakerProfile {
    /// The speaker's store key.
    pub id: String,
    /// The name as first seen.
    pub name: String,
    /// The kind as first seen.
    pub kind: String,
    /// Every distinct description the articles give (`the minister`), most frequent first.
    pub descriptions: Vec<String>,
    /// Attributions credited to the speaker.
    pub attributions: u64,
    /// Distinct articles.
    pub articles: u64,
    /// The speaker's most recent attributions (at most 100), newest first.
    pub quotes: Vec<Hit>,
    /// Attributions per month of publication, in month order; months with none are left
    /// out, and so are articles with no date.
    pub per_month: Vec<MonthCount>,
}

/// What a store holds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoreStats {
    /// The on-disk format version ([`crate::FORMAT_VERSION`] for a store written by this build).
    pub format_version: u32,
    /// Articles stored.
    pub articles: u64,
    /// Attributions stored.
    pub attributions: u64,
    /// Distinct speakers (pronouns aside).
    pub speakers: u64,
    /// Distinct outlets.
    pub outlets: u64,
    /// Attributions in the full-text index; less than `attributions` only while an ingest
    /// is running or after one was killed (the next [`crate::Store::open`] catches up).
    pub indexed: u64,
    /// The earliest publication day.
    pub first_date: Option<Date>,
    /// The latest publication day.
    pub last_date: Option<Date>,
}
