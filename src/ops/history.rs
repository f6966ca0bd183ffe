//! Snapshots of rows for the history, built here so that every backend records the same JSON:
//! `history` shows them, and `restore` reads a deleted claim's back.

use anyhow::Result;
use serde::Deserialize;
use serde_json::json;

use crate::model::{Action, Actor, Change, Entity, ImportRun, Source};
use crate::store::Txn;

/// A claim's snapshot: its JSON and its uid.
pub struct Snapshot {
    pub json: String,
    pub uid: String,
}

/// The claim as JSON (with its relations when asked), or None when there is no such claim.
pub fn claim_snapshot(txn: &mut dyn Txn, id: i64, with_relations: bool) -> Result<Option<Snapshot>> {
    let Some(c) = txn.claim(id)? else { return Ok(None) };
    let mut value = json!({
        "id": c.id, "uid": c.uid, "text": c.fields.text, "quote": c.fields.quote,
        "actor": c.actor, "actor_uid": c.actor_uid, "source": c.source, "source_uid": c.source_uid,
        "mode": c.fields.mode, "stated_on": c.fields.stated_on, "locator": c.fields.locator,
        "verdict": c.fields.verdict, "notes": c.fields.notes, "notes_private": c.fields.notes_private, "tags": c.tags,
        "created_at": c.created_at, "updated_at": c.updated_at,
        "verdict_at": c.verdict_at, "verdict_by": c.verdict_by,
    });
    if with_relations {
        let relations: Vec<_> = txn
            .relations_of(id)?
            .into_iter()
            .map(|r| {
                json!({"kind": r.kind, "from": r.from, "from_uid": r.from_uid, "to": r.to, "to_uid": r.to_uid,
                       "note": r.note, "created_at": r.created_at})
            })
            .collect();
        value["relations"] = relations.into();
    }
    Ok(Some(Snapshot { json: value.to_string(), uid: c.uid }))
}

/// Record a claim change: `before` was taken before it, the after-state is read now.
pub fn record_claim(txn: &mut dyn Txn, action: Action, id: i64, before: Option<Snapshot>) -> Result<()> {
    let after = if action == Action::Delete { None } else { claim_snapshot(txn, id, false)? };
    let uid = after.as_ref().or(before.as_ref()).map(|s| s.uid.clone());
    txn.record(&[Change {
        action,
        entity: Entity::Claim,
        entity_id: Some(id),
        other_id: None,
        entity_uid: uid,
        before: before.map(|s| s.json),
        after: after.map(|s| s.json),
    }])?;
    Ok(())
}

pub fn actor_snapshot(a: &Actor) -> String {
    json!({"id": a.id, "uid": a.uid, "name": a.name, "kind": a.kind, "description": a.description,
           "public_name": a.public_name, "affiliation": a.affiliation, "aliases": a.aliases})
    .to_string()
}

pub fn record_actor(txn: &mut dyn Txn, action: Action, actor: &Actor, before: Option<String>) -> Result<()> {
    let after = if action == Action::Delete { None } else { txn.actor(actor.id)?.map(|a| actor_snapshot(&a)) };
    txn.record(&[Change {
        action,
        entity: Entity::Actor,
        entity_id: Some(actor.id),
        other_id: None,
        entity_uid: Some(actor.uid.clone()),
        before,
        after,
    }])?;
    Ok(())
}

pub fn source_snapshot(s: &Source) -> String {
    json!({"id": s.id, "uid": s.uid, "key": s.key, "title": s.title, "url": s.url, "publisher": s.publisher,
           "published": s.published, "accessed": s.accessed, "kind": s.kind, "body": s.body,
           "body_private": s.body_private})
    .to_string()
}

pub fn record_source(txn: &mut dyn Txn, action: Action, source: &Source, before: Option<String>) -> Result<()> {
    txn.record(&[source_change(action, source, before)])?;
    Ok(())
}

/// What [`record_source`] records, for recording many at once.
pub fn source_change(action: Action, source: &Source, before: Option<String>) -> Change {
    let after = (action != Action::Delete).then(|| source_snapshot(source));
    Change {
        action,
        entity: Entity::Source,
        entity_id: Some(source.id),
        other_id: None,
        entity_uid: Some(source.uid.clone()),
        before,
        after,
    }
}

/// A relation made (link, import, restore) or taken away (unlink).
pub fn relation_change(
    action: Action,
    from: i64,
    kind: crate::model::RelationKind,
    to: i64,
    note: Option<&str>,
) -> Change {
    let snapshot = json!({"from": from, "kind": kind, "to": to, "note": note}).to_string();
    let (before, after) = if action == Action::Unlink { (Some(snapshot), None) } else { (None, Some(snapshot)) };
    Change {
        action,
        entity: Entity::Relation,
        entity_id: Some(from),
        other_id: Some(to),
        entity_uid: None,
        before,
        after,
    }
}

