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
        // An ASCII letter with bit 0x20 set is a lower-case letter: one
        // range check covers both cases (this runs for every entry of every
        // `available_markets` list, hundreds per track).
        let letter = |c: u8| (c | 0x20).wrapping_sub(b'a') < 26;
        match *code.as_bytes() {
            [a, b] if letter(a) && letter(b) => Some(Market([a & !0x20, b & !0x20])),
            _ => None,
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

#[cfg(test)]
mod tests {
    use super::Market;

    #[test]
    fn exactly_two_ascii_letters_make_a_market_in_upper_case() {
        for a in 0u8..128 {
            for b in [b'a', b'Z'] {
                let code = String::from_utf8(vec![a, b]).unwrap();
                let expected = a.is_ascii_alphabetic().then(|| code.to_ascii_uppercase());
                assert_eq!(
                    Market::new(&code).map(|m| m.as_str().to_owned()),
                    expected,
                    "{code:?}"
                );
            }
        }
        for code in ["é", "aé", "A", "ABC", "", "a\u{0}"] {
            assert_eq!(Market::new(code), None, "{code:?}");
        }
    }
}
