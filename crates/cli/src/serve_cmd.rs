//! `deterrence serve`: the browser explorer (crate `web`), bound to 127.0.0.1 unless `--bind`
//! names another address.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;

/// Runs the command until Ctrl-C (a posterior that cannot be read is refused first, exit 2).
pub fn run(port: u16, open: bool, bind: Option<IpAddr>, posterior: Option<&Path>) -> anyhow::Result<()> {
    let mut state = web::AppState::default();
    if let Some(path) = posterior {
        let (posterior, source) = crate::forecast::read_posterior(path)?;
        state = state.with_posterior(web::ensemble::ServedPosterior { posterior, source });
    }
    let ip = bind.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    if !ip.is_loopback() {
        eprintln!(
            "warning: binding to {ip}, not loopback: anyone who can reach this machine can run simulations \
             on it; the explorer has no authentication"
        );
    }
    let addr = SocketAddr::new(ip, port);
    web::serve_blocking(addr, open, state).map_err(|e| anyhow::anyhow!("cannot serve on {addr}: {e}"))
}
