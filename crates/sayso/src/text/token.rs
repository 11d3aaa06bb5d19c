//! The tokenizer: words, numbers, punctuation and quotation marks with byte spans.

use super::AsciiLower;
use crate::Span;

/// What a quotation-mark token can do, judged from the mark and its neighbours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteMark {
    /// Opens a quotation: `“`, `«`, `„`, or a straight `"` before a word.
    Open,
    /// Closes a quotation: `”`, `»`, or a straight `"` after a word.
    Close,
    /// Could do either (a straight mark between spaces); the pairing stage decides.
    Either,
}

/// The class of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with inner hyphens, apostrophes or abbreviation periods.
    Word,
    /// Digits, possibly with inner separators: `100,000`, `3.5`, `2016`.
    Number,
    /// A double quotation mark (or a pair of single marks used as one, like `''`).
    Quote(QuoteMark),
    /// A single quotation mark that is not an apostrophe.
    SingleQuote(QuoteMark),
    /// Any other punctuation or symbol.
    Punct,
}

/// One token of an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where the token stands in the original text.
    pub span: Span,
    /// Its class.
    pub kind: TokenKind,
    /// True when a line break stands between this token and the previous one.
    pub starts_line: bool,
    /// True when white space (or a line break) stands between this token and the previous one.
    pub space_before: bool,
}

impl Token {
    /// The token's text.
    #[inline]
    pub fn text(self, text: &str) -> &str {
        &text[self.span.range()]
    }

    /// True for words and numbers.
    #[inline]
    pub fn is_wordlike(self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::Number)
    }

    /// True for any double or single quotation mark.
    #[inline]
    pub fn is_quote(self) -> bool {
        matches!(self.kind, TokenKind::Quote(_) | TokenKind::SingleQuote(_))
    }
}

/// The tokens of one article.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    tokens: Vec<Token>,
}

impl std::ops::Deref for Tokens {
    type Target = [Token];
    fn deref(&self) -> &[Token] {
        &self.tokens
    }
}

/// Abbreviations whose period belongs to the word (compared lowercase, without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt",
    "cmdr", "adm", "maj", "st", "jr", "sr", "rev", "hon", "pres", "supt", "insp", "det", "messrs",
    "mme", "mlle", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "vs", "etc", "inc", "ltd", "co", "corp", "bros", "dept", "univ", "assn", "ave", "blvd",
    "rd", "mt", "ft", "approx", "est", "fig", "vol", "ed", "eds", "al", "cf", "ala", "ariz", "ark",
    "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky", "la", "md", "mass",
    "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va",
    "vt", "wash", "wis", "wyo",
];

/// Whether a word followed by a period is an abbreviation that keeps the period.
fn is_abbreviation(word: &str) -> bool {
    if word.len() > 6 {
        return false;
    }
    // Initials and dotted acronyms: "J.", "U.S", "D.C".
    let b = word.as_bytes();
    if b.len() == 1 && b[0].is_ascii_uppercase() {
        return true;
    }
    if b.len() >= 3
        && b.iter()
            .enumerate()
            .all(|(i, c)| if i % 2 == 1 { *c == b'.' } else { c.is_ascii_alphabetic() })
    {
        return true;
    }
    let mut lower = [0u8; 6];
    for (l, c) in lower.iter_mut().zip(b) {
        *l = c.to_ascii_lowercase();
    }
    let lower = &lower[..b.len()];
    ABBREVIATIONS.iter().any(|a| a.as_bytes() == lower)
}

/// Clitics split off a word like the Penn Treebank does, so that `Obama’s` is `Obama` + `’s`.
const CLITICS: &[&str] = &["s", "re", "ll", "ve", "d", "m"];

/// Which bytes are ASCII letters or digits: one load a byte in the tokenizer's inner loop.
const ASCII_ALPHANUMERIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // The typographic marks news is full of are not letters: settled without the Unicode
    // tables, which every apostrophe and curly quote went through.
    if matches!(c, '’' | '‘' | '“' | '”' | '—' | '–' | '…' | '\u{a0}') {
        return false;
    }
    // Combining accents belong to the letter before them: decomposed text (`e` + U+0301
    // for `é`, as macOS and some feeds write it) keeps its words whole.
    c.is_alphanumeric() || c == '\u{ad}' || ('\u{300}'..='\u{36f}').contains(&c)
}

