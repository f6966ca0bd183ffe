//! Actors: who makes claims, with their aliases and affiliation.

use anyhow::{Result, bail};
use rusqlite::{OptionalExtension, Row, params};

use super::history::Action;
use super::{Db, non_empty};
use crate::dates::now_timestamp;
use crate::model::Actor;
use crate::names::{clean, fold_key, name_key};

#[derive(Debug, Clone, Default)]
pub struct NewActor {
    pub name: String,
    pub kind: Option<String>,
    pub description: Option<String>,
    /// The name of the actor this one belongs to.
    pub affiliation: Option<String>,
    pub aliases: Vec<String>,
}

/// In an edit, `None` leaves a field as it is and an empty string clears it.
#[derive(Debug, Clone, Default)]
pub struct ActorChanges {
    pub name: Option<String>,
    pub kind: Option<String>,
    pub description: Option<String>,
    pub affiliation: Option<String>,
    pub add_aliases: Vec<String>,
    pub remove_aliases: Vec<String>,
}

/// The actor a claim's `--by` named.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorMatch {
    pub id: i64,
    pub name: String,
    /// True when no actor had this name or alias and one was created.
    pub created: bool,
    /// For a new actor: an existing one whose name differs only in case, punctuation or accents.
    pub similar: Option<String>,
}

macro_rules! actor_select {
    () => {
        "SELECT a.id, a.uid, a.name, a.kind, a.description,
                (SELECT p.name FROM actors p WHERE p.id = a.affiliation),
                (SELECT json_group_array(alias) FROM (SELECT alias FROM actor_aliases WHERE actor_id = a.id ORDER BY alias)),
                a.created_at,
                (SELECT count(*) FROM claims c WHERE c.actor_id = a.id)
         FROM actors a "
    };
}

fn actor_from_row(row: &Row) -> rusqlite::Result<Actor> {
    let aliases: String = row.get(6)?;
    Ok(Actor {
        id: row.get(0)?,
        uid: row.get(1)?,
        name: row.get(2)?,
        kind: row.get(3)?,
        description: row.get(4)?,
        affiliation: row.get(5)?,
        aliases: serde_json::from_str(&aliases).unwrap_or_default(),
        created_at: row.get(7)?,
        claims: row.get(8)?,
    })
}

