//! Search: several types at once, or one type with paging.

use crate::client::Spotify;
use crate::error::Error;
use crate::model::{
    FullArtist, FullTrack, Page, SearchResults, SearchType, SimpleAlbum, SimpleAudiobook,
    SimpleEpisode, SimplePlaylist, SimpleShow,
};
use crate::request::{Endpoint, Operation, Request, operations, params};

operations! {
    /// `GET /search`: [`Spotify::search`].
    Search = "search", Get "/search" -> SearchResults {
        query: [q, type, market, limit(1..=10), offset(0..=1000), include_external],
        scopes: [],
    }
}

/// The search operations: [`Search`] and the one-type searches
/// ([`SearchTracks`], ...). It gates
/// [`include_external_audio`](Request::include_external_audio). Sealed.
pub trait SearchOperation: Operation {}

impl SearchOperation for Search {}

/// Declares a one-type search: `GET /search?type=...` whose output is that
/// type's page, so `.pages()` and `.items()` follow the page's `next`.
macro_rules! search_one {
    ($(#[$m:meta])* $op:ident, $field:ident, $item:ty) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy)]
        pub struct $op;

        impl crate::request::sealed::Sealed for $op {}

        impl Operation for $op {
            type Output = Page<$item>;
            type Raw = SearchResults;
            const ENDPOINT: &'static Endpoint = Search::ENDPOINT;
            fn output(raw: SearchResults) -> Page<$item> {
                raw.$field.unwrap_or_default()
            }
        }

        impl params::Market for $op {}
        impl params::Limit for $op {}
        impl params::Offset for $op {}
        impl SearchOperation for $op {}
    };
}

search_one! {
    /// `GET /search?type=track`: [`Spotify::search_tracks`].
    SearchTracks, tracks, FullTrack
}
search_one! {
    /// `GET /search?type=artist`: [`Spotify::search_artists`].
    SearchArtists, artists, FullArtist
}
search_one! {
    /// `GET /search?type=album`: [`Spotify::search_albums`].
    SearchAlbums, albums, SimpleAlbum
}
search_one! {
    /// `GET /search?type=playlist`: [`Spotify::search_playlists`].
    SearchPlaylists, playlists, SimplePlaylist
}
search_one! {
    /// `GET /search?type=show`: [`Spotify::search_shows`].
    SearchShows, shows, SimpleShow
}
search_one! {
    /// `GET /search?type=episode`: [`Spotify::search_episodes`].
    SearchEpisodes, episodes, SimpleEpisode
}
search_one! {
    /// `GET /search?type=audiobook`: [`Spotify::search_audiobooks`].
    SearchAudiobooks, audiobooks, SimpleAudiobook
}

/// A search request for `q` over `types` (checked: neither may be empty).
fn start<'a, O: Operation>(client: &'a Spotify, q: &str, types: &[SearchType]) -> Request<'a, O> {
    if q.trim().is_empty() {
        return Request::failed(
            client,
            Error::invalid_input("q", "the search query is empty"),
        );
    }
    if types.is_empty() {
        return Request::failed(
            client,
            Error::invalid_input("type", "give at least one type to search for"),
        );
    }
    let mut names: Vec<&str> = Vec::with_capacity(types.len());
    for t in types {
        if !names.contains(&t.as_str()) {
            names.push(t.as_str());
        }
    }
    Request::new(client, &[])
        .set("q", q)
        .set("type", names.join(","))
}

