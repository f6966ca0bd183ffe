//! Relations between claims, and the graph queries behind `disputes`.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params, params_from_iter};

use super::claims::{selected_claims, where_clause};
use super::{SqliteTxn, json_ids};
use crate::model::{ClaimFilter, DisputeClaim, Edge, RelationRecord};
use crate::store::{Each, EdgeScope, Relations, StoreError, StoreResult};

fn kind_of(text: String) -> StoreResult<crate::model::RelationKind> {
    text.parse().map_err(|e| StoreError::Damaged(format!("a stored value claimtrack cannot read: {e}")))
}

impl Relations for SqliteTxn<'_> {
    fn insert_relation(&mut self, edge: Edge, note: Option<&str>, created_at: &str) -> StoreResult<bool> {
        let inserted = self
            .tx
            .prepare_cached(
                "INSERT INTO relations (from_id, kind, to_id, note, created_at) VALUES (?, ?, ?, ?, ?)
                 ON CONFLICT (from_id, kind, to_id) DO NOTHING",
            )?
            .execute(params![edge.from, edge.kind.to_string(), edge.to, note, created_at])?;
        Ok(inserted == 1)
    }

    fn delete_relation(&mut self, edge: Edge) -> StoreResult<Option<Option<String>>> {
        Ok(self
            .tx
            .prepare_cached("DELETE FROM relations WHERE from_id = ? AND kind = ? AND to_id = ? RETURNING note")?
            .query_row(params![edge.from, edge.kind.to_string(), edge.to], |row| row.get(0))
            .optional()?)
    }

    fn relation_note(&mut self, edge: Edge) -> StoreResult<Option<Option<String>>> {
        Ok(self
            .tx
            .prepare_cached("SELECT note FROM relations WHERE from_id = ? AND kind = ? AND to_id = ?")?
            .query_row(params![edge.from, edge.kind.to_string(), edge.to], |row| row.get(0))
            .optional()?)
    }

    fn set_relation_note(&mut self, edge: Edge, note: Option<&str>) -> StoreResult<()> {
        self.tx
            .prepare_cached("UPDATE relations SET note = ? WHERE from_id = ? AND kind = ? AND to_id = ?")?
            .execute(params![note, edge.from, edge.kind.to_string(), edge.to])?;
        Ok(())
    }

    fn relations_of(&mut self, id: i64) -> StoreResult<Vec<RelationRecord>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT r.from_id, f.uid, r.kind, r.to_id, t.uid, r.note, r.created_at
               FROM relations r JOIN claims f ON f.id = r.from_id JOIN claims t ON t.id = r.to_id
              WHERE r.from_id = ?1 OR r.to_id = ?1
              ORDER BY r.id",
        )?;
        let rows = stmt.query_map([id], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?, row.get(6)?))
        })?;
        let mut records = Vec::new();
        for row in rows {
            let (from, from_uid, kind, to, to_uid, note, created_at) = row?;
            records.push(RelationRecord { from, from_uid, kind: kind_of(kind)?, to, to_uid, note, created_at });
        }
        Ok(records)
    }

    fn for_each_relation(&mut self, filter: Option<&ClaimFilter>, each: Each<RelationRecord>) -> anyhow::Result<()> {
        // Symmetric relations are written lower uid first, whatever their local ids.
        let (with, values, between) = match filter {
            None => (String::new(), Vec::new(), ""),
            Some(filter) => {
                let (with, values) = selected_claims(Some(filter));
                (with, values, "WHERE r.from_id IN (SELECT id FROM selected) AND r.to_id IN (SELECT id FROM selected)")
            }
        };
        let sql = format!(
            "{with}SELECT CASE WHEN swap THEN to_id ELSE from_id END, CASE WHEN swap THEN t_uid ELSE f_uid END, kind,
                    CASE WHEN swap THEN from_id ELSE to_id END, CASE WHEN swap THEN f_uid ELSE t_uid END,
                    note, created_at
             FROM (SELECT r.from_id, f.uid AS f_uid, r.kind, r.to_id, t.uid AS t_uid, r.note, r.created_at,
                          r.kind IN ('contradicts', 'same-as') AND f.uid > t.uid AS swap
                     FROM relations r JOIN claims f ON f.id = r.from_id JOIN claims t ON t.id = r.to_id {between})
             ORDER BY 2, 3, 5"
        );
        let mut stmt = self.tx.prepare(&sql).map_err(StoreError::from)?;
        let mut rows = stmt.query(params_from_iter(values)).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let record = (|| -> rusqlite::Result<_> {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get::<_, String>(2)?,
                    row.get(3)?,
                    row.get(4)?,
                    row.get(5)?,
                    row.get(6)?,
                ))
            })()
            .map_err(StoreError::from)?;
            let (from, from_uid, kind, to, to_uid, note, created_at) = record;
            each(RelationRecord { from, from_uid, kind: kind_of(kind)?, to, to_uid, note, created_at })?;
        }
        Ok(())
    }

    fn edges(&mut self, scope: EdgeScope) -> StoreResult<Vec<Edge>> {
        const DISPUTES: &str = "SELECT from_id, kind, to_id FROM relations
                                WHERE kind IN ('contradicts', 'supports', 'same-as') ORDER BY id";
        const AROUND: &str = "WITH RECURSIVE reach(id) AS (
                 SELECT value FROM json_each(?1)
                 UNION
                 SELECT r.to_id FROM relations r JOIN reach ON r.from_id = reach.id
                  WHERE r.kind IN ('contradicts', 'supports', 'same-as')
                 UNION
                 SELECT r.from_id FROM relations r JOIN reach ON r.to_id = reach.id
                  WHERE r.kind IN ('contradicts', 'supports', 'same-as'))
             SELECT r.from_id, r.kind, r.to_id FROM reach JOIN relations r ON r.from_id = reach.id
              WHERE r.kind IN ('contradicts', 'supports', 'same-as')
              ORDER BY r.id";
        let (sql, values): (String, Vec<Value>) = match scope {
            EdgeScope::Disputes => (DISPUTES.into(), Vec::new()),
            EdgeScope::DisputesAround(seeds) => (AROUND.into(), vec![Value::Text(json_ids(seeds))]),
            EdgeScope::Between(filter) if filter.selects_all() => {
                ("SELECT from_id, kind, to_id FROM relations ORDER BY id".into(), Vec::new())
            }
            EdgeScope::Between(filter) => {
                let (with, values) = selected_claims(Some(filter));
                let sql = format!(
                    "{with}SELECT from_id, kind, to_id FROM relations
                     WHERE from_id IN (SELECT id FROM selected) AND to_id IN (SELECT id FROM selected)
                     ORDER BY id"
                );
                (sql, values)
            }
        };
        let mut stmt = self.tx.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(values), |r| Ok((r.get(0)?, r.get::<_, String>(1)?, r.get(2)?)))?;
        let mut edges = Vec::new();
        for row in rows {
            let (from, kind, to) = row?;
            edges.push(Edge { from, kind: kind_of(kind)?, to });
        }
        Ok(edges)
    }

    fn linked_claims(&mut self, filter: &ClaimFilter) -> StoreResult<Vec<i64>> {
        let (where_sql, values) = where_clause(filter);
        let mut sql = String::from("SELECT c.id FROM claims c");
        sql.push_str(&where_sql);
        sql.push_str(
            " AND (EXISTS (SELECT 1 FROM relations r WHERE r.from_id = c.id
                            AND r.kind IN ('contradicts', 'supports', 'same-as'))
                OR EXISTS (SELECT 1 FROM relations r WHERE r.to_id = c.id
                            AND r.kind IN ('contradicts', 'supports', 'same-as')))",
        );
        let mut stmt = self.tx.prepare(&sql)?;
        let ids = stmt.query_map(params_from_iter(values), |row| row.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    fn dispute_claims(&mut self, ids: &[i64]) -> StoreResult<Vec<DisputeClaim>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT c.id, c.text, a.name, s.key, c.stated_on
               FROM claims c JOIN actors a ON a.id = c.actor_id LEFT JOIN sources s ON s.id = c.source_id
              WHERE c.id IN (SELECT value FROM json_each(?))",
        )?;
        let rows = stmt.query_map([json_ids(ids)], |row| {
            Ok(DisputeClaim {
                id: row.get(0)?,
                text: row.get(1)?,
                actor: row.get(2)?,
                source: row.get(3)?,
                stated_on: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
