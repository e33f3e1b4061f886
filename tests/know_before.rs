//! Know before you send: the scope check, the remembered rate-limit
//! cooldown and the Development-Mode explanations. Every test owns its
//! mock and asserts how many requests reached it and the typed error.

use spotify_blocking::mock::{CLIENT_ID, CLIENT_SECRET, Fault, HYBRID_THEORY, MockServer};
use spotify_blocking::scope::{Scope, Scopes};
use spotify_blocking::{Error, RefreshingToken, RetryPolicy, Token};
use std::time::{Duration, Instant, SystemTime};

/// The URIs of Hybrid Theory's tracks, fetched with an app token.
fn track_uris(mock: &MockServer) -> Vec<String> {
    let page = mock.client().album_tracks(HYBRID_THEORY).send().unwrap();
    page.items.iter().filter_map(|t| t.uri.clone()).collect()
}

fn missing(err: Error) -> (String, Scopes, Option<Scopes>, Option<u16>) {
    match err {
        Error::MissingScope {
            endpoint,
            needed,
            granted,
            status,
            ..
        } => (endpoint, needed, granted, status),
        other => panic!("expected MissingScope, got {other:?}"),
    }
}

#[test]
fn a_user_token_without_the_scope_fails_before_sending() {
    let mock = MockServer::start();
    let spotify = mock.user_client(Scope::UserReadEmail);
    let err = spotify.current_user_top_tracks().send().unwrap_err();
    let text = err.to_string();
    let (endpoint, needed, granted, status) = missing(err);
    assert_eq!(endpoint, "GET /me/top/tracks");
    assert_eq!(needed, Scopes::from(Scope::UserTopRead));
    assert_eq!(granted, Some(Scopes::from(Scope::UserReadEmail)));
    assert_eq!(status, None);
    assert_eq!(mock.request_count(), 0, "{:?}", mock.requests());
    assert_eq!(
        text,
        "GET /me/top/tracks needs the scope user-top-read; the token was granted \
         user-read-email; nothing was sent; log in again asking for it"
    );
}

#[test]
fn any_one_of_the_listed_scopes_will_do() {
    let mock = MockServer::start();
    // `POST /me/playlists` lists playlist-modify-private and -public.
    let spotify = mock.user_client(Scope::PlaylistModifyPrivate);
    let playlist = spotify
        .playlist_create("Mine")
        .public(false)
        .send()
        .unwrap();
    assert_eq!(playlist.name, "Mine");
    assert_eq!(mock.request_count(), 1);

    let spotify = mock.user_client(Scope::UserTopRead);
    let err = spotify.playlist_create("Mine").send().unwrap_err();
    let (_, needed, _, _) = missing(err);
    assert_eq!(
        needed,
        Scope::PlaylistModifyPrivate | Scope::PlaylistModifyPublic
    );
    assert_eq!(mock.request_count(), 1, "nothing more was sent");
}

#[test]
fn an_app_token_gets_the_same_error_naming_no_scopes() {
    let mock = MockServer::start();
    let spotify = mock.client();
    mock.clear_requests();
    let err = spotify.playback().send().unwrap_err();
    assert!(err.to_string().contains("the token has no scopes"), "{err}");
    let (endpoint, needed, granted, status) = missing(err);
    assert_eq!(endpoint, "GET /me/player");
    assert_eq!(needed, Scopes::from(Scope::UserReadPlaybackState));
    assert_eq!(granted, Some(Scopes::new()));
    assert_eq!(status, None);
    assert_eq!(mock.request_count(), 0);
    // Endpoints that need no scope still go out.
    spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(mock.request_count(), 1);
}

#[test]
fn scopes_that_only_widen_the_answer_are_not_checked() {
    let mock = MockServer::start();
    let spotify = mock.client();
    mock.clear_requests();
    // `GET /me` lists user-read-email and user-read-private; the mock, like
    // Spotify, answers without them (here: 403 for an app token, which
    // needs a user).
    let err = spotify.current_user().send().unwrap_err();
    assert_eq!(err.status(), Some(403), "{err:?}");
    assert_eq!(mock.request_count(), 1, "the call went out");
}

