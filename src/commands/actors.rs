//! `actor add|list|show|edit|rm|merge`.

use anyhow::Result;

use super::Ctx;
use super::errors::{count, look_alike};
use crate::cli::ActorCommand;
use crate::model::{ActorChanges, NewActor};
use crate::ops::actors as ops;
use crate::render::{Cell, RowWriter, write_record};
use crate::store;

pub fn run(ctx: &mut Ctx, command: ActorCommand) -> Result<()> {
    match command {
        ActorCommand::Add { name, kind, aliases, affiliation, description, public_name } => {
            let new = NewActor { name, kind, description, public_name, affiliation, aliases };
            let (actor, similar) =
                ctx.with_storage(|storage| store::write(storage, |txn| ops::add_actor(txn, new.clone())))?;
            eprintln!("added actor \"{}\" (#{})", actor.name, actor.id);
            if let Some(similar) = similar {
                eprintln!("{}", look_alike("actor", &actor.name, &similar));
            }
        }
        ActorCommand::List => {
            let mut storage = ctx.open_existing()?;
            let actors = store::read(storage.as_mut(), |txn| Ok(txn.list_actors()?))?;
            let columns = ["id", "name", "kind", "affiliation", "aliases", "claims"];
            let format = ctx.format();
            let mut writer = RowWriter::new(format, &columns, ctx.out, false)?;
            for a in &actors {
                writer.row(&[
                    a.id.into(),
                    (&a.name).into(),
                    (&a.kind).into(),
                    (&a.affiliation).into(),
                    (&a.aliases).into(),
                    a.claims.into(),
                ])?;
            }
            writer.finish()?;
        }
        ActorCommand::Show { actor } => {
            let mut storage = ctx.open_existing()?;
            let a = store::read(storage.as_mut(), |txn| ops::actor(txn, &actor))?;
            let format = ctx.format();
            write_record(
                ctx.out,
                format,
                &[
                    ("id", Cell::Int(a.id)),
                    ("name", (&a.name).into()),
                    ("kind", (&a.kind).into()),
                    ("affiliation", (&a.affiliation).into()),
                    ("aliases", (&a.aliases).into()),
                    ("description", (&a.description).into()),
                    ("public_name", (&a.public_name).into()),
                    ("claims", Cell::Int(a.claims)),
                    ("uid", (&a.uid).into()),
                ],
            )?;
        }
        ActorCommand::Edit { actor, name, kind, description, public_name, affiliation, aliases, unaliases } => {
            let mut storage = ctx.open_existing()?;
            let changes = ActorChanges {
                name,
                kind,
                description,
                public_name,
                affiliation,
                add_aliases: aliases,
                remove_aliases: unaliases,
            };
            let actor = store::write(storage.as_mut(), |txn| ops::edit_actor(txn, &actor, changes.clone()))?;
            eprintln!("updated actor \"{}\" (#{})", actor.name, actor.id);
        }
        ActorCommand::Rm { actor } => {
            let mut storage = ctx.open_existing()?;
            let actor = store::write(storage.as_mut(), |txn| ops::remove_actor(txn, &actor))?;
            eprintln!("removed actor \"{}\"", actor.name);
        }
        ActorCommand::Merge { from, into } => {
            let mut storage = ctx.open_existing()?;
            let (from, into, moved) = store::write(storage.as_mut(), |txn| ops::merge_actors(txn, &from, &into))?;
            eprintln!(
                "merged \"{}\" into \"{}\": {} moved; \"{}\" is now an alias",
                from.name,
                into.name,
                count(moved as i64, "claim"),
                from.name
            );
        }
    }
    Ok(())
}
