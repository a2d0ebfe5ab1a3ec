//! The Deterrence Lab explorer: a local web server (axum) and one page (plain JavaScript with
//! vendored uPlot) for running ensembles in the browser.
//!
//! [`router`] builds the application: a fixed set of routes (no file is ever read from disk, so
//! there is no path to traverse), the page and its assets compiled in with `include_str!`, and
//! these endpoints:
//!
//! - `GET /api/scenarios`: the built-in scenarios with their starting levers and horizon;
//! - `GET /api/params`: every named parameter with its default, description, source, process,
//!   unit and accepted range;
//! - `GET /api/defaults?scenario=NAME&lenses=a,b`: the parameter values the scenario runs with
//!   under those lenses (its own lenses when `lenses` is left out), for telling which inputs
//!   differ from the defaults;
//! - `POST /api/ensemble`: validates an [`ensemble::Request`] exactly like a scenario file would
//!   be validated, runs the ensemble on rayon inside `spawn_blocking`, and answers with fan data,
//!   the paradox measures with 95 % intervals, the dyad stability table, every rival pair's
//!   yearly bands ([`views::DyadView`]) and every state's nuclear status by year
//!   ([`views::StatusView`]);
//! - `POST /api/ensemble/stream`: the same request and checks, answered with newline-delimited
//!   JSON: `{"progress": done, "total": n}` lines as runs finish, then `{"result": ...}` (the same
//!   JSON as `/api/ensemble`) or `{"error": ..., "field": ...}`;
//! - `POST /api/report`: the same request, answered with a self-contained HTML report
//!   (caveat, fan charts, paradox measures, provenance) as a download.
//!
//! Safety: every request passes the [`guard`]s first (its `Host` must name this server, a POST
//! must be `application/json` and come from no other origin); request bodies are capped at
//! [`MAX_BODY`] bytes (413) and must arrive within [`Limits::body_timeout`] (408), ensembles at
//! [`ensemble::MAX_RUNS`] runs and [`ensemble::MAX_YEARS`] years (400), and at most
//! [`AppState::max_ensembles`] ensembles run at once; a request over that bound gets 429 at once
//! instead of waiting, so the page never blocks. [`serve_listener`] applies the connection
//! [`Limits`] (header timeout, connection cap). [`serve`] binds where it is told; the CLI binds
//! 127.0.0.1 unless the user passes `--bind`.

pub mod ensemble;
pub mod guard;
pub mod iso;
mod server;
pub mod views;

pub use server::{Limits, banner, browser_url};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::json;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// Largest accepted request body, in bytes.
pub const MAX_BODY: usize = 16 * 1024;

const INDEX_HTML: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const APP_CSS: &str = include_str!("../assets/app.css");
/// The explorer's icon (also served at /favicon.ico, which browsers ask for on every load).
const ICON_SVG: &str = include_str!("../assets/icon.svg");
const UPLOT_JS: &str = include_str!("../assets/uPlot.iife.min.js");
const UPLOT_CSS: &str = include_str!("../assets/uPlot.min.css");
/// The world map's code and its vendored libraries and geometry, loaded by the page only when
/// the map is opened (`assets/vendor/README.md` gives versions, origins and licences).
const MAP_JS: &str = include_str!("../assets/map.js");
const D3_ARRAY_JS: &str = include_str!("../assets/vendor/d3-array.min.js");
const D3_GEO_JS: &str = include_str!("../assets/vendor/d3-geo.min.js");
const TOPOJSON_JS: &str = include_str!("../assets/vendor/topojson-client.min.js");
const COUNTRIES_JSON: &str = include_str!("../assets/vendor/countries-110m.json");

/// Shared state of the server.
#[derive(Debug, Clone)]
pub struct AppState {
    permits: Arc<Semaphore>,
    max_ensembles: usize,
    body_timeout: Duration,
    posterior: Option<Arc<ensemble::ServedPosterior>>,
}

impl AppState {
    /// State allowing `max_ensembles` simultaneous ensembles (at least 1), with the default
    /// body timeout ([`Limits::default`]).
    pub fn new(max_ensembles: usize) -> AppState {
        let max_ensembles = max_ensembles.max(1);
        AppState {
            permits: Arc::new(Semaphore::new(max_ensembles)),
            max_ensembles,
            body_timeout: Limits::default().body_timeout,
            posterior: None,
        }
    }

    /// The same state with every ensemble drawing each run's parameters from `posterior` (run
    /// `r` of seed `s` takes the particle every other command gives it: `lab::Posterior::draw`).
    pub fn with_posterior(self, posterior: ensemble::ServedPosterior) -> AppState {
        AppState { posterior: Some(Arc::new(posterior)), ..self }
    }

    /// Takes one ensemble slot, if free, until the returned permit is dropped (for tests and
    /// embedders that run their own simulations beside the server).
    pub fn reserve(&self) -> Option<tokio::sync::OwnedSemaphorePermit> {
        self.permits.clone().try_acquire_owned().ok()
    }

