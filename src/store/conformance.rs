//! The storage conformance suite: the same store-level cases on every backend. SQLite runs in
//! memory; PostgreSQL runs when CLAIMTRACK_TEST_POSTGRES names a server (each case in a schema of
//! its own, dropped at the end). A new primitive gets its case here, and so both backends' tests.

use super::postgres::PgStorage;
use super::sqlite::SqliteStorage;
use super::{Create, EdgeScope, Order, SearchQuery, Storage, StoreError, read, write};
use crate::model::{ActorRow, Change, ClaimFields, ClaimFilter, ClaimRow, Edge, Mode, RelationKind, Source, Verdict};

/// A PostgreSQL story for one case, taken away afterwards.
struct Scratch {
    storage: PgStorage,
    url: String,
    schema: String,
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Ok(mut client) = ::postgres::Client::connect(&self.url, ::postgres::NoTls) {
            // The name travels as a setting and the server quotes it (%I): no statement is assembled.
            let _ = client.execute("SELECT set_config('claimtrack.old_schema', $1, false)", &[&self.schema]);
            let _ = client.batch_execute(
                "DO $$ BEGIN EXECUTE format('DROP SCHEMA IF EXISTS %I CASCADE', current_setting('claimtrack.old_schema'));
                 END $$",
            );
        }
    }
}

fn on_postgres() -> Option<Scratch> {
    let url = std::env::var("CLAIMTRACK_TEST_POSTGRES").ok().filter(|u| !u.is_empty())?;
    let schema = format!("c_{}", uuid::Uuid::now_v7().simple());
    let joiner = if url.contains('?') { '&' } else { '?' };
    let storage = PgStorage::open(&format!("{url}{joiner}schema={schema}"), Create::IfMissing).expect("a new story");
    Some(Scratch { storage, url, schema })
}

macro_rules! conformance {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(#[test]
            fn $case() {
                super::$case(&mut super::SqliteStorage::open_in_memory().unwrap());
            })*
        }
        mod postgres {
            $(#[test]
            fn $case() {
                if let Some(mut scratch) = super::on_postgres() {
                    super::$case(&mut scratch.storage);
                }
            })*
        }
    };
}

conformance!(
    claims_round_trip_with_tags_and_wanted_ids,
    same_claims_and_uids_already_here,
    search_stems_folds_accents_and_reads_arabic,
    relations_and_the_dispute_graph,
    listings_filter_limit_and_order,
    a_dropped_transaction_leaves_nothing,
    a_read_sees_one_moment,
    actors_aliases_and_history,
    tags_counted_renamed_and_merged,
    settings_set_read_and_unset,
    verdict_stamps_and_private_flags_round_trip,
    actors_and_sources_looked_up_and_made_many_at_once,
    a_bulk_load_keeps_every_reference_rule,
);

fn row(uid: &str, text: &str, actor_id: i64, wanted_id: Option<i64>) -> ClaimRow {
    ClaimRow {
        wanted_id,
        uid: uid.into(),
        fields: ClaimFields { text: text.into(), ..ClaimFields::default() },
        actor_id,
        source_id: None,
        created_at: "2024-01-27T00:00:00Z".into(),
        updated_at: "2024-01-27T00:00:00Z".into(),
        verdict_at: None,
        verdict_by: None,
    }
}

fn actor(storage: &mut dyn Storage, name: &str) -> i64 {
    let row = actor_row(name);
    write(storage, |txn| Ok(txn.insert_actor(&row)?)).unwrap()
}

fn actor_row(name: &str) -> ActorRow {
    ActorRow {
        uid: format!("actor-{name}"),
        name: name.into(),
        kind: None,
        description: None,
        public_name: None,
        affiliation: None,
        created_at: "2024-01-27T00:00:00Z".into(),
    }
}