impl Db<'_> {
    /// The actor with this name or alias (case-insensitive), or with this id (`12` or `#12`).
    pub fn find_actor(&self, reference: &str) -> Result<Option<Actor>> {
        if let Some((id, _)) = self.actor_named(reference)? {
            return self.actor_by_id(id);
        }
        match reference.trim().trim_start_matches('#').parse::<i64>() {
            Ok(id) => self.actor_by_id(id),
            Err(_) => Ok(None),
        }
    }

    fn actor_by_id(&self, id: i64) -> Result<Option<Actor>> {
        Ok(self
            .conn
            .prepare_cached(concat!(actor_select!(), "WHERE a.id = ?"))?
            .query_row([id], actor_from_row)
            .optional()?)
    }

    /// Id and name of the actor with this name or alias, matched case-insensitively.
    fn actor_named(&self, name: &str) -> Result<Option<(i64, String)>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id, name FROM actors WHERE name_key = ?1
                 UNION ALL
                 SELECT a.id, a.name FROM actor_aliases x JOIN actors a ON a.id = x.actor_id WHERE x.alias_key = ?1
                 LIMIT 1",
            )?
            .query_row([name_key(name)], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?)
    }

    /// The named actor, or an error that says where to look.
    pub fn actor(&self, reference: &str) -> Result<Actor> {
        match self.find_actor(reference)? {
            Some(actor) => Ok(actor),
            None => match self.similar_actor(reference, None)? {
                Some(similar) => {
                    bail!("unknown actor \"{reference}\"; did you mean \"{similar}\"?")
                }
                None => bail!("unknown actor \"{reference}\": see `claimtrack actor list`"),
            },
        }
    }

    /// An actor whose name or alias folds to the same letters as `name`.
    pub fn similar_actor(&self, name: &str, except: Option<i64>) -> Result<Option<String>> {
        let fold = fold_key(name);
        if fold.is_empty() {
            return Ok(None);
        }
        Ok(self
            .conn
            .prepare_cached(
                "SELECT a.name FROM actors a
                 WHERE (a.fold_key = ?1 OR a.id IN (SELECT actor_id FROM actor_aliases WHERE fold_key = ?1))
                   AND a.id IS NOT ?2
                 ORDER BY a.id LIMIT 1",
            )?
            .query_row(params![fold, except], |row| row.get(0))
            .optional()?)
    }

    /// The actor named `name` (by name or alias), created when there is none.
    pub fn actor_for_claim(&self, name: &str) -> Result<ActorMatch> {
        let Some(name) = clean(name) else {
            bail!("a claim needs an actor: --by cannot be empty");
        };
        if let Some((id, name)) = self.actor_named(name)? {
            return Ok(ActorMatch { id, name, created: false, similar: None });
        }
        let similar = self.similar_actor(name, None)?;
        let uid = uuid::Uuid::now_v7().to_string();
        let id = self.insert_actor_row(&uid, name, None, None, None, &now_timestamp())?;
        self.record_actor(Action::Create, id, &uid, None)?;
        Ok(ActorMatch { id, name: name.to_string(), created: true, similar })
    }

    pub(super) fn insert_actor_row(
        &self,
        uid: &str,
        name: &str,
        kind: Option<&str>,
        description: Option<&str>,
        affiliation: Option<i64>,
        created_at: &str,
    ) -> Result<i64> {
        self.conn
            .prepare_cached(
                "INSERT INTO actors (uid, name, name_key, fold_key, kind, description, affiliation, created_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            )?
            .execute(params![uid, name, name_key(name), fold_key(name), kind, description, affiliation, created_at])?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Fail unless `name` is free to become an actor's name or alias (`owner` may already use it).
    fn check_name_free(&self, name: &str, owner: Option<i64>) -> Result<()> {
        let key = name_key(name);
        let taken: Option<(String, String, bool)> = self
            .conn
            .prepare_cached(
                "SELECT a.name, a.name, 1 FROM actors a WHERE a.name_key = ?1 AND a.id IS NOT ?2
                 UNION ALL
                 SELECT a.name, x.alias, 0 FROM actor_aliases x JOIN actors a ON a.id = x.actor_id
                 WHERE x.alias_key = ?1 AND a.id IS NOT ?2
                 LIMIT 1",
            )?
            .query_row(params![key, owner], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .optional()?;
        match taken {
            Some((actor, _, true)) => bail!("actor \"{actor}\" already exists"),
            Some((actor, alias, false)) => {
                bail!("\"{alias}\" is already an alias of actor \"{actor}\"")
            }
            None => Ok(()),
        }
    }

    fn add_alias(&self, actor_id: i64, alias: &str) -> Result<()> {
        let Some(alias) = clean(alias) else {
            bail!("an alias cannot be empty");
        };
        self.check_name_free(alias, Some(actor_id))?;
        let own_name: String =
            self.conn.query_row("SELECT name_key FROM actors WHERE id = ?", [actor_id], |r| r.get(0))?;
        if name_key(alias) == own_name {
            return Ok(()); // the actor's own name needs no alias
        }
        self.conn
            .prepare_cached(
                "INSERT INTO actor_aliases (alias_key, alias, fold_key, actor_id) VALUES (?, ?, ?, ?)
                 ON CONFLICT (alias_key) DO NOTHING",
            )?
            .execute(params![name_key(alias), alias, fold_key(alias), actor_id])?;
        Ok(())
    }

    pub fn add_actor(&self, new: NewActor) -> Result<(Actor, Option<String>)> {
        let Some(name) = clean(&new.name) else {
            bail!("an actor needs a name");
        };
        self.check_name_free(name, None)?;
        let similar = self.similar_actor(name, None)?;
        let affiliation = match non_empty(new.affiliation) {
            Some(reference) => Some(self.actor(&reference)?.id),
            None => None,
        };
        let uid = uuid::Uuid::now_v7().to_string();
        let id = self.insert_actor_row(
            &uid,
            name,
            non_empty(new.kind).as_deref(),
            non_empty(new.description).as_deref(),
            affiliation,
            &now_timestamp(),
        )?;
        for alias in &new.aliases {
            self.add_alias(id, alias)?;
        }
        self.record_actor(Action::Create, id, &uid, None)?;
        Ok((self.actor_by_id(id)?.expect("the actor was just inserted"), similar))
    }

    pub fn list_actors(&self) -> Result<Vec<Actor>> {
        let mut stmt = self.conn.prepare_cached(concat!(actor_select!(), "ORDER BY a.name_key"))?;
        let rows = stmt.query_map([], actor_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn edit_actor(&self, reference: &str, changes: ActorChanges) -> Result<Actor> {
        let mut actor = self.actor(reference)?;
        let before = self.actor_snapshot(actor.id)?;
        if let Some(name) = changes.name.as_deref() {
            let Some(name) = clean(name) else {
                bail!("an actor's name cannot be empty");
            };
            self.check_name_free(name, Some(actor.id))?;
            // A renamed actor may have had the new name as an alias; it is its name now.
            self.conn.execute(
                "DELETE FROM actor_aliases WHERE actor_id = ? AND alias_key = ?",
                params![actor.id, name_key(name)],
            )?;
            actor.name = name.to_string();
        }
        if let Some(kind) = changes.kind {
            actor.kind = non_empty(Some(kind));
        }
        if let Some(description) = changes.description {
            actor.description = non_empty(Some(description));
        }
        let affiliation_id = match changes.affiliation.as_deref().map(str::trim) {
            Some("") => None,
            Some(reference) => {
                let parent = self.actor(reference)?;
                if parent.id == actor.id {
                    bail!("actor \"{}\" cannot be affiliated with itself", actor.name);
                }
                Some(parent.id)
            }
            None => self.conn.query_row("SELECT affiliation FROM actors WHERE id = ?", [actor.id], |r| r.get(0))?,
        };
        self.conn
            .prepare_cached(
                "UPDATE actors SET name = ?, name_key = ?, fold_key = ?, kind = ?, description = ?, affiliation = ?
                 WHERE id = ?",
            )?
            .execute(params![
                actor.name,
                name_key(&actor.name),
                fold_key(&actor.name),
                actor.kind,
                actor.description,
                affiliation_id,
                actor.id
            ])?;
        for alias in &changes.remove_aliases {
            let removed = self.conn.execute(
                "DELETE FROM actor_aliases WHERE actor_id = ? AND alias_key = ?",
                params![actor.id, name_key(alias)],
            )?;
            if removed == 0 {
                bail!("actor \"{}\" has no alias \"{alias}\"", actor.name);
            }
        }
        for alias in &changes.add_aliases {
            self.add_alias(actor.id, alias)?;
        }
        self.record_actor(Action::Edit, actor.id, &actor.uid, before.as_deref())?;
        Ok(self.actor_by_id(actor.id)?.expect("the actor was just updated"))
    }

    pub fn remove_actor(&self, reference: &str) -> Result<Actor> {
        let actor = self.actor(reference)?;
        if actor.claims > 0 {
            bail!(
                "actor \"{}\" made {} claim(s); merge it into another actor (`claimtrack actor merge`) or remove the claims first",
                actor.name,
                actor.claims
            );
        }
        let before = self.actor_snapshot(actor.id)?;
        self.conn.prepare_cached("DELETE FROM actors WHERE id = ?")?.execute([actor.id])?;
        self.record_actor(Action::Delete, actor.id, &actor.uid, before.as_deref())?;
        Ok(actor)
    }

    /// Move `from`'s claims, aliases and affiliates to `into`, keep `from`'s name as an alias of
    /// `into`, and remove `from`. Returns the number of claims moved.
    pub fn merge_actors(&self, from: &str, into: &str) -> Result<(Actor, Actor, usize)> {
        let (source, target) = (self.actor(from)?, self.actor(into)?);
        if source.id == target.id {
            bail!("\"{from}\" and \"{into}\" are the same actor");
        }
        let merged_away = self.actor_snapshot(source.id)?;
        self.record_claims_moved(source.id, &source.name, &target.name)?;
        let moved =
            self.conn.execute("UPDATE claims SET actor_id = ?1 WHERE actor_id = ?2", params![target.id, source.id])?;
        self.conn.execute(
            "UPDATE actors SET affiliation = ?1 WHERE affiliation = ?2 AND id <> ?1",
            params![target.id, source.id],
        )?;
        self.conn.execute(
            "UPDATE actors SET affiliation = NULL WHERE id = ?1 AND affiliation = ?2",
            params![target.id, source.id],
        )?;
        self.conn
            .execute("UPDATE actor_aliases SET actor_id = ?1 WHERE actor_id = ?2", params![target.id, source.id])?;
        self.conn.execute("DELETE FROM actors WHERE id = ?", [source.id])?;
        self.add_alias(target.id, &source.name)?;
        // One entry for the merge: the actor that went away before, the one it joined after.
        self.record_actor(Action::Merge, target.id, &target.uid, merged_away.as_deref())?;
        let target = self.actor_by_id(target.id)?.expect("the merge target stays");
        Ok((source, target, moved))
    }
}
