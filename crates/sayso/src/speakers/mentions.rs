//! Name mentions: runs of capitalised words anywhere in the article, split into the titles
//! before a name and the name itself, with the descriptions written around them.
//!
//! `longtime Democratic pollster Pat Caddell` is one mention: the name `Pat Caddell`, the
//! description `longtime Democratic pollster`. `President Joe Biden` has the name `Joe
//! Biden` and the description `President`; `Ms Okafor` the name `Okafor` and the gender
//! female. One pass over the tokens, a few lookups per capitalised word.

use std::ops::Range;

use super::coref::SubjectScan;
use super::names::{
    first_name_gender, fold, honorific_gender, is_honorific, is_name_suffix, is_not_a_name,
    is_organisation_word, is_place, is_title, person_role, Folded, Gender,
};
use crate::attribute::Analysis;
use crate::text::pos::{lexicon, Pos};
use crate::text::{TokenKind, WordClass};
use crate::Span;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;

/// Longest name run, in tokens.
const MAX_RUN: usize = 10;
/// Longest appositive description after a name, in tokens.
const MAX_APPOSITIVE: usize = 14;
/// Longest premodifier description before a name, in tokens.
const MAX_PREMODIFIER: usize = 6;

/// What the words of a mention say about the kind of thing named.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hints {
    /// A title, an honorific or a known first name.
    pub person: bool,
    /// An organisation word (`Department`, `Post`) or an acronym.
    pub organisation: bool,
    /// A known place.
    pub place: bool,
}

/// One name written in the article.
#[derive(Clone, Debug)]
pub struct NameMention {
    /// The whole mention, titles included: `Gov. Mike Pence`.
    pub tokens: Range<usize>,
    /// The name alone: `Mike Pence`.
    pub name: Range<usize>,
    /// The name's words, folded: `mike pence`.
    pub words: NameWords,
    /// What the words say about the kind.
    pub hints: Hints,
    /// The gender an honorific or first name gives.
    pub gender: Option<Gender>,
    /// Premodifiers, titles or an appositive: `longtime Democratic pollster`.
    pub description: Option<Span>,
    /// The sentence the mention is in.
    pub sentence: usize,
    /// True when the mention stands inside a quotation.
    pub quoted: bool,
    /// True when the mention stands where a subject does ([`SubjectScan::at`]).
    pub subject: bool,
    /// True when its capitals mean something: not only at a sentence start or in a
    /// headline.
    pub reliable: bool,
}

impl NameMention {
    /// The byte span of the whole mention.
    pub fn span(&self, a: &Analysis<'_>) -> Span {
        a.span(self.tokens.clone())
    }

    /// The byte span of the name alone.
    pub fn name_span(&self, a: &Analysis<'_>) -> Span {
        a.span(self.name.clone())
    }
}

/// Longest folded name kept inline by [`NameWords`], in bytes; nearly every name is shorter.
const INLINE_NAME: usize = 32;

/// The folded words of a name (`mike pence`), in one string with a space between words,
/// kept inline when short (nearly always): a name allocates nothing, and clustering copies
/// a cluster's fullest name without allocating either. The whole name is ready for
/// [`is_place`]. Clustering compares the first and last words of every name with every
/// cluster's, so where they lie is kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NameWords {
    /// The words' UTF-8 bytes, each word followed by a space but the last. A word may be
    /// empty (`’s` alone folds to nothing), so the count is kept apart. Only whole `str`s
    /// are appended and only whole words dropped, so the bytes are always UTF-8.
    joined: SmallVec<[u8; INLINE_NAME]>,
    /// How many words.
    len: usize,
    /// Where the first word ends in `joined`.
    first_end: usize,
    /// Where the last word starts in `joined`.
    last_start: usize,
}

impl NameWords {
    /// The folded words of `name`, split at white space.
    fn of(name: &str) -> NameWords {
        let mut words = NameWords::default();
        for word in name.split_whitespace() {
            if words.len > 0 {
                words.joined.push(b' ');
            }
            words.last_start = words.joined.len();
            words.joined.extend_from_slice(fold(word).as_bytes());
            if words.len == 0 {
                words.first_end = words.joined.len();
            }
            words.len += 1;
        }
        words
    }

    /// How many words.
    pub fn len(&self) -> usize {
        self.len
    }

