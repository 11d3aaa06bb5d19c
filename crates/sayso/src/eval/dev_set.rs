//! Checks over PolNeAR's dev compartment, read from `<workspace>/../shared/data/polnear/dev`.
//! The data is not part of the repository: without it these tests print why and pass.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::brat::Records;
use super::*;
use crate::{Attribution, AttributionKind};

fn dev_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/polnear/dev");
    if dir.join("text").is_dir() && dir.join("attributions").is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: no PolNeAR dev set at {}", dir.display());
        None
    }
}

/// One article of the compartment.
struct Article {
    id: String,
    text: String,
    /// `(file name, content)` of its `.ann` files, in name order.
    anns: Vec<(String, String)>,
}

fn articles(dir: &Path) -> Vec<Article> {
    let names = |sub: &str| -> Vec<String> {
        let entries = fs::read_dir(dir.join(sub)).unwrap_or_else(|e| panic!("{sub}: {e}"));
        let mut names: Vec<String> =
            entries.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect();
        names.sort();
        names
    };
    let read =
        |path: PathBuf| fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let anns = names("attributions");
    let mut articles = Vec::new();
    for name in names("text") {
        let Some(id) = name.strip_suffix(".txt") else { continue };
        let text = read(dir.join("text").join(&name));
        let of_article = anns.iter().filter(|ann| {
            ann.strip_suffix(".ann").and_then(|stem| stem.rsplit_once('_')).map(|(a, _)| a)
                == Some(id)
        });
        let anns = of_article.map(|ann| (ann.clone(), read(dir.join("attributions").join(ann))));
        articles.push(Article { id: id.to_string(), text, anns: anns.collect() });
    }
    articles
}

/// The text each T line gives is the text its offsets point to, fragments joined by a space.
#[test]
fn eval_dev_spans_match_their_text() {
    let Some(dir) = dev_dir() else { return };
    let mut checked = 0;
    for Article { text, anns, .. } in articles(&dir) {
        for (name, ann) in anns {
            let records = Records::parse(&ann).unwrap_or_else(|e| panic!("{name}: {e}"));
            let spans = records.byte_spans(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            for bound in &records.text_bounds {
                let fragments: Vec<&str> = spans[bound.id].iter().map(|s| s.text(&text)).collect();
                assert_eq!(fragments.join(" "), &ann[bound.text.clone()], "{name}:{}", bound.line);
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "only {checked} spans checked");
    eprintln!("{checked} T spans match their text");
}

/// Gold scored against itself is perfect everywhere; prints what the dev set holds.
#[test]
fn eval_dev_gold_against_itself_is_perfect() {
    let Some(dir) = dev_dir() else { return };
    let mut evaluation = Evaluation::new();
    let mut stats: BTreeMap<String, usize> = BTreeMap::new();
    for Article { id, text, anns } in articles(&dir) {
        let Some((name, ann)) = anns.first() else { panic!("{id}: no .ann file") };
        let gold = parse_ann(ann, &text).unwrap_or_else(|e| panic!("{name}: {e}"));
        count(&mut stats, ann, &gold, &text);
        evaluation.add(&id, &text, &gold, &as_prediction(&text, &gold));
    }
    let report = evaluation.report();
    eprintln!("{}", report.render_text());
    for (what, n) in &stats {
        eprintln!("{what}: {n}");
    }
    assert_eq!(report.articles, 84);
    assert!(report.errors.is_empty(), "{}", report.render_errors(5));
    let scores = [report.exact, report.soft, report.direct.exact, report.indirect.exact];
    for score in scores.iter().flat_map(|s| Role::ALL.map(|role| *s.get(role))) {
        assert!(score.true_positives > 0);
        assert_eq!((score.precision(), score.recall(), score.f1()), (1.0, 1.0, 1.0));
    }
}

/// Gold as the engine would give it; a second cue or source fragment goes in a copy of the
/// attribution, as the engine's types have one of each.
fn as_prediction(text: &str, gold: &[GoldAttribution]) -> Extraction {
    let mut attributions = Vec::new();
    for g in gold {
        let kind = match SpeechKind::of(text, &g.content) {
            SpeechKind::Direct => AttributionKind::Direct,
            SpeechKind::Indirect => AttributionKind::Indirect,
        };
        let extra = g.cue.len().max(g.source.len()).max(1);
        for i in 0..extra {
            attributions.push(Attribution {
                kind,
                content: g.content.clone(),
                cue: g.cue.get(i).copied(),
                source: g.source.get(i).copied(),
                speaker: None,
                confidence: 1.0,
            });
        }
    }
    Extraction { attributions, boilerplate: Vec::new(), entities: Vec::new() }
}

fn count(stats: &mut BTreeMap<String, usize>, ann: &str, gold: &[GoldAttribution], text: &str) {
    let mut add = |what: String, n: usize| *stats.entry(what).or_default() += n;
    let Ok(records) = Records::parse(ann) else { return };
    for relation in &records.relations {
        add(format!("relations {}", relation.trigger), 1);
    }
    for bound in &records.text_bounds {
        add(format!("T {}", bound.kind), 1);
        if bound.fragments.len() > 1 {
            add(format!("T {} discontinuous", bound.kind), 1);
            add(format!("T {} fragments when discontinuous", bound.kind), bound.fragments.len());
        }
    }
    for g in gold {
        add(format!("gold {}", SpeechKind::of(text, &g.content).as_str()), 1);
        add("gold without source".to_string(), usize::from(g.source.is_empty()));
        add("gold without cue".to_string(), usize::from(g.cue.is_empty()));
        add("gold without content".to_string(), usize::from(g.content.is_empty()));
    }
}
