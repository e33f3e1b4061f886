//! The SDK as a client of the peer benchmark in `../shared/bench/peers/`
//! (its README has the contract); without its `BENCH_*` variables it only
//! says what it is. Build it, then hand the binary to run.sh:
//!
//!     cargo build --release --example peer_bench
//!     SDK_CMD="$PWD/target/release/examples/peer_bench" SDK_NAME=spotify-blocking \
//!         bash ../shared/bench/peers/run.sh

use spotify_blocking::Spotify;
use std::time::Instant;

/// On-CPU seconds of this process, from the first field of
/// `/proc/self/schedstat` (nanoseconds). That file counts the main thread only, which is
/// the whole process here: the SDK starts no threads and neither does this
/// client.
fn schedstat() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/schedstat").ok()?;
    Some(stat.split_whitespace().next()?.parse::<u64>().ok()? as f64 / 1e9)
}

/// User + system CPU seconds of this process (`/proc/self/stat`, 100 Hz
/// ticks, so 10 ms steps): the fallback where `schedstat` is missing.
fn stat() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let mut fields = stat.rsplit_once(')')?.1.split_whitespace().skip(11);
    let (utime, stime): (u64, u64) = (fields.next()?.parse().ok()?, fields.next()?.parse().ok()?);
    Some((utime + stime) as f64 / 100.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Ok(api) = std::env::var("BENCH_API_BASE") else {
        println!("peer_bench: a benchmark client (../shared/bench/peers); set BENCH_* to run it.");
        return Ok(());
    };
    let env = |k: &str| std::env::var(k).map_err(|_| format!("{k} is not set"));
    let workload = std::env::args().nth(1).unwrap_or_default();
    // The harness's bases end with `/`; the SDK's have no trailing slash.
    let spotify = Spotify::builder()
        .api_base(api.trim_end_matches('/'))
        .accounts_base(env("BENCH_AUTH_BASE")?.trim_end_matches('/'))
        .build_with_credentials(&env("BENCH_CLIENT_ID")?, &env("BENCH_CLIENT_SECRET")?)?;

    // One source for both readings.
    let cpu: fn() -> Option<f64> = if schedstat().is_some() {
        schedstat
    } else {
        stat
    };
    let (cpu0, t0) = (cpu(), Instant::now());
    let (mut calls, mut items, mut check) = (0u64, 0u64, 0u64);
    if workload == "album" {
        let ids = env("BENCH_ALBUM_IDS")?;
        let ids: Vec<&str> = ids.split(',').collect();
        for i in 0..env("BENCH_ALBUM_CALLS")?.parse::<usize>()? {
            let album = spotify.album(ids[i % ids.len()]).send()?;
            check += album
                .tracks
                .items
                .iter()
                .map(|t| t.duration_ms)
                .sum::<u64>();
            (calls, items) = (calls + 1, items + 1);
        }
    } else if workload == "playlist" {
        let pid = env("BENCH_PLAYLIST_ID")?;
        let limit: u32 = env("BENCH_PAGE_LIMIT")?.parse()?;
        // `/items` takes at most 50 per page; the harness's default is 100,
        // which only the deprecated `/tracks` form (also served) accepts.
        #[allow(deprecated)]
        let entries = match limit {
            ..=50 => spotify.playlist_items(&pid).limit(limit).items(),
            _ => spotify.playlist_tracks(&pid).limit(limit).items(),
        };
        for entry in entries {
            let item = entry?.item;
            check += item
                .as_ref()
                .and_then(|i| i.as_track())
                .map_or(0, |t| t.duration_ms);
            items += 1;
        }
        calls = items.div_ceil(u64::from(limit)).max(1);
    } else {
        return Err(format!("workload {workload:?}: use album or playlist").into());
    }
    let wall = t0.elapsed().as_secs_f64();
    let cpu_s = cpu0
        .zip(cpu())
        .map_or("NA".into(), |(a, b)| format!("{:.6}", b - a));
    println!(
        "RESULT client=spotify-blocking workload={workload} calls={calls} items={items} \
         wall_s={wall:.6} cpu_s={cpu_s} check={check}"
    );
    Ok(())
}