    /// The words in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        // Cut at the space bytes: `str::split(' ')` set up the char searcher for every name
        // clustering keys.
        let text = self.as_str();
        let mut start = 0;
        self.joined.split(|&b| b == b' ').take(self.len).map(move |word| {
            let word = &text[start..start + word.len()];
            start += word.len() + 1;
            word
        })
    }

    /// The first word.
    pub fn first(&self) -> Option<&str> {
        (self.len > 0).then(|| &self.as_str()[..self.first_end])
    }

    /// The last word.
    pub fn last(&self) -> Option<&str> {
        (self.len > 0).then(|| &self.as_str()[self.last_start..])
    }

    /// True when the last words are `other`'s, as [`slice::ends_with`] says of word lists.
    pub fn ends_with(&self, other: &NameWords) -> bool {
        // Words hold no spaces: a suffix of the string that starts a word and matches
        // `other`'s string is `other`'s words.
        other.len == 0
            || match self.joined.strip_suffix(&other.joined[..]) {
                Some([]) => self.len == other.len,
                Some(before) => before.last() == Some(&b' '),
                None => false,
            }
    }

    /// The words joined by spaces: `mike pence`.
    pub fn as_str(&self) -> &str {
        debug_assert!(std::str::from_utf8(&self.joined).is_ok());
        // SAFETY: `joined` is private; `of` appends only whole `str`s (folded words) and
        // ASCII spaces, and `pop` cuts just before an ASCII space, so the bytes are always
        // UTF-8 (the test `name_words_behave_as_a_list_of_folded_words` holds them to
        // `String`s built the checked way, non-ASCII names included). A checked
        // `from_utf8` here would run on every first and last word clustering compares.
        unsafe { std::str::from_utf8_unchecked(&self.joined) }
    }

    /// Drops the last word (of a name of two words or more).
    fn pop(&mut self) {
        debug_assert!(self.len > 1);
        self.joined.truncate(self.last_start.saturating_sub(1));
        self.last_start = self.joined.iter().rposition(|&b| b == b' ').map_or(0, |space| space + 1);
        self.len -= 1;
    }
}

/// Every name mention in the article, in text order.
pub fn find(a: &Analysis<'_>) -> Vec<NameMention> {
    let capitalised = capitals(a);
    let headlines = headlines(a, &capitalised);
    // Which tokens open their sentence, in one pass.
    let mut initial = vec![false; a.tokens.len()];
    for s in &a.segments.sentences {
        if let Some(k) = s.tokens.clone().find(|&k| a.token(k).is_wordlike()) {
            initial[k] = true;
        }
    }
    // Sized up front: growing the map rehashed it several times an article.
    let capitals = capitalised.iter().filter(|&&c| c).count();
    let seen = FxHashMap::with_capacity_and_hasher(capitals, Default::default());
    let mut context =
        Context { headlines, seen, initial, capitalised, surnames: Vec::new(), names: Vec::new() };
    for i in 0..a.tokens.len() {
        if context.capitalised[i]
            && !context.headlines[a.segments.sentence_of[i] as usize]
            && !context.initial[i]
        {
            *context.seen.entry(a.word(i)).or_default() += 1;
            if closed_surname(a, &context, i) && !context.surnames.contains(&a.word(i)) {
                context.surnames.push(a.word(i));
            }
        }
    }
    // Each token is asked about several times (as a run's start, its next word, the word
    // after a connector), so the answers are worked out once.
    // Most tokens are not capitalised, which `name_word` asks first: asked here, they are
    // settled without the call.
    context.names =
        (0..a.tokens.len()).map(|i| context.capitalised[i] && name_word(a, &context, i)).collect();
    let n = a.tokens.len();
    let headlines = &context;
    // About one mention per run of name words.
    let runs =
        (0..n).filter(|&i| headlines.names[i] && (i == 0 || !headlines.names[i - 1])).count();
    let mut out = Vec::with_capacity(runs);
    // The folded words of the current run, in one buffer for the whole article.
    let mut folded = Vec::with_capacity(MAX_RUN + 2);
    // The mentions come in text order, so one scan serves each sentence.
    let mut subjects = SubjectScan::new();
    let mut i = 0;
    while i < n {
        if !headlines.names[i] {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        while end < n && end - start < MAX_RUN {
            if headlines.names[end] && !a.token(end).starts_line {
                end += 1;
            } else if connector(a, headlines, end) {
                end += 2;
            } else if let Some(words) = particles(a, headlines, start, end) {
                end += words;
            } else if title_of_the(a, headlines, end) {
                end += 3;
            } else {
                break;
            }
        }
        // `Outsports.com`, `GunBroker.com`: a web address's ending is part of the name.
        if domain_at(a, end) {
            end += 2;
        }
        if let Some(m) = mention(a, headlines, start..end, &mut folded, &mut subjects) {
            out.push(m);
        }
        i = end;
    }
    out
}

/// For each sentence, whether it is written in title case (`Hillary Clinton Speaks
/// Directly To…`), where capitals tell as little as at a sentence start.
fn headlines(a: &Analysis<'_>, capitalised: &[bool]) -> Vec<bool> {
    a.segments
        .sentences
        .iter()
        .map(|s| {
            let (mut words, mut capitals) = (0, 0);
            for k in s.tokens.clone() {
                let t = a.token(k);
                if t.kind == TokenKind::Word && t.span.len() > 3 {
                    words += 1;
                    capitals += usize::from(capitalised[k]);
                }
            }
            // Short sentences of names (`The Securities and Exchange Commission sued.`)
            // are prose.
            words >= 5 && capitals * 4 >= words * 3
        })
        .collect()
}

/// For each token, [`Analysis::is_capitalised`].
fn capitals(a: &Analysis<'_>) -> Vec<bool> {
    (0..a.tokens.len()).map(|i| a.is_capitalised(i)).collect()
}

/// What the capitals of the article say, found before the names.
struct Context<'t> {
    /// For each sentence, whether it is a headline.
    headlines: Vec<bool>,
    /// Capitalised words seen in the middle of a sentence that is no headline, and how often.
    seen: FxHashMap<&'t str, u32>,
    /// For each token, whether it is the first word of its sentence.
    initial: Vec<bool>,
    /// For each token, [`Analysis::is_capitalised`], asked of every token several times.
    capitalised: Vec<bool>,
    /// Closed-class words written as surnames after a first name (`George Will`, `Al
    /// From`), names wherever they stand capitalised mid-sentence; rarely more than one.
    surnames: Vec<&'t str>,
    /// For each token, whether it can be part of a name ([`name_word`]); empty until the
    /// rest is known.
    names: Vec<bool>,
}

