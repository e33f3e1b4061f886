//! One client, many users: `Spotify::with_token` and `Spotify::with_store`
//! handles share the pool and settings, send only their own token, and
//! renew through their own store.

#[allow(dead_code)]
mod common;

use spotify_blocking::mock::{HYBRID_THEORY, LONG_ALBUM, MockServer};
use spotify_blocking::{RefreshingToken, Result, Token, TokenStore, scope};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, UNIX_EPOCH};

/// A store in memory that counts its calls.
#[derive(Default)]
struct Counting {
    token: Mutex<Option<Token>>,
    loads: AtomicUsize,
    saves: AtomicUsize,
}

impl TokenStore for Counting {
    fn load(&self) -> Result<Option<Token>> {
        self.loads.fetch_add(1, Ordering::SeqCst);
        Ok(self.token.lock().unwrap().clone())
    }
    fn save(&self, token: &Token) -> Result<()> {
        self.saves.fetch_add(1, Ordering::SeqCst);
        *self.token.lock().unwrap() = Some(token.clone());
        Ok(())
    }
}

/// `(path, bearer)` of every API call the mock received.
fn calls(mock: &MockServer) -> Vec<(String, String)> {
    mock.requests()
        .into_iter()
        .filter(|r| r.path.starts_with("/v1/"))
        .map(|r| {
            let bearer = r.header("authorization").unwrap_or("").to_owned();
            (r.path, bearer)
        })
        .collect()
}

#[test]
fn handles_from_many_threads_send_only_their_own_token_over_one_pool() {
    let mock = MockServer::start();
    let tap = common::Tap::new(&mock.url());
    let app = tap
        .route(mock.builder())
        .build(Token::from_access_token("app-token-unused"));
    let alice_token = mock.user_token(scope::every());
    let bob_token = mock.user_token(scope::every());
    let alice = app.with_token(alice_token.clone());
    let bob = app.with_token(bob_token.clone());
    // One pool: calls of both handles, one after the other, go over one
    // connection.
    for _ in 0..3 {
        alice.album(HYBRID_THEORY).send().unwrap();
        bob.album(LONG_ALBUM).send().unwrap();
    }
    assert_eq!(tap.connections(), 1);
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..5 {
                    alice.album(HYBRID_THEORY).send().unwrap();
                }
            });
            s.spawn(|| {
                for _ in 0..5 {
                    bob.album(LONG_ALBUM).send().unwrap();
                }
            });
        }
    });
    let calls = calls(&mock);
    assert_eq!(calls.len(), 46);
    let alice_bearer = format!("Bearer {}", alice_token.access_token());
    let bob_bearer = format!("Bearer {}", bob_token.access_token());
    for (path, bearer) in &calls {
        let expected = if path.contains(HYBRID_THEORY) {
            &alice_bearer
        } else {
            assert!(path.contains(LONG_ALBUM), "{path}");
            &bob_bearer
        };
        assert_eq!(bearer, expected, "{path}");
    }
    assert_eq!(app.token().access_token(), "app-token-unused");
    // Handles keep the client's settings.
    assert_eq!(alice.api_base(), app.api_base());
    assert_eq!(bob.accounts_base(), app.accounts_base());
}

