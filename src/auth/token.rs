//! Access tokens.

use super::scope::Scopes;
use serde::Deserialize;
use std::fmt;
use std::time::{Duration, SystemTime};

/// How close to expiry a token counts as expiring.
const MARGIN: Duration = Duration::from_secs(60);

/// The longest life taken from a token answer's `expires_in`: a larger
/// number (up to `u64::MAX`) is read as a year instead of overflowing the
/// clock. Spotify grants an hour.
const MAX_LIFETIME: Duration = Duration::from_secs(365 * 86_400);

/// An access token, with its expiry, scopes and (for user tokens) its
/// refresh token. `Debug` and `Display` never show the secrets.
///
/// A token from the accounts service expires `expires_in` seconds after it
/// arrived; a number above a year (365 days) is taken as a year.
///
/// ```
/// use spotify_blocking::Token;
/// let token = Token::from_access_token("BQD...secret");
/// assert!(!format!("{token:?}").contains("secret"));
/// assert!(!token.is_expiring());
/// ```
#[derive(Clone)]
pub struct Token {
    pub(crate) access_token: String,
    pub(crate) token_type: String,
    pub(crate) expires_at: Option<SystemTime>,
    pub(crate) scopes: Scopes,
    pub(crate) refresh_token: Option<String>,
    /// Set for tokens from the PKCE flow (refreshed without a secret).
    pub(crate) pkce: bool,
}

/// The token endpoint's JSON answer.
#[derive(Deserialize)]
pub(crate) struct TokenResponse {
    access_token: String,
    #[serde(default)]
    token_type: Option<String>,
    #[serde(default)]
    expires_in: Option<u64>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    refresh_token: Option<String>,
}

impl TokenResponse {
    pub(crate) fn into_token(self, pkce: bool) -> Token {
        Token {
            access_token: self.access_token,
            token_type: self.token_type.unwrap_or_else(|| "Bearer".into()),
            expires_at: self.expires_in.and_then(|s| {
                SystemTime::now().checked_add(Duration::from_secs(s).min(MAX_LIFETIME))
            }),
            scopes: Scopes::parse(self.scope.as_deref().unwrap_or("")),
            refresh_token: self.refresh_token,
            pkce,
        }
    }
}

impl Token {
    /// Wraps an access token obtained elsewhere. Its expiry is unknown, so
    /// it never counts as expiring.
    pub fn from_access_token(access_token: impl Into<String>) -> Token {
        Token {
            access_token: access_token.into(),
            token_type: "Bearer".into(),
            expires_at: None,
            scopes: Scopes::new(),
            refresh_token: None,
            pkce: false,
        }
    }

    /// The same token with a known expiry time: for a token stored
    /// elsewhere together with its expiry, so that a
    /// [`RefreshingToken`](crate::RefreshingToken) renews it in time.
    ///
    /// ```
    /// use spotify_blocking::Token;
    /// use std::time::{Duration, SystemTime};
    ///
    /// let soon = SystemTime::now() + Duration::from_secs(30);
    /// let token = Token::from_access_token("BQD...").with_expiry(soon);
    /// assert!(token.is_expiring());
    /// ```
    pub fn with_expiry(mut self, expires_at: SystemTime) -> Token {
        self.expires_at = Some(expires_at);
        self
    }

    /// The secret access token, for the `Authorization` header.
    pub fn access_token(&self) -> &str {
        &self.access_token
    }

    /// The token type (`Bearer`).
    pub fn token_type(&self) -> &str {
        &self.token_type
    }

    /// When the token expires, when known.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }

    /// Time left before expiry (zero once expired), when known.
    pub fn expires_in(&self) -> Option<Duration> {
        self.expires_at
            .map(|t| t.duration_since(SystemTime::now()).unwrap_or_default())
    }

    /// Whether the token expires within a minute.
    pub fn is_expiring(&self) -> bool {
        self.expires_in().is_some_and(|left| left <= MARGIN)
    }

    /// The scopes the token was granted (empty for app tokens).
    pub fn scopes(&self) -> &Scopes {
        &self.scopes
    }

    /// The refresh token of a user token.
    pub fn refresh_token(&self) -> Option<&str> {
        self.refresh_token.as_deref()
    }

    /// Whether the token came from the PKCE flow.
    pub fn is_pkce(&self) -> bool {
        self.pkce
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field("access_token", &"<redacted>")
            .field("token_type", &self.token_type)
            .field("expires_in", &self.expires_in())
            .field("scopes", &self.scopes.to_string())
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "<redacted>"),
            )
            .field("pkce", &self.pkce)
            .finish()
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} token", self.token_type)?;
        if let Some(left) = self.expires_in() {
            write!(f, ", expires in {} s", left.as_secs())?;
        }
        if !self.scopes.is_empty() {
            write!(f, ", scopes: {}", self.scopes)?;
        }
        if self.refresh_token.is_some() {
            f.write_str(", refreshable")?;
        }
        Ok(())
    }
}
