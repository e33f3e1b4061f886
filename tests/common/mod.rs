//! What several test files share: the IDs of mock fixtures that are not
//! public API, and [`Tap`], a TCP relay that counts what goes over the wire
//! between a client and the mock.
//!
//! A test file that uses only part of this declares it with
//! `#[allow(dead_code)] mod common;`. [`browser`] needs the `mock` feature.

#[cfg(feature = "mock")]
pub mod browser;

use spotify_blocking::SpotifyBuilder;
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// Linkin Park, the artist of the mock's albums.
pub const LINKIN_PARK: &str = "6XyY86QOPPrYVGvF9ch6wz";
/// The mock's podcast show with 25 episodes.
pub const BUILD_NOTES: &str = "38bS44xjbVVZ3No3ByF1dJ";
/// The mock's audiobook with 12 chapters.
pub const FRANKENSTEIN: &str = "7iHfbu1YPACw6oZPAFJtqe";
/// The mock's second device.
pub const LAPTOP: &str = "mock-device-laptop";
/// A private playlist of the mock user.
pub const PRIVATE_MIX: &str = "MockP1ay1istPrivateMix";
/// A playlist of another user that the mock user follows.
pub const FRIENDS_MIX: &str = "MockP1ay1istFromAFr1en";
/// An episode in the mock user's library.
pub const MOCK_EPISODE: &str = "MockEp1sodeMondayBrief";
/// The show of [`MOCK_EPISODE`].
pub const MOCK_SHOW: &str = "MockShowTheDai1yRound0";

/// The most connections a tap accepts (a client with too small a pool,
/// in tests/connections.rs, opens about 50).
const MAX_CONNECTIONS: usize = 1_024;
/// The most responses relayed on one connection.
const MAX_RESPONSES: usize = 10_000;
/// The largest response head relayed.
const MAX_HEAD: usize = 64 * 1024;
/// How long a relayed connection may stay silent before it is closed.
const IDLE: Duration = Duration::from_secs(30);

#[derive(Default)]
struct Counts {
    stop: AtomicBool,
    connections: AtomicUsize,
    body_bytes: AtomicU64,
}

/// A relay on 127.0.0.1 (port 0) between a client and the mock: it counts
/// the connections it accepts and the response body bytes it relays. It
/// counts body bytes before passing them on, so a client that has read a
/// whole answer always sees them counted. Stops accepting when dropped.
pub struct Tap {
    addr: SocketAddr,
    counts: Arc<Counts>,
    accept: Option<JoinHandle<()>>,
}

impl Tap {
    /// A relay to the server at `origin` (`http://127.0.0.1:PORT`, as
    /// `MockServer::url` gives it).
    pub fn new(origin: &str) -> Tap {
        let target: SocketAddr = origin
            .strip_prefix("http://")
            .expect("an http:// origin")
            .parse()
            .expect("an IP address and port");
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let addr = listener.local_addr().expect("the bound address");
        let counts = Arc::new(Counts::default());
        let c = counts.clone();
        let accept = thread::spawn(move || {
            for client in listener.incoming().take(MAX_CONNECTIONS) {
                if c.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(client) = client else { continue };
                c.connections.fetch_add(1, Ordering::SeqCst);
                let c = c.clone();
                thread::spawn(move || relay(client, target, &c));
            }
        });
        Tap {
            addr,
            counts,
            accept: Some(accept),
        }
    }

    /// `http://127.0.0.1:PORT` of the relay.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Points a builder's API and accounts bases at the relay.
    pub fn route(&self, builder: SpotifyBuilder) -> SpotifyBuilder {
        builder
            .api_base(format!("{}/v1", self.url()))
            .accounts_base(self.url())
    }

    /// How many connections the relay accepted.
    pub fn connections(&self) -> usize {
        self.counts.connections.load(Ordering::SeqCst)
    }

    /// How many response body bytes the relay passed on.
    pub fn body_bytes(&self) -> u64 {
        self.counts.body_bytes.load(Ordering::SeqCst)
    }
}

impl Drop for Tap {
    fn drop(&mut self) {
        self.counts.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(h) = self.accept.take() {
            let _ = h.join();
        }
    }
}

/// Relays one connection: requests as they are, responses head by head,
/// counting each body.
fn relay(client: TcpStream, target: SocketAddr, counts: &Counts) {
    let Ok(server) = TcpStream::connect_timeout(&target, Duration::from_secs(5)) else {
        return;
    };
    for s in [&client, &server] {
        let _ = s.set_read_timeout(Some(IDLE));
        let _ = s.set_nodelay(true);
    }
    let (Ok(mut from_client), Ok(mut to_server)) = (client.try_clone(), server.try_clone()) else {
        return;
    };
    let up = thread::spawn(move || {
        let mut buf = [0u8; 16 * 1024];
        // Ends at the client's EOF, an error or the idle timeout.
        while let Ok(n @ 1..) = from_client.read(&mut buf) {
            if to_server.write_all(&buf[..n]).is_err() {
                break;
            }
        }
        let _ = to_server.shutdown(Shutdown::Write);
    });
    responses(server, client, counts);
    let _ = up.join();
}

/// Passes responses from `server` to `client`, counting body bytes (the
/// mock always sends `Content-Length`, except on 204 and 304).
fn responses(mut server: TcpStream, mut client: TcpStream, counts: &Counts) {
    let mut pending: Vec<u8> = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    let mut read = |pending: &mut Vec<u8>| match server.read(&mut buf) {
        Ok(n @ 1..) => {
            pending.extend_from_slice(&buf[..n]);
            true
        }
        _ => false,
    };
    'responses: for _ in 0..MAX_RESPONSES {
        let head_end = loop {
            if let Some(i) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            if pending.len() > MAX_HEAD || !read(&mut pending) {
                break 'responses;
            }
        };
        let head: Vec<u8> = pending.drain(..head_end).collect();
        if client.write_all(&head).is_err() {
            break;
        }
        let mut left = content_length(&head);
        // Each round passes on at least one byte or ends.
        while left > 0 {
            if pending.is_empty() && !read(&mut pending) {
                break 'responses;
            }
            let n = pending.len().min(left);
            counts.body_bytes.fetch_add(n as u64, Ordering::SeqCst);
            if client.write_all(&pending[..n]).is_err() {
                break 'responses;
            }
            pending.drain(..n);
            left -= n;
        }
    }
    let _ = client.shutdown(Shutdown::Both);
}

/// The `Content-Length` of a response head (0 without one).
fn content_length(head: &[u8]) -> usize {
    String::from_utf8_lossy(head)
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse().ok())
        .unwrap_or(0)
}
