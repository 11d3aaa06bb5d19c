//! Gold attributions read from brat standoff (`.ann`) files, as PolNeAR ships them.
//!
//! A `.ann` file holds one record a line, fields separated by tabs (shown as two spaces):
//!
//! ```text
//! T1  Source 89 106  The New York Post
//! T2  Cue 107 114  reports
//! T3  Content 115 120;123 130  a split content
//! T4  Attribution 107 114  reports
//! E1  Attribution:T4 Content:T3 Cue:T2 Source:T1
//! #1  AnnotatorNotes T3  free text
//! ```
//!
//! `T` lines are text spans, possibly discontinuous (`start end;start end`), in Unicode code
//! point offsets, end exclusive. `E` lines are relations: a trigger (`Attribution` or
//! `Attribution-no-source`) and role arguments `Source`, `Cue`, `Content`. brat numbers a
//! repeated role (`Content2`), so the trailing digits of a role name are ignored.
//!
//! What becomes a [`GoldAttribution`]: each `Attribution` or `Attribution-no-source`
//! relation, with the fragments of the spans its roles point to. The role is the one the
//! relation names, whatever type its `T` line gives (the two disagree a handful of times in
//! PolNeAR's train set). `T` spans that no relation reaches (`Discard`, `Discuss`, and a few
//! stray `Source`/`Cue`/`Content` spans left behind by annotators) are not gold: the scoring
//! unit is the role of a relation. A relation with no role spans at all is dropped.
//!
//! Lines other than `T` and `E` records (`#` notes, `A`/`R`/`N` records, blank lines) are
//! skipped. A span's text may run over several lines when the annotated text holds line
//! breaks; those continuation lines are part of the `T` record before them.

use std::collections::HashMap;
use std::ops::Range;

use crate::Span;

/// One gold attribution relation, as byte spans into the article text.
///
/// Each role holds the fragments of its span(s) in text order: a split quote has several
/// content fragments, a relation without a source has none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoldAttribution {
    /// The source mention's fragments (`The New York Post`, `he`).
    pub source: Vec<Span>,
    /// The cue's fragments (`reports`, `according to`, `:`).
    pub cue: Vec<Span>,
    /// The content's fragments (`Content` and `Content2` together).
    pub content: Vec<Span>,
}

/// Why a `.ann` file could not be read. Every variant names the 1-based line at fault.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BratError {
    /// A `T` or `E` record that does not follow the format.
    #[error("line {line}: {reason}")]
    Malformed {
        /// The line number, from 1.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// A span offset past the end of the article.
    #[error("line {line}: offset {offset} is past the end of the text ({chars} code points)")]
    OffsetOutOfRange {
        /// The line number, from 1.
        line: usize,
        /// The offending offset, in code points.
        offset: usize,
        /// The length of the text, in code points.
        chars: usize,
    },
    /// A relation argument that names a span the file does not define.
    #[error("line {line}: relation refers to `{id}`, which no T line defines")]
    UnknownId {
        /// The line number, from 1.
        line: usize,
        /// The undefined identifier.
        id: String,
    },
    /// Two `T` lines with the same identifier.
    #[error("line {line}: `{id}` is defined twice")]
    DuplicateId {
        /// The line number of the second definition, from 1.
        line: usize,
        /// The repeated identifier.
        id: String,
    },
}

/// Reads the gold attributions of one article from its `.ann` file.
///
/// `ann` is the content of the `.ann` file, `text` the article it annotates; the returned
/// spans are byte offsets into `text`, in relation order.
///
/// # Example
///
/// ```
/// use sayso::eval::parse_ann;
///
/// let text = "“Oui,” dit-elle.";
/// let ann = "T1\tContent 0 6\t“Oui,”\nT2\tCue 7 10\tdit\n\
///            T3\tAttribution-no-source 7 10\tdit\n\
///            E1\tAttribution-no-source:T3 Cue:T2 Content:T1\n";
/// let gold = parse_ann(ann, text).unwrap();
/// assert_eq!(gold[0].content[0].text(text), "“Oui,”");
/// assert_eq!(gold[0].cue[0].text(text), "dit");
/// assert!(gold[0].source.is_empty());
/// ```
pub fn parse_ann(ann: &str, text: &str) -> Result<Vec<GoldAttribution>, BratError> {
    let records = Records::parse(ann)?;
    let spans = records.byte_spans(text)?;
    let mut gold = Vec::with_capacity(records.relations.len());
    for relation in &records.relations {
        if !matches!(relation.trigger, "Attribution" | "Attribution-no-source") {
            continue;
        }
        let mut attribution = GoldAttribution::default();
        for &(role, id) in &relation.arguments {
            let fragments = spans
                .get(id)
                .ok_or_else(|| BratError::UnknownId { line: relation.line, id: id.to_string() })?;
            let slot = match role.trim_end_matches(|c: char| c.is_ascii_digit()) {
                "Source" => &mut attribution.source,
                "Cue" => &mut attribution.cue,
                "Content" => &mut attribution.content,
                _ => continue,
            };
            slot.extend_from_slice(fragments);
        }
        for slot in [&mut attribution.source, &mut attribution.cue, &mut attribution.content] {
            slot.sort_unstable();
            slot.dedup();
        }
        if attribution != GoldAttribution::default() {
            gold.push(attribution);
        }
    }
    Ok(gold)
}

