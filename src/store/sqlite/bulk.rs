//! Bulk loading the way a database does it, for large imports inside one transaction.
//!
//! The triggers that index each new claim and its tags for search are set aside and the new
//! claims are indexed in one pass at the end, which also spares every insert a statement journal
//! (a trigger makes a one-row INSERT a multi-row write). While they are aside, a change to an
//! older claim's tags takes that claim out of the index and it goes back in that pass. When the rows are many next to the claims already
//! there, the secondary indexes are set aside too and rebuilt at the end: sorting once beats
//! inserting at random into indexes larger than the cache. All of it is DDL inside the
//! transaction, so a rollback undoes it and other connections never see it.

use rusqlite::{Transaction, params};

use super::json_ids;

use crate::store::StoreResult;

/// From about this many rows, an import rebuilds the claims' secondary indexes instead of
/// inserting into them row by row (when the rows are also many next to the claims already there).
const BULK_ROWS: u64 = 20_000;

/// Memory settings for the sorting at the end of an import: spill to temporary files with a
/// small page cache, so that an import's memory stays flat however many rows it brings.
const FINISH_PRAGMAS: &str = "PRAGMA temp_store = FILE; PRAGMA cache_size = -8192;";

/// What an import set aside, and where its new claims start.
pub(super) struct SetAside {
    /// (name, the SQL that creates it again) of the trigger and indexes dropped.
    objects: Vec<(String, String)>,
    /// Claims above this id are new and get indexed for search in one pass at the end.
    pub indexed_up_to: i64,
    /// Claims at or below it that are out of the index until that pass: given an old id by the
    /// file, or their tags changed.
    pub out_of_index: Vec<i64>,
}

pub(super) fn set_aside(tx: &Transaction, expected_rows: u64) -> StoreResult<SetAside> {
    let (existing, max_id): (i64, i64) =
        tx.query_row("SELECT count(*), ifnull(max(id), 0) FROM claims", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let rebuild_indexes = expected_rows >= BULK_ROWS && expected_rows >= existing as u64 / 2;
    let objects: Vec<(String, String)> = tx
        .prepare(
            "SELECT name, sql FROM sqlite_schema
             WHERE (type = 'trigger' AND (name = 'claims_fts_insert' OR tbl_name = 'claim_tags'))
                OR (?1 AND type = 'index' AND sql IS NOT NULL
                    AND tbl_name IN ('claims', 'claim_tags'))",
        )?
        .query_map([rebuild_indexes], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &objects {
        let kind = if name.contains("_fts_") { "TRIGGER" } else { "INDEX" };
        // Names come from sqlite_schema, not from input; quoted as identifiers all the same.
        let quoted = ["\"", &name.replace('"', "\"\""), "\""].concat();
        tx.execute_batch(&["DROP ", kind, " ", &quoted].concat())?;
    }
    Ok(SetAside { objects, indexed_up_to: max_id, out_of_index: Vec::new() })
}

/// Take these claims out of the search index, as the index has them, where they are in it (the
/// index keeps one size row per claim it holds).
pub(super) fn take_out_of_index(tx: &Transaction, ids: &[i64]) -> StoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO claims_fts (claims_fts, rowid, text, quote, notes, actor, tags)
         SELECT 'delete', * FROM claims_search
          WHERE id IN (SELECT value FROM json_each(?)) AND id IN (SELECT id FROM claims_fts_docsize)",
    )?
    .execute([json_ids(ids)])?;
    Ok(())
}

/// Index the new claims for search and create again what was set aside.
pub(super) fn put_back(tx: &Transaction, set_aside: SetAside) -> StoreResult<()> {
    tx.execute_batch(FINISH_PRAGMAS)?;
    tx.prepare_cached(
        "INSERT INTO claims_fts (rowid, text, quote, notes, actor, tags)
         SELECT * FROM claims_search
          WHERE (id > ?1 OR id IN (SELECT value FROM json_each(?2))) AND id NOT IN (SELECT id FROM claims_fts_docsize)",
    )?
    .execute(params![set_aside.indexed_up_to, json_ids(&set_aside.out_of_index)])?;
    for (_, sql) in &set_aside.objects {
        tx.execute_batch(sql)?;
    }
    Ok(())
}
