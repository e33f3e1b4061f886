//! The user's world, part two: playlists you can create, fill, reorder,
//! empty and give a cover, on the new `/items` and the old `/tracks` paths.

use super::ctx::{Ctx, MockRequest, error, ok_empty};
use super::data::json_response;
use super::data::{identity, images, page, with};
use super::ids::{FRIENDS_MIX, MOCK_EPISODE, MOCK_USER, MORNING_MIX, PRIVATE_MIX};
use super::server::RawResponse;
use super::user::{Library, Objects, public_user, timestamp};
use crate::endpoints::playlists::{
    AddPlaylistItems, AddPlaylistTracks, ChangePlaylistDetails, CreatePlaylist,
    CreatePlaylistForUser, GetMyPlaylists, GetPlaylist, GetPlaylistCover, GetPlaylistItems,
    GetPlaylistTracks, GetUserPlaylists, RemovePlaylistItems, RemovePlaylistTracks,
    ReorderOrReplacePlaylistItems, ReorderOrReplacePlaylistTracks, UploadPlaylistCover,
};
use crate::endpoints::users::{CheckFollowsPlaylist, FollowPlaylist, UnfollowPlaylist};
use crate::id::{IdKind, parse_uri};
use crate::request::{Endpoint, Operation};
use serde_json::{Value, json};

/// The largest cover Spotify accepts (base64 text), in bytes.
const COVER_MAX: usize = 256 * 1024;

struct Entry {
    uri: String,
    added: u64,
    added_by: String,
    /// The track was removed from Spotify: the entry's item is `null`.
    gone: bool,
}

struct MockPlaylist {
    id: String,
    owner: String,
    name: String,
    description: Option<String>,
    public: bool,
    collaborative: bool,
    entries: Vec<Entry>,
    version: u64,
    cover: Option<u64>,
}

impl MockPlaylist {
    fn new(id: &str, owner: &str, name: &str, public: bool) -> MockPlaylist {
        MockPlaylist {
            id: id.to_owned(),
            owner: owner.to_owned(),
            name: name.to_owned(),
            description: None,
            public,
            collaborative: false,
            entries: Vec::new(),
            version: 1,
            cover: None,
        }
    }

    fn snapshot(&self) -> String {
        format!("MTAs{}{:08}", &self.id[..8], self.version)
    }

    fn changed(&mut self) -> Value {
        self.version += 1;
        json!({"snapshot_id": self.snapshot()})
    }
}

/// Every playlist the mock knows, newest last.
pub(crate) struct Playlists {
    list: Vec<MockPlaylist>,
    clock: u64,
}

impl Default for Playlists {
    fn default() -> Playlists {
        let objects = Objects::new("");
        let tracks = objects.hybrid_track_ids();
        let mut morning = MockPlaylist::new(MORNING_MIX, MOCK_USER, "Morning mix", true);
        morning.description = Some("Songs and a podcast for the morning".into());
        let mut uris: Vec<(String, bool)> = tracks[..5]
            .iter()
            .map(|id| (format!("spotify:track:{id}"), false))
            .collect();
        uris.push(("spotify:track:Remov3dFromSpotify0000".into(), true));
        uris.push((
            "spotify:local:Our+Band:Home+Recordings:Garage+Take+3:240".into(),
            false,
        ));
        uris.push((format!("spotify:episode:{MOCK_EPISODE}"), false));
        for (i, (uri, gone)) in uris.into_iter().enumerate() {
            morning.entries.push(Entry {
                uri,
                added: i as u64,
                added_by: MOCK_USER.into(),
                gone,
            });
        }
        let mut private = MockPlaylist::new(PRIVATE_MIX, MOCK_USER, "Private mix", false);
        private.entries.push(Entry {
            uri: format!("spotify:track:{}", tracks[7]),
            added: 10,
            added_by: MOCK_USER.into(),
            gone: false,
        });
        let mut friends = MockPlaylist::new(FRIENDS_MIX, "friend-user", "From a friend", true);
        friends.entries.push(Entry {
            uri: format!("spotify:track:{}", tracks[11]),
            added: 20,
            added_by: "friend-user".into(),
            gone: false,
        });
        Playlists {
            list: vec![friends, morning, private],
            clock: 100,
        }
    }
}

impl Playlists {
    fn find(&mut self, id: &str) -> Option<&mut MockPlaylist> {
        self.list.iter_mut().find(|p| p.id == id)
    }
}

