//! What a playlist entry, the player and the queue hold: a track, an
//! episode, or something newer.

use super::display::display;
use super::{DatePrecision, ExternalUrls, FullTrack, Image, Restrictions};
use serde::{Deserialize, Deserializer, Serialize};

/// A track or an episode, told apart by the object's `type`.
///
/// Local files are tracks with `is_local: true` and no ID. An object with
/// another `type`, or one that lacks what a track or episode needs (a
/// `fields` filter left it out), becomes [`PlayableItem::Unknown`] instead
/// of failing the whole response.
///
/// A track whose nested parts do not fit (say an album with `"name": 5`)
/// also becomes `Unknown`, keeping what it can: one bad entry never fails
/// a playlist page. Deserializing with `serde_json` yourself (`from_str`,
/// `from_slice`, `from_reader`, `from_value`) gives exactly what a call
/// gives, so a page saved to disk loads as it was fetched. It reads JSON
/// only: each object is captured as raw JSON text first, which other
/// serde formats do not offer.
///
/// ```
/// use spotify_blocking::model::PlayableItem;
///
/// let saved = r#"[{"type": "track", "name": "Bad", "album": {"name": 5}},
///                 {"type": "episode", "name": "Ep. 1"}]"#;
/// let items: Vec<PlayableItem> = serde_json::from_str(saved)?;
/// assert!(matches!(&items[0], PlayableItem::Unknown(u) if u.name.as_deref() == Some("Bad")));
/// assert_eq!(items[1].as_episode().unwrap().name, "Ep. 1");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type")]
#[non_exhaustive]
pub enum PlayableItem {
    /// A track (`"type": "track"`), possibly a local file.
    #[serde(rename = "track")]
    Track(Box<FullTrack>),
    /// A podcast episode (`"type": "episode"`).
    #[serde(rename = "episode")]
    Episode(Box<PlayableEpisode>),
    /// Anything else; keeps the type, ID, name and URI when present.
    #[serde(untagged)]
    Unknown(UnknownItem),
}

impl PlayableItem {
    /// The track, if this is one.
    pub fn as_track(&self) -> Option<&FullTrack> {
        match self {
            PlayableItem::Track(t) => Some(t),
            _ => None,
        }
    }

    /// The episode, if this is one.
    pub fn as_episode(&self) -> Option<&PlayableEpisode> {
        match self {
            PlayableItem::Episode(e) => Some(e),
            _ => None,
        }
    }

    /// The item's name.
    pub fn name(&self) -> &str {
        match self {
            PlayableItem::Track(t) => &t.name,
            PlayableItem::Episode(e) => &e.name,
            PlayableItem::Unknown(u) => u.name.as_deref().unwrap_or(""),
        }
    }

    /// The item's Spotify URI (`spotify:local:...` for local files).
    pub fn uri(&self) -> Option<&str> {
        match self {
            PlayableItem::Track(t) => t.uri.as_deref(),
            PlayableItem::Episode(e) => Some(&e.uri),
            PlayableItem::Unknown(u) => u.uri.as_deref(),
        }
    }

    /// Whether this is a local file (never for episodes).
    pub fn is_local(&self) -> bool {
        matches!(self, PlayableItem::Track(t) if t.is_local)
    }
}

display!(PlayableItem, |i, f| match i {
    PlayableItem::Track(t) => write!(
        f,
        "Track {:?} by {}{}",
        t.name,
        super::artist_names(&t.artists),
        if t.is_local { " (local file)" } else { "" }
    ),
    PlayableItem::Episode(e) => match &e.show {
        Some(s) => write!(f, "Episode {:?} of {:?}", e.name, s.name),
        None => write!(f, "Episode {:?}", e.name),
    },
    PlayableItem::Unknown(u) => write!(
        f,
        "{} {:?}",
        if u.kind.is_empty() { "item" } else { &u.kind },
        u.name.as_deref().unwrap_or("")
    ),
});

