//! Browse categories.

use super::Image;
use super::display::display;
use serde::{Deserialize, Serialize};

/// A category used to tag items on Spotify's Browse tab.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Category {
    /// The category ID (`dinner`, or a long opaque ID); not a base-62
    /// Spotify ID.
    pub id: String,
    /// The category's name.
    #[serde(default)]
    pub name: String,
    /// The API link.
    #[serde(default)]
    pub href: String,
    /// Icons, in several sizes.
    #[serde(default)]
    pub icons: Vec<Image>,
}

display!(Category, |c, f| write!(
    f,
    "Category {:?} ({})",
    c.name, c.id
));
