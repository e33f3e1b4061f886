//! Access tokens.

use super::scope::Scopes;
use crate::error::{Error, Result};
use serde::Deserialize;
use std::fmt;
use std::time::{Duration, SystemTime};

/// How close to expiry a token counts as expiring, at most: a tenth of
/// its life when that is shorter (see [`Token::is_expiring`]).
const MARGIN: Duration = Duration::from_secs(60);

/// The longest life taken from a token answer's `expires_in`: a larger
/// number (up to `u64::MAX`) is read as a year instead of overflowing the
/// clock. Spotify grants an hour.
const MAX_LIFETIME: Duration = Duration::from_secs(365 * 86_400);

/// How long a login lasts: Spotify ends refresh tokens six months after
/// the login that issued them (since 2026-07-20), counted here as 180
/// days so that estimates err on the early side.
pub(crate) const LOGIN_LIFETIME: Duration = Duration::from_secs(180 * 86_400);

/// An access token, with its expiry, scopes and (for user tokens) its
/// refresh token. `Debug` and `Display` never show the secrets.
///
/// A token from the accounts service expires `expires_in` seconds after it
/// arrived; a number above a year (365 days) is taken as a year. An answer
/// with an empty access token (or one an HTTP header cannot carry) is
/// refused with [`Error::Decode`](crate::Error::Decode) at `access_token`.
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
    /// The life the accounts service granted (its `expires_in`), which
    /// sizes the renewal margin; `None` when the expiry came from elsewhere.
    pub(crate) lifetime: Option<Duration>,
    pub(crate) scopes: Scopes,
    /// Whether `scopes` is what was granted (false for a token built from
    /// a bare access token, whose scopes nobody told us).
    pub(crate) scopes_known: bool,
    pub(crate) refresh_token: Option<String>,
    /// Set for tokens from the PKCE flow (refreshed without a secret).
    pub(crate) pkce: bool,
    /// When the user logged in (the code exchange that issued the refresh
    /// token), when known; renewals keep it.
    pub(crate) login_time: Option<SystemTime>,
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
    /// The token, or why the answer cannot be one: an access token that is
    /// empty or could not go into an `Authorization` header (the message
    /// names the fault, never the token).
    pub(crate) fn into_token(self, pkce: bool) -> Result<Token> {
        let fault = if self.access_token.is_empty() {
            Some("the access token is empty")
        } else if !self.access_token.bytes().all(|b| b.is_ascii_graphic()) {
            Some("the access token holds characters an HTTP header cannot carry")
        } else {
            None
        };
        if let Some(message) = fault {
            return Err(Error::Decode {
                endpoint: "POST /api/token".into(),
                path: "access_token".into(),
                message: message.into(),
                body: "(not shown: it may hold a token)".into(),
                source: None,
            });
        }
        let lifetime = self
            .expires_in
            .map(|s| Duration::from_secs(s).min(MAX_LIFETIME));
        Ok(Token {
            access_token: self.access_token,
            token_type: self
                .token_type
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| "Bearer".into()),
            expires_at: lifetime.and_then(|life| SystemTime::now().checked_add(life)),
            lifetime,
            scopes_known: self.scope.is_some(),
            scopes: Scopes::parse(self.scope.as_deref().unwrap_or("")),
            refresh_token: self.refresh_token,
            pkce,
            login_time: None,
        })
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
            lifetime: None,
            scopes: Scopes::new(),
            scopes_known: false,
            refresh_token: None,
            pkce: false,
            login_time: None,
        }
    }

    /// The same token with a refresh token: for a token stored elsewhere
    /// (see [`TokenStore`](crate::TokenStore)).
    ///
    /// ```
    /// use spotify_blocking::Token;
    /// let token = Token::from_access_token("BQD...").with_refresh_token("AQC...");
    /// assert_eq!(token.refresh_token(), Some("AQC..."));
    /// ```
    pub fn with_refresh_token(mut self, refresh_token: impl Into<String>) -> Token {
        self.refresh_token = Some(refresh_token.into());
        self
    }

    /// The same token with these granted scopes: for a token stored
    /// elsewhere.
    ///
    /// ```
    /// use spotify_blocking::{Token, scope};
    /// let token = Token::from_access_token("BQD...").with_scopes(scope::read());
    /// assert_eq!(token.scopes(), &scope::read());
    /// ```
    pub fn with_scopes(mut self, scopes: impl Into<Scopes>) -> Token {
        self.scopes = scopes.into();
        self
    }

    /// The same token with the time the user logged in: for a token stored
    /// elsewhere, so that [`login_expires_in`](Self::login_expires_in) and
    /// [`Error::RefreshRevoked`](crate::Error::RefreshRevoked) know the
    /// login's age. Tokens from a code exchange
    /// ([`UserAuth`](crate::UserAuth)) carry it already, and renewals keep
    /// it.
    ///
    /// ```
    /// use spotify_blocking::Token;
    /// use std::time::{Duration, SystemTime};
    ///
    /// let a_month_ago = SystemTime::now() - Duration::from_secs(30 * 86_400);
    /// let token = Token::from_access_token("BQD...").with_login_time(a_month_ago);
    /// let left = token.login_expires_in().unwrap();
    /// assert!(left > Duration::from_secs(140 * 86_400));
    /// ```
    pub fn with_login_time(mut self, login_time: SystemTime) -> Token {
        self.login_time = Some(login_time);
        self
    }

    /// When the user logged in, when known (see
    /// [`with_login_time`](Self::with_login_time)).
    pub fn login_time(&self) -> Option<SystemTime> {
        self.login_time
    }

    /// How long ago the user logged in, when known.
    pub fn login_age(&self) -> Option<Duration> {
        self.login_time
            .map(|t| SystemTime::now().duration_since(t).unwrap_or_default())
    }

    /// How long the login has left (zero once over), when its time is
    /// known: Spotify ends a refresh token six months after the login that
    /// issued it, whatever the renewals in between; this counts six months
    /// as 180 days. After that the user must log in again.
    pub fn login_expires_in(&self) -> Option<Duration> {
        self.login_age()
            .map(|age| LOGIN_LIFETIME.saturating_sub(age))
    }

    /// The same token with a known expiry time: for a token stored
    /// elsewhere together with its expiry, so that a
    /// [`RefreshingToken`](crate::RefreshingToken) renews it in time. Its
    /// life is not known, so it counts as expiring a minute before
    /// `expires_at`.
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
        self.lifetime = None;
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

    /// Whether the token expires within its renewal margin: a minute, or
    /// a tenth of the life the accounts service granted when that is
    /// shorter (a token granted for 30 s counts as expiring 3 s before its
    /// end, not from the start). A token without an expiry never expires.
    pub fn is_expiring(&self) -> bool {
        self.expires_in().is_some_and(|left| left <= self.margin())
    }

    /// The renewal margin [`is_expiring`](Self::is_expiring) uses.
    fn margin(&self) -> Duration {
        match self.lifetime {
            Some(life) => MARGIN.min(life / 10),
            None => MARGIN,
        }
    }

    /// The scopes the token was granted (empty for app tokens).
    pub fn scopes(&self) -> &Scopes {
        &self.scopes
    }

    /// Whether [`scopes`](Self::scopes) is known to be what was granted:
    /// true for every token the accounts service issued through this crate
    /// (an app token's are known to be none), false for one built with
    /// [`from_access_token`](Self::from_access_token). Only tokens with
    /// known scopes are checked before sending (see
    /// [`SpotifyBuilder::scope_check`](crate::SpotifyBuilder::scope_check)).
    ///
    /// ```
    /// use spotify_blocking::Token;
    /// assert!(!Token::from_access_token("BQD...").scopes_known());
    /// ```
    pub fn scopes_known(&self) -> bool {
        self.scopes_known
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

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(json: &str) -> Result<Token> {
        serde_json::from_str::<TokenResponse>(json)
            .unwrap()
            .into_token(false)
    }

    #[test]
    fn the_margin_is_a_tenth_of_a_short_life_and_a_minute_of_a_long_one() {
        for (life, margin) in [(3600, 60), (600, 60), (300, 30), (30, 3), (0, 0)] {
            let t = answer(&format!(r#"{{"access_token":"t","expires_in":{life}}}"#)).unwrap();
            assert_eq!(t.margin(), Duration::from_secs(margin), "{life}");
            assert_eq!(t.is_expiring(), life == 0, "{life}");
        }
        let t =
            Token::from_access_token("t").with_expiry(SystemTime::now() + Duration::from_secs(30));
        assert_eq!(t.margin(), MARGIN);
        assert!(t.is_expiring());
        assert!(!Token::from_access_token("t").is_expiring());
    }

    #[test]
    fn an_unusable_access_token_is_a_decode_error_that_does_not_show_it() {
        for json in [
            r#"{"access_token":""}"#,
            r#"{"access_token":"tok en-secret-1234"}"#,
            r#"{"access_token":"token-secret-1234\n"}"#,
            r#"{"access_token":"tökenSecret1234"}"#,
        ] {
            match answer(json).unwrap_err() {
                Error::Decode {
                    path,
                    message,
                    body,
                    source,
                    ..
                } => {
                    assert_eq!(path, "access_token");
                    assert!(!message.contains("secret") && !body.contains("secret"));
                    assert!(source.is_none());
                }
                other => panic!("{json}: {other:?}"),
            }
        }
        let t = answer(r#"{"access_token":"BQD-._~+/=","token_type":""}"#).unwrap();
        assert_eq!(t.token_type(), "Bearer");
        assert_eq!(t.expires_at(), None);
    }
}
