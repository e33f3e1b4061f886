//! The user's world, part three: a player with two devices.
//!
//! Until a device is active (`PUT /me/player`, or a command naming a
//! `device_id`), commands answer 404 with the reason `NO_ACTIVE_DEVICE` and
//! the state reads answer 204, as Spotify does when nothing plays anywhere.

use super::ctx::{Ctx, MockRequest, error, no_content, player_error};
use super::data::identity;
use super::data::json_response;
use super::ids::{HYBRID_THEORY, KITCHEN_SPEAKER, LAPTOP, LINKIN_PARK, MOCK_EPISODE, MOCK_SHOW};
use super::server::RawResponse;
use super::user::Objects;
use crate::endpoints::player::{
    AddToQueue, GetCurrentlyPlaying, GetDevices, GetPlayback, GetQueue, GetRecentlyPlayed,
    PausePlayback, Seek, SetRepeat, SetShuffle, SetVolume, SkipNext, SkipPrevious, StartPlayback,
    TransferPlayback,
};
use crate::id::{IdKind, parse_uri};
use crate::request::{Endpoint, Operation};
use serde_json::{Value, json};

const DEVICES: [(&str, &str, &str); 2] = [
    (KITCHEN_SPEAKER, "Kitchen speaker", "Speaker"),
    (LAPTOP, "Laptop", "Computer"),
];

/// 2024-01-05T08:00:00Z, when the mock's history ends.
const EPOCH_MS: u64 = 1_704_441_600_000;

pub(crate) struct Player {
    active: Option<usize>,
    volumes: [u32; 2],
    playing: bool,
    context: Option<String>,
    current: Option<String>,
    upcoming: Vec<String>,
    queue: Vec<String>,
    previous: Vec<String>,
    progress_ms: u64,
    repeat: &'static str,
    shuffle: bool,
    /// `(uri, played at in ms, context)`, oldest first.
    history: Vec<(String, u64, Option<String>)>,
    clock_ms: u64,
}

impl Default for Player {
    fn default() -> Player {
        let tracks = Objects::new("").hybrid_track_ids();
        let album = format!("spotify:album:{HYBRID_THEORY}");
        let history = (0..3)
            .map(|i| {
                (
                    format!("spotify:track:{}", tracks[i]),
                    EPOCH_MS - 600_000 + i as u64 * 200_000,
                    (i != 1).then(|| album.clone()),
                )
            })
            .collect();
        Player {
            active: None,
            volumes: [50, 80],
            playing: false,
            context: Some(album),
            current: Some(format!("spotify:track:{}", tracks[3])),
            upcoming: tracks[4..]
                .iter()
                .map(|id| format!("spotify:track:{id}"))
                .collect(),
            queue: Vec::new(),
            previous: Vec::new(),
            progress_ms: 0,
            repeat: "off",
            shuffle: false,
            history,
            clock_ms: EPOCH_MS,
        }
    }
}

impl Player {
    fn device_json(&self, i: usize) -> Value {
        let (id, name, kind) = DEVICES[i];
        json!({
            "id": id, "is_active": self.active == Some(i), "is_private_session": false, "is_restricted": false,
            "name": name, "type": kind, "volume_percent": self.volumes[i], "supports_volume": true,
        })
    }

    /// Moves to the next item; the current one goes to the history.
    fn advance(&mut self) -> bool {
        let next = if self.queue.is_empty() {
            (!self.upcoming.is_empty()).then(|| self.upcoming.remove(0))
        } else {
            Some(self.queue.remove(0))
        };
        let Some(next) = next else { return false };
        if let Some(cur) = self.current.replace(next) {
            self.clock_ms += 200_000;
            self.history
                .push((cur.clone(), self.clock_ms, self.context.clone()));
            self.previous.push(cur);
        }
        self.progress_ms = 0;
        true
    }
}

fn no_device() -> RawResponse {
    player_error(
        404,
        "Player command failed: No active device found",
        "NO_ACTIVE_DEVICE",
    )
}

/// `Date` for a Unix time in milliseconds, as Spotify writes it.
pub(crate) fn iso_time(ms: u64) -> String {
    let secs = ms / 1000;
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        (rem / 60) % 60,
        rem % 60,
        ms % 1000
    )
}

fn context_json(api: &str, uri: &str) -> Value {
    let parts: Vec<&str> = uri.split(':').collect();
    match parts.as_slice() {
        ["spotify", kind, id] => with_type(identity(api, kind, id), kind),
        _ => Value::Null,
    }
}

