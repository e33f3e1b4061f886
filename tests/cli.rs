//! The `spotify-blocking` command end to end against the embedded mock:
//! the test starts the binary, plays the browser (the mock's `/authorize`
//! approves or declines at once) and reads what the binary wrote.
//!
//! Every child is killed when its test ends, passes or fails, and every
//! wait has a deadline.

#![cfg(all(feature = "cli", feature = "mock"))]

use spotify_blocking::Config;
use spotify_blocking::mock::{CLIENT_ID, CLIENT_SECRET, MockServer};
use spotify_blocking::scope::{self, Scope, Scopes};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_spotify-blocking");
/// How long any one step may take before the test gives up.
const LIMIT: Duration = Duration::from_secs(30);
/// A redirect URI the mock accepts and nobody listens on.
const REDIRECT: &str = "https://example.com/callback";
/// Every variable the binary reads.
const VARIABLES: &[&str] = &[
    "SPOTIFY_CLIENT_ID",
    "SPOTIFY_CLIENT_SECRET",
    "SPOTIFY_REDIRECT_URI",
    "SPOTIFY_USER_REFRESH",
    "SPOTIFY_BLOCKING_API_URL",
    "SPOTIFY_BLOCKING_ACCOUNTS_URL",
];

/// A fresh, empty directory for one test's config file.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!(
            "spotify-blocking-cli-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn file(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The binary with no `SPOTIFY_*` variable of the test's environment,
/// pointed at the mock, run in `dir`.
fn command(mock: &MockServer, dir: &Path) -> Command {
    let mut c = Command::new(BIN);
    for v in VARIABLES {
        c.env_remove(v);
    }
    c.env("SPOTIFY_BLOCKING_API_URL", mock.api_base())
        .env("SPOTIFY_BLOCKING_ACCOUNTS_URL", mock.accounts_base())
        .current_dir(dir);
    c
}

/// The mock's credentials in the environment.
fn with_mock_credentials(c: &mut Command, redirect_uri: &str) {
    c.env("SPOTIFY_CLIENT_ID", CLIENT_ID)
        .env("SPOTIFY_CLIENT_SECRET", CLIENT_SECRET)
        .env("SPOTIFY_REDIRECT_URI", redirect_uri);
}

/// A running binary. Dropping it kills the process.
struct Running {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    stderr: JoinHandle<String>,
    stdout: JoinHandle<String>,
}

/// What a finished binary left.
struct Finished {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

impl Running {
    fn start(mut c: Command) -> Running {
        let mut child = c
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let (tx, lines) = channel();
        let err = child.stderr.take().unwrap();
        let stderr = std::thread::spawn(move || {
            let mut all = String::new();
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                all.push_str(&line);
                all.push('\n');
                let _ = tx.send(line);
            }
            all
        });
        let mut out = child.stdout.take().unwrap();
        let stdout = std::thread::spawn(move || {
            let mut all = String::new();
            let _ = out.read_to_string(&mut all);
            all
        });
        Running {
            stdin: child.stdin.take(),
            child,
            lines,
            stderr,
            stdout,
        }
    }

