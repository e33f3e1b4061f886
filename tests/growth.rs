//! Growing past the first script: max-limits mode, your own transport and
//! `Accept-Language`, IDs both ways and short links. Each test asserts what
//! went over the wire and what came back.

#[allow(dead_code)]
mod common;

use common::LINKIN_PARK;
use spotify_blocking::endpoints::tracks::Seeds;
use spotify_blocking::mock::{HYBRID_THEORY, LONG_ALBUM, MORNING_MIX, MockServer, RecordedRequest};
use spotify_blocking::{Spotify, scope};

/// The last request the mock received.
fn last(mock: &MockServer) -> RecordedRequest {
    mock.requests().pop().expect("a request")
}

/// The `limit` the last request sent.
fn sent_limit(mock: &MockServer) -> Option<String> {
    last(mock).query_value("limit").map(str::to_owned)
}

fn app_client(mock: &MockServer, max_limits: bool) -> Spotify {
    mock.builder()
        .max_limits(max_limits)
        .build_with_credentials("mock-client-id", "mock-client-secret")
        .expect("an app token")
}

fn user_client(mock: &MockServer, max_limits: bool) -> Spotify {
    let token = mock.user_token(scope::every());
    mock.builder()
        .max_limits(max_limits)
        .build(spotify_blocking::RefreshingToken::new(
            token,
            mock.credentials(),
        ))
}

// ---- max-limits mode -------------------------------------------------------

#[test]
fn max_limits_asks_each_paged_endpoint_for_its_largest_page() {
    let mock = MockServer::start();
    let app = app_client(&mock, true);
    let user = user_client(&mock, true);

    let page = app.album_tracks(LONG_ALBUM).send().unwrap();
    assert_eq!(sent_limit(&mock).as_deref(), Some("50"));
    assert_eq!(page.items.len(), 50, "the mock honoured the page size");
    assert_eq!(page.limit, 50);

    user.saved_tracks().send().unwrap();
    assert_eq!(sent_limit(&mock).as_deref(), Some("50"));

    let found = app.search_tracks("numb").send().unwrap();
    assert_eq!(sent_limit(&mock).as_deref(), Some("10"));
    assert!(found.limit <= 10);

    app.artist_albums(LINKIN_PARK).send().unwrap();
    assert_eq!(sent_limit(&mock).as_deref(), Some("10"));

    user.playlist_items(MORNING_MIX).send().unwrap();
    assert_eq!(sent_limit(&mock).as_deref(), Some("50"));
    // The older playlist tracks endpoint takes pages of up to 100.
    #[allow(deprecated)]
    user.playlist_tracks(MORNING_MIX).send().unwrap();
    assert_eq!(sent_limit(&mock).as_deref(), Some("100"));

    // Cursor pages too.
    user.followed_artists().send().unwrap();
    assert_eq!(sent_limit(&mock).as_deref(), Some("50"));
    user.playback_recently_played().send().unwrap();
    assert_eq!(sent_limit(&mock).as_deref(), Some("50"));
    user.current_user_top_tracks().send().unwrap();
    assert_eq!(sent_limit(&mock).as_deref(), Some("50"));
}

#[test]
fn max_limits_follows_the_endpoint_facts() {
    // The numbers come from each operation's declared range: check that
    // every limit sent above is the upper end of that range.
    let facts = spotify_blocking::__unstable::endpoints();
    let max = |op: &str| {
        facts
            .iter()
            .find(|e| e.operation_id == op)
            .and_then(|e| e.range("limit"))
            .map(|(_, hi)| hi)
    };
    assert_eq!(max("get-an-albums-tracks"), Some(50));
    assert_eq!(max("get-an-artists-albums"), Some(10));
    assert_eq!(max("search"), Some(10));
    assert_eq!(max("get-playlists-items"), Some(50));
    assert_eq!(max("get-playlists-tracks"), Some(100));
}

#[test]
fn an_explicit_limit_wins_over_max_limits() {
    let mock = MockServer::start();
    let app = app_client(&mock, true);
    let page = app.album_tracks(LONG_ALBUM).limit(7).send().unwrap();
    assert_eq!(sent_limit(&mock).as_deref(), Some("7"));
    assert_eq!(page.items.len(), 7);
    app.search_tracks("numb").limit(3).send().unwrap();
    assert_eq!(sent_limit(&mock).as_deref(), Some("3"));
    // Exactly one limit parameter.
    let limits = last(&mock)
        .query
        .iter()
        .filter(|(k, _)| k == "limit")
        .count();
    assert_eq!(limits, 1);
}