impl Context<'_> {
    fn headline(&self, a: &Analysis<'_>, i: usize) -> bool {
        self.headlines[a.segments.sentence_of[i] as usize]
    }
}

/// Is token `i` a capitalised word that can be part of a name?
fn name_word(a: &Analysis<'_>, context: &Context<'_>, i: usize) -> bool {
    let t = a.token(i);
    if t.kind != TokenKind::Word || !context.capitalised[i] {
        return false;
    }
    let w = a.word(i);
    if a.class(i) != WordClass::Open {
        // (`Will` mid-sentence is no modal: `Will urged …` after `George Will` is a name.)
        return !context.initial[i] && !context.headline(a, i) && context.surnames.contains(&w);
    }
    // A lone capital is a middle initial only between capitalised words (`Christina N Luis`).
    if w.len() == 1
        && !(i > 0
            && i + 1 < a.tokens.len()
            && context.capitalised[i - 1]
            && context.capitalised[i + 1]
            && a.token(i).space_before
            && a.token(i + 1).space_before)
    {
        return false;
    }
    let headline = context.headline(a, i);
    if !headline && !context.initial[i] {
        return true;
    }
    if context.seen.contains_key(w) {
        return true;
    }
    // Capitals at a sentence start or in a headline tell nothing; keep words that are
    // names anyway: first names, titles, and words the lexicon does not know as common,
    // but no role noun (`Former Clinton Pollster`, `Hacker who revealed …` in a headline).
    let folded = fold(w);
    first_name_gender(&folded).is_some()
        || (is_title(&folded) && !headline)
        || (!common_word(w) && !inflected_verb(w) && person_role(&folded).is_none())
}

/// Does a web address's ending (`.com`, `.org`) start at token `k`, glued to the word
/// before it?
fn domain_at(a: &Analysis<'_>, k: usize) -> bool {
    k > 0
        && k + 1 < a.tokens.len()
        && a.word(k) == "."
        && !a.token(k).space_before
        && !a.token(k + 1).space_before
        && matches!(a.word(k + 1), "com" | "org" | "net" | "gov" | "edu" | "co" | "io")
}

/// Is token `i`, capitalised mid-sentence, a modal, preposition or adverb written as a
/// surname: right after a capitalised first name (`George Will wrote`, `Al From, who`)?
fn closed_surname(a: &Analysis<'_>, context: &Context<'_>, i: usize) -> bool {
    i > 0
        && a.token(i).kind == TokenKind::Word
        && a.token(i).space_before
        && a.word(i).len() > 1
        && matches!(a.class(i), WordClass::Auxiliary | WordClass::Preposition | WordClass::Adverb)
        && context.capitalised[i - 1]
        && a.token(i - 1).kind == TokenKind::Word
        && first_name_gender(&fold(a.word(i - 1))).is_some()
}

