//! Source mentions: the noun phrase that names who is speaking, and what kind of speaker it is.

use std::ops::Range;

use super::Analysis;
use crate::text::pos::{lexicon, Pos};
use crate::text::{AsciiLower, TokenKind, WordClass};
use crate::{Span, Speaker, SpeakerKind};

/// Longest source mention, in tokens, not counting an appositive.
const MAX_NP: usize = 9;
/// Longest appositive, in tokens.
const MAX_APPOSITIVE: usize = 16;
/// Longest restrictive relative clause inside a source (`who spoke on condition of
/// anonymity`), in tokens.
const MAX_RELATIVE: usize = 12;

impl Analysis<'_> {
    /// Can token `i` stand inside a noun phrase?
    fn np_word(&self, i: usize) -> bool {
        let t = self.token(i);
        match t.kind {
            TokenKind::Number => true,
            TokenKind::Word => {
                matches!(
                    self.class(i),
                    WordClass::Open | WordClass::Determiner | WordClass::Possessive
                ) || self.is_clitic_s(i)
            }
            TokenKind::Punct => {
                matches!(self.word(i), "-" | "&" | "." | "'" | "’") && !t.space_before
            }
            _ => false,
        }
    }

    /// An adverb that premodifies a noun like a determiner: `Further reports`, `Earlier
    /// accounts`, `Later tests`. Only where a word of the phrase follows it (`He later said`
    /// has no noun after `later`).
    fn premodifier(&self, i: usize, end: usize) -> bool {
        i + 1 < end
            && self.class(i) == WordClass::Adverb
            && ["further", "earlier", "later"].iter().any(|w| self.word(i).eq_ignore_ascii_case(w))
            && self.class(i + 1) == WordClass::Open
    }

    fn is_clitic_s(&self, i: usize) -> bool {
        matches!(self.word(i), "’s" | "'s" | "’" | "'")
    }

    /// The source mention ending just before token `end`, looking no further left than `lo`:
    /// a pronoun, a relative pronoun, or a noun phrase with an optional appositive
    /// (`Dame Helen Marsh, former head of the agency,`).
    pub fn source_left(&self, end: usize, lo: usize) -> Option<Range<usize>> {
        if end <= lo {
            return None;
        }
        let last = end - 1;
        match self.class(last) {
            WordClass::SubjectPronoun | WordClass::Relative => {
                return (self.token(last).kind == TokenKind::Word).then_some(last..end)
            }
            _ => {}
        }
        // `Name, appositive,` before the cue.
        if self.is(last, ",") {
            return self.appositive_source(last, lo);
        }
        if let Some(start) = self.relative_source(end, lo) {
            return Some(start..end);
        }
        if let Some(start) = self.list_source(end, lo) {
            return Some(start..end);
        }
        let start = self.np_start(end, lo)?;
        Some(start..end)
    }

    /// A list of noun phrases that opens its sentence, ending just before `end`: `Friends,
    /// lobbyists and former foes`, `Clinton, Sanders and O’Malley`.
    /// No item opens with a determiner, which would make it an appositive (`Mr. Kim, an
    /// anthropologist and physician`), and the first is no adverb (`However, five …`).
    fn list_source(&self, end: usize, lo: usize) -> Option<usize> {
        let mut k = self.list_item_start(end, lo)?;
        if k < lo + 2 || !(self.is_word(k - 1, "and") || self.is_word(k - 1, "or")) {
            return None;
        }
        k = self.list_item_start(k - 1, lo)?;
        let mut items = 2;
        while k > lo && self.is(k - 1, ",") {
            let item = k - 1;
            k = self.list_item_start(item, lo)?;
            if item - k == 1 && lexicon().guess(self.word(k), k == lo) == Pos::Adv {
                return None;
            }
            items += 1;
        }
        (k == lo && items >= 3 && self.is_capitalised(k)).then_some(k)
    }

    /// The start of the list item (a run of noun-phrase words not opening with a
    /// determiner) that ends just before `end`.
    fn list_item_start(&self, end: usize, lo: usize) -> Option<usize> {
        let mut k = end;
        while k > lo && end - k < MAX_NP && self.np_word(k - 1) {
            k -= 1;
        }
        let determiner = matches!(self.class(k), WordClass::Determiner | WordClass::Possessive);
        (k < end && !determiner).then_some(k)
    }

    /// The start of a noun phrase with a restrictive relative clause that ends just before
    /// `end`: `Officials who spoke on condition of anonymity`, `Voters who say the economy
    /// matters most`. The clause runs without a comma, a quotation mark or a sentence end.
    fn relative_source(&self, end: usize, lo: usize) -> Option<usize> {
        // The clause ends in a noun phrase, not a conjunction (`who attended and said`).
        if !self.np_word(end - 1) || self.is_clitic_s(end - 1) {
            return None;
        }
        let mut k = end;
        while k > lo && end - k < MAX_RELATIVE {
            k -= 1;
            let t = self.token(k);
            let stop = matches!(self.word(k), "," | ";" | ":" | "when" | "where" | "while");
            if stop || self.is_terminal(k) || t.is_quote() {
                return None;
            }
            if self.class(k) == WordClass::Relative && self.is_word(k, "who") {
                // `…, who said` is the pronoun's own.
                if k + 1 == end {
                    return None;
                }
                return self.np_start(k, lo);
            }
        }
        None
    }

    /// The start of the noun phrase that ends just before `end`.
    fn np_start(&self, end: usize, lo: usize) -> Option<usize> {
        let mut start = end;
        while start > lo && end - start < MAX_NP {
            let k = start - 1;
            if self.np_word(k) || self.premodifier(k, end) {
                start = k;
                continue;
            }
            // "Secretary of State John Kerry", "head of the agency", "Bank of America".
            let w = self.word(k);
            let inner_preposition = matches!(w, "of" | "for" | "at" | "from" | "in" | "on")
                && start < end
                && k > lo
                && self.np_word(k - 1)
                && !super::is_time_word(self.word(start));
            let inner_and = (w == "and" || w == "&")
                && start < end
                && k > lo
                && self.is_capitalised(start)
                && self.is_capitalised(k - 1);
            if inner_preposition || inner_and {
                start = k;
                continue;
            }
            break;
        }
        // Trim what cannot begin a noun phrase.
        while start < end
            && (!(self.np_word(start) || self.premodifier(start, end))
                || self.token(start).kind == TokenKind::Punct
                || self.is_clitic_s(start))
        {
            start += 1;
        }
        if start >= end {
            return None;
        }
        // Begin at the last determiner that is not inside a prepositional phrase:
        // "On Monday the company said" → "the company".
        for k in (start + 1..end).rev() {
            if matches!(self.class(k), WordClass::Determiner | WordClass::Possessive)
                && !matches!(self.class(k - 1), WordClass::Preposition)
                && !self.is_clitic_s(k - 1)
            {
                start = k;
                break;
            }
        }
        // A phrase of only lowercase words with no determiner is rarely a source.
        let has_head = (start..end).any(|k| {
            self.is_capitalised(k)
                || matches!(self.class(k), WordClass::Determiner | WordClass::Possessive)
                || self.premodifier(k, end)
                || self.token(k).kind == TokenKind::Number
        }) || self.plural_group(start..end);
        has_head.then_some(start)
    }

    fn plural_group(&self, r: Range<usize>) -> bool {
        r.end > r.start && {
            // Lowercased on the stack; no group noun is over 16 bytes.
            AsciiLower::new(self.word(r.end - 1))
                .is_some_and(|w| GROUP_NOUNS.iter().any(|g| g.as_bytes() == w.as_bytes()))
        }
    }

    /// `Name, appositive,` ending at the comma `comma`.
    fn appositive_source(&self, comma: usize, lo: usize) -> Option<Range<usize>> {
        let mut k = comma;
        while k > lo && comma - k < MAX_APPOSITIVE {
            k -= 1;
            if self.is(k, ",") {
                let name_start = self.np_start(k, lo)?;
                // The part before the first comma must look like a name or a nominal.
                let appositive = k + 1..comma;
                if appositive.is_empty() {
                    return None;
                }
                return Some(name_start..comma + 1);
            }
            if self.token(k).is_quote() || self.is_terminal(k) || self.word(k) == ";" {
                return None;
            }
        }
        None
    }

    /// The source mention that starts at token `start` (after an inverted cue: `said Ms
    /// Okafor, the minister`), up to a comma, the sentence end or `hi`.
    pub fn source_right(&self, start: usize, hi: usize) -> Option<Range<usize>> {
        if start >= hi {
            return None;
        }
        if self.class(start) == WordClass::SubjectPronoun {
            return Some(start..start + 1);
        }
        let mut end = start;
        while end < hi && end - start < MAX_NP && (self.np_word(end) || self.inner_word(end, start))
        {
            end += 1;
        }
        while end > start && !self.np_word(end - 1) {
            end -= 1;
        }
        if end == start || self.is_clitic_s(start) {
            return None;
        }
        let np = start..end;
        let named = np.clone().any(|k| self.is_capitalised(k))
            || matches!(self.class(start), WordClass::Determiner | WordClass::Possessive);
        if !named {
            return None;
        }
        // An appositive after the name: `, the minister` up to the sentence end.
        if end < hi && self.is(end, ",") {
            let mut k = end + 1;
            while k < hi
                && k - end < MAX_APPOSITIVE
                && !self.is_terminal(k)
                && !self.token(k).is_quote()
                && !self.is(k, ",")
            {
                k += 1;
            }
            let closes = k >= hi || self.is_terminal(k);
            if closes
                && k > end + 1
                && matches!(
                    self.class(end + 1),
                    WordClass::Determiner | WordClass::Possessive | WordClass::Open
                )
            {
                return Some(start..k);
            }
        }
        Some(np)
    }

    fn inner_word(&self, i: usize, start: usize) -> bool {
        i > start
            && matches!(self.word(i), "of" | "for" | "at" | "and" | "&")
            && i + 1 < self.tokens.len()
            && self.np_word(i + 1)
    }
}

