//! The JSON Lines contract: what `sayso extract` prints, one [`Article`] per line.
//!
//! These types are the promise made to users and are kept apart from the engine's domain
//! types in [`crate::attribution`]. `docs/output.md` documents the same format for readers who
//! do not read Rust. Field by field:
//!
//! ```text
//! {"id": "…",
//!  "attributions": [
//!    {"kind": "direct" | "indirect" | "mixed",
//!     "content": [{"start": 1200, "end": 1650, "text": "…"}],
//!     "cue":     {"start": …, "end": …, "text": "said"} | null,
//!     "source":  {"start": …, "end": …, "text": "Ms Okafor"} | null,
//!     "speaker": {"name": "…", "kind": "person" | …, "description": "…" | null,
//!                 "entity": 0 | null} | null,
//!     "confidence": 0.0-1.0}],
//!  "boilerplate": [{"start": …, "end": …, "text": "READ MORE: …"}],
//!  "entities": [
//!    {"id": 0, "name": "Amara Okafor", "named": true,
//!     "kind": "person" | "organization" | "place" | "other",
//!     "descriptions": ["water minister"],
//!     "mentions": [{"start": …, "end": …, "text": "Ms Okafor"}],
//!     "quoted": 5}],
//!  "meta": {…}}
//! ```

use serde::{Deserialize, Serialize};

use crate::attribution::{Attribution as DomainAttribution, Extraction, Speaker as DomainSpeaker};
use crate::speakers::Entity as DomainEntity;
use crate::Span as DomainSpan;

/// The unit offsets are counted in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OffsetUnit {
    /// UTF-8 bytes into the text exactly as given (the default).
    #[default]
    Bytes,
    /// Unicode code points, as Python string indices and brat standoff files count.
    Chars,
}

/// One article's extraction, as printed on one line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The article's identifier: the file stem, or the `id` of a JSON Lines record.
    pub id: String,
    /// Every attribution found, ordered by the start of its first content fragment.
    pub attributions: Vec<Attribution>,
    /// Web junk that is not part of the article's prose, ordered by start.
    pub boilerplate: Vec<Span>,
    /// Everyone and everything the article mentions by name, and every source's referent,
    /// in order of first mention; speakers point here by `id`.
    #[serde(default)]
    pub entities: Vec<Entity>,
    /// The input record's other fields, passed through untouched (JSON Lines input only).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub meta: Option<serde_json::Map<String, serde_json::Value>>,
}

/// One attributed statement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// `direct` (in quotation marks), `indirect` (reported) or `mixed` (reported with a
    /// partial quote).
    pub kind: String,
    /// The content as one or more fragments in text order.
    pub content: Vec<Span>,
    /// The reporting verb or phrase (`said`, `according to`, `:`), or null.
    pub cue: Option<Span>,
    /// The source mention as written, or null when the text names none.
    pub source: Option<Span>,
    /// Who the source is, or null when there is no source.
    pub speaker: Option<Speaker>,
    /// The engine's confidence, from 0 to 1.
    pub confidence: f32,
}

/// A piece of the article: offsets into the text as given, end exclusive, and the text itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// First byte (or char, with `--offsets chars`).
    pub start: usize,
    /// One past the last byte (or char).
    pub end: usize,
    /// Exactly the text between `start` and `end`.
    pub text: String,
}

/// Who an attribution is credited to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// Canonical name: the fullest name of the entity the source refers to, as written in
    /// the article, without honorifics or titles (`Amara Okafor` for `she` or `Ms Okafor`);
    /// the source mention itself when the article never names the speaker (`a senior
    /// official`).
    pub name: String,
    /// `person`, `organization`, `anonymous`, `group`, `document` or `unknown`.
    pub kind: String,
    /// A role or description (`the paper's Paris correspondent`): the source's own
    /// appositive or premodifier, else the entity's first description; or null.
    pub description: Option<String>,
    /// The `id` of the entity in the article's `entities` the source refers to, or null.
    #[serde(default)]
    pub entity: Option<usize>,
}

/// An entity of the article: a named person, organisation or place, or the referent of an
/// unnamed source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Its index in the article's `entities`, which speakers refer to.
    pub id: usize,
    /// The fullest name written in the article, without honorifics or titles; for an
    /// unnamed entity, the source mention (`a senior official`).
    pub name: String,
    /// False when the article never names it (`a senior official`, `sources`, `a poll`).
    pub named: bool,
    /// `person`, `organization`, `place` or `other`.
    pub kind: String,
    /// Roles and descriptions the article gives it (`the Guardian’s Paris correspondent`,
    /// `transport minister`), in text order, without repeats.
    pub descriptions: Vec<String>,
    /// Every mention (names, and the pronouns and descriptions resolved to it), in text
    /// order.
    pub mentions: Vec<Span>,
    /// How many attributions it is the speaker of.
    pub quoted: usize,
}

