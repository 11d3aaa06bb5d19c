//! Reading: turns the paths on the command line into a stream of raw [`Unit`]s.
//!
//! This is the only stage that touches the file system, and it does no decoding: workers
//! check UTF-8 and parse JSON in parallel (see [`crate::record`]). It never holds more than
//! one article or JSON Lines line at a time, so memory does not grow with the input.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How standard input is named in messages.
const STDIN: &str = "<stdin>";

/// One PATH argument.
#[derive(Clone, Debug)]
pub enum Input {
    Stdin,
    Path(PathBuf),
}

impl Input {
    pub fn from_arg(path: PathBuf) -> Input {
        if path.as_os_str() == "-" {
            Input::Stdin
        } else {
            Input::Path(path)
        }
    }
}

/// How to read each input (`--input`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// `*.jsonl` files as JSON Lines, everything else as plain text.
    Auto,
    Text,
    Jsonl,
}

/// Where a unit came from, as shown in messages: `path` or `path:line`.
#[derive(Clone, Debug)]
pub struct Origin {
    pub path: Arc<str>,
    /// 1-based line number, for JSON Lines.
    pub line: Option<u64>,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}", self.path, line),
            None => f.write_str(&self.path),
        }
    }
}

/// What the reader hands to the workers, in input order.
pub enum Unit {
    /// A whole plain-text article, not yet checked.
    Text { origin: Origin, id: String, bytes: Vec<u8> },
    /// One non-blank JSON Lines line, without its line ending, not yet parsed.
    JsonLine { origin: Origin, bytes: Vec<u8> },
    /// An input that could not be read; the message says why.
    Problem { origin: Origin, message: String },
}

impl Unit {
    /// The bytes of input this unit holds in memory.
    pub fn size(&self) -> usize {
        match self {
            Unit::Text { bytes, .. } | Unit::JsonLine { bytes, .. } => bytes.len(),
            Unit::Problem { .. } => 0,
        }
    }

    /// Whether the unit was read from standard input.
    pub fn is_stdin(&self) -> bool {
        let origin = match self {
            Unit::Text { origin, .. }
            | Unit::JsonLine { origin, .. }
            | Unit::Problem { origin, .. } => origin,
        };
        &*origin.path == STDIN
    }
}

/// Reads every input in order and hands each unit to `emit`, stopping early when `emit`
/// returns false (nobody wants more output).
pub fn read(
    inputs: &[Input],
    format: InputFormat,
    max_bytes: usize,
    emit: &mut dyn FnMut(Unit) -> bool,
) {
    let mut reader = Reader { format, max_bytes, emit };
    for input in inputs {
        let more = match input {
            Input::Stdin => reader.stdin(),
            Input::Path(path) => reader.path(path),
        };
        if !more {
            return;
        }
    }
}

struct Reader<'e> {
    format: InputFormat,
    max_bytes: usize,
    emit: &'e mut dyn FnMut(Unit) -> bool,
}

