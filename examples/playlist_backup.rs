//! Backs up a playlist twice: as a private copy in your account, and as a
//! JSON file on disk.
//!
//!     cargo run --example playlist_backup                         # the mock's "Morning mix"
//!     cargo run --example playlist_backup -- PLAYLIST backup.json
//!
//! PLAYLIST is an ID, a `spotify:playlist:` URI or an open.spotify.com
//! link; with credentials set and no PLAYLIST, your first playlist. The
//! file goes to the path given, or to playlist-backup.json in the working
//! directory.

mod common;

use indicatif::{ProgressBar, ProgressStyle};
use spotify_blocking::mock::MORNING_MIX;
use spotify_blocking::scope::Scope;
use std::io::IsTerminal;

fn main() -> Result<(), common::Report> {
    let mut args = std::env::args().skip(1);
    let scopes = Scope::PlaylistReadPrivate | Scope::PlaylistModifyPrivate;
    let (spotify, mock) = common::user_client(scopes)?;
    let source = match (args.next(), &mock) {
        (Some(given), _) => given,
        (None, Some(_)) => MORNING_MIX.to_owned(),
        (None, None) => match spotify.playlists().limit(1).send()?.items.pop() {
            Some(first) => first.id,
            None => return Err("you have no playlists to back up".into()),
        },
    };
    let out = args.next().unwrap_or("playlist-backup.json".into());

    let playlist = spotify.playlist(&source).send()?;
    println!("Backing up {playlist}");
    // A progress bar on stderr when it is a terminal; none when piped.
    let bar = match std::io::stderr().is_terminal() {
        true => ProgressBar::new(0),
        false => ProgressBar::hidden(),
    };
    bar.set_style(ProgressStyle::with_template("{bar:40} {pos}/{len}")?);
    // `.items()` walks every page for us; each step may fail, hence `?`.
    let mut walk = spotify.playlist_items(&playlist.id).items();
    let mut items = Vec::new();
    while let Some(item) = walk.next() {
        items.push(item?);
        let (done, total) = walk.progress(); // and the total Spotify reports
        bar.set_length(total.unwrap_or(done) as u64);
        bar.set_position(done as u64);
    }
    bar.finish_and_clear();

    // The models are `Serialize`: the whole list goes to JSON as it is.
    std::fs::write(&out, serde_json::to_string_pretty(&items)?)?;
    println!("Wrote {} items to {}", items.len(), out);

    // Only Spotify items can be added to a playlist: skip local files and
    // tracks that were removed from Spotify (their `item` is `None`).
    let uris: Vec<&str> = items
        .iter()
        .filter_map(|entry| entry.item.as_ref())
        .filter(|item| !item.is_local())
        .filter_map(|item| item.uri())
        .collect();
    let name = format!("{} (backup)", playlist.name);
    let copy = spotify.playlist_create(&name).public(false).send()?;
    // At most 100 items per call: add them in slices.
    for chunk in uris.chunks(100) {
        spotify.playlist_add(&copy.id, chunk).send()?;
    }
    println!("Copied {} of {} items to {}", uris.len(), items.len(), name);
    Ok(())
}
