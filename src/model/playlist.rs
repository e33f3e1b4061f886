//! Playlists and their entries.
//!
//! In February 2026 Spotify renamed a playlist's `tracks` to `items` and an
//! entry's `track` to `item`, keeping the old names for a while. These
//! models read either name (and both at once) into the new field.

use super::display::display;
use super::{ExternalUrls, Followers, Image, Page, PlayableItem, PublicUser};
use serde::{Deserialize, Serialize};

/// A playlist in a list (`GET /me/playlists`, search results).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "wire::SimplePlaylist")]
#[non_exhaustive]
pub struct SimplePlaylist {
    /// The Spotify ID.
    pub id: String,
    /// The playlist's name.
    pub name: String,
    /// Whether other users may change it.
    pub collaborative: bool,
    /// The description, when it has one.
    pub description: Option<String>,
    /// Links outside the API ([`ExternalUrls`]).
    pub external_urls: ExternalUrls,
    /// The API link.
    pub href: String,
    /// Cover images (may be empty; [`Image`]).
    pub images: Vec<Image>,
    /// The owner ([`PublicUser`]).
    pub owner: PublicUser,
    /// Public, private, or `None` when it does not apply.
    pub public: Option<bool>,
    /// The version of the playlist.
    pub snapshot_id: String,
    /// Where to fetch the entries and how many there are (`items`, formerly
    /// `tracks`); `None` when Spotify leaves it out ([`PlaylistItemsRef`]).
    pub items: Option<PlaylistItemsRef>,
    /// The Spotify URI.
    pub uri: String,
}

/// A playlist with its first page of entries (`GET /playlists/{id}`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "wire::FullPlaylist")]
#[non_exhaustive]
pub struct FullPlaylist {
    /// The Spotify ID.
    pub id: String,
    /// The playlist's name.
    pub name: String,
    /// Whether other users may change it.
    pub collaborative: bool,
    /// The description, when it has one.
    pub description: Option<String>,
    /// Links outside the API ([`ExternalUrls`]).
    pub external_urls: ExternalUrls,
    /// Followers ([`Followers`]).
    pub followers: Option<Followers>,
    /// The API link.
    pub href: String,
    /// Cover images, widest first (may be empty; [`Image`]).
    pub images: Vec<Image>,
    /// The owner ([`PublicUser`]).
    pub owner: PublicUser,
    /// Public, private, or `None` when it does not apply.
    pub public: Option<bool>,
    /// The version of the playlist the answer describes.
    pub snapshot_id: String,
    /// The first page of entries (`items`, formerly `tracks`). `None` when
    /// Spotify leaves it out: development-mode apps get it only for
    /// playlists the user owns or collaborates on (a [`Page`] of [`PlaylistItem`]).
    pub items: Option<Page<PlaylistItem>>,
    /// The Spotify URI.
    pub uri: String,
}

display!(FullPlaylist, |p, f| {
    write!(f, "FullPlaylist {:?} by {}", p.name, owner_name(&p.owner))?;
    match &p.items {
        Some(items) => write!(f, ", {} items", items.total),
        None => Ok(()),
    }
});

display!(SimplePlaylist, |p, f| {
    write!(f, "SimplePlaylist {:?} by {}", p.name, owner_name(&p.owner))?;
    match &p.items {
        Some(items) => write!(f, ", {} items", items.total),
        None => Ok(()),
    }
});

fn owner_name(owner: &PublicUser) -> &str {
    owner.display_name.as_deref().unwrap_or(&owner.id)
}

/// The link to a playlist's entries and their count.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PlaylistItemsRef {
    /// The API link to the entries.
    #[serde(default)]
    pub href: Option<String>,
    /// How many entries the playlist has.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub total: u32,
}

/// One entry of a playlist.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "wire::PlaylistItem")]
#[non_exhaustive]
pub struct PlaylistItem {
    /// When it was added (ISO 8601); `None` on some very old playlists.
    pub added_at: Option<String>,
    /// Who added it; `None` on some very old playlists ([`PublicUser`]).
    pub added_by: Option<PublicUser>,
    /// Whether it is a local file.
    pub is_local: bool,
    /// The track or episode (`item`, formerly `track`); `None` when it was
    /// removed from Spotify ([`PlayableItem`]).
    pub item: Option<PlayableItem>,
}

