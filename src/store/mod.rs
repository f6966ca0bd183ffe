//! Where claims are kept: a [`Location`] opens a [`Storage`], whose transactions ([`Txn`]) offer
//! narrow primitives (read these rows, insert that one). Every SQL statement claimtrack runs is in
//! a backend module below this one; the policy built on the primitives is in `crate::ops`.
//!
//! In the TaskChampion style, a transaction that is dropped without [`Txn::commit`] rolls back,
//! so a failed command leaves the database as it was. A read transaction sees one moment of the
//! database however many statements it runs; a write transaction holds the write lock, so two
//! writers queue instead of failing.

#[cfg(test)]
mod conformance;
mod error;
pub mod location;
pub mod postgres;
pub mod sqlite;

use std::path::Path;

pub use error::{OpenFailure, StoreError, StoreResult, Thing};
pub use location::Location;

use crate::model::{
    Actor, ActorRow, Change, ClaimFilter, ClaimRecord, ClaimRow, DisputeClaim, Edge, HistoryEntry, ImportRun,
    LinkedClaim, Problem, QuoteCheck, RelationRecord, ReviewRow, SearchFound, Source,
};

/// What a transaction is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// One consistent snapshot; writing through it is refused.
    Read,
    /// The write lock, held until commit or drop.
    Write,
}

/// Whether opening may create the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Create {
    /// Create it, with the current schema, when it is not there yet.
    IfMissing,
    /// It must exist already: reading commands never leave databases behind.
    No,
}

/// Open the database at `location`, bringing an older schema up to date.
pub fn open(location: &Location, create: Create) -> StoreResult<Box<dyn Storage>> {
    match location {
        Location::File(path) => Ok(Box::new(sqlite::SqliteStorage::open(path, create)?)),
        Location::Postgres(url) => Ok(Box::new(postgres::PgStorage::open(url, create)?)),
    }
}

/// A database a command works on.
pub trait Storage {
    /// Begin a transaction; drop it without committing to roll back.
    fn begin(&mut self, access: Access) -> StoreResult<Box<dyn Txn + '_>>;

    /// Where the data is, as people should see it (never with a password).
    fn location(&self) -> String;

    /// Name the person the history records for this connection's changes.
    fn set_user(&mut self, user: &str) -> StoreResult<()>;

    /// Who the history records whatever `set_user` was told: a server's own name for the
    /// connection (its role), which no client can change. None where `set_user` decides.
    fn recorded_user(&self) -> Option<&str> {
        None
    }

    /// Take away a story this connection created if nothing was written to it: a failed first
    /// command leaves nothing behind. (Files are removed by `sqlite::remove_if_untouched` once closed.)
    fn remove_if_untouched(&mut self) -> StoreResult<bool> {
        Ok(false)
    }

    /// Set the connection up for a large import (larger caches); the import's own transaction
    /// does the rest (see [`Claims::begin_bulk`]).
    fn prepare_for_bulk(&mut self) -> StoreResult<()>;

    /// The engine's own consistency checks, each found problem or check that could not run.
    fn check(&mut self) -> StoreResult<Vec<Finding>>;

    /// Rebuild the full-text index from the claims.
    fn rebuild_search_index(&mut self) -> StoreResult<()>;

    /// Abilities only a database file has; None on a server.
    fn file(&mut self) -> Option<&mut dyn FileStorage> {
        None
    }
}

/// What only a database in a file can do.
pub trait FileStorage {
    fn path(&self) -> &Path;
    /// A consistent copy of the whole database in a new file, taken while others write.
    fn copy_to(&mut self, target: &Path) -> StoreResult<()>;
}

/// One outcome of `check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// The data is wrong.
    Problem(Problem),
    /// A check could not look: not a fault in the data.
    NotChecked { check: &'static str, because: Hindrance },
}

/// What kept a check from looking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hindrance {
    /// Another process held the write lock the check needs.
    Busy,
    /// The check needs to write (and roll back), and the database may only be read here.
    ReadOnly,
}

/// A transaction: every primitive a command needs, committed at the end or rolled back on drop.
pub trait Txn: Claims + Actors + Sources + Relations + History + Settings {
    fn commit(self: Box<Self>) -> StoreResult<()>;
}

/// What a streaming read calls for each row; its error stops the read.
pub type Each<'a, T> = &'a mut dyn FnMut(T) -> anyhow::Result<()>;

/// How a listing is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// By the short id: listings.
    Id,
    /// By uid: documents, whose order must not depend on local ids.
    Uid,
}

/// A search as the user asked it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchQuery {
    /// What people type, taken apart (`commands::search::parse`).
    Plain(PlainQuery),
    /// The engine's own query syntax, passed through.
    Raw(String),
}