fn claims_round_trip_with_tags_and_wanted_ids(storage: &mut dyn Storage) {
    let a = actor(storage, "U.S. officials");
    let ids = write(storage, |txn| {
        let mut first = row("u1", "The timing is unrelated", a, None);
        first.fields.quote = Some("unrelated".into());
        first.fields.mode = Mode::Direct;
        let ids = txn.insert_claims(&[first, row("u7", "Wants seven", a, Some(7)), row("u8", "Next", a, None)])?;
        txn.tag_claims(&[(1, "timing"), (1, "talks"), (7, "timing")])?;
        Ok(ids)
    })
    .unwrap();
    assert_eq!(ids, [Some(1), Some(7), Some(8)], "a free wanted id is kept and the next ids run on past it");
    let claim = read(storage, |txn| Ok(txn.claim(1)?)).unwrap().unwrap();
    assert_eq!((claim.fields.mode, claim.fields.quote.as_deref()), (Mode::Direct, Some("unrelated")));
    assert_eq!(claim.tags, ["talks", "timing"], "tags come sorted");
    assert_eq!(claim.actor, "U.S. officials");
    // A deleted claim's id is not given to another, even when asked for.
    write(storage, |txn| {
        txn.delete_claim(8)?;
        let change = Change {
            action: crate::model::Action::Delete,
            entity: crate::model::Entity::Claim,
            entity_id: Some(8),
            other_id: None,
            entity_uid: Some("u8".into()),
            before: Some("{}".into()),
            after: None,
        };
        txn.record(&[change])?;
        Ok(())
    })
    .unwrap();
    let ids = write(storage, |txn| Ok(txn.insert_claims(&[row("other", "Wants eight", a, Some(8))])?)).unwrap();
    assert_eq!(ids, [Some(9)]);
    let ids = write(storage, |txn| Ok(txn.insert_claims(&[row("u8", "Back", a, Some(8))])?)).unwrap();
    assert_eq!(ids, [Some(8)], "its own uid gets it back");
    write(storage, |txn| Ok(txn.drop_unused_tags()?)).unwrap();
    assert!(read(storage, |txn| Ok(txn.tag_id("talks")?)).unwrap().is_some());
}

fn same_claims_and_uids_already_here(storage: &mut dyn Storage) {
    let a = actor(storage, "A");
    let ids = write(storage, |txn| {
        Ok(txn.insert_claims(&[row("x", "One", a, None), row("x", "One again", a, None), row("y", "Two", a, None)])?)
    })
    .unwrap();
    // (SQLite spends an id on the repeat, PostgreSQL does not: no one relies on either.)
    assert!(matches!(ids[..], [Some(1), None, Some(_)]), "a repeated uid is left out: {ids:?}");
    let again = write(storage, |txn| Ok(txn.insert_claims(&[row("x", "One", a, None)])?)).unwrap();
    assert_eq!(again, [None]);
    let probe = [row("new", "Two", a, None), row("new2", "Three", a, None)];
    let probe: Vec<_> = probe.iter().collect();
    let found = read(storage, |txn| Ok(txn.same_claims(&probe, ids[2].unwrap())?)).unwrap();
    assert_eq!(found, [ids[2], None]);
    // Only claims up to the id given count: those of before an import, not its own.
    let before = read(storage, |txn| Ok(txn.same_claims(&probe, ids[0].unwrap())?)).unwrap();
    assert_eq!(before, [None, None]);
    assert_eq!(read(storage, |txn| Ok(txn.largest_claim_id()?)).unwrap(), ids[2].unwrap());
    let stored = read(storage, |txn| Ok(txn.claims_by_uid(&["x", "nope"])?)).unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].row.fields.text, "One");
}

