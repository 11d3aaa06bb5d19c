//! Closed-class English words, which carry most of the syntax a rule needs.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// The grammatical class of a closed-class word; open-class words are [`WordClass::Open`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordClass {
    /// `the`, `a`, `this`, `some`, `every`.
    Determiner,
    /// A subject pronoun that can be a source: `he`, `she`, `they`, `I`, `we`, `it`, `you`.
    SubjectPronoun,
    /// An object or reflexive pronoun: `him`, `them`, `himself`.
    ObjectPronoun,
    /// A possessive determiner: `his`, `her`, `their`.
    Possessive,
    /// A relative or interrogative word: `who`, `which`, `that`, `what`.
    Relative,
    /// A preposition: `of`, `in`, `to`, `with`.
    Preposition,
    /// A coordinator: `and`, `or`, `but`.
    Coordinator,
    /// A subordinator that opens a clause: `because`, `while`, `if`, `when`.
    Subordinator,
    /// An auxiliary or modal verb: `has`, `was`, `will`, `would`, `did`.
    Auxiliary,
    /// An adverb that may sit between a source and its cue: `also`, `later`, `repeatedly`.
    Adverb,
    /// `not`, `n’t`, `never`.
    Negation,
    /// Any other word.
    Open,
}

/// The closed-class words, by class.
const CLOSED: &[(WordClass, &[&str])] = &[
    (
        WordClass::Determiner,
        &[
            "the", "a", "an", "this", "these", "those", "some", "any", "every", "each", "another",
            "other", "many", "several", "few", "most", "all", "both", "no", "one", "two", "three",
            "four", "five", "dozens", "more", "such", "much",
        ],
    ),
    (WordClass::SubjectPronoun, &["he", "she", "they", "i", "we", "you", "it"]),
    (
        WordClass::ObjectPronoun,
        &[
            "him",
            "them",
            "me",
            "us",
            "himself",
            "herself",
            "themselves",
            "itself",
            "myself",
            "ourselves",
        ],
    ),
    (WordClass::Possessive, &["his", "her", "their", "its", "my", "our", "your"]),
    (WordClass::Relative, &["who", "whom", "whose", "which", "that", "what", "whoever"]),
    (
        WordClass::Preposition,
        &[
            "of", "in", "to", "for", "with", "on", "at", "by", "from", "about", "into", "over",
            "after", "before", "under", "between", "against", "during", "without", "through",
            "among", "toward", "towards", "upon", "within", "across", "than", "via", "per",
            "despite", "amid", "behind", "near", "since", "until", "like",
        ],
    ),
    (WordClass::Coordinator, &["and", "or", "but", "nor", "yet", "so", "&"]),
    (
        WordClass::Subordinator,
        &[
            "because", "while", "if", "when", "although", "though", "whether", "unless", "as",
            "where", "whereas", "once", "whenever", "lest",
        ],
    ),
    (
        WordClass::Auxiliary,
        &[
            "has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "am", "will",
            "would", "can", "could", "may", "might", "shall", "should", "must", "do", "does",
            "did", "'s", "’s", "'ve", "’ve", "'d", "’d", "'ll", "’ll", "'re", "’re", "having",
            "wo", "ca",
        ],
    ),
    (WordClass::Negation, &["not", "n't", "n’t", "never"]),
    (
        WordClass::Adverb,
        &[
            "also",
            "later",
            "then",
            "previously",
            "recently",
            "again",
            "still",
            "often",
            "once again",
            "already",
            "now",
            "just",
            "even",
            "only",
            "frequently",
            "repeatedly",
            "publicly",
            "privately",
            "openly",
            "flatly",
            "simply",
            "further",
            "too",
            "first",
            "initially",
            "subsequently",
            "similarly",
            "reportedly",
            "allegedly",
            "apparently",
            "separately",
            "earlier",
            "yesterday",
            "today",
            "ever",
            "always",
            "generally",
            "actually",
            "really",
            "quickly",
            "immediately",
            "directly",
            "explicitly",
            "personally",
            "officially",
            "bluntly",
            "angrily",
            "frankly",
            "loudly",
            "quietly",
            "correctly",
            "rightly",
            "wrongly",
            "falsely",
            "privately,",
            "long",
            "famously",
            "memorably",
            "approvingly",
            "sarcastically",
            "jokingly",
            "proudly",
            "plainly",
            "clearly",
        ],
    ),
];

/// A word of up to 16 bytes with its ASCII letters lowercased, on the stack: the form both
/// the closed-class list and the cue lexicon ([`crate::cues::Cues`]) look words up by, made
/// once per token for the two.
#[derive(Clone, Copy)]
pub(crate) struct AsciiLower {
    bytes: [u8; 16],
    len: usize,
}

