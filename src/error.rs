//! The one error type of the crate.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// The cause behind an [`Error`], reachable through
/// [`std::error::Error::source`] (a `ureq` or `serde_json` error).
pub(crate) type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// What can go wrong when talking to Spotify.
///
/// Every variant carries what a caller needs to act on it: the HTTP status
/// and Spotify's message for API errors, the player [`PlayerReason`], the
/// `Retry-After` delay, the JSON path of a field that failed to decode, the
/// file and key of a bad config file. Secrets never appear in an error.
///
/// ```
/// use spotify_blocking::{Error, Spotify, Token};
///
/// let spotify = Spotify::new(Token::from_access_token("not-a-real-token"));
/// // A track URI passed where an album is expected never reaches the network.
/// let err = spotify.album("spotify:track:6rqhFgbbKwnb9MLmUQDhG6").send().unwrap_err();
/// assert!(matches!(err, Error::InvalidId { .. }));
/// ```
///
/// Below: every variant, when it happens and what to do (the guide
/// `docs/errors.md`).
///
#[doc = include_str!("../docs/errors.md")]
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An ID, URI or URL argument could not be used. Nothing was sent.
    #[error("invalid {expected} ID {input:?}: {reason}")]
    #[non_exhaustive]
    InvalidId {
        /// What the caller passed (IDs are not secret).
        input: String,
        /// The kind of ID the method expects (`album`, `track`, ...).
        expected: &'static str,
        /// Why it was rejected.
        reason: String,
    },

    /// An argument is out of range or otherwise unusable. Nothing was sent.
    #[error("invalid argument `{param}`: {message}")]
    #[non_exhaustive]
    InvalidInput {
        /// The parameter's name as Spotify spells it (`limit`, `ids`, ...).
        param: &'static str,
        /// What is wrong and what is allowed.
        message: String,
    },

    /// Spotify answered with an error status (4xx/5xx, or an unexpected 3xx).
    #[error("{}", fmt_api(*.status, message, reason.as_ref(), *.attempts, endpoint))]
    #[non_exhaustive]
    Api {
        /// The HTTP status code.
        status: u16,
        /// Spotify's error message, or a short excerpt of a non-JSON body.
        message: String,
        /// The player's reason code (`NO_ACTIVE_DEVICE`, ...), when given.
        reason: Option<PlayerReason>,
        /// The `Retry-After` delay Spotify asked for (429 and some 503s),
        /// from seconds or an HTTP date; `Duration::MAX` when the number
        /// was too large to read.
        retry_after: Option<Duration>,
        /// How many attempts were made, including retries.
        attempts: u32,
        /// `METHOD /path` of the request.
        endpoint: String,
    },

    /// The accounts service refused a token request (OAuth error body).
    #[error("{}", fmt_auth(*.status, error, description.as_deref()))]
    #[non_exhaustive]
    Auth {
        /// The HTTP status code.
        status: u16,
        /// The OAuth error code (`invalid_client`, `invalid_grant`, ...).
        error: String,
        /// The human-readable `error_description`, when given.
        description: Option<String>,
        /// The `Retry-After` delay of a 429 (or a 503) that was not waited
        /// out, as for [`Error::Api`].
        retry_after: Option<Duration>,
    },

    /// The refresh token was revoked or expired (`invalid_grant`): the user
    /// must log in again.
    ///
    /// Since 2026-07-20 Spotify ends every refresh token six months after
    /// the login that issued it (renewals do not extend it); when the
    /// login is known to be that old, the message says that is the likely
    /// cause.
    #[error("the refresh token was rejected ({description}): {}", fmt_revoked(*.login_age))]
    #[non_exhaustive]
    RefreshRevoked {
        /// Spotify's `error_description`.
        description: String,
        /// How long ago the user logged in, when the token knew it
        /// ([`Token::login_time`](crate::Token::login_time)).
        login_age: Option<Duration>,
    },

    /// The user's browser came back with something unusable.
    #[error(transparent)]
    Redirect(#[from] RedirectError),

    /// A response body could not be decoded into the expected model.
    #[error("could not decode the response of {endpoint} at `{path}`: {message} (body: {body})")]
    #[non_exhaustive]
    Decode {
        /// `METHOD /path` of the request.
        endpoint: String,
        /// JSON path of the offending value (`tracks.items[3].duration_ms`).
        path: String,
        /// What serde reported.
        message: String,
        /// The start of the body, truncated.
        body: String,
        /// serde_json's error (not kept for answers that may hold a token).
        #[source]
        source: Option<Cause>,
    },

    /// The response body was larger than the configured limit.
    #[error("the response of {endpoint} exceeded the body limit of {limit} bytes")]
    #[non_exhaustive]
    BodyTooLarge {
        /// `METHOD /path` of the request.
        endpoint: String,
        /// The limit in bytes.
        limit: u64,
    },

    /// A configured timeout expired.
    #[error("timed out ({phase}) during {endpoint} after {attempts} attempt(s)")]
    #[non_exhaustive]
    Timeout {
        /// Which phase timed out.
        phase: TimeoutPhase,
        /// `METHOD /path` of the request.
        endpoint: String,
        /// How many attempts were made.
        attempts: u32,
    },

    /// The connection failed (refused, reset, TLS, ...).
    #[error(
        "{message} ({endpoint}, {attempts} attempt(s)); check the network connection and any proxy settings"
    )]
    #[non_exhaustive]
    Transport {
        /// What went wrong.
        message: String,
        /// `METHOD /path` of the request.
        endpoint: String,
        /// How many attempts were made.
        attempts: u32,
        /// The transport's own error.
        #[source]
        source: Option<Cause>,
    },

    /// A config file or the environment is missing a value or holds a bad one.
    #[error("{}", fmt_config(file.as_ref(), section, key.as_deref(), message))]
    #[non_exhaustive]
    Config {
        /// The file, when reading or writing one.
        file: Option<PathBuf>,
        /// The INI section (or `environment`).
        section: String,
        /// The key, when one is at fault.
        key: Option<String>,
        /// What is wrong.
        message: String,
    },

    /// Reading or writing a local file failed.
    #[error("{context}: {source}")]
    #[non_exhaustive]
    Io {
        /// What was being done, naming the file.
        context: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },

    /// The token holds none of the scopes the endpoint needs. Found before
    /// sending (`status` is `None`: nothing was sent), or Spotify answered
    /// 403 "Insufficient client scope" (`status` is `Some(403)`).
    ///
    /// An app token (client-credentials flow) has no user scopes, so it
    /// gets this error for every endpoint that needs one.
    #[error("{}", fmt_scope(endpoint, needed, granted.as_ref(), *.status))]
    #[non_exhaustive]
    MissingScope {
        /// `METHOD /path` of the request.
        endpoint: String,
        /// The scopes of which any one would do.
        needed: crate::auth::scope::Scopes,
        /// The scopes the token was granted; `None` when unknown (a token
        /// built from a bare access token).
        granted: Option<crate::auth::scope::Scopes>,
        /// `Some(403)` when Spotify refused the call, `None` when it was
        /// not sent.
        status: Option<u16>,
    },

    /// Not sent: an earlier call got a 429 whose `Retry-After` was longer
    /// than the [`RetryPolicy`](crate::RetryPolicy) waits out, and that
    /// wait is not over. Calling Spotify during a ban lengthens it, so the
    /// client remembers it (shared by every thread using the client; the
    /// Web API and the accounts service separately) and fails at once.
    #[error(
        "{endpoint} was not sent: Spotify rate-limited this client; try again in {} s",
        retry_after.as_secs_f64().ceil()
    )]
    #[non_exhaustive]
    RateLimited {
        /// `METHOD /path` of the request.
        endpoint: String,
        /// How much of the wait is left.
        retry_after: Duration,
        /// When the wait ends (see
        /// [`Spotify::blocked_until`](crate::Spotify::blocked_until)).
        until: std::time::SystemTime,
    },

    /// Spotify refused (403) an operation it restricted for
    /// Development-Mode apps: in February 2026 (new apps from 2026-02-11,
    /// every app from 2026-03-09) or, for a few, in November 2024. Apps
    /// with Extended Quota Mode still have them; the crate's methods for
    /// them are `#[deprecated]`, naming the same replacement.
    #[error("{}", fmt_dev_mode(endpoint, message, restricted, *.replacement))]
    #[non_exhaustive]
    DevelopmentMode {
        /// `METHOD /path` of the request.
        endpoint: String,
        /// When Spotify restricted it: `"February 2026"` or
        /// `"November 2024"`.
        restricted: &'static str,
        /// The method of [`Spotify`](crate::Spotify) to call instead
        /// (`"album"`), when there is one.
        replacement: Option<&'static str>,
        /// Spotify's error message (`Forbidden`).
        message: String,
    },

    /// A [`TokenStore`](crate::TokenStore) of your own failed: what its
    /// `load` or `save` returned through [`Error::store`].
    #[error("the token store failed: {source}")]
    #[non_exhaustive]
    Store {
        /// The store's error.
        #[source]
        source: Cause,
    },
}

