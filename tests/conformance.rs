//! Conformance: the facts each `operations!` declares (method, path, query
//! parameters and their ranges, body keys, the list a call takes with its
//! cap and place, scopes, deprecation) against the
//! facts derived from Spotify's OpenAPI description into
//! `tests/spec/operations.json` (regenerate with
//! `python3 scripts/derive_operations.py`, see scripts/README.md).

use serde::Deserialize;
use spotify_blocking::__unstable::{Endpoint, ListIn};
use std::collections::{BTreeMap, BTreeSet};

/// The derived facts, embedded so the test never reads outside the repo.
const OPERATIONS_JSON: &str = include_str!("spec/operations.json");

/// How many operations the OpenAPI description (version 2026.5.31) has.
const SPEC_OPERATIONS: usize = 97;

/// Query parameters whose numeric range we knowingly declare differently from
/// the description: `(operation_id, param, reason)`. For a listed parameter
/// the range comparison is skipped; everything else is still checked. An
/// entry must name an operation and query parameter of the description, give
/// a reason, and (once the operation is implemented) really deviate.
const DELIBERATE_DEVIATIONS: &[(&str, &str, &str)] = &[(
    "get-an-artists-albums",
    "limit",
    "the schema says minimum 0 but its own text says Minimum: 1; a page of 0 albums is useless",
)];

/// Operations whose description states a list cap but that declare no
/// `list:`, with the reason: `(operation_id, reason)`.
const UNCHUNKED_LISTS: &[(&str, &str)] = &[
    (
        "reorder-or-replace-playlists-items",
        "a replace sends `uris` in the body (the description caps only the query form) and is refused, not split, above 100",
    ),
    (
        "reorder-or-replace-playlists-tracks",
        "the deprecated form of the replace above",
    ),
    (
        "check-if-user-follows-playlist",
        "the deprecated `ids` parameter (one user) is not sent",
    ),
];

#[derive(Debug, Deserialize)]
struct SpecOperation {
    operation_id: String,
    method: String,
    path: String,
    query: Vec<SpecParam>,
    body: Vec<String>,
    scopes: Vec<String>,
    deprecated: bool,
    /// Stated list caps: parameter or body key → `"query"`/`"body"` → cap.
    caps: BTreeMap<String, BTreeMap<String, usize>>,
}

#[derive(Debug, Deserialize)]
struct SpecParam {
    name: String,
    min: Option<f64>,
    max: Option<f64>,
}

fn spec() -> BTreeMap<String, SpecOperation> {
    let ops: Vec<SpecOperation> =
        serde_json::from_str(OPERATIONS_JSON).expect("tests/spec/operations.json parses");
    let count = ops.len();
    let map: BTreeMap<_, _> = ops
        .into_iter()
        .map(|op| (op.operation_id.clone(), op))
        .collect();
    assert_eq!(
        map.len(),
        count,
        "tests/spec/operations.json repeats an operation_id"
    );
    map
}

fn deviation(operation_id: &str, param: &str) -> bool {
    DELIBERATE_DEVIATIONS
        .iter()
        .any(|&(op, p, _)| op == operation_id && p == param)
}

fn show_range(min: Option<f64>, max: Option<f64>) -> String {
    if min.is_none() && max.is_none() {
        return "no range".to_owned();
    }
    let bound = |b: Option<f64>| b.map_or_else(|| "_".to_owned(), |b| b.to_string());
    format!("{}..={}", bound(min), bound(max))
}

