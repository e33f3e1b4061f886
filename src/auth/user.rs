//! The user flows: authorization code (with a client secret) and PKCE
//! (without one), and refreshing their tokens.

use super::credentials::Credentials;
use super::pkce::{new_state, new_verifier, s256_challenge};
use super::redirect::{extract_code, split_url};
use super::scope::Scopes;
use super::token::Token;
use crate::error::{Error, RedirectError, Result};
use std::fmt;

impl Credentials {
    /// The address of Spotify's login page for `scopes`, carrying `state`
    /// back to the redirect URI; `show_dialog` asks the user to approve
    /// again even if they did before.
    ///
    /// Needs a [`redirect_uri`](Credentials::redirect_uri). Most callers
    /// want [`UserAuth`], which also makes and checks the `state`.
    pub fn user_authorisation_url(
        &self,
        scopes: &Scopes,
        state: &str,
        show_dialog: bool,
    ) -> Result<String> {
        self.authorize_url(scopes, state, show_dialog, None)
    }

    pub(crate) fn authorize_url(
        &self,
        scopes: &Scopes,
        state: &str,
        show_dialog: bool,
        challenge: Option<&str>,
    ) -> Result<String> {
        let redirect_uri = self.require_redirect_uri()?;
        let scope = scopes.to_string();
        let mut pairs = vec![
            ("client_id", self.client_id.as_str()),
            ("response_type", "code"),
            ("redirect_uri", redirect_uri),
        ];
        if !scope.is_empty() {
            pairs.push(("scope", &scope));
        }
        pairs.push(("state", state));
        if show_dialog {
            pairs.push(("show_dialog", "true"));
        }
        if let Some(c) = challenge {
            pairs.push(("code_challenge_method", "S256"));
            pairs.push(("code_challenge", c));
        }
        Ok(format!(
            "{}/authorize?{}",
            self.accounts_base,
            crate::encode::form(&pairs)
        ))
    }

    fn require_redirect_uri(&self) -> Result<&str> {
        let uri = self.redirect_uri.as_deref().ok_or_else(|| {
            Error::invalid_input(
                "redirect_uri",
                "the credentials have no redirect URI; set one with `Credentials::redirect_uri`",
            )
        })?;
        match split_url(uri) {
            Some(_) if !uri.contains('#') => Ok(uri),
            _ => Err(Error::invalid_input(
                "redirect_uri",
                format!(
                    "{uri:?} is not an absolute URL without a fragment, like https://example.com/callback"
                ),
            )),
        }
    }

    /// Exchanges an authorisation code for a user token, authenticating
    /// with the client secret (HTTP Basic).
    pub fn request_user_token(&self, code: &str) -> Result<Token> {
        self.exchange_code(code, None)
    }

    /// Exchanges an authorisation code from the PKCE flow for a user token,
    /// proving the login with the code verifier. No client secret is sent.
    pub fn request_pkce_token(&self, code: &str, verifier: &str) -> Result<Token> {
        self.exchange_code(code, Some(verifier))
    }

    fn exchange_code(&self, code: &str, verifier: Option<&str>) -> Result<Token> {
        let redirect_uri = self.require_redirect_uri()?;
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirect_uri),
        ];
        if let Some(v) = verifier {
            form.push(("code_verifier", v));
        } else if self.client_secret.is_none() {
            return Err(Error::invalid_input(
                "client_secret",
                "exchanging a code without a client secret needs the PKCE code verifier; use `UserAuth::pkce`",
            ));
        }
        self.token_request(&form, verifier.is_some())
            .map_err(|e| match e {
                // For a code, `invalid_grant` means a used, expired or
                // mismatched code, not a revoked refresh token.
                Error::RefreshRevoked { description, .. } => Error::Auth {
                    status: 400,
                    error: "invalid_grant".into(),
                    description: Some(format!(
                        "{description} (the code was already used, expired, or the redirect URI differs; log in again)"
                    )),
                    retry_after: None,
                },
                other => other,
            })
            // A code exchange is a login: the six months of its refresh
            // token start now.
            .map(|token| token.with_login_time(std::time::SystemTime::now()))
    }

    /// Renews a user token from its refresh token. With a client secret the
    /// request authenticates with it; credentials made with
    /// [`Credentials::public`] refresh the PKCE way.
    ///
    /// When Spotify sends no new refresh token the old one is kept in the
    /// returned token. A revoked one is [`Error::RefreshRevoked`].
    pub fn refresh_user_token(&self, refresh_token: &str) -> Result<Token> {
        self.refresh_grant(refresh_token, self.client_secret.is_none())
    }

    /// Renews a token from the PKCE flow: the client ID goes in the form and
    /// no client secret is sent, even if these credentials hold one.
    pub fn refresh_pkce_token(&self, refresh_token: &str) -> Result<Token> {
        self.refresh_grant(refresh_token, true)
    }

    pub(crate) fn refresh_grant(&self, refresh_token: &str, pkce: bool) -> Result<Token> {
        let mut token = self.token_request(
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh_token),
            ],
            pkce,
        )?;
        if token.refresh_token.is_none() {
            token.refresh_token = Some(refresh_token.to_owned());
        }
        Ok(token)
    }
}

