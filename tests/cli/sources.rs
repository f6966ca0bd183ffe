//! source add|list|show|edit|rm.

use crate::common::Fixture;

#[test]
fn add_list_show_edit_and_remove_a_source() {
    let f = Fixture::new();
    let text = f.path("article.txt");
    std::fs::write(&text, "U.S. officials said the timing is unrelated.").unwrap();
    f.ok(&[
        "source",
        "add",
        "ap-2024-01-27",
        "--title",
        "Talks begin",
        "--url",
        "https://example.org/a",
        "--publisher",
        "AP",
        "--published",
        "2024-01-27",
        "--accessed",
        "2024-02",
        "--kind",
        "article",
        "--text-file",
        text.to_str().unwrap(),
    ]);
    let listed = f.json(&["source", "list", "--format", "json"]);
    assert_eq!(listed[0]["key"], "ap-2024-01-27");
    assert_eq!(listed[0]["publisher"], "AP");
    assert_eq!(listed[0]["claims"], 0);

    let shown = f.json(&["source", "show", "ap-2024-01-27", "--format", "json"]);
    assert_eq!(shown["published"], "2024-01-27");
    assert_eq!(shown["accessed"], "2024-02");
    assert_eq!(shown["text"], "44 characters");

    f.ok(&["source", "edit", "ap-2024-01-27", "--key", "ap-talks", "--publisher", ""]);
    let shown = f.json(&["source", "show", "ap-talks", "--format", "json"]);
    assert_eq!(shown["publisher"], serde_json::Value::Null);
    assert_eq!(shown["title"], "Talks begin");

    f.ok(&["source", "rm", "ap-talks"]);
    assert_eq!(f.json(&["source", "list", "--format", "json"]), serde_json::json!([]));
}

#[test]
fn bad_source_input_changes_nothing() {
    let f = Fixture::seeded();
    let error = f.fails_unchanged(&["source", "add", "seed-2024-01-27"], 1);
    assert!(error.contains("already exists"), "{error}");
    let error = f.fails_unchanged(&["source", "add", "new", "--published", "27/01/2024"], 1);
    assert!(error.contains("--published: bad date \"27/01/2024\""), "{error}");
    let error = f.fails_unchanged(&["source", "add", "  "], 1);
    assert!(error.contains("cannot be empty"), "{error}");
    let error = f.fails_unchanged(&["source", "show", "nope"], 1);
    assert!(error.contains("unknown source \"nope\""), "{error}");
    let error = f.fails_unchanged(&["source", "rm", "seed-2024-01-27"], 1);
    assert!(error.contains("cited by 12 claims"), "{error}");
    let error = f.fails_unchanged(&["source", "add", "x", "--text-file", "missing.txt"], 1);
    assert!(error.contains("--text-file: cannot read missing.txt"), "{error}");
    f.ok(&["source", "add", "other"]);
    let error = f.fails_unchanged(&["source", "edit", "other", "--key", "seed-2024-01-27"], 1);
    assert!(error.contains("that key is taken"), "{error}");
}
