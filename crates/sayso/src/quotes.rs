//! Pairs quotation marks into quotations, including quotes that run over several paragraphs.
//!
//! British and American news both reopen a quotation at the start of each new paragraph and
//! close it only at the end of the last one. When scraping has lost the line breaks, the
//! reopening mark follows a sentence end on the same line. Both are one [`Quotation`] with a
//! fragment per paragraph. An opening mark that is never closed runs to the end of its
//! paragraph and is flagged as unbalanced.

use std::ops::Range;

use crate::text::{QuoteMark, Token, TokenKind};
use crate::Span;

/// A stretch of quoted text, marks included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotation {
    /// Token indices from the opening mark to the closing mark, inclusive.
    pub tokens: Range<usize>,
    /// The quoted text, marks included, one fragment per paragraph.
    pub fragments: Vec<Span>,
    /// True when no closing mark was found and the quotation was cut at a paragraph end.
    pub unbalanced: bool,
    /// True for single marks (‘…’), false for double marks.
    pub single: bool,
}

impl Quotation {
    /// From the opening mark to the closing mark.
    pub fn extent(&self) -> Span {
        let first = self.fragments.first().copied().unwrap_or_default();
        let last = self.fragments.last().copied().unwrap_or_default();
        first.cover(last)
    }

    /// Number of word tokens inside the quotation.
    pub fn words(&self, tokens: &[Token]) -> usize {
        tokens[self.tokens.clone()].iter().filter(|t| t.is_wordlike()).count()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

fn mark(t: &Token, family: Family) -> Option<QuoteMark> {
    match (t.kind, family) {
        (TokenKind::Quote(m), Family::Double) | (TokenKind::SingleQuote(m), Family::Single) => {
            Some(m)
        }
        _ => None,
    }
}

/// Finds the quotations among `tokens`, in text order and never overlapping.
pub fn find(text: &str, tokens: &[Token]) -> Vec<Quotation> {
    let mut quotes = pair(text, tokens, Family::Double, 0..tokens.len());
    // Single marks count only outside double quotations, where they are the outer marks of
    // British-style quoting.
    let mut singles = Vec::new();
    let mut from = 0;
    for q in
        quotes.iter().map(|q| q.tokens.clone()).chain(std::iter::once(tokens.len()..tokens.len()))
    {
        if from < q.start {
            singles.extend(pair(text, tokens, Family::Single, from..q.start));
        }
        from = q.end;
    }
    let dashes = dash_quotes(text, tokens, &quotes);
    if !singles.is_empty() || !dashes.is_empty() {
        quotes.extend(singles);
        quotes.extend(dashes);
        quotes.sort_by_key(|q| q.tokens.start);
    }
    quotes
}

/// The longest narrator tail after a dash quotation (`, she said.`), in tokens.
const NARRATOR_TAIL: usize = 8;

/// Quotations opened by a dash at the start of a paragraph (`— We will win, she said.`).
///
/// A line-initial dash is far more often a list bullet than a quotation in English news, so
/// it counts only with a narrator after it: a dash later in the paragraph (`— We will win —
/// she said`), or a last comma followed by a short tail holding a reporting verb (`, she
/// said.`). The quotation runs from the dash to that dash (exclusive) or comma (inclusive).
fn dash_quotes(text: &str, tokens: &[Token], quotes: &[Quotation]) -> Vec<Quotation> {
    let is_dash = |t: &Token| t.kind == TokenKind::Punct && matches!(t.text(text), "—" | "–" | "―");
    let cues = crate::cues::Cues::get_or_init();
    let mut quoted = quotes.iter().map(|q| q.tokens.clone()).peekable();
    let mut out = Vec::new();
    let mut start = 0;
    while start < tokens.len() {
        let end =
            (start + 1..tokens.len()).find(|&j| tokens[j].starts_line).unwrap_or(tokens.len());
        let paragraph = start..end;
        start = end;
        while quoted.peek().is_some_and(|q| q.end <= paragraph.start) {
            quoted.next();
        }
        let inside = quoted.peek().is_some_and(|q| q.start < paragraph.end);
        let dash = paragraph.start;
        if inside
            || paragraph.len() < 3
            || !is_dash(&tokens[dash])
            || !tokens[dash + 1].space_before
        {
            continue;
        }
        let close = if let Some(j) = (dash + 2..paragraph.end).find(|&j| is_dash(&tokens[j])) {
            Some(j)
        } else {
            (dash + 2..paragraph.end)
                .rev()
                .find(|&j| tokens[j].kind == TokenKind::Punct && tokens[j].text(text) == ",")
                .filter(|&comma| {
                    let tail = comma + 1..paragraph.end;
                    tail.len() <= NARRATOR_TAIL
                        && tokens[tail]
                            .iter()
                            .any(|t| t.kind == TokenKind::Word && cues.get(t.text(text)).is_some())
                })
                .map(|comma| comma + 1)
        };
        if let Some(close) = close.filter(|&c| c > dash + 1) {
            let fragment = Span::new(tokens[dash].span.start, tokens[close - 1].span.end);
            out.push(Quotation {
                tokens: dash..close,
                fragments: vec![fragment],
                unbalanced: false,
                single: false,
            });
        }
    }
    out
}

fn pair(text: &str, tokens: &[Token], family: Family, range: Range<usize>) -> Vec<Quotation> {
    let mut out = Vec::new();
    // The opening mark of the quotation under way, and the start of its current fragment.
    let mut open: Option<(usize, usize)> = None;
    let mut fragments: Vec<Span> = Vec::new();
    let end_of_paragraph = |from: usize| -> usize {
        let mut j = from + 1;
        while j < range.end && !tokens[j].starts_line {
            j += 1;
        }
        j
    };
    let mut i = range.start;
    while i < range.end {
        if open.is_none() {
            // Nothing open: only a mark of the family can change anything, so skip to it in
            // a loop that reads each token's kind alone.
            while i < range.end && mark(&tokens[i], family).is_none() {
                i += 1;
            }
            if i == range.end {
                break;
            }
        }
        let t = tokens[i];
        // A paragraph break inside an open quotation: continue if the new paragraph reopens,
        // else cut the quotation at the end of the previous paragraph.
        if let Some((o, frag)) = open {
            if t.starts_line && i > o {
                let reopens = mark(&t, family).is_some_and(|m| m != QuoteMark::Close);
                fragments.push(Span::new(tokens[frag].span.start, tokens[i - 1].span.end));
                if reopens {
                    open = Some((o, i));
                    i += 1;
                    continue;
                }
                out.push(finish(o, i, std::mem::take(&mut fragments), true, family));
                open = None;
            }
        }
        let Some(m) = mark(&t, family) else {
            i += 1;
            continue;
        };
        match (open, m) {
            (None, QuoteMark::Open | QuoteMark::Either) => {
                // A lone single mark with no closing partner in its paragraph is an apostrophe.
                if family == Family::Single && !has_closer(tokens, i, end_of_paragraph(i)) {
                    i += 1;
                    continue;
                }
                open = Some((i, i));
            }
            (None, QuoteMark::Close) => {}
            (Some((o, _)), QuoteMark::Close | QuoteMark::Either) => {
                let frag = open.map_or(o, |(_, f)| f);
                fragments.push(Span::new(tokens[frag].span.start, t.span.end));
                out.push(finish(o, i + 1, std::mem::take(&mut fragments), false, family));
                open = None;
            }
            (Some((o, frag)), QuoteMark::Open) => {
                if i > 0 && ends_sentence(tokens[i - 1], text) {
                    // Paragraphs run together on one line: the quotation goes on.
                    fragments.push(Span::new(tokens[frag].span.start, tokens[i - 1].span.end));
                    open = Some((o, i));
                } else {
                    // The earlier mark was never closed: drop it and start again here.
                    fragments.clear();
                    open = Some((i, i));
                }
            }
        }
        i += 1;
    }
    if let Some((o, frag)) = open {
        let last = end_of_paragraph(range.end.saturating_sub(1).max(frag)).min(range.end);
        if last > frag {
            fragments.push(Span::new(tokens[frag].span.start, tokens[last - 1].span.end));
            out.push(finish(o, last, fragments, true, family));
        }
    }
    out.retain(|q| q.tokens.len() > 1);
    out
}

fn has_closer(tokens: &[Token], open: usize, end: usize) -> bool {
    tokens[open + 1..end]
        .iter()
        .any(|t| matches!(t.kind, TokenKind::SingleQuote(QuoteMark::Close | QuoteMark::Either)))
}

fn ends_sentence(t: Token, text: &str) -> bool {
    t.kind == TokenKind::Punct && matches!(t.text(text), "." | "!" | "?" | "…" | "...")
}

fn finish(
    open: usize,
    end: usize,
    fragments: Vec<Span>,
    unbalanced: bool,
    family: Family,
) -> Quotation {
    Quotation { tokens: open..end, fragments, unbalanced, single: family == Family::Single }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Tokens;

    fn quotes(text: &str) -> Vec<Vec<String>> {
        let tokens = Tokens::new(text);
        find(text, &tokens)
            .iter()
            .map(|q| q.fragments.iter().map(|f| f.text(text).to_string()).collect())
            .collect()
    }

    macro_rules! t {
        ($name:ident, $input:expr, $expected:expr) => {
            #[test]
            fn $name() {
                let expected: Vec<Vec<&str>> = $expected;
                assert_eq!(quotes($input), expected);
            }
        };
    }

    t!(curly, "He said “yes, we will” today.", vec![vec!["“yes, we will”"]]);
    t!(straight, "He said \"yes\" and \"no.\"", vec![vec!["\"yes\""], vec!["\"no.\""]]);
    t!(guillemets, "Il a dit « non » hier.", vec![vec!["« non »"]]);
    t!(german, "Er sagte „nein“ gestern.", vec![vec!["„nein“"]]);
    t!(single_british, "He said ‘we will win’ today.", vec![vec!["‘we will win’"]]);
    t!(apostrophes_are_not_quotes, "Putin’s men don’t like the ’90s or rock ’n’ roll.", vec![]);
    t!(
        multi_paragraph,
        "She said: “First part.\n\n“Second part.”\n\nAfter.",
        vec![vec!["“First part.", "“Second part.”"]]
    );
    t!(
        lost_line_breaks,
        "a blow to the ministry. “The decision changes everything. “Not any more.” Then.",
        vec![vec!["“The decision changes everything.", "“Not any more.”"]]
    );
    t!(unbalanced_cut_at_paragraph, "He said “never\n\nNext para.", vec![vec!["“never"]]);
    t!(
        nested_single_inside_double,
        "“He said ‘no’ to me,” she said.",
        vec![vec!["“He said ‘no’ to me,”"]]
    );
    t!(doubled_single_marks, "''I love it,'' he said.", vec![vec!["''I love it,''"]]);
    t!(dash_with_narrator, "— We will win, she said.", vec![vec!["— We will win,"]]);
    t!(
        dash_with_dashed_narrator,
        "– We will win – she said – and soon.",
        vec![vec!["– We will win"]]
    );
    t!(dash_bullet_is_no_quote, "— Carol Lee of the Journal, winner of the award.", vec![]);
    t!(dash_inside_a_line_is_no_quote, "The bank ― 5,300 staff, he said.", vec![]);
    t!(dash_of_a_signature_is_no_quote, "“Yes.”\n― Donald J. Trump", vec![vec!["“Yes.”"]]);
}
