//! Podcast shows.

use super::display::display;
use super::{Copyright, ExternalUrls, Image, Market, Page, SimpleEpisode, string_enum};
use serde::{Deserialize, Serialize};

string_enum! {
    /// What a show or audiobook is made of.
    MediaType {
        /// Audio only.
        Audio = "audio",
        /// Audio and video.
        Mixed = "mixed",
        /// Video.
        Video = "video",
    }
}

/// A show as it appears inside other objects (an episode, search results,
/// saved shows).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SimpleShow {
    /// The Spotify ID.
    pub id: String,
    /// The show's name.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub name: String,
    /// Markets it can be played in (deprecated for development-mode apps; [`Market`]).
    #[serde(default, deserialize_with = "crate::model::market::list")]
    pub available_markets: Vec<Market>,
    /// Copyright statements ([`Copyright`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub copyrights: Vec<Copyright>,
    /// Description, plain text.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub description: String,
    /// Description, with HTML tags.
    #[serde(default)]
    pub html_description: Option<String>,
    /// Whether it has explicit content (`None` when unknown).
    #[serde(default)]
    pub explicit: Option<bool>,
    /// Links outside the API ([`ExternalUrls`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub external_urls: ExternalUrls,
    /// The API link.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub href: String,
    /// Cover art, widest first ([`Image`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub images: Vec<Image>,
    /// Whether it is hosted outside Spotify.
    #[serde(default)]
    pub is_externally_hosted: Option<bool>,
    /// Languages (ISO 639-1 codes).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub languages: Vec<String>,
    /// Audio, video or both ([`MediaType`]).
    #[serde(default)]
    pub media_type: Option<MediaType>,
    /// The publisher (deprecated for development-mode apps).
    #[serde(default)]
    pub publisher: Option<String>,
    /// How many episodes it has.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub total_episodes: u32,
    /// The Spotify URI.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub uri: String,
}

/// A show with everything Spotify knows about it, and its first page of
/// episodes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FullShow {
    /// The Spotify ID.
    pub id: String,
    /// The show's name.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub name: String,
    /// Markets it can be played in (deprecated for development-mode apps; [`Market`]).
    #[serde(default, deserialize_with = "crate::model::market::list")]
    pub available_markets: Vec<Market>,
    /// Copyright statements ([`Copyright`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub copyrights: Vec<Copyright>,
    /// Description, plain text.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub description: String,
    /// Description, with HTML tags.
    #[serde(default)]
    pub html_description: Option<String>,
    /// Whether it has explicit content (`None` when unknown).
    #[serde(default)]
    pub explicit: Option<bool>,
    /// Links outside the API ([`ExternalUrls`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub external_urls: ExternalUrls,
    /// The API link.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub href: String,
    /// Cover art, widest first ([`Image`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub images: Vec<Image>,
    /// Whether it is hosted outside Spotify.
    #[serde(default)]
    pub is_externally_hosted: Option<bool>,
    /// Languages (ISO 639-1 codes).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub languages: Vec<String>,
    /// Audio, video or both ([`MediaType`]).
    #[serde(default)]
    pub media_type: Option<MediaType>,
    /// The publisher (deprecated for development-mode apps).
    #[serde(default)]
    pub publisher: Option<String>,
    /// How many episodes it has.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub total_episodes: u32,
    /// The Spotify URI.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub uri: String,
    /// The first page of episodes, a [`Page`] of [`SimpleEpisode`] (see
    /// [`Spotify::all_items`](crate::Spotify::all_items)).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub episodes: Page<SimpleEpisode>,
}

display!(SimpleShow, |s, f| write!(
    f,
    "SimpleShow {:?}{}",
    s.name,
    by_publisher(s.publisher.as_deref())
));

display!(FullShow, |s, f| write!(
    f,
    "FullShow {:?}{}, {} episodes",
    s.name,
    by_publisher(s.publisher.as_deref()),
    s.total_episodes
));

fn by_publisher(publisher: Option<&str>) -> String {
    match publisher {
        Some(p) if !p.is_empty() => format!(" by {p}"),
        _ => String::new(),
    }
}

/// A show saved in the user's library.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SavedShow {
    /// When it was saved (ISO 8601).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub added_at: String,
    /// The show ([`SimpleShow`]).
    pub show: SimpleShow,
}

display!(SavedShow, |s, f| write!(
    f,
    "SavedShow {:?} added {}",
    s.show.name, s.added_at
));
