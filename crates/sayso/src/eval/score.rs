//! Scoring one article: predicted role spans against gold ones.
//!
//! # Units
//!
//! Each role (source, cue, content) is scored apart. A unit is one contiguous fragment of a
//! role span, with white space trimmed from both ends: a split quote gives two content units.
//! Fragments that trim to nothing are dropped. Units form a set per role and per article, on
//! each side: a span that several relations share (one source, two cues) is one unit, and a
//! prediction repeated twice is one unit.
//!
//! # Exact match
//!
//! A predicted unit is a true positive when a gold unit of the same role has exactly the same
//! boundaries, a false positive otherwise; a gold unit with no such prediction is a false
//! negative. As both sides are sets, the match is one-to-one.
//!
//! # Token overlap ("soft")
//!
//! The article is cut into tokens: maximal runs of alphanumeric characters, and every other
//! character that is not white space on its own (`Clinton’s` is `Clinton`, `’`, `s`). A token
//! belongs to a side's role when some unit of that role on that side overlaps it by at least
//! one byte. Then per role, over tokens: true positives belong to both sides, false positives
//! to the prediction only, false negatives to the gold only. Soft precision is thus the share
//! of predicted role tokens that gold gives the same role, soft recall the converse.
//!
//! # Kinds
//!
//! Both sides are split by one rule, [`SpeechKind::of`]: an attribution is direct when its
//! content holds a quotation mark (one of [`QUOTATION_MARKS`]), indirect otherwise. The
//! engine's own [`AttributionKind`](crate::AttributionKind) does not decide the split: gold
//! has no such label, and two definitions would make the per-kind scores differ for reasons
//! other than the spans. So a prediction the engine calls mixed (reported speech with a
//! partial quote) counts as direct here, as the same gold would. How the engine's labels
//! (direct; indirect or mixed) line up with the rule is counted apart, in
//! [`DeclaredKinds`](super::DeclaredKinds).

use std::collections::BTreeSet;
use std::ops::AddAssign;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::report::{ArticleErrors, Report, SpanError};
use super::GoldAttribution;
use crate::{Attribution, Extraction, Span};

/// The characters that make an attribution direct: `"` `“` `”` `«` `»` `„`.
pub const QUOTATION_MARKS: [char; 6] = ['"', '“', '”', '«', '»', '„'];

/// One of the three parts of an attribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Who is credited: `The New York Post`, `he`.
    Source,
    /// The reporting verb or phrase: `reports`, `according to`, `:`.
    Cue,
    /// What was said.
    Content,
}

impl Role {
    /// The three roles, in report order.
    pub const ALL: [Role; 3] = [Role::Source, Role::Cue, Role::Content];

    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Source => "source",
            Role::Cue => "cue",
            Role::Content => "content",
        }
    }

    pub(super) fn index(self) -> usize {
        self as usize
    }
}

/// Direct or indirect speech, decided by the quote-mark rule for gold and predictions alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeechKind {
    /// The content holds at least one quotation mark. This includes reported speech with a
    /// partial quote, which the engine calls [`AttributionKind::Mixed`].
    Direct,
    /// The content holds no quotation mark.
    Indirect,
}

impl SpeechKind {
    /// Both kinds, in report order.
    pub const ALL: [SpeechKind; 2] = [SpeechKind::Direct, SpeechKind::Indirect];

    /// The kind of an attribution whose content fragments are `content`. Fragments that are
    /// not valid spans of `text` are passed over.
    pub fn of(text: &str, content: &[Span]) -> SpeechKind {
        let quoted = content
            .iter()
            .filter_map(|span| text.get(span.range()))
            .any(|fragment| fragment.contains(QUOTATION_MARKS));
        if quoted {
            SpeechKind::Direct
        } else {
            SpeechKind::Indirect
        }
    }

    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            SpeechKind::Direct => "direct",
            SpeechKind::Indirect => "indirect",
        }
    }
}

