//! Cheap part-of-speech hints: a word → tag lexicon with shape and suffix fallbacks.
//!
//! Finding where a noun phrase starts and stops ("The budget office said", "The White House
//! on Monday said") needs a rough part of speech for every token, at about the cost of one
//! hash lookup, so there is no sequence model here. [`lexicon()`] is the [`PosLexicon`] built
//! into the crate; [`PosLexicon::guess`] gives a token's likeliest universal tag ([`Pos`]) and
//! [`PosLexicon::tags`] adds a frequent second reading.
//!
//! A word the lexicon knows gets its most frequent tag. Written capitalised away from the
//! start of a sentence, or as an acronym, it gets the tag it takes written that way, which
//! for a common noun is `PROPN` unless the data say otherwise (`the Budget Office`; `US` is
//! `PROPN`, `us` is `PRON`). An unknown word is judged by its shape (capitalised → `PROPN`,
//! digits → `NUM`, no letter or digit → `PUNCT` or `SYM`, hyphenated → after its last part)
//! and then by its suffix (`-ly` → `ADV`, `-ing`/`-ed` → `VERB`, `-ous`/`-ive`/`-al`/… →
//! `ADJ`, anything else → `NOUN`).
//!
//! The lexicon, `data/pos-lexicon.tsv`, is derived from the Universal Dependencies English
//! Web Treebank (CC BY-SA 4.0; see `data/NOTICE.md`) by the example `build_pos_lexicon`,
//! which also measures this module. Trained on EWT's dev part and the first 90% of its test
//! part, [`PosLexicon::guess`] tags the held-out last 10% of the test sentences (207
//! sentences, 2,467 tokens) with an accuracy of **89.3%**: 91.3% on the 91.6% of tokens
//! whose word was seen in training, 67.1% by fallback on the others; the most frequent tag
//! of the lowercased word, or `NOUN`, scores 86.7%. Ten-fold cross-validation over all
//! 50,241 tokens gives 89.4%. Most errors need context to avoid (`to` as `ADP` or `PART`,
//! `have` as `AUX` or `VERB`, an unknown base-form verb taken for a noun), and EWT is web
//! English (reviews, e-mail, forums), full of typos and odd capitals; news text has not
//! been measured. A guess costs about 220 instructions: one lowercasing pass on the stack
//! and one hash lookup, keyed by a single integer for words of up to 15 bytes.
//!
//! # Example
//!
//! ```
//! use sayso::text::pos::{lexicon, Pos};
//!
//! let lexicon = lexicon();
//! let words = ["The", "budget", "office", "on", "Monday", "said"];
//! let tags: Vec<Pos> = words.iter().enumerate().map(|(i, w)| lexicon.guess(w, i == 0)).collect();
//! use Pos::*;
//! assert_eq!(tags, [Det, Noun, Noun, Adp, Propn, Verb]);
//! ```

use std::fmt;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// A universal part-of-speech tag (the UPOS set of Universal Dependencies).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pos {
    /// `NOUN`, a common noun: `office`, `budget`.
    Noun,
    /// `PROPN`, a proper noun: `Monday`, `Okafor`.
    Propn,
    /// `VERB`, a lexical verb: `said`, `told`.
    Verb,
    /// `AUX`, an auxiliary or copula: `has`, `was`, `will`.
    Aux,
    /// `ADJ`, an adjective: `white`, `former`.
    Adj,
    /// `ADV`, an adverb: `quickly`, `also`.
    Adv,
    /// `ADP`, a preposition or postposition: `of`, `on`.
    Adp,
    /// `DET`, a determiner: `the`, `this`.
    Det,
    /// `PRON`, a pronoun: `he`, `their`.
    Pron,
    /// `CCONJ`, a coordinating conjunction: `and`, `or`.
    Cconj,
    /// `SCONJ`, a subordinating conjunction: `that`, `because`.
    Sconj,
    /// `PART`, a particle: `to`, `not`, possessive `'s`.
    Part,
    /// `NUM`, a numeral: `3`, `three`.
    Num,
    /// `PUNCT`, punctuation: `,`, `“`.
    Punct,
    /// `SYM`, a symbol: `$`, `%`.
    Sym,
    /// `INTJ`, an interjection: `yes`, `oh`.
    Intj,
    /// `X`, anything else (foreign words, typos); also the guess for an empty string.
    X,
}

