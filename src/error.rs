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
        /// The `Retry-After` delay Spotify asked for (429 and some 503s).
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
    },

    /// The refresh token was revoked or expired (`invalid_grant`): the user
    /// must log in again.
    #[error("the refresh token was rejected ({description}): log in again to get a new one")]
    #[non_exhaustive]
    RefreshRevoked {
        /// Spotify's `error_description`.
        description: String,
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

/// What a failed connection to `url` says: the host it tried and what
/// went wrong (`could not connect to api.spotify.com: connection refused`).
pub(crate) fn transport_message(error: &ureq::Error, url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?']).next().unwrap_or(rest);
    let host = authority.rsplit('@').next().unwrap_or(authority);
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

/// Replaces every occurrence of the secrets in `text`. Strings shorter
/// than 8 bytes are left alone: no real secret is that short, and they
/// would match ordinary words of a message.
fn scrub(text: &mut String, secrets: &[&str]) {
    for secret in secrets {
        if secret.len() >= 8 && text.contains(secret) {
            *text = text.replace(secret, "<redacted>");
        }
    }
}

impl Error {
    /// The same error with `secrets` (what a request sent: a code, a
    /// verifier, a refresh token, the client secret) cut out of whatever
    /// the server's answer put into it.
    pub(crate) fn redact(mut self, secrets: &[&str]) -> Error {
        match &mut self {
            Error::Api { message, .. } | Error::Transport { message, .. } => {
                scrub(message, secrets);
            }
            Error::Auth {
                error, description, ..
            } => {
                scrub(error, secrets);
                if let Some(d) = description {
                    scrub(d, secrets);
                }
            }
            Error::RefreshRevoked { description } => scrub(description, secrets),
            Error::Decode {
                path,
                message,
                body,
                ..
            } => {
                scrub(path, secrets);
                scrub(message, secrets);
                scrub(body, secrets);
            }
            _ => {}
        }
        self
    }

    /// The HTTP status, for [`Error::Api`] and [`Error::Auth`].
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. } | Error::Auth { status, .. } => Some(*status),
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
