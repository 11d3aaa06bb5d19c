//! The outcome of an evaluation: scores for people ([`Report::render_text`]) and for programs
//! (`serde::Serialize`), and the errors behind them.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::AddAssign;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::score::{Role, Score, SpeechKind};
use crate::{AttributionKind, Span};

/// How many characters of text to show on each side of an error's span.
const CONTEXT_CHARS: usize = 60;

/// Scores over every article evaluated, micro-averaged: counts are summed over articles, then
/// turned into precision, recall and F1. See [`super::score`] for what is counted.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    /// How many articles were scored.
    pub articles: usize,
    /// Gold attribution relations, over all articles.
    pub gold_attributions: usize,
    /// Predicted attributions, over all articles.
    pub predicted_attributions: usize,
    /// Exact boundary match, per role.
    pub exact: RoleScores,
    /// Token overlap, per role.
    pub soft: RoleScores,
    /// Exact match over attributions whose content holds a quotation mark, on both sides.
    pub direct: KindReport,
    /// Exact match over attributions whose content holds no quotation mark, on both sides.
    pub indirect: KindReport,
    /// How the engine's own kind labels line up with the quote-mark rule.
    pub declared_kinds: DeclaredKinds,
    /// Exact match, per role, of the attributions with a confidence of at least
    /// [`CONFIDENT`] alone: their precision says what a user filtering on it gets.
    pub confident: KindReport,
    /// How well the confidence of the predicted attributions says whether their content is
    /// exactly right.
    pub calibration: Calibration,
    /// Exact match of cues, by the cue's text in lower case (gold's text for hits and
    /// misses, the prediction's for false positives).
    pub cues: BTreeMap<String, Score>,
    /// Exact-match errors, by article in the order they were added. Empty articles are left
    /// out, and so is the field when there is none (see [`Report::limit_errors`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ArticleErrors>,
}

/// The confidence threshold of [`Report::confident`].
pub const CONFIDENT: f32 = 0.9;

/// Predicted attributions in ten bins of confidence (0–0.1, …, 0.9–1), each with how many
/// had every content fragment exactly right (the event the model's confidence is fitted
/// to), and the Brier score over them all: whether a confidence of 0.7 is right seven times
/// in ten.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Calibration {
    /// The bins, by increasing confidence.
    pub bins: [CalibrationBin; 10],
    /// The sum over attributions of (confidence − 1 when right, else 0)², for the Brier score.
    pub squared_error: f64,
}

/// The attributions of one confidence bin of a [`Calibration`].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CalibrationBin {
    /// Predicted attributions with a confidence in the bin.
    pub attributions: usize,
    /// Those whose every content fragment is a gold content fragment, exactly.
    pub right: usize,
    /// The sum of their confidences.
    pub confidence: f64,
}

impl Calibration {
    /// Counts one predicted attribution.
    pub fn add(&mut self, confidence: f32, right: bool) {
        let confidence = f64::from(confidence).clamp(0.0, 1.0);
        let bin = &mut self.bins[((confidence * 10.0) as usize).min(9)];
        bin.attributions += 1;
        bin.right += usize::from(right);
        bin.confidence += confidence;
        self.squared_error += (confidence - f64::from(u8::from(right))).powi(2);
    }

    /// Predicted attributions counted.
    pub fn attributions(&self) -> usize {
        self.bins.iter().map(|b| b.attributions).sum()
    }

    /// The mean squared difference between confidence and outcome (0 is perfect; always
    /// answering 0.5 scores 0.25).
    pub fn brier(&self) -> f64 {
        ratio_f(self.squared_error, self.attributions())
    }

    /// The expected calibration error: the mean, weighted by attributions, of each bin's
    /// distance between its mean confidence and its share of right attributions.
    pub fn expected_error(&self) -> f64 {
        let gap: f64 = self.bins.iter().map(|b| (b.confidence - b.right as f64).abs()).sum();
        ratio_f(gap, self.attributions())
    }
}

fn ratio_f(numerator: f64, denominator: usize) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        numerator / denominator as f64
    }
}

impl AddAssign for Calibration {
    fn add_assign(&mut self, other: Calibration) {
        for (bin, other) in self.bins.iter_mut().zip(other.bins) {
            bin.attributions += other.attributions;
            bin.right += other.right;
            bin.confidence += other.confidence;
        }
        self.squared_error += other.squared_error;
    }
}

