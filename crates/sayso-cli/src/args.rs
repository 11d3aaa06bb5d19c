//! The command line: clap's view of the flags, and the validated [`Task`] they become.

use std::io::IsTerminal;
use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use sayso::wire::OffsetUnit;

use crate::corpus::{ExportTask, IngestTask, SearchFormat, SearchTask, SpeakersTask};
use crate::eval::EvalOptions;
use crate::input::{Input, InputFormat};
use crate::output::Format;
use crate::train::TrainArgs;

const EXIT_CODES: &str = "\
Exit codes:
  0  every input was processed
  1  at least one input was skipped or the command failed; each problem got one line on
     stderr, and every other article was still processed
  2  usage error (unknown flag, bad value)";

#[derive(Parser)]
#[command(
    name = "sayso",
    version,
    about = "Find who said what in news articles: attributions with their source, cue and content.",
    after_help = EXIT_CODES,
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Extract(ExtractArgs),
    Eval(EvalArgs),
    Train(TrainCliArgs),
    Serve(ServeCliArgs),
    Ingest(IngestArgs),
    Search(SearchArgs),
    Speakers(SpeakersArgs),
    Export(ExportArgs),
}

/// Where the corpus commands keep the store.
#[derive(Args)]
struct DbArgs {
    /// The store folder: sayso.sqlite (the SQLite database, readable by sqlite3, DuckDB or
    /// pandas) and index/ (the full-text index). Layout and tables: docs/store.md.
    #[arg(long, value_name = "DIR", default_value = "sayso-data")]
    db: PathBuf,
}

/// Read articles into the store: extract their attributions, store and index them.
///
/// Each PATH is a text file (one article), a JSON Lines file (*.jsonl: "id", "text", and
/// optionally "url", "outlet", "published", "title", "author"), an HTML page (*.html: the main
/// text by readability, title, byline, date and site from the meta tags), a WARC file
/// (*.warc, *.warc.gz: every HTML response record), or a folder of such files (recursively).
///
/// An article is stored once, keyed by its URL or else by a hash of its text: ingesting the
/// same input again stores nothing new, and an ingest that was killed can simply be run
/// again. An input that cannot be read fails alone, with its reason in the summary.
#[derive(Args)]
#[command(after_help = EXIT_CODES)]
struct IngestArgs {
    /// Files and folders to ingest.
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,

    #[command(flatten)]
    db: DbArgs,

    /// Worker threads [default: all cores].
    #[arg(long, short = 'j', value_name = "N", value_parser = parse_threads)]
    threads: Option<NonZeroUsize>,

    /// Fail, with a reason, any article (or WARC record) larger than this. Accepts a number of
    /// bytes or a suffix K, M or G (powers of 1024).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    max_bytes: usize,

    /// Print no progress bar, even on a terminal.
    #[arg(long, short = 'q')]
    quiet: bool,

    #[command(flatten)]
    engine: EngineArgs,
}

/// Search the stored attributions: ranked by relevance to QUERY, or newest first without one.
///
/// QUERY's words must all appear in the content (stemmed: "rush" finds "rushed");
/// "an exact phrase", a OR b, -word and prefix* work too.
#[derive(Args)]
#[command(after_help = EXIT_CODES)]
struct SearchArgs {
    /// Words to find in what was said; leave out to list by date.
    #[arg(value_name = "QUERY", default_value = "")]
    query: String,

    /// Only attributions to a speaker whose name contains these words ("Okafor").
    #[arg(long, value_name = "NAME")]
    speaker: Option<String>,

    /// Only articles from this outlet, case-insensitive: the feed's "outlet", else the page's
    /// site name, else the web host without www. (`sayso speakers` lists them).
    #[arg(long, value_name = "OUTLET")]
    outlet: Option<String>,

    /// Only articles published on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    since: Option<sayso_store::Date>,

    /// Only articles published on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    until: Option<sayso_store::Date>,

    /// Only this kind of attribution.
    #[arg(long, value_enum, value_name = "KIND")]
    kind: Option<KindArg>,

    /// How many results to show (at most 1000).
    #[arg(long, short = 'n', value_name = "N", default_value_t = 20,
          value_parser = clap::value_parser!(u64).range(1..=1000))]
    limit: u64,

    /// Skip this many results first (for paging).
    #[arg(long, value_name = "N", default_value_t = 0)]
    offset: usize,

    /// table is for reading; jsonl prints one JSON object per hit; csv a header and a row per
    /// hit.
    #[arg(long, value_enum, default_value_t = SearchFormatArg::Table, value_name = "FORMAT")]
    format: SearchFormatArg,

    #[command(flatten)]
    db: DbArgs,
}

