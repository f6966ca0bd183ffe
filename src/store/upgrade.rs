//! Upgrades from older schema versions, in the TaskChampion style: a numbered list of steps,
//! each taking the database from one version to the next. Chosen over a migration crate because
//! the whole mechanism is this list and the caller in `mod.rs`: one transaction takes a database
//! from its version to the latest, or leaves it untouched.
//!
//! A new database gets `schema.sql` directly; these steps are only for existing files. When the
//! schema changes: edit `schema.sql`, add a step here that makes the same change to an old
//! database, and add a test that upgrades a database made by the previous version.

use anyhow::{Context, Result};
use rusqlite::Connection;

/// The version `schema.sql` describes.
pub const LATEST: i64 = 2;

/// `STEPS[i]` takes a database from version `i + 1` to `i + 2`.
const STEPS: &[&str] = &[
    // 2: the history table, for `history` and `restore`; a covering index for relations' far end.
    "CREATE TABLE history (
         id          INTEGER PRIMARY KEY,
         at          TEXT NOT NULL,
         user        TEXT NOT NULL,
         action      TEXT NOT NULL
                     CHECK (action IN ('create', 'edit', 'delete', 'merge', 'import', 'restore', 'link', 'unlink')),
         entity      TEXT NOT NULL CHECK (entity IN ('claim', 'actor', 'source', 'relation')),
         entity_id   INTEGER,
         other_id    INTEGER,
         entity_uid  TEXT,
         before      TEXT,
         after       TEXT
     );
     CREATE INDEX history_entity ON history(entity, entity_id);
     CREATE INDEX history_other ON history(other_id) WHERE other_id IS NOT NULL;
     -- and relations looked up from their second claim get a covering index
     DROP INDEX relations_kind;
     DROP INDEX relations_to;
     CREATE INDEX relations_to ON relations(to_id, kind, from_id);",
];

/// Run every step after `from`, in order, inside the caller's transaction.
pub fn run(tx: &Connection, from: i64) -> Result<()> {
    for (index, sql) in STEPS.iter().enumerate().skip((from - 1).max(0) as usize) {
        let to = index as i64 + 2;
        tx.execute_batch(sql).with_context(|| format!("upgrade to schema version {to} failed"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_is_one_step_per_version() {
        assert_eq!(STEPS.len() as i64, LATEST - 1);
    }

    /// Every table, index, view and trigger, with each table's and index's columns.
    fn shape(conn: &Connection) -> Vec<String> {
        let mut shape = Vec::new();
        let objects: Vec<(String, String)> = conn
            .prepare("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for (kind, name) in objects {
            let columns: Vec<String> = match kind.as_str() {
                "table" => conn
                    .prepare("SELECT name || ' ' || type || ' ' || \"notnull\" || ' ' || ifnull(dflt_value, '') FROM pragma_table_info(?)")
                    .unwrap()
                    .query_map([&name], |r| r.get(0))
                    .unwrap()
                    .map(Result::unwrap)
                    .collect(),
                "index" => conn
                    .prepare("SELECT ifnull(name, '?') FROM pragma_index_info(?)")
                    .unwrap()
                    .query_map([&name], |r| r.get(0))
                    .unwrap()
                    .map(Result::unwrap)
                    .collect(),
                _ => Vec::new(),
            };
            shape.push(format!("{kind} {name}: {}", columns.join(", ")));
        }
        shape
    }

    #[test]
    fn upgrading_the_first_schema_gives_the_current_one() {
        let old = Connection::open_in_memory().unwrap();
        old.execute_batch(include_str!("../../tests/fixtures/schema-v1.sql")).unwrap();
        run(&old, 1).unwrap();
        let new = Connection::open_in_memory().unwrap();
        new.execute_batch(crate::store::SCHEMA).unwrap();
        assert_eq!(shape(&old), shape(&new));
    }
}