    /// The first line on standard error that contains `needle`.
    fn line_with(&self, needle: &str) -> String {
        let deadline = Instant::now() + LIMIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => {}
                Err(e) => panic!("no line with {needle:?} on standard error: {e}"),
            }
        }
    }

    /// The login page's address the binary printed.
    fn login_url(&self, mock: &MockServer) -> String {
        let prefix = format!("{}/authorize?", mock.accounts_base());
        self.line_with(&prefix).trim().to_owned()
    }

    /// Writes one line to standard input and closes it.
    fn paste(&mut self, line: &str) {
        let mut stdin = self.stdin.take().unwrap();
        writeln!(stdin, "{line}").unwrap();
    }

    /// Waits for the exit (closing standard input first).
    fn finish(mut self) -> Finished {
        drop(self.stdin.take());
        let deadline = Instant::now() + LIMIT;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "the binary did not exit in time");
            std::thread::sleep(Duration::from_millis(20));
        };
        // Swap the handles out: `Drop` still runs, on an exited child.
        let stdout = std::mem::replace(&mut self.stdout, std::thread::spawn(String::new));
        let stderr = std::mem::replace(&mut self.stderr, std::thread::spawn(String::new));
        Finished {
            status,
            stdout: stdout.join().unwrap(),
            stderr: stderr.join().unwrap(),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs the binary to its end with nothing on standard input.
fn run(c: Command) -> Finished {
    Running::start(c).finish()
}

/// The query parameter `name` of the mock's recorded `/authorize` request.
fn authorize_param(mock: &MockServer, name: &str) -> Option<String> {
    let req = mock
        .requests()
        .into_iter()
        .find(|r| r.path == "/authorize")?;
    req.query
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
}

/// The form of every `POST /api/token` the mock received.
fn token_forms(mock: &MockServer) -> Vec<String> {
    mock.requests()
        .into_iter()
        .filter(|r| r.path == "/api/token")
        .map(|r| String::from_utf8(r.body).unwrap())
        .collect()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn login_with_a_pasted_address_writes_a_tekore_config_that_whoami_uses() {
    let mock = MockServer::start();
    let dir = TempDir::new("paste");
    let cfg = dir.file("tekore.cfg");
    let mut c = command(&mock, &dir.0);
    with_mock_credentials(&mut c, REDIRECT);
    c.args([
        "login",
        "--no-browser",
        "--scopes",
        "read,user-modify-playback-state",
    ]);
    let mut login = Running::start(c);
    let url = login.login_url(&mock);
    login.line_with("paste it here");
    let redirected = mock.approve(&url);
    assert!(redirected.starts_with(&format!("{REDIRECT}?code=")));
    login.paste(&redirected);
    let done = login.finish();
    assert!(done.status.success(), "{}", done.stderr);

    // What went over the wire: the scopes asked for, one code exchange.
    let wanted = scope::read() | Scope::UserModifyPlaybackState;
    let asked = Scopes::parse(&authorize_param(&mock, "scope").unwrap());
    assert_eq!(asked, wanted);
    let forms = token_forms(&mock);
    assert_eq!(forms.len(), 1, "{forms:?}");
    assert!(
        forms[0].contains("grant_type=authorization_code"),
        "{}",
        forms[0]
    );

    // The file: tekore's keys in [DEFAULT], owner-only.
    let text = std::fs::read_to_string(&cfg).unwrap();
    assert!(text.starts_with("[DEFAULT]\n"), "{text}");
    for line in [
        format!("SPOTIFY_CLIENT_ID = {CLIENT_ID}"),
        format!("SPOTIFY_CLIENT_SECRET = {CLIENT_SECRET}"),
        format!("SPOTIFY_REDIRECT_URI = {REDIRECT}"),
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "{line:?} missing in {text}"
        );
    }
    #[cfg(unix)]
    assert_eq!(mode(&cfg), 0o600);
    let saved = Config::from_file(&cfg).unwrap();
    let refresh = saved.user_refresh().unwrap().to_owned();
    assert!(refresh.starts_with("mock-refresh-"), "{refresh}");
    assert!(done.stdout.contains("Logged in"), "{}", done.stdout);
    assert!(done.stdout.contains(&wanted.to_string()), "{}", done.stdout);

    // whoami, with nothing but the file: the refresh token works.
    mock.clear_requests();
    let mut c = command(&mock, &dir.0);
    c.arg("whoami");
    let who = run(c);
    assert!(who.status.success(), "{}", who.stderr);
    assert!(
        who.stdout.contains("display name: Mock User\n"),
        "{}",
        who.stdout
    );
    assert!(
        who.stdout.contains("user id:      mock-user\n"),
        "{}",
        who.stdout
    );
    assert!(who.stdout.contains(&wanted.to_string()), "{}", who.stdout);
    let forms = token_forms(&mock);
    assert_eq!(forms.len(), 1, "{forms:?}");
    assert!(
        forms[0].contains("grant_type=refresh_token"),
        "{}",
        forms[0]
    );
    assert!(
        forms[0].contains(&format!("refresh_token={refresh}")),
        "{}",
        forms[0]
    );
    assert!(mock.requests().iter().any(|r| r.path == "/v1/me"));

    // No secret in anything printed.
    for out in [&done.stdout, &done.stderr, &who.stdout, &who.stderr] {
        assert!(!out.contains(CLIENT_SECRET), "{out}");
        assert!(!out.contains(&refresh), "{out}");
        assert!(!out.contains("mock-code-"), "{out}");
    }
}

#[test]
fn login_with_loopback_catches_the_redirect_and_saves_the_section() {
    let mock = MockServer::start();
    let dir = TempDir::new("loopback");
    let cfg = dir.file("app.cfg");
    // A free port: bound, then let go for the binary to listen on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let redirect = format!("http://127.0.0.1:{port}/callback");
    let mut c = command(&mock, &dir.0);
    c.args(["login", "--loopback", "--no-browser", "--timeout", "20"])
        .args(["--client-id", CLIENT_ID, "--client-secret", CLIENT_SECRET])
        .args(["--redirect-uri", &redirect, "--scopes", "every"])
        .args(["--config", cfg.to_str().unwrap(), "--section", "MY_APP"]);
    let login = Running::start(c);
    let url = login.login_url(&mock);
    login.line_with("Waiting up to 20 s");
    // Play the browser: the login page redirects, the browser follows.
    let redirected = mock.approve(&url);
    assert!(
        redirected.starts_with(&format!("{redirect}?code=")),
        "{redirected}"
    );
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(LIMIT))
        .build()
        .new_agent();
    let mut page = agent.get(&redirected).call().unwrap();
    assert_eq!(page.status(), 200);
    let body = page.body_mut().read_to_string().unwrap();
    assert!(body.contains("You are logged in"), "{body}");
    let done = login.finish();
    assert!(done.status.success(), "{}", done.stderr);

    let text = std::fs::read_to_string(&cfg).unwrap();
    assert!(text.starts_with("[MY_APP]\n"), "{text}");
    #[cfg(unix)]
    assert_eq!(mode(&cfg), 0o600);
    let saved = Config::from_file_section(&cfg, "MY_APP").unwrap();
    assert_eq!(saved.redirect_uri, redirect);
    assert_eq!(
        Scopes::parse(&authorize_param(&mock, "scope").unwrap()),
        scope::every()
    );
    // The saved refresh token renews.
    let token = mock
        .credentials()
        .refresh_user_token(saved.user_refresh().unwrap())
        .unwrap();
    assert_eq!(token.scopes(), &scope::every());

    let mut c = command(&mock, &dir.0);
    c.args(["whoami", "--config", "app.cfg", "--section", "MY_APP"]);
    let who = run(c);
    assert!(who.status.success(), "{}", who.stderr);
    assert!(
        who.stdout.contains("user id:      mock-user\n"),
        "{}",
        who.stdout
    );
}

