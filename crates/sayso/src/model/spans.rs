//! A learnt second look at where each content fragment begins and ends.
//!
//! The tagger decides token by token, and the exact extent of a content is a clause decision
//! the corpus makes both ways (`X said A, and B` or `X said A`); hand-written cut and merge
//! rules broke as many fragments as they mended. After linking, every content fragment gets
//! a few alternative starts and ends at clause boundaries of its sentence (commas, dashes,
//! quotation marks, `that`, `and`, the edges of the untagged words around it), each pair is
//! scored by a linear model over the words, parts of speech and punctuation at both edges,
//! the shift from the tagger's boundaries and the tagger's own confidence in the tokens it
//! gains or loses, and the best pair wins. A fragment whose attribution can do without it
//! (another content fragment is left, or there is no source to lose) may also be dropped:
//! no extent at all is one more candidate, with features of its own, since a tagged
//! circumstance (`On ABC's "Good Morning America"`) beside the quotation it introduces is
//! no one's content. The model is a ranking perceptron trained on
//! held-out (jackknifed) predictions, so that the fragments it learns from are as wrong as
//! the ones it will see.

use std::ops::Range;

use smallvec::{smallvec, SmallVec};

use crate::attribute::Analysis;
use crate::text::TokenKind;

use super::decode::probability;
use super::{Tag, STRIDE};

/// log2 of the number of weights.
pub(crate) const RANKER_BITS: u32 = 16;

/// The most alternative starts (and ends) kept for a fragment, nearest the tagger's first.
const ALTERNATIVES: usize = 3;

/// Weights over hashed candidate features.
#[derive(Clone, Debug, PartialEq)]
pub struct SpanRanker {
    pub(crate) weights: Vec<f32>,
}

/// A content fragment as linking left it, and what the ranker may know about it.
pub(crate) struct Fragment<'f> {
    /// The fragment's tokens as tagged.
    pub tokens: Range<usize>,
    /// The cue of its attribution, if any.
    pub cue: Option<Range<usize>>,
    /// The tokens the fragment may grow into: no other fragment lies inside.
    pub room: Range<usize>,
    /// Whether the fragment may be dropped: then no extent (an empty range at its start) is
    /// one more candidate.
    pub droppable: bool,
    /// Every token's tag.
    pub tags: &'f [Tag],
    /// Every token's emission scores.
    pub emissions: &'f [[f32; STRIDE]],
    /// Every token's word hash and part of speech, as the taggers' features read them
    /// (empty in tests that call no ranker).
    pub words: &'f [(u64, u64)],
}

/// A fragment's alternative starts or ends, kept inline: a sentence seldom has more.
type Boundaries = SmallVec<[usize; 16]>;

