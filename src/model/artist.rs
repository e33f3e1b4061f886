//! Artists.

use super::display::display;
use super::{ExternalUrls, Followers, Image};
use serde::{Deserialize, Serialize};

/// An artist as it appears inside other objects.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SimpleArtist {
    /// The Spotify ID (`None` for local files).
    #[serde(default)]
    pub id: Option<String>,
    /// The artist's name.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub name: String,
    /// Links outside the API ([`ExternalUrls`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub external_urls: ExternalUrls,
    /// The API link.
    #[serde(default)]
    pub href: Option<String>,
    /// The Spotify URI.
    #[serde(default)]
    pub uri: Option<String>,
}

display!(SimpleArtist, |a, f| write!(f, "SimpleArtist {:?}", a.name));

/// An artist with everything Spotify knows about them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FullArtist {
    /// The Spotify ID.
    pub id: String,
    /// The artist's name.
    pub name: String,
    /// Links outside the API ([`ExternalUrls`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub external_urls: ExternalUrls,
    /// Followers (deprecated for development-mode apps; [`Followers`]).
    #[serde(default)]
    pub followers: Option<Followers>,
    /// Genres (deprecated for development-mode apps).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub genres: Vec<String>,
    /// The API link.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub href: String,
    /// Pictures, widest first ([`Image`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub images: Vec<Image>,
    /// Popularity, 0 to 100 (deprecated for development-mode apps).
    #[serde(default, deserialize_with = "crate::model::int::opt")]
    pub popularity: Option<u32>,
    /// The Spotify URI.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub uri: String,
}

display!(FullArtist, |a, f| write!(f, "FullArtist {:?}", a.name));

/// `"A, B and C"` style list of names.
pub(crate) fn artist_names(artists: &[SimpleArtist]) -> String {
    if artists.is_empty() {
        return "unknown artist".into();
    }
    let names: Vec<&str> = artists.iter().map(|a| a.name.as_str()).collect();
    names.join(", ")
}
