//! add, list, show, edit, rm.

use serde_json::{Value, json};

use crate::common::Fixture;

fn ids(listed: &Value) -> Vec<i64> {
    listed.as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect()
}

#[test]
fn add_prints_the_new_id_and_stores_every_field() {
    let f = Fixture::new();
    f.ok(&["source", "add", "ap-1", "--title", "Talks"]);
    let id = f.ok(&[
        "add",
        "The timing is unrelated to the attacks",
        "--by",
        "U.S. officials",
        "--source",
        "ap-1",
        "--quote",
        "the timing is unrelated",
        "--on",
        "2024-01-27",
        "--at",
        "para 2",
        "--tag",
        "timing",
        "--tag",
        "talks",
        "--verdict",
        "mixed",
        "--note",
        "said twice",
    ]);
    assert_eq!(id, "1\n");
    let claim = f.json(&["show", "1", "--format", "json"]);
    assert_eq!(claim["text"], "The timing is unrelated to the attacks");
    assert_eq!(claim["actor"], "U.S. officials");
    assert_eq!(claim["source"], "ap-1");
    assert_eq!(claim["source_title"], "Talks");
    assert_eq!(claim["quote"], "the timing is unrelated");
    assert_eq!(claim["mode"], "direct", "a quote makes a direct claim by default");
    assert_eq!(claim["stated_on"], "2024-01-27");
    assert_eq!(claim["locator"], "para 2");
    assert_eq!(claim["tags"], json!(["talks", "timing"]));
    assert_eq!(claim["verdict"], "mixed");
    assert_eq!(claim["notes"], "said twice");
    assert_eq!(claim["uid"].as_str().unwrap().len(), 36);
    assert_eq!(f.ok(&["add", "Second", "--by", "x", "--on", "2024-01"]), "2\n");
    assert_eq!(f.json(&["show", "2", "--format", "json"])["mode"], "paraphrase");
}

#[test]
fn list_filters_each_narrow_the_claims() {
    let f = Fixture::seeded();
    let all = ids(&f.json(&["list", "--format", "json"]));
    assert_eq!(all, (1..=12).collect::<Vec<_>>());
    assert_eq!(ids(&f.json(&["list", "--by", "Iraqi officials", "--format", "json"])), [9, 12]);
    assert_eq!(ids(&f.json(&["list", "--by", "PMF", "--format", "json"])), Vec::<i64>::new());
    assert_eq!(ids(&f.json(&["list", "--tag", "sovereignty", "--format", "json"])), [9, 10, 12]);
    assert_eq!(
        ids(&f.json(&["list", "--tag", "timing", "--by", "Islamic Resistance in Iraq", "--format", "json"])),
        [5, 6]
    );
    assert_eq!(ids(&f.json(&["list", "--mode", "direct", "--format", "json"])), [1, 6]);
    assert_eq!(ids(&f.json(&["list", "--since", "2024", "--format", "json"])).len(), 10);
    assert_eq!(ids(&f.json(&["list", "--until", "2023-12-31", "--format", "json"])), [8, 12]);
    assert_eq!(ids(&f.json(&["list", "--until", "2023-10", "--since", "2023-10", "--format", "json"])), [8]);
    assert_eq!(ids(&f.json(&["list", "--contested", "--format", "json"])), [1, 4, 5, 9, 10]);
    assert_eq!(ids(&f.json(&["list", "--source", "seed-2024-01-27", "--limit", "3", "--format", "json"])), [1, 2, 3]);
    f.ok(&["edit", "9", "--verdict", "true"]);
    assert_eq!(ids(&f.json(&["list", "--verdict", "true", "--format", "json"])), [9]);
}

#[test]
fn list_rows_carry_relations_both_ways() {
    let f = Fixture::seeded();
    let listed = f.json(&["list", "--format", "json"]);
    assert_eq!(listed[0]["contradicted_by"], json!([5]));
    assert_eq!(listed[0]["supported_by"], json!([2, 3, 4]));
    assert_eq!(listed[4]["contradicted_by"], json!([1, 4]));
}

