//! The trained tagger: which tokens are source, cue and content.
//!
//! The model is a first-order linear-chain tagger over the tokens of each paragraph,
//! trained as an averaged structured perceptron (Collins 2002). Every token gets one of
//! seven [`Tag`]s (begin or inside of a source, cue or content span, or outside), its
//! score is the sum of the weights of its hashed [`features`] for that tag plus a
//! transition weight from the previous tag, and Viterbi finds the best sequence under
//! the rule that an inside tag follows a begin or inside tag of its own role. The v1 rules
//! run first and their decisions are features, so the model learns where to trust them.
//! [`decode`] turns the tag sequence back into linked attributions.
//!
//! A [`Model`] is read from and written to bytes by [`format`]; the default one, trained on
//! PolNeAR's train compartment by `sayso train`, is built into the crate
//! ([`Model::embedded`]). [`train()`] trains one from gold articles.

pub mod decode;
pub mod features;
pub mod format;
mod isotonic;
mod rows;
pub mod spans;
mod train;

use std::ops::Range;
use std::sync::OnceLock;

pub use self::features::{Features, RoleWords, TEMPLATES_VERSION};
pub use self::format::ModelError;
pub use self::train::{
    gold_tags, train, Alignment, Costs, Document, Example, Progress, TrainOptions,
};

use crate::attribute::{attribute, speaker_lines, Analysis};
use crate::clean::boilerplate;
use crate::eval::GoldAttribution;
use crate::text::pos::lexicon;
use crate::text::TokenKind;
use crate::Attribution;

use self::rows::Rows;

/// The role a token plays, with begin/inside distinction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Tag {
    /// Outside any span.
    O = 0,
    /// First token of a source.
    BSource = 1,
    /// Later token of a source.
    ISource = 2,
    /// First token of a cue.
    BCue = 3,
    /// Later token of a cue.
    ICue = 4,
    /// First token of a content fragment.
    BContent = 5,
    /// Later token of a content fragment.
    IContent = 6,
}

/// The number of tags.
pub const TAGS: usize = 7;
/// The width of a weight row (tags padded to a power of two).
pub const STRIDE: usize = 8;

/// A quantized weight as a [`FrozenTagger`] holds it: a multiple of the tagger's scale.
pub(crate) type Weight = i8;

impl Tag {
    /// Every tag, in index order.
    pub const ALL: [Tag; TAGS] =
        [Tag::O, Tag::BSource, Tag::ISource, Tag::BCue, Tag::ICue, Tag::BContent, Tag::IContent];

    /// The tag with index `i` (`O` past the end).
    #[inline]
    pub fn from_index(i: usize) -> Tag {
        Tag::ALL.get(i).copied().unwrap_or(Tag::O)
    }

    /// The role, ignoring begin/inside: 0 none, 1 source, 2 cue, 3 content.
    #[inline]
    pub fn role(self) -> u8 {
        (self as u8).div_ceil(2)
    }

    /// True for a begin tag.
    #[inline]
    pub fn is_begin(self) -> bool {
        matches!(self, Tag::BSource | Tag::BCue | Tag::BContent)
    }

    /// Whether `self` may follow `prev` (`None` at the start of a sequence).
    #[inline]
    pub fn may_follow(self, prev: Option<Tag>) -> bool {
        match self {
            Tag::ISource | Tag::ICue | Tag::IContent => {
                prev.is_some_and(|p| p != Tag::O && p.role() == self.role())
            }
            _ => true,
        }
    }
}

/// One linear-chain tagger: feature weights and transition weights.
#[derive(Clone, Debug, PartialEq)]
pub struct Tagger {
    /// log2 of the number of weight rows.
    pub(crate) bits: u32,
    /// `1 << bits` rows of weights, one per tag (padded to `STRIDE`).
    pub(crate) weights: Vec<[f32; STRIDE]>,
    /// `transitions[p][t]`: from tag `p` to tag `t`; row `TAGS` is the sequence start.
    /// A transition the tag set forbids holds negative infinity.
    pub(crate) transitions: [[f32; TAGS]; TAGS + 1],
}

/// A tagger as it runs: the weights rounded to 8 bits with one scale, as the model file
/// stores them. A quarter of the memory of the f32 table that training updates (1 MB for
/// the default 2^17 rows), so more of the rows an article touches stay in cache; the sums
/// are exact in 32-bit integers.
#[derive(Clone, Debug, PartialEq)]
pub struct FrozenTagger {
    /// log2 of the number of weight rows.
    pub(crate) bits: u32,
    /// `1 << bits` rows of quantized weights, one per tag (padded to `STRIDE`).
    pub(crate) rows: Rows,
    /// What one unit of a quantized weight is worth.
    pub(crate) scale: f32,
    /// As [`Tagger::transitions`].
    pub(crate) transitions: [[f32; TAGS]; TAGS + 1],
}