/// Every group must match (a group of several is a choice: `a OR b`), and none of `none`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlainQuery {
    pub all: Vec<Vec<SearchTerm>>,
    pub none: Vec<SearchTerm>,
}

/// A word, or several in a row (a phrase); with `prefix`, the last one may go on ("forc*").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchTerm {
    pub words: Vec<String>,
    pub prefix: bool,
}

/// How many matches a search ranks at most: the newest this many. Ranking is what costs, so this
/// keeps the first page as quick for a word most claims contain as for a rare one.
pub const SEARCH_RANKED: u64 = 10_000;

/// Which relations `edges` returns.
#[derive(Debug, Clone, Copy)]
pub enum EdgeScope<'a> {
    /// Every contradicts, supports and same-as edge: the graph disputes are made of.
    Disputes,
    /// The part of the dispute graph reachable from these claims.
    DisputesAround(&'a [i64]),
    /// Every relation between two claims the filter selects.
    Between(&'a ClaimFilter),
}

/// A stored claim as imports compare it: its row and its tags, sorted.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredClaim {
    pub id: i64,
    pub row: ClaimRow,
    pub tags: Vec<String>,
}

/// Who already uses a name: an actor by its name, or by an alias.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameOwner {
    pub actor_id: i64,
    pub actor: String,
    /// The alias that matched, when it was not the actor's own name.
    pub alias: Option<String>,
}

pub trait Claims {
    fn claim(&mut self, id: i64) -> StoreResult<Option<ClaimRecord>>;
    fn claim_exists(&mut self, id: i64) -> StoreResult<bool>;
    fn claim_id_by_uid(&mut self, uid: &str) -> StoreResult<Option<i64>>;
    fn claim_count(&mut self) -> StoreResult<i64>;
    /// The largest claim id in use, 0 when there are none.
    fn largest_claim_id(&mut self) -> StoreResult<i64>;
    /// The stored claims with these uids (those that are here).
    fn claims_by_uid(&mut self, uids: &[&str]) -> StoreResult<Vec<StoredClaim>>;
    /// For each row, a claim with an id up to `stored_through` saying exactly the same (text,
    /// actor, source, date), if any.
    fn same_claims(&mut self, rows: &[&ClaimRow], stored_through: i64) -> StoreResult<Vec<Option<i64>>>;
    /// The claims with this actor, as (id, uid).
    fn claims_of_actor(&mut self, actor_id: i64) -> StoreResult<Vec<(i64, String)>>;
    /// Every claim the filter selects, one at a time.
    fn for_each_claim(&mut self, filter: &ClaimFilter, order: Order, each: Each<ClaimRecord>) -> anyhow::Result<()>;
    /// Every relation touching a claim, both directions.
    fn claim_links(&mut self, id: i64) -> StoreResult<Vec<LinkedClaim>>;

    /// Insert claims; each gets its `wanted_id` when that id is free and was never given, else a
    /// new one. None for a row whose uid is already here.
    fn insert_claims(&mut self, rows: &[ClaimRow]) -> StoreResult<Vec<Option<i64>>>;
    /// Overwrite a claim's columns; its id, uid and creation time stay.
    fn update_claim(&mut self, id: i64, row: &ClaimRow) -> StoreResult<()>;
    /// Delete a claim; its tags and relations go with it. False when it was not there.
    fn delete_claim(&mut self, id: i64) -> StoreResult<bool>;

    fn tag_id(&mut self, name: &str) -> StoreResult<Option<i64>>;
    /// Attach tags (created when new; checked names) to claims; tagging twice is harmless.
    fn tag_claims(&mut self, pairs: &[(i64, &str)]) -> StoreResult<()>;
    /// False when the claim did not carry the tag.
    fn untag_claim(&mut self, id: i64, tag: &str) -> StoreResult<bool>;
    fn clear_tags(&mut self, id: i64) -> StoreResult<()>;
    /// Remove tags no claim carries any more, so `--tag` only names tags in use.
    fn drop_unused_tags(&mut self) -> StoreResult<()>;
    /// Every tag with the number of claims carrying it, by name.
    fn tag_counts(&mut self) -> StoreResult<Vec<(String, i64)>>;
    /// The claims carrying a tag, by id.
    fn claims_tagged(&mut self, tag_id: i64) -> StoreResult<Vec<i64>>;
    /// Give a tag another name (one no other tag has; the caller checks).
    fn rename_tag(&mut self, tag_id: i64, name: &str) -> StoreResult<()>;
    /// Tag every claim carrying `from` with `into` instead, and remove `from`.
    fn merge_tag(&mut self, from: i64, into: i64) -> StoreResult<()>;

