//! Catalogue endpoints against the mock: artists, tracks, audio features,
//! recommendations, shows, episodes, audiobooks, chapters, search, browse
//! categories and markets. Each test asserts what went over the wire and
//! what came back.

// Many catalogue operations are deprecated by Spotify; they still work.
#![allow(deprecated)]

#[allow(dead_code)]
mod common;

use common::{BUILD_NOTES, FRANKENSTEIN, FRIENDS_MIX, LINKIN_PARK};
use spotify_blocking::endpoints::tracks::{Attribute, Seeds};
use spotify_blocking::mock::{HYBRID_THEORY, LONG_ALBUM, MORNING_MIX, MockServer, RecordedRequest};
use spotify_blocking::model::{AlbumGroup, SearchType, SeedKind};
use spotify_blocking::scope::Scope;
use spotify_blocking::{Error, Spotify};

const UNKNOWN: &str = "0000000000000000000000";

/// The last request the mock received.
fn last(mock: &MockServer) -> RecordedRequest {
    mock.requests().pop().expect("a request")
}

/// The query of a request as `(name, value)` string pairs.
fn query(r: &RecordedRequest) -> Vec<(&str, &str)> {
    r.query
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// Runs `call`, asserts it failed before sending anything, returns the error.
fn fails_unsent<T: std::fmt::Debug>(
    mock: &MockServer,
    call: impl FnOnce() -> spotify_blocking::Result<T>,
) -> Error {
    let before = mock.request_count();
    let err = call().expect_err("the call should fail");
    assert_eq!(mock.request_count(), before, "something was sent: {err}");
    err
}

fn assert_invalid_input(err: &Error, name: &str, needle: &str) {
    match err {
        Error::InvalidInput { param, message, .. } => {
            assert_eq!(*param, name, "{err}");
            assert!(message.contains(needle), "{message:?} lacks {needle:?}");
        }
        other => panic!("expected InvalidInput for {name}, got {other:?}"),
    }
}

fn assert_invalid_id(err: &Error, kind: &str) {
    match err {
        Error::InvalidId { expected, .. } => assert_eq!(*expected, kind, "{err}"),
        other => panic!("expected InvalidId, got {other:?}"),
    }
}

/// IDs of Hybrid Theory's 12 tracks, fetched through the album endpoint.
fn hybrid_track_ids(spotify: &Spotify) -> Vec<String> {
    let album = spotify.album(HYBRID_THEORY).send().unwrap();
    album
        .tracks
        .items
        .into_iter()
        .map(|t| t.id.unwrap())
        .collect()
}

/// IDs of the 120 tracks of the long album.
fn long_track_ids(spotify: &Spotify) -> Vec<String> {
    spotify
        .album_tracks(LONG_ALBUM)
        .limit(50)
        .items()
        .map(|t| t.unwrap().id.unwrap())
        .collect()
}

// ---- artists ----------------------------------------------------------------

#[test]
fn artist_by_id_url_and_uri() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let artist = spotify.artist(LINKIN_PARK).send().unwrap();
    let r = last(&mock);
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("GET", "/v1/artists/6XyY86QOPPrYVGvF9ch6wz")
    );
    assert!(r.query.is_empty());
    assert_eq!(artist.name, "Linkin Park");
    assert_eq!(artist.genres, ["nu metal", "rock"]);
    assert!(artist.followers.as_ref().unwrap().total > 0);
    assert_eq!(artist.images.len(), 3);
    assert_eq!(artist.to_string(), "FullArtist \"Linkin Park\"");

    let url = format!("https://open.spotify.com/intl-de/artist/{LINKIN_PARK}?si=x");
    assert_eq!(spotify.artist(&url).send().unwrap().id, LINKIN_PARK);
    assert_eq!(last(&mock).path, format!("/v1/artists/{LINKIN_PARK}"));

    let err = fails_unsent(&mock, || {
        spotify
            .artist(&format!("spotify:album:{HYBRID_THEORY}"))
            .send()
    });
    assert_invalid_id(&err, "artist");
}

