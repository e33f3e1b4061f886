//! Runs every example offline, as a newcomer would: `cargo run --example
//! NAME` with no Spotify credentials in the environment, in a fresh
//! working directory with a fresh temporary directory of its own, checking
//! the exit status, the key lines of the output and the files written, and
//! that the temporary directory is left empty.
//!
//! `cargo run` inside a test does not deadlock: cargo releases the build
//! directory's lock before it runs the test binary. The nested
//! `cargo run --all-features` asks for the same library build the tests
//! use (and `cargo test` has built the examples already), so it only
//! checks fingerprints, provided it does not inherit the variables cargo
//! set for this test (see `set_for_this_test`).
//!
//! Two more checks keep the examples short and tested: every file under
//! `examples/` has a test here (a `fn` named after it), and every one is
//! under 80 lines (`multi_user_server`, a whole web service, under 200).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Examples not run here, and why.
const EXEMPT: &[(&str, &str)] = &[(
    "peer_bench",
    "a benchmark client for ../shared/bench/peers, not a learning example: it \
     needs the peers' fixtures and server, and it times calls instead of teaching them",
)];

/// An example must stay below this many lines.
const MAX_LINES: usize = 80;

/// Examples allowed to be longer, with their limit and why.
const LONGER: &[(&str, usize, &str)] = &[(
    "multi_user_server",
    200,
    "a whole web service: a TokenStore on SQLite, sessions, the login and \
     its callback, and the pages",
)];

/// A fresh, empty working directory for one example, and beside it its
/// fresh temporary directory (see [`temp_of`]).
fn fresh_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("example-{name}"));
    for d in [&dir, &temp_of(&dir)] {
        let _ = std::fs::remove_dir_all(d);
        std::fs::create_dir_all(d).unwrap();
    }
    dir
}

/// The `TMPDIR` of the examples run in `dir`.
fn temp_of(dir: &Path) -> PathBuf {
    dir.with_extension("tmp")
}

/// The names of the files in `dir`, sorted.
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Whether cargo set this variable for the running test (package facts,
/// not configuration). Some build scripts (`ring`'s) watch them, so
/// passing them on to the inner cargo would make it rebuild everything,
/// and the next outer build rebuild it all again.
fn set_for_this_test(key: &str) -> bool {
    [
        "CARGO_PKG_",
        "CARGO_MANIFEST_",
        "CARGO_BIN_",
        "CARGO_CRATE_",
    ]
    .iter()
    .any(|prefix| key.starts_with(prefix))
        || [
            "CARGO_PRIMARY_PACKAGE",
            "CARGO_TARGET_TMPDIR",
            "CARGO_RUSTC_CURRENT_DIR",
            "OUT_DIR",
        ]
        .contains(&key)
}

/// `cargo run --example NAME -- ARGS` in `dir`, offline.
fn cargo_run(name: &str, args: &[&str], dir: &Path) -> Output {
    cargo_command(name, args, dir).output().expect("cargo runs")
}

/// The command [`cargo_run`] runs.
fn cargo_command(name: &str, args: &[&str], dir: &Path) -> Command {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let mut cargo = Command::new(env!("CARGO"));
    for (key, _) in std::env::vars_os() {
        if key.to_str().is_some_and(set_for_this_test) {
            cargo.env_remove(key);
        }
    }
    cargo
        .args(["run", "--quiet", "--all-features", "--manifest-path"])
        .arg(&manifest)
        .args(["--example", name, "--"])
        .args(args)
        .current_dir(dir)
        .env("TMPDIR", temp_of(dir))
        .env_remove("SPOTIFY_CLIENT_ID")
        .env_remove("SPOTIFY_CLIENT_SECRET")
        .env_remove("SPOTIFY_USER_REFRESH")
        .env_remove("SPOTIFY_REDIRECT_URI")
        .env_remove("RUST_LOG");
    cargo
}

/// Runs an example that must succeed; returns its standard output.
fn run(name: &str, args: &[&str], dir: &Path) -> String {
    checked(name, args, dir, cargo_run(name, args, dir))
}

/// Runs an example that shows a progress bar on a terminal: piped, as
/// here, its standard error shows none (no bar, no `\r`, no escape code).
fn run_piped(name: &str, args: &[&str], dir: &Path, progress: &str) -> String {
    let out = cargo_run(name, args, dir);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    for sign in ["\r", "\u{1b}[", progress] {
        assert!(
            !stderr.contains(sign),
            "{name} shows progress ({sign:?}) when piped:\n{stderr}"
        );
    }
    checked(name, args, dir, out)
}

/// The standard output of a run that must have succeeded offline.
fn checked(name: &str, args: &[&str], dir: &Path, out: Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "example {name} {args:?} failed ({}):\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout
            .starts_with("No SPOTIFY_CLIENT_ID/SPOTIFY_CLIENT_SECRET set: using the offline mock."),
        "{name} does not say it runs offline:\n{stdout}"
    );
    let left = files_in(&temp_of(dir));
    assert!(
        left.is_empty(),
        "{name} left files in the temporary directory: {left:?}"
    );
    stdout
}

