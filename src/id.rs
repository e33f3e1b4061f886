//! IDs, URIs and URLs: every ID argument accepts all three.
//!
//! ```
//! use spotify_blocking::id::{parse_id, IdKind};
//!
//! let bare = "3RBULTZJ97bvVzZLpxcB0j";
//! for input in [
//!     bare,
//!     "spotify:album:3RBULTZJ97bvVzZLpxcB0j",
//!     "https://open.spotify.com/album/3RBULTZJ97bvVzZLpxcB0j?si=abc",
//!     "https://open.spotify.com/intl-de/album/3RBULTZJ97bvVzZLpxcB0j",
//! ] {
//!     assert_eq!(parse_id(input, IdKind::Album).unwrap(), bare);
//! }
//! assert!(parse_id("spotify:track:3RBULTZJ97bvVzZLpxcB0j", IdKind::Album).is_err());
//! assert!(parse_id("", IdKind::Album).is_err());
//! ```

use crate::error::{Error, Result};
use std::fmt;

/// The kinds of Spotify object an ID can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IdKind {
    /// `spotify:album:...`
    Album,
    /// `spotify:artist:...`
    Artist,
    /// `spotify:track:...`
    Track,
    /// `spotify:playlist:...`
    Playlist,
    /// `spotify:show:...`
    Show,
    /// `spotify:episode:...`
    Episode,
    /// `spotify:audiobook:...`
    Audiobook,
    /// `spotify:chapter:...`
    Chapter,
    /// `spotify:user:...` (user IDs are not base62)
    User,
}

impl IdKind {
    const ALL: [IdKind; 9] = [
        IdKind::Album,
        IdKind::Artist,
        IdKind::Track,
        IdKind::Playlist,
        IdKind::Show,
        IdKind::Episode,
        IdKind::Audiobook,
        IdKind::Chapter,
        IdKind::User,
    ];

    /// The kind's name in URIs and URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            IdKind::Album => "album",
            IdKind::Artist => "artist",
            IdKind::Track => "track",
            IdKind::Playlist => "playlist",
            IdKind::Show => "show",
            IdKind::Episode => "episode",
            IdKind::Audiobook => "audiobook",
            IdKind::Chapter => "chapter",
            IdKind::User => "user",
        }
    }

    fn from_name(s: &str) -> Option<IdKind> {
        IdKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for IdKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An input as an error shows it: at most 120 characters, `…` when cut.
pub(crate) fn shown(input: &str) -> String {
    let mut shown: String = input.chars().take(120).collect();
    if shown.len() < input.len() {
        shown.push('…');
    }
    shown
}

fn invalid(input: &str, expected: IdKind, reason: impl Into<String>) -> Error {
    Error::InvalidId {
        input: shown(input),
        expected: expected.as_str(),
        reason: reason.into(),
    }
}

/// Extracts the bare ID of `kind` from a bare ID, a `spotify:` URI or an
/// `open.spotify.com` URL. Nothing is sent; a wrong kind or a garbled ID
/// is [`Error::InvalidId`]. User IDs are not base 62 but are still
/// checked: no spaces, `/`, `?`, `#`, `:` or `&`, and never `.` or `..`
/// (a proxy would resolve them as dot segments of the request's path).
pub fn parse_id(input: &str, kind: IdKind) -> Result<String> {
    let (found, id) = split(input.trim(), Some(kind)).map_err(|r| invalid(input, kind, r))?;
    let found = found.unwrap_or(kind);
    if found != kind {
        return Err(invalid(
            input,
            kind,
            format!("this is a {found}, not a {kind}"),
        ));
    }
    check_id(id, kind).map_err(|r| invalid(input, kind, r))?;
    Ok(id.to_owned())
}

/// Parses a URI or URL of any kind (bare IDs are ambiguous and rejected):
/// what `/me/library` and playlist item lists take.
///
/// ```
/// use spotify_blocking::id::{parse_uri, IdKind};
/// let (kind, uri) = parse_uri("https://open.spotify.com/episode/512ojhOuo1ktJprKbVcKyQ").unwrap();
/// assert_eq!(kind, IdKind::Episode);
/// assert_eq!(uri, "spotify:episode:512ojhOuo1ktJprKbVcKyQ");
/// ```
pub fn parse_uri(input: &str) -> Result<(IdKind, String)> {
    let trimmed = input.trim();
    let bad = |r: String| Error::InvalidId {
        input: shown(trimmed),
        expected: "URI",
        reason: r,
    };
    let (kind, id) = split(trimmed, None).map_err(bad)?;
    let Some(kind) = kind else {
        return Err(bad(
            "a bare ID does not say its kind; pass a spotify: URI or an open.spotify.com URL"
                .into(),
        ));
    };
    check_id(id, kind).map_err(bad)?;
    Ok((kind, format!("spotify:{kind}:{id}")))
}

/// Splits into (kind named by the input, id text).
fn split(input: &str, hint: Option<IdKind>) -> std::result::Result<(Option<IdKind>, &str), String> {
    if input.is_empty() {
        return Err("the ID is empty".into());
    }
    if let Some(rest) = input.strip_prefix("spotify:") {
        let parts: Vec<&str> = rest.split(':').collect();
        return match parts.as_slice() {
            [kind, id] => Ok((Some(kind_named(kind)?), id)),
            // Legacy playlist URIs: spotify:user:NAME:playlist:ID
            ["user", _, "playlist", id] => Ok((Some(IdKind::Playlist), id)),
            _ => Err("a Spotify URI looks like spotify:KIND:ID".into()),
        };
    }
    if let Some(rest) = input
        .strip_prefix("https://")
        .or_else(|| input.strip_prefix("http://"))
    {
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        if !matches!(host, "open.spotify.com" | "play.spotify.com") {
            return Err(format!("URLs must be on open.spotify.com, not {host:?}"));
        }
        let path = path.split(['?', '#']).next().unwrap_or("");
        let mut segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        if segs.first().is_some_and(|s| s.starts_with("intl-")) {
            segs.remove(0);
        }
        if segs.first() == Some(&"embed") {
            segs.remove(0);
        }
        return match segs.as_slice() {
            [kind, id] => Ok((Some(kind_named(kind)?), id)),
            ["user", _, "playlist", id] => Ok((Some(IdKind::Playlist), id)),
            _ => Err("an open.spotify.com URL looks like https://open.spotify.com/KIND/ID".into()),
        };
    }
    let _ = hint;
    Ok((None, input))
}

fn kind_named(s: &str) -> std::result::Result<IdKind, String> {
    IdKind::from_name(s).ok_or_else(|| format!("{s:?} is not a kind of Spotify object"))
}

fn check_id(id: &str, kind: IdKind) -> std::result::Result<(), String> {
    if id.is_empty() {
        return Err("the ID is empty".into());
    }
    if kind == IdKind::User {
        // A path segment of only `.` or `..` would be resolved by any
        // proxy that normalises paths (`/users/../playlists`).
        if matches!(id, "." | "..") {
            return Err("a user ID cannot be a dot segment (`.` or `..`)".into());
        }
        let ok = id.len() <= 128
            && id
                .chars()
                .all(|c| !c.is_whitespace() && !matches!(c, '/' | '?' | '#' | ':' | '&'));
        return if ok {
            Ok(())
        } else {
            Err("a user ID has no spaces or / ? # : &".into())
        };
    }
    if id.len() != 22 || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err("a Spotify ID is 22 letters and digits (base 62)".into());
    }
    Ok(())
}

