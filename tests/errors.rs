//! What the errors say: each message names what failed and what to do
//! about it, and reads as a sentence (no `Debug` field dumps).

use spotify_blocking::{Config, Credentials, Error, RetryPolicy, Spotify, Token};

/// A port on 127.0.0.1 that nothing listens on (bound, then closed).
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    port
}

#[test]
fn a_refused_connection_names_the_host_and_suggests_checking_the_network() {
    let port = closed_port();
    let err = Spotify::builder()
        .api_base(format!("http://127.0.0.1:{port}/v1"))
        .retry(RetryPolicy::none())
        .build(Token::from_access_token("t"))
        .album("3RBULTZJ97bvVzZLpxcB0j")
        .send()
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!(
            "could not connect to 127.0.0.1:{port}: connection refused \
             (GET /albums/{{id}}, 1 attempt(s)); check the network connection and any proxy settings"
        )
    );

    // The token request says the same about the accounts service.
    let err = Credentials::new("id", "secret")
        .accounts_base(format!("http://127.0.0.1:{port}"))
        .request_client_token()
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with(&format!(
            "could not connect to 127.0.0.1:{port}: connection refused"
        )),
        "{text}"
    );
    assert!(
        text.ends_with("check the network connection and any proxy settings"),
        "{text}"
    );
}

/// A token endpoint on 127.0.0.1:0 that answers every request with
/// Spotify's `invalid_client` body, once.
fn invalid_client_server() -> (String, std::thread::JoinHandle<String>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(5)))
            .unwrap();
        let mut request = Vec::new();
        let mut buf = [0u8; 4096];
        // Read the head and the (short, form-encoded) body.
        while let Ok(n) = stream.read(&mut buf) {
            if n == 0 {
                break;
            }
            request.extend_from_slice(&buf[..n]);
            let text = String::from_utf8_lossy(&request);
            if let Some((head, body)) = text.split_once("\r\n\r\n") {
                let length = head
                    .lines()
                    .find_map(|l| {
                        l.to_ascii_lowercase()
                            .strip_prefix("content-length:")
                            .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                    })
                    .unwrap_or(0);
                if body.len() >= length {
                    break;
                }
            }
        }
        let body = r#"{"error":"invalid_client","error_description":"Invalid client"}"#;
        write!(
            stream,
            "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        String::from_utf8_lossy(&request).into_owned()
    });
    (base, handle)
}

#[test]
fn invalid_client_says_to_check_the_client_id_and_secret() {
    let (base, server) = invalid_client_server();
    let err = Credentials::new("my-client-id", "my-client-secret")
        .accounts_base(&base)
        .request_client_token()
        .unwrap_err();
    let request = server.join().unwrap();
    assert!(request.starts_with("POST /api/token "), "{request}");
    assert!(
        matches!(&err, Error::Auth { status: 400, error, .. } if error == "invalid_client"),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "Spotify's accounts service refused the token request (400): invalid_client: Invalid client; \
         check the client ID and client secret (the app's settings in Spotify's developer dashboard)"
    );
    assert!(!err.to_string().contains("my-client-secret"));
}

#[test]
fn a_missing_environment_variable_is_named_as_one() {
    // The only test in this binary that touches the environment.
    let vars = [
        ("SPOTIFY_CLIENT_ID", Some("id-from-env")),
        ("SPOTIFY_CLIENT_SECRET", None),
        ("SPOTIFY_REDIRECT_URI", Some("https://example.com/callback")),
        ("SPOTIFY_USER_REFRESH", None),
    ];
    unsafe {
        for (k, v) in vars {
            match v {
                Some(v) => std::env::set_var(k, v),
                None => std::env::remove_var(k),
            }
        }
    }
    let err = Config::from_env().unwrap_err();
    assert_eq!(
        err.to_string(),
        "environment variable SPOTIFY_CLIENT_SECRET is not set"
    );
    match &err {
        Error::Config { file, key, .. } => {
            assert_eq!(file, &None);
            assert_eq!(key.as_deref(), Some("SPOTIFY_CLIENT_SECRET"));
        }
        other => panic!("{other:?}"),
    }

    // A config read from the environment without a refresh token names the
    // variable, not an INI key.
    unsafe { std::env::set_var("SPOTIFY_CLIENT_SECRET", "secret-from-env") };
    let conf = Config::from_env().unwrap();
    let text = conf.user_refresh().unwrap_err().to_string();
    assert!(
        text.starts_with(
            "environment variable SPOTIFY_USER_REFRESH: no user refresh token is saved"
        ),
        "{text}"
    );
    unsafe {
        for (k, _) in vars {
            std::env::remove_var(k);
        }
    }
}

#[test]
fn a_config_file_error_names_the_file_section_and_key() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("errors-config");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("app.cfg");
    std::fs::write(&path, "[DEFAULT]\nSPOTIFY_CLIENT_ID = id\n").unwrap();
    let text = spotify_blocking::config_from_file(&path)
        .unwrap_err()
        .to_string();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        text,
        format!(
            "config file {}, section [DEFAULT], key `SPOTIFY_CLIENT_SECRET`: the key is missing or empty",
            path.display()
        )
    );
}
