//! Builds `crates/sayso/data/pos-lexicon.tsv`, the word → part-of-speech lexicon behind
//! `sayso::text::pos`, from Universal Dependencies CoNLL-U files, and measures the tagger.
//!
//! From the repository root, with the UD English EWT files that `../shared` holds:
//!
//! ```text
//! cargo run -p sayso --example build_pos_lexicon -- ../shared/data/ud-english-ewt/*.conllu
//! ```
//!
//! It first counts every sentence but the last tenth of the last file named (EWT's test part),
//! tags that tenth with `PosLexicon::guess` exactly as the engine does, and prints the
//! accuracy; then it counts all the sentences and writes the lexicon. The same files give the
//! same bytes. The licence line of the file's header names the commit in `SOURCE_COMMIT`
//! beside the first file.

use std::collections::BTreeMap;
use std::error::Error;
use std::fmt::Write as _;
use std::path::Path;

use sayso::text::pos::{Pos, PosLexicon};

/// Where the lexicon goes.
const OUTPUT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/pos-lexicon.tsv");
/// The share of the last file's sentences, from its end, held out to measure the tagger.
const HELD_OUT_PERCENT: usize = 10;
/// A second tag is kept when it tags at least 1/SECOND_TAG_SHARE of a word's occurrences.
const SECOND_TAG_SHARE: u32 = 4;
/// Folds of the cross-validation that checks the held-out figure.
const FOLDS: usize = 10;

/// One token of a treebank sentence.
struct Token {
    form: String,
    pos: Pos,
    /// The first token of its sentence with a letter or digit.
    initial: bool,
}

type Sentence = Vec<Token>;

/// How often a lowercased word took each tag, written plainly and written capitalised in a
/// way that suggests a name (see [`proper_shape`]).
#[derive(Default)]
struct WordCounts {
    plain: [u32; Pos::ALL.len()],
    capitalised: [u32; Pos::ALL.len()],
}

impl WordCounts {
    /// The occurrences that give the word's main tags: the plain ones, or all when the word
    /// was only ever seen capitalised (`Monday`).
    fn main(&self) -> [u32; Pos::ALL.len()] {
        if self.plain.iter().any(|&n| n > 0) {
            self.plain
        } else {
            self.capitalised
        }
    }
}

type Counts = BTreeMap<String, WordCounts>;

fn main() -> Result<(), Box<dyn Error>> {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let Some(last_path) = paths.last() else {
        return Err("usage: build_pos_lexicon FILE.conllu... (held-out sentences come from the \
                    end of the last file)"
            .into());
    };
    let mut files = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        files.push(read_conllu(&text).map_err(|e| format!("{path}: {e}"))?);
    }
    let commit = source_commit(&paths[0]);
    let all: Vec<&Sentence> = files.iter().flatten().collect();

    let (last, earlier) = files.split_last().ok_or("no input")?;
    let cut = last.len() - last.len() * HELD_OUT_PERCENT / 100;
    let (kept, held_out) = last.split_at(cut);
    let train: Vec<&Sentence> = earlier.iter().flatten().chain(kept).collect();
    println!(
        "held out: the last {HELD_OUT_PERCENT}% of {last_path} ({} sentences), trained on the \
         other {}",
        held_out.len(),
        train.len()
    );
    Score::measure(&train, &held_out.iter().collect::<Vec<_>>())?.print();

    // The held-out part is small; folds over every sentence give a steadier figure.
    let mut folds = Score::default();
    for fold in 0..FOLDS {
        let (mut train, mut test) = (Vec::new(), Vec::new());
        for (i, &sentence) in all.iter().enumerate() {
            if i % FOLDS == fold {
                test.push(sentence)
            } else {
                train.push(sentence)
            }
        }
        folds.add(Score::measure(&train, &test)?);
    }
    println!(
        "{FOLDS}-fold cross-validation over all {} sentences (every {FOLDS}th held out):",
        all.len()
    );
    folds.print();

    let counts = count(&all);
    let text = render(&counts, &commit);
    std::fs::write(OUTPUT, &text).map_err(|e| format!("{OUTPUT}: {e}"))?;
    let words = PosLexicon::from_tsv(&text)?.len();
    println!(
        "wrote {OUTPUT}: {words} of {} words seen, {} lines, {} bytes",
        counts.len(),
        text.lines().count(),
        text.len()
    );
    Ok(())
}

