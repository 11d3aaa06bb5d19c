//! sayso reads news articles and finds every attributed statement in them: who said what,
//! with which cue, on whose say-so.
//!
//! An [`Extractor`] turns an article's text into an [`Extraction`]: a list of
//! [`Attribution`]s (content, cue, source, speaker, confidence) and the boilerplate it set
//! aside. Every annotation is a [`Span`] of byte offsets into the text exactly as it was
//! given; nothing is normalised.
//!
//! The flow of one article (see `ARCHITECTURE.md` at the repository root):
//! [`clean`] marks boilerplate, [`text`] cuts tokens, sentences and paragraphs, [`quotes`]
//! pairs quotation marks, [`cues`] knows the reporting verbs, and [`attribute`] links
//! contents to cues and sources; [`speakers`] resolves every source to an article-level
//! [`Entity`] (names, pronouns, descriptions). [`wire`] is the JSON contract; [`eval`] scores against gold
//! brat annotations.
//!
//! # Example
//!
//! ```
//! use sayso::{AttributionKind, Extractor};
//!
//! let text = "“We will win,” Ms Okafor said, “and soon.”";
//! let extraction = Extractor::new().extract(text);
//! let first = &extraction.attributions[0];
//! assert_eq!(first.kind, AttributionKind::Direct);
//! assert_eq!(first.content.len(), 2);
//! assert_eq!(first.source.unwrap().text(text), "Ms Okafor");
//! assert_eq!(first.cue.unwrap().text(text), "said");
//! ```
#![deny(missing_docs)]

pub mod attribute;
pub mod attribution;
pub mod clean;
pub mod cues;
pub mod eval;
mod extract;
pub mod input;
pub mod model;
pub mod quotes;
mod span;
pub mod speakers;
pub mod text;
pub mod wire;

pub use crate::attribution::{Attribution, AttributionKind, Extraction, Speaker, SpeakerKind};
pub use crate::extract::{Extractor, PIECE};
pub use crate::span::Span;
pub use crate::speakers::{Entity, EntityKind};
