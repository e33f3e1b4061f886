//! Audio features and audio analysis of tracks.

use super::display::display;
use serde::{Deserialize, Serialize};

/// Perceptual features of one track (energy, tempo, key, ...).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AudioFeatures {
    /// The track's Spotify ID.
    pub id: String,
    /// Confidence that the track is acoustic, 0 to 1.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub acousticness: f64,
    /// The API link to the audio analysis.
    #[serde(default)]
    pub analysis_url: Option<String>,
    /// How suitable it is for dancing, 0 to 1.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub danceability: f64,
    /// Length in milliseconds.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub duration_ms: u64,
    /// Intensity and activity, 0 to 1.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub energy: f64,
    /// Likelihood of no vocals, 0 to 1.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub instrumentalness: f64,
    /// Pitch class (0 = C, 1 = C♯/D♭, ...); -1 when none was detected.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub key: i32,
    /// Likelihood of a live audience, 0 to 1.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub liveness: f64,
    /// Average loudness in dB (usually -60 to 0).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub loudness: f64,
    /// 1 for major, 0 for minor.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub mode: i32,
    /// Presence of spoken words, 0 to 1.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub speechiness: f64,
    /// Estimated tempo in beats per minute.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub tempo: f64,
    /// Beats per bar (3 to 7).
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub time_signature: u32,
    /// The API link to the track.
    #[serde(default)]
    pub track_href: Option<String>,
    /// The track's Spotify URI.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub uri: String,
    /// Musical positiveness, 0 to 1.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub valence: f64,
}

display!(AudioFeatures, |a, f| write!(
    f,
    "AudioFeatures of {}: {:.1} BPM, key {}, {}, energy {:.2}, valence {:.2}",
    a.id,
    a.tempo,
    a.key,
    if a.mode == 1 { "major" } else { "minor" },
    a.energy,
    a.valence
));

/// How a track was analysed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AnalysisMeta {
    /// The analyser's version.
    #[serde(default)]
    pub analyzer_version: Option<String>,
    /// The platform that read the audio.
    #[serde(default)]
    pub platform: Option<String>,
    /// Status text (`OK`, or why data is missing).
    #[serde(default)]
    pub detailed_status: Option<String>,
    /// 0 on success, 1 on errors.
    #[serde(default, deserialize_with = "crate::model::int::opt")]
    pub status_code: Option<i32>,
    /// When it was analysed (Unix time, seconds).
    #[serde(default, deserialize_with = "crate::model::int::opt")]
    pub timestamp: Option<i64>,
    /// Seconds the analysis took.
    #[serde(default)]
    pub analysis_time: Option<f64>,
    /// How the audio was read.
    #[serde(default)]
    pub input_process: Option<String>,
}

/// Track-wide results of an audio analysis.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AnalysisTrack {
    /// Audio samples analysed.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub num_samples: u64,
    /// Length in seconds.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub duration: f64,
    /// Always empty.
    #[serde(default)]
    pub sample_md5: Option<String>,
    /// Start of the analysed region, in seconds (0).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub offset_seconds: f64,
    /// Length of the analysed region, in seconds (0 = all).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub window_seconds: f64,
    /// Sample rate used for the analysis.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub analysis_sample_rate: u32,
    /// Channels used (1 = summed to mono).
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub analysis_channels: u32,
    /// Where the fade-in ends, in seconds.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub end_of_fade_in: f64,
    /// Where the fade-out starts, in seconds.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub start_of_fade_out: f64,
    /// Average loudness in dB.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub loudness: f64,
    /// Estimated tempo in BPM.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub tempo: f64,
    /// Confidence in `tempo`, 0 to 1.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub tempo_confidence: f64,
    /// Beats per bar.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub time_signature: u32,
    /// Confidence in `time_signature`, 0 to 1.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub time_signature_confidence: f64,
    /// Pitch class; -1 when none was detected.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub key: i32,
    /// Confidence in `key`, 0 to 1.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub key_confidence: f64,
    /// 1 for major, 0 for minor.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub mode: i32,
    /// Confidence in `mode`, 0 to 1.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub mode_confidence: f64,
    /// Echo Nest Musical Fingerprint code string.
    #[serde(default)]
    pub codestring: Option<String>,
    /// Version of the `codestring` format.
    #[serde(default)]
    pub code_version: Option<f64>,
    /// EchoPrint code string.
    #[serde(default)]
    pub echoprintstring: Option<String>,
    /// Version of the `echoprintstring` format.
    #[serde(default)]
    pub echoprint_version: Option<f64>,
    /// Synchstring.
    #[serde(default)]
    pub synchstring: Option<String>,
    /// Version of the `synchstring` format.
    #[serde(default)]
    pub synch_version: Option<f64>,
    /// Rhythmstring.
    #[serde(default)]
    pub rhythmstring: Option<String>,
    /// Version of the `rhythmstring` format.
    #[serde(default)]
    pub rhythm_version: Option<f64>,
}