/// Converts byte offsets into the chosen unit, for one text.
///
/// Char offsets are counted from the last offset converted, so converting spans that come
/// roughly in text order costs about one walk of the text, not one walk per span.
pub struct OffsetMap<'t> {
    text: &'t str,
    unit: OffsetUnit,
    /// The last (byte, char) pair converted.
    cursor: std::cell::Cell<(usize, usize)>,
}

impl<'t> OffsetMap<'t> {
    /// A converter for `text`.
    pub fn new(text: &'t str, unit: OffsetUnit) -> OffsetMap<'t> {
        OffsetMap { text, unit, cursor: std::cell::Cell::new((0, 0)) }
    }

    fn convert(&self, offset: usize) -> usize {
        match self.unit {
            OffsetUnit::Bytes => offset,
            OffsetUnit::Chars => {
                let (byte, chars) = self.cursor.get();
                let count = if offset >= byte {
                    chars + char_count(&self.text.as_bytes()[byte..offset])
                } else {
                    chars - char_count(&self.text.as_bytes()[offset..byte])
                };
                self.cursor.set((offset, count));
                count
            }
        }
    }

    /// The wire form of a domain span.
    pub fn span(&self, span: DomainSpan) -> Span {
        Span {
            start: self.convert(span.start),
            end: self.convert(span.end),
            text: self.text[span.range()].to_string(),
        }
    }
}

/// The number of chars in a slice of UTF-8 cut on char boundaries.
fn char_count(bytes: &[u8]) -> usize {
    // Every char has exactly one byte that is not a continuation byte (0b10xx_xxxx).
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl Article {
    /// The wire form of one article's extraction.
    pub fn new(
        id: impl Into<String>,
        text: &str,
        extraction: &Extraction,
        unit: OffsetUnit,
        meta: Option<serde_json::Map<String, serde_json::Value>>,
    ) -> Article {
        let map = OffsetMap::new(text, unit);
        Article {
            id: id.into(),
            attributions: extraction
                .attributions
                .iter()
                .map(|a| Attribution::new(a, &map))
                .collect(),
            boilerplate: extraction.boilerplate.iter().map(|&s| map.span(s)).collect(),
            entities: extraction.entities.iter().map(|e| Entity::new(e, &map)).collect(),
            meta,
        }
    }
}

impl Attribution {
    fn new(a: &DomainAttribution, map: &OffsetMap<'_>) -> Attribution {
        Attribution {
            kind: a.kind.as_str().to_string(),
            content: a.content.iter().map(|&s| map.span(s)).collect(),
            cue: a.cue.map(|s| map.span(s)),
            source: a.source.map(|s| map.span(s)),
            speaker: a.speaker.as_ref().map(Speaker::new),
            confidence: wire_confidence(a.confidence),
        }
    }
}

impl Speaker {
    fn new(s: &DomainSpeaker) -> Speaker {
        Speaker {
            name: s.name.clone(),
            kind: s.kind.as_str().to_string(),
            description: s.description.clone(),
            entity: s.entity,
        }
    }
}

impl Entity {
    fn new(e: &DomainEntity, map: &OffsetMap<'_>) -> Entity {
        Entity {
            id: e.id,
            name: e.name.clone(),
            named: e.named,
            kind: e.kind.as_str().to_string(),
            descriptions: e.descriptions.clone(),
            mentions: e.mentions.iter().map(|&s| map.span(s)).collect(),
            quoted: e.quoted,
        }
    }
}

/// A confidence as printed: rounded to three decimals.
fn wire_confidence(confidence: f32) -> f32 {
    (confidence * 1000.0).round() / 1000.0
}

/// Appends one article's JSON line (without the line ending) to `out`: the same bytes as
/// `serde_json::to_writer` of [`Article::new`] with the same arguments, written straight
/// from the extraction.
///
/// `sayso extract` prints every article through this: building the [`Article`] copied every
/// span's text, and serde's string escaping went byte by byte, together 14% of `--rules`.
/// The tests hold it to the serde output.
pub fn write_jsonl(
    out: &mut Vec<u8>,
    id: &str,
    text: &str,
    extraction: &Extraction,
    unit: OffsetUnit,
    meta: Option<&serde_json::Map<String, serde_json::Value>>,
) -> serde_json::Result<()> {
    let map = OffsetMap::new(text, unit);
    let json = &mut Json { out, map: &map };
    json.raw("{\"id\":");
    json.str(id);
    json.raw(",\"attributions\":[");
    for (i, a) in extraction.attributions.iter().enumerate() {
        json.raw(if i == 0 { "{\"kind\":" } else { ",{\"kind\":" });
        json.str(a.kind.as_str());
        json.raw(",\"content\":");
        json.spans(&a.content);
        json.raw(",\"cue\":");
        json.optional_span(a.cue);
        json.raw(",\"source\":");
        json.optional_span(a.source);
        json.raw(",\"speaker\":");
        match &a.speaker {
            None => json.raw("null"),
            Some(s) => {
                json.raw("{\"name\":");
                json.str(&s.name);
                json.raw(",\"kind\":");
                json.str(s.kind.as_str());
                json.raw(",\"description\":");
                match &s.description {
                    Some(d) => json.str(d),
                    None => json.raw("null"),
                }
                json.raw(",\"entity\":");
                match s.entity {
                    Some(e) => json.number(e),
                    None => json.raw("null"),
                }
                json.raw("}");
            }
        }
        json.raw(",\"confidence\":");
        serde_json::to_writer(&mut *json.out, &wire_confidence(a.confidence))?;
        json.raw("}");
    }
    json.raw("],\"boilerplate\":");
    json.spans(&extraction.boilerplate);
    json.raw(",\"entities\":[");
    for (i, e) in extraction.entities.iter().enumerate() {
        json.raw(if i == 0 { "{\"id\":" } else { ",{\"id\":" });
        json.number(e.id);
        json.raw(",\"name\":");
        json.str(&e.name);
        json.raw(if e.named { ",\"named\":true" } else { ",\"named\":false" });
        json.raw(",\"kind\":");
        json.str(e.kind.as_str());
        json.raw(",\"descriptions\":[");
        for (j, d) in e.descriptions.iter().enumerate() {
            if j > 0 {
                json.raw(",");
            }
            json.str(d);
        }
        json.raw("],\"mentions\":");
        json.spans(&e.mentions);
        json.raw(",\"quoted\":");
        json.number(e.quoted);
        json.raw("}");
    }
    json.raw("]");
    if let Some(meta) = meta {
        json.raw(",\"meta\":");
        serde_json::to_writer(&mut *json.out, meta)?;
    }
    json.raw("}");
    Ok(())
}

/// [`write_jsonl`]'s output and offset converter.
struct Json<'o, 'm, 't> {
    out: &'o mut Vec<u8>,
    map: &'m OffsetMap<'t>,
}

impl Json<'_, '_, '_> {
    fn raw(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
    }

