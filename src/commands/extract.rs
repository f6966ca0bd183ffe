//! `extract`: propose the attributed claims in an article, and store the ones accepted.

use std::io::{BufRead, Write};

use anyhow::{Result, bail};

use super::Ctx;
use super::errors::count;
use crate::cli::ExtractArgs;
use crate::extract::{Kind, Proposal, extract};
use crate::import::limits::MAX_ARTICLE_BYTES;
use crate::import::text::read_text_file;
use crate::model::{ActorChanges, ClaimFields, Mode, NewClaim};
use crate::ops::{actors, claims, sources};
use crate::render::{Cell, Format, RowWriter, shorten};
use crate::store;

pub fn run(ctx: &mut Ctx, args: ExtractArgs) -> Result<()> {
    if args.review && args.file == "-" {
        bail!("--review reads your answers from standard input, so the article must come from a file");
    }
    let text = read_text_file(&args.file, MAX_ARTICLE_BYTES)?;
    let mut proposals = extract(&text);
    if let Some(least) = args.min_confidence {
        proposals.retain(|p| p.confidence >= least);
    }
    if args.review || args.accept_all {
        let chosen = if args.review { review(ctx, &proposals)? } else { proposals.clone() };
        return store_claims(ctx, &args, &text, &chosen);
    }
    if let Some(key) = &args.source {
        // Only check the key here: storing needs --review or --accept-all.
        let mut storage = ctx.open_existing()?;
        store::read(storage.as_mut(), |txn| sources::source(txn, key))?;
    }
    print(ctx, &proposals)
}

fn print(ctx: &mut Ctx, proposals: &[Proposal]) -> Result<()> {
    let format = ctx.format();
    match format {
        Format::Json | Format::Jsonl => {
            // serde writes in small pieces: gather them before they reach the output.
            let mut out = std::io::BufWriter::with_capacity(1 << 16, &mut *ctx.out);
            if format == Format::Json {
                serde_json::to_writer_pretty(&mut out, proposals)?;
                writeln!(out)?;
            } else {
                for p in proposals {
                    serde_json::to_writer(&mut out, p)?;
                    writeln!(out)?;
                }
            }
            out.flush()?;
        }
        _ => {
            let people = matches!(format, Format::Table | Format::Markdown);
            let columns: &[&'static str] = if people {
                &["n", "speaker", "text", "mode", "paragraph", "confidence"]
            } else {
                &[
                    "n", "speaker", "speaker_text", "cue", "text", "kind", "mode", "start", "end", "paragraph", "rule",
                    "confidence", "public_name", "chain",
                ]
            };
            let mut writer = RowWriter::new(format, columns, ctx.out, false)?;
            for (n, p) in proposals.iter().enumerate() {
                let confidence = format!("{:.2}", p.confidence);
                if people {
                    writer.row(&[
                        Cell::Int(n as i64 + 1),
                        (&p.speaker).into(),
                        (&p.text).into(),
                        Cell::Text(p.mode.as_str()),
                        Cell::Int(p.paragraph as i64),
                        Cell::Text(&confidence),
                    ])?;
                } else {
                    let chain = chain_text(p);
                    writer.row(&[
                        Cell::Int(n as i64 + 1),
                        (&p.speaker).into(),
                        (&p.speaker_text).into(),
                        (&p.cue).into(),
                        (&p.text).into(),
                        Cell::Text(kind_word(p.kind)),
                        Cell::Text(p.mode.as_str()),
                        Cell::Int(p.start as i64),
                        Cell::Int(p.end as i64),
                        Cell::Int(p.paragraph as i64),
                        Cell::Text(p.rule),
                        Cell::Text(&confidence),
                        p.public_name.as_deref().unwrap_or("").into(),
                        Cell::Text(&chain),
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

/// "two lawmakers (according to) > Israel's defence minister (told) > his counterpart (assured)"
fn chain_text(p: &Proposal) -> String {
    p.chain.iter().map(|link| format!("{} ({})", link.speaker, link.cue)).collect::<Vec<_>>().join(" > ")
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
                "\n[{}/{}] paragraph {} ({}, {}, confidence {:.2})\n  speaker: {}\n  claim:   {}",
                n + 1,
                proposals.len(),
                p.paragraph,
                p.mode,
                p.rule,
                p.confidence,
                p.speaker,
                shorten(&p.text, 400)
            );
            if !p.chain.is_empty() {
                eprintln!("  via:     {}", chain_text(&p));
            }
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
    let ids = ctx.with_storage(|storage| {
        store::write(storage, |txn| {
            if let Some(key) = &source
                && sources::keep_text(txn, key, text)?
            {
                eprintln!("new source {key}, holding the article's text");
            }
            let mut ids = Vec::new();
            for p in chosen {
                let chain = (!p.chain.is_empty()).then(|| format!("reporting chain: {}", chain_text(p)));
                let claim = NewClaim {
                    fields: ClaimFields {
                        text: p.text.clone(),
                        quote: p.quote.clone(),
                        mode: p.mode,
                        locator: Some(format!("para {}", p.paragraph)),
                        notes: chain,
                        ..ClaimFields::default()
                    },
                    actor: p.speaker.clone(),
                    source: source.clone(),
                    tags: Vec::new(),
                };
                let added = claims::add_claim(txn, claim)?;
                if added.actor.created {
                    eprintln!("new actor \"{}\"", added.actor.name);
                }
                // How the article describes an anonymous source ("a senior official") is how
                // redacted outputs name it; an actor that already has a public name keeps it.
                if p.mode == Mode::Anonymous
                    && let Some(public) = p.public_name.clone()
                    && actors::actor(txn, &added.actor.name)?.public_name.is_none()
                {
                    let changes = ActorChanges { public_name: Some(public), ..ActorChanges::default() };
                    actors::edit_actor(txn, &added.actor.name, changes)?;
                }
                ids.push(added.id);
            }
            Ok(ids)
        })
    })?;
    for id in &ids {
        writeln!(ctx.out, "{id}")?;
    }
    eprintln!("stored {}", count(ids.len() as i64, "claim"));
    Ok(())
}
