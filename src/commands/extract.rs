//! `extract`: propose the attributed claims in an article, and store the ones accepted.

use std::io::BufRead;

use anyhow::{Result, bail};

use super::Ctx;
use crate::cli::ExtractArgs;
use crate::extract::{Kind, Proposal, extract};
use crate::import::limits::MAX_ARTICLE_BYTES;
use crate::import::text::read_text_file;
use crate::model::{Mode, Verdict};
use crate::render::{Cell, Format, RowWriter, shorten};
use crate::store::{NewClaim, SourceFields};

pub fn run(ctx: &mut Ctx, args: ExtractArgs) -> Result<()> {
    if args.review && args.file == "-" {
        bail!("--review reads your answers from standard input, so the article must come from a file");
    }
    let text = read_text_file(&args.file, MAX_ARTICLE_BYTES)?;
    let proposals = extract(&text);
    if args.review || args.accept_all {
        let chosen = if args.review { review(ctx, &proposals)? } else { proposals.clone() };
        return store_claims(ctx, &args, &text, &chosen);
    }
    if let Some(key) = &args.source {
        // Only check the key here: storing needs --review or --accept-all.
        ctx.open_existing()?.db().source(key)?;
    }
    print(ctx, &proposals)
}

fn print(ctx: &mut Ctx, proposals: &[Proposal]) -> Result<()> {
    let format = ctx.format();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *ctx.out, proposals)?;
            writeln!(ctx.out)?;
        }
        Format::Jsonl => {
            for p in proposals {
                serde_json::to_writer(&mut *ctx.out, p)?;
                writeln!(ctx.out)?;
            }
        }
        _ => {
            let people = matches!(format, Format::Table | Format::Markdown);
            let columns: &[&'static str] = if people {
                &["#", "speaker", "claim", "kind", "para", "rule"]
            } else {
                &[
                    "n", "speaker", "speaker_text", "cue", "text", "kind", "start", "end", "paragraph", "rule",
                    "confidence",
                ]
            };
            let mut writer = RowWriter::new(format, columns, ctx.out, false)?;
            for (n, p) in proposals.iter().enumerate() {
                let kind = kind_word(p.kind);
                if people {
                    writer.row(&[
                        Cell::Int(n as i64 + 1),
                        (&p.speaker).into(),
                        (&p.text).into(),
                        Cell::Text(kind),
                        Cell::Int(p.paragraph as i64),
                        Cell::Text(p.rule),
                    ])?;
                } else {
                    let confidence = format!("{:.2}", p.confidence);
                    writer.row(&[
                        Cell::Int(n as i64 + 1),
                        (&p.speaker).into(),
                        (&p.speaker_text).into(),
                        (&p.cue).into(),
                        (&p.text).into(),
                        Cell::Text(kind),
                        Cell::Int(p.start as i64),
                        Cell::Int(p.end as i64),
                        Cell::Int(p.paragraph as i64),
                        Cell::Text(p.rule),
                        Cell::Text(&confidence),
                    ])?;
                }
            }
            writer.finish()?;
        }
    }
    if proposals.is_empty() {
        eprintln!("no attributed claims found");
    }
    Ok(())
}

fn kind_word(kind: Kind) -> &'static str {
    match kind {
        Kind::Direct => "direct",
        Kind::Indirect => "indirect",
        Kind::Mixed => "mixed",
    }
}

/// Ask about each proposal on standard error, reading answers from standard input.
fn review(_ctx: &mut Ctx, proposals: &[Proposal]) -> Result<Vec<Proposal>> {
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    let mut ask = |question: &str| -> Result<Option<String>> {
        eprint!("{question}");
        Ok(lines.next().transpose()?.map(|l| l.trim().to_string()))
    };
    let mut accepted = Vec::new();
    for (n, proposal) in proposals.iter().enumerate() {
        let mut p = proposal.clone();
        loop {
            eprintln!(
                "\n[{}/{}] paragraph {} ({}, {})\n  speaker: {}\n  claim:   {}",
                n + 1,
                proposals.len(),
                p.paragraph,
                kind_word(p.kind),
                p.rule,
                p.speaker,
                shorten(&p.text, 400)
            );
            let Some(answer) = ask("  [a]ccept, edit [t]ext, edit [s]peaker, s[k]ip, [q]uit? ")? else {
                return Ok(accepted);
            };
            match answer.to_lowercase().as_str() {
                "a" | "accept" | "y" | "yes" | "" => {
                    accepted.push(p);
                    break;
                }
                "t" | "text" => {
                    if let Some(text) = ask("  new text: ")?.filter(|t| !t.is_empty()) {
                        p.text = text;
                    }
                }
                "s" | "speaker" => {
                    if let Some(speaker) = ask("  new speaker: ")?.filter(|t| !t.is_empty()) {
                        p.speaker = speaker;
                    }
                }
                "k" | "skip" | "n" | "no" => break,
                "q" | "quit" => return Ok(accepted),
                other => eprintln!("  \"{other}\" is not an answer: type a, t, s, k or q"),
            }
        }
    }
    Ok(accepted)
}

/// Store accepted proposals as claims (and the article on its source), in one transaction.
fn store_claims(ctx: &mut Ctx, args: &ExtractArgs, text: &str, chosen: &[Proposal]) -> Result<()> {
    let source = args.source.clone();
    let ids = ctx.with_store(|store| {
        store.write(|db| {
            if let Some(key) = &source {
                let fields = SourceFields { body: Some(text.to_string()), ..SourceFields::default() };
                match db.find_source(key)? {
                    Some(_) => {
                        db.edit_source(key, fields)?;
                    }
                    None => {
                        db.add_source(key, fields)?;
                        eprintln!("new source {key}, holding the article's text");
                    }
                }
            }
            let mut ids = Vec::new();
            for p in chosen {
                let mode = if p.kind == Kind::Direct { Mode::Direct } else { Mode::Paraphrase };
                let claim = NewClaim {
                    text: p.text.clone(),
                    actor: p.speaker.clone(),
                    source: source.clone(),
                    quote: p.quote.clone(),
                    mode,
                    stated_on: None,
                    locator: Some(format!("para {}", p.paragraph)),
                    tags: Vec::new(),
                    verdict: Verdict::Unrated,
                    notes: None,
                };
                let (id, _, actor) = db.add_claim(claim)?;
                if actor.created {
                    eprintln!("new actor \"{}\"", actor.name);
                }
                ids.push(id);
            }
            Ok(ids)
        })
    })?;
    for id in &ids {
        writeln!(ctx.out, "{id}")?;
    }
    eprintln!("stored {} claim(s)", ids.len());
    Ok(())
}
