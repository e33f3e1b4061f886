//! Keeping a login between runs: the [`TokenStore`] trait the client saves
//! tokens through, and [`FileTokenStore`], which keeps them in a tekore
//! config file.

use super::scope::Scopes;
use super::token::Token;
use crate::config::{self, Config, DEFAULT_SECTION};
use crate::error::{Error, Result};
use std::fmt;
use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Where a login is kept between runs (a file, a database row): the client
/// reads the token from it at start and saves every token it obtains or
/// renews, so a rotated refresh token is never lost.
///
/// Implement [`load`](Self::load) and [`save`](Self::save); the provided
/// [`renew`](Self::renew) re-reads the store before refreshing. Override
/// `renew` to hold a lock across the re-read, the refresh and the save when
/// several processes share the store ([`FileTokenStore`] does).
///
/// A stored [`Token`] carries the access token, its expiry (wall-clock
/// time), the refresh token, the scopes and the login time; rebuild it
/// with [`Token::from_access_token`], [`with_expiry`](Token::with_expiry),
/// [`with_refresh_token`](Token::with_refresh_token),
/// [`with_scopes`](Token::with_scopes) and
/// [`with_login_time`](Token::with_login_time).
///
/// ```
/// use spotify_blocking::{Result, Token, TokenStore};
/// use std::sync::Mutex;
///
/// /// Keeps the login in memory (a real store writes it somewhere).
/// #[derive(Default)]
/// struct Memory(Mutex<Option<Token>>);
///
/// impl TokenStore for Memory {
///     fn load(&self) -> Result<Option<Token>> {
///         Ok(self.0.lock().unwrap().clone())
///     }
///     fn save(&self, token: &Token) -> Result<()> {
///         *self.0.lock().unwrap() = Some(token.clone());
///         Ok(())
///     }
/// }
///
/// let store = Memory::default();
/// store.save(&Token::from_access_token("BQD...").with_refresh_token("AQC..."))?;
/// assert_eq!(store.load()?.unwrap().refresh_token(), Some("AQC..."));
/// # Ok::<(), spotify_blocking::Error>(())
/// ```
pub trait TokenStore: Send + Sync {
    /// The stored token, or `None` when nothing is stored (no login yet).
    fn load(&self) -> Result<Option<Token>>;

    /// Stores `token` in place of the stored one. Called with every token
    /// the client obtains or renews.
    fn save(&self, token: &Token) -> Result<()>;

    /// Renews `current` (expiring, or just refused with a 401): calls
    /// `refresh` with the token to renew and returns the token to use.
    ///
    /// By default it re-reads the store first: a stored token other than
    /// `current` that is not [expiring](Token::is_expiring) was renewed
    /// elsewhere and is returned as it is; otherwise `refresh` renews the
    /// stored token (its refresh token may have been rotated since) or,
    /// when nothing is stored, `current`, and the new token is saved.
    fn renew(
        &self,
        current: &Token,
        refresh: &mut dyn FnMut(&Token) -> Result<Token>,
    ) -> Result<Token> {
        renew_through(self, current, refresh)
    }
}

/// [`TokenStore::renew`]'s default: re-read, reuse or refresh, save.
fn renew_through<S: TokenStore + ?Sized>(
    store: &S,
    current: &Token,
    refresh: &mut dyn FnMut(&Token) -> Result<Token>,
) -> Result<Token> {
    let stored = store.load()?;
    if let Some(s) = &stored {
        if s.access_token != current.access_token && !s.access_token.is_empty() && !s.is_expiring()
        {
            return Ok(s.clone());
        }
    }
    let from = match stored {
        Some(mut s) if s.refresh_token.is_some() || current.refresh_token.is_none() => {
            s.login_time = s.login_time.or(current.login_time);
            s.pkce |= current.pkce;
            s
        }
        _ => current.clone(),
    };
    let new = refresh(&from)?;
    store.save(&new)?;
    Ok(new)
}

