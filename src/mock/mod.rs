//! An embedded fake Spotify for tests, examples and offline scripts
//! (feature `mock`).
//!
//! It serves the accounts service (tokens) and the Web API on
//! `127.0.0.1` with deterministic data, checks bearer tokens and scopes the
//! way Spotify does, records every request, and injects faults on demand.
//! It runs on its own threads; the client it serves does not.
//!
//! ```
//! use spotify_blocking::mock::MockServer;
//!
//! let mock = MockServer::start();
//! let spotify = mock.client();
//! let album = spotify.album("3RBULTZJ97bvVzZLpxcB0j").send()?;
//! assert_eq!(album.name, "Hybrid Theory");
//!
//! let last = mock.requests().pop().unwrap();
//! assert_eq!(last.method, "GET");
//! assert_eq!(last.path, "/v1/albums/3RBULTZJ97bvVzZLpxcB0j");
//! # Ok::<(), spotify_blocking::Error>(())
//! ```

// Some helpers here serve only some areas' routes.
#![allow(dead_code)]

mod accounts;
mod albums;
mod catalogue;
mod data;
mod player;
mod playlists;
mod server;
mod user;

use crate::auth::scope::Scopes;
use crate::{Credentials, RefreshingToken, RetryPolicy, Spotify, SpotifyBuilder, Token};
use server::{HttpServer, RawRequest, RawResponse, Wire};
use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

pub use albums::{HYBRID_THEORY, LINKIN_PARK, LONG_ALBUM};
pub use catalogue::{BUILD_NOTES, FRANKENSTEIN};
#[allow(unused_imports)]
pub(crate) use data::{json_response, mock_id};
pub use player::{KITCHEN_SPEAKER, LAPTOP};
pub use playlists::{FRIENDS_MIX, MORNING_MIX, PRIVATE_MIX};
pub use user::{MOCK_EPISODE, MOCK_SHOW, MOCK_USER};