/// Parses every input as `kind`, stopping at the first bad one.
pub(crate) fn parse_ids<I, S>(inputs: I, kind: IdKind) -> Result<Vec<String>>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    inputs
        .into_iter()
        .map(|s| parse_id(s.as_ref(), kind))
        .collect()
}

/// The `spotify:` URI of an ID of `kind`, from a bare ID, a URI or an
/// `open.spotify.com` URL: the other direction of [`parse_id`]. A wrong
/// kind or a garbled ID is [`Error::InvalidId`].
///
/// ```
/// use spotify_blocking::id::{to_uri, to_url, IdKind};
///
/// let uri = to_uri("3RBULTZJ97bvVzZLpxcB0j", IdKind::Album)?;
/// assert_eq!(uri, "spotify:album:3RBULTZJ97bvVzZLpxcB0j");
/// let url = to_url(&uri, IdKind::Album)?;
/// assert_eq!(url, "https://open.spotify.com/album/3RBULTZJ97bvVzZLpxcB0j");
/// assert!(to_uri("spotify:track:6rqhFgbbKwnb9MLmUQDhG6", IdKind::Album).is_err());
/// # Ok::<(), spotify_blocking::Error>(())
/// ```
pub fn to_uri(input: &str, kind: IdKind) -> Result<String> {
    let id = parse_id(input, kind)?;
    Ok(format!("spotify:{kind}:{id}"))
}

