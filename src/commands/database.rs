//! `init`, `check` and `backup`: the database as a whole.

use std::path::Path;

use anyhow::{Context, Result, bail};

use super::Ctx;
use super::errors::{Incomplete, count};
use crate::interchange::read_document;
use crate::ops::merge::{OnConflict, merge_document};
use crate::store::{self, Finding};

pub fn init(ctx: &mut Ctx) -> Result<()> {
    let existed = match &ctx.location {
        store::Location::File(path) => path.exists() && path.metadata().is_ok_and(|m| m.len() > 0),
        store::Location::Postgres(_) => false,
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
            Finding::NotChecked { check, reason } => {
                eprintln!("{check}: not checked: {reason}");
                not_checked.push(*check);
            }
        }
    }
    if problems > 0 {
        if repair && !only_index(&findings) {
            eprintln!("--repair only rebuilds the full-text index; for the rest, restore a backup");
        }
        bail!("{location}: {} found", count(problems, "problem"));
    }
    if !not_checked.is_empty() {
        return Err(Incomplete(format!(
            "{location}: no problems found, but could not check the {}; run check again when that has passed",
            not_checked.join(", ")
        ))
        .into());
    }
    eprintln!("{location}: no problems found");
    Ok(())
}

pub fn backup(ctx: &mut Ctx, target: &Path) -> Result<()> {
    if target.exists() {
        bail!("{} already exists; backup never overwrites: choose a new file name", target.display());
    }
    let mut storage = ctx.open_existing()?;
    // Copy into an empty file beside the target, then give it the target's name: a backup that
    // fails half-way leaves nothing that looks like a backup.
    let temp = super::temp_file_beside(target, ".claimtrack-backup-")?;
    match storage.file() {
        Some(file) => file.copy_to(temp.path())?,
        None => {
            // A server's data, into a new database file by way of the document both can hold.
            let document = store::read(storage.as_mut(), read_document)?;
            let copy = store::Location::File(temp.path().to_path_buf());
            let mut sqlite = ctx.open_at(&copy, store::Create::IfMissing)?;
            store::write(sqlite.as_mut(), |txn| merge_document(txn, &document, OnConflict::Fail, "backup"))?;
        }
    }
    temp.persist_noclobber(target)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot create {}", target.display()))?;
    eprintln!("backed up {} to {}", storage.location(), target.display());
    Ok(())
}
