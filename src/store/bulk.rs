//! Writing imported rows: claims from CSV/TSV/JSON lines, and relations between them.
//!
//! The caller streams rows in inside one transaction; actors, sources and tags are looked up
//! once and remembered, statements are prepared once, and nothing is held per row but what
//! relations between rows of the same file need.

use std::collections::{HashMap, HashSet};

use anyhow::Result;
use rusqlite::{OptionalExtension, params};

use super::claims::ClaimColumns;
use super::history::Action;
use super::{Db, OnConflict};
use crate::dates::now_timestamp;
use crate::import::{ClaimRow, RelationRow, RowError};
use crate::model::{Choice, RelationKind, Source, Verdict};

/// What an import did, or would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BulkReport {
    pub added: usize,
    pub skipped: usize,
    pub updated: usize,
    pub new_actors: usize,
    pub new_sources: usize,
    pub relations_added: usize,
    pub relations_skipped: usize,
    /// New actors whose names look like existing ones: (new, existing).
    pub similar_actors: Vec<(String, String)>,
}

/// Adds claim rows to the database, one at a time, within the caller's transaction.
pub struct ClaimImporter<'a, 'c> {
    db: &'a Db<'c>,
    /// Trigger and indexes set aside for the import, with the SQL that puts them back.
    set_aside: Vec<(String, String)>,
    /// Claims above this id are new and get indexed for search in one pass at the end.
    indexed_up_to: i64,
    policy: OnConflict,
    /// The file the rows come from, for the history.
    origin: String,
    now: String,
    actors: HashMap<String, i64>,
    sources: HashMap<String, i64>,
    tags: HashMap<String, i64>,
    /// New claims' (claim, tag) pairs and (claim, uid, line) history entries, not yet written.
    queued_tags: Vec<(i64, i64)>,
    queued_history: Vec<(i64, String, u64)>,
    /// File ids that landed on another local id (taken, or the uid was already here).
    moved_ids: HashMap<i64, i64>,
    /// File ids seen, when rows refer to each other by id.
    file_ids: HashSet<i64>,
    /// (line, file id, kind, file id) for relations given as contradicted_by/supported_by.
    pending: Vec<(u64, i64, RelationKind, i64)>,
    pub report: BulkReport,
}

/// Memory settings for the sorting at the end of an import (see `finish`).
const FINISH_PRAGMAS: &str = "PRAGMA temp_store = FILE; PRAGMA cache_size = -8192;";

/// Tags and history entries of this many claims go in one statement.
const BATCH: usize = 2048;

/// From about this many rows, an import rebuilds the claims' secondary indexes instead of
/// inserting into them row by row (when the rows are also many next to the claims already there).
const BULK_ROWS: u64 = 20_000;

