//! Playlists: read, create, change, their items and cover images.
//!
//! Spotify moved item operations from `/playlists/{id}/tracks` to
//! `/playlists/{id}/items` in February 2026; the `playlist_tracks*` methods
//! call the old paths and are deprecated.

use super::chunked::{Chunked, place_list, playable_uris};
use crate::client::Spotify;
use crate::error::{Error, Result};
use crate::http::Body;
use crate::id::{IdKind, parse_id};
use crate::model::{FullPlaylist, Image, Page, PlaylistItem, PlaylistSnapshot, SimplePlaylist};
use crate::request::{Operation, Request, operations};
use serde_json::{Value, json};

operations! {
    /// `GET /playlists/{playlist_id}`: [`Spotify::playlist`].
    GetPlaylist = "get-playlist", Get "/playlists/{playlist_id}" -> FullPlaylist {
        query: [market, fields, additional_types],
        scopes: [],
    }

    /// `PUT /playlists/{playlist_id}`: [`Spotify::playlist_change_details`].
    ChangePlaylistDetails = "change-playlist-details", Put "/playlists/{playlist_id}" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [],
        body: [name, public, collaborative, description],
        scopes: ["playlist-modify-private", "playlist-modify-public"],
    }

    /// `GET /playlists/{playlist_id}/items`: [`Spotify::playlist_items`].
    GetPlaylistItems = "get-playlists-items", Get "/playlists/{playlist_id}/items" -> Page<PlaylistItem> {
        query: [market, fields, limit(1..=50), offset, additional_types],
        scopes: ["playlist-read-private"],
    }

    /// `POST /playlists/{playlist_id}/items`: [`Spotify::playlist_add`].
    AddPlaylistItems = "add-items-to-playlist", Post "/playlists/{playlist_id}/items" -> PlaylistSnapshot {
        query: [position, uris],
        body: [uris, position],
        list: uris in Body max 100,
        scopes: ["playlist-modify-private", "playlist-modify-public"],
    }

    /// `PUT /playlists/{playlist_id}/items`: [`Spotify::playlist_reorder`],
    /// [`Spotify::playlist_replace`], [`Spotify::playlist_clear`].
    ReorderOrReplacePlaylistItems = "reorder-or-replace-playlists-items", Put "/playlists/{playlist_id}/items" -> PlaylistSnapshot {
        query: [uris],
        body: [uris, range_start, insert_before, range_length, snapshot_id],
        scopes: ["playlist-modify-private", "playlist-modify-public"],
    }

    /// `DELETE /playlists/{playlist_id}/items`: [`Spotify::playlist_remove`],
    /// [`Spotify::playlist_remove_occurrences`].
    RemovePlaylistItems = "remove-items-playlist", Delete "/playlists/{playlist_id}/items" -> PlaylistSnapshot {
        query: [],
        body: [items, snapshot_id],
        list: items in Body max 100,
        scopes: ["playlist-modify-private", "playlist-modify-public"],
    }

    /// `GET /playlists/{playlist_id}/tracks`: [`Spotify::playlist_tracks`].
    GetPlaylistTracks = "get-playlists-tracks", Get "/playlists/{playlist_id}/tracks" -> Page<PlaylistItem> {
        query: [market, fields, limit(1..=100), offset, additional_types],
        scopes: ["playlist-read-private"],
        deprecated: "playlist_items",
    }

    /// `POST /playlists/{playlist_id}/tracks`: [`Spotify::playlist_tracks_add`].
    AddPlaylistTracks = "add-tracks-to-playlist", Post "/playlists/{playlist_id}/tracks" -> PlaylistSnapshot {
        query: [position, uris],
        body: [uris, position],
        list: uris in Body max 100,
        scopes: ["playlist-modify-private", "playlist-modify-public"],
        deprecated: "playlist_add",
    }

    /// `PUT /playlists/{playlist_id}/tracks`: [`Spotify::playlist_tracks_reorder`],
    /// [`Spotify::playlist_tracks_replace`].
    ReorderOrReplacePlaylistTracks = "reorder-or-replace-playlists-tracks", Put "/playlists/{playlist_id}/tracks" -> PlaylistSnapshot {
        query: [uris],
        body: [uris, range_start, insert_before, range_length, snapshot_id],
        scopes: ["playlist-modify-private", "playlist-modify-public"],
        deprecated: "playlist_reorder",
    }

    /// `DELETE /playlists/{playlist_id}/tracks`: [`Spotify::playlist_tracks_remove`].
    RemovePlaylistTracks = "remove-tracks-playlist", Delete "/playlists/{playlist_id}/tracks" -> PlaylistSnapshot {
        query: [],
        body: [tracks, snapshot_id],
        list: tracks in Body max 100,
        scopes: ["playlist-modify-private", "playlist-modify-public"],
        deprecated: "playlist_remove",
    }

    /// `GET /me/playlists`: [`Spotify::playlists`].
    GetMyPlaylists = "get-a-list-of-current-users-playlists", Get "/me/playlists" -> Page<SimplePlaylist> {
        query: [limit(1..=50), offset],
        scopes: ["playlist-read-private"],
    }

    /// `GET /users/{user_id}/playlists`: [`Spotify::user_playlists`].
    GetUserPlaylists = "get-list-users-playlists", Get "/users/{user_id}/playlists" -> Page<SimplePlaylist> {
        query: [limit(1..=50), offset],
        scopes: ["playlist-read-collaborative", "playlist-read-private"],
        deprecated: "playlists",
    }

    /// `POST /me/playlists`: [`Spotify::playlist_create`].
    CreatePlaylist = "create-playlist", Post "/me/playlists" -> FullPlaylist {
        query: [],
        body: [name, public, collaborative, description],
        scopes: ["playlist-modify-private", "playlist-modify-public"],
    }

    /// `POST /users/{user_id}/playlists`: [`Spotify::playlist_create_for_user`].
    CreatePlaylistForUser = "create-playlist-for-user", Post "/users/{user_id}/playlists" -> FullPlaylist {
        query: [],
        body: [name, public, collaborative, description],
        scopes: ["playlist-modify-private", "playlist-modify-public"],
        deprecated: "playlist_create",
    }

    /// `GET /playlists/{playlist_id}/images`: [`Spotify::playlist_cover_image`].
    GetPlaylistCover = "get-playlist-cover", Get "/playlists/{playlist_id}/images" -> Vec<Image> {
        query: [],
        scopes: [],
    }

    /// `PUT /playlists/{playlist_id}/images`: [`Spotify::playlist_cover_image_upload`].
    UploadPlaylistCover = "upload-custom-playlist-cover", Put "/playlists/{playlist_id}/images" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [],
        scopes: ["playlist-modify-private", "playlist-modify-public", "ugc-image-upload"],
    }
}

