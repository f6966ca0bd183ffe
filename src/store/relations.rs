//! Relations between claims, and the graph queries behind `disputes`.

use std::collections::HashMap;

use anyhow::{Result, bail};
use rusqlite::{OptionalExtension, params, params_from_iter};

use super::history::Action;
use super::{ClaimFilter, Db, json_ids};
use crate::dates::now_timestamp;
use crate::model::{Choice, Edge, RelationKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkOutcome {
    Created,
    AlreadyThere,
}

/// What a dispute table shows of a claim.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DisputeClaim {
    pub id: i64,
    pub text: String,
    pub actor: String,
    pub source: Option<String>,
    pub stated_on: Option<String>,
}

/// The stored orientation of a relation: symmetric kinds go lower id first.
pub fn canonical(from: i64, kind: RelationKind, to: i64) -> (i64, i64) {
    if kind.is_symmetric() && from > to { (to, from) } else { (from, to) }
}

/// Run a statement that selects `from_id, kind, to_id` and collect its rows as edges.
pub(super) fn edges(stmt: &mut rusqlite::CachedStatement, params: impl rusqlite::Params) -> Result<Vec<Edge>> {
    let rows = stmt.query_map(params, |r| Ok((r.get(0)?, r.get::<_, String>(1)?, r.get(2)?)))?;
    rows.map(|row| {
        let (from, kind, to) = row?;
        Ok(Edge { from, kind: kind.parse()?, to })
    })
    .collect()
}

impl Db<'_> {
    /// Link two claims. Linking what is already linked (either way round, for a symmetric kind)
    /// changes nothing and says so.
    pub fn link(&self, a: i64, kind: RelationKind, b: i64, note: Option<&str>) -> Result<LinkOutcome> {
        if a == b {
            bail!("a claim cannot be linked to itself (#{a} {kind} #{b}): give two different claim ids");
        }
        self.check_claim(a)?;
        self.check_claim(b)?;
        let inserted = self.insert_relation(Action::Link, (a, kind, b), note, None)?;
        Ok(if inserted { LinkOutcome::Created } else { LinkOutcome::AlreadyThere })
    }

    /// Store a relation in its canonical orientation and record it in the history; false when
    /// it was already there. Both claims must exist.
    pub(super) fn insert_relation(
        &self,
        action: Action,
        (a, kind, b): (i64, RelationKind, i64),
        note: Option<&str>,
        created_at: Option<&str>,
    ) -> Result<bool> {
        let (from, to) = canonical(a, kind, b);
        let note = note.filter(|n| !n.trim().is_empty());
        let inserted = self
            .conn
            .prepare_cached(
                "INSERT INTO relations (from_id, kind, to_id, note, created_at) VALUES (?, ?, ?, ?, ?)
                 ON CONFLICT (from_id, kind, to_id) DO NOTHING",
            )?
            .execute(params![from, kind.as_str(), to, note, created_at.map_or_else(now_timestamp, String::from)])?;
        if inserted == 1 {
            self.record_relation(action, (from, kind, to), note)?;
        }
        Ok(inserted == 1)
    }

    pub fn unlink(&self, a: i64, kind: RelationKind, b: i64) -> Result<()> {
        self.check_claim(a)?;
        self.check_claim(b)?;
        let (from, to) = canonical(a, kind, b);
        let removed: Option<Option<String>> = self
            .conn
            .prepare_cached("DELETE FROM relations WHERE from_id = ? AND kind = ? AND to_id = ? RETURNING note")?
            .query_row(params![from, kind.as_str(), to], |row| row.get(0))
            .optional()?;
        match removed {
            Some(note) => self.record_relation(Action::Unlink, (from, kind, to), note.as_deref()),
            None => bail!("there is no relation #{a} {kind} #{b}: see `claimtrack show {a}` for its relations"),
        }
    }

    /// Every contradicts/supports/same-as edge: the graph disputes are made of.
    pub fn dispute_edges(&self) -> Result<Vec<Edge>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT from_id, kind, to_id FROM relations
             WHERE kind IN ('contradicts', 'supports', 'same-as') ORDER BY id",
        )?;
        edges(&mut stmt, [])
    }

    /// The part of the dispute graph reachable from these claims, in one recursive query.
    pub fn dispute_edges_around(&self, seeds: &[i64]) -> Result<Vec<Edge>> {
        let mut stmt = self.conn.prepare_cached(
            "WITH RECURSIVE reach(id) AS (
                 SELECT value FROM json_each(?1)
                 UNION
                 SELECT r.to_id FROM relations r JOIN reach ON r.from_id = reach.id
                  WHERE r.kind IN ('contradicts', 'supports', 'same-as')
                 UNION
                 SELECT r.from_id FROM relations r JOIN reach ON r.to_id = reach.id
                  WHERE r.kind IN ('contradicts', 'supports', 'same-as'))
             SELECT r.from_id, r.kind, r.to_id FROM reach JOIN relations r ON r.from_id = reach.id
              WHERE r.kind IN ('contradicts', 'supports', 'same-as')
              ORDER BY r.id",
        )?;
        edges(&mut stmt, [json_ids(seeds)])
    }

    /// Claims the filter selects that have any dispute-forming relation.
    pub fn linked_claims(&self, filter: &ClaimFilter) -> Result<Vec<i64>> {
        let (where_sql, values) = filter.where_clause();
        let mut sql = String::from("SELECT c.id FROM claims c");
        sql.push_str(&where_sql);
        sql.push_str(
            " AND (EXISTS (SELECT 1 FROM relations r WHERE r.from_id = c.id
                            AND r.kind IN ('contradicts', 'supports', 'same-as'))
                OR EXISTS (SELECT 1 FROM relations r WHERE r.to_id = c.id
                            AND r.kind IN ('contradicts', 'supports', 'same-as')))",
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let ids = stmt.query_map(params_from_iter(values), |row| row.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// The claims with these ids, as dispute tables show them.
    pub fn dispute_claims(&self, ids: &[i64]) -> Result<HashMap<i64, DisputeClaim>> {
        let mut stmt = self.conn.prepare_cached(
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
        let mut claims = HashMap::new();
        for claim in rows {
            let claim = claim?;
            claims.insert(claim.id, claim);
        }
        Ok(claims)
    }
}
