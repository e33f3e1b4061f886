//! The user's world, part one: the profile, top items, following, and the
//! library (`/me/library` and the older type-specific paths).
//!
//! The library is stateful: it starts with Hybrid Theory, two of its tracks
//! and Linkin Park followed, and every save or remove changes it. Playlists
//! live in `playlists.rs`, the player in `player.rs`.

use super::albums::{all_tracks, full_album};
use super::ctx::{Ctx, IssuedToken, MockRequest, error, ok_empty};
use super::data::json_response;
use super::data::{identity, images, mock_id, page, with};
use super::ids::{FRIENDS_MIX, HYBRID_THEORY, LINKIN_PARK, MOCK_EPISODE, MOCK_SHOW, MOCK_USER};
use super::server::RawResponse;
use crate::auth::scope::Scope;
use crate::endpoints::library::{
    CheckLibraryContains, CheckSavedAlbums, CheckSavedAudiobooks, CheckSavedEpisodes,
    CheckSavedShows, CheckSavedTracks, GetSavedAlbums, GetSavedAudiobooks, GetSavedEpisodes,
    GetSavedShows, GetSavedTracks, RemoveLibraryItems, SaveLibraryItems,
};
use crate::endpoints::users::{
    CheckFollows, FollowArtistsUsers, GetCurrentUser, GetFollowed, GetTopArtists, GetTopTracks,
    GetUser, UnfollowArtistsUsers,
};
use crate::id::{IdKind, parse_uri};
use crate::request::{Endpoint, Operation};
use serde_json::{Value, json};
use std::collections::HashMap;

/// `added_at` for the `n`-th change of the mock (minutes after 2024-01-01).
pub(crate) fn timestamp(n: u64) -> String {
    format!(
        "2024-01-{:02}T{:02}:{:02}:00Z",
        1 + (n / 1440) % 28,
        (n / 60) % 24,
        n % 60
    )
}

/// Full objects by URI, built once per request.
pub(crate) struct Objects {
    api: String,
    tracks: HashMap<String, Value>,
}

impl Objects {
    pub(crate) fn new(api: &str) -> Objects {
        let tracks = all_tracks(api)
            .into_iter()
            .filter_map(|t| Some((t["id"].as_str()?.to_owned(), t)))
            .collect();
        Objects {
            api: api.to_owned(),
            tracks,
        }
    }

    /// The IDs of Hybrid Theory's tracks, in order.
    pub(crate) fn hybrid_track_ids(&self) -> Vec<String> {
        let mut ids: Vec<(u64, String)> = self
            .tracks
            .iter()
            .filter(|(_, t)| t["album"]["id"] == HYBRID_THEORY)
            .map(|(id, t)| (t["track_number"].as_u64().unwrap_or(0), id.clone()))
            .collect();
        ids.sort();
        ids.into_iter().map(|(_, id)| id).collect()
    }

    pub(crate) fn track(&self, id: &str) -> Value {
        if let Some(t) = self.tracks.get(id) {
            return t.clone();
        }
        let album_id = mock_id("mock-singles");
        with(
            identity(&self.api, "track", id),
            json!({
                "name": format!("Track {}", &id[..id.len().min(6)]),
                "album": with(identity(&self.api, "album", &album_id), json!({
                    "album_type": "single", "name": "Mock Singles", "total_tracks": 1,
                    "images": images(&album_id), "release_date": "2020", "release_date_precision": "year",
                    "artists": [self.artist_ref("0MockArtistSing1esOn1y", "Mock Artist")],
                })),
                "artists": [self.artist_ref("0MockArtistSing1esOn1y", "Mock Artist")],
                "disc_number": 1, "duration_ms": 200_000, "explicit": false,
                "external_ids": {}, "is_local": false, "popularity": 10, "preview_url": null, "track_number": 1,
            }),
        )
    }

    fn artist_ref(&self, id: &str, name: &str) -> Value {
        with(identity(&self.api, "artist", id), json!({"name": name}))
    }

