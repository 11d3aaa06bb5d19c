//! The store through its public API: every input route, duplicates, bad inputs, and every
//! query.

use std::io::Write;
use std::path::{Path, PathBuf};

use sayso_store::{Date, IngestOptions, SearchQuery, Store, StoreError};

const OKAFOR: &str = "“We will not be rushed into this, and we will not be frightened out of it,” \
said Amara Okafor, the environment minister.\n\nCritics said the plan would leave rural \
communities without help.\n";
const MARSH: &str = "The merger was opposed by Dame Helen Marsh, former head of the agency, \
who said the rivers would suffer. “This is a historic mistake,” Dame Helen Marsh said.\n";

/// Prose without attributions, so that readability sees an article.
const FILLER: &str = "<p>The river rose by two metres overnight, and the town council met in \
emergency session to decide which streets to close first and where to open shelters.</p>\
<p>Volunteers filled sandbags in the market square until late in the evening, while the \
fire service pumped water out of the basements of the old mill and the school.</p>";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

fn html_page(title: &str, body: &str) -> String {
    let paragraphs: String = body.split("\n\n").map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title>\
         <meta property=\"og:site_name\" content=\"The Daily Planet\">\
         <meta property=\"article:published_time\" content=\"2024-05-02T08:00:00Z\">\
         <meta name=\"author\" content=\"Lois Lane\"></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
         <article><h1>{title}</h1>{paragraphs}{FILLER}</article>\
         <footer>Copyright 2024</footer></body></html>"
    )
}

fn warc_record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: 2024-06-01T10:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:{uri}>\r\nWARC-Target-URI: {uri}\r\n\
         Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    record.extend_from_slice(block);
    record.extend_from_slice(b"\r\n\r\n");
    record
}

fn http(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut block = format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n").into_bytes();
    block.extend_from_slice(body);
    block
}

/// A folder with one article per route, and the store ingested from it.
fn corpus(dir: &Path) -> (Store, sayso_store::IngestSummary) {
    let input = dir.join("input");
    write(&input, "okafor.txt", OKAFOR.as_bytes());
    let lines = [
        serde_json::json!({"id": "m1", "text": MARSH, "url": "https://news.example/marsh",
            "outlet": "Example News", "published": "2024-03-05", "title": "Merger", "lang": "en"}),
        serde_json::json!({"id": "m2", "text": OKAFOR.replace("rushed", "hurried"),
            "outlet": "Example News", "published": "2024-04-10"}),
    ];
    let jsonl: String = lines.iter().map(|l| format!("{l}\n")).collect();
    write(&input, "feed.jsonl", jsonl.as_bytes());
    let page = html_page("Floods", &OKAFOR.replace("rushed", "pushed"));
    write(&input, "pages/floods.html", page.as_bytes());
    // WARC: a warcinfo record, a latin-1 HTML response, an image, gzip-compressed.
    let latin1: Vec<u8> = html_page("Caf\u{e9}", &MARSH.replace("mistake", "blunder"))
        .replace("utf-8", "iso-8859-1")
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    let mut warc = warc_record("warcinfo", "urn:info", b"software: test");
    warc.extend(warc_record(
        "response",
        "https://www.planet.example/cafe",
        &http("text/html; charset=iso-8859-1", &latin1),
    ));
    warc.extend(warc_record(
        "response",
        "https://planet.example/x.png",
        &http("image/png", b"\x89PNG"),
    ));
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&warc).unwrap();
    write(&input, "crawl/cc-news.warc.gz", &gz.finish().unwrap());

    let store = Store::open(&dir.join("db")).unwrap();
    let summary = store.ingest(&[input], &IngestOptions::default(), &mut |_| {}).unwrap();
    (store, summary)
}