/// Which phase of a request a timeout ended (see the timeouts of
/// [`SpotifyBuilder`](crate::SpotifyBuilder)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimeoutPhase {
    /// Opening the connection.
    Connect,
    /// Sending the request line and headers.
    SendRequest,
    /// Sending the request body.
    SendBody,
    /// Waiting for the response headers.
    ReceiveResponse,
    /// Reading the response body.
    ReceiveBody,
    /// Another phase of the request.
    Other,
}

impl TimeoutPhase {
    /// A short name of the phase (`"receive response"`).
    pub fn as_str(self) -> &'static str {
        match self {
            TimeoutPhase::Connect => "connect",
            TimeoutPhase::SendRequest => "send request",
            TimeoutPhase::SendBody => "send body",
            TimeoutPhase::ReceiveResponse => "receive response",
            TimeoutPhase::ReceiveBody => "receive body",
            TimeoutPhase::Other => "request",
        }
    }
}

impl fmt::Display for TimeoutPhase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

// Errors cross threads and live in `Box<dyn Error>`: keep it that way.
const _: () = {
    const fn assert_send_sync_static<T: Send + Sync + 'static>() {}
    assert_send_sync_static::<Error>();
};

fn fmt_api(
    status: u16,
    message: &str,
    reason: Option<&PlayerReason>,
    attempts: u32,
    endpoint: &str,
) -> String {
    let mut s = format!("Spotify returned {status} for {endpoint}: {message}");
    if let Some(r) = reason {
        s.push_str(&format!(" (reason: {r})"));
    }
    if attempts > 1 {
        s.push_str(&format!(" after {attempts} attempts"));
    }
    s
}