display!(PlaylistItem, |i, f| match &i.item {
    Some(item) => write!(f, "PlaylistItem {item}"),
    None => f.write_str("PlaylistItem (unavailable)"),
});

/// The version of a playlist after a change; pass it as `snapshot_id` to
/// later changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PlaylistSnapshot {
    /// The version identifier.
    pub snapshot_id: String,
}

display!(PlaylistSnapshot, |s, f| write!(
    f,
    "PlaylistSnapshot {}",
    s.snapshot_id
));

/// What goes over the wire: both the old and the new field names.
mod wire {
    use super::super::null_default;
    use super::*;

    #[derive(Deserialize)]
    pub(super) struct SimplePlaylist {
        id: String,
        #[serde(default, deserialize_with = "crate::model::null_default")]
        name: String,
        #[serde(default, deserialize_with = "null_default")]
        collaborative: bool,
        #[serde(default)]
        description: Option<String>,
        #[serde(default, deserialize_with = "null_default")]
        external_urls: ExternalUrls,
        #[serde(default, deserialize_with = "null_default")]
        href: String,
        #[serde(default, deserialize_with = "null_default")]
        images: Vec<Image>,
        #[serde(default, deserialize_with = "crate::model::null_default")]
        owner: PublicUser,
        #[serde(default)]
        public: Option<bool>,
        #[serde(default, deserialize_with = "null_default")]
        snapshot_id: String,
        #[serde(default)]
        items: Option<PlaylistItemsRef>,
        #[serde(default)]
        tracks: Option<PlaylistItemsRef>,
        #[serde(default, deserialize_with = "null_default")]
        uri: String,
    }

    #[derive(Deserialize)]
    pub(super) struct FullPlaylist {
        id: String,
        #[serde(default, deserialize_with = "crate::model::null_default")]
        name: String,
        #[serde(default, deserialize_with = "null_default")]
        collaborative: bool,
        #[serde(default)]
        description: Option<String>,
        #[serde(default, deserialize_with = "null_default")]
        external_urls: ExternalUrls,
        #[serde(default)]
        followers: Option<Followers>,
        #[serde(default, deserialize_with = "null_default")]
        href: String,
        #[serde(default, deserialize_with = "null_default")]
        images: Vec<Image>,
        #[serde(default, deserialize_with = "crate::model::null_default")]
        owner: PublicUser,
        #[serde(default)]
        public: Option<bool>,
        #[serde(default, deserialize_with = "null_default")]
        snapshot_id: String,
        #[serde(default)]
        items: Option<Page<super::PlaylistItem>>,
        #[serde(default)]
        tracks: Option<Page<super::PlaylistItem>>,
        #[serde(default, deserialize_with = "null_default")]
        uri: String,
    }

    impl From<FullPlaylist> for super::FullPlaylist {
        fn from(w: FullPlaylist) -> Self {
            super::FullPlaylist {
                id: w.id,
                name: w.name,
                collaborative: w.collaborative,
                description: w.description,
                external_urls: w.external_urls,
                followers: w.followers,
                href: w.href,
                images: w.images,
                owner: w.owner,
                public: w.public,
                snapshot_id: w.snapshot_id,
                items: w.items.or(w.tracks),
                uri: w.uri,
            }
        }
    }

    impl From<SimplePlaylist> for super::SimplePlaylist {
        fn from(w: SimplePlaylist) -> Self {
            super::SimplePlaylist {
                id: w.id,
                name: w.name,
                collaborative: w.collaborative,
                description: w.description,
                external_urls: w.external_urls,
                href: w.href,
                images: w.images,
                owner: w.owner,
                public: w.public,
                snapshot_id: w.snapshot_id,
                items: w.items.or(w.tracks),
                uri: w.uri,
            }
        }
    }

    #[derive(Deserialize)]
    pub(super) struct PlaylistItem {
        #[serde(default)]
        added_at: Option<String>,
        #[serde(default)]
        added_by: Option<PublicUser>,
        #[serde(default, deserialize_with = "null_default")]
        is_local: bool,
        #[serde(default)]
        item: Option<PlayableItem>,
        #[serde(default)]
        track: Option<PlayableItem>,
    }

    impl From<PlaylistItem> for super::PlaylistItem {
        fn from(w: PlaylistItem) -> Self {
            super::PlaylistItem {
                added_at: w.added_at,
                added_by: w.added_by,
                is_local: w.is_local,
                item: w.item.or(w.track),
            }
        }
    }
}
