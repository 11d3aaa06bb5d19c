//! Search latency over a synthetic corpus of about a million attributions.
//!
//! ```text
//! cargo run --release -p sayso-store --example bench_search -- [--attributions N] [--db DIR] [--queries N]
//! ```
//!
//! The first run writes a JSON Lines feed of synthetic articles (twenty attributions each,
//! words drawn from a Zipf-distributed vocabulary of 20,000, 5,000 speakers, 25 outlets, five
//! years of dates) and ingests it through the real pipeline, engine included, into DIR
//! (default `target/bench-store`); later runs reuse the store. It then times `Store::search`
//! (index query plus the SQLite look-up of 20 hits) over a mix of queries and prints the
//! percentiles per kind of query and overall.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use sayso_store::{Date, IngestOptions, SearchQuery, Store};

/// splitmix64: a small, seedable generator, enough for synthetic text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// An index from 0 to n with probability about 1/(rank+1): Zipf with s = 1.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64 + 1.0).powf(u) - 1.0) as usize % n
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ra", "te", "su", "no", "vi", "da", "re", "po", "li", "an", "er", "on", "ta",
    "ge", "bu", "si", "mo", "ne", "fa", "ri", "co", "de", "ul", "is", "ba", "tor", "ven",
];

fn word(mut n: usize) -> String {
    let mut w = String::new();
    loop {
        w.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
        if n == 0 {
            return w;
        }
    }
}

struct Vocabulary {
    words: Vec<String>,
    names: Vec<String>,
    outlets: Vec<String>,
}

impl Vocabulary {
    fn new() -> Vocabulary {
        let words = (0..20_000).map(|i| word(i + 31)).collect();
        let cap = |s: String| {
            let mut c = s.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
        };
        let names = (0..5000)
            .map(|i| format!("{} {}", cap(word(i % 900 + 40)), cap(word(i + 1000))))
            .collect();
        let outlets = (0..25).map(|i| format!("The {} Times", cap(word(i + 200)))).collect();
        Vocabulary { words, names, outlets }
    }

    fn sentence(&self, rng: &mut Rng, len: usize) -> String {
        (0..len)
            .map(|_| self.words[rng.zipf(self.words.len())].as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn write_feed(path: &PathBuf, articles: usize, vocab: &Vocabulary) -> std::io::Result<()> {
    let mut rng = Rng(42);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for i in 0..articles {
        let mut text = String::new();
        for q in 0..20 {
            let name = &vocab.names[rng.zipf(vocab.names.len())];
            let len = 8 + rng.below(12);
            let content = vocab.sentence(&mut rng, len);
            if q % 2 == 0 {
                text.push_str(&format!("“{content},” said {name}, the minister.\n\n"));
            } else {
                text.push_str(&format!("{name} said that {content}.\n\n"));
            }
        }
        let day = Date::new(
            2020 + rng.below(5) as i32,
            1 + rng.below(12) as u32,
            1 + rng.below(28) as u32,
        );
        let record = serde_json::json!({
            "id": format!("s{i}"),
            "text": text,
            "url": format!("https://synthetic.example/{i}"),
            "outlet": vocab.outlets[rng.below(vocab.outlets.len())],
            "published": day.map(|d| d.to_string()),
        });
        writeln!(out, "{record}")?;
    }
    out.flush()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (mut target, mut db, mut queries) =
        (1_000_000u64, PathBuf::from("target/bench-store"), 2000usize);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or("missing value")?;
        match flag.as_str() {
            "--attributions" => target = value.parse()?,
            "--db" => db = value.into(),
            "--queries" => queries = value.parse()?,
            other => return Err(format!("unknown flag {other}").into()),
        }
    }
    let vocab = Vocabulary::new();
    {
        let store = Store::open(&db)?;
        let have = store.stats()?.attributions;
        if have < target * 9 / 10 {
            let articles = (target / 20) as usize;
            let feed = db.with_extension("jsonl");
            eprintln!("writing {articles} synthetic articles to {}", feed.display());
            write_feed(&feed, articles, &vocab)?;
            eprintln!("ingesting (engine included)");
            let summary = store.ingest(
                std::slice::from_ref(&feed),
                &IngestOptions::default(),
                &mut |_| {},
            )?;
            eprintln!(
                "ingest: {} articles, {} attributions in {:.1} s: {:.0} articles/s",
                summary.stored,
                summary.attributions,
                summary.seconds,
                summary.read as f64 / summary.seconds
            );
            std::fs::remove_file(feed)?;
        }
    }
    let store = Store::open_read_only(&db)?;
    let stats = store.stats()?;
    eprintln!("store: {} articles, {} attributions", stats.articles, stats.attributions);

    let mut rng = Rng(7);
    let mut timings: Vec<(&str, f64, u64)> = Vec::new();
    for i in 0..queries {
        let w = |rng: &mut Rng| vocab.words[rng.zipf(vocab.words.len())].clone();
        let (kind, query) = match i % 6 {
            0 => ("one word", SearchQuery { text: w(&mut rng), ..Default::default() }),
            1 => (
                "two words",
                SearchQuery {
                    text: format!("{} {}", w(&mut rng), w(&mut rng)),
                    ..Default::default()
                },
            ),
            2 => (
                "phrase",
                SearchQuery {
                    text: format!("\"{} {}\"", w(&mut rng), w(&mut rng)),
                    ..Default::default()
                },
            ),
            3 => (
                "word + speaker",
                SearchQuery {
                    text: w(&mut rng),
                    speaker: Some(vocab.names[rng.zipf(vocab.names.len())].clone()),
                    ..Default::default()
                },
            ),
            4 => (
                "word + outlet + dates",
                SearchQuery {
                    text: w(&mut rng),
                    outlet: Some(vocab.outlets[rng.below(vocab.outlets.len())].clone()),
                    since: Date::new(2021, 1, 1),
                    until: Date::new(2022, 12, 31),
                    ..Default::default()
                },
            ),
            _ => (
                "no words, outlet, newest",
                SearchQuery {
                    outlet: Some(vocab.outlets[rng.below(vocab.outlets.len())].clone()),
                    ..Default::default()
                },
            ),
        };
        let started = Instant::now();
        let results = store.search(&query)?;
        timings.push((kind, started.elapsed().as_secs_f64() * 1e3, results.total));
    }
    let mut kinds: Vec<&str> = timings.iter().map(|t| t.0).collect();
    kinds.dedup();
    kinds.sort_unstable();
    kinds.dedup();
    println!(
        "{:<26} {:>7} {:>8} {:>8} {:>8} {:>8} {:>12}",
        "query", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "mean hits"
    );
    for kind in kinds.iter().copied().chain(["all"]) {
        let rows: Vec<&(&str, f64, u64)> =
            timings.iter().filter(|t| kind == "all" || t.0 == kind).collect();
        let mut ms: Vec<f64> = rows.iter().map(|t| t.1).collect();
        ms.sort_by(f64::total_cmp);
        let mean_hits = rows.iter().map(|t| t.2 as f64).sum::<f64>() / rows.len() as f64;
        println!(
            "{kind:<26} {:>7} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>12.0}",
            ms.len(),
            percentile(&ms, 0.5),
            percentile(&ms, 0.95),
            percentile(&ms, 0.99),
            ms[ms.len() - 1],
            mean_hits
        );
    }
    Ok(())
}
