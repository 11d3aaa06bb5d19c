//! Input records as the command line and the corpus store read them: a JSON Lines record's
//! `id`, `text` and other fields, the size limit, and the check that a text is prose rather
//! than binary data. One place, so that `sayso extract` and `sayso ingest` accept the same
//! records and say the same thing about the ones they refuse.

use serde_json::{Map, Value};

/// One JSON Lines record, read and checked: `id` (a string, or a number written as one),
/// `text`, and every other field as it was.
#[derive(Debug)]
pub struct JsonRecord {
    /// The record's `id`.
    pub id: String,
    /// The record's `text`.
    pub text: String,
    /// The fields other than `id` and `text`.
    pub fields: Map<String, Value>,
}

/// Reads one JSON Lines record (the line's bytes, without its newline); the error is a
/// one-line reason, naming the record once its `id` is known.
pub fn json_record(bytes: &[u8], max_bytes: usize) -> Result<JsonRecord, String> {
    let line = std::str::from_utf8(bytes)
        .map_err(|err| format!("not valid UTF-8 (at byte {} of the line)", err.valid_up_to()))?;
    let record: Value = serde_json::from_str(line).map_err(|err| {
        let mut reason = err.to_string();
        // serde's position counts lines within our one line, which only confuses.
        if let Some(at) = reason.rfind(" at line ") {
            reason.truncate(at);
        }
        format!("not valid JSON ({reason} at column {})", err.column())
    })?;
    let Value::Object(mut fields) = record else {
        return Err("not a JSON object; expected {\"id\": …, \"text\": …}".to_string());
    };
    let id = match fields.remove("id") {
        Some(Value::String(id)) => id,
        Some(Value::Number(id)) => id.to_string(),
        Some(_) => return Err("\"id\" is not a string or a number".to_string()),
        None => return Err("record has no \"id\"".to_string()),
    };
    let text = match fields.remove("text") {
        Some(Value::String(text)) => text,
        Some(_) => return Err(format!("record {id:?}: \"text\" is not a string")),
        None => return Err(format!("record {id:?} has no \"text\"")),
    };
    let described = |reason: String| format!("record {id:?}: {reason}");
    if text.len() > max_bytes {
        return Err(described(too_large(text.len(), max_bytes)));
    }
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
        return Err(described(format!("binary data (a NUL character at byte {at})")));
    }
    check_text(&text).map_err(described)?;
    Ok(JsonRecord { id, text, fields })
}

/// A plain-text article's bytes as its text: within the size limit, UTF-8, and prose.
pub fn plain_text(bytes: Vec<u8>, max_bytes: usize) -> Result<String, String> {
    if bytes.len() > max_bytes {
        return Err(too_large(bytes.len(), max_bytes));
    }
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(format!("binary data (a NUL byte at byte {at})"));
    }
    let text = String::from_utf8(bytes).map_err(|err| {
        let at = err.utf8_error().valid_up_to();
        format!("not valid UTF-8 (at byte {at}); convert it to UTF-8 first")
    })?;
    check_text(&text)?;
    Ok(text)
}

/// The reason for refusing an article of `len` bytes over the `--max-bytes` limit.
pub fn too_large(len: impl std::fmt::Display, max_bytes: usize) -> String {
    format!("article is {len} bytes, over the --max-bytes limit of {max_bytes}")
}

/// Rejects text that is valid UTF-8 but plainly not prose: more than one char in ten is a
/// control character (white space aside). Real articles have next to none.
pub fn check_text(text: &str) -> Result<(), String> {
    // Counted on bytes, which is several times faster than decoding every char: a char starts
    // at every byte that is not a continuation byte; the control chars are U+0000-U+001F and
    // U+007F (one byte each) and U+0080-U+009F (0xC2 then 0x80-0x9F); the white space among
    // them is U+0009-U+000D and U+0085. The one-byte controls are counted in one branchless
    // pass (which the compiler vectorises), the two-byte ones at each 0xC2 (rare in prose),
    // and the chars only when there is a control char at all. The pass counts in bytes, a
    // chunk of 255 at a time, so that the vectors hold 16 counters rather than 2.
    let bytes = text.as_bytes();
    let is_control = |b: u8| (b < 0x20 && !(0x09..=0x0D).contains(&b)) || b == 0x7F;
    let ascii: usize = bytes
        .chunks(255)
        .map(|chunk| usize::from(chunk.iter().fold(0u8, |n, &b| n + u8::from(is_control(b)))))
        .sum();
    let latin1 = memchr::memchr_iter(0xC2, bytes)
        .filter(|&i| bytes.get(i + 1).is_some_and(|&b| (0x80..=0x9F).contains(&b) && b != 0x85))
        .count();
    let controls = ascii + latin1;
    if controls == 0 {
        return Ok(());
    }
    let chars: usize = bytes.iter().map(|&b| usize::from(b & 0xC0 != 0x80)).sum();
    if controls * 10 > chars {
        return Err(format!(
            "binary data ({controls} of {chars} characters are control characters)"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_counts_agree_with_char_classes() {
        let samples = [
            "plain text\n\twith white space\r\n",
            "\u{1}\u{2}\u{1f}\u{7f} and \u{80}\u{85}\u{9f}\u{a0} é ü 中文 🎉",
            "\u{1c}\u{1d}\u{1e}\u{1f}\u{0b}\u{0c}",
        ];
        for text in samples {
            let chars = text.chars().count();
            let controls = text.chars().filter(|c| c.is_control() && !c.is_whitespace()).count();
            let expected = controls > 0 && controls * 10 > chars;
            assert_eq!(check_text(text).is_err(), expected, "{text:?}");
            let message = check_text(text).err().unwrap_or_default();
            if expected {
                assert!(message.contains(&format!("{controls} of {chars}")), "{message}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn control_counts_agree_on_any_text(text in "(\\PC|\\p{Cc}|\\s){0,64}") {
            let chars = text.chars().count();
            let controls = text.chars().filter(|c| c.is_control() && !c.is_whitespace()).count();
            proptest::prop_assert_eq!(check_text(&text).is_err(), controls > 0 && controls * 10 > chars);
        }
    }

    #[test]
    fn json_records() {
        let a = json_record(br#"{"id": 7, "text": "x", "outlet": "BBC"}"#, 100).unwrap();
        assert_eq!((a.id.as_str(), a.text.as_str()), ("7", "x"));
        assert_eq!(a.fields["outlet"], "BBC");
        let err = |line: &[u8]| json_record(line, 100).unwrap_err();
        assert!(err(br#"{"id": "a""#).starts_with("not valid JSON (EOF while parsing"));
        assert!(err(br#"{"text": "x"}"#).contains("no \"id\""));
        assert!(err(br#"{"id": "a"}"#).contains("record \"a\" has no \"text\""));
        assert!(err(br#"{"id": "a", "text": 3}"#).contains("not a string"));
        assert!(err(br#"[1]"#).contains("not a JSON object"));
        assert!(err(br#"{"id": "a", "text": "\u0000"}"#).contains("NUL"));
        assert!(err(b"{\"id\": \"a\", \"text\": \"\xff\"}").contains("UTF-8"));
    }
}
