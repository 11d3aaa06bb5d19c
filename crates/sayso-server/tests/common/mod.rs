//! The articles every server test serves: the shipped example and a few written for these
//! tests (non-ASCII text, and quotes that carry markup).

use std::path::Path;
use std::sync::Arc;

use sayso_server::{App, Limits, MemoryArticle, MemoryCorpus};

/// (id, title, outlet, date, file)
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

pub fn articles() -> Vec<MemoryArticle> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    ARTICLES
        .iter()
        .map(|&(id, title, outlet, date, file)| MemoryArticle {
            id: id.to_string(),
            title: Some(title.to_string()),
            outlet: Some(outlet.to_string()),
            date: Some(date.to_string()),
            text: std::fs::read_to_string(root.join(file)).expect("fixture article"),
        })
        .collect()
}

pub fn app(limits: Limits) -> App {
    let extractor = Arc::new(sayso::Extractor::new());
    let corpus = MemoryCorpus::new(&extractor, articles());
    App::new(extractor, Some(Arc::new(corpus)), limits)
}
