//! `source add|list|show|edit|rm`.

use anyhow::{Context, Result};

use super::{Ctx, date_flag};
use crate::cli::{SourceCommand, SourceFieldArgs};
use crate::import::limits::MAX_ARTICLE_BYTES;
use crate::import::text::read_text_file;
use crate::model::{Source, SourceFields};
use crate::ops::sources as ops;
use crate::render::{Cell, RowWriter, write_record};
use crate::store;

pub fn run(ctx: &mut Ctx, command: SourceCommand) -> Result<()> {
    match command {
        SourceCommand::Add { key, fields } => {
            let fields = source_fields(fields)?;
            let source =
                ctx.with_storage(|storage| store::write(storage, |txn| ops::add_source(txn, &key, fields.clone())))?;
            eprintln!("added source {}", source.key);
        }
        SourceCommand::List => {
            let mut storage = ctx.open_existing()?;
            let sources = store::read(storage.as_mut(), |txn| Ok(txn.list_sources()?))?;
            let columns = ["key", "title", "publisher", "published", "kind", "claims", "url"];
            let format = ctx.format();
            let mut writer = RowWriter::new(format, &columns, ctx.out, false)?;
            for s in &sources {
                writer.row(&[
                    (&s.key).into(),
                    (&s.title).into(),
                    (&s.publisher).into(),
                    (&s.published).into(),
                    (&s.kind).into(),
                    s.claims.into(),
                    (&s.url).into(),
                ])?;
            }
            writer.finish()?;
        }
        SourceCommand::Show { key } => {
            let mut storage = ctx.open_existing()?;
            let source = store::read(storage.as_mut(), |txn| ops::source(txn, &key))?;
            show(ctx, &source)?;
        }
        SourceCommand::Edit { key, new_key, fields, public_text } => {
            let mut fields = source_fields(fields)?;
            fields.key = new_key;
            if public_text {
                fields.body_private = Some(false);
            }
            let mut storage = ctx.open_existing()?;
            let source = store::write(storage.as_mut(), |txn| ops::edit_source(txn, &key, fields.clone()))?;
            eprintln!("updated source {}", source.key);
        }
        SourceCommand::Rm { key } => {
            let mut storage = ctx.open_existing()?;
            let source = store::write(storage.as_mut(), |txn| ops::remove_source(txn, &key))?;
            eprintln!("removed source {}", source.key);
        }
    }
    Ok(())
}

fn source_fields(args: SourceFieldArgs) -> Result<SourceFields> {
    let body = match &args.text_file {
        Some(path) => Some(
            read_text_file(&path.to_string_lossy(), MAX_ARTICLE_BYTES).with_context(|| "--text-file".to_string())?,
        ),
        None => None,
    };
    Ok(SourceFields {
        key: None,
        title: args.title,
        url: args.url,
        publisher: args.publisher,
        published: date_flag("--published", args.published.as_deref())?,
        accessed: date_flag("--accessed", args.accessed.as_deref())?,
        kind: args.kind,
        body,
        body_private: args.private_text.then_some(true),
    })
}

fn show(ctx: &mut Ctx, s: &Source) -> Result<()> {
    let text_size = match (&s.body, s.body_private) {
        (Some(body), false) => Some(format!("{} characters", body.chars().count())),
        (Some(body), true) => Some(format!("{} characters, private", body.chars().count())),
        (None, true) => Some("none yet; private when given".to_string()),
        (None, false) => None,
    };
    let format = ctx.format();
    write_record(
        ctx.out,
        format,
        &[
            ("key", (&s.key).into()),
            ("title", (&s.title).into()),
            ("url", (&s.url).into()),
            ("publisher", (&s.publisher).into()),
            ("published", (&s.published).into()),
            ("accessed", (&s.accessed).into()),
            ("kind", (&s.kind).into()),
            ("text", (&text_size).into()),
            ("claims", Cell::Int(s.claims)),
            ("uid", (&s.uid).into()),
        ],
    )
}