#[test]
fn a_denied_login_fails_with_the_reason_and_writes_nothing() {
    let mock = MockServer::start();
    mock.deny_authorization(true);
    let dir = TempDir::new("denied");
    let mut c = command(&mock, &dir.0);
    with_mock_credentials(&mut c, REDIRECT);
    c.args(["login", "--no-browser"]);
    let mut login = Running::start(c);
    let url = login.login_url(&mock);
    let redirected = mock.approve(&url);
    assert!(redirected.contains("error=access_denied"), "{redirected}");
    login.paste(&redirected);
    let done = login.finish();
    assert_eq!(done.status.code(), Some(1), "{}", done.stderr);
    let report: Vec<&str> = done
        .stderr
        .lines()
        .skip_while(|l| !l.starts_with("error:"))
        .collect();
    assert_eq!(
        report,
        [
            "error: the login failed",
            "  caused by: the authorisation was declined (access_denied); run the login again and press \"Agree\" on Spotify's page",
        ],
        "{}",
        done.stderr
    );
    assert!(
        token_forms(&mock).is_empty(),
        "no code exchange after a denial"
    );
    assert!(!dir.file("tekore.cfg").exists());
}

#[test]
fn a_missing_client_id_fails_before_any_request() {
    let mock = MockServer::start();
    let dir = TempDir::new("no-id");
    let mut c = command(&mock, &dir.0);
    c.env("SPOTIFY_CLIENT_SECRET", CLIENT_SECRET)
        .env("SPOTIFY_REDIRECT_URI", REDIRECT)
        .args(["login", "--no-browser"]);
    let done = run(c);
    assert_eq!(done.status.code(), Some(1));
    assert_eq!(
        done.stderr,
        "error: no client ID: pass --client-id, set SPOTIFY_CLIENT_ID, or save SPOTIFY_CLIENT_ID in tekore.cfg [DEFAULT]\n"
    );
    assert_eq!(mock.request_count(), 0);
    assert!(!dir.file("tekore.cfg").exists());

    // A file without the ID: the message says why the file did not count.
    std::fs::write(
        dir.file("tekore.cfg"),
        "[DEFAULT]\nSPOTIFY_CLIENT_SECRET = s\nSPOTIFY_REDIRECT_URI = https://example.com/cb\n",
    )
    .unwrap();
    let mut c = command(&mock, &dir.0);
    c.args(["whoami"]);
    let done = run(c);
    assert_eq!(done.status.code(), Some(1));
    let lines: Vec<&str> = done.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", done.stderr);
    assert!(
        lines[0].starts_with("error: no client ID: pass --client-id"),
        "{}",
        done.stderr
    );
    assert!(
        lines[1].starts_with(
            "  caused by: config file tekore.cfg, section [DEFAULT], key `SPOTIFY_CLIENT_ID`"
        ),
        "{}",
        done.stderr
    );
    assert!(
        !done.stderr.contains("Config {"),
        "no Debug output: {}",
        done.stderr
    );
    assert_eq!(mock.request_count(), 0);
}

