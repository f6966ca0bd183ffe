//! export csv (claims and disputes) and export json.

use serde_json::json;

use crate::common::Fixture;

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(text.as_bytes()).records().map(|r| r.unwrap().iter().map(String::from).collect()).collect()
}

#[test]
fn csv_has_a_header_and_one_row_per_claim_with_every_field() {
    let f = Fixture::seeded();
    let csv = f.ok(&["export", "csv"]);
    assert_eq!(
        csv.lines().next().unwrap(),
        "id,uid,text,quote,actor,mode,stated_on,source,source_title,source_url,source_publisher,locator,tags,verdict,notes,contradicted_by,supported_by,qualifies,responds_to,same_as,supersedes,notes_private"
    );
    let rows = csv_rows(&csv);
    assert_eq!(rows.len(), 12);
    let first = &rows[0];
    assert_eq!(first[0], "1");
    assert_eq!(first[4], "U.S. officials");
    assert_eq!(first[7], "seed-2024-01-27");
    assert_eq!(first[11], "para 2");
    assert_eq!(first[12], "timing");
    assert_eq!(first[15], "5");
    assert_eq!(first[16], "2; 3; 4");
    let filtered = csv_rows(&f.ok(&["export", "csv", "--by", "Iraqi officials"]));
    assert_eq!(filtered.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(), ["9", "12"]);
}

#[test]
fn csv_is_spreadsheet_safe_unless_raw() {
    let f = Fixture::new();
    f.ok(&["add", "=HYPERLINK(\"http://evil\",\"x\")", "--by", "@attacker", "--note", "-2+3", "--quote", "+1"]);
    f.ok(&["add", "plain, with \"quotes\"\nand a line break", "--by", "Ordinary"]);
    let rows = csv_rows(&f.ok(&["export", "csv"]));
    assert_eq!(rows[0][2], "'=HYPERLINK(\"http://evil\",\"x\")");
    assert_eq!(rows[0][3], "'+1");
    assert_eq!(rows[0][4], "'@attacker");
    assert_eq!(rows[0][14], "'-2+3");
    assert_eq!(rows[1][2], "plain, with \"quotes\"\nand a line break");
    let raw = csv_rows(&f.ok(&["export", "csv", "--raw"]));
    assert_eq!(raw[0][2], "=HYPERLINK(\"http://evil\",\"x\")");
    assert_eq!(raw[0][4], "@attacker");
}

#[test]
fn disputes_csv_puts_the_two_sides_next_to_each_other() {
    let f = Fixture::seeded();
    let csv = f.ok(&["export", "csv", "--disputes"]);
    assert_eq!(
        csv.lines().next().unwrap(),
        "dispute,claim_a,actor_a,text_a,source_a,stated_on_a,claim_b,actor_b,text_b,source_b,stated_on_b"
    );
    let rows = csv_rows(&csv);
    assert_eq!(rows.len(), 3);
    assert_eq!((rows[0][1].as_str(), rows[0][2].as_str()), ("1", "U.S. officials"));
    assert_eq!((rows[0][6].as_str(), rows[0][7].as_str()), ("5", "Islamic Resistance in Iraq"));
    assert_eq!((rows[2][2].as_str(), rows[2][7].as_str()), ("Iraqi officials", "United States"));
    assert_eq!(rows[2][10], "2024-01");
    let filtered = csv_rows(&f.ok(&["export", "csv", "--disputes", "--by", "United States"]));
    assert_eq!(filtered.len(), 1);
}