/// `Praises`, `Sees`, `Hammers`: a verb the lexicon knows, with the `-s` of a headline's
/// present tense (the lexicon lists base forms of these); `Questioned`, `Explained`,
/// `Described`: with the `-ed` of its past.
fn inflected_verb(w: &str) -> bool {
    let lex = lexicon();
    // A stem the lexicon knows as a verb, or (with `noun_too`) as a noun.
    let known = |stem: &str, noun_too: bool| {
        stem.len() > 2
            && lex.knows(stem)
            && match lex.guess(&Folded::lowercase(stem), false) {
                Pos::Verb => true,
                Pos::Noun => noun_too,
                _ => false,
            }
    };
    if let Some(stem) = w.strip_suffix('s').filter(|s| !s.ends_with('s')) {
        return known(stem, false);
    }
    // The lexicon knows few past forms, and some stems only as nouns (`question`): a word
    // it does not know whose stem it knows as a verb or a noun. The stem drops `ed`
    // (`question`) or `d` (`describe`).
    w.strip_suffix("ed").is_some_and(|s| {
        let stems = [s, &w[..w.len() - 1]];
        stems.iter().any(|s| known(s, false))
            || !lex.knows(w) && stems.iter().any(|s| known(s, true))
    })
}

/// A word the lexicon knows as an adverb, a verb, a preposition or a conjunction.
fn not_a_name_start(w: &str) -> bool {
    let folded = fold(w);
    let connective = matches!(
        folded.as_str(),
        "meanwhile"
            | "however"
            | "instead"
            | "still"
            | "yet"
            | "also"
            | "then"
            | "now"
            | "later"
            | "earlier"
            | "today"
            | "yesterday"
            | "tomorrow"
            | "afterward"
            | "afterwards"
            | "nevertheless"
            | "moreover"
            | "furthermore"
            | "indeed"
            | "thus"
            | "hence"
            | "but"
            | "and"
            | "or"
            | "so"
            | "after"
            | "before"
            | "when"
            | "while"
            | "if"
            | "as"
            | "because"
            | "since"
            | "although"
            | "though"
            | "unlike"
            | "like"
            | "alongside"
            | "beside"
            | "atop"
            | "amongst"
            | "whilst"
            | "despite"
            | "asked"
            | "according"
            | "ironically"
            | "overall"
            | "recently"
            | "separately"
            | "additionally"
            | "finally"
            | "notably"
            | "clearly"
            | "even"
            | "only"
            | "perhaps"
    );
    // `Injecting Clinton`: a participle opening the sentence.
    if connective || (folded.len() > 7 && folded.ends_with("ing")) {
        return first_name_gender(&folded).is_none();
    }
    let lex = lexicon();
    lex.knows(w)
        && first_name_gender(&fold(w)).is_none()
        && matches!(
            lex.guess(&Folded::lowercase(w), false),
            Pos::Adv | Pos::Verb | Pos::Adp | Pos::Sconj | Pos::Cconj | Pos::Pron | Pos::Aux
        )
}

/// A word the lexicon knows in lower case as something other than a name.
pub fn common_word(w: &str) -> bool {
    let lex = lexicon();
    // `knows` ignores case, so most names are settled without lowercasing.
    lex.knows(w) && lex.guess(&Folded::lowercase(w), false) != Pos::Propn
}

/// `of`, `for` or `on` after an organisation word or a title (`Department of Justice`,
/// `Secretary of State John Kerry`, `Commission on Presidential Debates`), `and` before an
/// organisation word (`Securities and Exchange Commission`), or the inner period of dotted
/// initials (`S.E.C.`).
fn connector(a: &Analysis<'_>, context: &Context<'_>, k: usize) -> bool {
    if k == 0 || k + 1 >= a.tokens.len() || !context.names[k + 1] {
        return false;
    }
    let w = a.word(k);
    if w == "." {
        return !a.token(k).space_before && !a.token(k + 1).space_before;
    }
    let next = fold(a.word(k + 1));
    if is_not_a_name(&next) {
        return false;
    }
    match w {
        "of" | "for" | "on" | "de" => {
            let f = fold(a.word(k - 1));
            // `Peter T. King of New York`: a title after a name is its surname.
            // (`Massachusetts Secretary of State William Galvin`: a place is no surname.)
            let surname = k >= 2
                && a.is_capitalised(k - 2)
                && !is_title(&fold(a.word(k - 2)))
                && !is_organisation_word(&fold(a.word(k - 2)))
                && !is_place(&fold(a.word(k - 2)));
            // `Republican of Arizona` is a party and a state, not one name.
            let party = matches!(f.as_str(), "republican" | "democratic" | "democrat");
            is_organisation_word(&f) || (is_title(&f) && !surname && !party)
        }
        "and" | "&" => {
            (k + 2..(k + 4).min(a.tokens.len()))
                .any(|j| context.names[j] && is_organisation_word(&fold(a.word(j))))
                && !is_organisation_word(&next)
        }
        _ => false,
    }
}

