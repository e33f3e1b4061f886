//! Tracks.

use super::display::display;
use super::{ExternalIds, ExternalUrls, Market, Restrictions, SimpleAlbum, SimpleArtist};
use serde::{Deserialize, Serialize};

/// The track a relinked track stands in for.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LinkedTrack {
    /// Links outside the API ([`ExternalUrls`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub external_urls: ExternalUrls,
    /// The API link.
    #[serde(default)]
    pub href: Option<String>,
    /// The Spotify ID.
    #[serde(default)]
    pub id: Option<String>,
    /// The Spotify URI.
    #[serde(default)]
    pub uri: Option<String>,
}

/// A track as it appears in an album's track list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SimpleTrack {
    /// The Spotify ID (`None` for local files).
    #[serde(default)]
    pub id: Option<String>,
    /// The track's name.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub name: String,
    /// The artists ([`SimpleArtist`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub artists: Vec<SimpleArtist>,
    /// Markets it can be played in ([`Market`]).
    #[serde(default, deserialize_with = "crate::model::market::list")]
    pub available_markets: Vec<Market>,
    /// Disc number (1 unless the album has several discs).
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub disc_number: u32,
    /// Length in milliseconds.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub duration_ms: u64,
    /// Whether it has explicit lyrics.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub explicit: bool,
    /// Links outside the API ([`ExternalUrls`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub external_urls: ExternalUrls,
    /// The API link.
    #[serde(default)]
    pub href: Option<String>,
    /// Whether it is a local file.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub is_local: bool,
    /// Whether it can be played in the given market.
    #[serde(default)]
    pub is_playable: Option<bool>,
    /// The original track, when this one was relinked ([`LinkedTrack`]).
    #[serde(default)]
    pub linked_from: Option<LinkedTrack>,
    /// A 30-second preview (often `None` today).
    #[serde(default)]
    pub preview_url: Option<String>,
    /// Why it is not playable, when it is not ([`Restrictions`]).
    #[serde(default)]
    pub restrictions: Option<Restrictions>,
    /// Position on its disc.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub track_number: u32,
    /// The Spotify URI.
    #[serde(default)]
    pub uri: Option<String>,
}

/// A track with everything Spotify knows about it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FullTrack {
    /// The Spotify ID (`None` for local files).
    #[serde(default)]
    pub id: Option<String>,
    /// The track's name.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub name: String,
    /// The album it is on ([`SimpleAlbum`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub album: SimpleAlbum,
    /// The artists ([`SimpleArtist`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub artists: Vec<SimpleArtist>,
    /// Markets it can be played in (deprecated for development-mode apps; [`Market`]).
    #[serde(default, deserialize_with = "crate::model::market::list")]
    pub available_markets: Vec<Market>,
    /// Disc number.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub disc_number: u32,
    /// Length in milliseconds.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub duration_ms: u64,
    /// Whether it has explicit lyrics.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub explicit: bool,
    /// ISRC and other codes ([`ExternalIds`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub external_ids: ExternalIds,
    /// Links outside the API ([`ExternalUrls`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub external_urls: ExternalUrls,
    /// The API link.
    #[serde(default)]
    pub href: Option<String>,
    /// Whether it is a local file.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub is_local: bool,
    /// Whether it can be played in the given market.
    #[serde(default)]
    pub is_playable: Option<bool>,
    /// The original track, when this one was relinked ([`LinkedTrack`]).
    #[serde(default)]
    pub linked_from: Option<LinkedTrack>,
    /// Popularity, 0 to 100 (deprecated for development-mode apps).
    #[serde(default, deserialize_with = "crate::model::int::opt")]
    pub popularity: Option<u32>,
    /// A 30-second preview (often `None` today).
    #[serde(default)]
    pub preview_url: Option<String>,
    /// Why it is not playable, when it is not ([`Restrictions`]).
    #[serde(default)]
    pub restrictions: Option<Restrictions>,
    /// Position on its disc.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub track_number: u32,
    /// The Spotify URI.
    #[serde(default)]
    pub uri: Option<String>,
}

display!(SimpleTrack, |t, f| write!(
    f,
    "SimpleTrack {:?} by {}",
    t.name,
    super::artist_names(&t.artists)
));

display!(FullTrack, |t, f| write!(
    f,
    "FullTrack {:?} by {} on {:?}",
    t.name,
    super::artist_names(&t.artists),
    t.album.name
));

/// A track saved in the user's library.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SavedTrack {
    /// When it was saved (ISO 8601).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub added_at: String,
    /// The track ([`FullTrack`]).
    pub track: FullTrack,
}

display!(SavedTrack, |s, f| write!(
    f,
    "SavedTrack {:?} added {}",
    s.track.name, s.added_at
));
