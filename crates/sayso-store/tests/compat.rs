//! Stores written by earlier builds still open. `tests/compat/v1/` was written by format
//! version 1 (`sayso ingest examples/okafor.txt examples/articles.jsonl --db …`); when the
//! format changes, add a folder for the new version and keep the old ones.

use std::path::Path;

use sayso_store::{IngestOptions, SearchQuery, Store};

/// A copy of a fixture, since opening a store may create SQLite's -wal and -shm files.
fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn a_version_1_store_opens_and_answers() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/compat/v1");
    copy(&fixture, dir.path());

    let store = Store::open_read_only(dir.path()).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!(stats.format_version, 1);
    assert_eq!((stats.articles, stats.attributions, stats.indexed), (4, 26, 26));
    let hits = store.search(&SearchQuery { text: "fees".into(), ..Default::default() }).unwrap();
    let pike =
        hits.hits.iter().find(|h| h.speaker.as_ref().is_some_and(|s| s.name == "Graham Pike"));
    let pike = pike.expect("Graham Pike on fees");
    assert_eq!(pike.outlet.as_deref(), Some("The Coastal Herald"));
    let article = store.article("okafor").unwrap().unwrap();
    assert!(article.attributions.iter().any(|a| a.speaker_id.as_deref() == Some("amara okafor")));
    assert!(store.speaker("graham pike").unwrap().is_some());
    drop(store);

    // And it takes new articles.
    let store = Store::open(dir.path()).unwrap();
    let new = dir.path().join("new.txt");
    std::fs::write(&new, "“It is done,” said Graham Pike.\n").unwrap();
    let summary = store.ingest(&[new], &IngestOptions::default(), &mut |_| {}).unwrap();
    assert_eq!(summary.stored, 1);
    assert_eq!(store.speaker("graham pike").unwrap().unwrap().articles, 2);
}
