//! Small objects shared by many models.

use serde::{Deserialize, Serialize};

/// An image (cover art, avatar) in one size.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Image {
    /// Where to fetch it; valid for a limited time.
    pub url: String,
    /// Height in pixels, when known.
    #[serde(default, deserialize_with = "crate::model::int::opt")]
    pub height: Option<u32>,
    /// Width in pixels, when known.
    #[serde(default, deserialize_with = "crate::model::int::opt")]
    pub width: Option<u32>,
}

/// Links to the object outside the API.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExternalUrls {
    /// The `open.spotify.com` page.
    #[serde(default)]
    pub spotify: Option<String>,
}

/// Identifiers from outside Spotify (ISRC, EAN, UPC).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExternalIds {
    /// International Standard Recording Code.
    #[serde(default)]
    pub isrc: Option<String>,
    /// International Article Number.
    #[serde(default)]
    pub ean: Option<String>,
    /// Universal Product Code.
    #[serde(default)]
    pub upc: Option<String>,
}

/// Follower count.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Followers {
    /// Always `None` today (Spotify does not support it).
    #[serde(default)]
    pub href: Option<String>,
    /// How many followers.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub total: u64,
}

/// A copyright statement.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Copyright {
    /// The statement.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub text: String,
    /// `C` (copyright) or `P` (sound recording).
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

/// Why content is not available.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Restrictions {
    /// `market`, `product`, `explicit` or a newer reason.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Declares a string enum with an `Unknown(String)` fallback, and its serde
/// and `Display` impls.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this version of the crate does not know yet.
            Unknown(String),
        }

        impl $name {
            /// The value as Spotify spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)+
                    $name::Unknown(s) => s,
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(match s {
                    $($text => $name::$variant,)+
                    other => $name::Unknown(other.to_owned()),
                })
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl ::serde::de::Visitor<'_> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        Ok(v.parse().unwrap_or_else(|never| match never {}))
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}
pub(crate) use string_enum;

string_enum! {
    /// How precise a release date is.
    DatePrecision {
        /// `1981`
        Year = "year",
        /// `1981-12`
        Month = "month",
        /// `1981-12-15`
        Day = "day",
    }
}
