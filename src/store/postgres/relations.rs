//! Relations between claims, and the graph queries behind `disputes`.

use postgres::Row;

use super::claims::{selected_claims, where_clause};
use super::{Params, PgTxn};
use crate::model::{ClaimFilter, DisputeClaim, Edge, RelationKind, RelationRecord};
use crate::store::{Each, EdgeScope, Relations, StoreError, StoreResult};

fn kind_of(text: String) -> StoreResult<RelationKind> {
    text.parse().map_err(|e| StoreError::Damaged(format!("a stored value claimtrack cannot read: {e}")))
}

fn record_from_row(row: &Row) -> StoreResult<RelationRecord> {
    Ok(RelationRecord {
        from: row.try_get(0)?,
        from_uid: row.try_get(1)?,
        kind: kind_of(row.try_get(2)?)?,
        to: row.try_get(3)?,
        to_uid: row.try_get(4)?,
        note: row.try_get(5)?,
        created_at: row.try_get(6)?,
    })
}

impl Relations for PgTxn<'_> {
    fn insert_relation(&mut self, edge: Edge, note: Option<&str>, created_at: &str) -> StoreResult<bool> {
        let statement = self.prepared(
            "INSERT INTO relations (from_id, kind, to_id, note, created_at)
             SELECT $1, $2, $3, $4, $5
              WHERE NOT EXISTS (SELECT 1 FROM relations WHERE from_id = $1 AND kind = $2 AND to_id = $3)
             ON CONFLICT (from_id, kind, to_id) DO NOTHING",
        )?;
        let inserted = self.tx.execute(&statement, &[&edge.from, &edge.kind.as_str(), &edge.to, &note, &created_at])?;
        Ok(inserted == 1)
    }

    fn delete_relation(&mut self, edge: Edge) -> StoreResult<Option<Option<String>>> {
        let statement =
            self.prepared("DELETE FROM relations WHERE from_id = $1 AND kind = $2 AND to_id = $3 RETURNING note")?;
        let row = self.tx.query_opt(&statement, &[&edge.from, &edge.kind.as_str(), &edge.to])?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }

    fn relation_note(&mut self, edge: Edge) -> StoreResult<Option<Option<String>>> {
        let statement = self.prepared("SELECT note FROM relations WHERE from_id = $1 AND kind = $2 AND to_id = $3")?;
        let row = self.tx.query_opt(&statement, &[&edge.from, &edge.kind.as_str(), &edge.to])?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }

    fn set_relation_note(&mut self, edge: Edge, note: Option<&str>) -> StoreResult<()> {
        let statement =
            self.prepared("UPDATE relations SET note = $1 WHERE from_id = $2 AND kind = $3 AND to_id = $4")?;
        self.tx.execute(&statement, &[&note, &edge.from, &edge.kind.as_str(), &edge.to])?;
        Ok(())
    }

    fn relations_of(&mut self, id: i64) -> StoreResult<Vec<RelationRecord>> {
        let statement = self.prepared(
            "SELECT r.from_id, f.uid, r.kind, r.to_id, t.uid, r.note, r.created_at
               FROM relations r JOIN claims f ON f.id = r.from_id JOIN claims t ON t.id = r.to_id
              WHERE r.from_id = $1 OR r.to_id = $1
              ORDER BY r.id",
        )?;
        self.tx.query(&statement, &[&id])?.iter().map(record_from_row).collect()
    }

    fn for_each_relation(&mut self, filter: Option<&ClaimFilter>, each: Each<RelationRecord>) -> anyhow::Result<()> {
        // Symmetric relations are written lower uid first, whatever their local ids.
        let mut params = Params::default();
        let (with, between) = match filter {
            None => (String::new(), ""),
            Some(filter) => (
                selected_claims(Some(filter), &mut params),
                "WHERE r.from_id IN (SELECT id FROM selected) AND r.to_id IN (SELECT id FROM selected)",
            ),
        };
        let sql = format!(
            "{with}SELECT CASE WHEN swap THEN to_id ELSE from_id END, CASE WHEN swap THEN t_uid ELSE f_uid END, kind,
                    CASE WHEN swap THEN from_id ELSE to_id END, CASE WHEN swap THEN f_uid ELSE t_uid END,
                    note, created_at
             FROM (SELECT r.from_id, f.uid AS f_uid, r.kind, r.to_id, t.uid AS t_uid, r.note, r.created_at,
                          r.kind IN ('contradicts', 'same-as') AND f.uid > t.uid AS swap
                     FROM relations r JOIN claims f ON f.id = r.from_id JOIN claims t ON t.id = r.to_id {between}) x
             ORDER BY 2, 3, 5"
        );
        let mut rows = self.tx.query_raw(&sql, params.refs()).map_err(StoreError::from)?;
        while let Some(row) =
            postgres::fallible_iterator::FallibleIterator::next(&mut rows).map_err(StoreError::from)?
        {
            each(record_from_row(&row)?)?;
        }
        Ok(())
    }

    fn edges(&mut self, scope: EdgeScope) -> StoreResult<Vec<Edge>> {
        const DISPUTES: &str = "SELECT from_id, kind, to_id FROM relations
                                WHERE kind IN ('contradicts', 'supports', 'same-as') ORDER BY id";
        // PostgreSQL lets the recursive part name `reach` once: both directions go in one LATERAL.
        const AROUND: &str = "WITH RECURSIVE reach(id) AS (
                 SELECT unnest($1::bigint[])
                 UNION
                 SELECT next.id FROM reach, LATERAL (
                     SELECT r.to_id FROM relations r
                      WHERE r.from_id = reach.id AND r.kind IN ('contradicts', 'supports', 'same-as')
                     UNION ALL
                     SELECT r.from_id FROM relations r
                      WHERE r.to_id = reach.id AND r.kind IN ('contradicts', 'supports', 'same-as')) next(id))
             SELECT r.from_id, r.kind, r.to_id FROM reach JOIN relations r ON r.from_id = reach.id
              WHERE r.kind IN ('contradicts', 'supports', 'same-as')
              ORDER BY r.id";
        let mut params = Params::default();
        let rows = match scope {
            EdgeScope::Disputes => {
                let statement = self.prepared(DISPUTES)?;
                self.tx.query(&statement, &[])?
            }
            EdgeScope::DisputesAround(seeds) => {
                let statement = self.prepared(AROUND)?;
                self.tx.query(&statement, &[&seeds])?
            }
            EdgeScope::Between(filter) if filter.selects_all() => {
                let statement = self.prepared("SELECT from_id, kind, to_id FROM relations ORDER BY id")?;
                self.tx.query(&statement, &[])?
            }
            EdgeScope::Between(filter) => {
                let with = selected_claims(Some(filter), &mut params);
                let sql = format!(
                    "{with}SELECT from_id, kind, to_id FROM relations
                     WHERE from_id IN (SELECT id FROM selected) AND to_id IN (SELECT id FROM selected)
                     ORDER BY id"
                );
                self.tx.query(&sql, &params.refs())?
            }
        };
        rows.iter()
            .map(|r| Ok(Edge { from: r.try_get(0)?, kind: kind_of(r.try_get(1)?)?, to: r.try_get(2)? }))
            .collect()
    }

    fn linked_claims(&mut self, filter: &ClaimFilter) -> StoreResult<Vec<i64>> {
        let mut params = Params::default();
        let where_sql = where_clause(filter, &mut params);
        let mut sql = String::from("SELECT c.id FROM claims c");
        sql.push_str(&where_sql);
        // One EXISTS over both directions: each selected claim is two index probes. Two EXISTS
        // joined by OR let the planner hash every relation instead (tens of ms at 1M claims).
        sql.push_str(
            " AND EXISTS (SELECT 1 FROM relations r WHERE r.from_id = c.id
                           AND r.kind IN ('contradicts', 'supports', 'same-as')
                          UNION ALL
                          SELECT 1 FROM relations r WHERE r.to_id = c.id
                           AND r.kind IN ('contradicts', 'supports', 'same-as'))",
        );
        let rows = self.tx.query(&sql, &params.refs())?;
        Ok(rows.iter().map(|r| r.try_get(0)).collect::<Result<_, _>>()?)
    }

    fn dispute_claims(&mut self, ids: &[i64]) -> StoreResult<Vec<DisputeClaim>> {
        let statement = self.prepared(
            "SELECT c.id, c.text, a.name, s.key, c.stated_on
               FROM claims c JOIN actors a ON a.id = c.actor_id LEFT JOIN sources s ON s.id = c.source_id
              WHERE c.id = ANY($1::bigint[])",
        )?;
        self.tx
            .query(&statement, &[&ids])?
            .iter()
            .map(|row| {
                Ok(DisputeClaim {
                    id: row.try_get(0)?,
                    text: row.try_get(1)?,
                    actor: row.try_get(2)?,
                    source: row.try_get(3)?,
                    stated_on: row.try_get(4)?,
                })
            })
            .collect()
    }
}
