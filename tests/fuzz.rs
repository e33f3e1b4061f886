//! Property tests for the parsers: IDs and URIs, redirect URLs, scopes, INI
//! files, model decoding, and whole responses over the wire. Nothing may
//! panic; whatever is accepted must be well-formed; what round-trips must
//! come back the same.
//!
//! proptest drives it: a failure is shrunk to a minimal input and printed.
//! Runs are reproducible: the seed is fixed (`FUZZ_SEED`, or proptest's
//! `PROPTEST_RNG_SEED`, picks another) and `PROPTEST_CASES` overrides every
//! test's case count. Each case count is kept moderate so the whole file
//! runs in seconds; the coverage-guided targets under `fuzz/` explore
//! further.

use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};
use serde_json::Value;
use spotify_blocking::id::{IdKind, parse_id, parse_uri};
use spotify_blocking::mock::{Fault, HYBRID_THEORY, MockServer};
use spotify_blocking::model::{
    CurrentPlayback, FullAlbum, FullPlaylist, Page, SearchResults, SimpleTrack,
};
use spotify_blocking::scope::{Scope, Scopes};
use spotify_blocking::{
    Credentials, Error, RedirectError, RetryPolicy, UserAuth, config_from_file,
    config_from_file_section, config_to_file,
};
use std::cell::Cell;

/// The seed every test starts from unless the environment picks one.
const SEED: u64 = 0x5eed_2026;

/// `cases` cases from a fixed seed, no failure files written.
fn config(cases: u32) -> Config {
    let mut c = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = cases;
    }
    if matches!(c.rng_seed, RngSeed::Random) {
        let seed = std::env::var("FUZZ_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(SEED);
        c.rng_seed = RngSeed::Fixed(seed);
    }
    c.failure_persistence = None;
    c.max_shrink_iters = 4096;
    c
}

/// Runs `test` on `cases` values of `strategy`; a failure panics with the
/// shrunk input and the seed.
fn check<S: Strategy>(cases: u32, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let config = config(cases);
    let seed = config.rng_seed;
    let mut runner = TestRunner::new(config);
    if let Err(e) = runner.run(&strategy, test) {
        panic!("{e} (seed {seed:?})");
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

fn base62(lens: &'static [usize]) -> impl Strategy<Value = String> {
    select(lens).prop_flat_map(|n| {
        proptest::collection::vec(select(BASE62), n)
            .prop_map(|b| b.into_iter().map(char::from).collect())
    })
}

fn lossy(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<u8>(), 0..max)
        .prop_map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// Text made of ID-shaped runs, random bytes and the pieces above; now and
/// then repeated into a long input.
fn id_input() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        1 => base62(&[1, 5, 21, 22, 23, 40]),
        1 => lossy(12),
        3 => select(PIECES).prop_map(str::to_owned),
    ];
    (
        proptest::collection::vec(part, 0..7),
        proptest::bool::weighted(0.05),
    )
        .prop_map(|(parts, long)| {
            let s = parts.concat();
            if long { s.repeat(50) } else { s }
        })
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
    let accepted = Cell::new(0);
    check(6000, (id_input(), select(&KINDS[..])), |(input, kind)| {
        match parse_id(&input, kind) {
            Ok(id) => {
                accepted.set(accepted.get() + 1);
                prop_assert!(well_formed(&id, kind), "{input:?} gave {id:?}");
            }
            Err(e) => {
                prop_assert!(matches!(e, Error::InvalidId { .. }), "{e:?}");
                prop_assert!(!e.to_string().is_empty());
            }
        }
        match parse_uri(&input) {
            Ok((k, uri)) => {
                let prefix = format!("spotify:{k}:");
                let id = uri.strip_prefix(&prefix);
                prop_assert!(id.is_some(), "{input:?} gave {uri:?}");
                let id = id.unwrap();
                prop_assert!(well_formed(id, k), "{input:?} gave {uri:?}");
                // The canonical URI parses back to the same ID.
                prop_assert_eq!(parse_id(&uri, k).unwrap(), id);
                prop_assert_eq!(parse_uri(&uri).unwrap(), (k, uri.clone()));
            }
            Err(e) => {
                let Error::InvalidId { input: shown, .. } = &e else {
                    return Err(TestCaseError::fail(format!("{e:?}")));
                };
                prop_assert!(shown.chars().count() <= 121, "error echoes a huge input");
            }
        }
        Ok(())
    });
    // The generator does produce valid inputs too.
    assert!(accepted.get() > 30, "only {} accepted", accepted.get());
}

