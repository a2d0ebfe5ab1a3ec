//! The explorer's server over real TCP: page, assets, validation, body caps, path traversal and
//! concurrency.

use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

async fn start(max_ensembles: usize) -> SocketAddr {
    start_with(web::AppState::new(max_ensembles)).await
}

async fn start_with(state: web::AppState) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(web::serve_listener(listener, state, web::Limits::default(), std::future::pending()));
    addr
}

/// Sends one raw HTTP/1.1 request (the path is sent exactly as given) and returns (status, body).
async fn request(addr: SocketAddr, method: &str, path: &str, body: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).await.unwrap();
    // A server may refuse a large body before reading it all; ignore a reset while writing.
    let _ = s.write_all(body).await;
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw).await;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    (status, body)
}

async fn post(addr: SocketAddr, json: &str) -> (u16, String) {
    request(addr, "POST", "/api/ensemble", json.as_bytes()).await
}

/// The JSON object in a (possibly chunked) body.
fn json(body: &str) -> serde_json::Value {
    let start = body.find('{').expect("a JSON object");
    let end = body.rfind('}').expect("a JSON object");
    serde_json::from_str(&body[start..=end]).expect("valid JSON")
}

#[tokio::test]
async fn page_and_assets_load() {
    let addr = start(2).await;
    let (status, body) = request(addr, "GET", "/", b"").await;
    assert_eq!(status, 200);
    assert!(body.contains("Deterrence Lab explorer") && body.contains("/assets/uPlot.iife.min.js"));
    assert!(body.contains("/assets/icon.svg"), "the page names its icon");
    for path in ["/favicon.ico", "/assets/icon.svg"] {
        let (status, body) = request(addr, "GET", path, b"").await;
        assert_eq!(status, 200, "{path}: browsers ask for it on every load");
        assert!(body.starts_with("<svg"), "{path}");
    }
    for path in ["/assets/uPlot.iife.min.js", "/assets/uPlot.min.css", "/assets/app.js", "/assets/app.css"] {
        let (status, body) = request(addr, "GET", path, b"").await;
        assert_eq!(status, 200, "{path}");
        assert!(!body.is_empty(), "{path}");
    }
    let (status, body) = request(addr, "GET", "/assets/uPlot.iife.min.js", b"").await;
    assert_eq!(status, 200);
    assert!(body.contains("MIT License"), "uPlot's licence notice is kept");
    // The world map's code, libraries and geometry are served from the binary; the page names
    // none of them (they load when the map is opened).
    for path in [
        "/assets/map.js",
        "/assets/vendor/d3-array.min.js",
        "/assets/vendor/d3-geo.min.js",
        "/assets/vendor/topojson-client.min.js",
        "/assets/vendor/countries-110m.json",
    ] {
        let (status, asset) = request(addr, "GET", path, b"").await;
        assert_eq!(status, 200, "{path}");
        assert!(!asset.is_empty(), "{path}");
    }
    let (_, page) = request(addr, "GET", "/", b"").await;
    assert!(!page.contains("/vendor/") && !page.contains("map.js"), "the page loads no map file itself");
    let (status, body) = request(addr, "GET", "/api/scenarios", b"").await;
    assert_eq!(status, 200);
    assert!(json(&body)["scenarios"].as_array().unwrap().iter().any(|s| s["name"] == "world-2025"));
    let (status, body) = request(addr, "GET", "/api/params", b"").await;
    assert_eq!(status, 200);
    assert!(json(&body)["parameters"].as_array().unwrap().iter().any(|p| p["name"] == "prudence_base"));
}

#[tokio::test]
async fn defaults_name_the_scenario_values_under_the_lenses() {
    let addr = start(2).await;
    let (status, body) = request(addr, "GET", "/api/defaults?scenario=korea&lenses=organisational", b"").await;
    assert_eq!(status, 200, "{body}");
    let v = json(&body);
    assert_eq!(v["scenario"], "korea");
    assert_eq!(v["parameters"]["accident_multiplier"], 5.0, "the organisational lens is applied");
    for (path, field) in [
        ("/api/defaults?scenario=atlantis", "scenario"),
        ("/api/defaults?scenario=korea&lenses=astrology", "lenses"),
        ("/api/defaults?colour=red", "colour"),
    ] {
        let (status, body) = request(addr, "GET", path, b"").await;
        assert_eq!(status, 400, "{path}: {body}");
        assert_eq!(json(&body)["field"], field, "{path}");
    }
}

