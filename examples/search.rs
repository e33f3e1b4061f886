//! Searches Spotify's catalogue for tracks and albums at once and prints
//! what it finds, one line each.
//!
//!     cargo run --example search                      # searches "linkin park"
//!     cargo run --example search -- in the end
//!
//! Offline (no SPOTIFY_CLIENT_ID / SPOTIFY_CLIENT_SECRET set) it runs on
//! the embedded mock; with them it asks Spotify. An app token is enough:
//! searching needs no user login.

mod common;

use spotify_blocking::model::SearchType;

fn main() -> Result<(), common::Report> {
    // The words after `--` are the query.
    let words: Vec<String> = std::env::args().skip(1).collect();
    let query = if words.is_empty() {
        "linkin park".to_owned()
    } else {
        words.join(" ")
    };
    // `_mock` keeps the offline mock running until the end of `main`.
    let (spotify, _mock) = common::app_client()?;

    // One call, two kinds: the answer holds one page per kind asked for.
    // Spotify also understands filters: `artist:"Linkin Park" year:2000`.
    let found = spotify
        .search(&query, &[SearchType::Track, SearchType::Album])
        .limit(5) // per kind; Spotify allows 1 to 10
        .send()?;
    println!("Searched for {query:?}: {found}");

    // Each page is an `Option`: `None` for a kind that was not asked for.
    if let Some(tracks) = &found.tracks {
        println!("Tracks ({} found):", tracks.total);
        for track in &tracks.items {
            println!("  {track}"); // `{}` is a one-line summary
        }
    }
    if let Some(albums) = &found.albums {
        println!("Albums ({} found):", albums.total);
        for album in &albums.items {
            println!("  {album}");
        }
    }
    Ok(())
}
