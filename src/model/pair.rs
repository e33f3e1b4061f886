//! One field list for a `SimpleX` / `FullX` pair of structs.

/// Declares two structs that share most of their fields, writing each shared
/// field (its docs and serde attributes) once.
///
/// ```text
/// model_pair! {
///     /// Docs and attributes of the first ("simple") struct.
///     #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
///     pub struct SimpleThing;
///
///     /// Docs and attributes of the second ("full") struct.
///     #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
///     pub struct FullThing;
///
///     fields {
///         /// A field both structs have.
///         pub id: String,
///         full {
///             /// Fields only the full struct has, at this place.
///             pub extra: u32,
///         }
///         simple {
///             /// Fields only the simple struct has, at this place.
///             pub other: u32,
///         }
///     }
/// }
/// ```
///
/// Each struct gets its fields in the order they are written, so both come
/// out exactly as if written by hand: no flattening, no nested struct.
macro_rules! model_pair {
    (
        $(#[$($smeta:tt)*])* $svis:vis struct $simple:ident;
        $(#[$($fmeta:tt)*])* $fvis:vis struct $full:ident;
        fields { $($fields:tt)* }
    ) => {
        $crate::model::pair::model_pair!(@munch
            [$(#[$($smeta)*])* $svis struct $simple]
            [$(#[$($fmeta)*])* $fvis struct $full]
            [] []
            $($fields)*
        );
    };
    // Fields only the simple struct has.
    (@munch $s:tt $f:tt [$($sf:tt)*] [$($ff:tt)*]
        simple { $($only:tt)* } $($rest:tt)*
    ) => {
        $crate::model::pair::model_pair!(@munch $s $f
            [$($sf)* $($only)*] [$($ff)*] $($rest)*);
    };
    // Fields only the full struct has.
    (@munch $s:tt $f:tt [$($sf:tt)*] [$($ff:tt)*]
        full { $($only:tt)* } $($rest:tt)*
    ) => {
        $crate::model::pair::model_pair!(@munch $s $f
            [$($sf)*] [$($ff)* $($only)*] $($rest)*);
    };
    // A field both have.
    (@munch $s:tt $f:tt [$($sf:tt)*] [$($ff:tt)*]
        $(#[$($m:tt)*])* $vis:vis $name:ident : $ty:ty $(, $($rest:tt)*)?
    ) => {
        $crate::model::pair::model_pair!(@munch $s $f
            [$($sf)* $(#[$($m)*])* $vis $name: $ty,]
            [$($ff)* $(#[$($m)*])* $vis $name: $ty,]
            $($($rest)*)?);
    };
    // Done: write both structs.
    (@munch [$($s:tt)*] [$($f:tt)*] [$($sf:tt)*] [$($ff:tt)*]) => {
        $($s)* { $($sf)* }
        $($f)* { $($ff)* }
    };
}
pub(crate) use model_pair;
