//! Loading a story for `report`, `export xlsx` and `lint`: the one place these commands read the
//! store.

use std::collections::HashSet;

use anyhow::Result;

use crate::disputes::group;
use crate::store::{Db, FilterNames};
use crate::story::Story;

/// The claims the filters select, the relations between them, their disputes, and the actors and
/// sources they name. Fails on a filter that names nothing, before anything is written.
pub fn load(db: &Db, names: &FilterNames) -> Result<Story> {
    let filter = db.resolve_filter(names)?;
    let mut claims = Vec::new();
    db.for_each_claim(&filter, |claim| {
        claims.push(claim.clone());
        Ok(())
    })?;
    let selected = !filter.selects_all();
    db.select_claims(selected.then_some(&filter))?;
    let relations = db.selected_edges(selected)?;
    let disputes = group(&relations);

    let actors_named: HashSet<&str> = claims.iter().map(|c| c.actor.as_str()).collect();
    let mut actors = db.list_actors()?;
    actors.retain(|actor| actors_named.contains(actor.name.as_str()));
    let sources_cited: HashSet<&str> = claims.iter().filter_map(|c| c.source.as_deref()).collect();
    let mut sources = db.list_sources()?;
    sources.retain(|source| sources_cited.contains(source.key.as_str()));
    Ok(Story::new(claims, relations, disputes, actors, sources))
}
