//! Claims one at a time: add, edit, remove, and restore from the history.

use std::collections::HashSet;

use anyhow::Result;
use serde::Deserialize;
use serde_json::json;

use super::OpsError;
use super::actors::{ActorMatch, actor_for_claim};
use super::history::{DeletedClaim, claim_snapshot, record_claim, relation_change};
use crate::dates::now_timestamp;
use crate::model::rules::{self, new_uid};
use crate::model::{
    Action, Change, ClaimChange, ClaimRecord, ClaimRow, Edge, Entity, NewClaim, RelationKind, RelationRecord,
};
use crate::store::{StoreError, Thing, Txn};

/// A claim just added.
#[derive(Debug, Clone, PartialEq)]
pub struct AddedClaim {
    pub id: i64,
    pub uid: String,
    pub actor: ActorMatch,
    /// New tags that look like tags in use: (new, existing).
    pub similar_tags: Vec<(String, String)>,
}

/// What an edit brought in that may be a typo.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EditedClaim {
    /// The actor `--by` named.
    pub actor: Option<ActorMatch>,
    /// New tags that look like tags in use: (new, existing).
    pub similar_tags: Vec<(String, String)>,
}

/// What `rm` removed.
#[derive(Debug, Clone)]
pub struct RemovedClaim {
    pub claim: ClaimRecord,
    pub relations: usize,
}

/// What `restore` put back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The id it has now: its old one, unless that was taken (a database written before ids
    /// were given once, ever).
    pub id: i64,
    pub relations: usize,
    /// Relations whose other claim is gone too.
    pub relations_lost: usize,
    pub actor_recreated: bool,
    pub source_lost: Option<String>,
}

pub fn claim(txn: &mut dyn Txn, id: i64) -> Result<ClaimRecord> {
    txn.claim(id)?.ok_or_else(|| StoreError::NotFound(Thing::Claim(id)).into())
}

/// Fail unless the claim exists.
pub fn check_claim(txn: &mut dyn Txn, id: i64) -> Result<()> {
    if txn.claim_exists(id)? { Ok(()) } else { Err(StoreError::NotFound(Thing::Claim(id)).into()) }
}

fn source_id(txn: &mut dyn Txn, key: Option<&str>) -> Result<Option<i64>> {
    match key.map(str::trim).filter(|k| !k.is_empty()) {
        Some(key) => Ok(Some(super::sources::source(txn, key)?.id)),
        None => Ok(None),
    }
}

/// Store a claim typed on the command line; its actor is created when new.
pub fn add_claim(txn: &mut dyn Txn, new: NewClaim) -> Result<AddedClaim> {
    rules::check_text(&new.fields.text)?;
    let tags = new.tags.iter().map(|t| rules::check_tag(t)).collect::<Result<Vec<_>, _>>()?;
    let source_id = source_id(txn, new.source.as_deref())?;
    let actor = actor_for_claim(txn, &new.actor)?;
    let similar_tags = super::tags::look_alikes(txn, &tags)?;
    let now = now_timestamp();
    let mut row = ClaimRow {
        wanted_id: None,
        uid: new_uid(),
        fields: new.fields.tidy(),
        actor_id: actor.id,
        source_id,
        created_at: now.clone(),
        updated_at: now.clone(),
        verdict_at: None,
        verdict_by: None,
    };
    row.stamp_verdict(None, &now, &txn.user());
    let id = txn.insert_claims(std::slice::from_ref(&row))?.first().copied().flatten();
    let id = id.ok_or(StoreError::AlreadyExists(Thing::Claim(0)))?;
    let pairs: Vec<(i64, &str)> = tags.iter().map(|&tag| (id, tag)).collect();
    txn.tag_claims(&pairs)?;
    record_claim(txn, Action::Create, id, None)?;
    Ok(AddedClaim { id, uid: row.uid, actor, similar_tags })
}