/// Every way of writing a well-formed ID is accepted and gives that ID.
#[test]
fn well_formed_ids_round_trip_in_every_spelling() {
    let spelling = select(&[
        "{id}",
        "spotify:{kind}:{id}",
        "https://open.spotify.com/{kind}/{id}",
        "https://open.spotify.com/intl-de/{kind}/{id}?si=abc",
        "  spotify:{kind}:{id}\n",
    ]);
    let kinds = select(&KINDS[..8]);
    check(1500, (base62(&[22]), kinds, spelling), |(id, kind, how)| {
        let input = how.replace("{kind}", kind.as_str()).replace("{id}", &id);
        prop_assert_eq!(parse_id(&input, kind).ok(), Some(id.clone()), "{:?}", input);
        if input.contains(':') || input.contains('/') {
            prop_assert_eq!(
                parse_uri(&input).ok(),
                Some((kind, format!("spotify:{kind}:{id}"))),
                "{:?}",
                input
            );
        }
        Ok(())
    });
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

/// The junk value with index `i` (wrapping).
fn junk(i: usize) -> Value {
    serde_json::from_str(JUNK_VALUES[i % JUNK_VALUES.len()]).unwrap_or(Value::Null)
}

/// One change to a JSON tree: follow `steps` down (each picks a child,
/// wrapping), then drop what is there (`drop`, in an object) or put a junk
/// value in its place. Shrinks towards shallow changes and simple junk.
#[derive(Debug, Clone)]
struct TreeEdit {
    steps: Vec<usize>,
    drop: bool,
    junk: usize,
}

fn tree_edit() -> impl Strategy<Value = TreeEdit> {
    (
        proptest::collection::vec(0..64usize, 0..9),
        proptest::bool::weighted(0.3),
        0..JUNK_VALUES.len(),
    )
        .prop_map(|(steps, drop, junk)| TreeEdit { steps, drop, junk })
}

fn apply_tree(v: &mut Value, edit: &TreeEdit) {
    edit_at(v, &edit.steps, edit);
}

fn edit_at(v: &mut Value, steps: &[usize], edit: &TreeEdit) {
    let Some((&step, rest)) = steps.split_first() else {
        *v = junk(edit.junk);
        return;
    };
    match v {
        Value::Object(map) if !map.is_empty() => {
            let key = map.keys().nth(step % map.len()).cloned().unwrap();
            if !rest.is_empty() {
                edit_at(map.get_mut(&key).unwrap(), rest, edit);
            } else if edit.drop {
                map.remove(&key);
            } else {
                map.insert(key, junk(edit.junk));
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let i = step % items.len();
            if rest.is_empty() {
                items[i] = junk(edit.junk);
            } else {
                edit_at(&mut items[i], rest, edit);
            }
        }
        other => *other = junk(edit.junk),
    }
}

/// Byte-level damage at `at` (a fraction of the length, in 1/65536ths): cut
/// the rest, delete or duplicate `len` bytes, splice in junk, or flip a bit.
#[derive(Debug, Clone)]
enum TextEdit {
    Truncate { at: u16 },
    Delete { at: u16, len: usize },
    Duplicate { at: u16, len: usize },
    Splice { at: u16, junk: usize },
    FlipBit { at: u16, bit: u8 },
}

fn text_edit() -> impl Strategy<Value = TextEdit> {
    prop_oneof![
        any::<u16>().prop_map(|at| TextEdit::Truncate { at }),
        (any::<u16>(), 0..40usize).prop_map(|(at, len)| TextEdit::Delete { at, len }),
        (any::<u16>(), 0..40usize).prop_map(|(at, len)| TextEdit::Duplicate { at, len }),
        (any::<u16>(), 0..JUNK_VALUES.len()).prop_map(|(at, junk)| TextEdit::Splice { at, junk }),
        (any::<u16>(), 0..8u8).prop_map(|(at, bit)| TextEdit::FlipBit { at, bit }),
    ]
}

fn apply_text(b: &mut Vec<u8>, edit: &TextEdit) {
    let pos = |at: u16| (b.len() * at as usize) >> 16;
    match *edit {
        TextEdit::Truncate { at } => b.truncate(pos(at)),
        TextEdit::Delete { at, len } => {
            let at = pos(at);
            let end = (at + len).min(b.len());
            b.drain(at..end);
        }
        TextEdit::Duplicate { at, len } => {
            let at = pos(at);
            let end = (at + len).min(b.len());
            let piece = b[at..end].to_vec();
            b.splice(at..at, piece);
        }
        TextEdit::Splice { at, junk } => {
            let at = pos(at);
            b.splice(at..at, JUNK_VALUES[junk].bytes());
        }
        TextEdit::FlipBit { at, bit } => {
            let at = pos(at);
            if let Some(x) = b.get_mut(at) {
                *x ^= 1 << bit;
            }
        }
    }
}

/// A damaged copy of a valid body: edits to its tree, or to its bytes.
#[derive(Debug, Clone)]
enum Damage {
    Tree(Vec<TreeEdit>),
    Text(Vec<TextEdit>),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        proptest::collection::vec(tree_edit(), 1..5).prop_map(Damage::Tree),
        proptest::collection::vec(text_edit(), 1..4).prop_map(Damage::Text),
    ]
}

fn damaged(valid: &Value, text: &str, damage: &Damage) -> String {
    match damage {
        Damage::Tree(edits) => {
            let mut v = valid.clone();
            for e in edits {
                apply_tree(&mut v, e);
            }
            v.to_string()
        }
        Damage::Text(edits) => {
            let mut b = text.as_bytes().to_vec();
            for e in edits {
                apply_text(&mut b, e);
            }
            String::from_utf8_lossy(&b).into_owned()
        }
    }
}

#[test]
fn models_decode_mutated_albums_without_panicking() {
    let mock = MockServer::start();
    let text = album_body(&mock);
    let valid: Value = serde_json::from_str(&text).unwrap();
    let (ok, failed) = (Cell::new(0), Cell::new(0));
    check(1000, damage(), |d| {
        let body = damaged(&valid, &text, &d);
        match serde_json::from_str::<FullAlbum>(&body) {
            Ok(album) => {
                ok.set(ok.get() + 1);
                // Whatever decodes also prints and re-encodes.
                let _ = album.to_string();
                let _ = format!("{album:#}");
                let again = serde_json::to_string(&album).unwrap();
                let back: FullAlbum = serde_json::from_str(&again).unwrap();
                prop_assert_eq!(back, album);
            }
            Err(_) => failed.set(failed.get() + 1),
        }
        let _ = serde_json::from_str::<Page<SimpleTrack>>(&body);
        Ok(())
    });
    assert!(
        ok.get() > 50 && failed.get() > 50,
        "ok {}, failed {}",
        ok.get(),
        failed.get()
    );
}

#[derive(Debug, Clone)]
enum WireBody {
    Bytes(String),
    Damaged(Damage),
}

#[test]
fn the_decoder_survives_random_responses_over_the_wire() {
    let mock = MockServer::start();
    let text = album_body(&mock);
    let valid: Value = serde_json::from_str(&text).unwrap();
    let token = mock.credentials().request_client_token().unwrap();
    let spotify = mock.builder().retry(RetryPolicy::none()).build(token);
    let statuses = [200, 200, 200, 200, 201, 204, 400, 403, 404, 429, 500, 502];
    let types = ["application/json", "text/plain", "text/html", ""];
    let body = prop_oneof![
        1 => lossy(300).prop_map(WireBody::Bytes),
        3 => damage().prop_map(WireBody::Damaged),
    ];
    let (decoded, sent) = (Cell::new(0), Cell::new(0));
    mock.clear_requests();
    check(
        250,
        (select(statuses.to_vec()), select(types.to_vec()), body),
        |(status, ctype, body)| {
            let body = match body {
                WireBody::Bytes(s) => s,
                WireBody::Damaged(d) => damaged(&valid, &text, &d),
            };
            mock.fault_on(
                "/v1/",
                Fault::Raw {
                    status,
                    content_type: ctype.to_string(),
                    body: body.clone(),
                },
            );
            sent.set(sent.get() + 1);
            match spotify.album(HYBRID_THEORY).send() {
                Ok(album) => {
                    prop_assert!((200..300).contains(&status), "{status} gave Ok");
                    decoded.set(decoded.get() + 1);
                    let _ = format!("{album} {album:#}");
                }
                Err(Error::Decode { body: shown, .. }) => {
                    prop_assert!((200..300).contains(&status), "{status} gave a decode error");
                    prop_assert!(
                        shown.len() <= 340,
                        "the excerpt is bounded: {}",
                        shown.len()
                    );
                }
                Err(e @ Error::Api { .. }) => {
                    prop_assert_eq!(e.status(), Some(status), "{:?}", e);
                    let Error::Api { message, .. } = &e else {
                        unreachable!()
                    };
                    prop_assert!(message.len() <= 340, "the message is bounded");
                }
                Err(e) => return Err(TestCaseError::fail(format!("{status}: unexpected {e:?}"))),
            }
            Ok(())
        },
    );
    assert!(decoded.get() > 5, "only {} decoded", decoded.get());
    assert_eq!(mock.request_count(), sent.get(), "one request per case");
}

// ------------------------------------------------------------ redirect URLs

const REDIRECT: &str = "https://example.com/callback";

/// Percent-encodes every byte but the unreserved ones.
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

const TEXT_CHARS: &[char] = &[
    'a', 'Z', '0', '9', '-', '_', '.', '~', '&', '=', '?', '#', '%', '+', '/', ':', ' ', '\t', '"',
    '\'', 'é', '🎵', '\u{0}', '\u{202e}',
];

/// Text of random characters: ASCII, URL syntax, whitespace, non-ASCII.
fn text(max: usize) -> impl Strategy<Value = String> {
    let c = prop_oneof![
        1 => select(BASE62).prop_map(char::from),
        2 => select(TEXT_CHARS),
    ];
    proptest::collection::vec(c, 0..=max).prop_map(|v| v.into_iter().collect())
}

/// Addresses that point at `REDIRECT`, spelled in different ways.
const SAME_TARGETS: &[&str] = &[
    "https://example.com/callback",
    "HTTPS://example.com/callback",
    "https://EXAMPLE.COM/callback",
    "https://example.com:443/callback",
];

const URL_PIECES: &[&str] = &[
    "https://",
    "http://",
    "HTTPS://",
    "ftp://",
    "https:/",
    "://",
    "example.com",
    "example.com:443",
    "example.com:8443",
    "evil.example",
    "[::1]",
    "/callback",
    "/callbackx",
    "/",
    "?",
    "&",
    "=",
    "#",
    "code=",
    "state=",
    "error=",
    "error=access_denied",
    "%",
    "%zz",
    "%FF",
    "%2",
    "+",
    " ",
    "\n",
    "é",
    "\u{0}",
];

/// Stands for this login's state in generated inputs (replaced before use).
const STATE: &str = "{STATE}";

/// Redirect-shaped text; `{STATE}` marks where the login's state goes.
fn redirect_input() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        1 => select(SAME_TARGETS).prop_map(str::to_owned),
        1 => select(&["state={STATE}", "&state={STATE}", "state=wrong", "&state=wrong"][..])
            .prop_map(str::to_owned),
        1 => text(12),
        3 => select(URL_PIECES).prop_map(str::to_owned),
    ];
    proptest::collection::vec(part, 0..10).prop_map(|p| p.concat())
}

