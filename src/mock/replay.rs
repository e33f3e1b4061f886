//! The replaying mock: answers from a directory written by
//! [`SpotifyBuilder::record_to`](crate::SpotifyBuilder::record_to), in the
//! format of `crate::record`. See [`MockServer::replay`](super::MockServer::replay).

use super::ctx::{Ctx, MockRequest, error, lock};
use super::data::json_response;
use super::server::{RawRequest, RawResponse};
use crate::auth::scope::Scopes;
use crate::record::Recording;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

/// What a request is matched on: method, path, and the decoded query
/// pairs, sorted (their order does not matter).
type Key = (String, String, Vec<(String, String)>);

fn key(method: &str, path: &str, query: Vec<(String, String)>) -> Key {
    let mut query = query;
    query.sort();
    (method.to_owned(), path.to_owned(), query)
}

/// The recordings of one directory and how far each request has got.
pub(crate) struct Replay {
    recordings: Vec<Recording>,
    /// The recordings of each request, in recorded order.
    by_key: HashMap<Key, Vec<usize>>,
    /// How many times each request was answered.
    served: Mutex<HashMap<Key, usize>>,
    /// The scopes asked for at `/authorize`, by code.
    codes: Mutex<HashMap<String, String>>,
}

impl Replay {
    /// Reads `dir`; an error when it cannot, or when it holds no
    /// recording.
    pub fn load(dir: &Path) -> std::io::Result<Replay> {
        let recordings: Vec<Recording> = crate::record::read_dir(dir)?
            .into_iter()
            .map(|(_, r)| r)
            .collect();
        if recordings.is_empty() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "{} holds no recordings (files named NNNN-METHOD-path.json)",
                    dir.display()
                ),
            ));
        }
        let mut by_key: HashMap<Key, Vec<usize>> = HashMap::new();
        for (i, r) in recordings.iter().enumerate() {
            let query = crate::encode::parse_query(r.query());
            by_key
                .entry(key(r.method(), r.path(), query))
                .or_default()
                .push(i);
        }
        Ok(Replay {
            recordings,
            by_key,
            served: Mutex::new(HashMap::new()),
            codes: Mutex::new(HashMap::new()),
        })
    }

    /// Answers one request.
    pub fn handle(&self, ctx: &Ctx, raw: RawRequest) -> RawResponse {
        let (req, wire) = match super::intake(ctx, raw) {
            Ok(taken) => taken,
            Err(faulted) => return faulted,
        };
        let mut resp = if req.route("POST", "/api/token") {
            self.token(ctx, &req)
        } else if req.route("GET", "/authorize") {
            self.authorize(ctx, &req)
        } else {
            self.recorded(ctx, &req)
        };
        resp.wire = wire;
        resp
    }

    /// The next recorded answer to `req`, or a 404 naming it.
    fn recorded(&self, ctx: &Ctx, req: &MockRequest) -> RawResponse {
        let k = key(&req.method, &req.path, req.query.clone());
        let Some(indices) = self.by_key.get(&k) else {
            let query = crate::encode::form(
                &req.query
                    .iter()
                    .map(|(a, b)| (a.as_str(), b.as_str()))
                    .collect::<Vec<_>>(),
            );
            let sep = if query.is_empty() { "" } else { "?" };
            let line = format!("{} {}{sep}{query}", req.method, req.path);
            return error(404, &format!("no recording of {line} in this replay"));
        };
        let turn = {
            let mut served = lock(&self.served);
            let n = served.entry(k).or_insert(0);
            *n += 1;
            *n - 1
        };
        let r = &self.recordings[indices[turn.min(indices.len() - 1)]];
        let etag = r.headers.get("etag");
        if r.status == 200
            && etag.is_some()
            && req.header("if-none-match") == etag.map(|e| e.as_str())
        {
            return RawResponse {
                status: 304,
                headers: vec![("ETag".into(), etag.cloned().unwrap_or_default())],
                ..RawResponse::default()
            };
        }
        let moved = |url: &str| match url.strip_prefix(r.origin.as_str()) {
            Some(rest) if !r.origin.is_empty() => format!("{}{rest}", ctx.origin),
            _ => url.to_owned(),
        };
        let mut headers: Vec<(String, String)> = r
            .headers
            .iter()
            .map(|(name, value)| {
                let value = if name == "location" {
                    moved(value)
                } else {
                    value.clone()
                };
                (name.clone(), value)
            })
            .collect();
        let body = match &r.body {
            Some(json) => {
                let mut json = json.clone();
                relink(&mut json, &moved);
                if !r.headers.contains_key("content-type") {
                    headers.push(("content-type".into(), "application/json".into()));
                }
                serde_json::to_vec(&json).unwrap_or_default()
            }
            None => r.body_bytes(),
        };
        RawResponse {
            status: r.status,
            headers,
            body,
            ..RawResponse::default()
        }
    }

    /// A fresh fake token for any grant and any credentials.
    fn token(&self, ctx: &Ctx, req: &MockRequest) -> RawResponse {
        let form = crate::encode::parse_query(&String::from_utf8_lossy(&req.body));
        let field = |name: &str| {
            form.iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let every = crate::auth::scope::every().to_string();
        let (scopes, refresh) = match field("grant_type") {
            Some("client_credentials") => (None, false),
            Some("authorization_code") => {
                let asked = field("code").and_then(|c| lock(&self.codes).remove(c));
                (Some(asked.unwrap_or(every)), true)
            }
            Some("refresh_token") => (Some(every), false),
            _ => {
                return json_response(
                    400,
                    &json!({"error": "unsupported_grant_type", "error_description": "replay: grant_type must be client_credentials, authorization_code or refresh_token"}),
                );
            }
        };
        let user = scopes.is_some();
        let granted = Scopes::parse(scopes.as_deref().unwrap_or(""));
        let access = ctx.issue_token(granted, user);
        let mut answer =
            json!({"access_token": access, "token_type": "Bearer", "expires_in": 3600});
        if let Some(s) = scopes {
            answer["scope"] = Value::String(s);
        }
        if refresh {
            answer["refresh_token"] =
                Value::String(format!("replay-refresh-{}", ctx.next_number()));
        }
        json_response(200, &answer)
    }

    /// Approves a login at once: redirects with a code and the state.
    fn authorize(&self, ctx: &Ctx, req: &MockRequest) -> RawResponse {
        let Some(redirect_uri) = req.query("redirect_uri").filter(|u| u.contains("://")) else {
            return error(400, "replay: /authorize needs a redirect_uri");
        };
        let code = format!("replay-code-{}", ctx.next_number());
        let scope = req.query("scope").unwrap_or_default().to_owned();
        lock(&self.codes).insert(code.clone(), scope);
        let mut params = vec![("code", code.as_str())];
        if let Some(state) = req.query("state") {
            params.push(("state", state));
        }
        let sep = if redirect_uri.contains('?') { '&' } else { '?' };
        let location = format!("{redirect_uri}{sep}{}", crate::encode::form(&params));
        RawResponse {
            status: 302,
            headers: vec![("Location".into(), location)],
            ..RawResponse::default()
        }
    }
}

/// Points every `next` and `previous` link at this server. The parser
/// bounded the nesting, so the recursion is bounded too.
fn relink(v: &mut Value, moved: &dyn Fn(&str) -> String) {
    match v {
        Value::Array(items) => items.iter_mut().for_each(|x| relink(x, moved)),
        Value::Object(map) => {
            for (k, x) in map.iter_mut() {
                match x {
                    Value::String(url) if k == "next" || k == "previous" => *url = moved(url),
                    _ => relink(x, moved),
                }
            }
        }
        _ => {}
    }
}
