//! Reliability against a misbehaving server: retries, `Retry-After`,
//! timeouts, conditional requests, limits, garbage bodies and token renewal.
//! Every test owns its mock and asserts what went over the wire.

#[allow(dead_code)]
mod common;

use common::Tap;
use spotify_blocking::mock::RecordedRequest;
use spotify_blocking::mock::{
    CLIENT_ID, CLIENT_SECRET, Fault, HYBRID_THEORY, LONG_ALBUM, MockServer,
};
use spotify_blocking::{
    Error, RefreshingToken, RetryPolicy, Spotify, SpotifyBuilder, TimeoutPhase, Token,
};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

type Sleeps = Arc<Mutex<Vec<Duration>>>;

/// The default policy, recording its waits instead of sleeping.
fn recording(policy: RetryPolicy) -> (RetryPolicy, Sleeps) {
    let sleeps: Sleeps = Arc::default();
    let s = sleeps.clone();
    let policy = policy.sleep_with(move |d| s.lock().unwrap().push(d));
    (policy, sleeps)
}

/// A client with an app token whose retries are recorded; the token
/// request is forgotten so the log holds only what the test does.
fn client_with(mock: &MockServer, builder: SpotifyBuilder) -> Spotify {
    let spotify = builder
        .build_with_credentials(CLIENT_ID, CLIENT_SECRET)
        .unwrap();
    mock.clear_requests();
    spotify
}

fn recorded_client(mock: &MockServer) -> (Spotify, Sleeps) {
    let (policy, sleeps) = recording(RetryPolicy::default());
    (client_with(mock, mock.builder().retry(policy)), sleeps)
}

fn sleeps_of(s: &Sleeps) -> Vec<Duration> {
    s.lock().unwrap().clone()
}

fn api_requests(mock: &MockServer) -> Vec<RecordedRequest> {
    mock.requests()
        .into_iter()
        .filter(|r| r.path.starts_with("/v1/"))
        .collect()
}

fn token_posts(mock: &MockServer) -> usize {
    mock.requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path == "/api/token")
        .count()
}

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// The album as the mock serves it, byte for byte.
fn album_body(mock: &MockServer, id: &str) -> String {
    let token = mock.credentials().request_client_token().unwrap();
    let mut resp = ureq::get(format!("{}/albums/{id}", mock.api_base()))
        .header("Authorization", format!("Bearer {}", token.access_token()))
        .call()
        .unwrap();
    resp.body_mut().read_to_string().unwrap()
}

fn raw(status: u16, content_type: &str, body: impl Into<String>) -> Fault {
    Fault::Raw {
        status,
        content_type: content_type.to_owned(),
        body: body.into(),
    }
}

// ---------------------------------------------------------------- retries

#[test]
fn rate_limit_waits_retry_after_then_succeeds() {
    let mock = MockServer::start();
    let (spotify, sleeps) = recorded_client(&mock);
    mock.fault_on("/v1/", Fault::RateLimit(Some(2)));
    mock.fault_on("/v1/", Fault::RateLimit(Some(1)));
    let album = spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(album.name, "Hybrid Theory");
    assert_eq!(sleeps_of(&sleeps), vec![secs(2), secs(1)]);
    assert_eq!(api_requests(&mock).len(), 3);
}

#[test]
fn rate_limit_above_the_cap_comes_back_at_once() {
    let mock = MockServer::start();
    let (spotify, sleeps) = recorded_client(&mock);
    mock.fault_on("/v1/", Fault::RateLimit(Some(61)));
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    match &err {
        Error::Api {
            status,
            retry_after,
            attempts,
            ..
        } => {
            assert_eq!(*status, 429);
            assert_eq!(*retry_after, Some(secs(61)));
            assert_eq!(*attempts, 1);
        }
        other => panic!("{other:?}"),
    }
    assert!(sleeps_of(&sleeps).is_empty());
    assert_eq!(api_requests(&mock).len(), 1);

    // A lower cap, set by the caller; the cap itself is still waited out.
    let (policy, sleeps) = recording(RetryPolicy::default().max_retry_after(secs(5)));
    let spotify = client_with(&mock, mock.builder().retry(policy));
    mock.fault_on("/v1/", Fault::RateLimit(Some(5)));
    mock.fault_on("/v1/", Fault::RateLimit(Some(6)));
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    assert_eq!(err.status(), Some(429));
    assert!(matches!(err, Error::Api { retry_after: Some(d), attempts: 2, .. } if d == secs(6)));
    assert_eq!(sleeps_of(&sleeps), vec![secs(5)]);
    assert_eq!(api_requests(&mock).len(), 2);
}

#[test]
fn rate_limit_without_retry_after_backs_off() {
    let mock = MockServer::start();
    let (spotify, sleeps) = recorded_client(&mock);
    mock.fault_on("/v1/", Fault::RateLimit(None));
    mock.fault_on("/v1/", Fault::RateLimit(None));
    spotify.album(HYBRID_THEORY).send().unwrap();
    let waits = sleeps_of(&sleeps);
    assert_eq!(waits.len(), 2);
    // 250 ms base doubling per retry, plus up to 100 % jitter.
    assert!(waits[0] >= ms(250) && waits[0] <= ms(500), "{waits:?}");
    assert!(waits[1] >= ms(500) && waits[1] <= ms(1000), "{waits:?}");
    assert_eq!(api_requests(&mock).len(), 3);
}

#[test]
fn rate_limit_budget_runs_out_with_retry_after_in_the_error() {
    let mock = MockServer::start();
    let (spotify, sleeps) = recorded_client(&mock);
    for _ in 0..5 {
        mock.fault_on("/v1/", Fault::RateLimit(Some(1)));
    }
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    assert!(
        matches!(err, Error::Api { status: 429, retry_after: Some(d), attempts: 4, .. } if d == secs(1)),
        "{err:?}"
    );
    assert_eq!(sleeps_of(&sleeps), vec![secs(1); 3]);
    assert_eq!(api_requests(&mock).len(), 4);
    assert!(err.to_string().contains("after 4 attempts"), "{err}");
}

#[test]
fn each_retried_server_error_is_retried() {
    for status in [500, 502, 503, 504] {
        let mock = MockServer::start();
        let (spotify, sleeps) = recorded_client(&mock);
        mock.fault_on("/v1/", Fault::Status(status));
        let album = spotify.album(HYBRID_THEORY).send().unwrap();
        assert_eq!(album.name, "Hybrid Theory");
        assert_eq!(api_requests(&mock).len(), 2, "{status}");
        assert_eq!(sleeps_of(&sleeps).len(), 1, "{status}");
    }
}

#[test]
fn other_errors_are_not_retried() {
    for status in [400, 403, 404, 501] {
        let mock = MockServer::start();
        let (spotify, sleeps) = recorded_client(&mock);
        mock.fault_on("/v1/", Fault::Status(status));
        let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
        assert!(
            matches!(err, Error::Api { status: s, attempts: 1, .. } if s == status),
            "{err:?}"
        );
        assert_eq!(api_requests(&mock).len(), 1);
        assert!(sleeps_of(&sleeps).is_empty());
    }
}