#[derive(Debug, Clone)]
enum Pasted {
    Built(String),
    Damaged(Vec<TextEdit>),
}

#[test]
fn redirect_urls_never_panic_and_only_the_right_state_gives_a_code() {
    let creds = Credentials::new("id", "secret").redirect_uri(REDIRECT);
    let auth = UserAuth::new(creds, Scopes::new()).unwrap();
    let state = auth.state().to_owned();
    let valid = format!("{REDIRECT}?code=abc-DEF_123&state={state}");
    let (from_url, refused) = (Cell::new(0), Cell::new(0));
    let input = prop_oneof![
        2 => redirect_input().prop_map(Pasted::Built),
        1 => proptest::collection::vec(text_edit(), 1..4).prop_map(Pasted::Damaged),
    ];
    check(3000, input, |pasted| {
        let input = match pasted {
            Pasted::Built(s) => s.replace(STATE, &state),
            Pasted::Damaged(edits) => {
                let mut b = valid.clone().into_bytes();
                for e in &edits {
                    apply_text(&mut b, e);
                }
                String::from_utf8_lossy(&b).into_owned()
            }
        };
        match auth.parse_redirect(&input) {
            Ok(code) => {
                prop_assert!(!code.is_empty(), "{input:?}");
                if input.trim().contains("://") {
                    from_url.set(from_url.get() + 1);
                    prop_assert!(
                        input.contains(&state) || input.contains(&encode(&state)),
                        "a code without this login's state: {input:?}"
                    );
                } else {
                    prop_assert_eq!(code, input.trim(), "a bare code is taken as it is");
                }
            }
            Err(e) => {
                refused.set(refused.get() + 1);
                let msg = e.to_string();
                prop_assert!(!msg.is_empty());
                // A parameter value never shows (a state glued into the
                // path by a mangled paste is part of the path).
                let only_as_value = input
                    .match_indices(&state)
                    .all(|(i, _)| input[..i].ends_with('='));
                if only_as_value {
                    prop_assert!(!msg.contains(&state), "the state leaked: {msg}");
                }
            }
        }
        Ok(())
    });
    assert!(
        from_url.get() > 20 && refused.get() > 500,
        "{} / {}",
        from_url.get(),
        refused.get()
    );
}