/// Candidate spans for `f`, the tagger's own first, and an empty one last when `f` may be
/// dropped.
pub(crate) fn candidates(a: &Analysis<'_>, f: &Fragment<'_>) -> Vec<Range<usize>> {
    let Range { start: ps, end: pe } = f.tokens;
    let Range { start: lo, end: hi } = f.room;
    // On the stack: growing two vectors on the heap was a third of the ranker's allocations.
    let mut starts: Boundaries = smallvec![ps, lo, ps.saturating_sub(1), ps + 1];
    let mut ends: Boundaries = smallvec![pe, hi, pe - 1, pe + 1];
    for i in lo..hi {
        let w = a.word(i);
        if a.token(i).kind == TokenKind::Word {
            // Most tokens: only three words are boundaries.
            if w.len() <= 4 {
                if w.eq_ignore_ascii_case("that") {
                    starts.push(i + 1);
                } else if w.eq_ignore_ascii_case("and") || w.eq_ignore_ascii_case("but") {
                    ends.push(i);
                }
            }
            continue;
        }
        let quote = a.token(i).is_quote();
        let clause = matches!(w, "," | "—" | "–" | "-" | "--" | ":" | ";");
        if clause || quote {
            starts.push(i + 1);
        }
        if quote {
            starts.push(i);
        }
        if clause || quote || a.is_terminal(i) {
            ends.push(i);
        }
        if quote || a.is_terminal(i) {
            ends.push(i + 1);
        }
    }
    if let Some(cue) = &f.cue {
        starts.push(cue.end);
        ends.push(cue.start);
    }
    let nearest = |v: &mut Boundaries, at: usize, keep: &dyn Fn(usize) -> bool| {
        v.retain(|x| keep(*x));
        // The tagger's own boundary first (it is inside the room), then the nearest.
        if let Some(rest) = v.get_mut(1..) {
            rest.sort_by_key(|&x| (x.abs_diff(at), x));
        }
        let mut seen = Boundaries::new();
        for &x in v.iter() {
            if !seen.contains(&x) && seen.len() <= ALTERNATIVES {
                seen.push(x);
            }
        }
        *v = seen;
    };
    nearest(&mut starts, ps, &|x| x >= lo && x < hi);
    nearest(&mut ends, pe, &|x| x > lo && x <= hi);
    let mut out = Vec::with_capacity(starts.len() * ends.len() + 1);
    out.push(ps..pe);
    for &s in &starts {
        for &e in &ends {
            if s < e && (s, e) != (ps, pe) {
                out.push(s..e);
            }
        }
    }
    if f.droppable {
        out.push(ps..ps);
    }
    out
}

fn signed_bucket(d: isize) -> u64 {
    let b = match d.unsigned_abs() {
        0 => 0,
        1 => 1,
        2 => 2,
        3..=4 => 3,
        5..=8 => 4,
        9..=16 => 5,
        _ => 6,
    };
    if d < 0 {
        16 + b
    } else {
        b
    }
}

#[inline]
fn mix(a: u64, b: u64) -> u64 {
    (a.wrapping_mul(0xD6E8_FEB8_6659_FD93) ^ b).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29)
}

/// What the features read of the tokens around a fragment, computed once for all its
/// candidates: running counts from one token before its room to one after.
pub(crate) struct Local<'f> {
    /// The first token counted (one before the room, when there is one).
    base: usize,
    /// Word hash and part of speech per token of the article.
    words: &'f [(u64, u64)],
    /// Running sums from `base`, one entry a token in one buffer (four buffers were four
    /// allocations a fragment).
    sums: Vec<Counts>,
    sentence: Range<usize>,
}

/// The running sums before a token: quotation marks, lexicon cues, tagged tokens, and the
/// tagger's content probability.
#[derive(Clone, Copy)]
struct Counts {
    marks: u32,
    cues: u32,
    tagged: u32,
    probability: f32,
}