#[test]
fn server_errors_exhaust_three_retries_with_growing_backoff() {
    let mock = MockServer::start();
    let (spotify, sleeps) = recorded_client(&mock);
    for status in [500, 502, 503, 504, 500] {
        mock.fault_on("/v1/", Fault::Status(status));
    }
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    match &err {
        Error::Api {
            status,
            attempts,
            message,
            endpoint,
            ..
        } => {
            assert_eq!(*status, 504, "the last status");
            assert_eq!(*attempts, 4, "one try and the default three retries");
            assert_eq!(message, "injected fault");
            assert_eq!(endpoint, "GET /albums/{id}");
        }
        other => panic!("{other:?}"),
    }
    let waits = sleeps_of(&sleeps);
    assert_eq!(waits.len(), 3);
    for (i, w) in waits.iter().enumerate() {
        let base = ms(250) * (1 << i);
        assert!(*w >= base && *w <= base * 2, "retry {i}: {waits:?}");
    }
    assert_eq!(api_requests(&mock).len(), 4);
    // The fifth fault is still queued: nothing more was sent.
    assert_eq!(mock.request_count(), 4);
}

#[test]
fn retry_budget_and_backoff_are_configurable() {
    let mock = MockServer::start();
    let (policy, sleeps) = recording(RetryPolicy::default().max_retries(1).base_backoff(ms(10)));
    let spotify = client_with(&mock, mock.builder().retry(policy));
    mock.fault_on("/v1/", Fault::Status(503));
    mock.fault_on("/v1/", Fault::Status(503));
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    assert!(
        matches!(
            err,
            Error::Api {
                status: 503,
                attempts: 2,
                ..
            }
        ),
        "{err:?}"
    );
    let waits = sleeps_of(&sleeps);
    assert!(
        waits.len() == 1 && waits[0] >= ms(10) && waits[0] <= ms(20),
        "{waits:?}"
    );

    let (policy, sleeps) = recording(RetryPolicy::none());
    let spotify = client_with(&mock, mock.builder().retry(policy));
    mock.fault_on("/v1/", Fault::Status(503));
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    assert!(
        matches!(
            err,
            Error::Api {
                status: 503,
                attempts: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(sleeps_of(&sleeps).is_empty());
    assert_eq!(api_requests(&mock).len(), 1);
}

#[test]
fn post_is_never_retried_on_5xx_or_a_dropped_connection() {
    let mock = MockServer::start();
    let (policy, sleeps) = recording(RetryPolicy::default());
    let spotify = mock
        .builder()
        .retry(policy)
        .build(Token::from_access_token("x"));
    // The token endpoint is a POST: through the client's own transport.
    let creds = spotify.credentials(CLIENT_ID, Some(CLIENT_SECRET));
    mock.fault_on("/api/token", Fault::Status(503));
    let err = creds.request_client_token().unwrap_err();
    assert!(matches!(err, Error::Auth { status: 503, .. }), "{err:?}");
    assert_eq!(token_posts(&mock), 1);

    mock.fault_on("/api/token", Fault::CloseBeforeResponse);
    let err = creds.request_client_token().unwrap_err();
    assert!(
        matches!(err, Error::Transport { attempts: 1, .. }),
        "{err:?}"
    );
    assert_eq!(token_posts(&mock), 2);
    assert!(sleeps_of(&sleeps).is_empty());

    // Once the server is back, the same credentials work.
    assert!(creds.request_client_token().is_ok());
    assert_eq!(token_posts(&mock), 3);
}

#[test]
fn connection_closed_before_the_response_is_retried_for_get() {
    let mock = MockServer::start();
    let (spotify, sleeps) = recorded_client(&mock);
    mock.fault_on("/v1/", Fault::CloseBeforeResponse);
    let album = spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(album.tracks.items.len(), 12);
    assert_eq!(api_requests(&mock).len(), 2);
    assert_eq!(sleeps_of(&sleeps).len(), 1);
}

#[test]
fn connection_closed_mid_body_is_not_retried() {
    let mock = MockServer::start();
    let (spotify, sleeps) = recorded_client(&mock);
    mock.fault_on("/v1/", Fault::Truncate(100));
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    assert!(
        matches!(err, Error::Transport { attempts: 1, ref endpoint, .. } if endpoint == "GET /albums/{id}"),
        "{err:?}"
    );
    assert_eq!(api_requests(&mock).len(), 1);
    assert!(sleeps_of(&sleeps).is_empty());
}

// --------------------------------------------------------------- timeouts

#[test]
fn a_silent_server_times_out_quickly_and_is_not_retried() {
    let mock = MockServer::start();
    let (policy, sleeps) = recording(RetryPolicy::default());
    let spotify = client_with(&mock, mock.builder().retry(policy).receive_timeout(ms(300)));
    mock.fault_on("/v1/", Fault::Delay(secs(5)));
    let start = Instant::now();
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    let took = start.elapsed();
    match &err {
        Error::Timeout {
            phase, attempts, ..
        } => {
            assert_eq!(*phase, TimeoutPhase::ReceiveResponse);
            assert_eq!(*attempts, 1);
        }
        other => panic!("{other:?}"),
    }
    assert!(took >= ms(250) && took < ms(1500), "{took:?}");
    assert_eq!(api_requests(&mock).len(), 1);
    assert!(sleeps_of(&sleeps).is_empty());
}

#[test]
fn a_trickled_body_hits_the_body_timeout_and_is_not_retried() {
    let mock = MockServer::start();
    let tap = Tap::new(&mock.url());
    let (policy, sleeps) = recording(RetryPolicy::default());
    let spotify = client_with(
        &mock,
        tap.route(mock.builder())
            .retry(policy)
            .body_timeout(ms(300)),
    );
    mock.fault_on(
        "/v1/",
        Fault::Trickle {
            chunk: 64,
            pause: ms(50),
        },
    );
    let start = Instant::now();
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    let took = start.elapsed();
    assert!(
        matches!(&err, Error::Timeout { phase, attempts: 1, .. } if *phase == TimeoutPhase::ReceiveBody),
        "{err:?}"
    );
    assert!(took < ms(1500), "{took:?}");
    assert_eq!(api_requests(&mock).len(), 1);
    assert!(sleeps_of(&sleeps).is_empty());
    // Some of the body arrived, not all of it.
    assert!(tap.body_bytes() > 0);
}

// ---------------------------------------------------- conditional requests

#[test]
fn cache_revalidates_with_if_none_match_and_serves_304_from_memory() {
    let mock = MockServer::start();
    let tap = Tap::new(&mock.url());
    let spotify = client_with(&mock, tap.route(mock.builder()).cache(16, 1 << 20));
    let first = spotify.album(HYBRID_THEORY).send().unwrap();
    let sent = tap.body_bytes();
    let second = spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(first, second);
    assert_eq!(tap.body_bytes(), sent, "a 304 carries no body");

    let reqs = api_requests(&mock);
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0].header("if-none-match"), None);
    let etag = reqs[1].header("if-none-match").expect("conditional GET");
    assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");

    // Another URL (a query differs) is another entry.
    spotify.album(HYBRID_THEORY).market("SE").send().unwrap();
    assert_eq!(api_requests(&mock)[2].header("if-none-match"), None);
    assert!(tap.body_bytes() > sent);
}

#[test]
fn without_the_cache_no_conditional_request_is_sent() {
    let mock = MockServer::start();
    let tap = Tap::new(&mock.url());
    let spotify = client_with(&mock, tap.route(mock.builder()));
    let before = tap.body_bytes();
    spotify.album(HYBRID_THEORY).send().unwrap();
    let one = tap.body_bytes() - before;
    spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(tap.body_bytes(), before + 2 * one, "the body, twice");
    assert!(
        api_requests(&mock)
            .iter()
            .all(|r| r.header("if-none-match").is_none())
    );
}

#[test]
fn cache_entries_are_not_shared_between_tokens() {
    let mock = MockServer::start();
    let token_a = mock.credentials().request_client_token().unwrap();
    let token_b = mock.credentials().request_client_token().unwrap();
    let spotify = mock.builder().cache(16, 1 << 20).build(token_a.clone());
    mock.clear_requests();
    spotify.album(HYBRID_THEORY).send().unwrap();
    spotify.set_token(token_b);
    spotify.album(HYBRID_THEORY).send().unwrap();
    spotify.set_token(token_a);
    spotify.album(HYBRID_THEORY).send().unwrap();
    let reqs = api_requests(&mock);
    let inm: Vec<Option<&str>> = reqs.iter().map(|r| r.header("if-none-match")).collect();
    assert_eq!(inm.len(), 3);
    assert!(inm[0].is_none() && inm[1].is_none(), "{inm:?}");
    assert!(inm[2].is_some(), "token A's entry is still there");
}

#[test]
fn a_fresh_answer_without_etag_replaces_the_cached_one() {
    let mock = MockServer::start();
    let body = album_body(&mock, HYBRID_THEORY);
    let mut changed: serde_json::Value = serde_json::from_str(&body).unwrap();
    changed["name"] = "Hybrid Theory (Remastered)".into();
    let spotify = client_with(&mock, mock.builder().cache(16, 1 << 20));
    spotify.album(HYBRID_THEORY).send().unwrap();
    // The server answers 200 (not 304) without an ETag: the new body is
    // returned, and the old entry no longer describes the resource.
    mock.fault_on("/v1/", raw(200, "application/json", changed.to_string()));
    let album = spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(album.name, "Hybrid Theory (Remastered)");
    let album = spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(album.name, "Hybrid Theory");
    let inm: Vec<bool> = api_requests(&mock)
        .iter()
        .map(|r| r.header("if-none-match").is_some())
        .collect();
    assert_eq!(inm, vec![false, true, false]);
}

#[test]
fn cache_budget_too_small_stores_nothing() {
    let mock = MockServer::start();
    let spotify = client_with(&mock, mock.builder().cache(16, 100));
    spotify.album(HYBRID_THEORY).send().unwrap();
    spotify.album(HYBRID_THEORY).send().unwrap();
    assert!(
        api_requests(&mock)
            .iter()
            .all(|r| r.header("if-none-match").is_none())
    );
}

// ------------------------------------------------------------------ limits

#[test]
fn body_limit_is_enforced_and_not_retried() {
    let mock = MockServer::start();
    let (policy, sleeps) = recording(RetryPolicy::default());
    let spotify = client_with(&mock, mock.builder().retry(policy).body_limit(1000));
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    assert!(
        matches!(err, Error::BodyTooLarge { limit: 1000, ref endpoint , .. } if endpoint == "GET /albums/{id}"),
        "{err:?}"
    );
    assert_eq!(api_requests(&mock).len(), 1);
    assert!(sleeps_of(&sleeps).is_empty());
    // Small bodies still pass.
    let spotify = client_with(&mock, mock.builder().body_limit(200_000));
    assert!(spotify.album(HYBRID_THEORY).send().is_ok());
}

/// A tracks page of `LONG_ALBUM` whose `next` is `next`.
fn page_with_next(mock: &MockServer, next: &str) -> String {
    let spotify = client_with(mock, mock.builder());
    let page = spotify.album_tracks(LONG_ALBUM).limit(2).send().unwrap();
    let mut v = serde_json::to_value(&page).unwrap();
    v["next"] = serde_json::Value::String(next.to_owned());
    mock.clear_requests();
    v.to_string()
}

#[test]
fn paging_refuses_a_next_link_outside_the_api_base() {
    let mock = MockServer::start();
    let other = MockServer::start();
    for next in [
        format!(
            "{}/albums/{LONG_ALBUM}/tracks?offset=2&limit=2",
            other.api_base()
        ),
        format!("http://127.0.0.1:1/v1/albums/{LONG_ALBUM}/tracks?offset=2"),
        format!("{}x/albums/{LONG_ALBUM}/tracks", mock.api_base()),
        mock.api_base().replace("127.0.0.1", "localhost") + "/albums",
    ] {
        let body = page_with_next(&mock, &next);
        let spotify = client_with(&mock, mock.builder());
        mock.fault_on("/v1/", raw(200, "application/json", body));
        let mut pages = spotify.album_tracks(LONG_ALBUM).limit(2).pages();
        let first = pages.next().unwrap().unwrap();
        assert_eq!(first.items.len(), 2);
        let err = pages.next().unwrap().unwrap_err();
        assert!(
            matches!(err, Error::InvalidInput { param: "next", .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains("outside"), "{err}");
        assert!(pages.next().is_none(), "the iterator ends");
        assert_eq!(api_requests(&mock).len(), 1);
    }
    assert_eq!(other.request_count(), 0, "the other host heard nothing");
}

#[test]
fn a_refused_next_link_does_not_show_the_token_it_carries() {
    let mock = MockServer::start();
    let spotify = client_with(&mock, mock.builder());
    let token = spotify.token().access_token().to_owned();
    let encoded: String = token.bytes().map(|b| format!("%{b:02X}")).collect();
    let next = format!("http://{token}@127.0.0.1:1/v1/albums?t={token}&e={encoded}");
    let body = page_with_next(&mock, &next);
    mock.fault_on("/v1/", raw(200, "application/json", body));
    let mut pages = spotify.album_tracks(LONG_ALBUM).limit(2).pages();
    assert_eq!(pages.next().unwrap().unwrap().items.len(), 2);
    let err = pages.next().unwrap().unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput { param: "next", .. }),
        "{err:?}"
    );
    for text in [err.to_string(), format!("{err:?}")] {
        assert!(text.contains("outside"), "{text}");
        assert!(
            text.contains("leads to") && text.contains("http://127.0.0.1:1"),
            "{text}"
        );
        assert!(!text.contains(&token), "{text}");
        assert!(!text.contains(&encoded), "{text}");
        assert!(!text.contains("mock-access"), "{text}");
    }
}

#[test]
fn all_items_refuses_a_foreign_next_link_too() {
    let mock = MockServer::start();
    let other = MockServer::start();
    let spotify = client_with(&mock, mock.builder());
    let mut album = spotify.album(LONG_ALBUM).send().unwrap();
    album.tracks.next = Some(format!("{}/albums/{LONG_ALBUM}/tracks", other.api_base()));
    let err = spotify
        .all_items(album.tracks)
        .collect::<Result<Vec<_>, _>>()
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { param: "next", .. }));
    assert_eq!(other.request_count(), 0);
}

