//! The foundation slice against the mock: tokens, albums, paging, IDs.

#[allow(dead_code)]
mod common;

use common::Tap;
use spotify_blocking::mock::{
    CLIENT_ID, CLIENT_SECRET, Fault, HYBRID_THEORY, LONG_ALBUM, MockServer,
};
use spotify_blocking::{Error, Spotify, Token, request_client_token};

#[test]
fn app_token_then_album_over_the_wire() {
    let mock = MockServer::start();
    let tap = Tap::new(&mock.url());
    let spotify = tap
        .route(mock.builder())
        .build_with_credentials(CLIENT_ID, CLIENT_SECRET)
        .unwrap();
    let album = spotify.album(HYBRID_THEORY).market("SE").send().unwrap();
    assert_eq!(album.name, "Hybrid Theory");
    assert_eq!(album.tracks.items.len(), 12);
    assert_eq!(album.tracks.items[7].name, "In the End");
    assert_eq!(album.tracks.items[7].track_number, 8);
    assert_eq!(album.artists[0].name, "Linkin Park");
    assert_eq!(album.available_markets[4].as_str(), "SE");

    let reqs = mock.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0].method, "POST");
    assert_eq!(reqs[0].path, "/api/token");
    assert!(
        reqs[0]
            .header("authorization")
            .unwrap()
            .starts_with("Basic ")
    );
    assert_eq!(
        reqs[0].body_form(),
        vec![("grant_type".to_owned(), "client_credentials".to_owned())]
    );
    assert_eq!(reqs[1].path, format!("/v1/albums/{HYBRID_THEORY}"));
    assert_eq!(reqs[1].query_value("market"), Some("SE"));
    assert!(
        reqs[1]
            .header("authorization")
            .unwrap()
            .starts_with("Bearer mock-access-app-")
    );
    // One connection for both calls.
    assert_eq!(tap.connections(), 1);
}

#[test]
fn display_one_line_and_tree() {
    let mock = MockServer::start();
    let album = mock.client().album(HYBRID_THEORY).send().unwrap();
    assert_eq!(
        album.to_string(),
        "FullAlbum \"Hybrid Theory\" by Linkin Park, 12 tracks"
    );
    let tree = format!("{album:#}");
    assert!(tree.starts_with("FullAlbum \"Hybrid Theory\" by Linkin Park, 12 tracks\n"));
    assert!(tree.contains("\n  name: \"Hybrid Theory\"\n"), "{tree}");
    assert!(tree.contains("release_date_precision: \"day\""));
}

#[test]
fn request_client_token_with_a_configured_accounts_base() {
    let mock = MockServer::start();
    let token = mock.credentials().request_client_token().unwrap();
    assert!(!token.is_expiring());
    assert!(token.access_token().starts_with("mock-access-app-"));
    assert!(!format!("{token:?}").contains(token.access_token()));
    assert!(!token.to_string().contains(token.access_token()));

    let bad = spotify_blocking::Credentials::new("mock-client-id", "wrong")
        .accounts_base(mock.accounts_base())
        .request_client_token()
        .unwrap_err();
    match &bad {
        Error::Auth { status, error, .. } => {
            assert_eq!(*status, 401);
            assert_eq!(error, "invalid_client");
        }
        other => panic!("{other:?}"),
    }
    assert!(!bad.to_string().contains("wrong"));
}

#[test]
fn request_client_token_against_nothing_is_a_transport_error() {
    // Spotify itself is not reachable from tests; this only checks the
    // error type when the accounts service can't be reached.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let err = spotify_blocking::Credentials::new("a", "b")
        .accounts_base(format!("http://127.0.0.1:{port}"))
        .request_client_token()
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    let _ = request_client_token; // the free function is the same call
}

#[test]
fn errors_keep_their_cause_as_a_source_chain() {
    use std::error::Error as _;
    // A connection failure: the transport's own error is the source.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let err = Spotify::builder()
        .api_base(format!("http://127.0.0.1:{port}/v1"))
        .retry(spotify_blocking::RetryPolicy::none())
        .build(Token::from_access_token("t"))
        .album(HYBRID_THEORY)
        .send()
        .unwrap_err();
    let source = err.source().expect("a transport error has a source");
    assert!(source.downcast_ref::<ureq::Error>().is_some(), "{source:?}");

    // A body that does not fit the model: serde_json's error is the source.
    let mock = MockServer::start();
    let spotify = mock.client();
    mock.fault(Fault::Raw {
        status: 200,
        content_type: "application/json".into(),
        body: r#"{"name": 5}"#.into(),
    });
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    let source = err.source().expect("a decode error has a source");
    let json = source
        .downcast_ref::<serde_json::Error>()
        .expect("serde_json");
    assert!(json.is_data(), "{json}");

    // Errors cross threads and box as `dyn Error`.
    fn boxed(e: Error) -> Box<dyn std::error::Error + Send + Sync + 'static> {
        Box::new(e)
    }
    assert!(boxed(err).to_string().contains("GET /albums/{id}"));
}

#[test]
fn invalid_ids_never_reach_the_wire() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let before = mock.request_count();
    for bad in [
        "",
        "spotify:track:6rqhFgbbKwnb9MLmUQDhG6",
        "https://open.spotify.com/artist/6XyY86QOPPrYVGvF9ch6wz",
        "3RBULTZJ97bvVzZLpxcB0",
        "not an id at all",
    ] {
        let err = spotify.album(bad).send().unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidId {
                    expected: "album",
                    ..
                }
            ),
            "{bad}: {err}"
        );
        let err = spotify.album_tracks(bad).send().unwrap_err();
        assert!(matches!(err, Error::InvalidId { .. }));
    }
    assert_eq!(mock.request_count(), before);
    // URL forms work.
    let url = format!("https://open.spotify.com/intl-de/album/{HYBRID_THEORY}?si=x");
    assert_eq!(spotify.album(&url).send().unwrap().name, "Hybrid Theory");
}

