//! Tokens, sentences and paragraphs: the units every later stage reasons over.
//!
//! [`Tokens::new`] cuts an article into [`Token`]s in one pass over its bytes, classifying
//! quotation marks and apostrophes as it goes, and [`segment`] groups tokens into sentences
//! and paragraphs. Tokens keep byte spans into the original text; nothing is rewritten.

mod lexicon;
pub mod pos;
mod segment;
mod token;

pub(crate) use self::lexicon::{short_key, word_class_of, AsciiLower};
pub use self::lexicon::{word_class, WordClass};
pub use self::segment::{segment, Segments, Sentence};
pub use self::token::{QuoteMark, Token, TokenKind, Tokens};
