//! The catalogue: artists, tracks, audio features and analysis,
//! recommendations, shows and episodes, audiobooks and chapters, search,
//! browse categories and featured playlists, markets.
//!
//! Everything is derived from fixed names, so every run serves the same
//! IDs. Albums and tracks come from `albums.rs`, playlists (the public
//! ones) from `playlists.rs`. Unknown IDs get a 404 with
//! Spotify's error body; batch lookups answer `null` for them and 400 above
//! Spotify's cap. Shows and episodes accept any token (as Spotify does) and
//! carry resume points only for user tokens with
//! `user-read-playback-position`.

use super::albums::{all_tracks, full_track};
use super::ctx::{Ctx, MockRequest, error};
use super::data::json_response;
use super::data::{fnv, identity, images, markets, mock_id, page, with};
use super::ids::{BUILD_NOTES, FRANKENSTEIN, LINKIN_PARK};
use super::playlists::public_simple_playlists;
use super::server::RawResponse;
use crate::auth::scope::Scope;
use crate::endpoints::artists::{
    GetArtist, GetArtistAlbums, GetArtistRelatedArtists, GetArtistTopTracks, GetArtists,
};
use crate::endpoints::audiobooks::{GetAudiobook, GetAudiobookChapters, GetAudiobooks};
use crate::endpoints::browse::{
    GetCategories, GetCategory, GetCategoryPlaylists, GetFeaturedPlaylists,
};
use crate::endpoints::chapters::{GetChapter, GetChapters};
use crate::endpoints::episodes::{GetEpisode, GetEpisodes};
use crate::endpoints::markets::GetMarkets;
use crate::endpoints::search::Search;
use crate::endpoints::shows::{GetShow, GetShowEpisodes, GetShows};
use crate::endpoints::tracks::{
    GetRecommendationGenres, GetRecommendations, GetTrack, GetTrackAudioAnalysis,
    GetTrackAudioFeatures, GetTracks, GetTracksAudioFeatures,
};
use crate::request::Endpoint;
use serde_json::{Value, json};
use std::collections::HashMap;

const SHOW_EPISODES: usize = 25;
const BOOK_CHAPTERS: usize = 12;

