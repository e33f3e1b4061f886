//! An embedded fake Spotify for tests, examples and offline scripts
//! (feature `mock`).
//!
//! It serves the accounts service (tokens) and the Web API on
//! `127.0.0.1` with deterministic data, checks bearer tokens and scopes the
//! way Spotify does, records every request, and injects faults on demand.
//! It runs on its own threads; the client it serves does not.
//!
//! Every mock starts empty, but its refresh tokens carry their scopes
//! (`mock-refresh-<n>-<scopes>-<mark>`), so a refresh token saved by one run of a
//! script is still accepted by the next run's mock, as Spotify would
//! accept it ([`revoke_refresh_tokens`](MockServer::revoke_refresh_tokens)
//! revokes those too).
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
//!
//! ## Several users
//!
//! `/authorize` takes a mock-only `user` parameter (1 to 32 ASCII letters
//! and digits): the account the person at the browser signs in with.
//! Tokens from that login, and their renewals, belong to that user: `/me`
//! answers with `user` as ID and display name, and the top artists and
//! tracks come in an order of that user's own. Without it a login is the
//! mock's own user, [`MOCK_USER`].
//!
//! ```
//! use spotify_blocking::mock::MockServer;
//! use spotify_blocking::{UserAuth, scope};
//!
//! let mock = MockServer::start();
//! let creds = mock.credentials().redirect_uri("https://example.com/callback");
//! let auth = UserAuth::new(creds, scope::every())?;
//! let redirected = mock.approve(&format!("{}&user=alice", auth.url()));
//! let alice = mock.builder().build(auth.token_from_redirect(&redirected)?);
//! assert_eq!(alice.current_user().send()?.id, "alice");
//! # Ok::<(), spotify_blocking::Error>(())
//! ```
//!
//! ## Replaying a recording
//!
//! [`MockServer::replay`] starts a mock that answers from a directory a
//! client recorded with
//! [`SpotifyBuilder::record_to`](crate::SpotifyBuilder::record_to): your
//! tests run offline on real Spotify answers, and a bug report can carry
//! the session it is about.

mod accounts;
mod albums;
mod catalogue;
mod ctx;
mod data;
mod ids;
mod player;
mod playlists;
mod replay;
mod server;
mod user;

