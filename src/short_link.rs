//! `spotify.link` short links, resolved to the `open.spotify.com` link
//! they stand for: one GET without a token, no redirect followed.

use crate::client::Spotify;
use crate::error::{Error, Result};
use crate::http::{Auth, Body, HttpRequest, Method};
use crate::id::{IdKind, parse_uri, to_url};

/// Spotify's short-link service.
pub(crate) const SHORT_LINK_BASE: &str = "https://spotify.link";

/// How errors name the call.
const ENDPOINT: &str = "GET spotify.link";

/// The host an accepted link must be on.
const OPEN: &str = "open.spotify.com";

impl Spotify {
    /// The `open.spotify.com` link a `spotify.link` short link stands for
    /// (`https://spotify.link/AbCdEf12345` → `https://open.spotify.com/track/…`),
    /// in the canonical form [`to_url`] gives (no `intl-xx/`, no `?si=`).
    ///
    /// One GET to the short-link service ([`short_link_base`], by default
    /// `https://spotify.link`), without the client's token and without
    /// following any redirect (a 429 or 5xx answer is retried as the
    /// client's [`RetryPolicy`](crate::RetryPolicy) retries any GET). The answer is a redirect whose `Location` is
    /// the link, or a page that names it (its `og:url` or canonical link,
    /// else the first `open.spotify.com` link to an object). A redirect or
    /// page that leads anywhere else (another host, the short-link service
    /// itself, `open.spotify.com` without an object) is refused with
    /// [`Error::Api`] saying where it pointed, and nothing more is sent; a
    /// page without a link is [`Error::Decode`]. An input that is not a
    /// `spotify.link` link is [`Error::InvalidId`], and nothing is sent.
    ///
    /// Pass the result to any method taking an ID, or to
    /// [`parse_uri`] for its kind.
    ///
    /// [`short_link_base`]: crate::SpotifyBuilder::short_link_base
    ///
    /// ```no_run
    /// use spotify_blocking::{id, Spotify, Token};
    ///
    /// let spotify = Spotify::new(Token::from_access_token("token"));
    /// let url = spotify.resolve_short_link("https://spotify.link/AbCdEf12345")?;
    /// let (kind, uri) = id::parse_uri(&url)?;
    /// println!("{kind}: {uri}");
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn resolve_short_link(&self, link: &str) -> Result<String> {
        let code = short_code(link)?;
        let request = HttpRequest {
            method: Method::Get,
            url: format!("{}/{code}", self.short_link_base),
            body: Body::Empty,
            endpoint: ENDPOINT,
        };
        let resp = self.http.send(&request, Auth::None, None)?;
        // No token is sent, so there is nothing to cut out of what comes back.
        let no_secrets = crate::error::Secrets::default();
        let refused = |to: &str| Error::Api {
            status: resp.status,
            message: format!(
                "the short link leads to {:?}, not to an {OPEN} link to a Spotify object; not followed",
                crate::id::shown(to)
            ),
            reason: None,
            retry_after: None,
            attempts: resp.attempts,
            endpoint: ENDPOINT.to_owned(),
        };
        if (300..400).contains(&resp.status) {
            let to = resp.location.as_deref().unwrap_or("");
            return canonical(to).ok_or_else(|| refused(to));
        }
        if (200..300).contains(&resp.status) {
            return match link_in_page(&String::from_utf8_lossy(&resp.body)) {
                Some(url) => canonical(&url).ok_or_else(|| refused(&url)),
                None => Err(Error::Decode {
                    endpoint: ENDPOINT.to_owned(),
                    path: ".".to_owned(),
                    message: format!("the short link's page names no {OPEN} link"),
                    body: crate::decode::excerpt(&resp.body, &no_secrets),
                    source: None,
                }),
            };
        }
        Err(crate::decode::api_error(
            resp.status,
            &resp.body,
            ENDPOINT,
            resp.retry_after,
            resp.attempts,
            &no_secrets,
        ))
    }
}

/// The code of `https://spotify.link/CODE` (scheme optional, a query or
/// fragment ignored).
fn short_code(link: &str) -> Result<&str> {
    let bad = |reason: &str| Error::InvalidId {
        input: crate::id::shown(link),
        expected: "short link",
        reason: reason.to_owned(),
    };
    let trimmed = link.trim();
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .unwrap_or(trimmed);
    let Some(path) = rest.strip_prefix("spotify.link/") else {
        return Err(bad("a short link looks like https://spotify.link/CODE"));
    };
    let code = path.split(['?', '#']).next().unwrap_or("");
    let ok = (1..=64).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(code)
    } else {
        Err(bad("the code after spotify.link/ is letters and digits"))
    }
}