/// Apply an edit; returns the actor `--by` named and the new tags that look like tags in use.
pub fn edit_claim(txn: &mut dyn Txn, id: i64, changes: &[ClaimChange]) -> Result<EditedClaim> {
    let uid = claim(txn, id)?.uid;
    let stored = txn.claims_by_uid(&[&uid])?.pop();
    let Some(stored) = stored else { return Err(StoreError::NotFound(Thing::Claim(id)).into()) };
    let before = claim_snapshot(txn, id, false)?;
    let mut row = stored.row;
    let verdict_before = row.fields.verdict;
    let mut edited = EditedClaim::default();
    for change in changes {
        match change {
            ClaimChange::Text(text) => rules::check_text(text)?,
            ClaimChange::Actor(name) => {
                let found = actor_for_claim(txn, name)?;
                row.actor_id = found.id;
                edited.actor = Some(found);
            }
            ClaimChange::Source(key) => row.source_id = source_id(txn, Some(key))?,
            ClaimChange::AddTag(tag) => {
                let tag = rules::check_tag(tag)?;
                edited.similar_tags.extend(super::tags::look_alikes(txn, &[tag])?);
                txn.tag_claims(&[(id, tag)])?;
            }
            ClaimChange::RemoveTag(tag) if !txn.untag_claim(id, tag)? => {
                return Err(StoreError::NotFound(Thing::ClaimTag { claim: id, tag: tag.trim().to_string() }).into());
            }
            _ => {}
        }
        row.fields.apply(change);
    }
    row.updated_at = now_timestamp();
    row.stamp_verdict(Some(verdict_before), &row.updated_at.clone(), &txn.user());
    txn.update_claim(id, &row)?;
    txn.drop_unused_tags()?;
    record_claim(txn, Action::Edit, id, before)?;
    Ok(edited)
}

/// Delete a claim; its relations and tags go with it, and the history keeps them for `restore`:
/// the claim in its snapshot, and each relation as removed with it.
pub fn remove_claim(txn: &mut dyn Txn, id: i64) -> Result<RemovedClaim> {
    let claim = claim(txn, id)?;
    let before = claim_snapshot(txn, id, true)?;
    let relations = txn.relations_of(id)?;
    let removed: Vec<Change> = relations.iter().map(relation_removed).collect();
    txn.delete_claim(id)?;
    txn.drop_unused_tags()?;
    record_claim(txn, Action::Delete, id, before)?;
    txn.record(&removed)?;
    Ok(RemovedClaim { claim, relations: relations.len() })
}

/// A relation that went with a deleted claim: a `delete` of the relation, with both ends' uids.
fn relation_removed(r: &RelationRecord) -> Change {
    let before = json!({"from": r.from, "from_uid": r.from_uid, "kind": r.kind, "to": r.to, "to_uid": r.to_uid,
                        "note": r.note, "created_at": r.created_at});
    Change {
        action: Action::Delete,
        entity: Entity::Relation,
        entity_id: Some(r.from),
        other_id: Some(r.to),
        entity_uid: None,
        before: Some(before.to_string()),
        after: None,
    }
}

/// A relation that may come back with a restored claim.
#[derive(Debug, Deserialize)]
struct LostRelation {
    kind: RelationKind,
    from_uid: String,
    to_uid: String,
    note: Option<String>,
    created_at: Option<String>,
}

/// The relations `restore` may bring back for claim `id`: each relation touching it whose latest
/// change was its removal with one of its claims (not an `unlink` someone chose), plus, for
/// claims deleted before such removals were recorded, the relations in the claim's own snapshot.
fn lost_relations(txn: &mut dyn Txn, id: i64, snapshot: &DeletedClaim) -> Result<Vec<LostRelation>> {
    let mut latest = HashSet::new();
    let mut lost = Vec::new();
    for entry in txn.history(Some(id), u64::MAX)? {
        if entry.entity != Entity::Relation {
            continue;
        }
        let state = entry.before.as_ref().or(entry.after.as_ref());
        let kind = state.and_then(|s| s["kind"].as_str()).unwrap_or_default().to_string();
        if !latest.insert((entry.entity_id, kind, entry.other_id)) {
            continue; // an older change of a relation already decided
        }
        if entry.action == Action::Delete
            && let Some(before) = entry.before
            && let Ok(relation) = serde_json::from_value::<LostRelation>(before)
        {
            lost.push(relation);
        }
    }
    for r in &snapshot.relations {
        let Ok(kind) = r.kind.parse::<RelationKind>() else { continue };
        if latest.insert((Some(r.from), kind.to_string(), Some(r.to))) {
            let (from_uid, to_uid) = (r.from_uid.clone(), r.to_uid.clone());
            lost.push(LostRelation { kind, from_uid, to_uid, note: r.note.clone(), created_at: r.created_at.clone() });
        }
    }
    Ok(lost)
}

