//! Randomness for the authorisation flows: `state` values and PKCE
//! (RFC 7636, method `S256`) verifiers and challenges.

use crate::error::{Error, Result};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// `n` bytes from the OS random number generator, base64url without padding.
pub(crate) fn random_urlsafe(n: usize) -> Result<String> {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes).map_err(|e| Error::Io {
        context: "reading the operating system's random number generator".into(),
        source: std::io::Error::other(e.to_string()),
    })?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// A fresh `state`: 32 random bytes, 43 URL-safe characters.
pub(crate) fn new_state() -> Result<String> {
    random_urlsafe(32)
}

/// A fresh PKCE code verifier: 64 random bytes, 86 characters from the
/// unreserved set `A-Z a-z 0-9 - _` (RFC 7636 allows 43 to 128).
pub(crate) fn new_verifier() -> Result<String> {
    random_urlsafe(64)
}

/// The `S256` code challenge of a verifier:
/// `base64url(sha256(verifier))` without padding.
pub(crate) fn s256_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// The `S256` code challenge of a PKCE code verifier:
/// `base64url(sha256(verifier))` without padding.
///
/// Deprecated: [`UserAuth`](crate::UserAuth) makes the verifier and puts
/// its challenge in the login URL; [`UserAuth::code_challenge`](crate::UserAuth::code_challenge)
/// shows it.
///
/// ```
/// # #![allow(deprecated)]
/// // The example of RFC 7636, appendix B.
/// let challenge = spotify_blocking::pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
/// assert_eq!(challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
/// ```
#[deprecated(since = "0.2.0", note = "use UserAuth::code_challenge")]
pub fn pkce_challenge(verifier: &str) -> String {
    s256_challenge(verifier)
}

/// Compares two strings in time independent of where they differ.
pub(crate) fn constant_time_eq(a: &str, b: &str) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.bytes()
        .zip(b.bytes())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unreserved(s: &str) -> bool {
        s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    }

    #[test]
    fn state_is_43_url_safe_characters_and_fresh() {
        let a = new_state().unwrap();
        let b = new_state().unwrap();
        assert_eq!(a.len(), 43);
        assert!(unreserved(&a));
        assert_ne!(a, b);
    }

    #[test]
    fn verifier_fits_rfc_7636() {
        let v = new_verifier().unwrap();
        assert!((43..=128).contains(&v.len()), "{}", v.len());
        assert!(unreserved(&v));
        assert_eq!(s256_challenge(&v).len(), 43);
    }

    #[test]
    fn rfc_7636_appendix_b() {
        let challenge = s256_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assert_eq!(challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    #[test]
    fn equality_is_exact() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "ab"));
    }
}
