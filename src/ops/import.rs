//! Writing imported rows: claims from CSV/TSV/JSON lines, and relations between claims.
//!
//! The caller streams rows in inside one transaction. Actors, sources and tags are looked up once
//! and remembered; claims are written in batches (one call to the store per batch for the rows,
//! their tags and their history), and so are the actors and sources a batch names for the first
//! time, so that a server is asked a few times a batch, not a few times a name. Nothing is held
//! per row but what relations between rows of the same file need.

use std::collections::{HashMap, HashSet};

use anyhow::Result;

use super::actors::{LookAlikes, actors_for_claims};
use super::history::{ImportLog, claim_snapshot, record_claim, relation_change, source_change};
use super::merge::OnConflict;
use crate::dates::now_timestamp;
use crate::import::{ClaimRow as FileRow, RelationRow, RowError};
use crate::model::rules::{self, new_uid};
use crate::model::{Action, ClaimFields, ClaimRow, Edge, RelationKind, Source};
use crate::store::Txn;

/// Claims written to the store in one call.
const BATCH: usize = 2048;

/// What an import did, or would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BulkReport {
    pub added: usize,
    /// Rows whose uid is here already with the same content.
    pub identical: usize,
    /// Rows whose uid is here with other content, kept as it was (`--on-conflict skip`).
    pub skipped: usize,
    /// Rows whose uid is here with other content, overwritten (`--on-conflict update`).
    pub updated: usize,
    /// Rows without a uid that say exactly what a stored claim says (text, actor, source, date),
    /// left out unless duplicates are allowed.
    pub duplicates: usize,
    pub new_actors: usize,
    pub new_sources: usize,
    pub relations_added: usize,
    pub relations_skipped: usize,
    /// New actors whose names look like existing ones: (new, existing).
    pub similar_actors: Vec<(String, String)>,
}

/// What a row waiting for its batch to be written needs besides its claim.
struct Waiting {
    tags: Vec<String>,
    line: u64,
    file_id: Option<i64>,
    /// The row came without a uid (it was given a new one).
    new_uid: bool,
    /// Where in the batch's new names and sources the row's actor and source are, when they are
    /// looked up with the batch (the row's ids are set then).
    actor_at: Option<usize>,
    source_at: Option<usize>,
}

/// A source a row names that the batch looks up (and makes, when it is new).
struct SourceWanted {
    /// The source column, else the source URL: what the row names it by.
    reference: String,
    /// The rest of the first row that names it, for a new source.
    title: Option<String>,
    url: Option<String>,
    publisher: Option<String>,
}

/// Names to look up with the next batch, each once, in the order they came.
struct Wanted<T> {
    items: Vec<T>,
    at: HashMap<String, usize>,
}

impl<T> Default for Wanted<T> {
    fn default() -> Self {
        Wanted { items: Vec::new(), at: HashMap::new() }
    }
}

impl<T> Wanted<T> {
    /// Where `name` is among the wanted, added (with `item()`) when it is not there yet.
    fn place(&mut self, name: &str, item: impl FnOnce() -> T) -> usize {
        if let Some(&at) = self.at.get(name) {
            return at;
        }
        self.items.push(item());
        self.at.insert(name.to_string(), self.items.len() - 1);
        self.items.len() - 1
    }

    fn take(&mut self) -> Vec<T> {
        self.at.clear();
        std::mem::take(&mut self.items)
    }
}

/// Adds claim rows to the database within the caller's transaction.
pub struct ClaimImporter<'t> {
    txn: &'t mut dyn Txn,
    policy: OnConflict,
    /// Keep rows without a uid that repeat a stored claim (else they are counted and left out).
    allow_duplicates: bool,
    /// The largest claim id before this import: a duplicate repeats one of the claims up to it
    /// (with none, nothing can be a duplicate), not a row of this import.
    stored_through: i64,
    /// The claims added, for the import's history entry.
    log: ImportLog,
    now: String,
    /// Who the history records: who set the verdicts the rows bring.
    user: String,
    actors: HashMap<String, i64>,
    /// Actor names the waiting rows brought that were not looked up yet.
    actors_wanted: Wanted<String>,
    /// Existing actors, to warn once per new name that looks like one of them.
    look_alikes: LookAlikes,
    sources: HashMap<String, i64>,
    sources_wanted: Wanted<SourceWanted>,
    /// Rows waiting for their batch to be written, and what each needs besides.
    rows: Vec<ClaimRow>,
    waiting: Vec<Waiting>,
    /// File ids that landed on another local id (taken, or the uid was already here).
    moved_ids: HashMap<i64, i64>,
    /// File ids seen, when rows refer to each other by id.
    file_ids: HashSet<i64>,
    /// (line, file id, kind, file id) for relations given in the rows.
    pending: Vec<(u64, i64, RelationKind, i64)>,
    pub report: BulkReport,
}

