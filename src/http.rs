//! The transport: one `ureq::Agent`, timeouts, retries, `Retry-After`,
//! the response cache and the body size limit.
//!
//! Nothing here knows an endpoint. It takes a method, a URL, headers and a
//! body, and hands back a status and a body.

use crate::cache::Cache;
use crate::error::{Error, Result, TimeoutPhase};
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

mod retry_after;

/// An HTTP method (the four Spotify uses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    /// GET, PUT and DELETE may be repeated safely; POST may not.
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How failed requests are retried.
///
/// The defaults, in full:
///
/// | what went wrong | GET, PUT, DELETE | POST |
/// |---|---|---|
/// | 429 with `Retry-After` ≤ 60 s | wait exactly that long, retry | same |
/// | 429 with `Retry-After` > 60 s, or too large for a number | return the 429 at once, `retry_after` set; remember the wait | same |
/// | 429 without `Retry-After` | back off, retry | same |
/// | 500, 502, 503, 504 | back off, retry | returned at once |
/// | connection refused or closed before any response byte | back off, retry | returned at once |
/// | a timeout, a body cut off half-way, a body over the limit | returned at once | returned at once |
/// | 401 with a self-renewing token | renew the token once, repeat | same |
/// | any other status (4xx, 501, 3xx) | returned at once | returned at once |
///
/// `Retry-After` is read in both of its forms: seconds (`120`) or an HTTP
/// date (`Wed, 21 Oct 2026 07:28:00 GMT`, and the obsolete RFC 850 and
/// asctime forms), measured against the system clock; a date in the past
/// means "now". A number too large to hold counts as longer than any cap
/// (`retry_after` is then `Duration::MAX`). A value that is neither is
/// treated as absent.
///
/// A 429 is retried for every method because Spotify sends it *instead of*
/// handling the request. Everything else that may have reached the server
/// is repeated only for idempotent methods. A timeout is never repeated:
/// the timeouts set on the [`SpotifyBuilder`](crate::SpotifyBuilder) bound
/// how long one silent server can hold a call.
///
/// At most [`max_retries`](RetryPolicy::max_retries) retries (3) follow the
/// first attempt, the repetition after a token renewal included; when they
/// run out, the last answer is returned and
/// [`Error::Api`](crate::Error::Api) says how many `attempts` were made.
/// With [`RetryPolicy::none`] a 401 is returned as it is.
/// The backoff before retry *n* (0-based) is
/// [`base_backoff`](RetryPolicy::base_backoff) × 2*ⁿ* (250 ms, 500 ms,
/// 1 s, ...) plus a random jitter of up to the same amount, and never more
/// than [`MAX_BACKOFF`](RetryPolicy::MAX_BACKOFF) (10 minutes), whatever
/// the settings. A 5xx that carries a `Retry-After` within the cap waits
/// that long instead.
/// Sleeping happens on the calling thread; no thread is spawned.
///
/// A wait that is not slept is remembered: until it has passed, every call
/// to the same service (the Web API, or the accounts service, apart) fails
/// at once with [`Error::RateLimited`](crate::Error::RateLimited) and
/// nothing is sent, because calling Spotify during a ban lengthens it
/// ([`Spotify::blocked_until`](crate::Spotify::blocked_until)).
///
/// ```
/// use spotify_blocking::{RetryPolicy, Spotify, Token};
/// use std::time::Duration;
///
/// let policy = RetryPolicy::default()
///     .max_retries(5)
///     .max_retry_after(Duration::from_secs(10));
/// let spotify = Spotify::builder().retry(policy).build(Token::from_access_token("t"));
/// # let _ = spotify;
/// ```
#[derive(Clone)]
pub struct RetryPolicy {
    pub(crate) max_retries: u32,
    pub(crate) max_retry_after: Duration,
    pub(crate) base_backoff: Duration,
    pub(crate) sleep: Arc<dyn Fn(Duration) + Send + Sync>,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            max_retry_after: Duration::from_secs(60),
            base_backoff: Duration::from_millis(250),
            sleep: Arc::new(std::thread::sleep),
        }
    }
}

impl fmt::Debug for RetryPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryPolicy")
            .field("max_retries", &self.max_retries)
            .field("max_retry_after", &self.max_retry_after)
            .field("base_backoff", &self.base_backoff)
            .finish_non_exhaustive()
    }
}