/// True positive, false positive and false negative counts, with the measures they give.
///
/// Serialised as `{"tp", "fp", "fn", "precision", "recall", "f1"}`, measures from 0 to 1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Score {
    /// Predicted units that gold has too.
    pub true_positives: usize,
    /// Predicted units that gold does not have.
    pub false_positives: usize,
    /// Gold units that were not predicted.
    pub false_negatives: usize,
}

impl Score {
    /// The counts as a score.
    pub fn new(true_positives: usize, false_positives: usize, false_negatives: usize) -> Score {
        Score { true_positives, false_positives, false_negatives }
    }

    /// `tp / (tp + fp)`, or 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_positives)
    }

    /// `tp / (tp + fn)`, or 0 when gold has nothing.
    pub fn recall(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_negatives)
    }

    /// The harmonic mean of precision and recall, or 0 when both are 0.
    pub fn f1(&self) -> f64 {
        ratio(
            2 * self.true_positives,
            2 * self.true_positives + self.false_positives + self.false_negatives,
        )
    }
}

fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        numerator as f64 / denominator as f64
    }
}

impl AddAssign for Score {
    fn add_assign(&mut self, other: Score) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }
}

impl Serialize for Score {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Score", 6)?;
        s.serialize_field("tp", &self.true_positives)?;
        s.serialize_field("fp", &self.false_positives)?;
        s.serialize_field("fn", &self.false_negatives)?;
        s.serialize_field("precision", &self.precision())?;
        s.serialize_field("recall", &self.recall())?;
        s.serialize_field("f1", &self.f1())?;
        s.end()
    }
}

/// One attribution as the scorer sees it, gold or predicted: fragments by role, and its kind
/// by the quote-mark rule.
struct Roles<'a> {
    fragments: [&'a [Span]; 3],
    kind: SpeechKind,
}