/// A [`TokenStore`] in a tekore config file: the refresh token under
/// tekore's key, and the access token, its expiry, the login time and the
/// scopes under keys tekore ignores.
///
/// ```ini
/// [DEFAULT]
/// SPOTIFY_CLIENT_ID = your_client_id
/// SPOTIFY_CLIENT_SECRET = your_client_secret
/// SPOTIFY_REDIRECT_URI = https://example.com/callback
/// SPOTIFY_USER_REFRESH = the_refresh_token
/// SPOTIFY_BLOCKING_ACCESS_TOKEN = the_access_token
/// SPOTIFY_BLOCKING_EXPIRES_AT = 1780000000
/// SPOTIFY_BLOCKING_LOGIN_TIME = 1770000000
/// SPOTIFY_BLOCKING_SCOPES = user-read-private user-top-read
/// ```
///
/// So a rerun within the hour sends no token request at all, and tekore
/// (or [`config_from_file`](crate::config_from_file)) still reads the file.
/// Writes go through the same writer as [`Config::write_to_file`]:
/// atomic, mode 0600, other sections and keys kept, links followed.
///
/// Several processes may share the file: a renewal holds an exclusive
/// advisory lock on a lock file next to it (`tekore.cfg.lock`, kept
/// between runs) while it re-reads the file, refreshes and saves, so only
/// one of them asks Spotify and the others take its token.
///
/// ```no_run
/// use spotify_blocking::{FileTokenStore, Spotify, UserAuth, scope};
/// use std::sync::Arc;
///
/// let store = FileTokenStore::new("tekore.cfg");
/// let creds = store.config()?.credentials();
/// let spotify = Spotify::builder().build_with_store(creds, Arc::new(store), |creds| {
///     UserAuth::new(creds.clone(), scope::read())?.prompt() // first run only
/// })?;
/// println!("{}", spotify.current_user().send()?.id);
/// # Ok::<(), spotify_blocking::Error>(())
/// ```
#[derive(Clone)]
pub struct FileTokenStore {
    path: PathBuf,
    section: String,
}

impl fmt::Debug for FileTokenStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileTokenStore")
            .field("path", &self.path)
            .field("section", &self.section)
            .finish()
    }
}

impl FileTokenStore {
    /// The INI key of the access token.
    pub const ACCESS_TOKEN_KEY: &'static str = "SPOTIFY_BLOCKING_ACCESS_TOKEN";
    /// The INI key of the access token's expiry, in seconds since 1970
    /// (UTC).
    pub const EXPIRES_AT_KEY: &'static str = "SPOTIFY_BLOCKING_EXPIRES_AT";
    /// The INI key of the login time, in seconds since 1970 (UTC).
    pub const LOGIN_TIME_KEY: &'static str = "SPOTIFY_BLOCKING_LOGIN_TIME";
    /// The INI key of the granted scopes, separated by spaces.
    pub const SCOPES_KEY: &'static str = "SPOTIFY_BLOCKING_SCOPES";
    /// The INI key of a digest of the refresh token the other keys belong
    /// to (the first 16 hex digits of its SHA-256): when another program
    /// (tekore, `Config::write_to_file`) saves a new login's refresh token,
    /// the access token, login time and scopes of the old login are no
    /// longer taken for it.
    pub const REFRESH_DIGEST_KEY: &'static str = "SPOTIFY_BLOCKING_REFRESH_DIGEST";

    /// A store in the `DEFAULT` section of the file at `path` (which need
    /// not exist yet).
    pub fn new(path: impl Into<PathBuf>) -> FileTokenStore {
        FileTokenStore {
            path: path.into(),
            section: DEFAULT_SECTION.to_owned(),
        }
    }

