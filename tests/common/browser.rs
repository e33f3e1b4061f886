//! A browser's part of a login, for the tests of the user flows: follow
//! the login page to its redirect, and a free loopback port for a catcher.

use spotify_blocking::mock::{CLIENT_ID, MockServer};
use spotify_blocking::scope::Scope;
use spotify_blocking::{Credentials, UserAuth};

/// An agent that shows redirects and error statuses instead of acting on them.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .new_agent()
}

/// What a browser does with the login page: returns where it is sent.
pub fn browse(url: &str) -> String {
    let resp = agent().get(url).call().unwrap();
    assert_eq!(resp.status(), 302, "{url}");
    resp.headers()
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned()
}

/// A free loopback port (bound, then released).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A PKCE login of the mock's app whose redirect goes to a free loopback port.
pub fn loopback_auth(mock: &MockServer) -> UserAuth {
    let redirect = format!("http://127.0.0.1:{}/callback", free_port());
    let creds = Credentials::public(CLIENT_ID)
        .accounts_base(mock.accounts_base())
        .redirect_uri(redirect);
    UserAuth::pkce(creds, Scope::UserReadPrivate).unwrap()
}