/// Who is quoted most, and each outlet's share of named and anonymous sources.
#[derive(Args)]
#[command(after_help = EXIT_CODES)]
struct SpeakersArgs {
    /// How many speakers to list.
    #[arg(long, value_name = "N", default_value_t = 20)]
    top: usize,

    /// table is for reading; json prints one JSON object.
    #[arg(long, value_enum, default_value_t = SpeakersFormatArg::Table, value_name = "FORMAT")]
    format: SpeakersFormatArg,

    #[command(flatten)]
    db: DbArgs,
}

/// Write every stored attribution, one row each with its article's metadata, to a file.
///
/// The columns are documented in docs/store.md. Parquet files open in DuckDB, pandas, Polars
/// and Spark.
#[derive(Args)]
#[command(after_help = EXIT_CODES)]
struct ExportArgs {
    /// The file format.
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: ExportFormatArg,

    /// The file to write (replaced if it exists).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,

    #[command(flatten)]
    db: DbArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Direct,
    Indirect,
    Mixed,
}

#[derive(Clone, Copy, ValueEnum)]
enum SearchFormatArg {
    Table,
    Jsonl,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum SpeakersFormatArg {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormatArg {
    Jsonl,
    Csv,
    Parquet,
}

/// Which engine finds the spans, for `extract` and `eval`.
#[derive(Args)]
struct EngineArgs {
    /// Use this model file (written by `sayso train`) instead of the built-in model.
    #[arg(long, value_name = "FILE", conflicts_with = "rules")]
    model: Option<PathBuf>,

    /// Use the hand-written v1 rules alone, without any model.
    #[arg(long)]
    rules: bool,
}

/// Extract attributions from articles and print them, one JSON object per article.
///
/// Input: each PATH is a text file (one article; its id is the file name without its
/// extension), a directory (every *.txt file directly in it, in name order), or a JSON Lines
/// file (*.jsonl, or any file with --input jsonl): one object per line with "id" (string or
/// number) and "text" (string); every other field is passed through under "meta". Blank lines
/// are skipped. `-`, or no PATH at all, reads standard input: one plain-text article with id
/// "-", or JSON Lines with --input jsonl.
///
/// Articles are processed in parallel and printed in input order. An empty article (no text,
/// or only white space) is not an error: it is printed with no attributions. An input that
/// cannot be read as an article (missing file, not UTF-8, binary data, larger than
/// --max-bytes, a JSON Lines line that is not valid JSON or lacks "id" or "text") is skipped
/// with one message on stderr naming the file (and line); the rest is still processed, and
/// sayso exits with 1 at the end.
///
/// The output format is documented field by field in docs/output.md.
#[derive(Args)]
#[command(after_help = EXIT_CODES)]
struct ExtractArgs {
    /// Text files, directories of *.txt files, JSON Lines files, or - for standard input.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// How to read each PATH: auto treats *.jsonl files as JSON Lines and everything else
    /// (standard input included) as plain text. With jsonl, directories are searched for
    /// *.jsonl files instead of *.txt.
    #[arg(long, value_enum, default_value_t = InputArg::Auto, value_name = "FORM")]
    input: InputArg,

    /// Output format: jsonl prints one JSON object per line (the contract in
    /// docs/output.md); pretty is a summary for reading at a terminal.
    #[arg(long, value_enum, default_value_t = FormatArg::Jsonl, value_name = "FORMAT")]
    format: FormatArg,

    /// Unit of the start/end offsets: bytes counts UTF-8 bytes of the text as given, chars
    /// counts Unicode code points (as Python string indices do). End is exclusive either
    /// way, and "text" is exactly the text between start and end.
    #[arg(long, value_enum, default_value_t = OffsetsArg::Bytes, value_name = "UNIT")]
    offsets: OffsetsArg,

    /// Worker threads [default: all cores]. With 1, a single thread reads, extracts and
    /// prints each article in turn.
    #[arg(long, short = 'j', value_name = "N", value_parser = parse_threads)]
    threads: Option<NonZeroUsize>,

    /// Skip, with an error, any article whose text is larger than this. Accepts a number of
    /// bytes or a suffix K, M or G (powers of 1024). A JSON Lines line longer than twice
    /// this is skipped without being read into memory.
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    max_bytes: usize,

    /// When to colour the pretty format: auto colours only when stdout is a terminal and
    /// NO_COLOR is not set.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    color: ColorArg,

    /// Print only attributions whose confidence is at least P (0 to 1). The built-in
    /// model's confidence is calibrated: of the attributions at 0.9, about nine in ten have
    /// exactly the right content.
    #[arg(long, value_name = "P", default_value_t = 0.0, value_parser = parse_probability)]
    min_confidence: f32,

    #[command(flatten)]
    engine: EngineArgs,
}

/// Score the extractor against gold annotations (brat standoff) and print the scores.
#[derive(Args)]
#[command(after_help = EXIT_CODES)]
struct EvalArgs {
    /// The gold directory, laid out as PolNeAR's: articles in text/ID.txt, their brat
    /// annotations in attributions/ID_ANNOTATOR.ann.
    #[arg(long, value_name = "DIR")]
    gold: PathBuf,

    /// Print the scores as one JSON object instead of a table.
    #[arg(long)]
    json: bool,

    /// Also print up to N missed and N spurious spans per role, in context (and, with
    /// --speakers, up to N wrong speakers per route).
    #[arg(long, value_name = "N", default_value_t = 0)]
    errors: usize,

    /// Also score speaker resolution against this speaker gold file: a header, then
    /// tab-separated rows `article start end mention speaker kind class` (code-point
    /// offsets of gold source mentions; `speaker` the canonical name or `-`; `class` one of
    /// pronoun, name, partial, nominal, anonymous). Prints accuracy overall and per class,
    /// and person-mention precision, twice: for the system's own sources (detected) and
    /// for the gold mentions resolved directly (given). With --json the object becomes
    /// {"attributions": …, "speakers": …}.
    #[arg(long, value_name = "FILE")]
    speakers: Option<PathBuf>,

    #[command(flatten)]
    engine: EngineArgs,
}

/// Train a tagger model on gold annotations (brat standoff) and write it to a file.
///
/// The gold directory is laid out as for `sayso eval`. Training prints one line per epoch on
/// stderr (with dev scores when --dev is given). The same data, options and seed give the
/// same bytes. Use the result with `sayso extract --model FILE` or `sayso eval --model FILE`.
#[derive(Args)]
#[command(after_help = EXIT_CODES)]
struct TrainCliArgs {
    /// The training gold directory: text/ID.txt and attributions/ID_ANNOTATOR.ann.
    #[arg(long, value_name = "DIR")]
    gold: PathBuf,

    /// Where to write the model.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,

    /// A gold directory to score the model on after each epoch.
    #[arg(long, value_name = "DIR")]
    dev: Option<PathBuf>,

    /// Seed of the order in which training visits paragraphs.
    #[arg(long, value_name = "N", default_value_t = 1)]
    seed: u64,

    /// Folds of held-out first-tagger tags that train the second tagger (stacking); 0 or 1
    /// trains the first tagger alone.
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u64).range(0..=10))]
    folds: u64,

    /// Passes over the training data, for each first-stage tagger and the content boundary
    /// ranker.
    #[arg(long, value_name = "N", default_value_t = 15, value_parser = clap::value_parser!(u64).range(1..=1000))]
    epochs: u64,

    /// Passes over the training data, for each second-stage tagger (the second tagger and the
    /// calibration's).
    #[arg(long, value_name = "N", default_value_t = 25, value_parser = clap::value_parser!(u64).range(1..=1000))]
    second_epochs: u64,

    /// Taggers trained for each stage with different seeds, their weights averaged into one
    /// (1 trains one; the model runs no slower for more, training takes longer).
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=16))]
    average: u64,

    /// log2 of the number of rows of the hashed weight table (10 to 26).
    #[arg(long, value_name = "N", default_value_t = 17, value_parser = clap::value_parser!(u32).range(10..=26))]
    bits: u32,

    /// Threads for reading and analysing articles [default: all cores].
    #[arg(long, short = 'j', value_name = "N", value_parser = parse_threads)]
    threads: Option<NonZeroUsize>,
}

