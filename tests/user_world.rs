//! The user's world against the mock: profile, following, library,
//! playlists and the player. Every method at least once, asserting what went
//! over the wire and what came back.
#![allow(deprecated)]

#[allow(dead_code)]
mod common;

use common::{FRIENDS_MIX, LAPTOP, LINKIN_PARK, MOCK_EPISODE, MOCK_SHOW, PRIVATE_MIX};
use serde_json::{Value, json};
use spotify_blocking::mock::{
    HYBRID_THEORY, KITCHEN_SPEAKER, MOCK_USER, MORNING_MIX, MockServer, RecordedRequest,
};
use spotify_blocking::model::*;
use spotify_blocking::scope::{self, Scope, Scopes};
use spotify_blocking::{Error, PlayerReason, Spotify};

const ARTIST_B: &str = "0MockArtistW1thLongA1b";
const SOME_TRACK: &str = "6rqhFgbbKwnb9MLmUQDhG6";

fn user(mock: &MockServer) -> Spotify {
    mock.user_client(scope::every())
}

/// A user client whose calls all reach the mock, so its scope checks are
/// tested (the client's own check is in `know_before.rs`).
fn unchecked(mock: &MockServer, scopes: impl Into<Scopes>) -> Spotify {
    let token = mock.user_token(scopes);
    mock.builder()
        .scope_check(false)
        .build(spotify_blocking::RefreshingToken::new(
            token,
            mock.credentials(),
        ))
}

fn chunked(mock: &MockServer) -> Spotify {
    mock.builder()
        .chunked(true)
        .build(mock.user_token(scope::every()))
}

/// The API requests received so far (token requests left out).
fn api_requests(mock: &MockServer) -> Vec<RecordedRequest> {
    mock.requests()
        .into_iter()
        .filter(|r| r.path.starts_with("/v1/"))
        .collect()
}

fn last(mock: &MockServer) -> RecordedRequest {
    api_requests(mock).pop().expect("a request")
}

fn hybrid_ids(spotify: &Spotify) -> Vec<String> {
    let album = spotify.album(HYBRID_THEORY).send().unwrap();
    album
        .tracks
        .items
        .iter()
        .map(|t| t.id.clone().unwrap())
        .collect()
}

fn assert_invalid_input(err: Error, param: &str) {
    match err {
        Error::InvalidInput { param: p, .. } => assert_eq!(p, param),
        other => panic!("expected invalid input for {param}, got {other:?}"),
    }
}

fn assert_forbidden(err: Error) {
    assert_eq!(err.status(), Some(403), "{err}");
    assert!(
        err.to_string().contains("Insufficient client scope"),
        "{err}"
    );
}

// ---- users -----------------------------------------------------------

#[test]
fn current_user_private_fields_follow_the_scopes() {
    let mock = MockServer::start();
    let me = user(&mock).current_user().send().unwrap();
    let r = last(&mock);
    assert_eq!((r.method.as_str(), r.path.as_str()), ("GET", "/v1/me"));
    assert_eq!(me.id, MOCK_USER);
    assert_eq!(me.account_id.as_deref(), Some("mockAcc0unt1"));
    assert_eq!(me.email.as_deref(), Some("mock-user@example.com"));
    assert_eq!(me.country.as_ref().unwrap().as_str(), "SE");
    assert_eq!(me.product, Some(Product::Premium));
    assert_eq!(
        me.to_string(),
        format!("PrivateUser \"Mock User\" ({MOCK_USER})")
    );

    let bare = mock
        .user_client(Scope::UserReadPrivate)
        .current_user()
        .send()
        .unwrap();
    assert_eq!(bare.email, None, "no user-read-email");
    assert!(bare.country.is_some());

    let err = mock.client().current_user().send().unwrap_err();
    assert_eq!(err.status(), Some(403), "an app token has no user");
}

#[test]
fn user_profile_deprecated() {
    let mock = MockServer::start();
    let u = user(&mock).user("spotify:user:friend-user").send().unwrap();
    assert_eq!(last(&mock).path, "/v1/users/friend-user");
    assert_eq!(u.id, "friend-user");
    assert_eq!(u.display_name.as_deref(), Some("friend-user"));
    assert!(matches!(
        user(&mock).user("bad/id").send(),
        Err(Error::InvalidId { .. })
    ));
}

#[test]
fn top_artists_and_tracks() {
    let mock = MockServer::start();
    let spotify = user(&mock);
    let artists = spotify
        .current_user_top_artists()
        .time_range(TimeRange::LongTerm)
        .limit(2)
        .offset(1)
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(r.path, "/v1/me/top/artists");
    assert_eq!(r.query_value("time_range"), Some("long_term"));
    assert_eq!(r.query_value("limit"), Some("2"));
    assert_eq!(r.query_value("offset"), Some("1"));
    assert_eq!(artists.total, 3);
    assert_eq!(artists.items.len(), 2);

    let medium = spotify.current_user_top_tracks().limit(10).send().unwrap();
    let short = spotify
        .current_user_top_tracks()
        .time_range(TimeRange::ShortTerm)
        .send()
        .unwrap();
    assert_eq!(medium.items.len(), 10);
    assert_eq!(medium.items[0].name, "Papercut");
    assert_eq!(short.items[0].name, "Pushing Me Away");
    assert_eq!(last(&mock).query_value("time_range"), Some("short_term"));

    let before = mock.request_count();
    let err = spotify
        .current_user_top_tracks()
        .limit(51)
        .send()
        .unwrap_err();
    assert_invalid_input(err, "limit");
    assert_eq!(mock.request_count(), before, "nothing sent");
}