/// A podcast episode as the player and playlists return it.
///
/// This is the part of Spotify's `EpisodeObject` that identifies and
/// describes the episode; the show is reduced to [`EpisodeShow`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PlayableEpisode {
    /// The Spotify ID.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub id: String,
    /// The episode's name.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub name: String,
    /// The Spotify URI.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub uri: String,
    /// The API link.
    #[serde(default)]
    pub href: Option<String>,
    /// Plain-text description.
    #[serde(default)]
    pub description: Option<String>,
    /// Length in milliseconds.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub duration_ms: u64,
    /// Whether it has explicit content.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub explicit: bool,
    /// Links outside the API.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub external_urls: ExternalUrls,
    /// Cover art.
    #[serde(default, deserialize_with = "super::null_default")]
    pub images: Vec<Image>,
    /// Whether it can be played in the given market.
    #[serde(default)]
    pub is_playable: Option<bool>,
    /// Release date.
    #[serde(default)]
    pub release_date: Option<String>,
    /// Precision of the release date.
    #[serde(default)]
    pub release_date_precision: Option<DatePrecision>,
    /// Why it is not playable, when it is not.
    #[serde(default)]
    pub restrictions: Option<Restrictions>,
    /// The show it belongs to.
    #[serde(default)]
    pub show: Option<EpisodeShow>,
}

display!(PlayableEpisode, |e, f| write!(
    f,
    "PlayableEpisode {:?}",
    e.name
));

/// The show of a [`PlayableEpisode`], reduced to what names it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EpisodeShow {
    /// The Spotify ID.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub id: String,
    /// The show's name.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub name: String,
    /// The publisher (deprecated for development-mode apps).
    #[serde(default)]
    pub publisher: Option<String>,
    /// The Spotify URI.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub uri: String,
}

/// A playable object of a type this crate does not know.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UnknownItem {
    /// The object's `type` (empty when the response had none).
    #[serde(default, rename = "type")]
    pub kind: String,
    /// The Spotify ID, if any.
    #[serde(default)]
    pub id: Option<String>,
    /// The name, if any.
    #[serde(default)]
    pub name: Option<String>,
    /// The Spotify URI, if any.
    #[serde(default)]
    pub uri: Option<String>,
}

impl<'de> Deserialize<'de> for PlayableItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        wire::read(raw.get()).map_err(serde::de::Error::custom)
    }
}

/// How a playable object is read.
///
/// `type` comes last in Spotify's objects, so telling a track from an
/// episode by it (serde's internally tagged enums) buffers every object
/// into serde's generic tree before decoding it again: half the cost of a
/// playlist page. [`read`] instead takes the object's JSON text (serde_json
/// only scans it to find its end) and decodes it in one pass into [`Item`],
/// the fields of both kinds, picking the kind at the end. Only when that
/// fails (a nested part that does not fit) does it decode the text again
/// as [`Tagged`], the buffered form, where anything that fails is
/// `Unknown`. Both steps live here, so the result does not depend on who
/// decodes.
mod wire {
    use super::super::{ExternalIds, LinkedTrack, Market, SimpleAlbum, SimpleArtist};
    use super::*;

    /// One playable object from its JSON text: one pass when it fits, the
    /// buffered form when it does not.
    pub(super) fn read(json: &str) -> serde_json::Result<PlayableItem> {
        match serde_json::from_str::<Item>(json) {
            Ok(item) => Ok(item.into_item()),
            Err(_) => serde_json::from_str::<Tagged>(json).map(Tagged::into_item),
        }
    }

    /// The buffered form: dispatch on `type`, anything that fails is `Unknown`.
    #[derive(Deserialize)]
    #[serde(tag = "type")]
    pub(super) enum Tagged {
        #[serde(rename = "track")]
        Track(Box<FullTrack>),
        #[serde(rename = "episode")]
        Episode(Box<PlayableEpisode>),
        #[serde(untagged)]
        Unknown(UnknownItem),
    }

    impl Tagged {
        pub(super) fn into_item(self) -> PlayableItem {
            match self {
                Tagged::Track(t) => PlayableItem::Track(t),
                Tagged::Episode(e) => PlayableItem::Episode(e),
                Tagged::Unknown(u) => PlayableItem::Unknown(u),
            }
        }
    }