/// Serve the JSON API and the web page: extract pasted text, search the store, read
/// articles with every attribution highlighted, and browse speakers.
///
/// The API is described in docs/server.md and served as OpenAPI at /api/openapi.json. Every
/// route is read-only. The server listens on loopback unless --addr says otherwise; stop it
/// with Ctrl-C.
#[derive(Args)]
#[command(after_help = EXIT_CODES)]
struct ServeCliArgs {
    /// The store to serve, opened read-only (written by `sayso ingest`) [default: sayso-data,
    /// when that folder exists; without a store only extraction works].
    #[arg(long, value_name = "DIR")]
    db: Option<PathBuf>,

    /// Address to listen on. Anything but a loopback address exposes the server to the
    /// network, which it is not hardened for.
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    addr: std::net::SocketAddr,

    /// Largest request body accepted (POST /api/extract); larger ones get 413. Accepts a
    /// suffix K, M or G.
    #[arg(long, value_name = "SIZE", default_value = "2M", value_parser = parse_size)]
    max_body: usize,

    /// Seconds a request may take before it is answered with 503.
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    timeout: u64,

    #[command(flatten)]
    engine: EngineArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum InputArg {
    Auto,
    Text,
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Jsonl,
    Pretty,
}

#[derive(Clone, Copy, ValueEnum)]
enum OffsetsArg {
    Bytes,
    Chars,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

/// What the command line asks for, validated.
pub enum Task {
    Extract(ExtractConfig, Engine),
    Eval(EvalOptions, Engine),
    Train(TrainArgs),
    Serve(ServeConfig, Engine),
    Ingest(IngestTask, Engine),
    Search(SearchTask),
    Speakers(SpeakersTask),
    Export(ExportTask),
}

/// Everything `sayso serve` needs to run.
pub struct ServeConfig {
    /// The store, if any; `None` serves extraction alone.
    pub db: Option<PathBuf>,
    pub addr: std::net::SocketAddr,
    pub limits: sayso_server::Limits,
}

/// Which engine `extract` and `eval` use.
pub enum Engine {
    /// The model built into the binary.
    Builtin,
    /// The v1 rules alone.
    Rules,
    /// A model file.
    File(PathBuf),
}

impl EngineArgs {
    fn engine(self) -> Engine {
        match (self.model, self.rules) {
            (Some(path), _) => Engine::File(path),
            (None, true) => Engine::Rules,
            (None, false) => Engine::Builtin,
        }
    }
}

/// Everything `sayso extract` needs to run.
pub struct ExtractConfig {
    /// Never empty: no PATH means standard input.
    pub inputs: Vec<Input>,
    pub input_format: InputFormat,
    pub threads: NonZeroUsize,
    pub max_bytes: usize,
    pub offsets: OffsetUnit,
    pub format: Format,
    /// Whether the pretty format may use ANSI colours.
    pub color: bool,
    /// Attributions below this confidence are left out.
    pub min_confidence: f32,
}

/// Parses the process's arguments, exiting with code 2 and a message on a usage error.
pub fn parse() -> Task {
    match Cli::parse().command {
        Command::Extract(mut args) => {
            let engine =
                std::mem::replace(&mut args.engine, EngineArgs { model: None, rules: false });
            Task::Extract(extract_config(args), engine.engine())
        }
        Command::Eval(args) => Task::Eval(
            EvalOptions {
                gold: args.gold,
                json: args.json,
                errors: args.errors,
                speakers: args.speakers,
            },
            args.engine.engine(),
        ),
        Command::Serve(args) => Task::Serve(
            ServeConfig {
                db: args.db.or_else(|| {
                    let default = PathBuf::from("sayso-data");
                    default.is_dir().then_some(default)
                }),
                addr: args.addr,
                limits: sayso_server::Limits {
                    max_body_bytes: args.max_body,
                    request_timeout: std::time::Duration::from_secs(args.timeout),
                    ..sayso_server::Limits::default()
                },
            },
            args.engine.engine(),
        ),
        Command::Ingest(args) => Task::Ingest(
            IngestTask {
                paths: args.paths,
                db: args.db.db,
                threads: args.threads.unwrap_or_else(|| {
                    std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN)
                }),
                max_bytes: args.max_bytes,
                progress: !args.quiet && std::io::stderr().is_terminal(),
            },
            args.engine.engine(),
        ),
        Command::Search(args) => Task::Search(SearchTask {
            db: args.db.db,
            query: sayso_store::SearchQuery {
                text: args.query,
                speaker: args.speaker,
                outlet: args.outlet,
                since: args.since,
                until: args.until,
                kind: args.kind.map(|k| {
                    match k {
                        KindArg::Direct => "direct",
                        KindArg::Indirect => "indirect",
                        KindArg::Mixed => "mixed",
                    }
                    .to_string()
                }),
                limit: args.limit as usize,
                offset: args.offset,
            },
            format: match args.format {
                SearchFormatArg::Table => SearchFormat::Table,
                SearchFormatArg::Jsonl => SearchFormat::Jsonl,
                SearchFormatArg::Csv => SearchFormat::Csv,
            },
        }),
        Command::Speakers(args) => Task::Speakers(SpeakersTask {
            db: args.db.db,
            top: args.top,
            json: matches!(args.format, SpeakersFormatArg::Json),
        }),
        Command::Export(args) => Task::Export(ExportTask {
            db: args.db.db,
            out: args.out,
            format: match args.format {
                ExportFormatArg::Jsonl => sayso_store::export::ExportFormat::Jsonl,
                ExportFormatArg::Csv => sayso_store::export::ExportFormat::Csv,
                ExportFormatArg::Parquet => sayso_store::export::ExportFormat::Parquet,
            },
        }),
        Command::Train(args) => Task::Train(TrainArgs {
            gold: args.gold,
            out: args.out,
            dev: args.dev,
            options: sayso::model::TrainOptions {
                epochs: args.epochs as usize,
                second_epochs: args.second_epochs as usize,
                seed: args.seed,
                bits: args.bits,
                folds: args.folds as usize,
                threads: 1,
                average: args.average as usize,
                ..Default::default()
            },
            threads: args
                .threads
                .or_else(|| std::thread::available_parallelism().ok())
                .map_or(1, NonZeroUsize::get),
        }),
    }
}

fn extract_config(args: ExtractArgs) -> ExtractConfig {
    let mut inputs: Vec<Input> = args.paths.into_iter().map(Input::from_arg).collect();
    if inputs.is_empty() {
        inputs.push(Input::Stdin);
    }
    if inputs.iter().filter(|i| matches!(i, Input::Stdin)).count() > 1 {
        let mut command = ExtractArgs::augment_args(clap::Command::new("sayso extract"));
        let message = "standard input (-) can be read only once";
        command.error(clap::error::ErrorKind::ArgumentConflict, message).exit();
    }
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN));
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    ExtractConfig {
        inputs,
        input_format: match args.input {
            InputArg::Auto => InputFormat::Auto,
            InputArg::Text => InputFormat::Text,
            InputArg::Jsonl => InputFormat::Jsonl,
        },
        threads,
        max_bytes: args.max_bytes,
        offsets: match args.offsets {
            OffsetsArg::Bytes => OffsetUnit::Bytes,
            OffsetsArg::Chars => OffsetUnit::Chars,
        },
        format: match args.format {
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Pretty => Format::Pretty,
        },
        color,
        min_confidence: args.min_confidence,
    }
}

