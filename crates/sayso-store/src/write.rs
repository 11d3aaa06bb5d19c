//! The single writer: stores batches of prepared articles in SQLite, then indexes them.

use std::time::{Duration, Instant};

use rusqlite::{params, Connection};
use tantivy::IndexWriter;

use crate::index::{FullText, IndexedAttribution, NO_DATE};
use crate::{ArticleMeta, Date, StoreError};

/// Commit the index at least this often during an ingest, so a killed ingest leaves little
/// to catch up. SQLite commits every batch.
const INDEX_COMMIT_EVERY: Duration = Duration::from_secs(10);

/// An article ready to store: read, decoded, extracted (on a worker thread).
#[derive(Debug)]
pub struct PreparedArticle {
    pub key: String,
    pub id: String,
    pub source_id: String,
    pub origin: String,
    pub meta: ArticleMeta,
    /// Fields of the input not stored in their own column, as a JSON object.
    pub extra: serde_json::Map<String, serde_json::Value>,
    pub text: String,
    pub boilerplate: Vec<(usize, usize)>,
    pub attributions: Vec<PreparedAttribution>,
}

/// An attribution as byte spans plus the texts the columns keep.
#[derive(Debug)]
pub struct PreparedAttribution {
    pub kind: &'static str,
    pub content: String,
    pub content_spans: Vec<(usize, usize)>,
    pub cue: Option<(usize, usize)>,
    pub source: Option<(usize, usize)>,
    pub speaker: Option<sayso::Speaker>,
    pub confidence: f32,
}

/// The read-write connection and the index writer.
pub struct Writer {
    conn: Connection,
    index: IndexWriter,
    /// Documents added to the index writer but not committed.
    pending: u64,
    /// The highest attribution id added to the index writer.
    upto: u64,
    last_commit: Instant,
}

impl Writer {
    pub fn new(conn: Connection, index: IndexWriter) -> Writer {
        Writer { conn, index, pending: 0, upto: 0, last_commit: Instant::now() }
    }

    /// Indexes every attribution SQLite holds beyond the index's last commit.
    pub fn catch_up(&mut self, text: &FullText) -> Result<(), StoreError> {
        self.upto = text.indexed_upto()?;
        let mut statement = self.conn.prepare(
            "SELECT a.id, a.content, a.speaker_name, ar.outlet_key, a.kind, ar.date
             FROM attributions a JOIN articles ar ON ar.seq = a.article
             WHERE a.id > ?1 ORDER BY a.id",
        )?;
        let mut rows = statement.query([self.upto as i64])?;
        let mut upto = self.upto;
        let mut added = 0u64;
        while let Some(row) = rows.next()? {
            let id = row.get::<_, i64>(0)? as u64;
            let content: String = row.get(1)?;
            let speaker: Option<String> = row.get(2)?;
            let outlet: Option<String> = row.get(3)?;
            let kind: String = row.get(4)?;
            let date: Option<String> = row.get(5)?;
            text.add(
                &self.index,
                &IndexedAttribution {
                    id,
                    content: &content,
                    speaker: speaker.as_deref(),
                    outlet: outlet.as_deref(),
                    kind: &kind,
                    date: day_number(date.as_deref()),
                },
            )?;
            upto = id;
            added += 1;
        }
        drop(rows);
        drop(statement);
        if added > 0 {
            text.commit(&mut self.index, upto)?;
            self.upto = upto;
            self.last_commit = Instant::now();
        }
        Ok(())
    }

