//! Quality floor on PolNeAR dev: exact-match F1 per role must not fall below what the engine
//! reached when this floor was last raised (the reached figures minus 0.01).
//!
//! The corpus is not in the repository (its texts are copyrighted news); the test reads it from
//! `../shared/data/polnear/dev` beside the workspace and skips with a message when it is absent.
//!
//! The targets of issue 3 are source 0.84, cue 0.80, content 0.74 (not reached). Reached on
//! 2026-12-02 with the built-in model (`sayso eval --gold ../shared/data/polnear/dev`): source
//! 0.738, cue 0.688, content 0.608 (on 2026-12-01: 0.721, 0.681, 0.597; on 2026-11-25, for
//! issue 2: 0.688, 0.650, 0.582); after the rules round of 2026-12-02 and a retrain, 0.733, 0.688,
//! 0.605; with 8-bit weights, 55 templates and the rules' sources kept (2026-12-02, later),
//! 0.740, 0.691, 0.612; with the content boundary ranker (2026-12-03), 0.740, 0.690, 0.613
//! (source and cue floors kept where they were); with the subject templates, the auxiliaries
//! rule and the signed statements (2026-12-03, eleventh session), 0.742, 0.696, 0.620; trained
//! with cost-augmented updates (2026-12-04, twelfth session), 0.746, 0.699, 0.622, and with 15
//! epochs instead of 10, 0.749, 0.701, 0.624; with 25 second-stage epochs and a boundary ranker
//! that may drop a content fragment (2026-12-04, thirteenth session), 0.749, 0.708, 0.636. The rules alone (`--rules`) reach 0.651, 0.653, 0.527 (0.648, 0.652, 0.526 and 0.616, 0.597, 0.498 before).

use std::path::{Path, PathBuf};

use sayso::eval::{parse_ann, Evaluation};
use sayso::Extractor;

const FLOOR_SOURCE: f64 = 0.739;
const FLOOR_CUE: f64 = 0.697;
const FLOOR_CONTENT: f64 = 0.626;

fn dev_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/polnear/dev")
}

#[test]
fn polnear_dev_exact_f1_stays_above_the_floor() {
    let dir = dev_dir();
    let Ok(entries) = std::fs::read_dir(dir.join("text")) else {
        eprintln!("skipped: PolNeAR dev not found at {} (it lives in ../shared)", dir.display());
        return;
    };
    let mut texts: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    texts.sort();
    let mut anns: Vec<PathBuf> = std::fs::read_dir(dir.join("attributions"))
        .expect("attributions/ beside text/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    anns.sort();
    let extractor = Extractor::new();
    let mut evaluation = Evaluation::new();
    for path in &texts {
        let id = path.file_stem().and_then(|s| s.to_str()).expect("utf-8 file name");
        let prefix = format!("{id}_");
        // Several annotators: the lexicographically first file, as the corpus README says.
        let Some(ann_path) = anns.iter().find(|a| {
            a.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(&prefix))
        }) else {
            continue;
        };
        let text = std::fs::read_to_string(path).expect("utf-8 article");
        let ann = std::fs::read_to_string(ann_path).expect("utf-8 annotations");
        let gold = parse_ann(&ann, &text).expect("valid brat");
        evaluation.add(id, &text, &gold, &extractor.extract(&text));
    }
    let report = evaluation.report();
    assert_eq!(report.articles, 84, "PolNeAR dev has 84 articles");
    let (s, c, k) = (report.exact.source.f1(), report.exact.cue.f1(), report.exact.content.f1());
    eprintln!("PolNeAR dev exact F1: source {s:.3}, cue {c:.3}, content {k:.3}");
    assert!(s >= FLOOR_SOURCE, "source F1 {s:.3} fell below {FLOOR_SOURCE}");
    assert!(c >= FLOOR_CUE, "cue F1 {c:.3} fell below {FLOOR_CUE}");
    assert!(k >= FLOOR_CONTENT, "content F1 {k:.3} fell below {FLOOR_CONTENT}");
}