impl<'f> Local<'f> {
    /// The context of `f`'s candidates.
    pub(crate) fn new(a: &Analysis<'_>, f: &Fragment<'f>) -> Local<'f> {
        let n = a.tokens.len();
        let sentence = a.sentence(f.tokens.start);
        let base = f.room.start.saturating_sub(1);
        let last = (f.room.end + 1).min(n);
        let mut sums = Vec::with_capacity(last - base + 1);
        let mut counts = Counts { marks: 0, cues: 0, tagged: 0, probability: 0.0 };
        for i in base..last {
            sums.push(counts);
            counts.marks += u32::from(a.token(i).is_quote());
            counts.cues += u32::from(a.lexical_cue(i).is_some());
            counts.tagged += u32::from(f.tags[i] != Tag::O);
            counts.probability += probability(&f.emissions[i], &[Tag::BContent, Tag::IContent]);
        }
        sums.push(counts);
        Local { base, words: f.words, sums, sentence }
    }

    /// The word hash of token `i`, or a marker outside the fragment's sentence.
    fn word(&self, i: usize) -> u64 {
        match self.words.get(i) {
            Some(&(word, _)) if self.sentence.contains(&i) => word | 2,
            _ => 1,
        }
    }

    /// The part of speech of token `i`, or a marker outside the fragment's sentence.
    fn pos(&self, i: usize) -> u64 {
        match self.words.get(i) {
            Some(&(_, pos)) if self.sentence.contains(&i) => pos,
            _ => 99,
        }
    }

    /// The count that `field` reads of the sums over tokens `range` (clamped to what is
    /// described).
    fn count<T: Copy + std::ops::Sub<Output = T>>(
        &self,
        field: impl Fn(&Counts) -> T,
        range: Range<usize>,
    ) -> T {
        let sums = &self.sums;
        let at = |i: usize| field(&sums[i.saturating_sub(self.base).min(sums.len() - 1)]);
        at(range.end.max(range.start)) - at(range.start)
    }

    /// A bucket of the mean content probability over `ranges` (0 when they are empty).
    fn mean(&self, ranges: [Range<usize>; 2]) -> u64 {
        let len: usize = ranges.iter().map(|r| r.end.saturating_sub(r.start)).sum();
        if len == 0 {
            return 0;
        }
        let sum: f32 = ranges.into_iter().map(|r| self.count(|c| c.probability, r)).sum();
        1 + (sum / len as f32 * 5.0).clamp(0.0, 4.0) as u64
    }
}

/// The number of features of a candidate: one per template.
pub(crate) const FEATURES: usize = 27;

/// The hashed features of candidate `c` of `f`, as weight indices (those of [`dropped`]
/// for the empty candidate).
pub(crate) fn features(
    a: &Analysis<'_>,
    f: &Fragment<'_>,
    local: &Local<'_>,
    c: &Range<usize>,
) -> [u32; FEATURES] {
    let mut out = [0; FEATURES];
    let mask = (1u64 << RANKER_BITS) - 1;
    let mut push = |template: u64, value: u64| {
        out[template as usize - 1] = (mix(template.wrapping_add(0x51), value) & mask) as u32;
    };
    let sentence = &local.sentence;
    let word = |i: usize| local.word(i);
    let pos = |i: usize| local.pos(i);
    let (s, e) = (c.start, c.end);
    if s == e {
        return dropped(a, f, local);
    }
    let (ps, pe) = (f.tokens.start, f.tokens.end);
    let ds = signed_bucket(s as isize - ps as isize);
    let de = signed_bucket(e as isize - pe as isize);
    let before = s.checked_sub(1).map_or(1, word);
    let before_pos = s.checked_sub(1).map_or(99, pos);
    push(1, ds);
    push(2, de);
    push(3, ds * 64 + de);
    push(4, before);
    push(5, word(s));
    push(6, mix(before, word(s)));
    push(7, word(e - 1));
    push(8, word(e));
    push(9, mix(word(e - 1), word(e)));
    push(10, before_pos * 128 + pos(s));
    push(11, pos(e - 1) * 128 + pos(e));
    push(12, mix(ds, word(s)));
    push(13, mix(de, word(e - 1)));
    push(14, mix(de, word(e)));
    let len = e - s;
    push(15, signed_bucket(len as isize));
    push(16, u64::from(s == sentence.start) * 2 + u64::from(e + 1 >= sentence.end));
    // Where the cue is, and its word.
    let side = cue_side(f, c);
    push(17, side * 64 + ds);
    push(18, side * 64 + de);
    push(19, mix(cue_word(f), ds * 64 + de));
    // Quotation marks.
    let quoted = quoted_edges(a, c);
    push(20, marks(local, c) * 8 + quoted);
    push(21, u64::from(a.quote_at(s) == a.quote_at(e - 1)) * 4 + quoted);
    // The tagger's confidence in what the candidate gains and loses.
    let gained = [s..ps.min(e), pe.max(s)..e];
    let lost = [ps..s.min(pe), e.max(ps)..pe];
    push(22, local.mean(gained.clone()) * 8 + local.mean(lost));
    let tagged: u32 = gained.into_iter().map(|r| local.count(|c| c.tagged, r)).sum();
    push(23, u64::from(tagged.min(3)));
    // Reporting verbs the candidate takes in.
    let cues = u64::from(local.count(|c| c.cues, s..e));
    push(24, cues.min(3) * 8 + side);
    // How far the cue is, and what lies just outside the candidate.
    push(25, side * 64 + signed_bucket(cue_distance(f, c) as isize));
    push(26, roles_outside(f, c));
    push(27, mix(side, word(s)));
    out
}

