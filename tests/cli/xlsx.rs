//! export xlsx: the workbook read back by a spreadsheet library.

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::common::Fixture;

fn open(path: &std::path::Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).unwrap_or_else(|e| panic!("{} is not a workbook: {e}", path.display()))
}

fn text(cell: Option<&Data>) -> String {
    match cell {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        other => panic!("expected a text cell, found {other:?}"),
    }
}

fn date(cell: Option<&Data>) -> (u16, u8, u8) {
    match cell {
        Some(Data::DateTime(d)) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            (y, m, day)
        }
        other => panic!("expected a date cell, found {other:?}"),
    }
}

/// The seed story, its source with a URL, and claims #13-#14 that a spreadsheet could misread.
fn story() -> Fixture {
    let f = Fixture::seeded();
    f.ok(&["source", "edit", "seed-2024-01-27", "--url", "https://example.org/talks?a=1&b=2"]);
    f.ok(&["add", "=1+1", "--by", "@attacker", "--quote", "+SUM(A1:A9)", "--note", "-2+3", "--on", "2024-01-27"]);
    f.ok(&[
        "add",
        "الهجمات أجبرت الأمريكيين على التفاوض",
        "--by",
        "المقاومة الإسلامية في العراق",
        "--source",
        "seed-2024-01-27",
        "--on",
        "2024",
    ]);
    f
}

#[test]
fn three_sheets_with_headers_and_every_claim() {
    let f = story();
    let path = f.path("story.xlsx");
    let stderr = f.ok_stderr(&["export", "xlsx", "-o", path.to_str().unwrap()]);
    assert!(stderr.contains("wrote"), "{stderr}");
    let mut book = open(&path);
    assert_eq!(book.sheet_names(), ["Claims", "Disputes", "Sources"]);

    let claims = book.worksheet_range("Claims").unwrap();
    let header: Vec<String> = claims.rows().next().unwrap().iter().map(|c| text(Some(c))).collect();
    assert_eq!(
        header,
        [
            "id", "claim", "quote", "actor", "mode", "stated on", "source", "source title", "source URL", "publisher",
            "locator", "tags", "verdict", "notes", "contradicted by", "supported by", "uid",
        ]
    );
    assert_eq!(claims.height(), 15, "a header and 14 claims");
    assert_eq!(claims.get((1, 0)), Some(&Data::Float(1.0)));
    assert_eq!(text(claims.get((1, 3))), "U.S. officials");
    assert_eq!(text(claims.get((1, 14))), "5");
    assert_eq!(text(claims.get((1, 15))), "2; 3; 4");
    // An Arabic claim by an actor named by its Arabic alias.
    assert_eq!(text(claims.get((14, 1))), "الهجمات أجبرت الأمريكيين على التفاوض");
    assert_eq!(text(claims.get((14, 3))), "Islamic Resistance in Iraq");
}

#[test]
fn formula_looking_text_stays_text_with_no_apostrophe() {
    let f = story();
    let path = f.path("story.xlsx");
    f.ok(&["export", "xlsx", "-o", path.to_str().unwrap()]);
    let mut book = open(&path);
    let claims = book.worksheet_range("Claims").unwrap();
    assert_eq!(claims.get((13, 1)), Some(&Data::String("=1+1".into())));
    assert_eq!(text(claims.get((13, 2))), "+SUM(A1:A9)");
    assert_eq!(text(claims.get((13, 3))), "@attacker");
    assert_eq!(text(claims.get((13, 13))), "-2+3");
    let formulas = book.worksheet_formula("Claims").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no cell holds a formula");
}

