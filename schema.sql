-- claimtrack data model.
--
-- This file is the whole current schema. claimtrack embeds it and applies it to a new database;
-- older databases are brought up to date by the upgrade steps in src/store/sqlite/upgrade.rs, and the
-- version lives in PRAGMA user_version. Readable with any SQLite tool: see the contested_pairs view.
--
-- Every row that can travel between databases (source, actor, claim) has a stable text `uid`;
-- the integer ids are local and short, for typing on the command line.
-- Name columns have a `*_key` twin (Unicode-normalised, case-folded) so that matching
-- "U.S. Officials" to "U.S. officials" is an index lookup, not a scan.

CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    key         TEXT NOT NULL UNIQUE CHECK (length(key) > 0),
    title       TEXT,
    url         TEXT,
    publisher   TEXT,
    published   TEXT,                       -- ISO date: YYYY, YYYY-MM or YYYY-MM-DD
    accessed    TEXT,
    kind        TEXT NOT NULL DEFAULT 'article',
    body        TEXT,                       -- full text, for quote checks and extraction
    created_at  TEXT NOT NULL,
    body_private INTEGER NOT NULL DEFAULT 0 CHECK (body_private IN (0, 1)) -- 1: the text is never published
);
CREATE INDEX sources_url ON sources(url) WHERE url IS NOT NULL;

-- Claims and actors are typed by their id (`show 7`, `#12`): AUTOINCREMENT gives an id once, ever,
-- so a deleted claim's id is never someone else's and `restore` can bring it back.
CREATE TABLE actors (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    uid          TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL CHECK (length(name) > 0),
    name_key     TEXT NOT NULL UNIQUE,      -- case-folded name: exact matching
    fold_key     TEXT NOT NULL,             -- letters and digits only: near-duplicate warnings
    kind         TEXT,                      -- person, organisation, government, group, ...
    description  TEXT,
    affiliation  INTEGER REFERENCES actors(id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    public_name  TEXT,                      -- how the actor's anonymous claims name it in public
    CHECK (affiliation IS NULL OR affiliation <> id)
);
CREATE INDEX actors_fold ON actors(fold_key);
CREATE INDEX actors_affiliation ON actors(affiliation) WHERE affiliation IS NOT NULL;

-- Other names an actor goes by; "actor merge" keeps the merged actor's name here.
CREATE TABLE actor_aliases (
    alias_key  TEXT PRIMARY KEY,            -- case-folded alias
    alias      TEXT NOT NULL,
    fold_key   TEXT NOT NULL,
    actor_id   INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE
);
CREATE INDEX actor_aliases_actor ON actor_aliases(actor_id);
CREATE INDEX actor_aliases_fold ON actor_aliases(fold_key);

CREATE TABLE claims (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    uid         TEXT NOT NULL UNIQUE,
    text        TEXT NOT NULL CHECK (length(trim(text)) > 0),
    quote       TEXT,                       -- the verbatim words, when there are any
    actor_id    INTEGER NOT NULL REFERENCES actors(id),
    source_id   INTEGER REFERENCES sources(id),
    mode        TEXT NOT NULL DEFAULT 'paraphrase'
                CHECK (mode IN ('direct', 'paraphrase', 'reported', 'anonymous')),
    stated_on   TEXT,                       -- ISO date: YYYY, YYYY-MM or YYYY-MM-DD
    locator     TEXT,                       -- paragraph, page, timestamp in the source
    verdict     TEXT NOT NULL DEFAULT 'unrated',
    notes       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    verdict_at  TEXT,                       -- when the verdict was last set, and by whom
    verdict_by  TEXT,
    notes_private INTEGER NOT NULL DEFAULT 0 CHECK (notes_private IN (0, 1)) -- 1: the notes are never published
);
-- One index per filter of "list"; each also serves ORDER BY id within its filter.
CREATE INDEX claims_actor ON claims(actor_id);
CREATE INDEX claims_source ON claims(source_id) WHERE source_id IS NOT NULL;
CREATE INDEX claims_stated_on ON claims(stated_on) WHERE stated_on IS NOT NULL;
CREATE INDEX claims_mode ON claims(mode);
CREATE INDEX claims_verdict ON claims(verdict);

CREATE TABLE tags (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE CHECK (length(name) > 0)
);

CREATE TABLE claim_tags (
    claim_id  INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    tag_id    INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (claim_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX claim_tags_tag ON claim_tags(tag_id, claim_id);

-- A typed edge between two claims. Symmetric kinds (contradicts, same-as) are stored once,
-- lower id first, so "3 contradicts 7" and "7 contradicts 3" are the same row.
CREATE TABLE relations (
    id          INTEGER PRIMARY KEY,
    from_id     INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL
                CHECK (kind IN ('contradicts', 'supports', 'qualifies', 'responds-to', 'same-as', 'supersedes')),
    to_id       INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    note        TEXT,
    created_at  TEXT NOT NULL,
    CHECK (from_id <> to_id),
    CHECK (kind NOT IN ('contradicts', 'same-as') OR from_id < to_id),
    UNIQUE (from_id, kind, to_id)
);
-- Relations are looked up from either end; (from_id, kind, to_id) is the UNIQUE index above.
CREATE INDEX relations_to ON relations(to_id, kind, from_id);

-- Full-text search finds a claim by its own words, its actor's name and aliases, and its tags
-- ("Islamic Resistance" finds that actor's claims). This view is what the index holds per claim;
-- the order of the names in a list does not matter to the index. Plain SQL any SQLite reads.
CREATE VIEW claims_search AS
SELECT c.id, c.text, c.quote, c.notes,
       (SELECT a.name || ifnull(' ' || (SELECT group_concat(alias, ' ') FROM actor_aliases WHERE actor_id = a.id), '')
          FROM actors a WHERE a.id = c.actor_id) AS actor,
       (SELECT group_concat(t.name, ' ') FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.claim_id = c.id)
           AS tags
FROM claims c;

-- External content: the words live once, in their tables; the index reads them through the view.
CREATE VIRTUAL TABLE claims_fts USING fts5(
    text, quote, notes, actor, tags,
    content="claims_search", content_rowid="id",
    tokenize="porter unicode61 remove_diacritics 2"
);

-- Keeping the index: before a change takes a claim out of the index as the view shows it (when it
-- is there: a bulk import indexes its new claims at the end), after it puts the claim back as the
-- view shows it now. An index entry can only be removed with the words it was made from, hence
-- the pairs. BEFORE INSERT triggers fire only when the row will be added: an upsert that adds
-- nothing fires no AFTER trigger.
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts (rowid, text, quote, notes, actor, tags) SELECT * FROM claims_search WHERE id = new.id;
END;
CREATE TRIGGER claims_fts_before_update BEFORE UPDATE OF text, quote, notes, actor_id ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text, quote, notes, actor, tags)
        SELECT 'delete', * FROM claims_search WHERE id = old.id AND id IN (SELECT id FROM claims_fts_docsize);
END;
CREATE TRIGGER claims_fts_after_update AFTER UPDATE OF text, quote, notes, actor_id ON claims BEGIN
    INSERT INTO claims_fts (rowid, text, quote, notes, actor, tags) SELECT * FROM claims_search WHERE id = new.id;
END;
CREATE TRIGGER claims_fts_delete BEFORE DELETE ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text, quote, notes, actor, tags)
        SELECT 'delete', * FROM claims_search WHERE id = old.id AND id IN (SELECT id FROM claims_fts_docsize);
END;
CREATE TRIGGER claim_tags_fts_before_insert BEFORE INSERT ON claim_tags
WHEN NOT EXISTS (SELECT 1 FROM claim_tags WHERE claim_id = new.claim_id AND tag_id = new.tag_id) BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text, quote, notes, actor, tags)
        SELECT 'delete', * FROM claims_search WHERE id = new.claim_id AND id IN (SELECT id FROM claims_fts_docsize);
END;
CREATE TRIGGER claim_tags_fts_after_insert AFTER INSERT ON claim_tags BEGIN
    INSERT INTO claims_fts (rowid, text, quote, notes, actor, tags) SELECT * FROM claims_search WHERE id = new.claim_id;
END;
CREATE TRIGGER claim_tags_fts_before_delete BEFORE DELETE ON claim_tags BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text, quote, notes, actor, tags)
        SELECT 'delete', * FROM claims_search WHERE id = old.claim_id AND id IN (SELECT id FROM claims_fts_docsize);
