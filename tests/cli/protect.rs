//! Protecting sources: files private to their owner whatever the umask, `check`'s warning, public
//! names for anonymous sources, and outputs for publication that never carry their identity.

#[cfg(unix)]
mod files {
    use std::io::Read;
    use std::os::unix::fs::PermissionsExt;
    use std::path::{Path, PathBuf};
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    use crate::common::Fixture;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).permissions().mode() & 0o777
    }

    fn beside(db: &Path, suffix: &str) -> PathBuf {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    }

    /// claimtrack run with a umask that lets everyone read and write what it creates.
    fn permissive(f: &Fixture, args: &[&str]) -> Command {
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg("umask 000 && exec \"$@\"")
            .arg("sh")
            .arg(assert_cmd::cargo::cargo_bin("claimtrack"))
            .args(args)
            .current_dir(f.dir.path())
            .env("CLAIMTRACK_DB", &f.location)
            .env_remove("CLAIMTRACK_USER");
        cmd
    }

    fn run(f: &Fixture, args: &[&str]) {
        let output = permissive(f, args).output().unwrap();
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    }

    #[test]
    fn everything_claimtrack_creates_is_its_owners_alone_whatever_the_umask() {
        sqlite_only!();
        let f = Fixture::new();
        run(&f, &["add", "The talks were planned in advance", "--by", "A confidential source", "--mode", "anonymous"]);
        assert_eq!(mode(&f.db), 0o600, "the database");

        // The -wal and -shm files exist while a connection is open: hold one open by giving an
        // export more than a pipe holds, and reading none of it until the files are looked at.
        let long = f.path("long.csv");
        std::fs::write(&long, format!("text,actor\n{},A\n", "long ".repeat(400_000))).unwrap();
        run(&f, &["import", long.to_str().unwrap()]);
        let mut export = permissive(&f, &["export", "json"]).stdout(Stdio::piped()).spawn().unwrap();
        let (wal, shm) = (beside(&f.db, "-wal"), beside(&f.db, "-shm"));
        let deadline = Instant::now() + Duration::from_secs(60);
        while !(wal.exists() && shm.exists()) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        let (wal_mode, shm_mode) = (mode(&wal), mode(&shm));
        let mut document = Vec::new();
        export.stdout.take().unwrap().read_to_end(&mut document).unwrap();
        assert!(export.wait().unwrap().success());
        assert_eq!((wal_mode, shm_mode), (0o600, 0o600), "the -wal and -shm files");

        run(&f, &["config", "set", "url-base", "https://checks.example/talks"]);
        for what in ["csv", "json", "jsonl", "markdown", "xlsx", "claimreview", "dot"] {
            let target = f.path(&format!("out.{what}"));
            run(&f, &["export", what, "-o", target.to_str().unwrap()]);
            assert_eq!(mode(&target), 0o600, "export {what}");
        }
        let page = f.path("story.html");
        run(&f, &["report", "-o", page.to_str().unwrap()]);
        assert_eq!(mode(&page), 0o600, "the report");
        let backup = f.path("copy.db");
        run(&f, &["backup", backup.to_str().unwrap()]);
        assert_eq!(mode(&backup), 0o600, "the backup");
        let demo = f.path("demo.db");
        run(&f, &["--db", demo.to_str().unwrap(), "demo"]);
        assert_eq!(mode(&demo), 0o600, "the demo's database");
        let leftovers = std::fs::read_dir(f.dir.path())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with(".claimtrack-"))
            .count();
        assert_eq!(leftovers, 0, "no temporary file is left");
    }

    #[test]
    fn replacing_a_file_keeps_its_mode() {
        let f = Fixture::seeded();
        let target = f.path("shared.csv");
        std::fs::write(&target, "old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
        run(&f, &["export", "csv", "-o", target.to_str().unwrap()]);
        assert_eq!(mode(&target), 0o640, "shared with the group on purpose, and still");
        assert!(std::fs::read_to_string(&target).unwrap().starts_with("id,uid,text"));
        // An existing empty database file made by someone else keeps its mode too.
        let touched = f.path("touched.db");
        std::fs::write(&touched, "").unwrap();
        std::fs::set_permissions(&touched, std::fs::Permissions::from_mode(0o660)).unwrap();
        run(&f, &["--db", touched.to_str().unwrap(), "init"]);
        assert_eq!(mode(&touched), 0o660);
    }

    #[test]
    fn check_warns_when_others_can_read_anonymous_claims() {
        sqlite_only!();
        let f = Fixture::new();
        f.ok(&["add", "Plain", "--by", "U.S. officials"]);
        std::fs::set_permissions(&f.db, std::fs::Permissions::from_mode(0o644)).unwrap();
        let stderr = f.ok_stderr(&["check"]);
        assert!(!stderr.contains("warning"), "no anonymous claim, nothing to warn about: {stderr}");

        f.ok(&["add", "Secret", "--by", "A confidential source", "--mode", "anonymous"]);
        let db = f.db.to_str().unwrap();
        let stderr = f.ok_stderr(&["check"]);
        assert!(
            stderr.contains(&format!(
                "warning: {db} holds anonymous claims and other accounts on this machine can read it (mode 0644); `chmod 600 {db}` makes it yours alone"
            )),
            "{stderr}"
        );
        assert!(stderr.contains("no problems found"), "a warning, not a failed check: {stderr}");

        std::fs::set_permissions(&f.db, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert!(!f.ok_stderr(&["check"]).contains("warning"));
    }
}

mod marks {
    use crate::common::Fixture;

    #[test]
    fn an_actor_has_a_public_name_apart_from_its_identity() {
        let f = Fixture::new();
        let stderr = f.ok_stderr(&["actor", "add", "Jane Roe", "--public-name", "a senior U.S. official"]);
        assert!(stderr.contains("added actor \"Jane Roe\""), "{stderr}");
        let shown = f.json(&["actor", "show", "Jane Roe", "--format", "json"]);
        assert_eq!(shown["public_name"], "a senior U.S. official");
        f.ok(&["actor", "edit", "Jane Roe", "--public-name", "a person familiar with the talks"]);
        assert_eq!(
            f.json(&["actor", "show", "Jane Roe", "--format", "json"])["public_name"],
            "a person familiar with the talks"
        );
        let history = f.json(&["history", "--format", "json"]);
        assert_eq!(history[0]["before"]["public_name"], "a senior U.S. official");
        assert_eq!(history[0]["after"]["public_name"], "a person familiar with the talks");
        f.ok(&["actor", "edit", "Jane Roe", "--public-name", ""]);
        assert!(f.json(&["actor", "show", "Jane Roe", "--format", "json"])["public_name"].is_null());
    }

    #[test]
    fn notes_and_source_texts_can_be_marked_private() {
        let f = Fixture::new();
        let text = f.path("article.txt");
        std::fs::write(&text, "The minister said the talks would go on.").unwrap();
        f.ok(&["source", "add", "memo", "--text-file", text.to_str().unwrap(), "--private-text"]);
        assert!(f.ok(&["source", "show", "memo"]).contains("characters, private"));
        f.ok(&["source", "edit", "memo", "--public-text"]);
        assert!(!f.ok(&["source", "show", "memo"]).contains("private"));
        f.ok(&["source", "edit", "memo", "--private-text"]);

        f.ok(&["add", "x", "--by", "A", "--note", "met at the café", "--private-notes", "--source", "memo"]);
        assert_eq!(f.json(&["show", "1", "--format", "json"])["notes_private"], true);
        f.ok(&["edit", "1", "--public-notes"]);
        assert_eq!(f.json(&["show", "1", "--format", "json"])["notes_private"], false);
        f.ok(&["edit", "1", "--private-notes"]);
        let error = f.fails_unchanged(&["edit", "1", "--private-notes", "--public-notes"], 2);
        assert!(error.contains("--public-notes"), "{error}");

        // A removed and restored claim keeps the mark.
        f.ok(&["rm", "1"]);
        f.ok(&["restore", "1"]);
        assert_eq!(f.json(&["show", "1", "--format", "json"])["notes_private"], true);
    }

    /// Every way out and back in keeps the marks: a private note must not turn public on the
    /// way to a colleague's database.
    #[test]
    fn the_marks_travel_with_the_data() {
        let f = Fixture::new();
        let text = f.path("article.txt");
        std::fs::write(&text, "Words.").unwrap();
        f.ok(&["source", "add", "memo", "--text-file", text.to_str().unwrap(), "--private-text"]);
        f.ok(&["actor", "add", "Jane Roe", "--public-name", "a senior official"]);
        f.ok(&["add", "x", "--by", "Jane Roe", "--mode", "anonymous", "--note", "n", "--private-notes"]);
        f.ok(&["add", "y", "--by", "B", "--note", "open"]);

        let document = f.ok(&["export", "json"]);
        let copy = Fixture::new();
        let file = copy.path("doc.json");
        std::fs::write(&file, &document).unwrap();
        copy.ok(&["import", file.to_str().unwrap()]);
        assert_eq!(copy.ok(&["export", "json"]), document, "the document comes back the same");
        let doc: serde_json::Value = serde_json::from_str(&document).unwrap();
        let actor = doc["actors"].as_object().unwrap().values().find(|a| a["name"] == "Jane Roe").unwrap();
        assert_eq!(actor["public_name"], "a senior official");
        let other = doc["actors"].as_object().unwrap().values().find(|a| a["name"] == "B").unwrap();
        assert!(other.get("public_name").is_none(), "absent when there is none, as before: {other}");
        let claims: Vec<&serde_json::Value> = doc["claims"].as_object().unwrap().values().collect();
        assert!(claims.iter().any(|c| c["notes_private"] == true));
        assert!(claims.iter().any(|c| c.get("notes_private").is_none()));
        assert_eq!(doc["sources"].as_object().unwrap().values().next().unwrap()["body_private"], true);

        for (what, file) in [("csv", "claims.csv"), ("jsonl", "claims.jsonl")] {
            let rows = f.ok(&["export", what]);
            let copy = Fixture::new();
            let path = copy.path(file);
            std::fs::write(&path, &rows).unwrap();
            copy.ok(&["import", path.to_str().unwrap()]);
            assert_eq!(copy.json(&["show", "1", "--format", "json"])["notes_private"], true, "{what}");
            assert_eq!(copy.json(&["show", "2", "--format", "json"])["notes_private"], false, "{what}");
        }
    }

    #[test]
    fn a_document_from_before_public_names_still_imports() {
        let f = Fixture::new();
        let file = f.path("old.json");
        std::fs::write(
            &file,
            r#"{"claimtrack": 1,
                "actors": {"a-1": {"name": "A", "kind": null, "description": null, "affiliation": null, "aliases": []}},
                "claims": {"c-1": {"text": "x", "actor": "a-1", "notes": "n"}}}"#,
        )
        .unwrap();
        f.ok(&["import", file.to_str().unwrap()]);
        assert_eq!(f.json(&["show", "1", "--format", "json"])["notes_private"], false);
        assert!(f.json(&["actor", "show", "A", "--format", "json"])["public_name"].is_null());
    }

    #[test]
    fn a_bad_private_mark_in_a_row_is_named() {
        let f = Fixture::new();
        let rows = f.path("rows.csv");
        std::fs::write(&rows, "text,actor,notes_private\nx,A,maybe\n").unwrap();
        let output = f.cmd(&["import", rows.to_str().unwrap()]).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("line 2, column 3 (notes_private): \"maybe\" is not yes or no"), "{stderr}");
        assert!(!f.db.exists(), "nothing written");
    }
}

