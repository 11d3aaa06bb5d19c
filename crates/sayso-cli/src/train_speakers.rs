//! `sayso train-speakers`: learn the salience weights that rank a pronoun's antecedents from
//! speaker gold, cross-validate them by leaving one gold set out, and write the weight file.
//!
//! The learning is [`sayso::speakers::learn`]; this module reads the files and prints.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use sayso::eval::speakers::{parse_speaker_gold, MentionClass, SpeakerReport};
use sayso::speakers::learn::{self, GoldArticle, LearnOptions};
use sayso::speakers::salience::Weights;
use sayso::Extractor;

use crate::eval::GoldCorpus;

/// What `sayso train-speakers` was asked to do.
pub struct TrainSpeakersArgs {
    /// The gold directory of the sets' articles.
    pub gold: PathBuf,
    /// The speaker gold sets trained on.
    pub speakers: Vec<PathBuf>,
    /// Where the weight file goes, if anywhere.
    pub out: Option<PathBuf>,
    /// Leave each set out in turn and score it.
    pub cross_validate: bool,
    /// Gold directories and sets scored (aggregates only) with the learnt weights.
    pub report: Vec<(PathBuf, PathBuf)>,
    /// Learning options.
    pub options: LearnOptions,
}

/// Reads the sets, cross-validates if asked, learns from all sets, scores the report sets and
/// writes the weights.
pub fn run(args: &TrainSpeakersArgs, extractor: &Extractor) -> anyhow::Result<()> {
    let mut sets = Vec::new();
    for path in &args.speakers {
        sets.push(read_set(&args.gold, path, extractor)?);
    }
    let options = &args.options;
    if args.cross_validate && sets.len() > 1 {
        let (mut hand, mut learnt) = (SpeakerReport::default(), SpeakerReport::default());
        for (n, path) in args.speakers.iter().enumerate() {
            let train: Vec<&GoldArticle> =
                sets.iter().enumerate().filter(|&(m, _)| m != n).flat_map(|(_, s)| s).collect();
            let test: Vec<&GoldArticle> = sets[n].iter().collect();
            let weights = learn::learn(extractor, &train, options);
            let before = learn::score(extractor, &test, &Weights::hand());
            let after = learn::score(extractor, &test, &weights);
            say(format_args!(
                "left out {}: hand {} → learnt {}",
                name(path),
                summary(&before),
                summary(&after)
            ));
            add(&mut hand, &before);
            add(&mut learnt, &after);
        }
        say(format_args!("cross-validated: hand {} → learnt {}", summary(&hand), summary(&learnt)));
    }
    let all: Vec<&GoldArticle> = sets.iter().flatten().collect();
    let weights = learn::learn(extractor, &all, options);
    let (rows, traced, with_right, both) = learn::coverage(extractor, &all, &Weights::hand());
    say(format_args!(
        "{rows} pronoun rows: {traced} ranked by salience, {with_right} of them with a right \
         candidate, {both} with a right and a wrong one"
    ));
    let b = learn::pronoun_breakdown(extractor, &all, &Weights::hand());
    say(format_args!("the training sets, hand weights, pronoun rows: {b:?}"));
    let found = learn::instances(extractor, &all, &Weights::hand(), options);
    let (hand_right, n) = learn::ranked_right(&found, &Weights::hand());
    let (learnt_right, _) = learn::ranked_right(&found, &weights);
    say(format_args!(
        "{n} pronouns with a right and a wrong candidate (traced with the hand weights): \
         hand ranks {hand_right} right, learnt (on all sets) {learnt_right}"
    ));
    for (dir, path) in &args.report {
        let articles = read_set(dir, path, extractor)?;
        let articles: Vec<&GoldArticle> = articles.iter().collect();
        let before = learn::score(extractor, &articles, &Weights::hand());
        let after = learn::score(extractor, &articles, &weights);
        say(format_args!("{}: hand {} → learnt {}", name(path), summary(&before), summary(&after)));
        let (rows, traced, with_right, both) =
            learn::coverage(extractor, &articles, &Weights::hand());
        say(format_args!(
            "{}: {rows} pronoun rows, {traced} ranked by salience, {with_right} of them with a \
             right candidate, {both} with a right and a wrong one",
            name(path)
        ));
        let b = learn::pronoun_breakdown(extractor, &articles, &Weights::hand());
        say(format_args!("{}: hand weights, pronoun rows: {b:?}", name(path)));
        let found = learn::instances(extractor, &articles, &Weights::hand(), options);
        let (hand_right, n) = learn::ranked_right(&found, &Weights::hand());
        let (learnt_right, _) = learn::ranked_right(&found, &weights);
        say(format_args!(
            "{}: {n} pronouns with a right and a wrong candidate: hand ranks {hand_right} \
             right, learnt {learnt_right}",
            name(path)
        ));
    }
    if let Some(out) = &args.out {
        let files: Vec<String> = args.speakers.iter().map(|p| name(p)).collect();
        let comment = format!(
            "Salience weights learnt by `sayso train-speakers` from {} ({} epochs, {} rounds{}{}, \
             margin {}{}{}).\nRegenerate with the command in docs/speakers.md.",
            files.join(", "),
            options.epochs,
            options.rounds,
            if options.from_hand { ", from the hand weights" } else { "" },
            if options.unnamed { "" } else { ", named speakers only" },
            options.margin,
            options.logistic.map_or_else(String::new, |l2| format!(", logistic with L2 {l2}")),
            if options.hand_terms_only { ", the hand terms only" } else { "" },
        );
        fs::write(out, weights.to_tsv(&comment))
            .with_context(|| format!("cannot write {}", out.display()))?;
    }
    Ok(())
}

