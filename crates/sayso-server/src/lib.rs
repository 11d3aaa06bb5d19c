//! sayso's HTTP server: a JSON API over the engine and the store, and a web page for reading
//! attributions, all in one binary with its assets embedded.
//!
//! An [`App`] holds what the routes need (the [`sayso::Extractor`], the store opened
//! read-only as a [`StoreCorpus`] when there is one, the [`Limits`]); [`router`] turns it
//! into an axum [`Router`]; [`run`] binds an address and serves until Ctrl-C. The routes
//! are described in `docs/server.md` and, for machines, in the OpenAPI document served at
//! `/api/openapi.json` (the file `assets/openapi.json`, which a test keeps true).
//!
//! Every route is read-only: `POST /api/extract` runs the engine on the text it is sent and
//! stores nothing, and the store is opened read-only. Engine and store calls run on tokio's
//! blocking pool so a slow article never stalls the event loop.
//!
//! # Example
//!
//! ```no_run
//! use std::sync::Arc;
//! use sayso_server::{App, Limits, StoreCorpus};
//!
//! let store = StoreCorpus::open("sayso-data".as_ref()).unwrap(); // written by `sayso ingest`
//! let app = App::new(Arc::new(sayso::Extractor::new()), Some(Arc::new(store)), Limits::default());
//! let addr = "127.0.0.1:8080".parse().unwrap();
//! sayso_server::run(addr, app, |addr| println!("http://{addr}/")).unwrap();
//! ```
#![deny(missing_docs)]

mod api;
mod assets;
pub mod corpus;
mod error;
mod store;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::sync::Semaphore;

pub use crate::corpus::{Corpus, CorpusError};
pub use crate::error::{ApiError, ServerError};
pub use crate::store::StoreCorpus;

/// What the server allows one request.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Largest request body accepted; larger ones get 413.
    pub max_body_bytes: usize,
    /// Longest a request may take before it is answered with 503.
    pub request_timeout: Duration,
    /// Longest a client may take to send a request's headers before its connection is
    /// closed; also how long an idle keep-alive connection waits for its next request.
    pub header_timeout: Duration,
    /// Extractions run at once; more wait their turn (within the timeout), so a burst of
    /// large articles cannot start hundreds of engine threads.
    pub max_extractions: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Limits {
            max_body_bytes: 2 << 20,
            request_timeout: Duration::from_secs(30),
            header_timeout: Duration::from_secs(10),
            max_extractions: cores * 2,
        }
    }
}

/// Everything the routes share.
#[derive(Clone)]
pub struct App {
    inner: Arc<Inner>,
}

struct Inner {
    extractor: Arc<sayso::Extractor>,
    corpus: Option<Arc<dyn Corpus>>,
    limits: Limits,
    extractions: Arc<Semaphore>,
}

impl App {
    /// An app over this engine and, when given, a corpus to search (a store opened
    /// read-only). Without one, only extraction and the page's paste view work; the
    /// corpus routes answer 503.
    pub fn new(
        extractor: Arc<sayso::Extractor>,
        corpus: Option<Arc<dyn Corpus>>,
        limits: Limits,
    ) -> App {
        let extractions = Arc::new(Semaphore::new(limits.max_extractions.max(1)));
        App { inner: Arc::new(Inner { extractor, corpus, limits, extractions }) }
    }
}

/// The routes: `/api/…` answers JSON, `/` and `/assets/…` are the web page.
pub fn router(app: App) -> Router {
    let limits = app.inner.limits.clone();
    Router::new()
        .route("/", get(assets::index))
        .route("/assets/{file}", get(assets::file))
        .route("/api/openapi.json", get(assets::openapi))
        .route("/api/extract", post(api::extract))
        .route("/api/search", get(api::search))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/speakers", get(api::speakers))
        .route("/api/speakers/{id}", get(api::speaker))
        .route("/api/stats", get(api::stats))
        .fallback(api::no_route)
        .method_not_allowed_fallback(api::wrong_method)
        .layer(DefaultBodyLimit::max(limits.max_body_bytes))
        .layer(middleware::from_fn_with_state(limits.request_timeout, deadline))
        .layer(middleware::map_response(security_headers))
        .with_state(app)
}

/// Binds `addr` and serves `app` until Ctrl-C, on a runtime of its own. `ready` is called
/// with the bound address (useful with port 0) once the server accepts connections.
pub fn run(addr: SocketAddr, app: App, ready: impl FnOnce(SocketAddr)) -> Result<(), ServerError> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| ServerError::Bind { addr, source })?;
        ready(listener.local_addr()?);
        serve(listener, app, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
        Ok(())
    })
}

/// Serves `app` on a bound listener until `shutdown` completes, then finishes the requests
/// in flight. For callers with a runtime of their own, such as tests.
///
/// Each connection is HTTP/1.1 with keep-alive and a deadline for its request headers
/// ([`Limits::header_timeout`]), so a client that opens connections and sends nothing (or
/// one byte a minute) cannot hold them for ever; the request deadline covers the rest.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: App,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let header_timeout = app.inner.limits.header_timeout;
    let router = router(app);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(header_timeout).keep_alive(true);
    // Every connection task holds a clone of `alive`; `done` yields None once all are gone.
    let (alive, mut done) = tokio::sync::mpsc::channel::<()>(1);
    let (stop, stopping) = tokio::sync::watch::channel(false);
    tokio::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors or a connection reset before accept: not fatal.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(router.clone());
        let connection = http.serve_connection(TokioIo::new(stream), service);
        let (alive, mut stopping) = (alive.clone(), stopping.clone());
        tokio::spawn(async move {
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                _ = stopping.changed() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
            drop(alive);
        });
    }
    drop(listener);
    let _ = stop.send(true);
    drop(alive);
    let _ = done.recv().await;
    Ok(())
}

/// Answers 503 for any request slower than the limit, instead of leaving the client hanging.
async fn deadline(State(timeout): State<Duration>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::timeout().into_response(),
    }
}

/// Headers that make injected markup inert even if a bug ever let article text into HTML:
/// no inline scripts or handlers run, nothing loads from elsewhere, no framing, no sniffing.
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}
