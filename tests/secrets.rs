//! Secrets (access tokens, refresh tokens, the client secret) never show in
//! `Debug` or `Display` of tokens, credentials, the client, or any error.

use spotify_blocking::mock::{
    CLIENT_ID, CLIENT_SECRET, Fault, HYBRID_THEORY, LONG_ALBUM, MockServer,
};
use spotify_blocking::scope::Scopes;
use spotify_blocking::{
    AnyToken, Credentials, Error, RefreshingToken, RetryPolicy, Spotify, Token,
};
use std::time::{Duration, SystemTime};

/// Every rendering of `value` a log line could hold.
fn renderings(value: &(impl std::fmt::Debug + ?Sized)) -> Vec<String> {
    vec![format!("{value:?}"), format!("{value:#?}")]
}

fn assert_clean(what: &str, texts: &[String], secrets: &[String]) {
    for text in texts {
        for secret in secrets {
            assert!(!secret.is_empty());
            assert!(
                !text.contains(secret.as_str()),
                "{what} shows the secret {secret:?}: {text}"
            );
        }
    }
}

/// Display, Debug and every source of an error.
fn assert_error_clean(what: &str, err: &Error, secrets: &[String]) {
    let mut texts = renderings(err);
    texts.push(err.to_string());
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        texts.push(s.to_string());
        source = s.source();
    }
    assert_clean(what, &texts, secrets);
}

fn raw(status: u16, body: &str) -> Fault {
    Fault::Raw {
        status,
        content_type: "application/json".into(),
        body: body.into(),
    }
}

#[test]
fn tokens_credentials_and_clients_redact_their_secrets() {
    let mock = MockServer::start();
    let user = mock.user_token(Scopes::parse("user-read-private user-top-read"));
    let app = mock.credentials().request_client_token().unwrap();
    let secrets = vec![
        user.access_token().to_owned(),
        user.refresh_token().unwrap().to_owned(),
        app.access_token().to_owned(),
        CLIENT_SECRET.to_owned(),
    ];
    for token in [&user, &app] {
        let mut texts = renderings(token);
        texts.push(token.to_string());
        assert_clean("Token", &texts, &secrets);
    }
    // What the renderings do show.
    assert!(user.to_string().contains("user-top-read"), "{user}");
    assert!(format!("{user:?}").contains("<redacted>"));

    let creds = mock.credentials();
    assert_clean("Credentials", &renderings(&creds), &secrets);
    assert!(format!("{creds:?}").contains(CLIENT_ID));
    assert_clean(
        "public Credentials",
        &renderings(&Credentials::public(CLIENT_ID)),
        &secrets,
    );

    let refreshing = RefreshingToken::new(user.clone(), creds.clone());
    assert_clean("RefreshingToken", &renderings(&refreshing), &secrets);
    let any: AnyToken = refreshing.clone().into();
    assert_clean("AnyToken", &renderings(&any), &secrets);

    let spotify = mock.builder().build(refreshing);
    assert_clean("Spotify", &renderings(&spotify), &secrets);
    let spotify = mock.client();
    let mut all = secrets.clone();
    all.push(spotify.token().access_token().to_owned());
    assert_clean("Spotify (app)", &renderings(&spotify), &all);
    assert_clean(
        "a request value",
        &renderings(&spotify.album(HYBRID_THEORY)),
        &all,
    );
    assert_clean("builder", &renderings(&mock.builder()), &all);
}