/// The articles of one speaker gold set, extracted.
fn read_set(gold: &Path, path: &Path, extractor: &Extractor) -> anyhow::Result<Vec<GoldArticle>> {
    let corpus = GoldCorpus::open(gold)?;
    let tsv =
        fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let rows = parse_speaker_gold(&tsv).with_context(|| format!("{}", path.display()))?;
    let mut articles = Vec::new();
    for article in &corpus.articles {
        let mine: Vec<_> = rows.iter().filter(|r| r.article == article.id).cloned().collect();
        if mine.is_empty() {
            continue;
        }
        let (text, _) = article.read().with_context(|| format!("article {}", article.id))?;
        articles.push(GoldArticle::new(extractor, text, mine));
    }
    if articles.is_empty() {
        bail!("{}: no row names an article of {}", path.display(), gold.display());
    }
    Ok(articles)
}

/// Sums the given-route counts of `b` into `a`.
fn add(a: &mut SpeakerReport, b: &SpeakerReport) {
    a.rows += b.rows;
    a.given.overall.right += b.given.overall.right;
    a.given.overall.total += b.given.overall.total;
    a.given.person_precision.right += b.given.person_precision.right;
    a.given.person_precision.total += b.given.person_precision.total;
    for (class, acc) in &b.given.by_class {
        let sum = a.given.by_class.entry(*class).or_default();
        sum.right += acc.right;
        sum.total += acc.total;
    }
}

/// Overall, pronoun and anonymous given accuracy, and person-mention precision.
fn summary(r: &SpeakerReport) -> String {
    let g = &r.given;
    let class = |c: MentionClass| g.by_class.get(&c).copied().unwrap_or_default();
    let (p, n) = (class(MentionClass::Pronoun), class(MentionClass::Anonymous));
    format!(
        "overall {:.3} ({}/{}), pronoun {:.3} ({}/{}), anonymous {:.3} ({}/{}), person precision {:.3}",
        g.overall.value(),
        g.overall.right,
        g.overall.total,
        p.value(),
        p.right,
        p.total,
        n.value(),
        n.right,
        n.total,
        g.person_precision.value()
    )
}

fn name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into())
}

fn say(message: std::fmt::Arguments<'_>) {
    let _ = writeln!(io::stderr(), "sayso: {message}");
}
