//! demo: the seed story side by side.

use crate::common::{Fixture, path_with_claimtrack};

#[test]
fn demo_loads_the_seed_story_and_prints_both_disputes_side_by_side() {
    let f = Fixture::new();
    let db = f.path("demo.db");
    let out = f.ok(&["demo", "--db", db.to_str().unwrap()]);
    assert!(out.contains(&format!("Loaded the seed story into {}", db.display())), "{out}");
    assert!(out.contains("12 claims by 6 actors, 10 relations"), "{out}");
    let header =
        out.lines().find(|l| l.contains("Islamic Resistance in Iraq") && l.contains("U.S. officials")).expect(&out);
    assert!(header.starts_with('│'), "a table header with one column per side: {header}");
    assert!(out.lines().any(|l| l.contains("Iraqi officials") && l.contains("United States")), "{out}");
    assert!(out.contains("Try next:"), "{out}");
    assert_eq!(out.lines().filter(|l| l.starts_with("  claimtrack --db")).count(), 3, "{out}");
}

#[test]
fn demos_try_next_lines_work_as_printed() {
    let f = Fixture::new();
    // A folder name a shell would split, to hold the printed quoting to account.
    let dir = f.path("my stories");
    std::fs::create_dir(&dir).unwrap();
    let db = dir.join("it's a demo.db");
    let out = f.ok(&["demo", "--db", db.to_str().unwrap()]);
    let lines: Vec<&str> = out.lines().skip_while(|l| *l != "Try next:").skip(1).map(str::trim).collect();
    assert_eq!(lines.len(), 3, "{out}");
    for line in lines {
        // Typed into a shell, in a folder of one's own, with claimtrack installed and no
        // CLAIMTRACK_DB.
        let output = std::process::Command::new("sh")
            .arg("-c")
            .arg(line)
            .current_dir(f.dir.path())
            .env("PATH", path_with_claimtrack())
            .env_remove("CLAIMTRACK_DB")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{line}: {}", String::from_utf8_lossy(&output.stderr));
        if line.contains(" list ") {
            assert_eq!(stdout.lines().count(), 5, "{line}: a header and U.S. officials' 4 claims\n{stdout}");
        }
        if line.contains(" show ") {
            assert!(stdout.contains("nothing to do with the recent militia attacks"), "{line}: {stdout}");
        }
    }
    let disputes = std::fs::read_to_string(f.path("disputes.csv")).unwrap();
    assert_eq!(disputes.lines().count(), 4, "a header and 3 contradicting pairs: {disputes}");
    assert!(!f.path("claims.db").exists(), "the lines name the demo's database");
}

#[test]
fn demo_without_db_uses_a_new_temporary_file() {
    let f = Fixture::new();
    let out = f.cmd(&["demo"]).env_remove("CLAIMTRACK_DB").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let path = text.split("Loaded the seed story into ").nth(1).unwrap().split(':').next().unwrap();
    assert!(path.starts_with(std::env::temp_dir().to_str().unwrap()), "{path}");
    assert!(std::path::Path::new(path).exists());
    assert!(!f.path("claims.db").exists());
    std::fs::remove_file(path).unwrap();
}

#[test]
fn demo_refuses_a_database_that_holds_claims() {
    let f = Fixture::seeded();
    let error = f.fails_unchanged(&["demo", "--db", &f.location], 1);
    assert!(error.contains("already holds 12 claims"), "{error}");
}