/// Where `f`'s cue lies from the tokens `r`: 0 without a cue, 1 before them (2 right
/// before), 3 after or inside them (4 right after).
fn cue_side(f: &Fragment<'_>, r: &Range<usize>) -> u64 {
    match &f.cue {
        None => 0,
        Some(c) if c.end <= r.start => 1 + u64::from(c.end == r.start),
        Some(c) => 3 + u64::from(c.start == r.end),
    }
}

/// The tokens between `r` and `f`'s cue; 99 without a cue, or when they overlap.
fn cue_distance(f: &Fragment<'_>, r: &Range<usize>) -> usize {
    match &f.cue {
        Some(c) if c.end <= r.start => r.start - c.end,
        Some(c) if c.start >= r.end => c.start - r.end,
        _ => 99,
    }
}

/// The hash of the last word of `f`'s cue; 0 without a cue.
fn cue_word(f: &Fragment<'_>) -> u64 {
    f.cue.as_ref().and_then(|c| f.words.get(c.end - 1)).map_or(0, |w| w.0)
}

/// Whether the first and the last of the (non-empty) tokens `r` are quotation marks, as two
/// bits.
fn quoted_edges(a: &Analysis<'_>, r: &Range<usize>) -> u64 {
    u64::from(a.token(r.start).is_quote()) * 2 + u64::from(a.token(r.end - 1).is_quote())
}

/// The quotation marks inside `r`, at most 3.
fn marks(local: &Local<'_>, r: &Range<usize>) -> u64 {
    u64::from(local.count(|c| c.marks, r.clone())).min(3)
}

/// The roles tagged just before and just after `r` (7 beyond the text).
fn roles_outside(f: &Fragment<'_>, r: &Range<usize>) -> u64 {
    let role = |i: usize| f.tags.get(i).map_or(7, |t| u64::from(t.role()));
    r.start.checked_sub(1).map_or(7, role) * 8 + role(r.end)
}

/// What the templates of choosing no extent are mixed with.
const DROP_SALT: u64 = 0xD509;

/// The weight index of the bias of choosing no extent.
fn drop_bias() -> u32 {
    (mix(DROP_SALT, 0) & ((1u64 << RANKER_BITS) - 1)) as u32
}

/// The features of choosing no extent for `f`: what says that a tagged content is no one's.
/// The slots of the 27 that no template fills hold a bias, so that dropping has a price of
/// its own to learn.
fn dropped(a: &Analysis<'_>, f: &Fragment<'_>, local: &Local<'_>) -> [u32; FEATURES] {
    let mask = (1u64 << RANKER_BITS) - 1;
    let mut out = [drop_bias(); FEATURES];
    let mut push = |template: u64, value: u64| {
        out[template as usize] = (mix(DROP_SALT.wrapping_add(template), value) & mask) as u32;
    };
    let tokens = &f.tokens;
    let (s, e) = (tokens.start, tokens.end);
    let side = cue_side(f, tokens);
    let len = signed_bucket((e - s) as isize);
    let mean = local.mean([s..e, e..e]);
    let sentence = &local.sentence;
    push(1, side * 64 + marks(local, tokens) * 8 + quoted_edges(a, tokens));
    push(2, side * 64 + len);
    push(3, side * 64 + mean);
    push(4, local.word(s));
    push(5, local.word(e - 1));
    push(6, s.checked_sub(1).map_or(1, |i| local.word(i)));
    push(7, s.checked_sub(1).map_or(99, |i| local.pos(i)) * 128 + local.pos(s));
    push(8, side * 64 + signed_bucket(cue_distance(f, tokens) as isize));
    push(9, mix(cue_word(f), side));
    push(10, roles_outside(f, tokens));
    push(11, u64::from(s == sentence.start) * 2 + u64::from(e + 1 >= sentence.end));
    push(12, len * 8 + mean);
    out
}

