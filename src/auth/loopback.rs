//! A one-shot catcher for loopback redirect URIs
//! (`http://127.0.0.1:PORT/path`): the browser's redirect is received
//! directly, nothing has to be pasted.
//!
//! No thread is spawned: a non-blocking listener is polled with short
//! sleeps on the calling thread until the redirect arrives or the time is
//! up.

use super::prompt::{io_error, open_browser, show_login_page};
use super::redirect::{from_query, split_url};
use super::token::Token;
use super::user::UserAuth;
use crate::error::{Error, RedirectError, Result};
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::{Duration, Instant};

/// How long one poll sleeps.
const POLL: Duration = Duration::from_millis(25);
/// How long one connection may take to send its request head.
const READ_LIMIT: Duration = Duration::from_secs(2);
/// The largest request head read.
const HEAD_LIMIT: usize = 16 * 1024;

impl UserAuth {
    /// Logs the user in by catching the browser's redirect on a loopback
    /// redirect URI (`http://127.0.0.1:PORT/path` or
    /// `http://[::1]:PORT/path`, registered in the app's settings):
    /// nothing has to be pasted. Opens the login page with
    /// [`open_browser`](crate::open_browser) and writes what it does to
    /// standard error; see [`catch_loopback_with`](Self::catch_loopback_with).
    ///
    /// ```no_run
    /// use spotify_blocking::{Credentials, UserAuth, scope};
    /// use std::time::Duration;
    ///
    /// let creds = Credentials::public("id").redirect_uri("http://127.0.0.1:8888/callback");
    /// let token = UserAuth::pkce(creds, scope::read())?.catch_loopback(Duration::from_secs(300))?;
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn catch_loopback(&self, timeout: Duration) -> Result<Token> {
        self.catch_loopback_with(&mut std::io::stderr(), open_browser, timeout)
    }

    /// [`catch_loopback`](Self::catch_loopback) with the given output and
    /// browser opener.
    ///
    /// It listens on the redirect URI's address *before* showing the login
    /// page (through `opener`, as in [`prompt_with`](Self::prompt_with)),
    /// waits up to `timeout` for the browser's request to the redirect
    /// path, answers it with a short page, and exchanges the code. Requests
    /// to other paths (`/favicon.ico`) get a 404 and waiting goes on. A
    /// redirect with a bad `state`, an `error` or no `code` ends the wait
    /// with that [`RedirectError`]; no redirect in time is
    /// [`RedirectError::Timeout`]. No thread is started: the listener is
    /// polled on the calling thread.
    ///
    /// ```no_run
    /// use spotify_blocking::{Credentials, UserAuth, scope};
    /// use std::time::Duration;
    ///
    /// let creds = Credentials::public("id").redirect_uri("http://127.0.0.1:8888/callback");
    /// let auth = UserAuth::pkce(creds, scope::read())?;
    /// let mut log = Vec::new();
    /// let opener = |url: &str| { println!("open {url}"); true };
    /// let token = auth.catch_loopback_with(&mut log, opener, Duration::from_secs(300))?;
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn catch_loopback_with(
        &self,
        output: &mut impl Write,
        opener: impl FnOnce(&str) -> bool,
        timeout: Duration,
    ) -> Result<Token> {
        let (addr, path) = loopback_target(self.redirect_uri())?;
        let listener = TcpListener::bind(addr)
            .and_then(|l| l.set_nonblocking(true).map(|()| l))
            .map_err(|source| Error::Io {
                context: format!("listening on {addr} for the login redirect"),
                source,
            })?;
        show_login_page(output, &self.url(), opener)?;
        writeln!(
            output,
            "Waiting up to {} s for the browser to come back to {} ...",
            timeout.as_secs(),
            self.redirect_uri()
        )
        .and_then(|()| output.flush())
        .map_err(io_error("writing the login prompt"))?;
        let code = wait(&listener, &path, self.state(), timeout)?;
        self.exchange(&code)
    }
}

/// Logs a user in by catching the browser's redirect on a loopback
/// redirect URI.
///
/// Deprecated alias of [`UserAuth::catch_loopback_with`]:
/// `prompt_with_loopback(&auth, output, opener, timeout)` is
/// `auth.catch_loopback_with(output, opener, timeout)`.
#[deprecated(since = "0.2.0", note = "use UserAuth::catch_loopback_with")]
pub fn prompt_with_loopback(
    auth: &UserAuth,
    output: &mut impl Write,
    opener: impl FnOnce(&str) -> bool,
    timeout: Duration,
) -> Result<Token> {
    auth.catch_loopback_with(output, opener, timeout)
}

