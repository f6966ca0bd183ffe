//! import of claimtrack JSON documents: lossless, all or nothing.

use crate::common::{Fixture, seed_file};

#[test]
fn export_import_export_gives_the_same_document() {
    let source = Fixture::seeded();
    source.ok(&["add", "قالت إن \"القرار\"\nسياسي", "--by", "דובר", "--tag", "x-y", "--verdict", "false"]);
    source.ok(&["rm", "3"]);
    source.ok(&["actor", "add", "Orphan", "--affiliation", "PMF"]);
    let first = source.ok(&["export", "json"]);
    let copy = Fixture::new();
    let file = copy.path("all.json");
    std::fs::write(&file, &first).unwrap();
    let stderr = copy.ok_stderr(&["import", file.to_str().unwrap()]);
    assert!(stderr.contains("added 12 claims, 8 actors, 1 source, 9 relations"), "{stderr}");
    assert_eq!(copy.ok(&["export", "json"]), first);
    // Claim ids travel too: #13 is still #13 even though #3 is gone.
    assert_eq!(copy.json(&["show", "13", "--format", "json"])["actor"], "דובר");
}

#[test]
fn importing_the_same_document_twice_adds_nothing() {
    let f = Fixture::seeded();
    let before = f.snapshot();
    let stderr = f.ok_stderr(&["import", seed_file().to_str().unwrap()]);
    assert!(stderr.contains("added 0 claims, 0 actors, 0 sources, 0 relations; 29 already here"), "{stderr}");
    assert_eq!(before, f.snapshot());
}

#[test]
fn import_json_form_and_stdin_work() {
    let f = Fixture::new();
    let text = std::fs::read_to_string(seed_file()).unwrap();
    f.ok_with_input(&["import", "-", "--from", "json"], &text);
    assert_eq!(f.json(&["list", "--format", "json"]).as_array().unwrap().len(), 12);
}

#[test]
fn conflicts_are_kept_local_unless_update_is_asked() {
    let f = Fixture::seeded();
    let mut doc: serde_json::Value = serde_json::from_str(&f.ok(&["export", "json"])).unwrap();
    let uid = doc["claims"].as_object().unwrap().keys().next().unwrap().clone();
    doc["claims"][&uid]["text"] = "Changed by a colleague".into();
    let file = f.path("changed.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let before = f.snapshot();
    let stderr = f.ok_stderr(&["import", file.to_str().unwrap()]);
    assert!(stderr.contains("1 conflict"), "{stderr}");
    assert!(stderr.contains(&format!("kept local claim {uid}")), "{stderr}");
    assert_eq!(before, f.snapshot());
    let error = f.fails_unchanged(&["import", file.to_str().unwrap(), "--on-conflict", "fail"], 1);
    assert!(error.contains("differs from the one already in the database"), "{error}");
    f.ok(&["import", file.to_str().unwrap(), "--on-conflict", "update"]);
    assert_eq!(f.json(&["show", "1", "--format", "json"])["text"], "Changed by a colleague");
}

#[test]
fn bad_imports_change_nothing() {
    let f = Fixture::seeded();
    let empty = Fixture::new();
    let write = |name: &str, text: &str| {
        let path = f.path(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    let seed = std::fs::read_to_string(seed_file()).unwrap();
    let first_text =
        "The timing of the talks on ending the coalition mission has nothing to do with the recent militia attacks.";
    let cases = [
        (write("truncated.json", &seed[..seed.len() / 2]), "not a claimtrack JSON document"),
        (write("garbage.json", "{ this is not json"), "line 1 column 3"),
        (write("wrong.json", "[1, 2, 3]"), "not a claimtrack JSON document"),
        (write("typo.json", "{\"claimtrack\": 1, \"claim\": {}}"), "unknown field `claim`"),
        (
            write("bad-date.json", &seed.replacen("\"stated_on\": \"2024-01\"", "\"stated_on\": \"Jan 2024\"", 1)),
            "bad date \"Jan 2024\"",
        ),
        (
            write("bad-mode.json", &seed.replacen("\"mode\": \"direct\"", "\"mode\": \"verbatim\"", 1)),
            "unknown mode \"verbatim\"",
        ),
        (write("empty-text.json", &seed.replacen(first_text, "  ", 1)), "text cannot be empty"),
        (
            write("dangling.json", &seed.replacen("\"actor\": \"018d4837-4c02", "\"actor\": \"018d4837-ffff", 1)),
            "neither in it nor in the database",
        ),
        (write("newer.json", &seed.replacen("\"claimtrack\": 1", "\"claimtrack\": 7", 1)), "newer claimtrack"),
        ("missing.json".into(), "cannot read missing.json"),
    ];
    for (file, expected) in &cases {
        let error = f.fails_unchanged(&["import", file], 1);
        assert!(error.contains(expected), "{file}: {error}");
        // Into an empty database too: nothing is half-imported.
        let error = empty.fails_unchanged(&["import", file], 1);
        assert!(error.contains(expected), "{file}: {error}");
    }
    let bytes = f.path("bytes.json");
    std::fs::write(&bytes, b"{\"claimtrack\": 1, \"sources\": {\"a\": {\"key\": \"caf\xe9\"}}}").unwrap();
    let error = f.fails_unchanged(&["import", bytes.to_str().unwrap()], 1);
    assert!(error.contains("not UTF-8"), "{error}");
    std::fs::write(f.path("notes.txt"), "[1, 2, 3]").unwrap();
    let error = f.fails_unchanged(&["import", f.path("notes.txt").to_str().unwrap()], 1);
    assert!(error.contains("cannot tell the format"), "{error}");
    let error = f.fails_unchanged(&["import", seed_file().to_str().unwrap(), "--on-conflict", "merge"], 2);
    assert!(error.contains("invalid value 'merge' for '--on-conflict <POLICY>'"), "{error}");
}
