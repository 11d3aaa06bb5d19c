//! The score that ranks a pronoun's candidate antecedents: a weighted sum of features of the
//! candidate's latest mention and of the candidate set.
//!
//! The first seven features are the terms of the hand-chosen score (−1 per sentence of
//! distance, +1 for a quoted source, +0.5 for a subject, −0.5 for a mention inside reported
//! content, 0.4·ln(1 + mentions), −2 for an unnamed individual, +1.5 for an unnamed group
//! when the pronoun is `they`); [`Weights::hand`] gives them those weights and every other
//! feature none. The built-in weights ([`Weights::builtin`]) are learnt from the speaker gold
//! of PolNeAR train articles by [`super::learn`], and read from
//! `crates/sayso/data/salience.tsv`.

use std::fmt::Write as _;
use std::sync::OnceLock;

use smallvec::SmallVec;

use super::coref::{Cluster, Event, Wants};
use crate::attribute::Analysis;
use crate::SpeakerKind;

/// How many features a candidate has.
pub const FEATURES: usize = 34;

/// The features' names, as the weight file writes them.
pub const NAMES: [&str; FEATURES] = [
    "distance",
    "source",
    "subject",
    "reported",
    "log_mentions",
    "unnamed_for_person",
    "unnamed_group_for_they",
    "same_sentence",
    "previous_sentence",
    "distance_2",
    "distance_3_to_5",
    "distance_6_or_more",
    "nearest",
    "second_nearest",
    "most_mentioned",
    "latest_source",
    "gender_told",
    "organisation",
    "unnamed",
    "in_headline",
    "source_for_quoted_pronoun",
    "subject_for_quoted_pronoun",
    "same_paragraph",
    "log_sources",
    "subject_in_same_sentence",
    "source_within_a_sentence",
    "relative",
    "full_name",
    "source_for_they",
    "log_mentions_for_they",
    "log_sentences_since_first",
    "log_recent_mentions",
    "quoted",
    "source_for_it",
];

/// The index of the frequency term, which the hand score adds together with a caller's
/// bonus (see [`Weights::score`]).
const LOG_MENTIONS: usize = 4;

/// How many features the hand score has: the first ones.
pub const HAND_TERMS: usize = 7;

/// The hand-chosen weights of the first features.
const HAND: [f32; HAND_TERMS] = [-1.0, 1.0, 0.5, -0.5, 0.4, -2.0, 1.5];

/// The hand-chosen weights, which descriptions still use.
pub const HAND_WEIGHTS: Weights = Weights::hand();

/// What a candidate antecedent is, as the gold can judge it.
#[derive(Clone, Debug, PartialEq)]
pub enum Referent {
    /// A named entity, by its canonical name.
    Named(String),
    /// An unnamed source, by its kind.
    Unnamed(SpeakerKind),
}

/// The candidates a pronoun source was resolved among, for learning the weights.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// The query (source mention) resolved.
    pub query: usize,
    /// Each candidate: what it is and its features.
    pub candidates: Vec<(Referent, Features)>,
}

/// One candidate's feature values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Features(pub [f32; FEATURES]);

/// A weight per feature.
#[derive(Clone, Debug, PartialEq)]
pub struct Weights(pub [f32; FEATURES]);

/// Why a weight file could not be read.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum WeightsError {
    /// A line is not `name<TAB>weight`.
    #[error("line {0}: expected a feature name, a tab and a weight")]
    Malformed(usize),
    /// A feature the code does not know.
    #[error("line {0}: unknown feature `{1}`")]
    Unknown(usize, String),
    /// A feature given twice, or one missing.
    #[error("the file must give every feature exactly once")]
    Incomplete,
}

impl Weights {
    /// The hand-chosen score.
    pub const fn hand() -> Weights {
        let mut w = [0.0; FEATURES];
        let mut i = 0;
        while i < HAND.len() {
            w[i] = HAND[i];
            i += 1;
        }
        Weights(w)
    }

