//! Sources: where claims were found, under a short key.

use anyhow::Result;

use super::OpsError;
use super::history::{record_source, source_snapshot};
use crate::dates::now_timestamp;
use crate::model::rules::{self, new_uid, non_empty};
use crate::model::{Action, Source, SourceFields};
use crate::store::{StoreError, Thing, Txn};

/// The source with this key, or an error naming the key it was probably meant to be.
pub fn source(txn: &mut dyn Txn, key: &str) -> Result<Source> {
    if let Some(source) = txn.source_by_key(key)? {
        return Ok(source);
    }
    let key = key.trim().to_string();
    let wanted = key.to_lowercase();
    let similar = txn
        .list_sources()?
        .into_iter()
        .map(|source| (strsim::normalized_damerau_levenshtein(&wanted, &source.key.to_lowercase()), source.key))
        .filter(|(likeness, _)| *likeness >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, key)| key);
    Err(OpsError::UnknownSource { key, similar }.into())
}

pub fn add_source(txn: &mut dyn Txn, key: &str, fields: SourceFields) -> Result<Source> {
    let key = rules::check_key(key)?;
    if let Some(existing) = txn.source_by_key(key)? {
        return Err(StoreError::AlreadyExists(Thing::Source(existing.key)).into());
    }
    let mut source = Source {
        uid: new_uid(),
        key: key.to_string(),
        title: non_empty(fields.title),
        url: non_empty(fields.url),
        publisher: non_empty(fields.publisher),
        published: non_empty(fields.published),
        accessed: non_empty(fields.accessed),
        kind: non_empty(fields.kind).unwrap_or_else(|| "article".into()),
        body: non_empty(fields.body),
        body_private: fields.body_private.unwrap_or(false),
        created_at: now_timestamp(),
        ..Source::default()
    };
    source.id = txn.insert_source(&source)?;
    record_source(txn, Action::Create, &source, None)?;
    Ok(source)
}

/// Change a source: `None` leaves a field, an empty value clears it.
pub fn edit_source(txn: &mut dyn Txn, key: &str, fields: SourceFields) -> Result<Source> {
    let mut source = source(txn, key)?;
    let before = source_snapshot(&source);
    if let Some(new_key) = fields.key.as_deref() {
        let new_key = rules::check_key(new_key)?;
        if new_key != source.key && txn.source_by_key(new_key)?.is_some() {
            return Err(OpsError::KeyTaken { from: source.key, to: new_key.to_string() }.into());
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
    if let Some(private) = fields.body_private {
        source.body_private = private;
    }
    txn.update_source(source.id, &source)?;
    record_source(txn, Action::Edit, &source, Some(before))?;
    Ok(source)
}

/// Remove a source no claim cites.
pub fn remove_source(txn: &mut dyn Txn, key: &str) -> Result<Source> {
    let source = source(txn, key)?;
    if source.claims > 0 {
        return Err(StoreError::InUse { thing: Thing::Source(source.key), claims: source.claims }.into());
    }
    let before = source_snapshot(&source);
    txn.delete_source(source.id)?;
    record_source(txn, Action::Delete, &source, Some(before))?;
    Ok(source)
}

/// Store an article's text on its source, creating the source when it is new; true if created.
pub fn keep_text(txn: &mut dyn Txn, key: &str, text: &str) -> Result<bool> {
    let fields = SourceFields { body: Some(text.to_string()), ..SourceFields::default() };
    if txn.source_by_key(key)?.is_some() {
        edit_source(txn, key, fields)?;
        Ok(false)
    } else {
        add_source(txn, key, fields)?;
        Ok(true)
    }
}
