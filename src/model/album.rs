//! Albums.

use super::display::display;
use super::{
    Copyright, DatePrecision, ExternalIds, ExternalUrls, Image, Market, Page, Restrictions,
    SimpleArtist, SimpleTrack, string_enum,
};
use serde::{Deserialize, Serialize};

string_enum! {
    /// What kind of release an album is.
    AlbumType {
        /// A full album.
        Album = "album",
        /// A single.
        Single = "single",
        /// A compilation.
        Compilation = "compilation",
        /// An EP (some responses use it).
        Ep = "ep",
    }
}

/// `Unknown("")`: no album type, what a default [`FullAlbum`] holds.
impl Default for AlbumType {
    fn default() -> Self {
        AlbumType::Unknown(String::new())
    }
}

string_enum! {
    /// How an album relates to the artist it was listed for (artist albums).
    AlbumGroup {
        /// The artist's own album.
        Album = "album",
        /// The artist's single.
        Single = "single",
        /// A compilation.
        Compilation = "compilation",
        /// An album the artist appears on.
        AppearsOn = "appears_on",
    }
}

/// An album with everything Spotify knows about it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FullAlbum {
    /// The Spotify ID.
    pub id: String,
    /// The album's name.
    pub name: String,
    /// Album, single or compilation ([`AlbumType`]).
    pub album_type: AlbumType,
    /// How many tracks it has.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub total_tracks: u32,
    /// The artists, in credit order ([`SimpleArtist`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub artists: Vec<SimpleArtist>,
    /// The first page of tracks, a [`Page`] of [`SimpleTrack`] (see
    /// [`Spotify::all_items`](crate::Spotify::all_items)).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub tracks: Page<SimpleTrack>,
    /// Markets it can be played in (deprecated for development-mode apps; [`Market`]).
    #[serde(default, deserialize_with = "crate::model::market::list")]
    pub available_markets: Vec<Market>,
    /// Copyright statements ([`Copyright`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub copyrights: Vec<Copyright>,
    /// UPC/EAN codes ([`ExternalIds`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub external_ids: ExternalIds,
    /// Links outside the API ([`ExternalUrls`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub external_urls: ExternalUrls,
    /// Genres (deprecated: always empty today).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub genres: Vec<String>,
    /// The API link.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub href: String,
    /// Cover art, widest first ([`Image`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub images: Vec<Image>,
    /// The label (deprecated for development-mode apps).
    #[serde(default)]
    pub label: Option<String>,
    /// Popularity, 0 to 100 (deprecated for development-mode apps).
    #[serde(default, deserialize_with = "crate::model::int::opt")]
    pub popularity: Option<u32>,
    /// `1981`, `1981-12` or `1981-12-15`.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub release_date: String,
    /// Which of those forms `release_date` has ([`DatePrecision`]).
    #[serde(default)]
    pub release_date_precision: Option<DatePrecision>,
    /// Why it is not playable, when it is not ([`Restrictions`]).
    #[serde(default)]
    pub restrictions: Option<Restrictions>,
    /// The Spotify URI.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub uri: String,
}

display!(FullAlbum, |a, f| write!(
    f,
    "FullAlbum {:?} by {}, {} tracks",
    a.name,
    super::artist_names(&a.artists),
    a.total_tracks
));

/// An album as it appears inside other objects (a track, search results).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SimpleAlbum {
    /// The Spotify ID (`None` for local files).
    #[serde(default)]
    pub id: Option<String>,
    /// The album's name.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub name: String,
    /// Album, single or compilation ([`AlbumType`]).
    #[serde(default)]
    pub album_type: Option<AlbumType>,
    /// How it relates to the artist (only in artist albums; deprecated; [`AlbumGroup`]).
    #[serde(default)]
    pub album_group: Option<AlbumGroup>,
    /// How many tracks it has.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub total_tracks: u32,
    /// The artists ([`SimpleArtist`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub artists: Vec<SimpleArtist>,
    /// Markets it can be played in ([`Market`]).
    #[serde(default, deserialize_with = "crate::model::market::list")]
    pub available_markets: Vec<Market>,
    /// Links outside the API ([`ExternalUrls`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub external_urls: ExternalUrls,
    /// The API link.
    #[serde(default)]
    pub href: Option<String>,
    /// Cover art ([`Image`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
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
    /// The Spotify URI.
    #[serde(default)]
    pub uri: Option<String>,
}

display!(SimpleAlbum, |a, f| write!(
    f,
    "SimpleAlbum {:?} by {}",
    a.name,
    super::artist_names(&a.artists)
));

/// An album saved in the user's library.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SavedAlbum {
    /// When it was saved (ISO 8601).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub added_at: String,
    /// The album ([`FullAlbum`]).
    pub album: FullAlbum,
}

display!(SavedAlbum, |s, f| write!(
    f,
    "SavedAlbum {:?} added {}",
    s.album.name, s.added_at
));
