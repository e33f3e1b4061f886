//! INI files in tekore's format and environment variables, through the
//! `Config` associated functions and tekore's free shortcuts.

use spotify_blocking::{
    Config, Error, config_from_environment, config_from_file, config_from_file_section,
    config_to_file, config_to_file_section,
};
use std::fs;
use std::path::{Path, PathBuf};

/// A fresh, empty directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sb-config-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn conf() -> Config {
    Config::new("my-id", "my-secret", "https://example.com/callback")
}

fn config_error(err: Error) -> (Option<PathBuf>, String, Option<String>, String) {
    let text = err.to_string();
    match err {
        Error::Config {
            file, section, key, ..
        } => (file, section, key, text),
        other => panic!("{other:?}"),
    }
}

#[test]
fn round_trip_in_tekores_format() {
    let dir = scratch("round-trip");
    let path = dir.join("tekore.cfg");
    let written = conf().with_refresh(Some("refresh-1"));
    config_to_file(&path, &written).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert_eq!(
        text,
        "[DEFAULT]\n\
         SPOTIFY_CLIENT_ID = my-id\n\
         SPOTIFY_CLIENT_SECRET = my-secret\n\
         SPOTIFY_REDIRECT_URI = https://example.com/callback\n\
         SPOTIFY_USER_REFRESH = refresh-1\n\n"
    );
    let read = config_from_file(&path).unwrap();
    assert_eq!(read, written);
    assert_eq!(read.client_id, "my-id");
    assert_eq!(read.user_refresh().unwrap(), "refresh-1");
    assert_eq!(files_in(&dir), vec!["tekore.cfg"]);
    fs::remove_dir_all(dir).unwrap();
}

/// What tekore (Python's `configparser`) writes for one config: every
/// section ends with a blank line.
const TEKORE_FILE: &str = "[DEFAULT]\nSPOTIFY_CLIENT_ID = id\nSPOTIFY_CLIENT_SECRET = secret\nSPOTIFY_REDIRECT_URI = https://example.com/callback\nSPOTIFY_USER_REFRESH = refresh\n\n";

