//! Scoring speaker resolution against hand-made speaker gold.
//!
//! The gold is a TSV file ([`parse_speaker_gold`]): a header, then one row per gold source
//! mention with the columns `article start end mention speaker kind class`. `start` and
//! `end` are code-point offsets into the article; `speaker` is the referent's canonical
//! name (its fullest name in the article, without honorifics or titles) or `-` when the
//! article never names it; `kind` is a speaker kind; `class` says what the mention is
//! (`pronoun`, `name`, `partial`, `nominal`, `anonymous`).
//!
//! Each row is scored twice ([`SpeakerEvaluation::add`]):
//! - **detected**: the speaker of the system attribution whose source overlaps the gold
//!   mention (no such attribution: wrong), which measures source detection and resolution
//!   together;
//! - **given**: the speaker the system resolves for the gold mention itself
//!   ([`crate::Extractor::resolve_sources`]), which measures resolution alone.
//!
//! A named row is right when the speaker's entity is named and its name matches the gold
//! name under [`names_match`]; an anonymous row (speaker `-`) is right when the speaker has
//! no named entity and the gold kind. Person-mention precision is, of the rows whose speaker
//! the system types `person`, the share that gold types `person`.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use crate::speakers::names::name_key;
use crate::speakers::Entity;
use crate::{Span, Speaker, SpeakerKind};

/// What a gold source mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionClass {
    /// `he`, `they`, `which`.
    Pronoun,
    /// The fullest name, or one as full: `Hillary Clinton`.
    Name,
    /// A shorter form of a name: `Clinton`, `Ms Okafor`, `The Post`.
    Partial,
    /// A description of a named referent: `the Republican nominee`.
    Nominal,
    /// A referent the article never names: `a source`, `officials`, `the poll`.
    Anonymous,
}

impl MentionClass {
    /// Every class, in report order.
    pub const ALL: [MentionClass; 5] = [
        MentionClass::Pronoun,
        MentionClass::Name,
        MentionClass::Partial,
        MentionClass::Nominal,
        MentionClass::Anonymous,
    ];

    fn parse(s: &str) -> Option<MentionClass> {
        MentionClass::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The name used in the gold file and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            MentionClass::Pronoun => "pronoun",
            MentionClass::Name => "name",
            MentionClass::Partial => "partial",
            MentionClass::Nominal => "nominal",
            MentionClass::Anonymous => "anonymous",
        }
    }
}

/// One row of speaker gold.
#[derive(Clone, Debug, PartialEq)]
pub struct SpeakerGold {
    /// The article's id (file stem).
    pub article: String,
    /// First code point of the mention.
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
    /// The mention's text.
    pub mention: String,
    /// The canonical name, or `None` when the article never names the referent.
    pub speaker: Option<String>,
    /// The speaker kind.
    pub kind: SpeakerKind,
    /// What the mention is.
    pub class: MentionClass,
}

/// A malformed speaker gold file.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct SpeakerGoldError {
    /// The 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

fn parse_kind(s: &str) -> Option<SpeakerKind> {
    use SpeakerKind::*;
    [Person, Organization, Anonymous, Group, Document, Unknown]
        .into_iter()
        .find(|k| k.as_str() == s)
}

/// Reads speaker gold: a header line, then tab-separated rows (blank lines are skipped).
pub fn parse_speaker_gold(tsv: &str) -> Result<Vec<SpeakerGold>, SpeakerGoldError> {
    let mut rows = Vec::new();
    for (index, line) in tsv.lines().enumerate().skip(1) {
        let line_no = index + 1;
        let err = |message: String| SpeakerGoldError { line: line_no, message };
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != 7 {
            return Err(err(format!("expected 7 tab-separated fields, found {}", fields.len())));
        }
        let number =
            |s: &str| s.parse::<usize>().map_err(|_| err(format!("`{s}` is not an offset")));
        let (start, end) = (number(fields[1])?, number(fields[2])?);
        if end < start {
            return Err(err(format!("end {end} before start {start}")));
        }
        let kind =
            parse_kind(fields[5]).ok_or_else(|| err(format!("unknown kind `{}`", fields[5])))?;
        let class = MentionClass::parse(fields[6])
            .ok_or_else(|| err(format!("unknown class `{}`", fields[6])))?;
        rows.push(SpeakerGold {
            article: fields[0].to_string(),
            start,
            end,
            mention: fields[3].to_string(),
            speaker: (fields[4] != "-").then(|| fields[4].to_string()),
            kind,
            class,
        });
    }
    Ok(rows)
}

/// The byte span of code points `start..end` of `text`, if both lie in it.
pub fn byte_span(text: &str, start: usize, end: usize) -> Option<Span> {
    let mut boundaries = text.char_indices().map(|(b, _)| b).chain([text.len()]);
    let s = boundaries.nth(start)?;
    let e = if end == start { s } else { boundaries.nth(end - start - 1)? };
    Some(Span::new(s, e))
}