/// A trained model: a first tagger over the text and the rules' decisions, a second one
/// that also sees the first one's tags (stacking), and a confidence calibration.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub(crate) first: FrozenTagger,
    pub(crate) second: Option<FrozenTagger>,
    /// Logistic regression weights turning an attribution's facts
    /// ([`decode::CONFIDENCE_FEATURES`] of them) into a calibrated probability.
    pub(crate) calibration: [f32; decode::CONFIDENCE_FEATURES],
    /// A monotone correction of that probability, fitted on held-out attributions.
    pub(crate) recalibration: isotonic::Isotonic,
    /// A line saying how the model was trained.
    pub(crate) description: String,
    /// The cue and source words learnt from the training data, which the features read.
    pub(crate) role_words: RoleWords,
    /// The second look at content boundaries ([`spans`]), when trained.
    pub(crate) spans: Option<spans::SpanRanker>,
}

/// What the taggers make of an article's tokens.
pub struct Tagging {
    /// Each token's tag.
    pub tags: Vec<Tag>,
    /// Each token's emission scores, which chose its tag.
    pub emissions: Vec<[f32; STRIDE]>,
    /// Each token's word hash and part of speech, as the features read them.
    pub(crate) words: Vec<(u64, u64)>,
}

/// Confidence before calibration: the logistic of the spans' mean tag probability, centred.
const UNCALIBRATED: [f32; decode::CONFIDENCE_FEATURES] =
    [-4.0, 8.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];

/// The default model's bytes, trained on PolNeAR train by `sayso train`.
static EMBEDDED: &[u8] = include_bytes!("../../data/model.bin");

impl Tagger {
    /// An untrained tagger with `2^bits` weight rows.
    pub fn empty(bits: u32) -> Tagger {
        let bits = bits.clamp(10, 26);
        let mut transitions = [[0.0; TAGS]; TAGS + 1];
        for (p, row) in transitions.iter_mut().enumerate() {
            let prev = (p < TAGS).then(|| Tag::from_index(p));
            for (t, w) in row.iter_mut().enumerate() {
                if !Tag::from_index(t).may_follow(prev) {
                    *w = f32::NEG_INFINITY;
                }
            }
        }
        Tagger { bits, weights: vec![[0.0; STRIDE]; 1usize << bits], transitions }
    }

    /// The emission scores of token `i`: one per tag.
    #[inline]
    fn emissions(&self, features: &Features, i: usize) -> [f32; STRIDE] {
        let mut score = [0.0f32; STRIDE];
        for &row in features.of(i) {
            let w = &self.weights[row as usize];
            for (s, w) in score.iter_mut().zip(w) {
                *s += w;
            }
        }
        score
    }

    /// The best tag sequence for every token, with each token's emission scores.
    pub fn tag(&self, features: &Features) -> (Vec<Tag>, Vec<[f32; STRIDE]>) {
        tag_with(features, &self.transitions, |range, out| {
            for (i, out) in range.zip(out) {
                *out = self.emissions(features, i);
            }
        })
    }

    /// Viterbi over one sequence of emissions.
    fn viterbi(&self, emissions: &[[f32; STRIDE]], out: &mut [Tag], back: &mut Vec<[u8; TAGS]>) {
        viterbi(&self.transitions, emissions, out, back);
    }

    /// The tagger as it runs: weights rounded to 8 bits, with one scale for the table.
    pub fn freeze(&self) -> FrozenTagger {
        let max = self.weights.iter().flatten().fold(0.0f32, |m, w| m.max(w.abs()));
        let top = f32::from(Weight::MAX);
        let scale = if max > 0.0 { max / top } else { 1.0 };
        let quantize = |w: f32| (w / scale).round().clamp(-top, top) as Weight;
        let rows = self.weights.iter().map(|row| row.map(quantize)).collect();
        FrozenTagger { bits: self.bits, rows, scale, transitions: self.transitions }
    }
}

impl FrozenTagger {
    /// The emission scores of the tokens `range` into `out`, one per tag: the sum of the
    /// rows that every one of `layers` names for the token. With AVX2 where the CPU has it
    /// (one instruction widens a row's eight 8-bit weights, one adds them); the sums are
    /// the same integers either way.
    fn emissions(&self, layers: &[&Features], range: Range<usize>, out: &mut [[f32; STRIDE]]) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: `emissions_avx2` only needs AVX2, which the CPU has (checked above).
            return unsafe { emissions_avx2(self, layers, range, out) };
        }
        emissions(self, layers, range, out);
    }

    /// The best tag sequence for every token, with each token's emission scores.
    pub fn tag(&self, features: &Features) -> (Vec<Tag>, Vec<[f32; STRIDE]>) {
        tag_with(features, &self.transitions, |range, out| self.emissions(&[features], range, out))
    }

    /// Tags again, as a second stage, the tokens of `prior`'s sequences, overwriting their
    /// `tags` and `emissions`: each token is scored on its rows in `base` and in `prior`
    /// (from [`features::prior`]), which together are the rows [`features::with_prior`]
    /// gives it, without copying `base`'s, and without tables for the tokens it leaves.
    fn retag_stacked(
        &self,
        base: &Features,
        prior: &Features,
        tags: &mut [Tag],
        emissions: &mut [[f32; STRIDE]],
    ) {
        let mut back = Vec::new();
        for range in &prior.sequences {
            let (tags, emissions) = (&mut tags[range.clone()], &mut emissions[range.clone()]);
            self.emissions(&[base, prior], range.clone(), emissions);
            viterbi(&self.transitions, emissions, tags, &mut back);
        }
    }
}