/// Outputs for publication: an identity planted in an anonymous claim (its actor's name,
/// aliases, description and affiliation), private notes and private source texts never appear,
/// byte for byte, in any `--redact` output or in ClaimReview; the desk's outputs keep them.
mod redaction {
    use calamine::{Reader, Xlsx, open_workbook};

    use crate::common::Fixture;

    /// Every planted secret holds this word, so one search covers every escaping of them.
    const SECRET: &str = "quist";

    /// Two anonymous claims (one actor with a public name, one without), and an on-record claim
    /// that contradicts the first, quoting words against a source whose text is private.
    fn desk() -> Fixture {
        let f = Fixture::new();
        let text = f.path("memo.txt");
        std::fs::write(&text, "Transcript: Zebulon Quist said the talks were planned in advance.").unwrap();
        f.ok(&[
            "source",
            "add",
            "memo",
            "--title",
            "Interview memo",
            "--text-file",
            text.to_str().unwrap(),
            "--private-text",
        ]);
        f.ok(&["actor", "add", "Quistborough Council", "--kind", "organisation"]);
        f.ok(&[
            "actor",
            "add",
            "Zebulon \"Zed\" Quist",
            "--public-name",
            "a senior official",
            "--kind",
            "person",
            "--description",
            "deputy minister, the Quist family",
            "--affiliation",
            "Quistborough Council",
            "--alias",
            "Z. Quist",
        ]);
        f.ok(&[
            "add",
            "The talks were planned in advance",
            "--by",
            "Zebulon \"Zed\" Quist",
            "--mode",
            "anonymous",
            "--source",
            "memo",
            "--note",
            "met Quist's driver at the café",
            "--private-notes",
            "--on",
            "2024-01-27",
        ]);
        f.ok(&[
            "add", "Nothing was planned", "--by", "Open Person", "--mode", "direct", "--quote",
            "nothing at all was planned", "--source", "memo", "--note", "said at the briefing", "--on", "2024-01-28",
        ]);
        f.ok(&["add", "A second leak", "--by", "Yolanda Quist", "--mode", "anonymous", "--on", "2024-01-29"]);
        f.ok(&["link", "1", "contradicts", "2", "--note", "Quist told us first"]);
        for id in ["1", "2", "3"] {
            f.ok(&["edit", id, "--verdict", "false"]);
        }
        f.ok(&["config", "set", "url-base", "https://checks.example/talks"]);
        f
    }