#[test]
fn follow_artists_with_cursor_paging() {
    let mock = MockServer::start();
    let spotify = user(&mock);
    let page = spotify.followed_artists().send().unwrap();
    let r = last(&mock);
    assert_eq!(r.path, "/v1/me/following");
    assert_eq!(r.query_value("type"), Some("artist"));
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].name, "Linkin Park");

    spotify
        .artists_follow([ARTIST_B, "spotify:artist:0MockArtistSing1esOn1y"])
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("PUT", "/v1/me/following")
    );
    assert_eq!(r.query_value("type"), Some("artist"));
    assert_eq!(
        r.query_value("ids"),
        Some("0MockArtistW1thLongA1b,0MockArtistSing1esOn1y")
    );

    let first = spotify.followed_artists().limit(1).send().unwrap();
    assert_eq!(first.items[0].id, LINKIN_PARK);
    let after = first.cursors.as_ref().unwrap().after.clone().unwrap();
    let second = spotify
        .followed_artists()
        .after(&after)
        .limit(1)
        .send()
        .unwrap();
    assert_eq!(last(&mock).query_value("after"), Some(LINKIN_PARK));
    assert_eq!(second.items[0].id, ARTIST_B);
    let all: Vec<FullArtist> = spotify
        .followed_artists()
        .limit(1)
        .items()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(all.len(), 3, "followed three `next` cursor links");

    let flags = spotify
        .artists_is_following([LINKIN_PARK, "0MockArtistUnf0llowed0"])
        .send()
        .unwrap();
    assert_eq!(last(&mock).path, "/v1/me/following/contains");
    assert_eq!(flags, vec![true, false]);

    spotify.artists_unfollow([LINKIN_PARK]).send().unwrap();
    assert_eq!(last(&mock).method, "DELETE");
    assert_eq!(
        spotify.artists_is_following([LINKIN_PARK]).send().unwrap(),
        vec![false]
    );
}

#[test]
fn follow_users() {
    let mock = MockServer::start();
    let spotify = user(&mock);
    spotify
        .users_follow(["friend-user", "spotify:user:other"])
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(r.query_value("type"), Some("user"));
    assert_eq!(r.query_value("ids"), Some("friend-user,other"));
    assert_eq!(
        spotify
            .users_is_following(["friend-user", "stranger"])
            .send()
            .unwrap(),
        vec![true, false]
    );
    spotify.users_unfollow(["friend-user"]).send().unwrap();
    assert_eq!(
        (last(&mock).method.as_str(), last(&mock).query_value("type")),
        ("DELETE", Some("user"))
    );
    assert_eq!(
        spotify.users_is_following(["friend-user"]).send().unwrap(),
        vec![false]
    );
}

#[test]
fn follow_playlists_deprecated() {
    let mock = MockServer::start();
    let spotify = user(&mock);
    assert!(!spotify.playlist_is_following(MORNING_MIX).send().unwrap());
    assert_eq!(
        last(&mock).path,
        format!("/v1/playlists/{MORNING_MIX}/followers/contains")
    );
    spotify
        .playlist_follow(MORNING_MIX)
        .public(false)
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(
        (r.method.as_str(), r.body_json()),
        ("PUT", json!({"public": false}))
    );
    assert!(
        spotify
            .playlist_is_following(MORNING_MIX)
            .user_id(MOCK_USER)
            .send()
            .unwrap()
    );
    assert_eq!(last(&mock).query_value("ids"), Some(MOCK_USER));
    spotify.playlist_unfollow(MORNING_MIX).send().unwrap();
    assert_eq!(last(&mock).method, "DELETE");
    assert!(!spotify.playlist_is_following(MORNING_MIX).send().unwrap());
}

#[test]
fn scopes_are_checked_like_spotify() {
    let mock = MockServer::start();
    let spotify = unchecked(&mock, Scope::UserTopRead);
    assert_forbidden(spotify.followed_artists().send().unwrap_err());
    assert_forbidden(spotify.saved_tracks().send().unwrap_err());
    assert_forbidden(spotify.playback().send().unwrap_err());
    assert_forbidden(spotify.playlist_create("x").send().unwrap_err());
    let err = spotify.playlists().send().unwrap_err();
    match err {
        Error::MissingScope { status, needed, .. } => {
            assert_eq!(status, Some(403));
            assert_eq!(needed, Scopes::from(Scope::PlaylistReadPrivate));
        }
        other => panic!("{other:?}"),
    }
}

// ---- library ---------------------------------------------------------

#[test]
fn library_save_contains_remove_any_kind() {
    let mock = MockServer::start();
    let spotify = user(&mock);
    let uris = [
        format!("spotify:track:{SOME_TRACK}"),
        format!("https://open.spotify.com/intl-de/episode/{MOCK_EPISODE}?si=x"),
        format!("spotify:artist:{ARTIST_B}"),
        format!("spotify:playlist:{MORNING_MIX}"),
        "spotify:user:friend-user".to_owned(),
    ];
    spotify.library_save(&uris).send().unwrap();
    let r = last(&mock);
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("PUT", "/v1/me/library")
    );
    assert_eq!(
        r.query_value("uris").unwrap(),
        format!(
            "spotify:track:{SOME_TRACK},spotify:episode:{MOCK_EPISODE},spotify:artist:{ARTIST_B},spotify:playlist:{MORNING_MIX},spotify:user:friend-user"
        )
    );
    let mut check = uris.to_vec();
    check.push("spotify:album:0A1bumNeverSavedAtA11x".into());
    let flags = spotify.library_contains(&check).send().unwrap();
    assert_eq!(last(&mock).path, "/v1/me/library/contains");
    assert_eq!(flags, vec![true, true, true, true, true, false]);
    assert!(
        spotify.playlist_is_following(MORNING_MIX).send().unwrap(),
        "the same library"
    );

    spotify.library_remove(&uris[..2]).send().unwrap();
    assert_eq!(last(&mock).method, "DELETE");
    assert_eq!(
        spotify.library_contains(&uris[..3]).send().unwrap(),
        vec![false, false, true]
    );
}

