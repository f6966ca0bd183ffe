//! Actors: who makes claims, with their aliases and affiliation.

use rusqlite::{OptionalExtension, Row, params, params_from_iter};

use super::claims::selected_claims;
use super::{SqliteTxn, json_list};
use crate::model::{Actor, ActorRow, ClaimFilter};
use crate::names::{fold_key, name_key};
use crate::store::{Actors, Each, NameOwner, StoreError, StoreResult};

macro_rules! actor_select {
    () => {
        "SELECT a.id, a.uid, a.name, a.kind, a.description, p.id, p.name, p.uid,
                (SELECT json_group_array(alias) FROM (SELECT alias FROM actor_aliases WHERE actor_id = a.id ORDER BY alias)),
                a.created_at,
                (SELECT count(*) FROM claims c WHERE c.actor_id = a.id),
                a.public_name
         FROM actors a LEFT JOIN actors p ON p.id = a.affiliation "
    };
}

fn actor_from_row(row: &Row) -> rusqlite::Result<(Actor, String)> {
    let actor = Actor {
        id: row.get(0)?,
        uid: row.get(1)?,
        name: row.get(2)?,
        kind: row.get(3)?,
        description: row.get(4)?,
        public_name: row.get(11)?,
        affiliation_id: row.get(5)?,
        affiliation: row.get(6)?,
        affiliation_uid: row.get(7)?,
        aliases: Vec::new(),
        created_at: row.get(9)?,
        claims: row.get(10)?,
    };
    Ok((actor, row.get(8)?))
}

fn with_aliases((actor, aliases): (Actor, String)) -> StoreResult<Actor> {
    Ok(Actor { aliases: json_list(&aliases)?, ..actor })
}

