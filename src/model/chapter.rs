//! Audiobook chapters.

use super::display::display;
use super::{
    DatePrecision, ExternalUrls, Image, Market, Restrictions, ResumePoint, SimpleAudiobook,
};
use serde::{Deserialize, Serialize};

/// A chapter as it appears in an audiobook's chapter list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SimpleChapter {
    /// The Spotify ID.
    pub id: String,
    /// The chapter's title.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub name: String,
    /// Its number in the audiobook.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub chapter_number: u32,
    /// A 30-second preview (deprecated; often `None`).
    #[serde(default)]
    pub audio_preview_url: Option<String>,
    /// Markets it can be played in (deprecated for development-mode apps; [`Market`]).
    #[serde(default, deserialize_with = "crate::model::market::list")]
    pub available_markets: Vec<Market>,
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
    /// Whether it can be played in the given market.
    #[serde(default)]
    pub is_playable: Option<bool>,
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
    /// Why it is not playable (`payment_required`, ...), when it is not ([`Restrictions`]).
    #[serde(default)]
    pub restrictions: Option<Restrictions>,
    /// The Spotify URI.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub uri: String,
}

/// A chapter with everything Spotify knows about it, and its audiobook.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FullChapter {
    /// The Spotify ID.
    pub id: String,
    /// The chapter's title.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub name: String,
    /// Its number in the audiobook.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub chapter_number: u32,
    /// A 30-second preview (deprecated; often `None`).
    #[serde(default)]
    pub audio_preview_url: Option<String>,
    /// Markets it can be played in (deprecated for development-mode apps; [`Market`]).
    #[serde(default, deserialize_with = "crate::model::market::list")]
    pub available_markets: Vec<Market>,
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
    /// Whether it can be played in the given market.
    #[serde(default)]
    pub is_playable: Option<bool>,
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
    /// Why it is not playable (`payment_required`, ...), when it is not ([`Restrictions`]).
    #[serde(default)]
    pub restrictions: Option<Restrictions>,
    /// The Spotify URI.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub uri: String,
    /// The audiobook it belongs to ([`SimpleAudiobook`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub audiobook: SimpleAudiobook,
}

display!(SimpleChapter, |c, f| write!(
    f,
    "SimpleChapter {} {:?}, {} min",
    c.chapter_number,
    c.name,
    c.duration_ms / 60_000
));

display!(FullChapter, |c, f| write!(
    f,
    "FullChapter {} {:?} of {:?}, {} min",
    c.chapter_number,
    c.name,
    c.audiobook.name,
    c.duration_ms / 60_000
));
