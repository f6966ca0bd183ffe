//! Refusals that follow from the rules of the data rather than from the database. The commands
//! decide how to say them (commands/errors.rs).

use crate::model::RelationKind;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpsError {
    /// No actor has this name or alias; `similar` looks like it.
    #[error("unknown actor {name:?}")]
    UnknownActor { name: String, similar: Option<String> },
    /// No source has this key; `similar` is the closest key there is.
    #[error("unknown source {key:?}")]
    UnknownSource { key: String, similar: Option<String> },
    #[error("{from:?} and {into:?} are the same actor")]
    SameActor { from: String, into: String },
    #[error("actor {0:?} cannot be affiliated with itself")]
    SelfAffiliation(String),
    #[error("claim #{id} cannot be linked to itself")]
    SelfLink { id: i64, kind: RelationKind },
    #[error("claim #{0} is not deleted")]
    NotDeleted(i64),
    /// A deleted claim that came back already, under another id.
    #[error("claim #{id} came back already as #{now}")]
    AlreadyRestored { id: i64, now: i64 },
    /// An incoming row differs from the stored one and the policy says to stop.
    #[error("{what} {uid} differs from the one already here ({detail})")]
    Conflict { what: &'static str, uid: String, detail: String },
    /// A source renamed to a key another source has.
    #[error("source {from:?} cannot take key {to:?}")]
    KeyTaken { from: String, to: String },
    /// A tag renamed to a name another tag has.
    #[error("tag {from:?} cannot be renamed {to:?}: that tag exists")]
    TagTaken { from: String, to: String },
    #[error("{0:?} is the same tag")]
    SameTag(String),
    #[error("claim {0} appears twice")]
    Twice(String),
    /// A document names a row that is neither in it nor in the database.
    #[error("the document refers to {what} {uid}, which is neither in it nor in the database")]
    Dangling { what: &'static str, uid: String },
    /// The database holds a row whose partner is gone (broken by another tool).
    #[error("claim #{0} is referred to but missing")]
    Missing(i64),
}
