//! One file per API area, each an `impl Spotify` block of endpoint methods,
//! and the operation types behind them (see [`Operation`](crate::Operation)).

use crate::request::Endpoint;

pub mod albums;
pub mod artists;
pub mod audiobooks;
pub mod browse;
pub mod chapters;
pub mod episodes;
pub mod markets;
pub mod search;
pub mod shows;
pub mod tracks;

/// Every operation the crate implements, for the conformance test and the
/// generated reference.
pub fn all() -> Vec<&'static Endpoint> {
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
    v
}
