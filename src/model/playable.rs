//! What a playlist entry, the player and the queue hold: a track, an
//! episode, or something newer.

use super::display::display;
use super::{DatePrecision, ExternalUrls, FullTrack, Image, Restrictions};
use serde::{Deserialize, Serialize};

/// A track or an episode, told apart by the object's `type`.
///
/// Local files are tracks with `is_local: true` and no ID. An object with
/// another `type`, or one that lacks what a track or episode needs (a
/// `fields` filter left it out), becomes [`PlayableItem::Unknown`] instead
/// of failing the whole response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlayableEpisode {
    /// The Spotify ID.
    #[serde(default)]
    pub id: String,
    /// The episode's name.
    #[serde(default)]
    pub name: String,
    /// The Spotify URI.
    #[serde(default)]
    pub uri: String,
    /// The API link.
    #[serde(default)]
    pub href: Option<String>,
    /// Plain-text description.
    #[serde(default)]
    pub description: Option<String>,
    /// Length in milliseconds.
    #[serde(default)]
    pub duration_ms: u64,
    /// Whether it has explicit content.
    #[serde(default)]
    pub explicit: bool,
    /// Links outside the API.
    #[serde(default)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpisodeShow {
    /// The Spotify ID.
    #[serde(default)]
    pub id: String,
    /// The show's name.
    #[serde(default)]
    pub name: String,
    /// The publisher (deprecated for development-mode apps).
    #[serde(default)]
    pub publisher: Option<String>,
    /// The Spotify URI.
    #[serde(default)]
    pub uri: String,
}

/// A playable object of a type this crate does not know.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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