/// Renews a user token (authorization-code flow) from its refresh token.
///
/// tekore's name; a shortcut for
/// `Credentials::new(client_id, client_secret).refresh_user_token(refresh_token)`
/// (see [`Credentials::refresh_user_token`]). For a long-running program
/// a [`RefreshingToken`](crate::RefreshingToken) renews the token by itself.
///
/// ```no_run
/// use spotify_blocking as sb;
/// let conf = sb::config_from_file("tekore.cfg")?;
/// let token = sb::refresh_user_token(&conf.client_id, &conf.client_secret, conf.user_refresh()?)?;
/// # Ok::<(), sb::Error>(())
/// ```
pub fn refresh_user_token(
    client_id: &str,
    client_secret: &str,
    refresh_token: &str,
) -> Result<Token> {
    Credentials::new(client_id, client_secret).refresh_user_token(refresh_token)
}

/// Renews a user token from the PKCE flow (no client secret).
///
/// tekore's name; a shortcut for
/// `Credentials::public(client_id).refresh_pkce_token(refresh_token)`
/// (see [`Credentials::refresh_pkce_token`]).
///
/// ```no_run
/// let token = spotify_blocking::refresh_pkce_token("client-id", "saved-refresh-token")?;
/// # Ok::<(), spotify_blocking::Error>(())
/// ```
pub fn refresh_pkce_token(client_id: &str, refresh_token: &str) -> Result<Token> {
    Credentials::public(client_id).refresh_pkce_token(refresh_token)
}

/// One user login, and the one way in to every user flow: the
/// authorisation URL with a fresh random `state` (and, for PKCE, a fresh
/// code verifier), and the exchange of the redirect the browser comes
/// back with.
///
/// Make one with [`new`](Self::new) (with a client secret) or
/// [`pkce`](Self::pkce) (without), then finish the login in one of these
/// ways:
///
/// | method | the redirected address comes from |
/// |---|---|
/// | [`prompt`](Self::prompt) | the user, pasting it into the terminal |
/// | [`prompt_with`](Self::prompt_with) | any reader (the paste prompt with your own I/O and browser opener) |
/// | [`catch_loopback`](Self::catch_loopback) | the browser itself, caught on a `http://127.0.0.1:PORT` redirect URI |
/// | [`catch_loopback_with`](Self::catch_loopback_with) | the same, with your own output and browser opener |
/// | [`token_from_redirect`](Self::token_from_redirect) | your program, which got it some other way |
///
/// [`prompt_for_user_token`](crate::prompt_for_user_token) and
/// [`prompt_for_pkce_token`](crate::prompt_for_pkce_token) are tekore's
/// shortcuts for `UserAuth::new(..)?.prompt()` and
/// `UserAuth::pkce(..)?.prompt()`.
///
/// ```no_run
/// use spotify_blocking::{Credentials, UserAuth, scope};
///
/// let creds = Credentials::new("client-id", "client-secret")
///     .redirect_uri("https://example.com/callback");
/// let auth = UserAuth::new(creds, scope::read())?;
/// println!("Log in at {}", auth.url());
/// let pasted = "https://example.com/callback?code=...&state=..."; // what the browser shows
/// let token = auth.token_from_redirect(pasted)?;
/// # Ok::<(), spotify_blocking::Error>(())
/// ```
#[derive(Clone)]
pub struct UserAuth {
    credentials: Credentials,
    scopes: Scopes,
    state: String,
    verifier: Option<String>,
    show_dialog: bool,
}

impl UserAuth {
    /// A login with the authorization-code flow: the code is exchanged
    /// with the client secret. The credentials need a secret and a
    /// [`redirect_uri`](Credentials::redirect_uri).
    pub fn new(credentials: Credentials, scopes: impl Into<Scopes>) -> Result<UserAuth> {
        if credentials.client_secret.is_none() {
            return Err(Error::invalid_input(
                "client_secret",
                "credentials without a client secret can only log in with PKCE; use `UserAuth::pkce`",
            ));
        }
        UserAuth::build(credentials, scopes.into(), None)
    }

    /// A login with the PKCE flow (S256): a fresh code verifier proves the
    /// login and no client secret is ever sent. The credentials need a
    /// [`redirect_uri`](Credentials::redirect_uri).
    pub fn pkce(credentials: Credentials, scopes: impl Into<Scopes>) -> Result<UserAuth> {
        let verifier = new_verifier()?;
        UserAuth::build(credentials, scopes.into(), Some(verifier))
    }