fn search_stems_folds_accents_and_reads_arabic(storage: &mut dyn Storage) {
    let a = actor(storage, "A");
    write(storage, |txn| {
        txn.insert_claims(&[
            row("1", "Militia attacks forced the decision", a, None),
            row("2", "Le président a déclaré que c'est faux", a, None),
            row("3", "قالت المقاومة إن القرار دليل على القوة", a, None),
            row("4", "It is not a response", a, None),
        ])?;
        Ok(())
    })
    .unwrap();
    let found = |storage: &mut dyn Storage, words: &[&str]| {
        let query = SearchQuery::Plain(crate::commands::search::parse(&words.join(" ")));
        read(storage, |txn| Ok(txn.search(&query, 20)?)).unwrap()
    };
    let ids = |storage: &mut dyn Storage, words: &[&str]| -> Vec<i64> {
        found(storage, words).hits.iter().map(|h| h.id).collect()
    };
    assert_eq!(ids(storage, &["attack"]), [1], "English stems");
    assert_eq!(ids(storage, &["president", "declare*"]), [2], "accents folded, prefixes");
    assert_eq!(ids(storage, &["القرار"]), [3]);
    assert_eq!(ids(storage, &["not", "response"]), [4], "no stop words");
    assert_eq!(ids(storage, &["attacks", "président"]), Vec::<i64>::new(), "every word is required");
    assert_eq!(ids(storage, &["\"forced the decision\""]), [1], "a phrase");
    assert_eq!(ids(storage, &["\"decision forced\""]), Vec::<i64>::new(), "a phrase's words in order");
    let mut either = ids(storage, &["attacks", "OR", "response"]);
    either.sort();
    assert_eq!(either, [1, 4], "either word");
    assert_eq!(ids(storage, &["attacks", "OR", "response", "-militia"]), [4], "a word leaves claims out");
    assert_eq!(found(storage, &["\"forced the\""]).hits[0].snippet, "Militia attacks [forced the] decision");
    write(storage, |txn| {
        let mut edited = row("1", "Nothing of the kind", a, None);
        edited.updated_at = "2024-02-01T00:00:00Z".into();
        Ok(txn.update_claim(1, &edited)?)
    })
    .unwrap();
    assert_eq!(ids(storage, &["attack"]), Vec::<i64>::new(), "edits reach the index");
    assert_eq!(ids(storage, &["kind"]), [1]);
    assert!(storage.check().unwrap().is_empty());
}

fn relations_and_the_dispute_graph(storage: &mut dyn Storage) {
    let a = actor(storage, "A");
    write(storage, |txn| {
        txn.insert_claims(&(1..=5).map(|n| row(&format!("c{n}"), "claim", a, None)).collect::<Vec<_>>())?;
        for (from, kind, to) in
            [(1, RelationKind::Contradicts, 2), (3, RelationKind::Supports, 2), (4, RelationKind::Qualifies, 1)]
        {
            assert!(txn.insert_relation(Edge { from, kind, to }, Some("note"), "now")?);
        }
        assert!(!txn.insert_relation(Edge { from: 1, kind: RelationKind::Contradicts, to: 2 }, None, "now")?);
        Ok(())
    })
    .unwrap();
    let around = read(storage, |txn| Ok(txn.edges(EdgeScope::DisputesAround(&[3]))?)).unwrap();
    assert_eq!(around.len(), 2, "{around:?}");
    let links = read(storage, |txn| Ok(txn.claim_links(1)?)).unwrap();
    assert_eq!(links.len(), 2);
    let contested = ClaimFilter { contested: true, ..ClaimFilter::default() };
    let linked = read(storage, |txn| Ok(txn.linked_claims(&contested)?)).unwrap();
    assert_eq!(linked.len(), 2);
    let note = write(storage, |txn| Ok(txn.delete_relation(Edge { from: 4, kind: RelationKind::Qualifies, to: 1 })?));
    assert_eq!(note.unwrap(), Some(Some("note".into())));
    write(storage, |txn| Ok(txn.delete_claim(2)?)).unwrap();
    assert!(read(storage, |txn| Ok(txn.edges(EdgeScope::Disputes)?)).unwrap().is_empty(), "relations go with claims");
}

