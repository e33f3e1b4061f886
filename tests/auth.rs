//! The user flows against the mock: the prompt with injected I/O, PKCE,
//! refresh, every redirect error, the loopback catcher, and the
//! deprecated aliases of the `UserAuth` methods.

use spotify_blocking::mock::{CLIENT_ID, CLIENT_SECRET, HYBRID_THEORY, MockServer};
use spotify_blocking::scope::{Scope, Scopes};
use spotify_blocking::{Credentials, Error, RedirectError, RefreshingToken, Spotify, UserAuth};
use std::io::Cursor;
use std::time::{Duration, Instant};

#[allow(dead_code)]
mod common;
use common::browser::{agent, browse, loopback_auth};

const REDIRECT: &str = "https://example.com/callback";

fn secret_auth(mock: &MockServer, scopes: impl Into<Scopes>) -> UserAuth {
    UserAuth::new(mock.credentials().redirect_uri(REDIRECT), scopes).unwrap()
}

fn pkce_auth(mock: &MockServer, scopes: impl Into<Scopes>) -> UserAuth {
    let creds = Credentials::public(CLIENT_ID)
        .accounts_base(mock.accounts_base())
        .redirect_uri(REDIRECT);
    UserAuth::pkce(creds, scopes).unwrap()
}

fn form_value<'a>(form: &'a [(String, String)], key: &str) -> Option<&'a str> {
    form.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

fn token_requests(mock: &MockServer) -> Vec<spotify_blocking::mock::RecordedRequest> {
    mock.requests()
        .into_iter()
        .filter(|r| r.path == "/api/token")
        .collect()
}

#[test]
fn prompt_flow_with_a_secret_end_to_end() {
    let mock = MockServer::start();
    let scopes = Scope::UserTopRead | Scope::UserReadPlaybackState;
    let auth = secret_auth(&mock, scopes.clone());
    let mut opened = None;
    // The browser is not opened here: the URL is printed instead.
    let location = browse(&auth.url());
    let mut input = Cursor::new(format!("  {location}  \n"));
    let mut output = Vec::new();
    let token = auth
        .prompt_with(&mut input, &mut output, |url| {
            opened = Some(url.to_owned());
            false
        })
        .unwrap();
    let shown = String::from_utf8(output).unwrap();
    assert_eq!(opened.as_deref(), Some(auth.url().as_str()));
    assert!(
        shown.contains("Open this address in your browser"),
        "{shown}"
    );
    assert!(shown.contains(&auth.url()), "{shown}");
    assert!(shown.contains("paste it here"), "{shown}");
    assert_eq!(token.scopes(), &scopes);
    assert!(token.refresh_token().unwrap().starts_with("mock-refresh-"));
    assert!(!token.is_pkce());

    let reqs = mock.requests();
    assert_eq!(reqs.len(), 2);
    let login = &reqs[0];
    assert_eq!(
        (login.method.as_str(), login.path.as_str()),
        ("GET", "/authorize")
    );
    assert_eq!(login.query_value("client_id"), Some(CLIENT_ID));
    assert_eq!(login.query_value("response_type"), Some("code"));
    assert_eq!(login.query_value("redirect_uri"), Some(REDIRECT));
    assert_eq!(
        login.query_value("scope"),
        Some("user-read-playback-state user-top-read")
    );
    assert_eq!(login.query_value("state"), Some(auth.state()));
    assert_eq!(auth.state().len(), 43);
    assert_eq!(login.query_value("show_dialog"), None);
    assert_eq!(login.query_value("code_challenge"), None);

    let exchange = &reqs[1];
    assert_eq!(exchange.method, "POST");
    assert_eq!(
        exchange.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let basic = base64_basic(CLIENT_ID, CLIENT_SECRET);
    assert_eq!(exchange.header("authorization"), Some(basic.as_str()));
    let form = exchange.body_form();
    let code = location
        .split("code=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    assert_eq!(
        form,
        vec![
            ("grant_type".to_owned(), "authorization_code".to_owned()),
            ("code".to_owned(), code.to_owned()),
            ("redirect_uri".to_owned(), REDIRECT.to_owned()),
        ]
    );

    // The token works against the API.
    let spotify = mock.builder().build(token);
    assert_eq!(
        spotify.album(HYBRID_THEORY).send().unwrap().name,
        "Hybrid Theory"
    );
}

fn base64_basic(id: &str, secret: &str) -> String {
    use base64::Engine as _;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"))
    )
}

