//! Sources: where claims were found.

use anyhow::{Result, bail};
use rusqlite::{OptionalExtension, Row, params};

use super::history::Action;
use super::{Db, non_empty};
use crate::dates::now_timestamp;
use crate::model::Source;

/// The editable fields of a source. In an edit, `None` leaves a field as it is and an empty
/// string clears it.
#[derive(Debug, Clone, Default)]
pub struct SourceFields {
    pub key: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub published: Option<String>,
    pub accessed: Option<String>,
    pub kind: Option<String>,
    pub body: Option<String>,
}

/// The columns `source_from_row` reads, as a literal so statements are assembled at compile time.
macro_rules! source_select {
    () => {
        "SELECT s.id, s.uid, s.key, s.title, s.url, s.publisher, s.published, s.accessed, s.kind, s.body,
                s.created_at, (SELECT count(*) FROM claims c WHERE c.source_id = s.id)
         FROM sources s "
    };
}

fn source_from_row(row: &Row) -> rusqlite::Result<Source> {
    Ok(Source {
        id: row.get(0)?,
        uid: row.get(1)?,
        key: row.get(2)?,
        title: row.get(3)?,
        url: row.get(4)?,
        publisher: row.get(5)?,
        published: row.get(6)?,
        accessed: row.get(7)?,
        kind: row.get(8)?,
        body: row.get(9)?,
        created_at: row.get(10)?,
        claims: row.get(11)?,
    })
}

/// An empty edit value clears the field.
impl Db<'_> {
    pub fn add_source(&self, key: &str, fields: SourceFields) -> Result<Source> {
        let key = key.trim();
        if key.is_empty() {
            bail!("a source key cannot be empty: give a short name such as ap-2024-01-27");
        }
        if let Some(existing) = self.find_source(key)? {
            bail!(
                "source \"{}\" already exists; change it with `claimtrack source edit {}`",
                existing.key,
                existing.key
            );
        }
        let source = Source {
            uid: uuid::Uuid::now_v7().to_string(),
            key: key.to_string(),
            title: non_empty(fields.title),
            url: non_empty(fields.url),
            publisher: non_empty(fields.publisher),
            published: non_empty(fields.published),
            accessed: non_empty(fields.accessed),
            kind: non_empty(fields.kind).unwrap_or_else(|| "article".into()),
            body: non_empty(fields.body),
            created_at: now_timestamp(),
            ..Source::default()
        };
        let id = self.insert_source(&source)?;
        self.record_source(Action::Create, id, &source.uid, None)?;
        Ok(Source { id, ..source })
    }

    /// Insert a fully formed source (its uid included) and return its id.
    pub(super) fn insert_source(&self, s: &Source) -> Result<i64> {
        self.conn
            .prepare_cached(
                "INSERT INTO sources (uid, key, title, url, publisher, published, accessed, kind, body, created_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )?
            .execute(params![
                s.uid, s.key, s.title, s.url, s.publisher, s.published, s.accessed, s.kind, s.body, s.created_at
            ])?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn find_source(&self, key: &str) -> Result<Option<Source>> {
        let sql = concat!(source_select!(), "WHERE s.key = ?");
        Ok(self.conn.prepare_cached(sql)?.query_row([key.trim()], source_from_row).optional()?)
    }

    /// The source with this key, or an error that says how to add it.
    pub fn source(&self, key: &str) -> Result<Source> {
        match self.find_source(key)? {
            Some(source) => Ok(source),
            None => bail!(
                "unknown source \"{key}\": add it first with `claimtrack source add {key} --title ...` (see `claimtrack source list`)"
            ),
        }
    }

    pub fn find_source_by_url(&self, url: &str) -> Result<Option<Source>> {
        let sql = concat!(source_select!(), "WHERE s.url = ? ORDER BY s.id LIMIT 1");
        Ok(self.conn.prepare_cached(sql)?.query_row([url.trim()], source_from_row).optional()?)
    }

    pub fn list_sources(&self) -> Result<Vec<Source>> {
        let mut stmt = self.conn.prepare_cached(concat!(source_select!(), "ORDER BY s.key"))?;
        let rows = stmt.query_map([], source_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn edit_source(&self, key: &str, fields: SourceFields) -> Result<Source> {
        let mut source = self.source(key)?;
        let before = self.source_snapshot(source.id)?;
        if let Some(new_key) = fields.key.as_deref().map(str::trim) {
            if new_key.is_empty() {
                bail!("a source key cannot be empty");
            }
            if new_key != source.key && self.find_source(new_key)?.is_some() {
                bail!("cannot rename source \"{}\" to \"{new_key}\": that key is taken", source.key);
            }
            source.key = new_key.to_string();
        }
        let apply = |current: &mut Option<String>, new: Option<String>| {
            if let Some(value) = new {
                *current = non_empty(Some(value));
            }
        };
        apply(&mut source.title, fields.title);
        apply(&mut source.url, fields.url);
        apply(&mut source.publisher, fields.publisher);
        apply(&mut source.published, fields.published);
        apply(&mut source.accessed, fields.accessed);
        apply(&mut source.body, fields.body);
        if let Some(kind) = non_empty(fields.kind) {
            source.kind = kind;
        }
        self.conn
            .prepare_cached(
                "UPDATE sources SET key = ?, title = ?, url = ?, publisher = ?, published = ?, accessed = ?,
                 kind = ?, body = ? WHERE id = ?",
            )?
            .execute(params![
                source.key, source.title, source.url, source.publisher, source.published, source.accessed, source.kind,
                source.body, source.id
            ])?;
        self.record_source(Action::Edit, source.id, &source.uid, before.as_deref())?;
        Ok(source)
    }

    pub fn remove_source(&self, key: &str) -> Result<Source> {
        let source = self.source(key)?;
        if source.claims > 0 {
            bail!(
                "source \"{}\" is cited by {} claim(s); move them to another source (`claimtrack edit ID --source KEY`) or remove them first",
                source.key,
                source.claims
            );
        }
        let before = self.source_snapshot(source.id)?;
        self.conn.prepare_cached("DELETE FROM sources WHERE id = ?")?.execute([source.id])?;
        self.record_source(Action::Delete, source.id, &source.uid, before.as_deref())?;
        Ok(source)
    }
}

/// A direct quotation and the text of the source it is from.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteCheck {
    pub claim_id: i64,
    pub actor: String,
    pub quote: String,
    pub source: String,
}

impl Db<'_> {
    /// Sources that hold their text (all, or one), with the direct quotations citing them:
    /// each source's text is read once, however many claims cite it.
    pub fn quotes_with_source_text(&self, key: Option<&str>) -> Result<Vec<(String, Vec<QuoteCheck>)>> {
        let source_id = match key {
            Some(key) => Some(self.source(key)?.id),
            None => None,
        };
        let mut stmt = self.conn.prepare_cached(
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
            if out.last().is_none_or(|(_, checks)| checks[0].source != check.source) {
                out.push((row.get(1)?, Vec::new()));
            }
            out.last_mut().expect("a group was just opened").1.push(check);
        }
        Ok(out)
    }
}