/// `(id, name, genres)` of every artist the mock knows.
fn artists() -> Vec<(String, &'static str, &'static [&'static str])> {
    let mut v = vec![
        (
            LINKIN_PARK.to_owned(),
            "Linkin Park",
            &["nu metal", "rock"][..],
        ),
        (
            "0MockArtistW1thLongA1b".to_owned(),
            "The Mock Orchestra",
            &["classical"][..],
        ),
    ];
    for name in ["Mock Band A", "Mock Band B", "Mock Band C"] {
        v.push((mock_id(name), name, &["rock"][..]));
    }
    v
}

fn full_artist(api: &str, id: &str) -> Option<Value> {
    let (id, name, genres) = artists().into_iter().find(|a| a.0 == id)?;
    Some(with(
        identity(api, "artist", &id),
        json!({
            "name": name,
            "genres": genres,
            "followers": {"href": null, "total": 1000 + fnv(id.as_bytes()) % 100_000},
            "images": images(&id),
            "popularity": 40 + fnv(id.as_bytes()) % 60,
        }),
    ))
}

/// Linkin Park's discography: Hybrid Theory and 13 made-up releases, so
/// that `/artists/{id}/albums` has more than one page at `limit=10`.
fn artist_albums(api: &str, artist: &str) -> Vec<Value> {
    let mut out = Vec::new();
    for a in super::albums::simple_albums(api) {
        if a["artists"][0]["id"] == artist {
            out.push(with(a, json!({"album_group": "album"})));
        }
    }
    if artist == LINKIN_PARK {
        let groups = [("single", 8), ("compilation", 3), ("appears_on", 2)];
        for (group, n) in groups {
            for i in 1..=n {
                let id = mock_id(&format!("lp-{group}-{i}"));
                let kind = if group == "appears_on" {
                    "album"
                } else {
                    group
                };
                out.push(with(
                    identity(api, "album", &id),
                    json!({
                        "album_type": kind,
                        "album_group": group,
                        "name": format!("{} {i}", group.replace('_', " ")),
                        "total_tracks": if group == "single" { 1 } else { 10 },
                        "available_markets": markets(),
                        "images": images(&id),
                        "release_date": format!("{}", 2000 + i),
                        "release_date_precision": "year",
                        "artists": [{"id": LINKIN_PARK, "name": "Linkin Park"}],
                    }),
                ));
            }
        }
    }
    out
}

fn simple_show(api: &str) -> Value {
    with(
        identity(api, "show", BUILD_NOTES),
        json!({
            "available_markets": markets(),
            "copyrights": [{"text": "© 2024 Mock Media", "type": "C"}],
            "description": "A weekly show about how software gets built.",
            "html_description": "<p>A weekly show about how software gets built.</p>",
            "explicit": false,
            "images": images(BUILD_NOTES),
            "is_externally_hosted": false,
            "languages": ["en"],
            "media_type": "audio",
            "name": "Build Notes",
            "publisher": "Mock Media",
            "total_episodes": SHOW_EPISODES,
        }),
    )
}

/// Episode `i` (0-based, newest first).
fn simple_episode(api: &str, i: usize, resume: bool) -> Value {
    let id = mock_id(&format!("build-notes-{i}"));
    let mut e = with(
        identity(api, "episode", &id),
        json!({
            "audio_preview_url": null,
            "description": format!("Episode {} of Build Notes.", SHOW_EPISODES - i),
            "html_description": format!("<p>Episode {} of Build Notes.</p>", SHOW_EPISODES - i),
            "duration_ms": 1_800_000 + 10_000 * i as u64,
            "explicit": false,
            "images": images(&id),
            "is_externally_hosted": false,
            "is_playable": true,
            "languages": ["en"],
            "name": format!("Build Notes #{}", SHOW_EPISODES - i),
            "release_date": format!("2024-{:02}-01", 12 - i % 12),
            "release_date_precision": "day",
        }),
    );
    if resume {
        e = with(
            e,
            json!({"resume_point": {"fully_played": i > 2, "resume_position_ms": 60_000 * i}}),
        );
    }
    e
}

fn episodes(api: &str, resume: bool) -> Vec<Value> {
    (0..SHOW_EPISODES)
        .map(|i| simple_episode(api, i, resume))
        .collect()
}

fn full_episode(api: &str, id: &str, resume: bool) -> Option<Value> {
    let e = episodes(api, resume).into_iter().find(|e| e["id"] == id)?;
    Some(with(e, json!({"show": simple_show(api)})))
}

fn simple_audiobook(api: &str) -> Value {
    with(
        identity(api, "audiobook", FRANKENSTEIN),
        json!({
            "authors": [{"name": "Mary Shelley"}],
            "available_markets": ["US", "GB", "CA", "IE", "NZ", "AU"],
            "copyrights": [{"text": "℗ 2021 Mock Audio", "type": "P"}],
            "description": "A scientist builds a creature.",
            "html_description": "<p>A scientist builds a creature.</p>",
            "edition": "Unabridged",
            "explicit": false,
            "images": images(FRANKENSTEIN),
            "languages": ["en"],
            "media_type": "audio",
            "name": "Frankenstein",
            "narrators": [{"name": "Ann Reader"}],
            "publisher": "Mock Audio",
            "total_chapters": BOOK_CHAPTERS,
        }),
    )
}

fn chapters(api: &str) -> Vec<Value> {
    (0..BOOK_CHAPTERS)
        .map(|i| {
            let id = mock_id(&format!("frankenstein-{i}"));
            with(
                identity(api, "chapter", &id),
                json!({
                    "audio_preview_url": null,
                    "available_markets": ["US", "GB"],
                    "chapter_number": i + 1,
                    "description": format!("Chapter {}", i + 1),
                    "html_description": format!("<p>Chapter {}</p>", i + 1),
                    "duration_ms": 1_200_000 + 5_000 * i as u64,
                    "explicit": false,
                    "images": [],
                    "is_playable": true,
                    "languages": ["en"],
                    "name": format!("Chapter {}", i + 1),
                    "release_date": "2021-03-01",
                    "release_date_precision": "day",
                }),
            )
        })
        .collect()
}

fn full_audiobook(api: &str) -> Value {
    with(
        simple_audiobook(api),
        json!({"chapters": page(&format!("{api}/audiobooks/{FRANKENSTEIN}/chapters"), &chapters(api), 50, 0)}),
    )
}

fn full_chapter(api: &str, id: &str) -> Option<Value> {
    let c = chapters(api).into_iter().find(|c| c["id"] == id)?;
    Some(with(c, json!({"audiobook": simple_audiobook(api)})))
}

/// Every full track by ID (batch lookups build it once).
fn tracks_by_id(api: &str) -> HashMap<String, Value> {
    all_tracks(api)
        .into_iter()
        .map(|t| (t["id"].as_str().unwrap_or("").to_owned(), t))
        .collect()
}

fn audio_features(api: &str, id: &str) -> Option<Value> {
    features_of(api, id, &full_track(api, id)?)
}

fn features_of(api: &str, id: &str, track: &Value) -> Option<Value> {
    let h = fnv(id.as_bytes());
    let unit = |shift: u32| ((h >> shift) % 1000) as f64 / 1000.0;
    Some(json!({
        "acousticness": unit(0),
        "analysis_url": format!("{api}/audio-analysis/{id}"),
        "danceability": unit(10),
        "duration_ms": track["duration_ms"],
        "energy": unit(20),
        "id": id,
        "instrumentalness": unit(30),
        "key": h % 12,
        "liveness": unit(40),
        "loudness": -(((h >> 8) % 20) as f64) - 0.5,
        "mode": (h >> 4) % 2,
        "speechiness": unit(50),
        "tempo": 80.0 + ((h >> 12) % 100) as f64,
        "time_signature": 4,
        "track_href": format!("{api}/tracks/{id}"),
        "type": "audio_features",
        "uri": format!("spotify:track:{id}"),
        "valence": unit(54),
    }))
}

fn audio_analysis(api: &str, id: &str) -> Option<Value> {
    let f = audio_features(api, id)?;
    let secs = f["duration_ms"].as_f64().unwrap_or(0.0) / 1000.0;
    let tempo = f["tempo"].as_f64().unwrap_or(120.0);
    let beat = 60.0 / tempo;
    let intervals = |len: f64, n: usize| -> Vec<Value> {
        (0..n)
            .map(|i| json!({"start": i as f64 * len, "duration": len, "confidence": 0.5}))
            .collect()
    };
    Some(json!({
        "meta": {"analyzer_version": "4.0.0", "platform": "Linux", "detailed_status": "OK",
                 "status_code": 0, "timestamp": 1_495_193_577, "analysis_time": 6.9,
                 "input_process": "libvorbisfile L+R 44100->22050"},
        "track": {"num_samples": (secs * 22050.0) as u64, "duration": secs, "sample_md5": "",
                  "offset_seconds": 0, "window_seconds": 0, "analysis_sample_rate": 22050,
                  "analysis_channels": 1, "end_of_fade_in": 0.0, "start_of_fade_out": secs - 5.0,
                  "loudness": f["loudness"], "tempo": tempo, "tempo_confidence": 0.7,
                  "time_signature": 4, "time_signature_confidence": 0.9, "key": f["key"],
                  "key_confidence": 0.4, "mode": f["mode"], "mode_confidence": 0.5},
        "bars": intervals(beat * 4.0, 4),
        "beats": intervals(beat, 8),
        "sections": [{"start": 0.0, "duration": secs, "confidence": 1.0, "loudness": f["loudness"],
                      "tempo": tempo, "tempo_confidence": 0.6, "key": f["key"], "key_confidence": 0.3,
                      "mode": f["mode"], "mode_confidence": 0.4, "time_signature": 4,
                      "time_signature_confidence": 1.0}],
        "segments": [{"start": 0.0, "duration": 0.25, "confidence": 0.4, "loudness_start": -23.0,
                      "loudness_max": -14.0, "loudness_max_time": 0.07, "loudness_end": 0.0,
                      "pitches": vec![0.5; 12], "timbre": vec![1.0; 12]}],
        "tatums": intervals(beat / 2.0, 16),
    }))
}

const GENRES: [&str; 8] = [
    "acoustic",
    "alternative",
    "classical",
    "metal",
    "nu metal",
    "pop",
    "rock",
    "swedish pop",
];

const CATEGORIES: [(&str, &str); 6] = [
    ("toplists", "Top Lists"),
    ("dinner", "Cooking & Dining"),
    ("rock", "Rock"),
    ("pop", "Pop"),
    ("focus", "Focus"),
    ("sleep", "Sleep"),
];

fn category(api: &str, id: &str, name: &str) -> Value {
    json!({
        "href": format!("{api}/browse/categories/{id}"),
        "icons": [{"url": format!("https://t.scdn.co/images/{id}.jpg"), "height": 274, "width": 274}],
        "id": id,
        "name": name,
    })
}

/// The `ids` parameter split, or the 400 Spotify sends above its cap.
fn batch_ids(req: &MockRequest, cap: usize) -> Result<Vec<&str>, RawResponse> {
    let ids: Vec<&str> = req
        .query("ids")
        .unwrap_or("")
        .split(',')
        .filter(|s| !s.is_empty())
        .collect();
    if ids.is_empty() {
        return Err(error(400, "Missing required parameter: ids"));
    }
    if ids.len() > cap {
        return Err(error(400, "Too many ids requested"));
    }
    Ok(ids)
}

/// `limit` and `offset`, or Spotify's 400 for a limit outside `1..=max`.
fn paging(req: &MockRequest, default: usize, max: usize) -> Result<(usize, usize), RawResponse> {
    let (limit, offset) = req.paging(default);
    if limit == 0 || limit > max {
        return Err(error(400, "Invalid limit"));
    }
    Ok((limit, offset))
}

fn found(v: Option<Value>) -> RawResponse {
    match v {
        Some(v) => json_response(200, &v),
        None => error(404, "Non existing id"),
    }
}

fn respond(r: Result<RawResponse, RawResponse>) -> Option<RawResponse> {
    Some(r.unwrap_or_else(|e| e))
}

/// The API areas this file answers, whole. Their operations' paths, and
/// every path below them, are this file's: neither authorised nor answered
/// by other areas.
const OWN: [&[&Endpoint]; 9] = [
    crate::endpoints::artists::ENDPOINTS,
    crate::endpoints::tracks::ENDPOINTS,
    crate::endpoints::shows::ENDPOINTS,
    crate::endpoints::episodes::ENDPOINTS,
    crate::endpoints::audiobooks::ENDPOINTS,
    crate::endpoints::chapters::ENDPOINTS,
    crate::endpoints::search::ENDPOINTS,
    crate::endpoints::browse::ENDPOINTS,
    crate::endpoints::markets::ENDPOINTS,
];

pub(crate) fn route(ctx: &Ctx, req: &MockRequest) -> Option<RawResponse> {
    if req.method != "GET"
        || !OWN
            .iter()
            .flat_map(|area| area.iter())
            .any(|e| req.under(e))
    {
        return None;
    }
    let token = match ctx.authorize(req, &[]) {
        Ok(t) => t,
        Err(r) => return Some(r),
    };
    let resume = token.user && token.scopes.contains(&Scope::UserReadPlaybackPosition);
    let api = ctx.api();
    let api = api.as_str();

    if let Some(p) = req.op::<GetArtist>() {
        return Some(found(full_artist(api, p[0])));
    }
    if req.op::<GetArtists>().is_some() {
        return respond(batch_ids(req, 50).map(|ids| {
            let list: Vec<Value> = ids
                .iter()
                .map(|id| full_artist(api, id).unwrap_or(Value::Null))
                .collect();
            json_response(200, &json!({"artists": list}))
        }));
    }
    if let Some(p) = req.op::<GetArtistAlbums>() {
        if full_artist(api, p[0]).is_none() {
            return Some(error(404, "Non existing id"));
        }
        return respond(paging(req, 5, 10).map(|(limit, offset)| {
            let groups: Vec<&str> = req
                .query("include_groups")
                .map(|g| g.split(',').collect())
                .unwrap_or_default();
            let all: Vec<Value> = artist_albums(api, p[0])
                .into_iter()
                .filter(|a| groups.is_empty() || groups.iter().any(|g| a["album_group"] == *g))
                .collect();
            let mut base = format!("{api}/artists/{}/albums", p[0]);
            if let Some(g) = req.query("include_groups") {
                base.push_str(&format!("?include_groups={}", crate::encode::component(g)));
            }
            json_response(200, &page(&base, &all, limit, offset))
        }));
    }
    if let Some(p) = req.op::<GetArtistTopTracks>() {
        if full_artist(api, p[0]).is_none() {
            return Some(error(404, "Non existing id"));
        }
        let tracks: Vec<Value> = all_tracks(api)
            .into_iter()
            .filter(|t| t["artists"][0]["id"] == p[0])
            .take(10)
            .collect();
        return Some(json_response(200, &json!({"tracks": tracks})));
    }
    if let Some(p) = req.op::<GetArtistRelatedArtists>() {
        if full_artist(api, p[0]).is_none() {
            return Some(error(404, "Non existing id"));
        }
        let related: Vec<Value> = artists()
            .iter()
            .filter(|a| a.0 != p[0])
            .filter_map(|a| full_artist(api, &a.0))
            .collect();
        return Some(json_response(200, &json!({"artists": related})));
    }
    if let Some(p) = req.op::<GetTrack>() {
        return Some(found(full_track(api, p[0])));
    }
    if req.op::<GetTracks>().is_some() {
        return respond(batch_ids(req, 50).map(|ids| {
            let tracks = tracks_by_id(api);
            let list: Vec<Value> = ids
                .iter()
                .map(|id| tracks.get(*id).cloned().unwrap_or(Value::Null))
                .collect();
            json_response(200, &json!({"tracks": list}))
        }));
    }
    if let Some(p) = req.op::<GetTrackAudioFeatures>() {
        return Some(found(audio_features(api, p[0])));
    }
    if req.op::<GetTracksAudioFeatures>().is_some() {
        return respond(batch_ids(req, 100).map(|ids| {
            let tracks = tracks_by_id(api);
            let list: Vec<Value> = ids
                .iter()
                .map(|id| {
                    tracks
                        .get(*id)
                        .and_then(|t| features_of(api, id, t))
                        .unwrap_or(Value::Null)
                })
                .collect();
            json_response(200, &json!({"audio_features": list}))
        }));
    }
    if let Some(p) = req.op::<GetTrackAudioAnalysis>() {
        return Some(found(audio_analysis(api, p[0])));
    }
    if req.op::<GetRecommendations>().is_some() {
        return respond(recommendations(api, req));
    }
    if req.op::<GetRecommendationGenres>().is_some() {
        return Some(json_response(200, &json!({"genres": GENRES})));
    }
    if let Some(p) = req.op::<GetShow>() {
        if p[0] != BUILD_NOTES {
            return Some(error(404, "Non existing id"));
        }
        let eps = episodes(api, resume);
        let show = with(
            simple_show(api),
            json!({"episodes": page(&format!("{api}/shows/{BUILD_NOTES}/episodes"), &eps, 20, 0)}),
        );
        return Some(json_response(200, &show));
    }
    if req.op::<GetShows>().is_some() {
        return respond(batch_ids(req, 50).map(|ids| {
            let list: Vec<Value> = ids
                .iter()
                .map(|id| {
                    if *id == BUILD_NOTES {
                        simple_show(api)
                    } else {
                        Value::Null
                    }
                })
                .collect();
            json_response(200, &json!({"shows": list}))
        }));
    }
    if let Some(p) = req.op::<GetShowEpisodes>() {
        if p[0] != BUILD_NOTES {
            return Some(error(404, "Non existing id"));
        }
        return respond(paging(req, 20, 50).map(|(limit, offset)| {
            let base = format!("{api}/shows/{BUILD_NOTES}/episodes");
            json_response(200, &page(&base, &episodes(api, resume), limit, offset))
        }));
    }
    if let Some(p) = req.op::<GetEpisode>() {
        return Some(found(full_episode(api, p[0], resume)));
    }
    if req.op::<GetEpisodes>().is_some() {
        return respond(batch_ids(req, 50).map(|ids| {
            let list: Vec<Value> = ids
                .iter()
                .map(|id| full_episode(api, id, resume).unwrap_or(Value::Null))
                .collect();
            json_response(200, &json!({"episodes": list}))
        }));
    }
    if let Some(p) = req.op::<GetAudiobook>() {
        return Some(found((p[0] == FRANKENSTEIN).then(|| full_audiobook(api))));
    }
    if req.op::<GetAudiobooks>().is_some() {
        return respond(batch_ids(req, 50).map(|ids| {
            let list: Vec<Value> = ids
                .iter()
                .map(|id| {
                    if *id == FRANKENSTEIN {
                        full_audiobook(api)
                    } else {
                        Value::Null
                    }
                })
                .collect();
            json_response(200, &json!({"audiobooks": list}))
        }));
    }
    if let Some(p) = req.op::<GetAudiobookChapters>() {
        if p[0] != FRANKENSTEIN {
            return Some(error(404, "Non existing id"));
        }
        return respond(paging(req, 20, 50).map(|(limit, offset)| {
            let base = format!("{api}/audiobooks/{FRANKENSTEIN}/chapters");
            json_response(200, &page(&base, &chapters(api), limit, offset))
        }));
    }
    if let Some(p) = req.op::<GetChapter>() {
        return Some(found(full_chapter(api, p[0])));
    }
    if req.op::<GetChapters>().is_some() {
        return respond(batch_ids(req, 50).map(|ids| {
            let list: Vec<Value> = ids
                .iter()
                .map(|id| full_chapter(api, id).unwrap_or(Value::Null))
                .collect();
            json_response(200, &json!({"chapters": list}))
        }));
    }
    if req.op::<Search>().is_some() {
        return respond(search(ctx, api, req));
    }
    if req.op::<GetFeaturedPlaylists>().is_some() {
        return respond(paging(req, 20, 50).map(|(limit, offset)| {
            let all = public_simple_playlists(ctx, api);
            let message = match req.query("locale") {
                Some(l) if l.starts_with("sv") => "Populära spellistor",
                _ => "Popular Playlists",
            };
            let mut base = format!("{api}/browse/featured-playlists");
            if let Some(l) = req.query("locale") {
                base.push_str(&format!("?locale={}", crate::encode::component(l)));
            }
            let p = page(&base, &all, limit, offset);
            json_response(200, &json!({"message": message, "playlists": p}))
        }));
    }
    if let Some(p) = req.op::<GetCategoryPlaylists>() {
        let Some((id, name)) = CATEGORIES.iter().find(|(id, _)| *id == p[0]) else {
            return Some(error(404, "Non existing id"));
        };
        return respond(paging(req, 20, 50).map(|(limit, offset)| {
            let all = public_simple_playlists(ctx, api);
            let base = format!("{api}/browse/categories/{id}/playlists");
            let p = page(&base, &all, limit, offset);
            json_response(200, &json!({"message": name, "playlists": p}))
        }));
    }
    if req.op::<GetCategories>().is_some() {
        return respond(paging(req, 20, 50).map(|(limit, offset)| {
            let all: Vec<Value> = CATEGORIES
                .iter()
                .map(|(id, name)| category(api, id, name))
                .collect();
            let p = page(&format!("{api}/browse/categories"), &all, limit, offset);
            json_response(200, &json!({"categories": p}))
        }));
    }
    if let Some(p) = req.op::<GetCategory>() {
        let c = CATEGORIES.iter().find(|(id, _)| *id == p[0]);
        return Some(found(c.map(|(id, name)| category(api, id, name))));
    }
    if req.op::<GetMarkets>().is_some() {
        return Some(json_response(
            200,
            &json!({"markets": ["AU", "CA", "DE", "FR", "GB", "IE", "JP", "NZ", "SE", "US"]}),
        ));
    }
    None
}

fn recommendations(api: &str, req: &MockRequest) -> Result<RawResponse, RawResponse> {
    let list = |name: &str| -> Vec<String> {
        req.query(name)
            .map(|v| {
                v.split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let (artists, genres, tracks) = (
        list("seed_artists"),
        list("seed_genres"),
        list("seed_tracks"),
    );
    let n = artists.len() + genres.len() + tracks.len();
    if n == 0 || n > 5 {
        return Err(error(
            400,
            "Invalid request: between 1 and 5 seeds are needed",
        ));
    }
    let (limit, _) = paging(req, 20, 100)?;
    let min_pop: u64 = req
        .query("min_popularity")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let picked: Vec<Value> = all_tracks(api)
        .into_iter()
        .filter(|t| t["popularity"].as_u64().unwrap_or(0) >= min_pop)
        .take(limit)
        .collect();
    let seed = |kind: &str, id: &str, href: Value| {
        json!({"afterFilteringSize": picked.len(), "afterRelinkingSize": picked.len(),
               "href": href, "id": id, "initialPoolSize": 250, "type": kind})
    };
    let mut seeds = Vec::new();
    for a in &artists {
        seeds.push(seed("ARTIST", a, json!(format!("{api}/artists/{a}"))));
    }
    for g in &genres {
        seeds.push(seed("GENRE", g, Value::Null));
    }
    for t in &tracks {
        seeds.push(seed("TRACK", t, json!(format!("{api}/tracks/{t}"))));
    }
    Ok(json_response(
        200,
        &json!({"seeds": seeds, "tracks": picked}),
    ))
}

/// Whether `name` holds every plain term of `q` (case-insensitive). Terms
/// split at spaces outside double quotes; field filters (`artist:...`,
/// `year:...`) are ignored and quotes removed.
fn matches(q: &str, name: &str) -> bool {
    let mut terms = Vec::new();
    let mut term = String::new();
    let mut quoted = false;
    for c in q.chars().chain(std::iter::once(' ')) {
        match c {
            '"' => {
                quoted = !quoted;
                term.push(c);
            }
            c if c.is_whitespace() && !quoted => {
                if !term.is_empty() {
                    terms.push(std::mem::take(&mut term));
                }
            }
            c => term.push(c),
        }
    }
    let name = name.to_lowercase();
    terms
        .iter()
        .filter(|t| !t.split('"').next().unwrap_or("").contains(':'))
        .map(|t| t.replace('"', "").to_lowercase())
        .all(|t| name.contains(&t))
}

/// The text a search looks in: the object's name, its artists' names and
/// its album's name, as Spotify matches a query against all of them.
fn searchable(item: &Value) -> String {
    let mut text = item["name"].as_str().unwrap_or("").to_owned();
    let artists = item["artists"].as_array().into_iter().flatten();
    for name in artists
        .chain([&item["album"]])
        .filter_map(|a| a["name"].as_str())
    {
        text.push(' ');
        text.push_str(name);
    }
    text
}

fn search(ctx: &Ctx, api: &str, req: &MockRequest) -> Result<RawResponse, RawResponse> {
    let q = req.query("q").or_else(|| req.query("query")).unwrap_or("");
    if q.is_empty() {
        return Err(error(400, "No search query"));
    }
    let types = req.query("type").unwrap_or("");
    if types.is_empty() {
        return Err(error(400, "Missing parameter type"));
    }
    // Up to 50, as for apps with Extended Quota Mode; Development Mode
    // (`MockServer::development_mode`) allows 10.
    let (limit, offset) = paging(req, 5, 50)?;
    if offset > 1000 {
        return Err(error(400, "Invalid offset"));
    }
    let mut out = serde_json::Map::new();
    for t in types.split(',') {
        let (key, items): (&str, Vec<Value>) = match t {
            "track" => ("tracks", all_tracks(api)),
            "artist" => (
                "artists",
                artists()
                    .iter()
                    .filter_map(|a| full_artist(api, &a.0))
                    .collect(),
            ),
            "album" => ("albums", {
                let mut v = super::albums::simple_albums(api);
                v.extend(artist_albums(api, LINKIN_PARK).into_iter().skip(1));
                v
            }),
            "show" => ("shows", vec![simple_show(api)]),
            "episode" => ("episodes", episodes(api, false)),
            "audiobook" => ("audiobooks", vec![simple_audiobook(api)]),
            "playlist" => ("playlists", public_simple_playlists(ctx, api)),
            _ => return Err(error(400, "Bad search type field")),
        };
        let hits: Vec<Value> = items
            .into_iter()
            .filter(|i| matches(q, &searchable(i)))
            .collect();
        let base = format!(
            "{api}/search?query={}&type={t}",
            crate::encode::component(q)
        );
        out.insert(key.to_owned(), page(&base, &hits, limit, offset));
    }
    Ok(json_response(200, &Value::Object(out)))
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn search_matching_ignores_filters() {
        assert!(matches("in the end", "In the End"));
        assert!(matches("artist:\"Linkin Park\" end", "In the End"));
        assert!(matches("\"the end\" year:2000", "In the End"));
        assert!(!matches("papercut", "In the End"));
        assert!(matches("tag:new", "Anything"));
    }
}