/// A `T` record: a possibly discontinuous span of the text.
#[derive(Debug)]
pub(super) struct TextBound<'a> {
    pub(super) line: usize,
    pub(super) id: &'a str,
    /// The type on the line (`Source`, `Discard`…): only the dev-set tests count them, as the
    /// role a span plays is the one its relation names.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) kind: &'a str,
    /// Code point ranges, in the order the file gives them.
    pub(super) fragments: Vec<Range<usize>>,
    /// Where the record's text field lies in the `.ann` content, continuation lines included.
    pub(super) text: Range<usize>,
}

/// An `E` record: a trigger type and `(role, id)` arguments.
#[derive(Debug)]
pub(super) struct Relation<'a> {
    pub(super) line: usize,
    pub(super) trigger: &'a str,
    pub(super) arguments: Vec<(&'a str, &'a str)>,
}

/// The `T` and `E` records of one `.ann` file, before offsets are resolved.
#[derive(Debug, Default)]
pub(super) struct Records<'a> {
    pub(super) text_bounds: Vec<TextBound<'a>>,
    pub(super) relations: Vec<Relation<'a>>,
}

impl<'a> Records<'a> {
    pub(super) fn parse(ann: &'a str) -> Result<Records<'a>, BratError> {
        let mut records = Records::default();
        let mut offset = 0;
        // True while lines without a record prefix still belong to the last T line's text.
        let mut in_text_bound = false;
        for (index, raw) in ann.split_inclusive('\n').enumerate() {
            let line = index + 1;
            let start = offset;
            offset += raw.len();
            let content = raw.trim_end_matches(['\n', '\r']);
            match record_kind(content) {
                Some(RecordKind::TextBound) => {
                    records.text_bounds.push(parse_text_bound(content, start, line)?);
                    in_text_bound = true;
                }
                Some(RecordKind::Relation) => {
                    records.relations.push(parse_relation(content, line)?);
                    in_text_bound = false;
                }
                Some(RecordKind::Other) => in_text_bound = false,
                None if in_text_bound => {
                    if let Some(last) = records.text_bounds.last_mut() {
                        last.text.end = start + content.len();
                    }
                }
                None => {}
            }
        }
        Ok(records)
    }

    /// Byte fragments of every `T` span, by identifier.
    pub(super) fn byte_spans(&self, text: &str) -> Result<HashMap<&'a str, Vec<Span>>, BratError> {
        let points =
            self.text_bounds.iter().flat_map(|t| &t.fragments).flat_map(|r| [r.start, r.end]);
        let index = CodePointIndex::new(text, points.collect());
        let mut spans = HashMap::with_capacity(self.text_bounds.len());
        for bound in &self.text_bounds {
            let mut fragments = Vec::with_capacity(bound.fragments.len());
            for range in &bound.fragments {
                let byte = |offset| {
                    index.byte(offset).ok_or_else(|| BratError::OffsetOutOfRange {
                        line: bound.line,
                        offset,
                        chars: text.chars().count(),
                    })
                };
                fragments.push(Span::new(byte(range.start)?, byte(range.end)?));
            }
            if spans.insert(bound.id, fragments).is_some() {
                return Err(BratError::DuplicateId { line: bound.line, id: bound.id.to_string() });
            }
        }
        Ok(spans)
    }
}

enum RecordKind {
    TextBound,
    Relation,
    /// A note or a record type we do not score (`#`, `A`, `R`, `N`, `M`, `*`).
    Other,
}

