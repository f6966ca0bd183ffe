//! `disputes`: contested claims side by side. The grouping itself is in `crate::disputes`.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::Ctx;
use crate::cli::DisputesArgs;
use crate::disputes::Dispute;
use crate::model::DisputeClaim;
use crate::ops::disputes::Disputes;
use crate::ops::filter::{self, FilterNames};
use crate::render::table::{Column, TableWriter};
use crate::render::{Cell, Format, RowWriter, markdown_escape};
use crate::store;

/// "#3 actor: claim (source, date)", as a side-by-side cell shows it.
pub fn cell(disputes: &Disputes, id: i64) -> String {
    let Some(c) = disputes.claim(id) else { return format!("#{id}") };
    let whence: Vec<&str> = [c.source.as_deref(), c.stated_on.as_deref()].into_iter().flatten().collect();
    let whence = if whence.is_empty() { String::new() } else { format!(" ({})", whence.join(", ")) };
    format!("#{} {}: {}{whence}", c.id, c.actor, c.text)
}

/// The actors on one side, in order of first appearance: a column heading.
fn side_heading(disputes: &Disputes, side: &[i64]) -> String {
    let mut actors: Vec<&str> = Vec::new();
    for actor in side.iter().filter_map(|&id| disputes.claim(id)).map(|c| c.actor.as_str()) {
        if !actors.contains(&actor) {
            actors.push(actor);
        }
    }
    actors.join(" / ")
}

/// The disputes a set of filter names selects, read in one snapshot.
pub fn load(storage: &mut dyn store::Storage, names: &FilterNames) -> Result<Disputes> {
    store::read(storage, |txn| {
        let filter = filter::resolve(txn, names)?;
        Disputes::load(txn, &filter)
    })
}

pub fn run(ctx: &mut Ctx, args: DisputesArgs) -> Result<()> {
    let names = FilterNames { by: args.by, source: args.source, tags: args.tags, ..FilterNames::default() };
    let mut storage = ctx.open_existing()?;
    let disputes = load(storage.as_mut(), &names)?;
    if disputes.list.is_empty() {
        eprintln!("no disputes: record one with `claimtrack link A contradicts B`");
    }
    let format = ctx.format();
    print(ctx.out, format, &disputes)
}

#[derive(Serialize)]
struct DisputeJson<'a> {
    dispute: usize,
    sides: Vec<Vec<&'a DisputeClaim>>,
    pairs: &'a [(i64, i64)],
    claims: Vec<&'a DisputeClaim>,
}

fn as_json<'a>(number: usize, d: &'a Dispute, disputes: &'a Disputes) -> DisputeJson<'a> {
    DisputeJson {
        dispute: number,
        sides: d
            .sides
            .iter()
            .flat_map(|sides| sides.iter().map(|side| side.iter().filter_map(|&id| disputes.claim(id)).collect()))
            .collect(),
        pairs: &d.pairs,
        claims: d.claims.iter().filter_map(|&id| disputes.claim(id)).collect(),
    }
}

pub fn print(out: &mut dyn Write, format: Format, disputes: &Disputes) -> Result<()> {
    match format {
        Format::Table | Format::Markdown => {
            for (index, dispute) in disputes.list.iter().enumerate() {
                print_one(out, format, index + 1, dispute, disputes)?;
            }
        }
        Format::Json => {
            let all: Vec<DisputeJson> =
                disputes.list.iter().enumerate().map(|(i, d)| as_json(i + 1, d, disputes)).collect();
            serde_json::to_writer_pretty(&mut *out, &all)?;
            writeln!(out)?;
        }
        Format::Jsonl => {
            for (index, dispute) in disputes.list.iter().enumerate() {
                serde_json::to_writer(&mut *out, &as_json(index + 1, dispute, disputes))?;
                writeln!(out)?;
            }
        }
        Format::Csv | Format::Tsv => {
            let columns = ["dispute", "side", "id", "actor", "text", "source", "stated_on"];
            let mut writer = RowWriter::new(format, &columns, out, false)?;
            for (index, dispute) in disputes.list.iter().enumerate() {
                let number = index as i64 + 1;
                let placed: Vec<(Cell, i64)> = match &dispute.sides {
                    Some([a, b]) => {
                        a.iter().map(|&id| (Cell::Int(1), id)).chain(b.iter().map(|&id| (Cell::Int(2), id))).collect()
                    }
                    None => dispute.claims.iter().map(|&id| (Cell::Null, id)).collect(),
                };
                for (side, id) in placed {
                    let Some(c) = disputes.claim(id) else { continue };
                    writer.row(&[
                        Cell::Int(number),
                        side,
                        Cell::Int(id),
                        (&c.actor).into(),
                        (&c.text).into(),
                        (&c.source).into(),
                        (&c.stated_on).into(),
                    ])?;
                }
            }
            writer.finish()?;
        }
    }
    Ok(())
}

fn print_one(out: &mut dyn Write, format: Format, number: usize, d: &Dispute, all: &Disputes) -> Result<()> {
    let (title, headers, rows): (String, Vec<String>, Vec<Vec<String>>) = match &d.sides {
        Some([a, b]) => {
            let rows = (0..a.len().max(b.len()))
                .map(|i| {
                    vec![
                        a.get(i).map(|&id| cell(all, id)).unwrap_or_default(),
                        b.get(i).map(|&id| cell(all, id)).unwrap_or_default(),
                    ]
                })
                .collect();
            (
                format!("Dispute {number}: {} claims on two sides", d.claims.len()),
                vec![side_heading(all, a), side_heading(all, b)],
                rows,
            )
        }
        None => (
            format!(
                "Dispute {number}: {} claims that do not split into two sides; the contradicting pairs",
                d.claims.len()
            ),
            vec!["claim".into(), "contradicts".into()],
            d.pairs.iter().map(|&(x, y)| vec![cell(all, x), cell(all, y)]).collect(),
        ),
    };
    if format == Format::Markdown {
        writeln!(out, "### {title}\n")?;
        writeln!(out, "| {} |\n|---|---|", headers.iter().map(|h| markdown_escape(h)).collect::<Vec<_>>().join(" | "))?;
        for row in rows {
            writeln!(out, "| {} |", row.iter().map(|c| markdown_escape(c)).collect::<Vec<_>>().join(" | "))?;
        }
        writeln!(out)?;
    } else {
        writeln!(out, "{title}")?;
        let mut table = TableWriter::new(out, headers.iter().map(|h| Column::main(h)).collect());
        for row in &rows {
            table.row(&[&row[0], &row[1]])?;
        }
        table.finish()?;
        writeln!(out)?;
    }
    Ok(())
}
