//! `tag list|rename|merge`, and the error that points at them.

use crate::common::Fixture;

#[test]
fn tags_are_listed_with_their_counts() {
    let f = Fixture::seeded();
    assert_eq!(f.ok(&["tag", "list"]), "tag\tclaims\nattacks\t3\nsovereignty\t3\ntiming\t6\n");
    let listed = f.json(&["tag", "list", "--format", "json"]);
    assert_eq!(listed[2], serde_json::json!({"tag": "timing", "claims": 6}));
    let error = f.fails_unchanged(&["list", "--tag", "timeing"], 1);
    assert!(error.contains("unknown tag \"timeing\"") && error.contains("see `claimtrack tag list`"), "{error}");

    let empty = Fixture::new();
    empty.ok(&["init"]);
    let output = empty.cmd(&["tag", "list"]).output().unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no claim has a tag yet"));
    let nowhere = Fixture::new();
    assert!(nowhere.fails(&["tag", "list"], 1).contains("no claims database"));
    assert!(!nowhere.db.exists());
}

#[test]
fn a_renamed_tag_is_renamed_on_every_claim_with_history() {
    let f = Fixture::seeded();
    let said = f.ok_stderr(&["tag", "rename", "attacks", "militia attacks"]);
    assert!(said.contains("renamed tag \"attacks\" to \"militia attacks\" on 3 claims"), "{said}");
    assert_eq!(f.json(&["list", "--tag", "militia attacks", "--format", "json"]).as_array().unwrap().len(), 3);
    assert!(f.fails(&["list", "--tag", "attacks"], 1).contains("unknown tag"));
    let history = f.json(&["history", "7", "--format", "json"]);
    assert_eq!(history[0]["action"], "edit", "{history}");
    assert_eq!(history[0]["before"]["tags"], serde_json::json!(["attacks"]), "{history}");
    assert_eq!(history[0]["after"]["tags"], serde_json::json!(["militia attacks"]), "{history}");
    assert!(f.ok(&["history", "7", "--format", "tsv"]).lines().nth(1).unwrap().ends_with("\ttags"));
    // Any script: the tag is a label like any other.
    f.ok(&["tag", "rename", "sovereignty", "السيادة"]);
    assert_eq!(f.json(&["list", "--tag", "السيادة", "--format", "json"]).as_array().unwrap().len(), 3);
}

#[test]
fn merging_tags_puts_their_claims_under_one() {
    let f = Fixture::seeded();
    f.ok(&["edit", "7", "--tag", "timing"]); // #7 carries both
    let said = f.ok_stderr(&["tag", "merge", "attacks", "timing"]);
    assert!(said.contains("merged tag \"attacks\" into \"timing\" on 3 claims"), "{said}");
    assert_eq!(f.ok(&["tag", "list"]), "tag\tclaims\nsovereignty\t3\ntiming\t9\n");
    let seven = f.json(&["show", "7", "--format", "json"]);
    assert_eq!(seven["tags"], serde_json::json!(["timing"]), "one tag, not two");
    let entries = f.json(&["history", "--format", "json", "--limit", "3"]);
    let entries = entries.as_array().unwrap();
    assert!(entries.iter().all(|e| e["after"]["tags"] == serde_json::json!(["timing"])), "{entries:?}");
    assert_eq!(entries[2]["before"]["tags"], serde_json::json!(["attacks", "timing"]));
}

#[test]
fn bad_tag_changes_are_refused_and_change_nothing() {
    let f = Fixture::seeded();
    for (args, code, says) in [
        (&["tag", "rename", "attacks", "timing"][..], 1, "run `claimtrack tag merge \"attacks\" \"timing\"`"),
        (&["tag", "rename", "nope", "x"], 1, "unknown tag \"nope\": no claim carries it (see `claimtrack tag list`"),
        (&["tag", "rename", "attacks", "  "], 1, "a tag cannot be empty"),
        (&["tag", "rename", "attacks", "a\u{1b}[2Jb"], 1, "control character"),
        (&["tag", "rename", "attacks", "attacks"], 1, "is the same tag"),
        (&["tag", "merge", "attacks", "nope"], 1, "unknown tag \"nope\""),
        (&["tag", "merge", "timing", "timing"], 1, "is the same tag"),
        (&["tag", "rename", "attacks"], 2, "required"),
    ] {
        let error = f.fails_unchanged(args, code);
        assert!(error.contains(says), "{args:?}: {error}");
    }
}