#[test]
fn unknown_artist_is_a_404_with_spotify_message() {
    let mock = MockServer::start();
    let err = mock.client().artist(UNKNOWN).send().unwrap_err();
    match &err {
        Error::Api {
            status,
            message,
            endpoint,
            ..
        } => {
            assert_eq!(*status, 404);
            assert_eq!(message, "Non existing id");
            assert_eq!(endpoint, "GET /artists/{id}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn artists_batch_nulls_cap_and_chunking() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let found = spotify
        .artists([
            LINKIN_PARK,
            UNKNOWN,
            "spotify:artist:0MockArtistW1thLongA1b",
        ])
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(r.path, "/v1/artists");
    assert_eq!(
        r.query_value("ids"),
        Some(format!("{LINKIN_PARK},{UNKNOWN},0MockArtistW1thLongA1b").as_str())
    );
    assert_eq!(found.len(), 3);
    assert_eq!(found[0].as_ref().unwrap().name, "Linkin Park");
    assert!(found[1].is_none());
    assert_eq!(found[2].as_ref().unwrap().name, "The Mock Orchestra");

    let many: Vec<&str> = std::iter::repeat_n(LINKIN_PARK, 51).collect();
    let err = fails_unsent(&mock, || spotify.artists(&many).send());
    assert_invalid_input(&err, "ids", "at most 50");

    let err = fails_unsent(&mock, || {
        spotify
            .artists([LINKIN_PARK, "spotify:track:6rqhFgbbKwnb9MLmUQDhG6"])
            .send()
    });
    assert_invalid_id(&err, "artist");

    let chunked = mock.builder().chunked(true).build(spotify.token());
    let mut ids: Vec<&str> = Vec::new();
    for i in 0..120 {
        ids.push(if i % 3 == 1 { UNKNOWN } else { LINKIN_PARK });
    }
    mock.clear_requests();
    let got = chunked.artists(&ids).send().unwrap();
    let sizes: Vec<usize> = mock
        .requests()
        .iter()
        .map(|r| r.query_value("ids").unwrap().split(',').count())
        .collect();
    assert_eq!(sizes, [50, 50, 20]);
    assert_eq!(got.len(), 120);
    for (i, a) in got.iter().enumerate() {
        assert_eq!(a.is_none(), i % 3 == 1, "entry {i}");
    }
}

#[test]
fn artist_albums_groups_limit_and_paging() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let page = spotify
        .artist_albums(LINKIN_PARK)
        .include_groups(&[AlbumGroup::Album, AlbumGroup::Single])
        .market("SE")
        .limit(5)
        .offset(0)
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(r.path, format!("/v1/artists/{LINKIN_PARK}/albums"));
    assert_eq!(
        query(&r),
        [
            ("include_groups", "album,single"),
            ("market", "SE"),
            ("limit", "5"),
            ("offset", "0")
        ]
    );
    assert_eq!(page.total, 9);
    assert_eq!(page.items.len(), 5);
    assert_eq!(page.items[0].name, "Hybrid Theory");
    assert_eq!(page.items[0].album_group, Some(AlbumGroup::Album));
    assert_eq!(page.items[1].album_group, Some(AlbumGroup::Single));

    mock.clear_requests();
    let all: Vec<_> = spotify
        .artist_albums(LINKIN_PARK)
        .limit(10)
        .items()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(all.len(), 14);
    let reqs = mock.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[1].query_value("offset"), Some("10"));
    assert!(
        all.iter()
            .any(|a| a.album_group == Some(AlbumGroup::AppearsOn))
    );

    for bad in [0, 11] {
        let err = fails_unsent(&mock, || {
            spotify.artist_albums(LINKIN_PARK).limit(bad).send()
        });
        assert_invalid_input(&err, "limit", "allowed: 1 to 10");
    }
    let err = fails_unsent(&mock, || {
        spotify
            .artist_albums(LINKIN_PARK)
            .include_groups(&[])
            .send()
    });
    assert_invalid_input(&err, "include_groups", "at least one");
    let err = fails_unsent(&mock, || {
        spotify.artist_albums(LINKIN_PARK).market("Sweden").send()
    });
    assert_invalid_input(&err, "market", "two-letter");
}

#[test]
fn artist_top_tracks_and_related_artists() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let top = spotify
        .artist_top_tracks(LINKIN_PARK)
        .market("SE")
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(r.path, format!("/v1/artists/{LINKIN_PARK}/top-tracks"));
    assert_eq!(query(&r), [("market", "SE")]);
    assert_eq!(top.len(), 10);
    assert_eq!(top[0].name, "Papercut");
    assert_eq!(top[0].album.name, "Hybrid Theory");

    let related = spotify.artist_related_artists(LINKIN_PARK).send().unwrap();
    assert_eq!(
        last(&mock).path,
        format!("/v1/artists/{LINKIN_PARK}/related-artists")
    );
    let names: Vec<&str> = related.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "The Mock Orchestra",
            "Mock Band A",
            "Mock Band B",
            "Mock Band C"
        ]
    );
}

// ---- tracks, audio features, analysis ---------------------------------------

