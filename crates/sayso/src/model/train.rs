//! Training: gold spans to tags, and the averaged structured perceptron.

use std::ops::Range;

use crate::attribute::{attribute, Analysis};
use crate::clean::boilerplate;
use crate::eval::GoldAttribution;
use crate::Span;

use rustc_hash::FxHashMap;

use crate::text::TokenKind;

use super::decode::{self, CONFIDENCE_FEATURES};
use super::features::{pair_hash, stem_key, word_hash, RoleCounts};
use super::isotonic::Isotonic;
use super::spans;
use super::{Features, Model, RoleWords, Tag, Tagger, STRIDE, TAGS};

/// One training article: its features and its gold tags.
#[derive(Clone, Debug)]
pub struct Example {
    /// The article's features, hashed for the model's table size.
    pub features: Features,
    /// One gold tag per token.
    pub gold: Vec<Tag>,
}

/// How many gold fragments fall on token boundaries (the rest cannot be learnt exactly).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Alignment {
    /// Gold fragments seen.
    pub fragments: usize,
    /// Of those, the ones whose start and end are token boundaries.
    pub aligned: usize,
}

/// The gold tag of every token of `a`, from gold attributions; counts alignment.
pub fn gold_tags(
    a: &Analysis<'_>,
    gold: &[GoldAttribution],
    sequences: &[Range<usize>],
    alignment: &mut Alignment,
) -> Vec<Tag> {
    let n = a.tokens.len();
    let mut tags = vec![Tag::O; n];
    let mut mark = |span: Span, begin: Tag, inside: Tag| {
        let span = span.trim(a.text);
        if span.is_empty() {
            return;
        }
        alignment.fragments += 1;
        let first = a.tokens.partition_point(|t| t.span.end <= span.start);
        let starts = a.tokens.get(first).is_some_and(|t| t.span.start == span.start);
        let mut last = None;
        let mut began = false;
        for (i, tag) in tags.iter_mut().enumerate().skip(first) {
            let t = a.tokens[i].span;
            if t.start >= span.end {
                break;
            }
            last = Some(i);
            if t.end <= span.end && *tag == Tag::O {
                *tag = if began { inside } else { begin };
                began = true;
            }
        }
        if starts && last.is_some_and(|l| a.tokens[l].span.end == span.end) {
            alignment.aligned += 1;
        }
    };
    for g in gold {
        for &s in &g.content {
            mark(s, Tag::BContent, Tag::IContent);
        }
        for &s in &g.cue {
            mark(s, Tag::BCue, Tag::ICue);
        }
        for &s in &g.source {
            mark(s, Tag::BSource, Tag::ISource);
        }
    }
    // A span running over a paragraph break begins again in the next paragraph.
    for r in sequences {
        if let Some(t) = tags.get_mut(r.start) {
            *t = match *t {
                Tag::ISource => Tag::BSource,
                Tag::ICue => Tag::BCue,
                Tag::IContent => Tag::BContent,
                other => other,
            };
        }
    }
    tags
}

/// How training is run.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Passes over the training data, for each first-stage tagger (and the content
    /// boundary ranker).
    pub epochs: usize,
    /// Passes over the training data, for each second-stage tagger (the second tagger and
    /// the calibration's): with 83 rows a token against the first stage's 58, it keeps
    /// gaining after the first stage has stopped (docs/model.md, thirteenth session).
    pub second_epochs: usize,
    /// Seed of the order in which sequences are visited.
    pub seed: u64,
    /// log2 of the number of weight rows.
    pub bits: u32,
    /// Folds for the first tagger's held-out tags that train the second tagger; below 2,
    /// no second tagger is trained.
    pub folds: usize,
    /// Threads for analysing articles and for training averaged taggers side by side.
    pub threads: usize,
    /// Taggers trained for each stage, each visiting the data in its own seeded order, whose
    /// weights are averaged into the one kept: less dependent on the order of one run.
    pub average: usize,
    /// How wrong tags cost in training ([`Costs::NONE`]: the plain perceptron).
    pub costs: Costs,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 15,
            second_epochs: 25,
            seed: 1,
            bits: 17,
            folds: 4,
            threads: 1,
            average: 5,
            costs: Costs::default(),
        }
    }
}

