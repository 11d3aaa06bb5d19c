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
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: App,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(app)).with_graceful_shutdown(shutdown).await
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