#[test]
fn library_inputs_are_checked_before_sending() {
    let mock = MockServer::start();
    let spotify = user(&mock);
    let before = mock.request_count();
    assert!(matches!(
        spotify.library_save([SOME_TRACK]).send(),
        Err(Error::InvalidId { .. })
    ));
    assert!(matches!(
        spotify
            .library_save(["spotify:chapter:0D5wENdkdwbqlrHoaJ9g29"])
            .send(),
        Err(Error::InvalidId { .. })
    ));
    assert_invalid_input(
        spotify
            .library_save(Vec::<String>::new())
            .send()
            .unwrap_err(),
        "uris",
    );
    let many: Vec<String> = (0..41)
        .map(|i| format!("spotify:track:{:0>22}", format!("T{i}")))
        .collect();
    assert_invalid_input(spotify.library_save(&many).send().unwrap_err(), "uris");
    assert_eq!(mock.request_count(), before, "nothing was sent");
}

#[test]
fn library_chunked_keeps_order() {
    let mock = MockServer::start();
    let spotify = chunked(&mock);
    let ids: Vec<String> = (0..41)
        .map(|i| format!("{:0>22}", format!("T{i}")))
        .collect();
    let uris: Vec<String> = ids.iter().map(|id| format!("spotify:track:{id}")).collect();
    spotify.library_save(&uris[..21]).send().unwrap();
    let flags = spotify.library_contains(&uris).send().unwrap();
    let reqs = api_requests(&mock);
    let contains: Vec<&RecordedRequest> = reqs
        .iter()
        .filter(|r| r.path == "/v1/me/library/contains")
        .collect();
    assert_eq!(contains.len(), 2);
    assert_eq!(
        contains[0].query_value("uris").unwrap().split(',').count(),
        40
    );
    assert_eq!(contains[1].query_value("uris"), Some(uris[40].as_str()));
    assert_eq!(flags.len(), 41);
    assert!(flags[..21].iter().all(|f| *f) && flags[21..].iter().all(|f| !*f));
}

#[test]
fn library_scope_depends_on_the_kind() {
    let mock = MockServer::start();
    let spotify = unchecked(&mock, Scope::UserLibraryModify);
    spotify
        .library_save([format!("spotify:track:{SOME_TRACK}")])
        .send()
        .unwrap();
    assert_forbidden(
        spotify
            .library_save([format!("spotify:artist:{ARTIST_B}")])
            .send()
            .unwrap_err(),
    );
}

#[test]
fn saved_albums_and_tracks_pages() {
    let mock = MockServer::start();
    let spotify = user(&mock);
    let albums = spotify.saved_albums().limit(5).market("SE").send().unwrap();
    let r = last(&mock);
    assert_eq!(r.path, "/v1/me/albums");
    assert_eq!(
        (r.query_value("limit"), r.query_value("market")),
        (Some("5"), Some("SE"))
    );
    assert_eq!(albums.total, 1);
    assert_eq!(albums.items[0].album.name, "Hybrid Theory");
    assert_eq!(albums.items[0].added_at, "2024-01-01T00:01:00Z");

    let tracks: Vec<SavedTrack> = spotify
        .saved_tracks()
        .limit(1)
        .items()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(last(&mock).path, "/v1/me/tracks");
    let names: Vec<&str> = tracks.iter().map(|t| t.track.name.as_str()).collect();
    assert_eq!(names, ["In the End", "Papercut"], "newest first");
}

#[test]
fn saved_type_specific_calls_deprecated() {
    let mock = MockServer::start();
    let spotify = user(&mock);
    spotify.saved_tracks_add([SOME_TRACK]).send().unwrap();
    let r = last(&mock);
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("PUT", "/v1/me/tracks")
    );
    assert_eq!(r.query_value("ids"), None);
    assert_eq!(
        r.body_json(),
        json!({"ids": [SOME_TRACK]}),
        "tracks: ids in the body"
    );
    assert_eq!(
        spotify.saved_tracks_contains([SOME_TRACK]).send().unwrap(),
        vec![true]
    );
    assert_eq!(last(&mock).path, "/v1/me/tracks/contains");
    spotify.saved_tracks_delete([SOME_TRACK]).send().unwrap();
    assert_eq!(last(&mock).query_value("ids"), Some(SOME_TRACK));
    assert_eq!(
        spotify.saved_tracks_contains([SOME_TRACK]).send().unwrap(),
        vec![false]
    );

    let album = "0A1bumNeverSavedAtA11x";
    spotify.saved_albums_add([album]).send().unwrap();
    assert_eq!(last(&mock).query_value("ids"), Some(album));
    assert_eq!(
        spotify
            .saved_albums_contains([album, HYBRID_THEORY])
            .send()
            .unwrap(),
        vec![true, true]
    );
    spotify.saved_albums_delete([album]).send().unwrap();
    assert_eq!(last(&mock).path, "/v1/me/albums");

    let show = "0Sh0wNeverSavedAtA11xx";
    spotify.saved_shows_add([show]).send().unwrap();
    assert_eq!(last(&mock).path, "/v1/me/shows");
    assert_eq!(
        spotify
            .saved_shows_contains([show, MOCK_SHOW])
            .send()
            .unwrap(),
        vec![true, true]
    );
    spotify.saved_shows_delete([show]).send().unwrap();
    assert_eq!(
        spotify.saved_shows_contains([show]).send().unwrap(),
        vec![false]
    );

    spotify.saved_episodes_add([MOCK_EPISODE]).send().unwrap();
    assert_eq!(last(&mock).path, "/v1/me/episodes");
    spotify
        .saved_episodes_delete([MOCK_EPISODE])
        .send()
        .unwrap();
    assert_eq!(
        spotify
            .saved_episodes_contains([MOCK_EPISODE])
            .send()
            .unwrap(),
        vec![false]
    );

    let book = "7iHfbu1YPACw6oZPAFJtqe";
    spotify.saved_audiobooks_add([book]).send().unwrap();
    assert_eq!(last(&mock).path, "/v1/me/audiobooks");
    assert_eq!(
        spotify.saved_audiobooks_contains([book]).send().unwrap(),
        vec![true]
    );
    spotify.saved_audiobooks_delete([book]).send().unwrap();
    assert_eq!(last(&mock).method, "DELETE");
    assert_eq!(
        spotify
            .library_contains([format!("spotify:audiobook:{book}")])
            .send()
            .unwrap(),
        vec![false]
    );

    assert!(matches!(
        spotify
            .saved_shows_add([format!("spotify:episode:{MOCK_EPISODE}")])
            .send(),
        Err(Error::InvalidId { .. })
    ));
}

