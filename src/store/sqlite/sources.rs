//! Sources: where claims were found.

use rusqlite::{OptionalExtension, Row, params, params_from_iter};

use super::SqliteTxn;
use super::claims::selected_claims;
use crate::model::{ClaimFilter, Source};
use crate::store::{Each, Sources, StoreError, StoreResult};

/// The columns `source_from_row` reads, as a literal so statements are assembled at compile time.
macro_rules! source_select {
    () => {
        "SELECT s.id, s.uid, s.key, s.title, s.url, s.publisher, s.published, s.accessed, s.kind, s.body,
                s.created_at, (SELECT count(*) FROM claims c WHERE c.source_id = s.id), s.body_private
         FROM sources s "
    };
}

fn source_from_row(row: &Row) -> rusqlite::Result<Source> {
    Ok(Source {
        id: row.get(0)?,
        uid: row.get(1)?,
        key: row.get(2)?,
        title: row.get(3)?,
        url: row.get(4)?,
        publisher: row.get(5)?,
        published: row.get(6)?,
        accessed: row.get(7)?,
        kind: row.get(8)?,
        body: row.get(9)?,
        body_private: row.get(12)?,
        created_at: row.get(10)?,
        claims: row.get(11)?,
    })
}

impl Sources for SqliteTxn<'_> {
    fn source_by_key(&mut self, key: &str) -> StoreResult<Option<Source>> {
        let sql = concat!(source_select!(), "WHERE s.key = ?");
        Ok(self.tx.prepare_cached(sql)?.query_row([key.trim()], source_from_row).optional()?)
    }

    fn source_by_url(&mut self, url: &str) -> StoreResult<Option<Source>> {
        let sql = concat!(source_select!(), "WHERE s.url = ? ORDER BY s.id LIMIT 1");
        Ok(self.tx.prepare_cached(sql)?.query_row([url.trim()], source_from_row).optional()?)
    }

    fn source_by_uid(&mut self, uid: &str) -> StoreResult<Option<Source>> {
        let sql = concat!(source_select!(), "WHERE s.uid = ?");
        Ok(self.tx.prepare_cached(sql)?.query_row([uid], source_from_row).optional()?)
    }

    fn source_ids_by_key(&mut self, keys: &[&str]) -> StoreResult<Vec<Option<i64>>> {
        let mut stmt = self.tx.prepare_cached("SELECT id FROM sources WHERE key = ?")?;
        Ok(keys.iter().map(|key| stmt.query_row([key.trim()], |r| r.get(0)).optional()).collect::<Result<_, _>>()?)
    }

    fn source_ids_by_url(&mut self, urls: &[&str]) -> StoreResult<Vec<Option<i64>>> {
        let mut stmt = self.tx.prepare_cached("SELECT id FROM sources WHERE url = ? ORDER BY id LIMIT 1")?;
        Ok(urls.iter().map(|url| stmt.query_row([url.trim()], |r| r.get(0)).optional()).collect::<Result<_, _>>()?)
    }

    fn list_sources(&mut self) -> StoreResult<Vec<Source>> {
        let mut stmt = self.tx.prepare_cached(concat!(source_select!(), "ORDER BY s.key"))?;
        let rows = stmt.query_map([], source_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn for_each_source(&mut self, filter: Option<&ClaimFilter>, each: Each<Source>) -> anyhow::Result<()> {
        let (sql, values) = match filter {
            None => (concat!(source_select!(), "ORDER BY s.uid").to_string(), Vec::new()),
            Some(filter) => {
                let (with, values) = selected_claims(Some(filter));
                let sql = format!(
                    "{with}{} WHERE s.id IN (SELECT source_id FROM claims WHERE id IN (SELECT id FROM selected))
                     ORDER BY s.uid",
                    source_select!()
                );
                (sql, values)
            }
        };
        let mut stmt = self.tx.prepare(&sql).map_err(StoreError::from)?;
        let mut rows = stmt.query(params_from_iter(values)).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            each(source_from_row(row).map_err(StoreError::from)?)?;
        }
        Ok(())
    }

    fn insert_source(&mut self, s: &Source) -> StoreResult<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO sources (uid, key, title, url, publisher, published, accessed, kind, body, created_at,
                                      body_private)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )?
            .execute(params![
                s.uid, s.key, s.title, s.url, s.publisher, s.published, s.accessed, s.kind, s.body, s.created_at,
                s.body_private
            ])?;
        Ok(self.tx.last_insert_rowid())
    }

    /// One statement a row: SQLite runs in this process, so a batch saves no round trips.
    fn insert_sources(&mut self, sources: &[Source]) -> StoreResult<Vec<i64>> {
        sources.iter().map(|source| self.insert_source(source)).collect()
    }

    fn update_source(&mut self, id: i64, s: &Source) -> StoreResult<()> {
        self.tx
            .prepare_cached(
                "UPDATE sources SET key = ?, title = ?, url = ?, publisher = ?, published = ?, accessed = ?,
                 kind = ?, body = ?, body_private = ? WHERE id = ?",
            )?
            .execute(params![
                s.key, s.title, s.url, s.publisher, s.published, s.accessed, s.kind, s.body, s.body_private, id
            ])?;
        Ok(())
    }

    fn delete_source(&mut self, id: i64) -> StoreResult<()> {
        self.tx.prepare_cached("DELETE FROM sources WHERE id = ?")?.execute([id])?;
        Ok(())
    }
}
