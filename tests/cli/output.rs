//! Output formats, pipes, completions and usage errors: what every listing command shares.

use crate::common::Fixture;

#[test]
fn every_listing_command_speaks_every_format() {
    let f = Fixture::seeded();
    let commands: [&[&str]; 6] = [
        &["list"],
        &["search", "attacks"],
        &["disputes"],
        &["source", "list"],
        &["actor", "list"],
        &["show", "1"],
    ];
    for command in commands {
        let run = |format: &str| f.ok(&[command, &["--format", format]].concat());
        let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
        assert!(json.is_array() || json.is_object(), "{command:?}");
        for line in run("jsonl").lines() {
            serde_json::from_str::<serde_json::Value>(line).unwrap_or_else(|e| panic!("{command:?}: {e}: {line}"));
        }
        let csv = run("csv");
        assert!(
            csv::Reader::from_reader(csv.as_bytes()).records().all(|r| r.is_ok()),
            "{command:?}"
        );
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
    let f = Fixture::seeded();
    for _ in 0..200 {
        f.ok(&[
            "add",
            "A claim long enough to fill the pipe buffer quickly, again and again and again",
            "--by",
            "x",
        ]);
    }
    let mut child = f.cmd(&["list"]).get_program().to_owned();
    let _ = &mut child;
    let mut list = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimtrack"));
    list.env("CLAIMTRACK_DB", &f.db)
        .args(["list"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = list.spawn().unwrap();
    drop(child.stdout.take()); // the reader goes away before claimtrack writes
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn completions_are_generated_for_each_shell() {
    let f = Fixture::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = f.ok(&["completions", shell]);
        assert!(script.contains("disputes"), "{shell}");
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
