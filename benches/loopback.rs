//! Loopback benchmark: the SDK against three hand-written ureq baselines,
//! and how its cost grows.
//!
//! ```sh
//! cargo bench --bench loopback
//! LOOPBACK_REPS=15 LOOPBACK_ALBUM_CALLS=1000 cargo bench --bench loopback
//! LOOPBACK_GROWTH_SCALE=0.1 cargo bench --bench loopback  # quicker growth tables
//! LOOPBACK_GROWTH=0 cargo bench --bench loopback          # the comparison only
//! ```
//!
//! One process: a keep-alive HTTP/1.1 server on 127.0.0.1 (threads of this
//! process, one per connection, so connections are served in parallel)
//! serves Spotify-shaped JSON generated here, deterministically. Four
//! clients run the same workloads, interleaved (the order rotates each
//! repetition), and the medians are compared:
//!
//! - `sdk`: `album(id).send()` and `playlist_items(id).limit(L).items()`;
//! - `ureq+Value`: ureq 3, `read_to_vec`, `serde_json::Value`;
//! - `ureq+typed`: ureq 3, minimal serde structs (ids, names, durations, next);
//! - `ureq+model`: ureq 3, `read_to_vec`, one UTF-8 check and
//!   `serde_json::from_str` (as the SDK decodes) into the crate's own
//!   models (`FullAlbum`; `Page<PlaylistItem>`, following `next` by hand),
//!   no `Spotify` and no request values: the SDK's decoding without its
//!   client, so SDK/ureq+model is what the client layer costs (issue 16's
//!   target: at most 1.05 in CPU, on both workloads).
//!
//! All four must compute the same checksum (the sum of `duration_ms`).
//!
//! The headline is CPU time: every client runs on the bench's main thread
//! and the server on other threads of the process, so each run is measured
//! by the calling thread's on-CPU time, the first field of
//! `/proc/thread-self/schedstat` (nanoseconds) read before and after it.
//! The kernel brings that sum up to date at every context switch and
//! scheduler tick, and every call blocks on its socket, so a reading lags
//! by far less than a run lasts. Where the file cannot be read the CPU
//! columns show wall time and the output says so. Wall time comes second.
//!
//! Then tables of how the cost grows, printed with `--bench` (or with
//! `LOOPBACK_GROWTH=1`; `LOOPBACK_GROWTH=0` leaves them out):
//!
//! - per-call CPU of SDK album calls, 200, 2,000 and 20,000 calls on a
//!   fresh client each (after 10 warm-up calls), the three runs interleaved
//!   in 10 slices so a slow spell of a shared machine hits all alike, with
//!   the max/min ratio (target: flat within 10%);
//! - peak RSS of `playlist_items(id).limit(50).items()` over 1,000, 10,000
//!   and 100,000 items, each in a child process (this binary again, with
//!   `LOOPBACK_RSS_CHILD=<items>`) that starts its own server. That server
//!   makes one page of items once and builds each page from it on request,
//!   so it holds about one page (its memory counts in the child's RSS, the
//!   same at every size). The child resets its peak (`/proc/self/clear_refs`)
//!   once server and client are up, iterates, and reports its RSS before
//!   and its `VmHWM` after; the table shows both, the growth, and the
//!   100k/1k ratios (target: peak within 2×);
//! - one `Spotify` shared by 1, 2 and 4 threads (`std::thread::scope`)
//!   doing album calls: calls/s, speed-up, the client threads' CPU per call
//!   and the TCP connections the server accepted.
//!
//! Settings (environment): `LOOPBACK_REPS` (7), `LOOPBACK_ALBUM_CALLS` (200),
//! `LOOPBACK_PLAYLIST_TOTAL` (2000), `LOOPBACK_PAGE_LIMIT` (50, the most
//! `GET /playlists/{id}/items` accepts), `LOOPBACK_GROWTH` (on with
//! `--bench`), `LOOPBACK_GROWTH_SCALE` (1; multiplies every count of the
//! growth tables: 0.01 for a quick look). Run without `--bench` (as
//! `cargo test --benches` does) it makes one short pass of the comparison
//! as a smoke test.

use serde::Deserialize;
use serde_json::{Value, json};
use spotify_blocking::Spotify;
use spotify_blocking::model::{FullAlbum, Page, PlaylistItem};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

const TOKEN: &str = "BQloopback-bench-token";
const CLIENT_ID: &str = "bench-client-id";
const CLIENT_SECRET: &str = "bench-client-secret";
const ALBUMS: usize = 20;
const ALBUM_TRACKS: usize = 20;
const CLIENTS: [&str; 4] = ["sdk", "ureq+Value", "ureq+typed", "ureq+model"];
/// Set (to an item count) in the child processes of the RSS table.
const RSS_CHILD: &str = "LOOPBACK_RSS_CHILD";
/// The page size of the RSS table's iteration.
const RSS_LIMIT: usize = 50;

