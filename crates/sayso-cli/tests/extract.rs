//! `sayso extract` on good input, through every route: file, directory, JSON Lines, stdin.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::Stdio;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use common::{check_spans, example, sayso, sayso_command, Scratch};
use serde_json::{json, Value};

const OKAFOR: &str = include_str!("../../../examples/okafor.txt");

#[test]
fn text_file_is_one_article_named_after_its_stem() {
    let run = sayso(["extract".as_ref(), example("okafor.txt").as_os_str()], b"");
    run.expect_code(0);
    let articles = run.articles();
    assert_eq!(articles.len(), 1, "{run}");
    let article = &articles[0];
    assert_eq!(article["id"], "okafor");
    assert!(article.get("meta").is_none(), "plain text has no meta: {article}");
    check_spans(article, OKAFOR, false);
}

#[test]
fn directory_means_its_txt_files_in_name_order() {
    let scratch = Scratch::new("directory");
    scratch.write("b.txt", "“Second,” she said.");
    scratch.write("a.txt", "“First,” he said.");
    scratch.write("c.TXT", "“Third,” they said.");
    scratch.write("notes.md", "not an article");
    scratch.write("nested/d.txt", "not read: directories are not walked");
    let run = sayso(["extract".as_ref(), scratch.dir.as_os_str()], b"");
    run.expect_code(0);
    assert_eq!(run.ids(), ["a", "b", "c"], "{run}");
}

#[test]
fn jsonl_passes_other_fields_through_as_meta() {
    let scratch = Scratch::new("jsonl");
    let path = scratch.write(
        "in.jsonl",
        concat!(
            r#"{"id": "one", "text": "“Yes,” she said.", "outlet": "Herald", "tags": [1, 2]}"#,
            "\r\n\n   \n",
            r#"{"text": "No quotes here.", "id": 42}"#,
            "\n",
        ),
    );
    let run = sayso(["extract".as_ref(), path.as_os_str()], b"");
    run.expect_code(0);
    let articles = run.articles();
    assert_eq!(run.ids(), ["one", "42"], "{run}");
    assert_eq!(articles[0]["meta"], json!({"outlet": "Herald", "tags": [1, 2]}));
    assert_eq!(articles[1]["meta"], json!({}));
    check_spans(&articles[0], "“Yes,” she said.", false);
}

#[test]
fn shipped_jsonl_example() {
    let run = sayso(["extract".as_ref(), example("articles.jsonl").as_os_str()], b"");
    run.expect_code(0);
    let texts: Vec<Value> = std::fs::read_to_string(example("articles.jsonl"))
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let articles = run.articles();
    assert_eq!(articles.len(), 3, "{run}");
    for (article, record) in articles.iter().zip(&texts) {
        assert_eq!(article["id"], record["id"]);
        assert_eq!(article["meta"]["outlet"], record["outlet"]);
        assert_eq!(article["meta"]["published"], record["published"]);
        check_spans(article, record["text"].as_str().unwrap(), false);
    }
}

#[test]
fn stdin_is_one_text_article_called_dash() {
    for args in [&["extract"][..], &["extract", "-"][..]] {
        let run = sayso(args, OKAFOR.as_bytes());
        run.expect_code(0);
        assert_eq!(run.ids(), ["-"], "{run}");
        check_spans(&run.articles()[0], OKAFOR, false);
    }
}

#[test]
fn stdin_as_jsonl() {
    let input = "{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"b\", \"text\": \"y\"}";
    let run = sayso(["extract", "--input", "jsonl"], input.as_bytes());
    run.expect_code(0);
    assert_eq!(run.ids(), ["a", "b"], "{run}");
}

#[test]
fn files_and_stdin_mix_in_argument_order() {
    let scratch = Scratch::new("mix");
    let a = scratch.write("a.txt", "A.");
    let z = scratch.write("z.txt", "Z.");
    let run = sayso(["extract".as_ref(), z.as_os_str(), "-".as_ref(), a.as_os_str()], b"stdin");
    run.expect_code(0);
    assert_eq!(run.ids(), ["z", "-", "a"], "{run}");
}

#[test]
fn every_route_gives_the_same_spans() {
    let scratch = Scratch::new("routes");
    let file = scratch.write("okafor.txt", OKAFOR);
    let record = json!({"id": "okafor", "text": OKAFOR});
    let jsonl = scratch.write("okafor.jsonl", format!("{record}\n"));
    let strip = |mut article: Value| {
        article.as_object_mut().unwrap().retain(|k, _| k == "attributions" || k == "boilerplate");
        article
    };
    let from_file = strip(sayso(["extract".as_ref(), file.as_os_str()], b"").articles().remove(0));
    let from_stdin = strip(sayso(["extract"], OKAFOR.as_bytes()).articles().remove(0));
    let from_jsonl =
        strip(sayso(["extract".as_ref(), jsonl.as_os_str()], b"").articles().remove(0));
    assert_eq!(from_file, from_stdin);
    assert_eq!(from_file, from_jsonl);
}

