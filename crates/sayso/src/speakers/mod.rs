//! Speaker resolution: who each source mention refers to, as an article-level [`Entity`].
//!
//! The stage runs after the final attributions are known and never changes a span. It finds
//! every name written in the article ([`mentions`]), clusters the names into entities
//! (`Maria K. Okafor`, `Ms Okafor`, `Okafor`), then resolves each attribution's source:
//! a name to its cluster, a pronoun (`she`, `they`, `which`) or a definite description
//! (`the Republican nominee`) to the agreeing entity that is most salient before it
//! ([`coref`]), and anything else (`a senior official`, `sources`, `a poll`) to an unnamed
//! entity of its own. Descriptions come from appositives (`Tom Whitfield, the Guardian’s
//! Paris correspondent,`), premodifiers (`transport minister Ana Lima`) and titles.
//!
//! The work is a few passes over the tokens plus, per source, one look at each entity: linear
//! in the article for any realistic number of entities.

mod coref;
mod mentions;
pub mod names;
mod sources;

use crate::attribute::Analysis;
use crate::{Span, Speaker, SpeakerKind};

pub use self::sources::resolve;

/// What kind of thing an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// A person, named (`Amara Okafor`) or not (`a senior official`).
    Person,
    /// An organisation: `the Pentagon`, `Reuters`, `the Trump campaign`.
    Organization,
    /// A place: `Lisbon`, `Ohio`.
    Place,
    /// Anything else: a group of unnamed people, a document, a name of unknown kind.
    Other,
}

impl EntityKind {
    /// The name used on the wire and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Other => "other",
        }
    }
}

/// Someone or something the article mentions: the referent of names, pronouns and
/// descriptions, and of unnamed sources.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// Its index in [`crate::Extraction::entities`], which speakers point to.
    pub id: usize,
    /// The fullest name written in the article, without honorifics or titles
    /// (`Amara Okafor`); for an unnamed entity, the source mention (`a senior official`).
    pub name: String,
    /// False for an entity the article never names (`a senior official`, `sources`).
    pub named: bool,
    /// Person, organisation, place or other.
    pub kind: EntityKind,
    /// Roles and descriptions the article gives it, in text order, without repeats.
    pub descriptions: Vec<String>,
    /// Every mention: names, and the pronouns and descriptions that were resolved to it,
    /// in text order.
    pub mentions: Vec<Span>,
    /// How many attributions it is the speaker of.
    pub quoted: usize,
}

/// A source mention to resolve, with the content of its attribution (a name inside the
/// content is never the antecedent of the source's pronoun).
#[derive(Clone, Copy, Debug)]
pub struct SourceQuery<'s> {
    /// The source mention.
    pub span: Span,
    /// Its attribution's content fragments.
    pub content: &'s [Span],
}

/// The entities of one article, and the speaker of each query.
#[derive(Clone, Debug, Default)]
pub struct Resolution {
    /// The entities, ordered by first mention; `entities[i].id == i`.
    pub entities: Vec<Entity>,
    /// One speaker per query, in query order.
    pub speakers: Vec<Speaker>,
}

/// The speaker kind an entity stands for, when a source names it.
fn speaker_kind(kind: EntityKind) -> SpeakerKind {
    match kind {
        EntityKind::Person => SpeakerKind::Person,
        EntityKind::Organization | EntityKind::Place => SpeakerKind::Organization,
        EntityKind::Other => SpeakerKind::Unknown,
    }
}

/// `text` on one line: runs of white space become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Analysis<'_> {
    /// The tokens that overlap `span`.
    fn tokens_of(&self, span: Span) -> std::ops::Range<usize> {
        let start = self.tokens.partition_point(|t| t.span.end <= span.start);
        let end = self.tokens.partition_point(|t| t.span.start < span.end);
        start..end.max(start)
    }
}
