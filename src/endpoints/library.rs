//! The user's library: `/me/library` for any kind of item, the saved-item
//! lists, and the older type-specific save/remove/contains calls.

use super::chunked::{Chunked, Merge};
use crate::client::Spotify;
use crate::error::{Error, Result};
use crate::id::{IdKind, parse_ids, parse_uri};
use crate::model::{Page, SavedAlbum, SavedAudiobook, SavedEpisode, SavedShow, SavedTrack};
use crate::request::{Operation, Request, operations};

operations! {
    /// `PUT /me/library`: [`Spotify::library_save`].
    SaveLibraryItems = "save-library-items", Put "/me/library" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [uris],
        list: uris in Query max 40,
        scopes: ["playlist-modify-public", "user-follow-modify", "user-library-modify"],
    }

    /// `DELETE /me/library`: [`Spotify::library_remove`].
    RemoveLibraryItems = "remove-library-items", Delete "/me/library" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [uris],
        list: uris in Query max 40,
        scopes: ["playlist-modify-public", "user-follow-modify", "user-library-modify"],
    }

    /// `GET /me/library/contains`: [`Spotify::library_contains`].
    CheckLibraryContains = "check-library-contains", Get "/me/library/contains" -> Vec<bool> {
        query: [uris],
        list: uris in Query max 40,
        scopes: ["playlist-read-private", "user-follow-read", "user-library-read"],
    }

    /// `GET /me/albums`: [`Spotify::saved_albums`].
    GetSavedAlbums = "get-users-saved-albums", Get "/me/albums" -> Page<SavedAlbum> {
        query: [limit(1..=50), offset, market],
        scopes: ["user-library-read"],
    }

    /// `GET /me/tracks`: [`Spotify::saved_tracks`].
    GetSavedTracks = "get-users-saved-tracks", Get "/me/tracks" -> Page<SavedTrack> {
        query: [market, limit(1..=50), offset],
        scopes: ["user-library-read"],
    }

    /// `GET /me/episodes`: [`Spotify::saved_episodes`].
    GetSavedEpisodes = "get-users-saved-episodes", Get "/me/episodes" -> Page<SavedEpisode> {
        query: [market, limit(1..=50), offset],
        scopes: ["user-library-read", "user-read-playback-position"],
    }

    /// `GET /me/shows`: [`Spotify::saved_shows`].
    GetSavedShows = "get-users-saved-shows", Get "/me/shows" -> Page<SavedShow> {
        query: [limit(1..=50), offset],
        scopes: ["user-library-read"],
    }

    /// `GET /me/audiobooks`: [`Spotify::saved_audiobooks`].
    GetSavedAudiobooks = "get-users-saved-audiobooks", Get "/me/audiobooks" -> Page<SavedAudiobook> {
        query: [limit(1..=50), offset],
        scopes: ["user-library-read"],
    }

    /// `PUT /me/albums`: [`Spotify::saved_albums_add`].
    SaveAlbums = "save-albums-user", Put "/me/albums" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [ids],
        body: [ids],
        list: ids in Query max 20,
        scopes: ["user-library-modify"],
        deprecated: "library_save",
    }

    /// `DELETE /me/albums`: [`Spotify::saved_albums_delete`].
    RemoveAlbums = "remove-albums-user", Delete "/me/albums" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [ids],
        body: [ids],
        list: ids in Query max 20,
        scopes: ["user-library-modify"],
        deprecated: "library_remove",
    }

    /// `GET /me/albums/contains`: [`Spotify::saved_albums_contains`].
    CheckSavedAlbums = "check-users-saved-albums", Get "/me/albums/contains" -> Vec<bool> {
        query: [ids],
        list: ids in Query max 20,
        scopes: ["user-library-read"],
        deprecated: "library_contains",
    }

    /// `PUT /me/tracks`: [`Spotify::saved_tracks_add`].
    SaveTracks = "save-tracks-user", Put "/me/tracks" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [],
        body: [ids],
        list: ids in Body max 50,
        scopes: ["user-library-modify"],
        deprecated: "library_save",
    }

    /// `DELETE /me/tracks`: [`Spotify::saved_tracks_delete`].
    RemoveTracks = "remove-tracks-user", Delete "/me/tracks" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [ids],
        body: [ids],
        list: ids in Query max 50,
        scopes: ["user-library-modify"],
        deprecated: "library_remove",
    }

    /// `GET /me/tracks/contains`: [`Spotify::saved_tracks_contains`].
    CheckSavedTracks = "check-users-saved-tracks", Get "/me/tracks/contains" -> Vec<bool> {
        query: [ids],
        list: ids in Query max 50,
        scopes: ["user-library-read"],
        deprecated: "library_contains",
    }

    /// `PUT /me/episodes`: [`Spotify::saved_episodes_add`].
    SaveEpisodes = "save-episodes-user", Put "/me/episodes" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [ids],
        body: [ids],
        list: ids in Query max 50,
        scopes: ["user-library-modify"],
        deprecated: "library_save",
    }

    /// `DELETE /me/episodes`: [`Spotify::saved_episodes_delete`].
    RemoveEpisodes = "remove-episodes-user", Delete "/me/episodes" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [ids],
        body: [ids],
        list: ids in Query max 50,
        scopes: ["user-library-modify"],
        deprecated: "library_remove",
    }

    /// `GET /me/episodes/contains`: [`Spotify::saved_episodes_contains`].
    CheckSavedEpisodes = "check-users-saved-episodes", Get "/me/episodes/contains" -> Vec<bool> {
        query: [ids],
        list: ids in Query max 50,
        scopes: ["user-library-read"],
        deprecated: "library_contains",
    }

    /// `PUT /me/shows`: [`Spotify::saved_shows_add`].
    SaveShows = "save-shows-user", Put "/me/shows" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [ids],
        body: [ids],
        list: ids in Query max 50,
        scopes: ["user-library-modify"],
        deprecated: "library_save",
    }

    /// `DELETE /me/shows`: [`Spotify::saved_shows_delete`].
    RemoveShows = "remove-shows-user", Delete "/me/shows" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [ids, market],
        body: [ids],
        list: ids in Query max 50,
        scopes: ["user-library-modify"],
        deprecated: "library_remove",
    }

    /// `GET /me/shows/contains`: [`Spotify::saved_shows_contains`].
    CheckSavedShows = "check-users-saved-shows", Get "/me/shows/contains" -> Vec<bool> {
        query: [ids],
        list: ids in Query max 50,
        scopes: ["user-library-read"],
        deprecated: "library_contains",
    }

    /// `PUT /me/audiobooks`: [`Spotify::saved_audiobooks_add`].
    SaveAudiobooks = "save-audiobooks-user", Put "/me/audiobooks" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [ids],
        list: ids in Query max 50,
        scopes: ["user-library-modify"],
        deprecated: "library_save",
    }

    /// `DELETE /me/audiobooks`: [`Spotify::saved_audiobooks_delete`].
    RemoveAudiobooks = "remove-audiobooks-user", Delete "/me/audiobooks" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [ids],
        list: ids in Query max 50,
        scopes: ["user-library-modify"],
        deprecated: "library_remove",
    }

    /// `GET /me/audiobooks/contains`: [`Spotify::saved_audiobooks_contains`].
    CheckSavedAudiobooks = "check-users-saved-audiobooks", Get "/me/audiobooks/contains" -> Vec<bool> {
        query: [ids],
        list: ids in Query max 50,
        scopes: ["user-library-read"],
        deprecated: "library_contains",
    }
}