END;
CREATE TRIGGER claim_tags_fts_after_delete AFTER DELETE ON claim_tags BEGIN
    INSERT INTO claims_fts (rowid, text, quote, notes, actor, tags) SELECT * FROM claims_search WHERE id = old.claim_id;
END;
CREATE TRIGGER tags_fts_before_rename BEFORE UPDATE OF name ON tags BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text, quote, notes, actor, tags)
        SELECT 'delete', * FROM claims_search
         WHERE id IN (SELECT claim_id FROM claim_tags WHERE tag_id = old.id) AND id IN (SELECT id FROM claims_fts_docsize);
END;
CREATE TRIGGER tags_fts_after_rename AFTER UPDATE OF name ON tags BEGIN
    INSERT INTO claims_fts (rowid, text, quote, notes, actor, tags)
        SELECT * FROM claims_search WHERE id IN (SELECT claim_id FROM claim_tags WHERE tag_id = new.id);
END;
CREATE TRIGGER actors_fts_before_rename BEFORE UPDATE OF name ON actors BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text, quote, notes, actor, tags)
        SELECT 'delete', * FROM claims_search
         WHERE id IN (SELECT id FROM claims WHERE actor_id = old.id) AND id IN (SELECT id FROM claims_fts_docsize);
END;
CREATE TRIGGER actors_fts_after_rename AFTER UPDATE OF name ON actors BEGIN
    INSERT INTO claims_fts (rowid, text, quote, notes, actor, tags)
        SELECT * FROM claims_search WHERE id IN (SELECT id FROM claims WHERE actor_id = new.id);
