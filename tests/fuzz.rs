//! Random input for the parsers: IDs and URIs, model decoding, and whole
//! responses over the wire. Nothing may panic; whatever is accepted must
//! be well-formed. A small deterministic generator drives it (set
//! `FUZZ_SEED` to explore other inputs; a failure prints the seed and the
//! input).

use spotify_blocking::id::{IdKind, parse_id, parse_uri};
use spotify_blocking::mock::{Fault, HYBRID_THEORY, MockServer};
use spotify_blocking::model::{FullAlbum, Page, SimpleTrack};
use spotify_blocking::{Error, RetryPolicy};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// xorshift64*: small, fast, reproducible.
struct Rng(u64);

impl Rng {
    fn from_env() -> (Rng, u64) {
        let seed = std::env::var("FUZZ_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0x5eed_2026_u64);
        (Rng(seed | 1), seed)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

/// Runs `f`, turning a panic into a failure that names the seed and input.
fn no_panic<R>(seed: u64, input: &dyn std::fmt::Debug, f: impl FnOnce() -> R) -> R {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(_) => panic!("panicked (FUZZ_SEED={seed}) on input {input:?}"),
    }
}

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

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Pieces that IDs, URIs and URLs are made of, and some that break them.
const PIECES: &[&str] = &[
    "spotify:",
    "spotify:album:",
    "spotify:user:",
    ":playlist:",
    "https://",
    "http://",
    "open.spotify.com/",
    "play.spotify.com/",
    "evil.example/",
    "intl-de/",
    "intl-",
    "embed/",
    "album/",
    "track/",
    "user/",
    "playlist",
    "/",
    "//",
    ":",
    "?",
    "?si=abc",
    "#",
    "&",
    " ",
    "\t",
    "\n",
    "%20",
    "é",
    "🎵",
    "\u{0}",
    "\u{202e}",
    "ﬀ",
    "3RBULTZJ97bvVzZLpxcB0j",
];

fn random_id_input(rng: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..rng.below(7) {
        match rng.below(4) {
            0 => {
                for _ in 0..rng.pick(&[1, 5, 21, 22, 23, 40]) {
                    s.push(rng.pick(BASE62) as char);
                }
            }
            1 => {
                let bytes: Vec<u8> = (0..rng.below(12)).map(|_| rng.next() as u8).collect();
                s.push_str(&String::from_utf8_lossy(&bytes));
            }
            _ => s.push_str(rng.pick(PIECES)),
        }
    }
    if rng.chance(20) {
        s = s.repeat(50);
    }
    s
}

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

#[test]
fn ids_and_uris_never_panic_and_accept_only_well_formed_ids() {
    let (mut rng, seed) = Rng::from_env();
    let mut accepted = 0;
    for _ in 0..20_000 {
        let input = random_id_input(&mut rng);
        let kind = rng.pick(&KINDS);
        no_panic(seed, &input, || {
            match parse_id(&input, kind) {
                Ok(id) => {
                    accepted += 1;
                    assert!(well_formed(&id, kind), "{input:?} gave {id:?}");
                }
                Err(e) => {
                    assert!(matches!(e, Error::InvalidId { .. }), "{e:?}");
                    assert!(!e.to_string().is_empty());
                }
            }
            match parse_uri(&input) {
                Ok((k, uri)) => {
                    let id = uri
                        .strip_prefix(&format!("spotify:{k}:"))
                        .unwrap_or_else(|| panic!("{input:?} gave {uri:?}"));
                    assert!(well_formed(id, k), "{input:?} gave {uri:?}");
                    // The canonical URI parses back to the same ID.
                    assert_eq!(parse_id(&uri, k).unwrap(), id);
                    assert_eq!(parse_uri(&uri).unwrap(), (k, uri.clone()));
                }
                Err(e) => {
                    let Error::InvalidId { input: shown, .. } = &e else {
                        panic!("{e:?}")
                    };
                    assert!(shown.chars().count() <= 121, "error echoes a huge input");
                }
            }
        });
    }
    // The generator does produce valid inputs too.
    assert!(accepted > 100, "only {accepted} accepted");
}

/// The album as the mock serves it.
fn album_body(mock: &MockServer) -> String {
    let token = mock.credentials().request_client_token().unwrap();
    let mut resp = ureq::get(format!("{}/albums/{HYBRID_THEORY}", mock.api_base()))
        .header("Authorization", format!("Bearer {}", token.access_token()))
        .call()
        .unwrap();
    resp.body_mut().read_to_string().unwrap()
}

const JUNK_VALUES: &[&str] = &[
    "null",
    "true",
    "0",
    "-1",
    "1.5",
    "1e999",
    "-1e999",
    "18446744073709551616",
    "-9223372036854775809",
    "\"\"",
    "\"x\"",
    "\"\\ud800\"",
    "\"spotify:album:x\"",
    "[]",
    "[null]",
    "{}",
    "{\"items\":null}",
    "[[[[[[[[[[]]]]]]]]]]",
];

/// A random value to put where any field was.
fn junk(rng: &mut Rng) -> serde_json::Value {
    serde_json::from_str(rng.pick(JUNK_VALUES)).unwrap_or(serde_json::Value::Null)
}

/// Replaces one random node of `v` (or drops it from its object).
fn mutate_tree(v: &mut serde_json::Value, rng: &mut Rng, depth: usize) {
    use serde_json::Value;
    let descend = depth < 8 && !rng.chance(4);
    match v {
        Value::Object(map) if !map.is_empty() => {
            let key = map.keys().nth(rng.below(map.len())).cloned().unwrap();
            if descend {
                mutate_tree(map.get_mut(&key).unwrap(), rng, depth + 1);
            } else if rng.chance(3) {
                map.remove(&key);
            } else {
                map.insert(key, junk(rng));
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let i = rng.below(items.len());
            if descend {
                mutate_tree(&mut items[i], rng, depth + 1);
            } else {
                items[i] = junk(rng);
            }
        }
        other => *other = junk(rng),
    }
}

/// Byte-level damage: cut, delete, duplicate or splice in junk.
fn mutate_text(text: &str, rng: &mut Rng) -> String {
    let mut b = text.as_bytes().to_vec();
    for _ in 0..1 + rng.below(3) {
        let len = b.len().max(1);
        let at = rng.below(len);
        match rng.below(5) {
            0 => b.truncate(at),
            1 => {
                let end = (at + rng.below(40)).min(b.len());
                b.drain(at.min(end)..end);
            }
            2 => {
                let end = (at + rng.below(40)).min(b.len());
                let piece = b[at.min(end)..end].to_vec();
                b.splice(at..at, piece);
            }
            3 => {
                let at = at.min(b.len());
                b.splice(at..at, rng.pick(JUNK_VALUES).bytes());
            }
            _ => {
                if let Some(x) = b.get_mut(at) {
                    *x ^= 1 << rng.below(8);
                }
            }
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

fn mutated(valid: &serde_json::Value, text: &str, rng: &mut Rng) -> String {
    if rng.chance(2) {
        let mut v = valid.clone();
        for _ in 0..1 + rng.below(4) {
            mutate_tree(&mut v, rng, 0);
        }
        v.to_string()
    } else {
        mutate_text(text, rng)
    }
}

#[test]
fn models_decode_mutated_albums_without_panicking() {
    let (mut rng, seed) = Rng::from_env();
    let mock = MockServer::start();
    let text = album_body(&mock);
    let valid: serde_json::Value = serde_json::from_str(&text).unwrap();
    let (mut ok, mut failed) = (0, 0);
    for _ in 0..1500 {
        let body = mutated(&valid, &text, &mut rng);
        no_panic(seed, &body, || {
            match serde_json::from_str::<FullAlbum>(&body) {
                Ok(album) => {
                    ok += 1;
                    // Whatever decodes also prints and re-encodes.
                    let _ = album.to_string();
                    let _ = format!("{album:#}");
                    let again = serde_json::to_string(&album).unwrap();
                    let back: FullAlbum = serde_json::from_str(&again).unwrap();
                    assert_eq!(back, album);
                }
                Err(_) => failed += 1,
            }
            let _ = serde_json::from_str::<Page<SimpleTrack>>(&body);
        });
    }
    assert!(ok > 50 && failed > 50, "ok {ok}, failed {failed}");
}

#[test]
fn the_decoder_survives_random_responses_over_the_wire() {
    let (mut rng, seed) = Rng::from_env();
    let mock = MockServer::start();
    let text = album_body(&mock);
    let valid: serde_json::Value = serde_json::from_str(&text).unwrap();
    let token = mock.credentials().request_client_token().unwrap();
    let spotify = mock.builder().retry(RetryPolicy::none()).build(token);
    let statuses = [200, 200, 200, 200, 201, 204, 400, 403, 404, 429, 500, 502];
    let types = ["application/json", "text/plain", "text/html", ""];
    let mut decoded = 0;
    mock.clear_requests();
    for _ in 0..300 {
        let status = rng.pick(&statuses);
        let body = match rng.below(4) {
            0 => {
                let bytes: Vec<u8> = (0..rng.below(300)).map(|_| rng.next() as u8).collect();
                String::from_utf8_lossy(&bytes).into_owned()
            }
            _ => mutated(&valid, &text, &mut rng),
        };
        mock.fault_on(
            "/v1/",
            Fault::Raw {
                status,
                content_type: rng.pick(&types).to_string(),
                body: body.clone(),
            },
        );
        let input = (status, &body);
        no_panic(seed, &input, || match spotify.album(HYBRID_THEORY).send() {
            Ok(album) => {
                assert!((200..300).contains(&status), "{status} gave Ok");
                decoded += 1;
                let _ = format!("{album} {album:#}");
            }
            Err(e @ Error::Decode { .. }) => {
                assert!((200..300).contains(&status), "{status}: {e:?}");
                let Error::Decode { body: shown, .. } = &e else {
                    unreachable!()
                };
                assert!(
                    shown.len() <= 340,
                    "the excerpt is bounded: {}",
                    shown.len()
                );
            }
            Err(e @ Error::Api { .. }) => {
                assert_eq!(e.status(), Some(status), "{e:?}");
                let Error::Api { message, .. } = &e else {
                    unreachable!()
                };
                assert!(message.len() <= 340, "the message is bounded");
            }
            Err(e) => panic!("{status}: unexpected {e:?}"),
        });
    }
    assert!(decoded > 5, "only {decoded} decoded");
    assert_eq!(mock.request_count(), 300, "one request per case");
}
