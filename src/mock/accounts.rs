//! The accounts service: `/api/token`.

use super::server::RawResponse;
use super::{Ctx, MockRequest, json_response};
use crate::auth::scope::Scopes;
use base64::Engine as _;
use serde_json::json;
use std::collections::HashMap;

/// Refresh tokens the mock issued, with their scopes.
#[derive(Default)]
pub(crate) struct Accounts {
    pub refresh: HashMap<String, Scopes>,
}

pub(crate) fn issue_refresh(ctx: &Ctx, scopes: Scopes) -> String {
    let token = format!("mock-refresh-{}", ctx.next_number());
    ctx.with(|a: &mut Accounts| a.refresh.insert(token.clone(), scopes));
    token
}

fn oauth_error(status: u16, error: &str, description: &str) -> RawResponse {
    json_response(
        status,
        &json!({"error": error, "error_description": description}),
    )
}

/// Checks HTTP Basic client authentication.
fn basic_ok(req: &MockRequest) -> bool {
    let expected = base64::engine::general_purpose::STANDARD.encode(format!(
        "{}:{}",
        super::CLIENT_ID,
        super::CLIENT_SECRET
    ));
    req.header("authorization") == Some(format!("Basic {expected}").as_str())
}

pub(crate) fn route(ctx: &Ctx, req: &MockRequest) -> Option<RawResponse> {
    req.route("POST", "/api/token")?;
    let form: HashMap<String, String> =
        crate::encode::parse_query(&String::from_utf8_lossy(&req.body))
            .into_iter()
            .collect();
    let public_client = form.get("client_id").map(String::as_str) == Some(super::CLIENT_ID);
    if !basic_ok(req) && !public_client {
        return Some(oauth_error(401, "invalid_client", "Invalid client"));
    }
    let grant = form.get("grant_type").map(String::as_str).unwrap_or("");
    let resp = match grant {
        "client_credentials" if basic_ok(req) => {
            let token = ctx.issue_token(Scopes::new(), false);
            json!({"access_token": token, "token_type": "Bearer", "expires_in": 3600})
        }
        "refresh_token" => {
            let given = form.get("refresh_token").cloned().unwrap_or_default();
            let scopes = ctx.with(|a: &mut Accounts| a.refresh.get(&given).cloned());
            let Some(scopes) = scopes else {
                return Some(oauth_error(400, "invalid_grant", "Invalid refresh token"));
            };
            let token = ctx.issue_token(scopes.clone(), true);
            json!({"access_token": token, "token_type": "Bearer", "expires_in": 3600, "scope": scopes.to_string()})
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
