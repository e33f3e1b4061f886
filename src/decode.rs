//! Decoding response bodies straight into models.

use crate::error::{Error, Result, Secrets};
use serde::de::DeserializeOwned;

const EXCERPT: usize = 300;

/// Decodes `body` as `T`, parsing the bytes once, in place, after one check
/// that they are UTF-8 (bytes that are not are a decode error like any other
/// bad JSON). Only on failure
/// is it read again, with path tracking, so the error names the bad field;
/// the fast path pays nothing for that.
///
/// Takes bytes or text (the model tests decode `&str` fixtures). An answer
/// that may echo what the request carried goes through [`decode_with`].
#[cfg(test)]
pub(crate) fn decode<T: DeserializeOwned>(
    body: &(impl AsRef<[u8]> + ?Sized),
    endpoint: &str,
) -> Result<T> {
    decode_with(body.as_ref(), endpoint, Secrets::default)
}

/// Like `decode`; a failure's message, path and body excerpt have every
/// form of the request's `secrets` cut out first (made only on failure, so
/// the fast path pays nothing), and serde's error is kept as the cause
/// only when it shows none of them.
pub(crate) fn decode_with<T: DeserializeOwned>(
    body: &[u8],
    endpoint: &str,
    secrets: impl FnOnce() -> Secrets,
) -> Result<T> {
    let blank = body.trim_ascii().is_empty();
    let text: &[u8] = if blank { b"null" } else { body };
    // One pass over the whole body checks the UTF-8 (std's check is fast);
    // serde_json then reads it as text and skips its per-string check,
    // which costs more than this one (about 15% of an album's instructions
    // under callgrind). Bytes that are not UTF-8 take the slow path below,
    // where `from_slice` finds them and says where.
    let parsed = match std::str::from_utf8(text) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(text),
    };
    match parsed {
        Ok(v) => Ok(v),
        Err(first) => {
            let mut de = serde_json::Deserializer::from_slice(text);
            let (path, message) = match serde_path_to_error::deserialize::<_, T>(&mut de) {
                Err(e) => (e.path().to_string(), e.inner().to_string()),
                Ok(_) => (".".to_owned(), first.to_string()),
            };
            let message = if blank {
                "the body was empty where a JSON object was expected".to_owned()
            } else {
                message
            };
            let secrets = secrets();
            let source: Option<crate::error::Cause> = Some(Box::new(first));
            Err(Error::Decode {
                endpoint: endpoint.to_owned(),
                path,
                message,
                body: excerpt(body, &secrets),
                source,
            }
            .redact(&secrets))
        }
    }
}

/// Like [`decode_with`], for bodies that hold secrets (the token
/// endpoint's answer): a failure keeps the path and serde's message, not
/// the body.
pub(crate) fn decode_secret<T: DeserializeOwned>(
    body: &[u8],
    endpoint: &str,
    secrets: &Secrets,
) -> Result<T> {
    let none = Secrets::default;
    decode_with(body, endpoint, none).map_err(|e| match e {
        Error::Decode {
            endpoint,
            path,
            message,
            ..
        } => Error::Decode {
            endpoint,
            path,
            message,
            body: "(not shown: it may hold a token)".to_owned(),
            source: None,
        }
        .redact(secrets),
        other => other.redact(secrets),
    })
}

/// The start of a body, for error messages, with every form of `secrets`
/// cut out of the whole body before it is cut short; bytes that are not
/// UTF-8 show as U+FFFD.
pub(crate) fn excerpt(body: &[u8], secrets: &Secrets) -> String {
    excerpt_text(&secrets.scrub(&String::from_utf8_lossy(body)))
}

fn excerpt_text(body: &str) -> String {
    let body = body.trim();
    if body.len() <= EXCERPT {
        return body.to_owned();
    }
    let mut end = EXCERPT;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}... ({} bytes)", &body[..end], body.len())
}

#[derive(serde::Deserialize)]
struct ErrorBody {
    error: ErrorObject,
}

#[derive(serde::Deserialize)]
struct ErrorObject {
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    reason: Option<String>,
}

/// Turns a non-2xx response into [`Error::Api`], reading Spotify's error body
/// `{"error": {"status", "message", "reason"}}` when there is one. Every
/// form of `secrets` is cut out of the message (of the whole body, before
/// any excerpt is taken).
pub(crate) fn api_error(
    status: u16,
    body: &[u8],
    endpoint: &str,
    retry_after: Option<std::time::Duration>,
    attempts: u32,
    secrets: &Secrets,
) -> Error {
    let (message, reason) = match serde_json::from_slice::<ErrorBody>(body) {
        Ok(e) => (
            e.error.message.unwrap_or_default(),
            e.error
                .reason
                .as_deref()
                .map(crate::error::PlayerReason::parse),
        ),
        Err(_) => {
            let text = String::from_utf8_lossy(body);
            let text = secrets.scrub(&text);
            (
                html_title(&text).unwrap_or_else(|| excerpt_text(&text)),
                None,
            )
        }
    };
    Error::Api {
        status,
        message,
        reason,
        retry_after,
        attempts,
        endpoint: endpoint.to_owned(),
    }
    .redact(secrets)
}

