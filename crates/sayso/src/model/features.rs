//! What the tagger sees of each token: hashed feature indices.
//!
//! Every feature is a template number mixed with a value (a word, a shape, a tag, a
//! distance bucket …) into a 64-bit hash, whose top bits index a row of the weight table.
//! Nothing is interned and nothing allocates per feature, so the cost is a few multiplies
//! per feature and one memory access when the tagger reads the row.
//!
//! The templates look at the word and its neighbours (forms, shapes, suffixes, part of speech
//! hints from [`crate::text::pos`]), at quotations (inside, opening or closing mark, which
//! paragraph the quotation began in), at reporting verbs from [`crate::cues`] (this token,
//! the nearest one to the left and right in the sentence, at what distance), at the nearest
//! word either side that can head a source (a name, a learnt source word), at where the
//! token sits in its sentence and paragraph, and at what the v1 rules of
//! [`crate::attribute`] decided for it. [`TEMPLATES_VERSION`] changes whenever any of this
//! changes, so that a model trained on other features is refused rather than misread.

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::attribute::Analysis;
use crate::cues::{CueClass, CueForm};
use crate::text::pos::{lexicon, Pos};
use crate::text::{QuoteMark, TokenKind};
use crate::{Attribution, Span};

use super::Tag;

/// How many templates [`extract`] computes for each token.
pub(crate) const BASE_TEMPLATES: usize = 58;

/// How many templates [`with_prior`] adds for each token.
const PRIOR_TEMPLATES: usize = 25;

/// Changes whenever a template is added, removed or computed differently.
pub const TEMPLATES_VERSION: u32 = 8;

/// The hashed features of every token of an article, and its sequences (paragraphs).
#[derive(Clone, Debug, Default)]
pub struct Features {
    /// Row indices into the weight table, token after token.
    pub rows: Vec<u32>,
    /// Where each token's rows start in `rows`; one more entry than tokens.
    pub offsets: Vec<u32>,
    /// The token ranges tagged as one sequence each: the paragraphs.
    pub sequences: Vec<Range<usize>>,
    /// Each token's word hash and part of speech, for the second stage.
    words: Vec<(u64, u64)>,
    /// As [`commas`] gives them, for the second stage.
    commas: Vec<u32>,
}

impl Features {
    /// The rows of token `i`.
    #[inline]
    pub fn of(&self, i: usize) -> &[u32] {
        &self.rows[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Each token's word hash and part of speech (0 for punctuation, else 1 + the lexicon's
    /// guess), moved out: the second look at content boundaries reads them once the
    /// taggers are done.
    pub(crate) fn take_words(&mut self) -> Vec<(u64, u64)> {
        std::mem::take(&mut self.words)
    }
}

/// Words that are cues or sources in the training data, with how reliably: a lexicon learnt
/// from the gold annotations, which reaches the long tail of cues (`views`, `learned`,
/// `ruled`) that the hand-written [`Cues`](crate::cues::Cues) lexicon leaves out, and the words sources are made
/// of (`spokesman`, `officials`), and two-word sequences likewise (`has learned`, `went
/// on`, `White House`). Stored in the model file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RoleWords {
    /// Word hash (or [`pair_hash`] of two) → classes: bits 0–1 as a cue, bits 2–3 as a
    /// source, each 0 (never or too rarely), 1 (now and then), 2, or 3 (more often than not).
    words: FxHashMap<u64, u8>,
}

/// How many times a word must be in a cue (or a source) in the training data to be learnt.
const ROLE_WORD_MIN: u32 = 3;

/// How many times a word must be seen in the training data for its own classes to count
/// even when they are 0: a rarer word that is not learnt takes its stem's classes.
const ROLE_WORD_KNOWN: u32 = 10;

/// The class byte of a word seen often enough, never or too rarely in a role, whose stem
/// has a class: it keeps its own zeros instead of taking the stem's classes.
const KNOWN_ZERO: u8 = 16;

/// Counts of a word (or a stem) in the training data: times inside a gold cue, inside a
/// gold source, and seen.
pub(crate) type RoleCounts = (u32, u32, u32);

impl RoleWords {
    /// From counts per word hash (and per pair of words), counts per [`stem_key`], and the
    /// stem key of each word hash.
    pub(crate) fn from_counts(
        counts: &FxHashMap<u64, RoleCounts>,
        stems: &FxHashMap<u64, RoleCounts>,
        word_stems: &FxHashMap<u64, u64>,
    ) -> RoleWords {
        let class = |hits: u32, seen: u32| -> u8 {
            if hits < ROLE_WORD_MIN {
                return 0;
            }
            match f64::from(hits) / f64::from(seen.max(1)) {
                r if r >= 0.5 => 3,
                r if r >= 0.15 => 2,
                r if r >= 0.03 => 1,
                _ => 0,
            }
        };
        let classes =
            |&(cue, source, seen): &RoleCounts| class(cue, seen) | class(source, seen) << 2;
        let stem_class =
            |word: u64| word_stems.get(&word).and_then(|stem| stems.get(stem)).map_or(0, classes);
        let mut words: FxHashMap<u64, u8> = counts
            .iter()
            .filter_map(|(&w, counts)| match classes(counts) {
                0 if counts.2 >= ROLE_WORD_KNOWN && stem_class(w) != 0 => Some((w, KNOWN_ZERO)),
                0 => None,
                c => Some((w, c)),
            })
            .collect();
        words
            .extend(stems.iter().map(|(&s, counts)| (s, classes(counts))).filter(|&(_, c)| c != 0));
        RoleWords { words }
    }