/// [`emissions`] compiled for AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn emissions_avx2(
    tagger: &FrozenTagger,
    layers: &[&Features],
    range: Range<usize>,
    out: &mut [[f32; STRIDE]],
) {
    emissions(tagger, layers, range, out);
}

/// The body of [`FrozenTagger::emissions`]. While it sums a token's rows it asks the CPU
/// to start fetching the rows needed [`PREFETCH_AHEAD`] rows later: the table is megabytes
/// and its rows are read in hash order, so nearly every read misses the cache and the tagger
/// would wait on memory.
#[inline(always)]
fn emissions(
    tagger: &FrozenTagger,
    layers: &[&Features],
    range: Range<usize>,
    out: &mut [[f32; STRIDE]],
) {
    let Some(table) = Table::new(&tagger.rows) else {
        out.fill([0.0; STRIDE]);
        return;
    };
    for (i, out) in range.zip(out) {
        let mut sum = [0i32; STRIDE];
        for features in layers {
            let (start, end) = (features.offsets[i] as usize, features.offsets[i + 1] as usize);
            let rows = &features.rows[start..end];
            // The rows as many ahead, one for one; the last tokens of the table have none
            // (taken whole or not at all: splitting a token's rows cost more per token).
            let Some(ahead) = features.rows.get(start + PREFETCH_AHEAD..end + PREFETCH_AHEAD)
            else {
                for &row in rows {
                    add_row(table.row(row), &mut sum);
                }
                continue;
            };
            // Four rows a step: the loop's own instructions were a third of its work.
            let (quads, later_quads) = (rows.chunks_exact(4), ahead.chunks_exact(4));
            let rest = quads.remainder().iter().zip(later_quads.remainder());
            for (rows, later) in quads.zip(later_quads) {
                for (&row, &later) in rows.iter().zip(later) {
                    prefetch(table.rows, later);
                    add_row(table.row(row), &mut sum);
                }
            }
            for (&row, &later) in rest {
                prefetch(table.rows, later);
                add_row(table.row(row), &mut sum);
            }
        }
        *out = sum.map(|s| s as f32 * tagger.scale);
    }
}

/// A weight table as the sums read it: a power of two of rows, so that a row index masked
/// to it is inside the table without a bounds check for every row.
#[derive(Clone, Copy)]
struct Table<'t> {
    rows: &'t [[Weight; STRIDE]],
    /// One less than the largest power of two not above the number of rows (all of them
    /// for a tagger's table, which has `2^bits`).
    mask: usize,
}

impl<'t> Table<'t> {
    /// `None` for an empty table.
    #[inline(always)]
    fn new(rows: &'t [[Weight; STRIDE]]) -> Option<Table<'t>> {
        let len = rows.len().checked_ilog2()?;
        Some(Table { rows, mask: (1usize << len) - 1 })
    }

    /// Row `row`; features of a table of another size would read other rows, but never
    /// outside this one.
    #[inline(always)]
    fn row(&self, row: u32) -> &'t [Weight; STRIDE] {
        let index = row as usize & self.mask;
        debug_assert!(index < self.rows.len());
        // SAFETY: `index <= mask < 2^ilog2(len) <= len`, so it is inside `rows`.
        unsafe { self.rows.get_unchecked(index) }
    }
}

#[inline(always)]
fn add_row(row: &[Weight; STRIDE], sum: &mut [i32; STRIDE]) {
    for (s, &w) in sum.iter_mut().zip(row) {
        *s += i32::from(w);
    }
}

/// A hint that row `row` of `table` will be read soon; the result never depends on it.
#[inline(always)]
fn prefetch(table: &[[Weight; STRIDE]], row: u32) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: a prefetch reads nothing and cannot fault, whatever the address; the
        // rows of features are always inside the table anyway.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(table.as_ptr().wrapping_add(row as usize).cast()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (table, row);
}

/// How many rows ahead (in the features' order) the tagger fetches weight rows: four
/// tokens' worth of the first stage's.
const PREFETCH_AHEAD: usize = 4 * features::BASE_TEMPLATES;

/// Tags every sequence of `features` with Viterbi over the emissions that
/// `emissions_of(range, out)` writes for the tokens `range` into `out`.
fn tag_with(
    features: &Features,
    transitions: &[[f32; TAGS]; TAGS + 1],
    emissions_of: impl Fn(Range<usize>, &mut [[f32; STRIDE]]),
) -> (Vec<Tag>, Vec<[f32; STRIDE]>) {
    let n = features.len();
    let mut tags = vec![Tag::O; n];
    let mut emissions = vec![[0.0f32; STRIDE]; n];
    let mut back = Vec::new();
    for range in &features.sequences {
        emissions_of(range.clone(), &mut emissions[range.clone()]);
        viterbi(transitions, &emissions[range.clone()], &mut tags[range.clone()], &mut back);
    }
    (tags, emissions)
}

