//! Generates `docs/reference.md` from the code (the `operations!` facts and
//! the endpoint methods) and fails when the committed file is stale.
//!
//! Regenerate with `UPDATE_REFERENCE=1 cargo test --all-features --test reference`.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use spotify_blocking::__unstable::ListIn;

/// Where a model's rustdoc lives on docs.rs.
const DOCS_RS_MODEL: &str = "https://docs.rs/spotify-blocking/latest/spotify_blocking/model";

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

/// The files of `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    files
}

/// The words (identifiers) of a Rust type as written (`Vec<Option<FullAlbum>>`).
fn type_words(ty: &str) -> impl Iterator<Item = &str> {
    ty.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
}

/// Every public struct, enum and type alias under `src/model/`, with its
/// rustdoc kind (`struct`, `enum`, `type`), read from the source.
fn model_kinds(root: &Path) -> BTreeMap<String, &'static str> {
    let mut out = BTreeMap::new();
    for file in rust_files(&root.join("src/model")) {
        let text = std::fs::read_to_string(&file).unwrap();
        let mut lines = text.lines().map(str::trim).peekable();
        while let Some(line) = lines.next() {
            for (prefix, kind) in [
                ("pub struct ", "struct"),
                ("pub enum ", "enum"),
                ("pub type ", "type"),
            ] {
                if let Some(rest) = line.strip_prefix(prefix) {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    out.insert(name, kind);
                }
            }
            // `string_enum! { /// docs \n Name { ... } }` declares an enum.
            if line.starts_with("string_enum!") {
                for next in lines.by_ref() {
                    if !next.starts_with("///") && !next.starts_with("#[") {
                        let name: String = next
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        out.insert(name, "enum");
                        break;
                    }
                }
            }
        }
    }
    out
}

/// Operation type name (`GetAlbum`) -> the Rust type its `send` returns,
/// read from the `operations!` and `search_one!` declarations.
fn operation_outputs(root: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for file in rust_files(&root.join("src/endpoints")) {
        let text = std::fs::read_to_string(&file).unwrap();
        for line in text.lines().map(str::trim) {
            // `GetAlbum = "get-an-album", Get "/albums/{id}" -> FullAlbum {`
            if let (Some((name, _)), Some((_, ret))) =
                (line.split_once(" = \""), line.split_once("\" -> "))
            {
                let ret = ret.split(" [").next().unwrap().trim_end_matches(" {");
                out.insert(name.to_owned(), ret.replace(' ', ""));
            }
            // `SearchTracks, tracks, FullTrack` (inside `search_one!`)
            let parts: Vec<&str> = line.split(", ").collect();
            if parts.len() == 3
                && parts[0].starts_with("Search")
                && parts
                    .iter()
                    .all(|p| p.chars().all(|c| c.is_alphanumeric() || c == '_'))
            {
                out.insert(parts[0].to_owned(), format!("Page<{}>", parts[2]));
            }
        }
    }
    out
}

/// A returned type for the reference: each model in it links its rustdoc
/// on docs.rs (`Page<SimpleTrack>` -> links to `Page` and `SimpleTrack`).
fn linked_type(ty: &str, kinds: &BTreeMap<String, &'static str>) -> String {
    let mut out = String::new();
    let mut code = String::new();
    let flush = |out: &mut String, code: &mut String| {
        if !code.is_empty() {
            write!(out, "`{code}`").unwrap();
            code.clear();
        }
    };
    let mut rest = ty;
    while !rest.is_empty() {
        let word_len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let (word, tail) = if word_len == 0 {
            rest.split_at(rest.chars().next().unwrap().len_utf8())
        } else {
            rest.split_at(word_len)
        };
        match kinds.get(word) {
            Some(kind) => {
                flush(&mut out, &mut code);
                write!(out, "[`{word}`]({DOCS_RS_MODEL}/{kind}.{word}.html)").unwrap();
            }
            None => code.push_str(word),
        }
        rest = tail;
    }
    flush(&mut out, &mut code);
    out
}

/// One endpoint method: its file, name, operation type and whole rustdoc.
struct MethodDoc {
    file: String,
    name: String,
    op: String,
    doc: String,
}

