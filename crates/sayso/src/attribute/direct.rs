//! Direct speech: quotations and the cue and source around them.

use std::ops::Range;

use super::{claim, extend_cue, Analysis, Found};
use crate::cues::{CueClass, CueForm};
use crate::text::WordClass;
use crate::AttributionKind;

/// How far after a closing mark a `SOURCE CUE` may stand, in tokens.
const AFTER_WINDOW: usize = 24;
/// How far before an opening mark a cue may stand, in tokens.
const BEFORE_WINDOW: usize = 10;

/// Attributes every quotation that has a cue around it; quotations without one are left to
/// the indirect pass (partial quotes) or joined to the attribution of the paragraph before.
pub(super) fn find(a: &mut Analysis<'_>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut consumed = vec![false; a.quotes.len()];
    for qi in 0..a.quotes.len() {
        if consumed[qi]
            || a.quotes[qi].words(&a.tokens) == 0
            || a.any_used(a.quotes[qi].tokens.clone())
        {
            continue;
        }
        let found = after_quote(a, qi).or_else(|| before_quote(a, qi));
        let Some(mut f) = found else {
            if let Some(prev) = out.last_mut() {
                continuation(a, qi, prev, &mut consumed);
            }
            continue;
        };
        consumed[qi] = true;
        follow_on_quotes(a, qi, &mut f, &mut consumed);
        extend_cue(a, &mut f);
        claim(a, &f);
        out.push(f);
    }
    out
}

fn quote_found(
    a: &Analysis<'_>,
    qi: usize,
    cue: Range<usize>,
    source: Option<Range<usize>>,
    confidence: f32,
) -> Found {
    let q = &a.quotes[qi];
    Found {
        content: q.fragments.clone(),
        content_tokens: vec![q.tokens.clone()],
        cue: Some(cue),
        source,
        kind: AttributionKind::Direct,
        confidence: if q.unbalanced { confidence * 0.7 } else { confidence },
    }
}

/// Is token `i` a cue that can report a direct quote, in a finite form?
fn speech_cue(a: &Analysis<'_>, i: usize) -> Option<f32> {
    let cue = a.cue_at(i)?;
    if a.any_used(i..i + 1) {
        return None;
    }
    let finite = matches!(cue.form, CueForm::Past | CueForm::ThirdPerson | CueForm::Base);
    let reporting = matches!(
        cue.class,
        CueClass::Speech | CueClass::Address | CueClass::Cognition | CueClass::Evidence
    );
    (finite && reporting).then_some(cue.strength)
}

/// Extends a cue leftwards over auxiliaries and adverbs: `has also said`.
pub(super) fn cue_phrase_start(a: &Analysis<'_>, cue: usize, lo: usize) -> usize {
    let mut start = cue;
    while start > lo {
        let k = start - 1;
        let w = a.word(k);
        let extend = match a.class(k) {
            WordClass::Auxiliary => !matches!(w, "’s" | "'s" | "’d" | "'d"),
            WordClass::Adverb | WordClass::Negation => true,
            _ => false,
        };
        if !extend {
            break;
        }
        start = k;
    }
    start
}

/// `“…,” she said`, `“…,” said Ms Okafor, the minister`, `“…” she told the BBC.`
fn after_quote(a: &Analysis<'_>, qi: usize) -> Option<Found> {
    let q = &a.quotes[qi];
    if q.unbalanced {
        return None;
    }
    let n = a.tokens.len();
    let mut k = q.tokens.end;
    if k < n && matches!(a.word(k), "," | "—" | "–" | "-" | "--") {
        k += 1;
    }
    if k >= n || a.token(k).starts_line {
        return None;
    }
    let hi = clause_end(a, k);
    // Inverted: `said Ms Okafor`.
    if let Some(strength) = speech_cue(a, k) {
        if let Some(source) = a.source_right(k + 1, hi) {
            return Some(quote_found(a, qi, k..k + 1, Some(source), 0.9 * strength.max(0.6)));
        }
    }
    // `she said`, `Ms Okafor, the minister, said`.
    for c in k..hi.min(k + AFTER_WINDOW) {
        let Some(strength) = speech_cue(a, c) else { continue };
        let start = cue_phrase_start(a, c, k);
        let source = a.source_left(start, k)?;
        if source.start != k {
            return None;
        }
        return Some(quote_found(a, qi, start..c + 1, Some(source), 0.95 * strength.max(0.6)));
    }
    None
}

