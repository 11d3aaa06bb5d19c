//! Reading: the paths given become a list of files, and each file a stream of [`Unit`]s.
//!
//! This is the only stage that touches the file system. It holds at most one article (one
//! text file, JSON Lines line or WARC record) at a time, so memory does not grow with the
//! input; decoding happens on the workers.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use super::warc;

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Text,
    JsonLines,
    Html,
    Warc,
    WarcGz,
}

/// One file to read.
#[derive(Debug)]
pub struct InputFile {
    pub path: PathBuf,
    pub kind: FileKind,
    pub size: u64,
}

/// One piece of input for a worker.
pub enum Unit {
    Text {
        origin: String,
        id: String,
        bytes: Vec<u8>,
    },
    JsonLine {
        origin: String,
        bytes: Vec<u8>,
    },
    Html {
        origin: String,
        id: String,
        bytes: Vec<u8>,
        context: super::decode::PageContext,
    },
    /// An input that failed before decoding (unreadable file, broken WARC…).
    Problem {
        origin: String,
        message: String,
    },
    /// Input that holds no article and is no failure either: WARC records other than HTML
    /// responses. Only its bytes count, for progress.
    Skipped,
}

/// The kind of a file from its name, `None` for files a folder walk skips.
pub fn kind_of(path: &Path) -> Option<FileKind> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    Some(if name.ends_with(".warc.gz") || name.ends_with(".arc.gz") {
        FileKind::WarcGz
    } else if name.ends_with(".warc") {
        FileKind::Warc
    } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        FileKind::JsonLines
    } else if name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".xhtml") {
        FileKind::Html
    } else if name.ends_with(".txt") || name.ends_with(".text") {
        FileKind::Text
    } else {
        return None;
    })
}

/// The files the paths name: files as given (a name not recognised is read as text), and
/// every recognised file under a folder, recursively, in name order. Hidden files and folders
/// are skipped. Paths that cannot be listed become problems.
pub fn list(paths: &[PathBuf]) -> (Vec<InputFile>, Vec<(String, String)>) {
    let (mut files, mut problems) = (Vec::new(), Vec::new());
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut files, &mut problems),
            Ok(meta) => files.push(InputFile {
                path: path.clone(),
                kind: kind_of(path).unwrap_or(FileKind::Text),
                size: meta.len(),
            }),
            Err(err) => problems.push((path.display().to_string(), err.to_string())),
        }
    }
    (files, problems)
}

fn walk(dir: &Path, files: &mut Vec<InputFile>, problems: &mut Vec<(String, String)>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => return problems.push((dir.display().to_string(), err.to_string())),
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => walk(&path, files, problems),
            Ok(meta) => {
                if let Some(kind) = kind_of(&path) {
                    files.push(InputFile { path, kind, size: meta.len() });
                }
            }
            Err(err) => problems.push((path.display().to_string(), err.to_string())),
        }
    }
}

/// Reads one file, handing each unit to `emit` with the input bytes consumed since the last
/// one; stops early when `emit` returns false.
pub fn read_file(file: &InputFile, max_bytes: usize, emit: &mut dyn FnMut(Unit, u64) -> bool) {
    let origin = file.path.display().to_string();
    let stem = || {
        let name = file.path.file_name().and_then(|n| n.to_str()).unwrap_or("article");
        name.split('.').next().unwrap_or(name).to_string()
    };
    let problem = |message: String| Unit::Problem { origin: origin.clone(), message };
    match file.kind {
        FileKind::Text | FileKind::Html => {
            if file.size > max_bytes as u64 {
                emit(
                    problem(format!(
                        "article is {} bytes, over the --max-bytes limit of {max_bytes}",
                        file.size
                    )),
                    file.size,
                );
                return;
            }
            let unit = match std::fs::read(&file.path) {
                Ok(bytes) if file.kind == FileKind::Text => {
                    Unit::Text { origin: origin.clone(), id: stem(), bytes }
                }
                Ok(bytes) => Unit::Html {
                    origin: origin.clone(),
                    id: stem(),
                    bytes,
                    context: super::decode::PageContext { url: None, charset: None, fetched: None },
                },
                Err(err) => problem(err.to_string()),
            };
            emit(unit, file.size);
        }
        FileKind::JsonLines => read_json_lines(file, &origin, max_bytes, emit),
        FileKind::Warc | FileKind::WarcGz => read_warc(file, &origin, max_bytes, emit),
    }
}

