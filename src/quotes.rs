//! Checking a quotation against the text it is said to come from: word for word, ignoring
//! the style of quotation marks and differences of white space.

/// The text with every quotation mark made straight and every run of white space one space.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{ab}' | '\u{bb}' | '\u{2033}' => '"',
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2039}' | '\u{203a}' | '\u{2032}' | '`' => '\'',
            c => c,
        };
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// The quotation without the marks around it, normalised.
fn bare(quote: &str) -> String {
    let normal = normalise(quote);
    normal.trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace()).to_string()
}

/// Does the quotation appear in the text?
pub fn appears_in(quote: &str, text: &str) -> bool {
    let wanted = bare(quote);
    !wanted.is_empty() && normalise(text).contains(&wanted)
}

fn words_with_positions(text: &str) -> Vec<(usize, usize, String)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            words.push((s, i, text[s..i].to_lowercase()));
        }
    }
    if let Some(s) = start {
        words.push((s, text.len(), text[s..].to_lowercase()));
    }
    words
}

/// The passage of `text` that shares the most words, in order of position, with the quotation:
/// what a researcher should compare it with.
pub fn closest_passage(quote: &str, text: &str) -> Option<String> {
    let wanted: Vec<String> = words_with_positions(quote).into_iter().map(|(_, _, w)| w).collect();
    let words = words_with_positions(text);
    if wanted.is_empty() || words.is_empty() {
        return None;
    }
    let width = wanted.len().min(words.len());
    let mut best = (0, 0);
    for start in 0..=words.len() - width {
        let window = &words[start..start + width];
        let shared = window.iter().zip(&wanted).filter(|((_, _, a), b)| a == *b).count()
            + window.iter().filter(|(_, _, w)| wanted.contains(w)).count();
        if shared > best.0 {
            best = (shared, start);
        }
    }
    (best.0 > 0).then(|| {
        let first = &words[best.1];
        let last = &words[best.1 + width - 1];
        normalise(&text[first.0..last.1])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_marks_and_white_space_do_not_matter() {
        let source = "The minister said: \u{201c}We will  rebuild the bridge\nby spring.\u{201d}";
        assert!(appears_in("\"We will rebuild the bridge by spring.\"", source));
        assert!(appears_in("rebuild the bridge", source));
        assert!(appears_in("We\u{2019}ll", "We'll see"));
        assert!(!appears_in("We will rebuild the bridge by summer", source));
        assert!(!appears_in("  ", source));
    }

    #[test]
    fn the_closest_passage_is_the_one_that_was_misquoted() {
        let source =
            "Officials spoke at length. We will rebuild the bridge by spring, the minister said. Others disagreed.";
        let closest = closest_passage("We will rebuild the bridge by summer", source).unwrap();
        assert_eq!(closest, "We will rebuild the bridge by spring");
        assert_eq!(closest_passage("", source), None);
    }
}