/// Bring back a deleted claim under its old id and uid, with its tags and the relations whose
/// other claim is here. A relation whose other claim is deleted too comes back when that one is
/// restored, whichever of the two comes back first.
pub fn restore_claim(txn: &mut dyn Txn, id: i64) -> Result<Restored> {
    let Some(snapshot) = txn.deleted_snapshot(id)? else {
        let exists = txn.claim_exists(id)?;
        return Err(if exists {
            OpsError::NotDeleted(id).into()
        } else {
            StoreError::NotFound(Thing::DeletedClaim(id)).into()
        });
    };
    let deleted: DeletedClaim = serde_json::from_str(&snapshot)
        .map_err(|e| StoreError::Damaged(format!("the history's copy of claim #{id} is unreadable: {e}")))?;
    if let Some(now) = txn.claim_id_by_uid(&deleted.uid)? {
        return Err(if now == id { OpsError::NotDeleted(id) } else { OpsError::AlreadyRestored { id, now } }.into());
    }
    let (actor_id, actor_recreated) = match txn.actor_id_by_uid(&deleted.actor_uid)? {
        Some(actor) => (actor, false),
        None => {
            let found = actor_for_claim(txn, &deleted.actor)?;
            (found.id, found.created)
        }
    };
    let mut source_lost = None;
    let source_id = match (&deleted.source_uid, &deleted.source) {
        (Some(uid), key) => {
            let by_uid = txn.source_by_uid(uid)?;
            let found = match (by_uid, key) {
                (Some(source), _) => Some(source.id),
                (None, Some(key)) => txn.source_by_key(key)?.map(|s| s.id),
                (None, None) => None,
            };
            if found.is_none() {
                source_lost = key.clone();
            }
            found
        }
        (None, _) => None,
    };
    let lost = lost_relations(txn, id, &deleted)?;
    let parse_error = |e: crate::model::ChoiceError| StoreError::Damaged(format!("claim #{id}'s history: {e}"));
    let row = ClaimRow {
        wanted_id: Some(id),
        uid: deleted.uid.clone(),
        fields: crate::model::ClaimFields {
            text: deleted.text,
            quote: deleted.quote,
            mode: deleted.mode.parse().map_err(parse_error)?,
            stated_on: deleted.stated_on,
            locator: deleted.locator,
            verdict: deleted.verdict.parse().map_err(parse_error)?,
            notes: deleted.notes,
            notes_private: deleted.notes_private,
        },
        actor_id,
        source_id,
        created_at: deleted.created_at,
        updated_at: now_timestamp(),
        verdict_at: deleted.verdict_at,
        verdict_by: deleted.verdict_by,
    };
    // The old id comes back unless it is taken (the store refuses ids of deleted claims to
    // everyone else, so only a database from before that rule can have given it away).
    let restored_id = restore_row(txn, row)?;
    let tags: Vec<&str> = deleted.tags.iter().map(String::as_str).collect();
    let pairs: Vec<(i64, &str)> = tags.iter().map(|&tag| (restored_id, tag)).collect();
    txn.tag_claims(&pairs)?;
    let (mut relations, mut relations_lost) = (0, 0);
    let now = now_timestamp();
    for relation in lost {
        let from = txn.claim_id_by_uid(&relation.from_uid)?;
        let to = txn.claim_id_by_uid(&relation.to_uid)?;
        let (Some(from), Some(to)) = (from, to) else {
            relations_lost += 1;
            continue;
        };
        let kind = relation.kind;
        let (from, to) = kind.canonical(from, to);
        let created = relation.created_at.as_deref().unwrap_or(&now);
        if txn.insert_relation(Edge { from, kind, to }, relation.note.as_deref(), created)? {
            txn.record(&[relation_change(Action::Restore, from, kind, to, relation.note.as_deref())])?;
            relations += 1;
        }
    }
    record_claim(txn, Action::Restore, restored_id, None)?;
    Ok(Restored { id: restored_id, relations, relations_lost, actor_recreated, source_lost })
}

/// Insert a restored claim: under its old id when it is free, else under a new one.
fn restore_row(txn: &mut dyn Txn, row: ClaimRow) -> Result<i64> {
    let wanted = row.wanted_id;
    // The store keeps ids of deleted claims for themselves; restoring is that claim coming back.
    let id = txn.insert_claims(std::slice::from_ref(&row))?.first().copied().flatten();
    let id = id.ok_or_else(|| StoreError::AlreadyExists(Thing::Claim(wanted.unwrap_or_default())))?;
    Ok(id)
}