use crate::auth::scope::Scopes;
use crate::{Credentials, RefreshingToken, RetryPolicy, Spotify, SpotifyBuilder, Token};
use ctx::{API_PREFIX, Ctx, MockRequest, Route, error, lock};
use server::{HttpServer, RawRequest, RawResponse, Wire};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use ctx::{Fault, RecordedRequest};
pub use ids::{
    CLIENT_ID, CLIENT_SECRET, HYBRID_THEORY, KITCHEN_SPEAKER, LONG_ALBUM, MOCK_USER, MORNING_MIX,
};

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
    /// Held for its `Drop`, which stops the server.
    _server: HttpServer,
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
        MockServer::serve(handle)
    }

    /// A mock that answers with the responses recorded in `dir` by
    /// [`SpotifyBuilder::record_to`]: your tests run offline on real
    /// answers, and a bug report's recording can be replayed as it is.
    ///
    /// - Each request is matched by method, path and query (the query's
    ///   parameters in any order, decoded); headers and bodies are not
    ///   compared. When several recordings match (the same call made twice
    ///   in the session), they answer in the order they were recorded, and
    ///   the last one answers every later call.
    /// - A request no recording matches gets `404` with Spotify's error
    ///   body, whose message names it: `no recording of GET /v1/albums/X`
    ///   (an [`Error::Api`](crate::Error::Api) with status 404).
    /// - The token endpoint (`POST /api/token`) is not replayed: recordings
    ///   hold no tokens. It answers every grant, for any credentials, with a
    ///   fresh fake access token (a refresh token too for a code exchange;
    ///   every scope for user grants, so the client's scope check stops
    ///   nothing). `GET /authorize` approves at once, as the live mock does,
    ///   so [`approve`](Self::approve) works. Bearer tokens are not checked.
    /// - `next` and `previous` links and `Location` headers that pointed at
    ///   the recorded origin point at this server, so paging works; every
    ///   other field is served as recorded (an `href` still names
    ///   `api.spotify.com`). A recorded `ETag` is served, and a matching
    ///   `If-None-Match` gets `304`.
    /// - [`requests`](Self::requests) and [`fault`](Self::fault) work as on
    ///   the live mock; its other switches change nothing here.
    ///
    /// An error when `dir` cannot be read, holds no recording, or holds a
    /// numbered `.json` file that is not one (the message names the file).
    ///
    /// ```
    /// use spotify_blocking::mock::{MockServer, HYBRID_THEORY};
    ///
    /// let dir = std::env::temp_dir().join(format!("replay-doc-{}", std::process::id()));
    /// {
    ///     let mock = MockServer::start();
    ///     let spotify = mock.builder().record_to(&dir).build_with_credentials("mock-client-id", "mock-client-secret")?;
    ///     spotify.album(HYBRID_THEORY).send()?;
    /// }
    /// let replay = MockServer::replay(&dir).unwrap();
    /// let spotify = replay.client();
    /// assert_eq!(spotify.album(HYBRID_THEORY).send()?.name, "Hybrid Theory");
    /// let err = spotify.album("4aawyAB9vmqN3uQ7FjRGTy").send().unwrap_err();
    /// assert!(err.to_string().contains("no recording of GET /v1/albums/4aawyAB9vmqN3uQ7FjRGTy"));
    /// # std::fs::remove_dir_all(&dir).ok();
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn replay(dir: impl AsRef<std::path::Path>) -> std::io::Result<MockServer> {
        let replay = Arc::new(replay::Replay::load(dir.as_ref())?);
        MockServer::serve(move |ctx, raw| replay.handle(ctx, raw))
    }

    /// Starts the server, each request answered by `answer`.
    fn serve(
        answer: impl Fn(&Ctx, RawRequest) -> RawResponse + Send + Sync + 'static,
    ) -> std::io::Result<MockServer> {
        let ctx_slot: Arc<Mutex<Option<Arc<Ctx>>>> = Arc::new(Mutex::new(None));
        let slot = ctx_slot.clone();
        let server = HttpServer::start(Arc::new(move |raw| {
            let ctx = lock(&slot).clone();
            match ctx {
                Some(ctx) => answer(&ctx, raw),
                None => error(503, "mock starting"),
            }
        }))?;
        let ctx = Arc::new(Ctx::new(format!("http://{}", server.addr())));
        *lock(&ctx_slot) = Some(ctx.clone());
        Ok(MockServer {
            _server: server,
            ctx,
        })
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
        token.scopes_known = true;
        token.refresh_token = Some(refresh);
        token.expires_at = Some(std::time::SystemTime::now() + Duration::from_secs(3600));
        token.login_time = Some(std::time::SystemTime::now());
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
        self.ctx.requests()
    }

    /// How many requests were received.
    pub fn request_count(&self) -> usize {
        self.ctx.request_count()
    }

    /// Forgets the recorded requests.
    pub fn clear_requests(&self) {
        self.ctx.clear_requests();
    }

    /// Injects `fault` into the next request, whatever its path.
    pub fn fault(&self, fault: Fault) {
        self.fault_on("", fault);
    }

    /// Injects `fault` into the next request whose path starts with
    /// `path_prefix` (`/v1/albums`, `/api/token`). Faults queue up.
    pub fn fault_on(&self, path_prefix: &str, fault: Fault) {
        self.ctx.queue_fault(path_prefix, fault);
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

    /// Makes `/authorize` decline (redirect with `error=access_denied`)
    /// instead of approving.
    pub fn deny_authorization(&self, deny: bool) {
        accounts::set_deny(&self.ctx, deny);
    }

    /// Makes the refresh grant return a new refresh token and invalidate
    /// the old one (off by default: no refresh token in the answer).
    pub fn rotate_refresh_tokens(&self, rotate: bool) {
        accounts::set_rotate(&self.ctx, rotate);
    }

    /// Answers as Spotify answers an app in Development Mode since
    /// February 2026 (off by default: the mock serves every operation, as
    /// for an app with Extended Quota Mode). On, every operation Spotify
    /// restricted for such apps (the crate's `#[deprecated]` methods)
    /// answers `403 Forbidden` once the token is checked, and a search with
    /// a `limit` over 10 answers `400 Invalid limit`. A client turns those
    /// 403s into [`Error::DevelopmentMode`](crate::Error::DevelopmentMode),
    /// naming the method to call instead.
    ///
    /// ```
    /// use spotify_blocking::mock::{MockServer, HYBRID_THEORY};
    /// use spotify_blocking::Error;
    ///
    /// let mock = MockServer::start();
    /// mock.development_mode(true);
    /// let spotify = mock.client();
    /// # #[allow(deprecated)]
    /// let err = spotify.albums([HYBRID_THEORY]).send().unwrap_err();
    /// assert!(matches!(err, Error::DevelopmentMode { replacement: Some("album"), .. }));
    /// spotify.album(HYBRID_THEORY).send()?; // still served
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn development_mode(&self, on: bool) {
        self.ctx.with(|d: &mut DevMode| d.0 = on);
    }

    /// Revokes every refresh token issued so far (also those of earlier
    /// mocks): refreshing answers `400 invalid_grant`.
    pub fn revoke_refresh_tokens(&self) {
        accounts::revoke_refresh(&self.ctx);
    }
}

/// Whether the mock answers as for a Development-Mode app.
#[derive(Default)]
struct DevMode(bool);

