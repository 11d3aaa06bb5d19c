//! Scoring extractions against gold brat annotations, PolNeAR's convention.
//!
//! [`parse_ann`] reads an article's `.ann` file into [`GoldAttribution`]s (byte spans, like
//! everything else in sayso). An [`Evaluation`] takes articles one at a time, each with its
//! gold and the [`Extraction`] to score, and sums the counts into a [`Report`]: exact and
//! token-overlap precision, recall and F1 per [`Role`], the same split by [`SpeechKind`], and
//! the missed and spurious spans in context. The rules are spelt out in [`score`].
//!
//! Nothing here reads files: callers pass the text of the article and of its `.ann` file.
//!
//! # Example
//!
//! ```
//! use sayso::eval::{parse_ann, Evaluation};
//! use sayso::{Attribution, AttributionKind, Extraction, Span};
//!
//! let text = "Sanders said taxes would rise.";
//! let ann = "T1\tSource 0 7\tSanders\nT2\tCue 8 12\tsaid\nT3\tContent 13 29\ttaxes would rise\n\
//!            T4\tAttribution 8 12\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n";
//! let gold = parse_ann(ann, text)?;
//!
//! let predicted = Extraction {
//!     attributions: vec![Attribution {
//!         kind: AttributionKind::Indirect,
//!         content: vec![Span::new(13, 30)], // with the full stop: not an exact match
//!         cue: Some(Span::new(8, 12)),
//!         source: Some(Span::new(0, 7)),
//!         speaker: None,
//!         confidence: 0.9,
//!     }],
//!     boilerplate: vec![],
//!     entities: vec![],
//! };
//!
//! let mut evaluation = Evaluation::new();
//! evaluation.add("sanders", text, &gold, &predicted);
//! let report = evaluation.report();
//! assert_eq!(report.exact.source.f1(), 1.0);
//! assert_eq!(report.exact.content.f1(), 0.0);
//! assert_eq!(report.soft.content.recall(), 1.0);
//! println!("{}", report.render_text());
//! # Ok::<(), sayso::eval::BratError>(())
//! ```

mod brat;
mod report;
pub mod score;
pub mod speakers;

#[cfg(test)]
mod dev_set;

pub use self::brat::{parse_ann, BratError, GoldAttribution};
pub use self::report::{
    ArticleErrors, Calibration, CalibrationBin, DeclaredKinds, KindReport, Report, RoleScores,
    SpanError, CONFIDENT,
};
pub use self::score::{Role, Score, SpeechKind, QUOTATION_MARKS};

use crate::Extraction;

/// Sums the scores of articles added one by one.
#[derive(Clone, Debug, Default)]
pub struct Evaluation {
    report: Report,
}

impl Evaluation {
    /// An evaluation with no article yet.
    pub fn new() -> Evaluation {
        Evaluation::default()
    }

    /// Scores `predicted` against `gold` for the article `id` whose text is `text`.
    ///
    /// Every span, gold or predicted, is a byte span into `text`. Predicted spans that are
    /// not valid slices of `text` never match and are listed as false positives.
    pub fn add(&mut self, id: &str, text: &str, gold: &[GoldAttribution], predicted: &Extraction) {
        score::add_article(&mut self.report, id, text, gold, predicted);
        let confident = Extraction {
            attributions: predicted
                .attributions
                .iter()
                .filter(|a| a.confidence >= report::CONFIDENT)
                .cloned()
                .collect(),
            boilerplate: Vec::new(),
            entities: Vec::new(),
        };
        let mut scratch = Report::default();
        score::add_article(&mut scratch, id, text, gold, &confident);
        self.report.confident.gold_attributions += scratch.gold_attributions;
        self.report.confident.predicted_attributions += scratch.predicted_attributions;
        self.report.confident.exact += scratch.exact;
    }

    /// Adds the articles of another evaluation, as when each thread scored its own share.
    /// Errors keep the order of `self`, then `other`.
    pub fn merge(&mut self, other: Evaluation) {
        self.report.absorb(other.report);
    }

    /// The scores so far.
    pub fn report(&self) -> Report {
        self.report.clone()
    }
}

