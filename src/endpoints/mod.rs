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

/// Every operation the crate implements, for the conformance test and the
/// generated reference (through `__unstable`).
pub(crate) fn all() -> Vec<&'static Endpoint> {
    let mut v = Vec::new();
    v.extend_from_slice(albums::ENDPOINTS);
    v.extend_from_slice(artists::ENDPOINTS);
    v.extend_from_slice(tracks::ENDPOINTS);
    v.extend_from_slice(shows::ENDPOINTS);
    v.extend_from_slice(episodes::ENDPOINTS);
    v.extend_from_slice(audiobooks::ENDPOINTS);
    v.extend_from_slice(chapters::ENDPOINTS);
    v.extend_from_slice(search::ENDPOINTS);
    v.extend_from_slice(browse::ENDPOINTS);
    v.extend_from_slice(markets::ENDPOINTS);
    v.extend_from_slice(users::ENDPOINTS);
    v.extend_from_slice(playlists::ENDPOINTS);
    v.extend_from_slice(library::ENDPOINTS);
    v.extend_from_slice(player::ENDPOINTS);
    v
}