#[test]
fn out_of_range_limit_is_an_error_before_sending() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let before = mock.request_count();
    let err = spotify
        .album_tracks(HYBRID_THEORY)
        .limit(51)
        .send()
        .unwrap_err();
    match err {
        Error::InvalidInput { param, message, .. } => {
            assert_eq!(param, "limit");
            assert!(message.contains("1 to 50"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let err = spotify
        .album(HYBRID_THEORY)
        .market("Sweden")
        .send()
        .unwrap_err();
    assert!(matches!(
        err,
        Error::InvalidInput {
            param: "market",
            ..
        }
    ));
    assert_eq!(mock.request_count(), before);
}

#[test]
fn paging_follows_next_links_lazily() {
    let mock = MockServer::start();
    let spotify = mock.client();
    mock.clear_requests();
    let mut pages = spotify.album_tracks(LONG_ALBUM).limit(50).pages();
    let first = pages.next().unwrap().unwrap();
    assert_eq!((first.items.len(), first.total, first.offset), (50, 120, 0));
    assert_eq!(mock.request_count(), 1, "lazy: one page fetched");
    let rest: Vec<_> = pages.map(|p| p.unwrap().items.len()).collect();
    assert_eq!(rest, vec![50, 20]);
    let reqs = mock.requests();
    assert_eq!(reqs[2].query_value("offset"), Some("100"));

    let names: Vec<String> = spotify
        .album_tracks(LONG_ALBUM)
        .limit(50)
        .items()
        .map(|t| t.unwrap().name)
        .collect();
    assert_eq!(names.len(), 120);
    assert_eq!(names[119], "Movement 120");
}

#[test]
fn all_items_continues_an_embedded_page() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let album = spotify.album(LONG_ALBUM).send().unwrap();
    assert_eq!(album.tracks.items.len(), 50);
    let all: Vec<_> = spotify
        .all_items(album.tracks)
        .map(Result::unwrap)
        .collect();
    assert_eq!(all.len(), 120);
    assert_eq!(all[50].track_number, 51);
}

#[test]
fn paging_stops_after_the_first_error() {
    let mock = MockServer::start();
    let spotify = mock
        .builder()
        .retry(spotify_blocking::RetryPolicy::none())
        .build(mock.user_token(spotify_blocking::scope::Scopes::new()));
    mock.fault_on("/v1/albums", Fault::Status(404));
    let _ = &spotify;
    let mut it = spotify.album_tracks(LONG_ALBUM).limit(10).items();
    let first = it.next().unwrap();
    assert!(matches!(first, Err(Error::Api { status: 404, .. })));
    assert!(it.next().is_none());
}

#[test]
fn unknown_album_is_404_with_spotify_message() {
    let mock = MockServer::start();
    let err = mock
        .client()
        .album("0000000000000000000000")
        .send()
        .unwrap_err();
    match err {
        Error::Api {
            status,
            message,
            endpoint,
            ..
        } => {
            assert_eq!(status, 404);
            assert_eq!(message, "Non existing id");
            assert_eq!(endpoint, "GET /albums/{id}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn bad_token_is_401_and_set_token_swaps_it() {
    let mock = MockServer::start();
    let spotify = mock.builder().build(Token::from_access_token("not-issued"));
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    assert_eq!(err.status(), Some(401));
    assert!(err.to_string().contains("Invalid access token"));
    spotify.set_token(mock.credentials().request_client_token().unwrap());
    assert!(spotify.album(HYBRID_THEORY).send().is_ok());
}

#[test]
#[allow(deprecated)]
fn batch_albums_cap_and_chunking() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let ids: Vec<String> = (0..25)
        .map(|i| {
            if i % 2 == 0 {
                HYBRID_THEORY.to_owned()
            } else {
                "0000000000000000000000".to_owned()
            }
        })
        .collect();
    let before = mock.request_count();
    let err = spotify.albums(&ids).send().unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput { param: "ids", .. }),
        "{err}"
    );
    assert!(err.to_string().contains("chunked(true)"));
    assert_eq!(mock.request_count(), before);

    let chunked = mock
        .builder()
        .chunked(true)
        .build_with_credentials("mock-client-id", "mock-client-secret")
        .unwrap();
    mock.clear_requests();
    let albums = chunked.albums(&ids).market("SE").send().unwrap();
    assert_eq!(albums.len(), 25);
    assert!(albums[0].is_some() && albums[1].is_none() && albums[24].is_some());
    let calls: Vec<_> = mock
        .requests()
        .into_iter()
        .filter(|r| r.path == "/v1/albums")
        .collect();
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0].query_value("ids").unwrap().split(',').count(), 20);
    assert_eq!(calls[1].query_value("ids").unwrap().split(',').count(), 5);
    assert_eq!(calls[1].query_value("market"), Some("SE"));
}

#[test]
fn default_market_is_sent_where_the_endpoint_takes_one() {
    let mock = MockServer::start();
    let spotify = mock
        .builder()
        .market("JP")
        .build_with_credentials("mock-client-id", "mock-client-secret")
        .unwrap();
    spotify.album(HYBRID_THEORY).send().unwrap();
    spotify.album(HYBRID_THEORY).market("SE").send().unwrap();
    let reqs: Vec<_> = mock
        .requests()
        .into_iter()
        .filter(|r| r.path.starts_with("/v1/"))
        .collect();
    assert_eq!(reqs[0].query_value("market"), Some("JP"));
    assert_eq!(reqs[1].query_value("market"), Some("SE"));
    let _ = Spotify::builder;
}