fn with_type(mut v: Value, kind: &str) -> Value {
    v["type"] = json!(kind);
    v.as_object_mut().map(|o| o.remove("id"));
    v
}

/// The items a context plays, in order.
fn context_items(ctx: &Ctx, objects: &Objects, kind: IdKind, id: &str) -> Option<Vec<String>> {
    let tracks = |ids: Vec<String>| {
        ids.into_iter()
            .map(|t| format!("spotify:track:{t}"))
            .collect()
    };
    match kind {
        IdKind::Album if id == HYBRID_THEORY => Some(tracks(objects.hybrid_track_ids())),
        IdKind::Artist if id == LINKIN_PARK => Some(tracks(objects.hybrid_track_ids())),
        IdKind::Playlist => super::playlists::playlist_uris(ctx, id),
        IdKind::Show if id == MOCK_SHOW => Some(vec![format!("spotify:episode:{MOCK_EPISODE}")]),
        _ => None,
    }
}

fn state_json(api: &str, p: &Player, objects: &Objects, with_device: bool) -> Value {
    let item = p
        .current
        .as_deref()
        .map_or(Value::Null, |u| objects.playable(u));
    let kind = match p.current.as_deref() {
        Some(u) if u.starts_with("spotify:episode:") => "episode",
        Some(_) => "track",
        None => "unknown",
    };
    let mut v = json!({
        "context": p.context.as_deref().map_or(Value::Null, |c| context_json(api, c)),
        "timestamp": p.clock_ms,
        "progress_ms": p.progress_ms,
        "is_playing": p.playing,
        "item": item,
        "currently_playing_type": kind,
        "actions": {"disallows": {"resuming": p.playing, "pausing": !p.playing}},
    });
    if with_device {
        v["device"] = p.active.map_or(Value::Null, |i| p.device_json(i));
        v["repeat_state"] = json!(p.repeat);
        v["shuffle_state"] = json!(p.shuffle);
        v["smart_shuffle"] = json!(false);
    }
    v
}

/// The device a command acts on: `device_id` (which becomes active) or the
/// active one.
fn target(p: &mut Player, req: &MockRequest) -> Result<usize, RawResponse> {
    match req.query("device_id") {
        Some(id) => {
            let i = DEVICES
                .iter()
                .position(|d| d.0 == id)
                .ok_or_else(|| error(404, "Device not found"))?;
            p.active = Some(i);
            Ok(i)
        }
        None => p.active.ok_or_else(no_device),
    }
}

const READ_STATE: &str = "user-read-playback-state";
const MODIFY: &str = "user-modify-playback-state";

/// What a request to the player asks for.
#[derive(Clone, Copy)]
enum Call {
    Playback,
    Transfer,
    Devices,
    CurrentlyPlaying,
    Play,
    Pause,
    Next,
    Previous,
    Seek,
    Repeat,
    Volume,
    Shuffle,
    RecentlyPlayed,
    Queue,
    AddToQueue,
}

const CALLS: [(&Endpoint, Call); 15] = [
    (GetPlayback::ENDPOINT, Call::Playback),
    (TransferPlayback::ENDPOINT, Call::Transfer),
    (GetDevices::ENDPOINT, Call::Devices),
    (GetCurrentlyPlaying::ENDPOINT, Call::CurrentlyPlaying),
    (StartPlayback::ENDPOINT, Call::Play),
    (PausePlayback::ENDPOINT, Call::Pause),
    (SkipNext::ENDPOINT, Call::Next),
    (SkipPrevious::ENDPOINT, Call::Previous),
    (Seek::ENDPOINT, Call::Seek),
    (SetRepeat::ENDPOINT, Call::Repeat),
    (SetVolume::ENDPOINT, Call::Volume),
    (SetShuffle::ENDPOINT, Call::Shuffle),
    (GetRecentlyPlayed::ENDPOINT, Call::RecentlyPlayed),
    (GetQueue::ENDPOINT, Call::Queue),
    (AddToQueue::ENDPOINT, Call::AddToQueue),
];

