//! Following `next` links: the lazy [`Pages`] and [`Items`] iterators, and
//! the one place a `next` or `previous` link is checked before it is sent.

use crate::client::Spotify;
use crate::error::{Error, Result, Secrets};
use crate::http::{Body, HttpRequest, Method};
use crate::model::{CursorPage, FeaturedPlaylists, Page, SimplePlaylist};
use crate::request::{Operation, Request, sealed::Sealed};
use serde::de::DeserializeOwned;

/// Something with items and a link to the next page: [`Page`] and
/// [`CursorPage`]. Sealed.
pub trait Paged: Sealed + DeserializeOwned {
    /// The item type.
    type Item;
    /// The next page's URL.
    fn next_url(&self) -> Option<&str>;
    /// The items.
    fn into_items(self) -> Vec<Self::Item>;
    /// How many items this page holds.
    fn item_count(&self) -> usize;
    /// The page size asked for.
    fn limit(&self) -> u32;
    /// How many items the whole list has, when the page says.
    fn total(&self) -> Option<u32>;
}

impl<T> Sealed for Page<T> {}
impl<T> Sealed for CursorPage<T> {}

impl<T: DeserializeOwned> Paged for Page<T> {
    type Item = T;
    fn next_url(&self) -> Option<&str> {
        self.next.as_deref()
    }
    fn into_items(self) -> Vec<T> {
        self.items
    }
    fn item_count(&self) -> usize {
        self.items.len()
    }
    fn limit(&self) -> u32 {
        self.limit
    }
    fn total(&self) -> Option<u32> {
        // An absent total reads as 0: no bound from it.
        (self.total > 0).then_some(self.total)
    }
}

impl<T: DeserializeOwned> Paged for CursorPage<T> {
    type Item = T;
    fn next_url(&self) -> Option<&str> {
        self.next.as_deref()
    }
    fn into_items(self) -> Vec<T> {
        self.items
    }
    fn item_count(&self) -> usize {
        self.items.len()
    }
    fn limit(&self) -> u32 {
        self.limit
    }
    fn total(&self) -> Option<u32> {
        self.total
    }
}

impl Sealed for FeaturedPlaylists {}

/// Featured playlists page through their `playlists`.
impl Paged for FeaturedPlaylists {
    type Item = SimplePlaylist;
    fn next_url(&self) -> Option<&str> {
        self.playlists.next.as_deref()
    }
    fn into_items(self) -> Vec<SimplePlaylist> {
        self.playlists.items
    }
    fn item_count(&self) -> usize {
        self.playlists.items.len()
    }
    fn limit(&self) -> u32 {
        self.playlists.limit
    }
    fn total(&self) -> Option<u32> {
        self.playlists.total()
    }
}

/// How errors name a followed link of an embedded page (no operation).
const LINKED_PAGE: &str = "GET (linked page)";

/// The request for a `next` or `previous` link: refused unless it lies
/// under the client's API base, so a forged link never carries the token
/// elsewhere. Every followed link goes through here.
fn follow(client: &Spotify, url: &str, endpoint: &'static str) -> Result<HttpRequest> {
    let base = client.api_base();
    let under_base =
        url.starts_with(base) && matches!(url.as_bytes().get(base.len()), Some(b'/') | Some(b'?'));
    if !under_base {
        // The link is the server's text, and the server saw the token.
        let token = client.token();
        let mut secrets = Secrets::default();
        secrets.add(token.access_token());
        if let Some(refresh) = token.refresh_token() {
            secrets.add(refresh);
        }
        return Err(Error::InvalidInput {
            param: "next",
            message: format!(
                "refusing to follow a next link outside {base}: it leads to {:?}",
                origin(url)
            ),
        }
        .redact(&secrets));
    }
    Ok(HttpRequest {
        method: Method::Get,
        url: url.to_owned(),
        body: Body::Empty,
        endpoint,
    })
}

/// Where a link leads, for an error: its scheme and host (and port), without
/// a user part, a path or a query, which a server can fill with anything,
/// the token it was sent included, in any encoding. At most 100 bytes.
fn origin(url: &str) -> String {
    let host = crate::encode::host(url);
    let mut shown = match url.split_once("://") {
        Some((scheme, _)) => format!("{scheme}://{host}"),
        None => host.to_owned(),
    };
    if shown.len() > 100 {
        let mut cut = 100;
        while !shown.is_char_boundary(cut) {
            cut -= 1;
        }
        shown.truncate(cut);
    }
    shown
}

