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