fn main() {
    if let Ok(items) = std::env::var(RSS_CHILD) {
        let items = items
            .parse()
            .unwrap_or_else(|_| panic!("{RSS_CHILD}={items:?} is not a number"));
        return rss_child(items);
    }
    let bench = std::env::args().any(|a| a == "--bench");
    let setting = |name: &str, full: usize, quick: usize| match std::env::var(name) {
        Ok(v) => v
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v:?} is not a number")),
        Err(_) if bench => full,
        Err(_) => quick,
    };
    let reps = setting("LOOPBACK_REPS", 7, 1).max(1);
    let album_calls = setting("LOOPBACK_ALBUM_CALLS", 200, 20);
    let total = setting("LOOPBACK_PLAYLIST_TOTAL", 2000, 200);
    let limit = setting("LOOPBACK_PAGE_LIMIT", 50, 50);
    let growth = setting("LOOPBACK_GROWTH", 1, 0) != 0;
    let scale: f64 = std::env::var("LOOPBACK_GROWTH_SCALE").map_or(1.0, |v| {
        v.parse()
            .ok()
            .filter(|s: &f64| *s > 0.0)
            .unwrap_or_else(|| panic!("LOOPBACK_GROWTH_SCALE={v:?} is not a positive number"))
    });

    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let root = format!("http://{}", listener.local_addr().expect("local address"));
    let fx = Fixtures::generate(&format!("{root}/v1"), total, limit);
    println!(
        "loopback: album {:.1} KiB ({ALBUMS} distinct, {album_calls} calls); playlist {total} items, \
         {} pages of {limit} ({:.1} KiB each); {reps} repetitions, medians",
        fx.album_bytes as f64 / 1024.0,
        fx.routes.pages.len(),
        fx.page_bytes as f64 / 1024.0,
    );
    let work = Work {
        ids: fx.album_ids.clone(),
        sums: fx.album_sums.clone(),
        pid: fx.routes.pid.clone(),
        limit,
        total,
        playlist_sum: fx.playlist_sum,
    };
    let accepted = serve(listener, Arc::new(fx.routes));

    compare(&root, &work, reps, album_calls);
    if growth {
        println!("\nhow cost grows (LOOPBACK_GROWTH_SCALE={scale})");
        per_call(&root, &work, scale);
        rss(scale);
        shared(&root, &work, &accepted, scale);
    }
}

/// What the clients fetch and what they must add up to.
struct Work {
    ids: Vec<String>,
    sums: Vec<u64>,
    pid: String,
    limit: usize,
    total: usize,
    playlist_sum: u64,
}

impl Work {
    /// The checksum of album calls `i` for every `i` in `calls`.
    fn album_sum(&self, calls: impl Iterator<Item = usize>) -> u64 {
        calls.map(|i| self.sums[i % ALBUMS]).sum()
    }

    /// `calls` album calls, checked; returns nothing.
    fn albums(&self, client: &dyn Client, calls: impl Iterator<Item = usize> + Clone, who: &str) {
        let sum: u64 = calls
            .clone()
            .map(|i| client.album(&self.ids[i % ALBUMS]))
            .sum();
        assert_eq!(sum, self.album_sum(calls), "{who}: album checksum");
    }
}

// ------------------------------------------------------------ measuring

/// On-CPU time of the calling thread: the first field of
/// `/proc/thread-self/schedstat`, in nanoseconds.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// One timed run: wall time, and the calling thread's CPU time if known.
#[derive(Clone, Copy)]
struct Sample {
    wall: Duration,
    cpu: Option<Duration>,
}

impl Sample {
    fn cpu_or_wall(self) -> Duration {
        self.cpu.unwrap_or(self.wall)
    }
}

fn timed<R>(f: impl FnOnce() -> R) -> (R, Sample) {
    let (cpu0, t0) = (thread_cpu(), Instant::now());
    let r = f();
    let wall = t0.elapsed();
    let cpu = cpu0.zip(thread_cpu()).map(|(a, b)| b.saturating_sub(a));
    (r, Sample { wall, cpu })
}

/// Median, min and max.
fn spread(mut v: Vec<Duration>) -> (Duration, Duration, Duration) {
    v.sort();
    (v[v.len() / 2], v[0], v[v.len() - 1])
}

fn us(d: Duration, n: usize) -> f64 {
    d.as_secs_f64() * 1e6 / n.max(1) as f64
}

fn scaled(n: usize, scale: f64) -> usize {
    ((n as f64 * scale).round() as usize).max(1)
}

fn cpu_source(ok: bool) -> &'static str {
    if ok {
        "on-CPU time of the calling thread, /proc/thread-self/schedstat"
    } else {
        "WALL TIME: /proc/thread-self/schedstat could not be read"
    }
}

// ------------------------------------------------------------ comparison

type Samples = HashMap<(&'static str, &'static str), Vec<Sample>>;

