//! The story as one self-contained HTML page for editors: counts, what needs attention, each
//! dispute with its sides as columns and as a picture, a timeline, the actors and the sources.
//!
//! The page is `page.html`, an askama template: askama was chosen because the template is
//! checked against these structs when claimtrack compiles and every value is HTML-escaped unless
//! marked safe, which only the inlined `style.css` is. The page loads nothing and runs no script,
//! and its Content-Security-Policy says so to the browser.

mod layout;

use std::collections::{HashMap, HashSet, VecDeque};

use anyhow::Result;
use askama::Template;

use crate::lint::{Finding, Outcome};
use crate::model::{ClaimRecord, Mode, RelationKind};
use crate::story::Story;
use layout::Picture;

/// What the page says about itself, beside the story.
pub struct Heading {
    pub title: String,
    /// What the filters selected ("claims tagged timing"), when they selected anything.
    pub selection: Option<String>,
    /// When the page was made (a date).
    pub generated: String,
}

/// The page, ready to write.
pub fn page(story: &Story, lint: &Outcome, heading: &Heading) -> Result<String> {
    let claims: HashMap<i64, ClaimView> = story.claims.iter().map(|c| (c.id, ClaimView::new(story, c))).collect();
    let actors = actors(story);
    let page = Page {
        heading,
        style: include_str!("style.css"),
        version: env!("CARGO_PKG_VERSION"),
        counts: Counts {
            claims: story.claims.len(),
            disputes: story.disputes.len(),
            actors: actors.len(),
            sources: story.sources.len(),
            errors: lint.errors(),
            warnings: lint.warnings(),
        },
        findings: lint.findings.iter().map(FindingView::new).collect(),
        disputes: story.disputes.iter().enumerate().map(|(i, d)| DisputeView::new(story, &claims, i + 1, d)).collect(),
        timeline: timeline(story, &claims),
        actors,
        sources: sources(story),
    };
    Ok(page.render()?)
}

#[derive(Template)]
#[template(path = "page.html", config = "src/render/report/askama.toml", whitespace = "minimize")]
struct Page<'a> {
    heading: &'a Heading,
    style: &'static str,
    version: &'static str,
    counts: Counts,
    findings: Vec<FindingView<'a>>,
    disputes: Vec<DisputeView>,
    timeline: Vec<Day>,
    actors: Vec<ActorView>,
    sources: Vec<SourceView>,
}

struct Counts {
    claims: usize,
    disputes: usize,
    actors: usize,
    sources: usize,
    errors: usize,
    warnings: usize,
}

/// A claim as a card shows it.
#[derive(Clone)]
struct ClaimView {
    id: i64,
    actor: String,
    text: String,
    quote: Option<String>,
    mode: &'static str,
    date: Option<DateView>,
    source: Option<Link>,
    locator: Option<String>,
    verdict: String,
    tags: Vec<String>,
}

impl ClaimView {
    fn new(story: &Story, claim: &ClaimRecord) -> ClaimView {
        let source = claim.source.as_deref().map(|key| {
            let known = story.source(key);
            let label = known.and_then(|s| s.title.clone()).unwrap_or_else(|| key.to_string());
            Link { label, href: known.and_then(|s| web_address(s.url.as_deref())) }
        });
        ClaimView {
            id: claim.id,
            actor: story.actor_shown(claim).to_string(),
            text: claim.fields.text.clone(),
            quote: claim.fields.quote.clone().filter(|q| !q.trim().is_empty()),
            mode: match claim.fields.mode {
                Mode::Direct => "direct quote",
                Mode::Paraphrase => "paraphrase",
                Mode::Reported => "reported",
                Mode::Anonymous => "anonymous",
            },
            date: claim.fields.stated_on.as_deref().map(DateView::new),
            source,
            locator: claim.fields.locator.clone(),
            verdict: claim.fields.verdict.to_string(),
            tags: claim.tags.clone(),
        }
    }
}

/// A link's text and, when it is a web address, where it goes.
#[derive(Clone)]
struct Link {
    label: String,
    href: Option<String>,
}

/// Only web addresses become links: a `javascript:` or `data:` URL in the data stays text.
fn web_address(url: Option<&str>) -> Option<String> {
    let url = url?.trim();
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| url.to_string())
}

/// A full or partial date: as `<time datetime>` takes it, and as people read it.
#[derive(Clone, PartialEq)]
struct DateView {
    iso: String,
    shown: String,
}

impl DateView {
    fn new(iso: &str) -> DateView {
        DateView { iso: iso.to_string(), shown: readable_date(iso) }
    }
}

const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
];

/// "27 January 2024", "January 2024" or "2024".
fn readable_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    let month = |m: &str| m.parse::<usize>().ok().and_then(|m| MONTHS.get(m.wrapping_sub(1))).copied();
    match parts.as_slice() {
        [y, m] => month(m).map_or_else(|| iso.to_string(), |m| format!("{m} {y}")),
        [y, m, d] => month(m).map_or_else(|| iso.to_string(), |m| format!("{} {m} {y}", d.trim_start_matches('0'))),
        _ => iso.to_string(),
    }
}