#[test]
fn prompt_says_when_the_browser_was_opened_and_show_dialog_is_sent() {
    let mock = MockServer::start();
    let auth = secret_auth(&mock, Scope::UserReadEmail).show_dialog(true);
    assert!(auth.url().contains("show_dialog=true"));
    let location = browse(&auth.url());
    let mut output = Vec::new();
    auth.prompt_with(&mut Cursor::new(location), &mut output, |_| true)
        .unwrap();
    let shown = String::from_utf8(output).unwrap();
    assert!(shown.contains("opened in your browser"), "{shown}");
    assert_eq!(mock.requests()[0].query_value("show_dialog"), Some("true"));
}

#[test]
fn prompt_with_no_input_is_an_io_error_and_sends_nothing() {
    let mock = MockServer::start();
    let auth = secret_auth(&mock, Scope::UserReadEmail);
    let err = auth
        .prompt_with(&mut Cursor::new(""), &mut Vec::new(), |_| false)
        .unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err:?}");
    assert_eq!(mock.request_count(), 0);
}

#[test]
fn a_bare_code_is_accepted() {
    let mock = MockServer::start();
    let auth = secret_auth(&mock, Scope::UserLibraryRead);
    let location = browse(&auth.url());
    let code = location
        .split("code=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    let token = auth.token_from_redirect(&format!("{code}\n")).unwrap();
    assert!(token.scopes().contains(&Scope::UserLibraryRead));
    // A code is good once; reusing it is an auth error, not "revoked".
    let err = auth.token_from_redirect(code).unwrap_err();
    match err {
        Error::Auth { status, error, .. } => {
            assert_eq!((status, error.as_str()), (400, "invalid_grant"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn pkce_flow_never_sends_a_secret() {
    let mock = MockServer::start();
    let auth = pkce_auth(&mock, Scope::PlaylistReadPrivate);
    let verifier = auth.code_verifier().unwrap().to_owned();
    assert!((43..=128).contains(&verifier.len()), "{}", verifier.len());
    assert!(
        verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b)),
        "{verifier}"
    );
    let other = pkce_auth(&mock, Scope::PlaylistReadPrivate);
    assert_ne!(other.code_verifier().unwrap(), verifier);

    let location = browse(&auth.url());
    let token = auth
        .prompt_with(&mut Cursor::new(location), &mut Vec::new(), |_| true)
        .unwrap();
    assert!(token.is_pkce());
    assert!(token.scopes().contains(&Scope::PlaylistReadPrivate));

    let reqs = mock.requests();
    assert_eq!(reqs[0].query_value("code_challenge_method"), Some("S256"));
    assert_eq!(
        reqs[0].query_value("code_challenge"),
        auth.code_challenge().as_deref()
    );
    let exchange = &reqs[1];
    assert_eq!(exchange.header("authorization"), None);
    let form = exchange.body_form();
    assert_eq!(form_value(&form, "grant_type"), Some("authorization_code"));
    assert_eq!(form_value(&form, "code_verifier"), Some(verifier.as_str()));
    assert_eq!(form_value(&form, "client_id"), Some(CLIENT_ID));
    assert_eq!(form_value(&form, "redirect_uri"), Some(REDIRECT));
    assert!(!String::from_utf8_lossy(&exchange.body).contains(CLIENT_SECRET));

    // Refreshing a PKCE token: client ID in the form, no secret, no Basic.
    let refresh = token.refresh_token().unwrap().to_owned();
    let renewed = auth.credentials().refresh_user_token(&refresh).unwrap();
    assert_eq!(renewed.refresh_token(), Some(refresh.as_str()));
    // With a secret at hand, refresh_pkce_token still sends none.
    mock.credentials().refresh_pkce_token(&refresh).unwrap();
    // A self-renewing PKCE token does the same.
    let mut refreshing = RefreshingToken::new(token, mock.credentials());
    refreshing.refresh().unwrap();
    let refreshes = &token_requests(&mock)[1..];
    assert_eq!(refreshes.len(), 3);
    for r in refreshes {
        assert_eq!(r.header("authorization"), None);
        let form = r.body_form();
        assert_eq!(form_value(&form, "grant_type"), Some("refresh_token"));
        assert_eq!(form_value(&form, "refresh_token"), Some(refresh.as_str()));
        assert_eq!(form_value(&form, "client_id"), Some(CLIENT_ID));
        assert!(!String::from_utf8_lossy(&r.body).contains(CLIENT_SECRET));
    }
}

#[test]
fn pkce_exchange_with_the_wrong_verifier_is_refused() {
    let mock = MockServer::start();
    let auth = pkce_auth(&mock, Scope::UserReadEmail);
    let code = auth.parse_redirect(&browse(&auth.url())).unwrap();
    let wrong = "x".repeat(64);
    let err = auth
        .credentials()
        .request_pkce_token(&code, &wrong)
        .unwrap_err();
    assert!(
        matches!(&err, Error::Auth { error, .. } if error == "invalid_grant"),
        "{err:?}"
    );
}

#[test]
fn code_challenge_is_the_s256_of_the_verifier() {
    use base64::Engine as _;
    use sha2::Digest as _;
    let mock = MockServer::start();
    let auth = pkce_auth(&mock, Scope::UserReadEmail);
    let digest = sha2::Sha256::digest(auth.code_verifier().unwrap().as_bytes());
    let expected = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest);
    assert_eq!(auth.code_challenge().as_deref(), Some(expected.as_str()));
    assert_eq!(expected.len(), 43);
    // Without PKCE there is none, and the login URL carries none.
    let plain = secret_auth(&mock, Scope::UserReadEmail);
    assert_eq!(plain.code_challenge(), None);
    assert!(!plain.url().contains("code_challenge"));
}

#[test]
#[allow(deprecated)]
fn deprecated_pkce_challenge_still_answers_rfc_7636() {
    assert_eq!(
        spotify_blocking::pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    );
    let mock = MockServer::start();
    let auth = pkce_auth(&mock, Scope::UserReadEmail);
    assert_eq!(
        Some(spotify_blocking::pkce_challenge(
            auth.code_verifier().unwrap()
        )),
        auth.code_challenge()
    );
}

#[test]
fn refresh_keeps_the_old_refresh_token_when_none_comes_back() {
    let mock = MockServer::start();
    let auth = secret_auth(&mock, Scope::UserTopRead);
    let token = auth.token_from_redirect(&browse(&auth.url())).unwrap();
    let refresh = token.refresh_token().unwrap();
    let renewed = mock.credentials().refresh_user_token(refresh).unwrap();
    assert_eq!(renewed.refresh_token(), Some(refresh));
    assert_ne!(renewed.access_token(), token.access_token());
    assert!(renewed.scopes().contains(&Scope::UserTopRead));
    let last = token_requests(&mock).pop().unwrap();
    assert_eq!(
        last.header("authorization"),
        Some(base64_basic(CLIENT_ID, CLIENT_SECRET).as_str())
    );
    assert_eq!(
        last.body_form(),
        vec![
            ("grant_type".to_owned(), "refresh_token".to_owned()),
            ("refresh_token".to_owned(), refresh.to_owned()),
        ]
    );
}

#[test]
fn rotated_refresh_tokens_replace_the_old_one() {
    let mock = MockServer::start();
    mock.rotate_refresh_tokens(true);
    let token = mock.user_token(Scope::UserTopRead);
    let old = token.refresh_token().unwrap().to_owned();
    let renewed = mock.credentials().refresh_user_token(&old).unwrap();
    let new = renewed.refresh_token().unwrap();
    assert_ne!(new, old);
    // The old one is spent; the new one works.
    let err = mock.credentials().refresh_user_token(&old).unwrap_err();
    assert!(matches!(err, Error::RefreshRevoked { .. }), "{err:?}");
    mock.credentials().refresh_user_token(new).unwrap();
}

#[test]
fn a_revoked_refresh_token_says_log_in_again() {
    let mock = MockServer::start();
    let token = mock.user_token(Scope::UserTopRead);
    mock.revoke_refresh_tokens();
    let err = mock
        .credentials()
        .refresh_user_token(token.refresh_token().unwrap())
        .unwrap_err();
    assert!(matches!(err, Error::RefreshRevoked { .. }), "{err:?}");
    assert!(err.to_string().contains("log in again"), "{err}");
    // A client holding the token reports the same on its next renewal.
    let spotify: Spotify = mock
        .builder()
        .build(RefreshingToken::new(token, mock.credentials()));
    mock.expire_tokens();
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    assert!(matches!(err, Error::RefreshRevoked { .. }), "{err:?}");
}

/// Pastes `text` and expects `expected`, with nothing sent to the token
/// endpoint.
fn assert_redirect_error(mock: &MockServer, auth: &UserAuth, text: &str, expected: RedirectError) {
    let e = redirect_error(mock, auth, text);
    assert_eq!(e, expected, "{text}");
}

/// The redirect error for `text`, after checking that its message gives
/// advice, does not leak the state, and that no token was asked for.
fn redirect_error(mock: &MockServer, auth: &UserAuth, text: &str) -> RedirectError {
    let err = auth.token_from_redirect(text).unwrap_err();
    let e = match err {
        Error::Redirect(e) => e,
        other => panic!("{text}: {other:?}"),
    };
    let msg = e.to_string();
    assert!(
        msg.contains("paste") || msg.contains("again") || msg.contains("check"),
        "message gives no advice: {msg}"
    );
    assert!(!msg.contains(auth.state()), "state leaked: {msg}");
    assert!(token_requests(mock).is_empty(), "{text}");
    e
}

#[test]
fn every_redirect_error() {
    let mock = MockServer::start();
    let auth = secret_auth(&mock, Scope::UserReadEmail);
    let state = auth.state().to_owned();
    let ok = |q: &str| format!("{REDIRECT}?{q}");

    assert_redirect_error(&mock, &auth, "not a url at all", RedirectError::NotAUrl);
    assert_redirect_error(&mock, &auth, "   ", RedirectError::NotAUrl);
    for (pasted, found) in [
        (
            format!("https://evil.example/callback?code=c&state={state}"),
            "https://evil.example/callback",
        ),
        (
            format!("http://example.com/callback?code=c&state={state}"),
            "http://example.com/callback",
        ),
        (
            format!("https://example.com/callbackx?code=c&state={state}"),
            "https://example.com/callbackx",
        ),
        (
            format!("https://example.com:8443/callback?code=c&state={state}"),
            "https://example.com:8443/callback",
        ),
    ] {
        // `WrongTarget` is `#[non_exhaustive]`: matched, every field checked.
        let e = redirect_error(&mock, &auth, &pasted);
        assert!(
            matches!(
                &e,
                RedirectError::WrongTarget { expected, found: f, .. }
                    if expected == REDIRECT && f == found
            ),
            "{pasted}: {e:?}"
        );
    }
    let pasted = ok(&format!("error=invalid_scope&state={state}"));
    let e = redirect_error(&mock, &auth, &pasted);
    assert!(
        matches!(&e, RedirectError::Refused { error, .. } if error == "invalid_scope"),
        "{pasted}: {e:?}"
    );
    assert_redirect_error(
        &mock,
        &auth,
        &ok(&format!("state={state}")),
        RedirectError::MissingCode,
    );
    assert_redirect_error(
        &mock,
        &auth,
        &ok(&format!("code=&state={state}")),
        RedirectError::MissingCode,
    );
    assert_redirect_error(
        &mock,
        &auth,
        &ok(&format!("code=a&code=b&state={state}")),
        RedirectError::Repeated("code"),
    );
    assert_redirect_error(
        &mock,
        &auth,
        &ok(&format!("code=a&state={state}&state={state}")),
        RedirectError::Repeated("state"),
    );
    assert_redirect_error(
        &mock,
        &auth,
        &ok("code=a&state=forged"),
        RedirectError::StateMismatch,
    );
    assert_redirect_error(&mock, &auth, &ok("code=a"), RedirectError::StateMismatch);

    // A login from another UserAuth (stale state).
    let stale = secret_auth(&mock, Scope::UserReadEmail);
    let location = browse(&stale.url());
    assert_redirect_error(&mock, &auth, &location, RedirectError::StateMismatch);

    // The user declines on the login page.
    mock.deny_authorization(true);
    let location = browse(&auth.url());
    assert!(location.contains("error=access_denied"), "{location}");
    assert_redirect_error(&mock, &auth, &location, RedirectError::Denied);
}

#[test]
fn user_auth_checks_its_credentials_and_hides_secrets() {
    let no_redirect = UserAuth::new(Credentials::new("id", "secret"), Scope::UserReadEmail);
    assert!(
        matches!(
            no_redirect,
            Err(Error::InvalidInput {
                param: "redirect_uri",
                ..
            })
        ),
        "{no_redirect:?}"
    );
    let relative = UserAuth::new(
        Credentials::new("id", "secret").redirect_uri("/callback"),
        Scope::UserReadEmail,
    );
    assert!(matches!(
        relative,
        Err(Error::InvalidInput {
            param: "redirect_uri",
            ..
        })
    ));
    let public = UserAuth::new(
        Credentials::public("id").redirect_uri(REDIRECT),
        Scope::UserReadEmail,
    );
    assert!(matches!(
        public,
        Err(Error::InvalidInput {
            param: "client_secret",
            ..
        })
    ));

    let auth = UserAuth::pkce(
        Credentials::new("id", "s3cret-value").redirect_uri(REDIRECT),
        Scope::UserReadEmail,
    )
    .unwrap();
    let debug = format!("{auth:?}");
    assert!(!debug.contains("s3cret-value"), "{debug}");
    assert!(!debug.contains(auth.state()), "{debug}");
    assert!(!debug.contains(auth.code_verifier().unwrap()), "{debug}");
    // The login page never carries the secret or the verifier.
    let url = auth.url();
    assert!(url.starts_with("https://accounts.spotify.com/authorize?client_id=id&"));
    assert!(!url.contains("s3cret-value") && !url.contains(auth.code_verifier().unwrap()));
}

/// The browser, on another thread: a stray request, then the login.
fn browser_thread(url: &str) -> std::thread::JoinHandle<Vec<(u16, String)>> {
    let url = url.to_owned();
    std::thread::spawn(move || {
        let location = browse(&url);
        let origin = location.split("/callback").next().unwrap().to_owned();
        let mut seen = Vec::new();
        for target in [format!("{origin}/favicon.ico"), location] {
            let mut resp = agent().get(&target).call().unwrap();
            let body = resp.body_mut().read_to_string().unwrap();
            seen.push((resp.status().as_u16(), body));
        }
        seen
    })
}

#[test]
fn loopback_catches_the_redirect_itself() {
    let mock = MockServer::start();
    let auth = loopback_auth(&mock);
    let mut browser = None;
    let mut output = Vec::new();
    let token = auth
        .catch_loopback_with(
            &mut output,
            |url| {
                browser = Some(browser_thread(url));
                true
            },
            Duration::from_secs(20),
        )
        .unwrap();
    assert!(token.is_pkce());
    assert!(token.scopes().contains(&Scope::UserReadPrivate));
    let seen = browser.unwrap().join().unwrap();
    assert_eq!(seen[0].0, 404);
    assert_eq!(seen[1].0, 200);
    assert!(seen[1].1.contains("You are logged in"), "{}", seen[1].1);
    let shown = String::from_utf8(output).unwrap();
    assert!(shown.contains("Waiting up to 20 s"), "{shown}");
    let exchange = token_requests(&mock).pop().unwrap();
    assert_eq!(
        form_value(&exchange.body_form(), "redirect_uri"),
        Some(auth.redirect_uri())
    );
}

#[test]
fn loopback_reports_a_declined_login_to_browser_and_caller() {
    let mock = MockServer::start();
    mock.deny_authorization(true);
    let auth = loopback_auth(&mock);
    let mut browser = None;
    let err = auth
        .catch_loopback_with(
            &mut Vec::new(),
            |url| {
                browser = Some(browser_thread(url));
                true
            },
            Duration::from_secs(20),
        )
        .unwrap_err();
    assert!(
        matches!(err, Error::Redirect(RedirectError::Denied)),
        "{err:?}"
    );
    let seen = browser.unwrap().join().unwrap();
    assert_eq!(seen[1].0, 400);
    assert!(seen[1].1.contains("declined"), "{}", seen[1].1);
    assert!(token_requests(&mock).is_empty());
}

#[test]
fn loopback_times_out_with_a_typed_error() {
    let mock = MockServer::start();
    let auth = loopback_auth(&mock);
    let started = Instant::now();
    let err = auth
        .catch_loopback_with(&mut Vec::new(), |_| false, Duration::from_millis(300))
        .unwrap_err();
    let waited = started.elapsed();
    assert!(
        matches!(err, Error::Redirect(RedirectError::Timeout(d)) if d == Duration::from_millis(300)),
        "{err:?}"
    );
    assert!(
        waited >= Duration::from_millis(300) && waited < Duration::from_secs(3),
        "{waited:?}"
    );
    assert_eq!(mock.request_count(), 0);
}

#[test]
fn loopback_needs_a_loopback_redirect_uri() {
    let mock = MockServer::start();
    let auth = secret_auth(&mock, Scope::UserReadEmail);
    let mut opened = false;
    let caught = auth.catch_loopback_with(
        &mut Vec::new(),
        |_| {
            opened = true;
            true
        },
        Duration::from_secs(1),
    );
    // catch_loopback (stderr, the real browser) checks the redirect URI
    // first too, so no browser opens here.
    for err in [
        caught.unwrap_err(),
        auth.catch_loopback(Duration::from_secs(1)).unwrap_err(),
    ] {
        assert!(
            matches!(
                err,
                Error::InvalidInput {
                    param: "redirect_uri",
                    ..
                }
            ),
            "{err:?}"
        );
    }
    assert!(!opened);
    assert_eq!(mock.request_count(), 0);
}

#[test]
fn token_from_redirect_exchanges_the_code_of_the_redirected_address() {
    for pkce in [false, true] {
        let mock = MockServer::start();
        let auth = if pkce {
            pkce_auth(&mock, Scope::UserTopRead)
        } else {
            secret_auth(&mock, Scope::UserTopRead)
        };
        let redirected = browse(&auth.url());
        let code = auth.parse_redirect(&redirected).unwrap();
        let token = auth.token_from_redirect(&redirected).unwrap();
        assert_eq!(token.is_pkce(), pkce);
        assert!(token.scopes().contains(&Scope::UserTopRead));
        let exchange = token_requests(&mock).pop().unwrap();
        let form = exchange.body_form();
        assert_eq!(form_value(&form, "grant_type"), Some("authorization_code"));
        assert_eq!(form_value(&form, "code"), Some(code.as_str()));
        assert_eq!(
            form_value(&form, "code_verifier"),
            auth.code_verifier(),
            "pkce: {pkce}"
        );
        // The token works against the API.
        let spotify = mock.builder().build(token);
        assert_eq!(
            spotify.album(HYBRID_THEORY).send().unwrap().name,
            "Hybrid Theory"
        );
    }
}

#[test]
#[allow(deprecated)]
fn deprecated_request_user_token_is_token_from_redirect() {
    let mock = MockServer::start();
    let auth = secret_auth(&mock, Scope::UserReadEmail);
    let token = auth.request_user_token(&browse(&auth.url())).unwrap();
    assert!(token.refresh_token().unwrap().starts_with("mock-refresh-"));
    // The same checks: a stale state is refused before any exchange.
    let before = token_requests(&mock).len();
    let err = auth
        .request_user_token(&format!("{REDIRECT}?code=abc&state=stale"))
        .unwrap_err();
    assert!(
        matches!(err, Error::Redirect(RedirectError::StateMismatch)),
        "{err:?}"
    );
    assert_eq!(token_requests(&mock).len(), before);
}

#[test]
#[allow(deprecated)]
fn deprecated_prompt_with_is_the_method() {
    let mock = MockServer::start();
    let auth = secret_auth(&mock, Scope::UserReadEmail);
    let location = browse(&auth.url());
    let (mut alias_out, mut method_out) = (Vec::new(), Vec::new());
    let token = spotify_blocking::prompt_with(
        &auth,
        &mut Cursor::new(location.clone()),
        &mut alias_out,
        |_| false,
    )
    .unwrap();
    assert!(token.refresh_token().is_some());
    // The method writes the same prompt; the used code is refused the same way.
    let err = auth
        .prompt_with(&mut Cursor::new(location), &mut method_out, |_| false)
        .unwrap_err();
    assert_eq!(alias_out, method_out);
    assert!(
        matches!(&err, Error::Auth { error, .. } if error == "invalid_grant"),
        "{err:?}"
    );
    let err =
        spotify_blocking::prompt_with(&auth, &mut Cursor::new(""), &mut Vec::new(), |_| false)
            .unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err:?}");
}

#[test]
#[allow(deprecated)]
fn deprecated_prompt_with_loopback_is_catch_loopback_with() {
    let mock = MockServer::start();
    let auth = loopback_auth(&mock);
    let mut browser = None;
    let token = spotify_blocking::prompt_with_loopback(
        &auth,
        &mut Vec::new(),
        |url| {
            browser = Some(browser_thread(url));
            true
        },
        Duration::from_secs(20),
    )
    .unwrap();
    assert!(token.is_pkce());
    assert_eq!(browser.unwrap().join().unwrap()[1].0, 200);
    let err = spotify_blocking::prompt_with_loopback(
        &auth,
        &mut Vec::new(),
        |_| false,
        Duration::from_millis(50),
    )
    .unwrap_err();
    assert!(
        matches!(err, Error::Redirect(RedirectError::Timeout(_))),
        "{err:?}"
    );
}
