//! Saving and loading the app's credentials and a user's refresh token:
//! INI files in tekore's format, and environment variables.
//!
//! A file looks like this (the section is `DEFAULT` unless another is
//! given; a named section falls back to `DEFAULT` for missing keys, as
//! Python's `configparser` does):
//!
//! ```ini
//! [DEFAULT]
//! SPOTIFY_CLIENT_ID = your_client_id
//! SPOTIFY_CLIENT_SECRET = your_client_secret
//! SPOTIFY_REDIRECT_URI = https://example.com/callback
//! SPOTIFY_USER_REFRESH = the_refresh_token
//! ```

use crate::auth::Credentials;
use crate::error::{Error, Result};
use ini::{Ini, ParseOption};
use std::fmt;
use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

/// The section tekore reads and writes by default.
const DEFAULT_SECTION: &str = "DEFAULT";
/// What errors about environment variables name as their section.
pub(crate) const ENVIRONMENT: &str = "environment";

/// The app's client ID, secret and redirect URI, and optionally a user's
/// refresh token. `Debug` hides the secret and the refresh token.
///
/// Read it with [`Config::from_file`], [`Config::from_file_section`] or
/// [`Config::from_env`], write it with [`Config::write_to_file`] or
/// [`Config::write_to_file_section`]. tekore's free functions
/// ([`config_from_file`](crate::config_from_file),
/// [`config_from_environment`](crate::config_from_environment),
/// [`config_to_file`](crate::config_to_file)) are shortcuts for them.
///
/// ```no_run
/// use spotify_blocking::Config;
///
/// let conf = Config::new("id", "secret", "https://example.com/callback")
///     .with_refresh(Some("refresh-token"));
/// conf.write_to_file("tekore.cfg")?;
/// // A later run:
/// let conf = Config::from_file("tekore.cfg")?;
/// let token = conf.credentials().refresh_user_token(conf.user_refresh()?)?;
/// # Ok::<(), spotify_blocking::Error>(())
/// ```
#[derive(Clone)]
pub struct Config {
    /// The app's client ID.
    pub client_id: String,
    /// The app's client secret.
    pub client_secret: String,
    /// The redirect URI registered for the app.
    pub redirect_uri: String,
    user_refresh: Option<String>,
    /// Where the values came from, for errors.
    origin: (Option<PathBuf>, String),
}

impl Config {
    /// The INI key (and environment variable) of the client ID.
    pub const CLIENT_ID_KEY: &'static str = "SPOTIFY_CLIENT_ID";
    /// The INI key (and environment variable) of the client secret.
    pub const CLIENT_SECRET_KEY: &'static str = "SPOTIFY_CLIENT_SECRET";
    /// The INI key (and environment variable) of the redirect URI.
    pub const REDIRECT_URI_KEY: &'static str = "SPOTIFY_REDIRECT_URI";
    /// The INI key (and environment variable) of the user's refresh token.
    pub const USER_REFRESH_KEY: &'static str = "SPOTIFY_USER_REFRESH";

    /// A configuration without a refresh token.
    pub fn new(
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        redirect_uri: impl Into<String>,
    ) -> Config {
        Config {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            redirect_uri: redirect_uri.into(),
            user_refresh: None,
            origin: (None, DEFAULT_SECTION.to_owned()),
        }
    }

    /// Sets (or, with `None`, clears) the user's refresh token; takes
    /// [`Token::refresh_token`](crate::Token::refresh_token) as it is.
    pub fn with_refresh(mut self, refresh_token: Option<&str>) -> Config {
        self.user_refresh = refresh_token.map(str::to_owned);
        self
    }

    /// The user's refresh token, or [`Error::Config`] saying how to get
    /// one when there is none.
    pub fn user_refresh(&self) -> Result<&str> {
        self.user_refresh.as_deref().ok_or_else(|| Error::Config {
            file: self.origin.0.clone(),
            section: self.origin.1.clone(),
            key: Some(Config::USER_REFRESH_KEY.into()),
            message: "no user refresh token is saved; log in once (e.g. with \
                      `UserAuth::prompt` or `prompt_for_user_token`) and save the \
                      token's refresh token with `Config::with_refresh` and \
                      `Config::write_to_file`"
                .into(),
        })
    }

