//! Request values: what an endpoint method returns.
//!
//! Every endpoint method validates its arguments and returns a
//! [`Request`]; its setters add the endpoint's optional parameters and
//! [`send`](Request::send) performs the one HTTP call. A bad argument is
//! kept in the request and returned by `send` before anything goes over the
//! wire.
//!
//! The path of one call: the endpoint method builds a `Request`;
//! [`Request::into_http`] turns it into the transport's one request type
//! (base, path, query, default market, body); [`Spotify::send_http`] sends
//! it through the transport and decodes the answer into the model.

use crate::client::Spotify;
use crate::error::{Error, Result};
use crate::http::{Body, HttpRequest, Method};
use serde::de::DeserializeOwned;
use std::marker::PhantomData;

/// The facts of one Spotify operation, as the OpenAPI description states
/// them. The conformance test compares these with the description.
///
/// Not a stable API: reachable only through the hidden
/// `spotify_blocking::__unstable` module, for the crate's own tests.
#[derive(Debug)]
#[non_exhaustive]
pub struct Endpoint {
    /// Spotify's `operationId` (`get-an-album`).
    pub operation_id: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path template (`/albums/{id}`).
    pub path: &'static str,
    /// `METHOD /path`, as errors name the endpoint.
    pub label: &'static str,
    /// Query parameters, required and optional.
    pub query: &'static [Param],
    /// Top-level keys of the JSON body, if it takes one.
    pub body: &'static [&'static str],
    /// The list of IDs, URIs or items the call takes, if any.
    pub list: Option<List>,
    /// Scopes the operation requires.
    pub scopes: &'static [&'static str],
    /// For deprecated operations: what to use instead.
    pub deprecated: Option<&'static str>,
    /// The Rust type `send` returns, as written in the source.
    pub returns: &'static str,
}

/// The list a call takes: its parameter, where it goes, and the most
/// entries one call takes (longer lists are split or refused).
#[derive(Debug)]
#[non_exhaustive]
pub struct List {
    /// The parameter or body key (`ids`, `uris`, `items`).
    pub name: &'static str,
    /// Where the list goes.
    pub place: ListIn,
    /// The most entries one call takes, as Spotify states it.
    pub cap: usize,
}

/// Where a call's [`List`] goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ListIn {
    /// A comma-separated query parameter.
    Query,
    /// A JSON array under a top-level body key.
    Body,
}

/// One query parameter and its allowed range.
#[derive(Debug)]
#[non_exhaustive]
pub struct Param {
    /// The name Spotify uses.
    pub name: &'static str,
    /// Inclusive bounds for numeric parameters.
    pub range: Option<(u32, u32)>,
}

impl Endpoint {
    /// The range of a numeric query parameter.
    pub fn range(&self, name: &str) -> Option<(u32, u32)> {
        self.query.iter().find(|p| p.name == name)?.range
    }

    /// Whether the endpoint takes this query parameter.
    pub fn takes(&self, name: &str) -> bool {
        self.query.iter().any(|p| p.name == name)
    }

    /// The largest `limit` of a paged endpoint: one that takes a `limit`
    /// with a stated range and an `offset` or an `after` cursor. `None`
    /// for everything else (recommendations take a `limit` but do not
    /// page).
    pub(crate) fn page_limit_max(&self) -> Option<u32> {
        let paged = self.takes("offset") || self.takes("after");
        self.range("limit").filter(|_| paged).map(|(_, hi)| hi)
    }

    /// The scopes of which a token must hold at least one for Spotify to
    /// answer at all: [`scopes`](Self::scopes), except for the few
    /// operations whose listed scopes only widen the answer (shows and
    /// episodes, `GET /me`, playlist items and lists,
    /// `GET /me/library/contains`): empty for those.
    pub fn required_scopes(&self) -> &'static [&'static str] {
        if SCOPES_OPTIONAL.contains(&self.operation_id) {
            &[]
        } else {
            self.scopes
        }
    }
}

