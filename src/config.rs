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
//!
//! Files are read and written the way tekore's `configparser` does: `=` or
//! `:` between key and value, whole-line `#` and `;` comments (a `#` or
//! `;` inside a value is part of it), indented continuation lines, and
//! `%` interpolation: `%%` in the file is one `%` in the value and
//! `%(KEY)s` is the value of another key of the section (or of
//! `DEFAULT`). Values are written with every `%` doubled, so tekore reads
//! back what was written.

use crate::auth::Credentials;
use crate::error::{Error, Result};
use std::collections::HashSet;
use std::fmt;
use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

/// The section tekore reads and writes by default.
pub(crate) const DEFAULT_SECTION: &str = "DEFAULT";
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

pub(crate) fn config_error(
    file: Option<&Path>,
    section: &str,
    key: Option<&str>,
    message: String,
) -> Error {
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
        check_section(path, section)?;
        let ini = load(path, section)?.ok_or_else(|| {
            config_error(
                Some(path),
                section,
                None,
                "the file does not exist; write it with `Config::write_to_file`".into(),
            )
        })?;
        if !ini.has_section(section) {
            return Err(config_error(
                Some(path),
                section,
                None,
                format!("the file has no section [{section}]"),
            ));
        }
        let get = |key: &str| -> Result<Option<String>> {
            let value = ini
                .get(section, key)
                .map_err(|message| config_error(Some(path), section, Some(key), message))?;
            Ok(value.filter(|v| !v.is_empty()))
        };
        Config::from_lookup((Some(path.to_path_buf()), section.to_owned()), get, |key| {
            config_error(
                Some(path),
                section,
                Some(key),
                "the key is missing or empty".into(),
            )
        })
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
    /// (comments are not), and the file is laid out as tekore writes it;
    /// a refresh token already in the file is kept when this
    /// configuration has none. A `%` in a value is written as `%%`, as
    /// `configparser` needs. The file is replaced atomically (a temporary
    /// file in the same directory, then a rename) and, on Unix, is
    /// readable by its owner only (mode 0600). When `path` is a symbolic
    /// link, the file it points to is replaced and the link is kept. A
    /// value an INI file cannot hold (a line break, surrounding spaces) is
    /// an [`Error::Config`] naming its key, and the file is left as it
    /// was.
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
    /// A section name that is empty or holds `[`, `]` or a control
    /// character (a line break would start another section) is an
    /// [`Error::Config`]; [`from_file_section`](Self::from_file_section)
    /// refuses it the same way.
    ///
    /// ```no_run
    /// use spotify_blocking::Config;
    /// let conf = Config::new("id", "secret", "https://example.com/callback");
    /// conf.write_to_file_section("tekore.cfg", "MY_APP")?;
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn write_to_file_section(&self, path: impl AsRef<Path>, section: &str) -> Result<()> {
        update_file(path.as_ref(), section, &self.pairs())
    }
}

