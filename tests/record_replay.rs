//! Record and replay: a session recorded against the mock is written to a
//! directory (one scrubbed file per request), and `MockServer::replay`
//! answers the same calls from it with the same results.

use serde::Serialize;
use spotify_blocking::mock::{
    CLIENT_ID, CLIENT_SECRET, Fault, HYBRID_THEORY, LONG_ALBUM, MockServer,
};
use spotify_blocking::model::{Market, SearchType};
use spotify_blocking::{Error, RetryPolicy, Token, UserAuth, scope};
use std::path::{Path, PathBuf};

/// A directory of its own for each test, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir =
            std::env::temp_dir().join(format!("sb-record-{name}-{}-{nanos}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        TempDir(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The file names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the recording directory exists")
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// Every file's name and text, one string.
fn everything(dir: &Path) -> String {
    names(dir)
        .iter()
        .map(|n| format!("{n}\n{}\n", std::fs::read_to_string(dir.join(n)).unwrap()))
        .collect()
}

/// The forms a secret travels in: raw, percent-encoded (upper and lower
/// case escapes) and form-encoded.
fn forms(secret: &str) -> Vec<String> {
    let mut encoded = String::new();
    for b in secret.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    let lower = encoded
        .split('%')
        .enumerate()
        .map(|(i, part)| match i {
            0 => part.to_owned(),
            _ => format!(
                "%{}{}",
                part.get(..2).unwrap_or("").to_lowercase(),
                part.get(2..).unwrap_or("")
            ),
        })
        .collect::<String>();
    let plus = encoded.replace("%20", "+");
    vec![secret.to_owned(), encoded, lower, plus]
}

/// Asserts no form of any of `secrets` is in any file (name or text).
fn assert_absent(dir: &Path, secrets: &[&str]) {
    let all = everything(dir);
    for secret in secrets {
        assert!(!secret.is_empty());
        for form in forms(secret) {
            assert!(
                !all.contains(&form),
                "{form:?} (of {secret:?}) is in the recording:\n{all}"
            );
        }
    }
}

/// A model as JSON text, with `from` (the replay's address) put back to
/// `to` (the recorded one): replay points `next` links at itself.
fn json_of<T: Serialize>(model: &T, from: &str, to: &str) -> String {
    serde_json::to_string(model).unwrap().replace(from, to)
}

const MISSING_ALBUM: &str = "4aawyAB9vmqN3uQ7FjRGTy";

#[test]
fn a_recorded_session_is_scrubbed_and_replays_into_the_same_results() {
    let dir = TempDir::new("session");
    let mock = MockServer::start();
    let spotify = mock
        .builder()
        .record_to(dir.path())
        .build_with_credentials(CLIENT_ID, CLIENT_SECRET)
        .unwrap();
    let app_token = spotify.token().access_token().to_owned();

    let album = spotify.album(HYBRID_THEORY).send().unwrap();
    let search = spotify
        .search("linkin", &[SearchType::Album])
        .limit(2)
        .send()
        .unwrap();
    assert!(
        search.albums.as_ref().unwrap().next.is_some(),
        "a search with more pages"
    );

    // A user logs in through the recording client: the code exchange is
    // recorded too.
    let creds = spotify
        .credentials(CLIENT_ID, Some(CLIENT_SECRET))
        .redirect_uri("https://example.com/callback");
    let auth = UserAuth::new(creds, scope::every()).unwrap();
    let pasted = mock.approve(&auth.url());
    let code = pasted
        .split(['?', '&'])
        .find_map(|p| p.strip_prefix("code="))
        .unwrap()
        .to_owned();
    let user_token = auth.token_from_redirect(&pasted).unwrap();
    let user = spotify.with_token(user_token.clone());
    let me = user.current_user().send().unwrap();
    assert_eq!(me.display_name.as_deref(), Some("Mock User"));
    assert_eq!(me.email.as_deref(), Some("mock-user@example.com"));
    assert_eq!(me.country, Market::new("SE"));

    let pages: Vec<_> = spotify
        .album_tracks(LONG_ALBUM)
        .limit(50)
        .pages()
        .take(100)
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(pages.len() >= 2, "a walk over several pages");
    let tracks: Vec<_> = pages.iter().flat_map(|p| p.items.clone()).collect();
    assert_eq!(tracks.len() as u32, pages[0].total);

    let missing = spotify.album(MISSING_ALBUM).send().unwrap_err();
    assert!(
        matches!(missing, Error::Api { status: 404, .. }),
        "{missing:?}"
    );

    // The files: one per request, numbered in order.
    let mut expected = vec![
        "0001-POST-api-token.json".to_owned(),
        format!("0002-GET-v1-albums-{HYBRID_THEORY}.json"),
        "0003-GET-v1-search.json".to_owned(),
        "0004-POST-api-token.json".to_owned(),
        "0005-GET-v1-me.json".to_owned(),
    ];
    for i in 0..pages.len() {
        expected.push(format!(
            "{:04}-GET-v1-albums-{LONG_ALBUM}-tracks.json",
            6 + i
        ));
    }
    expected.push(format!(
        "{:04}-GET-v1-albums-{MISSING_ALBUM}.json",
        6 + pages.len()
    ));
    assert_eq!(names(dir.path()), expected);
    assert_eq!(
        mock.request_count(),
        expected.len() + 1,
        "the files and the /authorize visit"
    );

    // What a file holds.
    let search_file: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("0003-GET-v1-search.json")).unwrap())
            .unwrap();
    assert_eq!(
        search_file["request"],
        "GET /v1/search?q=linkin&type=album&limit=2"
    );
    assert_eq!(search_file["status"], 200);
    assert_eq!(search_file["origin"], mock.url());
    assert!(
        search_file["headers"]["content-type"]
            .as_str()
            .unwrap()
            .starts_with("application/json")
    );
    assert!(search_file["headers"]["etag"].is_string());
    assert_eq!(search_file["body"]["albums"]["limit"], 2);
    let token_file = std::fs::read_to_string(dir.path().join("0004-POST-api-token.json")).unwrap();
    assert!(
        token_file.contains(r#""access_token": "scrubbed""#),
        "{token_file}"
    );
    assert!(
        token_file.contains(r#""refresh_token": "scrubbed""#),
        "{token_file}"
    );
    let me_file = std::fs::read_to_string(dir.path().join("0005-GET-v1-me.json")).unwrap();
    assert!(
        me_file.contains(r#""display_name": "scrubbed""#),
        "{me_file}"
    );
    assert!(me_file.contains(r#""email": "scrubbed""#), "{me_file}");
    assert!(me_file.contains(r#""country": "XX""#), "{me_file}");

    // Nothing secret or personal, in any form.
    use base64::Engine as _;
    let basic =
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"));
    assert_absent(
        dir.path(),
        &[
            &app_token,
            user_token.access_token(),
            user_token.refresh_token().unwrap(),
            &code,
            CLIENT_SECRET,
            &basic,
            "mock-user@example.com",
            "Mock User",
        ],
    );
    assert!(
        !everything(dir.path())
            .to_ascii_lowercase()
            .contains("authorization")
    );

    // Replay: the same calls, the same results, offline.
    let replay = MockServer::replay(dir.path()).unwrap();
    let offline = replay
        .builder()
        .build_with_credentials("any-client-id", "any-client-secret")
        .unwrap();
    assert!(
        !offline.token().access_token().is_empty(),
        "a fresh fake token"
    );
    let (here, there) = (replay.url(), mock.url());
    assert_eq!(offline.album(HYBRID_THEORY).send().unwrap(), album);
    let replayed_search = offline
        .search("linkin", &[SearchType::Album])
        .limit(2)
        .send()
        .unwrap();
    assert_eq!(
        json_of(&replayed_search, &here, &there),
        json_of(&search, "", "")
    );
    let next = replayed_search
        .albums
        .as_ref()
        .unwrap()
        .next
        .as_deref()
        .unwrap();
    assert!(next.starts_with(&replay.api_base()), "{next}");

    let offline_user = offline.with_token(Token::from_access_token("anything-goes"));
    let mut scrubbed_me = me.clone();
    scrubbed_me.display_name = Some("scrubbed".into());
    scrubbed_me.email = Some("scrubbed".into());
    scrubbed_me.country = Market::new("XX");
    assert_eq!(offline_user.current_user().send().unwrap(), scrubbed_me);

    let replayed_tracks: Vec<_> = offline
        .album_tracks(LONG_ALBUM)
        .limit(50)
        .items()
        .take(10_000)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(replayed_tracks, tracks);
    let replayed_missing = offline.album(MISSING_ALBUM).send().unwrap_err();
    assert_eq!(replayed_missing.to_string(), missing.to_string());

    // The query's order does not matter.
    let agent = spotify_blocking::ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent();
    let mut resp = agent
        .get(format!(
            "{}/search?limit=2&type=album&q=linkin",
            replay.api_base()
        ))
        .call()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let body: serde_json::Value =
        serde_json::from_str(&resp.body_mut().read_to_string().unwrap()).unwrap();
    assert_eq!(body["albums"]["limit"], 2);

    // An unrecorded call: a clear 404 naming it.
    let err = offline.album(LONG_ALBUM).send().unwrap_err();
    assert!(matches!(err, Error::Api { status: 404, .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains(&format!("no recording of GET /v1/albums/{LONG_ALBUM}")),
        "{err}"
    );
    let err = offline
        .album(HYBRID_THEORY)
        .market("SE")
        .send()
        .unwrap_err();
    assert!(
        err.to_string().contains(&format!(
            "no recording of GET /v1/albums/{HYBRID_THEORY}?market=SE"
        )),
        "{err}"
    );
    // The replay saw every call, the token request included.
    let seen = replay.requests();
    assert_eq!(seen[0].path, "/api/token");
    assert_eq!(seen.last().unwrap().query_value("market"), Some("SE"));
}

#[test]
fn echoed_secrets_and_personal_fields_are_scrubbed_in_any_body() {
    let dir = TempDir::new("scrub");
    let mock = MockServer::start();
    let app = mock
        .builder()
        .retry(RetryPolicy::none())
        .record_to(dir.path())
        .build(Token::from_access_token("placeholder"));
    let token = mock.user_token(scope::every());
    let bearer = token.access_token().to_owned();
    let spotify = app.with_token(token);

    // A profile that echoes the token, with personal fields at any depth.
    let profile = serde_json::json!({
        "id": "jane", "type": "user", "uri": "spotify:user:jane",
        "href": "https://api.spotify.com/v1/users/jane",
        "external_urls": {"spotify": "https://open.spotify.com/user/jane"},
        "display_name": "Jane Doe", "email": "jane.doe@example.com",
        "country": "SE", "birthdate": "1990-01-01", "product": "premium",
        "followers": {"href": null, "total": 1}, "images": [],
        "echo": format!("you sent {bearer}"),
        "friends": [{"display_name": "John Roe", "email": "john.roe@example.com"}],
        "code": "AQCsomeAuthCode42",
    });
    mock.fault_on(
        "/v1/me",
        Fault::Raw {
            status: 200,
            content_type: "application/json".into(),
            body: profile.to_string(),
        },
    );
    let me = spotify.current_user().send().unwrap();
    assert_eq!(me.display_name.as_deref(), Some("Jane Doe"));

    // A text body echoing the token, percent-encoded too.
    let encoded = format!("Authorization=Bearer%20{bearer}");
    mock.fault_on(
        "/v1/albums",
        Fault::Raw {
            status: 500,
            content_type: "text/plain".into(),
            body: format!("bad token {bearer} ({encoded})"),
        },
    );
    let err = spotify.album(HYBRID_THEORY).send().unwrap_err();
    assert!(matches!(err, Error::Api { status: 500, .. }), "{err:?}");

    // A redirect carrying a code and a token.
    mock.fault_on(
        "/v1/albums",
        Fault::Redirect(
            "https://example.com/cb?code=AQCredirectCode99&state=s1#access_token=BQDfragmentToken7"
                .into(),
        ),
    );
    assert!(spotify.album(HYBRID_THEORY).send().is_err());

    assert_eq!(
        names(dir.path()),
        [
            "0001-GET-v1-me.json".to_owned(),
            format!("0002-GET-v1-albums-{HYBRID_THEORY}.json"),
            format!("0003-GET-v1-albums-{HYBRID_THEORY}.json"),
        ]
    );
    assert_absent(
        dir.path(),
        &[
            &bearer,
            "Jane Doe",
            "jane.doe@example.com",
            "John Roe",
            "john.roe@example.com",
            "1990-01-01",
            "AQCsomeAuthCode42",
            "AQCredirectCode99",
            "BQDfragmentToken7",
        ],
    );
    let all = everything(dir.path());
    assert!(all.contains("you sent <redacted>"), "{all}");
    assert!(
        all.contains("bad token <redacted> (Authorization=Bearer%20<redacted>)"),
        "{all}"
    );
    assert!(
        all.contains("https://example.com/cb?code=scrubbed&state=s1#access_token=scrubbed"),
        "{all}"
    );
    assert!(all.contains(r#""code": "scrubbed""#), "{all}");

    // The scrubbed profile still decodes, as the same user.
    let replay = MockServer::replay(dir.path()).unwrap();
    let offline = replay.builder().build(Token::from_access_token("x"));
    let replayed = offline.current_user().send().unwrap();
    assert_eq!(replayed.id, "jane");
    assert_eq!(replayed.display_name.as_deref(), Some("scrubbed"));
    assert_eq!(replayed.email.as_deref(), Some("scrubbed"));
    assert_eq!(replayed.country, Market::new("XX"));
    assert_eq!(replayed.href, me.href);
}

#[test]
fn a_recording_that_cannot_be_written_does_not_break_the_call() {
    let dir = TempDir::new("unwritable");
    std::fs::create_dir_all(dir.path()).unwrap();
    // A directory that cannot be made: its parent is a file.
    let file = dir.path().join("a-file");
    std::fs::write(&file, "not a directory").unwrap();
    let mock = MockServer::start();
    let spotify = mock
        .builder()
        .record_to(file.join("recording"))
        .build_with_credentials(CLIENT_ID, CLIENT_SECRET)
        .unwrap();
    let album = spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(album.name, "Hybrid Theory");
    assert_eq!(mock.request_count(), 2);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a directory");
    assert_eq!(names(dir.path()), ["a-file"]);
}

#[test]
fn replay_refuses_a_directory_without_recordings() {
    let dir = TempDir::new("refuse");
    let err = MockServer::replay(dir.path()).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::NotFound);

    std::fs::create_dir_all(dir.path()).unwrap();
    std::fs::write(dir.path().join("README.txt"), "notes").unwrap();
    let err = MockServer::replay(dir.path()).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
    assert!(err.to_string().contains("holds no recordings"), "{err}");

    std::fs::write(dir.path().join("0001-GET-v1-me.json"), "{ not json").unwrap();
    let err = MockServer::replay(dir.path()).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
    assert!(
        err.to_string()
            .contains("0001-GET-v1-me.json: not a recording"),
        "{err}"
    );
}

#[test]
fn a_request_made_twice_replays_its_answers_in_order_and_numbering_goes_on() {
    let dir = TempDir::new("order");
    let mock = MockServer::start();
    let builder = mock
        .builder()
        .retry(RetryPolicy::none())
        .cache(16, 1 << 20)
        .record_to(dir.path());
    let first = builder
        .clone()
        .build_with_credentials(CLIENT_ID, CLIENT_SECRET)
        .unwrap();
    let album = first.album(HYBRID_THEORY).send().unwrap();
    mock.fault_on("/v1/albums", Fault::Status(404));
    assert!(first.album(HYBRID_THEORY).send().is_err());
    drop(first);
    // A second client on the same directory numbers on.
    let second = mock
        .builder()
        .record_to(dir.path())
        .build_with_credentials(CLIENT_ID, CLIENT_SECRET)
        .unwrap();
    second.album(LONG_ALBUM).send().unwrap();
    let album_file = format!("GET-v1-albums-{HYBRID_THEORY}.json");
    assert_eq!(
        names(dir.path()),
        [
            "0001-POST-api-token.json".to_owned(),
            format!("0002-{album_file}"),
            format!("0003-{album_file}"),
            "0004-POST-api-token.json".to_owned(),
            format!("0005-GET-v1-albums-{LONG_ALBUM}.json"),
        ]
    );

    let replay = MockServer::replay(dir.path()).unwrap();
    let offline = replay
        .builder()
        .cache(16, 1 << 20)
        .build_with_credentials("id", "secret")
        .unwrap();
    // A fault still applies; the retry gets the first recorded answer.
    replay.fault_on("/v1/albums", Fault::Status(503));
    assert_eq!(offline.album(HYBRID_THEORY).send().unwrap(), album);
    // Then the second recorded answer, which answers every later call.
    for _ in 0..2 {
        let err = offline.album(HYBRID_THEORY).send().unwrap_err();
        assert!(matches!(err, Error::Api { status: 404, .. }), "{err:?}");
    }
    assert_eq!(offline.album(LONG_ALBUM).send().unwrap().id, LONG_ALBUM);
    // The recorded ETag is served: the cached album is asked for again
    // conditionally, and the 404 that follows is not from the cache.
    let asked: Vec<_> = replay
        .requests()
        .into_iter()
        .filter(|r| r.path == format!("/v1/albums/{HYBRID_THEORY}"))
        .collect();
    assert_eq!(asked.len(), 4, "503, 200, 404, 404");
    assert!(asked[1].header("if-none-match").is_none());
    assert!(asked[2].header("if-none-match").is_some());
}

#[test]
fn tokens_received_earlier_and_renewed_tokens_are_scrubbed_from_later_answers() {
    let dir = TempDir::new("learned");
    let mock = MockServer::start();
    let app = mock
        .builder()
        .record_to(dir.path())
        .build_with_credentials(CLIENT_ID, CLIENT_SECRET)
        .unwrap();
    let app_token = app.token().access_token().to_owned();

    // A user's answer that echoes the app token: not what this request
    // sent, but a token the session received.
    let user = app.with_token(Token::from_access_token("a-plain-user-token"));
    mock.fault_on(
        "/v1/me",
        Fault::Raw {
            status: 200,
            content_type: "application/json".into(),
            body: serde_json::json!({"id": "u1", "display_name": null, "note": format!("seen {app_token}")})
                .to_string(),
        },
    );
    user.current_user().send().unwrap();

    // A token renewed after a 401 (through credentials that do not record)
    // and echoed in the repeated call's answer.
    let refreshing = mock.user_client(scope::every());
    let renewing = app.with_token(spotify_blocking::RefreshingToken::new(
        refreshing.token(),
        mock.credentials(),
    ));
    // The mock numbers what it issues: after this access token (n) and
    // its refresh token (n + 1), the renewal's access token is n + 2
    // (checked below).
    let before = renewing.token().access_token().to_owned();
    let n: u64 = before.rsplit('-').next().unwrap().parse().unwrap();
    let predicted = format!("mock-access-user-{}", n + 2);
    mock.fault_on("/v1/me", Fault::Status(401));
    mock.fault_on(
        "/v1/me",
        Fault::Raw {
            status: 200,
            content_type: "application/json".into(),
            body: serde_json::json!({"id": "u2", "note": format!("renewed {predicted}")})
                .to_string(),
        },
    );
    let me = renewing.current_user().send().unwrap();
    assert_eq!(me.id, "u2");
    assert_eq!(
        renewing.token().access_token(),
        predicted,
        "the renewed token was predicted"
    );

    assert_eq!(
        names(dir.path()),
        [
            "0001-POST-api-token.json",
            "0002-GET-v1-me.json",
            "0003-GET-v1-me.json"
        ],
        "one file per request: the 401 before the renewal is not one"
    );
    assert_absent(dir.path(), &[&app_token, &predicted, &before]);
    let all = everything(dir.path());
    assert!(all.contains("seen <redacted>"), "{all}");
    assert!(all.contains("renewed <redacted>"), "{all}");
}