/// Notices a `next` link that leads back to a page already fetched, in
/// constant memory (Brent's cycle detection): it keeps one link, and
/// compares each new link with it; the kept link is replaced by the
/// current one after 1, 2, 4, 8, ... links. A loop of `L` links reached
/// after `P` others is noticed by the time `2 * max(P, L) + L` pages have
/// been fetched (the `P + L` pages themselves, and up to twice as many
/// more); a page linking to itself, right away.
#[derive(Debug)]
struct LoopCheck {
    /// The link kept to compare with.
    saved: Option<String>,
    /// Links since `saved` was kept.
    since: usize,
    /// After how many links `saved` is replaced; doubles each time.
    power: usize,
}

impl LoopCheck {
    /// Starts with the URL of the first page, when known.
    fn new(first: Option<&str>) -> Self {
        LoopCheck {
            saved: first.map(str::to_owned),
            since: 0,
            power: 1,
        }
    }

    /// Whether `url`, the next link, closes a loop; otherwise it is noted.
    fn repeats(&mut self, url: &str) -> bool {
        if self.saved.as_deref() == Some(url) {
            return true;
        }
        self.since += 1;
        if self.since == self.power {
            self.saved = Some(url.to_owned());
            self.power = self.power.saturating_mul(2);
            self.since = 0;
        }
        false
    }
}

/// How many pages one iteration fetches unless told otherwise.
const DEFAULT_MAX_PAGES: usize = 10_000;

/// Lazily fetches one page after another, following `next`.
///
/// Yields `Result`s; after the first error it ends. It stops when the
/// `next` links go round in a loop, leading back to a page already
/// fetched. The check holds one link, not every link seen, so a loop is
/// noticed a little late: a loop of `L` pages reached after `P` others
/// ends the iteration within `2 * max(P, L) + L` pages (a page linking to
/// itself, at once). It ends with an [`Error::InvalidInput`] for `next`
/// (the link is not followed) when
/// - the link lies outside the client's API base;
/// - the pages so far hold more items than the list's `total` plus one
///   more page (a server that keeps sending `next` links past the end);
/// - the iteration has fetched [`max_pages`](Self::max_pages) pages
///   (defaults to 10 000).
///
/// ```no_run
/// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
/// // At most 40 requests of 50 tracks each.
/// for page in spotify.saved_tracks().limit(50).pages().max_pages(40) {
///     println!("{} tracks", page?.items.len());
/// }
/// # Ok::<(), spotify_blocking::Error>(())
/// ```
#[must_use = "iterators are lazy"]
pub struct Pages<'a, P> {
    client: &'a Spotify,
    first: Option<Result<HttpRequest>>,
    next: Option<String>,
    /// Notices `next` links that loop.
    loops: LoopCheck,
    endpoint: &'static str,
    fetch: fn(&Spotify, &HttpRequest) -> Result<P>,
    done: bool,
    /// Pages fetched so far.
    fetched: usize,
    /// Pages in hand before the first fetch (1 for `all_items`), for logs.
    in_hand: usize,
    max_pages: usize,
    /// Items on the pages so far, including a page in hand.
    passed: u64,
    /// The last page's `total` and page size, when it gave a total.
    bound: Option<(u64, u64)>,
}

impl<P> std::fmt::Debug for Pages<'_, P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages")
            .field("endpoint", &self.endpoint)
            .field("next", &self.next)
            .field("done", &self.done)
            .field("fetched", &self.fetched)
            .field("max_pages", &self.max_pages)
            .finish_non_exhaustive()
    }
}

/// Sends a page request of operation `O`.
fn fetch_op<O: Operation>(client: &Spotify, req: &HttpRequest) -> Result<O::Output> {
    client.send_http::<O::Raw>(req).map(O::output)
}

/// Sends a page request that decodes as the page itself.
fn fetch_page<P: DeserializeOwned>(client: &Spotify, req: &HttpRequest) -> Result<P> {
    client.send_http::<P>(req)
}

