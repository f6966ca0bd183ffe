//! Redaction: what an output meant to leave the desk may show. An anonymous claim's actor is shown
//! by the actor's public name (or "an unnamed source"), never by its identity; notes and source
//! texts marked private are left out. Every output for publication (ClaimReview always, and each
//! `--redact` export and report) passes its records through one [`Redaction`], which also counts
//! what it withheld so the command can say so.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use anyhow::Result;

use crate::interchange::{ActorDoc, Document};
use crate::model::{Actor, ClaimFilter, ClaimRecord, DisputeClaim, Mode, ReviewRow, Source};
use crate::names::name_words;
use crate::store::{Order, Txn};
use crate::story::Story;

/// How an anonymous claim names its actor when the actor has no public name.
pub const UNNAMED: &str = "an unnamed source";

/// The public names of a database's anonymous claims, and what has been withheld so far.
#[derive(Debug, Default)]
pub struct Redaction {
    /// Actor uid to its public name, for actors that have one.
    public_names: HashMap<String, String>,
    /// Anonymous claims by id, with the name they are shown by.
    anonymous: HashMap<i64, String>,
    /// Claim uid to id, for rows that carry only the uid.
    ids_by_uid: HashMap<String, i64>,
    /// The actors of anonymous claims, by uid: whose names to look for in what is published.
    identities: HashMap<String, Actor>,
    /// Anonymous claims whose published fields name their actor, with those fields.
    named: BTreeMap<i64, Vec<&'static str>>,
    withheld: Withheld,
}

/// What a redacted output left out: which anonymous claims lost their actor's identity, which
/// claims lost their private notes, which sources lost their private text.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Withheld {
    pub identities: BTreeSet<i64>,
    pub notes: BTreeSet<i64>,
    pub texts: BTreeSet<String>,
    /// Notes of relations that touch an anonymous claim (only the document carries them).
    pub relation_notes: usize,
}

impl Withheld {
    pub fn is_empty(&self) -> bool {
        self.identities.is_empty() && self.notes.is_empty() && self.texts.is_empty() && self.relation_notes == 0
    }
}

impl Redaction {
    /// Read, inside the caller's snapshot, every actor's public name and every anonymous claim.
    pub fn load(txn: &mut dyn Txn) -> Result<Redaction> {
        let mut redaction = Redaction::default();
        let actors = txn.list_actors()?;
        for actor in &actors {
            if let Some(public) = actor.public_name.as_deref().filter(|p| !p.trim().is_empty()) {
                redaction.public_names.insert(actor.uid.clone(), public.to_string());
            }
        }
        let anonymous = ClaimFilter { mode: Some(Mode::Anonymous), ..ClaimFilter::default() };
        let mut claims = Vec::new();
        txn.for_each_claim(&anonymous, Order::Id, &mut |claim| {
            claims.push((claim.id, claim.uid, claim.actor_uid));
            Ok(())
        })?;
        for (id, uid, actor_uid) in claims {
            let shown = redaction.public_name(&actor_uid).to_string();
            redaction.anonymous.insert(id, shown);
            redaction.ids_by_uid.insert(uid, id);
            redaction.identities.insert(actor_uid, Actor::default());
        }
        for actor in actors {
            if let Some(slot) = redaction.identities.get_mut(&actor.uid) {
                *slot = actor;
            }
        }
        Ok(redaction)
    }

    /// How the actor with this uid is named in public when it speaks anonymously.
    fn public_name(&self, actor_uid: &str) -> &str {
        self.public_names.get(actor_uid).map_or(UNNAMED, String::as_str)
    }

    /// The actor of claim `id` as the public may see it, put in place of `actor`.
    fn actor_of(&mut self, id: i64, actor: &mut String) {
        if let Some(shown) = self.anonymous.get(&id) {
            *actor = shown.clone();
            self.withheld.identities.insert(id);
        }
    }

    /// A claim as the public may see it: its actor, and its notes unless private.
    pub fn claim(&mut self, claim: &mut ClaimRecord) {
        if claim.fields.mode == Mode::Anonymous {
            if let Some(actor) = self.identities.get(&claim.actor_uid) {
                let fields = fields_naming(claim, actor);
                if !fields.is_empty() {
                    self.named.insert(claim.id, fields);
                }
            }
            claim.actor = self.public_name(&claim.actor_uid).to_string();
            claim.actor_uid.clear();
            self.withheld.identities.insert(claim.id);
        }
        if claim.fields.notes_private {
            if claim.fields.notes.take().is_some() {
                self.withheld.notes.insert(claim.id);
            }
            claim.fields.notes_private = false;
        }
    }

    pub fn dispute_claim(&mut self, claim: &mut DisputeClaim) {
        self.actor_of(claim.id, &mut claim.actor);
    }