    /// What a command wrote to a file, as text (a workbook's cells, sheet by sheet), and its stderr.
    fn written(f: &Fixture, args: &[&str], file: &str) -> (String, String) {
        let path = f.path(file);
        let mut args = args.to_vec();
        args.extend(["-o", path.to_str().unwrap()]);
        let stderr = f.ok_stderr(&args);
        let text = if file.ends_with(".xlsx") {
            let mut book: Xlsx<_> = open_workbook(&path).unwrap();
            let mut cells = String::new();
            for name in book.sheet_names() {
                let range = book.worksheet_range(&name).unwrap();
                for row in range.rows() {
                    for cell in row {
                        cells.push_str(&cell.to_string());
                        cells.push('\t');
                    }
                    cells.push('\n');
                }
            }
            cells
        } else {
            std::fs::read_to_string(&path).unwrap()
        };
        (text, stderr)
    }

    const OUTPUTS: [(&[&str], &str); 11] = [
        (&["export", "csv"], "c.csv"),
        (&["export", "csv", "--disputes"], "d.csv"),
        (&["export", "csv", "--excel"], "e.csv"),
        (&["export", "xlsx"], "w.xlsx"),
        (&["export", "json"], "doc.json"),
        (&["export", "jsonl"], "rows.jsonl"),
        (&["export", "markdown"], "memo.md"),
        (&["export", "dot"], "g.dot"),
        (&["export", "mermaid"], "g.mmd"),
        (&["report"], "page.html"),
        (&["report", "--by", "Zebulon \"Zed\" Quist"], "by.html"),
    ];