#[test]
fn every_route_is_stored_and_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let (store, summary) = corpus(dir.path());
    assert_eq!(summary.failures, vec![], "{summary:?}");
    assert_eq!((summary.read, summary.stored, summary.duplicates), (5, 5, 0), "{summary:?}");
    let stats = store.stats().unwrap();
    assert_eq!(stats.articles, 5);
    assert_eq!(stats.attributions, summary.attributions);
    assert_eq!(stats.indexed, stats.attributions);

    let search = |q: SearchQuery| store.search(&q).unwrap();
    let words = |text: &str| SearchQuery { text: text.into(), ..Default::default() };
    // Stemmed: "rush" finds "rushed"; "hurried" only the second JSON Lines record.
    assert_eq!(search(words("rush")).total, 1);
    let hurried = search(words("hurried"));
    assert_eq!(hurried.total, 1);
    assert_eq!(hurried.hits[0].outlet.as_deref(), Some("Example News"));
    assert_eq!(hurried.hits[0].date, Some(Date::new(2024, 4, 10).unwrap()));
    let pushed = search(words("pushed"));
    assert_eq!(pushed.total, 1, "the HTML page");
    assert_eq!(pushed.hits[0].outlet.as_deref(), Some("The Daily Planet"));
    assert_eq!(pushed.hits[0].title.as_deref(), Some("Floods"));
    let blunder = search(words("blunder"));
    assert_eq!(blunder.total, 1, "the latin-1 WARC record");
    assert_eq!(blunder.hits[0].url.as_deref(), Some("https://www.planet.example/cafe"));

    // Filters.
    let frightened = || SearchQuery { text: "frightened".into(), ..Default::default() };
    assert_eq!(search(frightened()).total, 3);
    let okafor = search(SearchQuery { speaker: Some("okafor".into()), ..frightened() });
    assert_eq!(okafor.total, 3);
    let outlet = search(SearchQuery { outlet: Some("example news".into()), ..frightened() });
    assert_eq!(outlet.total, 1);
    let since = search(SearchQuery { since: Date::new(2024, 4, 1), ..frightened() });
    assert_eq!(since.total, 2, "April's record and May's page, not the undated text file");
    let until = search(SearchQuery { until: Date::new(2024, 4, 30), ..frightened() });
    assert_eq!(until.total, 1);
    let direct = search(SearchQuery { kind: Some("direct".into()), ..frightened() });
    assert_eq!(direct.total, 3);
    assert!(matches!(
        store.search(&SearchQuery { kind: Some("rumour".into()), ..Default::default() }),
        Err(StoreError::InvalidQuery(_))
    ));
    // No words: everything, newest first; a stray quote mark does not fail.
    let all = search(SearchQuery { limit: 1000, ..Default::default() });
    assert_eq!(all.total, stats.attributions);
    assert_eq!(all.hits[0].date, Date::new(2024, 5, 2), "the pages, dated by their meta tags");
    assert!(store.search(&words("\"unbalanced (")).is_ok());
    let page = search(SearchQuery { limit: 2, offset: 1, ..Default::default() });
    assert_eq!(page.hits[0].attribution_id, all.hits[1].attribution_id);
}

#[test]
fn articles_come_back_with_spans_into_their_text() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = corpus(dir.path());
    let hit =
        &store.search(&SearchQuery { text: "historic".into(), ..Default::default() }).unwrap().hits
            [0];
    let article = store.article(&hit.article_id).unwrap().unwrap();
    assert_eq!(article.source_id, "m1");
    assert_eq!(article.meta.title.as_deref(), Some("Merger"));
    assert_eq!(article.text, MARSH);
    assert!(!article.attributions.is_empty());
    for a in &article.attributions {
        for span in
            a.attribution.content.iter().chain(&a.attribution.cue).chain(&a.attribution.source)
        {
            assert_eq!(&article.text[span.start..span.end], span.text);
        }
    }
    // The input's own id works too; unknown ids are None.
    assert_eq!(store.article("m1").unwrap().unwrap().id, article.id);
    assert!(store.article("nope").unwrap().is_none());
    let json = serde_json::to_value(&article).unwrap();
    assert!(json["attributions"][0]["content"][0]["start"].is_u64(), "{json}");
}

#[test]
fn speakers_and_outlets() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = corpus(dir.path());
    let stats = store.speakers(10).unwrap();
    let okafor = stats.speakers.iter().find(|s| s.id == "amara okafor").expect("Okafor");
    assert_eq!((okafor.attributions, okafor.articles), (3, 3));
    assert!(stats.speakers.windows(2).all(|w| w[0].attributions >= w[1].attributions));
    let example =
        stats.outlets.iter().find(|o| o.outlet.as_deref() == Some("Example News")).unwrap();
    assert!(example.named > 0 && example.named_share > 0.0 && example.named_share <= 1.0);
    assert_eq!(example.named + example.anonymous + example.other, example.attributions);

    let profile = store.speaker("amara okafor").unwrap().unwrap();
    assert_eq!(profile.attributions, 3);
    assert_eq!(profile.quotes.len(), 3);
    assert!(
        profile.descriptions.iter().any(|d| d.contains("minister")),
        "{:?}",
        profile.descriptions
    );
    let months: Vec<_> =
        profile.per_month.iter().map(|m| (m.month.as_str(), m.attributions)).collect();
    assert_eq!(months, [("2024-04", 1), ("2024-05", 1)]);
    assert!(store.speaker("nobody").unwrap().is_none());
}

