//! Randomness from the operating system.

/// A random `u64` from the OS (backoff jitter, temporary file names).
pub(crate) fn random_u64() -> u64 {
    let mut b = [0u8; 8];
    // Jitter and names only: a failing RNG means no jitter, not an error.
    let _ = getrandom::fill(&mut b);
    u64::from_le_bytes(b)
}