    /// A rated claim for ClaimReview: its author is the public name, with no kind to narrow it.
    pub fn review(&mut self, row: &mut ReviewRow) {
        if let Some(&id) = self.ids_by_uid.get(&row.uid) {
            self.actor_of(id, &mut row.actor);
            row.actor_kind = None;
        }
    }

    /// A source without its text when the text is private.
    pub fn source(&mut self, source: &mut Source) {
        if source.body_private {
            if source.body.take().is_some() {
                self.withheld.texts.insert(source.key.clone());
            }
            source.body_private = false;
        }
    }

    /// A story for the report and the workbook: its claims and sources redacted, and only the
    /// actors still named by a claim (an anonymous-only actor's name, aliases and affiliation go).
    pub fn story(&mut self, story: Story) -> Story {
        let Story { mut claims, relations, disputes, mut actors, mut sources, .. } = story;
        claims.iter_mut().for_each(|claim| self.claim(claim));
        sources.iter_mut().for_each(|source| self.source(source));
        let named: HashSet<&str> = claims.iter().map(|c| c.actor.as_str()).collect();
        actors.retain(|actor| named.contains(actor.name.as_str()));
        Story::new(claims, relations, disputes, actors, sources)
    }

    /// A document for publication: anonymous claims point at an actor made of the public name
    /// alone (one per public name, `anonymous-1`, `anonymous-2`, ... in claim order), private
    /// notes and texts are left out, so are the notes of relations that touch an anonymous claim
    /// (a desk's "Jane told us so" would undo the rest), and only the actors the claims still
    /// point at are kept, with the actors they belong to.
    pub fn document(&mut self, mut doc: Document) -> Document {
        let ids_by_uid = self.ids_by_uid.clone();
        let mut stand_ins: BTreeMap<String, String> = BTreeMap::new();
        for (uid, claim) in doc.claims.iter_mut() {
            let id = claim.id.or_else(|| ids_by_uid.get(uid).copied()).unwrap_or_default();
            if claim.mode == Mode::Anonymous {
                let public = self.public_name(&claim.actor).to_string();
                if !stand_ins.contains_key(&public) {
                    let taken = |uid: &str| doc.actors.contains_key(uid) || stand_ins.values().any(|u| u == uid);
                    let next = (1..).map(|n| format!("anonymous-{n}")).find(|uid| !taken(uid)).expect("unbounded");
                    stand_ins.insert(public.clone(), next);
                }
                claim.actor = stand_ins[&public].clone();
                self.withheld.identities.insert(id);
            }
            if claim.notes_private {
                if claim.notes.take().is_some() {
                    self.withheld.notes.insert(id);
                }
                claim.notes_private = false;
            }
        }
        let anonymous: HashSet<&String> =
            doc.claims.iter().filter(|(_, c)| c.mode == Mode::Anonymous).map(|(uid, _)| uid).collect();
        for relation in &mut doc.relations {
            if (anonymous.contains(&relation.from) || anonymous.contains(&relation.to))
                && relation.note.take().is_some()
            {
                self.withheld.relation_notes += 1;
            }
        }
        for source in doc.sources.values_mut() {
            if source.body_private {
                if source.body.take().is_some() {
                    self.withheld.texts.insert(source.key.clone());
                }
                source.body_private = false;
            }
        }
        // The actors still pointed at, and up the chain the ones they belong to.
        let mut kept: HashSet<String> = doc.claims.values().map(|c| c.actor.clone()).collect();
        let mut frontier: Vec<String> = kept.iter().cloned().collect();
        while let Some(uid) = frontier.pop() {
            if let Some(up) = doc.actors.get(&uid).and_then(|a| a.affiliation.clone())
                && kept.insert(up.clone())
            {
                frontier.push(up);
            }
        }
        doc.actors.retain(|uid, _| kept.contains(uid));
        for (public, uid) in stand_ins {
            let stand_in = ActorDoc {
                name: public,
                kind: None,
                description: None,
                public_name: None,
                affiliation: None,
                aliases: Vec::new(),
                created_at: None,
            };
            doc.actors.insert(uid, stand_in);
        }
        doc
    }

    pub fn withheld(&self) -> &Withheld {
        &self.withheld
    }

    /// Anonymous claims written whose published fields name their actor, with those fields.
    pub fn named(&self) -> &BTreeMap<i64, Vec<&'static str>> {
        &self.named
    }
}