    #[test]
    fn redacted_outputs_never_carry_an_identity_a_private_note_or_text() {
        let f = desk();
        for (args, file) in OUTPUTS {
            let mut redacted = args.to_vec();
            redacted.push("--redact");
            let (text, stderr) = written(&f, &redacted, file);
            assert!(!text.to_lowercase().contains(SECRET), "{redacted:?} leaks:\n{text}");
            assert!(!text.contains("driver at the café") && !text.contains("Transcript"), "{redacted:?}:\n{text}");
            assert!(!stderr.to_lowercase().contains(SECRET), "{redacted:?}: {stderr}");
            assert!(stderr.contains("redacted: "), "{redacted:?} says what it withheld: {stderr}");
            assert!(text.contains("a senior official"), "{redacted:?} names the source in public:\n{text}");
            let unredacted = written(&f, args, file).0;
            assert!(unredacted.contains("Quist"), "the desk's own {args:?} stays complete:\n{unredacted}");
        }
        // An actor with no public name is "an unnamed source"; stderr counts what was withheld.
        let (rows, stderr) = written(&f, &["export", "csv", "--redact"], "c.csv");
        assert!(rows.contains("an unnamed source"), "an anonymous actor with no public name: {rows}");
        assert!(
            stderr.contains("redacted: 2 anonymous claims shown by public name only; 1 private note left out"),
            "{stderr}"
        );
        let stderr = written(&f, &["export", "json", "--redact"], "doc.json").1;
        assert!(
            stderr.contains(
                "redacted: 2 anonymous claims shown by public name only; 1 private note, 1 private source text and 1 note of relations to anonymous claims left out"
            ),
            "the document carries source texts: {stderr}"
        );
    }

