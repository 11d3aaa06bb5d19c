//! Helpers for running the real `sayso` binary on scratch files.
#![allow(dead_code)] // Each test file uses a different part.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

/// A directory of test articles, deleted when dropped.
pub struct Scratch {
    pub dir: PathBuf,
}

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("sayso-test-{}-{n}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create scratch directory");
        Scratch { dir }
    }

    /// Writes `contents` to `name` inside the scratch directory and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(&path, contents).expect("write scratch file");
        path
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// What one run of the binary did.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Every stdout line parsed as JSON; panics with the output on a bad line.
    pub fn articles(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|line| {
                serde_json::from_str(line)
                    .unwrap_or_else(|err| panic!("stdout line is not JSON ({err}): {line}\n{self}"))
            })
            .collect()
    }

    pub fn ids(&self) -> Vec<String> {
        self.articles()
            .iter()
            .map(|a| a["id"].as_str().expect("id is a string").to_string())
            .collect()
    }

    pub fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }

    /// Checks that the run never panicked and exited with `code`.
    pub fn expect_code(&self, code: i32) -> &Run {
        assert!(!self.stderr.contains("panicked"), "the binary panicked:\n{self}");
        assert_eq!(self.code, Some(code), "unexpected exit code:\n{self}");
        self
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "--- exit code: {:?}", self.code)?;
        writeln!(f, "--- stdout:\n{}", self.stdout)?;
        write!(f, "--- stderr:\n{}", self.stderr)
    }
}

pub fn sayso_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sayso"));
    command.env_remove("NO_COLOR");
    command
}

/// Runs `sayso ARGS`, feeding `stdin` (or nothing) to it.
pub fn sayso<I, S>(args: I, stdin: &[u8]) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut child = sayso_command()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start sayso");
    let mut input = child.stdin.take().expect("stdin");
    let stdin = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        // sayso may exit before reading it all; that is its business.
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().expect("run sayso");
    feeder.join().expect("stdin feeder");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The shipped example articles.
pub fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples").join(name)
}

/// Checks every span of a printed article against the text it came from: `text` is exactly
/// the slice `start..end` (in bytes or chars), and spans come in order.
pub fn check_spans(article: &Value, text: &str, chars: bool) {
    let slice = |start: usize, end: usize| -> Option<String> {
        if chars {
            (end <= text.chars().count() && start <= end)
                .then(|| text.chars().skip(start).take(end - start).collect())
        } else {
            text.get(start..end).map(str::to_string)
        }
    };
    let check = |span: &Value, what: &str| -> usize {
        let start = span["start"].as_u64().expect("start") as usize;
        let end = span["end"].as_u64().expect("end") as usize;
        let expected = slice(start, end);
        assert_eq!(
            expected.as_deref(),
            span["text"].as_str(),
            "{what} {start}..{end} of {} does not match the input",
            article["id"]
        );
        start
    };
    let mut last = 0;
    for attribution in article["attributions"].as_array().expect("attributions") {
        let content = attribution["content"].as_array().expect("content");
        assert!(!content.is_empty(), "an attribution without content: {attribution}");
        let first = check(&content[0], "content");
        assert!(first >= last, "attributions out of order in {}", article["id"]);
        last = first;
        for fragment in &content[1..] {
            check(fragment, "content");
        }
        for field in ["cue", "source"] {
            if !attribution[field].is_null() {
                check(&attribution[field], field);
            }
        }
        let confidence = attribution["confidence"].as_f64().expect("confidence");
        assert!((0.0..=1.0).contains(&confidence), "confidence {confidence}");
    }
    let mut last = 0;
    for span in article["boilerplate"].as_array().expect("boilerplate") {
        let start = check(span, "boilerplate");
        assert!(start >= last, "boilerplate out of order");
        last = start;
    }
    // Entities: ids are indices, mentions are valid spans in order, and every speaker's
    // entity exists and counts it as quoted.
    let entities = article["entities"].as_array().expect("entities");
    let mut quoted = vec![0u64; entities.len()];
    for attribution in article["attributions"].as_array().expect("attributions") {
        let speaker = &attribution["speaker"];
        if let Some(id) = speaker.get("entity").and_then(Value::as_u64) {
            assert!((id as usize) < entities.len(), "speaker of entity {id} that does not exist");
            quoted[id as usize] += 1;
        }
    }
    for (i, entity) in entities.iter().enumerate() {
        assert_eq!(entity["id"].as_u64(), Some(i as u64), "entity ids are indices: {entity}");
        assert!(entity["name"].is_string() && entity["named"].is_boolean(), "{entity}");
        let kind = entity["kind"].as_str().expect("kind");
        assert!(["person", "organization", "place", "other"].contains(&kind), "{entity}");
        assert!(entity["descriptions"].as_array().is_some(), "{entity}");
        assert_eq!(entity["quoted"].as_u64(), Some(quoted[i]), "quoted count of {entity}");
        let mut last = 0;
        for mention in entity["mentions"].as_array().expect("mentions") {
            let start = check(mention, "entity mention");
            assert!(start >= last, "entity mentions out of order: {entity}");
            last = start;
        }
    }
}