/// The lowercase particles that stand inside a name (`Osama bin Laden`, `Charles de
/// Gaulle`, `Ludwig von Mises`, `Mark van der Berg`) at token `k`, after the run's name
/// words from `start`: how many tokens they and the capitalised word after them take, if
/// they are followed by one. (A title or an organisation's word before them is
/// [`connector`]'s `of` / `de` case.)
fn particles(a: &Analysis<'_>, context: &Context<'_>, start: usize, k: usize) -> Option<usize> {
    let is_particle = |j: usize| {
        j < a.tokens.len() && a.token(j).kind == TokenKind::Word && is_name_particle(a.word(j))
    };
    if k <= start || !is_particle(k) {
        return None;
    }
    let before = fold(a.word(k - 1));
    if is_title(&before) || is_organisation_word(&before) || is_place(&before) {
        return None;
    }
    // At most two particles (`van der`, `de la`), then a name word.
    let count = if is_particle(k + 1) { 2 } else { 1 };
    let name = k + count;
    (name < a.tokens.len() && context.names[name] && !a.token(name).starts_line)
        .then_some(count + 1)
}

/// Is token `k` in the article's first sentence, a line of its own without a full stop
/// (`Derelict Obama and Clinton;`), a title however few its words?
fn title_line(a: &Analysis<'_>, k: usize) -> bool {
    let Some(first) = a.segments.sentences.first() else {
        return false;
    };
    if a.segments.sentence_of[k] != 0 || first.tokens.is_empty() {
        return false;
    }
    let last = first.tokens.end - 1;
    let next_starts_line =
        first.tokens.end >= a.tokens.len() || a.token(first.tokens.end).starts_line;
    next_starts_line && !matches!(a.word(last), "." | "?" | "!")
}

/// `bin`, `de`, `von`, `van`, `der`: the lowercase words inside a name.
fn is_name_particle(w: &str) -> bool {
    matches!(
        w,
        "bin"
            | "ibn"
            | "al"
            | "van"
            | "von"
            | "der"
            | "den"
            | "de"
            | "da"
            | "del"
            | "della"
            | "di"
            | "du"
            | "dos"
            | "das"
            | "la"
            | "le"
            | "ter"
    )
}

/// `Speaker of the House Rep. Paul Ryan`, `Secretary of the Treasury Jack Lew`: `of the`
/// after a title joins the office to the person named just after it (a first name says
/// one is).
fn title_of_the(a: &Analysis<'_>, context: &Context<'_>, k: usize) -> bool {
    k > 0
        && k + 2 < a.tokens.len()
        && a.word(k) == "of"
        && a.is_word(k + 1, "the")
        && context.names[k + 2]
        && is_title(&fold(a.word(k - 1)))
        && (k + 2..(k + 7).min(a.tokens.len()))
            .any(|j| context.names[j] && first_name_gender(&fold(a.word(j))).is_some())
}