/// Viterbi over one sequence; forbidden transitions weigh negative infinity.
///
/// Each step runs over the previous tag `p` and, for every tag `t` at once, keeps the
/// first best `p` (strictly greater wins, as a scan over `p` for each `t` would): eight
/// lanes of one row, which the compiler turns into vector compares and selects (with AVX2
/// where the CPU has it, [`viterbi_avx2`]: compares and blends for all eight lanes at once).
fn viterbi(
    transitions: &[[f32; TAGS]; TAGS + 1],
    emissions: &[[f32; STRIDE]],
    out: &mut [Tag],
    back: &mut Vec<[u8; TAGS]>,
) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: `viterbi_avx2` only needs AVX2, which the CPU has (checked above).
        return unsafe { viterbi_avx2(transitions, emissions, out, back) };
    }
    viterbi_body(transitions, emissions, out, back);
}

/// [`viterbi_body`] in AVX2 instructions: for each previous tag one add over all eight
/// lanes, then the first best of the seven picked in a tree of compares and blends, so the
/// same scores and tags. (The portable loop compiled for AVX2 kept three of the lanes' back
/// pointers in scalar selects.)
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn viterbi_avx2(
    transitions: &[[f32; TAGS]; TAGS + 1],
    emissions: &[[f32; STRIDE]],
    out: &mut [Tag],
    back: &mut Vec<[u8; TAGS]>,
) {
    use std::arch::x86_64::*;
    let Some(first) = emissions.first() else { return };
    let from = padded(transitions);
    let mut rows = [_mm256_setzero_ps(); TAGS];
    for (row, padded) in rows.iter_mut().zip(&from) {
        // SAFETY: `padded` is eight f32s, which is what an unaligned 256-bit load reads.
        *row = unsafe { _mm256_loadu_ps(padded.as_ptr()) };
    }
    back.clear();
    back.resize(emissions.len(), [0u8; TAGS]);
    let mut score = [0.0f32; STRIDE];
    for ((s, &t), &e) in score.iter_mut().zip(&from[TAGS]).zip(first) {
        *s = t + e;
    }
    let args: [__m256i; TAGS] = std::array::from_fn(|p| _mm256_set1_epi32(p as i32));
    let none = _mm256_set1_ps(f32::NEG_INFINITY);
    for (emission, back) in emissions[1..].iter().zip(&mut back[1..]) {
        // Each previous tag's scores, NaN made -inf (`max` answers its second operand for
        // NaN), since the portable loop never takes a NaN over its -inf start.
        let leaf = |p: usize| {
            (_mm256_max_ps(_mm256_add_ps(_mm256_set1_ps(score[p]), rows[p]), none), args[p])
        };
        // The first best, as the portable loop's scan keeps it, in a tree of three levels
        // instead of a chain of seven: the later half wins only when strictly greater.
        let first = |(a, i): (__m256, __m256i), (b, j): (__m256, __m256i)| {
            let greater = _mm256_cmp_ps::<_CMP_GT_OQ>(b, a);
            (
                _mm256_blendv_ps(a, b, greater),
                _mm256_blendv_epi8(i, j, _mm256_castps_si256(greater)),
            )
        };
        let low = first(first(leaf(0), leaf(1)), first(leaf(2), leaf(3)));
        let high = first(first(leaf(4), leaf(5)), leaf(6));
        let (best, arg) = first(low, high);
        // SAFETY: `emission` and `score` are eight f32s each, `picked` eight u32s: what the
        // unaligned 256-bit loads and stores read and write.
        let mut picked = [0u32; STRIDE];
        unsafe {
            let e = _mm256_loadu_ps(emission.as_ptr());
            _mm256_storeu_ps(score.as_mut_ptr(), _mm256_add_ps(best, e));
            _mm256_storeu_si256(picked.as_mut_ptr().cast(), arg);
        }
        for (b, &a) in back.iter_mut().zip(&picked) {
            *b = a as u8;
        }
    }
    trace_back(&score, back, out);
}

/// The transitions padded to the emissions' width; the padding lane is never a tag.
#[inline(always)]
fn padded(transitions: &[[f32; TAGS]; TAGS + 1]) -> [[f32; STRIDE]; TAGS + 1] {
    let mut from = [[f32::NEG_INFINITY; STRIDE]; TAGS + 1];
    for (padded, row) in from.iter_mut().zip(transitions) {
        padded[..TAGS].copy_from_slice(row);
    }
    from
}

/// The best sequence into `out`, from the last token's scores and the back pointers.
#[inline(always)]
fn trace_back(score: &[f32; STRIDE], back: &[[u8; TAGS]], out: &mut [Tag]) {
    let mut t = (0..TAGS).fold(0, |b, t| if score[t] > score[b] { t } else { b });
    for i in (0..back.len()).rev() {
        out[i] = Tag::from_index(t);
        t = back[i][t] as usize;
    }
}