    /// How many ensembles may run at once.
    pub fn max_ensembles(&self) -> usize {
        self.max_ensembles
    }
}

impl Default for AppState {
    fn default() -> AppState {
        AppState::new(2)
    }
}

/// The application: fixed routes only, everything else 404, all behind the [`guard`]s. The
/// guards need each request's [`guard::LocalAddr`], which [`serve_listener`] provides: served
/// otherwise, every request is refused (421).
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(|| async { asset("text/html; charset=utf-8", INDEX_HTML) }))
        .route("/assets/app.js", get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }))
        .route("/assets/app.css", get(|| async { asset("text/css; charset=utf-8", APP_CSS) }))
        .route("/assets/icon.svg", get(|| async { asset("image/svg+xml", ICON_SVG) }))
        .route("/favicon.ico", get(|| async { asset("image/svg+xml", ICON_SVG) }))
        .route("/assets/uPlot.iife.min.js", get(|| async { asset("text/javascript; charset=utf-8", UPLOT_JS) }))
        .route("/assets/uPlot.min.css", get(|| async { asset("text/css; charset=utf-8", UPLOT_CSS) }))
        .route("/assets/map.js", get(|| async { asset("text/javascript; charset=utf-8", MAP_JS) }))
        .route("/assets/vendor/d3-array.min.js", get(|| async { asset("text/javascript; charset=utf-8", D3_ARRAY_JS) }))
        .route("/assets/vendor/d3-geo.min.js", get(|| async { asset("text/javascript; charset=utf-8", D3_GEO_JS) }))
        .route(
            "/assets/vendor/topojson-client.min.js",
            get(|| async { asset("text/javascript; charset=utf-8", TOPOJSON_JS) }),
        )
        .route("/assets/vendor/countries-110m.json", get(|| async { asset("application/json", COUNTRIES_JSON) }))
        .route("/api/scenarios", get(|| async { axum::Json(ensemble::scenarios()) }))
        .route("/api/params", get(|| async { axum::Json(ensemble::params()) }))
        .route("/api/defaults", get(defaults))
        .route("/api/ensemble", post(run_ensemble))
        .route("/api/ensemble/stream", post(stream_ensemble))
        .route("/api/report", post(report))
        .fallback(|| async { error(StatusCode::NOT_FOUND, None, "no such page".into()) })
        .layer(axum::middleware::from_fn(guard::middleware))
        .with_state(state)
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "no-cache")], body).into_response()
}

/// `GET /api/defaults`: the parameter values of a scenario under a set of lenses.
async fn defaults(
    axum::extract::Query(query): axum::extract::Query<std::collections::BTreeMap<String, String>>,
) -> Response {
    if let Some(k) = query.keys().find(|k| !matches!(k.as_str(), "scenario" | "lenses")) {
        return error(StatusCode::BAD_REQUEST, Some(k), format!("{k}: unknown query field; known: scenario, lenses"));
    }
    let scenario = query.get("scenario").map_or(model::builtin::DEFAULT, String::as_str);
    if model::builtin::get(scenario).is_none() {
        return error(StatusCode::BAD_REQUEST, Some("scenario"), format!("scenario: unknown scenario `{scenario}`"));
    }
    let lenses: Vec<String> = query
        .get("lenses")
        .map(|l| l.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect())
        .unwrap_or_default();
    match ensemble::scenario_parameters(scenario, &lenses) {
        Ok(v) => axum::Json(v).into_response(),
        Err(e) => error(StatusCode::BAD_REQUEST, e.field.as_deref(), e.message),
    }
}

/// A JSON error `{"error": message, "field": field}`.
fn error(status: StatusCode, field: Option<&str>, message: String) -> Response {
    (status, axum::Json(json!({ "error": message, "field": field }))).into_response()
}

/// Reads, caps and validates the body, then takes an ensemble slot: the request and its permit,
/// or the error response (408, 413, 400 naming the field, or 429).
async fn admit(
    state: &AppState,
    body: Body,
) -> Result<(ensemble::Request, tokio::sync::OwnedSemaphorePermit), Response> {
    let bytes: Bytes = match tokio::time::timeout(state.body_timeout, axum::body::to_bytes(body, MAX_BODY)).await {
        Ok(Ok(b)) => b,
        Err(_) => {
            return Err(error(
                StatusCode::REQUEST_TIMEOUT,
                None,
                format!("the request body did not arrive within {} s", state.body_timeout.as_secs_f64()),
            ));
        }
        Ok(Err(_)) => {
            return Err(error(
                StatusCode::PAYLOAD_TOO_LARGE,
                None,
                format!("request body too large: at most {MAX_BODY} bytes are accepted"),
            ));
        }
    };
    let request = match ensemble::parse_request(&bytes) {
        Ok(r) => r,
        Err(e) => return Err(error(StatusCode::BAD_REQUEST, e.field.as_deref(), e.message)),
    };
    let Ok(permit) = state.permits.clone().try_acquire_owned() else {
        return Err(error(
            StatusCode::TOO_MANY_REQUESTS,
            None,
            format!("the server is busy: at most {} ensembles run at once; try again shortly", state.max_ensembles),
        ));
    };
    Ok((request, permit))
}

