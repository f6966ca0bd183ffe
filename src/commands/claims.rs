//! `add`, `list`, `show`, `edit`, `rm`: claims one at a time.

use std::io::Write;

use anyhow::{Result, bail};
use serde::Serialize;

use super::errors::{count, look_alike};
use super::{Ctx, date_flag, filter_names};
use crate::cli::{AddArgs, EditArgs, ListArgs};
use crate::model::{ClaimChange, ClaimFields, ClaimRecord, LinkedClaim, Mode, NewClaim, RelationKind, rules};
use crate::ops::actors::ActorMatch;
use crate::ops::{claims as ops, filter};
use crate::render::{Cell, Format, RowWriter, json_object, markdown_escape, shorten, write_record};
use crate::store;

/// Every field of a claim, in the order listings and CSV exports give them.
/// The relation columns list each relation on one of its ends (see `ClaimRelations`), so a file of
/// rows carries every kind. `notes_private` came later, so it comes last.
pub const RECORD_COLUMNS: [&str; 22] = [
    "id", "uid", "text", "quote", "actor", "mode", "stated_on", "source", "source_title", "source_url",
    "source_publisher", "locator", "tags", "verdict", "notes", "contradicted_by", "supported_by", "qualifies",
    "responds_to", "same_as", "supersedes", "notes_private",
];

/// The relation columns: `show` gives every direction of every kind instead (`SHOWN_RELATIONS`).
const RELATION_COLUMNS: [&str; 6] =
    ["contradicted_by", "supported_by", "qualifies", "responds_to", "same_as", "supersedes"];

/// When a claim was created and last changed, and when (and by whom) its verdict was set: `show`
/// and `export jsonl` add them to a record.
pub const TIME_COLUMNS: [&str; 4] = ["created_at", "updated_at", "verdict_at", "verdict_by"];

fn time_cells(c: &ClaimRecord) -> [Cell<'_>; 4] {
    [(&c.created_at).into(), (&c.updated_at).into(), (&c.verdict_at).into(), (&c.verdict_by).into()]
}

/// A record's cells with its times, under `RECORD_COLUMNS` then `TIME_COLUMNS`.
pub fn record_cells_with_times(c: &ClaimRecord) -> Vec<Cell<'_>> {
    record_cells(c).into_iter().chain(time_cells(c)).collect()
}

/// `show`'s relation columns: one claim, so every relation in both directions, by kind.
const SHOWN_RELATIONS: [&str; 10] = [
    "contradicted_by", "supports", "supported_by", "qualifies", "qualified_by", "responds_to", "responded_to_by",
    "same_as", "supersedes", "superseded_by",
];

/// Which of `SHOWN_RELATIONS` a relation seen from the shown claim goes in.
fn shown_relation(link: &LinkedClaim) -> usize {
    use RelationKind::*;
    let name = match (link.kind, link.outgoing) {
        (Contradicts, _) => "contradicted_by",
        (SameAs, _) => "same_as",
        (Supports, true) => "supports",
        (Supports, false) => "supported_by",
        (Qualifies, true) => "qualifies",
        (Qualifies, false) => "qualified_by",
        (RespondsTo, true) => "responds_to",
        (RespondsTo, false) => "responded_to_by",
        (Supersedes, true) => "supersedes",
        (Supersedes, false) => "superseded_by",
    };
    SHOWN_RELATIONS.iter().position(|column| *column == name).expect("every direction has a column")
}

pub fn record_cells(c: &ClaimRecord) -> [Cell<'_>; 22] {
    [
        c.id.into(),
        (&c.uid).into(),
        (&c.fields.text).into(),
        (&c.fields.quote).into(),
        (&c.actor).into(),
        Cell::Text(c.fields.mode.as_str()),
        (&c.fields.stated_on).into(),
        (&c.source).into(),
        (&c.source_title).into(),
        (&c.source_url).into(),
        (&c.source_publisher).into(),
        (&c.fields.locator).into(),
        (&c.tags).into(),
        Cell::Text(c.fields.verdict.as_str()),
        (&c.fields.notes).into(),
        (&c.relations.contradicted_by).into(),
        (&c.relations.supported_by).into(),
        (&c.relations.qualifies).into(),
        (&c.relations.responds_to).into(),
        (&c.relations.same_as).into(),
        (&c.relations.supersedes).into(),
        Cell::Flag(c.fields.notes_private),
    ]
}

