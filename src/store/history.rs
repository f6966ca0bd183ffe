//! The history of changes, and bringing deleted claims back from it.
//!
//! Every write method of the store records what it changed here, inside its own transaction:
//! who, when, which row, and the row before and after as JSON (built by SQLite's json_object,
//! so a snapshot is one statement). Imports record one small row per claim naming the file and
//! line it came from; the claim's values are its own, or the first later edit's `before`.

use anyhow::{Result, bail};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::Db;
use crate::dates::now_timestamp;
use crate::model::{Choice, RelationKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Edit,
    Delete,
    Merge,
    Import,
    Restore,
    Link,
    Unlink,
}

impl Action {
    fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Edit => "edit",
            Action::Delete => "delete",
            Action::Merge => "merge",
            Action::Import => "import",
            Action::Restore => "restore",
            Action::Link => "link",
            Action::Unlink => "unlink",
        }
    }
}

/// One recorded change, as `history` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryEntry {
    pub id: i64,
    pub at: String,
    pub user: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub other_id: Option<i64>,
    pub entity_uid: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// A claim as its delete snapshot holds it: enough to put it back.
#[derive(Debug, Deserialize)]
struct ClaimSnapshot {
    uid: String,
    text: String,
    quote: Option<String>,
    actor: String,
    actor_uid: String,
    source: Option<String>,
    source_uid: Option<String>,
    mode: String,
    stated_on: Option<String>,
    locator: Option<String>,
    verdict: String,
    notes: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    created_at: String,
    #[serde(default)]
    relations: Vec<RelationSnapshot>,
}

#[derive(Debug, Deserialize)]
struct RelationSnapshot {
    kind: String,
    from_uid: String,
    to_uid: String,
    note: Option<String>,
    created_at: Option<String>,
}

/// What `restore` put back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub relations: usize,
    /// Relations whose other claim is gone too.
    pub relations_lost: usize,
    pub actor_recreated: bool,
    pub source_lost: Option<String>,
}

/// A claim as JSON, with its relations when `?2` is true.
pub(super) const CLAIM_SNAPSHOT: &str = "SELECT json_object(
        'id', c.id, 'uid', c.uid, 'text', c.text, 'quote', c.quote,
        'actor', a.name, 'actor_uid', a.uid, 'source', s.key, 'source_uid', s.uid,
        'mode', c.mode, 'stated_on', c.stated_on, 'locator', c.locator, 'verdict', c.verdict, 'notes', c.notes,
        'tags', json((SELECT json_group_array(name) FROM
                       (SELECT t.name FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id
                         WHERE ct.claim_id = c.id ORDER BY t.name))),
        'created_at', c.created_at, 'updated_at', c.updated_at,
        'relations', CASE WHEN ?2 THEN json((
            SELECT json_group_array(json_object('kind', r.kind, 'from', r.from_id, 'from_uid', f.uid,
                                                'to', r.to_id, 'to_uid', t.uid, 'note', r.note,
                                                'created_at', r.created_at))
              FROM relations r JOIN claims f ON f.id = r.from_id JOIN claims t ON t.id = r.to_id
             WHERE r.from_id = c.id OR r.to_id = c.id)) END),
    c.uid
    FROM claims c JOIN actors a ON a.id = c.actor_id LEFT JOIN sources s ON s.id = c.source_id
    WHERE c.id = ?1";