/// Operations whose listed scopes Spotify does not insist on: without
/// them it still answers, with less. The scope check before sending skips
/// them, so it never refuses a call Spotify would answer.
///
/// - shows and episodes: `user-read-playback-position` only adds resume
///   points;
/// - `GET /me`: `user-read-email` and `user-read-private` only add fields;
/// - playlist items and playlist lists: `playlist-read-private` (and
///   `-collaborative`) are needed for private playlists only;
/// - `GET /me/library/contains`: which scope applies depends on the URIs.
pub(crate) const SCOPES_OPTIONAL: &[&str] = &[
    "get-a-show",
    "get-a-shows-episodes",
    "get-an-episode",
    "get-multiple-episodes",
    "get-current-users-profile",
    "get-playlists-items",
    "get-playlists-tracks",
    "get-list-users-playlists",
    "get-a-list-of-current-users-playlists",
    "check-library-contains",
];

/// Keeps [`Operation`] and the [`params`] markers to this crate's types.
pub(crate) mod sealed {
    /// Implemented only by the operation types `operations!` declares.
    pub trait Sealed {}
}

/// One Spotify operation: what its request's [`send`](Request::send)
/// returns.
///
/// Implemented by the zero-sized operation types in
/// [`endpoints`](crate::endpoints) (`GetAlbum`, ...); sealed, so it cannot
/// be implemented outside this crate.
pub trait Operation: sealed::Sealed {
    /// What `send` returns.
    type Output;
    /// What the body decodes into (the output, or a wrapper object).
    #[doc(hidden)]
    type Raw: DeserializeOwned;
    /// The operation's facts.
    #[doc(hidden)]
    const ENDPOINT: &'static Endpoint;
    /// Unwraps the decoded body.
    #[doc(hidden)]
    fn output(raw: Self::Raw) -> Self::Output;
}

/// Marker traits: which optional parameters an operation takes. They gate
/// the setters of [`Request`], so `.limit(..)` exists only where Spotify
/// accepts a `limit`. Sealed: only this crate's operation types have them.
pub mod params {
    use super::sealed::Sealed;

    /// The operation takes `market`.
    pub trait Market: Sealed {}
    /// The operation takes `limit`.
    pub trait Limit: Sealed {}
    /// The operation takes `offset`.
    pub trait Offset: Sealed {}
    /// The operation takes `fields`.
    pub trait Fields: Sealed {}
    /// The operation takes `locale`.
    pub trait Locale: Sealed {}
    /// The operation takes `additional_types`.
    pub trait AdditionalTypes: Sealed {}
    /// The operation takes `device_id`.
    pub trait DeviceId: Sealed {}
    /// The operation takes `after` and `before` (cursors).
    pub trait Cursor: Sealed {}
    /// The body takes `public`.
    pub trait Public: Sealed {}
    /// The body takes `collaborative`.
    pub trait Collaborative: Sealed {}
    /// The body takes `description`.
    pub trait Description: Sealed {}
    /// The body takes `snapshot_id`.
    pub trait SnapshotId: Sealed {}
    /// The body takes `range_length`.
    pub trait RangeLength: Sealed {}
    /// The body takes `position`.
    pub trait Position: Sealed {}
}