/// The URIs of a playlist's playable entries (for the player).
pub(crate) fn playlist_uris(ctx: &Ctx, id: &str) -> Option<Vec<String>> {
    ctx.with(|pl: &mut Playlists| {
        pl.find(id).map(|p| {
            p.entries
                .iter()
                .filter(|e| !e.gone)
                .map(|e| e.uri.clone())
                .collect()
        })
    })
}

fn entry_json(api: &str, objects: &Objects, e: &Entry) -> Value {
    let item = if e.gone {
        Value::Null
    } else {
        objects.playable(&e.uri)
    };
    json!({
        "added_at": timestamp(e.added),
        "added_by": identity(api, "user", &e.added_by),
        "is_local": e.uri.starts_with("spotify:local:"),
        "primary_color": null,
        "item": item,
        "track": item,
    })
}

fn cover_json(origin: &str, p: &MockPlaylist) -> Value {
    match p.cover {
        Some(v) => {
            json!([{"url": format!("{origin}/mock-covers/{}-{v}.jpg", p.id), "height": null, "width": null}])
        }
        None => images(&p.id),
    }
}

fn base_json(ctx: &Ctx, api: &str, p: &MockPlaylist) -> Value {
    with(
        identity(api, "playlist", &p.id),
        json!({
            "name": p.name,
            "description": p.description,
            "public": p.public,
            "collaborative": p.collaborative,
            "owner": public_user(api, &p.owner),
            "images": cover_json(&ctx.origin, p),
            "snapshot_id": p.snapshot(),
        }),
    )
}

fn full_json(ctx: &Ctx, api: &str, p: &MockPlaylist) -> Value {
    let objects = Objects::new(api);
    let entries: Vec<Value> = p
        .entries
        .iter()
        .map(|e| entry_json(api, &objects, e))
        .collect();
    with(
        base_json(ctx, api, p),
        json!({
            "followers": {"href": null, "total": 7},
            "items": page(&format!("{api}/playlists/{}/items", p.id), &entries, 100, 0),
        }),
    )
}

fn simple_json(ctx: &Ctx, api: &str, p: &MockPlaylist) -> Value {
    with(
        base_json(ctx, api, p),
        json!({"items": {"href": format!("{api}/playlists/{}/items", p.id), "total": p.entries.len()}}),
    )
}

/// Every public playlist as a simplified playlist object (for search and
/// browse in `catalogue.rs`).
pub(crate) fn public_simple_playlists(ctx: &Ctx, api: &str) -> Vec<Value> {
    ctx.with(|pl: &mut Playlists| {
        pl.list
            .iter()
            .filter(|p| p.public)
            .map(|p| simple_json(ctx, api, p))
            .collect()
    })
}

fn modify_scope(public: bool) -> &'static str {
    if public {
        "playlist-modify-public"
    } else {
        "playlist-modify-private"
    }
}

/// URIs from the JSON body's `uris` or the `uris` query parameter.
fn uris_of(req: &MockRequest, body: &Value) -> Option<Vec<String>> {
    if let Some(a) = body["uris"].as_array() {
        return Some(
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
        );
    }
    req.query("uris").map(|q| {
        q.split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    })
}

fn check_playable(uris: &[String]) -> Result<(), RawResponse> {
    if uris.len() > 100 {
        return Err(error(
            400,
            "You can add a maximum of 100 tracks per request.",
        ));
    }
    for u in uris {
        match parse_uri(u) {
            Ok((IdKind::Track | IdKind::Episode, _)) => {}
            _ => {
                return Err(error(
                    400,
                    &format!("Invalid base62 id or unsupported URI: {u}"),
                ));
            }
        }
    }
    Ok(())
}

fn number(body: &Value, req: &MockRequest, key: &str) -> Option<usize> {
    body[key]
        .as_u64()
        .map(|n| n as usize)
        .or_else(|| req.query(key).and_then(|v| v.parse().ok()))
}

/// The entry lists: the new `/items` and the old `/tracks` operations
/// (read, add, reorder or replace, remove), their body key and page cap.
const ENTRY_LISTS: [(&Endpoint, [&Endpoint; 3], &str, usize); 2] = [
    (
        GetPlaylistItems::ENDPOINT,
        [
            AddPlaylistItems::ENDPOINT,
            ReorderOrReplacePlaylistItems::ENDPOINT,
            RemovePlaylistItems::ENDPOINT,
        ],
        "items",
        50,
    ),
    (
        GetPlaylistTracks::ENDPOINT,
        [
            AddPlaylistTracks::ENDPOINT,
            ReorderOrReplacePlaylistTracks::ENDPOINT,
            RemovePlaylistTracks::ENDPOINT,
        ],
        "tracks",
        100,
    ),
];

