//! claimtrack: log who claimed what, where and when; relate claims; show disputes side by side.
//!
//! `cli` parses, `commands` runs one command group per file, `ops` holds the policy, `store` holds
//! every SQL statement behind a trait each backend implements, `render` prints. `model`,
//! `interchange`, `import`, `dates`, `names` and `disputes` are pure and unit-tested.

pub mod cli;
pub mod commands;
pub mod dates;
pub mod disputes;
pub mod extract;
pub mod import;
pub mod interchange;
pub mod lint;
pub mod model;
pub mod names;
pub mod ops;
pub mod progress;
pub mod quotes;
pub mod render;
pub mod scratch;
pub mod store;
pub mod story;

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

/// Parse the command line, run the command, and turn the outcome into an exit code: 0 on success
/// (and on a closed pipe), 1 on an error or a failed check (lint's error-level findings), 2 on a
/// usage error (clap's or a [`commands::errors::UsageError`]), 3 when a check could not look at
/// everything (`check` on a locked or read-only database).
pub fn main_with_exit_code() -> ExitCode {
    // A shell asking for completions (see `commands::completions`) is answered here, and only this.
    clap_complete::CompleteEnv::with_factory(<cli::Cli as clap::CommandFactory>::command)
        .var(commands::completions::COMPLETE_VAR)
        .complete();
    let args: Vec<String> = std::env::args_os().map(|arg| arg.to_string_lossy().into_owned()).collect();
    let cli = match cli::Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(err) => return usage_error(err, &args),
    };
    let mut out = render::pager::Output::stdout(!cli.no_pager && pages(&cli.command));
    let ran = commands::run(cli, &mut out);
    // The pager is closed and waited for before any error is printed, so the error stays in view.
    let finished = out.finish();
    let result = ran.and(finished.context("cannot write standard output"));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) if err.is::<commands::errors::CheckFailed>() => {
            eprintln!("{err}");
            ExitCode::from(1)
        }
        Err(err) => {
            // One line: the error and its causes, outermost first.
            eprintln!("error: {}", commands::errors::message(&err));
            let code = if err.is::<commands::errors::UsageError>() {
                2
            } else if err.chain().any(|cause| cause.is::<commands::errors::Incomplete>()) {
                3
            } else {
                1
            };
            ExitCode::from(code)
        }
    }
}

/// Commands whose output a person reads page by page go through the pager on a terminal.
fn pages(command: &cli::Command) -> bool {
    use cli::{ActorCommand, Command, SourceCommand};
    match command {
        Command::List(_)
        | Command::Show { .. }
        | Command::Disputes(_)
        | Command::Search(_)
        | Command::History { .. }
        | Command::Verify { .. } => true,
        Command::Actor(command) => matches!(command, ActorCommand::List | ActorCommand::Show { .. }),
        Command::Source(command) => matches!(command, SourceCommand::List | SourceCommand::Show { .. }),
        _ => false,
    }
}

/// clap's help and version go to stdout with 0, and so does the help for `claimtrack` alone; a
/// usage error becomes one line, with clap's "did you mean" when it has one, and exit 2.
fn usage_error(err: clap::Error, args: &[String]) -> ExitCode {
    use clap::error::ErrorKind;
    // With CLAIMTRACK_DB set, clap sees an argument and calls it a missing subcommand instead.
    let alone =
        matches!(err.kind(), ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand);
    if args.len() <= 1 && alone {
        let _ = write!(io::stdout(), "{}", <cli::Cli as clap::CommandFactory>::command().render_help());
        return ExitCode::SUCCESS;
    }
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
    let suggestion = suggestion(&err).map(|s| format!("; did you mean {s}?")).unwrap_or_default();
    eprintln!(
        "error: {}{suggestion} (see `{} --help`)",
        first_paragraph(&err.render().to_string()),
        subcommand_path(args)
    );
    ExitCode::from(2)
}

/// clap's own suggestion for a misspelt command, option or value: `list` for `lsit`.
fn suggestion(err: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue};
    [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg, ContextKind::SuggestedValue].into_iter().find_map(
        |kind| match err.get(kind)? {
            ContextValue::String(one) => Some(format!("`{one}`")),
            // clap lists them least likely first.
            ContextValue::Strings(some) => some.last().map(|best| format!("`{best}`")),
            _ => None,
        },
    )
}

/// clap's message without its usage and hints, on one line: the first paragraph keeps the
/// missing arguments clap lists under "the following required arguments were not provided:".
fn first_paragraph(rendered: &str) -> String {
    let lines = rendered.lines().map(str::trim).skip_while(|l| l.is_empty()).take_while(|l| !l.is_empty());
    let message = lines.collect::<Vec<_>>().join(" ");
    match message.strip_prefix("error: ").unwrap_or(&message) {
        "" => "bad arguments".into(),
        message => message.to_string(),
    }
}

/// The subcommand the arguments were reaching for (`claimtrack source add`): its help is nearest
/// to the mistake. Words that are not subcommands (option values, positionals) are passed over.
fn subcommand_path(args: &[String]) -> String {
    let mut command = <cli::Cli as clap::CommandFactory>::command();
    let mut path = vec!["claimtrack".to_string()];
    for arg in args.iter().skip(1).filter(|arg| !arg.starts_with('-')) {
        let Some(sub) = command.find_subcommand(arg).cloned() else { continue };
        path.push(sub.get_name().to_string());
        command = sub;
    }
    path.join(" ")
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

#[cfg(test)]
mod tests {
    use super::{first_paragraph, subcommand_path};

    #[test]
    fn a_usage_error_keeps_the_missing_arguments() {
        let rendered = "error: the following required arguments were not provided:\n  <TEXT>\n  --by <ACTOR>\n\n\
                        Usage: claimtrack add --by <ACTOR> <TEXT>\n\nFor more information, try '--help'.\n";
        assert_eq!(
            first_paragraph(rendered),
            "the following required arguments were not provided: <TEXT> --by <ACTOR>"
        );
        assert_eq!(first_paragraph("\n"), "bad arguments");
    }

    #[test]
    fn the_help_named_is_the_subcommand_being_used() {
        let path = |args: &[&str]| subcommand_path(&args.iter().map(|a| a.to_string()).collect::<Vec<_>>());
        assert_eq!(path(&["claimtrack", "--db", "x.db", "source", "add", "--url"]), "claimtrack source add");
        assert_eq!(path(&["claimtrack", "list", "--limit", "0"]), "claimtrack list");
        assert_eq!(path(&["claimtrack", "frobnicate"]), "claimtrack");
        // A claim text that happens to be a command name stays a claim text.
        assert_eq!(path(&["claimtrack", "add", "list", "--by"]), "claimtrack add");
    }
}
