//! Keeping a login: `TokenStore`, `FileTokenStore` and
//! `SpotifyBuilder::build_with_store` against the mock, two processes
//! sharing one file, and the six-month end of a login.

use spotify_blocking::mock::{CLIENT_ID, CLIENT_SECRET, Fault, MockServer};
use spotify_blocking::{
    Config, Credentials, Error, FileTokenStore, RetryPolicy, Spotify, Token, TokenStore, scope,
};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A fresh, empty directory for one test.
fn fresh_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("token-store-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn token_requests(mock: &MockServer) -> usize {
    mock.requests()
        .iter()
        .filter(|r| r.path == "/api/token")
        .count()
}

/// The bearer tokens the mock's API calls carried, in order.
fn bearers(mock: &MockServer) -> Vec<String> {
    mock.requests()
        .iter()
        .filter(|r| r.path.starts_with("/v1/"))
        .filter_map(|r| r.header("authorization").map(str::to_owned))
        .collect()
}

/// The value of `key` in the file's text.
fn key_in(text: &str, key: &str) -> Option<String> {
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{key} = ")).map(str::to_owned))
}

/// Writes a tekore config (with another section, to see it kept) and a
/// stored login whose access token has expired.
fn expired_login(mock: &MockServer, path: &Path) -> Token {
    Config::new(CLIENT_ID, CLIENT_SECRET, "https://example.com/callback")
        .write_to_file(path)
        .unwrap();
    Config::new("other-id", "other-secret", "https://example.com/other")
        .write_to_file_section(path, "OTHER")
        .unwrap();
    let live = mock.user_token(scope::every());
    let expired = Token::from_access_token("mock-access-expired-0")
        .with_expiry(UNIX_EPOCH + Duration::from_secs(1_000))
        .with_refresh_token(live.refresh_token().unwrap())
        .with_scopes(scope::every())
        .with_login_time(SystemTime::now() - Duration::from_secs(86_400));
    FileTokenStore::new(path).save(&expired).unwrap();
    expired
}

#[test]
fn a_rerun_within_the_hour_sends_no_token_request() {
    let mock = MockServer::start();
    let dir = fresh_dir("rerun");
    let path = dir.join("tekore.cfg");
    Config::new(CLIENT_ID, CLIENT_SECRET, "https://example.com/callback")
        .write_to_file(&path)
        .unwrap();
    let mut logins = 0;
    let mut per_run = Vec::new();
    for _run in 0..2 {
        let store = FileTokenStore::new(&path);
        let creds = store.config().unwrap().credentials();
        let before = token_requests(&mock);
        let spotify = mock
            .builder()
            .build_with_store(creds, Arc::new(store), |creds| {
                logins += 1;
                let auth = spotify_blocking::UserAuth::new(creds.clone(), scope::every())?;
                auth.token_from_redirect(&mock.approve(&auth.url()))
            })
            .unwrap();
        spotify.current_user().send().unwrap();
        per_run.push(token_requests(&mock) - before);
        assert!(spotify.login_expires_in().unwrap() > Duration::from_secs(179 * 86_400));
    }
    // The first run logs in (one code exchange), the second sends none.
    assert_eq!(logins, 1);
    assert_eq!(per_run, [1, 0]);
    let sent = bearers(&mock);
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0], sent[1], "the second run reuses the stored token");

    // tekore's keys and ours, in a file only its owner can read.
    let text = std::fs::read_to_string(&path).unwrap();
    let conf = Config::from_file(&path).unwrap();
    assert_eq!(conf.client_id, CLIENT_ID);
    let refresh = conf.user_refresh().unwrap();
    assert!(refresh.starts_with("mock-refresh-"), "{refresh}");
    let access = key_in(&text, FileTokenStore::ACCESS_TOKEN_KEY).unwrap();
    assert_eq!(sent[0], format!("Bearer {access}"));
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let expires: u64 = key_in(&text, FileTokenStore::EXPIRES_AT_KEY)
        .unwrap()
        .parse()
        .unwrap();
    assert!((now + 3500..=now + 3600).contains(&expires), "{expires}");
    let login: u64 = key_in(&text, FileTokenStore::LOGIN_TIME_KEY)
        .unwrap()
        .parse()
        .unwrap();
    assert!(login <= now && login + 60 > now, "{login}");
    let scopes = key_in(&text, FileTokenStore::SCOPES_KEY).unwrap();
    assert!(scopes.contains("user-top-read"), "{scopes}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn a_rotated_refresh_token_is_saved_and_the_rest_of_the_file_kept() {
    let mock = MockServer::start();
    mock.rotate_refresh_tokens(true);
    let dir = fresh_dir("rotate");
    let path = dir.join("tekore.cfg");
    let expired = expired_login(&mock, &path);
    let old_refresh = expired.refresh_token().unwrap().to_owned();

    let store = Arc::new(FileTokenStore::new(&path));
    let spotify = mock
        .builder()
        .build_with_store(mock.credentials(), store, |_| panic!("no login needed"))
        .unwrap();
    spotify.current_user().send().unwrap();
    assert_eq!(token_requests(&mock), 1);
    let form = mock.requests()[0].body_form();
    assert!(form.contains(&("refresh_token".into(), old_refresh.clone())));

    let conf = Config::from_file(&path).unwrap();
    let new_refresh = conf.user_refresh().unwrap();
    assert_ne!(new_refresh, old_refresh);
    assert_eq!(spotify.token().refresh_token(), Some(new_refresh));
    // The login time is the login's, not the renewal's.
    let stored = FileTokenStore::new(&path).load().unwrap().unwrap();
    assert_eq!(
        stored
            .login_time()
            .unwrap()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs(),
        expired
            .login_time()
            .unwrap()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs()
    );
    assert_eq!(
        Config::from_file_section(&path, "OTHER").unwrap().client_id,
        "other-id"
    );

    // The next run renews with the rotated token (the old one is dead).
    FileTokenStore::new(&path)
        .save(&stored.with_expiry(UNIX_EPOCH))
        .unwrap();
    let again = mock
        .builder()
        .build_with_store(
            mock.credentials(),
            Arc::new(FileTokenStore::new(&path)),
            |_| panic!("no login needed"),
        )
        .unwrap();
    again.current_user().send().unwrap();
    assert_eq!(token_requests(&mock), 2);
}

