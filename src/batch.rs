//! Lookups of several objects by ID: a [`Chunked`] call with the IDs in the
//! `ids` query parameter.

use crate::client::Spotify;
use crate::endpoints::chunked::{Chunked, Merge, query_ids};
use crate::error::Result;
use crate::request::{Operation, Request};

/// A lookup of several objects by ID (`albums`, `tracks`, ...).
///
/// More IDs than the endpoint's cap are an error unless the client was
/// built with [`chunked(true)`](crate::SpotifyBuilder::chunked); then the
/// list is split into several calls and the results merged in order.
/// Unknown IDs come back as `None`.
pub type Batch<'a, O> = Chunked<'a, O>;

impl<'a, O: Operation> Batch<'a, O>
where
    O::Output: Merge,
{
    /// A lookup of `ids` (already parsed) with at most `cap` per call.
    pub(crate) fn lookup(client: &'a Spotify, ids: Result<Vec<String>>, cap: usize) -> Self {
        Chunked::new(Request::new(client, &[]), ids, "ids", cap, query_ids)
    }
}
