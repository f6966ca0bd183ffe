//! Query plans: every statement behind the interactive commands and the list filters must
//! reach claims through an index (or rowid), not by reading the whole table.

use std::sync::{Arc, Mutex};

use rusqlite::trace::{TraceEvent, TraceEventCodes};

use super::SqliteStorage;
use crate::interchange::Document;
use crate::model::{ClaimFields, Mode, NewClaim, RelationKind, Verdict};
use crate::ops::filter::{FilterNames, resolve};
use crate::ops::merge::{OnConflict, merge_document};
use crate::ops::{actors, claims, disputes, relations};
use crate::store::{self, Order, SearchQuery, Storage};

/// Run `work` and return the statements it executed, with their parameters filled in.
fn traced(store: &mut SqliteStorage, work: impl FnOnce(&mut SqliteStorage)) -> Vec<String> {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    store
        .conn
        .trace_v2(
            TraceEventCodes::SQLITE_TRACE_STMT,
            Some(move |event: TraceEvent<'_>| {
                if let TraceEvent::Stmt(statement, text) = event {
                    // Trigger programs report themselves as comments; their statements are plain inserts.
                    if !text.starts_with("--") {
                        let sql = statement.expanded_sql().unwrap_or_else(|| text.to_string());
                        sink.lock().unwrap().push(sql);
                    }
                }
            }),
        )
        .unwrap();
    work(store);
    store.conn.trace_v2(TraceEventCodes::empty(), None::<fn(TraceEvent<'_>)>).unwrap();
    seen.lock().unwrap().clone()
}

/// Plan lines that read all of claims (as `c` or by name) or all of history, for statements
/// that are not a plain first page (claims or history walked in id order, stopping at a LIMIT).
fn full_scans(store: &SqliteStorage, statements: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for sql in statements {
        let trimmed = sql.trim_start().to_uppercase();
        if trimmed.starts_with("PRAGMA") || trimmed.starts_with("BEGIN") || trimmed.starts_with("COMMIT") {
            continue;
        }
        let first_page = sql.contains("WHERE 1 = 1 ORDER BY c.id LIMIT");
        let mut stmt = store.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let lines: Vec<String> = stmt.query_map([], |r| r.get::<_, String>(3)).unwrap().map(Result::unwrap).collect();
        for line in lines {
            // A full-text table is read through its own index (MATCH): not a scan of the claims.
            let full_text = line.contains("VIRTUAL TABLE INDEX");
            let scans_claims = !full_text && line.starts_with("SCAN c") && !line.starts_with("SCAN ct");
            let scans_history = line.starts_with("SCAN history") || line.starts_with("SCAN h ");
            if scans_claims && !first_page || scans_history && !sql.contains("FROM history ORDER BY id DESC LIMIT") {
                found.push(format!("{line}  <=  {sql}"));
            }
        }
    }
    found
}

fn seeded() -> SqliteStorage {
    let mut store = SqliteStorage::open_in_memory().unwrap();
    let document: Document = serde_json::from_str(include_str!("../../../samples/iraq-coalition-talks.json")).unwrap();
    store::write(&mut store, |txn| merge_document(txn, &document, OnConflict::Fail, "seed")).unwrap();
    store
}

/// A cached statement must not be planned again on every use: SQLite would, for statements whose
/// plan could follow a bound value, once the cache resets their bindings (see `plan_once`).
#[test]
fn cached_statements_are_planned_once() {
    let mut store = seeded();
    store::read(&mut store, |txn| {
        for id in 1..=5 {
            txn.claim(id)?;
        }
        Ok(())
    })
    .unwrap();
    let stmt = store.conn.prepare_cached(super::claims::CLAIM_BY_ID).unwrap();
    assert_eq!(stmt.get_status(rusqlite::StatementStatus::RePrepare), 0);
}

#[test]
fn listing_filters_use_indexes() {
    let mut store = seeded();
    let filters = [
        FilterNames { limit: Some(20), ..Default::default() },
        FilterNames { by: Some("U.S. officials".into()), limit: Some(20), ..Default::default() },
        FilterNames { source: Some("seed-2024-01-27".into()), ..Default::default() },
        FilterNames { tags: vec!["timing".into()], ..Default::default() },
        FilterNames { mode: Some(Mode::Direct), ..Default::default() },
        FilterNames { verdict: Some(Verdict::False), ..Default::default() },
        FilterNames { since: Some("2024-01".into()), ..Default::default() },
        FilterNames { until: Some("2023".into()), ..Default::default() },
        FilterNames { contested: true, ..Default::default() },
        FilterNames { by: Some("Iraqi officials".into()), tags: vec!["sovereignty".into()], ..Default::default() },
    ];
    for names in filters {
        let statements = traced(&mut store, |store| {
            store::read(store, |txn| {
                let filter = resolve(txn, &names)?;
                txn.for_each_claim(&filter, Order::Id, &mut |_| Ok(()))
            })
            .unwrap();
        });
        assert!(!statements.is_empty());
        let scans = full_scans(&store, &statements);
        assert!(scans.is_empty(), "{names:?}:\n{}", scans.join("\n"));
    }
}

#[test]
fn interactive_commands_use_indexes() {
    let mut store = seeded();
    let statements = traced(&mut store, |store| {
        store::read(store, |txn| {
            txn.claim(5)?;
            txn.claim_links(5)?;
            txn.search(&SearchQuery::Raw("sovereignty".into()), 20)?;
            txn.history(Some(1), 50)?;
            txn.history(None, 50)?;
            actors::actor(txn, "American officials")?;
            let filter = resolve(txn, &FilterNames { by: Some("Iraqi officials".into()), ..Default::default() })?;
            disputes::Disputes::load(txn, &filter)?;
            Ok(())
        })
        .unwrap();
        store::write(store, |txn| {
            let new = NewClaim {
                fields: ClaimFields {
                    text: "A new claim".into(),
                    stated_on: Some("2024-02".into()),
                    ..ClaimFields::default()
                },
                actor: "U.S. officials".into(),
                source: Some("seed-2024-01-27".into()),
                tags: vec!["timing".into()],
            };
            let added = claims::add_claim(txn, new)?;
            relations::link(txn, added.id, RelationKind::Supports, 1, None)?;
            claims::remove_claim(txn, added.id)?;
            claims::restore_claim(txn, added.id)?;
            Ok(())
        })
        .unwrap();
    });
    let scans = full_scans(&store, &statements);
    assert!(scans.is_empty(), "{}", scans.join("\n"));
}

/// Claim ids are given once: a deleted claim's id goes to no one else, and comes back with it.
#[test]
fn ids_are_never_given_twice() {
    let mut store = seeded();
    let add = |store: &mut SqliteStorage, text: &str| {
        let new = NewClaim {
            fields: ClaimFields { text: text.into(), ..ClaimFields::default() },
            actor: "U.S. officials".into(),
            ..NewClaim::default()
        };
        store::write(store, |txn| claims::add_claim(txn, new.clone())).unwrap().id
    };
    let last = add(&mut store, "a");
    store::write(&mut store, |txn| claims::remove_claim(txn, last)).unwrap();
    let next = add(&mut store, "b");
    assert_eq!(next, last + 1);
    let restored = store::write(&mut store, |txn| claims::restore_claim(txn, last)).unwrap();
    assert_eq!(restored.id, last);
    let _ = store.location();
}
