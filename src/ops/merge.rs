//! Bringing a whole document (from `export json`, or another claimtrack database read into the
//! same shape) into this database: rows are matched by uid (and actors by name, sources by key);
//! identical ones are counted, new ones added, differing ones handled by the conflict policy.

use std::collections::{HashMap, HashSet};

use anyhow::Result;
use serde::Serialize;

use super::OpsError;
use super::history::{
    ImportLog, actor_snapshot, record_actor, record_claim, record_source, relation_change, source_snapshot,
};
use crate::dates::now_timestamp;
use crate::interchange::{Document, validate};
use crate::model::rules::non_empty;
use crate::model::{Action, ActorRow, ClaimFields, ClaimRow, Edge, Source};
use crate::store::{StoreError, Thing, Txn};

/// Claims looked up and inserted this many at a time.
const CHUNK: usize = 1024;

/// What to do with an incoming row whose uid is already here with different content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OnConflict {
    /// Keep the local row and report the conflict.
    #[default]
    Skip,
    /// Overwrite the local row with the incoming one.
    Update,
    /// Stop; nothing is written.
    Fail,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub sources: usize,
    pub actors: usize,
    pub claims: usize,
    pub relations: usize,
    /// The story's settings (`claimtrack config`), when another database is merged.
    pub settings: usize,
}

