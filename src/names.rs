//! Matching keys for names typed by people: actors, aliases and tags.
//!
//! Names are stored exactly as written; these keys are what lookups compare, so that
//! "U.S. Officials" finds "U.S. officials" and "US officials" is flagged as a likely duplicate.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Exact-match key: compatibility-normalised, case-folded, inner white space collapsed.
pub fn name_key(name: &str) -> String {
    let folded: String = name.nfkc().flat_map(char::to_lowercase).collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Near-duplicate key: letters and digits only, accents dropped. "U.S. officials", "US Officials"
/// and "us-officials" share one fold key; so do "José" and "Jose".
pub fn fold_key(name: &str) -> String {
    name.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Whether two actor names probably name the same actor: the same words once case, accents,
/// punctuation, articles and plural endings are set aside ("the U.S. officials" and "U.S.
/// official"), or the same words but for a typo in a longer one ("US officals", "Islamic
/// Resistance in Irak"). Short words and numbers must match exactly: "US officials" and "UK
/// officials", "Unit 17" and "Unit 18" are different actors. `add`'s typo warning and `lint`
/// both ask this one function.
pub fn near_duplicate(a: &str, b: &str) -> bool {
    near_duplicate_words(&name_words(a), &name_words(b))
}

/// The words [`near_duplicate`] compares, for callers that compare one name with many.
pub fn name_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut initials = String::new();
    for raw in name.split(|c: char| c.is_whitespace() || c == '-' || c == '/' || c == ',') {
        let word = fold_key(raw);
        // Initials spelled apart ("U. S.") are one word, as "U.S." is.
        if word.chars().count() == 1 && !word.chars().all(|c| c.is_numeric()) {
            initials.push_str(&word);
            continue;
        }
        if !initials.is_empty() {
            words.push(std::mem::take(&mut initials));
        }
        if word.is_empty() || ARTICLES.contains(&word.as_str()) {
            continue;
        }
        words.push(singular(word));
    }
    if !initials.is_empty() {
        words.push(initials);
    }
    words
}

/// [`near_duplicate`] on words already taken apart by [`name_words`].
pub fn near_duplicate_words(a: &[String], b: &[String]) -> bool {
    if a.is_empty() || a.len() != b.len() {
        return false;
    }
    // One misspelt word in a name is a typo; two are another name. Short words and numbers must
    // match exactly. Those cheap checks come first: most pairs of names end there.
    let mut differing = a.iter().zip(b).filter(|(x, y)| x != y);
    let Some((x, y)) = differing.next() else { return true };
    if differing.next().is_some() {
        return false;
    }
    let has_digits = |w: &str| w.chars().any(|c| c.is_numeric());
    let (x_len, y_len) = (x.chars().count(), y.chars().count());
    // A typo fits in a word of four letters or more: one letter off, two in a long word.
    let allowed = match x_len.min(y_len) {
        0..=3 => return false,
        4..=7 => 1,
        _ => 2,
    };
    !has_digits(x) && !has_digits(y) && x_len.abs_diff(y_len) <= allowed && strsim::damerau_levenshtein(x, y) <= allowed
}

/// Names already in use, to find the one a new name probably duplicates ([`near_duplicate`])
/// without comparing it with every name: two near duplicates have the same words but for at most
/// one, so they share a key made of every word but that one. Keys are hashes of the words before
/// and after the one left out, so a name of n words costs n keys, not n²; a collision only adds a
/// candidate that `near_duplicate_words` then turns down.
#[derive(Debug, Default)]
pub struct NameIndex {
    names: Vec<(Vec<String>, String)>,
    by_key: HashMap<(usize, u64, u64), Vec<usize>>,
}

impl NameIndex {
    /// Index `name`; a match on it reports `shown` (an alias reports its actor's name).
    pub fn insert(&mut self, name: &str, shown: &str) {
        let words = name_words(name);
        let at = self.names.len();
        for key in keys(&words) {
            self.by_key.entry(key).or_default().push(at);
        }
        self.names.push((words, shown.to_string()));
    }

    /// The first indexed name that `name` probably duplicates.
    pub fn near(&self, name: &str) -> Option<&str> {
        let words = name_words(name);
        let mut candidates: Vec<usize> =
            keys(&words).filter_map(|key| self.by_key.get(&key)).flatten().copied().collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .map(|at| &self.names[at])
            .find(|(other, _)| near_duplicate_words(&words, other))
            .map(|(_, shown)| shown.as_str())
    }
}

/// For each word of a name: the name's length, and hashes of the words before it and after it.
fn keys(words: &[String]) -> impl Iterator<Item = (usize, u64, u64)> {
    let hashes = |words: &mut dyn Iterator<Item = &String>| -> Vec<u64> {
        let mut hasher = DefaultHasher::new();
        let mut out = vec![hasher.finish()];
        for word in words {
            word.hash(&mut hasher);
            out.push(hasher.finish());
        }
        out
    };
    let before = hashes(&mut words.iter());
    let after = hashes(&mut words.iter().rev());
    let n = words.len();
    (0..n).map(move |skip| (n, before[skip], after[n - 1 - skip]))
}

/// Words that do not tell two actors apart: articles and the short words that join a name's parts
/// ("Islamic Resistance in Iraq" and "Islamic Resistance of Iraq").
const ARTICLES: &[&str] = &["the", "a", "an", "of", "in", "for", "at", "on", "and"];

/// An English plural made singular: "officials" -> "official", "militias" -> "militia",
/// "parties" -> "party". Short words ("us") and double s ("press") are left alone.
fn singular(word: String) -> String {
    if word.chars().count() <= 3 || !word.is_ascii() {
        return word;
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    if word.ends_with('s') && !word.ends_with("ss") {
        return word[..word.len() - 1].to_string();
    }
    word
}

/// A name with surrounding white space removed; None when nothing is left.
pub fn clean(name: &str) -> Option<&str> {
    let trimmed = name.trim();
    (!trimmed.is_empty()).then_some(trimmed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_key_ignores_case_and_spacing() {
        assert_eq!(name_key("U.S.  Officials "), "u.s. officials");
        assert_eq!(name_key("U.S. officials"), name_key("u.s. OFFICIALS"));
    }

    #[test]
    fn fold_key_ignores_punctuation_and_accents() {
        assert_eq!(fold_key("U.S. officials"), fold_key("US officials"));
        assert_eq!(fold_key("José Martí"), fold_key("Jose Marti"));
        assert_ne!(fold_key("US officials"), fold_key("UK officials"));
    }

    #[test]
    fn near_duplicates_ignore_articles_plurals_and_punctuation() {
        assert!(near_duplicate("the U.S. officials", "U.S. official"));
        assert!(near_duplicate("U. S. Officials", "US officials"));
        assert!(near_duplicate("U.S. officials", "U.S. officials"));
        assert!(near_duplicate("Popular Mobilization Forces", "popular mobilization force"));
        assert!(near_duplicate("José Martí", "Jose Marti"));
    }

    #[test]
    fn near_duplicates_forgive_one_typo_in_a_longer_word() {
        assert!(near_duplicate("US officals", "U.S. officials"));
        assert!(near_duplicate("Islamic Resistance in Irak", "Islamic Resistance in Iraq"));
        assert!(near_duplicate("Mohammad Shia al-Sudani", "Mohammed Shia al-Sudani"));
        assert!(near_duplicate("Hizballah", "Hezbollah"));
    }

    #[test]
    fn different_actors_are_not_near_duplicates() {
        assert!(!near_duplicate("US officials", "UK officials"));
        assert!(!near_duplicate("Iraqi officials", "U.S. officials"));
        assert!(!near_duplicate("Ana Delgado 17", "Ana Delgado 18"));
        assert!(!near_duplicate("Islamic Resistance in Iraq", "Islamic Resistance"));
        assert!(!near_duplicate("Omar Haddad", "Omer Hadad"), "two misspelt words are another name");
        assert!(!near_duplicate("United States", "U.S. officials"));
        assert!(!near_duplicate("", ""));
        assert!(!near_duplicate("...", "--"));
    }

    #[test]
    fn near_duplicates_in_arabic_and_hebrew() {
        assert!(near_duplicate("المقاومة الإسلامية في العراق", "المقاومة الاسلامية في العراق"));
        assert!(!near_duplicate("المقاومة الإسلامية في العراق", "محمد شياع السوداني"));
        assert!(near_duplicate("דובר המשטרה", "דובר  המשטרה"));
    }

    #[test]
    fn joining_words_do_not_tell_names_apart() {
        assert!(near_duplicate("Islamic Resistance of Iraq", "Islamic Resistance in Iraq"));
        assert!(!near_duplicate("Islamic Resistance in Syria", "Islamic Resistance in Iraq"));
    }

    #[test]
    fn the_index_finds_what_near_duplicate_finds() {
        let mut index = NameIndex::default();
        index.insert("U.S. officials", "U.S. officials");
        index.insert("IRI", "Islamic Resistance in Iraq");
        index.insert("Islamic Resistance in Iraq", "Islamic Resistance in Iraq");
        for typo in ["US officals", "the U.S. officials", "U.S. official"] {
            assert_eq!(index.near(typo), Some("U.S. officials"), "{typo}");
        }
        assert_eq!(index.near("Islamic Resistance in Irak"), Some("Islamic Resistance in Iraq"));
        assert_eq!(index.near("I.R.I."), Some("Islamic Resistance in Iraq"), "an alias names its actor");
        assert_eq!(index.near("UK officials"), None);
        assert_eq!(index.near("Iraqi officials"), None);
        assert_eq!(index.near("--"), None);
        let long = "long ".repeat(30_000);
        index.insert(&long, &long);
        assert_eq!(index.near(&format!("{long} lung")), None);
        assert!(index.near(&"long ".repeat(29_999)).is_none());
    }

    #[test]
    fn keys_keep_arabic_and_hebrew() {
        assert_eq!(fold_key("المقاومة الإسلامية"), "المقاومةالاسلامية");
        assert_eq!(name_key("שר הביטחון"), "שר הביטחון");
        assert!(!fold_key("محمد شياع السوداني").is_empty());
    }
}
