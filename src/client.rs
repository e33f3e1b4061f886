//! [`Spotify`], its builder, and the one place API requests are sent from.
//!
//! The client knows no endpoint: it gets a finished [`HttpRequest`] (from
//! a request value or a `next` link), adds the bearer token, hands it to
//! the transport and decodes the answer.

use crate::auth::{AnyToken, Credentials, RefreshingToken, Token, TokenStore};
use crate::error::{Result, Secrets};
use crate::http::{Auth, Http, HttpConfig, HttpRequest, RetryPolicy};
use crate::model::Market;
use serde::de::DeserializeOwned;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Spotify's Web API.
pub const API_BASE: &str = "https://api.spotify.com/v1";

/// A client for the Spotify Web API.
///
/// Each endpoint is one method returning a request value; `.send()` makes
/// the call. The client is `Send + Sync`: share it between threads by
/// reference or in an `Arc`. It keeps one connection pool and never spawns
/// a thread.
///
/// ```no_run
/// use spotify_blocking::{self as sb, Spotify};
///
/// let token = sb::request_client_token("client-id", "client-secret")?;
/// let spotify = Spotify::new(token);
/// let album = spotify.album("3RBULTZJ97bvVzZLpxcB0j").market("SE").send()?;
/// println!("{album}");
/// # Ok::<(), sb::Error>(())
/// ```
pub struct Spotify {
    pub(crate) http: Arc<Http>,
    pub(crate) api_base: String,
    pub(crate) accounts_base: String,
    pub(crate) market: Option<Market>,
    pub(crate) chunked: bool,
    pub(crate) max_limits: bool,
    pub(crate) short_link_base: String,
    scope_check: bool,
    token: Mutex<AnyToken>,
}

impl fmt::Debug for Spotify {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Spotify")
            .field("api_base", &self.api_base)
            .field("accounts_base", &self.accounts_base)
            .field("market", &self.market)
            .field("chunked", &self.chunked)
            .field("max_limits", &self.max_limits)
            .field("token", &"<redacted>")
            .finish()
    }
}

impl Spotify {
    /// A client with default settings, using `token` (a [`Token`] or a
    /// [`RefreshingToken`]).
    pub fn new(token: impl Into<AnyToken>) -> Spotify {
        SpotifyBuilder::default().build(token)
    }

    /// A builder for the client's settings.
    pub fn builder() -> SpotifyBuilder {
        SpotifyBuilder::default()
    }

    /// Replaces the token; later calls use the new one.
    pub fn set_token(&self, token: impl Into<AnyToken>) {
        *self.lock_token() = token.into();
    }

    /// A copy of the current token.
    pub fn token(&self) -> Token {
        self.lock_token().token().clone()
    }

    /// The API base URL in use.
    pub fn api_base(&self) -> &str {
        &self.api_base
    }

    /// The accounts base URL in use.
    pub fn accounts_base(&self) -> &str {
        &self.accounts_base
    }

    /// Whether long ID lists are split into several calls.
    pub fn is_chunked(&self) -> bool {
        self.chunked
    }

    /// Until when the Web API is not called: set after a 429 whose
    /// `Retry-After` was longer than the [`RetryPolicy`] waits out (see
    /// [`Error::RateLimited`](crate::Error::RateLimited)); `None` when no
    /// such wait is running. Shared by every thread using this client. A
    /// program that stops during a ban can save this and hand it to the
    /// next run's client with [`set_blocked_until`](Self::set_blocked_until).
    ///
    /// ```
    /// use spotify_blocking::{Spotify, Token};
    /// let spotify = Spotify::new(Token::from_access_token("token"));
    /// assert_eq!(spotify.blocked_until(), None);
    /// ```
    pub fn blocked_until(&self) -> Option<std::time::SystemTime> {
        self.http.blocked_until(crate::http::Service::Api)
    }