impl<'a, P: Paged> Pages<'a, P> {
    /// Starts with `first` (a request of `endpoint`) or, without one,
    /// continues after `in_hand` (whose items are not repeated).
    fn new(
        client: &'a Spotify,
        first: Option<Result<HttpRequest>>,
        in_hand: Option<&P>,
        endpoint: &'static str,
        fetch: fn(&Spotify, &HttpRequest) -> Result<P>,
    ) -> Self {
        let first_url = match &first {
            Some(Ok(request)) => Some(request.url.as_str()),
            _ => None,
        };
        let loops = LoopCheck::new(first_url);
        let mut pages = Pages {
            client,
            done: first.is_none(),
            first,
            next: None,
            loops,
            endpoint,
            fetch,
            fetched: 0,
            in_hand: usize::from(in_hand.is_some()),
            max_pages: DEFAULT_MAX_PAGES,
            passed: 0,
            bound: None,
        };
        if let Some(page) = in_hand {
            pages.take_in(page);
            pages.done = pages.next.is_none();
        }
        pages
    }

    /// Continues after a page already in hand (its items are not repeated).
    fn after(client: &'a Spotify, page: &P) -> Self {
        Pages::new(client, None, Some(page), LINKED_PAGE, fetch_page::<P>)
    }

    /// The most pages this iteration fetches, counting the first (defaults
    /// to 10 000; 0 is taken as 1). A `next` link after that many pages
    /// is not followed: the iteration ends with an
    /// [`Error::InvalidInput`] for `next`.
    pub fn max_pages(mut self, pages: usize) -> Self {
        self.max_pages = pages.max(1);
        self
    }

    /// Notes a page's items, total and `next` link.
    fn take_in(&mut self, page: &P) {
        let count = page.item_count() as u64;
        self.passed = self.passed.saturating_add(count);
        self.bound = page
            .total()
            .map(|total| (u64::from(total), count.max(u64::from(page.limit()))));
        self.next = page.next_url().map(str::to_owned);
    }

    /// The debug line of a page just fetched: which page of how many.
    fn log_page(&self) {
        let of = match self.bound {
            Some((total, page)) if page > 0 => {
                format!(" of {}, {total} items in all", total.div_ceil(page).max(1))
            }
            _ => String::new(),
        };
        log::debug!(
            "{}: page {}{of}, {} items so far{}",
            self.endpoint,
            self.in_hand + self.fetched,
            self.passed,
            if self.next.is_some() {
                ""
            } else {
                ", the last"
            }
        );
    }

    /// Why the next link must not be followed, if it must not.
    fn refusal(&self) -> Option<Error> {
        let message = if self.fetched >= self.max_pages {
            format!(
                "stopped after {} pages, the most one iteration fetches; \
                 raise the bound with `max_pages`",
                self.fetched
            )
        } else {
            match self.bound {
                Some((total, page)) if self.passed > total.saturating_add(page) => format!(
                    "the pages so far hold {} items, more than the list's total of {total} \
                     and a page more; the server's next link was not followed",
                    self.passed
                ),
                _ => return None,
            }
        };
        Some(Error::InvalidInput {
            param: "next",
            message,
        })
    }

    /// Flattens the pages into items.
    pub fn items(self) -> Items<'a, P> {
        Items {
            pages: self,
            current: Vec::new().into_iter(),
        }
    }
}

impl<P: Paged> Iterator for Pages<'_, P> {
    type Item = Result<P>;

    fn next(&mut self) -> Option<Result<P>> {
        if self.done {
            return None;
        }
        let request = match self.first.take() {
            Some(first) => first,
            None => {
                let url = self.next.take()?;
                if self.loops.repeats(&url) {
                    log::debug!(
                        "{}: the next link repeats; the iteration ends",
                        self.endpoint
                    );
                    self.done = true;
                    return None;
                }
                if let Some(refused) = self.refusal() {
                    self.done = true;
                    return Some(Err(refused));
                }
                follow(self.client, &url, self.endpoint)
            }
        };
        self.fetched += 1;
        match request.and_then(|r| (self.fetch)(self.client, &r)) {
            Ok(page) => {
                self.take_in(&page);
                self.log_page();
                self.done = self.next.is_none();
                Some(Ok(page))
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// The items of [`Pages`], one at a time.
#[must_use = "iterators are lazy"]
pub struct Items<'a, P: Paged> {
    pages: Pages<'a, P>,
    current: std::vec::IntoIter<P::Item>,
}

impl<P: Paged> std::fmt::Debug for Items<'_, P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items")
            .field("pages", &self.pages)
            .field("buffered", &self.current.len())
            .finish()
    }
}