impl Pos {
    /// Every tag, in declaration order.
    pub const ALL: [Pos; 17] = [
        Pos::Noun,
        Pos::Propn,
        Pos::Verb,
        Pos::Aux,
        Pos::Adj,
        Pos::Adv,
        Pos::Adp,
        Pos::Det,
        Pos::Pron,
        Pos::Cconj,
        Pos::Sconj,
        Pos::Part,
        Pos::Num,
        Pos::Punct,
        Pos::Sym,
        Pos::Intj,
        Pos::X,
    ];

    /// The tag's Universal Dependencies name: `"NOUN"`, `"PROPN"`, ….
    pub const fn as_str(self) -> &'static str {
        match self {
            Pos::Noun => "NOUN",
            Pos::Propn => "PROPN",
            Pos::Verb => "VERB",
            Pos::Aux => "AUX",
            Pos::Adj => "ADJ",
            Pos::Adv => "ADV",
            Pos::Adp => "ADP",
            Pos::Det => "DET",
            Pos::Pron => "PRON",
            Pos::Cconj => "CCONJ",
            Pos::Sconj => "SCONJ",
            Pos::Part => "PART",
            Pos::Num => "NUM",
            Pos::Punct => "PUNCT",
            Pos::Sym => "SYM",
            Pos::Intj => "INTJ",
            Pos::X => "X",
        }
    }

    /// The tag a Universal Dependencies name stands for (`"NOUN"` → [`Pos::Noun`]).
    pub fn from_ud(name: &str) -> Option<Pos> {
        // A `match` (by length, then bytes) rather than a search of `ALL`: the lexicon reads
        // one to three tags on each of its 7,000 lines at start-up.
        Some(match name {
            "NOUN" => Pos::Noun,
            "PROPN" => Pos::Propn,
            "VERB" => Pos::Verb,
            "AUX" => Pos::Aux,
            "ADJ" => Pos::Adj,
            "ADV" => Pos::Adv,
            "ADP" => Pos::Adp,
            "DET" => Pos::Det,
            "PRON" => Pos::Pron,
            "CCONJ" => Pos::Cconj,
            "SCONJ" => Pos::Sconj,
            "PART" => Pos::Part,
            "NUM" => Pos::Num,
            "PUNCT" => Pos::Punct,
            "SYM" => Pos::Sym,
            "INTJ" => Pos::Intj,
            "X" => Pos::X,
            _ => return None,
        })
    }

    /// Whether a word with this tag, written capitalised away from the sentence start, is
    /// taken for a name unless the lexicon says otherwise (`the Budget Office`). Capitalised
    /// adjectives and verbs are more often titles or headings (`Terrible Service`).
    fn yields_to_propn(self) -> bool {
        self == Pos::Noun
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a lexicon text could not be read. Every variant names the 1-based line at fault.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PosLexiconError {
    /// A line that is neither a `#` comment nor `word<TAB>TAG[<TAB>TAG2][<TAB>^TAG3]`.
    #[error("line {line}: expected `word<TAB>TAG[<TAB>TAG2][<TAB>^TAG3]`")]
    Malformed {
        /// The line number, from 1.
        line: usize,
    },
    /// A field that is not a universal POS tag.
    #[error("line {line}: `{tag}` is not a universal POS tag")]
    UnknownTag {
        /// The line number, from 1.
        line: usize,
        /// The offending field.
        tag: String,
    },
}

/// What the lexicon knows about one word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    /// The most frequent tag.
    first: Pos,
    /// The second most frequent, when it is frequent too.
    second: Option<Pos>,
    /// The tag the word takes written capitalised away from the sentence start, when that is
    /// not what [`Entry::tags`] would otherwise say.
    capitalised: Option<Pos>,
}

impl Entry {
    fn tags(self, proper_shape: bool) -> (Pos, Option<Pos>) {
        if !proper_shape {
            return (self.first, self.second);
        }
        let capitalised = self.capitalised.unwrap_or(if self.first.yields_to_propn() {
            Pos::Propn
        } else {
            self.first
        });
        if capitalised == self.first {
            (self.first, self.second)
        } else {
            (capitalised, Some(self.first))
        }
    }
}

/// Words longer than this (in bytes, lowercased) are never looked up: the lexicon has none.
const MAX_WORD_LEN: usize = 32;

/// A word as the lexicon keys it: lowercased, typographic apostrophes straightened
/// (`n’t` → `n't`), zero-padded on the stack.
struct Folded {
    bytes: [u8; MAX_WORD_LEN],
    len: usize,
}

