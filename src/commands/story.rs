//! Loading a story for `report`, `export xlsx` and `lint`: the one place these commands read the
//! store.

use std::collections::HashSet;

use anyhow::Result;

use crate::disputes::group;
use crate::model::ClaimFilter;
use crate::ops::filter::{self, FilterNames};
use crate::store::{self, EdgeScope, Order, Storage, Txn};
use crate::story::Story;

/// The claims the filter selects, the relations between them, their disputes, and the actors and
/// sources they name, read inside the caller's transaction.
pub fn load(txn: &mut dyn Txn, filter: &ClaimFilter) -> Result<Story> {
    let mut claims = Vec::new();
    txn.for_each_claim(filter, Order::Id, &mut |claim| {
        claims.push(claim);
        Ok(())
    })?;
    let relations = txn.edges(EdgeScope::Between(filter))?;
    let disputes = group(&relations);

    let actors_named: HashSet<&str> = claims.iter().map(|c| c.actor.as_str()).collect();
    let mut actors = txn.list_actors()?;
    actors.retain(|actor| actors_named.contains(actor.name.as_str()));
    let sources_cited: HashSet<&str> = claims.iter().filter_map(|c| c.source.as_deref()).collect();
    let mut sources = txn.list_sources()?;
    sources.retain(|source| sources_cited.contains(source.key.as_str()));
    Ok(Story::new(claims, relations, disputes, actors, sources))
}

/// `load` in a read transaction of its own, from filter names: fails on a name that names
/// nothing, before anything is written.
pub fn read(storage: &mut dyn Storage, names: &FilterNames) -> Result<Story> {
    store::read(storage, |txn| {
        let filter = filter::resolve(txn, names)?;
        load(txn, &filter)
    })
}
