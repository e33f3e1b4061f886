//! Browse: categories and featured playlists.

use super::display::display;
use super::{Image, Page, SimplePlaylist};
use serde::{Deserialize, Serialize};

/// A category used to tag items on Spotify's Browse tab.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Category {
    /// The category ID (`dinner`, or a long opaque ID); not a base-62
    /// Spotify ID.
    pub id: String,
    /// The category's name.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub name: String,
    /// The API link.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub href: String,
    /// Icons, in several sizes ([`Image`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub icons: Vec<Image>,
}

display!(Category, |c, f| write!(
    f,
    "Category {:?} ({})",
    c.name, c.id
));

/// Playlists Spotify features, with the heading it shows above them
/// (`GET /browse/featured-playlists`).
///
/// `.pages()` on [`Spotify::featured_playlists`](crate::Spotify::featured_playlists)
/// yields these; `.items()` yields the playlists.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FeaturedPlaylists {
    /// The heading (`"Popular Playlists"`), in the requested locale.
    #[serde(default)]
    pub message: Option<String>,
    /// A page of playlists (a [`Page`] of [`SimplePlaylist`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub playlists: Page<SimplePlaylist>,
}

display!(FeaturedPlaylists, |p, f| write!(
    f,
    "FeaturedPlaylists {:?}: {} of {} playlists",
    p.message.as_deref().unwrap_or(""),
    p.playlists.items.len(),
    p.playlists.total
));