/// UTF-8 read as Latin-1 or Windows-1252, as scrapers often leave it: `é` becomes `Ã©`
/// and `è` `Ã¨`, a letter and a sign. The sign after such a letter stays in the word, so
/// that `SÃ©golÃ¨ne Royal` is a name of two words, not five tokens. The chars are U+0080–
/// U+00BF (Latin-1's C1 controls and signs; Windows-1252 gives real quotation marks, which
/// are not in the range, and those stay quotation marks). The letter may have been
/// decomposed after the damage (`A` + U+0303 for `Ã`).
fn continues_mojibake(word: &str, c: char) -> bool {
    ('\u{80}'..='\u{bf}').contains(&c)
        && (word.ends_with(['Ã', 'Â']) || word.ends_with("A\u{303}") || word.ends_with("A\u{302}"))
}

impl Tokens {
    /// Cuts `text` into tokens. Linear in the length of the text; never panics.
    pub fn new(text: &str) -> Tokens {
        let mut tokens = Vec::with_capacity(text.len() / 5);
        let mut lexer = Lexer { text, pos: 0, space_before: true, starts_line: true };
        while let Some(token) = lexer.next_token() {
            tokens.push(token);
        }
        Tokens { tokens }
    }

    /// Keeps only the tokens for which `keep` is true.
    pub fn retain(&mut self, keep: impl FnMut(&Token) -> bool) {
        self.tokens.retain(keep);
    }

    /// The tokens as a slice.
    pub fn as_slice(&self) -> &[Token] {
        &self.tokens
    }
}

struct Lexer<'t> {
    text: &'t str,
    pos: usize,
    space_before: bool,
    starts_line: bool,
}

