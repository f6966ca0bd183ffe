//! `add`, `list`, `show`, `edit`, `rm`: claims one at a time.

use anyhow::{Result, bail};
use serde::Serialize;

use super::{Ctx, date_flag, filter_names};
use crate::cli::{AddArgs, EditArgs, ListArgs};
use crate::model::{Choice, ClaimRecord, LinkedClaim, Mode, Verdict};
use crate::render::{Cell, Format, RowWriter, markdown_escape, shorten, write_record};
use crate::store::{ActorMatch, ClaimChanges, NewClaim};

/// Every field of a claim, in the order listings and CSV exports give them.
pub const RECORD_COLUMNS: [&str; 17] = [
    "id", "uid", "text", "quote", "actor", "mode", "stated_on", "source", "source_title", "source_url",
    "source_publisher", "locator", "tags", "verdict", "notes", "contradicted_by", "supported_by",
];

pub fn record_cells(c: &ClaimRecord) -> [Cell<'_>; 17] {
    [
        c.id.into(),
        (&c.uid).into(),
        (&c.text).into(),
        (&c.quote).into(),
        (&c.actor).into(),
        (&c.mode).into(),
        (&c.stated_on).into(),
        (&c.source).into(),
        (&c.source_title).into(),
        (&c.source_url).into(),
        (&c.source_publisher).into(),
        (&c.locator).into(),
        (&c.tags).into(),
        (&c.verdict).into(),
        (&c.notes).into(),
        (&c.contradicted_by).into(),
        (&c.supported_by).into(),
    ]
}

/// What a table on a terminal shows of each claim.
pub const SHORT_COLUMNS: [&str; 8] = ["id", "actor", "claim", "mode", "date", "source", "tags", "verdict"];

pub fn short_cells(c: &ClaimRecord) -> [Cell<'_>; 8] {
    [
        c.id.into(),
        (&c.actor).into(),
        (&c.text).into(),
        (&c.mode).into(),
        (&c.stated_on).into(),
        (&c.source).into(),
        (&c.tags).into(),
        (&c.verdict).into(),
    ]
}

/// Tell the user about an actor `--by` created, and about a look-alike it may duplicate.
pub fn report_actor(actor: &ActorMatch) {
    if !actor.created {
        return;
    }
    eprintln!("new actor \"{}\"", actor.name);
    if let Some(similar) = &actor.similar {
        eprintln!(
            "warning: \"{}\" looks like existing actor \"{similar}\"; if they are the same, run `claimtrack actor merge \"{}\" \"{similar}\"`",
            actor.name, actor.name
        );
    }
}

fn parse_choice<T: Choice>(value: Option<&str>) -> Result<Option<T>> {
    Ok(value.map(T::parse).transpose()?)
}

pub fn add(ctx: &mut Ctx, args: AddArgs) -> Result<()> {
    // Check every value before the database is opened (or created).
    if args.text.trim().is_empty() {
        bail!("a claim's text cannot be empty: say what was claimed");
    }
    if args.by.trim().is_empty() {
        bail!("a claim needs an actor: --by cannot be empty");
    }
    let default_mode = if args.quote.is_some() { Mode::Direct } else { Mode::Paraphrase };
    let claim = NewClaim {
        mode: parse_choice(args.mode.as_deref())?.unwrap_or(default_mode),
        verdict: parse_choice(args.verdict.as_deref())?.unwrap_or(Verdict::Unrated),
        stated_on: date_flag("--on", args.on.as_deref())?.filter(|d| !d.is_empty()),
        text: args.text,
        actor: args.by,
        source: args.source,
        quote: args.quote,
        locator: args.at,
        tags: args.tags,
        notes: args.note,
    };
    let (id, _uid, actor) = ctx.with_store(|store| store.write(|db| db.add_claim(claim)))?;
    report_actor(&actor);
    writeln!(ctx.out, "{id}")?;
    Ok(())
}

pub fn list(ctx: &mut Ctx, args: ListArgs) -> Result<()> {
    let names = filter_names(&args.filter)?;
    let store = ctx.open_existing()?;
    let db = store.db();
    let filter = db.resolve_filter(&names)?;
    let format = ctx.format();
    let people = matches!(format, Format::Table | Format::Markdown);
    let columns: &[&'static str] = if people { &SHORT_COLUMNS } else { &RECORD_COLUMNS };
    let mut writer = RowWriter::new(format, columns, ctx.out, false)?;
    let mut count = 0;
    db.for_each_claim(&filter, |claim| {
        count += 1;
        if people { writer.row(&short_cells(claim)) } else { writer.row(&record_cells(claim)) }
    })?;
    writer.finish()?;
    if count == 0 && format == Format::Table {
        eprintln!("no claims{}", if filter.is_empty() { " yet: add one with `claimtrack add`" } else { " match" });
    }
    Ok(())
}

/// How a relation reads from the claim being shown: "supports #7", "supported by #3".
fn relation_phrase(link: &LinkedClaim) -> String {
    let verb = if link.outgoing { link.kind.as_str() } else { link.kind.inverse_phrase() };
    format!("{verb} #{}", link.other_id)
}

#[derive(Serialize)]
struct ClaimWithLinks<'a> {
    #[serde(flatten)]
    claim: &'a ClaimRecord,
    relations: Vec<LinkJson<'a>>,
}