#[test]
fn a_store_is_asked_again_before_refreshing_and_its_newer_token_used() {
    let mock = MockServer::start();
    let dir = fresh_dir("reread");
    let path = dir.join("tekore.cfg");
    let expired = expired_login(&mock, &path);
    let store = Arc::new(FileTokenStore::new(&path));
    let spotify = mock
        .builder()
        .build_with_store(mock.credentials(), store.clone(), |_| unreachable!())
        .unwrap();
    // Another process renewed the login after this one started.
    let fresh = mock.user_token(scope::every());
    store.save(&fresh).unwrap();
    spotify.current_user().send().unwrap();
    assert_eq!(token_requests(&mock), 0);
    assert_eq!(bearers(&mock), [format!("Bearer {}", fresh.access_token())]);
    assert_ne!(expired.access_token(), fresh.access_token());
}

/// Set in the environment of a child process of
/// `two_processes_sharing_a_file_refresh_once`: the file, the mock and the
/// file to write the used token to.
const CHILD_FILE: &str = "TOKEN_STORE_CHILD_FILE";
const CHILD_MOCK: &str = "TOKEN_STORE_CHILD_MOCK";
const CHILD_OUT: &str = "TOKEN_STORE_CHILD_OUT";

/// The child's part (does nothing in a normal test run): builds a client
/// from the shared file, makes one call and writes the token it used.
#[test]
fn child_process_uses_the_shared_file() {
    let (Ok(file), Ok(mock), Ok(out)) = (
        std::env::var(CHILD_FILE),
        std::env::var(CHILD_MOCK),
        std::env::var(CHILD_OUT),
    ) else {
        return;
    };
    let creds = Credentials::new(CLIENT_ID, CLIENT_SECRET);
    let spotify = Spotify::builder()
        .api_base(format!("{mock}/v1"))
        .accounts_base(&mock)
        .retry(RetryPolicy::default().sleep_with(|_| {}))
        .build_with_store(creds, Arc::new(FileTokenStore::new(file)), |_| {
            panic!("no login needed")
        })
        .unwrap();
    spotify.current_user().send().unwrap();
    std::fs::write(out, spotify.token().access_token()).unwrap();
}

