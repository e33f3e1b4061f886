//! Audiobook chapters: one or several.

use crate::client::Spotify;
use crate::endpoints::chunked::Chunked;
use crate::id::{IdKind, parse_id, parse_ids};
use crate::model::{FullChapter, raw};
use crate::request::{Request, operations};

operations! {
    /// `GET /chapters/{id}`: [`Spotify::chapter`].
    GetChapter = "get-a-chapter", Get "/chapters/{id}" -> FullChapter {
        query: [market],
        scopes: [],
    }

    /// `GET /chapters`: [`Spotify::chapters`].
    GetChapters = "get-several-chapters", Get "/chapters" -> Vec<Option<FullChapter>> [raw::Chapters, |r| r.chapters] {
        query: [ids, market],
        list: ids in Query max 50,
        scopes: [],
        deprecated: "chapter",
    }
}

impl Spotify {
    /// One audiobook chapter, with its audiobook.
    ///
    /// Returns [`FullChapter`](crate::model::FullChapter).
    ///
    /// `GET /chapters/{id}` · no scope · options: `market`.
    pub fn chapter(&self, id: &str) -> Request<'_, GetChapter> {
        match parse_id(id, IdKind::Chapter) {
            Ok(id) => Request::new(self, &[&id]),
            Err(e) => Request::failed(self, e),
        }
    }

    /// Several chapters (at most 50 per call unless the client is chunked);
    /// unknown IDs come back as `None`.
    ///
    /// Returns one `Option<FullChapter>` per ID, in the order given: a
    /// [`FullChapter`](crate::model::FullChapter), or `None` for an ID Spotify does not know.
    ///
    /// `GET /chapters` · no scope · options: `market`. Deprecated by Spotify
    /// in February 2026 (403 for development-mode apps).
    #[deprecated(
        note = "Spotify removed GET /chapters for development-mode apps; call `chapter` for each ID"
    )]
    pub fn chapters<I, S>(&self, ids: I) -> Chunked<'_, GetChapters>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Chunked::lookup(self, parse_ids(ids, IdKind::Chapter))
    }
}
