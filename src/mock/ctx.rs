//! What every area's routes share: the mock's state ([`Ctx`]), the parsed
//! request ([`MockRequest`]), the recorded requests and faults, and the
//! error bodies. Areas import from here; `mod.rs` only composes them.

use super::data::json_response;
use super::server::RawResponse;
use crate::auth::scope::Scopes;
use crate::request::{Endpoint, Operation};
use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// A request the mock received.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path, including `/v1` for API calls.
    pub path: String,
    /// The decoded query parameters, in order.
    pub query: Vec<(String, String)>,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    /// The raw body.
    pub body: Vec<u8>,
}

impl RecordedRequest {
    /// The first value of a query parameter.
    pub fn query_value(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// A header's value (name in any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body parsed as JSON (`Null` when empty or not JSON).
    pub fn body_json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }

    /// The body decoded as a form.
    pub fn body_form(&self) -> Vec<(String, String)> {
        crate::encode::parse_query(&String::from_utf8_lossy(&self.body))
    }
}

/// A fault to inject into upcoming responses.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Fault {
    /// Answer with this status and Spotify's error body.
    Status(u16),
    /// Answer 429 with `Retry-After: secs` (no header when `None`).
    RateLimit(Option<u64>),
    /// Wait before answering normally.
    Delay(Duration),
    /// Close the connection without answering.
    CloseBeforeResponse,
    /// Announce the whole body, send only this many bytes, close.
    Truncate(usize),
    /// Send the body in chunks of `chunk` bytes with `pause` before each.
    Trickle {
        /// Bytes per chunk.
        chunk: usize,
        /// Pause before each chunk.
        pause: Duration,
    },
    /// Answer with exactly this status, content type and body.
    Raw {
        /// HTTP status.
        status: u16,
        /// `Content-Type`.
        content_type: String,
        /// The body.
        body: String,
    },
    /// Redirect (302) to this URL.
    Redirect(String),
}

/// The path prefix of the Web API; operations' templates follow it.
pub(crate) const API_PREFIX: &str = "/v1";

/// Everything the routes can reach: tokens, data, the request.
pub(crate) struct Ctx {
    tokens: Mutex<HashMap<String, IssuedToken>>,
    faults: Mutex<Vec<(String, Fault)>>,
    log: Mutex<Vec<RecordedRequest>>,
    areas: Mutex<HashMap<TypeId, Box<dyn Any + Send>>>,
    counter: Mutex<u64>,
    /// `http://127.0.0.1:PORT`
    pub origin: String,
}

#[derive(Debug, Clone)]
pub(crate) struct IssuedToken {
    pub scopes: Scopes,
    pub user: bool,
    /// The user who logged in, when the login named one (`/authorize`'s
    /// mock-only `user` parameter); `None` is the mock's own user.
    pub name: Option<String>,
}

/// A parsed request handed to the routes.
pub(crate) struct MockRequest {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl MockRequest {
    /// Matches a literal `METHOD /path` (the accounts service, which has
    /// no operations).
    pub fn route(&self, method: &str, path: &str) -> bool {
        self.method == method && self.path == path
    }

    /// Matches the request against operation `O`'s method and path
    /// template (under [`API_PREFIX`]); returns the segments the template's
    /// `{...}` parts capture.
    pub fn op<O: Operation>(&self) -> Option<Vec<&str>> {
        self.calls(O::ENDPOINT)
    }

    /// Like [`op`](Self::op), whatever the method: for routes that answer
    /// the other methods on an operation's path themselves.
    pub fn op_path<O: Operation>(&self) -> Option<Vec<&str>> {
        self.on_path(O::ENDPOINT)
    }

    /// [`op`](Self::op) for an endpoint value.
    pub fn calls(&self, endpoint: &Endpoint) -> Option<Vec<&str>> {
        if self.method != endpoint.method.as_str() {
            return None;
        }
        self.on_path(endpoint)
    }

    /// The first entry of `table` whose endpoint the request calls, with
    /// the captured segments.
    pub fn pick<T: Copy>(&self, table: &[(&Endpoint, T)]) -> Option<(T, Vec<&str>)> {
        table
            .iter()
            .find_map(|(endpoint, t)| Some((*t, self.calls(endpoint)?)))
    }

