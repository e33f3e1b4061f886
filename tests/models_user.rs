//! Models of the user's world: profiles, playlists, the player.

use spotify_blocking::model::*;

fn parse<T: serde::de::DeserializeOwned>(json: &str) -> T {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn private_user_complete() {
    let u: PrivateUser = parse(include_str!("fixtures/private_user.json"));
    assert_eq!(u.id, "wizzler");
    assert_eq!(u.account_id.as_deref(), Some("aB3dE5fG7h"));
    assert_eq!(u.display_name.as_deref(), Some("Wizzler"));
    assert_eq!(u.country.as_ref().unwrap().as_str(), "SE");
    assert_eq!(u.email.as_deref(), Some("wizzler@example.com"));
    let mut explicit = ExplicitContent::default();
    explicit.filter_enabled = true;
    explicit.filter_locked = false;
    assert_eq!(u.explicit_content, Some(explicit));
    assert_eq!(u.followers.as_ref().unwrap().total, 3829);
    assert_eq!(u.images.len(), 2);
    assert_eq!(u.images[1].width, Some(64));
    assert_eq!(u.product, Some(Product::Premium));
    assert_eq!(u.uri, "spotify:user:wizzler");
    assert_eq!(u.to_string(), r#"PrivateUser "Wizzler" (wizzler)"#);
    let tree = format!("{u:#}");
    assert!(
        tree.starts_with("PrivateUser \"Wizzler\" (wizzler)\n"),
        "{tree}"
    );
    assert!(tree.contains("  account_id: \"aB3dE5fG7h\"\n"), "{tree}");
    assert!(
        tree.contains("  explicit_content:\n    filter_enabled: true\n"),
        "{tree}"
    );
}

#[test]
fn private_user_minimal_and_unknown_product() {
    let u: PrivateUser = parse(include_str!("fixtures/private_user_min.json"));
    assert_eq!(u.id, "31abcdefghij");
    assert_eq!(u.account_id, None);
    assert_eq!(u.display_name, None);
    assert_eq!(u.country, None);
    assert_eq!(u.email, None);
    assert_eq!(u.explicit_content, None);
    assert!(u.images.is_empty(), "null images read as empty");
    assert_eq!(u.product, Some(Product::Unknown("family_plan".into())));
    assert_eq!(u.to_string(), "PrivateUser \"31abcdefghij\" (31abcdefghij)");
    let bare: PrivateUser = parse(r#"{"id": "x"}"#);
    assert_eq!(bare.href, "");
    assert!(format!("{bare:#}").contains("display_name: None"));
}

#[test]
fn public_user() {
    let u: PublicUser = parse(include_str!("fixtures/public_user.json"));
    assert_eq!(u.id, "lillanamo");
    assert_eq!(u.display_name.as_deref(), Some("Lilla Namo"));
    assert_eq!(u.followers.as_ref().unwrap().total, 12);
    assert_eq!(u.uri.as_deref(), Some("spotify:user:lillanamo"));
    assert_eq!(u.to_string(), r#"PublicUser "Lilla Namo" (lillanamo)"#);
    let min: PublicUser = parse(r#"{"id": "bob", "display_name": null}"#);
    assert_eq!(min.to_string(), r#"PublicUser "bob" (bob)"#);
    assert!(min.images.is_empty() && min.followers.is_none() && min.href.is_none());
}

#[test]
fn full_playlist_with_every_kind_of_entry() {
    let p: FullPlaylist = parse(include_str!("fixtures/playlist_full.json"));
    assert_eq!(p.id, "3cEYpjA9oz9GiPac4AsH4n");
    assert_eq!(p.name, "Morning mix");
    assert!(!p.collaborative);
    assert_eq!(p.public, Some(true));
    assert_eq!(p.snapshot_id, "MTEsZGZhOGJlZjQ2");
    assert_eq!(p.owner.display_name.as_deref(), Some("Wizzler"));
    assert_eq!(p.followers.as_ref().unwrap().total, 7);
    let page = p.items.as_ref().expect("items");
    assert_eq!(page.total, 5);
    assert_eq!(page.items.len(), 5, "null items are entries, not dropped");

    // 0: a track, sent under both `item` and `track`; `item` wins.
    let first = &page.items[0];
    let track = first.item.as_ref().unwrap().as_track().unwrap();
    assert_eq!(track.name, "Numb");
    assert_eq!(track.album.available_markets.len(), 2, "the full `item`");
    assert_eq!(first.added_by.as_ref().unwrap().id, "wizzler");
    assert_eq!(first.added_at.as_deref(), Some("2024-01-05T08:00:00Z"));

    // 1: removed from Spotify.
    assert_eq!(page.items[1].item, None);
    assert_eq!(page.items[1].to_string(), "PlaylistItem (unavailable)");

    // 2: a local file.
    let local = &page.items[2];
    assert!(local.is_local);
    let item = local.item.as_ref().unwrap();
    assert!(item.is_local());
    assert_eq!(
        item.uri(),
        Some("spotify:local:Our+Band:Home+Recordings:Garage+Take+3:240")
    );
    assert_eq!(item.as_track().unwrap().id, None);
    assert_eq!(
        local.to_string(),
        r#"PlaylistItem Track "Garage Take 3" by Our Band (local file)"#
    );

    // 3: an episode.
    let ep = page.items[3].item.as_ref().unwrap().as_episode().unwrap();
    assert_eq!(ep.id, "512ojhOuo1ktJprKbVcKyQ");
    assert_eq!(ep.duration_ms, 1_502_795);
    assert_eq!(ep.release_date_precision, Some(DatePrecision::Day));
    assert_eq!(ep.show.as_ref().unwrap().name, "The Daily Round");
    assert_eq!(
        page.items[3].to_string(),
        r#"PlaylistItem Episode "Monday briefing" of "The Daily Round""#
    );

    // 4: a type this crate does not know.
    let PlayableItem::Unknown(u) = page.items[4].item.as_ref().unwrap() else {
        panic!("expected Unknown");
    };
    assert_eq!(u.kind, "audiobook_chapter");
    assert_eq!(u.name.as_deref(), Some("Chapter 1"));
    assert_eq!(page.items[4].added_at, None);

    assert_eq!(
        p.to_string(),
        r#"FullPlaylist "Morning mix" by Wizzler, 5 items"#
    );
    let tree = format!("{p:#}");
    assert!(tree.starts_with("FullPlaylist \"Morning mix\""), "{tree}");
    assert!(tree.contains("items:\n"), "{tree}");
    assert!(tree.contains("\"Garage Take 3\""), "{tree}");
}

#[test]
fn full_playlist_roundtrips_under_the_new_names() {
    let p: FullPlaylist = parse(include_str!("fixtures/playlist_full.json"));
    let json = serde_json::to_value(&p).unwrap();
    assert!(json.get("items").is_some() && json.get("tracks").is_none());
    assert_eq!(json["items"]["items"][0]["item"]["type"], "track");
    assert_eq!(json["items"]["items"][3]["item"]["type"], "episode");
    let again: FullPlaylist = serde_json::from_value(json).unwrap();
    assert_eq!(again, p);
}

#[test]
fn full_playlist_old_names_and_nulls() {
    let p: FullPlaylist = parse(include_str!("fixtures/playlist_full_old.json"));
    assert!(p.collaborative);
    assert_eq!(p.description, None);
    assert!(p.images.is_empty());
    assert_eq!(p.public, None);
    let page = p.items.as_ref().expect("`tracks` read into `items`");
    assert_eq!(page.total, 2);
    assert!(page.next.as_deref().unwrap().contains("offset=1"));
    let item = page.items[0]
        .item
        .as_ref()
        .expect("`track` read into `item`");
    assert_eq!(item.name(), "In the End");
    assert_eq!(page.items[0].added_by, None);
    assert_eq!(p.to_string(), r#"FullPlaylist "Old shape" by bob, 2 items"#);
}

#[test]
fn full_playlist_without_items_in_dev_mode() {
    let p: FullPlaylist = parse(include_str!("fixtures/playlist_full_devmode.json"));
    assert_eq!(p.items, None);
    assert_eq!(p.followers, None);
    assert_eq!(p.to_string(), r#"FullPlaylist "Someone else's" by Other"#);
}

#[test]
fn simple_playlists_in_a_page() {
    let page: Page<SimplePlaylist> = parse(include_str!("fixtures/playlists_page.json"));
    assert_eq!(page.items.len(), 3);
    let [a, b, c] = &page.items[..] else {
        unreachable!()
    };
    assert_eq!(a.items.as_ref().unwrap().total, 5);
    assert_eq!(
        a.items.as_ref().unwrap().href.as_deref(),
        Some("https://api.spotify.com/v1/playlists/3cEYpjA9oz9GiPac4AsH4n/items")
    );
    assert_eq!(b.items.as_ref().unwrap().total, 2, "old `tracks` ref");
    assert!(b.images.is_empty());
    assert_eq!(c.items, None);
    assert_eq!(c.snapshot_id, "");
    assert_eq!(
        a.to_string(),
        r#"SimplePlaylist "Morning mix" by Wizzler, 5 items"#
    );
    assert_eq!(c.to_string(), r#"SimplePlaylist "Dev mode" by other"#);
    assert!(format!("{b:#}").contains("  public: None\n"));
}

#[test]
fn snapshot() {
    let s: PlaylistSnapshot = parse(
        r#"{"snapshot_id": "JbtmHBDBAYu3/bt8BOXKjzKx3i0b6LCa/wVjyl6qQ2Yf6nFXkbmzuEa+ZI/U1yF+"}"#,
    );
    assert!(s.snapshot_id.starts_with("JbtmHBDB"));
    assert!(s.to_string().starts_with("PlaylistSnapshot JbtmHBDB"));
}

#[test]
fn current_playback_complete() {
    let c: CurrentPlayback = parse(include_str!("fixtures/player_playback.json"));
    assert_eq!(c.device.id.as_deref(), Some("b46689a4cd5"));
    assert_eq!(c.device.kind, DeviceType::Speaker);
    assert_eq!(c.device.volume_percent, Some(59));
    assert_eq!(c.repeat_state, RepeatState::Context);
    assert!(c.shuffle_state);
    let ctx = c.context.as_ref().unwrap();
    assert_eq!(ctx.kind, ContextType::Playlist);
    assert_eq!(ctx.uri, "spotify:playlist:3cEYpjA9oz9GiPac4AsH4n");
    assert_eq!(c.timestamp, 1_704_441_600_000);
    assert_eq!(c.progress_ms, Some(42_000));
    assert!(c.is_playing);
    assert_eq!(
        c.item.as_ref().unwrap().as_track().unwrap().track_number,
        13
    );
    assert_eq!(c.currently_playing_type, CurrentlyPlayingType::Track);
    assert!(c.actions.disallows.resuming && c.actions.disallows.skipping_prev);
    assert!(!c.actions.disallows.pausing);
    assert_eq!(
        c.to_string(),
        r#"CurrentPlayback (playing) Track "Numb" by Linkin Park on "Kitchen speaker""#
    );
    let tree = format!("{c:#}");
    assert!(tree.contains("  repeat_state: \"context\"\n"), "{tree}");
    // Two levels deep, the third on one line; the full tree unfolds it.
    assert!(
        tree.contains(
            "    disallows: {interrupting_playback: false, pausing: false, resuming: true,"
        ),
        "{tree}"
    );
    let full = spotify_blocking::model::full_tree(&c).to_string();
    assert!(full.contains("      resuming: true\n"), "{full}");
}

#[test]
fn currently_playing_ad_and_flat_actions() {
    let c: CurrentlyPlaying = parse(include_str!("fixtures/currently_playing_ad.json"));
    assert_eq!(c.item, None);
    assert_eq!(c.context, None);
    assert_eq!(c.progress_ms, None);
    assert_eq!(c.currently_playing_type, CurrentlyPlayingType::Ad);
    assert!(
        c.actions.disallows.pausing,
        "flags directly under `actions`"
    );
    assert_eq!(c.to_string(), "CurrentlyPlaying (playing) ad");
}

#[test]
fn currently_playing_episode_with_unknown_type() {
    let c: CurrentlyPlaying = parse(include_str!("fixtures/currently_playing_episode.json"));
    assert_eq!(
        c.currently_playing_type,
        CurrentlyPlayingType::Unknown("podcast_clip".into())
    );
    assert_eq!(c.context.as_ref().unwrap().kind, ContextType::Show);
    assert_eq!(
        c.item.as_ref().unwrap().as_episode().unwrap().name,
        "Monday briefing"
    );
    assert_eq!(c.actions, Actions::default());
    assert_eq!(
        c.to_string(),
        r#"CurrentlyPlaying (paused) Episode "Monday briefing" of "The Daily Round""#
    );
    let min: CurrentlyPlaying = parse("{}");
    assert_eq!(
        min.currently_playing_type,
        CurrentlyPlayingType::UnknownType
    );
    assert!(!min.is_playing);
}

#[test]
fn devices_any_case_and_unknown_type() {
    let d: serde_json::Value = parse(include_str!("fixtures/devices.json"));
    let devices: Vec<Device> = serde_json::from_value(d["devices"].clone()).unwrap();
    assert_eq!(devices.len(), 3);
    assert_eq!(devices[1].kind, DeviceType::Computer, "lower case accepted");
    assert!(devices[1].is_private_session);
    assert_eq!(devices[1].volume_percent, None);
    assert_eq!(devices[2].id, None);
    assert_eq!(devices[2].kind, DeviceType::Unknown("Refrigerator".into()));
    assert!(devices[2].is_restricted);
    assert_eq!(
        devices[0].to_string(),
        r#"Device "Kitchen speaker" (Speaker, active)"#
    );
    assert_eq!(devices[2].to_string(), r#"Device "Fridge" (Refrigerator)"#);
    assert!(format!("{:#}", devices[0]).contains("  type: \"Speaker\"\n"));
}

#[test]
fn queue_with_episode_null_and_unknown() {
    let q: Queue = parse(include_str!("fixtures/queue.json"));
    assert_eq!(q.currently_playing.as_ref().unwrap().name(), "Numb");
    assert_eq!(q.queue.len(), 3, "the null entry is dropped");
    assert!(q.queue[0].as_episode().is_some());
    assert_eq!(q.queue[0].to_string(), r#"Episode "Monday briefing""#);
    match &q.queue[1] {
        PlayableItem::Unknown(u) => {
            assert_eq!(u.kind, "hologram");
            assert_eq!(u.uri.as_deref(), Some("spotify:hologram:xyz"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(q.queue[1].to_string(), r#"hologram "Something new""#);
    assert_eq!(q.queue[2].name(), "In the End");
    assert_eq!(
        q.to_string(),
        r#"Queue: Track "Numb" by Linkin Park, then 3 more"#
    );
    let empty: Queue = parse(r#"{"currently_playing": null, "queue": []}"#);
    assert_eq!(empty.to_string(), "Queue: nothing playing, 0 queued");
}

#[test]
fn recently_played_cursor_page() {
    let r: RecentlyPlayed = parse(include_str!("fixtures/recently_played.json"));
    assert_eq!(r.items.len(), 2);
    assert_eq!(r.limit, 2);
    assert_eq!(r.total, None);
    let cursors = r.cursors.as_ref().unwrap();
    assert_eq!(cursors.before.as_deref(), Some("1704441000000"));
    assert_eq!(r.items[0].played_at, "2024-01-05T08:00:00.000Z");
    assert_eq!(
        r.items[0].context.as_ref().unwrap().kind,
        ContextType::Album
    );
    assert_eq!(r.items[1].context, None);
    assert_eq!(
        r.items[1].to_string(),
        r#"PlayHistory "In the End" by Linkin Park at 2024-01-05T07:50:00.000Z"#
    );
    assert!(format!("{:#}", r.items[0]).contains("  played_at: \"2024-01-05T08:00:00.000Z\"\n"));
}

#[test]
fn enums_keep_unknown_values() {
    assert_eq!(
        serde_json::from_str::<RepeatState>(r#""album""#).unwrap(),
        RepeatState::Unknown("album".into())
    );
    assert_eq!(
        serde_json::from_str::<RepeatState>(r#""off""#).unwrap(),
        RepeatState::Off
    );
    assert_eq!(
        serde_json::from_str::<ContextType>(r#""collection""#).unwrap(),
        ContextType::Collection
    );
    assert_eq!(
        serde_json::from_str::<ContextType>(r#""audiobook""#).unwrap(),
        ContextType::Unknown("audiobook".into())
    );
    assert_eq!(RepeatState::Track.to_string(), "track");
    assert_eq!(CurrentlyPlayingType::UnknownType.as_str(), "unknown");
}

#[test]
fn filtered_items_keep_their_kind_and_an_item_without_type_is_unknown() {
    // `fields=items(item(name,type))` leaves out the album and the rest: a
    // track all the same (empty album), as a FullTrack decoded on its own.
    let i: PlaylistItem = parse(r#"{"item": {"type": "track", "name": "Numb"}}"#);
    let item = i.item.unwrap();
    assert_eq!(item.name(), "Numb");
    let track = item.as_track().unwrap();
    assert_eq!(track.album, SimpleAlbum::default());
    let alone: FullTrack = parse(r#"{"type": "track", "name": "Numb"}"#);
    assert_eq!(track, &alone);
    let i: PlaylistItem = parse(r#"{"item": {"name": "No type"}}"#);
    assert!(
        matches!(i.item, Some(PlayableItem::Unknown(UnknownItem { ref kind, .. })) if kind.is_empty())
    );
}