/// Every difference between one endpoint and its spec operation.
fn compare(ep: &Endpoint, op: &SpecOperation, out: &mut Vec<String>) {
    if ep.method.as_str() != op.method {
        out.push(format!(
            "method is {}, the description says {}",
            ep.method.as_str(),
            op.method
        ));
    }
    if ep.path != op.path {
        out.push(format!(
            "path is {:?}, the description says {:?}",
            ep.path, op.path
        ));
    }

    let ours: BTreeSet<&str> = ep.query.iter().map(|p| p.name).collect();
    if ours.len() != ep.query.len() {
        out.push("a query parameter is declared twice".to_owned());
    }
    let theirs: BTreeSet<&str> = op.query.iter().map(|p| p.name.as_str()).collect();
    let missing: Vec<_> = theirs.difference(&ours).collect();
    let extra: Vec<_> = ours.difference(&theirs).collect();
    if !missing.is_empty() {
        out.push(format!("query parameters not declared: {missing:?}"));
    }
    if !extra.is_empty() {
        out.push(format!(
            "query parameters the description doesn't have: {extra:?}"
        ));
    }

    for sp in &op.query {
        let Some(param) = ep.query.iter().find(|p| p.name == sp.name) else {
            continue;
        };
        if deviation(&op.operation_id, &sp.name) {
            continue;
        }
        let spec_range = show_range(sp.min, sp.max);
        match (param.range, sp.min, sp.max) {
            (None, Some(_), Some(_)) => out.push(format!(
                "query `{}` declares no range, the description says {spec_range}",
                sp.name
            )),
            (None, _, _) => {}
            (Some((lo, hi)), min, max) => {
                let differs =
                    |ours: u32, spec: Option<f64>| spec.is_some_and(|s| f64::from(ours) != s);
                if (min.is_none() && max.is_none()) || differs(lo, min) || differs(hi, max) {
                    out.push(format!(
                        "query `{}` range is {lo}..={hi}, the description says {spec_range}",
                        sp.name
                    ));
                }
            }
        }
    }

    let body: BTreeSet<&str> = op.body.iter().map(String::as_str).collect();
    let unknown: Vec<_> = ep.body.iter().filter(|k| !body.contains(*k)).collect();
    if !unknown.is_empty() {
        out.push(format!(
            "body keys the description doesn't have: {unknown:?} (it has {body:?})"
        ));
    }

    match &ep.list {
        Some(list) => {
            let in_body = list.place == ListIn::Body;
            let place = if in_body { "body" } else { "query" };
            let stated = op.caps.get(list.name).and_then(|c| c.get(place));
            if stated != Some(&list.cap) {
                out.push(format!(
                    "list `{}` in the {place} takes at most {}, the description says {:?} (all caps: {:?})",
                    list.name, list.cap, stated, op.caps
                ));
            }
            let declared = if in_body {
                ep.body.contains(&list.name)
            } else {
                ep.query.iter().any(|p| p.name == list.name)
            };
            if !declared {
                out.push(format!(
                    "list `{}` goes in the {place}, which does not declare it",
                    list.name
                ));
            }
        }
        None => {
            let known = UNCHUNKED_LISTS.iter().any(|(id, _)| *id == op.operation_id);
            if !op.caps.is_empty() && !known {
                out.push(format!(
                    "the description caps a list ({:?}); declare `list: NAME in Query|Body max N`",
                    op.caps
                ));
            }
        }
    }

    let ours: BTreeSet<&str> = ep.scopes.iter().copied().collect();
    let theirs: BTreeSet<&str> = op.scopes.iter().map(String::as_str).collect();
    if ours != theirs {
        out.push(format!(
            "scopes are {ours:?}, the description says {theirs:?}"
        ));
    }

    if ep.deprecated.is_some() != op.deprecated {
        out.push(if op.deprecated {
            "the description marks it deprecated; declare `deprecated: \"replacement\"`".to_owned()
        } else {
            format!(
                "declared deprecated ({:?}) but the description doesn't mark it so",
                ep.deprecated.unwrap_or_default()
            )
        });
    }
}

#[test]
fn endpoints_match_the_openapi_description() {
    let spec = spec();
    let endpoints = spotify_blocking::__unstable::endpoints();
    let mut problems: Vec<String> = Vec::new();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();

    for ep in &endpoints {
        *seen.entry(ep.operation_id).or_default() += 1;
        let label = format!("{} ({} {})", ep.operation_id, ep.method.as_str(), ep.path);
        let Some(op) = spec.get(ep.operation_id) else {
            problems.push(format!(
                "{label}: no operation with this operationId in the description"
            ));
            continue;
        };
        let mut found = Vec::new();
        compare(ep, op, &mut found);
        problems.extend(found.into_iter().map(|p| format!("{label}: {p}")));
    }
    for (id, n) in &seen {
        if *n > 1 {
            problems.push(format!("{id}: implemented {n} times"));
        }
    }

    for &(id, param, reason) in DELIBERATE_DEVIATIONS {
        let entry = format!("DELIBERATE_DEVIATIONS ({id}, {param})");
        let Some(op) = spec.get(id) else {
            problems.push(format!("{entry}: no such operation in the description"));
            continue;
        };
        let Some(sp) = op.query.iter().find(|p| p.name == param) else {
            problems.push(format!(
                "{entry}: the operation has no such query parameter"
            ));
            continue;
        };
        if reason.trim().is_empty() {
            problems.push(format!("{entry}: give a reason"));
        }
        let declared = endpoints
            .iter()
            .filter(|ep| ep.operation_id == id)
            .find_map(|ep| ep.query.iter().find(|p| p.name == param));
        if let Some(p) = declared {
            let same = match p.range {
                None => sp.min.is_none() || sp.max.is_none(),
                Some((lo, hi)) => sp.min == Some(f64::from(lo)) && sp.max == Some(f64::from(hi)),
            };
            if same {
                problems.push(format!(
                    "{entry}: the declared range now matches the description; remove the entry"
                ));
            }
        }
    }

    assert!(
        problems.is_empty(),
        "{} conformance problem(s) between src/endpoints and tests/spec/operations.json:\n  {}\n",
        problems.len(),
        problems.join("\n  ")
    );
}

#[test]
fn remaining_operations() {
    let spec = spec();
    assert_eq!(
        spec.len(),
        SPEC_OPERATIONS,
        "tests/spec/operations.json should hold all {SPEC_OPERATIONS} operations; regenerate it"
    );
    let implemented: BTreeSet<&str> = spotify_blocking::__unstable::endpoints()
        .iter()
        .map(|ep| ep.operation_id)
        .collect();
    let remaining: Vec<&SpecOperation> = spec
        .values()
        .filter(|op| !implemented.contains(op.operation_id.as_str()))
        .collect();
    println!(
        "remaining operations: {} of {SPEC_OPERATIONS}",
        remaining.len()
    );
    for op in remaining {
        println!("  {} {} {}", op.operation_id, op.method, op.path);
    }
}
