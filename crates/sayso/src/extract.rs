//! The pipeline: one article in, one [`Extraction`] out.

use std::sync::Arc;

use crate::attribute::{attribute, share_sources, Analysis};
use crate::clean::boilerplate;
use crate::model::Model;
use crate::speakers::{self, Resolution, SourceQuery};
use crate::{Extraction, Span};

/// The longest text extracted in one piece, in bytes: far above any real article (PolNeAR's
/// longest is 60 kB), far below where a piece's cost stops being linear.
pub const PIECE: usize = 1 << 18;

/// Where the piece of `text` starting at `start` ends: after the last paragraph break in its
/// second half, else after the last line break or white space there, else on the last char
/// boundary within [`PIECE`] bytes.
fn piece_end(text: &str, start: usize) -> usize {
    let limit = start + PIECE;
    if limit >= text.len() {
        return text.len();
    }
    let window = &text.as_bytes()[start + PIECE / 2..limit];
    let after = |i: usize| start + PIECE / 2 + i + 1;
    if let Some(i) = memchr::memmem::rfind(window, b"\n\n") {
        return after(i + 1);
    }
    if let Some(i) = window.iter().rposition(|b| b.is_ascii_whitespace()) {
        return after(i);
    }
    (start + 1..=limit).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(text.len())
}

/// What finds the spans.
#[derive(Clone, Debug)]
enum Engine {
    /// The v1 rules alone.
    Rules,
    /// The rules, then the model built into the crate.
    Embedded(&'static Model),
    /// The rules, then a model loaded by the caller.
    Custom(Arc<Model>),
}

/// Extracts attributions from articles. Cheap to clone and share across threads: it holds
/// only immutable tables.
#[derive(Clone, Debug)]
pub struct Extractor {
    engine: Engine,
}

impl Default for Extractor {
    fn default() -> Extractor {
        Extractor::new()
    }
}

impl Extractor {
    /// An extractor with the model built into the crate (trained on PolNeAR train).
    pub fn new() -> Extractor {
        match Model::embedded() {
            Some(model) => Extractor { engine: Engine::Embedded(model) },
            None => Extractor::rules(),
        }
    }

    /// An extractor with the hand-written v1 rules only: no model.
    pub fn rules() -> Extractor {
        Extractor { engine: Engine::Rules }
    }

    /// An extractor with the given model.
    pub fn with_model(model: Model) -> Extractor {
        Extractor { engine: Engine::Custom(Arc::new(model)) }
    }

    /// The model in use, if any.
    pub fn model(&self) -> Option<&Model> {
        match &self.engine {
            Engine::Rules => None,
            Engine::Embedded(m) => Some(m),
            Engine::Custom(m) => Some(m),
        }
    }

    /// Every attribution in `text`. Never panics, whatever the text.
    ///
    /// Texts longer than [`PIECE`] bytes are extracted piece by piece, cut at paragraph
    /// breaks, and the pieces' results joined with their offsets: some stages compare every
    /// source with every earlier mention, which is nothing in an article but minutes in a
    /// 50 MB file. No attribution or entity spans two pieces.
    pub fn extract(&self, text: &str) -> Extraction {
        if text.len() <= PIECE {
            return self.extract_piece(text);
        }
        let mut out = Extraction::default();
        let mut start = 0;
        while start < text.len() {
            let end = piece_end(text, start);
            out.append(self.extract_piece(&text[start..end]), start);
            start = end;
        }
        out
    }

    /// Every attribution in a text of reasonable length.
    fn extract_piece(&self, text: &str) -> Extraction {
        let boilerplate = boilerplate(text);
        let mut analysis = Analysis::new(text, &boilerplate);
        let rules = attribute(&mut analysis);
        let mut attributions = match self.model() {
            None => rules,
            Some(model) => model.attribute(&analysis, &rules),
        };
        share_sources(&analysis, &mut attributions);
        // Speakers are resolved last, over the final spans, which they never change.
        let queries: Vec<SourceQuery<'_>> = attributions
            .iter()
            .filter_map(|a| Some(SourceQuery { span: a.source?, content: &a.content }))
            .collect();
        let resolution = speakers::resolve(&analysis, &queries);
        let mut resolved = resolution.speakers.into_iter();
        for a in attributions.iter_mut().filter(|a| a.source.is_some()) {
            a.speaker = resolved.next();
        }
        Extraction { attributions, boilerplate, entities: resolution.entities }
    }

    /// The speakers (and entities) of arbitrary source mentions in `text`, resolved in the context of its
    /// `extraction` (from [`Extractor::extract`]) as if they were the article's sources:
    /// the same resolution as `extract` applies, but to mentions given by the caller, so
    /// that resolution can be measured apart from source detection. A mention that
    /// overlaps an attribution's source borrows that attribution's content.
    pub fn resolve_sources(
        &self,
        text: &str,
        extraction: &Extraction,
        mentions: &[Span],
    ) -> Resolution {
        let analysis = Analysis::new(text, &extraction.boilerplate);
        let queries: Vec<SourceQuery<'_>> = mentions
            .iter()
            .map(|&span| {
                let content = extraction
                    .attributions
                    .iter()
                    .find(|a| a.source.is_some_and(|s| s.overlaps(span)))
                    .map_or(&[][..], |a| &a.content[..]);
                SourceQuery { span, content }
            })
            .collect();
        speakers::resolve(&analysis, &queries)
    }
}
