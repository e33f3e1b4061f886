//! Deserializers for fields Spotify sometimes sends as `null`.

use serde::{Deserialize, Deserializer};

/// `null` (or a missing field, with `#[serde(default)]`) becomes the
/// type's default: `"images": null` reads as an empty list.
pub(crate) fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A list whose `null` entries are dropped (and which may itself be `null`).
pub(crate) fn drop_nulls<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let items: Option<Vec<Option<T>>> = Deserialize::deserialize(d)?;
    Ok(items.unwrap_or_default().into_iter().flatten().collect())
}
