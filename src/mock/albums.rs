//! Albums and their tracks: `/v1/albums...`, `/v1/browse/new-releases`.

use super::ctx::{Ctx, MockRequest, error};
use super::data::json_response;
use super::data::{identity, images, markets, mock_id, page, with};
use super::ids::{HYBRID_THEORY, LINKIN_PARK, LONG_ALBUM};
use super::server::RawResponse;
use crate::endpoints::albums::{GetAlbum, GetAlbumTracks, GetAlbums, GetNewReleases};
use serde_json::{Value, json};

const HYBRID_TRACKS: [&str; 12] = [
    "Papercut",
    "One Step Closer",
    "With You",
    "Points of Authority",
    "Crawling",
    "Runaway",
    "By Myself",
    "In the End",
    "A Place for My Head",
    "Forgotten",
    "Cure for the Itch",
    "Pushing Me Away",
];

struct AlbumData {
    id: &'static str,
    name: &'static str,
    artist: (&'static str, &'static str),
    date: &'static str,
    tracks: Vec<String>,
}

fn albums() -> Vec<AlbumData> {
    vec![
        AlbumData {
            id: HYBRID_THEORY,
            name: "Hybrid Theory",
            artist: (LINKIN_PARK, "Linkin Park"),
            date: "2000-10-24",
            tracks: HYBRID_TRACKS.iter().map(|s| s.to_string()).collect(),
        },
        AlbumData {
            id: LONG_ALBUM,
            name: "The Long Album",
            artist: ("0MockArtistW1thLongA1b", "The Mock Orchestra"),
            date: "2021-03",
            tracks: (1..=120).map(|i| format!("Movement {i}")).collect(),
        },
    ]
}

fn artist_json(api: &str, id: &str, name: &str) -> Value {
    with(identity(api, "artist", id), json!({"name": name}))
}

fn simple_album_json(api: &str, a: &AlbumData) -> Value {
    with(
        identity(api, "album", a.id),
        json!({
            "album_type": "album",
            "total_tracks": a.tracks.len(),
            "available_markets": markets(),
            "images": images(a.id),
            "name": a.name,
            "release_date": a.date,
            "release_date_precision": if a.date.len() == 10 { "day" } else { "month" },
            "artists": [artist_json(api, a.artist.0, a.artist.1)],
        }),
    )
}

fn track_json(api: &str, a: &AlbumData, index: usize, full: bool) -> Value {
    let id = mock_id(&format!("{}-track-{index}", a.id));
    let mut t = with(
        identity(api, "track", &id),
        json!({
            "artists": [artist_json(api, a.artist.0, a.artist.1)],
            "available_markets": markets(),
            "disc_number": 1,
            "duration_ms": 180_000 + 1_000 * index as u64,
            "explicit": false,
            "is_local": false,
            "name": a.tracks[index],
            "preview_url": null,
            "track_number": index + 1,
        }),
    );
    if full {
        t = with(
            t,
            json!({
                "album": simple_album_json(api, a),
                "external_ids": {"isrc": format!("USWB1000{index:04}")},
                "popularity": 50 + index % 40,
            }),
        );
    }
    t
}

fn find(id: &str) -> Option<AlbumData> {
    albums().into_iter().find(|a| a.id == id)
}

/// A full album object.
pub(crate) fn full_album(api: &str, id: &str) -> Option<Value> {
    let a = find(id)?;
    let tracks: Vec<Value> = (0..a.tracks.len())
        .map(|i| track_json(api, &a, i, false))
        .collect();
    Some(with(
        simple_album_json(api, &a),
        json!({
            "tracks": page(&format!("{api}/albums/{id}/tracks"), &tracks, 50, 0),
            "copyrights": [{"text": format!("© {} Mock Records", &a.date[..4]), "type": "C"}],
            "external_ids": {"upc": "093624774427"},
            "genres": [],
            "label": "Mock Records",
            "popularity": 77,
        }),
    ))
}

/// Every track of every album, as full track objects (for other areas).
pub(crate) fn all_tracks(api: &str) -> Vec<Value> {
    albums()
        .iter()
        .flat_map(|a| (0..a.tracks.len()).map(move |i| track_json(api, a, i, true)))
        .collect()
}

/// Every album as a simplified album object (for other areas).
pub(crate) fn simple_albums(api: &str) -> Vec<Value> {
    albums().iter().map(|a| simple_album_json(api, a)).collect()
}

/// A full track object by ID.
pub(crate) fn full_track(api: &str, id: &str) -> Option<Value> {
    all_tracks(api).into_iter().find(|t| t["id"] == id)
}

pub(crate) fn route(ctx: &Ctx, req: &MockRequest) -> Option<RawResponse> {
    let api = ctx.api();
    if let Some(p) = req.op::<GetAlbum>() {
        if let Err(r) = ctx.authorize(req, &[]) {
            return Some(r);
        }
        return Some(match full_album(&api, p[0]) {
            Some(a) => json_response(200, &a),
            None => error(404, "Non existing id"),
        });
    }
    if let Some(p) = req.op::<GetAlbumTracks>() {
        if let Err(r) = ctx.authorize(req, &[]) {
            return Some(r);
        }
        let Some(a) = find(p[0]) else {
            return Some(error(404, "Non existing id"));
        };
        let tracks: Vec<Value> = (0..a.tracks.len())
            .map(|i| track_json(&api, &a, i, false))
            .collect();
        let (limit, offset) = req.paging(20);
        return Some(json_response(
            200,
            &page(
                &format!("{api}/albums/{}/tracks", a.id),
                &tracks,
                limit,
                offset,
            ),
        ));
    }
    if req.op::<GetAlbums>().is_some() {
        if let Err(r) = ctx.authorize(req, &[]) {
            return Some(r);
        }
        let ids = req.query("ids").unwrap_or("");
        let found: Vec<Value> = ids
            .split(',')
            .map(|id| full_album(&api, id).unwrap_or(Value::Null))
            .collect();
        return Some(json_response(200, &json!({"albums": found})));
    }
    if req.op::<GetNewReleases>().is_some() {
        if let Err(r) = ctx.authorize(req, &[]) {
            return Some(r);
        }
        let all: Vec<Value> = albums()
            .iter()
            .map(|a| simple_album_json(&api, a))
            .collect();
        let (limit, offset) = req.paging(20);
        return Some(json_response(
            200,
            &json!({"albums": page(&format!("{api}/browse/new-releases"), &all, limit, offset)}),
        ));
    }
    None
}
