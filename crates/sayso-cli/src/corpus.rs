//! The corpus commands: `ingest`, `search`, `speakers` and `export`, over `sayso-store`.

use std::io::{self, BufWriter, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sayso_store::export::ExportFormat;
use sayso_store::{Hit, IngestOptions, IngestProgress, SearchQuery, Store};

/// Failure lines printed before the summary; the rest are only counted.
const FAILURES_SHOWN: usize = 100;

/// `sayso ingest`, validated.
pub struct IngestTask {
    pub paths: Vec<PathBuf>,
    pub db: PathBuf,
    pub threads: NonZeroUsize,
    pub max_bytes: usize,
    /// Whether to draw a progress bar (stderr is a terminal, and no --quiet).
    pub progress: bool,
}

/// How `sayso search` prints hits.
#[derive(Clone, Copy)]
pub enum SearchFormat {
    Table,
    Jsonl,
    Csv,
}

/// `sayso search`, validated.
pub struct SearchTask {
    pub db: PathBuf,
    pub query: SearchQuery,
    pub format: SearchFormat,
}

/// `sayso speakers`, validated.
pub struct SpeakersTask {
    pub db: PathBuf,
    pub top: usize,
    pub json: bool,
}

/// `sayso export`, validated.
pub struct ExportTask {
    pub db: PathBuf,
    pub out: PathBuf,
    pub format: ExportFormat,
}

pub fn ingest(task: &IngestTask, extractor: sayso::Extractor) -> anyhow::Result<ExitCode> {
    let store = Store::open(&task.db)
        .with_context(|| format!("cannot open the store {}", task.db.display()))?;
    let options = IngestOptions { extractor, threads: task.threads, max_bytes: task.max_bytes };
    let bar = task.progress.then(progress_bar);
    let started = Instant::now();
    let mut on_progress = |p: &IngestProgress| {
        if let Some(bar) = &bar {
            bar.set_length(p.bytes_total.max(1));
            bar.set_position(p.bytes_read);
            let rate = p.read as f64 / started.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!(
                "{} articles, {rate:.0}/s, {} stored, {} duplicates, {} failed",
                p.read, p.stored, p.duplicates, p.failed
            ));
        }
    };
    let summary = store.ingest(&task.paths, &options, &mut on_progress);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let summary = summary.context("ingest failed; every batch committed before it is kept")?;
    let mut stderr = io::stderr().lock();
    for failure in summary.failures.iter().take(FAILURES_SHOWN) {
        let _ = writeln!(stderr, "sayso: {}: {}", failure.origin, failure.message);
    }
    if summary.failed as usize > FAILURES_SHOWN {
        let more = summary.failed as usize - FAILURES_SHOWN;
        let _ = writeln!(stderr, "sayso: … and {more} more failures");
    }
    let rate = summary.read as f64 / summary.seconds.max(1e-3);
    let _ = writeln!(
        stderr,
        "sayso: ingest: {} articles read: {} stored ({} attributions), {} skipped as \
         duplicates, {} failed; {:.1} s, {rate:.0} articles/s; store {}",
        summary.read,
        summary.stored,
        summary.attributions,
        summary.duplicates,
        summary.failed,
        summary.seconds,
        task.db.display()
    );
    Ok(if summary.failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn progress_bar() -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(1), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{elapsed_precise} [{bar:30}] {bytes}/{total_bytes} ETA {eta} · {msg}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar())
    .progress_chars("=> ");
    bar.set_style(style);
    bar
}

fn open_read_only(db: &std::path::Path) -> anyhow::Result<Store> {
    Store::open_read_only(db).with_context(|| format!("cannot open the store {}", db.display()))
}

pub fn search(task: &SearchTask) -> anyhow::Result<ExitCode> {
    let store = open_read_only(&task.db)?;
    let results = store.search(&task.query)?;
    let mut out = BufWriter::new(io::stdout().lock());
    let written = match task.format {
        SearchFormat::Jsonl => results.hits.iter().try_for_each(|hit| {
            serde_json::to_writer(&mut out, hit)?;
            out.write_all(b"\n")
        }),
        SearchFormat::Csv => write_csv(&results.hits, &mut out),
        SearchFormat::Table => write_table(&results.hits, results.total, &task.query, &mut out),
    };
    finish(written.and_then(|()| out.flush()))
}

