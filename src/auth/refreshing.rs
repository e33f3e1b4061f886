//! Tokens that renew themselves.

use super::credentials::Credentials;
use super::store::TokenStore;
use super::token::Token;
use crate::error::{Error, Result};
use std::fmt;
use std::sync::Arc;

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
    /// Where renewed tokens go, and where renewals are coordinated.
    store: Option<Arc<dyn TokenStore>>,
}

impl RefreshingToken {
    /// Wraps a token with the credentials that renew it.
    pub fn new(token: Token, credentials: Credentials) -> RefreshingToken {
        RefreshingToken {
            token,
            credentials,
            unused: false,
            store: None,
        }
    }

    /// The same token, renewed through `store`: each renewal goes through
    /// [`TokenStore::renew`], which by default first takes a newer token
    /// the store holds (another process may have renewed it) and saves the
    /// one it gets, so a rotated refresh token is never lost.
    ///
    /// [`SpotifyBuilder::build_with_store`](crate::SpotifyBuilder::build_with_store)
    /// and [`Spotify::with_store`](crate::Spotify::with_store) make one
    /// from what the store holds.
    ///
    /// ```no_run
    /// use spotify_blocking::{Credentials, FileTokenStore, RefreshingToken, Spotify};
    /// use std::sync::Arc;
    ///
    /// let creds = Credentials::new("id", "secret");
    /// let token = creds.refresh_user_token("saved-refresh-token")?;
    /// let store = Arc::new(FileTokenStore::new("tekore.cfg"));
    /// let spotify = Spotify::new(RefreshingToken::new(token, creds).with_store(store));
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn with_store(mut self, store: Arc<dyn TokenStore>) -> RefreshingToken {
        self.store = Some(store);
        self
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
    ///
    /// With a [store](Self::with_store) the renewal goes through
    /// [`TokenStore::renew`]. When the store fails after Spotify issued a
    /// new token (saving it, say), the new token is still used from then
    /// on, and the store's error is returned.
    pub fn refresh(&mut self) -> Result<()> {
        let credentials = &self.credentials;
        let result = match &self.store {
            None => grant(credentials, &self.token),
            Some(store) => {
                let mut obtained = None;
                let mut renew = |from: &Token| {
                    let new = grant(credentials, from)?;
                    obtained = Some(new.clone());
                    Ok(new)
                };
                match store.renew(&self.token, &mut renew) {
                    Ok(new) => Ok(new),
                    Err(e) => {
                        if let Some(new) = obtained {
                            self.token = new;
                            self.unused = true;
                        }
                        return Err(e);
                    }
                }
            }
        };
        match result {
            Ok(new) => {
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
            Err(Error::RefreshRevoked { description, .. }) => Err(Error::RefreshRevoked {
                description,
                login_age: self.token.login_age(),
            }),
            Err(e) => Err(e),
        }
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

/// A new token for `from`: its refresh grant (keeping its scopes when
/// Spotify sends none, and its login time), or a new app token.
fn grant(credentials: &Credentials, from: &Token) -> Result<Token> {
    match &from.refresh_token {
        Some(refresh) => {
            log::debug!("renewing the user token with its refresh token");
            let pkce = from.pkce || credentials.client_secret.is_none();
            let mut new = credentials.refresh_grant(refresh, pkce)?;
            if new.scopes.is_empty() {
                new.scopes = from.scopes.clone();
                new.scopes_known |= from.scopes_known;
            }
            new.login_time = from.login_time;
            Ok(new)
        }
        None => {
            log::debug!("renewing the app token: requesting a new one");
            credentials.request_client_token()
        }
    }
}

impl fmt::Debug for RefreshingToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RefreshingToken")
            .field("token", &self.token)
            .field("credentials", &self.credentials)
            .field("store", &self.store.as_ref().map(|_| "<store>"))
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
