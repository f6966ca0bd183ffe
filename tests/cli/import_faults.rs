//! Malformed CSV, TSV and JSON lines: each names its line and fault, exits 1, and leaves the
//! database as it was.

use crate::common::Fixture;

struct Case {
    name: &'static str,
    file: &'static str,
    content: Vec<u8>,
    extra: &'static [&'static str],
    /// Each must appear in what claimtrack prints.
    expected: &'static [&'static str],
}

fn case(
    name: &'static str,
    file: &'static str,
    content: impl Into<Vec<u8>>,
    expected: &'static [&'static str],
) -> Case {
    Case { name, file, content: content.into(), extra: &[], expected }
}

fn cases() -> Vec<Case> {
    let megabyte = "m".repeat(1 << 20);
    vec![
        case(
            "bad date",
            "a.csv",
            "text,actor,date\nok,A,2024\nx,B,2024-13\n",
            &["line 3, column 3 (date): bad date \"2024-13\""],
        ),
        case(
            "impossible day",
            "a.csv",
            "text,actor,date\nx,B,2023-02-29\n",
            &["line 2, column 3 (date): bad date \"2023-02-29\""],
        ),
        case(
            "unknown mode",
            "a.csv",
            "text,actor,mode\nx,A,rumour\n",
            &["line 2, column 3 (mode): unknown mode \"rumour\""],
        ),
        case(
            "unknown verdict",
            "a.csv",
            "text,actor,verdict\nx,A,fake news\n",
            &["line 2, column 3 (verdict): unknown verdict \"fake news\""],
        ),
        case("empty text", "a.csv", "text,actor\nok,A\n  ,B\n", &["line 3: the claim text is empty"]),
        case("empty actor", "a.csv", "text,actor\nx,\n", &["line 2: the actor is empty"]),
        case("too few columns", "a.csv", "text,actor,date\nx,A\n", &["line 2: 2 fields where the header has 3"]),
        case("too many columns", "a.csv", "text,actor\nx,A,extra\n", &["line 2: 3 fields where the header has 2"]),
        case(
            "invalid UTF-8",
            "a.csv",
            &b"text,actor\nok,A\ncaf\xe9,B\n"[..],
            &["line 3, column 1 (text): not UTF-8 text"],
        ),
        case(
            "unbalanced quote",
            "a.csv",
            "text,actor\nok,A\n\"never closed,B\nmore,C\n",
            &["line 3: a quoted field opens here and never closes"],
        ),
        case("bad id", "a.csv", "id,text,actor\nseven,x,A\n", &["line 2, column 1 (id): \"seven\" is not a claim id"]),
        case(
            "dangling relation",
            "a.csv",
            "id,text,actor,contradicted_by\n1,x,A,9\n",
            &["line 2: refers to claim id 9, which is not in the file"],
        ),
        case(
            "control character in a tag",
            "a.csv",
            "text,actor,tags\nx,A,\"bad\u{7}tag\"\n",
            &["line 2, column 3 (tags): tag"],
        ),
        case(
            "BOM, then a bad date",
            "a.csv",
            "\u{feff}text,actor,date\nx,A,27.01.2024\n",
            &["line 2, column 3 (date): bad date \"27.01.2024\""],
        ),
        case(
            "CRLF, then too few columns",
            "a.csv",
            "text,actor\r\nok,A\r\nshort\r\n",
            &["line 3: 1 field where the header has 2"],
        ),
        case(
            "quoted newlines before a bad mode",
            "a.csv",
            "text,actor,mode\n\"one\ntwo\nthree\",A,direct\nx,B,hearsay\n",
            &["line 5, column 3 (mode): unknown mode \"hearsay\""],
        ),
        case(
            "Arabic text, unknown verdict",
            "a.csv",
            "text,actor,verdict\nقالت المقاومة إن القرار سياسي,المقاومة الإسلامية,كاذب\n",
            &["line 2, column 3 (verdict): unknown verdict \"كاذب\""],
        ),
        case(
            "Hebrew text, bad date",
            "a.csv",
            "text,actor,date\nהצבא אמר שהתקיפה מוצדקת,דובר צה״ל,אתמול\n",
            &["line 2, column 3 (date): bad date \"אתמול\""],
        ),
        case(
            "a 1 MB field, then an empty actor",
            "a.csv",
            format!("text,actor\n{megabyte},A\nx,\n"),
            &["line 3: the actor is empty"],
        ),
        case("empty file", "a.csv", "", &["line 1: the file is empty"]),
        case("only a byte-order mark", "a.csv", "\u{feff}", &["line 1: the file is empty"]),
        case("header only", "a.csv", "text,actor\n", &["line 2: there are no rows after the header"]),
        case("no actor column", "a.csv", "claim,date\nx,2024\n", &["line 1: no actor column"]),
        case("two columns for one field", "a.csv", "text,by,who\nx,A,B\n", &["line 1: two columns feed actor"]),
        case(
            "TSV bad date",
            "a.tsv",
            "text\tactor\tdate\nx\tA\tJanuary\n",
            &["line 2, column 3 (date): bad date \"January\""],
        ),
        case("TSV too many columns", "a.tsv", "text\tactor\nx\tA\tB\n", &["line 2: 3 fields where the header has 2"]),
        case(
            "JSON lines malformed",
            "a.jsonl",
            "{\"text\": \"ok\", \"actor\": \"A\"}\n{\"text\": \"x\", \n",
            &["line 2: malformed JSON at column"],
        ),
        case("JSON lines not an object", "a.jsonl", "[\"x\", \"A\"]\n", &["line 1: each line must be a JSON object"]),
        case(
            "JSON lines bad date",
            "a.jsonl",
            "{\"text\": \"x\", \"actor\": \"A\", \"date\": \"soon\"}\n",
            &["line 1, field \"date\": bad date \"soon\""],
        ),
        case(
            "JSON lines empty text",
            "a.jsonl",
            "\n\n{\"text\": \"\", \"actor\": \"A\"}\n",
            &["line 3: the claim text is empty"],
        ),
        case(
            "JSON lines wrong type",
            "a.jsonl",
            "{\"text\": \"x\", \"actor\": {\"name\": \"A\"}}\n",
            &["line 1, field \"actor\": expected one actor's name as text, found an object"],
        ),
        case(
            "JSON lines invalid UTF-8",
            "a.jsonl",
            &b"{\"text\": \"caf\xe9\", \"actor\": \"A\"}\n"[..],
            &["line 1: not UTF-8 text"],
        ),
        Case {
            name: "uid already here, --on-conflict fail",
            file: "a.csv",
            content: "uid,text,actor\nfixed-uid,y,A\n".into(),
            extra: &["--on-conflict", "fail"],
            expected: &["line 2: uid fixed-uid is already claim #13 with other content"],
        },
    ]
}