#[test]
fn track_and_tracks_batch() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let ids = hybrid_track_ids(&spotify);
    let track = spotify
        .track(&format!("spotify:track:{}", ids[7]))
        .market("SE")
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(r.path, format!("/v1/tracks/{}", ids[7]));
    assert_eq!(query(&r), [("market", "SE")]);
    assert_eq!(track.name, "In the End");
    assert_eq!(track.track_number, 8);
    assert_eq!(track.album.name, "Hybrid Theory");
    assert!(track.external_ids.isrc.is_some());

    let err = fails_unsent(&mock, || {
        spotify.track(LINKIN_PARK.get(..21).unwrap()).send()
    });
    assert_invalid_id(&err, "track");

    let got = spotify
        .tracks([ids[0].as_str(), UNKNOWN, ids[1].as_str()])
        .market("SE")
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(r.path, "/v1/tracks");
    assert_eq!(r.query_value("market"), Some("SE"));
    assert_eq!(r.query_value("ids").unwrap().split(',').count(), 3);
    assert_eq!(got[0].as_ref().unwrap().name, "Papercut");
    assert!(got[1].is_none());
    assert_eq!(got[2].as_ref().unwrap().name, "One Step Closer");
}

#[test]
fn tracks_batch_cap_and_chunked_order() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let ids = long_track_ids(&spotify);
    assert_eq!(ids.len(), 120);
    let err = fails_unsent(&mock, || spotify.tracks(&ids).send());
    assert_invalid_input(&err, "ids", "120 IDs given, at most 50");

    let chunked = mock.builder().chunked(true).build(spotify.token());
    mock.clear_requests();
    let got = chunked.tracks(&ids).market("SE").send().unwrap();
    let reqs = mock.requests();
    assert_eq!(reqs.len(), 3);
    for r in &reqs {
        assert_eq!(r.path, "/v1/tracks");
        assert_eq!(r.query_value("market"), Some("SE"));
    }
    assert_eq!(reqs[2].query_value("ids").unwrap().split(',').count(), 20);
    let names: Vec<String> = got.into_iter().map(|t| t.unwrap().name).collect();
    let expected: Vec<String> = (1..=120).map(|i| format!("Movement {i}")).collect();
    assert_eq!(names, expected);
}

#[test]
fn audio_features_one_and_many() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let ids = long_track_ids(&spotify);
    let f = spotify.track_audio_features(&ids[0]).send().unwrap();
    let r = last(&mock);
    assert_eq!(r.path, format!("/v1/audio-features/{}", ids[0]));
    assert!(r.query.is_empty());
    assert_eq!(f.id, ids[0]);
    assert_eq!(f.duration_ms, 180_000);
    assert!((0.0..=1.0).contains(&f.energy));
    assert!((0..12).contains(&f.key));
    assert_eq!(f.time_signature, 4);

    let mut with_unknown: Vec<&str> = ids.iter().map(String::as_str).take(3).collect();
    with_unknown.insert(1, UNKNOWN);
    let got = spotify.tracks_audio_features(&with_unknown).send().unwrap();
    assert_eq!(last(&mock).path, "/v1/audio-features");
    assert_eq!(got.len(), 4);
    assert!(got[1].is_none());
    assert_eq!(got[2].as_ref().unwrap().id, ids[1]);

    let mut many: Vec<String> = ids.clone();
    many.extend(ids.iter().take(30).cloned());
    let err = fails_unsent(&mock, || spotify.tracks_audio_features(&many).send());
    assert_invalid_input(&err, "ids", "at most 100");
    let chunked = mock.builder().chunked(true).build(spotify.token());
    mock.clear_requests();
    let got = chunked.tracks_audio_features(&many).send().unwrap();
    let sizes: Vec<usize> = mock
        .requests()
        .iter()
        .map(|r| r.query_value("ids").unwrap().split(',').count())
        .collect();
    assert_eq!(sizes, [100, 50]);
    let got_ids: Vec<String> = got.into_iter().map(|f| f.unwrap().id).collect();
    assert_eq!(got_ids, many);
}

#[test]
fn audio_analysis_of_a_track() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let ids = hybrid_track_ids(&spotify);
    let a = spotify.track_audio_analysis(&ids[0]).send().unwrap();
    assert_eq!(last(&mock).path, format!("/v1/audio-analysis/{}", ids[0]));
    assert_eq!(a.meta.status_code, Some(0));
    assert_eq!(a.track.duration, 180.0);
    assert_eq!(a.bars.len(), 4);
    assert_eq!(a.beats.len(), 8);
    assert_eq!(a.segments[0].pitches.len(), 12);
    assert!(a.to_string().starts_with("AudioAnalysis 180.00 s"));
    let err = spotify.track_audio_analysis(UNKNOWN).send().unwrap_err();
    assert_eq!(err.status(), Some(404));
}

// ---- recommendations ----------------------------------------------------------