#[test]
fn no_error_shows_a_secret() {
    let mock = MockServer::start();
    let user = mock.user_token(Scopes::new());
    let mut secrets = vec![
        user.access_token().to_owned(),
        user.refresh_token().unwrap().to_owned(),
        CLIENT_SECRET.to_owned(),
    ];
    let quick = RetryPolicy::none();
    let mut errors: Vec<(&str, Error)> = Vec::new();

    // A plain token that expired: 401.
    let spotify = mock.builder().retry(quick.clone()).build(user.clone());
    mock.expire_tokens();
    errors.push(("401", spotify.album(HYBRID_THEORY).send().unwrap_err()));

    // A wrong client secret.
    let wrong = "wrong-client-secret-1234";
    secrets.push(wrong.to_owned());
    let err = Credentials::new(CLIENT_ID, wrong)
        .accounts_base(mock.accounts_base())
        .request_client_token()
        .unwrap_err();
    errors.push(("invalid_client", err));

    // The token endpoint answers 200 with a body that holds tokens but
    // does not decode.
    let leaked_access = "leaked-access-token-5678";
    let leaked_refresh = "leaked-refresh-token-9012";
    secrets.extend([leaked_access.to_owned(), leaked_refresh.to_owned()]);
    mock.fault_on(
        "/api/token",
        raw(
            200,
            &format!(
                r#"{{"access_token":"{leaked_access}","refresh_token":"{leaked_refresh}","expires_in":"soon"}}"#
            ),
        ),
    );
    let err = mock.credentials().request_client_token().unwrap_err();
    assert!(
        matches!(&err, Error::Decode { path, .. } if path == "expires_in"),
        "{err:?}"
    );
    errors.push(("token body that does not decode", err));

    // A revoked refresh token, during the renewal after a 401.
    let refreshing = mock.user_client(Scopes::new());
    secrets.push(refreshing.token().access_token().to_owned());
    secrets.push(refreshing.token().refresh_token().unwrap().to_owned());
    mock.expire_tokens();
    mock.fault_on(
        "/api/token",
        raw(
            400,
            r#"{"error":"invalid_grant","error_description":"Refresh token revoked"}"#,
        ),
    );
    let err = refreshing.album(HYBRID_THEORY).send().unwrap_err();
    assert!(matches!(err, Error::RefreshRevoked { .. }), "{err:?}");
    errors.push(("invalid_grant", err));

    // The token endpoint down during a lazy renewal.
    let stale = mock
        .user_token(Scopes::new())
        .with_expiry(SystemTime::now());
    secrets.push(stale.access_token().to_owned());
    secrets.push(stale.refresh_token().unwrap().to_owned());
    let lazy = mock
        .builder()
        .build(RefreshingToken::new(stale, mock.credentials()));
    mock.fault_on("/api/token", Fault::Status(503));
    errors.push((
        "token endpoint down",
        lazy.album(HYBRID_THEORY).send().unwrap_err(),
    ));

    // Transport-level failures with a working token.
    let spotify = mock
        .builder()
        .retry(quick)
        .receive_timeout(Duration::from_millis(200))
        .body_limit(2000)
        .build_with_credentials(CLIENT_ID, CLIENT_SECRET)
        .unwrap();
    secrets.push(spotify.token().access_token().to_owned());
    mock.fault_on("/v1/", Fault::Delay(Duration::from_secs(2)));
    errors.push(("timeout", spotify.album(HYBRID_THEORY).send().unwrap_err()));
    mock.fault_on("/v1/", Fault::Truncate(10));
    errors.push((
        "cut-off body",
        spotify.album(HYBRID_THEORY).send().unwrap_err(),
    ));
    errors.push((
        "body limit",
        spotify.album(HYBRID_THEORY).send().unwrap_err(),
    ));
    mock.fault_on("/v1/", raw(200, "{\"name\": 5}"));
    errors.push(("decode", spotify.album(HYBRID_THEORY).send().unwrap_err()));
    mock.fault_on("/v1/", Fault::Redirect("http://127.0.0.1:1/v1/x".into()));
    errors.push(("redirect", spotify.album(HYBRID_THEORY).send().unwrap_err()));
    mock.fault_on("/v1/", Fault::RateLimit(Some(3600)));
    errors.push(("429", spotify.album(HYBRID_THEORY).send().unwrap_err()));
    errors.push((
        "bad ID",
        spotify.album("spotify:track:x").send().unwrap_err(),
    ));
    let mut album = mock.client().album(LONG_ALBUM).send().unwrap();
    album.tracks.next = Some("http://127.0.0.1:1/v1/albums".into());
    errors.push((
        "foreign next",
        spotify
            .all_items(album.tracks)
            .collect::<Result<Vec<_>, _>>()
            .unwrap_err(),
    ));

    // Nothing listening at all.
    let nowhere = Spotify::builder()
        .api_base("http://127.0.0.1:1/v1")
        .retry(RetryPolicy::none())
        .build(Token::from_access_token(secrets[0].clone()));
    errors.push((
        "connection refused",
        nowhere.album(HYBRID_THEORY).send().unwrap_err(),
    ));

    let kinds: Vec<String> = errors
        .iter()
        .map(|(_, e)| {
            format!("{e:?}")
                .split([' ', '{', '('])
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    for kind in [
        "Api",
        "Auth",
        "RefreshRevoked",
        "Decode",
        "Timeout",
        "Transport",
        "BodyTooLarge",
        "InvalidId",
        "InvalidInput",
    ] {
        assert!(
            kinds.iter().any(|k| k == kind),
            "no {kind} error: {kinds:?}"
        );
    }
    for (what, err) in &errors {
        assert_error_clean(what, err, &secrets);
    }
}

#[test]
fn the_authorisation_code_and_pkce_verifier_never_show() {
    use spotify_blocking::{RedirectError, UserAuth};
    const REDIRECT: &str = "https://example.com/callback";
    let mock = MockServer::start();
    let creds = Credentials::public(CLIENT_ID)
        .accounts_base(mock.accounts_base())
        .redirect_uri(REDIRECT);
    let auth = UserAuth::pkce(creds, Scopes::parse("user-read-email")).unwrap();
    let verifier = auth.code_verifier().unwrap().to_owned();
    let wrong_verifier = "w".repeat(43) + "-wrong-verifier";
    let mut secrets = vec![verifier.clone(), wrong_verifier.clone()];
    let mut errors: Vec<(&str, Error)> = Vec::new();
    let state = auth.state().to_owned();
    // A fresh login: the address the browser comes back to, and its code.
    let login = |secrets: &mut Vec<String>| {
        let pasted = mock.approve(&auth.url());
        let code = auth.parse_redirect(&pasted).unwrap();
        secrets.push(code.clone());
        (pasted, code)
    };

    // A token endpoint that echoes the grant in its error description.
    let (pasted, code) = login(&mut secrets);
    mock.fault_on(
        "/api/token",
        raw(
            400,
            &format!(
                r#"{{"error":"invalid_grant","error_description":"bad code {code} for verifier {verifier}"}}"#
            ),
        ),
    );
    errors.push((
        "echoed grant",
        auth.token_from_redirect(&pasted).unwrap_err(),
    ));

    // ... or as a non-JSON error page quoting the form.
    let (pasted, code) = login(&mut secrets);
    mock.fault_on(
        "/api/token",
        Fault::Raw {
            status: 500,
            content_type: "text/plain".into(),
            body: format!("upstream failed for grant_type=authorization_code&code={code}&code_verifier={verifier}"),
        },
    );
    errors.push((
        "echoing error page",
        auth.token_from_redirect(&pasted).unwrap_err(),
    ));

    // ... or a 200 that does not decode, with the code where a number goes.
    let (pasted, code) = login(&mut secrets);
    mock.fault_on(
        "/api/token",
        raw(
            200,
            &format!(r#"{{"access_token":"a","expires_in":"{code}"}}"#),
        ),
    );
    let err = auth.token_from_redirect(&pasted).unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    errors.push(("undecodable token answer", err));

    // The real refusals: a code used twice, a wrong verifier.
    let (pasted, code) = login(&mut secrets);
    auth.token_from_redirect(&pasted).unwrap();
    errors.push((
        "code used twice",
        auth.token_from_redirect(&pasted).unwrap_err(),
    ));
    let (_, code2) = login(&mut secrets);
    errors.push((
        "wrong verifier",
        auth.credentials()
            .request_pkce_token(&code2, &wrong_verifier)
            .unwrap_err(),
    ));

    // The connection drops; the prompt flow reports the same.
    let (pasted, _) = login(&mut secrets);
    mock.fault_on("/api/token", Fault::CloseBeforeResponse);
    let mut input = std::io::Cursor::new(format!("{pasted}\n"));
    let err = auth
        .prompt_with(&mut input, &mut Vec::new(), |_| true)
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    errors.push(("dropped connection in the prompt", err));

    // Pasted addresses that are refused before any exchange.
    for (what, pasted) in [
        (
            "forged state",
            format!("{REDIRECT}?code={code}&state=forged"),
        ),
        (
            "wrong target",
            format!("https://evil.example/callback?code={code}&state={state}"),
        ),
        ("lost `?`", format!("{REDIRECT}&code={code}&state={state}")),
        (
            "repeated code",
            format!("{REDIRECT}?code={code}&code={code}x&state={state}"),
        ),
    ] {
        let err = auth.token_from_redirect(&pasted).unwrap_err();
        assert!(matches!(err, Error::Redirect(_)), "{what}: {err:?}");
        errors.push((what, err));
    }
    assert!(matches!(
        errors.last().unwrap().1,
        Error::Redirect(RedirectError::Repeated("code"))
    ));

    for (what, err) in &errors {
        assert_error_clean(what, err, &secrets);
    }
    // What a failed exchange does show: the OAuth error.
    assert!(
        errors[0].1.to_string().contains("invalid_grant"),
        "{}",
        errors[0].1
    );
    assert!(errors[1].1.to_string().contains("500"), "{}", errors[1].1);
    // The login itself never shows them either.
    let mut texts = renderings(&auth);
    texts.push(auth.url());
    assert_clean("UserAuth", &texts, &secrets);
}

// ------------------------------------------- a server that echoes requests

#[allow(dead_code)]
mod scripted;
use scripted::{Reply, Scripted, Seen};

const ECHO_ID: &str = "the-app-id";
const ECHO_SECRET: &str = "echo-client-secret-0123456789";
const ECHO_REFRESH: &str = "echo/refresh+token=AQD_0123456789";
const ECHO_CODE: &str = "echo-authorisation-code-0123456789";
const ECHO_VERIFIER: &str = "echo-pkce-verifier-0123456789-0123456789-abc";
const ECHO_BEARER: &str = "echo-bearer-token-0123456789";

/// Every form in which a secret could come back: as it is, percent- and
/// form-encoded, and the Basic credential in each base64 alphabet.
fn secret_forms() -> Vec<String> {
    use base64::Engine as _;
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    let mut forms: Vec<String> = [
        ECHO_SECRET,
        ECHO_REFRESH,
        ECHO_CODE,
        ECHO_VERIFIER,
        ECHO_BEARER,
    ]
    .iter()
    .flat_map(|s| {
        [
            s.to_string(),
            s.replace('/', "%2F")
                .replace('+', "%2B")
                .replace('=', "%3D"),
        ]
    })
    .collect();
    let basic = format!("{ECHO_ID}:{ECHO_SECRET}");
    for engine in [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD] {
        forms.push(engine.encode(&basic));
    }
    for n in 1..=4 {
        forms.push(format!("scripted-bearer-{n}-0123456789"));
    }
    forms
}

/// What the echo server answers: the whole request, put where an error
/// message comes from.
#[derive(Clone, Copy, Debug)]
enum Echo {
    /// A text page.
    Text(u16),
    /// An OAuth error with the echo as its description.
    OAuth(u16),
    /// Spotify's error object with the echo as its message.
    Api(u16),
    /// A 200 whose echo sits where a number goes.
    Undecodable,
    /// A 200 that is not JSON: the echo from its first secret on, between
    /// 280 bytes of padding and 100 more (so the secret straddles the point
    /// where the 300-byte excerpt is cut).
    Padded,
}

fn answer(echo: Echo, req: &Seen) -> Reply {
    let text = req.echo();
    let quoted = serde_json::to_string(&text).unwrap();
    match echo {
        Echo::Text(status) => Reply::bytes(status, "text/plain", text.into_bytes()),
        Echo::OAuth(status) => Reply::json(
            status,
            format!(r#"{{"error":"invalid_client","error_description":{quoted}}}"#),
        ),
        Echo::Api(status) => Reply::json(
            status,
            format!(r#"{{"error":{{"status":{status},"message":{quoted}}}}}"#),
        ),
        Echo::Undecodable => Reply::json(200, format!(r#"{{"total_tracks":{quoted}}}"#)),
        Echo::Padded => {
            // The first secret starts at byte 280.
            let start = secret_forms()
                .iter()
                .filter_map(|f| text.find(f.as_str()))
                .min()
                .unwrap_or(0);
            let body = format!("{}{}{}", "x".repeat(280), &text[start..], "y".repeat(100));
            Reply::bytes(200, "text/plain", body.into_bytes())
        }
    }
}

/// A server whose token endpoint and API answer as `token` and `api` say;
/// a token endpoint set to `None` grants numbered tokens.
fn echo_server(token: Option<Echo>, api: Echo) -> Scripted {
    let granted = std::sync::atomic::AtomicUsize::new(0);
    Scripted::start(move |req, _| match (req.path.as_str(), token) {
        ("/api/token", Some(echo)) => answer(echo, req),
        ("/api/token", None) => {
            let n = granted.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
            Reply::json(
                200,
                format!(
                    r#"{{"access_token":"scripted-bearer-{n}-0123456789","expires_in":3600,"refresh_token":"{ECHO_REFRESH}"}}"#
                ),
            )
        }
        _ => answer(api, req),
    })
}

/// No secret in Display, Debug or any source, and no 12-byte piece of one
/// either (an excerpt cut through a secret would show its start).
fn assert_no_form(what: &str, err: &Error) {
    let mut texts = renderings(err);
    texts.push(err.to_string());
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        texts.push(s.to_string());
        texts.push(format!("{s:?}"));
        source = s.source();
    }
    for form in secret_forms() {
        for piece in form.as_bytes().windows(12) {
            let piece = std::str::from_utf8(piece).unwrap();
            for text in &texts {
                assert!(
                    !text.contains(piece),
                    "{what} shows {piece:?} of {form:?}: {text}"
                );
            }
        }
    }
}

#[test]
fn echoed_requests_show_no_secret_in_any_form() {
    use spotify_blocking::UserAuth;
    let mut errors: Vec<(String, Error)> = Vec::new();
    let token_echoes = [
        Echo::Text(400),
        Echo::Text(500),
        Echo::OAuth(400),
        Echo::OAuth(401),
        Echo::Undecodable,
        Echo::Padded,
    ];
    for echo in token_echoes {
        let server = echo_server(Some(echo), Echo::Text(400));
        let creds = Credentials::new(ECHO_ID, ECHO_SECRET)
            .accounts_base(server.url())
            .redirect_uri("https://example.com/callback");
        let public = Credentials::public(ECHO_ID)
            .accounts_base(server.url())
            .redirect_uri("https://example.com/callback");
        let what = |flow: &str| format!("{flow}, token endpoint {echo:?}");
        errors.push((
            what("client credentials"),
            creds.request_client_token().unwrap_err(),
        ));
        errors.push((
            what("refresh"),
            creds.refresh_user_token(ECHO_REFRESH).unwrap_err(),
        ));
        errors.push((
            what("PKCE refresh"),
            public.refresh_pkce_token(ECHO_REFRESH).unwrap_err(),
        ));
        errors.push((
            what("code"),
            creds.request_user_token(ECHO_CODE).unwrap_err(),
        ));
        errors.push((
            what("PKCE code"),
            public
                .request_pkce_token(ECHO_CODE, ECHO_VERIFIER)
                .unwrap_err(),
        ));
        let auth = UserAuth::new(creds.clone(), Scopes::new()).unwrap();
        errors.push((
            what("pasted code"),
            auth.token_from_redirect(ECHO_CODE).unwrap_err(),
        ));
        assert!(server.count("/api/token") >= 6, "{echo:?}");
    }

    let api_echoes = [
        Echo::Text(400),
        Echo::Text(503),
        Echo::Api(400),
        Echo::Api(403),
        Echo::Api(429),
        Echo::Undecodable,
        Echo::Padded,
    ];
    for echo in api_echoes {
        // A plain bearer token.
        let server = echo_server(None, echo);
        let spotify = Spotify::builder()
            .api_base(format!("{}/v1", server.url()))
            .accounts_base(server.url())
            .retry(RetryPolicy::none())
            .build(Token::from_access_token(ECHO_BEARER));
        errors.push((
            format!("plain bearer, API {echo:?}"),
            spotify.album(HYBRID_THEORY).send().unwrap_err(),
        ));
        let server = echo_server(None, echo);
        let creds = Credentials::new(ECHO_ID, ECHO_SECRET).accounts_base(server.url());
        // A self-renewing user token, renewed before the call.
        let stale = creds
            .refresh_user_token(ECHO_REFRESH)
            .unwrap()
            .with_expiry(SystemTime::now());
        let spotify = Spotify::builder()
            .api_base(format!("{}/v1", server.url()))
            .accounts_base(server.url())
            .retry(RetryPolicy::none())
            .build(RefreshingToken::new(stale, creds));
        errors.push((
            format!("renewed before the call, API {echo:?}"),
            spotify.album(HYBRID_THEORY).send().unwrap_err(),
        ));
    }

    // A self-renewing token renewed after a 401, whose second 401 then
    // echoes the renewed token.
    let server = echo_server(None, Echo::Api(401));
    let creds = Credentials::new(ECHO_ID, ECHO_SECRET).accounts_base(server.url());
    let spotify = Spotify::builder()
        .api_base(format!("{}/v1", server.url()))
        .accounts_base(server.url())
        .build(RefreshingToken::new(
            Token::from_access_token(ECHO_BEARER),
            creds,
        ));
    errors.push((
        "401, renewed, 401 again".into(),
        spotify.album(HYBRID_THEORY).send().unwrap_err(),
    ));
    assert_eq!(server.count("/api/token"), 1);
    assert_eq!(server.count("/v1/"), 2);

    let kinds: Vec<String> = errors
        .iter()
        .map(|(_, e)| {
            format!("{e:?}")
                .split([' ', '{', '('])
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    for kind in ["Api", "Auth", "Decode"] {
        assert!(
            kinds.iter().any(|k| k == kind),
            "no {kind} error: {kinds:?}"
        );
    }
    for (what, err) in &errors {
        assert_no_form(what, err);
    }
}
