//! Against the real Spotify: ignored by default, never run by CI.
//!
//! ```sh
//! SPOTIFY_CLIENT_ID=... SPOTIFY_CLIENT_SECRET=... cargo test --all-features --test live -- --ignored
//! ```
//! With `SPOTIFY_USER_REFRESH` (a refresh token with `user-read-private`,
//! `user-top-read` and `user-read-playback-state`) the user tests run too.

use spotify_blocking::model::SearchType;
use spotify_blocking::{self as sb, Spotify};

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("set {name} to run the live tests"))
}

fn app_client() -> Spotify {
    Spotify::builder()
        .build_with_credentials(&env("SPOTIFY_CLIENT_ID"), &env("SPOTIFY_CLIENT_SECRET"))
        .expect("an app token from Spotify")
}

fn user_client() -> Spotify {
    let token = sb::refresh_user_token(
        &env("SPOTIFY_CLIENT_ID"),
        &env("SPOTIFY_CLIENT_SECRET"),
        &env("SPOTIFY_USER_REFRESH"),
    )
    .expect("a refreshed user token");
    Spotify::new(token)
}

#[test]
#[ignore = "talks to Spotify; needs SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET"]
fn live_album_and_its_tracks() {
    let spotify = app_client();
    let album = spotify.album("3RBULTZJ97bvVzZLpxcB0j").send().unwrap();
    assert!(!album.name.is_empty());
    assert_eq!(album.tracks.items.len() as u32, album.total_tracks.min(50));
    let total = album.tracks.total;
    let all: Vec<_> = spotify
        .all_items(album.tracks)
        .map(Result::unwrap)
        .collect();
    assert_eq!(all.len() as u32, total);
}

#[test]
#[ignore = "talks to Spotify; needs SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET"]
fn live_search_respects_the_2026_limit() {
    let spotify = app_client();
    let results = spotify
        .search(
            "artist:Linkin Park",
            &[SearchType::Track, SearchType::Album],
        )
        .limit(10)
        .send()
        .unwrap();
    let tracks = results.tracks.expect("a track page");
    assert!(tracks.items.len() <= 10);
    assert!(results.albums.is_some());
}

#[test]
#[ignore = "talks to Spotify; needs SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET and SPOTIFY_USER_REFRESH"]
fn live_user_profile_top_tracks_and_player() {
    let spotify = user_client();
    let me = spotify.current_user().send().unwrap();
    assert!(!me.id.is_empty());
    let top = spotify.current_user_top_tracks().limit(5).send().unwrap();
    assert!(top.items.len() <= 5);
    // Either something plays, or nothing does: both must parse.
    let _ = spotify.playback().send().unwrap();
}
