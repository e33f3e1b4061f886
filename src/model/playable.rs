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
/// gives, so a page saved to disk loads as it was fetched. It is read in
/// one pass either way.
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
    /// A track (`"type": "track"`), possibly a local file ([`FullTrack`]).
    #[serde(rename = "track")]
    Track(Box<FullTrack>),
    /// A podcast episode (`"type": "episode"`; [`PlayableEpisode`]).
    #[serde(rename = "episode")]
    Episode(Box<PlayableEpisode>),
    /// Anything else; keeps the type, ID, name and URI when present ([`UnknownItem`]).
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
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub duration_ms: u64,
    /// Whether it has explicit content.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub explicit: bool,
    /// Links outside the API ([`ExternalUrls`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub external_urls: ExternalUrls,
    /// Cover art ([`Image`]).
    #[serde(default, deserialize_with = "super::null_default")]
    pub images: Vec<Image>,
    /// Whether it can be played in the given market.
    #[serde(default)]
    pub is_playable: Option<bool>,
    /// Release date.
    #[serde(default)]
    pub release_date: Option<String>,
    /// Precision of the release date ([`DatePrecision`]).
    #[serde(default)]
    pub release_date_precision: Option<DatePrecision>,
    /// Why it is not playable, when it is not ([`Restrictions`]).
    #[serde(default)]
    pub restrictions: Option<Restrictions>,
    /// The show it belongs to ([`EpisodeShow`]).
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
        wire::Item::deserialize(d).map(wire::Item::into_item)
    }
}

/// How a playable object is read: in one pass, tolerantly.
///
/// `type` comes last in Spotify's objects, so telling a track from an
/// episode by it (serde's internally tagged enums) buffers every object
/// before decoding it again: half the cost of a playlist page. [`Item`]
/// reads the fields of both kinds in one pass and picks the kind at the
/// end. Each field is a [`Slot`]: a value that does not fit (an album with
/// `"name": 5`) is read to its end and noted, not an error, so the entry
/// becomes `Unknown` and the rest of the page reads on. This is the only
/// decoder, so the result does not depend on who decodes.
mod wire {
    use super::super::fit::Slot;
    use super::super::int::Integer;
    use super::super::{ExternalIds, LinkedTrack, SimpleAlbum, SimpleArtist, market};
    use super::*;

    /// The fields of a track and of an episode, each read tolerantly.
    #[derive(Deserialize)]
    pub(super) struct Item {
        #[serde(default, rename = "type")]
        kind: Slot<Option<String>>,
        // Both kinds.
        #[serde(default)]
        id: Slot<Option<String>>,
        #[serde(default)]
        name: Slot<Option<String>>,
        #[serde(default)]
        uri: Slot<Option<String>>,
        #[serde(default)]
        href: Slot<Option<String>>,
        #[serde(default)]
        duration_ms: Slot<Option<Integer<u64>>>,
        #[serde(default)]
        explicit: Slot<Option<bool>>,
        #[serde(default)]
        external_urls: Slot<Option<ExternalUrls>>,
        #[serde(default)]
        is_playable: Slot<Option<bool>>,
        #[serde(default)]
        restrictions: Slot<Option<Restrictions>>,
        // A track's.
        #[serde(default)]
        album: Slot<Option<SimpleAlbum>>,
        #[serde(default)]
        artists: Slot<Option<Vec<SimpleArtist>>>,
        #[serde(default)]
        available_markets: Slot<Option<market::List>>,
        #[serde(default)]
        disc_number: Slot<Option<Integer<u32>>>,
        #[serde(default)]
        external_ids: Slot<Option<ExternalIds>>,
        #[serde(default)]
        is_local: Slot<Option<bool>>,
        #[serde(default)]
        linked_from: Slot<Option<LinkedTrack>>,
        #[serde(default)]
        popularity: Slot<Option<Integer<u32>>>,
        #[serde(default)]
        preview_url: Slot<Option<String>>,
        #[serde(default)]
        track_number: Slot<Option<Integer<u32>>>,
        // An episode's.
        #[serde(default)]
        description: Slot<Option<String>>,
        #[serde(default)]
        images: Slot<Option<Vec<Image>>>,
        #[serde(default)]
        release_date: Slot<Option<String>>,
        #[serde(default)]
        release_date_precision: Slot<Option<DatePrecision>>,
        #[serde(default)]
        show: Slot<Option<EpisodeShow>>,
    }