/// Plural nouns that name a group of unnamed people.
const GROUP_NOUNS: &[&str] = &[
    "officials",
    "sources",
    "critics",
    "experts",
    "analysts",
    "aides",
    "advisers",
    "advisors",
    "people",
    "residents",
    "voters",
    "democrats",
    "republicans",
    "supporters",
    "opponents",
    "lawmakers",
    "leaders",
    "members",
    "observers",
    "economists",
    "scientists",
    "researchers",
    "activists",
    "protesters",
    "investigators",
    "prosecutors",
    "police",
    "authorities",
    "diplomats",
    "witnesses",
    "neighbours",
    "neighbors",
    "parents",
    "campaigners",
    "insiders",
    "staffers",
    "strategists",
    "pollsters",
    "organizers",
    "organisers",
    "conservatives",
    "liberals",
    "progressives",
    "others",
    "many",
    "some",
    "both",
    "polls",
    "surveys",
];

const DOCUMENT_NOUNS: &[&str] = &[
    "report",
    "reports",
    "poll",
    "polls",
    "survey",
    "surveys",
    "study",
    "studies",
    "statement",
    "statements",
    "memo",
    "letter",
    "document",
    "documents",
    "data",
    "analysis",
    "review",
    "filing",
    "complaint",
    "lawsuit",
    "ruling",
    "records",
    "figures",
    "research",
    "estimates",
    "audit",
    "email",
    "emails",
    "tweet",
    "post",
    "article",
    "story",
    "editorial",
    "book",
    "release",
    "transcript",
    "website",
    "ad",
    "video",
    "footage",
    "paper",
    "index",
    "model",
];

