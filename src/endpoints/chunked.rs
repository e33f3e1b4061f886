//! Calls that take a list of URIs or IDs and may be split into several.

use crate::client::Spotify;
use crate::error::{Error, Result};
use crate::model::PlaylistSnapshot;
use crate::request::{List, ListIn, Operation, Request, params, sealed::Sealed};

/// How the answers of several calls of a split list combine into one.
/// Sealed: implemented for the outputs of this crate's list calls.
pub trait Merge: Sealed {
    /// Adds the answer of the next call.
    fn merge(&mut self, next: Self);
}

impl Sealed for () {}
impl<T> Sealed for Vec<T> {}
impl Sealed for PlaylistSnapshot {}

impl Merge for () {
    fn merge(&mut self, _next: ()) {}
}

impl<T> Merge for Vec<T> {
    fn merge(&mut self, next: Vec<T>) {
        self.extend(next);
    }
}

impl Merge for PlaylistSnapshot {
    /// The playlist's version after the last call.
    fn merge(&mut self, next: PlaylistSnapshot) {
        *self = next;
    }
}

/// Puts one chunk of the list into a request; gets the index of the
/// chunk's first element in the whole list.
pub(crate) type Place<'a, O> = fn(Request<'a, O>, &[String], usize) -> Request<'a, O>;

/// A call with a list of items (library saves, playlist additions, follows).
///
/// More items than the endpoint takes per call are an error unless the
/// client was built with [`chunked(true)`](crate::SpotifyBuilder::chunked);
/// then the list is sent in several calls, in order, and the answers are
/// merged (lists are joined, a playlist snapshot is the last one). Nothing
/// is sent when an item is invalid.
#[must_use = "a request does nothing until it is sent: add `.send()` (paged requests also have `.pages()` and `.items()`)"]
pub struct Chunked<'a, O> {
    pub(crate) template: Request<'a, O>,
    items: Result<Vec<String>>,
    param: &'static str,
    cap: usize,
    place: Place<'a, O>,
}

impl<O> std::fmt::Debug for Chunked<'_, O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Chunked")
            .field("template", &self.template)
            .field("items", &self.items)
            .field("cap", &self.cap)
            .finish_non_exhaustive()
    }
}

impl<'a, O: Operation> Chunked<'a, O>
where
    O::Output: Merge,
{
    /// A list call whose chunks go where the operation's [`List`] facts
    /// say: a comma-separated query parameter or a JSON array.
    ///
    /// [`List`]: crate::request::List
    pub(crate) fn new(template: Request<'a, O>, items: Result<Vec<String>>) -> Self {
        Chunked::placed(template, items, place_list::<O>)
    }

    /// A list call that puts each chunk into the request with `place`;
    /// the parameter's name and the cap are still the operation's.
    pub(crate) fn placed(
        template: Request<'a, O>,
        items: Result<Vec<String>>,
        place: Place<'a, O>,
    ) -> Self {
        let (param, cap) = match &O::ENDPOINT.list {
            Some(list) => (list.name, list.cap),
            // Every list operation declares its list (the conformance test
            // checks them against the spec); without one, nothing is split.
            None => ("items", usize::MAX),
        };
        Chunked {
            template,
            items,
            param,
            cap,
            place,
        }
    }

    /// How many items one call takes.
    pub fn cap(&self) -> usize {
        self.cap
    }

    /// Sends one call per chunk, in order, and merges the answers. Stops at
    /// the first error (earlier chunks stay applied).
    pub fn send(self) -> Result<O::Output> {
        let Chunked {
            template,
            items,
            param,
            cap,
            place,
        } = self;
        if let Some(e) = template.error {
            return Err(e);
        }
        let items = items?;
        let (one, many) = if param == "ids" {
            ("ID", "IDs")
        } else {
            ("item", "items")
        };
        if items.is_empty() {
            return Err(Error::invalid_input(
                param,
                format!("give at least one {one}"),
            ));
        }
        let client = template.client;
        if items.len() > cap && !client.chunked {
            return Err(Error::invalid_input(
                param,
                format!(
                    "{} {many} given, at most {cap} per call; build the client with .chunked(true) to split the list",
                    items.len()
                ),
            ));
        }
        let mut out: Option<O::Output> = None;
        for (i, chunk) in items.chunks(cap).enumerate() {
            let answer = place(template.clone(), chunk, i * cap).send()?;
            match &mut out {
                None => out = Some(answer),
                Some(acc) => acc.merge(answer),
            }
        }
        Ok(out.expect("at least one chunk"))
    }
}

