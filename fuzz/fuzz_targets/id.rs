//! `parse_id` and `parse_uri` on arbitrary text: no panic, and whatever is
//! accepted is a well-formed ID that parses back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spotify_blocking::id::{IdKind, parse_id, parse_uri};

const KINDS: [IdKind; 9] = [
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

fn well_formed(id: &str, kind: IdKind) -> bool {
    if kind == IdKind::User {
        !id.is_empty()
            && id.len() <= 128
            && !id
                .chars()
                .any(|c| c.is_whitespace() || matches!(c, '/' | '?' | '#' | ':' | '&'))
    } else {
        id.len() == 22 && id.bytes().all(|b| b.is_ascii_alphanumeric())
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    for kind in KINDS {
        if let Ok(id) = parse_id(input, kind) {
            assert!(well_formed(&id, kind), "{input:?} as {kind:?} gave {id:?}");
            assert_eq!(parse_id(&id, kind).unwrap(), id);
        }
    }
    if let Ok((kind, uri)) = parse_uri(input) {
        let id = uri
            .strip_prefix(&format!("spotify:{kind}:"))
            .unwrap_or_else(|| panic!("{input:?} gave {uri:?}"));
        assert!(well_formed(id, kind), "{input:?} gave {uri:?}");
        assert_eq!(parse_id(&uri, kind).unwrap(), id);
        assert_eq!(parse_uri(&uri).unwrap(), (kind, uri.clone()));
    }
});
