//! Upgrades of a story on PostgreSQL, as on SQLite (see store/sqlite/upgrade.rs): a numbered
//! list of steps, run in the one transaction that holds the story's lock, so a story goes from
//! its version to the latest whole or not at all. The first version on PostgreSQL is 4, so the
//! list starts there; a schema change adds its step here and in the SQLite list, in one commit.

use crate::store::{StoreError, StoreResult};

/// The version `schema-postgres.sql` describes: always the SQLite side's too.
pub const LATEST: i64 = 5;

/// The version of the first stories on PostgreSQL.
const FIRST: i64 = 4;

/// `STEPS[i]` takes a story from version `FIRST + i` to `FIRST + i + 1`.
const STEPS: &[&str] = &[
    // 5: an import names the claims it added in one history entry, by runs of ids.
    "CREATE TABLE imported_claims (
         history_id  bigint NOT NULL,
         first_id    bigint NOT NULL,
         last_id     bigint NOT NULL CHECK (last_id >= first_id),
         lines       text
     );
     CREATE INDEX imported_claims_last ON imported_claims(last_id, first_id);",
];

/// Run every step after `from`, in order, inside the caller's transaction.
pub fn run(tx: &mut postgres::Transaction, from: i64) -> StoreResult<()> {
    if from < FIRST {
        return Err(StoreError::Damaged(format!("schema version {from} never existed on PostgreSQL")));
    }
    for (index, sql) in STEPS.iter().enumerate().skip((from - FIRST) as usize) {
        let to = FIRST + index as i64 + 1;
        tx.batch_execute(sql).map_err(|e| {
            StoreError::Backend(format!("upgrade to schema version {to} failed: {}", StoreError::from(e)))
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_is_one_step_per_version_and_both_engines_agree() {
        assert_eq!(STEPS.len() as i64, LATEST - FIRST);
        assert_eq!(LATEST, crate::store::sqlite::SCHEMA_VERSION);
    }
}
