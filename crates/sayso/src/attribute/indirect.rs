//! Reported speech: `X said (that) …`, `X told Y that …`, `…, X said.`, `…, said X.`,
//! `according to X, …`, with partial quotes inside the content making it mixed.

use std::ops::Range;

use super::direct::cue_phrase_start;
use super::{claim, is_time_word, Analysis, Found};
use crate::cues::{CueClass, CueForm};
use crate::text::{AsciiLower, TokenKind, WordClass};
use crate::{AttributionKind, Span};

/// Longest addressee between a cue and its content: `told the Associated Press that`.
const MAX_OBJECT: usize = 6;

/// Finds reported speech around every cue not yet used by direct speech.
pub(super) fn find(a: &mut Analysis<'_>) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < a.tokens.len() {
        // The length first, so that the other words are not cut out of the text to compare.
        let according = a.token(i).span.len() == "according".len() && a.is_word(i, "according");
        let found =
            if according && a.is_word(i + 1, "to") { according_to(a, i) } else { verb(a, i) };
        if let Some(f) = found {
            claim(a, &f);
            out.push(f);
        }
        i += 1;
    }
    out
}

/// Content from token `start` to the end of its sentence, without the final stop, cut before
/// a following `, adding …`; `None` when it would overlap earlier attributions or be empty.
fn content_to_end(a: &Analysis<'_>, start: usize) -> Option<Range<usize>> {
    // A cue can be the article's last token (`according to` as its last words, or `… said
    // ,READ MORE:` once boilerplate is out).
    if start >= a.tokens.len() {
        return None;
    }
    let sentence = a.sentence(start);
    let mut end = sentence.end;
    // A quote still open at the sentence end (a multi-sentence quotation) stops content there.
    while end > start && (a.is_terminal(end - 1) || a.is(end - 1, ",") || a.is(end - 1, ":")) {
        end -= 1;
    }
    // Stop before ", adding that …", ", saying …".
    for k in start + 1..end {
        // A participle clause after a comma (", deeming them personal") or a second verb
        // of the same subject (" and said …") ends the content.
        let participle = a.is(k - 1, ",")
            && a.token(k).kind == TokenKind::Word
            && a.word(k).ends_with("ing")
            && a.class(k) == WordClass::Open
            && !a.is_capitalised(k);
        let and_cue =
            a.is_word(k - 1, "and") && a.cue_at(k).is_some_and(|c| c.form == CueForm::Past);
        if participle || and_cue {
            end = k - 1;
            break;
        }
        if a.any_used(k..k + 1) {
            end = k;
            break;
        }
    }
    // A partial quotation ends the content inside it? Keep whole quotations only.
    if let Some(q) = a.quote_at(end.saturating_sub(1)) {
        let qt = &a.quotes[q].tokens;
        if qt.end > end {
            end = if qt.start > start { qt.start } else { end };
        }
    }
    (end > start && !a.any_used(start..end)).then_some(start..end)
}

fn kind_of(a: &Analysis<'_>, content: &Range<usize>) -> AttributionKind {
    if content.clone().any(|k| a.quote_at(k).is_some()) {
        AttributionKind::Mixed
    } else {
        AttributionKind::Indirect
    }
}

fn found(
    a: &Analysis<'_>,
    content: Vec<Range<usize>>,
    cue: Range<usize>,
    source: Option<Range<usize>>,
    confidence: f32,
) -> Found {
    let kind = if content.iter().any(|c| kind_of(a, c) == AttributionKind::Mixed) {
        AttributionKind::Mixed
    } else {
        AttributionKind::Indirect
    };
    Found {
        content: content.iter().map(|r| a.span(r.clone())).collect::<Vec<Span>>(),
        content_tokens: content,
        cue: Some(cue),
        source,
        kind,
        confidence,
    }
}

