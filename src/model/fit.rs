//! Reading a value that may not fit its type, in one pass, without losing
//! step with the input: what makes `PlayableItem`'s decoder tolerant.
//!
//! [`Slot<T>`] deserializes a `T` through [`Guard`], a thin wrapper around
//! the deserializer. When the value does not fit `T` (a string where a
//! number belongs, a missing field, an object where a string belongs), the
//! wrapper reads the rest of that value, so the input stays in step, and
//! the slot is [`Slot::Misfit`] instead of an error. Broken input (bad
//! syntax, the end of the body) is still an error: only errors a visitor
//! raises on well-formed input count as misfits.
//!
//! It works with any self-describing deserializer whose map and sequence
//! readers can go on after a value failed (serde_json's can, for strings,
//! bytes, readers and `Value`s). Values are read by their own shape
//! (`deserialize_any`), so a misfit object or array is always read to its
//! end; options, newtypes and enums keep their hints.

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, forward_to_deserialize_any};
use std::cell::Cell;
use std::fmt;

/// A field read tolerantly: absent, fitting, or present but not fitting.
#[derive(Debug, Default)]
pub(crate) enum Slot<T> {
    /// The field was not in the object.
    #[default]
    Absent,
    /// The field was there and fit.
    Fit(T),
    /// The field was there and did not fit; it was read and dropped.
    Misfit,
}

impl<T: Default> Slot<T> {
    /// The value (its default when absent or misfit); notes a misfit in `bad`.
    pub(crate) fn take(self, bad: &mut bool) -> T {
        match self {
            Slot::Fit(v) => v,
            Slot::Absent => T::default(),
            Slot::Misfit => {
                *bad = true;
                T::default()
            }
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Slot<T> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let misfit = Cell::new(false);
        match T::deserialize(Guard {
            inner: d,
            misfit: &misfit,
        }) {
            Ok(v) => Ok(Slot::Fit(v)),
            Err(_) if misfit.get() => Ok(Slot::Misfit),
            Err(e) => Err(e),
        }
    }
}

/// A deserializer that notes misfits in `misfit` and keeps in step after one.
struct Guard<'a, D> {
    inner: D,
    misfit: &'a Cell<bool>,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Guard<'_, D> {
    type Error = D::Error;

    #[inline]
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(Watch {
            inner: visitor,
            misfit: self.misfit,
        })
    }

    #[inline]
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_option(Watch {
            inner: visitor,
            misfit: self.misfit,
        })
    }

    #[inline]
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_newtype_struct(
            name,
            Watch {
                inner: visitor,
                misfit: self.misfit,
            },
        )
    }

    /// Enums keep their hint; an error inside one is not taken for a misfit.
    #[inline]
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_enum(name, variants, visitor)
    }

    #[inline]
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_ignored_any(visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier
    }
}

/// A visitor that marks the errors it raises itself as misfits and reads
/// the rest of a map or sequence it refused.
struct Watch<'a, V> {
    inner: V,
    misfit: &'a Cell<bool>,
}

impl<'a, V> Watch<'a, V> {
    /// The inner visitor's answer on a scalar: any error is its refusal.
    #[inline]
    fn scalar<T, E>(misfit: &Cell<bool>, r: Result<T, E>) -> Result<T, E> {
        if r.is_err() {
            misfit.set(true);
        }
        r
    }
}

/// Generates the scalar visits of [`Watch`]: pass on, mark a refusal.
macro_rules! watch_scalars {
    ($($visit:ident($ty:ty)),* $(,)?) => {
        $(#[inline]
        fn $visit<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
            Self::scalar(self.misfit, self.inner.$visit(v))
        })*
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Watch<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    watch_scalars! {
        visit_bool(bool), visit_i64(i64), visit_i128(i128), visit_u64(u64),
        visit_u128(u128), visit_f64(f64), visit_char(char), visit_str(&str),
        visit_borrowed_str(&'de str), visit_string(String), visit_bytes(&[u8]),
        visit_borrowed_bytes(&'de [u8]), visit_byte_buf(Vec<u8>),
    }

    #[inline]
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Self::scalar(self.misfit, self.inner.visit_none())
    }

    #[inline]
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Self::scalar(self.misfit, self.inner.visit_unit())
    }

    #[inline]
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.inner.visit_some(Guard {
            inner: d,
            misfit: self.misfit,
        })
    }

    #[inline]
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.inner.visit_newtype_struct(Guard {
            inner: d,
            misfit: self.misfit,
        })
    }

    #[inline]
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let below = Cell::new(false);
        let r = self.inner.visit_seq(Elements {
            inner: &mut seq,
            misfit: self.misfit,
            below: &below,
        });
        let Err(e) = r else { return r };
        if !below.get() {
            self.misfit.set(true);
        }
        if self.misfit.get() {
            if let Err(broken) = drain_seq(&mut seq) {
                self.misfit.set(false);
                return Err(broken);
            }
        }
        Err(e)
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let below = Cell::new(false);
        let pending = Cell::new(false);
        let r = self.inner.visit_map(Entries {
            inner: &mut map,
            misfit: self.misfit,
            below: &below,
            pending: &pending,
        });
        let Err(e) = r else { return r };
        if !below.get() {
            self.misfit.set(true);
        }
        if self.misfit.get() {
            if let Err(broken) = drain_map(&mut map, pending.get()) {
                self.misfit.set(false);
                return Err(broken);
            }
        }
        Err(e)
    }
}

