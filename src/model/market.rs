//! The compact market code.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// A market: an ISO 3166-1 alpha-2 country code (`"SE"`, `"US"`), or an
/// odd value a response carried.
///
/// `available_markets` lists about 180 of these per track, so a code is
/// held inline (no allocation).
///
/// **What is checked, and where.** What a caller passes is checked
/// strictly: [`Market::new`] and [`str::parse`] take exactly two ASCII
/// letters (either case), because the value goes to Spotify as a request
/// parameter and anything else would only come back as a 400. What Spotify
/// sends is not: the OpenAPI description gives `available_markets` and a
/// user's `country` no pattern, and one odd entry (`"XK"` is fine, but a
/// `"419"`, a `""` or a subdivision like `"GB-ENG"` is not a two-letter
/// code) must not make a whole album, track, show or search page fail. Such
/// a value is kept as it came ([`is_alpha2`](Self::is_alpha2) is `false`,
/// [`as_str`](Self::as_str) gives it back, and it encodes unchanged), like
/// the `Unknown(String)` of the model's enums. A market that is not a JSON
/// string at all is still a decode error.
///
/// ```
/// use spotify_blocking::model::Market;
/// let se: Market = "SE".parse().unwrap();
/// assert_eq!(se.as_str(), "SE");
/// assert!("Sweden".parse::<Market>().is_err());
///
/// // From a response: kept, whatever it is.
/// let odd: Market = serde_json::from_str(r#""GB-ENG""#).unwrap();
/// assert_eq!(odd.as_str(), "GB-ENG");
/// assert!(!odd.is_alpha2());
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub struct Market(Code);

/// A two-letter code inline, or the odd text a response carried.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Code {
    Alpha2([u8; 2]),
    Other(Box<str>),
}

impl Market {
    /// Builds a market from two ASCII letters (stored in upper case);
    /// `None` otherwise.
    pub fn new(code: &str) -> Option<Market> {
        // An ASCII letter with bit 0x20 set is a lower-case letter: one
        // range check covers both cases (this runs for every entry of every
        // `available_markets` list, hundreds per track).
        let letter = |c: u8| (c | 0x20).wrapping_sub(b'a') < 26;
        match *code.as_bytes() {
            [a, b] if letter(a) && letter(b) => Some(Market(Code::Alpha2([a & !0x20, b & !0x20]))),
            _ => None,
        }
    }

    /// The two-letter code, or the odd value as the response had it.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Only ASCII letters are ever stored here.
            Code::Alpha2(code) => std::str::from_utf8(code).unwrap_or("??"),
            Code::Other(text) => text,
        }
    }

    /// Whether this is a two-letter code (always, for a market built with
    /// [`Market::new`]; `false` only for an odd value kept from a response).
    pub fn is_alpha2(&self) -> bool {
        matches!(self.0, Code::Alpha2(_))
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
                f.write_str("a market code (a string)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Market, E> {
                // Two letters (the common case) allocate nothing.
                Ok(Market::new(v).unwrap_or_else(|| Market(Code::Other(v.into()))))
            }
        }
        d.deserialize_str(V)
    }
}

/// Reads a list of markets (`null` as empty) for the `available_markets`
/// fields: the same values as `Vec<Market>`'s own `Deserialize`, with one
/// allocation sized for a typical list (about 180 codes) where the generic
/// one grows from 4 through seven reallocations, and trimmed to fit once
/// at the end. A list is read for every track of every album and page.
pub(crate) fn list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Market>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<Market>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of market codes")
        }
        fn visit_unit<E: de::Error>(self) -> Result<Vec<Market>, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: de::Error>(self) -> Result<Vec<Market>, E> {
            Ok(Vec::new())
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Market>, D::Error> {
            d.deserialize_seq(V)
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Market>, A::Error> {
            let Some(first) = seq.next_element::<Market>()? else {
                return Ok(Vec::new());
            };
            // The hint is the exact length where a format knows it (capped,
            // as serde caps it: it comes from the input).
            let mut markets = Vec::with_capacity(seq.size_hint().unwrap_or(TYPICAL).min(1024) + 1);
            markets.push(first);
            while let Some(market) = seq.next_element()? {
                markets.push(market);
            }
            markets.shrink_to_fit();
            Ok(markets)
        }
    }
    d.deserialize_option(V)
}

/// A market list read by [`list`], for fields read through other wrappers.
#[derive(Debug, Default)]
pub(crate) struct List(pub(crate) Vec<Market>);

impl<'de> Deserialize<'de> for List {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<List, D::Error> {
        list(d).map(List)
    }
}

/// About the length of a worldwide `available_markets` list.
const TYPICAL: usize = 192;

#[cfg(test)]
mod tests {
    use super::Market;

    #[test]
    fn a_market_list_reads_as_the_generic_vec_does_from_text_and_values() {
        #[derive(serde::Deserialize)]
        struct Item {
            #[serde(default, deserialize_with = "super::list")]
            markets: Vec<Market>,
        }
        let many: Vec<String> = (0..300)
            .map(|i| format!("\"{}\"", ["SE", "us", "GB-ENG", ""][i % 4]))
            .collect();
        for json in [
            r#"{"markets": null}"#.to_owned(),
            r#"{}"#.to_owned(),
            r#"{"markets": []}"#.to_owned(),
            r#"{"markets": ["SE"]}"#.to_owned(),
            format!(r#"{{"markets": [{}]}}"#, many.join(",")),
        ] {
            let value: serde_json::Value = serde_json::from_str(&json).unwrap();
            let generic: Vec<Market> = match value.get("markets") {
                Some(serde_json::Value::Array(_)) => {
                    serde_json::from_value(value["markets"].clone()).unwrap()
                }
                _ => Vec::new(),
            };
            let from_text: Item = serde_json::from_str(&json).unwrap();
            let from_value: Item = serde_json::from_value(value).unwrap();
            assert_eq!(from_text.markets, generic, "{json}");
            assert_eq!(from_value.markets, generic, "{json}");
            assert!(
                from_text.markets.capacity() == from_text.markets.len(),
                "trimmed"
            );
        }
        for bad in [
            r#"{"markets": [1]}"#,
            r#"{"markets": "SE"}"#,
            r#"{"markets": ["SE",]}"#,
        ] {
            assert!(serde_json::from_str::<Item>(bad).is_err(), "{bad}");
        }
    }

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

    #[test]
    fn a_market_is_no_bigger_than_a_boxed_str() {
        // The two-letter case fits in the niche of the box: a list of
        // markets costs 16 bytes an entry, with no allocation per code.
        assert_eq!(
            std::mem::size_of::<Market>(),
            std::mem::size_of::<Box<str>>()
        );
    }
}
