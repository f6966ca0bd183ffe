//! Actors: who makes claims, with their aliases and affiliation.

use postgres::Row;

use super::claims::selected_claims;
use super::{Params, PgTxn};
use crate::model::{Actor, ActorRow, ClaimFilter};
use crate::names::{fold_key, name_key};
use crate::store::{Actors, Each, NameOwner, StoreError, StoreResult};

macro_rules! actor_select {
    () => {
        "SELECT a.id, a.uid, a.name, a.kind, a.description, p.id, p.name, p.uid,
                ARRAY(SELECT alias FROM actor_aliases WHERE actor_id = a.id ORDER BY alias),
                a.created_at,
                (SELECT count(*) FROM claims c WHERE c.actor_id = a.id),
                a.public_name
         FROM actors a LEFT JOIN actors p ON p.id = a.affiliation "
    };
}

fn actor_from_row(row: &Row) -> StoreResult<Actor> {
    Ok(Actor {
        id: row.try_get(0)?,
        uid: row.try_get(1)?,
        name: row.try_get(2)?,
        kind: row.try_get(3)?,
        description: row.try_get(4)?,
        public_name: row.try_get(11)?,
        affiliation_id: row.try_get(5)?,
        affiliation: row.try_get(6)?,
        affiliation_uid: row.try_get(7)?,
        aliases: row.try_get(8)?,
        created_at: row.try_get(9)?,
        claims: row.try_get(10)?,
    })
}

