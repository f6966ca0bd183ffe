//! search over the full-text index.

use crate::common::Fixture;

fn ids(hits: &serde_json::Value) -> Vec<i64> {
    hits.as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect()
}

#[test]
fn search_finds_words_in_text_quotes_and_notes_best_first() {
    let f = Fixture::seeded();
    let hits = f.json(&["search", "violate", "--format", "json"]);
    assert_eq!(ids(&hits), [9]);
    assert_eq!(hits[0]["actor"], "Iraqi officials");
    // "Soleimani" is only in a note.
    assert_eq!(ids(&f.json(&["search", "soleimani", "--format", "json"])), [12]);
    // Quote words: "language of force" is quoted in claim 6.
    assert_eq!(ids(&f.json(&["search", "language force", "--format", "json"])), [6]);
    let attacks = ids(&f.json(&["search", "attacks", "--format", "json"]));
    assert!(attacks.len() >= 5 && attacks.contains(&1), "{attacks:?}");
    assert_eq!(ids(&f.json(&["search", "attacks", "--limit", "2", "--format", "json"])).len(), 2);
    assert_eq!(ids(&f.json(&["search", "violat*", "--format", "json"])), [9]);
}

#[test]
fn search_follows_edits_and_removals() {
    let f = Fixture::seeded();
    f.ok(&["edit", "9", "--text", "The strikes breach Iraqi independence", "--quote", ""]);
    assert_eq!(ids(&f.json(&["search", "violate", "--format", "json"])), Vec::<i64>::new());
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
        assert!(error.contains("not available on PostgreSQL: search as you would type it"), "{error}");
    } else {
        let error = f.fails_unchanged(&["search", "--raw", "AND ("], 1);
        assert!(error.contains("not valid FTS5 syntax"), "{error}");
        let mut either = ids(&f.json(&["search", "--raw", "violate OR soleimani", "--format", "json"]));
        either.sort();
        assert_eq!(either, [9, 12]);
    }
    // Without --raw, operator words are words to find: claim 4 says "not a response".
    assert_eq!(ids(&f.json(&["search", "NOT response", "--format", "json"])), [4]);
    let error = f.fails_unchanged(&["search", "--", "-sovereignty"], 1);
    assert!(error.contains("not only words to leave out"), "{error}");
    // Unquoted, a leading - is taken for an option, and clap says how to pass it.
    let error = f.fails_unchanged(&["search", "strikes", "-sovereignty"], 2);
    assert!(error.contains("--"), "{error}");
}

#[test]
fn search_stems_english_as_people_type_it() {
    let f = Fixture::seeded();
    // The examples: "attack" finds "attacks" and "attacking", "strike" finds "strikes".
    let attack = ids(&f.json(&["search", "attack", "--format", "json"]));
    assert_eq!(attack.len(), 8, "{attack:?}");
    assert!(attack.contains(&7), "claim 7 says \"attacking\": {attack:?}");
    let mut strike = ids(&f.json(&["search", "strike", "--format", "json"]));
    strike.sort();
    assert_eq!(strike, [9, 10, 12]);
}

#[test]
fn phrases_exclusions_and_either_word() {
    let f = Fixture::seeded();
    let mut phrase = ids(&f.json(&["search", "\"U.S. strikes\"", "--format", "json"]));
    phrase.sort();
    assert_eq!(phrase, [9, 10]);
    // Curly quotes from a word processor are quotes too.
    assert_eq!(ids(&f.json(&["search", "“militia sites in Iraq”", "--format", "json"])), [9]);
    let mut left_out = ids(&f.json(&["search", "strikes -violate", "--format", "json"]));
    left_out.sort();
    assert_eq!(left_out, [10, 12]);
    assert_eq!(ids(&f.json(&["search", "strikes -\"Iraq's sovereignty\"", "--format", "json"])).len(), 2);
    let mut either = ids(&f.json(&["search", "violate OR soleimani", "--format", "json"]));
    either.sort();
    assert_eq!(either, [9, 12]);
}

#[test]
fn whatever_people_type_is_searched_never_refused() {
    let f = Fixture::seeded();
    for query in [
        "\"unclosed phrase", "OR attacks OR", "attacks AND", "NEAR(attacks forces)", "attacks*** ( ) { } ^ : +",
        "col:attacks", "\"\" attacks \"\"", "'); DROP TABLE claims;--", "- attacks -", "attacks -\"", "“attacks",
        "attacks \u{202e} \u{1}",
    ] {
        let output = f.cmd(&["search", "--format", "json", "--", query]).output().unwrap();
        assert!(output.status.success(), "{query:?}: {}", String::from_utf8_lossy(&output.stderr));
    }
    assert_eq!(ids(&f.json(&["search", "\"unclosed phrase", "--format", "json"])), Vec::<i64>::new());
    assert_eq!(ids(&f.json(&["search", "OR attacks OR", "--format", "json"])).len(), 8);
    // Several arguments are one search, as if quoted together.
    assert_eq!(ids(&f.json(&["search", "--format", "json", "--", "U.S.", "strikes", "-violate"])), [10]);
    assert_eq!(f.json(&["list", "--format", "json"]).as_array().unwrap().len(), 12, "nothing dropped");
}

