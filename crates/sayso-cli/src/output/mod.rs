//! Rendering: one article's wire form into the bytes printed for it.
//!
//! Runs on the worker threads; the writer only copies finished bytes to stdout in order.

mod pretty;

use sayso::wire::Article;

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
    /// Appends the rendering of `article` to `out`, line ending included.
    pub fn render(&self, article: &Article, out: &mut Vec<u8>) -> serde_json::Result<()> {
        match self.format {
            Format::Jsonl => {
                serde_json::to_writer(&mut *out, article)?;
                out.push(b'\n');
            }
            Format::Pretty => pretty::render(article, self.color, out),
        }
        Ok(())
    }
}
