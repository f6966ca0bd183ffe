//! How errors read: the one place where the store's and the policy's typed errors become
//! sentences that say what was wrong and what to do about it.

use crate::model::RuleError;
use crate::ops::OpsError;
use crate::store::location::LocationError;
use crate::store::{StoreError, Thing};

/// A command that ran but could not do all of its work (`check` that could not look at part of
/// the database): not a fault in the data, and its own exit code.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Incomplete(pub String);

/// A check that ran to the end and found what must be fixed (lint's error-level findings): exit 1,
/// with the command's own summary in place of an error line.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CheckFailed(pub String);

/// A mistake in how a command was called that clap cannot see (a global option that means
/// nothing to this command): exit 2, like clap's own usage errors.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// The error as one line: its context, outermost first, then the cause in claimtrack's words.
pub fn message(err: &anyhow::Error) -> String {
    let mut parts = Vec::new();
    for cause in err.chain() {
        if let Some(e) = cause.downcast_ref::<StoreError>() {
            parts.push(store_error(e));
            break;
        }
        if let Some(e) = cause.downcast_ref::<OpsError>() {
            parts.push(ops_error(e));
            break;
        }
        if cause.downcast_ref::<RuleError>().is_some() || cause.downcast_ref::<LocationError>().is_some() {
            parts.push(cause.to_string());
            break;
        }
        parts.push(cause.to_string());
    }
    parts.join(": ").replace('\n', " ")
}

fn thing(thing: &Thing) -> String {
    match thing {
        Thing::Claim(id) | Thing::DeletedClaim(id) => format!("claim #{id}"),
        Thing::Actor(name) => format!("actor \"{name}\""),
        Thing::Source(key) => format!("source \"{key}\""),
        Thing::Tag(tag) => format!("tag \"{tag}\""),
        Thing::ClaimTag { claim, tag } => format!("tag \"{tag}\" on claim #{claim}"),
        Thing::Alias { alias, actor } => format!("alias \"{alias}\" of actor \"{actor}\""),
        Thing::Relation { from, kind, to } => format!("relation #{from} {kind} #{to}"),
        Thing::Database(location) => format!("database {location}"),
    }
}

fn store_error(err: &StoreError) -> String {
    match err {
        StoreError::NotFound(Thing::Claim(id)) => {
            format!("no claim #{id}: see `claimtrack list` for the claims there are")
        }
        StoreError::NotFound(Thing::DeletedClaim(id)) => {
            format!("the history has no deleted claim #{id}: see `claimtrack history` for what was removed")
        }
        StoreError::NotFound(Thing::Actor(name)) => format!("unknown actor \"{name}\": see `claimtrack actor list`"),
        StoreError::NotFound(Thing::Source(key)) => format!(
            "unknown source \"{key}\": add it first with `claimtrack source add {key} --title ...` (see `claimtrack source list`)"
        ),
        StoreError::NotFound(Thing::Tag(tag)) => {
            format!("unknown tag \"{tag}\": no claim carries it (see `claimtrack list` for tags in use)")
        }
        StoreError::NotFound(Thing::ClaimTag { claim, tag }) => format!("claim #{claim} is not tagged \"{tag}\""),
        StoreError::NotFound(Thing::Alias { alias, actor }) => format!("actor \"{actor}\" has no alias \"{alias}\""),
        StoreError::NotFound(Thing::Relation { from, kind, to }) => {
            format!("there is no relation #{from} {kind} #{to}: see `claimtrack show {from}` for its relations")
        }
        StoreError::NotFound(Thing::Database(location)) => format!(
            "no claims database at {location}: create one with `claimtrack init` (or point --db or CLAIMTRACK_DB at yours)"
        ),
        StoreError::AlreadyExists(Thing::Source(key)) => {
            format!("source \"{key}\" already exists; change it with `claimtrack source edit {key}`")
        }
        StoreError::AlreadyExists(Thing::Alias { alias, actor }) => {
            format!("\"{alias}\" is already an alias of actor \"{actor}\"")
        }
        StoreError::AlreadyExists(other) => format!("{} already exists", thing(other)),
        StoreError::InUse { thing: Thing::Actor(name), claims } => format!(
            "actor \"{name}\" made {}; merge it into another actor (`claimtrack actor merge`) or remove the claims first",
            count(*claims, "claim")
        ),
        StoreError::InUse { thing: Thing::Source(key), claims } => format!(
            "source \"{key}\" is cited by {}; move them to another source (`claimtrack edit ID --source KEY`) or remove them first",
            count(*claims, "claim")
        ),
        StoreError::InUse { thing: other, claims } => {
            format!("{} is used by {}", thing(other), count(*claims, "claim"))
        }
        StoreError::Busy { seconds } => {
            format!("the database stayed locked by another writer for {seconds} s; try again when it is done")
        }
        StoreError::Conflict => "another change collided with this one; run the command again".into(),
        StoreError::ReadOnly => {
            "the database cannot be written: the file (or its folder) is read-only, or your role may only read it"
                .into()
        }
        StoreError::CannotOpen { location, reason } => format!("cannot open {location}: {reason}"),
        StoreError::Newer { found, known } => format!(
            "the database was written by a newer claimtrack (schema version {found}; this one knows up to {known}): upgrade claimtrack to open it"
        ),
        StoreError::Foreign => "it is a database but not a claimtrack one; use a new file for --db".into(),
        StoreError::NotADatabase => "it is not a SQLite database (is --db pointing at the right file?)".into(),
        StoreError::Damaged(detail) => {
            format!(
                "the database is damaged ({detail}); run `claimtrack check`, and restore a backup if it finds problems"
            )
        }
        StoreError::DiskFull => "the disk is full: nothing was written; free some space and try again".into(),
        StoreError::Unsupported { engine, ability, instead } => {
            format!("{ability} is not available on {engine}: {instead}")
        }
        StoreError::Invalid(detail) => format!("the database refused a value: {detail}"),
        StoreError::Backend(detail) => format!("the database reported an error: {detail}"),
    }
}