    /// Sets when the Web API may be called again (a wait saved by an
    /// earlier run), or lifts the wait with `None`. Until then every call
    /// fails at once with [`Error::RateLimited`](crate::Error::RateLimited).
    ///
    /// ```
    /// use spotify_blocking::{Error, Spotify, Token};
    /// use std::time::{Duration, SystemTime};
    ///
    /// let spotify = Spotify::new(Token::from_access_token("token"));
    /// spotify.set_blocked_until(Some(SystemTime::now() + Duration::from_secs(30)));
    /// let err = spotify.album("3RBULTZJ97bvVzZLpxcB0j").send().unwrap_err();
    /// assert!(matches!(err, Error::RateLimited { .. }));
    /// assert!(err.retry_after().unwrap() <= Duration::from_secs(30));
    /// spotify.set_blocked_until(None);
    /// ```
    pub fn set_blocked_until(&self, until: Option<std::time::SystemTime>) {
        self.http
            .set_blocked_until(crate::http::Service::Api, until);
    }

    /// Credentials that talk to this client's accounts service through its
    /// connection pool.
    pub fn credentials(&self, client_id: &str, client_secret: Option<&str>) -> Credentials {
        let c = match client_secret {
            Some(s) => Credentials::new(client_id, s),
            None => Credentials::public(client_id),
        };
        c.accounts_base(self.accounts_base.clone())
            .with_http(self.http.clone())
    }

    /// A client for another user (or another token) that shares this
    /// one's connection pool, response cache and settings: a cheap handle
    /// for a service that calls Spotify for many users. Each handle sends
    /// its own token and renews it on its own (through its own store, for
    /// a [`RefreshingToken`] with one); handles are `Send + Sync` and can
    /// be used from many threads at once.
    ///
    /// ```
    /// # #[cfg(feature = "mock")] {
    /// use spotify_blocking::mock::MockServer;
    /// use spotify_blocking::scope;
    ///
    /// let mock = MockServer::start();
    /// let app = mock.client();
    /// let alice = app.with_token(mock.user_token(scope::every()));
    /// let bob = app.with_token(mock.user_token(scope::every()));
    /// assert_ne!(alice.token().access_token(), bob.token().access_token());
    /// alice.current_user().send()?;
    /// # }
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn with_token(&self, token: impl Into<AnyToken>) -> Spotify {
        Spotify {
            http: self.http.clone(),
            api_base: self.api_base.clone(),
            accounts_base: self.accounts_base.clone(),
            market: self.market.clone(),
            chunked: self.chunked,
            max_limits: self.max_limits,
            short_link_base: self.short_link_base.clone(),
            scope_check: self.scope_check,
            token: Mutex::new(token.into()),
        }
    }

    /// A handle like [`with_token`](Self::with_token) for the login kept
    /// in `store`: its token, renewed with `credentials` (through this
    /// client's accounts service and connection pool) and saved back to
    /// `store`. `None` when the store holds no login.
    ///
    /// ```
    /// # #[cfg(feature = "mock")] {
    /// use spotify_blocking::mock::MockServer;
    /// use spotify_blocking::{FileTokenStore, TokenStore, scope};
    /// use std::sync::Arc;
    ///
    /// let mock = MockServer::start();
    /// let path = std::env::temp_dir().join(format!("with-store-{}.cfg", std::process::id()));
    /// let store = Arc::new(FileTokenStore::new(&path));
    /// store.save(&mock.user_token(scope::every()))?;
    ///
    /// let app = mock.client();
    /// let user = app.with_store(mock.credentials(), store)?.expect("a stored login");
    /// user.current_user().send()?;
    /// # std::fs::remove_file(&path).ok();
    /// # }
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn with_store(
        &self,
        credentials: Credentials,
        store: Arc<dyn TokenStore>,
    ) -> Result<Option<Spotify>> {
        let Some(token) = store.load()? else {
            return Ok(None);
        };
        let credentials = self.adopt(credentials);
        let token = RefreshingToken::new(token, credentials).with_store(store);
        Ok(Some(self.with_token(token)))
    }

    /// How long ago the user of the current token logged in, when known
    /// (see [`Token::login_time`]).
    pub fn login_age(&self) -> Option<Duration> {
        self.lock_token().token().login_age()
    }

