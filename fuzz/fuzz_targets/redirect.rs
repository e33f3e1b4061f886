//! `UserAuth::parse_redirect` on arbitrary text (`STATE` in the input is
//! replaced by the login's state, so the fuzzer can reach the accepting
//! paths): no panic, a code from a URL only with this login's state, and no
//! error message that shows the state.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spotify_blocking::scope::Scopes;
use spotify_blocking::{Credentials, UserAuth};
use std::sync::OnceLock;

fn auth() -> &'static UserAuth {
    static AUTH: OnceLock<UserAuth> = OnceLock::new();
    AUTH.get_or_init(|| {
        let creds = Credentials::new("id", "secret").redirect_uri("https://example.com/callback");
        UserAuth::new(creds, Scopes::new()).unwrap()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let auth = auth();
    let state = auth.state();
    let input = text.replace("STATE", state);
    match auth.parse_redirect(&input) {
        Ok(code) => {
            assert!(!code.is_empty(), "{input:?}");
            if !input.trim().contains("://") {
                assert_eq!(code, input.trim(), "a bare code is taken as it is");
            }
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(!msg.is_empty());
            if !text.contains(&state[..8])
                && input
                    .match_indices(state)
                    .all(|(i, _)| input[..i].ends_with('='))
            {
                assert!(!msg.contains(state), "the state leaked: {msg}");
            }
        }
    }
});