#[test]
fn saved_albums_cap_is_twenty() {
    let mock = MockServer::start();
    let ids: Vec<String> = (0..21)
        .map(|i| format!("{:0>22}", format!("A{i}")))
        .collect();
    let err = user(&mock).saved_albums_add(&ids).send().unwrap_err();
    assert!(err.to_string().contains("at most 20"), "{err}");
    assert_eq!(api_requests(&mock).len(), 0);
    chunked(&mock).saved_albums_add(&ids).send().unwrap();
    let reqs = api_requests(&mock);
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0].query_value("ids").unwrap().split(',').count(), 20);
    assert_eq!(reqs[1].query_value("ids"), Some(ids[20].as_str()));
}

// ---- playlists -------------------------------------------------------

#[test]
fn playlist_with_every_kind_of_entry_over_the_wire() {
    let mock = MockServer::start();
    let spotify = user(&mock);
    let p = spotify
        .playlist(&format!("spotify:playlist:{MORNING_MIX}"))
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(r.path, format!("/v1/playlists/{MORNING_MIX}"));
    assert_eq!(r.query_value("additional_types"), Some("track,episode"));
    assert_eq!(p.name, "Morning mix");
    assert_eq!(p.owner.id, MOCK_USER);
    assert_eq!(p.public, Some(true));
    let items = &p.items.as_ref().unwrap().items;
    assert_eq!(items.len(), 8);
    assert_eq!(items[0].item.as_ref().unwrap().name(), "Papercut");
    assert_eq!(items[5].item, None, "a removed track");
    assert!(items[6].is_local && items[6].item.as_ref().unwrap().is_local());
    assert_eq!(items[6].item.as_ref().unwrap().name(), "Garage Take 3");
    let ep = items[7].item.as_ref().unwrap().as_episode().unwrap();
    assert_eq!(
        (ep.id.as_str(), ep.name.as_str()),
        (MOCK_EPISODE, "Monday briefing")
    );
    assert_eq!(
        p.to_string(),
        "FullPlaylist \"Morning mix\" by Mock User, 8 items"
    );

    spotify
        .playlist(MORNING_MIX)
        .fields("name")
        .market("from_token")
        .additional_types("track")
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(r.query_value("fields"), Some("name"));
    assert_eq!(r.query_value("market"), Some("from_token"));
    assert_eq!(r.query_value("additional_types"), Some("track"));
}

#[test]
fn playlist_items_pages_and_limits() {
    let mock = MockServer::start();
    let spotify = user(&mock);
    let page = spotify
        .playlist_items(MORNING_MIX)
        .limit(2)
        .offset(1)
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(r.path, format!("/v1/playlists/{MORNING_MIX}/items"));
    assert_eq!(r.query_value("additional_types"), Some("track,episode"));
    assert_eq!((page.total, page.offset, page.items.len()), (8, 1, 2));
    assert_eq!(
        page.items[0].item.as_ref().unwrap().name(),
        "One Step Closer"
    );
    let all: Vec<PlaylistItem> = spotify
        .playlist_items(MORNING_MIX)
        .limit(3)
        .items()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(all.len(), 8);
    assert_invalid_input(
        spotify
            .playlist_items(MORNING_MIX)
            .limit(51)
            .send()
            .unwrap_err(),
        "limit",
    );

    let old = spotify
        .playlist_tracks(MORNING_MIX)
        .limit(100)
        .send()
        .unwrap();
    assert_eq!(
        last(&mock).path,
        format!("/v1/playlists/{MORNING_MIX}/tracks")
    );
    assert_eq!(old.items.len(), 8);
    assert!(matches!(
        spotify
            .playlist_items(&format!("spotify:album:{HYBRID_THEORY}"))
            .send(),
        Err(Error::InvalidId { .. })
    ));
}

#[test]
fn private_playlists_need_private_scopes() {
    let mock = MockServer::start();
    let reader = unchecked(&mock, Scope::PlaylistModifyPublic);
    assert_forbidden(reader.playlist_items(PRIVATE_MIX).send().unwrap_err());
    assert_forbidden(
        reader
            .playlist_add(PRIVATE_MIX, [SOME_TRACK])
            .send()
            .unwrap_err(),
    );
    reader
        .playlist_add(MORNING_MIX, [SOME_TRACK])
        .send()
        .unwrap();
    let err = user(&mock)
        .playlist_add(FRIENDS_MIX, [SOME_TRACK])
        .send()
        .unwrap_err();
    assert_eq!(err.status(), Some(403), "not the owner");
}

#[test]
fn list_and_create_playlists() {
    let mock = MockServer::start();
    let spotify = user(&mock);
    let mine = spotify.playlists().limit(10).send().unwrap();
    assert_eq!(last(&mock).path, "/v1/me/playlists");
    let ids: Vec<&str> = mine.items.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, [PRIVATE_MIX, MORNING_MIX, FRIENDS_MIX]);
    assert_eq!(mine.items[1].items.as_ref().unwrap().total, 8);

    let created = spotify
        .playlist_create("Road trip")
        .public(false)
        .collaborative(true)
        .description("For the car")
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("POST", "/v1/me/playlists")
    );
    assert_eq!(
        r.body_json(),
        json!({"name": "Road trip", "public": false, "collaborative": true, "description": "For the car"})
    );
    assert_eq!(created.name, "Road trip");
    assert!(created.collaborative);
    assert_eq!(created.public, Some(false));
    assert_eq!(created.items.as_ref().unwrap().total, 0);

    spotify
        .playlist_change_details(&created.id)
        .name("Long road trip")
        .public(false)
        .collaborative(false)
        .description("Changed")
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(
        (r.method.as_str(), r.path.clone()),
        ("PUT", format!("/v1/playlists/{}", created.id))
    );
    assert_eq!(r.body_json()["name"], "Long road trip");
    let again = spotify.playlist(&created.id).send().unwrap();
    assert_eq!(again.name, "Long road trip");
    assert_eq!(again.description.as_deref(), Some("Changed"));
    assert_ne!(again.snapshot_id, created.snapshot_id);

    let legacy = spotify
        .playlist_create_for_user(MOCK_USER, "Old way")
        .send()
        .unwrap();
    assert_eq!(last(&mock).path, format!("/v1/users/{MOCK_USER}/playlists"));
    assert_eq!(legacy.public, Some(true));
    let err = spotify
        .playlist_create_for_user("someone-else", "x")
        .send()
        .unwrap_err();
    assert_eq!(err.status(), Some(403));

    let friends = spotify.user_playlists("friend-user").send().unwrap();
    assert_eq!(last(&mock).path, "/v1/users/friend-user/playlists");
    assert_eq!(friends.items.len(), 1);
    assert_eq!(friends.items[0].id, FRIENDS_MIX);
}