#[test]
fn paging_stops_when_next_repeats() {
    let mock = MockServer::start();
    let same = format!(
        "{}/albums/{LONG_ALBUM}/tracks?offset=2&limit=2",
        mock.api_base()
    );
    let body = page_with_next(&mock, &same);
    let spotify = client_with(&mock, mock.builder());
    mock.fault_on("/v1/", raw(200, "application/json", body.clone()));
    mock.fault_on("/v1/", raw(200, "application/json", body));
    let pages: Vec<_> = spotify.album_tracks(LONG_ALBUM).limit(2).pages().collect();
    assert_eq!(pages.len(), 2);
    assert!(pages.iter().all(Result::is_ok));
    let reqs = api_requests(&mock);
    assert_eq!(reqs.len(), 2, "the repeated link is not fetched again");
    assert_eq!(reqs[1].query_value("offset"), Some("2"));
}

#[test]
fn a_redirect_to_another_host_is_an_error_and_not_followed() {
    let mock = MockServer::start();
    let other = MockServer::start();
    let (spotify, sleeps) = recorded_client(&mock);
    let target = format!("{}/albums/{HYBRID_THEORY}", other.api_base());
    mock.fault_on("/v1/", Fault::Redirect(target.clone()));
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    match &err {
        Error::Api {
            status,
            message,
            attempts,
            ..
        } => {
            assert_eq!(*status, 302);
            assert_eq!(*attempts, 1);
            assert!(message.contains(&target), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(other.request_count(), 0, "the bearer token went nowhere");
    assert_eq!(api_requests(&mock).len(), 1);
    assert!(sleeps_of(&sleeps).is_empty());
}

// ----------------------------------------------------------------- garbage

#[test]
fn truncated_json_is_a_decode_error() {
    let mock = MockServer::start();
    let body = album_body(&mock, HYBRID_THEORY);
    let spotify = client_with(&mock, mock.builder());
    mock.fault_on(
        "/v1/",
        raw(200, "application/json", &body[..body.len() / 2]),
    );
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    match &err {
        Error::Decode {
            endpoint,
            message,
            body: excerpt,
            ..
        } => {
            assert_eq!(endpoint, "GET /albums/{id}");
            assert!(message.contains("EOF"), "{message}");
            assert!(excerpt.starts_with("{\""), "{excerpt}");
            assert!(excerpt.len() < 400, "the body is quoted, truncated");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn invalid_json_is_a_decode_error() {
    let mock = MockServer::start();
    let spotify = client_with(&mock, mock.builder());
    mock.fault_on(
        "/v1/",
        raw(200, "application/json", "{\"name\": Hybrid Theory}"),
    );
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    assert!(
        matches!(&err, Error::Decode { body, .. } if body == "{\"name\": Hybrid Theory}"),
        "{err:?}"
    );
}

#[test]
fn an_html_502_page_gives_its_title() {
    let mock = MockServer::start();
    let (spotify, _) = recorded_client(&mock);
    let page = "<!DOCTYPE html>\n<html><head><TITLE> 502 Bad Gateway </TITLE></head>\
                <body><h1>Bad Gateway</h1><p>upstream went away</p></body></html>";
    for _ in 0..4 {
        mock.fault_on("/v1/", raw(502, "text/html", page));
    }
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    assert!(
        matches!(&err, Error::Api { status: 502, message, attempts: 4, .. } if message == "502 Bad Gateway"),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "Spotify returned 502 for GET /albums/{id}: 502 Bad Gateway after 4 attempts"
    );
}

#[test]
fn json_labelled_text_plain_still_parses() {
    let mock = MockServer::start();
    let body = album_body(&mock, HYBRID_THEORY);
    let spotify = client_with(&mock, mock.builder());
    mock.fault_on("/v1/", raw(200, "text/plain", body));
    let album = spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(album.name, "Hybrid Theory");
    assert_eq!(album.tracks.items.len(), 12);
}

#[test]
fn html_with_200_is_a_decode_error_quoting_it() {
    let mock = MockServer::start();
    let spotify = client_with(&mock, mock.builder());
    let page =
        "<html><head><title>Captive portal</title></head><body>Log in to the Wi-Fi</body></html>";
    mock.fault_on("/v1/", raw(200, "text/html", page));
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    match &err {
        Error::Decode { body, .. } => assert_eq!(body, page),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("Captive portal"), "{err}");
}

#[test]
fn an_empty_200_where_a_model_is_expected() {
    let mock = MockServer::start();
    let spotify = client_with(&mock, mock.builder());
    mock.fault_on("/v1/", raw(200, "application/json", ""));
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert!(err.to_string().contains("body was empty"), "{err}");
}

#[test]
fn decode_errors_name_the_json_path() {
    let mock = MockServer::start();
    let body = album_body(&mock, HYBRID_THEORY);
    let mut v: serde_json::Value = serde_json::from_str(&body).unwrap();
    v["tracks"]["items"][3]["duration_ms"] = "three minutes".into();
    let spotify = client_with(&mock, mock.builder());
    mock.fault_on("/v1/", raw(200, "application/json", v.to_string()));
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    match &err {
        Error::Decode { path, message, .. } => {
            assert_eq!(path, "tracks.items[3].duration_ms");
            assert!(message.contains("three minutes"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("`tracks.items[3].duration_ms`"));
}

// ----------------------------------------------------------------- refresh

#[test]
fn a_401_with_a_refreshing_token_renews_once_and_repeats() {
    let mock = MockServer::start();
    let spotify = client_with(&mock, mock.builder());
    let old = spotify.token().access_token().to_owned();
    mock.expire_tokens();
    let album = spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(album.name, "Hybrid Theory");
    let reqs = mock.requests();
    let shape: Vec<(&str, &str)> = reqs
        .iter()
        .map(|r| (r.method.as_str(), r.path.as_str()))
        .collect();
    let album_path = format!("/v1/albums/{HYBRID_THEORY}");
    assert_eq!(
        shape,
        vec![
            ("GET", album_path.as_str()),
            ("POST", "/api/token"),
            ("GET", album_path.as_str())
        ]
    );
    let new = spotify.token().access_token().to_owned();
    assert_ne!(old, new);
    assert_eq!(
        reqs[0].header("authorization"),
        Some(format!("Bearer {old}").as_str())
    );
    assert_eq!(
        reqs[2].header("authorization"),
        Some(format!("Bearer {new}").as_str())
    );

    // A second 401 after the renewal is returned, not renewed again.
    mock.clear_requests();
    mock.fault_on("/v1/", Fault::Status(401));
    mock.fault_on("/v1/", Fault::Status(401));
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    assert_eq!(err.status(), Some(401));
    assert_eq!(token_posts(&mock), 1);
    assert_eq!(api_requests(&mock).len(), 2);
}

#[test]
fn renewal_after_401_and_retries_after_5xx_share_one_budget() {
    let mock = MockServer::start();
    let (policy, sleeps) = recording(RetryPolicy::default().max_retries(2));
    let spotify = client_with(&mock, mock.builder().retry(policy));
    // 401 (renew: attempt 2), then 503 twice: the budget of 3 attempts ends
    // with the second 503, and `attempts` counts the renewal too.
    mock.fault_on("/v1/", Fault::Status(401));
    mock.fault_on("/v1/", Fault::Status(503));
    mock.fault_on("/v1/", Fault::Status(503));
    mock.fault_on("/v1/", Fault::Status(503));
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    assert!(
        matches!(
            err,
            Error::Api {
                status: 503,
                attempts: 3,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(api_requests(&mock).len(), 3);
    assert_eq!(token_posts(&mock), 1);
    assert_eq!(
        sleeps_of(&sleeps).len(),
        1,
        "one backoff: after the first 503"
    );

    // With no retries at all, a 401 is the answer: nothing is renewed.
    let mock = MockServer::start();
    let spotify = client_with(&mock, mock.builder().retry(RetryPolicy::none()));
    mock.expire_tokens();
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    assert!(
        matches!(
            err,
            Error::Api {
                status: 401,
                attempts: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(token_posts(&mock), 0);
}

#[test]
fn a_user_token_renews_with_its_refresh_token() {
    let mock = MockServer::start();
    let spotify = mock.user_client(spotify_blocking::scope::Scopes::new());
    let refresh = spotify.token().refresh_token().unwrap().to_owned();
    mock.expire_tokens();
    spotify.album(HYBRID_THEORY).send().unwrap();
    let post = mock
        .requests()
        .into_iter()
        .find(|r| r.path == "/api/token")
        .unwrap();
    let form = post.body_form();
    assert!(form.contains(&("grant_type".into(), "refresh_token".into())));
    assert!(form.contains(&("refresh_token".into(), refresh.clone())));
    assert_eq!(spotify.token().refresh_token(), Some(refresh.as_str()));
}

#[test]
fn a_plain_token_is_not_renewed_on_401() {
    let mock = MockServer::start();
    let token = mock.credentials().request_client_token().unwrap();
    let spotify = mock.builder().build(token);
    mock.expire_tokens();
    mock.clear_requests();
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    assert!(
        matches!(
            err,
            Error::Api {
                status: 401,
                attempts: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(mock.request_count(), 1);
    assert_eq!(token_posts(&mock), 0);
}

#[test]
fn invalid_grant_during_refresh_is_refresh_revoked() {
    let mock = MockServer::start();
    let spotify = mock.user_client(spotify_blocking::scope::Scopes::new());
    mock.clear_requests();
    mock.expire_tokens();
    mock.fault_on(
        "/api/token",
        raw(
            400,
            "application/json",
            r#"{"error":"invalid_grant","error_description":"Refresh token revoked"}"#,
        ),
    );
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    match &err {
        Error::RefreshRevoked { description, .. } => {
            assert_eq!(description, "Refresh token revoked")
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("log in again"));
    assert_eq!(api_requests(&mock).len(), 1, "only the call that got 401");
    assert_eq!(token_posts(&mock), 1);
}

#[test]
fn token_endpoint_down_during_a_lazy_refresh() {
    let mock = MockServer::start();
    let stale = Token::from_access_token("stale").with_expiry(SystemTime::now());
    assert!(stale.is_expiring());
    let spotify = mock
        .builder()
        .build(RefreshingToken::new(stale, mock.credentials()));
    mock.fault_on("/api/token", Fault::Status(503));
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    assert!(matches!(err, Error::Auth { status: 503, .. }), "{err:?}");
    assert_eq!(token_posts(&mock), 1, "a POST is not retried");
    assert!(api_requests(&mock).is_empty(), "the API call was not sent");

    // The next call renews and goes through.
    spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(token_posts(&mock), 2);
    assert_eq!(api_requests(&mock).len(), 1);
    assert!(!spotify.token().is_expiring());
}

#[test]
fn six_threads_share_an_expiring_token_and_refresh_once() {
    let mock = MockServer::start();
    let user = mock.user_token(spotify_blocking::scope::Scopes::new());
    let expiring = user.with_expiry(SystemTime::now() + secs(10));
    assert!(expiring.is_expiring(), "inside the one-minute margin");
    let spotify = mock
        .builder()
        .build(RefreshingToken::new(expiring, mock.credentials()));
    mock.clear_requests();
    std::thread::scope(|s| {
        for _ in 0..6 {
            s.spawn(|| {
                for _ in 0..3 {
                    let album = spotify.album(HYBRID_THEORY).send().unwrap();
                    assert_eq!(album.name, "Hybrid Theory");
                }
            });
        }
    });
    assert_eq!(token_posts(&mock), 1);
    let calls = api_requests(&mock);
    assert_eq!(calls.len(), 18);
    let bearer = format!("Bearer {}", spotify.token().access_token());
    assert!(
        calls
            .iter()
            .all(|r| r.header("authorization") == Some(bearer.as_str()))
    );
}

#[test]
fn six_threads_hitting_401_together_refresh_once() {
    let mock = MockServer::start();
    let spotify = client_with(&mock, mock.builder());
    mock.expire_tokens();
    std::thread::scope(|s| {
        for _ in 0..6 {
            s.spawn(|| spotify.album(HYBRID_THEORY).send().unwrap());
        }
    });
    assert_eq!(token_posts(&mock), 1);
    // Every thread got its album: at most one 401 each, then a success.
    let calls = api_requests(&mock);
    assert!(calls.len() >= 7 && calls.len() <= 12, "{}", calls.len());
}

// ------------------------------------------------------------- more gaps

#[test]
fn a_204_where_a_model_is_expected_is_a_decode_error() {
    let mock = MockServer::start();
    let spotify = client_with(&mock, mock.builder());
    mock.fault_on("/v1/", raw(204, "application/json", ""));
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    match &err {
        Error::Decode {
            endpoint,
            message,
            body,
            ..
        } => {
            assert_eq!(endpoint, "GET /albums/{id}");
            assert!(message.contains("body was empty"), "{message}");
            assert_eq!(body, "");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(api_requests(&mock).len(), 1, "a 204 is not retried");

    // Where the model is optional, the same 204 is `None`; where nothing
    // is expected, it is `()`.
    let user = mock.user_client(spotify_blocking::scope::every());
    mock.fault_on("/v1/", raw(204, "application/json", ""));
    assert_eq!(user.playback().send().unwrap(), None);
    mock.fault_on("/v1/", raw(204, "application/json", ""));
    user.library_save([format!("spotify:album:{HYBRID_THEORY}")])
        .send()
        .unwrap();
}

#[test]
fn slow_headers_within_and_beyond_the_receive_timeout() {
    let mock = MockServer::start();
    let (policy, sleeps) = recording(RetryPolicy::default());
    let spotify = client_with(&mock, mock.builder().retry(policy).receive_timeout(ms(400)));
    // Headers later than usual but in time: the call succeeds.
    mock.fault_on("/v1/", Fault::Delay(ms(100)));
    let start = Instant::now();
    let album = spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(album.name, "Hybrid Theory");
    assert!(start.elapsed() >= ms(100), "{:?}", start.elapsed());
    assert_eq!(api_requests(&mock).len(), 1);

    // Headers later than the timeout: a typed timeout naming the phase.
    mock.fault_on("/v1/", Fault::Delay(secs(3)));
    let start = Instant::now();
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    let took = start.elapsed();
    assert!(
        matches!(&err, Error::Timeout { phase, attempts: 1, endpoint , .. }
            if *phase == TimeoutPhase::ReceiveResponse && endpoint == "GET /albums/{id}"),
        "{err:?}"
    );
    assert!(took >= ms(350) && took < ms(2500), "{took:?}");
    assert!(err.to_string().contains("receive response"), "{err}");
    assert_eq!(api_requests(&mock).len(), 2);
    assert!(sleeps_of(&sleeps).is_empty());
}

#[test]
fn invalid_grant_in_the_middle_of_a_paging_loop_ends_it() {
    let mock = MockServer::start();
    let spotify = mock.user_client(spotify_blocking::scope::Scopes::new());
    mock.clear_requests();
    let mut items = spotify.album_tracks(LONG_ALBUM).limit(10).items();
    for n in 1..=10 {
        let track = items.next().unwrap().unwrap();
        assert_eq!(track.track_number, n);
    }
    assert_eq!(api_requests(&mock).len(), 1, "one page so far");
    // The user revoked the app's access meanwhile.
    mock.revoke_refresh_tokens();
    mock.expire_tokens();
    let err = items.next().unwrap().unwrap_err();
    assert!(matches!(err, Error::RefreshRevoked { .. }), "{err:?}");
    assert!(err.to_string().contains("log in again"), "{err}");
    assert!(items.next().is_none(), "the iterator ends");
    assert!(items.next().is_none());
    let shape: Vec<(String, String)> = mock
        .requests()
        .into_iter()
        .map(|r| (r.method, r.path))
        .collect();
    let tracks = format!("/v1/albums/{LONG_ALBUM}/tracks");
    assert_eq!(
        shape,
        [
            ("GET".to_owned(), tracks.clone()),
            ("GET".to_owned(), tracks),
            ("POST".to_owned(), "/api/token".to_owned()),
        ],
        "the 401, one renewal attempt, nothing after"
    );
}

#[test]
fn put_and_delete_endpoints_are_retried_on_503_and_post_endpoints_are_not() {
    use spotify_blocking::mock::{KITCHEN_SPEAKER, MORNING_MIX};
    let mock = MockServer::start();
    let (policy, sleeps) = recording(RetryPolicy::default());
    let spotify = mock
        .builder()
        .retry(policy)
        .build(mock.user_token(spotify_blocking::scope::every()));
    let album = format!("spotify:album:{HYBRID_THEORY}");
    let count = |method: &str, path: &str| {
        api_requests(&mock)
            .iter()
            .filter(|r| r.method == method && r.path == path)
            .count()
    };

    mock.fault_on("/v1/me/library", Fault::Status(503));
    spotify.library_save([&album]).send().unwrap();
    assert_eq!(count("PUT", "/v1/me/library"), 2);
    assert_eq!(
        spotify.library_contains([&album]).send().unwrap(),
        vec![true],
        "saved by the retry"
    );
    mock.fault_on("/v1/me/library", Fault::Status(503));
    spotify.library_remove([&album]).send().unwrap();
    assert_eq!(count("DELETE", "/v1/me/library"), 2);
    assert_eq!(
        spotify.library_contains([&album]).send().unwrap(),
        vec![false]
    );
    mock.fault_on("/v1/me/player", Fault::Status(503));
    spotify
        .playback_pause()
        .device_id(KITCHEN_SPEAKER)
        .send()
        .unwrap();
    assert_eq!(count("PUT", "/v1/me/player/pause"), 2);
    assert_eq!(sleeps_of(&sleeps).len(), 3, "one backoff per retry");

    // POST: the first 503 comes back; the request is not repeated.
    let items = format!("/v1/playlists/{MORNING_MIX}/items");
    let before = spotify.playlist(MORNING_MIX).send().unwrap();
    mock.fault_on("/v1/playlists", Fault::Status(503));
    let err = spotify
        .playlist_add(MORNING_MIX, ["spotify:track:6rqhFgbbKwnb9MLmUQDhG6"])
        .send()
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Api {
                status: 503,
                attempts: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(count("POST", &items), 1);
    let after = spotify.playlist(MORNING_MIX).send().unwrap();
    assert_eq!(before.snapshot_id, after.snapshot_id, "nothing was added");
    mock.fault_on("/v1/me/player", Fault::Status(503));
    let err = spotify.playback_next().send().unwrap_err();
    assert!(
        matches!(
            err,
            Error::Api {
                status: 503,
                attempts: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(count("POST", "/v1/me/player/next"), 1);
    assert_eq!(sleeps_of(&sleeps).len(), 3, "no backoff for POST");
}

// ---------------------------------------------------------- refresh timing

/// A client whose self-renewing user token expires at `at`.
fn expiring_client(mock: &MockServer, at: SystemTime) -> (Spotify, String) {
    let token = mock
        .user_token(spotify_blocking::scope::Scopes::new())
        .with_expiry(at);
    let old = token.access_token().to_owned();
    let spotify = mock
        .builder()
        .build(RefreshingToken::new(token, mock.credentials()));
    mock.clear_requests();
    (spotify, old)
}

fn bearers(mock: &MockServer) -> Vec<String> {
    api_requests(mock)
        .iter()
        .map(|r| r.header("authorization").unwrap_or("").to_owned())
        .collect()
}

#[test]
fn a_token_with_more_than_a_minute_left_is_not_refreshed() {
    let mock = MockServer::start();
    let (spotify, old) = expiring_client(&mock, SystemTime::now() + secs(120));
    spotify.album(HYBRID_THEORY).send().unwrap();
    spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(token_posts(&mock), 0);
    assert_eq!(bearers(&mock), vec![format!("Bearer {old}"); 2]);
    assert_eq!(spotify.token().access_token(), old);
}

#[test]
fn a_token_inside_the_margin_or_expired_is_refreshed_once_before_the_call() {
    for left in [Some(secs(30)), Some(secs(0)), None] {
        let mock = MockServer::start();
        let at = match left {
            Some(d) => SystemTime::now() + d,
            None => SystemTime::now() - secs(600),
        };
        // The old token is still valid at the mock: only its expiry time
        // makes the client renew it.
        let (spotify, old) = expiring_client(&mock, at);
        spotify.album(HYBRID_THEORY).send().unwrap();
        spotify.album(HYBRID_THEORY).send().unwrap();
        let shape: Vec<&str> = mock
            .requests()
            .iter()
            .map(|r| {
                if r.path == "/api/token" {
                    "token"
                } else {
                    "api"
                }
            })
            .collect();
        assert_eq!(shape, ["token", "api", "api"], "{left:?}");
        let new = spotify.token();
        assert_ne!(new.access_token(), old, "{left:?}");
        assert!(!new.is_expiring(), "the mock grants an hour");
        assert_eq!(
            bearers(&mock),
            vec![format!("Bearer {}", new.access_token()); 2],
            "{left:?}"
        );
        let form = mock.requests()[0].body_form();
        assert!(form.contains(&("grant_type".into(), "refresh_token".into())));
    }
}

// ------------------------------------------------- a scripted, hostile server

#[allow(dead_code)]
mod scripted;
use scripted::{Reply, Scripted, http_date};

/// A client of the scripted server (API under `/v1`, accounts at the root)
/// with a plain token.
fn scripted_client(server: &Scripted, policy: RetryPolicy) -> Spotify {
    scripted_builder(server)
        .retry(policy)
        .build(Token::from_access_token("scripted-access-token"))
}

fn scripted_builder(server: &Scripted) -> SpotifyBuilder {
    Spotify::builder()
        .api_base(format!("{}/v1", server.url()))
        .accounts_base(server.url())
}

fn days(n: u64) -> Duration {
    secs(n * 86_400)
}

/// One GET whose answer is a bare JSON list (`[true]`).
fn contains(spotify: &Spotify) -> Result<Vec<bool>, Error> {
    spotify
        .library_contains([format!("spotify:album:{HYBRID_THEORY}")])
        .send()
}

// ------------------------------------------------- bodies that are not UTF-8

const LATIN1_PAGE: &[u8] =
    b"<html><head><title>Service indisponible \xe0 Z\xfcrich</title></head></html>";
const LATIN1: &str = "text/html; charset=iso-8859-1";

#[test]
fn latin1_error_pages_are_api_errors_and_retried_by_status() {
    let server = Scripted::start(|_, n| match n {
        0 => Reply::bytes(503, LATIN1, LATIN1_PAGE),
        1 => Reply::bytes(429, LATIN1, LATIN1_PAGE).header("Retry-After", "2"),
        _ => Reply::json(200, "[true]"),
    });
    let (policy, sleeps) = recording(RetryPolicy::default());
    let spotify = scripted_client(&server, policy);
    assert_eq!(contains(&spotify).unwrap(), vec![true]);
    assert_eq!(server.count("/v1/"), 3);
    let waits = sleeps_of(&sleeps);
    assert_eq!(waits.len(), 2, "{waits:?}");
    assert_eq!(waits[1], secs(2));

    // Always 503: the last answer comes back with its title, lossily.
    let server = Scripted::start(|_, _| Reply::bytes(503, LATIN1, LATIN1_PAGE));
    let (policy, sleeps) = recording(RetryPolicy::default());
    let spotify = scripted_client(&server, policy);
    let err = contains(&spotify).unwrap_err();
    match &err {
        Error::Api {
            status: 503,
            attempts: 4,
            message,
            ..
        } => assert_eq!(message, "Service indisponible \u{FFFD} Z\u{FFFD}rich"),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.count("/v1/"), 4);
    assert_eq!(sleeps_of(&sleeps).len(), 3);

    // A 404 in Latin-1 is returned at once, as an API error.
    let server = Scripted::start(|_, _| Reply::bytes(404, LATIN1, LATIN1_PAGE));
    let spotify = scripted_client(&server, RetryPolicy::default());
    let err = contains(&spotify).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Api {
                status: 404,
                attempts: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(server.count("/v1/"), 1);
}

#[test]
fn invalid_utf8_in_a_200_is_a_decode_error() {
    let server = Scripted::start(|_, _| {
        Reply::bytes(
            200,
            "application/json",
            &b"{\"name\":\"Hybrid \xff Theory\"}"[..],
        )
    });
    let spotify = scripted_client(&server, RetryPolicy::default());
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    match &err {
        Error::Decode {
            endpoint,
            path,
            body,
            ..
        } => {
            assert_eq!(endpoint, "GET /albums/{id}");
            assert_eq!(path, "name");
            assert!(body.contains("Hybrid \u{FFFD} Theory"), "{body}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.count("/v1/"), 1, "a 200 is not retried");
}

#[test]
fn a_latin1_token_endpoint_error_is_an_auth_error() {
    let server = Scripted::start(|_, _| Reply::bytes(400, LATIN1, LATIN1_PAGE));
    let err = spotify_blocking::Credentials::new("client-id", "client-secret-1234")
        .accounts_base(server.url())
        .request_client_token()
        .unwrap_err();
    match &err {
        Error::Auth {
            status: 400,
            description: Some(d),
            ..
        } => assert!(d.contains("Service indisponible"), "{d}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.count("/api/token"), 1);
}
// ------------------------------------------------------ absurd numbers

#[test]
fn absurd_expires_in_values_are_clamped_to_a_year_not_a_panic() {
    let mock = MockServer::start();
    for n in [
        u64::MAX.to_string(),
        i64::MAX.to_string(),
        (u64::MAX / 1000).to_string(),
    ] {
        mock.fault_on(
            "/api/token",
            raw(
                200,
                "application/json",
                format!(
                    r#"{{"access_token":"huge-life-token-1234","token_type":"Bearer","expires_in":{n}}}"#
                ),
            ),
        );
        let token = mock.credentials().request_client_token().unwrap();
        let left = token.expires_in().unwrap();
        assert!(left > days(364) && left <= days(365), "{n}: {left:?}");
        assert!(!token.is_expiring(), "{n}");
    }

    // The same answer during the renewal inside an API call: the mock
    // rejects the foreign token (401), the second renewal gets a real one.
    let stale = Token::from_access_token("stale").with_expiry(SystemTime::now());
    let spotify = mock
        .builder()
        .build(RefreshingToken::new(stale, mock.credentials()));
    mock.clear_requests();
    mock.fault_on(
        "/api/token",
        raw(
            200,
            "application/json",
            format!(
                r#"{{"access_token":"huge-life-token-1234","expires_in":{}}}"#,
                u64::MAX
            ),
        ),
    );
    assert_eq!(
        spotify.album(HYBRID_THEORY).send().unwrap().name,
        "Hybrid Theory"
    );
    assert_eq!(token_posts(&mock), 2);
    assert_eq!(api_requests(&mock).len(), 2);
}

#[test]
fn absurd_backoffs_timeouts_and_retry_after_caps_do_not_panic() {
    let mock = MockServer::start();
    // The longest backoff there is: each wait is capped at ten minutes.
    let (policy, sleeps) = recording(RetryPolicy::default().base_backoff(Duration::MAX));
    let spotify = client_with(&mock, mock.builder().retry(policy));
    mock.fault_on("/v1/", Fault::Status(503));
    mock.fault_on("/v1/", Fault::Status(503));
    spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(sleeps_of(&sleeps), vec![secs(600); 2]);
    assert_eq!(api_requests(&mock).len(), 3);

    // Timeouts that never end, and a cap that waits out any Retry-After.
    let (policy, sleeps) = recording(RetryPolicy::default().max_retry_after(Duration::MAX));
    let spotify = client_with(
        &mock,
        mock.builder()
            .retry(policy)
            .connect_timeout(Duration::MAX)
            .send_timeout(Duration::MAX)
            .receive_timeout(Duration::MAX)
            .body_timeout(Duration::MAX),
    );
    mock.fault_on("/v1/", Fault::RateLimit(Some(u64::MAX)));
    spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(sleeps_of(&sleeps), vec![secs(u64::MAX)]);
    assert_eq!(api_requests(&mock).len(), 2);
}
// -------------------------------------------------------- Retry-After forms

/// A server that answers the first request 429 with this `Retry-After`,
/// then `[true]`.
fn rate_limited_once(retry_after: String) -> Scripted {
    Scripted::start(move |_, n| match n {
        0 => Reply::json(
            429,
            r#"{"error":{"status":429,"message":"API rate limit exceeded"}}"#,
        )
        .header("Retry-After", retry_after.clone()),
        _ => Reply::json(200, "[true]"),
    })
}

#[test]
fn retry_after_as_an_http_date_is_waited_out() {
    let date = http_date(SystemTime::now() + secs(20));
    let server = rate_limited_once(date.clone());
    let (policy, sleeps) = recording(RetryPolicy::default());
    let spotify = scripted_client(&server, policy);
    assert_eq!(contains(&spotify).unwrap(), vec![true]);
    let waits = sleeps_of(&sleeps);
    assert_eq!(waits.len(), 1, "{date}: {waits:?}");
    assert!(
        waits[0] >= secs(17) && waits[0] <= secs(21),
        "{date}: {waits:?}"
    );
    assert_eq!(server.count("/v1/"), 2);

    // A date in the past (in each of the three forms HTTP allows) means now.
    for date in [
        "Wed, 21 Oct 2015 07:28:00 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
    ] {
        let server = rate_limited_once(date.into());
        let (policy, sleeps) = recording(RetryPolicy::default());
        let spotify = scripted_client(&server, policy);
        assert_eq!(contains(&spotify).unwrap(), vec![true]);
        assert_eq!(sleeps_of(&sleeps), vec![Duration::ZERO], "{date}");
        assert_eq!(server.count("/v1/"), 2, "{date}");
    }
}

#[test]
fn a_retry_after_date_beyond_the_cap_comes_back_at_once() {
    let server = rate_limited_once("Thu, 01 Jan 2099 00:00:00 GMT".into());
    let (policy, sleeps) = recording(RetryPolicy::default());
    let spotify = scripted_client(&server, policy);
    let err = contains(&spotify).unwrap_err();
    match err {
        Error::Api {
            status: 429,
            retry_after: Some(d),
            attempts: 1,
            ..
        } => assert!(d > days(365 * 60) && d < days(365 * 80), "{d:?}"),
        other => panic!("{other:?}"),
    }
    assert!(sleeps_of(&sleeps).is_empty());
    assert_eq!(server.count("/v1/"), 1);
}

#[test]
fn a_retry_after_too_large_for_a_number_is_longer_than_any_cap() {
    for cap in [secs(60), Duration::MAX] {
        let server = rate_limited_once("99999999999999999999999999999".into());
        let (policy, sleeps) = recording(RetryPolicy::default().max_retry_after(cap));
        let spotify = scripted_client(&server, policy);
        let err = contains(&spotify).unwrap_err();
        assert!(
            matches!(
                err,
                Error::Api {
                    status: 429,
                    retry_after: Some(Duration::MAX),
                    attempts: 1,
                    ..
                }
            ),
            "{cap:?}: {err:?}"
        );
        assert!(sleeps_of(&sleeps).is_empty(), "{cap:?}");
        assert_eq!(server.count("/v1/"), 1, "{cap:?}");
    }
}

#[test]
fn a_429_from_the_token_endpoint_keeps_its_retry_after() {
    let mock = MockServer::start();
    mock.fault_on("/api/token", Fault::RateLimit(Some(120)));
    let err = mock.credentials().request_client_token().unwrap_err();
    assert!(
        matches!(err, Error::Auth { status: 429, retry_after: Some(d), .. } if d == secs(120)),
        "{err:?}"
    );
    assert_eq!(err.retry_after(), Some(secs(120)));
    assert_eq!(token_posts(&mock), 1);
}
// ------------------------------------------------------------ token sanity

/// A token endpoint that numbers its tokens (`scripted-token-N`, valid
/// `life` seconds) and an API that answers `api(n)` to its n-th request.
fn token_server(life: u64, api: fn(usize) -> Reply) -> Scripted {
    let api_calls = std::sync::atomic::AtomicUsize::new(0);
    let tokens = std::sync::atomic::AtomicUsize::new(0);
    Scripted::start(move |req, _| {
        use std::sync::atomic::Ordering::SeqCst;
        if req.path == "/api/token" {
            let n = tokens.fetch_add(1, SeqCst);
            Reply::json(
                200,
                format!(
                    r#"{{"access_token":"scripted-token-{n}","token_type":"Bearer","expires_in":{life}}}"#
                ),
            )
        } else {
            api(api_calls.fetch_add(1, SeqCst))
        }
    })
}

fn scripted_bearers(server: &Scripted) -> Vec<String> {
    server
        .seen()
        .iter()
        .filter(|r| r.path.starts_with("/v1/"))
        .map(|r| r.header("authorization").unwrap_or("").to_owned())
        .collect()
}

#[test]
fn short_lived_tokens_renew_at_most_once_per_call_and_each_is_used() {
    // 30 s of life: a margin of 3 s (a tenth), so five quick calls use
    // the first token.
    let server = token_server(30, |_| Reply::json(200, "[true]"));
    let spotify = scripted_builder(&server)
        .build_with_credentials("client-id", "client-secret-1234")
        .unwrap();
    for _ in 0..5 {
        contains(&spotify).unwrap();
    }
    assert_eq!(server.count("/api/token"), 1);
    assert_eq!(
        scripted_bearers(&server),
        vec!["Bearer scripted-token-0"; 5]
    );

    // No life at all: every call renews, and every token is used once.
    let server = token_server(0, |_| Reply::json(200, "[true]"));
    let spotify = scripted_builder(&server)
        .build_with_credentials("client-id", "client-secret-1234")
        .unwrap();
    for _ in 0..5 {
        contains(&spotify).unwrap();
    }
    let expected: Vec<String> = (0..5)
        .map(|n| format!("Bearer scripted-token-{n}"))
        .collect();
    assert_eq!(scripted_bearers(&server), expected);
    assert_eq!(server.count("/api/token"), 5);
}

#[test]
fn a_401_on_a_zero_life_token_renews_once() {
    let server = token_server(0, |n| match n {
        0 => Reply::json(
            401,
            r#"{"error":{"status":401,"message":"The access token expired"}}"#,
        ),
        _ => Reply::json(200, "[true]"),
    });
    let spotify = scripted_builder(&server)
        .build_with_credentials("client-id", "client-secret-1234")
        .unwrap();
    assert_eq!(contains(&spotify).unwrap(), vec![true]);
    assert_eq!(
        server.count("/api/token"),
        2,
        "the first token and one renewal"
    );
    assert_eq!(
        scripted_bearers(&server),
        ["Bearer scripted-token-0", "Bearer scripted-token-1"]
    );
}

#[test]
fn an_empty_access_token_is_refused() {
    let mock = MockServer::start();
    let empty = raw(
        200,
        "application/json",
        r#"{"access_token":"","token_type":"Bearer","expires_in":3600}"#,
    );
    mock.fault_on("/api/token", empty.clone());
    let err = mock.credentials().request_client_token().unwrap_err();
    assert!(
        matches!(&err, Error::Decode { path, endpoint, .. } if path == "access_token" && endpoint == "POST /api/token"),
        "{err:?}"
    );
    assert!(err.to_string().contains("empty"), "{err}");

    // During a lazy renewal: the call fails and nothing goes out as `Bearer `.
    let stale = Token::from_access_token("stale").with_expiry(SystemTime::now());
    let spotify = mock
        .builder()
        .build(RefreshingToken::new(stale, mock.credentials()));
    mock.clear_requests();
    mock.fault_on("/api/token", empty);
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    assert!(
        matches!(&err, Error::Decode { path, .. } if path == "access_token"),
        "{err:?}"
    );
    assert!(api_requests(&mock).is_empty());
    assert_eq!(token_posts(&mock), 1);
}