/// A request to one endpoint, ready to [`send`](Request::send).
///
/// Nothing goes over the wire until `send` (or, for paged endpoints,
/// `pages` or `items`). A request that is built and dropped is a warning
/// (`unused ... that must be used`), and one used as if it were the answer
/// is an error naming this type where the model was expected:
///
/// ```compile_fail,E0277
/// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
/// // error[E0277]: the `?` operator can only be applied to values that implement `Try`
/// let album = spotify.album("3RBULTZJ97bvVzZLpxcB0j")?; // forgot `.send()`
/// # Ok::<(), spotify_blocking::Error>(())
/// ```
///
/// ```compile_fail,E0609
/// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
/// let album = spotify.album("3RBULTZJ97bvVzZLpxcB0j");
/// // error[E0609]: no field `name` on type `Request<'_, GetAlbum>`
/// println!("{}", album.name);
/// ```
///
/// ```compile_fail
/// #![deny(unused_must_use)]
/// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
/// spotify.playback_pause(); // warning: unused `Request` that must be used
/// ```
///
/// With `.send()` each of them compiles:
///
/// ```no_run
/// #![deny(unused_must_use)]
/// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
/// let album = spotify.album("3RBULTZJ97bvVzZLpxcB0j").send()?;
/// println!("{}", album.name);
/// spotify.playback_pause().send()?;
/// # Ok::<(), spotify_blocking::Error>(())
/// ```
#[must_use = "a request does nothing until it is sent: add `.send()` (paged requests also have `.pages()` and `.items()`)"]
pub struct Request<'a, O> {
    pub(crate) client: &'a Spotify,
    path: String,
    query: Vec<(&'static str, String)>,
    pub(crate) body: Body,
    pub(crate) error: Option<Error>,
    op: PhantomData<fn() -> O>,
}

impl<O> std::fmt::Debug for Request<'_, O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("path", &self.path)
            .field("query", &self.query)
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

/// A copy of a request that failed validation carries the same message
/// (errors keep their sources as text only when copied).
impl<O> Clone for Request<'_, O> {
    fn clone(&self) -> Self {
        Request {
            client: self.client,
            path: self.path.clone(),
            query: self.query.clone(),
            body: self.body.clone(),
            error: self.error.as_ref().map(Error::duplicate),
            op: PhantomData,
        }
    }
}

impl<'a, O: Operation> Request<'a, O> {
    /// A request to `O`'s path, with `{...}` placeholders filled in order.
    pub(crate) fn new(client: &'a Spotify, path_args: &[&str]) -> Self {
        let template = O::ENDPOINT.path;
        let mut path = String::with_capacity(template.len() + 24);
        let mut args = path_args.iter();
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            path.push_str(&rest[..start]);
            let end = rest[start..]
                .find('}')
                .map_or(rest.len(), |e| start + e + 1);
            path.push_str(&crate::encode::component(
                args.next().copied().unwrap_or(""),
            ));
            rest = &rest[end..];
        }
        path.push_str(rest);
        Request {
            client,
            path,
            query: Vec::new(),
            body: Body::Empty,
            error: None,
            op: PhantomData,
        }
    }

    /// A request that fails with `error` when sent (bad arguments).
    pub(crate) fn failed(client: &'a Spotify, error: Error) -> Self {
        let mut r = Request::new(client, &[]);
        r.error = Some(error);
        r
    }

    /// Records the first validation error.
    pub(crate) fn fail(&mut self, error: Error) {
        if self.error.is_none() {
            self.error = Some(error);
        }
    }

    /// Sets a query parameter (replacing an earlier value).
    pub(crate) fn set(mut self, name: &'static str, value: impl Into<String>) -> Self {
        let value = value.into();
        match self.query.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.query.push((name, value)),
        }
        self
    }

    /// Sets a numeric query parameter after checking its range.
    pub(crate) fn set_number(mut self, name: &'static str, value: u32) -> Self {
        if let Some((lo, hi)) = O::ENDPOINT.range(name) {
            if value < lo || value > hi {
                self.fail(Error::invalid_input(
                    name,
                    format!("{value} is out of range; allowed: {lo} to {hi}"),
                ));
                return self;
            }
        }
        self.set(name, value.to_string())
    }

    /// Sets a key of the JSON body.
    pub(crate) fn body(mut self, key: &str, value: serde_json::Value) -> Self {
        if !matches!(self.body, Body::Json(_)) {
            self.body = Body::Json(serde_json::Map::new());
        }
        if let Body::Json(map) = &mut self.body {
            map.insert(key.to_owned(), value);
        }
        self
    }

    /// A number already set in the JSON body.
    pub(crate) fn body_number(&self, key: &str) -> Option<u64> {
        match &self.body {
            Body::Json(map) => map.get(key).and_then(serde_json::Value::as_u64),
            _ => None,
        }
    }

    /// The one HTTP request this value stands for: the client's API base,
    /// the path, the query and the client's default market (for endpoints
    /// that take one and calls that set none), the largest `limit` in
    /// max-limits mode (for paged endpoints and calls that set none), and
    /// the body. A request that
    /// failed validation returns its error here, before any I/O.
    pub(crate) fn into_http(self) -> Result<HttpRequest> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let endpoint = O::ENDPOINT;
        let base = self.client.api_base();
        let mut url = String::with_capacity(base.len() + self.path.len() + 64);
        url.push_str(base);
        url.push_str(&self.path);
        let default_market = self.client.default_market().filter(|_| {
            endpoint.takes("market") && !self.query.iter().any(|(k, _)| *k == "market")
        });
        let market = default_market.as_ref().map(|m| ("market", m.as_str()));
        // Max-limits mode: the endpoint's largest page when none is set.
        let max_limit = endpoint
            .page_limit_max()
            .filter(|_| self.client.max_limits && !self.query.iter().any(|(k, _)| *k == "limit"))
            .map(|n| n.to_string());
        let limit = max_limit.as_deref().map(|n| ("limit", n));
        let pairs = self.query.iter().map(|(k, v)| (*k, v.as_str()));
        for (i, (k, v)) in pairs.chain(limit).chain(market).enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(k);
            url.push('=');
            url.push_str(&crate::encode::component(v));
        }
        Ok(HttpRequest {
            method: endpoint.method,
            url,
            body: self.body,
            endpoint: endpoint.label,
        })
    }

    /// Sends the request and decodes the answer.
    pub fn send(self) -> Result<O::Output> {
        let client = self.client;
        let request = self.into_http()?;
        client.send_http::<O::Raw>(&request).map(O::output)
    }
}