/// What a line is, from its prefix; `None` for a continuation of a span's text.
fn record_kind(line: &str) -> Option<RecordKind> {
    let mut chars = line.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    if first == '*' && rest.starts_with('\t') {
        return Some(RecordKind::Other);
    }
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    // `T12 Source …` with spaces is a broken record, not a line of text.
    if digits == 0 || !rest[digits..].starts_with(['\t', ' ']) {
        return None;
    }
    match first {
        'T' => Some(RecordKind::TextBound),
        'E' => Some(RecordKind::Relation),
        '#' | 'A' | 'R' | 'N' | 'M' => Some(RecordKind::Other),
        _ => None,
    }
}

fn malformed(line: usize, reason: impl Into<String>) -> BratError {
    BratError::Malformed { line, reason: reason.into() }
}

/// Parses `T12\tType 1 5;7 9\ttext`; `start` is where the line begins in the file.
fn parse_text_bound(content: &str, start: usize, line: usize) -> Result<TextBound<'_>, BratError> {
    let mut fields = content.splitn(3, '\t');
    let id = fields.next().unwrap_or_default();
    let spec = fields.next().ok_or_else(|| malformed(line, "expected a tab after the span id"))?;
    let text = match fields.next() {
        Some(field) => {
            let text_start = start + content.len() - field.len();
            text_start..text_start + field.len()
        }
        None => start + content.len()..start + content.len(),
    };
    let (kind, offsets) = spec
        .split_once(' ')
        .filter(|(kind, _)| !kind.is_empty())
        .ok_or_else(|| malformed(line, format!("expected `Type start end`, found `{spec}`")))?;
    let mut fragments = Vec::with_capacity(1);
    for fragment in offsets.split(';') {
        let mut numbers = fragment.split_ascii_whitespace().map(|n| {
            n.parse::<usize>().map_err(|_| malformed(line, format!("`{n}` is not an offset")))
        });
        let (Some(from), Some(to), None) = (numbers.next(), numbers.next(), numbers.next()) else {
            return Err(malformed(line, format!("expected `start end`, found `{fragment}`")));
        };
        let (from, to) = (from?, to?);
        if from > to {
            return Err(malformed(line, format!("span {from} {to} ends before it starts")));
        }
        fragments.push(from..to);
    }
    Ok(TextBound { line, id, kind, fragments, text })
}

/// Parses `E3\tAttribution:T12 Cue:T11 Source:T10 Content:T9`.
fn parse_relation(content: &str, line: usize) -> Result<Relation<'_>, BratError> {
    let (_, spec) =
        content.split_once('\t').ok_or_else(|| malformed(line, "expected a tab after the id"))?;
    let mut arguments = spec.split_ascii_whitespace().map(|argument| {
        argument
            .split_once(':')
            .filter(|(role, id)| !role.is_empty() && !id.is_empty())
            .ok_or_else(|| malformed(line, format!("expected `Role:Id`, found `{argument}`")))
    });
    let (trigger, trigger_id) =
        arguments.next().ok_or_else(|| malformed(line, "relation without a trigger"))??;
    let mut all = vec![("", trigger_id)];
    for argument in arguments {
        all.push(argument?);
    }
    // The trigger is kept as an argument with no role so that its id is checked too.
    Ok(Relation { line, trigger, arguments: all })
}

/// Byte offsets of a set of code point offsets, found in one pass over the text.
struct CodePointIndex {
    /// The wanted code point offsets, sorted and unique.
    points: Vec<usize>,
    /// `bytes[i]` is the byte offset of `points[i]`; shorter when some lie past the end.
    bytes: Vec<usize>,
}

impl CodePointIndex {
    fn new(text: &str, mut points: Vec<usize>) -> CodePointIndex {
        points.sort_unstable();
        points.dedup();
        let mut bytes = Vec::with_capacity(points.len());
        let boundaries = text.char_indices().map(|(byte, _)| byte).chain([text.len()]);
        for (point, byte) in boundaries.enumerate() {
            if bytes.len() == points.len() {
                break;
            }
            if points[bytes.len()] == point {
                bytes.push(byte);
            }
        }
        CodePointIndex { points, bytes }
    }