    pub(crate) fn artist(&self, id: &str) -> Value {
        let name = match id {
            LINKIN_PARK => "Linkin Park".to_owned(),
            "0MockArtistW1thLongA1b" => "The Mock Orchestra".to_owned(),
            other => format!("Artist {}", &other[..other.len().min(6)]),
        };
        with(
            self.artist_ref(id, &name),
            json!({"followers": {"href": null, "total": 1000}, "genres": [], "images": images(id), "popularity": 60}),
        )
    }

    pub(crate) fn show(&self, id: &str) -> Value {
        let name = if id == MOCK_SHOW {
            "The Daily Round".to_owned()
        } else {
            format!("Show {}", &id[..id.len().min(6)])
        };
        with(
            identity(&self.api, "show", id),
            json!({
                "name": name, "publisher": "Mock Media", "description": "A mock show.", "html_description": "<p>A mock show.</p>",
                "explicit": false, "images": images(id), "is_externally_hosted": false, "languages": ["en"],
                "media_type": "audio", "total_episodes": 1, "available_markets": ["SE", "US"], "copyrights": [],
            }),
        )
    }

    pub(crate) fn episode(&self, id: &str) -> Value {
        let name = if id == MOCK_EPISODE {
            "Monday briefing".to_owned()
        } else {
            format!("Episode {}", &id[..id.len().min(6)])
        };
        with(
            identity(&self.api, "episode", id),
            json!({
                "name": name, "description": "A mock episode.", "html_description": "<p>A mock episode.</p>",
                "duration_ms": 1_500_000, "explicit": false, "images": images(id), "is_externally_hosted": false,
                "is_playable": true, "language": "en", "languages": ["en"], "audio_preview_url": null,
                "release_date": "2024-01-01", "release_date_precision": "day", "show": self.show(MOCK_SHOW),
            }),
        )
    }

    pub(crate) fn album(&self, id: &str) -> Value {
        full_album(&self.api, id).unwrap_or_else(|| {
            with(
                identity(&self.api, "album", id),
                json!({
                    "album_type": "album", "name": format!("Album {}", &id[..id.len().min(6)]), "total_tracks": 0,
                    "artists": [self.artist_ref("0MockArtistSing1esOn1y", "Mock Artist")], "images": images(id),
                    "release_date": "2020", "release_date_precision": "year", "tracks": page(&format!("{}/albums/{id}/tracks", self.api), &[], 50, 0),
                    "copyrights": [], "external_ids": {}, "genres": [], "label": "Mock Records", "popularity": 5,
                }),
            )
        })
    }

    pub(crate) fn audiobook(&self, id: &str) -> Value {
        with(
            identity(&self.api, "audiobook", id),
            json!({
                "name": format!("Audiobook {}", &id[..id.len().min(6)]), "authors": [{"name": "A. Author"}],
                "narrators": [{"name": "N. Narrator"}], "publisher": "Mock Books", "description": "A mock audiobook.",
                "html_description": "<p>A mock audiobook.</p>", "explicit": false, "images": images(id),
                "languages": ["en"], "media_type": "audio", "total_chapters": 3, "copyrights": [],
                "available_markets": ["SE", "US"], "edition": "Unabridged",
            }),
        )
    }

