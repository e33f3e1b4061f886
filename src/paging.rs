//! Pages of results and the iterators that follow them.

use crate::client::Spotify;
use crate::error::{Error, Result};
use crate::request::{Operation, Request};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};

/// One page of an offset-paged list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>", serialize = "T: Serialize"))]
pub struct Page<T> {
    /// The API link to this page.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub href: String,
    /// The items (`null` entries are skipped).
    #[serde(default = "Vec::new", deserialize_with = "skip_nulls")]
    pub items: Vec<T>,
    /// The page size asked for.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub limit: u32,
    /// The next page, if any.
    #[serde(default)]
    pub next: Option<String>,
    /// Index of the first item.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub offset: u32,
    /// The previous page, if any.
    #[serde(default)]
    pub previous: Option<String>,
    /// How many items there are in all.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub total: u32,
}

/// One page of a cursor-paged list (followed artists, recently played).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>", serialize = "T: Serialize"))]
pub struct CursorPage<T> {
    /// The API link to this page.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub href: String,
    /// The items (`null` entries are skipped).
    #[serde(default = "Vec::new", deserialize_with = "skip_nulls")]
    pub items: Vec<T>,
    /// The page size asked for.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub limit: u32,
    /// The next page, if any.
    #[serde(default)]
    pub next: Option<String>,
    /// Where this page starts and ends.
    #[serde(default)]
    pub cursors: Option<Cursors>,
    /// How many items there are in all, when Spotify says.
    #[serde(default)]
    pub total: Option<u32>,
}

/// The cursors of a [`CursorPage`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Cursors {
    /// The cursor to pass as `after` for the next page.
    #[serde(default)]
    pub after: Option<String>,
    /// The cursor to pass as `before` for the previous page.
    #[serde(default)]
    pub before: Option<String>,
}

fn skip_nulls<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> std::result::Result<Vec<T>, D::Error> {
    let items: Option<Vec<Option<T>>> = Deserialize::deserialize(d)?;
    Ok(items.unwrap_or_default().into_iter().flatten().collect())
}

/// Something with items and a link to the next page.
pub trait Paged: DeserializeOwned {
    /// The item type.
    type Item;
    /// The next page's URL.
    fn next_url(&self) -> Option<&str>;
    /// The items.
    fn into_items(self) -> Vec<Self::Item>;
}

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

/// Lazily fetches one page after another, following `next`.
///
/// Yields `Result`s; after the first error it ends. It refuses a `next`
/// link outside the client's API base and stops if `next` repeats.
#[must_use = "iterators are lazy"]
pub struct Pages<'a, P> {
    client: &'a Spotify,
    first: Option<Box<dyn FnOnce() -> Result<P> + 'a>>,
    next: Option<String>,
    seen: Vec<String>,
    fetch: fn(&Spotify, &str) -> Result<P>,
    done: bool,
}

impl<'a, P: Paged> Pages<'a, P> {
    pub(crate) fn new(
        client: &'a Spotify,
        first: Box<dyn FnOnce() -> Result<P> + 'a>,
        fetch: fn(&Spotify, &str) -> Result<P>,
    ) -> Self {
        Pages {
            client,
            first: Some(first),
            next: None,
            seen: Vec::new(),
            fetch,
            done: false,
        }
    }

    /// Continues from a page already in hand (its items are not repeated).
    pub(crate) fn after(
        client: &'a Spotify,
        next: Option<String>,
        fetch: fn(&Spotify, &str) -> Result<P>,
    ) -> Self {
        Pages {
            client,
            first: None,
            done: next.is_none(),
            next,
            seen: Vec::new(),
            fetch,
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
        let result = if let Some(first) = self.first.take() {
            first()
        } else {
            let url = self.next.take()?;
            if let Err(e) = self.client.check_next_url(&url) {
                self.done = true;
                return Some(Err(e));
            }
            if self.seen.contains(&url) {
                self.done = true;
                return None;
            }
            self.seen.push(url.clone());
            (self.fetch)(self.client, &url)
        };
        match result {
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

fn fetch_raw<O>(client: &Spotify, url: &str) -> Result<O::Output>
where
    O: Operation,
{
    let raw = client.get_url::<O::Raw>(url, O::ENDPOINT)?;
    Ok(O::output(raw))
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
        Pages::new(client, Box::new(move || self.send()), fetch_raw::<O>)
    }

    /// All items of all pages, fetched lazily.
    pub fn items(self) -> Items<'a, O::Output> {
        self.pages().items()
    }
}

impl Spotify {
    /// Every item of a list that arrived embedded in another object (an
    /// album's first page of tracks), fetching the remaining pages.
    ///
    /// ```no_run
    /// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
    /// let album = spotify.album("3RBULTZJ97bvVzZLpxcB0j").send()?;
    /// let tracks = spotify.all_items(&album.tracks)?;
    /// assert_eq!(tracks.len() as u32, album.tracks.total);
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn all_items<T>(&self, page: &Page<T>) -> Result<Vec<T>>
    where
        T: DeserializeOwned + Clone,
    {
        let mut all = page.items.clone();
        let pages: Pages<'_, Page<T>> = Pages::after(self, page.next.clone(), |c, url| {
            c.get_url::<Page<T>>(url, &NEXT_PAGE)
        });
        for p in pages {
            all.extend(p?.items);
        }
        Ok(all)
    }
}

static NEXT_PAGE: crate::request::Endpoint = crate::request::Endpoint {
    operation_id: "next-page",
    method: crate::http::Method::Get,
    path: "(next page)",
    query: &[],
    body: &[],
    scopes: &[],
    deprecated: None,
    returns: "Page<T>",
};

/// Used by paging: the error for a `next` link outside the API base.
pub(crate) fn foreign_next(url: &str, base: &str) -> Error {
    Error::InvalidInput {
        param: "next",
        message: format!("refusing to follow a next link outside {base}: {url:?}"),
    }
}
