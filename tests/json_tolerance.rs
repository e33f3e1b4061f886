//! Real-world JSON, checked as a rule over every model: each complete
//! fixture still decodes with any one nested object removed or `null`, and
//! with any integer written as a float with a zero fraction (`640.0`); a
//! fractional or out-of-range number where an integer belongs is a decode
//! error naming its path.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use spotify_blocking::mock::{Fault, HYBRID_THEORY, MockServer};
use spotify_blocking::model::raw::{Devices, FollowedArtists};
use spotify_blocking::model::*;
use spotify_blocking::{Error, RetryPolicy};

type Decode = fn(&[u8]) -> Result<Value, (String, String)>;

/// Decodes as `T` and encodes what it got again (to see what was kept); on
/// failure the JSON path and serde's message.
fn decode<T: DeserializeOwned + Serialize>(bytes: &[u8]) -> Result<Value, (String, String)> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize::<_, T>(&mut de)
        .map(|model| serde_json::to_value(model).unwrap())
        .map_err(|e| (e.path().to_string(), e.inner().to_string()))
}

/// Decodes as `T` and encodes the part `part` picks (for the response
/// envelopes in `raw`, which are not `Serialize`).
fn decode_part<T: DeserializeOwned, U: Serialize>(
    bytes: &[u8],
    key: &str,
    part: fn(T) -> U,
) -> Result<Value, (String, String)> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize::<_, T>(&mut de)
        .map(|model| serde_json::json!({ key: part(model) }))
        .map_err(|e| (e.path().to_string(), e.inner().to_string()))
}

fn devices(bytes: &[u8]) -> Result<Value, (String, String)> {
    decode_part::<Devices, _>(bytes, "devices", |d| d.devices)
}

fn followed_artists(bytes: &[u8]) -> Result<Value, (String, String)> {
    decode_part::<FollowedArtists, _>(bytes, "artists", |f| f.artists)
}

/// Every model with its complete fixture.
const MODELS: &[(&str, Decode)] = &[
    ("album_full.json", decode::<FullAlbum>),
    ("artist_full.json", decode::<FullArtist>),
    ("track_full.json", decode::<FullTrack>),
    ("audio_analysis_full.json", decode::<AudioAnalysis>),
    ("audio_features_full.json", decode::<AudioFeatures>),
    ("audiobook_full.json", decode::<FullAudiobook>),
    ("category_full.json", decode::<Category>),
    ("chapter_full.json", decode::<FullChapter>),
    ("currently_playing_ad.json", decode::<CurrentlyPlaying>),
    ("currently_playing_episode.json", decode::<CurrentlyPlaying>),
    ("devices.json", devices),
    ("episode_full.json", decode::<FullEpisode>),
    ("featured_playlists_full.json", decode::<FeaturedPlaylists>),
    ("followed_artists.json", followed_artists),
    ("player_playback.json", decode::<CurrentPlayback>),
    ("playlist_full.json", decode::<FullPlaylist>),
    ("playlists_page.json", decode::<Page<SimplePlaylist>>),
    ("private_user.json", decode::<PrivateUser>),
    ("public_user.json", decode::<PublicUser>),
    ("queue.json", decode::<Queue>),
    ("recently_played.json", decode::<RecentlyPlayed>),
    ("recommendations_full.json", decode::<Recommendations>),
    ("saved_albums.json", decode::<Page<SavedAlbum>>),
    ("saved_audiobooks.json", decode::<Page<SavedAudiobook>>),
    ("saved_episodes.json", decode::<Page<SavedEpisode>>),
    ("saved_shows.json", decode::<Page<SavedShow>>),
    ("saved_tracks.json", decode::<Page<SavedTrack>>),
    ("search_full.json", decode::<SearchResults>),
    ("show_full.json", decode::<FullShow>),
];

/// Nested objects that are what their parent *is* (a saved album is its
/// album): without them the entry means nothing, so they stay required.
const IDENTITY: &[&str] = &[
    ".album",     // SavedAlbum
    ".track",     // SavedTrack, PlayHistory
    ".show",      // SavedShow
    ".episode",   // SavedEpisode
    ".audiobook", // SavedAudiobook
];

