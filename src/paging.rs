//! Following `next` links: the lazy [`Pages`] and [`Items`] iterators, and
//! the one place a `next` or `previous` link is checked before it is sent.

use crate::client::Spotify;
use crate::error::{Error, Result};
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
}

impl<T: DeserializeOwned> Paged for CursorPage<T> {
    type Item = T;
    fn next_url(&self) -> Option<&str> {
        self.next.as_deref()
    }
    fn into_items(self) -> Vec<T> {
        self.items
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
        return Err(Error::InvalidInput {
            param: "next",
            message: format!("refusing to follow a next link outside {base}: {url:?}"),
        });
    }
    Ok(HttpRequest {
        method: Method::Get,
        url: url.to_owned(),
        body: Body::Empty,
        endpoint,
    })
}

/// Lazily fetches one page after another, following `next`.
///
/// Yields `Result`s; after the first error it ends. It refuses a `next`
/// link outside the client's API base and stops if `next` repeats.
#[must_use = "iterators are lazy"]
pub struct Pages<'a, P> {
    client: &'a Spotify,
    first: Option<Result<HttpRequest>>,
    next: Option<String>,
    seen: Vec<String>,
    endpoint: &'static str,
    fetch: fn(&Spotify, &HttpRequest) -> Result<P>,
    done: bool,
}

impl<P> std::fmt::Debug for Pages<'_, P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages")
            .field("endpoint", &self.endpoint)
            .field("next", &self.next)
            .field("done", &self.done)
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
    /// Continues after a page already in hand (its items are not repeated).
    fn after(client: &'a Spotify, next: Option<String>) -> Self {
        Pages {
            client,
            first: None,
            done: next.is_none(),
            next,
            seen: Vec::new(),
            endpoint: LINKED_PAGE,
            fetch: fetch_page::<P>,
        }
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
                if self.seen.contains(&url) {
                    self.done = true;
                    return None;
                }
                let request = follow(self.client, &url, self.endpoint);
                self.seen.push(url);
                request
            }
        };
        match request.and_then(|r| (self.fetch)(self.client, &r)) {
            Ok(page) => {
                self.next = page.next_url().map(str::to_owned);
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
        Pages {
            client: self.client,
            first: Some(self.into_http()),
            next: None,
            seen: Vec::new(),
            endpoint: O::ENDPOINT.label,
            fetch: fetch_op::<O>,
            done: false,
        }
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
        let next = page.next_url().map(str::to_owned);
        Items {
            pages: Pages::after(self, next),
            current: page.into_items().into_iter(),
        }
    }

    /// The pages after one already in hand, fetched lazily.
    pub fn all_pages<P: Paged>(&self, page: &P) -> Pages<'_, P> {
        Pages::after(self, page.next_url().map(str::to_owned))
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
}
