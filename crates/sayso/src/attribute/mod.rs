//! Links contents to cues and sources: the heart of the engine.
//!
//! The stage works over an [`Analysis`] of one article (tokens, sentences, quotations,
//! boilerplate) in three passes. [`speaker_line`] takes the lines where a colon or a dash
//! stands for the verb (headlines, transcripts, signed quotes). [`direct`] attributes
//! quotations: a cue and source after the quote (`“…,” she said`), before it (`She said:
//! “…”`), in the previous sentence (`He added:` then a quote paragraph), and joins split
//! quotes. [`indirect`] then finds reported speech around every remaining cue (`X said that
//! …`, `…, X said.`, `according to X, …`), treating quotations inside its content as partial
//! quotes (mixed).
//! [`source`] finds the noun phrase that names the source and types it.

mod direct;
mod indirect;
mod source;
mod speaker_line;

use std::ops::Range;

use crate::cues::{Cue, CueForm, Cues};
use crate::quotes::{self, Quotation};
use crate::text::{
    segment, word_class_of, AsciiLower, Segments, Token, TokenKind, Tokens, WordClass,
};
use crate::{Attribution, AttributionKind, Span};

pub use self::source::speaker_of;

/// One article, analysed for the attribution stage.
pub struct Analysis<'t> {
    /// The article's text.
    pub text: &'t str,
    /// Its tokens.
    pub tokens: Tokens,
    /// Its sentences and paragraphs.
    pub segments: Segments,
    /// Its quotations, in order.
    pub quotes: Vec<Quotation>,
    /// For each token, the quotation it lies in (marks included), if any.
    quote_of: Vec<u32>,
    /// For each token, the cue it is, if any (never inside a quotation or boilerplate).
    cues: Vec<Option<Cue>>,
    /// For each token, its closed word class: the rules ask for it many times per token.
    classes: Vec<WordClass>,
    /// Tokens already part of an attribution.
    used: Vec<bool>,
}

const NO_QUOTE: u32 = u32::MAX;

impl<'t> Analysis<'t> {
    /// Tokenizes, segments and pairs quotes, leaving out tokens inside `boilerplate`.
    pub fn new(text: &'t str, boilerplate: &[Span]) -> Analysis<'t> {
        let mut tokens = Tokens::new(text);
        if !boilerplate.is_empty() {
            // One sweep over tokens and spans together: a scan of every span per token was
            // quadratic, and took hours on a 50 MB article with a promo every few lines.
            let mut spans = boilerplate.to_vec();
            spans.sort_unstable_by_key(|s| (s.start, s.end));
            let mut next = 0;
            let mut reach = 0;
            tokens.retain(|t| {
                while next < spans.len() && spans[next].start <= t.span.start {
                    reach = reach.max(spans[next].end);
                    next += 1;
                }
                t.span.end > reach
            });
        }
        let segments = segment(text, &tokens);
        let quotes = quotes::find(text, &tokens);
        let mut quote_of = vec![NO_QUOTE; tokens.len()];
        for (n, q) in quotes.iter().enumerate() {
            for slot in &mut quote_of[q.tokens.clone()] {
                *slot = n as u32;
            }
        }
        // One lowercased copy of each word serves both lookups.
        let lexicon = Cues::get_or_init();
        // Filled in place rather than pushed: a push a token checked the capacity twice.
        let mut cues = vec![None; tokens.len()];
        let mut classes = vec![WordClass::Open; tokens.len()];
        let slots = cues.iter_mut().zip(&mut classes);
        for ((t, &q), (cue, class)) in tokens.iter().zip(&quote_of).zip(slots) {
            if t.kind != TokenKind::Word {
                continue;
            }
            let word = t.text(text);
            let lower = AsciiLower::new(word);
            if q == NO_QUOTE {
                *cue = lower.as_ref().and_then(|l| lexicon.get_lower(l));
            }
            *class = word_class_of(word, lower.as_ref());
        }
        let used = vec![false; tokens.len()];
        let mut a = Analysis { text, tokens, segments, quotes, quote_of, cues, classes, used };
        a.drop_name_cues();
        a
    }

    /// Takes no cue from a capitalised word inside a name (`the United States`, `the
    /// Washington Post`, `Islamic State`): a capitalised cue word after a capitalised word is
    /// a verb only in a title-case line (`Trump Says He Will Win`).
    fn drop_name_cues(&mut self) {
        for i in 1..self.tokens.len() {
            if self.cues[i].is_none() || !self.is_capitalised(i) || !self.is_capitalised(i - 1) {
                continue;
            }
            let sentence = self.sentence(i);
            if sentence.start == i || self.title_case(sentence) {
                continue;
            }
            self.cues[i] = None;
        }
    }

    /// True when no word of four letters or more in `range` is lowercase.
    fn title_case(&self, range: Range<usize>) -> bool {
        range.into_iter().all(|k| {
            self.tokens[k].kind != TokenKind::Word
                || self.word(k).len() < 4
                || self.is_capitalised(k)
        })
    }

    /// The text of token `i`.
    #[inline]
    pub fn word(&self, i: usize) -> &'t str {
        self.tokens[i].text(self.text)
    }

