//! Sentences and paragraphs over a token sequence.

use std::ops::Range;

use super::token::{Token, TokenKind};

/// A sentence: a range of token indices, and the paragraph it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence's tokens, as indices into the article's tokens.
    pub tokens: Range<usize>,
    /// Index of the paragraph (line block) the sentence starts in.
    pub paragraph: usize,
}

/// The sentences of an article, and for each token the sentence it belongs to.
#[derive(Clone, Debug, Default)]
pub struct Segments {
    /// Sentences in text order, covering every token exactly once.
    pub sentences: Vec<Sentence>,
    /// For each token, the index of its sentence.
    pub sentence_of: Vec<u32>,
}

impl Segments {
    /// The sentence holding token `i`.
    pub fn sentence(&self, i: usize) -> &Sentence {
        &self.sentences[self.sentence_of[i] as usize]
    }
}

/// Splits tokens into sentences: after `.`, `!`, `?` or `…` (with any closing quotes or
/// brackets that follow) when the next token starts a new sentence, and at every line break.
pub fn segment(text: &str, tokens: &[Token]) -> Segments {
    let mut sentences = Vec::new();
    let mut sentence_of = Vec::with_capacity(tokens.len());
    let mut start = 0;
    let mut paragraph = 0;
    let mut i = 0;
    while i < tokens.len() {
        if i > start && tokens[i].starts_line {
            sentences.push(Sentence { tokens: start..i, paragraph });
            paragraph += 1;
            start = i;
        } else if i == start && i > 0 && tokens[i].starts_line {
            paragraph += 1;
        }
        let t = tokens[i];
        // Only punctuation is cut out of the text to be compared.
        let terminal = t.kind == TokenKind::Punct
            && matches!(t.text(text), "." | "!" | "?" | "…" | "..." | "?!" | "!?");
        // An abbreviation that ends its sentence keeps the full stop it shares with it.
        let abbreviated = t.kind == TokenKind::Word && may_end_sentence(t.text(text));
        i += 1;
        if terminal || abbreviated {
            // Closing marks stay with the sentence they close.
            while i < tokens.len()
                && !tokens[i].starts_line
                && closes(tokens[i], text)
                && !tokens[i].space_before
            {
                i += 1;
            }
            let next = tokens.get(i);
            let opens = |n: &Token| {
                if abbreviated {
                    opens_after_abbreviation(*n, text)
                } else {
                    starts_sentence(*n, text)
                }
            };
            if next.is_none_or(|n| n.starts_line || opens(n)) {
                if let Some(n) = next {
                    if n.starts_line {
                        continue;
                    }
                }
                sentences.push(Sentence { tokens: start..i, paragraph });
                start = i;
            }
        }
    }
    if start < tokens.len() {
        sentences.push(Sentence { tokens: start..tokens.len(), paragraph });
    }
    for (n, s) in sentences.iter().enumerate() {
        sentence_of.extend(std::iter::repeat_n(n as u32, s.tokens.len()));
    }
    Segments { sentences, sentence_of }
}

/// Whether a word that took the full stop after it (`U.S.`, `D.C.`, `Calif.`, `Inc.`) can be
/// the last of its sentence: not a title (`Mr.`, `Sen.`) or an initial, which a name follows.
fn may_end_sentence(word: &str) -> bool {
    let Some(stem) = word.strip_suffix('.') else { return false };
    let acronym = stem.len() >= 3 && stem.bytes().filter(|&b| b == b'.').count() >= 1;
    acronym
        || matches!(
            stem,
            "Inc"
                | "Co"
                | "Corp"
                | "Ltd"
                | "Bros"
                | "Jr"
                | "Sr"
                | "etc"
                | "Ala"
                | "Ariz"
                | "Ark"
                | "Calif"
                | "Colo"
                | "Conn"
                | "Del"
                | "Fla"
                | "Ga"
                | "Ill"
                | "Ind"
                | "Kan"
                | "Ky"
                | "La"
                | "Md"
                | "Mass"
                | "Mich"
                | "Minn"
                | "Miss"
                | "Mo"
                | "Mont"
                | "Neb"
                | "Nev"
                | "Okla"
                | "Ore"
                | "Pa"
                | "Tenn"
                | "Tex"
                | "Va"
                | "Vt"
                | "Wash"
                | "Wis"
                | "Wyo"
        )
}