    /// The one-pass form: the fields of a track and of an episode.
    #[derive(Deserialize)]
    pub(super) struct Item {
        #[serde(default, rename = "type")]
        kind: Option<String>,
        // Both kinds.
        #[serde(default)]
        id: Option<String>,
        #[serde(default)]
        name: Option<String>,
        #[serde(default)]
        uri: Option<String>,
        #[serde(default)]
        href: Option<String>,
        #[serde(default)]
        duration_ms: Option<u64>,
        #[serde(default)]
        explicit: Option<bool>,
        #[serde(default)]
        external_urls: Option<ExternalUrls>,
        #[serde(default)]
        is_playable: Option<bool>,
        #[serde(default)]
        restrictions: Option<Restrictions>,
        // A track's.
        #[serde(default)]
        album: Option<SimpleAlbum>,
        #[serde(default)]
        artists: Option<Vec<SimpleArtist>>,
        #[serde(default)]
        available_markets: Option<Vec<Market>>,
        #[serde(default)]
        disc_number: Option<u32>,
        #[serde(default)]
        external_ids: Option<ExternalIds>,
        #[serde(default)]
        is_local: Option<bool>,
        #[serde(default)]
        linked_from: Option<LinkedTrack>,
        #[serde(default)]
        popularity: Option<u32>,
        #[serde(default)]
        preview_url: Option<String>,
        #[serde(default)]
        track_number: Option<u32>,
        // An episode's.
        #[serde(default)]
        description: Option<String>,
        #[serde(default)]
        images: Option<Vec<Image>>,
        #[serde(default)]
        release_date: Option<String>,
        #[serde(default)]
        release_date_precision: Option<DatePrecision>,
        #[serde(default)]
        show: Option<EpisodeShow>,
    }