/// What a table on a terminal shows of each claim: some of `RECORD_COLUMNS`, under the same names.
pub const SHORT_COLUMNS: [&str; 8] = ["id", "actor", "text", "mode", "stated_on", "source", "tags", "verdict"];

pub fn short_cells(c: &ClaimRecord) -> [Cell<'_>; 8] {
    [
        c.id.into(),
        (&c.actor).into(),
        (&c.fields.text).into(),
        Cell::Text(c.fields.mode.as_str()),
        (&c.fields.stated_on).into(),
        (&c.source).into(),
        (&c.tags).into(),
        Cell::Text(c.fields.verdict.as_str()),
    ]
}

/// Tell the user about an actor `--by` created, and about look-alikes of actors and tags in use.
pub fn report_new_names(actor: Option<&ActorMatch>, similar_tags: &[(String, String)]) {
    if let Some(actor) = actor.filter(|actor| actor.created) {
        eprintln!("new actor \"{}\"", actor.name);
        if let Some(similar) = &actor.similar {
            eprintln!("{}", look_alike("actor", &actor.name, similar));
        }
    }
    for (new, existing) in similar_tags {
        eprintln!("{}", look_alike("tag", new, existing));
    }
}

pub fn add(ctx: &mut Ctx, args: AddArgs) -> Result<()> {
    // Check every value before the database is opened (or created).
    rules::check_text(&args.text)?;
    if args.by.trim().is_empty() {
        bail!("a claim needs an actor: --by cannot be empty");
    }
    for tag in &args.tags {
        rules::check_tag(tag)?;
    }
    let default_mode = if args.quote.is_some() { Mode::Direct } else { Mode::Paraphrase };
    let claim = NewClaim {
        fields: ClaimFields {
            mode: args.mode.unwrap_or(default_mode),
            verdict: args.verdict.unwrap_or_default(),
            stated_on: date_flag("--on", args.on.as_deref())?.filter(|d| !d.is_empty()),
            text: args.text,
            quote: args.quote,
            locator: args.at,
            notes: args.note,
            notes_private: args.private_notes,
        },
        actor: args.by,
        source: args.source,
        tags: args.tags,
    };
    let added = ctx.with_storage(|storage| store::write(storage, |txn| ops::add_claim(txn, claim.clone())))?;
    report_new_names(Some(&added.actor), &added.similar_tags);
    writeln!(ctx.out, "{}", added.id)?;
    Ok(())
}