fn read_json_lines(
    file: &InputFile,
    origin: &str,
    max_bytes: usize,
    emit: &mut dyn FnMut(Unit, u64) -> bool,
) {
    let mut input = match File::open(&file.path) {
        Ok(f) => BufReader::with_capacity(1 << 16, f),
        Err(err) => {
            emit(Unit::Problem { origin: origin.into(), message: err.to_string() }, file.size);
            return;
        }
    };
    // JSON escapes can make a line longer than its text; twice the limit is plenty.
    let max_line = (max_bytes as u64).saturating_mul(2);
    let mut line_no = 0u64;
    loop {
        line_no += 1;
        let line_origin = format!("{origin}:{line_no}");
        let mut line = Vec::new();
        let n = match input.by_ref().take(max_line + 1).read_until(b'\n', &mut line) {
            Ok(n) => n,
            Err(err) => {
                emit(Unit::Problem { origin: line_origin, message: err.to_string() }, 0);
                return;
            }
        };
        if n == 0 {
            return;
        }
        let mut consumed = n as u64;
        if line.len() as u64 > max_line && line.last() != Some(&b'\n') {
            // Skip the rest of the line without holding it.
            match skip_line(&mut input) {
                Ok(skipped) => consumed += skipped,
                Err(err) => {
                    emit(Unit::Problem { origin: line_origin, message: err.to_string() }, 0);
                    return;
                }
            }
            let message = format!("line longer than twice the --max-bytes limit of {max_bytes}");
            if !emit(Unit::Problem { origin: line_origin, message }, consumed) {
                return;
            }
            continue;
        }
        let text = line.strip_suffix(b"\n").unwrap_or(&line);
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        if text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let bytes = text.to_vec();
        if !emit(Unit::JsonLine { origin: line_origin, bytes }, consumed) {
            return;
        }
    }
}

fn skip_line(input: &mut impl BufRead) -> io::Result<u64> {
    let mut skipped = 0;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(skipped);
        }
        match memchr::memchr(b'\n', buf) {
            Some(i) => {
                input.consume(i + 1);
                return Ok(skipped + i as u64 + 1);
            }
            None => {
                let n = buf.len();
                input.consume(n);
                skipped += n as u64;
            }
        }
    }
}

/// Counts the bytes read through it, for progress in compressed files.
struct Counting<R> {
    inner: R,
    count: std::rc::Rc<std::cell::Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

fn read_warc(
    file: &InputFile,
    origin: &str,
    max_bytes: usize,
    emit: &mut dyn FnMut(Unit, u64) -> bool,
) {
    let raw = match File::open(&file.path) {
        Ok(f) => f,
        Err(err) => {
            emit(Unit::Problem { origin: origin.into(), message: err.to_string() }, file.size);
            return;
        }
    };
    let count = std::rc::Rc::new(std::cell::Cell::new(0));
    let counting = Counting { inner: BufReader::with_capacity(1 << 16, raw), count: count.clone() };
    let mut input: Box<dyn BufRead> = if file.kind == FileKind::WarcGz {
        Box::new(BufReader::with_capacity(1 << 16, flate2::read::MultiGzDecoder::new(counting)))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, counting))
    };
    let mut reported = 0u64;
    let mut consumed = || {
        let now = count.get().min(file.size);
        let delta = now - reported;
        reported = now;
        delta
    };
    let mut n = 0u64;
    loop {
        n += 1;
        let record_origin = format!("{origin}#{n}");
        // The HTTP headers come on top of the article: allow some room.
        let record = match warc::next_record(&mut input, max_bytes as u64 + (64 << 10)) {
            Ok(Some(record)) => record,
            Ok(None) => {
                emit_progress(emit, consumed());
                return;
            }
            Err(err) => {
                let message = format!("{err}; the records before it were read");
                emit(Unit::Problem { origin: record_origin, message }, file.size - reported);
                return;
            }
        };
        if record.kind != "response" {
            emit_progress(emit, consumed());
            continue;
        }
        let Some(block) = record.block else {
            let message = format!(
                "record of {} bytes, over the --max-bytes limit of {max_bytes}",
                record.length
            );
            if !emit(Unit::Problem { origin: record_origin, message }, consumed()) {
                return;
            }
            continue;
        };
        let unit = match warc::parse_http(&block, max_bytes as u64) {
            Err(message) => Some(Unit::Problem { origin: record_origin, message }),
            Ok(http) => {
                let html = http.content_type.as_deref().is_none_or(|t| t.contains("html"));
                if http.status != 200 || !html {
                    // Redirects, errors, images, PDFs: not articles, and not failures either.
                    None
                } else {
                    let charset = http.content_type.as_deref().and_then(|t| {
                        t.split(';')
                            .find_map(|p| p.trim().strip_prefix("charset="))
                            .map(|c| c.trim_matches(['"', '\'']).to_string())
                    });
                    let id = record.record_id.clone().unwrap_or_else(|| record_origin.clone());
                    let id = id.trim_start_matches("<urn:uuid:").trim_end_matches('>').to_string();
                    Some(Unit::Html {
                        origin: record_origin,
                        id,
                        bytes: http.body.into_owned(),
                        context: super::decode::PageContext {
                            url: record.target_uri,
                            charset,
                            fetched: record.date,
                        },
                    })
                }
            }
        };
        match unit {
            Some(unit) => {
                if !emit(unit, consumed()) {
                    return;
                }
            }
            None => emit_progress(emit, consumed()),
        }
    }
}

/// Reports the bytes of records that hold no article.
fn emit_progress(emit: &mut dyn FnMut(Unit, u64) -> bool, consumed: u64) {
    if consumed > 0 {
        emit(Unit::Skipped, consumed);
    }
}