#[test]
fn show_gives_every_relation_in_both_directions() {
    let f = Fixture::seeded();
    let shown = f.json(&["show", "1", "--format", "json"]);
    let relations: Vec<&str> =
        shown["relations"].as_array().unwrap().iter().map(|r| r["relation"].as_str().unwrap()).collect();
    assert_eq!(
        relations,
        ["contradicts #5", "responded to by #7", "supported by #2", "supported by #3", "supported by #4"]
    );
    let table = f.ok(&["show", "#5", "--format", "table"]);
    assert!(table.contains("contradicts #1"), "{table}");
    assert!(table.contains("supported by #6"), "{table}");
    assert!(table.contains("Islamic Resistance in Iraq"), "{table}");
}

#[test]
fn edit_changes_fields_and_tags() {
    let f = Fixture::seeded();
    f.ok(&[
        "edit", "2", "--text", "Plans predate the attacks", "--quote", "", "--mode", "reported", "--on", "2024-01-26",
        "--tag", "history", "--untag", "timing", "--note", "checked",
    ]);
    let claim = f.json(&["show", "2", "--format", "json"]);
    assert_eq!(claim["text"], "Plans predate the attacks");
    assert_eq!(claim["quote"], Value::Null);
    assert_eq!(claim["mode"], "reported");
    assert_eq!(claim["stated_on"], "2024-01-26");
    assert_eq!(claim["tags"], json!(["history"]));
    assert_eq!(claim["notes"], "checked");
    let stderr = f.ok_stderr(&["edit", "2", "--by", "Pentagon"]);
    assert!(stderr.contains("new actor \"Pentagon\""), "{stderr}");
    assert_eq!(f.json(&["show", "2", "--format", "json"])["actor"], "Pentagon");
}

#[test]
fn rm_removes_the_claim_and_says_how_many_relations_went_with_it() {
    let f = Fixture::seeded();
    let stderr = f.ok_stderr(&["rm", "1"]);
    assert!(stderr.contains("removed claim #1"), "{stderr}");
    assert!(stderr.contains("its 5 relations"), "{stderr}");
    f.fails(&["show", "1"], 1);
    let shown = f.json(&["show", "5", "--format", "json"]);
    assert_eq!(shown["contradicted_by"], json!([4]));
}

#[test]
fn arabic_hebrew_and_accented_text_round_trips() {
    let f = Fixture::new();
    let text = "قالت المقاومة الإسلامية إن القرار دليل على أن الأمريكيين لا يفهمون إلا لغة القوة";
    f.ok(&["add", text, "--by", "المقاومة الإسلامية في العراق", "--tag", "توقيت"]);
    f.ok(&["add", "הצבא אמר שהתקיפה הייתה מוצדקת", "--by", "דובר צה״ל"]);
    f.ok(&["add", "Les pourparlers sont déjà engagés", "--by", "José Martí Ñúñez"]);
    let listed = f.json(&["list", "--format", "json"]);
    assert_eq!(listed[0]["text"], text);
    assert_eq!(listed[0]["actor"], "المقاومة الإسلامية في العراق");
    assert_eq!(listed[0]["tags"], json!(["توقيت"]));
    assert_eq!(listed[1]["actor"], "דובר צה״ל");
    assert_eq!(listed[2]["actor"], "José Martí Ñúñez");
    assert_eq!(ids(&f.json(&["list", "--by", "JOSÉ MARTÍ ÑÚÑEZ", "--format", "json"])), [3]);
    let table = f.ok(&["list", "--format", "table"]);
    assert!(table.contains("הצבא אמר"), "{table}");
}

