//! Claims, their tags, the filtered listing behind `list`, `export` and `disputes`, and search.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params, params_from_iter};

use super::{SqliteTxn, json_ids, json_list};
use crate::model::{
    ClaimFields, ClaimFilter, ClaimRecord, ClaimRelations, ClaimRow, LinkedClaim, QuoteCheck, RelationKind, ReviewRow,
    SearchFound, SearchHit,
};
use crate::store::{
    Claims, Each, Order, PlainQuery, SEARCH_RANKED, SearchQuery, SearchTerm, StoreError, StoreResult, StoredClaim,
};

/// The columns `record_from_row` reads.
macro_rules! record_select {
    () => {
        "SELECT c.id, c.uid, c.text, c.quote, c.mode, c.stated_on, c.locator, c.verdict, c.notes,
                a.name, a.uid, s.key, s.uid, s.title, s.url, s.publisher,
                (SELECT group_concat(t.name, char(31) ORDER BY t.name)
                   FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.claim_id = c.id),
                (SELECT group_concat(r.kind || ' ' || r.to_id) FROM relations r WHERE r.from_id = c.id),
                (SELECT group_concat(r.kind || ' ' || r.from_id) FROM relations r WHERE r.to_id = c.id),
                c.created_at, c.updated_at, c.verdict_at, c.verdict_by, c.notes_private
         FROM claims c
         JOIN actors a ON a.id = c.actor_id
         LEFT JOIN sources s ON s.id = c.source_id"
    };
}

/// One claim by id: the statement `show` and every snapshot run.
pub(super) const CLAIM_BY_ID: &str = concat!(record_select!(), " WHERE c.id = ?");

/// The core fields, from the first columns of a claim row (id and uid first, then these), and
/// `notes_private` from a later one (a column added later comes last).
fn fields_from_row(row: &Row, at: usize, notes_private_at: usize) -> rusqlite::Result<ClaimFields> {
    let choice = |index: usize| -> rusqlite::Result<String> { row.get(index) };
    let parse_error = |index: usize, e: crate::model::ChoiceError| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    };
    Ok(ClaimFields {
        text: row.get(at)?,
        quote: row.get(at + 1)?,
        mode: choice(at + 2)?.parse().map_err(|e| parse_error(at + 2, e))?,
        stated_on: row.get(at + 3)?,
        locator: row.get(at + 4)?,
        verdict: choice(at + 5)?.parse().map_err(|e| parse_error(at + 5, e))?,
        notes: row.get(at + 6)?,
        notes_private: row.get(notes_private_at)?,
    })
}

fn record_from_row(row: &Row) -> rusqlite::Result<ClaimRecord> {
    let tags: Option<String> = row.get(16)?;
    let mut relations = ClaimRelations::default();
    for (column, outgoing) in [(17, true), (18, false)] {
        let listed: Option<String> = row.get(column)?;
        for item in listed.iter().flat_map(|l| l.split(',')) {
            let Some((kind, other)) = item.split_once(' ') else { continue };
            if let (Ok(kind), Ok(other)) = (kind.parse::<RelationKind>(), other.parse()) {
                relations.place(kind, outgoing, other);
            }
        }
    }
    for list in [
        &mut relations.contradicted_by, &mut relations.supported_by, &mut relations.qualifies,
        &mut relations.responds_to, &mut relations.same_as, &mut relations.supersedes,
    ] {
        list.sort_unstable();
    }
    Ok(ClaimRecord {
        id: row.get(0)?,
        uid: row.get(1)?,
        fields: fields_from_row(row, 2, 23)?,
        actor: row.get(9)?,
        actor_uid: row.get(10)?,
        source: row.get(11)?,
        source_uid: row.get(12)?,
        source_title: row.get(13)?,
        source_url: row.get(14)?,
        source_publisher: row.get(15)?,
        tags: tags.map(|t| t.split('\u{1f}').map(String::from).collect()).unwrap_or_default(),
        relations,
        created_at: row.get(19)?,
        updated_at: row.get(20)?,
        verdict_at: row.get(21)?,
        verdict_by: row.get(22)?,
    })
}

