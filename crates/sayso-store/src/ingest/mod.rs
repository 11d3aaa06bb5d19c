//! Ingest: inputs → articles → attributions → the store.
//!
//! ```text
//! reader ──units (bounded)──▶ workers ×N: decode, extract ──prepared (bounded)──▶ writer
//! ```
//!
//! The reader lists the inputs and reads them one unit at a time ([`read`]); workers decode
//! ([`decode`], [`html`]), skip articles already stored, and run the engine; the writer (the
//! calling thread) stores batches, each in one SQLite transaction, and indexes them. Channels
//! are bounded, so memory stays flat however large the input. Inputs:
//!
//! - text files (`*.txt`, or any file named explicitly): one UTF-8 article each;
//! - JSON Lines (`*.jsonl`, `*.ndjson`): `id`, `text`, and optionally `url`, `outlet`,
//!   `published`, `title`, `author`; other fields are kept in `articles.meta`;
//! - HTML (`*.html`, `*.htm`): the main text by readability, metadata from the meta tags;
//! - WARC (`*.warc`, `*.warc.gz`): every HTML `response` record with status 200; other
//!   records are skipped;
//! - folders: every such file in them, recursively, in name order.
//!
//! An article is stored once: its key is its URL, else a hash of its text. A batch is
//! committed whole or not at all, so an ingest killed at any point and run again stores every
//! article exactly once.

mod decode;
mod html;
mod read;
mod warc;

use std::num::NonZeroUsize;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::thread;
use std::time::{Duration, Instant};

use crossbeam_channel::bounded;
use serde::Serialize;

use crate::write::{PreparedArticle, PreparedAttribution};
use crate::{normalize, schema, Store, StoreError};
use decode::Document;
use read::Unit;

/// Articles per SQLite transaction, at most.
const BATCH_ARTICLES: usize = 512;
/// Text bytes per transaction, at most.
const BATCH_BYTES: usize = 32 << 20;
/// A batch is committed at least this often, so a slow input still shows up in the store.
const BATCH_AGE: Duration = Duration::from_secs(2);
/// Units in flight per worker.
const UNITS_PER_THREAD: usize = 8;
/// Failures kept with their message in the summary; the rest are only counted.
const MAX_FAILURES_KEPT: usize = 10_000;

/// How to ingest.
#[derive(Clone, Debug)]
pub struct IngestOptions {
    /// The engine.
    pub extractor: sayso::Extractor,
    /// Worker threads for decoding and extraction.
    pub threads: NonZeroUsize,
    /// Articles (and WARC records, and twice this for JSON Lines lines) larger than this are
    /// failures.
    pub max_bytes: usize,
}

impl Default for IngestOptions {
    fn default() -> IngestOptions {
        IngestOptions {
            extractor: sayso::Extractor::new(),
            threads: thread::available_parallelism().unwrap_or(NonZeroUsize::MIN),
            max_bytes: 64 << 20,
        }
    }
}

/// How far an ingest has got, as passed to the progress callback.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct IngestProgress {
    /// Input bytes read so far.
    pub bytes_read: u64,
    /// Input bytes in all (the sizes of the files listed; compressed bytes for `.gz`).
    pub bytes_total: u64,
    /// Articles read (stored + duplicates + failed).
    pub read: u64,
    /// Articles stored.
    pub stored: u64,
    /// Articles already in the store, skipped.
    pub duplicates: u64,
    /// Inputs that failed.
    pub failed: u64,
    /// Attributions stored.
    pub attributions: u64,
}

/// One input that could not be stored, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputFailure {
    /// `path`, `path:line` (JSON Lines) or `path#record` (WARC).
    pub origin: String,
    /// What is wrong, in one line.
    pub message: String,
}

/// What an ingest did.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct IngestSummary {
    /// Articles read: stored + duplicates + failed.
    pub read: u64,
    /// Articles stored.
    pub stored: u64,
    /// Articles skipped because the store has them already (same URL, or same text).
    pub duplicates: u64,
    /// Inputs that failed.
    pub failed: u64,
    /// Attributions stored.
    pub attributions: u64,
    /// The failures, in the order the workers met them (the first 10,000).
    pub failures: Vec<InputFailure>,
    /// Wall time, in seconds.
    pub seconds: f64,
}

