//! `sayso`: find who said what in news articles, from the command line.
//!
//! This crate is glue. [`args`] turns the command line into a validated task; `extract`
//! runs [`pipeline`] ([`input`] → [`record`] → the engine → [`output`]), and `eval` runs the
//! scorer in [`eval`]; `ingest`, `search`, `speakers` and `export` ([`corpus`]) call the
//! `sayso-store` library; `serve` opens the store read-only and hands it, with the engine,
//! to `sayso-server`. The logic itself lives in the libraries.

mod args;
mod corpus;
mod eval;
mod input;
mod output;
mod pipeline;
mod record;
mod train;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Context;

use args::{Engine, ExtractConfig, Task};

fn main() -> ExitCode {
    match run(args::parse()) {
        Ok(code) => code,
        Err(err) => {
            let _ = writeln!(io::stderr(), "sayso: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(task: Task) -> anyhow::Result<ExitCode> {
    match task {
        Task::Extract(config, engine) => extract(&config, &extractor(engine)?),
        Task::Eval(options, engine) => {
            eval::run(&options, &extractor(engine)?).map(|()| ExitCode::SUCCESS)
        }
        Task::Train(args) => train::run(&args).map(|()| ExitCode::SUCCESS),
        Task::Serve(config, engine) => serve(config, extractor(engine)?),
        Task::Ingest(task, engine) => corpus::ingest(&task, extractor(engine)?),
        Task::Search(task) => corpus::search(&task),
        Task::Speakers(task) => corpus::speakers(&task),
        Task::Export(task) => corpus::export(&task),
    }
}

fn serve(config: args::ServeConfig, extractor: sayso::Extractor) -> anyhow::Result<ExitCode> {
    if !config.addr.ip().is_loopback() {
        let _ = writeln!(
            io::stderr(),
            "sayso: warning: listening on {}, which is reachable from other machines",
            config.addr
        );
    }
    let corpus: Option<std::sync::Arc<dyn sayso_server::Corpus>> = match &config.db {
        Some(db) => {
            let store = sayso_server::StoreCorpus::open(db)
                .with_context(|| format!("cannot open the store {}", db.display()))?;
            Some(std::sync::Arc::new(store))
        }
        None => {
            let _ = writeln!(
                io::stderr(),
                "sayso: no store (no --db, and no ./sayso-data): serving extraction only"
            );
            None
        }
    };
    let app = sayso_server::App::new(std::sync::Arc::new(extractor), corpus, config.limits);
    sayso_server::run(config.addr, app, |addr| {
        let _ = writeln!(io::stderr(), "sayso: serving on http://{addr}/ (Ctrl-C stops)");
    })?;
    Ok(ExitCode::SUCCESS)
}

fn extractor(engine: Engine) -> anyhow::Result<sayso::Extractor> {
    Ok(match engine {
        Engine::Builtin => {
            let extractor = sayso::Extractor::new();
            // Extractor::new falls back to the rules when the embedded bytes do not read, which
            // only a build with a model file of another format can cause: say so, rather than
            // quietly extract with less.
            anyhow::ensure!(
                extractor.model().is_some(),
                "the built-in model does not load in this build (a model file of another format \
                 version was embedded); use --rules, or --model FILE"
            );
            extractor
        }
        Engine::Rules => sayso::Extractor::rules(),
        Engine::File(path) => sayso::Extractor::with_model(train::load_model(&path)?),
    })
}

fn extract(config: &ExtractConfig, extractor: &sayso::Extractor) -> anyhow::Result<ExitCode> {
    let reads_stdin = config.inputs.iter().any(|i| matches!(i, input::Input::Stdin));
    if reads_stdin && io::stdin().is_terminal() {
        let _ = writeln!(
            io::stderr(),
            "sayso: reading an article from the terminal; end it with Ctrl-D"
        );
    }
    let stdout = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    match pipeline::run(config, extractor, stdout) {
        Ok(summary) if summary.problems == 0 => Ok(ExitCode::SUCCESS),
        Ok(_) => Ok(ExitCode::FAILURE),
        // `sayso extract … | head` is normal use: stop quietly once nobody reads.
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(err) => Err(anyhow::Error::new(err).context("cannot write to standard output")),
    }
}