/// Sets `pairs` in `section` of the INI file at `path`, keeping every
/// other section and key: checked values, `%` doubled, written atomically
/// with mode 0600 to the file a link points to. The one writer of config
/// files (the [`Config`] methods and the token store use it).
pub(crate) fn update_file(path: &Path, section: &str, pairs: &[(&str, &str)]) -> Result<()> {
    check_section(path, section)?;
    for (key, value) in pairs {
        if value.chars().any(char::is_control) || value.trim() != *value {
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
    // The file a link points to is the one to replace.
    let target = resolve_links(path)?;
    let mut ini = load(&target, section)?.unwrap_or_default();
    for (key, value) in pairs {
        ini.set(section, key, value.replace('%', "%%"));
    }
    write_atomically(path, &target, ini.text().as_bytes())
}

/// The values of `keys` in `section` (else in `DEFAULT`) of the INI file
/// at `path`, read as [`Config::from_file_section`] reads them (an empty
/// value is `None`); `None` when the file or the section does not exist.
pub(crate) fn read_keys(
    path: &Path,
    section: &str,
    keys: &[&str],
) -> Result<Option<Vec<Option<String>>>> {
    check_section(path, section)?;
    let Some(ini) = load(path, section)? else {
        return Ok(None);
    };
    if !ini.has_section(section) {
        return Ok(None);
    }
    keys.iter()
        .map(|key| {
            let value = ini
                .get(section, key)
                .map_err(|message| config_error(Some(path), section, Some(key), message))?;
            Ok(value.filter(|v| !v.is_empty()))
        })
        .collect::<Result<Vec<_>>>()
        .map(Some)
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

/// Refuses a section name that would not read back as itself.
fn check_section(path: &Path, section: &str) -> Result<()> {
    if section.is_empty() || section.contains(['[', ']']) || section.chars().any(char::is_control) {
        return Err(config_error(
            Some(path),
            section,
            None,
            "a section name cannot be empty or hold `[`, `]` or a control character \
             (a line break would start another section)"
                .into(),
        ));
    }
    Ok(())
}

/// Parses the file as `configparser` would; `None` when it does not exist.
fn load(path: &Path, section: &str) -> Result<Option<IniFile>> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(file_io(path, "reading", e)),
    };
    let bad = |message: String| config_error(Some(path), section, None, message);
    let text = String::from_utf8(bytes).map_err(|_| bad("the file is not UTF-8 text".into()))?;
    IniFile::parse(&text)
        .map(Some)
        .map_err(|e| bad(format!("the file is not valid INI: {e}")))
}

/// Whitespace as Python's `str.strip` and `\S` see it.
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// How deep `%(name)s` references may nest, as in `configparser`.
const MAX_INTERPOLATION_DEPTH: usize = 10;

/// An INI file as Python's `configparser` (with tekore's settings: keys
/// keep their case) reads and writes it. Values are kept raw, as in the
/// file; [`IniFile::get`] interpolates.
#[derive(Debug, Default)]
struct IniFile {
    /// Whether the file has a `[DEFAULT]` header.
    has_default: bool,
    defaults: Vec<(String, String)>,
    sections: Vec<(String, Vec<(String, String)>)>,
}

/// Options of one section while parsing: each value as its lines.
type RawOptions = Vec<(String, Vec<String>)>;

/// Where the parser puts the options it reads.
#[derive(Clone, Copy)]
enum Place {
    Defaults,
    Section(usize),
}

fn options_at<'a>(
    place: Place,
    defaults: &'a mut RawOptions,
    sections: &'a mut [(String, RawOptions)],
) -> &'a mut RawOptions {
    match place {
        Place::Defaults => defaults,
        Place::Section(i) => &mut sections[i].1,
    }
}

/// The name in a `[name]` line (already stripped), as `configparser`'s
/// `\[(?P<header>.+)\]` finds it: up to the last `]`, the rest ignored.
fn section_header(line: &str) -> Option<&str> {
    let rest = line.strip_prefix('[')?;
    let end = rest.rfind(']').filter(|&i| i > 0)?;
    Some(&rest[..end])
}