    /// How long the user's login has left before Spotify ends its refresh
    /// token (six months after the login; see
    /// [`Token::login_expires_in`]), when the login time is known. Log
    /// the user in again before it reaches zero.
    ///
    /// ```
    /// use spotify_blocking::{Spotify, Token};
    /// use std::time::{Duration, SystemTime};
    ///
    /// let token = Token::from_access_token("BQD...").with_login_time(SystemTime::now());
    /// let spotify = Spotify::new(token);
    /// assert!(spotify.login_expires_in().unwrap() > Duration::from_secs(170 * 86_400));
    /// ```
    pub fn login_expires_in(&self) -> Option<Duration> {
        self.lock_token().token().login_expires_in()
    }

    /// `credentials` talking to this client's accounts service through its
    /// connection pool.
    fn adopt(&self, credentials: Credentials) -> Credentials {
        credentials
            .accounts_base(self.accounts_base.clone())
            .with_http(self.http.clone())
    }

    fn lock_token(&self) -> std::sync::MutexGuard<'_, AnyToken> {
        self.token.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The access token to send, renewed first when it is expiring. The
    /// renewal happens under the lock: threads sharing the client wait for
    /// it instead of renewing too.
    fn bearer(&self) -> Result<String> {
        let mut guard = self.lock_token();
        match &mut *guard {
            AnyToken::Plain(t) => Ok(t.access_token.clone()),
            AnyToken::Refreshing(r) => Ok(r.fresh()?.access_token.clone()),
        }
    }

    /// After a 401 for `rejected`: a self-renewing token is renewed, unless
    /// another thread already replaced it, and the token to repeat the call
    /// with is returned. `None` for a plain token (nothing to renew with).
    fn renew_after_401(&self, rejected: &str) -> Result<Option<String>> {
        let mut guard = self.lock_token();
        match &mut *guard {
            AnyToken::Plain(_) => {
                log::debug!("401 with a plain token: nothing to renew it with");
                Ok(None)
            }
            AnyToken::Refreshing(r) => {
                if r.token().access_token() == rejected {
                    log::info!("the API answered 401 for the access token: renewing it");
                    r.refresh()?;
                } else {
                    log::debug!(
                        "401 for an access token already replaced: repeating with the new one"
                    );
                }
                Ok(Some(r.fresh()?.access_token.clone()))
            }
        }
    }

    /// The market sent to endpoints that take one when a call sets none.
    pub(crate) fn default_market(&self) -> Option<Market> {
        self.market.clone()
    }

    /// Sends one API request and decodes a 2xx answer as `T`: the one path
    /// every endpoint call and every followed `next` link goes through.
    /// Renewal after a 401 shares the transport's retry budget.
    pub(crate) fn send_http<T: DeserializeOwned>(&self, req: &HttpRequest) -> Result<T> {
        let op = crate::endpoints::by_label(req.endpoint);
        if let Some(e) = op.filter(|_| self.scope_check) {
            self.check_scopes(e)?;
        }
        // Before the token is renewed: nothing goes out during a ban.
        self.http.check_cooldown(req)?;
        // The bearer tokens this call sent (the first, and the renewed one
        // after a 401): a server may echo them into any answer.
        let sent = std::cell::RefCell::new(vec![self.bearer()?]);
        let renew = |rejected: &str| {
            let fresh = self.renew_after_401(rejected)?;
            sent.borrow_mut().extend(fresh.clone());
            Ok(fresh)
        };
        let secrets = || {
            let mut s = Secrets::default();
            for token in sent.borrow().iter() {
                s.add(token);
            }
            s
        };
        let first = sent.borrow()[0].clone();
        let resp = self
            .http
            .send(req, Auth::Bearer(first), Some(&renew))
            .map_err(|e| e.redact(&secrets()))?;
        if (200..300).contains(&resp.status) {
            return crate::decode::decode_with(&resp.body, req.endpoint, secrets);
        }
        // Redirects are never followed (the bearer token would go along).
        let body = match &resp.location {
            Some(to) if resp.body.trim_ascii().is_empty() => {
                format!("redirect to {to} not followed").into_bytes()
            }
            _ => resp.body,
        };
        let error = crate::decode::api_error(
            resp.status,
            &body,
            req.endpoint,
            resp.retry_after,
            resp.attempts,
            &secrets(),
        );
        Err(crate::decode::explain_403(error, op, self.granted_scopes()))
    }