struct FindingView<'a> {
    finding: &'a Finding,
    severity: &'static str,
}

impl<'a> FindingView<'a> {
    fn new(finding: &'a Finding) -> Self {
        FindingView { finding, severity: finding.severity.as_str() }
    }
}

/// One claim of a side, with the claims that back it underneath.
struct Entry {
    claim: ClaimView,
    supporters: Vec<ClaimView>,
}

struct Side {
    heading: String,
    entries: Vec<Entry>,
}

/// A contradicting pair of a dispute without sides; a claim in several pairs is anchored once.
struct Pair {
    a: ClaimView,
    a_anchor: String,
    b: ClaimView,
    b_anchor: String,
}

struct DisputeView {
    number: usize,
    /// What this dispute's cards' anchors start with: `d1-` gives `d1-claim-5`.
    anchor: String,
    claims: usize,
    sides: Option<[Side; 2]>,
    /// For a dispute without sides: each contradicting pair.
    pairs: Vec<Pair>,
    /// For a dispute without sides: the claims backing others, and which.
    backers: Vec<(ClaimView, String)>,
    picture: Picture,
    kinds: Vec<&'static str>,
}

impl DisputeView {
    fn new(story: &Story, claims: &HashMap<i64, ClaimView>, number: usize, d: &crate::disputes::Dispute) -> Self {
        let view = |id: i64| claims.get(&id).cloned();
        let core: HashSet<i64> = d.pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
        let backing = backing_edges(story, &d.claims);
        let sides = d.sides.as_ref().map(|sides| {
            sides.clone().map(|side| {
                let under = supporters_under(&side, &core, &backing);
                let mut actors: Vec<String> = Vec::new();
                for claim in side.iter().filter_map(|&id| view(id)) {
                    if !actors.contains(&claim.actor) {
                        actors.push(claim.actor);
                    }
                }
                let entries = side
                    .iter()
                    .filter(|id| core.contains(id))
                    .filter_map(|&id| {
                        let supporters = under.get(&id).into_iter().flatten().filter_map(|&s| view(s)).collect();
                        Some(Entry { claim: view(id)?, supporters })
                    })
                    .collect();
                Side { heading: actors.join(" / "), entries }
            })
        });
        let (pairs, backers) = if d.sides.is_some() {
            (Vec::new(), Vec::new())
        } else {
            let mut anchored = HashSet::new();
            let mut anchor =
                |id: i64| if anchored.insert(id) { format!("d{number}-claim-{id}") } else { String::new() };
            let pairs = d
                .pairs
                .iter()
                .filter_map(|&(a, b)| Some(Pair { a: view(a)?, a_anchor: anchor(a), b: view(b)?, b_anchor: anchor(b) }))
                .collect();
            let backers = d
                .claims
                .iter()
                .filter(|id| !core.contains(id))
                .filter_map(|&id| {
                    let backs: Vec<String> = backing.get(&id)?.iter().map(|other| format!("#{other}")).collect();
                    Some((view(id)?, backs.join(", ")))
                })
                .collect();
            (pairs, backers)
        };
        let picture = layout::picture(story, d);
        let kinds = layout::kinds(&picture);
        DisputeView {
            number,
            anchor: format!("d{number}-"),
            claims: d.claims.len(),
            sides,
            pairs,
            backers,
            picture,
            kinds,
        }
    }

    fn title(&self) -> String {
        match self.sides {
            Some(_) => format!("Dispute {}: {} claims on two sides", self.number, self.claims),
            None => format!("Dispute {}: {} claims that do not split into two sides", self.number, self.claims),
        }
    }
}

/// The supports/same-as neighbours of each claim of a dispute.
fn backing_edges(story: &Story, claims: &[i64]) -> HashMap<i64, Vec<i64>> {
    let members: HashSet<i64> = claims.iter().copied().collect();
    let mut backing: HashMap<i64, Vec<i64>> = HashMap::new();
    for edge in &story.relations {
        if matches!(edge.kind, RelationKind::Supports | RelationKind::SameAs)
            && members.contains(&edge.from)
            && members.contains(&edge.to)
        {
            backing.entry(edge.from).or_default().push(edge.to);
            backing.entry(edge.to).or_default().push(edge.from);
        }
    }
    backing
}