/// After such an abbreviation a capital is no proof of a new sentence (`the U.S. Senate`,
/// `Calif. Gov. Jerry Brown`); a pronoun, determiner or conjunction that cannot go on a
/// name is.
fn opens_after_abbreviation(t: Token, text: &str) -> bool {
    t.space_before
        && t.kind == TokenKind::Word
        && matches!(
            t.text(text),
            "He" | "She"
                | "They"
                | "It"
                | "We"
                | "I"
                | "The"
                | "This"
                | "That"
                | "These"
                | "Those"
                | "There"
                | "His"
                | "Her"
                | "Their"
                | "Its"
                | "Our"
                | "But"
                | "And"
                | "So"
                | "Yet"
                | "If"
                | "When"
                | "After"
                | "However"
                | "Meanwhile"
                | "Still"
        )
}

fn closes(t: Token, text: &str) -> bool {
    use super::token::QuoteMark;
    match t.kind {
        TokenKind::Quote(QuoteMark::Close | QuoteMark::Either)
        | TokenKind::SingleQuote(QuoteMark::Close | QuoteMark::Either) => true,
        TokenKind::Punct => matches!(t.text(text), ")" | "]"),
        _ => false,
    }
}

fn starts_sentence(t: Token, text: &str) -> bool {
    if !t.space_before {
        return false;
    }
    match t.kind {
        TokenKind::Word => t.text(text).chars().next().is_some_and(|c| !c.is_lowercase()),
        TokenKind::Number | TokenKind::Quote(_) | TokenKind::SingleQuote(_) => true,
        TokenKind::Punct => matches!(t.text(text), "(" | "[" | "—" | "–" | "-"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Tokens;

    fn sentences(text: &str) -> Vec<String> {
        let tokens = Tokens::new(text);
        let seg = segment(text, &tokens);
        seg.sentences
            .iter()
            .map(|s| {
                let a = tokens[s.tokens.start].span.start;
                let b = tokens[s.tokens.end - 1].span.end;
                text[a..b].to_string()
            })
            .collect()
    }

    macro_rules! t {
        ($name:ident, $input:expr, $expected:expr) => {
            #[test]
            fn $name() {
                assert_eq!(
                    sentences($input),
                    $expected.iter().map(|s: &&str| s.to_string()).collect::<Vec<_>>()
                );
            }
        };
    }

    t!(two, "He left. She stayed.", ["He left.", "She stayed."]);
    t!(abbreviation, "Mr. Smith left. Ms. Jones stayed.", ["Mr. Smith left.", "Ms. Jones stayed."]);
    t!(quote_close, "“He left.” She stayed.", ["“He left.”", "She stayed."]);
    t!(lower_after_period, "the U.S. economy grew. Then", ["the U.S. economy grew.", "Then"]);
    t!(
        an_abbreviation_ends_a_sentence,
        "Cox spoke in the U.S. He left. The U.S. Senate met in Sacramento, Calif. The vote was 9-1.",
        ["Cox spoke in the U.S.", "He left.", "The U.S. Senate met in Sacramento, Calif.", "The vote was 9-1."]
    );
    t!(a_title_does_not_end_one, "Ask Mr. He about it.", ["Ask Mr. He about it."]);
    t!(lines, "Title\n\nFirst para. Second.\nThird", ["Title", "First para.", "Second.", "Third"]);
    t!(question, "Why? Because.", ["Why?", "Because."]);

    #[test]
    fn paragraphs_count_lines() {
        let text = "Yes.\n\nNo way. Then go.\nD";
        let tokens = Tokens::new(text);
        let seg = segment(text, &tokens);
        let paras: Vec<usize> = seg.sentences.iter().map(|s| s.paragraph).collect();
        assert_eq!(paras, vec![0, 1, 1, 2]);
    }
}