fn compare(root: &str, work: &Work, reps: usize, album_calls: usize) {
    let clients: [(&'static str, Box<dyn Client>); 4] = [
        (CLIENTS[0], Box::new(Sdk::new(root))),
        (CLIENTS[1], Box::new(Untyped(Raw::new(root)))),
        (CLIENTS[2], Box::new(Typed(Raw::new(root)))),
        (CLIENTS[3], Box::new(Model(Raw::new(root)))),
    ];
    // Warm-up: connections, allocator, caches.
    for (_, c) in &clients {
        c.album(&work.ids[0]);
        c.playlist(&work.pid, work.limit);
    }
    let mut samples = Samples::new();
    for rep in 0..reps {
        for k in 0..clients.len() {
            let (name, client) = &clients[(k + rep) % clients.len()];
            let ((), s) = timed(|| work.albums(client.as_ref(), 0..album_calls, name));
            samples.entry(("album", name)).or_default().push(s);
        }
        for k in 0..clients.len() {
            let (name, client) = &clients[(k + rep + 1) % clients.len()];
            let (got, s) = timed(|| client.playlist(&work.pid, work.limit));
            samples.entry(("playlist", name)).or_default().push(s);
            assert_eq!(
                got,
                (work.total, work.playlist_sum),
                "{name}: playlist checksum"
            );
        }
    }
    report(&samples, album_calls, work.total);
}

fn report(samples: &Samples, album_calls: usize, total: usize) {
    let cpu_ok = samples.values().flatten().all(|s| s.cpu.is_some());
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let get = |w: &'static str, c: &'static str, f: fn(Sample) -> Duration| {
        spread(samples[&(w, c)].iter().copied().map(f).collect())
    };
    let cpu = |s: Sample| s.cpu_or_wall();
    let wall = |s: Sample| s.wall;
    println!("\nCPU: {}", cpu_source(cpu_ok));
    println!(
        "{:<9} {:<11} {:>8} {:>8} {:>8} {:>8} {:>9} | {:>8} {:>8} {:>9}",
        "workload",
        "client",
        "cpu ms",
        "min",
        "max",
        "µs/unit",
        "SDK/this",
        "wall ms",
        "µs/unit",
        "SDK/this"
    );
    let mut lines = (Vec::new(), Vec::new(), Vec::new());
    for (w, n) in [("album", album_calls), ("playlist", total)] {
        let (sdk_cpu, sdk_wall) = (get(w, "sdk", cpu).0, get(w, "sdk", wall).0);
        let (mut by_cpu, mut by_wall) = (Vec::new(), Vec::new());
        for c in CLIENTS {
            let ((med, lo, hi), wmed) = (get(w, c, cpu), get(w, c, wall).0);
            let ratio = sdk_cpu.as_secs_f64() / med.as_secs_f64();
            let wratio = sdk_wall.as_secs_f64() / wmed.as_secs_f64();
            println!(
                "{w:<9} {c:<11} {:>8.2} {:>8.2} {:>8.2} {:>8.1} {ratio:>9.2} | {:>8.2} {:>8.1} {wratio:>9.2}",
                ms(med),
                ms(lo),
                ms(hi),
                us(med, n),
                ms(wmed),
                us(wmed, n),
            );
            if c != "sdk" {
                by_cpu.push(format!("{c} {ratio:.2}"));
                by_wall.push(format!("{c} {wratio:.2}"));
            }
            if c == "ureq+model" {
                let verdict = if ratio <= 1.05 { "met" } else { "NOT met" };
                lines.2.push(format!("{w} {ratio:.2} {verdict}"));
            }
        }
        lines.0.push(format!("  {w:<9} {}", by_cpu.join(", ")));
        lines.1.push(format!("  {w:<9} {}", by_wall.join(", ")));
    }
    println!("(µs/unit: per album call, per playlist item)");
    println!("\nCPU ratios SDK/this (median CPU; above 1 the SDK spends more):");
    println!("{}", lines.0.join("\n"));
    println!("wall ratios SDK/this (median wall time):");
    println!("{}", lines.1.join("\n"));
    println!(
        "issue 16 target, SDK CPU at most 1.05 × ureq+model: {}",
        lines.2.join(", ")
    );
    println!("checksums: all four clients agree with the fixtures");
    if cfg!(debug_assertions) {
        println!("(an unoptimised build: a smoke test, not a measurement; use cargo bench)");
    }
}

// ------------------------------------------------------------ growth

/// (a) Per-call CPU of SDK album calls as the number of calls grows: a
/// fresh client per count, the three runs interleaved in slices (the order
/// rotating), so a slow spell of a shared machine hits all three alike.
fn per_call(root: &str, work: &Work, scale: f64) {
    const SLICES: usize = 10;
    let counts = [200, 2_000, 20_000].map(|n| scaled(n, scale));
    println!(
        "\n(a) SDK album calls, a fresh client per count (10 warm-up calls), \
         the counts interleaved in {SLICES} slices:"
    );
    println!(
        "{:>8} {:>12} {:>12}",
        "calls", "cpu µs/call", "wall µs/call"
    );
    let clients: Vec<Sdk> = counts
        .iter()
        .map(|_| {
            let sdk = Sdk::new(root);
            work.albums(&sdk, 0..10, "sdk warm-up");
            sdk
        })
        .collect();
    let mut spent = [(Duration::ZERO, Duration::ZERO); 3];
    let mut ok = true;
    for k in 0..SLICES {
        for j in 0..counts.len() {
            let c = (k + j) % counts.len();
            let n = counts[c];
            let slice = k * n / SLICES..(k + 1) * n / SLICES;
            let s = timed(|| work.albums(&clients[c], slice, "sdk")).1;
            ok &= s.cpu.is_some();
            spent[c].0 += s.cpu_or_wall();
            spent[c].1 += s.wall;
        }
    }
    let per: Vec<f64> = counts
        .iter()
        .zip(spent)
        .map(|(&n, (cpu, wall))| {
            println!("{n:>8} {:>12.1} {:>12.1}", us(cpu, n), us(wall, n));
            us(cpu, n)
        })
        .collect();
    let (lo, hi) = per
        .iter()
        .fold((f64::MAX, 0f64), |(lo, hi), &p| (lo.min(p), hi.max(p)));
    let verdict = if hi / lo <= 1.10 { "met" } else { "NOT met" };
    println!(
        "max/min per-call CPU {:.3} (target: flat within 10%: {verdict}); CPU: {}",
        hi / lo,
        cpu_source(ok)
    );
}

/// The value of the `key=value` word of a child's report.
fn field<'a>(line: &'a str, key: &str) -> &'a str {
    line.split_whitespace()
        .find_map(|w| w.strip_prefix(key)?.strip_prefix('='))
        .unwrap_or_else(|| panic!("no {key}= in {line:?}"))
}

