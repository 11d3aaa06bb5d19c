//! `sayso eval`: score the extractor against a directory of gold brat annotations.
//!
//! The directory is laid out as PolNeAR's compartments are: `text/<id>.txt` holds an article,
//! `attributions/<id>_<annotator>.ann` its annotations (the lexicographically first file when
//! several annotators did it). Scoring itself is [`sayso::eval`]; this module only reads
//! files and prints.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use sayso::eval::speakers::{
    byte_span, parse_speaker_gold, SpeakerEvaluation, SpeakerGold, SpeakerReport,
};
use sayso::eval::{parse_ann, Evaluation, Report};

/// What `sayso eval` was asked to do.
pub struct EvalOptions {
    /// The gold directory, holding `text/` and `attributions/`.
    pub gold: PathBuf,
    /// Print the report as one JSON object instead of tables.
    pub json: bool,
    /// How many misses and how many false positives to print per role.
    pub errors: usize,
    /// A speaker gold file to score speaker resolution against.
    pub speakers: Option<PathBuf>,
}

/// Extracts every gold article with `extractor`, scores it, and prints the report on stdout.
///
/// An article that cannot be scored (unreadable text, no or malformed `.ann` file) gets one
/// line on stderr and is left out; the report covers the others, and the result is then an
/// error so that the exit code says so. A missing or empty gold directory is an error at
/// once.
pub fn run(options: &EvalOptions, extractor: &sayso::Extractor) -> anyhow::Result<()> {
    let corpus = GoldCorpus::open(&options.gold)?;
    let speaker_gold = match &options.speakers {
        Some(path) => {
            let tsv = fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let rows = parse_speaker_gold(&tsv).with_context(|| format!("{}", path.display()))?;
            if let Some(row) =
                rows.iter().find(|r| !corpus.articles.iter().any(|a| a.id == r.article))
            {
                bail!(
                    "{}: article {} is not in {}",
                    path.display(),
                    row.article,
                    options.gold.display()
                );
            }
            Some(rows)
        }
        None => None,
    };
    let (report, speakers, problems) = evaluate_all(&corpus, extractor, speaker_gold.as_deref());
    let rendered = render(&report, speakers.as_ref(), options)?;
    match io::stdout().lock().write_all(rendered.as_bytes()) {
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => {
            return Err(anyhow::Error::new(err).context("cannot write to standard output"));
        }
        _ => {}
    }
    if problems > 0 {
        bail!("{problems} of {} articles could not be scored", corpus.articles.len());
    }
    Ok(())
}

/// The report as the options ask for it: tables and the first errors, or JSON.
fn render(
    report: &Report,
    speakers: Option<&SpeakerReport>,
    options: &EvalOptions,
) -> anyhow::Result<String> {
    if options.json {
        let mut report = report.clone();
        report.limit_errors(options.errors);
        let mut json = match speakers {
            None => serde_json::to_string_pretty(&report),
            Some(speakers) => {
                let mut speakers = speakers.clone();
                speakers.limit_errors(options.errors);
                serde_json::to_string_pretty(
                    &serde_json::json!({"attributions": report, "speakers": speakers}),
                )
            }
        }
        .context("cannot serialise the report")?;
        json.push('\n');
        return Ok(json);
    }
    let mut text = report.render_text();
    if options.errors > 0 {
        text.push_str(&report.render_errors(options.errors));
    }
    if let Some(speakers) = speakers {
        text.push_str(&speakers.render_text());
        if options.errors > 0 {
            text.push_str(&speakers.render_errors(options.errors));
        }
    }
    Ok(text)
}

/// Scores every article; returns the report and how many articles were left out.
pub(crate) fn evaluate(corpus: &GoldCorpus, extractor: &sayso::Extractor) -> (Report, usize) {
    let (report, _, problems) = evaluate_all(corpus, extractor, None);
    (report, problems)
}

/// Scores every article, and the speakers of the articles `speakers` has rows for.
fn evaluate_all(
    corpus: &GoldCorpus,
    extractor: &sayso::Extractor,
    speakers: Option<&[SpeakerGold]>,
) -> (Report, Option<SpeakerReport>, usize) {
    let mut evaluation = Evaluation::new();
    let mut speaker_evaluation = SpeakerEvaluation::new();
    let mut problems = 0;
    for article in &corpus.articles {
        match article.read() {
            Ok((text, gold)) => {
                let extraction = extractor.extract(&text);
                evaluation.add(&article.id, &text, &gold, &extraction);
                if let Some(rows) = speakers {
                    let rows: Vec<&SpeakerGold> =
                        rows.iter().filter(|r| r.article == article.id).collect();
                    score_speakers(&mut speaker_evaluation, extractor, &text, &extraction, &rows);
                }
            }
            Err(err) => {
                problems += 1;
                let _ = writeln!(io::stderr(), "sayso: {}: {err:#}, skipped", article.id);
            }
        }
    }
    let speakers = speakers.map(|_| speaker_evaluation.report());
    (evaluation.report(), speakers, problems)
}