    /// `n` in decimal, two digits a step from a table (as the `itoa` crate does): offsets
    /// run to five or six digits, and a division a digit was most of a number's cost.
    fn number(&mut self, n: usize) {
        const PAIRS: [u8; 200] = {
            let mut pairs = [0u8; 200];
            let mut i = 0;
            while i < 100 {
                pairs[2 * i] = b'0' + (i / 10) as u8;
                pairs[2 * i + 1] = b'0' + (i % 10) as u8;
                i += 1;
            }
            pairs
        };
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut n = n;
        while n >= 100 {
            let pair = 2 * (n % 100);
            n /= 100;
            at -= 2;
            digits[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
        }
        if n >= 10 {
            at -= 2;
            digits[at..at + 2].copy_from_slice(&PAIRS[2 * n..2 * n + 2]);
        } else {
            at -= 1;
            digits[at] = b'0' + n as u8;
        }
        self.out.extend_from_slice(&digits[at..]);
    }

    /// `{"start":…,"end":…,"text":…}`.
    fn span(&mut self, span: DomainSpan) {
        self.raw("{\"start\":");
        self.number(self.map.convert(span.start));
        self.raw(",\"end\":");
        self.number(self.map.convert(span.end));
        self.raw(",\"text\":");
        let text = self.map.text;
        self.str(&text[span.range()]);
        self.raw("}");
    }

    fn optional_span(&mut self, span: Option<DomainSpan>) {
        match span {
            Some(s) => self.span(s),
            None => self.raw("null"),
        }
    }

    fn spans(&mut self, spans: &[DomainSpan]) {
        self.raw("[");
        for (i, &s) in spans.iter().enumerate() {
            if i > 0 {
                self.raw(",");
            }
            self.span(s);
        }
        self.raw("]");
    }

    /// A JSON string, escaped as serde_json escapes: `"`, `\\` and the control chars below
    /// U+0020 (`\b \t \n \f \r` by name, the others as `\u00xx`), nothing else.
    fn str(&mut self, s: &str) {
        let bytes = s.as_bytes();
        self.out.reserve(bytes.len() + 2);
        self.out.push(b'"');
        let mut run = 0;
        let mut i = 0;
        while i < bytes.len() {
            // Eight bytes at a time while none needs escaping (most of any text).
            if let Some(chunk) = bytes.get(i..i + 8) {
                let mut word = [0u8; 8];
                word.copy_from_slice(chunk);
                if !needs_escape(u64::from_le_bytes(word)) {
                    i += 8;
                    continue;
                }
            }
            let b = bytes[i];
            let escape: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                0x08 => b"\\b",
                0x09 => b"\\t",
                0x0A => b"\\n",
                0x0C => b"\\f",
                0x0D => b"\\r",
                0x00..=0x1F => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.out.extend_from_slice(&bytes[run..i]);
                    self.out.extend_from_slice(b"\\u00");
                    self.out.push(HEX[usize::from(b >> 4)]);
                    self.out.push(HEX[usize::from(b & 0xF)]);
                    i += 1;
                    run = i;
                    continue;
                }
                _ => {
                    i += 1;
                    continue;
                }
            };
            self.out.extend_from_slice(&bytes[run..i]);
            self.out.extend_from_slice(escape);
            i += 1;
            run = i;
        }
        self.out.extend_from_slice(&bytes[run..]);
        self.out.push(b'"');
    }
}

