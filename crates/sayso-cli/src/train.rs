//! `sayso train`: train a tagger model on a gold directory and write it to a file.
//!
//! The gold directory is read as `sayso eval` reads one. Articles are analysed in parallel,
//! the perceptron runs on one thread (it is sequential by nature), and after each epoch a
//! line on stderr says how many tokens were tagged wrong and, with `--dev`, the dev scores
//! of the averaged model so far. The same data, options and seed give the same bytes.

use std::fs;
use std::io::{self, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context};
use sayso::model::{self, Alignment, Document, Model, TrainOptions};
use sayso::Extractor;

use crate::eval::{evaluate, GoldCorpus};

/// What `sayso train` was asked to do.
pub struct TrainArgs {
    /// The training gold directory.
    pub gold: PathBuf,
    /// Where the model goes.
    pub out: PathBuf,
    /// A gold directory scored after each epoch.
    pub dev: Option<PathBuf>,
    /// Training options.
    pub options: TrainOptions,
    /// Worker threads for analysing articles.
    pub threads: usize,
}

/// Trains, reports progress on stderr, and writes the model.
pub fn run(args: &TrainArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let corpus = GoldCorpus::open(&args.gold)?;
    let dev = args.dev.as_deref().map(GoldCorpus::open).transpose()?;
    let mut documents = Vec::with_capacity(corpus.articles.len());
    let mut problems = 0;
    for article in &corpus.articles {
        match article.read() {
            Ok((text, gold)) => documents.push(Document { text, gold }),
            Err(err) => {
                problems += 1;
                say(format_args!("{}: {err:#}, skipped", article.id));
            }
        }
    }
    if documents.is_empty() {
        bail!("no article of {} could be read", args.gold.display());
    }
    say(format_args!(
        "{} articles read ({problems} skipped) in {:.1}s",
        documents.len(),
        started.elapsed().as_secs_f64()
    ));
    let mut options = args.options.clone();
    options.threads = args.threads;
    let mut alignment = Alignment::default();
    let mut model = model::train(
        &documents,
        &options,
        |progress, model| {
            let mut line = format!(
                "{:>6} epoch {:>2}/{}: {:.2}% of tokens wrong",
                progress.stage,
                progress.epoch,
                progress.epochs,
                100.0 * progress.mistakes as f64 / progress.tokens.max(1) as f64
            );
            if let (Some(dev), Some(model)) = (&dev, model) {
                let (report, _) = evaluate(dev, &Extractor::with_model(model.clone()));
                let e = &report.exact;
                line.push_str(&format!(
                    "; dev exact F1 source {:.3} cue {:.3} content {:.3}",
                    e.source.f1(),
                    e.cue.f1(),
                    e.content.f1()
                ));
            }
            line.push_str(&format!(" ({:.0}s)", started.elapsed().as_secs_f64()));
            say(format_args!("{line}"));
        },
        &mut alignment,
    );
    say(format_args!(
        "{} of {} gold fragments ({:.1}%) fall on token boundaries",
        alignment.aligned,
        alignment.fragments,
        100.0 * alignment.aligned as f64 / alignment.fragments.max(1) as f64,
    ));
    model.set_description(format!(
        "sayso {} model trained by `sayso train` on {} articles of {}; epochs {} and {}, folds {}, \
         seed {}, bits {}, average {}",
        env!("CARGO_PKG_VERSION"),
        documents.len(),
        args.gold
            .file_name()
            .map_or_else(|| args.gold.display().to_string(), |n| n.to_string_lossy().into_owned()),
        options.epochs,
        options.second_epochs,
        options.folds,
        options.seed,
        options.bits,
        options.average
    ));
    let bytes = model.to_bytes();
    fs::write(&args.out, &bytes)
        .with_context(|| format!("cannot write the model to {}", args.out.display()))?;
    say(format_args!(
        "wrote {} ({:.1} MB) in {:.0}s",
        args.out.display(),
        bytes.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    ));
    Ok(())
}

fn say(line: std::fmt::Arguments<'_>) {
    let _ = writeln!(io::stderr(), "sayso train: {line}");
}

/// Reads a model file for `--model`.
pub fn load_model(path: &std::path::Path) -> anyhow::Result<Model> {
    let bytes =
        fs::read(path).with_context(|| format!("cannot read the model {}", path.display()))?;
    Model::from_bytes(&bytes).with_context(|| format!("cannot load the model {}", path.display()))
}