    fn build(credentials: Credentials, scopes: Scopes, verifier: Option<String>) -> Result<Self> {
        credentials.require_redirect_uri()?;
        Ok(UserAuth {
            credentials,
            scopes,
            state: new_state()?,
            verifier,
            show_dialog: false,
        })
    }

    /// Ask the user to approve again even if they approved this app before.
    pub fn show_dialog(mut self, on: bool) -> UserAuth {
        self.show_dialog = on;
        self
    }

    /// The address of Spotify's login page to open in a browser.
    pub fn url(&self) -> String {
        let challenge = self.code_challenge();
        self.credentials
            .authorize_url(
                &self.scopes,
                &self.state,
                self.show_dialog,
                challenge.as_deref(),
            )
            .unwrap_or_default()
    }

    /// The random `state` of this login (43 URL-safe characters).
    pub fn state(&self) -> &str {
        &self.state
    }

    /// The redirect URI the browser is sent back to.
    pub fn redirect_uri(&self) -> &str {
        self.credentials.redirect_uri.as_deref().unwrap_or_default()
    }

    /// The requested scopes.
    pub fn scopes(&self) -> &Scopes {
        &self.scopes
    }

    /// Whether this login uses PKCE.
    pub fn is_pkce(&self) -> bool {
        self.verifier.is_some()
    }

    /// The PKCE code verifier (a secret: keep it out of logs).
    pub fn code_verifier(&self) -> Option<&str> {
        self.verifier.as_deref()
    }

    /// The PKCE code challenge sent in [`url`](Self::url): the `S256`
    /// challenge of the [`code_verifier`](Self::code_verifier)
    /// (`base64url(sha256(verifier))`, 43 characters). `None` without PKCE.
    ///
    /// ```
    /// use spotify_blocking::{Credentials, UserAuth, scope};
    ///
    /// let creds = Credentials::public("id").redirect_uri("https://example.com/callback");
    /// let auth = UserAuth::pkce(creds, scope::read())?;
    /// let challenge = auth.code_challenge().unwrap();
    /// assert!(auth.url().contains(&format!("code_challenge={challenge}")));
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn code_challenge(&self) -> Option<String> {
        self.verifier.as_deref().map(s256_challenge)
    }

    /// The credentials this login uses.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// Takes the authorisation code out of the address the browser was
    /// redirected to, checking that it points to the redirect URI, carries
    /// this login's `state`, no `error` and exactly one `code`.
    ///
    /// A bare code (no `://`) is accepted as it is; its `state` cannot be
    /// checked then.
    pub fn parse_redirect(&self, pasted: &str) -> Result<String, RedirectError> {
        extract_code(pasted, self.redirect_uri(), &self.state)
    }

    /// Exchanges the address the browser was redirected to (or a bare
    /// code) for a user token: [`parse_redirect`](Self::parse_redirect)
    /// (see there for the checks), then the code exchange, with the client
    /// secret or, for PKCE, the code verifier.
    ///
    /// This is the step after the login page for a program that gets the
    /// redirected address itself (a web server's callback, a GUI text
    /// field); [`prompt`](Self::prompt) asks for it in the terminal.
    ///
    /// ```
    /// # #[cfg(feature = "mock")] {
    /// use spotify_blocking::mock::MockServer;
    /// use spotify_blocking::{UserAuth, scope};
    ///
    /// let mock = MockServer::start();
    /// let creds = mock.credentials().redirect_uri("https://example.com/callback");
    /// let auth = UserAuth::new(creds, scope::read())?;
    /// let redirected = mock.approve(&auth.url()); // where the browser was sent
    /// let token = auth.token_from_redirect(&redirected)?;
    /// assert!(token.refresh_token().is_some());
    /// # }
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn token_from_redirect(&self, redirected: &str) -> Result<Token> {
        let code = self.parse_redirect(redirected)?;
        self.exchange(&code)
    }

    /// The old name of [`token_from_redirect`](Self::token_from_redirect).
    #[deprecated(since = "0.2.0", note = "use UserAuth::token_from_redirect")]
    pub fn request_user_token(&self, pasted: &str) -> Result<Token> {
        self.token_from_redirect(pasted)
    }

    pub(crate) fn exchange(&self, code: &str) -> Result<Token> {
        match &self.verifier {
            Some(v) => self.credentials.request_pkce_token(code, v),
            None => self.credentials.request_user_token(code),
        }
    }
}

impl fmt::Debug for UserAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UserAuth")
            .field("credentials", &self.credentials)
            .field("scopes", &self.scopes.to_string())
            .field("state", &"<redacted>")
            .field("pkce", &self.verifier.is_some())
            .field("show_dialog", &self.show_dialog)
            .finish()
    }
}
