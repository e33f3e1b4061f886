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

/// One user's login: the row of a session (by its ID) in the `logins` table.
struct SqliteStore(Arc<Mutex<Connection>>, String);

impl TokenStore for SqliteStore {
    fn load(&self) -> sb::Result<Option<Token>> {
        let sql = "SELECT access, refresh, expires, login, scopes FROM logins WHERE sid = ?1";
        let at = |secs: i64| UNIX_EPOCH + Duration::from_secs(secs as u64);
        let db = self.0.lock().unwrap();
        db.query_row(sql, [&self.1], |row| {
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
        let (sid, access, scopes) = (&self.1, t.access_token(), t.scopes().to_string());
        let row = (sid, access, refresh, expires, login, scopes);
        let sql = "INSERT OR REPLACE INTO logins VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
        let db = self.0.lock().unwrap();
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
    /// Each logged-in session's handle: one at a time renews its token.
    users: Mutex<HashMap<String, Arc<Spotify>>>,
}

impl App {
    /// The status and HTML of a page (for a 302, the address to go to).
    fn page(&self, path: &str, sid: &str) -> sb::Result<(u16, String)> {
        let store = Arc::new(SqliteStore(self.db.clone(), sid.to_owned()));
        if path == "/login" {
            let auth = UserAuth::new(self.creds.clone(), Scope::UserTopRead)?;
            let url = auth.url();
            self.pending.lock().unwrap().insert(sid.to_owned(), auth);
            return Ok((302, url));
        }
        if path.starts_with("/callback?") {
            let Some(auth) = self.pending.lock().unwrap().remove(sid) else {
                return Ok((400, "No login under way in this session.".into()));
            };
            // Checks the redirect URI and that `state` is this session's.
            match auth.token_from_redirect(&format!("{}{path}", self.base)) {
                Err(Error::Redirect(e)) => return Ok((400, format!("Login refused: {e}"))),
                token => store.save(&token?)?,
            }
            self.users.lock().unwrap().remove(sid); // the next page loads the new login
            return Ok((302, "/".into()));
        }
        // The user's handle on the shared client; renewals go to their row.
        let kept = self.users.lock().unwrap().get(sid).cloned();
        let user = match kept {
            Some(user) => user,
            None => match self.spotify.with_store(self.creds.clone(), store)? {
                Some(user) => {
                    let mut users = self.users.lock().unwrap();
                    users.entry(sid.into()).or_insert(Arc::new(user)).clone()
                }
                None => return Ok((200, r#"<a href="/login">Log in with Spotify</a>"#.into())),
            },
        };
        let me = user.current_user().send()?;
        let top = user.current_user_top_tracks().limit(10).send()?;
        let mut items = String::new();
        for track in &top.items {
            items += &format!("<li>{}</li>", esc(&track.name));
        }
        let name = esc(&me.display_name.unwrap_or(me.id));
        let html = format!("<h1>Top tracks of {name}</h1><ol>{items}</ol>");
        Ok((200, html))
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
    let page = app.page(request.url(), &sid);
    let (status, body) = page.unwrap_or_else(|e| (500, esc(&e.to_string())));
    let mut headers = vec!["Content-Type: text/html; charset=utf-8".to_owned()];
    let mut html = format!("<!doctype html><meta charset=utf-8>{body}");
    if status == 302 {
        headers.push(format!("Location: {body}"));
        html.clear();
    }
    headers.extend(new_sid.map(|s| format!("Set-Cookie: sid={s}; HttpOnly; SameSite=Lax")));
    let mut response = Response::from_string(html).with_status_code(status);
    for h in headers {
        response.add_header(h.parse::<Header>().expect("a valid header"));
    }
    let _ = request.respond(response);
}

fn main() -> Result<(), common::Report> {
    let (spotify, mock) = common::app_client()?;
    let creds = match (&mock, common::credentials()) {
        (Some(mock), _) => mock.credentials(),
        (None, creds) => {
            let (id, secret) = creds.expect("credentials, as there is no mock");
            Credentials::new(id, secret)
        }
    };
    let addr = if mock.is_some() {
        "127.0.0.1:0"
    } else {
        "127.0.0.1:8888"
    };
    let server = Arc::new(Server::http(addr).map_err(|e| e.to_string())?);
    let base = format!("http://{}", server.server_addr());
    let creds = creds.redirect_uri(format!("{base}/callback"));
    let db = Connection::open_in_memory()?; // a file keeps the logins between runs
    db.execute_batch(
        "CREATE TABLE logins (sid TEXT PRIMARY KEY, access TEXT NOT NULL, refresh TEXT NOT NULL,
                              expires INTEGER NOT NULL, login INTEGER NOT NULL, scopes TEXT NOT NULL)",
    )?;
    let (db, pending, users) = (Arc::new(Mutex::new(db)), Mutex::default(), Mutex::default());
    let app = Arc::new(App {
        spotify,
        creds,
        base: base.clone(),
        db,
        pending,
        users,
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
