//! Connection reuse: a client shared by a few threads keeps that many
//! connections open and reuses them, and `max_idle_connections(0)` keeps
//! none. The mock serves the calls; a [`Tap`] in front of it counts the
//! connections the client opens.

#[allow(dead_code)]
mod common;

use common::Tap;
use spotify_blocking::mock::{CLIENT_ID, CLIENT_SECRET, HYBRID_THEORY, MockServer};
use spotify_blocking::{Spotify, SpotifyBuilder};
use std::sync::Barrier;
use std::thread;

const THREADS: usize = 4;
const ROUNDS: usize = 50;

/// An app-token client on the mock behind `tap` (one token request).
fn client(tap: &Tap, builder: SpotifyBuilder) -> Spotify {
    tap.route(builder)
        .build_with_credentials(CLIENT_ID, CLIENT_SECRET)
        .unwrap()
}

/// The connections the client opens while [`THREADS`] threads share one
/// client built from `builder` for [`ROUNDS`] album calls each.
fn connections_for_threads(builder: SpotifyBuilder) -> usize {
    let mock = MockServer::start();
    let tap = Tap::new(&mock.url());
    let spotify = client(&tap, builder);
    // In rounds: each thread makes a call, then waits for the others, so
    // after every round all four connections are idle in the pool at once
    // (a pool of fewer closes one, and the next round opens a new one).
    let round = Barrier::new(THREADS);
    thread::scope(|s| {
        for _ in 0..THREADS {
            s.spawn(|| {
                for _ in 0..ROUNDS {
                    let album = spotify.album(HYBRID_THEORY).send().unwrap();
                    assert_eq!(album.name, "Hybrid Theory");
                    round.wait();
                }
            });
        }
    });
    assert_eq!(
        mock.request_count(),
        1 + THREADS * ROUNDS,
        "every call answered"
    );
    tap.connections()
}

#[test]
fn four_threads_sharing_a_client_reuse_about_four_connections() {
    let accepted = connections_for_threads(Spotify::builder());
    // One per thread, the token request's (reused as one of them), and a
    // connection of slack.
    assert!(
        accepted <= THREADS + 2,
        "{accepted} connections for {THREADS} threads"
    );
}

#[test]
fn a_pool_smaller_than_the_threads_keeps_opening_connections() {
    // ureq's own default: 3 idle connections per host.
    let accepted = connections_for_threads(Spotify::builder().max_idle_connections(3));
    assert!(
        accepted > THREADS + 2,
        "{accepted} connections for {THREADS} threads and a pool of 3"
    );
}

#[test]
fn no_idle_connections_means_a_new_connection_per_call() {
    let mock = MockServer::start();
    let tap = Tap::new(&mock.url());
    let spotify = client(&tap, Spotify::builder().max_idle_connections(0));
    const CALLS: usize = 20;
    for _ in 0..CALLS {
        spotify.album(HYBRID_THEORY).send().unwrap();
    }
    assert_eq!(mock.request_count(), 1 + CALLS);
    // The token request's connection and one per call: none reused.
    assert_eq!(tap.connections(), 1 + CALLS);
}

#[test]
fn the_default_pool_reuses_one_connection_for_sequential_calls() {
    let mock = MockServer::start();
    let tap = Tap::new(&mock.url());
    let spotify = client(&tap, Spotify::builder());
    for _ in 0..20 {
        spotify.album(HYBRID_THEORY).send().unwrap();
    }
    assert_eq!(mock.request_count(), 21);
    assert_eq!(tap.connections(), 1, "the token's connection is reused");
}