#[derive(Serialize)]
struct LinkJson<'a> {
    relation: String,
    #[serde(flatten)]
    link: &'a LinkedClaim,
}

pub fn show(ctx: &mut Ctx, id: i64) -> Result<()> {
    let store = ctx.open_existing()?;
    let db = store.db();
    let claim = db.claim(id)?;
    let links = db.claim_links(id)?;
    let format = ctx.format();
    match format {
        Format::Json => {
            let relations = links.iter().map(|link| LinkJson { relation: relation_phrase(link), link }).collect();
            serde_json::to_writer_pretty(&mut *ctx.out, &ClaimWithLinks { claim: &claim, relations })?;
            writeln!(ctx.out)?;
        }
        Format::Table | Format::Markdown => {
            let cells = record_cells(&claim);
            let mut fields: Vec<(&'static str, Cell)> = RECORD_COLUMNS
                .iter()
                .copied()
                .zip(cells)
                .filter(|(name, _)| !matches!(*name, "contradicted_by" | "supported_by"))
                .collect();
            fields.push(("created", (&claim.created_at).into()));
            fields.push(("updated", (&claim.updated_at).into()));
            write_record(ctx.out, format, &fields)?;
            if links.is_empty() {
                return Ok(());
            }
            if format == Format::Markdown {
                writeln!(ctx.out, "\n| relation | actor | claim | note |\n|---|---|---|---|")?;
                for link in &links {
                    writeln!(
                        ctx.out,
                        "| {} | {} | {} | {} |",
                        relation_phrase(link),
                        markdown_escape(&link.other_actor),
                        markdown_escape(&link.other_text),
                        markdown_escape(link.note.as_deref().unwrap_or(""))
                    )?;
                }
            } else {
                let mut table = RowWriter::new(format, &["relation", "actor", "claim", "note"], ctx.out, false)?;
                for link in &links {
                    let relation = relation_phrase(link);
                    table.row(&[
                        (&relation).into(),
                        (&link.other_actor).into(),
                        (&link.other_text).into(),
                        (&link.note).into(),
                    ])?;
                }
                table.finish()?;
            }
        }
        Format::Csv | Format::Tsv | Format::Jsonl => {
            let mut writer = RowWriter::new(format, &RECORD_COLUMNS, ctx.out, false)?;
            writer.row(&record_cells(&claim))?;
            writer.finish()?;
        }
    }
    Ok(())
}

pub fn edit(ctx: &mut Ctx, args: EditArgs) -> Result<()> {
    let changes = ClaimChanges {
        mode: parse_choice(args.mode.as_deref())?,
        verdict: parse_choice(args.verdict.as_deref())?,
        stated_on: date_flag("--on", args.on.as_deref())?,
        text: args.text,
        actor: args.by,
        source: args.source,
        quote: args.quote,
        locator: args.at,
        notes: args.note,
        add_tags: args.tags,
        remove_tags: args.untags,
    };
    let nothing = changes.text.is_none()
        && changes.actor.is_none()
        && changes.source.is_none()
        && changes.quote.is_none()
        && changes.mode.is_none()
        && changes.stated_on.is_none()
        && changes.locator.is_none()
        && changes.verdict.is_none()
        && changes.notes.is_none()
        && changes.add_tags.is_empty()
        && changes.remove_tags.is_empty();
    if nothing {
        bail!(
            "nothing to change: give at least one of --text, --by, --source, --quote, --mode, --on, --at, --tag, --untag, --verdict, --note"
        );
    }
    let mut store = ctx.open_existing()?;
    let actor = store.write(|db| db.edit_claim(args.id, changes))?;
    if let Some(actor) = actor {
        report_actor(&actor);
    }
    eprintln!("updated claim #{}", args.id);
    Ok(())
}

pub fn remove(ctx: &mut Ctx, id: i64) -> Result<()> {
    let mut store = ctx.open_existing()?;
    let removed = store.write(|db| db.remove_claim(id))?;
    eprintln!(
        "removed claim #{id} ({}: {}) and its {} relation(s)",
        removed.claim.actor,
        shorten(&removed.claim.text, 60),
        removed.relations
    );
    Ok(())
}
