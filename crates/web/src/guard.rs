//! Request guards of the explorer, checked before any route:
//!
//! - the `Host` header must name this server: `localhost`, `127.0.0.1`, `[::1]` or the address
//!   the connection arrived on, with the port it arrived on (421 otherwise). A page served from
//!   another name that resolves to this machine (DNS rebinding) is refused; IP literals cannot be
//!   rebound.
//! - a POST with an `Origin` header must come from this server's own origin, `http://` followed
//!   by the request's `Host` (403 otherwise), so another web page cannot drive ensembles
//!   (cross-site request forgery).
//! - a POST must say `Content-Type: application/json` (415 otherwise); a cross-site form cannot
//!   send that type without a CORS preflight, which this server never grants.

use axum::extract::Request;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// The local address of the connection a request arrived on; the server puts it in every
/// request's extensions, and the guards compare the `Host` header with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalAddr(pub SocketAddr);

/// Why a request was refused: the status and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// 421, 403 or 415.
    pub status: StatusCode,
    /// What was wrong and what was expected.
    pub message: String,
}

fn refuse(status: StatusCode, message: String) -> Result<(), Refusal> {
    Err(Refusal { status, message })
}

/// Checks a request's headers against the rules of this module; `local` is the address the
/// connection arrived on (`None`: unknown, and every request is refused).
pub fn check(method: &Method, headers: &HeaderMap, local: Option<SocketAddr>) -> Result<(), Refusal> {
    let Some(local) = local else {
        return refuse(
            StatusCode::MISDIRECTED_REQUEST,
            "the server cannot tell which address this connection arrived on, so it cannot check the Host header"
                .into(),
        );
    };
    let expected = || {
        let mut names = vec![format!("localhost:{}", local.port()), format!("127.0.0.1:{}", local.port())];
        names.push(format!("[::1]:{}", local.port()));
        let own = SocketAddr::new(local.ip().to_canonical(), local.port()).to_string();
        if !names.contains(&own) {
            names.push(own);
        }
        names.join(", ")
    };
    let host = match headers.get(header::HOST).map(|h| h.to_str()) {
        None => {
            return refuse(StatusCode::MISDIRECTED_REQUEST, format!("no Host header; expected one of {}", expected()));
        }
        Some(Err(_)) => {
            return refuse(
                StatusCode::MISDIRECTED_REQUEST,
                format!("Host header is not text; expected one of {}", expected()),
            );
        }
        Some(Ok(h)) => h.trim(),
    };
    if !host_allowed(host, local) {
        return refuse(
            StatusCode::MISDIRECTED_REQUEST,
            format!("Host header `{host}` does not name this server; expected one of {}", expected()),
        );
    }
    if method != Method::POST {
        return Ok(());
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let own = format!("http://{host}");
        let same = origin.to_str().is_ok_and(|o| o.trim().eq_ignore_ascii_case(&own));
        if !same {
            let shown = origin.to_str().unwrap_or("(not text)");
            return refuse(
                StatusCode::FORBIDDEN,
                format!("Origin `{shown}` is not this server's origin `{own}`: requests from other pages are refused"),
            );
        }
    }
    let content_type = headers.get(header::CONTENT_TYPE).map(|c| c.to_str().unwrap_or("(not text)"));
    let essence = content_type.map(|c| c.split(';').next().unwrap_or("").trim());
    if !essence.is_some_and(|e| e.eq_ignore_ascii_case("application/json")) {
        let got = content_type.map_or("no Content-Type header".to_owned(), |c| format!("`{c}`"));
        return refuse(StatusCode::UNSUPPORTED_MEDIA_TYPE, format!("Content-Type must be application/json, got {got}"));
    }
    Ok(())
}

/// Whether `host` (a `Host` header: `name`, `name:port`, `[v6]` or `[v6]:port`) names this
/// server reached at `local`.
fn host_allowed(host: &str, local: SocketAddr) -> bool {
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        let Some((ip, after)) = rest.split_once(']') else { return false };
        let port = match after {
            "" => None,
            p => match p.strip_prefix(':') {
                Some(p) => Some(p),
                None => return false,
            },
        };
        match ip.parse::<Ipv6Addr>() {
            Ok(_) => (ip, port),
            Err(_) => return false,
        }
    } else {
        match host.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        }
    };
    let port = match port {
        None => 80,
        Some(p) => match p.parse::<u16>() {
            Ok(p) => p,
            Err(_) => return false,
        },
    };
    if port != local.port() {
        return false;
    }
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let Ok(ip) = name.parse::<IpAddr>() else { return false };
    // IPv4-mapped IPv6 addresses as IPv4 (a dual-stack socket reports IPv4 clients that way).
    let ip = ip.to_canonical();
    ip == IpAddr::V4(Ipv4Addr::LOCALHOST) || ip == IpAddr::V6(Ipv6Addr::LOCALHOST) || ip == local.ip().to_canonical()
}

/// The middleware: refuses with a JSON `{error, field: null}` body, or passes the request on.
pub(crate) async fn middleware(request: Request, next: Next) -> Response {
    let local = request.extensions().get::<LocalAddr>().map(|l| l.0);
    match check(request.method(), request.headers(), local) {
        Ok(()) => next.run(request).await,
        Err(r) => crate::error(r.status, None, r.message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(s: &str) -> SocketAddr {
        s.parse().unwrap()
    }

    #[test]
    fn hosts_naming_this_server_are_allowed() {
        let l = local("127.0.0.1:8750");
        for h in ["localhost:8750", "LOCALHOST:8750", "127.0.0.1:8750", "[::1]:8750"] {
            assert!(host_allowed(h, l), "{h}");
        }
        let lan = local("192.168.1.5:8750");
        assert!(host_allowed("192.168.1.5:8750", lan));
        let mapped = local("[::ffff:192.168.1.5]:8750");
        assert!(host_allowed("192.168.1.5:8750", mapped), "a dual-stack socket's IPv4 client");
        assert!(host_allowed("localhost", local("127.0.0.1:80")), "no port means 80");
    }

    #[test]
    fn an_unknown_local_address_refuses_everything() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, "127.0.0.1:8750".parse().unwrap());
        let refusal = check(&Method::GET, &headers, None).unwrap_err();
        assert_eq!(refusal.status, StatusCode::MISDIRECTED_REQUEST);
        assert!(check(&Method::GET, &headers, Some(local("127.0.0.1:8750"))).is_ok());
    }

    #[test]
    fn other_hosts_are_refused() {
        let l = local("127.0.0.1:8750");
        for h in [
            "evil.example:8750",
            "localhost:8751",
            "localhost",
            "127.0.0.2:8750",
            "192.168.1.5:8750",
            "localhost.evil.example:8750",
            "[::1",
            "[::1]x",
            "[nonsense]:8750",
            "::1:8750",
            "localhost:notaport",
            "",
        ] {
            assert!(!host_allowed(h, l), "{h}");
        }
    }
}