#[test]
fn well_formed_redirects_round_trip_to_their_code() {
    let creds = Credentials::new("id", "secret").redirect_uri(REDIRECT);
    let auth = UserAuth::new(creds, Scopes::new()).unwrap();
    let state = auth.state().to_owned();
    let extra = proptest::collection::vec((0..100u32, text(10)), 0..4);
    let fragment = proptest::option::weighted(0.33, text(10));
    let strategy = (
        text(40),
        extra,
        any::<proptest::sample::Index>(),
        select(SAME_TARGETS),
        fragment,
        any::<bool>(),
    );
    check(
        1000,
        strategy,
        |(code, extra, turn, target, fragment, padded)| {
            let code = if code.is_empty() {
                "c".to_owned()
            } else {
                code
            };
            let mut params = vec![
                format!("code={}", encode(&code)),
                format!("state={}", encode(&state)),
            ];
            params.extend(extra.iter().map(|(k, v)| format!("x{k}={}", encode(v))));
            // Some order (the code and the state need not come first).
            let n = params.len();
            params.rotate_left(turn.index(n));
            let mut url = format!("{target}?{}", params.join("&"));
            if let Some(f) = &fragment {
                url.push('#');
                url.push_str(f);
            }
            let pasted = if padded {
                format!("  {url}\n")
            } else {
                url.clone()
            };
            prop_assert_eq!(
                auth.parse_redirect(&pasted),
                Ok(code.clone()),
                "{:?}",
                pasted
            );
            // The same address with another state, or without the code.
            let forged = url.replace(&format!("state={}", encode(&state)), "state=forged");
            prop_assert_eq!(
                auth.parse_redirect(&forged),
                Err(RedirectError::StateMismatch),
                "{:?}",
                forged
            );
            let codeless = url.replace(&format!("code={}", encode(&code)), "code=");
            prop_assert_eq!(
                auth.parse_redirect(&codeless),
                Err(RedirectError::MissingCode),
                "{:?}",
                codeless
            );
            Ok(())
        },
    );
}

