//! Audiobooks: one, several, their chapters.

use crate::client::Spotify;
use crate::endpoints::chunked::Chunked;
use crate::id::{IdKind, parse_id, parse_ids};
use crate::model::{FullAudiobook, Page, SimpleChapter, raw};
use crate::request::{Operation, Request, operations};

operations! {
    /// `GET /audiobooks/{id}`: [`Spotify::audiobook`].
    GetAudiobook = "get-an-audiobook", Get "/audiobooks/{id}" -> FullAudiobook {
        query: [market],
        scopes: [],
    }

    /// `GET /audiobooks`: [`Spotify::audiobooks`].
    GetAudiobooks = "get-multiple-audiobooks", Get "/audiobooks" -> Vec<Option<FullAudiobook>> [raw::Audiobooks, |r| r.audiobooks] {
        query: [ids, market],
        list: ids in Query max 50,
        scopes: [],
        deprecated: "audiobook",
    }

    /// `GET /audiobooks/{id}/chapters`: [`Spotify::audiobook_chapters`].
    GetAudiobookChapters = "get-audiobook-chapters", Get "/audiobooks/{id}/chapters" -> Page<SimpleChapter> {
        query: [market, limit(1..=50), offset],
        scopes: [],
    }
}

fn for_audiobook<'a, O: Operation>(client: &'a Spotify, id: &str) -> Request<'a, O> {
    match parse_id(id, IdKind::Audiobook) {
        Ok(id) => Request::new(client, &[&id]),
        Err(e) => Request::failed(client, e),
    }
}

impl Spotify {
    /// One audiobook, with its first page of chapters (only in some
    /// markets: US, GB, CA, IE, NZ, AU).
    ///
    /// Returns [`FullAudiobook`](crate::model::FullAudiobook).
    ///
    /// `GET /audiobooks/{id}` · no scope · options: `market`.
    ///
    /// ```no_run
    /// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
    /// let book = spotify.audiobook("7iHfbu1YPACw6oZPAFJtqe").market("US").send()?;
    /// println!("{book}");
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn audiobook(&self, id: &str) -> Request<'_, GetAudiobook> {
        for_audiobook(self, id)
    }

    /// Several audiobooks (at most 50 per call unless the client is
    /// chunked); unknown IDs come back as `None`.
    ///
    /// Returns one `Option<FullAudiobook>` per ID, in the order given: a
    /// [`FullAudiobook`](crate::model::FullAudiobook), or `None` for an ID Spotify does not know.
    ///
    /// `GET /audiobooks` · no scope · options: `market`. Deprecated by
    /// Spotify in February 2026 (403 for development-mode apps).
    #[deprecated(
        note = "Spotify removed GET /audiobooks for development-mode apps; call `audiobook` for each ID"
    )]
    pub fn audiobooks<I, S>(&self, ids: I) -> Chunked<'_, GetAudiobooks>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Chunked::lookup(self, parse_ids(ids, IdKind::Audiobook))
    }

    /// A page of an audiobook's chapters.
    ///
    /// Returns a [`Page`](crate::model::Page) of [`SimpleChapter`](crate::model::SimpleChapter).
    ///
    /// `GET /audiobooks/{id}/chapters` · no scope · options: `market`,
    /// `limit` (1–50), `offset`. Paged: `.pages()` and `.items()`.
    pub fn audiobook_chapters(&self, id: &str) -> Request<'_, GetAudiobookChapters> {
        for_audiobook(self, id)
    }
}
