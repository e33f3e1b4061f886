//! Transport-level checks: the agent's timeouts, and which methods are
//! retried (the crate's PUT and DELETE endpoints all go through here).

use super::*;

#[test]
fn the_agent_sets_only_per_phase_timeouts() {
    // ureq resolves names on a helper thread when a resolve, per-call or
    // global timeout is set; none is, so no call spawns a thread.
    let http = Http::new(HttpConfig::default());
    let t = http.agent.config().timeouts();
    assert_eq!((t.global, t.per_call, t.resolve), (None, None, None));
    assert_eq!(t.connect, Some(Duration::from_secs(10)));
    assert_eq!(t.send_request, Some(Duration::from_secs(30)));
    assert_eq!(t.send_body, Some(Duration::from_secs(30)));
    assert_eq!(t.recv_response, Some(Duration::from_secs(30)));
    assert_eq!(t.recv_body, Some(Duration::from_secs(60)));
    assert_eq!(http.agent.config().max_redirects(), 0);
}

#[test]
fn no_connect_timeout_through_a_proxy_where_ureq_would_need_a_thread() {
    let ten = Duration::from_secs(10);
    assert_eq!(super::connect_timeout(ten, false), Some(ten));
    assert_eq!(
        super::connect_timeout(Duration::MAX, false),
        Some(MAX_TIMEOUT)
    );
    assert_eq!(super::connect_timeout(ten, true), None);
}

#[test]
fn timeouts_too_long_for_the_clock_are_cut_to_a_year() {
    let http = Http::new(HttpConfig {
        connect_timeout: Duration::MAX,
        send_timeout: Duration::MAX,
        response_timeout: Duration::from_secs(u64::MAX),
        body_timeout: MAX_TIMEOUT + Duration::from_nanos(1),
        ..HttpConfig::default()
    });
    let t = http.agent.config().timeouts();
    for d in [
        t.connect,
        t.send_request,
        t.send_body,
        t.recv_response,
        t.recv_body,
    ] {
        assert_eq!(d, Some(MAX_TIMEOUT));
    }
}

#[test]
fn the_default_policy() {
    let p = RetryPolicy::default();
    assert_eq!(p.max_retries, 3);
    assert_eq!(p.max_retry_after, Duration::from_secs(60));
    assert_eq!(p.base_backoff, Duration::from_millis(250));
    for retry in 0..4 {
        let base = Duration::from_millis(250) * (1 << retry);
        let d = p.backoff(retry);
        assert!(d >= base && d <= base * 2, "{retry}: {d:?}");
    }
    // Far-out retries saturate instead of overflowing.
    assert!(p.backoff(u32::MAX) >= Duration::from_millis(250) * 1024);
}

#[test]
fn no_backoff_setting_overflows_or_waits_past_the_cap() {
    for base in [
        Duration::MAX,
        Duration::from_secs(u64::MAX),
        RetryPolicy::MAX_BACKOFF,
    ] {
        let p = RetryPolicy::default().base_backoff(base);
        for retry in [0, 1, 9, 10, 11, 31, 32, u32::MAX] {
            assert_eq!(
                p.backoff(retry),
                RetryPolicy::MAX_BACKOFF,
                "{base:?} {retry}"
            );
        }
    }
    // Just under the cap: jitter may add, never past it.
    let p =
        RetryPolicy::default().base_backoff(RetryPolicy::MAX_BACKOFF - Duration::from_millis(1));
    let d = p.backoff(0);
    assert!(
        d >= RetryPolicy::MAX_BACKOFF - Duration::from_millis(1) && d <= RetryPolicy::MAX_BACKOFF
    );
    assert_eq!(
        RetryPolicy::default()
            .base_backoff(Duration::ZERO)
            .backoff(3),
        Duration::ZERO
    );
}

#[cfg(feature = "mock")]
mod against_the_mock {
    use super::*;
    use crate::mock::{Fault, MockServer};

    fn http(sleeps: Arc<Mutex<Vec<Duration>>>) -> Http {
        let policy = RetryPolicy::default().sleep_with(move |d| sleeps.lock().unwrap().push(d));
        Http::new(HttpConfig {
            retry: policy,
            ..HttpConfig::default()
        })
    }

    fn send(http: &Http, mock: &MockServer, method: Method) -> Result<HttpResponse> {
        let url = format!("{}/no-such-route?uris=x", mock.api_base());
        let body = match method {
            Method::Get => Body::Empty,
            _ => {
                let mut map = serde_json::Map::new();
                map.insert("ids".into(), serde_json::json!(["x"]));
                Body::Json(map)
            }
        };
        let req = HttpRequest {
            method,
            url,
            body,
            endpoint: "X /no-such-route",
        };
        http.send(&req, Auth::Bearer("t".into()), None)
    }

    #[test]
    fn server_errors_and_dropped_connections_retry_only_idempotent_methods() {
        for method in [Method::Get, Method::Put, Method::Delete, Method::Post] {
            for fault in [Fault::Status(503), Fault::CloseBeforeResponse] {
                let mock = MockServer::start();
                let sleeps = Arc::new(Mutex::new(Vec::new()));
                let http = http(sleeps.clone());
                mock.fault(fault.clone());
                let result = send(&http, &mock, method);
                let reqs = mock.requests();
                let ctx = format!("{method} {fault:?}: {result:?}");
                if method == Method::Post {
                    assert_eq!(reqs.len(), 1, "{ctx}");
                    assert!(sleeps.lock().unwrap().is_empty(), "{ctx}");
                    match result {
                        Ok(r) => assert_eq!((r.status, r.attempts), (503, 1), "{ctx}"),
                        Err(Error::Transport { attempts, .. }) => assert_eq!(attempts, 1),
                        Err(e) => panic!("{ctx}: {e:?}"),
                    }
                } else {
                    // Retried once; the mock then answers 404 (no such route).
                    let r = result.unwrap();
                    assert_eq!((r.status, r.attempts), (404, 2), "{ctx}");
                    assert_eq!(reqs.len(), 2, "{ctx}");
                    assert!(reqs.iter().all(|q| q.method == method.as_str()));
                    assert_eq!(sleeps.lock().unwrap().len(), 1, "{ctx}");
                    if method != Method::Get {
                        assert_eq!(reqs[1].body, reqs[0].body, "the body is sent again");
                    }
                }
            }
        }
    }

    #[test]
    fn rate_limits_are_waited_out_for_every_method() {
        for method in [Method::Get, Method::Put, Method::Delete, Method::Post] {
            let mock = MockServer::start();
            let sleeps = Arc::new(Mutex::new(Vec::new()));
            let http = http(sleeps.clone());
            mock.fault(Fault::RateLimit(Some(7)));
            let r = send(&http, &mock, method).unwrap();
            assert_eq!((r.status, r.attempts), (404, 2), "{method}");
            assert_eq!(*sleeps.lock().unwrap(), vec![Duration::from_secs(7)]);
        }
    }
}

#[test]
fn log_lines_show_the_path_alone() {
    for (url, path) in [
        (
            "https://api.spotify.com/v1/albums/x?market=SE&limit=5",
            "/v1/albums/x",
        ),
        ("http://user:secret@127.0.0.1:8080/v1/me#frag", "/v1/me"),
        ("http://127.0.0.1:8080?code=abc/def", "/"),
        ("https://accounts.spotify.com/api/token", "/api/token"),
        ("https://api.spotify.com", "/"),
    ] {
        assert_eq!(log_path(url), path, "{url}");
    }
}