/// (b) Peak RSS of iterating a playlist, each size in a child process.
fn rss(scale: f64) {
    println!(
        "\n(b) peak RSS of playlist_items(id).limit({RSS_LIMIT}).items(), one child process per size:"
    );
    println!(
        "{:>8} {:>13} {:>13} {:>12} {:>8}",
        "items", "before KiB", "peak KiB", "growth KiB", "cpu s"
    );
    let exe = std::env::current_exe().expect("this benchmark's path");
    let mut rows = Vec::new();
    let mut reset = true;
    for n in [1_000, 10_000, 100_000] {
        let n = scaled(n, scale);
        let out = std::process::Command::new(&exe)
            .env(RSS_CHILD, n.to_string())
            .output()
            .expect("start the RSS child");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "RSS child for {n} items: {}\n{stdout}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        let line = stdout
            .lines()
            .find(|l| l.starts_with("rss_child "))
            .unwrap_or_else(|| panic!("no report from the RSS child: {stdout}"));
        let num = |k: &str| -> f64 { field(line, k).parse().expect("a number") };
        let (before, peak) = (num("before_kib"), num("peak_kib"));
        reset &= field(line, "peak_reset") == "yes";
        println!(
            "{n:>8} {before:>13.0} {peak:>13.0} {:>12.0} {:>8.2}",
            peak - before,
            num("cpu_ms") / 1e3
        );
        rows.push((before, peak));
    }
    let ((b0, p0), (b1, p1)) = (rows[0], rows[rows.len() - 1]);
    let verdict = if p1 / p0 <= 2.0 { "met" } else { "NOT met" };
    println!(
        "largest/smallest: peak {:.2} (target within 2×: {verdict}), growth {:.2}",
        p1 / p0,
        (p1 - b1).max(1.0) / (p0 - b0).max(1.0)
    );
    println!(
        "(each child's RSS includes its own server, which holds one page of items; \
         peak {})",
        if reset {
            "reset once server and client were up, so growth is the iteration's"
        } else {
            "NOT reset (/proc/self/clear_refs refused): it includes the setup"
        }
    );
}

/// The child of [`rss`]: serve `items` playlist entries and iterate them.
fn rss_child(items: usize) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let root = format!("http://{}", listener.local_addr().expect("local address"));
    let (routes, sums) = Routes::generated(&format!("{root}/v1"), items, RSS_LIMIT);
    let expect: u64 = (0..items).map(|i| sums[i % RSS_LIMIT]).sum();
    let pid = routes.pid.clone();
    serve(listener, Arc::new(routes));
    let sdk = Sdk::new(&root);
    let status = |key: &str| -> u64 {
        let s = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
        s.lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or_else(|| panic!("no {key} in /proc/self/status"))
    };
    let before = status("VmRSS");
    // "5": reset the peak RSS to the current RSS (Linux 4.0+).
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let (got, s) = timed(|| sdk.playlist(&pid, RSS_LIMIT));
    let peak = status("VmHWM");
    assert_eq!(got, (items, expect), "RSS child: playlist checksum");
    println!(
        "rss_child items={items} before_kib={before} peak_kib={peak} peak_reset={} cpu_ms={:.3}",
        if reset { "yes" } else { "no" },
        s.cpu_or_wall().as_secs_f64() * 1e3
    );
}

