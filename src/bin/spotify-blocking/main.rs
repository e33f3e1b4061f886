//! `spotify-blocking`: log a user in and save a tekore-compatible config
//! (`login`), show whom a saved login belongs to (`whoami`), list the
//! scopes (`scopes`). Built with the `cli` feature; see docs/cli.md.

mod args;
mod failure;
mod login;
mod scopes;
mod settings;
mod whoami;

use args::Command;
use failure::Failure;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprint!("{}", failure.report());
            ExitCode::from(failure.exit_code())
        }
    }
}

fn run() -> Result<(), Failure> {
    match args::parse(std::env::args_os().skip(1))? {
        Command::Login(a) => login::run(&a),
        Command::Whoami(a) => whoami::run(&a),
        Command::Scopes => scopes::run(),
        Command::Help => {
            print!("{}", args::USAGE);
            Ok(())
        }
        Command::Version => {
            println!("spotify-blocking {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
    }
}
