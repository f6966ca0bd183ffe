//! The whole database as one JSON document keyed by uid: what `export json` writes, what `import`
//! reads back, and the shape another claimtrack database is merged in (see `ops::merge`).
//!
//! Export, then import into an empty database, then export again gives the same document: uids,
//! claim ids and timestamps travel with the rows, and symmetric relations are written in uid
//! order so the local ids they are stored by do not show.

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use crate::dates::{parse_date, parse_timestamp};
use crate::model::{Actor, ClaimFilter, ClaimRecord, Mode, RelationKind, RelationRecord, Source, Verdict, rules};
use crate::store::{Order, Txn};

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
    /// The text is the desk's alone. Left out when false, as in documents from before.
    #[serde(default, skip_serializing_if = "is_false")]
    pub body_private: bool,
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
    /// How the actor's anonymous claims name it in public. Left out when there is none, so a
    /// document without one reads as it did before public names existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_name: Option<String>,
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
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub stated_on: Option<String>,
    #[serde(default)]
    pub locator: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub verdict: Verdict,
    #[serde(default)]
    pub notes: Option<String>,
    /// The notes are the desk's alone. Left out when false, as in documents from before.
    #[serde(default, skip_serializing_if = "is_false")]
    pub notes_private: bool,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    /// When the verdict was set, and by whom (what ClaimReview publishes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict_by: Option<String>,
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

fn is_false(flag: &bool) -> bool {
    !flag
}

impl From<Source> for SourceDoc {
    fn from(s: Source) -> SourceDoc {
        SourceDoc {
            key: s.key,
            title: s.title,
            url: s.url,
            publisher: s.publisher,
            published: s.published,
            accessed: s.accessed,
            kind: s.kind,
            body: s.body,
            body_private: s.body_private,
            created_at: Some(s.created_at),
        }
    }
}

impl From<Actor> for ActorDoc {
    fn from(a: Actor) -> ActorDoc {
        ActorDoc {
            name: a.name,
            kind: a.kind,
            description: a.description,
            public_name: a.public_name,
            affiliation: a.affiliation_uid,
            aliases: a.aliases,
            created_at: Some(a.created_at),
        }
    }
}

impl From<ClaimRecord> for ClaimDoc {
    fn from(c: ClaimRecord) -> ClaimDoc {
        ClaimDoc {
            id: Some(c.id),
            text: c.fields.text,
            quote: c.fields.quote,
            actor: c.actor_uid,
            source: c.source_uid,
            mode: c.fields.mode,
            stated_on: c.fields.stated_on,
            locator: c.fields.locator,
            tags: c.tags,
            verdict: c.fields.verdict,
            notes: c.fields.notes,
            notes_private: c.fields.notes_private,
            created_at: Some(c.created_at),
            updated_at: Some(c.updated_at),
            verdict_at: c.verdict_at,
            verdict_by: c.verdict_by,
        }
    }
}

impl From<RelationRecord> for RelationDoc {
    fn from(r: RelationRecord) -> RelationDoc {
        RelationDoc { from: r.from_uid, kind: r.kind, to: r.to_uid, note: r.note, created_at: Some(r.created_at) }
    }
}