/// Asserts that `stdout` has these lines, in this order (each one matched
/// at the start of a line).
fn assert_lines(stdout: &str, expected: &[&str]) {
    let mut lines = stdout.lines();
    for want in expected {
        assert!(
            lines.any(|line| line.starts_with(want)),
            "missing (or out of order) {want:?} in:\n{stdout}"
        );
    }
}

#[test]
fn getting_started() {
    // The first run logs in and saves the login to tekore.cfg (mode 0600).
    let dir = fresh_dir("getting_started");
    let out = run("getting_started", &[], &dir);
    let first_run = [
        "1 Papercut",
        "12 Pushing Me Away",
        r#"FullAlbum "Hybrid Theory" by Linkin Park, 12 tracks"#,
        r#"    items: [12] "Papercut", "One Step Closer", "With You", ... 12 in all"#,
        "Offline: the mock approved the login; its redirect URL is parsed as pasted.",
        "Logged in; saved the login to tekore.cfg for the next run.",
        "Papercut", // the top tracks
        "Forgotten",
        "No active device: open Spotify somewhere, then try again.",
    ];
    assert_lines(&out, &first_run);
    assert!(!out.contains("Found tekore.cfg"), "{out}");
    // `{album:#}` fits a screen: the album's fields, one line per track.
    let tree: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("FullAlbum"))
        .skip(2) // `{album}`, then the tree's title
        .take_while(|l| l.starts_with("  "))
        .collect();
    assert!(
        (20..45).contains(&tree.len()),
        "{} lines:\n{}",
        tree.len(),
        tree.join("\n")
    );
    assert_eq!(files_in(&dir), ["tekore.cfg"]);
    let cfg = dir.join("tekore.cfg");
    let text = std::fs::read_to_string(&cfg).unwrap();
    assert!(
        text.contains("SPOTIFY_USER_REFRESH = mock-refresh-"),
        "{text}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&cfg).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }

    // The second run (a new mock) reads it, refreshes and skips the login.
    let out = run("getting_started", &[], &dir);
    assert_lines(
        &out,
        &[
            r#"FullAlbum "Hybrid Theory" by Linkin Park, 12 tracks"#,
            "Found tekore.cfg: refreshed the saved login, no need to log in.",
            "Papercut",
            "No active device: open Spotify somewhere, then try again.",
        ],
    );
    assert!(
        !out.contains("Offline: the mock approved the login"),
        "{out}"
    );
    assert!(!out.contains("Logged in;"), "{out}");
    assert_eq!(std::fs::read_to_string(&cfg).unwrap(), text);

    // A file it cannot read ends the run with the error's message.
    std::fs::write(&cfg, "[DEFAULT]\nSPOTIFY_CLIENT_ID = mock-client-id\n").unwrap();
    let failed = cargo_run("getting_started", &[], &dir);
    assert!(!failed.status.success());
    assert_eq!(
        String::from_utf8_lossy(&failed.stderr),
        "Error: config file tekore.cfg, section [DEFAULT], key `SPOTIFY_CLIENT_SECRET`: \
         the key is missing or empty\n"
    );
}