/// What a worker makes of a unit.
enum Outcome {
    Article(Box<PreparedArticle>),
    Duplicate,
    Failed(InputFailure),
    /// Input bytes only (a record that is not an article).
    Nothing,
}

impl Store {
    /// Reads every input in `paths`, extracts attributions and stores them. Per-input
    /// problems are counted and listed in the summary, never fatal; an `Err` means the store
    /// itself failed (disk full, store opened read-only…), and every batch committed before
    /// it is kept. `progress` is called often, from this thread.
    pub fn ingest(
        &self,
        paths: &[PathBuf],
        options: &IngestOptions,
        progress: &mut dyn FnMut(&IngestProgress),
    ) -> Result<IngestSummary, StoreError> {
        let started = Instant::now();
        let mut writer = self.writer()?;
        let (files, problems) = read::list(paths);
        let mut state = IngestProgress {
            bytes_total: files.iter().map(|f| f.size).sum(),
            ..IngestProgress::default()
        };
        let mut summary = IngestSummary::default();
        for (origin, message) in problems {
            record_failure(&mut summary, &mut state, InputFailure { origin, message });
        }

        let threads = options.threads.get();
        let (unit_tx, unit_rx) = bounded::<(Unit, u64)>(threads * UNITS_PER_THREAD);
        // Room for a whole batch: the workers keep extracting while the writer commits one.
        let (done_tx, done_rx) =
            bounded::<(Outcome, u64)>(BATCH_ARTICLES + threads * UNITS_PER_THREAD);
        let max_bytes = options.max_bytes;
        let result: Result<(), StoreError> = thread::scope(|scope| {
            scope.spawn(move || {
                for file in &files {
                    let mut open = true;
                    read::read_file(file, max_bytes, &mut |unit, consumed| {
                        open = unit_tx.send((unit, consumed)).is_ok();
                        open
                    });
                    if !open {
                        return;
                    }
                }
            });
            for _ in 0..threads {
                let (unit_rx, done_tx) = (unit_rx.clone(), done_tx.clone());
                let dir = self.dir();
                scope.spawn(move || {
                    // A connection of its own, to skip articles already stored before
                    // spending the engine's time on them.
                    let seen = schema::open_read(dir).ok();
                    for (unit, consumed) in unit_rx {
                        let outcome = prepare(unit, options, seen.as_ref());
                        if done_tx.send((outcome, consumed)).is_err() {
                            return;
                        }
                    }
                });
            }
            drop((unit_rx, done_tx));
            // Owned here, so that an early return (a failed batch) drops it before the scope
            // joins the workers: their sends then fail and they stop, instead of blocking.
            let done_rx = done_rx;
            let text = self.full_text();
            let mut batch: Vec<PreparedArticle> = Vec::new();
            let (mut batch_bytes, mut batch_started) = (0usize, Instant::now());
            let mut flush = |batch: &mut Vec<PreparedArticle>,
                             summary: &mut IngestSummary,
                             state: &mut IngestProgress|
             -> Result<(), StoreError> {
                if batch.is_empty() {
                    return Ok(());
                }
                let stored = writer.store(batch, text)?;
                for (article, new) in batch.iter().zip(stored) {
                    if new {
                        summary.stored += 1;
                        summary.attributions += article.attributions.len() as u64;
                    } else {
                        summary.duplicates += 1;
                    }
                }
                batch.clear();
                state.stored = summary.stored;
                state.duplicates = summary.duplicates;
                state.attributions = summary.attributions;
                Ok(())
            };
            for (outcome, consumed) in &done_rx {
                state.bytes_read += consumed;
                match outcome {
                    Outcome::Article(article) => {
                        state.read += 1;
                        batch_bytes += article.text.len();
                        if batch.is_empty() {
                            batch_started = Instant::now();
                        }
                        batch.push(*article);
                    }
                    Outcome::Duplicate => {
                        state.read += 1;
                        summary.duplicates += 1;
                        state.duplicates = summary.duplicates;
                    }
                    Outcome::Failed(failure) => record_failure(&mut summary, &mut state, failure),
                    Outcome::Nothing => {}
                }
                if batch.len() >= BATCH_ARTICLES
                    || batch_bytes >= BATCH_BYTES
                    || batch_started.elapsed() >= BATCH_AGE
                {
                    flush(&mut batch, &mut summary, &mut state)?;
                    batch_bytes = 0;
                }
                progress(&state);
            }
            flush(&mut batch, &mut summary, &mut state)?;
            progress(&state);
            Ok(())
        });
        // Whatever happened, make what SQLite holds searchable.
        let committed = writer.commit_index(self.full_text());
        result?;
        committed?;
        summary.read = state.read;
        summary.seconds = started.elapsed().as_secs_f64();
        Ok(summary)
    }
}