#[inline(always)]
fn viterbi_body(
    transitions: &[[f32; TAGS]; TAGS + 1],
    emissions: &[[f32; STRIDE]],
    out: &mut [Tag],
    back: &mut Vec<[u8; TAGS]>,
) {
    let n = emissions.len();
    let Some(first) = emissions.first() else { return };
    let from = padded(transitions);
    back.clear();
    back.resize(n, [0u8; TAGS]);
    let mut score = [0.0f32; STRIDE];
    for ((s, &t), &e) in score.iter_mut().zip(&from[TAGS]).zip(first) {
        *s = t + e;
    }
    for (emission, back) in emissions.iter().zip(back.iter_mut()).skip(1) {
        let mut best = [f32::NEG_INFINITY; STRIDE];
        // 32-bit lanes like the scores', so that one compare mask selects both.
        let mut arg = [0u32; STRIDE];
        for (p, row) in from[..TAGS].iter().enumerate() {
            let prev = score[p];
            for ((best, arg), &w) in best.iter_mut().zip(&mut arg).zip(row) {
                let s = prev + w;
                if s > *best {
                    *best = s;
                    *arg = p as u32;
                }
            }
        }
        for ((s, &b), &e) in score.iter_mut().zip(&best).zip(emission) {
            *s = b + e;
        }
        for (b, &a) in back.iter_mut().zip(&arg) {
            *b = a as u8;
        }
    }
    trace_back(&score, back, out);
}

impl Model {
    /// A model of one or two taggers over features that read `role_words`, with no
    /// calibration yet. The taggers are frozen as the model file stores them, so a model
    /// runs the same before and after a round trip.
    pub fn new(first: Tagger, second: Option<Tagger>, role_words: RoleWords) -> Model {
        Model {
            first: first.freeze(),
            second: second.map(|t| t.freeze()),
            calibration: UNCALIBRATED,
            recalibration: isotonic::Isotonic::default(),
            description: String::new(),
            role_words,
            spans: None,
        }
    }

    /// The model built into the crate, read once. `None` only if the embedded bytes are
    /// not a model this version can read, which the crate's tests rule out.
    pub fn embedded() -> Option<&'static Model> {
        static MODEL: OnceLock<Option<Model>> = OnceLock::new();
        MODEL.get_or_init(|| Model::from_bytes(EMBEDDED).ok()).as_ref()
    }

    /// log2 of the number of weight rows of each tagger.
    pub fn bits(&self) -> u32 {
        self.first.bits
    }

    /// Records how the model was trained.
    pub fn set_description(&mut self, description: String) {
        self.description = description;
    }

    /// How the model was trained, as recorded in the file.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The tags of every token of an analysed article, the emission scores that chose
    /// them, and the words as the features read them.
    pub fn tag(&self, a: &Analysis<'_>, rules: &[Attribution]) -> Tagging {
        let mut features = features::extract(a, rules, &self.role_words, self.first.bits);
        let (mut tags, mut emissions) = self.first.tag(&features);
        let Some(second) = &self.second else {
            return Tagging { tags, emissions, words: features.take_words() };
        };
        // The second tagger revisits only the paragraphs where the first found something.
        let found: Vec<_> = features
            .sequences
            .iter()
            .filter(|&r| tags[r.clone()].iter().any(|&t| t != Tag::O))
            .cloned()
            .collect();
        let prior = features::prior(a, &features, &tags, second.bits, found);
        second.retag_stacked(&features, &prior, &mut tags, &mut emissions);
        widen_sources(a, rules, &mut tags);
        widen_initial_sources(a, &mut tags);
        Tagging { tags, emissions, words: features.take_words() }
    }

    /// The attributions in an analysed article, given the v1 rules' attributions. Speaker
    /// lines (headline and transcript colons, quotes signed after a dash) are taken from the
    /// rules as they are: the layouts are too rare in the training data for the tagger to
    /// learn, and the rules are right about most of them.
    pub fn attribute(&self, a: &Analysis<'_>, rules: &[Attribution]) -> Vec<Attribution> {
        let found = decode::attributions(a, self, &self.tag(a, rules));
        keep_speaker_lines(found, speaker_lines(a))
    }
}