/// The WHERE clause of a filter over `claims c`, assembled from fixed fragments only, and its
/// bound values.
pub(super) fn where_clause(filter: &ClaimFilter) -> (String, Vec<Value>) {
    let mut sql = String::from(" WHERE 1 = 1");
    let mut values = Vec::new();
    if let Some(id) = filter.actor_id {
        sql.push_str(" AND c.actor_id = ?");
        values.push(Value::Integer(id));
    }
    if let Some(id) = filter.source_id {
        sql.push_str(" AND c.source_id = ?");
        values.push(Value::Integer(id));
    }
    for &tag in &filter.tag_ids {
        sql.push_str(" AND c.id IN (SELECT claim_id FROM claim_tags WHERE tag_id = ?)");
        values.push(Value::Integer(tag));
    }
    if let Some(mode) = filter.mode {
        sql.push_str(" AND c.mode = ?");
        values.push(Value::Text(mode.to_string()));
    }
    if let Some(verdict) = filter.verdict {
        sql.push_str(" AND c.verdict = ?");
        values.push(Value::Text(verdict.to_string()));
    }
    if let Some(since) = &filter.since {
        sql.push_str(" AND c.stated_on >= ?");
        values.push(Value::Text(since.clone()));
    }
    if let Some(until) = &filter.until {
        sql.push_str(" AND c.stated_on <= ?");
        values.push(Value::Text(until.clone()));
    }
    if filter.contested {
        // Driven from the relations, so the claims are fetched by id rather than scanned.
        sql.push_str(
            " AND c.id IN (SELECT from_id FROM relations WHERE kind = 'contradicts'
                           UNION SELECT to_id FROM relations WHERE kind = 'contradicts')",
        );
    }
    (sql, values)
}

/// `WITH selected(id) AS (...)`: the ids a filter selects, limit included, for statements that
/// join other tables on them. With no filter, every claim.
pub(super) fn selected_claims(filter: Option<&ClaimFilter>) -> (String, Vec<Value>) {
    match filter {
        Some(filter) => {
            let (where_sql, mut values) = where_clause(filter);
            let sql = format!("WITH selected(id) AS (SELECT c.id FROM claims c{where_sql} ORDER BY c.id LIMIT ?) ");
            values.push(Value::Integer(filter.limit_value()));
            (sql, values)
        }
        None => ("WITH selected(id) AS (SELECT id FROM claims) ".into(), Vec::new()),
    }
}

/// The listing statement: every record column of the selected claims, in order, limited. In
/// uid order the limit still takes the first claims by id, as every other filtered statement does.
fn listing(filter: &ClaimFilter, order: Order) -> (String, Vec<Value>) {
    let (where_sql, mut values) = where_clause(filter);
    let mut sql = String::from(record_select!());
    if order == Order::Uid && filter.selects_all() {
        sql.push_str(" ORDER BY c.uid");
        return (sql, values);
    }
    if order == Order::Uid {
        sql.push_str(" WHERE c.id IN (SELECT c.id FROM claims c");
        sql.push_str(&where_sql);
        sql.push_str(" ORDER BY c.id LIMIT ?) ORDER BY c.uid");
        values.push(Value::Integer(filter.limit_value()));
        return (sql, values);
    }
    sql.push_str(&where_sql);
    // With only a date range to go on, SQLite would rather walk all claims in id order than
    // sort what the date index finds; the unary plus takes that option away, so a range that
    // matches little costs little.
    let date_range_only = (filter.since.is_some() || filter.until.is_some())
        && filter.actor_id.is_none()
        && filter.source_id.is_none()
        && filter.tag_ids.is_empty()
        && !filter.contested;
    sql.push_str(if date_range_only { " ORDER BY +c.id LIMIT ?" } else { " ORDER BY c.id LIMIT ?" });
    values.push(Value::Integer(filter.limit_value()));
    (sql, values)
}

/// The statement that inserts one claim row. The wanted id is kept when it is free and no other
/// deleted claim had it (so `restore` can always bring that one back); else the next id.
const INSERT_CLAIM: &str = "INSERT INTO claims (id, uid, text, quote, actor_id, source_id, mode, stated_on, locator,
                                                verdict, notes, created_at, updated_at, verdict_at, verdict_by,
                                                notes_private)
     VALUES (CASE WHEN ?1 IS NULL
                    OR EXISTS (SELECT 1 FROM claims WHERE id = ?1)
                    OR EXISTS (SELECT 1 FROM history WHERE entity = 'claim' AND entity_id = ?1 AND action = 'delete'
                                 AND entity_uid IS NOT ?2)
                  THEN NULL ELSE ?1 END,
             ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
     ON CONFLICT (uid) DO NOTHING";

impl SqliteTxn<'_> {
    /// Before these claims' tags change during a bulk import (whose triggers on tags are set
    /// aside): take them out of the search index; the import's last pass puts them back.
    fn tags_change(&mut self, ids: &[i64]) -> StoreResult<()> {
        if let Some(bulk) = &mut self.bulk {
            super::bulk::take_out_of_index(&self.tx, ids)?;
            bulk.out_of_index.extend(ids.iter().copied().filter(|&id| id <= bulk.indexed_up_to));
        }
        Ok(())
    }
}