#[test]
fn recommendations_seeds_and_attributes_on_the_wire() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let ids = hybrid_track_ids(&spotify);
    let recs = spotify
        .recommendations(
            Seeds::new()
                .artist(&format!("spotify:artist:{LINKIN_PARK}"))
                .genres(["nu metal", "rock"])
                .track(&ids[0]),
        )
        .limit(5)
        .market("SE")
        .min(Attribute::Energy, 0.4)
        .max(Attribute::Popularity, 90.0)
        .target(Attribute::Tempo, 120.5)
        .target(Attribute::Key, 9.0)
        .min(Attribute::Loudness, -12.0)
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(r.path, "/v1/recommendations");
    assert_eq!(
        query(&r),
        [
            ("seed_artists", LINKIN_PARK),
            ("seed_genres", "nu metal,rock"),
            ("seed_tracks", ids[0].as_str()),
            ("limit", "5"),
            ("market", "SE"),
            ("min_energy", "0.4"),
            ("max_popularity", "90"),
            ("target_tempo", "120.5"),
            ("target_key", "9"),
            ("min_loudness", "-12"),
        ]
    );
    assert_eq!(recs.tracks.len(), 5);
    let kinds: Vec<_> = recs.seeds.iter().map(|s| s.kind.clone().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            SeedKind::Artist,
            SeedKind::Genre,
            SeedKind::Genre,
            SeedKind::Track
        ]
    );
    assert_eq!(recs.seeds[0].id, LINKIN_PARK);
    assert_eq!(recs.seeds[1].href, None);
    assert_eq!(recs.to_string(), "Recommendations: 5 tracks from 4 seeds");
}

#[test]
fn recommendations_seed_count_and_values_are_checked() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let six = Seeds::new()
        .artists([LINKIN_PARK; 3])
        .genres(["a", "b", "c"]);
    let err = fails_unsent(&mock, || spotify.recommendations(six).send());
    assert_invalid_input(
        &err,
        "seed_artists, seed_genres, seed_tracks",
        "6 seeds given; give 1 to 5",
    );
    let err = fails_unsent(&mock, || spotify.recommendations(Seeds::new()).send());
    assert_invalid_input(&err, "seed_artists, seed_genres, seed_tracks", "0 seeds");
    let err = fails_unsent(&mock, || {
        spotify
            .recommendations(Seeds::new().track(&format!("spotify:artist:{LINKIN_PARK}")))
            .send()
    });
    assert_invalid_id(&err, "track");
    let err = fails_unsent(&mock, || {
        spotify.recommendations(Seeds::new().genre(" ")).send()
    });
    assert_invalid_input(&err, "seed_genres", "not a genre");

    let five = || {
        Seeds::new()
            .artists([LINKIN_PARK; 2])
            .genres(["rock", "pop", "metal"])
    };
    let cases: [(Attribute, f64, &str, &str); 6] = [
        (Attribute::Energy, 1.5, "min_energy", "allowed: 0 to 1"),
        (Attribute::Key, 12.0, "min_key", "allowed: 0 to 11"),
        (Attribute::Key, 2.5, "min_key", "whole number"),
        (Attribute::Popularity, 101.0, "min_popularity", "0 to 100"),
        (Attribute::Tempo, -1.0, "min_tempo", "0 or more"),
        (Attribute::Valence, f64::NAN, "min_valence", "not a number"),
    ];
    for (attr, value, name, needle) in cases {
        let err = fails_unsent(&mock, || {
            spotify.recommendations(five()).min(attr, value).send()
        });
        assert_invalid_input(&err, name, needle);
    }
    let err = fails_unsent(&mock, || spotify.recommendations(five()).limit(101).send());
    assert_invalid_input(&err, "limit", "1 to 100");

    // Five seeds are fine.
    let recs = spotify.recommendations(five()).limit(3).send().unwrap();
    assert_eq!(recs.seeds.len(), 5);
    assert_eq!(recs.tracks.len(), 3);
}

#[test]
fn recommendation_genre_seeds_list() {
    let mock = MockServer::start();
    let genres = mock.client().recommendation_genre_seeds().send().unwrap();
    assert_eq!(
        last(&mock).path,
        "/v1/recommendations/available-genre-seeds"
    );
    assert!(genres.contains(&"swedish pop".to_owned()));
    assert_eq!(genres.len(), 8);
}

// ---- shows and episodes -----------------------------------------------------

#[test]
fn show_with_and_without_resume_points() {
    let mock = MockServer::start();
    let app = mock.client();
    let show = app.show(BUILD_NOTES).market("SE").send().unwrap();
    let r = last(&mock);
    assert_eq!(r.path, format!("/v1/shows/{BUILD_NOTES}"));
    assert_eq!(query(&r), [("market", "SE")]);
    assert_eq!(show.name, "Build Notes");
    assert_eq!(show.total_episodes, 25);
    assert_eq!(show.episodes.items.len(), 20);
    assert_eq!(show.episodes.items[0].name, "Build Notes #25");
    assert!(show.episodes.items[0].resume_point.is_none());
    assert_eq!(
        show.to_string(),
        "FullShow \"Build Notes\" by Mock Media, 25 episodes"
    );
    // The embedded page continues through its next link.
    let all: Vec<_> = app.all_items(show.episodes).map(Result::unwrap).collect();
    assert_eq!(all.len(), 25);
    assert_eq!(last(&mock).query_value("offset"), Some("20"));

    let user = mock.user_client(Scope::UserReadPlaybackPosition);
    let show = user.show(BUILD_NOTES).send().unwrap();
    let rp = show.episodes.items[3].resume_point.as_ref().unwrap();
    assert!(rp.fully_played);
    assert_eq!(rp.resume_position_ms, 180_000);

    let err = fails_unsent(&mock, || {
        app.show(&format!("spotify:episode:{BUILD_NOTES}")).send()
    });
    assert_invalid_id(&err, "show");
    assert_eq!(app.show(UNKNOWN).send().unwrap_err().status(), Some(404));
}