#[test]
fn output_to_a_file_replaces_it_whole() {
    let f = Fixture::seeded();
    let target = f.path("claims.csv");
    std::fs::write(&target, "old contents").unwrap();
    f.ok(&["export", "csv", "-o", target.to_str().unwrap()]);
    let written = std::fs::read_to_string(&target).unwrap();
    assert_eq!(written, f.ok(&["export", "csv"]));
    // A failing export leaves the old file alone and no temporary file behind.
    let error = f.fails(&["export", "csv", "--tag", "nope", "-o", target.to_str().unwrap()], 1);
    assert!(error.contains("unknown tag"), "{error}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), written);
    let leftovers = std::fs::read_dir(f.dir.path()).unwrap().filter(|e| {
        let name = e.as_ref().unwrap().file_name().to_string_lossy().to_string();
        name.starts_with(".claimtrack-")
    });
    assert_eq!(leftovers.count(), 0);
    let error = f.fails(&["export", "csv", "-o", f.path("missing/out.csv").to_str().unwrap()], 1);
    assert!(error.contains("cannot write in") && error.contains("no such folder"), "{error}");
    assert!(!error.contains(".claimtrack-"), "the temporary file's name is noise: {error}");
}

#[test]
fn json_is_the_whole_database_keyed_by_uid() {
    let f = Fixture::seeded();
    let doc = f.json(&["export", "json"]);
    assert_eq!(doc["claimtrack"], 1);
    assert_eq!(doc["claims"].as_object().unwrap().len(), 12);
    assert_eq!(doc["actors"].as_object().unwrap().len(), 6);
    assert_eq!(doc["sources"].as_object().unwrap().len(), 1);
    assert_eq!(doc["relations"].as_array().unwrap().len(), 10);
    let (uid, claim) = doc["claims"].as_object().unwrap().iter().next().unwrap();
    assert_eq!(uid.len(), 36);
    assert!(doc["actors"][claim["actor"].as_str().unwrap()]["name"].is_string(), "claims name actors by uid");
}

#[test]
fn bad_exports_are_clear() {
    let f = Fixture::seeded();
    let error = f.fails_unchanged(&["export", "xml"], 2);
    assert!(error.contains("invalid value 'xml' for '<WHAT>' [possible values: csv, xlsx, json"), "{error}");
    let error = f.fails_unchanged(&["export", "dot", "--raw"], 1);
    assert!(error.contains("--raw goes with export csv"), "{error}");
    let error = f.fails_unchanged(&["export", "csv", "--reviewer", "Desk"], 1);
    assert!(error.contains("go with export claimreview"), "{error}");
    let error = f.fails_unchanged(&["export", "json", "--by", "Nobody"], 1);
    assert!(error.contains("unknown actor"), "{error}");
}

#[test]
fn claimreview_has_the_fields_fact_check_markup_asks_for() {
    let f = Fixture::seeded();
    f.ok(&["source", "edit", "seed-2024-01-27", "--url", "https://example.org/talks", "--publisher", "Wire"]);
    f.ok(&["edit", "1", "--verdict", "misleading"]);
    f.ok(&["edit", "5", "--verdict", "unverified"]);
    f.ok(&["actor", "edit", "Islamic Resistance in Iraq", "--kind", "group"]);
    let reviews =
        f.json(&["export", "claimreview", "--reviewer", "Claims Desk", "--url-base", "https://checks.example/talks"]);
    let reviews = reviews.as_array().unwrap();
    assert_eq!(reviews.len(), 2, "only claims with a verdict");
    let first = &reviews[0];
    assert_eq!(first["@context"], "https://schema.org");
    assert_eq!(first["@type"], "ClaimReview");
    assert!(first["claimReviewed"].as_str().unwrap().starts_with("The timing of the talks"));
    assert!(first["url"].as_str().unwrap().starts_with("https://checks.example/talks#"));
    assert_eq!(first["author"], json!({"@type": "Organization", "name": "Claims Desk"}));
    assert!(first["datePublished"].as_str().unwrap().len() == 10);
    assert_eq!(first["reviewRating"]["@type"], "Rating");
    assert_eq!(first["reviewRating"]["alternateName"], "Misleading");
    assert_eq!(first["reviewRating"]["ratingValue"], 2);
    assert_eq!(first["reviewRating"]["bestRating"], 5);
    assert_eq!(first["reviewRating"]["worstRating"], 1);
    let claim = &first["itemReviewed"];
    assert_eq!(claim["@type"], "Claim");
    assert_eq!(claim["author"], json!({"@type": "Organization", "name": "U.S. officials"}));
    assert_eq!(claim["datePublished"], "2024-01");
    assert_eq!(claim["appearance"]["url"], "https://example.org/talks");
    assert_eq!(claim["appearance"]["headline"], "U.S. and Iraq open formal talks on ending the coalition mission");
    assert_eq!(claim["appearance"]["datePublished"], "2024-01-27");
    assert_eq!(claim["appearance"]["publisher"]["name"], "Wire");
    assert_eq!(reviews[1]["reviewRating"]["alternateName"], "Unverified");
    let filtered = f.json(&["export", "claimreview", "--by", "Islamic Resistance in Iraq", "--url-base", "https://x"]);
    assert_eq!(filtered.as_array().unwrap().len(), 1);
}

#[test]
fn graphs_for_graphviz_and_mermaid() {
    let f = Fixture::seeded();
    let dot = f.ok(&["export", "dot"]);
    assert!(dot.starts_with("digraph claims {"), "{dot}");
    assert_eq!(dot.matches("subgraph cluster_dispute_").count(), 2, "{dot}");
    assert!(dot.contains("c1 -> c5 [label=\"contradicts\""), "{dot}");
    assert!(dot.contains("c2 -> c1 [label=\"supports\""), "{dot}");
    assert!(dot.contains("c12 -> c9 [label=\"qualifies\""), "{dot}");
    assert_eq!(dot.matches(" -> ").count(), 10);
    let mermaid = f.ok(&["export", "mermaid", "--tag", "sovereignty"]);
    assert!(mermaid.starts_with("```mermaid\nflowchart LR\n"), "{mermaid}");
    assert!(mermaid.contains("c9 x--x|contradicts| c10"), "{mermaid}");
    assert!(mermaid.contains("c12 -.->|qualifies| c9"), "{mermaid}");
    assert!(!mermaid.contains("c11["), "claim 11 is not tagged sovereignty: {mermaid}");
}

#[test]
fn graphs_of_more_than_a_thousand_claims_need_a_filter_or_force() {
    let f = Fixture::new();
    let file = f.path("many.csv");
    let rows: String = (1..=1001).map(|i| format!("Claim number {i},\u{5e9}\u{5e8}\u{5d4} {},all\n", i % 7)).collect();
    std::fs::write(&file, format!("text,actor,tags\n{rows}")).unwrap();
    f.ok(&["import", file.to_str().unwrap()]);
    let out = f.path("claims.dot");
    for what in ["dot", "mermaid"] {
        let error = f.fails_unchanged(&["export", what, "-o", out.to_str().unwrap()], 1);
        assert!(
            error.contains(&format!("export {what} draws at most 1000 claims and this would be 1001 claims")),
            "{error}"
        );
        assert!(error.contains("--force"), "{error}");
        assert!(!out.exists(), "a refused graph writes nothing");
    }
    let error = f.fails(&["export", "dot", "--tag", "all"], 1);
    assert!(error.contains("would be more than 1000 claims"), "{error}");
    let error = f.fails(&["export", "csv", "--force"], 1);
    assert!(error.contains("--force goes with export dot and export mermaid"), "{error}");
    let dot = f.ok(&["export", "dot", "--by", "\u{5e9}\u{5e8}\u{5d4} 1"]);
    assert_eq!(dot.matches("[label=").count(), 143, "{dot}");
    assert_eq!(f.ok(&["export", "dot", "--limit", "1000"]).matches("[label=").count(), 1000);
    assert_eq!(f.ok(&["export", "mermaid", "--force"]).matches("[\"").count(), 1001);
}

#[test]
fn markdown_memo_has_disputes_and_claims() {
    let f = Fixture::seeded();
    let memo = f.ok(&["export", "markdown"]);
    assert!(memo.starts_with("## Disputes"), "{memo}");
    assert!(memo.contains("### Dispute 1"), "{memo}");
    assert!(memo.contains("| U.S. officials | Islamic Resistance in Iraq |"), "{memo}");
    assert!(memo.contains("## Claims"), "{memo}");
    let claims = memo.split("## Claims").nth(1).unwrap();
    assert_eq!(claims.lines().filter(|l| l.starts_with("| ")).count(), 1 + 12, "header and 12 claims: {claims}");
}

#[test]
fn json_with_filters_is_a_document_of_the_selection() {
    let f = Fixture::seeded();
    let doc = f.json(&["export", "json", "--tag", "sovereignty"]);
    assert_eq!(doc["claims"].as_object().unwrap().len(), 3);
    let actors: Vec<&str> = doc["actors"].as_object().unwrap().values().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(actors.len(), 2, "{actors:?}");
    assert_eq!(doc["relations"].as_array().unwrap().len(), 2, "contradicts 9-10 and qualifies 12-9");
    // Affiliations come along, so the document imports on its own.
    let iri = f.json(&["export", "json", "--by", "Islamic Resistance in Iraq"]);
    assert_eq!(iri["actors"].as_object().unwrap().len(), 2, "the group and the PMF it belongs to");
    let copy = Fixture::new();
    copy.ok_with_input(&["import", "-", "--from", "json"], &iri.to_string());
    assert_eq!(copy.json(&["list", "--format", "json"]).as_array().unwrap().len(), 4);
}

#[test]
fn every_export_writes_to_a_file() {
    let f = Fixture::seeded();
    f.ok(&["config", "set", "url-base", "https://checks.example/talks"]);
    for what in ["csv", "json", "jsonl", "claimreview", "dot", "mermaid", "markdown"] {
        let target = f.path(&format!("out.{what}"));
        let stderr = f.ok_stderr(&["export", what, "-o", target.to_str().unwrap()]);
        assert!(stderr.contains("wrote"), "{what}: {stderr}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), f.ok(&["export", what]), "{what}");
    }
}
