//! Hostile local peers and absurd inputs: clients that stall or derail
//! the loopback catcher, servers whose `next` links never end, IDs that
//! would rewrite a request's path.
//!
//! Tests may use threads (the library may not); every loop here is
//! bounded, every server binds 127.0.0.1 port 0.

use spotify_blocking::mock::MockServer;
use spotify_blocking::{Error, RedirectError, UserAuth};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

#[allow(dead_code)]
mod common;
use common::browser::{agent, browse, loopback_auth};

/// `127.0.0.1:PORT` of a loopback redirect URI.
fn redirect_addr(auth: &UserAuth) -> String {
    let rest = auth.redirect_uri().strip_prefix("http://").unwrap();
    rest.split('/').next().unwrap().to_owned()
}

/// A local client that connects and sends one byte of a request every
/// 1.5 s (at most 20 bytes), each byte well within any per-read timeout.
fn slow_drip(addr: String) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let Ok(mut stream) = TcpStream::connect(&addr) else {
            return;
        };
        for byte in b"GET /callback?code=x".iter().take(20) {
            if stream.write_all(&[*byte]).is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(1500));
        }
    })
}

fn exchanged_codes(mock: &MockServer) -> Vec<String> {
    mock.requests()
        .into_iter()
        .filter(|r| r.path == "/api/token")
        .filter_map(|r| {
            r.body_form()
                .into_iter()
                .find(|(k, _)| k == "code")
                .map(|(_, v)| v)
        })
        .collect()
}

#[test]
fn a_slow_drip_client_cannot_hold_the_catcher_past_its_deadline() {
    let mock = MockServer::start();
    let auth = loopback_auth(&mock);
    let addr = redirect_addr(&auth);
    let started = Instant::now();
    let err = auth
        .catch_loopback_with(
            &mut Vec::new(),
            |_| {
                slow_drip(addr);
                false
            },
            Duration::from_secs(3),
        )
        .unwrap_err();
    let waited = started.elapsed();
    assert!(
        matches!(err, Error::Redirect(RedirectError::Timeout(d)) if d == Duration::from_secs(3)),
        "{err:?}"
    );
    // A 3 s deadline; generous slack, no tight timing.
    assert!(waited < Duration::from_secs(8), "{waited:?}");
    assert!(exchanged_codes(&mock).is_empty());
}

#[test]
fn a_slow_drip_client_does_not_keep_the_browser_out() {
    let mock = MockServer::start();
    let auth = loopback_auth(&mock);
    let addr = redirect_addr(&auth);
    let mut browser = None;
    let token = auth
        .catch_loopback_with(
            &mut Vec::new(),
            |url| {
                slow_drip(addr);
                let url = url.to_owned();
                browser = Some(std::thread::spawn(move || {
                    // Let the drip connect first.
                    std::thread::sleep(Duration::from_millis(300));
                    let location = browse(&url);
                    let mut resp = agent().get(&location).call().unwrap();
                    (
                        resp.status().as_u16(),
                        resp.body_mut().read_to_string().unwrap(),
                    )
                }));
                true
            },
            Duration::from_secs(20),
        )
        .unwrap();
    assert!(token.is_pkce());
    let (status, body) = browser.unwrap().join().unwrap();
    assert_eq!(status, 200, "{body}");
    assert_eq!(exchanged_codes(&mock).len(), 1);
}

