//! `search`: full-text search over claims.

use anyhow::{Result, bail};

use super::Ctx;
use crate::cli::SearchArgs;
use crate::render::{Cell, Format, RowWriter};

/// Plain words as an FTS5 query: each word quoted (so punctuation and operators are just text),
/// all of them required; a trailing `*` keeps its meaning of "words starting with".
pub fn plain_query(input: &str) -> Option<String> {
    let terms: Vec<String> = input
        .split_whitespace()
        .filter_map(|word| {
            let (stem, prefix) = match word.strip_suffix('*') {
                Some(stem) => (stem, true),
                None => (word, false),
            };
            let stem = stem.trim_matches(|c: char| !c.is_alphanumeric());
            if stem.is_empty() {
                return None;
            }
            let quoted = format!("\"{}\"", stem.replace('"', "\"\""));
            Some(if prefix { format!("{quoted}*") } else { quoted })
        })
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

pub fn run(ctx: &mut Ctx, args: SearchArgs) -> Result<()> {
    let query = if args.raw {
        args.query.clone()
    } else {
        match plain_query(&args.query) {
            Some(query) => query,
            None => bail!("search needs at least one word to look for"),
        }
    };
    let store = ctx.open_existing()?;
    let hits = store.db().search(&query, args.limit)?;
    let format = ctx.format();
    let people = matches!(format, Format::Table | Format::Markdown);
    let columns: &[&'static str] = if people {
        &["id", "actor", "claim", "source", "date"]
    } else {
        &["id", "actor", "text", "source", "stated_on", "rank"]
    };
    let mut writer = RowWriter::new(format, columns, ctx.out, false)?;
    for hit in &hits {
        let rank = format!("{:.3}", hit.rank);
        let mut cells: Vec<Cell> =
            vec![hit.id.into(), (&hit.actor).into(), (&hit.text).into(), (&hit.source).into(), (&hit.stated_on).into()];
        if !people {
            cells.push(Cell::Text(&rank));
        }
        writer.row(&cells)?;
    }
    writer.finish()?;
    if hits.is_empty() {
        eprintln!("no claims match {:?}", args.query);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::plain_query;

    #[test]
    fn words_are_quoted_and_operators_are_just_words() {
        assert_eq!(plain_query("timing attacks").unwrap(), "\"timing\" \"attacks\"");
        assert_eq!(plain_query("NOT OR").unwrap(), "\"NOT\" \"OR\"");
        assert_eq!(plain_query("forc*").unwrap(), "\"forc\"*");
        assert_eq!(plain_query("\"sovereignty\",").unwrap(), "\"sovereignty\"");
        assert_eq!(plain_query("السيادة").unwrap(), "\"السيادة\"");
        assert_eq!(plain_query(" - ; "), None);
    }
}
