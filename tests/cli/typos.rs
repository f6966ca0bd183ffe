//! Typos caught where they start: a new actor, tag or source key that looks like one in use.

use crate::common::Fixture;

#[test]
fn each_misspelling_of_an_actor_is_named_with_the_command_that_merges_it() {
    let cases = [
        ("US officals", "U.S. officials"),
        ("U.S. official", "U.S. officials"),
        ("the U.S. officials", "U.S. officials"),
        ("Islamic Resistance in Irak", "Islamic Resistance in Iraq"),
        ("Islamic Resistance of Iraq", "Islamic Resistance in Iraq"),
    ];
    let f = Fixture::seeded();
    for (typed, existing) in cases {
        let stderr = f.ok_stderr(&["add", "A claim", "--by", typed]);
        assert!(stderr.contains(&format!("new actor \"{typed}\"")), "{stderr}");
        assert!(stderr.contains(&format!("looks like existing actor \"{existing}\"")), "{typed}: {stderr}");
        assert!(stderr.contains("run `claimtrack actor merge '"), "{stderr}");
        f.ok(&["actor", "merge", typed, existing]);
    }
    // The command the warning names works as printed.
    let stderr = f.ok_stderr(&["actor", "add", "Iraqi oficials"]);
    assert!(stderr.contains("run `claimtrack actor merge 'Iraqi oficials' 'Iraqi officials'`"), "{stderr}");
    f.ok(&["actor", "merge", "Iraqi oficials", "Iraqi officials"]);
}

#[test]
fn other_actors_get_no_warning() {
    let f = Fixture::seeded();
    for name in ["UK officials", "Islamic Resistance in Syria", "Kataib Hezbollah", "وزارة الخارجية العراقية"]
    {
        let stderr = f.ok_stderr(&["add", "A claim", "--by", name]);
        assert!(stderr.contains("new actor"), "{stderr}");
        assert!(!stderr.contains("looks like"), "{name}: {stderr}");
    }
}

#[test]
fn an_unknown_actor_suggests_the_near_one() {
    let f = Fixture::seeded();
    let error = f.fails(&["list", "--by", "Islamic Resistance in Irak"], 1);
    assert!(error.contains("did you mean \"Islamic Resistance in Iraq\""), "{error}");
}

#[test]
fn import_warns_once_per_new_name_that_looks_like_an_actor() {
    let f = Fixture::seeded();
    let csv = f.path("edits.csv");
    std::fs::write(
        &csv,
        "text,actor\nOne,US officals\nTwo,US officals\nThree,Islamic Resistance of Iraq\nFour,Hezbollah\nFive,Hizballah\n",
    )
    .unwrap();
    let stderr = f.ok_stderr(&["import", csv.to_str().unwrap()]);
    assert_eq!(
        stderr.matches("new actor \"US officals\" looks like existing actor \"U.S. officials\"").count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("new actor \"Islamic Resistance of Iraq\" looks like"), "{stderr}");
    // A name new in this file is compared with the ones before it in the same file.
    assert!(stderr.contains("new actor \"Hizballah\" looks like existing actor \"Hezbollah\""), "{stderr}");
    assert!(!stderr.contains("new actor \"Hezbollah\" looks like"), "{stderr}");
}

#[test]
fn a_new_tag_that_looks_like_one_in_use_is_named() {
    let f = Fixture::seeded();
    let stderr = f.ok_stderr(&["add", "A claim", "--by", "U.S. officials", "--tag", "attack", "--tag", "drones"]);
    assert!(
        stderr.contains("new tag \"attack\" looks like existing tag \"attacks\"; if they are the same, run `claimtrack tag merge attack attacks`"),
        "{stderr}"
    );
    assert!(!stderr.contains("\"drones\" looks like"), "{stderr}");
    let stderr = f.ok_stderr(&["edit", "1", "--tag", "Sovereignty"]);
    assert!(stderr.contains("new tag \"Sovereignty\" looks like existing tag \"sovereignty\""), "{stderr}");
    // A tag already in use is no news.
    let stderr = f.ok_stderr(&["add", "Another", "--by", "U.S. officials", "--tag", "attacks"]);
    assert!(!stderr.contains("looks like"), "{stderr}");
    f.ok(&["tag", "merge", "attack", "attacks"]);
}

#[test]
fn an_unknown_source_key_suggests_the_near_one() {
    let f = Fixture::seeded();
    let error = f.fails_unchanged(&["add", "A claim", "--by", "U.S. officials", "--source", "seed-2024-01-2"], 1);
    assert!(error.contains("unknown source \"seed-2024-01-2\"; did you mean \"seed-2024-01-27\"?"), "{error}");
    let error = f.fails_unchanged(&["add", "A claim", "--by", "U.S. officials", "--source", "reuters"], 1);
    assert!(!error.contains("did you mean"), "{error}");
    assert!(error.contains("source add reuters"), "{error}");
}
