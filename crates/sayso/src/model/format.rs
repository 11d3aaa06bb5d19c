//! The model file: a versioned, checksummed binary format.
//!
//! All numbers are little-endian.
//!
//! | field | type |
//! |---|---|
//! | magic | 8 bytes, `SAYSOMDL` |
//! | format version | u32, [`FORMAT_VERSION`] |
//! | feature templates version | u32, [`TEMPLATES_VERSION`] |
//! | tags | u32, 7 |
//! | description | u32 length + UTF-8 |
//! | calibration | u32 count (9; 8 in version 4, which had no ranker margin), then that many f32 logistic regression weights |
//! | confidence map (from version 5) | u32 count of knots (0: none), then per knot f32 raw and f32 calibrated confidence; raw ones strictly increasing, calibrated ones non-decreasing in [0, 1] |
//! | learnt cue and source words | u32 count, then per word: u64 word hash and u8 classes (cue class in bits 0–1, source class in bits 2–3, bit 4 for a word that keeps its zeros instead of its stem's classes; not 0; stems are keys of their own), by increasing hash |
//! | taggers | u32, 1 or 2; then each tagger: |
//! | · bits (log2 of weight rows) | u32 |
//! | · transitions | 8 × 7 f32 (row 7: from the sequence start; forbidden ones are −∞) |
//! | · weight scale | f32 |
//! | · non-zero rows | u32 count, then per row: the gap to the previous row index as a LEB128 varint, and 7 × i8 weights (times the scale) |
//! | content boundary ranker | u32, 0 or 1; if 1: u32 bits, u32 count, then per non-zero weight: u32 index (increasing) and f32 weight |
//! | checksum | u64, of every byte before it, eight bytes at a time |
//!
//! Weights are stored as 8-bit integers scaled by the largest magnitude, as the taggers run
//! on them (version 2 stored 16-bit ones, and is refused: its models would need retraining
//! with the templates anyway). Version 4 is version 5 without the confidence map, and is
//! read as a model whose map is the identity.

use std::fmt;

use super::decode::{CONFIDENCE_FEATURES, CONFIDENCE_FEATURES_V4};
use super::isotonic::{Isotonic, MAX_KNOTS};
use super::spans::{SpanRanker, RANKER_BITS};
use super::{FrozenTagger, Model, RoleWords, Rows, Weight, STRIDE, TAGS, TEMPLATES_VERSION};

/// The first eight bytes of every model file.
pub const MAGIC: &[u8; 8] = b"SAYSOMDL";
/// The version of the layout above.
pub const FORMAT_VERSION: u32 = 5;
/// The oldest version this sayso still reads.
pub const OLDEST_FORMAT_VERSION: u32 = 4;

/// Why bytes could not be read as a model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModelError {
    /// The file does not start with the magic number: not a sayso model.
    NotAModel,
    /// A model file of another format version.
    Version {
        /// The version in the file.
        found: u32,
    },
    /// A model trained on other features than this version computes.
    Templates {
        /// The templates version in the file.
        found: u32,
    },
    /// The file ends early.
    Truncated,
    /// The checksum does not match: the file is corrupt.
    Checksum,
    /// A field holds an impossible value.
    Invalid(&'static str),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::NotAModel => write!(f, "not a sayso model file (bad magic number)"),
            ModelError::Version { found } => write!(
                f,
                "model file format version {found}, but this sayso reads versions \
                 {OLDEST_FORMAT_VERSION} to {FORMAT_VERSION}: retrain it with `sayso train`"
            ),
            ModelError::Templates { found } => write!(
                f,
                "model trained on feature templates version {found}, but this sayso computes \
                 version {TEMPLATES_VERSION}: retrain it with `sayso train`"
            ),
            ModelError::Truncated => write!(f, "model file is truncated"),
            ModelError::Checksum => write!(f, "model file is corrupt (checksum mismatch)"),
            ModelError::Invalid(what) => write!(f, "model file is invalid: {what}"),
        }
    }
}

impl std::error::Error for ModelError {}