#[test]
fn playlist_add_chunked_keeps_order() {
    let mock = MockServer::start();
    let spotify = chunked(&mock);
    let uris: Vec<String> = (0..250)
        .map(|i| format!("spotify:track:{:0>22}", format!("N{i}")))
        .collect();
    let before = spotify
        .playlist_items(MORNING_MIX)
        .limit(50)
        .send()
        .unwrap();
    let snapshot = spotify
        .playlist_add(MORNING_MIX, &uris)
        .position(1)
        .send()
        .unwrap();

    let adds: Vec<RecordedRequest> = api_requests(&mock)
        .into_iter()
        .filter(|r| r.method == "POST")
        .collect();
    assert_eq!(adds.len(), 3);
    let positions: Vec<Value> = adds
        .iter()
        .map(|r| r.body_json()["position"].clone())
        .collect();
    assert_eq!(positions, [json!(1), json!(101), json!(201)]);
    assert_eq!(adds[2].body_json()["uris"].as_array().unwrap().len(), 50);

    let all: Vec<PlaylistItem> = spotify
        .playlist_items(MORNING_MIX)
        .limit(50)
        .items()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(all.len(), 258);
    let got: Vec<Option<&str>> = all
        .iter()
        .map(|e| e.item.as_ref().and_then(|i| i.uri()))
        .collect();
    assert_eq!(got[0], before.items[0].item.as_ref().unwrap().uri());
    let added: Vec<&str> = got[1..251].iter().map(|u| u.unwrap()).collect();
    assert_eq!(added, uris.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(got[251], before.items[1].item.as_ref().unwrap().uri());
    let now = spotify.playlist(MORNING_MIX).send().unwrap();
    assert_eq!(
        snapshot.snapshot_id, now.snapshot_id,
        "the last call's snapshot"
    );

    let plain = MockServer::start();
    let err = user(&plain)
        .playlist_add(MORNING_MIX, &uris[..101])
        .send()
        .unwrap_err();
    assert_invalid_input(err, "uris");
    assert_eq!(api_requests(&plain).len(), 0);
}

#[test]
fn playlist_add_takes_tracks_and_episodes_in_any_form() {
    let mock = MockServer::start();
    let spotify = user(&mock);
    spotify
        .playlist_add(
            MORNING_MIX,
            [
                SOME_TRACK.to_owned(),
                format!("https://open.spotify.com/track/{SOME_TRACK}"),
                format!("spotify:episode:{MOCK_EPISODE}"),
            ],
        )
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(r.path, format!("/v1/playlists/{MORNING_MIX}/items"));
    assert_eq!(
        r.body_json(),
        json!({"uris": [format!("spotify:track:{SOME_TRACK}"), format!("spotify:track:{SOME_TRACK}"), format!("spotify:episode:{MOCK_EPISODE}")]})
    );
    let count = mock.request_count();
    let err = spotify
        .playlist_add(MORNING_MIX, [format!("spotify:album:{HYBRID_THEORY}")])
        .send()
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidId {
                expected: "track or episode",
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(mock.request_count(), count);
}

fn names(spotify: &Spotify, id: &str) -> Vec<String> {
    spotify
        .playlist_items(id)
        .limit(50)
        .send()
        .unwrap()
        .items
        .iter()
        .map(|e| {
            e.item
                .as_ref()
                .map_or("-".to_owned(), |i| i.name().to_owned())
        })
        .collect()
}

#[test]
fn reorder_replace_remove_clear() {
    let mock = MockServer::start();
    let spotify = user(&mock);
    let ids = hybrid_ids(&spotify);
    let snap = spotify
        .playlist_reorder(MORNING_MIX, 0, 4)
        .range_length(2)
        .snapshot_id("MTAsMockP1ay00000001")
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(r.method, "PUT");
    assert_eq!(
        r.body_json(),
        json!({"range_start": 0, "insert_before": 4, "range_length": 2, "snapshot_id": "MTAsMockP1ay00000001"})
    );
    assert!(!snap.snapshot_id.is_empty());
    assert_eq!(
        &names(&spotify, MORNING_MIX)[..5],
        [
            "With You",
            "Points of Authority",
            "Papercut",
            "One Step Closer",
            "Crawling"
        ]
    );

    spotify
        .playlist_remove(MORNING_MIX, [format!("spotify:track:{}", ids[0])])
        .snapshot_id(&snap.snapshot_id)
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(r.method, "DELETE");
    assert_eq!(
        r.body_json(),
        json!({"items": [{"uri": format!("spotify:track:{}", ids[0])}], "snapshot_id": snap.snapshot_id})
    );
    assert!(!names(&spotify, MORNING_MIX).contains(&"Papercut".to_owned()));

    spotify
        .playlist_replace(
            MORNING_MIX,
            [ids[7].as_str(), ids[7].as_str(), ids[8].as_str()],
        )
        .send()
        .unwrap();
    assert_eq!(last(&mock).body_json()["uris"].as_array().unwrap().len(), 3);
    assert_eq!(
        names(&spotify, MORNING_MIX),
        ["In the End", "In the End", "A Place for My Head"]
    );

    spotify
        .playlist_remove_occurrences(MORNING_MIX, [(ids[7].as_str(), 1)])
        .send()
        .unwrap();
    assert_eq!(
        last(&mock).body_json(),
        json!({"items": [{"uri": format!("spotify:track:{}", ids[7]), "positions": [1]}]})
    );
    assert_eq!(
        names(&spotify, MORNING_MIX),
        ["In the End", "A Place for My Head"]
    );
    let err = spotify
        .playlist_remove_occurrences(MORNING_MIX, [(ids[7].as_str(), 1)])
        .send()
        .unwrap_err();
    assert_eq!(
        err.status(),
        Some(400),
        "nothing of that track at position 1"
    );

    let many: Vec<String> = (0..101).map(|_| ids[0].clone()).collect();
    assert_invalid_input(
        spotify
            .playlist_replace(MORNING_MIX, &many)
            .send()
            .unwrap_err(),
        "uris",
    );

    spotify.playlist_clear(MORNING_MIX).send().unwrap();
    assert_eq!(last(&mock).body_json(), json!({"uris": []}));
    assert!(names(&spotify, MORNING_MIX).is_empty());
}

#[test]
fn old_tracks_paths_deprecated() {
    let mock = MockServer::start();
    let spotify = user(&mock);
    let ids = hybrid_ids(&spotify);
    let path = format!("/v1/playlists/{PRIVATE_MIX}/tracks");
    spotify
        .playlist_tracks_add(PRIVATE_MIX, [ids[0].as_str()])
        .send()
        .unwrap();
    assert_eq!(
        (last(&mock).method, last(&mock).path),
        ("POST".to_owned(), path.clone())
    );
    spotify
        .playlist_tracks_reorder(PRIVATE_MIX, 1, 0)
        .send()
        .unwrap();
    assert_eq!(last(&mock).path, path);
    assert_eq!(names(&spotify, PRIVATE_MIX), ["Papercut", "In the End"]);
    spotify
        .playlist_tracks_remove(PRIVATE_MIX, [ids[0].as_str()])
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(
        (r.method.as_str(), r.path.clone()),
        ("DELETE", path.clone())
    );
    assert_eq!(
        r.body_json(),
        json!({"tracks": [{"uri": format!("spotify:track:{}", ids[0])}]})
    );
    spotify
        .playlist_tracks_replace(PRIVATE_MIX, [ids[1].as_str()])
        .send()
        .unwrap();
    assert_eq!(last(&mock).path, path);
    assert_eq!(names(&spotify, PRIVATE_MIX), ["One Step Closer"]);
}

/// The smallest JPEG header a cover check looks at, plus padding.
fn jpeg(len: usize) -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8, 0xFF, 0xE0];
    v.resize(len, 0x42);
    v
}

