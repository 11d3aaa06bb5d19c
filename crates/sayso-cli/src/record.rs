//! Decoding: turns a raw [`Unit`](crate::input::Unit)'s bytes into an [`Article`] ready for
//! the engine, or into the one-line reason it cannot be one.
//!
//! Runs on the worker threads, so UTF-8 checks and JSON parsing happen in parallel.

use serde_json::{Map, Value};

/// An article as read: what the engine and the wire format need.
#[derive(Debug)]
pub struct Article {
    pub id: String,
    pub text: String,
    /// A JSON Lines record's fields other than `id` and `text`; `None` for plain text.
    pub meta: Option<Map<String, Value>>,
}

/// A plain-text article.
pub fn from_text(id: String, bytes: Vec<u8>, max_bytes: usize) -> Result<Article, String> {
    Ok(Article { id, text: sayso::input::plain_text(bytes, max_bytes)?, meta: None })
}

/// One JSON Lines record: an object with `id` and `text`, the other fields kept as `meta`.
pub fn from_json_line(bytes: &[u8], max_bytes: usize) -> Result<Article, String> {
    let record = sayso::input::json_record(bytes, max_bytes)?;
    Ok(Article { id: record.id, text: record.text, meta: Some(record.fields) })
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! rejects {
        ($name:ident, $bytes:expr, $reason:expr) => {
            #[test]
            fn $name() {
                let err = from_text("a".into(), $bytes.to_vec(), 100).unwrap_err();
                assert!(err.contains($reason), "{err:?} should say {:?}", $reason);
            }
        };
    }

    rejects!(nul_byte, b"abc\0def", "NUL byte at byte 3");
    rejects!(latin1, b"caf\xe9", "not valid UTF-8 (at byte 3)");
    rejects!(controls, b"\x01\x02\x03 text", "control characters");
    rejects!(too_large, [b'a'; 101], "over the --max-bytes limit of 100");

    #[test]
    fn accepts_prose_and_empty_text() {
        assert_eq!(
            from_text("a".into(), b"\xe2\x80\x9cHi\xe2\x80\x9d\r\n\t\x0c".to_vec(), 100)
                .unwrap()
                .text,
            "“Hi”\r\n\t\x0c"
        );
        assert_eq!(from_text("e".into(), Vec::new(), 100).unwrap().text, "");
    }

    #[test]
    fn json_records_keep_their_other_fields_as_meta() {
        let a = from_json_line(br#"{"id": 7, "text": "x", "outlet": "BBC"}"#, 100).unwrap();
        assert_eq!((a.id.as_str(), a.text.as_str()), ("7", "x"));
        assert_eq!(a.meta.unwrap()["outlet"], "BBC");
        assert!(from_json_line(br#"{"id": "a"}"#, 100).unwrap_err().contains("has no \"text\""));
    }
}
