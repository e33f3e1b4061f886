//! Shows what is playing, on which device, and how far along it is.
//!
//!     cargo run --example now_playing
//!
//! Offline the mock's player starts idle, like a Spotify account with no
//! app open: the example shows that, then moves playback to the mock's
//! kitchen speaker (as pressing play there would) and shows it again.
//! With credentials set it only reads your player; it changes nothing.

mod common;

use spotify_blocking::mock::KITCHEN_SPEAKER;
use spotify_blocking::scope::Scope;
use spotify_blocking::{self as sb, Spotify};

fn main() -> Result<(), common::Report> {
    let scopes = Scope::UserReadPlaybackState | Scope::UserModifyPlaybackState;
    let (spotify, mock) = common::user_client(scopes)?;

    println!("Devices:");
    for device in spotify.playback_devices().send()? {
        println!("  {device}");
    }
    show(&spotify)?;

    if mock.is_some() {
        // Offline only: make a device active and start playing on it.
        spotify
            .playback_transfer(KITCHEN_SPEAKER)
            .force_play(true)
            .send()?;
        println!("(Moved playback to the mock's kitchen speaker.)");
        show(&spotify)?;
    }
    Ok(())
}

/// Prints the playback state: `None` means no device is active.
fn show(spotify: &Spotify) -> Result<(), sb::Error> {
    // Spotify answers "204 No Content" when nothing plays anywhere; the
    // crate turns that into `None` rather than an error.
    let Some(state) = spotify.playback().send()? else {
        println!("Nothing is playing: no active device. Open Spotify and press play.");
        return Ok(());
    };
    println!("On {}", state.device);
    // `item` is `None` for adverts and for things Spotify does not describe.
    match &state.item {
        Some(item) => {
            let at = state.progress_ms.unwrap_or(0) / 1000;
            let paused = if state.is_playing { "" } else { " (paused)" };
            println!("Now: {item}, at {}:{:02}{paused}", at / 60, at % 60);
        }
        None => println!(
            "Playing something without details ({})",
            state.currently_playing_type
        ),
    }
    if let Some(context) = &state.context {
        println!("From {context}");
    }
    Ok(())
}