/// In Development Mode: the answer to a restricted operation (403 once the
/// token passes) or to a search over 10 items (400).
fn dev_mode_refusal(ctx: &Ctx, req: &MockRequest) -> Option<RawResponse> {
    if !ctx.with(|d: &mut DevMode| d.0) {
        return None;
    }
    let all = crate::endpoints::all();
    let op = all.iter().find(|e| req.calls(e).is_some())?;
    let search = op.operation_id == "search"
        && req
            .query("limit")
            .and_then(|l| l.parse::<u32>().ok())
            .is_some_and(|l| l > 10);
    if op.deprecated.is_none() && !search {
        return None;
    }
    Some(match ctx.authorize(req, &[]) {
        Err(r) => r,
        Ok(_) if search => error(400, "Invalid limit"),
        Ok(_) => error(403, "Forbidden"),
    })
}

fn handle(ctx: &Ctx, raw: RawRequest) -> RawResponse {
    let (req, wire) = match intake(ctx, raw) {
        Ok(taken) => taken,
        Err(faulted) => return faulted,
    };
    if let Some(refused) = dev_mode_refusal(ctx, &req) {
        return refused;
    }
    let mut resp = ROUTES
        .iter()
        .find_map(|route| route(ctx, &req))
        .unwrap_or_else(|| error(404, "Service not found"));
    resp.wire = wire;
    // Conditional requests: every 200 GET carries an ETag.
    let api_call = req
        .path
        .strip_prefix(API_PREFIX)
        .is_some_and(|p| p.starts_with('/'));
    if req.method == "GET" && resp.status == 200 && api_call {
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

/// What every mode does first: records the request and applies a queued
/// fault, which either is the answer (`Err`) or changes how the answer
/// goes over the wire.
fn intake(ctx: &Ctx, raw: RawRequest) -> Result<(MockRequest, Wire), RawResponse> {
    let query = crate::encode::parse_query(&raw.query);
    ctx.record(RecordedRequest {
        method: raw.method.clone(),
        path: raw.path.clone(),
        query: query.clone(),
        headers: raw.headers.clone(),
        body: raw.body.clone(),
    });
    let fault = ctx.take_fault(&raw.path);
    let req = MockRequest {
        method: raw.method,
        path: raw.path,
        query,
        headers: raw.headers,
        body: raw.body,
    };
    let mut wire = Wire::Normal;
    match fault {
        Some(Fault::Status(s)) => return Err(error(s, "injected fault")),
        Some(Fault::RateLimit(secs)) => {
            let mut r = error(429, "API rate limit exceeded");
            if let Some(s) = secs {
                r.headers.push(("Retry-After".into(), s.to_string()));
            }
            return Err(r);
        }
        Some(Fault::Raw {
            status,
            content_type,
            body,
        }) => {
            return Err(RawResponse {
                status,
                headers: vec![("Content-Type".into(), content_type)],
                body: body.into_bytes(),
                wire,
            });
        }
        Some(Fault::Redirect(to)) => {
            return Err(RawResponse {
                status: 302,
                headers: vec![("Location".into(), to)],
                ..RawResponse::default()
            });
        }
        Some(Fault::Delay(d)) => wire = Wire::Delay(d),
        Some(Fault::CloseBeforeResponse) => wire = Wire::CloseBeforeResponse,
        Some(Fault::Truncate(n)) => wire = Wire::Truncate(n),
        Some(Fault::Trickle { chunk, pause }) => wire = Wire::Trickle { chunk, pause },
        None => {}
    }
    Ok((req, wire))
}

#[cfg(test)]
mod tests {
    use super::MockServer;

    /// The status and body of `GET path`, with `token` if given.
    fn get(mock: &MockServer, path: &str, token: Option<&str>) -> (u16, String) {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .new_agent();
        let mut req = agent.get(format!("{}{path}", mock.url()));
        if let Some(t) = token {
            req = req.header("Authorization", format!("Bearer {t}"));
        }
        let mut resp = req.call().expect("the mock answers");
        let status = resp.status().as_u16();
        (status, resp.body_mut().read_to_string().unwrap_or_default())
    }

    #[test]
    fn an_api_path_no_route_answers_is_404() {
        let mock = MockServer::start();
        let token = mock
            .user_token(crate::scope::every())
            .access_token()
            .to_owned();
        for path in [
            "/v1/nothing-here",
            "/v1/albums/a/b/c",
            "/v1/me/player/nowhere",
        ] {
            let (status, body) = get(&mock, path, Some(&token));
            assert_eq!(status, 404, "{path}");
            assert!(body.contains("Service not found"), "{path}: {body}");
        }
        // Below a catalogue path the token is checked first, as before.
        assert_eq!(get(&mock, "/v1/artists/a/unknown", None).0, 401);
    }
}
