//! `config` and what reads it: settings kept in the database, and ClaimReview's publisher, url
//! and date.

use serde_json::Value;

use crate::common::Fixture;

#[test]
fn settings_are_set_read_listed_and_unset() {
    let f = Fixture::seeded();
    assert!(f.ok(&["config", "list"]).trim() == "name\tvalue", "nothing set yet");
    let said = f.ok_stderr(&["config", "set", "reviewer", "  Claims Desk  "]);
    assert!(said.contains("reviewer is now \"Claims Desk\""), "{said}");
    f.ok(&["config", "set", "url-base", "https://checks.example/talks"]);
    f.ok(&["config", "set", "reviewer", "Fact Desk"]);
    assert_eq!(f.ok(&["config", "get", "reviewer"]), "Fact Desk\n");
    assert_eq!(f.ok(&["config", "list"]), "name\tvalue\nreviewer\tFact Desk\nurl-base\thttps://checks.example/talks\n");
    let listed = f.json(&["config", "list", "--format", "json"]);
    assert_eq!(listed[1]["value"], "https://checks.example/talks");
    assert!(f.ok_stderr(&["config", "unset", "reviewer"]).contains("reviewer is no longer set"));
    assert!(f.ok_stderr(&["config", "unset", "reviewer"]).contains("was not set; nothing changed"));
    let error = f.fails(&["config", "get", "reviewer"], 1);
    assert!(error.contains("reviewer is not set: set it with `claimtrack config set reviewer"), "{error}");
}

#[test]
fn settings_travel_with_the_database() {
    let f = Fixture::seeded();
    f.ok(&["config", "set", "url-base", "https://checks.example/talks"]);
    let copy = f.path("copy.db");
    f.ok(&["backup", copy.to_str().unwrap()]);
    let other = Fixture::new();
    let value = other.ok(&["--db", copy.to_str().unwrap(), "config", "get", "url-base"]);
    assert_eq!(value, "https://checks.example/talks\n");
}

#[test]
fn bad_settings_are_refused_and_change_nothing() {
    let f = Fixture::seeded();
    f.ok(&["config", "set", "url-base", "https://checks.example/talks"]);
    for (args, code, says) in [
        (&["config", "set", "colour", "red"][..], 2, "invalid value 'colour'"),
        (&["config", "set", "url-base", "checks.example/talks"], 1, "is not a web address"),
        (&["config", "set", "url-base", "https:///talks"], 1, "is not a web address"),
        (&["config", "set", "url-base", "javascript:alert(1)"], 1, "is not a web address"),
        (&["config", "set", "reviewer", "  "], 1, "reviewer cannot be empty"),
        (&["config", "set", "reviewer", "Desk\u{1b}]0;x\u{7}"], 1, "control characters"),
        (&["config", "get", "url_bas"], 2, "possible values: reviewer, url-base"),
    ] {
        let error = f.fails_unchanged(args, code);
        assert!(error.contains(says), "{args:?}: {error}");
    }
    assert_eq!(f.ok(&["config", "get", "url-base"]), "https://checks.example/talks\n");
    let nowhere = Fixture::new();
    let error = nowhere.fails(&["config", "list"], 1);
    assert!(error.contains("no claims database"), "{error}");
    assert!(!nowhere.db.exists(), "reading settings creates no database");
}

#[test]
fn claimreview_refuses_to_publish_without_a_url() {
    let f = Fixture::seeded();
    f.ok(&["edit", "1", "--verdict", "false"]);
    let target = f.path("reviews.json");
    let error = f.fails_unchanged(&["export", "claimreview", "-o", target.to_str().unwrap()], 2);
    assert!(error.contains("needs --url-base URL"), "{error}");
    assert!(error.contains("claimtrack config set url-base URL"), "{error}");
    assert!(!target.exists(), "nothing written");
    let error = f.fails_unchanged(&["export", "claimreview", "--url-base", "example.org"], 1);
    assert!(error.contains("--url-base: url-base \"example.org\" is not a web address"), "{error}");
}

#[test]
fn claimreview_takes_publisher_and_page_from_the_settings() {
    let f = Fixture::seeded();
    f.ok(&["edit", "1", "--verdict", "false"]);
    f.ok(&["config", "set", "reviewer", "Claims Desk"]);
    f.ok(&["config", "set", "url-base", "https://checks.example/talks"]);
    let reviews = f.json(&["export", "claimreview"]);
    assert_eq!(reviews[0]["author"]["name"], "Claims Desk");
    assert!(reviews[0]["url"].as_str().unwrap().starts_with("https://checks.example/talks#"), "{reviews}");
    // An option wins over the stored value for this run.
    let reviews = f.json(&["export", "claimreview", "--reviewer", "Other Desk", "--url-base", "https://other.example"]);
    assert_eq!(reviews[0]["author"]["name"], "Other Desk");
    assert!(reviews[0]["url"].as_str().unwrap().starts_with("https://other.example#"), "{reviews}");
}

fn claim_json(f: &Fixture, id: &str) -> Value {
    f.json(&["show", id, "--format", "json"])
}

