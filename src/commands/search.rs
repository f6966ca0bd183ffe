//! `search`: full-text search over claims, the way people type into a search box.

use anyhow::{Result, bail};

use super::Ctx;
use crate::cli::SearchArgs;
use crate::render::{Format, RowWriter};
use crate::store::{self, PlainQuery, SearchQuery, SearchTerm};

/// Quotation marks that open or close a phrase.
const QUOTES: &[char] = &['"', '“', '”', '„', '«', '»'];

/// A search as typed: words (all required, stemmed: "attack" finds "attacks"), `"a phrase"`,
/// `word*` for words starting so, `-word` or `-"a phrase"` to leave claims out, `OR` between two
/// terms for either. Anything else is just text: it never fails on punctuation, an unclosed
/// quote, or an operator in the wrong place.
pub fn parse(input: &str) -> PlainQuery {
    let mut query = PlainQuery::default();
    let mut or_pending = false;
    let mut chars = input.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let Some(&first) = chars.peek() else { break };
        let mut exclude = false;
        if first == '-' {
            chars.next();
            if chars.peek().is_none_or(|c| c.is_whitespace()) {
                continue;
            }
            exclude = true;
        }
        let (text, quoted) = if chars.peek().is_some_and(|c| QUOTES.contains(c)) {
            chars.next();
            let phrase: String = chars.by_ref().take_while(|c| !QUOTES.contains(c)).collect();
            (phrase, true)
        } else {
            let word: String = std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace())).collect();
            (word, false)
        };
        if !quoted && !exclude && text == "OR" {
            or_pending = !query.all.is_empty();
            continue;
        }
        let mut prefix = false;
        let mut text = text.as_str();
        if quoted {
            prefix = chars.next_if_eq(&'*').is_some();
        } else if let Some(stem) = text.strip_suffix('*') {
            text = stem.trim_end_matches('*');
            prefix = true;
        }
        let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
        if !words.iter().any(|word| word.chars().any(char::is_alphanumeric)) {
            continue;
        }
        let term = SearchTerm { words, prefix };
        if exclude {
            query.none.push(term);
        } else if std::mem::take(&mut or_pending) {
            query.all.last_mut().expect("OR follows a term").push(term);
        } else {
            query.all.push(vec![term]);
        }
    }
    query
}

pub fn run(ctx: &mut Ctx, args: SearchArgs) -> Result<()> {
    let typed = args.words.join(" ");
    let query = if args.raw {
        SearchQuery::Raw(typed.clone())
    } else {
        let plain = parse(&typed);
        if plain.all.is_empty() && !plain.none.is_empty() {
            bail!(
                "search needs a word to find, not only words to leave out (-word): add one, e.g. `claimtrack search \"strikes -drone\"`"
            );
        }
        if plain.all.is_empty() {
            bail!("search needs at least one word to look for");
        }
        SearchQuery::Plain(plain)
    };
    let mut storage = ctx.open_existing()?;
    let found = store::read(storage.as_mut(), |txn| Ok(txn.search(&query, args.limit)?))?;
    let format = ctx.format();
    // People read the matching passage; programs get the whole text beside it.
    let people = matches!(format, Format::Table | Format::Markdown);
    let columns: &[&'static str] = if people {
        &["id", "actor", "snippet", "source", "stated_on"]
    } else {
        &["id", "actor", "text", "source", "stated_on", "snippet"]
    };
    let mut writer = RowWriter::new(format, columns, ctx.out, false)?;
    for hit in &found.hits {
        let (id, actor, source, date) =
            (hit.id.into(), (&hit.actor).into(), (&hit.source).into(), (&hit.stated_on).into());
        if people {
            writer.row(&[id, actor, (&hit.snippet).into(), source, date])?;
        } else {
            writer.row(&[id, actor, (&hit.text).into(), source, date, (&hit.snippet).into()])?;
        }
    }
    writer.finish()?;
    if found.hits.is_empty() {
        eprintln!("no claims match {typed:?}");
    } else if found.more_than_ranked {
        eprintln!(
            "more than {} claims match: these are the best among the {} newest; add a word to narrow the search",
            found.ranked, found.ranked
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse;
    use crate::store::{PlainQuery, SearchTerm};

    fn term(words: &str, prefix: bool) -> SearchTerm {
        SearchTerm { words: words.split(' ').map(str::to_string).collect(), prefix }
    }

    #[test]
    fn words_phrases_prefixes_and_exclusions() {
        assert_eq!(parse("timing attacks").all, [vec![term("timing", false)], vec![term("attacks", false)]]);
        assert_eq!(parse("\"U.S. strikes\" forc*").all, [vec![term("U.S. strikes", false)], vec![term("forc", true)]]);
        let q = parse("strikes -drone -\"coalition mission\"");
        assert_eq!(q.all, [vec![term("strikes", false)]]);
        assert_eq!(q.none, [term("drone", false), term("coalition mission", false)]);
        assert_eq!(parse("sovereignty OR soleimani").all, [vec![term("sovereignty", false), term("soleimani", false)]]);
        assert_eq!(parse("“militia sites”").all, [vec![term("militia sites", false)]]);
    }

    #[test]
    fn user_punctuation_never_breaks_a_search() {
        assert_eq!(parse("\"unclosed phrase").all, [vec![term("unclosed phrase", false)]]);
        assert_eq!(parse("OR attacks OR").all, [vec![term("attacks", false)]]);
        assert_eq!(parse("NOT response AND").all.len(), 3, "NOT and AND are words to find");
        assert_eq!(parse(" - * \"\" ( ; -- OR"), PlainQuery::default());
        assert_eq!(parse("***").all.len(), 0);
        assert_eq!(parse("السيادة -العراق").none, [term("العراق", false)]);
    }
}
