//! Claims, their tags, the filtered listing behind `list`, `export` and `disputes`, and search.
//! Batches travel as arrays (`unnest`), one statement for a whole batch of an import.

use postgres::Row;

use super::{Params, PgTxn};
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
                ARRAY(SELECT t.name FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id
                       WHERE ct.claim_id = c.id ORDER BY t.name),
                ARRAY(SELECT r.kind || ' ' || r.to_id FROM relations r WHERE r.from_id = c.id),
                ARRAY(SELECT r.kind || ' ' || r.from_id FROM relations r WHERE r.to_id = c.id),
                c.created_at, c.updated_at, c.verdict_at, c.verdict_by, c.notes_private
         FROM claims c
         JOIN actors a ON a.id = c.actor_id
         LEFT JOIN sources s ON s.id = c.source_id"
    };
}

fn choice<T: std::str::FromStr<Err = crate::model::ChoiceError>>(text: String) -> StoreResult<T> {
    text.parse().map_err(|e: crate::model::ChoiceError| {
        StoreError::Damaged(format!("a stored value claimtrack cannot read: {e}"))
    })
}

/// The core fields, from the columns after a claim's id and uid, and `notes_private` from a
/// later one (a column added later comes last).
fn fields_from_row(row: &Row, at: usize, notes_private_at: usize) -> StoreResult<ClaimFields> {
    Ok(ClaimFields {
        text: row.try_get(at)?,
        quote: row.try_get(at + 1)?,
        mode: choice(row.try_get(at + 2)?)?,
        stated_on: row.try_get(at + 3)?,
        locator: row.try_get(at + 4)?,
        verdict: choice(row.try_get(at + 5)?)?,
        notes: row.try_get(at + 6)?,
        notes_private: row.try_get::<_, i32>(notes_private_at)? != 0,
    })
}

fn record_from_row(row: &Row) -> StoreResult<ClaimRecord> {
    let mut relations = ClaimRelations::default();
    for (column, outgoing) in [(17, true), (18, false)] {
        let listed: Vec<String> = row.try_get(column)?;
        for item in &listed {
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
        id: row.try_get(0)?,
        uid: row.try_get(1)?,
        fields: fields_from_row(row, 2, 23)?,
        actor: row.try_get(9)?,
        actor_uid: row.try_get(10)?,
        source: row.try_get(11)?,
        source_uid: row.try_get(12)?,
        source_title: row.try_get(13)?,
        source_url: row.try_get(14)?,
        source_publisher: row.try_get(15)?,
        tags: row.try_get(16)?,
        relations,
        created_at: row.try_get(19)?,
        updated_at: row.try_get(20)?,
        verdict_at: row.try_get(21)?,
        verdict_by: row.try_get(22)?,
    })
}

/// The WHERE clause of a filter over `claims c`, assembled from fixed fragments only; the
/// values are bound.
pub(super) fn where_clause(filter: &ClaimFilter, params: &mut Params) -> String {
    let mut sql = String::from(" WHERE true");
    if let Some(id) = filter.actor_id {
        sql.push_str(&format!(" AND c.actor_id = {}", params.bind(id)));
    }
    if let Some(id) = filter.source_id {
        sql.push_str(&format!(" AND c.source_id = {}", params.bind(id)));
    }
    for &tag in &filter.tag_ids {
        sql.push_str(&format!(" AND c.id IN (SELECT claim_id FROM claim_tags WHERE tag_id = {})", params.bind(tag)));
    }
    if let Some(mode) = filter.mode {
        sql.push_str(&format!(" AND c.mode = {}", params.bind(mode.to_string())));
    }
    if let Some(verdict) = filter.verdict {
        sql.push_str(&format!(" AND c.verdict = {}", params.bind(verdict.to_string())));
    }
    if let Some(since) = &filter.since {
        sql.push_str(&format!(" AND c.stated_on >= {}", params.bind(since.clone())));
    }
    if let Some(until) = &filter.until {
        sql.push_str(&format!(" AND c.stated_on <= {}", params.bind(until.clone())));
    }
    if filter.contested {
        sql.push_str(
            " AND c.id IN (SELECT from_id FROM relations WHERE kind = 'contradicts'
                           UNION SELECT to_id FROM relations WHERE kind = 'contradicts')",
        );
    }
    sql
}

/// The limit to bind: NULL for none.
fn limit(filter: &ClaimFilter) -> Option<i64> {
    filter.limit.map(|n| n.min(i64::MAX as u64) as i64)
}

