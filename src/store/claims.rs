//! Claims, their tags, and the filtered listing behind `list`, `export` and `disputes`.

use anyhow::{Result, bail};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params, params_from_iter};

use super::history::Action;
use super::{ActorMatch, Db, non_empty};
use crate::dates::{now_timestamp, since_key, until_key};
use crate::model::{Choice, ClaimRecord, Edge, LinkedClaim, Mode, RelationKind, Verdict};

/// The columns `record_from_row` reads.
macro_rules! record_select {
    () => {
        "SELECT c.id, c.uid, c.text, c.quote, a.name, c.mode, c.stated_on, s.key, s.title, s.url, s.publisher,
                c.locator,
                (SELECT group_concat(t.name, char(31) ORDER BY t.name)
                   FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.claim_id = c.id),
                c.verdict, c.notes,
                (SELECT group_concat(other, ',' ORDER BY other) FROM (
                    SELECT r.to_id AS other FROM relations r WHERE r.from_id = c.id AND r.kind = 'contradicts'
                    UNION ALL
                    SELECT r.from_id FROM relations r WHERE r.to_id = c.id AND r.kind = 'contradicts')),
                (SELECT group_concat(r.from_id, ',' ORDER BY r.from_id)
                   FROM relations r WHERE r.to_id = c.id AND r.kind = 'supports'),
                c.created_at, c.updated_at
         FROM claims c
         JOIN actors a ON a.id = c.actor_id
         LEFT JOIN sources s ON s.id = c.source_id"
    };
}

/// A claim as typed on the command line: actor and source by name.
#[derive(Debug, Clone)]
pub struct NewClaim {
    pub text: String,
    pub actor: String,
    pub source: Option<String>,
    pub quote: Option<String>,
    pub mode: Mode,
    pub stated_on: Option<String>,
    pub locator: Option<String>,
    pub tags: Vec<String>,
    pub verdict: Verdict,
    pub notes: Option<String>,
}

/// In an edit, `None` leaves a field as it is and an empty string clears an optional one.
#[derive(Debug, Clone, Default)]
pub struct ClaimChanges {
    pub text: Option<String>,
    pub actor: Option<String>,
    pub source: Option<String>,
    pub quote: Option<String>,
    pub mode: Option<Mode>,
    pub stated_on: Option<String>,
    pub locator: Option<String>,
    pub verdict: Option<Verdict>,
    pub notes: Option<String>,
    pub add_tags: Vec<String>,
    pub remove_tags: Vec<String>,
}

/// Filters as the user names them; resolved against the database by [`Db::resolve_filter`].
#[derive(Debug, Clone, Default)]
pub struct FilterNames {
    pub by: Option<String>,
    pub source: Option<String>,
    pub tags: Vec<String>,
    pub mode: Option<Mode>,
    pub verdict: Option<Verdict>,
    /// Validated ISO dates.
    pub since: Option<String>,
    pub until: Option<String>,
    pub contested: bool,
    pub limit: Option<u64>,
}

/// Filters with every name resolved to an id, ready to bind.
#[derive(Debug, Clone, Default)]
pub struct ClaimFilter {
    actor_id: Option<i64>,
    source_id: Option<i64>,
    tag_ids: Vec<i64>,
    mode: Option<Mode>,
    verdict: Option<Verdict>,
    since: Option<String>,
    until: Option<String>,
    contested: bool,
    limit: Option<u64>,
}

impl ClaimFilter {
    /// True when the filter selects every claim (no condition and no limit).
    pub fn selects_all(&self) -> bool {
        self.is_empty() && self.limit.is_none()
    }

    /// True when no condition narrows the claims (a limit may still cut them short).
    pub fn is_empty(&self) -> bool {
        self.actor_id.is_none()
            && self.source_id.is_none()
            && self.tag_ids.is_empty()
            && self.mode.is_none()
            && self.verdict.is_none()
            && self.since.is_none()
            && self.until.is_none()
            && !self.contested
    }