impl RetryPolicy {
    /// The longest single backoff wait (10 minutes): a larger
    /// [`base_backoff`](RetryPolicy::base_backoff), or one doubled past it,
    /// is cut to this.
    ///
    /// ```
    /// use spotify_blocking::RetryPolicy;
    /// assert_eq!(RetryPolicy::MAX_BACKOFF.as_secs(), 600);
    /// ```
    pub const MAX_BACKOFF: Duration = Duration::from_secs(600);

    /// No retries at all: every error comes back at once.
    pub fn none() -> RetryPolicy {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// How many retries after the first attempt (default 3).
    pub fn max_retries(mut self, n: u32) -> Self {
        self.max_retries = n;
        self
    }

    /// The longest `Retry-After` that is waited out (default 60 s). Even
    /// `Duration::MAX` does not wait out a number too large to read.
    pub fn max_retry_after(mut self, d: Duration) -> Self {
        self.max_retry_after = d;
        self
    }

    /// The first backoff delay for 5xx and connection failures (default
    /// 250 ms); it doubles on each retry, with up to 100 % jitter added.
    /// Any one wait is at most [`MAX_BACKOFF`](Self::MAX_BACKOFF) (10
    /// minutes), so even `Duration::MAX` is a usable setting.
    pub fn base_backoff(mut self, d: Duration) -> Self {
        self.base_backoff = d;
        self
    }

    /// Replaces `std::thread::sleep` (tests record the delays instead).
    pub fn sleep_with(mut self, f: impl Fn(Duration) + Send + Sync + 'static) -> Self {
        self.sleep = Arc::new(f);
        self
    }

    /// Whether a `Retry-After` of `d` is waited out. `Duration::MAX` (a
    /// number too large to read) never is, whatever the cap.
    fn admits(&self, d: Duration) -> bool {
        d <= self.max_retry_after && d != Duration::MAX
    }

    /// `base × 2^retry` plus jitter, saturating, cut to `MAX_BACKOFF`.
    fn backoff(&self, retry: u32) -> Duration {
        let base = self
            .base_backoff
            .saturating_mul(1u32 << retry.min(10))
            .min(Self::MAX_BACKOFF);
        // At most MAX_BACKOFF in milliseconds: no overflow below.
        let millis = u64::try_from(base.as_millis()).unwrap_or(u64::MAX);
        let jitter = crate::random::random_u64() % millis.saturating_add(1);
        base.saturating_add(Duration::from_millis(jitter))
            .min(Self::MAX_BACKOFF)
    }
}

/// Transport settings, collected by [`SpotifyBuilder`](crate::SpotifyBuilder).
#[derive(Debug, Clone)]
pub(crate) struct HttpConfig {
    pub connect_timeout: Duration,
    pub send_timeout: Duration,
    pub response_timeout: Duration,
    pub body_timeout: Duration,
    pub body_limit: u64,
    pub user_agent: String,
    pub retry: RetryPolicy,
    pub cache: Option<(usize, usize)>,
    /// Idle connections kept per host (scheme, host and port).
    pub max_idle_per_host: usize,
    /// A caller's agent, used instead of one built from the settings above.
    pub agent: Option<ureq::Agent>,
    /// The `Accept-Language` header, when set.
    pub accept_language: Option<String>,
    /// Where each final answer is recorded, when set.
    pub recorder: Option<Arc<crate::record::Recorder>>,
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            connect_timeout: Duration::from_secs(10),
            send_timeout: Duration::from_secs(30),
            response_timeout: Duration::from_secs(30),
            body_timeout: Duration::from_secs(60),
            body_limit: 16 * 1024 * 1024,
            user_agent: concat!("spotify-blocking/", env!("CARGO_PKG_VERSION")).to_owned(),
            retry: RetryPolicy::default(),
            cache: None,
            max_idle_per_host: DEFAULT_MAX_IDLE_PER_HOST,
            agent: None,
            accept_language: None,
            recorder: None,
        }
    }
}

/// A request body: the one type from the endpoint method to the wire.
/// JSON bodies are built key by key and encoded once, when sent.
#[derive(Debug, Clone)]
pub(crate) enum Body {
    Empty,
    Json(serde_json::Map<String, serde_json::Value>),
    Form(String),
    Raw {
        content_type: &'static str,
        data: Vec<u8>,
    },
}