/// A bar, beat or tatum: a time interval.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TimeInterval {
    /// Start, in seconds.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub start: f64,
    /// Length, in seconds.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub duration: f64,
    /// Confidence, 0 to 1.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub confidence: f64,
}

/// A section of a track (verse, chorus, ...).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Section {
    /// Start, in seconds.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub start: f64,
    /// Length, in seconds.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub duration: f64,
    /// Confidence in the section, 0 to 1.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub confidence: f64,
    /// Loudness in dB.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub loudness: f64,
    /// Tempo in BPM.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub tempo: f64,
    /// Confidence in `tempo`.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub tempo_confidence: f64,
    /// Pitch class; -1 when none was detected.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub key: i32,
    /// Confidence in `key`.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub key_confidence: f64,
    /// 1 major, 0 minor, -1 no result (Spotify sends it as a number).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub mode: f64,
    /// Confidence in `mode`.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub mode_confidence: f64,
    /// Beats per bar.
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub time_signature: u32,
    /// Confidence in `time_signature`.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub time_signature_confidence: f64,
}

/// A short segment of roughly uniform sound.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Segment {
    /// Start, in seconds.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub start: f64,
    /// Length, in seconds.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub duration: f64,
    /// Confidence in the segmentation, 0 to 1.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub confidence: f64,
    /// Loudness at the start, in dB.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub loudness_start: f64,
    /// Peak loudness, in dB.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub loudness_max: f64,
    /// Offset of the peak within the segment, in seconds.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub loudness_max_time: f64,
    /// Loudness at the end, in dB.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub loudness_end: f64,
    /// The 12 pitch classes' relative strength, 0 to 1.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub pitches: Vec<f64>,
    /// 12 timbre coefficients.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub timbre: Vec<f64>,
}

/// A track's low-level audio analysis: its structure and musical content.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AudioAnalysis {
    /// How the analysis was made ([`AnalysisMeta`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub meta: AnalysisMeta,
    /// Track-wide results ([`AnalysisTrack`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub track: AnalysisTrack,
    /// Bars (measures; [`TimeInterval`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub bars: Vec<TimeInterval>,
    /// Beats ([`TimeInterval`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub beats: Vec<TimeInterval>,
    /// Sections (verse, chorus, ...; [`Section`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub sections: Vec<Section>,
    /// Segments ([`Segment`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub segments: Vec<Segment>,
    /// Tatums (the lowest regular pulse; [`TimeInterval`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub tatums: Vec<TimeInterval>,
}

display!(AudioAnalysis, |a, f| write!(
    f,
    "AudioAnalysis {:.2} s at {:.1} BPM: {} bars, {} beats, {} sections, {} segments",
    a.track.duration,
    a.track.tempo,
    a.bars.len(),
    a.beats.len(),
    a.sections.len(),
    a.segments.len()
));