#[test]
fn search() {
    let dir = fresh_dir("search");
    let out = run("search", &[], &dir);
    assert_lines(
        &out,
        &[
            r#"Searched for "linkin park": SearchResults: 5 of 12 tracks, 5 of 14 albums"#,
            "Tracks (12 found):",
            r#"  FullTrack "Papercut" by Linkin Park on "Hybrid Theory""#,
            "Albums (14 found):",
            r#"  SimpleAlbum "Hybrid Theory" by Linkin Park"#,
        ],
    );
    // The words after `--` are the query.
    let out = run("search", &["in", "the", "end"], &dir);
    assert_lines(
        &out,
        &[
            r#"Searched for "in the end": SearchResults: 1 of 1 tracks, 0 of 0 albums"#,
            "Tracks (1 found):",
            r#"  FullTrack "In the End" by Linkin Park on "Hybrid Theory""#,
            "Albums (0 found):",
        ],
    );
}

#[test]
fn top_tracks_to_playlist() {
    let dir = fresh_dir("top_tracks_to_playlist");
    let out = run("top_tracks_to_playlist", &[], &dir);
    assert_lines(
        &out,
        &[
            // Short term: the mock ranks the album backwards.
            r#" 1. FullTrack "Pushing Me Away" by Linkin Park"#,
            r#"12. FullTrack "Papercut" by Linkin Park"#,
            r#"Created FullPlaylist "My top tracks" by Mock User, 0 items"#,
            "Added 12 tracks (PlaylistSnapshot ",
            r#"Stored: FullPlaylist "My top tracks" by Mock User, 12 items"#,
            "Open it: https://open.spotify.com/playlist/",
        ],
    );
}

#[test]
fn playlist_backup() {
    let dir = fresh_dir("playlist_backup");
    let out = run_piped(
        "playlist_backup",
        &["MockP1ay1istMorningMix", "backup.json"],
        &dir,
        "8/8",
    );
    assert_lines(
        &out,
        &[
            r#"Backing up FullPlaylist "Morning mix" by Mock User, 8 items"#,
            "Wrote 8 items to backup.json",
            // Not the removed track, not the local file.
            "Copied 6 of 8 items to Morning mix (backup)",
        ],
    );
    let json = std::fs::read_to_string(dir.join("backup.json")).unwrap();
    let items: serde_json::Value = serde_json::from_str(&json).unwrap();
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 8);
    assert_eq!(items[0]["item"]["name"], "Papercut");
    assert!(
        items[5]["item"].is_null(),
        "the removed track: {}",
        items[5]
    );
    assert_eq!(items[6]["is_local"], true);
    assert_eq!(items[7]["item"]["type"], "episode");
}

#[test]
fn now_playing() {
    let dir = fresh_dir("now_playing");
    let out = run("now_playing", &[], &dir);
    assert_lines(
        &out,
        &[
            "Devices:",
            r#"  Device "Kitchen speaker" (Speaker)"#,
            r#"  Device "Laptop" (Computer)"#,
            "Nothing is playing: no active device. Open Spotify and press play.",
            "(Moved playback to the mock's kitchen speaker.)",
            r#"On Device "Kitchen speaker" (Speaker, active)"#,
            r#"Now: Track "Points of Authority" by Linkin Park, at 0:00"#,
            "From Context album spotify:album:3RBULTZJ97bvVzZLpxcB0j",
        ],
    );
}

#[test]
fn liked_songs_export() {
    // No path given: the file goes to the working directory.
    let dir = fresh_dir("liked_songs_export");
    let out = run_piped("liked_songs_export", &[], &dir, "5/5");
    let path = dir.join("liked-songs.csv");
    assert_lines(&out, &["Exported 5 liked songs to liked-songs.csv"]);
    let csv = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "added_at,name,artists,album,uri");
    assert_eq!(lines.len(), 6, "{csv}");
    // Newest first: the three saved by the example, then the mock's two.
    let names: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Points of Authority",
            "With You",
            "One Step Closer",
            "In the End",
            "Papercut"
        ]
    );
    assert!(lines[1].ends_with(",Linkin Park,Hybrid Theory,spotify:track:QX78ItUzyl7RAnMNL2mpr5"));
}