/// Authorization header value (kept out of `Debug`).
pub(crate) enum Auth {
    None,
    /// An access token; also the cache key of its GET answers.
    Bearer(String),
    Basic(String),
}

/// After a 401, the bearer token to repeat the call with (`None`: nothing
/// to renew with, the 401 is the answer). Gets the rejected token.
pub(crate) type Renew<'a> = &'a dyn Fn(&str) -> Result<Option<String>>;

/// The one request type: what a request value becomes, what the token
/// endpoint sends, and what a `next` link is followed with.
#[derive(Debug, Clone)]
pub(crate) struct HttpRequest {
    pub method: Method,
    /// The absolute URL, query included.
    pub url: String,
    pub body: Body,
    /// `METHOD /path`, for errors.
    pub endpoint: &'static str,
}

#[derive(Debug)]
pub(crate) struct HttpResponse {
    pub status: u16,
    /// The body as it came, bytes: the status decides what it means, and
    /// only decoding decides whether it is valid text or JSON.
    pub body: Vec<u8>,
    pub retry_after: Option<Duration>,
    /// The `Location` of a 3xx answer (redirects are never followed).
    pub location: Option<String>,
    pub attempts: u32,
    /// The headers a recording keeps (filled only when recording).
    pub headers: Vec<(&'static str, String)>,
}

/// The agent and its policy.
pub(crate) struct Http {
    agent: ureq::Agent,
    pub config: HttpConfig,
    cache: Option<Mutex<Cache>>,
    /// Until when each service ([`Service`]) is not called again: set by
    /// a 429 whose `Retry-After` was longer than the policy waits out.
    cooldown: Mutex<[Option<SystemTime>; 2]>,
}

/// The two services a client talks to, whose rate limits are separate:
/// the Web API and the accounts service's token endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Service {
    Api = 0,
    Accounts = 1,
}

impl Service {
    /// The token endpoint is the accounts service; everything else the API.
    fn of(req: &HttpRequest) -> Service {
        if req.endpoint == TOKEN_ENDPOINT {
            Service::Accounts
        } else {
            Service::Api
        }
    }
}

/// How the token request names itself (`Credentials` sends it).
pub(crate) const TOKEN_ENDPOINT: &str = "POST /api/token";

enum Attempt {
    Done(HttpResponse, Option<String>),
    Failed { error: Error, retryable: bool },
}

/// The connect timeout handed to ureq: none through a proxy, where ureq
/// would enforce it by resolving the proxy's name on a helper thread.
pub(crate) fn connect_timeout(setting: Duration, proxied: bool) -> Option<Duration> {
    (!proxied).then(|| setting.min(MAX_TIMEOUT))
}

/// Idle connections kept per host unless the builder says otherwise:
/// enough for a small thread pool sharing one client (ureq's own default
/// is 3, so a fourth thread kept opening new connections).
pub(crate) const DEFAULT_MAX_IDLE_PER_HOST: usize = 8;

/// ureq's default for the idle connections its pool keeps in all.
const UREQ_MAX_IDLE_TOTAL: usize = 10;

/// The idle connections the pool keeps in all for `per_host` per host:
/// room for the API's and two more (the accounts service's token
/// connection, a short link's), and never less than ureq's default.
fn max_idle_total(per_host: usize) -> usize {
    per_host.saturating_add(2).max(UREQ_MAX_IDLE_TOTAL)
}

/// The longest timeout handed to ureq, which adds it to the clock and
/// would overflow (and panic) on `Duration::MAX`; longer ones are cut to it.
pub(crate) const MAX_TIMEOUT: Duration = Duration::from_secs(365 * 86_400);

/// What ureq reads a response through, per connection: room for the
/// largest response head it accepts (64 KiB, ureq's
/// `max_response_header_size`); bodies stream through it. ureq's default is
/// 128 KiB, most of which a page of JSON fills and so makes resident.
const INPUT_BUFFER: usize = 64 * 1024;

/// What ureq writes a request through, per connection: a request head of
/// this crate is under 2 KiB and bodies stream through it (ureq's default
/// is 128 KiB).
const OUTPUT_BUFFER: usize = 16 * 1024;

