//! Exports your Liked Songs (the saved tracks of your library) to a CSV
//! file that a spreadsheet opens, with a progress bar on a terminal.
//!
//!     cargo run --example liked_songs_export                 # to liked-songs.csv
//!     cargo run --example liked_songs_export -- liked.csv
//!
//! Offline the mock's library holds two tracks; the example saves three
//! more first, so there is something to export. With credentials set it
//! only reads your library.

mod common;

use indicatif::{ProgressBar, ProgressStyle};
use spotify_blocking::mock::HYBRID_THEORY;
use spotify_blocking::scope::Scope;
use std::io::{IsTerminal, Write};

fn main() -> Result<(), common::Report> {
    env_logger::init(); // RUST_LOG=spotify_blocking=debug: each request on stderr
    let out = std::env::args().nth(1).unwrap_or("liked-songs.csv".into());
    let scopes = Scope::UserLibraryRead | Scope::UserLibraryModify;
    let (spotify, mock) = common::user_client(scopes)?;

    if mock.is_some() {
        // Offline only: like tracks 2 to 4 of an album.
        let album = spotify.album(HYBRID_THEORY).send()?;
        let uris: Vec<&str> = album.tracks.items[1..4]
            .iter()
            .filter_map(|t| t.uri.as_deref())
            .collect();
        spotify.library_save(&uris).send()?;
    }

    // A progress bar on stderr when it is a terminal; none when piped.
    let bar = match std::io::stderr().is_terminal() {
        true => ProgressBar::new(0),
        false => ProgressBar::hidden(),
    };
    bar.set_style(ProgressStyle::with_template("{bar:40} {pos}/{len}")?);
    let mut csv = String::from("added_at,name,artists,album,uri\n");
    // `.items()` fetches page after page (50 tracks each) as it goes.
    let mut liked = spotify.saved_tracks().limit(50).items();
    while let Some(saved) = liked.next() {
        let saved = saved?;
        let track = &saved.track;
        let artists: Vec<&str> = track.artists.iter().map(|a| a.name.as_str()).collect();
        let row = [
            saved.added_at.as_str(),
            &track.name,
            &artists.join(", "),
            &track.album.name,
            track.uri.as_deref().unwrap_or(""),
        ];
        let row: Vec<String> = row.iter().map(|field| csv_field(field)).collect();
        csv.push_str(&row.join(","));
        csv.push('\n');
        let (done, total) = liked.progress(); // and the total Spotify reports
        bar.set_length(total.unwrap_or(done) as u64);
        bar.set_position(done as u64);
    }
    bar.finish_and_clear();
    std::fs::File::create(&out)?.write_all(csv.as_bytes())?;
    let rows = csv.lines().count() - 1;
    println!("Exported {rows} liked songs to {}", out);
    Ok(())
}

/// One CSV field: in quotes when it holds a comma, a quote or a line
/// break, with its quotes doubled (`Say "Hi", Bob` -> `"Say ""Hi"", Bob"`).
fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}