fn is_identity(model: &str, path: &str) -> bool {
    let wrapper = model.starts_with("saved_") || model == "recently_played.json";
    wrapper
        && path.starts_with("items[")
        && path.matches('.').count() == 1
        && IDENTITY.iter().any(|tail| path.ends_with(tail))
}

fn load(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// The path of every node below `v`, in serde_path_to_error's notation
/// (`tracks.items[0].duration_ms`), with the node.
fn walk<'a>(v: &'a Value, path: String, out: &mut Vec<(String, &'a Value)>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                out.push((p.clone(), child));
                walk(child, p, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let p = format!("{path}[{i}]");
                out.push((p.clone(), child));
                walk(child, p, out);
            }
        }
        _ => {}
    }
}

/// The node at `path` (as `walk` spells it), if there is one.
fn find<'a>(v: &'a mut Value, path: &str) -> Option<&'a mut Value> {
    let mut v = v;
    for part in path.split('.') {
        let (key, indices) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        v = v.get_mut(key)?;
        for i in indices.split('[').filter(|s| !s.is_empty()) {
            v = v.get_mut(i.trim_end_matches(']').parse::<usize>().ok()?)?;
        }
    }
    Some(v)
}

/// The node at `path`, for changing it.
fn at<'a>(v: &'a mut Value, path: &str) -> &'a mut Value {
    find(v, path).unwrap_or_else(|| panic!("no {path}"))
}

/// The object holding the field at `path`, and the field's name.
fn parent<'a>(v: &'a mut Value, path: &str) -> (&'a mut serde_json::Map<String, Value>, String) {
    let (up, key) = path.rsplit_once('.').map_or(("", path), |(u, k)| (u, k));
    let obj = if up.is_empty() { v } else { at(v, up) };
    (obj.as_object_mut().unwrap(), key.to_owned())
}

/// Sets the field at `path`, adding it to its object if it is not there
/// (a model may leave out fields it has no value for).
fn put(v: &mut Value, path: &str, new: Value) {
    let (up, key) = path.rsplit_once('.').map_or(("", path), |(u, k)| (u, k));
    let obj = if up.is_empty() { Some(v) } else { find(v, up) };
    if let Some(Value::Object(map)) = obj {
        map.insert(key.to_owned(), new);
    }
}

fn bytes(v: &Value) -> Vec<u8> {
    serde_json::to_vec(v).unwrap()
}

