//! extract and verify. The labelled articles under tests/extraction/ are scored (speaker forms,
//! word coverage and purity, one-to-one matching best first) and must stay above the floor.

use std::collections::HashSet;
use std::path::Path;

use serde_json::Value;

use crate::common::Fixture;

fn normalise_speaker(text: &str) -> String {
    let lower = text.to_lowercase().replace('.', "").replace('\u{2019}', "'");
    let spaced: String =
        lower.chars().map(|c| if c.is_alphanumeric() || c == '_' || c == '\'' { c } else { ' ' }).collect();
    format!(" {} ", spaced.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn tokens(text: &str) -> HashSet<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect()
}

/// (matched, proposals that count, gold that counts) for one article, as score.py counts them.
fn score(gold: &[Value], proposals: &[Value]) -> (usize, usize, usize) {
    let mut pairs = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        let forms: Vec<&str> = match g["speaker_forms"].as_array() {
            Some(forms) => forms.iter().filter_map(Value::as_str).collect(),
            None => vec![g["speaker"].as_str().unwrap()],
        };
        for (pi, p) in proposals.iter().enumerate() {
            let (gt, pt) = (tokens(g["text"].as_str().unwrap()), tokens(p["text"].as_str().unwrap_or("")));
            if gt.is_empty() || pt.is_empty() {
                continue;
            }
            let both = gt.intersection(&pt).count() as f64;
            let (coverage, purity) = (both / gt.len() as f64, both / pt.len() as f64);
            let speaker = normalise_speaker(p["speaker"].as_str().unwrap_or(""));
            if coverage >= 0.5 && purity >= 0.5 && forms.iter().any(|f| speaker.contains(&normalise_speaker(f))) {
                pairs.push((coverage + purity, gi, pi));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
    let (mut used_g, mut used_p) = (HashSet::new(), HashSet::new());
    let (mut matched, mut optional) = (0, 0);
    for (_, gi, pi) in pairs {
        if used_g.contains(&gi) || used_p.contains(&pi) {
            continue;
        }
        used_g.insert(gi);
        used_p.insert(pi);
        if gold[gi]["optional"].as_bool() == Some(true) { optional += 1 } else { matched += 1 }
    }
    let needed = gold.iter().filter(|g| g["optional"].as_bool() != Some(true)).count();
    (matched, proposals.len() - optional, needed)
}

#[test]
fn labelled_articles_stay_above_the_floor() {
    let f = Fixture::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/extraction");
    let (mut matched, mut proposed, mut needed) = (0, 0, 0);
    let mut articles = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let article: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let output = f.ok_with_input(&["extract", "-", "--format", "json"], article["text"].as_str().unwrap());
        let proposals: Vec<Value> = serde_json::from_str(&output).unwrap();
        let (m, p, n) = score(article["gold"].as_array().unwrap(), &proposals);
        matched += m;
        proposed += p;
        needed += n;
        articles += 1;
    }
    assert!(articles >= 50, "{articles} articles");
    let precision = matched as f64 / proposed as f64;
    let recall = matched as f64 / needed as f64;
    assert!(precision >= 0.92, "precision {precision:.3} (recall {recall:.3})");
    assert!(recall >= 0.85, "recall {recall:.3} (precision {precision:.3})");
}

#[test]
fn json_proposals_carry_every_field_and_offsets_point_into_the_input() {
    let f = Fixture::new();
    let text = "Intro line.\n\n\u{201c}Prices will fall,\u{201d} said Dr. José Núñez, the bank\u{2019}s economist. He added that wages would rise.";
    let proposals: Vec<Value> =
        serde_json::from_str(&f.ok_with_input(&["extract", "-", "--format", "json"], text)).unwrap();
    assert_eq!(proposals.len(), 2, "{proposals:#?}");
    let chars: Vec<char> = text.chars().collect();
    for p in &proposals {
        for field in [
            "speaker", "speaker_text", "cue", "text", "kind", "mode", "start", "end", "paragraph", "rule",
            "confidence", "anonymous", "chain",
        ] {
            assert!(p.get(field).is_some(), "{field} missing: {p}");
        }
        let (start, end) = (p["start"].as_u64().unwrap() as usize, p["end"].as_u64().unwrap() as usize);
        assert_eq!(chars[start..end].iter().collect::<String>(), p["text"].as_str().unwrap());
    }
    assert_eq!(proposals[0]["speaker"], "José Núñez");
    assert_eq!(proposals[0]["kind"], "direct");
    assert_eq!(proposals[0]["paragraph"], 2);
    assert_eq!(proposals[1]["speaker"], "José Núñez");
    assert_eq!(proposals[1]["speaker_text"], "He");
    assert_eq!(proposals[1]["kind"], "indirect");
}

#[test]
fn accept_all_stores_claims_with_source_and_text() {
    let f = Fixture::new();
    let article = f.path("article.txt");
    std::fs::write(&article, "\"We kept the line open,\" said Tom Baker. The union said the plant would close.")
        .unwrap();
    let ids = f.ok(&["extract", article.to_str().unwrap(), "--source", "wire-1", "--accept-all"]);
    assert_eq!(ids.lines().count(), 2);
    let claims = f.json(&["list", "--format", "json"]);
    assert_eq!(claims[0]["actor"], "Tom Baker");
    assert_eq!(claims[0]["mode"], "direct");
    assert_eq!(claims[0]["quote"], "We kept the line open");
    assert_eq!(claims[0]["source"], "wire-1");
    assert_eq!(claims[0]["locator"], "para 1");
    assert_eq!(claims[1]["actor"], "union");
    assert_eq!(claims[1]["mode"], "paraphrase");
    let source = f.json(&["source", "show", "wire-1", "--format", "json"]);
    assert!(source["text"].as_str().unwrap().ends_with("characters"));
    // The stored article lets verify check the quotes.
    f.ok(&["verify"]);
}

#[test]
fn anonymous_sources_are_stored_in_anonymous_mode() {
    let f = Fixture::new();
    let article = f.path("article.txt");
    std::fs::write(
        &article,
        "A senior official, speaking on condition of anonymity, said the talks had failed. The ministry said they would resume.",
    )
    .unwrap();
    let proposals = f.json(&["extract", article.to_str().unwrap(), "--format", "json"]);
    assert_eq!(proposals[0]["anonymous"], true);
    assert_eq!(proposals[0]["public_name"], "a senior official");
    assert_eq!(proposals[0]["mode"], "anonymous");
    assert_eq!(proposals[1]["anonymous"], false);
    assert!(proposals[1].get("public_name").is_none());
    f.ok(&["extract", article.to_str().unwrap(), "--accept-all"]);
    let claims = f.json(&["list", "--format", "json"]);
    assert_eq!(claims[0]["mode"], "anonymous");
    assert_eq!(claims[0]["actor"], "senior official");
    assert_eq!(claims[1]["mode"], "paraphrase");
}

#[test]
fn reporting_chains_are_shown_and_kept_in_the_note() {
    let f = Fixture::new();
    let article = f.path("article.txt");
    std::fs::write(
        &article,
        "The minister told parliament that the general had assured him that the troops would leave.",
    )
    .unwrap();
    let proposals = f.json(&["extract", article.to_str().unwrap(), "--format", "json"]);
    let chain: Vec<&str> =
        proposals[0]["chain"].as_array().unwrap().iter().map(|l| l["speaker"].as_str().unwrap()).collect();
    assert_eq!(chain, ["minister", "general"]);
    let csv = f.ok(&["extract", article.to_str().unwrap(), "--format", "csv"]);
    assert!(csv.contains("minister (told) > general (assured)"), "{csv}");
    f.ok(&["extract", article.to_str().unwrap(), "--accept-all"]);
    let claims = f.json(&["list", "--format", "json"]);
    assert_eq!(claims[0]["notes"], "reporting chain: minister (told) > general (assured)");
}

#[test]
fn min_confidence_keeps_the_surer_proposals() {
    let f = Fixture::new();
    // A quotation with its speaker is surer than a claim whose speaker is a pronoun.
    let text = "\"We will rebuild,\" said Mayor Ana Ruiz. She said the bridge would take two years.";
    let all: Vec<Value> = serde_json::from_str(&f.ok_with_input(&["extract", "-", "--format", "json"], text)).unwrap();
    assert_eq!(all.len(), 2);
    let least = all[0]["confidence"].as_f64().unwrap();
    assert!(all[1]["confidence"].as_f64().unwrap() < least, "{all:#?}");
    let sure: Vec<Value> = serde_json::from_str(
        &f.ok_with_input(&["extract", "-", "--format", "json", "--min-confidence", &least.to_string()], text),
    )
    .unwrap();
    assert_eq!(sure.len(), 1);
    assert_eq!(sure[0]["text"], "We will rebuild");
    for bad in ["1.5", "-0.1", "high", ""] {
        let error = f.fails(&["extract", "-", "--min-confidence", bad], 2);
        assert!(error.contains("is not a confidence (a number from 0 to 1"), "{bad}: {error}");
    }
}

#[test]
fn review_walks_the_proposals() {
    let f = Fixture::new();
    let article = f.path("article.txt");
    std::fs::write(&article, "The ministry said the bridge would reopen. The union said the strike would go on. Police said two people were hurt.").unwrap();
    // accept the first with a new speaker, skip the second, edit and accept the third's text.
    let answers = "s\nTransport ministry\na\nk\nt\nTwo people were hurt in the crash\na\n";
    let out = f.ok_with_input(&["extract", article.to_str().unwrap(), "--review"], answers);
    assert_eq!(out.lines().count(), 2);
    let claims = f.json(&["list", "--format", "json"]);
    assert_eq!(claims[0]["actor"], "Transport ministry");
    assert_eq!(claims[1]["text"], "Two people were hurt in the crash");
    assert_eq!(claims[1]["actor"], "Police");
    // Quitting keeps what was accepted so far; running out of answers too.
    let g = Fixture::new();
    g.ok_with_input(&["extract", article.to_str().unwrap(), "--review"], "a\nq\n");
    assert_eq!(g.json(&["list", "--format", "json"]).as_array().unwrap().len(), 1);
}

#[test]
fn bad_extract_input_is_refused() {
    let f = Fixture::new();
    let error = f.fails(&["extract", "missing.txt"], 1);
    assert!(error.contains("cannot read missing.txt"), "{error}");
    let bytes = f.path("latin1.txt");
    std::fs::write(&bytes, b"caf\xe9 said").unwrap();
    let error = f.fails(&["extract", bytes.to_str().unwrap()], 1);
    assert!(error.contains("not UTF-8"), "{error}");
    let error = f.fails(&["extract", "-", "--review"], 1);
    assert!(error.contains("must come from a file"), "{error}");
    f.fails(&["extract", "x.txt", "--review", "--accept-all"], 2);
    assert!(!f.db.exists());
}

#[test]
fn verify_finds_quotes_that_are_not_in_their_source() {
    let f = Fixture::new();
    let article = f.path("article.txt");
    std::fs::write(
        &article,
        "The minister said: \u{201c}We will  rebuild the bridge\nby spring.\u{201d} Others disagreed.",
    )
    .unwrap();
    f.ok(&["source", "add", "wire", "--text-file", article.to_str().unwrap()]);
    // Quote style and white space differ from the source: still a match.
    f.ok(&[
        "add",
        "The bridge will be rebuilt",
        "--by",
        "minister",
        "--source",
        "wire",
        "--quote",
        "\"We will rebuild the bridge by spring.\"",
    ]);
    assert!(f.ok_stderr(&["verify"]).contains("1 quotation checked, all found"));
    f.ok(&[
        "add",
        "The bridge will be rebuilt soon",
        "--by",
        "minister",
        "--source",
        "wire",
        "--quote",
        "We will rebuild the bridge by summer",
    ]);
    let output = f.cmd(&["verify", "--format", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let failures: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0]["id"], 2);
    assert!(failures[0]["closest"].as_str().unwrap().contains("rebuild the bridge"), "{}", failures[0]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("1 of 2 quotations not found"), "{stderr}");
    let error = f.fails(&["verify", "--source", "nope"], 1);
    assert!(error.contains("unknown source"), "{error}");
}