impl<'a> Roles<'a> {
    fn new(text: &str, source: &'a [Span], cue: &'a [Span], content: &'a [Span]) -> Roles<'a> {
        Roles { fragments: [source, cue, content], kind: SpeechKind::of(text, content) }
    }

    fn gold(text: &str, gold: &'a GoldAttribution) -> Roles<'a> {
        Roles::new(text, &gold.source, &gold.cue, &gold.content)
    }

    fn predicted(text: &str, predicted: &'a Attribution) -> Roles<'a> {
        Roles::new(text, predicted.source.as_slice(), predicted.cue.as_slice(), &predicted.content)
    }
}

/// Scores one article into `report`: counts, per-kind counts and error details.
pub(super) fn add_article(
    report: &mut Report,
    id: &str,
    text: &str,
    gold: &[GoldAttribution],
    extraction: &Extraction,
) {
    let gold: Vec<Roles> = gold.iter().map(|a| Roles::gold(text, a)).collect();
    let predicted: Vec<Roles> =
        extraction.attributions.iter().map(|a| Roles::predicted(text, a)).collect();
    report.articles += 1;
    report.gold_attributions += gold.len();
    report.predicted_attributions += predicted.len();
    for (attribution, roles) in extraction.attributions.iter().zip(&predicted) {
        report.declared_kinds.count(attribution.kind, roles.kind);
    }

    let tokens = tokens(text);
    let mut errors = ArticleErrors { id: id.to_string(), ..ArticleErrors::default() };
    for role in Role::ALL {
        let gold_units = units(text, &gold, role);
        let predicted_units = units(text, &predicted, role);
        *report.exact.get_mut(role) += exact(&gold_units, &predicted_units);
        *report.soft.get_mut(role) += soft(&tokens, &gold_units, &predicted_units);
        if role == Role::Cue {
            let word = |span: &Span| text[span.range()].to_lowercase();
            for span in &gold_units {
                let score = report.cues.entry(word(span)).or_default();
                if predicted_units.contains(span) {
                    score.true_positives += 1;
                } else {
                    score.false_negatives += 1;
                }
            }
            for span in predicted_units.difference(&gold_units) {
                if text.get(span.range()).is_some() {
                    report.cues.entry(word(span)).or_default().false_positives += 1;
                }
            }
        }
        let error = |span: &Span| SpanError::new(role, *span, text);
        errors.misses.extend(gold_units.difference(&predicted_units).map(error));
        errors.false_positives.extend(predicted_units.difference(&gold_units).map(error));
    }
    if !errors.misses.is_empty() || !errors.false_positives.is_empty() {
        report.errors.push(errors);
    }

    let gold_content = units(text, &gold, Role::Content);
    for (attribution, roles) in extraction.attributions.iter().zip(&predicted) {
        let mut content = roles.fragments[Role::Content.index()].iter();
        let right = content.all(|&s| unit(text, s).is_none_or(|u| gold_content.contains(&u)));
        report.calibration.add(attribution.confidence, right);
    }

    for kind in SpeechKind::ALL {
        let gold: Vec<&Roles> = gold.iter().filter(|a| a.kind == kind).collect();
        let predicted: Vec<&Roles> = predicted.iter().filter(|a| a.kind == kind).collect();
        let by_kind = report.by_kind_mut(kind);
        by_kind.gold_attributions += gold.len();
        by_kind.predicted_attributions += predicted.len();
        for role in Role::ALL {
            let gold_units = units(text, gold.iter().copied(), role);
            let predicted_units = units(text, predicted.iter().copied(), role);
            *by_kind.exact.get_mut(role) += exact(&gold_units, &predicted_units);
        }
    }
}

/// The trimmed, non-empty fragments of `role` over some attributions, as a set.
fn units<'a, 'b: 'a>(
    text: &str,
    side: impl IntoIterator<Item = &'a Roles<'b>>,
    role: Role,
) -> BTreeSet<Span> {
    let fragments = side.into_iter().flat_map(|roles| roles.fragments[role.index()]);
    fragments.filter_map(|&span| unit(text, span)).collect()
}

/// `span` with white space trimmed, or `None` when nothing is left. A span that is not a
/// valid slice of `text` (an engine bug) is kept as it is, so that it shows as an error.
fn unit(text: &str, span: Span) -> Option<Span> {
    if text.get(span.range()).is_none() {
        return Some(span);
    }
    let trimmed = span.trim(text);
    (!trimmed.is_empty()).then_some(trimmed)
}

fn exact(gold: &BTreeSet<Span>, predicted: &BTreeSet<Span>) -> Score {
    let true_positives = gold.intersection(predicted).count();
    Score::new(true_positives, predicted.len() - true_positives, gold.len() - true_positives)
}

fn soft(tokens: &[Span], gold: &BTreeSet<Span>, predicted: &BTreeSet<Span>) -> Score {
    let gold = covered(tokens, gold);
    let predicted = covered(tokens, predicted);
    let mut score = Score::default();
    for (&g, &p) in gold.iter().zip(&predicted) {
        match (g, p) {
            (true, true) => score.true_positives += 1,
            (false, true) => score.false_positives += 1,
            (true, false) => score.false_negatives += 1,
            (false, false) => {}
        }
    }
    score
}

/// For each token, whether some span overlaps it.
fn covered(tokens: &[Span], spans: &BTreeSet<Span>) -> Vec<bool> {
    let mut covered = vec![false; tokens.len()];
    for span in spans {
        let first = tokens.partition_point(|token| token.end <= span.start);
        for (i, token) in tokens.iter().enumerate().skip(first) {
            if token.start >= span.end {
                break;
            }
            covered[i] = true;
        }
    }
    covered
}

/// The soft-match tokens of `text`: runs of alphanumeric characters, and every other
/// character that is not white space on its own.
fn tokens(text: &str) -> Vec<Span> {
    let mut tokens: Vec<Span> = Vec::with_capacity(text.len() / 4);
    let mut in_word = false;
    for (start, c) in text.char_indices() {
        let end = start + c.len_utf8();
        if c.is_alphanumeric() {
            match tokens.last_mut() {
                Some(last) if in_word => last.end = end,
                _ => tokens.push(Span::new(start, end)),
            }
            in_word = true;
        } else {
            if !c.is_whitespace() {
                tokens.push(Span::new(start, end));
            }
            in_word = false;
        }
    }
    tokens
}