    /// The scopes the current token was granted, when known.
    fn granted_scopes(&self) -> Option<crate::scope::Scopes> {
        let guard = self.lock_token();
        let token = guard.token();
        token.scopes_known().then(|| token.scopes().clone())
    }

    /// [`Error::MissingScope`](crate::Error::MissingScope) when the token's
    /// scopes are known and hold none of those `endpoint` requires.
    fn check_scopes(&self, endpoint: &crate::request::Endpoint) -> Result<()> {
        let required = endpoint.required_scopes();
        if required.is_empty() {
            return Ok(());
        }
        let Some(granted) = self.granted_scopes() else {
            return Ok(());
        };
        let needed = crate::scope::Scopes::parse(&required.join(" "));
        if needed.iter().any(|s| granted.contains(s)) {
            return Ok(());
        }
        Err(crate::Error::MissingScope {
            endpoint: endpoint.label.to_owned(),
            needed,
            granted: Some(granted),
            status: None,
        })
    }
}

/// Settings for [`Spotify`].
///
/// ```
/// use spotify_blocking::{Spotify, Token};
/// use std::time::Duration;
///
/// let spotify = Spotify::builder()
///     .market("SE")
///     .receive_timeout(Duration::from_secs(5))
///     .chunked(true)
///     .build(Token::from_access_token("token"));
/// assert!(spotify.is_chunked());
/// ```
#[derive(Debug, Clone)]
pub struct SpotifyBuilder {
    http: HttpConfig,
    api_base: String,
    accounts_base: String,
    market: Option<Market>,
    chunked: bool,
    max_limits: bool,
    short_link_base: String,
    scope_check: bool,
}

impl Default for SpotifyBuilder {
    fn default() -> Self {
        SpotifyBuilder {
            http: HttpConfig::default(),
            api_base: API_BASE.to_owned(),
            accounts_base: crate::auth::ACCOUNTS_BASE.to_owned(),
            market: None,
            chunked: false,
            max_limits: false,
            short_link_base: crate::short_link::SHORT_LINK_BASE.to_owned(),
            scope_check: true,
        }
    }
}

impl SpotifyBuilder {
    /// The Web API base URL (a mock or a proxy), without a trailing slash.
    pub fn api_base(mut self, url: impl Into<String>) -> Self {
        self.api_base = url.into().trim_end_matches('/').to_owned();
        self
    }

    /// The accounts service base URL, used to renew tokens.
    pub fn accounts_base(mut self, url: impl Into<String>) -> Self {
        self.accounts_base = url.into().trim_end_matches('/').to_owned();
        self
    }

    /// The short-link service [`Spotify::resolve_short_link`] asks, without
    /// a trailing slash (defaults to `https://spotify.link`; a mirror, or
    /// a local server in tests).
    pub fn short_link_base(mut self, url: impl Into<String>) -> Self {
        self.short_link_base = url.into().trim_end_matches('/').to_owned();
        self
    }

    /// The market sent to endpoints that take one when a call sets none.
    /// An invalid code is ignored (use [`Market`] to check one first).
    pub fn market(mut self, market: &str) -> Self {
        self.market = Market::new(market);
        self
    }

    /// Split long ID lists into several calls instead of failing (default
    /// off: a list over the endpoint's cap is an error).
    pub fn chunked(mut self, on: bool) -> Self {
        self.chunked = on;
        self
    }

