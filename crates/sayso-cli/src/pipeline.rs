//! `sayso extract`'s machinery: a reader thread, N workers and an ordered writer.
//!
//! ```text
//! reader ──work (bounded)──▶ workers ×N ──done──▶ writer (this thread): reorder, print
//! ```
//!
//! With one worker there is nothing to overlap that is worth handing each article across
//! two channels and three threads for (the hand-offs cost more than reading and printing
//! do), so [`run`] reads, extracts and prints each article in turn on the calling thread.
//!
//! The reader takes a slot in a [`Budget`] before it sends a unit, and the writer gives the
//! slot back once it has printed that unit. So however large the input, at most a fixed
//! number of articles (and of bytes) is anywhere between reading and printing, including
//! those the writer holds back while it waits for an earlier, slower article.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread;

use crossbeam_channel::{bounded, unbounded, Receiver, TryRecvError};
use sayso::wire::OffsetUnit;
use sayso::Extractor;

use crate::args::ExtractConfig;
use crate::input::{self, Unit};
use crate::output::Renderer;
use crate::record::{self, Article};

/// Units in flight per worker thread.
const UNITS_PER_THREAD: usize = 4;
/// Input bytes in flight, unless a single article is larger.
const BYTES_IN_FLIGHT: usize = 256 << 20;

/// What a run saw.
#[derive(Debug, Default)]
pub struct Summary {
    pub articles: u64,
    /// Inputs skipped, each reported on stderr.
    pub problems: u64,
}

/// Extracts from every input and writes the results to `out` in input order. Problems
/// with single inputs go to stderr and are counted; an `Err` is a failure to write `out`.
pub fn run(config: &ExtractConfig, extractor: &Extractor, out: impl Write) -> io::Result<Summary> {
    let threads = config.threads.get();
    let job = Job {
        extractor: extractor.clone(),
        renderer: Renderer { format: config.format, color: config.color },
        offsets: config.offsets,
        max_bytes: config.max_bytes,
        min_confidence: config.min_confidence,
    };
    if threads == 1 {
        return run_inline(config, &job, out);
    }
    let budget = Arc::new(Budget::new(threads * UNITS_PER_THREAD, BYTES_IN_FLIGHT));
    let (work_tx, work_rx) = bounded::<(u64, Unit)>(threads * UNITS_PER_THREAD);
    let (done_tx, done_rx) = unbounded::<(u64, Done)>();

    // Plain threads, not scoped ones: when stdout closes, this function returns at once
    // rather than waiting on a reader that may be blocked on stdin.
    let reader = {
        let budget = Arc::clone(&budget);
        let (inputs, format, max_bytes) =
            (config.inputs.clone(), config.input_format, config.max_bytes);
        thread::spawn(move || {
            let mut seq = 0;
            input::read(&inputs, format, max_bytes, &mut |unit| {
                if !budget.acquire(unit.size()) {
                    return false;
                }
                seq += 1;
                work_tx.send((seq - 1, unit)).is_ok()
            });
        })
    };
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let (work_rx, done_tx, job) = (work_rx.clone(), done_tx.clone(), job.clone());
            thread::spawn(move || {
                for (seq, unit) in work_rx {
                    if done_tx.send((seq, job.process(unit))).is_err() {
                        return;
                    }
                }
            })
        })
        .collect();
    drop((work_rx, done_tx));

    let result = write_in_order(done_rx, &budget, out);
    budget.close();
    if result.is_ok() {
        // Every unit was printed, so every thread has finished or is about to.
        for handle in workers.into_iter().chain([reader]) {
            let _ = handle.join();
        }
    }
    result
}

/// One thread does everything, one article at a time. Output to a terminal or a pipe is
/// flushed after each article read from standard input, so that a consumer following a
/// stream sees each result as soon as it exists; otherwise the writer's buffer decides.
fn run_inline(config: &ExtractConfig, job: &Job, mut out: impl Write) -> io::Result<Summary> {
    let mut summary = Summary::default();
    let mut failure = None;
    let (inputs, format, max_bytes) = (&config.inputs, config.input_format, config.max_bytes);
    input::read(inputs, format, max_bytes, &mut |unit| {
        let streaming = unit.is_stdin();
        let written = emit(job.process(unit), &mut out, &mut summary).and_then(|()| {
            if streaming {
                out.flush()
            } else {
                Ok(())
            }
        });
        match written {
            Ok(()) => true,
            Err(err) => {
                failure = Some(err);
                false
            }
        }
    });
    if let Some(err) = failure {
        return Err(err);
    }
    out.flush()?;
    Ok(summary)
}

/// Prints one unit's outcome: its result to `out`, or its problem to stderr.
fn emit(unit: Done, out: &mut impl Write, summary: &mut Summary) -> io::Result<()> {
    match unit.outcome {
        Ok(rendered) => {
            out.write_all(&rendered)?;
            summary.articles += 1;
        }
        Err(message) => {
            // Keep stdout and stderr in step when both go to one terminal.
            out.flush()?;
            let _ = writeln!(io::stderr().lock(), "sayso: {message}");
            summary.problems += 1;
        }
    }
    Ok(())
}

/// A unit after a worker is done with it.
struct Done {
    /// The input bytes the unit held, to give back to the budget.
    size: usize,
    outcome: Result<Vec<u8>, String>,
}

