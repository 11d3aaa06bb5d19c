//! A small, careful WARC reader: records one at a time, each block bounded in memory.
//!
//! WARC/1.0 and 1.1 (ISO 28500): a version line, header lines, a blank line, then exactly
//! `Content-Length` bytes of block, then two CRLFs. Common Crawl News files are `.warc.gz`:
//! one gzip member per record, which a multi-member decoder reads as one stream.

use std::io::{self, BufRead, Read};

/// One record's headers, and its block when it is small enough to keep.
pub struct Record {
    /// `WARC-Type`: `response`, `request`, `warcinfo`, `metadata`…
    pub kind: String,
    pub target_uri: Option<String>,
    pub date: Option<String>,
    pub record_id: Option<String>,
    /// `None` when the block was larger than the limit and was skipped unread.
    pub block: Option<Vec<u8>>,
    pub length: u64,
}

/// Why reading stopped.
#[derive(Debug)]
pub enum WarcError {
    /// The bytes are not a WARC record (and nothing after can be trusted).
    Format(String),
    /// The file ended inside a record, or gzip data was cut short or damaged.
    Io(io::Error),
}

impl std::fmt::Display for WarcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WarcError::Format(message) => f.write_str(message),
            WarcError::Io(err) if err.kind() == io::ErrorKind::UnexpectedEof => {
                f.write_str("the file ends inside a record (truncated?)")
            }
            WarcError::Io(err) => write!(f, "{err}"),
        }
    }
}

impl From<io::Error> for WarcError {
    fn from(err: io::Error) -> WarcError {
        WarcError::Io(err)
    }
}

/// Header lines longer than this mean the input is not WARC.
const MAX_HEADER_LINE: u64 = 64 << 10;
const MAX_HEADER_LINES: usize = 1000;

/// Reads the next record, `Ok(None)` at a clean end of input. Blocks over `max_block` bytes
/// are skipped (read through, not kept).
pub fn next_record(input: &mut impl BufRead, max_block: u64) -> Result<Option<Record>, WarcError> {
    let mut line = Vec::new();
    // Tolerate stray blank lines between records.
    loop {
        line.clear();
        let n = input.by_ref().take(MAX_HEADER_LINE).read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(None);
        }
        if !trim_eol(&line).is_empty() {
            break;
        }
    }
    if !line.starts_with(b"WARC/") {
        return Err(WarcError::Format("not a WARC record (no WARC/ version line)".into()));
    }
    let mut record = Record {
        kind: String::new(),
        target_uri: None,
        date: None,
        record_id: None,
        block: None,
        length: 0,
    };
    let mut length = None;
    for _ in 0..MAX_HEADER_LINES {
        line.clear();
        let n = input.by_ref().take(MAX_HEADER_LINE).read_until(b'\n', &mut line)?;
        if n == 0 {
            return Err(WarcError::Io(io::ErrorKind::UnexpectedEof.into()));
        }
        let header = trim_eol(&line);
        if header.is_empty() {
            let Some(length) = length else {
                return Err(WarcError::Format("WARC record without Content-Length".into()));
            };
            record.length = length;
            record.block = read_block(input, length, max_block)?;
            // The record ends with CRLF CRLF; tolerate LF-only writers. Whatever else
            // follows is the next record's problem.
            let mut newlines = 0;
            for _ in 0..4 {
                match input.fill_buf()?.first() {
                    Some(b'\n') => newlines += 1,
                    Some(b'\r') => {}
                    _ => break,
                }
                input.consume(1);
                if newlines == 2 {
                    break;
                }
            }
            return Ok(Some(record));
        }
        let text = String::from_utf8_lossy(header);
        let Some((name, value)) = text.split_once(':') else {
            return Err(WarcError::Format(format!("bad WARC header line {text:?}")));
        };
        let value = value.trim().to_string();
        match name.trim().to_ascii_lowercase().as_str() {
            "warc-type" => record.kind = value,
            "warc-target-uri" => record.target_uri = Some(value.trim_matches(['<', '>']).into()),
            "warc-date" => record.date = Some(value),
            "warc-record-id" => record.record_id = Some(value),
            "content-length" => {
                length = Some(
                    value
                        .parse()
                        .map_err(|_| WarcError::Format(format!("bad Content-Length {value:?}")))?,
                )
            }
            _ => {}
        }
    }
    Err(WarcError::Format("a WARC record with too many header lines".into()))
}