fn listings_filter_limit_and_order(storage: &mut dyn Storage) {
    let (a, b) = (actor(storage, "A"), actor(storage, "B"));
    write(storage, |txn| {
        let mut rows: Vec<ClaimRow> =
            (1..=6).map(|n| row(&format!("u{}", 7 - n), "claim", if n % 2 == 0 { a } else { b }, None)).collect();
        rows[0].fields.stated_on = Some("2024-01".into());
        rows[1].fields.stated_on = Some("2024-03-02".into());
        txn.insert_claims(&rows)?;
        Ok(())
    })
    .unwrap();
    let listed = |storage: &mut dyn Storage, filter: ClaimFilter, order: Order| -> Vec<i64> {
        read(storage, |txn| {
            let mut ids = Vec::new();
            txn.for_each_claim(&filter, order, &mut |c| {
                ids.push(c.id);
                Ok(())
            })?;
            Ok(ids)
        })
        .unwrap()
    };
    assert_eq!(listed(storage, ClaimFilter::default(), Order::Id), [1, 2, 3, 4, 5, 6]);
    assert_eq!(listed(storage, ClaimFilter::default(), Order::Uid), [6, 5, 4, 3, 2, 1]);
    let by_a = ClaimFilter { actor_id: Some(a), limit: Some(2), ..ClaimFilter::default() };
    assert_eq!(listed(storage, by_a.clone(), Order::Id), [2, 4]);
    assert_eq!(listed(storage, by_a, Order::Uid), [4, 2], "the limit takes the first by id, then uid order");
    let since = ClaimFilter { since: Some("2024-02".into()), ..ClaimFilter::default() };
    assert_eq!(listed(storage, since, Order::Id), [2]);
}

fn a_dropped_transaction_leaves_nothing(storage: &mut dyn Storage) {
    let a = actor(storage, "A");
    {
        let mut txn = storage.begin(super::Access::Write).unwrap();
        txn.insert_claims(&[row("gone", "Never committed", a, None)]).unwrap();
    }
    assert_eq!(read(storage, |txn| Ok(txn.claim_count()?)).unwrap(), 0);
    // An error inside `write` rolls back what came before it.
    let failed = write(storage, |txn| {
        txn.insert_claims(&[row("half", "Half", a, None)])?;
        txn.insert_claims(&[row("bad", "   ", a, None)])?;
        Ok(())
    });
    assert!(matches!(failed.unwrap_err().downcast_ref::<StoreError>(), Some(StoreError::Invalid(_))));
    assert_eq!(read(storage, |txn| Ok(txn.claim_count()?)).unwrap(), 0);
}

fn a_read_sees_one_moment(storage: &mut dyn Storage) {
    let a = actor(storage, "A");
    write(storage, |txn| Ok(txn.insert_claims(&[row("1", "one", a, None)])?)).unwrap();
    let (before, after) = read(storage, |txn| {
        let before = txn.claim_count()?;
        let after = txn.claim_count()?;
        Ok((before, after))
    })
    .unwrap();
    assert_eq!((before, after), (1, 1));
}

fn actors_aliases_and_history(storage: &mut dyn Storage) {
    let a = actor(storage, "U.S. officials");
    write(storage, |txn| {
        txn.add_alias(a, "Washington")?;
        txn.add_alias(a, "u.s. OFFICIALS")?; // its own name: no alias
        Ok(())
    })
    .unwrap();
    let found = read(storage, |txn| Ok(txn.actor_named("washington")?)).unwrap();
    assert_eq!(found, Some((a, "U.S. officials".into())));
    let listed = read(storage, |txn| Ok(txn.actor(a)?)).unwrap().unwrap();
    assert_eq!(listed.aliases, ["Washington"]);
    let owner = read(storage, |txn| Ok(txn.name_owner("WASHINGTON", None)?)).unwrap().unwrap();
    assert_eq!(owner.alias.as_deref(), Some("Washington"));
    assert!(read(storage, |txn| Ok(txn.name_owner("Washington", Some(a))?)).unwrap().is_none());
    storage.set_user("ana").unwrap();
    write(storage, |txn| {
        let change = Change {
            action: crate::model::Action::Edit,
            entity: crate::model::Entity::Actor,
            entity_id: Some(a),
            other_id: None,
            entity_uid: None,
            before: Some("{\"name\":\"x\"}".into()),
            after: Some("{\"name\":\"y\"}".into()),
        };
        Ok(txn.record(&[change.clone(), change])?)
    })
    .unwrap();
    let history = read(storage, |txn| Ok(txn.history(None, 10)?)).unwrap();
    assert_eq!(history.len(), 2);
    let recorded = storage.recorded_user().unwrap_or("ana").to_string();
    assert_eq!(history[0].user, recorded, "the history names who the backend says made the change");
    assert_eq!(history[0].after, Some(serde_json::json!({"name": "y"})));
}