// ------------------------------------------------------------------ scopes

const SCOPE_PIECES: &[&str] = &[
    "user-",
    "read",
    "-private",
    "playlist",
    "user-top-read",
    "streaming",
    "app-remote-control",
    " ",
    "  ",
    "\t",
    "\n",
    "\u{3000}",
    "\u{a0}",
    ",",
    "+",
    "%20",
    "é",
    "🎵",
    "\u{0}",
];

fn scope_text() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        1 => select(Scope::ALL).prop_map(|s| s.as_str().to_owned()),
        1 => text(8),
        2 => select(SCOPE_PIECES).prop_map(str::to_owned),
    ];
    proptest::collection::vec(part, 0..8).prop_map(|p| p.concat())
}

#[test]
fn scope_parsing_never_panics_and_round_trips() {
    check(2000, scope_text(), |text| {
        let parsed = Scopes::parse(&text);
        let shown = parsed.to_string();
        prop_assert_eq!(&Scopes::parse(&shown), &parsed, "{:?} -> {:?}", text, shown);
        prop_assert_eq!(shown.trim(), &shown);
        prop_assert!(!shown.contains("  "), "{shown:?}");
        let mut tokens: Vec<&str> = text.split_whitespace().collect();
        tokens.sort_unstable();
        tokens.dedup();
        prop_assert_eq!(parsed.len(), tokens.len(), "{:?}", text);
        prop_assert_eq!(shown, tokens.join(" "), "sorted, one space apart");
        Ok(())
    });
}