#[tokio::test]
async fn small_ensemble_is_reproducible() {
    let addr = start(2).await;
    let req = r#"{"scenario":"world-2025","years":5,"runs":3,"seed":11,
        "levers":{"norm_strength":0.4,"verification":0.5,"enforcement":0.3,"selectivity":0.6,"inequity":0.7},
        "prudence_base":8,"accident_hazard":0.01,"lenses":["deterrence","organisational"]}"#;
    let (status, a) = post(addr, req).await;
    assert_eq!(status, 200, "{a}");
    let (_, b) = post(addr, req).await;
    let (a, b) = (json(&a), json(&b));
    assert_eq!(a["years"].as_array().unwrap().len(), 5);
    assert_eq!(a["fans"]["warheads_total"]["q50"].as_array().unwrap().len(), 5);
    assert_eq!(a["paradox"].as_array().unwrap().len(), 4);
    assert!(!a["dyads_final_year_first_run"].as_array().unwrap().is_empty());
    // The pair view and the map: a band per pair and year, run counts per state and year.
    // A series holding one value in every year comes as that value (the page expands it).
    let series = |v: &serde_json::Value| match v.as_array() {
        Some(a) => a.clone(),
        None => vec![v.clone(); 5],
    };
    let pairs = a["dyads"].as_array().unwrap();
    assert!(pairs.iter().any(|d| d["iso3_1"] == "USA" && d["iso3_2"] == "RUS"), "rival pairs listed");
    for d in pairs {
        assert!(d["fsi"]["n"].is_number() || d["fsi"]["n"].as_array().unwrap().len() == 5);
        assert_eq!(series(&d["crisis_share"]).len(), 5);
        // 3 runs: a median where defined, never a band.
        assert!(d["adequacy1"]["q05"].is_null(), "{}", d["adequacy1"]["q05"]);
    }
    let states = a["states"].as_array().unwrap();
    let usa = states.iter().find(|s| s["iso3"] == "USA").unwrap();
    assert_eq!(usa["numeric"], 840);
    assert_eq!(usa["armed"], 3, "the USA armed in every run and year, sent once");
    assert_eq!(a["dyads"], b["dyads"]);
    assert_eq!(a["states"], b["states"]);
    assert_eq!(a["paradox"], b["paradox"]);
    assert_eq!(a["fans"], b["fans"]);
    let (_, c) = post(addr, &req.replace("\"seed\":11", "\"seed\":12")).await;
    assert_ne!(json(&c)["fans"], a["fans"], "another seed gives other runs");
}

#[tokio::test]
async fn oversized_body_is_413() {
    let addr = start(2).await;
    let big = format!(r#"{{"scenario":"world-2025","pad":"{}"}}"#, "x".repeat(64 * 1024));
    let (status, body) = post(addr, &big).await;
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("too large"), "{body}");
}

