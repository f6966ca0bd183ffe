//! Loading disputes: the relations that form them, grouped (see `crate::disputes`), with the
//! claims they hold.

use std::collections::{HashMap, HashSet};

use anyhow::Result;

use super::OpsError;
use crate::disputes::{Dispute, group};
use crate::model::{ClaimFilter, DisputeClaim};
use crate::store::{EdgeScope, Txn};

/// Disputes touching the claims a filter selects (all disputes when it selects everything), with
/// the claims they hold.
pub struct Disputes {
    pub list: Vec<Dispute>,
    pub claims: HashMap<i64, DisputeClaim>,
}

impl Disputes {
    /// Call within one read transaction, so the relations and claims are of one moment.
    pub fn load(txn: &mut dyn Txn, filter: &ClaimFilter) -> Result<Disputes> {
        let list = if filter.is_empty() {
            group(&txn.edges(EdgeScope::Disputes)?)
        } else {
            let seeds = txn.linked_claims(filter)?;
            let wanted: HashSet<i64> = seeds.iter().copied().collect();
            let mut list = group(&txn.edges(EdgeScope::DisputesAround(&seeds))?);
            list.retain(|d| d.claims.iter().any(|id| wanted.contains(id)));
            list
        };
        let ids: Vec<i64> = list.iter().flat_map(|d| d.claims.iter().copied()).collect();
        let claims: HashMap<i64, DisputeClaim> =
            txn.dispute_claims(&ids)?.into_iter().map(|claim| (claim.id, claim)).collect();
        // A relation to a claim that is not there means another tool broke the foreign keys.
        if let Some(&missing) = ids.iter().find(|id| !claims.contains_key(id)) {
            return Err(OpsError::Missing(missing).into());
        }
        Ok(Disputes { list, claims })
    }

    /// A claim of one of the disputes; every one was checked to be there by `load`.
    pub fn claim(&self, id: i64) -> Option<&DisputeClaim> {
        self.claims.get(&id)
    }
}