pub(crate) fn route(ctx: &Ctx, req: &MockRequest) -> Option<RawResponse> {
    let (call, _) = req.pick(&CALLS)?;
    let api = ctx.api();
    let scopes: &[&str] = match call {
        Call::Playback | Call::Devices => &[READ_STATE],
        Call::CurrentlyPlaying => &["user-read-currently-playing"],
        Call::RecentlyPlayed => &["user-read-recently-played"],
        Call::Queue => &["user-read-currently-playing", READ_STATE],
        Call::Transfer
        | Call::Play
        | Call::Pause
        | Call::Seek
        | Call::Repeat
        | Call::Volume
        | Call::Shuffle
        | Call::Next
        | Call::Previous
        | Call::AddToQueue => &[MODIFY],
    };
    if let Err(r) = ctx.authorize(req, scopes) {
        return Some(r);
    }
    // Contexts of playlists are read before the player is locked.
    let objects = Objects::new(&api);
    let body = req.json();
    let context_list = match body["context_uri"].as_str().map(parse_uri) {
        Some(Ok((kind, uri))) => {
            let id = uri.rsplit(':').next().unwrap_or_default().to_owned();
            match context_items(ctx, &objects, kind, &id) {
                Some(items) => Some((uri, items)),
                None => return Some(error(404, "Context not found")),
            }
        }
        Some(Err(_)) => return Some(error(400, "Invalid context uri")),
        None => None,
    };
    Some(ctx.with(|p: &mut Player| match call {
        Call::Playback => match p.active {
            Some(_) => json_response(200, &state_json(&api, p, &objects, true)),
            None => no_content(),
        },
        Call::CurrentlyPlaying => match (p.active, &p.current) {
            (Some(_), Some(_)) => json_response(200, &state_json(&api, p, &objects, false)),
            _ => no_content(),
        },
        Call::Devices => json_response(
            200,
            &json!({"devices": (0..DEVICES.len()).map(|i| p.device_json(i)).collect::<Vec<_>>()}),
        ),
        Call::Queue => {
            let current = match p.active {
                Some(_) => p
                    .current
                    .as_deref()
                    .map_or(Value::Null, |u| objects.playable(u)),
                None => Value::Null,
            };
            let queue: Vec<Value> = match p.active {
                Some(_) => p
                    .queue
                    .iter()
                    .chain(&p.upcoming)
                    .map(|u| objects.playable(u))
                    .collect(),
                None => Vec::new(),
            };
            json_response(200, &json!({"currently_playing": current, "queue": queue}))
        }
        Call::RecentlyPlayed => recently_played(&api, req, p, &objects),
        Call::Transfer => {
            let Some(id) = body["device_ids"]
                .as_array()
                .and_then(|a| a.first())
                .and_then(Value::as_str)
            else {
                return error(400, "Missing required field: device_ids");
            };
            let Some(i) = DEVICES.iter().position(|d| d.0 == id) else {
                return error(404, "Device not found");
            };
            p.active = Some(i);
            if body["play"].as_bool() == Some(true) {
                p.playing = true;
            }
            no_content()
        }
        Call::Play => {
            if let Err(r) = target(p, req) {
                return r;
            }
            let list = match (&context_list, body["uris"].as_array()) {
                (Some((uri, items)), _) => Some((Some(uri.clone()), items.clone())),
                (None, Some(uris)) => {
                    let uris: Vec<String> = uris
                        .iter()
                        .filter_map(|u| u.as_str().map(str::to_owned))
                        .collect();
                    if uris
                        .iter()
                        .any(|u| !matches!(parse_uri(u), Ok((IdKind::Track | IdKind::Episode, _))))
                    {
                        return error(400, "Invalid track uri");
                    }
                    Some((None, uris))
                }
                (None, None) => None,
            };
            if let Some((context, items)) = list {
                let start = match (&body["offset"]["position"], body["offset"]["uri"].as_str()) {
                    (Value::Number(n), _) => n.as_u64().unwrap_or(u64::MAX) as usize,
                    (_, Some(u)) => match items.iter().position(|i| i == u) {
                        Some(i) => i,
                        None => return error(400, "Offset uri not in the context"),
                    },
                    _ => 0,
                };
                if start >= items.len() {
                    return error(400, "Offset out of range");
                }
                if let Some(cur) = p.current.take() {
                    p.previous.push(cur);
                }
                p.context = context;
                p.current = Some(items[start].clone());
                p.upcoming = items[start + 1..].to_vec();
                p.progress_ms = 0;
            }
            if let Some(ms) = body["position_ms"].as_u64() {
                p.progress_ms = ms;
            }
            p.playing = true;
            no_content()
        }
        Call::Pause => match target(p, req) {
            Ok(_) => {
                p.playing = false;
                no_content()
            }
            Err(r) => r,
        },
        Call::Next => match target(p, req) {
            Ok(_) if p.advance() => no_content(),
            Ok(_) => player_error(403, "Player command failed: No next track", "NO_NEXT_TRACK"),
            Err(r) => r,
        },
        Call::Previous => match target(p, req) {
            Ok(_) => match p.previous.pop() {
                Some(prev) => {
                    if let Some(cur) = p.current.replace(prev) {
                        p.upcoming.insert(0, cur);
                    }
                    p.progress_ms = 0;
                    no_content()
                }
                None => player_error(
                    403,
                    "Player command failed: No previous track",
                    "NO_PREV_TRACK",
                ),
            },
            Err(r) => r,
        },
        Call::Seek => {
            let Some(ms) = req.query("position_ms").and_then(|v| v.parse::<u64>().ok()) else {
                return error(400, "Missing or invalid position_ms");
            };
            match target(p, req) {
                Ok(_) => {
                    p.progress_ms = ms;
                    no_content()
                }
                Err(r) => r,
            }
        }
        Call::Repeat => {
            let state = match req.query("state") {
                Some("off") => "off",
                Some("track") => "track",
                Some("context") => "context",
                _ => return error(400, "Invalid repeat state"),
            };
            match target(p, req) {
                Ok(_) => {
                    p.repeat = state;
                    no_content()
                }
                Err(r) => r,
            }
        }
        Call::Volume => {
            let Some(v) = req
                .query("volume_percent")
                .and_then(|v| v.parse::<u32>().ok())
                .filter(|v| *v <= 100)
            else {
                return error(400, "Invalid volume_percent");
            };
            match target(p, req) {
                Ok(i) => {
                    p.volumes[i] = v;
                    no_content()
                }
                Err(r) => r,
            }
        }
        Call::Shuffle => {
            let state = match req.query("state") {
                Some("true") => true,
                Some("false") => false,
                _ => return error(400, "Invalid shuffle state"),
            };
            match target(p, req) {
                Ok(_) => {
                    p.shuffle = state;
                    no_content()
                }
                Err(r) => r,
            }
        }
        Call::AddToQueue => {
            let Some(uri) = req
                .query("uri")
                .filter(|u| matches!(parse_uri(u), Ok((IdKind::Track | IdKind::Episode, _))))
            else {
                return error(400, "Invalid uri");
            };
            match target(p, req) {
                Ok(_) => {
                    p.queue.push(uri.to_owned());
                    no_content()
                }
                Err(r) => r,
            }
        }
    }))
}