fn tags_counted_renamed_and_merged(storage: &mut dyn Storage) {
    let a = actor(storage, "A");
    write(storage, |txn| {
        txn.insert_claims(&(1..=3).map(|n| row(&format!("t{n}"), "claim", a, None)).collect::<Vec<_>>())?;
        Ok(txn.tag_claims(&[(1, "Élection"), (2, "Élection"), (2, "vote"), (3, "vote"), (3, "إيران")])?)
    })
    .unwrap();
    let counts = |storage: &mut dyn Storage| read(storage, |txn| Ok(txn.tag_counts()?)).unwrap();
    let expected = [("vote", 2), ("Élection", 2), ("إيران", 1)].map(|(t, n)| (t.to_string(), n));
    assert_eq!(counts(storage), expected, "by name, byte order on both engines");
    let election = read(storage, |txn| Ok(txn.tag_id("Élection")?)).unwrap().unwrap();
    assert_eq!(read(storage, |txn| Ok(txn.claims_tagged(election)?)).unwrap(), [1, 2]);
    write(storage, |txn| Ok(txn.rename_tag(election, "election")?)).unwrap();
    assert_eq!(read(storage, |txn| Ok(txn.claim(2)?)).unwrap().unwrap().tags, ["election", "vote"]);
    let vote = read(storage, |txn| Ok(txn.tag_id("vote")?)).unwrap().unwrap();
    write(storage, |txn| Ok(txn.merge_tag(vote, election)?)).unwrap();
    let expected = [("election", 3), ("إيران", 1)].map(|(t, n)| (t.to_string(), n));
    assert_eq!(counts(storage), expected, "a claim carrying both keeps one");
    assert!(read(storage, |txn| Ok(txn.tag_id("vote")?)).unwrap().is_none());
}

fn settings_set_read_and_unset(storage: &mut dyn Storage) {
    assert_eq!(read(storage, |txn| Ok(txn.setting("reviewer")?)).unwrap(), None);
    write(storage, |txn| {
        txn.set_setting("url-base", "https://example.org/checks")?;
        txn.set_setting("reviewer", "مكتب التحقق")?;
        Ok(txn.set_setting("reviewer", "Desk")?)
    })
    .unwrap();
    let all = read(storage, |txn| Ok(txn.settings()?)).unwrap();
    let expected = [("reviewer", "Desk"), ("url-base", "https://example.org/checks")];
    assert_eq!(all, expected.map(|(n, v)| (n.to_string(), v.to_string())));
    assert!(write(storage, |txn| Ok(txn.unset_setting("reviewer")?)).unwrap());
    assert!(!write(storage, |txn| Ok(txn.unset_setting("reviewer")?)).unwrap(), "false when it was not set");
    assert_eq!(read(storage, |txn| Ok(txn.setting("reviewer")?)).unwrap(), None);
}

