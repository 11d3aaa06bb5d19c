//! Rendering: one article's wire form into the bytes printed for it.
//!
//! Runs on the worker threads; the writer only copies finished bytes to stdout in order.

mod pretty;

use sayso::wire::{self, OffsetUnit};
use sayso::Extraction;

use crate::record::Article;

/// `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per line: the contract in `docs/output.md`.
    Jsonl,
    /// A summary for a person at a terminal; not for parsing.
    Pretty,
}

/// Renders articles in one format.
#[derive(Clone, Copy, Debug)]
pub struct Renderer {
    pub format: Format,
    /// ANSI colours (pretty only).
    pub color: bool,
}

impl Renderer {
    /// Appends the rendering of one article's extraction to `out`, line ending included.
    pub fn render(
        &self,
        article: &Article,
        extraction: &Extraction,
        offsets: OffsetUnit,
        out: &mut Vec<u8>,
    ) -> serde_json::Result<()> {
        match self.format {
            // Straight from the extraction: the same bytes as serde over `wire::Article`, at
            // a fraction of the cost.
            Format::Jsonl => {
                let meta = article.meta.as_ref();
                wire::write_jsonl(out, &article.id, &article.text, extraction, offsets, meta)?;
                out.push(b'\n');
            }
            Format::Pretty => {
                let wire = wire::Article::new(
                    article.id.as_str(),
                    &article.text,
                    extraction,
                    offsets,
                    article.meta.clone(),
                );
                pretty::render(&wire, self.color, out);
            }
        }
        Ok(())
    }
}
