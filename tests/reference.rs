//! Generates `docs/reference.md` from the code (the `operations!` facts and
//! the endpoint methods) and fails when the committed file is stale.
//!
//! Regenerate with `UPDATE_REFERENCE=1 cargo test --all-features --test reference`.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

#[derive(Deserialize)]
struct SpecOperation {
    operation_id: String,
    query: Vec<SpecParam>,
    path_params: Vec<String>,
    tags: Vec<String>,
}

#[derive(Deserialize)]
struct SpecParam {
    name: String,
    required: bool,
}

/// Maps operation type names (`GetAlbum`) to the `Spotify` methods that
/// return them, read from `src/endpoints/*.rs`.
fn methods_by_operation(root: &Path) -> BTreeMap<String, Vec<(String, String)>> {
    let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let dir = root.join("src/endpoints");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("pub fn ") {
            let summary = doc_summary(&rest[..at]);
            rest = &rest[at + 7..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let sig_end = rest.find('{').unwrap_or(rest.len());
            let sig = &rest[..sig_end];
            if let Some(arrow) = sig.find("-> ") {
                let ret = &sig[arrow + 3..];
                if let Some(lt) = ret.find("<'_, ") {
                    let op: String = ret[lt + 5..]
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                        .collect();
                    let op = op.rsplit("::").next().unwrap_or("").to_owned();
                    out.entry(op).or_default().push((name, summary));
                }
            }
        }
    }
    out
}

/// The first line of the `///` block that ends `before`.
fn doc_summary(before: &str) -> String {
    let lines: Vec<&str> = before.lines().map(str::trim).collect();
    let mut docs = Vec::new();
    for line in lines.iter().rev().skip(1) {
        if let Some(d) = line.strip_prefix("///") {
            docs.push(d.trim());
        } else if !docs.is_empty() || line.ends_with('}') || line.ends_with(';') {
            break;
        }
    }
    docs.reverse();
    let mut summary = String::new();
    for d in docs {
        if d.is_empty() {
            break;
        }
        if !summary.is_empty() {
            summary.push(' ');
        }
        summary.push_str(d);
    }
    summary
}

fn operation_type_names(root: &Path) -> BTreeMap<String, String> {
    // operation_id -> type name, from the `operations!` invocations.
    let mut out = BTreeMap::new();
    let dir = root.join("src/endpoints");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            let line = line.trim();
            // `GetAlbum = "get-an-album", Get "/albums/{id}" -> ...`
            if let Some((name, rest)) = line.split_once(" = \"") {
                if let Some((op_id, _)) = rest.split_once('"') {
                    if name.chars().all(|c| c.is_alphanumeric()) && !name.is_empty() {
                        out.insert(op_id.to_owned(), name.to_owned());
                    }
                }
            }
        }
    }
    out
}