#[test]
fn a_token_with_unknown_scopes_is_sent_and_a_scope_403_names_the_scopes() {
    let mock = MockServer::start();
    let access = mock.user_token(Scopes::new()).access_token().to_owned();
    let spotify = mock.builder().build(Token::from_access_token(access));
    assert!(!spotify.token().scopes_known());
    let err = spotify.current_user_top_tracks().send().unwrap_err();
    assert_eq!(err.status(), Some(403));
    let text = err.to_string();
    let (endpoint, needed, granted, status) = missing(err);
    assert_eq!(endpoint, "GET /me/top/tracks");
    assert_eq!(needed, Scopes::from(Scope::UserTopRead));
    assert_eq!(granted, None);
    assert_eq!(status, Some(403));
    assert_eq!(mock.request_count(), 1);
    assert_eq!(
        text,
        "Spotify refused GET /me/top/tracks (403 Insufficient client scope): it needs the \
         scope user-top-read; log in again asking for it"
    );
}

#[test]
fn the_check_can_be_turned_off() {
    let mock = MockServer::start();
    let token = mock.user_token(Scope::UserReadEmail);
    let spotify = mock
        .builder()
        .scope_check(false)
        .build(RefreshingToken::new(token, mock.credentials()));
    let err = spotify.current_user_top_tracks().send().unwrap_err();
    let (_, needed, granted, status) = missing(err);
    assert_eq!(status, Some(403), "Spotify (the mock) refused it");
    assert_eq!(needed, Scopes::from(Scope::UserTopRead));
    assert_eq!(granted, Some(Scopes::from(Scope::UserReadEmail)));
    assert_eq!(mock.request_count(), 1);
}

#[test]
fn chunked_calls_and_next_links_are_checked_too() {
    let mock = MockServer::start();
    let uris = track_uris(&mock);
    mock.clear_requests();
    // A chunked call: refused before its first chunk.
    let spotify = mock.builder().chunked(true).build(RefreshingToken::new(
        mock.user_token(Scope::UserTopRead),
        mock.credentials(),
    ));
    let many: Vec<String> = uris.iter().cycle().take(90).cloned().collect();
    let err = spotify.library_save(&many).send().unwrap_err();
    let (endpoint, ..) = missing(err);
    assert_eq!(endpoint, "PUT /me/library");
    assert_eq!(mock.request_count(), 0);

    // A next link, after the token was replaced by one without the scope.
    let spotify = mock.user_client(Scope::UserLibraryRead | Scope::UserLibraryModify);
    spotify.library_save(&uris[..3]).send().unwrap();
    let mut pages = spotify.saved_tracks().limit(1).pages();
    assert_eq!(pages.next().unwrap().unwrap().items.len(), 1);
    let before = mock.request_count();
    spotify.set_token(mock.user_token(Scope::UserTopRead));
    let (endpoint, ..) = missing(pages.next().unwrap().unwrap_err());
    assert_eq!(endpoint, "GET /me/tracks");
    assert_eq!(
        mock.request_count(),
        before,
        "the next link was not followed"
    );
}

// ---- the remembered rate-limit cooldown ------------------------------

/// An app-token client that waits out no `Retry-After` at all (cap 0 s),
/// its token request forgotten.
fn impatient(mock: &MockServer) -> spotify_blocking::Spotify {
    let policy = RetryPolicy::default()
        .max_retry_after(Duration::ZERO)
        .sleep_with(|_| {});
    let spotify = mock
        .builder()
        .retry(policy)
        .build_with_credentials(CLIENT_ID, CLIENT_SECRET)
        .unwrap();
    mock.clear_requests();
    spotify
}