fn parse_probability(arg: &str) -> Result<f32, String> {
    match arg.parse::<f32>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err("expected a probability from 0 to 1".to_string()),
    }
}

fn parse_date(arg: &str) -> Result<sayso_store::Date, String> {
    arg.parse()
}

fn parse_threads(arg: &str) -> Result<NonZeroUsize, String> {
    arg.parse().map_err(|_| "expected a whole number of threads, 1 or more".to_string())
}

/// A size such as `1000`, `64K`, `64M`, `1G` or `64MiB` (suffixes are powers of 1024).
fn parse_size(arg: &str) -> Result<usize, String> {
    let arg = arg.trim();
    let digits = arg.find(|c: char| !c.is_ascii_digit()).unwrap_or(arg.len());
    let (number, suffix) = arg.split_at(digits);
    let number: usize =
        number.parse().map_err(|_| "expected a number of bytes, such as 64M".to_string())?;
    let shift = match suffix.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        other => return Err(format!("unknown size suffix {other:?}; use K, M or G")),
    };
    number
        .checked_mul(1 << shift)
        .filter(|&n| n > 0)
        .ok_or_else(|| "size must be above zero and fit in memory".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// `--max-bytes`'s default: 64 MiB, well above any real article.
    const DEFAULT_MAX_BYTES: usize = 64 << 20;

    macro_rules! size {
        ($arg:expr, $expected:expr) => {
            assert_eq!(parse_size($arg), $expected, "parse_size({:?})", $arg)
        };
    }

    #[test]
    fn sizes() {
        size!("1000", Ok(1000));
        size!("64M", Ok(DEFAULT_MAX_BYTES));
        size!("64MiB", Ok(DEFAULT_MAX_BYTES));
        size!("2k", Ok(2048));
        size!("1G", Ok(1 << 30));
        assert!(parse_size("0").is_err());
        assert!(parse_size("M").is_err());
        assert!(parse_size("12X").is_err());
        assert!(parse_size("-1").is_err());
    }

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn default_max_bytes_matches_the_help() {
        let cli = Cli::try_parse_from(["sayso", "extract"]).unwrap();
        let Command::Extract(args) = cli.command else { panic!("not extract") };
        assert_eq!(args.max_bytes, DEFAULT_MAX_BYTES);
    }
}
