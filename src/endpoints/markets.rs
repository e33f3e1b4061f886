//! The markets Spotify is available in.

use crate::client::Spotify;
use crate::model::{Market, raw};
use crate::request::{Request, operations};

operations! {
    /// `GET /markets`: [`Spotify::markets`].
    GetMarkets = "get-available-markets", Get "/markets" -> Vec<Market> [raw::Markets, |r| r.markets] {
        query: [],
        scopes: [],
        deprecated: "no replacement",
    }
}

impl Spotify {
    /// The markets (countries) Spotify is available in.
    ///
    /// Returns a `Vec` of [`Market`](crate::model::Market).
    ///
    /// `GET /markets` · no scope · no options. Deprecated by Spotify in
    /// February 2026 (403 for development-mode apps).
    #[deprecated(
        note = "Spotify removed GET /markets for development-mode apps; there is no replacement"
    )]
    pub fn markets(&self) -> Request<'_, GetMarkets> {
        Request::new(self, &[])
    }
}
