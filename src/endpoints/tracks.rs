//! Tracks: one, several, audio features and analysis, recommendations.

use crate::client::Spotify;
use crate::endpoints::chunked::Chunked;
use crate::error::{Error, Result};
use crate::id::{IdKind, parse_id, parse_ids};
use crate::model::{AudioAnalysis, AudioFeatures, FullTrack, Recommendations, raw};
use crate::request::{Operation, Request, operations};

operations! {
    /// `GET /tracks/{id}`: [`Spotify::track`].
    GetTrack = "get-track", Get "/tracks/{id}" -> FullTrack {
        query: [market],
        scopes: [],
    }

    /// `GET /tracks`: [`Spotify::tracks`].
    GetTracks = "get-several-tracks", Get "/tracks" -> Vec<Option<FullTrack>> [raw::Tracks, |r| r.tracks] {
        query: [market, ids],
        list: ids in Query max 50,
        scopes: [],
        deprecated: "track",
    }

    /// `GET /audio-features/{id}`: [`Spotify::track_audio_features`].
    GetTrackAudioFeatures = "get-audio-features", Get "/audio-features/{id}" -> AudioFeatures {
        query: [],
        scopes: [],
        deprecated: "no replacement",
    }

    /// `GET /audio-features`: [`Spotify::tracks_audio_features`].
    GetTracksAudioFeatures = "get-several-audio-features", Get "/audio-features" -> Vec<Option<AudioFeatures>> [raw::AudioFeaturesList, |r| r.audio_features] {
        query: [ids],
        list: ids in Query max 100,
        scopes: [],
        deprecated: "no replacement",
    }

    /// `GET /audio-analysis/{id}`: [`Spotify::track_audio_analysis`].
    GetTrackAudioAnalysis = "get-audio-analysis", Get "/audio-analysis/{id}" -> AudioAnalysis {
        query: [],
        scopes: [],
        deprecated: "no replacement",
    }

    /// `GET /recommendations`: [`Spotify::recommendations`].
    GetRecommendations = "get-recommendations", Get "/recommendations" -> Recommendations {
        query: [
            limit(1..=100), market, seed_artists, seed_genres, seed_tracks,
            min_acousticness(0..=1), max_acousticness(0..=1), target_acousticness(0..=1),
            min_danceability(0..=1), max_danceability(0..=1), target_danceability(0..=1),
            min_duration_ms, max_duration_ms, target_duration_ms,
            min_energy(0..=1), max_energy(0..=1), target_energy(0..=1),
            min_instrumentalness(0..=1), max_instrumentalness(0..=1), target_instrumentalness(0..=1),
            min_key(0..=11), max_key(0..=11), target_key(0..=11),
            min_liveness(0..=1), max_liveness(0..=1), target_liveness(0..=1),
            min_loudness, max_loudness, target_loudness,
            min_mode(0..=1), max_mode(0..=1), target_mode(0..=1),
            min_popularity(0..=100), max_popularity(0..=100), target_popularity(0..=100),
            min_speechiness(0..=1), max_speechiness(0..=1), target_speechiness(0..=1),
            min_tempo, max_tempo, target_tempo,
            min_time_signature, max_time_signature, target_time_signature,
            min_valence(0..=1), max_valence(0..=1), target_valence(0..=1),
        ],
        scopes: [],
        deprecated: "no replacement",
    }

    /// `GET /recommendations/available-genre-seeds`: [`Spotify::recommendation_genre_seeds`].
    GetRecommendationGenres = "get-recommendation-genres", Get "/recommendations/available-genre-seeds" -> Vec<String> [raw::GenreSeeds, |r| r.genres] {
        query: [],
        scopes: [],
        deprecated: "no replacement",
    }
}

/// The most seeds (artists, genres and tracks together) per recommendation.
const SEEDS_CAP: usize = 5;

/// A request on a path with one track ID.
fn for_track<'a, O: Operation>(client: &'a Spotify, id: &str) -> Request<'a, O> {
    match parse_id(id, IdKind::Track) {
        Ok(id) => Request::new(client, &[&id]),
        Err(e) => Request::failed(client, e),
    }
}