#[test]
fn cover_image_read_and_upload() {
    let mock = MockServer::start();
    let spotify = user(&mock);
    let images = spotify.playlist_cover_image(MORNING_MIX).send().unwrap();
    assert_eq!(
        last(&mock).path,
        format!("/v1/playlists/{MORNING_MIX}/images")
    );
    assert_eq!(images.len(), 3);

    let image = jpeg(1000);
    spotify
        .playlist_cover_image_upload(MORNING_MIX, &image)
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(r.method, "PUT");
    assert_eq!(r.header("content-type"), Some("image/jpeg"));
    use base64::Engine as _;
    assert_eq!(
        r.body,
        base64::engine::general_purpose::STANDARD
            .encode(&image)
            .into_bytes()
    );
    let images = spotify.playlist_cover_image(MORNING_MIX).send().unwrap();
    assert_eq!(images.len(), 1);
    assert!(images[0].url.contains("/mock-covers/"), "{}", images[0].url);

    // Near the limit: a body many times the client's 16 KiB output buffer
    // streams through it whole.
    let large = jpeg(180 * 1024);
    spotify
        .playlist_cover_image_upload(MORNING_MIX, &large)
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(r.body.len(), 245_760);
    assert_eq!(
        r.body,
        base64::engine::general_purpose::STANDARD
            .encode(&large)
            .into_bytes()
    );

    let count = mock.request_count();
    let too_big = jpeg(200 * 1024);
    assert_invalid_input(
        spotify
            .playlist_cover_image_upload(MORNING_MIX, &too_big)
            .send()
            .unwrap_err(),
        "image",
    );
    assert_invalid_input(
        spotify
            .playlist_cover_image_upload(MORNING_MIX, b"\x89PNG....")
            .send()
            .unwrap_err(),
        "image",
    );
    assert_eq!(mock.request_count(), count, "nothing sent");
    let ok_size = jpeg(192 * 1024);
    spotify
        .playlist_cover_image_upload(MORNING_MIX, &ok_size)
        .send()
        .unwrap();

    let no_ugc = unchecked(&mock, Scopes::from(Scope::PlaylistModifyPublic));
    assert_forbidden(
        no_ugc
            .playlist_cover_image_upload(MORNING_MIX, &image)
            .send()
            .unwrap_err(),
    );
}

// ---- player ----------------------------------------------------------

fn assert_no_device(err: Error) {
    assert_eq!(err.reason(), Some(&PlayerReason::NoActiveDevice), "{err}");
    assert_eq!(err.status(), Some(404));
}