/// Sleeps until `until` has passed (bounded: at most 5 s).
fn sleep_past(until: SystemTime) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while SystemTime::now() <= until && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_429_longer_than_the_cap_blocks_later_calls_until_it_passes() {
    let mock = MockServer::start();
    let spotify = impatient(&mock);
    mock.fault_on("/v1/albums", Fault::RateLimit(Some(1)));
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    assert_eq!(err.status(), Some(429));
    assert_eq!(err.retry_after(), Some(Duration::from_secs(1)));
    assert_eq!(mock.request_count(), 1);
    let until = spotify.blocked_until().expect("the wait is remembered");

    // During the wait: nothing reaches the mock, from any thread.
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    assert!(err.to_string().contains("was not sent"), "{err}");
    match err {
        Error::RateLimited {
            endpoint,
            retry_after,
            until: u,
            ..
        } => {
            assert_eq!(endpoint, "GET /albums/{id}");
            assert!(retry_after <= Duration::from_secs(1), "{retry_after:?}");
            assert_eq!(u, until);
        }
        other => panic!("{other:?}"),
    }
    std::thread::scope(|s| {
        let other = s.spawn(|| spotify.track("6rqhFgbbKwnb9MLmUQDhG6").send());
        assert!(matches!(
            other.join().unwrap(),
            Err(Error::RateLimited { .. })
        ));
    });
    assert_eq!(mock.request_count(), 1, "{:?}", mock.requests());

    // After it: normal service.
    sleep_past(until);
    assert_eq!(spotify.blocked_until(), None);
    let album = spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(album.name, "Hybrid Theory");
    assert_eq!(mock.request_count(), 2);
}

#[test]
fn a_429_that_is_waited_out_is_not_remembered() {
    let mock = MockServer::start();
    let spotify = mock
        .builder()
        .build_with_credentials(CLIENT_ID, CLIENT_SECRET)
        .unwrap();
    mock.clear_requests();
    mock.fault_on("/v1/albums", Fault::RateLimit(Some(1)));
    spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(spotify.blocked_until(), None);
    spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(mock.request_count(), 3, "429, retry, next call");
}

#[test]
fn the_accounts_service_cools_down_apart_from_the_api() {
    let mock = MockServer::start();
    let spotify = impatient(&mock);
    let creds = spotify.credentials(CLIENT_ID, Some(CLIENT_SECRET));
    // The API is blocked; token requests still go out.
    mock.fault_on("/v1/albums", Fault::RateLimit(Some(2)));
    spotify.album(HYBRID_THEORY).send().unwrap_err();
    creds.request_client_token().unwrap();
    assert_eq!(mock.request_count(), 2);
    // A long 429 from the token endpoint blocks token requests only.
    spotify.set_blocked_until(None);
    mock.fault_on("/api/token", Fault::RateLimit(Some(2)));
    let err = creds.request_client_token().unwrap_err();
    assert!(matches!(err, Error::Auth { status: 429, .. }), "{err:?}");
    let err = creds.request_client_token().unwrap_err();
    match err {
        Error::RateLimited { endpoint, .. } => assert_eq!(endpoint, "POST /api/token"),
        other => panic!("{other:?}"),
    }
    assert_eq!(mock.request_count(), 3);
    spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(mock.request_count(), 4);
}

#[test]
fn a_saved_wait_can_be_restored_and_lifted() {
    let mock = MockServer::start();
    let spotify = impatient(&mock);
    let until = SystemTime::now() + Duration::from_secs(600);
    spotify.set_blocked_until(Some(until));
    assert_eq!(spotify.blocked_until(), Some(until));
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    assert!(err.retry_after().unwrap() > Duration::from_secs(590));
    assert_eq!(mock.request_count(), 0);
    spotify.set_blocked_until(None);
    spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(mock.request_count(), 1);
    // A wait in the past is no wait.
    spotify.set_blocked_until(Some(SystemTime::now() - Duration::from_secs(1)));
    assert_eq!(spotify.blocked_until(), None);
    spotify.album(HYBRID_THEORY).send().unwrap();
}

// ---- Development Mode ------------------------------------------------

