//! schema.org ClaimReview as JSON-LD, for publishing verdicts.
//!
//! The fields follow schema.org's ClaimReview, Claim and Rating types and the properties
//! Google's fact-check markup documentation requires (claimReviewed, reviewRating with
//! alternateName, url) and recommends (author, datePublished, itemReviewed with its author,
//! datePublished and appearance; ratingValue, bestRating, worstRating).

use serde_json::{Map, Value, json};

use crate::model::ReviewRow;
use crate::model::Verdict;

/// The verdict as a rating: the words shown in search results, and a number on a 1-5 scale
/// where the verdict has a place on it.
pub fn rating(verdict: Verdict) -> (&'static str, Option<u8>) {
    match verdict {
        Verdict::True => ("True", Some(5)),
        Verdict::MostlyTrue => ("Mostly true", Some(4)),
        Verdict::Mixed => ("Mixed", Some(3)),
        Verdict::MostlyFalse => ("Mostly false", Some(2)),
        Verdict::Misleading => ("Misleading", Some(2)),
        Verdict::False => ("False", Some(1)),
        Verdict::Unverified => ("Unverified", None),
        Verdict::Unrated => ("Unrated", None),
    }
}

/// People are Persons; governments, groups and collectives are Organizations.
fn party(name: &str, kind: Option<&str>) -> Value {
    let kind = if kind.is_some_and(|k| k.eq_ignore_ascii_case("person")) { "Person" } else { "Organization" };
    json!({"@type": kind, "name": name})
}

fn put(object: &mut Map<String, Value>, key: &str, value: Option<&str>) {
    if let Some(value) = value.filter(|v| !v.is_empty()) {
        object.insert(key.into(), Value::from(value));
    }
}

/// One ClaimReview. `url_base` is the page that publishes the reviews; each review gets the
/// claim's uid as its anchor on that page.
pub fn claim_review(row: &ReviewRow, reviewer: Option<&str>, url_base: &str) -> Value {
    let (words, number) = rating(row.verdict);
    let mut review_rating = Map::new();
    review_rating.insert("@type".into(), "Rating".into());
    review_rating.insert("alternateName".into(), words.into());
    review_rating.insert("name".into(), words.into());
    if let Some(n) = number {
        review_rating.insert("ratingValue".into(), n.into());
        review_rating.insert("bestRating".into(), 5.into());
        review_rating.insert("worstRating".into(), 1.into());
    }

    let mut claim = Map::new();
    claim.insert("@type".into(), "Claim".into());
    claim.insert("author".into(), party(&row.actor, row.actor_kind.as_deref()));
    put(&mut claim, "datePublished", row.stated_on.as_deref());
    if row.source_url.is_some() || row.source_title.is_some() {
        let mut appearance = Map::new();
        appearance.insert("@type".into(), "CreativeWork".into());
        put(&mut appearance, "url", row.source_url.as_deref());
        put(&mut appearance, "headline", row.source_title.as_deref());
        put(&mut appearance, "datePublished", row.source_published.as_deref());
        if let Some(publisher) = row.source_publisher.as_deref() {
            appearance.insert("publisher".into(), json!({"@type": "Organization", "name": publisher}));
        }
        claim.insert("appearance".into(), Value::Object(appearance));
    }

    let mut review = Map::new();
    review.insert("@context".into(), "https://schema.org".into());
    review.insert("@type".into(), "ClaimReview".into());
    review.insert("url".into(), format!("{}#{}", url_base.trim_end_matches('#'), row.uid).into());
    review.insert("claimReviewed".into(), row.text.clone().into());
    if let Some(reviewer) = reviewer {
        review.insert("author".into(), json!({"@type": "Organization", "name": reviewer}));
    }
    review.insert("datePublished".into(), row.reviewed_on.clone().into());
    review.insert("itemReviewed".into(), Value::Object(claim));
    review.insert("reviewRating".into(), Value::Object(review_rating));
    Value::Object(review)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(verdict: Verdict) -> ReviewRow {
        ReviewRow {
            uid: "u-1".into(),
            text: "The timing is unrelated to the attacks".into(),
            actor: "Mohammed Shia al-Sudani".into(),
            actor_kind: Some("person".into()),
            stated_on: Some("2024-01-27".into()),
            verdict,
            reviewed_on: "2024-02-01".into(),
            source_url: Some("https://example.org/talks".into()),
            source_title: Some("Talks begin".into()),
            source_publisher: Some("AP".into()),
            source_published: Some("2024-01-27".into()),
        }
    }

    #[test]
    fn a_review_has_the_required_and_recommended_fields() {
        let review = claim_review(&row(Verdict::MostlyFalse), Some("Desk"), "https://checks.example/talks");
        assert_eq!(review["@context"], "https://schema.org");
        assert_eq!(review["@type"], "ClaimReview");
        assert_eq!(review["url"], "https://checks.example/talks#u-1");
        assert_eq!(review["claimReviewed"], "The timing is unrelated to the attacks");
        assert_eq!(review["author"]["name"], "Desk");
        assert_eq!(review["reviewRating"]["alternateName"], "Mostly false");
        assert_eq!(review["reviewRating"]["ratingValue"], 2);
        assert_eq!(review["itemReviewed"]["@type"], "Claim");
        assert_eq!(review["itemReviewed"]["author"]["@type"], "Person");
        assert_eq!(review["itemReviewed"]["datePublished"], "2024-01-27");
        assert_eq!(review["itemReviewed"]["appearance"]["url"], "https://example.org/talks");
        assert_eq!(review["itemReviewed"]["appearance"]["publisher"]["name"], "AP");
    }

    #[test]
    fn unverified_has_words_but_no_number() {
        let review = claim_review(&row(Verdict::Unverified), None, "https://checks.example/talks#");
        assert_eq!(review["reviewRating"]["alternateName"], "Unverified");
        assert!(review["reviewRating"].get("ratingValue").is_none());
        assert_eq!(review["url"], "https://checks.example/talks#u-1");
        assert!(review.get("author").is_none());
    }
}