#[test]
fn char_offsets_slice_the_text_by_code_points() {
    let scratch = Scratch::new("chars");
    let text = "Ünïcödé “first,” said Zoë. ‘Ça va’, said the 東京 correspondent, “très bien.”\n";
    let path = scratch.write("chars.txt", text);
    for (offsets, chars) in [("bytes", false), ("chars", true)] {
        let args = ["extract".as_ref(), "--offsets".as_ref(), offsets.as_ref(), path.as_os_str()];
        let run = sayso(args, b"");
        run.expect_code(0);
        check_spans(&run.articles()[0], text, chars);
    }
    let run = sayso(["extract", "--offsets", "chars", "-"], OKAFOR.as_bytes());
    check_spans(&run.expect_code(0).articles()[0], OKAFOR, true);
}

#[test]
fn order_is_kept_with_four_threads() {
    let scratch = Scratch::new("order");
    let mut input = String::new();
    for i in 0..200 {
        // Uneven sizes, so that workers finish out of order.
        let text = "“Quick,” she said. ".repeat(1 + (i * 37) % 50);
        input.push_str(&json!({"id": format!("r{i}"), "text": text, "n": i}).to_string());
        input.push('\n');
    }
    let path = scratch.write("many.jsonl", input);
    let run =
        sayso(["extract".as_ref(), "--threads".as_ref(), "4".as_ref(), path.as_os_str()], b"");
    run.expect_code(0);
    let expected: Vec<String> = (0..200).map(|i| format!("r{i}")).collect();
    assert_eq!(run.ids(), expected);
    for (i, article) in run.articles().iter().enumerate() {
        assert_eq!(article["meta"]["n"], i);
    }
}

#[test]
fn empty_article_is_printed_without_attributions() {
    let scratch = Scratch::new("empty");
    let empty = scratch.write("empty.txt", "");
    let blank = scratch.write("blank.txt", " \n\n\t\n");
    let run = sayso(["extract".as_ref(), empty.as_os_str(), blank.as_os_str()], b"");
    run.expect_code(0);
    assert_eq!(run.stderr, "", "{run}");
    for article in run.articles() {
        assert_eq!(article["attributions"], json!([]));
    }
    let run = sayso(["extract", "--input", "jsonl"], br#"{"id": "e", "text": ""}"#);
    assert_eq!(run.expect_code(0).ids(), ["e"]);
}

#[test]
fn pretty_format_has_a_header_per_article_and_no_colour_in_a_pipe() {
    let run = sayso(
        [
            "extract".as_ref(),
            "--format".as_ref(),
            "pretty".as_ref(),
            example("articles.jsonl").as_os_str(),
        ],
        b"",
    );
    run.expect_code(0);
    assert!(!run.stdout.contains('\x1b'), "colour in a pipe:\n{run}");
    for id in ["harbour-2025-03-04", "library-2025-03-05", "rail-2025-03-06"] {
        assert!(run.stdout.lines().any(|line| line.starts_with(&format!("{id}: "))), "{run}");
    }
    assert!(run.stdout.contains("boilerplate"), "{run}");
    let run = sayso(["extract", "--format", "pretty", "--color", "always"], b"x");
    assert!(run.expect_code(0).stdout.contains("\x1b[1m-\x1b[0m"), "{run}");
}

#[test]
fn closed_stdout_ends_the_run_quietly() {
    for threads in ["2", "1"] {
        closed_stdout_ends_quietly(threads);
    }
}

fn closed_stdout_ends_quietly(threads: &str) {
    let scratch = Scratch::new(&format!("pipe{threads}"));
    // Far more output than a pipe buffers, even with no attributions found.
    let record = json!({"id": "x", "text": "“Hi,” she said."}).to_string();
    let path = scratch.write("big.jsonl", format!("{record}\n").repeat(20_000));
    let mut child = sayso_command()
        .args(["extract".as_ref(), "--threads".as_ref(), threads.as_ref(), path.as_os_str()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.starts_with("{\"id\":\"x\""), "{first}");
    drop(stdout); // as `| head -1` does
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    assert_eq!((status.code(), stderr.as_str()), (Some(0), ""));
}

#[test]
fn each_result_from_stdin_is_printed_before_the_next_line_arrives() {
    for threads in ["2", "1"] {
        let mut child = sayso_command()
            .args(["extract", "--input", "jsonl", "--threads", threads])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, lines) = mpsc::channel();
        thread::spawn(move || {
            for line in stdout.lines() {
                let _ = tx.send(line.unwrap());
            }
        });
        for id in ["first", "second"] {
            let record = json!({"id": id, "text": "“Hi,” she said."});
            writeln!(stdin, "{record}").unwrap();
            stdin.flush().unwrap();
            let line = lines.recv_timeout(Duration::from_secs(30));
            if line.is_err() {
                let _ = child.kill();
            }
            let line = line.unwrap_or_else(|_| panic!("--threads {threads}: {id} held back"));
            assert!(line.starts_with(&format!("{{\"id\":\"{id}\"")), "{threads}: {line}");
        }
        drop(stdin);
        assert!(child.wait().unwrap().success());
    }
}

/// The one test that depends on what the engine finds, not just on the shape of the output.
#[test]
fn finds_the_example_quote() {
    let run = sayso(["extract".as_ref(), example("okafor.txt").as_os_str()], b"");
    let article = run.expect_code(0).articles().remove(0);
    let names = ["Amara Okafor", "Ms Okafor", "Dame Helen Marsh", "Tom Ridley"];
    let found = article["attributions"].as_array().unwrap().iter().any(|a| {
        a["kind"] == "direct" && a["source"]["text"].as_str().is_some_and(|s| names.contains(&s))
    });
    assert!(found, "no direct attribution credited to one of {names:?}:\n{run}");
}
