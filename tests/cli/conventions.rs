//! The conventions people expect of a command-line tool: help with no arguments, "did you mean",
//! `-o -`, one meaning for --format, one vocabulary of column names, English counts, completions
//! that complete values, and manual pages.

use serde_json::Value;

use crate::common::{Fixture, path_with_claimtrack};

#[test]
fn claimtrack_alone_prints_its_help() {
    let f = Fixture::new();
    // With and without CLAIMTRACK_DB, which clap otherwise takes for an argument given.
    for with_db in [true, false] {
        let mut cmd = f.cmd(&[]);
        if !with_db {
            cmd.env_remove("CLAIMTRACK_DB");
        }
        let output = cmd.output().unwrap();
        assert_eq!(output.status.code(), Some(0), "with_db {with_db}");
        let help = String::from_utf8(output.stdout).unwrap();
        assert!(help.contains("Usage: claimtrack") && help.contains("disputes"), "{help}");
    }
}

#[test]
fn misspelt_commands_flags_and_values_get_a_suggestion() {
    let f = Fixture::seeded();
    let cases: [(&[&str], &str); 5] = [
        (&["lsit"], "did you mean `list`?"),
        (&["dispute"], "did you mean `disputes`?"),
        (&["list", "--contsted"], "did you mean `--contested`?"),
        (&["list", "--verdict", "tru"], "did you mean `true`?"),
        (&["source", "lst"], "did you mean `list`?"),
    ];
    for (args, suggestion) in cases {
        let error = f.fails(args, 2);
        assert!(error.contains(suggestion), "{args:?}: {error}");
        assert!(error.ends_with("--help`)"), "{args:?}: {error}");
    }
    // Nothing close: no suggestion, still one line.
    assert!(!f.fails(&["frobnicate"], 2).contains("did you mean"));
}

#[test]
fn dash_o_dash_is_standard_output() {
    let f = Fixture::seeded();
    let csv = f.ok(&["export", "csv", "-o", "-"]);
    assert!(csv.starts_with("id,uid,text,"), "{csv}");
    assert!(!f.path("-").exists(), "no file named -");
    assert_eq!(csv, f.ok(&["export", "csv"]));
    let page = f.ok(&["report", "--output", "-"]);
    assert!(page.starts_with("<!DOCTYPE html>"), "{}", &page[..40.min(page.len())]);
    assert!(f.fails(&["export", "csv", "-o", ""], 2).contains("give a file name, or - for standard output"));
}

#[test]
fn format_is_refused_where_it_means_nothing() {
    let f = Fixture::seeded();
    let refused: [&[&str]; 6] = [
        &["export", "csv", "--format", "json"],
        &["report", "-o", "r.html", "--format", "json"],
        &["add", "x", "--by", "y", "--format", "json"],
        &["link", "1", "supports", "2", "--format", "csv"],
        &["init", "--format", "tsv"],
        &["import", "a.csv", "--format", "csv"],
    ];
    for args in refused {
        let error = f.fails_unchanged(args, 2);
        assert!(error.contains("--format is how listings print"), "{args:?}: {error}");
    }
    assert!(f.fails(&["export", "csv", "--format", "json"], 2).contains("`claimtrack export json`"));
    assert!(f.fails(&["import", "a.csv", "--format", "tsv"], 2).contains("use --from tsv"));
    assert!(!f.path("r.html").exists());
    // Listings take it.
    for args in [&["list"][..], &["show", "1"], &["actor", "list"], &["source", "show", "seed-2024-01-27"]] {
        f.ok(&[args, &["--format", "json"]].concat());
    }
}

#[test]
fn every_format_uses_the_same_column_names_and_json_keeps_their_order() {
    let f = Fixture::seeded();
    let table = f.ok(&["list", "--format", "table"]);
    let header = table.lines().nth(1).unwrap();
    let headings: Vec<&str> = header.split(['│', '┆']).map(str::trim).filter(|h| !h.is_empty()).collect();
    assert_eq!(headings, ["id", "actor", "text", "mode", "stated_on", "source", "tags", "verdict"]);
    let tsv = f.ok(&["list"]);
    let tsv_columns: Vec<&str> = tsv.lines().next().unwrap().split('\t').collect();
    for heading in &headings {
        assert!(tsv_columns.contains(heading), "{heading} is a TSV column too: {tsv_columns:?}");
    }
    // JSON keys come in the columns' order, in listings and in exports.
    let json_line = f.ok(&["list", "--format", "jsonl", "--limit", "1"]);
    assert_eq!(keys_in_order(&json_line), tsv_columns);
    let exported = f.ok(&["export", "jsonl", "--limit", "1"]);
    assert_eq!(keys_in_order(&exported)[..tsv_columns.len()], tsv_columns[..]);
    // The same words in the tables of search and show; people read the matching passage.
    let search = f.ok(&["search", "attacks", "--format", "markdown"]);
    assert!(search.starts_with("| id | actor | snippet | source | stated_on |"), "{search}");
    let csv = f.ok(&["search", "attacks", "--format", "csv"]);
    assert!(csv.starts_with("id,actor,text,source,stated_on"), "{csv}");
    // import still reads the words people type: claim, date, speaker.
    std::fs::write(f.path("old.csv"), "claim,speaker,date\nTalks began,Someone,2024-01\n").unwrap();
    f.ok(&["import", "old.csv"]);
    let last = f.json(&["show", "13", "--format", "json"]);
    assert_eq!((last["text"].as_str(), last["stated_on"].as_str()), (Some("Talks began"), Some("2024-01")));
}

