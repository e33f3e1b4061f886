//! Artists: one, several, their albums, top tracks and related artists.

use crate::client::Spotify;
use crate::endpoints::chunked::Chunked;
use crate::error::Error;
use crate::id::{IdKind, parse_id, parse_ids};
use crate::model::{AlbumGroup, FullArtist, FullTrack, Page, SimpleAlbum, raw};
use crate::request::{Operation, Request, operations};

operations! {
    /// `GET /artists/{id}`: [`Spotify::artist`].
    GetArtist = "get-an-artist", Get "/artists/{id}" -> FullArtist {
        query: [],
        scopes: [],
    }

    /// `GET /artists`: [`Spotify::artists`].
    GetArtists = "get-multiple-artists", Get "/artists" -> Vec<Option<FullArtist>> [raw::Artists, |r| r.artists] {
        query: [ids],
        list: ids in Query max 50,
        scopes: [],
        deprecated: "artist",
    }

    /// `GET /artists/{id}/albums`: [`Spotify::artist_albums`].
    GetArtistAlbums = "get-an-artists-albums", Get "/artists/{id}/albums" -> Page<SimpleAlbum> {
        query: [include_groups, market, limit(1..=10), offset],
        scopes: [],
    }

    /// `GET /artists/{id}/top-tracks`: [`Spotify::artist_top_tracks`].
    GetArtistTopTracks = "get-an-artists-top-tracks", Get "/artists/{id}/top-tracks" -> Vec<FullTrack> [raw::Tracks, |r| r.tracks.into_iter().flatten().collect()] {
        query: [market],
        scopes: [],
        deprecated: "search",
    }

    /// `GET /artists/{id}/related-artists`: [`Spotify::artist_related_artists`].
    GetArtistRelatedArtists = "get-an-artists-related-artists", Get "/artists/{id}/related-artists" -> Vec<FullArtist> [raw::Artists, |r| r.artists.into_iter().flatten().collect()] {
        query: [],
        scopes: [],
        deprecated: "search",
    }
}

/// A request on `/artists/{id}/...` for a validated artist ID.
fn for_artist<'a, O: Operation>(client: &'a Spotify, id: &str) -> Request<'a, O> {
    match parse_id(id, IdKind::Artist) {
        Ok(id) => Request::new(client, &[&id]),
        Err(e) => Request::failed(client, e),
    }
}

impl Spotify {
    /// One artist.
    ///
    /// Returns [`FullArtist`](crate::model::FullArtist).
    ///
    /// `GET /artists/{id}` · no scope · no options.
    ///
    /// ```no_run
    /// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
    /// let artist = spotify.artist("6XyY86QOPPrYVGvF9ch6wz").send()?;
    /// println!("{artist}");
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn artist(&self, id: &str) -> Request<'_, GetArtist> {
        for_artist(self, id)
    }

    /// Several artists (at most 50 per call unless the client is chunked);
    /// unknown IDs come back as `None`.
    ///
    /// Returns one `Option<FullArtist>` per ID, in the order given: a
    /// [`FullArtist`](crate::model::FullArtist), or `None` for an ID Spotify does not know.
    ///
    /// `GET /artists` · no scope · no options. Deprecated by Spotify in
    /// February 2026 (403 for development-mode apps).
    #[deprecated(
        note = "Spotify removed GET /artists for development-mode apps; call `artist` for each ID"
    )]
    pub fn artists<I, S>(&self, ids: I) -> Chunked<'_, GetArtists>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Chunked::lookup(self, parse_ids(ids, IdKind::Artist))
    }

    /// A page of an artist's albums, singles, compilations and appearances.
    ///
    /// Returns a [`Page`](crate::model::Page) of [`SimpleAlbum`](crate::model::SimpleAlbum).
    ///
    /// `GET /artists/{id}/albums` · no scope · options: `include_groups`,
    /// `market`, `limit` (1–10 since February 2026), `offset`. Paged:
    /// `.pages()` and `.items()`.
    ///
    /// ```no_run
    /// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
    /// use spotify_blocking::model::AlbumGroup;
    /// let albums = spotify
    ///     .artist_albums("6XyY86QOPPrYVGvF9ch6wz")
    ///     .include_groups(&[AlbumGroup::Album, AlbumGroup::Single])
    ///     .limit(10)
    ///     .send()?;
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn artist_albums(&self, id: &str) -> Request<'_, GetArtistAlbums> {
        for_artist(self, id)
    }

    /// An artist's most popular tracks (up to 10) in a market.
    ///
    /// Returns a `Vec` of [`FullTrack`](crate::model::FullTrack).
    ///
    /// `GET /artists/{id}/top-tracks` · no scope · options: `market`.
    /// Deprecated by Spotify in February 2026.
    #[deprecated(
        note = "Spotify removed GET /artists/{id}/top-tracks for development-mode apps; use `search_tracks` with an `artist:` filter"
    )]
    pub fn artist_top_tracks(&self, id: &str) -> Request<'_, GetArtistTopTracks> {
        for_artist(self, id)
    }

    /// Artists similar to an artist.
    ///
    /// Returns a `Vec` of [`FullArtist`](crate::model::FullArtist).
    ///
    /// `GET /artists/{id}/related-artists` · no scope · no options.
    /// Deprecated by Spotify in November 2024.
    #[deprecated(
        note = "Spotify removed GET /artists/{id}/related-artists for new apps; use `search_artists` with a `genre:` filter"
    )]
    pub fn artist_related_artists(&self, id: &str) -> Request<'_, GetArtistRelatedArtists> {
        for_artist(self, id)
    }
}

impl Request<'_, GetArtistAlbums> {
    /// Only these kinds of release (albums, singles, compilations,
    /// appearances); all of them by default.
    pub fn include_groups(mut self, groups: &[AlbumGroup]) -> Self {
        if groups.is_empty() {
            self.fail(Error::invalid_input(
                "include_groups",
                "give at least one group, or leave it out for all",
            ));
            return self;
        }
        let list: Vec<&str> = groups.iter().map(AlbumGroup::as_str).collect();
        self.set("include_groups", list.join(","))
    }
}