#[test]
fn a_bad_redirect_uri_fails_before_any_request() {
    let mock = MockServer::start();
    let dir = TempDir::new("bad-redirect");
    for (flags, needle) in [
        (
            vec!["login", "--redirect-uri", "example.com/callback"],
            "\"example.com/callback\" is not an absolute URL",
        ),
        (
            vec![
                "login",
                "--loopback",
                "--redirect-uri",
                "https://example.com/callback",
            ],
            "is not a loopback redirect URI",
        ),
    ] {
        let mut c = command(&mock, &dir.0);
        with_mock_credentials(&mut c, REDIRECT);
        c.args(&flags).arg("--no-browser");
        let done = run(c);
        assert_eq!(done.status.code(), Some(1), "{flags:?}: {}", done.stderr);
        let last = done.stderr.lines().last().unwrap_or_default();
        assert!(
            last.starts_with("  caused by: invalid argument `redirect_uri`: "),
            "{}",
            done.stderr
        );
        assert!(last.contains(needle), "{}", done.stderr);
        assert!(!dir.file("tekore.cfg").exists());
    }
    assert_eq!(mock.request_count(), 0);
}

#[test]
fn options_win_over_the_environment_which_wins_over_the_file() {
    let mock = MockServer::start();
    let dir = TempDir::new("precedence");
    std::fs::write(
        dir.file("tekore.cfg"),
        "[DEFAULT]\nSPOTIFY_CLIENT_ID = file-id\nSPOTIFY_CLIENT_SECRET = file-secret\n\
         SPOTIFY_REDIRECT_URI = https://file.example/cb\n",
    )
    .unwrap();
    let client_id_asked = |c: Command| {
        // Standard input closes at once: the login stops after the URL.
        let running = Running::start(c);
        let url = running.login_url(&mock);
        let done = running.finish();
        assert_eq!(done.status.code(), Some(1), "{}", done.stderr);
        assert!(done.stderr.contains("the input ended"), "{}", done.stderr);
        let query = url.split_once('?').unwrap().1.to_owned();
        let get = |k: &str| {
            query
                .split('&')
                .find_map(|p| p.strip_prefix(&format!("{k}=")))
                .unwrap()
                .to_owned()
        };
        (get("client_id"), get("redirect_uri"))
    };
    let base = || {
        let mut c = command(&mock, &dir.0);
        c.args(["login", "--no-browser"]);
        c
    };
    assert_eq!(
        client_id_asked(base()),
        ("file-id".into(), "https%3A%2F%2Ffile.example%2Fcb".into())
    );
    let mut c = base();
    c.env("SPOTIFY_CLIENT_ID", "env-id");
    assert_eq!(client_id_asked(c).0, "env-id");
    let mut c = base();
    c.env("SPOTIFY_CLIENT_ID", "env-id")
        .env("SPOTIFY_REDIRECT_URI", "https://env.example/cb")
        .args(["--client-id", "flag-id"]);
    assert_eq!(
        client_id_asked(c),
        ("flag-id".into(), "https%3A%2F%2Fenv.example%2Fcb".into())
    );
    // Nothing was exchanged and the file is as it was.
    assert!(token_forms(&mock).is_empty());
    let saved = Config::from_file(dir.file("tekore.cfg")).unwrap();
    assert_eq!(saved.client_id, "file-id");
}