    #[test]
    fn claimreview_is_always_redacted() {
        let f = desk();
        let output = f.cmd(&["export", "claimreview"]).output().unwrap();
        assert!(output.status.success());
        let (reviews, stderr) = (String::from_utf8(output.stdout).unwrap(), String::from_utf8(output.stderr).unwrap());
        assert!(!reviews.to_lowercase().contains(SECRET), "{reviews}");
        let reviews: serde_json::Value = serde_json::from_str(&reviews).unwrap();
        let authors: Vec<&serde_json::Value> =
            reviews.as_array().unwrap().iter().map(|r| &r["itemReviewed"]["author"]).collect();
        assert_eq!(authors[0], &serde_json::json!({"@type": "Organization", "name": "a senior official"}));
        assert_eq!(authors[1]["name"], "Open Person");
        assert_eq!(authors[2]["name"], "an unnamed source");
        assert!(stderr.contains("redacted: 2 anonymous claims"), "{stderr}");
    }

    #[test]
    fn redaction_leaves_on_record_claims_as_they_are() {
        let f = desk();
        let row = |text: &str| text.lines().find(|l| l.starts_with("2,")).unwrap().to_string();
        assert_eq!(row(&f.ok(&["export", "csv", "--redact"])), row(&f.ok(&["export", "csv"])));
        let jsonl = |args: &[&str]| f.ok(args).lines().nth(1).unwrap().to_string();
        assert_eq!(jsonl(&["export", "jsonl", "--redact"]), jsonl(&["export", "jsonl"]));
        // The redacted document still imports: anonymous claims under a stand-in actor.
        let document = f.ok(&["export", "json", "--redact"]);
        let copy = Fixture::new();
        let file = copy.path("public.json");
        std::fs::write(&file, &document).unwrap();
        copy.ok(&["import", file.to_str().unwrap()]);
        assert_eq!(copy.json(&["show", "1", "--format", "json"])["actor"], "a senior official");
        assert_eq!(copy.json(&["show", "2", "--format", "json"])["notes"], "said at the briefing");
        assert!(copy.json(&["show", "1", "--format", "json"])["notes"].is_null());
    }

    #[test]
    fn nothing_to_withhold_is_said_too() {
        let f = Fixture::new();
        f.ok(&["add", "x", "--by", "A"]);
        let stderr = f.ok_stderr(&["export", "csv", "--redact"]);
        assert!(stderr.contains("redacted: nothing to withhold"), "{stderr}");
    }
}