    /// A track or episode object for a playable URI; a local file for
    /// `spotify:local:` URIs.
    pub(crate) fn playable(&self, uri: &str) -> Value {
        if let Some(rest) = uri.strip_prefix("spotify:local:") {
            let parts: Vec<String> = rest.split(':').map(|p| p.replace('+', " ")).collect();
            let part = |i: usize| parts.get(i).cloned().unwrap_or_default();
            let secs: u64 = parts.get(3).and_then(|s| s.parse().ok()).unwrap_or(0);
            return json!({
                "album": {"album_type": null, "artists": [], "available_markets": [], "external_urls": {}, "href": null,
                          "id": null, "images": [], "name": part(1), "release_date": null, "release_date_precision": null, "type": "album", "uri": null},
                "artists": [{"external_urls": {}, "href": null, "id": null, "name": part(0), "type": "artist", "uri": null}],
                "available_markets": [], "disc_number": 0, "duration_ms": secs * 1000, "explicit": false,
                "external_ids": {}, "external_urls": {}, "href": null, "id": null, "is_local": true,
                "name": part(2), "popularity": 0, "preview_url": null, "track_number": 0, "type": "track", "uri": uri,
            });
        }
        match uri.split(':').collect::<Vec<_>>().as_slice() {
            ["spotify", "episode", id] => self.episode(id),
            ["spotify", "track", id] => self.track(id),
            _ => Value::Null,
        }
    }
}

/// The library: saved items and follows, as URIs with the time they were
/// added (newest last).
pub(crate) struct Library {
    pub items: Vec<(String, u64)>,
    pub clock: u64,
}

impl Default for Library {
    fn default() -> Library {
        let objects = Objects::new("");
        let tracks = objects.hybrid_track_ids();
        let mut lib = Library {
            items: Vec::new(),
            clock: 0,
        };
        lib.add(&format!("spotify:album:{HYBRID_THEORY}"));
        lib.add(&format!("spotify:track:{}", tracks[0]));
        lib.add(&format!("spotify:track:{}", tracks[7]));
        lib.add(&format!("spotify:artist:{LINKIN_PARK}"));
        lib.add(&format!("spotify:show:{MOCK_SHOW}"));
        lib.add(&format!("spotify:episode:{MOCK_EPISODE}"));
        lib.add(&format!("spotify:playlist:{FRIENDS_MIX}"));
        lib
    }
}

impl Library {
    pub(crate) fn add(&mut self, uri: &str) {
        if !self.contains(uri) {
            self.clock += 1;
            self.items.push((uri.to_owned(), self.clock));
        }
    }

    pub(crate) fn remove(&mut self, uri: &str) {
        self.items.retain(|(u, _)| u != uri);
    }

    pub(crate) fn contains(&self, uri: &str) -> bool {
        self.items.iter().any(|(u, _)| u == uri)
    }

    /// `(id, added)` of one kind, newest first.
    fn of_kind(&self, kind: &str) -> Vec<(String, u64)> {
        let prefix = format!("spotify:{kind}:");
        self.items
            .iter()
            .rev()
            .filter_map(|(u, t)| Some((u.strip_prefix(&prefix)?.to_owned(), *t)))
            .collect()
    }
}

/// The scope a library change (or check) of this kind needs.
fn library_scope(kind: IdKind, write: bool) -> &'static str {
    match (kind, write) {
        (IdKind::Artist | IdKind::User, true) => "user-follow-modify",
        (IdKind::Artist | IdKind::User, false) => "user-follow-read",
        (IdKind::Playlist, true) => "playlist-modify-public",
        (IdKind::Playlist, false) => "playlist-read-private",
        (_, true) => "user-library-modify",
        (_, false) => "user-library-read",
    }
}

/// Parses a comma-separated URI list; `Err` is the response to send.
fn parse_uri_list(list: &str, max: usize) -> Result<Vec<(IdKind, String)>, RawResponse> {
    let uris: Vec<&str> = list.split(',').filter(|s| !s.is_empty()).collect();
    if uris.is_empty() {
        return Err(error(400, "Missing required field: uris"));
    }
    if uris.len() > max {
        return Err(error(400, "Too many ids requested"));
    }
    uris.into_iter()
        .map(|u| parse_uri(u).map_err(|_| error(400, &format!("Invalid URI: {u}"))))
        .collect()
}