#[test]
fn two_processes_sharing_a_file_refresh_once() {
    let mock = MockServer::start();
    // Rotation makes a second refresh with the old token fail outright.
    mock.rotate_refresh_tokens(true);
    // A slow token endpoint: the second process reaches its renewal while
    // the first one is still waiting for Spotify.
    mock.fault_on("/api/token", Fault::Delay(Duration::from_millis(700)));
    let dir = fresh_dir("two-processes");
    let path = dir.join("tekore.cfg");
    let expired = expired_login(&mock, &path);
    let exe = std::env::current_exe().unwrap();
    let outs: Vec<PathBuf> = (0..2).map(|i| dir.join(format!("child-{i}.out"))).collect();
    let children: Vec<_> = outs
        .iter()
        .map(|out| {
            Command::new(&exe)
                .args(["child_process_uses_the_shared_file", "--exact", "--quiet"])
                .env(CHILD_FILE, &path)
                .env(CHILD_MOCK, mock.url())
                .env(CHILD_OUT, out)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let used: Vec<String> = outs
        .iter()
        .map(|o| std::fs::read_to_string(o).unwrap())
        .collect();
    // One refresh for both, and both use its token.
    assert_eq!(token_requests(&mock), 1);
    assert_eq!(used[0], used[1]);
    assert_ne!(used[0], expired.access_token());
    assert!(used[0].starts_with("mock-access-user-"), "{}", used[0]);
    let stored = FileTokenStore::new(&path).load().unwrap().unwrap();
    assert_eq!(stored.access_token(), used[0]);
    assert_eq!(
        bearers(&mock),
        [format!("Bearer {}", used[0]), format!("Bearer {}", used[0])]
    );
}

#[test]
fn a_rejected_refresh_of_a_six_month_old_login_says_so() {
    let mock = MockServer::start();
    let user = mock.user_token(scope::every());
    let expired = |days: u64| {
        Token::from_access_token("mock-access-expired-0")
            .with_expiry(UNIX_EPOCH)
            .with_refresh_token(user.refresh_token().unwrap())
            .with_login_time(SystemTime::now() - Duration::from_secs(days * 86_400))
    };
    mock.revoke_refresh_tokens();
    for (days, old) in [(200, true), (30, false)] {
        let spotify = mock.builder().build(spotify_blocking::RefreshingToken::new(
            expired(days),
            mock.credentials(),
        ));
        assert_eq!(spotify.login_expires_in().unwrap().is_zero(), old);
        let err = spotify.current_user().send().unwrap_err();
        let Error::RefreshRevoked { login_age, .. } = &err else {
            panic!("{err:?}")
        };
        let age = login_age.unwrap().as_secs() / 86_400;
        assert!((days - 1..=days).contains(&age), "{age}");
        let msg = err.to_string();
        assert!(msg.contains("log in again"), "{msg}");
        assert_eq!(msg.contains("six months after login"), old, "{msg}");
        if old {
            assert!(msg.contains("200 days old"), "{msg}");
        }
    }
    // Without a known login time nothing is guessed.
    let spotify = mock.builder().build(spotify_blocking::RefreshingToken::new(
        Token::from_access_token("x")
            .with_expiry(UNIX_EPOCH)
            .with_refresh_token(user.refresh_token().unwrap()),
        mock.credentials(),
    ));
    assert_eq!(spotify.login_expires_in(), None);
    let err = spotify.current_user().send().unwrap_err();
    assert!(
        matches!(
            err,
            Error::RefreshRevoked {
                login_age: None,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_file_store_without_a_login_loads_none_and_a_bad_number_names_its_key() {
    let dir = fresh_dir("edges");
    let path = dir.join("tekore.cfg");
    assert!(FileTokenStore::new(&path).load().unwrap().is_none());
    Config::new("id", "secret", "https://example.com/callback")
        .write_to_file(&path)
        .unwrap();
    assert!(FileTokenStore::new(&path).load().unwrap().is_none());
    assert!(
        FileTokenStore::new(&path)
            .section("NONE")
            .load()
            .unwrap()
            .is_none()
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let saved = Token::from_access_token("a-secret-1234")
        .with_refresh_token("r-secret-1234")
        .with_expiry(UNIX_EPOCH + Duration::from_secs(2_000_000_000));
    FileTokenStore::new(&path)
        .section("APP")
        .save(&saved)
        .unwrap();
    let saved_text = std::fs::read_to_string(&path).unwrap();
    assert!(
        saved_text.contains("SPOTIFY_BLOCKING_EXPIRES_AT = 2000000000"),
        "{saved_text}"
    );
    std::fs::write(&path, saved_text.replace("= 2000000000", "= soon")).unwrap();
    let err = FileTokenStore::new(&path)
        .section("APP")
        .load()
        .unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    assert!(
        msg.contains("SPOTIFY_BLOCKING_EXPIRES_AT") && msg.contains("[APP]"),
        "{msg}"
    );
    assert!(!msg.contains("secret-1234"), "{msg}");
    // A refresh token alone is a login whose access token has expired.
    std::fs::write(
        &path,
        format!("{text}[APP]\nSPOTIFY_USER_REFRESH = r-secret-1234\n"),
    )
    .unwrap();
    let token = FileTokenStore::new(&path)
        .section("APP")
        .load()
        .unwrap()
        .unwrap();
    assert_eq!(token.refresh_token(), Some("r-secret-1234"));
    assert!(token.is_expiring());
    assert_eq!(token.login_time(), None);
    // A section name that would not read back is refused before writing.
    let err = FileTokenStore::new(&path)
        .section("a]b")
        .save(&token)
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
}

#[test]
fn a_refresh_token_saved_by_another_program_drops_the_old_logins_access_token() {
    let mock = MockServer::start();
    let dir = fresh_dir("relogin");
    let path = dir.join("tekore.cfg");
    let first = mock.user_token(scope::every());
    Config::new(CLIENT_ID, CLIENT_SECRET, "https://example.com/callback")
        .write_to_file(&path)
        .unwrap();
    FileTokenStore::new(&path).save(&first).unwrap();
    let loaded = FileTokenStore::new(&path).load().unwrap().unwrap();
    assert_eq!(loaded.access_token(), first.access_token());
    assert!(!loaded.is_expiring());
    assert!(loaded.login_time().is_some());

    // tekore (or `Config::write_to_file`) saves a new login's refresh token.
    let second = mock.user_token(scope::read());
    Config::new(CLIENT_ID, CLIENT_SECRET, "https://example.com/callback")
        .with_refresh(second.refresh_token())
        .write_to_file(&path)
        .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains(first.access_token()),
        "our keys are kept: {text}"
    );
    let loaded = FileTokenStore::new(&path).load().unwrap().unwrap();
    assert_eq!(loaded.refresh_token(), second.refresh_token());
    assert_eq!(loaded.access_token(), "");
    assert!(loaded.is_expiring());
    assert_eq!(loaded.login_time(), None);
    assert!(loaded.scopes().is_empty());

    // So the client renews with the new refresh token at once.
    let spotify = mock
        .builder()
        .build_with_store(
            mock.credentials(),
            Arc::new(FileTokenStore::new(&path)),
            |_| panic!("no login needed"),
        )
        .unwrap();
    spotify.current_user().send().unwrap();
    let form = mock.requests()[0].body_form();
    assert!(form.contains(&(
        "refresh_token".into(),
        second.refresh_token().unwrap().into()
    )));
    assert_eq!(
        bearers(&mock),
        [format!("Bearer {}", spotify.token().access_token())]
    );
}

/// A store whose `save` fails: the disk is full, say.
struct FullDisk(Token);

impl TokenStore for FullDisk {
    fn load(&self) -> spotify_blocking::Result<Option<Token>> {
        Ok(Some(self.0.clone()))
    }
    fn save(&self, _: &Token) -> spotify_blocking::Result<()> {
        Err(Error::store("no space left on the device"))
    }
}

#[test]
fn a_failed_save_is_reported_and_the_renewed_token_still_used() {
    let mock = MockServer::start();
    mock.rotate_refresh_tokens(true);
    let live = mock.user_token(scope::every());
    let expired = Token::from_access_token("mock-access-expired-0")
        .with_expiry(UNIX_EPOCH)
        .with_refresh_token(live.refresh_token().unwrap());
    let store = Arc::new(FullDisk(expired));
    let spotify = mock
        .builder()
        .build_with_store(mock.credentials(), store, |_| unreachable!())
        .unwrap();
    let err = spotify.current_user().send().unwrap_err();
    assert!(matches!(err, Error::Store { .. }), "{err:?}");
    assert!(err.to_string().contains("no space left"), "{err}");
    // The rotated token Spotify sent is not lost: the next call uses it.
    spotify.current_user().send().unwrap();
    assert_eq!(token_requests(&mock), 1);
    assert_ne!(spotify.token().refresh_token(), live.refresh_token());
    assert_eq!(
        bearers(&mock),
        [format!("Bearer {}", spotify.token().access_token())]
    );
}