/// Each supporter on a side under the contradicting claim it backs, nearest first: a breadth-
/// first walk out from the side's contradicting claims.
fn supporters_under(side: &[i64], core: &HashSet<i64>, backing: &HashMap<i64, Vec<i64>>) -> HashMap<i64, Vec<i64>> {
    let on_side: HashSet<i64> = side.iter().copied().collect();
    let mut owner: HashMap<i64, i64> = HashMap::new();
    let mut queue: VecDeque<i64> = VecDeque::new();
    for &id in side.iter().filter(|id| core.contains(id)) {
        owner.insert(id, id);
        queue.push_back(id);
    }
    let mut under: HashMap<i64, Vec<i64>> = HashMap::new();
    while let Some(id) = queue.pop_front() {
        let root = owner[&id];
        for &next in backing.get(&id).into_iter().flatten() {
            if on_side.contains(&next) && !owner.contains_key(&next) {
                owner.insert(next, root);
                under.entry(root).or_default().push(next);
                queue.push_back(next);
            }
        }
    }
    under
}

/// The claims of one date, earliest date first; undated claims last.
struct Day {
    date: Option<DateView>,
    claims: Vec<ClaimView>,
}

fn timeline(story: &Story, claims: &HashMap<i64, ClaimView>) -> Vec<Day> {
    let mut ordered: Vec<&ClaimRecord> = story.claims.iter().collect();
    // Dated before undated; by date, then id.
    ordered.sort_by_key(|c| (c.fields.stated_on.is_none(), c.fields.stated_on.clone(), c.id));
    let mut days: Vec<Day> = Vec::new();
    for claim in ordered {
        let view = claims[&claim.id].clone();
        match days.last_mut() {
            Some(day) if day.date == view.date => day.claims.push(view),
            _ => days.push(Day { date: view.date.clone(), claims: vec![view] }),
        }
    }
    days
}

struct ActorView {
    name: String,
    kind: Option<String>,
    affiliation: Option<String>,
    aliases: String,
    claims: usize,
}

/// The actors as readers see them: each name a claim is shown under (`Story::actor_shown`), with
/// the actor's details where the name is the actor's own.
fn actors(story: &Story) -> Vec<ActorView> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for claim in &story.claims {
        *counts.entry(story.actor_shown(claim)).or_default() += 1;
    }
    let known: HashMap<&str, &crate::model::Actor> = story.actors.iter().map(|a| (a.name.as_str(), a)).collect();
    let mut names: Vec<(String, &str)> = counts.keys().map(|name| (crate::names::name_key(name), *name)).collect();
    names.sort();
    names
        .into_iter()
        .map(|(_, name)| {
            let actor = known.get(name);
            ActorView {
                name: name.to_string(),
                kind: actor.and_then(|a| a.kind.clone()),
                affiliation: actor.and_then(|a| a.affiliation.clone()),
                aliases: actor.map(|a| a.aliases.join(", ")).unwrap_or_default(),
                claims: counts[name],
            }
        })
        .collect()
}

struct SourceView {
    key: String,
    title: Link,
    publisher: Option<String>,
    published: Option<String>,
    kind: String,
    claims: usize,
}

fn sources(story: &Story) -> Vec<SourceView> {
    let counts = story.claims_by_source();
    story
        .sources
        .iter()
        .map(|source| SourceView {
            key: source.key.clone(),
            title: Link {
                label: source.title.clone().or_else(|| source.url.clone()).unwrap_or_default(),
                href: web_address(source.url.as_deref()),
            },
            publisher: source.publisher.clone(),
            published: source.published.as_deref().map(readable_date),
            kind: source.kind.clone(),
            claims: counts.get(source.key.as_str()).copied().unwrap_or(0),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_people_write_them() {
        assert_eq!(readable_date("2024-01-27"), "27 January 2024");
        assert_eq!(readable_date("2024-01-07"), "7 January 2024");
        assert_eq!(readable_date("2023-10"), "October 2023");
        assert_eq!(readable_date("2020"), "2020");
        assert_eq!(readable_date("2020-13"), "2020-13");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(web_address(Some(" https://example.org/a?b=1 ")).as_deref(), Some("https://example.org/a?b=1"));
        assert_eq!(web_address(Some("HTTP://EXAMPLE.ORG")).as_deref(), Some("HTTP://EXAMPLE.ORG"));
        assert_eq!(web_address(Some("javascript:alert(1)")), None);
        assert_eq!(web_address(Some("data:text/html,<script>")), None);
        assert_eq!(web_address(None), None);
    }

    #[test]
    fn supporters_go_under_the_claim_they_back() {
        // 1 contradicts 9; 2 backs 1, 3 backs 2 (so 1, further off); 4 backs 5, which is also core.
        let core: HashSet<i64> = [1, 5, 9].into();
        let backing: HashMap<i64, Vec<i64>> =
            [(2, vec![1, 3]), (1, vec![2]), (3, vec![2]), (4, vec![5]), (5, vec![4])].into_iter().collect();
        let under = supporters_under(&[1, 5, 2, 3, 4], &core, &backing);
        assert_eq!(under[&1], [2, 3]);
        assert_eq!(under[&5], [4]);
    }
}
