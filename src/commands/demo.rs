//! `demo`: the seed story, loaded into a new database and shown side by side.

use anyhow::{Context, Result, bail};

use super::Ctx;
use super::disputes::{Disputes, print};
use crate::render::Format;
use crate::store::{Document, FilterNames, OnConflict, OpenMode, Store};

/// The story claimtrack started from, as data (see samples/).
pub const SEED_STORY: &str = include_str!("../../samples/iraq-coalition-talks.json");

pub fn run(ctx: &mut Ctx) -> Result<()> {
    let path = if ctx.db_given {
        ctx.db_path.clone()
    } else {
        std::env::temp_dir().join(format!("claimtrack-demo-{}.db", &uuid::Uuid::now_v7().simple().to_string()[20..]))
    };
    let document: Document = serde_json::from_str(SEED_STORY).context("the built-in seed story is damaged")?;
    let report = ctx.with_store_at(&path, |store| {
        let existing = store.db().claim_count()?;
        if existing > 0 {
            bail!(
                "demo loads the seed story into a new database, but {} already holds {existing} claims: pass --db with a new file name",
                path.display()
            );
        }
        store.write(|db| db.merge_document(&document, OnConflict::Fail))
    })?;
    let store = Store::open(&path, OpenMode::Existing)?;
    let format = ctx.format_given().unwrap_or(Format::Table);
    let out = &mut *ctx.out;
    writeln!(
        out,
        "Loaded the seed story into {}: {} claims by {} actors, {} relations.\n",
        path.display(),
        report.added.claims,
        report.added.actors,
        report.added.relations
    )?;
    writeln!(out, "U.S. officials say the timing of the coalition talks is unrelated to militia attacks;")?;
    writeln!(out, "the Islamic Resistance in Iraq says it forced the decision. The disputes, side by side:\n")?;
    let disputes = Disputes::load(&store.db(), &FilterNames::default())?;
    print(out, format, &disputes)?;
    let db = shell_quote(&path.display().to_string());
    writeln!(out, "Try next:")?;
    writeln!(out, "  claimtrack --db {db} list --by \"U.S. officials\"")?;
    writeln!(out, "  claimtrack --db {db} show 1")?;
    writeln!(out, "  claimtrack --db {db} export csv --disputes -o disputes.csv")?;
    Ok(())
}

/// Quote a path for a POSIX shell when it needs it.
fn shell_quote(text: &str) -> String {
    if text.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+:".contains(c)) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}