#[test]
fn whoami_saves_a_refresh_token_spotify_replaced() {
    let mock = MockServer::start();
    mock.rotate_refresh_tokens(true);
    let dir = TempDir::new("rotate");
    let first = mock.user_token(scope::read());
    let old = first.refresh_token().unwrap().to_owned();
    Config::new(CLIENT_ID, CLIENT_SECRET, REDIRECT)
        .with_refresh(Some(&old))
        .write_to_file(dir.file("tekore.cfg"))
        .unwrap();
    let mut c = command(&mock, &dir.0);
    c.arg("whoami");
    let who = run(c);
    assert!(who.status.success(), "{}", who.stderr);
    let saved = Config::from_file(dir.file("tekore.cfg")).unwrap();
    let new = saved.user_refresh().unwrap();
    assert_ne!(new, old);
    // The saved one is the one that works now.
    assert!(mock.credentials().refresh_user_token(&old).is_err());
    assert!(mock.credentials().refresh_user_token(new).is_ok());
}

#[test]
fn whoami_without_a_saved_login_says_to_log_in() {
    let mock = MockServer::start();
    let dir = TempDir::new("no-login");
    Config::new(CLIENT_ID, CLIENT_SECRET, REDIRECT)
        .write_to_file(dir.file("tekore.cfg"))
        .unwrap();
    let mut c = command(&mock, &dir.0);
    c.arg("whoami");
    let done = run(c);
    assert_eq!(done.status.code(), Some(1));
    assert!(
        done.stderr
            .starts_with("error: no saved login: run `spotify-blocking login` first\n"),
        "{}",
        done.stderr
    );
    assert_eq!(mock.request_count(), 0);

    // A revoked one: the renewal fails with Spotify's reason.
    mock.revoke_refresh_tokens();
    let mut c = command(&mock, &dir.0);
    c.arg("whoami")
        .env("SPOTIFY_USER_REFRESH", "mock-refresh-revoked");
    let done = run(c);
    assert_eq!(done.status.code(), Some(1));
    assert!(
        done.stderr.starts_with(
            "error: could not renew the saved login\n  caused by: the refresh token was rejected"
        ),
        "{}",
        done.stderr
    );
}

#[test]
fn scopes_lists_every_scope_with_what_it_allows() {
    let mock = MockServer::start();
    let dir = TempDir::new("scopes");
    let done = run({
        let mut c = command(&mock, &dir.0);
        c.arg("scopes");
        c
    });
    assert!(done.status.success());
    let lines: Vec<&str> = done.stdout.lines().collect();
    for s in Scope::ALL {
        let line = lines
            .iter()
            .find(|l| l.split_whitespace().next() == Some(s.as_str()))
            .unwrap_or_else(|| panic!("no line for {s}: {}", done.stdout));
        let description = s.description().unwrap();
        assert!(line.ends_with(description), "{line}");
        let in_every = scope::every().contains(s);
        assert_eq!(line.contains(" every"), in_every, "{line}");
    }
    assert_eq!(mock.request_count(), 0);
}

#[test]
fn command_line_mistakes_exit_with_2() {
    let mock = MockServer::start();
    let dir = TempDir::new("usage");
    for (args, first) in [
        (vec![], "error: no command given"),
        (
            vec!["logn"],
            "error: unknown command \"logn\"; the commands are login, whoami and scopes",
        ),
        (
            vec!["login", "--scope", "read"],
            "error: `login` has no option --scope",
        ),
        (
            vec!["whoami", "--loopback"],
            "error: `whoami` has no option --loopback",
        ),
        (
            vec!["login", "--scopes", "user-top-write"],
            "error: unknown scope \"user-top-write\" in --scopes; `spotify-blocking scopes` lists them",
        ),
        (
            vec!["login", "--timeout", "soon"],
            "error: cannot parse argument \"soon\": invalid digit found in string",
        ),
        (
            vec!["login", "--api-url", "ftp://x"],
            "error: --api-url must be an http:// or https:// URL, like http://127.0.0.1:8080; got \"ftp://x\"",
        ),
    ] {
        let mut c = command(&mock, &dir.0);
        c.args(&args);
        let done = run(c);
        assert_eq!(done.status.code(), Some(2), "{args:?}: {}", done.stderr);
        assert_eq!(
            done.stderr,
            format!("{first}\nRun `spotify-blocking help` for the usage.\n"),
            "{args:?}"
        );
    }
    let mut c = command(&mock, &dir.0);
    c.args(["login", "--help"]);
    let help = run(c);
    assert!(help.status.success());
    assert!(
        help.stdout.contains("SPOTIFY_BLOCKING_ACCOUNTS_URL"),
        "{}",
        help.stdout
    );
    assert_eq!(mock.request_count(), 0);
}
