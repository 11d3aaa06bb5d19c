//! From tags back to attributions: spans, links between them, kinds and confidence.
//!
//! The tagger says which tokens are sources, cues and contents; a reader needs to know which
//! source said which content through which cue. Each cue opens an attribution. A content
//! fragment joins the nearest cue of its sentence; failing that, the attribution of an
//! earlier fragment of the same quotation (a quote running over paragraphs), the nearest cue
//! of its paragraph, or a cue ending the sentence before with a colon; failing all, it
//! stands as an attribution of its own without a cue. A source joins the nearest cue of its
//! sentence, else of its paragraph. A cue left without content that ends its sentence after a
//! comma (`…, sources said.`) takes the clause before the comma, and any attribution the
//! tagger found inside it gives way; any other cue left without content is dropped. A
//! content before a cue that closes its sentence begins at the sentence start when the words
//! before it are untagged (`In Chicago, …, the Sun-Times reported.`). A cue takes an
//! untagged colon after it and the untagged auxiliaries before its verb (`has also argued`).
//! The boundary ranker may drop a content fragment that its attribution can do without
//! (another fragment is left, or there is no source); an attribution left without content
//! is dropped with its cue.

use std::ops::Range;

use smallvec::SmallVec;

use crate::attribute::Analysis;
use crate::{Attribution, AttributionKind, Span};

use super::spans;
use super::{Model, Tag, Tagging, STRIDE, TAGS};

/// A run of tokens with one role.
#[derive(Clone, Debug)]
struct Fragment {
    role: u8,
    tokens: Range<usize>,
    /// Mean probability of the tokens' tags, by a softmax over their emission scores.
    score: f32,
    /// For content: how far the boundary ranker's choice of extent led the next best
    /// (infinite when there was no choice to make).
    margin: f32,
}

const SOURCE: u8 = 1;
const CUE: u8 = 2;
const CONTENT: u8 = 3;

fn fragments(tags: &[Tag], emissions: &[[f32; STRIDE]]) -> Vec<Fragment> {
    let mut out: Vec<Fragment> = Vec::new();
    let mut sums: Vec<f32> = Vec::new();
    for (i, &tag) in tags.iter().enumerate() {
        if tag == Tag::O {
            continue;
        }
        let p = probability(&emissions[i], &[tag]);
        let continues = !tag.is_begin()
            && out.last().is_some_and(|f| f.tokens.end == i && f.role == tag.role());
        if continues {
            let f = out.last_mut().expect("checked above");
            f.tokens.end = i + 1;
            *sums.last_mut().expect("one sum per fragment") += p;
        } else {
            out.push(Fragment {
                role: tag.role(),
                tokens: i..i + 1,
                score: 0.0,
                margin: f32::INFINITY,
            });
            sums.push(p);
        }
    }
    for (f, s) in out.iter_mut().zip(sums) {
        f.score = s / f.tokens.len() as f32;
    }
    out
}

/// How clearly one of `tags` won among a token's emission scores: the logistic of the best
/// one's margin over the best other tag (one `exp` per token; a softmax would take seven).
#[inline]
pub(super) fn probability(scores: &[f32; STRIDE], tags: &[Tag]) -> f32 {
    let chosen = tags.iter().fold(f32::NEG_INFINITY, |m, &t| m.max(scores[t as usize]));
    let mask = tags.iter().fold(0u32, |m, &t| m | 1 << t as u32);
    let other =
        (0..TAGS).filter(|&t| mask & 1 << t == 0).fold(f32::NEG_INFINITY, |m, t| m.max(scores[t]));
    1.0 / (1.0 + (other - chosen).exp())
}

/// A link being built.
#[derive(Default)]
struct Draft {
    cue: Option<usize>,
    source: Option<usize>,
    /// Inline: an attribution seldom has more than a few fragments, and a vector each was
    /// most of the linking's allocations.
    content: SmallVec<[usize; 4]>,
}

/// Token distance between two ranges (0 when they touch or overlap).
fn gap(a: &Range<usize>, b: &Range<usize>) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// The fewest tokens a clause taken as content may have.
const CLAUSE_TOKENS: usize = 3;

