//! Logs in without a browser: reads a tekore config file holding the app's
//! credentials and a user's refresh token, gets a fresh user token, and
//! says who is logged in.
//!
//!     cargo run --example refresh_from_config -- tekore.cfg
//!
//! Such a file is written by `config_to_file` after a first login (see
//! examples/getting_started.rs). Offline (no SPOTIFY_CLIENT_ID /
//! SPOTIFY_CLIENT_SECRET set) the example writes one first, holding a
//! refresh token from the mock, to the path given or to the temp directory.

mod common;

use spotify_blocking::mock::{CLIENT_ID, CLIENT_SECRET};
use spotify_blocking::{self as sb, Config, Spotify, scope};
use std::path::PathBuf;

fn main() -> Result<(), common::Report> {
    let mock = common::credentials().is_none().then(common::start_mock);
    let given = std::env::args().nth(1).map(PathBuf::from);
    let path = match (&given, &mock) {
        (Some(path), _) => path.clone(),
        (None, Some(_)) => std::env::temp_dir().join(format!("tekore-{}.cfg", std::process::id())),
        (None, None) => PathBuf::from("tekore.cfg"),
    };

    if let Some(mock) = &mock {
        // Never overwrite a real config file with the mock's credentials.
        if path.exists() {
            return Err(format!("{} exists: offline, give a new path", path.display()).into());
        }
        // What a first login would have saved.
        let first = mock.user_token(scope::every());
        let conf = Config::new(CLIENT_ID, CLIENT_SECRET, "https://example.com/callback")
            .with_refresh(first.refresh_token());
        sb::config_to_file(&path, &conf)?;
        println!("Wrote {}", path.display());
    }

    // A missing file or key is an error naming the file and the key.
    let conf = sb::config_from_file(&path)?;
    let refresh = conf.user_refresh()?;
    // Online `sb::refresh_user_token(&conf.client_id, &conf.client_secret,
    // refresh)` does the same; the mock needs its own accounts address.
    let (credentials, builder) = match &mock {
        Some(m) => (
            conf.credentials().accounts_base(m.accounts_base()),
            m.builder(),
        ),
        None => (conf.credentials(), Spotify::builder()),
    };
    let token = credentials.refresh_user_token(refresh)?;
    println!("Refreshed: {token}"); // `Display` never shows the secrets

    // Spotify may hand out a new refresh token; keep the file current.
    if let Some(new) = token.refresh_token().filter(|new| *new != refresh) {
        sb::config_to_file(&path, &conf.clone().with_refresh(Some(new)))?;
        println!("Saved the new refresh token to {}", path.display());
    }

    let spotify = builder.build(token);
    let me = spotify.current_user().send()?;
    let name = me.display_name.as_deref().unwrap_or(&me.id);
    println!("Logged in as {name} ({me})");
    if mock.is_some() && given.is_none() {
        std::fs::remove_file(&path)?; // the offline file was only for this run
    }
    Ok(())
}
