//! `export`: claims for editors' spreadsheets, other tools and publication: csv, xlsx, json,
//! jsonl, claimreview, dot, mermaid, markdown. All take the filters of `list` and `-o FILE`.

use std::io::{IsTerminal, Write};

use anyhow::{Context, Result, bail};

use super::claims::{RECORD_COLUMNS, SHORT_COLUMNS, TIME_COLUMNS, record_cells, record_cells_with_times, short_cells};
use super::disputes;
use super::errors::{UsageError, count};
use super::{Ctx, filter_names, story, write_output};
use crate::cli::{ExportArgs, ExportTarget as Target};
use crate::disputes::group;
use crate::interchange::{read_selection, write_document};
use crate::model::ClaimFilter;
use crate::model::Setting;
use crate::ops::disputes::Disputes;
use crate::ops::redact::Redaction;
use crate::ops::{filter, settings};
use crate::render::graph::{self, Node};
use crate::render::{Cell, Format, RowWriter, claimreview, xlsx};
use crate::store::{self, EdgeScope, Order, Txn};

pub fn run(ctx: &mut Ctx, args: ExportArgs) -> Result<()> {
    let names = filter_names(&args.filter)?;
    let target = args.what;
    if args.disputes && target != Target::Csv {
        bail!("--disputes goes with export csv");
    }
    if args.raw && target != Target::Csv {
        bail!("--raw goes with export csv");
    }
    if args.excel && target != Target::Csv {
        bail!("--excel goes with export csv (export xlsx writes a workbook)");
    }
    if (args.reviewer.is_some() || args.url_base.is_some()) && target != Target::ClaimReview {
        bail!("--reviewer and --url-base go with export claimreview");
    }
    if args.force && !matches!(target, Target::Dot | Target::Mermaid) {
        bail!("--force goes with export dot and export mermaid");
    }
    let csv = Csv { raw: args.raw, excel: args.excel };
    // ClaimReview is published by its nature, so it is always redacted.
    let redacting = args.redact || target == Target::ClaimReview;
    if target == Target::Xlsx && args.output.file().is_none() && std::io::stdout().is_terminal() {
        bail!("a workbook is not for the terminal: write it to a file with -o claims.xlsx");
    }
    let mut storage = ctx.open_existing()?;
    let out = &mut *ctx.out;
    // One snapshot for the whole export: what is written is one moment of the database.
    store::read(storage.as_mut(), |txn| {
        // Every name is checked before the first byte is written.
        let filter = filter::resolve(txn, &names)?;
        let selected = (!filter.selects_all()).then_some(&filter);
        let publisher = match target {
            Target::ClaimReview => Some(review_publisher(txn, &args)?),
            _ => None,
        };
        let mut redaction = if redacting { Some(Redaction::load(txn)?) } else { None };
        let redact = redaction.as_mut();
        write_output(out, args.output.file(), |out| match target {
            Target::Csv if args.disputes => disputes_csv(txn, &filter, out, csv, redact),
            Target::Csv => claims_csv(txn, &filter, out, csv, redact),
            Target::Xlsx => workbook(txn, &filter, out, redact),
            Target::Json => match redact {
                Some(redact) => write_redacted_document(txn, out, selected, redact),
                None => write_document(txn, out, selected),
            },
            Target::Jsonl => claims_jsonl(txn, &filter, out, redact),
            Target::ClaimReview => {
                let redact = redact.expect("claimreview is always redacted");
                claim_reviews(txn, &filter, publisher.as_ref().expect("resolved above"), out, redact)
            }
            Target::Dot | Target::Mermaid => claim_graph(txn, &filter, target, args.force, out, redact),
            Target::Markdown => memo(txn, &filter, out, redact),
        })?;
        if let Some(redaction) = &redaction {
            tell_withheld(redaction, args.redact);
        }
        Ok(())
    })
}