pub fn list(ctx: &mut Ctx, args: ListArgs) -> Result<()> {
    let names = filter_names(&args.filter)?;
    let mut storage = ctx.open_existing()?;
    let format = ctx.format();
    let people = matches!(format, Format::Table | Format::Markdown);
    let columns: &[&'static str] = if people { &SHORT_COLUMNS } else { &RECORD_COLUMNS };
    let out = &mut *ctx.out;
    let (count, narrowed) = store::read(storage.as_mut(), |txn| {
        let filter = filter::resolve(txn, &names)?;
        let mut writer = RowWriter::new(format, columns, out, false)?;
        let mut count = 0;
        txn.for_each_claim(&filter, store::Order::Id, &mut |claim| {
            count += 1;
            if people { writer.row(&short_cells(&claim)) } else { writer.row(&record_cells(&claim)) }
        })?;
        writer.finish()?;
        Ok((count, !filter.is_empty()))
    })?;
    if count == 0 && format == Format::Table {
        eprintln!("no claims{}", if narrowed { " match" } else { " yet: add one with `claimtrack add`" });
    }
    Ok(())
}

/// How a relation reads from the claim being shown: "supports #7", "supported by #3".
fn relation_phrase(link: &LinkedClaim) -> String {
    let verb = if link.outgoing { link.kind.as_str() } else { link.kind.inverse_phrase() };
    format!("{verb} #{}", link.other_id)
}

pub fn show(ctx: &mut Ctx, id: i64) -> Result<()> {
    let mut storage = ctx.open_existing()?;
    let (claim, links) = store::read(storage.as_mut(), |txn| Ok((ops::claim(txn, id)?, txn.claim_links(id)?)))?;
    let mut related: [Vec<i64>; 10] = Default::default();
    for link in &links {
        related[shown_relation(link)].push(link.other_id);
    }
    let format = ctx.format();
    let people = matches!(format, Format::Table | Format::Markdown);
    let mut fields: Vec<(&'static str, Cell)> = RECORD_COLUMNS
        .iter()
        .copied()
        .zip(record_cells(&claim))
        .filter(|(name, _)| !RELATION_COLUMNS.contains(name))
        .collect();
    // People read the relations in a table of their own, below, with the other claims' words.
    if !people {
        fields.extend(SHOWN_RELATIONS.iter().copied().zip(related.iter().map(Cell::from)));
    }
    fields.extend(TIME_COLUMNS.iter().copied().zip(time_cells(&claim)));
    match format {
        Format::Json => {
            let (names, cells): (Vec<_>, Vec<_>) = fields.into_iter().unzip();
            let mut object = json_object(&names, &cells);
            let relations = links.iter().map(|link| LinkJson { relation: relation_phrase(link), link });
            object["relations"] = serde_json::to_value(relations.collect::<Vec<_>>())?;
            serde_json::to_writer_pretty(&mut *ctx.out, &object)?;
            writeln!(ctx.out)?;
        }
        Format::Csv | Format::Tsv | Format::Jsonl => write_record(ctx.out, format, &fields)?,
        Format::Table | Format::Markdown => {
            write_record(ctx.out, format, &fields)?;
            if !links.is_empty() {
                relation_table(ctx.out, format, &links)?;
            }
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct LinkJson<'a> {
    relation: String,
    #[serde(flatten)]
    link: &'a LinkedClaim,
}

/// The shown claim's relations with the other claims' actors and words.
fn relation_table(out: &mut dyn Write, format: Format, links: &[LinkedClaim]) -> Result<()> {
    if format == Format::Markdown {
        writeln!(out, "\n| relation | actor | text | note |\n|---|---|---|---|")?;
        for link in links {
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                relation_phrase(link),
                markdown_escape(&link.other_actor),
                markdown_escape(&link.other_text),
                markdown_escape(link.note.as_deref().unwrap_or(""))
            )?;
        }
        return Ok(());
    }
    let mut table = RowWriter::new(format, &["relation", "actor", "text", "note"], out, false)?;
    for link in links {
        let relation = relation_phrase(link);
        table.row(&[(&relation).into(), (&link.other_actor).into(), (&link.other_text).into(), (&link.note).into()])?;
    }
    table.finish()
}

pub fn edit(ctx: &mut Ctx, args: EditArgs) -> Result<()> {
    let mut changes = Vec::new();
    if let Some(text) = args.text {
        rules::check_text(&text)?;
        changes.push(ClaimChange::Text(text));
    }
    changes.extend(args.by.map(ClaimChange::Actor));
    changes.extend(args.source.map(ClaimChange::Source));
    changes.extend(args.quote.map(ClaimChange::Quote));
    changes.extend(args.mode.map(ClaimChange::Mode));
    changes.extend(date_flag("--on", args.on.as_deref())?.map(ClaimChange::StatedOn));
    changes.extend(args.at.map(ClaimChange::Locator));
    changes.extend(args.verdict.map(ClaimChange::Verdict));
    changes.extend(args.note.map(ClaimChange::Notes));
    if args.private_notes || args.public_notes {
        changes.push(ClaimChange::NotesPrivate(args.private_notes));
    }
    for tag in &args.tags {
        rules::check_tag(tag)?;
    }
    changes.extend(args.untags.into_iter().map(ClaimChange::RemoveTag));
    changes.extend(args.tags.into_iter().map(ClaimChange::AddTag));
    if changes.is_empty() {
        bail!(
            "nothing to change: give at least one of --text, --by, --source, --quote, --mode, --on, --at, --tag, --untag, --verdict, --note, --private-notes, --public-notes"
        );
    }
    let mut storage = ctx.open_existing()?;
    let edited = store::write(storage.as_mut(), |txn| ops::edit_claim(txn, args.id, &changes))?;
    report_new_names(edited.actor.as_ref(), &edited.similar_tags);
    eprintln!("updated claim #{}", args.id);
    Ok(())
}

pub fn remove(ctx: &mut Ctx, id: i64) -> Result<()> {
    let mut storage = ctx.open_existing()?;
    let removed = store::write(storage.as_mut(), |txn| ops::remove_claim(txn, id))?;
    eprintln!(
        "removed claim #{id} ({}: {}) and its {}",
        removed.claim.actor,
        shorten(&removed.claim.fields.text, 60),
        count(removed.relations as i64, "relation")
    );
    Ok(())
}