/// `She said: “…”`, `Ms Okafor told the BBC, “…”`, and `He added:` in the sentence before.
fn before_quote(a: &Analysis<'_>, qi: usize) -> Option<Found> {
    let q = &a.quotes[qi];
    let o = q.tokens.start;
    if o == 0 {
        return None;
    }
    let mut j = o - 1;
    let glued = matches!(a.word(j), ":" | ",");
    if glued {
        if j == 0 {
            return None;
        }
        j -= 1;
    }
    // A quote that continues a clause after `that` is reported speech, not direct.
    if a.is_word(j, "that") && !glued {
        return None;
    }
    let sentence = a.sentence(j);
    let lo = sentence.start.max(o.saturating_sub(BEFORE_WINDOW + 1));
    let starts_paragraph = a.token(o).starts_line;
    // The cue may stand in the previous sentence when it ends in a colon.
    let colon_sentence = a.is(j + 1, ":") || starts_paragraph && a.is(o - 1, ":");
    if starts_paragraph && !colon_sentence {
        return None;
    }
    // Short unglued quotes right after a verb are partial quotes: `called it “a disaster”`.
    if !glued && (q.words(&a.tokens) < 4 || !a.is_capitalised(o + 1)) {
        return None;
    }
    let mut c = j + 1;
    while c > lo {
        c -= 1;
        if a.token(c).is_quote() || a.is_terminal(c) {
            return None;
        }
        let Some(strength) = speech_cue(a, c) else { continue };
        let start = cue_phrase_start(a, c, a.sentence(c).start);
        let source = a.source_left(start, a.sentence(c).start);
        let confidence = if source.is_some() { 0.9 } else { 0.6 } * strength.max(0.6);
        return Some(quote_found(a, qi, start..c + 1, source, confidence));
    }
    None
}

/// The end of the clause after a quote: the sentence end, a later quotation, or a line break.
fn clause_end(a: &Analysis<'_>, from: usize) -> usize {
    let mut k = from;
    while k < a.tokens.len()
        && !a.is_terminal(k)
        && !a.token(k).is_quote()
        && (k == from || !a.token(k).starts_line)
    {
        k += 1;
    }
    k
}

/// Joins quotations that carry on the same attribution: the second half of a split quote
/// (`“…,” he said, “…”`) and quotes that follow in the same paragraph.
fn follow_on_quotes(a: &Analysis<'_>, qi: usize, f: &mut Found, consumed: &mut [bool]) {
    let mut last = qi;
    let mut after = f
        .cue
        .iter()
        .chain(&f.source)
        .map(|r| r.end)
        .chain(std::iter::once(a.quotes[qi].tokens.end))
        .max()
        .unwrap_or(0);
    for (nj, next) in a.quotes.iter().enumerate().skip(qi + 1) {
        let o = next.tokens.start;
        if a.token(o).starts_line
            || o < after
            || a.paragraph(o) != a.paragraph(a.quotes[last].tokens.start)
        {
            break;
        }
        // Only punctuation may stand between: `, “…` or `. “…`.
        let gap_clean = (after..o).all(|k| {
            matches!(a.word(k), "," | "." | ":" | ";" | "—" | "–") || super::is_time_word(a.word(k))
        });
        if !gap_clean {
            break;
        }
        f.content.extend(next.fragments.iter().copied());
        f.content_tokens.push(next.tokens.clone());
        consumed[nj] = true;
        last = nj;
        after = next.tokens.end;
    }
}

/// A quote paragraph with no cue of its own that follows a direct quote in the paragraph
/// before: the same speaker goes on.
fn continuation(a: &mut Analysis<'_>, qi: usize, prev: &mut Found, consumed: &mut [bool]) {
    let q = a.quotes[qi].clone();
    let o = q.tokens.start;
    if prev.kind != AttributionKind::Direct || !a.token(o).starts_line {
        return;
    }
    let prev_end = prev.content_tokens.iter().map(|r| r.end).max().unwrap_or(0);
    let prev_paragraph = a.paragraph(prev_end.saturating_sub(1));
    if a.paragraph(o) != prev_paragraph + 1 {
        return;
    }
    // The whole paragraph must be the quote.
    let para_end =
        (o + 1..a.tokens.len()).find(|&k| a.token(k).starts_line).unwrap_or(a.tokens.len());
    if q.tokens.end + 1 < para_end {
        return;
    }
    prev.content.extend(q.fragments.iter().copied());
    prev.content_tokens.push(q.tokens.clone());
    a.mark_used(q.tokens);
    consumed[qi] = true;
}