    /// The closed-class word class of token `i` (punctuation is [`WordClass::Open`]).
    #[inline]
    pub fn class(&self, i: usize) -> WordClass {
        self.classes[i]
    }

    /// True when token `i` is the punctuation `p`.
    #[inline]
    pub fn is(&self, i: usize, p: &str) -> bool {
        i < self.tokens.len() && self.word(i) == p
    }

    /// The tokens of the first run of `words` (space-separated) in the text, for tests.
    #[cfg(test)]
    pub(crate) fn find_words(&self, words: &str) -> Option<Range<usize>> {
        let words: Vec<&str> = words.split(' ').collect();
        (0..self.tokens.len())
            .find(|&i| words.iter().enumerate().all(|(k, w)| self.is(i + k, w)))
            .map(|i| i..i + words.len())
    }

    /// True when token `i` is the word `w`, ignoring case.
    #[inline]
    pub fn is_word(&self, i: usize, w: &str) -> bool {
        i < self.tokens.len() && self.word(i).eq_ignore_ascii_case(w)
    }

    /// The quotation token `i` lies in.
    #[inline]
    pub fn quote_at(&self, i: usize) -> Option<usize> {
        self.quote_of.get(i).and_then(|&q| (q != NO_QUOTE).then_some(q as usize))
    }

    /// The cue token `i` is.
    #[inline]
    pub fn cue_at(&self, i: usize) -> Option<Cue> {
        self.cues.get(i).copied().flatten()
    }

    /// The cue token `i`'s word is in the lexicon, inside a quotation too (where
    /// [`Analysis::cue_at`] gives none). Words outside quotations were looked up already.
    #[inline]
    pub fn lexical_cue(&self, i: usize) -> Option<Cue> {
        if self.quote_at(i).is_none() {
            return self.cue_at(i);
        }
        let t = self.tokens.get(i)?;
        (t.kind == TokenKind::Word).then(|| Cues::get_or_init().get(t.text(self.text))).flatten()
    }

    /// The token range of the sentence holding token `i`.
    #[inline]
    pub fn sentence(&self, i: usize) -> Range<usize> {
        self.segments.sentence(i).tokens.clone()
    }

    /// The paragraph holding token `i`.
    #[inline]
    pub fn paragraph(&self, i: usize) -> usize {
        self.segments.sentence(i).paragraph
    }

    /// The byte span covering tokens `range`.
    pub fn span(&self, range: Range<usize>) -> Span {
        Span::new(self.tokens[range.start].span.start, self.tokens[range.end - 1].span.end)
    }

    /// The tokens that overlap `span`: the inverse of [`Analysis::span`].
    pub(crate) fn tokens_of(&self, span: Span) -> Range<usize> {
        let start = self.tokens.partition_point(|t| t.span.end <= span.start);
        let end = self.tokens.partition_point(|t| t.span.start < span.end);
        start..end.max(start)
    }

