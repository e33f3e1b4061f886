//! What the examples share: a client for the real Spotify when
//! SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET are set, for the embedded
//! mock otherwise. An example uses it with `mod common;`.
//!
//! User logins with credentials: SPOTIFY_USER_REFRESH (a refresh token
//! saved earlier) when set, otherwise a login in the browser that sends you
//! back to SPOTIFY_REDIRECT_URI (default https://example.com/callback; it
//! must be registered for your app).

// Each example uses only some of these.
#![allow(dead_code)]

mod report;
pub use report::Report;

use spotify_blocking::mock::MockServer;
use spotify_blocking::scope::Scopes;
use spotify_blocking::{self as sb, Credentials, RefreshingToken, Spotify};

/// The app's client ID and secret, when both are set.
pub fn credentials() -> Option<(String, String)> {
    let var = |key: &str| std::env::var(key).ok();
    var("SPOTIFY_CLIENT_ID").zip(var("SPOTIFY_CLIENT_SECRET"))
}

/// Starts the embedded mock. The client stops working when it is dropped,
/// so the examples keep it in a variable (`_mock`) until the end.
pub fn start_mock() -> MockServer {
    println!("No SPOTIFY_CLIENT_ID/SPOTIFY_CLIENT_SECRET set: using the offline mock.");
    MockServer::start()
}

/// SPOTIFY_REDIRECT_URI, or https://example.com/callback.
pub fn redirect_uri() -> String {
    std::env::var("SPOTIFY_REDIRECT_URI").unwrap_or_else(|_| "https://example.com/callback".into())
}

/// A client with an app token: enough for the catalogue (albums, search).
/// It asks for a new token by itself when the old one expires.
pub fn app_client() -> sb::Result<(Spotify, Option<MockServer>)> {
    match credentials() {
        Some((id, secret)) => Ok((
            Spotify::builder().build_with_credentials(&id, &secret)?,
            None,
        )),
        None => {
            let mock = start_mock();
            Ok((mock.client(), Some(mock)))
        }
    }
}

/// A client with a user token allowing `scopes`, renewed by itself with
/// the token's refresh token.
pub fn user_client(scopes: impl Into<Scopes>) -> sb::Result<(Spotify, Option<MockServer>)> {
    let Some((id, secret)) = credentials() else {
        let mock = start_mock();
        // The mock hands out a user token without the browser.
        return Ok((mock.user_client(scopes), Some(mock)));
    };
    let token = match std::env::var("SPOTIFY_USER_REFRESH") {
        Ok(refresh) => sb::refresh_user_token(&id, &secret, &refresh)?,
        Err(_) => sb::prompt_for_user_token(&id, &secret, &redirect_uri(), scopes)?,
    };
    let renewing = RefreshingToken::new(token, Credentials::new(id, secret));
    Ok((Spotify::new(renewing), None))
}

/// The mock's login: it approves by itself, and its redirect address is
/// read as if the user had pasted it from the browser.
pub fn mock_login(mock: &MockServer, redirect_uri: &str, scopes: Scopes) -> sb::Result<sb::Token> {
    let auth = sb::UserAuth::new(mock.credentials().redirect_uri(redirect_uri), scopes)?;
    println!("Offline: the mock approved the login; its redirect URL is parsed as pasted.");
    auth.token_from_redirect(&mock.approve(&auth.url()))
}