#[test]
fn show_episodes_paging_and_limits() {
    let mock = MockServer::start();
    let spotify = mock.client();
    mock.clear_requests();
    let names: Vec<String> = spotify
        .show_episodes(BUILD_NOTES)
        .limit(10)
        .items()
        .map(|e| e.unwrap().name)
        .collect();
    assert_eq!(names.len(), 25);
    assert_eq!(names[24], "Build Notes #1");
    let reqs = mock.requests();
    assert_eq!(reqs.len(), 3);
    assert_eq!(reqs[0].path, format!("/v1/shows/{BUILD_NOTES}/episodes"));
    assert_eq!(query(&reqs[0]), [("limit", "10")]);
    assert_eq!(reqs[2].query_value("offset"), Some("20"));

    let err = fails_unsent(&mock, || {
        spotify.show_episodes(BUILD_NOTES).limit(51).send()
    });
    assert_invalid_input(&err, "limit", "allowed: 1 to 50");
}

#[test]
fn shows_batch() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let got = spotify
        .shows([BUILD_NOTES, UNKNOWN])
        .market("US")
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(r.path, "/v1/shows");
    assert_eq!(
        r.query_value("ids"),
        Some(format!("{BUILD_NOTES},{UNKNOWN}").as_str())
    );
    assert_eq!(r.query_value("market"), Some("US"));
    assert_eq!(
        got[0].as_ref().unwrap().publisher.as_deref(),
        Some("Mock Media")
    );
    assert!(got[1].is_none());
    let many = vec![BUILD_NOTES; 51];
    let err = fails_unsent(&mock, || spotify.shows(&many).send());
    assert_invalid_input(&err, "ids", "at most 50");
}

#[test]
fn episode_and_episodes_batch() {
    let mock = MockServer::start();
    let user = mock.user_client(Scope::UserReadPlaybackPosition);
    let show = user.show(BUILD_NOTES).send().unwrap();
    let first = &show.episodes.items[0].id;
    let ep = user
        .episode(&format!("https://open.spotify.com/episode/{first}"))
        .market("SE")
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(r.path, format!("/v1/episodes/{first}"));
    assert_eq!(query(&r), [("market", "SE")]);
    assert_eq!(ep.name, "Build Notes #25");
    assert_eq!(ep.show.name, "Build Notes");
    assert!(ep.resume_point.is_some());

    let second = &show.episodes.items[1].id;
    let got = user
        .episodes([first.as_str(), UNKNOWN, second.as_str()])
        .send()
        .unwrap();
    assert_eq!(last(&mock).path, "/v1/episodes");
    assert_eq!(got[0].as_ref().unwrap().id, *first);
    assert!(got[1].is_none());
    assert_eq!(got[2].as_ref().unwrap().name, "Build Notes #24");
    let err = fails_unsent(&mock, || {
        user.episode(&format!("spotify:show:{first}")).send()
    });
    assert_invalid_id(&err, "episode");
}

// ---- audiobooks and chapters --------------------------------------------------

#[test]
fn audiobook_chapters_and_chapter() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let book = spotify.audiobook(FRANKENSTEIN).market("US").send().unwrap();
    let r = last(&mock);
    assert_eq!(r.path, format!("/v1/audiobooks/{FRANKENSTEIN}"));
    assert_eq!(query(&r), [("market", "US")]);
    assert_eq!(book.authors[0].name, "Mary Shelley");
    assert_eq!(book.narrators[0].name, "Ann Reader");
    assert_eq!(book.chapters.items.len(), 12);
    assert_eq!(
        book.to_string(),
        "FullAudiobook \"Frankenstein\" by Mary Shelley, 12 chapters"
    );

    mock.clear_requests();
    let pages: Vec<_> = spotify
        .audiobook_chapters(FRANKENSTEIN)
        .market("US")
        .limit(5)
        .pages()
        .map(|p| p.unwrap().items.len())
        .collect();
    assert_eq!(pages, [5, 5, 2]);
    let reqs = mock.requests();
    assert_eq!(
        reqs[0].path,
        format!("/v1/audiobooks/{FRANKENSTEIN}/chapters")
    );
    assert_eq!(query(&reqs[0]), [("market", "US"), ("limit", "5")]);
    assert_eq!(reqs[2].query_value("offset"), Some("10"));

    let third = &book.chapters.items[2].id;
    let ch = spotify.chapter(third).send().unwrap();
    assert_eq!(last(&mock).path, format!("/v1/chapters/{third}"));
    assert_eq!(ch.chapter_number, 3);
    assert_eq!(ch.audiobook.name, "Frankenstein");
    assert_eq!(
        ch.to_string(),
        "FullChapter 3 \"Chapter 3\" of \"Frankenstein\", 20 min"
    );

    let err = fails_unsent(&mock, || {
        spotify.chapter(&format!("spotify:episode:{third}")).send()
    });
    assert_invalid_id(&err, "chapter");
    let err = fails_unsent(&mock, || {
        spotify.audiobook_chapters(FRANKENSTEIN).limit(0).send()
    });
    assert_invalid_input(&err, "limit", "allowed: 1 to 50");
}