    impl Item {
        /// A track needs its album; an episode needs nothing else; any
        /// other object is `Unknown`, keeping its type, ID, name and URI.
        /// The struct literals name every field, so a field added to
        /// `FullTrack` or `PlayableEpisode` must be added here too.
        pub(super) fn into_item(self) -> PlayableItem {
            let Item {
                kind,
                id,
                name,
                uri,
                href,
                duration_ms,
                explicit,
                external_urls,
                is_playable,
                restrictions,
                album,
                artists,
                available_markets,
                disc_number,
                external_ids,
                is_local,
                linked_from,
                popularity,
                preview_url,
                track_number,
                description,
                images,
                release_date,
                release_date_precision,
                show,
            } = self;
            match (kind.as_deref(), album) {
                (Some("track"), Some(album)) => PlayableItem::Track(Box::new(FullTrack {
                    id,
                    name: name.unwrap_or_default(),
                    album,
                    artists: artists.unwrap_or_default(),
                    available_markets: available_markets.unwrap_or_default(),
                    disc_number: disc_number.unwrap_or_default(),
                    duration_ms: duration_ms.unwrap_or_default(),
                    explicit: explicit.unwrap_or_default(),
                    external_ids: external_ids.unwrap_or_default(),
                    external_urls: external_urls.unwrap_or_default(),
                    href,
                    is_local: is_local.unwrap_or_default(),
                    is_playable,
                    linked_from,
                    popularity,
                    preview_url,
                    restrictions,
                    track_number: track_number.unwrap_or_default(),
                    uri,
                })),
                (Some("episode"), _) => PlayableItem::Episode(Box::new(PlayableEpisode {
                    id: id.unwrap_or_default(),
                    name: name.unwrap_or_default(),
                    uri: uri.unwrap_or_default(),
                    href,
                    description,
                    duration_ms: duration_ms.unwrap_or_default(),
                    explicit: explicit.unwrap_or_default(),
                    external_urls: external_urls.unwrap_or_default(),
                    images: images.unwrap_or_default(),
                    is_playable,
                    release_date,
                    release_date_precision,
                    restrictions,
                    show,
                })),
                _ => PlayableItem::Unknown(UnknownItem {
                    kind: kind.unwrap_or_default(),
                    id,
                    name,
                    uri,
                }),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode;
    use crate::model::{
        CurrentPlayback, CurrentlyPlaying, FullPlaylist, Page, PlaylistItem, Queue,
    };
    use serde::de::DeserializeOwned;
    use std::fmt::Debug;

    /// A call's decoder and serde_json's own entry points give the same
    /// model from the same text.
    fn same<T: DeserializeOwned + PartialEq + Debug>(json: &str) -> T {
        let live: T = decode(json, "GET /x").unwrap();
        let saved: T = serde_json::from_str(json).unwrap();
        assert_eq!(live, saved, "from_str");
        let bytes: T = serde_json::from_slice(json.as_bytes()).unwrap();
        assert_eq!(live, bytes, "from_slice");
        let read: T = serde_json::from_reader(json.as_bytes()).unwrap();
        assert_eq!(live, read, "from_reader");
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        let tree: T = serde_json::from_value(value).unwrap();
        assert_eq!(live, tree, "from_value");
        live
    }

    #[test]
    fn saved_json_decodes_as_a_call_does_on_the_fixtures() {
        let p: FullPlaylist = same(include_str!("../../tests/fixtures/playlist_full.json"));
        let kinds: Vec<bool> = p
            .items
            .unwrap()
            .items
            .iter()
            .map(|i| i.item.as_ref().is_some_and(|i| i.as_track().is_some()))
            .collect();
        assert_eq!(kinds, [true, false, true, false, false]);
        same::<FullPlaylist>(include_str!("../../tests/fixtures/playlist_full_old.json"));
        let q: Queue = same(include_str!("../../tests/fixtures/queue.json"));
        assert!(matches!(&q.queue[1], PlayableItem::Unknown(u) if u.kind == "hologram"));
        same::<CurrentPlayback>(include_str!("../../tests/fixtures/player_playback.json"));
        let c: CurrentlyPlaying = same(include_str!(
            "../../tests/fixtures/currently_playing_episode.json"
        ));
        assert!(c.item.unwrap().as_episode().is_some());
    }

    #[test]
    fn kinds_are_told_apart_at_the_end_of_the_object() {
        let items: Vec<PlayableItem> = same(
            r#"[{"name":"T","album":{"name":"A"},"duration_ms":5,"type":"track"},
                {"name":"E","duration_ms":7,"show":{"name":"S"},"type":"episode"},
                {"name":"No album","type":"track"},
                {"name":"No type"},
                {"name":"C","id":"c1","uri":"spotify:chapter:c1","type":"chapter"}]"#,
        );
        assert_eq!(items[0].as_track().unwrap().album.name, "A");
        assert_eq!(items[0].as_track().unwrap().duration_ms, 5);
        assert_eq!(
            items[1].as_episode().unwrap().show.as_ref().unwrap().name,
            "S"
        );
        let unknown: Vec<(&str, Option<&str>)> = items[2..]
            .iter()
            .map(|i| match i {
                PlayableItem::Unknown(u) => (u.kind.as_str(), u.uri.as_deref()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            unknown,
            [
                ("track", None),
                ("", None),
                ("chapter", Some("spotify:chapter:c1"))
            ]
        );
    }

    #[test]
    fn a_nested_misfit_makes_one_entry_unknown_however_it_is_decoded() {
        let body = r#"{"items":[
            {"item":{"type":"track","name":"Bad","album":{"name":5}}},
            {"item":{"type":"episode","name":"Odd","show":[1]}},
            {"item":{"type":"track","name":"Good","album":{"name":"X"},"duration_ms":3}}]}"#;
        let page: Page<PlaylistItem> = same(body);
        let names: Vec<(&str, Option<&str>)> = page
            .items
            .iter()
            .map(|i| match i.item.as_ref().unwrap() {
                PlayableItem::Unknown(u) => (u.kind.as_str(), u.name.as_deref()),
                PlayableItem::Track(t) => ("track!", Some(t.name.as_str())),
                PlayableItem::Episode(e) => ("episode!", Some(e.name.as_str())),
            })
            .collect();
        assert_eq!(
            names,
            [
                ("track", Some("Bad")),
                ("episode", Some("Odd")),
                ("track!", Some("Good"))
            ]
        );
        assert_eq!(
            page.items[2]
                .item
                .as_ref()
                .unwrap()
                .as_track()
                .unwrap()
                .duration_ms,
            3
        );
    }

    #[test]
    fn what_is_not_an_object_is_still_an_error_naming_its_place() {
        let body = r#"{"items":[{"item":{"type":"track","name":"Good","album":{"name":"X"}}},{"item":5}]}"#;
        assert!(serde_json::from_str::<Page<PlaylistItem>>(body).is_err());
        match decode::<Page<PlaylistItem>>(body, "GET /x").unwrap_err() {
            crate::Error::Decode { path, .. } => assert_eq!(path, "items[1].item"),
            other => panic!("{other:?}"),
        }
    }
}
