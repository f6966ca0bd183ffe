//! A story as the editor's outputs see it: the selected claims with their relations, disputes,
//! actors and sources, loaded once (by `commands::story::load`) and read by the HTML report, the
//! xlsx workbook and the lint. Plain data, no I/O.

use std::collections::HashMap;

use crate::disputes::Dispute;
use crate::model::{Actor, ClaimRecord, Edge, Source};

#[derive(Debug, Clone, Default)]
pub struct Story {
    /// The selected claims, in id order.
    pub claims: Vec<ClaimRecord>,
    /// Every relation between two selected claims.
    pub relations: Vec<Edge>,
    /// The disputes among the selected claims, from `crate::disputes::group`.
    pub disputes: Vec<Dispute>,
    /// The actors of the selected claims (by their own names: see `actor_shown`).
    pub actors: Vec<Actor>,
    /// The sources the selected claims cite, in key order, with their text when they hold it.
    pub sources: Vec<Source>,
    /// Claim id to its index in `claims`.
    by_id: HashMap<i64, usize>,
}

impl Story {
    pub fn new(
        claims: Vec<ClaimRecord>,
        relations: Vec<Edge>,
        disputes: Vec<Dispute>,
        actors: Vec<Actor>,
        mut sources: Vec<Source>,
    ) -> Story {
        sources.sort_by(|a, b| a.key.cmp(&b.key));
        let by_id = claims.iter().enumerate().map(|(index, claim)| (claim.id, index)).collect();
        Story { claims, relations, disputes, actors, sources, by_id }
    }

    pub fn claim(&self, id: i64) -> Option<&ClaimRecord> {
        self.by_id.get(&id).map(|&index| &self.claims[index])
    }

    /// The name a reader is shown for a claim's actor. Every output that names a claim's actor
    /// goes through here, so that hiding an anonymous source's name is one change.
    pub fn actor_shown<'a>(&self, claim: &'a ClaimRecord) -> &'a str {
        &claim.actor
    }

    pub fn source(&self, key: &str) -> Option<&Source> {
        self.sources.binary_search_by(|s| s.key.as_str().cmp(key)).ok().map(|index| &self.sources[index])
    }

    /// How many of the selected claims each actor made, by the actor's own name.
    pub fn claims_by_actor(&self) -> HashMap<&str, usize> {
        let mut counts = HashMap::new();
        for claim in &self.claims {
            *counts.entry(claim.actor.as_str()).or_default() += 1;
        }
        counts
    }

    /// How many of the selected claims cite each source.
    pub fn claims_by_source(&self) -> HashMap<&str, usize> {
        let mut counts = HashMap::new();
        for key in self.claims.iter().filter_map(|c| c.source.as_deref()) {
            *counts.entry(key).or_default() += 1;
        }
        counts
    }
}
