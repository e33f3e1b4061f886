//! `whoami`: renew the saved login and ask Spotify whose it is.

use crate::args::Common;
use crate::failure::Failure;
use crate::settings::{CLIENT_ID, CLIENT_SECRET, Settings};
use spotify_blocking::{Spotify, Token};

pub fn run(args: &Common) -> Result<(), Failure> {
    let mut settings = Settings::load(args)?;
    let client_id = settings.require(&CLIENT_ID, args.client_id.as_deref())?;
    let client_secret = settings.require(&CLIENT_SECRET, args.client_secret.as_deref())?;
    let refresh = settings.refresh_token()?;

    let spotify = Spotify::builder()
        .api_base(&settings.api_url)
        .accounts_base(&settings.accounts_url)
        .build(Token::from_access_token(""));
    let creds = spotify.credentials(&client_id, Some(&client_secret));
    let token = creds
        .refresh_user_token(&refresh)
        .map_err(|e| Failure::new("could not renew the saved login").because(e))?;
    if let (Some(new), Some(file)) = (token.refresh_token(), &settings.file) {
        // Spotify sent a new refresh token: the old one may stop working.
        if new != refresh && file.user_refresh().ok() == Some(refresh.as_str()) {
            file.clone()
                .with_refresh(Some(new))
                .write_to_file_section(&settings.config, &settings.section)
                .map_err(|e| Failure::new("could not save the renewed refresh token").because(e))?;
        }
    }
    let scopes = token.scopes().to_string();
    spotify.set_token(token);
    let me = spotify
        .current_user()
        .send()
        .map_err(|e| Failure::new("could not read the user's profile").because(e))?;
    println!(
        "display name: {}",
        me.display_name.as_deref().unwrap_or("-")
    );
    println!("user id:      {}", me.id);
    if let Some(account) = &me.account_id {
        println!("account id:   {account}");
    }
    println!(
        "scopes:       {}",
        if scopes.is_empty() { "-" } else { &scopes }
    );
    Ok(())
}
