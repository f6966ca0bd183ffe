//! link and unlink.

use serde_json::json;

use crate::common::Fixture;

#[test]
fn contradicts_is_stored_once_whichever_way_it_is_typed() {
    let f = Fixture::seeded();
    let stderr = f.ok_stderr(&["link", "7", "contradicts", "3", "--note", "vow vs plan"]);
    assert!(stderr.contains("linked: #7 contradicts #3"), "{stderr}");
    let before = f.snapshot();
    let stderr = f.ok_stderr(&["link", "3", "contradicts", "7"]);
    assert!(stderr.contains("already recorded"), "{stderr}");
    assert_eq!(before, f.snapshot());
    assert_eq!(f.json(&["show", "3", "--format", "json"])["contradicted_by"], json!([7]));
    assert_eq!(f.json(&["show", "7", "--format", "json"])["contradicted_by"], json!([3]));
}

#[test]
fn every_kind_links_and_unlinks() {
    let f = Fixture::seeded();
    for kind in ["contradicts", "supports", "qualifies", "responds-to", "same-as", "supersedes"] {
        f.ok(&["link", "8", kind, "11"]);
        let relations = f.json(&["show", "8", "--format", "json"])["relations"].clone();
        assert!(relations.as_array().unwrap().iter().any(|r| r["kind"] == kind), "{kind}: {relations}");
        let (a, b) = if kind == "contradicts" || kind == "same-as" { ("11", "8") } else { ("8", "11") };
        f.ok(&["unlink", a, kind, b]);
    }
    assert_eq!(f.json(&["show", "8", "--format", "json"])["relations"], json!([]));
}

#[test]
fn directed_kinds_keep_their_direction() {
    let f = Fixture::seeded();
    f.ok(&["link", "8", "supports", "11"]);
    f.ok(&["link", "11", "supports", "8"]);
    assert_eq!(f.json(&["show", "8", "--format", "json"])["supported_by"], json!([11]));
    let error = f.fails_unchanged(&["unlink", "8", "qualifies", "11"], 1);
    assert!(error.contains("there is no relation #8 qualifies #11"), "{error}");
}

#[test]
fn bad_links_change_nothing() {
    let f = Fixture::seeded();
    let cases: &[(&[&str], &str)] = &[
        (&["link", "3", "contradicts", "3"], "cannot be linked to itself"),
        (&["link", "1", "contradicts", "99"], "no claim #99"),
        (&["link", "99", "supports", "1"], "no claim #99"),
        (&["unlink", "1", "supports", "99"], "no claim #99"),
    ];
    for (args, expected) in cases {
        let error = f.fails_unchanged(args, 1);
        assert!(error.contains(expected), "{args:?}: {error}");
    }
    for args in [["link", "1", "refutes", "5"], ["unlink", "1", "bogus", "2"]] {
        let error = f.fails_unchanged(&args, 2);
        assert!(error.contains("possible values: contradicts, supports, qualifies, responds-to"), "{args:?}: {error}");
    }
    f.ok(&["link", "2", "responds_to", "5"]);
}
