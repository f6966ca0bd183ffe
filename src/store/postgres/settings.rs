//! Settings kept with the story: the `settings` table, one value per name.

use super::PgTxn;
use crate::store::{Settings, StoreResult};

impl Settings for PgTxn<'_> {
    fn setting(&mut self, name: &str) -> StoreResult<Option<String>> {
        let statement = self.prepared("SELECT value FROM settings WHERE name = $1")?;
        Ok(self.tx.query_opt(&statement, &[&name])?.map(|r| r.try_get(0)).transpose()?)
    }

    fn settings(&mut self) -> StoreResult<Vec<(String, String)>> {
        let statement = self.prepared("SELECT name, value FROM settings ORDER BY name")?;
        let rows = self.tx.query(&statement, &[])?;
        Ok(rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect::<Result<_, postgres::Error>>()?)
    }

    fn set_setting(&mut self, name: &str, value: &str) -> StoreResult<()> {
        let statement = self.prepared(
            "INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        )?;
        self.tx.execute(&statement, &[&name, &value])?;
        Ok(())
    }

    fn unset_setting(&mut self, name: &str) -> StoreResult<bool> {
        let statement = self.prepared("DELETE FROM settings WHERE name = $1")?;
        Ok(self.tx.execute(&statement, &[&name])? == 1)
    }
}
