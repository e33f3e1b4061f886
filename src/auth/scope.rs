//! Authorisation scopes: what a user token may do.
//!
//! ```
//! use spotify_blocking::scope::{self, Scope};
//!
//! let scopes = Scope::UserTopRead | Scope::UserReadPlaybackState;
//! assert_eq!(scopes.to_string(), "user-read-playback-state user-top-read");
//! assert_eq!(scope::every().len(), 17);
//! assert!(scope::every().contains(&Scope::UserTopRead));
//! ```

use std::collections::BTreeSet;
use std::fmt;
use std::ops::BitOr;

macro_rules! scopes {
    ($(#[doc = $doc:literal] $variant:ident = $text:literal, read: $read:literal, every: $every:literal;)+) => {
        /// One Spotify scope.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Scope {
            $(#[doc = $doc] $variant,)+
            /// A scope this version does not know yet.
            Unknown(String),
        }

        impl Scope {
            /// Every scope this version knows.
            pub const ALL: &'static [Scope] = &[$(Scope::$variant),+];

            /// The scope as Spotify spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Scope::$variant => $text,)+
                    Scope::Unknown(s) => s,
                }
            }

            /// What the scope allows, in one sentence (the variant's
            /// documentation); `None` for [`Scope::Unknown`].
            ///
            /// ```
            /// use spotify_blocking::scope::Scope;
            /// assert_eq!(
            ///     Scope::UserTopRead.description(),
            ///     Some("Read the user's top artists and tracks."),
            /// );
            /// assert_eq!(Scope::parse("new-scope").description(), None);
            /// ```
            pub fn description(&self) -> Option<&'static str> {
                match self {
                    $(Scope::$variant => Some($doc.trim_start()),)+
                    Scope::Unknown(_) => None,
                }
            }

            /// Parses one scope name; unknown names become [`Scope::Unknown`].
            pub fn parse(s: &str) -> Scope {
                match s {
                    $($text => Scope::$variant,)+
                    other => Scope::Unknown(other.to_owned()),
                }
            }

            fn is_read(&self) -> bool {
                match self { $(Scope::$variant => $read,)+ Scope::Unknown(_) => false }
            }

            fn in_every(&self) -> bool {
                match self { $(Scope::$variant => $every,)+ Scope::Unknown(_) => false }
            }
        }
    };
}

