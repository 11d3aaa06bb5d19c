//! A monotone correction of the confidence: isotonic regression over held-out attributions.
//!
//! The logistic regression of [`decode`](super::decode) ranks attributions well, but its
//! one sigmoid cannot follow every bend of the true curve: fitted on eight facts, it is too
//! sure of itself in the middle of the range and not sure enough near the top. Isotonic
//! regression (pool adjacent violators, Ayer et al. 1955) finds the non-decreasing step
//! function of the logistic's output closest to the held-out outcomes; its blocks, made
//! large enough to be estimates and not noise, become knots, and the confidence is read off
//! the line through them. Being monotone, it keeps the logistic's ranking (and so what
//! `--min-confidence` keeps, up to ties), and changes only what the numbers mean.

/// The fewest held-out attributions a knot stands for.
const MIN_BLOCK: usize = 50;

/// The most knots a model file may hold.
pub(crate) const MAX_KNOTS: usize = 4096;

/// Knots `(raw, calibrated)`: raw confidences strictly increasing, calibrated ones
/// non-decreasing in `[0, 1]`. No knots is the identity.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Isotonic {
    pub(crate) knots: Vec<(f32, f32)>,
}

/// A run of held-out samples pooled into one estimate.
#[derive(Clone, Copy)]
struct Block {
    /// The sum of the samples' raw confidences.
    raw: f64,
    /// How many were right.
    right: f64,
    /// How many samples.
    n: f64,
}

impl Block {
    fn mean(&self) -> f64 {
        self.right / self.n
    }

    fn merge(&mut self, other: Block) {
        self.raw += other.raw;
        self.right += other.right;
        self.n += other.n;
    }
}

impl Isotonic {
    /// Fits the map to held-out `(raw confidence, right)` samples; the identity when there
    /// are too few of them to say anything.
    pub(crate) fn fit(samples: &[(f32, bool)]) -> Isotonic {
        let mut sorted: Vec<(f32, bool)> =
            samples.iter().copied().filter(|(p, _)| p.is_finite()).collect();
        if sorted.len() < 2 * MIN_BLOCK {
            return Isotonic::default();
        }
        sorted.sort_by(|a, b| a.0.total_cmp(&b.0));

        // Equal raw confidences start in one block, so that knots' raw values differ.
        let mut blocks: Vec<Block> = Vec::new();
        let mut last = f32::NAN;
        for &(p, right) in &sorted {
            let sample = Block { raw: f64::from(p), right: f64::from(u8::from(right)), n: 1.0 };
            match blocks.last_mut() {
                Some(b) if p == last => b.merge(sample),
                _ => blocks.push(sample),
            }
            last = p;
        }

        // Pool adjacent violators: a stack of blocks whose means increase.
        let mut pooled: Vec<Block> = Vec::with_capacity(blocks.len());
        for block in blocks {
            pooled.push(block);
            while let [.., below, top] = pooled.as_mut_slice() {
                if below.mean() < top.mean() {
                    break;
                }
                let top = *top;
                below.merge(top);
                pooled.pop();
            }
        }

        // Blocks too small to be estimates join the neighbour nearest in outcome. Merging
        // neighbours of an increasing sequence leaves it non-decreasing. On samples enough
        // for more than [`MAX_KNOTS`] blocks of [`MIN_BLOCK`], blocks grow so that the map
        // still covers the whole range in as many knots as a file may hold.
        let min_block = MIN_BLOCK.max(sorted.len().div_ceil(MAX_KNOTS)) as f64;
        while pooled.len() > 1 {
            let Some(small) = (0..pooled.len())
                .filter(|&k| pooled[k].n < min_block)
                .min_by(|&a, &b| pooled[a].n.total_cmp(&pooled[b].n))
            else {
                break;
            };
            let into = if small == 0 {
                1
            } else if small + 1 == pooled.len() {
                small - 1
            } else {
                let m = pooled[small].mean();
                let left = m - pooled[small - 1].mean();
                let right = pooled[small + 1].mean() - m;
                if left <= right {
                    small - 1
                } else {
                    small + 1
                }
            };
            let block = pooled.remove(small);
            let into = if into > small { into - 1 } else { into };
            pooled[into].merge(block);
        }

        let mut knots: Vec<(f32, f32)> = Vec::with_capacity(pooled.len());
        for b in &pooled {
            // A knot's estimate, a little away from 0 and 1: no finite sample proves certainty.
            let y = ((b.right + 0.5) / (b.n + 1.0)) as f32;
            let x = (b.raw / b.n) as f32;
            match knots.last_mut() {
                // Two means that round to one f32: keep the later, larger estimate.
                Some(k) if x <= k.0 => k.1 = k.1.max(y),
                Some(k) => {
                    let y = y.max(k.1);
                    knots.push((x, y));
                }
                None => knots.push((x, y)),
            }
        }
        debug_assert!(knots.len() <= MAX_KNOTS, "every block holds at least min_block samples");
        Isotonic { knots }
    }

