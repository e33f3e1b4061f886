//! The mock's refresh tokens outlive the mock: a token saved by one run of
//! a script (one `MockServer`) refreshes on the next run's mock, with its
//! scopes, unless that mock revoked or rotated it away.

use spotify_blocking::mock::MockServer;
use spotify_blocking::scope::{Scope, Scopes};
use spotify_blocking::{Error, Spotify};

/// A refresh token as a first run saves it: issued by a mock that is gone.
fn saved_refresh(scopes: impl Into<Scopes>) -> String {
    let first = MockServer::start();
    first.user_token(scopes).refresh_token().unwrap().to_owned()
}

#[test]
fn a_refresh_token_of_an_earlier_mock_refreshes_with_its_scopes() {
    let saved = saved_refresh(Scope::UserTopRead | Scope::UserReadPrivate);
    let second = MockServer::start();
    let token = second.credentials().refresh_user_token(&saved).unwrap();
    assert_eq!(
        token.scopes(),
        &(Scope::UserTopRead | Scope::UserReadPrivate)
    );
    // The new access token works on the second mock, for those scopes only.
    let spotify: Spotify = second.builder().build(token);
    let top = spotify.current_user_top_tracks().limit(2).send().unwrap();
    assert_eq!(top.items.len(), 2);
    // Without user-library-read the call is refused before it is sent.
    let err = spotify.saved_tracks().send().unwrap_err();
    assert!(matches!(err, Error::MissingScope { .. }), "{err}");
    let last = second.requests().pop().unwrap();
    assert_eq!(last.path, "/v1/me/top/tracks");
    // Unchecked, the mock refuses it as Spotify does.
    let token = second.credentials().refresh_user_token(&saved).unwrap();
    let spotify = second.builder().scope_check(false).build(token);
    let err = spotify.saved_tracks().send().unwrap_err();
    assert_eq!(err.status(), Some(403), "{err}");
    let last = second.requests().pop().unwrap();
    assert_eq!(last.path, "/v1/me/tracks");
}

#[test]
fn revoked_rotated_and_foreign_tokens_are_refused() {
    // Revoking refuses earlier mocks' tokens too.
    let saved = saved_refresh(Scope::UserTopRead);
    let mock = MockServer::start();
    mock.revoke_refresh_tokens();
    let err = mock.credentials().refresh_user_token(&saved).unwrap_err();
    assert!(matches!(err, Error::RefreshRevoked { .. }), "{err:?}");

    // Rotation spends it: the second use is refused, the new one works.
    let saved = saved_refresh(Scope::UserTopRead);
    let mock = MockServer::start();
    mock.rotate_refresh_tokens(true);
    let renewed = mock.credentials().refresh_user_token(&saved).unwrap();
    let err = mock.credentials().refresh_user_token(&saved).unwrap_err();
    assert!(matches!(err, Error::RefreshRevoked { .. }), "{err:?}");
    mock.credentials()
        .refresh_user_token(renewed.refresh_token().unwrap())
        .unwrap();

    // Something that is not one of the mock's tokens is refused.
    for bad in [
        "mock-refresh-1",
        "mock-refresh-x-1",
        "mock-refresh-1-zz",
        "someone-elses",
        "mock-refresh-1-ffffffffffffffff",
    ] {
        let err = mock.credentials().refresh_user_token(bad).unwrap_err();
        assert!(
            matches!(err, Error::RefreshRevoked { .. }),
            "{bad}: {err:?}"
        );
    }
}