/// The client ID the mock accepts.
pub const CLIENT_ID: &str = "mock-client-id";
/// The client secret the mock accepts.
pub const CLIENT_SECRET: &str = "mock-client-secret";

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
    /// Matches `METHOD /path/{}/...`; returns the `{}` segments.
    pub fn route<'a>(&'a self, method: &str, pattern: &str) -> Option<Vec<&'a str>> {
        if self.method != method {
            return None;
        }
        let mut out = Vec::new();
        let mut segs = self.path.split('/');
        for p in pattern.split('/') {
            let s = segs.next()?;
            if p == "{}" {
                if s.is_empty() {
                    return None;
                }
                out.push(s);
            } else if p != s {
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
        let token = format!(
            "mock-access-{}-{}",
            if user { "user" } else { "app" },
            self.next_number()
        );
        lock(&self.tokens).insert(token.clone(), IssuedToken { scopes, user });
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
        format!("{}/v1", self.origin)
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

/// Every route, tried in order.
const ROUTES: &[Route] = &[
    accounts::route,
    albums::route,
    user::route,
    playlists::route,
    player::route,
    catalogue::route,
];

/// The embedded fake Spotify. Stops when dropped.
pub struct MockServer {
    server: HttpServer,
    ctx: Arc<Ctx>,
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer")
            .field("url", &self.url())
            .finish()
    }
}

impl MockServer {
    /// Starts a mock on a free port of 127.0.0.1.
    ///
    /// # Panics
    /// When no port can be bound (see [`try_start`](Self::try_start)).
    pub fn start() -> MockServer {
        MockServer::try_start().expect("could not start the Spotify mock on 127.0.0.1")
    }

    /// Starts a mock, returning the error if no port can be bound.
    pub fn try_start() -> std::io::Result<MockServer> {
        let ctx_slot: Arc<Mutex<Option<Arc<Ctx>>>> = Arc::new(Mutex::new(None));
        let slot = ctx_slot.clone();
        let server = HttpServer::start(Arc::new(move |raw| {
            let ctx = lock(&slot).clone();
            match ctx {
                Some(ctx) => handle(&ctx, raw),
                None => error(503, "mock starting"),
            }
        }))?;
        let ctx = Arc::new(Ctx {
            tokens: Mutex::new(HashMap::new()),
            faults: Mutex::new(Vec::new()),
            log: Mutex::new(Vec::new()),
            areas: Mutex::new(HashMap::new()),
            counter: Mutex::new(0),
            origin: format!("http://{}", server.addr()),
        });
        *lock(&ctx_slot) = Some(ctx.clone());
        Ok(MockServer { server, ctx })
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        self.ctx.origin.clone()
    }

    /// The Web API base: `http://127.0.0.1:PORT/v1`.
    pub fn api_base(&self) -> String {
        self.ctx.api()
    }

    /// The accounts base: `http://127.0.0.1:PORT` (token endpoint at
    /// `/api/token`, login page at `/authorize`).
    pub fn accounts_base(&self) -> String {
        self.ctx.origin.clone()
    }

    /// A builder pointed at the mock, retrying without sleeping.
    pub fn builder(&self) -> SpotifyBuilder {
        Spotify::builder()
            .api_base(self.api_base())
            .accounts_base(self.accounts_base())
            .retry(RetryPolicy::default().sleep_with(|_| {}))
    }

    /// Credentials the mock accepts, pointed at it.
    pub fn credentials(&self) -> Credentials {
        Credentials::new(CLIENT_ID, CLIENT_SECRET).accounts_base(self.accounts_base())
    }

    /// A client holding a self-renewing app token.
    pub fn client(&self) -> Spotify {
        self.builder()
            .build_with_credentials(CLIENT_ID, CLIENT_SECRET)
            .expect("the mock issues app tokens")
    }

    /// A user token with these scopes and a refresh token, issued without
    /// the login dance.
    pub fn user_token(&self, scopes: impl Into<Scopes>) -> Token {
        let scopes = scopes.into();
        let access = self.ctx.issue_token(scopes.clone(), true);
        let refresh = accounts::issue_refresh(&self.ctx, scopes.clone());
        let mut token = Token::from_access_token(access);
        token.scopes = scopes;
        token.refresh_token = Some(refresh);
        token.expires_at = Some(std::time::SystemTime::now() + Duration::from_secs(3600));
        token
    }

    /// A client holding a self-renewing user token with these scopes.
    pub fn user_client(&self, scopes: impl Into<Scopes>) -> Spotify {
        let token = self.user_token(scopes);
        self.builder()
            .build(RefreshingToken::new(token, self.credentials()))
    }

    /// Every request received so far, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.ctx.log).clone()
    }

    /// How many requests were received.
    pub fn request_count(&self) -> usize {
        lock(&self.ctx.log).len()
    }

    /// Forgets the recorded requests.
    pub fn clear_requests(&self) {
        lock(&self.ctx.log).clear();
    }

    /// How many TCP connections were accepted.
    pub fn connections(&self) -> usize {
        self.server.connections()
    }

    /// How many response body bytes were sent.
    pub fn body_bytes_sent(&self) -> u64 {
        self.server.body_bytes_sent()
    }

    /// Injects `fault` into the next request, whatever its path.
    pub fn fault(&self, fault: Fault) {
        self.fault_on("", fault);
    }

    /// Injects `fault` into the next request whose path starts with
    /// `path_prefix` (`/v1/albums`, `/api/token`). Faults queue up.
    pub fn fault_on(&self, path_prefix: &str, fault: Fault) {
        lock(&self.ctx.faults).push((path_prefix.to_owned(), fault));
    }

    /// Makes every issued access token invalid (the next call gets 401).
    pub fn expire_tokens(&self) {
        self.ctx.revoke_tokens();
    }

    /// Plays the user's browser: opens a login URL from
    /// [`UserAuth::url`](crate::UserAuth::url) on the mock, which approves
    /// at once, and returns the address it redirects to: what a user would
    /// paste into the terminal.
    ///
    /// ```
    /// use spotify_blocking::mock::MockServer;
    /// use spotify_blocking::{scope, UserAuth};
    ///
    /// let mock = MockServer::start();
    /// let creds = mock.credentials().redirect_uri("https://example.com/callback");
    /// let auth = UserAuth::new(creds, scope::every())?;
    /// let pasted = mock.approve(&auth.url());
    /// assert!(pasted.starts_with("https://example.com/callback?code="));
    /// let token = auth.token_from_redirect(&pasted)?;
    /// assert_eq!(token.scopes(), &scope::every());
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    ///
    /// # Panics
    /// When the URL is not the mock's or the mock does not redirect.
    pub fn approve(&self, authorize_url: &str) -> String {
        assert!(
            authorize_url.starts_with(&self.ctx.origin),
            "not a login URL of this mock: {authorize_url}"
        );
        let agent = ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .build()
            .new_agent();
        let resp = agent.get(authorize_url).call().expect("the mock answers");
        resp.headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .expect("the mock redirects to the redirect URI")
            .to_owned()
    }

    pub(crate) fn ctx(&self) -> &Ctx {
        &self.ctx
    }
}

