//! The accounts service: `/authorize` (auto-approving login page) and
//! `/api/token` (client credentials, authorization code with a secret or
//! PKCE, refresh).

use super::ctx::{Ctx, MockRequest};
use super::data::json_response;
use super::ids::{CLIENT_ID, CLIENT_SECRET};
use super::server::RawResponse;
use crate::auth::scope::{Scope, Scopes};
use base64::Engine as _;
use serde_json::json;
use std::collections::{HashMap, HashSet};

/// Refresh tokens and codes the mock issued, and the login switches.
#[derive(Default)]
pub(crate) struct Accounts {
    pub refresh: HashMap<String, Scopes>,
    /// Refresh tokens spent by rotation (they may be from an earlier mock).
    spent: HashSet<String>,
    /// Set by `revoke_refresh`: refresh tokens of earlier mocks stop working.
    earlier_revoked: bool,
    /// This mock's random mark in its refresh tokens, so that two mocks
    /// (two runs) never issue the same one.
    mark: Option<u64>,
    /// The named user of a refresh token (see [`IssuedCode::user`]).
    refresh_user: HashMap<String, String>,
    codes: HashMap<String, IssuedCode>,
    deny: bool,
    rotate: bool,
}

/// An authorisation code waiting to be exchanged (once).
struct IssuedCode {
    redirect_uri: String,
    scopes: Scopes,
    /// The S256 challenge of a PKCE login.
    challenge: Option<String>,
    /// Who logged in: `/authorize`'s mock-only `user` parameter, which
    /// plays the account a person signs in with, so that several users
    /// can be told apart. `None` is the mock's own user.
    user: Option<String>,
}

/// A new refresh token, `mock-refresh-<n>-<scopes>-<mark>`: the scopes
/// are a bit mask over [`Scope::ALL`] in hex, so a later mock (the next
/// run of a program, whose mock starts empty) can read them back, as
/// Spotify still knows a refresh token when a script runs again; the mark
/// is this mock's, in hex.
pub(crate) fn issue_refresh(ctx: &Ctx, scopes: Scopes) -> String {
    issue_refresh_for(ctx, scopes, None)
}

/// [`issue_refresh`] for a named user (see [`IssuedCode::user`]).
fn issue_refresh_for(ctx: &Ctx, scopes: Scopes, user: Option<String>) -> String {
    let mask = Scope::ALL
        .iter()
        .enumerate()
        .filter(|(_, s)| scopes.contains(s))
        .fold(0u64, |m, (i, _)| m | 1 << i);
    let n = ctx.next_number();
    ctx.with(|a: &mut Accounts| {
        let mark = *a.mark.get_or_insert_with(crate::random::random_u64);
        let token = format!("mock-refresh-{n}-{mask:x}-{mark:x}");
        a.refresh.insert(token.clone(), scopes);
        if let Some(u) = user {
            a.refresh_user.insert(token.clone(), u);
        }
        token
    })
}

/// The scopes written in a refresh token of the mock's format, when it is
/// one (`mock-refresh-<n>-<hex mask>-<hex mark>`, no bit beyond
/// [`Scope::ALL`]).
fn scopes_of_earlier_refresh(token: &str) -> Option<Scopes> {
    let mut parts = token.strip_prefix("mock-refresh-")?.split('-');
    let (n, mask, mark) = (parts.next()?, parts.next()?, parts.next()?);
    let valid =
        |s: &str, radix| (1..=16).contains(&s.len()) && s.chars().all(|c| c.is_digit(radix));
    if parts.next().is_some() || !valid(n, 10) || !valid(mask, 16) || !valid(mark, 16) {
        return None;
    }
    let mask = u64::from_str_radix(mask, 16).ok()?;
    if Scope::ALL.len() < 64 && mask >> Scope::ALL.len() != 0 {
        return None;
    }
    Some(
        Scope::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, s)| s.clone())
            .collect(),
    )
}

fn oauth_error(status: u16, error: &str, description: &str) -> RawResponse {
    json_response(
        status,
        &json!({"error": error, "error_description": description}),
    )
}

fn text(status: u16, body: &str) -> RawResponse {
    RawResponse {
        status,
        headers: vec![("Content-Type".into(), "text/plain; charset=utf-8".into())],
        body: body.as_bytes().to_vec(),
        ..RawResponse::default()
    }
}

/// Checks HTTP Basic client authentication.
fn basic_ok(req: &MockRequest) -> bool {
    let expected = base64::engine::general_purpose::STANDARD
        .encode(format!("{}:{}", CLIENT_ID, CLIENT_SECRET));
    req.header("authorization") == Some(format!("Basic {expected}").as_str())
}

