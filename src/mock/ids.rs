//! The IDs of the mock's fixtures, which several areas name (the library
//! holds albums, artists, shows and playlists; the player plays them).
//! Only IDs live here, so every area can import them without importing
//! another area. The public ones are those the examples and guides use;
//! the rest are the mock's own.

/// The client ID the mock accepts.
pub const CLIENT_ID: &str = "mock-client-id";
/// The client secret the mock accepts.
pub const CLIENT_SECRET: &str = "mock-client-secret";

/// Linkin Park's "Hybrid Theory" (the Getting-started album).
pub const HYBRID_THEORY: &str = "3RBULTZJ97bvVzZLpxcB0j";
/// Linkin Park.
pub(crate) const LINKIN_PARK: &str = "6XyY86QOPPrYVGvF9ch6wz";
/// An album with 120 tracks, to exercise paging.
pub const LONG_ALBUM: &str = "1ongA1bumW1thManyTrack";

/// A podcast show with 25 episodes.
pub(crate) const BUILD_NOTES: &str = "38bS44xjbVVZ3No3ByF1dJ";
/// An audiobook with 12 chapters.
pub(crate) const FRANKENSTEIN: &str = "7iHfbu1YPACw6oZPAFJtqe";

/// The ID of the mock's kitchen speaker.
pub const KITCHEN_SPEAKER: &str = "mock-device-kitchen";
/// The ID of the mock's laptop.
pub(crate) const LAPTOP: &str = "mock-device-laptop";

/// A public playlist of the mock user with tracks, a removed track, a local
/// file and an episode.
pub const MORNING_MIX: &str = "MockP1ay1istMorningMix";
/// A private playlist of the mock user.
pub(crate) const PRIVATE_MIX: &str = "MockP1ay1istPrivateMix";
/// A playlist of another user that the mock user follows.
pub(crate) const FRIENDS_MIX: &str = "MockP1ay1istFromAFr1en";

/// The ID of the mock's user.
pub const MOCK_USER: &str = "mock-user";
/// A podcast episode the mock knows.
pub(crate) const MOCK_EPISODE: &str = "MockEp1sodeMondayBrief";
/// The show of [`MOCK_EPISODE`].
pub(crate) const MOCK_SHOW: &str = "MockShowTheDai1yRound0";