impl Actors for PgTxn<'_> {
    fn actor_named(&mut self, name: &str) -> StoreResult<Option<(i64, String)>> {
        let statement = self.prepared(
            "SELECT id, name FROM actors WHERE name_key = $1
             UNION ALL
             SELECT a.id, a.name FROM actor_aliases x JOIN actors a ON a.id = x.actor_id WHERE x.alias_key = $1
             LIMIT 1",
        )?;
        let row = self.tx.query_opt(&statement, &[&name_key(name)])?;
        Ok(row.map(|r| Ok::<_, postgres::Error>((r.try_get(0)?, r.try_get(1)?))).transpose()?)
    }

    fn actors_named(&mut self, names: &[&str]) -> StoreResult<Vec<Option<(i64, String)>>> {
        let keys: Vec<String> = names.iter().map(|name| name_key(name)).collect();
        let statement = self.prepared(
            "SELECT found.id, found.name
               FROM unnest($1::text[]) WITH ORDINALITY AS n(key, ord)
               LEFT JOIN LATERAL (
                   SELECT id, name FROM actors WHERE name_key = n.key
                   UNION ALL
                   SELECT a.id, a.name FROM actor_aliases x JOIN actors a ON a.id = x.actor_id WHERE x.alias_key = n.key
                   LIMIT 1) found ON true
              ORDER BY n.ord",
        )?;
        let rows = self.tx.query(&statement, &[&keys])?;
        let found = |r: &Row| -> Result<_, postgres::Error> {
            let id: Option<i64> = r.try_get(0)?;
            Ok(match id {
                Some(id) => Some((id, r.try_get(1)?)),
                None => None,
            })
        };
        Ok(rows.iter().map(found).collect::<Result<_, _>>()?)
    }

    fn actor(&mut self, id: i64) -> StoreResult<Option<Actor>> {
        let statement = self.prepared(concat!(actor_select!(), "WHERE a.id = $1"))?;
        self.tx.query_opt(&statement, &[&id])?.as_ref().map(actor_from_row).transpose()
    }

    fn actor_id_by_uid(&mut self, uid: &str) -> StoreResult<Option<i64>> {
        let statement = self.prepared("SELECT id FROM actors WHERE uid = $1")?;
        Ok(self.tx.query_opt(&statement, &[&uid])?.map(|r| r.try_get(0)).transpose()?)
    }

    fn name_owner(&mut self, name: &str, except: Option<i64>) -> StoreResult<Option<NameOwner>> {
        let statement = self.prepared(
            "SELECT a.id, a.name, NULL::text FROM actors a WHERE a.name_key = $1 AND a.id IS DISTINCT FROM $2
             UNION ALL
             SELECT a.id, a.name, x.alias FROM actor_aliases x JOIN actors a ON a.id = x.actor_id
             WHERE x.alias_key = $1 AND a.id IS DISTINCT FROM $2
             LIMIT 1",
        )?;
        let row = self.tx.query_opt(&statement, &[&name_key(name), &except])?;
        Ok(row
            .map(|r| {
                Ok::<_, postgres::Error>(NameOwner {
                    actor_id: r.try_get(0)?,
                    actor: r.try_get(1)?,
                    alias: r.try_get(2)?,
                })
            })
            .transpose()?)
    }

    fn actor_names(&mut self) -> StoreResult<Vec<(String, String)>> {
        let statement = self.prepared(
            "SELECT name, name FROM actors
             UNION ALL
             SELECT x.alias, a.name FROM actor_aliases x JOIN actors a ON a.id = x.actor_id",
        )?;
        let rows = self.tx.query(&statement, &[])?;
        Ok(rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect::<Result<_, postgres::Error>>()?)
    }

    fn similar_actor(&mut self, name: &str, except: Option<i64>) -> StoreResult<Option<String>> {
        let fold = fold_key(name);
        if fold.is_empty() {
            return Ok(None);
        }
        let statement = self.prepared(
            "SELECT a.name FROM actors a
             WHERE (a.fold_key = $1 OR a.id IN (SELECT actor_id FROM actor_aliases WHERE fold_key = $1))
               AND a.id IS DISTINCT FROM $2
             ORDER BY a.id LIMIT 1",
        )?;
        Ok(self.tx.query_opt(&statement, &[&fold, &except])?.map(|r| r.try_get(0)).transpose()?)
    }

    fn similar_actors(&mut self, names: &[&str]) -> StoreResult<Vec<Option<String>>> {
        let folds: Vec<String> = names.iter().map(|name| fold_key(name)).collect();
        // Two arms rather than one OR, so that each looks its fold key up in an index.
        let statement = self.prepared(
            "SELECT (SELECT m.name
                       FROM (SELECT a.id, a.name FROM actors a WHERE a.fold_key = n.fold
                             UNION ALL
                             SELECT a.id, a.name FROM actor_aliases x JOIN actors a ON a.id = x.actor_id
                              WHERE x.fold_key = n.fold) m
                      WHERE n.fold <> ''
                      ORDER BY m.id LIMIT 1)
               FROM unnest($1::text[]) WITH ORDINALITY AS n(fold, ord)
              ORDER BY n.ord",
        )?;
        let rows = self.tx.query(&statement, &[&folds])?;
        Ok(rows.iter().map(|r| r.try_get(0)).collect::<Result<_, _>>()?)
    }

    fn list_actors(&mut self) -> StoreResult<Vec<Actor>> {
        let statement = self.prepared(concat!(actor_select!(), "ORDER BY a.name_key"))?;
        self.tx.query(&statement, &[])?.iter().map(actor_from_row).collect()
    }

    fn for_each_actor(&mut self, filter: Option<&ClaimFilter>, each: Each<Actor>) -> anyhow::Result<()> {
        let mut params = Params::default();
        let sql = match filter {
            None => concat!(actor_select!(), "ORDER BY a.uid").to_string(),
            Some(filter) => {
                // A selection takes the actors of its claims and, up the chain, those they belong to.
                let with = selected_claims(Some(filter), &mut params);
                format!(
                    "{}, needed(id) AS (
                         SELECT actor_id FROM claims WHERE id IN (SELECT id FROM selected)
                         UNION
                         SELECT x.affiliation FROM actors x JOIN needed ON x.id = needed.id
                          WHERE x.affiliation IS NOT NULL)
                     {} WHERE a.id IN (SELECT id FROM needed) ORDER BY a.uid",
                    with.replacen("WITH ", "WITH RECURSIVE ", 1),
                    actor_select!()
                )
            }
        };
        let mut rows = self.tx.query_raw(&sql, params.refs()).map_err(StoreError::from)?;
        while let Some(row) =
            postgres::fallible_iterator::FallibleIterator::next(&mut rows).map_err(StoreError::from)?
        {
            each(actor_from_row(&row)?)?;
        }
        Ok(())
    }

    fn insert_actor(&mut self, row: &ActorRow) -> StoreResult<i64> {
        let statement = self.prepared(
            "INSERT INTO actors (uid, name, name_key, fold_key, kind, description, affiliation, created_at,
                                 public_name)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )?;
        let inserted = self.tx.query_one(
            &statement,
            &[
                &row.uid,
                &row.name,
                &name_key(&row.name),
                &fold_key(&row.name),
                &row.kind,
                &row.description,
                &row.affiliation,
                &row.created_at,
                &row.public_name,
            ],
        )?;
        Ok(inserted.try_get(0)?)
    }

    fn insert_actors(&mut self, rows: &[ActorRow]) -> StoreResult<Vec<i64>> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let statement = self.prepared(
            "INSERT INTO actors (uid, name, name_key, fold_key, kind, description, affiliation, created_at,
                                 public_name)
             SELECT r.uid, r.name, r.name_key, r.fold_key, r.kind, r.description, r.affiliation, r.created_at,
                    r.public_name
               FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[],
                           $8::text[], $9::text[])
                    WITH ORDINALITY AS r(uid, name, name_key, fold_key, kind, description, affiliation, created_at,
                                         public_name, ord)
              ORDER BY r.ord
             RETURNING id, uid",
        )?;
        let uids: Vec<&str> = rows.iter().map(|r| r.uid.as_str()).collect();
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        let name_keys: Vec<String> = rows.iter().map(|r| name_key(&r.name)).collect();
        let fold_keys: Vec<String> = rows.iter().map(|r| fold_key(&r.name)).collect();
        let kinds: Vec<Option<&str>> = rows.iter().map(|r| r.kind.as_deref()).collect();
        let descriptions: Vec<Option<&str>> = rows.iter().map(|r| r.description.as_deref()).collect();
        let affiliations: Vec<Option<i64>> = rows.iter().map(|r| r.affiliation).collect();
        let created: Vec<&str> = rows.iter().map(|r| r.created_at.as_str()).collect();
        let public_names: Vec<Option<&str>> = rows.iter().map(|r| r.public_name.as_deref()).collect();
        let inserted = self.tx.query(
            &statement,
            &[&uids, &names, &name_keys, &fold_keys, &kinds, &descriptions, &affiliations, &created, &public_names],
        )?;
        let mut ids = std::collections::HashMap::with_capacity(inserted.len());
        for row in &inserted {
            ids.insert(row.try_get::<_, String>(1)?, row.try_get::<_, i64>(0)?);
        }
        rows.iter()
            .map(|r| {
                ids.get(&r.uid).copied().ok_or_else(|| StoreError::Backend("an inserted actor went missing".into()))
            })
            .collect()
    }

    fn update_actor(&mut self, id: i64, row: &ActorRow) -> StoreResult<()> {
        let statement = self.prepared(
            "UPDATE actors SET name = $1, name_key = $2, fold_key = $3, kind = $4, description = $5, affiliation = $6,
                               public_name = $7
             WHERE id = $8",
        )?;
        self.tx.execute(
            &statement,
            &[
                &row.name,
                &name_key(&row.name),
                &fold_key(&row.name),
                &row.kind,
                &row.description,
                &row.affiliation.filter(|&a| a != id),
                &row.public_name,
                &id,
            ],
        )?;
        // A renamed actor may have had the new name as an alias; it is its name now.
        let statement = self.prepared("DELETE FROM actor_aliases WHERE actor_id = $1 AND alias_key = $2")?;
        self.tx.execute(&statement, &[&id, &name_key(&row.name)])?;
        Ok(())
    }

    fn delete_actor(&mut self, id: i64) -> StoreResult<()> {
        let statement = self.prepared("DELETE FROM actors WHERE id = $1")?;
        self.tx.execute(&statement, &[&id])?;
        Ok(())
    }

    fn add_alias(&mut self, id: i64, alias: &str) -> StoreResult<()> {
        let statement = self.prepared("SELECT name_key FROM actors WHERE id = $1")?;
        let own: String = self.tx.query_one(&statement, &[&id])?.try_get(0)?;
        if name_key(alias) == own {
            return Ok(()); // the actor's own name needs no alias
        }
        let statement = self.prepared(
            "INSERT INTO actor_aliases (alias_key, alias, fold_key, actor_id) VALUES ($1, $2, $3, $4)
             ON CONFLICT (alias_key) DO NOTHING",
        )?;
        self.tx.execute(&statement, &[&name_key(alias), &alias.trim(), &fold_key(alias), &id])?;
        Ok(())
    }

    fn remove_alias(&mut self, id: i64, alias: &str) -> StoreResult<bool> {
        let statement = self.prepared("DELETE FROM actor_aliases WHERE actor_id = $1 AND alias_key = $2")?;
        Ok(self.tx.execute(&statement, &[&id, &name_key(alias)])? == 1)
    }

    fn move_actor_rows(&mut self, from: i64, into: i64) -> StoreResult<usize> {
        let moved = self.tx.execute("UPDATE claims SET actor_id = $1 WHERE actor_id = $2", &[&into, &from])?;
        self.tx.execute("UPDATE actors SET affiliation = $1 WHERE affiliation = $2 AND id <> $1", &[&into, &from])?;
        self.tx.execute("UPDATE actors SET affiliation = NULL WHERE id = $1 AND affiliation = $2", &[&into, &from])?;
        self.tx.execute("UPDATE actor_aliases SET actor_id = $1 WHERE actor_id = $2", &[&into, &from])?;
        Ok(moved as usize)
    }
}
