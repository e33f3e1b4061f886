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
