//! Learning the salience weights ([`super::salience`]) from speaker gold.
//!
//! Every gold mention that the resolver treats as a personal pronoun (`he`, `they`, `it`) is
//! resolved in its article, and the candidates it was resolved among are kept with their
//! features; a candidate is right when its name matches the gold speaker (or, for a gold
//! speaker that is never named, when it is an unnamed source of the gold kind). An averaged
//! ranking perceptron then learns weights under which a right candidate outscores the wrong
//! ones. The candidates' features depend on the earlier decisions in the article, so
//! training may run in rounds: each traces the articles again with the weights the round
//! before learnt. Everything runs in a fixed order with a fixed shuffle, so the same gold
//! gives the same weights, bit for bit.

use super::salience::{Choice, Features, Referent, Weights, FEATURES, HAND_TERMS};
use crate::eval::speakers::{
    byte_span, judge, names_match, MentionClass, SpeakerEvaluation, SpeakerGold, SpeakerReport,
};
use crate::{Extraction, Extractor, Span};

/// One article of speaker gold, extracted once.
#[derive(Debug)]
pub struct GoldArticle {
    /// The article's text.
    pub text: String,
    /// The extractor's output for it, whose attributions give the mentions their content.
    pub extraction: Extraction,
    /// The article's gold rows, in file order.
    pub rows: Vec<SpeakerGold>,
    spans: Vec<Span>,
}

impl GoldArticle {
    /// Extracts `text` with `extractor` and keeps its gold `rows`.
    pub fn new(extractor: &Extractor, text: String, rows: Vec<SpeakerGold>) -> GoldArticle {
        let extraction = extractor.extract(&text);
        let spans =
            rows.iter().map(|r| byte_span(&text, r.start, r.end).unwrap_or_default()).collect();
        GoldArticle { text, extraction, rows, spans }
    }

    fn trace(&self, extractor: &Extractor, weights: &Weights) -> (super::Resolution, Vec<Choice>) {
        extractor.trace_sources(&self.text, &self.extraction, &self.spans, weights)
    }
}

/// How to learn.
#[derive(Clone, Debug)]
pub struct LearnOptions {
    /// Passes over the instances in each round.
    pub epochs: usize,
    /// Rounds of tracing and training (see the module docs).
    pub rounds: usize,
    /// Start from the hand-chosen weights instead of zero.
    pub from_hand: bool,
    /// Also learn from pronouns whose gold speaker is never named.
    pub unnamed: bool,
    /// Update when the best right candidate does not beat the best wrong one by this much.
    pub margin: f32,
    /// Learn a logistic ranker with this L2 penalty instead of the perceptron.
    pub logistic: Option<f32>,
    /// Learn only the weights of the hand score's seven terms.
    pub hand_terms_only: bool,
}

impl Default for LearnOptions {
    fn default() -> Self {
        LearnOptions {
            epochs: 20,
            rounds: 2,
            from_hand: false,
            unnamed: true,
            margin: 0.0,
            logistic: None,
            hand_terms_only: false,
        }
    }
}

/// One pronoun's candidates: features, and whether each is right.
#[derive(Clone, Debug)]
pub struct Instance {
    /// Each candidate's features.
    pub features: Vec<Features>,
    /// Whether each candidate is the gold speaker.
    pub right: Vec<bool>,
}

/// Whether a candidate is what the gold row says the mention refers to.
fn is_right(row: &SpeakerGold, referent: &Referent) -> bool {
    match (&row.speaker, referent) {
        (Some(gold), Referent::Named(name)) => names_match(name, gold),
        (None, Referent::Unnamed(kind)) => *kind == row.kind,
        _ => false,
    }
}

/// The instances of `articles` traced with `weights`: every pronoun with at least one right
/// and one wrong candidate.
pub fn instances(
    extractor: &Extractor,
    articles: &[&GoldArticle],
    weights: &Weights,
    options: &LearnOptions,
) -> Vec<Instance> {
    let mut out = Vec::new();
    for article in articles {
        let (_, choices) = article.trace(extractor, weights);
        for choice in choices {
            let Some(row) = article.rows.get(choice.query) else { continue };
            if row.speaker.is_none() && !options.unnamed {
                continue;
            }
            let right: Vec<bool> =
                choice.candidates.iter().map(|(r, _)| is_right(row, r)).collect();
            if right.iter().any(|&r| r) && right.iter().any(|&r| !r) {
                let features = choice.candidates.into_iter().map(|(_, f)| f).collect();
                out.push(Instance { features, right });
            }
        }
    }
    out
}

