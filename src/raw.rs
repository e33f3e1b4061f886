//! Raw requests: endpoints the crate does not wrap yet.
//!
//! [`Spotify::raw`] builds a [`RawRequest`] from a method and a path
//! relative to the API base; [`query`](RawRequest::query) and
//! [`json`](RawRequest::json) add parameters and a body, and
//! [`send`](RawRequest::send) decodes the answer into any type. The call
//! takes the same path as every wrapped method: the client's token (renewed
//! after a 401), retries within the one budget, the body limit, the cache
//! and the typed errors.

use crate::client::Spotify;
use crate::error::{Error, Result};
use crate::http::{Body, HttpRequest, Method};
use serde::Serialize;
use serde::de::{DeserializeOwned, IgnoredAny};

/// A request to any Web API path, ready to [`send`](RawRequest::send).
///
/// Made by [`Spotify::raw`]. A bad path or body is kept and returned by
/// `send` before anything goes over the wire.
///
/// ```
/// # #[cfg(feature = "mock")] {
/// use serde_json::Value;
/// use spotify_blocking::{mock::MockServer, Method};
///
/// let mock = MockServer::start();
/// let spotify = mock.client();
/// let album: Value = spotify
///     .raw(Method::Get, "/albums/3RBULTZJ97bvVzZLpxcB0j")
///     .query("market", "SE")
///     .send()?;
/// assert_eq!(album["name"], "Hybrid Theory");
/// # }
/// # Ok::<(), spotify_blocking::Error>(())
/// ```
#[must_use = "a request does nothing until `.send()` is called"]
pub struct RawRequest<'a> {
    client: &'a Spotify,
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    body: Body,
    error: Option<Error>,
}

impl std::fmt::Debug for RawRequest<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RawRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

impl Spotify {
    /// A request to an endpoint the crate does not wrap (yet): `method`
    /// and a `path` relative to the API base (`"/me/top/tracks"`; the
    /// leading `/` may be left out).
    ///
    /// The path stays under the API base: an absolute URL, `//host`, a `.`
    /// or `..` segment (also percent-encoded), an empty segment, a `?` or
    /// `#`, a backslash, or a character outside RFC 3986's path characters
    /// is [`Error::InvalidInput`] (`param: "path"`) when sent, and nothing
    /// goes over the wire. Put parameters in [`query`](RawRequest::query),
    /// which encodes them. No default market and no max-limits `limit` is
    /// added: the crate knows nothing about the endpoint.
    ///
    /// A GET, PUT or DELETE is retried like a wrapped call; a POST only
    /// after a 429 (see [`RetryPolicy`](crate::RetryPolicy)).
    ///
    /// ```
    /// # #[cfg(feature = "mock")] {
    /// use serde_json::Value;
    /// use spotify_blocking::{mock::MockServer, scope, Method};
    ///
    /// let mock = MockServer::start();
    /// let spotify = mock.user_client(scope::every());
    /// let top: Value = spotify.raw(Method::Get, "/me/top/tracks").query("limit", "5").send()?;
    /// assert_eq!(top["limit"], 5);
    /// # }
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn raw(&self, method: Method, path: &str) -> RawRequest<'_> {
        let (path, error) = match check_path(path) {
            Ok(p) => (p, None),
            Err(e) => (String::new(), Some(e)),
        };
        RawRequest {
            client: self,
            method,
            path,
            query: Vec::new(),
            body: Body::Empty,
            error,
        }
    }
}

impl RawRequest<'_> {
    /// Adds a query parameter; name and value are percent-encoded by the
    /// crate. A name given twice is sent twice, in order.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// Sets the JSON body (sent as `application/json`), replacing an
    /// earlier one. A value that cannot be serialised is
    /// [`Error::InvalidInput`] (`param: "body"`) when sent.
    ///
    /// ```
    /// # #[cfg(feature = "mock")] {
    /// use serde_json::json;
    /// use spotify_blocking::{mock::MockServer, scope, Method};
    ///
    /// let mock = MockServer::start();
    /// let spotify = mock.user_client(scope::every());
    /// spotify
    ///     .raw(Method::Post, "/me/playlists")
    ///     .json(&json!({"name": "Made by hand", "public": false}))
    ///     .send_empty()?;
    /// assert_eq!(mock.requests().pop().unwrap().body_json()["name"], "Made by hand");
    /// # }
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        match serde_json::to_vec(body) {
            Ok(data) => {
                self.body = Body::Raw {
                    content_type: "application/json",
                    data,
                };
            }
            Err(e) => {
                if self.error.is_none() {
                    self.error = Some(Error::invalid_input(
                        "body",
                        format!("the body cannot be sent as JSON: {e}"),
                    ));
                }
            }
        }
        self
    }

    /// Sends the request and decodes a 2xx answer as `T`: a model of this
    /// crate, your own `Deserialize` type, or [`serde_json::Value`] (an
    /// empty answer, such as a 204, is `Value::Null`). A non-2xx answer is
    /// [`Error::Api`], a body that does not fit `T` is [`Error::Decode`];
    /// errors name the endpoint as `METHOD /path`.
    pub fn send<T: DeserializeOwned>(self) -> Result<T> {
        let label = format!("{} /{}", self.method, self.path.trim_start_matches('/'));
        let client = self.client;
        let request = self.into_http()?;
        client
            .send_http::<T>(&request)
            .map_err(|e| relabel(e, &label))
    }

    /// Sends the request and ignores the body of a 2xx answer: for calls
    /// that answer `204 No Content` (or whose answer you do not need).
    pub fn send_empty(self) -> Result<()> {
        self.send::<IgnoredAny>().map(|_| ())
    }

    fn into_http(self) -> Result<HttpRequest> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let base = self.client.api_base();
        let mut url = String::with_capacity(base.len() + self.path.len() + 64);
        url.push_str(base);
        url.push_str(&self.path);
        for (i, (k, v)) in self.query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(&crate::encode::component(k));
            url.push('=');
            url.push_str(&crate::encode::component(v));
        }
        Ok(HttpRequest {
            method: self.method,
            url,
            body: self.body,
            endpoint: static_label(self.method),
        })
    }
}