/// What an epoch did.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    /// Which tagger is being trained: `"fold 2/4"`, `"first"` or `"second"`.
    pub stage: &'static str,
    /// The epoch just finished, from 1.
    pub epoch: usize,
    /// The epochs this tagger trains for.
    pub epochs: usize,
    /// Tokens tagged wrong during the epoch (before the update that followed), by the
    /// decoding with [`Costs`] added, so tokens right by less than the cost count too.
    pub mistakes: usize,
    /// Tokens seen during the epoch.
    pub tokens: usize,
}

/// A gold article to train on.
#[derive(Clone, Debug)]
pub struct Document {
    /// The article's text.
    pub text: String,
    /// Its gold attributions.
    pub gold: Vec<GoldAttribution>,
}

const FOLD_NAMES: [&str; 10] = [
    "fold 1", "fold 2", "fold 3", "fold 4", "fold 5", "fold 6", "fold 7", "fold 8", "fold 9",
    "fold 10",
];

/// Trains a model on `documents`. After each epoch `on_epoch` gets the progress and, for
/// the final taggers, the model so far (with averaged weights) to score if it wants.
pub fn train(
    documents: &[Document],
    options: &TrainOptions,
    mut on_epoch: impl FnMut(&Progress, Option<&Model>),
    alignment: &mut Alignment,
) -> Model {
    let role_words = learn_role_words(documents);
    let first_examples = examples(documents, None, &role_words, options, alignment);
    let mut priors: Vec<Vec<Tag>> = vec![Vec::new(); documents.len()];
    let folds = options.folds.min(FOLD_NAMES.len());
    let mut fold_taggers = Vec::new();
    if folds >= 2 {
        for (k, name) in FOLD_NAMES.iter().enumerate().take(folds) {
            let training: Vec<&Example> = first_examples
                .iter()
                .enumerate()
                .filter(|(d, _)| d % folds != k)
                .map(|(_, x)| x)
                .collect();
            let tagger = train_tagger(&training, options, name, &mut |p, _| on_epoch(p, None));
            for (d, x) in first_examples.iter().enumerate().filter(|(d, _)| d % folds == k) {
                priors[d] = tagger.tag(&x.features).0;
            }
            fold_taggers.push(tagger);
        }
    }
    let all: Vec<&Example> = first_examples.iter().collect();
    let first = train_tagger(&all, options, "first", &mut |p, tagger| {
        let model = Model::new(tagger.clone(), None, role_words.clone());
        on_epoch(p, Some(&model));
    });
    if folds < 2 {
        return Model::new(first, None, role_words);
    }
    let second_examples = {
        let mut unused = Alignment::default();
        let with_priors: Vec<(&Document, Vec<Tag>)> =
            documents.iter().zip(priors).collect::<Vec<_>>();
        examples_with(&with_priors, &role_words, options, &mut unused)
    };
    let all: Vec<&Example> = second_examples.iter().collect();
    let second_options = TrainOptions { epochs: options.second_epochs, ..options.clone() };
    let second = train_tagger(&all, &second_options, "second", &mut |p, tagger| {
        let model = Model::new(first.clone(), Some(tagger.clone()), role_words.clone());
        on_epoch(p, Some(&model));
    });

    // Calibration: each fold's held-out articles, tagged by taggers that never saw them,
    // teach the content boundary ranker, and then give raw scores and whether each
    // attribution's content (its boundaries chosen by that ranker, as at run time) was
    // exactly right.
    let mut fold_models = Vec::with_capacity(folds);
    let mut span_samples = Vec::new();
    for (k, fold_first) in fold_taggers.into_iter().enumerate() {
        let training: Vec<&Example> = second_examples
            .iter()
            .enumerate()
            .filter(|(d, _)| d % folds != k)
            .map(|(_, x)| x)
            .collect();
        let name = CALIBRATION_NAMES[k.min(CALIBRATION_NAMES.len() - 1)];
        let fold_second =
            train_tagger(&training, &second_options, name, &mut |p, _| on_epoch(p, None));
        let model = Model::new(fold_first, Some(fold_second), role_words.clone());
        for d in documents.iter().enumerate().filter(|(d, _)| d % folds == k).map(|(_, d)| d) {
            span_samples.extend(boundary_samples(&model, d));
        }
        fold_models.push(model);
    }
    let mut rng = SplitMix(options.seed ^ 0x5350_414e);
    let ranker =
        spans::train_ranker(&span_samples, options.epochs, options.costs.wrong_extent, |order| {
            rng.shuffle(order)
        });
    let mut samples = Vec::new();
    for (k, mut model) in fold_models.into_iter().enumerate() {
        model.spans = Some(ranker.clone());
        for d in documents.iter().enumerate().filter(|(d, _)| d % folds == k).map(|(_, d)| d) {
            samples.extend(calibration_samples(&model, d));
        }
    }
    let mut model = Model::new(first, Some(second), role_words);
    model.calibration = fit_logistic(&samples, model.calibration);
    let raw: Vec<(f32, bool)> = samples
        .iter()
        .map(|(x, right)| (decode::logistic(x, &model.calibration), *right))
        .collect();
    model.recalibration = Isotonic::fit(&raw);
    model.spans = Some(ranker);
    model
}

