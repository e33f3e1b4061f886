//! One file per API area, each an `impl Spotify` block of endpoint methods,
//! and the operation types behind them (see [`Operation`](crate::Operation)).

use crate::request::Endpoint;

pub mod albums;

/// Every operation the crate implements, for the conformance test and the
/// generated reference.
pub fn all() -> Vec<&'static Endpoint> {
    let mut v = Vec::new();
    v.extend_from_slice(albums::ENDPOINTS);
    v
}