    /// From (word hash, class) entries as stored.
    pub(crate) fn from_entries(entries: impl IntoIterator<Item = (u64, u8)>) -> RoleWords {
        RoleWords { words: entries.into_iter().collect() }
    }

    /// The entries sorted by hash, so that the same lexicon gives the same bytes.
    pub(crate) fn entries(&self) -> Vec<(u64, u8)> {
        let mut out: Vec<(u64, u8)> = self.words.iter().map(|(&w, &c)| (w, c)).collect();
        out.sort_unstable();
        out
    }

    /// The cue and source classes of a word hash (or a pair's), 0 when it is not learnt.
    #[inline]
    fn classes(&self, word: u64) -> (u64, u64) {
        self.words.get(&word).map_or((0, 0), |&c| split_classes(c))
    }

    /// The cue and source classes of a word, or of its stem when the word itself was too
    /// rare in training to be learnt (`pooh-poohed` no, `insisting` from `insisted`).
    #[inline]
    fn word_classes(&self, hash: u64, word: &str) -> (u64, u64) {
        match self.words.get(&hash) {
            Some(&c) => split_classes(c),
            None => self.words.get(&stem_key(word)).map_or((0, 0), |&c| split_classes(c)),
        }
    }

    /// The cue and source classes of the two-word sequence `first second`, 0 when not learnt.
    #[inline]
    fn pair_classes(&self, first: u64, second: u64) -> (u64, u64) {
        self.classes(pair_hash(first, second))
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when no word was learnt.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// A class byte of [`RoleWords`] as (cue class, source class).
#[inline]
fn split_classes(c: u8) -> (u64, u64) {
    (u64::from(c & 3), u64::from((c >> 2) & 3))
}

const K1: u64 = 0x9E37_79B9_7F4A_7C15;
const K2: u64 = 0xD6E8_FEB8_6659_FD93;

#[inline]
fn mix(a: u64, b: u64) -> u64 {
    (a.wrapping_mul(K2) ^ b).wrapping_mul(K1).rotate_left(31)
}

/// The key of a two-word sequence in [`RoleWords`], from the words' hashes; never the hash
/// of a single word in practice.
pub(crate) fn pair_hash(first: u64, second: u64) -> u64 {
    mix(first ^ 0x2545_f491_4f6c_dd1d, second)
}

/// The key in [`RoleWords`] of a word's stem: the lowercased word without an inflection
/// (`-s`, `-es`, `-ed`, `-ing`, `-ies`/`-ied` for `-y`), a final `e` or a doubled final
/// consonant, so that `argue`, `argues`, `argued` and `arguing` share one key, as do
/// `admit`, `admits` and `admitted`. Only the mapping's consistency matters, not that the
/// stem is a word. 0 for a word that is not ASCII letters, or longer than 24 bytes.
pub(crate) fn stem_key(word: &str) -> u64 {
    let bytes = word.as_bytes();
    if bytes.len() > 24 || !bytes.iter().all(u8::is_ascii_alphabetic) {
        return 0;
    }
    let mut buf = [0u8; 24];
    for (b, &w) in buf.iter_mut().zip(bytes) {
        *b = w.to_ascii_lowercase();
    }
    let mut len = bytes.len();
    let ends = |buf: &[u8; 24], len: usize, suffix: &[u8]| {
        len >= suffix.len() + 2 && buf[..len].ends_with(suffix)
    };
    if ends(&buf, len, b"ies") || ends(&buf, len, b"ied") {
        len -= 2;
        buf[len - 1] = b'y';
    } else if ends(&buf, len, b"ing") && len >= 6 {
        len -= 3;
    } else if (ends(&buf, len, b"ed") && len >= 5)
        || (ends(&buf, len, b"es") && matches!(buf[len - 3], b's' | b'x' | b'z' | b'h'))
    {
        len -= 2;
    } else if ends(&buf, len, b"s") && !matches!(buf[len - 2], b's' | b'u' | b'i') {
        len -= 1;
    }
    if len >= 4 && buf[len - 1] == b'e' {
        len -= 1;
    }
    if len >= 4
        && buf[len - 1] == buf[len - 2]
        && !matches!(buf[len - 1], b'a' | b'e' | b'i' | b'o' | b'u')
    {
        len -= 1;
    }
    let mut h: u64 = 0x8422_2325_cbf2_9ce4;
    for &b in &buf[..len] {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    (h ^ (h >> 29)) | 1
}

/// A hash of a word, lowercased (ASCII letters only, which is all the features need).
pub(crate) fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in word.as_bytes() {
        h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x100_0000_01b3);
    }
    h ^ (h >> 31)
}

/// The hash of the last three characters of a lowercased word.
fn suffix_hash(word: &str) -> u64 {
    // Three ASCII bytes at the end are the last three characters; only other words need
    // the characters decoded backwards.
    let bytes = word.as_bytes();
    let start = match bytes.len().checked_sub(3) {
        Some(start) if bytes[start..].is_ascii() => start,
        _ => word.char_indices().rev().nth(2).map_or(0, |(i, _)| i),
    };
    word_hash(&word[start..]) ^ 0x5bd1_e995
}

/// A word's shape, in a few classes.
fn shape(word: &str, kind: TokenKind) -> u64 {
    match kind {
        TokenKind::Quote(QuoteMark::Open) => 1,
        TokenKind::Quote(QuoteMark::Close) => 2,
        TokenKind::Quote(QuoteMark::Either) => 3,
        TokenKind::SingleQuote(_) => 4,
        TokenKind::Number => 5,
        TokenKind::Punct => 16 + word_hash(word) % 4096,
        TokenKind::Word => {
            let mut chars = word.chars();
            let first = chars.next().unwrap_or(' ');
            if first.is_uppercase() {
                if word.chars().count() > 1 && word.chars().all(|c| !c.is_lowercase()) {
                    6
                } else {
                    7
                }
            } else if first.is_lowercase() {
                8
            } else {
                9
            }
        }
    }
}

/// The per-token facts the templates combine.
#[derive(Clone, Copy, Default)]
struct Facts {
    word: u64,
    suffix: u64,
    shape: u64,
    pos: u64,
    /// The cue lexicon's entry for the word, anywhere (1 + class * 4 + form), or 0.
    lexical_cue: u64,
    /// Quote state: 0 outside, 1 inside, 2 opening mark, 3 closing mark; +4 when the
    /// quotation began in an earlier paragraph.
    quote: u64,
    /// The v1 rules' tag for the token.
    rule: u64,
    /// The v1 rules' attribution kind, when the token is in one (1 direct, 2 indirect, 3 mixed).
    rule_kind: u64,
    /// The learnt lexicon's cue class for the word, or 0.
    learnt: u64,
    /// The learnt lexicon's source class for the word, or 0.
    learnt_source: u64,
    /// The learnt lexicon's cue and source classes of this word with the next, as a pair
    /// (`has learned`, `White House`), or 0.
    pair: (u64, u64),
}

impl Facts {
    /// Whether the word can head a source: a learnt source word of class 2 or 3 (`he`,
    /// `officials`, `spokesman`) or, by the part-of-speech hints, a proper noun (`Trump`).
    #[inline]
    fn heads_source(&self) -> bool {
        self.learnt_source >= 2 || self.pos == Pos::Propn as u64 + 1
    }
}

fn cue_code(class: CueClass, form: CueForm) -> u64 {
    let class = match class {
        CueClass::Speech => 0,
        CueClass::Address => 1,
        CueClass::Cognition => 2,
        CueClass::Evidence => 3,
        CueClass::Stance => 4,
    };
    let form = match form {
        CueForm::Base => 0,
        CueForm::ThirdPerson => 1,
        CueForm::Past => 2,
        CueForm::Gerund => 3,
    };
    1 + class * 4 + form
}

fn bucket(distance: usize) -> u64 {
    match distance {
        0 => 0,
        1 => 1,
        2 => 2,
        3 => 3,
        4..=5 => 4,
        6..=8 => 5,
        9..=13 => 6,
        14..=20 => 7,
        _ => 8,
    }
}

/// The rules' tags, token by token, from their attributions.
fn rule_tags(a: &Analysis<'_>, rules: &[Attribution]) -> (Vec<Tag>, Vec<u8>) {
    let n = a.tokens.len();
    let mut tags = vec![Tag::O; n];
    let mut kinds = vec![0u8; n];
    let mut mark = |span: Span, begin: Tag, inside: Tag, kind: u8| {
        let first = a.tokens.partition_point(|t| t.span.end <= span.start);
        let mut began = false;
        for i in first..n {
            let t = a.tokens[i].span;
            if t.start >= span.end {
                break;
            }
            if tags[i] == Tag::O {
                tags[i] = if began { inside } else { begin };
                kinds[i] = kind;
                began = true;
            }
        }
    };
    for r in rules {
        let kind = match r.kind {
            crate::AttributionKind::Direct => 1,
            crate::AttributionKind::Indirect => 2,
            crate::AttributionKind::Mixed => 3,
        };
        for &c in &r.content {
            mark(c, Tag::BContent, Tag::IContent, kind);
        }
        if let Some(c) = r.cue {
            mark(c, Tag::BCue, Tag::ICue, kind);
        }
        if let Some(s) = r.source {
            mark(s, Tag::BSource, Tag::ISource, kind);
        }
    }
    (tags, kinds)
}

/// Computes the features of every token of `a`, given the v1 rules' attributions and the
/// lexicon of cue and source words learnt from the training data.
pub fn extract(
    a: &Analysis<'_>,
    rules: &[Attribution],
    role_words: &RoleWords,
    bits: u32,
) -> Features {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("bmi2") {
        // SAFETY: `extract_bmi2` only needs BMI2, which the CPU has (checked above).
        return unsafe { extract_bmi2(a, rules, role_words, bits) };
    }
    extract_body(a, rules, role_words, bits)
}

/// [`extract_body`] compiled for BMI2, whose shifts take their count from any register:
/// each template's row is a hash shifted by a count known only at run time, and without
/// BMI2 every one of those shifts first copied the count into `cl`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "bmi2")]
fn extract_bmi2(
    a: &Analysis<'_>,
    rules: &[Attribution],
    role_words: &RoleWords,
    bits: u32,
) -> Features {
    extract_body(a, rules, role_words, bits)
}

/// The body of [`extract`].
#[inline(always)]
fn extract_body(
    a: &Analysis<'_>,
    rules: &[Attribution],
    role_words: &RoleWords,
    bits: u32,
) -> Features {
    let n = a.tokens.len();
    let facts = facts(a, rules, role_words);
    let commas = commas(a);

    let shift = 64 - bits;
    // A token's rows are written in place, into an array of the table: pushed from a
    // buffer, the copy was 8% of the function. The table is filled by `resize` rather than
    // made by `vec!`, whose zeroed allocation cost as much again in `calloc`.
    let mut rows: Vec<[u32; BASE_TEMPLATES]> = Vec::with_capacity(n);
    rows.resize(n, [0; BASE_TEMPLATES]);
    let mut slots = rows.iter_mut();
    let offsets = (0..=n).map(|i| (i * BASE_TEMPLATES) as u32).collect();
    let mut sequences: Vec<Range<usize>> = Vec::new();
    // The nearest cue and learnt cue to the right of each token of the sentence, by a
    // backward pass; those to the left are kept while the tokens are pushed in order.
    let mut right = Vec::new();
    let mut previous_paragraph = None;
    for s in &a.segments.sentences {
        let sentence = s.tokens.clone();
        right.clear();
        right.resize(sentence.len(), Near::NONE);
        let (mut cue, mut learnt, mut subject) =
            (Near::NONE.cue, Near::NONE.learnt, Near::NONE.subject);
        for (i, near) in sentence.clone().zip(right.iter_mut()).rev() {
            *near = Near { cue, learnt, subject };
            if let Some(c) = a.cue_at(i) {
                cue = (i, cue_code(c.class, c.form));
            }
            if facts[i + PAD].learnt >= 2 {
                learnt = i;
            }
            if facts[i + PAD].heads_source() {
                subject = i;
            }
        }
        let first_sentence = u64::from(previous_paragraph != Some(s.paragraph));
        previous_paragraph = Some(s.paragraph);
        match sequences.last_mut() {
            Some(last) if first_sentence == 0 => last.end = sentence.end,
            _ => sequences.push(sentence.clone()),
        }
        let (mut cue, mut learnt, mut subject) =
            (Near::NONE.cue, Near::NONE.learnt, Near::NONE.subject);
        for (i, near) in sentence.clone().zip(&right) {
            let position = if i == sentence.start {
                1
            } else if i + 1 == sentence.end {
                2
            } else if i + 2 == sentence.end {
                3
            } else {
                0
            };
            let between = |j: usize| {
                let (lo, hi) = if i < j { (i, j) } else { (j, i) };
                (bucket(hi - lo), u64::from(commas[hi] > commas[lo]))
            };
            // The nearest learnt cue (class 2 or 3) to the left and right in the sentence:
            // (distance bucket, comma between, class).
            let learnt_fact = |j: usize| {
                if j == usize::MAX {
                    (9, 0, 0)
                } else {
                    let (d, comma) = between(j);
                    (d, comma, facts[j + PAD].learnt)
                }
            };
            let (ll, rl) = (learnt_fact(learnt), learnt_fact(near.learnt));
            // The nearest word that can head a source ([`Facts::heads_source`]) to the left
            // and right in the sentence: (distance bucket, comma between).
            let subject_fact = |j: usize| if j == usize::MAX { (9, 0) } else { between(j) };
            let subjects = [subject_fact(subject), subject_fact(near.subject)];
            // The nearest cue to the left and right: (distance bucket, cue, its word,
            // comma between, the word after it).
            let (ld, lc, lw, lcomma, lafter) = match cue {
                (usize::MAX, _) => (9, 0, 0x77, 0, 0),
                (j, code) => {
                    let (d, comma) = between(j);
                    (d, code, facts[j + PAD].word, comma, facts[j + 1 + PAD].word)
                }
            };
            let (rd, rc, rw, rcomma) = match near.cue {
                (usize::MAX, _) => (9, 0, 0x77, 0),
                (j, code) => {
                    let (d, comma) = between(j);
                    (d, code, facts[j + PAD].word, comma)
                }
            };
            let this_cue = a.cue_at(i);
            let in_cue = u64::from(this_cue.is_some());
            let Some(out) = slots.next() else { break };
            let Ok(window) = <&[Facts; 2 * PAD + 1]>::try_from(&facts[i..=i + 2 * PAD]) else {
                break;
            };
            push_base(
                out,
                window,
                shift,
                position,
                first_sentence,
                in_cue,
                [ld, lc, lw, lcomma, lafter],
                [rd, rc, rw, rcomma],
                ll,
                rl,
                subjects,
            );
            if let Some(c) = this_cue {
                cue = (i, cue_code(c.class, c.form));
            }
            if facts[i + PAD].learnt >= 2 {
                learnt = i;
            }
            if facts[i + PAD].heads_source() {
                subject = i;
            }
        }
    }
    let words = facts[PAD..PAD + n].iter().map(|f| (f.word, f.pos)).collect();
    Features { rows: rows.into_flattened(), offsets, sequences, words, commas }
}

/// How many blank [`Facts`] stand before and after an article's tokens, so that a token's
/// neighbours two either side are always there.
const PAD: usize = 2;

/// The nearest cue (its token and code), learnt cue and word that can head a source (their
/// tokens) after a token in its sentence; `usize::MAX` for none.
#[derive(Clone, Copy)]
struct Near {
    cue: (usize, u64),
    learnt: usize,
    subject: usize,
}

impl Near {
    const NONE: Near = Near { cue: (usize::MAX, 0), learnt: usize::MAX, subject: usize::MAX };
}

/// The facts of every token, with [`PAD`] blank ones before and after.
fn facts(a: &Analysis<'_>, rules: &[Attribution], role_words: &RoleWords) -> Vec<Facts> {
    let n = a.tokens.len();
    let lexicon = lexicon();
    let (rule, rule_kind) = rule_tags(a, rules);
    let none =
        Facts { word: 0x1234_5678, shape: 99, pos: 99, quote: 99, rule: 99, ..Facts::default() };
    let mut facts = vec![none; n + 2 * PAD];
    for s in &a.segments.sentences {
        for i in s.tokens.clone() {
            let t = a.tokens[i];
            let w = t.text(a.text);
            let word = word_hash(w);
            let is_word = t.kind == TokenKind::Word;
            let quote = match a.quote_at(i) {
                None => 0,
                Some(q) => {
                    let quotation = &a.quotes[q];
                    let mut state = if i == quotation.tokens.start && t.is_quote() {
                        2
                    } else if i + 1 == quotation.tokens.end && t.is_quote() {
                        3
                    } else {
                        1
                    };
                    if a.paragraph(quotation.tokens.start) != s.paragraph {
                        state += 4;
                    }
                    state
                }
            };
            let (learnt, learnt_source) =
                if is_word { role_words.word_classes(word, w) } else { (0, 0) };
            facts[i + PAD] = Facts {
                word,
                suffix: suffix_hash(w),
                shape: shape(w, t.kind),
                pos: if is_word { lexicon.guess(w, i == s.tokens.start) as u64 + 1 } else { 0 },
                lexical_cue: if is_word {
                    a.lexical_cue(i).map_or(0, |c| cue_code(c.class, c.form))
                } else {
                    0
                },
                quote,
                rule: rule[i] as u64,
                rule_kind: u64::from(rule_kind[i]),
                learnt,
                learnt_source,
                pair: (0, 0),
            };
        }
    }
    for i in 1..n {
        if a.tokens[i - 1].kind == TokenKind::Word && a.tokens[i].kind == TokenKind::Word {
            let (first, second) = (facts[i - 1 + PAD].word, facts[i + PAD].word);
            facts[i - 1 + PAD].pair = role_words.pair_classes(first, second);
        }
    }
    facts
}

/// Writes the base templates of one token into `out`, from the facts of the token and its
/// neighbours (`window`, two either side), where it stands in its sentence, and the nearest
/// cues, learnt cues and words that can head a source to its left and right.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn push_base(
    out: &mut [u32; BASE_TEMPLATES],
    window: &[Facts; 2 * PAD + 1],
    shift: u32,
    position: u64,
    first_sentence: u64,
    in_cue: u64,
    [ld, lc, lw, lcomma, lafter]: [u64; 5],
    [rd, rc, rw, rcomma]: [u64; 4],
    ll: (u64, u64, u64),
    rl: (u64, u64, u64),
    [ls, rs]: [(u64, u64); 2],
) {
    let [p2, p1, c, n1, n2] = window;
    let mut len = 0;
    let mut push = |template: u64, value: u64| {
        if let Some(slot) = out.get_mut(len) {
            *slot = (mix(template, value) >> shift) as u32;
        }
        len += 1;
    };
    // A template's number is its hash key. Those of templates since removed are not
    // reused: 28, 30, 35 and 41 (the part of speech, the quotation state, the comma and
    // the sentence's tail each with the nearest cues' distances, which other templates
    // pair already); without them the tagger did as well on held-out articles.
    push(0, 0);
    push(1, c.word);
    push(2, p1.word);
    push(3, n1.word);
    push(4, p2.word);
    push(5, n2.word);
    push(6, mix(p1.word, c.word));
    push(7, mix(c.word, n1.word));
    push(8, c.shape);
    push(9, mix(mix(p1.shape, c.shape), n1.shape));
    push(10, c.suffix);
    push(11, c.pos);
    push(12, mix(p1.pos, c.pos));
    push(13, mix(c.pos, n1.pos));
    push(14, mix(mix(p1.pos, c.pos), n1.pos));
    push(15, c.lexical_cue * 2 + in_cue);
    push(16, p1.lexical_cue);
    push(17, n1.lexical_cue);
    push(18, mix(ld, lc));
    push(19, mix(rd, rc));
    push(20, c.quote);
    push(21, mix(mix(p1.quote, c.quote), n1.quote));
    push(22, c.rule);
    push(23, mix(mix(p1.rule, c.rule), n1.rule));
    push(24, mix(c.rule, c.rule_kind));
    push(25, mix(c.rule, c.word));
    push(26, position * 2 + first_sentence);
    push(27, mix(c.pos, ld));
    push(29, mix(position, c.shape));
    push(31, mix(c.quote, rd));
    push(32, mix(p1.word, mix(c.word, n1.word)));
    push(33, mix(c.word, ld));
    push(34, mix(c.word, rd));
    push(36, mix(n1.pos, n2.pos));
    push(37, mix(p2.pos, p1.pos));
    push(38, mix(c.rule, mix(ld, rd)));
    push(39, mix(lw, lcomma));
    push(40, mix(rw, rcomma));
    push(42, mix(mix(ld, lcomma), lafter));
    push(43, mix(lw, lafter));
    push(44, mix(mix(rw, rcomma), c.quote));
    push(45, mix(mix(lw, lcomma), c.quote));
    push(46, mix(rcomma, mix(lcomma, mix(u64::from(ld == 9), u64::from(rd == 9)))));
    push(47, mix(c.learnt, c.lexical_cue));
    push(48, mix(mix(p1.learnt, c.learnt), n1.learnt));
    push(49, mix(mix(ll.0, ll.1), ll.2));
    push(50, mix(mix(rl.0, rl.1), rl.2));
    push(51, mix(c.pos, mix(ll.0, rl.0)));
    push(52, mix(mix(c.quote, ll.0), rl.0));
    push(53, mix(c.learnt_source, c.shape));
    push(54, mix(mix(p1.learnt_source, c.learnt), n1.learnt_source));
    push(55, mix(mix(p2.learnt_source, p1.learnt_source), c.learnt));
    push(56, mix(mix(c.learnt_source, n1.learnt), n2.learnt));
    push(57, mix(p1.pair.0, c.pair.0));
    push(58, mix(p1.pair.1, c.pair.1));
    // Where the nearest word that can head a source stands: the token's part of speech
    // with the distance and comma to the left one and to the right one, the token's word
    // with the distance to the left one.
    push(59, mix(c.pos, mix(ls.0, ls.1)));
    push(60, mix(c.word, ls.0));
    push(61, mix(c.pos, mix(rs.0, rs.1)));
    debug_assert_eq!(len, BASE_TEMPLATES, "BASE_TEMPLATES is out of date");
}

/// For each token, the commas (and dashes, semicolons) before it in its sentence, to tell
/// whether one lies between two tokens.
fn commas(a: &Analysis<'_>) -> Vec<u32> {
    let mut commas = vec![0u32; a.tokens.len() + 1];
    for s in &a.segments.sentences {
        let mut count = 0;
        for i in s.tokens.clone() {
            commas[i] = count;
            // On the bytes (`,` `;` `–` `—`): slicing the text checked character boundaries.
            let bytes = a.text.as_bytes().get(a.tokens[i].span.range()).unwrap_or_default();
            if matches!(bytes, [b','] | [b';'] | [0xE2, 0x80, 0x93 | 0x94]) {
                count += 1;
            }
        }
    }
    commas
}

/// The second stage's features: `base` (from [`extract`]) and what the first stage's tags
/// `prior` say about each token's surroundings, for the tokens of `sequences` (which become
/// the features' sequences; every other token has no features, since it is not tagged).
pub fn with_prior(
    a: &Analysis<'_>,
    base: &Features,
    prior: &[Tag],
    bits: u32,
    sequences: Vec<Range<usize>>,
) -> Features {
    let n = base.len();
    if prior.len() != n || a.tokens.len() != n {
        return base.clone();
    }
    let own = self::prior(a, base, prior, bits, sequences);
    let mut rows =
        Vec::with_capacity(own.rows.len() * (BASE_TEMPLATES + PRIOR_TEMPLATES) / PRIOR_TEMPLATES);
    let mut offsets = Vec::with_capacity(n + 1);
    for i in 0..n {
        offsets.push(rows.len() as u32);
        if !own.of(i).is_empty() {
            rows.extend_from_slice(base.of(i));
            rows.extend_from_slice(own.of(i));
        }
    }
    offsets.push(rows.len() as u32);
    Features {
        rows,
        offsets,
        sequences: own.sequences,
        words: base.words.clone(),
        commas: base.commas.clone(),
    }
}

/// The rows the second stage adds to `base` (from [`extract`]): what the first stage's tags
/// `prior` say about each token's surroundings, for the tokens of `sequences` (which become
/// these features' sequences; every other token has no rows, since it is not tagged). The
/// second tagger scores a token on its rows here and in `base`, which is what
/// [`with_prior`] puts together; at run time nothing copies `base`'s rows.
pub fn prior(
    a: &Analysis<'_>,
    base: &Features,
    prior: &[Tag],
    bits: u32,
    sequences: Vec<Range<usize>>,
) -> Features {
    let n = base.len();
    let mut wanted = vec![false; n];
    for r in &sequences {
        wanted[r.clone()].fill(true);
    }
    let mut offsets = Vec::with_capacity(n + 1);
    if prior.len() != n || a.tokens.len() != n {
        offsets.resize(n + 1, 0);
        return Features { rows: Vec::new(), offsets, ..Features::default() };
    }
    let shift = 64 - bits;
    // A token's rows are written in place, as in `extract`; a sentence's facts are gathered
    // sentence by sentence instead of into tables for every token of the article.
    let count = wanted.iter().filter(|&&w| w).count();
    let mut rows: Vec<[u32; PRIOR_TEMPLATES]> = Vec::with_capacity(count);
    rows.resize(count, [0; PRIOR_TEMPLATES]);
    let mut slots = rows.iter_mut();
    let mut written = 0u32;
    let mut right = Vec::new();
    let sentences = &a.segments.sentences;
    let mut next = 0;
    while next < sentences.len() {
        // The sentences of one paragraph, and the roles found in it.
        let paragraph = sentences[next].paragraph;
        let first = next;
        while next < sentences.len() && sentences[next].paragraph == paragraph {
            next += 1;
        }
        let tokens = sentences[first].tokens.start..sentences[next - 1].tokens.end;
        if !wanted[tokens.clone()].contains(&true) {
            offsets.extend(std::iter::repeat_n(written, tokens.len()));
            continue;
        }
        let roles_in_paragraph = prior[tokens].iter().fold(0u64, |r, t| r | (1 << t.role()));
        for s in &sentences[first..next] {
            let range = s.tokens.clone();
            let facts = if wanted[range.start] {
                SentenceFacts::new(a, prior, &base.commas, &base.words, range.clone(), &mut right)
            } else {
                SentenceFacts::blank(range.len(), &mut right)
            };
            let (mut cue, mut source) = (usize::MAX, usize::MAX);
            let mut before = 0u64;
            for (i, &(rc, rs, after)) in range.clone().zip(&right) {
                offsets.push(written);
                let tag = prior[i];
                if wanted[i] {
                    let Some(out) = slots.next() else { break };
                    let near = if facts.blank {
                        [NONE_NEAR; 4]
                    } else {
                        [facts.fact(i, cue), facts.fact(i, source), rc, rs]
                    };
                    let (word, pos) = base.words[i];
                    let quote = u64::from(a.quote_at(i).is_some());
                    let around = if facts.blank { (0, 0) } else { (facts.last, before | after) };
                    let sentence = if facts.blank { (0, 0) } else { (facts.roles, facts.first) };
                    push_prior(
                        out,
                        shift,
                        prior,
                        i,
                        [word, pos, quote, roles_in_paragraph],
                        near,
                        sentence,
                        around,
                    );
                    written += PRIOR_TEMPLATES as u32;
                }
                if tag.role() == 3 {
                    before = 1;
                }
                if tag == Tag::BCue {
                    cue = i;
                }
                if tag == Tag::BSource {
                    source = i;
                }
            }
        }
    }
    offsets.push(written);
    Features { rows: rows.into_flattened(), offsets, sequences, ..Features::default() }
}

/// What a token sees to its right in its sentence: the facts of the nearest tagged cue and
/// source, and whether content lies after it (2).
type RightOf = ((u64, u64, u64), (u64, u64, u64), u64);

/// The facts of a tagged cue or source near a token when there is none.
const NONE_NEAR: (u64, u64, u64) = (9, 0, 0x99);

/// What the second stage knows of one sentence from the first stage's tags.
struct SentenceFacts<'f> {
    /// True for a sentence left out, whose tokens see none of the facts.
    blank: bool,
    /// The roles found in the sentence (bit 1 source, 2 cue, 4 content).
    roles: u64,
    /// The tag of the sentence's first token.
    first: u64,
    /// The tag of the sentence's last word.
    last: u64,
    commas: &'f [u32],
    words: &'f [(u64, u64)],
}

