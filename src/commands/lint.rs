//! `lint`: the desk's check before publication. The rules are in `crate::lint`.

use anyhow::{Result, bail};

use super::errors::{CheckFailed, count};
use super::{Ctx, filter_names, story};
use crate::cli::LintArgs;
use crate::lint::{self, ACCEPT_TAG_PREFIX, RULES, Rule};
use crate::render::RowWriter;

pub fn run(ctx: &mut Ctx, args: LintArgs) -> Result<()> {
    let names = filter_names(&args.filter)?;
    let allowed = allowed_rules(&args.allow)?;
    let mut storage = ctx.open_existing()?;
    let story = story::read(storage.as_mut(), &names)?;
    let outcome = lint::check(&story, &allowed);

    let format = ctx.format();
    let mut writer = RowWriter::new(format, &["severity", "rule", "claims", "finding", "fix"], ctx.out, false)?;
    for f in &outcome.findings {
        writer.row(&[
            f.severity.as_str().into(),
            f.rule.into(),
            (&f.claims).into(),
            (&f.message).into(),
            (&f.fix).into(),
        ])?;
    }
    writer.finish()?;

    let accepted = match outcome.accepted {
        0 => String::new(),
        n => format!("; {n} accepted (--allow or a {ACCEPT_TAG_PREFIX}RULE tag)"),
    };
    let summary = format!(
        "lint: {} checked: {}, {}{accepted}",
        count(story.claims.len() as i64, "claim"),
        count(outcome.errors() as i64, "error"),
        count(outcome.warnings() as i64, "warning")
    );
    if outcome.errors() > 0 {
        return Err(CheckFailed(format!(
            "{summary}; fix the errors, or accept one with `--allow RULE` or by tagging a claim {ACCEPT_TAG_PREFIX}RULE"
        ))
        .into());
    }
    eprintln!("{summary}");
    Ok(())
}

/// The rules named by --allow, each checked.
fn allowed_rules(names: &[String]) -> Result<Vec<&'static Rule>> {
    names
        .iter()
        .map(|name| match lint::rule(name) {
            Some(rule) => Ok(rule),
            None => bail!(
                "--allow: unknown lint rule \"{name}\": use one of {}",
                RULES.iter().map(|r| r.name).collect::<Vec<_>>().join(", ")
            ),
        })
        .collect()
}
