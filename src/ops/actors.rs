//! Actors: finding them by name, alias or id, creating them on the fly for claims, and merging
//! two that turn out to be one.

use std::collections::HashMap;

use anyhow::Result;

use super::OpsError;
use super::history::{actor_snapshot, record_actor};
use crate::dates::now_timestamp;
use crate::model::rules::{self, RuleError, new_uid, non_empty};
use crate::model::{Action, Actor, ActorChanges, ActorRow, Change, Entity, NewActor};
use crate::names::{NameIndex, fold_key, name_key};
use crate::store::{StoreError, Thing, Txn};

/// The actor a claim's `--by` named.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorMatch {
    pub id: i64,
    pub name: String,
    /// True when no actor had this name or alias and one was created.
    pub created: bool,
    /// For a new actor: an existing one it probably duplicates (see [`crate::names::near_duplicate`]).
    pub similar: Option<String>,
}

/// The actors a new name may duplicate. Built once from every name and alias, on the first name
/// that is not found outright, and kept up to date with the actors created after it, so that an
/// import compares each new name once.
#[derive(Debug, Default)]
pub struct LookAlikes {
    index: Option<NameIndex>,
}

impl LookAlikes {
    /// An existing actor `name` probably duplicates: one whose name or alias folds to the same
    /// letters, else one a typo, an article or a plural away.
    pub fn find(&mut self, txn: &mut dyn Txn, name: &str) -> Result<Option<String>> {
        if let Some(similar) = txn.similar_actor(name, None)? {
            return Ok(Some(similar));
        }
        Ok(self.near(txn, name, &[])?.map(str::to_string))
    }

    /// A name a typo, an article or a plural away from `name`, among every name and alias and
    /// the names of actors `made` but not written yet.
    fn near(&mut self, txn: &mut dyn Txn, name: &str, made: &[&str]) -> Result<Option<&str>> {
        if self.index.is_none() {
            let mut index = NameIndex::default();
            for (name, actor) in txn.actor_names()? {
                index.insert(&name, &actor);
            }
            for name in made {
                index.insert(name, name);
            }
            self.index = Some(index);
        }
        Ok(self.index.as_ref().and_then(|index| index.near(name)))
    }

    fn created(&mut self, name: &str) {
        if let Some(index) = &mut self.index {
            index.insert(name, name);
        }
    }
}

/// The actor with this name or alias (case-insensitive), or with this id (`12` or `#12`).
pub fn find_actor(txn: &mut dyn Txn, reference: &str) -> Result<Option<Actor>> {
    if let Some((id, _)) = txn.actor_named(reference)? {
        return Ok(txn.actor(id)?);
    }
    match reference.trim().trim_start_matches('#').parse::<i64>() {
        Ok(id) => Ok(txn.actor(id)?),
        Err(_) => Ok(None),
    }
}

/// The named actor, or an error that says what it may have meant.
pub fn actor(txn: &mut dyn Txn, reference: &str) -> Result<Actor> {
    match find_actor(txn, reference)? {
        Some(actor) => Ok(actor),
        None => {
            let similar = LookAlikes::default().find(txn, reference)?;
            Err(OpsError::UnknownActor { name: reference.trim().to_string(), similar }.into())
        }
    }
}

/// The actor named `name` (by name or alias), created when there is none.
pub fn actor_for_claim(txn: &mut dyn Txn, name: &str) -> Result<ActorMatch> {
    actor_for_claim_among(txn, name, &mut LookAlikes::default())
}

/// [`actor_for_claim`] for many claims: `look_alikes` is kept from one call to the next.
pub fn actor_for_claim_among(txn: &mut dyn Txn, name: &str, look_alikes: &mut LookAlikes) -> Result<ActorMatch> {
    let mut found = actors_for_claims(txn, &[name], look_alikes)?;
    Ok(found.pop().expect("one match a name"))
}