#[test]
fn audiobooks_and_chapters_batches() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let got = spotify
        .audiobooks([UNKNOWN, FRANKENSTEIN])
        .market("GB")
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(r.path, "/v1/audiobooks");
    assert_eq!(r.query_value("market"), Some("GB"));
    assert!(got[0].is_none());
    assert_eq!(got[1].as_ref().unwrap().total_chapters, 12);

    let book = got[1].clone().unwrap();
    let ids: Vec<&str> = book.chapters.items.iter().map(|c| c.id.as_str()).collect();
    let got = spotify.chapters(&ids).send().unwrap();
    assert_eq!(last(&mock).path, "/v1/chapters");
    let numbers: Vec<u32> = got
        .iter()
        .map(|c| c.as_ref().unwrap().chapter_number)
        .collect();
    assert_eq!(numbers, (1..=12).collect::<Vec<_>>());

    let many: Vec<&str> = ids.iter().cycle().take(60).copied().collect();
    let err = fails_unsent(&mock, || spotify.chapters(&many).send());
    assert_invalid_input(&err, "ids", "at most 50");
    let chunked = mock.builder().chunked(true).build(spotify.token());
    let got = chunked.chapters(&many).send().unwrap();
    assert_eq!(got.len(), 60);
    assert_eq!(got[59].as_ref().unwrap().id, ids[59 % 12]);
    let err = fails_unsent(&mock, || spotify.audiobooks(vec![FRANKENSTEIN; 51]).send());
    assert_invalid_input(&err, "ids", "at most 50");
}

// ---- search -----------------------------------------------------------------

#[test]
fn search_several_types_with_options() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let found = spotify
        .search(
            "the end",
            &[SearchType::Track, SearchType::Album, SearchType::Track],
        )
        .market("SE")
        .limit(10)
        .offset(0)
        .include_external_audio()
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(r.path, "/v1/search");
    assert_eq!(
        query(&r),
        [
            ("q", "the end"),
            ("type", "track,album"),
            ("market", "SE"),
            ("limit", "10"),
            ("offset", "0"),
            ("include_external", "audio"),
        ]
    );
    let tracks = found.tracks.unwrap();
    assert_eq!(tracks.items.len(), 1);
    assert_eq!(tracks.items[0].name, "In the End");
    assert_eq!(found.albums.unwrap().total, 0);
    assert!(found.artists.is_none() && found.shows.is_none());
    assert!(found.episodes.is_none() && found.audiobooks.is_none());

    let all = spotify
        .search(
            "build",
            &[
                SearchType::Show,
                SearchType::Episode,
                SearchType::Audiobook,
                SearchType::Artist,
            ],
        )
        .send()
        .unwrap();
    assert_eq!(all.shows.as_ref().unwrap().items[0].name, "Build Notes");
    assert_eq!(all.episodes.as_ref().unwrap().total, 25);
    assert_eq!(all.episodes.as_ref().unwrap().items.len(), 5);
    assert_eq!(all.audiobooks.as_ref().unwrap().total, 0);
    assert_eq!(all.artists.as_ref().unwrap().total, 0);
    assert_eq!(
        all.to_string(),
        "SearchResults: 0 of 0 artists, 1 of 1 shows, 5 of 25 episodes, 0 of 0 audiobooks"
    );
}

#[test]
fn search_query_arrives_intact() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let q = r#"artist:"Sigur Rós" track:"Hoppípolla & co" #1 year:1999-2005 100% a+b=c/d?"#;
    let found = spotify.search(q, &[SearchType::Track]).send().unwrap();
    let r = last(&mock);
    assert_eq!(r.query_value("q"), Some(q));
    assert_eq!(r.query_value("type"), Some("track"));
    assert_eq!(r.query.len(), 2);
    assert_eq!(found.tracks.unwrap().total, 0);

    let q = "ö ü 東京 \u{1F3B5}";
    spotify.search_albums(q).send().unwrap();
    assert_eq!(last(&mock).query_value("q"), Some(q));
}