impl Claims for SqliteTxn<'_> {
    fn claim(&mut self, id: i64) -> StoreResult<Option<ClaimRecord>> {
        Ok(self.tx.prepare_cached(CLAIM_BY_ID)?.query_row([id], record_from_row).optional()?)
    }

    fn claim_exists(&mut self, id: i64) -> StoreResult<bool> {
        Ok(self
            .tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM claims WHERE id = ?)")?
            .query_row([id], |r| r.get(0))?)
    }

    fn claim_id_by_uid(&mut self, uid: &str) -> StoreResult<Option<i64>> {
        Ok(self.tx.prepare_cached("SELECT id FROM claims WHERE uid = ?")?.query_row([uid], |r| r.get(0)).optional()?)
    }

    fn claim_count(&mut self) -> StoreResult<i64> {
        Ok(self.tx.query_row("SELECT count(*) FROM claims", [], |row| row.get(0))?)
    }

    fn largest_claim_id(&mut self) -> StoreResult<i64> {
        Ok(self.tx.query_row("SELECT coalesce(max(id), 0) FROM claims", [], |row| row.get(0))?)
    }

    fn claims_by_uid(&mut self, uids: &[&str]) -> StoreResult<Vec<StoredClaim>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT c.id, c.uid, c.text, c.quote, c.mode, c.stated_on, c.locator, c.verdict, c.notes,
                    c.actor_id, c.source_id, c.created_at, c.updated_at, c.verdict_at, c.verdict_by,
                    (SELECT json_group_array(name) FROM
                        (SELECT t.name FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id
                          WHERE ct.claim_id = c.id ORDER BY t.name)),
                    c.notes_private
             FROM claims c WHERE c.uid IN (SELECT value FROM json_each(?))",
        )?;
        let uids = serde_json::to_string(uids).map_err(|e| StoreError::Backend(e.to_string()))?;
        let rows = stmt.query_map([uids], |row| {
            let tags: String = row.get(15)?;
            let stored = ClaimRow {
                wanted_id: None,
                uid: row.get(1)?,
                fields: fields_from_row(row, 2, 16)?,
                actor_id: row.get(9)?,
                source_id: row.get(10)?,
                created_at: row.get(11)?,
                updated_at: row.get(12)?,
                verdict_at: row.get(13)?,
                verdict_by: row.get(14)?,
            };
            Ok((row.get(0)?, stored, tags))
        })?;
        let mut found = Vec::new();
        for row in rows {
            let (id, row, tags) = row?;
            found.push(StoredClaim { id, row, tags: json_list(&tags)? });
        }
        Ok(found)
    }

    fn same_claims(&mut self, rows: &[&ClaimRow], stored_through: i64) -> StoreResult<Vec<Option<i64>>> {
        // The id bound keeps the search to the actor's claims of before (claims_actor holds the
        // id): an import that adds many claims by one actor does not search its own rows again.
        let mut stmt = self.tx.prepare_cached(
            "SELECT id FROM claims
              WHERE actor_id = ?1 AND id <= ?5 AND text = ?2 AND source_id IS ?3 AND stated_on IS ?4 LIMIT 1",
        )?;
        let mut found = Vec::with_capacity(rows.len());
        for row in rows {
            let values = params![row.actor_id, row.fields.text, row.source_id, row.fields.stated_on, stored_through];
            let id = stmt.query_row(values, |r| r.get(0)).optional()?;
            found.push(id);
        }
        Ok(found)
    }

    fn claims_of_actor(&mut self, actor_id: i64) -> StoreResult<Vec<(i64, String)>> {
        let mut stmt = self.tx.prepare_cached("SELECT id, uid FROM claims WHERE actor_id = ? ORDER BY id")?;
        let rows = stmt.query_map([actor_id], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn for_each_claim(&mut self, filter: &ClaimFilter, order: Order, each: Each<ClaimRecord>) -> anyhow::Result<()> {
        let (sql, values) = listing(filter, order);
        let mut stmt = self.tx.prepare(&sql).map_err(StoreError::from)?;
        let mut rows = stmt.query(params_from_iter(values)).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            each(record_from_row(row).map_err(StoreError::from)?)?;
        }
        Ok(())
    }

    fn claim_links(&mut self, id: i64) -> StoreResult<Vec<LinkedClaim>> {
        let mut stmt = self.tx.prepare_cached(
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
            let kind: RelationKind =
                kind.parse().map_err(|e| StoreError::Damaged(format!("a stored value claimtrack cannot read: {e}")))?;
            // A symmetric relation reads the same from both ends.
            let outgoing = outgoing || kind.is_symmetric();
            links.push(LinkedClaim { kind, outgoing, other_id, other_actor, other_text, note });
        }
        Ok(links)
    }

    fn insert_claims(&mut self, rows: &[ClaimRow]) -> StoreResult<Vec<Option<i64>>> {
        let mut stmt = self.tx.prepare_cached(INSERT_CLAIM)?;
        let mut ids = Vec::with_capacity(rows.len());
        for row in rows {
            let f = &row.fields;
            let inserted = stmt.execute(params![
                row.wanted_id,
                row.uid,
                f.text,
                f.quote,
                row.actor_id,
                row.source_id,
                f.mode.as_str(),
                f.stated_on,
                f.locator,
                f.verdict.as_str(),
                f.notes,
                row.created_at,
                row.updated_at,
                row.verdict_at,
                row.verdict_by,
                f.notes_private
            ])?;
            ids.push((inserted == 1).then(|| self.tx.last_insert_rowid()));
        }
        if let Some(bulk) = &mut self.bulk {
            // A claim that landed below the ids the import started after is not in the set-aside
            // search-index pass unless named to it.
            bulk.out_of_index.extend(ids.iter().flatten().copied().filter(|&id| id <= bulk.indexed_up_to));
        }
        Ok(ids)
    }

    fn update_claim(&mut self, id: i64, row: &ClaimRow) -> StoreResult<()> {
        let f = &row.fields;
        self.tx
            .prepare_cached(
                "UPDATE claims SET text = ?, quote = ?, actor_id = ?, source_id = ?, mode = ?, stated_on = ?,
                 locator = ?, verdict = ?, notes = ?, updated_at = ?, verdict_at = ?, verdict_by = ?, notes_private = ?
                 WHERE id = ?",
            )?
            .execute(params![
                f.text,
                f.quote,
                row.actor_id,
                row.source_id,
                f.mode.to_string(),
                f.stated_on,
                f.locator,
                f.verdict.to_string(),
                f.notes,
                row.updated_at,
                row.verdict_at,
                row.verdict_by,
                f.notes_private,
                id
            ])?;
        Ok(())
    }

    fn delete_claim(&mut self, id: i64) -> StoreResult<bool> {
        Ok(self.tx.prepare_cached("DELETE FROM claims WHERE id = ?")?.execute([id])? == 1)
    }

    fn tag_id(&mut self, name: &str) -> StoreResult<Option<i64>> {
        Ok(self
            .tx
            .prepare_cached("SELECT id FROM tags WHERE name = ?")?
            .query_row([name.trim()], |r| r.get(0))
            .optional()?)
    }

    fn tag_claims(&mut self, pairs: &[(i64, &str)]) -> StoreResult<()> {
        if pairs.is_empty() {
            return Ok(());
        }
        let ids: Vec<i64> = pairs.iter().map(|&(id, _)| id).collect();
        self.tags_change(&ids)?;
        // One statement per batch: the pairs travel as a JSON array read back with json_each.
        let pairs = serde_json::to_string(pairs).map_err(|e| StoreError::Backend(e.to_string()))?;
        self.tx
            .prepare_cached(
                "INSERT INTO tags (name) SELECT DISTINCT value ->> 1 FROM json_each(?) WHERE true
                 ON CONFLICT (name) DO NOTHING",
            )?
            .execute([&pairs])?;
        self.tx
            .prepare_cached(
                "INSERT INTO claim_tags (claim_id, tag_id)
                 SELECT p.value ->> 0, t.id FROM json_each(?) p JOIN tags t ON t.name = p.value ->> 1
                 WHERE true ON CONFLICT DO NOTHING",
            )?
            .execute([&pairs])?;
        Ok(())
    }

    fn untag_claim(&mut self, id: i64, tag: &str) -> StoreResult<bool> {
        self.tags_change(&[id])?;
        let removed = self
            .tx
            .prepare_cached(
                "DELETE FROM claim_tags WHERE claim_id = ? AND tag_id = (SELECT id FROM tags WHERE name = ?)",
            )?
            .execute(params![id, tag.trim()])?;
        Ok(removed == 1)
    }

    fn clear_tags(&mut self, id: i64) -> StoreResult<()> {
        self.tags_change(&[id])?;
        self.tx.prepare_cached("DELETE FROM claim_tags WHERE claim_id = ?")?.execute([id])?;
        Ok(())
    }

    fn drop_unused_tags(&mut self) -> StoreResult<()> {
        self.tx
            .prepare_cached("DELETE FROM tags WHERE NOT EXISTS (SELECT 1 FROM claim_tags WHERE tag_id = tags.id)")?
            .execute([])?;
        Ok(())
    }

    fn tag_counts(&mut self) -> StoreResult<Vec<(String, i64)>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT t.name, (SELECT count(*) FROM claim_tags ct WHERE ct.tag_id = t.id) FROM tags t ORDER BY t.name",
        )?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn claims_tagged(&mut self, tag_id: i64) -> StoreResult<Vec<i64>> {
        let mut stmt = self.tx.prepare_cached("SELECT claim_id FROM claim_tags WHERE tag_id = ? ORDER BY claim_id")?;
        let rows = stmt.query_map([tag_id], |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn rename_tag(&mut self, tag_id: i64, name: &str) -> StoreResult<()> {
        self.tx.prepare_cached("UPDATE tags SET name = ? WHERE id = ?")?.execute(params![name, tag_id])?;
        Ok(())
    }

    fn merge_tag(&mut self, from: i64, into: i64) -> StoreResult<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO claim_tags (claim_id, tag_id) SELECT claim_id, ?2 FROM claim_tags WHERE tag_id = ?1
                 ON CONFLICT DO NOTHING",
            )?
            .execute(params![from, into])?;
        self.tx.prepare_cached("DELETE FROM claim_tags WHERE tag_id = ?")?.execute([from])?;
        self.tx.prepare_cached("DELETE FROM tags WHERE id = ?")?.execute([from])?;
        Ok(())
    }

    fn search(&mut self, query: &SearchQuery, limit: u64) -> StoreResult<SearchFound> {
        let fts_query = match query {
            SearchQuery::Plain(plain) => plain_query(plain),
            SearchQuery::Raw(raw) => raw.clone(),
        };
        let bad_query = |e: rusqlite::Error| match e.to_string() {
            detail if detail.contains("fts5") || detail.contains("syntax error") => {
                StoreError::BadQuery { query: fts_query.clone(), detail }
            }
            _ => e.into(),
        };
        // Rank the newest SEARCH_RANKED matches (one more, to know whether there were more), then
        // read the passage of the best `limit`: scoring is what costs, not finding.
        let ranked: Vec<(i64, i64)> = self
            .tx
            .prepare_cached(
                "SELECT id, count(*) OVER () FROM (
                     SELECT rowid AS id, rank FROM claims_fts WHERE claims_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2)
                  ORDER BY rank, id DESC
                  LIMIT ?3",
            )?
            .query_map(params![fts_query, SEARCH_RANKED as i64 + 1, limit.min(i64::MAX as u64) as i64], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .map_err(bad_query)?
            .collect::<rusqlite::Result<_>>()
            .map_err(bad_query)?;
        let matched = ranked.first().map_or(0, |&(_, matched)| matched);
        // One statement for every shown passage: FTS5 takes the list of rowids as lookups. The
        // passage is the claim's own words where a searched word is among them (marked), else the
        // start of its text: a claim found by its actor or a tag shows what it says.
        let ids: Vec<i64> = ranked.iter().map(|&(id, _)| id).collect();
        let marking = match query {
            SearchQuery::Plain(plain) => passage_query(plain),
            SearchQuery::Raw(raw) => Some(format!("{{text quote notes}} : ({raw})")),
        };
        let mut marked: std::collections::HashMap<i64, String> = match &marking {
            None => Default::default(),
            Some(marking) => self
                .tx
                .prepare_cached(
                    "SELECT rowid, snippet(claims_fts, -1, '[', ']', '…', 24) FROM claims_fts
                      WHERE claims_fts MATCH ?1 AND rowid IN (SELECT value FROM json_each(?2))",
                )?
                .query_map(params![marking, json_ids(&ids)], |row| Ok((row.get(0)?, row.get(1)?)))
                .map_err(bad_query)?
                .collect::<rusqlite::Result<_>>()
                .map_err(bad_query)?,
        };
        let mut passages: std::collections::HashMap<i64, SearchHit> = self
            .tx
            .prepare_cached(
                "SELECT c.id, a.name, c.text, s.key, c.stated_on
                   FROM claims c
                   JOIN actors a ON a.id = c.actor_id
                   LEFT JOIN sources s ON s.id = c.source_id
                  WHERE c.id IN (SELECT value FROM json_each(?))",
            )?
            .query_map([json_ids(&ids)], |row| {
                let id: i64 = row.get(0)?;
                let text: String = row.get(2)?;
                let snippet = marked.remove(&id).unwrap_or_else(|| leading_words(&text));
                let hit =
                    SearchHit { id, actor: row.get(1)?, text, source: row.get(3)?, stated_on: row.get(4)?, snippet };
                Ok((hit.id, hit))
            })?
            .collect::<rusqlite::Result<_>>()?;
        // Best first, as ranked.
        let hits = ids.iter().filter_map(|id| passages.remove(id)).collect();
        Ok(SearchFound { hits, ranked: SEARCH_RANKED, more_than_ranked: matched > SEARCH_RANKED as i64 })
    }

    fn for_each_review(&mut self, filter: &ClaimFilter, each: Each<ReviewRow>) -> anyhow::Result<()> {
        let (with, values) = selected_claims((!filter.selects_all()).then_some(filter));
        let sql = format!(
            "{with}SELECT c.uid, c.text, a.name, a.kind, c.stated_on, c.verdict, substr(ifnull(c.verdict_at, c.updated_at), 1, 10),
                    s.url, s.title, s.publisher, s.published
               FROM claims c JOIN actors a ON a.id = c.actor_id LEFT JOIN sources s ON s.id = c.source_id
              WHERE c.verdict <> 'unrated' AND c.id IN (SELECT id FROM selected)
              ORDER BY c.id"
        );
        let mut stmt = self.tx.prepare(&sql).map_err(StoreError::from)?;
        let mut rows = stmt.query(params_from_iter(values)).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let verdict: String = row.get(5).map_err(StoreError::from)?;
            let review = (|| -> rusqlite::Result<ReviewRow> {
                Ok(ReviewRow {
                    uid: row.get(0)?,
                    text: row.get(1)?,
                    actor: row.get(2)?,
                    actor_kind: row.get(3)?,
                    stated_on: row.get(4)?,
                    verdict: Default::default(),
                    reviewed_on: row.get(6)?,
                    source_url: row.get(7)?,
                    source_title: row.get(8)?,
                    source_publisher: row.get(9)?,
                    source_published: row.get(10)?,
                })
            })()
            .map_err(StoreError::from)?;
            each(ReviewRow { verdict: verdict.parse()?, ..review })?;
        }
        Ok(())
    }

    fn quotes_with_source_text(&mut self, source_id: Option<i64>) -> StoreResult<Vec<(String, Vec<QuoteCheck>)>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT s.key, s.body, c.id, a.name, coalesce(c.quote, c.text)
               FROM sources s
               JOIN claims c ON c.source_id = s.id AND c.mode = 'direct'
               JOIN actors a ON a.id = c.actor_id
              WHERE s.body IS NOT NULL AND (?1 IS NULL OR s.id = ?1)
              ORDER BY s.key, c.id",
        )?;
        let mut rows = stmt.query([source_id])?;
        let mut out: Vec<(String, Vec<QuoteCheck>)> = Vec::new();
        while let Some(row) = rows.next()? {
            let key: String = row.get(0)?;
            let check = QuoteCheck { claim_id: row.get(2)?, actor: row.get(3)?, quote: row.get(4)?, source: key };
            match out.last_mut() {
                Some((_, checks)) if checks[0].source == check.source => checks.push(check),
                _ => out.push((row.get(1)?, vec![check])),
            }
        }
        Ok(out)
    }

    fn begin_bulk(&mut self, expected_rows: u64) -> StoreResult<()> {
        self.bulk = Some(super::bulk::set_aside(&self.tx, expected_rows)?);
        Ok(())
    }

    fn finish_bulk(&mut self) -> StoreResult<()> {
        if let Some(set_aside) = self.bulk.take() {
            super::bulk::put_back(&self.tx, set_aside)?;
        }
        Ok(())
    }
}