#[test]
fn extract_keeps_an_anonymous_sources_public_description() {
    let f = crate::common::Fixture::new();
    let article = f.path("article.txt");
    std::fs::write(&article, "A senior official, speaking on condition of anonymity, said the talks had failed.")
        .unwrap();
    f.ok(&["extract", article.to_str().unwrap(), "--accept-all"]);
    let claim = f.json(&["show", "1", "--format", "json"]);
    assert_eq!(claim["mode"], "anonymous");
    let actor = f.json(&["actor", "show", claim["actor"].as_str().unwrap(), "--format", "json"]);
    assert_eq!(actor["public_name"], "a senior official");
    assert!(f.ok(&["export", "csv", "--redact"]).contains(",a senior official,anonymous,"));
    // An actor that has a public name keeps it.
    f.ok(&["actor", "edit", claim["actor"].as_str().unwrap(), "--public-name", "a senior U.S. official"]);
    f.ok(&["extract", article.to_str().unwrap(), "--accept-all"]);
    assert_eq!(f.json(&["show", "2", "--format", "json"])["actor"], claim["actor"]);
    let actor = f.json(&["actor", "show", claim["actor"].as_str().unwrap(), "--format", "json"]);
    assert_eq!(actor["public_name"], "a senior U.S. official");
}

#[test]
fn lint_finds_an_anonymous_source_named_where_redaction_cannot_hide_it() {
    let f = crate::common::Fixture::new();
    f.ok(&["actor", "add", "Zebulon Quist", "--alias", "Z.Q.", "--public-name", "a senior official"]);
    f.ok(&["source", "add", "zebulon-quist-interview", "--title", "Interview"]);
    f.ok(&[
        "add", "Talks failed", "--by", "Zebulon Quist", "--mode", "anonymous", "--source", "zebulon-quist-interview",
    ]);
    f.ok(&[
        "add", "Z.Q. was there", "--by", "Zebulon Quist", "--mode", "anonymous", "--source", "zebulon-quist-interview",
        "--tag", "zebulon-quist",
    ]);
    f.ok(&[
        "add", "Talks went on", "--by", "Nobody Known", "--mode", "anonymous", "--source", "zebulon-quist-interview",
        "--note", "Zebulon Quist told us", "--private-notes",
    ]);
    let output = f.cmd(&["lint", "--format", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "a named anonymous source is an error");
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let messages: Vec<&str> = findings.as_array().unwrap().iter().map(|f| f["finding"].as_str().unwrap()).collect();
    assert!(
        messages
            .contains(&"#2 is anonymous but its text, tags, source key name its actor, and are published as written"),
        "{messages:?}"
    );
    assert!(messages.iter().any(|m| m.starts_with("#1 is anonymous but its source key name")), "{messages:?}");
    assert!(messages.iter().any(|m| m.starts_with("#3 is anonymous and its actor has no public name")), "{messages:?}");
    assert!(
        !messages.iter().any(|m| m.starts_with("#3 is anonymous but")),
        "private notes are not published: {messages:?}"
    );
    f.ok(&["add", "y", "--by", "Jane Roe", "--mode", "anonymous", "--source", "zebulon-quist-interview"]);
    f.ok(&["actor", "edit", "Jane Roe", "--public-name", "Jane Roe, a senior official"]);
    let output = f.cmd(&["lint", "--format", "json"]).output().unwrap();
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let named =
        |f: &serde_json::Value| f["finding"].as_str().unwrap().starts_with("#4 is anonymous but its public name");
    assert!(findings.as_array().unwrap().iter().any(named), "{findings}");
    // A redacted export says so too, where the desk looks as it publishes.
    for what in ["csv", "markdown"] {
        let stderr = f.ok_stderr(&["export", what, "--redact"]);
        assert!(
            stderr.contains("warning: #2 is anonymous but its text, tags, source key name its actor"),
            "{what}: {stderr}"
        );
        assert!(stderr.contains("warning: #4 is anonymous but its public name name its actor"), "{what}: {stderr}");
    }
}
