//! Speaker lines: a name and a mark standing for the verb of saying.
//!
//! Three layouts carry an attribution without any reporting verb. A headline names its
//! source before a colon (`Pence: Gennifer Flowers Won’t Be at Debate`), a transcript
//! opens each turn with the speaker in capitals (`"WALLACE: Let’s start …`), and a
//! collection of reader quotes signs each one after a dash (`“…” ― Sonya Herridge`). PolNeAR
//! annotates the colon and the dash as the cue. These rules run before the others, so the
//! tokens they claim are not read again as reported speech; and the model keeps their
//! attributions over its own (see [`crate::model`]), because the layouts are rare in
//! training data but usually attributions.

use std::ops::Range;

use super::{claim, Analysis, Found};
use crate::text::TokenKind;
use crate::AttributionKind;

/// The most words a speaker's name before a colon may have.
const NAME_WORDS: usize = 5;

/// The confidence of each layout's attributions: how often one is right (every content
/// fragment exact) on PolNeAR train, since the model keeps these over its own and its
/// calibration never sees them. A headline's colon: 64 of 82; a transcript turn: 10 of 19
/// (`docs/model.md`, twelfth session). Signed quotations do not occur in train; theirs is
/// a guess.
const HEADLINE_CONFIDENCE: f32 = 0.78;
const TURN_CONFIDENCE: f32 = 0.53;
const SIGNED_CONFIDENCE: f32 = 0.8;

/// Finds every speaker line of the article and claims its tokens.
pub(super) fn find(a: &mut Analysis<'_>) -> Vec<Found> {
    let out = detect(a);
    for f in &out {
        claim(a, f);
    }
    out
}

/// Every speaker line of the article, whatever the other rules claimed. Lines never share a
/// paragraph, so none can claim another's tokens.
pub(super) fn detect(a: &Analysis<'_>) -> Vec<Found> {
    paragraphs(a)
        .into_iter()
        .enumerate()
        .filter_map(|(n, p)| colon_line(a, p.clone(), n == 0).or_else(|| signed_quote(a, p)))
        .collect()
}

/// The token range of every paragraph, in order: runs of sentences of the same paragraph,
/// since sentences cover the tokens in order (one step a sentence, not a token).
fn paragraphs(a: &Analysis<'_>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut last = None;
    for s in a.segments.sentences.iter().filter(|s| !s.tokens.is_empty()) {
        match out.last_mut() {
            Some(p) if last == Some(s.paragraph) => p.end = s.tokens.end,
            _ => out.push(s.tokens.clone()),
        }
        last = Some(s.paragraph);
    }
    out
}

/// `Name: what was said` at the start of the headline, or `NAME: …` at the start of any
/// paragraph (a transcript turn), the name after an optional opening quotation mark.
fn colon_line(a: &Analysis<'_>, p: Range<usize>, headline: bool) -> Option<Found> {
    let mut start = p.start;
    if a.token(start).is_quote() {
        start += 1;
    }
    let colon = (start + 1..p.end.min(start + NAME_WORDS + 1)).find(|&i| a.is(i, ":"))?;
    let name = start..colon;
    if !a.is_capitalised(start) || name.clone().any(|i| a.token(i).kind != TokenKind::Word) {
        return None;
    }
    // `Ms Okafor said: “…”` is a colon-introduced quote with a verb of its own, even as an
    // article's first line.
    if name.clone().any(|i| a.cue_at(i).is_some()) {
        return None;
    }
    let capitals = name.clone().all(|i| !a.word(i).chars().any(char::is_lowercase));
    if !headline && !capitals {
        return None;
    }
    // Labels, not speakers: `The Latest:`, `UPDATE:`, `VIDEO:`, an interview's `Q:` and `A:`.
    if name.clone().any(|i| is_label(a.word(i))) || name.len() == 1 && a.word(start).len() < 2 {
        return None;
    }
    // A headline's speaker is a name: any lowercase word but a short one (`Former AG
    // Mukasey at RNC`) makes it a clause (`Sarah Silverman heckles Sanders supporters:`).
    if headline && name.clone().any(|i| !a.is_capitalised(i) && a.word(i).len() > 3) {
        return None;
    }
    let mut end = p.end;
    // Headlines end with a period the corpus adds; the content stops before it.
    if headline && end > colon + 2 && a.is(end - 1, ".") && a.token(end - 2).kind == TokenKind::Word
    {
        end -= 1;
    }
    if end <= colon + 1 {
        return None;
    }
    let content = colon + 1..end;
    Some(Found {
        content: vec![a.span(content.clone())],
        content_tokens: std::iter::once(content).collect(),
        cue: Some(colon..colon + 1),
        source: Some(name),
        kind: if headline { AttributionKind::Indirect } else { AttributionKind::Direct },
        confidence: if headline { HEADLINE_CONFIDENCE } else { TURN_CONFIDENCE },
    })
}