    /// The WHERE clause, assembled from fixed fragments only, and its bound values.
    pub(super) fn where_clause(&self) -> (String, Vec<Value>) {
        let mut sql = String::from(" WHERE 1 = 1");
        let mut values = Vec::new();
        if let Some(id) = self.actor_id {
            sql.push_str(" AND c.actor_id = ?");
            values.push(Value::Integer(id));
        }
        if let Some(id) = self.source_id {
            sql.push_str(" AND c.source_id = ?");
            values.push(Value::Integer(id));
        }
        for &tag in &self.tag_ids {
            sql.push_str(" AND c.id IN (SELECT claim_id FROM claim_tags WHERE tag_id = ?)");
            values.push(Value::Integer(tag));
        }
        if let Some(mode) = self.mode {
            sql.push_str(" AND c.mode = ?");
            values.push(Value::Text(mode.to_string()));
        }
        if let Some(verdict) = self.verdict {
            sql.push_str(" AND c.verdict = ?");
            values.push(Value::Text(verdict.to_string()));
        }
        if let Some(since) = &self.since {
            sql.push_str(" AND c.stated_on >= ?");
            values.push(Value::Text(since.clone()));
        }
        if let Some(until) = &self.until {
            sql.push_str(" AND c.stated_on <= ?");
            values.push(Value::Text(until.clone()));
        }
        if self.contested {
            // Driven from the relations, so the claims are fetched by id rather than scanned.
            sql.push_str(
                " AND c.id IN (SELECT from_id FROM relations WHERE kind = 'contradicts'
                               UNION SELECT to_id FROM relations WHERE kind = 'contradicts')",
            );
        }
        (sql, values)
    }

    /// The listing statement: every record column of the selected claims, in id order, limited.
    pub(super) fn listing(&self) -> (String, Vec<Value>) {
        let (where_sql, mut values) = self.where_clause();
        let mut sql = String::from(record_select!());
        sql.push_str(&where_sql);
        // With only a date range to go on, SQLite would rather walk all claims in id order than
        // sort what the date index finds; the unary plus takes that option away, so a range
        // that matches little costs little.
        let date_range_only = (self.since.is_some() || self.until.is_some())
            && self.actor_id.is_none()
            && self.source_id.is_none()
            && self.tag_ids.is_empty()
            && !self.contested;
        sql.push_str(if date_range_only { " ORDER BY +c.id LIMIT ?" } else { " ORDER BY c.id LIMIT ?" });
        values.push(Value::Integer(self.limit.map_or(-1, |n| n.min(i64::MAX as u64) as i64)));
        (sql, values)
    }
}

/// What `rm` removed.
#[derive(Debug, Clone)]
pub struct RemovedClaim {
    pub claim: ClaimRecord,
    pub relations: usize,
}

fn split_ids(text: Option<String>) -> Vec<i64> {
    text.map(|t| t.split(',').filter_map(|id| id.parse().ok()).collect()).unwrap_or_default()
}

fn record_from_row(row: &Row) -> rusqlite::Result<ClaimRecord> {
    let tags: Option<String> = row.get(12)?;
    Ok(ClaimRecord {
        id: row.get(0)?,
        uid: row.get(1)?,
        text: row.get(2)?,
        quote: row.get(3)?,
        actor: row.get(4)?,
        mode: row.get(5)?,
        stated_on: row.get(6)?,
        source: row.get(7)?,
        source_title: row.get(8)?,
        source_url: row.get(9)?,
        source_publisher: row.get(10)?,
        locator: row.get(11)?,
        tags: tags.map(|t| t.split('\u{1f}').map(String::from).collect()).unwrap_or_default(),
        verdict: row.get(13)?,
        notes: row.get(14)?,
        contradicted_by: split_ids(row.get(15)?),
        supported_by: split_ids(row.get(16)?),
        created_at: row.get(17)?,
        updated_at: row.get(18)?,
    })
}

/// Tags are short labels: no control characters (the listing joins them with one).
fn check_tag(tag: &str) -> Result<&str> {
    let tag = tag.trim();
    if tag.is_empty() {
        bail!("a tag cannot be empty");
    }
    if tag.chars().any(char::is_control) {
        bail!("tag {tag:?} contains a control character; tags are short labels such as timing or sovereignty");
    }
    Ok(tag)
}

fn check_text(text: &str) -> Result<()> {
    if text.trim().is_empty() {
        bail!("a claim's text cannot be empty: say what was claimed");
    }
    Ok(())
}