fn verdict_stamps_and_private_flags_round_trip(storage: &mut dyn Storage) {
    let row_of = ActorRow { public_name: Some("a senior official".into()), ..actor_row("Hidden") };
    let a = write(storage, |txn| Ok(txn.insert_actor(&row_of)?)).unwrap();
    let source = Source {
        uid: "s1".into(),
        key: "memo".into(),
        kind: "document".into(),
        body: Some("the memo".into()),
        body_private: true,
        created_at: "2024-01-27T00:00:00Z".into(),
        ..Source::default()
    };
    let source_id = write(storage, |txn| Ok(txn.insert_source(&source)?)).unwrap();
    let mut claim = row("v1", "Rated", a, None);
    claim.fields.verdict = Verdict::False;
    claim.fields.notes = Some("from the desk".into());
    claim.fields.notes_private = true;
    claim.source_id = Some(source_id);
    claim.verdict_at = Some("2024-02-01T10:00:00Z".into());
    claim.verdict_by = Some("ana".into());
    write(storage, |txn| Ok(txn.insert_claims(std::slice::from_ref(&claim))?)).unwrap();
    let stored = read(storage, |txn| Ok(txn.claim(1)?)).unwrap().unwrap();
    assert_eq!(
        (stored.verdict_at.as_deref(), stored.verdict_by.as_deref()),
        (Some("2024-02-01T10:00:00Z"), Some("ana"))
    );
    assert!(stored.fields.notes_private);
    let by_uid = read(storage, |txn| Ok(txn.claims_by_uid(&["v1"])?)).unwrap();
    assert_eq!(by_uid[0].row.verdict_by.as_deref(), Some("ana"));
    assert!(by_uid[0].row.fields.notes_private);
    claim.fields.notes_private = false;
    (claim.verdict_at, claim.verdict_by) = (None, None);
    write(storage, |txn| Ok(txn.update_claim(1, &claim)?)).unwrap();
    let stored = read(storage, |txn| Ok(txn.claim(1)?)).unwrap().unwrap();
    assert!(!stored.fields.notes_private && stored.verdict_at.is_none());
    let actor = read(storage, |txn| Ok(txn.actor(a)?)).unwrap().unwrap();
    assert_eq!(actor.public_name.as_deref(), Some("a senior official"));
    let source = read(storage, |txn| Ok(txn.source_by_key("memo")?)).unwrap().unwrap();
    assert!(source.body_private);
    write(storage, |txn| Ok(txn.update_source(source_id, &Source { body_private: false, ..source.clone() })?)).unwrap();
    assert!(!read(storage, |txn| Ok(txn.source_by_key("memo")?)).unwrap().unwrap().body_private);
}

fn source(key: &str, url: Option<&str>) -> Source {
    Source {
        uid: format!("source-{key}"),
        key: key.into(),
        url: url.map(String::from),
        kind: "article".into(),
        created_at: "2024-01-27T00:00:00Z".into(),
        ..Source::default()
    }
}