/// True when one of the eight bytes of `word` is `"`, `\\` or below 0x20 (exact: the
/// classic "has a zero byte" and "has a byte less than n" tests have no false negatives
/// and, asked only whether any byte matches, no false positives).
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS != 0;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGHS != 0;
    below_space
        || has_zero(word ^ (ONES * u64::from(b'"')))
        || has_zero(word ^ (ONES * u64::from(b'\\')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points() {
        let text = "é “Hi” x";
        assert_eq!(char_count(&text.as_bytes()[..2]), 1);
        assert_eq!(char_count(text.as_bytes()), text.chars().count());
        let map = OffsetMap::new(text, OffsetUnit::Chars);
        let start = text.find('“').unwrap();
        let end = text.find('”').unwrap() + '”'.len_utf8();
        let span = map.span(DomainSpan::new(start, end));
        assert_eq!((span.start, span.end, span.text.as_str()), (2, 6, "“Hi”"));
        // Going backwards from the cursor works too.
        assert_eq!(map.span(DomainSpan::new(2, 2)).start, 1);
    }

    /// `write_jsonl` against serde over the wire types, for both engines and both units.
    fn same_as_serde(text: &str, extractor: &crate::Extractor) {
        let extraction = extractor.extract(text);
        let mut meta = serde_json::Map::new();
        meta.insert("outlet".into(), serde_json::json!({"name": "Tab\there", "n": [1, 2.5]}));
        for unit in [OffsetUnit::Bytes, OffsetUnit::Chars] {
            for meta in [None, Some(&meta)] {
                let article = Article::new("id \"7\"", text, &extraction, unit, meta.cloned());
                let expected = serde_json::to_vec(&article).expect("serde");
                let mut written = Vec::new();
                write_jsonl(&mut written, "id \"7\"", text, &extraction, unit, meta)
                    .expect("written");
                assert_eq!(String::from_utf8_lossy(&written), String::from_utf8_lossy(&expected));
            }
        }
    }

    #[test]
    fn written_json_is_serdes() {
        let texts = [
            "“We will win,” said Amara Okafor, the water minister. She added that \"costs\" fell.",
            "Ms Okafor said: “It is a \\ path\tto\u{1}\u{1f}\u{7f} \u{2028} victory.”\n\nReuters said \
             the plan, according to officials, would fail. “Never,” he said.",
            "",
            "No attribution here at all, é ü 中文 🎉.",
        ];
        for text in texts {
            same_as_serde(text, &crate::Extractor::rules());
            same_as_serde(text, &crate::Extractor::default());
        }
    }

    #[test]
    fn numbers_print_as_to_string_does() {
        let map = OffsetMap::new("", OffsetUnit::Bytes);
        let cases =
            (0..=100_000).chain([999_999, 1_000_000, 123_456_789, usize::MAX - 1, usize::MAX]);
        for n in cases {
            let mut out = Vec::new();
            Json { out: &mut out, map: &map }.number(n);
            assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }

    proptest::proptest! {
        #[test]
        fn strings_escape_as_serde_does(s in "(\\PC|\\p{Cc}|[\"\\\\])*") {
            let map = OffsetMap::new("", OffsetUnit::Bytes);
            let mut out = Vec::new();
            Json { out: &mut out, map: &map }.str(&s);
            proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&s).unwrap());
        }
    }
}
