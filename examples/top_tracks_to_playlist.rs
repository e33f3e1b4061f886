//! Puts the user's most-played tracks of the last four weeks into a new,
//! private playlist.
//!
//!     cargo run --example top_tracks_to_playlist
//!
//! Offline it runs on the embedded mock. With SPOTIFY_CLIENT_ID and
//! SPOTIFY_CLIENT_SECRET set it logs you in (see examples/common/mod.rs)
//! and really creates the playlist in your account.

mod common;

use spotify_blocking::model::TimeRange;
use spotify_blocking::scope::Scope;

fn main() -> Result<(), common::Report> {
    // Ask only for what this program needs: reading the top tracks, and
    // creating, filling and reading back a private playlist.
    let scopes = Scope::UserTopRead | Scope::PlaylistModifyPrivate | Scope::PlaylistReadPrivate;
    let (spotify, _mock) = common::user_client(scopes)?;

    // Spotify computes top tracks over three periods; take the shortest.
    let top = spotify
        .current_user_top_tracks()
        .time_range(TimeRange::ShortTerm)
        .limit(20)
        .send()?;
    if top.items.is_empty() {
        println!("No top tracks yet: listen to some music first.");
        return Ok(());
    }
    for (rank, track) in top.items.iter().enumerate() {
        println!("{:>2}. {track}", rank + 1);
    }

    // A playlist is created empty ...
    let playlist = spotify
        .playlist_create("My top tracks")
        .public(false)
        .description("Most played in the last four weeks")
        .send()?;
    println!("Created {playlist}");

    // ... and filled with URIs (`spotify:track:...`), up to 100 per call.
    let uris: Vec<&str> = top.items.iter().filter_map(|t| t.uri.as_deref()).collect();
    let snapshot = spotify.playlist_add(&playlist.id, &uris).send()?;
    println!("Added {} tracks ({snapshot})", uris.len());

    // Read it back to see what Spotify stored.
    let stored = spotify.playlist(&playlist.id).send()?;
    println!("Stored: {stored}");
    if let Some(link) = &stored.external_urls.spotify {
        println!("Open it: {link}");
    }
    Ok(())
}
