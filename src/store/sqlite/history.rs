//! The history table: every change, written in the same transaction as the change itself.

use rusqlite::{OptionalExtension, params};

use super::SqliteTxn;
use crate::dates::now_timestamp;
use crate::model::{Change, HistoryEntry, ImportRun};
use crate::store::{History, StoreError, StoreResult};

impl History for SqliteTxn<'_> {
    fn user(&self) -> String {
        self.user.to_string()
    }

    fn record(&mut self, changes: &[Change]) -> StoreResult<()> {
        let at = now_timestamp();
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO history (at, user, action, entity, entity_id, other_id, entity_uid, before, after)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )?;
        for change in changes {
            stmt.execute(params![
                at,
                self.user,
                change.action.to_string(),
                change.entity.to_string(),
                change.entity_id,
                change.other_id,
                change.entity_uid,
                change.before,
                change.after
            ])?;
        }
        Ok(())
    }

    fn record_import(&mut self, change: &Change, runs: &[ImportRun]) -> StoreResult<()> {
        self.record(std::slice::from_ref(change))?;
        let entry = self.tx.last_insert_rowid();
        let mut stmt = self
            .tx
            .prepare_cached("INSERT INTO imported_claims (history_id, first_id, last_id, lines) VALUES (?, ?, ?, ?)")?;
        for run in runs {
            stmt.execute(params![entry, run.first_id, run.last_id, run.lines])?;
        }
        Ok(())
    }

    fn history(&mut self, claim: Option<i64>, limit: u64) -> StoreResult<Vec<HistoryEntry>> {
        let limit = limit.min(i64::MAX as u64) as i64;
        const COLUMNS: &str = "id, at, user, action, entity, entity_id, other_id, entity_uid, before, after";
        let mut stmt = match claim {
            None => self.tx.prepare_cached(&format!(
                "SELECT {COLUMNS}, NULL, NULL, NULL FROM history ORDER BY id DESC LIMIT ?2"
            ))?,
            // The claim's own entries and its relations', and the import that added it (by its run).
            Some(_) => self.tx.prepare_cached(&format!(
                "SELECT {COLUMNS}, NULL, NULL, NULL FROM history
                  WHERE (entity = 'claim' AND entity_id = ?1)
                     OR (entity = 'relation' AND entity_id = ?1)
                     OR (entity = 'relation' AND other_id = ?1)
                 UNION ALL
                 SELECT h.id, h.at, h.user, h.action, h.entity, ?1, NULL, (SELECT uid FROM claims WHERE id = ?1),
                        h.before, h.after, r.first_id, r.last_id, r.lines
                   FROM imported_claims r JOIN history h ON h.id = r.history_id
                  WHERE r.last_id >= ?1 AND r.first_id <= ?1
                 ORDER BY 1 DESC LIMIT ?2"
            ))?,
        };
        let rows = stmt.query_map(params![claim, limit], |row| {
            let run = match row.get::<_, Option<i64>>(10)? {
                Some(first_id) => Some(ImportRun { first_id, last_id: row.get(11)?, lines: row.get(12)? }),
                None => None,
            };
            Ok((
                (row.get(0)?, row.get(1)?, row.get(2)?, row.get::<_, String>(3)?, row.get::<_, String>(4)?),
                (row.get(5)?, row.get(6)?, row.get(7)?),
                (row.get::<_, Option<String>>(8)?, row.get::<_, Option<String>>(9)?),
                run,
            ))
        })?;
        let parse = |text: Option<String>| text.and_then(|t| serde_json::from_str(&t).ok());
        let mut entries = Vec::new();
        for row in rows {
            let ((id, at, user, action, entity), (entity_id, other_id, entity_uid), (before, after), run) = row?;
            let unknown = |e: crate::model::ChoiceError| {
                StoreError::Damaged(format!("a stored value claimtrack cannot read: {e}"))
            };
            let mut entry = HistoryEntry {
                id,
                at,
                user,
                action: action.parse().map_err(unknown)?,
                entity: entity.parse().map_err(unknown)?,
                entity_id,
                other_id,
                entity_uid,
                before: parse(before),
                after: parse(after),
            };
            if let (Some(run), Some(claim)) = (run, claim) {
                entry.narrow_import(claim, &run);
            }
            entries.push(entry);
        }
        Ok(entries)
    }

    fn deleted_snapshot(&mut self, id: i64) -> StoreResult<Option<String>> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT before FROM history WHERE entity = 'claim' AND entity_id = ? AND action = 'delete'
                 ORDER BY id DESC LIMIT 1",
            )?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }
}
