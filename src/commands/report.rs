//! `report`: the story as one self-contained HTML page for editors (see `render::report`).

use std::io::IsTerminal;

use anyhow::{Result, bail};

use super::{Ctx, filter_names, story, write_output};
use crate::cli::{FilterArgs, ReportArgs};
use crate::lint;
use crate::ops::filter;
use crate::ops::redact::Redaction;
use crate::render::report::{self, Heading};
use crate::store;

pub fn run(ctx: &mut Ctx, args: ReportArgs) -> Result<()> {
    let names = filter_names(&args.filter)?;
    if args.output.file().is_none() && std::io::stdout().is_terminal() {
        bail!("the report is an HTML page, not for the terminal: write it to a file with -o story.html");
    }
    let title = match args.title.as_deref().map(str::trim) {
        Some("") => bail!("--title cannot be empty"),
        Some(title) => title.to_string(),
        None => default_title(ctx),
    };
    let mut storage = ctx.open_existing()?;
    // One snapshot: the story, and for a redacted page the public names of its anonymous claims.
    let (story, redaction) = store::read(storage.as_mut(), |txn| {
        let filter = filter::resolve(txn, &names)?;
        let story = story::load(txn, &filter)?;
        if !args.redact {
            return Ok((story, None));
        }
        let mut redaction = Redaction::load(txn)?;
        Ok((redaction.story(story), Some(redaction)))
    })?;
    let mut selected = args.filter.clone();
    if let Some(redaction) = &redaction
        && selected.by.is_some()
        && !redaction.withheld().identities.is_empty()
    {
        // Claims by one actor, some of them anonymous: the page must not say whose they are.
        selected.by = Some("one source".into());
    }
    let heading = Heading {
        title,
        selection: selection(&selected),
        generated: chrono::Local::now().format("%-d %B %Y").to_string(),
    };
    let page = report::page(&story, &lint::check(&story, &[]), &heading)?;
    write_output(ctx.out, args.output.file(), |out| Ok(out.write_all(page.as_bytes())?))?;
    if let Some(redaction) = &redaction {
        super::export::tell_withheld(redaction, true);
    }
    Ok(())
}

/// "Claims in talks" for talks.db, and for a server's database its name.
fn default_title(ctx: &Ctx) -> String {
    format!("Claims in {}", ctx.location.story_name())
}

/// What the filters selected, in words: "claims by U.S. officials, tagged timing".
fn selection(filter: &FilterArgs) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(by) = &filter.by {
        parts.push(format!("by {by}"));
    }
    if let Some(source) = &filter.source {
        parts.push(format!("from source {source}"));
    }
    if !filter.tags.is_empty() {
        parts.push(format!("tagged {}", filter.tags.join(" and ")));
    }
    if let Some(mode) = &filter.mode {
        parts.push(format!("in {mode} mode"));
    }
    if let Some(verdict) = &filter.verdict {
        parts.push(format!("rated {verdict}"));
    }
    if let Some(since) = &filter.since {
        parts.push(format!("stated since {since}"));
    }
    if let Some(until) = &filter.until {
        parts.push(format!("stated until {until}"));
    }
    if filter.contested {
        parts.push("contested".into());
    }
    if let Some(limit) = filter.limit {
        parts.push(format!("the first {limit}"));
    }
    (!parts.is_empty()).then(|| format!("Claims {}", parts.join(", ")))
}