impl Folded {
    /// Folds `word`; `None` when the result does not fit.
    #[inline]
    fn new(word: &str) -> Option<Folded> {
        let mut bytes = [0; MAX_WORD_LEN];
        let src = word.as_bytes();
        if src.len() <= MAX_WORD_LEN {
            // One pass for the usual ASCII word; any other byte sends it the slow way.
            let mut ascii = true;
            for (dst, &byte) in bytes.iter_mut().zip(src) {
                ascii &= byte.is_ascii();
                *dst = byte.to_ascii_lowercase();
            }
            if ascii {
                return Some(Folded { bytes, len: src.len() });
            }
        }
        Folded::new_unicode(word)
    }

    #[cold]
    fn new_unicode(word: &str) -> Option<Folded> {
        let mut bytes = [0; MAX_WORD_LEN];
        let mut len = 0;
        for c in word.chars() {
            let apostrophe = matches!(c, '’' | 'ʼ');
            for lower in c.to_lowercase() {
                let lower = if apostrophe { '\'' } else { lower };
                let end = len + lower.len_utf8();
                lower.encode_utf8(bytes.get_mut(len..end)?);
                len = end;
            }
        }
        Some(Folded { bytes, len })
    }

    /// A word of up to 15 bytes as one integer, its bytes then its length, so that a lookup
    /// hashes and compares registers instead of strings. Most words are that short.
    fn short_key(&self) -> Option<u128> {
        let head: [u8; 16] = self.bytes[..16].try_into().ok()?;
        (self.len < 16).then(|| u128::from_le_bytes(head) | (self.len as u128) << 120)
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// A word → part-of-speech lexicon with fallbacks for unknown words. Immutable once read,
/// and shared freely between threads.
///
/// Build one with [`PosLexicon::from_tsv`], or use the crate's own through [`lexicon()`].
/// An empty lexicon ([`PosLexicon::default`]) tags by the fallbacks alone.
#[derive(Clone, Debug, Default)]
pub struct PosLexicon {
    /// Words of up to 15 bytes, keyed by [`Folded::short_key`].
    short: FxHashMap<u128, Entry>,
    /// Longer words, keyed by their folded bytes.
    long: FxHashMap<Box<[u8]>, Entry>,
}

/// The lexicon derived from UD English EWT by the example `build_pos_lexicon`.
const EMBEDDED: &str = include_str!("../../data/pos-lexicon.tsv");

/// The crate's own lexicon (`data/pos-lexicon.tsv`), read once on first use.
pub fn lexicon() -> &'static PosLexicon {
    static LEXICON: OnceLock<PosLexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        // The file is generated and checked in; a unit test reads it.
        PosLexicon::from_tsv(EMBEDDED).expect("the embedded POS lexicon is well formed")
    })
}

impl PosLexicon {
    /// Reads a lexicon in the format of `data/pos-lexicon.tsv`, which its header describes:
    /// one word a line, `word<TAB>TAG[<TAB>TAG2][<TAB>^TAG3]`, and `#` comment lines (lines
    /// without a tab). Words are matched case-insensitively; of two lines for the same word
    /// the first wins.
    pub fn from_tsv(text: &str) -> Result<PosLexicon, PosLexiconError> {
        // Sized for one word a line up front: growing the tables rehashed every entry
        // several times over.
        let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
        let mut lexicon = PosLexicon {
            short: FxHashMap::with_capacity_and_hasher(lines, Default::default()),
            long: FxHashMap::default(),
        };
        for (index, line) in tsv_lines(text).enumerate() {
            let number = index + 1;
            let Some((word, fields)) = split_at_tab(line) else {
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                return Err(PosLexiconError::Malformed { line: number });
            };
            let entry = parse_entry(fields, number)?;
            if word.is_empty() {
                return Err(PosLexiconError::Malformed { line: number });
            }
            let Some(folded) = Folded::new(word) else {
                continue;
            };
            match folded.short_key() {
                Some(key) => lexicon.short.entry(key).or_insert(entry),
                None => lexicon.long.entry(folded.as_bytes().into()).or_insert(entry),
            };
        }
        Ok(lexicon)
    }

    /// The number of words the lexicon knows.
    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// True when the lexicon knows no word and tags by the fallbacks alone.
    pub fn is_empty(&self) -> bool {
        self.short.is_empty() && self.long.is_empty()
    }

