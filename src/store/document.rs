//! The whole database as one JSON document keyed by uid: `export json`, `import` of such a
//! document, and merging another claimtrack database (read into the same shape).
//!
//! Export then import into an empty database then export again gives the same document: uids,
//! claim ids and timestamps travel with the rows, and symmetric relations are written in uid
//! order so the local ids they are stored by do not show.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;

use anyhow::{Context, Result, bail};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::Db;
use super::history::Action;
use super::relations::canonical;
use crate::dates::{now_timestamp, parse_date};
use crate::model::{Choice, Mode, RelationKind, Verdict};
use crate::names::{fold_key, name_key};

/// The version of the document layout; a newer one is refused.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub claimtrack: u32,
    #[serde(default)]
    pub sources: BTreeMap<String, SourceDoc>,
    #[serde(default)]
    pub actors: BTreeMap<String, ActorDoc>,
    #[serde(default)]
    pub claims: BTreeMap<String, ClaimDoc>,
    #[serde(default)]
    pub relations: Vec<RelationDoc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDoc {
    pub key: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub accessed: Option<String>,
    #[serde(default = "default_source_kind")]
    pub kind: String,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorDoc {
    pub name: String,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// The uid of the actor this one belongs to.
    #[serde(default)]
    pub affiliation: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub created_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimDoc {
    /// The short id the claim had; kept when the importing database has it free.
    #[serde(default)]
    pub id: Option<i64>,
    pub text: String,
    #[serde(default)]
    pub quote: Option<String>,
    /// The actor's uid.
    pub actor: String,
    /// The source's uid.
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default = "default_mode")]
    pub mode: Mode,
    #[serde(default)]
    pub stated_on: Option<String>,
    #[serde(default)]
    pub locator: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default = "default_verdict")]
    pub verdict: Verdict,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationDoc {
    /// Claim uids.
    pub from: String,
    pub kind: RelationKind,
    pub to: String,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
}

fn default_source_kind() -> String {
    "article".into()
}
fn default_mode() -> Mode {
    Mode::Paraphrase
}
fn default_verdict() -> Verdict {
    Verdict::Unrated
}

/// What to do with an incoming row whose uid is already here with different content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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
}

impl Tally {
    pub fn total(&self) -> usize {
        self.sources + self.actors + self.claims + self.relations
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
    fn conflict(&mut self, policy: OnConflict, what: &'static str, uid: &str, detail: String) -> Result<bool> {
        if policy == OnConflict::Fail {
            bail!(
                "{what} {uid} differs from the one already in the database ({detail}); nothing was imported (use --on-conflict skip or update)"
            );
        }
        if policy == OnConflict::Skip {
            self.conflicts.push(Conflict { what, uid: uid.to_string(), detail });
        }
        Ok(policy == OnConflict::Update)
    }
}

fn empty_to_none(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|v| !v.trim().is_empty())
}

/// Check everything that can be checked without the database, naming the entry at fault.
fn validate(doc: &Document) -> Result<()> {
    if doc.claimtrack > FORMAT_VERSION {
        bail!(
            "the document was written by a newer claimtrack (format {}; this one reads up to {FORMAT_VERSION}): upgrade claimtrack",
            doc.claimtrack
        );
    }
    let check_date = |what: &str, uid: &str, field: &str, value: &Option<String>| -> Result<()> {
        if let Some(date) = empty_to_none(value) {
            let canonical = parse_date(date).with_context(|| format!("{what} {uid}: {field}"))?;
            if canonical != date {
                bail!("{what} {uid}: {field} \"{date}\" should be written {canonical}");
            }
        }
        Ok(())
    };
    for (uid, source) in &doc.sources {
        check_uid("source", uid)?;
        if source.key.trim().is_empty() {
            bail!("source {uid}: the key is empty");
        }
        check_date("source", uid, "published", &source.published)?;
        check_date("source", uid, "accessed", &source.accessed)?;
    }
    for (uid, actor) in &doc.actors {
        check_uid("actor", uid)?;
        if actor.name.trim().is_empty() {
            bail!("actor {uid}: the name is empty");
        }
    }
    for (uid, claim) in &doc.claims {
        check_uid("claim", uid)?;
        if claim.text.trim().is_empty() {
            bail!("claim {uid}: the text is empty");
        }
        check_date("claim", uid, "stated_on", &claim.stated_on)?;
        if claim.tags.iter().any(|t| t.trim().is_empty() || t.chars().any(char::is_control)) {
            bail!("claim {uid}: a tag is empty or holds a control character");
        }
    }
    for relation in &doc.relations {
        if relation.from == relation.to {
            bail!("relation {} {} {}: a claim cannot be linked to itself", relation.from, relation.kind, relation.to);
        }
    }
    Ok(())
}

