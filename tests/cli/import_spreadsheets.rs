//! import of what comes back from spreadsheets and other tools: the spreadsheet-safe CSV export,
//! semicolons, Windows-1252 and UTF-16, several files at once, --from, timestamps and every
//! relation kind in rows, and headers too wide to list.

use crate::common::Fixture;

fn write(f: &Fixture, name: &str, bytes: &[u8]) -> String {
    let path = f.path(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

/// Texts a spreadsheet would run, and texts that really start with an apostrophe.
const AWKWARD: [&str; 6] =
    ["=SUM(A1:A9)", "+1 for the plan", "-5 degrees", "@desk said so", "'Tis the season", "'=not a formula"];

#[test]
fn the_spreadsheet_safe_csv_export_imports_back_as_it_was() {
    let source = Fixture::seeded();
    for text in AWKWARD {
        let [by, quote, note, tag] = ["by", "quote", "note", "tag"].map(|flag| format!("--{flag}={text}"));
        source.ok(&["add", &by, &quote, &note, &tag, "--", text]);
    }
    let first = source.ok(&["export", "csv"]);
    assert!(first.contains("''Tis the season"), "a leading apostrophe is protected too: {first}");
    let copy = Fixture::new();
    let file = write(&copy, "claims.csv", first.as_bytes());
    copy.ok(&["import", &file]);
    assert_eq!(copy.ok(&["export", "csv"]), first, "export -> import -> export is identical");
    for (index, text) in AWKWARD.iter().enumerate() {
        let id = (13 + index).to_string();
        let claim = copy.json(&["show", &id, "--format", "json"]);
        assert_eq!(claim["text"], *text);
        assert_eq!(claim["actor"], *text);
        assert_eq!(claim["quote"], *text);
        assert_eq!(claim["notes"], *text);
        assert_eq!(claim["tags"][0], *text);
    }
    // A raw export is read raw: its apostrophes are the texts' own.
    let raw = source.ok(&["export", "csv", "--raw"]);
    let again = Fixture::new();
    let file = write(&again, "raw.csv", raw.as_bytes());
    again.ok(&["import", &file, "--raw"]);
    assert_eq!(again.ok(&["export", "csv", "--raw"]), raw);
}

#[test]
fn european_excel_csv_in_windows_1252_with_semicolons() {
    let f = Fixture::new();
    // "Schön" and "René" in Windows-1252, typographic quotes included, fields split by ";".
    let file = write(
        &f,
        "redaktion.csv",
        b"Claim;Speaker;Date\r\n\x93Die Gespr\xe4che laufen\x94, sagt er;Ren\xe9 Sch\xf6n;2024-01-27\r\n",
    );
    let output = f.cmd(&["import", &file]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "not UTF-8 without --encoding: {stderr}");
    assert!(stderr.contains("name its encoding with --encoding"), "{stderr}");
    let stderr = f.ok_stderr(&["import", &file, "--encoding", "windows-1252"]);
    assert!(
        stderr.contains("reading as windows-1252 (--encoding), fields separated by semicolons (found in the header)"),
        "{stderr}"
    );
    let claims = f.json(&["list", "--format", "json"]);
    assert_eq!(claims[0]["text"], "\u{201c}Die Gespräche laufen\u{201d}, sagt er");
    assert_eq!(claims[0]["actor"], "René Schön");
    assert_eq!(claims[0]["stated_on"], "2024-01-27");
}

#[test]
fn utf16_is_recognised_by_its_byte_order_mark() {
    let f = Fixture::new();
    // Excel's "Unicode text": UTF-16, tabs between fields, quoted as CSV is.
    let text = "text\tactor\r\n\"قال المتحدث:\t\"\"المحادثات مستمرة\"\"\"\tمحمد شياع السوداني\r\n";
    for (name, bytes) in [
        ("le.txt", [&[0xFF, 0xFE][..], &text.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<_>>()].concat()),
        ("be.txt", [&[0xFE, 0xFF][..], &text.encode_utf16().flat_map(u16::to_be_bytes).collect::<Vec<_>>()].concat()),
    ] {
        let file = write(&f, name, &bytes);
        // The same row twice: the second is kept only because duplicates are allowed.
        let stderr = f.ok_stderr(&["import", &file, "--allow-duplicates"]);
        assert!(stderr.contains("reading as UTF-16") && stderr.contains("(by its byte-order mark)"), "{stderr}");
    }
    let claims = f.json(&["list", "--format", "json"]);
    assert_eq!(claims.as_array().unwrap().len(), 2);
    assert_eq!(claims[1]["actor"], "محمد شياع السوداني");
    assert_eq!(claims[1]["text"], "قال المتحدث:\t\"المحادثات مستمرة\"");
}

#[test]
fn delimiter_and_format_are_named_with_their_own_options() {
    let f = Fixture::new();
    let file = write(&f, "pipes.txt", "text|actor\n\"One | two\"|A\n".as_bytes());
    let stderr = f.ok_stderr(&["import", &file, "--from", "csv", "--delimiter", "|"]);
    assert!(stderr.contains("fields separated by \"|\" (--delimiter)"), "{stderr}");
    f.ok_with_input(&["import", "-", "--from", "tsv"], "text\tactor\nTabbed\tB\n");
    f.ok_with_input(&["import", "-", "--from", "jsonl"], "{\"text\": \"Lined\", \"actor\": \"C\"}\n");
    let texts: Vec<String> =
        f.json(&["list", "--format", "json"]).as_array().unwrap().iter().map(|c| c["text"].to_string()).collect();
    assert_eq!(texts, ["\"One | two\"", "\"Tabbed\"", "\"Lined\""]);
    let error = f.fails(&["--format", "json", "import", &file], 2);
    assert!(error.contains("import reads its input format from --from") && error.contains("--from json"), "{error}");
}

#[test]
fn several_files_are_imported_each_in_its_own_transaction() {
    let f = Fixture::new();
    let a = write(&f, "a.csv", "text,actor\nFrom a,A\n".as_bytes());
    let b = write(&f, "b.jsonl", "{\"text\": \"From b\", \"actor\": \"B\"}\n".as_bytes());
    let stderr = f.ok_stderr(&["import", &a, &b]);
    assert_eq!(stderr.matches("imported ").count(), 2, "{stderr}");
    let bad = write(&f, "bad.csv", "text,actor\nx,\n".as_bytes());
    let c = write(&f, "c.csv", "text,actor\nFrom c,C\n".as_bytes());
    let output = f.cmd(&["import", &a, &bad, &c]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("bad.csv: line 2: the actor is empty"), "{stderr}");
    let last = stderr.lines().last().unwrap();
    assert!(last.starts_with("error: 1 of 3 files not imported ("), "{stderr}");
    assert!(last.contains("bad.csv") && last.ends_with("the other 2 were"), "{stderr}");
    let texts: Vec<String> =
        f.json(&["list", "--format", "json"]).as_array().unwrap().iter().map(|c| c["text"].to_string()).collect();
    // a.csv the second time says nothing new: its row is a duplicate, left out and said so.
    assert!(stderr.contains("a.csv: 0 claims added") && stderr.contains("note: 1 row left out"), "{stderr}");
    assert_eq!(texts, ["\"From a\"", "\"From b\"", "\"From c\""]);
}

#[test]
fn rows_carry_timestamps_and_every_relation_kind_checked() {
    let f = Fixture::new();
    let file = write(
        &f,
        "rows.jsonl",
        concat!(
            "{\"id\": 1, \"text\": \"a\", \"actor\": \"A\", \"created_at\": \"2024-01-27T10:00:00Z\", \"updated_at\": \"2024-01-28T10:00:00Z\"}\n",
            "{\"id\": 2, \"text\": \"b\", \"actor\": \"B\", \"qualifies\": [1], \"responds_to\": [1], \"same_as\": [], \"supersedes\": \"1\"}\n",
        )
        .as_bytes(),
    );
    let stderr = f.ok_stderr(&["import", &file]);
    assert!(!stderr.contains("not imported: no claim field"), "every field is known: {stderr}");
    let bad = write(
        &f,
        "bad.jsonl",
        concat!(
            "{\"text\": \"a\", \"actor\": \"A\", \"created_at\": \"last Tuesday\"}\n",
            "{\"text\": \"b\", \"actor\": \"B\", \"qualifies\": [\"first\"], \"same_as\": true}\n",
            "{\"text\": \"c\", \"actor\": \"C\", \"created_at\": \"2024-02-01T00:00:00Z\", \"updated_at\": \"2024-01-01T00:00:00Z\"}\n",
        )
        .as_bytes(),
    );
    let before = f.snapshot();
    let output = f.cmd(&["import", &bad]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    for fault in [
        "line 1, field \"created_at\": bad timestamp \"last Tuesday\"",
        "line 2, field \"qualifies\": \"first\" is not a claim id",
        "line 2, field \"same_as\": expected claim ids, found true or false",
        "line 3: updated_at 2024-01-01T00:00:00Z is before created_at 2024-02-01T00:00:00Z",
    ] {
        assert!(stderr.contains(fault), "wanted {fault:?} in {stderr}");
    }
    assert_eq!(before, f.snapshot());
    let csv = write(&f, "bad.csv", "text,actor,supersedes,updated_at\nx,A,two,2024-13-01T00:00:00Z\n".as_bytes());
    let output = f.cmd(&["import", &csv]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 2, column 3 (supersedes): \"two\" is not a claim id"), "{stderr}");
    assert!(stderr.contains("line 2, column 4 (updated_at): bad timestamp"), "{stderr}");
}

#[test]
fn a_million_unknown_columns_make_one_short_warning() {
    let f = Fixture::new();
    let columns = 1_000_000;
    let mut csv = String::from("text,actor");
    for i in 0..columns {
        csv.push_str(&format!(",c{i}"));
    }
    csv.push_str("\nA claim,An actor");
    csv.push_str(&",".repeat(columns));
    csv.push('\n');
    let file = write(&f, "wide.csv", csv.as_bytes());
    let stderr = f.ok_stderr(&["import", &file]);
    let warning = stderr.lines().find(|l| l.starts_with("warning:")).unwrap();
    assert!(warning.contains("\"c0\", \"c1\", \"c2\", \"c3\", \"c4\" and 999,995 more are not imported"), "{warning}");
    assert!(warning.len() < 300, "{} characters", warning.len());
}