fn dev_mode(err: Error) -> (String, &'static str, Option<&'static str>) {
    match err {
        Error::DevelopmentMode {
            endpoint,
            restricted,
            replacement,
            ..
        } => (endpoint, restricted, replacement),
        other => panic!("expected DevelopmentMode, got {other:?}"),
    }
}

#[test]
#[allow(deprecated)]
fn in_development_mode_a_restricted_call_names_the_replacement() {
    let mock = MockServer::start();
    mock.development_mode(true);
    let spotify = mock.client();
    mock.clear_requests();

    let err = spotify.albums([HYBRID_THEORY]).send().unwrap_err();
    assert_eq!(err.status(), Some(403));
    let text = err.to_string();
    assert_eq!(
        dev_mode(err),
        ("GET /albums".to_owned(), "February 2026", Some("album"))
    );
    assert_eq!(
        text,
        "Spotify refused GET /albums (403 Forbidden): it no longer serves it to \
         Development-Mode apps (restricted in February 2026: new apps from 2026-02-11, \
         all from 2026-03-09); call `Spotify::album` instead"
    );
    assert_eq!(mock.request_count(), 1);
    let last = mock.requests().pop().unwrap();
    assert_eq!(last.path, "/v1/albums");

    // No replacement, and one restricted in November 2024.
    let err = spotify.markets().send().unwrap_err();
    assert!(err.to_string().contains("there is no replacement"), "{err}");
    assert_eq!(
        dev_mode(err),
        ("GET /markets".to_owned(), "February 2026", None)
    );
    let err = spotify.recommendation_genre_seeds().send().unwrap_err();
    assert_eq!(dev_mode(err).1, "November 2024");

    // A user endpoint moved to /me/library.
    let user = mock.user_client(spotify_blocking::scope::every());
    let err = user
        .saved_tracks_add(["6rqhFgbbKwnb9MLmUQDhG6"])
        .send()
        .unwrap_err();
    assert_eq!(dev_mode(err).2, Some("library_save"));

    // The current operations are served.
    assert_eq!(
        spotify.album(HYBRID_THEORY).send().unwrap().name,
        "Hybrid Theory"
    );
    assert_eq!(mock.request_count(), 5);
}

#[test]
#[allow(deprecated)]
fn without_development_mode_the_restricted_calls_are_served() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let albums = spotify.albums([HYBRID_THEORY]).send().unwrap();
    assert_eq!(albums[0].as_ref().unwrap().name, "Hybrid Theory");
    assert!(!spotify.markets().send().unwrap().is_empty());
}

/// `GET /v1/search` with this `limit`, straight over HTTP (the client
/// refuses a limit over 10 before sending): the status and body.
fn raw_search(mock: &MockServer, limit: u32) -> (u16, serde_json::Value) {
    let token = mock.credentials().request_client_token().unwrap();
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent();
    let url = format!("{}/search?q=the&type=track&limit={limit}", mock.api_base());
    let mut resp = agent
        .get(&url)
        .header("Authorization", format!("Bearer {}", token.access_token()))
        .call()
        .unwrap();
    let status = resp.status().as_u16();
    let body = resp.body_mut().read_to_string().unwrap();
    (status, serde_json::from_str(&body).unwrap())
}

#[test]
fn development_mode_limits_search_to_10_items() {
    let mock = MockServer::start();
    let (status, body) = raw_search(&mock, 20);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["tracks"]["limit"], 20);
    mock.development_mode(true);
    let (status, body) = raw_search(&mock, 20);
    assert_eq!(status, 400);
    assert_eq!(body["error"]["message"], "Invalid limit");
    let (status, _) = raw_search(&mock, 10);
    assert_eq!(status, 200);

    // The client refuses 20 before sending, in either mode.
    let spotify = mock.client();
    mock.clear_requests();
    let err = spotify.search_tracks("the").limit(20).send().unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput { param: "limit", .. }),
        "{err:?}"
    );
    assert_eq!(mock.request_count(), 0);
    let page = spotify.search_tracks("the").limit(10).send().unwrap();
    assert!(page.items.len() <= 10);
}