impl<O: Operation + params::Market> Chunked<'_, O> {
    /// Only content playable in this market (see [`Request::market`]); sent
    /// with every call of the split list.
    pub fn market(mut self, market: &str) -> Self {
        self.template = self.template.market(market);
        self
    }
}

impl<O: Operation + params::SnapshotId> Chunked<'_, O>
where
    O::Output: Merge,
{
    /// Apply the change to this version of the playlist (sent with every
    /// call of a split list).
    pub fn snapshot_id(mut self, snapshot_id: &str) -> Self {
        self.template = self.template.snapshot_id(snapshot_id);
        self
    }
}

impl<O: Operation + params::Position> Chunked<'_, O>
where
    O::Output: Merge,
{
    /// Insert at this index (0 = first); appended by default. A list sent
    /// in several calls keeps its order.
    pub fn position(mut self, position: u32) -> Self {
        self.template = self.template.body("position", serde_json::json!(position));
        self
    }
}

/// Places a chunk where the operation's list goes: joined with commas in
/// the query, or as a JSON array in the body.
pub(crate) fn place_list<'a, O: Operation>(
    r: Request<'a, O>,
    chunk: &[String],
    _: usize,
) -> Request<'a, O> {
    match &O::ENDPOINT.list {
        Some(List {
            name,
            place: ListIn::Body,
            ..
        }) => r.body(name, serde_json::json!(chunk)),
        Some(List { name, .. }) => r.set(name, chunk.join(",")),
        None => r,
    }
}

/// Deprecated name of [`Chunked`].
#[deprecated(since = "0.2.0", note = "renamed to `Chunked`")]
pub type Batch<'a, O> = Chunked<'a, O>;

impl<'a, O: Operation> Chunked<'a, O>
where
    O::Output: Merge,
{
    /// A lookup of several objects by `ids` (already parsed), with the IDs
    /// where the operation's list goes. Unknown IDs come back as `None`.
    pub(crate) fn lookup(client: &'a Spotify, ids: Result<Vec<String>>) -> Self {
        Chunked::new(Request::new(client, &[]), ids)
    }
}

/// Parses track or episode references into URIs: `spotify:` URIs and
/// `open.spotify.com` URLs of either kind, or bare IDs (taken as tracks).
pub(crate) fn playable_uri(input: &str) -> Result<String> {
    use crate::id::{IdKind, parse_id, parse_uri};
    let trimmed = input.trim();
    if !trimmed.contains(':') && !trimmed.contains('/') {
        let id = parse_id(trimmed, IdKind::Track)?;
        return Ok(format!("spotify:track:{id}"));
    }
    let (kind, uri) = parse_uri(trimmed)?;
    match kind {
        IdKind::Track | IdKind::Episode => Ok(uri),
        other => Err(Error::InvalidId {
            input: crate::id::shown(trimmed),
            expected: "track or episode",
            reason: format!(
                "this is a {other}; only tracks and episodes can be played or listed here"
            ),
        }),
    }
}

/// [`playable_uri`] for every input, stopping at the first bad one.
pub(crate) fn playable_uris<I, S>(inputs: I) -> Result<Vec<String>>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    inputs
        .into_iter()
        .map(|s| playable_uri(s.as_ref()))
        .collect()
}
