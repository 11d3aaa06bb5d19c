//! The web page in headless Chromium: starts the server on a free loopback port over the test
//! articles and runs `e2e/run.mjs` (Playwright) against it, which searches, opens articles,
//! checks every highlight against the API's spans, tries hostile markup, reads a speaker's
//! page and extracts pasted text. Screenshots land in `target/e2e/`.
//!
//! Needs Debian's `chromium` (or `SAYSO_CHROMIUM`), `node`, and `npm ci` run in `e2e/`.
//! Without them the test says what is missing and passes, except under CI (`CI` set), where
//! `.ci/run` installs them and a missing piece is a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sayso_server::Limits;

fn missing_tools(e2e: &Path) -> Vec<String> {
    let mut missing = Vec::new();
    let chromium = std::env::var_os("SAYSO_CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if !chromium.exists() {
        missing.push(format!("{} (apt-get install chromium)", chromium.display()));
    }
    if Command::new("node").arg("--version").stdout(Stdio::null()).status().is_err() {
        missing.push("node (apt-get install nodejs)".to_string());
    }
    if !e2e.join("node_modules/playwright-core").exists() {
        missing.push(format!("playwright-core (npm ci --prefix {})", e2e.display()));
    }
    missing
}

#[test]
fn the_page_in_headless_chromium() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let e2e = manifest.join("e2e");
    let missing = missing_tools(&e2e);
    if !missing.is_empty() {
        let message = format!("e2e test skipped: missing {}", missing.join(", "));
        assert!(std::env::var_os("CI").is_none(), "{message}; .ci/run should have installed them");
        eprintln!("{message}");
        return;
    }
    let out = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| manifest.join("../../target"), PathBuf::from)
        .join("e2e");

    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server =
        runtime.spawn(sayso_server::serve(listener, common::app(Limits::default()), async {
            let _ = stopped.await;
        }));

    let mut child = Command::new("node")
        .arg(e2e.join("run.mjs"))
        .arg(format!("http://{addr}"))
        .arg(&out)
        .current_dir(&e2e)
        .spawn()
        .expect("node starts");
    let deadline = Instant::now() + Duration::from_secs(180);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the browser test took over 3 minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let _ = stop.send(());
    runtime.block_on(server).unwrap().unwrap();
    assert!(
        status.success(),
        "the browser test failed (its message is above); screenshots so far in {}",
        out.display()
    );
}
