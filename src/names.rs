//! Matching keys for names typed by people: actors, aliases and tags.
//!
//! Names are stored exactly as written; these keys are what lookups compare, so that
//! "U.S. Officials" finds "U.S. officials" and "US officials" is flagged as a likely duplicate.

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
    fn keys_keep_arabic_and_hebrew() {
        assert_eq!(fold_key("المقاومة الإسلامية"), "المقاومةالاسلامية");
        assert_eq!(name_key("שר הביטחון"), "שר הביטחון");
        assert!(!fold_key("محمد شياع السوداني").is_empty());
    }
}