/// Runs an admitted request on the blocking pool: the result JSON or the error response.
async fn run_admitted(
    state: &AppState,
    request: ensemble::Request,
    permit: tokio::sync::OwnedSemaphorePermit,
) -> Result<ensemble::EnsembleResult, Response> {
    let posterior = state.posterior.clone();
    let result = tokio::task::spawn_blocking(move || {
        let out = ensemble::run_with_progress(
            &request,
            posterior.as_deref(),
            |_| {},
            &std::sync::atomic::AtomicBool::new(false),
        );
        drop(permit);
        out
    })
    .await;
    match result {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(error(StatusCode::BAD_REQUEST, e.field.as_deref(), e.message)),
        Err(e) => Err(error(StatusCode::INTERNAL_SERVER_ERROR, None, format!("the ensemble failed: {e}"))),
    }
}

async fn run_ensemble(State(state): State<AppState>, body: Body) -> Response {
    let (request, permit) = match admit(&state, body).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    match run_admitted(&state, request, permit).await {
        Ok(value) => axum::Json(ensemble::page_json(&value)).into_response(),
        Err(r) => r,
    }
}

/// One line of newline-delimited JSON.
fn ndjson_line(value: &serde_json::Value) -> Bytes {
    let mut line = value.to_string();
    line.push('\n');
    Bytes::from(line)
}

async fn stream_ensemble(State(state): State<AppState>, body: Body) -> Response {
    let (request, permit) = match admit(&state, body).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel::<Bytes>();
    let total = request.runs;
    let posterior = state.posterior.clone();
    tokio::task::spawn_blocking(move || {
        // A closed channel means the client went away: the ensemble is cancelled between runs
        // and frees its slot.
        let cancel = std::sync::atomic::AtomicBool::new(false);
        let out = ensemble::run_with_progress(
            &request,
            posterior.as_deref(),
            |done| {
                if tx.send(ndjson_line(&json!({ "progress": done, "total": total }))).is_err() {
                    cancel.store(true, std::sync::atomic::Ordering::Relaxed);
                }
            },
            &cancel,
        );
        drop(permit);
        let last = match out {
            Ok(value) => json!({ "result": ensemble::page_json(&value) }),
            Err(e) => json!({ "error": e.message, "field": e.field }),
        };
        let _ = tx.send(ndjson_line(&last));
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|line| (Ok::<Bytes, std::convert::Infallible>(line), rx))
    });
    ([(header::CONTENT_TYPE, "application/x-ndjson"), (header::CACHE_CONTROL, "no-cache")], Body::from_stream(stream))
        .into_response()
}

async fn report(State(state): State<AppState>, body: Body) -> Response {
    let (request, permit) = match admit(&state, body).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    match run_admitted(&state, request, permit).await {
        Ok(value) => (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"deterrence-report.html\""),
            ],
            ensemble::report(&value),
        )
            .into_response(),
        Err(r) => r,
    }
}

/// Serves the explorer with `state` on `addr` until Ctrl-C. Prints the URL (a loopback one when `addr` is
/// unspecified, `0.0.0.0` or `::`, which a browser cannot open); with `open`, tries to open it in
/// a browser and just prints it when no opener is available.
pub async fn serve(addr: SocketAddr, open: bool, state: AppState) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    for line in banner(local) {
        println!("{line}");
    }
    if open {
        open_browser(&browser_url(local));
    }
    serve_listener(listener, state, Limits::default(), async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}

/// Serves the explorer with `state` on an already bound `listener` under `limits` until
/// `shutdown` completes; then open connections get up to 5 s to finish their requests.
pub async fn serve_listener(
    listener: tokio::net::TcpListener,
    state: AppState,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let state = AppState { body_timeout: limits.body_timeout, ..state };
    server::run(listener, router(state), limits, shutdown).await
}

/// Runs [`serve`] on a new multi-threaded tokio runtime (for callers without one).
pub fn serve_blocking(addr: SocketAddr, open: bool, state: AppState) -> std::io::Result<()> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build()?.block_on(serve(addr, open, state))
}

fn open_browser(url: &str) {
    let openers: &[&str] = if cfg!(target_os = "macos") {
        &["open"]
    } else if cfg!(windows) {
        &["explorer"]
    } else {
        &["xdg-open", "sensible-browser"]
    };
    for opener in openers {
        if std::process::Command::new(opener)
            .arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .is_ok()
        {
            return;
        }
    }
    println!("no browser opener found; open {url} yourself");
}
