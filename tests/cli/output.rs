//! Output formats, pipes, completions and usage errors: what every listing command shares.

use serde_json::json;

use crate::common::Fixture;

#[test]
fn every_listing_command_speaks_every_format() {
    let f = Fixture::seeded();
    let commands: [&[&str]; 6] =
        [&["list"], &["search", "attacks"], &["disputes"], &["source", "list"], &["actor", "list"], &["show", "1"]];
    for command in commands {
        let run = |format: &str| f.ok(&[command, &["--format", format]].concat());
        let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
        assert!(json.is_array() || json.is_object(), "{command:?}");
        for line in run("jsonl").lines() {
            serde_json::from_str::<serde_json::Value>(line).unwrap_or_else(|e| panic!("{command:?}: {e}: {line}"));
        }
        let csv = run("csv");
        assert!(csv::Reader::from_reader(csv.as_bytes()).records().all(|r| r.is_ok()), "{command:?}");
        assert!(run("tsv").lines().next().unwrap().contains('\t'), "{command:?}");
        assert!(run("markdown").contains("|---|"), "{command:?}");
        assert!(run("table").contains('│'), "{command:?}");
    }
}

#[test]
fn piped_output_defaults_to_plain_tsv() {
    let f = Fixture::seeded();
    let out = f.ok(&["list"]);
    assert!(out.starts_with("id\tuid\ttext\t"), "{out}");
    assert!(!out.contains('│'));
    assert_eq!(out.lines().count(), 13);
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let f = Fixture::new();
    // More output than a pipe buffer holds, so claimtrack must meet the closed pipe.
    let claims: serde_json::Map<String, serde_json::Value> = (0..1500)
        .map(|i| {
            (
                format!("uid-{i:05}"),
                json!({"text": format!("Claim number {i}, long enough to fill the pipe"), "actor": "a"}),
            )
        })
        .collect();
    let doc = json!({"claimtrack": 1, "actors": {"a": {"name": "Someone"}}, "claims": claims});
    f.ok_with_input(&["import", "-", "--from", "json"], &doc.to_string());
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimtrack"))
        .env("CLAIMTRACK_DB", &f.location)
        .arg("list")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away, as `| head -1` does
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn completions_are_generated_for_each_shell() {
    let f = Fixture::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = f.ok(&["completions", shell]);
        assert!(script.contains("claimtrack"), "{shell}");
    }
    f.fails(&["completions", "tcsh"], 2);
}

#[test]
fn help_and_version_succeed() {
    let f = Fixture::new();
    assert!(f.ok(&["--help"]).contains("disputes"));
    assert!(f.ok(&["--version"]).starts_with("claimtrack "));
    assert!(f.ok(&["add", "--help"]).contains("--by"));
}
