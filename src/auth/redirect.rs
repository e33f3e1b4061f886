//! Reading the address Spotify redirected the browser to.

use super::pkce::constant_time_eq;
use crate::error::RedirectError;

/// The parts of a URL that decide where it points.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Target {
    scheme: String,
    authority: String,
    path: String,
}

impl Target {
    /// `scheme://authority/path`, for messages (never the query). A
    /// pasted address whose `?` was lost keeps its parameters in the
    /// path; they are cut off at the first `&`, `=` or `;` so that a code
    /// or state never reaches a message.
    pub(crate) fn display(&self) -> String {
        let full = format!("{}://{}{}", self.scheme, self.authority, self.path);
        match full.find(['&', '=', ';']) {
            Some(i) => format!("{}...", &full[..i]),
            None => full,
        }
    }

    /// The host and port, as written in the URL.
    pub(crate) fn authority(&self) -> &str {
        &self.authority
    }

    /// The scheme, lower case.
    pub(crate) fn scheme(&self) -> &str {
        &self.scheme
    }

    /// The path (`/` when empty).
    pub(crate) fn path(&self) -> &str {
        &self.path
    }
}

/// Splits `scheme://authority/path?query#fragment`; `None` when `s` is not
/// an absolute URL.
///
/// Written here, not taken from a crate: `url` would do it, but it brings
/// the `idna`/ICU stack (the crates the `browser` feature costs) to compare
/// two addresses. `http::Uri`, already in the tree through `ureq`, was
/// tried: it takes a scheme that starts with a digit and refuses
/// characters a pasted address may hold (`"`, `{`, `|`, `}`), so the
/// checks and the comparison's normalisation (case, default port) would
/// stay here anyway.
pub(crate) fn split_url(s: &str) -> Option<(Target, Option<&str>)> {
    let s = s.split('#').next().unwrap_or("");
    let (scheme, rest) = s.split_once("://")?;
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    if !scheme_ok || s.chars().any(char::is_whitespace) {
        return None;
    }
    let (before_query, query) = match rest.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (rest, None),
    };
    let (authority, path) = match before_query.find('/') {
        Some(i) => before_query.split_at(i),
        None => (before_query, ""),
    };
    if authority.is_empty() {
        return None;
    }
    let scheme = scheme.to_ascii_lowercase();
    let mut authority = authority.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => Some(":80"),
        "https" => Some(":443"),
        _ => None,
    };
    if let Some(port) = default_port {
        if let Some(stripped) = authority.strip_suffix(port) {
            authority = stripped.to_owned();
        }
    }
    let path = if path.is_empty() { "/" } else { path }.to_owned();
    Some((
        Target {
            scheme,
            authority,
            path,
        },
        query,
    ))
}

/// Whether `s` could be an authorisation code on its own.
fn looks_like_code(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.~".contains(&b))
}

/// Takes the code out of a pasted redirect address (or a bare code),
/// checking where it points, `error`, repeated parameters and `state`.
pub(crate) fn extract_code(
    pasted: &str,
    redirect_uri: &str,
    state: &str,
) -> Result<String, RedirectError> {
    let pasted = pasted.trim();
    if !pasted.contains("://") {
        return if looks_like_code(pasted) {
            Ok(pasted.to_owned())
        } else {
            Err(RedirectError::NotAUrl)
        };
    }
    let (target, query) = split_url(pasted).ok_or(RedirectError::NotAUrl)?;
    let (expected, _) = split_url(redirect_uri).ok_or(RedirectError::NotAUrl)?;
    if target != expected {
        return Err(RedirectError::WrongTarget {
            expected: redirect_uri.to_owned(),
            found: target.display(),
        });
    }
    from_query(query.unwrap_or(""), state)
}

/// Checks the query of a redirect and returns its code.
pub(crate) fn from_query(query: &str, state: &str) -> Result<String, RedirectError> {
    let pairs = crate::encode::parse_query(query);
    let one = |name: &'static str| -> Result<Option<&str>, RedirectError> {
        let mut found = pairs.iter().filter(|(k, _)| k == name);
        let first = found.next().map(|(_, v)| v.as_str());
        if found.next().is_some() {
            return Err(RedirectError::Repeated(name));
        }
        Ok(first)
    };
    let code = one("code")?;
    let got_state = one("state")?;
    let error = one("error")?;
    if !got_state.is_some_and(|s| constant_time_eq(s, state)) {
        return Err(RedirectError::StateMismatch);
    }
    match error {
        Some("access_denied") => return Err(RedirectError::Denied),
        Some(other) => {
            return Err(RedirectError::Refused {
                error: other.to_owned(),
            });
        }
        None => {}
    }
    match code {
        Some(c) if !c.is_empty() => Ok(c.to_owned()),
        _ => Err(RedirectError::MissingCode),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const URI: &str = "https://example.com/callback";

    #[test]
    fn targets_compare_scheme_host_and_path() {
        let (a, q) = split_url("HTTPS://Example.com:443/callback?code=x#frag").unwrap();
        let (b, _) = split_url(URI).unwrap();
        assert_eq!(a, b);
        assert_eq!(q, Some("code=x"));
        assert_eq!(split_url("http://127.0.0.1:8888").unwrap().0.path(), "/");
        assert!(split_url("not a url").is_none());
        assert!(split_url("https:///path").is_none());
        assert!(split_url("1http://x/").is_none());
        // Parameters without a `?` stay out of what is shown.
        let (t, q) = split_url("https://example.com/cb&code=SECRET&state=S").unwrap();
        assert_eq!(q, None);
        assert_eq!(t.display(), "https://example.com/cb...");
        assert_eq!(b.display(), URI);
    }

    #[test]
    fn bare_codes_pass_and_garbage_does_not() {
        assert_eq!(
            extract_code("  AQB-x_y.z~ \n", URI, "s").unwrap(),
            "AQB-x_y.z~"
        );
        assert_eq!(extract_code("", URI, "s"), Err(RedirectError::NotAUrl));
        assert_eq!(
            extract_code("code=abc&state=s", URI, "s"),
            Err(RedirectError::NotAUrl)
        );
    }
}
