//! [`Store`]: opening a store folder and reading from it.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OptionalExtension, Row};

use crate::index::{FullText, IndexQuery};
use crate::model::{
    ArticleMeta, Hit, MonthCount, OutletSources, SpeakerCount, SpeakerProfile, SpeakerRef,
    SpeakerStats, StoreStats, StoredArticle, StoredAttribution,
};
use crate::query::{SearchQuery, SearchResults, MAX_LIMIT};
use crate::schema::{self, FORMAT_VERSION};
use crate::write::Writer;
use crate::{normalize, Date, StoreError};

/// Idle read connections kept for reuse.
const POOL_SIZE: usize = 8;

/// A corpus of articles and their attributions, in one folder.
///
/// `Store` is `Send + Sync`: share it (in an `Arc`) between threads and query from all of
/// them at once. Each read takes a SQLite connection of its own from a small pool, and reads
/// never write. A store opened with [`Store::open`] also holds the single writer, which
/// [`Store::ingest`] uses; only one process at a time can have a store open that way.
pub struct Store {
    dir: PathBuf,
    pool: Mutex<Vec<Connection>>,
    text: FullText,
    writer: Option<Mutex<Writer>>,
}

impl Store {
    /// Opens the store in `dir` for reading and writing, creating it if needed. Indexes any
    /// attributions that SQLite holds and the full-text index does not (after an ingest was
    /// killed). Fails with [`StoreError::Busy`] while another process has it open this way.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        let conn = schema::open_write(dir)?;
        let text = FullText::open(dir, true)?;
        let mut writer = Writer::new(conn, text.writer(dir)?);
        writer.catch_up(&text)?;
        Ok(Store {
            dir: dir.to_path_buf(),
            pool: Mutex::new(Vec::new()),
            text,
            writer: Some(Mutex::new(writer)),
        })
    }

    /// Opens an existing store for reading only, as `sayso serve` does. An ingest may run at
    /// the same time: its articles become visible to [`Store::article`] and the counts as each
    /// batch commits, and to [`Store::search`] when the index commits (at least every ten
    /// seconds, and at the end). Fails with [`StoreError::Missing`] when `dir` holds no store.
    pub fn open_read_only(dir: &Path) -> Result<Store, StoreError> {
        let conn = schema::open_read(dir)?;
        schema::check(dir, &conn)?;
        let text = FullText::open(dir, false)?;
        Ok(Store { dir: dir.to_path_buf(), pool: Mutex::new(vec![conn]), text, writer: None })
    }

    /// The store's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub(crate) fn writer(&self) -> Result<MutexGuard<'_, Writer>, StoreError> {
        let writer = self.writer.as_ref().ok_or(StoreError::ReadOnly)?;
        Ok(writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
    }

    pub(crate) fn full_text(&self) -> &FullText {
        &self.text
    }

    /// A read connection from the pool (or a new one), returned to the pool when dropped.
    pub(crate) fn read(&self) -> Result<Pooled<'_>, StoreError> {
        let idle = self.pool.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let conn = match idle {
            Some(conn) => conn,
            None => schema::open_read(&self.dir)?,
        };
        Ok(Pooled { conn: Some(conn), pool: &self.pool })
    }

    /// Attributions matching `query`, best first.
    pub fn search(&self, query: &SearchQuery) -> Result<SearchResults, StoreError> {
        query.validate()?;
        let outlet = query.outlet.as_deref().map(normalize::outlet_key);
        let index_query = IndexQuery {
            text: &query.text,
            speaker: query.speaker.as_deref(),
            outlet: outlet.as_deref(),
            kind: query.kind.as_deref(),
            since: query.since.map(Date::days),
            until: query.until.map(Date::days),
            limit: query.limit.clamp(1, MAX_LIMIT),
            offset: query.offset,
        };
        let (total, ids) = self.text.search(&index_query)?;
        let conn = self.read()?;
        let mut hits = hits_by_id(&conn, ids.iter().map(|&(id, _)| id))?;
        let scores: std::collections::HashMap<u64, f32> = ids.into_iter().collect();
        for hit in &mut hits {
            hit.score = scores.get(&hit.attribution_id).copied().unwrap_or(0.0);
        }
        Ok(SearchResults { total, hits })
    }

    /// One article with its text and attributions, by its store id (or, failing that, by
    /// the id its input gave it: the first such article).
    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>, StoreError> {
        let conn = self.read()?;
        let found = conn
            .query_row(
                "SELECT seq, id, source_id, origin, url, outlet, published, date, title, author,
                        text, boilerplate
                 FROM articles WHERE id = ?1
                 UNION ALL
                 SELECT * FROM (SELECT seq, id, source_id, origin, url, outlet, published, date,
                        title, author, text, boilerplate
                 FROM articles WHERE source_id = ?1 ORDER BY seq LIMIT 1)
                 LIMIT 1",
                [id],
                |row| {
                    Ok((
                        row.get::<_, i64>(0)?,
                        StoredArticle {
                            id: row.get(1)?,
                            source_id: row.get(2)?,
                            origin: row.get(3)?,
                            meta: ArticleMeta {
                                url: row.get(4)?,
                                outlet: row.get(5)?,
                                published: row.get(6)?,
                                date: date_column(row, 7)?,
                                title: row.get(8)?,
                                author: row.get(9)?,
                            },
                            text: row.get(10)?,
                            boilerplate: Vec::new(),
                            attributions: Vec::new(),
                        },
                        row.get::<_, String>(11)?,
                    ))
                },
            )
            .optional()?;
        let Some((seq, mut article, boilerplate)) = found else {
            return Ok(None);
        };
        article.boilerplate = spans(&article.text, &boilerplate)?;
        let mut statement = conn.prepare_cached(
            "SELECT id, speaker, kind, content_spans, cue_start, cue_end, source_start,
                    source_end, speaker_name, speaker_kind, speaker_description, confidence
             FROM attributions WHERE article = ?1 ORDER BY ordinal",
        )?;
        let rows = statement.query_map([seq], |row| {
            let span = |start: usize, end: usize| -> rusqlite::Result<Option<(usize, usize)>> {
                Ok(row
                    .get::<_, Option<i64>>(start)?
                    .zip(row.get::<_, Option<i64>>(end)?)
                    .map(|(s, e)| (s as usize, e as usize)))
            };
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, Option<String>>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                span(4, 5)?,
                span(6, 7)?,
                speaker_ref(row, 1, 8)?,
                row.get::<_, f64>(11)?,
            ))
        })?;
        for row in rows {
            let (id, speaker_id, kind, content, cue, source, speaker, confidence) = row?;
            let text = &article.text;
            let span = |(s, e): (usize, usize)| wire_span(text, s, e);
            article.attributions.push(StoredAttribution {
                id: id as u64,
                speaker_id,
                attribution: sayso::wire::Attribution {
                    kind,
                    content: spans(text, &content)?,
                    cue: cue.map(span).transpose()?,
                    source: source.map(span).transpose()?,
                    speaker: speaker.map(|s| sayso::wire::Speaker {
                        name: s.name,
                        kind: s.kind,
                        description: s.description,
                    }),
                    confidence: confidence as f32,
                },
            });
        }
        Ok(Some(article))
    }

    /// The `top` most quoted speakers, and every outlet's split of named and anonymous
    /// sources.
    pub fn speakers(&self, top: usize) -> Result<SpeakerStats, StoreError> {
        let conn = self.read()?;
        let mut statement = conn.prepare_cached(
            "SELECT s.id, s.name, s.kind, c.n, c.articles
             FROM (SELECT speaker, count(*) AS n, count(DISTINCT article) AS articles
                   FROM attributions WHERE speaker IS NOT NULL GROUP BY speaker) c
             JOIN speakers s ON s.id = c.speaker
             ORDER BY c.n DESC, s.id LIMIT ?1",
        )?;
        let speakers = statement
            .query_map([top as i64], |row| {
                Ok(SpeakerCount {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    kind: row.get(2)?,
                    attributions: row.get::<_, i64>(3)? as u64,
                    articles: row.get::<_, i64>(4)? as u64,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut statement = conn.prepare_cached(
            "SELECT min(ar.outlet), count(*), sum(a.named), sum(a.anonymous)
             FROM attributions a JOIN articles ar ON ar.seq = a.article
             GROUP BY ar.outlet_key ORDER BY count(*) DESC, ar.outlet_key",
        )?;
        let outlets = statement
            .query_map([], |row| {
                let total = row.get::<_, i64>(1)? as u64;
                let named = row.get::<_, i64>(2)? as u64;
                let anonymous = row.get::<_, i64>(3)? as u64;
                let share = |n: u64| if total == 0 { 0.0 } else { n as f64 / total as f64 };
                Ok(OutletSources {
                    outlet: row.get(0)?,
                    attributions: total,
                    named,
                    anonymous,
                    other: total.saturating_sub(named + anonymous),
                    named_share: share(named),
                    anonymous_share: share(anonymous),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(SpeakerStats { speakers, outlets })
    }

    /// One speaker, by store key ([`SpeakerRef::id`]).
    pub fn speaker(&self, id: &str) -> Result<Option<SpeakerProfile>, StoreError> {
        let conn = self.read()?;
        let found = conn
            .query_row("SELECT id, name, kind FROM speakers WHERE id = ?1", [id], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?))
            })
            .optional()?;
        let Some((id, name, kind)) = found else {
            return Ok(None);
        };
        let (attributions, articles): (i64, i64) = conn.query_row(
            "SELECT count(*), count(DISTINCT article) FROM attributions WHERE speaker = ?1",
            [&id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let descriptions = conn
            .prepare_cached(
                "SELECT speaker_description FROM attributions
                 WHERE speaker = ?1 AND speaker_description IS NOT NULL
                 GROUP BY speaker_description ORDER BY count(*) DESC, 1 LIMIT 20",
            )?
            .query_map([&id], |row| row.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        let recent = conn
            .prepare_cached(
                "SELECT a.id FROM attributions a JOIN articles ar ON ar.seq = a.article
                 WHERE a.speaker = ?1 ORDER BY ar.date IS NULL, ar.date DESC, a.id DESC
                 LIMIT 100",
            )?
            .query_map([&id], |row| row.get::<_, i64>(0).map(|id| id as u64))?
            .collect::<Result<Vec<u64>, _>>()?;
        let quotes = hits_by_id(&conn, recent)?;
        let per_month = conn
            .prepare_cached(
                "SELECT substr(ar.date, 1, 7) AS month, count(*)
                 FROM attributions a JOIN articles ar ON ar.seq = a.article
                 WHERE a.speaker = ?1 AND ar.date IS NOT NULL GROUP BY month ORDER BY month",
            )?
            .query_map([&id], |row| {
                Ok(MonthCount { month: row.get(0)?, attributions: row.get::<_, i64>(1)? as u64 })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(SpeakerProfile {
            id,
            name,
            kind,
            descriptions,
            attributions: attributions as u64,
            articles: articles as u64,
            quotes,
            per_month,
        }))
    }

    /// What the store holds.
    pub fn stats(&self) -> Result<StoreStats, StoreError> {
        let conn = self.read()?;
        let count = |sql: &str| -> Result<u64, StoreError> {
            Ok(conn.query_row(sql, [], |row| row.get::<_, i64>(0))? as u64)
        };
        let (first, last): (Option<String>, Option<String>) =
            conn.query_row("SELECT min(date), max(date) FROM articles", [], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?;
        let version: String = conn.query_row(
            "SELECT value FROM store_meta WHERE key = 'format_version'",
            [],
            |row| row.get(0),
        )?;
        Ok(StoreStats {
            format_version: version.parse().unwrap_or(FORMAT_VERSION),
            articles: count("SELECT count(*) FROM articles")?,
            attributions: count("SELECT count(*) FROM attributions")?,
            speakers: count("SELECT count(*) FROM speakers")?,
            outlets: count("SELECT count(DISTINCT outlet_key) FROM articles")?,
            indexed: self.text.num_docs(),
            first_date: first.as_deref().and_then(Date::parse_lenient),
            last_date: last.as_deref().and_then(Date::parse_lenient),
        })
    }
}

/// A pooled read connection.
pub(crate) struct Pooled<'s> {
    conn: Option<Connection>,
    pool: &'s Mutex<Vec<Connection>>,
}

impl std::ops::Deref for Pooled<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        // Always Some until drop.
        self.conn.as_ref().expect("pooled connection taken before drop")
    }
}

impl Drop for Pooled<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            let mut pool = self.pool.lock().unwrap_or_else(|p| p.into_inner());
            if pool.len() < POOL_SIZE {
                pool.push(conn);
            }
        }
    }
}

/// The hits for these attribution ids, in the order given (ids not found are left out).
pub(crate) fn hits_by_id(
    conn: &Connection,
    ids: impl IntoIterator<Item = u64>,
) -> Result<Vec<Hit>, StoreError> {
    let ids: Vec<u64> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // Integers only, so writing them into the statement is safe.
    let list = ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",");
    let sql = format!(
        "SELECT a.id, ar.id, a.kind, a.content, a.cue, a.source, a.speaker, a.speaker_name,
                a.speaker_kind, a.speaker_description, a.confidence, ar.outlet, ar.date,
                ar.title, ar.url
         FROM attributions a JOIN articles ar ON ar.seq = a.article WHERE a.id IN ({list})"
    );
    let mut statement = conn.prepare(&sql)?;
    let mut found: std::collections::HashMap<u64, Hit> = statement
        .query_map([], |row| {
            let id = row.get::<_, i64>(0)? as u64;
            Ok((
                id,
                Hit {
                    attribution_id: id,
                    article_id: row.get(1)?,
                    kind: row.get(2)?,
                    content: row.get(3)?,
                    cue: row.get(4)?,
                    source: row.get(5)?,
                    speaker: speaker_ref(row, 6, 7)?,
                    confidence: row.get::<_, f64>(10)? as f32,
                    outlet: row.get(11)?,
                    date: date_column(row, 12)?,
                    title: row.get(13)?,
                    url: row.get(14)?,
                    score: 0.0,
                },
            ))
        })?
        .collect::<Result<_, _>>()?;
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

/// The speaker at columns `id` (key) and `name`, `name + 1` (kind), `name + 2` (description).
fn speaker_ref(row: &Row<'_>, id: usize, name: usize) -> rusqlite::Result<Option<SpeakerRef>> {
    let Some(speaker_name) = row.get::<_, Option<String>>(name)? else {
        return Ok(None);
    };
    Ok(Some(SpeakerRef {
        id: row.get(id)?,
        name: speaker_name,
        kind: row.get::<_, Option<String>>(name + 1)?.unwrap_or_else(|| "unknown".into()),
        description: row.get(name + 2)?,
    }))
}

fn date_column(row: &Row<'_>, column: usize) -> rusqlite::Result<Option<Date>> {
    Ok(row.get::<_, Option<String>>(column)?.as_deref().and_then(Date::parse_lenient))
}

/// Spans stored as a JSON array of `[start, end]` pairs, with their text.
fn spans(text: &str, json: &str) -> Result<Vec<sayso::wire::Span>, StoreError> {
    let pairs: Vec<(usize, usize)> = serde_json::from_str(json)
        .map_err(|e| StoreError::Corrupt(format!("spans {json:?}: {e}")))?;
    pairs.into_iter().map(|(start, end)| wire_span(text, start, end)).collect()
}

fn wire_span(text: &str, start: usize, end: usize) -> Result<sayso::wire::Span, StoreError> {
    let slice = text
        .get(start..end)
        .ok_or_else(|| StoreError::Corrupt(format!("span {start}..{end} is not in the text")))?;
    Ok(sayso::wire::Span { start, end, text: slice.to_string() })
}