fn read_block(
    input: &mut impl BufRead,
    length: u64,
    max: u64,
) -> Result<Option<Vec<u8>>, WarcError> {
    if length > max {
        let skipped = io::copy(&mut input.by_ref().take(length), &mut io::sink())?;
        if skipped < length {
            return Err(WarcError::Io(io::ErrorKind::UnexpectedEof.into()));
        }
        return Ok(None);
    }
    let mut block = Vec::with_capacity(length as usize);
    input.by_ref().take(length).read_to_end(&mut block)?;
    if (block.len() as u64) < length {
        return Err(WarcError::Io(io::ErrorKind::UnexpectedEof.into()));
    }
    Ok(Some(block))
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// An HTTP response as a WARC `response` block holds it.
pub struct HttpResponse<'a> {
    pub status: u16,
    /// The `Content-Type` header, lower-cased.
    pub content_type: Option<String>,
    pub body: std::borrow::Cow<'a, [u8]>,
}

/// Splits an HTTP response into status, content type and body (chunked transfer encoding and
/// gzip or deflate content encoding undone).
pub fn parse_http(block: &[u8], max_body: u64) -> Result<HttpResponse<'_>, String> {
    let end = memchr_find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| memchr_find(block, b"\n\n").map(|i| (i, i + 2)))
        .ok_or("HTTP response without a blank line after the headers")?;
    let head = String::from_utf8_lossy(&block[..end.0]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .filter(|_| status_line.starts_with("HTTP/"))
        .ok_or_else(|| format!("bad HTTP status line {status_line:?}"))?;
    let (mut content_type, mut chunked, mut encoding) = (None, false, None);
    for line in lines {
        let Some((name, value)) = line.split_once(':') else { continue };
        let value = value.trim().to_ascii_lowercase();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = Some(value),
            "transfer-encoding" => chunked = value.contains("chunked"),
            "content-encoding" => encoding = Some(value),
            _ => {}
        }
    }
    let mut body = std::borrow::Cow::Borrowed(&block[end.1..]);
    if chunked {
        body = std::borrow::Cow::Owned(dechunk(&body).ok_or("broken chunked encoding")?);
    }
    match encoding.as_deref() {
        Some("gzip" | "x-gzip") => {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(&body[..])
                .take(max_body + 1)
                .read_to_end(&mut out)
                .map_err(|e| format!("gzip content encoding: {e}"))?;
            body = std::borrow::Cow::Owned(out);
        }
        Some("deflate") => {
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(&body[..])
                .take(max_body + 1)
                .read_to_end(&mut out)
                .map_err(|e| format!("deflate content encoding: {e}"))?;
            body = std::borrow::Cow::Owned(out);
        }
        _ => {}
    }
    Ok(HttpResponse { status, content_type, body })
}

fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let eol = memchr_find(body, b"\r\n")?;
        let size_text = std::str::from_utf8(&body[..eol]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        body = &body[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?;
        body = body.strip_prefix(b"\r\n").unwrap_or(body);
    }
}

fn memchr_find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: https://x.org/a\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    #[test]
    fn reads_records_and_stops_at_the_end() {
        let mut input = record("warcinfo", b"software: x");
        input.extend(record(
            "response",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>hi</p>",
        ));
        let mut reader = &input[..];
        let first = next_record(&mut reader, 1 << 20).unwrap().unwrap();
        assert_eq!(first.kind, "warcinfo");
        let second = next_record(&mut reader, 1 << 20).unwrap().unwrap();
        assert_eq!(second.target_uri.as_deref(), Some("https://x.org/a"));
        let http = parse_http(second.block.as_deref().unwrap(), 1 << 20).unwrap();
        assert_eq!((http.status, &http.body[..]), (200, &b"<p>hi</p>"[..]));
        assert!(next_record(&mut reader, 1 << 20).unwrap().is_none());
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        assert!(next_record(&mut &b"GIF89a"[..], 100).is_err());
        let input = record("response", b"0123456789");
        assert!(next_record(&mut &input[..input.len() - 8], 100).is_err());
        // Too large a block is skipped, and the next record still reads.
        let mut two = record("response", b"0123456789");
        two.extend(record("metadata", b"x"));
        let mut reader = &two[..];
        assert!(next_record(&mut reader, 5).unwrap().unwrap().block.is_none());
        assert_eq!(next_record(&mut reader, 5).unwrap().unwrap().kind, "metadata");
        assert!(parse_http(b"garbage", 10).is_err());
        assert_eq!(dechunk(b"3\r\nabc\r\n0\r\n\r\n").as_deref(), Some(&b"abc"[..]));
        assert_eq!(dechunk(b"ff\r\nabc"), None);
    }

    proptest::proptest! {
        #[test]
        fn no_panic_on_any_bytes(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600)) {
            let mut prefixed = b"WARC/1.0\r\nContent-Length: 40\r\n\r\n".to_vec();
            prefixed.extend_from_slice(&bytes);
            for input in [&bytes[..], &prefixed[..]] {
                let mut reader = input;
                while let Ok(Some(record)) = next_record(&mut reader, 100) {
                    if let Some(block) = record.block {
                        let _ = parse_http(&block, 100);
                    }
                }
            }
            let _ = parse_http(&bytes, 100);
            let _ = dechunk(&bytes);
        }
    }
}
