//! The pipeline: one article in, one [`Extraction`] out.

use crate::attribute::{attribute, Analysis};
use crate::clean::boilerplate;
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
        let boilerplate = boilerplate(text);
        let mut analysis = Analysis::new(text, &boilerplate);
        let attributions = attribute(&mut analysis);
        Extraction { attributions, boilerplate }
    }
}
