//! The player: what plays where, and the remote control.
//!
//! Commands need Spotify Premium and an active device; without one Spotify
//! answers 404 with the reason [`NoActiveDevice`](crate::PlayerReason::NoActiveDevice):
//!
//! ```no_run
//! # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
//! use spotify_blocking::PlayerReason;
//! match spotify.playback_pause().send() {
//!     Err(e) if e.reason() == Some(&PlayerReason::NoActiveDevice) => println!("start Spotify somewhere first"),
//!     other => other?,
//! }
//! # Ok::<(), spotify_blocking::Error>(())
//! ```

use super::chunked::{playable_uri, playable_uris};
use crate::client::Spotify;
use crate::error::Error;
use crate::id::{IdKind, parse_uri};
use crate::model::{
    CurrentPlayback, CurrentlyPlaying, Device, Queue, RecentlyPlayed, RepeatState, raw,
};
use crate::request::{Operation, Request, operations};
use serde_json::json;

operations! {
    /// `GET /me/player`: [`Spotify::playback`].
    GetPlayback = "get-information-about-the-users-current-playback", Get "/me/player" -> Option<CurrentPlayback> {
        query: [market, additional_types],
        scopes: ["user-read-playback-state"],
    }

    /// `PUT /me/player`: [`Spotify::playback_transfer`].
    TransferPlayback = "transfer-a-users-playback", Put "/me/player" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [],
        body: [device_ids, play],
        scopes: ["user-modify-playback-state"],
    }

    /// `GET /me/player/devices`: [`Spotify::playback_devices`].
    GetDevices = "get-a-users-available-devices", Get "/me/player/devices" -> Vec<Device> [raw::Devices, |r| r.devices] {
        query: [],
        scopes: ["user-read-playback-state"],
    }

    /// `GET /me/player/currently-playing`: [`Spotify::playback_currently_playing`].
    GetCurrentlyPlaying = "get-the-users-currently-playing-track", Get "/me/player/currently-playing" -> Option<CurrentlyPlaying> {
        query: [market, additional_types],
        scopes: ["user-read-currently-playing"],
    }

    /// `PUT /me/player/play`: [`Spotify::playback_start_tracks`],
    /// [`Spotify::playback_start_context`], [`Spotify::playback_resume`].
    StartPlayback = "start-a-users-playback", Put "/me/player/play" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [device_id],
        body: [context_uri, uris, offset, position_ms],
        scopes: ["user-modify-playback-state"],
    }

    /// `PUT /me/player/pause`: [`Spotify::playback_pause`].
    PausePlayback = "pause-a-users-playback", Put "/me/player/pause" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [device_id],
        scopes: ["user-modify-playback-state"],
    }

    /// `POST /me/player/next`: [`Spotify::playback_next`].
    SkipNext = "skip-users-playback-to-next-track", Post "/me/player/next" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [device_id],
        scopes: ["user-modify-playback-state"],
    }

    /// `POST /me/player/previous`: [`Spotify::playback_previous`].
    SkipPrevious = "skip-users-playback-to-previous-track", Post "/me/player/previous" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [device_id],
        scopes: ["user-modify-playback-state"],
    }

    /// `PUT /me/player/seek`: [`Spotify::playback_seek`].
    Seek = "seek-to-position-in-currently-playing-track", Put "/me/player/seek" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [position_ms, device_id],
        scopes: ["user-modify-playback-state"],
    }

    /// `PUT /me/player/repeat`: [`Spotify::playback_repeat`].
    SetRepeat = "set-repeat-mode-on-users-playback", Put "/me/player/repeat" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [state, device_id],
        scopes: ["user-modify-playback-state"],
    }

    /// `PUT /me/player/volume`: [`Spotify::playback_volume`].
    SetVolume = "set-volume-for-users-playback", Put "/me/player/volume" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [volume_percent, device_id],
        scopes: ["user-modify-playback-state"],
    }

    /// `PUT /me/player/shuffle`: [`Spotify::playback_shuffle`].
    SetShuffle = "toggle-shuffle-for-users-playback", Put "/me/player/shuffle" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [state, device_id],
        scopes: ["user-modify-playback-state"],
    }

    /// `GET /me/player/recently-played`: [`Spotify::playback_recently_played`].
    GetRecentlyPlayed = "get-recently-played", Get "/me/player/recently-played" -> RecentlyPlayed {
        query: [limit(1..=50), after, before],
        scopes: ["user-read-recently-played"],
    }

    /// `GET /me/player/queue`: [`Spotify::playback_queue`].
    GetQueue = "get-queue", Get "/me/player/queue" -> Queue {
        query: [],
        scopes: ["user-read-currently-playing", "user-read-playback-state"],
    }

    /// `POST /me/player/queue`: [`Spotify::playback_queue_add`].
    AddToQueue = "add-to-queue", Post "/me/player/queue" -> () [serde::de::IgnoredAny, |_r| ()] {
        query: [uri, device_id],
        scopes: ["user-modify-playback-state"],
    }
}