pub(crate) fn route(ctx: &Ctx, req: &MockRequest) -> Option<RawResponse> {
    let api = ctx.api();
    if let Some(p) = req.op::<GetPlaylist>() {
        return Some(read(ctx, req, &api, p[0], None));
    }
    if let Some(p) = req.op::<ChangePlaylistDetails>() {
        return Some(change(ctx, req, p[0]));
    }
    for (get, edits, key, max) in ENTRY_LISTS {
        if let Some(p) = req.calls(get) {
            return Some(read(ctx, req, &api, p[0], Some(max)));
        }
        if let Some(p) = edits.iter().find_map(|e| req.calls(e)) {
            return Some(edit(ctx, req, p[0], key));
        }
    }
    if let Some(p) = req.op::<GetPlaylistCover>() {
        return Some(cover(ctx, req, p[0]));
    }
    if let Some(p) = req.op::<UploadPlaylistCover>() {
        return Some(upload_cover(ctx, req, p[0]));
    }
    if req.op_path::<GetPlaylistCover>().is_some() {
        return Some(error(405, "Method not allowed"));
    }
    if let Some(p) = req
        .op::<FollowPlaylist>()
        .or_else(|| req.op::<UnfollowPlaylist>())
    {
        return Some(follow(ctx, req, p[0]));
    }
    if let Some(p) = req.op::<CheckFollowsPlaylist>() {
        if let Err(r) = ctx.authorize(req, &[]) {
            return Some(r);
        }
        let uri = format!("spotify:playlist:{}", p[0]);
        let me = req.query("ids").is_none_or(|ids| ids == MOCK_USER);
        let follows = me && ctx.with(|lib: &mut Library| lib.contains(&uri));
        return Some(json_response(200, &json!([follows])));
    }
    if req.op::<GetMyPlaylists>().is_some() {
        return Some(list(ctx, req, &api, None));
    }
    if let Some(p) = req.op::<GetUserPlaylists>() {
        return Some(list(ctx, req, &api, Some(p[0])));
    }
    if req.op::<CreatePlaylist>().is_some() {
        return Some(create(ctx, req, &api, MOCK_USER));
    }
    if let Some(p) = req.op::<CreatePlaylistForUser>() {
        return Some(create(ctx, req, &api, p[0]));
    }
    None
}

/// `GET /playlists/{id}` (`max` = `None`) or a page of its entries.
fn read(ctx: &Ctx, req: &MockRequest, api: &str, id: &str, max: Option<usize>) -> RawResponse {
    let token = match ctx.authorize(req, &[]) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let public = ctx.with(|pl: &mut Playlists| pl.find(id).map(|p| p.public));
    let Some(public) = public else {
        return error(404, "Not found.");
    };
    if !public {
        if let Err(r) = ctx.authorize(req, &["playlist-read-private"]) {
            return r;
        }
    }
    let _ = token;
    ctx.with(|pl: &mut Playlists| {
        let p = pl.find(id).expect("checked above");
        let Some(max) = max else {
            return json_response(200, &full_json(ctx, api, p));
        };
        let (limit, offset) = req.paging(20);
        if !(1..=max).contains(&limit) {
            return error(400, "Invalid limit");
        }
        let objects = Objects::new(api);
        let entries: Vec<Value> = p
            .entries
            .iter()
            .map(|e| entry_json(api, &objects, e))
            .collect();
        let path = req.api_path();
        json_response(200, &page(&format!("{api}{path}"), &entries, limit, offset))
    })
}

/// Checks the token may change playlist `id`; gives its public flag.
fn may_change(ctx: &Ctx, req: &MockRequest, id: &str) -> Result<(), RawResponse> {
    let facts = ctx.with(|pl: &mut Playlists| {
        pl.find(id)
            .map(|p| (p.public, p.owner.clone(), p.collaborative))
    });
    let Some((public, owner, collaborative)) = facts else {
        return Err(error(404, "Not found."));
    };
    ctx.authorize(req, &[modify_scope(public)])?;
    if owner != MOCK_USER && !collaborative {
        return Err(error(403, "You cannot change a playlist you don't own."));
    }
    Ok(())
}

