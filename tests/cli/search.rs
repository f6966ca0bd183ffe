//! search over the full-text index.

use crate::common::Fixture;

fn ids(hits: &serde_json::Value) -> Vec<i64> {
    hits.as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect()
}

#[test]
fn search_finds_words_in_text_quotes_and_notes_best_first() {
    let f = Fixture::seeded();
    let hits = f.json(&["search", "sovereignty", "--format", "json"]);
    assert_eq!(ids(&hits), [9]);
    assert_eq!(hits[0]["actor"], "Iraqi officials");
    // "Soleimani" is only in a note.
    assert_eq!(ids(&f.json(&["search", "soleimani", "--format", "json"])), [12]);
    // Quote words: "language of force" is quoted in claim 6.
    assert_eq!(ids(&f.json(&["search", "language force", "--format", "json"])), [6]);
    let attacks = ids(&f.json(&["search", "attacks", "--format", "json"]));
    assert!(attacks.len() >= 5 && attacks.contains(&1), "{attacks:?}");
    assert_eq!(ids(&f.json(&["search", "attacks", "--limit", "2", "--format", "json"])).len(), 2);
    assert_eq!(ids(&f.json(&["search", "sovereign*", "--format", "json"])), [9]);
}

#[test]
fn search_follows_edits_and_removals() {
    let f = Fixture::seeded();
    f.ok(&["edit", "9", "--text", "The strikes breach Iraqi independence", "--quote", ""]);
    assert_eq!(ids(&f.json(&["search", "sovereignty", "--format", "json"])), Vec::<i64>::new());
    assert_eq!(ids(&f.json(&["search", "independence", "--format", "json"])), [9]);
    f.ok(&["rm", "9"]);
    assert_eq!(ids(&f.json(&["search", "independence", "--format", "json"])), Vec::<i64>::new());
}

#[test]
fn search_handles_unicode_and_punctuation() {
    let f = Fixture::new();
    f.ok(&["add", "قالت المقاومة إن القرار دليل على القوة", "--by", "المقاومة"]);
    f.ok(&["add", "Le président a déclaré que c'est faux", "--by", "Élysée"]);
    assert_eq!(ids(&f.json(&["search", "القرار", "--format", "json"])), [1]);
    assert_eq!(ids(&f.json(&["search", "president declare*", "--format", "json"])), [2], "accents folded");
    assert_eq!(ids(&f.json(&["search", "\"faux;\" (", "--format", "json"])), [2], "punctuation is ignored");
}

#[test]
fn bad_searches_are_clear() {
    let f = Fixture::seeded();
    let error = f.fails_unchanged(&["search", " - "], 1);
    assert!(error.contains("at least one word"), "{error}");
    if crate::common::on_postgres() {
        // FTS5's syntax is SQLite's own: the server says so, and what to do instead.
        let error = f.fails_unchanged(&["search", "--raw", "sovereignty OR soleimani"], 1);
        assert!(error.contains("not available on PostgreSQL: search with plain words"), "{error}");
    } else {
        let error = f.fails_unchanged(&["search", "--raw", "AND ("], 1);
        assert!(error.contains("not valid FTS5 syntax"), "{error}");
        let mut either = ids(&f.json(&["search", "--raw", "sovereignty OR soleimani", "--format", "json"]));
        either.sort();
        assert_eq!(either, [9, 12]);
    }
    // Without --raw, operator words are words to find: claim 4 says "not a response".
    assert_eq!(ids(&f.json(&["search", "NOT response", "--format", "json"])), [4]);
}