/// Reads the rest of a sequence.
fn drain_seq<'de, A: SeqAccess<'de>>(seq: &mut A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Reads the rest of a map (first the value of a key already read).
fn drain_map<'de, A: MapAccess<'de>>(map: &mut A, pending: bool) -> Result<(), A::Error> {
    if pending {
        map.next_value::<IgnoredAny>()?;
    }
    while map.next_key::<IgnoredAny>()?.is_some() {
        map.next_value::<IgnoredAny>()?;
    }
    Ok(())
}

/// A sequence whose elements are read through [`Guard`]; `below` notes an
/// error that came from an element, not from the visitor.
struct Elements<'a, 'b, A> {
    inner: &'b mut A,
    misfit: &'a Cell<bool>,
    below: &'b Cell<bool>,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Elements<'_, '_, A> {
    type Error = A::Error;

    #[inline]
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        let r = self.inner.next_element_seed(Guarded {
            inner: seed,
            misfit: self.misfit,
        });
        if r.is_err() {
            self.below.set(true);
        }
        r
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

/// A map whose values are read through [`Guard`] (keys as they are);
/// `pending` notes a key whose value is not read yet.
struct Entries<'a, 'b, A> {
    inner: &'b mut A,
    misfit: &'a Cell<bool>,
    below: &'b Cell<bool>,
    pending: &'b Cell<bool>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Entries<'_, '_, A> {
    type Error = A::Error;

    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let r = self.inner.next_key_seed(seed);
        match &r {
            Ok(key) => self.pending.set(key.is_some()),
            Err(_) => self.below.set(true),
        }
        r
    }

    #[inline]
    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.pending.set(false);
        let r = self.inner.next_value_seed(Guarded {
            inner: seed,
            misfit: self.misfit,
        });
        if r.is_err() {
            self.below.set(true);
        }
        r
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

/// A seed whose value is read through [`Guard`].
struct Guarded<'a, T> {
    inner: T,
    misfit: &'a Cell<bool>,
}

impl<'de, T: DeserializeSeed<'de>> DeserializeSeed<'de> for Guarded<'_, T> {
    type Value = T::Value;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T::Value, D::Error> {
        self.inner.deserialize(Guard {
            inner: d,
            misfit: self.misfit,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq, Deserialize)]
    struct Inner {
        name: String,
        #[serde(default)]
        n: Vec<u32>,
    }

    #[derive(Debug, Deserialize)]
    struct Outer {
        #[serde(default)]
        a: Slot<Option<Inner>>,
        #[serde(default)]
        b: Slot<Option<u32>>,
        #[serde(default)]
        c: Slot<Option<String>>,
    }

    /// The three fields and whether any misfit.
    type Read = (Option<Inner>, Option<u32>, Option<String>, bool);

    fn read(json: &str) -> serde_json::Result<Read> {
        let o: Outer = serde_json::from_str(json)?;
        let mut bad = false;
        Ok((
            o.a.take(&mut bad),
            o.b.take(&mut bad),
            o.c.take(&mut bad),
            bad,
        ))
    }

    #[test]
    fn fitting_values_read_as_usual() {
        let (a, b, c, bad) = read(r#"{"a":{"name":"x","n":[1,2]},"b":3,"c":null}"#).unwrap();
        assert_eq!(a.unwrap().n, [1, 2]);
        assert_eq!((b, c, bad), (Some(3), None, false));
    }

    #[test]
    fn a_misfit_at_any_depth_is_read_to_its_end_and_the_rest_still_reads() {
        let cases = [
            r#"{"a":{"name":5,"n":[1]},"b":3,"c":"z"}"#,
            r#"{"a":{"name":"x","n":[1,"two",{"k":[3]}]},"b":3,"c":"z"}"#,
            r#"{"a":{"n":[1]},"b":3,"c":"z"}"#,
            r#"{"a":[1,{"x":2},3],"b":3,"c":"z"}"#,
            r#"{"a":{"name":"x","n":{"deep":{"deeper":[1,2]}}},"b":3,"c":"z"}"#,
            r#"{"a":{"name":"x","name":"y","n":[1]},"b":3,"c":"z"}"#,
        ];
        for json in cases {
            let (a, b, c, bad) = read(json).unwrap_or_else(|e| panic!("{json}: {e}"));
            assert_eq!(a, None, "{json}");
            assert_eq!((b, c.as_deref(), bad), (Some(3), Some("z"), true), "{json}");
        }
        let (_, b, c, bad) = read(r#"{"b":"three","c":["z"]}"#).unwrap();
        assert_eq!((b, c, bad), (None, None, true));
    }

    #[test]
    fn broken_input_is_still_an_error() {
        for json in [
            r#"{"a":{"name":tru},"b":3}"#,
            r#"{"a":{"name":"x","n":[1,}}"#,
            r#"{"a":{"name":"x""#,
            r#"{"a":{"name":5,"n":[1,}}"#,
        ] {
            assert!(read(json).is_err(), "{json}");
        }
    }

    #[test]
    fn values_from_a_json_tree_read_the_same() {
        let json = r#"{"a":{"name":5},"b":3,"c":"z"}"#;
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        let o: Outer = serde_json::from_value(v).unwrap();
        assert!(matches!(o.a, Slot::Misfit));
        assert!(matches!(o.b, Slot::Fit(Some(3))));
    }
}
