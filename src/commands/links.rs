//! `link` and `unlink`: relations between claims.

use anyhow::Result;

use super::Ctx;
use crate::cli::{LinkArgs, UnlinkArgs};
use crate::model::{Choice, RelationKind};
use crate::store::LinkOutcome;

pub fn link(ctx: &mut Ctx, args: LinkArgs) -> Result<()> {
    let kind = RelationKind::parse(&args.kind)?;
    let mut store = ctx.open_existing()?;
    let outcome = store.write(|db| db.link(args.a, kind, args.b, args.note.as_deref()))?;
    match outcome {
        LinkOutcome::Created => eprintln!("linked: #{} {kind} #{}", args.a, args.b),
        LinkOutcome::AlreadyThere => eprintln!("#{} {kind} #{} is already recorded; nothing changed", args.a, args.b),
    }
    Ok(())
}

pub fn unlink(ctx: &mut Ctx, args: UnlinkArgs) -> Result<()> {
    let kind = RelationKind::parse(&args.kind)?;
    let mut store = ctx.open_existing()?;
    store.write(|db| db.unlink(args.a, kind, args.b))?;
    eprintln!("unlinked: #{} {kind} #{}", args.a, args.b);
    Ok(())
}
