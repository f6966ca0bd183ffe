//! Sources: where claims were found.

use postgres::Row;

use super::claims::selected_claims;
use super::{Params, PgTxn};
use crate::model::{ClaimFilter, Source};
use crate::store::{Each, Sources, StoreError, StoreResult};

/// The columns `source_from_row` reads.
macro_rules! source_select {
    () => {
        "SELECT s.id, s.uid, s.key, s.title, s.url, s.publisher, s.published, s.accessed, s.kind, s.body,
                s.created_at, (SELECT count(*) FROM claims c WHERE c.source_id = s.id), s.body_private
         FROM sources s "
    };
}

fn source_from_row(row: &Row) -> StoreResult<Source> {
    Ok(Source {
        id: row.try_get(0)?,
        uid: row.try_get(1)?,
        key: row.try_get(2)?,
        title: row.try_get(3)?,
        url: row.try_get(4)?,
        publisher: row.try_get(5)?,
        published: row.try_get(6)?,
        accessed: row.try_get(7)?,
        kind: row.try_get(8)?,
        body: row.try_get(9)?,
        body_private: row.try_get::<_, i32>(12)? != 0,
        created_at: row.try_get(10)?,
        claims: row.try_get(11)?,
    })
}

impl Sources for PgTxn<'_> {
    fn source_by_key(&mut self, key: &str) -> StoreResult<Option<Source>> {
        let statement = self.prepared(concat!(source_select!(), "WHERE s.key = $1"))?;
        self.tx.query_opt(&statement, &[&key.trim()])?.as_ref().map(source_from_row).transpose()
    }

    fn source_by_url(&mut self, url: &str) -> StoreResult<Option<Source>> {
        let statement = self.prepared(concat!(source_select!(), "WHERE s.url = $1 ORDER BY s.id LIMIT 1"))?;
        self.tx.query_opt(&statement, &[&url.trim()])?.as_ref().map(source_from_row).transpose()
    }

    fn source_by_uid(&mut self, uid: &str) -> StoreResult<Option<Source>> {
        let statement = self.prepared(concat!(source_select!(), "WHERE s.uid = $1"))?;
        self.tx.query_opt(&statement, &[&uid])?.as_ref().map(source_from_row).transpose()
    }

    fn source_ids_by_key(&mut self, keys: &[&str]) -> StoreResult<Vec<Option<i64>>> {
        let keys: Vec<&str> = keys.iter().map(|key| key.trim()).collect();
        let statement = self.prepared(
            "SELECT s.id FROM unnest($1::text[]) WITH ORDINALITY AS n(key, ord) LEFT JOIN sources s ON s.key = n.key
              ORDER BY n.ord",
        )?;
        let rows = self.tx.query(&statement, &[&keys])?;
        Ok(rows.iter().map(|r| r.try_get(0)).collect::<Result<_, _>>()?)
    }

    fn source_ids_by_url(&mut self, urls: &[&str]) -> StoreResult<Vec<Option<i64>>> {
        let urls: Vec<&str> = urls.iter().map(|url| url.trim()).collect();
        let statement = self.prepared(
            "SELECT (SELECT s.id FROM sources s WHERE s.url = n.url ORDER BY s.id LIMIT 1)
               FROM unnest($1::text[]) WITH ORDINALITY AS n(url, ord)
              ORDER BY n.ord",
        )?;
        let rows = self.tx.query(&statement, &[&urls])?;
        Ok(rows.iter().map(|r| r.try_get(0)).collect::<Result<_, _>>()?)
    }

    fn list_sources(&mut self) -> StoreResult<Vec<Source>> {
        let statement = self.prepared(concat!(source_select!(), "ORDER BY s.key"))?;
        self.tx.query(&statement, &[])?.iter().map(source_from_row).collect()
    }

    fn for_each_source(&mut self, filter: Option<&ClaimFilter>, each: Each<Source>) -> anyhow::Result<()> {
        let mut params = Params::default();
        let sql = match filter {
            None => concat!(source_select!(), "ORDER BY s.uid").to_string(),
            Some(filter) => {
                let with = selected_claims(Some(filter), &mut params);
                format!(
                    "{with}{} WHERE s.id IN (SELECT source_id FROM claims WHERE id IN (SELECT id FROM selected))
                     ORDER BY s.uid",
                    source_select!()
                )
            }
        };
        let mut rows = self.tx.query_raw(&sql, params.refs()).map_err(StoreError::from)?;
        while let Some(row) =
            postgres::fallible_iterator::FallibleIterator::next(&mut rows).map_err(StoreError::from)?
        {
            each(source_from_row(&row)?)?;
        }
        Ok(())
    }

    fn insert_source(&mut self, s: &Source) -> StoreResult<i64> {
        let statement = self.prepared(
            "INSERT INTO sources (uid, key, title, url, publisher, published, accessed, kind, body, created_at,
                                  body_private)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )?;
        let row = self.tx.query_one(
            &statement,
            &[
                &s.uid,
                &s.key,
                &s.title,
                &s.url,
                &s.publisher,
                &s.published,
                &s.accessed,
                &s.kind,
                &s.body,
                &s.created_at,
                &i32::from(s.body_private),
            ],
        )?;
        Ok(row.try_get(0)?)
    }

    fn insert_sources(&mut self, sources: &[Source]) -> StoreResult<Vec<i64>> {
        if sources.is_empty() {
            return Ok(Vec::new());
        }
        let statement = self.prepared(
            "INSERT INTO sources (uid, key, title, url, publisher, published, accessed, kind, body, created_at,
                                  body_private)
             SELECT s.uid, s.key, s.title, s.url, s.publisher, s.published, s.accessed, s.kind, s.body,
                    s.created_at, s.body_private
               FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                           $8::text[], $9::text[], $10::text[], $11::int[])
                    WITH ORDINALITY AS s(uid, key, title, url, publisher, published, accessed, kind, body,
                                         created_at, body_private, ord)
              ORDER BY s.ord
             RETURNING id, uid",
        )?;
        let text = |get: fn(&Source) -> &str| sources.iter().map(get).collect::<Vec<&str>>();
        let maybe = |get: fn(&Source) -> Option<&str>| sources.iter().map(get).collect::<Vec<Option<&str>>>();
        let private: Vec<i32> = sources.iter().map(|s| i32::from(s.body_private)).collect();
        let inserted = self.tx.query(
            &statement,
            &[
                &text(|s| &s.uid),
                &text(|s| &s.key),
                &maybe(|s| s.title.as_deref()),
                &maybe(|s| s.url.as_deref()),
                &maybe(|s| s.publisher.as_deref()),
                &maybe(|s| s.published.as_deref()),
                &maybe(|s| s.accessed.as_deref()),
                &text(|s| &s.kind),
                &maybe(|s| s.body.as_deref()),
                &text(|s| &s.created_at),
                &private,
            ],
        )?;
        let mut ids = std::collections::HashMap::with_capacity(inserted.len());
        for row in &inserted {
            ids.insert(row.try_get::<_, String>(1)?, row.try_get::<_, i64>(0)?);
        }
        sources
            .iter()
            .map(|s| {
                ids.get(&s.uid).copied().ok_or_else(|| StoreError::Backend("an inserted source went missing".into()))
            })
            .collect()
    }

    fn update_source(&mut self, id: i64, s: &Source) -> StoreResult<()> {
        let statement = self.prepared(
            "UPDATE sources SET key = $1, title = $2, url = $3, publisher = $4, published = $5, accessed = $6,
             kind = $7, body = $8, body_private = $9 WHERE id = $10",
        )?;
        self.tx.execute(
            &statement,
            &[
                &s.key,
                &s.title,
                &s.url,
                &s.publisher,
                &s.published,
                &s.accessed,
                &s.kind,
                &s.body,
                &i32::from(s.body_private),
                &id,
            ],
        )?;
        Ok(())
    }

    fn delete_source(&mut self, id: i64) -> StoreResult<()> {
        let statement = self.prepared("DELETE FROM sources WHERE id = $1")?;
        self.tx.execute(&statement, &[&id])?;
        Ok(())
    }
}
