//! The terminal login: open the browser, ask for the redirected address,
//! exchange the code.

use super::credentials::Credentials;
use super::scope::Scopes;
use super::token::Token;
use super::user::UserAuth;
use crate::error::{Error, Result};
use std::io::{BufRead, Write};

/// Opens `url` in the user's browser; `false` when that is not possible
/// (no browser found, or the crate was built without the `browser`
/// feature).
pub fn open_browser(url: &str) -> bool {
    #[cfg(feature = "browser")]
    {
        webbrowser::open(url).is_ok()
    }
    #[cfg(not(feature = "browser"))]
    {
        let _ = url;
        false
    }
}

pub(crate) fn io_error(context: &str) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        context: context.to_owned(),
        source,
    }
}

/// Writes where the login page is (opened or to be opened).
pub(crate) fn show_login_page(
    output: &mut impl Write,
    url: &str,
    opener: impl FnOnce(&str) -> bool,
) -> Result<()> {
    let opened = opener(url);
    let head = if opened {
        "Spotify's login page was opened in your browser (if not, open this address):"
    } else {
        "Open this address in your browser to log in to Spotify:"
    };
    write!(output, "{head}\n\n    {url}\n\n").map_err(io_error("writing the login prompt"))
}

/// Runs a login with the given input, output and browser opener: shows
/// the login page, reads one line (the address the browser was sent to),
/// and exchanges its code for a token.
///
/// [`prompt_for_user_token`] is this with standard input, standard error
/// and [`open_browser`]; tests pass a buffer and a closure.
///
/// ```no_run
/// use spotify_blocking::{self as sb, Credentials, UserAuth, scope};
///
/// let creds = Credentials::new("id", "secret").redirect_uri("https://example.com/callback");
/// let auth = UserAuth::new(creds, scope::every())?;
/// let token = sb::prompt_with(&auth, &mut std::io::stdin().lock(), &mut std::io::stderr(), sb::open_browser)?;
/// # Ok::<(), sb::Error>(())
/// ```
pub fn prompt_with(
    auth: &UserAuth,
    input: &mut impl BufRead,
    output: &mut impl Write,
    opener: impl FnOnce(&str) -> bool,
) -> Result<Token> {
    show_login_page(output, &auth.url(), opener)?;
    write!(
        output,
        "After you agree, the browser goes to {} (that page may fail to load; that is fine).\n\
         Copy the whole address from the address bar, paste it here and press Enter:\n",
        auth.redirect_uri()
    )
    .and_then(|()| output.flush())
    .map_err(io_error("writing the login prompt"))?;
    let mut line = String::new();
    let read = input
        .read_line(&mut line)
        .map_err(io_error("reading the pasted address"))?;
    if read == 0 {
        return Err(Error::Io {
            context: "reading the pasted address".into(),
            source: std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "the input ended before an address was pasted",
            ),
        });
    }
    auth.request_user_token(line.trim())
}

fn prompt_terminal(auth: &UserAuth) -> Result<Token> {
    let stdin = std::io::stdin();
    prompt_with(
        auth,
        &mut stdin.lock(),
        &mut std::io::stderr(),
        open_browser,
    )
}

/// Logs a user in from the terminal (authorization-code flow): opens
/// Spotify's login page in the browser (or prints its address), asks on
/// standard error for the address the browser was redirected to, reads it
/// from standard input and exchanges the code for a token.
///
/// `redirect_uri` must be registered in the app's settings. The `state`
/// is random and checked; see [`UserAuth::parse_redirect`].
///
/// ```no_run
/// use spotify_blocking::{self as sb, scope};
/// let token = sb::prompt_for_user_token("id", "secret", "https://example.com/callback", scope::every())?;
/// # Ok::<(), sb::Error>(())
/// ```
pub fn prompt_for_user_token(
    client_id: &str,
    client_secret: &str,
    redirect_uri: &str,
    scopes: impl Into<Scopes>,
) -> Result<Token> {
    let creds = Credentials::new(client_id, client_secret).redirect_uri(redirect_uri);
    prompt_terminal(&UserAuth::new(creds, scopes)?)
}

/// [`prompt_for_user_token`] with the PKCE flow: no client secret, the
/// login is proven with a random code verifier. Refresh the token with
/// [`refresh_pkce_token`](crate::refresh_pkce_token) or a
/// [`RefreshingToken`](crate::RefreshingToken).
pub fn prompt_for_pkce_token(
    client_id: &str,
    redirect_uri: &str,
    scopes: impl Into<Scopes>,
) -> Result<Token> {
    let creds = Credentials::public(client_id).redirect_uri(redirect_uri);
    prompt_terminal(&UserAuth::pkce(creds, scopes)?)
}
