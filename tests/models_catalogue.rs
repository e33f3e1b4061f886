//! Catalogue models (shows, episodes, audiobooks, chapters, categories,
//! audio features and analysis, recommendations, search, saved items)
//! against hand-written fixtures in Spotify's documented shape.

use serde::de::DeserializeOwned;
use spotify_blocking::model::*;

fn load<T: DeserializeOwned>(name: &str) -> T {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// `{:#}` starts with the one-line summary and lists the fields; the
/// full tree holds the nested ones too.
fn assert_tree<T: std::fmt::Display + serde::Serialize>(value: &T, fields: &[&str]) {
    let line = value.to_string();
    let tree = format!("{value:#}");
    assert!(
        tree.starts_with(&line),
        "tree does not start with {line:?}:\n{tree}"
    );
    assert!(tree.lines().count() > 1, "{tree}");
    let tree = spotify_blocking::model::full_tree(value).to_string();
    for field in fields {
        assert!(tree.contains(&format!("{field}:")), "no {field} in\n{tree}");
    }
}

#[test]
fn full_show_complete() {
    let show: FullShow = load("show_full.json");
    assert_eq!(show.id, "38bS44xjbVVZ3No3ByF1dJ");
    assert_eq!(show.name, "Build Notes");
    assert_eq!(show.publisher.as_deref(), Some("Example Media"));
    assert_eq!(show.media_type, Some(MediaType::Audio));
    assert_eq!(show.available_markets.len(), 3);
    assert_eq!(show.available_markets[0].as_str(), "SE");
    assert_eq!(show.copyrights[0].kind.as_deref(), Some("C"));
    assert_eq!(show.images[1].width, Some(64));
    assert_eq!(show.is_externally_hosted, Some(false));
    assert_eq!(show.total_episodes, 120);
    // The null entry in the page is skipped.
    assert_eq!(show.episodes.items.len(), 2);
    assert_eq!(show.episodes.total, 120);
    assert!(show.episodes.next.as_deref().unwrap().contains("offset=2"));
    let first = &show.episodes.items[0];
    assert_eq!(first.name, "Release trains");
    assert_eq!(first.duration_ms, 2_685_023);
    assert_eq!(first.release_date_precision, Some(DatePrecision::Day));
    let mut resume = ResumePoint::default();
    resume.resume_position_ms = 60_000;
    assert_eq!(first.resume_point, Some(resume));
    assert_eq!(first.language.as_deref(), Some("en"));
    let second = &show.episodes.items[1];
    assert_eq!(second.audio_preview_url, None);
    assert_eq!(second.languages, ["en", "sv"]);
    assert_eq!(
        second.restrictions.as_ref().unwrap().reason.as_deref(),
        Some("market")
    );
    assert_eq!(
        show.to_string(),
        r#"FullShow "Build Notes" by Example Media, 120 episodes"#
    );
    assert_eq!(
        first.to_string(),
        r#"SimpleEpisode "Release trains" (2024-05-02), 44 min"#
    );
    assert_tree(&show, &["publisher", "episodes", "items", "resume_point"]);
}

#[test]
fn full_show_minimal_and_unknown_media_type() {
    let show: FullShow = load("show_minimal.json");
    assert_eq!(show.media_type, Some(MediaType::Unknown("hologram".into())));
    assert_eq!(show.media_type.as_ref().unwrap().as_str(), "hologram");
    assert_eq!(show.publisher, None);
    assert_eq!(show.explicit, None);
    assert!(show.available_markets.is_empty());
    assert!(show.episodes.items.is_empty());
    assert_eq!(show.to_string(), r#"FullShow "Build Notes", 0 episodes"#);
    assert_tree(&show, &["media_type"]);
    assert!(format!("{show:#}").contains("publisher: None"));
}

#[test]
fn full_episode_complete() {
    let ep: FullEpisode = load("episode_full.json");
    assert_eq!(ep.id, "512ojhOuo1ktJprKbVcKyQ");
    assert_eq!(ep.uri, "spotify:episode:512ojhOuo1ktJprKbVcKyQ");
    assert!(
        ep.audio_preview_url
            .as_deref()
            .unwrap()
            .ends_with("preview1.mp3")
    );
    assert_eq!(ep.is_playable, Some(true));
    assert!(ep.resume_point.as_ref().unwrap().fully_played);
    assert_eq!(ep.show.name, "Build Notes");
    assert_eq!(ep.show.media_type, Some(MediaType::Mixed));
    assert_eq!(ep.show.total_episodes, 120);
    assert_eq!(
        ep.restrictions.as_ref().unwrap().reason.as_deref(),
        Some("explicit")
    );
    assert_eq!(
        ep.to_string(),
        r#"FullEpisode "Release trains" of "Build Notes" (2024-05-02), 44 min"#
    );
    assert_eq!(
        ep.show.to_string(),
        r#"SimpleShow "Build Notes" by Example Media"#
    );
    assert_tree(&ep, &["show", "resume_point", "html_description"]);
}

#[test]
fn full_episode_minimal_and_unknown_precision() {
    let ep: FullEpisode = load("episode_minimal.json");
    assert_eq!(
        ep.release_date_precision,
        Some(DatePrecision::Unknown("decade".into()))
    );
    assert_eq!(ep.release_date, None);
    assert_eq!(ep.resume_point, None);
    assert_eq!(ep.duration_ms, 0);
    assert_eq!(ep.show.id, "38bS44xjbVVZ3No3ByF1dJ");
    assert_eq!(ep.show.name, "");
    assert_eq!(
        ep.to_string(),
        r#"FullEpisode "Release trains" of "" (no date), 0 min"#
    );
    assert_tree(&ep, &["show"]);
}

#[test]
fn full_audiobook_complete() {
    let book: FullAudiobook = load("audiobook_full.json");
    assert_eq!(book.id, "7iHfbu1YPACw6oZPAFJtqe");
    assert_eq!(book.authors[0].name, "Mary Shelley");
    assert_eq!(
        book.narrators
            .iter()
            .map(|n| n.name.as_str())
            .collect::<Vec<_>>(),
        ["Ann Reader", "Ben Voice"]
    );
    assert_eq!(book.edition.as_deref(), Some("Unabridged"));
    assert_eq!(book.copyrights[0].kind.as_deref(), Some("P"));
    assert_eq!(book.total_chapters, 28);
    assert_eq!(book.chapters.items.len(), 1);
    let ch = &book.chapters.items[0];
    assert_eq!(ch.chapter_number, 1);
    assert_eq!(ch.duration_ms, 1_102_345);
    assert_eq!(ch.resume_point.as_ref().unwrap().resume_position_ms, 0);
    assert_eq!(
        ch.restrictions.as_ref().unwrap().reason.as_deref(),
        Some("payment_required")
    );
    assert_eq!(
        book.to_string(),
        r#"FullAudiobook "Frankenstein" by Mary Shelley, 28 chapters"#
    );
    assert_eq!(ch.to_string(), r#"SimpleChapter 1 "Letter 1", 18 min"#);
    assert_tree(&book, &["authors", "narrators", "chapters", "edition"]);
}

#[test]
fn full_audiobook_minimal() {
    let book: FullAudiobook = load("audiobook_minimal.json");
    assert!(book.authors.is_empty() && book.narrators.is_empty());
    assert_eq!(book.edition, None);
    assert_eq!(book.media_type, None);
    assert_eq!(book.chapters.total, 0);
    assert_eq!(
        book.to_string(),
        r#"FullAudiobook "Frankenstein" by unknown author, 0 chapters"#
    );
    assert_tree(&book, &["chapters"]);
}

#[test]
fn full_chapter_complete() {
    let ch: FullChapter = load("chapter_full.json");
    assert_eq!(ch.id, "0IsXVP0JmcB2adSE338GkK");
    assert_eq!(ch.release_date_precision, Some(DatePrecision::Year));
    assert_eq!(ch.is_playable, Some(false));
    assert_eq!(ch.available_markets.len(), 2);
    assert_eq!(
        ch.resume_point.as_ref().unwrap().resume_position_ms,
        301_000
    );
    assert_eq!(ch.audiobook.name, "Frankenstein");
    assert_eq!(ch.audiobook.narrators[0].name, "Ann Reader");
    assert_eq!(
        ch.to_string(),
        r#"FullChapter 1 "Letter 1" of "Frankenstein", 18 min"#
    );
    assert_eq!(
        ch.audiobook.to_string(),
        r#"SimpleAudiobook "Frankenstein" by Mary Shelley"#
    );
    assert_tree(&ch, &["audiobook", "resume_point", "restrictions"]);
}

#[test]
fn full_chapter_minimal() {
    let ch: FullChapter = load("chapter_minimal.json");
    assert_eq!(ch.chapter_number, 3);
    assert_eq!(ch.resume_point, None);
    assert_eq!(ch.restrictions, None);
    assert!(ch.images.is_empty());
    assert_eq!(ch.audiobook.id, "7iHfbu1YPACw6oZPAFJtqe");
    assert_tree(&ch, &["audiobook"]);
}

#[test]
fn category_complete_and_minimal() {
    let c: Category = load("category_full.json");
    assert_eq!(c.id, "dinner");
    assert_eq!(c.name, "Cooking & Dining");
    assert_eq!(c.icons[0].height, Some(274));
    assert_eq!(c.to_string(), r#"Category "Cooking & Dining" (dinner)"#);
    assert_tree(&c, &["icons", "href"]);

    let c: Category = load("category_minimal.json");
    assert_eq!(c.name, "");
    assert_eq!(c.icons[0].height, None);
    assert_eq!(c.href, "");
    assert_tree(&c, &["icons"]);
}

#[test]
fn audio_features_complete_and_minimal() {
    let a: AudioFeatures = load("audio_features_full.json");
    assert_eq!(a.id, "2takcwOaAZWiXQijPHIx7B");
    assert_eq!(a.key, 9);
    assert_eq!(a.mode, 0);
    assert_eq!(a.time_signature, 4);
    assert_eq!(a.duration_ms, 237_040);
    assert!((a.tempo - 118.211).abs() < 1e-9);
    assert!((a.loudness + 5.883).abs() < 1e-9);
    assert!((a.valence - 0.428).abs() < 1e-9);
    assert_eq!(a.uri, "spotify:track:2takcwOaAZWiXQijPHIx7B");
    assert_eq!(
        a.to_string(),
        "AudioFeatures of 2takcwOaAZWiXQijPHIx7B: 118.2 BPM, key 9, minor, energy 0.84, valence 0.43"
    );
    assert_tree(&a, &["danceability", "track_href"]);

    let a: AudioFeatures = load("audio_features_minimal.json");
    assert_eq!(a.key, -1);
    assert_eq!(a.mode, 1);
    assert_eq!(a.analysis_url, None);
    assert_eq!(a.energy, 0.0);
    assert!(a.to_string().contains("major"));
    assert_tree(&a, &["key"]);
}

#[test]
fn audio_analysis_complete() {
    let a: AudioAnalysis = load("audio_analysis_full.json");
    assert_eq!(a.meta.status_code, Some(0));
    assert_eq!(a.meta.timestamp, Some(1_495_193_577));
    assert_eq!(a.track.num_samples, 4_585_515);
    assert_eq!(a.track.analysis_sample_rate, 22_050);
    assert_eq!(a.track.key, 9);
    assert_eq!(a.track.code_version, Some(3.15));
    assert_eq!(a.bars.len(), 2);
    assert_eq!(a.beats.len(), 3);
    assert_eq!(a.tatums.len(), 2);
    assert_eq!(a.sections[0].mode, -1.0);
    assert_eq!(a.sections[0].time_signature, 4);
    assert_eq!(a.segments[0].pitches.len(), 12);
    assert_eq!(a.segments[0].timbre[0], 42.115);
    assert_eq!(
        a.to_string(),
        "AudioAnalysis 207.96 s at 118.2 BPM: 2 bars, 3 beats, 1 sections, 1 segments"
    );
    assert_tree(&a, &["meta", "track", "segments", "pitches"]);
}

#[test]
fn audio_analysis_minimal() {
    let a: AudioAnalysis = load("audio_analysis_minimal.json");
    assert_eq!(a.meta.status_code, Some(1));
    assert_eq!(a.meta.analyzer_version, None);
    assert_eq!(a.track.duration, 12.5);
    assert!(a.bars.is_empty() && a.segments.is_empty());
    assert_tree(&a, &["meta"]);
}

#[test]
fn recommendations_complete() {
    let r: Recommendations = load("recommendations_full.json");
    assert_eq!(r.seeds.len(), 3);
    assert_eq!(r.seeds[0].kind, Some(SeedKind::Artist));
    assert_eq!(r.seeds[0].initial_pool_size, 250);
    assert_eq!(r.seeds[1].kind, Some(SeedKind::Genre));
    assert_eq!(r.seeds[1].href, None);
    assert_eq!(r.seeds[1].after_relinking_size, 118);
    // Lower case is accepted too.
    assert_eq!(r.seeds[2].kind, Some(SeedKind::Track));
    assert_eq!(r.tracks.len(), 1);
    assert_eq!(r.tracks[0].name, "Glad He's Gone");
    assert_eq!(r.tracks[0].album.name, "Night Drive");
    assert_eq!(r.to_string(), "Recommendations: 1 tracks from 3 seeds");
    assert_eq!(
        r.seeds[1].to_string(),
        "RecommendationSeed GENRE classical: 118 of 250 tracks left"
    );
    assert_tree(&r, &["seeds", "tracks", "afterFilteringSize"]);
}

#[test]
fn recommendations_minimal_and_unknown_seed_kind() {
    let r: Recommendations = load("recommendations_minimal.json");
    assert_eq!(r.seeds[0].kind, Some(SeedKind::Unknown("PLAYLIST".into())));
    assert_eq!(r.seeds[0].initial_pool_size, 0);
    assert!(r.tracks.is_empty());
    assert_tree(&r, &["seeds"]);
}

#[test]
fn search_results_complete() {
    let s: SearchResults = load("search_full.json");
    let tracks = s.tracks.as_ref().unwrap();
    assert_eq!(tracks.total, 812);
    assert_eq!(
        tracks.items[0].id.as_deref(),
        Some("6rqhFgbbKwnb9MLmUQDhG6")
    );
    assert!(tracks.next.as_deref().unwrap().contains("offset=1"));
    let artists = s.artists.as_ref().unwrap();
    assert_eq!(
        artists.items[0].followers.as_ref().unwrap().total,
        3_200_000
    );
    assert_eq!(s.albums.as_ref().unwrap().items[0].total_tracks, 11);
    // The null playlist is skipped; the old `tracks` name is read as `items`.
    let playlists = s.playlists.as_ref().unwrap();
    assert_eq!(playlists.items.len(), 1);
    assert_eq!(playlists.items[0].name, "Glad Hits");
    assert_eq!(playlists.items[0].owner.id, "spotify");
    assert_eq!(playlists.items[0].items.as_ref().unwrap().total, 75);
    assert_eq!(s.shows.as_ref().unwrap().items[0].name, "Build Notes");
    // The null episode is skipped.
    let episodes = s.episodes.as_ref().unwrap();
    assert_eq!(episodes.items.len(), 1);
    assert_eq!(episodes.items[0].name, "Glad tidings");
    assert_eq!(
        s.audiobooks.as_ref().unwrap().items[0].edition.as_deref(),
        Some("Abridged")
    );
    assert_eq!(
        s.to_string(),
        "SearchResults: 1 of 812 tracks, 1 of 1 artists, 1 of 1 albums, 1 of 2 playlists, 1 of 1 shows, 1 of 2 episodes, 1 of 1 audiobooks"
    );
    assert_tree(
        &s,
        &[
            "tracks",
            "artists",
            "albums",
            "playlists",
            "shows",
            "episodes",
            "audiobooks",
        ],
    );
}

#[test]
fn search_results_minimal() {
    let s: SearchResults = load("search_minimal.json");
    assert_eq!(s.tracks.as_ref().unwrap().total, 0);
    assert!(s.artists.is_none() && s.albums.is_none() && s.shows.is_none());
    assert!(s.playlists.is_none());
    assert!(s.episodes.is_none() && s.audiobooks.is_none());
    assert_eq!(s.to_string(), "SearchResults: 0 of 0 tracks");
    let empty: SearchResults = serde_json::from_str("{}").unwrap();
    assert_eq!(empty.to_string(), "SearchResults: nothing");
    assert_tree(&s, &["tracks"]);
}

#[test]
fn search_type_spelling() {
    let all: Vec<&str> = SearchType::ALL.iter().map(|t| t.as_str()).collect();
    assert_eq!(
        all,
        [
            "album",
            "artist",
            "playlist",
            "track",
            "show",
            "episode",
            "audiobook"
        ]
    );
    assert_eq!(SearchType::Audiobook.to_string(), "audiobook");
}

#[test]
fn saved_shows_page() {
    let page: Page<SavedShow> = load("saved_shows.json");
    assert_eq!(page.total, 2);
    assert_eq!(page.items[0].added_at, "2024-01-07T10:11:12Z");
    assert_eq!(page.items[0].show.total_episodes, 120);
    assert_eq!(page.items[1].added_at, "");
    assert_eq!(page.items[1].show.id, "1bJRVqIjTcgp1v8kqcnUmG");
    assert_eq!(
        page.items[0].to_string(),
        r#"SavedShow "Build Notes" added 2024-01-07T10:11:12Z"#
    );
    assert_tree(&page.items[0], &["added_at", "show"]);
    assert_tree(&page.items[1], &["show"]);
}

#[test]
fn saved_episodes_page() {
    let page: Page<SavedEpisode> = load("saved_episodes.json");
    assert_eq!(page.items.len(), 2);
    let first = &page.items[0];
    assert_eq!(
        first.episode.show.publisher.as_deref(),
        Some("Example Media")
    );
    assert_eq!(
        first
            .episode
            .resume_point
            .as_ref()
            .unwrap()
            .resume_position_ms,
        1000
    );
    assert_eq!(page.items[1].episode.id, "0Q86acNRm6V9GYx55SXKwf");
    assert_eq!(
        first.to_string(),
        r#"SavedEpisode "Release trains" added 2024-02-01T08:00:00Z"#
    );
    assert_tree(first, &["episode", "show"]);
    assert_tree(&page.items[1], &["episode"]);
}

#[test]
fn saved_audiobooks_page() {
    let page: Page<SavedAudiobook> = load("saved_audiobooks.json");
    assert_eq!(page.items.len(), 2);
    let first = &page.items[0];
    assert_eq!(first.audiobook.authors[0].name, "Mary Shelley");
    assert_eq!(first.audiobook.total_chapters, 28);
    assert_eq!(page.items[1].audiobook.id, "5U8Ezw6ToGmxH7CAbLhm7y");
    assert_eq!(
        first.to_string(),
        r#"SavedAudiobook "Frankenstein" added 2024-03-03T03:03:03Z"#
    );
    assert_tree(first, &["audiobook", "narrators"]);
    assert_tree(&page.items[1], &["audiobook"]);
}

#[test]
fn resume_point_display() {
    let mut r = ResumePoint::default();
    r.resume_position_ms = 1500;
    assert_eq!(r.to_string(), "ResumePoint at 1500 ms");
    let mut done = r.clone();
    done.fully_played = true;
    assert_eq!(done.to_string(), "ResumePoint fully played");
}

#[test]
fn models_round_trip_through_serde() {
    let show: FullShow = load("show_full.json");
    let again: FullShow = serde_json::from_value(serde_json::to_value(&show).unwrap()).unwrap();
    assert_eq!(show, again);
    let r: Recommendations = load("recommendations_full.json");
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["seeds"][0]["type"], "ARTIST");
    assert_eq!(json["seeds"][0]["initialPoolSize"], 250);
    let again: Recommendations = serde_json::from_value(json).unwrap();
    assert_eq!(r, again);
}

#[test]
fn featured_playlists_complete_and_minimal() {
    let f: FeaturedPlaylists = load("featured_playlists_full.json");
    assert_eq!(f.message.as_deref(), Some("Popular Playlists"));
    assert_eq!(f.playlists.total, 12);
    assert!(f.playlists.next.as_deref().unwrap().contains("offset=1"));
    let p = &f.playlists.items[0];
    assert_eq!(p.name, "Today's Top Hits");
    assert_eq!(p.owner.display_name.as_deref(), Some("Spotify"));
    assert_eq!(p.items.as_ref().unwrap().total, 50);
    assert_eq!(
        f.to_string(),
        r#"FeaturedPlaylists "Popular Playlists": 1 of 12 playlists"#
    );
    assert_tree(&f, &["message", "playlists", "owner"]);

    let f: FeaturedPlaylists = load("featured_playlists_minimal.json");
    assert_eq!(f.message, None);
    assert!(f.playlists.items.is_empty());
    assert_eq!(f.to_string(), r#"FeaturedPlaylists "": 0 of 0 playlists"#);
    assert_tree(&f, &["playlists"]);
}