impl Db<'_> {
    pub(super) fn record(
        &self,
        action: Action,
        entity: &str,
        (entity_id, other_id): (Option<i64>, Option<i64>),
        entity_uid: Option<&str>,
        before: Option<&str>,
        after: Option<&str>,
    ) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO history (at, user, action, entity, entity_id, other_id, entity_uid, before, after)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )?
            .execute(params![
                now_timestamp(),
                self.user,
                action.as_str(),
                entity,
                entity_id,
                other_id,
                entity_uid,
                before,
                after
            ])?;
        Ok(())
    }

    /// The claim as JSON text (with its relations when asked) and its uid, or None if there is no
    /// such claim.
    pub(super) fn claim_snapshot(&self, id: i64, with_relations: bool) -> Result<Option<(String, String)>> {
        Ok(self
            .conn
            .prepare_cached(CLAIM_SNAPSHOT)?
            .query_row(params![id, with_relations], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?)
    }

    /// Record a claim change: `before` was taken before it, the after-state is read now.
    pub(super) fn record_claim(&self, action: Action, id: i64, before: Option<&(String, String)>) -> Result<()> {
        let after = if action == Action::Delete { None } else { self.claim_snapshot(id, false)? };
        let uid = after.as_ref().or(before).map(|(_, uid)| uid.as_str());
        self.record(
            action,
            "claim",
            (Some(id), None),
            uid,
            before.map(|(json, _)| json.as_str()),
            after.as_ref().map(|(json, _)| json.as_str()),
        )
    }

    /// An actor as JSON text.
    pub(super) fn actor_snapshot(&self, id: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT json_object('id', a.id, 'uid', a.uid, 'name', a.name, 'kind', a.kind,
                        'description', a.description,
                        'affiliation', (SELECT p.name FROM actors p WHERE p.id = a.affiliation),
                        'aliases', json((SELECT json_group_array(alias) FROM
                                          (SELECT alias FROM actor_aliases WHERE actor_id = a.id ORDER BY alias))))
                 FROM actors a WHERE a.id = ?",
            )?
            .query_row([id], |row| row.get(0))
            .optional()?)
    }

    pub(super) fn record_actor(&self, action: Action, id: i64, uid: &str, before: Option<&str>) -> Result<()> {
        let after = if action == Action::Delete { None } else { self.actor_snapshot(id)? };
        self.record(action, "actor", (Some(id), None), Some(uid), before, after.as_deref())
    }

    /// A source as JSON text.
    pub(super) fn source_snapshot(&self, id: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT json_object('id', id, 'uid', uid, 'key', key, 'title', title, 'url', url,
                        'publisher', publisher, 'published', published, 'accessed', accessed, 'kind', kind,
                        'body', body)
                 FROM sources WHERE id = ?",
            )?
            .query_row([id], |row| row.get(0))
            .optional()?)
    }

    pub(super) fn record_source(&self, action: Action, id: i64, uid: &str, before: Option<&str>) -> Result<()> {
        let after = if action == Action::Delete { None } else { self.source_snapshot(id)? };
        self.record(action, "source", (Some(id), None), Some(uid), before, after.as_deref())
    }

    /// Record a relation made or removed.
    pub(super) fn record_relation(
        &self,
        action: Action,
        (from, kind, to): (i64, RelationKind, i64),
        note: Option<&str>,
    ) -> Result<()> {
        let snapshot = serde_json::json!({"from": from, "kind": kind.as_str(), "to": to, "note": note}).to_string();
        // Import and link both make a relation; only unlink takes one away.
        let (before, after) = match action {
            Action::Unlink => (Some(snapshot.as_str()), None),
            _ => (None, Some(snapshot.as_str())),
        };
        self.record(action, "relation", (Some(from), Some(to)), None, before, after)
    }

    /// Record imported claims in one statement: `entries` is a JSON array of
    /// [claim id, uid, line] triples from the file `origin`.
    pub(super) fn record_imports(&self, entries: &str, origin: &str, at: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO history (at, user, action, entity, entity_id, entity_uid, after)
                 SELECT ?1, ?2, 'import', 'claim', value ->> 0, value ->> 1, json_object('file', ?3, 'line', value ->> 2)
                   FROM json_each(?4)",
            )?
            .execute(params![at, self.user, origin, entries])?;
        Ok(())
    }

    /// Record, for each claim of one actor, that a merge gave it another actor's name. One
    /// statement for all of them; run it before the claims move.
    pub(super) fn record_claims_moved(&self, from_actor: i64, from_name: &str, into_name: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO history (at, user, action, entity, entity_id, entity_uid, before, after)
                 SELECT ?1, ?2, 'merge', 'claim', c.id, c.uid, json_object('actor', ?3), json_object('actor', ?4)
                   FROM claims c WHERE c.actor_id = ?5",
            )?
            .execute(params![now_timestamp(), self.user, from_name, into_name, from_actor])?;
        Ok(())
    }

    /// Newest first: everything, or what touched one claim (its own changes and its relations').
    pub fn history(&self, claim: Option<i64>, limit: u64) -> Result<Vec<HistoryEntry>> {
        let limit = limit.min(i64::MAX as u64) as i64;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, user, action, entity, entity_id, other_id, entity_uid, before, after FROM history
             WHERE ?1 IS NULL
                OR (entity = 'claim' AND entity_id = ?1)
                OR (entity = 'relation' AND entity_id = ?1)
                OR (entity = 'relation' AND other_id = ?1)
             ORDER BY id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![claim, limit], |row| {
            let parse = |text: Option<String>| text.and_then(|t| serde_json::from_str(&t).ok());
            Ok(HistoryEntry {
                id: row.get(0)?,
                at: row.get(1)?,
                user: row.get(2)?,
                action: row.get(3)?,
                entity: row.get(4)?,
                entity_id: row.get(5)?,
                other_id: row.get(6)?,
                entity_uid: row.get(7)?,
                before: parse(row.get(8)?),
                after: parse(row.get(9)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Bring back a deleted claim, with its tags and those of its relations whose other claim is
    /// still here, under its old id and uid.
    pub fn restore_claim(&self, id: i64) -> Result<Restored> {
        let exists: bool =
            self.conn.query_row("SELECT EXISTS (SELECT 1 FROM claims WHERE id = ?)", [id], |r| r.get(0))?;
        if exists {
            bail!("claim #{id} is not deleted; nothing to restore");
        }
        let snapshot: Option<String> = self
            .conn
            .query_row(
                "SELECT before FROM history WHERE entity = 'claim' AND entity_id = ? AND action = 'delete'
                 ORDER BY id DESC LIMIT 1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(snapshot) = snapshot else {
            bail!("the history has no deleted claim #{id}: see `claimtrack history` for what was removed");
        };
        let claim: ClaimSnapshot = serde_json::from_str(&snapshot)?;
        let taken: Option<i64> =
            self.conn.query_row("SELECT id FROM claims WHERE uid = ?", [&claim.uid], |r| r.get(0)).optional()?;
        if let Some(other) = taken {
            bail!("claim #{id} came back already, as #{other} (same uid); nothing to restore");
        }
        let by_uid: Option<i64> =
            self.conn.query_row("SELECT id FROM actors WHERE uid = ?", [&claim.actor_uid], |r| r.get(0)).optional()?;
        let (actor_id, actor_recreated) = match by_uid {
            Some(actor) => (actor, false),
            None => {
                let found = self.actor_for_claim(&claim.actor)?;
                (found.id, found.created)
            }
        };
        let mut source_lost = None;
        let source_id: Option<i64> = match (&claim.source_uid, &claim.source) {
            (Some(uid), key) => {
                let found: Option<i64> = self
                    .conn
                    .query_row("SELECT id FROM sources WHERE uid = ?1 OR key = ?2 LIMIT 1", params![uid, key], |r| {
                        r.get(0)
                    })
                    .optional()?;
                if found.is_none() {
                    source_lost = key.clone();
                }
                found
            }
            (None, _) => None,
        };
        let columns = super::claims::ClaimColumns {
            uid: &claim.uid,
            text: &claim.text,
            quote: claim.quote.as_deref(),
            actor_id,
            source_id,
            mode: &claim.mode,
            stated_on: claim.stated_on.as_deref(),
            locator: claim.locator.as_deref(),
            verdict: &claim.verdict,
            notes: claim.notes.as_deref(),
        };
        self.insert_claim_row(Some(id), &columns, &claim.created_at, &now_timestamp())?;
        for tag in &claim.tags {
            self.tag_claim(id, tag)?;
        }
        let (mut relations, mut relations_lost) = (0, 0);
        for relation in &claim.relations {
            let ends: Vec<Option<i64>> = [&relation.from_uid, &relation.to_uid]
                .into_iter()
                .map(|uid| self.conn.query_row("SELECT id FROM claims WHERE uid = ?", [uid], |r| r.get(0)).optional())
                .collect::<rusqlite::Result<_>>()?;
            let (Some(from), Some(to)) = (ends[0], ends[1]) else {
                relations_lost += 1;
                continue;
            };
            let kind = RelationKind::parse(&relation.kind)?;
            let created = relation.created_at.as_deref();
            if self.insert_relation(Action::Restore, (from, kind, to), relation.note.as_deref(), created)? {
                relations += 1;
            }
        }
        self.record_claim(Action::Restore, id, None)?;
        Ok(Restored { relations, relations_lost, actor_recreated, source_lost })
    }
}
