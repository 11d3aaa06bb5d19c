//! The store every server test serves: the shipped example article and a few written for
//! these tests (non-ASCII text, and quotes and a title that carry markup), ingested into a
//! fresh store with `sayso_store`'s own ingest, then opened read-only as `sayso serve` does.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use sayso_server::{App, Limits, StoreCorpus};
use serde_json::json;

/// (id, title, outlet, published, file)
const ARTICLES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "okafor",
        "Water minister defends flood agency shake-up",
        "The Riverside Courier",
        "2024-11-14",
        "../../examples/okafor.txt",
    ),
    (
        "okafor-followup",
        "Flood agency merger passes first vote",
        "The Riverside Courier",
        "2025-02-05",
        "tests/fixtures/okafor-followup.txt",
    ),
    (
        "cafe",
        "Montréal’s cafés fear the new lease rules",
        "Le Quotidien",
        "2025-01-20",
        "tests/fixtures/cafe.txt",
    ),
    (
        "hostile",
        "<b>Researchers</b> warn about pages that trust their input",
        "Plainview Tribune",
        "2025-03-03",
        "tests/fixtures/hostile.txt",
    ),
];

/// A new store folder holding the test articles.
pub fn store() -> PathBuf {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    // Under target/tmp, named per test binary and store, and emptied first: disk use stays
    // bounded however often the tests run.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("{}-store-{n}", env!("CARGO_CRATE_NAME")));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut jsonl = String::new();
    for &(id, title, outlet, published, file) in ARTICLES {
        let text = std::fs::read_to_string(root.join(file)).expect("fixture article");
        let record = json!({"id": id, "title": title, "outlet": outlet, "published": published, "text": text});
        jsonl.push_str(&record.to_string());
        jsonl.push('\n');
    }
    let input = dir.join("articles.jsonl");
    std::fs::write(&input, jsonl).unwrap();
    let db = dir.join("db");
    let store = sayso_store::Store::open(&db).unwrap();
    let summary =
        store.ingest(&[input], &sayso_store::IngestOptions::default(), &mut |_| {}).unwrap();
    assert_eq!(summary.stored, ARTICLES.len() as u64);
    db
}

/// The server over a fresh test store, opened read-only.
pub fn app(limits: Limits) -> App {
    let corpus = StoreCorpus::open(&store()).expect("the test store opens read-only");
    App::new(Arc::new(sayso::Extractor::new()), Some(Arc::new(corpus)), limits)
}
