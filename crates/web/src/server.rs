//! The connection loop: HTTP/1.1 through hyper with a header-read timeout, a body timeout and a
//! cap on connections, so idle or slow clients cannot lock out the others.
//!
//! - A connection waiting for a request (a new one, or an idle keep-alive one) must deliver the
//!   request's headers in full within [`Limits::header_timeout`] (hyper's header read timeout,
//!   which starts as soon as the connection waits for a request head), or it is closed.
//! - A request body must arrive within [`Limits::body_timeout`] (408).
//! - At most [`Limits::max_connections`] connections are served at once. A connection arriving
//!   at the cap (or when the process is out of file descriptors) makes the server close the
//!   connection that has been idle longest (no request in progress), if it has been idle for at
//!   least [`EVICT_AFTER`]; the newcomer waits for the slot this frees. A fresh connection is not
//!   closed before it had time to send its request.

use crate::guard::LocalAddr;
use axum::Router;
use axum::body::Body;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::BTreeMap;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, Semaphore, watch};
use tower::ServiceExt;

/// Timeouts and the connection cap of the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// How long a connection may take to deliver a request's headers, counted from when it
    /// starts waiting for them; so also how long an idle connection stays open.
    pub header_timeout: Duration,
    /// How long a request body may take to arrive (408 after it).
    pub body_timeout: Duration,
    /// Most connections served at once (1 to 65,536; values outside are clamped).
    pub max_connections: usize,
}

impl Default for Limits {
    /// 10 s for headers and for bodies (a local page sends both in milliseconds), 32 connections
    /// (a browser opens about six per server; well below the common limit of 64 open files, so
    /// the cap, not the operating system, decides who waits).
    fn default() -> Limits {
        Limits { header_timeout: Duration::from_secs(10), body_timeout: Duration::from_secs(10), max_connections: 32 }
    }
}

/// Largest connection cap: more connections than a process has file descriptors are never
/// served anyway.
const MAX_CONNECTIONS: usize = 65_536;

/// How long a stopping server waits for connections to finish their requests.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// How long a connection must have been idle before it may be closed to make room: a client
/// sends its request within milliseconds of connecting, so a connection idle this long is one
/// that is waiting (keep-alive) or stalling.
const EVICT_AFTER: Duration = Duration::from_millis(100);

/// How often a newcomer waiting for a slot looks again for a connection to close.
const EVICT_POLL: Duration = Duration::from_millis(20);

/// One served connection, as the accept loop sees it.
struct Conn {
    /// Requests in progress (handler running).
    in_flight: AtomicUsize,
    /// When it last became idle: milliseconds since the server started.
    idle_since: AtomicU64,
    /// Already told to close.
    closing: AtomicBool,
    /// Tells the connection to close once its current request, if any, is answered.
    close: Notify,
}

/// The connections being served.
struct Conns {
    started: Instant,
    next: AtomicU64,
    table: Mutex<BTreeMap<u64, Arc<Conn>>>,
}

impl Conns {
    fn new() -> Conns {
        Conns { started: Instant::now(), next: AtomicU64::new(0), table: Mutex::new(BTreeMap::new()) }
    }

