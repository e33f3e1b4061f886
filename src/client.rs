//! [`Spotify`], its builder, and the one place API requests are sent from.
//!
//! The client knows no endpoint: it gets a finished [`HttpRequest`] (from
//! a request value or a `next` link), adds the bearer token, hands it to
//! the transport and decodes the answer.

use crate::auth::{AnyToken, Credentials, RefreshingToken, Token};
use crate::error::Result;
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
    token: Mutex<AnyToken>,
}

impl fmt::Debug for Spotify {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Spotify")
            .field("api_base", &self.api_base)
            .field("accounts_base", &self.accounts_base)
            .field("market", &self.market)
            .field("chunked", &self.chunked)
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
            AnyToken::Plain(_) => Ok(None),
            AnyToken::Refreshing(r) => {
                if r.token().access_token() == rejected {
                    r.refresh()?;
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
        let renew = |rejected: &str| self.renew_after_401(rejected);
        let resp = self
            .http
            .send(req, Auth::Bearer(self.bearer()?), Some(&renew))?;
        if (200..300).contains(&resp.status) {
            return crate::decode::decode(&resp.body, req.endpoint);
        }
        // Redirects are never followed (the bearer token would go along).
        let body = match &resp.location {
            Some(to) if resp.body.trim().is_empty() => format!("redirect to {to} not followed"),
            _ => resp.body,
        };
        Err(crate::decode::api_error(
            resp.status,
            &body,
            req.endpoint,
            resp.retry_after,
            resp.attempts,
        ))
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
}

impl Default for SpotifyBuilder {
    fn default() -> Self {
        SpotifyBuilder {
            http: HttpConfig::default(),
            api_base: API_BASE.to_owned(),
            accounts_base: crate::auth::ACCOUNTS_BASE.to_owned(),
            market: None,
            chunked: false,
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

    /// Time to establish a connection (default 10 s).
    ///
    /// Each timeout bounds one phase of one attempt; an expired one is
    /// [`Error::Timeout`](crate::Error::Timeout) naming the phase, and is not retried. There is
    /// deliberately no overall or name-resolution timeout: ureq would
    /// resolve names on a helper thread to enforce it.
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

    /// The `User-Agent` header.
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
    /// cache. Bounded by `entries` and `bytes` (least recently stored first
    /// out).
    pub fn cache(mut self, entries: usize, bytes: usize) -> Self {
        self.http.cache = Some((entries, bytes));
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
            token: Mutex::new(token.into()),
        }
    }

    /// Builds the client with an app token that renews itself, requested
    /// through the client's own connection pool.
    pub fn build_with_credentials(self, client_id: &str, client_secret: &str) -> Result<Spotify> {
        let spotify = self.build(Token::from_access_token(""));
        let creds = spotify.credentials(client_id, Some(client_secret));
        let token = creds.request_client_token()?;
        spotify.set_token(RefreshingToken::new(token, creds));
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