fn change(ctx: &Ctx, req: &MockRequest, id: &str) -> RawResponse {
    if let Err(r) = may_change(ctx, req, id) {
        return r;
    }
    let body = req.json();
    ctx.with(|pl: &mut Playlists| {
        let p = pl.find(id).expect("checked");
        if let Some(n) = body["name"].as_str() {
            p.name = n.to_owned();
        }
        if let Some(b) = body["public"].as_bool() {
            p.public = b;
        }
        if let Some(b) = body["collaborative"].as_bool() {
            p.collaborative = b;
        }
        if let Some(d) = body["description"].as_str() {
            p.description = Some(d.to_owned());
        }
        p.version += 1;
    });
    ok_empty()
}

/// Add (`POST`), reorder or replace (`PUT`), remove (`DELETE`) entries.
fn edit(ctx: &Ctx, req: &MockRequest, id: &str, remove_key: &str) -> RawResponse {
    if let Err(r) = may_change(ctx, req, id) {
        return r;
    }
    let body = req.json();
    ctx.with(|pl: &mut Playlists| {
        pl.clock += 1;
        let clock = pl.clock;
        let p = pl.find(id).expect("checked");
        match req.method.as_str() {
            "POST" => {
                let Some(uris) = uris_of(req, &body) else {
                    return error(400, "Missing required field: uris");
                };
                if let Err(r) = check_playable(&uris) {
                    return r;
                }
                let at = number(&body, req, "position").unwrap_or(p.entries.len());
                if at > p.entries.len() {
                    return error(400, "Index out of bounds");
                }
                let new = uris.into_iter().map(|uri| Entry {
                    uri,
                    added: clock,
                    added_by: MOCK_USER.into(),
                    gone: false,
                });
                p.entries.splice(at..at, new);
                json_response(201, &p.changed())
            }
            "PUT" => {
                if let Some(start) = number(&body, req, "range_start") {
                    let Some(before) = number(&body, req, "insert_before") else {
                        return error(400, "Missing required field: insert_before");
                    };
                    let len = number(&body, req, "range_length").unwrap_or(1);
                    let n = p.entries.len();
                    if start + len > n || before > n {
                        return error(400, "Index out of bounds");
                    }
                    let moved: Vec<Entry> = p.entries.drain(start..start + len).collect();
                    let at = if before > start { before - len } else { before };
                    p.entries.splice(at..at, moved);
                    return json_response(200, &p.changed());
                }
                let Some(uris) = uris_of(req, &body) else {
                    return error(400, "Missing required field: uris or range_start");
                };
                if let Err(r) = check_playable(&uris) {
                    return r;
                }
                p.entries = uris
                    .into_iter()
                    .map(|uri| Entry {
                        uri,
                        added: clock,
                        added_by: MOCK_USER.into(),
                        gone: false,
                    })
                    .collect();
                json_response(200, &p.changed())
            }
            _ => {
                let Some(list) = body[remove_key].as_array() else {
                    return error(400, &format!("Missing required field: {remove_key}"));
                };
                if list.is_empty() || list.len() > 100 {
                    return error(400, "Give 1 to 100 items to remove");
                }
                // Positions refer to the playlist as it was before this
                // request: check every item first, then remove at once.
                let mut at: Vec<usize> = Vec::new();
                let mut everywhere: Vec<&str> = Vec::new();
                for obj in list {
                    let Some(uri) = obj["uri"].as_str() else {
                        return error(400, "Each item needs a uri");
                    };
                    match obj["positions"].as_array() {
                        Some(positions) => {
                            for v in positions {
                                let i = v.as_u64().map_or(usize::MAX, |v| v as usize);
                                if p.entries.get(i).is_none_or(|e| e.uri != uri) {
                                    return error(400, &format!("Could not remove {uri}: no such item at the given positions"));
                                }
                                at.push(i);
                            }
                        }
                        None => everywhere.push(uri),
                    }
                }
                let mut i = 0;
                p.entries.retain(|e| {
                    let keep = !at.contains(&i) && !everywhere.contains(&e.uri.as_str());
                    i += 1;
                    keep
                });
                json_response(200, &p.changed())
            }
        }
    })
}

