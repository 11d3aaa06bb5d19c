//! One article through every input route: the same text gives the same spans, whichever
//! route it came by (text file or JSON Lines; HTML file or WARC record).

use std::io::Write;
use std::path::Path;

use sayso_store::{IngestOptions, Store, StoredArticle};

const TEXT: &str = "Flood defences to be rebuilt\n\n“We will not be rushed into this,” said Amara \
Okafor, the environment minister.\n\nA senior official said the work would take two years, and \
critics said the money was not enough.\n";

fn page() -> String {
    let paragraphs: String =
        TEXT.split("\n\n").skip(1).map(|p| format!("<p>{}</p>", p.trim())).collect();
    format!(
        "<html><head><title>Flood defences</title></head><body><article><h1>Flood defences \
         to be rebuilt</h1>{paragraphs}<p>The river rose by two metres overnight, and the \
         town council met in emergency session to decide which streets to close.</p>\
         <p>Volunteers filled sandbags in the market square until late in the evening.</p>\
         </article></body></html>"
    )
}

fn ingest_one(dir: &Path, name: &str, bytes: &[u8]) -> StoredArticle {
    let input = dir.join(name);
    std::fs::write(&input, bytes).unwrap();
    let store = Store::open(&dir.join(format!("db-{name}"))).unwrap();
    let summary = store.ingest(&[input], &IngestOptions::default(), &mut |_| {}).unwrap();
    assert_eq!((summary.stored, summary.failed), (1, 0), "{name}: {summary:?}");
    let id = store.search(&Default::default()).unwrap().hits[0].article_id.clone();
    store.article(&id).unwrap().unwrap()
}

/// What must not depend on the route: the text and every attribution's spans and speaker.
fn essence(article: &StoredArticle) -> (String, Vec<String>) {
    let attributions = article
        .attributions
        .iter()
        .map(|a| serde_json::to_string(&a.attribution).unwrap())
        .collect();
    (article.text.clone(), attributions)
}

#[test]
fn text_and_json_lines_agree() {
    let dir = tempfile::tempdir().unwrap();
    let text = ingest_one(dir.path(), "a.txt", TEXT.as_bytes());
    let line = format!("{}\n", serde_json::json!({"id": "a", "text": TEXT}));
    let jsonl = ingest_one(dir.path(), "a.jsonl", line.as_bytes());
    assert!(text.attributions.len() >= 2);
    assert_eq!(essence(&text), essence(&jsonl));
    assert_eq!(text.id, jsonl.id, "same text, same key, same store id");
}

#[test]
fn html_file_and_warc_record_agree() {
    let dir = tempfile::tempdir().unwrap();
    let html = ingest_one(dir.path(), "a.html", page().as_bytes());
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{}", page());
    let record = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    );
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(record.as_bytes()).unwrap();
    let warc = ingest_one(dir.path(), "a.warc.gz", &gz.finish().unwrap());
    assert_eq!(essence(&html), essence(&warc));
    // Readability keeps the prose, so the engine finds the same attributions as in the text.
    let speakers: Vec<_> = html
        .attributions
        .iter()
        .filter_map(|a| a.attribution.speaker.as_ref())
        .map(|s| s.name.as_str())
        .collect();
    assert!(speakers.contains(&"Amara Okafor"), "{speakers:?} in {:?}", html.text);
    for a in &html.attributions {
        for span in &a.attribution.content {
            assert_eq!(&html.text[span.start..span.end], span.text);
        }
    }
}