/// The most items one add, replace or remove call takes.
const ITEMS_CAP: usize = 100;
/// The largest cover upload Spotify accepts (the base64 text), in bytes.
pub const COVER_MAX_BYTES: usize = 256 * 1024;
/// What playlist reads ask for unless told otherwise: episodes too.
const BOTH_TYPES: &str = "track,episode";

impl Request<'_, ChangePlaylistDetails> {
    /// The new name.
    pub fn name(self, name: &str) -> Self {
        self.body("name", json!(name))
    }
}

fn playlist_request<'a, O: Operation>(client: &'a Spotify, playlist_id: &str) -> Request<'a, O> {
    match parse_id(playlist_id, IdKind::Playlist) {
        Ok(id) => Request::new(client, &[&id]),
        Err(e) => Request::failed(client, e),
    }
}

fn place_add<'a, O: Operation>(
    r: Request<'a, O>,
    chunk: &[String],
    start: usize,
) -> Request<'a, O> {
    let position = r.body_number("position");
    let r = place_list(r, chunk, start);
    match position {
        Some(p) => r.body("position", json!(p + start as u64)),
        None => r,
    }
}

fn add_call<'a, O, I, S>(client: &'a Spotify, playlist_id: &str, uris: I) -> Chunked<'a, O>
where
    O: Operation<Output = PlaylistSnapshot>,
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    Chunked::placed(
        playlist_request(client, playlist_id),
        playable_uris(uris),
        place_add::<O>,
    )
}