const CALIBRATION_NAMES: [&str; 10] = [
    "calib 1", "calib 2", "calib 3", "calib 4", "calib 5", "calib 6", "calib 7", "calib 8",
    "calib 9", "calib 10",
];

/// The cue and source words of the gold annotations: for every word, how often it lies
/// inside a cue and inside a source.
fn learn_role_words(documents: &[Document]) -> RoleWords {
    let mut counts: FxHashMap<u64, RoleCounts> = FxHashMap::default();
    let mut stems: FxHashMap<u64, RoleCounts> = FxHashMap::default();
    let mut word_stems: FxHashMap<u64, u64> = FxHashMap::default();
    for d in documents {
        let boilerplate = boilerplate(&d.text);
        let a = Analysis::new(&d.text, &boilerplate);
        let tags = gold_tags(&a, &d.gold, &[], &mut Alignment::default());
        let mut previous: Option<(u64, u8)> = None;
        for (i, tag) in tags.iter().enumerate() {
            if a.tokens[i].kind != TokenKind::Word {
                previous = None;
                continue;
            }
            let word = word_hash(a.word(i));
            let count = |counts: &mut FxHashMap<u64, RoleCounts>, key: u64, role: u8| {
                let entry = counts.entry(key).or_default();
                entry.2 += 1;
                match role {
                    2 => entry.0 += 1,
                    1 => entry.1 += 1,
                    _ => {}
                }
            };
            count(&mut counts, word, tag.role());
            let stem = stem_key(a.word(i));
            if stem != 0 {
                count(&mut stems, stem, tag.role());
                word_stems.insert(word, stem);
            }
            // A pair counts for a role when both its words have it.
            if let Some((first, role)) = previous {
                count(
                    &mut counts,
                    pair_hash(first, word),
                    if role == tag.role() { role } else { 0 },
                );
            }
            previous = Some((word, tag.role()));
        }
    }
    RoleWords::from_counts(&counts, &stems, &word_stems)
}

fn examples(
    documents: &[Document],
    prior: Option<&[Tag]>,
    role_words: &RoleWords,
    options: &TrainOptions,
    alignment: &mut Alignment,
) -> Vec<Example> {
    let with: Vec<(&Document, Vec<Tag>)> =
        documents.iter().map(|d| (d, prior.map(<[Tag]>::to_vec).unwrap_or_default())).collect();
    examples_with(&with, role_words, options, alignment)
}

