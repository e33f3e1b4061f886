//! The objects Spotify returns, as plain structs.
//!
//! Names follow Spotify's object names (`FullAlbum`, `SimpleTrack`, ...).
//! Fields real responses may omit or send as `null` are `Option` or default,
//! and so is every nested object but the one a wrapper is about (a saved
//! album's `album`). Integer fields also take a whole number written as a
//! float (`640.0`); a fraction or a value out of range is a decode error
//! naming the field. Every enum has an `Unknown(String)` fallback, so a new
//! value from Spotify never breaks a parse. `{}` prints a one-line summary,
//! `{:#}` a tree of the fields two levels deep (one line for each object
//! below), and [`full_tree`] every level.
//!
//! Every struct and enum is `#[non_exhaustive]`, so a later version can add
//! fields and variants. Outside this crate, build a value from its `Default`
//! and assign the fields you need (handy in tests), match enums with a `_`
//! arm and destructure structs with `..`:
//!
//! ```
//! use spotify_blocking::model::{FullTrack, ResumePoint, SimpleArtist};
//!
//! let mut artist = SimpleArtist::default();
//! artist.name = "Nina Simone".into();
//! let mut track = FullTrack::default();
//! track.name = "Sinnerman".into();
//! track.artists.push(artist);
//! track.album.name = "Pastel Blues".into();
//! assert_eq!(
//!     track.to_string(),
//!     r#"FullTrack "Sinnerman" by Nina Simone on "Pastel Blues""#
//! );
//!
//! let ResumePoint { fully_played, .. } = ResumePoint::default();
//! assert!(!fully_played);
//! ```

pub(crate) mod display;
pub use display::{FullTree, full_tree};
mod tree;

mod common;
mod market;

mod page;
pub use common::*;
pub use market::Market;
pub use page::{CursorPage, Cursors, Page};

mod album;
mod artist;
pub mod raw;
mod track;

pub use album::*;
pub(crate) use artist::artist_names;
pub use artist::*;
pub(crate) use common::string_enum;
pub use track::*;

mod audio;
mod audiobook;
mod category;
mod chapter;
mod episode;
mod recommendation;
mod search;
mod show;

pub use audio::*;
pub use audiobook::*;
pub use category::*;
pub use chapter::*;
pub use episode::*;
pub use recommendation::*;
pub use search::*;
pub use show::*;

mod fit;
pub(crate) mod int;
mod nullable;
mod playable;
mod player;
mod playlist;
mod user;

pub(crate) use nullable::{drop_nulls, null_default};
pub use playable::*;
pub use player::*;
pub use playlist::*;
pub use user::*;