/// `according to X, …` and `…, according to X.`
fn according_to(a: &Analysis<'_>, i: usize) -> Option<Found> {
    if a.any_used(i..i + 2) || a.quote_at(i).is_some() {
        return None;
    }
    let sentence = a.sentence(i);
    let hi =
        (i + 2..sentence.end).find(|&k| a.is(k, ",") || a.is_terminal(k)).unwrap_or(sentence.end);
    let source = a.source_right(i + 2, hi).map(|r| r.start..r.end.min(hi));
    let before = sentence.start..i;
    let content = if i > sentence.start + 2 {
        // `…, according to X.`
        let mut end = i;
        while end > before.start && (a.is(end - 1, ",") || a.is(end - 1, "—")) {
            end -= 1;
        }
        (end > before.start).then_some(before.start..end)?
    } else {
        let from = if a.is(hi, ",") { hi + 1 } else { hi };
        content_to_end(a, from)?
    };
    if a.any_used(content.clone()) {
        return None;
    }
    Some(found(a, vec![content], i..i + 2, source, 0.9))
}

/// A reporting verb with its source and content.
fn verb(a: &Analysis<'_>, i: usize) -> Option<Found> {
    let cue = a.cue_at(i)?;
    if a.any_used(i..i + 1) {
        return None;
    }
    let sentence = a.sentence(i);
    let prev = i.checked_sub(1).filter(|&p| p >= sentence.start);
    // Infinitives and passives are rarely attributions ("to say", "was told").
    if let Some(p) = prev {
        if a.is_word(p, "to") {
            return None;
        }
        if cue.form == CueForm::Past
            && AsciiLower::new(a.word(p)).is_some_and(|w| {
                matches!(
                    w.as_bytes(),
                    b"was" | b"were" | b"is" | b"are" | b"be" | b"been" | b"being"
                )
            })
        {
            return None;
        }
    }
    if cue.form == CueForm::Gerund {
        return gerund(a, i, cue.class);
    }
    let start = cue_phrase_start(a, i, sentence.start);
    let strength = cue.strength;
    let next = i + 1;
    let at_end = next >= sentence.end || a.is_terminal(next);
    // `…, X said.` and `…, X said, …`
    if at_end || a.is(next, ",") {
        let source = a.source_left(start, sentence.start)?;
        let gap = source.start;
        if gap > sentence.start && a.is(gap - 1, ",") {
            let mut fragments = vec![];
            let mut end = gap - 1;
            while end > sentence.start && a.is(end - 1, ",") {
                end -= 1;
            }
            if end > sentence.start {
                fragments.push(sentence.start..end);
            }
            if !at_end {
                if let Some(rest) = content_to_end(a, next + 1) {
                    fragments.push(rest);
                }
            }
            if fragments.is_empty() || fragments.iter().any(|f| a.any_used(f.clone())) {
                return None;
            }
            return Some(found(a, fragments, start..i + 1, Some(source), 0.85 * strength));
        }
        return None;
    }
    // `…, said X.`
    if prev.is_some_and(|p| a.is(p, ",")) && cue.class == CueClass::Speech {
        if let Some(f) = inverted(a, i, sentence.clone(), strength) {
            return Some(f);
        }
    }
    // `X said (that) …`, `X told Y that …`
    let source = a.source_left(start, sentence.start);
    // Base and present forms of words like "state", "attacks", "post" are often nouns: ask
    // for a verb's context.
    if matches!(cue.form, CueForm::Base | CueForm::ThirdPerson)
        && !verb_context(a, start, sentence.start)
    {
        return None;
    }
    let (cue_end, content_start) = match content_start(a, next, cue.class, sentence.end)
        .or_else(|| bare_content_start(a, next, cue.class, source.is_some(), sentence.end))
    {
        Some(k) => (i + 1, k),
        None => object_start(a, next, source.is_some(), sentence.end)?,
    };
    let content = content_to_end(a, content_start)?;
    let confidence = if source.is_some() { 0.8 } else { 0.5 } * strength;
    if source.is_none() && cue.form != CueForm::Past && cue.form != CueForm::ThirdPerson {
        return None;
    }
    Some(found(a, vec![content], start..cue_end, source, confidence))
}