#[test]
fn stray_requests_get_an_answer_and_the_real_redirect_still_logs_in() {
    let mock = MockServer::start();
    let auth = loopback_auth(&mock);
    let mut browser = None;
    let token = auth
        .catch_loopback_with(
            &mut Vec::new(),
            |url| {
                let url = url.to_owned();
                browser = Some(std::thread::spawn(move || {
                    let location = browse(&url);
                    let origin = location.split("/callback").next().unwrap().to_owned();
                    let mut seen = Vec::new();
                    for target in [
                        // What an image tag on any web page can send.
                        format!("{origin}/callback?code=evil&state=wrong"),
                        format!("{origin}/callback?error=access_denied"),
                        format!("{origin}/callback?code=evil"),
                        format!("{origin}/callback?code=evil&state=a&state=b"),
                        format!("{origin}/favicon.ico"),
                        location,
                    ] {
                        let mut resp = agent().get(&target).call().unwrap();
                        let body = resp.body_mut().read_to_string().unwrap();
                        seen.push((resp.status().as_u16(), body));
                    }
                    seen
                }));
                true
            },
            Duration::from_secs(20),
        )
        .unwrap();
    assert!(token.is_pkce());
    let seen = browser.unwrap().join().unwrap();
    for (status, body) in &seen[..4] {
        assert_eq!(*status, 400, "{body}");
        assert!(body.contains("does not belong to this login"), "{body}");
    }
    assert_eq!(seen[4].0, 404);
    assert_eq!(seen[5].0, 200);
    assert!(seen[5].1.contains("You are logged in"), "{}", seen[5].1);
    // Only the real code was exchanged.
    let codes = exchanged_codes(&mock);
    assert_eq!(codes.len(), 1);
    assert_ne!(codes[0], "evil");
}

#[test]
fn a_stray_request_alone_ends_in_the_timeout() {
    let mock = MockServer::start();
    let auth = loopback_auth(&mock);
    let addr = redirect_addr(&auth);
    let mut stray = None;
    let err = auth
        .catch_loopback_with(
            &mut Vec::new(),
            |_| {
                stray = Some(std::thread::spawn(move || {
                    let mut s = TcpStream::connect(&addr).unwrap();
                    s.write_all(b"GET /callback?code=evil&state=wrong HTTP/1.1\r\nHost: x\r\n\r\n")
                        .unwrap();
                    let mut answer = String::new();
                    let _ = s.read_to_string(&mut answer);
                    answer
                }));
                false
            },
            Duration::from_millis(1500),
        )
        .unwrap_err();
    assert!(
        matches!(err, Error::Redirect(RedirectError::Timeout(_))),
        "{err:?}"
    );
    let answer = stray.unwrap().join().unwrap();
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(exchanged_codes(&mock).is_empty());
}

#[test]
fn an_oversized_request_is_dropped_and_the_login_goes_on() {
    let mock = MockServer::start();
    let auth = loopback_auth(&mock);
    let addr = redirect_addr(&auth);
    let mut threads = None;
    let token = auth
        .catch_loopback_with(
            &mut Vec::new(),
            |url| {
                let url = url.to_owned();
                let big = std::thread::spawn(move || {
                    let mut s = TcpStream::connect(&addr).unwrap();
                    let _ = s.set_read_timeout(Some(Duration::from_secs(10)));
                    let mut request = b"GET /callback?state=".to_vec();
                    request.resize(1024 * 1024, b'a');
                    // The catcher stops reading at its limit and closes.
                    let _ = s.write_all(&request);
                    let mut answer = Vec::new();
                    let _ = s.read_to_end(&mut answer);
                    answer.len()
                });
                let browser = std::thread::spawn(move || {
                    let location = browse(&url);
                    agent().get(&location).call().unwrap().status().as_u16()
                });
                threads = Some((big, browser));
                true
            },
            Duration::from_secs(20),
        )
        .unwrap();
    assert!(token.is_pkce());
    let (big, browser) = threads.unwrap();
    assert_eq!(big.join().unwrap(), 0, "no answer to an oversized request");
    assert_eq!(browser.join().unwrap(), 200);
    assert_eq!(exchanged_codes(&mock).len(), 1);
}

#[test]
#[allow(deprecated)]
fn a_timeout_of_duration_max_waits_without_panicking() {
    let mock = MockServer::start();
    for deprecated_alias in [false, true] {
        let auth = loopback_auth(&mock);
        let mut browser = None;
        let mut output = Vec::new();
        let opener = |url: &str| {
            let url = url.to_owned();
            browser = Some(std::thread::spawn(move || {
                let location = browse(&url);
                agent().get(&location).call().unwrap().status().as_u16()
            }));
            true
        };
        let token = if deprecated_alias {
            spotify_blocking::prompt_with_loopback(&auth, &mut output, opener, Duration::MAX)
        } else {
            auth.catch_loopback_with(&mut output, opener, Duration::MAX)
        }
        .unwrap();
        assert!(token.is_pkce());
        assert_eq!(browser.unwrap().join().unwrap(), 200);
        let shown = String::from_utf8(output).unwrap();
        assert!(shown.contains("without a time limit"), "{shown}");
    }
}