impl Spotify {
    /// One track.
    ///
    /// Returns [`FullTrack`](crate::model::FullTrack).
    ///
    /// `GET /tracks/{id}` · no scope · options: `market`.
    ///
    /// ```no_run
    /// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
    /// let track = spotify.track("spotify:track:6rqhFgbbKwnb9MLmUQDhG6").market("SE").send()?;
    /// println!("{track}");
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn track(&self, id: &str) -> Request<'_, GetTrack> {
        for_track(self, id)
    }

    /// Several tracks (at most 50 per call unless the client is chunked);
    /// unknown IDs come back as `None`.
    ///
    /// Returns one `Option<FullTrack>` per ID, in the order given: a
    /// [`FullTrack`](crate::model::FullTrack), or `None` for an ID Spotify does not know.
    ///
    /// `GET /tracks` · no scope · options: `market`. Deprecated by Spotify
    /// in February 2026 (403 for development-mode apps).
    #[deprecated(
        note = "Spotify removed GET /tracks for development-mode apps; call `track` for each ID"
    )]
    pub fn tracks<I, S>(&self, ids: I) -> Chunked<'_, GetTracks>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Chunked::lookup(self, parse_ids(ids, IdKind::Track))
    }

    /// Audio features (tempo, key, energy, ...) of one track.
    ///
    /// Returns [`AudioFeatures`](crate::model::AudioFeatures).
    ///
    /// `GET /audio-features/{id}` · no scope · no options. Deprecated by
    /// Spotify in November 2024.
    #[deprecated(
        note = "Spotify removed GET /audio-features for new apps; there is no replacement"
    )]
    pub fn track_audio_features(&self, id: &str) -> Request<'_, GetTrackAudioFeatures> {
        for_track(self, id)
    }

    /// Audio features of several tracks (at most 100 per call unless the
    /// client is chunked); unknown IDs come back as `None`.
    ///
    /// Returns one `Option<AudioFeatures>` per ID, in the order given: a
    /// [`AudioFeatures`](crate::model::AudioFeatures), or `None` for an ID Spotify does not know.
    ///
    /// `GET /audio-features` · no scope · no options. Deprecated by Spotify
    /// in November 2024.
    #[deprecated(
        note = "Spotify removed GET /audio-features for new apps; there is no replacement"
    )]
    pub fn tracks_audio_features<I, S>(&self, ids: I) -> Chunked<'_, GetTracksAudioFeatures>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Chunked::lookup(self, parse_ids(ids, IdKind::Track))
    }

    /// The low-level audio analysis of a track (bars, beats, sections,
    /// segments).
    ///
    /// Returns [`AudioAnalysis`](crate::model::AudioAnalysis).
    ///
    /// `GET /audio-analysis/{id}` · no scope · no options. Deprecated by
    /// Spotify in November 2024.
    #[deprecated(
        note = "Spotify removed GET /audio-analysis for new apps; there is no replacement"
    )]
    pub fn track_audio_analysis(&self, id: &str) -> Request<'_, GetTrackAudioAnalysis> {
        for_track(self, id)
    }

    /// Tracks recommended from 1 to 5 seeds (artists, genres, tracks), tuned
    /// by target, minimum and maximum `Attribute` values.
    ///
    /// Returns [`Recommendations`](crate::model::Recommendations).
    ///
    /// `GET /recommendations` · no scope · options: `limit` (1–100),
    /// `market`, `.min(..)`, `.max(..)`, `.target(..)`. Deprecated by Spotify
    /// in November 2024.
    ///
    /// ```no_run
    /// # #![allow(deprecated)]
    /// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
    /// use spotify_blocking::endpoints::tracks::{Attribute, Seeds};
    /// let recs = spotify
    ///     .recommendations(Seeds::new().artist("4NHQUGzhtTLFvgF5SZesLK").genre("swedish pop"))
    ///     .min(Attribute::Energy, 0.4)
    ///     .target(Attribute::Tempo, 120.0)
    ///     .limit(10)
    ///     .send()?;
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    #[deprecated(
        note = "Spotify removed GET /recommendations for new apps; there is no replacement"
    )]
    pub fn recommendations(&self, seeds: Seeds) -> Request<'_, GetRecommendations> {
        match seeds.check() {
            Ok((artists, genres, tracks)) => {
                let mut req = Request::new(self, &[]);
                for (name, list) in [
                    ("seed_artists", artists),
                    ("seed_genres", genres),
                    ("seed_tracks", tracks),
                ] {
                    if !list.is_empty() {
                        req = req.set(name, list.join(","));
                    }
                }
                req
            }
            Err(e) => Request::failed(self, e),
        }
    }

    /// The genre names `Seeds::genre` accepts.
    ///
    /// Returns the genre names, a `Vec<String>`.
    ///
    /// `GET /recommendations/available-genre-seeds` · no scope · no options.
    /// Deprecated by Spotify in November 2024.
    #[deprecated(
        note = "Spotify removed GET /recommendations/available-genre-seeds for new apps; there is no replacement"
    )]
    pub fn recommendation_genre_seeds(&self) -> Request<'_, GetRecommendationGenres> {
        Request::new(self, &[])
    }
}

