//! Wrapper objects some endpoints put around their answer. The endpoint
//! methods unwrap them; they are public only because the operation types
//! name them.
#![doc(hidden)]

use super::*;
use serde::Deserialize;

/// `{"albums": [...]}`
#[derive(Debug, Deserialize)]
pub struct Albums {
    /// The albums, `None` for unknown IDs.
    pub albums: Vec<Option<FullAlbum>>,
}

/// `{"albums": {page}}`
#[derive(Debug, Deserialize)]
pub struct AlbumPage {
    /// The page.
    pub albums: Page<SimpleAlbum>,
}

/// `{"devices": [...]}`
#[derive(Debug, Deserialize)]
pub struct Devices {
    /// The devices.
    #[serde(default, deserialize_with = "crate::model::drop_nulls")]
    pub devices: Vec<Device>,
}

/// `{"artists": {cursor page}}`
#[derive(Debug, Deserialize)]
pub struct FollowedArtists {
    /// The page.
    pub artists: CursorPage<FullArtist>,
}
