//! `export`: claims for editors' spreadsheets, other tools and publication: csv, xlsx, json,
//! jsonl, claimreview, dot, mermaid, markdown. All take the filters of `list` and `-o FILE`.

use std::io::{IsTerminal, Write};

use anyhow::{Result, bail};

use super::claims::{RECORD_COLUMNS, SHORT_COLUMNS, record_cells, short_cells};
use super::disputes::{self, Disputes};
use super::{Ctx, filter_names, story, write_output};
use crate::cli::ExportArgs;
use crate::disputes::group;
use crate::render::graph::{self, Node};
use crate::render::{Cell, Format, RowWriter, claimreview, xlsx};
use crate::store::{ClaimFilter, Db, FilterNames};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Csv,
    Xlsx,
    Json,
    JsonLines,
    ClaimReview,
    Dot,
    Mermaid,
    Markdown,
}

impl Target {
    fn parse(word: &str) -> Result<Target> {
        Ok(match word.to_lowercase().as_str() {
            "csv" => Target::Csv,
            "xlsx" | "excel" => Target::Xlsx,
            "json" => Target::Json,
            "jsonl" | "ndjson" => Target::JsonLines,
            "claimreview" => Target::ClaimReview,
            "dot" | "graphviz" => Target::Dot,
            "mermaid" => Target::Mermaid,
            "markdown" | "md" => Target::Markdown,
            other => {
                bail!("cannot export \"{other}\": use csv, xlsx, json, jsonl, claimreview, dot, mermaid or markdown")
            }
        })
    }
}

pub fn run(ctx: &mut Ctx, args: ExportArgs) -> Result<()> {
    let names = filter_names(&args.filter)?;
    let target = Target::parse(&args.what)?;
    if args.disputes && target != Target::Csv {
        bail!("--disputes goes with export csv");
    }
    if args.raw && target != Target::Csv {
        bail!("--raw goes with export csv");
    }
    if (args.reviewer.is_some() || args.url_base.is_some()) && target != Target::ClaimReview {
        bail!("--reviewer and --url-base go with export claimreview");
    }
    if target == Target::Xlsx && args.output.is_none() && std::io::stdout().is_terminal() {
        bail!("a workbook is not for the terminal: write it to a file with -o claims.xlsx");
    }
    let store = ctx.open_existing()?;
    let db = store.db();
    // Every name is checked before the first byte is written.
    let filter = db.resolve_filter(&names)?;
    let selected = !filter.selects_all();
    write_output(ctx, args.output.as_deref(), |out| match target {
        Target::Csv if args.disputes => disputes_csv(&db, &names, out, args.raw),
        Target::Csv => claims_csv(&db, &filter, out, args.raw),
        Target::Xlsx => workbook(&db, &names, out),
        Target::Json => db.write_document(out, selected.then_some(&filter)),
        Target::JsonLines => claims_jsonl(&db, &filter, out),
        Target::ClaimReview => {
            db.select_claims(selected.then_some(&filter))?;
            claim_reviews(&db, selected, args.reviewer.as_deref(), args.url_base.as_deref(), out)
        }
        Target::Dot | Target::Mermaid => claim_graph(&db, &filter, selected, target, out),
        Target::Markdown => memo(&db, &filter, &names, out),
    })
}

fn claims_csv(db: &Db, filter: &ClaimFilter, out: &mut dyn Write, raw: bool) -> Result<()> {
    let mut writer = RowWriter::new(Format::Csv, &RECORD_COLUMNS, out, raw)?;
    db.for_each_claim(filter, |claim| writer.row(&record_cells(claim)))?;
    writer.finish()
}

/// The Claims, Disputes and Sources sheets (see `render::xlsx`).
fn workbook(db: &Db, names: &FilterNames, out: &mut dyn Write) -> Result<()> {
    let written = xlsx::workbook(&story::load(db, names)?)?;
    for warning in &written.warnings {
        eprintln!("warning: {warning}");
    }
    out.write_all(&written.bytes)?;
    Ok(())
}

/// Every field of every claim, one JSON object per line.
fn claims_jsonl(db: &Db, filter: &ClaimFilter, out: &mut dyn Write) -> Result<()> {
    db.for_each_claim(filter, |claim| {
        serde_json::to_writer(&mut *out, claim)?;
        writeln!(out)?;
        Ok(())
    })
}

/// One row per contradicting pair, the first side's claim on the left when the dispute splits.
fn disputes_csv(db: &Db, names: &FilterNames, out: &mut dyn Write, raw: bool) -> Result<()> {
    let disputes = Disputes::load(db, names)?;
    let columns = [
        "dispute", "claim_a", "actor_a", "text_a", "source_a", "stated_on_a", "claim_b", "actor_b", "text_b",
        "source_b", "stated_on_b",
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

/// A JSON array of schema.org ClaimReview objects, one per claim with a verdict.
fn claim_reviews(
    db: &Db,
    selected: bool,
    reviewer: Option<&str>,
    url_base: Option<&str>,
    out: &mut dyn Write,
) -> Result<()> {
    if url_base.is_none() {
        eprintln!("warning: without --url-base the reviews have no url, which fact-check markup requires");
    }
    write!(out, "[")?;
    let mut count = 0;
    db.for_each_review(selected, |row| {
        let review = claimreview::claim_review(row, reviewer, url_base);
        let body = serde_json::to_string_pretty(&review)?.replace('\n', "\n  ");
        write!(out, "{}\n  {body}", if count == 0 { "" } else { "," })?;
        count += 1;
        Ok(())
    })?;
    writeln!(out, "{}]", if count == 0 { "" } else { "\n" })?;
    if count == 0 {
        eprintln!("warning: no selected claim has a verdict; give one with `claimtrack edit ID --verdict false`");
    }
    Ok(())
}

fn claim_graph(db: &Db, filter: &ClaimFilter, selected: bool, target: Target, out: &mut dyn Write) -> Result<()> {
    let mut nodes = Vec::new();
    db.for_each_claim(filter, |claim| {
        nodes.push(Node { id: claim.id, actor: claim.actor.clone(), text: claim.text.clone() });
        Ok(())
    })?;
    db.select_claims(selected.then_some(filter))?;
    let edges = db.selected_edges(selected)?;
    let disputes = group(&edges);
    if target == Target::Dot {
        graph::dot(out, &nodes, &edges, &disputes)
    } else {
        graph::mermaid(out, &nodes, &edges, &disputes)
    }
}

/// Disputes side by side, then the claim list: for pasting into a story memo.
fn memo(db: &Db, filter: &ClaimFilter, names: &FilterNames, out: &mut dyn Write) -> Result<()> {
    let found = Disputes::load(db, names)?;
    writeln!(out, "## Disputes\n")?;
    if found.list.is_empty() {
        writeln!(out, "No contested claims.\n")?;
    }
    disputes::print(out, Format::Markdown, &found)?;
    writeln!(out, "## Claims\n")?;
    let mut writer = RowWriter::new(Format::Markdown, &SHORT_COLUMNS, out, false)?;
    db.for_each_claim(filter, |claim| writer.row(&short_cells(claim)))?;
    writer.finish()
}