#[tokio::test]
async fn bad_parameters_are_400_naming_the_field() {
    let addr = start(2).await;
    let cases = [
        (r#"{"levers":{"norm_strength":1.5}}"#, "levers.norm_strength"),
        (r#"{"levers":{"verification":-0.1}}"#, "levers.verification"),
        (r#"{"levers":{"charisma":0.5}}"#, "levers.charisma"),
        (r#"{"lenses":["astrology"]}"#, "lenses"),
        (r#"{"runs":10000}"#, "runs"),
        (r#"{"runs":0}"#, "runs"),
        (r#"{"years":101}"#, "years"),
        (r#"{"scenario":"atlantis"}"#, "scenario"),
        (r#"{"accident_hazard":"NaN"}"#, "accident_hazard"),
        (r#"{"accident_hazard":1.5}"#, "accident_hazard"),
        (r#"{"prudence_base":-1}"#, "prudence_base"),
        (r#"{"parameters":{"no_such":1}}"#, "parameters.no_such"),
        (r#"{"parameters":{"max_rounds":0}}"#, "parameters.max_rounds"),
        (r#"{"seed":-3}"#, "seed"),
        (r#"{"bogus":1}"#, "bogus"),
    ];
    for (req, field) in cases {
        let (status, body) = post(addr, req).await;
        assert_eq!(status, 400, "{req}: {body}");
        let v = json(&body);
        assert_eq!(v["field"], field, "{req}: {body}");
        assert!(v["error"].as_str().unwrap().contains(field), "{req}: {body}");
    }
    let (status, body) = post(addr, "[1,2]").await;
    assert_eq!(status, 400, "{body}");
    let (status, body) = post(addr, "{not json").await;
    assert_eq!(status, 400, "{body}");
}

#[tokio::test]
async fn null_is_an_error_naming_the_field() {
    let addr = start(2).await;
    for (req, field) in [
        (r#"{"runs":null}"#, "runs"),
        (r#"{"years":null}"#, "years"),
        (r#"{"seed":null}"#, "seed"),
        (r#"{"scenario":null}"#, "scenario"),
        (r#"{"prudence_base":null}"#, "prudence_base"),
        (r#"{"levers":null}"#, "levers"),
        (r#"{"lenses":null}"#, "lenses"),
        (r#"{"levers":{"norm_strength":null}}"#, "levers.norm_strength"),
        (r#"{"parameters":{"rung_cost":null}}"#, "parameters.rung_cost"),
    ] {
        let (status, body) = post(addr, req).await;
        assert_eq!(status, 400, "{req}: {body}");
        let v = json(&body);
        assert_eq!(v["field"], field, "{req}: {body}");
        assert!(v["error"].as_str().unwrap().contains("null"), "{req}: {body}");
    }
}

#[tokio::test]
async fn syntax_errors_say_where_and_blame_no_field() {
    let addr = start(2).await;
    for (req, line, column) in [
        ("{\"prudence_base\":NaN}", 1, 18),
        ("{\n  \"years\": 5,\n  \"runs\": 3,,\n}", 3, 13),
        ("{\"years\": 5", 1, 11),
        ("\u{feff}\u{feff}{}", 1, 1),
    ] {
        let (status, body) = post(addr, req).await;
        assert_eq!(status, 400, "{req:?}: {body}");
        let v = json(&body);
        assert!(v["field"].is_null(), "{req:?}: {body}");
        let message = v["error"].as_str().unwrap();
        assert!(message.contains(&format!("line {line}, column {column}")), "{req:?}: {body}");
        assert!(message.contains("not valid JSON"), "{req:?}: {body}");
    }
    let (_, body) = post(addr, r#"{"prudence_base":NaN}"#).await;
    assert!(json(&body)["error"].as_str().unwrap().contains("NaN and Infinity are not JSON"), "{body}");
    let (_, body) = post(addr, "\u{feff}\u{feff}{}").await;
    assert!(json(&body)["error"].as_str().unwrap().contains("byte order mark"), "{body}");
}

#[tokio::test]
async fn a_leading_byte_order_mark_is_ignored() {
    let addr = start(2).await;
    let plain = r#"{"years":3,"runs":2,"seed":5}"#;
    let (status, with_bom) = post(addr, &format!("\u{feff}{plain}")).await;
    assert_eq!(status, 200, "{with_bom}");
    let (_, without) = post(addr, plain).await;
    assert_eq!(json(&with_bom)["fans"], json(&without)["fans"]);
    assert_eq!(json(&with_bom)["request"]["years"], 3);
}

#[tokio::test]
async fn numbers_get_the_command_line_domains() {
    let addr = start(2).await;
    for (req, field) in [
        (r#"{"prudence_base":1e308}"#, "prudence_base"),
        (r#"{"parameters":{"prudence_base":1e308}}"#, "parameters.prudence_base"),
        (r#"{"parameters":{"rung_cost":-2e10}}"#, "parameters.rung_cost"),
        (r#"{"accident_hazard":2}"#, "accident_hazard"),
        (r#"{"runs":2.5}"#, "runs"),
        (r#"{"years":1e2}"#, "years"),
        (r#"{"seed":18446744073709551616}"#, "seed"),
    ] {
        let (status, body) = post(addr, req).await;
        assert_eq!(status, 400, "{req}: {body}");
        assert_eq!(json(&body)["field"], field, "{req}: {body}");
    }
    // The same check as `--param prudence_base=1e308` on the command line.
    let cli = lab::Override::parse(lab::Kind::Parameter, "prudence_base=1e308").unwrap_err();
    let (_, body) = post(addr, r#"{"prudence_base":1e308}"#).await;
    assert!(json(&body)["error"].as_str().unwrap().contains(&cli.message), "{body} vs {}", cli.message);
}

#[tokio::test]
async fn path_traversal_finds_nothing() {
    let addr = start(2).await;
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/etc/passwd",
        "/assets/../../x",
        "/assets/..%2f..%2fCargo.toml",
        "/assets/%2e%2e/%2e%2e/Cargo.toml",
        "/assets/../assets/app.js/../../../../etc/passwd",
        "/assets/",
        "/Cargo.toml",
        "/crates/web/assets/app.js",
    ] {
        let (status, body) = request(addr, "GET", path, b"").await;
        assert!(status == 404 || status == 400, "{path}: {status} {body}");
        assert!(!body.contains("[workspace]") && !body.contains("root:"), "{path}");
    }
}

#[tokio::test]
async fn fifty_concurrent_requests_without_server_errors() {
    let addr = start(2).await;
    let mut tasks = Vec::new();
    for i in 0..50u32 {
        tasks.push(tokio::spawn(async move {
            if i % 2 == 0 {
                request(addr, "GET", "/", b"").await
            } else {
                post(addr, &format!(r#"{{"scenario":"world-2025","runs":2,"years":5,"seed":{i}}}"#)).await
            }
        }));
    }
    let mut ok_posts = 0;
    let mut limited = 0;
    for (i, t) in tasks.into_iter().enumerate() {
        let (status, body) = t.await.unwrap();
        if i % 2 == 0 {
            assert_eq!(status, 200, "GET / must never wait for ensembles: {body}");
        } else {
            match status {
                200 => ok_posts += 1,
                429 => {
                    limited += 1;
                    assert!(json(&body)["error"].as_str().unwrap().contains("at most 2"), "{body}");
                }
                other => panic!("POST {i}: status {other}: {body}"),
            }
        }
    }
    assert!(ok_posts >= 1, "some ensembles ran ({limited} were told to wait)");
}

#[tokio::test]
async fn over_the_limit_is_429_at_once() {
    // Every slot taken: an ensemble is refused at once, the page still loads; freed, it runs.
    let state = web::AppState::new(1);
    let addr = start_with(state.clone()).await;
    let held = state.reserve().expect("a free slot");
    let (status, body) = post(addr, r#"{"runs":2,"years":5}"#).await;
    assert_eq!(status, 429, "{body}");
    assert!(json(&body)["error"].as_str().unwrap().contains("busy"), "{body}");
    let (page, _) = request(addr, "GET", "/", b"").await;
    assert_eq!(page, 200);
    drop(held);
    let (status, body) = post(addr, r#"{"runs":2,"years":5}"#).await;
    assert_eq!(status, 200, "{body}");
}

/// Decodes an HTTP/1.1 chunked body (returns it unchanged if it is not chunked).
fn dechunk(body: &str) -> String {
    let chunked = body.split_once("\r\n").is_some_and(|(size, _)| usize::from_str_radix(size.trim(), 16).is_ok());
    if !chunked {
        return body.to_owned();
    }
    let mut out = String::new();
    let mut rest = body;
    while let Some((size, after)) = rest.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else { break };
        if n == 0 {
            break;
        }
        out.push_str(&after[..n]);
        rest = after[n..].trim_start_matches("\r\n");
    }
    out
}

const SMALL: &str = r#"{"scenario":"world-2025","years":6,"runs":7,"seed":21,
    "levers":{"norm_strength":0.4,"enforcement":0.3},"prudence_base":8,"lenses":["deterrence"]}"#;

#[tokio::test]
async fn stream_reports_progress_then_the_same_result() {
    let addr = start(2).await;
    let (status, raw) = request(addr, "POST", "/api/ensemble/stream", SMALL.as_bytes()).await;
    assert_eq!(status, 200, "{raw}");
    let body = dechunk(&raw);
    let lines: Vec<serde_json::Value> =
        body.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect(l)).collect();
    let (last, progress) = lines.split_last().expect("lines");
    let done: Vec<u64> = progress.iter().map(|p| p["progress"].as_u64().expect("a progress line")).collect();
    assert_eq!(done, (1..=7).collect::<Vec<_>>(), "every run reported, in order");
    assert!(progress.iter().all(|p| p["total"] == 7));
    let (_, plain) = post(addr, SMALL).await;
    let plain = json(&plain);
    let streamed = &last["result"];
    for key in ["years", "fans", "nuclear_use_share", "paradox", "dyads_final_year_first_run", "request"] {
        assert_eq!(streamed[key], plain[key], "{key}");
    }
}

#[tokio::test]
async fn report_is_html_with_charts_and_provenance() {
    let addr = start(2).await;
    let mut s = TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /api/report HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        SMALL.len()
    );
    s.write_all(head.as_bytes()).await.unwrap();
    s.write_all(SMALL.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).await.unwrap();
    let raw = String::from_utf8_lossy(&raw);
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let head = head.to_ascii_lowercase();
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(head.contains("content-type: text/html"), "{head}");
    assert!(head.contains("attachment; filename=\"deterrence-report.html\""), "{head}");
    let body = dechunk(body);
    assert!(body.contains("<svg"), "charts drawn");
    assert!(body.contains("class=\"caveat\""), "caveat banner");
    assert!(body.contains("world-2025") && body.contains("21") && body.contains("deterrence 0."), "provenance");
    // The scenario's data sources, as links inside the collapsed provenance at the end.
    let prov = body.find("<details class=\"prov\">").expect("provenance collapsed");
    assert!(body[prov..].contains("<a href=\"https://"), "sources as links");
}

#[tokio::test]
async fn stream_and_report_refuse_bad_requests_naming_the_field() {
    let addr = start(2).await;
    for path in ["/api/ensemble/stream", "/api/report"] {
        for (req, field) in [(r#"{"levers":{"norm_strength":1.5}}"#, "levers.norm_strength"), (r#"{"runs":0}"#, "runs")]
        {
            let (status, body) = request(addr, "POST", path, req.as_bytes()).await;
            assert_eq!(status, 400, "{path} {req}: {body}");
            assert_eq!(json(&body)["field"], field, "{path} {req}: {body}");
        }
    }
}

/// Sends raw bytes and returns (status, body) of the answer.
async fn send(addr: SocketAddr, raw: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(raw).await.unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out).await;
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    (status, body)
}

/// A POST to /api/ensemble with the given header lines (each ending in CRLF).
fn post_with(headers: &str, body: &str) -> Vec<u8> {
    format!("POST /api/ensemble HTTP/1.1\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len())
        .into_bytes()
}

const TINY: &str = r#"{"years":2,"runs":1}"#;

#[tokio::test]
async fn posts_must_be_json() {
    let addr = start(2).await;
    for content_type in ["", "Content-Type: text/plain\r\n", "Content-Type: application/x-www-form-urlencoded\r\n"] {
        let (status, body) = send(addr, &post_with(&format!("Host: {addr}\r\n{content_type}"), TINY)).await;
        assert_eq!(status, 415, "{content_type:?}: {body}");
        let v = json(&body);
        assert!(v["error"].as_str().unwrap().contains("application/json"), "{body}");
        assert!(v["field"].is_null(), "{body}");
    }
    for path in ["/api/ensemble/stream", "/api/report"] {
        let raw = format!(
            "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{TINY}",
            TINY.len()
        );
        assert_eq!(send(addr, raw.as_bytes()).await.0, 415, "{path}");
    }
    let ok = "Content-Type: Application/JSON; charset=utf-8\r\n";
    let (status, body) = send(addr, &post_with(&format!("Host: {addr}\r\n{ok}"), TINY)).await;
    assert_eq!(status, 200, "a media type is case-insensitive and may carry parameters: {body}");
}

#[tokio::test]
async fn foreign_hosts_are_refused() {
    let addr = start(2).await;
    let port = addr.port();
    for host in [
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        format!("10.0.0.1:{port}"),
        "localhost".to_owned(),
    ] {
        let get = format!("GET /api/params HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        let (status, body) = send(addr, get.as_bytes()).await;
        assert_eq!(status, 421, "{host}: {body}");
        let message = json(&body)["error"].as_str().unwrap().to_owned();
        assert!(message.contains(&host) && message.contains(&format!("localhost:{port}")), "{message}");
        let (status, _) =
            send(addr, &post_with(&format!("Host: {host}\r\nContent-Type: application/json\r\n"), TINY)).await;
        assert_eq!(status, 421, "POST with Host {host}");
    }
    let (status, body) = send(addr, b"GET / HTTP/1.0\r\n\r\n").await;
    assert_eq!(status, 421, "no Host header: {body}");
    for host in [format!("localhost:{port}"), format!("LocalHost:{port}"), format!("127.0.0.1:{port}")] {
        let get = format!("GET /api/params HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        assert_eq!(send(addr, get.as_bytes()).await.0, 200, "{host}");
    }
}

#[tokio::test]
async fn foreign_origins_are_refused() {
    let addr = start(2).await;
    let port = addr.port();
    for origin in [
        "http://evil.example".to_owned(),
        format!("http://evil.example:{port}"),
        format!("https://127.0.0.1:{port}"),
        format!("http://localhost:{port}"),
        "null".to_owned(),
    ] {
        let headers = format!("Host: 127.0.0.1:{port}\r\nOrigin: {origin}\r\nContent-Type: application/json\r\n");
        let (status, body) = send(addr, &post_with(&headers, TINY)).await;
        assert_eq!(status, 403, "{origin}: {body}");
        assert!(json(&body)["error"].as_str().unwrap().contains(&origin), "{body}");
    }
    // The page's own requests: Origin is the origin it was loaded from.
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}")] {
        let headers = format!("Host: {host}\r\nOrigin: http://{host}\r\nContent-Type: application/json\r\n");
        let (status, body) = send(addr, &post_with(&headers, TINY)).await;
        assert_eq!(status, 200, "{host}: {body}");
    }
}
