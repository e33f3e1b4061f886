//! Pages of a list: offset-paged and cursor-paged.
//!
//! Follow them with [`Request::pages`](crate::Request::pages),
//! [`Request::items`](crate::Request::items),
//! [`Spotify::all_items`](crate::Spotify::all_items) and
//! [`Page::next_page`].

use serde::{Deserialize, Serialize};

/// One page of an offset-paged list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(bound(deserialize = "T: Deserialize<'de>", serialize = "T: Serialize"))]
pub struct Page<T> {
    /// The API link to this page.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub href: String,
    /// The items (`null` entries are skipped).
    #[serde(default = "Vec::new", deserialize_with = "crate::model::drop_nulls")]
    pub items: Vec<T>,
    /// The page size asked for.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub limit: u32,
    /// The next page, if any.
    #[serde(default)]
    pub next: Option<String>,
    /// Index of the first item.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub offset: u32,
    /// The previous page, if any.
    #[serde(default)]
    pub previous: Option<String>,
    /// How many items there are in all.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub total: u32,
}

/// One page of a cursor-paged list (followed artists, recently played).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(bound(deserialize = "T: Deserialize<'de>", serialize = "T: Serialize"))]
pub struct CursorPage<T> {
    /// The API link to this page.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub href: String,
    /// The items (`null` entries are skipped).
    #[serde(default = "Vec::new", deserialize_with = "crate::model::drop_nulls")]
    pub items: Vec<T>,
    /// The page size asked for.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub limit: u32,
    /// The next page, if any.
    #[serde(default)]
    pub next: Option<String>,
    /// Where this page starts and ends ([`Cursors`]).
    #[serde(default)]
    pub cursors: Option<Cursors>,
    /// How many items there are in all, when Spotify says.
    #[serde(default, deserialize_with = "crate::model::int::opt")]
    pub total: Option<u32>,
}

/// The cursors of a [`CursorPage`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Cursors {
    /// The cursor to pass as `after` for the next page.
    #[serde(default)]
    pub after: Option<String>,
    /// The cursor to pass as `before` for the previous page.
    #[serde(default)]
    pub before: Option<String>,
}

// `Default` by hand: a derive would ask `T: Default`.
impl<T> Default for Page<T> {
    fn default() -> Self {
        Page {
            href: String::new(),
            items: Vec::new(),
            limit: 0,
            next: None,
            offset: 0,
            previous: None,
            total: 0,
        }
    }
}

impl<T> Default for CursorPage<T> {
    fn default() -> Self {
        CursorPage {
            href: String::new(),
            items: Vec::new(),
            limit: 0,
            next: None,
            cursors: None,
            total: None,
        }
    }
}
