//! Reported speech: `X said (that) …`, `X told Y that …`, `…, X said.`, `…, said X.`,
//! `according to X, …`, with partial quotes inside the content making it mixed.

use std::ops::Range;

use super::direct::cue_phrase_start;
use super::{claim, extend_cue, is_time_word, Analysis, Found};
use crate::cues::{particle, CueClass, CueForm};
use crate::text::{AsciiLower, TokenKind, WordClass};
use crate::{AttributionKind, Span};

/// Longest addressee between a cue and its content: `told the Associated Press that`.
const MAX_OBJECT: usize = 6;

/// Finds reported speech around every cue not yet used by direct speech.
///
/// Cues that close their sentence (`…, according to X.`, `…, X said.`, `…, said X.`) go
/// first: their content is the clause before them, and any cue inside that clause is part of
/// it (the corpus annotates the outermost attribution).
pub(super) fn find(a: &mut Analysis<'_>) -> Vec<Found> {
    let mut out = Vec::new();
    // Only cues, `according to` and raising verbs can start an attribution: they are few,
    // so they are put in pass order once.
    let mut order: Vec<(u8, usize, bool)> = Vec::new();
    for i in 0..a.tokens.len() {
        let according = is_according_to(a, i);
        if according || a.cue_at(i).is_some() || a.is_word(i + 1, "to") {
            order.push((priority(a, i, according), i, according));
        }
    }
    order.sort_unstable();
    for (_, i, according) in order {
        let found =
            if according { according_to(a, i) } else { raising(a, i).or_else(|| verb(a, i)) };
        if let Some(mut f) = found {
            extend_cue(a, &mut f);
            claim(a, &f);
            out.push(f);
        }
    }
    out.sort_by_key(|f| f.cue.as_ref().map_or(0, |c| c.start));
    out
}

/// Is token `i` the `according` of `according to`?
fn is_according_to(a: &Analysis<'_>, i: usize) -> bool {
    // The length first, so that the other words are not cut out of the text to compare.
    a.token(i).span.len() == "according".len()
        && a.is_word(i, "according")
        && a.is_word(i + 1, "to")
}

/// In which pass token `i` is tried as a cue: 0 for a cue that closes its sentence, 2 for a
/// cue after a relative pronoun (`Zeke Emanuel, an oncologist who advised Obama, said …`:
/// the relative clause is part of the main cue's source), 1 for the rest.
fn priority(a: &Analysis<'_>, i: usize, according: bool) -> u8 {
    if closes_sentence(a, i, according) {
        return 0;
    }
    if a.cue_at(i).is_some() {
        let start = cue_phrase_start(a, i, a.sentence(i).start);
        if start > 0 && a.class(start - 1) == WordClass::Relative {
            return 2;
        }
        if reduced_relative(a, i) {
            return 2;
        }
    }
    1
}

/// Is the cue at token `i` a participle that modifies the noun before it, with the
/// sentence's own cue further on: `A statement posted on the website said …`? Then the
/// participle is part of that cue's source.
fn reduced_relative(a: &Analysis<'_>, i: usize) -> bool {
    let participle = a.cue_at(i).is_some_and(|c| c.form == CueForm::Past)
        && i > 0
        && a.token(i - 1).kind == TokenKind::Word
        && a.class(i - 1) == WordClass::Open
        && !a.is_capitalised(i - 1)
        && cue_end(a, i) == Some(i + 1)
        && ["on", "in", "at", "by", "from", "with"].iter().any(|p| a.is_word(i + 1, p))
        && i + 2 < a.tokens.len()
        && !is_time_word(a.word(i + 2));
    // `The official said on Friday that the House supported …` is the official's.
    participle && {
        let sentence = a.sentence(i);
        (i + 2..sentence.end)
            .take_while(|&k| {
                !a.is(k, ",")
                    && !a.is_word(k, "that")
                    && !a.is_terminal(k)
                    && a.quote_at(k).is_none()
            })
            .any(|k| {
                a.cue_at(k).is_some_and(|c| matches!(c.form, CueForm::Past | CueForm::ThirdPerson))
            })
    }
}