    /// Uses another section of the file (defaults to `DEFAULT`); as in
    /// tekore, keys missing from it are read from `DEFAULT`.
    pub fn section(mut self, section: impl Into<String>) -> FileTokenStore {
        self.section = section.into();
        self
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The app's configuration in the same file and section
    /// ([`Config::from_file_section`]).
    pub fn config(&self) -> Result<Config> {
        Config::from_file_section(&self.path, &self.section)
    }

    fn bad_value(&self, key: &str, message: &str) -> Error {
        config::config_error(
            Some(&self.path),
            &self.section,
            Some(key),
            message.to_owned(),
        )
    }

    /// A time stored as seconds since 1970.
    fn time(&self, key: &str, value: Option<String>) -> Result<Option<SystemTime>> {
        let Some(v) = value else { return Ok(None) };
        let secs: u64 = v
            .parse()
            .map_err(|_| self.bad_value(key, "the value is not a number of seconds since 1970"))?;
        UNIX_EPOCH
            .checked_add(Duration::from_secs(secs))
            .map(Some)
            .ok_or_else(|| self.bad_value(key, "the time is out of range"))
    }

    /// Holds the lock file next to the file (the one a link points to)
    /// until the returned handle is dropped.
    fn lock(&self) -> Result<std::fs::File> {
        let target = config::resolve_links(&self.path)?;
        let mut name = target.clone().into_os_string();
        name.push(".lock");
        let lock_path = PathBuf::from(name);
        let io = |doing: &str, source: std::io::Error| Error::Io {
            context: format!("{doing} lock file {}", lock_path.display()),
            source,
        };
        let mut options = OpenOptions::new();
        options.write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(&lock_path).map_err(|e| io("opening", e))?;
        file.lock().map_err(|e| io("locking", e))?;
        Ok(file)
    }
}

/// What [`FileTokenStore::REFRESH_DIGEST_KEY`] holds for a refresh token
/// (`-` for none).
fn refresh_digest(refresh: Option<&str>) -> String {
    use sha2::{Digest, Sha256};
    match refresh {
        Some(r) => Sha256::digest(r.as_bytes())[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
        None => "-".to_owned(),
    }
}

fn unix_secs(t: SystemTime) -> String {
    t.duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs()
        .to_string()
}

impl TokenStore for FileTokenStore {
    /// The stored token: `None` when the file, the section or both the
    /// refresh and the access token are missing. A stored access token
    /// without an expiry counts as expired; one saved with another refresh
    /// token than the file holds now (see
    /// [`REFRESH_DIGEST_KEY`](Self::REFRESH_DIGEST_KEY)) is left out,
    /// with its login time and scopes. A bad number is an
    /// [`Error::Config`] naming the key.
    fn load(&self) -> Result<Option<Token>> {
        let keys = [
            Config::USER_REFRESH_KEY,
            Self::ACCESS_TOKEN_KEY,
            Self::EXPIRES_AT_KEY,
            Self::LOGIN_TIME_KEY,
            Self::SCOPES_KEY,
            Self::REFRESH_DIGEST_KEY,
        ];
        let Some(values) = config::read_keys(&self.path, &self.section, &keys)? else {
            return Ok(None);
        };
        let [
            refresh,
            mut access,
            expires_at,
            mut login_time,
            mut scopes,
            digest,
        ]: [Option<String>; 6] = values.try_into().unwrap_or_default();
        if digest.as_deref() != Some(&refresh_digest(refresh.as_deref())) {
            // Saved for another login (or by another program): only the
            // refresh token is this login's.
            (access, login_time, scopes) = (None, None, None);
        }
        if refresh.is_none() && access.is_none() {
            return Ok(None);
        }
        // No access token, no expiry: the first call renews.
        let expires_at = match access {
            Some(_) => self.time(Self::EXPIRES_AT_KEY, expires_at)?,
            None => None,
        };
        let login_time = self.time(Self::LOGIN_TIME_KEY, login_time)?;
        let mut token = Token::from_access_token(access.unwrap_or_default())
            .with_expiry(expires_at.unwrap_or(UNIX_EPOCH))
            .with_scopes(Scopes::parse(scopes.as_deref().unwrap_or("")));
        if let Some(r) = refresh {
            token = token.with_refresh_token(r);
        }
        if let Some(t) = login_time {
            token = token.with_login_time(t);
        }
        Ok(Some(token))
    }

    /// Writes the token's keys (a token without a refresh token or login
    /// time leaves the stored one as it is; one without an expiry is
    /// stored without one, and so counts as expired when loaded);
    /// everything else in the file is kept.
    fn save(&self, token: &Token) -> Result<()> {
        let expires_at = token.expires_at.map(unix_secs).unwrap_or_default();
        let login_time = token.login_time.map(unix_secs);
        let scopes = token.scopes.to_string();
        let digest = refresh_digest(token.refresh_token.as_deref());
        let mut pairs = vec![
            (Self::REFRESH_DIGEST_KEY, digest.as_str()),
            (Self::ACCESS_TOKEN_KEY, token.access_token.as_str()),
            (Self::EXPIRES_AT_KEY, expires_at.as_str()),
            (Self::SCOPES_KEY, scopes.as_str()),
        ];
        if let Some(r) = &token.refresh_token {
            pairs.push((Config::USER_REFRESH_KEY, r));
        }
        if let Some(t) = &login_time {
            pairs.push((Self::LOGIN_TIME_KEY, t));
        }
        config::update_file(&self.path, &self.section, &pairs)
    }

    /// The default renewal, under an exclusive lock on the file's lock
    /// file: a second process waits, then finds the first one's token.
    fn renew(
        &self,
        current: &Token,
        refresh: &mut dyn FnMut(&Token) -> Result<Token>,
    ) -> Result<Token> {
        let _lock = self.lock()?;
        renew_through(self, current, refresh)
    }
}