    /// Credentials for these values, with the redirect URI set.
    pub fn credentials(&self) -> Credentials {
        Credentials::new(&self.client_id, &self.client_secret).redirect_uri(&self.redirect_uri)
    }

    fn pairs(&self) -> Vec<(&'static str, &str)> {
        let mut pairs = vec![
            (Config::CLIENT_ID_KEY, self.client_id.as_str()),
            (Config::CLIENT_SECRET_KEY, self.client_secret.as_str()),
            (Config::REDIRECT_URI_KEY, self.redirect_uri.as_str()),
        ];
        if let Some(r) = &self.user_refresh {
            pairs.push((Config::USER_REFRESH_KEY, r));
        }
        pairs
    }
}

impl PartialEq for Config {
    /// Compares the values, not where they came from.
    fn eq(&self, other: &Config) -> bool {
        self.client_id == other.client_id
            && self.client_secret == other.client_secret
            && self.redirect_uri == other.redirect_uri
            && self.user_refresh == other.user_refresh
    }
}

impl Eq for Config {}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("redirect_uri", &self.redirect_uri)
            .field(
                "user_refresh",
                &self.user_refresh.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

fn config_error(file: Option<&Path>, section: &str, key: Option<&str>, message: String) -> Error {
    Error::Config {
        file: file.map(Path::to_path_buf),
        section: section.to_owned(),
        key: key.map(str::to_owned),
        message,
    }
}

impl Config {
    /// Reads the `DEFAULT` section of an INI file in tekore's format.
    ///
    /// A missing file, section or key is an [`Error::Config`] naming the
    /// file, the section and the key. `SPOTIFY_USER_REFRESH` is optional.
    ///
    /// ```no_run
    /// use spotify_blocking::Config;
    /// let conf = Config::from_file("tekore.cfg")?;
    /// let creds = conf.credentials();
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn from_file(path: impl AsRef<Path>) -> Result<Config> {
        Config::from_file_section(path, DEFAULT_SECTION)
    }

    /// Reads one section of an INI file; keys missing from it are taken
    /// from `DEFAULT`, as Python's `configparser` does. A missing section
    /// is an [`Error::Config`] naming it.
    ///
    /// ```no_run
    /// use spotify_blocking::Config;
    /// let conf = Config::from_file_section("tekore.cfg", "MY_APP")?;
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn from_file_section(path: impl AsRef<Path>, section: &str) -> Result<Config> {
        let path = path.as_ref();
        let ini = load(path, section)?.ok_or_else(|| {
            config_error(
                Some(path),
                section,
                None,
                "the file does not exist; write it with `Config::write_to_file`".into(),
            )
        })?;
        let own = ini.section(Some(section));
        let default = ini.section(Some(DEFAULT_SECTION));
        if own.is_none() {
            return Err(config_error(
                Some(path),
                section,
                None,
                format!("the file has no section [{section}]"),
            ));
        }
        let get = |key: &str| {
            own.and_then(|p| p.get(key))
                .or_else(|| default.and_then(|p| p.get(key)))
                .filter(|v| !v.is_empty())
        };
        Config::from_lookup(
            (Some(path.to_path_buf()), section.to_owned()),
            |key| Ok(get(key).map(str::to_owned)),
            |key| {
                config_error(
                    Some(path),
                    section,
                    Some(key),
                    "the key is missing or empty".into(),
                )
            },
        )
    }

    /// Reads `SPOTIFY_CLIENT_ID`, `SPOTIFY_CLIENT_SECRET`,
    /// `SPOTIFY_REDIRECT_URI` and (optionally) `SPOTIFY_USER_REFRESH` from
    /// the environment. A missing or empty variable is an
    /// [`Error::Config`] naming it.
    ///
    /// ```no_run
    /// use spotify_blocking::Config;
    /// let conf = Config::from_env()?;
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn from_env() -> Result<Config> {
        let get = |key: &str| -> Result<Option<String>> {
            match std::env::var(key) {
                Ok(v) if v.is_empty() => Ok(None),
                Ok(v) => Ok(Some(v)),
                Err(std::env::VarError::NotPresent) => Ok(None),
                Err(std::env::VarError::NotUnicode(_)) => Err(config_error(
                    None,
                    ENVIRONMENT,
                    Some(key),
                    format!("environment variable {key} is not valid Unicode"),
                )),
            }
        };
        Config::from_lookup((None, ENVIRONMENT.to_owned()), get, |key| {
            config_error(
                None,
                ENVIRONMENT,
                Some(key),
                format!("environment variable {key} is not set"),
            )
        })
    }

    /// The four values from `get` (`None`: absent or empty); a missing
    /// required one is `missing(key)`.
    fn from_lookup(
        origin: (Option<PathBuf>, String),
        get: impl Fn(&str) -> Result<Option<String>>,
        missing: impl Fn(&str) -> Error,
    ) -> Result<Config> {
        let required = |key: &str| get(key)?.ok_or_else(|| missing(key));
        Ok(Config {
            client_id: required(Config::CLIENT_ID_KEY)?,
            client_secret: required(Config::CLIENT_SECRET_KEY)?,
            redirect_uri: required(Config::REDIRECT_URI_KEY)?,
            user_refresh: get(Config::USER_REFRESH_KEY)?,
            origin,
        })
    }

    /// Writes the configuration to the `DEFAULT` section of an INI file
    /// in tekore's format.
    ///
    /// Other sections and other keys already in the file are kept
    /// (comments are not); a refresh token already in the file is kept
    /// when this configuration has none. The file is replaced atomically
    /// (a temporary file in the same directory, then a rename) and, on
    /// Unix, is readable by its owner only (mode 0600). A value an INI
    /// file cannot hold (a line break, surrounding spaces) is an
    /// [`Error::Config`] naming its key, and the file is left as it was.
    ///
    /// ```no_run
    /// use spotify_blocking::Config;
    /// let conf = Config::new("id", "secret", "https://example.com/callback")
    ///     .with_refresh(Some("refresh-token"));
    /// conf.write_to_file("tekore.cfg")?;
    /// assert_eq!(Config::from_file("tekore.cfg")?, conf);
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn write_to_file(&self, path: impl AsRef<Path>) -> Result<()> {
        self.write_to_file_section(path, DEFAULT_SECTION)
    }

    /// [`write_to_file`](Self::write_to_file) into another section.
    ///
    /// ```no_run
    /// use spotify_blocking::Config;
    /// let conf = Config::new("id", "secret", "https://example.com/callback");
    /// conf.write_to_file_section("tekore.cfg", "MY_APP")?;
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn write_to_file_section(&self, path: impl AsRef<Path>, section: &str) -> Result<()> {
        let path = path.as_ref();
        for (key, value) in self.pairs() {
            if value.chars().any(char::is_control) || value.trim() != value {
                return Err(config_error(
                    Some(path),
                    section,
                    Some(key),
                    "the value has a line break, a control character or surrounding spaces, \
                     which an INI file cannot hold"
                        .into(),
                ));
            }
        }
        let mut ini = load(path, section)?.unwrap_or_default();
        {
            let mut setter = ini.with_section(Some(section));
            for (key, value) in self.pairs() {
                setter.set(key, value);
            }
        }
        write_atomically(path, configparser_text(&ini).as_bytes())
    }
}

/// Reads the `DEFAULT` section of an INI file (tekore's format).
///
/// tekore's name; a shortcut for [`Config::from_file`]`(path)`.
///
/// ```no_run
/// let conf = spotify_blocking::config_from_file("tekore.cfg")?;
/// # Ok::<(), spotify_blocking::Error>(())
/// ```
pub fn config_from_file(path: impl AsRef<Path>) -> Result<Config> {
    Config::from_file(path)
}

/// Reads one section of an INI file, falling back to `DEFAULT`.
///
/// tekore's `config_from_file(path, section)`; a shortcut for
/// [`Config::from_file_section`]`(path, section)`.
pub fn config_from_file_section(path: impl AsRef<Path>, section: &str) -> Result<Config> {
    Config::from_file_section(path, section)
}

/// Reads the configuration from the `SPOTIFY_*` environment variables.
///
/// tekore's name; a shortcut for [`Config::from_env`]`()`.
///
/// ```no_run
/// let conf = spotify_blocking::config_from_environment()?;
/// # Ok::<(), spotify_blocking::Error>(())
/// ```
pub fn config_from_environment() -> Result<Config> {
    Config::from_env()
}

/// Writes the configuration to the `DEFAULT` section of an INI file
/// (atomically, mode 0600, other sections kept).
///
/// tekore's name (with tekore's argument order: the file, then the
/// values); a shortcut for `conf.`[`write_to_file`](Config::write_to_file)`(path)`.
///
/// ```no_run
/// use spotify_blocking::{self as sb, Config};
/// let conf = Config::new("id", "secret", "https://example.com/callback");
/// sb::config_to_file("tekore.cfg", &conf)?;
/// # Ok::<(), sb::Error>(())
/// ```
pub fn config_to_file(path: impl AsRef<Path>, conf: &Config) -> Result<()> {
    conf.write_to_file(path)
}

/// Writes the configuration into one section of an INI file.
///
/// tekore's `config_to_file(path, values, section)`; a shortcut for
/// `conf.`[`write_to_file_section`](Config::write_to_file_section)`(path, section)`.
pub fn config_to_file_section(path: impl AsRef<Path>, conf: &Config, section: &str) -> Result<()> {
    conf.write_to_file_section(path, section)
}

/// The file as Python's `configparser` (and so tekore) writes it: each
/// section is `[NAME]`, its `KEY = value` lines and a blank line. Values
/// are written as they are (no quoting, no escapes). Keys before any
/// section header, which only a hand-edited file has, stay first.
fn configparser_text(ini: &Ini) -> String {
    let mut text = String::new();
    for (section, props) in ini {
        match section {
            Some(name) => text.push_str(&format!("[{name}]\n")),
            None if props.is_empty() => continue,
            None => {}
        }
        for (key, value) in props.iter() {
            text.push_str(&format!("{key} = {value}\n"));
        }
        text.push('\n');
    }
    text
}

/// Parses the file as `configparser` would (no quotes, no escapes);
/// `None` when it does not exist.
fn load(path: &Path, section: &str) -> Result<Option<Ini>> {
    let opt = ParseOption {
        enabled_quote: false,
        enabled_escape: false,
        ..ParseOption::default()
    };
    match Ini::load_from_file_opt(path, opt) {
        Ok(ini) => Ok(Some(ini)),
        Err(ini::Error::Io(e)) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(ini::Error::Io(e)) => Err(file_io(path, "reading", e)),
        Err(ini::Error::Parse(e)) => Err(config_error(
            Some(path),
            section,
            None,
            format!("the file is not valid INI: {e}"),
        )),
    }
}

fn file_io(path: &Path, doing: &str, source: std::io::Error) -> Error {
    Error::Io {
        context: format!("{doing} config file {}", path.display()),
        source,
    }
}

/// Writes a temporary file next to `path` (mode 0600 on Unix), then
/// renames it over `path`; the temporary file is removed on failure.
fn write_atomically(path: &Path, data: &[u8]) -> Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| file_io(path, "writing", ErrorKind::InvalidInput.into()))?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let suffix = crate::random::random_u64();
    let tmp = dir.join(format!(".{}.{suffix:016x}.tmp", name.to_string_lossy()));
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let written = options.open(&tmp).and_then(|mut f| {
        f.write_all(data)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)
    });
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(file_io(path, "writing", e));
    }
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        // Makes the rename durable; a failure here loses nothing written.
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_secrets() {
        let c = Config::new("id", "s3cret", "https://e.com/cb").with_refresh(Some("r3fresh"));
        let d = format!("{c:?}");
        assert!(d.contains("id") && !d.contains("s3cret") && !d.contains("r3fresh"));
    }

    #[test]
    fn missing_refresh_names_the_key() {
        let err = Config::new("a", "b", "c").user_refresh().unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("SPOTIFY_USER_REFRESH"), "{msg}");
        assert!(msg.contains("Config::write_to_file"), "{msg}");
    }
}