/// A source the tagger begins on a sentence's second word, a common noun, after a
/// capitalised first word it left untagged that premodifies it as a noun or adjective
/// (`Water minister defends …`, tagged `minister`; `Trump aide says …`), begins on that
/// first word: a headline or a sentence opening capitalises the word, which the tagger
/// reads as a name out of place.
fn widen_initial_sources(a: &Analysis<'_>, tags: &mut [Tag]) {
    use crate::text::pos::Pos;
    for sentence in &a.segments.sentences {
        let (first, second) = (sentence.tokens.start, sentence.tokens.start + 1);
        if second >= sentence.tokens.end || tags[first] != Tag::O || tags[second] != Tag::BSource {
            continue;
        }
        let premodifier = a.token(first).kind == TokenKind::Word
            && a.is_capitalised(first)
            && !crate::attribute::is_time_word(a.word(first))
            && matches!(lexicon().guess(a.word(first), true), Pos::Noun | Pos::Adj | Pos::Propn);
        // The source's head a plain common noun (`minister`, `aide`), not a name, a title
        // or a pronoun, which the tagger begins where the corpus does.
        // (The lexicon reads `minister` as a name, from `Prime Minister`: lowercase, it is not.)
        let head = a.token(second).kind == TokenKind::Word
            && !a.is_capitalised(second)
            && matches!(lexicon().guess(a.word(second), false), Pos::Noun | Pos::Propn);
        if premodifier && head {
            tags[first] = Tag::BSource;
            tags[second] = Tag::ISource;
        }
    }
}

/// Where the tagger's source begins inside a source of the rules and leaves the rules' first
/// words untagged (`Further reports claimed …`, tagged `reports`), the source begins where
/// the rules' does, when those words can premodify a noun (no punctuation, preposition,
/// conjunction or verb: the rules' `as POLITICO` or `this is all they` stay as tagged). And
/// where the tagger made one cue of the rules' source and cue (`Further reports claimed`),
/// the source is given back.
fn widen_sources(a: &Analysis<'_>, rules: &[Attribution], tags: &mut [Tag]) {
    use crate::text::pos::Pos;
    let premodifier = |i: usize| {
        let initial = a.sentence(i).start == i;
        matches!(
            lexicon().guess(a.word(i), initial),
            Pos::Adj | Pos::Adv | Pos::Noun | Pos::Propn | Pos::Det | Pos::Num
        )
    };
    for rule in rules {
        let Some(source) = rule.source else { continue };
        let Range { start: first, end } = a.tokens_of(source);
        let Some(begin) = (first..end).find(|&i| tags[i] != Tag::O) else { continue };
        let fits = begin == first || (first..begin).all(premodifier);
        // A tagged cue that swallows the rules' source before the rules' cue (`Further
        // reports claimed`, all cue) gives the source back: a cue is the verb, not its subject.
        if let Some(cue) = rule.cue.map(|c| a.tokens_of(c)) {
            if fits
                && end <= cue.start
                && tags[begin] == Tag::BCue
                && (begin + 1..cue.end).all(|i| tags[i] == Tag::ICue)
            {
                tags[first] = Tag::BSource;
                tags[first + 1..end].fill(Tag::ISource);
                tags[end] = Tag::BCue;
                continue;
            }
        }
        if begin == first || tags[begin] != Tag::BSource || !fits {
            continue;
        }
        tags[first] = Tag::BSource;
        tags[first + 1..=begin].fill(Tag::ISource);
    }
}

/// `found` without the attributions that overlap a speaker line, plus the lines, in text
/// order.
fn keep_speaker_lines(found: Vec<Attribution>, lines: Vec<Attribution>) -> Vec<Attribution> {
    if lines.is_empty() {
        return found;
    }
    let spans = |x: &Attribution| -> Vec<crate::Span> {
        x.content.iter().copied().chain(x.cue).chain(x.source).collect()
    };
    let taken: Vec<crate::Span> = lines.iter().flat_map(spans).collect();
    let mut out: Vec<Attribution> = found
        .into_iter()
        .filter(|x| !spans(x).iter().any(|s| taken.iter().any(|t| t.overlaps(*s))))
        .collect();
    out.extend(lines);
    out.sort_by_key(|x| x.content.first().map_or(0, |s| s.start));
    out
}

