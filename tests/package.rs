//! The crate as published: what `cargo package` keeps must work without
//! this repository around it.
//!
//! In a clone the self dev-dependency turns on `mock`; `cargo package`
//! drops it. A test or example that uses the mock without declaring
//! `required-features = ["mock"]` builds here and breaks in the published
//! crate, so every one of them must declare it.

use std::path::Path;

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

/// The `[[test]]` or `[[example]]` targets of the manifest (`kind` without
/// brackets) that require `mock`, by name.
fn mock_targets(manifest: &str, kind: &str) -> Vec<String> {
    let header = format!("[[{kind}]]");
    let mut found = Vec::new();
    for block in manifest.split("\n[").skip(1) {
        let block = format!("[{block}");
        if !block.starts_with(&header) {
            continue;
        }
        let name = block.lines().find_map(|line| {
            let value = line.strip_prefix("name = ")?;
            Some(value.trim().trim_matches('"').to_string())
        });
        let needs_mock = block
            .lines()
            .any(|line| line.starts_with("required-features") && line.contains("\"mock\""));
        if let (Some(name), true) = (name, needs_mock) {
            found.push(name);
        }
    }
    found
}

/// The `.rs` files directly under `dir` whose text uses the mock, directly
/// or through the shared `common` module, by file stem.
fn files_using_the_mock(dir: &str) -> Vec<String> {
    let dir = Path::new(MANIFEST_DIR).join(dir);
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // Spelled in pieces, so this file does not find itself.
        let (module, common) = (
            ["spotify_blocking", "::mock"].concat(),
            ["mod", " common;"].concat(),
        );
        if text.contains(&module) || text.contains(&common) {
            names.push(path.file_stem().unwrap().to_string_lossy().into_owned());
        }
    }
    names.sort();
    names
}

#[test]
fn every_test_and_example_on_the_mock_requires_the_mock_feature() {
    let manifest = std::fs::read_to_string(Path::new(MANIFEST_DIR).join("Cargo.toml")).unwrap();
    for (dir, kind) in [("tests", "test"), ("examples", "example")] {
        let declared = mock_targets(&manifest, kind);
        let using = files_using_the_mock(dir);
        assert!(
            !using.is_empty(),
            "no {dir} use the mock? the scan is broken"
        );
        let missing: Vec<_> = using
            .iter()
            .filter(|name| !declared.contains(name))
            .collect();
        assert!(
            missing.is_empty(),
            "{dir} using the mock without `required-features = [\"mock\"]` in Cargo.toml \
             (they break in the published crate): {missing:?}"
        );
    }
}

#[test]
fn the_manifest_scan_reads_required_features() {
    let manifest = "[package]\nname = \"x\"\n\n[[test]]\nname = \"a\"\nrequired-features = [\"mock\"]\n\n\
                    [[test]]\nname = \"b\"\n\n[[example]]\nname = \"c\"\npath = \"examples/c.rs\"\n\
                    required-features = [\"mock\"]\n";
    assert_eq!(mock_targets(manifest, "test"), ["a"]);
    assert_eq!(mock_targets(manifest, "example"), ["c"]);
}