impl AsciiLower {
    /// `word` lowercased; `None` when it is longer than 16 bytes.
    // Always inline: made for every token, and where the compiler chose a call the tokens'
    // lookups in `Analysis::new` cost 2.7M more instructions per 100 articles.
    #[inline(always)]
    pub(crate) fn new(word: &str) -> Option<AsciiLower> {
        let src = word.as_bytes();
        let mut bytes = [0u8; 16];
        bytes.get_mut(..src.len())?.copy_from_slice(src);
        // The whole buffer, a fixed length the compiler does in a few vector instructions.
        // Lowercasing ASCII bytes keeps UTF-8 valid, and the tables compare bytes.
        bytes.make_ascii_lowercase();
        Some(AsciiLower { bytes, len: src.len() })
    }

    /// The lowercased bytes.
    #[inline]
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    /// [`short_key`] of the lowercased bytes.
    #[inline]
    pub(crate) fn key(&self) -> Option<u128> {
        (self.len < 16).then(|| u128::from_le_bytes(self.bytes) | (self.len as u128) << 120)
    }
}

/// Up to 15 bytes as one integer, the bytes then their count, so that a lookup hashes and
/// compares a register pair instead of a string; `None` for longer ones.
pub(crate) fn short_key(bytes: &[u8]) -> Option<u128> {
    let mut head = [0u8; 16];
    head.get_mut(..bytes.len()).filter(|_| bytes.len() < 16)?.copy_from_slice(bytes);
    Some(u128::from_le_bytes(head) | (bytes.len() as u128) << 120)
}

/// The closed-class words in a hash map, behind a filter that turns most open-class words
/// away before the lookup: one bit per (length, first byte, last byte) that some closed word
/// has.
struct Closed {
    /// Keyed by [`short_key`]; no word is looked up that is longer than 12 bytes.
    classes: FxHashMap<u128, WordClass>,
    filter: [u64; FILTER_WORDS],
}

const FILTER_WORDS: usize = 64;

/// Words longer than this are never looked up in the closed-class list.
const CLOSED_MAX_LEN: usize = 12;

fn filter_slot(word: &[u8]) -> (usize, u64) {
    let (first, last) = (word.first().copied().unwrap_or(0), word.last().copied().unwrap_or(0));
    let slot =
        (word.len() * 131 + usize::from(first) * 31 + usize::from(last)) % (FILTER_WORDS * 64);
    (slot / 64, 1 << (slot % 64))
}

impl Closed {
    fn get() -> &'static Closed {
        static CLOSED_WORDS: OnceLock<Closed> = OnceLock::new();
        CLOSED_WORDS.get_or_init(|| {
            let mut closed = Closed { classes: FxHashMap::default(), filter: [0; FILTER_WORDS] };
            for &(class, words) in CLOSED {
                for &w in words.iter().filter(|w| w.len() <= CLOSED_MAX_LEN) {
                    let Some(key) = short_key(w.as_bytes()) else { continue };
                    closed.classes.entry(key).or_insert(class);
                    let (word, bit) = filter_slot(w.as_bytes());
                    closed.filter[word] |= bit;
                }
            }
            closed
        })
    }

    fn class(&self, lower: &AsciiLower) -> Option<WordClass> {
        let (word, bit) = filter_slot(lower.as_bytes());
        if self.filter[word] & bit == 0 {
            return None;
        }
        self.classes.get(&lower.key()?).copied()
    }
}

/// The class of `word`, compared case-insensitively.
pub fn word_class(word: &str) -> WordClass {
    word_class_of(word, AsciiLower::new(word).as_ref())
}

/// [`word_class`] of `word`, given it lowercased (`None` when it is too long for that).
#[inline]
pub(crate) fn word_class_of(word: &str, lower: Option<&AsciiLower>) -> WordClass {
    // Capitalised words ending in -ly are names (Schlafly, Kelly), not adverbs. An ASCII
    // first byte is settled without decoding a char (asked of every word).
    let lowercase = match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_lowercase(),
        _ => word.starts_with(|c: char| c.is_lowercase()),
    };
    let Some(lower) = lower.filter(|_| word.len() <= CLOSED_MAX_LEN) else {
        return if lowercase && word.ends_with("ly") { WordClass::Adverb } else { WordClass::Open };
    };
    // A filter, then one hash lookup: a `match` over the lists compared the word with every
    // listed word of its length in turn.
    match Closed::get().class(lower) {
        Some(class) => class,
        None if lowercase && lower.as_bytes().ends_with(b"ly") && lower.len > 4 => {
            WordClass::Adverb
        }
        None => WordClass::Open,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(word_class("The"), WordClass::Determiner);
        assert_eq!(word_class("He"), WordClass::SubjectPronoun);
        assert_eq!(word_class("also"), WordClass::Adverb);
        assert_eq!(word_class("repeatedly"), WordClass::Adverb);
        assert_eq!(word_class("Schlafly"), WordClass::Open);
        assert_eq!(word_class("Okafor"), WordClass::Open);
        assert_eq!(word_class("n’t"), WordClass::Negation);
        assert_eq!(word_class("extraordinarily-long-word"), WordClass::Open);
    }
}