impl Example {
    /// Analyses `text` as the extractor does and pairs its features (hashed into `2^bits`
    /// rows) with the gold tags of `gold`, counting in `alignment` how many gold fragments
    /// fall on token boundaries.
    pub fn new(
        text: &str,
        gold: &[GoldAttribution],
        prior: Option<&[Tag]>,
        role_words: &RoleWords,
        bits: u32,
        alignment: &mut Alignment,
    ) -> Example {
        let boilerplate = boilerplate(text);
        let mut a = Analysis::new(text, &boilerplate);
        let rules = attribute(&mut a);
        let mut features = features::extract(&a, &rules, role_words, bits);
        if let Some(prior) = prior {
            let sequences = features.sequences.clone();
            features = features::with_prior(&a, &features, prior, bits, sequences);
        }
        let gold = gold_tags(&a, gold, &features.sequences, alignment);
        Example { features, gold }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The source words of `text` after [`widen_sources`], when the tagger's tags were
    /// those `tag` sets (on all `O`).
    fn widened_by(text: &str, tag: impl Fn(&Analysis<'_>, &mut [Tag])) -> String {
        let mut a = Analysis::new(text, &[]);
        let rules = attribute(&mut a);
        let mut tags = vec![Tag::O; a.tokens.len()];
        tag(&a, &mut tags);
        widen_sources(&a, &rules, &mut tags);
        source_words(&a, &tags)
    }

    /// The words `tags` tag as sources, space-separated.
    fn source_words(a: &Analysis<'_>, tags: &[Tag]) -> String {
        let words: Vec<&str> = (0..tags.len())
            .filter(|&i| matches!(tags[i], Tag::BSource | Tag::ISource))
            .map(|i| a.word(i))
            .collect();
        words.join(" ")
    }

    /// [`widened_by`] when the tagger tagged only `tagged` as a source.
    fn widened(text: &str, tagged: &str) -> String {
        widened_by(text, |a, tags| {
            let at = (0..a.tokens.len()).find(|&i| a.is(i, tagged)).expect("the word is there");
            tags[at] = Tag::BSource;
        })
    }

    /// [`widened_by`] when the tagger tagged the text's second and third words as one cue.
    fn swallowed(text: &str) -> String {
        widened_by(text, |_, tags| {
            tags[1] = Tag::BCue;
            tags[2] = Tag::ICue;
        })
    }

    #[test]
    fn a_source_takes_the_rules_premodifiers() {
        assert_eq!(
            widened("Further reports claimed that the ship had sunk.", "reports"),
            "Further reports"
        );
        // A cue made of the rules' source and cue gives the source back.
        assert_eq!(swallowed("Further reports claimed that the ship had sunk."), "Further reports");
        // A preposition is no premodifier: the rules' `as POLITICO` stays `POLITICO`.
        assert_eq!(widened("The talks failed, as POLITICO has reported.", "POLITICO"), "POLITICO");
    }

    /// The source words of `text` after [`widen_initial_sources`] alone, when the tagger
    /// tagged only the first `tagged` as a source.
    fn initial_widened(text: &str, tagged: &str) -> String {
        let a = Analysis::new(text, &[]);
        let mut tags = vec![Tag::O; a.tokens.len()];
        let at = (0..a.tokens.len()).find(|&i| a.is(i, tagged)).expect("the word is there");
        tags[at] = Tag::BSource;
        widen_initial_sources(&a, &mut tags);
        source_words(&a, &tags)
    }

    #[test]
    fn a_source_takes_the_capitalised_word_that_opens_its_sentence() {
        let headline = "Water minister defends flood agency shake-up\n\nThe minister spoke.";
        assert_eq!(initial_widened(headline, "minister"), "Water minister");
        assert_eq!(initial_widened("Trump aide says the talks failed.", "aide"), "Trump aide");
        // Not before a name, a title or a pronoun, nor after a word that is no premodifier,
        // nor on a source that does not begin the sentence's second word.
        assert_eq!(initial_widened("Texas Sen. John Cornyn said no.", "Sen."), "Sen.");
        assert_eq!(initial_widened("Billionaires themselves said no.", "themselves"), "themselves");
        assert_eq!(initial_widened("Yesterday officials said no.", "officials"), "officials");
        assert_eq!(initial_widened("Water and minister said no.", "minister"), "minister");
    }

    #[test]
    fn inside_tags_follow_their_own_role() {
        assert!(Tag::ISource.may_follow(Some(Tag::BSource)));
        assert!(Tag::IContent.may_follow(Some(Tag::IContent)));
        assert!(!Tag::IContent.may_follow(Some(Tag::BCue)));
        assert!(!Tag::ICue.may_follow(None));
        assert!(!Tag::ICue.may_follow(Some(Tag::O)));
        assert!(Tag::BCue.may_follow(Some(Tag::BCue)));
        assert!(Tag::O.may_follow(None));
    }

    #[test]
    fn roles() {
        assert_eq!(Tag::O.role(), 0);
        assert_eq!(Tag::BSource.role(), 1);
        assert_eq!(Tag::ISource.role(), 1);
        assert_eq!(Tag::BCue.role(), 2);
        assert_eq!(Tag::ICue.role(), 2);
        assert_eq!(Tag::BContent.role(), 3);
        assert_eq!(Tag::IContent.role(), 3);
    }

    /// The AVX2 sums and the portable ones are the same numbers.
    #[test]
    fn emissions_are_the_same_on_every_path() {
        let model = Model::embedded().expect("the embedded model reads");
        let text = "“We will win,” she said. Officials said the plan was a “historic mistake”.";
        let junk = boilerplate(text);
        let mut a = Analysis::new(text, &junk);
        let rules = attribute(&mut a);
        let base = features::extract(&a, &rules, &model.role_words, model.first.bits);
        let n = base.len();
        let prior = features::prior(
            &a,
            &base,
            &vec![Tag::BCue; n],
            model.first.bits,
            base.sequences.clone(),
        );
        let mut portable = vec![[0.0f32; STRIDE]; n];
        emissions(&model.first, &[&base, &prior], 0..n, &mut portable);
        let mut chosen = vec![[0.0f32; STRIDE]; n];
        model.first.emissions(&[&base, &prior], 0..n, &mut chosen);
        assert_eq!(portable, chosen);
        assert!(portable.iter().flatten().any(|&e| e != 0.0));
        // And both are the plain sums of the rows, read with bounds checks.
        for (i, got) in portable.iter().enumerate() {
            let mut sum = [0i32; STRIDE];
            for &row in base.of(i).iter().chain(prior.of(i)) {
                for (s, &w) in sum.iter_mut().zip(&model.first.rows[row as usize]) {
                    *s += i32::from(w);
                }
            }
            assert_eq!(*got, sum.map(|s| s as f32 * model.first.scale), "token {i}");
        }
    }

    /// Rows outside the table (features hashed for a larger one) are read masked, as the
    /// rows they stand for; the check that lets the sums skip the mask sends them there.
    #[test]
    fn rows_outside_the_table_are_masked() {
        let model = Model::embedded().expect("the embedded model reads");
        let mask = (1u32 << model.first.bits) - 1;
        let features = |rows: Vec<u32>| {
            let mut f = Features::default();
            f.offsets = vec![0, rows.len() as u32];
            f.rows = rows;
            f
        };
        let live: Vec<u32> = (0..=mask)
            .filter(|&r| model.first.rows[r as usize].iter().any(|&w| w != 0))
            .take(9)
            .collect();
        let mut far = live.clone();
        far[1] += mask + 1;
        far[2] |= 1 << 31;
        let (outside, inside) = (features(far), features(live));
        let (mut masked, mut plain) = ([[0.0f32; STRIDE]], [[0.0f32; STRIDE]]);
        model.first.emissions(&[&outside], 0..1, &mut masked);
        model.first.emissions(&[&inside], 0..1, &mut plain);
        assert_eq!(masked, plain);
        assert!(plain[0].iter().any(|&e| e != 0.0));
    }

    /// Viterbi picks the same tags on every path, and the tags a plain scan over every
    /// previous tag for every tag picks (the first best wins).
    #[test]
    fn viterbi_is_the_same_on_every_path() {
        let model = Model::embedded().expect("the embedded model reads");
        // Ties everywhere (small integer emissions, zero transitions), then real weights.
        let tied = viterbi_matches_a_plain_scan(&Tagger::empty(10).transitions, 1.0);
        assert!(tied.iter().any(|&t| t != Tag::O));
        viterbi_matches_a_plain_scan(&model.first.transitions, 4.0);
    }

    /// The tags Viterbi gives over random emissions (times `scale`), once it has checked
    /// them against the portable loop and a plain scan.
    fn viterbi_matches_a_plain_scan(transitions: &[[f32; TAGS]; TAGS + 1], scale: f32) -> Vec<Tag> {
        let mut seed = 7u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            // Few distinct values, so that ties happen and the first best must win.
            (f32::from((seed >> 28) as u8) - 7.0) * scale
        };
        let emissions: Vec<[f32; STRIDE]> =
            (0..300).map(|_| std::array::from_fn(|_| next())).collect();
        let mut back = Vec::new();
        let mut portable = vec![Tag::O; emissions.len()];
        viterbi_body(transitions, &emissions, &mut portable, &mut back);
        let mut chosen = vec![Tag::O; emissions.len()];
        viterbi(transitions, &emissions, &mut chosen, &mut back);
        assert_eq!(portable, chosen);
        // The plain scan.
        let mut score: Vec<f32> =
            (0..TAGS).map(|t| transitions[TAGS][t] + emissions[0][t]).collect();
        let mut backs = vec![[0usize; TAGS]];
        for e in &emissions[1..] {
            let mut arg = [0usize; TAGS];
            let mut next = vec![0.0; TAGS];
            for t in 0..TAGS {
                let mut best = f32::NEG_INFINITY;
                for p in 0..TAGS {
                    if score[p] + transitions[p][t] > best {
                        best = score[p] + transitions[p][t];
                        arg[t] = p;
                    }
                }
                next[t] = best + e[t];
            }
            score = next;
            backs.push(arg);
        }
        let mut t = (0..TAGS).fold(0, |b, t| if score[t] > score[b] { t } else { b });
        let mut plain = vec![Tag::O; emissions.len()];
        for i in (0..emissions.len()).rev() {
            plain[i] = Tag::from_index(t);
            t = backs[i][t];
        }
        assert_eq!(portable, plain);
        plain
    }

    /// A table's rows are reached through a mask that keeps any index inside it.
    #[test]
    fn table_rows_stay_inside() {
        assert!(Table::new(&[]).is_none());
        let rows = [[1 as Weight; STRIDE], [2; STRIDE], [3; STRIDE], [4; STRIDE], [5; STRIDE]];
        let table = Table::new(&rows).expect("not empty");
        assert_eq!(table.mask, 3);
        assert_eq!(table.row(2)[0], 3);
        assert_eq!(table.row(u32::MAX)[0], 4);
    }

    #[test]
    fn the_embedded_model_loads() {
        let model = Model::embedded().expect("the embedded model reads");
        assert!(model.bits() >= 10);
        assert!(model.second.is_some());
        assert!(!model.description().is_empty());
    }
}
