//! Tokens that renew themselves.

use super::credentials::Credentials;
use super::token::Token;
use crate::error::Result;
use std::fmt;

/// A token that renews itself shortly before it expires: user tokens with
/// their refresh token, app tokens by asking for a new one.
///
/// Give it to [`Spotify`](crate::Spotify) and calls never fail on an expired
/// token; the refresh happens lazily, under the client's lock, so several
/// threads sharing a client refresh once.
///
/// ```no_run
/// use spotify_blocking::{Credentials, RefreshingToken, Spotify};
/// let creds = Credentials::new("id", "secret");
/// let token = creds.request_client_token()?;
/// let spotify = Spotify::new(RefreshingToken::new(token, creds));
/// # Ok::<(), spotify_blocking::Error>(())
/// ```
#[derive(Clone)]
pub struct RefreshingToken {
    token: Token,
    credentials: Credentials,
    /// The token came from a renewal (or straight from the accounts
    /// service) and has not been handed out by [`fresh`](Self::fresh) yet.
    unused: bool,
}

impl RefreshingToken {
    /// Wraps a token with the credentials that renew it.
    pub fn new(token: Token, credentials: Credentials) -> RefreshingToken {
        RefreshingToken {
            token,
            credentials,
            unused: false,
        }
    }

    /// Like [`new`](Self::new), for a token just obtained: it is used at
    /// least once before it is renewed, however short its life.
    pub(crate) fn new_fresh(token: Token, credentials: Credentials) -> RefreshingToken {
        RefreshingToken {
            unused: true,
            ..RefreshingToken::new(token, credentials)
        }
    }

    /// The current token (possibly expired; see [`refresh`](Self::refresh)).
    pub fn token(&self) -> &Token {
        &self.token
    }

    /// The refresh token, for saving to a config file.
    pub fn refresh_token(&self) -> Option<&str> {
        self.token.refresh_token()
    }

    /// Renews the token now. A user token keeps its refresh token when
    /// Spotify does not send a new one; a revoked one is
    /// [`Error::RefreshRevoked`](crate::Error::RefreshRevoked).
    pub fn refresh(&mut self) -> Result<()> {
        let new = match &self.token.refresh_token {
            Some(refresh) => {
                log::debug!("renewing the user token with its refresh token");
                let mut new = self.credentials.refresh_grant(refresh, self.token.pkce)?;
                if new.scopes.is_empty() {
                    new.scopes = self.token.scopes.clone();
                    new.scopes_known |= self.token.scopes_known;
                }
                new
            }
            None => {
                log::debug!("renewing the app token: requesting a new one");
                self.credentials.request_client_token()?
            }
        };
        log::info!(
            "token renewed{}",
            match new.expires_in() {
                Some(left) => format!(", expires in {} s", left.as_secs()),
                None => String::new(),
            }
        );
        self.token = new;
        self.unused = true;
        Ok(())
    }

    /// The token, renewed first if it is
    /// [expiring](Token::is_expiring) — unless the last renewal brought
    /// it and it has not been handed out yet: each renewed token is used at
    /// least once, so a token granted for 0 s costs one renewal per call,
    /// never more.
    pub fn fresh(&mut self) -> Result<&Token> {
        if self.token.is_expiring() && !self.unused {
            log::info!(
                "the access token expires in {} s: renewing it",
                self.token.expires_in().unwrap_or_default().as_secs()
            );
            self.refresh()?;
        }
        self.unused = false;
        Ok(&self.token)
    }
}

impl fmt::Debug for RefreshingToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RefreshingToken")
            .field("token", &self.token)
            .field("credentials", &self.credentials)
            .finish()
    }
}

/// Either kind of token; what [`Spotify`](crate::Spotify) holds.
///
/// Usually made by `.into()` from a [`Token`] or a [`RefreshingToken`]
/// (which [`Spotify::new`](crate::Spotify::new) does itself). Other kinds
/// may be added, so a `match` on it needs a `_` arm.
///
/// ```
/// use spotify_blocking::{AnyToken, Token};
///
/// let any: AnyToken = Token::from_access_token("BQD...").into();
/// assert!(matches!(any, AnyToken::Plain(_)));
/// assert_eq!(any.token().access_token(), "BQD...");
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum AnyToken {
    /// A token used as it is until it expires.
    Plain(Token),
    /// A token that renews itself.
    Refreshing(RefreshingToken),
}

impl AnyToken {
    /// The token as it is now.
    pub fn token(&self) -> &Token {
        match self {
            AnyToken::Plain(t) => t,
            AnyToken::Refreshing(r) => r.token(),
        }
    }
}

impl From<Token> for AnyToken {
    fn from(t: Token) -> AnyToken {
        AnyToken::Plain(t)
    }
}

impl From<RefreshingToken> for AnyToken {
    fn from(t: RefreshingToken) -> AnyToken {
        AnyToken::Refreshing(t)
    }
}
