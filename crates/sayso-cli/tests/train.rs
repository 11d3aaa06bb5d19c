//! `sayso train` and `--model`: training on a small gold folder written here, the same
//! bytes for the same seed, and clear errors for model files that are not models.

mod common;

use common::{sayso, Scratch};

/// Sentences of the form `SOURCE CUE that CONTENT.`, varied enough to learn from.
const SOURCES: &[&str] = &["Ms Okafor", "The minister", "A senior official", "He", "Critics"];
const CUES: &[&str] = &["said", "told reporters", "warned", "claimed", "insisted"];
const CONTENTS: &[&str] = &[
    "the plan would save money",
    "rivers were rising fast",
    "the agency had failed",
    "nobody had been consulted",
];

/// Writes `n` gold articles (text/ and attributions/) and returns the folder's path.
fn gold(scratch: &Scratch, name: &str, n: usize) -> std::path::PathBuf {
    for a in 0..n {
        let mut text = String::from("A headline\n\n");
        let mut ann = String::new();
        let mut t = 1;
        for s in 0..4 {
            let (source, cue, content) = (
                SOURCES[(a + s) % SOURCES.len()],
                CUES[(a * 3 + s) % CUES.len()],
                CONTENTS[(a + 2 * s) % CONTENTS.len()],
            );
            let chars = |s: &str| s.chars().count();
            let start = chars(&text);
            let cue_start = start + chars(source) + 1;
            let content_start = cue_start + chars(cue) + " that ".len();
            text.push_str(&format!("{source} {cue} that {content}. The weather was mild.\n\n"));
            let (c1, c2, c3) = (t, t + 1, t + 2);
            ann.push_str(&format!(
                "T{c1}\tSource {start} {}\t{source}\nT{c2}\tCue {cue_start} {}\t{cue}\n\
                 T{c3}\tContent {content_start} {}\t{content}\n\
                 E{s}\tAttribution:T{c2} Source:T{c1} Cue:T{c2} Content:T{c3}\n",
                start + chars(source),
                cue_start + chars(cue),
                content_start + chars(content),
            ));
            t += 3;
        }
        scratch.write(&format!("{name}/text/a{a:02}.txt"), &text);
        scratch.write(&format!("{name}/attributions/a{a:02}_x.ann"), &ann);
    }
    scratch.path(name)
}

fn train(gold: &std::path::Path, out: &std::path::Path) -> common::Run {
    let args = [
        "train".as_ref(),
        "--gold".as_ref(),
        gold.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--bits".as_ref(),
        "14".as_ref(),
        "--epochs".as_ref(),
        "3".as_ref(),
        "--second-epochs".as_ref(),
        "3".as_ref(),
        "--folds".as_ref(),
        "2".as_ref(),
    ];
    sayso(args, b"")
}

#[test]
fn train_writes_a_model_that_extract_and_eval_use() {
    let scratch = Scratch::new("train");
    let gold = gold(&scratch, "gold", 16);
    let (one, two) = (scratch.path("one.bin"), scratch.path("two.bin"));
    let run = train(&gold, &one);
    run.expect_code(0);
    assert!(run.stderr.contains("epoch"), "progress is printed:\n{run}");
    train(&gold, &two).expect_code(0);
    let (a, b) = (std::fs::read(&one).unwrap(), std::fs::read(&two).unwrap());
    assert!(a.starts_with(b"SAYSOMDL"));
    assert_eq!(a, b, "the same data and seed give the same bytes");

    let article = scratch.write("new.txt", "The minister said that the plan would save money.\n");
    let run =
        sayso(["extract".as_ref(), "--model".as_ref(), one.as_os_str(), article.as_os_str()], b"");
    run.expect_code(0);
    let found = &run.articles()[0]["attributions"];
    assert_eq!(found.as_array().map(Vec::len), Some(1), "{run}");
    assert_eq!(found[0]["cue"]["text"], "said");
    assert_eq!(found[0]["source"]["text"], "The minister");
    assert_eq!(found[0]["content"][0]["text"], "the plan would save money");

    let run = sayso(
        ["eval".as_ref(), "--gold".as_ref(), gold.as_os_str(), "--model".as_ref(), one.as_os_str()],
        b"",
    );
    run.expect_code(0);
    assert!(run.stdout.contains("exact match"), "{run}");
}

#[test]
fn a_model_file_that_is_not_a_model_is_a_clear_error() {
    let scratch = Scratch::new("badmodel");
    let article = scratch.write("a.txt", "He said it would rain.\n");
    let good = sayso::model::Model::embedded().expect("embedded model").to_bytes();
    let mut flipped = good.clone();
    flipped[good.len() / 2] ^= 0x10;
    let cases: [(&str, Vec<u8>, &str); 5] = [
        ("empty.bin", Vec::new(), "not a sayso model"),
        ("text.bin", b"hello, I am not a model at all".to_vec(), "not a sayso model"),
        ("truncated.bin", good[..good.len() / 3].to_vec(), "corrupt"),
        ("flipped.bin", flipped, "corrupt"),
        ("version.bin", [&good[..8], &99u32.to_le_bytes()[..], &good[12..]].concat(), "version 99"),
    ];
    for (name, bytes, message) in cases {
        let model = scratch.write(name, bytes);
        let run = sayso(
            ["extract".as_ref(), "--model".as_ref(), model.as_os_str(), article.as_os_str()],
            b"",
        );
        run.expect_code(1);
        assert!(run.stdout.is_empty(), "{name}: {run}");
        assert!(run.stderr.contains(message), "{name}: expected {message:?}:\n{run}");
        assert!(run.stderr.contains(name), "{name}: the message names the file:\n{run}");
    }
    let missing = scratch.path("missing.bin");
    let run = sayso(
        ["extract".as_ref(), "--model".as_ref(), missing.as_os_str(), article.as_os_str()],
        b"",
    );
    run.expect_code(1);
    assert!(run.stderr.contains("missing.bin"), "{run}");
}

#[test]
fn rules_and_min_confidence_change_what_is_printed() {
    let scratch = Scratch::new("engine");
    let article = scratch.write("a.txt", "“We will not be rushed,” Ms Okafor said.\n");
    let rules = sayso(["extract".as_ref(), "--rules".as_ref(), article.as_os_str()], b"");
    rules.expect_code(0);
    assert_eq!(rules.articles()[0]["attributions"][0]["source"]["text"], "Ms Okafor");
    let all = sayso(["extract".as_ref(), article.as_os_str()], b"");
    all.expect_code(0);
    assert_eq!(all.articles()[0]["attributions"][0]["cue"]["text"], "said");
    let none = sayso(
        ["extract".as_ref(), "--min-confidence".as_ref(), "1".as_ref(), article.as_os_str()],
        b"",
    );
    none.expect_code(0);
    assert_eq!(none.articles()[0]["attributions"].as_array().map(Vec::len), Some(0));
    let bad = sayso(["extract", "--min-confidence", "1.5"], b"");
    bad.expect_code(2);
}
