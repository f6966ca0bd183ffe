//! `link` and `unlink`: relations between two claims.

use anyhow::Result;

use super::OpsError;
use super::claims::check_claim;
use super::history::relation_change;
use crate::dates::now_timestamp;
use crate::model::{Action, Edge, RelationKind};
use crate::store::{StoreError, Thing, Txn};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkOutcome {
    Created,
    AlreadyThere,
}

/// Link two claims. Linking what is already linked (either way round, for a symmetric kind)
/// changes nothing and says so.
pub fn link(txn: &mut dyn Txn, a: i64, kind: RelationKind, b: i64, note: Option<&str>) -> Result<LinkOutcome> {
    if a == b {
        return Err(OpsError::SelfLink { id: a, kind }.into());
    }
    check_claim(txn, a)?;
    check_claim(txn, b)?;
    let (from, to) = kind.canonical(a, b);
    let note = note.filter(|n| !n.trim().is_empty());
    if !txn.insert_relation(Edge { from, kind, to }, note, &now_timestamp())? {
        return Ok(LinkOutcome::AlreadyThere);
    }
    txn.record(&[relation_change(Action::Link, from, kind, to, note)])?;
    Ok(LinkOutcome::Created)
}

pub fn unlink(txn: &mut dyn Txn, a: i64, kind: RelationKind, b: i64) -> Result<()> {
    check_claim(txn, a)?;
    check_claim(txn, b)?;
    let (from, to) = kind.canonical(a, b);
    match txn.delete_relation(Edge { from, kind, to })? {
        Some(note) => {
            txn.record(&[relation_change(Action::Unlink, from, kind, to, note.as_deref())])?;
            Ok(())
        }
        None => Err(StoreError::NotFound(Thing::Relation { from: a, kind, to: b }).into()),
    }
}
