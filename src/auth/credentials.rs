//! The app's credentials and the token endpoint.

use super::token::{Token, TokenResponse};
use crate::error::{Error, Result, Secrets};
use crate::http::{Auth, Body, Http, HttpConfig, HttpRequest, Method};
use base64::Engine as _;
use serde::Deserialize;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// Spotify's accounts service.
pub const ACCOUNTS_BASE: &str = "https://accounts.spotify.com";

/// An app's client ID and (optional, not for PKCE) secret, with the
/// accounts service to ask for tokens.
///
/// ```no_run
/// use spotify_blocking::Credentials;
/// let creds = Credentials::new("client-id", "client-secret");
/// let app_token = creds.request_client_token()?;
/// # Ok::<(), spotify_blocking::Error>(())
/// ```
#[derive(Clone)]
pub struct Credentials {
    pub(crate) client_id: String,
    pub(crate) client_secret: Option<String>,
    pub(crate) accounts_base: String,
    pub(crate) redirect_uri: Option<String>,
    pub(crate) http: Arc<Http>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "<redacted>"),
            )
            .field("accounts_base", &self.accounts_base)
            .field("redirect_uri", &self.redirect_uri)
            .finish()
    }
}

#[derive(Deserialize)]
struct OAuthError {
    error: String,
    #[serde(default)]
    error_description: Option<String>,
}

impl Credentials {
    /// Credentials with a client secret, for the client-credentials and
    /// authorization-code flows.
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<String>) -> Credentials {
        Credentials::build(client_id.into(), Some(client_secret.into()))
    }

    /// Credentials without a secret, for the PKCE flow.
    pub fn public(client_id: impl Into<String>) -> Credentials {
        Credentials::build(client_id.into(), None)
    }

    fn build(client_id: String, client_secret: Option<String>) -> Credentials {
        Credentials {
            client_id,
            client_secret,
            accounts_base: ACCOUNTS_BASE.to_owned(),
            redirect_uri: None,
            http: Arc::new(Http::new(HttpConfig::default())),
        }
    }

    /// Uses another accounts service (a mock or a proxy), without a
    /// trailing slash: `http://127.0.0.1:8080`.
    pub fn accounts_base(mut self, base: impl Into<String>) -> Credentials {
        self.accounts_base = base.into().trim_end_matches('/').to_owned();
        self
    }

    /// The redirect URI registered for the app, needed by the user flows
    /// ([`UserAuth`](crate::UserAuth)): `https://example.com/callback` or
    /// `http://127.0.0.1:8888/callback`.
    pub fn redirect_uri(mut self, uri: impl Into<String>) -> Credentials {
        self.redirect_uri = Some(uri.into());
        self
    }

    pub(crate) fn with_http(mut self, http: Arc<Http>) -> Credentials {
        self.http = http;
        self
    }

    /// The client ID.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// Requests an app token (client-credentials flow): no user, no scopes.
    pub fn request_client_token(&self) -> Result<Token> {
        let mut token = self.token_request(&[("grant_type", "client_credentials")], false)?;
        // An app token has no user scopes, whatever the answer says.
        token.scopes_known = true;
        Ok(token)
    }

    /// POSTs a form to `/api/token` and reads the token or the OAuth error.
    pub(crate) fn token_request(&self, form: &[(&str, &str)], pkce: bool) -> Result<Token> {
        let grant = form.iter().find(|(k, _)| *k == "grant_type");
        log::info!(
            "requesting a token from the accounts service (grant_type={})",
            grant.map_or("?", |(_, v)| v)
        );
        let mut fields: Vec<(&str, &str)> = form.to_vec();
        let auth = match (&self.client_secret, pkce) {
            (Some(secret), false) => {
                let raw = format!("{}:{}", self.client_id, secret);
                Auth::Basic(base64::engine::general_purpose::STANDARD.encode(raw))
            }
            _ => {
                fields.push(("client_id", &self.client_id));
                Auth::None
            }
        };
        let url = format!("{}/api/token", self.accounts_base);
        let body = Body::Form(crate::encode::form(&fields));
        let req = HttpRequest {
            method: Method::Post,
            url,
            body,
            endpoint: "POST /api/token",
        };
        // What the server may echo back, in any encoding: the grant, the
        // client secret and the Basic credential made from it.
        let mut secrets = Secrets::default();
        for (k, v) in form {
            if matches!(*k, "code" | "code_verifier" | "refresh_token") {
                secrets.add(v);
            }
        }
        if let Some(secret) = &self.client_secret {
            secrets.add_basic(&self.client_id, secret);
        }
        let redact = |e: Error| e.redact(&secrets);
        let resp = self.http.send(&req, auth, None).map_err(redact)?;
        if (200..300).contains(&resp.status) {
            let parsed: TokenResponse =
                crate::decode::decode_secret(&resp.body, "POST /api/token", &secrets)?;
            let token = parsed.into_token(pkce).map_err(redact)?;
            log::debug!(
                "token granted: {} scopes, {} refresh token{}",
                token.scopes().len(),
                if token.refresh_token().is_some() {
                    "a"
                } else {
                    "no"
                },
                match token.expires_in() {
                    Some(left) => format!(", expires in {} s", left.as_secs()),
                    None => String::new(),
                }
            );
            return Ok(token);
        }
        let error = oauth_error(resp.status, &resp.body, resp.retry_after, &secrets);
        log::debug!(
            "the accounts service refused the token request ({}{})",
            resp.status,
            match error {
                Error::RefreshRevoked { .. } => ", invalid_grant",
                _ => "",
            }
        );
        Err(error)
    }
}

/// Turns a token endpoint error body into [`Error::Auth`] or
/// [`Error::RefreshRevoked`], with every form of `secrets` cut out (of the
/// whole body, before any excerpt is taken).
pub(crate) fn oauth_error(
    status: u16,
    body: &[u8],
    retry_after: Option<Duration>,
    secrets: &Secrets,
) -> Error {
    let error = match serde_json::from_slice::<OAuthError>(body) {
        Ok(e) if e.error == "invalid_grant" => Error::RefreshRevoked {
            description: e
                .error_description
                .unwrap_or_else(|| "invalid_grant".into()),
            login_age: None,
        },
        Ok(e) => Error::Auth {
            status,
            error: e.error,
            description: e.error_description,
            retry_after,
        },
        Err(_) => Error::Auth {
            status,
            error: format!("HTTP {status}"),
            description: Some(crate::decode::excerpt(body, secrets)),
            retry_after,
        },
    };
    error.redact(secrets)
}

/// Requests an app token from Spotify (client-credentials flow).
///
/// tekore's name; a shortcut for
/// `Credentials::new(client_id, client_secret).request_client_token()`
/// (see [`Credentials::request_client_token`]). For a token that renews
/// itself, see [`SpotifyBuilder::build_with_credentials`](crate::SpotifyBuilder::build_with_credentials).
///
/// ```no_run
/// let token = spotify_blocking::request_client_token("client-id", "client-secret")?;
/// # Ok::<(), spotify_blocking::Error>(())
/// ```
pub fn request_client_token(client_id: &str, client_secret: &str) -> Result<Token> {
    Credentials::new(client_id, client_secret).request_client_token()
}
