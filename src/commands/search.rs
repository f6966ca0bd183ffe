//! `search`: full-text search over claims.

use anyhow::{Result, bail};

use super::Ctx;
use crate::cli::SearchArgs;
use crate::render::{Cell, Format, RowWriter};
use crate::store::{self, SearchQuery};

/// The words of a plain query: punctuation around them dropped, a trailing `*` kept ("words
/// starting with").
pub fn plain_words(input: &str) -> Vec<String> {
    input
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
            Some(if prefix { format!("{stem}*") } else { stem.to_string() })
        })
        .collect()
}

pub fn run(ctx: &mut Ctx, args: SearchArgs) -> Result<()> {
    let query = if args.raw {
        SearchQuery::Raw(args.query.clone())
    } else {
        let words = plain_words(&args.query);
        if words.is_empty() {
            bail!("search needs at least one word to look for");
        }
        SearchQuery::Words(words)
    };
    let mut storage = ctx.open_existing()?;
    let hits = store::read(storage.as_mut(), |txn| Ok(txn.search(&query, args.limit)?))?;
    let format = ctx.format();
    let people = matches!(format, Format::Table | Format::Markdown);
    let columns: &[&'static str] = if people {
        &["id", "actor", "text", "source", "stated_on"]
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
    use super::plain_words;

    #[test]
    fn punctuation_around_words_is_dropped() {
        assert_eq!(plain_words("timing attacks"), ["timing", "attacks"]);
        assert_eq!(plain_words("forc*"), ["forc*"]);
        assert_eq!(plain_words("\"sovereignty\","), ["sovereignty"]);
        assert_eq!(plain_words("السيادة"), ["السيادة"]);
        assert!(plain_words(" - ; ").is_empty());
    }
}