END;
CREATE TRIGGER actor_aliases_fts_before_insert BEFORE INSERT ON actor_aliases
WHEN NOT EXISTS (SELECT 1 FROM actor_aliases WHERE alias_key = new.alias_key) BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text, quote, notes, actor, tags)
        SELECT 'delete', * FROM claims_search
         WHERE id IN (SELECT id FROM claims WHERE actor_id = new.actor_id) AND id IN (SELECT id FROM claims_fts_docsize);
END;
CREATE TRIGGER actor_aliases_fts_after_insert AFTER INSERT ON actor_aliases BEGIN
    INSERT INTO claims_fts (rowid, text, quote, notes, actor, tags)
        SELECT * FROM claims_search WHERE id IN (SELECT id FROM claims WHERE actor_id = new.actor_id);
END;
CREATE TRIGGER actor_aliases_fts_before_change BEFORE UPDATE ON actor_aliases BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text, quote, notes, actor, tags)
        SELECT 'delete', * FROM claims_search
         WHERE id IN (SELECT id FROM claims WHERE actor_id IN (old.actor_id, new.actor_id))
           AND id IN (SELECT id FROM claims_fts_docsize);
END;
CREATE TRIGGER actor_aliases_fts_after_change AFTER UPDATE ON actor_aliases BEGIN
    INSERT INTO claims_fts (rowid, text, quote, notes, actor, tags)
        SELECT * FROM claims_search WHERE id IN (SELECT id FROM claims WHERE actor_id IN (old.actor_id, new.actor_id));
END;
CREATE TRIGGER actor_aliases_fts_before_delete BEFORE DELETE ON actor_aliases BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text, quote, notes, actor, tags)
        SELECT 'delete', * FROM claims_search
         WHERE id IN (SELECT id FROM claims WHERE actor_id = old.actor_id) AND id IN (SELECT id FROM claims_fts_docsize);
END;
CREATE TRIGGER actor_aliases_fts_after_delete AFTER DELETE ON actor_aliases BEGIN
    INSERT INTO claims_fts (rowid, text, quote, notes, actor, tags)
        SELECT * FROM claims_search WHERE id IN (SELECT id FROM claims WHERE actor_id = old.actor_id);
END;

-- Settings kept with the story, so they travel with it (`claimtrack config`).
CREATE TABLE settings (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- Every change to a claim, actor, source or relation, written in the same transaction as the
-- change itself. No foreign keys: the history outlives the rows it describes, which is what
-- lets `restore` bring a deleted claim back.
CREATE TABLE history (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    user        TEXT NOT NULL,
    action      TEXT NOT NULL
                CHECK (action IN ('create', 'edit', 'delete', 'merge', 'import', 'restore', 'link', 'unlink')),
    entity      TEXT NOT NULL CHECK (entity IN ('claim', 'actor', 'source', 'relation')),
    entity_id   INTEGER,                    -- the claim, actor or source; for a relation, its first claim
    other_id    INTEGER,                    -- for a relation, its second claim
    entity_uid  TEXT,
    before      TEXT,                       -- JSON; NULL for a create or an import
    after       TEXT                        -- JSON; NULL for a delete
);
CREATE INDEX history_entity ON history(entity, entity_id);
CREATE INDEX history_other ON history(other_id) WHERE other_id IS NOT NULL;

-- The claims an import added, named by the import's one history entry: runs of consecutive claim
-- ids, so a million imported claims cost a few hundred rows here, not a million in history.
-- `history ID` finds an imported claim's run through the index on the runs' last ids.
CREATE TABLE imported_claims (
    history_id  INTEGER NOT NULL,           -- the import's entry in history
    first_id    INTEGER NOT NULL,           -- the run: every claim id from first_id to last_id
    last_id     INTEGER NOT NULL CHECK (last_id >= first_id),
    lines       TEXT                        -- each claim's line in the file: the first, then steps ("2,1,3")
);
CREATE INDEX imported_claims_last ON imported_claims(last_id, first_id);

-- One row per contradicting pair, both sides spelled out: for browsing the file in another tool.
CREATE VIEW contested_pairs AS
SELECT r.id         AS relation_id,
       a.id         AS claim_a,
       actor_a.name AS actor_a,
       a.text       AS text_a,
       a.stated_on  AS stated_on_a,
       b.id         AS claim_b,
       actor_b.name AS actor_b,
       b.text       AS text_b,
       b.stated_on  AS stated_on_b,
       r.note       AS note
FROM relations r
JOIN claims a ON a.id = r.from_id
JOIN actors actor_a ON actor_a.id = a.actor_id
JOIN claims b ON b.id = r.to_id
JOIN actors actor_b ON actor_b.id = b.actor_id
WHERE r.kind = 'contradicts';