/// The `https://open.spotify.com/KIND/ID` link of an ID of `kind`, from a
/// bare ID, a URI or another `open.spotify.com` URL (its `intl-xx/`
/// prefix and query, such as `?si=`, are dropped). A user ID's characters
/// other than letters, digits and `-._~` are percent-encoded. A wrong kind
/// or a garbled ID is [`Error::InvalidId`].
///
/// ```
/// use spotify_blocking::id::{to_url, IdKind};
///
/// let url = to_url("https://open.spotify.com/intl-de/track/6rqhFgbbKwnb9MLmUQDhG6?si=x", IdKind::Track)?;
/// assert_eq!(url, "https://open.spotify.com/track/6rqhFgbbKwnb9MLmUQDhG6");
/// # Ok::<(), spotify_blocking::Error>(())
/// ```
pub fn to_url(input: &str, kind: IdKind) -> Result<String> {
    let id = parse_id(input, kind)?;
    Ok(format!(
        "https://open.spotify.com/{kind}/{}",
        crate::encode::component(&id)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "6rqhFgbbKwnb9MLmUQDhG6";

    #[test]
    fn accepts_every_form() {
        for s in [
            ID.to_string(),
            format!("  spotify:track:{ID}\n"),
            format!("https://open.spotify.com/track/{ID}"),
            format!("https://open.spotify.com/intl-pt/track/{ID}?si=x&utm=1"),
            format!("http://open.spotify.com/embed/track/{ID}#t"),
        ] {
            assert_eq!(parse_id(&s, IdKind::Track).unwrap(), ID, "{s}");
        }
        assert_eq!(
            parse_id(&format!("spotify:user:bob:playlist:{ID}"), IdKind::Playlist).unwrap(),
            ID
        );
        assert_eq!(
            parse_id("spotify:user:wizzler", IdKind::User).unwrap(),
            "wizzler"
        );
    }

    #[test]
    fn rejects_wrong_kind_and_garbage() {
        let cases = [
            (format!("spotify:album:{ID}"), "not a track"),
            (String::new(), "empty"),
            ("   ".to_string(), "empty"),
            ("abc".to_string(), "22"),
            (format!("{ID}x"), "22"),
            (format!("spotify:track:{}", &ID[..21]), "22"),
            (format!("spotify:track:{ID}:extra"), "spotify:KIND:ID"),
            (format!("spotify:thing:{ID}"), "not a kind"),
            (
                format!("https://evil.example/track/{ID}"),
                "open.spotify.com",
            ),
            (
                "https://open.spotify.com/track/".to_string(),
                "open.spotify.com URL",
            ),
            (format!("{}é", &ID[..21]), "22"),
        ];
        for (input, needle) in cases {
            let err = parse_id(&input, IdKind::Track).unwrap_err();
            assert!(matches!(err, Error::InvalidId { .. }));
            assert!(err.to_string().contains(needle), "{input:?}: {err}");
        }
    }

    #[test]
    fn no_id_of_any_kind_is_a_dot_segment() {
        for kind in IdKind::ALL {
            for id in [".", ".."] {
                for input in [
                    id.to_owned(),
                    format!("spotify:{kind}:{id}"),
                    format!("https://open.spotify.com/{kind}/{id}"),
                ] {
                    let err = parse_id(&input, kind).unwrap_err();
                    assert!(matches!(err, Error::InvalidId { .. }), "{input}: {err:?}");
                    if kind != IdKind::User {
                        assert!(parse_uri(&input).is_err(), "{input}");
                    }
                }
            }
        }
        assert!(parse_uri("spotify:user:..").is_err());
        assert_eq!(parse_id("spotify:user:a.b", IdKind::User).unwrap(), "a.b");
        assert_eq!(parse_id("...", IdKind::User).unwrap(), "...");
    }

    #[test]
    fn uris_need_a_kind() {
        assert!(parse_uri(ID).is_err());
        let (k, u) = parse_uri(&format!("spotify:album:{ID}")).unwrap();
        assert_eq!(
            (k, u.as_str()),
            (IdKind::Album, &*format!("spotify:album:{ID}"))
        );
    }
}

#[cfg(test)]
mod both_ways_tests {
    use super::*;

    const ID: &str = "6rqhFgbbKwnb9MLmUQDhG6";

    #[test]
    fn every_form_gives_the_same_uri_and_url() {
        for input in [
            ID.to_owned(),
            format!("spotify:track:{ID}"),
            format!("https://open.spotify.com/track/{ID}?si=abc"),
            format!("https://open.spotify.com/intl-pt/embed/track/{ID}"),
        ] {
            assert_eq!(
                to_uri(&input, IdKind::Track).unwrap(),
                format!("spotify:track:{ID}")
            );
            assert_eq!(
                to_url(&input, IdKind::Track).unwrap(),
                format!("https://open.spotify.com/track/{ID}")
            );
        }
    }

    #[test]
    fn uris_and_urls_parse_back() {
        for kind in IdKind::ALL {
            let id = if kind == IdKind::User { "wizzler" } else { ID };
            let uri = to_uri(id, kind).unwrap();
            let url = to_url(id, kind).unwrap();
            assert_eq!(parse_uri(&uri).unwrap(), (kind, uri.clone()));
            assert_eq!(parse_uri(&url).unwrap(), (kind, uri));
            assert_eq!(parse_id(&url, kind).unwrap(), id);
        }
        assert_eq!(
            to_url("spotify:user:j+smith", IdKind::User).unwrap(),
            "https://open.spotify.com/user/j%2Bsmith"
        );
    }

    #[test]
    fn bad_input_is_refused() {
        for input in ["", "abc", "spotify:album:6rqhFgbbKwnb9MLmUQDhG6"] {
            assert!(matches!(
                to_uri(input, IdKind::Track),
                Err(Error::InvalidId { .. })
            ));
            assert!(matches!(
                to_url(input, IdKind::Track),
                Err(Error::InvalidId { .. })
            ));
        }
    }
}
