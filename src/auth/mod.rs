//! Tokens, credentials and scopes.

mod credentials;
mod loopback;
pub(crate) mod pkce;
mod prompt;
mod redirect;
mod refreshing;
pub mod scope;
mod store;
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
pub use store::{FileTokenStore, TokenStore};
pub(crate) use token::LOGIN_LIFETIME;
pub use token::Token;
pub use user::{UserAuth, refresh_pkce_token, refresh_user_token};