/// A claim's stored columns, for the statements that write whole rows.
pub(super) struct ClaimColumns<'a> {
    pub uid: &'a str,
    pub text: &'a str,
    pub quote: Option<&'a str>,
    pub actor_id: i64,
    pub source_id: Option<i64>,
    pub mode: &'a str,
    pub stated_on: Option<&'a str>,
    pub locator: Option<&'a str>,
    pub verdict: &'a str,
    pub notes: Option<&'a str>,
}

impl Db<'_> {
    /// Insert a claim row under `wanted_id` when that id is free (else under a new one);
    /// None when a claim with its uid is already here.
    pub(super) fn insert_claim_row(
        &self,
        wanted_id: Option<i64>,
        c: &ClaimColumns,
        created_at: &str,
        updated_at: &str,
    ) -> Result<Option<i64>> {
        let inserted = self
            .conn
            .prepare_cached(
                "INSERT INTO claims (id, uid, text, quote, actor_id, source_id, mode, stated_on, locator, verdict,
                                     notes, created_at, updated_at)
                 VALUES (CASE WHEN ?1 IS NULL OR EXISTS (SELECT 1 FROM claims WHERE id = ?1) THEN NULL ELSE ?1 END,
                         ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                 ON CONFLICT (uid) DO NOTHING",
            )?
            .execute(params![
                wanted_id.filter(|id| *id > 0),
                c.uid,
                c.text,
                c.quote,
                c.actor_id,
                c.source_id,
                c.mode,
                c.stated_on,
                c.locator,
                c.verdict,
                c.notes,
                created_at,
                updated_at
            ])?;
        Ok((inserted == 1).then(|| self.conn.last_insert_rowid()))
    }

    /// Overwrite a claim's columns (its id and uid stay).
    pub(super) fn update_claim_row(&self, id: i64, c: &ClaimColumns, updated_at: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE claims SET text = ?, quote = ?, actor_id = ?, source_id = ?, mode = ?, stated_on = ?,
                 locator = ?, verdict = ?, notes = ?, updated_at = ? WHERE id = ?",
            )?
            .execute(params![
                c.text, c.quote, c.actor_id, c.source_id, c.mode, c.stated_on, c.locator, c.verdict, c.notes,
                updated_at, id
            ])?;
        Ok(())
    }

    /// Store a claim typed on the command line; its actor is created when new.
    pub fn add_claim(&self, new: NewClaim) -> Result<(i64, String, ActorMatch)> {
        check_text(&new.text)?;
        let source_id = match non_empty(new.source) {
            Some(key) => Some(self.source(&key)?.id),
            None => None,
        };
        let actor = self.actor_for_claim(&new.actor)?;
        let uid = uuid::Uuid::now_v7().to_string();
        let now = now_timestamp();
        let (quote, locator, notes) = (non_empty(new.quote), non_empty(new.locator), non_empty(new.notes));
        let columns = ClaimColumns {
            uid: &uid,
            text: &new.text,
            quote: quote.as_deref(),
            actor_id: actor.id,
            source_id,
            mode: new.mode.as_str(),
            stated_on: new.stated_on.as_deref(),
            locator: locator.as_deref(),
            verdict: new.verdict.as_str(),
            notes: notes.as_deref(),
        };
        let id = self.insert_claim_row(None, &columns, &now, &now)?.expect("a new uid is free");
        for tag in &new.tags {
            self.tag_claim(id, tag)?;
        }
        self.record_claim(Action::Create, id, None)?;
        Ok((id, uid, actor))
    }

    /// Attach a tag (created when new) to a claim; tagging twice is harmless.
    pub(super) fn tag_claim(&self, claim_id: i64, tag: &str) -> Result<()> {
        let tag_id = self.tag_id(check_tag(tag)?)?;
        self.conn
            .prepare_cached("INSERT INTO claim_tags (claim_id, tag_id) VALUES (?, ?) ON CONFLICT DO NOTHING")?
            .execute([claim_id, tag_id])?;
        Ok(())
    }

    /// The id of the tag with this (already checked) name, creating the tag when it is new.
    pub(super) fn tag_id(&self, name: &str) -> Result<i64> {
        self.conn
            .prepare_cached("INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING")?
            .execute([name])?;
        Ok(self.conn.prepare_cached("SELECT id FROM tags WHERE name = ?")?.query_row([name], |r| r.get(0))?)
    }

    fn untag_claim(&self, claim_id: i64, tag: &str) -> Result<()> {
        let removed = self
            .conn
            .prepare_cached(
                "DELETE FROM claim_tags WHERE claim_id = ? AND tag_id = (SELECT id FROM tags WHERE name = ?)",
            )?
            .execute(params![claim_id, tag.trim()])?;
        if removed == 0 {
            bail!("claim #{claim_id} is not tagged \"{}\"", tag.trim());
        }
        self.conn.execute(
            "DELETE FROM tags WHERE name = ? AND NOT EXISTS (SELECT 1 FROM claim_tags WHERE tag_id = tags.id)",
            [tag.trim()],
        )?;
        Ok(())
    }

    /// Of these tags, drop the ones no claim carries any more, so `--tag` only names tags in use.
    fn drop_unused_tags(&self, tag_ids: &[i64]) -> Result<()> {
        self.conn
            .prepare_cached(
                "DELETE FROM tags WHERE id IN (SELECT value FROM json_each(?))
                   AND NOT EXISTS (SELECT 1 FROM claim_tags WHERE tag_id = tags.id)",
            )?
            .execute([super::json_ids(tag_ids)])?;
        Ok(())
    }

    /// Resolve the names in a filter, failing on any that names nothing.
    pub fn resolve_filter(&self, names: &FilterNames) -> Result<ClaimFilter> {
        let actor_id = match &names.by {
            Some(actor) => Some(self.actor(actor)?.id),
            None => None,
        };
        let source_id = match &names.source {
            Some(key) => Some(self.source(key)?.id),
            None => None,
        };
        let mut tag_ids = Vec::new();
        for tag in &names.tags {
            let id: Option<i64> = self
                .conn
                .prepare_cached("SELECT id FROM tags WHERE name = ?")?
                .query_row([tag.trim()], |row| row.get(0))
                .optional()?;
            match id {
                Some(id) => tag_ids.push(id),
                None => bail!("unknown tag \"{tag}\": no claim carries it (see `claimtrack list` for tags in use)"),
            }
        }
        Ok(ClaimFilter {
            actor_id,
            source_id,
            tag_ids,
            mode: names.mode,
            verdict: names.verdict,
            since: names.since.as_deref().map(since_key),
            until: names.until.as_deref().map(until_key),
            contested: names.contested,
            limit: names.limit,
        })
    }

    /// Call `each` for every claim the filter selects, in id order, one row in memory at a time.
    pub fn for_each_claim(&self, filter: &ClaimFilter, mut each: impl FnMut(&ClaimRecord) -> Result<()>) -> Result<()> {
        let (sql, values) = filter.listing();
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params_from_iter(values))?;
        while let Some(row) = rows.next()? {
            each(&record_from_row(row)?)?;
        }
        Ok(())
    }

    pub fn claim(&self, id: i64) -> Result<ClaimRecord> {
        let record = self
            .conn
            .prepare_cached(concat!(record_select!(), " WHERE c.id = ?"))?
            .query_row([id], record_from_row)
            .optional()?;
        match record {
            Some(record) => Ok(record),
            None => bail!("no claim #{id}: see `claimtrack list` for the claims there are"),
        }
    }

    /// Fail unless the claim exists.
    pub fn check_claim(&self, id: i64) -> Result<()> {
        let exists: bool = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM claims WHERE id = ?)")?
            .query_row([id], |row| row.get(0))?;
        if !exists {
            bail!("no claim #{id}: see `claimtrack list` for the claims there are");
        }
        Ok(())
    }

    /// Every relation touching a claim, in both directions.
    pub fn claim_links(&self, id: i64) -> Result<Vec<LinkedClaim>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.kind, 1, o.id, a.name, o.text, r.note
               FROM relations r JOIN claims o ON o.id = r.to_id JOIN actors a ON a.id = o.actor_id
              WHERE r.from_id = ?1
             UNION ALL
             SELECT r.kind, 0, o.id, a.name, o.text, r.note
               FROM relations r JOIN claims o ON o.id = r.from_id JOIN actors a ON a.id = o.actor_id
              WHERE r.to_id = ?1
             ORDER BY 1, 3",
        )?;
        let rows = stmt.query_map([id], |row| {
            let kind: String = row.get(0)?;
            Ok((kind, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?))
        })?;
        let mut links = Vec::new();
        for row in rows {
            let (kind, outgoing, other_id, other_actor, other_text, note) = row?;
            let kind: RelationKind = kind.parse()?;
            // A symmetric relation reads the same from both ends.
            let outgoing = outgoing || kind.is_symmetric();
            links.push(LinkedClaim { kind, outgoing, other_id, other_actor, other_text, note });
        }
        Ok(links)
    }

    /// Apply an edit; returns the actor when `--by` named a new one.
    pub fn edit_claim(&self, id: i64, changes: ClaimChanges) -> Result<Option<ActorMatch>> {
        self.check_claim(id)?;
        let before = self.claim_snapshot(id, false)?;
        let mut actor_match = None;
        if let Some(text) = &changes.text {
            check_text(text)?;
            self.conn.execute("UPDATE claims SET text = ? WHERE id = ?", params![text, id])?;
        }
        if let Some(actor) = &changes.actor {
            let found = self.actor_for_claim(actor)?;
            self.conn.execute("UPDATE claims SET actor_id = ? WHERE id = ?", params![found.id, id])?;
            actor_match = Some(found);
        }
        if let Some(key) = changes.source {
            let source_id = match non_empty(Some(key)) {
                Some(key) => Some(self.source(&key)?.id),
                None => None,
            };
            self.conn.execute("UPDATE claims SET source_id = ? WHERE id = ?", params![source_id, id])?;
        }
        if let Some(quote) = changes.quote {
            self.conn.execute("UPDATE claims SET quote = ? WHERE id = ?", params![non_empty(Some(quote)), id])?;
        }
        if let Some(mode) = changes.mode {
            self.conn.execute("UPDATE claims SET mode = ? WHERE id = ?", params![mode.as_str(), id])?;
        }
        if let Some(date) = changes.stated_on {
            self.conn.execute("UPDATE claims SET stated_on = ? WHERE id = ?", params![non_empty(Some(date)), id])?;
        }
        if let Some(locator) = changes.locator {
            self.conn.execute("UPDATE claims SET locator = ? WHERE id = ?", params![non_empty(Some(locator)), id])?;
        }
        if let Some(verdict) = changes.verdict {
            self.conn.execute("UPDATE claims SET verdict = ? WHERE id = ?", params![verdict.as_str(), id])?;
        }
        if let Some(notes) = changes.notes {
            self.conn.execute("UPDATE claims SET notes = ? WHERE id = ?", params![non_empty(Some(notes)), id])?;
        }
        for tag in &changes.remove_tags {
            self.untag_claim(id, tag)?;
        }
        for tag in &changes.add_tags {
            self.tag_claim(id, tag)?;
        }
        self.conn.execute("UPDATE claims SET updated_at = ? WHERE id = ?", params![now_timestamp(), id])?;
        self.record_claim(Action::Edit, id, before.as_ref())?;
        Ok(actor_match)
    }

    /// Delete a claim; its relations and tags go with it (ON DELETE CASCADE).
    pub fn remove_claim(&self, id: i64) -> Result<RemovedClaim> {
        let claim = self.claim(id)?;
        let relations: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM relations WHERE from_id = ?1) + (SELECT count(*) FROM relations WHERE to_id = ?1)",
            [id],
            |row| row.get(0),
        )?;
        let tag_ids: Vec<i64> = self
            .conn
            .prepare_cached("SELECT tag_id FROM claim_tags WHERE claim_id = ?")?
            .query_map([id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        // The snapshot keeps the relations and tags too, so `restore` can bring them back.
        let before = self.claim_snapshot(id, true)?;
        self.conn.execute("DELETE FROM claims WHERE id = ?", [id])?;
        self.drop_unused_tags(&tag_ids)?;
        self.record_claim(Action::Delete, id, before.as_ref())?;
        Ok(RemovedClaim { claim, relations: relations as usize })
    }

    /// Number of claims in the database.
    pub fn claim_count(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM claims", [], |row| row.get(0))?)
    }
}