pub(crate) fn route(ctx: &Ctx, req: &MockRequest) -> Option<RawResponse> {
    if req.route("GET", "/authorize") {
        return Some(authorize(ctx, req));
    }
    if !req.route("POST", "/api/token") {
        return None;
    }
    let form: HashMap<String, String> =
        crate::encode::parse_query(&String::from_utf8_lossy(&req.body))
            .into_iter()
            .collect();
    let public_client = form.get("client_id").map(String::as_str) == Some(CLIENT_ID);
    if !basic_ok(req) && !public_client {
        return Some(oauth_error(401, "invalid_client", "Invalid client"));
    }
    let grant = form.get("grant_type").map(String::as_str).unwrap_or("");
    let resp = match grant {
        "client_credentials" if basic_ok(req) => {
            let token = ctx.issue_token(Scopes::new(), false);
            json!({"access_token": token, "token_type": "Bearer", "expires_in": 3600})
        }
        "authorization_code" => match exchange_code(ctx, req, &form) {
            Ok(v) => v,
            Err(resp) => return Some(resp),
        },
        "refresh_token" => {
            let given = form.get("refresh_token").cloned().unwrap_or_default();
            // One this mock issued, or one of an earlier mock that is
            // neither spent nor revoked.
            let (scopes, rotate, user) = ctx.with(|a: &mut Accounts| {
                let known = a.refresh.get(&given).cloned().or_else(|| {
                    let usable = !a.earlier_revoked && !a.spent.contains(&given);
                    usable.then(|| scopes_of_earlier_refresh(&given)).flatten()
                });
                let user = a.refresh_user.get(&given).cloned();
                (known, a.rotate, user)
            });
            let Some(scopes) = scopes else {
                return Some(oauth_error(400, "invalid_grant", "Refresh token revoked"));
            };
            let token = ctx.issue_token_for(scopes.clone(), true, user.clone());
            let mut v = json!({"access_token": token, "token_type": "Bearer", "expires_in": 3600, "scope": scopes.to_string()});
            if rotate {
                ctx.with(|a: &mut Accounts| {
                    a.refresh.remove(&given);
                    a.spent.insert(given.clone());
                });
                v["refresh_token"] = json!(issue_refresh_for(ctx, scopes, user));
            }
            v
        }
        _ => {
            return Some(oauth_error(
                400,
                "unsupported_grant_type",
                "grant_type must be client_credentials, authorization_code or refresh_token",
            ));
        }
    };
    Some(json_response(200, &resp))
}

/// `GET /authorize`: approves at once (or declines when told to) and
/// redirects to `redirect_uri` with `code` (or `error`) and `state`.
fn authorize(ctx: &Ctx, req: &MockRequest) -> RawResponse {
    if req.query("client_id") != Some(CLIENT_ID) {
        return text(400, "INVALID_CLIENT: Invalid client");
    }
    let Some(redirect_uri) = req.query("redirect_uri").filter(|u| u.contains("://")) else {
        return text(400, "INVALID_CLIENT: Invalid redirect URI");
    };
    if req.query("response_type") != Some("code") {
        return text(400, "response_type must be code");
    }
    let challenge = match (
        req.query("code_challenge_method"),
        req.query("code_challenge"),
    ) {
        (None, None) => None,
        (Some("S256"), Some(c)) if c.len() == 43 => Some(c.to_owned()),
        _ => {
            return text(
                400,
                "code_challenge_method must be S256 with a code_challenge",
            );
        }
    };
    let scopes = Scopes::parse(req.query("scope").unwrap_or(""));
    let user = req.query("user").map(str::to_owned);
    if user.as_deref().is_some_and(|u| {
        u.is_empty() || u.len() > 32 || !u.bytes().all(|b| b.is_ascii_alphanumeric())
    }) {
        return text(400, "user must be 1 to 32 ASCII letters and digits");
    }
    let deny = ctx.with(|a: &mut Accounts| a.deny);
    let mut params = Vec::new();
    let code;
    if deny {
        params.push(("error", "access_denied"));
    } else {
        code = format!("mock-code-{}", ctx.next_number());
        ctx.with(|a: &mut Accounts| {
            a.codes.insert(
                code.clone(),
                IssuedCode {
                    redirect_uri: redirect_uri.to_owned(),
                    scopes,
                    challenge,
                    user,
                },
            )
        });
        params.push(("code", code.as_str()));
    }
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

/// The `authorization_code` grant: the code once, the same redirect URI,
/// and the client secret (Basic) or, for PKCE, the matching verifier.
fn exchange_code(
    ctx: &Ctx,
    req: &MockRequest,
    form: &HashMap<String, String>,
) -> Result<serde_json::Value, RawResponse> {
    let code = form.get("code").cloned().unwrap_or_default();
    let Some(issued) = ctx.with(|a: &mut Accounts| a.codes.remove(&code)) else {
        return Err(oauth_error(
            400,
            "invalid_grant",
            "Invalid authorization code",
        ));
    };
    if form.get("redirect_uri") != Some(&issued.redirect_uri) {
        return Err(oauth_error(400, "invalid_grant", "Invalid redirect URI"));
    }
    match &issued.challenge {
        Some(challenge) => {
            let verifier = form.get("code_verifier").map(String::as_str).unwrap_or("");
            if !(43..=128).contains(&verifier.len())
                || &crate::auth::pkce::s256_challenge(verifier) != challenge
            {
                return Err(oauth_error(
                    400,
                    "invalid_grant",
                    "code_verifier was incorrect",
                ));
            }
        }
        None if !basic_ok(req) => {
            return Err(oauth_error(401, "invalid_client", "Invalid client secret"));
        }
        None => {}
    }
    let token = ctx.issue_token_for(issued.scopes.clone(), true, issued.user.clone());
    let refresh = issue_refresh_for(ctx, issued.scopes.clone(), issued.user);
    Ok(json!({
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": 3600,
        "scope": issued.scopes.to_string(),
        "refresh_token": refresh,
    }))
}

/// Makes `/authorize` decline instead of approving.
pub(crate) fn set_deny(ctx: &Ctx, deny: bool) {
    ctx.with(|a: &mut Accounts| a.deny = deny);
}

/// Makes the refresh grant rotate refresh tokens.
pub(crate) fn set_rotate(ctx: &Ctx, rotate: bool) {
    ctx.with(|a: &mut Accounts| a.rotate = rotate);
}

/// Revokes every refresh token issued so far, by this mock or an earlier one.
pub(crate) fn revoke_refresh(ctx: &Ctx) {
    ctx.with(|a: &mut Accounts| {
        a.refresh.clear();
        a.earlier_revoked = true;
    });
}