    /// Whether the path is the literal start of the endpoint's template
    /// (the part before its first `{...}`) or below it.
    pub fn under(&self, endpoint: &Endpoint) -> bool {
        let Some(path) = self.path.strip_prefix(API_PREFIX) else {
            return false;
        };
        let literal = endpoint.path.split("/{").next().unwrap_or_default();
        path == literal
            || path
                .strip_prefix(literal)
                .is_some_and(|rest| rest.starts_with('/'))
    }

    /// The path without [`API_PREFIX`] (as operations' templates write it).
    pub fn api_path(&self) -> &str {
        self.path.strip_prefix(API_PREFIX).unwrap_or(&self.path)
    }

    /// [`op_path`](Self::op_path) for an endpoint value.
    pub fn on_path(&self, endpoint: &Endpoint) -> Option<Vec<&str>> {
        let path = self.path.strip_prefix(API_PREFIX)?;
        let mut out = Vec::new();
        let mut segs = path.split('/');
        for t in endpoint.path.split('/') {
            let s = segs.next()?;
            if t.starts_with('{') && t.ends_with('}') {
                if s.is_empty() {
                    return None;
                }
                out.push(s);
            } else if t != s {
                return None;
            }
        }
        segs.next().is_none().then_some(out)
    }

    pub fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// `limit` and `offset` with defaults, for paging.
    pub fn paging(&self, default_limit: usize) -> (usize, usize) {
        let limit = self
            .query("limit")
            .and_then(|v| v.parse().ok())
            .unwrap_or(default_limit);
        let offset = self
            .query("offset")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        (limit, offset)
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

impl Ctx {
    /// A fresh state for a mock at `origin` (`http://127.0.0.1:PORT`).
    pub fn new(origin: String) -> Ctx {
        Ctx {
            tokens: Mutex::new(HashMap::new()),
            faults: Mutex::new(Vec::new()),
            log: Mutex::new(Vec::new()),
            areas: Mutex::new(HashMap::new()),
            counter: Mutex::new(0),
            origin,
        }
    }

    /// Appends a request to the log.
    pub fn record(&self, req: RecordedRequest) {
        lock(&self.log).push(req);
    }

    /// The recorded requests, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.log).clone()
    }

    /// How many requests were recorded.
    pub fn request_count(&self) -> usize {
        lock(&self.log).len()
    }

    /// Forgets the recorded requests.
    pub fn clear_requests(&self) {
        lock(&self.log).clear();
    }

    /// Queues a fault for the next request whose path starts with the prefix.
    pub fn queue_fault(&self, path_prefix: &str, fault: Fault) {
        lock(&self.faults).push((path_prefix.to_owned(), fault));
    }

    /// Takes the oldest queued fault that applies to `path`.
    pub fn take_fault(&self, path: &str) -> Option<Fault> {
        let mut faults = lock(&self.faults);
        let pos = faults
            .iter()
            .position(|(p, _)| path.starts_with(p.as_str()));
        pos.map(|i| faults.remove(i).1)
    }

    /// The area state of type `T` (created on first use).
    pub fn with<T: Default + Send + 'static, R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        let mut areas = lock(&self.areas);
        let entry = areas
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Box::new(T::default()));
        f(entry.downcast_mut::<T>().expect("area state type"))
    }

    /// A fresh number, for tokens and codes.
    pub fn next_number(&self) -> u64 {
        let mut c = lock(&self.counter);
        *c += 1;
        *c
    }

    pub fn issue_token(&self, scopes: Scopes, user: bool) -> String {
        self.issue_token_for(scopes, user, None)
    }

    /// [`issue_token`](Self::issue_token) for a named user.
    pub fn issue_token_for(&self, scopes: Scopes, user: bool, name: Option<String>) -> String {
        let token = format!(
            "mock-access-{}-{}",
            if user { "user" } else { "app" },
            self.next_number()
        );
        lock(&self.tokens).insert(token.clone(), IssuedToken { scopes, user, name });
        token
    }