#[test]
fn no_active_device_until_transfer() {
    let mock = MockServer::start();
    let spotify = user(&mock);
    assert_eq!(
        spotify.playback().send().unwrap(),
        None,
        "204: nothing plays"
    );
    assert_eq!(
        last(&mock).query_value("additional_types"),
        Some("track,episode")
    );
    assert_eq!(spotify.playback_currently_playing().send().unwrap(), None);
    assert_eq!(last(&mock).path, "/v1/me/player/currently-playing");
    assert_no_device(spotify.playback_pause().send().unwrap_err());
    assert_no_device(
        spotify
            .playback_start_tracks([SOME_TRACK])
            .send()
            .unwrap_err(),
    );
    assert_no_device(spotify.playback_next().send().unwrap_err());

    let devices = spotify.playback_devices().send().unwrap();
    assert_eq!(last(&mock).path, "/v1/me/player/devices");
    assert_eq!(devices.len(), 2);
    assert_eq!(devices[0].kind, DeviceType::Speaker);
    assert!(devices.iter().all(|d| !d.is_active));

    spotify
        .playback_transfer(KITCHEN_SPEAKER)
        .force_play(true)
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("PUT", "/v1/me/player")
    );
    assert_eq!(
        r.body_json(),
        json!({"device_ids": [KITCHEN_SPEAKER], "play": true})
    );
    let state = spotify
        .playback()
        .market("SE")
        .send()
        .unwrap()
        .expect("playing now");
    assert_eq!(state.device.id.as_deref(), Some(KITCHEN_SPEAKER));
    assert!(state.device.is_active && state.is_playing);
    assert_eq!(state.item.as_ref().unwrap().name(), "Points of Authority");
    assert_eq!(state.context.as_ref().unwrap().kind, ContextType::Album);
    assert_eq!(state.repeat_state, RepeatState::Off);
    assert!(state.actions.disallows.resuming);

    let err = spotify
        .playback_transfer("no-such-device")
        .send()
        .unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert_invalid_input(
        spotify.playback_transfer(" ").send().unwrap_err(),
        "device_ids",
    );
}

#[test]
fn start_tracks_and_contexts() {
    let mock = MockServer::start();
    let spotify = user(&mock);
    let ids = hybrid_ids(&spotify);
    spotify
        .playback_start_tracks([ids[0].as_str(), &format!("spotify:episode:{MOCK_EPISODE}")])
        .offset_position(1)
        .position_ms(5000)
        .device_id(LAPTOP)
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("PUT", "/v1/me/player/play")
    );
    assert_eq!(r.query_value("device_id"), Some(LAPTOP));
    assert_eq!(
        r.body_json(),
        json!({"uris": [format!("spotify:track:{}", ids[0]), format!("spotify:episode:{MOCK_EPISODE}")],
               "offset": {"position": 1}, "position_ms": 5000})
    );
    let now = spotify
        .playback_currently_playing()
        .send()
        .unwrap()
        .unwrap();
    assert_eq!(now.currently_playing_type, CurrentlyPlayingType::Episode);
    assert_eq!(
        now.item.as_ref().unwrap().as_episode().unwrap().id,
        MOCK_EPISODE
    );
    assert_eq!(now.progress_ms, Some(5000));
    assert_eq!(now.context, None);

    spotify
        .playback_start_context(&format!("https://open.spotify.com/album/{HYBRID_THEORY}"))
        .offset_uri(&ids[7])
        .send()
        .unwrap();
    assert_eq!(
        last(&mock).body_json(),
        json!({"context_uri": format!("spotify:album:{HYBRID_THEORY}"), "offset": {"uri": format!("spotify:track:{}", ids[7])}})
    );
    let state = spotify.playback().send().unwrap().unwrap();
    assert_eq!(state.item.as_ref().unwrap().name(), "In the End");
    assert_eq!(
        state.context.as_ref().unwrap().uri,
        format!("spotify:album:{HYBRID_THEORY}")
    );
    assert_eq!(state.device.id.as_deref(), Some(LAPTOP));

    spotify
        .playback_start_context(&format!("spotify:playlist:{MORNING_MIX}"))
        .send()
        .unwrap();
    let now = spotify
        .playback_currently_playing()
        .send()
        .unwrap()
        .unwrap();
    assert_eq!(now.context.as_ref().unwrap().kind, ContextType::Playlist);
    assert_eq!(now.item.as_ref().unwrap().name(), "Papercut");

    let count = mock.request_count();
    assert!(matches!(
        spotify
            .playback_start_context(&format!("spotify:track:{SOME_TRACK}"))
            .send(),
        Err(Error::InvalidId {
            expected: "context URI",
            ..
        })
    ));
    assert_invalid_input(
        spotify
            .playback_start_tracks(Vec::<&str>::new())
            .send()
            .unwrap_err(),
        "uris",
    );
    assert_eq!(mock.request_count(), count);
}

#[test]
fn remote_control_commands() {
    let mock = MockServer::start();
    let spotify = user(&mock);
    spotify.playback_transfer(KITCHEN_SPEAKER).send().unwrap();
    let state = || spotify.playback().send().unwrap().unwrap();
    assert!(!state().is_playing, "transfer keeps the paused state");

    spotify.playback_resume().send().unwrap();
    let r = last(&mock);
    assert_eq!(
        (r.method.as_str(), r.path.as_str(), r.body.len()),
        ("PUT", "/v1/me/player/play", 0)
    );
    assert!(state().is_playing);
    spotify
        .playback_pause()
        .device_id(KITCHEN_SPEAKER)
        .send()
        .unwrap();
    assert_eq!(last(&mock).query_value("device_id"), Some(KITCHEN_SPEAKER));
    assert!(!state().is_playing);

    spotify.playback_next().send().unwrap();
    assert_eq!(
        (last(&mock).method.as_str(), last(&mock).path.as_str()),
        ("POST", "/v1/me/player/next")
    );
    assert_eq!(state().item.unwrap().name(), "Crawling");
    spotify.playback_previous().send().unwrap();
    assert_eq!(last(&mock).path, "/v1/me/player/previous");
    assert_eq!(state().item.unwrap().name(), "Points of Authority");
    let err = spotify.playback_previous().send().unwrap_err();
    assert_eq!(err.reason(), Some(&PlayerReason::NoPrevTrack));

    spotify.playback_seek(61_000).send().unwrap();
    assert_eq!(last(&mock).query_value("position_ms"), Some("61000"));
    assert_eq!(state().progress_ms, Some(61_000));
    spotify.playback_repeat(RepeatState::Track).send().unwrap();
    assert_eq!(last(&mock).query_value("state"), Some("track"));
    assert_eq!(state().repeat_state, RepeatState::Track);
    spotify.playback_shuffle(true).send().unwrap();
    assert_eq!(last(&mock).query_value("state"), Some("true"));
    assert!(state().shuffle_state);
    spotify.playback_volume(30).send().unwrap();
    assert_eq!(last(&mock).query_value("volume_percent"), Some("30"));
    assert_eq!(state().device.volume_percent, Some(30));
    spotify.playback_volume(0).send().unwrap();

    let count = mock.request_count();
    assert_invalid_input(
        spotify.playback_volume(101).send().unwrap_err(),
        "volume_percent",
    );
    assert_eq!(mock.request_count(), count);
    let err = spotify
        .playback_repeat(RepeatState::Unknown("album".into()))
        .send()
        .unwrap_err();
    assert_eq!(err.status(), Some(400));
}

