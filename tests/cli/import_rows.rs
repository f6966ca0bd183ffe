//! import of CSV, TSV and JSON lines: fields, spellings, sources, relations, conflicts, faults.

use serde_json::json;

use crate::common::{Fixture, seed_file};

fn write(f: &Fixture, name: &str, bytes: &[u8]) -> String {
    let path = f.path(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn csv_rows_become_claims_with_actors_sources_and_tags() {
    let f = Fixture::new();
    let file = write(
        &f,
        "claims.csv",
        "Claim,Speaker,Date,Source,URL,Tags,Quote,Mode,Verdict,Notes,Page\n\
         \"Talks predate the attacks, officials say\",U.S. officials,2024-01-27,ap-1,https://example.org/a,timing;talks,already in progress,,false,checked,p. 2\n\
         Attacks forced the decision,Islamic Resistance in Iraq,2024-01,https://news.example/iraq/talks?x=1,,timing,,reported,,,\n"
            .as_bytes(),
    );
    let stderr = f.ok_stderr(&["import", &file]);
    assert!(stderr.contains("imported"), "{stderr}");
    assert!(stderr.contains("2 claims added, 0 already here, 0 updated; 2 new actors, 2 new sources"), "{stderr}");
    let claims = f.json(&["list", "--format", "json"]);
    assert_eq!(claims[0]["text"], "Talks predate the attacks, officials say");
    assert_eq!(claims[0]["actor"], "U.S. officials");
    assert_eq!(claims[0]["source"], "ap-1");
    assert_eq!(claims[0]["source_url"], "https://example.org/a");
    assert_eq!(claims[0]["tags"], json!(["talks", "timing"]));
    assert_eq!(claims[0]["mode"], "direct", "a quote makes it direct");
    assert_eq!(claims[0]["verdict"], "false");
    assert_eq!(claims[0]["locator"], "p. 2");
    assert_eq!(claims[1]["mode"], "reported");
    // A URL in the source column finds or makes a source by URL, under a key made from it.
    assert_eq!(claims[1]["source"], "news-example-iraq-talks");
    assert_eq!(claims[1]["source_url"], "https://news.example/iraq/talks?x=1");
}

#[test]
fn unknown_columns_are_named_and_map_renames_them() {
    let f = Fixture::new();
    let file = write(
        &f,
        "de.csv",
        "text,Sprecher,Datum,Ressort\nDie Gespräche laufen,Regierungssprecher,2024-01-27,Politik\n".as_bytes(),
    );
    let output = f.cmd(&["import", &file]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("no actor column"), "{stderr}");
    let stderr = f.ok_stderr(&["import", &file, "--map", "Sprecher=actor", "--map", "Datum=stated_on"]);
    assert!(stderr.contains("warning:") && stderr.contains("\"Ressort\" is not imported"), "{stderr}");
    let claims = f.json(&["list", "--format", "json"]);
    assert_eq!(claims[0]["actor"], "Regierungssprecher");
    assert_eq!(claims[0]["stated_on"], "2024-01-27");
    let error = f.fails(&["import", &file, "--map", "Sprecher=speaker_name"], 1);
    assert!(error.contains("unknown field \"speaker_name\""), "{error}");
}

#[test]
fn tsv_jsonl_and_stdin_are_read_too() {
    let f = Fixture::new();
    let tsv = write(&f, "claims.tsv", "text\tactor\ttags\nline one\\nline two\tA\tx; y\n".as_bytes());
    f.ok(&["import", &tsv]);
    let jsonl = write(
        &f,
        "claims.jsonl",
        "{\"claim\": \"From JSON\", \"speaker\": \"B\", \"tags\": [\"z\"], \"date\": \"2023\"}\n\n{\"text\": \"Second\", \"by\": \"B\"}\n".as_bytes(),
    );
    f.ok(&["import", &jsonl]);
    f.ok_with_input(&["import", "-", "--from", "csv"], "text,actor\nFrom stdin,C\n");
    f.ok_with_input(&["import", "-"], "{\"text\": \"Sniffed JSON lines\", \"actor\": \"C\"}\n");
    let claims = f.json(&["list", "--format", "json"]);
    let texts: Vec<&str> = claims.as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["line one\nline two", "From JSON", "Second", "From stdin", "Sniffed JSON lines"]);
    assert_eq!(claims[0]["tags"], json!(["x", "y"]));
    assert_eq!(claims[1]["stated_on"], "2023");
}

#[test]
fn csv_export_import_export_is_identical() {
    let source = Fixture::seeded();
    source.ok(&["add", "=cmd|' /C calc'!A0", "--by", "-attacker", "--note", "multi\nline, \"quoted\"", "--tag", "odd"]);
    source.ok(&["add", "قالت إن القرار سياسي", "--by", "המקור", "--quote", "+1"]);
    source.ok(&["rm", "2"]);
    let first = source.ok(&["export", "csv", "--raw"]);
    let copy = Fixture::new();
    let file = write(&copy, "claims.csv", first.as_bytes());
    copy.ok(&["import", &file]);
    assert_eq!(copy.ok(&["export", "csv", "--raw"]), first);
    // Relations written as contradicted_by/supported_by came back too.
    assert_eq!(copy.json(&["disputes", "--format", "json"]).as_array().unwrap().len(), 2);
}

#[test]
fn jsonl_export_import_keeps_every_field() {
    let source = Fixture::seeded();
    let lines = source.ok(&["export", "jsonl"]);
    assert_eq!(lines.lines().count(), 12);
    let first: serde_json::Value = serde_json::from_str(lines.lines().next().unwrap()).unwrap();
    for field in [
        "id", "uid", "text", "quote", "actor", "mode", "stated_on", "source", "locator", "tags", "verdict", "notes",
        "contradicted_by", "supported_by", "created_at", "updated_at",
    ] {
        assert!(first.get(field).is_some(), "{field} missing from {first}");
    }
    let copy = Fixture::new();
    let file = write(&copy, "claims.jsonl", lines.as_bytes());
    copy.ok(&["import", &file]);
    assert_eq!(copy.ok(&["export", "csv", "--raw"]), source.ok(&["export", "csv", "--raw"]));
}

#[test]
fn reimporting_rows_with_uids_skips_updates_or_fails() {
    let f = Fixture::seeded();
    let csv = f.ok(&["export", "csv", "--raw"]);
    let file = write(&f, "again.csv", csv.as_bytes());
    let before = f.snapshot();
    let stderr = f.ok_stderr(&["import", &file]);
    assert!(stderr.contains("0 claims added, 12 already here, 0 updated"), "{stderr}");
    assert_eq!(before, f.snapshot());

    let changed = csv.replacen("The timing of the talks", "The TIMING of the talks", 1);
    let file = write(&f, "changed.csv", changed.as_bytes());
    let stderr = f.ok_stderr(&["import", &file, "--on-conflict", "update"]);
    assert!(stderr.contains("0 claims added, 11 already here, 1 updated"), "{stderr}");
    assert!(f.json(&["show", "1", "--format", "json"])["text"].as_str().unwrap().starts_with("The TIMING"));

    // The first file now differs from what is stored in one row: --on-conflict fail refuses it.
    let original = write(&f, "original.csv", csv.as_bytes());
    let before = f.snapshot();
    let output = f.cmd(&["import", &original, "--on-conflict", "fail"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 2: uid ") && stderr.contains("is already claim #1 with other content"), "{stderr}");
    assert_eq!(before, f.snapshot());
}

#[test]
fn dry_run_reports_without_writing() {
    let f = Fixture::seeded();
    let file = write(&f, "new.csv", "text,actor,source\nNew claim,New actor,new-source\n".as_bytes());
    let before = f.snapshot();
    let stderr = f.ok_stderr(&["import", &file, "--dry-run"]);
    assert!(stderr.contains("dry run, nothing written: would import"), "{stderr}");
    assert!(stderr.contains("1 claim added, 0 already here, 0 updated; 1 new actor, 1 new source"), "{stderr}");
    assert_eq!(before, f.snapshot());
}

#[test]
fn relations_import_by_id_or_uid() {
    let f = Fixture::seeded();
    let uid = f.json(&["show", "8", "--format", "json"])["uid"].as_str().unwrap().to_string();
    let file = write(
        &f,
        "relations.csv",
        format!("from,kind,to,note\n7,contradicts,3,vow vs plan\n{uid},supports,5,\n3,contradicts,7,\n").as_bytes(),
    );
    let stderr = f.ok_stderr(&["import", &file, "--relations"]);
    assert!(stderr.contains("2 relations added, 1 already there"), "{stderr}");
    assert_eq!(f.json(&["show", "5", "--format", "json"])["supported_by"], json!([6, 8]));
    let bad = write(&f, "bad.csv", "from,kind,to\n1,refutes,2\n1,supports,999\n4,supports,4\n".as_bytes());
    let before = f.snapshot();
    let output = f.cmd(&["import", &bad, "--relations"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("line 2, column 2 (kind): unknown relation kind \"refutes\""), "{stderr}");
    assert!(stderr.contains("line 4: a claim cannot be linked to itself"), "{stderr}");
    assert_eq!(before, f.snapshot());
}

#[test]
fn every_bad_relation_row_is_named_up_to_twenty() {
    let f = Fixture::seeded();
    // Good rows among them are not written, and a fault after the first is still found.
    let bad = write(
        &f,
        "bad.csv",
        b"from,kind,to,note\n1,contradicts,999,a\n2,supports,3,fine\n998,supports,2,b\n1,contradicts,no-such-uid,c\n4,qualifies,996,d\n",
    );
    let before = f.snapshot();
    let output = f.cmd(&["import", &bad, "--relations"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    for fault in [
        "line 2: no claim \"999\"",
        "line 4: no claim \"998\"",
        "line 5: no claim \"no-such-uid\"",
        "line 6: no claim \"996\"",
    ] {
        assert!(stderr.contains(fault), "{fault}: {stderr}");
    }
    assert!(stderr.contains("4 problems found; nothing was imported"), "{stderr}");
    assert_eq!(before, f.snapshot());

    let mut many = String::from("from,kind,to\n");
    for id in 1000..1025 {
        many.push_str(&format!("1,supports,{id}\n"));
    }
    let many = write(&f, "many.csv", many.as_bytes());
    let output = f.cmd(&["import", &many, "--relations"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.matches("no claim").count(), 20, "{stderr}");
    assert!(stderr.contains("... and 5 more problems"), "{stderr}");
    assert!(stderr.contains("25 problems found"), "{stderr}");
}

#[test]
fn a_colleagues_database_merges_once() {
    let mine = Fixture::seeded();
    // The colleague's story is a file, whichever engine holds ours.
    let theirs = Fixture::sqlite_seeded();
    theirs.ok(&["add", "Their new claim", "--by", "Iraqi officials", "--tag", "sovereignty"]);
    theirs.ok(&["link", "13", "supports", "9"]);
    theirs.ok(&["edit", "2", "--note", "their note"]);
    let their_file = theirs.db.to_str().unwrap().to_string();
    let their_bytes = std::fs::read(&theirs.db).unwrap();

    let stderr = mine.ok_stderr(&["import", &their_file]);
    assert!(stderr.contains("added 1 claim, 0 actors, 0 sources, 1 relation"), "{stderr}");
    assert!(stderr.contains("1 conflict"), "{stderr}");
    assert!(stderr.contains("kept local claim"), "{stderr}");
    assert_eq!(mine.json(&["show", "2", "--format", "json"])["notes"], serde_json::Value::Null);
    let after_first = mine.snapshot();
    let stderr = mine.ok_stderr(&["import", &their_file]);
    assert!(stderr.contains("added 0 claims, 0 actors, 0 sources, 0 relations"), "{stderr}");
    assert_eq!(after_first, mine.snapshot(), "the second merge adds nothing");
    assert_eq!(std::fs::read(&theirs.db).unwrap(), their_bytes, "the colleague's file is untouched");
    mine.ok(&["import", &their_file, "--on-conflict", "update"]);
    assert_eq!(mine.json(&["show", "2", "--format", "json"])["notes"], "their note");
}

#[test]
fn no_progress_bar_when_not_on_a_terminal() {
    let f = Fixture::new();
    let mut csv = String::from("text,actor\n");
    for i in 0..2000 {
        csv.push_str(&format!("Claim {i},Actor {}\n", i % 50));
    }
    let file = write(&f, "many.csv", csv.as_bytes());
    let stderr = f.ok_stderr(&["import", &file]);
    assert_eq!(stderr.lines().count(), 1, "only the summary: {stderr}");
    assert!(!stderr.contains('\u{1b}'), "no terminal escapes: {stderr}");
    assert!(stderr.contains("2000 claims added, 0 already here, 0 updated; 50 new actors, 0 new sources"), "{stderr}");
    let _ = seed_file();
}

#[test]
fn names_new_in_the_file_are_found_again_later_in_it() {
    let f = Fixture::new();
    let file = write(
        &f,
        "claims.csv",
        "text,actor,source,source_url\n\
         One,Alice,ap-1,https://example.org/a\n\
         Two,alice,https://example.org/a,\n\
         Three,Ali-ce,https://news.example/a,\n\
         Four,Bob,https://news.example/a?x=1,\n\
         Five,Bob,news-example-a,\n"
            .as_bytes(),
    );
    let stderr = f.ok_stderr(&["import", &file]);
    assert!(stderr.contains("5 claims added, 0 already here, 0 updated; 3 new actors, 3 new sources"), "{stderr}");
    assert!(stderr.contains("new actor \"Ali-ce\" looks like existing actor \"Alice\""), "{stderr}");
    assert!(!stderr.contains("\"alice\""), "another spelling of a new name is that actor: {stderr}");
    let claims = f.json(&["list", "--format", "json"]);
    let column = |name: &str| claims.as_array().unwrap().iter().map(|c| c[name].clone()).collect::<Vec<_>>();
    assert_eq!(column("actor"), ["Alice", "Alice", "Ali-ce", "Bob", "Bob"]);
    // A URL finds the source that has it; a key made from a URL is not given twice.
    assert_eq!(column("source"), ["ap-1", "ap-1", "news-example-a", "news-example-a-2", "news-example-a"]);
}
