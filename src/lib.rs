//! A blocking, thread-free client for the Spotify Web API.
//!
//! No async runtime, no background threads: each call is one HTTP request
//! on the calling thread, built on [`ureq`](https://docs.rs/ureq).
#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
// docs.rs (nightly, `--cfg docsrs`) marks feature-gated items with their feature.
#![cfg_attr(docsrs, feature(doc_cfg))]

mod auth;
mod cache;
mod client;
mod config;
mod decode;
mod encode;
pub mod endpoints;
mod error;
mod http;
pub mod id;
#[cfg(feature = "mock")]
#[cfg_attr(docsrs, doc(cfg(feature = "mock")))]
pub mod mock;
pub mod model;
mod paging;
mod random;
mod raw;
mod record;
mod request;
mod short_link;

/// Every endpoint: method, Spotify operation, path, scopes, parameters and
/// returned model (generated from the code; `docs/reference.md`).
pub mod reference {
    #![doc = include_str!("../docs/reference.md")]
}

pub use auth::scope;
pub use auth::{
    ACCOUNTS_BASE, AnyToken, Credentials, FileTokenStore, RefreshingToken, Token, TokenStore,
    request_client_token,
};
pub use auth::{
    UserAuth, open_browser, prompt_for_pkce_token, prompt_for_user_token, refresh_pkce_token,
    refresh_user_token,
};
// Deprecated aliases, kept for one release.
#[allow(deprecated)]
pub use auth::{pkce_challenge, prompt_with, prompt_with_loopback};
pub use client::{API_BASE, Spotify, SpotifyBuilder};
pub use config::{
    Config, config_from_environment, config_from_file, config_from_file_section, config_to_file,
    config_to_file_section,
};
#[allow(deprecated)]
pub use endpoints::Batch;
pub use endpoints::{Chunked, Operation};
pub use error::{Error, PlayerReason, RedirectError, Result, TimeoutPhase};
pub use http::{Method, RetryPolicy};
pub use paging::{Items, Pages};
pub use raw::RawRequest;
pub use request::Request;
/// The `ureq` this crate is built on, for [`SpotifyBuilder::agent`].
pub use ureq;

/// The crate's internal facts about each endpoint, for its own conformance
/// and reference tests.
///
/// **Not a stable API**: anything here may change or go away in any
/// release, without a deprecation. Do not use it.
#[doc(hidden)]
pub mod __unstable {
    pub use crate::http::Method;
    pub use crate::request::{Endpoint, List, ListIn, Param};

    /// Every operation the crate implements.
    pub fn endpoints() -> Vec<&'static Endpoint> {
        crate::endpoints::all()
    }
}

/// The guides under `docs/`, compiled as doc tests so their code stays true.
/// Their examples run on the mock, so they are tested with it (always in
/// this repository, with `--features mock` in the published crate).
#[cfg(all(doctest, feature = "mock"))]
mod guides {
    #[doc = include_str!("../docs/advanced.md")]
    struct Advanced;
    #[doc = include_str!("../docs/authorisation.md")]
    struct Authorisation;
    #[doc = include_str!("../docs/getting_started.md")]
    struct GettingStarted;
    #[doc = include_str!("../docs/coming_from_tekore.md")]
    struct ComingFromTekore;
    #[doc = include_str!("../docs/know_before.md")]
    struct KnowBefore;
}