#[test]
fn search_limits_and_inputs_are_checked() {
    let mock = MockServer::start();
    let spotify = mock.client();
    for bad in [0, 11] {
        let err = fails_unsent(&mock, || {
            spotify.search("x", &[SearchType::Track]).limit(bad).send()
        });
        assert_invalid_input(&err, "limit", "allowed: 1 to 10");
    }
    let err = fails_unsent(&mock, || spotify.search_tracks("x").offset(1001).send());
    assert_invalid_input(&err, "offset", "allowed: 0 to 1000");
    let err = fails_unsent(&mock, || spotify.search("  ", &[SearchType::Track]).send());
    assert_invalid_input(&err, "q", "empty");
    let err = fails_unsent(&mock, || spotify.search("x", &[]).send());
    assert_invalid_input(&err, "type", "at least one");
    let err = fails_unsent(&mock, || spotify.search_artists("x").market("").send());
    assert_invalid_input(&err, "market", "two-letter");
}

#[test]
fn search_tracks_items_follow_the_nested_next() {
    let mock = MockServer::start();
    let spotify = mock.client();
    mock.clear_requests();
    let names: Vec<String> = spotify
        .search_tracks("movement")
        .market("SE")
        .limit(10)
        .items()
        .take(25)
        .map(|t| t.unwrap().name)
        .collect();
    assert_eq!(names.len(), 25);
    assert_eq!(names[0], "Movement 1");
    assert_eq!(names[24], "Movement 25");
    let reqs = mock.requests();
    assert_eq!(reqs.len(), 3);
    assert_eq!(
        query(&reqs[0]),
        [
            ("q", "movement"),
            ("type", "track"),
            ("market", "SE"),
            ("limit", "10")
        ]
    );
    // Later pages are Spotify's next links, followed as given.
    assert_eq!(reqs[1].path, "/v1/search");
    assert_eq!(reqs[1].query_value("query"), Some("movement"));
    assert_eq!(reqs[1].query_value("type"), Some("track"));
    assert_eq!(reqs[1].query_value("offset"), Some("10"));
    assert_eq!(reqs[2].query_value("offset"), Some("20"));
}

#[test]
fn one_type_searches_for_every_type() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let artists = spotify.search_artists("mock band").send().unwrap();
    assert_eq!(last(&mock).query_value("type"), Some("artist"));
    assert_eq!(artists.total, 3);
    assert_eq!(artists.items[0].name, "Mock Band A");

    let albums = spotify.search_albums("hybrid").send().unwrap();
    assert_eq!(last(&mock).query_value("type"), Some("album"));
    assert_eq!(albums.items[0].name, "Hybrid Theory");

    let shows = spotify
        .search_shows("notes")
        .include_external_audio()
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(r.query_value("type"), Some("show"));
    assert_eq!(r.query_value("include_external"), Some("audio"));
    assert_eq!(shows.items[0].id, BUILD_NOTES);

    let episodes: Vec<_> = spotify
        .search_episodes("build notes")
        .limit(10)
        .items()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(episodes.len(), 25);

    let books = spotify
        .search_audiobooks("frankenstein")
        .market("US")
        .send()
        .unwrap();
    assert_eq!(last(&mock).query_value("type"), Some("audiobook"));
    assert_eq!(books.items[0].authors[0].name, "Mary Shelley");

    let none = spotify.search_tracks("no such thing").send().unwrap();
    assert_eq!(none.total, 0);
    assert!(none.items.is_empty());
}

// ---- browse and markets --------------------------------------------------------

#[test]
fn categories_and_category() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let page = spotify
        .categories()
        .locale("sv_SE")
        .limit(4)
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(r.path, "/v1/browse/categories");
    assert_eq!(query(&r), [("locale", "sv_SE"), ("limit", "4")]);
    assert_eq!(page.total, 6);
    assert_eq!(page.items[1].name, "Cooking & Dining");
    let all: Vec<String> = spotify
        .categories()
        .limit(4)
        .items()
        .map(|c| c.unwrap().id)
        .collect();
    assert_eq!(all, ["toplists", "dinner", "rock", "pop", "focus", "sleep"]);

    let c = spotify.category("dinner").locale("en_US").send().unwrap();
    let r = last(&mock);
    assert_eq!(r.path, "/v1/browse/categories/dinner");
    assert_eq!(query(&r), [("locale", "en_US")]);
    assert_eq!(c.icons[0].width, Some(274));
    assert_eq!(c.to_string(), "Category \"Cooking & Dining\" (dinner)");

    assert_eq!(
        spotify.category("nope").send().unwrap_err().status(),
        Some(404)
    );
    let err = fails_unsent(&mock, || spotify.category("").send());
    assert_invalid_input(&err, "category_id", "not a category ID");
    let err = fails_unsent(&mock, || spotify.category("a/b").send());
    assert_invalid_input(&err, "category_id", "not a category ID");
    let err = fails_unsent(&mock, || spotify.categories().limit(51).send());
    assert_invalid_input(&err, "limit", "1 to 50");
}