    impl Item {
        /// A track or an episode needs nothing but its `type` (a missing
        /// album or show is empty, as in `FullTrack`); a misfit in a field the kind uses, or any other object, is
        /// `Unknown`, keeping its type, ID, name and URI where they fit.
        /// The struct literals name every field, so a field added to
        /// `FullTrack` or `PlayableEpisode` must be added here too.
        pub(super) fn into_item(self) -> PlayableItem {
            // Misfits in the fields both kinds use, in a track's, in an episode's.
            let (mut both, mut track, mut episode) = (false, false, false);
            let b = &mut both;
            let kind = self.kind.take(b);
            let id = self.id.take(b);
            let name = self.name.take(b);
            let uri = self.uri.take(b);
            let href = self.href.take(b);
            let duration_ms = self.duration_ms.take(b).map(|n| n.0);
            let explicit = self.explicit.take(b);
            let external_urls = self.external_urls.take(b);
            let is_playable = self.is_playable.take(b);
            let restrictions = self.restrictions.take(b);
            let t = &mut track;
            let album = self.album.take(t);
            let artists = self.artists.take(t);
            let available_markets = self.available_markets.take(t);
            let disc_number = self.disc_number.take(t).map(|n| n.0);
            let external_ids = self.external_ids.take(t);
            let is_local = self.is_local.take(t);
            let linked_from = self.linked_from.take(t);
            let popularity = self.popularity.take(t).map(|n| n.0);
            let preview_url = self.preview_url.take(t);
            let track_number = self.track_number.take(t).map(|n| n.0);
            let e = &mut episode;
            let description = self.description.take(e);
            let images = self.images.take(e);
            let release_date = self.release_date.take(e);
            let release_date_precision = self.release_date_precision.take(e);
            let show = self.show.take(e);
            match (kind.as_deref(), album) {
                (Some("track"), album) if !both && !track => {
                    PlayableItem::Track(Box::new(FullTrack {
                        id,
                        name: name.unwrap_or_default(),
                        album: album.unwrap_or_default(),
                        artists: artists.unwrap_or_default(),
                        available_markets: available_markets.unwrap_or_default().0,
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
                    }))
                }
                (Some("episode"), _) if !both && !episode => {
                    PlayableItem::Episode(Box::new(PlayableEpisode {
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
                    }))
                }
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
        // A track without its album is still a track.
        assert_eq!(items[2].as_track().unwrap().name, "No album");
        assert_eq!(
            items[2].as_track().unwrap().album,
            crate::model::SimpleAlbum::default()
        );
        let unknown: Vec<(&str, Option<&str>)> = items[3..]
            .iter()
            .map(|i| match i {
                PlayableItem::Unknown(u) => (u.kind.as_str(), u.uri.as_deref()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            unknown,
            [("", None), ("chapter", Some("spotify:chapter:c1"))]
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

    /// The form serde derives for `type`-tagged objects: buffered, and
    /// `Unknown` for anything that fails. The one-pass decoder must agree.
    #[derive(Debug, Deserialize)]
    #[serde(tag = "type")]
    enum Tagged {
        #[serde(rename = "track")]
        Track(Box<FullTrack>),
        #[serde(rename = "episode")]
        Episode(Box<PlayableEpisode>),
        #[serde(untagged)]
        Unknown(UnknownItem),
    }

    impl From<Tagged> for PlayableItem {
        fn from(t: Tagged) -> Self {
            match t {
                Tagged::Track(t) => PlayableItem::Track(t),
                Tagged::Episode(e) => PlayableItem::Episode(e),
                Tagged::Unknown(u) => PlayableItem::Unknown(u),
            }
        }
    }

    #[test]
    fn one_pass_agrees_with_the_buffered_tagged_form() {
        let bodies = [
            include_str!("../../tests/fixtures/queue.json"),
            r#"{"currently_playing":null,"queue":[
                {"name":"T","album":{"name":"A"},"duration_ms":5,"type":"track"},
                {"name":"Bad","album":{"name":5},"type":"track"},
                {"name":"E","album":[1],"show":{"name":"S"},"type":"episode"},
                {"name":"E2","show":{"name":7},"type":"episode"},
                {"name":"C","id":"c1","type":"chapter"}]}"#,
        ];
        for body in bodies {
            let v: serde_json::Value = serde_json::from_str(body).unwrap();
            let buffered: Vec<PlayableItem> = v["queue"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|i| !i.is_null())
                .map(|i| Tagged::deserialize(i).unwrap().into())
                .collect();
            let q: Queue = same(body);
            assert_eq!(q.queue, buffered);
        }
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
