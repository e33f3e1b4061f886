//! One file per API area, each an `impl Spotify` block of endpoint methods,
//! and the operation types behind them (see [`Operation`]).
//!
//! The traits here describe what a request value can do; all are sealed
//! (only this crate implements them): [`Operation`] (what `send` returns),
//! [`Paged`] (answers with a `next` link), [`Merge`] (answers of a split
//! list) and the [`params`] markers (which optional parameters a request
//! takes).

use crate::request::Endpoint;

pub use crate::paging::Paged;
pub use crate::request::{Operation, params};
#[allow(deprecated)]
pub use chunked::Batch;
pub use chunked::{Chunked, Merge};

pub mod albums;
pub mod artists;
pub mod audiobooks;
pub mod browse;
pub mod chapters;
pub(crate) mod chunked;
pub mod episodes;
pub mod library;
pub mod markets;
pub mod player;
pub mod playlists;
pub mod search;
pub mod shows;
pub mod tracks;
pub mod users;

/// Every area's operations, in the order of the reference.
const AREAS: [&[&Endpoint]; 14] = [
    albums::ENDPOINTS,
    artists::ENDPOINTS,
    tracks::ENDPOINTS,
    shows::ENDPOINTS,
    episodes::ENDPOINTS,
    audiobooks::ENDPOINTS,
    chapters::ENDPOINTS,
    search::ENDPOINTS,
    browse::ENDPOINTS,
    markets::ENDPOINTS,
    users::ENDPOINTS,
    playlists::ENDPOINTS,
    library::ENDPOINTS,
    player::ENDPOINTS,
];

/// Every operation the crate implements, for the conformance test and the
/// generated reference (through `__unstable`).
pub(crate) fn all() -> Vec<&'static Endpoint> {
    AREAS.iter().flat_map(|area| area.iter().copied()).collect()
}

/// The operation an [`HttpRequest`](crate::http::HttpRequest) names by
/// its label (`GET /albums/{id}`): how the client finds an operation's
/// facts (scopes, deprecation) for a request, a followed `next` link
/// included. `None` for the token endpoint and linked pages.
pub(crate) fn by_label(label: &str) -> Option<&'static Endpoint> {
    AREAS
        .iter()
        .flat_map(|area| area.iter().copied())
        .find(|e| e.label == label)
}