/// `WITH selected(id) AS (...)`: the ids a filter selects, limit included, for statements that
/// join other tables on them. With no filter, every claim.
pub(super) fn selected_claims(filter: Option<&ClaimFilter>, params: &mut Params) -> String {
    match filter {
        Some(filter) => {
            let where_sql = where_clause(filter, params);
            let limit = params.bind(limit(filter));
            format!("WITH selected(id) AS (SELECT c.id FROM claims c{where_sql} ORDER BY c.id LIMIT {limit}) ")
        }
        None => "WITH selected(id) AS (SELECT id FROM claims) ".into(),
    }
}

/// The listing statement: every record column of the selected claims, in order, limited. In
/// uid order the limit still takes the first claims by id, as every other filtered statement does.
fn listing(filter: &ClaimFilter, order: Order, params: &mut Params) -> String {
    let mut sql = String::from(record_select!());
    if order == Order::Uid && filter.selects_all() {
        sql.push_str(" ORDER BY c.uid");
        return sql;
    }
    let where_sql = where_clause(filter, params);
    let limit = params.bind(limit(filter));
    if order == Order::Uid {
        sql.push_str(&format!(" WHERE c.id IN (SELECT c.id FROM claims c{where_sql} ORDER BY c.id LIMIT {limit})"));
        sql.push_str(" ORDER BY c.uid");
        return sql;
    }
    sql.push_str(&format!("{where_sql} ORDER BY c.id LIMIT {limit}"));
    sql
}

/// From about this many rows (a file of a megabyte), a first load sets the foreign keys aside
/// (see `begin_bulk`); below it the few checks cost less than setting aside and adding back.
const BULK_ROWS: u64 = 5_000;

/// For a batch with wanted ids: which rows may keep theirs (one that is free and that no other
/// deleted claim had, so `restore` can always bring that one back), which rows are new (a uid
/// not here, nor earlier in the batch), and the highest id given so far.
const WANTED_IDS: &str =
    "SELECT coalesce(array_agg(free ORDER BY ord), '{}'), coalesce(array_agg(new ORDER BY ord), '{}'),
            (SELECT greatest(coalesce(max(id), 0),
                             (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM claims_id_seq))
               FROM claims)
     FROM (SELECT i.ord,
                  i.wanted IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM claims WHERE id = i.wanted)
                  AND NOT EXISTS (SELECT 1 FROM history h WHERE h.entity = 'claim' AND h.entity_id = i.wanted
                                    AND h.action = 'delete' AND h.entity_uid IS DISTINCT FROM i.uid) AS free,
                  row_number() OVER (PARTITION BY i.uid ORDER BY i.ord) = 1
                  AND NOT EXISTS (SELECT 1 FROM claims WHERE uid = i.uid) AS new
             FROM unnest($1::bigint[], $2::text[]) WITH ORDINALITY AS i(wanted, uid, ord)) x";

/// The ids a batch with wanted ids gets, row by row as SQLite gives them: a new row keeps its
/// wanted id when that is free and no earlier row took it, else it gets the next after the
/// highest so far. Rows that are not new get none. Returns the ids and the new highest.
fn assign_ids(wanted: &[Option<i64>], free: &[bool], new: &[bool], mut highest: i64) -> (Vec<Option<i64>>, i64) {
    let mut taken = std::collections::HashSet::new();
    let mut ids = Vec::with_capacity(wanted.len());
    for ((&wanted, &free), &new) in wanted.iter().zip(free).zip(new) {
        let id = match wanted {
            _ if !new => None,
            Some(id) if free && !taken.contains(&id) => Some(id),
            _ => Some(highest + 1),
        };
        if let Some(id) = id {
            taken.insert(id);
            highest = highest.max(id);
        }
        ids.push(id);
    }
    (ids, highest)
}

/// Insert a batch: rows whose uid is here already (or earlier in the batch) are left out before
/// any id is drawn. A row's id is given (`assign_ids`) or, with no wanted ids, drawn in order.
const INSERT_CLAIMS: &str = "INSERT INTO claims (id, uid, text, quote, actor_id, source_id, mode, stated_on, locator,
                                                 verdict, notes, created_at, updated_at, verdict_at, verdict_by,
                                                 notes_private)
     SELECT coalesce(i.given, nextval('claims_id_seq')),
            i.uid, i.text, i.quote, i.actor_id, i.source_id, i.mode, i.stated_on, i.locator, i.verdict, i.notes,
            i.created_at, i.updated_at, i.verdict_at, i.verdict_by, i.notes_private
       FROM (SELECT u.*, row_number() OVER (PARTITION BY u.uid ORDER BY u.ord) AS nth
               FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[],
                           $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                           $15::text[], $16::text[], $17::int[])
                    WITH ORDINALITY AS u(given, wanted, uid, text, quote, actor_id, source_id, mode, stated_on, locator,
                                         verdict, notes, created_at, updated_at, verdict_at, verdict_by,
                                         notes_private, ord)) i
      WHERE i.nth = 1 AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.uid = i.uid)
      ORDER BY i.ord
     ON CONFLICT (uid) DO NOTHING
     RETURNING id, uid";

