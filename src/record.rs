//! Recording a session's responses to a directory, scrubbed of secrets and
//! personal fields, and the file format the mock's replay reads back.
//!
//! One file per request (its final answer, after retries), named
//! `NNNN-METHOD-path-segments.json`, written whole or not at all (a temp
//! file, then a rename). See [`SpotifyBuilder::record_to`](crate::SpotifyBuilder::record_to).

use crate::error::Secrets;
use crate::http::{Auth, Body, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The headers a recording keeps, lower case (never `Authorization`, which
/// is a request header and is not recorded at all).
pub(crate) const KEPT_HEADERS: &[&str] = &["content-type", "retry-after", "etag", "location"];

/// What a scrubbed value becomes.
pub(crate) const SCRUBBED: &str = "scrubbed";

/// What a scrubbed `country` becomes: a code that still reads as a
/// [`Market`](crate::model::Market) (`XX` is reserved for user assignment).
pub(crate) const SCRUBBED_COUNTRY: &str = "XX";

/// Keys whose values are secrets, wherever they appear in a body, a query
/// string or a fragment.
const SECRET_KEYS: &[&str] = &[
    "access_token",
    "refresh_token",
    "id_token",
    "code",
    "code_verifier",
    "client_secret",
];

/// Keys of the user's personal fields, replaced wherever they appear in a
/// JSON body (a `null` stays `null`).
const PERSONAL_KEYS: &[(&str, &str)] = &[
    ("email", SCRUBBED),
    ("birthdate", SCRUBBED),
    ("display_name", SCRUBBED),
    ("country", SCRUBBED_COUNTRY),
];

/// Tokens learned from token responses that are kept for scrubbing later
/// files (older ones are dropped past this).
const LEARNED_MAX: usize = 64;

/// One recorded request and its answer: the file format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Recording {
    /// `METHOD /path?query`, as sent (scrubbed).
    pub request: String,
    /// `scheme://host[:port]` the request went to; replay puts its own
    /// origin in its place in the body and `Location`.
    pub origin: String,
    /// The HTTP status of the final answer.
    pub status: u16,
    /// The kept headers ([`KEPT_HEADERS`]), lower-case names.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    /// The body, when it is JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
    /// The body as text, when it is not empty and not JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The crate version that wrote the file.
    #[serde(default)]
    pub recorded_by: String,
}

impl Recording {
    /// The method of the request line.
    pub fn method(&self) -> &str {
        self.request.split_once(' ').map_or("", |(m, _)| m)
    }

    /// The path of the request line, without the query.
    pub fn path(&self) -> &str {
        let target = self.request.split_once(' ').map_or("", |(_, t)| t);
        target.split_once('?').map_or(target, |(p, _)| p)
    }

    /// The query of the request line, without `?` (empty when none).
    #[cfg_attr(not(feature = "mock"), allow(dead_code))]
    pub fn query(&self) -> &str {
        self.request.split_once('?').map_or("", |(_, q)| q)
    }

    /// The body's bytes as they go over the wire again.
    #[cfg_attr(not(feature = "mock"), allow(dead_code))]
    pub fn body_bytes(&self) -> Vec<u8> {
        match (&self.body, &self.text) {
            (Some(json), _) => serde_json::to_vec(json).unwrap_or_default(),
            (None, Some(text)) => text.clone().into_bytes(),
            (None, None) => Vec::new(),
        }
    }
}

/// Reads every recording in `dir` (files `NNNN-....json`), in the order
/// they were numbered. Other files are ignored; a numbered file that is not
/// a recording is an error naming it. (The mock's replay reads this.)
#[cfg_attr(not(feature = "mock"), allow(dead_code))]
pub(crate) fn read_dir(dir: &Path) -> io::Result<Vec<(String, Recording)>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(n) = number_of(&name) else { continue };
        let bytes = std::fs::read(entry.path())?;
        let recording: Recording = serde_json::from_slice(&bytes).map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{}: not a recording: {e}", entry.path().display()),
            )
        })?;
        found.push((n, name, recording));
    }
    found.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    Ok(found.into_iter().map(|(_, name, r)| (name, r)).collect())
}

/// The number of a recording's file name (`0012-GET-v1-me.json` → 12).
fn number_of(name: &str) -> Option<u64> {
    let (n, rest) = name.split_once('-')?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) || !rest.ends_with(".json") {
        return None;
    }
    n.parse().ok()
}

/// Writes each final answer of a client's requests to a directory.
pub(crate) struct Recorder {
    dir: PathBuf,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// The next file number; `None` until the directory has been looked at.
    next: Option<u64>,
    /// Tokens seen in token responses, scrubbed from every later file.
    learned: Vec<String>,
}

impl std::fmt::Debug for Recorder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recorder").field("dir", &self.dir).finish()
    }
}

impl Recorder {
    pub fn new(dir: PathBuf) -> Recorder {
        Recorder {
            dir,
            state: Mutex::new(State::default()),
        }
    }