    /// Ask every paged call for the largest page its endpoint allows when
    /// the call sets no `limit` (defaults to off: Spotify's own default,
    /// usually 20, applies). An explicit `.limit(n)` wins. Fewer, larger
    /// pages mean fewer calls when walking a whole list with `.items()`.
    ///
    /// The largest page is the endpoint's stated maximum: 50 for most
    /// lists, 100 for the older playlist tracks endpoint, 10 for search
    /// and artist albums (since February 2026). Calls that take a `limit` but are not paged
    /// (recommendations) are left alone, and so are raw requests.
    ///
    /// ```
    /// # #[cfg(feature = "mock")] {
    /// use spotify_blocking::mock::{MockServer, HYBRID_THEORY};
    ///
    /// let mock = MockServer::start();
    /// let spotify = mock.builder().max_limits(true).build_with_credentials("mock-client-id", "mock-client-secret")?;
    /// spotify.album_tracks(HYBRID_THEORY).send()?;
    /// assert_eq!(mock.requests().pop().unwrap().query_value("limit"), Some("50"));
    /// spotify.album_tracks(HYBRID_THEORY).limit(5).send()?;
    /// assert_eq!(mock.requests().pop().unwrap().query_value("limit"), Some("5"));
    /// # }
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn max_limits(mut self, on: bool) -> Self {
        self.max_limits = on;
        self
    }

    /// Check the token's scopes before sending (defaults to on). When the
    /// token's granted scopes are known (every token this crate obtains
    /// from the accounts service; not one built with
    /// [`Token::from_access_token`]) and it holds none of the scopes an
    /// endpoint requires, `send()` returns
    /// [`Error::MissingScope`](crate::Error::MissingScope) without sending
    /// anything. An app token has no user scopes, so it gets that error for
    /// every endpoint that needs one. Off: such calls go to Spotify, which
    /// answers 401 or 403.
    ///
    /// ```
    /// use spotify_blocking::{Spotify, Token};
    ///
    /// let spotify = Spotify::builder()
    ///     .scope_check(false)
    ///     .build(Token::from_access_token("token"));
    /// # let _ = spotify;
    /// ```
    pub fn scope_check(mut self, on: bool) -> Self {
        self.scope_check = on;
        self
    }

