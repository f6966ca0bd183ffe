//! Filters as people name them (`--by "U.S. officials" --tag timing`), resolved to ids.

use anyhow::Result;

use crate::dates::{since_key, until_key};
use crate::model::{ClaimFilter, Mode, Verdict};
use crate::store::{StoreError, Thing, Txn};

/// The claim filters of `list`, `export`, `disputes` and the rest, as typed.
#[derive(Debug, Clone, Default)]
pub struct FilterNames {
    pub by: Option<String>,
    pub source: Option<String>,
    pub tags: Vec<String>,
    pub mode: Option<Mode>,
    pub verdict: Option<Verdict>,
    /// Checked ISO dates.
    pub since: Option<String>,
    pub until: Option<String>,
    pub contested: bool,
    pub limit: Option<u64>,
}

/// Resolve the names in a filter, failing on any that names nothing.
pub fn resolve(txn: &mut dyn Txn, names: &FilterNames) -> Result<ClaimFilter> {
    let actor_id = match &names.by {
        Some(actor) => Some(super::actors::actor(txn, actor)?.id),
        None => None,
    };
    let source_id = match &names.source {
        Some(key) => Some(super::sources::source(txn, key)?.id),
        None => None,
    };
    let mut tag_ids = Vec::new();
    for tag in &names.tags {
        match txn.tag_id(tag)? {
            Some(id) => tag_ids.push(id),
            None => return Err(StoreError::NotFound(Thing::Tag(tag.trim().to_string())).into()),
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
