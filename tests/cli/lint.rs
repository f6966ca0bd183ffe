//! lint: the desk's check before publication.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::common::Fixture;

/// Run lint with JSON output: (exit code, findings, the standard error).
fn lint(f: &Fixture, args: &[&str]) -> (i32, Vec<Value>, String) {
    let mut all = vec!["--format", "json", "lint"];
    all.extend_from_slice(args);
    let output = f.cmd(&all).output().expect("claimtrack runs");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let findings: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("bad JSON ({e}): {stdout}"));
    (output.status.code().unwrap(), findings.as_array().unwrap().clone(), String::from_utf8(output.stderr).unwrap())
}

fn rules(findings: &[Value]) -> BTreeSet<String> {
    findings.iter().map(|f| f["rule"].as_str().unwrap().to_string()).collect()
}

fn claims_of<'a>(findings: &'a [Value], rule: &str) -> Vec<&'a Value> {
    findings.iter().filter(|f| f["rule"] == rule).map(|f| &f["claims"]).collect()
}

/// The seed story with one of everything lint looks for added (claims #13-#18).
fn flawed_story() -> Fixture {
    let f = Fixture::seeded();
    std::fs::write(f.path("article.txt"), "The minister said: \u{201c}We will rebuild the bridge by spring.\u{201d}")
        .unwrap();
    f.ok(&["source", "add", "bridge", "--title", "Bridge to reopen", "--text-file", "article.txt"]);
    f.ok(&["source", "add", "tip"]);
    f.ok(&[
        "add",
        "The bridge reopens by summer",
        "--by",
        "Minister",
        "--source",
        "bridge",
        "--quote",
        "we will rebuild the bridge by summer",
        "--on",
        "2024-02-01",
    ]); // 13
    f.ok(&[
        "add", "The bridge reopens by spring", "--by", "Minister", "--source", "bridge", "--mode", "direct", "--on",
        "2024-02-01",
    ]); // 14
    f.ok(&["add", "Talks began before October 7", "--by", "US officals"]); // 15
    f.ok(&["add", "The strikes were lawful", "--by", "Iraqi officials", "--source", "tip"]); // 16
    f.ok(&["link", "16", "contradicts", "9"]);
    f.ok(&[
        "add",
        "The timing of the talks on ending the coalition mission has nothing to do with recent militia attacks",
        "--by",
        "U.S. officials",
        "--source",
        "seed-2024-01-27",
        "--on",
        "2024-01",
    ]); // 17
    f.ok(&[
        "add",
        "The attacks did not force anything",
        "--by",
        "U.S. officials",
        "--source",
        "seed-2024-01-27",
        "--on",
        "2024-02",
    ]); // 18
    f.ok(&["link", "18", "supersedes", "4"]);
    f.ok(&["edit", "10", "--verdict", "true"]);
    f.ok(&["edit", "11", "--verdict", "true"]);
    f.ok(&["edit", "1", "--verdict", "false"]);
    f.ok(&["edit", "5", "--verdict", "mostly-false"]);
    f
}

#[test]
fn the_seed_story_is_clean() {
    let f = Fixture::seeded();
    let (code, findings, stderr) = lint(&f, &[]);
    assert_eq!((code, findings.len()), (0, 0), "{stderr}");
    assert_eq!(stderr.trim(), "lint: 12 claims checked: 0 errors, 0 warnings");
}