/// [`actor_for_claim`] for each name, in a few statements however many names: the same as
/// taking them one after another (a name matches an actor made for an earlier one; a new one is
/// compared with every actor before it), made in the order the names come.
pub fn actors_for_claims(txn: &mut dyn Txn, names: &[&str], look_alikes: &mut LookAlikes) -> Result<Vec<ActorMatch>> {
    let names: Vec<&str> = names.iter().map(|name| name.trim()).collect();
    if names.iter().any(|name| name.is_empty()) {
        return Err(RuleError::EmptyActor.into());
    }
    let stored = txn.actors_named(&names)?;
    // The names no actor has yet, each once by its key ("Alice" and "alice" are one new actor).
    let mut new_by_key: HashMap<String, usize> = HashMap::new();
    let mut new_names: Vec<&str> = Vec::new();
    for (name, stored) in names.iter().zip(&stored) {
        if stored.is_none() {
            new_by_key.entry(name_key(name)).or_insert_with(|| {
                new_names.push(name);
                new_names.len() - 1
            });
        }
    }
    let similar_stored = txn.similar_actors(&new_names)?;
    // A new name is compared with the stored actors first, then with those made before it here.
    let mut made_by_fold: HashMap<String, &str> = HashMap::new();
    let mut rows = Vec::with_capacity(new_names.len());
    let mut similar = Vec::with_capacity(new_names.len());
    for (at, (&name, stored)) in new_names.iter().zip(similar_stored).enumerate() {
        let fold = fold_key(name);
        let alike = match stored.or_else(|| made_by_fold.get(&fold).map(|s| s.to_string())) {
            Some(alike) => Some(alike),
            None => look_alikes.near(txn, name, &new_names[..at])?.map(str::to_string),
        };
        if !fold.is_empty() {
            made_by_fold.entry(fold).or_insert(name);
        }
        look_alikes.created(name);
        similar.push(alike);
        rows.push(ActorRow {
            uid: new_uid(),
            name: name.to_string(),
            kind: None,
            description: None,
            public_name: None,
            affiliation: None,
            created_at: now_timestamp(),
        });
    }
    let ids = txn.insert_actors(&rows)?;
    // A new actor is all in its row: its snapshot needs no reading back (imports make many).
    let changes: Vec<Change> = rows
        .iter()
        .zip(&ids)
        .map(|(row, &id)| {
            let actor = Actor { id, uid: row.uid.clone(), name: row.name.clone(), ..Actor::default() };
            Change {
                action: Action::Create,
                entity: Entity::Actor,
                entity_id: Some(id),
                other_id: None,
                entity_uid: Some(actor.uid.clone()),
                before: None,
                after: Some(actor_snapshot(&actor)),
            }
        })
        .collect();
    txn.record(&changes)?;
    let mut similar = similar.into_iter().map(Some).collect::<Vec<_>>();
    let matches = names
        .iter()
        .zip(stored)
        .map(|(&name, stored)| match stored {
            Some((id, name)) => ActorMatch { id, name, created: false, similar: None },
            None => {
                let at = new_by_key[&name_key(name)];
                match similar[at].take() {
                    // The first time this new name comes: the actor made for it.
                    Some(alike) => ActorMatch { id: ids[at], name: name.to_string(), created: true, similar: alike },
                    // Again, perhaps spelt otherwise: the actor made for it, as a lookup finds it.
                    None => ActorMatch { id: ids[at], name: rows[at].name.clone(), created: false, similar: None },
                }
            }
        })
        .collect();
    Ok(matches)
}

/// Fail unless `name` is free to become an actor's name or alias (`owner` may already use it).
fn check_name_free(txn: &mut dyn Txn, name: &str, owner: Option<i64>) -> Result<()> {
    match txn.name_owner(name, owner)? {
        None => Ok(()),
        Some(taken) => Err(match taken.alias {
            None => StoreError::AlreadyExists(Thing::Actor(taken.actor)),
            Some(alias) => StoreError::AlreadyExists(Thing::Alias { alias, actor: taken.actor }),
        }
        .into()),
    }
}

fn add_alias(txn: &mut dyn Txn, actor_id: i64, alias: &str) -> Result<()> {
    let alias = alias.trim();
    if alias.is_empty() {
        return Err(RuleError::EmptyAlias.into());
    }
    check_name_free(txn, alias, Some(actor_id))?;
    txn.add_alias(actor_id, alias)?;
    Ok(())
}

/// Add an actor; returns it and an existing actor whose name looks like its.
pub fn add_actor(txn: &mut dyn Txn, new: NewActor) -> Result<(Actor, Option<String>)> {
    let name = rules::check_name(&new.name)?;
    check_name_free(txn, name, None)?;
    let similar = LookAlikes::default().find(txn, name)?;
    let affiliation = match non_empty(new.affiliation) {
        Some(reference) => Some(actor(txn, &reference)?.id),
        None => None,
    };
    let row = ActorRow {
        uid: new_uid(),
        name: name.to_string(),
        kind: non_empty(new.kind),
        description: non_empty(new.description),
        public_name: non_empty(new.public_name),
        affiliation,
        created_at: now_timestamp(),
    };
    let id = txn.insert_actor(&row)?;
    for alias in &new.aliases {
        add_alias(txn, id, alias)?;
    }
    let actor = txn.actor(id)?.ok_or(StoreError::NotFound(Thing::Actor(row.name)))?;
    record_actor(txn, Action::Create, &actor, None)?;
    Ok((actor, similar))
}