impl Serialize for Calibration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Bin {
            from: f64,
            to: f64,
            attributions: usize,
            right: usize,
            mean_confidence: f64,
        }
        let bins: Vec<Bin> = (0..10)
            .map(|i| {
                let b = &self.bins[i];
                Bin {
                    from: i as f64 / 10.0,
                    to: (i + 1) as f64 / 10.0,
                    attributions: b.attributions,
                    right: b.right,
                    mean_confidence: ratio_f(b.confidence, b.attributions),
                }
            })
            .collect();
        let mut s = serializer.serialize_struct("Calibration", 4)?;
        s.serialize_field("attributions", &self.attributions())?;
        s.serialize_field("brier", &self.brier())?;
        s.serialize_field("expected_calibration_error", &self.expected_error())?;
        s.serialize_field("bins", &bins)?;
        s.end()
    }
}

/// One [`Score`] per role.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RoleScores {
    /// Source spans.
    pub source: Score,
    /// Cue spans.
    pub cue: Score,
    /// Content fragments.
    pub content: Score,
}

/// The scores of one [`SpeechKind`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct KindReport {
    /// Gold relations of this kind.
    pub gold_attributions: usize,
    /// Predictions of this kind.
    pub predicted_attributions: usize,
    /// Exact match per role, counting only units of attributions of this kind.
    pub exact: RoleScores,
}

/// Predicted attributions counted by the engine's [`AttributionKind`] (direct, or indirect
/// and mixed together) against the quote-mark rule ([`SpeechKind`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DeclaredKinds {
    /// Called direct, content quoted.
    pub direct_quoted: usize,
    /// Called direct, content without a quotation mark.
    pub direct_unquoted: usize,
    /// Called indirect or mixed, content with a quotation mark.
    pub indirect_or_mixed_quoted: usize,
    /// Called indirect or mixed, content without a quotation mark.
    pub indirect_or_mixed_unquoted: usize,
}

/// The exact-match errors of one article.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ArticleErrors {
    /// The article's identifier.
    pub id: String,
    /// Gold units no prediction matched (false negatives), by role then position.
    pub misses: Vec<SpanError>,
    /// Predicted units gold does not have (false positives), by role then position.
    pub false_positives: Vec<SpanError>,
}

/// One missed or spurious unit, with the text around it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SpanError {
    /// The role the unit has.
    pub role: Role,
    /// The unit's byte span in the article, serialised as `{"start", "end"}`.
    #[serde(serialize_with = "serialize_span")]
    pub span: Span,
    /// The unit's text (empty when the span is not a valid slice of the article).
    pub text: String,
    /// About 60 characters each side of the unit, the unit marked `⟦…⟧`, line breaks as `⏎`.
    pub context: String,
}

impl Report {
    /// The scores of one kind.
    pub fn by_kind(&self, kind: SpeechKind) -> &KindReport {
        match kind {
            SpeechKind::Direct => &self.direct,
            SpeechKind::Indirect => &self.indirect,
        }
    }

    pub(super) fn by_kind_mut(&mut self, kind: SpeechKind) -> &mut KindReport {
        match kind {
            SpeechKind::Direct => &mut self.direct,
            SpeechKind::Indirect => &mut self.indirect,
        }
    }

    /// Keeps only the first `per_role` misses and the first `per_role` false positives of
    /// each role, in article order; `0` drops every error.
    pub fn limit_errors(&mut self, per_role: usize) {
        let mut misses = [0; 3];
        let mut false_positives = [0; 3];
        let keep = |seen: &mut [usize; 3], error: &SpanError| {
            let seen = &mut seen[error.role.index()];
            *seen += 1;
            *seen <= per_role
        };
        for article in &mut self.errors {
            article.misses.retain(|error| keep(&mut misses, error));
            article.false_positives.retain(|error| keep(&mut false_positives, error));
        }
        self.errors
            .retain(|article| !article.misses.is_empty() || !article.false_positives.is_empty());
    }

    /// The scores as a table for people.
    pub fn render_text(&self) -> String {
        self.to_string()
    }

    /// The first `per_role` misses and false positives of each role, in context.
    pub fn render_errors(&self, per_role: usize) -> String {
        ErrorListing { report: self, per_role }.to_string()
    }

