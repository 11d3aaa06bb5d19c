//! Bad input: each problem gets one message on stderr naming the file (and line), every
//! other article is still printed, and the exit code is 1. Usage errors exit with 2.

mod common;

use std::ffi::OsString;
use std::fs::File;

use common::{sayso, Scratch};

/// Runs `sayso extract` on `good.txt`, the bad file `name` and `after.txt`, and checks
/// the one message it gets about `name`, which must contain `reason`.
fn rejects(name: &str, contents: &[u8], reason: &str) {
    let scratch = Scratch::new("reject");
    let bad = scratch.write(name, contents);
    rejects_path(&scratch, bad.into(), &[], reason);
}

fn rejects_path(scratch: &Scratch, bad: OsString, flags: &[&str], reason: &str) {
    let good = scratch.write("good.txt", "“Fine,” she said.");
    let after = scratch.write("after.txt", "“Also fine,” he said.");
    let mut args: Vec<OsString> = vec!["extract".into()];
    args.extend(flags.iter().map(OsString::from));
    args.extend([good.into(), bad.clone(), after.into()]);
    let run = sayso(&args, b"");
    run.expect_code(1);
    assert_eq!(run.ids(), ["good", "after"], "the good articles are still printed\n{run}");
    let lines = run.stderr_lines();
    assert_eq!(lines.len(), 1, "exactly one message\n{run}");
    let prefix = format!("sayso: {}", bad.to_string_lossy());
    assert!(lines[0].starts_with(&prefix), "the message names the file\n{run}");
    assert!(lines[0].contains(reason), "the message says {reason:?}\n{run}");
}

/// Runs `sayso extract` on one JSON Lines file whose line `line` is bad.
fn rejects_line(lines: &[&str], bad_line: usize, reason: &str) {
    let scratch = Scratch::new("reject-line");
    let path = scratch.write("in.jsonl", lines.join("\n"));
    let run = sayso(["extract".as_ref(), path.as_os_str()], b"");
    run.expect_code(1);
    assert_eq!(run.articles().len(), lines.len() - 1, "the other records are printed\n{run}");
    let message = run.stderr_lines();
    assert_eq!(message.len(), 1, "exactly one message\n{run}");
    let prefix = format!("sayso: {}:{bad_line}: ", path.display());
    assert!(message[0].starts_with(&prefix), "the message names file and line\n{run}");
    assert!(message[0].contains(reason), "the message says {reason:?}\n{run}");
}

#[test]
fn missing_file() {
    let scratch = Scratch::new("missing");
    rejects_path(&scratch, scratch.path("nowhere.txt").into(), &[], "No such file");
}

#[test]
fn invalid_utf8() {
    rejects("latin1.txt", b"Caf\xe9 owner said: \xabWe close.\xbb", "not valid UTF-8 (at byte 3)");
}

#[test]
fn nul_bytes() {
    rejects("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "binary data");
}

#[test]
fn mostly_control_characters() {
    rejects("noise.txt", b"\x01\x02\x03\x04\x05\x06\x07\x08 \x0e\x0f\x10\x11\x12ab", "binary data");
}

#[test]
fn article_over_max_bytes() {
    rejects_path(
        &Scratch::new("max"),
        Scratch::new("max-file").write("big.txt", "a".repeat(2000)).into(),
        &["--max-bytes", "1K"],
        "over the --max-bytes limit of 1024",
    );
}

#[test]
fn article_over_the_default_limit_is_not_read() {
    let scratch = Scratch::new("huge");
    let path = scratch.path("huge.txt");
    // Sparse, so the test writes nothing: the size alone must be enough to skip it.
    File::create(&path).unwrap().set_len(65 << 20).unwrap();
    rejects_path(&scratch, path.into(), &[], "over the --max-bytes limit of 67108864");
}

#[test]
fn stdin_over_max_bytes() {
    let run = sayso(["extract", "--max-bytes", "10"], b"This article is longer than ten bytes.");
    run.expect_code(1);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.starts_with("sayso: <stdin>: article is larger than"), "{run}");
}

#[test]
fn empty_directory() {
    let scratch = Scratch::new("empty-dir");
    std::fs::create_dir(scratch.path("empty")).unwrap();
    rejects_path(&scratch, scratch.path("empty").into(), &[], "no *.txt files");
}