/// The object of a verb of stance or criticism: `endorsed Cruz`, `called for an inquiry`,
/// `declined to comment`. Returns where the cue ends (a particle joins it) and where the
/// content starts.
fn object_start(
    a: &Analysis<'_>,
    k: usize,
    has_source: bool,
    end: usize,
) -> Option<(usize, usize)> {
    if !has_source || k >= end {
        return None;
    }
    let particle = matches!(a.word(k), "for" | "on" | "to" | "about" | "of" | "against" | "out")
        && a.class(k) == WordClass::Preposition
        || a.is_word(k, "out");
    let (cue_end, start) = if particle && !a.is_word(k, "to") { (k + 1, k + 1) } else { (k, k) };
    if start >= end || a.is_terminal(start) || a.is(start, ",") {
        return None;
    }
    let first_ok = matches!(
        a.class(start),
        WordClass::Open | WordClass::Determiner | WordClass::Possessive | WordClass::ObjectPronoun
    ) || a.is_word(start, "to")
        || a.token(start).is_quote();
    first_ok.then_some((cue_end, start))
}

/// Can the word before `start` be followed by a finite verb? Pronouns, auxiliaries,
/// adverbs, names and plural nouns can; determiners, possessives and prepositions cannot.
fn verb_context(a: &Analysis<'_>, start: usize, lo: usize) -> bool {
    if start <= lo {
        return false;
    }
    let p = start - 1;
    match a.class(p) {
        WordClass::SubjectPronoun
        | WordClass::Auxiliary
        | WordClass::Adverb
        | WordClass::Relative
        | WordClass::Negation => true,
        WordClass::Open => {
            let w = a.word(p);
            a.token(p).kind == TokenKind::Word
                && (a.is_capitalised(p) || w.ends_with('s'))
                && !w.ends_with("’s")
                && !w.ends_with("'s")
        }
        _ => false,
    }
}

/// Content that starts with a bare noun phrase (`experts said money is needed`), allowed
/// after a strong cue with a source.
fn bare_content_start(
    a: &Analysis<'_>,
    k: usize,
    class: CueClass,
    has_source: bool,
    end: usize,
) -> Option<usize> {
    let ok = has_source
        && k < end
        && matches!(class, CueClass::Speech | CueClass::Cognition | CueClass::Evidence)
        && !matches!(a.word(k), "to" | "for" | "of" | "about" | "on")
        && a.token(k).kind == TokenKind::Word
        && a.class(k) == WordClass::Open
        && a.cue_at(k).is_none();
    ok.then_some(k)
}

/// `…, said X.`: the content is the sentence before the comma.
fn inverted(a: &Analysis<'_>, i: usize, sentence: Range<usize>, strength: f32) -> Option<Found> {
    let source = a.source_right(i + 1, sentence.end)?;
    let end = i - 1;
    if end <= sentence.start || a.any_used(sentence.start..end) {
        return None;
    }
    if source.end < sentence.end && !a.is_terminal(source.end) {
        return None;
    }
    let content = sentence.start..end;
    Some(found(a, vec![content], i..i + 1, Some(source), 0.8 * strength))
}