    pub fn revoke_tokens(&self) {
        lock(&self.tokens).clear();
    }

    /// Checks the bearer token and scopes; `Err` is the response to send.
    pub fn authorize(
        &self,
        req: &MockRequest,
        scopes: &[&str],
    ) -> Result<IssuedToken, RawResponse> {
        let Some(token) = req
            .header("authorization")
            .and_then(|h| h.strip_prefix("Bearer "))
        else {
            return Err(error(401, "No token provided"));
        };
        let Some(issued) = lock(&self.tokens).get(token).cloned() else {
            return Err(error(401, "Invalid access token"));
        };
        if !scopes.is_empty() {
            if !issued.user {
                return Err(error(403, "This endpoint needs a user token"));
            }
            let needed = Scopes::parse(&scopes.join(" "));
            // Spotify accepts any one of the alternative scopes it lists.
            if !needed.iter().any(|s| issued.scopes.contains(s)) {
                return Err(error(403, "Insufficient client scope"));
            }
        }
        Ok(issued)
    }

    /// Base of API links, `http://127.0.0.1:PORT/v1`.
    pub fn api(&self) -> String {
        format!("{}{API_PREFIX}", self.origin)
    }
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Spotify's error body.
pub(crate) fn error(status: u16, message: &str) -> RawResponse {
    json_response(
        status,
        &serde_json::json!({"error": {"status": status, "message": message}}),
    )
}

/// Spotify's player error body with a `reason`.
pub(crate) fn player_error(status: u16, message: &str, reason: &str) -> RawResponse {
    json_response(
        status,
        &serde_json::json!({"error": {"status": status, "message": message, "reason": reason}}),
    )
}

/// `204 No Content`.
pub(crate) fn no_content() -> RawResponse {
    RawResponse {
        status: 204,
        ..RawResponse::default()
    }
}

/// A route: answers the request if it is its own.
pub(crate) type Route = fn(&Ctx, &MockRequest) -> Option<RawResponse>;

/// `200 OK` with an empty body (what Spotify sends after a library change).
pub(crate) fn ok_empty() -> RawResponse {
    RawResponse {
        status: 200,
        ..RawResponse::default()
    }
}

#[cfg(test)]
mod tests {
    use super::MockRequest;
    use crate::endpoints::albums::{GetAlbum, GetAlbumTracks, GetAlbums};
    use crate::endpoints::playlists::GetPlaylistCover;

    fn req(method: &str, path: &str) -> MockRequest {
        MockRequest {
            method: method.into(),
            path: path.into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    #[test]
    fn an_operation_matches_its_method_and_template_under_the_api_prefix() {
        let r = req("GET", "/v1/albums/abc/tracks");
        assert_eq!(r.op::<GetAlbumTracks>(), Some(vec!["abc"]));
        assert_eq!(r.op::<GetAlbum>(), None);
        assert_eq!(req("GET", "/v1/albums").op::<GetAlbums>(), Some(vec![]));
        assert_eq!(req("POST", "/v1/albums/abc").op::<GetAlbum>(), None);
        assert_eq!(req("GET", "/albums/abc").op::<GetAlbum>(), None);
        assert_eq!(req("GET", "/v1/albums/").op::<GetAlbum>(), None);
        assert_eq!(req("GET", "/v1/albums/a/b").op::<GetAlbum>(), None);
    }

    #[test]
    fn op_path_ignores_the_method_and_under_takes_the_literal_start() {
        let r = req("POST", "/v1/playlists/p1/images");
        assert_eq!(r.op::<GetPlaylistCover>(), None);
        assert_eq!(r.op_path::<GetPlaylistCover>(), Some(vec!["p1"]));
        use crate::request::Operation;
        assert!(req("GET", "/v1/albums/x/unknown").under(GetAlbum::ENDPOINT));
        assert!(req("GET", "/v1/albums").under(GetAlbum::ENDPOINT));
        assert!(!req("GET", "/v1/albumsx").under(GetAlbum::ENDPOINT));
    }
}
