//! Albums, tracks and artists: a complete response in Spotify's documented
//! shape and a minimal one (fields absent or `null`) both decode.

use spotify_blocking::model::*;

fn fixture<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn full_album_keeps_every_field() {
    let a: FullAlbum = fixture("album_full.json");
    assert_eq!(a.id, "4aawyAB9vmqN3uQ7FjRGTy");
    assert_eq!(a.album_type, AlbumType::Album);
    assert_eq!(a.release_date_precision, Some(DatePrecision::Day));
    assert_eq!(a.available_markets.len(), 4);
    assert_eq!(a.available_markets[3], Market::new("SE").unwrap());
    assert_eq!(a.images[1].width, Some(300));
    assert_eq!(a.copyrights[0].kind.as_deref(), Some("P"));
    assert_eq!(a.external_ids.upc.as_deref(), Some("886443671584"));
    assert_eq!(
        a.label.as_deref(),
        Some("Mr.305/Polo Grounds Music/RCA Records")
    );
    assert_eq!(a.popularity, Some(55));
    assert_eq!(
        a.restrictions.as_ref().unwrap().reason.as_deref(),
        Some("market")
    );
    assert_eq!((a.tracks.total, a.tracks.items.len()), (18, 2));
    assert!(
        a.tracks
            .next
            .as_deref()
            .unwrap()
            .ends_with("offset=2&limit=2")
    );
    let t = &a.tracks.items[0];
    assert_eq!(t.duration_ms, 85_400);
    assert!(t.explicit);
    assert_eq!(
        t.linked_from.as_ref().unwrap().id.as_deref(),
        Some("1x6ACsKV4UdWS2FMuPFUiT")
    );
    assert_eq!(
        a.tracks.items[1]
            .preview_url
            .as_deref()
            .map(|u| u.starts_with("https://p.scdn.co/")),
        Some(true)
    );
    assert_eq!(
        a.to_string(),
        "FullAlbum \"Global Warming\" by Pitbull, 2 tracks"
    );
    let tree = format!("{a:#}");
    assert!(
        tree.contains("label: \"Mr.305/Polo Grounds Music/RCA Records\""),
        "{tree}"
    );
    // Serialize and read back: nothing lost.
    let again: FullAlbum = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
    assert_eq!(again, a);
}

#[test]
fn minimal_album_with_nulls_and_new_values() {
    let a: FullAlbum = fixture("album_minimal.json");
    assert_eq!(a.album_type, AlbumType::Single);
    // A precision this crate does not know lands in Unknown.
    assert_eq!(
        a.release_date_precision,
        Some(DatePrecision::Unknown("decade".into()))
    );
    // `external_ids: null` is tolerated (rspotify fails here).
    assert_eq!(a.external_ids, ExternalIds::default());
    // A null track entry is skipped; a local file has no ID.
    assert_eq!(a.tracks.items.len(), 1);
    assert!(a.tracks.items[0].is_local && a.tracks.items[0].id.is_none());
    assert!(a.available_markets.is_empty() && a.label.is_none() && a.popularity.is_none());
    assert_eq!(
        a.to_string(),
        "FullAlbum \"Global Warming\" by unknown artist, 0 tracks"
    );
}

#[test]
fn full_and_minimal_tracks() {
    let t: FullTrack = fixture("track_full.json");
    assert_eq!(t.id.as_deref(), Some("11dFghVXANMlKmJXsNCbNl"));
    assert_eq!(t.album.album_type, Some(AlbumType::Compilation));
    assert_eq!(t.album.release_date_precision, Some(DatePrecision::Month));
    assert_eq!(t.external_ids.isrc.as_deref(), Some("USSM19902990"));
    assert_eq!(
        (t.popularity, t.track_number, t.disc_number),
        (Some(63), 1, 1)
    );
    assert!(t.linked_from.is_none() && t.restrictions.is_none());
    assert_eq!(
        t.to_string(),
        "FullTrack \"Cut To The Feeling\" by Band of Horses, Avicii on \"Chill Hits\""
    );

    let m: FullTrack = fixture("track_minimal.json");
    assert!(m.is_local && m.id.is_none());
    assert_eq!(
        m.album.album_type,
        Some(AlbumType::Unknown("mixtape".into()))
    );
    assert_eq!(
        m.uri.as_deref(),
        Some("spotify:local:Artist:Album:Untitled:180")
    );
    assert!(format!("{m:#}").contains("is_local: true"));
}

#[test]
fn full_and_minimal_artists() {
    let a: FullArtist = fixture("artist_full.json");
    assert_eq!(a.followers.as_ref().unwrap().total, 10_771_540);
    assert_eq!(a.genres, ["dance pop", "miami hip hop", "pop"]);
    assert_eq!(a.popularity, Some(80));
    assert_eq!(a.to_string(), "FullArtist \"Pitbull\"");

    let m: FullArtist = fixture("artist_minimal.json");
    assert!(m.followers.is_none() && m.popularity.is_none() && m.images.is_empty());
    assert_eq!(m.uri, "");
}

#[test]
fn a_wrong_type_names_the_field() {
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/album_full.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .replace("\"duration_ms\": 85400", "\"duration_ms\": \"long\"");
    let mut de = serde_json::Deserializer::from_str(&text);
    let err = serde_path_to_error::deserialize::<_, FullAlbum>(&mut de).unwrap_err();
    assert_eq!(err.path().to_string(), "tracks.items[0].duration_ms");
}
