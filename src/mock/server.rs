//! A small HTTP/1.1 server on `std::net`, one thread per connection.
//!
//! Hand-written rather than a crate because the fault suite needs to close a
//! socket mid-body, before the response, or trickle a body.

use std::io::{self, BufRead, BufReader, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// A request as it arrived.
#[derive(Debug, Clone)]
pub(crate) struct RawRequest {
    pub method: String,
    /// The path without the query.
    pub path: String,
    /// The raw query string (without `?`).
    pub query: String,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// How the response goes over the wire.
#[derive(Debug, Clone, Default)]
pub(crate) enum Wire {
    #[default]
    Normal,
    /// Wait before writing anything.
    Delay(Duration),
    /// Close the connection without answering.
    CloseBeforeResponse,
    /// Announce the full length, send only this many body bytes, close.
    Truncate(usize),
    /// Send the body in chunks of `chunk` bytes with a pause before each.
    Trickle { chunk: usize, pause: Duration },
}

/// A response to write.
#[derive(Debug, Clone, Default)]
pub(crate) struct RawResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub wire: Wire,
}

type Handler = Arc<dyn Fn(RawRequest) -> RawResponse + Send + Sync>;

#[derive(Default)]
struct Shared {
    stop: AtomicBool,
    streams: Mutex<Vec<TcpStream>>,
}

/// A running server; stops when dropped.
pub(crate) struct HttpServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    accept: Option<JoinHandle<()>>,
}

impl HttpServer {
    pub fn start(handler: Handler) -> io::Result<HttpServer> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::default());
        let s = shared.clone();
        let accept = thread::Builder::new()
            .name("mock-accept".into())
            .spawn(move || {
                for stream in listener.incoming() {
                    if s.stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    if let Ok(clone) = stream.try_clone() {
                        s.streams
                            .lock()
                            .unwrap_or_else(|p| p.into_inner())
                            .push(clone);
                    }
                    let (h, s2) = (handler.clone(), s.clone());
                    let _ = thread::Builder::new()
                        .name("mock-conn".into())
                        .spawn(move || serve(stream, h, s2));
                }
            })?;
        Ok(HttpServer {
            addr,
            shared,
            accept: Some(accept),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for HttpServer {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(h) = self.accept.take() {
            let _ = h.join();
        }
        for s in self
            .shared
            .streams
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .drain(..)
        {
            let _ = s.shutdown(Shutdown::Both);
        }
    }
}

fn serve(stream: TcpStream, handler: Handler, shared: Arc<Shared>) {
    let _ = stream.set_nodelay(true);
    let Ok(write_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    let mut writer = write_half;
    loop {
        let req = match read_request(&mut reader) {
            Ok(Some(r)) => r,
            _ => return,
        };
        let close = req
            .headers
            .iter()
            .any(|(k, v)| k == "connection" && v.eq_ignore_ascii_case("close"));
        let resp = handler(req);
        match write_response(&mut writer, &resp) {
            Ok(true) if !close && !shared.stop.load(Ordering::SeqCst) => {}
            _ => {
                let _ = writer.shutdown(Shutdown::Both);
                return;
            }
        }
    }
}

fn read_request(r: &mut impl BufRead) -> io::Result<Option<RawRequest>> {
    let mut line = String::new();
    if r.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_owned();
    let target = parts.next().unwrap_or("/").to_owned();
    let mut headers = Vec::new();
    let mut length = 0usize;
    loop {
        let mut h = String::new();
        if r.read_line(&mut h)? == 0 {
            return Ok(None);
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            let k = k.trim().to_ascii_lowercase();
            let v = v.trim().to_owned();
            if k == "content-length" {
                length = v.parse().unwrap_or(0);
            }
            headers.push((k, v));
        }
    }
    let mut body = vec![0; length.min(64 * 1024 * 1024)];
    r.read_exact(&mut body)?;
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p.to_owned(), q.to_owned()),
        None => (target, String::new()),
    };
    Ok(Some(RawRequest {
        method,
        path,
        query,
        headers,
        body,
    }))
}

/// Writes the response; `Ok(false)` when the connection must close.
fn write_response(w: &mut TcpStream, resp: &RawResponse) -> io::Result<bool> {
    match &resp.wire {
        Wire::CloseBeforeResponse => return Ok(false),
        Wire::Delay(d) => thread::sleep(*d),
        _ => {}
    }
    let mut head = format!("HTTP/1.1 {} {}\r\n", resp.status, reason(resp.status));
    for (k, v) in &resp.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    let bodyless = resp.status == 204 || resp.status == 304;
    if !bodyless {
        head.push_str(&format!("Content-Length: {}\r\n", resp.body.len()));
    }
    head.push_str("\r\n");
    w.write_all(head.as_bytes())?;
    if bodyless {
        w.flush()?;
        return Ok(true);
    }
    match &resp.wire {
        Wire::Truncate(n) => {
            let n = (*n).min(resp.body.len());
            w.write_all(&resp.body[..n])?;
            w.flush()?;
            Ok(false)
        }
        Wire::Trickle { chunk, pause } => {
            for part in resp.body.chunks((*chunk).max(1)) {
                thread::sleep(*pause);
                w.write_all(part)?;
                w.flush()?;
            }
            Ok(true)
        }
        _ => {
            w.write_all(&resp.body)?;
            w.flush()?;
            Ok(true)
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}
