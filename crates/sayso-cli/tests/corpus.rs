//! The corpus commands through the real binary: ingest, search, speakers, export, and an
//! ingest killed with SIGKILL and run again.

mod common;

use std::time::{Duration, Instant};

use common::{example, sayso, sayso_command, Scratch};
use sayso_store::Store;

/// A JSON Lines feed of `n` distinct short articles.
fn feed(scratch: &Scratch, name: &str, n: usize) -> std::path::PathBuf {
    let outlets = ["Northern Courier", "The Coastal Herald", "Midlands Evening Post"];
    let mut lines = String::new();
    for i in 0..n {
        let text = format!(
            "“The bridge at mile {i} will reopen in spring,” said Amara Okafor, the transport \
             minister. A senior official said the repairs to bridge {i} had cost more than planned."
        );
        let record = serde_json::json!({
            "id": format!("a{i}"), "text": text, "outlet": outlets[i % 3],
            "published": format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
        });
        lines.push_str(&format!("{record}\n"));
    }
    scratch.write(name, lines)
}

#[test]
fn ingest_then_query_every_way() {
    let scratch = Scratch::new("corpus");
    let feed = feed(&scratch, "feed.jsonl", 30);
    let db = scratch.path("db");
    let db_arg = db.to_str().unwrap();
    let okafor = example("okafor.txt");
    let run =
        sayso(["ingest", feed.to_str().unwrap(), okafor.to_str().unwrap(), "--db", db_arg], b"");
    run.expect_code(0);
    assert!(run.stderr.contains("31 articles read: 31 stored"), "{}", run.stderr);

    // Again: nothing new.
    let again = sayso(["ingest", feed.to_str().unwrap(), "--db", db_arg], b"");
    again.expect_code(0);
    assert!(
        again.stderr.contains("0 stored (0 attributions), 30 skipped as duplicates"),
        "{}",
        again.stderr
    );

    let search = sayso(
        [
            "search",
            "bridge",
            "--outlet",
            "northern courier",
            "--since",
            "2024-06-01",
            "--format",
            "jsonl",
            "-n",
            "100",
            "--db",
            db_arg,
        ],
        b"",
    );
    search.expect_code(0);
    let hits = search.articles();
    assert!(!hits.is_empty());
    for hit in &hits {
        assert_eq!(hit["outlet"], "Northern Courier");
        assert!(hit["date"].as_str().unwrap() >= "2024-06-01");
        assert!(hit["content"].as_str().unwrap().contains("bridge"), "{hit}");
    }
    let table =
        sayso(["search", "bridge", "--speaker", "Okafor", "--kind", "direct", "--db", db_arg], b"");
    table.expect_code(0);
    assert!(
        table.stdout.contains("Amara Okafor") && table.stdout.contains("of 30 attributions"),
        "{}",
        table.stdout
    );
    let csv = sayso(["search", "bridge", "--format", "csv", "--db", db_arg], b"");
    assert!(csv.stdout.starts_with("attribution_id,article_id,date,outlet"), "{}", csv.stdout);

    let speakers = sayso(["speakers", "--top", "3", "--db", db_arg], b"");
    speakers.expect_code(0);
    assert!(speakers.stdout.contains("Amara Okafor"), "{}", speakers.stdout);
    assert!(speakers.stdout.contains("Northern Courier"), "{}", speakers.stdout);
    let json = sayso(["speakers", "--format", "json", "--db", db_arg], b"");
    let stats: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(stats["speakers"][0]["id"], "amara okafor");

    for format in ["jsonl", "csv", "parquet"] {
        let out = scratch.path(&format!("out.{format}"));
        let run = sayso(
            ["export", "--format", format, "--out", out.to_str().unwrap(), "--db", db_arg],
            b"",
        );
        run.expect_code(0);
        assert!(out.metadata().unwrap().len() > 0);
    }

    let missing = sayso(["search", "x", "--db", scratch.path("nowhere").to_str().unwrap()], b"");
    missing.expect_code(1);
    assert!(missing.stderr.contains("no sayso store"), "{}", missing.stderr);
    sayso(["search", "x", "--since", "May 2024", "--db", db_arg], b"").expect_code(2);
}

#[test]
fn an_ingest_killed_mid_way_and_run_again_loses_nothing_and_doubles_nothing() {
    const ARTICLES: usize = 3000;
    let scratch = Scratch::new("sigkill");
    let feed = feed(&scratch, "feed.jsonl", ARTICLES);
    let (killed_db, clean_db) = (scratch.path("killed"), scratch.path("clean"));

    let mut child = sayso_command()
        .args(["ingest", "--quiet", "-j", "2", "--db"])
        .arg(&killed_db)
        .arg(&feed)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it as soon as a first batch is committed.
    let started = Instant::now();
    loop {
        let stored = Store::open_read_only(&killed_db).and_then(|s| s.stats()).map(|s| s.articles);
        if matches!(stored, Ok(n) if n > 0) {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(120), "no batch committed in two minutes");
        assert!(child.try_wait().unwrap().is_none(), "ingest ended before a batch was seen");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    let at_kill = Store::open_read_only(&killed_db).unwrap().stats().unwrap();
    eprintln!("killed with {} of {ARTICLES} articles stored", at_kill.articles);
    assert!(at_kill.articles < ARTICLES as u64, "the ingest finished before it was killed");

    let rerun = sayso(
        ["ingest", "--quiet", "--db", killed_db.to_str().unwrap(), feed.to_str().unwrap()],
        b"",
    );
    rerun.expect_code(0);
    let expected = format!("{} skipped as duplicates", at_kill.articles);
    assert!(rerun.stderr.contains(&expected), "{}", rerun.stderr);
    let clean = sayso(
        ["ingest", "--quiet", "--db", clean_db.to_str().unwrap(), feed.to_str().unwrap()],
        b"",
    );
    clean.expect_code(0);

    let killed = Store::open_read_only(&killed_db).unwrap().stats().unwrap();
    let clean = Store::open_read_only(&clean_db).unwrap().stats().unwrap();
    assert_eq!(killed.articles, ARTICLES as u64, "stored after the kill: {}", at_kill.articles);
    assert_eq!(killed.attributions, clean.attributions);
    assert_eq!(killed.indexed, killed.attributions, "the index caught up with SQLite");
    let q = sayso_store::SearchQuery { text: "bridge".into(), ..Default::default() };
    let killed_hits = Store::open_read_only(&killed_db).unwrap().search(&q).unwrap().total;
    assert_eq!(killed_hits, Store::open_read_only(&clean_db).unwrap().search(&q).unwrap().total);
}