/// (c) One `Spotify` shared by several threads.
fn shared(root: &str, work: &Work, accepted: &AtomicUsize, scale: f64) {
    let calls = scaled(2_000, scale);
    println!(
        "\n(c) one Spotify shared by N threads (std::thread::scope), {calls} album calls split between them:"
    );
    println!(
        "{:>7} {:>9} {:>9} {:>9} {:>12} {:>12}",
        "threads", "wall ms", "calls/s", "speed-up", "cpu µs/call", "connections"
    );
    let sdk = Sdk::new(root);
    work.albums(&sdk, 0..10, "sdk warm-up");
    let (mut base, mut ok) = (0.0, true);
    for threads in [1, 2, 4] {
        let before = accepted.load(Ordering::SeqCst);
        let t0 = Instant::now();
        let samples: Vec<Sample> = thread::scope(|s| {
            let workers: Vec<_> = (0..threads)
                .map(|t| {
                    let sdk = &sdk;
                    s.spawn(move || {
                        let mine = (t..calls).step_by(threads);
                        timed(|| work.albums(sdk, mine, "shared sdk")).1
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().expect("worker"))
                .collect()
        });
        let wall = t0.elapsed();
        let connections = accepted.load(Ordering::SeqCst) - before;
        ok &= samples.iter().all(|s| s.cpu.is_some());
        let cpu: Duration = samples.iter().map(|s| s.cpu_or_wall()).sum();
        let rate = calls as f64 / wall.as_secs_f64();
        if threads == 1 {
            base = rate;
        }
        println!(
            "{threads:>7} {:>9.1} {rate:>9.0} {:>9.2} {:>12.1} {connections:>12}",
            wall.as_secs_f64() * 1e3,
            rate / base,
            us(cpu, calls)
        );
    }
    println!(
        "(cpu: the client threads' own, summed; {}. The server's threads share \
         the same {} cores. connections: TCP connections the server accepted \
         in that run; the client keeps up to 8 idle per host by default, \
         SpotifyBuilder::max_idle_connections)",
        cpu_source(ok),
        thread::available_parallelism().map_or(0, |n| n.get())
    );
}

// ---------------------------------------------------------------- clients

trait Client {
    /// One album call; the sum of its tracks' `duration_ms`.
    fn album(&self, id: &str) -> u64;
    /// Every playlist item; (items, sum of `duration_ms`).
    fn playlist(&self, pid: &str, limit: usize) -> (usize, u64);
}

struct Sdk(Spotify);

impl Sdk {
    fn new(root: &str) -> Sdk {
        let spotify = Spotify::builder()
            .api_base(format!("{root}/v1"))
            .accounts_base(root)
            .build_with_credentials(CLIENT_ID, CLIENT_SECRET)
            .expect("SDK token");
        Sdk(spotify)
    }
}

impl Client for Sdk {
    fn album(&self, id: &str) -> u64 {
        let album = self.0.album(id).send().expect("SDK album");
        album.tracks.items.iter().map(|t| t.duration_ms).sum()
    }

    fn playlist(&self, pid: &str, limit: usize) -> (usize, u64) {
        let mut out = (0, 0);
        for item in self.0.playlist_items(pid).limit(limit as u32).items() {
            let item = item.expect("SDK playlist page");
            out.0 += 1;
            out.1 += item
                .item
                .as_ref()
                .and_then(|i| i.as_track())
                .map_or(0, |t| t.duration_ms);
        }
        out
    }
}

/// The shared transport of the baselines: one ureq agent, a bearer token.
struct Raw {
    agent: ureq::Agent,
    api: String,
    auth: String,
}

impl Raw {
    fn new(root: &str) -> Raw {
        use base64::Engine;
        let agent = ureq::Agent::new_with_defaults();
        let basic = base64::engine::general_purpose::STANDARD
            .encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"));
        let body = agent
            .post(format!("{root}/api/token"))
            .header("Authorization", format!("Basic {basic}"))
            .content_type("application/x-www-form-urlencoded")
            .send("grant_type=client_credentials")
            .and_then(|mut r| r.body_mut().read_to_vec())
            .expect("baseline token");
        let token: Value = serde_json::from_slice(&body).expect("token JSON");
        let auth = format!(
            "Bearer {}",
            token["access_token"].as_str().expect("access_token")
        );
        Raw {
            agent,
            api: format!("{root}/v1"),
            auth,
        }
    }

    fn get(&self, url: &str) -> Vec<u8> {
        self.agent
            .get(url)
            .header("Authorization", &self.auth)
            .call()
            .and_then(|mut r| r.body_mut().with_config().limit(64 << 20).read_to_vec())
            .unwrap_or_else(|e| panic!("GET {url}: {e}"))
    }

    fn first_page(&self, pid: &str, limit: usize) -> String {
        format!("{}/playlists/{pid}/items?offset=0&limit={limit}", self.api)
    }
}

struct Untyped(Raw);

impl Client for Untyped {
    fn album(&self, id: &str) -> u64 {
        let body = self.0.get(&format!("{}/albums/{id}", self.0.api));
        let v: Value = serde_json::from_slice(&body).expect("album JSON");
        let tracks = v["tracks"]["items"].as_array().expect("tracks.items");
        tracks
            .iter()
            .map(|t| t["duration_ms"].as_u64().unwrap_or(0))
            .sum()
    }

    fn playlist(&self, pid: &str, limit: usize) -> (usize, u64) {
        let (mut url, mut out) = (Some(self.0.first_page(pid, limit)), (0, 0));
        while let Some(u) = url {
            let page: Value = serde_json::from_slice(&self.0.get(&u)).expect("page JSON");
            for it in page["items"].as_array().expect("items") {
                let track = if it["item"].is_object() {
                    &it["item"]
                } else {
                    &it["track"]
                };
                out.0 += 1;
                out.1 += track["duration_ms"].as_u64().unwrap_or(0);
            }
            url = page["next"].as_str().map(str::to_owned);
        }
        out
    }
}

#[derive(Deserialize)]
struct MinAlbum {
    tracks: MinPage<MinTrack>,
}

#[derive(Deserialize)]
#[allow(dead_code)] // read like a real client would, not used here
struct MinTrack {
    id: Option<String>,
    name: String,
    duration_ms: u64,
}

#[derive(Deserialize)]
struct MinPage<T> {
    items: Vec<T>,
    next: Option<String>,
}

#[derive(Deserialize)]
struct MinItem {
    #[serde(alias = "item")]
    track: Option<MinTrack>,
}

struct Typed(Raw);

impl Client for Typed {
    fn album(&self, id: &str) -> u64 {
        let body = self.0.get(&format!("{}/albums/{id}", self.0.api));
        let album: MinAlbum = serde_json::from_slice(&body).expect("album JSON");
        album.tracks.items.iter().map(|t| t.duration_ms).sum()
    }

    fn playlist(&self, pid: &str, limit: usize) -> (usize, u64) {
        let (mut url, mut out) = (Some(self.0.first_page(pid, limit)), (0, 0));
        while let Some(u) = url {
            let page: MinPage<MinItem> =
                serde_json::from_slice(&self.0.get(&u)).expect("page JSON");
            out.0 += page.items.len();
            out.1 += page
                .items
                .iter()
                .filter_map(|i| i.track.as_ref())
                .map(|t| t.duration_ms)
                .sum::<u64>();
            url = page.next;
        }
        out
    }
}

/// ureq and the crate's own models: what the SDK decodes, without the SDK.
struct Model(Raw);

/// The body as text, checked once, so serde_json need not check each string
/// again: the way the SDK decodes, and the best a hand-written client does.
fn text(body: &[u8]) -> &str {
    std::str::from_utf8(body).expect("UTF-8 body")
}

impl Client for Model {
    fn album(&self, id: &str) -> u64 {
        let body = self.0.get(&format!("{}/albums/{id}", self.0.api));
        let album: FullAlbum = serde_json::from_str(text(&body)).expect("album JSON");
        album.tracks.items.iter().map(|t| t.duration_ms).sum()
    }

    fn playlist(&self, pid: &str, limit: usize) -> (usize, u64) {
        let (mut url, mut out) = (Some(self.0.first_page(pid, limit)), (0, 0));
        while let Some(u) = url {
            let body = self.0.get(&u);
            let page: Page<PlaylistItem> = serde_json::from_str(text(&body)).expect("page JSON");
            out.0 += page.items.len();
            out.1 += page
                .items
                .iter()
                .filter_map(|i| i.item.as_ref()?.as_track())
                .map(|t| t.duration_ms)
                .sum::<u64>();
            url = page.next;
        }
        out
    }
}

// ---------------------------------------------------------------- server

/// Complete HTTP responses (head and body), ready to write.
struct Routes {
    token: Vec<u8>,
    unauthorized: Vec<u8>,
    not_found: Vec<u8>,
    albums: HashMap<String, Vec<u8>>,
    pid: String,
    limit: usize,
    pages: Vec<Vec<u8>>,
    /// Pages built on request (the RSS child's playlist) instead of `pages`.
    generated: Option<Generated>,
}

/// A playlist of `total` entries whose pages are built on request from one
/// page of entries (entry `i` is `items[i % limit]`), so the server holds
/// one page however long the playlist is.
struct Generated {
    total: usize,
    items: Vec<String>,
    base: String,
}

impl Generated {
    fn page(&self, offset: usize) -> Vec<u8> {
        let (limit, total) = (self.items.len(), self.total);
        let link = |o: usize| format!("\"{}?offset={o}&limit={limit}\"", self.base);
        let next = (offset + limit < total).then(|| link(offset + limit));
        let previous = (offset > 0).then(|| link(offset.saturating_sub(limit)));
        let items = &self.items[..limit.min(total - offset)];
        let body = format!(
            "{{\"href\":{},\"items\":[{}],\"limit\":{limit},\"next\":{},\"offset\":{offset},\
             \"previous\":{},\"total\":{total}}}",
            link(offset),
            items.join(","),
            next.as_deref().unwrap_or("null"),
            previous.as_deref().unwrap_or("null"),
        );
        response("200 OK", body.as_bytes())
    }
}

fn response(status: &str, body: &[u8]) -> Vec<u8> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    [head.as_bytes(), body].concat()
}

impl Routes {
    /// The token and error answers; no albums, no pages.
    fn new(pid: String, limit: usize) -> Routes {
        let error = |status: u16, message: &str| {
            json!({"error": {"status": status, "message": message}}).to_string()
        };
        Routes {
            token: response(
                "200 OK",
                json!({"access_token": TOKEN, "token_type": "Bearer", "expires_in": 3600})
                    .to_string()
                    .as_bytes(),
            ),
            unauthorized: response(
                "401 Unauthorized",
                error(401, "No token provided").as_bytes(),
            ),
            not_found: response("404 Not Found", error(404, "Resource not found").as_bytes()),
            albums: HashMap::new(),
            pid,
            limit,
            pages: Vec::new(),
            generated: None,
        }
    }

    fn route(&self, method: &str, target: &str, auth: &str) -> Cow<'_, [u8]> {
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        if method == "POST" && path == "/api/token" {
            return Cow::Borrowed(&self.token);
        }
        if method != "GET" {
            return Cow::Borrowed(&self.not_found);
        }
        if auth.strip_prefix("Bearer ") != Some(TOKEN) {
            return Cow::Borrowed(&self.unauthorized);
        }
        let param = |k: &str| {
            query
                .split('&')
                .find_map(|kv| kv.strip_prefix(k)?.strip_prefix('=')?.parse::<usize>().ok())
        };
        let found = if let Some(id) = path.strip_prefix("/v1/albums/") {
            self.albums.get(id).map(|b| Cow::Borrowed(b.as_slice()))
        } else if path
            .strip_prefix("/v1/playlists/")
            .and_then(|p| p.strip_suffix("/items"))
            == Some(&self.pid)
        {
            let (offset, limit) = (param("offset").unwrap_or(0), param("limit").unwrap_or(20));
            let page = (limit == self.limit && offset % limit == 0).then_some(offset / limit);
            match &self.generated {
                Some(g) => page
                    .filter(|_| offset < g.total)
                    .map(|_| Cow::Owned(g.page(offset))),
                None => page
                    .and_then(|p| self.pages.get(p))
                    .map(|b| Cow::Borrowed(b.as_slice())),
            }
        } else {
            None
        };
        found.unwrap_or(Cow::Borrowed(&self.not_found))
    }
}

/// Accepts connections on a thread; each keep-alive connection gets its
/// own, so connections are served in parallel. Returns the number of
/// connections accepted so far.
fn serve(listener: TcpListener, routes: Arc<Routes>) -> Arc<AtomicUsize> {
    let accepted = Arc::new(AtomicUsize::new(0));
    let count = accepted.clone();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            count.fetch_add(1, Ordering::SeqCst);
            let routes = routes.clone();
            thread::spawn(move || connection(stream, &routes));
        }
    });
    accepted
}