    /// Time to establish a connection (default 10 s).
    ///
    /// Each timeout bounds one phase of one attempt; an expired one is
    /// [`Error::Timeout`](crate::Error::Timeout) naming the phase, and is not retried. There is
    /// deliberately no overall or name-resolution timeout: ureq would
    /// resolve names on a helper thread to enforce it. A timeout longer
    /// than a year (`Duration::MAX`, say) is taken as a year. With a
    /// caller's [`agent`](Self::agent), the agent's own timeouts apply
    /// instead of these four.
    ///
    /// Through a proxy from `HTTPS_PROXY` and friends, this one is not
    /// applied (the operating system's connect timeout is): ureq would
    /// look the proxy's name up on a helper thread to enforce it.
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.http.connect_timeout = d;
        self
    }

    /// Time to send the request (default 30 s).
    pub fn send_timeout(mut self, d: Duration) -> Self {
        self.http.send_timeout = d;
        self
    }

    /// Time from sending to the response headers (default 30 s).
    pub fn receive_timeout(mut self, d: Duration) -> Self {
        self.http.response_timeout = d;
        self
    }

    /// Time to read the response body (default 60 s).
    pub fn body_timeout(mut self, d: Duration) -> Self {
        self.http.body_timeout = d;
        self
    }

    /// The largest response body accepted, in bytes (default 16 MiB). A
    /// larger one is [`Error::BodyTooLarge`](crate::Error::BodyTooLarge), read no further than the limit.
    pub fn body_limit(mut self, bytes: u64) -> Self {
        self.http.body_limit = bytes;
        self
    }

    /// The `User-Agent` header (defaults to `spotify-blocking/VERSION`; with
    /// a caller's [`agent`](Self::agent), the agent's own).
    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.http.user_agent = ua.into();
        self
    }

    /// How failures are retried (see [`RetryPolicy`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.http.retry = policy;
        self
    }

    /// Turns on the conditional-request cache: GETs that returned an `ETag`
    /// are repeated with `If-None-Match` and a 304 is answered from the
    /// cache. Bounded by `entries` and `bytes` (least recently used, read or
    /// stored, first out).
    pub fn cache(mut self, entries: usize, bytes: usize) -> Self {
        self.http.cache = Some((entries, bytes));
        self
    }

    /// How many idle connections to each host the client keeps open for
    /// reuse. Defaults to 8. A call takes an idle connection to its host
    /// when there is one and opens a new one otherwise; afterwards the
    /// connection goes back to the pool, which closes the least recently
    /// used ones beyond this many. A client shared by N threads needs N to
    /// keep reusing its connections: with fewer, the threads keep opening
    /// new ones (a TCP and TLS handshake each). "Host" is a scheme, host
    /// and port: the Web API is one, the accounts service another. Over
    /// all hosts the pool keeps this many plus two (at least 10). Idle
    /// connections are closed after 15 seconds unused.
    ///
    /// 0 keeps no idle connection: each call opens a new connection and
    /// closes it afterwards.
    ///
    /// With a caller's [`agent`](Self::agent), this setting is not used:
    /// the agent's own pool applies (ureq's `max_idle_connections_per_host`,
    /// 3 unless the agent's config sets it).
    ///
    /// ```
    /// use spotify_blocking::{Spotify, Token};
    ///
    /// // Sixteen worker threads share one client.
    /// let spotify = Spotify::builder()
    ///     .max_idle_connections(16)
    ///     .build(Token::from_access_token("token"));
    /// # let _ = spotify;
    /// ```
    pub fn max_idle_connections(mut self, per_host: usize) -> Self {
        self.http.max_idle_per_host = per_host;
        self
    }

    /// Sends every request, token requests included, through this `ureq`
    /// agent: your proxy, TLS roots, resolver or connector (defaults to
    /// none: the crate builds its own agent from the other settings). An
    /// [`ureq::config::Config`] works too: it becomes an agent with ureq's
    /// default connector and resolver. Use the `ureq` this crate re-exports
    /// ([`spotify_blocking::ureq`](crate::ureq)) so the versions match.
    ///
    /// The agent's own settings decide the transport: its timeouts, proxy,
    /// TLS, `User-Agent` and connection pool. This builder's four
    /// timeouts, [`user_agent`](Self::user_agent) and
    /// [`max_idle_connections`](Self::max_idle_connections) are not used. Everything above the
    /// transport still is: the [`body_limit`](Self::body_limit), the
    /// [`retry`](Self::retry) policy, the [`cache`](Self::cache),
    /// [`accept_language`](Self::accept_language), the base URLs and the
    /// token. For each of its requests the crate also sets what it relies
    /// on, whatever the agent says: error statuses come back as answers,
    /// and redirects are never followed (the token would go along).
    ///
    /// **Threads.** ureq resolves host names on a helper thread whenever
    /// the name lookup has a deadline. It has one when any of
    /// `timeout_global`, `timeout_per_call` or `timeout_resolve` is set
    /// (for every request), and, with a proxy, when `timeout_connect` is set
    /// too (the proxy's name is looked up within the connect timeout, for
    /// each new connection). ureq's default config also reads a proxy from
    /// `ALL_PROXY` / `HTTPS_PROXY` / `HTTP_PROXY`. To stay thread-free, set
    /// only `timeout_connect`, `timeout_send_request`, `timeout_send_body`,
    /// `timeout_recv_response` and `timeout_recv_body`, and with a proxy
    /// leave `timeout_connect` unset. An agent with no timeouts at all lets
    /// a silent server hold a call forever: set the per-phase ones.
    ///
    /// ```
    /// use spotify_blocking::{ureq, Spotify, Token};
    /// use std::time::Duration;
    ///
    /// let config = ureq::Agent::config_builder()
    ///     .user_agent("my-app/1.0")
    ///     .timeout_connect(Some(Duration::from_secs(5)))
    ///     .timeout_recv_response(Some(Duration::from_secs(30)))
    ///     .timeout_recv_body(Some(Duration::from_secs(60)))
    ///     .build();
    /// let spotify = Spotify::builder()
    ///     .agent(config.new_agent())
    ///     .build(Token::from_access_token("token"));
    /// # let _ = spotify;
    /// ```
    pub fn agent(mut self, agent: impl Into<ureq::Agent>) -> Self {
        self.http.agent = Some(agent.into());
        self
    }

    /// Sends `Accept-Language` with every request, so Spotify localises
    /// names and descriptions (`"sv-SE"`, `"de, en;q=0.8"`). Defaults to
    /// none: Spotify's default language. A value that cannot be a header
    /// (control characters, non-ASCII text) is ignored.
    ///
    /// ```
    /// # #[cfg(feature = "mock")] {
    /// use spotify_blocking::mock::{MockServer, HYBRID_THEORY};
    ///
    /// let mock = MockServer::start();
    /// let spotify = mock.builder().accept_language("sv-SE").build_with_credentials("mock-client-id", "mock-client-secret")?;
    /// spotify.album(HYBRID_THEORY).send()?;
    /// assert_eq!(mock.requests().pop().unwrap().header("accept-language"), Some("sv-SE"));
    /// # }
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn accept_language(mut self, language: impl Into<String>) -> Self {
        let language = language.into();
        let valid = !language.trim().is_empty()
            && language
                .bytes()
                .all(|b| b == b' ' || b == b'\t' || b.is_ascii_graphic());
        if valid {
            self.http.accept_language = Some(language);
        }
        self
    }

    /// Records every answer of the session to `dir`, one file per request,
    /// scrubbed of tokens, codes, secrets and the user's personal fields
    /// (defaults to off). Replay a recording offline with
    /// [`MockServer::replay`](crate::mock::MockServer::replay) (feature
    /// `mock`), or attach it to a bug report.
    ///
    /// Each request's final answer (after retries; a 304 answered from the
    /// [`cache`](Self::cache) as the 200 it stands for) becomes
    /// `dir/NNNN-METHOD-path.json` (`0002-GET-v1-albums-3RBULTZJ97bvVzZLpxcB0j.json`),
    /// numbered in order on after the highest number already in `dir`,
    /// which is created if missing. The file holds the request line
    /// (`"GET /v1/search?q=...&type=album"`), the origin it went to, the
    /// status, the `content-type`, `retry-after`, `etag` and `location`
    /// headers, and the body: as JSON when it is JSON (`"body"`), else as
    /// text (`"text"`). Request headers and bodies are not recorded, so
    /// neither is the `Authorization` header.
    ///
    /// Before a file is written, every value of `access_token`,
    /// `refresh_token`, `id_token`, `code`, `code_verifier` and
    /// `client_secret`, in a body, a query string or a `Location`, becomes
    /// `"scrubbed"`; any echo of the bearer token, the client secret, the
    /// Basic credential, a grant sent in a form or a token received earlier
    /// in the session (raw or percent-encoded) becomes `<redacted>`; and
    /// `email`, `birthdate` and `display_name` anywhere in a JSON body become
    /// `"scrubbed"`, `country` becomes `"XX"` (so models still decode). IDs
    /// stay as they are, even one equal to a display name.
    ///
    /// Each file is written to a temp file and renamed: it is there whole or
    /// not at all. A file that cannot be written is logged (`warn`) and
    /// skipped: recording never changes what a call returns. Token
    /// requests are recorded when they go through this client (its
    /// [`build_with_credentials`](Self::build_with_credentials),
    /// [`Spotify::credentials`], [`Spotify::with_store`]); every handle
    /// from [`Spotify::with_token`] records to the same directory. Use one
    /// directory per session, and one client recording to it at a time.
    ///
    /// ```
    /// # #[cfg(feature = "mock")] {
    /// use spotify_blocking::mock::{MockServer, HYBRID_THEORY};
    ///
    /// let dir = std::env::temp_dir().join(format!("record-to-{}", std::process::id()));
    /// let mock = MockServer::start();
    /// let spotify = mock
    ///     .builder()
    ///     .record_to(&dir)
    ///     .build_with_credentials("mock-client-id", "mock-client-secret")?;
    /// let album = spotify.album(HYBRID_THEORY).send()?;
    ///
    /// let mut names: Vec<String> = std::fs::read_dir(&dir)
    ///     .unwrap()
    ///     .map(|e| e.unwrap().file_name().into_string().unwrap())
    ///     .collect();
    /// names.sort();
    /// assert_eq!(names, ["0001-POST-api-token.json", "0002-GET-v1-albums-3RBULTZJ97bvVzZLpxcB0j.json"]);
    ///
    /// // Offline, later: the same call, answered from the recording.
    /// let replay = MockServer::replay(&dir).unwrap();
    /// let offline = replay.client();
    /// assert_eq!(offline.album(HYBRID_THEORY).send()?, album);
    /// # std::fs::remove_dir_all(&dir).ok();
    /// # }
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn record_to(mut self, dir: impl Into<std::path::PathBuf>) -> Self {
        self.http.recorder = Some(Arc::new(crate::record::Recorder::new(dir.into())));
        self
    }

    /// Builds the client.
    pub fn build(self, token: impl Into<AnyToken>) -> Spotify {
        Spotify {
            http: Arc::new(Http::new(self.http)),
            api_base: self.api_base,
            accounts_base: self.accounts_base,
            market: self.market,
            chunked: self.chunked,
            max_limits: self.max_limits,
            short_link_base: self.short_link_base,
            scope_check: self.scope_check,
            token: Mutex::new(token.into()),
        }
    }

    /// Builds the client with an app token that renews itself, requested
    /// through the client's own connection pool.
    pub fn build_with_credentials(self, client_id: &str, client_secret: &str) -> Result<Spotify> {
        let spotify = self.build(Token::from_access_token(""));
        let creds = spotify.credentials(client_id, Some(client_secret));
        let token = creds.request_client_token()?;
        spotify.set_token(RefreshingToken::new_fresh(token, creds));
        Ok(spotify)
    }

    /// Builds the client on the login kept in `store`: the entry point for
    /// a program that keeps its login between runs.
    ///
    /// The stored token is used as it is while it is valid (a rerun within
    /// the hour sends no token request); it is renewed with `credentials`
    /// when it expires, and every renewed token is saved to `store` (see
    /// [`TokenStore::renew`]). When the store holds no login yet, `login`
    /// is called once with the credentials to get a token (e.g. with
    /// [`UserAuth`](crate::UserAuth)), which is saved before it is used.
    ///
    /// The credentials talk to this builder's
    /// [`accounts_base`](Self::accounts_base) through the client's
    /// connection pool; their redirect URI is kept for `login`.
    ///
    /// ```
    /// # #[cfg(feature = "mock")] {
    /// use spotify_blocking::mock::MockServer;
    /// use spotify_blocking::{FileTokenStore, UserAuth, scope};
    /// use std::sync::Arc;
    ///
    /// let mock = MockServer::start();
    /// let path = std::env::temp_dir().join(format!("build-with-store-{}.cfg", std::process::id()));
    /// let creds = mock.credentials().redirect_uri("https://example.com/callback");
    /// for _run in 0..2 {
    ///     let store = Arc::new(FileTokenStore::new(&path));
    ///     let spotify = mock.builder().build_with_store(creds.clone(), store, |creds| {
    ///         let auth = UserAuth::new(creds.clone(), scope::every())?;
    ///         auth.token_from_redirect(&mock.approve(&auth.url())) // a real program prompts
    ///     })?;
    ///     spotify.current_user().send()?;
    /// }
    /// // One login (one code exchange), and no token request on the second run.
    /// let token_requests = mock.requests().iter().filter(|r| r.path == "/api/token").count();
    /// assert_eq!(token_requests, 1);
    /// # std::fs::remove_file(&path).ok();
    /// # }
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn build_with_store(
        self,
        credentials: Credentials,
        store: Arc<dyn TokenStore>,
        login: impl FnOnce(&Credentials) -> Result<Token>,
    ) -> Result<Spotify> {
        let spotify = self.build(Token::from_access_token(""));
        let credentials = spotify.adopt(credentials);
        let token = match store.load()? {
            Some(token) => RefreshingToken::new(token, credentials),
            None => {
                let token = login(&credentials)?;
                store.save(&token)?;
                RefreshingToken::new_fresh(token, credentials)
            }
        };
        spotify.set_token(token.with_store(store));
        Ok(spotify)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn client_is_send_and_sync() {
        assert_send_sync::<Spotify>();
    }
}