/// Whether a system name and a gold name are the same name: compared after lowercasing,
/// dropping punctuation, a leading `the`, honorifics (`Mr`, `Dame`, `Dr`), a possessive
/// `’s` and middle initials (`Maria K. Okafor` = `maria okafor`). Joint names (`Hillary
/// Clinton + Elizabeth Warren`) match in any order: they name the same referents.
pub fn names_match(system: &str, gold: &str) -> bool {
    let keys = |name: &str| {
        let mut keys: Vec<String> = name.split(" + ").map(name_key).collect();
        keys.sort_unstable();
        keys
    };
    let (s, g) = (keys(system), keys(gold));
    !g.iter().any(String::is_empty) && s == g
}

/// Right and total.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Accuracy {
    /// Rows scored right.
    pub right: usize,
    /// Rows scored.
    pub total: usize,
}

impl Accuracy {
    fn add(&mut self, right: bool) {
        self.right += usize::from(right);
        self.total += 1;
    }

    /// `right / total`, or 0 when nothing was scored.
    pub fn value(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.right as f64 / self.total as f64
        }
    }
}

/// The scores of one route (detected or given).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RouteScores {
    /// Every row.
    pub overall: Accuracy,
    /// Per mention class.
    pub by_class: BTreeMap<MentionClass, Accuracy>,
    /// Of the rows whose speaker the system types person, how many gold types person.
    pub person_precision: Accuracy,
    /// Rows for which the route had a speaker at all (detected: an overlapping source).
    pub with_speaker: usize,
    /// Of those, the rows scored right.
    pub right_with_speaker: usize,
}

impl RouteScores {
    fn add(&mut self, row: &SpeakerGold, speaker: Option<&Speaker>, entities: &[Entity]) -> bool {
        let right = speaker.is_some_and(|s| judge(row, s, entities));
        self.overall.add(right);
        self.by_class.entry(row.class).or_default().add(right);
        if let Some(s) = speaker {
            self.with_speaker += 1;
            self.right_with_speaker += usize::from(right);
            if s.kind == SpeakerKind::Person {
                self.person_precision.add(row.kind == SpeakerKind::Person);
            }
        }
        right
    }
}

fn judge(row: &SpeakerGold, s: &Speaker, entities: &[Entity]) -> bool {
    let entity = s.entity.and_then(|id| entities.get(id)).filter(|e| e.named);
    match (&row.speaker, entity) {
        (Some(gold), Some(e)) => names_match(&e.name, gold),
        (Some(_), None) => false,
        (None, Some(_)) => false,
        (None, None) => s.kind == row.kind,
    }
}

/// A row scored wrong, for reading.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpeakerError {
    /// `detected` or `given`.
    pub route: &'static str,
    /// The article.
    pub article: String,
    /// The gold mention's first code point, as in the gold row, so that the row can be
    /// found among others with the same mention.
    pub start: usize,
    /// The gold mention.
    pub mention: String,
    /// The mention class.
    pub class: MentionClass,
    /// Gold name (or `-`) and kind.
    pub gold: String,
    /// System name (`-` when unnamed) and kind, or `(no source)`.
    pub system: String,
}

/// Speaker scores over all articles added.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SpeakerReport {
    /// Gold rows scored.
    pub rows: usize,
    /// Speaker of the system attribution whose source overlaps the gold mention.
    pub detected: RouteScores,
    /// Speaker resolved for the gold mention itself.
    pub given: RouteScores,
    /// Rows scored wrong, in the order added.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<SpeakerError>,
}

/// Sums speaker scores article by article.
#[derive(Clone, Debug, Default)]
pub struct SpeakerEvaluation {
    report: SpeakerReport,
}

impl SpeakerEvaluation {
    /// An empty evaluation.
    pub fn new() -> SpeakerEvaluation {
        SpeakerEvaluation::default()
    }

    /// Scores one article's rows. `detected` is each row's speaker through the system's own
    /// sources (with the system's entities), `given` each row's speaker resolved from the
    /// gold mention (with the entities of that resolution).
    pub fn add(
        &mut self,
        rows: &[&SpeakerGold],
        detected: (&[Option<Speaker>], &[Entity]),
        given: (&[Speaker], &[Entity]),
    ) {
        for (n, row) in rows.iter().enumerate() {
            self.report.rows += 1;
            let d = detected.0.get(n).and_then(Option::as_ref);
            if !self.report.detected.add(row, d, detected.1) {
                self.error("detected", row, d, detected.1);
            }
            let g = given.0.get(n);
            if !self.report.given.add(row, g, given.1) {
                self.error("given", row, g, given.1);
            }
        }
    }

    fn error(
        &mut self,
        route: &'static str,
        row: &SpeakerGold,
        s: Option<&Speaker>,
        es: &[Entity],
    ) {
        let system = match s {
            None => "(no source)".to_string(),
            Some(s) => {
                let named = s.entity.and_then(|id| es.get(id)).filter(|e| e.named);
                format!("{} ({})", named.map_or("-", |e| e.name.as_str()), s.kind.as_str())
            }
        };
        self.report.errors.push(SpeakerError {
            route,
            article: row.article.clone(),
            start: row.start,
            mention: row.mention.clone(),
            class: row.class,
            gold: format!("{} ({})", row.speaker.as_deref().unwrap_or("-"), row.kind.as_str()),
            system,
        });
    }