#[test]
fn every_rule_is_found_and_errors_fail_the_run() {
    let f = flawed_story();
    let (code, findings, stderr) = lint(&f, &[]);
    assert_eq!(code, 1, "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(lines[0].starts_with("lint: 18 claims checked: 4 errors, 6 warnings; "), "{stderr}");
    assert_eq!(
        rules(&findings),
        [
            "quote-not-in-source", "direct-without-quote", "no-source", "verdicts-disagree", "source-unidentified",
            "actor-on-both-sides", "near-duplicate-actors", "near-duplicate-claims", "superseded-in-dispute",
            "undated-in-dispute",
        ]
        .into_iter()
        .map(String::from)
        .collect()
    );
    assert_eq!(claims_of(&findings, "quote-not-in-source"), [&serde_json::json!([13])]);
    assert_eq!(claims_of(&findings, "direct-without-quote"), [&serde_json::json!([14])]);
    assert_eq!(claims_of(&findings, "no-source"), [&serde_json::json!([15])]);
    assert_eq!(claims_of(&findings, "source-unidentified"), [&serde_json::json!([16])]);
    assert_eq!(claims_of(&findings, "verdicts-disagree"), [&serde_json::json!([1, 5])]);
    assert_eq!(claims_of(&findings, "actor-on-both-sides"), [&serde_json::json!([9, 16])]);
    assert_eq!(claims_of(&findings, "near-duplicate-claims"), [&serde_json::json!([1, 17])]);
    assert_eq!(claims_of(&findings, "superseded-in-dispute"), [&serde_json::json!([4, 18])]);
    let misquote = &findings[0];
    assert_eq!(
        (misquote["rule"].as_str(), misquote["severity"].as_str()),
        (Some("quote-not-in-source"), Some("error"))
    );
    assert!(misquote["finding"].as_str().unwrap().contains("We will rebuild the bridge by spring"), "{misquote}");
    assert!(misquote["fix"].as_str().unwrap().contains("claimtrack edit 13 --quote"), "{misquote}");
    let merge = &findings.iter().find(|f| f["rule"] == "near-duplicate-actors").unwrap()["fix"];
    assert!(merge.as_str().unwrap().contains("actor merge \"US officals\" \"U.S. officials\""), "{merge}");
    // Errors are listed first.
    let severities: Vec<&str> = findings.iter().map(|f| f["severity"].as_str().unwrap()).collect();
    assert!(severities.is_sorted_by_key(|s| *s != "error"), "{severities:?}");
}

#[test]
fn an_undated_claim_in_a_dispute_is_a_warning_only() {
    let f = Fixture::seeded();
    f.ok(&["add", "No such talks took place", "--by", "Popular Mobilization Forces", "--source", "seed-2024-01-27"]);
    f.ok(&["link", "13", "contradicts", "3"]);
    let (code, findings, _) = lint(&f, &[]);
    assert_eq!(code, 0, "warnings alone pass");
    assert_eq!(rules(&findings), ["undated-in-dispute".to_string()].into());
    assert_eq!(findings[0]["claims"], serde_json::json!([13]));
    assert_eq!(findings[0]["severity"], "warning");
}

#[test]
fn findings_are_accepted_per_run_and_per_claim() {
    let f = flawed_story();
    let errors = ["quote-not-in-source", "direct-without-quote", "no-source", "verdicts-disagree"];
    let mut allow = Vec::new();
    for rule in &errors[1..] {
        allow.extend(["--allow", rule]);
    }
    let (code, findings, stderr) = lint(&f, &allow);
    assert_eq!(code, 1, "one error left: {stderr}");
    assert_eq!(findings.iter().filter(|f| f["severity"] == "error").count(), 1);

    // The desk accepts the misquotation on the claim itself: it stays accepted in later runs.
    f.ok(&["edit", "13", "--tag", "lint-ok:quote-not-in-source"]);
    let (code, findings, stderr) = lint(&f, &allow);
    assert_eq!(code, 0, "{stderr}");
    assert!(!rules(&findings).contains("quote-not-in-source"));
    assert!(stderr.contains("0 errors") && stderr.contains("accepted"), "{stderr}");
    // A tag accepts only its own rule.
    f.ok(&["edit", "15", "--tag", "lint-ok:undated-in-dispute"]);
    let (_, findings, _) = lint(&f, &[]);
    assert!(rules(&findings).contains("no-source"));
}

#[test]
fn filters_narrow_what_is_checked() {
    let f = flawed_story();
    let (code, findings, stderr) = lint(&f, &["--by", "Minister"]);
    assert_eq!(code, 1);
    assert_eq!(
        rules(&findings),
        ["direct-without-quote", "quote-not-in-source"].into_iter().map(String::from).collect()
    );
    assert!(stderr.starts_with("lint: 2 claims checked"), "{stderr}");
}

#[test]
fn bad_input_gets_one_line() {
    let f = Fixture::seeded();
    let error = f.fails(&["lint", "--allow", "no-sauce"], 1);
    assert!(error.contains("unknown lint rule \"no-sauce\": use one of quote-not-in-source,"), "{error}");
    let error = f.fails(&["lint", "--tag", "nope"], 1);
    assert!(error.contains("unknown tag \"nope\""), "{error}");
    let empty = Fixture::new();
    let error = empty.fails(&["lint"], 1);
    assert!(error.contains("no claims database"), "{error}");
    assert!(!empty.db.exists(), "lint never creates a database");
}

#[test]
fn the_table_names_rule_claims_and_fix() {
    let f = flawed_story();
    let table = |width: &str| {
        let output = f.cmd(&["--format", "table", "lint"]).env("COLUMNS", width).output().unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let narrow = table("80");
    assert!(narrow.lines().all(|l| l.chars().count() <= 80), "fits 80 columns:\n{narrow}");
    assert!(narrow.contains("quote-not-in-source"), "rule names are never broken:\n{narrow}");
    let wide = table("120");
    assert!(wide.contains("quote-not-in-source") && wide.contains("edit 13 --quote"), "{wide}");
}