impl<P: Paged> Items<'_, P> {
    /// The most pages this iteration fetches, counting the first (defaults
    /// to 10 000); see [`Pages::max_pages`].
    pub fn max_pages(mut self, pages: usize) -> Self {
        self.pages = self.pages.max_pages(pages);
        self
    }

    /// How far the walk has come, for a progress bar: the items handed out
    /// so far, and how many the list holds when Spotify's pages say
    /// (their `total`, from the latest page fetched; never less than the
    /// items fetched so far). The total is `None` before the first page
    /// arrives and for lists whose pages give none (recently played
    /// tracks), or give 0.
    ///
    /// ```
    /// # #[cfg(feature = "mock")] {
    /// use spotify_blocking::mock::{MockServer, LONG_ALBUM};
    ///
    /// let mock = MockServer::start();
    /// let spotify = mock.client();
    /// let mut tracks = spotify.album_tracks(LONG_ALBUM).limit(50).items();
    /// assert_eq!(tracks.progress(), (0, None)); // nothing fetched yet
    /// tracks.next().unwrap()?;
    /// assert_eq!(tracks.progress(), (1, Some(120)));
    /// while let Some(track) = tracks.next() {
    ///     track?;
    ///     let (done, total) = tracks.progress();
    ///     eprint!("\r{done}/{}", total.unwrap_or(done));
    /// }
    /// assert_eq!(tracks.progress(), (120, Some(120)));
    /// # }
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn progress(&self) -> (usize, Option<usize>) {
        let passed = self.pages.passed;
        let done = passed.saturating_sub(self.current.len() as u64);
        let total = self.pages.bound.map(|(total, _)| total.max(passed));
        (saturating_usize(done), total.map(saturating_usize))
    }
}

fn saturating_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

impl<P: Paged> Iterator for Items<'_, P> {
    type Item = Result<P::Item>;

    fn next(&mut self) -> Option<Result<P::Item>> {
        loop {
            if let Some(item) = self.current.next() {
                return Some(Ok(item));
            }
            match self.pages.next()? {
                Ok(page) => self.current = page.into_items().into_iter(),
                Err(e) => return Some(Err(e)),
            }
        }
    }

    /// At least the items of the page in hand; once the last page is in
    /// hand, exactly those. Until then the upper bound comes from the
    /// list's `total`: the items not yet handed out, and one more for the
    /// error that may end the walk (`None` without a total). Spotify counts
    /// the list when it sends each page, so a list that grows during the
    /// walk (tracks added to a playlist meanwhile) can bring more items
    /// than a bound given before it grew; the lower bound always holds.
    fn size_hint(&self) -> (usize, Option<usize>) {
        let in_hand = self.current.len();
        if self.pages.done {
            return (in_hand, Some(in_hand));
        }
        let (done, _) = self.progress();
        let upper = self.pages.bound.map(|(total, _)| {
            saturating_usize(total)
                .saturating_sub(done)
                .max(in_hand)
                .saturating_add(1)
        });
        (in_hand, upper)
    }
}

impl<'a, O> Request<'a, O>
where
    O: Operation + 'a,
    O::Output: Paged,
{
    /// All pages, fetched lazily, starting with this request.
    ///
    /// ```no_run
    /// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
    /// for page in spotify.album_tracks("3RBULTZJ97bvVzZLpxcB0j").limit(50).pages() {
    ///     let page = page?;
    ///     println!("{} of {}", page.items.len(), page.total);
    /// }
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn pages(self) -> Pages<'a, O::Output> {
        let client = self.client;
        Pages::new(
            client,
            Some(self.into_http()),
            None,
            O::ENDPOINT.label,
            fetch_op::<O>,
        )
    }

    /// All items of all pages, fetched lazily.
    pub fn items(self) -> Items<'a, O::Output> {
        self.pages().items()
    }
}