impl<O: Operation + params::Market> Request<'_, O> {
    /// Only content playable in this market (`"SE"`), or `"from_token"` for
    /// the user's own country. Without it, the client's default market (if
    /// one is set) is sent.
    pub fn market(mut self, market: &str) -> Self {
        if market == "from_token" || crate::model::Market::new(market).is_some() {
            self.set("market", market)
        } else {
            self.fail(Error::invalid_input(
                "market",
                format!("{market:?} is not a two-letter ISO 3166-1 code or \"from_token\""),
            ));
            self
        }
    }
}

impl<O: Operation + params::Limit> Request<'_, O> {
    /// How many items per page; the allowed range is the endpoint's.
    pub fn limit(self, limit: u32) -> Self {
        self.set_number("limit", limit)
    }
}

impl<O: Operation + params::Offset> Request<'_, O> {
    /// Index of the first item (0 by default).
    pub fn offset(self, offset: u32) -> Self {
        self.set_number("offset", offset)
    }
}

impl<O: Operation + params::Fields> Request<'_, O> {
    /// Only these fields, in Spotify's field syntax
    /// (`"items(added_at,item(name))"`). The model's missing fields then
    /// decode as `None` or defaults.
    pub fn fields(self, fields: &str) -> Self {
        self.set("fields", fields)
    }
}

impl<O: Operation + params::Locale> Request<'_, O> {
    /// Language and country of texts (`"sv_SE"`).
    pub fn locale(self, locale: &str) -> Self {
        self.set("locale", locale)
    }
}

impl<O: Operation + params::DeviceId> Request<'_, O> {
    /// The device to act on; the active device by default.
    pub fn device_id(self, device_id: &str) -> Self {
        self.set("device_id", device_id)
    }
}

impl<O: Operation + params::AdditionalTypes> Request<'_, O> {
    /// Also accept episodes (`"track,episode"`). The crate asks for both by
    /// default, so episodes in playlists and the player decode.
    pub fn additional_types(self, types: &str) -> Self {
        self.set("additional_types", types)
    }
}