/// The keys of the first JSON object on a line, in the order they were written.
fn keys_in_order(line: &str) -> Vec<String> {
    let line = line.lines().next().unwrap();
    let object: serde_json::Map<String, Value> = serde_json::from_str(line).unwrap();
    let mut keys: Vec<(usize, String)> =
        object.keys().map(|k| (line.find(&format!("\"{k}\":")).unwrap(), k.clone())).collect();
    keys.sort();
    keys.into_iter().map(|(_, k)| k).collect()
}

#[test]
fn show_piped_keeps_every_relation_both_ways_by_kind() {
    let f = Fixture::seeded();
    // #2 supports #1; #1 is supported by #2, #3 and #4, contradicts #5 and is responded to by #7.
    let rows = |id: &str| {
        let tsv = f.ok(&["show", id]);
        let mut lines = tsv.lines();
        let header: Vec<String> = lines.next().unwrap().split('\t').map(String::from).collect();
        let values: Vec<String> = lines.next().unwrap().split('\t').map(String::from).collect();
        assert_eq!(lines.next(), None, "one row: {tsv}");
        header.into_iter().zip(values).collect::<std::collections::HashMap<_, _>>()
    };
    let two = rows("2");
    assert_eq!(two["supports"], "1");
    assert_eq!(two["supported_by"], "");
    let one = rows("1");
    assert_eq!(one["supported_by"], "2; 3; 4");
    assert_eq!(one["contradicted_by"], "5");
    assert_eq!(one["responded_to_by"], "7");
    assert_eq!(rows("7")["responds_to"], "1");
    let csv = f.ok(&["show", "2", "--format", "csv"]);
    assert!(csv.lines().next().unwrap().contains(",supports,supported_by,"), "{csv}");
    let json = f.json(&["show", "2", "--format", "json"]);
    assert_eq!(json["supports"], serde_json::json!([1]));
    assert_eq!(json["relations"][0]["relation"], "supports #1");
}

#[test]
fn counts_read_as_english() {
    let f = Fixture::new();
    std::fs::write(f.path("one.csv"), "text,actor\nOne claim,Someone\n").unwrap();
    let stderr = f.ok_stderr(&["import", "one.csv"]);
    assert!(stderr.contains("1 claim added"), "{stderr}");
    let stderr = f.ok_stderr(&["lint", "--allow", "no-source"]);
    assert!(stderr.contains("lint: 1 claim checked: 0 errors, 0 warnings"), "{stderr}");
    let stderr = f.ok_stderr(&["rm", "1"]);
    assert!(stderr.contains("and its 0 relations"), "{stderr}");
}

#[test]
fn the_history_names_the_system_account_when_the_environment_does_not() {
    sqlite_only!(); // a server's history names its role (see postgres.rs)
    let Ok(id) = std::process::Command::new("id").arg("-un").output() else { return };
    let account = String::from_utf8(id.stdout).unwrap().trim().to_string();
    if !id.status.success() || account.is_empty() {
        return; // no account name to compare with
    }
    let f = Fixture::new();
    f.cmd(&["add", "x", "--by", "y"]).env("USER", "").env("LOGNAME", "").env_remove("USERNAME").assert().success();
    let history = f.json(&["history", "--format", "json"]);
    assert_eq!(history[0]["user"], account.as_str());
}

#[test]
fn excel_csv_has_a_byte_order_mark_and_crlf_and_imports_back() {
    let f = Fixture::new();
    f.ok(&["add", "قالت المقاومة الإسلامية إن القرار دليل", "--by", "المقاومة الإسلامية في العراق", "--tag", "timing"]);
    f.ok(&["add", "José Martí dijo \"sí\"\nen dos líneas", "--by", "José Martí", "--on", "2024-01-27"]);
    f.ok(&["link", "1", "contradicts", "2"]);
    f.ok(&["export", "csv", "--excel", "-o", "excel.csv"]);
    let bytes = std::fs::read(f.path("excel.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}id,uid,text,".as_bytes()));
    let text = String::from_utf8(bytes).unwrap();
    assert_eq!(text.matches("\r\n").count(), 3, "every record ends in CRLF: {text:?}");
    assert!(text.contains("José Martí") && text.contains("المقاومة الإسلامية في العراق"));
    // It reads back through import as it was.
    let g = Fixture::new();
    g.ok(&["import", f.path("excel.csv").to_str().unwrap()]);
    assert_eq!(g.ok(&["export", "csv"]), f.ok(&["export", "csv"]));
    let disputes = f.ok(&["export", "csv", "--disputes", "--excel"]);
    assert!(disputes.starts_with("\u{feff}dispute,") && disputes.ends_with("\r\n"), "{disputes:?}");
    assert!(f.fails(&["export", "json", "--excel"], 1).contains("--excel goes with export csv"));
}

