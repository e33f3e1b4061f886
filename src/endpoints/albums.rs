//! Albums: one, several, their tracks, new releases, the saved ones.

use crate::client::Spotify;
use crate::endpoints::chunked::Chunked;
use crate::id::{IdKind, parse_id, parse_ids};
use crate::model::{FullAlbum, Page, SimpleAlbum, SimpleTrack, raw};
use crate::request::{Request, operations};

operations! {
    /// `GET /albums/{id}`: [`Spotify::album`].
    GetAlbum = "get-an-album", Get "/albums/{id}" -> FullAlbum {
        query: [market],
        scopes: [],
    }

    /// `GET /albums`: [`Spotify::albums`].
    GetAlbums = "get-multiple-albums", Get "/albums" -> Vec<Option<FullAlbum>> [raw::Albums, |r| r.albums] {
        query: [ids, market],
        list: ids in Query max 20,
        scopes: [],
        deprecated: "album",
    }

    /// `GET /albums/{id}/tracks`: [`Spotify::album_tracks`].
    GetAlbumTracks = "get-an-albums-tracks", Get "/albums/{id}/tracks" -> Page<SimpleTrack> {
        query: [market, limit(1..=50), offset],
        scopes: [],
    }

    /// `GET /browse/new-releases`: [`Spotify::new_releases`].
    GetNewReleases = "get-new-releases", Get "/browse/new-releases" -> Page<SimpleAlbum> [raw::AlbumPage, |r| r.albums] {
        query: [limit(1..=50), offset],
        scopes: [],
        deprecated: "search",
    }
}

impl Spotify {
    /// One album, with its first page of tracks.
    ///
    /// Returns [`FullAlbum`](crate::model::FullAlbum).
    ///
    /// `GET /albums/{id}` · no scope · options: `market`.
    ///
    /// ```no_run
    /// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
    /// let album = spotify.album("spotify:album:3RBULTZJ97bvVzZLpxcB0j").send()?;
    /// println!("{album:#}");
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn album(&self, id: &str) -> Request<'_, GetAlbum> {
        match parse_id(id, IdKind::Album) {
            Ok(id) => Request::new(self, &[&id]),
            Err(e) => Request::failed(self, e),
        }
    }

    /// Several albums (at most 20 per call unless the client is chunked);
    /// unknown IDs come back as `None`.
    ///
    /// Returns one `Option<FullAlbum>` per ID, in the order given: a
    /// [`FullAlbum`](crate::model::FullAlbum), or `None` for an ID Spotify does not know.
    ///
    /// `GET /albums` · no scope · options: `market`. Deprecated by Spotify in
    /// February 2026 (403 for development-mode apps).
    #[deprecated(
        note = "Spotify removed GET /albums for development-mode apps; call `album` for each ID"
    )]
    pub fn albums<I, S>(&self, ids: I) -> Chunked<'_, GetAlbums>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Chunked::lookup(self, parse_ids(ids, IdKind::Album))
    }

    /// A page of an album's tracks.
    ///
    /// Returns a [`Page`](crate::model::Page) of [`SimpleTrack`](crate::model::SimpleTrack).
    ///
    /// `GET /albums/{id}/tracks` · no scope · options: `market`, `limit`
    /// (1–50), `offset`. Paged: `.pages()` and `.items()`.
    pub fn album_tracks(&self, id: &str) -> Request<'_, GetAlbumTracks> {
        match parse_id(id, IdKind::Album) {
            Ok(id) => Request::new(self, &[&id]),
            Err(e) => Request::failed(self, e),
        }
    }

    /// New album releases featured on Spotify.
    ///
    /// Returns a [`Page`](crate::model::Page) of [`SimpleAlbum`](crate::model::SimpleAlbum).
    ///
    /// `GET /browse/new-releases` · no scope · options: `limit` (1–50),
    /// `offset`. Paged.
    #[deprecated(
        note = "Spotify removed GET /browse/new-releases for development-mode apps; use `search` with `tag:new`"
    )]
    pub fn new_releases(&self) -> Request<'_, GetNewReleases> {
        Request::new(self, &[])
    }
}
