//! A bounded fault test of the server on loopback: idle, slow-header, slow-body and malformed
//! clients alongside normal ones, with short timeouts so it finishes in a few seconds.
//!
//! The bound on normal clients, 1 s per request, is generous on purpose. Measured in a debug
//! build on a 2-core machine, the slowest normal client under this test's load took 20–50 ms,
//! and under 200 ms with four CPU-bound processes competing for the two cores; 1 s leaves a
//! margin of five over that. What the bound catches is a lock-out: without the connection cap's
//! eviction of idle connections, normal clients wait for the header timeout (3 s here), several
//! times over.

use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What a normal client may wait for an answer, however loaded the machine (see the module doc).
const SERVED_WITHIN: Duration = Duration::from_secs(1);

async fn start(limits: web::Limits) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    // Room for every normal client's ensemble at once: this test is about connections, not 429.
    tokio::spawn(web::serve_listener(listener, web::AppState::new(8), limits, std::future::pending()));
    addr
}

/// A normal client: one request on a fresh connection; its status and how long it took.
async fn normal(addr: SocketAddr, i: usize) -> (u16, Duration) {
    let started = Instant::now();
    let raw = if i.is_multiple_of(2) {
        format!("GET /api/params HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")
    } else {
        let body = r#"{"years":2,"runs":1}"#;
        format!(
            "POST /api/ensemble HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
    };
    let answer = tokio::time::timeout(Duration::from_secs(10), async {
        let mut s = TcpStream::connect(addr).await.unwrap();
        s.write_all(raw.as_bytes()).await.unwrap();
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out).await;
        out
    })
    .await
    .unwrap_or_default();
    let status = String::from_utf8_lossy(&answer).get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0);
    (status, started.elapsed())
}