#[test]
fn queue_and_queue_add() {
    let mock = MockServer::start();
    let spotify = user(&mock);
    let empty = spotify.playback_queue().send().unwrap();
    assert_eq!(last(&mock).path, "/v1/me/player/queue");
    assert_eq!((empty.currently_playing, empty.queue.len()), (None, 0));
    assert_no_device(spotify.playback_queue_add(SOME_TRACK).send().unwrap_err());

    spotify.playback_transfer(LAPTOP).send().unwrap();
    spotify
        .playback_queue_add(&format!("spotify:episode:{MOCK_EPISODE}"))
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("POST", "/v1/me/player/queue")
    );
    assert_eq!(
        r.query_value("uri"),
        Some(format!("spotify:episode:{MOCK_EPISODE}").as_str())
    );
    let q = spotify.playback_queue().send().unwrap();
    assert_eq!(
        q.currently_playing.as_ref().unwrap().name(),
        "Points of Authority"
    );
    assert!(
        q.queue[0].as_episode().is_some(),
        "queued before the context"
    );
    assert_eq!(q.queue[1].name(), "Crawling");
    spotify.playback_next().send().unwrap();
    let now = spotify
        .playback_currently_playing()
        .send()
        .unwrap()
        .unwrap();
    assert_eq!(now.currently_playing_type, CurrentlyPlayingType::Episode);
    assert!(matches!(
        spotify
            .playback_queue_add(&format!("spotify:album:{HYBRID_THEORY}"))
            .send(),
        Err(Error::InvalidId { .. })
    ));
}

#[test]
fn recently_played_with_cursors() {
    let mock = MockServer::start();
    let spotify = user(&mock);
    let page = spotify.playback_recently_played().limit(2).send().unwrap();
    assert_eq!(last(&mock).path, "/v1/me/player/recently-played");
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.items[0].track.name, "With You");
    assert_eq!(page.items[0].played_at, "2024-01-05T07:56:40.000Z");
    assert_eq!(
        page.items[0].context.as_ref().unwrap().kind,
        ContextType::Album
    );
    assert_eq!(page.items[1].track.name, "One Step Closer");
    assert_eq!(page.items[1].context, None);
    let before = page.cursors.as_ref().unwrap().before.clone().unwrap();
    let older = spotify
        .playback_recently_played()
        .before(&before)
        .send()
        .unwrap();
    assert_eq!(last(&mock).query_value("before"), Some(before.as_str()));
    assert_eq!(older.items.len(), 1);
    assert_eq!(older.items[0].track.name, "Papercut");
    let newer = spotify
        .playback_recently_played()
        .after(&before)
        .send()
        .unwrap();
    assert_eq!(newer.items.len(), 1);
    assert_eq!(newer.items[0].track.name, "With You");
    let all: Vec<PlayHistory> = spotify
        .playback_recently_played()
        .limit(1)
        .items()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(all.len(), 3);
    let err = spotify
        .playback_recently_played()
        .after("1")
        .before("2")
        .send()
        .unwrap_err();
    assert_eq!(err.status(), Some(400));
}

#[test]
fn player_scopes() {
    let mock = MockServer::start();
    let reader = unchecked(&mock, Scope::UserReadCurrentlyPlaying);
    assert_eq!(reader.playback_currently_playing().send().unwrap(), None);
    reader.playback_queue().send().unwrap();
    assert_forbidden(reader.playback_devices().send().unwrap_err());
    assert_forbidden(reader.playback_pause().send().unwrap_err());
    assert_forbidden(reader.playback_recently_played().send().unwrap_err());
}

#[test]
fn saved_episodes_shows_and_audiobooks_list_what_was_saved() {
    let mock = MockServer::start();
    let spotify = user(&mock);
    let episode = format!("spotify:episode:{MOCK_EPISODE}");
    let show = format!("spotify:show:{MOCK_SHOW}");
    spotify.library_save([&episode, &show]).send().unwrap();

    let episodes = spotify
        .saved_episodes()
        .limit(5)
        .market("SE")
        .send()
        .unwrap();
    let req = last(&mock);
    assert_eq!(
        (req.method.as_str(), req.path.as_str()),
        ("GET", "/v1/me/episodes")
    );
    assert_eq!(req.query_value("limit"), Some("5"));
    assert_eq!(req.query_value("market"), Some("SE"));
    assert_eq!(episodes.total, 1);
    assert_eq!(episodes.items[0].episode.id, MOCK_EPISODE);
    assert!(!episodes.items[0].added_at.is_empty());

    let shows = spotify.saved_shows().send().unwrap();
    assert_eq!(last(&mock).path, "/v1/me/shows");
    assert_eq!(shows.items.len(), 1);
    assert_eq!(shows.items[0].show.id, MOCK_SHOW);

    let audiobooks = spotify.saved_audiobooks().offset(0).send().unwrap();
    assert_eq!(last(&mock).path, "/v1/me/audiobooks");
    assert_eq!(audiobooks.total, 0);

    // Limits are checked before sending.
    let before = mock.request_count();
    assert_invalid_input(spotify.saved_shows().limit(0).send().unwrap_err(), "limit");
    assert_eq!(mock.request_count(), before);
    // A token without the library scope is refused like Spotify does.
    let narrow = unchecked(&mock, Scopes::from(Scope::UserTopRead));
    assert_forbidden(narrow.saved_audiobooks().send().unwrap_err());
}