/// Every `Spotify` method in `src/endpoints/*.rs` that returns a request
/// value (`Request<'_, Op>` or `Chunked<'_, Op>`), with its doc comment.
fn method_docs(root: &Path) -> Vec<MethodDoc> {
    let mut out = Vec::new();
    for file in rust_files(&root.join("src/endpoints")) {
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(rest) = line.trim().strip_prefix("pub fn ") else {
                continue;
            };
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let sig: String = lines[i..]
                .iter()
                .take_while(|l| !l.trim_end().ends_with('{'))
                .chain(lines[i..].iter().find(|l| l.trim_end().ends_with('{')))
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            let Some(op) = ["-> Request<'_, ", "-> Chunked<'_, "]
                .iter()
                .find_map(|p| sig.split_once(p).map(|(_, r)| r))
                .map(|r| {
                    r.chars()
                        .take_while(|c| c.is_alphanumeric())
                        .collect::<String>()
                })
            else {
                continue;
            };
            // The doc block above, past the attributes (`#[deprecated(..)]`).
            let mut doc = Vec::new();
            for l in lines[..i].iter().rev().map(|l| l.trim()) {
                if let Some(d) = l.strip_prefix("///") {
                    doc.push(d.trim());
                } else if !doc.is_empty() || l.is_empty() || l.ends_with('}') || l.ends_with('{') {
                    break;
                }
            }
            doc.reverse();
            out.push(MethodDoc {
                file: file.file_name().unwrap().to_string_lossy().into_owned(),
                name,
                op,
                doc: doc.join("\n"),
            });
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
    let outputs = operation_outputs(root);
    let kinds = model_kinds(root);

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
            // The list a call takes is one of the method's arguments; a name
            // Spotify accepts both in the query and in the body is listed
            // once, where the crate sends it.
            if let Some(l) = &ep.list {
                let place = if l.place == ListIn::Query {
                    "query"
                } else {
                    "body"
                };
                required.push(format!(
                    "`{}` ({place}, at most {} per call)",
                    l.name, l.cap
                ));
            }
            let listed = |name: &str| ep.list.as_ref().is_some_and(|l| l.name == name);
            for p in ep.query {
                if listed(p.name) || ep.body.contains(&p.name) {
                    continue;
                }
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
                if !listed(b) {
                    optional.push(format!("`{b}` (body)"));
                }
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
            let returns = outputs
                .get(&ty)
                .cloned()
                .unwrap_or_else(|| ep.returns.replace(' ', ""));
            writeln!(md, "- **Returns**: {}\n", linked_type(&returns, &kinds)).unwrap();
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

/// Every endpoint method's rustdoc links the model its request returns
/// (each model named in the output type, as an intra-doc link into
/// `crate::model`), or says it returns nothing, and names every scope its
/// operation requires (or says it needs none). The facts come from the
/// source: the methods and their docs from `src/endpoints/*.rs`, each
/// operation's output type from its declaration, the scopes from the
/// operation's `Endpoint`.
#[test]
fn every_method_links_its_model_and_names_its_scopes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let outputs = operation_outputs(root);
    let kinds = model_kinds(root);
    let ids: BTreeMap<String, String> = operation_type_names(root)
        .into_iter()
        .map(|(id, ty)| (ty, id))
        .collect();
    let endpoints = spotify_blocking::__unstable::endpoints();
    let methods = method_docs(root);
    let mut failures = Vec::new();
    let mut linked = 0;
    let mut operations = std::collections::BTreeSet::new();
    for m in &methods {
        let output = outputs
            .get(&m.op)
            .unwrap_or_else(|| panic!("{}: no declaration of {}", m.name, m.op));
        let models: Vec<&str> = type_words(output)
            .filter(|w| kinds.contains_key(*w))
            .collect();
        let missing: Vec<&&str> = models
            .iter()
            .filter(|w| !m.doc.contains(&format!("[`{w}`](crate::model::{w})")))
            .collect();
        let says_returns = if output == "()" {
            m.doc.contains("Returns nothing")
        } else {
            m.doc.contains("Returns ")
        };
        if !missing.is_empty() || !says_returns {
            failures.push(format!(
                "{}::{} -> {output}: {}",
                m.file,
                m.name,
                if says_returns {
                    format!("no link to {missing:?}")
                } else {
                    "no \"Returns\" sentence".to_owned()
                }
            ));
        } else {
            linked += 1;
        }
        // Search's one-type operations share `search`'s endpoint.
        let op_id = ids
            .get(&m.op)
            .map(String::as_str)
            .unwrap_or(if m.op.starts_with("Search") {
                "search"
            } else {
                ""
            });
        let ep = endpoints
            .iter()
            .find(|e| e.operation_id == op_id)
            .unwrap_or_else(|| panic!("{}: no endpoint for {}", m.name, m.op));
        operations.insert(op_id);
        if ep.scopes.is_empty() {
            if !m.doc.contains("no scope") {
                failures.push(format!("{}::{}: does not say \"no scope\"", m.file, m.name));
            }
        } else {
            for s in ep.scopes {
                if !m.doc.contains(&format!("`{s}`")) {
                    failures.push(format!("{}::{}: does not name scope `{s}`", m.file, m.name));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Every operation is reached by some method, and all methods link.
    assert_eq!(operations.len(), endpoints.len(), "operations covered");
    assert_eq!(linked, methods.len());
    assert_eq!(endpoints.len(), 97, "the operations the crate implements");
    assert_eq!(methods.len(), 113, "the endpoint methods on `Spotify`");
}

/// Every documented field and variant of a model (`src/model/*.rs`, but
/// not the hidden `raw` wrappers) whose type names another model links it
/// (`[`SimpleArtist`]`), so the docs can be followed down the hierarchy.
#[test]
fn model_fields_link_their_nested_models() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let kinds = model_kinds(root);
    let mut failures = Vec::new();
    let mut checked = 0;
    for file in rust_files(&root.join("src/model")) {
        if file.ends_with("raw.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let line = line.trim();
            // `pub name: Type,` or a tuple variant `Name(Type),`
            let ty = match line.strip_prefix("pub ").and_then(|r| r.split_once(": ")) {
                Some((name, ty)) if name.chars().all(|c| c.is_alphanumeric() || c == '_') => ty,
                _ => match line.split_once('(') {
                    Some((name, ty))
                        if name.chars().next().is_some_and(char::is_uppercase)
                            && name.chars().all(char::is_alphanumeric)
                            && line.ends_with("),") =>
                    {
                        ty
                    }
                    _ => continue,
                },
            };
            let nested: Vec<&str> = type_words(ty).filter(|w| kinds.contains_key(*w)).collect();
            if nested.is_empty() {
                continue;
            }
            let doc: Vec<&str> = lines[..i]
                .iter()
                .rev()
                .map(|l| l.trim())
                .skip_while(|l| l.starts_with("#["))
                .take_while(|l| l.starts_with("///"))
                .collect();
            if doc.is_empty() {
                continue; // not a documented field (code in a function)
            }
            checked += 1;
            let doc = doc.join(" ");
            for w in nested {
                if !doc.contains(&format!("[`{w}`]")) {
                    failures.push(format!(
                        "{}: `{line}` does not link `{w}`",
                        file.file_name().unwrap().to_string_lossy()
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 150, "only {checked} fields found");
}