/// Places a chunk of URIs as `{"uri": ...}` objects under the operation's
/// body list (`items`, or `tracks` on the deprecated path).
fn place_uri_objects<'a, O: Operation>(
    r: Request<'a, O>,
    chunk: &[String],
    _: usize,
) -> Request<'a, O> {
    let key = O::ENDPOINT.list.as_ref().map_or("items", |list| list.name);
    let objects = chunk.iter().map(|u| json!({ "uri": u })).collect();
    r.body(key, Value::Array(objects))
}

fn replace_request<'a, O: Operation, I, S>(
    client: &'a Spotify,
    playlist_id: &str,
    uris: I,
) -> Request<'a, O>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let r = playlist_request::<O>(client, playlist_id);
    match playable_uris(uris) {
        Ok(uris) if uris.len() > ITEMS_CAP => {
            let mut r = r;
            r.fail(Error::invalid_input(
                "uris",
                format!(
                    "{} items given, a replace takes at most {ITEMS_CAP}; replace with the first {ITEMS_CAP} and add the rest with playlist_add",
                    uris.len()
                ),
            ));
            r
        }
        Ok(uris) => r.body("uris", json!(uris)),
        Err(e) => {
            let mut r = r;
            r.fail(e);
            r
        }
    }
}

fn reorder_request<'a, O: Operation>(
    client: &'a Spotify,
    playlist_id: &str,
    range_start: u32,
    insert_before: u32,
) -> Request<'a, O> {
    playlist_request::<O>(client, playlist_id)
        .body("range_start", json!(range_start))
        .body("insert_before", json!(insert_before))
}

/// Checks a cover image and encodes it the way Spotify wants it.
fn cover_payload(jpeg: &[u8]) -> Result<Vec<u8>> {
    use base64::Engine as _;
    if !jpeg.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Err(Error::invalid_input(
            "image",
            "the cover must be JPEG data (it starts with FF D8 FF)",
        ));
    }
    let encoded = base64::engine::general_purpose::STANDARD.encode(jpeg);
    if encoded.len() > COVER_MAX_BYTES {
        return Err(Error::invalid_input(
            "image",
            format!(
                "the encoded cover is {} bytes, Spotify takes at most {COVER_MAX_BYTES} (about {} bytes of JPEG)",
                encoded.len(),
                COVER_MAX_BYTES / 4 * 3
            ),
        ));
    }
    Ok(encoded.into_bytes())
}