    /// The best `limit` matches among the newest [`SEARCH_RANKED`], with their matching passage.
    fn search(&mut self, query: &SearchQuery, limit: u64) -> StoreResult<SearchFound>;
    /// Every selected claim with a verdict, in id order.
    fn for_each_review(&mut self, filter: &ClaimFilter, each: Each<ReviewRow>) -> anyhow::Result<()>;
    /// Sources holding their text (all, or one), each with the direct quotations citing it.
    fn quotes_with_source_text(&mut self, source_id: Option<i64>) -> StoreResult<Vec<(String, Vec<QuoteCheck>)>>;

    /// About to insert `expected_rows` claims in this transaction: the backend may set indexes
    /// aside and so on. [`Claims::finish_bulk`] puts everything back before commit.
    fn begin_bulk(&mut self, expected_rows: u64) -> StoreResult<()>;
    fn finish_bulk(&mut self) -> StoreResult<()>;
}

pub trait Actors {
    /// The actor with this name or alias, matched case-insensitively: (id, name).
    fn actor_named(&mut self, name: &str) -> StoreResult<Option<(i64, String)>>;
    /// [`Actors::actor_named`] for each name, in one go (imports meet thousands of names).
    fn actors_named(&mut self, names: &[&str]) -> StoreResult<Vec<Option<(i64, String)>>>;
    fn actor(&mut self, id: i64) -> StoreResult<Option<Actor>>;
    fn actor_id_by_uid(&mut self, uid: &str) -> StoreResult<Option<i64>>;
    /// Who uses `name` as a name or alias, other than actor `except`.
    fn name_owner(&mut self, name: &str, except: Option<i64>) -> StoreResult<Option<NameOwner>>;
    /// An actor whose name or alias folds to the same letters as `name` (see `names::fold_key`).
    fn similar_actor(&mut self, name: &str, except: Option<i64>) -> StoreResult<Option<String>>;
    /// [`Actors::similar_actor`] (excepting none) for each name, in one go.
    fn similar_actors(&mut self, names: &[&str]) -> StoreResult<Vec<Option<String>>>;
    /// Every actor's name and alias, each with the name of the actor it belongs to.
    fn actor_names(&mut self) -> StoreResult<Vec<(String, String)>>;
    fn list_actors(&mut self) -> StoreResult<Vec<Actor>>;
    /// Every actor (or those the filter's claims need, with the actors they belong to), by uid.
    fn for_each_actor(&mut self, filter: Option<&ClaimFilter>, each: Each<Actor>) -> anyhow::Result<()>;
    fn insert_actor(&mut self, row: &ActorRow) -> StoreResult<i64>;
    /// Insert actors in the order given; their ids, in the same order.
    fn insert_actors(&mut self, rows: &[ActorRow]) -> StoreResult<Vec<i64>>;
    fn update_actor(&mut self, id: i64, row: &ActorRow) -> StoreResult<()>;
    fn delete_actor(&mut self, id: i64) -> StoreResult<()>;
    /// Give an actor another name; an alias another actor has is refused by the caller first.
    fn add_alias(&mut self, id: i64, alias: &str) -> StoreResult<()>;
    fn remove_alias(&mut self, id: i64, alias: &str) -> StoreResult<bool>;
    /// Move claims, affiliates and aliases from one actor to another; returns claims moved.
    fn move_actor_rows(&mut self, from: i64, into: i64) -> StoreResult<usize>;
}

pub trait Sources {
    fn source_by_key(&mut self, key: &str) -> StoreResult<Option<Source>>;
    fn source_by_url(&mut self, url: &str) -> StoreResult<Option<Source>>;
    fn source_by_uid(&mut self, uid: &str) -> StoreResult<Option<Source>>;
    /// The ids of the sources with these keys, in one go (those that are here).
    fn source_ids_by_key(&mut self, keys: &[&str]) -> StoreResult<Vec<Option<i64>>>;
    /// The ids of the first sources with these URLs, in one go (those that are here).
    fn source_ids_by_url(&mut self, urls: &[&str]) -> StoreResult<Vec<Option<i64>>>;
    fn list_sources(&mut self) -> StoreResult<Vec<Source>>;
    /// Every source (or those the filter's claims cite), by uid.
    fn for_each_source(&mut self, filter: Option<&ClaimFilter>, each: Each<Source>) -> anyhow::Result<()>;
    fn insert_source(&mut self, source: &Source) -> StoreResult<i64>;
    /// Insert sources in the order given; their ids, in the same order.
    fn insert_sources(&mut self, sources: &[Source]) -> StoreResult<Vec<i64>>;
    fn update_source(&mut self, id: i64, source: &Source) -> StoreResult<()>;
    fn delete_source(&mut self, id: i64) -> StoreResult<()>;
}