impl Http {
    pub fn new(config: HttpConfig) -> Http {
        // Only per-phase timeouts: a resolve or global timeout makes ureq
        // resolve names on a helper thread.
        let cap = |d: Duration| Some(d.min(MAX_TIMEOUT));
        // ureq looks a CONNECT proxy's name up under the connect timeout,
        // on a helper thread; with a proxy that phase is left to the OS.
        let proxy = ureq::Proxy::try_from_env();
        let connect = connect_timeout(config.connect_timeout, proxy.is_some());
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(config.user_agent.as_str())
            .proxy(proxy)
            .timeout_connect(connect)
            .timeout_send_request(cap(config.send_timeout))
            .timeout_send_body(cap(config.send_timeout))
            .timeout_recv_response(cap(config.response_timeout))
            .timeout_recv_body(cap(config.body_timeout))
            .max_idle_connections_per_host(config.max_idle_per_host)
            .max_idle_connections(max_idle_total(config.max_idle_per_host))
            .input_buffer_size(INPUT_BUFFER)
            .output_buffer_size(OUTPUT_BUFFER)
            .build()
            .new_agent();
        // A caller's agent is used as it is; `run` sets what the crate
        // relies on for each of its requests.
        let agent = config.agent.clone().unwrap_or(agent);
        let cache = config
            .cache
            .map(|(entries, bytes)| Mutex::new(Cache::new(entries, bytes)));
        Http {
            agent,
            config,
            cache,
            cooldown: Mutex::new([None; 2]),
        }
    }

    /// Until when `service` is not called, if that is still ahead.
    pub fn blocked_until(&self, service: Service) -> Option<SystemTime> {
        let until = self.cooldown.lock().unwrap_or_else(|p| p.into_inner())[service as usize];
        until.filter(|t| *t > SystemTime::now())
    }

    /// Sets (or, with `None`, lifts) the cooldown of `service`.
    pub fn set_blocked_until(&self, service: Service, until: Option<SystemTime>) {
        self.cooldown.lock().unwrap_or_else(|p| p.into_inner())[service as usize] = until;
    }

    /// [`Error::RateLimited`] while the request's service cools down.
    pub fn check_cooldown(&self, req: &HttpRequest) -> Result<()> {
        let Some(until) = self.blocked_until(Service::of(req)) else {
            return Ok(());
        };
        let left = until.duration_since(SystemTime::now()).unwrap_or_default();
        Err(Error::RateLimited {
            endpoint: req.endpoint.to_owned(),
            retry_after: left,
            until,
        })
    }

    /// Remembers a 429 that is handed back because its `Retry-After` is
    /// longer than the policy waits out (a number too large to read
    /// counts as a year).
    fn remember(&self, req: &HttpRequest, resp: &HttpResponse) {
        let Some(wait) = resp.retry_after.filter(|_| resp.status == 429) else {
            return;
        };
        if self.config.retry.admits(wait) {
            return;
        }
        let now = SystemTime::now();
        let until = now
            .checked_add(wait.min(MAX_TIMEOUT))
            .unwrap_or(now + MAX_TIMEOUT);
        self.set_blocked_until(Service::of(req), Some(until));
    }

