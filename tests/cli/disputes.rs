//! disputes: contested claims side by side.

use serde_json::{Value, json};

use crate::common::Fixture;

fn side_ids(side: &Value) -> Vec<i64> {
    side.as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect()
}

#[test]
fn the_seed_story_has_two_disputes_with_supporters_on_their_sides() {
    let f = Fixture::seeded();
    let disputes = f.json(&["disputes", "--format", "json"]);
    assert_eq!(disputes.as_array().unwrap().len(), 2);
    let timing = &disputes[0];
    assert_eq!(side_ids(&timing["sides"][0]), [1, 4, 2, 3], "U.S. officials and their supporting claims");
    assert_eq!(side_ids(&timing["sides"][1]), [5, 6]);
    assert_eq!(timing["pairs"], json!([[1, 5], [4, 5]]));
    let claim = &timing["sides"][1][0];
    assert_eq!(claim["actor"], "Islamic Resistance in Iraq");
    assert_eq!(claim["source"], "seed-2024-01-27");
    assert_eq!(claim["stated_on"], "2024-01");
    assert!(claim["text"].as_str().unwrap().contains("forced the decision"));
    let sovereignty = &disputes[1];
    assert_eq!(side_ids(&sovereignty["sides"][0]), [9]);
    assert_eq!(side_ids(&sovereignty["sides"][1]), [10, 11]);
}

#[test]
fn the_table_puts_each_side_in_its_own_column() {
    let f = Fixture::seeded();
    let table = f.ok(&["disputes", "--format", "table"]);
    let header =
        table.lines().find(|l| l.contains("U.S. officials") && l.contains("Islamic Resistance in Iraq")).expect(&table);
    assert!(header.find("U.S. officials") < header.find("Islamic Resistance in Iraq"), "{header}");
    assert!(table.contains("Dispute 2"), "{table}");
    let row = table.lines().find(|l| l.contains("#1 U.S. officials")).expect(&table);
    assert!(row.contains("#5 Islamic Resistance in Iraq"), "sides next to each other: {row}");
}

#[test]
fn filters_pick_the_disputes_they_touch() {
    let f = Fixture::seeded();
    let by = f.json(&["disputes", "--by", "Iraqi officials", "--format", "json"]);
    assert_eq!(by.as_array().unwrap().len(), 1);
    assert_eq!(by[0]["pairs"], json!([[9, 10]]));
    let tagged = f.json(&["disputes", "--tag", "timing", "--format", "json"]);
    assert_eq!(tagged[0]["pairs"], json!([[1, 5], [4, 5]]));
    assert_eq!(tagged.as_array().unwrap().len(), 1);
    // A supporter's actor brings in the dispute it supports.
    f.ok(&["add", "The strikes answer the attacks", "--by", "Pentagon"]);
    f.ok(&["link", "13", "supports", "10"]);
    let pentagon = f.json(&["disputes", "--by", "Pentagon", "--format", "json"]);
    assert_eq!(side_ids(&pentagon[0]["sides"][1]), [10, 11, 13]);
    assert_eq!(f.json(&["disputes", "--source", "seed-2024-01-27", "--format", "json"]).as_array().unwrap().len(), 2);
    let error = f.fails(&["disputes", "--by", "Nobody"], 1);
    assert!(error.contains("unknown actor"), "{error}");
}

#[test]
fn a_dispute_that_cannot_be_split_is_shown_as_its_pairs() {
    let f = Fixture::seeded();
    // A third party contradicting both sides makes an odd cycle.
    f.ok(&["add", "Both sides are wrong", "--by", "Analyst"]);
    f.ok(&["link", "13", "contradicts", "9"]);
    f.ok(&["link", "13", "contradicts", "10"]);
    let disputes = f.json(&["disputes", "--format", "json"]);
    assert_eq!(disputes[1]["sides"], json!([]));
    assert_eq!(disputes[1]["pairs"], json!([[9, 10], [9, 13], [10, 13]]));
    let table = f.ok(&["disputes", "--format", "table"]);
    assert!(table.contains("do not split into two sides"), "{table}");
}

#[test]
fn no_disputes_is_said_plainly() {
    let f = Fixture::new();
    f.ok(&["add", "Alone", "--by", "x"]);
    let output = f.cmd(&["disputes", "--format", "table"]).output().unwrap();
    assert!(output.status.success());
    assert!(output.stdout.is_empty());
    assert_eq!(f.ok(&["disputes", "--format", "json"]), "[]\n");
    assert!(String::from_utf8_lossy(&output.stderr).contains("no disputes"));
}

#[test]
fn csv_lists_each_claim_with_its_side() {
    let f = Fixture::seeded();
    let csv = f.ok(&["disputes", "--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("dispute,side,id,actor,text,source,stated_on"));
    assert!(csv.contains("\n1,2,5,Islamic Resistance in Iraq,"), "{csv}");
    assert_eq!(csv.lines().count(), 1 + 6 + 3);
}
