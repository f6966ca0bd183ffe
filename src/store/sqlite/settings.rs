//! Settings kept with the story: the `settings` table, one value per name.

use rusqlite::{OptionalExtension, params};

use super::SqliteTxn;
use crate::store::{Settings, StoreResult};

impl Settings for SqliteTxn<'_> {
    fn setting(&mut self, name: &str) -> StoreResult<Option<String>> {
        Ok(self
            .tx
            .prepare_cached("SELECT value FROM settings WHERE name = ?")?
            .query_row([name], |row| row.get(0))
            .optional()?)
    }

    fn settings(&mut self) -> StoreResult<Vec<(String, String)>> {
        let mut stmt = self.tx.prepare_cached("SELECT name, value FROM settings ORDER BY name")?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn set_setting(&mut self, name: &str, value: &str) -> StoreResult<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO settings (name, value) VALUES (?1, ?2) ON CONFLICT (name) DO UPDATE SET value = ?2",
            )?
            .execute(params![name, value])?;
        Ok(())
    }

    fn unset_setting(&mut self, name: &str) -> StoreResult<bool> {
        Ok(self.tx.prepare_cached("DELETE FROM settings WHERE name = ?")?.execute([name])? == 1)
    }
}