/// The sentences of a CoNLL-U file, without multiword-token lines (`1-2`) and empty nodes
/// (`1.1`), which carry no tag of their own.
fn read_conllu(text: &str) -> Result<Vec<Sentence>, String> {
    let mut sentences = Vec::new();
    let mut sentence = Sentence::new();
    for (index, line) in text.lines().enumerate() {
        if line.is_empty() {
            finish(&mut sentences, &mut sentence);
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [id, form, _lemma, upos, ..] = fields[..] else {
            return Err(format!("line {}: fewer than 4 columns", index + 1));
        };
        if id.contains(['-', '.']) {
            continue;
        }
        let pos =
            Pos::from_ud(upos).ok_or_else(|| format!("line {}: unknown UPOS {upos}", index + 1))?;
        sentence.push(Token { form: form.to_string(), pos, initial: false });
    }
    finish(&mut sentences, &mut sentence);
    Ok(sentences)
}

fn finish(sentences: &mut Vec<Sentence>, sentence: &mut Sentence) {
    if sentence.is_empty() {
        return;
    }
    if let Some(first) = sentence.iter_mut().find(|t| t.form.chars().any(char::is_alphanumeric)) {
        first.initial = true;
    }
    sentences.push(std::mem::take(sentence));
}

/// The first word of `SOURCE_COMMIT` beside `path`, or `unknown`.
fn source_commit(path: &str) -> String {
    let file = Path::new(path).with_file_name("SOURCE_COMMIT");
    std::fs::read_to_string(file)
        .ok()
        .and_then(|text| text.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".to_string())
}

/// The lexicon's key for a word form, as `pos.rs` folds it.
fn key(form: &str) -> String {
    form.to_lowercase().replace(['’', 'ʼ'], "'")
}

/// Whether a capital letter suggests a name, as `pos.rs` judges it: a capitalised word away
/// from the sentence start, or an acronym anywhere.
fn proper_shape(form: &str, initial: bool) -> bool {
    let mut chars = form.chars();
    if !chars.next().is_some_and(char::is_uppercase) {
        return false;
    }
    !initial || (chars.clone().next().is_some() && !chars.any(char::is_lowercase))
}

fn count(sentences: &[&Sentence]) -> Counts {
    let mut counts = Counts::new();
    for token in sentences.iter().copied().flatten() {
        let word = counts.entry(key(&token.form)).or_default();
        if proper_shape(&token.form, token.initial) {
            word.capitalised[token.pos as usize] += 1;
        } else {
            word.plain[token.pos as usize] += 1;
        }
    }
    counts
}

/// Tags by frequency, most frequent first, ties in declaration order.
fn ranked(counts: &[u32; Pos::ALL.len()]) -> Vec<(Pos, u32)> {
    let mut ranked: Vec<(Pos, u32)> =
        Pos::ALL.into_iter().zip(counts.iter().copied()).filter(|&(_, n)| n > 0).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
}

/// The lexicon line for a word: `word<TAB>TAG[<TAB>TAG2][<TAB>^TAG3]`.
fn line(word: &str, counts: &WordCounts) -> String {
    let main = counts.main();
    let all = ranked(&main);
    let total: u32 = main.iter().sum();
    let first = all[0].0;
    let mut line = format!("{word}\t{first}");
    if let Some(&(second, n)) = all.get(1) {
        if n * SECOND_TAG_SHARE >= total {
            let _ = write!(line, "\t{second}");
        }
    }
    // What `pos.rs` assumes of a capitalised known word, unless told otherwise.
    let assumed = if first == Pos::Noun { Pos::Propn } else { first };
    if let Some(&(capitalised, _)) = ranked(&counts.capitalised).first() {
        if capitalised != assumed {
            let _ = write!(line, "\t^{capitalised}");
        }
    }
    line
}

/// Whether a one-line lexicon tags `word` in every shape just as the fallbacks alone do.
fn redundant(line: &str, word: &str) -> bool {
    let Ok(alone) = PosLexicon::from_tsv(line) else {
        return false;
    };
    let fallback = PosLexicon::default();
    let mut chars = word.chars();
    let capitalised: String =
        chars.next().into_iter().flat_map(char::to_uppercase).chain(chars).collect();
    let upper = word.to_uppercase();
    let shapes: [(&str, bool); 4] =
        [(word, false), (&capitalised, true), (&capitalised, false), (&upper, true)];
    shapes.iter().all(|&(form, initial)| alone.tags(form, initial) == fallback.tags(form, initial))
}

/// The lexicon file: the header, then one line per word that says more than the fallbacks.
fn render(counts: &Counts, commit: &str) -> String {
    let lines: Vec<String> = counts
        .iter()
        .map(|(word, counts)| line(word, counts))
        .zip(counts.keys())
        .filter(|(line, word)| !redundant(line, word))
        .map(|(line, _)| line)
        .collect();
    let tokens: u32 = counts.values().flat_map(|c| c.plain.into_iter().chain(c.capitalised)).sum();
    let mut text = format!(
        "\
# Word → part-of-speech lexicon for sayso::text::pos: cheap tagging hints.
# Derived from the Universal Dependencies English Web Treebank by its contributors
# (UniversalDependencies/UD_English-EWT, dev and test parts, SOURCE_COMMIT
# {commit}). Licence: CC BY-SA 4.0,
# https://creativecommons.org/licenses/by-sa/4.0/ ; this file is shared under the same
# licence (see NOTICE.md). Generated, do not edit; from the repository root run
#   cargo run -p sayso --example build_pos_lexicon -- ../shared/data/ud-english-ewt/*.conllu
#
# One word a line, sorted by bytes: word<TAB>TAG[<TAB>TAG2][<TAB>^TAG3]
#   word   the form lowercased, typographic apostrophes straightened (n’t → n't)
#   TAG    its most frequent universal POS tag (UPOS) where it is written plainly (lowercase,
#          or capitalised opening a sentence), or written at all if never plainly (Monday)
#   TAG2   the second most frequent, when it tags at least 1/{SECOND_TAG_SHARE} of the occurrences
#   ^TAG3  its most frequent tag written capitalised away from a sentence start (or as an
#          acronym), when that differs from what the reader assumes: PROPN for a word whose
#          TAG is NOUN, TAG itself for any other
# Words whose line would tell nothing that the shape and suffix fallbacks of pos.rs do not
# are left out. Lines without a tab are comments.
# {} words kept of {} seen in {tokens} tokens.
",
        lines.len(),
        counts.len()
    );
    for line in lines {
        text.push_str(&line);
        text.push('\n');
    }
    text
}

/// How a lexicon trained on some sentences tags others.
#[derive(Default)]
struct Score {
    tokens: usize,
    right: usize,
    /// Tokens whose word was seen in training, and how many of those were tagged right.
    known: usize,
    known_right: usize,
    /// Right by the most frequent tag of the lowercased word, or NOUN for an unseen word.
    baseline_right: usize,
    /// (gold, guess) → count.
    confusions: BTreeMap<(Pos, Pos), u32>,
}

impl Score {
    /// Trains a lexicon on `train` and tags `test` with `PosLexicon::guess`.
    fn measure(train: &[&Sentence], test: &[&Sentence]) -> Result<Score, Box<dyn Error>> {
        let counts = count(train);
        let lexicon = PosLexicon::from_tsv(&render(&counts, "held-out"))?;
        let mut score = Score::default();
        for token in test.iter().copied().flatten() {
            let guess = lexicon.guess(&token.form, token.initial);
            let seen = counts.get(&key(&token.form));
            score.tokens += 1;
            if guess == token.pos {
                score.right += 1;
                score.known_right += usize::from(seen.is_some());
            } else {
                *score.confusions.entry((token.pos, guess)).or_default() += 1;
            }
            score.known += usize::from(seen.is_some());
            let baseline = seen.map_or(Pos::Noun, |counts| {
                let mut all = counts.plain;
                all.iter_mut().zip(counts.capitalised).for_each(|(a, b)| *a += b);
                ranked(&all)[0].0
            });
            score.baseline_right += usize::from(baseline == token.pos);
        }
        Ok(score)
    }

    fn add(&mut self, other: Score) {
        self.tokens += other.tokens;
        self.right += other.right;
        self.known += other.known;
        self.known_right += other.known_right;
        self.baseline_right += other.baseline_right;
        for (pair, n) in other.confusions {
            *self.confusions.entry(pair).or_default() += n;
        }
    }

    fn print(&self) {
        let percent = |n: usize, of: usize| 100.0 * n as f64 / of.max(1) as f64;
        println!(
            "  accuracy of PosLexicon::guess on {} tokens: {:.1}%",
            self.tokens,
            percent(self.right, self.tokens)
        );
        println!(
            "  words seen in training ({:.1}% of tokens): {:.1}%; unseen, by fallback: {:.1}%",
            percent(self.known, self.tokens),
            percent(self.known_right, self.known),
            percent(self.right - self.known_right, self.tokens - self.known)
        );
        println!(
            "  baseline, most frequent tag of the lowercased word or NOUN: {:.1}%",
            percent(self.baseline_right, self.tokens)
        );
        let mut confusions: Vec<_> = self.confusions.iter().collect();
        confusions.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let top: Vec<String> = confusions
            .iter()
            .take(8)
            .map(|((gold, guess), n)| format!("{gold}→{guess} {n}"))
            .collect();
        println!("  most frequent errors (gold→guess): {}", top.join(", "));
    }
}
