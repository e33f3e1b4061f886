//! Audiobooks.

use super::display::display;
use super::{Copyright, ExternalUrls, Image, Market, MediaType, Page, SimpleChapter};
use serde::{Deserialize, Serialize};

/// An author of an audiobook.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Author {
    /// The author's name.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub name: String,
}

/// A narrator of an audiobook.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Narrator {
    /// The narrator's name.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub name: String,
}

/// `"A, B"` style list of author names.
fn author_names(authors: &[Author]) -> String {
    if authors.is_empty() {
        return "unknown author".into();
    }
    let names: Vec<&str> = authors.iter().map(|a| a.name.as_str()).collect();
    names.join(", ")
}

/// An audiobook as it appears inside other objects (a chapter, search
/// results, saved audiobooks).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SimpleAudiobook {
    /// The Spotify ID.
    pub id: String,
    /// The audiobook's title.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub name: String,
    /// The authors ([`Author`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub authors: Vec<Author>,
    /// The narrators ([`Narrator`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub narrators: Vec<Narrator>,
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
    /// The edition (`Unabridged`, ...).
    #[serde(default)]
    pub edition: Option<String>,
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
    /// Languages (ISO 639-1 codes).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub languages: Vec<String>,
    /// Audio, video or both ([`MediaType`]).
    #[serde(default)]
    pub media_type: Option<MediaType>,
    /// The publisher (deprecated for development-mode apps).
    #[serde(default)]
    pub publisher: Option<String>,
    /// How many chapters it has.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub total_chapters: u32,
    /// The Spotify URI.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub uri: String,
}

/// An audiobook with everything Spotify knows about it, and its first page
/// of chapters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FullAudiobook {
    /// The Spotify ID.
    pub id: String,
    /// The audiobook's title.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub name: String,
    /// The authors ([`Author`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub authors: Vec<Author>,
    /// The narrators ([`Narrator`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub narrators: Vec<Narrator>,
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
    /// The edition (`Unabridged`, ...).
    #[serde(default)]
    pub edition: Option<String>,
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
    /// Languages (ISO 639-1 codes).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub languages: Vec<String>,
    /// Audio, video or both ([`MediaType`]).
    #[serde(default)]
    pub media_type: Option<MediaType>,
    /// The publisher (deprecated for development-mode apps).
    #[serde(default)]
    pub publisher: Option<String>,
    /// How many chapters it has.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub total_chapters: u32,
    /// The Spotify URI.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub uri: String,
    /// The first page of chapters, a [`Page`] of [`SimpleChapter`] (see
    /// [`Spotify::all_items`](crate::Spotify::all_items)).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub chapters: Page<SimpleChapter>,
}

display!(SimpleAudiobook, |a, f| write!(
    f,
    "SimpleAudiobook {:?} by {}",
    a.name,
    author_names(&a.authors)
));

display!(FullAudiobook, |a, f| write!(
    f,
    "FullAudiobook {:?} by {}, {} chapters",
    a.name,
    author_names(&a.authors),
    a.total_chapters
));

/// An audiobook saved in the user's library.
///
/// Spotify documents the full audiobook here but may leave out its chapter
/// list, so this holds the [`SimpleAudiobook`] fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SavedAudiobook {
    /// When it was saved (ISO 8601).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub added_at: String,
    /// The audiobook ([`SimpleAudiobook`]).
    pub audiobook: SimpleAudiobook,
}

display!(SavedAudiobook, |s, f| write!(
    f,
    "SavedAudiobook {:?} added {}",
    s.audiobook.name, s.added_at
));
