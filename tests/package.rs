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
        // `cargo package` writes a list of several on several lines.
        let needs_mock = block
            .split_once("required-features")
            .and_then(|(_, rest)| rest.split_once(']'))
            .is_some_and(|(list, _)| list.contains("\"mock\""));
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
    // As `cargo package` writes a list of several.
    let packaged = "[package]\n\n[[test]]\nname = \"d\"\nrequired-features = [\n    \"cli\",\n    \"mock\",\n]\n";
    assert_eq!(mock_targets(packaged, "test"), ["d"]);
}

/// The targets of the Markdown links `[text](target)` in `text`.
fn link_targets(text: &str) -> Vec<&str> {
    let mut targets = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("](") {
        rest = &rest[at + 2..];
        if let Some(end) = rest.find(')') {
            targets.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
    targets
}

/// The README is the crate's front page on crates.io and (through
/// `#![doc = include_str!("../README.md")]`) on docs.rs, where a link
/// relative to the repository (`docs/advanced.md`) leads nowhere.
#[test]
fn readme_links_work_outside_the_repository() {
    let readme = std::fs::read_to_string(Path::new(MANIFEST_DIR).join("README.md")).unwrap();
    let targets = link_targets(&readme);
    assert!(!targets.is_empty(), "no links found: the scan is broken");
    let relative: Vec<_> = targets
        .iter()
        .filter(|target| !target.starts_with("https://") && !target.starts_with('#'))
        .collect();
    assert!(
        relative.is_empty(),
        "README links that break on docs.rs and crates.io (use \
         https://github.com/spotify-blocking/spotify-blocking/blob/main/...): {relative:?}"
    );
}

#[test]
fn the_link_scan_finds_link_targets() {
    let text = "see [a](docs/a.md) and [`b`](https://x.example/b), not [c] or (d)";
    assert_eq!(link_targets(text), ["docs/a.md", "https://x.example/b"]);
}

/// Files the published crate must hold: the licences, and what its own
/// tests, examples and doc tests read.
const PACKAGED: &[&str] = &[
    "LICENSE-MIT",
    "LICENSE-APACHE",
    "README.md",
    "CHANGELOG.md",
    "Cargo.lock",
    "docs/advanced.md",
    "docs/reference.md",
    "examples/common/mod.rs",
    "tests/common/mod.rs",
    "tests/fixtures/album_full.json",
    "tests/spec/operations.json",
    "benches/loopback.rs",
];

/// Paths (or their beginnings) that stay out of it.
const NOT_PACKAGED: &[&str] = &[".ci/", "scripts/", "fuzz/", ".gitignore", "target/"];

/// What `cargo package` puts in the crate: in a clone, its `--list`; in
/// the extracted crate itself (which has a `Cargo.toml.orig` and cannot be
/// packaged again), the files that are there.
fn packaged_files() -> Vec<String> {
    let root = Path::new(MANIFEST_DIR);
    if root.join("Cargo.toml.orig").exists() {
        let mut files = Vec::new();
        let mut dirs = vec![root.to_path_buf()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    let relative = path.strip_prefix(root).unwrap();
                    files.push(relative.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        return files;
    }
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "package",
            "--list",
            "--allow-dirty",
            "--offline",
            "--manifest-path",
        ])
        .arg(root.join("Cargo.toml"))
        .output()
        .expect("run cargo package --list");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "cargo package --list failed: {stderr}"
    );
    assert!(!stderr.contains("warning"), "cargo package warns: {stderr}");
    stdout.lines().map(str::to_string).collect()
}

#[test]
fn the_package_holds_what_it_needs_and_nothing_of_the_tooling() {
    let files = packaged_files();
    let missing: Vec<_> = PACKAGED
        .iter()
        .filter(|f| !files.iter().any(|p| p == *f))
        .collect();
    assert!(missing.is_empty(), "not in the package: {missing:?}");
    let extra: Vec<_> = files
        .iter()
        .filter(|p| NOT_PACKAGED.iter().any(|prefix| p.starts_with(prefix)))
        .collect();
    assert!(
        extra.is_empty(),
        "in the package but should not be: {extra:?}"
    );
}

/// The crates a dependent builds (`cargo tree -e normal`, each once),
/// with these extra `cargo tree` arguments.
fn normal_dependencies(args: &[&str]) -> Vec<String> {
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "tree",
            "-e",
            "normal",
            "--prefix",
            "none",
            "--offline",
            "--manifest-path",
        ])
        .arg(Path::new(MANIFEST_DIR).join("Cargo.toml"))
        .args(args)
        .output()
        .expect("run cargo tree");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "cargo tree failed: {stderr}");
    let mut names: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| line.split(' ').next())
        .map(str::to_string)
        .collect();
    names.sort();
    names.dedup();
    names
}

/// A script that depends on the crate without asking for `browser` does
/// not build `webbrowser` and the `url`/`idna` stack it brings.
#[test]
fn the_default_build_leaves_the_browser_stack_out() {
    let default = normal_dependencies(&[]);
    let with_browser = normal_dependencies(&["--features", "browser"]);
    for name in ["webbrowser", "url", "idna"] {
        assert!(
            !default.iter().any(|d| d == name),
            "{name} is in the default build"
        );
        assert!(
            with_browser.iter().any(|d| d == name),
            "{name} missing with `browser`"
        );
    }
    assert!(
        default.iter().any(|d| d == "ureq"),
        "the scan is broken: {default:?}"
    );
}