/// The canonical link, if `url` is an `open.spotify.com` link to an object.
fn canonical(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    if !host.eq_ignore_ascii_case(OPEN) {
        return None;
    }
    let (kind, uri): (IdKind, String) = parse_uri(url).ok()?;
    to_url(&uri, kind).ok()
}

/// The `open.spotify.com` link a page names: the one after `og:url` or
/// `canonical`, else the first that links to an object.
fn link_in_page(body: &str) -> Option<String> {
    let body = body.replace("\\/", "/");
    let links = |from: &str| -> Vec<String> {
        let mut found = Vec::new();
        let mut rest = from;
        while let Some(at) = rest.find("https://open.spotify.com/") {
            let tail = &rest[at..];
            let end = tail
                .find(|c: char| c.is_whitespace() || "\"'<>`\\".contains(c))
                .unwrap_or(tail.len());
            found.push(tail[..end].to_owned());
            rest = &tail[end..];
        }
        found
    };
    for marker in ["og:url", "canonical"] {
        let mut rest = body.as_str();
        while let Some(at) = rest.find(marker) {
            let mut end = (at + 300).min(rest.len());
            while !rest.is_char_boundary(end) {
                end -= 1;
            }
            let near = &rest[at..end];
            if let Some(url) = links(near).into_iter().find(|u| canonical(u).is_some()) {
                return Some(url);
            }
            rest = &rest[at + marker.len()..];
        }
    }
    links(&body).into_iter().find(|u| canonical(u).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "6rqhFgbbKwnb9MLmUQDhG6";

    #[test]
    fn codes_come_only_from_spotify_link() {
        assert_eq!(
            short_code("https://spotify.link/AbC123xyz").unwrap(),
            "AbC123xyz"
        );
        assert_eq!(short_code(" spotify.link/AbC?si=1 ").unwrap(), "AbC");
        for bad in [
            "",
            "https://spotify.link/",
            "https://spotify.link/a/b",
            "https://spotify.link/../x",
            "https://spotify.link.evil.example/abc",
            "https://evil.example/spotify.link/abc",
            "https://open.spotify.com/track/abc",
        ] {
            assert!(
                matches!(short_code(bad), Err(Error::InvalidId { .. })),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn only_open_spotify_links_to_objects_are_canonical() {
        let want = format!("https://open.spotify.com/track/{ID}");
        for ok in [
            format!("https://open.spotify.com/track/{ID}?si=abc"),
            format!("https://open.spotify.com/intl-de/track/{ID}"),
            format!("http://open.spotify.com/track/{ID}"),
        ] {
            assert_eq!(canonical(&ok).as_deref(), Some(&*want), "{ok}");
        }
        for bad in [
            format!("https://open.spotify.com.evil.example/track/{ID}"),
            format!("https://open.spotify.com@evil.example/track/{ID}"),
            format!("https://evil.example/track/{ID}"),
            format!("https://play.spotify.com/track/{ID}"),
            "https://open.spotify.com/".to_owned(),
            format!("/track/{ID}"),
            String::new(),
        ] {
            assert_eq!(canonical(&bad), None, "{bad}");
        }
    }

    #[test]
    fn pages_name_their_link() {
        let page = format!(
            r#"<html><head><link href="https://open.spotify.com/"><meta property="og:url" content="https://open.spotify.com/album/{ID}?si=x"></head>
            <body><a href="https://open.spotify.com/track/{ID}">x</a></body></html>"#
        );
        assert_eq!(
            link_in_page(&page).as_deref(),
            Some(&*format!("https://open.spotify.com/album/{ID}?si=x"))
        );
        let script =
            format!(r#"<script>var u = "https:\/\/open.spotify.com\/playlist\/{ID}";</script>"#);
        assert_eq!(
            link_in_page(&script).as_deref(),
            Some(&*format!("https://open.spotify.com/playlist/{ID}"))
        );
        assert_eq!(link_in_page("<html>nothing é here</html>"), None);
        assert_eq!(link_in_page(&"og:url é".repeat(200)), None);
    }
}