#[test]
fn without_max_limits_no_limit_is_sent() {
    let mock = MockServer::start();
    let app = app_client(&mock, false);
    let user = user_client(&mock, false);
    app.album_tracks(HYBRID_THEORY).send().unwrap();
    assert_eq!(sent_limit(&mock), None);
    app.artist_albums(LINKIN_PARK).send().unwrap();
    assert_eq!(sent_limit(&mock), None);
    app.search_tracks("numb").send().unwrap();
    assert_eq!(sent_limit(&mock), None);
    user.saved_tracks().send().unwrap();
    assert_eq!(sent_limit(&mock), None);
}

#[test]
fn max_limits_leaves_calls_that_do_not_page_alone() {
    let mock = MockServer::start();
    let app = app_client(&mock, true);
    // Recommendations take a limit (1 to 100) but are not a page.
    #[allow(deprecated)]
    app.recommendations(Seeds::new().artist(LINKIN_PARK))
        .send()
        .unwrap();
    assert_eq!(sent_limit(&mock), None);
    // Nor do single objects.
    app.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(sent_limit(&mock), None);
}

#[test]
fn max_limits_pages_walk_in_large_pages() {
    let mock = MockServer::start();
    let app = app_client(&mock, true);
    mock.clear_requests();
    let tracks: Vec<_> = app
        .album_tracks(LONG_ALBUM)
        .items()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(tracks.len(), 120);
    // 50 + 50 + 20: three calls instead of six at Spotify's default of 20.
    assert_eq!(mock.request_count(), 3);
}

// ---- your own transport ----------------------------------------------------

use spotify_blocking::mock::Fault;
use spotify_blocking::{Error, Token, ureq};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A user token for the mock, without a refresh token (so a client built
/// with it makes no token request).
fn plain_token(mock: &MockServer) -> Token {
    Token::from_access_token(mock.user_token(scope::every()).access_token())
}

#[test]
fn a_supplied_agent_sends_every_request() {
    let mock = MockServer::start();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .user_agent("my-app/1.0 (+https://example.com)")
        .build()
        .into();
    let spotify = mock
        .builder()
        .agent(agent)
        .user_agent("ignored-with-an-agent")
        .build_with_credentials("mock-client-id", "mock-client-secret")
        .unwrap();
    let album = spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(album.name, "Hybrid Theory");
    let seen = mock.requests();
    let paths: Vec<&str> = seen.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        paths,
        ["/api/token", &*format!("/v1/albums/{HYBRID_THEORY}")]
    );
    for r in &seen {
        assert_eq!(
            r.header("user-agent"),
            Some("my-app/1.0 (+https://example.com)"),
            "{}",
            r.path
        );
    }

    // Without an agent, the crate's own User-Agent goes out.
    let own = mock.builder().build(plain_token(&mock));
    own.album(HYBRID_THEORY).send().unwrap();
    let ua = last(&mock).header("user-agent").unwrap().to_owned();
    assert!(ua.starts_with("spotify-blocking/"), "{ua}");
}

#[test]
fn a_supplied_config_becomes_the_agent() {
    let mock = MockServer::start();
    let config = ureq::Agent::config_builder()
        .user_agent("from-a-config/2")
        .build();
    let spotify = mock.builder().agent(config).build(plain_token(&mock));
    spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(last(&mock).header("user-agent"), Some("from-a-config/2"));
}

/// An HTTP CONNECT proxy on 127.0.0.1 (port 0): records each request
/// head, then tunnels the connection to the target.
struct ConnectProxy {
    url: String,
    heads: Arc<Mutex<Vec<String>>>,
}

fn start_connect_proxy() -> ConnectProxy {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let heads = Arc::new(Mutex::new(Vec::new()));
    let h = heads.clone();
    std::thread::spawn(move || {
        for client in listener.incoming().take(8) {
            let Ok(client) = client else { continue };
            let h = h.clone();
            std::thread::spawn(move || tunnel(client, &h));
        }
    });
    ConnectProxy { url, heads }
}

