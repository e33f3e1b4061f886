//! Calls that take a list of IDs: the cap, and chunking.

use crate::client::Spotify;
use crate::error::{Error, Result};
use crate::request::{Operation, Request, params};

/// A lookup of several objects by ID (`albums`, `tracks`, ...).
///
/// More IDs than the endpoint's cap are an error unless the client was
/// built with [`chunked(true)`](crate::SpotifyBuilder::chunked); then the
/// list is split into several calls and the results merged in order.
/// Unknown IDs come back as `None`.
#[must_use = "a request does nothing until `.send()` is called"]
pub struct Batch<'a, O> {
    client: &'a Spotify,
    ids: Result<Vec<String>>,
    param: &'static str,
    cap: usize,
    market: Option<String>,
    op: std::marker::PhantomData<fn() -> O>,
}

impl<'a, O, T> Batch<'a, O>
where
    O: Operation<Output = Vec<Option<T>>>,
{
    pub(crate) fn new(
        client: &'a Spotify,
        ids: Result<Vec<String>>,
        param: &'static str,
        cap: usize,
    ) -> Self {
        let ids = ids.and_then(|ids| {
            if ids.is_empty() {
                Err(Error::invalid_input(param, "give at least one ID"))
            } else {
                Ok(ids)
            }
        });
        Batch {
            client,
            ids,
            param,
            cap,
            market: None,
            op: std::marker::PhantomData,
        }
    }

    /// Sends one call per chunk and merges the results in order.
    pub fn send(self) -> Result<Vec<Option<T>>> {
        let ids = self.ids?;
        if ids.len() > self.cap && !self.client.chunked {
            return Err(Error::invalid_input(
                self.param,
                format!(
                    "{} IDs given, at most {} per call; build the client with .chunked(true) to split the list",
                    ids.len(),
                    self.cap
                ),
            ));
        }
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(self.cap) {
            let mut req = Request::<O>::new(self.client, &[]).set(self.param, chunk.join(","));
            if let Some(m) = &self.market {
                req = req.set("market", m.clone());
            }
            out.extend(req.send()?);
        }
        Ok(out)
    }
}

impl<O: params::Market> Batch<'_, O> {
    /// Only content playable in this market (see [`Request::market`]).
    pub fn market(mut self, market: &str) -> Self {
        if market != "from_token" && crate::model::Market::new(market).is_none() {
            self.ids = Err(Error::invalid_input(
                "market",
                format!("{market:?} is not a two-letter ISO 3166-1 code or \"from_token\""),
            ));
        }
        self.market = Some(market.to_owned());
        self
    }
}