fn generate(root: &Path) -> String {
    let spec: Vec<SpecOperation> =
        serde_json::from_str(include_str!("spec/operations.json")).unwrap();
    let spec: BTreeMap<_, _> = spec
        .into_iter()
        .map(|o| (o.operation_id.clone(), o))
        .collect();
    let methods = methods_by_operation(root);
    let types = operation_type_names(root);

    let mut by_tag: BTreeMap<String, Vec<&'static spotify_blocking::__unstable::Endpoint>> =
        BTreeMap::new();
    for ep in spotify_blocking::__unstable::endpoints() {
        let tag = spec
            .get(ep.operation_id)
            .and_then(|o| o.tags.first().cloned())
            .unwrap_or_else(|| "Other".into());
        by_tag.entry(tag).or_default().push(ep);
    }

    let mut md = String::new();
    md.push_str("# Endpoint reference\n\n");
    md.push_str(
        "Generated from the code by `tests/reference.rs` (regenerate with \
         `UPDATE_REFERENCE=1 cargo test --all-features --test reference`); the \
         test fails when this file is stale. Every endpoint: its `Spotify` \
         method, Spotify's operation, HTTP method and path, required scopes \
         (any one of them is enough where several are listed), parameters \
         with their limits, and the returned model.\n\n",
    );
    let total: usize = by_tag.values().map(Vec::len).sum();
    let deprecated = by_tag
        .values()
        .flatten()
        .filter(|e| e.deprecated.is_some())
        .count();
    writeln!(
        md,
        "{total} operations, {deprecated} of them deprecated by Spotify (still served to apps with extended quota; the methods carry `#[deprecated]`).\n"
    )
    .unwrap();
    for (tag, mut eps) in by_tag {
        eps.sort_by_key(|e| (e.path, e.method.as_str()));
        writeln!(md, "## {tag}\n").unwrap();
        for ep in eps {
            let ty = types.get(ep.operation_id).cloned().unwrap_or_default();
            let names = methods.get(&ty).cloned().unwrap_or_default();
            let title = if names.is_empty() {
                format!("`{ty}`")
            } else {
                names
                    .iter()
                    .map(|(n, _)| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            writeln!(md, "### {title}\n").unwrap();
            if let Some((_, summary)) = names.first() {
                if !summary.is_empty() {
                    writeln!(md, "{summary}\n").unwrap();
                }
            }
            writeln!(
                md,
                "- **Spotify**: `{}` — `{} {}`",
                ep.operation_id,
                ep.method.as_str(),
                ep.path
            )
            .unwrap();
            match ep.deprecated {
                Some("no replacement") => {
                    writeln!(md, "- **Deprecated**: no replacement").unwrap();
                }
                Some(instead) => {
                    writeln!(md, "- **Deprecated**: use `{instead}` instead").unwrap();
                }
                None => {}
            }
            let scopes = if ep.scopes.is_empty() {
                "none (an app token works)".to_owned()
            } else {
                ep.scopes
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            writeln!(md, "- **Scopes**: {scopes}").unwrap();
            let so = spec.get(ep.operation_id);
            let mut required: Vec<String> = so
                .map(|o| o.path_params.iter().map(|p| format!("`{p}`")).collect())
                .unwrap_or_default();
            let mut optional = Vec::new();
            for p in ep.query {
                let req = so
                    .and_then(|o| o.query.iter().find(|q| q.name == p.name))
                    .is_some_and(|q| q.required);
                let text = match p.range {
                    Some((lo, hi)) => format!("`{}` ({lo}–{hi})", p.name),
                    None => format!("`{}`", p.name),
                };
                if req {
                    required.push(text);
                } else {
                    optional.push(text);
                }
            }
            for b in ep.body {
                optional.push(format!("`{b}` (body)"));
            }
            let list = |v: &[String]| {
                if v.is_empty() {
                    "none".to_owned()
                } else {
                    v.join(", ")
                }
            };
            writeln!(md, "- **Required**: {}", list(&required)).unwrap();
            writeln!(md, "- **Optional**: {}", list(&optional)).unwrap();
            writeln!(md, "- **Returns**: `{}`\n", ep.returns.replace(' ', "")).unwrap();
        }
    }
    md
}

#[test]
fn reference_is_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let generated = generate(root);
    let path = root.join("docs/reference.md");
    if std::env::var_os("UPDATE_REFERENCE").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/reference.md is stale: run `UPDATE_REFERENCE=1 cargo test --all-features --test reference`"
    );
}

#[test]
fn every_operation_has_a_method() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let methods = methods_by_operation(root);
    let types = operation_type_names(root);
    let missing: Vec<_> = spotify_blocking::__unstable::endpoints()
        .into_iter()
        .filter(|ep| {
            types
                .get(ep.operation_id)
                .and_then(|t| methods.get(t))
                .is_none()
        })
        .map(|ep| ep.operation_id)
        .collect();
    assert!(
        missing.is_empty(),
        "operations without a method: {missing:?}"
    );
}