pub fn edit_actor(txn: &mut dyn Txn, reference: &str, changes: ActorChanges) -> Result<Actor> {
    let current = actor(txn, reference)?;
    let before = actor_snapshot(&current);
    let mut row = ActorRow {
        uid: current.uid.clone(),
        name: current.name.clone(),
        kind: current.kind.clone(),
        description: current.description.clone(),
        public_name: current.public_name.clone(),
        affiliation: current.affiliation_id,
        created_at: current.created_at.clone(),
    };
    if let Some(name) = changes.name.as_deref() {
        let name = rules::check_name(name)?;
        check_name_free(txn, name, Some(current.id))?;
        row.name = name.to_string();
    }
    if let Some(kind) = changes.kind {
        row.kind = non_empty(Some(kind));
    }
    if let Some(description) = changes.description {
        row.description = non_empty(Some(description));
    }
    if let Some(public_name) = changes.public_name {
        row.public_name = non_empty(Some(public_name));
    }
    match changes.affiliation.as_deref().map(str::trim) {
        Some("") => row.affiliation = None,
        Some(reference) => {
            let parent = actor(txn, reference)?;
            if parent.id == current.id {
                return Err(OpsError::SelfAffiliation(current.name).into());
            }
            row.affiliation = Some(parent.id);
        }
        None => {}
    }
    txn.update_actor(current.id, &row)?;
    for alias in &changes.remove_aliases {
        if !txn.remove_alias(current.id, alias)? {
            return Err(StoreError::NotFound(Thing::Alias { alias: alias.clone(), actor: row.name.clone() }).into());
        }
    }
    for alias in &changes.add_aliases {
        add_alias(txn, current.id, alias)?;
    }
    record_actor(txn, Action::Edit, &current, Some(before))?;
    Ok(txn.actor(current.id)?.ok_or(StoreError::NotFound(Thing::Actor(row.name)))?)
}

pub fn remove_actor(txn: &mut dyn Txn, reference: &str) -> Result<Actor> {
    let actor = actor(txn, reference)?;
    if actor.claims > 0 {
        return Err(StoreError::InUse { thing: Thing::Actor(actor.name), claims: actor.claims }.into());
    }
    let before = actor_snapshot(&actor);
    txn.delete_actor(actor.id)?;
    record_actor(txn, Action::Delete, &actor, Some(before))?;
    Ok(actor)
}

/// Move `from`'s claims, aliases and affiliates to `into`, keep `from`'s name as an alias of
/// `into`, and remove `from`. Returns both actors and the number of claims moved.
pub fn merge_actors(txn: &mut dyn Txn, from: &str, into: &str) -> Result<(Actor, Actor, usize)> {
    let (source, target) = (actor(txn, from)?, actor(txn, into)?);
    if source.id == target.id {
        return Err(OpsError::SameActor { from: from.to_string(), into: into.to_string() }.into());
    }
    let merged_away = actor_snapshot(&source);
    // Each moved claim's history says whose name it had.
    let moved_claims: Vec<Change> = txn
        .claims_of_actor(source.id)?
        .into_iter()
        .map(|(id, uid)| Change {
            action: Action::Merge,
            entity: Entity::Claim,
            entity_id: Some(id),
            other_id: None,
            entity_uid: Some(uid),
            before: Some(serde_json::json!({"actor": source.name}).to_string()),
            after: Some(serde_json::json!({"actor": target.name}).to_string()),
        })
        .collect();
    txn.record(&moved_claims)?;
    let moved = txn.move_actor_rows(source.id, target.id)?;
    txn.delete_actor(source.id)?;
    add_alias(txn, target.id, &source.name)?;
    // One entry for the merge: the actor that went away before, the one it joined after.
    record_actor(txn, Action::Merge, &target, Some(merged_away))?;
    let target = txn.actor(target.id)?.ok_or(StoreError::NotFound(Thing::Actor(target.name)))?;
    Ok((source, target, moved))
}