const ORGANISATION_WORDS: &[&str] = &[
    "party",
    "house",
    "department",
    "ministry",
    "office",
    "agency",
    "committee",
    "commission",
    "council",
    "campaign",
    "government",
    "administration",
    "institute",
    "university",
    "foundation",
    "association",
    "union",
    "company",
    "corporation",
    "corp",
    "inc",
    "group",
    "bank",
    "court",
    "police",
    "army",
    "pentagon",
    "kremlin",
    "élysée",
    "elysee",
    "reuters",
    "times",
    "post",
    "news",
    "journal",
    "press",
    "network",
    "cnn",
    "bbc",
    "fox",
    "nbc",
    "abc",
    "cbs",
    "msnbc",
    "guardian",
    "telegraph",
    "tribune",
    "herald",
    "politico",
    "breitbart",
    "congress",
    "senate",
    "parliament",
    "fbi",
    "cia",
    "nato",
    "un",
    "eu",
    "board",
    "service",
    "center",
    "centre",
    "organization",
    "organisation",
    "coalition",
    "pac",
    "fund",
    "team",
];

const PERSON_TITLES: &[&str] = &[
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "senator",
    "sen.",
    "rep.",
    "gov.",
    "governor",
    "minister",
    "secretary",
    "mayor",
    "judge",
    "professor",
    "prof.",
    "general",
    "gen.",
    "rev.",
    "chancellor",
    "prime",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "father",
    "sister",
    "chief",
    "spokesman",
    "spokeswoman",
    "spokesperson",
];