#[test]
fn tekores_own_file_reads_and_writes_byte_for_byte() {
    let dir = scratch("tekore-bytes");
    let path = dir.join("tekore.cfg");
    fs::write(&path, TEKORE_FILE).unwrap();
    let read = config_from_file(&path).unwrap();
    let expected =
        Config::new("id", "secret", "https://example.com/callback").with_refresh(Some("refresh"));
    assert_eq!(read, expected);
    assert_eq!(
        (
            read.client_id.as_str(),
            read.client_secret.as_str(),
            read.redirect_uri.as_str(),
            read.user_refresh().unwrap()
        ),
        ("id", "secret", "https://example.com/callback", "refresh")
    );
    // Written to a new file, and over the file it came from.
    let fresh = dir.join("fresh.cfg");
    config_to_file(&fresh, &read).unwrap();
    assert_eq!(fs::read_to_string(&fresh).unwrap(), TEKORE_FILE);
    config_to_file(&path, &read).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), TEKORE_FILE);
    // Two sections: each ends with a blank line, as configparser writes.
    config_to_file_section(&path, &Config::new("a", "b", "c"), "APP").unwrap();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        format!(
            "{TEKORE_FILE}[APP]\nSPOTIFY_CLIENT_ID = a\nSPOTIFY_CLIENT_SECRET = b\nSPOTIFY_REDIRECT_URI = c\n\n"
        )
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn reads_a_file_written_by_pythons_configparser() {
    let dir = scratch("python");
    let path = dir.join("tekore.cfg");
    fs::write(
        &path,
        "[DEFAULT]\nSPOTIFY_CLIENT_ID = df_id\nSPOTIFY_CLIENT_SECRET = df_secret\n\
         SPOTIFY_REDIRECT_URI = http://127.0.0.1:8888/cb?x=1;y\nSPOTIFY_USER_REFRESH = df_refresh\n\n\
         [MY_APP]\nSPOTIFY_CLIENT_ID = app_id\nSPOTIFY_USER_REFRESH = \"quoted\"\n\n",
    )
    .unwrap();
    let d = config_from_file(&path).unwrap();
    assert_eq!(d.redirect_uri, "http://127.0.0.1:8888/cb?x=1;y");
    assert_eq!(d.user_refresh().unwrap(), "df_refresh");
    // A named section takes what it lacks from DEFAULT, as configparser does.
    let app = config_from_file_section(&path, "MY_APP").unwrap();
    assert_eq!(app.client_id, "app_id");
    assert_eq!(app.client_secret, "df_secret");
    // configparser keeps quotes as part of the value.
    assert_eq!(app.user_refresh().unwrap(), "\"quoted\"");
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn missing_file_section_and_key_are_named() {
    let dir = scratch("missing");
    let path = dir.join("absent.cfg");
    let (file, section, key, text) = config_error(config_from_file(&path).unwrap_err());
    assert_eq!(file.as_deref(), Some(path.as_path()));
    assert_eq!((section.as_str(), key), ("DEFAULT", None));
    assert!(
        text.contains("absent.cfg") && text.contains("does not exist"),
        "{text}"
    );

    let path = dir.join("partial.cfg");
    fs::write(
        &path,
        "[DEFAULT]\nSPOTIFY_CLIENT_ID = a\nSPOTIFY_CLIENT_SECRET = b\n",
    )
    .unwrap();
    let (file, section, key, text) = config_error(config_from_file(&path).unwrap_err());
    assert_eq!(file.as_deref(), Some(path.as_path()));
    assert_eq!(section, "DEFAULT");
    assert_eq!(key.as_deref(), Some("SPOTIFY_REDIRECT_URI"));
    assert!(text.contains("partial.cfg"), "{text}");
    assert!(text.contains("[DEFAULT]"), "{text}");
    assert!(text.contains("SPOTIFY_REDIRECT_URI"), "{text}");

    let (_, section, key, text) =
        config_error(config_from_file_section(&path, "OTHER").unwrap_err());
    assert_eq!((section.as_str(), key), ("OTHER", None));
    assert!(text.contains("no section [OTHER]"), "{text}");

    // No refresh token: reading works, asking for it names file and key.
    fs::write(
        &path,
        "[DEFAULT]\nSPOTIFY_CLIENT_ID = a\nSPOTIFY_CLIENT_SECRET = b\nSPOTIFY_REDIRECT_URI = c\n",
    )
    .unwrap();
    let read = config_from_file(&path).unwrap();
    let (file, _, key, text) = config_error(read.user_refresh().unwrap_err());
    assert_eq!(file.as_deref(), Some(path.as_path()));
    assert_eq!(key.as_deref(), Some("SPOTIFY_USER_REFRESH"));
    assert!(text.contains("log in"), "{text}");
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn other_sections_and_keys_are_kept() {
    let dir = scratch("keep");
    let path = dir.join("app.ini");
    fs::write(
        &path,
        "[DEFAULT]\nSPOTIFY_CLIENT_ID = old-id\nSPOTIFY_USER_REFRESH = old-refresh\nEXTRA = 1\n\n\
         [other]\nname = value\n",
    )
    .unwrap();
    config_to_file(&path, &conf()).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("[other]\nname = value\n"), "{text}");
    assert!(text.contains("EXTRA = 1\n"), "{text}");
    assert!(!text.contains("old-id"), "{text}");
    // No refresh token in `conf`: the saved one stays.
    let read = config_from_file(&path).unwrap();
    assert_eq!(read.client_id, "my-id");
    assert_eq!(read.user_refresh().unwrap(), "old-refresh");

    // Writing a named section leaves DEFAULT alone.
    let app = Config::new("app-id", "app-secret", "https://app.example/cb");
    config_to_file_section(&path, &app, "app").unwrap();
    assert_eq!(config_from_file(&path).unwrap().client_id, "my-id");
    let back = config_from_file_section(&path, "app").unwrap();
    assert_eq!(back.client_id, "app-id");
    // ... and inherits DEFAULT's refresh token when reading.
    assert_eq!(back.user_refresh().unwrap(), "old-refresh");
    assert!(fs::read_to_string(&path).unwrap().contains("[other]"));
    fs::remove_dir_all(dir).unwrap();
}

#[cfg(unix)]
#[test]
fn the_file_is_private_to_its_owner() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("mode");
    let path = dir.join("tekore.cfg");
    fs::write(&path, "[DEFAULT]\nKEEP = 1\n").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    config_to_file(&path, &conf().with_refresh(Some("r"))).unwrap();
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn writes_are_atomic_and_leave_no_temporary_file() {
    let dir = scratch("atomic");
    let path = dir.join("tekore.cfg");
    for i in 0..3 {
        let refresh = format!("refresh-{i}");
        config_to_file(&path, &conf().with_refresh(Some(&refresh))).unwrap();
        assert_eq!(files_in(&dir), vec!["tekore.cfg"]);
        assert_eq!(
            config_from_file(&path).unwrap().user_refresh().unwrap(),
            refresh
        );
    }
    // A value an INI line cannot hold is refused and the file is untouched.
    let before = fs::read_to_string(&path).unwrap();
    let bad = conf().with_refresh(Some("line\nSPOTIFY_CLIENT_ID = injected"));
    let (_, _, key, _) = config_error(config_to_file(&path, &bad).unwrap_err());
    assert_eq!(key.as_deref(), Some("SPOTIFY_USER_REFRESH"));
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
    // A target that cannot be replaced (a directory) fails and cleans up.
    let blocked = dir.join("blocked.cfg");
    fs::create_dir(&blocked).unwrap();
    fs::write(blocked.join("x"), "x").unwrap();
    let err = config_to_file(&blocked, &conf()).unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err:?}");
    assert_eq!(files_in(&dir), vec!["blocked.cfg", "tekore.cfg"]);
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn debug_never_shows_secrets() {
    let c =
        Config::new("id", "top-secret", "https://e.com/cb").with_refresh(Some("refresh-secret"));
    let d = format!("{c:?}");
    assert!(
        !d.contains("top-secret") && !d.contains("refresh-secret"),
        "{d}"
    );
}

#[test]
fn environment_variables() {
    // The only test in this binary that touches these variables.
    let vars = [
        ("SPOTIFY_CLIENT_ID", "env-id"),
        ("SPOTIFY_CLIENT_SECRET", "env-secret"),
        ("SPOTIFY_REDIRECT_URI", "https://example.com/env"),
    ];
    // SAFETY: no other test in this binary reads or writes the environment.
    unsafe {
        for (k, v) in vars {
            std::env::set_var(k, v);
        }
        std::env::remove_var("SPOTIFY_USER_REFRESH");
    }
    let c = config_from_environment().unwrap();
    assert_eq!(
        c,
        Config::new("env-id", "env-secret", "https://example.com/env")
    );
    // The shortcut and the associated function read the same.
    let from_env = Config::from_env().unwrap();
    assert_eq!(from_env, c);
    assert_eq!(format!("{from_env:?}"), format!("{c:?}"));
    let (file, section, key, _) = config_error(c.user_refresh().unwrap_err());
    assert_eq!((file, section.as_str()), (None, "environment"));
    assert_eq!(key.as_deref(), Some("SPOTIFY_USER_REFRESH"));

    unsafe { std::env::set_var("SPOTIFY_USER_REFRESH", "env-refresh") };
    assert_eq!(
        config_from_environment().unwrap().user_refresh().unwrap(),
        "env-refresh"
    );

    unsafe { std::env::remove_var("SPOTIFY_CLIENT_SECRET") };
    assert_eq!(
        config_error(Config::from_env().unwrap_err()),
        config_error(config_from_environment().unwrap_err())
    );
    let (file, section, key, text) = config_error(config_from_environment().unwrap_err());
    assert_eq!((file, section.as_str()), (None, "environment"));
    assert_eq!(key.as_deref(), Some("SPOTIFY_CLIENT_SECRET"));
    assert!(
        text.contains("SPOTIFY_CLIENT_SECRET") && text.contains("not set"),
        "{text}"
    );
    unsafe {
        for (k, _) in vars {
            std::env::remove_var(k);
        }
        std::env::remove_var("SPOTIFY_USER_REFRESH");
    }
}

const TWO_SECTIONS: &str = "[DEFAULT]\n\
    SPOTIFY_CLIENT_ID = default-id\n\
    SPOTIFY_CLIENT_SECRET = default-secret\n\
    SPOTIFY_REDIRECT_URI = https://example.com/callback\n\
    SPOTIFY_USER_REFRESH = default-refresh\n\
    \n\
    [MY_APP]\n\
    SPOTIFY_CLIENT_ID = app-id\n\
    \n";

#[test]
fn config_from_file_is_a_shortcut_for_from_file() {
    let dir = scratch("from-file-shortcut");
    let path = dir.join("tekore.cfg");
    fs::write(&path, TWO_SECTIONS).unwrap();

    let method = Config::from_file(&path).unwrap();
    assert_eq!(method, config_from_file(&path).unwrap());
    assert_eq!(method.client_id, "default-id");
    assert_eq!(method.user_refresh().unwrap(), "default-refresh");

    let app = Config::from_file_section(&path, "MY_APP").unwrap();
    assert_eq!(app, config_from_file_section(&path, "MY_APP").unwrap());
    assert_eq!(app.client_id, "app-id");
    assert_eq!(app.client_secret, "default-secret");

    // The same errors, naming the same file, section and key.
    let absent = dir.join("absent.cfg");
    let (file, section, key, text) = config_error(Config::from_file(&absent).unwrap_err());
    assert_eq!(
        (file.clone(), section.clone(), key.clone(), text.clone()),
        config_error(config_from_file(&absent).unwrap_err())
    );
    assert_eq!(
        (file, section.as_str(), key),
        (Some(absent), "DEFAULT", None)
    );
    assert!(text.contains("Config::write_to_file"), "{text}");
    assert_eq!(
        config_error(Config::from_file_section(&path, "OTHER").unwrap_err()),
        config_error(config_from_file_section(&path, "OTHER").unwrap_err())
    );
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn config_to_file_is_a_shortcut_for_write_to_file() {
    let dir = scratch("to-file-shortcut");
    let (by_method, by_shortcut) = (dir.join("method.cfg"), dir.join("shortcut.cfg"));
    for path in [&by_method, &by_shortcut] {
        fs::write(path, "[other]\nname = value\n\n").unwrap();
    }
    let written = conf().with_refresh(Some("refresh-1"));
    written.write_to_file(&by_method).unwrap();
    config_to_file(&by_shortcut, &written).unwrap();
    let app = Config::new("app-id", "app-secret", "https://example.com/app");
    app.write_to_file_section(&by_method, "APP").unwrap();
    config_to_file_section(&by_shortcut, &app, "APP").unwrap();

    let text = fs::read_to_string(&by_method).unwrap();
    assert_eq!(text, fs::read_to_string(&by_shortcut).unwrap());
    assert!(text.contains("[other]\nname = value\n"), "{text}");
    assert_eq!(Config::from_file(&by_method).unwrap(), written);
    let back = Config::from_file_section(&by_method, "APP").unwrap();
    assert_eq!(back.client_id, "app-id");
    // A key missing from [APP] comes from DEFAULT.
    assert_eq!(back.user_refresh().unwrap(), "refresh-1");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&by_method).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    // A value the file cannot hold is refused the same way, naming the key.
    let bad = Config::new("id", "line\nbreak", "https://example.com/callback");
    assert_eq!(
        config_error(bad.write_to_file(&by_method).unwrap_err()),
        config_error(config_to_file(&by_method, &bad).unwrap_err())
    );
    assert_eq!(fs::read_to_string(&by_method).unwrap(), text);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_missing_refresh_token_says_how_to_save_one() {
    let (_, _, key, text) = config_error(conf().user_refresh().unwrap_err());
    assert_eq!(key.as_deref(), Some("SPOTIFY_USER_REFRESH"));
    assert!(
        text.contains("Config::with_refresh") && text.contains("Config::write_to_file"),
        "{text}"
    );
}

// ------------------------------------------------------------------
// Files tekore wrote and read (tests/fixtures/tekore/, generated by
// scripts/tekore_config_fixtures.py).

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tekore")
}

/// `{file: {section: [id, secret, redirect, refresh] or "tekore's error"}}`.
fn tekore_expected() -> Vec<(String, String, serde_json::Value)> {
    let text = fs::read_to_string(fixtures().join("expected.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut cases = Vec::new();
    for (file, sections) in json.as_object().unwrap() {
        for (section, values) in sections.as_object().unwrap() {
            cases.push((file.clone(), section.clone(), values.clone()));
        }
    }
    assert!(cases.len() >= 18, "{}", cases.len());
    cases
}

#[test]
fn every_fixture_reads_as_tekore_reads_it() {
    for (file, section, values) in tekore_expected() {
        let path = fixtures().join(&file);
        let read = config_from_file_section(&path, &section);
        let what = format!("{file} [{section}]");
        match values {
            serde_json::Value::Array(v) => {
                let conf = read.unwrap_or_else(|e| panic!("{what}: {e}"));
                assert_eq!(conf.client_id, v[0], "{what}");
                assert_eq!(conf.client_secret, v[1], "{what}");
                assert_eq!(conf.redirect_uri, v[2], "{what}");
                assert_eq!(conf.user_refresh().ok(), v[3].as_str(), "{what}");
            }
            serde_json::Value::String(tekore_error) => {
                let (file_named, _, key, text) = config_error(read.unwrap_err());
                assert_eq!(file_named.as_deref(), Some(path.as_path()), "{what}");
                if tekore_error.starts_with("Interpolation") {
                    // A value error names the key and never quotes the value.
                    assert!(key.is_some(), "{what}: {text}");
                    assert!(text.contains('%'), "{what}: {text}");
                    assert!(!text.contains("x=%20y"), "{text}");
                } else {
                    assert_eq!(key, None, "{what}: {text}");
                    assert!(
                        text.contains("not valid INI") && text.contains("line "),
                        "{text}"
                    );
                }
            }
            other => panic!("{what}: {other}"),
        }
    }
}

#[test]
fn writing_over_each_fixture_gives_what_tekore_writes() {
    let dir = scratch("tekore-rewrite");
    let mut compared = 0;
    for entry in fs::read_dir(fixtures().join("rewritten")).unwrap() {
        let name = entry.unwrap().file_name();
        let copy = dir.join(&name);
        fs::copy(fixtures().join(&name), &copy).unwrap();
        let conf = config_from_file(&copy).unwrap();
        config_to_file(&copy, &conf).unwrap();
        let want = fs::read(fixtures().join("rewritten").join(&name)).unwrap();
        assert_eq!(
            String::from_utf8(fs::read(&copy).unwrap()).unwrap(),
            String::from_utf8(want).unwrap(),
            "{name:?}"
        );
        compared += 1;
    }
    assert!(compared >= 10, "{compared}");
    fs::remove_dir_all(dir).unwrap();
}

/// Configs with awkward values, and the tekore-written fixture each must
/// match byte for byte when written to a new file.
fn awkward() -> Vec<(&'static str, Config)> {
    let c = |id: &str, secret: &str, redirect: &str, refresh: &str| {
        Config::new(id, secret, redirect).with_refresh(Some(refresh))
    };
    vec![
        (
            "percent.cfg",
            c(
                "percent-id",
                "50%off",
                "https://example.com/callback?next=%2Fhome&p=100%",
                "r%%r",
            ),
        ),
        (
            "spaces.cfg",
            c(
                "id with spaces",
                "a secret  with  two spaces",
                "https://example.com/call back",
                "refresh token",
            ),
        ),
        (
            "unicode.cfg",
            c(
                "ünïcødé-id",
                "秘密🔑",
                "https://例え.jp/コールバック",
                "rëfrèsh",
            ),
        ),
        (
            "comment_chars.cfg",
            c(
                "x # y ; z",
                "#not-a-comment",
                "https://example.com/cb?a=1;b=2#frag",
                ";also-not-a-comment",
            ),
        ),
        (
            "delimiters.cfg",
            c(
                "id=with=equals",
                "secret:with:colons",
                "https://example.com:8443/cb?a=b",
                "= starts with equals",
            ),
        ),
    ]
}

#[test]
fn what_this_crate_writes_is_what_tekore_writes() {
    let dir = scratch("tekore-write");
    // With SB_TEKORE_CHECK_DIR set, the files are also left there for
    // `python3 scripts/tekore_config_fixtures.py check DIR`.
    let export = std::env::var_os("SB_TEKORE_CHECK_DIR").map(PathBuf::from);
    let mut expected = serde_json::Map::new();
    for (name, conf) in awkward() {
        let path = dir.join(name);
        config_to_file(&path, &conf).unwrap();
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            fs::read_to_string(fixtures().join(name)).unwrap(),
            "{name}"
        );
        assert_eq!(config_from_file(&path).unwrap(), conf, "{name}");
        if let Some(out) = &export {
            fs::create_dir_all(out).unwrap();
            fs::copy(&path, out.join(name)).unwrap();
            let values = [
                conf.client_id.as_str(),
                &conf.client_secret,
                &conf.redirect_uri,
                conf.user_refresh().unwrap(),
            ];
            expected.insert(name.into(), serde_json::json!({ "DEFAULT": values }));
        }
    }
    if let Some(out) = &export {
        let text = serde_json::Value::Object(expected).to_string();
        fs::write(out.join("expected.json"), text).unwrap();
    }
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_lone_percent_in_a_file_is_an_error_naming_the_key() {
    let dir = scratch("lone-percent");
    let path = dir.join("tekore.cfg");
    for (value, needle) in [
        ("https://example.com/cb?x=%20y", "`%` not followed"),
        ("trailing%", "`%` not followed"),
        ("%(open", "`%(`"),
        ("%()s", "`%(`"),
        ("%(SPOTIFY_CLIENT_ID)x", "`%(`"),
    ] {
        fs::write(
            &path,
            format!(
                "[DEFAULT]\nSPOTIFY_CLIENT_ID = id\nSPOTIFY_CLIENT_SECRET = s\nSPOTIFY_REDIRECT_URI = {value}\n"
            ),
        )
        .unwrap();
        let (_, _, key, text) = config_error(config_from_file(&path).unwrap_err());
        assert_eq!(key.as_deref(), Some("SPOTIFY_REDIRECT_URI"), "{value}");
        assert!(text.contains(needle), "{value}: {text}");
        assert!(!text.contains(value), "{text}");
    }
    fs::remove_dir_all(dir).unwrap();
}

#[cfg(unix)]
#[test]
fn writing_through_a_symlink_writes_the_file_it_points_to() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = scratch("symlink");
    let real_dir = dir.join("real");
    fs::create_dir(&real_dir).unwrap();
    let real = real_dir.join("tekore.cfg");
    fs::write(&real, TEKORE_FILE).unwrap();
    // A relative link, and a link to that link.
    let link = dir.join("link.cfg");
    symlink("real/tekore.cfg", &link).unwrap();
    let link2 = dir.join("link2.cfg");
    symlink(&link, &link2).unwrap();
    for (via, id) in [(&link, "through-one"), (&link2, "through-two")] {
        let conf = Config::new(id, "s", "https://example.com/cb");
        config_to_file(via, &conf).unwrap();
        for l in [&link, &link2] {
            assert!(fs::symlink_metadata(l).unwrap().file_type().is_symlink());
        }
        let read = config_from_file(&real).unwrap();
        assert_eq!(read.client_id, id);
        assert_eq!(read.user_refresh().unwrap(), "refresh");
        assert_eq!(
            fs::metadata(&real).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(files_in(&real_dir), vec!["tekore.cfg"]);
        assert_eq!(files_in(&dir), vec!["link.cfg", "link2.cfg", "real"]);
    }
    // A link to a file not written yet: the file appears, the link stays.
    let dangling = dir.join("dangling.cfg");
    symlink("real/new.cfg", &dangling).unwrap();
    config_to_file(&dangling, &conf()).unwrap();
    assert!(
        fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(config_from_file(real_dir.join("new.cfg")).unwrap(), conf());
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn section_names_that_would_not_read_back_are_refused() {
    let dir = scratch("sections");
    let path = dir.join("tekore.cfg");
    fs::write(&path, TEKORE_FILE).unwrap();
    for bad in [
        "",
        "APP]\n[DEFAULT",
        "x]",
        "[x",
        "a\nb",
        "a\rb",
        "tab\there",
    ] {
        let (file, section, key, text) =
            config_error(config_to_file_section(&path, &conf(), bad).unwrap_err());
        assert_eq!(file.as_deref(), Some(path.as_path()), "{bad:?}");
        assert_eq!((section.as_str(), key), (bad, None), "{bad:?}");
        assert!(text.contains("section name"), "{bad:?}: {text}");
        let (_, _, _, text) = config_error(config_from_file_section(&path, bad).unwrap_err());
        assert!(text.contains("section name"), "{bad:?}: {text}");
    }
    assert_eq!(fs::read_to_string(&path).unwrap(), TEKORE_FILE);
    // Names configparser keeps as they are work.
    for good in ["my app", "APP.2", "ünï"] {
        config_to_file_section(&path, &conf(), good).unwrap();
        assert_eq!(
            config_from_file_section(&path, good).unwrap(),
            conf().with_refresh(Some("refresh"))
        );
    }
    fs::remove_dir_all(dir).unwrap();
}
