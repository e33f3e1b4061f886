//! The player: devices, what is playing, the queue, the listening history.

use super::display::display;
use super::{CursorPage, ExternalUrls, FullTrack, PlayableItem, string_enum};
use serde::{Deserialize, Deserializer, Serialize};

string_enum! {
    /// What the player repeats.
    RepeatState {
        /// No repeat.
        Off = "off",
        /// The current track, over and over.
        Track = "track",
        /// The current context (album, playlist, ...).
        Context = "context",
    }
}

/// [`RepeatState::Off`], what a response without `repeat_state` reads as.
impl Default for RepeatState {
    fn default() -> Self {
        RepeatState::Off
    }
}

string_enum! {
    /// What kind of thing is playing.
    CurrentlyPlayingType {
        /// A track.
        Track = "track",
        /// A podcast episode.
        Episode = "episode",
        /// An advertisement.
        Ad = "ad",
        /// Spotify's own `unknown`.
        UnknownType = "unknown",
    }
}

/// [`CurrentlyPlayingType::UnknownType`], what a response without
/// `currently_playing_type` reads as.
impl Default for CurrentlyPlayingType {
    fn default() -> Self {
        CurrentlyPlayingType::UnknownType
    }
}

string_enum! {
    /// What a playback context is.
    ContextType {
        /// An album.
        Album = "album",
        /// An artist.
        Artist = "artist",
        /// A playlist.
        Playlist = "playlist",
        /// A show.
        Show = "show",
        /// The user's saved tracks.
        Collection = "collection",
    }
}

/// `Unknown("")`, what a context without `type` reads as.
impl Default for ContextType {
    fn default() -> Self {
        ContextType::Unknown(String::new())
    }
}

string_enum! {
    /// The kind of a playback device. Spotify capitalises these
    /// (`"Computer"`); any spelling is accepted.
    DeviceType {
        /// A computer.
        Computer = "Computer",
        /// A tablet.
        Tablet = "Tablet",
        /// A smartphone.
        Smartphone = "Smartphone",
        /// A speaker.
        Speaker = "Speaker",
        /// A television.
        Tv = "TV",
        /// An audio/video receiver.
        Avr = "AVR",
        /// A set-top box.
        Stb = "STB",
        /// An audio dongle.
        AudioDongle = "AudioDongle",
        /// A game console.
        GameConsole = "GameConsole",
        /// A Chromecast for video.
        CastVideo = "CastVideo",
        /// A Chromecast for audio.
        CastAudio = "CastAudio",
        /// A car.
        Automobile = "Automobile",
        /// A smartwatch.
        Smartwatch = "Smartwatch",
        /// A Chromebook.
        Chromebook = "Chromebook",
    }
}

/// `Unknown("")`: no device type, what a default [`Device`] holds.
impl Default for DeviceType {
    fn default() -> Self {
        DeviceType::Unknown(String::new())
    }
}

/// Reads a device type in any letter case (`"computer"`, `"Computer"`).
fn device_type<'de, D: Deserializer<'de>>(d: D) -> Result<DeviceType, D::Error> {
    let s = String::deserialize(d)?;
    const KNOWN: [DeviceType; 14] = [
        DeviceType::Computer,
        DeviceType::Tablet,
        DeviceType::Smartphone,
        DeviceType::Speaker,
        DeviceType::Tv,
        DeviceType::Avr,
        DeviceType::Stb,
        DeviceType::AudioDongle,
        DeviceType::GameConsole,
        DeviceType::CastVideo,
        DeviceType::CastAudio,
        DeviceType::Automobile,
        DeviceType::Smartwatch,
        DeviceType::Chromebook,
    ];
    Ok(KNOWN
        .into_iter()
        .find(|k| k.as_str().eq_ignore_ascii_case(&s))
        .unwrap_or(DeviceType::Unknown(s)))
}

/// A device the user can play on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Device {
    /// The device ID (`None` for some restricted devices).
    #[serde(default)]
    pub id: Option<String>,
    /// The device's name (`"Kitchen speaker"`).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub name: String,
    /// Computer, smartphone, speaker, .. ([`DeviceType`]).
    #[serde(rename = "type", deserialize_with = "device_type")]
    pub kind: DeviceType,
    /// Whether it is the active device.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub is_active: bool,
    /// Whether it is in a private session.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub is_private_session: bool,
    /// Whether it refuses Web API commands.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub is_restricted: bool,
    /// Volume in percent, when known.
    #[serde(default, deserialize_with = "crate::model::int::opt")]
    pub volume_percent: Option<u32>,
    /// Whether its volume can be set.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub supports_volume: bool,
}

display!(Device, |d, f| write!(
    f,
    "Device {:?} ({}{})",
    d.name,
    d.kind,
    if d.is_active { ", active" } else { "" }
));

/// Where playback comes from: an album, playlist, artist or show.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Context {
    /// Album, playlist, artist, show, .. ([`ContextType`]).
    #[serde(rename = "type", default)]
    pub kind: ContextType,
    /// The Spotify URI of the context.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub uri: String,
    /// The API link.
    #[serde(default)]
    pub href: Option<String>,
    /// Links outside the API ([`ExternalUrls`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub external_urls: ExternalUrls,
}

display!(Context, |c, f| write!(f, "Context {} {}", c.kind, c.uri));

