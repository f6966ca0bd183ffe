//! `history` and `restore`: what changed, and bringing a deleted claim back.

use anyhow::Result;
use serde_json::Value;

use super::Ctx;
use super::errors::count;
use crate::model::{Entity, HistoryEntry};
use crate::ops::claims as ops;
use crate::render::{Cell, Format, RowWriter, shorten};
use crate::store;

/// What an entry is about, in a few words: "claim #3", "#3 contradicts #7", "actor PMF".
pub fn subject(entry: &HistoryEntry) -> String {
    let state = entry.after.as_ref().or(entry.before.as_ref());
    let field = |name: &str| state.and_then(|s| s[name].as_str()).unwrap_or("").to_string();
    match entry.entity {
        Entity::Relation => format!(
            "#{} {} #{}",
            entry.entity_id.unwrap_or_default(),
            field("kind"),
            entry.other_id.unwrap_or_default()
        ),
        Entity::Actor => format!("actor \"{}\"", field("name")),
        Entity::Source => format!("source {}", field("key")),
        Entity::Claim => match (entry.entity_id, state.and_then(|s| s["claims"].as_i64())) {
            // An import's one entry for all the claims it added.
            (None, Some(claims)) => count(claims, "claim"),
            (id, _) => format!("claim #{}", id.unwrap_or_default()),
        },
    }
}

/// What the change did, in a line: the fields an edit changed, where an import came from, or
/// the claim's text.
pub fn change(entry: &HistoryEntry) -> String {
    match (&entry.before, &entry.after) {
        (Some(Value::Object(before)), Some(Value::Object(after))) => {
            let changed: Vec<String> = after
                .iter()
                // When and by whom follow from the entry itself.
                .filter(|(key, _)| !matches!(key.as_str(), "updated_at" | "verdict_at" | "verdict_by"))
                .filter(|(key, value)| before.get(key.as_str()) != Some(value))
                .map(|(key, value)| match (key.as_str(), before.get(key.as_str())) {
                    ("actor", Some(Value::String(old))) => format!("actor: {old} -> {}", value.as_str().unwrap_or("")),
                    _ => key.clone(),
                })
                .collect();
            if changed.is_empty() { "no change".into() } else { changed.join(", ") }
        }
        (_, Some(after)) if after.get("file").is_some() => {
            let file = after["file"].as_str().unwrap_or("?");
            match after.get("line") {
                Some(line) => format!("from {file} line {line}"),
                None => format!("from {file}"),
            }
        }
        (before, after) => {
            let state = after.as_ref().or(before.as_ref());
            let text = state.and_then(|s| s["text"].as_str().or_else(|| s["note"].as_str()));
            text.map(|t| shorten(t, 70)).unwrap_or_default()
        }
    }
}

pub fn show(ctx: &mut Ctx, claim: Option<i64>, limit: u64) -> Result<()> {
    let mut storage = ctx.open_existing()?;
    let entries = store::read(storage.as_mut(), |txn| {
        let entries = txn.history(claim, limit)?;
        // A deleted claim has a history too, so only a claim that never existed is an error.
        if let Some(id) = claim
            && entries.is_empty()
        {
            ops::check_claim(txn, id)?;
        }
        Ok(entries)
    })?;
    let format = ctx.format();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *ctx.out, &entries)?;
            writeln!(ctx.out)?;
            return Ok(());
        }
        Format::Jsonl => {
            for entry in &entries {
                serde_json::to_writer(&mut *ctx.out, entry)?;
                writeln!(ctx.out)?;
            }
            return Ok(());
        }
        _ => {}
    }
    let mut writer = RowWriter::new(format, &["id", "at", "user", "action", "what", "change"], ctx.out, false)?;
    for e in &entries {
        let (what, changed) = (subject(e), change(e));
        writer.row(&[
            Cell::Int(e.id),
            (&e.at).into(),
            (&e.user).into(),
            Cell::Text(e.action.as_str()),
            Cell::Text(&what),
            Cell::Text(&changed),
        ])?;
    }
    writer.finish()?;
    if entries.is_empty() {
        eprintln!("no history yet");
    }
    Ok(())
}

pub fn restore(ctx: &mut Ctx, id: i64) -> Result<()> {
    let mut storage = ctx.open_existing()?;
    let restored = store::write(storage.as_mut(), |txn| ops::restore_claim(txn, id))?;
    if restored.id == id {
        eprintln!("restored claim #{id} with {}", count(restored.relations as i64, "relation"));
    } else {
        eprintln!(
            "restored claim #{id} as #{} (its old id was given to another claim by an older claimtrack) with {}",
            restored.id,
            count(restored.relations as i64, "relation")
        );
    }
    if restored.relations_lost > 0 {
        eprintln!(
            "note: {} not back yet: the claims at their other end are deleted too; restoring those brings them back",
            count(restored.relations_lost as i64, "relation")
        );
    }
    if restored.actor_recreated {
        eprintln!("note: its actor had been removed and was created again");
    }
    if let Some(key) = restored.source_lost {
        eprintln!("note: its source \"{key}\" is gone; the claim has no source now");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry(entity: Entity, before: Option<Value>, after: Option<Value>) -> HistoryEntry {
        HistoryEntry {
            id: 1,
            at: "2026-01-01T00:00:00Z".into(),
            user: "ana".into(),
            action: crate::model::Action::Edit,
            entity,
            entity_id: Some(3),
            other_id: Some(7),
            entity_uid: None,
            before,
            after,
        }
    }

    #[test]
    fn edits_name_the_fields_they_changed() {
        let e = entry(
            Entity::Claim,
            Some(json!({"text": "a", "tags": ["x"], "actor": "US officials", "updated_at": "1"})),
            Some(json!({"text": "b", "tags": ["x"], "actor": "U.S. officials", "updated_at": "2"})),
        );
        assert_eq!(subject(&e), "claim #3");
        // In the order of the record, as the snapshot lists its fields.
        assert_eq!(change(&e), "text, actor: US officials -> U.S. officials");
    }

    #[test]
    fn imports_deletes_and_relations_read_plainly() {
        let import = entry(Entity::Claim, None, Some(json!({"file": "claims.csv", "line": 14})));
        assert_eq!(change(&import), "from claims.csv line 14");
        let whole = HistoryEntry {
            entity_id: None,
            ..entry(Entity::Claim, None, Some(json!({"file": "a.csv", "claims": 1200})))
        };
        assert_eq!((subject(&whole), change(&whole)), ("1200 claims".to_string(), "from a.csv".to_string()));
        let delete = entry(Entity::Claim, Some(json!({"text": "The timing is unrelated"})), None);
        assert_eq!(change(&delete), "The timing is unrelated");
        let link = entry(Entity::Relation, None, Some(json!({"kind": "contradicts", "note": "vow"})));
        assert_eq!(subject(&link), "#3 contradicts #7");
        assert_eq!(change(&link), "vow");
    }
}
