//! `sayso serve` through the real binary: it serves a store that `sayso ingest` wrote, on a
//! loopback port, and refuses a store that is not there.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Stdio;

use common::{example, sayso, sayso_command, Scratch};

/// One HTTP/1.1 request, answered with (status line, body).
fn http_get(addr: &str, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(addr).expect("connect to the server");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").expect("a full answer");
    (head.lines().next().unwrap_or("").to_string(), body.to_string())
}

#[test]
fn serves_an_ingested_store() {
    let scratch = Scratch::new("serve");
    let db = scratch.path("db");
    let okafor = example("okafor.txt");
    sayso(["ingest", okafor.to_str().unwrap(), "--db", db.to_str().unwrap()], b"").expect_code(0);

    let mut child = sayso_command()
        .args(["serve", "--addr", "127.0.0.1:0", "--db", db.to_str().unwrap()])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start sayso serve");
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();

    let (status, body) = http_get(&addr, "/api/stats");
    let (page_status, page) = http_get(&addr, "/");
    let (search_status, hits) = http_get(&addr, "/api/search?q=rushed");
    let _ = child.kill();
    let _ = child.wait();

    assert!(status.contains("200"), "{status} {body}");
    assert!(body.contains(r#""articles":1"#), "{body}");
    assert!(page_status.contains("200") && page.contains("<title>sayso</title>"));
    assert!(search_status.contains("200") && hits.contains("Amara Okafor"), "{hits}");
}

#[test]
fn a_missing_store_is_an_error() {
    let scratch = Scratch::new("serve-missing");
    let missing = scratch.path("nothing-here");
    let run = sayso(["serve", "--addr", "127.0.0.1:0", "--db", missing.to_str().unwrap()], b"");
    run.expect_code(1);
    assert!(run.stderr.contains("cannot open the store"), "{}", run.stderr);
}