/// Builds examples on `options.threads` threads, in document order. An empty prior means
/// first-stage features.
fn examples_with(
    documents: &[(&Document, Vec<Tag>)],
    role_words: &RoleWords,
    options: &TrainOptions,
    alignment: &mut Alignment,
) -> Vec<Example> {
    let chunk = documents.len().div_ceil(options.threads.max(1)).max(1);
    let parts: Vec<(Vec<Example>, Alignment)> = std::thread::scope(|scope| {
        let handles: Vec<_> = documents
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut alignment = Alignment::default();
                    let out = part
                        .iter()
                        .map(|(d, prior)| {
                            let prior = (!prior.is_empty()).then_some(prior.as_slice());
                            Example::new(
                                &d.text,
                                &d.gold,
                                prior,
                                role_words,
                                options.bits,
                                &mut alignment,
                            )
                        })
                        .collect();
                    (out, alignment)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });
    let mut out = Vec::with_capacity(documents.len());
    for (examples, a) in parts {
        out.extend(examples);
        alignment.fragments += a.fragments;
        alignment.aligned += a.aligned;
    }
    out
}

/// A small, seedable generator (SplitMix64), so that training needs no crate and the same
/// seed gives the same model on every platform.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Trains the tagger of one stage on `examples` (whose features were hashed with
/// `options.bits`): `options.average` perceptrons with different seeds, on up to
/// `options.threads` threads, averaged. `on_epoch` follows the first of them after each pass,
/// with its averaged tagger so far.
fn train_tagger(
    examples: &[&Example],
    options: &TrainOptions,
    stage: &'static str,
    on_epoch: &mut dyn FnMut(&Progress, &Tagger),
) -> Tagger {
    let runs = options.average.max(1) as u64;
    let seed =
        |r: u64| TrainOptions { seed: options.seed.wrapping_add(r * 7919), ..options.clone() };
    if runs == 1 {
        return train_one(examples, options, stage, on_epoch);
    }
    let silent = |r: u64| (r, train_one(examples, &seed(r), stage, &mut |_, _| {}));
    // The first run reports progress here; the others run beside it, silently.
    let workers = options.threads.clamp(1, runs as usize) - 1;
    let (mut sum, others) = std::thread::scope(|scope| {
        let silent = &silent;
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                scope.spawn(move || {
                    (1..runs)
                        .filter(|r| (*r as usize - 1) % workers == w)
                        .map(silent)
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let first = train_one(examples, &seed(0), stage, on_epoch);
        let mut others: Vec<(u64, Tagger)> = if workers == 0 {
            (1..runs).map(silent).collect::<Vec<_>>()
        } else {
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        };
        others.sort_by_key(|(r, _)| *r);
        (first, others)
    });
    // Summed in seed order, so the threads never change the bytes.
    for (_, t) in &others {
        for (a, b) in sum.weights.iter_mut().flatten().zip(t.weights.iter().flatten()) {
            *a += b;
        }
        for (a, b) in sum.transitions.iter_mut().flatten().zip(t.transitions.iter().flatten()) {
            if a.is_finite() {
                *a += b;
            }
        }
    }
    let n = runs as f32;
    sum.weights.iter_mut().flatten().for_each(|w| *w /= n);
    sum.transitions.iter_mut().flatten().filter(|w| w.is_finite()).for_each(|w| *w /= n);
    sum
}

/// What a wrong decision costs in training. Each tagger is trained on cost-augmented
/// decoding (a margin perceptron): the cost is added to every tag but the gold one before
/// Viterbi, so that updates go on until the gold tags win by the cost, not merely win.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Costs {
    /// Added to the emission of every tag but the gold one, in the emission's units (one
    /// update moves a token's margin by about twice its number of rows: 116 in the first
    /// stage, 166 in the second).
    pub wrong: f32,
    /// Multiplies `wrong` where the gold tag has a role: missing a role costs more than
    /// tagging one that is not there (recall is what the taggers lack).
    pub missed_role: f32,
    /// Added to the score of every candidate extent but the gold one when the content
    /// boundary ranker trains, in its units (an update moves a margin by up to 54).
    pub wrong_extent: f32,
}

impl Costs {
    /// The plain perceptrons: an update only where the prediction is wrong.
    pub const NONE: Costs = Costs { wrong: 0.0, missed_role: 1.0, wrong_extent: 0.0 };

    /// The cost of any tag but `gold`.
    fn of(&self, gold: Tag) -> f32 {
        if gold == Tag::O {
            self.wrong
        } else {
            self.wrong * self.missed_role
        }
    }
}

impl Default for Costs {
    /// Chosen on a held-out quarter of train (docs/model.md, twelfth session).
    fn default() -> Costs {
        Costs { wrong: 500.0, missed_role: 2.0, wrong_extent: 20.0 }
    }
}

/// Trains one tagger with one seed (see [`train_tagger`]).
fn train_one(
    examples: &[&Example],
    options: &TrainOptions,
    stage: &'static str,
    on_epoch: &mut dyn FnMut(&Progress, &Tagger),
) -> Tagger {
    let costs = options.costs;
    let mut tagger = Tagger::empty(options.bits);
    let mut acc = vec![[0.0f64; STRIDE]; tagger.weights.len()];
    let mut acc_transitions = [[0.0f64; TAGS]; TAGS + 1];
    let mut c = 1.0f64;
    let mut order: Vec<(usize, Range<usize>)> = examples
        .iter()
        .enumerate()
        .flat_map(|(e, x)| x.features.sequences.iter().map(move |r| (e, r.clone())))
        .collect();
    let mut rng = SplitMix(options.seed);
    let mut predicted = Vec::new();
    let mut emissions = Vec::new();
    let mut back = Vec::new();
    let mut averaged = tagger.clone();
    for epoch in 1..=options.epochs.max(1) {
        rng.shuffle(&mut order);
        let mut progress =
            Progress { stage, epoch, epochs: options.epochs.max(1), mistakes: 0, tokens: 0 };
        for (e, range) in &order {
            let x = examples[*e];
            let gold = &x.gold[range.clone()];
            emissions.clear();
            emissions.extend(range.clone().zip(gold).map(|(i, &g)| {
                let mut e = tagger.emissions(&x.features, i);
                let cost = costs.of(g);
                e.iter_mut().enumerate().filter(|(t, _)| *t != g as usize).for_each(|(_, e)| {
                    *e += cost;
                });
                e
            }));
            predicted.clear();
            predicted.resize(range.len(), Tag::O);
            tagger.viterbi(&emissions, &mut predicted, &mut back);
            progress.tokens += range.len();
            if predicted != gold {
                for k in 0..range.len() {
                    let (g, p) = (gold[k] as usize, predicted[k] as usize);
                    if g != p {
                        progress.mistakes += 1;
                        for &row in x.features.of(range.start + k) {
                            let row = row as usize;
                            tagger.weights[row][g] += 1.0;
                            acc[row][g] += c;
                            tagger.weights[row][p] -= 1.0;
                            acc[row][p] -= c;
                        }
                    }
                    let pg = if k == 0 { TAGS } else { gold[k - 1] as usize };
                    let pp = if k == 0 { TAGS } else { predicted[k - 1] as usize };
                    if (pg, g) != (pp, p) {
                        tagger.transitions[pg][g] += 1.0;
                        acc_transitions[pg][g] += c;
                        tagger.transitions[pp][p] -= 1.0;
                        acc_transitions[pp][p] -= c;
                    }
                }
            }
            c += 1.0;
        }
        averaged = average(&tagger, &acc, &acc_transitions, c);
        on_epoch(&progress, &averaged);
    }
    averaged
}

/// The averaged weights: `w - acc / c`. Forbidden transitions stay negative infinity.
fn average(
    tagger: &Tagger,
    acc: &[[f64; STRIDE]],
    acc_transitions: &[[f64; TAGS]; TAGS + 1],
    c: f64,
) -> Tagger {
    let mut out = tagger.clone();
    for (w, a) in out.weights.iter_mut().flatten().zip(acc.iter().flatten()) {
        *w = (f64::from(*w) - a / c) as f32;
    }
    for (row, acc_row) in out.transitions.iter_mut().zip(acc_transitions) {
        for (w, a) in row.iter_mut().zip(acc_row) {
            if w.is_finite() {
                *w = (f64::from(*w) - a / c) as f32;
            }
        }
    }
    out
}

/// The confidence facts of every attribution `model` finds in `document`, and whether its
/// content was exactly right.
fn calibration_samples(model: &Model, document: &Document) -> Vec<(Facts, bool)> {
    let text = document.text.as_str();
    let boilerplate = boilerplate(text);
    let mut a = Analysis::new(text, &boilerplate);
    let rules = attribute(&mut a);
    let gold: Vec<Span> =
        document.gold.iter().flat_map(|g| g.content.iter().map(|s| s.trim(text))).collect();
    decode::scored(&a, model, &model.tag(&a, &rules))
        .into_iter()
        .map(|(x, facts)| (facts, x.content.iter().all(|s| gold.contains(s))))
        .collect()
}

type Facts = [f32; CONFIDENCE_FEATURES];

/// The content fragments `model` finds in `document`, each with its candidate spans'
/// features and the one that is a gold content fragment; fragments with no gold candidate
/// teach nothing and are left out.
fn boundary_samples(model: &Model, document: &Document) -> Vec<spans::Sample> {
    let text = document.text.as_str();
    let boilerplate = boilerplate(text);
    let mut a = Analysis::new(text, &boilerplate);
    let rules = attribute(&mut a);
    let tagging = model.tag(&a, &rules);
    let gold: Vec<Range<usize>> = document
        .gold
        .iter()
        .flat_map(|g| g.content.iter().map(|s| s.trim(text)))
        .filter(|s| !s.is_empty())
        .map(|s| (s, a.tokens_of(s)))
        .filter(|(s, r)| !r.is_empty() && a.span(r.clone()) == *s)
        .map(|(_, r)| r)
        .collect();
    let mut out = Vec::new();
    let mut collect = |f: &spans::Fragment<'_>| {
        let candidates = spans::candidates(&a, f);
        // A fragment that touches no gold content is best dropped, where that may be.
        let overlaps = |g: &Range<usize>| g.start < f.tokens.end && f.tokens.start < g.end;
        let drop =
            candidates.iter().position(|c| c.is_empty()).filter(|_| !gold.iter().any(overlaps));
        if let Some(g) = candidates.iter().position(|c| gold.contains(c)).or(drop) {
            let local = spans::Local::new(&a, f);
            let features = candidates.iter().map(|c| spans::features(&a, f, &local, c)).collect();
            out.push(spans::Sample { candidates: features, gold: g });
        }
        (f.tokens.clone(), f32::INFINITY)
    };
    decode::scored_with(&a, model, &tagging, &mut collect);
    out
}

