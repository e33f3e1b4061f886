//! `login`: the paste prompt or the loopback catcher, then the config.

use crate::args::LoginArgs;
use crate::failure::Failure;
use crate::settings::{CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, Settings};
use spotify_blocking::scope::{self, Scope, Scopes};
use spotify_blocking::{Config, Credentials, UserAuth, open_browser};

pub fn run(args: &LoginArgs) -> Result<(), Failure> {
    let scopes = parse_scopes(&args.scopes)?;
    let mut settings = Settings::load(&args.common)?;
    let client_id = settings.require(&CLIENT_ID, args.common.client_id.as_deref())?;
    let client_secret = settings.require(&CLIENT_SECRET, args.common.client_secret.as_deref())?;
    let redirect_uri = settings.require(&REDIRECT_URI, args.common.redirect_uri.as_deref())?;

    let creds = Credentials::new(&client_id, &client_secret)
        .redirect_uri(&redirect_uri)
        .accounts_base(&settings.accounts_url);
    let auth = UserAuth::new(creds, scopes)
        .map_err(|e| Failure::new("cannot start the login").because(e))?
        .show_dialog(args.show_dialog);
    let no_browser = args.no_browser;
    let opener = |url: &str| !no_browser && open_browser(url);
    let mut stderr = std::io::stderr();
    let token = if args.loopback {
        auth.catch_loopback_with(&mut stderr, opener, args.timeout)
    } else {
        auth.prompt_with(&mut std::io::stdin().lock(), &mut stderr, opener)
    }
    .map_err(|e| Failure::new("the login failed").because(e))?;

    let conf =
        Config::new(client_id, client_secret, redirect_uri).with_refresh(token.refresh_token());
    conf.write_to_file_section(&settings.config, &settings.section)
        .map_err(|e| Failure::new("logged in, but could not save the login").because(e))?;
    println!(
        "Logged in with the scopes: {}\nSaved the client ID, secret, redirect URI and refresh token in {} [{}].\n\
         `spotify-blocking whoami` shows whom the login belongs to.",
        token.scopes(),
        settings.config.display(),
        settings.section
    );
    Ok(())
}

/// `every`, `read`, `write` and scope names, separated by commas or spaces.
fn parse_scopes(text: &str) -> Result<Scopes, Failure> {
    let mut scopes = Scopes::new();
    for name in text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|n| !n.is_empty())
    {
        scopes = match name {
            "every" => scopes | scope::every(),
            "read" => scopes | scope::read(),
            "write" => scopes | scope::write(),
            other => match Scope::parse(other) {
                Scope::Unknown(_) => {
                    return Err(Failure::usage(format!(
                        "unknown scope {other:?} in --scopes; `spotify-blocking scopes` lists them"
                    )));
                }
                known => scopes | known,
            },
        };
    }
    if scopes.is_empty() {
        return Err(Failure::usage(
            "--scopes names no scope; give `every`, `read`, `write` or scope names",
        ));
    }
    Ok(scopes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_and_names_combine() {
        let s = parse_scopes("read, user-modify-playback-state").unwrap();
        assert_eq!(s, scope::read() | Scope::UserModifyPlaybackState);
        assert_eq!(parse_scopes("every").unwrap(), scope::every());
        assert_eq!(
            parse_scopes("read write").unwrap(),
            scope::every(),
            "read and write make every"
        );
    }

    #[test]
    fn unknown_and_empty_lists_are_usage_mistakes() {
        let f = parse_scopes("user-top-read,user-top-write").unwrap_err();
        assert_eq!(f.exit_code(), 2);
        assert!(f.report().contains("\"user-top-write\""), "{}", f.report());
        assert_eq!(parse_scopes(" , ").unwrap_err().exit_code(), 2);
    }
}