#[test]
fn a_review_is_dated_when_its_verdict_was_set_not_when_the_claim_last_changed() {
    let f = Fixture::new();
    f.ok_with_input(
        &["--user", "alice", "import", "-", "--from", "csv"],
        "text,actor,verdict,created_at,updated_at\n\
         The timing is unrelated to the attacks,U.S. officials,false,2024-01-27T10:00:00Z,2024-02-01T09:00:00Z\n\
         Talks began before October 7,U.S. officials,,2024-01-27T10:00:00Z,2024-01-27T10:00:00Z\n",
    );
    f.ok(&["config", "set", "url-base", "https://checks.example/talks"]);
    let claim = claim_json(&f, "1");
    let (alice, bob) = (f.recorded_user("alice"), f.recorded_user("bob"));
    assert_eq!(claim["verdict_at"], "2024-02-01T09:00:00Z");
    assert_eq!(claim["verdict_by"], alice.as_str());
    assert_eq!(claim_json(&f, "2")["verdict_at"], Value::Null, "unrated: no verdict date");

    // Editing anything but the verdict leaves the review's date alone.
    f.ok(&["--user", "bob", "edit", "1", "--note", "checked against the transcript", "--tag", "timing"]);
    let reviews = f.json(&["export", "claimreview"]);
    assert_eq!(reviews[0]["datePublished"], "2024-02-01", "{reviews}");
    assert_eq!(claim_json(&f, "1")["verdict_by"], alice.as_str());

    // Setting the verdict again to the same word keeps its date; a new verdict is dated now.
    f.ok(&["--user", "bob", "edit", "1", "--verdict", "false"]);
    assert_eq!(claim_json(&f, "1")["verdict_at"], "2024-02-01T09:00:00Z");
    f.ok(&["--user", "bob", "edit", "1", "--verdict", "misleading"]);
    let claim = claim_json(&f, "1");
    assert_eq!(claim["verdict_by"], bob.as_str());
    let set = claim["verdict_at"].as_str().unwrap().to_string();
    assert!(set.as_str() > "2024-02-02", "{set}");
    let reviews = f.json(&["export", "claimreview"]);
    assert_eq!(reviews[0]["datePublished"], set[..10], "{reviews}");
    let shown = f.ok(&["show", "1", "--format", "table"]);
    assert!(shown.contains(&set) && shown.contains("verdict_by") && shown.contains(&bob), "{shown}");

    // Back to unrated: no review, no date.
    f.ok(&["edit", "1", "--verdict", "unrated"]);
    assert_eq!(claim_json(&f, "1")["verdict_at"], Value::Null);
    assert_eq!(f.json(&["export", "claimreview"]), serde_json::json!([]));
}

#[test]
fn the_verdict_date_travels_in_the_document_and_comes_back_with_restore() {
    let f = Fixture::seeded();
    f.ok(&["--user", "alice", "edit", "3", "--verdict", "mostly-true"]);
    let set = claim_json(&f, "3")["verdict_at"].clone();
    assert!(set.is_string());
    let document = f.ok(&["export", "json"]);
    let copy = Fixture::new();
    copy.ok_with_input(&["--user", "carol", "import", "-", "--from", "json"], &document);
    let claim = claim_json(&copy, "3");
    let alice = f.recorded_user("alice");
    assert_eq!((claim["verdict_at"].clone(), claim["verdict_by"].clone()), (set.clone(), alice.as_str().into()));
    assert_eq!(copy.ok(&["export", "json"]), document, "the round trip keeps the document as it was");

    f.ok(&["rm", "3"]);
    f.ok(&["restore", "3"]);
    assert_eq!(claim_json(&f, "3")["verdict_at"], set);

    let stamp = format!("\"verdict_at\": {set}");
    assert!(document.contains(&stamp), "{document}");
    let bad = document.replacen(&stamp, "\"verdict_at\": \"last week\"", 1);
    let other = Fixture::new();
    let output = other.cmd(&["import", "-", "--from", "json"]).write_stdin(bad).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("verdict_at") && stderr.contains("bad timestamp"), "{stderr}");
}

#[test]
fn importing_a_story_file_brings_its_settings() {
    let other = Fixture::sqlite_seeded();
    other.ok(&["config", "set", "reviewer", "Fact Desk"]);
    other.ok(&["config", "set", "url-base", "https://checks.example/talks"]);
    let file = other.db.to_str().unwrap();
    let f = Fixture::new();
    f.ok(&["config", "set", "reviewer", "مكتب التحقق"]);
    let said = f.ok_stderr(&["import", file]);
    assert!(said.contains(", 1 setting; "), "{said}");
    assert!(said.contains("kept local setting reviewer: here \"مكتب التحقق\", incoming \"Fact Desk\""), "{said}");
    assert_eq!(
        f.ok(&["config", "list"]),
        "name\tvalue\nreviewer\tمكتب التحقق\nurl-base\thttps://checks.example/talks\n"
    );
    let said = f.ok_stderr(&["import", "--on-conflict", "update", file]);
    assert!(!said.contains("setting"), "the url-base is the same now, the reviewer taken: {said}");
    assert_eq!(f.ok(&["config", "get", "reviewer"]), "Fact Desk\n");
    f.ok(&["config", "set", "reviewer", "Claims Desk"]);
    let refused = f.fails_unchanged(&["import", "--on-conflict", "fail", file], 1);
    assert!(refused.contains("setting reviewer differs"), "{refused}");
}