    /// True when the lexicon has an entry for `word` (compared case-insensitively), as
    /// opposed to tagging it by the fallbacks.
    pub fn knows(&self, word: &str) -> bool {
        self.entry(word).is_some()
    }

    /// The likeliest tag of `word`, a single token as the tokenizer cut it.
    ///
    /// `sentence_initial` says the word opens its sentence (after any opening quotation
    /// marks), where a capital letter tells nothing about proper nouns.
    #[inline]
    pub fn guess(&self, word: &str, sentence_initial: bool) -> Pos {
        self.tags(word, sentence_initial).0
    }

    /// The likeliest tag of `word`, as [`PosLexicon::guess`] gives it, and a second reading
    /// when the word often takes one (`that`: `PRON`, then `SCONJ`), or when its capitals
    /// overrode its usual tag (`US`: `PROPN`, then `PRON`).
    pub fn tags(&self, word: &str, sentence_initial: bool) -> (Pos, Option<Pos>) {
        let proper_shape = proper_shape(word, sentence_initial);
        match self.entry(word) {
            Some(entry) => entry.tags(proper_shape),
            None => (self.unknown(word, proper_shape), None),
        }
    }

    #[inline]
    fn entry(&self, word: &str) -> Option<Entry> {
        let folded = Folded::new(word)?;
        match folded.short_key() {
            Some(key) => self.short.get(&key),
            None => self.long.get(folded.as_bytes()),
        }
        .copied()
    }

    /// The guess for a word the lexicon does not know, from its shape and suffix.
    fn unknown(&self, word: &str, proper_shape: bool) -> Pos {
        let Some(first) = word.chars().next() else {
            return Pos::X;
        };
        if is_number(word) {
            return Pos::Num;
        }
        if !word.chars().any(char::is_alphanumeric) {
            return if is_symbol(first) { Pos::Sym } else { Pos::Punct };
        }
        // "iPhone", "eBay": a capital inside a lowercase word marks a name wherever it stands.
        if proper_shape || (first.is_lowercase() && word.chars().any(char::is_uppercase)) {
            return Pos::Propn;
        }
        let pos = self.hyphenated(word).unwrap_or_else(|| by_suffix(word.as_bytes()));
        // An unknown capitalised word opening a sentence is more often a name ("Okafor said")
        // than a noun, unless its suffix says otherwise ("Unsurprisingly").
        if pos == Pos::Noun && first.is_uppercase() {
            return Pos::Propn;
        }
        pos
    }

    /// A hyphenated compound takes after its last part: `search-engine` is a noun,
    /// `far-reaching` and `so-called` are adjectives, `twenty-five` a numeral.
    fn hyphenated(&self, word: &str) -> Option<Pos> {
        // A byte search: `rsplit_once('-')` went through the generic char searcher for
        // every unknown word, which nearly never has a hyphen.
        let hyphen = word.bytes().rposition(|b| b == b'-')?;
        let last = &word[hyphen + 1..];
        if last.is_empty() {
            return None;
        }
        let head = match self.entry(last) {
            Some(entry) => entry.first,
            // `last` has no hyphen, so this does not recurse further.
            None => self.unknown(last, false),
        };
        let participle = ends_with(last.as_bytes(), "ing") || ends_with(last.as_bytes(), "ed");
        Some(match head {
            _ if participle => Pos::Adj,
            Pos::Noun | Pos::Adj | Pos::Num | Pos::Adv => head,
            // "state-run", "Russian-made": verb-headed compounds mostly modify a noun.
            Pos::Verb => Pos::Adj,
            _ => Pos::Noun,
        })
    }
}

/// [`str::lines`], cut with `memchr`. The lexicon is read at start-up, where `lines` and
/// `split_once('\t')` went through the generic char searcher: 2.8 of the 4.9 million
/// instructions that reading it took.
fn tsv_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        // As `lines` does, a `\r` goes only before a `\n`.
        let (line, next) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(end) => {
                let line = &rest[..end];
                (line.strip_suffix('\r').unwrap_or(line), &rest[end + 1..])
            }
            None => (rest, ""),
        };
        rest = next;
        Some(line)
    })
}

/// `line.split_once('\t')`, with `memchr`.
fn split_at_tab(line: &str) -> Option<(&str, &str)> {
    memchr::memchr(b'\t', line.as_bytes()).map(|tab| (&line[..tab], &line[tab + 1..]))
}