impl Claims for PgTxn<'_> {
    fn claim(&mut self, id: i64) -> StoreResult<Option<ClaimRecord>> {
        let statement = self.prepared(concat!(record_select!(), " WHERE c.id = $1"))?;
        self.tx.query_opt(&statement, &[&id])?.as_ref().map(record_from_row).transpose()
    }

    fn claim_exists(&mut self, id: i64) -> StoreResult<bool> {
        let statement = self.prepared("SELECT EXISTS (SELECT 1 FROM claims WHERE id = $1)")?;
        Ok(self.tx.query_one(&statement, &[&id])?.try_get(0)?)
    }

    fn claim_id_by_uid(&mut self, uid: &str) -> StoreResult<Option<i64>> {
        let statement = self.prepared("SELECT id FROM claims WHERE uid = $1")?;
        Ok(self.tx.query_opt(&statement, &[&uid])?.map(|r| r.try_get(0)).transpose()?)
    }

    fn claim_count(&mut self) -> StoreResult<i64> {
        let statement = self.prepared("SELECT count(*) FROM claims")?;
        Ok(self.tx.query_one(&statement, &[])?.try_get(0)?)
    }

    fn largest_claim_id(&mut self) -> StoreResult<i64> {
        let statement = self.prepared("SELECT coalesce(max(id), 0)::bigint FROM claims")?;
        Ok(self.tx.query_one(&statement, &[])?.try_get(0)?)
    }

    fn claims_by_uid(&mut self, uids: &[&str]) -> StoreResult<Vec<StoredClaim>> {
        let statement = self.prepared(
            "SELECT c.id, c.uid, c.text, c.quote, c.mode, c.stated_on, c.locator, c.verdict, c.notes,
                    c.actor_id, c.source_id, c.created_at, c.updated_at, c.verdict_at, c.verdict_by,
                    ARRAY(SELECT t.name FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id
                           WHERE ct.claim_id = c.id ORDER BY t.name),
                    c.notes_private
             FROM claims c WHERE c.uid = ANY($1::text[])",
        )?;
        let mut found = Vec::new();
        for row in self.tx.query(&statement, &[&uids])? {
            let stored = ClaimRow {
                wanted_id: None,
                uid: row.try_get(1)?,
                fields: fields_from_row(&row, 2, 16)?,
                actor_id: row.try_get(9)?,
                source_id: row.try_get(10)?,
                created_at: row.try_get(11)?,
                updated_at: row.try_get(12)?,
                verdict_at: row.try_get(13)?,
                verdict_by: row.try_get(14)?,
            };
            found.push(StoredClaim { id: row.try_get(0)?, row: stored, tags: row.try_get(15)? });
        }
        Ok(found)
    }

    fn same_claims(&mut self, rows: &[&ClaimRow], stored_through: i64) -> StoreResult<Vec<Option<i64>>> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let statement = self.prepared(
            "SELECT (SELECT c.id FROM claims c
                      WHERE c.actor_id = i.actor_id AND c.id <= $5 AND c.text = i.text
                        AND c.source_id IS NOT DISTINCT FROM i.source_id
                        AND c.stated_on IS NOT DISTINCT FROM i.stated_on
                      LIMIT 1)
               FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[]) WITH ORDINALITY
                    AS i(actor_id, text, source_id, stated_on, ord)
              ORDER BY i.ord",
        )?;
        let actors: Vec<i64> = rows.iter().map(|r| r.actor_id).collect();
        let texts: Vec<&str> = rows.iter().map(|r| r.fields.text.as_str()).collect();
        let sources: Vec<Option<i64>> = rows.iter().map(|r| r.source_id).collect();
        let dates: Vec<Option<&str>> = rows.iter().map(|r| r.fields.stated_on.as_deref()).collect();
        let found = self.tx.query(&statement, &[&actors, &texts, &sources, &dates, &stored_through])?;
        Ok(found.iter().map(|r| r.try_get(0)).collect::<Result<_, _>>()?)
    }

    fn claims_of_actor(&mut self, actor_id: i64) -> StoreResult<Vec<(i64, String)>> {
        let statement = self.prepared("SELECT id, uid FROM claims WHERE actor_id = $1 ORDER BY id")?;
        let rows = self.tx.query(&statement, &[&actor_id])?;
        Ok(rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect::<Result<_, postgres::Error>>()?)
    }

    fn for_each_claim(&mut self, filter: &ClaimFilter, order: Order, each: Each<ClaimRecord>) -> anyhow::Result<()> {
        let mut params = Params::default();
        let sql = listing(filter, order, &mut params);
        let mut rows = self.tx.query_raw(&sql, params.refs()).map_err(StoreError::from)?;
        while let Some(row) =
            postgres::fallible_iterator::FallibleIterator::next(&mut rows).map_err(StoreError::from)?
        {
            each(record_from_row(&row)?)?;
        }
        Ok(())
    }

    fn claim_links(&mut self, id: i64) -> StoreResult<Vec<LinkedClaim>> {
        let statement = self.prepared(
            "SELECT r.kind, true, o.id, a.name, o.text, r.note
               FROM relations r JOIN claims o ON o.id = r.to_id JOIN actors a ON a.id = o.actor_id
              WHERE r.from_id = $1
             UNION ALL
             SELECT r.kind, false, o.id, a.name, o.text, r.note
               FROM relations r JOIN claims o ON o.id = r.from_id JOIN actors a ON a.id = o.actor_id
              WHERE r.to_id = $1
             ORDER BY 1, 3",
        )?;
        let mut links = Vec::new();
        for row in self.tx.query(&statement, &[&id])? {
            let kind: RelationKind = choice(row.try_get(0)?)?;
            let outgoing: bool = row.try_get(1)?;
            links.push(LinkedClaim {
                kind,
                // A symmetric relation reads the same from both ends.
                outgoing: outgoing || kind.is_symmetric(),
                other_id: row.try_get(2)?,
                other_actor: row.try_get(3)?,
                other_text: row.try_get(4)?,
                note: row.try_get(5)?,
            });
        }
        Ok(links)
    }

    fn insert_claims(&mut self, rows: &[ClaimRow]) -> StoreResult<Vec<Option<i64>>> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let wanted: Vec<Option<i64>> = rows.iter().map(|r| r.wanted_id).collect();
        let uids: Vec<&str> = rows.iter().map(|r| r.uid.as_str()).collect();
        let given = if wanted.iter().any(Option::is_some) {
            let statement = self.prepared(WANTED_IDS)?;
            let row = self.tx.query_one(&statement, &[&wanted, &uids])?;
            let (free, new): (Vec<bool>, Vec<bool>) = (row.try_get(0)?, row.try_get(1)?);
            let (given, highest) = assign_ids(&wanted, &free, &new, row.try_get(2)?);
            // The sequence moves past the ids given, so that the ids it gives later never meet them.
            if highest > 0 {
                let statement = self.prepared("SELECT setval('claims_id_seq', $1)")?;
                self.tx.execute(&statement, &[&highest])?;
            }
            given
        } else {
            vec![None; rows.len()]
        };
        let text = |f: fn(&ClaimRow) -> Option<&str>| -> Vec<Option<&str>> { rows.iter().map(f).collect() };
        let texts = text(|r| Some(r.fields.text.as_str()));
        let quotes = text(|r| r.fields.quote.as_deref());
        let actors: Vec<i64> = rows.iter().map(|r| r.actor_id).collect();
        let sources: Vec<Option<i64>> = rows.iter().map(|r| r.source_id).collect();
        let modes: Vec<&str> = rows.iter().map(|r| r.fields.mode.as_str()).collect();
        let dates = text(|r| r.fields.stated_on.as_deref());
        let locators = text(|r| r.fields.locator.as_deref());
        let verdicts: Vec<&str> = rows.iter().map(|r| r.fields.verdict.as_str()).collect();
        let notes = text(|r| r.fields.notes.as_deref());
        let created = text(|r| Some(r.created_at.as_str()));
        let updated = text(|r| Some(r.updated_at.as_str()));
        let verdicts_at = text(|r| r.verdict_at.as_deref());
        let verdicts_by = text(|r| r.verdict_by.as_deref());
        let private: Vec<i32> = rows.iter().map(|r| i32::from(r.fields.notes_private)).collect();
        let statement = self.prepared(INSERT_CLAIMS)?;
        let inserted = self.tx.query(
            &statement,
            &[
                &given, &wanted, &uids, &texts, &quotes, &actors, &sources, &modes, &dates, &locators, &verdicts,
                &notes, &created, &updated, &verdicts_at, &verdicts_by, &private,
            ],
        )?;
        let mut ids: std::collections::HashMap<String, i64> = std::collections::HashMap::with_capacity(inserted.len());
        for row in &inserted {
            ids.insert(row.try_get(1)?, row.try_get(0)?);
        }
        // Each inserted uid's id goes to its first row; a repeat gets None.
        Ok(rows.iter().map(|r| ids.remove(&r.uid)).collect())
    }

    fn update_claim(&mut self, id: i64, row: &ClaimRow) -> StoreResult<()> {
        let f = &row.fields;
        let statement = self.prepared(
            "UPDATE claims SET text = $1, quote = $2, actor_id = $3, source_id = $4, mode = $5, stated_on = $6,
             locator = $7, verdict = $8, notes = $9, updated_at = $10, verdict_at = $11, verdict_by = $12,
             notes_private = $13
             WHERE id = $14",
        )?;
        self.tx.execute(
            &statement,
            &[
                &f.text,
                &f.quote,
                &row.actor_id,
                &row.source_id,
                &f.mode.as_str(),
                &f.stated_on,
                &f.locator,
                &f.verdict.as_str(),
                &f.notes,
                &row.updated_at,
                &row.verdict_at,
                &row.verdict_by,
                &i32::from(f.notes_private),
                &id,
            ],
        )?;
        Ok(())
    }

    fn delete_claim(&mut self, id: i64) -> StoreResult<bool> {
        let statement = self.prepared("DELETE FROM claims WHERE id = $1")?;
        Ok(self.tx.execute(&statement, &[&id])? == 1)
    }

    fn tag_id(&mut self, name: &str) -> StoreResult<Option<i64>> {
        let statement = self.prepared("SELECT id FROM tags WHERE name = $1")?;
        Ok(self.tx.query_opt(&statement, &[&name.trim()])?.map(|r| r.try_get(0)).transpose()?)
    }

    fn tag_claims(&mut self, pairs: &[(i64, &str)]) -> StoreResult<()> {
        if pairs.is_empty() {
            return Ok(());
        }
        let ids: Vec<i64> = pairs.iter().map(|p| p.0).collect();
        let names: Vec<&str> = pairs.iter().map(|p| p.1).collect();
        let statement = self.prepared(
            "INSERT INTO tags (name)
             SELECT DISTINCT n FROM unnest($1::text[]) n WHERE NOT EXISTS (SELECT 1 FROM tags WHERE name = n)
             ON CONFLICT (name) DO NOTHING",
        )?;
        self.tx.execute(&statement, &[&names])?;
        let statement = self.prepared(
            "INSERT INTO claim_tags (claim_id, tag_id)
             SELECT p.id, t.id FROM unnest($1::bigint[], $2::text[]) p(id, name) JOIN tags t ON t.name = p.name
             ON CONFLICT DO NOTHING",
        )?;
        self.tx.execute(&statement, &[&ids, &names])?;
        Ok(())
    }

    fn untag_claim(&mut self, id: i64, tag: &str) -> StoreResult<bool> {
        let statement = self.prepared(
            "DELETE FROM claim_tags WHERE claim_id = $1 AND tag_id = (SELECT id FROM tags WHERE name = $2)",
        )?;
        Ok(self.tx.execute(&statement, &[&id, &tag.trim()])? == 1)
    }

    fn clear_tags(&mut self, id: i64) -> StoreResult<()> {
        let statement = self.prepared("DELETE FROM claim_tags WHERE claim_id = $1")?;
        self.tx.execute(&statement, &[&id])?;
        Ok(())
    }

    fn drop_unused_tags(&mut self) -> StoreResult<()> {
        let statement =
            self.prepared("DELETE FROM tags WHERE NOT EXISTS (SELECT 1 FROM claim_tags WHERE tag_id = tags.id)")?;
        self.tx.execute(&statement, &[])?;
        Ok(())
    }

    fn tag_counts(&mut self) -> StoreResult<Vec<(String, i64)>> {
        let statement = self.prepared(
            "SELECT t.name, (SELECT count(*) FROM claim_tags ct WHERE ct.tag_id = t.id) FROM tags t ORDER BY t.name",
        )?;
        let rows = self.tx.query(&statement, &[])?;
        Ok(rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect::<Result<_, postgres::Error>>()?)
    }

    fn claims_tagged(&mut self, tag_id: i64) -> StoreResult<Vec<i64>> {
        let statement = self.prepared("SELECT claim_id FROM claim_tags WHERE tag_id = $1 ORDER BY claim_id")?;
        let rows = self.tx.query(&statement, &[&tag_id])?;
        Ok(rows.iter().map(|r| r.try_get(0)).collect::<Result<_, _>>()?)
    }

    fn rename_tag(&mut self, tag_id: i64, name: &str) -> StoreResult<()> {
        let statement = self.prepared("UPDATE tags SET name = $1 WHERE id = $2")?;
        self.tx.execute(&statement, &[&name, &tag_id])?;
        Ok(())
    }

    fn merge_tag(&mut self, from: i64, into: i64) -> StoreResult<()> {
        let statement = self.prepared(
            "INSERT INTO claim_tags (claim_id, tag_id) SELECT claim_id, $2 FROM claim_tags WHERE tag_id = $1
             ON CONFLICT DO NOTHING",
        )?;
        self.tx.execute(&statement, &[&from, &into])?;
        // Its claim_tags rows go with it (ON DELETE CASCADE).
        let statement = self.prepared("DELETE FROM tags WHERE id = $1")?;
        self.tx.execute(&statement, &[&from])?;
        Ok(())
    }

    fn search(&mut self, query: &SearchQuery, limit: u64) -> StoreResult<SearchFound> {
        let plain = match query {
            SearchQuery::Plain(plain) => plain,
            SearchQuery::Raw(_) => {
                return Err(StoreError::Unsupported {
                    engine: "PostgreSQL",
                    ability: "--raw (SQLite's FTS5 query syntax)",
                    instead: "search as you would type it: \"a phrase\", word*, -word, a OR b",
                });
            }
        };
        let mut params = Params::default();
        let tsquery = plain_tsquery(plain, &mut params);
        let newest = params.bind(SEARCH_RANKED as i64 + 1);
        let best = params.bind(limit.min(i64::MAX as u64) as i64);
        // Rank the newest SEARCH_RANKED matches (one more, to know whether there were more), then
        // mark the passage of the best `limit`: the column that matches, else the text. MinWords
        // near MaxWords shows a short claim whole, as SQLite's snippet does.
        let sql = format!(
            "WITH q AS (SELECT {tsquery} AS q),
             matched AS (
                 SELECT f.id, f.document FROM claims_fts f, q
                  WHERE numnode(q.q) > 0 AND f.document @@ q.q
                  ORDER BY f.id DESC LIMIT {newest}),
             ranked AS (
                 SELECT m.id, ts_rank(m.document, q.q) AS score, count(*) OVER () AS matched
                   FROM matched m, q
                  ORDER BY score DESC, m.id DESC LIMIT {best})
             SELECT c.id, a.name, c.text, s.key, c.stated_on,
                    ts_headline('claimtrack', passage.body, q.q,
                                'StartSel=[, StopSel=], MaxWords=30, MinWords=29'),
                    r.matched
               FROM ranked r CROSS JOIN q
               JOIN claims c ON c.id = r.id
               JOIN actors a ON a.id = c.actor_id
               LEFT JOIN sources s ON s.id = c.source_id
               CROSS JOIN LATERAL (SELECT coalesce(
                   CASE WHEN to_tsvector('claimtrack', claimtrack_fold(c.text)) @@ q.q THEN c.text END,
                   CASE WHEN to_tsvector('claimtrack', claimtrack_fold(c.quote)) @@ q.q THEN c.quote END,
                   CASE WHEN to_tsvector('claimtrack', claimtrack_fold(c.notes)) @@ q.q THEN c.notes END,
                   c.text) AS body) passage
              ORDER BY r.score DESC, r.id DESC"
        );
        let rows = self.tx.query(&sql, &params.refs())?;
        let matched = rows.first().map_or(Ok(0), |row| row.try_get::<_, i64>(6))?;
        let hits = rows
            .iter()
            .map(|row| {
                Ok(SearchHit {
                    id: row.try_get(0)?,
                    actor: row.try_get(1)?,
                    text: row.try_get(2)?,
                    source: row.try_get(3)?,
                    stated_on: row.try_get(4)?,
                    snippet: joined_marks(&row.try_get::<_, String>(5)?),
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        Ok(SearchFound { hits, ranked: SEARCH_RANKED, more_than_ranked: matched > SEARCH_RANKED as i64 })
    }

    fn for_each_review(&mut self, filter: &ClaimFilter, each: Each<ReviewRow>) -> anyhow::Result<()> {
        let mut params = Params::default();
        let with = selected_claims((!filter.selects_all()).then_some(filter), &mut params);
        let sql = format!(
            "{with}SELECT c.uid, c.text, a.name, a.kind, c.stated_on, c.verdict, substr(coalesce(c.verdict_at, c.updated_at), 1, 10),
                    s.url, s.title, s.publisher, s.published
               FROM claims c JOIN actors a ON a.id = c.actor_id LEFT JOIN sources s ON s.id = c.source_id
              WHERE c.verdict <> 'unrated' AND c.id IN (SELECT id FROM selected)
              ORDER BY c.id"
        );
        let mut rows = self.tx.query_raw(&sql, params.refs()).map_err(StoreError::from)?;
        while let Some(row) =
            postgres::fallible_iterator::FallibleIterator::next(&mut rows).map_err(StoreError::from)?
        {
            let review = (|| -> StoreResult<ReviewRow> {
                Ok(ReviewRow {
                    uid: row.try_get(0)?,
                    text: row.try_get(1)?,
                    actor: row.try_get(2)?,
                    actor_kind: row.try_get(3)?,
                    stated_on: row.try_get(4)?,
                    verdict: choice(row.try_get(5)?)?,
                    reviewed_on: row.try_get(6)?,
                    source_url: row.try_get(7)?,
                    source_title: row.try_get(8)?,
                    source_publisher: row.try_get(9)?,
                    source_published: row.try_get(10)?,
                })
            })()?;
            each(review)?;
        }
        Ok(())
    }

    fn quotes_with_source_text(&mut self, source_id: Option<i64>) -> StoreResult<Vec<(String, Vec<QuoteCheck>)>> {
        let statement = self.prepared(
            "SELECT s.key, s.body, c.id, a.name, coalesce(c.quote, c.text)
               FROM sources s
               JOIN claims c ON c.source_id = s.id AND c.mode = 'direct'
               JOIN actors a ON a.id = c.actor_id
              WHERE s.body IS NOT NULL AND ($1::bigint IS NULL OR s.id = $1)
              ORDER BY s.key, c.id",
        )?;
        let mut out: Vec<(String, Vec<QuoteCheck>)> = Vec::new();
        for row in self.tx.query(&statement, &[&source_id])? {
            let key: String = row.try_get(0)?;
            let check =
                QuoteCheck { claim_id: row.try_get(2)?, actor: row.try_get(3)?, quote: row.try_get(4)?, source: key };
            match out.last_mut() {
                Some((_, checks)) if checks[0].source == check.source => checks.push(check),
                _ => out.push((row.try_get(1)?, vec![check])),
            }
        }
        Ok(out)
    }

    /// A first load of many rows into a story without claims sets the foreign keys of the tables it
    /// fills aside, as pg_restore loads data before constraints: checking each new row's
    /// references one at a time costs more than the rows themselves, and one check of them all
    /// at the end is a join. It takes the story's tables for itself until the import ends (so a
    /// reader waits, rather than seeing an empty story), which is why a story that already has
    /// claims is never loaded this way; nor is one whose tables another role owns.
    fn begin_bulk(&mut self, expected_rows: u64) -> StoreResult<()> {
        if expected_rows < BULK_ROWS {
            return Ok(());
        }
        let statement = self.prepared(
            "SELECT NOT EXISTS (SELECT 1 FROM claims)
                    AND (SELECT bool_and(pg_has_role(c.relowner, 'USAGE')) FROM pg_class c
                          WHERE c.oid IN ('claims'::regclass, 'claim_tags'::regclass, 'claims_fts'::regclass,
                                          'actors'::regclass, 'sources'::regclass, 'tags'::regclass))",
        )?;
        if !self.tx.query_one(&statement, &[])?.try_get::<_, bool>(0)? {
            return Ok(());
        }
        // The statements come from the catalog, names quoted by the server: nothing typed is in them.
        let statement = self.prepared(
            "SELECT format('ALTER TABLE %I DROP CONSTRAINT %I', c.relname, k.conname),
                    format('ALTER TABLE %I ADD CONSTRAINT %I %s', c.relname, k.conname, pg_get_constraintdef(k.oid))
               FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
              WHERE k.contype = 'f' AND c.relnamespace = current_schema()::regnamespace
                AND c.relname IN ('claims', 'claim_tags', 'claims_fts')
              ORDER BY c.relname, k.conname",
        )?;
        for row in self.tx.query(&statement, &[])? {
            self.tx.batch_execute(row.try_get(0)?)?;
            self.set_aside.push(row.try_get(1)?);
        }
        // Each new claim is indexed for search once, at the end, with its tags: not when it is
        // inserted and again when its tags are. (Before the keys are checked: claims_fts has one.)
        self.tx.batch_execute(
            "ALTER TABLE claims DISABLE TRIGGER claims_fts_insert;
             ALTER TABLE claim_tags DISABLE TRIGGER claim_tags_fts_insert",
        )?;
        self.set_aside.insert(
            0,
            "INSERT INTO claims_fts (id, document)
                 SELECT id, claimtrack_document(text, quote, notes, actor, tags) FROM claims_search
             ON CONFLICT (id) DO UPDATE SET document = excluded.document;
             ALTER TABLE claims ENABLE TRIGGER claims_fts_insert;
             ALTER TABLE claim_tags ENABLE TRIGGER claim_tags_fts_insert"
                .into(),
        );
        Ok(())
    }

    /// Put back what `begin_bulk` set aside: adding a foreign key checks every row against it.
    fn finish_bulk(&mut self) -> StoreResult<()> {
        for statement in std::mem::take(&mut self.set_aside) {
            self.tx.batch_execute(&statement)?;
        }
        Ok(())
    }
}

/// A plain query as a tsquery expression over bound values: the shape (AND, OR, NOT) is ours,
/// every word the user typed is a bound value, parsed by the index's own configuration.
fn plain_tsquery(plain: &PlainQuery, params: &mut Params) -> String {
    let mut term = |term: &SearchTerm| {
        // PostgreSQL's text cannot hold NUL; elsewhere in a search it is only a separator.
        let words = term.words.join(" ").replace('\0', " ");
        if term.prefix {
            let value = params.bind(prefix_tsquery(&words));
            format!("claimtrack_prefix({value})")
        } else {
            let value = params.bind(words);
            format!("phraseto_tsquery('claimtrack', claimtrack_fold({value}))")
        }
    };
    let mut parts: Vec<String> = plain
        .all
        .iter()
        .map(|group| format!("({})", group.iter().map(&mut term).collect::<Vec<_>>().join(" || ")))
        .collect();
    parts.extend(plain.none.iter().map(|left_out| format!("!!({})", term(left_out))));
    match parts.is_empty() {
        true => "''::tsquery".into(),
        false => parts.join(" && "),
    }
}

/// Words in a row whose last may go on ("forc*"), in tsquery syntax: letters and digits only,
/// so nothing typed is taken for an operator.
fn prefix_tsquery(words: &str) -> String {
    let parts: Vec<&str> = words.split(|c: char| !c.is_alphanumeric()).filter(|p| !p.is_empty()).collect();
    match parts.split_last() {
        Some((last, before)) => before.iter().map(|p| format!("{p} <-> ")).collect::<String>() + last + ":*",
        None => String::new(),
    }
}

/// ts_headline marks each word of a phrase apart ("[U].[S]. [strikes]"); SQLite marks the
/// phrase once. Join marks that only punctuation and spaces separate.
fn joined_marks(passage: &str) -> String {
    let mut out = String::with_capacity(passage.len());
    let mut rest = passage;
    while let Some(close) = rest.find(']') {
        let after = &rest[close + 1..];
        let gap = after.len() - after.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '[' && c != ']').len();
        if after[gap..].starts_with('[') {
            out.push_str(&rest[..close]);
            out.push_str(&after[..gap]);
            rest = &after[gap + 1..];
        } else {
            out.push_str(&rest[..=close]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::{assign_ids, joined_marks, prefix_tsquery};

    #[test]
    fn wanted_ids_are_kept_in_order_as_on_sqlite() {
        let (ids, highest) = assign_ids(
            &[None, Some(1), Some(9), Some(9), Some(4), Some(5)],
            &[false, true, true, true, false, true],
            &[true, true, true, true, true, false],
            0,
        );
        assert_eq!(ids, [Some(1), Some(2), Some(9), Some(10), Some(11), None]);
        assert_eq!(highest, 11);
    }

    #[test]
    fn prefixes_carry_letters_only() {
        assert_eq!(prefix_tsquery("forc"), "forc:*");
        assert_eq!(prefix_tsquery("a'|b!"), "a <-> b:*");
        assert_eq!(prefix_tsquery("déclar"), "déclar:*");
        assert_eq!(prefix_tsquery("!"), "");
    }

    #[test]
    fn a_phrase_is_marked_once() {
        assert_eq!(joined_marks("the [U].[S]. [strikes] on [Iraq]"), "the [U.S. strikes] on [Iraq]");
        assert_eq!(joined_marks("[a] and [b]"), "[a] and [b]");
        assert_eq!(joined_marks("no marks"), "no marks");
        assert_eq!(joined_marks("[إيران]، [العراق]"), "[إيران، العراق]");
    }
}