/// Scores one article's speaker rows, through the system's sources and through the gold
/// mentions themselves.
fn score_speakers(
    evaluation: &mut SpeakerEvaluation,
    extractor: &sayso::Extractor,
    text: &str,
    extraction: &sayso::Extraction,
    rows: &[&SpeakerGold],
) {
    if rows.is_empty() {
        return;
    }
    // A row whose offsets fall outside the text gets an empty mention, which resolves to
    // nothing useful and so counts as wrong.
    let spans: Vec<sayso::Span> =
        rows.iter().map(|r| byte_span(text, r.start, r.end).unwrap_or_default()).collect();
    let detected: Vec<Option<sayso::Speaker>> = spans
        .iter()
        .map(|&span| {
            extraction
                .attributions
                .iter()
                .filter(|a| a.source.is_some_and(|s| s.overlaps(span)))
                .find_map(|a| a.speaker.clone())
        })
        .collect();
    let given = extractor.resolve_sources(text, extraction, &spans);
    evaluation.add(rows, (&detected, &extraction.entities), (&given.speakers, &given.entities));
}

/// The articles of a gold directory, in id order.
pub(crate) struct GoldCorpus {
    pub(crate) articles: Vec<GoldArticle>,
}

/// One article's files; `ann` is `None` when no annotation file goes with the text.
pub(crate) struct GoldArticle {
    pub(crate) id: String,
    text: PathBuf,
    ann: Option<PathBuf>,
}

impl GoldCorpus {
    pub(crate) fn open(dir: &Path) -> anyhow::Result<GoldCorpus> {
        if !dir.is_dir() {
            bail!("gold directory {} does not exist or is not a directory", dir.display());
        }
        for sub in ["text", "attributions"] {
            if !dir.join(sub).is_dir() {
                bail!(
                    "{} has no {sub}/ directory: a gold directory holds text/<id>.txt and \
                     attributions/<id>_<annotator>.ann",
                    dir.display()
                );
            }
        }
        let texts = files_with_extension(&dir.join("text"), "txt")?;
        let anns = files_with_extension(&dir.join("attributions"), "ann")?;
        if texts.is_empty() {
            bail!("no articles: {} holds no .txt file", dir.join("text").display());
        }
        let articles = texts
            .into_iter()
            .map(|(id, text)| {
                let ann = annotation_of(&id, &anns).cloned();
                GoldArticle { id, text, ann }
            })
            .collect();
        Ok(GoldCorpus { articles })
    }
}

impl GoldArticle {
    /// The article's text and gold attributions.
    pub(crate) fn read(&self) -> anyhow::Result<(String, Vec<sayso::eval::GoldAttribution>)> {
        let text = fs::read_to_string(&self.text)
            .with_context(|| format!("cannot read {}", self.text.display()))?;
        let Some(ann_path) = &self.ann else {
            bail!("no annotation file in attributions/");
        };
        let ann = fs::read_to_string(ann_path)
            .with_context(|| format!("cannot read {}", ann_path.display()))?;
        let gold = parse_ann(&ann, &text).with_context(|| format!("{}", ann_path.display()))?;
        Ok((text, gold))
    }
}

/// The files of `dir` ending in `.extension`, by stem, in stem order.
fn files_with_extension(dir: &Path, extension: &str) -> anyhow::Result<BTreeMap<String, PathBuf>> {
    let entries = fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    let mut files = BTreeMap::new();
    for entry in entries {
        let path = entry.with_context(|| format!("cannot read {}", dir.display()))?.path();
        if path.extension().and_then(|e| e.to_str()) != Some(extension) || !path.is_file() {
            continue;
        }
        if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
            files.insert(stem.to_string(), path.clone());
        }
    }
    Ok(files)
}