    /// Token `i`.
    #[inline]
    pub fn token(&self, i: usize) -> Token {
        self.tokens[i]
    }

    /// True when token `i` is terminal punctuation.
    #[inline]
    pub fn is_terminal(&self, i: usize) -> bool {
        self.tokens[i].kind == TokenKind::Punct
            && matches!(self.word(i), "." | "!" | "?" | "…" | "..." | "?!" | "!?")
    }

    /// True when token `i` begins with a capital letter.
    // Always inline: the rules ask it of every token, several times, and a call (which the
    // compiler chose in some builds) costs more than the ASCII test.
    #[inline(always)]
    pub fn is_capitalised(&self, i: usize) -> bool {
        let t = self.tokens[i];
        if t.kind != TokenKind::Word || t.span.is_empty() {
            return false;
        }
        // The first byte read from the text, without cutting out the word (whose bounds and
        // char boundaries are checked at every cut) unless it is not ASCII.
        match self.text.as_bytes()[t.span.start] {
            b if b.is_ascii() => b.is_ascii_uppercase(),
            _ => starts_uppercase(self.word(i)),
        }
    }

    fn mark_used(&mut self, range: Range<usize>) {
        for u in &mut self.used[range] {
            *u = true;
        }
    }

    /// True when any token of `range` already belongs to an attribution.
    pub fn any_used(&self, range: Range<usize>) -> bool {
        self.used[range].iter().any(|&u| u)
    }
}

