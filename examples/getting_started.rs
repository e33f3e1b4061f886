//! tekore's "Getting started", in Rust: app token, album, user login, top
//! tracks, playback, and a config file that brings the login back.
//!
//! Offline (no SPOTIFY_CLIENT_ID / SPOTIFY_CLIENT_SECRET set) it runs on the
//! embedded mock; with them (and SPOTIFY_REDIRECT_URI) it talks to Spotify.
//!
//!     cargo run --example getting_started

use spotify_blocking::{self as sb, PlayerReason, Spotify, UserAuth, scope};

fn main() -> Result<(), sb::Error> {
    let env = |k: &str| std::env::var(k).ok();
    let live = env("SPOTIFY_CLIENT_ID").zip(env("SPOTIFY_CLIENT_SECRET"));
    let mock = live.is_none().then(sb::mock::MockServer::start);
    if mock.is_some() {
        println!("No SPOTIFY_CLIENT_ID/SPOTIFY_CLIENT_SECRET set: using the offline mock.");
    }
    let (client_id, client_secret) =
        live.unwrap_or(("mock-client-id".into(), "mock-client-secret".into()));
    let redirect_uri = env("SPOTIFY_REDIRECT_URI").unwrap_or("https://example.com/callback".into());
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
    println!("{album:#}"); // every field, as a tree

    // 2. A user logs in: a browser and a pasted URL (the mock approves by itself).
    let user_token = match &mock {
        None => {
            sb::prompt_for_user_token(&client_id, &client_secret, &redirect_uri, scope::every())?
        }
        Some(m) => {
            let auth = UserAuth::new(creds.clone().redirect_uri(&redirect_uri), scope::every())?;
            println!("Offline: the mock approved the login; its redirect URL is parsed as pasted.");
            auth.token_from_redirect(&m.approve(&auth.url()))?
        }
    };
    spotify.set_token(user_token.clone());

    // 3. Their top tracks, and playback (which needs an active device).
    let tracks = spotify.current_user_top_tracks().limit(10).send()?;
    for track in &tracks.items {
        println!("{}", track.name);
    }
    let finger = &tracks.items[0];
    match spotify
        .playback_start_tracks([finger.id.as_deref().unwrap()])
        .send()
    {
        Ok(()) => println!("Playing {}", finger.name),
        Err(e) if e.reason() == Some(&PlayerReason::NoActiveDevice) => {
            println!("No active device: open Spotify somewhere, then try again.")
        }
        Err(e) => return Err(e),
    }

    // 4. Save the login; a later run reads it back and refreshes.
    let path = std::env::temp_dir().join(format!("tekore-{}.cfg", std::process::id()));
    let conf = sb::Config::new(&client_id, &client_secret, &redirect_uri)
        .with_refresh(user_token.refresh_token());
    sb::config_to_file(&path, &conf)?;

    let conf = sb::config_from_file(&path)?;
    let refreshed = creds.refresh_user_token(conf.user_refresh()?)?;
    println!("Refreshed from {}: {refreshed}", path.display());
    let _ = std::fs::remove_file(&path);
    Ok(())
}