#[test]
fn results_show_the_matching_passage_with_the_match_marked() {
    let f = Fixture::seeded();
    let hits = f.json(&["search", "soleimani", "--format", "json"]);
    // The match is in claim 12's note: the passage shown is the note's, the text stays whole.
    assert!(hits[0]["snippet"].as_str().unwrap().contains("[Soleimani]"), "{hits}");
    assert_eq!(hits[0]["text"], "Coalition forces should withdraw from Iraq.");
    assert!(hits[0].get("rank").is_none(), "{hits}");
    let csv = f.ok(&["search", "attack", "--format", "csv"]);
    assert!(csv.starts_with("id,actor,text,source,stated_on,snippet\n"), "{csv}");
    assert!(!csv.contains("-0.0"), "no rank column: {csv}");
    // On an 80-column terminal the passage is what the table gives room to.
    let table = f.cmd(&["search", "\"U.S. strikes\"", "--format", "table"]).env("COLUMNS", "80").output().unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(table.lines().all(|line| line.chars().count() <= 80), "{table}");
    assert!(table.contains("snippet") && table.contains("[U.S. strikes]"), "{table}");
    assert!(!table.contains("rank"), "{table}");
}

#[test]
fn a_word_in_most_claims_ranks_the_newest_ten_thousand_and_says_so() {
    let f = Fixture::new();
    let mut csv = String::from("text,actor\n");
    for i in 0..10_001 {
        csv.push_str(&format!("Coalition statement number {i},Spokesperson\n"));
    }
    std::fs::write(f.path("many.csv"), csv).unwrap();
    f.ok(&["import", f.path("many.csv").to_str().unwrap()]);
    let output = f.cmd(&["search", "coalition", "--limit", "3", "--format", "json"]).output().unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("more than 10000 claims match"), "{stderr}");
    let hits: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(hits.as_array().unwrap().len(), 3);
    assert!(ids(&hits).iter().all(|&id| id > 1), "the oldest claim is not among those ranked: {hits}");
    let stderr = f.ok_stderr(&["search", "\"number 42\""]);
    assert!(!stderr.contains("more than"), "{stderr}");
}

#[test]
fn an_actors_names_and_a_claims_tags_find_it_too() {
    let f = Fixture::seeded();
    // The example: the actor's name finds its claims, its text shown unmarked.
    let mut by_name = ids(&f.json(&["search", "\"Islamic Resistance\"", "--format", "json"]));
    by_name.sort();
    assert_eq!(by_name, [5, 6, 7, 8]);
    let hits = f.json(&["search", "\"Islamic Resistance\"", "--format", "json"]);
    let seven = hits.as_array().unwrap().iter().find(|h| h["id"] == 7).unwrap();
    assert_eq!(seven["snippet"], "The group will keep attacking U.S. forces.", "{hits}");
    // An alias, in Arabic; a word of the actor's name and a word of the claim's together (other
    // actors' claims about attacks are not found, nor the group's claim without the word).
    assert_eq!(ids(&f.json(&["search", "المقاومة", "--format", "json"])).len(), 4);
    let mut mixed = ids(&f.json(&["search", "Islamic attacking", "--format", "json"]));
    mixed.sort();
    assert_eq!(mixed, [5, 7, 8]);
    // A tag: claims 10 and 12 are tagged sovereignty without saying it.
    let mut tagged = ids(&f.json(&["search", "sovereignty", "--format", "json"]));
    tagged.sort();
    assert_eq!(tagged, [9, 10, 12]);
}

#[test]
fn renames_merges_and_new_tags_keep_the_index_current() {
    let f = Fixture::seeded();
    let found = |query: &str| {
        let mut found = ids(&f.json(&["search", query, "--format", "json"]));
        found.sort();
        found
    };
    f.ok(&["actor", "edit", "Islamic Resistance in Iraq", "--name", "Kataib Coalition"]);
    assert_eq!(found("\"Islamic Resistance\""), Vec::<i64>::new());
    assert_eq!(found("Kataib"), [5, 6, 7, 8]);
    f.ok(&["actor", "edit", "Kataib Coalition", "--alias", "Muqawama"]);
    assert_eq!(found("muqawama"), [5, 6, 7, 8]);
    f.ok(&["actor", "edit", "Kataib Coalition", "--unalias", "Muqawama"]);
    assert_eq!(found("muqawama"), Vec::<i64>::new());
    // A merge moves the claims, and the merged actor's name comes along as an alias.
    f.ok(&["actor", "merge", "Iraqi officials", "United States"]);
    assert_eq!(found("\"Iraqi officials\""), [9, 10, 11, 12]);
    f.ok(&["edit", "1", "--tag", "ceasefire"]);
    assert_eq!(found("ceasefire"), [1]);
    f.ok(&["tag", "rename", "ceasefire", "truce"]);
    assert_eq!(found("ceasefire"), Vec::<i64>::new());
    assert_eq!(found("truce"), [1]);
    f.ok(&["tag", "merge", "truce", "timing"]);
    assert_eq!(found("truce"), Vec::<i64>::new());
    f.ok(&["edit", "1", "--untag", "timing"]);
    f.ok(&["rm", "9"]);
    f.ok(&["restore", "9"]);
    assert_eq!(found("sovereignty"), [9, 10, 12]);
    assert!(f.ok_stderr(&["check"]).contains("no problems found"));
}