/// A 403 that Spotify gives for a scope reason ("Insufficient client
/// scope") becomes [`Error::MissingScope`], naming every scope the
/// operation lists; a bare 403 ("Forbidden") of an operation Spotify
/// restricted for Development-Mode apps (every deprecated one) becomes
/// [`Error::DevelopmentMode`], naming the replacement; other errors pass
/// through.
pub(crate) fn explain_403(
    error: Error,
    op: Option<&crate::request::Endpoint>,
    granted: Option<crate::auth::scope::Scopes>,
) -> Error {
    let (
        Some(op),
        Error::Api {
            status: 403,
            message,
            ..
        },
    ) = (op, &error)
    else {
        return error;
    };
    if message
        .to_ascii_lowercase()
        .contains("insufficient client scope")
        && !op.scopes.is_empty()
    {
        return Error::MissingScope {
            endpoint: op.label.to_owned(),
            needed: crate::auth::scope::Scopes::parse(&op.scopes.join(" ")),
            granted,
            status: Some(403),
        };
    }
    // Spotify's body for them is the bare `{"status": 403, "message":
    // "Forbidden"}`; a 403 that says more is about something else.
    let bare = message.is_empty() || message.eq_ignore_ascii_case("forbidden");
    if let Some(instead) = op.deprecated.filter(|_| bare) {
        return Error::DevelopmentMode {
            endpoint: op.label.to_owned(),
            restricted: restricted_in(op.operation_id),
            replacement: Some(instead).filter(|r| *r != "no replacement"),
            message: message.clone(),
        };
    }
    error
}

/// When Spotify restricted a deprecated operation for Development-Mode
/// apps: these in November 2024, the rest in February 2026.
fn restricted_in(operation_id: &str) -> &'static str {
    const NOVEMBER_2024: &[&str] = &[
        "get-an-artists-related-artists",
        "get-recommendations",
        "get-recommendation-genres",
        "get-audio-features",
        "get-several-audio-features",
        "get-audio-analysis",
        "get-featured-playlists",
        "get-a-categories-playlists",
    ];
    if NOVEMBER_2024.contains(&operation_id) {
        "November 2024"
    } else {
        "February 2026"
    }
}

fn html_title(body: &str) -> Option<String> {
    let lower = body.to_ascii_lowercase();
    let start = lower.find("<title>")? + 7;
    let end = lower[start..].find("</title>")? + start;
    Some(body.get(start..end)?.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        items: Vec<Inner>,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        n: u32,
    }

    #[test]
    fn decode_error_names_the_path() {
        let err = decode::<Outer>(br#"{"items":[{"n":1},{"n":"x"}]}"#, "GET /x").unwrap_err();
        match err {
            Error::Decode { path, body, .. } => {
                assert_eq!(path, "items[1].n");
                assert!(body.contains("\"x\""));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn empty_body_is_a_clear_decode_error() {
        let err = decode::<Outer>(b" \r\n", "GET /x").unwrap_err();
        assert!(err.to_string().contains("body was empty"), "{err}");
    }

    #[test]
    fn api_error_reads_spotify_body_and_html() {
        let e = api_error(
            404,
            br#"{"error":{"status":404,"message":"Player command failed: No active device found","reason":"NO_ACTIVE_DEVICE"}}"#,
            "PUT /me/player/play",
            None,
            1,
            &Secrets::default(),
        );
        assert_eq!(e.reason(), Some(&crate::PlayerReason::NoActiveDevice));
        assert!(e.to_string().contains("No active device"));
        let e = api_error(
            502,
            b"<html><title>502 Bad Gateway</title></html>",
            "GET /x",
            None,
            4,
            &Secrets::default(),
        );
        assert_eq!(
            e.to_string(),
            "Spotify returned 502 for GET /x: 502 Bad Gateway after 4 attempts"
        );
    }

    #[test]
    fn excerpt_truncates_on_char_boundary() {
        let s = "é".repeat(400);
        let e = excerpt(s.as_bytes(), &Secrets::default());
        assert!(e.ends_with("(800 bytes)"));
    }

    #[test]
    fn bytes_that_are_not_utf8_are_a_decode_error_and_show_lossily() {
        let err = decode::<Inner>(b"{\"n\": \"\xff\"}", "GET /x").unwrap_err();
        match err {
            Error::Decode { path, body, .. } => {
                assert_eq!(path, "n");
                assert_eq!(body, "{\"n\": \"\u{FFFD}\"}");
            }
            other => panic!("{other:?}"),
        }
        let e = api_error(
            503,
            b"<title>Indisponible \xe0 Z\xfcrich</title>",
            "GET /x",
            None,
            1,
            &Secrets::default(),
        );
        assert_eq!(
            e.to_string(),
            "Spotify returned 503 for GET /x: Indisponible \u{FFFD} Z\u{FFFD}rich"
        );
    }
}
