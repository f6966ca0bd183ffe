//! The history table: every change, written in the same transaction as the change itself, in
//! the name of the server's role.

use super::PgTxn;
use crate::dates::now_timestamp;
use crate::model::{Change, HistoryEntry};
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

    fn history(&mut self, claim: Option<i64>, limit: u64) -> StoreResult<Vec<HistoryEntry>> {
        let limit = limit.min(i64::MAX as u64) as i64;
        let statement = self.prepared(
            "SELECT id, at, \"user\", action, entity, entity_id, other_id, entity_uid, before, after FROM history
             WHERE $1::bigint IS NULL
                OR (entity = 'claim' AND entity_id = $1)
                OR (entity = 'relation' AND entity_id = $1)
                OR (entity = 'relation' AND other_id = $1)
             ORDER BY id DESC LIMIT $2",
        )?;
        let parse = |text: Option<String>| text.and_then(|t| serde_json::from_str(&t).ok());
        let unknown =
            |e: crate::model::ChoiceError| StoreError::Damaged(format!("a stored value claimtrack cannot read: {e}"));
        let mut entries = Vec::new();
        for row in self.tx.query(&statement, &[&claim, &limit])? {
            entries.push(HistoryEntry {
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
            });
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