/// Check everything that can be checked without a database, naming the entry at fault.
pub fn validate(doc: &Document) -> Result<()> {
    if doc.claimtrack > FORMAT_VERSION {
        bail!(
            "the document was written by a newer claimtrack (format {}; this one reads up to {FORMAT_VERSION}): upgrade claimtrack",
            doc.claimtrack
        );
    }
    let check_date = |what: &str, uid: &str, field: &str, value: &Option<String>| -> Result<()> {
        if let Some(date) = value.as_deref().filter(|v| !v.trim().is_empty()) {
            let canonical = parse_date(date).with_context(|| format!("{what} {uid}: {field}"))?;
            if canonical != date {
                bail!("{what} {uid}: {field} \"{date}\" should be written {canonical}");
            }
        }
        Ok(())
    };
    for (uid, source) in &doc.sources {
        rules::check_uid(uid).context("a source")?;
        rules::check_key(&source.key).with_context(|| format!("source {uid}"))?;
        check_date("source", uid, "published", &source.published)?;
        check_date("source", uid, "accessed", &source.accessed)?;
    }
    for (uid, actor) in &doc.actors {
        rules::check_uid(uid).context("an actor")?;
        rules::check_name(&actor.name).with_context(|| format!("actor {uid}"))?;
    }
    for (uid, claim) in &doc.claims {
        rules::check_uid(uid).context("a claim")?;
        rules::check_text(&claim.text).with_context(|| format!("claim {uid}"))?;
        if let Some(id) = claim.id {
            rules::check_file_id(id).with_context(|| format!("claim {uid}"))?;
        }
        check_date("claim", uid, "stated_on", &claim.stated_on)?;
        if let Some(at) = &claim.verdict_at {
            // ClaimReview publishes its date: it must be a moment.
            parse_timestamp(at).with_context(|| format!("claim {uid}: verdict_at"))?;
        }
        for tag in &claim.tags {
            rules::check_tag(tag).with_context(|| format!("claim {uid}"))?;
        }
    }
    for relation in &doc.relations {
        if relation.from == relation.to {
            bail!("relation {} {} {}: a claim cannot be linked to itself", relation.from, relation.kind, relation.to);
        }
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

/// Stream the database as a pretty-printed document, one row in memory at a time: all of it, or
/// the claims a filter selects with the actors, sources and relations they need.
pub fn write_document(txn: &mut dyn Txn, out: &mut dyn Write, filter: Option<&ClaimFilter>) -> Result<()> {
    write!(out, "{{\n  \"claimtrack\": {FORMAT_VERSION},\n  \"sources\": {{")?;
    let mut first = true;
    txn.for_each_source(filter, &mut |s| write_entry(out, &mut first, &s.uid.clone(), &SourceDoc::from(s)))?;
    write!(out, "{}}},\n  \"actors\": {{", if first { "" } else { "\n  " })?;
    first = true;
    txn.for_each_actor(filter, &mut |a| write_entry(out, &mut first, &a.uid.clone(), &ActorDoc::from(a)))?;
    write!(out, "{}}},\n  \"claims\": {{", if first { "" } else { "\n  " })?;
    first = true;
    let all = ClaimFilter::default();
    txn.for_each_claim(filter.unwrap_or(&all), Order::Uid, &mut |c| {
        write_entry(out, &mut first, &c.uid.clone(), &ClaimDoc::from(c))
    })?;
    write!(out, "{}}},\n  \"relations\": [", if first { "" } else { "\n  " })?;
    first = true;
    txn.for_each_relation(filter, &mut |r| {
        let body = serde_json::to_string_pretty(&RelationDoc::from(r))?.replace('\n', "\n    ");
        let separator = if std::mem::take(&mut first) { "\n" } else { ",\n" };
        write!(out, "{separator}    {body}")?;
        Ok(())
    })?;
    writeln!(out, "{}]\n}}", if first { "" } else { "\n  " })?;
    Ok(())
}

/// The whole database in memory, for merging it into another.
pub fn read_document(txn: &mut dyn Txn) -> Result<Document> {
    read_selection(txn, None)
}

/// What `write_document` streams, in memory: for a redacted export (see `ops::redact`).
pub fn read_selection(txn: &mut dyn Txn, filter: Option<&ClaimFilter>) -> Result<Document> {
    let mut doc = Document {
        claimtrack: FORMAT_VERSION,
        sources: BTreeMap::new(),
        actors: BTreeMap::new(),
        claims: BTreeMap::new(),
        relations: Vec::new(),
    };
    txn.for_each_source(filter, &mut |s| {
        doc.sources.insert(s.uid.clone(), s.into());
        Ok(())
    })?;
    txn.for_each_actor(filter, &mut |a| {
        doc.actors.insert(a.uid.clone(), a.into());
        Ok(())
    })?;
    let all = ClaimFilter::default();
    txn.for_each_claim(filter.unwrap_or(&all), Order::Uid, &mut |c| {
        doc.claims.insert(c.uid.clone(), c.into());
        Ok(())
    })?;
    txn.for_each_relation(filter, &mut |r| {
        doc.relations.push(r.into());
        Ok(())
    })?;
    Ok(doc)
}