    /// The weights built into the crate, learnt from gold; the hand-chosen ones if the
    /// embedded file could not be read (a test checks that it can).
    pub fn builtin() -> &'static Weights {
        static BUILTIN: OnceLock<Weights> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Weights::parse(include_str!("../../data/salience.tsv"))
                .unwrap_or_else(|_| Weights::hand())
        })
    }

    /// Reads `name<TAB>weight` lines; `#` opens a comment line.
    pub fn parse(text: &str) -> Result<Weights, WeightsError> {
        let mut w = [0.0; FEATURES];
        let mut seen = [false; FEATURES];
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, value) = line.split_once('\t').ok_or(WeightsError::Malformed(n + 1))?;
            let value: f32 = value.trim().parse().map_err(|_| WeightsError::Malformed(n + 1))?;
            let i = NAMES
                .iter()
                .position(|&x| x == name)
                .ok_or_else(|| WeightsError::Unknown(n + 1, name.to_string()))?;
            if seen[i] {
                return Err(WeightsError::Incomplete);
            }
            seen[i] = true;
            w[i] = value;
        }
        if seen.iter().any(|&s| !s) {
            return Err(WeightsError::Incomplete);
        }
        Ok(Weights(w))
    }

    /// The weight file: a comment line, then one `name<TAB>weight` line per feature, the
    /// weight with four decimals, so that the same weights always give the same bytes.
    pub fn to_tsv(&self, comment: &str) -> String {
        let mut out = String::new();
        for line in comment.lines() {
            let _ = writeln!(out, "# {line}");
        }
        for (name, w) in NAMES.iter().zip(&self.0) {
            // `-0.0000` and `0.0000` are the same weight: one spelling.
            let w = if w.abs() < 0.00005 { 0.0 } else { *w };
            let _ = writeln!(out, "{name}\t{w:.4}");
        }
        out
    }

    /// True when some feature beyond the hand score's terms has a weight.
    pub fn uses_more_than_hand_terms(&self) -> bool {
        self.0[HAND_TERMS..].iter().any(|&w| w != 0.0)
    }

    /// [`Weights::score`] of a candidate whose features beyond the hand score's terms are
    /// all zero, or whose weights are.
    pub fn score_hand_terms(&self, x: &[f32; HAND_TERMS], bonus: f32) -> f32 {
        ordered_sum(&self.0[..HAND_TERMS], x, bonus)
    }

    /// The score of a candidate with `features`, plus a caller's `bonus`. The terms are added
    /// in the hand score's order, the bonus with the frequency term, so that
    /// [`Weights::hand`] gives exactly the score it always gave.
    pub fn score(&self, f: &Features, bonus: f32) -> f32 {
        ordered_sum(&self.0, &f.0, bonus)
    }
}

/// `Σ w·x` in order, `bonus` added with the frequency term (see [`Weights::score`]).
fn ordered_sum(w: &[f32], x: &[f32], bonus: f32) -> f32 {
    let mut s = 0.0;
    for (k, (w, x)) in w.iter().zip(x).enumerate() {
        s += if k == LOG_MENTIONS { w * x + bonus } else { w * x };
    }
    s
}

/// A cluster that fits a pronoun, with its latest mention before it.
#[derive(Clone, Copy, Debug)]
pub struct Candidate {
    /// The cluster.
    pub cluster: usize,
    /// Its latest usable mention.
    pub event: Event,
    /// False for an unnamed source (`a source`, `critics`).
    pub named: bool,
    /// An unnamed plural (`sources`).
    pub plural: bool,
}

/// What the features of one candidate need to know of the others, found once per mention.
#[derive(Clone, Debug)]
pub struct CandidateSet {
    /// The mention's sentence.
    sentence: usize,
    /// Whether the mention stands inside a quotation.
    quoted: bool,
    /// Each candidate's latest source event before the mention (its token), if any.
    last_source: SmallVec<[Option<usize>; 8]>,
    /// The latest of those.
    latest_source: Option<usize>,
    /// The most events any candidate has.
    most_events: usize,
}

impl CandidateSet {
    /// The summary of `candidates` for a mention at token `p`.
    pub fn new(
        a: &Analysis<'_>,
        clusters: &[Cluster],
        candidates: &[Candidate],
        p: usize,
    ) -> CandidateSet {
        let last_source: SmallVec<[Option<usize>; 8]> = candidates
            .iter()
            .map(|c| {
                let events = &clusters[c.cluster].events;
                let end = events.partition_point(|x| x.token < p);
                events[..end].iter().rev().find(|x| x.source).map(|x| x.token)
            })
            .collect();
        CandidateSet {
            sentence: a.segments.sentence_of[p] as usize,
            quoted: a.quote_at(p).is_some(),
            latest_source: last_source.iter().copied().max().flatten(),
            last_source,
            most_events: candidates
                .iter()
                .map(|c| clusters[c.cluster].events.len())
                .max()
                .unwrap_or(0),
        }
    }
}