impl Reader<'_> {
    fn problem(&mut self, path: Arc<str>, message: impl Into<String>) -> bool {
        (self.emit)(Unit::Problem { origin: Origin { path, line: None }, message: message.into() })
    }

    fn stdin(&mut self) -> bool {
        let path: Arc<str> = Arc::from(STDIN);
        let stdin = io::stdin().lock();
        if self.format == InputFormat::Jsonl {
            self.jsonl(stdin, path)
        } else {
            self.text(stdin, path, "-".to_string(), None)
        }
    }

    fn path(&mut self, path: &Path) -> bool {
        let name: Arc<str> = Arc::from(path.display().to_string());
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(err) => return self.problem(name, err.to_string()),
        };
        if metadata.is_dir() {
            return self.directory(path, name);
        }
        let file = match File::open(path) {
            Ok(file) => file,
            Err(err) => return self.problem(name, err.to_string()),
        };
        if self.is_jsonl(path) {
            self.jsonl(BufReader::with_capacity(1 << 16, file), name)
        } else {
            let id = path.file_stem().unwrap_or(path.as_os_str()).to_string_lossy().into_owned();
            self.text(file, name, id, Some(metadata.len()))
        }
    }

    fn is_jsonl(&self, path: &Path) -> bool {
        match self.format {
            InputFormat::Jsonl => true,
            InputFormat::Text => false,
            InputFormat::Auto => has_extension(path, "jsonl"),
        }
    }

    /// Every `*.txt` file directly in `dir` (`*.jsonl` with `--input jsonl`), in name order.
    fn directory(&mut self, dir: &Path, name: Arc<str>) -> bool {
        let extension = if self.format == InputFormat::Jsonl { "jsonl" } else { "txt" };
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(err) => return self.problem(name, err.to_string()),
        };
        let mut files = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => {
                    let path = entry.path();
                    if has_extension(&path, extension) && path.is_file() {
                        files.push(path);
                    }
                }
                Err(err) => {
                    if !self.problem(name.clone(), err.to_string()) {
                        return false;
                    }
                }
            }
        }
        if files.is_empty() {
            return self.problem(name, format!("directory has no *.{extension} files"));
        }
        files.sort();
        files.iter().all(|file| self.path(file))
    }

    /// One plain-text article. `len`, when known, lets a file over the limit be skipped
    /// without reading it.
    fn text(&mut self, source: impl Read, path: Arc<str>, id: String, len: Option<u64>) -> bool {
        let limit = self.max_bytes as u64;
        if let Some(len) = len.filter(|&len| len > limit) {
            return self.problem(path, sayso::input::too_large(len, self.max_bytes));
        }
        let mut bytes = Vec::with_capacity(len.map_or(0, |len| len as usize));
        // One byte past the limit is enough to know the article is too large.
        if let Err(err) = source.take(limit + 1).read_to_end(&mut bytes) {
            return self.problem(path, err.to_string());
        }
        if bytes.len() as u64 > limit {
            let message =
                format!("article is larger than the --max-bytes limit of {} bytes", self.max_bytes);
            return self.problem(path, message);
        }
        (self.emit)(Unit::Text { origin: Origin { path, line: None }, id, bytes })
    }

    fn jsonl(&mut self, mut source: impl BufRead, path: Arc<str>) -> bool {
        // Room for JSON escapes, the id and the other fields around a text at the limit.
        let limit = self.max_bytes.saturating_mul(2);
        let mut line = 0;
        loop {
            line += 1;
            let origin = Origin { path: path.clone(), line: Some(line) };
            let mut bytes = Vec::new();
            let unit = match read_line(&mut source, &mut bytes, limit) {
                Ok(Line::End) => return true,
                Ok(Line::Read) => {
                    trim_line_end(&mut bytes);
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    Unit::JsonLine { origin, bytes }
                }
                Ok(Line::TooLong) => Unit::Problem {
                    origin,
                    message: format!("line is longer than {limit} bytes (twice --max-bytes)"),
                },
                Err(err) => {
                    return (self.emit)(Unit::Problem { origin, message: err.to_string() });
                }
            };
            if !(self.emit)(unit) {
                return false;
            }
        }
    }
}

fn has_extension(path: &Path, extension: &str) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case(extension))
}

enum Line {
    Read,
    TooLong,
    End,
}

/// Reads one line into `buf`, newline included, unless it is longer than `limit`: then the
/// rest of the line is consumed without being stored.
fn read_line<R: BufRead>(source: &mut R, buf: &mut Vec<u8>, limit: usize) -> io::Result<Line> {
    let read = Read::take(&mut *source, limit as u64 + 1).read_until(b'\n', buf)?;
    if read == 0 {
        return Ok(Line::End);
    }
    if buf.len() <= limit || buf.ends_with(b"\n") {
        return Ok(Line::Read);
    }
    buf.clear();
    loop {
        let available = source.fill_buf()?;
        if available.is_empty() {
            break;
        }
        match available.iter().position(|&b| b == b'\n') {
            Some(newline) => {
                source.consume(newline + 1);
                break;
            }
            None => {
                let len = available.len();
                source.consume(len);
            }
        }
    }
    Ok(Line::TooLong)
}

fn trim_line_end(line: &mut Vec<u8>) {
    if line.ends_with(b"\n") {
        line.pop();
        if line.ends_with(b"\r") {
            line.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &str, limit: usize) -> Vec<String> {
        let mut source = io::BufReader::with_capacity(4, input.as_bytes());
        let mut out = Vec::new();
        loop {
            let mut buf = Vec::new();
            match read_line(&mut source, &mut buf, limit).unwrap() {
                Line::End => return out,
                Line::TooLong => out.push("<too long>".to_string()),
                Line::Read => {
                    trim_line_end(&mut buf);
                    out.push(String::from_utf8(buf).unwrap());
                }
            }
        }
    }

    #[test]
    fn long_lines_are_skipped_whole() {
        assert_eq!(lines("ab\r\ncdefgh\nij", 4), ["ab", "<too long>", "ij"]);
        assert_eq!(lines("abcd\nabcde\n", 4), ["abcd", "<too long>"]);
        assert_eq!(lines("abcdefghij", 4), ["<too long>"]);
        assert_eq!(lines("", 4), Vec::<String>::new());
    }
}