impl SpanRanker {
    /// An untrained ranker.
    pub(crate) fn empty() -> SpanRanker {
        SpanRanker { weights: vec![0.0; 1 << RANKER_BITS] }
    }

    fn score(&self, features: &[u32]) -> f32 {
        features.iter().map(|&r| self.weights.get(r as usize).copied().unwrap_or(0.0)).sum()
    }

    /// Whether the ranker learnt to drop fragments: one trained before it could has no
    /// weight for it, and is not offered the choice.
    fn drops(&self) -> bool {
        self.weights.get(drop_bias() as usize).is_some_and(|&w| w != 0.0)
    }

    /// The best-scoring candidate for `f` (the tagger's own on ties), and its lead over the
    /// next best (infinite when there is no other).
    pub(crate) fn choose(&self, a: &Analysis<'_>, f: &Fragment<'_>) -> (Range<usize>, f32) {
        let mut best = (f32::NEG_INFINITY, f.tokens.clone());
        let mut second = f32::NEG_INFINITY;
        let mut candidates = candidates(a, f);
        if !self.drops() {
            candidates.retain(|c| !c.is_empty());
        }
        if candidates.len() < 2 {
            return (best.1, f32::INFINITY);
        }
        let local = Local::new(a, f);
        for c in candidates {
            let s = self.score(&features(a, f, &local, &c));
            if s > best.0 {
                second = best.0;
                best = (s, c);
            } else if s > second {
                second = s;
            }
        }
        (best.1, best.0 - second)
    }
}

/// One training fragment: each candidate's features, and which candidate is gold.
pub(crate) struct Sample {
    pub candidates: Vec<[u32; FEATURES]>,
    pub gold: usize,
}

