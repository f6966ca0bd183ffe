//! `link` and `unlink`: relations between claims.

use anyhow::Result;

use super::Ctx;
use crate::cli::{LinkArgs, UnlinkArgs};
use crate::ops::relations::{self as ops, LinkOutcome};
use crate::store;

pub fn link(ctx: &mut Ctx, args: LinkArgs) -> Result<()> {
    let mut storage = ctx.open_existing()?;
    let outcome =
        store::write(storage.as_mut(), |txn| ops::link(txn, args.a, args.kind, args.b, args.note.as_deref()))?;
    let (a, kind, b) = (args.a, args.kind, args.b);
    match outcome {
        LinkOutcome::Created => eprintln!("linked: #{a} {kind} #{b}"),
        LinkOutcome::AlreadyThere => eprintln!("#{a} {kind} #{b} is already recorded; nothing changed"),
    }
    Ok(())
}

pub fn unlink(ctx: &mut Ctx, args: UnlinkArgs) -> Result<()> {
    let mut storage = ctx.open_existing()?;
    store::write(storage.as_mut(), |txn| ops::unlink(txn, args.a, args.kind, args.b))?;
    eprintln!("unlinked: #{} {} #{}", args.a, args.kind, args.b);
    Ok(())
}