#[test]
fn refresh_from_config() {
    let dir = fresh_dir("refresh_from_config");
    let out = run("refresh_from_config", &["tekore.cfg"], &dir);
    assert_lines(
        &out,
        &[
            "Wrote tekore.cfg",
            "Refreshed: Bearer token, expires in ",
            r#"Logged in as Mock User (PrivateUser "Mock User" (mock-user))"#,
        ],
    );
    let cfg = std::fs::read_to_string(dir.join("tekore.cfg")).unwrap();
    assert!(cfg.starts_with("[DEFAULT]\n"), "{cfg}");
    assert!(
        cfg.contains("SPOTIFY_CLIENT_ID = mock-client-id\n"),
        "{cfg}"
    );
    assert!(
        cfg.contains("SPOTIFY_USER_REFRESH = mock-refresh-"),
        "{cfg}"
    );

    // Offline it never overwrites a file that exists.
    let again = cargo_run("refresh_from_config", &["tekore.cfg"], &dir);
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr)
            .contains("tekore.cfg exists: offline, give a new path")
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("tekore.cfg")).unwrap(),
        cfg
    );

    // A failure ends with the error's message (and causes), not a `Debug`
    // dump of its fields.
    let failed = cargo_run("refresh_from_config", &["no-such-dir/tekore.cfg"], &dir);
    assert!(!failed.status.success());
    assert_eq!(
        String::from_utf8_lossy(&failed.stderr),
        "Error: writing config file no-such-dir/tekore.cfg: No such file or directory (os error 2)\n"
    );

    // Without a path it uses a file in the temporary directory and removes
    // it (`run` checks that the temporary directory is empty).
    let out = run("refresh_from_config", &[], &dir);
    assert_lines(
        &out,
        &[
            &format!("Wrote {}/tekore-", temp_of(&dir).display()),
            "Logged in as Mock User",
        ],
    );
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["tekore.cfg"]);
}

/// The names of the examples: `examples/NAME.rs` and `examples/NAME/main.rs`.
/// A browser for `multi_user_server`: one session cookie, redirects
/// followed by hand (to add the mock's `user` to its login page).
struct Browser {
    agent: ureq::Agent,
    cookie: Option<String>,
}

impl Browser {
    fn new() -> Browser {
        let agent = ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .build()
            .new_agent();
        Browser {
            agent,
            cookie: None,
        }
    }

    /// `GET url`: the status, the `Location` and the body.
    fn get(&mut self, url: &str) -> (u16, Option<String>, String) {
        let mut req = self.agent.get(url);
        if let Some(c) = &self.cookie {
            req = req.header("Cookie", c);
        }
        let mut resp = req.call().expect("the server answers");
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        if let Some(set) = header("set-cookie") {
            self.cookie = set.split(';').next().map(str::to_owned);
        }
        let location = header("location");
        let body = resp.body_mut().read_to_string().unwrap_or_default();
        (resp.status().as_u16(), location, body)
    }

    /// Logs in at `base` as `user` (the mock's `user` parameter); returns
    /// the callback address the mock sent the browser back to.
    fn approve(&mut self, base: &str, user: &str) -> String {
        let (status, login_page, _) = self.get(&format!("{base}login"));
        assert_eq!(status, 302);
        let (status, callback, _) = self.get(&format!("{}&user={user}", login_page.unwrap()));
        assert_eq!(status, 302);
        callback.unwrap()
    }
}