fn fmt_scope(
    endpoint: &str,
    needed: &crate::auth::scope::Scopes,
    granted: Option<&crate::auth::scope::Scopes>,
    status: Option<u16>,
) -> String {
    let mut s = match status {
        Some(st) => {
            format!("Spotify refused {endpoint} ({st} Insufficient client scope): it needs ")
        }
        None => format!("{endpoint} needs "),
    };
    if needed.len() == 1 {
        s.push_str(&format!("the scope {needed}"));
    } else {
        s.push_str(&format!(
            "one of the scopes {}",
            needed.to_string().replace(' ', ", ")
        ));
    }
    match granted {
        Some(g) if g.is_empty() => {
            s.push_str("; the token has no scopes (an app token never has: log in as a user)")
        }
        Some(g) => s.push_str(&format!(
            "; the token was granted {}",
            g.to_string().replace(' ', ", ")
        )),
        None => {}
    }
    if status.is_none() {
        s.push_str("; nothing was sent");
    }
    s.push_str("; log in again asking for ");
    s.push_str(if needed.len() == 1 {
        "it"
    } else {
        "one of them"
    });
    s
}

fn fmt_dev_mode(
    endpoint: &str,
    message: &str,
    restricted: &str,
    replacement: Option<&str>,
) -> String {
    let mut s = format!(
        "Spotify refused {endpoint} (403 {message}): it no longer serves it to \
         Development-Mode apps (restricted in {restricted}"
    );
    if restricted.contains("2026") {
        s.push_str(": new apps from 2026-02-11, all from 2026-03-09");
    }
    s.push(')');
    match replacement {
        Some(r) => s.push_str(&format!("; call `Spotify::{r}` instead")),
        None => {
            s.push_str("; there is no replacement (apps with Extended Quota Mode still have it)")
        }
    }
    s
}

fn fmt_auth(status: u16, error: &str, description: Option<&str>) -> String {
    let mut s = format!("Spotify's accounts service refused the token request ({status}): {error}");
    if let Some(d) = description {
        s.push_str(&format!(": {d}"));
    }
    if error == "invalid_client" {
        s.push_str(
            "; check the client ID and client secret (the app's settings in Spotify's developer dashboard)",
        );
    }
    s
}