/// Kinds `/me/library` accepts.
const LIBRARY_KINDS: [IdKind; 8] = [
    IdKind::Track,
    IdKind::Album,
    IdKind::Episode,
    IdKind::Show,
    IdKind::Audiobook,
    IdKind::Artist,
    IdKind::User,
    IdKind::Playlist,
];

/// Parses library item references: URIs or URLs of any saveable kind.
fn library_uris<I, S>(inputs: I) -> Result<Vec<String>>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    inputs
        .into_iter()
        .map(|s| {
            let (kind, uri) = parse_uri(s.as_ref())?;
            if LIBRARY_KINDS.contains(&kind) {
                Ok(uri)
            } else {
                Err(Error::InvalidId {
                    input: crate::id::shown(s.as_ref().trim()),
                    expected: "library item URI",
                    reason: format!("a {kind} cannot be saved to the library"),
                })
            }
        })
        .collect()
}

fn library_call<'a, O: Operation, I, S>(client: &'a Spotify, uris: I) -> Chunked<'a, O>
where
    O::Output: Merge,
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    Chunked::new(Request::new(client, &[]), library_uris(uris))
}

fn ids_call<'a, O: Operation, I, S>(client: &'a Spotify, ids: I, kind: IdKind) -> Chunked<'a, O>
where
    O::Output: Merge,
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    Chunked::new(Request::new(client, &[]), parse_ids(ids, kind))
}