scopes! {
    /// Control playback in the Spotify app on iOS and Android (App Remote SDK).
    AppRemoteControl = "app-remote-control", read: false, every: false;
    /// Create, edit and follow the user's private playlists.
    PlaylistModifyPrivate = "playlist-modify-private", read: false, every: true;
    /// Create, edit and follow the user's public playlists.
    PlaylistModifyPublic = "playlist-modify-public", read: false, every: true;
    /// Read the collaborative playlists the user owns or joined.
    PlaylistReadCollaborative = "playlist-read-collaborative", read: true, every: true;
    /// Read the user's private playlists.
    PlaylistReadPrivate = "playlist-read-private", read: true, every: true;
    /// Play content in the Web Playback SDK (Premium accounts).
    Streaming = "streaming", read: false, every: false;
    /// Upload cover images for the user's playlists.
    UgcImageUpload = "ugc-image-upload", read: false, every: true;
    /// Follow and unfollow artists and users for the user.
    UserFollowModify = "user-follow-modify", read: false, every: true;
    /// Read which artists and users the user follows.
    UserFollowRead = "user-follow-read", read: true, every: true;
    /// Save items to and remove items from the user's library.
    UserLibraryModify = "user-library-modify", read: false, every: true;
    /// Read the user's library (saved tracks, albums, shows, episodes, audiobooks).
    UserLibraryRead = "user-library-read", read: true, every: true;
    /// Control playback on the user's devices (play, pause, skip, queue, volume).
    UserModifyPlaybackState = "user-modify-playback-state", read: false, every: true;
    /// Read what the user is playing now.
    UserReadCurrentlyPlaying = "user-read-currently-playing", read: true, every: true;
    /// Read the user's email address.
    UserReadEmail = "user-read-email", read: true, every: true;
    /// Read where the user stopped in episodes and chapters.
    UserReadPlaybackPosition = "user-read-playback-position", read: true, every: true;
    /// Read the user's playback state and devices.
    UserReadPlaybackState = "user-read-playback-state", read: true, every: true;
    /// Read the user's subscription level, country and explicit-content setting.
    UserReadPrivate = "user-read-private", read: true, every: true;
    /// Read the user's recently played tracks.
    UserReadRecentlyPlayed = "user-read-recently-played", read: true, every: true;
    /// Read the user's top artists and tracks.
    UserTopRead = "user-top-read", read: true, every: true;
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of scopes: combine with `|`, prints sorted and space-separated.
///
/// ```
/// use spotify_blocking::scope::{Scope, Scopes};
/// let s: Scopes = "user-top-read  playlist-read-private".parse().unwrap();
/// assert!(s.contains(&Scope::PlaylistReadPrivate));
/// assert_eq!(s.to_string(), "playlist-read-private user-top-read");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scopes(BTreeSet<Scope>);

impl Scopes {
    /// No scopes.
    pub fn new() -> Scopes {
        Scopes::default()
    }

    /// Parses a space-separated list (as Spotify sends it).
    pub fn parse(s: &str) -> Scopes {
        Scopes(s.split_whitespace().map(Scope::parse).collect())
    }

    /// Whether `scope` is in the set.
    pub fn contains(&self, scope: &Scope) -> bool {
        self.0.contains(scope)
    }

    /// Whether every scope of `other` is in this set.
    pub fn contains_all(&self, other: &Scopes) -> bool {
        other.0.is_subset(&self.0)
    }

    /// How many scopes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds a scope.
    pub fn insert(&mut self, scope: Scope) {
        self.0.insert(scope);
    }

    /// The scopes, sorted.
    pub fn iter(&self) -> impl Iterator<Item = &Scope> {
        self.0.iter()
    }
}

impl std::str::FromStr for Scopes {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Scopes, Self::Err> {
        Ok(Scopes::parse(s))
    }
}

impl fmt::Display for Scopes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<&str> = self.0.iter().map(Scope::as_str).collect();
        names.sort_unstable();
        f.write_str(&names.join(" "))
    }
}

impl From<Scope> for Scopes {
    fn from(s: Scope) -> Scopes {
        Scopes([s].into_iter().collect())
    }
}

impl FromIterator<Scope> for Scopes {
    fn from_iter<I: IntoIterator<Item = Scope>>(iter: I) -> Scopes {
        Scopes(iter.into_iter().collect())
    }
}

impl<'a> IntoIterator for &'a Scopes {
    type Item = &'a Scope;
    type IntoIter = std::collections::btree_set::Iter<'a, Scope>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl BitOr for Scope {
    type Output = Scopes;
    fn bitor(self, rhs: Scope) -> Scopes {
        Scopes([self, rhs].into_iter().collect())
    }
}

impl BitOr<Scope> for Scopes {
    type Output = Scopes;
    fn bitor(mut self, rhs: Scope) -> Scopes {
        self.0.insert(rhs);
        self
    }
}

impl BitOr for Scopes {
    type Output = Scopes;
    fn bitor(mut self, rhs: Scopes) -> Scopes {
        self.0.extend(rhs.0);
        self
    }
}

/// Every scope tekore's `every` has: all but `app-remote-control` and
/// `streaming` (17).
pub fn every() -> Scopes {
    Scope::ALL
        .iter()
        .filter(|s| s.in_every())
        .cloned()
        .collect()
}

/// The scopes that only read (11).
pub fn read() -> Scopes {
    Scope::ALL.iter().filter(|s| s.is_read()).cloned().collect()
}

/// The scopes of [`every`] that modify (6).
pub fn write() -> Scopes {
    Scope::ALL
        .iter()
        .filter(|s| s.in_every() && !s.is_read())
        .cloned()
        .collect()
}