fn looks_like_url(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// A short source key made from a URL: host and path, lower case, dashes between words.
fn key_from_url(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let mut key = String::new();
    for c in rest.chars() {
        if c.is_alphanumeric() {
            key.extend(c.to_lowercase());
        } else if !key.ends_with('-') && !key.is_empty() {
            key.push('-');
        }
    }
    let key: String = key.trim_end_matches('-').chars().take(60).collect();
    let key = key.trim_end_matches('-').to_string();
    if key.is_empty() { "source".into() } else { key }
}

impl<'a, 'c> ClaimImporter<'a, 'c> {
    /// Start an import inside the caller's transaction, expecting about `expected_rows` rows.
    ///
    /// Bulk loading the way a database does it: the trigger that indexes each new claim for
    /// search is set aside and the new claims are indexed in one pass at the end, which also
    /// spares every insert a statement journal (a trigger makes a one-row INSERT a multi-row
    /// write). When the rows are many next to the claims already here, the secondary indexes
    /// are set aside too and rebuilt at the end: sorting once beats inserting at random into
    /// indexes larger than the cache. All of it is DDL inside the transaction, so a rollback
    /// undoes it and other connections never see it. [`finish`](Self::finish) puts it all back.
    pub fn new(db: &'a Db<'c>, policy: OnConflict, origin: &str, expected_rows: u64) -> Result<Self> {
        let (existing, max_id): (i64, i64) =
            db.conn.query_row("SELECT count(*), ifnull(max(id), 0) FROM claims", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let rebuild_indexes = expected_rows >= BULK_ROWS && expected_rows >= existing as u64 / 2;
        let set_aside: Vec<(String, String)> = db
            .conn
            .prepare(
                "SELECT name, sql FROM sqlite_schema
                 WHERE (type = 'trigger' AND name = 'claims_fts_insert')
                    OR (?1 AND type = 'index' AND sql IS NOT NULL
                        AND tbl_name IN ('claims', 'claim_tags', 'history'))",
            )?
            .query_map([rebuild_indexes], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (name, _) in &set_aside {
            let kind = if name == "claims_fts_insert" { "TRIGGER" } else { "INDEX" };
            // Names come from sqlite_schema, not from input; quoted as identifiers all the same.
            let quoted = ["\"", &name.replace('"', "\"\""), "\""].concat();
            db.conn.execute_batch(&["DROP ", kind, " ", &quoted].concat())?;
        }
        Ok(ClaimImporter {
            set_aside,
            indexed_up_to: max_id,
            db,
            policy,
            origin: origin.to_string(),
            now: now_timestamp(),
            actors: HashMap::new(),
            sources: HashMap::new(),
            tags: HashMap::new(),
            moved_ids: HashMap::new(),
            queued_tags: Vec::with_capacity(2 * BATCH),
            queued_history: Vec::with_capacity(BATCH),
            file_ids: HashSet::new(),
            pending: Vec::new(),
            report: BulkReport::default(),
        })
    }

    fn actor_id(&mut self, name: &str) -> Result<i64> {
        if let Some(&id) = self.actors.get(name) {
            return Ok(id);
        }
        let found = self.db.actor_for_claim(name)?;
        if found.created {
            self.report.new_actors += 1;
            if let Some(similar) = found.similar {
                self.report.similar_actors.push((found.name.clone(), similar));
            }
        }
        self.actors.insert(name.to_string(), found.id);
        Ok(found.id)
    }

    fn source_id(&mut self, row: &ClaimRow) -> Result<Option<i64>> {
        let Some(reference) = row.source.as_deref().or(row.source_url.as_deref()) else {
            return Ok(None);
        };
        if let Some(&id) = self.sources.get(reference) {
            return Ok(Some(id));
        }
        let is_url = looks_like_url(reference);
        let existing = if is_url { self.db.find_source_by_url(reference)? } else { self.db.find_source(reference)? };
        let id = match existing {
            Some(source) => source.id,
            None => {
                let mut key = if is_url { key_from_url(reference) } else { reference.to_string() };
                if is_url {
                    let base = key.clone();
                    let mut n = 2;
                    while self.db.find_source(&key)?.is_some() {
                        key = format!("{base}-{n}");
                        n += 1;
                    }
                }
                let source = Source {
                    uid: uuid::Uuid::now_v7().to_string(),
                    key,
                    title: row.source_title.clone(),
                    url: if is_url { Some(reference.to_string()) } else { row.source_url.clone() },
                    publisher: row.source_publisher.clone(),
                    kind: "article".into(),
                    created_at: self.now.clone(),
                    ..Source::default()
                };
                self.report.new_sources += 1;
                let id = self.db.insert_source(&source)?;
                self.db.record_source(Action::Import, id, &source.uid, None)?;
                id
            }
        };
        self.sources.insert(reference.to_string(), id);
        Ok(Some(id))
    }

    fn tag_id(&mut self, name: &str) -> Result<i64> {
        if let Some(&id) = self.tags.get(name) {
            return Ok(id);
        }
        let id = self.db.tag_id(name)?;
        self.tags.insert(name.to_string(), id);
        Ok(id)
    }

    /// Queue a new claim's tags and history entry; they are written in batches.
    fn queue_new_claim(&mut self, claim_id: i64, uid: &str, row: &ClaimRow) -> Result<()> {
        for tag in &row.tags {
            let tag_id = self.tag_id(tag)?;
            self.queued_tags.push((claim_id, tag_id));
        }
        self.queued_history.push((claim_id, uid.to_string(), row.line));
        if self.queued_history.len() >= BATCH {
            self.write_queued()?;
        }
        Ok(())
    }

    /// Write the queued tags and history entries: one statement for each batch instead of
    /// three per claim. The batch travels as a JSON array, read back with json_each.
    fn write_queued(&mut self) -> Result<()> {
        let conn = self.db.conn;
        if !self.queued_tags.is_empty() {
            let pairs = serde_json::to_string(&self.queued_tags)?;
            conn.prepare_cached(
                "INSERT INTO claim_tags (claim_id, tag_id)
                 SELECT value ->> 0, value ->> 1 FROM json_each(?) WHERE true ON CONFLICT DO NOTHING",
            )?
            .execute([pairs])?;
            self.queued_tags.clear();
        }
        if !self.queued_history.is_empty() {
            // A small entry per claim: where it came from. Its values are the claim's own.
            let entries = serde_json::to_string(&self.queued_history)?;
            self.db.record_imports(&entries, &self.origin, &self.now)?;
            self.queued_history.clear();
        }
        Ok(())
    }

    /// Replace an existing claim's tags (an update from `--on-conflict update`).
    fn replace_tags(&mut self, claim_id: i64, tags: &[String]) -> Result<()> {
        self.write_queued()?;
        let conn = self.db.conn;
        conn.prepare_cached("DELETE FROM claim_tags WHERE claim_id = ?")?.execute([claim_id])?;
        for tag in tags {
            let tag_id = self.tag_id(tag)?;
            conn.prepare_cached("INSERT INTO claim_tags (claim_id, tag_id) VALUES (?, ?) ON CONFLICT DO NOTHING")?
                .execute([claim_id, tag_id])?;
        }
        Ok(())
    }

    /// Add one row. The outer error is the database failing; the inner one is the row's fault
    /// (a uid already here under `--on-conflict fail`).
    pub fn add(&mut self, row: &ClaimRow) -> Result<Result<(), RowError>> {
        let actor_id = self.actor_id(&row.actor)?;
        let source_id = self.source_id(row)?;
        let uid = row.uid.clone().unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
        let mode = row.mode();
        let verdict = row.verdict.unwrap_or(Verdict::Unrated);
        let conn = self.db.conn;
        let columns = ClaimColumns {
            uid: &uid,
            text: &row.text,
            quote: row.quote.as_deref(),
            actor_id,
            source_id,
            mode: mode.as_str(),
            stated_on: row.stated_on.as_deref(),
            locator: row.locator.as_deref(),
            verdict: verdict.as_str(),
            notes: row.notes.as_deref(),
        };
        // The file's id is kept when it is free; otherwise the claim gets a new one.
        let inserted = self.db.insert_claim_row(row.id, &columns, &self.now, &self.now)?;
        let local_id = if let Some(id) = inserted {
            if id <= self.indexed_up_to {
                // A kept file id that filled a gap below the old claims: index it now.
                conn.prepare_cached("INSERT INTO claims_fts (rowid, text, quote, notes) VALUES (?, ?, ?, ?)")?
                    .execute(params![id, row.text, row.quote, row.notes])?;
            }
            self.queue_new_claim(id, &uid, row)?;
            self.report.added += 1;
            id
        } else {
            let id: i64 =
                conn.prepare_cached("SELECT id FROM claims WHERE uid = ?")?.query_row([&uid], |r| r.get(0))?;
            match self.policy {
                OnConflict::Skip => self.report.skipped += 1,
                OnConflict::Fail => {
                    return Ok(Err(RowError::line(
                        row.line,
                        format!("uid {uid} is already claim #{id}: use --on-conflict skip or update to re-import"),
                    )));
                }
                OnConflict::Update => {
                    let before = self.db.claim_snapshot(id, false)?;
                    self.db.update_claim_row(id, &columns, &self.now)?;
                    self.replace_tags(id, &row.tags)?;
                    self.db.record_claim(Action::Edit, id, before.as_ref())?;
                    self.report.updated += 1;
                }
            }
            id
        };
        if let Some(file_id) = row.id {
            if file_id != local_id {
                self.moved_ids.insert(file_id, local_id);
            }
            self.file_ids.insert(file_id);
            for &other in &row.contradicted_by {
                self.pending.push((row.line, file_id, RelationKind::Contradicts, other));
            }
            for &other in &row.supported_by {
                self.pending.push((row.line, other, RelationKind::Supports, file_id));
            }
        } else if !row.contradicted_by.is_empty() || !row.supported_by.is_empty() {
            return Ok(Err(RowError::line(
                row.line,
                "contradicted_by/supported_by refer to claims by their id, so this row needs an id too",
            )));
        }
        Ok(Ok(()))
    }

    /// Link the rows that named each other; returns the report and any dangling references.
    pub fn finish(mut self) -> Result<(BulkReport, Vec<RowError>)> {
        self.write_queued()?;
        // Indexing the new claims for search and rebuilding the indexes set aside sort a lot:
        // let that spill to temporary files, and shrink the page cache, so an import's memory
        // stays flat however many rows it brings.
        self.db.conn.execute_batch(FINISH_PRAGMAS)?;
        self.db
            .conn
            .prepare_cached(
                "INSERT INTO claims_fts (rowid, text, quote, notes) SELECT id, text, quote, notes FROM claims WHERE id > ?",
            )?
            .execute([self.indexed_up_to])?;
        for (_, sql) in &self.set_aside {
            self.db.conn.execute_batch(sql)?;
        }
        let mut errors = Vec::new();
        let pending = std::mem::take(&mut self.pending);
        for (line, a, kind, b) in pending {
            let missing = [a, b].into_iter().find(|id| !self.file_ids.contains(id));
            if let Some(id) = missing {
                errors.push(RowError::line(line, format!("refers to claim id {id}, which is not in the file")));
                continue;
            }
            let local = |id: i64| self.moved_ids.get(&id).copied().unwrap_or(id);
            // contradicted_by appears on both claims of a pair: the second sighting adds nothing.
            if self.db.insert_relation(Action::Import, (local(a), kind, local(b)), None, Some(&self.now))? {
                self.report.relations_added += 1;
            }
        }
        Ok((self.report, errors))
    }
}

impl Db<'_> {
    /// A claim named in a relations file: an id (`7`, `#7`) or a uid.
    fn claim_reference(&self, reference: &str) -> Result<Option<i64>> {
        let reference = reference.trim();
        if let Ok(id) = reference.trim_start_matches('#').parse::<i64>() {
            let exists: bool = self
                .conn
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM claims WHERE id = ?)")?
                .query_row([id], |r| r.get(0))?;
            return Ok(exists.then_some(id));
        }
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM claims WHERE uid = ?")?
            .query_row([reference], |r| r.get(0))
            .optional()?)
    }

    /// Add one relation row; relations already recorded are counted as skipped.
    pub fn import_relation(&self, row: &RelationRow, report: &mut BulkReport) -> Result<Result<(), RowError>> {
        let mut ends = [0i64; 2];
        for (end, reference) in ends.iter_mut().zip([&row.from, &row.to]) {
            match self.claim_reference(reference)? {
                Some(id) => *end = id,
                None => {
                    return Ok(Err(RowError::line(
                        row.line,
                        format!("no claim \"{reference}\" (give a claim id or uid that is in the database)"),
                    )));
                }
            }
        }
        if ends[0] == ends[1] {
            return Ok(Err(RowError::line(row.line, "both ends are the same claim")));
        }
        if self.insert_relation(Action::Import, (ends[0], row.kind, ends[1]), row.note.as_deref(), None)? {
            report.relations_added += 1;
        } else {
            report.relations_skipped += 1;
        }
        Ok(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::key_from_url;

    #[test]
    fn keys_from_urls_are_short_and_typeable() {
        assert_eq!(
            key_from_url("https://www.example.org/2024/01/27/talks.html?x=1"),
            "example-org-2024-01-27-talks-html"
        );
        assert_eq!(key_from_url("http://news.site/"), "news-site");
        assert_eq!(key_from_url("https://"), "source");
        assert!(key_from_url(&format!("https://a.org/{}", "x".repeat(100))).len() <= 60);
    }
}
