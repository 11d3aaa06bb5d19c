//! The pipeline: one article in, one [`Extraction`] out.

use std::sync::Arc;

use crate::attribute::{attribute, Analysis};
use crate::clean::boilerplate;
use crate::model::Model;
use crate::Extraction;

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
    pub fn extract(&self, text: &str) -> Extraction {
        let boilerplate = boilerplate(text);
        let mut analysis = Analysis::new(text, &boilerplate);
        let rules = attribute(&mut analysis);
        let attributions = match self.model() {
            None => rules,
            Some(model) => model.attribute(&analysis, &rules),
        };
        Extraction { attributions, boilerplate }
    }
}