/// Which published fields of an anonymous claim name its actor (by name or alias, as whole
/// words, ignoring case and accents): redaction replaces the actor, not words, so these go out
/// as written. The public name counts too: "Jane Roe, a senior official" names her.
pub fn fields_naming(claim: &ClaimRecord, actor: &Actor) -> Vec<&'static str> {
    let mut published: Vec<(&'static str, &str)> = vec![("text", &claim.fields.text)];
    published.extend(claim.fields.quote.as_deref().map(|q| ("quotation", q)));
    published.extend(claim.fields.locator.as_deref().map(|l| ("locator", l)));
    if !claim.fields.notes_private {
        published.extend(claim.fields.notes.as_deref().map(|n| ("notes", n)));
    }
    published.extend(claim.tags.iter().map(|t| ("tags", t.as_str())));
    published.extend(claim.source.as_deref().map(|k| ("source key", k)));
    published.extend(claim.source_title.as_deref().map(|t| ("source title", t)));
    published.extend(actor.public_name.as_deref().map(|p| ("public name", p)));
    let names: Vec<Vec<String>> = std::iter::once(&actor.name)
        .chain(&actor.aliases)
        .map(|n| name_words(n))
        .filter(|words| !words.is_empty())
        .collect();
    let mut fields: Vec<&'static str> = Vec::new();
    for (field, text) in published {
        let words = name_words(text);
        if !fields.contains(&field) && names.iter().any(|name| words.windows(name.len()).any(|w| w == name.as_slice()))
        {
            fields.push(field);
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interchange::{ClaimDoc, RelationDoc};
    use crate::model::{RelationKind, Verdict};

    fn actor(name: &str, affiliation: Option<&str>) -> ActorDoc {
        ActorDoc {
            name: name.into(),
            kind: Some("person".into()),
            description: Some(format!("{name}'s desk description")),
            public_name: None,
            affiliation: affiliation.map(String::from),
            aliases: vec![format!("{name} alias")],
            created_at: None,
        }
    }

    fn claim(id: i64, actor: &str, mode: Mode) -> ClaimDoc {
        ClaimDoc {
            id: Some(id),
            text: format!("claim {id}"),
            quote: None,
            actor: actor.into(),
            source: None,
            mode,
            stated_on: None,
            locator: None,
            tags: Vec::new(),
            verdict: Verdict::Unrated,
            notes: Some(format!("note {id}")),
            notes_private: id == 1,
            created_at: None,
            updated_at: None,
            verdict_at: None,
            verdict_by: None,
        }
    }

    #[test]
    fn a_document_keeps_no_trace_of_an_anonymous_actor() {
        let mut redaction = Redaction::default();
        redaction.public_names.insert("roe".into(), "a senior official".into());
        let mut doc = Document {
            claimtrack: 1,
            sources: BTreeMap::new(),
            actors: BTreeMap::new(),
            claims: BTreeMap::new(),
            relations: Vec::new(),
        };
        doc.actors.insert("roe".into(), actor("Jane Roe", Some("ministry")));
        doc.actors.insert("ministry".into(), actor("Ministry", None));
        doc.actors.insert("doe".into(), actor("John Doe", Some("party")));
        doc.actors.insert("party".into(), actor("Party", None));
        // A real actor already has the first stand-in's uid.
        doc.actors.insert("anonymous-1".into(), actor("Imported", None));
        doc.claims.insert("c1".into(), claim(1, "roe", Mode::Anonymous));
        doc.claims.insert("c2".into(), claim(2, "doe", Mode::Direct));
        doc.claims.insert("c3".into(), claim(3, "doe", Mode::Anonymous));
        doc.claims.insert("c4".into(), claim(4, "anonymous-1", Mode::Direct));
        let relation = |from: &str, to: &str| RelationDoc {
            from: from.into(),
            kind: RelationKind::Contradicts,
            to: to.into(),
            note: Some("why".into()),
            created_at: None,
        };
        doc.relations = vec![relation("c1", "c2"), relation("c2", "c4")];

        let doc = redaction.document(doc);
        let text = serde_json::to_string(&doc).unwrap();
        for secret in ["Jane Roe", "Ministry", "note 1"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert_eq!(doc.claims["c1"].actor, "anonymous-2", "the taken uid is skipped");
        assert_eq!(doc.claims["c3"].actor, "anonymous-3", "no public name: a stand-in of its own");
        assert_eq!(doc.actors["anonymous-2"].name, "a senior official");
        assert_eq!(doc.actors["anonymous-3"].name, UNNAMED);
        assert_eq!(doc.actors["anonymous-2"].aliases, Vec::<String>::new());
        // On the record, John Doe stays whole, with the party he belongs to.
        assert_eq!(doc.claims["c2"].actor, "doe");
        assert!(doc.actors.contains_key("party") && doc.actors["doe"].aliases == ["John Doe alias"]);
        assert_eq!(doc.claims["c2"].notes.as_deref(), Some("note 2"));
        assert_eq!((doc.relations[0].note.as_deref(), doc.relations[1].note.as_deref()), (None, Some("why")));
        let withheld = redaction.withheld();
        assert_eq!(withheld.identities, [1, 3].into());
        assert_eq!(withheld.notes, [1].into());
        assert_eq!(withheld.relation_notes, 1);
    }
}
