//! `demo`: the seed story, loaded into a new database and shown side by side.

use anyhow::{Context, Result, bail};

use super::disputes::print;
use super::errors::count;
use super::{Ctx, shell_quote};
use crate::interchange::Document;
use crate::model::ClaimFilter;
use crate::ops::disputes::Disputes;
use crate::ops::merge::{OnConflict, merge_document};
use crate::render::Format;
use crate::store::{self, Location};

/// The story claimtrack started from, as data (see samples/).
pub const SEED_STORY: &str = include_str!("../../samples/iraq-coalition-talks.json");

pub fn run(ctx: &mut Ctx) -> Result<()> {
    let location = if ctx.location_given {
        ctx.location.clone()
    } else {
        let name = format!("claimtrack-demo-{}.db", &uuid::Uuid::now_v7().simple().to_string()[20..]);
        Location::File(std::env::temp_dir().join(name))
    };
    let document: Document = serde_json::from_str(SEED_STORY).context("the built-in seed story is damaged")?;
    let (report, disputes) = ctx.with_storage_at(&location, |storage| {
        let existing = store::read(storage, |txn| Ok(txn.claim_count()?))?;
        if existing > 0 {
            bail!(
                "demo loads the seed story into a new database, but {location} already holds {}: pass --db with a new file name",
                count(existing, "claim")
            );
        }
        let report = store::write(storage, |txn| merge_document(txn, &document, OnConflict::Fail, "the seed story"))?;
        let disputes = store::read(storage, |txn| Disputes::load(txn, &ClaimFilter::default()))?;
        Ok((report, disputes))
    })?;
    let format = ctx.format_given().unwrap_or(Format::Table);
    let out = &mut *ctx.out;
    writeln!(
        out,
        "Loaded the seed story into {location}: {} by {}, {}.\n",
        count(report.added.claims as i64, "claim"),
        count(report.added.actors as i64, "actor"),
        count(report.added.relations as i64, "relation")
    )?;
    writeln!(out, "U.S. officials say the timing of the coalition talks is unrelated to militia attacks;")?;
    writeln!(out, "the Islamic Resistance in Iraq says it forced the decision. The disputes, side by side:\n")?;
    print(out, format, &disputes)?;
    let db = shell_quote(&location.to_string());
    writeln!(out, "Try next:")?;
    writeln!(out, "  claimtrack --db {db} list --by \"U.S. officials\"")?;
    writeln!(out, "  claimtrack --db {db} show 1")?;
    writeln!(out, "  claimtrack --db {db} export csv --disputes -o disputes.csv")?;
    Ok(())
}