#[test]
fn scope_sets_round_trip_through_text() {
    let set = (
        proptest::collection::vec(any::<bool>(), Scope::ALL.len()),
        proptest::option::weighted(0.25, 0..10u32),
    );
    check(1000, set, |(pick, unknown)| {
        let mut set = Scopes::new();
        for (scope, on) in Scope::ALL.iter().zip(pick) {
            if on {
                set.insert(scope.clone());
            }
        }
        if let Some(n) = unknown {
            set.insert(Scope::Unknown(format!("future-scope-{n}")));
        }
        let shown = set.to_string();
        prop_assert_eq!(&Scopes::parse(&shown), &set, "{:?}", shown);
        prop_assert_eq!(&shown.parse::<Scopes>().unwrap(), &set);
        for scope in &set {
            prop_assert!(Scopes::parse(&shown).contains(scope));
        }
        Ok(())
    });
}

// -------------------------------------------------------------- INI files

const TEKORE: &str = "[DEFAULT]\nSPOTIFY_CLIENT_ID = id\nSPOTIFY_CLIENT_SECRET = secret\n\
                      SPOTIFY_REDIRECT_URI = https://example.com/callback\n\
                      SPOTIFY_USER_REFRESH = refresh\n\n[APP]\nSPOTIFY_CLIENT_ID = app\n\n";