fn record_failure(summary: &mut IngestSummary, state: &mut IngestProgress, f: InputFailure) {
    summary.failed += 1;
    state.failed += 1;
    state.read += 1;
    if summary.failures.len() < MAX_FAILURES_KEPT {
        summary.failures.push(f);
    }
}

/// Decodes and extracts one unit (on a worker thread).
fn prepare(unit: Unit, options: &IngestOptions, seen: Option<&rusqlite::Connection>) -> Outcome {
    let max = options.max_bytes;
    let (origin, document) = match unit {
        Unit::Skipped => return Outcome::Nothing,
        Unit::Problem { origin, message } => {
            return Outcome::Failed(InputFailure { origin, message });
        }
        Unit::Text { origin, id, bytes } => (origin, guarded(|| decode::from_text(id, bytes, max))),
        Unit::JsonLine { origin, bytes } => {
            (origin, guarded(|| decode::from_json_line(&bytes, max)))
        }
        Unit::Html { origin, id, bytes, context } => {
            (origin, guarded(|| decode::from_html(id, &bytes, context, max)))
        }
    };
    let document = match document {
        Ok(document) => document,
        Err(message) => return Outcome::Failed(InputFailure { origin, message }),
    };
    let key = normalize::article_key(document.meta.url.as_deref(), &document.text);
    let stored = seen.and_then(|conn| {
        conn.prepare_cached("SELECT 1 FROM articles WHERE key = ?1").ok()?.exists([&key]).ok()
    });
    if stored == Some(true) {
        return Outcome::Duplicate;
    }
    match guarded(|| Ok(extract(&options.extractor, key, origin.clone(), document))) {
        Ok(article) => Outcome::Article(Box::new(article)),
        Err(message) => Outcome::Failed(InputFailure { origin, message }),
    }
}

/// Runs `f`, turning a panic (a bug in a parser or the engine) into a failure of this input.
fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    panic::catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err("internal error: a panic while reading this input; this is a bug, please report it \
             with the input"
            .into())
    })
}

fn extract(
    extractor: &sayso::Extractor,
    key: String,
    origin: String,
    document: Document,
) -> PreparedArticle {
    let extraction = extractor.extract(&document.text);
    let text = &document.text;
    let attributions = extraction
        .attributions
        .into_iter()
        .map(|a| {
            let content = a
                .content
                .iter()
                .filter_map(|s| text.get(s.range()))
                .collect::<Vec<_>>()
                .join(" … ");
            PreparedAttribution {
                kind: a.kind.as_str(),
                content,
                content_spans: a.content.iter().map(|s| (s.start, s.end)).collect(),
                cue: a.cue.map(|s| (s.start, s.end)),
                source: a.source.map(|s| (s.start, s.end)),
                speaker: a.speaker,
                confidence: (a.confidence * 1000.0).round() / 1000.0,
            }
        })
        .collect();
    PreparedArticle {
        id: normalize::article_id(&key),
        key,
        source_id: document.source_id,
        origin,
        meta: document.meta,
        extra: document.extra,
        boilerplate: extraction.boilerplate.iter().map(|s| (s.start, s.end)).collect(),
        text: document.text,
        attributions,
    }
}
