//! The rules every stored value follows, checked here and nowhere else: by the commands before a
//! database is opened, by imports row by row, and by the document reader entry by entry.

/// The largest claim id kept from a file. JSON readers (JavaScript among them) hold integers
/// exactly only up to 2^53, and every id given after a kept one is larger still: half that
/// range leaves 2^52 ids to give after it.
pub const MAX_FILE_ID: i64 = 1 << 52;

/// Longest uid accepted from a file; claimtrack's own are 36 characters.
const MAX_UID_CHARS: usize = 200;

/// A value that breaks one of the data model's rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    #[error("a claim's text cannot be empty: say what was claimed")]
    EmptyText,
    #[error("a claim needs an actor: the actor's name cannot be empty")]
    EmptyActor,
    #[error("an actor's name cannot be empty")]
    EmptyName,
    #[error("an alias cannot be empty")]
    EmptyAlias,
    #[error("a source key cannot be empty: give a short name such as ap-2024-01-27")]
    EmptyKey,
    #[error("a tag cannot be empty")]
    EmptyTag,
    #[error("tag {0:?} contains a control character; tags are short labels such as timing or sovereignty")]
    TagControl(String),
    #[error("uid {0:?} is not usable: uids are non-empty, short and printable")]
    BadUid(String),
    #[error("claim id {0} is not usable: ids from files are whole numbers from 1 to 2^52")]
    BadId(i64),
    #[error("{0} cannot be empty")]
    EmptySetting(super::Setting),
    #[error("{0} cannot contain control characters (line breaks, tabs, escapes)")]
    SettingControl(super::Setting),
    #[error(
        "url-base {0:?} is not a web address: give the page that publishes the reviews, such as https://example.org/checks"
    )]
    BadUrlBase(String),
}

/// A claim's text: something must be said.
pub fn check_text(text: &str) -> Result<(), RuleError> {
    if text.trim().is_empty() { Err(RuleError::EmptyText) } else { Ok(()) }
}

/// A tag, trimmed: a short label without control characters (listings join tags with one).
pub fn check_tag(tag: &str) -> Result<&str, RuleError> {
    let tag = tag.trim();
    if tag.is_empty() {
        return Err(RuleError::EmptyTag);
    }
    if tag.chars().any(char::is_control) {
        return Err(RuleError::TagControl(tag.to_string()));
    }
    Ok(tag)
}

/// A setting's value, trimmed: not empty, and for url-base a web address (a review's url is
/// that page anchored by the claim's uid).
pub fn check_setting(setting: super::Setting, value: &str) -> Result<&str, RuleError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(RuleError::EmptySetting(setting));
    }
    if value.chars().any(char::is_control) {
        return Err(RuleError::SettingControl(setting));
    }
    if setting == super::Setting::UrlBase {
        let lower = value.to_ascii_lowercase();
        let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
        if rest.is_none_or(|host| host.is_empty() || host.starts_with('/'))
            || value.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(RuleError::BadUrlBase(value.to_string()));
        }
    }
    Ok(value)
}

/// A uid from a file: non-empty, short, printable.
pub fn check_uid(uid: &str) -> Result<(), RuleError> {
    if uid.trim().is_empty() || uid.chars().count() > MAX_UID_CHARS || uid.chars().any(char::is_control) {
        Err(RuleError::BadUid(uid.to_string()))
    } else {
        Ok(())
    }
}

/// A claim id from a file: kept only when it is one a JSON reader holds exactly.
pub fn check_file_id(id: i64) -> Result<i64, RuleError> {
    if (1..=MAX_FILE_ID).contains(&id) { Ok(id) } else { Err(RuleError::BadId(id)) }
}

/// A source key, trimmed.
pub fn check_key(key: &str) -> Result<&str, RuleError> {
    let key = key.trim();
    if key.is_empty() { Err(RuleError::EmptyKey) } else { Ok(key) }
}

/// An actor's name, trimmed.
pub fn check_name(name: &str) -> Result<&str, RuleError> {
    let name = name.trim();
    if name.is_empty() { Err(RuleError::EmptyName) } else { Ok(name) }
}

/// A new uid for a row made here: time-ordered, so rows sort roughly by creation.
pub fn new_uid() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// An optional text with blank treated as absent.
pub fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_trimmed_labels() {
        assert_eq!(check_tag("  timing "), Ok("timing"));
        assert_eq!(check_tag(" "), Err(RuleError::EmptyTag));
        assert!(matches!(check_tag("a\u{1f}b"), Err(RuleError::TagControl(_))));
    }

    #[test]
    fn settings_are_trimmed_and_url_base_is_a_web_page() {
        use crate::model::Setting::{Reviewer, UrlBase};
        assert_eq!(check_setting(Reviewer, " Claims Desk "), Ok("Claims Desk"));
        assert_eq!(check_setting(UrlBase, "https://example.org/checks"), Ok("https://example.org/checks"));
        assert_eq!(check_setting(UrlBase, "HTTP://example.org"), Ok("HTTP://example.org"));
        assert_eq!(check_setting(Reviewer, ""), Err(RuleError::EmptySetting(Reviewer)));
        assert_eq!(check_setting(Reviewer, "a\nb"), Err(RuleError::SettingControl(Reviewer)));
        for bad in ["example.org", "https://", "https:///x", "ftp://example.org", "https://exa mple.org"] {
            assert!(matches!(check_setting(UrlBase, bad), Err(RuleError::BadUrlBase(_))), "{bad}");
        }
    }

    #[test]
    fn file_ids_stay_exact_in_json() {
        assert_eq!(check_file_id(7), Ok(7));
        assert_eq!(check_file_id(MAX_FILE_ID), Ok(MAX_FILE_ID));
        assert_eq!(check_file_id(i64::MAX), Err(RuleError::BadId(i64::MAX)));
        assert_eq!(check_file_id(0), Err(RuleError::BadId(0)));
    }

    #[test]
    fn uids_are_short_and_printable() {
        assert!(check_uid("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b").is_ok());
        assert!(check_uid("").is_err());
        assert!(check_uid("a\nb").is_err());
        assert!(check_uid(&"x".repeat(201)).is_err());
    }
}