impl<'f> SentenceFacts<'f> {
    /// The facts of the sentence `range`, and into `right` for each of its tokens the
    /// nearest tagged cue and source to the right (distance bucket, comma between, the cue's
    /// first word) and whether content lies after it (2), by a backward pass.
    fn new(
        a: &Analysis<'_>,
        tags: &[Tag],
        commas: &'f [u32],
        words: &'f [(u64, u64)],
        range: Range<usize>,
        right: &mut Vec<RightOf>,
    ) -> SentenceFacts<'f> {
        let mut roles = 0u64;
        for &t in &tags[range.clone()] {
            roles |= match t.role() {
                1 => 1,
                2 => 2,
                3 => 4,
                _ => 0,
            };
        }
        let first = tags[range.start] as u64;
        let last = range
            .clone()
            .rev()
            .find(|&i| a.tokens[i].kind == TokenKind::Word)
            .map_or(0, |i| tags[i] as u64);
        let facts = SentenceFacts { blank: false, roles, first, last, commas, words };
        right.clear();
        right.resize(range.len(), (NONE_NEAR, NONE_NEAR, 0));
        let (mut cue, mut source, mut after) = (usize::MAX, usize::MAX, 0u64);
        for (i, slot) in range.zip(right.iter_mut()).rev() {
            *slot = (facts.fact(i, cue), facts.fact(i, source), after);
            let tag = tags[i];
            if tag.role() == 3 {
                after = 2;
            }
            if tag == Tag::BCue {
                cue = i;
            }
            if tag.role() == 1 {
                source = i;
            }
        }
        facts
    }

    /// A sentence left out.
    fn blank(len: usize, right: &mut Vec<RightOf>) -> SentenceFacts<'f> {
        right.clear();
        right.resize(len, (NONE_NEAR, NONE_NEAR, 0));
        SentenceFacts { blank: true, roles: 0, first: 0, last: 0, commas: &[], words: &[] }
    }

    /// The facts of the tagged token `j` (`usize::MAX` for none) seen from token `i`.
    #[inline]
    fn fact(&self, i: usize, j: usize) -> (u64, u64, u64) {
        if j == usize::MAX {
            return NONE_NEAR;
        }
        let (lo, hi) = if i < j { (i, j) } else { (j, i) };
        (bucket(hi - lo), u64::from(self.commas[hi] > self.commas[lo]), self.words[j].0)
    }
}

