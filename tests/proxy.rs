//! `HTTPS_PROXY` and `HTTP_PROXY` carry every call through a proxy.
//!
//! ureq reads the proxy variables when a client is built (`ALL_PROXY`,
//! then `HTTPS_PROXY`, then `HTTP_PROXY`, each also in lower case, and
//! `NO_PROXY`), and for an `http://` proxy opens a `CONNECT` tunnel, for
//! `http://` and `https://` addresses alike. The proxy here is written for
//! the test: it accepts `CONNECT`, records each tunnel's target, relays the
//! bytes and counts the HTTP requests that went through it.
//!
//! Environment variables belong to the whole process, so this file holds
//! one test (cargo runs each test file in a process of its own) that sets
//! and clears them in turn.

use spotify_blocking::mock::{CLIENT_ID, CLIENT_SECRET, HYBRID_THEORY, MockServer};
use spotify_blocking::{Error, RetryPolicy};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const PROXY_VARS: &[&str] = &[
    "ALL_PROXY",
    "all_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "NO_PROXY",
    "no_proxy",
];

/// What the proxy saw: each tunnel's `host:port`, and every byte the
/// client sent through the tunnels.
#[derive(Default)]
struct Seen {
    targets: Vec<String>,
    sent: Vec<u8>,
}

impl Seen {
    /// HTTP/1.1 requests relayed: one request line each (the bodies here
    /// are JSON or forms, which do not hold the marker).
    fn requests(&self) -> usize {
        let marker = b" HTTP/1.1\r\n";
        self.sent
            .windows(marker.len())
            .filter(|w| w == marker)
            .count()
    }
}

/// A `CONNECT` proxy on 127.0.0.1 that serves a bounded number of tunnels.
struct Proxy {
    addr: SocketAddr,
    seen: Arc<Mutex<Seen>>,
}

impl Proxy {
    fn start() -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Seen::default()));
        let log = seen.clone();
        std::thread::spawn(move || {
            for client in listener.incoming().take(64) {
                let Ok(client) = client else { continue };
                let log = log.clone();
                std::thread::spawn(move || tunnel(client, log));
            }
        });
        Proxy { addr, seen }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// (tunnels opened, requests relayed), and the tunnels' targets.
    fn counts(&self) -> (usize, usize, Vec<String>) {
        let seen = self.seen.lock().unwrap();
        (seen.targets.len(), seen.requests(), seen.targets.clone())
    }
}

/// Serves one client: reads its `CONNECT`, connects to the target and
/// relays both ways until either side closes (or is silent for 10 s).
fn tunnel(client: TcpStream, log: Arc<Mutex<Seen>>) {
    let timeout = Some(Duration::from_secs(10));
    client.set_read_timeout(timeout).unwrap();
    let mut reader = BufReader::new(client.try_clone().unwrap());
    let mut head = String::new();
    reader.read_line(&mut head).unwrap();
    for _ in 0..100 {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 || line == "\r\n" {
            break;
        }
    }
    let mut writer = client.try_clone().unwrap();
    let target = match head.split(' ').collect::<Vec<_>>().as_slice() {
        ["CONNECT", target, _] => target.to_string(),
        _ => {
            let _ =
                writer.write_all(b"HTTP/1.1 405 Method Not Allowed\r\ncontent-length: 0\r\n\r\n");
            return;
        }
    };
    log.lock().unwrap().targets.push(target.clone());
    let Ok(upstream) = TcpStream::connect(&target) else {
        let _ = writer.write_all(b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n");
        return;
    };
    upstream.set_read_timeout(timeout).unwrap();
    writer
        .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
        .unwrap();

    // Client to target, recording what passes.
    let mut up = upstream.try_clone().unwrap();
    let up_log = log.clone();
    let forward = std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        let pending = reader.buffer().to_vec();
        up_log.lock().unwrap().sent.extend_from_slice(&pending);
        let _ = up.write_all(&pending);
        reader.consume(pending.len());
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    up_log.lock().unwrap().sent.extend_from_slice(&buf[..n]);
                    if up.write_all(&buf[..n]).is_err() {
                        break;
                    }
                }
            }
        }
        let _ = up.shutdown(Shutdown::Write);
    });
    // Target to client.
    let mut down = upstream;
    let _ = std::io::copy(&mut down, &mut writer);
    let _ = writer.shutdown(Shutdown::Write);
    let _ = forward.join();
}

fn set(var: &str, value: &str) {
    // SAFETY: this file's only test is the only thread reading or writing
    // the environment (the mock and the proxy never touch it).
    unsafe { std::env::set_var(var, value) }
}

fn clear_proxy_vars() {
    for var in PROXY_VARS {
        // SAFETY: as in `set`.
        unsafe { std::env::remove_var(var) }
    }
}

/// Builds a client after the variables are set (ureq reads them then) and
/// fetches an album.
fn fetch_album(mock: &MockServer) {
    let album = mock.client().album(HYBRID_THEORY).send().unwrap();
    assert_eq!(album.name, "Hybrid Theory");
}

#[test]
fn https_proxy_and_http_proxy_carry_every_call() {
    clear_proxy_vars();
    let mock = MockServer::start();
    let proxy = Proxy::start();
    let mock_addr = mock.url().trim_start_matches("http://").to_string();

    // No variable: straight to the server.
    fetch_album(&mock);
    assert_eq!(proxy.counts().0, 0, "a call went through the proxy unasked");

    for var in ["HTTPS_PROXY", "HTTP_PROXY", "https_proxy"] {
        clear_proxy_vars();
        set(var, &proxy.url());
        let (tunnels_before, relayed_before, _) = proxy.counts();
        let received_before = mock.request_count();
        fetch_album(&mock);
        let (tunnels, relayed, targets) = proxy.counts();
        let received = mock.request_count() - received_before;
        // The app token and the album: both through the proxy.
        assert_eq!(received, 2, "{var}: the mock's requests");
        assert!(tunnels > tunnels_before, "{var}: no tunnel was opened");
        assert_eq!(
            relayed - relayed_before,
            received,
            "{var}: requests relayed"
        );
        assert!(
            targets.iter().all(|t| *t == mock_addr),
            "{var}: tunnels to {targets:?}, expected {mock_addr}"
        );
    }

    // NO_PROXY names the host: straight to the server again.
    clear_proxy_vars();
    set("HTTPS_PROXY", &proxy.url());
    set("NO_PROXY", "127.0.0.1");
    let before = proxy.counts();
    fetch_album(&mock);
    assert_eq!(proxy.counts().0, before.0, "NO_PROXY was ignored");

    // A proxy that is not there: the call fails, it does not go around it.
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    clear_proxy_vars();
    set("HTTPS_PROXY", &format!("http://{closed}"));
    let received_before = mock.request_count();
    let result = mock
        .builder()
        .retry(RetryPolicy::none())
        .build_with_credentials(CLIENT_ID, CLIENT_SECRET);
    assert!(
        matches!(result, Err(Error::Transport { .. })),
        "through a closed proxy: {:?}",
        result.err()
    );
    assert_eq!(mock.request_count(), received_before);
    clear_proxy_vars();
}