impl Spotify {
    /// A playlist with its first page of items.
    ///
    /// Returns [`FullPlaylist`](crate::model::FullPlaylist).
    ///
    /// `GET /playlists/{id}` · no scope · options: `market`, `fields`,
    /// `additional_types` (the crate asks for `track,episode`). The items
    /// are `None` for other users' playlists in development mode.
    ///
    /// ```no_run
    /// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
    /// let playlist = spotify.playlist("37i9dQZF1DXcBWIGoYBM5M").send()?;
    /// println!("{playlist}");
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn playlist(&self, playlist_id: &str) -> Request<'_, GetPlaylist> {
        playlist_request(self, playlist_id).set("additional_types", BOTH_TYPES)
    }

    /// Changes a playlist's name, visibility, collaboration or description
    /// (set them with the request's setters).
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `PUT /playlists/{id}` · scope `playlist-modify-public` or
    /// `playlist-modify-private` · options: `name`, `public`,
    /// `collaborative`, `description`.
    pub fn playlist_change_details(&self, playlist_id: &str) -> Request<'_, ChangePlaylistDetails> {
        playlist_request(self, playlist_id)
    }

    /// A page of a playlist's items: tracks, episodes, local files, and
    /// `None` for removed tracks.
    ///
    /// Returns a [`Page`](crate::model::Page) of [`PlaylistItem`](crate::model::PlaylistItem).
    ///
    /// `GET /playlists/{id}/items` · scope `playlist-read-private` · options:
    /// `market`, `fields`, `limit` (1–50), `offset`, `additional_types`
    /// (the crate asks for `track,episode`). Paged.
    pub fn playlist_items(&self, playlist_id: &str) -> Request<'_, GetPlaylistItems> {
        playlist_request(self, playlist_id).set("additional_types", BOTH_TYPES)
    }

    /// Adds tracks and episodes (URIs, URLs, or bare IDs taken as tracks),
    /// 100 per call unless the client is chunked; a chunked list keeps its
    /// order, also at a `position`.
    ///
    /// Returns [`PlaylistSnapshot`](crate::model::PlaylistSnapshot).
    ///
    /// `POST /playlists/{id}/items` · scope `playlist-modify-public` or
    /// `playlist-modify-private` · options: `position`.
    ///
    /// ```no_run
    /// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
    /// let snapshot = spotify
    ///     .playlist_add("37i9dQZF1DXcBWIGoYBM5M", ["spotify:track:6rqhFgbbKwnb9MLmUQDhG6"])
    ///     .position(0)
    ///     .send()?;
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn playlist_add<I, S>(&self, playlist_id: &str, uris: I) -> Chunked<'_, AddPlaylistItems>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        add_call(self, playlist_id, uris)
    }

    /// Removes every occurrence of these tracks and episodes, 100 per call
    /// unless the client is chunked.
    ///
    /// Returns [`PlaylistSnapshot`](crate::model::PlaylistSnapshot).
    ///
    /// `DELETE /playlists/{id}/items` · scope `playlist-modify-public` or
    /// `playlist-modify-private` · options: `snapshot_id`.
    pub fn playlist_remove<I, S>(
        &self,
        playlist_id: &str,
        uris: I,
    ) -> Chunked<'_, RemovePlaylistItems>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Chunked::placed(
            playlist_request(self, playlist_id),
            playable_uris(uris),
            place_uri_objects,
        )
    }

    /// Removes items at given positions: `(uri, position)` pairs, at most
    /// 100 distinct URIs, in one call (positions would shift between calls).
    ///
    /// Returns [`PlaylistSnapshot`](crate::model::PlaylistSnapshot).
    ///
    /// `DELETE /playlists/{id}/items` · scope `playlist-modify-public` or
    /// `playlist-modify-private` · options: `snapshot_id` (recommended: the
    /// positions refer to that version).
    pub fn playlist_remove_occurrences<I, S>(
        &self,
        playlist_id: &str,
        items: I,
    ) -> Request<'_, RemovePlaylistItems>
    where
        I: IntoIterator<Item = (S, u32)>,
        S: AsRef<str>,
    {
        let r = playlist_request::<RemovePlaylistItems>(self, playlist_id);
        let mut grouped: Vec<(String, Vec<u32>)> = Vec::new();
        for (uri, position) in items {
            let uri = match super::chunked::playable_uri(uri.as_ref()) {
                Ok(u) => u,
                Err(e) => return Request::failed(self, e),
            };
            match grouped.iter_mut().find(|(u, _)| *u == uri) {
                Some((_, positions)) => positions.push(position),
                None => grouped.push((uri, vec![position])),
            }
        }
        if grouped.is_empty() || grouped.len() > ITEMS_CAP {
            return Request::failed(
                self,
                Error::invalid_input(
                    "items",
                    format!(
                        "give 1 to {ITEMS_CAP} distinct items, not {}",
                        grouped.len()
                    ),
                ),
            );
        }
        let body: Vec<Value> = grouped
            .into_iter()
            .map(|(uri, positions)| json!({ "uri": uri, "positions": positions }))
            .collect();
        r.body("items", Value::Array(body))
    }

    /// Moves `range_length` (default 1) items starting at `range_start` to
    /// before the item at `insert_before`.
    ///
    /// Returns [`PlaylistSnapshot`](crate::model::PlaylistSnapshot).
    ///
    /// `PUT /playlists/{id}/items` · scope `playlist-modify-public` or
    /// `playlist-modify-private` · options: `range_length`, `snapshot_id`.
    pub fn playlist_reorder(
        &self,
        playlist_id: &str,
        range_start: u32,
        insert_before: u32,
    ) -> Request<'_, ReorderOrReplacePlaylistItems> {
        reorder_request(self, playlist_id, range_start, insert_before)
    }

    /// Replaces all items with these (at most 100).
    ///
    /// Returns [`PlaylistSnapshot`](crate::model::PlaylistSnapshot).
    ///
    /// `PUT /playlists/{id}/items` · scope `playlist-modify-public` or
    /// `playlist-modify-private`.
    pub fn playlist_replace<I, S>(
        &self,
        playlist_id: &str,
        uris: I,
    ) -> Request<'_, ReorderOrReplacePlaylistItems>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        replace_request(self, playlist_id, uris)
    }

    /// Removes every item (a replace with nothing).
    ///
    /// Returns [`PlaylistSnapshot`](crate::model::PlaylistSnapshot).
    ///
    /// `PUT /playlists/{id}/items` with `{"uris": []}` · scope
    /// `playlist-modify-public` or `playlist-modify-private`.
    pub fn playlist_clear(&self, playlist_id: &str) -> Request<'_, ReorderOrReplacePlaylistItems> {
        replace_request(self, playlist_id, std::iter::empty::<&str>())
    }

    /// The current user's playlists, owned and followed.
    ///
    /// Returns a [`Page`](crate::model::Page) of [`SimplePlaylist`](crate::model::SimplePlaylist).
    ///
    /// `GET /me/playlists` · scope `playlist-read-private` (and
    /// `playlist-read-collaborative` for collaborative ones) · options:
    /// `limit` (1–50), `offset`. Paged.
    pub fn playlists(&self) -> Request<'_, GetMyPlaylists> {
        Request::new(self, &[])
    }

    /// Another user's public playlists.
    ///
    /// Returns a [`Page`](crate::model::Page) of [`SimplePlaylist`](crate::model::SimplePlaylist).
    ///
    /// `GET /users/{user_id}/playlists` · scope `playlist-read-private`
    /// (and `playlist-read-collaborative` for collaborative ones) ·
    /// options: `limit` (1–50), `offset`. Paged. Deprecated by Spotify in
    /// February 2026.
    #[deprecated(
        note = "Spotify removed GET /users/{id}/playlists for development-mode apps; use `playlists` for the current user's"
    )]
    pub fn user_playlists(&self, user_id: &str) -> Request<'_, GetUserPlaylists> {
        match parse_id(user_id, IdKind::User) {
            Ok(id) => Request::new(self, &[&id]),
            Err(e) => Request::failed(self, e),
        }
    }

    /// Creates a playlist for the current user (public unless told otherwise).
    ///
    /// Returns [`FullPlaylist`](crate::model::FullPlaylist).
    ///
    /// `POST /me/playlists` · scope `playlist-modify-public` or
    /// `playlist-modify-private` · options: `public`, `collaborative`,
    /// `description`.
    ///
    /// ```no_run
    /// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
    /// let playlist = spotify.playlist_create("Road trip").public(false).description("For the car").send()?;
    /// println!("created {}", playlist.id);
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn playlist_create(&self, name: &str) -> Request<'_, CreatePlaylist> {
        Request::new(self, &[]).body("name", json!(name))
    }

    /// Creates a playlist for a user (who must be the current user).
    ///
    /// Returns [`FullPlaylist`](crate::model::FullPlaylist).
    ///
    /// `POST /users/{user_id}/playlists` · scope `playlist-modify-public` or
    /// `playlist-modify-private`. Deprecated by Spotify in February 2026.
    #[deprecated(note = "Spotify deprecated POST /users/{id}/playlists; use `playlist_create`")]
    pub fn playlist_create_for_user(
        &self,
        user_id: &str,
        name: &str,
    ) -> Request<'_, CreatePlaylistForUser> {
        match parse_id(user_id, IdKind::User) {
            Ok(id) => Request::new(self, &[&id]).body("name", json!(name)),
            Err(e) => Request::failed(self, e),
        }
    }

    /// A playlist's cover images.
    ///
    /// Returns a `Vec` of [`Image`](crate::model::Image).
    ///
    /// `GET /playlists/{id}/images` · no scope.
    pub fn playlist_cover_image(&self, playlist_id: &str) -> Request<'_, GetPlaylistCover> {
        playlist_request(self, playlist_id)
    }

    /// Replaces a playlist's cover with a JPEG image. The image is sent
    /// base64-encoded; more than `COVER_MAX_BYTES` (256 KB) of it is an error
    /// before anything is sent.
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `PUT /playlists/{id}/images` (`Content-Type: image/jpeg`) · scopes
    /// `ugc-image-upload` and `playlist-modify-public` or
    /// `playlist-modify-private`.
    pub fn playlist_cover_image_upload(
        &self,
        playlist_id: &str,
        jpeg: &[u8],
    ) -> Request<'_, UploadPlaylistCover> {
        let mut r = playlist_request::<UploadPlaylistCover>(self, playlist_id);
        match cover_payload(jpeg) {
            Ok(data) => {
                r.body = Body::Raw {
                    content_type: "image/jpeg",
                    data,
                }
            }
            Err(e) => r.fail(e),
        }
        r
    }

    /// A page of a playlist's items, on the old path.
    ///
    /// Returns a [`Page`](crate::model::Page) of [`PlaylistItem`](crate::model::PlaylistItem).
    ///
    /// `GET /playlists/{id}/tracks` · scope `playlist-read-private` ·
    /// options: `market`, `fields`, `limit` (1–100), `offset`,
    /// `additional_types`. Paged. Deprecated by Spotify in February 2026.
    #[deprecated(note = "Spotify moved this to GET /playlists/{id}/items; use `playlist_items`")]
    pub fn playlist_tracks(&self, playlist_id: &str) -> Request<'_, GetPlaylistTracks> {
        playlist_request(self, playlist_id).set("additional_types", BOTH_TYPES)
    }

    /// Adds items on the old path (see `playlist_add`).
    ///
    /// Returns [`PlaylistSnapshot`](crate::model::PlaylistSnapshot).
    ///
    /// `POST /playlists/{id}/tracks` · scope `playlist-modify-public` or
    /// `playlist-modify-private`. Deprecated by Spotify in February 2026.
    #[deprecated(note = "Spotify moved this to POST /playlists/{id}/items; use `playlist_add`")]
    pub fn playlist_tracks_add<I, S>(
        &self,
        playlist_id: &str,
        uris: I,
    ) -> Chunked<'_, AddPlaylistTracks>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        add_call(self, playlist_id, uris)
    }

    /// Moves items on the old path (see `playlist_reorder`).
    ///
    /// Returns [`PlaylistSnapshot`](crate::model::PlaylistSnapshot).
    ///
    /// `PUT /playlists/{id}/tracks` · scope `playlist-modify-public` or
    /// `playlist-modify-private`. Deprecated by Spotify in February 2026.
    #[deprecated(note = "Spotify moved this to PUT /playlists/{id}/items; use `playlist_reorder`")]
    pub fn playlist_tracks_reorder(
        &self,
        playlist_id: &str,
        range_start: u32,
        insert_before: u32,
    ) -> Request<'_, ReorderOrReplacePlaylistTracks> {
        reorder_request(self, playlist_id, range_start, insert_before)
    }

    /// Replaces items on the old path (see `playlist_replace`).
    ///
    /// Returns [`PlaylistSnapshot`](crate::model::PlaylistSnapshot).
    ///
    /// `PUT /playlists/{id}/tracks` · scope `playlist-modify-public` or
    /// `playlist-modify-private`. Deprecated by Spotify in February 2026.
    #[deprecated(note = "Spotify moved this to PUT /playlists/{id}/items; use `playlist_replace`")]
    pub fn playlist_tracks_replace<I, S>(
        &self,
        playlist_id: &str,
        uris: I,
    ) -> Request<'_, ReorderOrReplacePlaylistTracks>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        replace_request(self, playlist_id, uris)
    }

    /// Removes items on the old path (body key `tracks`; see
    /// `playlist_remove`).
    ///
    /// Returns [`PlaylistSnapshot`](crate::model::PlaylistSnapshot).
    ///
    /// `DELETE /playlists/{id}/tracks` · scope `playlist-modify-public` or
    /// `playlist-modify-private`. Deprecated by Spotify in February 2026.
    #[deprecated(
        note = "Spotify moved this to DELETE /playlists/{id}/items; use `playlist_remove`"
    )]
    pub fn playlist_tracks_remove<I, S>(
        &self,
        playlist_id: &str,
        uris: I,
    ) -> Chunked<'_, RemovePlaylistTracks>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Chunked::placed(
            playlist_request(self, playlist_id),
            playable_uris(uris),
            place_uri_objects,
        )
    }
}