/// Types the source mention `span` of `text` as a speaker (v1: the mention is the name).
pub fn speaker_of(text: &str, span: Span) -> Speaker {
    let mention = span.text(text);
    let name = mention.trim_end_matches([',', ' ']).to_string();
    // The head is the part before an appositive comma.
    let (head, description) = match name.split_once(", ") {
        Some((h, d)) => (h, Some(d.trim().to_string()).filter(|d| !d.is_empty())),
        None => (name.as_str(), None),
    };
    let words: Vec<String> = head
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let kind = speaker_kind(head, &words);
    Speaker { name: head.to_string(), kind, description, entity: None }
}

fn speaker_kind(head: &str, words: &[String]) -> SpeakerKind {
    let Some(first) = words.first() else { return SpeakerKind::Unknown };
    // The head noun stands before any modifier phrase: "sources close to the ministry".
    let core = words
        .iter()
        .position(|w| {
            matches!(
                w.as_str(),
                "of" | "to"
                    | "for"
                    | "at"
                    | "from"
                    | "in"
                    | "with"
                    | "close"
                    | "familiar"
                    | "near"
                    | "who"
            )
        })
        .filter(|&p| p > 0)
        .map_or(words, |p| &words[..p]);
    let last = core.last().map_or("", String::as_str);
    if words.len() == 1 {
        match first.as_str() {
            "he" | "she" | "i" | "him" | "her" => return SpeakerKind::Person,
            "they" | "we" | "them" => return SpeakerKind::Group,
            "it" | "who" | "which" | "that" | "you" => return SpeakerKind::Unknown,
            "another" | "one" | "someone" | "somebody" => return SpeakerKind::Anonymous,
            _ => {}
        }
    }
    let capitalised = head.split_whitespace().filter(|w| w.starts_with(char::is_uppercase)).count();
    // "the report" is a document; "The New York Post" is a newspaper.
    let last_capitalised =
        head.split_whitespace().last().is_some_and(|w| w.starts_with(char::is_uppercase));
    if DOCUMENT_NOUNS.contains(&last) && !last_capitalised {
        return SpeakerKind::Document;
    }
    let indefinite = matches!(
        first.as_str(),
        "a" | "an" | "one" | "another" | "some" | "several" | "two" | "three"
    );
    if GROUP_NOUNS.contains(&last) {
        return SpeakerKind::Group;
    }
    if ORGANISATION_WORDS
        .iter()
        .any(|o| words.iter().any(|w| w.trim_end_matches(['’', '\'', 's']) == *o || w == o))
        && capitalised > 0
    {
        return SpeakerKind::Organization;
    }
    if indefinite || (first == "the" && capitalised == 0) {
        return SpeakerKind::Anonymous;
    }
    if PERSON_TITLES.contains(&first.as_str()) || (capitalised >= 1 && capitalised == words.len()) {
        return SpeakerKind::Person;
    }
    if capitalised > 0 {
        return SpeakerKind::Person;
    }
    SpeakerKind::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! t {
        ($name:ident, $mention:expr, $kind:expr) => {
            #[test]
            fn $name() {
                let text = $mention;
                assert_eq!(speaker_of(text, Span::new(0, text.len())).kind, $kind);
            }
        };
    }

    t!(pronoun, "she", SpeakerKind::Person);
    t!(name, "Ms Okafor", SpeakerKind::Person);
    t!(anonymous, "a senior official", SpeakerKind::Anonymous);
    t!(resident, "one Lisbon resident", SpeakerKind::Anonymous);
    t!(another, "another", SpeakerKind::Anonymous);
    t!(group, "sources close to the ministry", SpeakerKind::Group);
    t!(officials, "officials", SpeakerKind::Group);
    t!(report, "further reports", SpeakerKind::Document);
    t!(organisation, "the Pentagon", SpeakerKind::Organization);
    t!(paper, "The New York Post", SpeakerKind::Organization);

    #[test]
    fn appositive_becomes_description() {
        let text = "Dame Helen Marsh, former head of the agency,";
        let s = speaker_of(text, Span::new(0, text.len()));
        assert_eq!(s.name, "Dame Helen Marsh");
        assert_eq!(s.description.as_deref(), Some("former head of the agency"));
        assert_eq!(s.kind, SpeakerKind::Person);
    }
}
