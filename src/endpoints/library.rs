//! The user's library: `/me/library` for any kind of item, the saved-item
//! lists, and the older type-specific save/remove/contains calls.

use super::chunked::{Chunked, Merge, body_ids, query_ids, query_uris};
use crate::client::Spotify;
use crate::error::{Error, Result};
use crate::id::{IdKind, parse_ids, parse_uri};
use crate::model::{Page, SavedAlbum, SavedTrack};
use crate::request::{Endpoint, Operation, Request, operation};

operation! {
    /// `PUT /me/library`: [`Spotify::library_save`].
    SaveLibraryItems = "save-library-items", Put "/me/library" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [uris],
        options: [],
        scopes: ["playlist-modify-public", "user-follow-modify", "user-library-modify"],
    }
}

operation! {
    /// `DELETE /me/library`: [`Spotify::library_remove`].
    RemoveLibraryItems = "remove-library-items", Delete "/me/library" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [uris],
        options: [],
        scopes: ["playlist-modify-public", "user-follow-modify", "user-library-modify"],
    }
}

operation! {
    /// `GET /me/library/contains`: [`Spotify::library_contains`].
    CheckLibraryContains = "check-library-contains", Get "/me/library/contains" -> Vec<bool> {
        query: [uris],
        options: [],
        scopes: ["playlist-read-private", "user-follow-read", "user-library-read"],
    }
}

operation! {
    /// `GET /me/albums`: [`Spotify::saved_albums`].
    GetSavedAlbums = "get-users-saved-albums", Get "/me/albums" -> Page<SavedAlbum> {
        query: [limit(1..=50), offset, market],
        options: [Limit, Offset, Market],
        scopes: ["user-library-read"],
    }
}

operation! {
    /// `GET /me/tracks`: [`Spotify::saved_tracks`].
    GetSavedTracks = "get-users-saved-tracks", Get "/me/tracks" -> Page<SavedTrack> {
        query: [market, limit(1..=50), offset],
        options: [Limit, Offset, Market],
        scopes: ["user-library-read"],
    }
}

/// Declares the deprecated save / remove / contains trio of one kind.
macro_rules! saved_trio {
    ($save:ident = $save_id:literal, $remove:ident = $remove_id:literal, $check:ident = $check_id:literal,
     $path:literal, $contains:literal, save_query: [$($sq:ident),*], save_body: [$($sb:ident),*],
     remove_query: [$($rq:ident),*], remove_body: [$($rb:ident),*]) => {
        operation! {
            #[doc = concat!("`PUT ", $path, "` (deprecated).")]
            $save = $save_id, Put $path -> () [serde::de::IgnoredAny, |_r| ()] {
                query: [$($sq),*],
                body: [$($sb),*],
                options: [],
                scopes: ["user-library-modify"],
                deprecated: "library_save",
            }
        }
        operation! {
            #[doc = concat!("`DELETE ", $path, "` (deprecated).")]
            $remove = $remove_id, Delete $path -> () [serde::de::IgnoredAny, |_r| ()] {
                query: [$($rq),*],
                body: [$($rb),*],
                options: [],
                scopes: ["user-library-modify"],
                deprecated: "library_remove",
            }
        }
        operation! {
            #[doc = concat!("`GET ", $contains, "` (deprecated).")]
            $check = $check_id, Get $contains -> Vec<bool> {
                query: [ids],
                options: [],
                scopes: ["user-library-read"],
                deprecated: "library_contains",
            }
        }
    };
}

saved_trio!(SaveAlbums = "save-albums-user", RemoveAlbums = "remove-albums-user",
    CheckSavedAlbums = "check-users-saved-albums", "/me/albums", "/me/albums/contains",
    save_query: [ids], save_body: [ids], remove_query: [ids], remove_body: [ids]);
saved_trio!(SaveTracks = "save-tracks-user", RemoveTracks = "remove-tracks-user",
    CheckSavedTracks = "check-users-saved-tracks", "/me/tracks", "/me/tracks/contains",
    save_query: [], save_body: [ids], remove_query: [ids], remove_body: [ids]);
saved_trio!(SaveEpisodes = "save-episodes-user", RemoveEpisodes = "remove-episodes-user",
    CheckSavedEpisodes = "check-users-saved-episodes", "/me/episodes", "/me/episodes/contains",
    save_query: [ids], save_body: [ids], remove_query: [ids], remove_body: [ids]);
saved_trio!(SaveShows = "save-shows-user", RemoveShows = "remove-shows-user",
    CheckSavedShows = "check-users-saved-shows", "/me/shows", "/me/shows/contains",
    save_query: [ids], save_body: [ids], remove_query: [ids, market], remove_body: [ids]);
saved_trio!(SaveAudiobooks = "save-audiobooks-user", RemoveAudiobooks = "remove-audiobooks-user",
    CheckSavedAudiobooks = "check-users-saved-audiobooks", "/me/audiobooks", "/me/audiobooks/contains",
    save_query: [ids], save_body: [], remove_query: [ids], remove_body: []);

pub(crate) const ENDPOINTS: &[&Endpoint] = &[
    SaveLibraryItems::ENDPOINT,
    RemoveLibraryItems::ENDPOINT,
    CheckLibraryContains::ENDPOINT,
    GetSavedAlbums::ENDPOINT,
    GetSavedTracks::ENDPOINT,
    SaveAlbums::ENDPOINT,
    RemoveAlbums::ENDPOINT,
    CheckSavedAlbums::ENDPOINT,
    SaveTracks::ENDPOINT,
    RemoveTracks::ENDPOINT,
    CheckSavedTracks::ENDPOINT,
    SaveEpisodes::ENDPOINT,
    RemoveEpisodes::ENDPOINT,
    CheckSavedEpisodes::ENDPOINT,
    SaveShows::ENDPOINT,
    RemoveShows::ENDPOINT,
    CheckSavedShows::ENDPOINT,
    SaveAudiobooks::ENDPOINT,
    RemoveAudiobooks::ENDPOINT,
    CheckSavedAudiobooks::ENDPOINT,
];

