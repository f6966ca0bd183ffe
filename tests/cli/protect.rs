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
            .env("CLAIMTRACK_DB", &f.db)
            .env_remove("CLAIMTRACK_USER");
        cmd
    }

    fn run(f: &Fixture, args: &[&str]) {
        let output = permissive(f, args).output().unwrap();
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    }

    #[test]
    fn everything_claimtrack_creates_is_its_owners_alone_whatever_the_umask() {
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
