//! `completions SHELL`: the shell's side of clap_complete's dynamic completion. The script calls
//! claimtrack back at each Tab (`CLAIMTRACK_COMPLETE=bash claimtrack -- WORDS...`, answered in `lib.rs`
//! before anything else runs), so it completes from the same definitions as the parser:
//! commands, options, the closed choices (modes, verdicts, relation kinds, export targets), and
//! the actor names and source keys of the database the command line names.

use std::ffi::OsString;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap_complete::CompletionCandidate;
use clap_complete::env::Shells;

use super::Ctx;
use super::errors::count;
use crate::store::{self, Create, Location, Txn};

/// The environment variable that asks claimtrack for completions instead of running a command:
/// claimtrack's own, so that a `COMPLETE` another tool leaves set means nothing to it.
pub const COMPLETE_VAR: &str = "CLAIMTRACK_COMPLETE";

pub fn run(ctx: &mut Ctx, shell: clap_complete::Shell) -> Result<()> {
    let name = shell.to_string();
    let shells = Shells::builtins();
    let shell = shells.completer(&name).with_context(|| format!("no completion support for {name}"))?;
    let mut script = Vec::new();
    shell.write_registration(COMPLETE_VAR, "claimtrack", "claimtrack", &completer(), &mut script)?;
    // Written whole, so a reader that stops early (`| head -1`) is a closed pipe, not a panic.
    ctx.out.write_all(&script)?;
    Ok(())
}

/// The program the script calls back: this one, by the path it was run as when that was a path,
/// else by name from PATH (as `cargo install` leaves it).
fn completer() -> String {
    let program = PathBuf::from(std::env::args_os().next().unwrap_or_else(|| OsString::from("claimtrack")));
    if program.components().count() > 1 {
        std::path::absolute(&program).unwrap_or(program).to_string_lossy().into_owned()
    } else {
        "claimtrack".into()
    }
}

/// Actor names, for `--by`, `--affiliation` and the `actor` commands.
pub fn actor_names() -> Vec<CompletionCandidate> {
    candidates(|txn| {
        Ok(txn
            .list_actors()?
            .into_iter()
            .map(|actor| CompletionCandidate::new(actor.name).help(Some(count(actor.claims, "claim").into())))
            .collect())
    })
}

/// Source keys, for `--source` and the `source` commands.
pub fn source_keys() -> Vec<CompletionCandidate> {
    candidates(|txn| {
        Ok(txn
            .list_sources()?
            .into_iter()
            .map(|source| CompletionCandidate::new(source.key).help(source.title.map(Into::into)))
            .collect())
    })
}

/// What `read` finds in the database being completed; nothing when there is none or it cannot be
/// read (completion never creates a database and never prints an error).
fn candidates(read: impl FnMut(&mut dyn Txn) -> Result<Vec<CompletionCandidate>>) -> Vec<CompletionCandidate> {
    let words: Vec<String> = std::env::args_os().map(|w| w.to_string_lossy().into_owned()).collect();
    let Ok(location) = Location::parse(&database_named(&words)) else { return Vec::new() };
    let Ok(mut storage) = store::open(&location, Create::No) else { return Vec::new() };
    store::read(storage.as_mut(), read).unwrap_or_default()
}

/// The database a command line names: `--db X` or `--db=X`, else `$CLAIMTRACK_DB`, else
/// `claims.db`, as the command itself would open.
fn database_named(words: &[String]) -> String {
    let given = words.iter().enumerate().find_map(|(i, word)| match word.strip_prefix("--db") {
        Some("") => words.get(i + 1).cloned(),
        Some(rest) => rest.strip_prefix('=').map(str::to_string),
        None => None,
    });
    given
        .or_else(|| std::env::var("CLAIMTRACK_DB").ok().filter(|db| !db.is_empty()))
        .unwrap_or_else(|| "claims.db".into())
}

#[cfg(test)]
mod tests {
    use super::database_named;

    #[test]
    fn the_database_comes_from_the_command_line_first() {
        let words = |line: &str| line.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(database_named(&words("claimtrack -- claimtrack --db talks.db list --by U")), "talks.db");
        assert_eq!(database_named(&words("claimtrack -- claimtrack list --db=b.db --by")), "b.db");
        // `--dbx` is not `--db`.
        assert_ne!(database_named(&words("claimtrack -- claimtrack --dbx a.db")), "a.db");
    }
}