/// A claim found by `search`, best match first.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SearchHit {
    pub id: i64,
    pub actor: String,
    pub text: String,
    pub source: Option<String>,
    pub stated_on: Option<String>,
    /// FTS5's bm25 rank: lower is a better match.
    pub rank: f64,
}

impl Db<'_> {
    /// Claims matching an FTS5 query over text, quote and notes, best first.
    pub fn search(&self, fts_query: &str, limit: u64) -> Result<Vec<SearchHit>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, a.name, c.text, s.key, c.stated_on, f.rank
               FROM claims_fts f
               JOIN claims c ON c.id = f.rowid
               JOIN actors a ON a.id = c.actor_id
               LEFT JOIN sources s ON s.id = c.source_id
              WHERE claims_fts MATCH ?
              ORDER BY f.rank
              LIMIT ?",
        )?;
        let rows = stmt.query_map(params![fts_query, limit.min(i64::MAX as u64) as i64], |row| {
            Ok(SearchHit {
                id: row.get(0)?,
                actor: row.get(1)?,
                text: row.get(2)?,
                source: row.get(3)?,
                stated_on: row.get(4)?,
                rank: row.get(5)?,
            })
        })?;
        match rows.collect::<rusqlite::Result<Vec<_>>>() {
            Ok(hits) => Ok(hits),
            Err(e) if e.to_string().contains("fts5") || e.to_string().contains("syntax error") => {
                bail!(
                    "the search query {fts_query:?} is not valid FTS5 syntax ({e}); leave out --raw to search for plain words"
                )
            }
            Err(e) => Err(e.into()),
        }
    }
}

