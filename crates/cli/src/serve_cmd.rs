//! `deterrence serve`: the browser explorer (crate `web`), bound to 127.0.0.1 unless `--bind`
//! names another address.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// Runs the command until Ctrl-C.
pub fn run(port: u16, open: bool, bind: Option<IpAddr>) -> anyhow::Result<()> {
    let ip = bind.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    if !ip.is_loopback() {
        eprintln!(
            "warning: binding to {ip}, not loopback: anyone who can reach this machine can run simulations \
             on it; the explorer has no authentication"
        );
    }
    let addr = SocketAddr::new(ip, port);
    web::serve_blocking(addr, open).map_err(|e| anyhow::anyhow!("cannot serve on {addr}: {e}"))
}