/// True when `word` begins with an uppercase letter: [`Analysis::is_capitalised`] for a word
/// that does not start with ASCII.
fn starts_uppercase(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A found attribution, in token ranges, before it becomes an [`Attribution`].
#[derive(Clone, Debug)]
pub struct Found {
    /// Content fragments as byte spans (quotations keep their paragraph fragments).
    pub content: Vec<Span>,
    /// Token ranges the content covers, to mark as used.
    pub content_tokens: Vec<Range<usize>>,
    /// The cue's tokens.
    pub cue: Option<Range<usize>>,
    /// The source's tokens.
    pub source: Option<Range<usize>>,
    /// Direct, indirect or mixed.
    pub kind: AttributionKind,
    /// How sure the rule is.
    pub confidence: f32,
}

/// Finds every attribution in an analysed article. Their `speaker` is left empty:
/// [`crate::speakers::resolve`] fills it in over the final spans (as [`crate::Extractor`]
/// does), and [`speaker_of`] gives a mention's speaker on its own.
pub fn attribute(a: &mut Analysis<'_>) -> Vec<Attribution> {
    let mut found = speaker_line::find(a);
    found.extend(direct::find(a));
    found.extend(indirect::find(a));
    let mut out: Vec<Attribution> = found.into_iter().filter_map(|f| finish(a, f)).collect();
    out.sort_by_key(|x| x.content.first().map_or(0, |s| s.start));
    out
}

/// Gives a cue with no source of its own the source of the attribution before it in the
/// same sentence, when the cue continues that one's clause: coordinated (`X called the plan a
/// mistake and said …`) or a participle after a comma (`X defended the plans, insisting …`).
/// `attributions` are in text order.
pub fn share_sources(a: &Analysis<'_>, attributions: &mut [Attribution]) {
    let token_at = |start: usize| a.tokens.binary_search_by_key(&start, |t| t.span.start).ok();
    for k in 1..attributions.len() {
        let (before, rest) = attributions.split_at_mut(k);
        let x = &mut rest[0];
        let (None, Some(cue)) = (x.source, x.cue) else { continue };
        let Some(c) = token_at(cue.start) else { continue };
        if c == 0 {
            continue;
        }
        let continues = match a.word(c - 1) {
            w if w.eq_ignore_ascii_case("and") => true,
            "," => a.lexical_cue(c).is_some_and(|q| q.form == CueForm::Gerund),
            _ => false,
        };
        if !continues {
            continue;
        }
        let sentence = a.sentence(c);
        let sentence_start = a.token(sentence.start).span.start;
        let previous = before
            .iter()
            .rev()
            .find(|p| p.cue.is_some_and(|pc| pc.start >= sentence_start && pc.end <= cue.start));
        if let Some(source) = previous.and_then(|p| p.source) {
            // The earlier clause's content must end before this cue: `X said A and said B`,
            // not a cue inside X's own content.
            let inside = previous.is_some_and(|p| {
                p.content.iter().any(|f| f.start <= cue.start && cue.end <= f.end)
            });
            if !inside && source.end <= cue.start {
                x.source = Some(source);
            }
        }
    }
}

/// The attributions of speaker lines (headline and transcript colons, signed quotes): the
/// model keeps these over its own.
pub fn speaker_lines(a: &Analysis<'_>) -> Vec<Attribution> {
    speaker_line::detect(a).into_iter().filter_map(|f| finish(a, f)).collect()
}

/// Takes into a verb cue what PolNeAR annotates as part of it: a following `in a statement`
/// (in its train compartment 40 cues hold it and 21 are followed by it) and a colon right
/// after the verb (`added:` then the quote; 222 cues hold it, 18 are followed by it).
fn extend_cue(a: &Analysis<'_>, f: &mut Found) {
    let Some(cue) = f.cue.clone() else { return };
    if a.token(cue.end - 1).kind != TokenKind::Word {
        return;
    }
    let free = |k: usize| {
        k < a.tokens.len()
            && !a.any_used(k..k + 1)
            && !f.content_tokens.iter().any(|r| r.contains(&k))
    };
    let mut end = cue.end;
    if (end..end + 3).all(free)
        && a.is_word(end, "in")
        && a.is_word(end + 1, "a")
        && a.is_word(end + 2, "statement")
    {
        end += 3;
    }
    if free(end) && a.is(end, ":") && a.token(end).span.start == a.token(end - 1).span.end {
        end += 1;
    }
    f.cue = Some(cue.start..end);
}

/// Records a found attribution's tokens as used.
fn claim(a: &mut Analysis<'_>, f: &Found) {
    for r in f.content_tokens.iter().chain(&f.cue).chain(&f.source) {
        a.mark_used(r.clone());
    }
}

fn finish(a: &Analysis<'_>, f: Found) -> Option<Attribution> {
    // Trimmed in place: the found list becomes the attribution's, without a copy.
    let mut content = f.content;
    for s in &mut content {
        *s = s.trim(a.text);
    }
    content.retain(|s| !s.is_empty());
    if content.is_empty() {
        return None;
    }
    Some(Attribution {
        kind: f.kind,
        content,
        cue: f.cue.map(|r| a.span(r)),
        source: f.source.clone().map(|r| a.span(r)),
        // Resolution overwrites any speaker set here, so none is computed.
        speaker: None,
        confidence: f.confidence.clamp(0.0, 1.0),
    })
}

/// Is token `i` a time expression word that may sit between a cue and its content?
pub(crate) fn is_time_word(w: &str) -> bool {
    // Lowercased on the stack (asked of many words); none of these is over 16 bytes.
    let Some(lower) = AsciiLower::new(w) else { return false };
    matches!(
        lower.as_bytes(),
        b"monday"
            | b"tuesday"
            | b"wednesday"
            | b"thursday"
            | b"friday"
            | b"saturday"
            | b"sunday"
            | b"yesterday"
            | b"today"
            | b"tonight"
            | b"tomorrow"
            | b"earlier"
            | b"later"
            | b"recently"
            | b"morning"
            | b"afternoon"
            | b"evening"
            | b"night"
            | b"week"
            | b"month"
            | b"year"
            | b"weekend"
            | b"last"
            | b"this"
            | b"next"
            | b"previously"
            | b"again"
            | b"repeatedly"
            | b"then"
            | b"now"
            | b"privately"
            | b"publicly"
            | b"on"
    )
}