#[test]
fn markets_list() {
    let mock = MockServer::start();
    let markets = mock.client().markets().send().unwrap();
    let r = last(&mock);
    assert_eq!((r.method.as_str(), r.path.as_str()), ("GET", "/v1/markets"));
    let codes: Vec<&str> = markets.iter().map(|m| m.as_str()).collect();
    assert_eq!(
        codes,
        ["AU", "CA", "DE", "FR", "GB", "IE", "JP", "NZ", "SE", "US"]
    );
}

#[test]
fn catalogue_calls_need_a_valid_token() {
    let mock = MockServer::start();
    let spotify = mock
        .builder()
        .build(spotify_blocking::Token::from_access_token("bogus"));
    let err = spotify.search_tracks("x").send().unwrap_err();
    assert_eq!(err.status(), Some(401));
    let err = spotify.show(BUILD_NOTES).send().unwrap_err();
    assert_eq!(err.status(), Some(401));
}

// ---- playlists in search and browse ---------------------------------------------

#[test]
fn search_playlists_pages_and_multi_type() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let page = spotify.search_playlists("mix").send().unwrap();
    assert_eq!(last(&mock).query_value("type"), Some("playlist"));
    // The private mix is not found.
    assert_eq!(page.total, 1);
    assert_eq!(page.items[0].id, MORNING_MIX);

    mock.clear_requests();
    let names: Vec<String> = spotify
        .search_playlists("o")
        .limit(1)
        .items()
        .map(|p| p.unwrap().name)
        .collect();
    assert_eq!(names, ["From a friend", "Morning mix"]);
    let reqs = mock.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[1].query_value("type"), Some("playlist"));
    assert_eq!(reqs[1].query_value("offset"), Some("1"));

    let found = spotify
        .search("morning", &[SearchType::Playlist, SearchType::Artist])
        .send()
        .unwrap();
    assert_eq!(last(&mock).query_value("type"), Some("playlist,artist"));
    assert_eq!(found.playlists.unwrap().items[0].name, "Morning mix");
    assert_eq!(found.artists.unwrap().total, 0);
}

#[test]
fn featured_playlists_message_and_paging() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let first = spotify
        .featured_playlists()
        .locale("sv_SE")
        .limit(1)
        .offset(0)
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(r.path, "/v1/browse/featured-playlists");
    assert_eq!(
        query(&r),
        [("locale", "sv_SE"), ("limit", "1"), ("offset", "0")]
    );
    assert_eq!(first.message.as_deref(), Some("Populära spellistor"));
    assert_eq!(first.playlists.total, 2);
    assert_eq!(
        first.to_string(),
        "FeaturedPlaylists \"Populära spellistor\": 1 of 2 playlists"
    );

    mock.clear_requests();
    let pages: Vec<_> = spotify
        .featured_playlists()
        .locale("sv_SE")
        .limit(1)
        .pages()
        .map(|p| p.unwrap())
        .collect();
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[1].playlists.items[0].id, MORNING_MIX);
    // The next link keeps the locale.
    assert_eq!(mock.requests()[1].query_value("locale"), Some("sv_SE"));
    let ids: Vec<String> = spotify
        .featured_playlists()
        .limit(1)
        .items()
        .map(|p| p.unwrap().id)
        .collect();
    assert_eq!(ids, [FRIENDS_MIX, MORNING_MIX]);

    let err = fails_unsent(&mock, || spotify.featured_playlists().limit(51).send());
    assert_invalid_input(&err, "limit", "1 to 50");
}

#[test]
fn category_playlists_pages() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let page = spotify
        .category_playlists("dinner")
        .limit(1)
        .send()
        .unwrap();
    let r = last(&mock);
    assert_eq!(r.path, "/v1/browse/categories/dinner/playlists");
    assert_eq!(query(&r), [("limit", "1")]);
    assert_eq!(page.total, 2);
    assert_eq!(page.items[0].id, FRIENDS_MIX);
    let all: Vec<String> = spotify
        .category_playlists("dinner")
        .limit(1)
        .items()
        .map(|p| p.unwrap().name)
        .collect();
    assert_eq!(all, ["From a friend", "Morning mix"]);

    let err = spotify.category_playlists("nope").send().unwrap_err();
    assert_eq!(err.status(), Some(404));
    let err = fails_unsent(&mock, || {
        spotify.category_playlists("dinner").limit(0).send()
    });
    assert_invalid_input(&err, "limit", "1 to 50");
    let err = fails_unsent(&mock, || spotify.category_playlists(" ").send());
    assert_invalid_input(&err, "category_id", "not a category ID");
}
