//! Tables for people: every table command rendered at 80, 120 and 200 columns.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::common::Fixture;

const WIDTHS: [usize; 3] = [80, 120, 200];

/// A table as claimtrack draws it at `width` columns.
fn table(f: &Fixture, args: &[&str], width: usize) -> String {
    let output = f.cmd(&[args, &["--format", "table"]].concat()).env("COLUMNS", width.to_string()).output().unwrap();
    assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// Columns a line takes on a terminal, the larger of the two ways terminals count: character
/// by character (wcwidth, as most draw Arabic lam-alef: two cells) and by string (emoji
/// sequences drawn as one).
fn drawn_width(line: &str) -> usize {
    let by_char: usize = line.chars().map(|c| c.width().unwrap_or(0)).sum();
    by_char.max(line.width())
}

fn assert_fits(output: &str, width: usize, what: &str) {
    for line in output.lines() {
        assert!(
            drawn_width(line) <= width,
            "{what} at {width}: a line of {} columns:\n{line}\n{output}",
            drawn_width(line)
        );
    }
}

/// The cells of one table line, trimmed: `│ 1 ┆ U.S. ┆ ... │` -> ["1", "U.S.", ...].
fn cells(line: &str) -> Option<Vec<String>> {
    let inner = line.strip_prefix('│')?.strip_suffix('│')?;
    Some(inner.split('┆').map(|c| c.trim().to_string()).collect())
}

/// Each row of the first table in `output` (wrapped lines joined with a space), under its
/// headings. A row starts on a line whose first cell is not empty.
fn rows(output: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut lines = output.lines().skip_while(|l| !l.starts_with('┌')).skip(1);
    let headers = cells(lines.next().unwrap()).unwrap();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for line in lines.skip(1).take_while(|l| !l.starts_with('└')) {
        let cells = cells(line).unwrap();
        if !cells[0].is_empty() || rows.is_empty() {
            rows.push(cells);
        } else {
            let row = rows.last_mut().unwrap();
            for (joined, more) in row.iter_mut().zip(cells) {
                if !more.is_empty() {
                    if !joined.is_empty() {
                        joined.push(' ');
                    }
                    joined.push_str(&more);
                }
            }
        }
    }
    (headers, rows)
}

/// The widths of the first table's columns, from its top border.
fn column_widths(output: &str) -> Vec<usize> {
    let top = output.lines().find(|l| l.starts_with('┌')).unwrap();
    top.trim_start_matches('┌').trim_end_matches('┐').split('┬').map(|part| part.chars().count() - 2).collect()
}

#[test]
fn every_table_command_fits_80_120_and_200_columns() {
    let f = Fixture::seeded();
    let commands: [&[&str]; 7] = [
        &["list"],
        &["show", "1"],
        &["disputes"],
        &["search", "attacks"],
        &["history"],
        &["actor", "list"],
        &["source", "list"],
    ];
    for command in commands {
        for width in WIDTHS {
            let output = table(&f, command, width);
            assert!(output.contains('│'), "{command:?}: {output}");
            assert_fits(&output, width, &format!("{command:?}"));
        }
    }
}

#[test]
fn the_claim_is_the_widest_column_and_reads_back_whole() {
    let f = Fixture::seeded();
    let texts: Vec<String> =
        f.ok(&["list"]).lines().skip(1).map(|l| l.split('\t').nth(2).unwrap().to_string()).collect();
    for width in WIDTHS {
        for command in [&["list"][..], &["search", "attacks"]] {
            let output = table(&f, command, width);
            let (headers, rows) = rows(&output);
            // search shows the matching passage where list shows the text.
            let claim = headers.iter().position(|h| h == "text" || h == "snippet").unwrap();
            let widths = column_widths(&output);
            let widest = widths.iter().max().unwrap();
            assert_eq!(widths[claim], *widest, "{command:?} at {width}: {widths:?}\n{output}");
            // Lines were broken only at spaces: joined again, each claim is its text exactly (the
            // seed's claims are short, so search's passage is the whole text, its match marked).
            for row in &rows {
                let text = row[claim].replace(['[', ']'], "");
                assert!(texts.contains(&text), "{command:?} at {width}: {text:?} is not a claim's text");
            }
        }
    }
}

#[test]
fn ids_dates_modes_and_verdicts_are_never_broken() {
    let f = Fixture::seeded();
    for width in WIDTHS {
        let (headers, rows) = rows(&table(&f, &["list"], width));
        assert_eq!(rows.len(), 12, "{width}");
        for row in &rows {
            for (heading, cell) in headers.iter().zip(row) {
                match heading.as_str() {
                    "id" => assert!(cell.parse::<i64>().is_ok(), "{width}: id {cell:?}"),
                    "stated_on" => assert!(!cell.contains(' ') && cell.starts_with("20"), "{width}: date {cell:?}"),
                    "mode" => assert!(["direct", "paraphrase", "reported", "anonymous"].contains(&cell.as_str())),
                    "verdict" => assert_eq!(cell, "unrated"),
                    "source" => assert_eq!(cell, "seed-2024-01-27", "{width}"),
                    _ => {}
                }
            }
        }
        // Names wrap between words, never inside one: joined again, each is a name.
        let actors = ["U.S. officials", "Islamic Resistance in Iraq", "Iraqi officials", "United States"];
        let actor = headers.iter().position(|h| h == "actor").unwrap();
        for row in &rows {
            assert!(actors.contains(&row[actor].as_str()), "{width}: {:?}", row[actor]);
        }
    }
}

#[test]
fn narrow_terminals_leave_out_the_least_needed_columns_and_say_so() {
    let f = Fixture::seeded();
    let narrow = table(&f, &["list"], 80);
    assert!(narrow.contains("(not shown at 80 columns: mode, tags, verdict; --format tsv has them all)"), "{narrow}");
    let (headers, _) = rows(&narrow);
    assert_eq!(headers, ["id", "actor", "text", "stated_on", "source"]);
    let wide = table(&f, &["list"], 200);
    let (headers, _) = rows(&wide);
    assert_eq!(headers, ["id", "actor", "text", "mode", "stated_on", "source", "tags", "verdict"]);
    assert!(!wide.contains("not shown"));
}

#[test]
fn arabic_cjk_emoji_and_accents_are_measured_as_drawn() {
    let f = Fixture::new();
    let names = ["المقاومة الإسلامية في العراق", "الأمم المتحدة", "習近平", "José Martí", "Zoë 👍🏽 ☺️"];
    for name in names {
        let text = format!("{name} قال إن الانسحاب لا يرتبط بالهجمات، والسيادة لا تتجزأ ✈️ 東京 e\u{301}te\u{301}");
        f.ok(&["add", &text, "--by", name, "--on", "2024-01-27", "--tag", "السيادة"]);
    }
    for width in WIDTHS {
        for command in [&["list"][..], &["actor", "list"], &["show", "1"], &["search", "الانسحاب"]] {
            let output = table(&f, command, width);
            assert!(output.contains("لا"), "{command:?}: {output}");
            assert_fits(&output, width, &format!("{command:?}"));
        }
    }
}

#[test]
fn disputes_give_each_side_half_the_room() {
    let f = Fixture::seeded();
    for width in WIDTHS {
        let output = table(&f, &["disputes"], width);
        let widths = column_widths(&output);
        assert_eq!(widths.len(), 2);
        assert!(widths[0].abs_diff(widths[1]) <= 1, "{width}: {widths:?}");
        assert!(output.contains("(seed-2024-01-27, 2024-01)") || output.contains("seed-2024-01-27,"), "{output}");
        assert!(!output.contains("2024-0\n") && !output.contains("seed-2024-\n"), "{output}");
    }
}

#[test]
fn a_long_listing_streams_in_sections_that_fit() {
    let f = Fixture::new();
    let rows: String = (1..=300).map(|i| format!("Claim number {i} about the talks,Speaker {i}\n")).collect();
    std::fs::write(f.path("claims.csv"), format!("text,actor\n{rows}")).unwrap();
    f.ok(&["import", f.path("claims.csv").to_str().unwrap()]);
    let output = f.cmd(&["list", "--format", "table"]).env("COLUMNS", "80").env("LINES", "20").output().unwrap();
    let output = String::from_utf8(output.stdout).unwrap();
    assert_fits(&output, 80, "list");
    let ids: Vec<i64> = output.lines().filter_map(|l| cells(l)?[0].parse().ok()).collect();
    assert_eq!(ids, (1..=300).collect::<Vec<_>>());
    // The first screen (20 rows) decides the widths; id 100 starts a section that fits it.
    assert_eq!(output.matches('┌').count(), 2, "{output}");
    assert!(output.contains("Claim number 300 about the talks"));
}