impl Db<'_> {
    /// Hold the ids of the claims a filter selects in `temp.selected_claims`, for exports that
    /// join on them; with no filter the table is left empty and the exports take everything.
    /// The table lives in the connection's temporary database: the file is not written.
    pub fn select_claims(&self, filter: Option<&ClaimFilter>) -> Result<()> {
        self.conn.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS selected_claims (id INTEGER PRIMARY KEY);
             DELETE FROM temp.selected_claims;",
        )?;
        if let Some(filter) = filter {
            let (where_sql, mut values) = filter.where_clause();
            let mut sql = String::from("INSERT INTO temp.selected_claims (id) SELECT c.id FROM claims c");
            sql.push_str(&where_sql);
            sql.push_str(" ORDER BY c.id LIMIT ?");
            values.push(Value::Integer(filter.limit.map_or(-1, |n| n.min(i64::MAX as u64) as i64)));
            self.conn.execute(&sql, params_from_iter(values))?;
        }
        Ok(())
    }

    /// The relations between selected claims (all relations when nothing is selected).
    pub fn selected_edges(&self, selected: bool) -> Result<Vec<Edge>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT from_id, kind, to_id FROM relations
             WHERE ?1 = 0 OR (from_id IN (SELECT id FROM temp.selected_claims)
                              AND to_id IN (SELECT id FROM temp.selected_claims))
             ORDER BY id",
        )?;
        super::relations::edges(&mut stmt, [selected])
    }
}

