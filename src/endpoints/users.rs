//! Users: profiles, top items, following artists, users and playlists.

use super::chunked::Chunked;
use crate::client::Spotify;
use crate::id::{IdKind, parse_id, parse_ids};
use crate::model::{
    CursorPage, FullArtist, FullTrack, Page, PrivateUser, PublicUser, TimeRange, raw,
};
use crate::request::{Operation, Request, operations};

operations! {
    /// `GET /me`: [`Spotify::current_user`].
    GetCurrentUser = "get-current-users-profile", Get "/me" -> PrivateUser {
        query: [],
        scopes: ["user-read-email", "user-read-private"],
    }

    /// `GET /users/{user_id}`: [`Spotify::user`].
    GetUser = "get-users-profile", Get "/users/{user_id}" -> PublicUser {
        query: [],
        scopes: [],
        deprecated: "current_user",
    }

    /// `GET /me/top/artists`: [`Spotify::current_user_top_artists`].
    GetTopArtists = "get-users-top-artists", Get "/me/top/artists" -> Page<FullArtist> {
        query: [time_range, limit(1..=50), offset],
        scopes: ["user-top-read"],
    }

    /// `GET /me/top/tracks`: [`Spotify::current_user_top_tracks`].
    GetTopTracks = "get-users-top-tracks", Get "/me/top/tracks" -> Page<FullTrack> {
        query: [time_range, limit(1..=50), offset],
        scopes: ["user-top-read"],
    }

    /// `GET /me/following`: [`Spotify::followed_artists`].
    GetFollowed = "get-followed", Get "/me/following" -> CursorPage<FullArtist> [raw::FollowedArtists, |r| r.artists] {
        query: [type, after, limit(1..=50)],
        scopes: ["user-follow-read"],
    }

    /// `PUT /me/following`: [`Spotify::artists_follow`], [`Spotify::users_follow`].
    FollowArtistsUsers = "follow-artists-users", Put "/me/following" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [type, ids],
        body: [ids],
        list: ids in Query max 50,
        scopes: ["user-follow-modify"],
        deprecated: "library_save",
    }

    /// `DELETE /me/following`: [`Spotify::artists_unfollow`], [`Spotify::users_unfollow`].
    UnfollowArtistsUsers = "unfollow-artists-users", Delete "/me/following" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [type, ids],
        body: [ids],
        list: ids in Query max 50,
        scopes: ["user-follow-modify"],
        deprecated: "library_remove",
    }

    /// `GET /me/following/contains`: [`Spotify::artists_is_following`], [`Spotify::users_is_following`].
    CheckFollows = "check-current-user-follows", Get "/me/following/contains" -> Vec<bool> {
        query: [type, ids],
        list: ids in Query max 50,
        scopes: ["user-follow-read"],
        deprecated: "library_contains",
    }

    /// `PUT /playlists/{playlist_id}/followers`: [`Spotify::playlist_follow`].
    FollowPlaylist = "follow-playlist", Put "/playlists/{playlist_id}/followers" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [],
        body: [public],
        scopes: ["playlist-modify-private", "playlist-modify-public"],
        deprecated: "library_save",
    }

    /// `DELETE /playlists/{playlist_id}/followers`: [`Spotify::playlist_unfollow`].
    UnfollowPlaylist = "unfollow-playlist", Delete "/playlists/{playlist_id}/followers" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [],
        scopes: ["playlist-modify-private", "playlist-modify-public"],
        deprecated: "library_remove",
    }

    /// `GET /playlists/{playlist_id}/followers/contains`: [`Spotify::playlist_is_following`].
    CheckFollowsPlaylist = "check-if-user-follows-playlist", Get "/playlists/{playlist_id}/followers/contains" -> bool [Vec<bool>, |r| r.first().copied().unwrap_or(false)] {
        query: [ids],
        scopes: [],
        deprecated: "library_contains",
    }
}

impl Request<'_, GetTopArtists> {
    /// The period: about four weeks, six months (default) or a year.
    pub fn time_range(self, range: TimeRange) -> Self {
        self.set("time_range", range.as_str())
    }
}

impl Request<'_, GetTopTracks> {
    /// The period: about four weeks, six months (default) or a year.
    pub fn time_range(self, range: TimeRange) -> Self {
        self.set("time_range", range.as_str())
    }
}

impl Request<'_, GetFollowed> {
    /// Artists after this artist ID (the `after` cursor of the last page).
    pub fn after(self, artist_id: &str) -> Self {
        self.set("after", artist_id)
    }
}