/// Trains a ranker on `samples` for `epochs` passes in an order `shuffle` sets, averaged.
/// Every candidate but the gold one has `cost` added to its score while training, so that
/// updates go on until gold wins by that margin.
pub(crate) fn train_ranker(
    samples: &[Sample],
    epochs: usize,
    cost: f32,
    mut shuffle: impl FnMut(&mut [usize]),
) -> SpanRanker {
    let mut ranker = SpanRanker::empty();
    let mut acc = vec![0.0f64; ranker.weights.len()];
    let mut c = 1.0f64;
    let mut order: Vec<usize> = (0..samples.len()).collect();
    for _ in 0..epochs.max(1) {
        shuffle(&mut order);
        for &k in &order {
            let x = &samples[k];
            let mut best = (f32::NEG_INFINITY, 0);
            for (j, features) in x.candidates.iter().enumerate() {
                let s = ranker.score(features) + if j == x.gold { 0.0 } else { cost };
                if s > best.0 {
                    best = (s, j);
                }
            }
            if best.1 != x.gold {
                for (features, sign) in
                    [(&x.candidates[x.gold], 1.0), (&x.candidates[best.1], -1.0)]
                {
                    for &r in features {
                        ranker.weights[r as usize] += sign;
                        acc[r as usize] += sign as f64 * c;
                    }
                }
            }
            c += 1.0;
        }
    }
    for (w, a) in ranker.weights.iter_mut().zip(&acc) {
        *w = (f64::from(*w) - a / c) as f32;
    }
    ranker
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The candidates for the content `content` (a word sequence of `text`) with its
    /// sentence as its room, as text.
    fn candidate_texts(text: &str, content: &str) -> Vec<String> {
        let a = Analysis::new(text, &[]);
        let tokens = a.find_words(content).expect("the words are in the text");
        let tags = vec![Tag::O; a.tokens.len()];
        let emissions = vec![[0.0; STRIDE]; a.tokens.len()];
        let f = Fragment {
            room: a.sentence(tokens.start),
            droppable: false,
            tokens,
            cue: None,
            tags: &tags,
            emissions: &emissions,
            words: &[],
        };
        candidates(&a, &f).into_iter().map(|r| a.span(r).text(text).to_string()).collect()
    }

    #[test]
    fn candidates_end_at_clause_boundaries() {
        let got =
            candidate_texts("He said the plan failed, and the talks ended.", "the plan failed");
        assert_eq!(got[0], "the plan failed", "the tagger's own comes first");
        // One token on (the comma) and back, and from the word before.
        assert!(got.iter().any(|c| c == "the plan failed,"));
        assert!(got.iter().any(|c| c == "the plan"));
        assert!(got.iter().any(|c| c == "said the plan failed"));
        assert!(got.len() <= (ALTERNATIVES + 1) * (ALTERNATIVES + 1));
        assert!(got.iter().all(|c| !c.is_empty()));
        let mut unique = got.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), got.len(), "no candidate twice");
    }

    #[test]
    fn a_droppable_fragment_may_have_no_extent() {
        let text = "On Monday, he said, the plan failed.";
        let a = Analysis::new(text, &[]);
        let tokens = a.find_words("On Monday").expect("the words are in the text");
        let tags = vec![Tag::O; a.tokens.len()];
        let emissions = vec![[0.0; STRIDE]; a.tokens.len()];
        let mut f = Fragment {
            room: a.sentence(tokens.start),
            droppable: false,
            tokens: tokens.clone(),
            cue: None,
            tags: &tags,
            emissions: &emissions,
            words: &[],
        };
        assert!(candidates(&a, &f).iter().all(|c| !c.is_empty()));
        f.droppable = true;
        let all = candidates(&a, &f);
        assert_eq!(all.last(), Some(&(tokens.start..tokens.start)), "no extent comes last");
        assert_eq!(all.iter().filter(|c| c.is_empty()).count(), 1);
        // Its features are its own, not those of any extent.
        let local = Local::new(&a, &f);
        let features: Vec<_> = all.iter().map(|c| features(&a, &f, &local, c)).collect();
        let last = features.last().expect("one candidate at least");
        assert!(features[..features.len() - 1].iter().all(|x| x != last));
        // A ranker that never learnt to drop (a model file older than the choice) keeps it.
        assert!(!SpanRanker::empty().choose(&a, &f).0.is_empty());
    }

    #[test]
    fn the_ranker_learns_to_prefer_a_candidate() {
        // Two candidates with disjoint features; the second is gold.
        let samples: Vec<Sample> = (0..5)
            .map(|_| Sample { candidates: vec![[1; FEATURES], [3; FEATURES]], gold: 1 })
            .collect();
        let ranker = train_ranker(&samples, 3, 0.0, |_| {});
        assert!(ranker.score(&[3; FEATURES]) > ranker.score(&[1; FEATURES]));
    }

    #[test]
    fn a_cost_makes_the_ranker_learn_a_margin() {
        // Untrained, both candidates score zero and the first, gold, wins the tie: without a
        // cost nothing is learnt, with one gold is made to win.
        let samples = [Sample { candidates: vec![[3; FEATURES], [1; FEATURES]], gold: 0 }];
        let plain = train_ranker(&samples, 3, 0.0, |_| {});
        assert_eq!(plain.score(&[3; FEATURES]), plain.score(&[1; FEATURES]));
        let ranker = train_ranker(&samples, 3, 20.0, |_| {});
        assert!(ranker.score(&[3; FEATURES]) > ranker.score(&[1; FEATURES]));
    }
}