/// Writes the second stage's templates of token `i` into `out`.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn push_prior(
    out: &mut [u32; PRIOR_TEMPLATES],
    shift: u32,
    tags: &[Tag],
    i: usize,
    [word, pos, quote, paragraph]: [u64; 4],
    [lc, ls, rc, rs]: [(u64, u64, u64); 4],
    (roles, first): (u64, u64),
    (last, content): (u64, u64),
) {
    let mut len = 0;
    let mut push = |template: u64, value: u64| {
        if let Some(slot) = out.get_mut(len) {
            *slot = (mix(template, value) >> shift) as u32;
        }
        len += 1;
    };
    let n = tags.len();
    let tag = |d: isize| -> u64 {
        let j = i as isize + d;
        if j < 0 || j >= n as isize {
            99
        } else {
            tags[j as usize] as u64
        }
    };
    let (t, p1, p2, n1, n2) = (tag(0), tag(-1), tag(-2), tag(1), tag(2));
    push(100, t);
    push(101, mix(p1, t));
    push(102, mix(t, n1));
    push(103, mix(mix(p1, t), n1));
    push(104, mix(p2, p1));
    push(105, mix(n1, n2));
    push(106, mix(t, word));
    push(107, mix(t, pos));
    push(108, mix(lc.0, lc.1));
    push(109, mix(rc.0, rc.1));
    push(110, mix(ls.0, ls.1));
    push(111, mix(rs.0, rs.1));
    push(112, mix(mix(lc.0, lc.1), mix(rs.0, rs.1)));
    push(113, mix(mix(rc.0, rc.1), mix(ls.0, ls.1)));
    push(114, mix(lc.2, lc.1));
    push(115, mix(rc.2, rc.1));
    push(116, mix(roles, first));
    push(117, mix(roles, t));
    push(118, mix(paragraph, t));
    push(119, mix(mix(roles, quote), t));
    push(120, mix(mix(lc.0, rc.0), t));
    push(121, mix(mix(ls.0, rs.0), t));
    push(122, mix(mix(last, first), t));
    push(123, mix(mix(content, t), quote));
    push(124, mix(mix(content, lc.0), rc.0));
    debug_assert_eq!(len, PRIOR_TEMPLATES, "PRIOR_TEMPLATES is out of date");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribute::attribute;
    use crate::clean::boilerplate;

    /// The buffers hold every template (and in a debug build a template added without
    /// raising the count trips an assertion).
    #[test]
    fn every_token_gets_every_template() {
        let text = "“We will win,” she said. Officials said the plan was a “historic mistake”.\n\nHe left.";
        let junk = boilerplate(text);
        let mut a = Analysis::new(text, &junk);
        let rules = attribute(&mut a);
        let base = extract(&a, &rules, &RoleWords::default(), 18);
        assert!(base.len() > 10);
        for i in 0..base.len() {
            assert_eq!(base.of(i).len(), BASE_TEMPLATES, "token {i}");
        }
        let prior = vec![Tag::O; base.len()];
        let second = with_prior(&a, &base, &prior, 18, base.sequences.clone());
        for i in 0..second.len() {
            assert_eq!(second.of(i).len(), BASE_TEMPLATES + PRIOR_TEMPLATES, "token {i}");
        }
    }
    #[test]
    fn inflections_share_a_stem() {
        let same = |words: &[&str]| {
            let key = stem_key(words[0]);
            assert_ne!(key, 0, "{}", words[0]);
            for w in words {
                assert_eq!(stem_key(w), key, "{w} against {}", words[0]);
            }
        };
        same(&["argue", "argues", "argued", "arguing", "Argued"]);
        same(&["admit", "admits", "admitted", "admitting"]);
        same(&["insist", "insists", "insisted", "insisting"]);
        same(&["deny", "denies", "denied", "denying"]);
        same(&["say", "says", "saying"]);
        same(&["push", "pushes", "pushed"]);
        same(&["official", "officials"]);
        assert_ne!(stem_key("claimed"), stem_key("clamed"));
        assert_ne!(stem_key("press"), stem_key("pre"));
        assert_eq!(stem_key("François"), 0);
        assert_eq!(stem_key("U.S."), 0);
        assert_eq!(stem_key(&"a".repeat(25)), 0);
    }

    /// A word too rare to be learnt takes its stem's classes; a word seen often enough in
    /// no role keeps its zeros; a learnt word keeps its own classes.
    #[test]
    fn rare_words_take_their_stems_classes() {
        let mut counts: FxHashMap<u64, RoleCounts> = FxHashMap::default();
        let mut stems: FxHashMap<u64, RoleCounts> = FxHashMap::default();
        let mut word_stems: FxHashMap<u64, u64> = FxHashMap::default();
        for (word, (cue, source, seen)) in [
            ("insisted", (40, 0, 50)),
            ("insisting", (1, 0, 2)),
            ("insist", (0, 0, 30)),
            ("insists", (12, 0, 14)),
        ] {
            let (hash, stem) = (word_hash(word), stem_key(word));
            counts.insert(hash, (cue, source, seen));
            let pooled = stems.entry(stem).or_default();
            *pooled = (pooled.0 + cue, pooled.1 + source, pooled.2 + seen);
            word_stems.insert(hash, stem);
        }
        let words = RoleWords::from_counts(&counts, &stems, &word_stems);
        let classes = |w: &str| words.word_classes(word_hash(w), w);
        assert_eq!(classes("insisted"), (3, 0));
        assert_eq!(classes("insists"), (3, 0));
        // 53 of 96 pooled: class 3, for the rare form and for one never seen.
        assert_eq!(classes("insisting"), (3, 0));
        assert_eq!(classes("Insistings"), (0, 0), "another stem");
        assert_eq!(classes("insist"), (0, 0), "seen 30 times, never a cue");
        assert_eq!(classes("claimed"), (0, 0));
        // The stored entries come back the same from the file.
        let read = RoleWords::from_entries(words.entries());
        assert_eq!(read, words);
    }
}