#[test]
fn bad_claim_input_changes_nothing() {
    let f = Fixture::seeded();
    let cases: &[(&[&str], &str)] = &[
        (&["add", "", "--by", "x"], "text cannot be empty"),
        (&["add", "   ", "--by", "x"], "text cannot be empty"),
        (&["add", "t", "--by", "x", "--on", "2024-02-30"], "bad date \"2024-02-30\": use YYYY-MM-DD, YYYY-MM or YYYY"),
        (&["add", "t", "--by", "x", "--on", "last week"], "bad date"),
        (
            &["add", "t", "--by", "x", "--source", "nope"],
            "unknown source \"nope\": add it first with `claimtrack source add nope",
        ),
        (&["add", "t", "--by", "x", "--tag", ""], "a tag cannot be empty"),
        (&["show", "99"], "no claim #99"),
        (&["edit", "99", "--text", "x"], "no claim #99"),
        (&["edit", "1"], "nothing to change"),
        (&["edit", "1", "--text", ""], "text cannot be empty"),
        (&["edit", "1", "--untag", "nope"], "not tagged \"nope\""),
        (&["edit", "1", "--source", "nope"], "unknown source"),
        (&["rm", "99"], "no claim #99"),
        (&["list", "--since", "2024-1"], "--since: bad date"),
        (&["list", "--tag", "nope"], "unknown tag \"nope\""),
        (&["list", "--source", "nope"], "unknown source \"nope\""),
        (&["list", "--by", "Nobody"], "unknown actor \"Nobody\""),
    ];
    for (args, expected) in cases {
        let error = f.fails_unchanged(args, 1);
        assert!(error.contains(expected), "{args:?}: {error}");
    }
    // A closed choice is checked by the argument parser: a usage error, exit 2, naming the choices.
    let usage: &[(&[&str], &str)] = &[
        (
            &["add", "t", "--by", "x", "--mode", "rumour"],
            "invalid value 'rumour' for '--mode <MODE>' [possible values: direct, paraphrase, reported, anonymous]",
        ),
        (&["add", "t", "--by", "x", "--verdict", "fake"], "invalid value 'fake' for '--verdict <VERDICT>'"),
        (&["list", "--mode", "quote"], "invalid value 'quote' for '--mode <MODE>'"),
        (&["edit", "1", "--verdict", "wrong"], "invalid value 'wrong' for '--verdict <VERDICT>'"),
    ];
    for (args, expected) in usage {
        let error = f.fails_unchanged(args, 2);
        assert!(error.contains(expected), "{args:?}: {error}");
    }
    // Choices are matched whatever their case.
    f.ok(&["edit", "1", "--verdict", "Mostly-False"]);
    assert_eq!(f.json(&["show", "1", "--format", "json"])["verdict"], "mostly-false");
}

#[test]
fn a_failed_add_creates_no_database() {
    let f = Fixture::new();
    f.fails(&["add", "t", "--by", "x", "--on", "someday"], 1);
    assert!(!f.db.exists());
}

#[test]
fn malformed_arguments_are_usage_errors() {
    let f = Fixture::seeded();
    let cases = [
        (&["show", "abc"][..], "claimtrack show --help"),
        (&["add", "text"], "claimtrack add --help"),
        (&["rm"], "claimtrack rm --help"),
        (&["list", "--limit", "many"], "claimtrack list --help"),
        (&["list", "--limit", "0"], "claimtrack list --help"),
        (&["search", "talks", "--limit", "0"], "claimtrack search --help"),
        (&["frobnicate"], "claimtrack --help"),
    ];
    for (args, help) in cases {
        let error = f.fails_unchanged(args, 2);
        assert!(error.contains(&format!("(see `{help}`)")), "{error}");
        assert_eq!(error.trim_end().lines().count(), 1, "{error}");
    }
    // The missing arguments are named, not lost with the rest of clap's message.
    assert!(f.fails_unchanged(&["add", "text"], 2).contains("--by <ACTOR>"));
}