impl<O: Operation + params::Cursor> Request<'_, O> {
    /// Items after this cursor (a timestamp in ms, or an ID).
    pub fn after(self, after: &str) -> Self {
        self.set("after", after)
    }

    /// Items before this cursor.
    pub fn before(self, before: &str) -> Self {
        self.set("before", before)
    }
}

impl<O: Operation + params::Public> Request<'_, O> {
    /// Whether the playlist is public: shown on the user's profile
    /// (Spotify's default when following one).
    pub fn public(self, public: bool) -> Self {
        self.body("public", serde_json::json!(public))
    }
}

impl<O: Operation + params::Collaborative> Request<'_, O> {
    /// Whether other users may change the playlist (only for private ones).
    pub fn collaborative(self, collaborative: bool) -> Self {
        self.body("collaborative", serde_json::json!(collaborative))
    }
}

impl<O: Operation + params::Description> Request<'_, O> {
    /// The playlist's description.
    pub fn description(self, description: &str) -> Self {
        self.body("description", serde_json::json!(description))
    }
}

impl<O: Operation + params::SnapshotId> Request<'_, O> {
    /// Apply the change to this version of the playlist.
    pub fn snapshot_id(self, snapshot_id: &str) -> Self {
        self.body("snapshot_id", serde_json::json!(snapshot_id))
    }
}

impl<O: Operation + params::RangeLength> Request<'_, O> {
    /// How many items to move, starting at `range_start` (1 by default).
    pub fn range_length(self, n: u32) -> Self {
        self.body("range_length", serde_json::json!(n))
    }
}