fn connection(stream: TcpStream, routes: &Routes) -> io::Result<()> {
    stream.set_nodelay(true)?;
    let mut out = stream.try_clone()?;
    let mut input = BufReader::new(stream);
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let mut words = line.split_whitespace();
        let (method, target) = (
            words.next().unwrap_or("").to_owned(),
            words.next().unwrap_or("").to_owned(),
        );
        let (mut length, mut auth) = (0u64, String::new());
        loop {
            line.clear();
            if input.read_line(&mut line)? == 0 {
                return Ok(());
            }
            let Some((name, value)) = line.trim_end().split_once(':') else {
                break;
            };
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            } else if name.eq_ignore_ascii_case("authorization") {
                auth = value.trim().to_owned();
            }
        }
        io::copy(&mut (&mut input).take(length), &mut io::sink())?;
        out.write_all(&routes.route(&method, &target, &auth))?;
    }
}

// ---------------------------------------------------------------- fixtures

/// Spotify's market codes, in the order real `available_markets` lists use.
const MARKETS: &str = "AD AE AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW \
    BY BZ CA CD CG CH CI CL CM CO CR CV CW CY CZ DE DJ DK DM DO DZ EC EE EG ES ET FI FJ FM FR GA \
    GB GD GE GH GM GN GQ GR GT GW GY HK HN HR HT HU ID IE IL IN IQ IS IT JM JO JP KE KG KH KI KM \
    KN KR KW KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG MH MK ML MN MO MR MT MU MV MW MX \
    MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PR PS PT PW PY QA RO RS RW SA SB SC SE \
    SG SI SK SL SM SN SR ST SV SZ TD TG TH TJ TL TN TO TR TT TV TW TZ UA UG US UY UZ VC VE VN VU \
    WS XK ZA ZM ZW";
