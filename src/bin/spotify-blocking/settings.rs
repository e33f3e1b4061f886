//! Where the command's values come from: each one from its option, else
//! the environment, else the config file.

use crate::args::Common;
use crate::failure::Failure;
use spotify_blocking::{ACCOUNTS_BASE, API_BASE, Config, Error};
use std::path::PathBuf;

/// The environment variable that points the command at another Web API
/// (a mock or a proxy).
pub const API_URL_ENV: &str = "SPOTIFY_BLOCKING_API_URL";
/// The environment variable that points the command at another accounts
/// service (a mock or a proxy).
pub const ACCOUNTS_URL_ENV: &str = "SPOTIFY_BLOCKING_ACCOUNTS_URL";
/// The config file when `--config` is not given (tekore's usual name).
const DEFAULT_CONFIG: &str = "tekore.cfg";
/// The section when `--section` is not given (tekore's).
const DEFAULT_SECTION: &str = "DEFAULT";

/// The command's settings, with the config file read once.
pub struct Settings {
    /// The config file: read, and written by `login`.
    pub config: PathBuf,
    /// Its section.
    pub section: String,
    /// The file's values, when it holds a whole config (client ID, secret
    /// and redirect URI).
    pub file: Option<Config>,
    /// Why the file could not be read, when it exists.
    file_error: Option<Error>,
    /// The Web API base.
    pub api_url: String,
    /// The accounts service base.
    pub accounts_url: String,
}

/// One value to look up: its option, and its environment variable, which
/// is also its key in the config file.
pub struct Value {
    /// What the value is, for messages: "client ID".
    pub what: &'static str,
    /// The option's name without dashes: "client-id".
    pub option: &'static str,
    /// The environment variable and INI key: `SPOTIFY_CLIENT_ID`.
    pub key: &'static str,
}

pub const CLIENT_ID: Value = Value {
    what: "client ID",
    option: "client-id",
    key: Config::CLIENT_ID_KEY,
};
pub const CLIENT_SECRET: Value = Value {
    what: "client secret",
    option: "client-secret",
    key: Config::CLIENT_SECRET_KEY,
};
pub const REDIRECT_URI: Value = Value {
    what: "redirect URI",
    option: "redirect-uri",
    key: Config::REDIRECT_URI_KEY,
};

impl Settings {
    /// Reads the environment's base URLs and the config file, if it exists.
    pub fn load(common: &Common) -> Result<Settings, Failure> {
        let config = common
            .config
            .clone()
            .unwrap_or_else(|| DEFAULT_CONFIG.into());
        let section = common
            .section
            .clone()
            .unwrap_or_else(|| DEFAULT_SECTION.to_owned());
        let (file, file_error) = if config.exists() {
            match Config::from_file_section(&config, &section) {
                Ok(c) => (Some(c), None),
                Err(e) => (None, Some(e)),
            }
        } else {
            (None, None)
        };
        Ok(Settings {
            api_url: base_url(common.api_url.as_deref(), "api-url", API_URL_ENV, API_BASE)?,
            accounts_url: base_url(
                common.accounts_url.as_deref(),
                "accounts-url",
                ACCOUNTS_URL_ENV,
                ACCOUNTS_BASE,
            )?,
            config,
            section,
            file,
            file_error,
        })
    }

    /// The value from its option, else the environment, else the file;
    /// a missing one is a failure saying the three ways to give it (and,
    /// when the file exists but could not be read, why).
    pub fn require(&mut self, value: &Value, flag: Option<&str>) -> Result<String, Failure> {
        if let Some(v) = flag.filter(|v| !v.is_empty()) {
            return Ok(v.to_owned());
        }
        if let Some(v) = env(value.key)? {
            return Ok(v);
        }
        if let Some(file) = &self.file {
            let v = match value.key {
                Config::CLIENT_ID_KEY => &file.client_id,
                Config::CLIENT_SECRET_KEY => &file.client_secret,
                _ => &file.redirect_uri,
            };
            return Ok(v.clone());
        }
        let failure = Failure::new(format!(
            "no {}: pass --{}, set {}, or save {} in {} [{}]",
            value.what,
            value.option,
            value.key,
            value.key,
            self.config.display(),
            self.section
        ));
        Err(match self.file_error.take() {
            Some(e) => failure.because(e),
            None => failure,
        })
    }

    /// The user's refresh token from `SPOTIFY_USER_REFRESH`, else the file.
    pub fn refresh_token(&mut self) -> Result<String, Failure> {
        if let Some(v) = env(Config::USER_REFRESH_KEY)? {
            return Ok(v);
        }
        match (&self.file, self.file_error.take()) {
            (Some(file), _) => file.user_refresh().map(str::to_owned).map_err(|e| {
                Failure::new("no saved login: run `spotify-blocking login` first").because(e)
            }),
            (None, Some(e)) => Err(Failure::new(format!(
                "no saved login: set {} or run `spotify-blocking login`",
                Config::USER_REFRESH_KEY
            ))
            .because(e)),
            (None, None) => Err(Failure::new(format!(
                "no saved login: {} does not exist; run `spotify-blocking login` first \
                 (or set {})",
                self.config.display(),
                Config::USER_REFRESH_KEY
            ))),
        }
    }
}

/// An environment variable; unset and empty are both `None`.
fn env(key: &str) -> Result<Option<String>, Failure> {
    match std::env::var(key) {
        Ok(v) if v.is_empty() => Ok(None),
        Ok(v) => Ok(Some(v)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(Failure::usage(format!(
            "the environment variable {key} is not valid Unicode"
        ))),
    }
}

/// A base URL from its option, else its environment variable, else the
/// default; it must be an `http://` or `https://` URL.
fn base_url(flag: Option<&str>, option: &str, key: &str, default: &str) -> Result<String, Failure> {
    let (url, from) = match (flag, env(key)?) {
        (Some(f), _) => (f.to_owned(), format!("--{option}")),
        (None, Some(e)) => (e, key.to_owned()),
        (None, None) => return Ok(default.to_owned()),
    };
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"));
    match rest {
        Some(host) if !host.is_empty() && !url.contains(char::is_whitespace) => Ok(url),
        _ => Err(Failure::usage(format!(
            "{from} must be an http:// or https:// URL, like http://127.0.0.1:8080; got {url:?}"
        ))),
    }
}