#[test]
fn every_malformed_file_is_refused_with_its_line_and_fault() {
    let f = Fixture::seeded();
    f.ok_with_input(&["import", "-", "--from", "csv"], "uid,text,actor\nfixed-uid,x,A\n");
    let all = cases();
    assert!(all.len() >= 25);
    for case in all {
        let path = f.path(case.file);
        std::fs::write(&path, &case.content).unwrap();
        let before = f.snapshot();
        let mut args = vec!["import", path.to_str().unwrap()];
        args.extend(case.extra);
        let output = f.cmd(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{}: {stderr}", case.name);
        for expected in case.expected {
            assert!(
                stderr.contains(&format!("{}: {expected}", path.display())),
                "{}: wanted {expected:?} in {stderr}",
                case.name
            );
        }
        let last = stderr.lines().last().unwrap();
        assert!(last.starts_with("error: "), "{}: {stderr}", case.name);
        assert_eq!(before, f.snapshot(), "{}: the database changed", case.name);
    }
}

#[test]
fn many_faults_are_listed_up_to_twenty_then_counted() {
    let f = Fixture::new();
    let mut csv = String::from("text,actor,date\n");
    for i in 0..30 {
        csv.push_str(&format!("claim {i},A,not-a-date-{i}\n"));
    }
    let path = f.path("many.csv");
    std::fs::write(&path, csv).unwrap();
    let output = f.cmd(&["import", path.to_str().unwrap()]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stderr.lines().filter(|l| l.contains(": bad date")).count(), 20, "{stderr}");
    assert!(stderr.contains("... and 10 more problems"), "{stderr}");
    assert!(stderr.lines().last().unwrap().contains("30 problems found; nothing was imported"), "{stderr}");
    assert!(!f.db.exists(), "a failed first import leaves no database behind");
}