    /// Adds another report's counts and errors to this one.
    pub(super) fn absorb(&mut self, other: Report) {
        self.articles += other.articles;
        self.gold_attributions += other.gold_attributions;
        self.predicted_attributions += other.predicted_attributions;
        self.exact += other.exact;
        self.soft += other.soft;
        self.direct += other.direct;
        self.indirect += other.indirect;
        self.declared_kinds += other.declared_kinds;
        self.confident += other.confident;
        self.calibration += other.calibration;
        for (cue, score) in other.cues {
            *self.cues.entry(cue).or_default() += score;
        }
        self.errors.extend(other.errors);
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} articles: {} gold attributions, {} predicted",
            self.articles, self.gold_attributions, self.predicted_attributions
        )?;
        write_table(f, "exact match", &self.exact)?;
        write_table(f, "token overlap", &self.soft)?;
        for kind in SpeechKind::ALL {
            let by_kind = self.by_kind(kind);
            let title = format!(
                "{} ({} gold, {} predicted)",
                kind.as_str(),
                by_kind.gold_attributions,
                by_kind.predicted_attributions
            );
            write_table(f, &title, &by_kind.exact)?;
        }
        let title = format!(
            "confidence >= {CONFIDENT} ({} predicted)",
            self.confident.predicted_attributions
        );
        write_table(f, &title, &self.confident.exact)?;
        write_calibration(f, &self.calibration)?;
        let mut cues: Vec<(&String, &Score)> = self.cues.iter().collect();
        cues.sort_by_key(|(cue, s)| {
            (std::cmp::Reverse(s.true_positives + s.false_negatives + s.false_positives), *cue)
        });
        writeln!(f)?;
        writeln!(
            f,
            "{:<40}{:>7}{:>7}{:>7}{:>8}{:>8}{:>8}",
            "exact match by cue (most frequent 15)", "tp", "fp", "fn", "P", "R", "F1"
        )?;
        for (cue, s) in cues.into_iter().take(15) {
            let cue: String = cue.chars().take(36).collect();
            writeln!(
                f,
                "  {cue:<38}{:>7}{:>7}{:>7}{:>8.1}{:>8.1}{:>8.1}",
                s.true_positives,
                s.false_positives,
                s.false_negatives,
                100.0 * s.precision(),
                100.0 * s.recall(),
                100.0 * s.f1()
            )?;
        }
        let declared = &self.declared_kinds;
        writeln!(f)?;
        writeln!(f, "direct and indirect above: by quotation marks in the content, both sides")?;
        writeln!(
            f,
            "engine's kinds: direct {} quoted, {} unquoted; \
             indirect or mixed {} quoted, {} unquoted",
            declared.direct_quoted,
            declared.direct_unquoted,
            declared.indirect_or_mixed_quoted,
            declared.indirect_or_mixed_unquoted
        )
    }
}

fn write_table(f: &mut fmt::Formatter<'_>, title: &str, scores: &RoleScores) -> fmt::Result {
    writeln!(f)?;
    writeln!(f, "{title:<40}{:>7}{:>7}{:>7}{:>8}{:>8}{:>8}", "tp", "fp", "fn", "P", "R", "F1")?;
    for role in Role::ALL {
        let score = scores.get(role);
        writeln!(
            f,
            "  {:<38}{:>7}{:>7}{:>7}{:>8.1}{:>8.1}{:>8.1}",
            role.as_str(),
            score.true_positives,
            score.false_positives,
            score.false_negatives,
            100.0 * score.precision(),
            100.0 * score.recall(),
            100.0 * score.f1()
        )?;
    }
    Ok(())
}

fn write_calibration(f: &mut fmt::Formatter<'_>, calibration: &Calibration) -> fmt::Result {
    writeln!(f)?;
    writeln!(
        f,
        "calibration, content exactly right (Brier {:.3}, expected error {:.3})",
        calibration.brier(),
        calibration.expected_error()
    )?;
    writeln!(f, "  {:<38}{:>7}{:>7}{:>8}{:>8}", "confidence", "pred", "right", "conf", "right%")?;
    for (i, b) in calibration.bins.iter().enumerate().filter(|(_, b)| b.attributions > 0) {
        writeln!(
            f,
            "  {:<38}{:>7}{:>7}{:>8.1}{:>8.1}",
            format!("{:.1}-{:.1}", i as f64 / 10.0, (i + 1) as f64 / 10.0),
            b.attributions,
            b.right,
            100.0 * b.confidence / b.attributions as f64,
            100.0 * b.right as f64 / b.attributions as f64
        )?;
    }
    Ok(())
}

/// The errors of a report, `per_role` of each sort and role.
struct ErrorListing<'a> {
    report: &'a Report,
    per_role: usize,
}

