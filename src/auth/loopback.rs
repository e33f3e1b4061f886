//! A one-shot catcher for loopback redirect URIs
//! (`http://127.0.0.1:PORT/path`): the browser's redirect is received
//! directly, nothing has to be pasted.
//!
//! No thread is spawned: a non-blocking listener is polled with short
//! sleeps on the calling thread until the redirect arrives or the time is
//! up.

use super::pkce::constant_time_eq;
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
    /// request to the redirect path without this login's `state` (any web
    /// page can make the browser send one) gets an error page and is
    /// ignored; waiting goes on. The redirect with this login's `state`
    /// ends the wait: with the token, or with its [`RedirectError`] (an
    /// `error`, no `code`). No redirect in time is
    /// [`RedirectError::Timeout`].
    ///
    /// `timeout` bounds the whole wait, including every read: each
    /// connection has at most 2 s to send its request head (16 KiB at
    /// most), and never beyond the deadline, so a client that sends a byte
    /// now and then cannot hold the catcher. A timeout too long for the
    /// system clock (`Duration::MAX`) waits without a time limit. No
    /// thread is started: the listener is polled on the calling thread.
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
        log::debug!("listening on {addr} for the login redirect to {path}");
        show_login_page(output, &self.url(), opener)?;
        let limit = match Instant::now().checked_add(timeout) {
            Some(_) => format!("up to {} s", timeout.as_secs()),
            None => "without a time limit".to_owned(),
        };
        writeln!(
            output,
            "Waiting {limit} for the browser to come back to {} ...",
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

/// Polls the listener until the redirect of this login arrives or time is
/// up. A timeout too long for the clock (`Duration::MAX`) waits without end.
fn wait(listener: &TcpListener, path: &str, state: &str, timeout: Duration) -> Result<String> {
    let deadline = Instant::now().checked_add(timeout);
    loop {
        let left = match deadline {
            Some(deadline) => {
                let now = Instant::now();
                if now >= deadline {
                    log::debug!("no login redirect within {timeout:?}");
                    return Err(RedirectError::Timeout(timeout).into());
                }
                deadline - now
            }
            None => POLL,
        };
        match listener.accept() {
            Ok((stream, _)) => {
                if let Some(result) = serve(stream, path, state, deadline) {
                    return result.map_err(Error::from);
                }
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock || e.kind() == ErrorKind::Interrupted => {
                std::thread::sleep(POLL.min(left));
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

/// Answers one connection. `None`: not the redirect of this login (another
/// path, no or another `state`, unreadable, too slow), keep waiting.
///
/// The connection has [`READ_LIMIT`] in all to send its request head, and
/// never time past `deadline`: a client that sends a byte now and then
/// cannot hold the catcher.
fn serve(
    mut stream: TcpStream,
    path: &str,
    state: &str,
    deadline: Option<Instant>,
) -> Option<Result<String, RedirectError>> {
    let budget = Instant::now().checked_add(READ_LIMIT);
    let until = match (budget, deadline) {
        (Some(b), Some(d)) => b.min(d),
        (b, d) => b.or(d)?,
    };
    stream.set_nonblocking(false).ok()?;
    let Some(head) = read_head(&mut stream, until) else {
        log::debug!("dropped a connection that sent no complete request head in time");
        return None;
    };
    // The answer is small; it too stops at the connection's time.
    stream.set_write_timeout(Some(time_left(until)?)).ok()?;
    let line = head.lines().next()?;
    let mut parts = line.split(' ');
    let (method, target) = (parts.next()?, parts.next()?);
    let (req_path, query) = target.split_once('?').unwrap_or((target, ""));
    if method != "GET" || req_path != path {
        log::debug!("answered 404 to {method} {req_path}: not the login redirect");
        respond(
            &mut stream,
            "404 Not Found",
            "Not found",
            "This is not the login redirect.",
        );
        return None;
    }
    if !carries_state(query, state) {
        log::debug!("ignored a request to {req_path} without this login's state");
        // Any web page can make the browser request this address; only a
        // redirect with this login's `state` counts.
        respond(
            &mut stream,
            "400 Bad Request",
            "Not this login",
            "This request does not belong to this login and was ignored. \
             Finish the login on Spotify's page; the program is still waiting.",
        );
        return None;
    }
    let result = from_query(query, state);
    match &result {
        Ok(_) => log::info!("received the login redirect"),
        Err(e) => log::info!("received the login redirect, without a code: {e}"),
    }
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

/// Whether the query has exactly one `state` and it is this login's.
fn carries_state(query: &str, state: &str) -> bool {
    let pairs = crate::encode::parse_query(query);
    let mut states = pairs.iter().filter(|(k, _)| k == "state");
    match (states.next(), states.next()) {
        (Some((_, got)), None) => constant_time_eq(got, state),
        _ => false,
    }
}

/// The time from now to `until`; `None` when it has passed.
fn time_left(until: Instant) -> Option<Duration> {
    until
        .checked_duration_since(Instant::now())
        .filter(|d| !d.is_zero())
}

/// Reads the request head, at most [`HEAD_LIMIT`] bytes, each read bounded
/// by the time left until `until`. `None`: too slow, too long, closed early
/// or not UTF-8.
fn read_head(stream: &mut TcpStream, until: Instant) -> Option<String> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    loop {
        let room = HEAD_LIMIT - buf.len();
        if room == 0 {
            return None;
        }
        stream.set_read_timeout(Some(time_left(until)?)).ok()?;
        let n = stream.read(&mut chunk[..room.min(1024)]).ok()?;
        if n == 0 {
            return None;
        }
        // Only the new bytes (and three before them) can complete the end.
        let from = buf.len().saturating_sub(3);
        buf.extend_from_slice(&chunk[..n]);
        if buf[from..].windows(4).any(|w| w == b"\r\n\r\n") {
            break;
        }
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
