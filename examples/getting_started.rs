//! tekore's "Getting started", in Rust.
//!
//! Offline (no `SPOTIFY_CLIENT_ID` / `SPOTIFY_CLIENT_SECRET` set) it runs
//! against the embedded mock server; with them set it talks to Spotify.
//!
//!     cargo run --example getting_started

use spotify_blocking::{self as sb, Spotify};

fn main() -> Result<(), sb::Error> {
    // Keep the mock alive for the whole run when we use it.
    let (_mock, spotify) = connect()?;

    // Any ID form works: a bare ID, a spotify: URI or an open.spotify.com URL.
    let album = spotify.album("3RBULTZJ97bvVzZLpxcB0j").send()?;
    for track in &album.tracks.items {
        println!("{} {}", track.track_number, track.name);
    }

    println!("{album}"); // one line
    println!("{album:#}"); // every field, as a tree
    Ok(())
}

/// An app token from Spotify, or from the mock when no credentials are set.
fn connect() -> Result<(Option<sb::mock::MockServer>, Spotify), sb::Error> {
    match (
        std::env::var("SPOTIFY_CLIENT_ID"),
        std::env::var("SPOTIFY_CLIENT_SECRET"),
    ) {
        (Ok(id), Ok(secret)) => {
            let app_token = sb::request_client_token(&id, &secret)?;
            Ok((None, Spotify::new(app_token)))
        }
        _ => {
            println!("No SPOTIFY_CLIENT_ID/SPOTIFY_CLIENT_SECRET set: using the offline mock.");
            let mock = sb::mock::MockServer::start();
            let app_token = mock.credentials().request_client_token()?;
            let spotify = mock.builder().build(app_token);
            Ok((Some(mock), spotify))
        }
    }
}
