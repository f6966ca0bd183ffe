//! claimtrack: log who claimed what, where and when; relate claims; show disputes side by side.
//!
//! `cli` parses, `commands` runs one command group per file, `store` holds every SQL statement,
//! `render` prints. `model`, `dates`, `names` and `disputes` are pure and unit-tested.

pub mod cli;
pub mod commands;
pub mod dates;
pub mod disputes;
pub mod extract;
pub mod import;
pub mod model;
pub mod names;
pub mod progress;
pub mod quotes;
pub mod render;
pub mod store;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;

/// Parse the command line, run the command, and turn the outcome into an exit code:
/// 0 on success (and on a closed pipe), 1 on an error, 2 on a usage error.
pub fn main_with_exit_code() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage_error(err),
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = commands::run(cli, &mut out).and_then(|()| out.flush().map_err(Into::into));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // One line: the error and its causes, outermost first.
            let message = format!("{err:#}").replace('\n', " ");
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

/// clap's help and version go to stdout with 0; a usage error becomes one line and exit 2.
fn usage_error(err: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = err.print();
        return if err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    let rendered = err.render().to_string();
    let first = rendered.lines().find(|l| !l.trim().is_empty()).unwrap_or("error: bad arguments");
    let first = first.strip_prefix("error: ").unwrap_or(first);
    eprintln!("error: {first} (see `claimtrack --help`)");
    ExitCode::from(2)
}

/// A reader that closed the pipe (`claimtrack list | head -1`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<csv::Error>()
                .is_some_and(|e| matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == io::ErrorKind::BrokenPipe))
            || cause
                .downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(io::ErrorKind::BrokenPipe))
    })
}