#[test]
fn completions_complete_values_from_the_database_the_line_names() {
    let f = Fixture::seeded();
    // What a shell gets at a Tab (fish's protocol: one candidate a line, then its help).
    let complete = |words: &[&str]| -> Vec<String> {
        let out = f.cmd(&[&["--", "claimtrack"], words].concat()).env("CLAIMTRACK_COMPLETE", "fish").output().unwrap();
        assert!(out.status.success(), "{words:?}");
        String::from_utf8(out.stdout).unwrap().lines().map(|l| l.split('\t').next().unwrap().to_string()).collect()
    };
    assert_eq!(complete(&["list", "--mode", ""]), ["direct", "paraphrase", "reported", "anonymous"]);
    assert!(complete(&["edit", "1", "--verdict", "mostly"]).iter().all(|v| v.starts_with("mostly-")));
    assert!(complete(&["link", "1", ""]).contains(&"responds-to".to_string()));
    assert!(complete(&["export", ""]).contains(&"claimreview".to_string()));
    assert!(complete(&["list", "--by", "U"]).contains(&"U.S. officials".to_string()));
    assert!(complete(&["actor", "show", "Isl"]).contains(&"Islamic Resistance in Iraq".to_string()));
    assert_eq!(complete(&["list", "--source", "seed"]), ["seed-2024-01-27"]);
    // --db on the line wins over CLAIMTRACK_DB; a database that is not there gives nothing and
    // is not created.
    let missing = f.path("missing.db");
    assert!(complete(&["--db", missing.to_str().unwrap(), "list", "--by", ""]).is_empty());
    assert!(!missing.exists());
}

#[test]
fn completion_scripts_call_claimtrack_back_and_survive_a_closed_pipe() {
    let f = Fixture::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = f.ok(&["completions", shell]);
        assert!(script.contains("CLAIMTRACK_COMPLETE"), "{shell}: {script}");
    }
    // `completions bash | head -1`: the reader leaves early, claimtrack exits 0 without a word.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimtrack"))
        .args(["completions", "bash"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty());
}

#[cfg(unix)]
#[test]
fn bash_completes_an_actor_name_through_the_script() {
    let f = Fixture::seeded();
    let Ok(bash) = std::process::Command::new("bash").arg("--version").output() else { return };
    if !bash.status.success() {
        return;
    }
    // What bash does at `claimtrack list --by Isl<Tab>`.
    let script = r#"source <(claimtrack completions bash)
COMP_WORDS=(claimtrack list --by Isl); COMP_CWORD=3; COMP_TYPE=9
_clap_complete_claimtrack claimtrack Isl claimtrack
printf '%s\n' "${COMPREPLY[@]}""#;
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .env("PATH", path_with_claimtrack())
        .env("CLAIMTRACK_DB", &f.location)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.trim(), "Islamic Resistance in Iraq", "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn man_prints_a_page_per_command_and_installs_them_all() {
    let f = Fixture::new();
    let page = f.ok(&["man", "export"]);
    assert!(page.contains(".TH claimtrack-export 1"), "{page}");
    assert!(page.contains("\\-\\-excel"), "the options are on the page");
    assert!(f.ok(&["man", "source", "add"]).contains(".TH claimtrack-source-add 1"));
    assert!(f.ok(&["man"]).contains(".TH claimtrack 1"));
    assert!(f.fails(&["man", "lsit"], 2).contains("did you mean `list`?"));
    let error = f.fails(&["man", "source", "add", "extra"], 2);
    assert!(error.contains("its page is `claimtrack man source add`"), "{error}");
    let dir = f.path("share/man");
    let stderr = f.ok_stderr(&["man", "--install", dir.to_str().unwrap()]);
    assert!(stderr.contains("manual pages"), "{stderr}");
    let installed: Vec<String> = std::fs::read_dir(dir.join("man1"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for name in ["claimtrack.1", "claimtrack-list.1", "claimtrack-source-add.1", "claimtrack-man.1"] {
        assert!(installed.contains(&name.to_string()), "{name} in {installed:?}");
    }
    assert!(!installed.iter().any(|n| n.contains("help")), "{installed:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("man1/claimtrack.1")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o644, "manual pages are for everyone to read");
    }
    // Installing again replaces them.
    f.ok(&["man", "--install", dir.to_str().unwrap()]);
}
