//! Browse: categories, their playlists, featured playlists.

use crate::client::Spotify;
use crate::error::Error;
use crate::model::{Category, Page, raw};
use crate::request::{Endpoint, Operation, Request, operation};

operation! {
    /// `GET /browse/categories`: [`Spotify::categories`].
    GetCategories = "get-categories", Get "/browse/categories" -> Page<Category> [raw::CategoryPage, |r| r.categories] {
        query: [locale, limit(1..=50), offset],
        options: [Locale, Limit, Offset],
        scopes: [],
        deprecated: "no replacement",
    }
}

operation! {
    /// `GET /browse/categories/{category_id}`: [`Spotify::category`].
    GetCategory = "get-a-category", Get "/browse/categories/{category_id}" -> Category {
        query: [locale],
        options: [Locale],
        scopes: [],
        deprecated: "no replacement",
    }
}

pub(crate) const ENDPOINTS: &[&Endpoint] = &[GetCategories::ENDPOINT, GetCategory::ENDPOINT];

/// A request on a path with a category ID (not a base-62 ID: `dinner`).
fn for_category<'a, O: Operation>(client: &'a Spotify, id: &str) -> Request<'a, O> {
    let id = id.trim();
    if id.is_empty() || id.contains(['/', '?', '#']) {
        return Request::failed(
            client,
            Error::invalid_input(
                "category_id",
                format!("{id:?} is not a category ID (like \"dinner\")"),
            ),
        );
    }
    Request::new(client, &[id])
}

impl Spotify {
    /// A page of the categories on Spotify's Browse tab.
    ///
    /// `GET /browse/categories` · no scope · options: `locale`, `limit`
    /// (1–50), `offset`. Paged. Deprecated by Spotify in February 2026.
    #[deprecated(
        note = "Spotify removed GET /browse/categories for development-mode apps; there is no replacement"
    )]
    pub fn categories(&self) -> Request<'_, GetCategories> {
        Request::new(self, &[])
    }

    /// One Browse category.
    ///
    /// `GET /browse/categories/{category_id}` · no scope · options:
    /// `locale`. Deprecated by Spotify in February 2026.
    #[deprecated(
        note = "Spotify removed GET /browse/categories/{id} for development-mode apps; there is no replacement"
    )]
    pub fn category(&self, category_id: &str) -> Request<'_, GetCategory> {
        for_category(self, category_id)
    }
}