impl Actors for SqliteTxn<'_> {
    fn actor_named(&mut self, name: &str) -> StoreResult<Option<(i64, String)>> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT id, name FROM actors WHERE name_key = ?1
                 UNION ALL
                 SELECT a.id, a.name FROM actor_aliases x JOIN actors a ON a.id = x.actor_id WHERE x.alias_key = ?1
                 LIMIT 1",
            )?
            .query_row([name_key(name)], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?)
    }

    /// One statement a name: SQLite runs in this process, so a batch saves no round trips.
    fn actors_named(&mut self, names: &[&str]) -> StoreResult<Vec<Option<(i64, String)>>> {
        names.iter().map(|name| self.actor_named(name)).collect()
    }

    fn actor(&mut self, id: i64) -> StoreResult<Option<Actor>> {
        self.tx
            .prepare_cached(concat!(actor_select!(), "WHERE a.id = ?"))?
            .query_row([id], actor_from_row)
            .optional()?
            .map(with_aliases)
            .transpose()
    }

    fn actor_id_by_uid(&mut self, uid: &str) -> StoreResult<Option<i64>> {
        Ok(self.tx.prepare_cached("SELECT id FROM actors WHERE uid = ?")?.query_row([uid], |r| r.get(0)).optional()?)
    }

    fn name_owner(&mut self, name: &str, except: Option<i64>) -> StoreResult<Option<NameOwner>> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT a.id, a.name, NULL FROM actors a WHERE a.name_key = ?1 AND a.id IS NOT ?2
                 UNION ALL
                 SELECT a.id, a.name, x.alias FROM actor_aliases x JOIN actors a ON a.id = x.actor_id
                 WHERE x.alias_key = ?1 AND a.id IS NOT ?2
                 LIMIT 1",
            )?
            .query_row(params![name_key(name), except], |row| {
                Ok(NameOwner { actor_id: row.get(0)?, actor: row.get(1)?, alias: row.get(2)? })
            })
            .optional()?)
    }

    fn similar_actor(&mut self, name: &str, except: Option<i64>) -> StoreResult<Option<String>> {
        let fold = fold_key(name);
        if fold.is_empty() {
            return Ok(None);
        }
        Ok(self
            .tx
            .prepare_cached(
                "SELECT a.name FROM actors a
                 WHERE (a.fold_key = ?1 OR a.id IN (SELECT actor_id FROM actor_aliases WHERE fold_key = ?1))
                   AND a.id IS NOT ?2
                 ORDER BY a.id LIMIT 1",
            )?
            .query_row(params![fold, except], |row| row.get(0))
            .optional()?)
    }

    fn similar_actors(&mut self, names: &[&str]) -> StoreResult<Vec<Option<String>>> {
        names.iter().map(|name| self.similar_actor(name, None)).collect()
    }

    fn actor_names(&mut self) -> StoreResult<Vec<(String, String)>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT name, name FROM actors
             UNION ALL
             SELECT x.alias, a.name FROM actor_aliases x JOIN actors a ON a.id = x.actor_id",
        )?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn list_actors(&mut self) -> StoreResult<Vec<Actor>> {
        let mut stmt = self.tx.prepare_cached(concat!(actor_select!(), "ORDER BY a.name_key"))?;
        let rows = stmt.query_map([], actor_from_row)?;
        rows.map(|row| with_aliases(row?)).collect()
    }

    fn for_each_actor(&mut self, filter: Option<&ClaimFilter>, each: Each<Actor>) -> anyhow::Result<()> {
        let (sql, values) = match filter {
            None => (concat!(actor_select!(), "ORDER BY a.uid").to_string(), Vec::new()),
            Some(filter) => {
                // A selection takes the actors of its claims and, up the chain, those they belong to.
                let (with, values) = selected_claims(Some(filter));
                let sql = format!(
                    "{}, needed(id) AS (
                         SELECT actor_id FROM claims WHERE id IN (SELECT id FROM selected)
                         UNION
                         SELECT x.affiliation FROM actors x JOIN needed ON x.id = needed.id
                          WHERE x.affiliation IS NOT NULL)
                     {} WHERE a.id IN needed ORDER BY a.uid",
                    with.replacen("WITH ", "WITH RECURSIVE ", 1),
                    actor_select!()
                );
                (sql, values)
            }
        };
        let mut stmt = self.tx.prepare(&sql).map_err(StoreError::from)?;
        let mut rows = stmt.query(params_from_iter(values)).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            each(with_aliases(actor_from_row(row).map_err(StoreError::from)?)?)?;
        }
        Ok(())
    }

    fn insert_actor(&mut self, row: &ActorRow) -> StoreResult<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO actors (uid, name, name_key, fold_key, kind, description, affiliation, created_at,
                                     public_name)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )?
            .execute(params![
                row.uid,
                row.name,
                name_key(&row.name),
                fold_key(&row.name),
                row.kind,
                row.description,
                row.affiliation,
                row.created_at,
                row.public_name
            ])?;
        Ok(self.tx.last_insert_rowid())
    }

    fn insert_actors(&mut self, rows: &[ActorRow]) -> StoreResult<Vec<i64>> {
        rows.iter().map(|row| self.insert_actor(row)).collect()
    }

    fn update_actor(&mut self, id: i64, row: &ActorRow) -> StoreResult<()> {
        self.tx
            .prepare_cached(
                "UPDATE actors SET name = ?, name_key = ?, fold_key = ?, kind = ?, description = ?, affiliation = ?,
                                   public_name = ?
                 WHERE id = ?",
            )?
            .execute(params![
                row.name,
                name_key(&row.name),
                fold_key(&row.name),
                row.kind,
                row.description,
                row.affiliation.filter(|&a| a != id),
                row.public_name,
                id
            ])?;
        // A renamed actor may have had the new name as an alias; it is its name now.
        self.tx
            .prepare_cached("DELETE FROM actor_aliases WHERE actor_id = ? AND alias_key = ?")?
            .execute(params![id, name_key(&row.name)])?;
        Ok(())
    }

    fn delete_actor(&mut self, id: i64) -> StoreResult<()> {
        self.tx.prepare_cached("DELETE FROM actors WHERE id = ?")?.execute([id])?;
        Ok(())
    }

    fn add_alias(&mut self, id: i64, alias: &str) -> StoreResult<()> {
        let own: String =
            self.tx.prepare_cached("SELECT name_key FROM actors WHERE id = ?")?.query_row([id], |r| r.get(0))?;
        if name_key(alias) == own {
            return Ok(()); // the actor's own name needs no alias
        }
        self.tx
            .prepare_cached(
                "INSERT INTO actor_aliases (alias_key, alias, fold_key, actor_id) VALUES (?, ?, ?, ?)
                 ON CONFLICT (alias_key) DO NOTHING",
            )?
            .execute(params![name_key(alias), alias.trim(), fold_key(alias), id])?;
        Ok(())
    }

    fn remove_alias(&mut self, id: i64, alias: &str) -> StoreResult<bool> {
        let removed = self
            .tx
            .prepare_cached("DELETE FROM actor_aliases WHERE actor_id = ? AND alias_key = ?")?
            .execute(params![id, name_key(alias)])?;
        Ok(removed == 1)
    }

    fn move_actor_rows(&mut self, from: i64, into: i64) -> StoreResult<usize> {
        let moved = self.tx.execute("UPDATE claims SET actor_id = ?1 WHERE actor_id = ?2", params![into, from])?;
        self.tx
            .execute("UPDATE actors SET affiliation = ?1 WHERE affiliation = ?2 AND id <> ?1", params![into, from])?;
        self.tx
            .execute("UPDATE actors SET affiliation = NULL WHERE id = ?1 AND affiliation = ?2", params![into, from])?;
        self.tx.execute("UPDATE actor_aliases SET actor_id = ?1 WHERE actor_id = ?2", params![into, from])?;
        Ok(moved)
    }
}