fn fmt_config(file: Option<&PathBuf>, section: &str, key: Option<&str>, message: &str) -> String {
    // An environment variable is named as one, not as an INI key.
    if file.is_none() && section == crate::config::ENVIRONMENT {
        return match key {
            Some(k) if !message.starts_with("environment variable") => {
                format!("environment variable {k}: {message}")
            }
            _ => message.to_owned(),
        };
    }
    let mut s = String::from("config ");
    if let Some(f) = file {
        s.push_str(&format!("file {}, ", f.display()));
    }
    s.push_str(&format!("section [{section}]"));
    if let Some(k) = key {
        s.push_str(&format!(", key `{k}`"));
    }
    s.push_str(": ");
    s.push_str(message);
    s
}

/// The advice of [`Error::RefreshRevoked`]: the six-month end of a login
/// when the login is that old.
fn fmt_revoked(login_age: Option<Duration>) -> String {
    match login_age {
        Some(age) if age >= crate::auth::LOGIN_LIFETIME => format!(
            "the login is {} days old, and Spotify ends refresh tokens six months after login; \
             log in again to get a new one",
            age.as_secs() / 86_400
        ),
        _ => "log in again to get a new one".to_owned(),
    }
}

/// What a failed connection to `url` says: the host it tried and what
/// went wrong (`could not connect to api.spotify.com: connection refused`).
pub(crate) fn transport_message(error: &ureq::Error, url: &str) -> String {
    let host = crate::encode::host(url);
    match error {
        ureq::Error::HostNotFound => format!("could not find the host {host} (DNS lookup failed)"),
        ureq::Error::ConnectionFailed => format!("could not connect to {host}"),
        ureq::Error::Io(e) => match e.kind() {
            std::io::ErrorKind::ConnectionRefused => {
                format!("could not connect to {host}: connection refused")
            }
            std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::ConnectionAborted => {
                format!("the connection to {host} was closed: {e}")
            }
            _ => format!("the connection to {host} failed: {e}"),
        },
        other => format!("the connection to {host} failed: {other}"),
    }
}

/// What a request carried that a server must not get to show: each
/// secret in every form it could be echoed back in, to be cut out of error
/// texts (the whole body is scrubbed before an excerpt is cut from it, so
/// no secret is ever shown in part either).
///
/// Secrets shorter than 8 bytes are left alone: no real secret is that
/// short, and they would match ordinary words of a message.
#[derive(Debug, Default)]
pub(crate) struct Secrets {
    /// Longest first, so that no form is left half-replaced by a shorter
    /// one it contains.
    forms: Vec<String>,
}

const MIN_SECRET: usize = 8;
const REDACTED: &str = "<redacted>";

impl Secrets {
    /// A secret as it was sent, and as a form or a query string carries
    /// it (percent-encoded, upper- and lower-case, `+` for a space).
    pub(crate) fn add(&mut self, secret: &str) -> &mut Secrets {
        if secret.len() < MIN_SECRET {
            return self;
        }
        let encoded = crate::encode::component(secret);
        let lower = lower_escapes(&encoded);
        let plus = encoded.replace("%20", "+");
        for form in [secret.to_owned(), encoded, lower, plus] {
            self.push(form);
        }
        self
    }

    /// The HTTP Basic credential of `id:secret` in each base64 alphabet,
    /// padded or not, and the secret itself.
    pub(crate) fn add_basic(&mut self, id: &str, secret: &str) -> &mut Secrets {
        use base64::Engine as _;
        use base64::engine::general_purpose::{
            STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD,
        };
        self.add(secret);
        if secret.len() >= MIN_SECRET {
            let pair = format!("{id}:{secret}");
            for engine in [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD] {
                self.push(engine.encode(&pair));
            }
        }
        self
    }

    fn push(&mut self, form: String) {
        if !self.forms.contains(&form) {
            let at = self.forms.partition_point(|f| f.len() >= form.len());
            self.forms.insert(at, form);
        }
    }

    /// Whether `text` holds any form of any secret.
    pub(crate) fn found_in(&self, text: &str) -> bool {
        self.forms.iter().any(|f| text.contains(f.as_str()))
    }