/// A plain query in FTS5's syntax. Every term is a quoted string, so whatever people typed is
/// text to find, never syntax: FTS5 splits it into words with the index's own tokenizer.
fn plain_query(plain: &PlainQuery) -> String {
    let term = |term: &SearchTerm| {
        let quoted = format!("\"{}\"", term.words.join(" ").replace('"', "\"\""));
        if term.prefix { format!("{quoted} *") } else { quoted }
    };
    let groups: Vec<String> = plain
        .all
        .iter()
        .map(|group| match group.as_slice() {
            [one] => term(one),
            many => format!("({})", many.iter().map(term).collect::<Vec<_>>().join(" OR ")),
        })
        .collect();
    let mut query = format!("({})", groups.join(" AND "));
    for left_out in &plain.none {
        query = format!("{query} NOT {}", term(left_out));
    }
    query
}

/// What marks a passage: any of the words searched for (none of those left out), in the claim's
/// own columns. None when nothing is searched for but words to leave out.
fn passage_query(plain: &PlainQuery) -> Option<String> {
    let wanted = PlainQuery { all: vec![plain.all.concat()], none: Vec::new() };
    (!wanted.all[0].is_empty()).then(|| format!("{{text quote notes}} : {}", plain_query(&wanted)))
}

/// The start of a claim's text as a passage with nothing marked, as long as FTS5's snippets.
fn leading_words(text: &str) -> String {
    let mut words = text.split_whitespace();
    let shown: Vec<&str> = words.by_ref().take(24).collect();
    let more = if words.next().is_some() { "…" } else { "" };
    [shown.join(" ").as_str(), more].concat()
}