fn recently_played(api: &str, req: &MockRequest, p: &Player, objects: &Objects) -> RawResponse {
    let limit: usize = req
        .query("limit")
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    if !(1..=50).contains(&limit) {
        return error(400, "Invalid limit");
    }
    let parse = |k: &str| req.query(k).map(|v| v.parse::<u64>());
    let (after, before) = match (parse("after"), parse("before")) {
        (Some(_), Some(_)) => return error(400, "Give only one of after and before"),
        (Some(Err(_)), _) | (_, Some(Err(_))) => {
            return error(400, "Cursors are Unix times in milliseconds");
        }
        (a, b) => (a.and_then(Result::ok), b.and_then(Result::ok)),
    };
    let newest_first: Vec<&(String, u64, Option<String>)> = p
        .history
        .iter()
        .rev()
        .filter(|(_, t, _)| after.is_none_or(|a| *t > a) && before.is_none_or(|b| *t < b))
        .collect();
    let page: Vec<&&(String, u64, Option<String>)> = newest_first.iter().take(limit).collect();
    let items: Vec<Value> = page
        .iter()
        .map(|(uri, t, c)| {
            json!({
                "track": objects.playable(uri),
                "played_at": iso_time(*t),
                "context": c.as_deref().map_or(Value::Null, |c| context_json(api, c)),
            })
        })
        .collect();
    let oldest = page.last().map(|e| e.1);
    let more = newest_first.len() > page.len();
    let base = format!("{api}/me/player/recently-played");
    json_response(
        200,
        &json!({
            "href": format!("{base}?limit={limit}"),
            "items": items,
            "limit": limit,
            "next": match (more, oldest) { (true, Some(o)) => json!(format!("{base}?before={o}&limit={limit}")), _ => Value::Null },
            "cursors": {"after": page.first().map(|e| e.1.to_string()), "before": oldest.map(|o| o.to_string())},
            "total": null,
        }),
    )
}
