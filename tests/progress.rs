//! `Items::progress` and `Items::size_hint` through whole walks on the
//! mock: with a total, continued from a page in hand, without a total, and
//! ended by an error. At every step the size hint brackets what the rest of
//! the walk really yields.

use spotify_blocking::mock::{Fault, LONG_ALBUM, MockServer};
use spotify_blocking::scope::Scope;

/// One step of a walk: the size hint and progress before it.
type Step = ((usize, Option<usize>), (usize, Option<usize>));

/// Walks `items` to the end, noting the size hint and progress before
/// each item (and after the last), running `on_item(n)` after item `n`
/// (1-based). Gives the steps and how many items were errors. (A macro:
/// the `Items` type parameter's trait is sealed and not nameable.)
macro_rules! walk {
    ($items:expr, $on_item:expr) => {{
        let mut items = $items;
        let on_item = $on_item;
        let mut steps: Vec<Step> = vec![(items.size_hint(), items.progress())];
        let mut errors = 0;
        while let Some(item) = items.next() {
            errors += usize::from(item.is_err());
            on_item(steps.len());
            steps.push((items.size_hint(), items.progress()));
            assert!(steps.len() < 1000, "a bounded walk");
        }
        assert_eq!(items.size_hint(), (0, Some(0)), "after the end");
        (steps, errors)
    }};
}

/// Before step `i` there were `steps.len() - 1 - i` items still to come.
fn assert_hints_hold(steps: &[Step]) {
    let yielded = steps.len() - 1;
    for (i, ((lower, upper), _)) in steps.iter().enumerate() {
        let left = yielded - i;
        assert!(*lower <= left, "step {i}: lower {lower} > {left} left");
        if let Some(upper) = upper {
            assert!(left <= *upper, "step {i}: upper {upper} < {left} left");
        }
    }
}

#[test]
fn a_walk_with_a_total_reports_done_of_total() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let (steps, errors) = walk!(spotify.album_tracks(LONG_ALBUM).limit(50).items(), |_| {});
    assert_eq!((steps.len() - 1, errors), (120, 0));
    assert_hints_hold(&steps);
    // Nothing known before the first page.
    assert_eq!(steps[0], ((0, None), (0, None)));
    // After the first item: 49 in hand, at most 119 more and an error.
    assert_eq!(steps[1], ((49, Some(120)), (1, Some(120))));
    // At the end of page 1 and the start of page 2.
    assert_eq!(steps[50], ((0, Some(71)), (50, Some(120))));
    assert_eq!(steps[51], ((49, Some(70)), (51, Some(120))));
    // The last page in hand: exact.
    assert_eq!(steps[101], ((19, Some(19)), (101, Some(120))));
    assert_eq!(steps[120], ((0, Some(0)), (120, Some(120))));
    for (i, (_, progress)) in steps.iter().enumerate().skip(1) {
        assert_eq!(*progress, (i, Some(120)), "step {i}");
    }
}

#[test]
fn all_items_counts_the_page_in_hand() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let album = spotify.album(LONG_ALBUM).send().unwrap();
    let in_hand = album.tracks.items.len();
    assert_eq!(in_hand, 50);
    let (steps, errors) = walk!(spotify.all_items(album.tracks), |_| {});
    assert_eq!((steps.len() - 1, errors), (120, 0));
    assert_hints_hold(&steps);
    assert_eq!(steps[0], ((50, Some(121)), (0, Some(120))));
    assert_eq!(steps[120], ((0, Some(0)), (120, Some(120))));
}

#[test]
fn a_walk_without_a_total_knows_only_the_page_in_hand() {
    let mock = MockServer::start();
    let spotify = mock.user_client(Scope::UserReadRecentlyPlayed);
    let first = spotify.playback_recently_played().limit(2).send().unwrap();
    assert_eq!(first.total, None);
    assert!(first.next.is_some(), "the mock has more than a page");
    let (steps, errors) = walk!(spotify.playback_recently_played().limit(2).items(), |_| {});
    assert_eq!(errors, 0);
    assert!(steps.len() > 3, "{steps:?}");
    assert_hints_hold(&steps);
    // Before the last page: items in hand, no upper bound, no total.
    assert_eq!(steps[1], ((1, None), (1, None)));
    let last = steps.len() - 1;
    assert_eq!(steps[last], ((0, Some(0)), (last, None)));
}

#[test]
fn an_error_ending_the_walk_stays_within_the_hint() {
    let mock = MockServer::start();
    let spotify = mock.client();
    let path = format!("/v1/albums/{LONG_ALBUM}/tracks");
    let items = spotify.album_tracks(LONG_ALBUM).limit(50).items();
    // Page 2 fails (a 400 is not retried): 50 items, then the error.
    let (steps, errors) = walk!(items, |n: usize| {
        if n == 1 {
            mock.fault_on(&path, Fault::Status(400));
        }
    });
    assert_eq!((steps.len() - 1, errors), (51, 1));
    assert_hints_hold(&steps);
    // Before the failing fetch: nothing in hand, up to 70 items and an error.
    assert_eq!(steps[50], ((0, Some(71)), (50, Some(120))));
    assert_eq!(steps[51], ((0, Some(0)), (50, Some(120))));
}