/// What a ClaimReview needs of a rated claim.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewRow {
    pub uid: String,
    pub text: String,
    pub actor: String,
    pub actor_kind: Option<String>,
    pub stated_on: Option<String>,
    pub verdict: Verdict,
    pub reviewed_on: String,
    pub source_url: Option<String>,
    pub source_title: Option<String>,
    pub source_publisher: Option<String>,
    pub source_published: Option<String>,
}

impl Db<'_> {
    /// Every selected claim with a verdict other than `unrated`, in id order.
    pub fn for_each_review(&self, selected: bool, mut each: impl FnMut(&ReviewRow) -> Result<()>) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT c.uid, c.text, a.name, a.kind, c.stated_on, c.verdict, substr(c.updated_at, 1, 10),
                    s.url, s.title, s.publisher, s.published
               FROM claims c JOIN actors a ON a.id = c.actor_id LEFT JOIN sources s ON s.id = c.source_id
              WHERE c.verdict <> 'unrated' AND (?1 = 0 OR c.id IN (SELECT id FROM temp.selected_claims))
              ORDER BY c.id",
        )?;
        let mut rows = stmt.query([selected])?;
        while let Some(row) = rows.next()? {
            let verdict: String = row.get(5)?;
            each(&ReviewRow {
                uid: row.get(0)?,
                text: row.get(1)?,
                actor: row.get(2)?,
                actor_kind: row.get(3)?,
                stated_on: row.get(4)?,
                verdict: verdict.parse()?,
                reviewed_on: row.get(6)?,
                source_url: row.get(7)?,
                source_title: row.get(8)?,
                source_publisher: row.get(9)?,
                source_published: row.get(10)?,
            })?;
        }
        Ok(())
    }
}
