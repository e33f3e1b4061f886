//! Connection reuse: a client shared by a few threads keeps that many
//! connections open and reuses them, and `max_idle_connections(0)` keeps
//! none. A plain keep-alive HTTP/1.1 server on 127.0.0.1 (no mock) counts
//! the connections it accepts and the requests it answers.

use spotify_blocking::Spotify;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::Duration;

/// The album the server serves, whatever ID is asked for.
const ALBUM_ID: &str = "4aawyAB9vmqN3uQ7FjRGTy";
const ALBUM: &str = r#"{"album_type":"single","id":"4aawyAB9vmqN3uQ7FjRGTy","name":"Global Warming","tracks":{"items":[],"next":null,"total":0}}"#;
const TOKEN: &str =
    r#"{"access_token":"connections-test-token","token_type":"Bearer","expires_in":3600}"#;

/// The most connections the server accepts before it stops listening.
const MAX_CONNECTIONS: usize = 2_000;
/// The most requests answered on one connection.
const MAX_REQUESTS: usize = 10_000;
/// The largest request head read.
const MAX_HEAD: usize = 16 * 1024;
/// How long the server takes to answer.
const LATENCY: Duration = Duration::from_millis(2);
/// How long a connection may stay silent before the server closes it.
const IDLE: Duration = Duration::from_secs(20);

#[derive(Default)]
struct Counts {
    stop: AtomicBool,
    connections: AtomicUsize,
    requests: AtomicUsize,
}

/// The test server: one thread accepting, one per connection.
struct Server {
    addr: SocketAddr,
    counts: Arc<Counts>,
    acceptor: Option<thread::JoinHandle<()>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let counts = Arc::new(Counts::default());
        let c = counts.clone();
        let acceptor = thread::spawn(move || {
            for _ in 0..MAX_CONNECTIONS {
                let Ok((stream, _)) = listener.accept() else {
                    continue;
                };
                if c.stop.load(Ordering::SeqCst) {
                    return; // the wake-up connection from `drop`
                }
                c.connections.fetch_add(1, Ordering::SeqCst);
                let c = c.clone();
                thread::spawn(move || serve(stream, &c));
            }
        });
        Server {
            addr,
            counts,
            acceptor: Some(acceptor),
        }
    }

    fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn connections(&self) -> usize {
        self.counts.connections.load(Ordering::SeqCst)
    }

    fn requests(&self) -> usize {
        self.counts.requests.load(Ordering::SeqCst)
    }

    /// A client on this server with an app token (one token request).
    fn client(&self, builder: spotify_blocking::SpotifyBuilder) -> Spotify {
        builder
            .api_base(format!("{}/v1", self.base()))
            .accounts_base(self.base())
            .build_with_credentials("connections-id", "connections-secret")
            .unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.counts.stop.store(true, Ordering::SeqCst);
        // Wake the acceptor so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(2));
        if let Some(t) = self.acceptor.take() {
            let _ = t.join();
        }
    }
}

/// Answers requests on one keep-alive connection until the client closes
/// it, it stays silent for [`IDLE`], or a request is malformed.
fn serve(stream: TcpStream, counts: &Counts) {
    stream.set_read_timeout(Some(IDLE)).unwrap();
    stream.set_write_timeout(Some(IDLE)).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    for _ in 0..MAX_REQUESTS {
        let mut request_line = String::new();
        match reader.read_line(&mut request_line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let mut length = 0usize;
        let mut head = request_line.len();
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(n) => head += n,
            }
            if head > MAX_HEAD {
                return;
            }
            if line == "\r\n" || line == "\n" {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    let Ok(n) = value.trim().parse() else { return };
                    length = n;
                }
            }
        }
        if length > MAX_HEAD
            || reader
                .by_ref()
                .take(length as u64)
                .read_to_end(&mut Vec::new())
                .is_err()
        {
            return;
        }
        let mut parts = request_line.split_whitespace();
        let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        let (status, body) = match (method, path) {
            ("POST", "/api/token") => ("200 OK", TOKEN),
            ("GET", p) if p.starts_with("/v1/albums/") => ("200 OK", ALBUM),
            _ => (
                "404 Not Found",
                r#"{"error":{"status":404,"message":"not found"}}"#,
            ),
        };
        counts.requests.fetch_add(1, Ordering::SeqCst);
        // A little latency, as a real server has: the threads' calls overlap.
        thread::sleep(LATENCY);
        let response = format!(
            "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        if writer.write_all(response.as_bytes()).is_err() {
            return;
        }
    }
}

const THREADS: usize = 4;
const ROUNDS: usize = 50;

/// The connections the server accepts while [`THREADS`] threads share one
/// client built from `builder` for [`ROUNDS`] album calls each.
fn connections_for_threads(builder: spotify_blocking::SpotifyBuilder) -> usize {
    let server = Server::start();
    let spotify = server.client(builder);
    // In rounds: each thread makes a call, then waits for the others, so
    // after every round all four connections are idle in the pool at once
    // (a pool of fewer closes one, and the next round opens a new one).
    let round = Barrier::new(THREADS);
    thread::scope(|s| {
        for _ in 0..THREADS {
            s.spawn(|| {
                for _ in 0..ROUNDS {
                    let album = spotify.album(ALBUM_ID).send().unwrap();
                    assert_eq!(album.name, "Global Warming");
                    round.wait();
                }
            });
        }
    });
    assert_eq!(
        server.requests(),
        1 + THREADS * ROUNDS,
        "every call answered"
    );
    server.connections()
}

#[test]
fn four_threads_sharing_a_client_reuse_about_four_connections() {
    let accepted = connections_for_threads(Spotify::builder());
    // One per thread, the token request's (reused as one of them), and a
    // connection of slack.
    assert!(
        accepted <= THREADS + 2,
        "{accepted} connections for {THREADS} threads"
    );
}

#[test]
fn a_pool_smaller_than_the_threads_keeps_opening_connections() {
    // ureq's own default: 3 idle connections per host.
    let accepted = connections_for_threads(Spotify::builder().max_idle_connections(3));
    assert!(
        accepted > THREADS + 2,
        "{accepted} connections for {THREADS} threads and a pool of 3"
    );
}

#[test]
fn no_idle_connections_means_a_new_connection_per_call() {
    let server = Server::start();
    let spotify = server.client(Spotify::builder().max_idle_connections(0));
    const CALLS: usize = 20;
    for _ in 0..CALLS {
        spotify.album(ALBUM_ID).send().unwrap();
    }
    assert_eq!(server.requests(), 1 + CALLS);
    // The token request's connection and one per call: none reused.
    assert_eq!(server.connections(), 1 + CALLS);
}

#[test]
fn the_default_pool_reuses_one_connection_for_sequential_calls() {
    let server = Server::start();
    let spotify = server.client(Spotify::builder());
    for _ in 0..20 {
        spotify.album(ALBUM_ID).send().unwrap();
    }
    assert_eq!(server.requests(), 21);
    assert_eq!(server.connections(), 1, "the token's connection is reused");
}
