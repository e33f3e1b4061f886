//! The log lines of a whole session against the mock: logins, token
//! requests, a lazy renewal, a 401 and its renewal, a 429 and a 503 with
//! their retries, errors, the cache, paging and the loopback catcher.
//! Every record is captured by a logger installed here (one per process,
//! hence one test in this file) and searched for every secret in every
//! encoding; the lines must also say what happened.

use spotify_blocking::mock::{
    CLIENT_ID, CLIENT_SECRET, Fault, HYBRID_THEORY, LONG_ALBUM, MockServer,
};
use spotify_blocking::scope::{self, Scope};
use spotify_blocking::{Credentials, Error, RefreshingToken, UserAuth};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// One captured record: level, target and the formatted message.
struct Line {
    level: log::Level,
    target: String,
    text: String,
}

static LINES: Mutex<Vec<Line>> = Mutex::new(Vec::new());

/// Takes every record of this crate (trace included) and every other
/// crate's (ureq's) down to debug: what `RUST_LOG=debug,spotify_blocking=trace`
/// would show.
struct Capture;

impl log::Log for Capture {
    fn enabled(&self, meta: &log::Metadata<'_>) -> bool {
        meta.target().starts_with("spotify_blocking") || meta.level() <= log::Level::Debug
    }

    fn log(&self, record: &log::Record<'_>) {
        if self.enabled(record.metadata()) {
            LINES.lock().unwrap().push(Line {
                level: record.level(),
                target: record.target().to_owned(),
                text: format!("{}", record.args()),
            });
        }
    }

    fn flush(&self) {}
}

/// Every form a secret could take in a log line: as it is, percent-encoded
/// (upper- and lower-case hex), form-encoded and escaped as in `{:?}`.
fn forms(secret: &str) -> Vec<String> {
    let pct = |upper: bool| -> String {
        secret
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    (b as char).to_string()
                }
                _ if upper => format!("%{b:02X}"),
                _ => format!("%{b:02x}"),
            })
            .collect()
    };
    let debug = format!("{secret:?}");
    vec![
        secret.to_owned(),
        pct(true),
        pct(false),
        pct(true).replace("%20", "+"),
        debug.trim_matches('"').to_owned(),
    ]
}

/// The Basic credential of `id:secret` in each base64 alphabet, padded and
/// not.
fn basic_forms(id: &str, secret: &str) -> Vec<String> {
    use base64::Engine as _;
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    let raw = format!("{id}:{secret}");
    [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD]
        .iter()
        .map(|engine| engine.encode(&raw))
        .collect()
}

/// A free loopback port (bound, then released).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .new_agent()
}