impl IniFile {
    /// Reads `text` the way `configparser.ConfigParser.read_file` does
    /// (strict, `=` and `:` delimiters, whole-line `#` and `;` comments,
    /// indented continuation lines, empty lines allowed in values). Errors
    /// name the line, never its text (it may hold a secret).
    fn parse(text: &str) -> std::result::Result<IniFile, String> {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let mut has_default = false;
        let mut defaults: RawOptions = Vec::new();
        let mut sections: Vec<(String, RawOptions)> = Vec::new();
        let mut added: HashSet<(String, String)> = HashSet::new();
        let mut place: Option<Place> = None;
        let mut section_name = String::new();
        // The option continuation lines belong to.
        let mut option: Option<usize> = None;
        let mut indent_level = 0;
        // A bad line; configparser reports them after reading the rest.
        let mut deferred: Option<String> = None;
        let body = text.strip_suffix('\n').unwrap_or(&text);
        for (i, line) in body.split('\n').enumerate() {
            let number = i + 1;
            let stripped = line.trim_matches(py_space);
            let comment = stripped.starts_with(['#', ';']);
            if stripped.is_empty() || comment {
                // An empty line may be part of a value; a comment is not.
                if let (false, Some(p), Some(o)) = (comment, place, option) {
                    options_at(p, &mut defaults, &mut sections)[o]
                        .1
                        .push(String::new());
                }
                continue;
            }
            let indent = line.chars().take_while(|c| py_space(*c)).count();
            if let (Some(p), Some(o)) = (place, option) {
                if indent > indent_level {
                    options_at(p, &mut defaults, &mut sections)[o]
                        .1
                        .push(stripped.to_owned());
                    continue;
                }
            }
            indent_level = indent;
            if let Some(header) = section_header(stripped) {
                if header == DEFAULT_SECTION {
                    has_default = true;
                    place = Some(Place::Defaults);
                } else if sections.iter().any(|(n, _)| n == header) {
                    return Err(format!("line {number}: section [{header}] appears twice"));
                } else {
                    sections.push((header.to_owned(), Vec::new()));
                    place = Some(Place::Section(sections.len() - 1));
                }
                section_name = header.to_owned();
                option = None;
                continue;
            }
            let Some(p) = place else {
                return Err(format!(
                    "line {number}: a key comes before the first [section] header"
                ));
            };
            let Some(at) = stripped.find(['=', ':']) else {
                deferred.get_or_insert(format!(
                    "line {number}: neither a [section] header, a `key = value` line nor a comment"
                ));
                continue;
            };
            let key = stripped[..at].trim_end_matches(py_space);
            let value = stripped[at + 1..].trim_matches(py_space);
            if key.is_empty() {
                deferred.get_or_insert(format!("line {number}: a value without a key"));
            }
            if !added.insert((section_name.clone(), key.to_owned())) {
                return Err(format!(
                    "line {number}: key {key:?} appears twice in [{section_name}]"
                ));
            }
            let options = options_at(p, &mut defaults, &mut sections);
            options.push((key.to_owned(), vec![value.to_owned()]));
            option = Some(options.len() - 1);
        }
        if let Some(e) = deferred {
            return Err(e);
        }
        let join = |options: RawOptions| -> Vec<(String, String)> {
            options
                .into_iter()
                .map(|(k, lines)| (k, lines.join("\n").trim_end_matches(py_space).to_owned()))
                .collect()
        };
        Ok(IniFile {
            has_default,
            defaults: join(defaults),
            sections: sections.into_iter().map(|(n, o)| (n, join(o))).collect(),
        })
    }

    fn has_section(&self, section: &str) -> bool {
        if section == DEFAULT_SECTION {
            self.has_default
        } else {
            self.sections.iter().any(|(n, _)| n == section)
        }
    }

    /// The raw value of `key` in `section`, else in `DEFAULT`.
    fn raw(&self, section: &str, key: &str) -> Option<&str> {
        fn find<'a>(options: &'a [(String, String)], key: &str) -> Option<&'a str> {
            options
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        }
        let own = match section {
            DEFAULT_SECTION => None,
            _ => self
                .sections
                .iter()
                .find(|(n, _)| n == section)
                .and_then(|(_, o)| find(o, key)),
        };
        own.or_else(|| find(&self.defaults, key))
    }

    /// The value of `key` in `section` (else in `DEFAULT`), interpolated
    /// as `configparser`'s `BasicInterpolation` does. The error says what
    /// is wrong without quoting the value.
    fn get(&self, section: &str, key: &str) -> std::result::Result<Option<String>, String> {
        let Some(raw) = self.raw(section, key) else {
            return Ok(None);
        };
        let mut out = String::with_capacity(raw.len());
        self.interpolate(section, raw, 1, &mut out)?;
        Ok(Some(out))
    }

    fn interpolate(
        &self,
        section: &str,
        mut rest: &str,
        depth: usize,
        out: &mut String,
    ) -> std::result::Result<(), String> {
        if depth > MAX_INTERPOLATION_DEPTH {
            return Err(format!(
                "`%(name)s` references nest deeper than {MAX_INTERPOLATION_DEPTH} levels \
                 (a key that refers to itself?)"
            ));
        }
        while let Some(at) = rest.find('%') {
            out.push_str(&rest[..at]);
            rest = &rest[at..];
            if let Some(after) = rest.strip_prefix("%%") {
                out.push('%');
                rest = after;
            } else if let Some(after) = rest.strip_prefix("%(") {
                let name = after
                    .find(')')
                    .filter(|&end| end > 0 && after[end + 1..].starts_with('s'))
                    .map(|end| &after[..end])
                    .ok_or_else(|| {
                        "the value has a `%(` that is not a `%(name)s` reference; \
                         write `%%` for a literal `%`"
                            .to_owned()
                    })?;
                rest = &after[name.len() + 2..];
                let value = self.raw(section, name).ok_or_else(|| {
                    let place = match section {
                        DEFAULT_SECTION => "[DEFAULT] has".to_owned(),
                        _ => format!("neither [{section}] nor [DEFAULT] has"),
                    };
                    format!("the value refers to `%({name})s`, but {place} a key {name:?}")
                })?;
                self.interpolate(section, value, depth + 1, out)?;
            } else {
                return Err(
                    "the value has a `%` not followed by `%` or `(`; configparser (and tekore) \
                     read `%%` as a literal `%`"
                        .to_owned(),
                );
            }
        }
        out.push_str(rest);
        Ok(())
    }

    /// Sets the raw value of `key` in `section` (added at the end when new).
    fn set(&mut self, section: &str, key: &str, raw: String) {
        let options = if section == DEFAULT_SECTION {
            self.has_default = true;
            &mut self.defaults
        } else {
            let at = match self.sections.iter().position(|(n, _)| n == section) {
                Some(at) => at,
                None => {
                    self.sections.push((section.to_owned(), Vec::new()));
                    self.sections.len() - 1
                }
            };
            &mut self.sections[at].1
        };
        match options.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = raw,
            None => options.push((key.to_owned(), raw)),
        }
    }

    /// The file as Python's `configparser` (and so tekore) writes it:
    /// `DEFAULT` first when it has keys, then each section in order; each
    /// is `[NAME]`, its `KEY = value` lines (the lines after the first of
    /// a value indented with a tab) and a blank line.
    fn text(&self) -> String {
        let mut text = String::new();
        let mut section = |name: &str, options: &[(String, String)]| {
            text.push_str(&format!("[{name}]\n"));
            for (key, value) in options {
                text.push_str(&format!("{key} = {}\n", value.replace('\n', "\n\t")));
            }
            text.push('\n');
        };
        if !self.defaults.is_empty() {
            section(DEFAULT_SECTION, &self.defaults);
        }
        for (name, options) in &self.sections {
            section(name, options);
        }
        text
    }
}