/// Fits logistic regression weights by Newton's method (iteratively reweighted least
/// squares, with a little ridge for stability); the untrained default when there is
/// nothing to fit.
pub(crate) fn fit_logistic(samples: &[(Facts, bool)], default: Facts) -> Facts {
    const K: usize = CONFIDENCE_FEATURES;
    let positives = samples.iter().filter(|s| s.1).count();
    if samples.len() < 10 || positives == 0 || positives == samples.len() {
        return default;
    }
    let mut w = [0.0f64; K];
    for _ in 0..30 {
        let mut gradient = [0.0f64; K];
        let mut hessian = [[0.0f64; K]; K];
        for (k, row) in hessian.iter_mut().enumerate() {
            row[k] = 1e-3;
            gradient[k] = 1e-3 * w[k];
        }
        for (x, y) in samples {
            let z: f64 = x.iter().zip(&w).map(|(x, w)| f64::from(*x) * w).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let e = p - if *y { 1.0 } else { 0.0 };
            let v = (p * (1.0 - p)).max(1e-9);
            for i in 0..K {
                gradient[i] += e * f64::from(x[i]);
                for j in 0..K {
                    hessian[i][j] += v * f64::from(x[i]) * f64::from(x[j]);
                }
            }
        }
        let Some(step) = solve(hessian, gradient) else { break };
        let mut moved = 0.0;
        for (w, s) in w.iter_mut().zip(step) {
            *w -= s;
            moved += s.abs();
        }
        if moved < 1e-9 {
            break;
        }
    }
    if w.iter().all(|w| w.is_finite()) {
        w.map(|w| w as f32)
    } else {
        default
    }
}

