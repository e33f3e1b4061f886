//! `Config::from_file` and `from_file_section` on arbitrary file contents:
//! no panic, a typed error or a config with the required keys, and what was
//! read writes back and reads back unchanged (or is refused, naming the key).
#![no_main]

use libfuzzer_sys::fuzz_target;
use spotify_blocking::{Config, Error};
use std::path::PathBuf;
use std::sync::OnceLock;

fn dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = if std::path::Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        let dir = base.join(format!("sb-fuzz-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let path = dir().join("tekore.cfg");
    let copy = dir().join("copy.cfg");
    std::fs::write(&path, data).unwrap();
    for result in [
        Config::from_file(&path),
        Config::from_file_section(&path, "APP"),
    ] {
        match result {
            Ok(conf) => {
                assert!(!conf.client_id.is_empty() && !conf.client_secret.is_empty());
                assert!(!conf.redirect_uri.is_empty());
                let _ = std::fs::remove_file(&copy);
                match conf.write_to_file(&copy) {
                    Ok(()) => assert_eq!(Config::from_file(&copy).unwrap(), conf),
                    Err(Error::Config { key: Some(_), .. }) => {}
                    Err(e) => panic!("writing {conf:?}: {e:?}"),
                }
            }
            Err(Error::Config { .. } | Error::Io { .. }) => {}
            Err(e) => panic!("unexpected {e:?}"),
        }
    }
});
