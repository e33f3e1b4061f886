//! Podcast shows: one, several, their episodes.

use crate::client::Spotify;
use crate::endpoints::chunked::Chunked;
use crate::id::{IdKind, parse_id, parse_ids};
use crate::model::{FullShow, Page, SimpleEpisode, SimpleShow, raw};
use crate::request::{Operation, Request, operations};

operations! {
    /// `GET /shows/{id}`: [`Spotify::show`].
    GetShow = "get-a-show", Get "/shows/{id}" -> FullShow {
        query: [market],
        scopes: ["user-read-playback-position"],
    }

    /// `GET /shows`: [`Spotify::shows`].
    GetShows = "get-multiple-shows", Get "/shows" -> Vec<Option<SimpleShow>> [raw::Shows, |r| r.shows] {
        query: [market, ids],
        list: ids in Query max 50,
        scopes: [],
        deprecated: "show",
    }

    /// `GET /shows/{id}/episodes`: [`Spotify::show_episodes`].
    GetShowEpisodes = "get-a-shows-episodes", Get "/shows/{id}/episodes" -> Page<SimpleEpisode> {
        query: [market, limit(1..=50), offset],
        scopes: ["user-read-playback-position"],
    }
}

fn for_show<'a, O: Operation>(client: &'a Spotify, id: &str) -> Request<'a, O> {
    match parse_id(id, IdKind::Show) {
        Ok(id) => Request::new(client, &[&id]),
        Err(e) => Request::failed(client, e),
    }
}

impl Spotify {
    /// One show, with its first page of episodes.
    ///
    /// Returns [`FullShow`](crate::model::FullShow).
    ///
    /// `GET /shows/{id}` · scope `user-read-playback-position` (for resume
    /// points; app tokens work too) · options: `market`.
    ///
    /// ```no_run
    /// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
    /// let show = spotify.show("38bS44xjbVVZ3No3ByF1dJ").market("SE").send()?;
    /// for episode in spotify.all_items(show.episodes) {
    ///     println!("{}", episode?);
    /// }
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn show(&self, id: &str) -> Request<'_, GetShow> {
        for_show(self, id)
    }

    /// Several shows (at most 50 per call unless the client is chunked);
    /// unknown IDs come back as `None`.
    ///
    /// Returns one `Option<SimpleShow>` per ID, in the order given: a
    /// [`SimpleShow`](crate::model::SimpleShow), or `None` for an ID Spotify does not know.
    ///
    /// `GET /shows` · no scope · options: `market`. Deprecated by Spotify in
    /// February 2026 (403 for development-mode apps).
    #[deprecated(
        note = "Spotify removed GET /shows for development-mode apps; call `show` for each ID"
    )]
    pub fn shows<I, S>(&self, ids: I) -> Chunked<'_, GetShows>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Chunked::lookup(self, parse_ids(ids, IdKind::Show))
    }

    /// A page of a show's episodes.
    ///
    /// Returns a [`Page`](crate::model::Page) of [`SimpleEpisode`](crate::model::SimpleEpisode).
    ///
    /// `GET /shows/{id}/episodes` · scope `user-read-playback-position` (for
    /// resume points) · options: `market`, `limit` (1–50), `offset`. Paged:
    /// `.pages()` and `.items()`.
    pub fn show_episodes(&self, id: &str) -> Request<'_, GetShowEpisodes> {
        for_show(self, id)
    }
}
