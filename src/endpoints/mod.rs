//! One file per API area, each an `impl Spotify` block of endpoint methods,
//! and the operation types behind them (see [`Operation`](crate::Operation)).

use crate::request::Endpoint;

pub mod albums;
pub(crate) mod chunked;
pub mod library;
pub mod player;
pub mod playlists;
pub mod users;

/// Every operation the crate implements, for the conformance test and the
/// generated reference.
pub fn all() -> Vec<&'static Endpoint> {
    let mut v = Vec::new();
    v.extend_from_slice(albums::ENDPOINTS);
    v.extend_from_slice(users::ENDPOINTS);
    v.extend_from_slice(playlists::ENDPOINTS);
    v.extend_from_slice(library::ENDPOINTS);
    v.extend_from_slice(player::ENDPOINTS);
    v
}