/// When `group` (a cue and its source) ends its sentence after a comma, the tokens from the
/// sentence start to that comma; a clause opening with a quotation mark is left to the
/// quotation rules.
fn clause_before(a: &Analysis<'_>, group: Range<usize>) -> Option<Range<usize>> {
    let sentence = a.sentence(group.start);
    let mut end = sentence.end;
    while end > group.end && a.is_terminal(end - 1) {
        end -= 1;
    }
    let closes = group.end == end && group.end <= sentence.end;
    if !closes || group.start < sentence.start + CLAUSE_TOKENS + 1 || !a.is(group.start - 1, ",") {
        return None;
    }
    if a.token(sentence.start).is_quote() {
        return None;
    }
    Some(sentence.start..group.start - 1)
}

/// A content before a cue that closes its sentence (`In Chicago, organizers added …, the
/// Sun-Times reported.`) begins at the sentence start when the tagger left the words before
/// it untagged: the corpus annotates the whole clause before the cue, lead-in phrases
/// included, and the words are no one else's. Gives the new first token, if it moves.
fn clause_start(
    a: &Analysis<'_>,
    tags: &[Tag],
    group: &Range<usize>,
    content: &Range<usize>,
) -> Option<usize> {
    let sentence = a.sentence(content.start);
    let comma = |i: usize| a.is(i, ",");
    if content.end >= group.start
        || !sentence.contains(&group.start)
        || !(content.end..group.start).all(comma)
    {
        return None;
    }
    // Another content after the cue, or a quotation, is a layout of its own.
    let lead = sentence.start..content.start;
    let taken = |i: usize| tags[i].role() == CONTENT || a.token(i).is_quote();
    if lead.is_empty() || (group.end..sentence.end).any(taken) {
        return None;
    }
    let free = |i: usize| tags[i] == Tag::O && !a.token(i).is_quote();
    lead.clone().all(free).then_some(lead.start)
}

/// The attributions the tags describe.
pub fn attributions(a: &Analysis<'_>, model: &Model, tagging: &Tagging) -> Vec<Attribution> {
    scored(a, model, tagging).into_iter().map(|(x, _)| x).collect()
}

/// The number of facts the confidence is computed from.
pub const CONFIDENCE_FEATURES: usize = 9;

/// How many of them format version 4 stored (no ranker margin).
pub(crate) const CONFIDENCE_FEATURES_V4: usize = 8;

/// A ranker margin as a confidence fact: its logarithm, capped, on the scale of the others.
fn margin_fact(margin: f32) -> f32 {
    (1.0 + margin.clamp(0.0, 100.0)).ln() / 4.0
}

/// The logistic regression's probability for an attribution's facts, before the model's
/// monotone correction.
pub(crate) fn logistic(
    facts: &[f32; CONFIDENCE_FEATURES],
    weights: &[f32; CONFIDENCE_FEATURES],
) -> f32 {
    let z: f32 = facts.iter().zip(weights).map(|(x, w)| x * w).sum();
    1.0 / (1.0 + (-z).exp())
}

/// A colon right after a cue is part of it, as the corpus annotates it (`said:`, `added:`);
/// the tagger leaves it out now and then. So are the auxiliaries and the few adverbs of the
/// verb group before it (`has argued`, `was also asked`, `did not say`): in the training
/// data `has` begins 541 cues and stands untagged right before one 6 times, yet the tagger
/// now and then begins the cue on the verb.
fn widen_cue(a: &Analysis<'_>, tags: &[Tag], cue: &mut Range<usize>) {
    if cue.end < tags.len() && tags[cue.end] == Tag::O && a.is(cue.end, ":") {
        cue.end += 1;
    }
    let first = a.sentence(cue.start).start;
    while cue.start > first && tags[cue.start - 1] == Tag::O && is_auxiliary(a.word(cue.start - 1))
    {
        cue.start -= 1;
    }
}