fn mention<'t>(
    a: &Analysis<'t>,
    context: &Context<'_>,
    run: Range<usize>,
    folded: &mut Vec<Folded<'t>>,
    subjects: &mut SubjectScan,
) -> Option<NameMention> {
    // A capitalised adverb, verb or conjunction is no part of the name after it
    // (`Meanwhile Trump`, `Injecting Clinton`).
    let mut run = run;
    // (A word seen capitalised mid-sentence twice is a name, as `Ban` of `Mr. Ban` is.)
    let opens = |k: usize| context.initial[k] || (k > 0 && a.is_terminal(k - 1));
    while run.len() > 1
        && opens(run.start)
        && context.seen.get(a.word(run.start)).is_none_or(|&n| n < 2)
        && not_a_name_start(a.word(run.start))
    {
        run.start += 1;
    }
    // `Derelict Obama and Clinton: …` in a headline: a word the article never capitalises
    // mid-sentence, before one it does, is the headline's capital, not the name's (a first
    // name, title or organisation's word may still open a name there).
    while run.len() > 1
        && (context.headline(a, run.start) || title_line(a, run.start))
        && !context.seen.contains_key(a.word(run.start))
        && context.seen.contains_key(a.word(run.start + 1))
        && {
            let f = fold(a.word(run.start));
            first_name_gender(&f).is_none()
                && !is_title(&f)
                && !is_honorific(&f)
                && !is_organisation_word(&f)
                && !is_place(&f)
        }
    {
        run.start += 1;
    }
    // `Poor Mexico`: a capitalised common word before a place.
    if run.len() == 2 && common_word(a.word(run.start)) && is_place(&fold(a.word(run.start + 1))) {
        run.start += 1;
    }
    // `Barack Obama Election Day`: a first name and surname, then common words in capitals.
    if run.len() >= 3
        && first_name_gender(&fold(a.word(run.start))).is_some()
        && !common_word(a.word(run.start + 1))
        && (run.start + 2..run.end).all(|k| {
            (common_word(a.word(k)) || inflected_verb(a.word(k)))
                && !is_organisation_word(&fold(a.word(k)))
        })
    {
        run.end = run.start + 2;
    }
    folded.clear();
    folded.extend(run.clone().map(|k| fold(a.word(k))));
    let folded = &folded[..];
    // A lone title is no name (`the President`), unless it stands mid-sentence without an
    // article, as a surname does (`King says …`).
    let surname_like = !context.initial[run.start]
        && run.start > 0
        && !matches!(a.class(run.start - 1), WordClass::Determiner | WordClass::Possessive)
        && !a.is_capitalised(run.start - 1);
    // `The Wisconsin Republican`, `the Vermont Democrat`: a party member from a place is a
    // description, not a name.
    let party_member = run.len() > 1
        && matches!(folded[run.len() - 1].as_str(), "republican" | "democrat")
        && is_place(
            &folded[..run.len() - 1].iter().map(|w| w.as_str()).collect::<Vec<_>>().join(" "),
        );
    if party_member
        || folded.iter().all(|w| is_not_a_name(w))
        || (run.len() == 1 && (is_honorific(&folded[0]) || (is_title(&folded[0]) && !surname_like)))
    {
        return None;
    }
    // Split the titles and roles off a person's name: before the first known first name
    // (`Wells Fargo CEO John Stumpf`, `Rival Hillary Clinton`), or after the leading titles
    // and honorifics (`Ms Okafor`).
    let mut name_start = run.start;
    // A first name is followed by a surname: `Senator Lamar Alexander` is not `Alexander`.
    let first_name =
        (1..run.len().saturating_sub(1)).find(|&k| first_name_gender(&folded[k]).is_some());
    // Not in an organisation's name: `The Trayvon Martin Foundation` is not `Martin
    // Foundation`.
    let split = first_name.filter(|_| {
        first_name_gender(&folded[0]).is_none()
            && !folded.last().is_some_and(|w| is_organisation_word(w))
    });
    match split {
        Some(k) => name_start = run.start + k,
        None => {
            name_start += lead_modifiers(a, run.clone(), folded);
            while name_start + 1 < run.end
                && (is_title(&folded[name_start - run.start])
                    || person_role(&folded[name_start - run.start]).is_some()
                    // `Jan` without its period is a first name (`Jan Brewer`), not January.
                    || (is_not_a_name(&folded[name_start - run.start])
                        && !a.is(name_start, "Jan")))
                && !is_organisation_word(&folded[name_start + 1 - run.start])
            {
                name_start += 1;
            }
        }
    }
    // `The Charlotte Observer`, `the Boston Globe`: a newspaper's name after `the`.
    let newspaper = run.len() > 1
        && run.start > 0
        && a.is_word(run.start - 1, "the")
        && is_newspaper_word(&folded[run.len() - 1]);
    let organisation = split.is_none()
        && (newspaper
            || folded[name_start - run.start..].iter().any(|w| is_organisation_word(w))
            || (run.len() > 2 && domain_at(a, run.end - 2))
            || is_acronym(a.span(run.clone()).text(a.text)));
    if organisation {
        name_start = run.start;
    }
    // The name's words as written, so that `S.E.C.` (three tokens) is one word.
    let mut words = NameWords::of(a.span(name_start..run.end).text(a.text));
    // `Joseph R. Biden Jr.` matches `Biden`.
    while words.len() > 1 && words.last().is_some_and(is_name_suffix) {
        words.pop();
    }
    let prefix = &folded[..name_start - run.start];
    let given_gender = words.first().filter(|_| words.len() > 1).and_then(first_name_gender);
    let gender =
        prefix.iter().find_map(|w| honorific_gender(w)).or(given_gender.filter(|_| !organisation));
    let hints = Hints {
        person: !organisation && (prefix.iter().any(|w| is_title(w)) || given_gender.is_some()),
        organisation,
        place: !organisation && is_place(words.as_str()),
    };
    // The description: premodifiers before the run, and any title that is not an honorific.
    let pre = premodifier(a, context, run.start);
    let title_end = name_start;
    let title_start = (run.start..name_start)
        .find(|&k| !is_honorific(&folded[k - run.start]))
        .unwrap_or(name_start);
    // Before a title or honorific, only a role noun is a premodifier (`presidential
    // candidate Sen. Bernie Sanders`, not `to lend Mr. Clarke` or `fellow Sen. Ted Cruz`);
    // after one, an abbreviated title (`Gov.`, `Sen.`) adds nothing to the description.
    let abbreviated = (run.start..title_end).all(|k| a.word(k).ends_with('.'));
    let pre = pre.filter(|_| {
        name_start == run.start
            || !(abbreviated || is_honorific(&folded[0]))
            || person_role(&fold(a.word(run.start - 1))).is_some()
    });
    let description = match (pre, title_start < title_end) {
        (Some(p), _) if abbreviated => Some(a.span(p..run.start)),
        (Some(p), _) if title_end > p => Some(a.span(p..title_end.max(run.start))),
        (None, true) => Some(a.span(title_start..title_end)),
        _ => appositive(a, run.end),
    };
    let description = description.filter(|d| !d.is_empty());
    // `Former Pennsylvania governor Ed Rendell`: a role noun says person.
    let mut hints = hints;
    hints.person |= !organisation
        && description.is_some_and(|d| {
            d.text(a.text).rsplit(' ').next().is_some_and(|w| person_role(&fold(w)).is_some())
        });
    Some(NameMention {
        tokens: run.clone(),
        name: name_start..run.end,
        words,
        hints,
        gender,
        description,
        sentence: a.segments.sentence_of[run.start] as usize,
        quoted: a.quote_at(run.start).is_some(),
        subject: subjects.at(a, run.start),
        reliable: !context.headline(a, run.start) && (run.len() > 1 || !context.initial[run.start]),
    })
}