    /// Sends the request, retrying as the policy allows.
    ///
    /// One budget covers every repetition: retries after 429, 5xx and
    /// connection failures, and the one repetition with a renewed token
    /// after a 401 (when `renew` gives one). `attempts` counts them all.
    pub fn send(
        &self,
        req: &HttpRequest,
        auth: Auth,
        renew: Option<Renew<'_>>,
    ) -> Result<HttpResponse> {
        self.check_cooldown(req)?;
        let Some(recorder) = &self.config.recorder else {
            let resp = self.send_retrying(req, auth, renew)?;
            self.remember(req, &resp);
            return Ok(resp);
        };
        // Recording: what the request carried, and any token it was
        // repeated with after a 401, is scrubbed from the file.
        let mut sent = crate::record::sent_secrets(req, &auth);
        let renewed = std::cell::RefCell::new(Vec::new());
        let noting = |rejected: &str| {
            let fresh = renew.map_or(Ok(None), |r| r(rejected))?;
            renewed.borrow_mut().extend(fresh.clone());
            Ok(fresh)
        };
        let resp = self.send_retrying(req, auth, renew.map(|_| &noting as Renew<'_>))?;
        self.remember(req, &resp);
        for token in renewed.borrow().iter() {
            sent.add(token);
        }
        recorder.record(req, sent, &resp);
        Ok(resp)
    }

    fn send_retrying(
        &self,
        req: &HttpRequest,
        mut auth: Auth,
        renew: Option<Renew<'_>>,
    ) -> Result<HttpResponse> {
        let policy = &self.config.retry;
        let idempotent = req.method.is_idempotent();
        let json;
        let (content_type, data): (&str, &[u8]) = match &req.body {
            Body::Empty => ("", &[]),
            Body::Json(map) => {
                json = serde_json::to_vec(map).unwrap_or_default();
                ("application/json", &json)
            }
            Body::Form(s) => ("application/x-www-form-urlencoded", s.as_bytes()),
            Body::Raw { content_type, data } => (content_type, data),
        };
        let body = (!matches!(req.body, Body::Empty)).then_some((content_type, data));
        let (method, path) = (req.method, log_path(&req.url));
        let mut renewed = false;
        let mut attempts = 0;
        loop {
            attempts += 1;
            let retries_left = attempts <= policy.max_retries;
            let cached = self.cache_lookup(req, &auth);
            let etag = cached.as_ref().map(|(etag, _)| etag.as_str());
            let started = std::time::Instant::now();
            match self.attempt(req, &auth, body, etag, attempts) {
                Attempt::Done(mut resp, new_etag) => {
                    log::debug!(
                        "{method} {path}: {} (attempt {attempts}, {} ms)",
                        resp.status,
                        started.elapsed().as_millis()
                    );
                    if resp.status == 304 {
                        if let Some((_, body)) = cached {
                            log::debug!("{method} {path}: not modified, answered from the cache");
                            resp.status = 200;
                            resp.body = body;
                            return Ok(resp);
                        }
                    }
                    if resp.status == 401 && !renewed && retries_left {
                        if let (Some(renew), Auth::Bearer(rejected)) = (renew, &auth) {
                            if let Some(fresh) = renew(rejected)? {
                                log::debug!(
                                    "{method} {path}: repeating with the renewed token as attempt {}",
                                    attempts + 1
                                );
                                renewed = true;
                                auth = Auth::Bearer(fresh);
                                continue;
                            }
                        }
                    }
                    if resp.status == 429 && retries_left {
                        let (wait, why) = match resp.retry_after {
                            Some(d) if policy.admits(d) => (d, "Retry-After"),
                            Some(d) => {
                                log::info!(
                                    "{method} {path}: 429 with Retry-After {d:?}, longer than the \
                                     {:?} waited out: not retried",
                                    policy.max_retry_after
                                );
                                return Ok(resp);
                            }
                            None => (policy.backoff(attempts - 1), "backoff"),
                        };
                        log_wait(method, path, resp.status, wait, why, attempts);
                        (policy.sleep)(wait);
                        continue;
                    }
                    if matches!(resp.status, 500 | 502 | 503 | 504) && idempotent && retries_left {
                        let (wait, why) = match resp.retry_after {
                            Some(d) if policy.admits(d) => (d, "Retry-After"),
                            _ => (policy.backoff(attempts - 1), "backoff"),
                        };
                        log_wait(method, path, resp.status, wait, why, attempts);
                        (policy.sleep)(wait);
                        continue;
                    }
                    if matches!(resp.status, 429 | 500 | 502 | 503 | 504) && !retries_left {
                        log::debug!("{method} {path}: no retries left after {attempts} attempts");
                    }
                    if resp.status == 200 {
                        self.cache_store(req, &auth, new_etag, &resp.body);
                    }
                    return Ok(resp);
                }
                Attempt::Failed { error, retryable } => {
                    if retryable && idempotent && retries_left {
                        let wait = policy.backoff(attempts - 1);
                        log::info!(
                            "{method} {path}: waiting {wait:?} (backoff) before attempt {}",
                            attempts + 1
                        );
                        (policy.sleep)(wait);
                        continue;
                    }
                    return Err(error);
                }
            }
        }
    }

    fn attempt(
        &self,
        req: &HttpRequest,
        auth: &Auth,
        body: Option<(&str, &[u8])>,
        etag: Option<&str>,
        attempts: u32,
    ) -> Attempt {
        let auth = match auth {
            Auth::None => None,
            Auth::Bearer(t) => Some(format!("Bearer {t}")),
            Auth::Basic(b) => Some(format!("Basic {b}")),
        };
        if log::log_enabled!(log::Level::Trace) {
            log_details(req, body, etag.is_some());
        }
        let result = self.run(req, auth.as_deref(), body, etag);
        let mut response = match result {
            Ok(r) => r,
            Err(e) => {
                log::debug!(
                    "{} {}: {} (attempt {attempts})",
                    req.method,
                    log_path(&req.url),
                    describe(&e)
                );
                // Failures before any response byte may be retried; a
                // timeout is not (it would multiply the configured wait).
                let retryable = matches!(
                    e,
                    ureq::Error::Io(_) | ureq::Error::ConnectionFailed | ureq::Error::HostNotFound
                );
                return Attempt::Failed {
                    error: transport_error(e, req, attempts),
                    retryable,
                };
            }
        };
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let retry_after =
            header("retry-after").and_then(|v| retry_after::parse(&v, SystemTime::now()));
        let new_etag = header("etag");
        let location = header("location").filter(|_| (300..400).contains(&status));
        let headers = match self.config.recorder {
            Some(_) => crate::record::KEPT_HEADERS
                .iter()
                .filter_map(|name| header(name).map(|v| (*name, v)))
                .collect(),
            None => Vec::new(),
        };
        let body = read_body(response.body_mut(), self.config.body_limit);
        match body {
            Ok(body) => Attempt::Done(
                HttpResponse {
                    status,
                    body,
                    retry_after,
                    location,
                    attempts,
                    headers,
                },
                new_etag,
            ),
            // A body that fails half-way is not retried: the server answered.
            Err(e) => {
                log::debug!(
                    "{} {}: {status}, reading the body failed: {} (attempt {attempts})",
                    req.method,
                    log_path(&req.url),
                    describe(&e)
                );
                Attempt::Failed {
                    error: transport_error(e, req, attempts),
                    retryable: false,
                }
            }
        }
    }

    fn run(
        &self,
        req: &HttpRequest,
        auth: Option<&str>,
        body: Option<(&str, &[u8])>,
        etag: Option<&str>,
    ) -> std::result::Result<ureq::http::Response<ureq::Body>, ureq::Error> {
        let mut headers: Vec<(&str, &str)> = Vec::with_capacity(3);
        if let Some(a) = auth {
            headers.push(("Authorization", a));
        }
        if let Some(e) = etag {
            headers.push(("If-None-Match", e));
        }
        if let Some(l) = &self.config.accept_language {
            headers.push(("Accept-Language", l));
        }
        // A caller's agent keeps its own settings, except the two the
        // crate relies on: error statuses come back as answers, and no
        // redirect is followed (a token must not travel along).
        let supplied = self.config.agent.is_some();
        macro_rules! with_headers {
            ($b:expr) => {{
                let mut b = $b;
                for (k, v) in &headers {
                    b = b.header(*k, *v);
                }
                if supplied {
                    b = b
                        .config()
                        .http_status_as_error(false)
                        .max_redirects(0)
                        .build();
                }
                b
            }};
        }
        let url = req.url.as_str();
        match (req.method, body) {
            (Method::Get, _) => with_headers!(self.agent.get(url)).call(),
            (Method::Delete, None) => with_headers!(self.agent.delete(url)).call(),
            (Method::Delete, Some((content_type, data))) => {
                with_headers!(self.agent.delete(url).force_send_body())
                    .header("Content-Type", content_type)
                    .send(data)
            }
            (Method::Post | Method::Put, body) => {
                let b = if req.method == Method::Post {
                    self.agent.post(url)
                } else {
                    self.agent.put(url)
                };
                let b = with_headers!(b);
                match body {
                    Some((content_type, data)) => b.header("Content-Type", content_type).send(data),
                    None => b.send_empty(),
                }
            }
        }
    }

    fn cache_lookup(&self, req: &HttpRequest, auth: &Auth) -> Option<(String, Vec<u8>)> {
        let cache = self.cache.as_ref()?;
        let Auth::Bearer(key) = auth else { return None };
        if req.method != Method::Get {
            return None;
        }
        let mut cache = cache.lock().unwrap_or_else(|p| p.into_inner());
        cache.get(&req.url, key)
    }

    /// Stores a 200 answer; one without an `ETag` drops any older entry,
    /// whose `ETag` no longer describes the resource.
    fn cache_store(&self, req: &HttpRequest, auth: &Auth, etag: Option<String>, body: &[u8]) {
        let (Some(cache), Auth::Bearer(key)) = (self.cache.as_ref(), auth) else {
            return;
        };
        if req.method != Method::Get {
            return;
        }
        let mut cache = cache.lock().unwrap_or_else(|p| p.into_inner());
        let path = log_path(&req.url);
        match etag {
            Some(etag) => {
                log::trace!("GET {path}: stored in the cache ({} bytes)", body.len());
                cache.put(&req.url, key, etag, body.to_vec())
            }
            None => cache.remove(&req.url, key),
        }
    }
}

/// The path of an absolute URL, for log lines: no scheme, host, user
/// info, query or fragment (query values can hold anything).
pub(crate) fn log_path(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    rest.find('/').map_or("/", |i| &rest[i..])
}

/// The log line of a retry's wait.
fn log_wait(method: Method, path: &str, status: u16, wait: Duration, why: &str, attempts: u32) {
    log::info!(
        "{method} {path}: {status}, waiting {wait:?} ({why}) before attempt {}",
        attempts + 1
    );
}

/// The trace line of one attempt: the host (no user info), the names of
/// the query parameters (never their values) and the body's size.
fn log_details(req: &HttpRequest, body: Option<(&str, &[u8])>, conditional: bool) {
    let host = crate::encode::host(&req.url);
    let names: Vec<&str> = req
        .url
        .split_once('?')
        .map(|(_, q)| q.split('#').next().unwrap_or_default())
        .into_iter()
        .flat_map(|q| q.split('&'))
        .filter(|pair| !pair.is_empty())
        .map(|pair| pair.split('=').next().unwrap_or_default())
        .collect();
    let body = match body {
        Some((content_type, data)) => format!("{} bytes of {content_type}", data.len()),
        None => "no body".to_owned(),
    };
    let query = match names.is_empty() {
        true => "no query".to_owned(),
        false => format!("query parameters [{}]", names.join(", ")),
    };
    log::trace!(
        "{} {} on {host}: {query}, {body}{}",
        req.method,
        log_path(&req.url),
        if conditional { ", If-None-Match" } else { "" }
    );
}

/// What went wrong on the wire, for a log line: the kind only (an error's
/// text may quote the URL).
fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Io(io) => format!("I/O error ({:?})", io.kind()),
        ureq::Error::Timeout(t) => format!("timeout ({t:?})"),
        ureq::Error::ConnectionFailed => "connection failed".to_owned(),
        ureq::Error::HostNotFound => "host not found".to_owned(),
        ureq::Error::BodyExceedsLimit(limit) => format!("body over the limit of {limit} bytes"),
        _ => "transport error".to_owned(),
    }
}