impl Spotify {
    /// Saves items of any kind to the user's library: tracks, albums,
    /// episodes, shows, audiobooks, and follows artists, users and
    /// playlists. 40 URIs per call unless the client is chunked.
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `PUT /me/library?uris=...` · scope by kind: `user-library-modify`,
    /// `user-follow-modify` (artists, users), `playlist-modify-public`
    /// (playlists). Takes `spotify:` URIs or `open.spotify.com` URLs.
    ///
    /// ```no_run
    /// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
    /// spotify.library_save([
    ///     "spotify:track:6rqhFgbbKwnb9MLmUQDhG6",
    ///     "https://open.spotify.com/album/3RBULTZJ97bvVzZLpxcB0j",
    /// ]).send()?;
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn library_save<I, S>(&self, uris: I) -> Chunked<'_, SaveLibraryItems>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        library_call(self, uris)
    }

    /// Removes items of any kind from the user's library (unfollows
    /// artists, users and playlists). 40 URIs per call unless chunked.
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `DELETE /me/library?uris=...` · scope by kind, as for
    /// [`library_save`](Self::library_save): `user-library-modify`,
    /// `user-follow-modify` (artists, users), `playlist-modify-public`
    /// (playlists).
    pub fn library_remove<I, S>(&self, uris: I) -> Chunked<'_, RemoveLibraryItems>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        library_call(self, uris)
    }

    /// Whether each item is in the user's library (or followed), in order.
    /// 40 URIs per call unless chunked.
    ///
    /// Returns one `bool` per item, in the order given.
    ///
    /// `GET /me/library/contains?uris=...` · scope by kind:
    /// `user-library-read`, `user-follow-read`, `playlist-read-private`.
    pub fn library_contains<I, S>(&self, uris: I) -> Chunked<'_, CheckLibraryContains>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        library_call(self, uris)
    }

    /// The albums saved in the user's library, newest first.
    ///
    /// Returns a [`Page`](crate::model::Page) of [`SavedAlbum`](crate::model::SavedAlbum).
    ///
    /// `GET /me/albums` · scope `user-library-read` · options: `limit`
    /// (1–50), `offset`, `market`. Paged.
    pub fn saved_albums(&self) -> Request<'_, GetSavedAlbums> {
        Request::new(self, &[])
    }

    /// The tracks saved in the user's library, newest first.
    ///
    /// Returns a [`Page`](crate::model::Page) of [`SavedTrack`](crate::model::SavedTrack).
    ///
    /// `GET /me/tracks` · scope `user-library-read` · options: `limit`
    /// (1–50), `offset`, `market`. Paged.
    pub fn saved_tracks(&self) -> Request<'_, GetSavedTracks> {
        Request::new(self, &[])
    }

    /// The episodes saved in the user's library, newest first.
    ///
    /// Returns a [`Page`](crate::model::Page) of [`SavedEpisode`](crate::model::SavedEpisode).
    ///
    /// `GET /me/episodes` · scopes `user-library-read` and
    /// `user-read-playback-position` · options: `limit` (1–50), `offset`,
    /// `market`. Paged.
    pub fn saved_episodes(&self) -> Request<'_, GetSavedEpisodes> {
        Request::new(self, &[])
    }

    /// The shows (podcasts) the user follows, newest first.
    ///
    /// Returns a [`Page`](crate::model::Page) of [`SavedShow`](crate::model::SavedShow).
    ///
    /// `GET /me/shows` · scope `user-library-read` · options: `limit`
    /// (1–50), `offset`. Paged.
    pub fn saved_shows(&self) -> Request<'_, GetSavedShows> {
        Request::new(self, &[])
    }

    /// The audiobooks saved in the user's library, newest first.
    ///
    /// Returns a [`Page`](crate::model::Page) of [`SavedAudiobook`](crate::model::SavedAudiobook).
    ///
    /// `GET /me/audiobooks` · scope `user-library-read` · options: `limit`
    /// (1–50), `offset`. Paged.
    pub fn saved_audiobooks(&self) -> Request<'_, GetSavedAudiobooks> {
        Request::new(self, &[])
    }

    /// Saves albums to the library, 20 IDs per call unless the client is
    /// chunked.
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `PUT /me/albums` · scope `user-library-modify`. Deprecated by
    /// Spotify in February 2026.
    #[deprecated(note = "Spotify deprecated PUT /me/albums; use `library_save` with URIs")]
    pub fn saved_albums_add<I, S>(&self, ids: I) -> Chunked<'_, SaveAlbums>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        ids_call(self, ids, IdKind::Album)
    }

    /// Removes albums from the library, 20 IDs per call unless the client
    /// is chunked.
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `DELETE /me/albums` · scope `user-library-modify`. Deprecated by
    /// Spotify in February 2026.
    #[deprecated(note = "Spotify deprecated DELETE /me/albums; use `library_remove` with URIs")]
    pub fn saved_albums_delete<I, S>(&self, ids: I) -> Chunked<'_, RemoveAlbums>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        ids_call(self, ids, IdKind::Album)
    }

    /// Whether each of these albums is in the library, in order.
    ///
    /// Returns one `bool` per item, in the order given.
    ///
    /// `GET /me/albums/contains` · scope `user-library-read`. Deprecated by
    /// Spotify in February 2026.
    #[deprecated(
        note = "Spotify deprecated GET /me/albums/contains; use `library_contains` with URIs"
    )]
    pub fn saved_albums_contains<I, S>(&self, ids: I) -> Chunked<'_, CheckSavedAlbums>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        ids_call(self, ids, IdKind::Album)
    }

    /// Saves tracks to the library, 50 IDs per call unless the client is
    /// chunked.
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `PUT /me/tracks` (IDs in the body) · scope `user-library-modify`. Deprecated by
    /// Spotify in February 2026.
    #[deprecated(note = "Spotify deprecated PUT /me/tracks; use `library_save` with URIs")]
    pub fn saved_tracks_add<I, S>(&self, ids: I) -> Chunked<'_, SaveTracks>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        ids_call(self, ids, IdKind::Track)
    }

    /// Removes tracks from the library, 50 IDs per call unless the client
    /// is chunked.
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `DELETE /me/tracks` · scope `user-library-modify`. Deprecated by
    /// Spotify in February 2026.
    #[deprecated(note = "Spotify deprecated DELETE /me/tracks; use `library_remove` with URIs")]
    pub fn saved_tracks_delete<I, S>(&self, ids: I) -> Chunked<'_, RemoveTracks>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        ids_call(self, ids, IdKind::Track)
    }

    /// Whether each of these tracks is in the library, in order.
    ///
    /// Returns one `bool` per item, in the order given.
    ///
    /// `GET /me/tracks/contains` · scope `user-library-read`. Deprecated by
    /// Spotify in February 2026.
    #[deprecated(
        note = "Spotify deprecated GET /me/tracks/contains; use `library_contains` with URIs"
    )]
    pub fn saved_tracks_contains<I, S>(&self, ids: I) -> Chunked<'_, CheckSavedTracks>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        ids_call(self, ids, IdKind::Track)
    }

    /// Saves episodes to the library, 50 IDs per call unless the client is
    /// chunked.
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `PUT /me/episodes` · scope `user-library-modify`. Deprecated by
    /// Spotify in February 2026.
    #[deprecated(note = "Spotify deprecated PUT /me/episodes; use `library_save` with URIs")]
    pub fn saved_episodes_add<I, S>(&self, ids: I) -> Chunked<'_, SaveEpisodes>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        ids_call(self, ids, IdKind::Episode)
    }

    /// Removes episodes from the library, 50 IDs per call unless the client
    /// is chunked.
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `DELETE /me/episodes` · scope `user-library-modify`. Deprecated by
    /// Spotify in February 2026.
    #[deprecated(note = "Spotify deprecated DELETE /me/episodes; use `library_remove` with URIs")]
    pub fn saved_episodes_delete<I, S>(&self, ids: I) -> Chunked<'_, RemoveEpisodes>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        ids_call(self, ids, IdKind::Episode)
    }

    /// Whether each of these episodes is in the library, in order.
    ///
    /// Returns one `bool` per item, in the order given.
    ///
    /// `GET /me/episodes/contains` · scope `user-library-read`. Deprecated by
    /// Spotify in February 2026.
    #[deprecated(
        note = "Spotify deprecated GET /me/episodes/contains; use `library_contains` with URIs"
    )]
    pub fn saved_episodes_contains<I, S>(&self, ids: I) -> Chunked<'_, CheckSavedEpisodes>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        ids_call(self, ids, IdKind::Episode)
    }

    /// Saves shows to the library, 50 IDs per call unless the client is
    /// chunked.
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `PUT /me/shows` · scope `user-library-modify`. Deprecated by
    /// Spotify in February 2026.
    #[deprecated(note = "Spotify deprecated PUT /me/shows; use `library_save` with URIs")]
    pub fn saved_shows_add<I, S>(&self, ids: I) -> Chunked<'_, SaveShows>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        ids_call(self, ids, IdKind::Show)
    }

    /// Removes shows from the library, 50 IDs per call unless the client
    /// is chunked.
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `DELETE /me/shows` · scope `user-library-modify`. Deprecated by
    /// Spotify in February 2026.
    #[deprecated(note = "Spotify deprecated DELETE /me/shows; use `library_remove` with URIs")]
    pub fn saved_shows_delete<I, S>(&self, ids: I) -> Chunked<'_, RemoveShows>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        ids_call(self, ids, IdKind::Show)
    }

    /// Whether each of these shows is in the library, in order.
    ///
    /// Returns one `bool` per item, in the order given.
    ///
    /// `GET /me/shows/contains` · scope `user-library-read`. Deprecated by
    /// Spotify in February 2026.
    #[deprecated(
        note = "Spotify deprecated GET /me/shows/contains; use `library_contains` with URIs"
    )]
    pub fn saved_shows_contains<I, S>(&self, ids: I) -> Chunked<'_, CheckSavedShows>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        ids_call(self, ids, IdKind::Show)
    }

    /// Saves audiobooks to the library, 50 IDs per call unless the client is
    /// chunked.
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `PUT /me/audiobooks` · scope `user-library-modify`. Deprecated by
    /// Spotify in February 2026.
    #[deprecated(note = "Spotify deprecated PUT /me/audiobooks; use `library_save` with URIs")]
    pub fn saved_audiobooks_add<I, S>(&self, ids: I) -> Chunked<'_, SaveAudiobooks>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        ids_call(self, ids, IdKind::Audiobook)
    }

    /// Removes audiobooks from the library, 50 IDs per call unless the client
    /// is chunked.
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `DELETE /me/audiobooks` · scope `user-library-modify`. Deprecated by
    /// Spotify in February 2026.
    #[deprecated(note = "Spotify deprecated DELETE /me/audiobooks; use `library_remove` with URIs")]
    pub fn saved_audiobooks_delete<I, S>(&self, ids: I) -> Chunked<'_, RemoveAudiobooks>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        ids_call(self, ids, IdKind::Audiobook)
    }

    /// Whether each of these audiobooks is in the library, in order.
    ///
    /// Returns one `bool` per item, in the order given.
    ///
    /// `GET /me/audiobooks/contains` · scope `user-library-read`. Deprecated by
    /// Spotify in February 2026.
    #[deprecated(
        note = "Spotify deprecated GET /me/audiobooks/contains; use `library_contains` with URIs"
    )]
    pub fn saved_audiobooks_contains<I, S>(&self, ids: I) -> Chunked<'_, CheckSavedAudiobooks>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        ids_call(self, ids, IdKind::Audiobook)
    }
}