/// The socket address and path of a loopback redirect URI.
fn loopback_target(uri: &str) -> Result<(SocketAddr, String)> {
    let bad = || {
        Error::invalid_input(
            "redirect_uri",
            format!(
                "{uri:?} is not a loopback redirect URI; the catcher needs http://127.0.0.1:PORT/path"
            ),
        )
    };
    let (target, _) = split_url(uri).ok_or_else(bad)?;
    if target.scheme() != "http" {
        return Err(bad());
    }
    let authority = target.authority();
    let with_port = if authority.ends_with(']') || !authority.contains(':') {
        format!("{authority}:80")
    } else {
        authority.to_owned()
    };
    let addr: SocketAddr = with_port.parse().map_err(|_| bad())?;
    if !addr.ip().is_loopback() {
        return Err(bad());
    }
    Ok((addr, target.path().to_owned()))
}

/// Polls the listener until a request for `path` arrives or time is up.
fn wait(listener: &TcpListener, path: &str, state: &str, timeout: Duration) -> Result<String> {
    let deadline = Instant::now() + timeout;
    loop {
        let now = Instant::now();
        if now >= deadline {
            return Err(RedirectError::Timeout(timeout).into());
        }
        match listener.accept() {
            Ok((stream, _)) => {
                if let Some(result) = serve(stream, path, state, deadline - now) {
                    return result.map_err(Error::from);
                }
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock || e.kind() == ErrorKind::Interrupted => {
                std::thread::sleep(POLL.min(deadline - now));
            }
            Err(source) => {
                return Err(Error::Io {
                    context: "waiting for the login redirect".into(),
                    source,
                });
            }
        }
    }
}

/// Answers one connection. `None`: not the redirect (or unreadable), keep
/// waiting.
fn serve(
    mut stream: TcpStream,
    path: &str,
    state: &str,
    left: Duration,
) -> Option<Result<String, RedirectError>> {
    let limit = READ_LIMIT.min(left).max(Duration::from_millis(1));
    stream.set_nonblocking(false).ok()?;
    stream.set_read_timeout(Some(limit)).ok()?;
    stream.set_write_timeout(Some(READ_LIMIT)).ok()?;
    let head = read_head(&mut stream)?;
    let line = head.lines().next()?;
    let mut parts = line.split(' ');
    let (method, target) = (parts.next()?, parts.next()?);
    let (req_path, query) = target.split_once('?').unwrap_or((target, ""));
    if method != "GET" || req_path != path {
        respond(
            &mut stream,
            "404 Not Found",
            "Not found",
            "This is not the login redirect.",
        );
        return None;
    }
    let result = from_query(query, state);
    match &result {
        Ok(_) => respond(
            &mut stream,
            "200 OK",
            "Logged in",
            "You are logged in. You can close this tab and go back to the program.",
        ),
        Err(e) => respond(
            &mut stream,
            "400 Bad Request",
            "Login failed",
            &e.to_string(),
        ),
    }
    Some(result)
}

fn read_head(stream: &mut TcpStream) -> Option<String> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        if buf.len() > HEAD_LIMIT {
            return None;
        }
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    String::from_utf8(buf).ok()
}

fn respond(stream: &mut TcpStream, status: &str, title: &str, message: &str) {
    let body = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"font-family:sans-serif;margin:3em\"><h1>{title}</h1><p>{}</p></body></html>",
        escape_html(message)
    );
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    // The browser may have gone; the result does not depend on it.
    let _ = stream.write_all(response.as_bytes());
    let _ = stream.flush();
}

fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_http_addresses_are_caught() {
        let (addr, path) = loopback_target("http://127.0.0.1:8888/callback").unwrap();
        assert_eq!(addr.to_string(), "127.0.0.1:8888");
        assert_eq!(path, "/callback");
        let (addr, path) = loopback_target("http://[::1]:9000").unwrap();
        assert_eq!(addr.to_string(), "[::1]:9000");
        assert_eq!(path, "/");
        for bad in [
            "https://127.0.0.1:8888/callback",
            "http://example.com:8888/callback",
            "http://10.0.0.1:8888/cb",
            "not a url",
        ] {
            assert!(loopback_target(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            escape_html("<a \"b\"> & c"),
            "&lt;a &quot;b&quot;&gt; &amp; c"
        );
    }
}