#[test]
fn malformed_jsonl_line() {
    let lines = [
        r#"{"id": "a", "text": "x"}"#,
        r#"{"id": "b", "text": "y""#,
        r#"{"id": "c", "text": "z"}"#,
    ];
    rejects_line(&lines, 2, "not valid JSON (EOF while parsing");
}

#[test]
fn jsonl_record_without_text() {
    let lines = [r#"{"id": "a", "text": "x"}"#, r#"{"id": "b", "body": "y"}"#];
    rejects_line(&lines, 2, r#"record "b" has no "text""#);
}

#[test]
fn jsonl_record_without_id() {
    rejects_line(&[r#"{"text": "x"}"#, r#"{"id": "b", "text": "y"}"#], 1, r#"no "id""#);
}

#[test]
fn jsonl_record_that_is_not_an_object() {
    rejects_line(&[r#"["a", "x"]"#, r#"{"id": "b", "text": "y"}"#], 1, "not a JSON object");
}

#[test]
fn jsonl_line_in_latin1() {
    let scratch = Scratch::new("jsonl-latin1");
    let path = scratch.write(
        "in.jsonl",
        b"{\"id\": \"a\", \"text\": \"caf\xe9\"}\n{\"id\": \"b\", \"text\": \"ok\"}\n",
    );
    let run = sayso(["extract".as_ref(), path.as_os_str()], b"");
    run.expect_code(1);
    assert_eq!(run.ids(), ["b"]);
    assert!(run.stderr.contains("in.jsonl:1: not valid UTF-8"), "{run}");
}

#[test]
fn jsonl_line_over_twice_max_bytes_is_skipped_unread() {
    let long = format!(r#"{{"id": "long", "text": "{}"}}"#, "a".repeat(5000));
    let ok = r#"{"id": "ok", "text": "fine"}"#;
    let scratch = Scratch::new("long-line");
    let path = scratch.write("in.jsonl", [ok, &long, ok].join("\n"));
    let args = ["extract".as_ref(), "--max-bytes".as_ref(), "1K".as_ref(), path.as_os_str()];
    let run = sayso(args, b"");
    run.expect_code(1);
    assert_eq!(run.ids(), ["ok", "ok"]);
    assert!(run.stderr.contains("in.jsonl:2: line is longer than 2048 bytes"), "{run}");
}

#[test]
fn every_problem_at_once_gets_one_line_each() {
    // Three workers, and one thread doing everything in turn: the same lines either way.
    for threads in ["3", "1"] {
        every_problem_at_once(threads);
    }
}

fn every_problem_at_once(threads: &str) {
    let scratch = Scratch::new(&format!("all{threads}"));
    let files: [(&str, Option<&[u8]>); 7] = [
        ("a.txt", Some("“Fine,” she said.".as_bytes())),
        ("b.txt", Some(b"\xff\xfe")),
        ("c.txt", Some(b"\0")),
        ("d.jsonl", Some(b"{\"id\": \"d1\", \"text\": \"ok\"}\nnot json\n{\"id\": \"d3\"}\n")),
        ("e.txt", Some(b"")),
        ("missing.txt", None),
        ("f.txt", Some(b"Last.")),
    ];
    let mut args: Vec<OsString> = vec!["extract".into(), "--threads".into(), threads.into()];
    for (name, contents) in files {
        let path = match contents {
            Some(contents) => scratch.write(name, contents),
            None => scratch.path(name),
        };
        args.push(path.into());
    }
    let run = sayso(&args, b"");
    run.expect_code(1);
    assert_eq!(run.ids(), ["a", "d1", "e", "f"], "{run}");
    let lines = run.stderr_lines();
    let names = ["b.txt:", "c.txt:", "d.jsonl:2:", "d.jsonl:3:", "missing.txt:"];
    assert_eq!(lines.len(), names.len(), "{run}");
    for (line, name) in lines.iter().zip(names) {
        assert!(line.contains(name), "{line:?} should name {name}, in input order\n{run}");
    }
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [
        &[][..],
        &["extract", "--no-such-flag"],
        &["extract", "--threads", "0"],
        &["extract", "--offsets", "words"],
        &["extract", "--format", "xml"],
        &["extract", "--max-bytes", "lots"],
        &["extract", "-", "-"],
        &["eval"],
        &["frobnicate"],
    ] {
        let run = sayso(args, b"");
        run.expect_code(2);
        assert_eq!(run.stdout, "", "sayso {args:?}");
        assert!(!run.stderr.is_empty(), "sayso {args:?} says why");
    }
}