impl Lexer<'_> {
    #[inline]
    fn peek(&self) -> Option<char> {
        self.char_at(self.pos)
    }

    /// The char at byte `at`, if a char starts there. An ASCII byte is always a whole char,
    /// so it is read without decoding (most of any text): this runs several times a token.
    #[inline]
    fn char_at(&self, at: usize) -> Option<char> {
        match self.text.as_bytes().get(at) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            _ => self.text.get(at..).and_then(|s| s.chars().next()),
        }
    }

    /// The char that ends at byte `at`, if a char boundary is there. An ASCII byte before
    /// `at` is a whole char and makes `at` a boundary, so it is read without decoding.
    #[inline]
    fn char_before(&self, at: usize) -> Option<char> {
        match at.checked_sub(1).and_then(|i| self.text.as_bytes().get(i)) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            _ => self.text.get(..at).and_then(|s| s.chars().next_back()),
        }
    }

    fn next_token(&mut self) -> Option<Token> {
        // White space, remembering line breaks; then the token's first char.
        let c = loop {
            // The usual white space, a plain space, without decoding a char.
            if self.text.as_bytes().get(self.pos) == Some(&b' ') {
                self.space_before = true;
                self.pos += 1;
                continue;
            }
            let c = self.peek()?;
            if c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}' {
                self.starts_line = true;
                self.space_before = true;
            } else if c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}' {
                self.space_before = true;
            } else {
                break c;
            }
            self.pos += c.len_utf8();
        };
        let start = self.pos;
        let kind = if is_word_char(c) {
            self.word()
        } else if is_apostrophe(c)
            || matches!(c, '"' | '“' | '”' | '‘' | '«' | '»' | '„' | '‚' | '‹' | '›' | '`' | '″')
        {
            self.quote(c)
        } else {
            self.pos += c.len_utf8();
            // Runs of the same dash or dot are one token: "--", "...".
            if matches!(c, '-' | '.' | '—' | '–') {
                while self.peek() == Some(c) {
                    self.pos += c.len_utf8();
                }
            }
            TokenKind::Punct
        };
        let token = Token {
            span: Span::new(start, self.pos),
            kind,
            starts_line: self.starts_line,
            space_before: self.space_before,
        };
        self.starts_line = false;
        self.space_before = false;
        Some(token)
    }

    fn word(&mut self) -> TokenKind {
        let start = self.pos;
        let mut numeric = true;
        let bytes = self.text.as_bytes();
        loop {
            // The usual word characters, ASCII letters and digits, a run at a time without
            // decoding a char; a number so far stays one while the run is all digits.
            let run = self.pos;
            self.pos +=
                bytes[run..].iter().take_while(|&&b| ASCII_ALPHANUMERIC[usize::from(b)]).count();
            numeric = numeric && bytes[run..self.pos].iter().all(u8::is_ascii_digit);
            let Some(c) = self.peek() else { break };
            if is_word_char(c) {
                numeric &= c.is_ascii_digit();
                self.pos += c.len_utf8();
                continue;
            }
            if continues_mojibake(&self.text[start..self.pos], c) {
                numeric = false;
                self.pos += c.len_utf8();
                continue;
            }
            // Only these chars can go on a word (the arms below); the rest end it at once,
            // without looking at the char after them.
            if !matches!(c, '-' | '‐' | '/' | '&' | ',' | '.' | ':') && !is_apostrophe(c) {
                break;
            }
            let next = self.char_at(self.pos + c.len_utf8());
            let next_is_word = next.is_some_and(is_word_char);
            match c {
                // Inner hyphens and slashes join words: "anti-GOP", "six-million".
                '-' | '‐' | '/' | '&' if next_is_word && !numeric => self.pos += c.len_utf8(),
                // Number separators: "100,000", "3.5", "9:30".
                ',' | '.' | ':' if numeric && next.is_some_and(|n| n.is_ascii_digit()) => {
                    self.pos += 1
                }
                // Dotted acronyms: "U.S.", "D.C.".
                '.' if next.is_some_and(|n| n.is_alphabetic())
                    && self.pos - start <= 2
                    && self.text[start..self.pos].chars().count() == 1 =>
                {
                    self.pos += 1
                }
                _ if is_apostrophe(c) && next_is_word => {
                    let rest_start = self.pos + c.len_utf8();
                    let rest_end = self.text[rest_start..]
                        .find(|ch: char| !ch.is_alphabetic())
                        .map_or(self.text.len(), |i| rest_start + i);
                    // Lowercased on the stack (every `’s` and `n’t` asks): a rest over 16
                    // bytes is no clitic.
                    let rest = AsciiLower::new(&self.text[rest_start..rest_end]);
                    let rest = rest.as_ref().map_or(&[][..], AsciiLower::as_bytes);
                    let word = &self.text[start..self.pos];
                    if rest == b"t" && word.len() > 1 && word.ends_with(['n', 'N']) {
                        // "don’t" → "do" + "n’t", unless the word is only "n".
                        self.pos -= 1;
                        return TokenKind::Word;
                    }
                    if CLITICS.iter().any(|clitic| clitic.as_bytes() == rest) {
                        return if numeric { TokenKind::Number } else { TokenKind::Word };
                    }
                    // O’Brien, rock ’n’ roll: the apostrophe is inside the word.
                    self.pos += c.len_utf8();
                }
                _ => break,
            }
        }
        // An abbreviation keeps its period: "Mr.", "U.S.", "Jan.".
        if bytes.get(self.pos) == Some(&b'.') && !numeric {
            let word = &self.text[start..self.pos];
            let followed_by_letter = self.char_at(self.pos + 1).is_some_and(char::is_alphabetic);
            let numbered = matches!(word, "No" | "no" | "Nos" | "nos")
                && self.text[self.pos + 1..].trim_start().starts_with(|c: char| c.is_ascii_digit());
            if (numbered || is_abbreviation(word)) && !followed_by_letter {
                self.pos += 1;
            }
        }
        if numeric {
            TokenKind::Number
        } else {
            TokenKind::Word
        }
    }

    fn quote(&mut self, c: char) -> TokenKind {
        let start = self.pos;
        self.pos += c.len_utf8();
        // Doubled single marks act as one double mark: ''quote'' and ``quote''.
        if matches!(c, '\'' | '`') && self.peek() == Some(c) {
            self.pos += 1;
            return TokenKind::Quote(if c == '`' { QuoteMark::Open } else { self.side(start) });
        }
        let before = self.char_before(start);
        let after = self.peek();
        match c {
            // “ closes German quotes („nein“) and ” opens in some typists' hands: trust the
            // context when it is unambiguous.
            '“' | '”' => {
                let before = self.char_before(start);
                let after = self.peek();
                let spaced_before = before.is_none_or(char::is_whitespace);
                let spaced_after =
                    after.is_none_or(|a| a.is_whitespace() || ",.;:!?)]".contains(a));
                TokenKind::Quote(match (spaced_before, spaced_after) {
                    (true, false) => QuoteMark::Open,
                    (false, true) => QuoteMark::Close,
                    _ if c == '“' => QuoteMark::Open,
                    _ => QuoteMark::Close,
                })
            }
            '«' | '„' => TokenKind::Quote(QuoteMark::Open),
            '»' | '″' => TokenKind::Quote(QuoteMark::Close),
            '"' => TokenKind::Quote(self.side(start)),
            '‘' | '‚' | '‹' | '`' => self.single_open(before, after),
            '›' => TokenKind::SingleQuote(QuoteMark::Close),
            _ => self.apostrophe_or_close(start, before, after),
        }
    }

    /// A straight mark opens when it follows space or an opening bracket, closes when it
    /// follows a word or punctuation; between spaces it could do either.
    fn side(&self, start: usize) -> QuoteMark {
        let before = self.char_before(start);
        let after = self.peek();
        let open_ctx = before.is_none_or(|b| b.is_whitespace() || "([{—–-/".contains(b));
        let close_ctx = after.is_none_or(|a| a.is_whitespace() || ",.;:!?)]}—–-".contains(a));
        match (open_ctx, close_ctx) {
            (true, false) => QuoteMark::Open,
            (false, true) => QuoteMark::Close,
            (false, false) => QuoteMark::Close,
            (true, true) => QuoteMark::Either,
        }
    }

    /// `‘` opens a single quote, except in ‘90s-style elisions that typists get wrong.
    fn single_open(&mut self, before: Option<char>, after: Option<char>) -> TokenKind {
        let _ = before;
        if after.is_some_and(|a| a.is_ascii_digit()) {
            return self.absorb_elision();
        }
        TokenKind::SingleQuote(QuoteMark::Open)
    }

    /// `’` and `'`: an apostrophe inside or at the edge of a word (don’t, ’90s, Jones’,
    /// rock ’n’ roll), else a single quotation mark.
    fn apostrophe_or_close(
        &mut self,
        start: usize,
        before: Option<char>,
        after: Option<char>,
    ) -> TokenKind {
        let word_before = before.is_some_and(is_word_char);
        let word_after = after.is_some_and(is_word_char);
        if !word_before && after.is_some_and(|a| a.is_ascii_digit()) {
            return self.absorb_elision();
        }
        if !word_before && word_after {
            // ’n’ and ’em are elisions, not quotes.
            let rest: String = self.text[self.pos..].chars().take(3).collect();
            let lower = rest.to_lowercase();
            if lower.starts_with("n’")
                || lower.starts_with("n'")
                || lower.starts_with("em") && !rest[2..].starts_with(char::is_alphanumeric)
            {
                return self.absorb_elision();
            }
            return TokenKind::SingleQuote(QuoteMark::Open);
        }
        if word_before && !word_after {
            // Plural possessive ("the Joneses’ house") vs a closing single quote: a plural
            // possessive follows an `s` and is followed by a word after one space.
            let prev_s = before.is_some_and(|b| b == 's' || b == 'S');
            let then_word = self.text[self.pos..].starts_with(' ')
                && self.char_at(self.pos + 1).is_some_and(char::is_lowercase);
            if prev_s && then_word {
                return TokenKind::Punct;
            }
            return TokenKind::SingleQuote(QuoteMark::Close);
        }
        if word_before && word_after {
            // The clitic of a word split before it: Putin’s → Putin + ’s.
            while self.peek().is_some_and(char::is_alphabetic) {
                self.pos += self.peek().map_or(1, char::len_utf8);
            }
            let _ = start;
            return TokenKind::Word;
        }
        TokenKind::SingleQuote(QuoteMark::Either)
    }

    /// Takes an elided word (’90s, ’n’, ’em) as a word token starting at the apostrophe.
    fn absorb_elision(&mut self) -> TokenKind {
        while let Some(c) = self.peek() {
            if is_word_char(c)
                || (is_apostrophe(c)
                    && self.char_before(self.pos).is_some_and(|b| b == 'n' || b == 'N'))
            {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
        TokenKind::Word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        Tokens::new(text).iter().map(|t| t.text(text)).collect()
    }

    fn kinds(text: &str) -> Vec<TokenKind> {
        Tokens::new(text).iter().map(|t| t.kind).collect()
    }

    macro_rules! t {
        ($name:ident, $input:expr, $expected:expr) => {
            #[test]
            fn $name() {
                assert_eq!(texts($input), $expected as Vec<&str>);
            }
        };
    }

    t!(words_and_punct, "He said, “No.”", vec!["He", "said", ",", "“", "No", ".", "”"]);
    t!(clitics_split, "Putin’s men don’t", vec!["Putin", "’s", "men", "do", "n’t"]);
    t!(
        abbreviations_keep_period,
        "Mr. Smith of the U.S. left.",
        vec!["Mr.", "Smith", "of", "the", "U.S.", "left", "."]
    );
    t!(numbers, "100,000 or 3.5 at 9:30.", vec!["100,000", "or", "3.5", "at", "9:30", "."]);
    t!(hyphens, "six-million anti-GOP", vec!["six-million", "anti-GOP"]);
    t!(elided_decade, "the ’90s and '80s", vec!["the", "’90s", "and", "'80s"]);
    t!(rock_n_roll, "rock ’n’ roll", vec!["rock", "’n’", "roll"]);
    t!(obrien, "O’Brien said", vec!["O’Brien", "said"]);
    t!(doubled_marks, "''I love it,''", vec!["''", "I", "love", "it", ",", "''"]);
    t!(ellipsis, "wait... what", vec!["wait", "...", "what"]);
    t!(
        combining_accents_stay_in_their_word,
        "Se\u{301}gole\u{300}ne Royal",
        vec!["Se\u{301}gole\u{300}ne", "Royal"]
    );
    t!(
        mojibake_stays_in_its_word,
        "SÃ©golÃ¨ne Royal Ã© Â© © PeA\u{303}\u{b1}a RaÃ\u{83}Âºl",
        vec!["SÃ©golÃ¨ne", "Royal", "Ã©", "Â©", "©", "PeA\u{303}\u{b1}a", "RaÃ\u{83}Âºl"]
    );

    #[test]
    fn quote_sides() {
        use QuoteMark::*;
        use TokenKind::*;
        assert_eq!(kinds("\"A\" b"), vec![Quote(Open), Word, Quote(Close), Word]);
        assert_eq!(kinds("“A”"), vec![Quote(Open), Word, Quote(Close)]);
        assert_eq!(kinds("‘A’"), vec![SingleQuote(Open), Word, SingleQuote(Close)]);
        assert_eq!(kinds("the Joneses’ house"), vec![Word, Word, Punct, Word]);
        assert_eq!(kinds("a \" b"), vec![Word, Quote(Either), Word]);
    }

    #[test]
    fn line_starts() {
        let text = "a\n\nb c";
        let toks = Tokens::new(text);
        assert!(toks[0].starts_line && toks[1].starts_line && !toks[2].starts_line);
    }
}
