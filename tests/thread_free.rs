//! Proof that the client never spawns a thread (run without the test
//! harness, whose own threads would spoil the count).
//!
//! The mock runs in a child process (this binary again, with
//! `CHILD_ENV` set), so the only threads of this process are the ones the
//! client makes. This process reads its own `Threads:` count between every
//! step; the child meanwhile samples this process's count every
//! millisecond while the calls run, and reports the highest it saw. Both
//! must stay 1. The token and album calls go to `localhost`, so the name is
//! really resolved (an IP literal skips the resolver, the one place ureq
//! may spawn a thread).

#[cfg(target_os = "linux")]
use spotify_blocking::Spotify;
#[cfg(target_os = "linux")]
use spotify_blocking::mock::{CLIENT_ID, CLIENT_SECRET, HYBRID_THEORY, LONG_ALBUM};
#[cfg(target_os = "linux")]
use std::io::{BufRead, BufReader, Write};
#[cfg(target_os = "linux")]
use std::process::{Command, Stdio};

#[cfg(target_os = "linux")]
const CHILD_ENV: &str = "SPOTIFY_BLOCKING_THREAD_FREE_CHILD";

fn main() {
    if std::env::args().any(|a| a == "--list") {
        println!("thread_free: test");
        return;
    }
    #[cfg(target_os = "linux")]
    if std::env::var_os(CHILD_ENV).is_some() {
        child();
    } else {
        parent();
    }
    #[cfg(not(target_os = "linux"))]
    println!("thread_free: skipped (needs /proc/self/status)");
}

/// `Threads:` of a process's `/proc/PID/status`.
#[cfg(target_os = "linux")]
fn threads_of(status_path: &str) -> Option<u32> {
    let status = std::fs::read_to_string(status_path).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .and_then(|n| n.trim().parse().ok())
}

#[cfg(target_os = "linux")]
fn own_threads() -> u32 {
    threads_of("/proc/self/status").expect("/proc/self/status has Threads:")
}

#[cfg(target_os = "linux")]
fn parent() {
    let mut child = Command::new(std::env::current_exe().expect("own path"))
        .env(CHILD_ENV, "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the mock process");
    let mut stdin = child.stdin.take().expect("piped stdin");
    let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut line = String::new();
    stdout.read_line(&mut line).expect("the mock's URL");
    let ip_origin = line.trim().to_owned();
    let origin = ip_origin.replace("127.0.0.1", "localhost");
    assert!(origin.starts_with("http://localhost:"), "{line:?}");

    let mut samples = vec![("start", own_threads())];
    let spotify = Spotify::builder()
        .api_base(format!("{origin}/v1"))
        .accounts_base(&origin)
        .build_with_credentials(CLIENT_ID, CLIENT_SECRET)
        .expect("app token");
    samples.push(("app token", own_threads()));

    let album = spotify.album(HYBRID_THEORY).send().expect("album");
    assert_eq!(album.name, "Hybrid Theory");
    samples.push(("album", own_threads()));

    // The mock's `next` links name 127.0.0.1, and links outside the API
    // base are refused: page through a client on that base.
    let paging = Spotify::builder()
        .api_base(format!("{ip_origin}/v1"))
        .build(spotify.token());
    let mut sizes = Vec::new();
    for page in paging.album_tracks(LONG_ALBUM).limit(50).pages() {
        sizes.push(page.expect("a page of tracks").items.len());
        samples.push(("tracks page", own_threads()));
    }
    assert_eq!(sizes, vec![50, 50, 20]);

    // Ask the child for the highest count it saw while the calls ran.
    writeln!(stdin, "max").expect("ask the mock");
    line.clear();
    stdout.read_line(&mut line).expect("the mock's answer");
    let (polls, max_seen) = line
        .trim()
        .split_once(' ')
        .and_then(|(p, m)| Some((p.parse::<u64>().ok()?, m.parse::<u32>().ok()?)))
        .unwrap_or_else(|| panic!("bad answer from the mock: {line:?}"));
    drop(stdin);
    let status = child.wait().expect("the mock exits");

    let bad: Vec<_> = samples.iter().filter(|(_, n)| *n != 1).collect();
    assert!(bad.is_empty(), "threads besides main: {bad:?}");
    assert_eq!(max_seen, 1, "the mock saw more than one thread here");
    assert!(polls > 0, "the mock never sampled");
    assert!(status.success(), "the mock process failed: {status}");
    println!(
        "thread_free: ok (token, album, {} track pages; Threads: 1 at {} checkpoints and {} samples taken by the mock process)",
        sizes.len(),
        samples.len(),
        polls
    );
}

/// The mock's side: serve, sample the parent's thread count, answer `max`
/// on stdin, exit when stdin closes.
#[cfg(target_os = "linux")]
fn child() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};

    let mock = spotify_blocking::mock::MockServer::start();
    let parent = format!("/proc/{}/status", std::os::unix::process::parent_id());
    let max = Arc::new(AtomicU32::new(0));
    let polls = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let mut sampler = Some({
        let (max, polls, stop) = (max.clone(), polls.clone(), stop.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                if let Some(n) = threads_of(&parent) {
                    max.fetch_max(n, Ordering::SeqCst);
                    polls.fetch_add(1, Ordering::SeqCst);
                }
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
        })
    });
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", mock.url()).expect("write the URL");
    out.flush().expect("flush");
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        if line.trim() == "max" {
            stop.store(true, Ordering::SeqCst);
            if let Some(s) = sampler.take() {
                let _ = s.join();
            }
            let (p, m) = (polls.load(Ordering::SeqCst), max.load(Ordering::SeqCst));
            writeln!(out, "{p} {m}").expect("answer");
            out.flush().expect("flush");
        }
    }
    drop(mock);
}
