//! Tags as a whole: listing them with their counts, renaming one, merging one into another. Each
//! claim whose tags change gets its own history entry, as `edit --tag` would give it.

use anyhow::Result;
use serde_json::json;

use super::OpsError;
use crate::model::{Action, Change, Entity, rules};
use crate::names::NameIndex;
use crate::store::{StoreError, Thing, Txn};

/// Every tag in use with the number of claims carrying it, by name.
pub fn list(txn: &mut dyn Txn) -> Result<Vec<(String, i64)>> {
    Ok(txn.tag_counts()?)
}

/// For each of `tags` not in use yet, the tag in use it probably misspells ("attack" for
/// "attacks", "iraq-strikes" for "Iraq strikes"): the same test as for actors' names.
pub fn look_alikes(txn: &mut dyn Txn, tags: &[&str]) -> Result<Vec<(String, String)>> {
    let mut new = Vec::new();
    for &tag in tags {
        if txn.tag_id(tag)?.is_none() {
            new.push(tag);
        }
    }
    if new.is_empty() {
        return Ok(Vec::new());
    }
    let mut index = NameIndex::default();
    for (name, _) in txn.tag_counts()? {
        index.insert(&name, &name);
    }
    Ok(new.into_iter().filter_map(|tag| Some((tag.to_string(), index.near(tag)?.to_string()))).collect())
}

fn tag_id(txn: &mut dyn Txn, name: &str) -> Result<i64> {
    txn.tag_id(name)?.ok_or_else(|| StoreError::NotFound(Thing::Tag(name.trim().to_string())).into())
}

/// Rename a tag on every claim carrying it; returns how many claims that is.
pub fn rename(txn: &mut dyn Txn, old: &str, new: &str) -> Result<usize> {
    let (old, new) = (old.trim(), rules::check_tag(new)?);
    let id = tag_id(txn, old)?;
    if old == new {
        return Err(OpsError::SameTag(old.to_string()).into());
    }
    if txn.tag_id(new)?.is_some() {
        return Err(OpsError::TagTaken { from: old.to_string(), to: new.to_string() }.into());
    }
    let renamed = |t: &str| if t == old { new.to_string() } else { t.to_string() };
    retag(txn, id, renamed, |txn| Ok(txn.rename_tag(id, new)?))
}

/// Put the claims tagged `from` under `into` and remove `from`; returns how many claims changed.
pub fn merge(txn: &mut dyn Txn, from: &str, into: &str) -> Result<usize> {
    let (from_id, into_id) = (tag_id(txn, from)?, tag_id(txn, into)?);
    if from_id == into_id {
        return Err(OpsError::SameTag(from.trim().to_string()).into());
    }
    let (from, into) = (from.trim(), into.trim());
    let merged = |t: &str| if t == from { into.to_string() } else { t.to_string() };
    retag(txn, from_id, merged, |txn| Ok(txn.merge_tag(from_id, into_id)?))
}

/// Change the tags of the claims carrying `tag` with `change`, recording each claim's edit as its
/// tags before and after (a chunk of claims at a time: a tag may be on most of a million claims).
fn retag(
    txn: &mut dyn Txn,
    tag: i64,
    renamed: impl Fn(&str) -> String,
    change: impl FnOnce(&mut dyn Txn) -> Result<()>,
) -> Result<usize> {
    const CHUNK: usize = 1024;
    let claims = txn.claims_tagged(tag)?;
    for chunk in claims.chunks(CHUNK) {
        let mut changes = Vec::with_capacity(chunk.len());
        for &id in chunk {
            let Some(claim) = txn.claim(id)? else { continue };
            let mut after: Vec<String> = claim.tags.iter().map(|t| renamed(t)).collect();
            after.sort_unstable();
            after.dedup();
            changes.push(Change {
                action: Action::Edit,
                entity: Entity::Claim,
                entity_id: Some(id),
                other_id: None,
                entity_uid: Some(claim.uid),
                before: Some(json!({ "tags": claim.tags }).to_string()),
                after: Some(json!({ "tags": after }).to_string()),
            });
        }
        txn.record(&changes)?;
    }
    change(txn)?;
    Ok(claims.len())
}