const INI_LINES: &[&str] = &[
    "[DEFAULT]",
    "[APP]",
    "[",
    "]",
    "[APP",
    "[]",
    "SPOTIFY_CLIENT_ID = x",
    "SPOTIFY_CLIENT_SECRET=",
    "SPOTIFY_REDIRECT_URI : https://e.com/cb",
    "SPOTIFY_USER_REFRESH",
    "= value",
    "key = \"quoted",
    "key = a\\",
    "; comment",
    "# comment",
    "  indented = 1",
    "\u{feff}[DEFAULT]",
    "k = é🎵",
    "\r",
    "",
];

/// A changed tekore file: byte damage (maybe with a stray byte), or lines
/// removed, duplicated or inserted, joined with `\n` or `\r\n`.
#[derive(Debug, Clone)]
enum IniEdit {
    Bytes(Vec<TextEdit>, Option<(u16, u8)>),
    Lines(Vec<(u8, u16, usize)>, bool),
}

fn ini_edit() -> impl Strategy<Value = IniEdit> {
    let stray = proptest::option::weighted(
        0.33,
        (
            any::<u16>(),
            select(&[0xff_u8, 0xc3, 0x80, 0x00, b'\r'][..]),
        ),
    );
    prop_oneof![
        1 => (proptest::collection::vec(text_edit(), 1..4), stray)
            .prop_map(|(e, s)| IniEdit::Bytes(e, s)),
        2 => (
            proptest::collection::vec((0..4u8, any::<u16>(), 0..INI_LINES.len()), 1..5),
            proptest::bool::weighted(0.25)
        )
            .prop_map(|(ops, crlf)| IniEdit::Lines(ops, crlf)),
    ]
}

fn ini_bytes(edit: &IniEdit) -> Vec<u8> {
    match edit {
        IniEdit::Bytes(edits, stray) => {
            let mut b = TEKORE.as_bytes().to_vec();
            for e in edits {
                apply_text(&mut b, e);
            }
            // The damage is to bytes: keep it (no lossy round trip).
            if let Some((at, byte)) = stray {
                let at = ((b.len() + 1) * *at as usize) >> 16;
                b.insert(at.min(b.len()), *byte);
            }
            b
        }
        IniEdit::Lines(ops, crlf) => {
            let mut lines: Vec<String> = TEKORE.lines().map(str::to_owned).collect();
            for &(op, at, line) in ops {
                let at = ((lines.len() + 1) * at as usize) >> 16;
                match op {
                    0 if at < lines.len() => {
                        lines.remove(at);
                    }
                    1 if at < lines.len() => {
                        let dup = lines[at].clone();
                        lines.insert(at, dup);
                    }
                    _ => lines.insert(at.min(lines.len()), INI_LINES[line].to_owned()),
                }
            }
            lines.join(if *crlf { "\r\n" } else { "\n" }).into_bytes()
        }
    }
}

