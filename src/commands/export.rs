//! `export csv|json`: claims for editors' spreadsheets and for other tools.

use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::claims::{RECORD_COLUMNS, record_cells};
use super::disputes::Disputes;
use super::{Ctx, filter_names};
use crate::cli::ExportArgs;
use crate::render::{Cell, Format, RowWriter};
use crate::store::Store;

pub fn run(ctx: &mut Ctx, args: ExportArgs) -> Result<()> {
    let names = filter_names(&args.filter)?;
    let what = args.what.to_lowercase();
    let filtered = names.by.is_some()
        || names.source.is_some()
        || !names.tags.is_empty()
        || names.mode.is_some()
        || names.verdict.is_some()
        || names.since.is_some()
        || names.until.is_some()
        || names.contested
        || names.limit.is_some();
    match what.as_str() {
        "csv" => {}
        "json" if filtered || args.disputes => {
            bail!("export json writes the whole database, so it takes no filters; use export csv for a selection")
        }
        "json" => {}
        other => bail!("cannot export \"{other}\": use csv or json"),
    }
    let store = ctx.open_existing()?;
    write_output(ctx, args.output.as_deref(), |out| match what.as_str() {
        "json" => store.db().write_document(out),
        _ if args.disputes => disputes_csv(&store, &names, out, args.raw),
        _ => claims_csv(&store, &names, out, args.raw),
    })
}

/// Run `write` against standard output, or against a temporary file next to `path` that
/// replaces `path` only once everything is written: a failed export never leaves half a file.
fn write_output(ctx: &mut Ctx, path: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let Some(path) = path else {
        return write(ctx.out);
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let temp = tempfile::NamedTempFile::new_in(dir).with_context(|| {
        format!(
            "cannot write in {}: check that the folder exists and is writable",
            dir.display()
        )
    })?;
    let mut out = BufWriter::new(temp);
    write(&mut out)?;
    let temp = out
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(|| format!("cannot write {}", path.display()))?;
    temp.as_file().sync_all()?;
    temp.persist(path)
        .with_context(|| format!("cannot replace {}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

fn claims_csv(store: &Store, names: &crate::store::FilterNames, out: &mut dyn Write, raw: bool) -> Result<()> {
    let db = store.db();
    let filter = db.resolve_filter(names)?;
    let mut writer = RowWriter::new(Format::Csv, &RECORD_COLUMNS, out, raw)?;
    db.for_each_claim(&filter, |claim| writer.row(&record_cells(claim)))?;
    writer.finish()
}

/// One row per contradicting pair, the first side's claim on the left when the dispute splits.
fn disputes_csv(store: &Store, names: &crate::store::FilterNames, out: &mut dyn Write, raw: bool) -> Result<()> {
    let disputes = Disputes::load(&store.db(), names)?;
    let columns = [
        "dispute",
        "claim_a",
        "actor_a",
        "text_a",
        "source_a",
        "stated_on_a",
        "claim_b",
        "actor_b",
        "text_b",
        "source_b",
        "stated_on_b",
    ];
    let mut writer = RowWriter::new(Format::Csv, &columns, out, raw)?;
    for (index, dispute) in disputes.list.iter().enumerate() {
        for &(x, y) in &dispute.pairs {
            let (left, right) = match &dispute.sides {
                Some([_, second]) if second.contains(&x) => (y, x),
                _ => (x, y),
            };
            let (a, b) = (&disputes.claims[&left], &disputes.claims[&right]);
            writer.row(&[
                Cell::Int(index as i64 + 1),
                Cell::Int(a.id),
                (&a.actor).into(),
                (&a.text).into(),
                (&a.source).into(),
                (&a.stated_on).into(),
                Cell::Int(b.id),
                (&b.actor).into(),
                (&b.text).into(),
                (&b.source).into(),
                (&b.stated_on).into(),
            ])?;
        }
    }
    writer.finish()
}