/// Quiet success when the reader of stdout goes away (`sayso search x | head`).
fn finish(written: io::Result<()>) -> anyhow::Result<ExitCode> {
    match written {
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => {
            Err(anyhow::Error::new(err).context("cannot write to standard output"))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

fn write_csv(hits: &[Hit], out: &mut impl Write) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let header = [
        "attribution_id",
        "article_id",
        "date",
        "outlet",
        "speaker_id",
        "speaker",
        "speaker_kind",
        "kind",
        "cue",
        "source",
        "content",
        "confidence",
        "score",
        "title",
        "url",
    ];
    writer.write_record(header)?;
    for hit in hits {
        let speaker = hit.speaker.as_ref();
        writer.write_record([
            hit.attribution_id.to_string(),
            hit.article_id.clone(),
            hit.date.map(|d| d.to_string()).unwrap_or_default(),
            hit.outlet.clone().unwrap_or_default(),
            speaker.and_then(|s| s.id.clone()).unwrap_or_default(),
            speaker.map(|s| s.name.clone()).unwrap_or_default(),
            speaker.map(|s| s.kind.clone()).unwrap_or_default(),
            hit.kind.clone(),
            hit.cue.clone().unwrap_or_default(),
            hit.source.clone().unwrap_or_default(),
            hit.content.clone(),
            hit.confidence.to_string(),
            format!("{:.3}", hit.score),
            hit.title.clone().unwrap_or_default(),
            hit.url.clone().unwrap_or_default(),
        ])?;
    }
    writer.flush()
}

/// `s` cut to `width` chars, with `…` when cut, padded to `width`.
fn cell(s: &str, width: usize) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let count = s.chars().count();
    if count <= width {
        format!("{s}{}", " ".repeat(width - count))
    } else {
        let cut: String = s.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

fn write_table(
    hits: &[Hit],
    total: u64,
    query: &SearchQuery,
    out: &mut impl Write,
) -> io::Result<()> {
    writeln!(
        out,
        "{} {} {} {} {}  article",
        cell("date", 10),
        cell("outlet", 16),
        cell("speaker", 22),
        cell("cue", 10),
        cell("content", 60)
    )?;
    for hit in hits {
        let speaker = hit.speaker.as_ref().map(|s| s.name.as_str()).unwrap_or("-");
        writeln!(
            out,
            "{} {} {} {} {}  {}",
            cell(&hit.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into()), 10),
            cell(hit.outlet.as_deref().unwrap_or("-"), 16),
            cell(speaker, 22),
            cell(hit.cue.as_deref().unwrap_or("-"), 10),
            cell(&hit.content, 60),
            hit.article_id
        )?;
    }
    let shown = hits.len();
    let first = if shown == 0 { 0 } else { query.offset + 1 };
    writeln!(out, "{first}–{} of {total} attributions", query.offset + shown)
}

pub fn speakers(task: &SpeakersTask) -> anyhow::Result<ExitCode> {
    let store = open_read_only(&task.db)?;
    let stats = store.speakers(task.top)?;
    let mut out = BufWriter::new(io::stdout().lock());
    if task.json {
        let written = serde_json::to_writer_pretty(&mut out, &stats)
            .map_err(io::Error::from)
            .and_then(|()| out.write_all(b"\n"));
        return finish(written.and_then(|()| out.flush()));
    }
    let mut written = writeln!(
        out,
        "{} {} {:>12} {:>9}",
        cell("most quoted", 32),
        cell("kind", 12),
        "attributions",
        "articles"
    );
    for s in &stats.speakers {
        written = written.and_then(|()| {
            writeln!(
                out,
                "{} {} {:>12} {:>9}",
                cell(&s.name, 32),
                cell(&s.kind, 12),
                s.attributions,
                s.articles
            )
        });
    }
    written = written.and_then(|()| {
        writeln!(
            out,
            "\n{} {:>12} {:>7} {:>10} {:>7}",
            cell("outlet", 32),
            "attributions",
            "named",
            "anonymous",
            "other"
        )
    });
    for o in &stats.outlets {
        let pct = |n: u64| format!("{:.0}%", 100.0 * n as f64 / o.attributions.max(1) as f64);
        written = written.and_then(|()| {
            writeln!(
                out,
                "{} {:>12} {:>7} {:>10} {:>7}",
                cell(o.outlet.as_deref().unwrap_or("(no outlet)"), 32),
                o.attributions,
                pct(o.named),
                pct(o.anonymous),
                pct(o.other)
            )
        });
    }
    finish(written.and_then(|()| out.flush()))
}

pub fn export(task: &ExportTask) -> anyhow::Result<ExitCode> {
    let store = open_read_only(&task.db)?;
    let rows = sayso_store::export::export(&store, task.format, &task.out)
        .with_context(|| format!("cannot export to {}", task.out.display()))?;
    let _ = writeln!(io::stderr(), "sayso: export: {rows} attributions to {}", task.out.display());
    Ok(ExitCode::SUCCESS)
}