impl Spotify {
    /// Searches several types at once: one optional page per type.
    ///
    /// Returns [`SearchResults`](crate::model::SearchResults).
    ///
    /// `q` is passed through as given, field filters included
    /// (`artist:"Sigur Rós" year:1999-2005`, `tag:new`, `isrc:...`).
    ///
    /// `GET /search` · no scope · options: `market`, `limit` (1–10 per type
    /// since February 2026), `offset` (0–1000), `include_external_audio`.
    /// To page through one type, use [`search_tracks`](Self::search_tracks)
    /// and its siblings.
    ///
    /// ```no_run
    /// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
    /// use spotify_blocking::model::SearchType;
    /// let found = spotify
    ///     .search("artist:Linkin Park", &[SearchType::Album, SearchType::Track])
    ///     .market("SE")
    ///     .limit(10)
    ///     .send()?;
    /// for album in found.albums.iter().flat_map(|p| &p.items) {
    ///     println!("{album}");
    /// }
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn search(&self, q: &str, types: &[SearchType]) -> Request<'_, Search> {
        start(self, q, types)
    }

    /// Searches tracks only; `.pages()` and `.items()` go past the first
    /// page.
    ///
    /// Returns a [`Page`](crate::model::Page) of [`FullTrack`](crate::model::FullTrack).
    ///
    /// `GET /search?type=track` · no scope · options: `market`, `limit`
    /// (1–10), `offset` (0–1000), `include_external_audio`.
    ///
    /// ```no_run
    /// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
    /// for track in spotify.search_tracks("year:1999 genre:rock").limit(10).items().take(30) {
    ///     println!("{}", track?.name);
    /// }
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn search_tracks(&self, q: &str) -> Request<'_, SearchTracks> {
        start(self, q, &[SearchType::Track])
    }

    /// Searches artists only (paged like `search_tracks`).
    ///
    /// Returns a [`Page`](crate::model::Page) of [`FullArtist`](crate::model::FullArtist).
    ///
    /// `GET /search?type=artist` · no scope · options: `market`, `limit`
    /// (1–10), `offset` (0–1000), `include_external_audio`.
    pub fn search_artists(&self, q: &str) -> Request<'_, SearchArtists> {
        start(self, q, &[SearchType::Artist])
    }

    /// Searches albums only (paged like `search_tracks`).
    ///
    /// Returns a [`Page`](crate::model::Page) of [`SimpleAlbum`](crate::model::SimpleAlbum).
    ///
    /// `GET /search?type=album` · no scope · options: `market`, `limit`
    /// (1–10), `offset` (0–1000), `include_external_audio`.
    pub fn search_albums(&self, q: &str) -> Request<'_, SearchAlbums> {
        start(self, q, &[SearchType::Album])
    }

    /// Searches playlists only (paged like `search_tracks`).
    ///
    /// Returns a [`Page`](crate::model::Page) of [`SimplePlaylist`](crate::model::SimplePlaylist).
    ///
    /// `GET /search?type=playlist` · no scope · options: `market`, `limit`
    /// (1–10), `offset` (0–1000), `include_external_audio`.
    pub fn search_playlists(&self, q: &str) -> Request<'_, SearchPlaylists> {
        start(self, q, &[SearchType::Playlist])
    }

    /// Searches podcast shows only (paged like `search_tracks`).
    ///
    /// Returns a [`Page`](crate::model::Page) of [`SimpleShow`](crate::model::SimpleShow).
    ///
    /// `GET /search?type=show` · no scope · options: `market`, `limit`
    /// (1–10), `offset` (0–1000), `include_external_audio`.
    pub fn search_shows(&self, q: &str) -> Request<'_, SearchShows> {
        start(self, q, &[SearchType::Show])
    }

    /// Searches podcast episodes only (paged like `search_tracks`).
    ///
    /// Returns a [`Page`](crate::model::Page) of [`SimpleEpisode`](crate::model::SimpleEpisode).
    ///
    /// `GET /search?type=episode` · no scope · options: `market`, `limit`
    /// (1–10), `offset` (0–1000), `include_external_audio`.
    pub fn search_episodes(&self, q: &str) -> Request<'_, SearchEpisodes> {
        start(self, q, &[SearchType::Episode])
    }

    /// Searches audiobooks only (paged like `search_tracks`).
    ///
    /// Returns a [`Page`](crate::model::Page) of [`SimpleAudiobook`](crate::model::SimpleAudiobook).
    ///
    /// `GET /search?type=audiobook` · no scope · options: `market`, `limit`
    /// (1–10), `offset` (0–1000), `include_external_audio`.
    pub fn search_audiobooks(&self, q: &str) -> Request<'_, SearchAudiobooks> {
        start(self, q, &[SearchType::Audiobook])
    }
}

impl<O: SearchOperation> Request<'_, O> {
    /// Marks externally hosted audio (some podcasts) as playable
    /// (`include_external=audio`); by default Spotify marks it unplayable.
    pub fn include_external_audio(self) -> Self {
        self.set("include_external", "audio")
    }
}