#[derive(Clone)]
struct Job {
    extractor: Extractor,
    renderer: Renderer,
    offsets: OffsetUnit,
    max_bytes: usize,
    min_confidence: f32,
}

impl Job {
    fn process(&self, unit: Unit) -> Done {
        let size = unit.size();
        let outcome = match unit {
            Unit::Problem { origin, message } => Err(format!("{origin}: {message}")),
            Unit::Text { origin, id, bytes } => record::from_text(id, bytes, self.max_bytes)
                .and_then(|article| self.extract(article))
                .map_err(|message| format!("{origin}: {message}")),
            Unit::JsonLine { origin, bytes } => record::from_json_line(&bytes, self.max_bytes)
                .and_then(|article| self.extract(article))
                .map_err(|message| format!("{origin}: {message}")),
        };
        Done { size, outcome }
    }

    fn extract(&self, article: Article) -> Result<Vec<u8>, String> {
        // The engine promises never to panic. Should it break that promise, one article is
        // lost, not the run; the panic message has already gone to stderr.
        let rendered = panic::catch_unwind(AssertUnwindSafe(|| {
            let mut extraction = self.extractor.extract(&article.text);
            extraction.attributions.retain(|a| a.confidence >= self.min_confidence);
            // The JSON line is about 2.6 times the text on news (the texts of contents, sources
            // and mentions, and their offsets): room for it at once saves regrowing it.
            let mut out = Vec::with_capacity(256 + article.text.len() * 3);
            self.renderer.render(&article, &extraction, self.offsets, &mut out).map(|()| out)
        }));
        match rendered {
            Ok(Ok(out)) => Ok(out),
            Ok(Err(err)) => Err(format!("could not write the result as JSON: {err}")),
            Err(_) => Err("internal error: the engine panicked on this article; this is a bug, \
                           please report it with the article"
                .to_string()),
        }
    }
}

/// Prints each unit's outcome in input order: results to `out`, problems to stderr.
fn write_in_order(
    done: Receiver<(u64, Done)>,
    budget: &Budget,
    mut out: impl Write,
) -> io::Result<Summary> {
    let mut summary = Summary::default();
    let mut waiting = BTreeMap::new();
    let mut next = 0;
    loop {
        let (seq, unit) = match done.try_recv() {
            Ok(received) => received,
            // Idle: let whoever reads stdout see what is done so far.
            Err(TryRecvError::Empty) => {
                out.flush()?;
                match done.recv() {
                    Ok(received) => received,
                    Err(_) => break,
                }
            }
            Err(TryRecvError::Disconnected) => break,
        };
        waiting.insert(seq, unit);
        while let Some(unit) = waiting.remove(&next) {
            let size = unit.size;
            emit(unit, &mut out, &mut summary)?;
            budget.release(size);
            next += 1;
        }
    }
    out.flush()?;
    if !waiting.is_empty() {
        // Only reachable if a worker thread died, which catch_unwind should prevent.
        let _ = writeln!(io::stderr().lock(), "sayso: internal error: some results were lost");
        summary.problems += 1;
    }
    Ok(summary)
}

/// A counting semaphore over units and bytes in flight.
struct Budget {
    state: Mutex<InFlight>,
    freed: Condvar,
    max_units: usize,
    max_bytes: usize,
}

#[derive(Default)]
struct InFlight {
    units: usize,
    bytes: usize,
    closed: bool,
}

impl Budget {
    fn new(max_units: usize, max_bytes: usize) -> Budget {
        Budget { state: Mutex::default(), freed: Condvar::new(), max_units, max_bytes }
    }

    fn lock(&self) -> MutexGuard<'_, InFlight> {
        // No code panics while holding the lock, so poisoning carries no meaning here.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Waits for room for one unit of `bytes`; false once the budget is closed. A unit is
    /// always let in when nothing else is in flight, however large.
    fn acquire(&self, bytes: usize) -> bool {
        let mut state = self.lock();
        while !state.closed
            && state.units > 0
            && (state.units >= self.max_units || state.bytes + bytes > self.max_bytes)
        {
            state = self.freed.wait(state).unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        if state.closed {
            return false;
        }
        state.units += 1;
        state.bytes += bytes;
        true
    }

    fn release(&self, bytes: usize) {
        let mut state = self.lock();
        state.units = state.units.saturating_sub(1);
        state.bytes = state.bytes.saturating_sub(bytes);
        self.freed.notify_all();
    }

    /// Turns every waiting and future `acquire` away.
    fn close(&self) {
        self.lock().closed = true;
        self.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_bounds_units_and_bytes_but_admits_one_huge_unit() {
        let budget = Budget::new(2, 100);
        assert!(budget.acquire(1000));
        budget.release(1000);
        assert!(budget.acquire(60));
        let blocked = Arc::new(Budget::new(2, 100));
        assert!(blocked.acquire(60));
        let waiter = {
            let blocked = Arc::clone(&blocked);
            thread::spawn(move || blocked.acquire(60))
        };
        thread::sleep(std::time::Duration::from_millis(20));
        assert!(!waiter.is_finished(), "60 + 60 bytes is over the budget of 100");
        blocked.release(60);
        assert!(waiter.join().unwrap());
        blocked.close();
        assert!(!blocked.acquire(1));
    }
}