fn tunnel(mut client: TcpStream, heads: &Mutex<Vec<String>>) {
    client
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 8192 {
        if client.read(&mut byte).unwrap_or(0) == 0 {
            return;
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    heads.lock().unwrap().push(head.clone());
    let Some(target) = head
        .strip_prefix("CONNECT ")
        .and_then(|r| r.split(' ').next())
    else {
        return;
    };
    let Ok(mut upstream) = TcpStream::connect(target) else {
        return;
    };
    upstream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    client
        .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
        .unwrap();
    let (mut c2, mut u2) = (client.try_clone().unwrap(), upstream.try_clone().unwrap());
    let up = std::thread::spawn(move || std::io::copy(&mut c2, &mut u2));
    let _ = std::io::copy(&mut upstream, &mut client);
    let _ = upstream.shutdown(std::net::Shutdown::Both);
    let _ = up.join();
}

#[test]
fn a_proxy_set_on_the_agent_carries_the_calls() {
    let mock = MockServer::start();
    let proxy = start_connect_proxy();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .proxy(Some(ureq::Proxy::new(&proxy.url).unwrap()))
        .timeout_recv_response(Some(Duration::from_secs(10)))
        .build()
        .into();
    let spotify = mock.builder().agent(agent).build(plain_token(&mock));
    let album = spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(album.name, "Hybrid Theory");
    let heads = proxy.heads.lock().unwrap().clone();
    let target = mock.url().trim_start_matches("http://").to_owned();
    assert_eq!(heads.len(), 1, "{heads:?}");
    assert!(
        heads[0].starts_with(&format!("CONNECT {target} HTTP/1.1\r\n")),
        "{heads:?}"
    );
    // The token went through the tunnel, not to the proxy.
    assert!(!heads[0].to_ascii_lowercase().contains("authorization"));
    assert!(last(&mock).header("authorization").is_some());
}

#[test]
fn a_supplied_agent_still_follows_no_redirect_and_returns_error_statuses() {
    let mock = MockServer::start();
    let elsewhere = MockServer::start();
    // ureq's defaults: follow up to 10 redirects, error statuses as errors.
    let spotify = mock
        .builder()
        .agent(ureq::Agent::new_with_defaults())
        .build(plain_token(&mock));
    mock.fault(Fault::Redirect(format!(
        "{}/v1/albums/{HYBRID_THEORY}",
        elsewhere.url()
    )));
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    assert_eq!(err.status(), Some(302), "{err:?}");
    assert_eq!(elsewhere.request_count(), 0, "the redirect was followed");

    let err = spotify.album("0000000000000000000000").send().unwrap_err();
    match err {
        Error::Api {
            status: 404,
            message,
            ..
        } => assert!(!message.is_empty()),
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

#[test]
fn the_body_limit_and_retries_still_apply_with_a_supplied_agent() {
    let mock = MockServer::start();
    let spotify = mock
        .builder()
        .agent(ureq::Agent::new_with_defaults())
        .body_limit(100)
        .build(plain_token(&mock));
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    assert!(
        matches!(err, Error::BodyTooLarge { limit: 100, .. }),
        "{err:?}"
    );

    let spotify = mock
        .builder()
        .agent(ureq::Agent::new_with_defaults())
        .build(plain_token(&mock));
    mock.clear_requests();
    mock.fault(Fault::RateLimit(Some(1)));
    spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(mock.request_count(), 2, "the 429 was retried");
}

#[test]
fn accept_language_is_sent_when_set() {
    let mock = MockServer::start();
    let swedish = mock
        .builder()
        .accept_language("sv-SE")
        .build_with_credentials("mock-client-id", "mock-client-secret")
        .unwrap();
    swedish.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(last(&mock).header("accept-language"), Some("sv-SE"));
    swedish.search_tracks("numb").send().unwrap();
    assert_eq!(last(&mock).header("accept-language"), Some("sv-SE"));

    // Also with a caller's agent.
    let mixed = mock
        .builder()
        .agent(ureq::Agent::new_with_defaults())
        .accept_language("de, en;q=0.8")
        .build(plain_token(&mock));
    mixed.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(last(&mock).header("accept-language"), Some("de, en;q=0.8"));

    // Defaults to none; a value that cannot be a header is ignored.
    for spotify in [
        mock.builder().build(plain_token(&mock)),
        mock.builder()
            .accept_language("sv\r\nX-Evil: 1")
            .build(plain_token(&mock)),
        mock.builder().accept_language("").build(plain_token(&mock)),
    ] {
        spotify.album(HYBRID_THEORY).send().unwrap();
        let sent = last(&mock);
        assert_eq!(sent.header("accept-language"), None);
        assert_eq!(sent.header("x-evil"), None);
    }
}

// ---- IDs both ways and short links ----------------------------------------

use spotify_blocking::id::{self, IdKind};

const TRACK: &str = "6rqhFgbbKwnb9MLmUQDhG6";

/// A server on 127.0.0.1 (port 0) playing spotify.link: answers each
/// connection with the next scripted response (404 when none is left) and
/// records request heads.
struct LinkServer {
    url: String,
    heads: Arc<Mutex<Vec<String>>>,
    script: Arc<Mutex<std::collections::VecDeque<String>>>,
}

impl LinkServer {
    fn then(&self, response: String) -> &Self {
        self.script.lock().unwrap().push_back(response);
        self
    }

    fn heads(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
    }
}

fn link_server(responses: Vec<String>) -> LinkServer {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let heads = Arc::new(Mutex::new(Vec::new()));
    let script: Arc<Mutex<std::collections::VecDeque<String>>> =
        Arc::new(Mutex::new(responses.into_iter().collect()));
    let (h, sc) = (heads.clone(), script.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(16) {
            let Ok(mut stream) = stream else { continue };
            stream
                .set_read_timeout(Some(Duration::from_secs(10)))
                .unwrap();
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && head.len() < 8192 {
                if stream.read(&mut byte).unwrap_or(0) == 0 {
                    break;
                }
                head.push(byte[0]);
            }
            h.lock()
                .unwrap()
                .push(String::from_utf8_lossy(&head).into_owned());
            let next: Option<String> = sc.lock().unwrap().pop_front();
            let resp = next.unwrap_or_else(|| respond(404, &[], "gone"));
            let _ = stream.write_all(resp.as_bytes());
        }
    });
    LinkServer { url, heads, script }
}

fn respond(status: u16, headers: &[(&str, &str)], body: &str) -> String {
    let mut r = format!("HTTP/1.1 {status} X\r\nConnection: close\r\n");
    for (k, v) in headers {
        r.push_str(&format!("{k}: {v}\r\n"));
    }
    r.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    r
}

fn redirect(to: &str) -> String {
    respond(307, &[("Location", to)], "")
}

/// A client with a token, pointed at `server` for short links.
fn link_client(server: &LinkServer) -> Spotify {
    Spotify::builder()
        .short_link_base(&server.url)
        .api_base("http://127.0.0.1:9/v1")
        .retry(spotify_blocking::RetryPolicy::none())
        .build(Token::from_access_token("secret-user-token-123456"))
}

#[test]
fn ids_become_uris_and_links_and_back() {
    let uri = id::to_uri(TRACK, IdKind::Track).unwrap();
    assert_eq!(uri, format!("spotify:track:{TRACK}"));
    let url = id::to_url(&uri, IdKind::Track).unwrap();
    assert_eq!(url, format!("https://open.spotify.com/track/{TRACK}"));
    assert_eq!(id::parse_id(&url, IdKind::Track).unwrap(), TRACK);
    assert_eq!(id::parse_uri(&url).unwrap(), (IdKind::Track, uri));
    assert!(matches!(
        id::to_url(&format!("spotify:album:{TRACK}"), IdKind::Track),
        Err(Error::InvalidId { .. })
    ));
}

#[test]
fn a_short_link_redirecting_to_open_spotify_is_resolved_without_a_token() {
    let server = link_server(vec![redirect(&format!(
        "https://open.spotify.com/track/{TRACK}?si=abc123&utm_source=copy-link"
    ))]);
    let spotify = link_client(&server);
    let url = spotify
        .resolve_short_link("https://spotify.link/AbCdEf12345")
        .unwrap();
    assert_eq!(url, format!("https://open.spotify.com/track/{TRACK}"));
    let heads = server.heads();
    assert_eq!(heads.len(), 1);
    assert!(
        heads[0].starts_with("GET /AbCdEf12345 HTTP/1.1\r\n"),
        "{heads:?}"
    );
    let lower = heads[0].to_ascii_lowercase();
    assert!(!lower.contains("authorization"), "{heads:?}");
    assert!(!heads[0].contains("secret-user-token"), "{heads:?}");
    // The result works as an ID argument.
    assert_eq!(id::parse_id(&url, IdKind::Track).unwrap(), TRACK);
}

#[test]
fn a_short_link_page_naming_the_link_is_resolved() {
    let page = format!(
        r#"<!doctype html><html><head><title>Spotify</title>
<meta property="og:url" content="https://open.spotify.com/album/{TRACK}?si=x">
</head><body><a href="https://open.spotify.com/">Open Spotify</a></body></html>"#
    );
    let server = link_server(vec![respond(200, &[("Content-Type", "text/html")], &page)]);
    let url = link_client(&server)
        .resolve_short_link("spotify.link/Page1")
        .unwrap();
    assert_eq!(url, format!("https://open.spotify.com/album/{TRACK}"));

    let server = link_server(vec![respond(200, &[], "<html>no link here</html>")]);
    let err = link_client(&server)
        .resolve_short_link("https://spotify.link/Page2")
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[test]
fn a_redirect_to_another_host_is_refused_and_not_followed() {
    let other = link_server(vec![respond(200, &[], "should never be asked")]);
    let server = link_server(vec![redirect(&format!("{}/track/{TRACK}", other.url))]);
    let err = link_client(&server)
        .resolve_short_link("https://spotify.link/Elsewhere1")
        .unwrap_err();
    match &err {
        Error::Api {
            status: 307,
            message,
            ..
        } => assert!(message.contains(&other.url), "{message}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.heads().len(), 1);
    assert!(other.heads().is_empty(), "the redirect was followed");

    // Look-alike hosts are other hosts.
    for to in [
        format!("https://open.spotify.com.evil.example/track/{TRACK}"),
        format!("https://open.spotify.com@evil.example/track/{TRACK}"),
        "https://spotify.app.link/AbC?si=1".to_owned(),
        "https://open.spotify.com/".to_owned(),
    ] {
        let server = link_server(vec![redirect(&to)]);
        let err = link_client(&server)
            .resolve_short_link("https://spotify.link/Lookalike")
            .unwrap_err();
        assert_eq!(err.status(), Some(307), "{to}: {err:?}");
        assert_eq!(server.heads().len(), 1);
    }
}

#[test]
fn a_redirect_loop_is_refused_after_one_request() {
    let server = link_server(vec![]);
    // The service redirects to itself: to its own URL, relatively, and to
    // the real spotify.link.
    server
        .then(redirect(&format!("{}/Loop1", server.url)))
        .then(redirect("/Loop1"))
        .then(redirect("https://spotify.link/Loop1"));
    let spotify = link_client(&server);
    for round in 1..=3 {
        let err = spotify
            .resolve_short_link("https://spotify.link/Loop1")
            .unwrap_err();
        assert_eq!(err.status(), Some(307), "{err:?}");
        assert_eq!(server.heads().len(), round, "one request per call");
    }
}

#[test]
fn bad_short_links_send_nothing() {
    let server = link_server(vec![]);
    let spotify = link_client(&server);
    for bad in [
        "",
        "https://spotify.link/",
        "https://spotify.link/a/b",
        "https://spotify.link/../api/token",
        "https://evil.example/AbC",
        &format!("https://open.spotify.com/track/{TRACK}"),
    ] {
        let err = spotify.resolve_short_link(bad).unwrap_err();
        assert!(matches!(err, Error::InvalidId { .. }), "{bad:?}: {err:?}");
    }
    std::thread::sleep(Duration::from_millis(50));
    assert!(server.heads().is_empty());

    // A status from the service comes back typed.
    let server = link_server(vec![respond(
        404,
        &[],
        "<html><title>Not found</title></html>",
    )]);
    let err = link_client(&server)
        .resolve_short_link("https://spotify.link/Missing")
        .unwrap_err();
    assert_eq!(err.status(), Some(404), "{err:?}");
}
