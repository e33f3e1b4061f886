//! Deterministic data and JSON helpers for the mock.

use super::server::RawResponse;
use serde_json::{Value, json};

/// FNV-1a, for ETags and IDs.
pub(crate) fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// A stable 22-character base-62 ID derived from `seed`.
pub(crate) fn mock_id(seed: &str) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut state = fnv(seed.as_bytes()) | 1;
    (0..22)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            ALPHABET[(state % 62) as usize] as char
        })
        .collect()
}

/// A JSON response.
pub(crate) fn json_response(status: u16, body: &Value) -> RawResponse {
    RawResponse {
        status,
        headers: vec![(
            "Content-Type".into(),
            "application/json; charset=utf-8".into(),
        )],
        body: serde_json::to_vec(body).unwrap_or_default(),
        ..RawResponse::default()
    }
}

/// A page object over `items`, with `next`/`previous` links on `base_url`
/// (which may already hold a query).
pub(crate) fn page(base_url: &str, items: &[Value], limit: usize, offset: usize) -> Value {
    let total = items.len();
    let limit = limit.max(1);
    let slice: Vec<Value> = items.iter().skip(offset).take(limit).cloned().collect();
    let sep = if base_url.contains('?') { '&' } else { '?' };
    let link = |o: usize| format!("{base_url}{sep}offset={o}&limit={limit}");
    json!({
        "href": link(offset),
        "items": slice,
        "limit": limit,
        "next": if offset + limit < total { Value::String(link(offset + limit)) } else { Value::Null },
        "offset": offset,
        "previous": if offset > 0 { Value::String(link(offset.saturating_sub(limit))) } else { Value::Null },
        "total": total,
    })
}

/// A handful of markets, as Spotify lists them.
pub(crate) fn markets() -> Value {
    json!(["DE", "FR", "GB", "JP", "SE", "US"])
}

/// `external_urls`, `href`, `id`, `type`, `uri` of an object.
pub(crate) fn identity(api: &str, kind: &str, id: &str) -> Value {
    json!({
        "external_urls": {"spotify": format!("https://open.spotify.com/{kind}/{id}")},
        "href": format!("{api}/{kind}s/{id}"),
        "id": id,
        "type": kind,
        "uri": format!("spotify:{kind}:{id}"),
    })
}

/// Merges the fields of `extra` into `base`.
pub(crate) fn with(mut base: Value, extra: Value) -> Value {
    if let (Some(b), Value::Object(e)) = (base.as_object_mut(), extra) {
        b.extend(e);
    }
    base
}

/// Cover images in Spotify's three sizes.
pub(crate) fn images(id: &str) -> Value {
    json!(
        [640, 300, 64]
            .iter()
            .map(|s| json!({
                "url": format!("https://i.scdn.co/image/{id}-{s}"),
                "height": s,
                "width": s,
            }))
            .collect::<Vec<_>>()
    )
}