#[test]
fn a_whole_session_logs_what_happened_and_no_secret() {
    log::set_logger(&Capture).unwrap();
    log::set_max_level(log::LevelFilter::Trace);
    let mock = MockServer::start();
    mock.rotate_refresh_tokens(true);
    let mut secrets: Vec<String> = vec![CLIENT_SECRET.to_owned()];

    // An app token (client credentials), a call, a 429 and a 503 retried,
    // two errors.
    let spotify = mock.client();
    secrets.push(spotify.token().access_token().to_owned());
    spotify.album(HYBRID_THEORY).send().unwrap();
    mock.fault_on("/v1/albums", Fault::RateLimit(Some(2)));
    spotify.album(HYBRID_THEORY).send().unwrap();
    mock.fault_on("/v1/albums", Fault::Status(503));
    spotify.album(HYBRID_THEORY).send().unwrap();
    let missing = spotify.album("0000000000000000000000").send().unwrap_err();
    assert!(
        matches!(missing, Error::Api { status: 404, .. }),
        "{missing:?}"
    );
    mock.fault_on("/v1/albums", Fault::RateLimit(Some(3600)));
    let limited = spotify.album(HYBRID_THEORY).send().unwrap_err();
    assert!(
        matches!(limited, Error::Api { status: 429, .. }),
        "{limited:?}"
    );

    // Paging, with the cache on: the second walk is answered by 304s.
    let cached = mock
        .builder()
        .cache(100, 1 << 20)
        .build_with_credentials(CLIENT_ID, CLIENT_SECRET)
        .unwrap();
    secrets.push(cached.token().access_token().to_owned());
    for _ in 0..2 {
        let tracks = cached.album_tracks(LONG_ALBUM).limit(50).items();
        assert_eq!(tracks.count(), 120);
    }
    let album = cached.album(LONG_ALBUM).send().unwrap();
    assert_eq!(cached.all_items(album.tracks).count(), 120);

    // A user login with the client secret (the code is pasted) and one
    // with PKCE; the second is renewed lazily, then after a 401.
    let redirect = "https://example.com/callback";
    let auth = UserAuth::new(
        mock.credentials().redirect_uri(redirect),
        Scope::UserLibraryRead,
    )
    .unwrap();
    let pasted = mock.approve(&auth.url());
    secrets.push(auth.parse_redirect(&pasted).unwrap());
    secrets.push(auth.state().to_owned());
    let user = auth.token_from_redirect(&pasted).unwrap();
    secrets.push(user.access_token().to_owned());
    secrets.push(user.refresh_token().unwrap().to_owned());

    let public = Credentials::public(CLIENT_ID)
        .accounts_base(mock.accounts_base())
        .redirect_uri(redirect);
    let pkce = UserAuth::pkce(public.clone(), scope::every()).unwrap();
    secrets.push(pkce.code_verifier().unwrap().to_owned());
    secrets.push(pkce.state().to_owned());
    let pasted = mock.approve(&pkce.url());
    secrets.push(pkce.parse_redirect(&pasted).unwrap());
    let pkce_token = pkce.token_from_redirect(&pasted).unwrap();
    secrets.push(pkce_token.access_token().to_owned());
    secrets.push(pkce_token.refresh_token().unwrap().to_owned());
    let renewing = mock.builder().build(RefreshingToken::new(
        pkce_token.with_expiry(SystemTime::now()),
        public,
    ));
    renewing.saved_tracks().send().unwrap();
    secrets.push(renewing.token().access_token().to_owned());
    secrets.push(renewing.token().refresh_token().unwrap().to_owned());
    mock.expire_tokens();
    renewing.saved_tracks().send().unwrap();
    secrets.push(renewing.token().access_token().to_owned());
    secrets.push(renewing.token().refresh_token().unwrap().to_owned());
    // A refresh token that no longer works: an error, logged as such.
    mock.revoke_refresh_tokens();
    mock.expire_tokens();
    let revoked = renewing.saved_tracks().send().unwrap_err();
    assert!(
        matches!(revoked, Error::RefreshRevoked { .. }),
        "{revoked:?}"
    );

    // The loopback catcher: a stray request, then the redirect.
    let loopback = Credentials::public(CLIENT_ID)
        .accounts_base(mock.accounts_base())
        .redirect_uri(format!("http://127.0.0.1:{}/callback", free_port()));
    let caught = UserAuth::pkce(loopback, Scope::UserReadPrivate).unwrap();
    secrets.push(caught.code_verifier().unwrap().to_owned());
    secrets.push(caught.state().to_owned());
    let mut browser = None;
    let approve = |url: &str| mock.approve(url);
    let token = caught
        .catch_loopback_with(
            &mut Vec::new(),
            |url| {
                let location = approve(url);
                browser = Some(std::thread::spawn(move || {
                    let origin = location.split("/callback").next().unwrap().to_owned();
                    for target in [format!("{origin}/favicon.ico"), location.clone()] {
                        agent().get(&target).call().unwrap();
                    }
                    location
                }));
                true
            },
            Duration::from_secs(20),
        )
        .unwrap();
    let location = browser.unwrap().join().unwrap();
    secrets.push(caught.parse_redirect(&location).unwrap());
    secrets.push(token.access_token().to_owned());

    let lines = std::mem::take(&mut *LINES.lock().unwrap());
    let ours: Vec<&Line> = lines
        .iter()
        .filter(|l| l.target.starts_with("spotify_blocking"))
        .collect();
    let all_text: Vec<String> = lines
        .iter()
        .map(|l| format!("{} {} {}", l.level, l.target, l.text))
        .collect();

    // No secret, in any form, in any record (ureq's included).
    let mut every_form: Vec<String> = secrets.iter().flat_map(|s| forms(s)).collect();
    every_form.extend(basic_forms(CLIENT_ID, CLIENT_SECRET));
    for line in &all_text {
        for form in &every_form {
            assert!(!line.contains(form.as_str()), "{form:?} logged: {line}");
        }
        // Nor any token or code the mock issued (they all start so).
        for prefix in ["mock-access-", "mock-refresh-", "mock-code-"] {
            assert!(!line.contains(prefix), "a secret logged: {line}");
        }
    }

    // Every record of ours is under the module path.
    for l in &ours {
        assert!(
            ["http", "client", "paging", "auth::"]
                .iter()
                .any(|m| l.target.starts_with(&format!("spotify_blocking::{m}"))),
            "{}",
            l.target
        );
    }
    let has = |level: log::Level, needle: &str| {
        ours.iter()
            .any(|l| l.level == level && l.text.contains(needle))
    };
    let show = || all_text.join("\n");

    // One debug line per request the SDK sent: method, path, status,
    // attempt. (`/authorize` is requested by the mock's browser stand-in.)
    let sent: Vec<_> = mock
        .requests()
        .into_iter()
        .filter(|r| r.path != "/authorize")
        .collect();
    let request_lines: Vec<&&Line> = ours
        .iter()
        .filter(|l| l.level == log::Level::Debug && l.text.contains(" (attempt "))
        .collect();
    assert_eq!(request_lines.len(), sent.len(), "{}", show());
    for (line, req) in request_lines.iter().zip(&sent) {
        assert!(
            line.text
                .starts_with(&format!("{} {}: ", req.method, req.path)),
            "{} for {} {}",
            line.text,
            req.method,
            req.path
        );
        let status = &line.text[line.text.find(": ").unwrap() + 2..][..3];
        assert!(status.parse::<u16>().is_ok(), "{}", line.text);
    }
    let album = format!("GET /v1/albums/{HYBRID_THEORY}");
    for (level, needle) in [
        (log::Level::Debug, format!("{album}: 200 (attempt 1, ")),
        (log::Level::Debug, format!("{album}: 429 (attempt 1, ")),
        (log::Level::Debug, format!("{album}: 200 (attempt 2, ")),
        // The waits, and why.
        (
            log::Level::Info,
            format!("{album}: 429, waiting 2s (Retry-After) before attempt 2"),
        ),
        (log::Level::Info, format!("{album}: 503, waiting ")),
        (log::Level::Info, "(backoff) before attempt 2".into()),
        (
            log::Level::Info,
            format!("{album}: 429 with Retry-After 3600s, longer than the 60s waited out"),
        ),
        (
            log::Level::Debug,
            "GET /v1/albums/0000000000000000000000: 404 (attempt 1, ".into(),
        ),
        // Token requests: the grant type only.
        (
            log::Level::Info,
            "requesting a token from the accounts service (grant_type=client_credentials)".into(),
        ),
        (log::Level::Info, "(grant_type=authorization_code)".into()),
        (log::Level::Info, "(grant_type=refresh_token)".into()),
        (
            log::Level::Debug,
            "POST /api/token: 200 (attempt 1, ".into(),
        ),
        (
            log::Level::Debug,
            "POST /api/token: 400 (attempt 1, ".into(),
        ),
        (
            log::Level::Debug,
            "the accounts service refused the token request (400, invalid_grant)".into(),
        ),
        (
            log::Level::Debug,
            "token granted: 1 scopes, a refresh token, expires in ".into(),
        ),
        // Renewals, and why.
        (
            log::Level::Info,
            "the access token expires in 0 s: renewing it".into(),
        ),
        (
            log::Level::Info,
            "the API answered 401 for the access token: renewing it".into(),
        ),
        (log::Level::Info, "token renewed, expires in ".into()),
        (
            log::Level::Debug,
            "GET /v1/me/tracks: 401 (attempt 1, ".into(),
        ),
        (
            log::Level::Debug,
            "GET /v1/me/tracks: repeating with the renewed token as attempt 2".into(),
        ),
        (
            log::Level::Debug,
            "GET /v1/me/tracks: 200 (attempt 2, ".into(),
        ),
        // The cache and paging.
        (
            log::Level::Debug,
            format!("GET /v1/albums/{LONG_ALBUM}/tracks: not modified, answered from the cache"),
        ),
        (
            log::Level::Debug,
            "GET /albums/{id}/tracks: page 1 of 3, 120 items in all, 50 items so far".into(),
        ),
        (
            log::Level::Debug,
            "GET /albums/{id}/tracks: page 3 of 3, 120 items in all, 120 items so far, the last"
                .into(),
        ),
        // `all_items` goes on after the page in hand: pages 2 and 3.
        (
            log::Level::Debug,
            "GET (linked page): page 2 of 3, 120 items in all, 100 items so far".into(),
        ),
        (
            log::Level::Trace,
            format!("GET /v1/albums/{LONG_ALBUM}/tracks: stored in the cache ("),
        ),
        (
            log::Level::Trace,
            "query parameters [offset, limit], no body, If-None-Match".into(),
        ),
        (
            log::Level::Trace,
            "no query, 29 bytes of application/x-www-form-urlencoded".into(),
        ),
        // The loopback catcher.
        (log::Level::Debug, "listening on 127.0.0.1:".into()),
        (
            log::Level::Debug,
            "answered 404 to GET /favicon.ico: not the login redirect".into(),
        ),
        (log::Level::Info, "received the login redirect".into()),
    ] {
        assert!(
            has(level, &needle),
            "no {level} line {needle:?} in:\n{}",
            show()
        );
    }
    // A query value never shows, not even at trace level.
    assert!(!show().contains("limit=50"), "{}", show());
}
