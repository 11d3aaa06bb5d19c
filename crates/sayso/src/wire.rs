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
            confidence: (a.confidence * 1000.0).round() / 1000.0,
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
}
