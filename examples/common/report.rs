//! How an example's `main` ends when it fails.

/// What `main` returns on failure: printed as the error's message and the
/// chain of causes under it, not as a `Debug` dump of the error's fields.
/// Rust prints a `main` error as `Error: {:?}`, so `Debug` writes
///
/// ```text
/// Error: could not connect to api.spotify.com: connection refused (...); check the network connection ...
/// caused by: io: Connection refused (os error 111)
/// ```
pub struct Report(Box<dyn std::error::Error>);

impl<E: Into<Box<dyn std::error::Error>>> From<E> for Report {
    fn from(error: E) -> Report {
        Report(error.into())
    }
}

impl std::fmt::Debug for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut said = self.0.to_string();
        write!(f, "{said}")?;
        let mut cause = self.0.source();
        while let Some(e) = cause {
            // Many messages already end with their cause's text.
            let text = e.to_string();
            if !said.contains(&text) {
                write!(f, "\ncaused by: {text}")?;
                said.push_str(&text);
            }
            cause = e.source();
        }
        Ok(())
    }
}