/// What the player reads ask for unless told otherwise: episodes too.
const BOTH_TYPES: &str = "track,episode";

impl Request<'_, TransferPlayback> {
    /// Start playing on the new device (`true`), or keep the current
    /// play/pause state (the default).
    pub fn force_play(self, play: bool) -> Self {
        self.body("play", json!(play))
    }
}

impl Request<'_, StartPlayback> {
    /// Start at this item of the context or list (0 = first).
    pub fn offset_position(self, position: u32) -> Self {
        self.body("offset", json!({ "position": position }))
    }

    /// Start at this track or episode of the context or list.
    pub fn offset_uri(self, uri: &str) -> Self {
        match playable_uri(uri) {
            Ok(uri) => self.body("offset", json!({ "uri": uri })),
            Err(e) => {
                let mut r = self;
                r.fail(e);
                r
            }
        }
    }

    /// Start this far into the first item, in milliseconds.
    pub fn position_ms(self, position_ms: u64) -> Self {
        self.body("position_ms", json!(position_ms))
    }
}

fn command<O: Operation>(client: &Spotify) -> Request<'_, O> {
    Request::new(client, &[])
}

impl Spotify {
    /// The playback state: device, repeat, shuffle, what plays. `None` when
    /// nothing is playing anywhere (Spotify answers 204).
    ///
    /// Returns [`CurrentPlayback`](crate::model::CurrentPlayback), or `None` when nothing is playing.
    ///
    /// `GET /me/player` · scope `user-read-playback-state` · options:
    /// `market`, `additional_types` (the crate asks for `track,episode`).
    pub fn playback(&self) -> Request<'_, GetPlayback> {
        command::<GetPlayback>(self).set("additional_types", BOTH_TYPES)
    }

    /// What is playing now; `None` when nothing is (Spotify answers 204).
    ///
    /// Returns [`CurrentlyPlaying`](crate::model::CurrentlyPlaying), or `None` when nothing is playing.
    ///
    /// `GET /me/player/currently-playing` · scope
    /// `user-read-currently-playing` · options: `market`,
    /// `additional_types` (the crate asks for `track,episode`).
    pub fn playback_currently_playing(&self) -> Request<'_, GetCurrentlyPlaying> {
        command::<GetCurrentlyPlaying>(self).set("additional_types", BOTH_TYPES)
    }

    /// The devices the user can play on.
    ///
    /// Returns a `Vec` of [`Device`](crate::model::Device).
    ///
    /// `GET /me/player/devices` · scope `user-read-playback-state`.
    pub fn playback_devices(&self) -> Request<'_, GetDevices> {
        command(self)
    }

    /// Moves playback to a device (which becomes the active one).
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `PUT /me/player` · scope `user-modify-playback-state` · options:
    /// `force_play`.
    pub fn playback_transfer(&self, device_id: &str) -> Request<'_, TransferPlayback> {
        if device_id.trim().is_empty() {
            return Request::failed(
                self,
                Error::invalid_input("device_ids", "the device ID is empty"),
            );
        }
        command::<TransferPlayback>(self).body("device_ids", json!([device_id]))
    }

    /// Plays these tracks or episodes (URIs, URLs, or bare IDs taken as
    /// tracks), replacing what plays.
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `PUT /me/player/play` with `uris` · scope `user-modify-playback-state`
    /// · options: `offset_position`, `offset_uri`, `position_ms`,
    /// `device_id`.
    ///
    /// ```no_run
    /// # let spotify = spotify_blocking::Spotify::new(spotify_blocking::Token::from_access_token("t"));
    /// spotify.playback_start_tracks(["6rqhFgbbKwnb9MLmUQDhG6"]).position_ms(30_000).send()?;
    /// # Ok::<(), spotify_blocking::Error>(())
    /// ```
    pub fn playback_start_tracks<I, S>(&self, uris: I) -> Request<'_, StartPlayback>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        match playable_uris(uris) {
            Ok(uris) if uris.is_empty() => Request::failed(
                self,
                Error::invalid_input("uris", "give at least one track or episode"),
            ),
            Ok(uris) => command::<StartPlayback>(self).body("uris", json!(uris)),
            Err(e) => Request::failed(self, e),
        }
    }

    /// Plays an album, artist, playlist or show (a URI or URL).
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `PUT /me/player/play` with `context_uri` · scope
    /// `user-modify-playback-state` · options: `offset_position`,
    /// `offset_uri`, `position_ms`, `device_id`.
    pub fn playback_start_context(&self, context_uri: &str) -> Request<'_, StartPlayback> {
        match parse_uri(context_uri) {
            Ok((
                IdKind::Album
                | IdKind::Artist
                | IdKind::Playlist
                | IdKind::Show
                | IdKind::Audiobook,
                uri,
            )) => command::<StartPlayback>(self).body("context_uri", json!(uri)),
            Ok((kind, _)) => Request::failed(
                self,
                Error::InvalidId {
                    input: crate::id::shown(context_uri.trim()),
                    expected: "context URI",
                    reason: format!(
                        "a {kind} is not a context; use an album, artist, playlist or show (playback_start_tracks plays tracks)"
                    ),
                },
            ),
            Err(e) => Request::failed(self, e),
        }
    }

    /// Resumes playback where it was paused.
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `PUT /me/player/play` without a body · scope
    /// `user-modify-playback-state` · options: `device_id`.
    pub fn playback_resume(&self) -> Request<'_, StartPlayback> {
        command(self)
    }

    /// Pauses playback.
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `PUT /me/player/pause` · scope `user-modify-playback-state` ·
    /// options: `device_id`.
    pub fn playback_pause(&self) -> Request<'_, PausePlayback> {
        command(self)
    }

    /// Skips to the next item.
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `POST /me/player/next` · scope `user-modify-playback-state` ·
    /// options: `device_id`.
    pub fn playback_next(&self) -> Request<'_, SkipNext> {
        command(self)
    }

    /// Skips to the previous item.
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `POST /me/player/previous` · scope `user-modify-playback-state` ·
    /// options: `device_id`.
    pub fn playback_previous(&self) -> Request<'_, SkipPrevious> {
        command(self)
    }

    /// Jumps to a position in the current item, in milliseconds.
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `PUT /me/player/seek` · scope `user-modify-playback-state` ·
    /// options: `device_id`.
    pub fn playback_seek(&self, position_ms: u64) -> Request<'_, Seek> {
        command::<Seek>(self).set("position_ms", position_ms.to_string())
    }

    /// Sets the repeat mode: off, the track, or the context.
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `PUT /me/player/repeat` · scope `user-modify-playback-state` ·
    /// options: `device_id`.
    pub fn playback_repeat(&self, state: RepeatState) -> Request<'_, SetRepeat> {
        command::<SetRepeat>(self).set("state", state.as_str())
    }

    /// Sets the volume, 0 to 100 percent (checked before sending).
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `PUT /me/player/volume` · scope `user-modify-playback-state` ·
    /// options: `device_id`.
    pub fn playback_volume(&self, volume_percent: u32) -> Request<'_, SetVolume> {
        if volume_percent > 100 {
            return Request::failed(
                self,
                Error::invalid_input(
                    "volume_percent",
                    format!("{volume_percent} is out of range; allowed: 0 to 100"),
                ),
            );
        }
        command::<SetVolume>(self).set("volume_percent", volume_percent.to_string())
    }

    /// Turns shuffle on or off.
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `PUT /me/player/shuffle` · scope `user-modify-playback-state` ·
    /// options: `device_id`.
    pub fn playback_shuffle(&self, state: bool) -> Request<'_, SetShuffle> {
        command::<SetShuffle>(self).set("state", if state { "true" } else { "false" })
    }

    /// The tracks the user played recently, newest first.
    ///
    /// Returns [`RecentlyPlayed`](crate::model::RecentlyPlayed).
    ///
    /// `GET /me/player/recently-played` · scope `user-read-recently-played` ·
    /// options: `limit` (1–50), `after` or `before` (Unix milliseconds;
    /// not both). Paged (cursor).
    pub fn playback_recently_played(&self) -> Request<'_, GetRecentlyPlayed> {
        command(self)
    }

    /// What plays now and what is queued.
    ///
    /// Returns [`Queue`](crate::model::Queue).
    ///
    /// `GET /me/player/queue` · scopes `user-read-currently-playing` or
    /// `user-read-playback-state`.
    pub fn playback_queue(&self) -> Request<'_, GetQueue> {
        command(self)
    }

    /// Adds a track or episode (URI, URL, or bare ID taken as a track) to
    /// the end of the queue.
    ///
    /// Returns nothing (`()`) when Spotify accepts the call.
    ///
    /// `POST /me/player/queue` · scope `user-modify-playback-state` ·
    /// options: `device_id`.
    pub fn playback_queue_add(&self, uri: &str) -> Request<'_, AddToQueue> {
        match playable_uri(uri) {
            Ok(uri) => command::<AddToQueue>(self).set("uri", uri),
            Err(e) => Request::failed(self, e),
        }
    }
}
