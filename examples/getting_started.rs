//! tekore's "Getting started", in Rust: app token, album, user login, top
//! tracks, playback, and a config file that brings the login back.
//!
//! Offline (no SPOTIFY_CLIENT_ID / SPOTIFY_CLIENT_SECRET set) it runs on the
//! embedded mock; with them (and SPOTIFY_REDIRECT_URI) it talks to Spotify.
//! The first run logs in and saves the login to `tekore.cfg` in the working
//! directory; the next run reads it, refreshes the token and skips the login.
//!
//!     cargo run --example getting_started

mod common;

use spotify_blocking::mock::{CLIENT_ID, CLIENT_SECRET};
use spotify_blocking::{self as sb, PlayerReason, Spotify, scope};
use std::path::Path;

fn main() -> Result<(), common::Report> {
    let mock = common::credentials().is_none().then(common::start_mock);
    let (client_id, client_secret) =
        common::credentials().unwrap_or((CLIENT_ID.into(), CLIENT_SECRET.into()));
    let redirect_uri = common::redirect_uri();
    // Real Spotify, or the same calls pointed at the mock.
    let creds = match &mock {
        Some(m) => m.credentials(),
        None => sb::Credentials::new(&client_id, &client_secret),
    };
    let builder = mock.as_ref().map_or_else(Spotify::builder, |m| m.builder());

    // 1. An app token, and an album.
    let app_token = creds.request_client_token()?;
    let spotify = builder.build(app_token);
    let album = spotify.album("3RBULTZJ97bvVzZLpxcB0j").send()?;
    for track in &album.tracks.items {
        println!("{} {}", track.track_number, track.name);
    }
    println!("{album}"); // one line
    println!("{album:#}"); // its fields; `full_tree(&album)` unfolds every level

    // 2. The user's token: refreshed from tekore.cfg when an earlier run
    //    saved it there, otherwise a login, saved for the next run.
    let (path, scopes) = (Path::new("tekore.cfg"), scope::every());
    let user_token = if path.exists() {
        let conf = sb::config_from_file(path)?;
        if conf.client_id != client_id {
            return Err("tekore.cfg holds another app's login; move it away first".into());
        }
        let token = creds.refresh_user_token(conf.user_refresh()?)?;
        sb::config_to_file(path, &conf.with_refresh(token.refresh_token()))?; // it may be new
        println!("Found tekore.cfg: refreshed the saved login, no need to log in.");
        token
    } else {
        let token = match &mock {
            None => sb::prompt_for_user_token(&client_id, &client_secret, &redirect_uri, scopes)?,
            Some(m) => common::mock_login(m, &redirect_uri, scopes)?,
        };
        let conf = sb::Config::new(&client_id, &client_secret, &redirect_uri)
            .with_refresh(token.refresh_token());
        sb::config_to_file(path, &conf)?; // mode 0600: it holds the secret
        println!("Logged in; saved the login to tekore.cfg for the next run.");
        token
    };
    spotify.set_token(user_token);

    // 3. Their top tracks, and playback (which needs an active device).
    let tracks = spotify.current_user_top_tracks().limit(10).send()?;
    for track in &tracks.items {
        println!("{}", track.name);
    }
    let finger = &tracks.items[0];
    let uri = finger.id.as_deref().unwrap();
    match spotify.playback_start_tracks([uri]).send() {
        Ok(()) => println!("Playing {}", finger.name),
        Err(e) if e.reason() == Some(&PlayerReason::NoActiveDevice) => {
            println!("No active device: open Spotify somewhere, then try again.")
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}