/// The most URIs one `/me/library` call takes.
const LIBRARY_CAP: usize = 40;

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
                    input: s.as_ref().trim().chars().take(120).collect(),
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
    Chunked::new(
        Request::new(client, &[]),
        library_uris(uris),
        "uris",
        LIBRARY_CAP,
        query_uris::<O>,
    )
}

fn ids_call<'a, O: Operation, I, S>(
    client: &'a Spotify,
    ids: I,
    kind: IdKind,
    cap: usize,
    in_body: bool,
) -> Chunked<'a, O>
where
    O::Output: Merge,
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let place = if in_body {
        body_ids::<O>
    } else {
        query_ids::<O>
    };
    Chunked::new(
        Request::new(client, &[]),
        parse_ids(ids, kind),
        "ids",
        cap,
        place,
    )
}

/// Declares the three deprecated methods of one kind.
macro_rules! saved_methods {
    ($kind:ident, $cap:literal, $save_in_body:expr, $add:ident, $delete:ident, $contains:ident,
     $save:ident, $remove:ident, $check:ident, $path:literal, $what:literal) => {
        #[doc = concat!("Saves ", $what, " to the library (", stringify!($cap), " IDs per call unless the client is chunked).")]
        ///
        #[doc = concat!("`PUT ", $path, "` · scope `user-library-modify`. Deprecated by Spotify in February 2026.")]
        #[deprecated(note = "Spotify deprecated the type-specific save calls; use `library_save` with URIs")]
        pub fn $add<I, S>(&self, ids: I) -> Chunked<'_, $save>
        where
            I: IntoIterator<Item = S>,
            S: AsRef<str>,
        {
            ids_call(self, ids, IdKind::$kind, $cap, $save_in_body)
        }

        #[doc = concat!("Removes ", $what, " from the library (", stringify!($cap), " IDs per call unless the client is chunked).")]
        ///
        #[doc = concat!("`DELETE ", $path, "` · scope `user-library-modify`. Deprecated by Spotify in February 2026.")]
        #[deprecated(note = "Spotify deprecated the type-specific remove calls; use `library_remove` with URIs")]
        pub fn $delete<I, S>(&self, ids: I) -> Chunked<'_, $remove>
        where
            I: IntoIterator<Item = S>,
            S: AsRef<str>,
        {
            ids_call(self, ids, IdKind::$kind, $cap, false)
        }

        #[doc = concat!("Whether each of ", $what, " is in the library, in order.")]
        ///
        #[doc = concat!("`GET ", $path, "/contains` · scope `user-library-read`. Deprecated by Spotify in February 2026.")]
        #[deprecated(note = "Spotify deprecated the type-specific contains calls; use `library_contains` with URIs")]
        pub fn $contains<I, S>(&self, ids: I) -> Chunked<'_, $check>
        where
            I: IntoIterator<Item = S>,
            S: AsRef<str>,
        {
            ids_call(self, ids, IdKind::$kind, $cap, false)
        }
    };
}

impl Spotify {
    /// Saves items of any kind to the user's library: tracks, albums,
    /// episodes, shows, audiobooks, and follows artists, users and
    /// playlists. 40 URIs per call unless the client is chunked.
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
    /// `DELETE /me/library?uris=...` · scopes as for
    /// [`library_save`](Self::library_save).
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
    /// `GET /me/albums` · scope `user-library-read` · options: `limit`
    /// (1–50), `offset`, `market`. Paged.
    pub fn saved_albums(&self) -> Request<'_, GetSavedAlbums> {
        Request::new(self, &[])
    }

    /// The tracks saved in the user's library, newest first.
    ///
    /// `GET /me/tracks` · scope `user-library-read` · options: `limit`
    /// (1–50), `offset`, `market`. Paged.
    pub fn saved_tracks(&self) -> Request<'_, GetSavedTracks> {
        Request::new(self, &[])
    }

    saved_methods!(
        Album,
        20,
        false,
        saved_albums_add,
        saved_albums_delete,
        saved_albums_contains,
        SaveAlbums,
        RemoveAlbums,
        CheckSavedAlbums,
        "/me/albums",
        "albums"
    );
    saved_methods!(
        Track,
        50,
        true,
        saved_tracks_add,
        saved_tracks_delete,
        saved_tracks_contains,
        SaveTracks,
        RemoveTracks,
        CheckSavedTracks,
        "/me/tracks",
        "tracks"
    );
    saved_methods!(
        Episode,
        50,
        false,
        saved_episodes_add,
        saved_episodes_delete,
        saved_episodes_contains,
        SaveEpisodes,
        RemoveEpisodes,
        CheckSavedEpisodes,
        "/me/episodes",
        "episodes"
    );
    saved_methods!(
        Show,
        50,
        false,
        saved_shows_add,
        saved_shows_delete,
        saved_shows_contains,
        SaveShows,
        RemoveShows,
        CheckSavedShows,
        "/me/shows",
        "shows"
    );
    saved_methods!(
        Audiobook,
        50,
        false,
        saved_audiobooks_add,
        saved_audiobooks_delete,
        saved_audiobooks_contains,
        SaveAudiobooks,
        RemoveAudiobooks,
        CheckSavedAudiobooks,
        "/me/audiobooks",
        "audiobooks"
    );
}