// ---------------------------------------------------------------------
// A raw server that records request lines, for what reaches the wire.

/// A server on 127.0.0.1 port 0 that answers at most `max` requests (one
/// per connection), each with `200` and the JSON `answer(n, base)` gives
/// for the `n`-th request; it records each request line as sent.
struct Raw {
    base: String,
    lines: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Raw {
    fn start(max: usize, answer: impl Fn(usize, &str) -> String + Send + 'static) -> Raw {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}/v1", listener.local_addr().unwrap());
        let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let (seen, base_for_answers) = (lines.clone(), base.clone());
        std::thread::spawn(move || {
            for n in 0..max {
                let Ok((mut stream, _)) = listener.accept() else {
                    return;
                };
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") && head.len() < 64 * 1024 {
                    match stream.read(&mut byte) {
                        Ok(1) => head.push(byte[0]),
                        _ => break,
                    }
                }
                let head = String::from_utf8_lossy(&head).into_owned();
                seen.lock()
                    .unwrap()
                    .push(head.lines().next().unwrap_or("").to_owned());
                let body = answer(n, &base_for_answers);
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        Raw { base, lines }
    }

    fn client(&self) -> spotify_blocking::Spotify {
        spotify_blocking::Spotify::builder()
            .api_base(&self.base)
            .build(spotify_blocking::Token::from_access_token("token"))
    }

    fn lines(&self) -> Vec<String> {
        self.lines.lock().unwrap().clone()
    }
}

// ---------------------------------------------------------------------
// IDs that would rewrite a path.

#[test]
#[allow(deprecated)]
fn dot_segment_user_ids_never_reach_the_wire() {
    let raw = Raw::start(100, |_, _| "{}".to_owned());
    let spotify = raw.client();
    for id in [
        ".",
        "..",
        " .. ",
        "spotify:user:..",
        "spotify:user:.",
        "https://open.spotify.com/user/..",
        "https://open.spotify.com/intl-de/user/.?si=x",
    ] {
        let errors = [
            spotify.user(id).send().map(|_| ()).unwrap_err(),
            spotify.user_playlists(id).send().map(|_| ()).unwrap_err(),
            spotify
                .playlist_create_for_user(id, "x")
                .send()
                .map(|_| ())
                .unwrap_err(),
            spotify.users_follow([id]).send().map(|_| ()).unwrap_err(),
            spotify
                .playlist_is_following("37i9dQZF1DXcBWIGoYBM5M")
                .user_id(id)
                .send()
                .map(|_| ())
                .unwrap_err(),
        ];
        for err in errors {
            assert!(
                matches!(&err, Error::InvalidId { expected: "user", reason, .. } if reason.contains("dot")),
                "{id:?}: {err:?}"
            );
        }
    }
    for id in ["..", "."] {
        for err in [
            spotify.category(id).send().map(|_| ()).unwrap_err(),
            spotify
                .category_playlists(id)
                .send()
                .map(|_| ())
                .unwrap_err(),
        ] {
            assert!(
                matches!(
                    err,
                    Error::InvalidInput {
                        param: "category_id",
                        ..
                    }
                ),
                "{id:?}: {err:?}"
            );
        }
    }
    assert_eq!(raw.lines(), Vec::<String>::new());
}

#[test]
#[allow(deprecated)]
fn user_ids_with_dots_that_are_no_segment_go_out_as_they_are() {
    let raw = Raw::start(10, |_, _| r#"{"id":"x"}"#.to_owned());
    let spotify = raw.client();
    for id in ["a.b", "...", ".x", "%2E%2E"] {
        let _ = spotify.user(id).send();
    }
    let _ = spotify.category("..x").send();
    assert_eq!(
        raw.lines(),
        vec![
            "GET /v1/users/a.b HTTP/1.1",
            "GET /v1/users/... HTTP/1.1",
            "GET /v1/users/.x HTTP/1.1",
            "GET /v1/users/%252E%252E HTTP/1.1",
            "GET /v1/browse/categories/..x HTTP/1.1",
        ]
    );
}

// ---------------------------------------------------------------------
// Paging that ends.

const ALBUM: &str = "4aawyAB9vmqN3uQ7FjRGTy";

/// An album-tracks page of two items at offset `2 * n`, saying `total`,
/// with a `next` link that is new every time.
fn endless_page(n: usize, base: &str, total: u64) -> String {
    let offset = 2 * n;
    format!(
        r#"{{"href":"{base}/albums/{ALBUM}/tracks?offset={offset}&limit=2","items":[{{"name":"t{offset}"}},{{"name":"t{}"}}],"limit":2,"offset":{offset},"total":{total},"previous":null,"next":"{base}/albums/{ALBUM}/tracks?offset={}&limit=2"}}"#,
        offset + 1,
        offset + 2
    )
}

fn is_paging_error(err: &Error, needle: &str) -> bool {
    matches!(err, Error::InvalidInput { param: "next", message, .. } if message.contains(needle))
}

#[test]
fn next_links_far_past_the_total_end_in_an_error() {
    let raw = Raw::start(200, |n, base| endless_page(n, base, 2));
    let spotify = raw.client();
    let got: Vec<_> = spotify
        .album_tracks(ALBUM)
        .limit(2)
        .items()
        .take(100)
        .collect();
    let oks = got.iter().take_while(|r| r.is_ok()).count();
    // `total` is 2: a page of slack, then the next link is refused.
    assert!((2..=6).contains(&oks), "{oks} items");
    assert_eq!(got.len(), oks + 1, "nothing after the error");
    let err = got.last().unwrap().as_ref().unwrap_err();
    assert!(is_paging_error(err, "total of 2"), "{err:?}");
    assert_eq!(raw.lines().len(), oks / 2);

    // The same for the pages after a page in hand.
    let raw = Raw::start(200, |n, base| endless_page(n, base, 2));
    let spotify = raw.client();
    let first = spotify.album_tracks(ALBUM).limit(2).send().unwrap();
    let got: Vec<_> = spotify.all_items(first).take(100).collect();
    let oks = got.iter().take_while(|r| r.is_ok()).count();
    assert!((2..=6).contains(&oks), "{oks} items");
    assert_eq!(got.len(), oks + 1);
}

#[test]
fn the_pages_of_one_iteration_are_capped() {
    // An honest-looking total: only the page cap ends it.
    let raw = Raw::start(200, |n, base| endless_page(n, base, 1_000_000));
    let spotify = raw.client();
    let pages: Vec<_> = spotify
        .album_tracks(ALBUM)
        .limit(2)
        .pages()
        .max_pages(5)
        .take(100)
        .collect();
    assert_eq!(pages.len(), 6);
    assert!(pages[..5].iter().all(Result::is_ok));
    let err = pages[5].as_ref().unwrap_err();
    assert!(is_paging_error(err, "5 pages"), "{err:?}");
    assert_eq!(raw.lines().len(), 5);

    let raw = Raw::start(200, |n, base| endless_page(n, base, 1_000_000));
    let spotify = raw.client();
    let items: Vec<_> = spotify
        .album_tracks(ALBUM)
        .limit(2)
        .items()
        .max_pages(3)
        .take(100)
        .collect();
    assert_eq!(items.len(), 7);
    assert!(items[6].is_err());
    assert_eq!(raw.lines().len(), 3);
}

/// A cursor page of followed artists: no total, no items, a new `next`.
fn endless_cursor_page(n: usize, base: &str) -> String {
    format!(
        r#"{{"artists":{{"href":"{base}/me/following?type=artist","items":[],"limit":1,"total":null,"next":"{base}/me/following?type=artist&after=a{n}"}}}}"#
    )
}

#[test]
fn cursor_pages_without_a_total_stop_at_the_default_cap() {
    let raw = Raw::start(10_100, endless_cursor_page);
    let spotify = raw.client();
    let mut pages = 0;
    let mut last = None;
    for page in spotify.followed_artists().pages().take(10_100) {
        match page {
            Ok(_) => pages += 1,
            Err(e) => last = Some(e),
        }
    }
    assert_eq!(pages, 10_000);
    assert!(is_paging_error(&last.unwrap(), "10000 pages"));
    assert_eq!(raw.lines().len(), 10_000);
}