impl Request<'_, CheckFollowsPlaylist> {
    /// The user to check (only the current user is allowed today).
    pub fn user_id(self, user_id: &str) -> Self {
        match parse_id(user_id, IdKind::User) {
            Ok(id) => self.set("ids", id),
            Err(e) => {
                let mut r = self;
                r.fail(e);
                r
            }
        }
    }
}

/// A follow-type call (`type` and `ids` in the query), chunked by 50.
fn follow_call<'a, O: Operation>(
    client: &'a Spotify,
    kind: IdKind,
    ids: crate::Result<Vec<String>>,
) -> Chunked<'a, O>
where
    O::Output: super::chunked::Merge,
{
    let template = Request::<O>::new(client, &[]).set("type", kind.as_str());
    Chunked::new(template, ids)
}

impl Spotify {
    /// The profile of the user the token belongs to.
    ///
    /// Returns [`PrivateUser`](crate::model::PrivateUser).
    ///
    /// `GET /me` · scopes `user-read-private` (country, product, explicit
    /// content) and `user-read-email` (e-mail) for the private fields.
    ///
    /// ```no_run
    /// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
    /// let me = spotify.current_user().send()?;
    /// println!("{me}");
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn current_user(&self) -> Request<'_, GetCurrentUser> {
        Request::new(self, &[])
    }

    /// Any user's public profile.
    ///
    /// Returns [`PublicUser`](crate::model::PublicUser).
    ///
    /// `GET /users/{user_id}` · no scope. Deprecated by Spotify in February
    /// 2026 (403 for development-mode apps).
    #[deprecated(
        note = "Spotify removed GET /users/{id} for development-mode apps; only `current_user` remains"
    )]
    pub fn user(&self, user_id: &str) -> Request<'_, GetUser> {
        match parse_id(user_id, IdKind::User) {
            Ok(id) => Request::new(self, &[&id]),
            Err(e) => Request::failed(self, e),
        }
    }

    /// The artists the user listens to most.
    ///
    /// Returns a [`Page`](crate::model::Page) of [`FullArtist`](crate::model::FullArtist).
    ///
    /// `GET /me/top/artists` · scope `user-top-read` · options: `time_range`,
    /// `limit` (1–50), `offset`. Paged.
    pub fn current_user_top_artists(&self) -> Request<'_, GetTopArtists> {
        Request::new(self, &[])
    }

    /// The tracks the user listens to most.
    ///
    /// Returns a [`Page`](crate::model::Page) of [`FullTrack`](crate::model::FullTrack).
    ///
    /// `GET /me/top/tracks` · scope `user-top-read` · options: `time_range`,
    /// `limit` (1–50), `offset`. Paged.
    ///
    /// ```no_run
    /// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
    /// use spotify_blocking::model::TimeRange;
    /// let top = spotify.current_user_top_tracks().time_range(TimeRange::ShortTerm).limit(10).send()?;
    /// for track in &top.items {
    ///     println!("{}", track.name);
    /// }
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn current_user_top_tracks(&self) -> Request<'_, GetTopTracks> {
        Request::new(self, &[])
    }

    /// The artists the user follows, a cursor page at a time.
    ///
    /// Returns a [`CursorPage`](crate::model::CursorPage) of [`FullArtist`](crate::model::FullArtist).
    ///
    /// `GET /me/following` · scope `user-follow-read` · options: `after`,
    /// `limit` (1–50). Paged (cursor): `.pages()` and `.items()`.
    pub fn followed_artists(&self) -> Request<'_, GetFollowed> {
        Request::new(self, &[]).set("type", "artist")
    }

    /// Follows artists (50 per call unless the client is chunked).
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `PUT /me/following?type=artist` · scope `user-follow-modify`.
    /// Deprecated by Spotify in February 2026.
    #[deprecated(
        note = "Spotify deprecated PUT /me/following; use `library_save` with artist URIs"
    )]
    pub fn artists_follow<I, S>(&self, artist_ids: I) -> Chunked<'_, FollowArtistsUsers>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        follow_call(self, IdKind::Artist, parse_ids(artist_ids, IdKind::Artist))
    }

    /// Unfollows artists (50 per call unless the client is chunked).
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `DELETE /me/following?type=artist` · scope `user-follow-modify`.
    /// Deprecated by Spotify in February 2026.
    #[deprecated(
        note = "Spotify deprecated DELETE /me/following; use `library_remove` with artist URIs"
    )]
    pub fn artists_unfollow<I, S>(&self, artist_ids: I) -> Chunked<'_, UnfollowArtistsUsers>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        follow_call(self, IdKind::Artist, parse_ids(artist_ids, IdKind::Artist))
    }

    /// Whether the user follows each artist, in order.
    ///
    /// Returns one `bool` per item, in the order given.
    ///
    /// `GET /me/following/contains?type=artist` · scope `user-follow-read`.
    /// Deprecated by Spotify in February 2026.
    #[deprecated(
        note = "Spotify deprecated GET /me/following/contains; use `library_contains` with artist URIs"
    )]
    pub fn artists_is_following<I, S>(&self, artist_ids: I) -> Chunked<'_, CheckFollows>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        follow_call(self, IdKind::Artist, parse_ids(artist_ids, IdKind::Artist))
    }

    /// Follows users (50 per call unless the client is chunked).
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `PUT /me/following?type=user` · scope `user-follow-modify`.
    /// Deprecated by Spotify in February 2026.
    #[deprecated(note = "Spotify deprecated PUT /me/following; use `library_save` with user URIs")]
    pub fn users_follow<I, S>(&self, user_ids: I) -> Chunked<'_, FollowArtistsUsers>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        follow_call(self, IdKind::User, parse_ids(user_ids, IdKind::User))
    }

    /// Unfollows users (50 per call unless the client is chunked).
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `DELETE /me/following?type=user` · scope `user-follow-modify`.
    /// Deprecated by Spotify in February 2026.
    #[deprecated(
        note = "Spotify deprecated DELETE /me/following; use `library_remove` with user URIs"
    )]
    pub fn users_unfollow<I, S>(&self, user_ids: I) -> Chunked<'_, UnfollowArtistsUsers>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        follow_call(self, IdKind::User, parse_ids(user_ids, IdKind::User))
    }

    /// Whether the user follows each user, in order.
    ///
    /// Returns one `bool` per item, in the order given.
    ///
    /// `GET /me/following/contains?type=user` · scope `user-follow-read`.
    /// Deprecated by Spotify in February 2026.
    #[deprecated(
        note = "Spotify deprecated GET /me/following/contains; use `library_contains` with user URIs"
    )]
    pub fn users_is_following<I, S>(&self, user_ids: I) -> Chunked<'_, CheckFollows>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        follow_call(self, IdKind::User, parse_ids(user_ids, IdKind::User))
    }

    /// Follows a playlist.
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `PUT /playlists/{id}/followers` · scope `playlist-modify-public` or
    /// `playlist-modify-private` · options: `public`. Deprecated by Spotify
    /// in February 2026.
    #[deprecated(
        note = "Spotify deprecated PUT /playlists/{id}/followers; use `library_save` with the playlist URI"
    )]
    pub fn playlist_follow(&self, playlist_id: &str) -> Request<'_, FollowPlaylist> {
        match parse_id(playlist_id, IdKind::Playlist) {
            Ok(id) => Request::new(self, &[&id]),
            Err(e) => Request::failed(self, e),
        }
    }

    /// Unfollows a playlist (for the owner: deletes it from their profile).
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `DELETE /playlists/{id}/followers` · scope `playlist-modify-public` or
    /// `playlist-modify-private`. Deprecated by Spotify in February 2026.
    #[deprecated(
        note = "Spotify deprecated DELETE /playlists/{id}/followers; use `library_remove` with the playlist URI"
    )]
    pub fn playlist_unfollow(&self, playlist_id: &str) -> Request<'_, UnfollowPlaylist> {
        match parse_id(playlist_id, IdKind::Playlist) {
            Ok(id) => Request::new(self, &[&id]),
            Err(e) => Request::failed(self, e),
        }
    }

    /// Whether the current user follows a playlist.
    ///
    /// Returns a `bool`.
    ///
    /// `GET /playlists/{id}/followers/contains` · no scope · options:
    /// `user_id`. Deprecated by Spotify in February 2026.
    #[deprecated(
        note = "Spotify deprecated GET /playlists/{id}/followers/contains; use `library_contains` with the playlist URI"
    )]
    pub fn playlist_is_following(&self, playlist_id: &str) -> Request<'_, CheckFollowsPlaylist> {
        match parse_id(playlist_id, IdKind::Playlist) {
            Ok(id) => Request::new(self, &[&id]),
            Err(e) => Request::failed(self, e),
        }
    }
}
