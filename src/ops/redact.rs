//! Redaction: what an output meant to leave the desk may show. An anonymous claim's actor is shown
//! by the actor's public name (or "an unnamed source"), never by its identity; notes and source
//! texts marked private are left out. Every output for publication (ClaimReview always, and each
//! `--redact` export and report) passes its records through one [`Redaction`], which also counts
//! what it withheld so the command can say so.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use anyhow::Result;

use crate::interchange::{ActorDoc, Document};
use crate::model::{ClaimFilter, ClaimRecord, DisputeClaim, Mode, ReviewRow, Source};
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
        for actor in txn.list_actors()? {
            if let Some(public) = actor.public_name.filter(|p| !p.trim().is_empty()) {
                redaction.public_names.insert(actor.uid, public);
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
        }
        Ok(redaction)
    }

    /// How the actor with this uid is named in public when it speaks anonymously.
    fn public_name(&self, actor_uid: &str) -> &str {
        self.public_names.get(actor_uid).map_or(UNNAMED, String::as_str)
    }

    /// The actor of claim `id` as the public may see it, put in place of `actor`.
    pub fn actor_of(&mut self, id: i64, actor: &mut String) {
        if let Some(shown) = self.anonymous.get(&id) {
            *actor = shown.clone();
            self.withheld.identities.insert(id);
        }
    }

    /// A claim as the public may see it: its actor, and its notes unless private.
    pub fn claim(&mut self, claim: &mut ClaimRecord) {
        if claim.fields.mode == Mode::Anonymous {
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
}