/// The hand score's terms for a candidate, for a mention in sentence `sentence` wanting
/// `wants`.
pub fn hand_terms(
    clusters: &[Cluster],
    c: &Candidate,
    sentence: usize,
    wants: Wants,
) -> [f32; HAND_TERMS] {
    let e = c.event;
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    [
        sentence.saturating_sub(e.sentence) as f32,
        flag(e.source),
        flag(e.first_in_sentence),
        flag(e.reported && !e.source),
        ((1 + clusters[c.cluster].events.len()) as f32).ln(),
        flag(!c.named && matches!(wants, Wants::Person(_))),
        flag(wants == Wants::Plural && !c.named && c.plural),
    ]
}

/// The features of candidate `i` of `candidates` (summed up in `set`), for a mention at
/// token `p` wanting `wants`.
pub fn features(
    a: &Analysis<'_>,
    clusters: &[Cluster],
    candidates: &[Candidate],
    set: &CandidateSet,
    i: usize,
    p: usize,
    wants: Wants,
) -> Features {
    let sentence = set.sentence;
    let c = &candidates[i];
    let cluster = &clusters[c.cluster];
    let e = c.event;
    let distance = sentence.saturating_sub(e.sentence);
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    let plural = wants == Wants::Plural;
    let log_mentions = ((1 + cluster.events.len()) as f32).ln();
    let mut x = [0.0; FEATURES];
    x[..HAND_TERMS].copy_from_slice(&hand_terms(clusters, c, sentence, wants));
    // Rank by recency among the candidates: how many have a later latest mention.
    let later = candidates.iter().filter(|o| o.event.token > e.token).count();
    let before = &cluster.events[..cluster.events.partition_point(|x| x.token < p)];
    let sources = before.iter().filter(|x| x.source).count();
    let first = cluster.events.first().map_or(sentence, |x| x.sentence);
    let recent = before.iter().rev().take_while(|x| x.sentence + 3 >= sentence).count();
    let sentences = &a.segments.sentences;
    let same_paragraph = sentences.get(e.sentence).map(|s| s.paragraph)
        == sentences.get(sentence).map(|s| s.paragraph);
    let gender_told = matches!(wants, Wants::Person(Some(g)) if cluster.gender == Some(g));
    x[HAND_TERMS..].copy_from_slice(&[
        // Distance buckets.
        flag(distance == 0),
        flag(distance == 1),
        flag(distance == 2),
        flag((3..=5).contains(&distance)),
        flag(distance >= 6),
        // The candidate set.
        flag(later == 0),
        flag(later == 1),
        flag(cluster.events.len() == set.most_events),
        flag(set.last_source[i].is_some() && set.last_source[i] == set.latest_source),
        // The candidate.
        flag(gender_told),
        flag(c.named && cluster.is_organisation()),
        flag(!c.named),
        flag(cluster.events.first().is_some_and(|x| x.sentence == 0)),
        flag(set.quoted && e.source),
        flag(set.quoted && e.first_in_sentence),
        flag(same_paragraph),
        ((1 + sources) as f32).ln(),
        flag(distance == 0 && e.first_in_sentence),
        flag(e.source && distance <= 1),
        flag(cluster.relative),
        flag(c.named && cluster.words.len() > 1),
        flag(plural && e.source),
        if plural { log_mentions } else { 0.0 },
        ((1 + sentence.saturating_sub(first)) as f32).ln(),
        ((1 + recent) as f32).ln(),
        flag(e.quoted),
        flag(wants == Wants::Thing && e.source),
    ]);
    Features(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_weights_load() {
        let text = include_str!("../../data/salience.tsv");
        let parsed = Weights::parse(text).expect("the built-in weight file reads");
        assert_eq!(&parsed, Weights::builtin());
    }

    #[test]
    fn weights_read_back_what_they_write() {
        let w = Weights::hand();
        assert_eq!(Weights::parse(&w.to_tsv("hand")), Ok(w));
    }

    #[test]
    fn bad_weight_files_are_refused() {
        let hand = Weights::hand().to_tsv("");
        assert_eq!(Weights::parse("distance 1\n"), Err(WeightsError::Malformed(1)));
        assert_eq!(
            Weights::parse(&format!("{hand}nearness\t1\n")),
            Err(WeightsError::Unknown(FEATURES + 1, "nearness".into()))
        );
        assert_eq!(Weights::parse(&format!("{hand}source\t1\n")), Err(WeightsError::Incomplete));
        assert_eq!(Weights::parse("source\t1\n"), Err(WeightsError::Incomplete));
    }
}