    /// Milliseconds since the server started.
    fn now(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    fn register(&self) -> (u64, Arc<Conn>) {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let conn = Arc::new(Conn {
            in_flight: AtomicUsize::new(0),
            idle_since: AtomicU64::new(self.now()),
            closing: AtomicBool::new(false),
            close: Notify::new(),
        });
        if let Ok(mut t) = self.table.lock() {
            t.insert(id, conn.clone());
        }
        (id, conn)
    }

    fn remove(&self, id: u64) {
        if let Ok(mut t) = self.table.lock() {
            t.remove(&id);
        }
    }

    /// Tells the connection idle longest, if idle for at least [`EVICT_AFTER`], to close; whether
    /// there was one.
    fn evict_idle(&self) -> bool {
        let Ok(t) = self.table.lock() else { return false };
        let now = self.now();
        let min = u64::try_from(EVICT_AFTER.as_millis()).unwrap_or(u64::MAX);
        let idle = t
            .values()
            .filter(|c| c.in_flight.load(Ordering::Acquire) == 0 && !c.closing.load(Ordering::Acquire))
            .map(|c| (c.idle_since.load(Ordering::Acquire), c))
            .filter(|(since, _)| now.saturating_sub(*since) >= min)
            .min_by_key(|(since, _)| *since)
            .map(|(_, c)| c);
        match idle {
            Some(c) => {
                c.closing.store(true, Ordering::Release);
                c.close.notify_one();
                true
            }
            None => false,
        }
    }
}

/// Unregisters a connection when its task ends, however it ends.
struct Registered(Arc<Conns>, u64);

impl Drop for Registered {
    fn drop(&mut self) {
        self.0.remove(self.1);
    }
}

/// Counts a request in progress on its connection until dropped, when the connection becomes
/// idle.
struct InFlight(Arc<Conn>, Arc<Conns>);

impl InFlight {
    fn new(conn: &Arc<Conn>, conns: &Arc<Conns>) -> InFlight {
        conn.in_flight.fetch_add(1, Ordering::AcqRel);
        InFlight(conn.clone(), conns.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.idle_since.store(self.1.now(), Ordering::Release);
        self.0.in_flight.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Serves `app` on `listener` under `limits` until `shutdown` completes, then lets open
/// connections finish their requests for up to 5 s.
pub(crate) async fn run(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let max = limits.max_connections.clamp(1, MAX_CONNECTIONS);
    let slots = Arc::new(Semaphore::new(max));
    let conns = Arc::new(Conns::new());
    let (stop, stopped) = watch::channel(false);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            () = &mut shutdown => break,
            a = listener.accept() => a,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors, or a connection reset before it was accepted: make
                // room and try again shortly.
                conns.evict_idle();
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let slot = loop {
            if let Ok(slot) = slots.clone().try_acquire_owned() {
                break Some(slot);
            }
            conns.evict_idle();
            tokio::select! {
                () = &mut shutdown => break None,
                slot = slots.clone().acquire_owned() => break slot.ok(),
                () = tokio::time::sleep(EVICT_POLL) => {}
            }
        };
        let Some(slot) = slot else { break };
        let (id, conn) = conns.register();
        let registered = Registered(conns.clone(), id);
        let app = app.clone();
        let stopped = stopped.clone();
        let all = conns.clone();
        tokio::spawn(async move {
            serve_connection(stream, app, limits, (conn, all), stopped).await;
            drop(registered);
            drop(slot);
        });
    }
    let _ = stop.send(true);
    // Every slot back means every connection has ended.
    let all = u32::try_from(max).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, slots.acquire_many(all)).await;
    Ok(())
}

/// Serves one connection until it ends, is told to close, or the server stops.
async fn serve_connection(
    stream: TcpStream,
    app: Router,
    limits: Limits,
    (conn, conns): (Arc<Conn>, Arc<Conns>),
    mut stopped: watch::Receiver<bool>,
) {
    let local = stream.local_addr().ok();
    let counted = conn.clone();
    let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
        let mut request = request.map(Body::new);
        if let Some(local) = local {
            request.extensions_mut().insert(LocalAddr(local));
        }
        let in_flight = InFlight::new(&counted, &conns);
        let app = app.clone();
        async move {
            let response = app.oneshot(request).await;
            drop(in_flight);
            response
        }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout);
    let connection = builder.serve_connection(TokioIo::new(stream), service);
    let mut connection = std::pin::pin!(connection);
    let mut closing = false;
    loop {
        tokio::select! {
            _ = connection.as_mut() => return,
            () = conn.close.notified(), if !closing => {
                connection.as_mut().graceful_shutdown();
                closing = true;
            }
            _ = stopped.changed(), if !closing => {
                connection.as_mut().graceful_shutdown();
                closing = true;
            }
        }
    }
}

/// The address a browser can open for a server bound to `local`: loopback in place of an
/// unspecified address (`0.0.0.0` or `::`), which a browser cannot reach.
pub fn browser_url(local: SocketAddr) -> String {
    let ip = match local.ip() {
        std::net::IpAddr::V4(ip) if ip.is_unspecified() => std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
        std::net::IpAddr::V6(ip) if ip.is_unspecified() => std::net::IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, local.port()))
}

/// What the server prints when it starts listening on `local`.
pub fn banner(local: SocketAddr) -> Vec<String> {
    let mut lines = vec![format!("Deterrence Lab explorer: {}", browser_url(local))];
    if local.ip().is_unspecified() {
        lines.push(format!(
            "(listening on all interfaces, {local}; from another machine use this machine's address and port {})",
            local.port()
        ));
    }
    lines.push("(press Ctrl-C to stop)".into());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unspecified_addresses_print_a_loopback_url() {
        let any4: SocketAddr = "0.0.0.0:8750".parse().unwrap();
        assert_eq!(browser_url(any4), "http://127.0.0.1:8750/");
        let any6: SocketAddr = "[::]:8750".parse().unwrap();
        assert_eq!(browser_url(any6), "http://[::1]:8750/");
        let lines = banner(any4);
        assert_eq!(lines[0], "Deterrence Lab explorer: http://127.0.0.1:8750/");
        assert!(lines[1].contains("all interfaces") && lines[1].contains("0.0.0.0:8750"), "{lines:?}");
    }

    #[test]
    fn specific_addresses_print_themselves() {
        let lo: SocketAddr = "127.0.0.1:8750".parse().unwrap();
        assert_eq!(browser_url(lo), "http://127.0.0.1:8750/");
        assert!(!banner(lo).iter().any(|l| l.contains("all interfaces")));
        let lan: SocketAddr = "192.168.1.5:9000".parse().unwrap();
        assert_eq!(browser_url(lan), "http://192.168.1.5:9000/");
    }
}