#[test]
fn ini_reading_never_panics_and_what_it_reads_writes_back() {
    let dir = std::env::temp_dir().join(format!("sb-fuzz-ini-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("tekore.cfg");
    let copy = dir.join("copy.cfg");
    let (ok, failed) = (Cell::new(0), Cell::new(0));
    check(300, ini_edit(), |edit| {
        let bytes = ini_bytes(&edit);
        std::fs::write(&path, &bytes).unwrap();
        for result in [
            config_from_file(&path),
            config_from_file_section(&path, "APP"),
        ] {
            match result {
                Ok(conf) => {
                    ok.set(ok.get() + 1);
                    prop_assert!(!conf.client_id.is_empty() && !conf.client_secret.is_empty());
                    prop_assert!(!conf.redirect_uri.is_empty());
                    // What was read is written and read back unchanged
                    // (or refused as a whole, naming the key).
                    let _ = std::fs::remove_file(&copy);
                    match config_to_file(&copy, &conf) {
                        Ok(()) => prop_assert_eq!(config_from_file(&copy).unwrap(), conf),
                        Err(Error::Config { key: Some(_), .. }) => {}
                        Err(e) => {
                            return Err(TestCaseError::fail(format!("writing {conf:?}: {e:?}")));
                        }
                    }
                }
                Err(Error::Config { file, .. }) => {
                    failed.set(failed.get() + 1);
                    prop_assert_eq!(file.as_deref(), Some(path.as_path()));
                }
                Err(Error::Io { context, .. }) => {
                    failed.set(failed.get() + 1);
                    prop_assert!(context.contains("tekore.cfg"), "{context}");
                }
                Err(e) => return Err(TestCaseError::fail(format!("unexpected {e:?}"))),
            }
        }
        Ok(())
    });
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        ok.get() > 50 && failed.get() > 50,
        "ok {}, failed {}",
        ok.get(),
        failed.get()
    );
}

// --------------------------------------------------- more models, mutated

/// Damaged copies of a real response never panic the decoder; whatever
/// decodes also prints and survives a serde round trip.
fn fuzz_model<T>(fixture: &str, cases: u32) -> (usize, usize)
where
    T: serde::de::DeserializeOwned
        + serde::Serialize
        + std::fmt::Display
        + PartialEq
        + std::fmt::Debug,
{
    let valid: Value = serde_json::from_str(fixture).unwrap();
    serde_json::from_value::<T>(valid.clone()).expect("the fixture itself decodes");
    let (ok, failed) = (Cell::new(0), Cell::new(0));
    check(cases, damage(), |d| {
        let body = damaged(&valid, fixture, &d);
        match serde_json::from_str::<T>(&body) {
            Ok(model) => {
                ok.set(ok.get() + 1);
                let _ = format!("{model} {model:#}");
                let again = serde_json::to_string(&model).unwrap();
                let back: Result<T, _> = serde_json::from_str(&again);
                prop_assert!(back.is_ok(), "re-encoded form does not decode: {again}");
                let back = back.unwrap();
                if format!("{model:?}").contains("Unknown(UnknownItem") {
                    // A track or episode too damaged for its own type was
                    // kept as `Unknown`; re-encoded with just its type, ID,
                    // name and URI it may decode as the typed item again.
                    // From there on the round trip is exact.
                    let third: T =
                        serde_json::from_str(&serde_json::to_string(&back).unwrap()).unwrap();
                    prop_assert_eq!(third, back);
                } else {
                    prop_assert_eq!(back, model);
                }
            }
            Err(_) => failed.set(failed.get() + 1),
        }
        Ok(())
    });
    (ok.get(), failed.get())
}

#[test]
fn mutated_playlists_playback_states_and_search_results() {
    for (name, (ok, failed)) in [
        (
            "playlist",
            fuzz_model::<FullPlaylist>(include_str!("fixtures/playlist_full.json"), 400),
        ),
        (
            "playback",
            fuzz_model::<CurrentPlayback>(include_str!("fixtures/player_playback.json"), 400),
        ),
        (
            "search",
            fuzz_model::<SearchResults>(include_str!("fixtures/search_full.json"), 400),
        ),
    ] {
        assert!(ok > 30 && failed > 30, "{name}: ok {ok}, failed {failed}");
    }
}

/// The harness itself: a failing property is shrunk to a small input.
#[test]
fn a_failing_property_is_shrunk_to_a_minimal_input() {
    let mut runner = TestRunner::new(config(200));
    let result = runner.run(&id_input(), |s| {
        prop_assert!(!s.contains("spotify:"), "found");
        Ok(())
    });
    match result {
        Err(proptest::test_runner::TestError::Fail(_, minimal)) => {
            assert_eq!(minimal, "spotify:", "not shrunk: {minimal:?}")
        }
        other => panic!("{other:?}"),
    }
    // The same seed gives the same inputs.
    let draw = || {
        let mut r = TestRunner::new(config(1));
        (0..20)
            .map(|_| id_input().new_tree(&mut r).unwrap().current())
            .collect::<Vec<_>>()
    };
    assert_eq!(draw(), draw());
}