fn parse_entry(fields: &str, line: usize) -> Result<Entry, PosLexiconError> {
    let tag = |field: &str| {
        Pos::from_ud(field)
            .ok_or_else(|| PosLexiconError::UnknownTag { line, tag: field.to_string() })
    };
    let mut rest = Some(fields);
    let mut fields = std::iter::from_fn(|| {
        let field = rest?;
        match split_at_tab(field) {
            Some((field, after)) => {
                rest = Some(after);
                Some(field)
            }
            None => {
                rest = None;
                Some(field)
            }
        }
    });
    let first = tag(fields.next().unwrap_or_default())?;
    let mut entry = Entry { first, second: None, capitalised: None };
    for field in fields {
        if let Some(capitalised) = field.strip_prefix('^') {
            if entry.capitalised.is_some() {
                return Err(PosLexiconError::Malformed { line });
            }
            entry.capitalised = Some(tag(capitalised)?);
        } else if entry.second.is_none() && entry.capitalised.is_none() {
            entry.second = Some(tag(field)?);
        } else {
            return Err(PosLexiconError::Malformed { line });
        }
    }
    Ok(entry)
}

/// Whether a capital letter on `word` suggests a name: a capitalised word away from the
/// sentence start, or an acronym (`NATO`, `US`) anywhere.
fn proper_shape(word: &str, sentence_initial: bool) -> bool {
    let mut chars = word.chars();
    if !chars.next().is_some_and(char::is_uppercase) {
        return false;
    }
    !sentence_initial || (chars.clone().next().is_some() && !chars.any(char::is_lowercase))
}

/// Digits with inner separators (`2,016`, `3.5`, `10:30`, `1/2`), signed or not.
fn is_number(word: &str) -> bool {
    let bytes = word.as_bytes();
    bytes.iter().any(u8::is_ascii_digit)
        && bytes.iter().all(|b| b.is_ascii_digit() || b",.:/-+".contains(b))
}

/// Currency, percent, mathematical and other signs that UD tags `SYM`.
fn is_symbol(c: char) -> bool {
    "$€£¥¢%‰+=<>±×÷°#@~^|§©®™".contains(c)
}

/// Suffix rules, first match wins; longer suffixes that would lose to a shorter one come
/// first (`-ness`, `-less` and `-ous` before the plural `-s`).
const SUFFIXES: &[(&str, Pos)] = &[
    ("ly", Pos::Adv),
    ("ing", Pos::Verb),
    ("ed", Pos::Verb),
    ("ize", Pos::Verb),
    ("ify", Pos::Verb),
    ("tion", Pos::Noun),
    ("ment", Pos::Noun),
    ("ness", Pos::Noun),
    ("ity", Pos::Noun),
    ("ism", Pos::Noun),
    ("ist", Pos::Noun),
    ("er", Pos::Noun),
    ("ers", Pos::Noun),
    ("ous", Pos::Adj),
    ("ive", Pos::Adj),
    ("al", Pos::Adj),
    ("able", Pos::Adj),
    ("ible", Pos::Adj),
    ("ful", Pos::Adj),
    ("less", Pos::Adj),
    ("ic", Pos::Adj),
    ("s", Pos::Noun),
];

fn by_suffix(word: &[u8]) -> Pos {
    let tail = Tail::of(word);
    // Ordinals: "3rd", "21st".
    if word.first().is_some_and(u8::is_ascii_digit)
        && ORDINALS.iter().any(|&suffix| tail.ends_with(suffix))
    {
        return Pos::Adj;
    }
    SUFFIX_CODES
        .iter()
        .zip(SUFFIXES)
        .find(|&(&suffix, _)| tail.ends_with(suffix))
        .map_or(Pos::Noun, |(_, &(_, pos))| pos)
}

/// A suffix of up to four ASCII bytes as [`Tail`] compares it: (bytes, mask, length).
type SuffixCode = (u32, u32, usize);

/// [`SUFFIXES`] as [`SuffixCode`]s, in the same order.
const SUFFIX_CODES: [SuffixCode; SUFFIXES.len()] = {
    let mut codes = [(0, 0, 0); SUFFIXES.len()];
    let mut i = 0;
    while i < SUFFIXES.len() {
        codes[i] = suffix_code(SUFFIXES[i].0);
        i += 1;
    }
    codes
};

const ORDINALS: [SuffixCode; 4] =
    [suffix_code("st"), suffix_code("nd"), suffix_code("rd"), suffix_code("th")];