const WORDS: &str = "love night dream fire heart summer rain gold blue light shadow river city \
    dance wild echo home road sky ocean storm stone glass paper ghost electric silver honey";
const WEB: &str = "https://open.spotify.com";

/// splitmix64: the same seed gives the same fixtures on every run.
struct Gen {
    state: u64,
    api: String,
}

impl Gen {
    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    fn chars(&mut self, alphabet: &str, n: usize) -> String {
        let a = alphabet.as_bytes();
        (0..n)
            .map(|_| a[self.next() as usize % a.len()] as char)
            .collect()
    }

    fn b62(&mut self) -> String {
        self.chars(
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
            22,
        )
    }

    fn title(&mut self, lo: u64, hi: u64) -> String {
        let words: Vec<&str> = WORDS.split_whitespace().collect();
        let n = self.range(lo, hi);
        let pick = (0..n).map(|_| words[self.next() as usize % words.len()]);
        pick.map(|w| w[..1].to_uppercase() + &w[1..])
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// About 180 codes: a few dropped at random, order kept.
    fn markets(&mut self) -> Vec<&'static str> {
        let all: Vec<&str> = MARKETS.split_whitespace().collect();
        let drop: Vec<usize> = (0..self.range(0, 8))
            .map(|_| self.next() as usize % all.len())
            .collect();
        all.iter()
            .enumerate()
            .filter(|(i, _)| !drop.contains(i))
            .map(|(_, m)| *m)
            .collect()
    }

    fn object(&self, kind: &str, id: &str) -> (String, String, String) {
        (
            format!("{WEB}/{kind}/{id}"),
            format!("{}/{kind}s/{id}", self.api),
            format!("spotify:{kind}:{id}"),
        )
    }

    fn artist(&mut self) -> Value {
        let id = self.b62();
        let (web, href, uri) = self.object("artist", &id);
        json!({"external_urls": {"spotify": web}, "href": href, "id": id,
               "name": self.title(1, 3), "type": "artist", "uri": uri})
    }

    fn simple_album(&mut self, id: &str, artists: &[Value], total_tracks: u64) -> Value {
        let (web, href, uri) = self.object("album", id);
        let h = self.chars("0123456789abcdef", 24);
        let images: Vec<Value> = [(640, "b273"), (300, "1e02"), (64, "4851")]
            .iter()
            .map(|(s, k)| json!({"height": s, "url": format!("https://i.scdn.co/image/ab67616d0000{k}{h}"), "width": s}))
            .collect();
        let date = format!(
            "{}-{:02}-{:02}",
            self.range(1975, 2024),
            self.range(1, 12),
            self.range(1, 28)
        );
        json!({"album_type": "album", "artists": artists, "available_markets": self.markets(),
               "external_urls": {"spotify": web}, "href": href, "id": id, "images": images,
               "name": self.title(1, 3), "release_date": date, "release_date_precision": "day",
               "total_tracks": total_tracks, "type": "album", "uri": uri})
    }

    fn simple_track(&mut self, artists: &[Value], number: u64) -> Value {
        let id = self.b62();
        let (web, href, uri) = self.object("track", &id);
        json!({"artists": artists, "available_markets": self.markets(), "disc_number": 1,
               "duration_ms": self.range(95_000, 420_000), "explicit": self.next().is_multiple_of(5),
               "external_urls": {"spotify": web}, "href": href, "id": id, "is_local": false,
               "name": self.title(1, 4),
               "preview_url": format!("https://p.scdn.co/mp3-preview/{}?cid={CLIENT_ID}", self.chars("0123456789abcdef", 40)),
               "track_number": number, "type": "track", "uri": uri})
    }

