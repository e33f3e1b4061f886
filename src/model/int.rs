//! Integers as real responses send them: `640`, and also `640.0`.
//!
//! Spotify, and proxies that pass its JSON through a float-only language,
//! sometimes write a whole number with a zero fraction. Every integer field
//! of every model reads through this module (`deserialize_with =
//! "crate::model::int::..."`), which takes any JSON number that is exactly
//! an integer in the field's range, and refuses a fraction (`2.5`), an
//! infinity or a value out of range with a decode error naming the field.
//! The visitor works on the number serde_json already parsed: no
//! intermediate `Value`, no allocation.

use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::marker::PhantomData;

/// An integer type a field can have.
pub(crate) trait Int: Sized + Default {
    /// The type's name, for error messages.
    const NAME: &'static str;
    /// The value, if it is in range.
    fn from_i128(v: i128) -> Option<Self>;
}

macro_rules! int {
    ($($t:ty)*) => {$(
        impl Int for $t {
            const NAME: &'static str = stringify!($t);
            #[inline]
            fn from_i128(v: i128) -> Option<Self> {
                <$t>::try_from(v).ok()
            }
        }
    )*};
}
int!(u8 u16 u32 u64 i8 i16 i32 i64);

/// 2^127: floats below it in magnitude convert to `i128` exactly.
const I128_RANGE: f64 = 170_141_183_460_469_231_731_687_303_715_884_105_728.0;

struct IntVisitor<T>(PhantomData<T>);

impl<'de, T: Int> Visitor<'de> for IntVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an integer ({})", T::NAME)
    }

    #[inline]
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        T::from_i128(v.into()).ok_or_else(|| E::invalid_value(Unexpected::Unsigned(v), &self))
    }

    #[inline]
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        T::from_i128(v.into()).ok_or_else(|| E::invalid_value(Unexpected::Signed(v), &self))
    }

    #[inline]
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        // `fract` is NaN for infinities, so they fail the first test.
        if v.fract() == 0.0 && v.abs() < I128_RANGE {
            if let Some(n) = T::from_i128(v as i128) {
                return Ok(n);
            }
        }
        Err(E::invalid_value(Unexpected::Float(v), &self))
    }
}

/// An integer field: `null` is an error (the field is not optional).
#[inline]
pub(crate) fn int<'de, D: Deserializer<'de>, T: Int>(d: D) -> Result<T, D::Error> {
    d.deserialize_any(IntVisitor(PhantomData))
}

struct OptVisitor<T>(PhantomData<T>);

impl<'de, T: Int> Visitor<'de> for OptVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an integer ({}) or null", T::NAME)
    }

    #[inline]
    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    #[inline]
    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    #[inline]
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        int(d).map(Some)
    }
}

/// An `Option` integer field: `null` (or, with `default`, absence) is `None`.
#[inline]
pub(crate) fn opt<'de, D: Deserializer<'de>, T: Int>(d: D) -> Result<Option<T>, D::Error> {
    d.deserialize_option(OptVisitor(PhantomData))
}

/// An integer field where `null` (or, with `default`, absence) means 0.
#[inline]
pub(crate) fn int_or_zero<'de, D: Deserializer<'de>, T: Int>(d: D) -> Result<T, D::Error> {
    opt(d).map(Option::unwrap_or_default)
}

/// An integer read by the same rule, for decoders that hold fields in
/// wrapper types (`Slot<Option<Integer<u64>>>`).
#[derive(Debug, Default, Clone, Copy, PartialEq, Serialize)]
#[serde(transparent)]
pub(crate) struct Integer<T>(pub(crate) T);

impl<'de, T: Int> Deserialize<'de> for Integer<T> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        int(d).map(Integer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug, PartialEq)]
    struct S {
        #[serde(deserialize_with = "int")]
        a: u32,
        #[serde(default, deserialize_with = "opt")]
        b: Option<i64>,
        #[serde(default, deserialize_with = "int_or_zero")]
        c: u64,
    }

    fn s(json: &str) -> Result<S, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn whole_floats_read_as_integers_and_everything_else_is_refused() {
        assert_eq!(
            s(r#"{"a": 640.0, "b": -3.0, "c": 1e3}"#),
            Ok(S {
                a: 640,
                b: Some(-3),
                c: 1000
            })
        );
        assert_eq!(
            s(r#"{"a": 1, "b": null, "c": null}"#),
            Ok(S {
                a: 1,
                b: None,
                c: 0
            })
        );
        assert_eq!(
            s(r#"{"a": 1}"#),
            Ok(S {
                a: 1,
                b: None,
                c: 0
            })
        );
        for bad in [
            "2.5",
            "-1",
            "-1.0",
            "4294967296",
            "4294967296.0",
            "1e300",
            "null",
            "\"1\"",
        ] {
            let err = s(&format!(r#"{{"a": {bad}}}"#)).unwrap_err();
            assert!(err.contains("an integer (u32)"), "{bad}: {err}");
        }
        assert!(s(r#"{"a": 1, "c": -0.5}"#).unwrap_err().contains("-0.5"));
        assert_eq!(s(r#"{"a": -0.0}"#).map(|s| s.a), Ok(0));
    }
}
