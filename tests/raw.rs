//! Raw requests (`Spotify::raw`) against the mock: what goes over the wire
//! (method, path, query, body, token) and what comes back, through the same
//! renewal, retries, limits, cache and error typing as wrapped calls.

use serde::Deserialize;
use serde_json::{Value, json};
use spotify_blocking::mock::{Fault, HYBRID_THEORY, MockServer, RecordedRequest};
use spotify_blocking::{Error, Method, RetryPolicy, scope};
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn api_requests(mock: &MockServer) -> Vec<RecordedRequest> {
    mock.requests()
        .into_iter()
        .filter(|r| r.path.starts_with("/v1/"))
        .collect()
}

#[test]
fn query_values_are_encoded_and_the_answer_decodes_into_any_type() {
    let mock = MockServer::start();
    let spotify = mock.user_client(scope::every());
    let awkward = "a b&c=d/é#?+%";
    let top: Value = spotify
        .raw(Method::Get, "/me/top/tracks")
        .query("limit", "5")
        .query("time_range", "short_term")
        .query("x", awkward)
        .send()
        .unwrap();
    let sent = mock.requests().pop().unwrap();
    assert_eq!(sent.method, "GET");
    assert_eq!(sent.path, "/v1/me/top/tracks");
    // Every pair arrives whole: the value's `&`, `=`, `#`, `?` were encoded.
    let query: Vec<(&str, &str)> = sent
        .query
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        query,
        [("limit", "5"), ("time_range", "short_term"), ("x", awkward)]
    );
    assert!(sent.header("authorization").unwrap().starts_with("Bearer "));
    assert_eq!(top["limit"], 5);
    assert!(top["items"].as_array().unwrap().len() <= 5);

    // The same answer into a caller's own type.
    #[derive(Deserialize)]
    struct Top {
        items: Vec<Named>,
    }
    #[derive(Deserialize)]
    struct Named {
        name: String,
    }
    let mine: Top = spotify
        .raw(Method::Get, "me/top/tracks")
        .query("limit", "5")
        .query("time_range", "short_term")
        .send()
        .unwrap();
    let names: Vec<&str> = top["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        mine.items
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>(),
        names
    );

    // And into one of the crate's models.
    let album: spotify_blocking::model::FullAlbum = spotify
        .raw(Method::Get, &format!("/albums/{HYBRID_THEORY}"))
        .send()
        .unwrap();
    assert_eq!(album.name, "Hybrid Theory");
}

#[test]
fn a_json_body_goes_over_the_wire_as_given() {
    let mock = MockServer::start();
    let spotify = mock.user_client(scope::every());
    let body = json!({"name": "Raw list", "public": false, "description": "made by hand"});
    let created: Value = spotify
        .raw(Method::Post, "/me/playlists")
        .json(&body)
        .send()
        .unwrap();
    let sent = mock.requests().pop().unwrap();
    assert_eq!(
        (sent.method.as_str(), sent.path.as_str()),
        ("POST", "/v1/me/playlists")
    );
    assert_eq!(sent.header("content-type"), Some("application/json"));
    assert_eq!(sent.body_json(), body);
    assert_eq!(created["name"], "Raw list");

    // A call whose answer is not needed (a snapshot here).
    let id = created["id"].as_str().unwrap().to_owned();
    let uris = json!({"uris": ["spotify:track:6rqhFgbbKwnb9MLmUQDhG6"]});
    spotify
        .raw(Method::Post, &format!("/playlists/{id}/items"))
        .json(&uris)
        .send_empty()
        .unwrap();
    assert_eq!(mock.requests().pop().unwrap().body_json(), uris);
}