fn handle(ctx: &Ctx, raw: RawRequest) -> RawResponse {
    let query = crate::encode::parse_query(&raw.query);
    lock(&ctx.log).push(RecordedRequest {
        method: raw.method.clone(),
        path: raw.path.clone(),
        query: query.clone(),
        headers: raw.headers.clone(),
        body: raw.body.clone(),
    });
    let fault = {
        let mut faults = lock(&ctx.faults);
        let pos = faults
            .iter()
            .position(|(p, _)| raw.path.starts_with(p.as_str()));
        pos.map(|i| faults.remove(i).1)
    };
    let req = MockRequest {
        method: raw.method,
        path: raw.path,
        query,
        headers: raw.headers,
        body: raw.body,
    };
    let mut wire = Wire::Normal;
    match fault {
        Some(Fault::Status(s)) => return error(s, "injected fault"),
        Some(Fault::RateLimit(secs)) => {
            let mut r = error(429, "API rate limit exceeded");
            if let Some(s) = secs {
                r.headers.push(("Retry-After".into(), s.to_string()));
            }
            return r;
        }
        Some(Fault::Raw {
            status,
            content_type,
            body,
        }) => {
            return RawResponse {
                status,
                headers: vec![("Content-Type".into(), content_type)],
                body: body.into_bytes(),
                wire,
            };
        }
        Some(Fault::Redirect(to)) => {
            return RawResponse {
                status: 302,
                headers: vec![("Location".into(), to)],
                ..RawResponse::default()
            };
        }
        Some(Fault::Delay(d)) => wire = Wire::Delay(d),
        Some(Fault::CloseBeforeResponse) => wire = Wire::CloseBeforeResponse,
        Some(Fault::Truncate(n)) => wire = Wire::Truncate(n),
        Some(Fault::Trickle { chunk, pause }) => wire = Wire::Trickle { chunk, pause },
        None => {}
    }
    let mut resp = ROUTES
        .iter()
        .find_map(|route| route(ctx, &req))
        .unwrap_or_else(|| error(404, "Service not found"));
    resp.wire = wire;
    // Conditional requests: every 200 GET carries an ETag.
    if req.method == "GET" && resp.status == 200 && req.path.starts_with("/v1/") {
        let etag = format!("\"{:016x}\"", data::fnv(&resp.body));
        if req.header("if-none-match") == Some(etag.as_str()) {
            return RawResponse {
                status: 304,
                headers: vec![("ETag".into(), etag)],
                ..RawResponse::default()
            };
        }
        resp.headers.push(("ETag".into(), etag));
    }
    resp
}
