//! The one error type of the store.

use std::path::PathBuf;

/// What can go wrong opening, writing or querying a store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// `open_read_only` was given a folder that holds no store.
    #[error("no sayso store at {0} (create one with `sayso ingest`)")]
    Missing(PathBuf),
    /// The store was written by a newer sayso, or is not a sayso store.
    #[error("{path}: store format version {found}, but this sayso reads up to version {supported}; upgrade sayso")]
    TooNew {
        /// The store's folder.
        path: PathBuf,
        /// The version found in the store.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// Another process has the store open for writing (an ingest is running).
    #[error("{0} is being written by another process (is an ingest running?)")]
    Busy(PathBuf),
    /// A write was asked of a store opened read-only.
    #[error("the store was opened read-only")]
    ReadOnly,
    /// A query that cannot be run: an unknown kind, a date that is not YYYY-MM-DD…
    #[error("invalid query: {0}")]
    InvalidQuery(String),
    /// SQLite failed.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The full-text index failed.
    #[error("index error: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// Writing a Parquet file failed.
    #[error("parquet error: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    /// Writing a CSV file failed.
    #[error("csv error: {0}")]
    Csv(#[from] csv::Error),
    /// A file or folder could not be read or written.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A stored JSON column did not parse: the store is damaged.
    #[error("damaged store: {0}")]
    Corrupt(String),
}
