//! Tokens, credentials and scopes.

mod credentials;
mod loopback;
pub(crate) mod pkce;
mod prompt;
mod redirect;
mod refreshing;
pub mod scope;
mod token;
mod user;

pub use credentials::{ACCOUNTS_BASE, Credentials, request_client_token};
pub use prompt::{open_browser, prompt_for_pkce_token, prompt_for_user_token};
// Deprecated aliases, kept for one release.
#[allow(deprecated)]
pub use loopback::prompt_with_loopback;
#[allow(deprecated)]
pub use pkce::pkce_challenge;
#[allow(deprecated)]
pub use prompt::prompt_with;
pub use refreshing::{AnyToken, RefreshingToken};
pub use token::Token;
pub use user::{UserAuth, refresh_pkce_token, refresh_user_token};

/// A random `u64` from the OS (for backoff jitter).
pub(crate) fn random_u64() -> u64 {
    let mut b = [0u8; 8];
    // Jitter only: a failing RNG means no jitter, not an error.
    let _ = getrandom::fill(&mut b);
    u64::from_le_bytes(b)
}