impl Spotify {
    /// Every item of a page that arrived embedded in another object (an
    /// album's first page of tracks): its own items, then those of the
    /// pages after it, fetched lazily.
    ///
    /// ```no_run
    /// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
    /// let album = spotify.album("3RBULTZJ97bvVzZLpxcB0j").send()?;
    /// let total = album.tracks.total;
    /// let tracks = spotify.all_items(album.tracks).collect::<Result<Vec<_>, _>>()?;
    /// assert_eq!(tracks.len() as u32, total);
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn all_items<P: Paged>(&self, page: P) -> Items<'_, P> {
        Items {
            pages: Pages::after(self, &page),
            current: page.into_items().into_iter(),
        }
    }

    /// The pages after one already in hand, fetched lazily.
    pub fn all_pages<P: Paged>(&self, page: &P) -> Pages<'_, P> {
        Pages::after(self, page)
    }
}

impl<T: DeserializeOwned> Page<T> {
    /// The page after this one, or `None` on the last page.
    ///
    /// ```no_run
    /// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
    /// let first = spotify.album_tracks("3RBULTZJ97bvVzZLpxcB0j").limit(10).send()?;
    /// if let Some(second) = first.next_page(&spotify)? {
    ///     assert_eq!(second.previous_page(&spotify)?.map(|p| p.offset), Some(0));
    /// }
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn next_page(&self, spotify: &Spotify) -> Result<Option<Page<T>>> {
        linked(spotify, self.next.as_deref())
    }

    /// The page before this one, or `None` on the first page.
    pub fn previous_page(&self, spotify: &Spotify) -> Result<Option<Page<T>>> {
        linked(spotify, self.previous.as_deref())
    }
}

impl<T: DeserializeOwned> CursorPage<T> {
    /// The page after this one, or `None` on the last page.
    pub fn next_page(&self, spotify: &Spotify) -> Result<Option<CursorPage<T>>> {
        linked(spotify, self.next.as_deref())
    }
}