/// The auxiliaries, and the adverbs that the corpus keeps inside a verb group's cue.
const AUXILIARIES: [&str; 26] = [
    "has", "have", "had", "is", "are", "was", "were", "will", "would", "could", "can", "should",
    "may", "might", "must", "did", "does", "do", "be", "been", "being", "also", "not", "never",
    "n't", "n’t",
];

/// Whether `word` is one of [`AUXILIARIES`], in any case.
fn is_auxiliary(word: &str) -> bool {
    AUXILIARIES.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// The attributions the tags describe, each with the facts its confidence comes from:
/// a bias, the mean and least tag probability of its spans, whether it is direct or mixed,
/// has a cue, has a source, the log of its content's length in tokens, and the least lead
/// of the boundary ranker's choice over the next best extent among its content fragments.
pub(crate) fn scored(
    a: &Analysis<'_>,
    model: &Model,
    tagging: &Tagging,
) -> Vec<(Attribution, [f32; CONFIDENCE_FEATURES])> {
    let mut choose = |f: &spans::Fragment<'_>| match &model.spans {
        Some(ranker) => ranker.choose(a, f),
        None => (f.tokens.clone(), f32::INFINITY),
    };
    scored_with(a, model, tagging, &mut choose)
}

/// [`scored`], with each content fragment's final tokens (and the margin of that choice)
/// chosen by `choose`.
pub(crate) fn scored_with(
    a: &Analysis<'_>,
    model: &Model,
    tagging: &Tagging,
    choose: &mut dyn FnMut(&spans::Fragment<'_>) -> (Range<usize>, f32),
) -> Vec<(Attribution, [f32; CONFIDENCE_FEATURES])> {
    let Tagging { tags, emissions, words } = tagging;
    let mut frags = fragments(tags, emissions);
    let sentence = |f: &Fragment| a.segments.sentence_of[f.tokens.start] as usize;
    let paragraph = |f: &Fragment| a.paragraph(f.tokens.start);

    let mut drafts: Vec<Draft> = Vec::new();
    // The draft each cue fragment opened.
    let mut draft_of_cue = vec![usize::MAX; frags.len()];
    for (k, f) in frags.iter().enumerate() {
        if f.role == CUE {
            draft_of_cue[k] = drafts.len();
            drafts.push(Draft { cue: Some(k), ..Draft::default() });
        }
    }
    let cues: Vec<usize> = (0..frags.len()).filter(|&k| frags[k].role == CUE).collect();
    // Cues are in text order, so the cues of one sentence or paragraph form one run of
    // `cues`, found by binary search: scanning every cue for every fragment was quadratic
    // in the article's length.
    let cue_sentence: Vec<usize> = cues.iter().map(|&c| sentence(&frags[c])).collect();
    let cue_paragraph: Vec<usize> = cues.iter().map(|&c| paragraph(&frags[c])).collect();
    let run = |keys: &[usize], v: usize| {
        keys.partition_point(|&x| x < v)..keys.partition_point(|&x| x <= v)
    };
    // The nearest cue of `among` that passes `ok`: the last one before the fragment or the
    // first one after it, whichever is closer.
    let nearest_cue = |f: &Fragment, among: Range<usize>, ok: &dyn Fn(usize) -> bool| {
        let among = &cues[among];
        let split = among.partition_point(|&c| frags[c].tokens.start < f.tokens.start);
        let before = among[..split].iter().rev().copied().find(|&c| ok(c));
        let after = among[split..].iter().copied().find(|&c| ok(c));
        [before, after]
            .into_iter()
            .flatten()
            .min_by_key(|&c| (gap(&frags[c].tokens, &f.tokens), frags[c].tokens.start))
    };
    let any = |_: usize| true;

    // Contents.
    let mut draft_of_quote = vec![usize::MAX; a.quotes.len()];
    for (k, f) in frags.iter().enumerate() {
        if f.role != CONTENT {
            continue;
        }
        let (s, p) = (sentence(f), paragraph(f));
        let quote = a.quote_at(f.tokens.start);
        let mut target = nearest_cue(f, run(&cue_sentence, s), &any).map(|c| draft_of_cue[c]);
        if target.is_none() {
            target = quote.map(|q| draft_of_quote[q]).filter(|&d| d != usize::MAX);
        }
        if target.is_none() {
            target = nearest_cue(f, run(&cue_paragraph, p), &any).map(|c| draft_of_cue[c]);
        }
        if target.is_none() && s > 0 {
            // `He added:` closing the sentence before.
            let before = &a.segments.sentences[s - 1];
            let colon = before.tokens.end > before.tokens.start && a.is(before.tokens.end - 1, ":");
            if colon {
                target = nearest_cue(f, run(&cue_sentence, s - 1), &any).map(|c| draft_of_cue[c]);
            }
        }
        let d = match target {
            Some(d) => d,
            None => {
                drafts.push(Draft::default());
                drafts.len() - 1
            }
        };
        drafts[d].content.push(k);
        if let Some(q) = quote {
            if draft_of_quote[q] == usize::MAX {
                draft_of_quote[q] = d;
            }
        }
    }

    // Sources.
    for (k, f) in frags.iter().enumerate() {
        if f.role != SOURCE {
            continue;
        }
        let (s, p) = (sentence(f), paragraph(f));
        let cue =
            nearest_cue(f, run(&cue_sentence, s), &|c| drafts[draft_of_cue[c]].source.is_none())
                .or_else(|| nearest_cue(f, run(&cue_sentence, s), &any))
                .or_else(|| nearest_cue(f, run(&cue_paragraph, p), &any));
        if let Some(c) = cue {
            let d = &mut drafts[draft_of_cue[c]];
            if d.source.is_none() {
                d.source = Some(k);
            }
        }
    }

    // A cue the tagger gave no content, ending its sentence after a comma (`…, sources
    // said.`), takes everything before the comma: the corpus annotates the outermost
    // attribution, so an attribution the tagger saw inside that clause gives way to it.
    let mut absorbed = vec![false; frags.len()];
    for d in &mut drafts {
        let Some(c) = d.cue.filter(|&c| d.content.is_empty() && !absorbed[c]) else { continue };
        let mut group = frags[c].tokens.clone();
        if let Some(s) = d.source {
            group = group.start.min(frags[s].tokens.start)..group.end.max(frags[s].tokens.end);
        }
        let Some(tokens) = clause_before(a, group) else { continue };
        for (k, f) in frags.iter().enumerate() {
            if f.tokens.start >= tokens.start && f.tokens.end <= tokens.end {
                absorbed[k] = true;
            }
        }
        d.content.push(frags.len());
        frags.push(Fragment { role: CONTENT, tokens, score: 0.5, margin: f32::INFINITY });
        absorbed.push(false);
    }
    for d in &mut drafts {
        if d.cue.is_some_and(|c| absorbed[c]) {
            d.content.clear();
        }
        d.content.retain(|k| !absorbed[*k]);
        d.source = d.source.filter(|&k| !absorbed[k]);
    }

    // A content before its cue takes the untagged lead-in of its sentence.
    for d in &drafts {
        let (Some(c), &[k]) = (d.cue, &d.content[..]) else { continue };
        let mut group = frags[c].tokens.clone();
        if let Some(s) = d.source {
            group = group.start.min(frags[s].tokens.start)..group.end.max(frags[s].tokens.end);
        }
        if let Some(start) = clause_start(a, tags, &group, &frags[k].tokens) {
            frags[k].tokens.start = start;
        }
    }

    // Each content's boundaries, looked at again ([`spans`]): it may grow over the untagged
    // tokens of its sentence, up to the nearest fragment of any attribution, or go.
    let mut taken = vec![false; tags.len()];
    for d in &drafts {
        for k in d.content.iter().copied().chain(d.cue).chain(d.source) {
            taken[frags[k].tokens.clone()].fill(true);
        }
    }
    let mut dropped = vec![false; frags.len()];
    for d in &drafts {
        let mut left = d.content.len();
        for &k in &d.content {
            let tokens = frags[k].tokens.clone();
            // A quotation exactly as the quotation rules found it keeps its extent: its
            // kind (direct) depends on it, and the marks bound it better than any clause.
            if a.quote_at(tokens.start).is_some_and(|q| a.quotes[q].tokens == tokens) {
                continue;
            }
            let sentence = a.sentence(tokens.start);
            let mut lo = tokens.start;
            while lo > sentence.start && !taken[lo - 1] {
                lo -= 1;
            }
            let mut hi = tokens.end;
            while hi < sentence.end && !taken[hi] {
                hi += 1;
            }
            let fragment = spans::Fragment {
                tokens: tokens.clone(),
                cue: d.cue.map(|c| frags[c].tokens.clone()),
                room: lo..hi,
                // Not the last fragment of an attribution with a source: that would drop
                // the source and cue too, and sources tagged with a wrong content are
                // mostly right.
                droppable: left > 1 || d.source.is_none(),
                tags,
                emissions,
                words,
            };
            let (chosen, margin) = choose(&fragment);
            taken[tokens].fill(false);
            if chosen.is_empty() {
                dropped[k] = true;
                left -= 1;
                continue;
            }
            taken[chosen.clone()].fill(true);
            frags[k].tokens = chosen;
            frags[k].margin = margin;
        }
    }
    for d in &mut drafts {
        d.content.retain(|k| !dropped[*k]);
    }

    for c in drafts.iter().filter_map(|d| d.cue) {
        widen_cue(a, tags, &mut frags[c].tokens);
    }

    let mut out: Vec<(Attribution, [f32; CONFIDENCE_FEATURES])> = drafts
        .into_iter()
        .filter(|d| !d.content.is_empty())
        .map(|d| {
            let span = |k: usize| a.span(frags[k].tokens.clone());
            let content: Vec<Span> = d.content.iter().map(|&k| span(k)).collect();
            let quoted = |k: usize| {
                let r = &frags[k].tokens;
                a.tokens[r.start].is_quote() && a.tokens[r.end - 1].is_quote()
                    || (a.tokens[r.start].is_quote()
                        && r.end < a.tokens.len()
                        && a.tokens[r.end].is_quote())
                    // A quotation without marks of its own: `— We will win, she said.`
                    || a.quote_at(r.start).is_some_and(|q| a.quotes[q].tokens == *r)
            };
            let any_mark = |k: usize| frags[k].tokens.clone().any(|i| a.tokens[i].is_quote());
            let kind = if d.content.iter().all(|&k| quoted(k)) {
                AttributionKind::Direct
            } else if d.content.iter().any(|&k| any_mark(k)) {
                AttributionKind::Mixed
            } else {
                AttributionKind::Indirect
            };
            let parts: Vec<usize> =
                d.content.iter().copied().chain(d.cue).chain(d.source).collect();
            let mean = parts.iter().map(|&k| frags[k].score).sum::<f32>() / parts.len() as f32;
            let least = parts.iter().map(|&k| frags[k].score).fold(1.0f32, f32::min);
            let length: usize = d.content.iter().map(|&k| frags[k].tokens.len()).sum();
            let margin = d.content.iter().map(|&k| frags[k].margin).fold(f32::INFINITY, f32::min);
            let facts = [
                1.0,
                mean,
                least,
                f32::from(u8::from(kind == AttributionKind::Direct)),
                f32::from(u8::from(kind == AttributionKind::Mixed)),
                f32::from(u8::from(d.cue.is_some())),
                f32::from(u8::from(d.source.is_some())),
                (1.0 + length as f32).ln() / 4.0,
                margin_fact(margin),
            ];
            let confidence = model.recalibration.apply(logistic(&facts, &model.calibration));
            let source = d.source.map(span);
            (
                Attribution {
                    kind,
                    content,
                    cue: d.cue.map(span),
                    source,
                    // Filled in by speaker resolution, over the final spans.
                    speaker: None,
                    confidence: if confidence.is_finite() { confidence } else { 0.5 },
                },
                facts,
            )
        })
        .collect();
    out.sort_by_key(|(x, _)| x.content.first().map_or(0, |s| s.start));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The clause `clause_before` gives the words `cue` at the end of `text`'s sentence.
    fn clause(text: &str, cue: &str) -> Option<String> {
        let a = Analysis::new(text, &[]);
        clause_before(&a, a.find_words(cue)?).map(|r| a.span(r).text(text).to_string())
    }

    #[test]
    fn a_cue_closing_its_sentence_takes_the_clause_before_the_comma() {
        let text = "The protocol called for a trauma center, sources said.";
        assert_eq!(
            clause(text, "sources said").as_deref(),
            Some("The protocol called for a trauma center")
        );
        assert_eq!(clause("He left, they said and went home.", "they said"), None);
        assert_eq!(clause("He left early sources said.", "sources said"), None);
        assert_eq!(clause("“We won,” she said.", "she said"), None);
    }

    /// The contents `attributions` gives `text` when the tagger tagged `content`, `source`
    /// and `cue` (word sequences of the text) and nothing else.
    fn contents(text: &str, content: &str, source: &str, cue: &str) -> Vec<String> {
        linked(text, content, source, cue)
            .iter()
            .flat_map(|x| x.content.iter().map(|s| s.text(text).to_string()))
            .collect()
    }

    /// The cues `attributions` gives `text` when the tagger tagged those words alone.
    fn cues(text: &str, content: &str, source: &str, cue: &str) -> Vec<String> {
        linked(text, content, source, cue)
            .iter()
            .filter_map(|x| Some(x.cue?.text(text).to_string()))
            .collect()
    }

    /// The attributions `attributions` gives `text` when the tagger tagged `content`,
    /// `source` and `cue` (word sequences of the text) and nothing else.
    fn linked(text: &str, content: &str, source: &str, cue: &str) -> Vec<Attribution> {
        let a = Analysis::new(text, &[]);
        let mut tags = vec![Tag::O; a.tokens.len()];
        for (words, begin, inside) in [
            (content, Tag::BContent, Tag::IContent),
            (source, Tag::BSource, Tag::ISource),
            (cue, Tag::BCue, Tag::ICue),
        ] {
            let run = a.find_words(words).expect("the words are in the text");
            tags[run.start] = begin;
            tags[run.start + 1..run.end].fill(inside);
        }
        let model = Model::embedded().expect("the built-in model loads");
        let emissions = vec![[0.0; STRIDE]; tags.len()];
        let tagging = Tagging { tags, emissions, words: Vec::new() };
        // The rules of linking alone: the ranker would read these made-up emissions.
        let mut as_tagged = |f: &spans::Fragment<'_>| (f.tokens.clone(), f32::INFINITY);
        scored_with(&a, model, &tagging, &mut as_tagged).into_iter().map(|(x, _)| x).collect()
    }

    #[test]
    fn a_cue_takes_the_auxiliaries_before_its_verb() {
        let text = "The senator has also argued that taxes will rise.";
        assert_eq!(cues(text, "taxes will rise", "The senator", "argued"), ["has also argued"]);
        // Not over a word another role holds.
        let text = "Was it right? Critics argued that taxes will rise.";
        assert_eq!(cues(text, "taxes will rise", "Critics", "argued"), ["argued"]);
        let text = "Those who were there argued that taxes will rise.";
        assert_eq!(cues(text, "taxes will rise", "Those who were there", "argued"), ["argued"]);
    }

    #[test]
    fn a_content_before_its_cue_takes_the_untagged_lead_in_of_its_sentence() {
        let text = "In Chicago, organizers added guards, the Sun-Times reported.";
        assert_eq!(
            contents(text, "organizers added guards", "the Sun-Times", "reported"),
            ["In Chicago, organizers added guards"]
        );
        // A content after its cue, or a lead-in another role holds, stays as tagged.
        let text = "Officials said on Monday that organizers added guards.";
        assert_eq!(
            contents(text, "organizers added guards", "Officials", "said"),
            ["organizers added guards"]
        );
        let text = "Officials, organizers added guards, the Sun-Times reported.";
        assert_eq!(
            contents(text, "organizers added guards", "Officials", "reported"),
            ["organizers added guards"]
        );
    }
}
