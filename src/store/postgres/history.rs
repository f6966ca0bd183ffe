//! The history table: every change, written in the same transaction as the change itself, in
//! the name of the server's role.

use super::PgTxn;
use crate::dates::now_timestamp;
use crate::model::{Change, HistoryEntry, ImportRun};
use crate::store::{History, StoreError, StoreResult};

impl History for PgTxn<'_> {
    fn user(&self) -> String {
        self.role.to_string()
    }

    /// The user is `current_user`, whatever the client calls itself.
    fn record(&mut self, changes: &[Change]) -> StoreResult<()> {
        if changes.is_empty() {
            return Ok(());
        }
        let at = now_timestamp();
        let actions: Vec<&str> = changes.iter().map(|c| c.action.as_str()).collect();
        let entities: Vec<&str> = changes.iter().map(|c| c.entity.as_str()).collect();
        let ids: Vec<Option<i64>> = changes.iter().map(|c| c.entity_id).collect();
        let others: Vec<Option<i64>> = changes.iter().map(|c| c.other_id).collect();
        let uids: Vec<Option<&str>> = changes.iter().map(|c| c.entity_uid.as_deref()).collect();
        let befores: Vec<Option<&str>> = changes.iter().map(|c| c.before.as_deref()).collect();
        let afters: Vec<Option<&str>> = changes.iter().map(|c| c.after.as_deref()).collect();
        let statement = self.prepared(
            "INSERT INTO history (at, \"user\", action, entity, entity_id, other_id, entity_uid, before, after)
             SELECT $1, current_user, c.action, c.entity, c.entity_id, c.other_id, c.entity_uid, c.before, c.after
               FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::text[])
                    WITH ORDINALITY AS c(action, entity, entity_id, other_id, entity_uid, before, after, ord)
              ORDER BY c.ord",
        )?;
        self.tx.execute(&statement, &[&at, &actions, &entities, &ids, &others, &uids, &befores, &afters])?;
        Ok(())
    }

    fn record_import(&mut self, change: &Change, runs: &[ImportRun]) -> StoreResult<()> {
        let statement = self.prepared(
            "INSERT INTO history (at, \"user\", action, entity, entity_id, other_id, entity_uid, before, after)
             VALUES ($1, current_user, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )?;
        let entry: i64 = self
            .tx
            .query_one(
                &statement,
                &[
                    &now_timestamp(),
                    &change.action.as_str(),
                    &change.entity.as_str(),
                    &change.entity_id,
                    &change.other_id,
                    &change.entity_uid,
                    &change.before,
                    &change.after,
                ],
            )?
            .try_get(0)?;
        let firsts: Vec<i64> = runs.iter().map(|r| r.first_id).collect();
        let lasts: Vec<i64> = runs.iter().map(|r| r.last_id).collect();
        let lines: Vec<Option<&str>> = runs.iter().map(|r| r.lines.as_deref()).collect();
        let statement = self.prepared(
            "INSERT INTO imported_claims (history_id, first_id, last_id, lines)
             SELECT $1, r.first_id, r.last_id, r.lines FROM unnest($2::bigint[], $3::bigint[], $4::text[])
                    AS r(first_id, last_id, lines)",
        )?;
        self.tx.execute(&statement, &[&entry, &firsts, &lasts, &lines])?;
        Ok(())
    }

    fn history(&mut self, claim: Option<i64>, limit: u64) -> StoreResult<Vec<HistoryEntry>> {
        let limit = limit.min(i64::MAX as u64) as i64;
        // The claim's own entries and its relations', and the import that added it (by its run).
        let statement = self.prepared(
            "SELECT id, at, \"user\", action, entity, entity_id, other_id, entity_uid, before, after,
                    NULL::bigint, NULL::bigint, NULL::text
               FROM history
              WHERE $1::bigint IS NULL
                 OR (entity = 'claim' AND entity_id = $1)
                 OR (entity = 'relation' AND entity_id = $1)
                 OR (entity = 'relation' AND other_id = $1)
             UNION ALL
             SELECT h.id, h.at, h.\"user\", h.action, h.entity, $1, NULL, (SELECT uid FROM claims WHERE id = $1),
                    h.before, h.after, r.first_id, r.last_id, r.lines
               FROM imported_claims r JOIN history h ON h.id = r.history_id
              WHERE $1::bigint IS NOT NULL AND r.last_id >= $1 AND r.first_id <= $1
             ORDER BY 1 DESC LIMIT $2",
        )?;
        let parse = |text: Option<String>| text.and_then(|t| serde_json::from_str(&t).ok());
        let unknown =
            |e: crate::model::ChoiceError| StoreError::Damaged(format!("a stored value claimtrack cannot read: {e}"));
        let mut entries = Vec::new();
        for row in self.tx.query(&statement, &[&claim, &limit])? {
            let mut entry = HistoryEntry {
                id: row.try_get(0)?,
                at: row.try_get(1)?,
                user: row.try_get(2)?,
                action: row.try_get::<_, String>(3)?.parse().map_err(unknown)?,
                entity: row.try_get::<_, String>(4)?.parse().map_err(unknown)?,
                entity_id: row.try_get(5)?,
                other_id: row.try_get(6)?,
                entity_uid: row.try_get(7)?,
                before: parse(row.try_get(8)?),
                after: parse(row.try_get(9)?),
            };
            if let (Some(first_id), Some(claim)) = (row.try_get::<_, Option<i64>>(10)?, claim) {
                let run = ImportRun { first_id, last_id: row.try_get(11)?, lines: row.try_get(12)? };
                entry.narrow_import(claim, &run);
            }
            entries.push(entry);
        }
        Ok(entries)
    }

    fn deleted_snapshot(&mut self, id: i64) -> StoreResult<Option<String>> {
        let statement = self.prepared(
            "SELECT before FROM history WHERE entity = 'claim' AND entity_id = $1 AND action = 'delete'
             ORDER BY id DESC LIMIT 1",
        )?;
        Ok(self.tx.query_opt(&statement, &[&id])?.map(|r| r.try_get(0)).transpose()?.flatten())
    }
}
