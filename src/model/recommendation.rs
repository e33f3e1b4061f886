//! Track recommendations.

use super::FullTrack;
use super::display::display;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What kind of seed a [`RecommendationSeed`] is.
///
/// Spotify spells these in capitals (`ARTIST`); any case is accepted.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SeedKind {
    /// An artist ID.
    Artist,
    /// A track ID.
    Track,
    /// A genre name.
    Genre,
    /// A value this version of the crate does not know yet.
    Unknown(String),
}

impl SeedKind {
    /// The value as Spotify spells it.
    pub fn as_str(&self) -> &str {
        match self {
            SeedKind::Artist => "ARTIST",
            SeedKind::Track => "TRACK",
            SeedKind::Genre => "GENRE",
            SeedKind::Unknown(s) => s,
        }
    }
}

impl std::str::FromStr for SeedKind {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "artist" => SeedKind::Artist,
            "track" => SeedKind::Track,
            "genre" => SeedKind::Genre,
            _ => SeedKind::Unknown(s.to_owned()),
        })
    }
}

impl fmt::Display for SeedKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for SeedKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SeedKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Ok(s.parse().unwrap_or_else(|never| match never {}))
    }
}

/// How one seed of a recommendation request fared.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RecommendationSeed {
    /// The seed's ID (artist or track ID, or the genre name).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub id: String,
    /// Artist, track or genre ([`SeedKind`]).
    #[serde(default, rename = "type")]
    pub kind: Option<SeedKind>,
    /// The API link to the seed (`None` for genres).
    #[serde(default)]
    pub href: Option<String>,
    /// Tracks available after min/max filtering.
    #[serde(
        default,
        rename = "afterFilteringSize",
        deserialize_with = "crate::model::int::int_or_zero"
    )]
    pub after_filtering_size: u32,
    /// Tracks available after relinking for regional availability.
    #[serde(
        default,
        rename = "afterRelinkingSize",
        deserialize_with = "crate::model::int::int_or_zero"
    )]
    pub after_relinking_size: u32,
    /// Tracks available from this seed before filtering.
    #[serde(
        default,
        rename = "initialPoolSize",
        deserialize_with = "crate::model::int::int_or_zero"
    )]
    pub initial_pool_size: u32,
}

display!(RecommendationSeed, |s, f| write!(
    f,
    "RecommendationSeed {} {}: {} of {} tracks left",
    s.kind.as_ref().map_or("?", |k| k.as_str()),
    s.id,
    s.after_relinking_size,
    s.initial_pool_size
));

/// Recommended tracks and the seeds they came from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Recommendations {
    /// The seeds, with pool sizes (useful when few tracks came back; [`RecommendationSeed`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub seeds: Vec<RecommendationSeed>,
    /// The recommended tracks ([`FullTrack`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub tracks: Vec<FullTrack>,
}

display!(Recommendations, |r, f| write!(
    f,
    "Recommendations: {} tracks from {} seeds",
    r.tracks.len(),
    r.seeds.len()
));