fn linked<P: DeserializeOwned>(spotify: &Spotify, url: Option<&str>) -> Result<Option<P>> {
    match url {
        None => Ok(None),
        Some(url) => spotify
            .send_http(&follow(spotify, url, LINKED_PAGE)?)
            .map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Token;

    #[test]
    fn a_refused_link_is_shown_by_its_scheme_and_host_only() {
        assert_eq!(
            origin("https://evil.example/v1/x?t=1"),
            "https://evil.example"
        );
        assert_eq!(origin("http://user:pw@h:8080?q#f"), "http://h:8080");
        assert_eq!(origin("h@ost/path"), "ost");
        assert_eq!(origin(""), "");
        let long = format!("http://{}", "é".repeat(80));
        let shown = origin(&long);
        assert!(shown.len() <= 100 && long.starts_with(&shown), "{shown}");
    }

    #[test]
    fn next_links_must_stay_under_the_api_base() {
        let s = Spotify::builder()
            .api_base("http://127.0.0.1:9/v1")
            .build(Token::from_access_token("t"));
        let ok = follow(&s, "http://127.0.0.1:9/v1/albums?offset=2", LINKED_PAGE).unwrap();
        assert_eq!(ok.url, "http://127.0.0.1:9/v1/albums?offset=2");
        assert!(follow(&s, "http://127.0.0.1:9/v1x/albums", LINKED_PAGE).is_err());
        assert!(follow(&s, "http://evil.example/v1/albums", LINKED_PAGE).is_err());
        assert!(!format!("{s:?}").contains("\"t\""));
    }

    const BASE: &str = "http://127.0.0.1:9/v1";

    /// The link to page `i` of a list whose pages after the first `tail`
    /// go round a loop of `cycle`: `.../chain?tail=T&cycle=C&i=I`.
    fn chain_url(tail: usize, cycle: usize, i: usize) -> String {
        format!("{BASE}/chain?tail={tail}&cycle={cycle}&i={i}")
    }

    /// A fake fetch: page `i` holds the item `i` and links to page `i + 1`,
    /// or back to page `tail` after the last page of the loop (`cycle` 0:
    /// no loop, the page after the tail is the last).
    fn fetch_chain(_: &Spotify, req: &HttpRequest) -> Result<Page<usize>> {
        let query = req.url.split_once('?').unwrap().1;
        let value = |name: &str| -> usize {
            query
                .split('&')
                .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
                .unwrap()
                .parse()
                .unwrap()
        };
        let (tail, cycle, i) = (value("tail"), value("cycle"), value("i"));
        let next = if cycle == 0 {
            (i < tail).then(|| chain_url(tail, cycle, i + 1))
        } else if i + 1 < tail + cycle {
            Some(chain_url(tail, cycle, i + 1))
        } else {
            Some(chain_url(tail, cycle, tail))
        };
        Ok(Page {
            href: req.url.clone(),
            items: vec![i],
            limit: 1,
            next,
            offset: 0,
            previous: None,
            total: 0,
        })
    }

    /// The items of every page the iteration fetched, in order, starting at
    /// the first page's request or, with `in_hand`, after the first page in
    /// hand (as `all_pages` starts).
    fn walk(tail: usize, cycle: usize, in_hand: bool) -> Vec<usize> {
        let s = Spotify::builder()
            .api_base(BASE)
            .build(Token::from_access_token("t"));
        let first = HttpRequest {
            method: Method::Get,
            url: chain_url(tail, cycle, 0),
            body: Body::Empty,
            endpoint: LINKED_PAGE,
        };
        let pages: Vec<_> = if in_hand {
            let page = fetch_chain(&s, &first).unwrap();
            Pages::new(&s, None, Some(&page), LINKED_PAGE, fetch_chain).collect()
        } else {
            Pages::new(&s, Some(Ok(first)), None, LINKED_PAGE, fetch_chain).collect()
        };
        pages.into_iter().map(|p| p.unwrap().items[0]).collect()
    }

    #[test]
    fn a_list_without_a_loop_is_walked_to_its_end() {
        assert_eq!(walk(4, 0, false), [0, 1, 2, 3, 4]);
        assert_eq!(walk(4, 0, true), [1, 2, 3, 4]);
        assert_eq!(walk(0, 0, false), [0]);
    }

    #[test]
    fn a_page_linking_to_itself_is_fetched_once() {
        // A -> A: the first page's link is its own URL.
        assert_eq!(walk(0, 1, false), [0]);
        // A -> B -> B: B is fetched twice at most.
        assert_eq!(walk(1, 1, false), [0, 1]);
        // After a page in hand that links to itself: fetched once more.
        assert_eq!(walk(0, 1, true), [0]);
    }

    #[test]
    fn a_loop_of_three_pages_ends_after_six_fetches() {
        // A -> B -> C -> A -> ...: each page once, then once more before the
        // kept link (A, kept after the third link) comes round.
        assert_eq!(walk(0, 3, false), [0, 1, 2, 0, 1, 2]);
        // The same loop after a page in hand (A), whose URL is not known:
        // B is kept first, then A (the third link), which the sixth repeats.
        assert_eq!(walk(0, 3, true), [1, 2, 0, 1, 2]);
    }

    #[test]
    fn every_loop_ends_within_twice_its_reach() {
        for tail in 0..12 {
            for cycle in 1..12 {
                let fetched = walk(tail, cycle, false);
                // Every page of the list, in order, before anything repeats.
                let distinct: Vec<usize> = (0..tail + cycle).collect();
                assert_eq!(fetched[..tail + cycle], distinct[..], "{tail} {cycle}");
                let bound = 2 * tail.max(cycle) + cycle;
                assert!(
                    fetched.len() <= bound,
                    "tail {tail}, loop {cycle}: {} pages, over {bound}",
                    fetched.len()
                );
            }
        }
    }

    #[test]
    fn the_loop_check_keeps_one_link() {
        let mut check = LoopCheck::new(None);
        // Links 1, 2, 3, ...: none repeats, and one link is kept at a time,
        // replaced after 1, 2, 4, 8 links.
        for i in 1..=20 {
            assert!(!check.repeats(&i.to_string()));
        }
        assert_eq!(check.saved.as_deref(), Some("15"));
        assert_eq!(check.power, 16);
        assert!(check.repeats("15"));
    }
}