/// Follows `path` through symbolic links to the file they end at (which
/// may not exist yet); at most 40 links, as Linux allows.
pub(crate) fn resolve_links(path: &Path) -> Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current).map_err(|e| file_io(path, "reading", e))?;
                current = match current.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(file_io(
        path,
        "writing",
        std::io::Error::other("too many levels of symbolic links"),
    ))
}

pub(crate) fn file_io(path: &Path, doing: &str, source: std::io::Error) -> Error {
    Error::Io {
        context: format!("{doing} config file {}", path.display()),
        source,
    }
}

/// Writes a temporary file next to `target` (mode 0600 on Unix), then
/// renames it over `target`; the temporary file is removed on failure.
/// Errors name `path`, the file the caller asked for.
fn write_atomically(path: &Path, target: &Path, data: &[u8]) -> Result<()> {
    let name = target
        .file_name()
        .ok_or_else(|| file_io(path, "writing", ErrorKind::InvalidInput.into()))?;
    let dir = match target.parent() {
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
        fs::rename(&tmp, target)
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
    fn headers_and_lines_as_configparser_reads_them() {
        assert_eq!(section_header("[a]b]"), Some("a]b"));
        assert_eq!(section_header("[a] ; note"), Some("a"));
        assert_eq!(section_header("[ spaced ]"), Some(" spaced "));
        assert_eq!(section_header("[]"), None);
        assert_eq!(section_header("[]]"), Some("]"));
        let ini = IniFile::parse("[DEFAULT]\nA = 1\n[S]\nB : %(A)s%%\n\tmore\n").unwrap();
        assert_eq!(ini.get("S", "B").unwrap().as_deref(), Some("1%\nmore"));
        assert_eq!(ini.get("S", "A").unwrap().as_deref(), Some("1"));
        assert!(IniFile::parse("[S]\n[]\n").unwrap_err().contains("line 2"));
        assert!(
            IniFile::parse("[S]\n= v\n")
                .unwrap_err()
                .contains("without a key")
        );
        assert!(IniFile::parse("[S]\n[S]\n").unwrap_err().contains("twice"));
        assert!(IniFile::parse("[S]\nsecret-value\n").is_err_and(|e| !e.contains("secret")));
    }

    #[test]
    fn missing_refresh_names_the_key() {
        let err = Config::new("a", "b", "c").user_refresh().unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("SPOTIFY_USER_REFRESH"), "{msg}");
        assert!(msg.contains("Config::write_to_file"), "{msg}");
    }
}