/// IDs from `?ids=` or a JSON body `{"ids": [...]}`.
pub(crate) fn ids_of(req: &MockRequest) -> Vec<String> {
    if let Some(q) = req.query("ids") {
        return q
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
    }
    req.json()["ids"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn has(token: &IssuedToken, scope: &str) -> bool {
    token.scopes.contains(&Scope::parse(scope))
}

fn me(api: &str, token: &IssuedToken) -> Value {
    let (id, display_name) = match &token.name {
        Some(name) => (name.as_str(), name.as_str()),
        None => (MOCK_USER, "Mock User"),
    };
    let mut u = with(
        identity(api, "user", id),
        json!({"display_name": display_name, "account_id": "mockAcc0unt1", "images": images(id)}),
    );
    if has(token, "user-read-private") {
        u = with(
            u,
            json!({"country": "SE", "product": "premium", "explicit_content": {"filter_enabled": false, "filter_locked": false},
                   "followers": {"href": null, "total": 3}}),
        );
    }
    if has(token, "user-read-email") {
        u = with(u, json!({"email": "mock-user@example.com"}));
    }
    u
}

/// A public profile of any user.
pub(crate) fn public_user(api: &str, id: &str) -> Value {
    let name = if id == MOCK_USER {
        "Mock User".to_owned()
    } else {
        id.to_owned()
    };
    with(
        identity(api, "user", id),
        json!({"display_name": name, "followers": {"href": null, "total": 3}, "images": []}),
    )
}

/// Top artists and tracks in the order the time range asks for.
fn ranked(mut v: Vec<Value>, range: Option<&str>) -> Result<Vec<Value>, RawResponse> {
    match range {
        None | Some("medium_term") => {}
        Some("short_term") => v.reverse(),
        Some("long_term") => {
            let n = v.len() / 2;
            v.rotate_left(n)
        }
        Some(_) => return Err(error(400, "Invalid time range")),
    }
    Ok(v)
}

fn saved_page(api: &str, req: &MockRequest, path: &str, entries: Vec<Value>) -> RawResponse {
    let (limit, offset) = req.paging(20);
    if !(1..=50).contains(&limit) {
        return error(400, "Invalid limit");
    }
    json_response(200, &page(&format!("{api}{path}"), &entries, limit, offset))
}

/// The type-specific library operations: `(list, check, URI kind, key in
/// saved objects, cap)`. Saving and removing share the list's path.
const SAVED: [(&Endpoint, &Endpoint, &str, &str, usize); 5] = [
    (
        GetSavedAlbums::ENDPOINT,
        CheckSavedAlbums::ENDPOINT,
        "album",
        "album",
        20,
    ),
    (
        GetSavedTracks::ENDPOINT,
        CheckSavedTracks::ENDPOINT,
        "track",
        "track",
        50,
    ),
    (
        GetSavedEpisodes::ENDPOINT,
        CheckSavedEpisodes::ENDPOINT,
        "episode",
        "episode",
        50,
    ),
    (
        GetSavedShows::ENDPOINT,
        CheckSavedShows::ENDPOINT,
        "show",
        "show",
        50,
    ),
    (
        GetSavedAudiobooks::ENDPOINT,
        CheckSavedAudiobooks::ENDPOINT,
        "audiobook",
        "audiobook",
        50,
    ),
];

/// What a request to the profile, top items, following or the library
/// asks for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Call {
    Me,
    TopArtists,
    TopTracks,
    Followed,
    Follow,
    Unfollow,
    CheckFollows,
    SaveItems,
    RemoveItems,
    CheckItems,
}

const CALLS: [(&Endpoint, Call); 10] = [
    (GetCurrentUser::ENDPOINT, Call::Me),
    (GetTopArtists::ENDPOINT, Call::TopArtists),
    (GetTopTracks::ENDPOINT, Call::TopTracks),
    (GetFollowed::ENDPOINT, Call::Followed),
    (FollowArtistsUsers::ENDPOINT, Call::Follow),
    (UnfollowArtistsUsers::ENDPOINT, Call::Unfollow),
    (CheckFollows::ENDPOINT, Call::CheckFollows),
    (SaveLibraryItems::ENDPOINT, Call::SaveItems),
    (RemoveLibraryItems::ENDPOINT, Call::RemoveItems),
    (CheckLibraryContains::ENDPOINT, Call::CheckItems),
];

pub(crate) fn route(ctx: &Ctx, req: &MockRequest) -> Option<RawResponse> {
    let api = ctx.api();
    if let Some(p) = req.op::<GetUser>() {
        return Some(match ctx.authorize(req, &[]) {
            Ok(_) => json_response(200, &public_user(&api, p[0])),
            Err(r) => r,
        });
    }
    let Some((call, _)) = req.pick(&CALLS) else {
        return saved_route(ctx, req, &api);
    };
    Some(match call {
        Call::Me => match ctx.authorize(req, &[]) {
            Ok(t) if !t.user => error(403, "This endpoint needs a user token"),
            Ok(t) => json_response(200, &me(&api, &t)),
            Err(r) => r,
        },
        Call::TopArtists | Call::TopTracks => {
            let token = match ctx.authorize(req, &["user-top-read"]) {
                Ok(t) => t,
                Err(r) => return Some(r),
            };
            let objects = Objects::new(&api);
            let mut items: Vec<Value> = if call == Call::TopArtists {
                [
                    LINKIN_PARK,
                    "0MockArtistW1thLongA1b",
                    "0MockArtistSing1esOn1y",
                ]
                .iter()
                .map(|id| objects.artist(id))
                .collect()
            } else {
                objects
                    .hybrid_track_ids()
                    .iter()
                    .map(|id| objects.track(id))
                    .collect()
            };
            // A named user (see `/authorize`'s `user`) has a taste of their
            // own: the list turned by the sum of the name's bytes.
            if let Some(name) = &token.name {
                let turn = name.bytes().map(usize::from).sum::<usize>() % items.len().max(1);
                items.rotate_left(turn);
            }
            let items = match ranked(items, req.query("time_range")) {
                Ok(v) => v,
                Err(r) => return Some(r),
            };
            let path = req.api_path();
            let base = match req.query("time_range") {
                Some(r) => format!("{api}{path}?time_range={r}"),
                None => format!("{api}{path}"),
            };
            let (limit, offset) = req.paging(20);
            json_response(200, &page(&base, &items, limit, offset))
        }
        Call::Followed => {
            if let Err(r) = ctx.authorize(req, &["user-follow-read"]) {
                return Some(r);
            }
            if req.query("type") != Some("artist") {
                return Some(error(400, "Bad request: type must be artist"));
            }
            let followed: Vec<String> = ctx.with(|lib: &mut Library| {
                lib.of_kind("artist")
                    .into_iter()
                    .rev()
                    .map(|(id, _)| id)
                    .collect()
            });
            let limit: usize = req
                .query("limit")
                .and_then(|l| l.parse().ok())
                .unwrap_or(20);
            let start = match req.query("after") {
                Some(after) => followed
                    .iter()
                    .position(|id| id == after)
                    .map_or(followed.len(), |i| i + 1),
                None => 0,
            };
            let objects = Objects::new(&api);
            let slice: Vec<&String> = followed.iter().skip(start).take(limit).collect();
            let last = slice.last().map(|s| s.to_string());
            let more = start + slice.len() < followed.len();
            json_response(
                200,
                &json!({"artists": {
                    "href": format!("{api}/me/following?type=artist&limit={limit}"),
                    "items": slice.iter().map(|id| objects.artist(id)).collect::<Vec<_>>(),
                    "limit": limit,
                    "next": if more { json!(format!("{api}/me/following?type=artist&after={}&limit={limit}", last.clone().unwrap_or_default())) } else { Value::Null },
                    "cursors": {"after": if more { json!(last) } else { Value::Null }, "before": null},
                    "total": followed.len(),
                }}),
            )
        }
        Call::Follow | Call::Unfollow | Call::CheckFollows => {
            let write = req.method != "GET";
            let scope = if write {
                "user-follow-modify"
            } else {
                "user-follow-read"
            };
            if let Err(r) = ctx.authorize(req, &[scope]) {
                return Some(r);
            }
            let kind = match req.query("type") {
                Some(k @ ("artist" | "user")) => k,
                _ => return Some(error(400, "Bad request: type must be artist or user")),
            };
            let ids = ids_of(req);
            if ids.is_empty() || ids.len() > 50 {
                return Some(error(400, "Bad request: give 1 to 50 ids"));
            }
            library_apply(
                ctx,
                &req.method,
                ids.iter()
                    .map(|id| format!("spotify:{kind}:{id}"))
                    .collect(),
            )
        }
        Call::SaveItems | Call::RemoveItems | Call::CheckItems => {
            let write = req.method != "GET";
            if let Err(r) = ctx.authorize(req, &[]) {
                return Some(r);
            }
            let uris = match parse_uri_list(req.query("uris").unwrap_or(""), 40) {
                Ok(u) => u,
                Err(r) => return Some(r),
            };
            for (kind, _) in &uris {
                if matches!(kind, IdKind::Chapter) {
                    return Some(error(400, "Unsupported URI type: chapter"));
                }
                if let Err(r) = ctx.authorize(req, &[library_scope(*kind, write)]) {
                    return Some(r);
                }
            }
            library_apply(ctx, &req.method, uris.into_iter().map(|(_, u)| u).collect())
        }
    })
}

/// Saves, removes or checks URIs; the answer Spotify gives for each.
fn library_apply(ctx: &Ctx, method: &str, uris: Vec<String>) -> RawResponse {
    ctx.with(|lib: &mut Library| match method {
        "PUT" => {
            uris.iter().for_each(|u| lib.add(u));
            ok_empty()
        }
        "DELETE" => {
            uris.iter().for_each(|u| lib.remove(u));
            ok_empty()
        }
        _ => json_response(
            200,
            &json!(uris.iter().map(|u| lib.contains(u)).collect::<Vec<_>>()),
        ),
    })
}

/// The paths of [`SAVED`]: list, save and remove; check.
fn saved_route(ctx: &Ctx, req: &MockRequest, api: &str) -> Option<RawResponse> {
    let (contains, &(_, _, kind, key, cap)) = SAVED.iter().find_map(|row| {
        if req.on_path(row.1).is_some() {
            Some((true, row))
        } else {
            req.on_path(row.0).map(|_| (false, row))
        }
    })?;
    let write = matches!(req.method.as_str(), "PUT" | "DELETE");
    if contains && req.method != "GET" {
        return None;
    }
    let mut scopes = vec![if write {
        "user-library-modify"
    } else {
        "user-library-read"
    }];
    if kind == "episode" && !write && !contains {
        scopes = vec!["user-library-read", "user-read-playback-position"];
    }
    if let Err(r) = ctx.authorize(req, &scopes) {
        return Some(r);
    }
    if write || contains {
        let ids = ids_of(req);
        if ids.is_empty() {
            return Some(error(400, "Missing required field: ids"));
        }
        if ids.len() > cap {
            return Some(error(400, "Too many ids requested"));
        }
        return Some(library_apply(
            ctx,
            if contains { "GET" } else { &req.method },
            ids.iter()
                .map(|id| format!("spotify:{kind}:{id}"))
                .collect(),
        ));
    }
    if req.method != "GET" {
        return None;
    }
    let saved = ctx.with(|lib: &mut Library| lib.of_kind(kind));
    let objects = Objects::new(api);
    let entries: Vec<Value> = saved
        .iter()
        .map(|(id, t)| {
            let object = match kind {
                "album" => objects.album(id),
                "track" => objects.track(id),
                "episode" => objects.episode(id),
                "show" => objects.show(id),
                _ => objects.audiobook(id),
            };
            json!({"added_at": timestamp(*t), key: object})
        })
        .collect();
    Some(saved_page(api, req, req.api_path(), entries))
}