/// Declares a file's operations and their facts: the one registry per
/// endpoint.
///
/// ```text
/// operations! {
///     /// docs
///     GetAlbums = "get-multiple-albums", Get "/albums" -> Vec<Option<FullAlbum>> [raw::Albums, |r| r.albums] {
///         query: [ids, market, limit(1..=50)],
///         body: [uris],
///         list: ids in Query max 20,
///         scopes: [],
///         deprecated: "album",
///     }
///
///     /// docs
///     GetAlbum = "get-an-album", Get "/albums/{id}" -> FullAlbum {
///         query: [market],
///         scopes: [],
///     }
/// }
/// ```
/// Each declaration becomes an operation type; the file gets
/// `ENDPOINTS`, its operations in declaration order, which
/// `endpoints::all()` gathers. `-> T [Raw, |r| r.field]` decodes into the
/// wrapper `Raw` and takes the output out of it. The setter markers
/// ([`params`]) follow from the query list (`market` gives `.market(..)`,
/// ...). `list:` names the list the call takes, where it goes and
/// Spotify's cap per call; [`Chunked`] splits or refuses by it, and the
/// conformance test checks it.
///
/// [`Chunked`]: crate::Chunked
macro_rules! operations {
    (@one
        $(#[$m:meta])*
        $name:ident = $op_id:literal, $method:ident $path:literal -> $out:ty $([$raw:ty, |$r:ident| $conv:expr])? {
            query: [$($q:ident $(($lo:literal ..= $hi:literal))?),* $(,)?],
            $(body: [$($b:ident),* $(,)?],)?
            $(list: $list:ident in $list_in:ident max $cap:literal,)?
            scopes: [$($scope:literal),* $(,)?],
            $(deprecated: $dep:literal,)?
        }
    ) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy)]
        pub struct $name;

        impl $crate::request::sealed::Sealed for $name {}

        impl $crate::request::Operation for $name {
            type Output = $out;
            $crate::request::operations!(@raw $out $(, $raw, |$r| $conv)?);
            const ENDPOINT: &'static $crate::request::Endpoint = &$crate::request::Endpoint {
                operation_id: $op_id,
                method: $crate::http::Method::$method,
                path: $path,
                label: $crate::request::operations!(@label $method $path),
                query: &[$($crate::request::Param {
                    name: stringify!($q),
                    range: $crate::request::operations!(@range $(($lo, $hi))?),
                }),*],
                body: &[$($(stringify!($b)),*)?],
                list: $crate::request::operations!(@list $($list $list_in $cap)?),
                scopes: &[$($scope),*],
                deprecated: $crate::request::operations!(@dep $($dep)?),
                returns: stringify!($out),
            };
        }

        $($crate::request::operations!(@marker $name $q);)*
        $($($crate::request::operations!(@body_marker $name $b);)*)?
    };
    // So do the body setters.
    (@body_marker $name:ident public) => { impl $crate::request::params::Public for $name {} };
    (@body_marker $name:ident collaborative) => {
        impl $crate::request::params::Collaborative for $name {}
    };
    (@body_marker $name:ident description) => {
        impl $crate::request::params::Description for $name {}
    };
    (@body_marker $name:ident snapshot_id) => {
        impl $crate::request::params::SnapshotId for $name {}
    };
    (@body_marker $name:ident range_length) => {
        impl $crate::request::params::RangeLength for $name {}
    };
    (@body_marker $name:ident position) => { impl $crate::request::params::Position for $name {} };
    (@body_marker $name:ident $other:ident) => {};
    // The setter markers follow from the query list.
    (@marker $name:ident market) => { impl $crate::request::params::Market for $name {} };
    (@marker $name:ident limit) => { impl $crate::request::params::Limit for $name {} };
    (@marker $name:ident offset) => { impl $crate::request::params::Offset for $name {} };
    (@marker $name:ident fields) => { impl $crate::request::params::Fields for $name {} };
    (@marker $name:ident locale) => { impl $crate::request::params::Locale for $name {} };
    (@marker $name:ident additional_types) => {
        impl $crate::request::params::AdditionalTypes for $name {}
    };
    (@marker $name:ident device_id) => { impl $crate::request::params::DeviceId for $name {} };
    // `before` marks the two cursors; an `after` alone gets its own setter.
    (@marker $name:ident before) => { impl $crate::request::params::Cursor for $name {} };
    (@marker $name:ident $other:ident) => {};
    (@list) => { None };
    (@list $list:ident $list_in:ident $cap:literal) => {
        Some($crate::request::List {
            name: stringify!($list),
            place: $crate::request::ListIn::$list_in,
            cap: $cap,
        })
    };
    (@raw $out:ty) => {
        type Raw = $out;
        fn output(raw: $out) -> $out { raw }
    };
    (@raw $out:ty, $raw:ty, |$r:ident| $conv:expr) => {
        type Raw = $raw;
        fn output($r: $raw) -> $out { $conv }
    };
    (@label Get $path:literal) => { concat!("GET ", $path) };
    (@label Post $path:literal) => { concat!("POST ", $path) };
    (@label Put $path:literal) => { concat!("PUT ", $path) };
    (@label Delete $path:literal) => { concat!("DELETE ", $path) };
    (@range) => { None };
    (@range ($lo:literal, $hi:literal)) => { Some(($lo, $hi)) };
    (@dep) => { None };
    (@dep $dep:literal) => { Some($dep) };
    // A file's declarations, then its list.
    ($(
        $(#[$m:meta])*
        $name:ident = $op_id:literal, $method:ident $path:literal -> $out:ty $([$raw:ty, |$r:ident| $conv:expr])? {
            $($facts:tt)*
        }
    )*) => {
        $($crate::request::operations! { @one
            $(#[$m])*
            $name = $op_id, $method $path -> $out $([$raw, |$r| $conv])? { $($facts)* }
        })*

        /// This file's operations, in declaration order.
        pub(crate) const ENDPOINTS: &[&$crate::request::Endpoint] =
            &[$(<$name as $crate::request::Operation>::ENDPOINT),*];
    };
}
pub(crate) use operations;
