//! What the command prints when it fails: one line saying what failed,
//! then the chain of causes, one line each. No `Debug` output.

use std::error::Error as StdError;
use std::fmt::Write as _;

/// A failed command.
pub struct Failure {
    /// What failed, as a sentence without a final period.
    headline: String,
    /// Why, when a library error or an I/O error is behind it.
    cause: Option<Box<dyn StdError>>,
    /// A mistake in the command line (exit code 2) rather than a failure
    /// while running (exit code 1).
    usage: bool,
}

impl Failure {
    /// A failure while running the command.
    pub fn new(headline: impl Into<String>) -> Failure {
        Failure {
            headline: headline.into(),
            cause: None,
            usage: false,
        }
    }

    /// A mistake in the command line.
    pub fn usage(headline: impl Into<String>) -> Failure {
        Failure {
            usage: true,
            ..Failure::new(headline)
        }
    }

    /// Adds the error behind the failure.
    pub fn because(mut self, cause: impl StdError + 'static) -> Failure {
        self.cause = Some(Box::new(cause));
        self
    }

    /// `1` for a failure while running, `2` for a bad command line.
    pub fn exit_code(&self) -> u8 {
        if self.usage { 2 } else { 1 }
    }

    /// The text for standard error: the headline, then each cause that
    /// adds something (a cause whose text the line above already holds is
    /// left out), then for a usage mistake where to read the usage.
    pub fn report(&self) -> String {
        let mut out = format!("error: {}\n", self.headline);
        let mut shown = self.headline.clone();
        let mut next: Option<&dyn StdError> = self.cause.as_deref();
        // The chain is finite; the bound only guards against a cycle.
        for _ in 0..16 {
            let Some(e) = next else { break };
            let text = e.to_string();
            if !shown.contains(&text) {
                let _ = writeln!(out, "  caused by: {text}");
                shown = text;
            }
            next = e.source();
        }
        if self.usage {
            out.push_str("Run `spotify-blocking help` for the usage.\n");
        }
        out
    }
}

/// The report, as the command prints it (for `unwrap` in tests).
impl std::fmt::Debug for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.report())
    }
}

impl From<lexopt::Error> for Failure {
    fn from(e: lexopt::Error) -> Failure {
        Failure::usage(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt;

    /// An error that repeats its source's text, as `Error::Io` does.
    #[derive(Debug)]
    struct Wrapping(std::io::Error);

    impl fmt::Display for Wrapping {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "writing config file a.cfg: {}", self.0)
        }
    }

    impl StdError for Wrapping {
        fn source(&self) -> Option<&(dyn StdError + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn causes_already_shown_are_left_out() {
        let cause = Wrapping(std::io::Error::other("disk full"));
        let report = Failure::new("could not save the login")
            .because(cause)
            .report();
        assert_eq!(
            report,
            "error: could not save the login\n  caused by: writing config file a.cfg: disk full\n"
        );
    }

    #[test]
    fn usage_mistakes_exit_with_2_and_point_to_help() {
        let f = Failure::usage("unknown command \"logn\"");
        assert_eq!(f.exit_code(), 2);
        assert!(
            f.report()
                .ends_with("Run `spotify-blocking help` for the usage.\n")
        );
        assert_eq!(Failure::new("x").exit_code(), 1);
    }
}