fn list(ctx: &Ctx, req: &MockRequest, api: &str, user: Option<&str>) -> RawResponse {
    let scopes: &[&str] = match user {
        None => &["playlist-read-private"],
        Some(_) => &["playlist-read-collaborative", "playlist-read-private"],
    };
    if let Err(r) = ctx.authorize(req, scopes) {
        return r;
    }
    let (limit, offset) = req.paging(20);
    if !(1..=50).contains(&limit) {
        return error(400, "Invalid limit");
    }
    let followed: Vec<String> = ctx.with(|lib: &mut Library| {
        lib.items
            .iter()
            .filter_map(|(u, _)| u.strip_prefix("spotify:playlist:").map(str::to_owned))
            .collect()
    });
    let items: Vec<Value> = ctx.with(|pl: &mut Playlists| {
        pl.list
            .iter()
            .rev()
            .filter(|p| match user {
                None => p.owner == MOCK_USER || followed.contains(&p.id),
                Some(u) => p.owner == u && (p.public || u == MOCK_USER),
            })
            .map(|p| simple_json(ctx, api, p))
            .collect()
    });
    let path = req.api_path();
    json_response(200, &page(&format!("{api}{path}"), &items, limit, offset))
}

fn create(ctx: &Ctx, req: &MockRequest, api: &str, user: &str) -> RawResponse {
    let body = req.json();
    let public = body["public"].as_bool().unwrap_or(true);
    if let Err(r) = ctx.authorize(req, &[modify_scope(public)]) {
        return r;
    }
    if user != MOCK_USER {
        return error(403, "You cannot create a playlist for another user.");
    }
    let Some(name) = body["name"].as_str().filter(|n| !n.is_empty()) else {
        return error(400, "Missing required field: name");
    };
    let collaborative = body["collaborative"].as_bool().unwrap_or(false);
    if collaborative && public {
        return error(400, "A collaborative playlist can't be public.");
    }
    let n = ctx.next_number();
    let id = super::data::mock_id(&format!("created-playlist-{n}"));
    let mut p = MockPlaylist::new(&id, MOCK_USER, name, public);
    p.collaborative = collaborative;
    p.description = body["description"].as_str().map(str::to_owned);
    let out = full_json(ctx, api, &p);
    ctx.with(|pl: &mut Playlists| pl.list.push(p));
    json_response(201, &out)
}

/// `GET /playlists/{id}/images`.
fn cover(ctx: &Ctx, req: &MockRequest, id: &str) -> RawResponse {
    if let Err(r) = ctx.authorize(req, &[]) {
        return r;
    }
    ctx.with(|pl: &mut Playlists| match pl.find(id) {
        Some(p) => json_response(200, &cover_json(&ctx.origin, p)),
        None => error(404, "Not found."),
    })
}

/// `PUT /playlists/{id}/images`.
fn upload_cover(ctx: &Ctx, req: &MockRequest, id: &str) -> RawResponse {
    if let Err(r) = ctx.authorize(req, &["ugc-image-upload"]) {
        return r;
    }
    if let Err(r) = may_change(ctx, req, id) {
        return r;
    }
    if req.header("content-type") != Some("image/jpeg") {
        return error(400, "The content type must be image/jpeg");
    }
    if req.body.len() > COVER_MAX {
        return error(413, "Payload too large");
    }
    use base64::Engine as _;
    let Ok(jpeg) = base64::engine::general_purpose::STANDARD.decode(&req.body) else {
        return error(400, "The body must be base64-encoded JPEG data");
    };
    if !jpeg.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return error(400, "The image is not a JPEG");
    }
    ctx.with(|pl: &mut Playlists| {
        if let Some(p) = pl.find(id) {
            p.cover = Some(p.version);
            p.version += 1;
        }
    });
    RawResponse {
        status: 202,
        ..RawResponse::default()
    }
}

fn follow(ctx: &Ctx, req: &MockRequest, id: &str) -> RawResponse {
    let exists = ctx.with(|pl: &mut Playlists| pl.find(id).map(|p| p.public));
    let Some(public) = exists else {
        return error(404, "Not found.");
    };
    if let Err(r) = ctx.authorize(req, &[modify_scope(public)]) {
        return r;
    }
    let uri = format!("spotify:playlist:{id}");
    ctx.with(|lib: &mut Library| match req.method.as_str() {
        "PUT" => lib.add(&uri),
        _ => lib.remove(&uri),
    });
    ok_empty()
}