    /// Records `resp` to `req`. `sent` holds the secrets the request
    /// carried (see [`sent_secrets`]). A write that fails is logged and
    /// otherwise ignored: recording never changes what a call returns.
    pub fn record(&self, req: &HttpRequest, mut sent: Secrets, resp: &HttpResponse) {
        let json = serde_json::from_slice::<Value>(&resp.body).ok();
        let (number, learned) = {
            let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(Value::Object(map)) = &json {
                for key in ["access_token", "refresh_token", "id_token"] {
                    if let Some(Value::String(t)) = map.get(key) {
                        if state.learned.len() >= LEARNED_MAX {
                            state.learned.remove(0);
                        }
                        state.learned.push(t.clone());
                    }
                }
            }
            let next = match state.next {
                Some(n) => n,
                None => match self.first_number() {
                    Ok(n) => n,
                    Err(e) => {
                        log::warn!(
                            "recording to {}: the directory cannot be used ({e}); \
                             this answer is not recorded",
                            self.dir.display()
                        );
                        return;
                    }
                },
            };
            state.next = Some(next + 1);
            (next, state.learned.clone())
        };
        for token in &learned {
            sent.add(token);
        }
        let recording = scrub(req, resp, json, &sent);
        let name = file_name(number, &recording);
        let mut bytes = serde_json::to_vec_pretty(&recording).unwrap_or_default();
        bytes.push(b'\n');
        match write_atomic(&self.dir, &name, &bytes) {
            Ok(()) => log::debug!("recorded {name}"),
            Err(e) => log::warn!(
                "recording to {}: writing {name} failed ({e}); this answer is not recorded",
                self.dir.display()
            ),
        }
    }

    /// Creates the directory if needed, and numbers on after the highest
    /// recording already in it.
    fn first_number(&self) -> io::Result<u64> {
        std::fs::create_dir_all(&self.dir)?;
        let mut highest = 0;
        for entry in std::fs::read_dir(&self.dir)? {
            let name = entry?.file_name();
            if let Some(n) = number_of(&name.to_string_lossy()) {
                highest = highest.max(n);
            }
        }
        Ok(highest + 1)
    }
}

/// The secrets a request carries, in every form a server could echo
/// them: its bearer token or Basic credential (and the client secret in
/// it), and the grant fields of a form body.
pub(crate) fn sent_secrets(req: &HttpRequest, auth: &Auth) -> Secrets {
    use base64::Engine as _;
    let mut s = Secrets::default();
    match auth {
        Auth::None => {}
        Auth::Bearer(t) => {
            s.add(t);
        }
        Auth::Basic(b) => {
            s.add(b);
            let pair = base64::engine::general_purpose::STANDARD
                .decode(b)
                .ok()
                .and_then(|raw| String::from_utf8(raw).ok());
            if let Some((id, secret)) = pair.as_deref().and_then(|p| p.split_once(':')) {
                s.add_basic(id, secret);
            }
        }
    }
    if let Body::Form(form) = &req.body {
        for (k, v) in crate::encode::parse_query(form) {
            if SECRET_KEYS.contains(&k.as_str()) {
                s.add(&v);
            }
        }
    }
    s
}

/// The recording of `resp`, scrubbed.
fn scrub(
    req: &HttpRequest,
    resp: &HttpResponse,
    json: Option<Value>,
    secrets: &Secrets,
) -> Recording {
    let (origin, target) = split_url(&req.url);
    let request = format!("{} {}", req.method, scrub_url(target, secrets));
    let headers = resp
        .headers
        .iter()
        .filter(|(name, _)| KEPT_HEADERS.contains(name))
        .map(|(name, value)| {
            let value = match *name {
                "location" => scrub_url(value, secrets),
                _ => secrets.scrub(value).into_owned(),
            };
            ((*name).to_owned(), value)
        })
        .collect();
    let (body, text) = match json {
        Some(mut v) => {
            scrub_json(&mut v, secrets);
            (Some(v), None)
        }
        None if resp.body.is_empty() => (None, None),
        None => {
            let text = String::from_utf8_lossy(&resp.body);
            (None, Some(secrets.scrub(&text).into_owned()))
        }
    };
    Recording {
        request,
        origin: origin.to_owned(),
        status: resp.status,
        headers,
        body,
        text,
        recorded_by: concat!("spotify-blocking ", env!("CARGO_PKG_VERSION")).to_owned(),
    }
}

/// `scheme://host[:port]` (user info dropped) and `/path?query` of a URL,
/// fragment dropped.
fn split_url(url: &str) -> (String, &str) {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = crate::encode::host(url);
    let target = rest[end..].split('#').next().unwrap_or_default();
    let origin = match scheme {
        "" => String::new(),
        s => format!("{s}://{host}"),
    };
    (origin, if target.is_empty() { "/" } else { target })
}

/// A URL or `/path?query` with every secret cut out, and the values of
/// [`SECRET_KEYS`] in its query and fragment replaced.
fn scrub_url(url: &str, secrets: &Secrets) -> String {
    let url = secrets.scrub(url);
    let (before_fragment, fragment) = match url.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (&*url, None),
    };
    let mut out = match before_fragment.split_once('?') {
        Some((path, query)) => format!("{path}?{}", scrub_pairs(query)),
        None => before_fragment.to_owned(),
    };
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(&scrub_pairs(f));
    }
    out
}

