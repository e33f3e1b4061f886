//! Podcast episodes.

use super::display::display;
use super::{DatePrecision, ExternalUrls, Image, Restrictions, SimpleShow};
use serde::{Deserialize, Serialize};

/// Where the user stopped listening to an episode or chapter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResumePoint {
    /// Whether it was played to the end.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub fully_played: bool,
    /// The position to resume from, in milliseconds.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub resume_position_ms: u64,
}

display!(ResumePoint, |r, f| if r.fully_played {
    write!(f, "ResumePoint fully played")
} else {
    write!(f, "ResumePoint at {} ms", r.resume_position_ms)
});

/// An episode as it appears in a show's episode list or search results.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SimpleEpisode {
    /// The Spotify ID.
    pub id: String,
    /// The episode's name.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub name: String,
    /// A 30-second preview (deprecated; often `None`).
    #[serde(default)]
    pub audio_preview_url: Option<String>,
    /// Description, plain text.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub description: String,
    /// Description, with HTML tags.
    #[serde(default)]
    pub html_description: Option<String>,
    /// Length in milliseconds.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub duration_ms: u64,
    /// Whether it has explicit content.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub explicit: bool,
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
    /// Whether it can be played in the given market.
    #[serde(default)]
    pub is_playable: Option<bool>,
    /// The language (deprecated: see `languages`).
    #[serde(default)]
    pub language: Option<String>,
    /// Languages (ISO 639-1 codes).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub languages: Vec<String>,
    /// `1981`, `1981-12` or `1981-12-15`.
    #[serde(default)]
    pub release_date: Option<String>,
    /// Which of those forms `release_date` has ([`DatePrecision`]).
    #[serde(default)]
    pub release_date_precision: Option<DatePrecision>,
    /// Where the user stopped (needs `user-read-playback-position`; [`ResumePoint`]).
    #[serde(default)]
    pub resume_point: Option<ResumePoint>,
    /// Why it is not playable, when it is not ([`Restrictions`]).
    #[serde(default)]
    pub restrictions: Option<Restrictions>,
    /// The Spotify URI.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub uri: String,
}

/// An episode with everything Spotify knows about it, and its show.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FullEpisode {
    /// The Spotify ID.
    pub id: String,
    /// The episode's name.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub name: String,
    /// A 30-second preview (deprecated; often `None`).
    #[serde(default)]
    pub audio_preview_url: Option<String>,
    /// Description, plain text.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub description: String,
    /// Description, with HTML tags.
    #[serde(default)]
    pub html_description: Option<String>,
    /// Length in milliseconds.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub duration_ms: u64,
    /// Whether it has explicit content.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub explicit: bool,
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
    /// Whether it can be played in the given market.
    #[serde(default)]
    pub is_playable: Option<bool>,
    /// The language (deprecated: see `languages`).
    #[serde(default)]
    pub language: Option<String>,
    /// Languages (ISO 639-1 codes).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub languages: Vec<String>,
    /// `1981`, `1981-12` or `1981-12-15`.
    #[serde(default)]
    pub release_date: Option<String>,
    /// Which of those forms `release_date` has ([`DatePrecision`]).
    #[serde(default)]
    pub release_date_precision: Option<DatePrecision>,
    /// Where the user stopped (needs `user-read-playback-position`; [`ResumePoint`]).
    #[serde(default)]
    pub resume_point: Option<ResumePoint>,
    /// Why it is not playable, when it is not ([`Restrictions`]).
    #[serde(default)]
    pub restrictions: Option<Restrictions>,
    /// The Spotify URI.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub uri: String,
    /// The show it belongs to ([`SimpleShow`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub show: SimpleShow,
}

display!(SimpleEpisode, |e, f| write!(
    f,
    "SimpleEpisode {:?} ({}), {} min",
    e.name,
    e.release_date.as_deref().unwrap_or("no date"),
    e.duration_ms / 60_000
));

display!(FullEpisode, |e, f| write!(
    f,
    "FullEpisode {:?} of {:?} ({}), {} min",
    e.name,
    e.show.name,
    e.release_date.as_deref().unwrap_or("no date"),
    e.duration_ms / 60_000
));

/// An episode saved in the user's library.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SavedEpisode {
    /// When it was saved (ISO 8601).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub added_at: String,
    /// The episode ([`FullEpisode`]).
    pub episode: FullEpisode,
}

display!(SavedEpisode, |s, f| write!(
    f,
    "SavedEpisode {:?} added {}",
    s.episode.name, s.added_at
));