#[test]
fn the_same_articles_twice_are_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let (store, first) = corpus(dir.path());
    let again =
        store.ingest(&[dir.path().join("input")], &IngestOptions::default(), &mut |_| {}).unwrap();
    assert_eq!((again.stored, again.duplicates, again.failed), (0, first.stored, 0));
    assert_eq!(store.stats().unwrap().attributions, first.attributions);
}

#[test]
fn bad_inputs_fail_alone() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bad");
    write(&input, "good.txt", OKAFOR.as_bytes());
    write(&input, "binary.txt", b"\x7fELF\x02\x01\x01\0\0\0\0");
    write(&input, "latin1.txt", b"caf\xe9 said");
    write(&input, "empty.txt", b"  \n");
    write(&input, "broken.html", b"<html><body><p>unclosed <b>tags & \xff\xfe junk");
    write(&input, "garbage.warc", b"this is not a warc file at all\n");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&warc_record(
        "response",
        "https://t.example/a",
        &http("text/html", html_page("T", MARSH).as_bytes()),
    ))
    .unwrap();
    let gz = gz.finish().unwrap();
    write(&input, "truncated.warc.gz", &gz[..gz.len() / 2]);
    write(
        &input,
        "lines.jsonl",
        format!("{{\"id\": 1, \"text\": {MARSH:?}}}\nnot json\n{{\"id\": 2}}\n").as_bytes(),
    );
    let missing = dir.path().join("missing.txt");

    let store = Store::open(&dir.path().join("db")).unwrap();
    let options = IngestOptions { max_bytes: 4096, ..IngestOptions::default() };
    let summary = store.ingest(&[input, missing], &options, &mut |_| {}).unwrap();
    let reasons: Vec<String> =
        summary.failures.iter().map(|f| format!("{}: {}", f.origin, f.message)).collect();
    let has = |file: &str, words: &str| {
        assert!(
            reasons.iter().any(|r| r.contains(file) && r.contains(words)),
            "no failure for {file} with {words:?} in {reasons:#?}"
        )
    };
    has("binary.txt", "binary");
    has("latin1.txt", "UTF-8");
    has("empty.txt", "empty");
    has("garbage.warc", "not a WARC record");
    has("truncated.warc.gz", "");
    has("lines.jsonl:2", "not valid JSON");
    has("lines.jsonl:3", "no \"text\"");
    has("missing.txt", "No such file");
    assert_eq!(summary.stored, 2 + u64::from(!reasons.iter().any(|r| r.contains("broken.html"))));
    assert_eq!(store.stats().unwrap().articles, summary.stored);
}

#[test]
fn read_only_stores() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(Store::open_read_only(dir.path()), Err(StoreError::Missing(_))));
    let (store, summary) = corpus(dir.path());
    drop(store);
    let reader = Store::open_read_only(&dir.path().join("db")).unwrap();
    assert_eq!(reader.stats().unwrap().attributions, summary.attributions);
    assert!(matches!(
        reader.ingest(&[], &IngestOptions::default(), &mut |_| {}),
        Err(StoreError::ReadOnly)
    ));
    // Many threads at once.
    let reader = std::sync::Arc::new(reader);
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let reader = reader.clone();
            std::thread::spawn(move || {
                for _ in 0..20 {
                    let q = SearchQuery { text: "frightened".into(), ..Default::default() };
                    assert_eq!(reader.search(&q).unwrap().total, 3);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    // A second writer is refused while one is open.
    let writer = Store::open(&dir.path().join("db")).unwrap();
    assert!(matches!(Store::open(&dir.path().join("db")), Err(StoreError::Busy(_))));
    drop(writer);
}

#[test]
fn store_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Store>();
}