/// Waits until the server closes `s` (end of file or reset), discarding what it sends: when it
/// did, or `None` if it stayed open for `patience`.
async fn closed_within(mut s: TcpStream, patience: Duration) -> Option<Instant> {
    tokio::time::timeout(patience, async {
        let mut buf = [0u8; 1024];
        loop {
            match s.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
        }
    })
    .await
    .ok()
    .map(|()| Instant::now())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_and_slow_clients_neither_lock_out_nor_stay() {
    let header_timeout = Duration::from_secs(3);
    let limits = web::Limits { header_timeout, body_timeout: Duration::from_secs(1), max_connections: 8 };
    let addr = start(limits).await;

    // Twice the cap in idle clients: connected, sending nothing.
    let mut idle = Vec::new();
    for _ in 0..16 {
        idle.push(TcpStream::connect(addr).await.unwrap());
    }
    // Slow-header clients: a request head dribbled out a byte every 100 ms, never finished.
    let mut slow = Vec::new();
    for _ in 0..4 {
        let s = TcpStream::connect(addr).await.unwrap();
        s.set_nodelay(true).unwrap();
        let (mut read, mut write) = s.into_split();
        let head = format!("GET / HTTP/1.1\r\nHost: {addr}\r\nX-Padding: {}", "a".repeat(100));
        slow.push(tokio::spawn(async move {
            let started = Instant::now();
            for b in head.bytes() {
                if write.write_all(&[b]).await.is_err() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            let mut buf = [0u8; 256];
            while let Ok(n) = read.read(&mut buf).await {
                if n == 0 {
                    break;
                }
            }
            started.elapsed()
        }));
    }
    // Malformed clients: not HTTP, a broken request line, a body that is not JSON.
    let mut malformed = Vec::new();
    for raw in [
        b"\x00\x01\x02 not http at all\r\n\r\n".to_vec(),
        b"GET\r\n\r\n".to_vec(),
        format!(
            "POST /api/ensemble HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n{{{{{{{{{{"
        )
        .into_bytes(),
    ] {
        malformed.push(tokio::spawn(async move {
            let mut s = TcpStream::connect(addr).await.unwrap();
            let _ = s.write_all(&raw).await;
            let mut out = Vec::new();
            let _ = tokio::time::timeout(Duration::from_secs(5), s.read_to_end(&mut out)).await;
            String::from_utf8_lossy(&out).get(9..12).and_then(|c| c.parse::<u16>().ok()).unwrap_or(0)
        }));
    }
    // A slow-body client: headers at once, then half the body, then nothing.
    let slow_body = tokio::spawn(async move {
        let mut s = TcpStream::connect(addr).await.unwrap();
        let head = format!(
            "POST /api/ensemble HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n{{\"years\""
        );
        s.write_all(head.as_bytes()).await.unwrap();
        let mut out = Vec::new();
        let _ = tokio::time::timeout(Duration::from_secs(5), s.read_to_end(&mut out)).await;
        String::from_utf8_lossy(&out).get(9..12).and_then(|c| c.parse::<u16>().ok()).unwrap_or(0)
    });

    // Give the attackers time to take every slot and to look idle (a fresh connection is not
    // closed to make room: it may not have sent its request yet).
    tokio::time::sleep(Duration::from_millis(500)).await;

    // Normal clients, while all of the above hold connections.
    let mut slowest = Duration::ZERO;
    for round in 0..3 {
        let clients: Vec<_> = (0..6).map(|i| tokio::spawn(normal(addr, round * 6 + i))).collect();
        for c in clients {
            let (status, took) = c.await.unwrap();
            assert_eq!(status, 200, "a normal client was refused or dropped");
            assert!(took < SERVED_WITHIN, "a normal client waited {took:?}");
            slowest = slowest.max(took);
        }
    }

    // Every idle client is closed by the header timeout at the latest (many sooner: evicted to
    // make room), and none lingers.
    let patience = header_timeout + Duration::from_secs(2);
    let closes: Vec<_> = idle.into_iter().map(|s| tokio::spawn(closed_within(s, patience))).collect();
    for c in closes {
        let took = c.await.unwrap();
        assert!(took.is_some(), "an idle client was still connected after {patience:?}");
    }
    for s in slow {
        let took = s.await.unwrap();
        assert!(took < patience, "a slow-header client stayed {took:?}");
    }
    for m in malformed {
        assert_eq!(m.await.unwrap(), 400, "a malformed request gets 400");
    }
    assert_eq!(slow_body.await.unwrap(), 408, "an unfinished body gets 408");
    eprintln!("slowest normal client: {slowest:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_connections_are_closed_after_the_header_timeout() {
    let header_timeout = Duration::from_millis(500);
    let addr = start(web::Limits { header_timeout, ..web::Limits::default() }).await;
    // A new connection that never sends a byte.
    let silent = (TcpStream::connect(addr).await.unwrap(), Instant::now());
    // A keep-alive connection, idle after one answered request.
    let mut kept = TcpStream::connect(addr).await.unwrap();
    kept.write_all(format!("GET /api/params HTTP/1.1\r\nHost: {addr}\r\n\r\n").as_bytes()).await.unwrap();
    let mut buf = vec![0u8; 64 * 1024];
    let n = kept.read(&mut buf).await.unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"), "served first");
    let kept = (kept, Instant::now());
    // A connection that sends half a request head.
    let mut half = TcpStream::connect(addr).await.unwrap();
    half.write_all(format!("GET / HTTP/1.1\r\nHost: {addr}\r\n").as_bytes()).await.unwrap();
    let half = (half, Instant::now());
    let waits: Vec<_> = [("silent", silent), ("keep-alive", kept), ("half a head", half)]
        .into_iter()
        .map(|(name, (s, since))| (name, since, tokio::spawn(closed_within(s, Duration::from_secs(5)))))
        .collect();
    for (name, since, wait) in waits {
        let closed = wait.await.unwrap().unwrap_or_else(|| panic!("{name}: still open after 5 s"));
        let took = closed - since;
        // Closed by the timeout (counted from when the connection began waiting), not before.
        assert!(took >= header_timeout * 3 / 4 && took < header_timeout * 4, "{name}: closed after {took:?}");
    }
}

#[tokio::test]
async fn any_connection_cap_serves_and_shutdown_ends_the_server() {
    for max_connections in [0, usize::MAX] {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let limits = web::Limits { max_connections, ..web::Limits::default() };
        let server = tokio::spawn(web::serve_listener(listener, web::AppState::new(2), limits, async {
            let _ = stopped.await;
        }));
        let (status, _) = normal(addr, 0).await;
        assert_eq!(status, 200, "max_connections {max_connections} is clamped, not a panic");
        // An idle connection does not hold the server open once told to stop.
        let idle = TcpStream::connect(addr).await.unwrap();
        tokio::time::sleep(Duration::from_millis(50)).await;
        let _ = stop.send(());
        let ended = tokio::time::timeout(Duration::from_secs(3), server).await;
        assert!(matches!(ended, Ok(Ok(Ok(())))), "the server stops: {ended:?}");
        drop(idle);
    }
}