#[test]
fn an_empty_answer_is_null_or_nothing() {
    let mock = MockServer::start();
    let spotify = mock.user_client(scope::every());
    // Nothing plays: Spotify (and the mock) answer 204.
    let playback: Value = spotify.raw(Method::Get, "/me/player").send().unwrap();
    assert_eq!(playback, Value::Null);
    spotify.raw(Method::Get, "/me/player").send_empty().unwrap();
    // A 204 where a struct is expected is a decode error naming the call.
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Playback {
        is_playing: bool,
    }
    let err = spotify
        .raw(Method::Get, "/me/player")
        .send::<Playback>()
        .unwrap_err();
    match err {
        Error::Decode { endpoint, .. } => assert_eq!(endpoint, "GET /me/player"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_401_renews_the_token_and_repeats_the_call() {
    let mock = MockServer::start();
    let spotify = mock.user_client(scope::every());
    let before = spotify.token().access_token().to_owned();
    mock.expire_tokens();
    mock.clear_requests();
    let album: Value = spotify
        .raw(Method::Get, &format!("/albums/{HYBRID_THEORY}"))
        .send()
        .unwrap();
    assert_eq!(album["name"], "Hybrid Theory");
    let seen: Vec<(String, String)> = mock
        .requests()
        .into_iter()
        .map(|r| (r.method, r.path))
        .collect();
    let album_path = format!("/v1/albums/{HYBRID_THEORY}");
    assert_eq!(
        seen,
        [
            ("GET".to_owned(), album_path.clone()),
            ("POST".to_owned(), "/api/token".to_owned()),
            ("GET".to_owned(), album_path),
        ]
    );
    let calls = api_requests(&mock);
    let after = spotify.token().access_token().to_owned();
    assert_ne!(before, after);
    assert_eq!(
        calls[0].header("authorization"),
        Some(&*format!("Bearer {before}"))
    );
    assert_eq!(
        calls[1].header("authorization"),
        Some(&*format!("Bearer {after}"))
    );
}

#[test]
fn a_429_is_waited_out_and_retried() {
    let mock = MockServer::start();
    let waits = Arc::new(Mutex::new(Vec::new()));
    let w = waits.clone();
    let spotify = mock
        .builder()
        .retry(RetryPolicy::default().sleep_with(move |d| w.lock().unwrap().push(d)))
        .build_with_credentials("mock-client-id", "mock-client-secret")
        .unwrap();
    mock.clear_requests();
    mock.fault_on("/v1/albums", Fault::RateLimit(Some(2)));
    let album: Value = spotify
        .raw(Method::Get, &format!("/albums/{HYBRID_THEORY}"))
        .send()
        .unwrap();
    assert_eq!(album["name"], "Hybrid Theory");
    assert_eq!(api_requests(&mock).len(), 2);
    assert_eq!(*waits.lock().unwrap(), [Duration::from_secs(2)]);

    // The budget is the client's: with no retries the 429 comes back,
    // typed and naming the call.
    let strict = mock
        .builder()
        .retry(RetryPolicy::none())
        .build_with_credentials("mock-client-id", "mock-client-secret")
        .unwrap();
    mock.fault_on("/v1/albums", Fault::RateLimit(Some(7)));
    let err = strict
        .raw(Method::Get, &format!("/albums/{HYBRID_THEORY}"))
        .send::<Value>()
        .unwrap_err();
    match err {
        Error::Api {
            status: 429,
            retry_after,
            attempts: 1,
            endpoint,
            ..
        } => {
            assert_eq!(retry_after, Some(Duration::from_secs(7)));
            assert_eq!(endpoint, format!("GET /albums/{HYBRID_THEORY}"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_post_is_not_repeated_after_a_5xx_but_a_get_is() {
    let mock = MockServer::start();
    let spotify = mock.user_client(scope::every());
    mock.clear_requests();
    mock.fault_on("/v1/me/playlists", Fault::Status(503));
    let err = spotify
        .raw(Method::Post, "/me/playlists")
        .json(&json!({"name": "x"}))
        .send::<Value>()
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(api_requests(&mock).len(), 1, "a POST is sent once");

    mock.clear_requests();
    mock.fault_on("/v1/me/playlists", Fault::Status(503));
    let _: Value = spotify.raw(Method::Get, "/me/playlists").send().unwrap();
    assert_eq!(api_requests(&mock).len(), 2, "a GET is repeated");
}

#[test]
fn bad_paths_are_typed_errors_and_nothing_is_sent() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let before = mock.request_count();
    let origin = mock.url();
    for path in [
        format!("{origin}/v1/me"),
        "https://evil.example/v1/me".to_owned(),
        "//evil.example/v1/me".to_owned(),
        "/albums/../../api/token".to_owned(),
        "/albums/%2e%2e/x".to_owned(),
        "/albums?ids=x".to_owned(),
        "/albums#x".to_owned(),
        "/albums\\..\\x".to_owned(),
        "/albums/a b".to_owned(),
        String::new(),
    ] {
        let err = spotify.raw(Method::Get, &path).send::<Value>().unwrap_err();
        match &err {
            Error::InvalidInput { param, .. } => assert_eq!(*param, "path", "{path:?}"),
            other => panic!("{path:?}: {other:?}"),
        }
        let err = spotify.raw(Method::Delete, &path).send_empty().unwrap_err();
        assert!(matches!(err, Error::InvalidInput { param: "path", .. }));
    }
    assert_eq!(mock.request_count(), before, "nothing went over the wire");

    // A body serde cannot write is refused the same way.
    let mut bad = std::collections::HashMap::new();
    bad.insert(vec![1u8], 1);
    let err = spotify
        .raw(Method::Put, "/me/library")
        .json(&bad)
        .send_empty()
        .unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput { param: "body", .. }),
        "{err:?}"
    );
    assert_eq!(mock.request_count(), before);
}

#[test]
fn error_statuses_limits_and_the_cache_apply_to_raw_calls() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let err = spotify
        .raw(Method::Get, "/albums/0000000000000000000000")
        .query("market", "SE")
        .send::<Value>()
        .unwrap_err();
    match &err {
        Error::Api {
            status: 404,
            endpoint,
            ..
        } => {
            // The endpoint is named without its query.
            assert_eq!(endpoint, "GET /albums/0000000000000000000000");
        }
        other => panic!("{other:?}"),
    }

    let small = mock
        .builder()
        .body_limit(64)
        .build(mock.user_token(scope::every()));
    let err = small
        .raw(Method::Get, &format!("/albums/{HYBRID_THEORY}"))
        .send::<Value>()
        .unwrap_err();
    match err {
        Error::BodyTooLarge {
            limit: 64,
            endpoint,
            ..
        } => {
            assert_eq!(endpoint, format!("GET /albums/{HYBRID_THEORY}"));
        }
        other => panic!("{other:?}"),
    }

    let cached = mock
        .builder()
        .cache(10, 1 << 20)
        .build_with_credentials("mock-client-id", "mock-client-secret")
        .unwrap();
    let path = format!("/albums/{HYBRID_THEORY}");
    let first: Value = cached.raw(Method::Get, &path).send().unwrap();
    let again: Value = cached.raw(Method::Get, &path).send().unwrap();
    assert_eq!(first, again);
    assert!(
        mock.requests()
            .pop()
            .unwrap()
            .header("if-none-match")
            .is_some()
    );
}
