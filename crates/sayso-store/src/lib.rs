//! The sayso corpus: every attribution of every article ingested, stored in SQLite and
//! searchable by words, speaker, outlet, kind and date.
//!
//! A store is a folder. `sayso.sqlite` in it is the system of record, with plain tables
//! (`articles`, `attributions`, `speakers`) that sqlite3, DuckDB or pandas can read
//! directly; `index/` beside it is a tantivy full-text index of the attributions' content,
//! derived from SQLite and rebuilt from it when it falls behind. The on-disk format is
//! documented in `docs/store.md`.
//!
//! # Main types
//!
//! - [`Store`]: open a store ([`Store::open`] to write, [`Store::open_read_only`] to serve),
//!   then query it: [`Store::search`], [`Store::article`], [`Store::speakers`],
//!   [`Store::speaker`], [`Store::stats`]. A `Store` is `Send + Sync`; reads from many threads
//!   run side by side, each on its own SQLite connection.
//! - [`Store::ingest`] reads text files, folders, JSON Lines, HTML and WARC files
//!   ([`ingest`]), extracts attributions on several threads and stores them, idempotently
//!   and crash-safely.
//! - [`export`] writes one row per attribution as JSON Lines, CSV or Parquet.
//!
//! # Example
//!
//! ```
//! use sayso_store::{IngestOptions, SearchQuery, Store};
//!
//! let dir = std::env::temp_dir().join(format!("sayso-doc-{}", std::process::id()));
//! let article = dir.join("okafor.txt");
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(&article, "“We will not be rushed,” said Amara Okafor, the minister.\n").unwrap();
//!
//! let store = Store::open(&dir.join("db")).unwrap();
//! let summary = store.ingest(&[article], &IngestOptions::default(), &mut |_| {}).unwrap();
//! assert_eq!(summary.stored, 1);
//!
//! let results = store.search(&SearchQuery { text: "rushed".into(), ..Default::default() }).unwrap();
//! assert_eq!(results.hits[0].speaker.as_ref().unwrap().name, "Amara Okafor");
//! # drop(store);
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

#![deny(missing_docs)]

mod date;
mod error;
pub mod export;
mod index;
pub mod ingest;
mod model;
mod normalize;
mod query;
mod schema;
mod store;
mod write;

pub use crate::date::Date;
pub use crate::error::StoreError;
pub use crate::ingest::{IngestOptions, IngestProgress, IngestSummary, InputFailure};
pub use crate::model::{
    ArticleMeta, Hit, MonthCount, OutletSources, SpeakerCount, SpeakerProfile, SpeakerRef,
    SpeakerStats, StoreStats, StoredArticle, StoredAttribution,
};
pub use crate::query::{SearchQuery, SearchResults};
pub use crate::schema::FORMAT_VERSION;
pub use crate::store::Store;