/// The share of `instances` whose top candidate under `weights` is right, and their number.
pub fn ranked_right(instances: &[Instance], weights: &Weights) -> (usize, usize) {
    let right = instances
        .iter()
        .filter(|inst| {
            let mut best: Option<(f32, usize)> = None;
            for (i, f) in inst.features.iter().enumerate() {
                let s = weights.score(f, 0.0);
                if best.is_none_or(|(b, _)| s > b) {
                    best = Some((s, i));
                }
            }
            best.is_some_and(|(_, i)| inst.right[i])
        })
        .count();
    (right, instances.len())
}

/// Of the gold rows of class pronoun in `articles`: how many the resolver ranked candidates
/// for by salience, how many of those had a right candidate, and how many had a wrong one
/// too.
pub fn coverage(
    extractor: &Extractor,
    articles: &[&GoldArticle],
    weights: &Weights,
) -> (usize, usize, usize, usize) {
    let (mut rows, mut traced, mut with_right, mut both) = (0, 0, 0, 0);
    for article in articles {
        rows += article.rows.iter().filter(|r| r.class == MentionClass::Pronoun).count();
        let (_, choices) = article.trace(extractor, weights);
        for choice in choices {
            let Some(row) = article.rows.get(choice.query) else { continue };
            if row.class != MentionClass::Pronoun {
                continue;
            }
            traced += 1;
            let right = choice.candidates.iter().filter(|(r, _)| is_right(row, r)).count();
            with_right += usize::from(right > 0);
            both += usize::from(right > 0 && right < choice.candidates.len());
        }
    }
    (rows, traced, with_right, both)
}

/// Where the gold pronoun rows of a set go, with `weights`: how many are right, and of the
/// wrong ones, why.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PronounBreakdown {
    /// Rows of class pronoun.
    pub rows: usize,
    /// Of those, resolved right.
    pub right: usize,
    /// Wrong, resolved otherwise than by salience: a relative pronoun (`who`, `which`, `that`).
    pub wrong_relative: usize,
    /// Wrong, resolved otherwise than by salience: anything else (`I`, `we`, `you`).
    pub wrong_other: usize,
    /// Wrong, ranked by salience, with no right candidate, though an entity of the gold name
    /// exists in the article (it did not fit, or was too far back).
    pub wrong_entity_left_out: usize,
    /// Wrong, ranked by salience, and no entity of the article has the gold name.
    pub wrong_no_entity: usize,
    /// Wrong, ranked by salience with a right candidate among the candidates.
    pub wrong_ranking: usize,
}

/// The [`PronounBreakdown`] of `articles`.
pub fn pronoun_breakdown(
    extractor: &Extractor,
    articles: &[&GoldArticle],
    weights: &Weights,
) -> PronounBreakdown {
    let mut b = PronounBreakdown::default();
    for article in articles {
        let (given, choices) = article.trace(extractor, weights);
        for (q, row) in article.rows.iter().enumerate() {
            if row.class != MentionClass::Pronoun {
                continue;
            }
            b.rows += 1;
            if given.speakers.get(q).is_some_and(|s| judge(row, s, &given.entities)) {
                b.right += 1;
                continue;
            }
            match choices.iter().find(|c| c.query == q) {
                None if matches!(
                    row.mention.to_lowercase().as_str(),
                    "who" | "whom" | "which" | "that"
                ) =>
                {
                    b.wrong_relative += 1
                }
                None => b.wrong_other += 1,
                Some(c) if c.candidates.iter().any(|(r, _)| is_right(row, r)) => {
                    b.wrong_ranking += 1
                }
                Some(_) => {
                    let exists = row.speaker.as_deref().is_some_and(|gold| {
                        given.entities.iter().any(|e| e.named && names_match(&e.name, gold))
                    });
                    if exists {
                        b.wrong_entity_left_out += 1;
                    } else {
                        b.wrong_no_entity += 1;
                    }
                }
            }
        }
    }
    b
}

/// Learns weights from `articles`.
pub fn learn(extractor: &Extractor, articles: &[&GoldArticle], options: &LearnOptions) -> Weights {
    let start = if options.from_hand { Weights::hand() } else { Weights([0.0; FEATURES]) };
    let mut weights = Weights::hand();
    for _ in 0..options.rounds.max(1) {
        let mut found = instances(extractor, articles, &weights, options);
        if options.hand_terms_only {
            for f in found.iter_mut().flat_map(|i| i.features.iter_mut()) {
                f.0[HAND_TERMS..].fill(0.0);
            }
        }
        weights = match options.logistic {
            Some(l2) => train_logistic(&found, &start, l2),
            None => train(&found, &start, options),
        };
    }
    weights
}