#[test]
fn a_renewal_goes_back_to_that_users_store_only() {
    let mock = MockServer::start();
    let app = mock.client();
    let stores: Vec<Arc<Counting>> = (0..2).map(|_| Arc::new(Counting::default())).collect();
    // Alice's stored token has expired; Bob's is fresh.
    let alice_live = mock.user_token(scope::every());
    let alice_stored = Token::from_access_token("mock-access-expired-0")
        .with_expiry(UNIX_EPOCH + Duration::from_secs(1))
        .with_refresh_token(alice_live.refresh_token().unwrap())
        .with_scopes(scope::every());
    let bob_stored = mock.user_token(scope::every());
    stores[0].save(&alice_stored).unwrap();
    stores[1].save(&bob_stored).unwrap();
    for s in &stores {
        s.loads.store(0, Ordering::SeqCst);
        s.saves.store(0, Ordering::SeqCst);
    }
    mock.clear_requests();

    let handles: Vec<_> = stores
        .iter()
        .map(|s| {
            app.with_store(mock.credentials(), s.clone())
                .unwrap()
                .unwrap()
        })
        .collect();
    std::thread::scope(|s| {
        for h in &handles {
            s.spawn(move || {
                for _ in 0..3 {
                    h.current_user().send().unwrap();
                }
            });
        }
    });
    // One refresh, with Alice's refresh token, saved to Alice's store.
    let token_calls: Vec<_> = mock
        .requests()
        .into_iter()
        .filter(|r| r.path == "/api/token")
        .collect();
    assert_eq!(token_calls.len(), 1);
    let form = token_calls[0].body_form();
    assert!(form.contains(&(
        "refresh_token".into(),
        alice_live.refresh_token().unwrap().into()
    )));
    // Loaded once by `with_store` and once by the renewal; Bob's never renewed.
    assert_eq!(stores[0].saves.load(Ordering::SeqCst), 1);
    assert_eq!(stores[0].loads.load(Ordering::SeqCst), 2);
    assert_eq!(stores[1].saves.load(Ordering::SeqCst), 0);
    assert_eq!(stores[1].loads.load(Ordering::SeqCst), 1);
    let alice_new = stores[0].token.lock().unwrap().clone().unwrap();
    assert_eq!(handles[0].token().access_token(), alice_new.access_token());
    assert_eq!(
        alice_new.refresh_token(),
        alice_live.refresh_token(),
        "the refresh token is kept when Spotify sends none"
    );
    let bearers: Vec<String> = calls(&mock).into_iter().map(|(_, b)| b).collect();
    assert_eq!(bearers.len(), 6);
    let alice_bearer = format!("Bearer {}", alice_new.access_token());
    let bob_bearer = format!("Bearer {}", bob_stored.access_token());
    assert_eq!(bearers.iter().filter(|b| **b == alice_bearer).count(), 3);
    assert_eq!(bearers.iter().filter(|b| **b == bob_bearer).count(), 3);
    // An empty store is no handle.
    let empty = Arc::new(Counting::default());
    assert!(app.with_store(mock.credentials(), empty).unwrap().is_none());
    // A handle from a plain RefreshingToken works the same way.
    let carol = app.with_token(RefreshingToken::new(
        mock.user_token(scope::every()),
        mock.credentials(),
    ));
    carol.current_user().send().unwrap();
}

#[test]
fn the_mock_tells_named_users_apart_through_renewals() {
    let mock = MockServer::start();
    mock.rotate_refresh_tokens(true);
    let creds = mock
        .credentials()
        .redirect_uri("https://example.com/callback");
    let login = |user: &str| {
        let auth = spotify_blocking::UserAuth::new(creds.clone(), scope::every()).unwrap();
        let redirected = mock.approve(&format!("{}&user={user}", auth.url()));
        auth.token_from_redirect(&redirected).unwrap()
    };
    let app = mock.client();
    let top = |s: &spotify_blocking::Spotify| {
        let page = s.current_user_top_tracks().send().unwrap();
        page.items.into_iter().map(|t| t.name).collect::<Vec<_>>()
    };
    let alice = app.with_token(RefreshingToken::new(login("alice"), mock.credentials()));
    let bob = app.with_token(RefreshingToken::new(login("bob"), mock.credentials()));
    let plain = mock.user_client(scope::every());
    assert_eq!(alice.current_user().send().unwrap().id, "alice");
    assert_eq!(bob.current_user().send().unwrap().id, "bob");
    assert_eq!(plain.current_user().send().unwrap().id, "mock-user");
    let (a, b, p) = (top(&alice), top(&bob), top(&plain));
    assert!(a != b && a != p && b != p, "{a:?} {b:?} {p:?}");
    // A renewed (and rotated) token is still the same user's.
    mock.expire_tokens();
    assert_eq!(alice.current_user().send().unwrap().id, "alice");
    assert_eq!(top(&alice), a);
    // A bad name is refused at the login page.
    let auth = spotify_blocking::UserAuth::new(creds.clone(), scope::every()).unwrap();
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .new_agent();
    let resp = agent
        .get(format!("{}&user=a%20b", auth.url()))
        .call()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
}