fn looks_like_url(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// A short source key made from a URL: host and path, lower case, dashes between words.
fn key_from_url(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let mut key = String::new();
    for c in rest.chars() {
        if c.is_alphanumeric() {
            key.extend(c.to_lowercase());
        } else if !key.ends_with('-') && !key.is_empty() {
            key.push('-');
        }
    }
    let key: String = key.trim_end_matches('-').chars().take(60).collect();
    let key = key.trim_end_matches('-').to_string();
    if key.is_empty() { "source".into() } else { key }
}

impl<'t> ClaimImporter<'t> {
    /// Start an import inside the caller's transaction, expecting about `expected_rows` rows.
    pub fn new(
        txn: &'t mut dyn Txn,
        policy: OnConflict,
        allow_duplicates: bool,
        origin: &str,
        expected_rows: u64,
    ) -> Result<Self> {
        let stored_through = txn.largest_claim_id()?;
        let user = txn.user();
        txn.begin_bulk(expected_rows)?;
        Ok(ClaimImporter {
            txn,
            policy,
            allow_duplicates,
            stored_through,
            log: ImportLog::new(origin),
            now: now_timestamp(),
            user,
            actors: HashMap::new(),
            actors_wanted: Wanted::default(),
            look_alikes: LookAlikes::default(),
            sources: HashMap::new(),
            sources_wanted: Wanted::default(),
            rows: Vec::with_capacity(BATCH),
            waiting: Vec::with_capacity(BATCH),
            moved_ids: HashMap::new(),
            file_ids: HashSet::new(),
            pending: Vec::new(),
            report: BulkReport::default(),
        })
    }

    /// The actor's id when it is known already, else where it is among the batch's wanted names.
    fn actor_of(&mut self, name: &str) -> Result<i64, usize> {
        match self.actors.get(name) {
            Some(&id) => Ok(id),
            None => Err(self.actors_wanted.place(name, || name.to_string())),
        }
    }

    /// The row's source id when it names one that is known already, else where it is among the
    /// batch's wanted sources.
    fn source_of(&mut self, row: &FileRow) -> Option<Result<i64, usize>> {
        let reference = row.source.as_deref().or(row.source_url.as_deref())?;
        if let Some(&id) = self.sources.get(reference) {
            return Some(Ok(id));
        }
        Some(Err(self.sources_wanted.place(reference, || SourceWanted {
            reference: reference.to_string(),
            title: row.source_title.clone(),
            url: row.source_url.clone(),
            publisher: row.source_publisher.clone(),
        })))
    }

    /// Look up (or make) the actors the waiting rows named for the first time; their ids, in the
    /// order they were wanted.
    fn wanted_actors(&mut self) -> Result<Vec<i64>> {
        let names = self.actors_wanted.take();
        if names.is_empty() {
            return Ok(Vec::new());
        }
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let found = actors_for_claims(self.txn, &refs, &mut self.look_alikes)?;
        let mut ids = Vec::with_capacity(found.len());
        for (name, found) in names.into_iter().zip(found) {
            if found.created {
                self.report.new_actors += 1;
                if let Some(similar) = found.similar {
                    self.report.similar_actors.push((found.name.clone(), similar));
                }
            }
            ids.push(found.id);
            self.actors.insert(name, found.id);
        }
        Ok(ids)
    }

    /// Look up (or make) the sources the waiting rows named for the first time, as one after
    /// another would: a URL finds a source by its URL, anything else by its key, and a new source
    /// made from a URL gets a short key no other source has. Their ids, in the order wanted.
    fn wanted_sources(&mut self) -> Result<Vec<i64>> {
        let wanted = self.sources_wanted.take();
        if wanted.is_empty() {
            return Ok(Vec::new());
        }
        let (urls, keys): (Vec<&SourceWanted>, Vec<&SourceWanted>) =
            wanted.iter().partition(|w| looks_like_url(&w.reference));
        let by_url = self.txn.source_ids_by_url(&urls.iter().map(|w| w.reference.as_str()).collect::<Vec<_>>())?;
        let by_key = self.txn.source_ids_by_key(&keys.iter().map(|w| w.reference.as_str()).collect::<Vec<_>>())?;
        let (mut by_url, mut by_key) = (by_url.into_iter(), by_key.into_iter());
        // Sources made here, by key and by URL, for the rows after the one that made each.
        let mut made: Vec<Source> = Vec::new();
        let (mut made_keys, mut made_urls) = (HashMap::new(), HashMap::new());
        let mut places = Vec::with_capacity(wanted.len());
        for w in &wanted {
            let is_url = looks_like_url(&w.reference);
            let stored = if is_url { by_url.next().flatten() } else { by_key.next().flatten() };
            let earlier = if is_url { &made_urls } else { &made_keys };
            let place = match (stored, earlier.get(w.reference.trim())) {
                (Some(id), _) => Ok(id),
                (None, Some(&at)) => Err(at),
                (None, None) => {
                    let mut key = if is_url { key_from_url(&w.reference) } else { w.reference.clone() };
                    if is_url {
                        let base = key.clone();
                        let mut n = 2;
                        while made_keys.contains_key(&key) || self.txn.source_ids_by_key(&[&key])?[0].is_some() {
                            key = format!("{base}-{n}");
                            n += 1;
                        }
                    }
                    let source = Source {
                        uid: new_uid(),
                        key,
                        title: w.title.clone(),
                        url: if is_url { Some(w.reference.clone()) } else { w.url.clone() },
                        publisher: w.publisher.clone(),
                        kind: "article".into(),
                        created_at: self.now.clone(),
                        ..Source::default()
                    };
                    made_keys.insert(source.key.trim().to_string(), made.len());
                    if let Some(url) = &source.url {
                        made_urls.entry(url.trim().to_string()).or_insert(made.len());
                    }
                    made.push(source);
                    Err(made.len() - 1)
                }
            };
            places.push(place);
        }
        let made_ids = self.txn.insert_sources(&made)?;
        for (source, &id) in made.iter_mut().zip(&made_ids) {
            source.id = id;
        }
        let changes: Vec<_> = made.iter().map(|source| source_change(Action::Import, source, None)).collect();
        self.txn.record(&changes)?;
        self.report.new_sources += made.len();
        let ids: Vec<i64> = places.into_iter().map(|place| place.unwrap_or_else(|at| made_ids[at])).collect();
        for (w, &id) in wanted.into_iter().zip(&ids) {
            self.sources.insert(w.reference, id);
        }
        Ok(ids)
    }

    /// Add one row. The outer error is the database failing; the inner ones are faults of rows
    /// (this one, or one of the batch it completed).
    pub fn add(&mut self, row: FileRow) -> Result<Vec<RowError>> {
        if let Some(id) = row.id
            && let Err(fault) = rules::check_file_id(id)
        {
            return Ok(vec![RowError::line(row.line, fault.to_string())]);
        }
        let tags = match row.tags.iter().map(|t| rules::check_tag(t).map(String::from)).collect::<Result<Vec<_>, _>>() {
            Ok(tags) => tags,
            Err(fault) => return Ok(vec![RowError::line(row.line, fault.to_string())]),
        };
        let actor = self.actor_of(&row.actor);
        let source = self.source_of(&row);
        if let Some(file_id) = row.id {
            self.file_ids.insert(file_id);
            for (kind, other, outgoing) in row.relations() {
                let (from, to) = if outgoing { (file_id, other) } else { (other, file_id) };
                self.pending.push((row.line, from, kind, to));
            }
        } else if row.relations().next().is_some() {
            return Ok(vec![RowError::line(
                row.line,
                "the relation columns refer to claims by their id, so this row needs an id too",
            )]);
        }
        self.waiting.push(Waiting {
            tags,
            line: row.line,
            file_id: row.id,
            new_uid: row.uid.is_none(),
            actor_at: actor.err(),
            source_at: source.and_then(Result::err),
        });
        let mode = row.mode();
        let fields = ClaimFields {
            text: row.text,
            quote: row.quote,
            mode,
            stated_on: row.stated_on,
            locator: row.locator,
            verdict: row.verdict.unwrap_or_default(),
            notes: row.notes,
            notes_private: row.notes_private,
        }
        .tidy();
        // The times a file carries (an export's) are kept; a row without them was logged now.
        let created_at = row.created_at.unwrap_or_else(|| self.now.clone());
        let updated_at = row.updated_at.unwrap_or_else(|| created_at.clone());
        let mut claim = ClaimRow {
            wanted_id: row.id,
            uid: row.uid.unwrap_or_else(new_uid),
            fields,
            actor_id: actor.unwrap_or_default(),
            source_id: source.and_then(Result::ok),
            created_at,
            updated_at,
            verdict_at: None,
            verdict_by: None,
        };
        // A rated row's verdict was set when the row was last changed, as far as the file says.
        let updated_at = claim.updated_at.clone();
        claim.stamp_verdict(None, &updated_at, &self.user);
        claim.keep_verdict_stamp(row.verdict_at.as_deref(), row.verdict_by.as_deref());
        self.rows.push(claim);
        if self.rows.len() >= BATCH {
            return self.flush();
        }
        Ok(Vec::new())
    }

    /// Write the waiting rows: new ones in one call with their tags and history; rows whose uid
    /// is here already by the conflict policy.
    fn flush(&mut self) -> Result<Vec<RowError>> {
        let mut waiting = std::mem::take(&mut self.waiting);
        let mut rows = std::mem::take(&mut self.rows);
        let (actor_ids, source_ids) = (self.wanted_actors()?, self.wanted_sources()?);
        for (row, w) in rows.iter_mut().zip(&waiting) {
            if let Some(at) = w.actor_at {
                row.actor_id = actor_ids[at];
            }
            if let Some(at) = w.source_at {
                row.source_id = Some(source_ids[at]);
            }
        }
        if self.stored_through > 0 && !self.allow_duplicates {
            // A row without a uid that says what a stored claim says is most likely that claim
            // again (a file imported twice, or once more after a crash just after its commit).
            let fresh: Vec<&ClaimRow> = rows.iter().zip(&waiting).filter(|(_, w)| w.new_uid).map(|(r, _)| r).collect();
            let found = self.txn.same_claims(&fresh, self.stored_through)?;
            let mut found = found.into_iter();
            let (mut kept_rows, mut kept) = (Vec::with_capacity(rows.len()), Vec::with_capacity(rows.len()));
            for (row, w) in rows.into_iter().zip(waiting) {
                let duplicate = if w.new_uid { found.next().flatten() } else { None };
                match duplicate {
                    Some(id) => {
                        self.report.duplicates += 1;
                        self.place(w.file_id, id);
                    }
                    None => {
                        kept_rows.push(row);
                        kept.push(w);
                    }
                }
            }
            (rows, waiting) = (kept_rows, kept);
        }
        let ids = self.txn.insert_claims(&rows)?;
        let mut pairs = Vec::new();
        let mut already = Vec::new();
        for ((w, row), id) in waiting.iter().zip(&rows).zip(&ids) {
            match id {
                Some(id) => {
                    pairs.extend(w.tags.iter().map(|t| (*id, t.as_str())));
                    self.log.add(*id, Some(w.line));
                    self.report.added += 1;
                    self.place(w.file_id, *id);
                }
                None => already.push((w, row)),
            }
        }
        self.txn.tag_claims(&pairs)?;
        let mut faults = Vec::new();
        if already.is_empty() {
            return Ok(faults);
        }
        let uids: Vec<&str> = already.iter().map(|(_, row)| row.uid.as_str()).collect();
        let stored: HashMap<String, _> =
            self.txn.claims_by_uid(&uids)?.into_iter().map(|s| (s.row.uid.clone(), s)).collect();
        for (w, row) in already {
            let Some(local) = stored.get(&row.uid) else { continue };
            self.place(w.file_id, local.id);
            let mut tags = w.tags.clone();
            tags.sort_unstable();
            tags.dedup();
            let same = local.row.fields == row.fields
                && local.row.actor_id == row.actor_id
                && local.row.source_id == row.source_id
                && local.tags == tags;
            if same {
                self.report.identical += 1;
                continue;
            }
            match self.policy {
                OnConflict::Skip => self.report.skipped += 1,
                OnConflict::Fail => faults.push(RowError::line(
                    w.line,
                    format!("uid {} is already claim #{} with other content", row.uid, local.id),
                )),
                OnConflict::Update => {
                    let before = claim_snapshot(self.txn, local.id, false)?;
                    let mut row = ClaimRow {
                        created_at: local.row.created_at.clone(),
                        verdict_at: local.row.verdict_at.clone(),
                        verdict_by: local.row.verdict_by.clone(),
                        ..row.clone()
                    };
                    row.stamp_verdict(Some(local.row.fields.verdict), &self.now, &self.user);
                    self.txn.update_claim(local.id, &row)?;
                    self.txn.clear_tags(local.id)?;
                    let pairs: Vec<(i64, &str)> = tags.iter().map(|t| (local.id, t.as_str())).collect();
                    self.txn.tag_claims(&pairs)?;
                    record_claim(self.txn, Action::Edit, local.id, before)?;
                    self.report.updated += 1;
                }
            }
        }
        Ok(faults)
    }

    /// Remember where a file id landed, for the relations that name it.
    fn place(&mut self, file_id: Option<i64>, local: i64) {
        if let Some(file_id) = file_id
            && file_id != local
        {
            self.moved_ids.insert(file_id, local);
        }
    }

    /// Write what is waiting, link the rows that named each other, and put the store back in
    /// shape; returns the report and the faults found at the end (dangling references).
    pub fn finish(mut self) -> Result<(BulkReport, Vec<RowError>)> {
        let mut faults = self.flush()?;
        self.txn.drop_unused_tags()?;
        self.txn.finish_bulk()?;
        let pending = std::mem::take(&mut self.pending);
        let mut changes = Vec::new();
        for (line, a, kind, b) in pending {
            if let Some(id) = [a, b].into_iter().find(|id| !self.file_ids.contains(id)) {
                faults.push(RowError::line(line, format!("refers to claim id {id}, which is not in the file")));
                continue;
            }
            let local = |id: i64| self.moved_ids.get(&id).copied().unwrap_or(id);
            let (from, to) = kind.canonical(local(a), local(b));
            if from == to {
                faults.push(RowError::line(line, "a claim cannot be related to itself"));
                continue;
            }
            // contradicted_by appears on both claims of a pair: the second sighting adds nothing.
            if self.txn.insert_relation(Edge { from, kind, to }, None, &self.now)? {
                changes.push(relation_change(Action::Import, from, kind, to, None));
                self.report.relations_added += 1;
            }
        }
        self.txn.record(&changes)?;
        self.log.write(self.txn)?;
        Ok((self.report, faults))
    }
}

/// A claim named in a relations file: an id (`7`, `#7`) or a uid.
fn claim_reference(txn: &mut dyn Txn, reference: &str) -> Result<Option<i64>> {
    let reference = reference.trim();
    if let Ok(id) = reference.trim_start_matches('#').parse::<i64>() {
        return Ok(txn.claim_exists(id)?.then_some(id));
    }
    Ok(txn.claim_id_by_uid(reference)?)
}

/// The relation a row names, its ends looked up by id or uid: read only, so every row of a file
/// can be checked whether or not an earlier one was at fault. The inner error is the row's fault.
pub fn relation_of_row(txn: &mut dyn Txn, row: &RelationRow) -> Result<Result<Edge, RowError>> {
    let mut ends = [0i64; 2];
    for (end, reference) in ends.iter_mut().zip([&row.from, &row.to]) {
        match claim_reference(txn, reference)? {
            Some(id) => *end = id,
            None => {
                return Ok(Err(RowError::line(
                    row.line,
                    format!("no claim \"{reference}\" (give a claim id or uid that is in the database)"),
                )));
            }
        }
    }
    if ends[0] == ends[1] {
        return Ok(Err(RowError::line(row.line, "both ends are the same claim")));
    }
    let (from, to) = row.kind.canonical(ends[0], ends[1]);
    Ok(Ok(Edge { from, kind: row.kind, to }))
}

/// Store a relation a row named (see [`relation_of_row`]); one already recorded is counted as
/// skipped.
pub fn import_relation(txn: &mut dyn Txn, edge: Edge, note: Option<&str>, report: &mut BulkReport) -> Result<()> {
    let note = note.filter(|n| !n.trim().is_empty());
    if txn.insert_relation(edge, note, &now_timestamp())? {
        txn.record(&[relation_change(Action::Import, edge.from, edge.kind, edge.to, note)])?;
        report.relations_added += 1;
    } else {
        report.relations_skipped += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::key_from_url;

    #[test]
    fn keys_from_urls_are_short_and_typeable() {
        assert_eq!(
            key_from_url("https://www.example.org/2024/01/27/talks.html?x=1"),
            "example-org-2024-01-27-talks-html"
        );
        assert_eq!(key_from_url("http://news.site/"), "news-site");
        assert_eq!(key_from_url("https://"), "source");
        assert!(key_from_url(&format!("https://a.org/{}", "x".repeat(100))).len() <= 60);
    }
}
