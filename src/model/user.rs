//! Users: the current user's private profile and anyone's public one.

use super::display::display;
use super::{ExternalUrls, Followers, Image, Market, string_enum};
use serde::{Deserialize, Serialize};

string_enum! {
    /// The user's subscription level.
    Product {
        /// Spotify Premium.
        Premium = "premium",
        /// The free, ad-supported tier.
        Free = "free",
        /// An older name of the free tier.
        Open = "open",
    }
}

/// The user's explicit-content filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExplicitContent {
    /// Explicit content is not played.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub filter_enabled: bool,
    /// The user cannot change the setting.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub filter_locked: bool,
}

/// The profile of the user the token belongs to (`GET /me`).
///
/// `country`, `email`, `product`, `explicit_content` and `followers` need
/// the `user-read-private` / `user-read-email` scopes and are no longer sent
/// to development-mode apps (February 2026); they are `None` then.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PrivateUser {
    /// The user ID (may change; use `account_id` to link accounts).
    pub id: String,
    /// A stable, pseudonymous account identifier (added by Spotify in 2026).
    #[serde(default)]
    pub account_id: Option<String>,
    /// The name shown on the profile.
    #[serde(default)]
    pub display_name: Option<String>,
    /// The country of the account (deprecated; [`Market`]).
    #[serde(default)]
    pub country: Option<Market>,
    /// The unverified e-mail address (deprecated).
    #[serde(default)]
    pub email: Option<String>,
    /// The explicit-content filter (deprecated; [`ExplicitContent`]).
    #[serde(default)]
    pub explicit_content: Option<ExplicitContent>,
    /// Links outside the API ([`ExternalUrls`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub external_urls: ExternalUrls,
    /// Followers (deprecated; [`Followers`]).
    #[serde(default)]
    pub followers: Option<Followers>,
    /// The API link.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub href: String,
    /// Profile pictures ([`Image`]).
    #[serde(default, deserialize_with = "super::null_default")]
    pub images: Vec<Image>,
    /// The subscription level (deprecated; [`Product`]).
    #[serde(default)]
    pub product: Option<Product>,
    /// The Spotify URI (`spotify:user:...`).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub uri: String,
}

display!(PrivateUser, |u, f| write!(
    f,
    "PrivateUser {:?} ({})",
    u.display_name.as_deref().unwrap_or(&u.id),
    u.id
));

/// A user's public profile; also the owner of a playlist and the user who
/// added a playlist item (those carry fewer fields).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PublicUser {
    /// The user ID.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub id: String,
    /// The name shown on the profile.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Links outside the API ([`ExternalUrls`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub external_urls: ExternalUrls,
    /// Followers (deprecated; [`Followers`]).
    #[serde(default)]
    pub followers: Option<Followers>,
    /// The API link.
    #[serde(default)]
    pub href: Option<String>,
    /// Profile pictures ([`Image`]).
    #[serde(default, deserialize_with = "super::null_default")]
    pub images: Vec<Image>,
    /// The Spotify URI.
    #[serde(default)]
    pub uri: Option<String>,
}

display!(PublicUser, |u, f| write!(
    f,
    "PublicUser {:?} ({})",
    u.display_name.as_deref().unwrap_or(&u.id),
    u.id
));

string_enum! {
    /// The period the user's top artists and tracks are computed over.
    TimeRange {
        /// About the last four weeks.
        ShortTerm = "short_term",
        /// About the last six months (Spotify's default).
        MediumTerm = "medium_term",
        /// About the last year.
        LongTerm = "long_term",
    }
}