/// The seeds of a [`Spotify::recommendations`] call: 1 to 5 artists,
/// genres and tracks in total.
///
/// Artist and track seeds accept IDs, URIs and URLs; they are checked when
/// the request is made, before anything is sent.
///
/// ```
/// use spotify_blocking::endpoints::tracks::Seeds;
/// let seeds = Seeds::new()
///     .artist("spotify:artist:4NHQUGzhtTLFvgF5SZesLK")
///     .genres(["pop", "swedish pop"])
///     .track("6rqhFgbbKwnb9MLmUQDhG6");
/// assert_eq!(seeds.len(), 4);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seeds {
    artists: Vec<String>,
    genres: Vec<String>,
    tracks: Vec<String>,
}

impl Seeds {
    /// No seeds yet.
    pub fn new() -> Seeds {
        Seeds::default()
    }

    /// Adds an artist seed.
    pub fn artist(mut self, id: &str) -> Seeds {
        self.artists.push(id.to_owned());
        self
    }

    /// Adds artist seeds.
    pub fn artists<I: IntoIterator<Item = S>, S: AsRef<str>>(mut self, ids: I) -> Seeds {
        self.artists
            .extend(ids.into_iter().map(|s| s.as_ref().to_owned()));
        self
    }

    /// Adds a genre seed (see [`Spotify::recommendation_genre_seeds`]).
    pub fn genre(mut self, genre: &str) -> Seeds {
        self.genres.push(genre.to_owned());
        self
    }

    /// Adds genre seeds.
    pub fn genres<I: IntoIterator<Item = S>, S: AsRef<str>>(mut self, genres: I) -> Seeds {
        self.genres
            .extend(genres.into_iter().map(|s| s.as_ref().to_owned()));
        self
    }

    /// Adds a track seed.
    pub fn track(mut self, id: &str) -> Seeds {
        self.tracks.push(id.to_owned());
        self
    }

    /// Adds track seeds.
    pub fn tracks<I: IntoIterator<Item = S>, S: AsRef<str>>(mut self, ids: I) -> Seeds {
        self.tracks
            .extend(ids.into_iter().map(|s| s.as_ref().to_owned()));
        self
    }

    /// How many seeds there are in all.
    pub fn len(&self) -> usize {
        self.artists.len() + self.genres.len() + self.tracks.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bare artist IDs, genres and bare track IDs, after checking them.
    fn check(self) -> Result<(Vec<String>, Vec<String>, Vec<String>)> {
        let n = self.len();
        if n == 0 || n > SEEDS_CAP {
            return Err(Error::invalid_input(
                "seed_artists, seed_genres, seed_tracks",
                format!(
                    "{n} seeds given; give 1 to {SEEDS_CAP} artists, genres and tracks in total"
                ),
            ));
        }
        if let Some(bad) = self
            .genres
            .iter()
            .find(|g| g.trim().is_empty() || g.contains(','))
        {
            return Err(Error::invalid_input(
                "seed_genres",
                format!("{bad:?} is not a genre name"),
            ));
        }
        Ok((
            parse_ids(&self.artists, IdKind::Artist)?,
            self.genres,
            parse_ids(&self.tracks, IdKind::Track)?,
        ))
    }
}

/// A tunable track attribute of [`Spotify::recommendations`], used with
/// `.min(..)`, `.max(..)` and `.target(..)`.
///
/// Values are checked before sending: most are 0.0 to 1.0; `Key` is 0 to
/// 11, `Mode` 0 or 1, `Popularity` 0 to 100 (whole numbers, as are
/// `DurationMs` and `TimeSignature`); `Loudness` is in dB (may be negative);
/// `Tempo` in BPM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Attribute {
    /// Confidence the track is acoustic, 0 to 1.
    Acousticness,
    /// Suitability for dancing, 0 to 1.
    Danceability,
    /// Length in milliseconds.
    DurationMs,
    /// Intensity and activity, 0 to 1.
    Energy,
    /// Likelihood of no vocals, 0 to 1.
    Instrumentalness,
    /// Pitch class, 0 (C) to 11 (B).
    Key,
    /// Likelihood of a live audience, 0 to 1.
    Liveness,
    /// Loudness in dB.
    Loudness,
    /// 0 minor, 1 major.
    Mode,
    /// Popularity, 0 to 100.
    Popularity,
    /// Presence of spoken words, 0 to 1.
    Speechiness,
    /// Tempo in BPM.
    Tempo,
    /// Beats per bar.
    TimeSignature,
    /// Musical positiveness, 0 to 1.
    Valence,
}

