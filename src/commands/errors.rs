//! How errors read: the one place where the store's and the policy's typed errors become
//! sentences that say what was wrong and what to do about it.

use std::io;

use crate::model::RuleError;
use crate::ops::OpsError;
use crate::store::location::LocationError;
use crate::store::{OpenFailure, StoreError, Thing};

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
        // I/O errors, bare or as the CSV and JSON writers pass them on.
        let io = match (cause.downcast_ref::<io::Error>(), cause.downcast_ref::<csv::Error>()) {
            (Some(e), _) => Some((e.kind(), e.to_string())),
            (None, Some(e)) => match e.kind() {
                csv::ErrorKind::Io(e) => Some((e.kind(), e.to_string())),
                _ => None,
            },
            (None, None) => {
                cause.downcast_ref::<serde_json::Error>().and_then(|e| Some((e.io_error_kind()?, e.to_string())))
            }
        };
        if let Some((kind, words)) = io {
            parts.push(io_words(kind, &words));
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
            format!("unknown tag \"{tag}\": no claim carries it (see `claimtrack tag list` for the tags in use)")
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
            "the database cannot be written: the file (or its folder) is read-only, or the server only reads (a standby)"
                .into()
        }
        StoreError::ReadOnlyRole => {
            "your role may only read this database: ask its owner for a writer role to change it".into()
        }
        StoreError::CannotOpen { location, why } => format!("cannot open {location}: {}", open_failure(why)),
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
        StoreError::Io(detail) => format!(
            "the disk failed to read or write ({detail}): check the disk and its free space and try again; nothing was written"
        ),
        StoreError::BadQuery { query, detail } => format!(
            "the search {query:?} is not valid FTS5 syntax ({detail}): fix it, or leave out --raw to search for the words as written"
        ),
        StoreError::Unsupported { engine, ability, instead } => {
            format!("{ability} is not available on {engine}: {instead}")
        }
        StoreError::Invalid(detail) => format!(
            "the database refused a value ({detail}); nothing was written: this is a fault in claimtrack, please report it with the command you ran"
        ),
        StoreError::Backend(detail) => format!(
            "the database failed in a way claimtrack does not recognise ({detail}); nothing was written: run `claimtrack check`, and if it finds nothing, please report this with the command you ran"
        ),
    }
}

fn open_failure(why: &OpenFailure) -> String {
    match why {
        OpenFailure::Folder => "it is a folder, not a database file: give the path of a file".into(),
        OpenFailure::SpecialFile => "it is a device or other special file, not a database file".into(),
        OpenFailure::NoFolder(folder) => format!("folder {folder} does not exist: create it first, or choose another"),
        OpenFailure::PermissionDenied => "permission denied: choose a file you may read and write".into(),
        OpenFailure::Unreachable => "check the path and its permissions".into(),
        OpenFailure::NotUtf8 => "SQLite needs a path in UTF-8: choose another name".into(),
        OpenFailure::Create(e) => format!("cannot create it: {}", io_error(e)),
        OpenFailure::Server(reason) => reason.clone(),
    }
}

/// An I/O error in words that say what to do.
pub fn io_error(err: &io::Error) -> String {
    io_words(err.kind(), &err.to_string())
}

/// What an I/O error of this kind means for the user; the system's own `words` for the rest.
fn io_words(kind: io::ErrorKind, words: &str) -> String {
    match kind {
        io::ErrorKind::StorageFull => "the disk is full: free some space and try again".into(),
        io::ErrorKind::QuotaExceeded => "your disk quota is used up: free some space and try again".into(),
        io::ErrorKind::FileTooLarge => {
            "the file grew past the largest size this system allows (see `ulimit -f`)".into()
        }
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only: choose a place you can write to".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => words.to_string(),
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
        OpsError::UnknownSource { key, similar: Some(similar) } => format!(
            "unknown source \"{key}\"; did you mean \"{similar}\"? (see `claimtrack source list`, or add it with `claimtrack source add {} --title ...`)",
            super::shell_quote(key)
        ),
        OpsError::UnknownSource { key, similar: None } => {
            store_error(&StoreError::NotFound(Thing::Source(key.clone())))
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
        OpsError::TagTaken { from, to } => format!(
            "tag \"{to}\" exists already: to put its claims and those of \"{from}\" under one tag, run `claimtrack tag merge \"{from}\" \"{to}\"`"
        ),
        OpsError::SameTag(tag) => format!("\"{tag}\" is the same tag: give two different tags"),
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
/// The warning for a new actor or tag that looks like one in use (`what` is "actor" or "tag"),
/// naming the command that merges the two.
pub fn look_alike(what: &str, new: &str, existing: &str) -> String {
    format!(
        "warning: new {what} \"{new}\" looks like existing {what} \"{existing}\"; if they are the same, run `claimtrack {what} merge {} {}`",
        super::shell_quote(new),
        super::shell_quote(existing)
    )
}

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