/// Say on stderr what a redacted output left out, in counts only: always when redaction was asked
/// for, and for ClaimReview when there was something to leave out.
pub fn tell_withheld(redaction: &Redaction, asked: bool) {
    for (id, fields) in redaction.named() {
        eprintln!(
            "warning: #{id} is anonymous but its {} name its actor, and went out as written: take the name out (`claimtrack lint` lists them)",
            fields.join(", ")
        );
    }
    let withheld = redaction.withheld();
    if withheld.is_empty() {
        if asked {
            eprintln!("redacted: nothing to withhold (no anonymous claim, private note or private source text)");
        }
        return;
    }
    let mut parts = Vec::new();
    let identities = withheld.identities.len() as i64;
    if identities > 0 {
        parts.push(format!("{} shown by public name only", count(identities, "anonymous claim")));
    }
    let mut left_out = Vec::new();
    if !withheld.notes.is_empty() {
        left_out.push(count(withheld.notes.len() as i64, "private note"));
    }
    if !withheld.texts.is_empty() {
        left_out.push(count(withheld.texts.len() as i64, "private source text"));
    }
    if withheld.relation_notes > 0 {
        left_out.push(count(withheld.relation_notes as i64, "note") + " of relations to anonymous claims");
    }
    if !left_out.is_empty() {
        let last = left_out.pop().expect("not empty");
        let listed = if left_out.is_empty() { last } else { format!("{} and {last}", left_out.join(", ")) };
        parts.push(format!("{listed} left out"));
    }
    eprintln!("redacted: {}", parts.join("; "));
}

/// How `export csv` writes: spreadsheet-safe unless `--raw`; for Excel with `--excel`.
#[derive(Clone, Copy)]
struct Csv {
    raw: bool,
    excel: bool,
}

impl Csv {
    fn writer<'w>(self, columns: &[&'static str], out: &'w mut dyn Write) -> Result<RowWriter<'w>> {
        if self.excel {
            RowWriter::excel_csv(columns, out, self.raw)
        } else {
            RowWriter::new(Format::Csv, columns, out, self.raw)
        }
    }
}

fn claims_csv(
    txn: &mut dyn Txn,
    filter: &ClaimFilter,
    out: &mut dyn Write,
    csv: Csv,
    mut redact: Option<&mut Redaction>,
) -> Result<()> {
    let mut writer = csv.writer(&RECORD_COLUMNS, out)?;
    txn.for_each_claim(filter, Order::Id, &mut |mut claim| {
        if let Some(redact) = redact.as_deref_mut() {
            redact.claim(&mut claim);
        }
        writer.row(&record_cells(&claim))
    })?;
    writer.finish()
}

/// The Claims, Disputes and Sources sheets (see `render::xlsx`).
fn workbook(
    txn: &mut dyn Txn,
    filter: &ClaimFilter,
    out: &mut dyn Write,
    redact: Option<&mut Redaction>,
) -> Result<()> {
    let mut story = story::load(txn, filter)?;
    if let Some(redact) = redact {
        story = redact.story(story);
    }
    let written = xlsx::workbook(&story)?;
    for warning in &written.warnings {
        eprintln!("warning: {warning}");
    }
    out.write_all(&written.bytes)?;
    Ok(())
}

/// Every field of every claim, one JSON object per line, keys in the columns' order.
fn claims_jsonl(
    txn: &mut dyn Txn,
    filter: &ClaimFilter,
    out: &mut dyn Write,
    mut redact: Option<&mut Redaction>,
) -> Result<()> {
    let columns: Vec<&'static str> = RECORD_COLUMNS.iter().chain(&TIME_COLUMNS).copied().collect();
    let mut writer = RowWriter::new(Format::Jsonl, &columns, out, false)?;
    txn.for_each_claim(filter, Order::Id, &mut |mut claim| {
        if let Some(redact) = redact.as_deref_mut() {
            redact.claim(&mut claim);
        }
        writer.row(&record_cells_with_times(&claim))
    })?;
    writer.finish()
}

/// The document of `export json` for publication: built in memory, since which actors it may
/// name is known only once every claim has been seen.
fn write_redacted_document(
    txn: &mut dyn Txn,
    out: &mut dyn Write,
    filter: Option<&ClaimFilter>,
    redact: &mut Redaction,
) -> Result<()> {
    let document = redact.document(read_selection(txn, filter)?);
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)?;
    Ok(())
}