impl fmt::Display for ErrorListing<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn misses(article: &ArticleErrors) -> &[SpanError] {
            &article.misses
        }
        fn false_positives(article: &ArticleErrors) -> &[SpanError] {
            &article.false_positives
        }
        type Side = fn(&ArticleErrors) -> &[SpanError];
        for (sort, errors_of) in [("missed", misses as Side), ("false positive", false_positives)] {
            for role in Role::ALL {
                let all = || {
                    let articles = self.report.errors.iter();
                    articles.flat_map(move |a| errors_of(a).iter().map(move |e| (&a.id, e)))
                };
                let errors = || all().filter(|(_, error)| error.role == role);
                let total = errors().count();
                let shown = total.min(self.per_role);
                writeln!(f, "\n{sort} {} (first {shown} of {total})", role.as_str())?;
                for (id, error) in errors().take(self.per_role) {
                    writeln!(f, "  {id} @ {}..{}", error.span.start, error.span.end)?;
                    writeln!(f, "    {}", error.context)?;
                }
            }
        }
        Ok(())
    }
}

impl RoleScores {
    /// The score of one role.
    pub fn get(&self, role: Role) -> &Score {
        match role {
            Role::Source => &self.source,
            Role::Cue => &self.cue,
            Role::Content => &self.content,
        }
    }

    pub(super) fn get_mut(&mut self, role: Role) -> &mut Score {
        match role {
            Role::Source => &mut self.source,
            Role::Cue => &mut self.cue,
            Role::Content => &mut self.content,
        }
    }
}

impl AddAssign for RoleScores {
    fn add_assign(&mut self, other: RoleScores) {
        for role in Role::ALL {
            *self.get_mut(role) += *other.get(role);
        }
    }
}

impl AddAssign for KindReport {
    fn add_assign(&mut self, other: KindReport) {
        self.gold_attributions += other.gold_attributions;
        self.predicted_attributions += other.predicted_attributions;
        self.exact += other.exact;
    }
}

impl DeclaredKinds {
    pub(super) fn count(&mut self, declared: AttributionKind, rule: SpeechKind) {
        let slot = match (declared, rule) {
            (AttributionKind::Direct, SpeechKind::Direct) => &mut self.direct_quoted,
            (AttributionKind::Direct, SpeechKind::Indirect) => &mut self.direct_unquoted,
            (_, SpeechKind::Direct) => &mut self.indirect_or_mixed_quoted,
            (_, SpeechKind::Indirect) => &mut self.indirect_or_mixed_unquoted,
        };
        *slot += 1;
    }
}

impl AddAssign for DeclaredKinds {
    fn add_assign(&mut self, other: DeclaredKinds) {
        self.direct_quoted += other.direct_quoted;
        self.direct_unquoted += other.direct_unquoted;
        self.indirect_or_mixed_quoted += other.indirect_or_mixed_quoted;
        self.indirect_or_mixed_unquoted += other.indirect_or_mixed_unquoted;
    }
}

impl SpanError {
    /// The error for `span` of `role` in `text`, with its context.
    pub fn new(role: Role, span: Span, text: &str) -> SpanError {
        let covered = text.get(span.range()).unwrap_or_default().to_string();
        SpanError { role, span, text: covered, context: context(text, span) }
    }
}

fn serialize_span<S: Serializer>(span: &Span, serializer: S) -> Result<S::Ok, S::Error> {
    let mut s = serializer.serialize_struct("Span", 2)?;
    s.serialize_field("start", &span.start)?;
    s.serialize_field("end", &span.end)?;
    s.end()
}

/// `span` in its surroundings: `…before⟦span⟧after…`, on one line. Offsets that are not
/// char boundaries are moved back to one, so this never panics.
fn context(text: &str, span: Span) -> String {
    let end = floor_char_boundary(text, span.end);
    let start = floor_char_boundary(text, span.start.min(end));
    let before = &text[..start];
    let from = before.char_indices().rev().nth(CONTEXT_CHARS - 1).map_or(0, |(i, _)| i);
    let after = &text[end..];
    let to = after.char_indices().nth(CONTEXT_CHARS).map_or(after.len(), |(i, _)| i);
    let mut context = String::with_capacity(end - start + 4 * CONTEXT_CHARS);
    push_on_one_line(&mut context, &before[from..]);
    context.push('⟦');
    push_on_one_line(&mut context, &text[start..end]);
    context.push('⟧');
    push_on_one_line(&mut context, &after[..to]);
    context
}

fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn push_on_one_line(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\n' => out.push('⏎'),
            '\r' => {}
            '\t' => out.push(' '),
            c => out.push(c),
        }
    }
}
