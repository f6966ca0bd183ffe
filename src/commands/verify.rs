//! `verify`: every direct quotation against its source's text.

use anyhow::{Result, bail};

use super::Ctx;
use super::errors::count;
use crate::ops::sources;
use crate::quotes::{appears_in, closest_passage};
use crate::render::{Cell, RowWriter};
use crate::store;

pub fn run(ctx: &mut Ctx, source: Option<&str>) -> Result<()> {
    let mut storage = ctx.open_existing()?;
    let groups = store::read(storage.as_mut(), |txn| {
        let source_id = match source {
            Some(key) => Some(sources::source(txn, key)?.id),
            None => None,
        };
        Ok(txn.quotes_with_source_text(source_id)?)
    })?;
    let format = ctx.format();
    let mut writer = RowWriter::new(format, &["id", "actor", "source", "quote", "closest"], ctx.out, false)?;
    let (mut checked, mut missing) = (0, 0);
    for (text, checks) in &groups {
        for check in checks {
            checked += 1;
            if appears_in(&check.quote, text) {
                continue;
            }
            missing += 1;
            let closest = closest_passage(&check.quote, text);
            writer.row(&[
                Cell::Int(check.claim_id),
                (&check.actor).into(),
                (&check.source).into(),
                (&check.quote).into(),
                (&closest).into(),
            ])?;
        }
    }
    writer.finish()?;
    if checked == 0 {
        eprintln!(
            "no direct quotations cite a source that holds its text (add one with `source add KEY --text-file FILE`)"
        );
        return Ok(());
    }
    if missing > 0 {
        bail!("{missing} of {} not found word for word in their source", count(checked as i64, "quotation"));
    }
    eprintln!("{} checked, all found in their sources", count(checked as i64, "quotation"));
    Ok(())
}
