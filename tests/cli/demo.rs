//! demo: the seed story side by side.

use crate::common::Fixture;

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
    // The commands it suggests work.
    f.ok(&["--db", db.to_str().unwrap(), "list", "--by", "U.S. officials"]);
    f.ok(&["--db", db.to_str().unwrap(), "show", "1"]);
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
    let error = f.fails_unchanged(&["demo", "--db", f.db.to_str().unwrap()], 1);
    assert!(error.contains("already holds 12 claims"), "{error}");
}