impl Tally {
    pub fn total(&self) -> usize {
        self.sources + self.actors + self.claims + self.relations + self.settings
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    pub what: &'static str,
    pub uid: String,
    pub detail: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MergeReport {
    pub added: Tally,
    pub identical: Tally,
    pub updated: Tally,
    pub conflicts: Vec<Conflict>,
}

impl MergeReport {
    /// Apply the policy to a differing row: true when it is to be overwritten.
    fn conflict(&mut self, policy: OnConflict, what: &'static str, uid: &str, detail: String) -> Result<bool> {
        match policy {
            OnConflict::Fail => Err(OpsError::Conflict { what, uid: uid.to_string(), detail }.into()),
            OnConflict::Skip => {
                self.conflicts.push(Conflict { what, uid: uid.to_string(), detail });
                Ok(false)
            }
            OnConflict::Update => Ok(true),
        }
    }
}

/// The local id of a row named by uid: from this document's rows, else from the database.
fn local_id(txn: &mut dyn Txn, what: &'static str, known: &HashMap<&str, i64>, uid: &str) -> Result<i64> {
    if let Some(&id) = known.get(uid) {
        return Ok(id);
    }
    let found = match what {
        "actor" => txn.actor_id_by_uid(uid)?,
        "source" => txn.source_by_uid(uid)?.map(|s| s.id),
        _ => txn.claim_id_by_uid(uid)?,
    };
    found.ok_or_else(|| OpsError::Dangling { what, uid: uid.to_string() }.into())
}

/// Merge `doc` into the database; `origin` names it in the history. The caller runs this inside
/// one transaction: on an error nothing is kept.
pub fn merge_document(txn: &mut dyn Txn, doc: &Document, policy: OnConflict, origin: &str) -> Result<MergeReport> {
    validate(doc)?;
    let mut report = MergeReport::default();
    let now = now_timestamp();
    let user = txn.user();

    let mut source_ids: HashMap<&str, i64> = HashMap::new();
    for (uid, incoming) in &doc.sources {
        let local = match txn.source_by_uid(uid)? {
            Some(source) => Some(source),
            None => txn.source_by_key(&incoming.key)?,
        };
        let wanted = |id: i64, key: String, created_at: String| Source {
            id,
            uid: uid.clone(),
            key,
            title: incoming.title.clone(),
            url: incoming.url.clone(),
            publisher: incoming.publisher.clone(),
            published: incoming.published.clone(),
            accessed: incoming.accessed.clone(),
            kind: incoming.kind.clone(),
            body: incoming.body.clone(),
            body_private: incoming.body_private,
            created_at,
            claims: 0,
        };
        let id = match local {
            Some(local) => {
                let incoming_source = Source {
                    uid: local.uid.clone(),
                    ..wanted(local.id, incoming.key.trim().into(), local.created_at.clone())
                };
                let same = Source { claims: 0, ..local.clone() } == incoming_source;
                if same {
                    report.identical.sources += 1;
                } else if report.conflict(policy, "source", uid, format!("key {}", local.key))? {
                    let updated = Source { key: local.key.clone(), uid: local.uid.clone(), ..incoming_source };
                    txn.update_source(local.id, &updated)?;
                    record_source(txn, Action::Edit, &updated, Some(source_snapshot(&local)))?;
                    report.updated.sources += 1;
                }
                local.id
            }
            None => {
                let created = incoming.created_at.clone().unwrap_or_else(|| now.clone());
                let mut source = wanted(0, incoming.key.trim().to_string(), created);
                source.id = txn.insert_source(&source)?;
                record_source(txn, Action::Import, &source, None)?;
                report.added.sources += 1;
                source.id
            }
        };
        source_ids.insert(uid, id);
    }

    // Actors in two passes: first find or create each one, then settle affiliations and aliases,
    // which may point at actors later in the document.
    let mut actor_ids: HashMap<&str, i64> = HashMap::new();
    let mut added_actors: HashSet<&str> = HashSet::new();
    for (uid, incoming) in &doc.actors {
        let local = match txn.actor_id_by_uid(uid)? {
            Some(id) => Some(id),
            None => txn.actor_named(&incoming.name)?.map(|(id, _)| id),
        };
        let id = match local {
            Some(id) => id,
            None => {
                added_actors.insert(uid.as_str());
                report.added.actors += 1;
                let row = ActorRow {
                    uid: uid.clone(),
                    name: incoming.name.trim().to_string(),
                    kind: non_empty(incoming.kind.clone()),
                    description: non_empty(incoming.description.clone()),
                    public_name: non_empty(incoming.public_name.clone()),
                    affiliation: None,
                    created_at: incoming.created_at.clone().unwrap_or_else(|| now.clone()),
                };
                txn.insert_actor(&row)?
            }
        };
        actor_ids.insert(uid, id);
    }
    for (uid, incoming) in &doc.actors {
        let Some(&id) = actor_ids.get(uid.as_str()) else { continue };
        let affiliation = match &incoming.affiliation {
            Some(parent) => Some(local_id(txn, "actor", &actor_ids, parent)?),
            None => None,
        };
        let local = txn.actor(id)?.ok_or_else(|| StoreError::NotFound(Thing::Actor(incoming.name.clone())))?;
        let added = added_actors.contains(uid.as_str());
        let update = if added {
            true
        } else {
            let mut local_aliases = local.aliases.clone();
            let mut incoming_aliases = incoming.aliases.clone();
            local_aliases.sort();
            incoming_aliases.sort();
            let same = local.name == incoming.name
                && local.kind == incoming.kind
                && local.description == incoming.description
                && local.public_name == incoming.public_name
                && local.affiliation_id == affiliation
                && local_aliases == incoming_aliases;
            if same {
                report.identical.actors += 1;
                false
            } else if report.conflict(policy, "actor", uid, format!("named {}", local.name))? {
                report.updated.actors += 1;
                true
            } else {
                false
            }
        };
        if !update {
            continue;
        }
        let before = (!added).then(|| actor_snapshot(&local));
        let row = ActorRow {
            uid: local.uid.clone(),
            name: incoming.name.trim().to_string(),
            kind: non_empty(incoming.kind.clone()),
            description: non_empty(incoming.description.clone()),
            public_name: non_empty(incoming.public_name.clone()),
            affiliation: affiliation.filter(|&a| a != id),
            created_at: local.created_at.clone(),
        };
        txn.update_actor(id, &row)?;
        for alias in &incoming.aliases {
            match txn.name_owner(alias, None)? {
                None => txn.add_alias(id, alias)?,
                Some(owner) if owner.actor_id == id => {}
                Some(_) => report.conflicts.push(Conflict {
                    what: "actor",
                    uid: uid.clone(),
                    detail: format!("alias \"{alias}\" already names another actor; not added"),
                }),
            }
        }
        let action = if added { Action::Import } else { Action::Edit };
        record_actor(txn, action, &local, before)?;
    }

    let mut claim_ids: HashMap<&str, i64> = HashMap::new();
    let mut log = ImportLog::new(origin);
    let entries: Vec<_> = doc.claims.iter().collect();
    for chunk in entries.chunks(CHUNK) {
        let uids: Vec<&str> = chunk.iter().map(|(uid, _)| uid.as_str()).collect();
        let stored: HashMap<String, _> =
            txn.claims_by_uid(&uids)?.into_iter().map(|s| (s.row.uid.clone(), s)).collect();
        let mut new_rows = Vec::new();
        let mut new_tags = Vec::new();
        for &(uid, incoming) in chunk {
            let actor_id = local_id(txn, "actor", &actor_ids, &incoming.actor)?;
            let source_id = match &incoming.source {
                Some(source) => Some(local_id(txn, "source", &source_ids, source)?),
                None => None,
            };
            let mut tags: Vec<String> = incoming.tags.iter().map(|t| t.trim().to_string()).collect();
            tags.sort_unstable();
            tags.dedup();
            let fields = ClaimFields {
                text: incoming.text.clone(),
                quote: incoming.quote.clone(),
                mode: incoming.mode,
                stated_on: incoming.stated_on.clone(),
                locator: incoming.locator.clone(),
                verdict: incoming.verdict,
                notes: incoming.notes.clone(),
                notes_private: incoming.notes_private,
            }
            .tidy();
            match stored.get(uid) {
                Some(local)
                    if local.row.fields == fields
                        && local.row.actor_id == actor_id
                        && local.row.source_id == source_id
                        && local.tags == tags =>
                {
                    report.identical.claims += 1;
                    claim_ids.insert(uid, local.id);
                }
                Some(local) => {
                    if report.conflict(policy, "claim", uid, format!("#{} here", local.id))? {
                        let before = super::history::claim_snapshot(txn, local.id, false)?;
                        let updated_at = incoming.updated_at.clone().unwrap_or_else(|| now.clone());
                        let mut row = ClaimRow { fields, actor_id, source_id, updated_at, ..local.row.clone() };
                        row.stamp_verdict(Some(local.row.fields.verdict), &now, &user);
                        row.keep_verdict_stamp(incoming.verdict_at.as_deref(), incoming.verdict_by.as_deref());
                        txn.update_claim(local.id, &row)?;
                        txn.clear_tags(local.id)?;
                        let pairs: Vec<(i64, &str)> = tags.iter().map(|t| (local.id, t.as_str())).collect();
                        txn.tag_claims(&pairs)?;
                        record_claim(txn, Action::Edit, local.id, before)?;
                        report.updated.claims += 1;
                    }
                    claim_ids.insert(uid, local.id);
                }
                None => {
                    let created_at = incoming.created_at.clone().unwrap_or_else(|| now.clone());
                    let updated_at = incoming.updated_at.clone().unwrap_or_else(|| created_at.clone());
                    let mut row = ClaimRow {
                        wanted_id: incoming.id,
                        uid: uid.clone(),
                        fields,
                        actor_id,
                        source_id,
                        created_at,
                        updated_at: updated_at.clone(),
                        verdict_at: None,
                        verdict_by: None,
                    };
                    row.stamp_verdict(None, &updated_at, &user);
                    row.keep_verdict_stamp(incoming.verdict_at.as_deref(), incoming.verdict_by.as_deref());
                    new_rows.push(row);
                    new_tags.push((uid.as_str(), tags));
                }
            }
        }
        let ids = txn.insert_claims(&new_rows)?;
        let mut pairs = Vec::new();
        for ((row, id), (uid, tags)) in new_rows.iter().zip(ids).zip(&new_tags) {
            let id = id.ok_or_else(|| OpsError::Twice(row.uid.clone()))?;
            claim_ids.insert(uid, id);
            pairs.extend(tags.iter().map(|t| (id, t.as_str())));
            log.add(id, None);
        }
        txn.tag_claims(&pairs)?;
        report.added.claims += new_rows.len();
    }
    txn.drop_unused_tags()?;

    for relation in &doc.relations {
        let a = local_id(txn, "claim", &claim_ids, &relation.from)?;
        let b = local_id(txn, "claim", &claim_ids, &relation.to)?;
        if a == b {
            return Err(OpsError::SelfLink { id: a, kind: relation.kind }.into());
        }
        let note = relation.note.as_deref().filter(|n| !n.trim().is_empty());
        let created_at = relation.created_at.as_deref().unwrap_or(&now);
        let (from, to) = relation.kind.canonical(a, b);
        let edge = Edge { from, kind: relation.kind, to };
        if txn.insert_relation(edge, note, created_at)? {
            txn.record(&[relation_change(Action::Import, from, relation.kind, to, note)])?;
            report.added.relations += 1;
            continue;
        }
        let local_note = txn.relation_note(edge)?.flatten();
        if local_note.as_deref() == note {
            report.identical.relations += 1;
        } else {
            let label = format!("{} {} {}", relation.from, relation.kind, relation.to);
            if report.conflict(policy, "relation", &label, "a different note".into())? {
                txn.set_relation_note(edge, note)?;
                txn.record(&[relation_change(Action::Link, from, relation.kind, to, note)])?;
                report.updated.relations += 1;
            }
        }
    }
    log.write(txn)?;
    Ok(report)
}

/// Bring another story's settings into this one (`import story.db`): a setting this story does
/// not have is taken; one it has with another value is a conflict, handled as rows' are.
pub fn merge_settings(
    txn: &mut dyn Txn,
    incoming: &[(String, String)],
    policy: OnConflict,
    report: &mut MergeReport,
) -> Result<()> {
    for (name, value) in incoming {
        match txn.setting(name)? {
            Some(local) if &local == value => report.identical.settings += 1,
            Some(local) => {
                let detail = format!("here \"{local}\", incoming \"{value}\"");
                if report.conflict(policy, "setting", name, detail)? {
                    txn.set_setting(name, value)?;
                    report.updated.settings += 1;
                }
            }
            None => {
                txn.set_setting(name, value)?;
                report.added.settings += 1;
            }
        }
    }
    Ok(())
}
