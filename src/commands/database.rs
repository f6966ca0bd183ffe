//! `init`: the database itself.

use anyhow::Result;

use super::Ctx;

pub fn init(ctx: &mut Ctx) -> Result<()> {
    let existed = ctx.db_path.exists();
    let store = ctx.open_for_writing()?;
    let claims = store.db().claim_count()?;
    if existed {
        eprintln!(
            "{} is already a claims database ({claims} claims); nothing changed",
            store.path().display()
        );
    } else {
        eprintln!("created {}", store.path().display());
    }
    Ok(())
}