/// An averaged ranking perceptron over `instances`, from `start`; the weights rounded to
/// four decimals, as the weight file holds them.
pub fn train(instances: &[Instance], start: &Weights, options: &LearnOptions) -> Weights {
    let mut w: [f64; FEATURES] = start.0.map(f64::from);
    let mut sum = [0.0f64; FEATURES];
    let mut steps = 0u64;
    let mut order: Vec<usize> = (0..instances.len()).collect();
    let mut rng = 0x9e37_79b9_7f4a_7c15u64;
    let score = |w: &[f64; FEATURES], f: &Features| -> f64 {
        w.iter().zip(&f.0).map(|(w, &x)| w * f64::from(x)).sum()
    };
    for _ in 0..options.epochs {
        // A Fisher–Yates shuffle by a fixed xorshift sequence.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &n in &order {
            let inst = &instances[n];
            let best = |right: bool| {
                let mut best: Option<(f64, usize)> = None;
                for (i, f) in
                    inst.features.iter().enumerate().filter(|(i, _)| inst.right[*i] == right)
                {
                    let s = score(&w, f);
                    if best.is_none_or(|(b, _)| s > b) {
                        best = Some((s, i));
                    }
                }
                best
            };
            if let (Some((good, g)), Some((bad, b))) = (best(true), best(false)) {
                if good - bad <= f64::from(options.margin) {
                    for (k, wk) in w.iter_mut().enumerate() {
                        *wk += f64::from(inst.features[g].0[k]) - f64::from(inst.features[b].0[k]);
                    }
                }
            }
            for (s, wk) in sum.iter_mut().zip(&w) {
                *s += wk;
            }
            steps += 1;
        }
    }
    if steps == 0 {
        return start.clone();
    }
    Weights(sum.map(|s| ((s / steps as f64 * 10_000.0).round() / 10_000.0) as f32))
}

/// A logistic ranker over `instances`, from `start`: full-batch gradient descent on the
/// log of the probability a softmax over each pronoun's candidates gives its right ones,
/// with an L2 penalty of `l2` on the distance from `start`; rounded as [`train`] rounds.
pub fn train_logistic(instances: &[Instance], start: &Weights, l2: f32) -> Weights {
    const STEPS: usize = 1000;
    const RATE: f64 = 0.5;
    let origin: [f64; FEATURES] = start.0.map(f64::from);
    let mut w = origin;
    let n = instances.len().max(1) as f64;
    let mut gradient = [0.0f64; FEATURES];
    let mut scores: Vec<f64> = Vec::new();
    for _ in 0..STEPS {
        gradient.fill(0.0);
        for inst in instances {
            scores.clear();
            scores.extend(
                inst.features
                    .iter()
                    .map(|f| w.iter().zip(&f.0).map(|(w, &x)| w * f64::from(x)).sum::<f64>()),
            );
            let top = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let mut all = 0.0;
            let mut right = 0.0;
            for (s, &r) in scores.iter_mut().zip(&inst.right) {
                *s = (*s - top).exp();
                all += *s;
                if r {
                    right += *s;
                }
            }
            // d/dw of −log(right/all) = E_all[x] − E_right[x].
            for (i, f) in inst.features.iter().enumerate() {
                let mut coefficient = scores[i] / all;
                if inst.right[i] {
                    coefficient -= scores[i] / right;
                }
                for (g, &x) in gradient.iter_mut().zip(&f.0) {
                    *g += coefficient * f64::from(x);
                }
            }
        }
        for k in 0..FEATURES {
            let g = gradient[k] / n + f64::from(l2) * (w[k] - origin[k]);
            w[k] -= RATE * g;
        }
    }
    Weights(w.map(|x| ((x * 10_000.0).round() / 10_000.0) as f32))
}

/// The given-mention speaker scores of `articles` with pronouns scored by `weights`.
pub fn score(extractor: &Extractor, articles: &[&GoldArticle], weights: &Weights) -> SpeakerReport {
    let mut evaluation = SpeakerEvaluation::new();
    for article in articles {
        let (given, _) = article.trace(extractor, weights);
        let rows: Vec<&SpeakerGold> = article.rows.iter().collect();
        evaluation.add(&rows, (&[], &[]), (&given.speakers, &given.entities));
    }
    evaluation.report()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(x: &[(usize, f32)]) -> Features {
        let mut f = [0.0; FEATURES];
        for &(i, v) in x {
            f[i] = v;
        }
        Features(f)
    }

    #[test]
    fn training_learns_to_rank_the_right_candidate_first() {
        // The right candidate is always the quoted source, never the nearer one.
        let inst = |d: f32| Instance {
            features: vec![features(&[(0, d + 1.0), (1, 1.0)]), features(&[(0, d)])],
            right: vec![true, false],
        };
        let instances: Vec<Instance> = (0..5).map(|d| inst(d as f32)).collect();
        let options = LearnOptions::default();
        let w = train(&instances, &Weights([0.0; FEATURES]), &options);
        for i in &instances {
            assert!(w.score(&i.features[0], 0.0) > w.score(&i.features[1], 0.0));
        }
        assert_eq!(train(&instances, &Weights([0.0; FEATURES]), &options), w);
    }
}