impl Attribute {
    /// The query names for minimum, maximum and target.
    fn names(self) -> [&'static str; 3] {
        match self {
            Attribute::Acousticness => [
                "min_acousticness",
                "max_acousticness",
                "target_acousticness",
            ],
            Attribute::Danceability => [
                "min_danceability",
                "max_danceability",
                "target_danceability",
            ],
            Attribute::DurationMs => ["min_duration_ms", "max_duration_ms", "target_duration_ms"],
            Attribute::Energy => ["min_energy", "max_energy", "target_energy"],
            Attribute::Instrumentalness => [
                "min_instrumentalness",
                "max_instrumentalness",
                "target_instrumentalness",
            ],
            Attribute::Key => ["min_key", "max_key", "target_key"],
            Attribute::Liveness => ["min_liveness", "max_liveness", "target_liveness"],
            Attribute::Loudness => ["min_loudness", "max_loudness", "target_loudness"],
            Attribute::Mode => ["min_mode", "max_mode", "target_mode"],
            Attribute::Popularity => ["min_popularity", "max_popularity", "target_popularity"],
            Attribute::Speechiness => ["min_speechiness", "max_speechiness", "target_speechiness"],
            Attribute::Tempo => ["min_tempo", "max_tempo", "target_tempo"],
            Attribute::TimeSignature => [
                "min_time_signature",
                "max_time_signature",
                "target_time_signature",
            ],
            Attribute::Valence => ["min_valence", "max_valence", "target_valence"],
        }
    }

    /// Whether Spotify takes whole numbers only.
    fn whole(self) -> bool {
        matches!(
            self,
            Attribute::DurationMs
                | Attribute::Key
                | Attribute::Mode
                | Attribute::Popularity
                | Attribute::TimeSignature
        )
    }
}

impl Request<'_, GetRecommendations> {
    /// Only tracks whose `attribute` is at least `value`.
    pub fn min(self, attribute: Attribute, value: f64) -> Self {
        self.attribute(attribute.names()[0], attribute, value)
    }

    /// Only tracks whose `attribute` is at most `value`.
    pub fn max(self, attribute: Attribute, value: f64) -> Self {
        self.attribute(attribute.names()[1], attribute, value)
    }

    /// Prefer tracks whose `attribute` is close to `value`.
    pub fn target(self, attribute: Attribute, value: f64) -> Self {
        self.attribute(attribute.names()[2], attribute, value)
    }

    fn attribute(mut self, name: &'static str, attribute: Attribute, value: f64) -> Self {
        let problem = if !value.is_finite() {
            Some(format!("{value} is not a number"))
        } else if attribute.whole() && value.fract() != 0.0 {
            Some(format!("{value} is not a whole number"))
        } else if let Some((lo, hi)) = GetRecommendations::ENDPOINT.range(name) {
            (value < f64::from(lo) || value > f64::from(hi))
                .then(|| format!("{value} is out of range; allowed: {lo} to {hi}"))
        } else if attribute != Attribute::Loudness && value < 0.0 {
            Some(format!("{value} is out of range; allowed: 0 or more"))
        } else {
            None
        };
        match problem {
            Some(message) => {
                self.fail(Error::invalid_input(name, message));
                self
            }
            None if attribute.whole() => self.set(name, format!("{}", value as i64)),
            None => self.set(name, value.to_string()),
        }
    }
}