/// A 64-bit checksum, eight bytes at a time (the file is read at every start, so this
/// must be fast; it guards against corruption, not tampering).
fn checksum(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("chunks of eight"));
        h = (h ^ word).wrapping_mul(0x100_0000_01b3).rotate_left(23);
    }
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    h ^ (h >> 29)
}

fn write_tagger(out: &mut Vec<u8>, tagger: &FrozenTagger) {
    out.extend_from_slice(&tagger.bits.to_le_bytes());
    for row in &tagger.transitions {
        for v in row {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    out.extend_from_slice(&tagger.scale.to_le_bytes());
    let rows: Vec<usize> = (0..tagger.rows.len())
        .filter(|&r| tagger.rows[r][..TAGS].iter().any(|&w| w != 0))
        .collect();
    out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    let mut previous = 0usize;
    for r in rows {
        let mut gap = r - previous;
        previous = r;
        loop {
            let byte = (gap & 0x7f) as u8;
            gap >>= 7;
            if gap == 0 {
                out.push(byte);
                break;
            }
            out.push(byte | 0x80);
        }
        out.extend(tagger.rows[r][..TAGS].iter().map(|w| w.to_le_bytes()[0]));
    }
}

/// The bytes of a row's [`TAGS`] weights in a little-endian word of [`STRIDE`] bytes.
const WEIGHT_BYTES: u64 = u64::MAX >> (8 * (STRIDE - TAGS));

fn read_tagger(r: &mut Reader<'_>) -> Result<FrozenTagger, ModelError> {
    let bits = r.u32()?;
    if !(10..=26).contains(&bits) {
        return Err(ModelError::Invalid("weight table size out of range"));
    }
    let mut transitions = [[0.0; TAGS]; TAGS + 1];
    for row in &mut transitions {
        for v in row.iter_mut() {
            *v = r.f32()?;
            if v.is_nan() || *v == f32::INFINITY {
                return Err(ModelError::Invalid("a transition weight is not a number"));
            }
        }
    }
    let scale = r.f32()?;
    if !scale.is_finite() || scale <= 0.0 {
        return Err(ModelError::Invalid("weight scale"));
    }
    let count = r.u32()? as usize;
    let size = 1usize << bits;
    if count > size {
        return Err(ModelError::Invalid("more rows than the table holds"));
    }
    let mut rows = Rows::zeroed(size);
    let mut row = 0usize;
    // Every start reads half a million rows, so this loop is written to stay tight: one
    // bounds check per row, a one-byte fast path for the gap.
    for n in 0..count {
        // Nearly every row is a one-byte gap and seven weights with more bytes after them:
        // those are read as one eight-byte word, its last byte (the next row's) masked off.
        let fast = r.bytes.get(r.at..).and_then(|rest| rest.first_chunk::<{ 1 + STRIDE }>());
        let (gap, raw) = match fast {
            Some(&[gap, ref weights @ ..]) if gap < 0x80 => {
                r.at += 1 + TAGS;
                (usize::from(gap), u64::from_le_bytes(*weights) & WEIGHT_BYTES)
            }
            _ => {
                let gap = r.varint()?;
                let mut raw = [0u8; STRIDE];
                raw[..TAGS].copy_from_slice(r.take(TAGS)?);
                (gap, u64::from_le_bytes(raw))
            }
        };
        row = row.checked_add(gap).ok_or(ModelError::Invalid("row index overflows"))?;
        if n > 0 && gap == 0 {
            return Err(ModelError::Invalid("row index out of order or range"));
        }
        let target =
            rows.get_mut(row).ok_or(ModelError::Invalid("row index out of order or range"))?;
        *target = raw.to_le_bytes().map(|b| Weight::from_le_bytes([b]));
    }
    Ok(FrozenTagger { bits, rows, scale, transitions })
}

impl Model {
    /// The model as bytes in the format above. The same model gives the same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        for v in [FORMAT_VERSION, TEMPLATES_VERSION, TAGS as u32] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&(self.description.len() as u32).to_le_bytes());
        out.extend_from_slice(self.description.as_bytes());
        out.extend_from_slice(&(self.calibration.len() as u32).to_le_bytes());
        for v in self.calibration {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&(self.recalibration.knots.len() as u32).to_le_bytes());
        for (x, y) in &self.recalibration.knots {
            out.extend_from_slice(&x.to_le_bytes());
            out.extend_from_slice(&y.to_le_bytes());
        }
        let words = self.role_words.entries();
        out.extend_from_slice(&(words.len() as u32).to_le_bytes());
        for (word, class) in words {
            out.extend_from_slice(&word.to_le_bytes());
            out.push(class);
        }
        let taggers: Vec<&FrozenTagger> =
            std::iter::once(&self.first).chain(&self.second).collect();
        out.extend_from_slice(&(taggers.len() as u32).to_le_bytes());
        for tagger in taggers {
            write_tagger(&mut out, tagger);
        }
        match &self.spans {
            None => out.extend_from_slice(&0u32.to_le_bytes()),
            Some(ranker) => {
                out.extend_from_slice(&1u32.to_le_bytes());
                out.extend_from_slice(&RANKER_BITS.to_le_bytes());
                let live: Vec<(usize, f32)> =
                    ranker.weights.iter().copied().enumerate().filter(|(_, w)| *w != 0.0).collect();
                out.extend_from_slice(&(live.len() as u32).to_le_bytes());
                for (i, w) in live {
                    out.extend_from_slice(&(i as u32).to_le_bytes());
                    out.extend_from_slice(&w.to_le_bytes());
                }
            }
        }
        let sum = checksum(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Reads a model from bytes written by [`Model::to_bytes`]. Never panics: a corrupt,
    /// truncated or foreign file is an error.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(ModelError::NotAModel);
        }
        let mut r = Reader { bytes, at: MAGIC.len() };
        let version = r.u32()?;
        if !(OLDEST_FORMAT_VERSION..=FORMAT_VERSION).contains(&version) {
            return Err(ModelError::Version { found: version });
        }
        if bytes.len() < MAGIC.len() + 8 + 8 {
            return Err(ModelError::Truncated);
        }
        let (body, tail) = bytes.split_at(bytes.len() - 8);
        let mut stored = [0u8; 8];
        stored.copy_from_slice(tail);
        if checksum(body) != u64::from_le_bytes(stored) {
            return Err(ModelError::Checksum);
        }
        let mut r = Reader { bytes: body, at: r.at };
        let templates = r.u32()?;
        if templates != TEMPLATES_VERSION {
            return Err(ModelError::Templates { found: templates });
        }
        if r.u32()? != TAGS as u32 {
            return Err(ModelError::Invalid("wrong number of tags"));
        }
        let len = r.u32()? as usize;
        let description = std::str::from_utf8(r.take(len)?)
            .map_err(|_| ModelError::Invalid("description is not UTF-8"))?
            .to_string();
        let weights = if version >= 5 { CONFIDENCE_FEATURES } else { CONFIDENCE_FEATURES_V4 };
        if r.u32()? as usize != weights {
            return Err(ModelError::Invalid("wrong number of calibration weights"));
        }
        // A version 4 file's last facts weigh nothing: its confidence stays as it was.
        let mut calibration = [0.0f32; CONFIDENCE_FEATURES];
        for v in &mut calibration[..weights] {
            *v = r.f32()?;
        }
        if calibration.iter().any(|v| !v.is_finite()) {
            return Err(ModelError::Invalid("calibration is not a finite number"));
        }
        let mut recalibration = Isotonic::default();
        if version >= 5 {
            let count = r.u32()? as usize;
            if count > MAX_KNOTS {
                return Err(ModelError::Invalid("too many confidence knots"));
            }
            for _ in 0..count {
                recalibration.knots.push((r.f32()?, r.f32()?));
            }
            if !recalibration.is_valid() {
                return Err(ModelError::Invalid("confidence map is not monotone in [0, 1]"));
            }
        }
        let count = r.u32()? as usize;
        let mut words = Vec::with_capacity(count.min(1 << 20));
        let mut previous = None;
        for _ in 0..count {
            let word = u64::from_le_bytes(r.take(8)?.try_into().expect("eight bytes"));
            let class = r.take(1)?[0];
            if !(1..=31).contains(&class) || previous.is_some_and(|p| p >= word) {
                return Err(ModelError::Invalid("learnt words out of order or range"));
            }
            previous = Some(word);
            words.push((word, class));
        }
        let role_words = RoleWords::from_entries(words);
        let taggers = r.u32()?;
        if !(1..=2).contains(&taggers) {
            return Err(ModelError::Invalid("a model has one or two taggers"));
        }
        let first = read_tagger(&mut r)?;
        let second = if taggers == 2 { Some(read_tagger(&mut r)?) } else { None };
        if second.as_ref().is_some_and(|s| s.bits != first.bits) {
            return Err(ModelError::Invalid("the two taggers' tables differ in size"));
        }
        let spans = match r.u32()? {
            0 => None,
            1 => Some(read_ranker(&mut r)?),
            _ => return Err(ModelError::Invalid("a model has no ranker or one")),
        };
        if r.at != body.len() {
            return Err(ModelError::Invalid("trailing bytes"));
        }
        Ok(Model { first, second, calibration, recalibration, description, role_words, spans })
    }
}

fn read_ranker(r: &mut Reader<'_>) -> Result<SpanRanker, ModelError> {
    if r.u32()? != RANKER_BITS {
        return Err(ModelError::Invalid("ranker table size"));
    }
    let mut ranker = SpanRanker::empty();
    let count = r.u32()? as usize;
    if count > ranker.weights.len() {
        return Err(ModelError::Invalid("more ranker weights than the table holds"));
    }
    let mut previous = None;
    for _ in 0..count {
        let i = r.u32()? as usize;
        let w = r.f32()?;
        if previous.is_some_and(|p| p >= i) || !w.is_finite() {
            return Err(ModelError::Invalid("ranker weights out of order or not numbers"));
        }
        previous = Some(i);
        *ranker.weights.get_mut(i).ok_or(ModelError::Invalid("ranker weight index"))? = w;
    }
    Ok(ranker)
}

struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Result<&'b [u8], ModelError> {
        let end = self.at.checked_add(n).ok_or(ModelError::Truncated)?;
        let slice = self.bytes.get(self.at..end).ok_or(ModelError::Truncated)?;
        self.at = end;
        Ok(slice)
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_bits(self.u32()?))
    }

    fn varint(&mut self) -> Result<usize, ModelError> {
        let mut value = 0usize;
        for shift in (0..35).step_by(7) {
            let b = self.take(1)?[0];
            value |= usize::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(ModelError::Invalid("varint too long"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Tagger;

    fn small() -> Model {
        let mut first = Tagger::empty(10);
        first.weights[3][2] = 1.5;
        first.weights[700][0] = -0.25;
        first.weights[1023][6] = 3.0;
        first.transitions[7][1] = -2.0;
        let mut second = Tagger::empty(11);
        second.bits = 10;
        second.weights.truncate(1 << 10);
        second.weights[1000][1] = -7.0;
        let words = RoleWords::from_entries([(5, 1), (77, 3), (u64::MAX, 2)]);
        let mut m = Model::new(first, Some(second), words);
        m.calibration = [2.0, -1.0, 0.5, 0.0, 0.0, 1.0, 0.0, -3.0, 0.75];
        m.recalibration = Isotonic { knots: vec![(0.1, 0.05), (0.5, 0.4), (0.9, 0.95)] };
        m.description = "test".into();
        let mut ranker = SpanRanker::empty();
        ranker.weights[4] = 0.5;
        ranker.weights[60_000] = -2.25;
        m.spans = Some(ranker);
        m
    }

    #[test]
    fn round_trip() {
        let m = small();
        let bytes = m.to_bytes();
        let back = Model::from_bytes(&bytes).unwrap();
        assert_eq!(back.to_bytes(), bytes);
        assert_eq!(back.description, "test");
        assert_eq!(back.role_words, m.role_words);
        assert_eq!(back.first.transitions, m.first.transitions);
        assert_eq!(back, m, "frozen taggers read back exactly");
        // Within half a unit of the 8-bit scale (3.0 / 127 for the first tagger).
        let near = |t: &FrozenTagger, row: usize, tag: usize, w: f32| {
            (f32::from(t.rows[row][tag]) * t.scale - w).abs() <= t.scale / 2.0 + 1e-6
        };
        assert!(near(&back.first, 3, 2, 1.5));
        assert!(near(&back.first, 700, 0, -0.25));
        assert!(near(&back.first, 1023, 6, 3.0));
        assert!(near(back.second.as_ref().unwrap(), 1000, 1, -7.0));
        assert_eq!(back.first.rows[1023][6], Weight::MAX, "the largest weight is the top");
        assert_eq!(back.spans.as_ref().map(|r| r.weights[60_000]), Some(-2.25));
        assert_eq!(back.recalibration, m.recalibration);
    }

    /// `model`'s bytes as format version 4 wrote them: eight calibration weights and no
    /// confidence map.
    fn version_4(model: &Model) -> Vec<u8> {
        let mut bytes = model.to_bytes();
        let weights = MAGIC.len() + 12 + 4 + model.description.len();
        bytes[weights..weights + 4].copy_from_slice(&(CONFIDENCE_FEATURES_V4 as u32).to_le_bytes());
        let dropped = weights + 4 + 4 * CONFIDENCE_FEATURES_V4;
        let knots = 4 * (CONFIDENCE_FEATURES - CONFIDENCE_FEATURES_V4)
            + 4
            + 8 * model.recalibration.knots.len();
        bytes.drain(dropped..dropped + knots);
        bytes[8..12].copy_from_slice(&4u32.to_le_bytes());
        bytes.truncate(bytes.len() - 8);
        let sum = checksum(&bytes);
        bytes.extend_from_slice(&sum.to_le_bytes());
        bytes
    }

    #[test]
    fn version_4_files_are_read_with_no_confidence_map() {
        let m = small();
        let back = Model::from_bytes(&version_4(&m)).unwrap();
        assert!(back.recalibration.knots.is_empty());
        assert_eq!(
            back.calibration[..CONFIDENCE_FEATURES_V4],
            m.calibration[..CONFIDENCE_FEATURES_V4]
        );
        assert_eq!(back.calibration[CONFIDENCE_FEATURES_V4..], [0.0]);
        assert_eq!(back.spans, m.spans);
        assert_eq!(back.first, m.first);
    }

    #[test]
    fn a_confidence_map_that_is_not_monotone_is_refused() {
        let mut m = small();
        m.recalibration.knots = vec![(0.1, 0.5), (0.5, 0.4)];
        assert_eq!(
            Model::from_bytes(&m.to_bytes()),
            Err(ModelError::Invalid("confidence map is not monotone in [0, 1]"))
        );
    }

    #[test]
    fn errors_are_errors() {
        let bytes = small().to_bytes();
        assert_eq!(Model::from_bytes(b""), Err(ModelError::NotAModel));
        assert_eq!(Model::from_bytes(b"hello world, not a model"), Err(ModelError::NotAModel));
        for cut in [8, 12, 20, bytes.len() / 2, bytes.len() - 1] {
            assert!(Model::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut corrupt = bytes.clone();
        corrupt[40] ^= 1;
        assert_eq!(Model::from_bytes(&corrupt), Err(ModelError::Checksum));
        let mut other = bytes.clone();
        other[8] = 9;
        assert_eq!(Model::from_bytes(&other), Err(ModelError::Version { found: 9 }));
        // Version 2 held 16-bit weights: refused, not misread.
        other[8] = 2;
        assert_eq!(Model::from_bytes(&other), Err(ModelError::Version { found: 2 }));
        // Version 3 had no content boundary ranker.
        other[8] = 3;
        assert_eq!(Model::from_bytes(&other), Err(ModelError::Version { found: 3 }));
        other[8] = 6;
        assert_eq!(Model::from_bytes(&other), Err(ModelError::Version { found: 6 }));
    }

    #[test]
    fn every_truncation_and_bit_flip_is_an_error_not_a_panic() {
        let bytes = small().to_bytes();
        for cut in 0..bytes.len() {
            assert!(Model::from_bytes(&bytes[..cut]).is_err());
        }
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0x40;
            assert!(Model::from_bytes(&b).is_err(), "flip at {i}");
        }
    }
}