/// The transport's label of a raw call; errors get `METHOD /path` instead.
fn static_label(method: Method) -> &'static str {
    match method {
        Method::Get => "GET (raw request)",
        Method::Post => "POST (raw request)",
        Method::Put => "PUT (raw request)",
        Method::Delete => "DELETE (raw request)",
    }
}

/// The error with its endpoint named `METHOD /path` (no query: its values
/// may be anything).
fn relabel(mut e: Error, label: &str) -> Error {
    match &mut e {
        Error::Api { endpoint, .. }
        | Error::Decode { endpoint, .. }
        | Error::BodyTooLarge { endpoint, .. }
        | Error::Timeout { endpoint, .. }
        | Error::Transport { endpoint, .. } => *endpoint = label.to_owned(),
        _ => {}
    }
    e
}

/// The path, with a leading `/`, if it stays under the API base.
fn check_path(path: &str) -> Result<String> {
    let bad = |why: &str| {
        Error::invalid_input(
            "path",
            format!(
                "{:?} {why}; pass a path relative to the API base, like \"/me/top/tracks\", and parameters with .query()",
                crate::id::shown(path)
            ),
        )
    };
    if path.is_empty() || path == "/" {
        return Err(bad("is empty"));
    }
    if path.starts_with("//") {
        return Err(bad("names another host"));
    }
    if has_scheme(path) {
        return Err(bad("is an absolute URL"));
    }
    if path.contains(['?', '#']) {
        return Err(bad("holds a query or fragment"));
    }
    if path.contains('\\') {
        return Err(bad("holds a backslash"));
    }
    let rest = path.strip_prefix('/').unwrap_or(path);
    for segment in rest.split('/') {
        if segment.is_empty() {
            return Err(bad("has an empty segment"));
        }
        let decoded = crate::encode::decode_component(segment);
        if decoded == "." || decoded == ".." {
            return Err(bad("has a dot segment"));
        }
        check_segment(segment).map_err(|why| bad(&why))?;
    }
    Ok(format!("/{rest}"))
}

/// `scheme:` at the start (RFC 3986: a letter, then letters, digits, `+-.`).
fn has_scheme(path: &str) -> bool {
    let Some((scheme, _)) = path.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Only RFC 3986 `pchar`s: unreserved, sub-delims, `:`, `@` and `%XX`.
fn check_segment(segment: &str) -> std::result::Result<(), String> {
    let bytes = segment.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3);
                if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                    return Err("has a % not followed by two hex digits".into());
                }
                i += 3;
                continue;
            }
            b if b.is_ascii_alphanumeric() => {}
            b'-' | b'.' | b'_' | b'~' | b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+'
            | b',' | b';' | b'=' | b':' | b'@' => {}
            _ => {
                return Err(
                    "holds a character a URL path cannot (percent-encode it, or use .query())"
                        .into(),
                );
            }
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_under_the_base() {
        for ok in [
            "/me/top/tracks",
            "me/top/tracks",
            "/albums/3RBU:x@y",
            "/a%2Fb",
        ] {
            assert!(check_path(ok).is_ok(), "{ok}");
        }
        assert_eq!(check_path("me").unwrap(), "/me");
        for bad in [
            "",
            "/",
            "https://evil.example/v1/me",
            "HTTP://evil.example",
            "//evil.example/me",
            "/me/../../x",
            "/me/./x",
            "/me/%2e%2E/x",
            "/me/.%2e",
            "..",
            "/me?limit=5",
            "/me#x",
            "/me\\x",
            "/me//x",
            "/me/ x",
            "/me/é",
            "/me/%zz",
            "/me/%4",
            "/me/\n",
        ] {
            let err = check_path(bad).unwrap_err();
            assert!(
                matches!(err, Error::InvalidInput { param: "path", .. }),
                "{bad:?}: {err:?}"
            );
        }
    }
}
