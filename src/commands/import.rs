//! `import`: bring a claimtrack JSON document into the database, all or nothing.

use std::io::Read;

use anyhow::{Context, Result, bail};

use super::Ctx;
use crate::store::{Document, MergeReport, OnConflict};

pub fn run(ctx: &mut Ctx, args: crate::cli::ImportArgs) -> Result<()> {
    let (format, file) = match args.args.as_slice() {
        [file] => (None, file.as_str()),
        [format, file] => (Some(format.to_lowercase()), file.as_str()),
        _ => bail!("import takes one file (or `import json FILE`)"),
    };
    let policy = match args.on_conflict.as_str() {
        "skip" => OnConflict::Skip,
        "update" => OnConflict::Update,
        "fail" => OnConflict::Fail,
        other => bail!("unknown --on-conflict \"{other}\": use skip, update or fail"),
    };
    let looks_json = file == "-" || file.to_lowercase().ends_with(".json");
    match format.as_deref() {
        Some("json") => {}
        None if looks_json => {}
        Some(other) => {
            bail!("cannot import format \"{other}\": claimtrack imports json (from `export json`)")
        }
        None => {
            bail!("cannot tell the format of {file}: name it *.json or say `import json {file}`")
        }
    }
    let text = read_input(file)?;
    let document: Document = serde_json::from_str(&text)
        .map_err(|e| anyhow::anyhow!("{}: not a claimtrack JSON document: {e}", shown(file)))?;
    let report = ctx
        .with_store(|store| store.write(|db| db.merge_document(&document, policy)))
        .with_context(|| shown(file))?;
    print_report(&shown(file), &report);
    Ok(())
}

fn shown(file: &str) -> String {
    if file == "-" {
        "standard input".into()
    } else {
        file.to_string()
    }
}

/// The whole input as UTF-8 text, from a file or from standard input (`-`).
fn read_input(file: &str) -> Result<String> {
    let mut bytes = Vec::new();
    if file == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
    } else {
        bytes = std::fs::read(file).with_context(|| format!("cannot read {file}"))?;
    }
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{}: not UTF-8 text (invalid byte at offset {})",
            shown(file),
            e.utf8_error().valid_up_to()
        )
    })
}

pub fn print_report(what: &str, report: &MergeReport) {
    let a = &report.added;
    eprintln!(
        "imported {what}: added {} claims, {} actors, {} sources, {} relations; {} already here; {} updated; {} conflicts",
        a.claims,
        a.actors,
        a.sources,
        a.relations,
        report.identical.total(),
        report.updated.total(),
        report.conflicts.len()
    );
    for conflict in report.conflicts.iter().take(20) {
        eprintln!("  kept local {} {}: {}", conflict.what, conflict.uid, conflict.detail);
    }
    if report.conflicts.len() > 20 {
        eprintln!("  ... and {} more conflicts", report.conflicts.len() - 20);
    }
    if !report.conflicts.is_empty() {
        eprintln!("  (use --on-conflict update to take the incoming versions)");
    }
}
