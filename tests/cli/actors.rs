//! actor add|list|show|edit|rm|merge, and actors created by `add`.

use crate::common::Fixture;

#[test]
fn add_creates_unknown_actors_and_matches_known_ones_by_case_and_alias() {
    let f = Fixture::seeded();
    let stderr = f.ok_stderr(&["add", "A new claim", "--by", "u.s. OFFICIALS"]);
    assert!(!stderr.contains("new actor"), "matched case-insensitively: {stderr}");
    let stderr = f.ok_stderr(&["add", "Another", "--by", "PMF"]);
    assert!(!stderr.contains("new actor"), "matched through an alias: {stderr}");
    let shown = f.json(&["show", "14", "--format", "json"]);
    assert_eq!(shown["actor"], "Popular Mobilization Forces");
    let stderr = f.ok_stderr(&["add", "Third", "--by", "Kataib Hezbollah"]);
    assert!(stderr.contains("new actor \"Kataib Hezbollah\""), "{stderr}");
}

#[test]
fn a_near_duplicate_actor_name_gets_a_warning_that_names_it() {
    let f = Fixture::seeded();
    let stderr = f.ok_stderr(&["add", "Talks were planned", "--by", "US officials"]);
    assert!(stderr.contains("new actor \"US officials\""), "{stderr}");
    assert!(stderr.contains("looks like existing actor \"U.S. officials\""), "{stderr}");
    assert!(stderr.contains("actor merge"), "{stderr}");
}

#[test]
fn add_list_show_edit_and_remove_an_actor() {
    let f = Fixture::new();
    f.ok(&["actor", "add", "Popular Mobilization Forces", "--kind", "group", "--alias", "PMF"]);
    f.ok(&[
        "actor", "add", "Kataib Hezbollah", "--affiliation", "pmf", "--alias", "KH", "--alias", "كتائب حزب الله",
        "--description", "Armed group",
    ]);
    let shown = f.json(&["actor", "show", "KH", "--format", "json"]);
    assert_eq!(shown["name"], "Kataib Hezbollah");
    assert_eq!(shown["affiliation"], "Popular Mobilization Forces");
    assert_eq!(shown["aliases"], serde_json::json!(["KH", "كتائب حزب الله"]));

    f.ok(&["actor", "edit", "Kataib Hezbollah", "--name", "Kata'ib Hezbollah", "--unalias", "KH", "--affiliation", ""]);
    let shown = f.json(&["actor", "show", "كتائب حزب الله", "--format", "json"]);
    assert_eq!(shown["name"], "Kata'ib Hezbollah");
    assert_eq!(shown["affiliation"], serde_json::Value::Null);
    assert_eq!(shown["aliases"], serde_json::json!(["كتائب حزب الله"]));

    let listed = f.json(&["actor", "list", "--format", "json"]);
    assert_eq!(listed.as_array().unwrap().len(), 2);
    f.ok(&["actor", "rm", "Kata'ib Hezbollah"]);
    assert_eq!(f.json(&["actor", "list", "--format", "json"]).as_array().unwrap().len(), 1);
}

#[test]
fn merge_moves_claims_and_keeps_the_old_name_as_an_alias() {
    let f = Fixture::seeded();
    f.ok(&["add", "Talks were planned long ago", "--by", "US officials"]);
    let stderr = f.ok_stderr(&["actor", "merge", "US officials", "U.S. officials"]);
    assert!(stderr.contains("1 claim moved"), "{stderr}");
    assert_eq!(f.json(&["show", "13", "--format", "json"])["actor"], "U.S. officials");
    let shown = f.json(&["actor", "show", "U.S. officials", "--format", "json"]);
    assert_eq!(shown["aliases"], serde_json::json!(["American officials", "US officials"]));
    assert_eq!(shown["claims"], 5);
    // The old name now finds the merged actor instead of creating a new one.
    let stderr = f.ok_stderr(&["add", "More", "--by", "US officials"]);
    assert!(!stderr.contains("new actor"), "{stderr}");
}

#[test]
fn bad_actor_input_changes_nothing() {
    let f = Fixture::seeded();
    let error = f.fails_unchanged(&["actor", "add", "u.s. officials"], 1);
    assert!(error.contains("already exists"), "{error}");
    let error = f.fails_unchanged(&["actor", "add", "Someone", "--alias", "PMF"], 1);
    assert!(error.contains("already an alias of actor \"Popular Mobilization Forces\""), "{error}");
    let error = f.fails_unchanged(&["actor", "show", "Nobody"], 1);
    assert!(error.contains("unknown actor \"Nobody\""), "{error}");
    let error = f.fails_unchanged(&["actor", "show", "US Officials"], 1);
    assert!(error.contains("did you mean \"U.S. officials\""), "{error}");
    let error = f.fails_unchanged(&["actor", "rm", "U.S. officials"], 1);
    assert!(error.contains("made 4 claims"), "{error}");
    let error = f.fails_unchanged(&["actor", "merge", "PMF", "Popular Mobilization Forces"], 1);
    assert!(error.contains("the same actor"), "{error}");
    let error = f.fails_unchanged(&["actor", "merge", "Nobody", "PMF"], 1);
    assert!(error.contains("unknown actor \"Nobody\""), "{error}");
    let error = f.fails_unchanged(&["actor", "edit", "PMF", "--name", "Iraqi officials"], 1);
    assert!(error.contains("already exists"), "{error}");
    let error = f.fails_unchanged(&["actor", "edit", "PMF", "--unalias", "nope"], 1);
    assert!(error.contains("has no alias \"nope\""), "{error}");
    let error = f.fails_unchanged(&["add", "text", "--by", "  "], 1);
    assert!(error.contains("--by cannot be empty"), "{error}");
}
