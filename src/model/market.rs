//! The compact market code.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// An ISO 3166-1 alpha-2 country code (`"SE"`, `"US"`), stored as two bytes.
///
/// `available_markets` lists about 180 of these per track, so they are a
/// `Copy` value rather than a `String`.
///
/// ```
/// use spotify_blocking::model::Market;
/// let se: Market = "SE".parse().unwrap();
/// assert_eq!(se.as_str(), "SE");
/// assert!("Sweden".parse::<Market>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub struct Market([u8; 2]);

impl Market {
    /// Builds a market from two ASCII letters; `None` otherwise.
    pub fn new(code: &str) -> Option<Market> {
        let b = code.as_bytes();
        if b.len() == 2 && b.iter().all(|c| c.is_ascii_alphabetic()) {
            Some(Market([
                b[0].to_ascii_uppercase(),
                b[1].to_ascii_uppercase(),
            ]))
        } else {
            None
        }
    }

    /// The two-letter code.
    pub fn as_str(&self) -> &str {
        // Only ASCII letters are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl std::str::FromStr for Market {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Market, crate::Error> {
        Market::new(s).ok_or_else(|| {
            crate::Error::invalid_input(
                "market",
                format!("{s:?} is not a two-letter ISO 3166-1 country code"),
            )
        })
    }
}

impl fmt::Debug for Market {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Market({})", self.as_str())
    }
}

impl fmt::Display for Market {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Market {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Market {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Market, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Market;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a two-letter market code")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Market, E> {
                Market::new(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_str(V)
    }
}
