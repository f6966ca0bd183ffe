//! history and restore.

use serde_json::{Value, json};

use crate::common::Fixture;

fn entries(f: &Fixture, args: &[&str]) -> Vec<Value> {
    f.json(&[args, &["--format", "json"]].concat()).as_array().unwrap().clone()
}

#[test]
fn every_kind_of_change_is_recorded_newest_first_with_who_and_what() {
    let f = Fixture::new();
    f.cmd(&["source", "add", "ap-1", "--title", "Talks"]).env("USER", "login-name").assert().success();
    f.ok(&[
        "--user", "ana", "add", "The timing is unrelated", "--by", "U.S. officials", "--source", "ap-1", "--tag",
        "timing",
    ]);
    f.cmd(&["add", "Attacks forced it", "--by", "IRI"]).env("CLAIMTRACK_USER", "omar").assert().success();
    f.ok(&[
        "--user", "ana", "edit", "1", "--text", "Timing unrelated to attacks", "--untag", "timing", "--tag", "talks",
    ]);
    f.ok(&["--user", "ana", "link", "1", "contradicts", "2", "--note", "core dispute"]);
    f.ok(&["--user", "ana", "add", "Another", "--by", "US officials"]);
    f.ok(&["--user", "ana", "actor", "merge", "US officials", "U.S. officials"]);
    f.ok(&["--user", "ana", "unlink", "2", "contradicts", "1"]);
    f.ok(&["--user", "ana", "rm", "3"]);
    f.ok(&["--user", "ana", "source", "edit", "ap-1", "--publisher", "AP"]);

    let all = entries(&f, &["history"]);
    let summary: Vec<(String, String)> =
        all.iter().map(|e| (e["action"].as_str().unwrap().into(), e["entity"].as_str().unwrap().into())).collect();
    let expected = [
        ("edit", "source"),
        ("delete", "claim"),
        ("unlink", "relation"),
        ("merge", "actor"),
        ("merge", "claim"),
        ("create", "claim"),
        ("create", "actor"),
        ("link", "relation"),
        ("edit", "claim"),
        ("create", "claim"),
        ("create", "actor"),
        ("create", "claim"),
        ("create", "actor"),
        ("create", "source"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(a, e)| (a.to_string(), e.to_string())).collect();
    assert_eq!(summary, expected);
    let ids: Vec<i64> = all.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first: {ids:?}");
    assert_eq!(all.last().unwrap()["user"], f.recorded_user("login-name"));
    assert!(all.iter().any(|e| e["user"] == f.recorded_user("omar").as_str()));

    let edit = all.iter().find(|e| e["action"] == "edit" && e["entity"] == "claim").unwrap();
    assert_eq!(edit["user"], f.recorded_user("ana"));
    assert_eq!(edit["before"]["text"], "The timing is unrelated");
    assert_eq!(edit["after"]["text"], "Timing unrelated to attacks");
    assert_eq!(edit["before"]["tags"], json!(["timing"]));
    assert_eq!(edit["after"]["tags"], json!(["talks"]));
    let merge = all.iter().find(|e| e["action"] == "merge" && e["entity"] == "claim").unwrap();
    assert_eq!(
        (merge["before"]["actor"].as_str(), merge["after"]["actor"].as_str()),
        (Some("US officials"), Some("U.S. officials"))
    );
    let delete = &all[1];
    assert_eq!(delete["before"]["text"], "Another");
    assert_eq!(delete["after"], Value::Null);

    // One claim's history: its own changes and its relations', newest first.
    let one: Vec<String> =
        entries(&f, &["history", "1"]).iter().map(|e| e["action"].as_str().unwrap().into()).collect();
    assert_eq!(one, ["unlink", "link", "edit", "create"]);
    let table = f.ok(&["history", "1", "--format", "table"]);
    assert!(table.contains("#1 contradicts #2"), "{table}");
    assert!(table.contains("tags, text") || table.contains("text, tags"), "{table}");
}

#[test]
fn an_import_is_one_entry_that_still_names_each_claims_line() {
    let f = Fixture::new();
    f.ok(&["add", "Already here", "--by", "A"]);
    let file = f.path("claims.csv");
    // Line 3 spans two lines; line 6 repeats the stored claim and is left out; ids 7 and 9 are
    // asked for, so the claims land on #2, #3, #7, #9 and #10.
    std::fs::write(
        &file,
        "id,text,actor\n,One,A\n,\"Two,\nacross lines\",B\n7,Seven,\u{627}\u{644}\u{645}\u{62a}\u{62d}\u{62f}\u{62b}\n9,Nine,C\n,Already here,A\n,Ten,D\n",
    )
    .unwrap();
    f.ok(&["--user", "desk", "import", file.to_str().unwrap()]);
    let line_of = |id: &str| {
        let history = entries(&f, &["history", id]);
        assert_eq!(history.len(), 1, "{history:?}");
        assert_eq!(history[0]["action"], "import");
        assert_eq!(history[0]["user"], f.recorded_user("desk"));
        assert!(history[0]["after"]["file"].as_str().unwrap().ends_with("claims.csv"));
        assert_eq!(history[0]["entity_id"], json!(id.parse::<i64>().unwrap()));
        history[0]["after"]["line"].as_i64().unwrap()
    };
    assert_eq!(["2", "3", "7", "9", "10"].map(line_of), [2, 3, 5, 6, 8]);
    // The whole history has one entry for the import, not one per claim.
    let all = entries(&f, &["history"]);
    let imports: Vec<&Value> = all.iter().filter(|e| e["action"] == "import").collect();
    assert_eq!(imports.len(), 1, "{all:?}");
    assert_eq!(imports[0]["after"]["claims"], 5);
    let table = f.ok(&["history", "--format", "tsv"]);
    assert!(table.contains("import\t5 claims\tfrom "), "{table}");
    // An imported claim deleted and restored keeps its whole history.
    f.ok(&["rm", "7"]);
    f.ok(&["restore", "7"]);
    let actions: Vec<String> =
        entries(&f, &["history", "7"]).iter().map(|e| e["action"].as_str().unwrap().into()).collect();
    assert_eq!(actions, ["restore", "delete", "import"]);
    assert_eq!(f.json(&["show", "7", "--format", "json"])["text"], "Seven");
    // A claim the import did not add has no import entry; one that never was is an error.
    assert_eq!(entries(&f, &["history", "1"]).len(), 1);
    let error = f.fails_unchanged(&["history", "8"], 1);
    assert!(error.contains("no claim #8"), "{error}");
}

#[test]
fn a_document_import_names_its_claims_too() {
    let f = Fixture::seeded();
    let all = entries(&f, &["history"]);
    let imports: Vec<&Value> = all.iter().filter(|e| e["action"] == "import" && e["entity"] == "claim").collect();
    assert_eq!(imports.len(), 1);
    assert_eq!(imports[0]["after"]["claims"], 12);
    for id in ["1", "12"] {
        let history = entries(&f, &["history", id]);
        let import = history.iter().find(|e| e["entity"] == "claim").unwrap();
        assert_eq!(import["action"], "import");
        assert_eq!(import["after"]["line"], Value::Null);
    }
}

#[test]
fn restore_brings_back_a_deleted_claim_with_tags_and_relations() {
    let f = Fixture::seeded();
    let before = f.json(&["show", "1", "--format", "json"]);
    f.ok(&["rm", "1"]);
    f.ok(&["rm", "7"]); // the claim at the other end of one relation goes too
    let stderr = f.ok_stderr(&["restore", "1"]);
    assert!(stderr.contains("restored claim #1 with 4 relations"), "{stderr}");
    assert!(stderr.contains("1 relation not back yet"), "{stderr}");
    let after = f.json(&["show", "1", "--format", "json"]);
    for field in [
        "uid", "text", "quote", "actor", "mode", "stated_on", "source", "locator", "tags", "verdict", "notes",
        "created_at", "contradicted_by", "supported_by",
    ] {
        assert_eq!(after[field], before[field], "{field}");
    }
    let disputes = f.json(&["disputes", "--format", "json"]);
    assert_eq!(disputes[0]["pairs"], json!([[1, 5], [4, 5]]));
    let history: Vec<String> =
        entries(&f, &["history", "1"]).iter().map(|e| e["action"].as_str().unwrap().into()).collect();
    assert_eq!(history[0], "restore");
}

#[test]
fn restore_refuses_what_it_cannot_do() {
    let f = Fixture::seeded();
    let error = f.fails_unchanged(&["restore", "1"], 1);
    assert!(error.contains("claim #1 is not deleted"), "{error}");
    let error = f.fails_unchanged(&["restore", "99"], 1);
    assert!(error.contains("the history has no deleted claim #99"), "{error}");
    let error = f.fails_unchanged(&["history", "99"], 1);
    assert!(error.contains("no claim #99"), "{error}");
}