#[test]
fn dates_are_dates_and_urls_are_links() {
    let f = story();
    let path = f.path("story.xlsx");
    f.ok(&["export", "xlsx", "-o", path.to_str().unwrap()]);
    let mut book = open(&path);
    let claims = book.worksheet_range("Claims").unwrap();
    assert_eq!(date(claims.get((13, 5))), (2024, 1, 27));
    assert_eq!(date(claims.get((1, 5))), (2024, 1, 1), "a month is a date shown as the month");
    assert_eq!(date(claims.get((14, 5))), (2024, 1, 1), "a year likewise");
    assert_eq!(text(claims.get((1, 8))), "https://example.org/talks?a=1&b=2");
    let links = book.hyperlinks_by_sheet_name("Claims").unwrap();
    assert_eq!(links.len(), 13, "every claim citing the source links it");
    assert!(links.iter().all(|l| l.target.as_deref() == Some("https://example.org/talks?a=1&b=2")), "{links:?}");
    assert!(links.iter().all(|l| l.range.start.1 == 8), "in the source URL column: {links:?}");

    let sources = book.worksheet_range("Sources").unwrap();
    assert_eq!(text(sources.get((1, 0))), "seed-2024-01-27");
    assert_eq!(date(sources.get((1, 3))), (2024, 1, 27));
    assert_eq!(sources.get((1, 7)), Some(&Data::Float(13.0)), "claims citing it");
    assert_eq!(book.hyperlinks_by_sheet_name("Sources").unwrap().len(), 1);
}

#[test]
fn the_disputes_sheet_puts_the_sides_next_to_each_other() {
    let f = story();
    let path = f.path("story.xlsx");
    f.ok(&["export", "xlsx", "-o", path.to_str().unwrap()]);
    let mut book = open(&path);
    let disputes = book.worksheet_range("Disputes").unwrap();
    let header: Vec<String> = disputes.rows().next().unwrap().iter().map(|c| text(Some(c))).collect();
    assert_eq!(header[..4], ["dispute", "shown as", "A: claim", "A: actor"]);
    assert_eq!(header[7..9], ["B: claim", "B: actor"]);
    // Dispute 1: U.S. officials' #1, #4, #2, #3 against the group's #5, #6.
    let first = disputes.rows().nth(1).unwrap();
    assert_eq!((first[2].clone(), text(Some(&first[3]))), (Data::Float(1.0), "U.S. officials".into()));
    assert_eq!((first[7].clone(), text(Some(&first[8]))), (Data::Float(5.0), "Islamic Resistance in Iraq".into()));
    let sides: Vec<(Data, Data)> = disputes.rows().skip(1).map(|r| (r[0].clone(), r[2].clone())).collect();
    assert_eq!(sides.iter().filter(|(d, _)| *d == Data::Float(1.0)).count(), 4, "four rows for dispute 1");
    assert_eq!(disputes.height(), 1 + 4 + 2);
}

#[test]
fn a_text_longer_than_a_cell_is_cut_with_a_warning() {
    let f = Fixture::new();
    let long = "ق".repeat(40_000);
    f.ok(&["add", &long, "--by", "Someone"]);
    let path = f.path("long.xlsx");
    let stderr = f.ok_stderr(&["export", "xlsx", "-o", path.to_str().unwrap()]);
    assert!(stderr.contains("warning: 1 cell longer than a spreadsheet cell holds"), "{stderr}");
    let mut book = open(&path);
    let claims = book.worksheet_range("Claims").unwrap();
    let cut = text(claims.get((1, 1)));
    assert_eq!(cut.chars().count(), 32_767);
    assert!(cut.ends_with("ق…"));
}

#[test]
fn filters_apply_and_bad_paths_fail_cleanly() {
    let f = story();
    let path = f.path("iraqi.xlsx");
    f.ok(&["export", "xlsx", "--by", "Iraqi officials", "-o", path.to_str().unwrap()]);
    let mut book = open(&path);
    let ids: Vec<Data> = book.worksheet_range("Claims").unwrap().rows().skip(1).map(|r| r[0].clone()).collect();
    assert_eq!(ids, [Data::Float(9.0), Data::Float(12.0)]);

    let error = f.fails(&["export", "xlsx", "-o", f.path("no/such/dir/x.xlsx").to_str().unwrap()], 1);
    assert!(error.contains("cannot write in"), "{error}");
    let error = f.fails(&["export", "xlsx", "--disputes", "-o", "x.xlsx"], 1);
    assert!(error.contains("--disputes goes with export csv"), "{error}");
    assert!(!f.path("x.xlsx").exists());
}