/// Is `word` one of the labels that stand before a colon in place of a speaker?
fn is_label(word: &str) -> bool {
    const LABELS: &[&str] = &[
        "latest",
        "update",
        "updated",
        "video",
        "watch",
        "byline",
        "breaking",
        "exclusive",
        "bombshell",
        "leaked",
        "wow",
        "look",
        "correction",
        "related",
        "daily",
        "photos",
    ];
    LABELS.iter().any(|l| word.eq_ignore_ascii_case(l))
}

/// `“…” ― Name` closing a paragraph (perhaps with a period): a quotation signed after a
/// dash.
fn signed_quote(a: &Analysis<'_>, p: Range<usize>) -> Option<Found> {
    let dash = (p.start + 1..p.end.saturating_sub(1))
        .rev()
        .find(|&i| a.token(i).kind == TokenKind::Punct && matches!(a.word(i), "―" | "—" | "–"))?;
    let end = if a.is(p.end - 1, ".") { p.end - 1 } else { p.end };
    let name = dash + 1..end;
    if name.is_empty()
        || name.len() > NAME_WORDS
        || !a.is_capitalised(name.start)
        || name.clone().any(|i| a.token(i).kind != TokenKind::Word)
    {
        return None;
    }
    let signed = a.quote_at(dash - 1).map(|q| &a.quotes[q]).filter(|q| q.tokens.end == dash);
    let opens = a.token(p.start).is_quote();
    let (content, tokens) = match signed {
        Some(q) if q.tokens.start == p.start || !opens => (q.fragments.clone(), q.tokens.clone()),
        // A paragraph that opens with a mark and closes with one before the dash is the
        // reader's whole statement, whatever the marks inside it do (`“… what he calls
        // “hell” than …” ― Adriana Rodarte`): a mark typed for a nested quotation leaves
        // the pairing of the rest in doubt, not the extent.
        _ if opens && a.token(dash - 1).is_quote() && dash > p.start + 1 => {
            let whole = p.start..dash;
            (vec![a.span(whole.clone())], whole)
        }
        _ => return None,
    };
    Some(Found {
        content,
        content_tokens: vec![tokens],
        cue: Some(dash..dash + 1),
        source: Some(name),
        kind: AttributionKind::Direct,
        confidence: SIGNED_CONFIDENCE,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The (source, cue, content) texts of every speaker line of `text`.
    fn lines(text: &str) -> Vec<(String, String, String)> {
        let a = Analysis::new(text, &[]);
        let part = |r: &Option<Range<usize>>| {
            r.clone().map_or(String::new(), |r| a.span(r).text(text).to_string())
        };
        detect(&a)
            .iter()
            .map(|f| {
                let content: Vec<&str> = f.content.iter().map(|s| s.text(text)).collect();
                (part(&f.source), part(&f.cue), content.join(" | "))
            })
            .collect()
    }

    macro_rules! t {
        ($name:ident, $text:expr, [$(($s:expr, $c:expr, $k:expr)),*]) => {
            #[test]
            fn $name() {
                let want: Vec<(String, String, String)> =
                    vec![$(($s.to_string(), $c.to_string(), $k.to_string())),*];
                assert_eq!(lines($text), want);
            }
        };
    }

    t!(
        headline,
        "Pence: Flowers Won’t Be at Debate.\n\nHe spoke.",
        [("Pence", ":", "Flowers Won’t Be at Debate")]
    );
    t!(
        headline_keeps_a_quoted_end,
        "Trump: ‘I Am the Worst.’\n\nText.",
        [("Trump", ":", "‘I Am the Worst.’")]
    );
    t!(
        transcript_turn,
        "Title here.\n\n\"WALLACE: Let’s start. Why?\n\nOther text.",
        [("WALLACE", ":", "Let’s start. Why?")]
    );
    t!(lower_case_names_are_not_turns, "Title here.\n\nThe plan: more roads.", []);
    t!(a_label_is_no_speaker, "The Latest: Sanders wins Minnesota.\n\nText.", []);
    t!(interview_letters_are_no_speakers, "Title here.\n\nQ: Why now?\n\nA: Because.", []);
    t!(a_headline_clause_is_no_speaker, "Silverman heckles Sanders fans: Grow up.\n\nText.", []);
    t!(
        signed_quote,
        "Title.\n\n“He is ignorant of our culture.” ― Pamela Padilla.",
        [("Pamela Padilla", "―", "“He is ignorant of our culture.”")]
    );
    t!(a_dash_without_a_quote_is_not_a_signature, "Title.\n\nHe came ― Pamela Padilla.", []);
    t!(
        a_signed_statement_with_a_mistyped_nested_quotation_is_signed_whole,
        "Title.\n\n“I’d rather live in what he calls “hell” than here.” ― Adriana Rodarte",
        [("Adriana Rodarte", "―", "“I’d rather live in what he calls “hell” than here.”")]
    );
    t!(
        a_signed_statement_with_unpaired_marks_inside_is_signed_whole,
        "Title.\n\n“He said ‘Some are so poor all they have is money.” ― Christina Lastra",
        [("Christina Lastra", "―", "“He said ‘Some are so poor all they have is money.”")]
    );
}
