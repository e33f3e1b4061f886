//! Percent-encoding for query strings and forms, and the host part of a URL.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but unreserved characters (RFC 3986) is encoded.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Encodes one query or form component.
pub(crate) fn component(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

/// `a=1&b=2`, each side encoded.
pub(crate) fn form(pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(&component(k));
        out.push('=');
        out.push_str(&component(v));
    }
    out
}

/// Decodes a percent-encoded component (`+` as space, as forms do).
#[cfg_attr(not(feature = "mock"), allow(dead_code))]
pub(crate) fn decode_component(s: &str) -> String {
    let s = s.replace('+', " ");
    percent_encoding::percent_decode_str(&s)
        .decode_utf8_lossy()
        .into_owned()
}

/// Splits a query string into decoded pairs (empty pairs skipped, a pair
/// without `=` has an empty value), as `form_urlencoded::parse` does.
/// That crate is not used: it is in the tree only with the `browser`
/// feature (through `url`), and on top of `percent_encoding`, which does
/// the decoding here, it would add two `split`s.
#[cfg_attr(not(feature = "mock"), allow(dead_code))]
pub(crate) fn parse_query(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode_component(k), decode_component(v)),
            None => (decode_component(p), String::new()),
        })
        .collect()
}

/// The host (and port) of a URL, user info dropped: what an error or a log
/// line may show of where a request went. A URL without a scheme is read
/// from its start.
pub(crate) fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    authority.rsplit('@').next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_drops_scheme_user_info_path_query_and_fragment() {
        assert_eq!(host("https://api.spotify.com/v1/albums"), "api.spotify.com");
        assert_eq!(host("http://user:pw@h:8080?q#f"), "h:8080");
        assert_eq!(host("http://h#f"), "h");
        assert_eq!(host("h@ost/path"), "ost");
        assert_eq!(host(""), "");
    }

    #[test]
    fn round_trips_awkward_text() {
        let q = r#"artist:"Sigur Rós" & #1 year:1990-1999"#;
        let enc = form(&[("q", q)]);
        assert!(!enc.contains(' ') && !enc.contains('#') && !enc[2..].contains('&'));
        assert_eq!(parse_query(&enc), vec![("q".to_owned(), q.to_owned())]);
    }
}