/// The claims an import adds, for its one history entry: runs of consecutive ids, with each
/// claim's line in the file for row files. Written by [`ImportLog::write`] at the end.
pub struct ImportLog {
    origin: String,
    claims: usize,
    runs: Vec<ImportRun>,
    last_line: u64,
}

/// Claims in one run at most, so that finding a claim's line reads a few kilobytes.
const RUN_CLAIMS: i64 = 4096;

impl ImportLog {
    /// `origin` is the file (or database) the claims come from.
    pub fn new(origin: &str) -> ImportLog {
        ImportLog { origin: origin.to_string(), claims: 0, runs: Vec::new(), last_line: 0 }
    }

    /// Claim `id` was added, from `line` of a row file.
    pub fn add(&mut self, id: i64, line: Option<u64>) {
        self.claims += 1;
        let extends = self.runs.last().is_some_and(|run| {
            run.last_id.checked_add(1) == Some(id)
                && id - run.first_id < RUN_CLAIMS
                && run.lines.is_some() == line.is_some()
                && line.is_none_or(|line| line >= self.last_line)
        });
        if extends && let Some(run) = self.runs.last_mut() {
            run.last_id = id;
            if let (Some(lines), Some(line)) = (run.lines.as_mut(), line) {
                use std::fmt::Write as _;
                let _ = write!(lines, ",{}", line - self.last_line);
            }
        } else {
            self.runs.push(ImportRun { first_id: id, last_id: id, lines: line.map(|line| line.to_string()) });
        }
        if let Some(line) = line {
            self.last_line = line;
        }
    }

    /// Record the import's entry, naming every claim added; nothing when none was.
    pub fn write(self, txn: &mut dyn Txn) -> Result<()> {
        if self.claims == 0 {
            return Ok(());
        }
        let change = Change {
            action: Action::Import,
            entity: Entity::Claim,
            entity_id: None,
            other_id: None,
            entity_uid: None,
            before: None,
            after: Some(json!({"file": self.origin, "claims": self.claims}).to_string()),
        };
        txn.record_import(&change, &self.runs)?;
        Ok(())
    }
}

/// A claim as its delete snapshot holds it: enough to put it back.
#[derive(Debug, Deserialize)]
pub struct DeletedClaim {
    pub uid: String,
    pub text: String,
    pub quote: Option<String>,
    pub actor: String,
    pub actor_uid: String,
    pub source: Option<String>,
    pub source_uid: Option<String>,
    pub mode: String,
    pub stated_on: Option<String>,
    pub locator: Option<String>,
    pub verdict: String,
    pub notes: Option<String>,
    /// Absent from snapshots taken before notes could be private.
    #[serde(default)]
    pub notes_private: bool,
    #[serde(default)]
    pub tags: Vec<String>,
    pub created_at: String,
    #[serde(default)]
    pub verdict_at: Option<String>,
    #[serde(default)]
    pub verdict_by: Option<String>,
    #[serde(default)]
    pub relations: Vec<DeletedRelation>,
}

#[derive(Debug, Deserialize)]
pub struct DeletedRelation {
    pub kind: String,
    pub from: i64,
    pub to: i64,
    pub from_uid: String,
    pub to_uid: String,
    pub note: Option<String>,
    pub created_at: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_follow_consecutive_ids_and_keep_every_line() {
        let mut log = ImportLog::new("a.csv");
        for (id, line) in [(1, 2), (2, 3), (3, 5), (7, 6), (8, 9), (4, 12)] {
            log.add(id, Some(line));
        }
        let spans: Vec<(i64, i64)> = log.runs.iter().map(|r| (r.first_id, r.last_id)).collect();
        assert_eq!(spans, [(1, 3), (7, 8), (4, 4)]);
        let line =
            |id: i64| log.runs.iter().find_map(|r| (r.first_id..=r.last_id).contains(&id).then(|| r.line_of(id)));
        assert_eq!([1, 2, 3, 7, 8, 4].map(|id| line(id).flatten()), [2, 3, 5, 6, 9, 12].map(Some));
        assert_eq!(log.runs[0].line_of(9), None, "outside the run");
    }

    #[test]
    fn runs_stay_small_and_documents_have_no_lines() {
        let mut log = ImportLog::new("doc.json");
        for id in 1..=(2 * RUN_CLAIMS + 1) {
            log.add(id, None);
        }
        assert_eq!(log.runs.len(), 3);
        assert_eq!(log.runs[1].first_id, RUN_CLAIMS + 1);
        assert!(log.runs.iter().all(|r| r.lines.is_none() && r.line_of(r.first_id).is_none()));
        assert_eq!(log.claims, 2 * RUN_CLAIMS as usize + 1);
    }
}
