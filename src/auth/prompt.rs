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
///
/// The browser opener [`UserAuth::prompt`] and [`UserAuth::catch_loopback`]
/// use; pass it to [`UserAuth::prompt_with`] or
/// [`UserAuth::catch_loopback_with`] to replace only their input and
/// output.
///
/// ```no_run
/// use spotify_blocking::{self as sb, Credentials, UserAuth, scope};
///
/// let creds = Credentials::new("id", "secret").redirect_uri("https://example.com/callback");
/// let auth = UserAuth::new(creds, scope::read())?;
/// // The prompt on standard output instead of standard error.
/// let token = auth.prompt_with(&mut std::io::stdin().lock(), &mut std::io::stdout(), sb::open_browser)?;
/// # Ok::<(), sb::Error>(())
/// ```
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

impl UserAuth {
    /// Logs the user in from the terminal: opens Spotify's login page in
    /// the browser with [`open_browser`] (or prints its address when that
    /// fails, for example over SSH), asks on standard error for the
    /// address the browser was redirected to, reads it from standard input
    /// and exchanges its code ([`token_from_redirect`](Self::token_from_redirect)).
    ///
    /// [`prompt_with`](Self::prompt_with) is the same with any reader,
    /// writer and opener.
    ///
    /// ```no_run
    /// use spotify_blocking::{Credentials, UserAuth, scope};
    ///
    /// let creds = Credentials::new("id", "secret").redirect_uri("https://example.com/callback");
    /// let token = UserAuth::new(creds, scope::every())?.prompt()?;
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn prompt(&self) -> Result<Token> {
        let stdin = std::io::stdin();
        self.prompt_with(&mut stdin.lock(), &mut std::io::stderr(), open_browser)
    }

    /// The paste prompt with the given input, output and browser opener:
    /// shows the login page (through `opener`, which says whether it
    /// opened it), writes the instructions to `output`, reads one line
    /// (the address the browser was sent to) from `input`, and exchanges
    /// its code for a token.
    ///
    /// [`prompt`](Self::prompt) is this with standard input, standard
    /// error and [`open_browser`]; tests pass a buffer and a closure. Input
    /// that ends before a line is an [`Error::Io`] and nothing is sent.
    ///
    /// ```
    /// # #[cfg(feature = "mock")] {
    /// use spotify_blocking::mock::MockServer;
    /// use spotify_blocking::{UserAuth, scope};
    ///
    /// let mock = MockServer::start();
    /// let creds = mock.credentials().redirect_uri("https://example.com/callback");
    /// let auth = UserAuth::new(creds, scope::read())?;
    /// let pasted = mock.approve(&auth.url()); // what the user would paste
    /// let mut shown = Vec::new();
    /// let token = auth.prompt_with(&mut pasted.as_bytes(), &mut shown, |_url| false)?;
    /// assert!(String::from_utf8(shown).unwrap().contains(&auth.url()));
    /// assert!(token.refresh_token().is_some());
    /// # }
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn prompt_with(
        &self,
        input: &mut impl BufRead,
        output: &mut impl Write,
        opener: impl FnOnce(&str) -> bool,
    ) -> Result<Token> {
        show_login_page(output, &self.url(), opener)?;
        write!(
            output,
            "After you agree, the browser goes to {} (that page may fail to load; that is fine).\n\
             Copy the whole address from the address bar, paste it here and press Enter:\n",
            self.redirect_uri()
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
        self.token_from_redirect(line.trim())
    }
}

/// The paste prompt with the given input, output and browser opener.
///
/// Deprecated alias of [`UserAuth::prompt_with`]:
/// `prompt_with(&auth, input, output, opener)` is
/// `auth.prompt_with(input, output, opener)`.
#[deprecated(since = "0.2.0", note = "use UserAuth::prompt_with")]
pub fn prompt_with(
    auth: &UserAuth,
    input: &mut impl BufRead,
    output: &mut impl Write,
    opener: impl FnOnce(&str) -> bool,
) -> Result<Token> {
    auth.prompt_with(input, output, opener)
}

/// Logs a user in from the terminal (authorization-code flow): opens
/// Spotify's login page in the browser (or prints its address), asks on
/// standard error for the address the browser was redirected to, reads it
/// from standard input and exchanges the code for a token.
///
/// tekore's name; a shortcut for
/// `UserAuth::new(Credentials::new(client_id, client_secret).redirect_uri(redirect_uri), scopes)?.prompt()`
/// (see [`UserAuth::prompt`]).
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
    UserAuth::new(creds, scopes)?.prompt()
}

/// [`prompt_for_user_token`] with the PKCE flow: no client secret, the
/// login is proven with a random code verifier. Refresh the token with
/// [`refresh_pkce_token`](crate::refresh_pkce_token) or a
/// [`RefreshingToken`](crate::RefreshingToken).
///
/// tekore's name; a shortcut for
/// `UserAuth::pkce(Credentials::public(client_id).redirect_uri(redirect_uri), scopes)?.prompt()`
/// (see [`UserAuth::pkce`] and [`UserAuth::prompt`]).
///
/// ```no_run
/// use spotify_blocking::{self as sb, scope};
/// let token = sb::prompt_for_pkce_token("id", "https://example.com/callback", scope::read())?;
/// # Ok::<(), sb::Error>(())
/// ```
pub fn prompt_for_pkce_token(
    client_id: &str,
    redirect_uri: &str,
    scopes: impl Into<Scopes>,
) -> Result<Token> {
    let creds = Credentials::public(client_id).redirect_uri(redirect_uri);
    UserAuth::pkce(creds, scopes)?.prompt()
}