#[cfg(test)]
mod tests {
    use super::{leading_words, passage_query, plain_query};
    use crate::store::{PlainQuery, SearchTerm};

    #[test]
    fn terms_are_quoted_and_operators_are_just_words() {
        let term = |words: &str, prefix| SearchTerm { words: words.split(' ').map(String::from).collect(), prefix };
        let query = |all: Vec<Vec<SearchTerm>>, none| plain_query(&PlainQuery { all, none });
        assert_eq!(
            query(vec![vec![term("timing", false)], vec![term("attacks", false)]], vec![]),
            "(\"timing\" AND \"attacks\")"
        );
        assert_eq!(query(vec![vec![term("NOT", false), term("OR", false)]], vec![]), "((\"NOT\" OR \"OR\"))");
        assert_eq!(
            query(vec![vec![term("forc", true)]], vec![term("U.S. strikes", false)]),
            "(\"forc\" *) NOT \"U.S. strikes\""
        );
        assert_eq!(query(vec![vec![term("say\"s", false)]], vec![]), "(\"say\"\"s\")");
    }

    #[test]
    fn passages_mark_any_wanted_word_in_the_claims_own_columns() {
        let term = |words: &str| SearchTerm { words: vec![words.to_string()], prefix: false };
        let plain = PlainQuery {
            all: vec![vec![term("islamic")], vec![term("attack"), term("raid")]],
            none: vec![term("drone")],
        };
        assert_eq!(passage_query(&plain).unwrap(), "{text quote notes} : ((\"islamic\" OR \"attack\" OR \"raid\"))");
        assert_eq!(passage_query(&PlainQuery { all: vec![], none: vec![term("drone")] }), None);
    }

    #[test]
    fn an_unmarked_passage_is_the_texts_first_words() {
        assert_eq!(leading_words("The group will keep attacking."), "The group will keep attacking.");
        let long = (1..=30).map(|n| n.to_string()).collect::<Vec<_>>().join(" ");
        assert!(leading_words(&long).ends_with("23 24…"), "{}", leading_words(&long));
    }
}
