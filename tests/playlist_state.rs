//! A playlist's state through the mock: create, fill in chunks, page
//! through it, remove by position against a snapshot.

use spotify_blocking::mock::{MockServer, RecordedRequest};
use spotify_blocking::model::PlaylistItem;
use spotify_blocking::scope;
use spotify_blocking::{Error, Spotify};

fn api_requests(mock: &MockServer) -> Vec<RecordedRequest> {
    mock.requests()
        .into_iter()
        .filter(|r| r.path.starts_with("/v1/"))
        .collect()
}

/// Every entry's URI, read through `.items()` 50 at a time.
fn uris(spotify: &Spotify, id: &str) -> Vec<String> {
    spotify
        .playlist_items(id)
        .limit(50)
        .items()
        .map(|entry: Result<PlaylistItem, Error>| {
            entry
                .unwrap()
                .item
                .and_then(|i| i.uri().map(str::to_owned))
                .expect("a playable item")
        })
        .collect()
}

#[test]
fn create_fill_page_and_remove_by_position() {
    let mock = MockServer::start();
    let spotify = mock
        .builder()
        .chunked(true)
        .build(mock.user_token(scope::every()));
    let created = spotify
        .playlist_create("State check")
        .public(false)
        .send()
        .unwrap();
    assert_eq!(created.items.as_ref().map(|p| p.total), Some(0));

    // 250 distinct tracks, the first one twice more (positions 0, 100 and
    // 249), so that removal by position is told apart from removal by URI.
    let mut added: Vec<String> = (0..250)
        .map(|i| format!("spotify:track:{:0>22}", format!("T{i}")))
        .collect();
    added[100] = added[0].clone();
    added[249] = added[0].clone();
    let first = spotify.playlist_add(&created.id, &added).send().unwrap();
    let posts: Vec<usize> = api_requests(&mock)
        .iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/items"))
        .map(|r| r.body_json()["uris"].as_array().unwrap().len())
        .collect();
    assert_eq!(posts, [100, 100, 50]);
    assert_ne!(first.snapshot_id, created.snapshot_id);

    mock.clear_requests();
    assert_eq!(uris(&spotify, &created.id), added, "all 250, in order");
    let offsets: Vec<Option<String>> = api_requests(&mock)
        .iter()
        .map(|r| r.query_value("offset").map(str::to_owned))
        .collect();
    assert_eq!(
        offsets,
        [None, Some("50"), Some("100"), Some("150"), Some("200")].map(|o| o.map(str::to_owned)),
        "five pages following `next`"
    );

    // Positions 0 and 249 of the repeated track, 5 and 7 of two others:
    // all refer to the snapshot, not to the list as it shrinks.
    let removed = spotify
        .playlist_remove_occurrences(
            &created.id,
            [
                (added[0].as_str(), 249),
                (added[5].as_str(), 5),
                (added[0].as_str(), 0),
                (added[7].as_str(), 7),
            ],
        )
        .snapshot_id(&first.snapshot_id)
        .send()
        .unwrap();
    let body = api_requests(&mock).pop().unwrap().body_json();
    assert_eq!(body["snapshot_id"], first.snapshot_id.as_str());
    assert_eq!(body["items"][0]["positions"], serde_json::json!([249, 0]));
    assert_ne!(removed.snapshot_id, first.snapshot_id);
    let now = spotify.playlist(&created.id).send().unwrap();
    assert_eq!(now.snapshot_id, removed.snapshot_id);
    assert_eq!(now.items.as_ref().map(|p| p.total), Some(246));

    let expected: Vec<String> = added
        .iter()
        .enumerate()
        .filter(|(i, _)| ![0, 5, 7, 249].contains(i))
        .map(|(_, u)| u.clone())
        .collect();
    let left = uris(&spotify, &created.id);
    assert_eq!(left, expected);
    assert_eq!(left[97], added[0], "the copy at 100 stays (now at 97)");

    // One position that does not hold its track refuses the whole
    // request: the valid one next to it is not applied either.
    let err = spotify
        .playlist_remove_occurrences(&created.id, [(left[0].as_str(), 0), (left[1].as_str(), 5)])
        .snapshot_id(&removed.snapshot_id)
        .send()
        .unwrap_err();
    assert_eq!(err.status(), Some(400), "{err}");
    assert_eq!(uris(&spotify, &created.id), expected);
    assert_eq!(
        spotify.playlist(&created.id).send().unwrap().snapshot_id,
        removed.snapshot_id
    );
}
