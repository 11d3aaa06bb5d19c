//! Decoding: turns one input's bytes into a [`Document`] (text plus metadata), or into the
//! one-line reason it cannot be one. Runs on the worker threads.

use serde_json::{Map, Value};

use crate::{normalize, ArticleMeta, Date};

/// An article read from an input, before extraction.
#[derive(Debug)]
pub struct Document {
    pub source_id: String,
    pub text: String,
    pub meta: ArticleMeta,
    pub extra: Map<String, Value>,
}

/// A plain-text article: UTF-8 only, as `sayso extract` takes it.
pub fn from_text(id: String, bytes: Vec<u8>, max_bytes: usize) -> Result<Document, String> {
    let text = sayso::input::plain_text(bytes, max_bytes)?;
    not_empty(&text)?;
    Ok(Document { source_id: id, text, meta: ArticleMeta::default(), extra: Map::new() })
}

/// One JSON Lines record: `id` and `text`, and optionally `url`, `outlet`, `published`,
/// `title`, `author`; other fields are kept as they are.
pub fn from_json_line(bytes: &[u8], max_bytes: usize) -> Result<Document, String> {
    let sayso::input::JsonRecord { id, text, mut fields } =
        sayso::input::json_record(bytes, max_bytes)?;
    not_empty(&text).map_err(|reason| format!("record {id:?}: {reason}"))?;
    let mut take = |name: &str| match fields.remove(name) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::Null | Value::String(_)) | None => None,
        Some(other) => Some(other.to_string()),
    };
    let url = take("url");
    let outlet = take("outlet").or_else(|| url.as_deref().and_then(normalize::url_host));
    let published = take("published");
    let meta = ArticleMeta {
        date: published.as_deref().and_then(Date::parse_lenient),
        url,
        outlet,
        published,
        title: take("title"),
        author: take("author"),
    };
    Ok(Document { source_id: id, text, meta, extra: fields })
}

/// Where an HTML page came from, besides its bytes.
pub struct PageContext {
    pub url: Option<String>,
    /// The charset an HTTP header declared.
    pub charset: Option<String>,
    /// The crawl date (a WARC-Date), used when the page gives no date of its own.
    pub fetched: Option<String>,
}

/// An HTML page: the main text by readability, the metadata from its meta tags.
pub fn from_html(
    id: String,
    bytes: &[u8],
    context: PageContext,
    max_bytes: usize,
) -> Result<Document, String> {
    check_size(bytes.len(), max_bytes)?;
    if bytes.iter().take(4096).filter(|&&b| b == 0).count() > 0 {
        return Err("binary data, not HTML (a NUL byte)".into());
    }
    let html = decode_charset(bytes, context.charset.as_deref());
    let page = super::html::readable(&html, context.url.as_deref())?;
    let text = page.text;
    not_empty(&text)?;
    sayso::input::check_text(&text)?;
    let url = page.url.or(context.url);
    let published = page.published.or(context.fetched);
    let meta = ArticleMeta {
        date: published.as_deref().and_then(Date::parse_lenient),
        outlet: page.site_name.or_else(|| url.as_deref().and_then(normalize::url_host)),
        url,
        published,
        title: page.title,
        author: page.byline,
    };
    Ok(Document { source_id: id, text, meta, extra: Map::new() })
}

/// Bytes to text: the HTTP charset, else a `<meta charset>`, else a byte-order mark, else
/// UTF-8 when the bytes are valid UTF-8, else chardetng's guess.
pub fn decode_charset(bytes: &[u8], declared: Option<&str>) -> String {
    let label = declared.map(str::to_string).or_else(|| meta_charset(bytes));
    let encoding = label.and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes()));
    let encoding = match encoding {
        Some(encoding) => encoding,
        None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8,
        None => {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            detector.guess(None, true)
        }
    };
    // `decode` honours a byte-order mark over the label, as browsers do.
    encoding.decode(bytes).0.into_owned()
}

/// The charset of `<meta charset=…>` or `<meta http-equiv content="…; charset=…">` in the
/// first 4 KiB.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let value: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!value.is_empty()).then_some(value)
}

fn check_size(len: usize, max_bytes: usize) -> Result<(), String> {
    if len > max_bytes {
        return Err(sayso::input::too_large(len, max_bytes));
    }
    Ok(())
}

/// Rejects an article with no text: the corpus keeps no empty articles (`sayso extract`
/// just finds nothing in them).
fn not_empty(text: &str) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err("empty article (no text)".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_records() {
        let doc = from_json_line(
            br#"{"id": 7, "text": "Hi.", "url": "https://www.bbc.co.uk/n", "published": "2024-03-05T10:00Z", "lang": "en"}"#,
            1000,
        )
        .unwrap();
        assert_eq!(doc.source_id, "7");
        assert_eq!(doc.meta.outlet.as_deref(), Some("bbc.co.uk"));
        assert_eq!(doc.meta.date.map(|d| d.to_string()).as_deref(), Some("2024-03-05"));
        assert_eq!(doc.extra.get("lang"), Some(&Value::String("en".into())));
        assert!(from_json_line(br#"{"id": 1}"#, 100).unwrap_err().contains("no \"text\""));
        assert!(from_json_line(br#"{"id": 1, "text": " "}"#, 100).unwrap_err().contains("empty"));
        assert!(from_json_line(b"[1]", 100).is_err());
        assert!(from_json_line(b"{\"id\":", 100).unwrap_err().contains("not valid JSON"));
    }

    #[test]
    fn text_files() {
        assert!(from_text("a".into(), b"ok \xff".to_vec(), 100).unwrap_err().contains("UTF-8"));
        assert!(from_text("a".into(), b"a\0b".to_vec(), 100).unwrap_err().contains("binary"));
        assert!(from_text("a".into(), b"long".to_vec(), 3).unwrap_err().contains("--max-bytes"));
        assert!(from_text("a".into(), Vec::new(), 3).unwrap_err().contains("empty"));
    }

    #[test]
    fn charsets() {
        assert_eq!(decode_charset(b"caf\xe9", Some("iso-8859-1")), "café");
        assert_eq!(
            decode_charset(b"<meta charset=\"windows-1252\">\x93x\x94", None),
            "<meta charset=\"windows-1252\">“x”"
        );
        assert_eq!(decode_charset("café".as_bytes(), None), "café");
        // No label, not UTF-8: chardetng guesses a single-byte encoding.
        assert!(
            decode_charset(b"Le caf\xe9 est tr\xe8s bon, d\xe9j\xe0 vu.", None).contains("café")
        );
    }

    proptest::proptest! {
        #[test]
        fn no_panic_on_any_bytes(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
            let _ = from_text("x".into(), bytes.clone(), 1000);
            let _ = from_json_line(&bytes, 1000);
            let _ = decode_charset(&bytes, None);
            let context = PageContext { url: Some("https://x.org/".into()), charset: None, fetched: None };
            let _ = from_html("x".into(), &bytes, context, 1000);
        }
    }
}
