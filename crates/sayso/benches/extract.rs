//! Extraction speed on PolNeAR train texts, one thread, with the built-in model and with the
//! rules alone, plus the cost of reading the built-in model.
//!
//! `cargo bench -p sayso --bench extract`. The corpus is not in the repository; the bench reads
//! it from `../shared/data/polnear/train` beside the workspace and, when it is absent, measures
//! the shipped example article alone. `scripts/bench.sh` measures the CLI end to end and the
//! peers on the same articles; docs/benchmarks.md has the figures.

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sayso::model::Model;
use sayso::Extractor;

fn articles() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/polnear/train/text");
    let mut paths: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => {
            eprintln!(
                "PolNeAR train not found at {}: measuring examples/okafor.txt alone",
                dir.display()
            );
            let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/okafor.txt");
            return vec![std::fs::read_to_string(example).expect("the shipped example")];
        }
    };
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect()
}

fn extract(c: &mut Criterion) {
    let texts = articles();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    for (name, extractor) in [("model", Extractor::new()), ("rules", Extractor::rules())] {
        // Read the embedded model before timing, as a long-running process would.
        extractor.extract("“Yes,” she said.");
        group.bench_function(name, |b| {
            b.iter(|| texts.iter().map(|t| extractor.extract(t).attributions.len()).sum::<usize>())
        });
    }
    group.finish();
}

fn load(c: &mut Criterion) {
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/model.bin"))
        .expect("the built-in model file");
    let mut group = c.benchmark_group("model");
    group.sample_size(10);
    group.bench_function("load", |b| b.iter(|| Model::from_bytes(&bytes).expect("a model")));
    group.finish();
}

criterion_group!(benches, extract, load);
criterion_main!(benches);