    /// `text` with every form of every secret replaced by `<redacted>`.
    pub(crate) fn scrub<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        if !self.found_in(text) {
            return std::borrow::Cow::Borrowed(text);
        }
        let mut out = text.to_owned();
        for form in &self.forms {
            if out.contains(form.as_str()) {
                out = out.replace(form.as_str(), REDACTED);
            }
        }
        std::borrow::Cow::Owned(out)
    }

    fn scrub_in_place(&self, text: &mut String) {
        if let std::borrow::Cow::Owned(clean) = self.scrub(text) {
            *text = clean;
        }
    }

    /// Whether a cause, or a cause of it, shows a secret in its `Display`
    /// or `Debug`.
    fn shown_by(&self, cause: &(dyn std::error::Error + 'static)) -> bool {
        let mut next = Some(cause);
        // Chains are short; the bound only guards against a cycle.
        for _ in 0..32 {
            let Some(e) = next else { return false };
            if self.found_in(&e.to_string()) || self.found_in(&format!("{e:?}")) {
                return true;
            }
            next = e.source();
        }
        true
    }
}

/// `%2F` → `%2f`: some servers re-encode with lower-case hex.
fn lower_escapes(encoded: &str) -> String {
    let mut out = String::with_capacity(encoded.len());
    let mut hex_left = 0;
    for c in encoded.chars() {
        if c == '%' {
            hex_left = 2;
            out.push(c);
        } else if hex_left > 0 {
            hex_left -= 1;
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

impl Error {
    /// The same error with every form of `secrets` (what a request sent: a
    /// bearer token, a code, a verifier, a refresh token, the client
    /// secret and its Basic credential) cut out of whatever the server's
    /// answer put into it. A cause that shows one is dropped.
    pub(crate) fn redact(mut self, secrets: &Secrets) -> Error {
        match &mut self {
            Error::Api { message, .. } => secrets.scrub_in_place(message),
            Error::Transport {
                message, source, ..
            } => {
                secrets.scrub_in_place(message);
                if source.as_deref().is_some_and(|s| secrets.shown_by(s)) {
                    *source = None;
                }
            }
            Error::Auth {
                error, description, ..
            } => {
                secrets.scrub_in_place(error);
                if let Some(d) = description {
                    secrets.scrub_in_place(d);
                }
            }
            Error::RefreshRevoked { description, .. } => secrets.scrub_in_place(description),
            // A refused `next` link quotes the server's text.
            Error::InvalidInput { message, .. } => secrets.scrub_in_place(message),
            Error::Decode {
                path,
                message,
                body,
                source,
                ..
            } => {
                secrets.scrub_in_place(path);
                secrets.scrub_in_place(message);
                secrets.scrub_in_place(body);
                if source.as_deref().is_some_and(|s| secrets.shown_by(s)) {
                    *source = None;
                }
            }
            _ => {}
        }
        self
    }

    /// The HTTP status, for [`Error::Api`] and [`Error::Auth`], for an
    /// [`Error::MissingScope`] that Spotify answered, and 403 for
    /// [`Error::DevelopmentMode`].
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. } | Error::Auth { status, .. } => Some(*status),
            Error::MissingScope { status, .. } => *status,
            Error::DevelopmentMode { .. } => Some(403),
            _ => None,
        }
    }

    /// The `Retry-After` delay the server asked for, for [`Error::Api`]
    /// and [`Error::Auth`] (a 429 too long to wait out, or a 429 or 503
    /// when the retries ran out), and what is left of it for
    /// [`Error::RateLimited`].
    ///
    /// ```
    /// # use spotify_blocking::Error;
    /// # fn check(err: Error) {
    /// if let Some(wait) = err.retry_after() {
    ///     println!("rate limited: try again in {} s", wait.as_secs());
    /// }
    /// # }
    /// ```
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::Api { retry_after, .. } | Error::Auth { retry_after, .. } => *retry_after,
            Error::RateLimited { retry_after, .. } => Some(*retry_after),
            _ => None,
        }
    }

    /// The player reason, for [`Error::Api`] errors that carry one.
    ///
    /// ```
    /// # use spotify_blocking::{Error, PlayerReason};
    /// # fn check(err: Error) {
    /// if err.reason() == Some(&PlayerReason::NoActiveDevice) {
    ///     println!("start Spotify on a device first");
    /// }
    /// # }
    /// ```
    pub fn reason(&self) -> Option<&PlayerReason> {
        match self {
            Error::Api { reason, .. } => reason.as_ref(),
            _ => None,
        }
    }

    /// A copy for a cloned request value: the same variant and fields,
    /// with a cause kept as text (causes are not `Clone`).
    pub(crate) fn duplicate(&self) -> Error {
        match self {
            Error::InvalidId {
                input,
                expected,
                reason,
            } => Error::InvalidId {
                input: input.clone(),
                expected,
                reason: reason.clone(),
            },
            Error::InvalidInput { param, message } => Error::InvalidInput {
                param,
                message: message.clone(),
            },
            Error::Redirect(r) => Error::Redirect(r.clone()),
            other => Error::InvalidInput {
                param: "request",
                message: other.to_string(),
            },
        }
    }

    /// An [`Error::Store`] for the error of a
    /// [`TokenStore`](crate::TokenStore) of your own (a database's, a
    /// keychain's). Keep secrets out of its message: it is shown as it is.
    ///
    /// ```
    /// use spotify_blocking::Error;
    /// let err = Error::store("the database is locked");
    /// assert_eq!(err.to_string(), "the token store failed: the database is locked");
    /// ```
    pub fn store(source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Error {
        Error::Store {
            source: source.into(),
        }
    }

    pub(crate) fn invalid_input(param: &'static str, message: impl Into<String>) -> Error {
        Error::InvalidInput {
            param,
            message: message.into(),
        }
    }
}