/// The last byte in the low eight bits, as [`Tail::of`] packs a word's end.
const fn suffix_code(suffix: &str) -> SuffixCode {
    let bytes = suffix.as_bytes();
    assert!(bytes.len() <= 4, "suffixes are four bytes at most");
    let mut code = 0u32;
    let mut i = 0;
    while i < bytes.len() {
        code = code << 8 | bytes[i] as u32;
        i += 1;
    }
    let mask = if bytes.len() == 4 { u32::MAX } else { (1 << (8 * bytes.len())) - 1 };
    (code, mask, bytes.len())
}

/// The last four bytes of a word, ASCII-lowercased, packed as [`suffix_code`] packs a suffix,
/// and the word's length: a suffix test is then a mask and a compare, where
/// [`ends_with`] compared the bytes one by one for each of the 22 suffixes.
struct Tail {
    last: u32,
    len: usize,
}

impl Tail {
    fn of(word: &[u8]) -> Tail {
        let start = word.len().saturating_sub(4);
        let last =
            word[start..].iter().fold(0u32, |c, &b| c << 8 | u32::from(b.to_ascii_lowercase()));
        Tail { last, len: word.len() }
    }

    /// As [`ends_with`] says for the suffix `code` stands for.
    #[inline]
    fn ends_with(&self, (code, mask, len): SuffixCode) -> bool {
        self.len >= len + 2 && self.last & mask == code
    }
}

