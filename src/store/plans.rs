//! Query plans: every statement behind the interactive commands and the list filters must
//! reach claims through an index (or rowid), not by reading the whole table.

use std::sync::{Arc, Mutex};

use rusqlite::trace::{TraceEvent, TraceEventCodes};

use super::{Document, FilterNames, NewClaim, OnConflict, Store};
use crate::model::{Mode, Verdict};

/// Run `work` and return the statements it executed, with their parameters filled in.
fn traced(store: &mut Store, work: impl FnOnce(&mut Store)) -> Vec<String> {
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

/// Plan lines that read all of claims (as `c` or by name), for statements that are not the
/// plain first-page listing (which walks claims in id order and stops at its LIMIT).
fn full_scans(store: &Store, statements: &[String]) -> Vec<String> {
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
            let scans_claims = line.starts_with("SCAN c") && !line.starts_with("SCAN ct")
                || line.starts_with("SCAN claims") && !line.starts_with("SCAN claims_fts");
            if scans_claims && !first_page {
                found.push(format!("{line}  <=  {sql}"));
            }
        }
    }
    found
}

fn seeded() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let document: Document = serde_json::from_str(include_str!("../../samples/iraq-coalition-talks.json")).unwrap();
    store.write(|db| db.merge_document(&document, OnConflict::Fail)).unwrap();
    store
}

/// A cached statement must not be planned again on every use: SQLite would, for statements whose
/// plan could follow a bound value, once the cache resets their bindings (see `plan_once`).
#[test]
fn cached_statements_are_planned_once() {
    let store = seeded();
    for id in 1..=5 {
        store.db().claim_snapshot(id, false).unwrap();
    }
    let stmt = store.conn.prepare_cached(super::history::CLAIM_SNAPSHOT).unwrap();
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
            let db = store.db();
            let filter = db.resolve_filter(&names).unwrap();
            db.for_each_claim(&filter, |_| Ok(())).unwrap();
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
        let db = store.db();
        db.claim(5).unwrap();
        db.claim_links(5).unwrap();
        db.search("\"sovereignty\"", 20).unwrap();
        db.history(Some(1), 50).unwrap();
        db.actor("American officials").unwrap();
        let filter =
            db.resolve_filter(&FilterNames { by: Some("Iraqi officials".into()), ..Default::default() }).unwrap();
        let seeds = db.linked_claims(&filter).unwrap();
        db.dispute_edges_around(&seeds).unwrap();
        db.dispute_claims(&seeds).unwrap();
        store
            .write(|db| {
                let new = NewClaim {
                    text: "A new claim".into(),
                    actor: "U.S. officials".into(),
                    source: Some("seed-2024-01-27".into()),
                    quote: None,
                    mode: Mode::Paraphrase,
                    stated_on: Some("2024-02".into()),
                    locator: None,
                    tags: vec!["timing".into()],
                    verdict: Verdict::Unrated,
                    notes: None,
                };
                let (id, _, _) = db.add_claim(new)?;
                db.link(id, crate::model::RelationKind::Supports, 1, None)?;
                db.remove_claim(id)?;
                Ok(())
            })
            .unwrap();
    });
    let scans = full_scans(&store, &statements);
    assert!(scans.is_empty(), "{}", scans.join("\n"));
}