/// Where reported content starts after a cue: at `that`, or at a clause opener, after an
/// optional addressee (`told reporters`) and time or manner phrase (`on Monday`,
/// `in a statement`).
fn content_start(a: &Analysis<'_>, mut k: usize, class: CueClass, end: usize) -> Option<usize> {
    // An addressee: `told reporters`, `told the BBC`, `assured him`.
    if class == CueClass::Address {
        let object_end = (k..end.min(k + MAX_OBJECT))
            .find(|&j| a.is_word(j, "that") || a.is(j, ",") || a.is(j, ":") || a.is_terminal(j));
        match object_end {
            Some(j) if a.is_word(j, "that") => return Some(j),
            _ => {
                if matches!(a.class(k), WordClass::ObjectPronoun)
                    || a.is_capitalised(k)
                    || matches!(a.class(k), WordClass::Determiner)
                {
                    k += 1;
                    while k < end
                        && a.token(k).kind == TokenKind::Word
                        && a.class(k) == WordClass::Open
                        && !a.is_capitalised(k)
                        && a.cue_at(k).is_none()
                    {
                        k += 1;
                    }
                    while k < end && a.is_capitalised(k) {
                        k += 1;
                    }
                } else {
                    return None;
                }
            }
        }
    }
    // An addressee after `to`: `admitted to the newspaper that …`.
    if a.is_word(k, "to") {
        if let Some(j) = (k + 1..end.min(k + 2 + MAX_OBJECT)).find(|&j| a.is_word(j, "that")) {
            if (k + 1..j).all(|m| a.token(m).is_wordlike() && a.cue_at(m).is_none()) {
                return Some(j);
            }
        }
    }
    // Time and manner phrases: `on Monday`, `in a statement`, `last week`, `Tuesday`.
    let mut guard = 0;
    while k < end && guard < 6 {
        guard += 1;
        let w = a.word(k);
        if is_time_word(w) {
            k += 1;
        } else if matches!(w, "in" | "during" | "at" | "on") && k + 1 < end {
            // `in a statement`, `in an interview with X`, `on Twitter`.
            let mut j = k + 1;
            while j < end && j - k < 6 && !a.is_word(j, "that") && !a.is(j, ",") {
                j += 1;
            }
            if a.is_word(j, "that") || a.is(j, ",") {
                k = if a.is(j, ",") { j + 1 } else { j };
            } else {
                break;
            }
        } else if w == "," {
            k += 1;
        } else {
            break;
        }
    }
    if k >= end {
        return None;
    }
    if a.is_word(k, "that") || a.is(k, ":") && k + 1 < end {
        return Some(if a.is(k, ":") { k + 1 } else { k });
    }
    // A clause opener: a pronoun, determiner, name, number or `there`.
    let opener = match a.class(k) {
        WordClass::SubjectPronoun | WordClass::Determiner | WordClass::Possessive => true,
        WordClass::Subordinator => matches!(a.word(k), "if" | "whether"),
        WordClass::Relative => AsciiLower::new(a.word(k))
            .is_some_and(|w| matches!(w.as_bytes(), b"what" | b"who" | b"which")),
        WordClass::Open => {
            a.is_capitalised(k) || a.is_word(k, "there") || a.token(k).kind == TokenKind::Number
        }
        _ => false,
    } || a.token(k).is_quote();
    let clausal = matches!(
        class,
        CueClass::Speech | CueClass::Cognition | CueClass::Evidence | CueClass::Address
    );
    (opener && clausal).then_some(k)
}

/// `…, adding that …`, `…, saying …`: the content follows; the source is the subject of
/// the main clause, which the gerund shares.
fn gerund(a: &Analysis<'_>, i: usize, class: CueClass) -> Option<Found> {
    let sentence = a.sentence(i);
    if !(i > sentence.start && a.is(i - 1, ",")) {
        return None;
    }
    let start = content_start(a, i + 1, class, sentence.end)?;
    let content = content_to_end(a, start)?;
    Some(found(a, vec![content], i..i + 1, None, 0.6))
}

#[cfg(test)]
mod tests {
    use crate::attribute::{attribute, Analysis};
    use crate::clean::boilerplate;

    #[test]
    fn a_cue_that_ends_the_article_before_boilerplate_is_no_panic() {
        // Found by the CLI's no-panic property test.
        let text = ",a said ,READ MORE: ";
        let mut a = Analysis::new(text, &boilerplate(text));
        assert!(attribute(&mut a).is_empty());
    }
}
