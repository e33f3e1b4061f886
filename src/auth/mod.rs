//! Tokens, credentials and scopes.

mod credentials;
mod refreshing;
pub mod scope;
mod token;

pub use credentials::{ACCOUNTS_BASE, Credentials, request_client_token};
pub use refreshing::{AnyToken, RefreshingToken};
pub use token::Token;

/// A random `u64` from the OS (for backoff jitter).
pub(crate) fn random_u64() -> u64 {
    let mut b = [0u8; 8];
    // Jitter only: a failing RNG means no jitter, not an error.
    let _ = getrandom::fill(&mut b);
    u64::from_le_bytes(b)
}