/// How many words open a run before the name when no first name says where it starts:
/// the words before an honorific (`Manhattan-made Mr. Trump`), before a head title or role
/// (`Defense Secretary Ash Carter`, `Black Girls Rock! Founder Beverly Bond`) or up to a
/// hyphenated modifier (`Los Angeles-area Sanders`). None of them is a name's own word.
fn lead_modifiers(a: &Analysis<'_>, run: Range<usize>, folded: &[Folded<'_>]) -> usize {
    let n = folded.len();
    if n < 2 || first_name_gender(&folded[0]).is_some() {
        return 0;
    }
    let mut lead = 0;
    for k in 0..n - 1 {
        let w = a.word(run.start + k);
        // `Los Angeles-area`, `Queens-born`: a capitalised word made a modifier.
        let hyphen_modifier = w.rsplit_once('-').is_some_and(|(head, tail)| {
            !head.is_empty() && tail.len() > 2 && tail.chars().all(|c| c.is_ascii_lowercase())
        });
        if hyphen_modifier {
            lead = k + 1;
            continue;
        }
        if k == 0 || first_name_gender(&folded[k - 1]).is_some() {
            continue;
        }
        let rest = &folded[k + 1..];
        let head_title = is_honorific(&folded[k])
            || ((is_title(&folded[k]) || person_role(&folded[k]).is_some())
                && !weak_title(&folded[k])
                && !rest.iter().any(|w| is_organisation_word(w) || is_not_a_name(w))
                && !is_name_suffix(&rest[0]));
        if head_title {
            lead = k;
            break;
        }
    }
    lead
}

/// The last words of newspapers' names that are common nouns too (`an observer`, `the
/// sun`), an organisation's only as a capitalised name's end after `the`.
fn is_newspaper_word(folded: &str) -> bool {
    matches!(
        folded,
        "observer"
            | "globe"
            | "star"
            | "sun"
            | "bee"
            | "examiner"
            | "inquirer"
            | "enquirer"
            | "chronicle"
            | "dispatch"
            | "sentinel"
            | "courier"
            | "register"
            | "mirror"
            | "express"
            | "independent"
            | "standard"
            | "monitor"
    )
}

/// Titles that modify another title or a name rather than head a role: `State`, `U.S.`,
/// `Former`, `Vice`, `Deputy`.
fn weak_title(folded: &str) -> bool {
    matches!(
        folded,
        "state"
            | "u.s"
            | "us"
            | "former"
            | "vice"
            | "prime"
            | "deputy"
            | "assistant"
            | "democratic"
            | "republican"
            | "democrat"
    )
}

/// `FBI`, `NYPD`, `CNN`: two to five capitals.
fn is_acronym(w: &str) -> bool {
    // The capitals first: asked of nearly every name, which fails at its second letter.
    w.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
        && (2..=5).contains(&w.chars().filter(|c| c.is_alphabetic()).count())
        && !common_word(w)
}