    fn full_album(&mut self, id: &str) -> Value {
        let artists = [self.artist()];
        let mut album = self.simple_album(id, &artists, ALBUM_TRACKS as u64);
        let items: Vec<Value> = (1..=ALBUM_TRACKS as u64)
            .map(|n| self.simple_track(&artists, n))
            .collect();
        let label = self.title(1, 2) + " Records";
        let year = album["release_date"].as_str().unwrap_or("2000")[..4].to_owned();
        let extra = json!({
            "tracks": {"href": format!("{}/albums/{id}/tracks?offset=0&limit=50", self.api),
                       "items": items, "limit": 50, "next": null, "offset": 0, "previous": null,
                       "total": ALBUM_TRACKS},
            "copyrights": [{"text": format!("(C) {year} {label}"), "type": "C"},
                           {"text": format!("(P) {year} {label}"), "type": "P"}],
            "external_ids": {"upc": self.chars("0123456789", 12)},
            "genres": ["indie pop", "synthwave"], "label": label, "popularity": self.range(0, 100),
        });
        if let (Some(a), Value::Object(e)) = (album.as_object_mut(), extra) {
            a.extend(e);
        }
        album
    }

    fn user(&mut self) -> Value {
        let uid = format!(
            "bench{}",
            self.chars("abcdefghijklmnopqrstuvwxyz0123456789", 10)
        );
        let (web, href, uri) = self.object("user", &uid);
        json!({"external_urls": {"spotify": web}, "href": href, "id": uid, "type": "user", "uri": uri})
    }

    /// A playlist entry holding a full track, fields in the API's order.
    fn playlist_item(&mut self, user: &Value, i: usize) -> Value {
        let artists: Vec<Value> = (0..self.range(1, 2)).map(|_| self.artist()).collect();
        let album_id = self.b62();
        let total = self.range(8, 16);
        let album = self.simple_album(&album_id, &artists[..1], total);
        let number = self.range(1, total);
        let mut t = self.simple_track(&artists, number);
        let isrc = format!(
            "US{}{}",
            self.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 3),
            self.range(1_000_000, 9_999_999)
        );
        if let Some(t) = t.as_object_mut() {
            t.insert("album".into(), album);
            t.insert("episode".into(), json!(false));
            t.insert("track".into(), json!(true));
            t.insert("external_ids".into(), json!({"isrc": isrc}));
            t.insert("popularity".into(), json!(self.range(0, 100)));
        }
        json!({"added_at": format!("2023-{:02}-{:02}T{:02}:{:02}:00Z", 1 + (i / 28) % 12, 1 + i % 28, i % 24, i % 60),
               "added_by": user, "is_local": false, "primary_color": null, "track": t,
               "video_thumbnail": {"url": null}})
    }
}

struct Fixtures {
    routes: Routes,
    album_ids: Vec<String>,
    album_sums: Vec<u64>,
    album_bytes: usize,
    page_bytes: usize,
    playlist_sum: u64,
}

impl Fixtures {
    fn generate(api: &str, total: usize, limit: usize) -> Fixtures {
        assert!(limit > 0, "LOOPBACK_PAGE_LIMIT must be at least 1");
        let mut g = Gen {
            state: 20240501,
            api: api.to_owned(),
        };
        let pid = g.b62();
        let mut fx = Fixtures {
            routes: Routes::new(pid, limit),
            album_ids: Vec::new(),
            album_sums: Vec::new(),
            album_bytes: 0,
            page_bytes: 0,
            playlist_sum: 0,
        };
        let duration = |t: &Value| t["duration_ms"].as_u64().unwrap_or(0);
        for _ in 0..ALBUMS {
            let id = g.b62();
            let album = g.full_album(&id);
            let body = serde_json::to_vec(&album).expect("album JSON");
            fx.album_sums.push(
                album["tracks"]["items"]
                    .as_array()
                    .map_or(0, |t| t.iter().map(duration).sum()),
            );
            fx.album_bytes = body.len();
            fx.routes
                .albums
                .insert(id.clone(), response("200 OK", &body));
            fx.album_ids.push(id);
        }
        let user = g.user();
        let base = format!("{api}/playlists/{}/items", fx.routes.pid);
        let link = |offset: usize| format!("{base}?offset={offset}&limit={limit}");
        for offset in (0..total).step_by(limit) {
            let items: Vec<Value> = (offset..total.min(offset + limit))
                .map(|i| g.playlist_item(&user, i))
                .collect();
            fx.playlist_sum += items.iter().map(|it| duration(&it["track"])).sum::<u64>();
            let page = json!({"href": link(offset), "items": items, "limit": limit,
                              "next": (offset + limit < total).then(|| link(offset + limit)),
                              "offset": offset, "previous": (offset > 0).then(|| link(offset.saturating_sub(limit))),
                              "total": total});
            let body = serde_json::to_vec(&page).expect("page JSON");
            fx.page_bytes = fx.page_bytes.max(body.len());
            fx.routes.pages.push(response("200 OK", &body));
        }
        fx
    }
}

impl Routes {
    /// The RSS child's server: a playlist of `total` entries built on
    /// request from `limit` generated ones; also each entry's `duration_ms`.
    fn generated(api: &str, total: usize, limit: usize) -> (Routes, Vec<u64>) {
        let mut g = Gen {
            state: 20240502,
            api: api.to_owned(),
        };
        let mut routes = Routes::new(g.b62(), limit);
        let user = g.user();
        let items: Vec<Value> = (0..limit).map(|i| g.playlist_item(&user, i)).collect();
        let sums = items
            .iter()
            .map(|it| it["track"]["duration_ms"].as_u64().unwrap_or(0))
            .collect();
        routes.generated = Some(Generated {
            total,
            items: items.iter().map(Value::to_string).collect(),
            base: format!("{api}/playlists/{}/items", routes.pid),
        });
        (routes, sums)
    }
}
