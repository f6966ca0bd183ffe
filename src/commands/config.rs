//! `config set|get|list|unset`: settings kept in the database, so they travel with the story.

use anyhow::{Result, bail};

use super::Ctx;
use crate::cli::ConfigCommand;
use crate::ops::settings as ops;
use crate::render::RowWriter;
use crate::store;

pub fn run(ctx: &mut Ctx, command: ConfigCommand) -> Result<()> {
    match command {
        ConfigCommand::Set { name, value } => {
            let stored = ctx.with_storage(|storage| store::write(storage, |txn| ops::set(txn, name, &value)))?;
            eprintln!("{name} is now \"{stored}\"");
        }
        ConfigCommand::Get { name } => {
            let mut storage = ctx.open_existing()?;
            match store::read(storage.as_mut(), |txn| ops::get(txn, name))? {
                Some(value) => writeln!(ctx.out, "{value}")?,
                None => bail!("{name} is not set: set it with `claimtrack config set {name} VALUE`"),
            }
        }
        ConfigCommand::List => {
            let mut storage = ctx.open_existing()?;
            let settings = store::read(storage.as_mut(), |txn| Ok(txn.settings()?))?;
            let mut writer = RowWriter::new(ctx.format(), &["name", "value"], ctx.out, false)?;
            for (name, value) in &settings {
                writer.row(&[name.into(), value.into()])?;
            }
            writer.finish()?;
            if settings.is_empty() {
                eprintln!("nothing is set: see `claimtrack config --help` for the settings there are");
            }
        }
        ConfigCommand::Unset { name } => {
            let removed =
                ctx.with_storage(|storage| store::write(storage, |txn| Ok(txn.unset_setting(name.as_str())?)))?;
            if removed {
                eprintln!("{name} is no longer set");
            } else {
                eprintln!("{name} was not set; nothing changed");
            }
        }
    }
    Ok(())
}