pub trait Relations {
    /// Store a relation as given (the caller puts symmetric kinds lower id first); false when
    /// it was already there.
    fn insert_relation(&mut self, edge: Edge, note: Option<&str>, created_at: &str) -> StoreResult<bool>;
    /// Remove a relation; its note, or None when there was no such relation.
    fn delete_relation(&mut self, edge: Edge) -> StoreResult<Option<Option<String>>>;
    /// A relation's note; None when there is no such relation.
    fn relation_note(&mut self, edge: Edge) -> StoreResult<Option<Option<String>>>;
    fn set_relation_note(&mut self, edge: Edge, note: Option<&str>) -> StoreResult<()>;
    /// Every relation touching a claim, with both ends' uids.
    fn relations_of(&mut self, id: i64) -> StoreResult<Vec<RelationRecord>>;
    /// Every relation (or those between the filter's claims), symmetric kinds lower uid first,
    /// ordered by uids.
    fn for_each_relation(&mut self, filter: Option<&ClaimFilter>, each: Each<RelationRecord>) -> anyhow::Result<()>;
    fn edges(&mut self, scope: EdgeScope) -> StoreResult<Vec<Edge>>;
    /// Claims the filter selects that have a contradicts, supports or same-as relation.
    fn linked_claims(&mut self, filter: &ClaimFilter) -> StoreResult<Vec<i64>>;
    fn dispute_claims(&mut self, ids: &[i64]) -> StoreResult<Vec<DisputeClaim>>;
}

pub trait History {
    /// Who this connection's changes are recorded as made by.
    fn user(&self) -> String;
    /// Record changes, as made now by this connection's user.
    fn record(&mut self, changes: &[Change]) -> StoreResult<()>;
    /// Record an import as one entry that names the claims it added, by runs of ids.
    fn record_import(&mut self, change: &Change, runs: &[ImportRun]) -> StoreResult<()>;
    /// Newest first: everything, or what touched one claim (its own changes and its relations').
    fn history(&mut self, claim: Option<i64>, limit: u64) -> StoreResult<Vec<HistoryEntry>>;
    /// The snapshot taken when this claim was last deleted.
    fn deleted_snapshot(&mut self, id: i64) -> StoreResult<Option<String>>;
}

/// Settings kept in the database, so that they travel with the story (`claimtrack config`).
pub trait Settings {
    fn setting(&mut self, name: &str) -> StoreResult<Option<String>>;
    /// Every setting, by name.
    fn settings(&mut self) -> StoreResult<Vec<(String, String)>>;
    fn set_setting(&mut self, name: &str, value: &str) -> StoreResult<()>;
    /// False when it was not set.
    fn unset_setting(&mut self, name: &str) -> StoreResult<bool>;
}

/// Run `work` in a read transaction: one snapshot, however many statements.
pub fn read<T>(storage: &mut dyn Storage, work: impl FnOnce(&mut dyn Txn) -> anyhow::Result<T>) -> anyhow::Result<T> {
    let mut txn = storage.begin(Access::Read)?;
    work(txn.as_mut())
}

/// Run `work` in a write transaction and commit it: all of it is written, or none. A
/// serialization conflict runs it again (it must be safe to repeat).
pub fn write<T>(
    storage: &mut dyn Storage,
    mut work: impl FnMut(&mut dyn Txn) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    const ATTEMPTS: usize = 5;
    for attempt in 1.. {
        let mut txn = storage.begin(Access::Write)?;
        let outcome = work(txn.as_mut()).and_then(|out| Ok((out, txn.commit()?)));
        match outcome {
            Ok((out, ())) => return Ok(out),
            Err(err) if attempt < ATTEMPTS && is_retryable(&err) => continue,
            Err(err) => return Err(err),
        }
    }
    unreachable!("the loop returns")
}

/// Run `work` in a write transaction, committing only when it says so: for imports that check
/// everything before deciding, and for dry runs. Not repeated: `work` may consume a stream.
pub fn write_if<T>(
    storage: &mut dyn Storage,
    work: impl FnOnce(&mut dyn Txn) -> anyhow::Result<(T, bool)>,
) -> anyhow::Result<T> {
    let mut txn = storage.begin(Access::Write)?;
    let (out, keep) = work(txn.as_mut())?;
    if keep {
        txn.commit()?;
    }
    Ok(out)
}

fn is_retryable(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| cause.downcast_ref::<StoreError>().is_some_and(StoreError::is_retryable))
}