    /// Stores a batch in one transaction, then adds it to the index. Returns, for each
    /// article, whether it was new (false: already stored, nothing written).
    pub fn store(
        &mut self,
        batch: &[PreparedArticle],
        text: &FullText,
    ) -> Result<Vec<bool>, StoreError> {
        let now = unix_time();
        let tx = self.conn.transaction()?;
        let mut stored = Vec::with_capacity(batch.len());
        // (attribution id, article index, attribution index) of the new rows.
        let mut new_rows = Vec::new();
        {
            let mut insert_article = tx.prepare_cached(
                "INSERT OR IGNORE INTO articles (id, key, source_id, origin, url, outlet,
                     outlet_key, published, date, title, author, text, boilerplate, meta,
                     ingested_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?;
            let mut insert_speaker = tx.prepare_cached(
                "INSERT OR IGNORE INTO speakers (id, name, kind) VALUES (?1, ?2, ?3)",
            )?;
            let mut insert_attribution = tx.prepare_cached(
                "INSERT INTO attributions (article, ordinal, kind, content, content_spans,
                     content_start, content_end, cue, cue_start, cue_end, source, source_start,
                     source_end, speaker, speaker_name, speaker_kind, speaker_description,
                     named, anonymous, confidence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                     ?16, ?17, ?18, ?19, ?20)",
            )?;
            for (i, article) in batch.iter().enumerate() {
                let m = &article.meta;
                let changed = insert_article.execute(params![
                    article.id,
                    article.key,
                    article.source_id,
                    article.origin,
                    m.url,
                    m.outlet,
                    m.outlet.as_deref().map(crate::normalize::outlet_key),
                    m.published,
                    m.date.map(|d| d.to_string()),
                    m.title,
                    m.author,
                    article.text,
                    pairs_json(&article.boilerplate),
                    serde_json::Value::Object(article.extra.clone()).to_string(),
                    now,
                ])?;
                stored.push(changed > 0);
                if changed == 0 {
                    continue;
                }
                let seq = tx.last_insert_rowid();
                for (j, a) in article.attributions.iter().enumerate() {
                    let slice = |s: Option<(usize, usize)>| {
                        s.and_then(|(start, end)| article.text.get(start..end))
                    };
                    let speaker_id =
                        a.speaker.as_ref().and_then(|s| crate::normalize::speaker_id(&s.name));
                    if let (Some(id), Some(s)) = (&speaker_id, &a.speaker) {
                        insert_speaker.execute(params![id, s.name, s.kind.as_str()])?;
                    }
                    let kind = a.speaker.as_ref().map(|s| s.kind);
                    use sayso::SpeakerKind as K;
                    let named =
                        speaker_id.is_some() && matches!(kind, Some(K::Person | K::Organization));
                    let anonymous = matches!(kind, Some(K::Anonymous | K::Group));
                    let first = a.content_spans.first().map_or(0, |s| s.0);
                    let last = a.content_spans.last().map_or(0, |s| s.1);
                    insert_attribution.execute(params![
                        seq,
                        j as i64,
                        a.kind,
                        a.content,
                        pairs_json(&a.content_spans),
                        first as i64,
                        last as i64,
                        slice(a.cue),
                        a.cue.map(|s| s.0 as i64),
                        a.cue.map(|s| s.1 as i64),
                        slice(a.source),
                        a.source.map(|s| s.0 as i64),
                        a.source.map(|s| s.1 as i64),
                        speaker_id,
                        a.speaker.as_ref().map(|s| s.name.as_str()),
                        kind.map(|k| k.as_str()),
                        a.speaker.as_ref().and_then(|s| s.description.as_deref()),
                        named,
                        anonymous,
                        f64::from(a.confidence),
                    ])?;
                    new_rows.push((tx.last_insert_rowid() as u64, i, j));
                }
            }
        }
        tx.commit()?;
        for (id, i, j) in new_rows {
            let (article, a) = (&batch[i], &batch[i].attributions[j]);
            let outlet = article.meta.outlet.as_deref().map(crate::normalize::outlet_key);
            text.add(
                &self.index,
                &IndexedAttribution {
                    id,
                    content: &a.content,
                    speaker: a.speaker.as_ref().map(|s| s.name.as_str()),
                    outlet: outlet.as_deref(),
                    kind: a.kind,
                    date: article.meta.date.map_or(NO_DATE, Date::days),
                },
            )?;
            self.upto = self.upto.max(id);
            self.pending += 1;
        }
        if self.last_commit.elapsed() >= INDEX_COMMIT_EVERY {
            self.commit_index(text)?;
        }
        Ok(stored)
    }

    /// Commits what the index writer holds.
    pub fn commit_index(&mut self, text: &FullText) -> Result<(), StoreError> {
        if self.pending > 0 {
            text.commit(&mut self.index, self.upto)?;
            self.pending = 0;
        }
        self.last_commit = Instant::now();
        Ok(())
    }
}

fn day_number(date: Option<&str>) -> i64 {
    date.and_then(Date::parse_lenient).map_or(NO_DATE, Date::days)
}

fn pairs_json(pairs: &[(usize, usize)]) -> String {
    let mut json = String::from("[");
    for (i, (start, end)) in pairs.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push_str(&format!("[{start},{end}]"));
    }
    json.push(']');
    json
}

/// Seconds since 1970, for `ingested_at`.
fn unix_time() -> i64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    now.map_or(0, |d| d.as_secs() as i64)
}