fn ops_error(err: &OpsError) -> String {
    match err {
        OpsError::UnknownActor { name, similar: Some(similar) } => {
            format!("unknown actor \"{name}\"; did you mean \"{similar}\"?")
        }
        OpsError::UnknownActor { name, similar: None } => {
            format!("unknown actor \"{name}\": see `claimtrack actor list`")
        }
        OpsError::SameActor { from, into } => format!("\"{from}\" and \"{into}\" are the same actor"),
        OpsError::SelfAffiliation(name) => format!("actor \"{name}\" cannot be affiliated with itself"),
        OpsError::SelfLink { id, kind } => {
            format!("a claim cannot be linked to itself (#{id} {kind} #{id}): give two different claim ids")
        }
        OpsError::NotDeleted(id) => format!("claim #{id} is not deleted; nothing to restore"),
        OpsError::AlreadyRestored { id, now } => {
            format!("claim #{id} came back already, as #{now} (same uid); nothing to restore")
        }
        OpsError::Conflict { what, uid, detail } => format!(
            "{what} {uid} differs from the one already in the database ({detail}); nothing was imported (use --on-conflict skip or update)"
        ),
        OpsError::KeyTaken { from, to } => {
            format!("cannot rename source \"{from}\" to \"{to}\": that key is taken")
        }
        OpsError::Twice(uid) => format!("claim {uid} appears twice"),
        OpsError::Dangling { what, uid } => {
            format!("the document refers to {what} {uid}, which is neither in it nor in the database")
        }
        OpsError::Missing(id) => format!(
            "the database refers to claim #{id}, which is not there (another tool broke its links); run `claimtrack check`"
        ),
    }
}

/// "1 claim", "3 claims": counts that read as English.
pub fn count(n: i64, noun: &str) -> String {
    format!("{n} {}", plural(n, noun))
}

/// The noun for `n` of them: "claim", "claims"; "web address", "web addresses".
pub fn plural(n: i64, noun: &str) -> String {
    if n == 1 {
        noun.to_string()
    } else if noun.ends_with(['s', 'x']) || noun.ends_with("ch") || noun.ends_with("sh") {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn counts_read_as_english() {
        assert_eq!(count(1, "claim"), "1 claim");
        assert_eq!(count(0, "claim"), "0 claims");
        assert_eq!(count(2, "web address"), "2 web addresses");
        assert_eq!(count(3, "match"), "3 matches");
    }
}