#[cfg(test)]
// Spans are written as ranges, and a content of one fragment as a one-range slice.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;
    use crate::{Attribution, AttributionKind, Span};

    /// A gold relation from byte ranges: `g(source, cue, &[content…])`; `0..0` for none.
    fn g(
        source: std::ops::Range<usize>,
        cue: std::ops::Range<usize>,
        content: &[std::ops::Range<usize>],
    ) -> GoldAttribution {
        let some =
            |r: std::ops::Range<usize>| if r.is_empty() { vec![] } else { vec![Span::from(r)] };
        GoldAttribution {
            source: some(source),
            cue: some(cue),
            content: content.iter().cloned().map(Span::from).collect(),
        }
    }

    /// A predicted attribution from byte ranges, like [`g`].
    fn p(
        source: std::ops::Range<usize>,
        cue: std::ops::Range<usize>,
        content: &[std::ops::Range<usize>],
    ) -> Attribution {
        let some = |r: std::ops::Range<usize>| (!r.is_empty()).then(|| Span::from(r));
        Attribution {
            kind: AttributionKind::Indirect,
            content: content.iter().cloned().map(Span::from).collect(),
            cue: some(cue),
            source: some(source),
            speaker: None,
            confidence: 1.0,
        }
    }

    fn score(text: &str, gold: &[GoldAttribution], predicted: Vec<Attribution>) -> Report {
        let mut evaluation = Evaluation::new();
        let extraction =
            Extraction { attributions: predicted, boilerplate: vec![], entities: vec![] };
        evaluation.add("article", text, gold, &extraction);
        evaluation.report()
    }

    /// `t!(name, text, [gold…], [predicted…], scores, role => (tp, fp, fn), …)`, where
    /// `scores` is a path into the report (`exact`, `soft`, `direct.exact`).
    macro_rules! t {
        ($name:ident, $text:expr, [$($gold:expr),*], [$($predicted:expr),*],
         $($scores:ident).+, $($role:ident => $counts:expr),+ $(,)?) => {
            #[test]
            fn $name() {
                let report = score($text, &[$($gold),*], vec![$($predicted),*]);
                let scores = report.$($scores).+;
                $(
                    let s = scores.$role;
                    let counts = (s.true_positives, s.false_positives, s.false_negatives);
                    assert_eq!(counts, $counts, "{}", stringify!($role));
                )+
            }
        };
    }

    // Byte offsets: Sanders 0..7, said 8..12, taxes rise 13..23, “No,” 25..34, he 35..37,
    // said 38..42, “never.” 44..56, Café’s boss 57..71.
    const T: &str = "Sanders said taxes rise. “No,” he said, “never.” Café’s boss agreed.";

    t!(perfect, T, [g(0..7, 8..12, &[13..23])], [p(0..7, 8..12, &[13..23])], exact,
        source => (1, 0, 0), cue => (1, 0, 0), content => (1, 0, 0));
    t!(off_by_one_is_a_miss_and_a_false_positive, T, [g(0..7, 8..12, &[13..23])],
        [p(0..7, 8..12, &[13..24])], exact, content => (0, 1, 1));
    t!(whitespace_trimmed_both_sides, T, [g(0..8, 7..13, &[13..23])],
        [p(0..7, 8..12, &[12..24])], exact, source => (1, 0, 0), cue => (1, 0, 0),
        content => (0, 1, 1));
    t!(blank_fragment_is_no_unit, T, [g(0..7, 7..8, &[13..23])], [p(0..7, 12..13, &[])], exact,
        cue => (0, 0, 0), content => (0, 0, 1));
    t!(duplicates_count_once, T, [g(0..7, 8..12, &[13..23]), g(0..7, 8..12, &[13..23])],
        [p(0..7, 8..12, &[13..23]), p(0..7, 8..12, &[13..23, 13..23])], exact,
        source => (1, 0, 0), content => (1, 0, 0));
    t!(discontinuous_fragments_are_units, T, [g(35..37, 38..42, &[25..34, 44..56])],
        [p(35..37, 38..42, &[25..34, 47..56])], exact, content => (1, 1, 1));
    t!(nothing_predicted, T, [g(0..7, 8..12, &[13..23])], [], exact,
        source => (0, 0, 1), cue => (0, 0, 1), content => (0, 0, 1));
    t!(no_source_in_gold, T, [g(0..0, 8..12, &[13..23])], [p(0..7, 8..12, &[13..23])], exact,
        source => (0, 1, 0), cue => (1, 0, 0));
    t!(soft_counts_tokens, T, [g(0..7, 8..12, &[13..24])], [p(0..0, 8..12, &[19..23, 25..31])],
        soft, source => (0, 0, 1), cue => (1, 0, 0), content => (1, 3, 2));
    t!(soft_partial_token_counts, T, [g(57..71, 0..0, &[])], [p(57..60, 0..0, &[])], soft,
        source => (1, 0, 3));
    t!(direct_by_quote_marks, T, [g(35..37, 38..42, &[25..34, 44..56]), g(0..7, 8..12, &[13..23])],
        [p(35..37, 38..42, &[25..34]), p(0..7, 8..12, &[13..23])], direct.exact,
        source => (1, 0, 0), content => (1, 0, 1));
    t!(indirect_by_quote_marks, T,
        [g(35..37, 38..42, &[25..34, 44..56]), g(0..7, 8..12, &[13..23])],
        [p(35..37, 38..42, &[25..34]), p(0..7, 8..12, &[13..23])], indirect.exact,
        source => (1, 0, 0), cue => (1, 0, 0), content => (1, 0, 0));
    t!(predicted_kind_by_its_own_content, T, [g(35..37, 38..42, &[25..34])],
        [p(35..37, 38..42, &[28..30])], direct.exact, source => (0, 0, 1), cue => (0, 0, 1));
    t!(invalid_prediction_is_a_false_positive, T, [g(57..71, 0..0, &[])],
        [p(57..58, 0..0, &[500..600, 32..33])], exact, source => (0, 1, 1), content => (0, 2, 0));

    #[test]
    fn text_offsets_in_the_table_above() {
        assert_eq!(&T[25..34], "“No,”");
        assert_eq!(&T[35..37], "he");
        assert_eq!(&T[38..42], "said");
        assert_eq!(&T[44..56], "“never.”");
        assert_eq!(&T[57..71], "Café’s boss");
    }

    #[test]
    fn measures() {
        let s = Score::new(3, 1, 2);
        assert_eq!(s.precision(), 0.75);
        assert_eq!(s.recall(), 0.6);
        assert!((s.f1() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(Score::default().f1(), 0.0);
    }

    #[test]
    fn micro_average_over_articles() {
        let mut evaluation = Evaluation::new();
        let gold = [g(0..7, 8..12, &[13..23])];
        let right = Extraction {
            attributions: vec![p(0..7, 8..12, &[13..23])],
            boilerplate: vec![],
            entities: vec![],
        };
        let wrong = Extraction {
            attributions: vec![p(0..6, 8..12, &[13..23])],
            boilerplate: vec![],
            entities: vec![],
        };
        evaluation.add("a", T, &gold, &right);
        let mut other = Evaluation::new();
        other.add("b", T, &gold, &wrong);
        other.add("c", T, &gold, &Extraction::default());
        evaluation.merge(other);
        let report = evaluation.report();
        assert_eq!(report.articles, 3);
        assert_eq!(report.exact.source, Score::new(1, 1, 2));
        assert_eq!(report.exact.cue, Score::new(2, 0, 1));
        let ids: Vec<&str> = report.errors.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["b", "c"]);
    }

    #[test]
    fn declared_kinds_against_the_rule() {
        let mut mixed = p(35..37, 38..42, &[25..34]);
        mixed.kind = AttributionKind::Mixed;
        let mut direct = p(0..7, 8..12, &[13..23]);
        direct.kind = AttributionKind::Direct;
        let report = score(T, &[], vec![mixed, direct, p(0..7, 8..12, &[13..23])]);
        let expected = DeclaredKinds {
            direct_quoted: 0,
            direct_unquoted: 1,
            indirect_or_mixed_quoted: 1,
            indirect_or_mixed_unquoted: 1,
        };
        assert_eq!(report.declared_kinds, expected);
    }

    #[test]
    fn errors_in_context() {
        let text = format!("{}\nSanders said “no”.\n{}", "a".repeat(100), "b".repeat(100));
        let gold = [g(101..108, 109..113, &[114..122])];
        let report = score(&text, &gold, vec![p(101..108, 0..0, &[114..123])]);
        let errors = &report.errors[0];
        assert_eq!(errors.misses.len(), 2);
        assert_eq!(errors.misses[0].role, Role::Cue);
        assert_eq!(errors.misses[0].text, "said");
        let expected = format!("{}⏎Sanders ⟦said⟧ “no”.⏎{}", "a".repeat(51), "b".repeat(53));
        assert_eq!(errors.misses[0].context, expected);
        assert_eq!(errors.false_positives[0].text, "“no”.");
    }

    #[test]
    fn limit_and_render_errors() {
        let gold = [g(0..7, 8..12, &[13..23]), g(35..37, 38..42, &[25..34, 44..56])];
        let mut report = score(T, &gold, vec![]);
        assert_eq!(report.errors[0].misses.len(), 7);
        let listing = report.render_errors(1);
        assert!(listing.contains("missed content (first 1 of 3)"), "{listing}");
        assert!(listing.contains("⟦Sanders⟧ said"), "{listing}");
        assert!(listing.contains("false positive source (first 0 of 0)"), "{listing}");
        report.limit_errors(1);
        assert_eq!(report.errors[0].misses.len(), 3);
        report.limit_errors(0);
        assert!(report.errors.is_empty());
    }

    #[test]
    fn render_and_serialize() {
        let report = score(T, &[g(0..7, 8..12, &[13..23])], vec![p(0..7, 8..12, &[13..24])]);
        let text = report.render_text();
        assert!(text.contains("1 articles: 1 gold attributions, 1 predicted"), "{text}");
        assert!(
            text.lines().any(|l| l
                .split_whitespace()
                .eq(["source", "1", "0", "0", "100.0", "100.0", "100.0"])),
            "{text}"
        );
        let json = serde_json::to_value(&report).unwrap_or_default();
        assert_eq!(json["exact"]["content"]["fn"], 1);
        assert_eq!(json["exact"]["cue"]["f1"], 1.0);
        assert_eq!(json["errors"][0]["misses"][0]["span"]["start"], 13);
    }
}