#[test]
fn every_fixture_decodes_without_any_one_nested_object() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for &(name, decode) in MODELS {
        let doc = load(name);
        let baseline = decode(&bytes(&doc)).unwrap_or_else(|e| panic!("{name} itself: {e:?}"));
        let mut nodes = Vec::new();
        walk(&doc, String::new(), &mut nodes);
        for (path, node) in nodes {
            // Object-valued fields only (array entries are not fields).
            if !node.is_object() || path.ends_with(']') {
                continue;
            }
            let identity = is_identity(name, &path);
            for how in ["removed", "null"] {
                let mut changed = doc.clone();
                let (obj, key) = parent(&mut changed, &path);
                if how == "removed" {
                    obj.remove(&key);
                } else {
                    obj.insert(key, Value::Null);
                }
                checked += 1;
                match (decode(&bytes(&changed)), identity) {
                    (Err(_), true) => {}
                    (Ok(mut got), false) => {
                        // Everything else was kept: with the field put
                        // back, the model is the one the whole fixture gave.
                        // (A field renamed on the way, like a playlist's
                        // `tracks`, is not in the encoding: nothing to compare.)
                        let Some(was) = find(&mut baseline.clone(), &path).cloned() else {
                            continue;
                        };
                        put(&mut got, &path, was);
                        if got != baseline {
                            failures.push(format!("{name}: {path} {how}: lost other fields"));
                        }
                    }
                    (Ok(_), true) => failures.push(format!("{name}: {path} {how}: accepted")),
                    (Err(e), false) => failures.push(format!("{name}: {path} {how}: {e:?}")),
                }
            }
        }
    }
    assert!(checked > 200, "only {checked} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_integer_of_every_fixture_may_be_a_float_with_zero_fraction() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for &(name, decode) in MODELS {
        let doc = load(name);
        let baseline = decode(&bytes(&doc)).unwrap();
        let mut nodes = Vec::new();
        walk(&doc, String::new(), &mut nodes);
        let ints: Vec<String> = nodes
            .into_iter()
            .filter(|(_, n)| n.is_i64() || n.is_u64())
            .map(|(p, _)| p)
            .collect();
        // All at once, and each on its own (so a failure names its field).
        let mut all = doc.clone();
        for path in &ints {
            let node = at(&mut all, path);
            *node = Value::from(node.as_f64().unwrap());
        }
        // The same model as from the integers (not, say, an entry that
        // did not fit and became `Unknown`).
        match decode(&bytes(&all)) {
            Ok(got) if got == baseline => {}
            Ok(_) => failures.push(format!("{name}: all as floats: decoded differently")),
            Err(e) => failures.push(format!("{name}: all as floats: {e:?}")),
        }
        for path in &ints {
            let mut changed = doc.clone();
            let node = at(&mut changed, path);
            let float = node.as_f64().unwrap();
            *node = Value::from(float);
            assert!(node.is_f64());
            checked += 1;
            match decode(&bytes(&changed)) {
                Ok(got) if got == baseline => {}
                Ok(_) => failures.push(format!("{name}: {path} = {float:?}: decoded differently")),
                Err(e) => failures.push(format!("{name}: {path} = {float:?}: {e:?}")),
            }
        }
    }
    assert!(checked > 150, "only {checked} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_fractional_number_where_an_integer_belongs_is_an_error_naming_its_path() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for &(name, decode) in MODELS {
        let doc = load(name);
        let mut baseline = decode(&bytes(&doc)).unwrap();
        let mut nodes = Vec::new();
        walk(&doc, String::new(), &mut nodes);
        for (path, node) in nodes {
            if !(node.is_i64() || node.is_u64()) {
                continue;
            }
            // Only fields the model keeps as integers (not floats like
            // `offset_seconds: 0`, not fields it does not read).
            if !find(&mut baseline, &path).is_some_and(|v| v.is_i64() || v.is_u64()) {
                continue;
            }
            let mut changed = doc.clone();
            let node = at(&mut changed, &path);
            *node = Value::from(node.as_f64().unwrap() + 0.5);
            checked += 1;
            match decode(&bytes(&changed)) {
                Err((at, msg)) if at == path && msg.contains("integer") => {}
                // A playable entry (track or episode) that does not fit
                // becomes `Unknown` and the page reads on (`PlayableItem`).
                Ok(got) if unknown_entry_at(&got, &path) => {}
                other => failures.push(format!("{name}: {path} + 0.5: {other:?}")),
            }
        }
    }
    assert!(checked > 150, "only {checked} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Whether a prefix of `path` is now an entry with only the fields of an
/// `UnknownItem` (type, ID, name, URI).
fn unknown_entry_at(got: &Value, path: &str) -> bool {
    let mut prefix = path;
    while let Some((up, _)) = prefix.rsplit_once('.') {
        prefix = up;
        if let Some(Value::Object(map)) = find(&mut got.clone(), prefix) {
            if map
                .keys()
                .all(|k| ["type", "id", "name", "uri"].contains(&k.as_str()))
            {
                return true;
            }
        }
    }
    false
}

#[test]
fn integers_out_of_range_are_errors_and_the_edges_decode() {
    let album = load("album_full.json");
    let with = |v: Value| {
        let mut a = album.clone();
        a["total_tracks"] = v;
        decode::<FullAlbum>(&bytes(&a))
    };
    for ok in [
        Value::from(0.0),
        Value::from(-0.0),
        Value::from(4_294_967_295.0),
        Value::from(u32::MAX),
    ] {
        assert!(with(ok.clone()).is_ok(), "{ok}");
    }
    for bad in [
        Value::from(-1.0),
        Value::from(-1),
        Value::from(4_294_967_296.0),
        Value::from(4_294_967_296_u64),
        Value::from(1e300),
        Value::from(0.000_001),
    ] {
        let (path, _) = with(bad.clone()).expect_err(&bad.to_string());
        assert_eq!(path, "total_tracks", "{bad}");
    }
    // Signed fields take negative floats; 64-bit fields take large ones.
    let mut f = load("audio_features_full.json");
    f["key"] = Value::from(-1.0);
    f["duration_ms"] = Value::from(9_007_199_254_740_992.0);
    let f: AudioFeatures = serde_json::from_value(f).unwrap();
    assert_eq!((f.key, f.duration_ms), (-1, 9_007_199_254_740_992));
}

#[test]
fn a_fractional_integer_over_the_wire_is_a_decode_error_with_its_path() {
    let mock = MockServer::start();
    let token = mock.credentials().request_client_token().unwrap();
    let spotify = mock.builder().retry(RetryPolicy::none()).build(token);
    let mut album = load("album_full.json");
    album["tracks"]["items"][1]["duration_ms"] = Value::from(201_000.5);
    album["total_tracks"] = Value::from(18.0);
    mock.fault_on(
        "/v1/albums/",
        Fault::Raw {
            status: 200,
            content_type: "application/json".into(),
            body: album.to_string(),
        },
    );
    match spotify.album(HYBRID_THEORY).send() {
        Err(Error::Decode { path, message, .. }) => {
            assert_eq!(path, "tracks.items[1].duration_ms");
            assert!(message.contains("201000.5"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    album["tracks"]["items"][1]["duration_ms"] = Value::from(201_000.0);
    mock.fault_on(
        "/v1/albums/",
        Fault::Raw {
            status: 200,
            content_type: "application/json".into(),
            body: album.to_string(),
        },
    );
    let got = spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(got.total_tracks, 18);
    assert_eq!(got.tracks.items[1].duration_ms, 201_000);
}

/// The rule holds for fields no fixture shows too: every integer field of
/// every model goes through the crate's integer reader.
#[test]
fn every_integer_field_in_the_model_sources_reads_floats() {
    let dir = format!("{}/src/model", env!("CARGO_MANIFEST_DIR"));
    let mut missing = Vec::new();
    let mut fields = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        // The decoding machinery and its own tests, not models.
        let file = path.file_name().unwrap().to_str().unwrap();
        if ["int.rs", "fit.rs", "tree.rs", "display.rs"].contains(&file) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let line = line.trim();
            let Some((_, ty)) = line.split_once(": ") else {
                continue;
            };
            if !line.starts_with("pub ") && !line.starts_with("pub(crate) ") && !is_field(line) {
                continue;
            }
            let ty = ty.trim_end_matches(',');
            let ty = ty
                .strip_prefix("Option<")
                .and_then(|t| t.strip_suffix('>'))
                .unwrap_or(ty);
            if !matches!(
                ty,
                "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" | "usize"
            ) {
                continue;
            }
            fields += 1;
            // The doc comment and attributes right above the field (up to
            // the previous field or the struct's opening line).
            let attrs: String = lines[..i]
                .iter()
                .rev()
                .take_while(|l| {
                    let l = l.trim();
                    let field = !l.starts_with("///") && l.contains(": ") && l.ends_with(',');
                    !(l.is_empty() || l.ends_with('{') || l.ends_with('}') || field)
                })
                .copied()
                .collect();
            if !attrs.contains("model::int") {
                missing.push(format!("{}:{}: {line}", path.display(), i + 1));
            }
        }
    }
    assert!(fields > 50, "only {fields} integer fields found");
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// A field line of a private (wire) struct: `name: type,`.
fn is_field(line: &str) -> bool {
    let name = line.split(':').next().unwrap_or("");
    line.ends_with(',')
        && !name.is_empty()
        && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
}

// ------------------------------------------------------- odd market codes

/// Market codes that are not two ASCII letters: the spec gives
/// `available_markets` and `country` no pattern.
const ODD_MARKETS: &[&str] = &["XKX", "419", "", "gb-eng", "é", " SE"];

fn with_odd_markets(doc: &mut Value) {
    let mut nodes = Vec::new();
    walk(doc, String::new(), &mut nodes);
    let lists: Vec<String> = nodes
        .into_iter()
        .filter(|(p, v)| p.ends_with("available_markets") && v.is_array())
        .map(|(p, _)| p)
        .collect();
    for path in lists {
        let list = at(doc, &path).as_array_mut().unwrap();
        list.extend(ODD_MARKETS.iter().map(|m| Value::from(*m)));
    }
}

#[test]
fn an_odd_market_code_is_kept_and_never_fails_the_response() {
    let mock = MockServer::start();
    let token = mock.credentials().request_client_token().unwrap();
    let spotify = mock.builder().retry(RetryPolicy::none()).build(token);
    let serve = |name: &str| {
        let mut doc = load(name);
        with_odd_markets(&mut doc);
        mock.fault_on(
            "/v1/",
            Fault::Raw {
                status: 200,
                content_type: "application/json".into(),
                body: doc.to_string(),
            },
        );
    };
    let odd: Vec<&str> = ODD_MARKETS.to_vec();
    let tail = |markets: &[Market]| -> Vec<String> {
        markets[markets.len() - odd.len()..]
            .iter()
            .map(|m| m.as_str().to_owned())
            .collect()
    };

    serve("album_full.json");
    let album = spotify.album(HYBRID_THEORY).send().unwrap();
    assert_eq!(tail(&album.available_markets), odd);
    assert_eq!(album.available_markets[3], Market::new("SE").unwrap());
    assert!(album.available_markets[3].is_alpha2());
    let kept = &album.available_markets[album.available_markets.len() - 1];
    assert!(!kept.is_alpha2());
    assert_eq!(kept.to_string(), " SE");
    assert_eq!(tail(&album.tracks.items[0].available_markets), odd);

    serve("track_full.json");
    let track = spotify.track("11dFghVXANMlKmJXsNCbNl").send().unwrap();
    assert_eq!(tail(&track.available_markets), odd);
    assert_eq!(tail(&track.album.available_markets), odd);

    serve("show_full.json");
    let show = spotify.show("38bS44xjbVVZ3No3ByF1dJ").send().unwrap();
    assert_eq!(tail(&show.available_markets), odd);

    serve("search_full.json");
    let found = spotify.search("x", &[SearchType::Album]).send().unwrap();
    let albums = found.albums.unwrap();
    assert_eq!(tail(&albums.items[0].available_markets), odd);
    assert_eq!(tail(&found.shows.unwrap().items[0].available_markets), odd);

    // A user's `country` too.
    let mut me = load("private_user.json");
    me["country"] = Value::from("XKX");
    let me: PrivateUser = serde_json::from_value(me).unwrap();
    assert_eq!(me.country.as_ref().map(Market::as_str), Some("XKX"));

    // What was kept encodes as it came, and decodes to the same value.
    let text = serde_json::to_string(&album).unwrap();
    assert!(text.contains(r#""419","","gb-eng","é"," SE"]"#), "{text}");
    assert_eq!(serde_json::from_str::<FullAlbum>(&text).unwrap(), album);
    // Two letters in lower case still read as the code.
    let lower: Market = serde_json::from_str(r#""se""#).unwrap();
    assert_eq!(lower, Market::new("SE").unwrap());
    assert!(lower.is_alpha2());
    // A market that is not a string is still a type error.
    assert!(serde_json::from_str::<Market>("5").is_err());
}

#[test]
fn a_market_the_caller_passes_is_still_checked() {
    for bad in ODD_MARKETS {
        assert_eq!(Market::new(bad), None, "{bad:?}");
        assert!(bad.parse::<Market>().is_err(), "{bad:?}");
    }
    assert_eq!(
        Market::new("se").map(|m| m.to_string()).as_deref(),
        Some("SE")
    );
}