fn actors_and_sources_looked_up_and_made_many_at_once(storage: &mut dyn Storage) {
    let rows = [actor_row("Zoë Ayala"), actor_row("Bob"), actor_row("الرئيس")];
    let ids = write(storage, |txn| {
        let ids = txn.insert_actors(&rows)?;
        txn.add_alias(ids[1], "Robert")?;
        Ok(ids)
    })
    .unwrap();
    assert!(ids[0] < ids[1] && ids[1] < ids[2], "made in the order given: {ids:?}");
    let named = read(storage, |txn| Ok(txn.actors_named(&["zoë ayala", " Robert ", "nobody", "الرئيس"])?)).unwrap();
    assert_eq!(
        named,
        [Some((ids[0], "Zoë Ayala".into())), Some((ids[1], "Bob".into())), None, Some((ids[2], "الرئيس".into()))]
    );
    let similar = read(storage, |txn| Ok(txn.similar_actors(&["Zoe-Ayala", "ROBERT!", "Carol", "..."])?)).unwrap();
    assert_eq!(similar, [Some("Zoë Ayala".into()), Some("Bob".into()), None, None], "by name or alias, accents folded");
    assert_eq!(read(storage, |txn| Ok(txn.actors_named(&[])?)).unwrap(), []);
    assert_eq!(write(storage, |txn| Ok(txn.insert_actors(&[])?)).unwrap(), Vec::<i64>::new());

    let sources =
        [source("first", Some("https://a.org/x")), source("second", Some("https://a.org/x")), source("third", None)];
    let ids = write(storage, |txn| Ok(txn.insert_sources(&sources)?)).unwrap();
    assert!(ids[0] < ids[1] && ids[1] < ids[2], "made in the order given: {ids:?}");
    let by_key = read(storage, |txn| Ok(txn.source_ids_by_key(&["third", " first ", "none"])?)).unwrap();
    assert_eq!(by_key, [Some(ids[2]), Some(ids[0]), None]);
    let by_url = read(storage, |txn| Ok(txn.source_ids_by_url(&["https://b.org", "https://a.org/x"])?)).unwrap();
    assert_eq!(by_url, [None, Some(ids[0])], "the first source with the URL");
    let stored = read(storage, |txn| Ok(txn.source_by_key("second")?)).unwrap().unwrap();
    assert_eq!((stored.uid.as_str(), stored.url.as_deref()), ("source-second", Some("https://a.org/x")));
}

fn a_bulk_load_keeps_every_reference_rule(storage: &mut dyn Storage) {
    // A bulk load that is dropped leaves the story as it was, its rules included.
    {
        let mut txn = storage.begin(super::Access::Write).unwrap();
        txn.begin_bulk(10_000_000).unwrap();
    }
    let refused = write(storage, |txn| Ok(txn.insert_claims(&[row("orphan", "Nobody said it", 999, None)])?));
    assert!(refused.is_err(), "a claim needs its actor");

    let a = actor(storage, "A");
    let ids = write(storage, |txn| {
        txn.begin_bulk(10_000_000)?;
        let ids: Vec<i64> =
            txn.insert_claims(&[row("u1", "One", a, None), row("u2", "Two", a, None)])?.into_iter().flatten().collect();
        txn.tag_claims(&[(ids[0], "first"), (ids[1], "second")])?;
        txn.finish_bulk()?;
        Ok(ids)
    })
    .unwrap();
    let query = SearchQuery::Plain(crate::commands::search::parse("two"));
    let found = read(storage, |txn| Ok(txn.search(&query, 5)?)).unwrap();
    assert_eq!(found.hits.iter().map(|h| h.id).collect::<Vec<_>>(), [ids[1]], "the load is searchable");
    let refused = write(storage, |txn| Ok(txn.insert_claims(&[row("orphan", "Nobody said it", 999, None)])?));
    assert!(refused.is_err(), "a claim still needs its actor after a bulk load");
    let found_by = |storage: &mut dyn Storage, words: &str| {
        let query = SearchQuery::Plain(crate::commands::search::parse(words));
        read(storage, |txn| Ok(txn.search(&query, 5)?)).unwrap().hits.iter().map(|h| h.id).collect::<Vec<_>>()
    };
    assert_eq!(found_by(storage, "second"), [ids[1]], "with its tags");
    // After the load the index follows new claims and tags again.
    let later = write(storage, |txn| {
        let id = txn.insert_claims(&[row("u3", "Three", a, None)])?[0].unwrap();
        txn.tag_claims(&[(id, "afterwards")])?;
        Ok(id)
    })
    .unwrap();
    assert_eq!(found_by(storage, "three"), [later]);
    assert_eq!(found_by(storage, "afterwards"), [later]);
    write(storage, |txn| Ok(txn.delete_claim(ids[0])?)).unwrap();
    let counts = read(storage, |txn| Ok(txn.tag_counts()?)).unwrap();
    assert_eq!(
        counts,
        [("afterwards".to_string(), 1), ("first".to_string(), 0), ("second".to_string(), 1)],
        "a claim's tags go with it"
    );
}