    /// The report so far.
    pub fn report(&self) -> SpeakerReport {
        self.report.clone()
    }
}

impl SpeakerReport {
    /// Keeps at most `n` errors per route.
    pub fn limit_errors(&mut self, n: usize) {
        let mut count: BTreeMap<&'static str, usize> = BTreeMap::new();
        self.errors.retain(|e| {
            let c = count.entry(e.route).or_default();
            *c += 1;
            *c <= n
        });
    }

    /// The report as tables.
    pub fn render_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "\nSpeakers: {} gold source mentions", self.rows);
        let _ = writeln!(
            s,
            "  detected = speaker of the system attribution whose source overlaps the gold mention"
        );
        let _ = writeln!(s, "  given    = speaker resolved for the gold mention itself");
        let _ = writeln!(s, "\n{:<26}{:>18}{:>18}", "accuracy", "detected", "given");
        let cell = |a: &Accuracy| format!("{:.3} ({}/{})", a.value(), a.right, a.total);
        let _ = writeln!(
            s,
            "{:<26}{:>18}{:>18}",
            "overall",
            cell(&self.detected.overall),
            cell(&self.given.overall)
        );
        for class in MentionClass::ALL {
            let d = self.detected.by_class.get(&class).copied().unwrap_or_default();
            let g = self.given.by_class.get(&class).copied().unwrap_or_default();
            let _ = writeln!(
                s,
                "{:<26}{:>18}{:>18}",
                format!("  {}", class.as_str()),
                cell(&d),
                cell(&g)
            );
        }
        let _ = writeln!(
            s,
            "{:<26}{:>18}{:>18}",
            "person-mention precision",
            cell(&self.detected.person_precision),
            cell(&self.given.person_precision)
        );
        let found = |r: &RouteScores| {
            cell(&Accuracy { right: r.right_with_speaker, total: r.with_speaker })
        };
        let _ = writeln!(
            s,
            "{:<26}{:>18}{:>18}",
            "where a source was found",
            found(&self.detected),
            found(&self.given)
        );
        s
    }

    /// Up to `n` errors per route, one a line.
    pub fn render_errors(&self, n: usize) -> String {
        let mut report = self.clone();
        report.limit_errors(n);
        let mut s = String::new();
        for route in ["detected", "given"] {
            let _ = writeln!(s, "\nSpeaker errors ({route}):");
            for e in report.errors.iter().filter(|e| e.route == route) {
                let _ = writeln!(
                    s,
                    "  {}:{} [{}] {:?}: gold {} · system {}",
                    e.article,
                    e.start,
                    e.class.as_str(),
                    e.mention,
                    e.gold,
                    e.system
                );
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! t {
        ($name:ident, $system:expr, $gold:expr, $expected:expr) => {
            #[test]
            fn $name() {
                assert_eq!(names_match($system, $gold), $expected);
            }
        };
    }

    t!(same, "Hillary Clinton", "Hillary Clinton", true);
    t!(case, "WALLACE", "Wallace", true);
    t!(initial, "Maria K. Okafor", "Maria Okafor", true);
    t!(article, "The New York Post", "New York Post", true);
    t!(honorific, "Ms Okafor", "Okafor", true);
    t!(partial_is_not_full, "Clinton", "Hillary Clinton", false);
    t!(
        joint_any_order,
        "Elizabeth Warren + Hillary Clinton",
        "Hillary Clinton + Elizabeth Warren",
        true
    );
    t!(joint_member_missing, "Hillary Clinton", "Hillary Clinton + Elizabeth Warren", false);
    t!(
        joint_member_wrong,
        "Hillary Clinton + Tim Kaine",
        "Hillary Clinton + Elizabeth Warren",
        false
    );

    #[test]
    fn gold_rows_parse() {
        let tsv = "article\tstart\tend\tmention\tspeaker\tkind\tclass\n\
                   a\t0\t3\tShe\tAna Lima\tperson\tpronoun\n\
                   a\t9\t17\ta source\t-\tanonymous\tanonymous\n";
        let rows = parse_speaker_gold(tsv).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].speaker.as_deref(), Some("Ana Lima"));
        assert_eq!(rows[1].speaker, None);
        assert_eq!(rows[1].class, MentionClass::Anonymous);
        assert!(parse_speaker_gold("h\na\t1\t2\n").is_err());
    }

    #[test]
    fn code_points_to_bytes() {
        let text = "é said “x”";
        assert_eq!(byte_span(text, 0, 1), Some(Span::new(0, 2)));
        assert_eq!(byte_span(text, 2, 6), Some(Span::new(3, 7)));
        assert_eq!(byte_span(text, 10, 10), Some(Span::new(text.len(), text.len())));
        assert_eq!(byte_span(text, 3, 99), None);
    }
}