/// Whether `word` ends with `suffix` (ASCII case-insensitive) after a stem of two bytes or
/// more, so that short words are not read as derived ones.
fn ends_with(word: &[u8], suffix: &str) -> bool {
    word.len() >= suffix.len() + 2
        && word[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_cut_as_str_lines_does() {
        for text in ["", "\n", "a", "a\n", "a\r\nb", "a\n\nb\r", "\r\n\r\n", "é\tx\n\t"] {
            assert_eq!(tsv_lines(text).collect::<Vec<_>>(), text.lines().collect::<Vec<_>>());
            for line in text.lines() {
                assert_eq!(split_at_tab(line), line.split_once('\t'));
            }
        }
    }

    /// `t!(name, word, sentence_initial, expected)`: the crate's lexicon guesses `expected`.
    macro_rules! t {
        ($name:ident, $word:expr, $initial:expr, $expected:expr) => {
            #[test]
            fn $name() {
                assert_eq!(lexicon().guess($word, $initial), $expected, "word {:?}", $word);
            }
        };
    }

    /// `f!(name, word, sentence_initial, expected)`: the fallbacks alone guess `expected`.
    macro_rules! f {
        ($name:ident, $word:expr, $initial:expr, $expected:expr) => {
            #[test]
            fn $name() {
                let empty = PosLexicon::default();
                assert_eq!(empty.guess($word, $initial), $expected, "word {:?}", $word);
            }
        };
    }

    t!(known_said, "said", false, Pos::Verb);
    t!(known_the, "the", false, Pos::Det);
    t!(known_the_initial, "The", true, Pos::Det);
    t!(known_of, "of", false, Pos::Adp);
    t!(known_office, "office", false, Pos::Noun);
    t!(known_monday, "Monday", false, Pos::Propn);
    t!(known_monday_initial, "Monday", true, Pos::Propn);
    t!(known_quickly, "quickly", false, Pos::Adv);
    t!(known_and, "and", false, Pos::Cconj);
    t!(known_he_initial, "He", true, Pos::Pron);
    t!(known_has, "has", false, Pos::Aux);
    t!(known_comma, ",", false, Pos::Punct);
    t!(known_white_lower, "white", false, Pos::Adj);
    t!(capitalised_common_noun_mid, "Office", false, Pos::Propn);
    t!(capitalised_common_noun_initial, "Office", true, Pos::Noun);
    t!(pronoun_i_mid_sentence, "I", false, Pos::Pron);
    t!(curly_apostrophe_folds, "n’t", false, Pos::Part);
    t!(shouted_known_word_initial, "THE", true, Pos::Det);

    t!(unknown_name_mid, "Okafor", false, Pos::Propn);
    t!(unknown_acronym_initial, "NATO", true, Pos::Propn);
    t!(unknown_ly, "blorfly", false, Pos::Adv);
    t!(unknown_ing, "blorfing", false, Pos::Verb);
    t!(unknown_ed, "blorfed", false, Pos::Verb);
    t!(unknown_ness, "blorfness", false, Pos::Noun);
    t!(unknown_ous, "blorfous", false, Pos::Adj);
    t!(unknown_plural, "blorfs", false, Pos::Noun);
    t!(unknown_plain, "blorf", false, Pos::Noun);
    t!(unknown_capitalised_initial, "Blorfly", true, Pos::Adv);
    t!(hyphen_noun_head, "news-office", false, Pos::Noun);
    t!(hyphen_participle, "blorf-reaching", false, Pos::Adj);
    t!(hyphen_verb_head, "state-run", false, Pos::Adj);
    t!(hyphen_closed_class_head, "follow-up", false, Pos::Noun);
    t!(hyphen_unknown_head, "blorf-blorfness", false, Pos::Noun);
    f!(fallback_trailing_hyphen, "blorf-", false, Pos::Noun);
    t!(number, "2,345,678", false, Pos::Num);
    t!(hyphen_number, "twenty-five", false, Pos::Num);

    f!(fallback_capitalised_mid, "Blorf", false, Pos::Propn);
    f!(fallback_capitalised_initial, "Blorf", true, Pos::Propn);
    f!(fallback_capitalised_initial_suffix, "Blorfing", true, Pos::Verb);
    f!(fallback_lowercase_initial, "blorf", true, Pos::Noun);
    f!(fallback_mixed_case, "iBlorf", true, Pos::Propn);
    f!(fallback_digits, "2016", false, Pos::Num);
    f!(fallback_decimal, "3.5", false, Pos::Num);
    f!(fallback_time, "10:30", false, Pos::Num);
    f!(fallback_ordinal, "21st", false, Pos::Adj);
    f!(fallback_decade, "1990s", false, Pos::Noun);
    f!(fallback_ly, "quickly", false, Pos::Adv);
    f!(fallback_ing, "running", false, Pos::Verb);
    f!(fallback_ed, "walked", false, Pos::Verb);
    f!(fallback_ize, "finalize", false, Pos::Verb);
    f!(fallback_tion, "nation", false, Pos::Noun);
    f!(fallback_ment, "government", false, Pos::Noun);
    f!(fallback_ness, "kindness", false, Pos::Noun);
    f!(fallback_ity, "city", false, Pos::Noun);
    f!(fallback_ism, "journalism", false, Pos::Noun);
    f!(fallback_ist, "economist", false, Pos::Noun);
    f!(fallback_er, "reporter", false, Pos::Noun);
    f!(fallback_ers, "reporters", false, Pos::Noun);
    f!(fallback_ous, "famous", false, Pos::Adj);
    f!(fallback_ive, "massive", false, Pos::Adj);
    f!(fallback_al, "federal", false, Pos::Adj);
    f!(fallback_able, "notable", false, Pos::Adj);
    f!(fallback_ful, "hopeful", false, Pos::Adj);
    f!(fallback_less, "careless", false, Pos::Adj);
    f!(fallback_ic, "economic", false, Pos::Adj);
    f!(fallback_plural, "budgets", false, Pos::Noun);
    f!(fallback_else, "budget", false, Pos::Noun);
    f!(fallback_short_not_derived, "fly", false, Pos::Noun);
    f!(fallback_punct, "—", false, Pos::Punct);
    f!(fallback_ellipsis, "...", false, Pos::Punct);
    f!(fallback_symbol, "€", false, Pos::Sym);

    f!(non_ascii_name, "Zürich", false, Pos::Propn);
    f!(non_ascii_initial_capital, "Élysée", false, Pos::Propn);
    f!(non_ascii_suffix, "naïvely", false, Pos::Adv);
    f!(non_ascii_lowercase, "café", false, Pos::Noun);
    f!(cjk, "東京", false, Pos::Noun);
    f!(emoji, "🙂", false, Pos::Punct);
    t!(non_ascii_unknown_name, "Ngũgĩ", false, Pos::Propn);
    t!(empty, "", false, Pos::X);
    t!(empty_initial, "", true, Pos::X);

    #[test]
    fn very_long_words() {
        let lexicon = lexicon();
        assert_eq!(lexicon.guess(&"a".repeat(10_000), false), Pos::Noun);
        assert_eq!(lexicon.guess(&format!("{}ly", "b".repeat(100)), false), Pos::Adv);
        assert_eq!(lexicon.guess(&format!("{}ing", "b".repeat(40)), true), Pos::Verb);
        // A multi-byte character straddling the end of the lowercasing buffer.
        for pad in 25..=MAX_WORD_LEN + 1 {
            let word = format!("{}ééé", "x".repeat(pad));
            assert_eq!(lexicon.guess(&word, true), Pos::Noun, "{word}");
        }
        // Lowercasing can grow a word: 'İ' (2 bytes) becomes "i̇" (3 bytes).
        assert_eq!(lexicon.guess(&"İ".repeat(16), true), Pos::Propn);
    }

    #[test]
    fn second_tags() {
        let lexicon = lexicon();
        let (first, second) = lexicon.tags("that", false);
        assert!(first == Pos::Pron || first == Pos::Sconj, "{first}");
        assert!(second.is_some());
        assert_eq!(lexicon.tags("Office", false), (Pos::Propn, Some(Pos::Noun)));
        assert_eq!(lexicon.tags("US", true), (Pos::Propn, Some(Pos::Pron)));
        assert_eq!(lexicon.tags("us", false), (Pos::Pron, None));
        assert_eq!(lexicon.tags("the", false), (Pos::Det, None));
        assert_eq!(PosLexicon::default().tags("Blorf", false), (Pos::Propn, None));
    }

    #[test]
    fn embedded_lexicon_is_small_and_well_formed() {
        assert!(EMBEDDED.len() < 300_000, "{} bytes", EMBEDDED.len());
        assert!(EMBEDDED.starts_with('#'), "the header carries the licence");
        assert!(EMBEDDED.contains("CC BY-SA 4.0"));
        let parsed = PosLexicon::from_tsv(EMBEDDED).unwrap();
        assert!(parsed.len() > 1_000, "{} words", parsed.len());
        assert_eq!(lexicon().len(), parsed.len());
    }

    proptest::proptest! {
        #[test]
        fn any_word_gets_a_tag(word in "\\PC{0,40}", initial: bool) {
            let (first, _) = lexicon().tags(&word, initial);
            proptest::prop_assert_eq!(lexicon().guess(&word, initial), first);
        }
    }

    #[test]
    fn tag_names_round_trip() {
        for pos in Pos::ALL {
            assert_eq!(Pos::from_ud(pos.as_str()), Some(pos));
            assert_eq!(pos.to_string(), pos.as_str());
        }
        assert_eq!(Pos::from_ud("noun"), None);
        assert_eq!(Pos::from_ud(""), None);
    }

    #[test]
    fn reads_the_format() {
        let text = "# comment\n\nWhite\tADJ\tPROPN\t^PROPN\nwhite\tNOUN\nthat\tPRON\tSCONJ\n\
                    us\tPRON\t^PROPN\nn’t\tPART\n";
        let lexicon = PosLexicon::from_tsv(text).unwrap();
        assert_eq!(lexicon.len(), 4);
        assert_eq!(lexicon.tags("white", false), (Pos::Adj, Some(Pos::Propn)), "first line wins");
        assert_eq!(lexicon.tags("that", true), (Pos::Pron, Some(Pos::Sconj)));
        assert_eq!(lexicon.tags("US", true), (Pos::Propn, Some(Pos::Pron)));
        assert_eq!(lexicon.tags("us", true), (Pos::Pron, None));
        assert_eq!(lexicon.guess("n't", false), Pos::Part);
        assert!(PosLexicon::from_tsv("").unwrap().is_empty());
    }

    #[test]
    fn rejects_malformed_lines() {
        use PosLexiconError::*;
        let err = |text: &str| PosLexicon::from_tsv(text).unwrap_err();
        assert_eq!(err("# ok\nword\n"), Malformed { line: 2 });
        assert_eq!(err("\tNOUN\n"), Malformed { line: 1 });
        assert_eq!(err("word\tNOUN\tVERB\tADJ\n"), Malformed { line: 1 });
        assert_eq!(err("word\tNOUN\t^VERB\t^ADJ\n"), Malformed { line: 1 });
        assert_eq!(err("word\tNOUN\t^VERB\tADJ\n"), Malformed { line: 1 });
        assert_eq!(err("word\tnoun\n"), UnknownTag { line: 1, tag: "noun".into() });
        assert_eq!(err("word\t\n"), UnknownTag { line: 1, tag: String::new() });
        assert_eq!(err("word\tNOUN\t^\n"), UnknownTag { line: 1, tag: String::new() });
    }
}
