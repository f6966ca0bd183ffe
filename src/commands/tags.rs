//! `tag list|rename|merge`.

use anyhow::Result;

use super::Ctx;
use super::errors::count;
use crate::cli::TagCommand;
use crate::ops::tags as ops;
use crate::render::RowWriter;
use crate::store;

pub fn run(ctx: &mut Ctx, command: TagCommand) -> Result<()> {
    match command {
        TagCommand::List => {
            let mut storage = ctx.open_existing()?;
            let tags = store::read(storage.as_mut(), ops::list)?;
            let mut writer = RowWriter::new(ctx.format(), &["tag", "claims"], ctx.out, false)?;
            for (tag, claims) in &tags {
                writer.row(&[tag.into(), (*claims).into()])?;
            }
            writer.finish()?;
            if tags.is_empty() {
                eprintln!("no claim has a tag yet: give one with `claimtrack edit ID --tag TAG`");
            }
        }
        TagCommand::Rename { old, new } => {
            let mut storage = ctx.open_existing()?;
            let changed = store::write(storage.as_mut(), |txn| ops::rename(txn, &old, &new))?;
            eprintln!("renamed tag \"{}\" to \"{}\" on {}", old.trim(), new.trim(), count(changed as i64, "claim"));
        }
        TagCommand::Merge { from, into } => {
            let mut storage = ctx.open_existing()?;
            let changed = store::write(storage.as_mut(), |txn| ops::merge(txn, &from, &into))?;
            eprintln!("merged tag \"{}\" into \"{}\" on {}", from.trim(), into.trim(), count(changed as i64, "claim"));
        }
    }
    Ok(())
}
