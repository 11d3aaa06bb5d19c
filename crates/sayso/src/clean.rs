//! Finds web junk in scraped articles: promotion and navigation lines such as
//! `READ MORE: … [REVEAL]`, `DON’T MISS: …`, `Sign up to …`, `Advertisement`.
//!
//! Boilerplate is marked, never removed: the text keeps its offsets, and later stages skip
//! what lies inside a boilerplate span, so a quoted headline inside a promo is not a quote.

use crate::Span;

/// Markers that make a whole line boilerplate when the line starts with them (compared
/// case-insensitively, with ’ and ' alike).
const LINE_MARKERS: &[&str] = &[
    "read more",
    "read next",
    "read also",
    "also read",
    "don't miss",
    "do not miss",
    "see also",
    "related:",
    "related articles",
    "related stories",
    "related coverage",
    "recommended:",
    "more:",
    "more from",
    "most read",
    "trending:",
    "watch:",
    "watch now",
    "watch the video",
    "listen:",
    "sign up",
    "subscribe",
    "click here",
    "follow us",
    "follow @",
    "like us on",
    "share this",
    "share on",
    "advertisement",
    "sponsored",
    "story continues below",
    "article continues below",
    "continue reading",
    "scroll down",
    "get the latest",
    "get our newsletter",
    "join our",
    "download our app",
    "download the app",
    "we use cookies",
    "copyright ©",
    "© copyright",
    "all rights reserved",
    "image copyright",
    "image caption",
    "getty images",
    "photo:",
    "pictured:",
];

/// Markers that start boilerplate in the middle of a line when they stand in capitals, as in
/// text whose line breaks were lost: `… he said. READ MORE: Headline [REVEAL] Next …`.
const INLINE_MARKERS: &[&str] = &[
    "READ MORE:",
    "READ NEXT:",
    "DON'T MISS:",
    "DON’T MISS:",
    "SEE ALSO:",
    "RELATED:",
    "MORE:",
    "WATCH:",
];

/// Lines made only of these words are boilerplate.
const WHOLE_LINES: &[&str] =
    &["advertisement", "ad", "sponsored content", "share", "comments", "tweet", "email", "print"];

/// Returns the boilerplate spans of `text`, in order and not overlapping.
pub fn boilerplate(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut line_start = 0;
    // `split_inclusive('\n')` with `memchr`, which finds the ends of long paragraphs several
    // times faster than the generic char searcher.
    while line_start < text.len() {
        let line_end = memchr::memchr(b'\n', &text.as_bytes()[line_start..])
            .map_or(text.len(), |at| line_start + at + 1);
        let line = &text[line_start..line_end];
        let end = line_start + line.trim_end().len();
        let content = line.trim();
        let lead = line.len() - line.trim_start().len();
        let span = Span::new(line_start + lead, end);
        if !content.is_empty() {
            if is_boilerplate_line(content) {
                spans.push(span);
            } else if let Some(inline) = inline_marker(text, span) {
                spans.push(inline);
            }
        }
        line_start += line.len();
    }
    spans
}

fn starts_with_ignore_case(haystack: &str, needle: &str) -> bool {
    let mut h = haystack.chars().map(|c| if c == '’' { '\'' } else { c.to_ascii_lowercase() });
    needle.chars().all(|n| h.next() == Some(n))
}

/// No line longer than this, in bytes, can lowercase to one of [`WHOLE_LINES`]: a char
/// never shrinks to less than a third of its bytes when lowercased (the Kelvin sign, three
/// bytes, becomes `k`).
const WHOLE_LINE_MAX: usize = 3 * "sponsored content".len();

fn is_boilerplate_line(line: &str) -> bool {
    let line = line.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '©' && c != '@');
    let whole = line.trim_end_matches(|c: char| !c.is_alphanumeric());
    // Lowercasing allocates, and most lines are paragraphs of prose: only short ones can match.
    if whole.len() <= WHOLE_LINE_MAX && WHOLE_LINES.contains(&whole.to_lowercase().as_str()) {
        return true;
    }
    // A marker can only match a line that starts with its first char: that one comparison
    // turns most markers away before the char-by-char one.
    let first = line.chars().next().map(|c| if c == '’' { '\'' } else { c.to_ascii_lowercase() });
    LINE_MARKERS.iter().any(|m| {
        m.chars().next() == first
            && starts_with_ignore_case(line, m)
            // "More from …" and "Sign up …" are promos; "More than half of voters …" is not.
            && line[m.len().min(line.len())..].chars().next().is_none_or(|c| !c.is_alphanumeric())
    })
}

/// An inline marker in capitals, with what follows it up to a closing `[TAG]` or the end of
/// the line.
fn inline_marker(text: &str, line: Span) -> Option<Span> {
    let s = &text[line.range()];
    // Every marker ends in a colon, so only the text before each colon is compared: one scan
    // of the line instead of one search per marker.
    let (at, marker) = memchr::memchr_iter(b':', s.as_bytes())
        .flat_map(|colon| {
            let before = &s[..=colon];
            INLINE_MARKERS
                .iter()
                .filter(move |m| before.ends_with(*m))
                .map(move |m| (before.len() - m.len(), m))
        })
        .min()?;
    let rest = &s[at + marker.len()..];
    // The promo ends after a bracketed tag like [REVEAL] or [PICS], else at the line's end.
    let end = match rest.find('[').and_then(|o| rest[o..].find(']').map(|c| o + c + 1)) {
        Some(close) => at + marker.len() + close,
        None => s.len(),
    };
    Some(Span::new(line.start + at, line.start + end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn junk(text: &str) -> Vec<&str> {
        boilerplate(text).iter().map(|s| s.text(text)).collect()
    }

    macro_rules! t {
        ($name:ident, $input:expr, $expected:expr) => {
            #[test]
            fn $name() {
                let expected: Vec<&str> = $expected;
                assert_eq!(junk($input), expected);
            }
        };
    }

    t!(
        read_more,
        "He left.\nREAD MORE: “Huge blow” for PM [REVEAL]\nShe stayed.",
        vec!["READ MORE: “Huge blow” for PM [REVEAL]"]
    );
    t!(dont_miss_curly, "DON’T MISS: Ten things\nText.", vec!["DON’T MISS: Ten things"]);
    t!(advertisement, "A.\n\nAdvertisement\n\nB.", vec!["Advertisement"]);
    t!(sign_up, "Sign up to our newsletter\nText.", vec!["Sign up to our newsletter"]);
    t!(click_here, "Click here for more.", vec!["Click here for more."]);
    t!(more_than_is_prose, "More than half of voters agreed.", vec![]);
    t!(advertising_is_prose, "Advertising revenue fell.", vec![]);
    t!(
        inline,
        "he said. READ MORE: Boris news [PICS] Then she",
        vec!["READ MORE: Boris news [PICS]"]
    );
    t!(no_junk, "Plain text.\n\nMore text.", vec![]);
}