fn check_uid(what: &str, uid: &str) -> Result<()> {
    if uid.trim().is_empty() || uid.len() > 200 || uid.chars().any(char::is_control) {
        bail!("{what} uid {uid:?} is not usable: uids are non-empty, short and printable");
    }
    Ok(())
}

/// Write `"key": value` at the given depth of a pretty-printed document.
fn write_entry(out: &mut dyn Write, first: &mut bool, key: &str, value: &impl Serialize) -> Result<()> {
    let body = serde_json::to_string_pretty(value)?.replace('\n', "\n    ");
    let separator = if std::mem::take(first) { "\n" } else { ",\n" };
    write!(out, "{separator}    {}: {body}", serde_json::to_string(key)?)?;
    Ok(())
}

impl Db<'_> {
    /// Stream the database as a pretty-printed document, one row in memory at a time: all of
    /// it, or the claims a filter selects with the actors, sources and relations they need.
    pub fn write_document(&self, out: &mut dyn Write, filter: Option<&super::ClaimFilter>) -> Result<()> {
        self.select_claims(filter)?;
        let sel = filter.is_some();
        write!(out, "{{\n  \"claimtrack\": {FORMAT_VERSION},\n  \"sources\": {{")?;
        let mut first = true;
        self.each_source_doc(sel, &mut |uid, doc| write_entry(out, &mut first, &uid, &doc))?;
        write!(out, "{}}},\n  \"actors\": {{", if first { "" } else { "\n  " })?;
        first = true;
        self.each_actor_doc(sel, &mut |uid, doc| write_entry(out, &mut first, &uid, &doc))?;
        write!(out, "{}}},\n  \"claims\": {{", if first { "" } else { "\n  " })?;
        first = true;
        self.each_claim_doc(sel, &mut |uid, doc| write_entry(out, &mut first, &uid, &doc))?;
        write!(out, "{}}},\n  \"relations\": [", if first { "" } else { "\n  " })?;
        first = true;
        self.each_relation_doc(sel, &mut |doc| {
            let body = serde_json::to_string_pretty(&doc)?.replace('\n', "\n    ");
            let separator = if std::mem::take(&mut first) { "\n" } else { ",\n" };
            write!(out, "{separator}    {body}")?;
            Ok(())
        })?;
        writeln!(out, "{}]\n}}", if first { "" } else { "\n  " })?;
        Ok(())
    }

    /// The whole database in memory, for merging it into another.
    pub fn read_document(&self) -> Result<Document> {
        let mut doc = Document {
            claimtrack: FORMAT_VERSION,
            sources: BTreeMap::new(),
            actors: BTreeMap::new(),
            claims: BTreeMap::new(),
            relations: Vec::new(),
        };
        self.select_claims(None)?;
        self.each_source_doc(false, &mut |uid, s| {
            doc.sources.insert(uid, s);
            Ok(())
        })?;
        self.each_actor_doc(false, &mut |uid, a| {
            doc.actors.insert(uid, a);
            Ok(())
        })?;
        self.each_claim_doc(false, &mut |uid, c| {
            doc.claims.insert(uid, c);
            Ok(())
        })?;
        self.each_relation_doc(false, &mut |r| {
            doc.relations.push(r);
            Ok(())
        })?;
        Ok(doc)
    }

    fn each_source_doc(&self, selected: bool, each: &mut dyn FnMut(String, SourceDoc) -> Result<()>) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT uid, key, title, url, publisher, published, accessed, kind, body, created_at
             FROM sources
             WHERE ?1 = 0 OR id IN (SELECT source_id FROM claims WHERE id IN (SELECT id FROM temp.selected_claims))
             ORDER BY uid",
        )?;
        let mut rows = stmt.query([selected])?;
        while let Some(row) = rows.next()? {
            let doc = SourceDoc {
                key: row.get(1)?,
                title: row.get(2)?,
                url: row.get(3)?,
                publisher: row.get(4)?,
                published: row.get(5)?,
                accessed: row.get(6)?,
                kind: row.get(7)?,
                body: row.get(8)?,
                created_at: row.get(9)?,
            };
            each(row.get(0)?, doc)?;
        }
        Ok(())
    }

    fn each_actor_doc(&self, selected: bool, each: &mut dyn FnMut(String, ActorDoc) -> Result<()>) -> Result<()> {
        // A selection takes the actors of its claims and, up the chain, those they belong to.
        let mut stmt = self.conn.prepare(
            "WITH RECURSIVE needed(id) AS (
                 SELECT actor_id FROM claims WHERE ?1 <> 0 AND id IN (SELECT id FROM temp.selected_claims)
                 UNION
                 SELECT x.affiliation FROM actors x JOIN needed ON x.id = needed.id WHERE x.affiliation IS NOT NULL)
             SELECT a.uid, a.name, a.kind, a.description, p.uid,
                    (SELECT json_group_array(alias) FROM
                        (SELECT alias FROM actor_aliases WHERE actor_id = a.id ORDER BY alias)),
                    a.created_at
             FROM actors a LEFT JOIN actors p ON p.id = a.affiliation
             WHERE ?1 = 0 OR a.id IN needed
             ORDER BY a.uid",
        )?;
        let mut rows = stmt.query([selected])?;
        while let Some(row) = rows.next()? {
            let aliases: String = row.get(5)?;
            let doc = ActorDoc {
                name: row.get(1)?,
                kind: row.get(2)?,
                description: row.get(3)?,
                affiliation: row.get(4)?,
                aliases: serde_json::from_str(&aliases)?,
                created_at: row.get(6)?,
            };
            each(row.get(0)?, doc)?;
        }
        Ok(())
    }

    fn each_claim_doc(&self, selected: bool, each: &mut dyn FnMut(String, ClaimDoc) -> Result<()>) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT c.uid, c.id, c.text, c.quote, a.uid, s.uid, c.mode, c.stated_on, c.locator,
                    (SELECT json_group_array(name) FROM
                        (SELECT t.name FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id
                          WHERE ct.claim_id = c.id ORDER BY t.name)),
                    c.verdict, c.notes, c.created_at, c.updated_at
             FROM claims c JOIN actors a ON a.id = c.actor_id LEFT JOIN sources s ON s.id = c.source_id
             WHERE ?1 = 0 OR c.id IN (SELECT id FROM temp.selected_claims)
             ORDER BY c.uid",
        )?;
        let mut rows = stmt.query([selected])?;
        while let Some(row) = rows.next()? {
            let mode: String = row.get(6)?;
            let verdict: String = row.get(10)?;
            let tags: String = row.get(9)?;
            let doc = ClaimDoc {
                id: row.get(1)?,
                text: row.get(2)?,
                quote: row.get(3)?,
                actor: row.get(4)?,
                source: row.get(5)?,
                mode: mode.parse()?,
                stated_on: row.get(7)?,
                locator: row.get(8)?,
                tags: serde_json::from_str(&tags)?,
                verdict: verdict.parse()?,
                notes: row.get(11)?,
                created_at: row.get(12)?,
                updated_at: row.get(13)?,
            };
            each(row.get(0)?, doc)?;
        }
        Ok(())
    }

    fn each_relation_doc(&self, selected: bool, each: &mut dyn FnMut(RelationDoc) -> Result<()>) -> Result<()> {
        // Symmetric relations are written lower uid first, whatever their local ids.
        let mut stmt = self.conn.prepare(
            "SELECT CASE WHEN r.kind IN ('contradicts', 'same-as') AND f.uid > t.uid THEN t.uid ELSE f.uid END AS a,
                    r.kind,
                    CASE WHEN r.kind IN ('contradicts', 'same-as') AND f.uid > t.uid THEN f.uid ELSE t.uid END AS b,
                    r.note, r.created_at
             FROM relations r JOIN claims f ON f.id = r.from_id JOIN claims t ON t.id = r.to_id
             WHERE ?1 = 0 OR (r.from_id IN (SELECT id FROM temp.selected_claims)
                              AND r.to_id IN (SELECT id FROM temp.selected_claims))
             ORDER BY a, r.kind, b",
        )?;
        let mut rows = stmt.query([selected])?;
        while let Some(row) = rows.next()? {
            let kind: String = row.get(1)?;
            each(RelationDoc {
                from: row.get(0)?,
                kind: kind.parse()?,
                to: row.get(2)?,
                note: row.get(3)?,
                created_at: row.get(4)?,
            })?;
        }
        Ok(())
    }

    /// Bring a document's rows into this database, matching by uid (and actors by name, sources
    /// by key). Identical rows are counted, new ones added, differing ones handled by `policy`.
    /// The caller runs this inside one transaction: on an error nothing is kept.
    pub fn merge_document(&self, doc: &Document, policy: OnConflict) -> Result<MergeReport> {
        validate(doc)?;
        let mut report = MergeReport::default();
        let now = now_timestamp();

        let mut source_ids: HashMap<&str, i64> = HashMap::new();
        for (uid, incoming) in &doc.sources {
            let local: Option<(i64, SourceDoc)> = self
                .conn
                .prepare_cached(
                    "SELECT id, key, title, url, publisher, published, accessed, kind, body, created_at
                     FROM sources WHERE uid = ?1
                     UNION ALL
                     SELECT id, key, title, url, publisher, published, accessed, kind, body, created_at
                     FROM sources WHERE key = ?2 AND uid <> ?1
                     LIMIT 1",
                )?
                .query_row(params![uid, incoming.key.trim()], |row| {
                    Ok((
                        row.get(0)?,
                        SourceDoc {
                            key: row.get(1)?,
                            title: row.get(2)?,
                            url: row.get(3)?,
                            publisher: row.get(4)?,
                            published: row.get(5)?,
                            accessed: row.get(6)?,
                            kind: row.get(7)?,
                            body: row.get(8)?,
                            created_at: row.get(9)?,
                        },
                    ))
                })
                .optional()?;
            let id = match local {
                Some((id, local)) => {
                    let same = SourceDoc { created_at: None, ..local.clone() }
                        == SourceDoc { created_at: None, ..incoming.clone() };
                    if same {
                        report.identical.sources += 1;
                    } else if report.conflict(policy, "source", uid, format!("key {}", local.key))? {
                        let before = self.source_snapshot(id)?;
                        self.conn
                            .prepare_cached(
                                "UPDATE sources SET title = ?, url = ?, publisher = ?, published = ?, accessed = ?,
                                 kind = ?, body = ? WHERE id = ?",
                            )?
                            .execute(params![
                                incoming.title, incoming.url, incoming.publisher, incoming.published,
                                incoming.accessed, incoming.kind, incoming.body, id
                            ])?;
                        self.record_source(Action::Edit, id, uid, before.as_deref())?;
                        report.updated.sources += 1;
                    }
                    id
                }
                None => {
                    let source = crate::model::Source {
                        uid: uid.clone(),
                        key: incoming.key.trim().to_string(),
                        title: incoming.title.clone(),
                        url: incoming.url.clone(),
                        publisher: incoming.publisher.clone(),
                        published: incoming.published.clone(),
                        accessed: incoming.accessed.clone(),
                        kind: incoming.kind.clone(),
                        body: incoming.body.clone(),
                        created_at: incoming.created_at.clone().unwrap_or_else(|| now.clone()),
                        ..Default::default()
                    };
                    report.added.sources += 1;
                    let id = self.insert_source(&source)?;
                    self.record_source(Action::Import, id, uid, None)?;
                    id
                }
            };
            source_ids.insert(uid, id);
        }

        // Actors in two passes: first find or create each one, then settle affiliations and
        // aliases, which may point at actors later in the document.
        let mut actor_ids: HashMap<&str, i64> = HashMap::new();
        let mut added_actors: HashSet<&str> = HashSet::new();
        for (uid, incoming) in &doc.actors {
            let local: Option<i64> = self
                .conn
                .prepare_cached(
                    "SELECT id FROM actors WHERE uid = ?1
                     UNION ALL SELECT id FROM actors WHERE name_key = ?2
                     UNION ALL SELECT actor_id FROM actor_aliases WHERE alias_key = ?2
                     LIMIT 1",
                )?
                .query_row(params![uid, name_key(&incoming.name)], |row| row.get(0))
                .optional()?;
            let id = match local {
                Some(id) => id,
                None => {
                    added_actors.insert(uid.as_str());
                    report.added.actors += 1;
                    let created = incoming.created_at.clone().unwrap_or_else(|| now.clone());
                    self.insert_actor_row(
                        uid,
                        incoming.name.trim(),
                        empty_to_none(&incoming.kind),
                        empty_to_none(&incoming.description),
                        None,
                        &created,
                    )?
                }
            };
            actor_ids.insert(uid, id);
        }
        for (uid, incoming) in &doc.actors {
            let id = actor_ids[uid.as_str()];
            let affiliation = match &incoming.affiliation {
                Some(parent) => Some(self.local_id("actor", &actor_ids, parent)?),
                None => None,
            };
            let added = added_actors.contains(uid.as_str());
            let update = if added {
                true
            } else {
                let local: (String, Option<String>, Option<String>, Option<i64>, String) = self
                    .conn
                    .prepare_cached(
                        "SELECT name, kind, description, affiliation,
                                (SELECT json_group_array(alias) FROM
                                    (SELECT alias FROM actor_aliases WHERE actor_id = ?1 ORDER BY alias))
                         FROM actors WHERE id = ?1",
                    )?
                    .query_row([id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?)))?;
                let mut local_aliases: Vec<String> = serde_json::from_str(&local.4)?;
                let mut incoming_aliases = incoming.aliases.clone();
                local_aliases.sort();
                incoming_aliases.sort();
                let same = local.0 == incoming.name
                    && local.1 == incoming.kind
                    && local.2 == incoming.description
                    && local.3 == affiliation
                    && local_aliases == incoming_aliases;
                if same {
                    report.identical.actors += 1;
                    false
                } else if report.conflict(policy, "actor", uid, format!("named {}", local.0))? {
                    report.updated.actors += 1;
                    true
                } else {
                    false
                }
            };
            if update {
                let before = if added { None } else { self.actor_snapshot(id)? };
                self.conn
                    .prepare_cached(
                        "UPDATE actors SET name = ?, name_key = ?, fold_key = ?, kind = ?, description = ?,
                         affiliation = ? WHERE id = ?",
                    )?
                    .execute(params![
                        incoming.name.trim(),
                        name_key(&incoming.name),
                        fold_key(&incoming.name),
                        empty_to_none(&incoming.kind),
                        empty_to_none(&incoming.description),
                        affiliation.filter(|&a| a != id),
                        id
                    ])?;
                for alias in &incoming.aliases {
                    let owner: Option<i64> = self
                        .conn
                        .prepare_cached(
                            "SELECT actor_id FROM actor_aliases WHERE alias_key = ?1
                             UNION ALL SELECT id FROM actors WHERE name_key = ?1 LIMIT 1",
                        )?
                        .query_row([name_key(alias)], |row| row.get(0))
                        .optional()?;
                    match owner {
                        None => {
                            self.conn
                                .prepare_cached(
                                    "INSERT INTO actor_aliases (alias_key, alias, fold_key, actor_id) VALUES (?, ?, ?, ?)",
                                )?
                                .execute(params![name_key(alias), alias.trim(), fold_key(alias), id])?;
                        }
                        Some(owner) if owner == id => {}
                        Some(_) => report.conflicts.push(Conflict {
                            what: "actor",
                            uid: uid.clone(),
                            detail: format!("alias \"{alias}\" already names another actor; not added"),
                        }),
                    }
                }
                let action = if added { Action::Import } else { Action::Edit };
                self.record_actor(action, id, uid, before.as_deref())?;
            }
        }

        let mut claim_ids: HashMap<&str, i64> = HashMap::new();
        for (uid, incoming) in &doc.claims {
            let actor_id = self.local_id("actor", &actor_ids, &incoming.actor)?;
            let source_id = match &incoming.source {
                Some(source) => Some(self.local_id("source", &source_ids, source)?),
                None => None,
            };
            let mut tags: Vec<&str> = incoming.tags.iter().map(|t| t.trim()).collect();
            tags.sort_unstable();
            tags.dedup();
            let local: Option<(i64, LocalClaim)> = self
                .conn
                .prepare_cached(
                    "SELECT id, text, quote, actor_id, source_id, mode, stated_on, locator, verdict, notes,
                            (SELECT json_group_array(name) FROM
                                (SELECT t.name FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id
                                  WHERE ct.claim_id = claims.id ORDER BY t.name))
                     FROM claims WHERE uid = ?",
                )?
                .query_row([uid], |row| {
                    Ok((
                        row.get(0)?,
                        LocalClaim {
                            text: row.get(1)?,
                            quote: row.get(2)?,
                            actor_id: row.get(3)?,
                            source_id: row.get(4)?,
                            mode: row.get(5)?,
                            stated_on: row.get(6)?,
                            locator: row.get(7)?,
                            verdict: row.get(8)?,
                            notes: row.get(9)?,
                            tags: row.get(10)?,
                        },
                    ))
                })
                .optional()?;
            let wanted = LocalClaim {
                text: incoming.text.clone(),
                quote: incoming.quote.clone(),
                actor_id,
                source_id,
                mode: incoming.mode.to_string(),
                stated_on: incoming.stated_on.clone(),
                locator: incoming.locator.clone(),
                verdict: incoming.verdict.to_string(),
                notes: incoming.notes.clone(),
                tags: serde_json::to_string(&tags)?,
            };
            let id = match local {
                Some((id, local)) if local == wanted => {
                    report.identical.claims += 1;
                    id
                }
                Some((id, _)) => {
                    if report.conflict(policy, "claim", uid, format!("#{id} here"))? {
                        let before = self.claim_snapshot(id, false)?;
                        let updated = incoming.updated_at.clone().unwrap_or_else(|| now.clone());
                        self.update_claim_row(id, &wanted.columns(uid, actor_id, source_id), &updated)?;
                        self.conn.execute("DELETE FROM claim_tags WHERE claim_id = ?", [id])?;
                        for tag in &tags {
                            self.tag_claim(id, tag)?;
                        }
                        self.record_claim(Action::Edit, id, before.as_ref())?;
                        report.updated.claims += 1;
                    }
                    id
                }
                None => {
                    let created = incoming.created_at.clone().unwrap_or_else(|| now.clone());
                    let updated = incoming.updated_at.clone().unwrap_or_else(|| created.clone());
                    let columns = wanted.columns(uid, actor_id, source_id);
                    let Some(id) = self.insert_claim_row(incoming.id, &columns, &created, &updated)? else {
                        bail!("claim {uid} appears twice in the document");
                    };
                    for tag in &tags {
                        self.tag_claim(id, tag)?;
                    }
                    self.record_claim(Action::Import, id, None)?;
                    report.added.claims += 1;
                    id
                }
            };
            claim_ids.insert(uid, id);
        }

        for relation in &doc.relations {
            let a = self.local_id("claim", &claim_ids, &relation.from)?;
            let b = self.local_id("claim", &claim_ids, &relation.to)?;
            if a == b {
                bail!(
                    "relation {} {} {}: both ends are the same claim here",
                    relation.from,
                    relation.kind,
                    relation.to
                );
            }
            let note = empty_to_none(&relation.note);
            let created_at = relation.created_at.as_deref().unwrap_or(&now);
            if self.insert_relation(Action::Import, (a, relation.kind, b), note, Some(created_at))? {
                report.added.relations += 1;
                continue;
            }
            let (from, to) = canonical(a, relation.kind, b);
            let local_note: Option<String> = self
                .conn
                .prepare_cached("SELECT note FROM relations WHERE from_id = ? AND kind = ? AND to_id = ?")?
                .query_row(params![from, relation.kind.as_str(), to], |row| row.get(0))?;
            if local_note.as_deref() == note {
                report.identical.relations += 1;
            } else {
                let label = format!("{} {} {}", relation.from, relation.kind, relation.to);
                if report.conflict(policy, "relation", &label, "a different note".into())? {
                    self.conn
                        .prepare_cached("UPDATE relations SET note = ? WHERE from_id = ? AND kind = ? AND to_id = ?")?
                        .execute(params![note, from, relation.kind.as_str(), to])?;
                    self.record_relation(Action::Link, (from, relation.kind, to), note)?;
                    report.updated.relations += 1;
                }
            }
        }
        Ok(report)
    }

    /// The local id of a row named by uid: from this document's rows, else from the database.
    fn local_id(&self, what: &str, known: &HashMap<&str, i64>, uid: &str) -> Result<i64> {
        if let Some(&id) = known.get(uid) {
            return Ok(id);
        }
        let sql = match what {
            "actor" => "SELECT id FROM actors WHERE uid = ?",
            "source" => "SELECT id FROM sources WHERE uid = ?",
            _ => "SELECT id FROM claims WHERE uid = ?",
        };
        match self.conn.prepare_cached(sql)?.query_row([uid], |row| row.get(0)).optional()? {
            Some(id) => Ok(id),
            None => bail!("the document refers to {what} {uid}, which is neither in it nor in the database"),
        }
    }
}

impl LocalClaim {
    fn columns<'a>(&'a self, uid: &'a str, actor_id: i64, source_id: Option<i64>) -> super::claims::ClaimColumns<'a> {
        super::claims::ClaimColumns {
            uid,
            text: &self.text,
            quote: self.quote.as_deref(),
            actor_id,
            source_id,
            mode: &self.mode,
            stated_on: self.stated_on.as_deref(),
            locator: self.locator.as_deref(),
            verdict: &self.verdict,
            notes: self.notes.as_deref(),
        }
    }
}

/// A claim's content as compared on import: everything but its uid, id and timestamps.
#[derive(Debug, PartialEq)]
struct LocalClaim {
    text: String,
    quote: Option<String>,
    actor_id: i64,
    source_id: Option<i64>,
    mode: String,
    stated_on: Option<String>,
    locator: Option<String>,
    verdict: String,
    notes: Option<String>,
    tags: String,
}