/// One row per contradicting pair, the first side's claim on the left when the dispute splits.
fn disputes_csv(
    txn: &mut dyn Txn,
    filter: &ClaimFilter,
    out: &mut dyn Write,
    csv: Csv,
    redact: Option<&mut Redaction>,
) -> Result<()> {
    let found = redacted_disputes(txn, filter, redact)?;
    let columns = [
        "dispute", "claim_a", "actor_a", "text_a", "source_a", "stated_on_a", "claim_b", "actor_b", "text_b",
        "source_b", "stated_on_b",
    ];
    let mut writer = csv.writer(&columns, out)?;
    for (index, dispute) in found.list.iter().enumerate() {
        for &(x, y) in &dispute.pairs {
            let (left, right) = match &dispute.sides {
                Some([_, second]) if second.contains(&x) => (y, x),
                _ => (x, y),
            };
            let (Some(a), Some(b)) = (found.claim(left), found.claim(right)) else { continue };
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

/// Who publishes the reviews and on which page: the options, else the database's settings. A
/// review without a url is not valid fact-check markup, so there is no export without one.
fn review_publisher(txn: &mut dyn Txn, args: &ExportArgs) -> Result<(Option<String>, String)> {
    let reviewer = settings::given_or_stored(txn, Setting::Reviewer, args.reviewer.as_deref()).context("--reviewer")?;
    let url_base = settings::given_or_stored(txn, Setting::UrlBase, args.url_base.as_deref()).context("--url-base")?;
    let Some(url_base) = url_base else {
        return Err(UsageError(
            "export claimreview needs --url-base URL, the page that publishes the reviews (each review's url, which fact-check markup requires); or store it once with `claimtrack config set url-base URL`"
                .into(),
        )
        .into());
    };
    Ok((reviewer, url_base))
}

/// A JSON array of schema.org ClaimReview objects, one per claim with a verdict.
fn claim_reviews(
    txn: &mut dyn Txn,
    filter: &ClaimFilter,
    (reviewer, url_base): &(Option<String>, String),
    out: &mut dyn Write,
    redact: &mut Redaction,
) -> Result<()> {
    write!(out, "[")?;
    let mut count = 0;
    txn.for_each_review(filter, &mut |mut row| {
        redact.review(&mut row);
        let review = claimreview::claim_review(&row, reviewer.as_deref(), url_base);
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

/// The most claims `export dot`/`mermaid` draws without `--force`: beyond a few hundred boxes a
/// picture is unreadable, Mermaid's renderer gives up at 500 edges, and Graphviz takes minutes.
const GRAPH_CLAIMS: usize = 1000;

fn claim_graph(
    txn: &mut dyn Txn,
    filter: &ClaimFilter,
    target: Target,
    force: bool,
    out: &mut dyn Write,
    mut redact: Option<&mut Redaction>,
) -> Result<()> {
    let mut nodes = Vec::new();
    let mut too_many = false;
    // Reading stops at the first claim past the limit: a refusal costs no more than a picture.
    txn.for_each_claim(filter, Order::Id, &mut |mut claim| {
        if nodes.len() == GRAPH_CLAIMS && !force {
            too_many = true;
            bail!("stop reading");
        }
        if let Some(redact) = redact.as_deref_mut() {
            redact.claim(&mut claim);
        }
        nodes.push(Node { id: claim.id, actor: claim.actor, text: claim.fields.text });
        Ok(())
    })
    .or_else(|err| if too_many { Ok(()) } else { Err(err) })?;
    if too_many {
        let selected = if filter.selects_all() {
            count(txn.claim_count()?, "claim")
        } else {
            format!("more than {}", count(GRAPH_CLAIMS as i64, "claim"))
        };
        bail!(
            "export {} draws at most {} and this would be {selected}: choose some with the filters \
             (--by, --tag, --contested, --since, --limit ...), or draw them all with --force",
            if target == Target::Dot { "dot" } else { "mermaid" },
            count(GRAPH_CLAIMS as i64, "claim"),
        );
    }
    let edges = txn.edges(EdgeScope::Between(filter))?;
    let disputes = group(&edges);
    if target == Target::Dot {
        graph::dot(out, &nodes, &edges, &disputes)
    } else {
        graph::mermaid(out, &nodes, &edges, &disputes)
    }
}

/// Disputes side by side, then the claim list: for pasting into a story memo.
fn memo(
    txn: &mut dyn Txn,
    filter: &ClaimFilter,
    out: &mut dyn Write,
    mut redact: Option<&mut Redaction>,
) -> Result<()> {
    let found = redacted_disputes(txn, filter, redact.as_deref_mut())?;
    writeln!(out, "## Disputes\n")?;
    if found.list.is_empty() {
        writeln!(out, "No contested claims.\n")?;
    }
    disputes::print(out, Format::Markdown, &found)?;
    writeln!(out, "## Claims\n")?;
    let mut writer = RowWriter::new(Format::Markdown, &SHORT_COLUMNS, out, false)?;
    txn.for_each_claim(filter, Order::Id, &mut |mut claim| {
        if let Some(redact) = redact.as_deref_mut() {
            redact.claim(&mut claim);
        }
        writer.row(&short_cells(&claim))
    })?;
    writer.finish()
}

fn redacted_disputes(txn: &mut dyn Txn, filter: &ClaimFilter, redact: Option<&mut Redaction>) -> Result<Disputes> {
    let mut found = Disputes::load(txn, filter)?;
    if let Some(redact) = redact {
        found.claims.values_mut().for_each(|claim| redact.dispute_claim(claim));
    }
    Ok(found)
}