/// The `reason` of a player error (Spotify's `PlayerError` codes).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PlayerReason {
    /// `NO_PREV_TRACK`
    NoPrevTrack,
    /// `NO_NEXT_TRACK`
    NoNextTrack,
    /// `NO_SPECIFIC_TRACK`
    NoSpecificTrack,
    /// `ALREADY_PAUSED`
    AlreadyPaused,
    /// `NOT_PAUSED`
    NotPaused,
    /// `NOT_PLAYING_LOCALLY`
    NotPlayingLocally,
    /// `NOT_PLAYING_TRACK`
    NotPlayingTrack,
    /// `NOT_PLAYING_CONTEXT`
    NotPlayingContext,
    /// `ENDLESS_CONTEXT`
    EndlessContext,
    /// `CONTEXT_DISALLOW`
    ContextDisallow,
    /// `ALREADY_PLAYING`
    AlreadyPlaying,
    /// `RATE_LIMITED`
    RateLimited,
    /// `REMOTE_CONTROL_DISALLOW`
    RemoteControlDisallow,
    /// `DEVICE_NOT_CONTROLLABLE`
    DeviceNotControllable,
    /// `VOLUME_CONTROL_DISALLOW`
    VolumeControlDisallow,
    /// `NO_ACTIVE_DEVICE`: nothing is playing anywhere; start Spotify on a device.
    NoActiveDevice,
    /// `PREMIUM_REQUIRED`
    PremiumRequired,
    /// `UNKNOWN`
    UnknownReason,
    /// A code this version does not know yet.
    Unknown(String),
}

const REASONS: &[(&str, PlayerReason)] = &[
    ("NO_PREV_TRACK", PlayerReason::NoPrevTrack),
    ("NO_NEXT_TRACK", PlayerReason::NoNextTrack),
    ("NO_SPECIFIC_TRACK", PlayerReason::NoSpecificTrack),
    ("ALREADY_PAUSED", PlayerReason::AlreadyPaused),
    ("NOT_PAUSED", PlayerReason::NotPaused),
    ("NOT_PLAYING_LOCALLY", PlayerReason::NotPlayingLocally),
    ("NOT_PLAYING_TRACK", PlayerReason::NotPlayingTrack),
    ("NOT_PLAYING_CONTEXT", PlayerReason::NotPlayingContext),
    ("ENDLESS_CONTEXT", PlayerReason::EndlessContext),
    ("CONTEXT_DISALLOW", PlayerReason::ContextDisallow),
    ("ALREADY_PLAYING", PlayerReason::AlreadyPlaying),
    ("RATE_LIMITED", PlayerReason::RateLimited),
    (
        "REMOTE_CONTROL_DISALLOW",
        PlayerReason::RemoteControlDisallow,
    ),
    (
        "DEVICE_NOT_CONTROLLABLE",
        PlayerReason::DeviceNotControllable,
    ),
    (
        "VOLUME_CONTROL_DISALLOW",
        PlayerReason::VolumeControlDisallow,
    ),
    ("NO_ACTIVE_DEVICE", PlayerReason::NoActiveDevice),
    ("PREMIUM_REQUIRED", PlayerReason::PremiumRequired),
    ("UNKNOWN", PlayerReason::UnknownReason),
];

