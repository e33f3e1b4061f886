//! `scopes`: every scope, which of tekore's sets it is in, and what it
//! allows.

use crate::failure::Failure;
use spotify_blocking::scope::{self, Scope};

pub fn run() -> Result<(), Failure> {
    print!("{}", listing());
    Ok(())
}

/// One line per scope: its name, its sets (`every`, `read`, `write`) and
/// what it allows.
fn listing() -> String {
    let (every, read, write) = (scope::every(), scope::read(), scope::write());
    let width = Scope::ALL
        .iter()
        .map(|s| s.as_str().len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for s in Scope::ALL {
        let sets: Vec<&str> = [("every", &every), ("read", &read), ("write", &write)]
            .into_iter()
            .filter(|(_, set)| set.contains(s))
            .map(|(name, _)| name)
            .collect();
        let sets = if sets.is_empty() {
            "-".to_owned()
        } else {
            sets.join(",")
        };
        out.push_str(&format!(
            "{:width$}  {sets:11}  {}\n",
            s.as_str(),
            s.description().unwrap_or_default()
        ));
    }
    out.push_str(
        "\n`--scopes` of login takes `every`, `read`, `write` or these names, \
         separated by commas or spaces.\n",
    );
    out
}
