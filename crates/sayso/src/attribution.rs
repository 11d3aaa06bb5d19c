//! The domain types of an extraction: attributions, speakers, boilerplate, entities.
//!
//! These are what the engine reasons with. The JSON promised to users lives apart, in
//! [`crate::wire`], so that the engine can change without breaking the contract.

use crate::speakers::Entity;
use crate::Span;

/// How the content of an attribution is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AttributionKind {
    /// Verbatim, inside quotation marks: `“We will win,” she said.`
    Direct,
    /// Reported or paraphrased: `She said that they would win.`
    Indirect,
    /// Reported speech that embeds a partial quote: `He called the plan a “historic mistake”.`
    Mixed,
}

impl AttributionKind {
    /// The name used on the wire and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            AttributionKind::Direct => "direct",
            AttributionKind::Indirect => "indirect",
            AttributionKind::Mixed => "mixed",
        }
    }
}

/// What kind of thing a speaker is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SpeakerKind {
    /// A named or pronominal person: `Ms Okafor`, `he`.
    Person,
    /// A named organisation: `the Pentagon`, `Reuters`.
    Organization,
    /// An unnamed individual: `a senior official`, `one Lisbon resident`.
    Anonymous,
    /// An unnamed plurality: `sources`, `officials`, `critics`.
    Group,
    /// A text or artefact: `a report`, `the poll`, `a statement`.
    Document,
    /// Not determined.
    Unknown,
}

impl SpeakerKind {
    /// The name used on the wire and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerKind::Person => "person",
            SpeakerKind::Organization => "organization",
            SpeakerKind::Anonymous => "anonymous",
            SpeakerKind::Group => "group",
            SpeakerKind::Document => "document",
            SpeakerKind::Unknown => "unknown",
        }
    }
}

/// Who an attribution is credited to.
#[derive(Clone, Debug, PartialEq)]
pub struct Speaker {
    /// The speaker's canonical name: the fullest name of the entity the source refers to,
    /// without honorifics or titles (`Amara Okafor` for `she`), or the source mention as
    /// written when the article never names it (`a senior official`).
    pub name: String,
    /// What kind of speaker this is.
    pub kind: SpeakerKind,
    /// A role or description, such as `the paper's Paris correspondent`.
    pub description: Option<String>,
    /// The index in [`Extraction::entities`] of the entity the source refers to.
    pub entity: Option<usize>,
}

/// One attributed statement: who (source) said (cue) what (content).
#[derive(Clone, Debug, PartialEq)]
pub struct Attribution {
    /// Direct, indirect or mixed speech.
    pub kind: AttributionKind,
    /// The content, as one or more fragments in text order (split and multi-paragraph quotes
    /// have several).
    pub content: Vec<Span>,
    /// The reporting verb or phrase (`said`, `according to`, `:`), if any.
    pub cue: Option<Span>,
    /// The source mention as written (`Ms Okafor`, `he`, `a senior official`), if any.
    pub source: Option<Span>,
    /// The speaker the source refers to, if one was found.
    pub speaker: Option<Speaker>,
    /// How sure the engine is, from 0 to 1.
    pub confidence: f32,
}

impl Attribution {
    /// The span from the start of the first element to the end of the last one.
    pub fn extent(&self) -> Span {
        let mut all = self.content.iter().copied().chain(self.cue).chain(self.source);
        let first = all.next().unwrap_or_default();
        all.fold(first, Span::cover)
    }
}

/// Everything extracted from one article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extraction {
    /// The attributions, ordered by the start of their first content fragment.
    pub attributions: Vec<Attribution>,
    /// Web junk (`READ MORE: …`, `Advertisement`), ordered by start. No attribution overlaps it.
    pub boilerplate: Vec<Span>,
    /// The entities the article mentions: every name, and every source's referent, in order
    /// of first mention (`entities[i].id == i`).
    pub entities: Vec<Entity>,
}

impl Extraction {
    /// Adds the extraction of a piece of a longer text that starts `offset` bytes into it:
    /// its spans move by `offset`, and its entities are numbered after these.
    pub fn append(&mut self, piece: Extraction, offset: usize) {
        let shift = |s: Span| Span::new(s.start + offset, s.end + offset);
        let first = self.entities.len();
        for mut a in piece.attributions {
            a.content.iter_mut().for_each(|s| *s = shift(*s));
            a.cue = a.cue.map(shift);
            a.source = a.source.map(shift);
            if let Some(speaker) = &mut a.speaker {
                speaker.entity = speaker.entity.map(|e| e + first);
            }
            self.attributions.push(a);
        }
        self.boilerplate.extend(piece.boilerplate.into_iter().map(shift));
        for mut e in piece.entities {
            e.id += first;
            e.mentions.iter_mut().for_each(|s| *s = shift(*s));
            self.entities.push(e);
        }
    }
}