/// Player actions that are not allowed right now (`true` = disallowed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Disallows {
    /// Interrupting playback.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub interrupting_playback: bool,
    /// Pausing.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub pausing: bool,
    /// Resuming.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub resuming: bool,
    /// Seeking.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub seeking: bool,
    /// Skipping to the next item.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub skipping_next: bool,
    /// Skipping to the previous item.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub skipping_prev: bool,
    /// Toggling repeat of the context.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub toggling_repeat_context: bool,
    /// Toggling shuffle.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub toggling_shuffle: bool,
    /// Toggling repeat of the track.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub toggling_repeat_track: bool,
    /// Transferring playback to another device.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub transferring_playback: bool,
}

/// The `actions` of a playback state: what the user may do now.
///
/// Spotify sends `{"disallows": {...}}`; the OpenAPI description puts the
/// flags directly in `actions`. Both read into [`Actions::disallows`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Actions {
    /// The actions that are not allowed ([`Disallows`]).
    pub disallows: Disallows,
}

impl<'de> Deserialize<'de> for Actions {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Actions, D::Error> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default)]
            disallows: Option<Disallows>,
            #[serde(flatten)]
            flat: Disallows,
        }
        let w = Option::<Wire>::deserialize(d)?;
        Ok(Actions {
            disallows: w.map(|w| w.disallows.unwrap_or(w.flat)).unwrap_or_default(),
        })
    }
}

/// What is playing for the user (`GET /me/player/currently-playing`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CurrentlyPlaying {
    /// Where it plays from, if anywhere ([`Context`]).
    #[serde(default)]
    pub context: Option<Context>,
    /// When the data was fetched (Unix milliseconds).
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub timestamp: u64,
    /// Position in the item, in milliseconds.
    #[serde(default, deserialize_with = "crate::model::int::opt")]
    pub progress_ms: Option<u64>,
    /// Whether it is playing (not paused).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub is_playing: bool,
    /// The track or episode; `None` for ads and unknown items ([`PlayableItem`]).
    #[serde(default)]
    pub item: Option<PlayableItem>,
    /// What kind of thing is playing ([`CurrentlyPlayingType`]).
    #[serde(default)]
    pub currently_playing_type: CurrentlyPlayingType,
    /// What the user may do now ([`Actions`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub actions: Actions,
}

display!(CurrentlyPlaying, |c, f| playing_line(
    f,
    "CurrentlyPlaying",
    c.is_playing,
    c.item.as_ref(),
    &c.currently_playing_type
));

fn playing_line(
    f: &mut std::fmt::Formatter<'_>,
    title: &str,
    is_playing: bool,
    item: Option<&PlayableItem>,
    kind: &CurrentlyPlayingType,
) -> std::fmt::Result {
    let state = if is_playing { "playing" } else { "paused" };
    match item {
        Some(i) => write!(f, "{title} ({state}) {i}"),
        None => write!(f, "{title} ({state}) {kind}"),
    }
}

/// The full playback state (`GET /me/player`): device, repeat, shuffle,
/// and what is playing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CurrentPlayback {
    /// The active device ([`Device`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub device: Device,
    /// The repeat mode ([`RepeatState`]).
    #[serde(default)]
    pub repeat_state: RepeatState,
    /// Whether shuffle is on.
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub shuffle_state: bool,
    /// Where it plays from, if anywhere ([`Context`]).
    #[serde(default)]
    pub context: Option<Context>,
    /// When the state last changed (Unix milliseconds).
    #[serde(default, deserialize_with = "crate::model::int::int_or_zero")]
    pub timestamp: u64,
    /// Position in the item, in milliseconds.
    #[serde(default, deserialize_with = "crate::model::int::opt")]
    pub progress_ms: Option<u64>,
    /// Whether it is playing (not paused).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub is_playing: bool,
    /// The track or episode; `None` for ads and unknown items ([`PlayableItem`]).
    #[serde(default)]
    pub item: Option<PlayableItem>,
    /// What kind of thing is playing ([`CurrentlyPlayingType`]).
    #[serde(default)]
    pub currently_playing_type: CurrentlyPlayingType,
    /// What the user may do now ([`Actions`]).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub actions: Actions,
}

display!(CurrentPlayback, |c, f| {
    playing_line(
        f,
        "CurrentPlayback",
        c.is_playing,
        c.item.as_ref(),
        &c.currently_playing_type,
    )?;
    write!(f, " on {:?}", c.device.name)
});

/// The user's queue (`GET /me/player/queue`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Queue {
    /// What is playing now ([`PlayableItem`]).
    #[serde(default)]
    pub currently_playing: Option<PlayableItem>,
    /// What plays next, in order ([`PlayableItem`]).
    #[serde(default, deserialize_with = "super::drop_nulls")]
    pub queue: Vec<PlayableItem>,
}

display!(Queue, |q, f| match &q.currently_playing {
    Some(i) => write!(f, "Queue: {i}, then {} more", q.queue.len()),
    None => write!(f, "Queue: nothing playing, {} queued", q.queue.len()),
});

/// A track the user played (`GET /me/player/recently-played`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PlayHistory {
    /// The track ([`FullTrack`]).
    pub track: FullTrack,
    /// When it was played (ISO 8601).
    #[serde(default, deserialize_with = "crate::model::null_default")]
    pub played_at: String,
    /// Where it was played from, if anywhere ([`Context`]).
    #[serde(default)]
    pub context: Option<Context>,
}

display!(PlayHistory, |h, f| write!(
    f,
    "PlayHistory {:?} by {} at {}",
    h.track.name,
    super::artist_names(&h.track.artists),
    h.played_at
));

/// A page of the listening history; follow it with the `before` cursor.
pub type RecentlyPlayed = CursorPage<PlayHistory>;
