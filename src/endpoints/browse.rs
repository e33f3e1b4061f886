//! Browse: categories, their playlists, featured playlists.

use crate::client::Spotify;
use crate::error::Error;
use crate::model::{Category, FeaturedPlaylists, Page, SimplePlaylist, raw};
use crate::request::{Operation, Request, operations};

operations! {
    /// `GET /browse/categories`: [`Spotify::categories`].
    GetCategories = "get-categories", Get "/browse/categories" -> Page<Category> [raw::CategoryPage, |r| r.categories] {
        query: [locale, limit(1..=50), offset],
        scopes: [],
        deprecated: "no replacement",
    }

    /// `GET /browse/categories/{category_id}`: [`Spotify::category`].
    GetCategory = "get-a-category", Get "/browse/categories/{category_id}" -> Category {
        query: [locale],
        scopes: [],
        deprecated: "no replacement",
    }

    /// `GET /browse/categories/{category_id}/playlists`: [`Spotify::category_playlists`].
    GetCategoryPlaylists = "get-a-categories-playlists", Get "/browse/categories/{category_id}/playlists" -> Page<SimplePlaylist> [FeaturedPlaylists, |r| r.playlists] {
        query: [limit(1..=50), offset],
        scopes: [],
        deprecated: "search",
    }

    /// `GET /browse/featured-playlists`: [`Spotify::featured_playlists`].
    GetFeaturedPlaylists = "get-featured-playlists", Get "/browse/featured-playlists" -> FeaturedPlaylists {
        query: [locale, limit(1..=50), offset],
        scopes: [],
        deprecated: "search",
    }
}

/// A request on a path with a category ID (not a base-62 ID: `dinner`).
fn for_category<'a, O: Operation>(client: &'a Spotify, id: &str) -> Request<'a, O> {
    let id = id.trim();
    // `.` and `..` would be resolved as dot segments by a proxy.
    if id.is_empty() || id.contains(['/', '?', '#']) || matches!(id, "." | "..") {
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
    /// Returns a [`Page`](crate::model::Page) of [`Category`](crate::model::Category).
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
    /// Returns [`Category`](crate::model::Category).
    ///
    /// `GET /browse/categories/{category_id}` · no scope · options:
    /// `locale`. Deprecated by Spotify in February 2026.
    #[deprecated(
        note = "Spotify removed GET /browse/categories/{id} for development-mode apps; there is no replacement"
    )]
    pub fn category(&self, category_id: &str) -> Request<'_, GetCategory> {
        for_category(self, category_id)
    }

    /// A page of the playlists in a Browse category.
    ///
    /// Returns a [`Page`](crate::model::Page) of [`SimplePlaylist`](crate::model::SimplePlaylist).
    ///
    /// `GET /browse/categories/{category_id}/playlists` · no scope · options:
    /// `limit` (1–50), `offset`. Paged. Deprecated by Spotify in November
    /// 2024.
    #[deprecated(
        note = "Spotify removed GET /browse/categories/{id}/playlists for new apps; use `search_playlists`"
    )]
    pub fn category_playlists(&self, category_id: &str) -> Request<'_, GetCategoryPlaylists> {
        for_category(self, category_id)
    }

    /// Playlists Spotify features, with their heading.
    ///
    /// Returns [`FeaturedPlaylists`](crate::model::FeaturedPlaylists).
    ///
    /// `GET /browse/featured-playlists` · no scope · options: `locale`,
    /// `limit` (1–50), `offset`. Paged: `.pages()` yields
    /// `FeaturedPlaylists`, `.items()` the playlists. Deprecated by Spotify
    /// in November 2024.
    #[deprecated(
        note = "Spotify removed GET /browse/featured-playlists for new apps; use `search_playlists`"
    )]
    pub fn featured_playlists(&self) -> Request<'_, GetFeaturedPlaylists> {
        Request::new(self, &[])
    }
}
