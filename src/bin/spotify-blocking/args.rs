//! The command line: which command, with which options.

use crate::failure::Failure;
use lexopt::prelude::*;
use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

/// What `help` prints.
pub const USAGE: &str = "\
spotify-blocking: log in to Spotify and save a tekore-compatible config

Usage:
  spotify-blocking login  [OPTIONS] [--scopes SCOPES] [--loopback]
  spotify-blocking whoami [OPTIONS]
  spotify-blocking scopes
  spotify-blocking help | --version

Commands:
  login    Open Spotify's login page, take the address the browser is sent
           back to (pasted, or caught with --loopback), and save the client
           ID, secret, redirect URI and the user's refresh token in the config
  whoami   Renew the saved login and print the user it belongs to
  scopes   List every scope and what it allows

Options of login and whoami:
  --config FILE          The config file (tekore's INI format) [default: tekore.cfg]
  --section NAME         The section of the config file [default: DEFAULT]
  --client-id ID         The app's client ID
  --client-secret SECRET The app's client secret (visible to other users of
                         this machine in the process list: prefer the
                         environment or the config file)
  --redirect-uri URI     The redirect URI registered for the app
  --api-url URL          Another Web API base (a mock or a proxy)
                         [default: https://api.spotify.com/v1]
  --accounts-url URL     Another accounts service (a mock or a proxy)
                         [default: https://accounts.spotify.com]

Options of login:
  --scopes SCOPES        `every`, `read`, `write`, or scope names (and those
                         sets) separated by commas or spaces [default: every]
  --loopback             Catch the browser's redirect on the redirect URI,
                         which must be http://127.0.0.1:PORT/path
  --timeout SECONDS      How long --loopback waits for the browser [default: 300]
  --no-browser           Print the login page's address, do not open it
  --show-dialog          Ask the user to approve again even if they did before

Each of the client ID, secret and redirect URI is taken from the option,
else from the environment (SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET,
SPOTIFY_REDIRECT_URI), else from the config file. whoami takes the refresh
token from SPOTIFY_USER_REFRESH, else from the config file. The base URLs
are taken from the option, else from SPOTIFY_BLOCKING_API_URL and
SPOTIFY_BLOCKING_ACCOUNTS_URL, else Spotify's.
";

/// The parsed command line.
pub enum Command {
    Login(LoginArgs),
    Whoami(Common),
    Scopes,
    Help,
    Version,
}

/// The options of `login` and `whoami`.
#[derive(Default)]
pub struct Common {
    pub config: Option<PathBuf>,
    pub section: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    pub redirect_uri: Option<String>,
    pub api_url: Option<String>,
    pub accounts_url: Option<String>,
}

/// The options of `login`.
pub struct LoginArgs {
    pub common: Common,
    /// As given; parsed by `login`.
    pub scopes: String,
    pub loopback: bool,
    pub timeout: Duration,
    pub no_browser: bool,
    pub show_dialog: bool,
}

/// Parses the arguments after the program name.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, Failure> {
    let mut parser = lexopt::Parser::from_args(args);
    let name = match parser.next()? {
        None => return Err(Failure::usage("no command given")),
        Some(Long("help") | Short('h')) => return Ok(Command::Help),
        Some(Long("version") | Short('V')) => return Ok(Command::Version),
        Some(Value(v)) => v.string()?,
        Some(other) => return Err(other.unexpected().into()),
    };
    match name.as_str() {
        "login" => parse_login(&mut parser),
        "whoami" => {
            let mut common = Common::default();
            while let Some(arg) = parser.next()? {
                let arg = Opt::from(arg);
                if arg.is_help() {
                    return Ok(Command::Help);
                }
                if !common.take(&arg, &mut parser)? {
                    return Err(arg.unexpected("whoami"));
                }
            }
            Ok(Command::Whoami(common))
        }
        "scopes" => match parser.next()? {
            None => Ok(Command::Scopes),
            Some(arg) => match Opt::from(arg) {
                arg if arg.is_help() => Ok(Command::Help),
                arg => Err(arg.unexpected("scopes")),
            },
        },
        "help" => Ok(Command::Help),
        other => Err(Failure::usage(format!(
            "unknown command {other:?}; the commands are login, whoami and scopes"
        ))),
    }
}

fn parse_login(parser: &mut lexopt::Parser) -> Result<Command, Failure> {
    let mut a = LoginArgs {
        common: Common::default(),
        scopes: "every".into(),
        loopback: false,
        timeout: Duration::from_secs(300),
        no_browser: false,
        show_dialog: false,
    };
    while let Some(arg) = parser.next()? {
        let arg = Opt::from(arg);
        if arg.is_help() {
            return Ok(Command::Help);
        }
        if a.common.take(&arg, parser)? {
            continue;
        }
        let Opt::Long(name) = &arg else {
            return Err(arg.unexpected("login"));
        };
        match name.as_str() {
            "scopes" => a.scopes = parser.value()?.string()?,
            "loopback" => a.loopback = true,
            "timeout" => {
                let secs: u64 = parser.value()?.parse()?;
                if secs == 0 {
                    return Err(Failure::usage("--timeout must be at least 1 second"));
                }
                a.timeout = Duration::from_secs(secs);
            }
            "no-browser" => a.no_browser = true,
            "show-dialog" => a.show_dialog = true,
            _ => return Err(arg.unexpected("login")),
        }
    }
    Ok(Command::Login(a))
}

impl Common {
    /// Takes `arg` (and its value) if it is a common option.
    fn take(&mut self, arg: &Opt, parser: &mut lexopt::Parser) -> Result<bool, Failure> {
        let Opt::Long(name) = arg else {
            return Ok(false);
        };
        let slot = match name.as_str() {
            "client-id" => &mut self.client_id,
            "client-secret" => &mut self.client_secret,
            "redirect-uri" => &mut self.redirect_uri,
            "section" => &mut self.section,
            "api-url" => &mut self.api_url,
            "accounts-url" => &mut self.accounts_url,
            "config" => {
                self.config = Some(parser.value()?.into());
                return Ok(true);
            }
            _ => return Ok(false),
        };
        *slot = Some(parser.value()?.string()?);
        Ok(true)
    }
}

/// An argument, copied out of the parser so that the parser can be asked
/// for the option's value.
enum Opt {
    Long(String),
    Short(char),
    Value(OsString),
}

impl From<lexopt::Arg<'_>> for Opt {
    fn from(arg: lexopt::Arg<'_>) -> Opt {
        match arg {
            Long(name) => Opt::Long(name.to_owned()),
            Short(c) => Opt::Short(c),
            Value(v) => Opt::Value(v),
        }
    }
}

impl Opt {
    /// `--help` or `-h`, which prints the usage wherever it stands.
    fn is_help(&self) -> bool {
        match self {
            Opt::Long(name) => name == "help",
            Opt::Short(c) => *c == 'h',
            Opt::Value(_) => false,
        }
    }

    /// The mistake of giving this argument to `command`.
    fn unexpected(&self, command: &str) -> Failure {
        Failure::usage(match self {
            Opt::Long(name) => format!("`{command}` has no option --{name}"),
            Opt::Short(c) => format!("`{command}` has no option -{c}"),
            Opt::Value(v) => format!("`{command}` takes no argument {:?}", v.to_string_lossy()),
        })
    }
}