/// Solves `m x = b` by Gaussian elimination with partial pivoting.
// Row and column indices are the algorithm; iterators would hide it.
#[allow(clippy::needless_range_loop)]
fn solve<const K: usize>(mut m: [[f64; K]; K], mut b: [f64; K]) -> Option<[f64; K]> {
    for col in 0..K {
        let pivot = (col..K).max_by(|&i, &j| m[i][col].abs().total_cmp(&m[j][col].abs()))?;
        if m[pivot][col].abs() < 1e-12 {
            return None;
        }
        m.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..K {
            let f = m[row][col] / m[col][col];
            for k in col..K {
                m[row][k] -= f * m[col][k];
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = [0.0f64; K];
    for row in (0..K).rev() {
        let tail: f64 = (row + 1..K).map(|k| m[row][k] * x[k]).sum();
        x[row] = (b[row] - tail) / m[row][row];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logistic_fit_recovers_a_known_curve() {
        // p = logistic(2x - 1), sampled exactly by proportion; the other facts are zero.
        let mut samples = Vec::new();
        for i in 0..=40 {
            let x = i as f32 / 10.0 - 2.0;
            let p = 1.0 / (1.0 + (-(2.0 * x - 1.0)).exp());
            let ones = (p * 100.0).round() as usize;
            let mut facts = [0.0; CONFIDENCE_FEATURES];
            facts[0] = 1.0;
            facts[1] = x;
            samples.extend(std::iter::repeat_n((facts, true), ones));
            samples.extend(std::iter::repeat_n((facts, false), 100 - ones));
        }
        let w = fit_logistic(&samples, [0.0; CONFIDENCE_FEATURES]);
        assert!((w[1] - 2.0).abs() < 0.05, "slope {}", w[1]);
        assert!((w[0] + 1.0).abs() < 0.05, "intercept {}", w[0]);
        let default = [9.0; CONFIDENCE_FEATURES];
        assert_eq!(fit_logistic(&[([1.0; CONFIDENCE_FEATURES], true); 20], default), default);
    }

    /// One example of one paragraph: token `i` has the rows of `rows[i]`.
    fn example(rows: &[&[u32]], gold: &[Tag]) -> Example {
        let mut features = Features::default();
        features.offsets.push(0);
        for r in rows {
            features.rows.extend_from_slice(r);
            features.offsets.push(features.rows.len() as u32);
        }
        features.sequences.push(0..rows.len());
        Example { features, gold: gold.to_vec() }
    }

    #[test]
    fn a_missed_role_costs_more() {
        let costs = Costs { wrong: 10.0, missed_role: 2.0, wrong_extent: 0.0 };
        let got: Vec<f32> = [Tag::O, Tag::BCue, Tag::IContent].map(|g| costs.of(g)).to_vec();
        assert_eq!(got, [10.0, 20.0, 20.0]);
        assert_eq!(Costs::NONE.of(Tag::BCue), 0.0);
    }

    #[test]
    fn a_cost_keeps_training_until_the_margin_is_won() {
        // Untrained, every tag scores zero and `O` wins the tie: the plain perceptron is
        // right at once and learns nothing, the cost-augmented one learns a margin.
        let x = example(&[&[3, 7], &[5]], &[Tag::O, Tag::O]);
        let options =
            |costs| TrainOptions { epochs: 5, bits: 10, costs, ..TrainOptions::default() };
        let plain = train_one(&[&x], &options(Costs::NONE), "test", &mut |_, _| {});
        assert!(plain.weights.iter().flatten().all(|w| *w == 0.0));
        let costs = Costs { wrong: 3.0, ..Costs::NONE };
        let tagger = train_one(&[&x], &options(costs), "test", &mut |_, _| {});
        let e = tagger.emissions(&x.features, 0);
        assert!((1..TAGS).all(|t| e[0] > e[t]), "{e:?}");
        assert_eq!(tagger.tag(&x.features).0, x.gold);
    }

    #[test]
    fn shuffles_are_seeded() {
        let mut a: Vec<u32> = (0..50).collect();
        let mut b = a.clone();
        SplitMix(7).shuffle(&mut a);
        SplitMix(7).shuffle(&mut b);
        assert_eq!(a, b);
        let mut c: Vec<u32> = (0..50).collect();
        SplitMix(8).shuffle(&mut c);
        assert_ne!(a, c);
    }
}