/// The annotation file of article `id`: the first `<id>_<annotator>.ann` whose annotator
/// part holds no `_`, so that `a_b_c.ann` is taken for article `a_b`, not `a`.
fn annotation_of<'a>(id: &str, anns: &'a BTreeMap<String, PathBuf>) -> Option<&'a PathBuf> {
    let prefix = format!("{id}_");
    anns.range(prefix.clone()..)
        .take_while(|(stem, _)| stem.starts_with(&prefix))
        .find(|(stem, _)| !stem[prefix.len()..].contains('_'))
        .map(|(_, path)| path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch gold directory, removed on drop.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str, files: &[(&str, &str)]) -> Scratch {
            let dir =
                std::env::temp_dir().join(format!("sayso-eval-{}-{name}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            for (path, content) in files {
                let path = dir.join(path);
                fs::create_dir_all(path.parent().unwrap_or(&dir)).expect("scratch directory");
                fs::write(path, content).expect("scratch file");
            }
            Scratch(dir)
        }

        fn options(&self) -> EvalOptions {
            EvalOptions { gold: self.0.clone(), json: false, errors: 2, speakers: None }
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    const TEXT: &str = "Sanders said taxes rise.";
    const ANN: &str = "T1\tSource 0 7\tSanders\nT2\tCue 8 12\tsaid\nT3\tContent 13 23\ttaxes rise\n\
                       T4\tAttribution 8 12\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n";

    #[test]
    fn scores_and_reports_problems() {
        let scratch = Scratch::new(
            "problems",
            &[
                ("text/a.txt", TEXT),
                ("attributions/a_z.ann", "T1\tCue 0 99\tx\n"),
                ("attributions/a_b.ann", ANN),
                ("text/a_b.txt", TEXT),
                ("attributions/a_b_c.ann", ANN),
                ("text/c.txt", TEXT),
                ("attributions/c_x.ann", "T1\tCue 0 99\tx\n"),
                ("text/d.txt", TEXT),
                ("text/notes.md", "not an article"),
            ],
        );
        let corpus = GoldCorpus::open(&scratch.0).expect("corpus");
        let chosen: Vec<(&str, Option<String>)> = corpus
            .articles
            .iter()
            .map(|a| {
                let ann = a.ann.as_ref().and_then(|p| p.file_name()?.to_str().map(String::from));
                (a.id.as_str(), ann)
            })
            .collect();
        let expected = [
            ("a", Some("a_b.ann".to_string())),
            ("a_b", Some("a_b_c.ann".to_string())),
            ("c", Some("c_x.ann".to_string())),
            ("d", None),
        ];
        assert_eq!(chosen, expected);

        let (report, problems) = evaluate(&corpus, &sayso::Extractor::new());
        assert_eq!((report.articles, problems), (2, 2));
        assert_eq!(report.gold_attributions, 2);
        let error = run(&scratch.options(), &sayso::Extractor::new()).expect_err("problems");
        assert_eq!(error.to_string(), "2 of 4 articles could not be scored");
    }

    #[test]
    fn renders_text_errors_and_json() {
        let scratch =
            Scratch::new("render", &[("text/a.txt", TEXT), ("attributions/a_x.ann", ANN)]);
        let corpus = GoldCorpus::open(&scratch.0).expect("corpus");
        let (text, gold) = corpus.articles[0].read().expect("article");
        // Nothing predicted, whatever the engine does by now: every gold span is a miss.
        let mut evaluation = Evaluation::new();
        evaluation.add("a", &text, &gold, &sayso::Extraction::default());
        let report = evaluation.report();
        let mut options = scratch.options();
        let text = render(&report, None, &options).expect("text");
        assert!(text.contains("1 articles: 1 gold attributions"), "{text}");
        assert!(text.contains("⟦Sanders⟧ said"), "{text}");
        options.json = true;
        let json: serde_json::Value =
            serde_json::from_str(&render(&report, None, &options).expect("json"))
                .expect("valid JSON");
        assert_eq!(json["articles"], 1);
        assert_eq!(json["exact"]["source"]["fn"], 1);
        assert_eq!(json["errors"][0]["id"], "a");
    }

    #[test]
    fn missing_directories_are_clear_errors() {
        let missing = GoldCorpus::open(Path::new("/nonexistent/sayso/gold")).err();
        let message = missing.map(|e| format!("{e:#}")).unwrap_or_default();
        assert!(message.contains("does not exist"), "{message}");

        let scratch = Scratch::new("no-text", &[("attributions/a_x.ann", ANN)]);
        let message =
            GoldCorpus::open(&scratch.0).err().map(|e| format!("{e:#}")).unwrap_or_default();
        assert!(message.contains("has no text/ directory"), "{message}");

        let scratch =
            Scratch::new("empty", &[("text/readme.md", ""), ("attributions/a_x.ann", ANN)]);
        let message =
            GoldCorpus::open(&scratch.0).err().map(|e| format!("{e:#}")).unwrap_or_default();
        assert!(message.contains("no articles"), "{message}");
    }

    /// The real dev set, when it is there: every article is read and scored.
    #[test]
    fn polnear_dev_set() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/polnear/dev");
        if !dir.is_dir() {
            eprintln!("skipped: no PolNeAR dev set at {}", dir.display());
            return;
        }
        let corpus = GoldCorpus::open(&dir).expect("dev corpus");
        let (report, problems) = evaluate(&corpus, &sayso::Extractor::new());
        assert_eq!((report.articles, problems), (84, 0));
        let gold_sources = report.exact.source.true_positives + report.exact.source.false_negatives;
        assert!(gold_sources > 1000, "{gold_sources} gold sources");
    }
}