#[test]
fn multi_user_server() {
    use std::io::{BufRead, BufReader};
    let dir = fresh_dir("multi_user_server");
    let mut child = cargo_command("multi_user_server", &[], &dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("cargo runs");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut base = None;
    for line in lines.by_ref().take(5) {
        let line = line.unwrap();
        if let Some(rest) = line.strip_prefix("Listening on ") {
            base = rest.split(' ').next().map(str::to_owned);
            break;
        }
    }
    let base = base.expect("the server says where it listens");

    // Two users log in and browse at once.
    let pages: Vec<(String, Vec<String>)> = std::thread::scope(|s| {
        let browse = |user: &'static str| {
            let base = &base;
            s.spawn(move || {
                let mut browser = Browser::new();
                let (status, _, body) = browser.get(base);
                assert_eq!(status, 200);
                assert!(body.contains("Log in with Spotify"), "{body}");
                let callback = browser.approve(base, user);
                assert!(
                    callback.starts_with(&format!("{base}callback?code=")),
                    "{callback}"
                );
                let (status, to, body) = browser.get(&callback);
                assert_eq!((status, to.as_deref()), (302, Some("/")), "{body}");
                let pages: Vec<String> = (0..5)
                    .map(|_| browser.get(base))
                    .map(|(status, _, body)| {
                        assert_eq!(status, 200, "{body}");
                        body
                    })
                    .collect();
                (user.to_owned(), pages)
            })
        };
        let handles = [browse("alice"), browse("bob")];
        handles.map(|h| h.join().unwrap()).into_iter().collect()
    });
    for (user, pages) in &pages {
        let other = if user == "alice" { "bob" } else { "alice" };
        for page in pages {
            assert!(
                page.contains(&format!("<h1>Top tracks of {user}</h1>")),
                "{page}"
            );
            assert!(!page.contains(other), "{user} sees {other}: {page}");
            assert_eq!(page.matches("<li>").count(), 10, "{page}");
            assert_eq!(page, &pages[0], "a user's page stays theirs");
        }
    }
    // The mock ranks each named user's tracks in an order of their own.
    assert_ne!(
        pages[0].1[0]
            .split("<h1>")
            .nth(1)
            .map(|p| p.split_once("</h1>").unwrap().1),
        pages[1].1[0]
            .split("<h1>")
            .nth(1)
            .map(|p| p.split_once("</h1>").unwrap().1)
    );

    // A callback carries the state of its own session only.
    let mut eve = Browser::new();
    let eves_callback = eve.approve(&base, "eve");
    let mut mallory = Browser::new();
    mallory.approve(&base, "mallory");
    let (status, _, body) = mallory.get(&eves_callback);
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("Login refused"), "{body}");
    let (status, _, body) = mallory.get(&base);
    assert!(
        status == 200 && body.contains("Log in with Spotify"),
        "{body}"
    );
    // Eve's own session still finishes her login.
    let (status, _, _) = eve.get(&eves_callback);
    assert_eq!(status, 302);
    let (_, _, body) = eve.get(&base);
    assert!(body.contains("Top tracks of eve"), "{body}");

    drop(child.stdin.take()); // the end of its input stops the server
    let status = child.wait().unwrap();
    assert!(status.success(), "{status}");
}

fn example_names() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| match p.extension() {
            Some(ext) if ext == "rs" => Some(p.file_stem()?.to_str()?.to_owned()),
            None if p.join("main.rs").is_file() => Some(p.file_name()?.to_str()?.to_owned()),
            _ => None,
        })
        .collect();
    names.sort();
    names
}

#[test]
fn every_example_has_a_test() {
    let this_file = include_str!("examples.rs");
    let names = example_names();
    assert!(names.contains(&"getting_started".to_owned()), "{names:?}");
    for name in names {
        if EXEMPT.iter().any(|(n, _)| *n == name) {
            continue;
        }
        assert!(
            this_file.contains(&format!("#[test]\nfn {name}() {{")),
            "examples/{name} has no test in tests/examples.rs: add `fn {name}()` running it"
        );
    }
}

#[test]
fn every_example_is_short() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut files = vec![dir.join("common/mod.rs"), dir.join("common/report.rs")];
    for name in example_names() {
        if !EXEMPT.iter().any(|(n, _)| *n == name) {
            let file = dir.join(format!("{name}.rs"));
            files.push(if file.is_file() {
                file
            } else {
                dir.join(&name).join("main.rs")
            });
        }
    }
    for file in files {
        let lines = std::fs::read_to_string(&file).unwrap().lines().count();
        let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let max = LONGER
            .iter()
            .find(|(n, _, _)| *n == stem)
            .map_or(MAX_LINES, |(_, max, _)| *max);
        assert!(
            lines < max,
            "{} has {lines} lines; keep it under {max}",
            file.display()
        );
    }
}