    /// Whether the knots are a monotone map into `[0, 1]`, as a model file must hold them.
    pub(crate) fn is_valid(&self) -> bool {
        self.knots.len() <= MAX_KNOTS
            && self.knots.iter().all(|&(x, y)| x.is_finite() && (0.0..=1.0).contains(&y))
            && self.knots.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 <= w[1].1)
    }

    /// The calibrated confidence of a raw one: the line through the knots around it, the
    /// end knots' values beyond them.
    pub(crate) fn apply(&self, raw: f32) -> f32 {
        let (Some(first), Some(last)) = (self.knots.first(), self.knots.last()) else {
            return raw;
        };
        if raw.is_nan() {
            return raw;
        }
        if raw <= first.0 {
            return first.1;
        }
        if raw >= last.0 {
            return last.1;
        }
        let k = self.knots.partition_point(|&(x, _)| x <= raw);
        let (x0, y0) = self.knots[k - 1];
        let (x1, y1) = self.knots[k];
        y0 + (y1 - y0) * (raw - x0) / (x1 - x0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Samples whose true rate of being right is `truth(raw)`, spread evenly.
    fn samples(n: usize, truth: impl Fn(f32) -> f32) -> Vec<(f32, bool)> {
        let mut out = Vec::new();
        for i in 0..n {
            let raw = (i as f32 + 0.5) / n as f32;
            // A deterministic Bernoulli draw: every 97th point of a low-discrepancy sequence.
            let u = ((i * 97) % n) as f32 / n as f32;
            out.push((raw, u < truth(raw)));
        }
        out
    }

    #[test]
    fn too_few_samples_give_the_identity() {
        let map = Isotonic::fit(&samples(20, |p| p));
        assert!(map.knots.is_empty());
        assert_eq!(map.apply(0.37), 0.37);
    }

    #[test]
    fn the_map_is_monotone_and_follows_the_outcomes() {
        // Over-confident in the middle: right at the square of the raw confidence.
        let map = Isotonic::fit(&samples(5000, |p| p * p));
        assert!(map.is_valid(), "{:?}", map.knots);
        assert!(map.knots.len() > 5);
        let mut previous = 0.0;
        for i in 0..=100 {
            let y = map.apply(i as f32 / 100.0);
            assert!(y >= previous, "not monotone at {i}");
            previous = y;
        }
        assert!((map.apply(0.5) - 0.25).abs() < 0.08, "{}", map.apply(0.5));
        assert!((map.apply(0.9) - 0.81).abs() < 0.08, "{}", map.apply(0.9));
    }

    #[test]
    fn every_knot_stands_for_enough_samples() {
        // Outcomes that zigzag would make a block of every pair without the minimum size.
        let zigzag: Vec<(f32, bool)> = (0..1000).map(|i| (i as f32 / 1000.0, i % 2 == 0)).collect();
        let map = Isotonic::fit(&zigzag);
        assert!(map.is_valid());
        assert!(map.knots.len() <= 1000 / MIN_BLOCK);
    }

    #[test]
    fn samples_enough_for_more_knots_than_a_file_holds_still_cover_the_range() {
        // Rates `r / n` with n from 50 to 130, all different and increasing: each a block of
        // its own under pool adjacent violators, more of them than a file may hold.
        let mut rates: Vec<(usize, usize)> =
            (50..=130).flat_map(|n| (1..n).map(move |r| (r, n))).collect();
        rates.sort_by(|a, b| (a.0 * b.1).cmp(&(b.0 * a.1)));
        rates.dedup_by(|a, b| a.0 * b.1 == b.0 * a.1);
        assert!(rates.len() > MAX_KNOTS);
        let mut samples = Vec::new();
        for (k, &(r, n)) in rates.iter().enumerate() {
            let raw = k as f32 / rates.len() as f32;
            samples.extend((0..n).map(|i| (raw, i < r)));
        }
        let map = Isotonic::fit(&samples);
        assert!(map.is_valid());
        assert!(map.knots.len() <= MAX_KNOTS);
        assert!(map.knots.last().is_some_and(|k| k.0 > 0.99), "the top end is kept");
    }

    #[test]
    fn ties_and_nans_do_not_break_the_map() {
        let mut s = vec![(0.5f32, true); 80];
        s.extend(vec![(0.5f32, false); 80]);
        s.push((f32::NAN, true));
        let map = Isotonic::fit(&s);
        assert!(map.is_valid());
        assert_eq!(map.knots.len(), 1);
        assert!((map.apply(0.1) - 0.5).abs() < 0.01);
        assert!(map.apply(f32::NAN).is_nan());
    }

    #[test]
    fn invalid_knots_are_noticed() {
        let down = Isotonic { knots: vec![(0.2, 0.6), (0.4, 0.5)] };
        assert!(!down.is_valid());
        let repeated = Isotonic { knots: vec![(0.2, 0.5), (0.2, 0.6)] };
        assert!(!repeated.is_valid());
        let out_of_range = Isotonic { knots: vec![(0.2, 1.5)] };
        assert!(!out_of_range.is_valid());
    }
}
