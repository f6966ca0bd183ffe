//! `init`, `check` and `backup`: the database as a whole.

use std::path::Path;

use anyhow::{Context, Result, bail};

use super::errors::{Incomplete, count};
use super::{Ctx, shell_quote};
use crate::interchange::read_document;
use crate::model::{ClaimFilter, Mode};
use crate::ops::merge::{OnConflict, merge_document};
use crate::scratch::Purpose;
use crate::store::{self, Finding, Hindrance, Order, Storage};

pub fn init(ctx: &mut Ctx) -> Result<()> {
    let existed = match &ctx.location {
        store::Location::File(path) => path.exists() && path.metadata().is_ok_and(|m| m.len() > 0),
        store::Location::Postgres(_) => store::open(&ctx.location, store::Create::No).is_ok(),
    };
    let mut storage = ctx.open_at(&ctx.location, store::Create::IfMissing)?;
    let claims = store::read(storage.as_mut(), |txn| Ok(txn.claim_count()?))?;
    let location = storage.location();
    if existed || claims > 0 {
        eprintln!("{location} is already a claims database ({}); nothing changed", count(claims, "claim"));
    } else {
        eprintln!("created {location}");
    }
    Ok(())
}

/// The check `--repair` can mend.
const INDEX: &str = "full-text index";

pub fn check(ctx: &mut Ctx, repair: bool) -> Result<()> {
    let mut storage = ctx.open_existing()?;
    let location = storage.location();
    warn_if_shared(storage.as_mut());
    let mut findings = storage.check()?;
    let only_index =
        |findings: &[Finding]| findings.iter().all(|f| matches!(f, Finding::Problem(p) if p.check == INDEX));
    if repair && !findings.is_empty() && only_index(&findings) {
        storage.rebuild_search_index()?;
        findings = storage.check()?;
        if findings.is_empty() {
            eprintln!("rebuilt the full-text index; no problems remain");
            return Ok(());
        }
    }
    let mut problems = 0;
    let mut not_checked = Vec::new();
    for finding in &findings {
        match finding {
            Finding::Problem(problem) => {
                problems += 1;
                let hint = if problem.check == INDEX { "; `claimtrack check --repair` rebuilds it" } else { "" };
                eprintln!("{}: {}{hint}", problem.check, problem.detail);
            }
            Finding::NotChecked { check, because } => {
                let why = match because {
                    Hindrance::Busy => "another process is writing to the database",
                    Hindrance::ReadOnly => "the database is read-only here",
                };
                eprintln!("{check}: not checked: {why}");
                not_checked.push((*check, *because));
            }
        }
    }
    if problems > 0 {
        if repair && !only_index(&findings) {
            eprintln!("--repair only rebuilds the full-text index; for the rest, restore a backup");
        }
        let remedy = if only_index(&findings) { "" } else { ": the data is damaged; restore your latest backup" };
        bail!("{location}: {} found{remedy}", count(problems, "problem"));
    }
    if !not_checked.is_empty() {
        let checks: Vec<&str> = not_checked.iter().map(|(check, _)| *check).collect();
        let remedy = if not_checked.iter().any(|(_, because)| *because == Hindrance::ReadOnly) {
            "check a copy in a folder you can write to (`claimtrack backup COPY` makes one)"
        } else {
            "run check again when the other process is done"
        };
        return Err(Incomplete(format!(
            "{location}: no problems found, but could not check the {}; {remedy}",
            checks.join(", ")
        ))
        .into());
    }
    eprintln!("{location}: no problems found");
    Ok(())
}

/// Warn when a database holding anonymous claims can be read by other accounts on this machine,
/// and say how to make it the owner's alone (SQLite gives its -wal and -shm files the database's
/// mode). A warning, not a failed check: sharing may be deliberate. Best effort: a database too
/// damaged to read gets none.
fn warn_if_shared(storage: &mut dyn Storage) {
    let Some(path) = storage.file().map(|file| file.path().to_path_buf()) else { return };
    let Some(mode) = mode_shared_with_others(&path) else { return };
    let anonymous = ClaimFilter { mode: Some(Mode::Anonymous), limit: Some(1), ..ClaimFilter::default() };
    let mut holds = false;
    let looked = store::read(storage, |txn| {
        txn.for_each_claim(&anonymous, Order::Id, &mut |_| {
            holds = true;
            Ok(())
        })
    });
    if looked.is_ok() && holds {
        let file = shell_quote(&path.display().to_string());
        eprintln!(
            "warning: {file} holds anonymous claims and other accounts on this machine can read it (mode {mode:04o}); `chmod 600 {file}` makes it yours alone"
        );
    }
}

/// The file's permission bits, when they let accounts other than the owner read it.
#[cfg(unix)]
fn mode_shared_with_others(file: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(file).ok()?.permissions().mode() & 0o777;
    (mode & 0o044 != 0).then_some(mode)
}

#[cfg(not(unix))]
fn mode_shared_with_others(_file: &Path) -> Option<u32> {
    None
}

pub fn backup(ctx: &mut Ctx, target: &Path) -> Result<()> {
    if target.exists() {
        bail!("{} already exists; backup never overwrites: choose a new file name", target.display());
    }
    let mut storage = ctx.open_existing()?;
    // Copy into an empty file beside the target, then give it the target's name: a backup that
    // fails half-way leaves nothing that looks like a backup.
    let cannot_back_up = || format!("cannot back up to {}", target.display());
    let scratch = super::temp_file_beside(target, Purpose::Backup)?;
    match storage.file() {
        Some(file) => file.copy_to(scratch.path()).with_context(cannot_back_up)?,
        None => {
            // A server's data, into a new database file by way of the document both can hold,
            // and the story's settings beside it.
            let (document, settings) = store::read(storage.as_mut(), |txn| Ok((read_document(txn)?, txn.settings()?)))?;
            let copy = store::Location::File(scratch.path().to_path_buf());
            // Opened directly: an error names the backup, not the scratch file behind it.
            let mut sqlite = store::open(&copy, store::Create::IfMissing).with_context(cannot_back_up)?;
            if let Some(role) = storage.recorded_user() {
                sqlite.set_user(role)?;
            }
            store::write(sqlite.as_mut(), |txn| {
                merge_document(txn, &document, OnConflict::Fail, "backup")?;
                for (name, value) in &settings {
                    txn.set_setting(name, value)?;
                }
                Ok(())
            })
            .with_context(cannot_back_up)?;
        }
    }
    scratch.persist(target, false).with_context(|| format!("cannot create {}", target.display()))?;
    eprintln!("backed up {} to {}", storage.location(), target.display());
    Ok(())
}
