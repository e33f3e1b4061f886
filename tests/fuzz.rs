//! Random input for the parsers: IDs and URIs, redirect URLs, scopes, INI
//! files, model decoding, and whole responses over the wire. Nothing may panic; whatever is accepted must
//! be well-formed. A small deterministic generator drives it (set
//! `FUZZ_SEED` to explore other inputs; a failure prints the seed and the
//! input).

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

/// Text of random characters: ASCII, URL syntax, whitespace, non-ASCII.
fn random_text(rng: &mut Rng, max: usize) -> String {
    const CHARS: &[char] = &[
        'a', 'Z', '0', '9', '-', '_', '.', '~', '&', '=', '?', '#', '%', '+', '/', ':', ' ', '\t',
        '"', '\'', 'é', '🎵', '\u{0}', '\u{202e}',
    ];
    (0..rng.below(max + 1))
        .map(|_| match rng.below(3) {
            0 => rng.pick(BASE62) as char,
            _ => rng.pick(CHARS),
        })
        .collect()
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

fn random_redirect_input(rng: &mut Rng, state: &str) -> String {
    let mut s = String::new();
    for _ in 0..rng.below(10) {
        match rng.below(6) {
            0 => s.push_str(rng.pick(SAME_TARGETS)),
            1 => {
                s.push_str(if rng.chance(2) { "state=" } else { "&state=" });
                s.push_str(if rng.chance(2) { state } else { "wrong" });
            }
            2 => s.push_str(&random_text(rng, 12)),
            _ => s.push_str(rng.pick(URL_PIECES)),
        }
    }
    s
}

#[test]
fn redirect_urls_never_panic_and_only_the_right_state_gives_a_code() {
    let (mut rng, seed) = Rng::from_env();
    let creds = Credentials::new("id", "secret").redirect_uri(REDIRECT);
    let auth = UserAuth::new(creds, Scopes::new()).unwrap();
    let state = auth.state().to_owned();
    let valid = format!("{REDIRECT}?code=abc-DEF_123&state={state}");
    let (mut from_url, mut refused) = (0, 0);
    for _ in 0..4000 {
        let input = match rng.below(3) {
            0 => mutate_text(&valid, &mut rng),
            _ => random_redirect_input(&mut rng, &state),
        };
        no_panic(seed, &input, || match auth.parse_redirect(&input) {
            Ok(code) => {
                assert!(!code.is_empty(), "{input:?}");
                if input.trim().contains("://") {
                    from_url += 1;
                    assert!(
                        input.contains(&state) || input.contains(&encode(&state)),
                        "a code without this login's state: {input:?}"
                    );
                } else {
                    assert_eq!(code, input.trim(), "a bare code is taken as it is");
                }
            }
            Err(e) => {
                refused += 1;
                let msg = e.to_string();
                assert!(!msg.is_empty());
                // A parameter value never shows (a state glued into the
                // path by a mangled paste is part of the path).
                let only_as_value = input
                    .match_indices(&state)
                    .all(|(i, _)| input[..i].ends_with('='));
                if only_as_value {
                    assert!(!msg.contains(&state), "the state leaked: {msg}");
                }
            }
        });
    }
    assert!(from_url > 20 && refused > 1000, "{from_url} / {refused}");
}

#[test]
fn well_formed_redirects_round_trip_to_their_code() {
    let (mut rng, seed) = Rng::from_env();
    let creds = Credentials::new("id", "secret").redirect_uri(REDIRECT);
    let auth = UserAuth::new(creds, Scopes::new()).unwrap();
    let state = auth.state().to_owned();
    for _ in 0..1500 {
        let mut code = random_text(&mut rng, 40);
        if code.is_empty() {
            code.push('c');
        }
        let mut params = vec![
            format!("code={}", encode(&code)),
            format!("state={}", encode(&state)),
        ];
        for _ in 0..rng.below(4) {
            let key = format!("x{}", rng.below(100));
            params.push(format!("{key}={}", encode(&random_text(&mut rng, 10))));
        }
        // Shuffle.
        for i in (1..params.len()).rev() {
            params.swap(i, rng.below(i + 1));
        }
        let mut url = format!("{}?{}", rng.pick(SAME_TARGETS), params.join("&"));
        if rng.chance(3) {
            url.push('#');
            url.push_str(&random_text(&mut rng, 10));
        }
        let pasted = if rng.chance(3) {
            format!("  {url}\n")
        } else {
            url.clone()
        };
        no_panic(seed, &pasted, || {
            assert_eq!(auth.parse_redirect(&pasted), Ok(code.clone()), "{pasted:?}");
            // The same address with another state, or without the code.
            let forged = url.replace(&format!("state={}", encode(&state)), "state=forged");
            assert_eq!(
                auth.parse_redirect(&forged),
                Err(RedirectError::StateMismatch),
                "{forged:?}"
            );
            let codeless = url.replace(&format!("code={}", encode(&code)), "code=");
            assert_eq!(
                auth.parse_redirect(&codeless),
                Err(RedirectError::MissingCode),
                "{codeless:?}"
            );
        });
    }
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

#[test]
fn scope_parsing_never_panics_and_round_trips() {
    let (mut rng, seed) = Rng::from_env();
    for _ in 0..3000 {
        // Random text.
        let mut text = String::new();
        for _ in 0..rng.below(8) {
            match rng.below(4) {
                0 => text.push_str(Scope::ALL[rng.below(Scope::ALL.len())].as_str()),
                1 => text.push_str(&random_text(&mut rng, 8)),
                _ => text.push_str(rng.pick(SCOPE_PIECES)),
            }
        }
        no_panic(seed, &text, || {
            let parsed = Scopes::parse(&text);
            let shown = parsed.to_string();
            assert_eq!(Scopes::parse(&shown), parsed, "{text:?} -> {shown:?}");
            assert_eq!(shown.trim(), shown);
            assert!(!shown.contains("  "), "{shown:?}");
            let mut tokens: Vec<&str> = text.split_whitespace().collect();
            tokens.sort_unstable();
            tokens.dedup();
            assert_eq!(parsed.len(), tokens.len(), "{text:?}");
            assert_eq!(shown, tokens.join(" "), "sorted, one space apart");
        });

        // A random subset of the known scopes, maybe with unknown ones.
        let mut set = Scopes::new();
        for scope in Scope::ALL {
            if rng.chance(2) {
                set.insert(scope.clone());
            }
        }
        if rng.chance(4) {
            set.insert(Scope::Unknown(format!("future-scope-{}", rng.below(10))));
        }
        no_panic(seed, &set, || {
            let shown = set.to_string();
            assert_eq!(Scopes::parse(&shown), set, "{shown:?}");
            assert_eq!(shown.parse::<Scopes>().unwrap(), set);
            for scope in &set {
                assert!(Scopes::parse(&shown).contains(scope));
            }
        });
    }
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

fn mutate_ini(rng: &mut Rng) -> Vec<u8> {
    if rng.chance(3) {
        let mut b = mutate_text(TEKORE, rng).into_bytes();
        if rng.chance(3) {
            let at = rng.below(b.len() + 1);
            b.insert(at, rng.pick(&[0xff_u8, 0xc3, 0x80, 0x00, b'\r']));
        }
        return b;
    }
    let mut lines: Vec<String> = TEKORE.lines().map(str::to_owned).collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(lines.len() + 1);
        match rng.below(4) {
            0 if at < lines.len() => {
                lines.remove(at);
            }
            1 if at < lines.len() => {
                let dup = lines[at].clone();
                lines.insert(at, dup);
            }
            _ => lines.insert(at, rng.pick(INI_LINES).to_owned()),
        }
    }
    lines
        .join(if rng.chance(4) { "\r\n" } else { "\n" })
        .into_bytes()
}

#[test]
fn ini_reading_never_panics_and_what_it_reads_writes_back() {
    let (mut rng, seed) = Rng::from_env();
    let dir = std::env::temp_dir().join(format!("sb-fuzz-ini-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("tekore.cfg");
    let copy = dir.join("copy.cfg");
    let (mut ok, mut failed) = (0, 0);
    for _ in 0..400 {
        let bytes = mutate_ini(&mut rng);
        std::fs::write(&path, &bytes).unwrap();
        let input = String::from_utf8_lossy(&bytes).into_owned();
        no_panic(seed, &input, || {
            for result in [
                config_from_file(&path),
                config_from_file_section(&path, "APP"),
            ] {
                match result {
                    Ok(conf) => {
                        ok += 1;
                        assert!(!conf.client_id.is_empty() && !conf.client_secret.is_empty());
                        assert!(!conf.redirect_uri.is_empty());
                        // What was read is written and read back unchanged
                        // (or refused as a whole, naming the key).
                        let _ = std::fs::remove_file(&copy);
                        match config_to_file(&copy, &conf) {
                            Ok(()) => assert_eq!(config_from_file(&copy).unwrap(), conf),
                            Err(Error::Config { key: Some(_), .. }) => {}
                            Err(e) => panic!("writing {conf:?}: {e:?}"),
                        }
                    }
                    Err(Error::Config { file, .. }) => {
                        failed += 1;
                        assert_eq!(file.as_deref(), Some(path.as_path()));
                    }
                    Err(Error::Io { context, .. }) => {
                        failed += 1;
                        assert!(context.contains("tekore.cfg"), "{context}");
                    }
                    Err(e) => panic!("unexpected {e:?}"),
                }
            }
        });
    }
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(ok > 50 && failed > 50, "ok {ok}, failed {failed}");
}

// --------------------------------------------------- more models, mutated

/// Mutated copies of a real response never panic the decoder; whatever
/// decodes also prints and survives a serde round trip.
fn fuzz_model<T>(fixture: &str, cases: usize) -> (usize, usize)
where
    T: serde::de::DeserializeOwned
        + serde::Serialize
        + std::fmt::Display
        + PartialEq
        + std::fmt::Debug,
{
    let (mut rng, seed) = Rng::from_env();
    let valid: serde_json::Value = serde_json::from_str(fixture).unwrap();
    serde_json::from_value::<T>(valid.clone()).expect("the fixture itself decodes");
    let (mut ok, mut failed) = (0, 0);
    for _ in 0..cases {
        let body = mutated(&valid, fixture, &mut rng);
        no_panic(seed, &body, || match serde_json::from_str::<T>(&body) {
            Ok(model) => {
                ok += 1;
                let _ = format!("{model} {model:#}");
                let again = serde_json::to_string(&model).unwrap();
                let back: T = serde_json::from_str(&again)
                    .unwrap_or_else(|e| panic!("re-encoded form does not decode: {e}: {again}"));
                if format!("{model:?}").contains("Unknown(UnknownItem") {
                    // A track or episode too damaged for its own type was
                    // kept as `Unknown`; re-encoded with just its type, ID,
                    // name and URI it may decode as the typed item again.
                    // From there on the round trip is exact.
                    let third: T =
                        serde_json::from_str(&serde_json::to_string(&back).unwrap()).unwrap();
                    assert_eq!(third, back);
                } else {
                    assert_eq!(back, model);
                }
            }
            Err(_) => failed += 1,
        });
    }
    (ok, failed)
}

#[test]
fn mutated_playlists_playback_states_and_search_results() {
    for (name, (ok, failed)) in [
        (
            "playlist",
            fuzz_model::<FullPlaylist>(include_str!("fixtures/playlist_full.json"), 600),
        ),
        (
            "playback",
            fuzz_model::<CurrentPlayback>(include_str!("fixtures/player_playback.json"), 600),
        ),
        (
            "search",
            fuzz_model::<SearchResults>(include_str!("fixtures/search_full.json"), 600),
        ),
    ] {
        assert!(ok > 30 && failed > 30, "{name}: ok {ok}, failed {failed}");
    }
}
