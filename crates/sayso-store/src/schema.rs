//! The SQLite schema, its format version, and opening connections with the right settings.
//!
//! `docs/store.md` documents every table and column; keep the two in step.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::StoreError;

/// The on-disk format this build writes. A store with a higher version is refused; one with a
/// lower version is upgraded in place when opened for writing (there is none yet).
pub const FORMAT_VERSION: u32 = 1;

/// The database file inside a store folder.
pub const DB_FILE: &str = "sayso.sqlite";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS store_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    key         TEXT NOT NULL UNIQUE,
    source_id   TEXT NOT NULL,
    origin      TEXT NOT NULL,
    url         TEXT,
    outlet      TEXT,
    outlet_key  TEXT,
    published   TEXT,
    date        TEXT,
    title       TEXT,
    author      TEXT,
    text        TEXT NOT NULL,
    boilerplate TEXT NOT NULL,
    meta        TEXT NOT NULL,
    ingested_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_source_id ON articles(source_id);
CREATE INDEX IF NOT EXISTS articles_outlet_date ON articles(outlet_key, date);
CREATE INDEX IF NOT EXISTS articles_date ON articles(date);
CREATE TABLE IF NOT EXISTS speakers (
    id    TEXT PRIMARY KEY,
    name  TEXT NOT NULL,
    kind  TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS attributions (
    id                  INTEGER PRIMARY KEY,
    article             INTEGER NOT NULL REFERENCES articles(seq),
    ordinal             INTEGER NOT NULL,
    kind                TEXT NOT NULL,
    content             TEXT NOT NULL,
    content_spans       TEXT NOT NULL,
    content_start       INTEGER NOT NULL,
    content_end         INTEGER NOT NULL,
    cue                 TEXT,
    cue_start           INTEGER,
    cue_end             INTEGER,
    source              TEXT,
    source_start        INTEGER,
    source_end          INTEGER,
    speaker             TEXT REFERENCES speakers(id),
    speaker_name        TEXT,
    speaker_kind        TEXT,
    speaker_description TEXT,
    named               INTEGER NOT NULL,
    anonymous           INTEGER NOT NULL,
    confidence          REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS attributions_article ON attributions(article);
CREATE INDEX IF NOT EXISTS attributions_speaker ON attributions(speaker);
";

/// Opens the database of the store in `dir` for writing, creating it (and `dir`) if needed,
/// and checks or sets its format version.
pub fn open_write(dir: &Path) -> Result<Connection, StoreError> {
    std::fs::create_dir_all(dir)?;
    let conn = Connection::open(dir.join(DB_FILE))?;
    // WAL: readers (`sayso serve`) never block the ingest, nor it them. synchronous=FULL:
    // a committed batch survives a power cut, not only a killed process; batches are large,
    // so the extra fsync costs little.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.execute_batch(SCHEMA)?;
    match version(&conn)? {
        None => {
            conn.execute(
                "INSERT INTO store_meta (key, value) VALUES ('format_version', ?1)",
                [FORMAT_VERSION.to_string()],
            )?;
        }
        Some(found) => check_version(dir, found)?,
    }
    Ok(conn)
}

/// Opens a read-only connection to the store in `dir`.
pub fn open_read(dir: &Path) -> Result<Connection, StoreError> {
    let path = dir.join(DB_FILE);
    if !path.is_file() {
        return Err(StoreError::Missing(dir.to_path_buf()));
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(&path, flags)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "query_only", "ON")?;
    Ok(conn)
}

/// Checks the version of a store opened read-only.
pub fn check(dir: &Path, conn: &Connection) -> Result<(), StoreError> {
    match version(conn)? {
        Some(found) => check_version(dir, found),
        None => Err(StoreError::Missing(dir.to_path_buf())),
    }
}

fn version(conn: &Connection) -> Result<Option<u32>, StoreError> {
    let exists: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'store_meta'",
        [],
        |row| row.get(0),
    )?;
    if !exists {
        return Ok(None);
    }
    let value: Option<String> = conn
        .query_row("SELECT value FROM store_meta WHERE key = 'format_version'", [], |row| {
            row.get(0)
        })
        .optional()?;
    value
        .map(|v| v.parse().map_err(|_| StoreError::Corrupt(format!("format_version {v:?}"))))
        .transpose()
}

fn check_version(dir: &Path, found: u32) -> Result<(), StoreError> {
    if found > FORMAT_VERSION {
        return Err(StoreError::TooNew {
            path: dir.to_path_buf(),
            found,
            supported: FORMAT_VERSION,
        });
    }
    Ok(())
}