/// Is token `i` a cue after a comma-ended clause whose phrase runs to the sentence end:
/// `…, according to X.`, `…, X said.`, `…, said X.`? A cheap test of the words only.
fn closes_sentence(a: &Analysis<'_>, i: usize, according: bool) -> bool {
    if !according && a.cue_at(i).is_none() {
        return false;
    }
    let sentence = a.sentence(i);
    // From the cue to the sentence end, no comma, colon or quotation.
    let tail = (i + 1..sentence.end)
        .take_while(|&k| !a.is_terminal(k))
        .all(|k| !a.is(k, ",") && !a.is(k, ":") && a.quote_at(k).is_none());
    if !tail {
        return false;
    }
    // Before it, within a few words, the comma that ends the content.
    (sentence.start..i).rev().take(8).any(|k| a.is(k, ",")) && i > sentence.start + 2
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
    // Whatever follows up to the comma or the stop is the source, named or not (`according to
    // three people briefed on the talks`).
    let source = a.source_right(i + 2, hi).map(|r| r.start..r.end.min(hi)).or_else(|| {
        let words = (i + 2..hi).all(|k| a.token(k).is_wordlike() && a.quote_at(k).is_none());
        (hi > i + 2 && hi - (i + 2) <= 12 && words).then_some(i + 2..hi)
    });
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

/// `X seemed to …`, `X appears to …`, `X is expected to …`: a raising verb gives a view of
/// X without saying whose. PolNeAR takes the verb (with `is`, for `expected`) as the cue, no
/// source, and the subject and the infinitive as two fragments of the content.
fn raising(a: &Analysis<'_>, i: usize) -> Option<Found> {
    let sentence = a.sentence(i);
    if i + 2 >= sentence.end || !a.is_word(i + 1, "to") || a.quote_at(i).is_some() {
        return None;
    }
    let word = AsciiLower::new(a.word(i))?;
    let cue_start = match word.as_bytes() {
        b"seem" | b"seems" | b"seemed" | b"appear" | b"appears" | b"appeared" => i,
        b"expected" => {
            // `is expected to`, `are widely expected to`.
            let mut k = i;
            while k > sentence.start && a.class(k - 1) == WordClass::Adverb {
                k -= 1;
            }
            let be = k > sentence.start
                && AsciiLower::new(a.word(k - 1)).is_some_and(|w| {
                    matches!(w.as_bytes(), b"is" | b"are" | b"was" | b"were" | b"be" | b"been")
                });
            if !be {
                return None;
            }
            k - 1
        }
        _ => return None,
    };
    if a.any_used(cue_start..i + 2) {
        return None;
    }
    // The subject ends before any auxiliary or adverb: `Mr. Rubio had appeared to`.
    let mut end = cue_start;
    while end > sentence.start
        && matches!(
            a.class(end - 1),
            WordClass::Auxiliary | WordClass::Adverb | WordClass::Negation
        )
    {
        end -= 1;
    }
    let subject = a.source_left(end, sentence.start)?;
    let rest = content_to_end(a, i + 1)?;
    if a.any_used(subject.clone()) {
        return None;
    }
    Some(found(a, vec![subject, rest], cue_start..i + 1, None, 0.5))
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
    // A participle after a determiner or a number is an adjective: `271 pledged delegates`.
    if cue.form == CueForm::Past
        && prev.is_some_and(|p| {
            a.token(p).kind == TokenKind::Number
                || matches!(a.class(p), WordClass::Determiner | WordClass::Possessive)
        })
    {
        return None;
    }
    let start = cue_phrase_start(a, i, sentence.start);
    let strength = cue.strength;
    let next = cue_end(a, i)?;
    let at_end = next >= sentence.end || a.is_terminal(next);
    // `…, X said.` and `…, X said, …`
    if at_end || a.is(next, ",") {
        if matches!(cue.form, CueForm::Base | CueForm::ThirdPerson)
            && !verb_context(a, start, sentence.start, cue.form == CueForm::ThirdPerson)
        {
            return None;
        }
        let mut source = a.source_left(start, sentence.start)?;
        // A few plain words between the comma and the noun phrase are the source's too
        // (`…, current and former officials said.`), unless they open a clause (`…, as
        // POLITICO has reported.`, `…, and as Comey noted.`).
        let mut gap = source.start;
        if let Some(c) = (source.start.saturating_sub(4).max(sentence.start)..source.start)
            .rev()
            .find(|&k| a.is(k, ","))
        {
            let words = c + 1..source.start;
            let plain =
                words.clone().all(|k| a.token(k).kind == TokenKind::Word && a.cue_at(k).is_none());
            if plain {
                gap = c + 1;
                let opener =
                    matches!(a.class(c + 1), WordClass::Coordinator | WordClass::Preposition)
                        || words.clone().any(|k| a.class(k) == WordClass::Subordinator);
                if !opener {
                    source.start = c + 1;
                }
            }
        }
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
            return Some(found(a, fragments, start..next, Some(source), 0.85 * strength));
        }
        return None;
    }
    // `…, said X.`, unless all before the comma is a name and its appositive (`Zeke
    // Emanuel, an oncologist, said the law works.`).
    let source = a.source_left(start, sentence.start);
    if prev.is_some_and(|p| a.is(p, ",")) && cue.class == CueClass::Speech {
        let subject = source.as_ref().is_some_and(|s| s.start == sentence.start);
        if !subject {
            if let Some(f) = inverted(a, i, sentence.clone(), strength) {
                return Some(f);
            }
        }
    }
    // `X said (that) …`, `X told Y that …`
    // Base and present forms of words like "state", "attacks", "post" are often nouns: ask
    // for a verb's context (a name with its appositive is one: `X, an expert, says`).
    let after_appositive = source.as_ref().is_some_and(|s| s.end == start && a.is(start - 1, ","));
    if matches!(cue.form, CueForm::Base | CueForm::ThirdPerson)
        && !after_appositive
        && !verb_context(a, start, sentence.start, cue.form == CueForm::ThirdPerson)
    {
        return None;
    }
    // A second verb of the same subject has it too: `X chafed at it and said …`.
    let subject = source.is_some() || start > sentence.start && a.is_word(start - 1, "and");
    let (cue_end, content_start) = match content_start(a, next, cue.class, sentence.end)
        .or_else(|| bare_content_start(a, next, cue.class, subject, sentence.end))
    {
        Some(k) => (next, k),
        None => object_start(a, i, next, subject, sentence.end)?,
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
    cue: usize,
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
    // `to` begins the content of `wants to`, `vowed to`, `declined to`, but not of
    // `continues to grow`, `spoke to the gathering`, `added to the list`.
    let first_ok = matches!(
        a.class(start),
        WordClass::Open | WordClass::Determiner | WordClass::Possessive | WordClass::ObjectPronoun
    ) || a.is_word(start, "to") && !no_infinitive(a.word(cue))
        || a.token(start).is_quote();
    first_ok.then_some((cue_end, start))
}

/// Is `cue` a verb whose `to` is a preposition or a new clause, never its content's start?
/// In PolNeAR train, `continues to`, `spoke to`, `added to` after a cue are never annotated.
fn no_infinitive(cue: &str) -> bool {
    let Some(lower) = AsciiLower::new(cue) else { return false };
    let w = lower.as_bytes();
    [&b"continu"[..], b"spok", b"speak", b"add", b"post", b"prov"]
        .iter()
        .any(|stem| w.starts_with(stem))
}

/// Can the word before `start` be followed by a finite verb? Pronouns, auxiliaries,
/// adverbs, names and plural nouns can; determiners, possessives and prepositions cannot.
fn verb_context(a: &Analysis<'_>, start: usize, lo: usize, third_person: bool) -> bool {
    if start <= lo {
        return false;
    }
    let p = start - 1;
    match a.class(p) {
        // `Editor’s note`: a clitic `’s` before a bare verb form is a possessive.
        WordClass::Auxiliary => !matches!(a.word(p), "’s" | "'s"),
        WordClass::SubjectPronoun
        | WordClass::Adverb
        | WordClass::Relative
        | WordClass::Negation => true,
        WordClass::Open => {
            let w = a.word(p);
            // A singular noun after a determiner heads a subject too: `the poll shows`,
            // `the campaign says` (but `his home state`, whose `state` is no `-s` form).
            let subject_head = third_person
                && p > lo
                && matches!(a.class(p - 1), WordClass::Determiner | WordClass::Possessive);
            a.token(p).kind == TokenKind::Word
                && (a.is_capitalised(p) || w.ends_with('s') || subject_head)
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
    let next = cue_end(a, i)?;
    // `…, saying that …`; else an object: `…, calling the plan a mistake`.
    let (cue_end, start) = match content_start(a, next, class, sentence.end) {
        Some(k) => (next, k),
        None => object_start(a, i, next, true, sentence.end)?,
    };
    let content = content_to_end(a, start)?;
    Some(found(a, vec![content], i..cue_end, None, 0.6))
}

/// Where the cue at token `i` ends: after its particle when the word after it is one
/// (`pointed out`, `referred to`: see [`particle`]), `None` when the verb is a cue only with
/// a particle and has none (`talked to`).
fn cue_end(a: &Analysis<'_>, i: usize) -> Option<usize> {
    let next = i + 1;
    let word = if next < a.sentence(i).end && a.token(next).kind == TokenKind::Word {
        a.word(next)
    } else {
        ""
    };
    match particle(a.word(i), word) {
        Some(true) => Some(i + 2),
        Some(false) => None,
        None => Some(i + 1),
    }
}

#[cfg(test)]
mod tests {
    use crate::attribute::{attribute, Analysis};
    use crate::clean::boilerplate;

    /// `source | cue | content` of every attribution the rules find, content fragments
    /// joined by ` … ` and `-` for none.
    fn rules(text: &str) -> Vec<String> {
        let mut a = Analysis::new(text, &[]);
        attribute(&mut a)
            .iter()
            .map(|x| {
                let part = |s: Option<crate::Span>| s.map_or("-", |s| s.text(text));
                let content: Vec<&str> = x.content.iter().map(|s| s.text(text)).collect();
                format!("{} | {} | {}", part(x.source), part(x.cue), content.join(" … "))
            })
            .collect()
    }

    macro_rules! t {
        ($name:ident, $text:expr $(, $expected:expr)* $(,)?) => {
            #[test]
            fn $name() {
                let expected: Vec<&str> = vec![$($expected),*];
                assert_eq!(rules($text), expected, "{}", $text);
            }
        };
    }

    t!(
        plain_words_after_the_comma_join_the_source,
        "The deal is dead, current and former officials said.",
        "current and former officials | said | The deal is dead"
    );
    t!(
        a_clause_opener_after_the_comma_stays_out_of_the_source,
        "The deal is dead, as POLITICO has reported. Taxes rose, and as Comey noted.",
        "POLITICO | has reported | The deal is dead",
        "Comey | noted | Taxes rose"
    );
    t!(colon_joins_the_cue, "He added: the plan is dead.", "He | added: | the plan is dead");
    t!(
        in_a_statement_joins_the_cue,
        "The company said in a statement that it would appeal.",
        "The company | said in a statement | that it would appeal"
    );
    t!(particle_out, "She pointed out that taxes rose.", "She | pointed out | that taxes rose");
    t!(
        particle_to,
        "He referred to the report as flawed.",
        "He | referred to | the report as flawed"
    );
    t!(
        talk_needs_its_particle,
        "Trump talked about trade. Trump talked to reporters.",
        "Trump | talked about | trade"
    );
    t!(continues_to_is_no_cue, "The lead continues to grow.");
    t!(spoke_to_is_no_cue, "Clinton spoke to the gathering.");
    t!(raising_verb, "Rubio seemed to offer a caveat.", "- | seemed | Rubio … to offer a caveat");
    t!(
        expected_with_its_be,
        "Many voters are expected to delay their ballots.",
        "- | are expected | Many voters … to delay their ballots"
    );
    t!(
        according_to_is_the_outermost,
        "Trump told aides that he feared Sanders, according to someone in attendance.",
        "someone in attendance | according to | Trump told aides that he feared Sanders"
    );
    t!(
        says_after_an_appositive,
        "Michael Hanlon, an expert at the Brookings Institution, says Libya is the trouble spot.",
        "Michael Hanlon, an expert at the Brookings Institution, | says | Libya is the trouble spot"
    );
    t!(
        a_relative_clause_belongs_to_the_source,
        "Zeke Emanuel, an oncologist who advised Obama on health care, said the law works.",
        "Zeke Emanuel, an oncologist who advised Obama on health care, | said | the law works"
    );
    t!(
        a_participle_after_a_noun_is_part_of_the_source,
        "A statement posted on the campaign website said the senator would not attend.",
        "A statement posted on the campaign website | said | the senator would not attend"
    );
    t!(
        a_cue_before_a_preposition_and_that_keeps_its_content,
        "The official said in an interview that the House supported the bill.",
        "The official | said | that the House supported the bill"
    );
    t!(
        a_list_opening_the_sentence_is_one_source,
        "Friends, neighbours and former rivals say the mayor was fair.",
        "Friends, neighbours and former rivals | say | the mayor was fair"
    );
    t!(
        an_appositive_with_and_is_no_list,
        "Dr Lee, an economist and author, says the plan works.",
        "Dr Lee, an economist and author, | says | the plan works"
    );
    t!(
        an_adverb_before_a_pair_is_no_list_item,
        "However, officials and experts say the rule is unfair.",
        "experts | say | the rule is unfair"
    );
    t!(
        a_restrictive_relative_clause_belongs_to_the_source,
        "Officials who spoke on condition of anonymity said the talks had stalled.",
        "Officials who spoke on condition of anonymity | said | the talks had stalled"
    );
    t!(
        a_relative_clause_ending_in_a_conjunction_is_no_source,
        "A person who attended and said the talks failed.",
        "- | said | the talks failed"
    );
    t!(
        a_cue_word_inside_a_name_is_no_cue,
        "Officials in the United States reported gains. The Washington Post said prices rose.",
        "Officials in the United States | reported | gains",
        "The Washington Post | said | prices rose"
    );
    t!(a_title_case_headline_keeps_its_cue, "Trump Says He Will Win", "Trump | Says | He Will Win");

    #[test]
    fn a_cue_that_ends_the_article_before_boilerplate_is_no_panic() {
        // Found by the CLI's no-panic property test.
        let text = ",a said ,READ MORE: ";
        let mut a = Analysis::new(text, &boilerplate(text));
        assert!(attribute(&mut a).is_empty());
    }
}
