//! Search results.

use super::display::display;
use super::{
    FullArtist, FullTrack, Page, SimpleAlbum, SimpleAudiobook, SimpleEpisode, SimplePlaylist,
    SimpleShow,
};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A kind of item to search for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SearchType {
    /// Albums.
    Album,
    /// Artists.
    Artist,
    /// Playlists.
    Playlist,
    /// Tracks.
    Track,
    /// Podcast shows.
    Show,
    /// Podcast episodes.
    Episode,
    /// Audiobooks (only in some markets).
    Audiobook,
}

impl SearchType {
    /// Every type, in Spotify's order.
    pub const ALL: [SearchType; 7] = [
        SearchType::Album,
        SearchType::Artist,
        SearchType::Playlist,
        SearchType::Track,
        SearchType::Show,
        SearchType::Episode,
        SearchType::Audiobook,
    ];

    /// The value as Spotify spells it in `type=`.
    pub fn as_str(self) -> &'static str {
        match self {
            SearchType::Album => "album",
            SearchType::Artist => "artist",
            SearchType::Playlist => "playlist",
            SearchType::Track => "track",
            SearchType::Show => "show",
            SearchType::Episode => "episode",
            SearchType::Audiobook => "audiobook",
        }
    }
}

impl fmt::Display for SearchType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a search found: one page per type asked for (`None` for the types
/// not asked for). Null entries Spotify sometimes sends are skipped.
///
/// To go past the first page of one type, use the per-type searches
/// (`spotify.search_tracks(q).items()`, ...), whose iterators follow the
/// page's `next` link.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SearchResults {
    /// Matching tracks (a [`Page`] of [`FullTrack`]).
    #[serde(default)]
    pub tracks: Option<Page<FullTrack>>,
    /// Matching artists (a [`Page`] of [`FullArtist`]).
    #[serde(default)]
    pub artists: Option<Page<FullArtist>>,
    /// Matching albums (a [`Page`] of [`SimpleAlbum`]).
    #[serde(default)]
    pub albums: Option<Page<SimpleAlbum>>,
    /// Matching playlists (a [`Page`] of [`SimplePlaylist`]).
    #[serde(default)]
    pub playlists: Option<Page<SimplePlaylist>>,
    /// Matching shows (a [`Page`] of [`SimpleShow`]).
    #[serde(default)]
    pub shows: Option<Page<SimpleShow>>,
    /// Matching episodes (a [`Page`] of [`SimpleEpisode`]).
    #[serde(default)]
    pub episodes: Option<Page<SimpleEpisode>>,
    /// Matching audiobooks (a [`Page`] of [`SimpleAudiobook`]).
    #[serde(default)]
    pub audiobooks: Option<Page<SimpleAudiobook>>,
}

impl SearchResults {
    fn counts(&self) -> Vec<String> {
        fn one<T>(out: &mut Vec<String>, name: &str, page: &Option<Page<T>>) {
            if let Some(p) = page {
                out.push(format!("{} of {} {name}", p.items.len(), p.total));
            }
        }
        let mut out = Vec::new();
        one(&mut out, "tracks", &self.tracks);
        one(&mut out, "artists", &self.artists);
        one(&mut out, "albums", &self.albums);
        one(&mut out, "playlists", &self.playlists);
        one(&mut out, "shows", &self.shows);
        one(&mut out, "episodes", &self.episodes);
        one(&mut out, "audiobooks", &self.audiobooks);
        out
    }
}

display!(SearchResults, |r, f| {
    let counts = r.counts();
    if counts.is_empty() {
        write!(f, "SearchResults: nothing")
    } else {
        write!(f, "SearchResults: {}", counts.join(", "))
    }
});