/// Reads the body's bytes, no more than `limit`, into a buffer sized from
/// `Content-Length` (capped, so a lying header cannot make it allocate more
/// than 4 MiB up front). Whether they are text is not checked here: an
/// error page in Latin-1 is still an error page.
fn read_body(body: &mut ureq::Body, limit: u64) -> std::result::Result<Vec<u8>, ureq::Error> {
    use std::io::Read;
    let expected = body.content_length().unwrap_or(0).min(limit).min(4 << 20);
    let mut bytes = Vec::with_capacity(expected as usize);
    body.with_config()
        .limit(limit)
        .reader()
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn transport_error(e: ureq::Error, req: &HttpRequest, attempts: u32) -> Error {
    let endpoint = req.endpoint.to_owned();
    match e {
        ureq::Error::Timeout(t) => Error::Timeout {
            phase: timeout_phase(t),
            endpoint,
            attempts,
        },
        ureq::Error::BodyExceedsLimit(limit) => Error::BodyTooLarge { endpoint, limit },
        other => Error::Transport {
            message: crate::error::transport_message(&other, &req.url),
            endpoint,
            attempts,
            source: Some(Box::new(other)),
        },
    }
}

fn timeout_phase(t: ureq::Timeout) -> TimeoutPhase {
    match t {
        ureq::Timeout::Connect => TimeoutPhase::Connect,
        ureq::Timeout::SendRequest => TimeoutPhase::SendRequest,
        ureq::Timeout::SendBody => TimeoutPhase::SendBody,
        ureq::Timeout::RecvResponse => TimeoutPhase::ReceiveResponse,
        ureq::Timeout::RecvBody => TimeoutPhase::ReceiveBody,
        _ => TimeoutPhase::Other,
    }
}

#[cfg(test)]
mod tests;