impl PlayerReason {
    /// Parses Spotify's code; unknown codes become [`PlayerReason::Unknown`].
    pub fn parse(code: &str) -> PlayerReason {
        REASONS
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, r)| r.clone())
            .unwrap_or_else(|| PlayerReason::Unknown(code.to_owned()))
    }

    /// Spotify's code for this reason.
    pub fn as_str(&self) -> &str {
        match self {
            PlayerReason::Unknown(s) => s,
            other => REASONS
                .iter()
                .find(|(_, r)| r == other)
                .map(|(c, _)| *c)
                .unwrap_or("UNKNOWN"),
        }
    }
}

impl fmt::Display for PlayerReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a pasted redirect URL (or the loopback catcher) could not be used.
///
/// Each variant's message says what to do next. No variant holds the
/// authorisation code or the `state`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RedirectError {
    /// The text is neither a URL nor a bare authorisation code.
    #[error("the pasted text is not a URL; paste the whole address from the browser's address bar")]
    NotAUrl,
    /// The URL's scheme, host, port or path differ from the redirect URI.
    #[non_exhaustive]
    #[error(
        "the URL points to {found:?}, not to the redirect URI {expected:?}; paste the address the browser was sent to after logging in"
    )]
    WrongTarget {
        /// The redirect URI that was expected.
        expected: String,
        /// Scheme, host and path of the pasted URL (without its query).
        found: String,
    },
    /// The user declined the authorisation (`error=access_denied`).
    #[error(
        "the authorisation was declined (access_denied); run the login again and press \"Agree\" on Spotify's page"
    )]
    Denied,
    /// Spotify redirected with another `error` (a bad client ID, an
    /// unregistered redirect URI, ...).
    #[non_exhaustive]
    #[error(
        "Spotify refused the authorisation ({error}); check the client ID and that the redirect URI is registered in the app's settings, then run the login again"
    )]
    Refused {
        /// The `error` parameter.
        error: String,
    },
    /// The URL has no `code` parameter.
    #[error(
        "the URL has no `code` parameter; paste the full address including everything after `?`"
    )]
    MissingCode,
    /// The URL has more than one `code`, `state` or `error` parameter.
    #[error(
        "the URL has more than one `{0}` parameter; paste the address exactly as the browser shows it"
    )]
    Repeated(&'static str),
    /// The `state` is missing or does not match the one this login started
    /// with.
    #[error(
        "the `state` parameter does not match this login (a stale or forged redirect); start the login again and paste the newest address"
    )]
    StateMismatch,
    /// The loopback catcher waited this long without the browser coming back.
    #[error(
        "no redirect arrived within {} s; run the login again and finish it in the browser in time", .0.as_secs()
    )]
    Timeout(std::time::Duration),
}

/// Shorthand for `Result<T, spotify_blocking::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_of_a_secret_is_cut_out() {
        let mut s = Secrets::default();
        s.add("a/b+c=d e-12345")
            .add("short")
            .add_basic("id", "s3cret-value");
        let text = "raw a/b+c=d e-12345, form a%2Fb%2Bc%3Dd%20e-12345, \
                    lower a%2fb%2bc%3dd%20e-12345, plus a%2Fb%2Bc%3Dd+e-12345, \
                    basic aWQ6czNjcmV0LXZhbHVl, short stays";
        let clean = s.scrub(text);
        assert_eq!(
            clean,
            "raw <redacted>, form <redacted>, lower <redacted>, plus <redacted>, \
             basic <redacted>, short stays"
        );
        // The padded and URL-safe base64 forms, and the raw pair.
        for form in ["aWQ6czNjcmV0LXZhbHVl", "id:s3cret-value"] {
            assert!(s.found_in(form));
        }
        assert!(matches!(
            s.scrub("nothing here"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn a_cause_that_shows_a_secret_is_dropped() {
        let mut s = Secrets::default();
        s.add("bearer-token-1234");
        let leaky = std::io::Error::other("echo: bearer-token-1234");
        let err = Error::Transport {
            message: "failed: bearer-token-1234".into(),
            endpoint: "GET /x".into(),
            attempts: 1,
            source: Some(Box::new(leaky)),
        }
        .redact(&s);
        assert!(
            matches!(&err, Error::Transport { message, source: None, .. } if message == "failed: <redacted>")
        );
        let clean = std::io::Error::other("connection reset");
        let err = Error::Transport {
            message: "failed".into(),
            endpoint: "GET /x".into(),
            attempts: 1,
            source: Some(Box::new(clean)),
        }
        .redact(&s);
        assert!(std::error::Error::source(&err).is_some());
    }
}