/// `k=v&...` with the values of [`SECRET_KEYS`] replaced.
fn scrub_pairs(pairs: &str) -> String {
    pairs
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if SECRET_KEYS.contains(&crate::encode::decode_component(k).as_str()) => {
                Cow::Owned(format!("{k}={SCRUBBED}"))
            }
            _ => Cow::Borrowed(pair),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Replaces secrets and personal fields anywhere in a JSON value. The
/// parser bounds the nesting, so the recursion is bounded too.
fn scrub_json(v: &mut Value, secrets: &Secrets) {
    match v {
        Value::String(s) => {
            if let Cow::Owned(clean) = secrets.scrub(s) {
                *s = clean;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|x| scrub_json(x, secrets)),
        Value::Object(map) => {
            for (key, mut value) in std::mem::take(map) {
                let key = secrets.scrub(&key).into_owned();
                let lower = key.to_ascii_lowercase();
                let personal = PERSONAL_KEYS.iter().find(|(k, _)| *k == lower);
                if let Some((_, placeholder)) = personal {
                    if !value.is_null() {
                        value = Value::String((*placeholder).to_owned());
                    }
                } else if SECRET_KEYS.contains(&lower.as_str()) {
                    if !value.is_null() {
                        value = Value::String(SCRUBBED.to_owned());
                    }
                } else {
                    scrub_json(&mut value, secrets);
                }
                map.insert(key, value);
            }
        }
        _ => {}
    }
}

/// `0007-GET-v1-albums-ID.json`: the number, the method and the path's
/// segments, each character other than a letter, digit, `-` or `_`
/// written as `_`, the path part cut to 100 characters.
fn file_name(number: u64, r: &Recording) -> String {
    let slug: String = r
        .path()
        .split('/')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
        .chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '_' => c,
            _ => '_',
        })
        .take(100)
        .collect();
    let slug = if slug.is_empty() { "root".into() } else { slug };
    format!("{number:04}-{}-{slug}.json", r.method())
}

/// Writes `bytes` to `dir/name` through a temp file in the same
/// directory and a rename: the file is there whole or not at all.
fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    // Unique within the process too, should two clients record to one
    // directory.
    static TEMP: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = TEMP.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    let done = written.and_then(|()| std::fs::rename(&tmp, dir.join(name)));
    if done.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split_into_origin_and_target() {
        assert_eq!(
            split_url("https://user:pw@api.spotify.com/v1/me?a=1#f"),
            ("https://api.spotify.com".to_owned(), "/v1/me?a=1")
        );
        assert_eq!(
            split_url("http://127.0.0.1:9/"),
            ("http://127.0.0.1:9".to_owned(), "/")
        );
        assert_eq!(
            split_url("http://127.0.0.1:9?x=1"),
            ("http://127.0.0.1:9".to_owned(), "?x=1")
        );
    }

    #[test]
    fn secret_query_values_are_replaced() {
        let s = Secrets::default();
        assert_eq!(
            scrub_url("https://example.com/cb?code=AQB123&state=xyz", &s),
            "https://example.com/cb?code=scrubbed&state=xyz"
        );
        assert_eq!(
            scrub_url(
                "https://example.com/cb#access_token=BQ1&token_type=Bearer",
                &s
            ),
            "https://example.com/cb#access_token=scrubbed&token_type=Bearer"
        );
    }

    #[test]
    fn personal_and_secret_keys_are_replaced_at_any_depth() {
        let mut s = Secrets::default();
        s.add("echoed-secret-1234");
        let mut v = serde_json::json!({
            "owner": {"display_name": "Jane", "id": "jane"},
            "users": [{"email": "j@example.com", "country": "SE", "birthdate": null}],
            "access_token": "BQ", "note": "token echoed-secret-1234 here",
        });
        scrub_json(&mut v, &s);
        assert_eq!(
            v,
            serde_json::json!({
                "owner": {"display_name": "scrubbed", "id": "jane"},
                "users": [{"email": "scrubbed", "country": "XX", "birthdate": null}],
                "access_token": "scrubbed", "note": "token <redacted> here",
            })
        );
    }

    #[test]
    fn file_names_are_numbered_and_safe() {
        let r = Recording {
            request: "GET /v1/albums/3RBU?market=SE".into(),
            origin: String::new(),
            status: 200,
            headers: BTreeMap::new(),
            body: None,
            text: None,
            recorded_by: String::new(),
        };
        assert_eq!(file_name(1, &r), "0001-GET-v1-albums-3RBU.json");
        let odd = Recording {
            request: "DELETE /v1/a%20b/../c".into(),
            ..r
        };
        assert_eq!(file_name(12345, &odd), "12345-DELETE-v1-a_20b-__-c.json");
        assert_eq!(number_of("0012-GET-v1-me.json"), Some(12));
        assert_eq!(number_of(".0012-GET-v1-me.json.1.tmp"), None);
        assert_eq!(number_of("README.json"), None);
    }
}