/// The start of the premodifiers before a name starting at `start`: `transport minister`
/// in `transport minister Ana Lima`. The word just before the name must be a singular
/// common noun (the role); adjectives, nouns and party words may stand before it.
fn premodifier(a: &Analysis<'_>, context: &Context<'_>, start: usize) -> Option<usize> {
    let lex = lexicon();
    let role = start.checked_sub(1)?;
    let w = a.word(role);
    let plural = w.ends_with('s') && !w.ends_with("ss");
    // (`bin Laden`: a name's particle is no role.)
    if is_name_particle(w) {
        return None;
    }
    if a.token(role).kind != TokenKind::Word
        || context.capitalised[role]
        || a.class(role) != WordClass::Open
        || plural
        || !matches!(lex.guess(w, false), Pos::Noun | Pos::Propn)
        || a.token(start).starts_line
    {
        return None;
    }
    let mut first = role;
    while first > 0 && role - first < MAX_PREMODIFIER {
        let k = first - 1;
        if a.token(k).kind != TokenKind::Word || a.class(k) != WordClass::Open {
            break;
        }
        let w = a.word(k);
        let pos = lex.guess(w, context.initial[k]);
        let party = is_not_a_name(&fold(w));
        let modifier = matches!(pos, Pos::Adj | Pos::Noun | Pos::Adv | Pos::Propn | Pos::Num);
        if party || (!context.capitalised[k] && modifier) {
            first = k;
        } else {
            break;
        }
    }
    Some(first)
}

/// An appositive after a name ending at `end`: `, the Guardian’s Paris correspondent,`.
fn appositive(a: &Analysis<'_>, end: usize) -> Option<Span> {
    let n = a.tokens.len();
    if end + 1 >= n || !a.is(end, ",") {
        return None;
    }
    let first = end + 1;
    let opens = matches!(a.class(first), WordClass::Determiner | WordClass::Possessive)
        || (a.class(first) == WordClass::Open
            && !a.is_capitalised(first)
            && matches!(lexicon().guess(a.word(first), false), Pos::Adj | Pos::Noun));
    if !opens || a.is_word(first, "this") || a.is_word(first, "that") {
        return None;
    }
    let lex = lexicon();
    let mut k = first;
    while k < n && k - first < MAX_APPOSITIVE {
        let t = a.token(k);
        if a.is(k, ",") || a.is_terminal(k) {
            return (k > first).then(|| a.span(first..k));
        }
        if t.is_quote()
            || t.starts_line
            || (a.class(k) == WordClass::Auxiliary && !matches!(a.word(k), "’s" | "'s"))
            || a.class(k) == WordClass::Relative
            || a.cue_at(k).is_some()
            || (t.kind == TokenKind::Word
                && !a.is_capitalised(k)
                && lex.guess(a.word(k), false) == Pos::Verb)
        {
            return None;
        }
        k += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::names::fold_string;
    use super::*;

    /// The words as a list, as `NameWords` stands for.
    fn list(w: &NameWords) -> Vec<&str> {
        w.iter().collect()
    }

    #[test]
    fn name_words_behave_as_a_list_of_folded_words() {
        let names = [
            "Maria K. Okafor",
            "Okafor",
            "K. Okafor",
            "Post’s",
            "’s Okafor",
            "a ’s b",
            "",
            "José Núñez",
            "ÉLodie Ñ. ÇELIK",
            "Sir Bartholomew Featherstonehaugh-Cholmondeley Jr.",
        ];
        for name in names {
            let w = NameWords::of(name);
            let expected: Vec<String> = name.split_whitespace().map(fold_string).collect();
            assert_eq!(list(&w), expected, "{name}");
            assert_eq!(w.len(), expected.len());
            assert_eq!(w.first(), expected.first().map(String::as_str));
            assert_eq!(w.last(), expected.last().map(String::as_str));
            assert_eq!(w.as_str(), expected.join(" "));
            for other in names {
                let o = NameWords::of(other);
                let theirs: Vec<String> = other.split_whitespace().map(fold_string).collect();
                assert_eq!(w.ends_with(&o), expected.ends_with(&theirs), "{name} / {other}");
            }
        }
        let mut w = NameWords::of("Joseph R. Biden Jr.");
        w.pop();
        assert_eq!(
            (list(&w), w.first(), w.last()),
            (vec!["joseph", "r", "biden"], Some("joseph"), Some("biden"))
        );
        w.pop();
        w.pop();
        assert_eq!(
            (list(&w), w.first(), w.last()),
            (vec!["joseph"], Some("joseph"), Some("joseph"))
        );
    }
}
