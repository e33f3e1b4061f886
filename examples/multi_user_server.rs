//! A small web service for several users: each logs in with Spotify (the
//! authorization-code flow, its `state` checked against the session
//! cookie), their tokens live in SQLite, and each page shows that user's
//! top tracks. One client serves everyone; each user gets a cheap handle.
//!
//!     cargo run --example multi_user_server
//!
//! It prints its address and serves until its standard input ends (Ctrl-D).
//! Offline it runs on the embedded mock, where a login can name the user:
//! add `&user=NAME` to the mock's login address. With SPOTIFY_CLIENT_ID and
//! SPOTIFY_CLIENT_SECRET set it talks to Spotify on port 8888; register
//! http://127.0.0.1:8888/callback for your app.

mod common;

use rusqlite::{Connection, OptionalExtension};
use spotify_blocking::scope::{Scope, Scopes};
use spotify_blocking::{self as sb, Credentials, Error, Spotify, Token, TokenStore, UserAuth};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tiny_http::{Header, Request, Response, Server};

/// One user's login: the row of their session in the `logins` table.
struct SqliteStore {
    db: Arc<Mutex<Connection>>,
    sid: String,
}

impl TokenStore for SqliteStore {
    fn load(&self) -> sb::Result<Option<Token>> {
        let sql = "SELECT access, refresh, expires, login, scopes FROM logins WHERE sid = ?1";
        let at = |secs: i64| UNIX_EPOCH + Duration::from_secs(secs as u64);
        let db = self.db.lock().unwrap();
        db.query_row(sql, [&self.sid], |row| {
            Ok(Token::from_access_token(row.get::<_, String>(0)?)
                .with_refresh_token(row.get::<_, String>(1)?)
                .with_expiry(at(row.get(2)?))
                .with_login_time(at(row.get(3)?))
                .with_scopes(Scopes::parse(&row.get::<_, String>(4)?)))
        })
        .optional()
        .map_err(Error::store)
    }

    fn save(&self, t: &Token) -> sb::Result<()> {
        let secs = |t: Option<SystemTime>| t.and_then(|t| t.duration_since(UNIX_EPOCH).ok());
        let secs = |t| secs(t).map_or(0, |d| d.as_secs() as i64);
        let refresh = t.refresh_token().unwrap_or_default();
        let (expires, login) = (secs(t.expires_at()), secs(t.login_time()));
        let row = (
            &self.sid,
            t.access_token(),
            refresh,
            expires,
            login,
            t.scopes().to_string(),
        );
        let sql = "INSERT OR REPLACE INTO logins VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
        let db = self.db.lock().unwrap();
        db.execute(sql, row).map(drop).map_err(Error::store)
    }
}

/// What the worker threads share.
struct App {
    spotify: Spotify,
    creds: Credentials,
    base: String,
    db: Arc<Mutex<Connection>>,
    /// Logins under way, by session; each `UserAuth` holds its `state`.
    pending: Mutex<HashMap<String, UserAuth>>,
}

/// A page's status, HTML and the address it redirects to.
type Page = (u16, String, Option<String>);

impl App {
    fn page(&self, path: &str, sid: &str) -> sb::Result<Page> {
        let store = Arc::new(SqliteStore {
            db: self.db.clone(),
            sid: sid.to_owned(),
        });
        if path == "/login" {
            let auth = UserAuth::new(self.creds.clone(), Scope::UserTopRead)?;
            let url = auth.url();
            self.pending.lock().unwrap().insert(sid.to_owned(), auth);
            return Ok((302, String::new(), Some(url)));
        }
        if path.starts_with("/callback?") {
            let Some(auth) = self.pending.lock().unwrap().remove(sid) else {
                return Ok((400, "No login under way in this session.".into(), None));
            };
            // Checks the redirect URI and that `state` is this session's.
            match auth.token_from_redirect(&format!("{}{path}", self.base)) {
                Err(Error::Redirect(e)) => return Ok((400, format!("Login refused: {e}"), None)),
                token => store.save(&token?)?,
            }
            return Ok((302, String::new(), Some("/".into())));
        }
        // The user's handle on the shared client; renewals go to their row.
        let Some(user) = self.spotify.with_store(self.creds.clone(), store)? else {
            return Ok((
                200,
                r#"<a href="/login">Log in with Spotify</a>"#.into(),
                None,
            ));
        };
        let me = user.current_user().send()?;
        let top = user.current_user_top_tracks().limit(10).send()?;
        let items: String = top
            .items
            .iter()
            .map(|t| format!("<li>{}</li>", esc(&t.name)))
            .collect();
        let name = esc(&me.display_name.unwrap_or(me.id));
        Ok((
            200,
            format!("<h1>Top tracks of {name}</h1><ol>{items}</ol>"),
            None,
        ))
    }
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn serve(app: &App, request: Request) {
    let cookie = request.headers().iter().find(|h| h.field.equiv("Cookie"));
    let sid = cookie.and_then(|h| {
        let mut cookies = h.value.as_str().split(';');
        cookies.find_map(|c| c.trim().strip_prefix("sid=").map(str::to_owned))
    });
    let new_sid = sid.is_none().then(|| {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).expect("random numbers from the system");
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
    });
    let sid = sid.or(new_sid.clone()).unwrap_or_default();
    let (status, body, location) = match app.page(request.url(), &sid) {
        Ok(page) => page,
        Err(e) => (500, esc(&e.to_string()), None),
    };
    let html = format!("<!doctype html><meta charset=utf-8>{body}");
    let mut headers = vec![format!("Content-Type: text/html; charset=utf-8")];
    headers.extend(location.map(|to| format!("Location: {to}")));
    headers.extend(new_sid.map(|s| format!("Set-Cookie: sid={s}; HttpOnly; SameSite=Lax")));
    let mut response = Response::from_string(html).with_status_code(status);
    for h in headers {
        response.add_header(h.parse::<Header>().expect("a valid header"));
    }
    let _ = request.respond(response);
}

fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mock = common::credentials().is_none().then(common::start_mock);
    let server = Arc::new(Server::http(if mock.is_some() {
        "127.0.0.1:0"
    } else {
        "127.0.0.1:8888"
    })?);
    let base = format!("http://{}", server.server_addr());
    let (spotify, creds) = match (&mock, common::credentials()) {
        (Some(mock), _) => (mock.client(), mock.credentials()),
        (None, Some((id, secret))) => {
            let spotify = Spotify::builder().build_with_credentials(&id, &secret)?;
            (spotify, Credentials::new(id, secret))
        }
        (None, None) => unreachable!("offline runs have a mock"),
    };
    let creds = creds.redirect_uri(format!("{base}/callback"));
    let db = Connection::open_in_memory()?; // a file keeps the logins between runs
    db.execute_batch(
        "CREATE TABLE logins (sid TEXT PRIMARY KEY, access TEXT NOT NULL, refresh TEXT NOT NULL,
                              expires INTEGER NOT NULL, login INTEGER NOT NULL, scopes TEXT NOT NULL)",
    )?;
    let db = Arc::new(Mutex::new(db));
    let app = Arc::new(App {
        spotify,
        creds,
        base: base.clone(),
        db,
        pending: Mutex::default(),
    });
    for _ in 0..4 {
        let (app, server) = (app.clone(), server.clone());
        std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                serve(&app, request);
            }
        });
    }
    println!("Listening on {base}/ (end the input to stop)");
    std::io::copy(&mut std::io::stdin(), &mut std::io::sink())?;
    Ok(())
}