    fn byte(&self, point: usize) -> Option<usize> {
        let i = self.points.binary_search(&point).ok()?;
        self.bytes.get(i).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each gold attribution as `(source, cue, content)`, fragments joined by `|`.
    fn texts(text: &str, gold: &[GoldAttribution]) -> Vec<(String, String, String)> {
        let join =
            |spans: &[Span]| spans.iter().map(|s| s.text(text)).collect::<Vec<_>>().join("|");
        gold.iter().map(|g| (join(&g.source), join(&g.cue), join(&g.content))).collect()
    }

    /// `t!(name, text, ann, [(source, cue, content), …])`: the relations read from `ann`.
    macro_rules! t {
        ($name:ident, $text:expr, $ann:expr, [$(($s:expr, $c:expr, $q:expr)),* $(,)?]) => {
            #[test]
            fn $name() {
                let gold = parse_ann($ann, $text).unwrap_or_else(|e| panic!("{e}"));
                let expected: Vec<(String, String, String)> =
                    vec![$(($s.to_string(), $c.to_string(), $q.to_string())),*];
                assert_eq!(texts($text, &gold), expected);
            }
        };
    }

    /// `e!(name, text, ann, Variant { line, .. })`: the error `ann` gives.
    macro_rules! e {
        ($name:ident, $text:expr, $ann:expr, $pattern:pat) => {
            #[test]
            fn $name() {
                let result = parse_ann($ann, $text);
                assert!(matches!(result, Err($pattern)), "got {result:?}");
            }
        };
    }

    const SAID: &str = "Sanders said taxes rise.";
    const QUOTE: &str = "“Taxes,” he said, “rise.” Café’s owner agreed: “é”.";

    t!(
        simple,
        SAID,
        "T1\tSource 0 7\tSanders\nT2\tCue 8 12\tsaid\nT3\tContent 13 23\ttaxes rise\n\
         T4\tAttribution 8 12\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n",
        [("Sanders", "said", "taxes rise")]
    );
    t!(
        relation_before_spans,
        SAID,
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\nT1\tSource 0 7\tSanders\n\
         T2\tCue 8 12\tsaid\nT3\tContent 13 23\ttaxes rise\nT4\tAttribution 8 12\tsaid",
        [("Sanders", "said", "taxes rise")]
    );
    t!(
        discontinuous_non_ascii,
        QUOTE,
        "T1\tContent 0 8;18 25\t“Taxes,” “rise.”\nT2\tSource 9 11\the\nT3\tCue 12 16\tsaid\n\
         T4\tAttribution 12 16\tsaid\nE1\tAttribution:T4 Content:T1 Source:T2 Cue:T3",
        [("he", "said", "“Taxes,”|“rise.”")]
    );
    t!(
        offsets_after_multibyte,
        QUOTE,
        "T1\tSource 26 38\tCafé’s owner\nT2\tCue 39 45\tagreed\nT3\tContent 47 50\t“é”\n\
         T4\tAttribution 39 45\tagreed\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
        [("Café’s owner", "agreed", "“é”")]
    );
    t!(
        colon_cue_and_end_of_text,
        QUOTE,
        "T1\tCue 45 46\t:\nT2\tContent 47 51\t“é”.\nT3\tAttribution-no-source 45 46\t:\n\
         E1\tAttribution-no-source:T3 Cue:T1 Content:T2",
        [("", ":", "“é”.")]
    );
    t!(
        no_source,
        SAID,
        "T1\tCue 8 12\tsaid\nT2\tContent 13 23\ttaxes rise\nT3\tAttribution-no-source 8 12\tsaid\n\
         E1\tAttribution-no-source:T3 Cue:T1 Content:T2\n",
        [("", "said", "taxes rise")]
    );
    t!(
        content2_joins_content,
        QUOTE,
        "T1\tContent 18 25\t“rise.”\nT2\tContent 0 8\t“Taxes,”\nT3\tCue 12 16\tsaid\n\
         E1\tAttribution:T3 Content2:T1 Cue:T3 Content:T2",
        [("", "said", "“Taxes,”|“rise.”")]
    );
    t!(
        role_comes_from_relation,
        SAID,
        "T1\tContent 0 7\tSanders\nT2\tDiscuss 8 12\tsaid\nT3\tContent 13 23\ttaxes rise\n\
         E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3",
        [("Sanders", "said", "taxes rise")]
    );
    t!(
        shared_source_kept_per_relation,
        SAID,
        "T1\tSource 0 7\tSanders\nT2\tCue 8 12\tsaid\nT3\tContent 13 18\ttaxes\n\
         T4\tContent 19 23\trise\nE1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n\
         E2\tAttribution:T2 Source:T1 Content:T4",
        [("Sanders", "said", "taxes"), ("Sanders", "", "rise")]
    );
    t!(
        ignores_notes_discards_and_others,
        SAID,
        "T1\tDiscard 0 7\tSanders\n#1\tAnnotatorNotes T1\tshould this be here?\n\
         A1\tNegated E1\nR1\tAlias Arg1:T1 Arg2:T1\n\nT2\tCue 8 12\tsaid\n\
         E1\tAttribution:T2 Cue:T2 Other:T1\nE2\tQuote:T2 Cue:T2\nE3\tAttribution-no-source:T2 \n",
        [("", "said", "")]
    );
    t!(
        multiline_span_text,
        "A said:\n\nB c.\n",
        "T1\tContent 7 13\t\n\nB c.\nT2\tCue 2 7\tsaid:\nE1\tAttribution:T2 Cue:T2 Content:T1\n",
        [("", "said:", "\n\nB c.")]
    );
    t!(
        crlf_lines,
        SAID,
        "T1\tSource 0 7\tSanders\r\nT2\tCue 8 12\tsaid\r\nE1\tAttribution:T2 Source:T1 Cue:T2\r\n",
        [("Sanders", "said", "")]
    );
    t!(
        hashtag_in_span_text,
        "A said:\n#B c.\n",
        "T1\tContent 7 13\t\n#B c.\nT2\tCue 2 7\tsaid:\nE1\tAttribution:T2 Cue:T2 Content:T1\n\
         *\tAlias T1 T2\n",
        [("", "said:", "\n#B c.")]
    );
    t!(empty_file, SAID, "", []);

    e!(
        missing_tab,
        SAID,
        "T1\tSource 0 7\tSanders\nT2 Cue 8 12 said\n",
        BratError::Malformed { line: 2, .. }
    );
    e!(bad_number, SAID, "T1\tSource 0 x7\tSanders\n", BratError::Malformed { line: 1, .. });
    e!(three_numbers, SAID, "T1\tSource 0 5 7\tSanders\n", BratError::Malformed { line: 1, .. });
    e!(reversed_span, SAID, "T1\tSource 7 0\tSanders\n", BratError::Malformed { line: 1, .. });
    e!(missing_offsets, SAID, "T1\tSource\tSanders\n", BratError::Malformed { line: 1, .. });
    e!(empty_fragment, SAID, "T1\tSource 0 3;\tSan\n", BratError::Malformed { line: 1, .. });
    e!(
        argument_without_colon,
        SAID,
        "T1\tCue 8 12\tsaid\nE1\tAttribution:T1 Cue\n",
        BratError::Malformed { line: 2, .. }
    );
    e!(relation_without_trigger, SAID, "E1\t\n", BratError::Malformed { line: 1, .. });
    e!(
        past_the_end,
        SAID,
        "T1\tCue 8 12\tsaid\n\nT2\tContent 13 25\ttaxes rise.\n",
        BratError::OffsetOutOfRange { line: 3, offset: 25, chars: 24 }
    );
    e!(
        past_the_end_in_chars,
        "é",
        "T1\tCue 0 2\té\n",
        BratError::OffsetOutOfRange { line: 1, offset: 2, chars: 1 }
    );
    e!(
        unknown_id,
        SAID,
        "T1\tCue 8 12\tsaid\nE1\tAttribution:T1 Source:T9\n",
        BratError::UnknownId { line: 2, .. }
    );
    e!(
        duplicate_id,
        SAID,
        "T1\tCue 8 12\tsaid\nT1\tCue 8 12\tsaid\n",
        BratError::DuplicateId { line: 2, .. }
    );

    #[test]
    fn byte_offsets_of_non_ascii() {
        let gold = parse_ann(
            "T1\tSource 26 38\tx\nT2\tContent 0 8;18 25\tx\n\
             E1\tAttribution:T1 Source:T1 Content:T2",
            QUOTE,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(gold[0].source, [Span::new(34, 49)]);
        assert_eq!(gold[0].content, [Span::new(0, 12), Span::new(22, 33)]);
    }

    #[test]
    fn error_messages_name_the_line() {
        let error = parse_ann("T1\tCue 8 99\tsaid\n", SAID).unwrap_err();
        assert_eq!(
            error.to_string(),
            "line 1: offset 99 is past the end of the text (24 code points)"
        );
    }
}
