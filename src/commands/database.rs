//! `init`, `check` and `backup`: the database as a whole.

use std::path::Path;

use anyhow::{Context, Result, bail};

use super::Ctx;

pub fn init(ctx: &mut Ctx) -> Result<()> {
    let existed = ctx.db_path.exists();
    let store = ctx.open_for_writing()?;
    let claims = store.db().claim_count()?;
    if existed {
        eprintln!("{} is already a claims database ({claims} claims); nothing changed", store.path().display());
    } else {
        eprintln!("created {}", store.path().display());
    }
    Ok(())
}

pub fn check(ctx: &mut Ctx, repair: bool) -> Result<()> {
    let mut store = ctx.open_existing()?;
    let problems = store.db().check()?;
    if problems.is_empty() {
        eprintln!("{}: no problems found", store.path().display());
        return Ok(());
    }
    for problem in &problems {
        eprintln!("{}: {}", problem.check, problem.detail);
    }
    let only_index = problems.iter().all(|p| p.check == "full-text index");
    if repair && only_index {
        store.write(|db| db.rebuild_search_index())?;
        if store.db().check()?.is_empty() {
            eprintln!("rebuilt the full-text index; no problems remain");
            return Ok(());
        }
    }
    if repair && !only_index {
        eprintln!("--repair only rebuilds the full-text index; for the rest, restore a backup");
    }
    bail!("{}: {} problem(s) found", store.path().display(), problems.len())
}

pub fn backup(ctx: &mut Ctx, target: &Path) -> Result<()> {
    if target.exists() {
        bail!("{} already exists; backup never overwrites: choose a new file name", target.display());
    }
    let store = ctx.open_existing()?;
    // Copy into an empty file beside the target, then give it the target's name: a backup that
    // fails half-way leaves nothing that looks like a backup.
    let temp = super::temp_file_beside(target, ".claimtrack-backup-")?;
    store.db().copy_to(temp.path())?;
    temp.persist_noclobber(target)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot create {}", target.display()))?;
    eprintln!("backed up {} to {}", store.path().display(), target.display());
    Ok(())
}
