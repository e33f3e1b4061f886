//! Podcast episodes: one or several.

use crate::client::Spotify;
use crate::endpoints::chunked::Chunked;
use crate::id::{IdKind, parse_id, parse_ids};
use crate::model::{FullEpisode, raw};
use crate::request::{Request, operations};

operations! {
    /// `GET /episodes/{id}`: [`Spotify::episode`].
    GetEpisode = "get-an-episode", Get "/episodes/{id}" -> FullEpisode {
        query: [market],
        scopes: ["user-read-playback-position"],
    }

    /// `GET /episodes`: [`Spotify::episodes`].
    GetEpisodes = "get-multiple-episodes", Get "/episodes" -> Vec<Option<FullEpisode>> [raw::Episodes, |r| r.episodes] {
        query: [ids, market],
        list: ids in Query max 50,
        scopes: ["user-read-playback-position"],
        deprecated: "episode",
    }
}

impl Spotify {
    /// One episode, with its show.
    ///
    /// Returns [`FullEpisode`](crate::model::FullEpisode).
    ///
    /// `GET /episodes/{id}` · scope `user-read-playback-position` (for the
    /// resume point; app tokens work too) · options: `market`.
    ///
    /// ```no_run
    /// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
    /// let episode = spotify.episode("512ojhOuo1ktJprKbVcKyQ").send()?;
    /// println!("{episode}");
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn episode(&self, id: &str) -> Request<'_, GetEpisode> {
        match parse_id(id, IdKind::Episode) {
            Ok(id) => Request::new(self, &[&id]),
            Err(e) => Request::failed(self, e),
        }
    }

    /// Several episodes (at most 50 per call unless the client is chunked);
    /// unknown IDs come back as `None`.
    ///
    /// Returns one `Option<FullEpisode>` per ID, in the order given: a
    /// [`FullEpisode`](crate::model::FullEpisode), or `None` for an ID Spotify does not know.
    ///
    /// `GET /episodes` · scope `user-read-playback-position` · options:
    /// `market`. Deprecated by Spotify in February 2026 (403 for
    /// development-mode apps).
    #[deprecated(
        note = "Spotify removed GET /episodes for development-mode apps; call `episode` for each ID"
    )]
    pub fn episodes<I, S>(&self, ids: I) -> Chunked<'_, GetEpisodes>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Chunked::lookup(self, parse_ids(ids, IdKind::Episode))
    }
}
