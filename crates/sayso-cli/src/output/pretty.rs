//! `--format pretty`: what a person at a terminal wants to see of an article.
//!
//! ```text
//! okafor: 9 attributions, 2 boilerplate
//!   direct    0.90  she → Amara Okafor (person: water minister) · said
//!                   “We will not be rushed into this,”
//!   speakers: Amara Okafor ×7 (water minister) · Tom Ridley ×1 (the Liberal Democrat …)
//! ```

use std::fmt::Write;

use sayso::wire::{Article, Attribution, Span};

/// Content longer than this many chars is shortened in the middle.
const CONTENT_CHARS: usize = 240;

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const CYAN: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

pub fn render(article: &Article, color: bool, out: &mut Vec<u8>) {
    let paint = Paint { color };
    let mut s = String::new();
    let count = match article.attributions.len() {
        0 => "no attributions".to_string(),
        1 => "1 attribution".to_string(),
        n => format!("{n} attributions"),
    };
    let _ = writeln!(
        s,
        "{}: {count}, {} boilerplate",
        paint.on(BOLD, &printable(&article.id)),
        article.boilerplate.len()
    );
    for attribution in &article.attributions {
        attribution_lines(attribution, paint, &mut s);
    }
    speakers_line(article, paint, &mut s);
    s.push('\n');
    out.extend_from_slice(s.as_bytes());
}

fn attribution_lines(a: &Attribution, paint: Paint, s: &mut String) {
    let style = match a.kind.as_str() {
        "direct" => GREEN,
        "mixed" => YELLOW,
        _ => CYAN,
    };
    let source = match (&a.source, &a.speaker) {
        (Some(source), Some(speaker)) => {
            let mut about = speaker.kind.clone();
            if let Some(description) = &speaker.description {
                about = format!("{about}: {}", printable(description));
            }
            // The resolved speaker, when it is not the mention itself: `she → Amara Okafor`.
            let written = printable(&source.text);
            let name = printable(&speaker.name);
            let resolved = if name.is_empty() || written.starts_with(&name) {
                String::new()
            } else {
                format!(" → {}", paint.on(BOLD, &name))
            };
            format!(
                "{}{resolved} {}",
                paint.on(BOLD, &written),
                paint.on(DIM, &format!("({about})"))
            )
        }
        (Some(source), None) => paint.on(BOLD, &printable(&source.text)),
        (None, _) => paint.on(DIM, "(no source)"),
    };
    let cue = match &a.cue {
        Some(cue) => format!(" · {}", printable(&cue.text)),
        None => String::new(),
    };
    let kind = format!("{:<9}", a.kind);
    let _ = writeln!(s, "  {} {:.2}  {source}{cue}", paint.on(style, &kind), a.confidence);
    let _ = writeln!(s, "{:18}{}", "", content(&a.content));
}

/// The article's quoted named entities, most quoted first, with their first description.
fn speakers_line(article: &Article, paint: Paint, s: &mut String) {
    let mut quoted: Vec<_> = article.entities.iter().filter(|e| e.named && e.quoted > 0).collect();
    if quoted.is_empty() {
        return;
    }
    quoted.sort_by_key(|e| (std::cmp::Reverse(e.quoted), e.id));
    let shown: Vec<String> = quoted
        .iter()
        .map(|e| {
            let mut one = format!("{} ×{}", printable(&e.name), e.quoted);
            if let Some(d) = e.descriptions.first() {
                one.push_str(&paint.on(DIM, &format!(" ({})", printable(d))));
            }
            one
        })
        .collect();
    let _ = writeln!(s, "  {} {}", paint.on(DIM, "speakers:"), shown.join(" · "));
}

/// The fragments on one line, white space collapsed, shortened in the middle when long.
fn content(fragments: &[Span]) -> String {
    let joined: Vec<String> = fragments.iter().map(|f| printable(&f.text)).collect();
    let joined = joined.join(" … ");
    let count = joined.chars().count();
    if count <= CONTENT_CHARS {
        return joined;
    }
    let head: String = joined.chars().take(CONTENT_CHARS * 2 / 3).collect();
    let tail: String = joined.chars().skip(count - CONTENT_CHARS / 4).collect();
    format!("{} […] {}", head.trim_end(), tail.trim_start())
}

/// One line of text safe for a terminal: white space runs become one space, and other
/// control characters (which could be escape sequences) become U+FFFD.
fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(if c.is_control() { '\u{fffd}' } else { c });
    }
    out
}

#[derive(Clone, Copy)]
struct Paint {
    color: bool,
}

impl Paint {
    fn on(self, style: &str, text: &str) -> String {
        if self.color {
            format!("{style}{text}{RESET}")
        } else {
            text.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sayso::wire::Speaker;

    fn span(text: &str) -> Span {
        Span { start: 0, end: text.len(), text: text.to_string() }
    }

    #[test]
    fn one_attribution() {
        let article = Article {
            id: "okafor".into(),
            attributions: vec![Attribution {
                kind: "direct".into(),
                content: vec![span("“We will win,”"), span("“and\n\nsoon.”")],
                cue: Some(span("said")),
                source: Some(span("Ms Okafor")),
                speaker: Some(Speaker {
                    name: "Ms Okafor".into(),
                    kind: "person".into(),
                    description: None,
                    entity: None,
                }),
                confidence: 0.9,
            }],
            boilerplate: vec![span("READ MORE: x")],
            entities: vec![],
            meta: None,
        };
        let mut out = Vec::new();
        render(&article, false, &mut out);
        let expected = "okafor: 1 attribution, 1 boilerplate\n  \
            direct    0.90  Ms Okafor (person) · said\n                  \
            “We will win,” … “and soon.”\n\n";
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn long_content_is_shortened_and_escapes_are_defused() {
        let long = "word ".repeat(200);
        let shown = content(&[span(&long)]);
        assert!(shown.chars().count() < CONTENT_CHARS + 10, "{shown}");
        assert!(shown.contains(" […] "));
        assert_eq!(printable("a\x1b[2Jb \t c"), "a\u{fffd}[2Jb c");
    }
}
