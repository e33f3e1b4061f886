//! Wrapper objects some endpoints put around their answer. The endpoint
//! methods unwrap them; they are public only because the operation types
//! name them.
#![doc(hidden)]

use super::*;
use serde::Deserialize;

/// `{"albums": [...]}`
#[derive(Debug, Deserialize)]
#[non_exhaustive]
pub struct Albums {
    /// The albums, `None` for unknown IDs.
    pub albums: Vec<Option<FullAlbum>>,
}

/// `{"albums": {page}}`
#[derive(Debug, Deserialize)]
#[non_exhaustive]
pub struct AlbumPage {
    /// The page.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub albums: Page<SimpleAlbum>,
}

/// `{"artists": [...]}`
#[derive(Debug, Deserialize)]
#[non_exhaustive]
pub struct Artists {
    /// The artists, `None` for unknown IDs.
    pub artists: Vec<Option<FullArtist>>,
}

/// `{"tracks": [...]}`
#[derive(Debug, Deserialize)]
#[non_exhaustive]
pub struct Tracks {
    /// The tracks, `None` for unknown IDs.
    pub tracks: Vec<Option<FullTrack>>,
}

/// `{"shows": [...]}`
#[derive(Debug, Deserialize)]
#[non_exhaustive]
pub struct Shows {
    /// The shows, `None` for unknown IDs.
    pub shows: Vec<Option<SimpleShow>>,
}

/// `{"episodes": [...]}`
#[derive(Debug, Deserialize)]
#[non_exhaustive]
pub struct Episodes {
    /// The episodes, `None` for unknown IDs.
    pub episodes: Vec<Option<FullEpisode>>,
}

/// `{"audiobooks": [...]}`
#[derive(Debug, Deserialize)]
#[non_exhaustive]
pub struct Audiobooks {
    /// The audiobooks, `None` for unknown IDs.
    pub audiobooks: Vec<Option<FullAudiobook>>,
}

/// `{"chapters": [...]}`
#[derive(Debug, Deserialize)]
#[non_exhaustive]
pub struct Chapters {
    /// The chapters, `None` for unknown IDs.
    pub chapters: Vec<Option<FullChapter>>,
}

/// `{"audio_features": [...]}`
#[derive(Debug, Deserialize)]
#[non_exhaustive]
pub struct AudioFeaturesList {
    /// The features, `None` for unknown IDs.
    pub audio_features: Vec<Option<AudioFeatures>>,
}

/// `{"categories": {page}}`
#[derive(Debug, Deserialize)]
#[non_exhaustive]
pub struct CategoryPage {
    /// The page.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub categories: Page<Category>,
}

/// `{"markets": [...]}`
#[derive(Debug, Deserialize)]
#[non_exhaustive]
pub struct Markets {
    /// The market codes.
    #[serde(deserialize_with = "crate::model::market::list")]
    pub markets: Vec<Market>,
}

/// `{"genres": [...]}`
#[derive(Debug, Deserialize)]
#[non_exhaustive]
pub struct GenreSeeds {
    /// The genre names.
    pub genres: Vec<String>,
}

/// `{"devices": [...]}`
#[derive(Debug, Deserialize)]
#[non_exhaustive]
pub struct Devices {
    /// The devices.
    #[serde(default, deserialize_with = "crate::model::drop_nulls")]
    pub devices: Vec<Device>,
}

/// `{"artists": {cursor page}}`
#[derive(Debug, Deserialize)]
#[non_exhaustive]
pub struct FollowedArtists {
    /// The page.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub artists: CursorPage<FullArtist>,
}
