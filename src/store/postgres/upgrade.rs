//! Upgrades of a story on PostgreSQL, as on SQLite (see store/sqlite/upgrade.rs): a numbered
//! list of steps, run in the one transaction that holds the story's lock, so a story goes from
//! its version to the latest whole or not at all. The first version on PostgreSQL is 4, so the
//! list starts there; a schema change adds its step here and in the SQLite list, in one commit.

use crate::store::{StoreError, StoreResult};

/// The version `schema-postgres.sql` describes: always the SQLite side's too.
pub const LATEST: i64 = 6;

/// The version of the first stories on PostgreSQL.
const FIRST: i64 = 4;

/// `STEPS[i]` takes a story from version `FIRST + i` to `FIRST + i + 1`.
const STEPS: &[&str] = &[
    // 5: an import names the claims it added in one history entry, by runs of ids.
    "CREATE TABLE imported_claims (
         history_id  bigint NOT NULL,
         first_id    bigint NOT NULL,
         last_id     bigint NOT NULL CHECK (last_id >= first_id),
         lines       text
     );
     CREATE INDEX imported_claims_last ON imported_claims(last_id, first_id);",
    // 6: search finds a claim by its actor's name and aliases and its tags too (the claims_search
    // view); triggers on tags, actors and aliases keep the index current. Unused query helpers go.
    "DROP TRIGGER claims_fts_insert ON claims;
     DROP TRIGGER claims_fts_update ON claims;
     DROP FUNCTION claims_fts_insert();
     DROP FUNCTION claims_fts_update();
     DROP FUNCTION claimtrack_document(text, text, text);
     DROP AGGREGATE claimtrack_all(tsquery);
     DROP FUNCTION claimtrack_words(text);
     CREATE VIEW claims_search AS
     SELECT c.id, c.text, c.quote, c.notes,
            (SELECT concat_ws(' ', a.name,
                              (SELECT string_agg(alias, ' ' ORDER BY alias_key) FROM actor_aliases WHERE actor_id = a.id))
               FROM actors a WHERE a.id = c.actor_id) AS actor,
            (SELECT string_agg(t.name, ' ' ORDER BY t.name)
               FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.claim_id = c.id) AS tags
     FROM claims c;
     CREATE FUNCTION claimtrack_document(text text, quote text, notes text, actor text, tags text) RETURNS tsvector
         LANGUAGE sql IMMUTABLE PARALLEL SAFE
         RETURN to_tsvector('claimtrack', claimtrack_fold(concat_ws(' ', text, quote, notes, actor, tags)));
     CREATE FUNCTION claims_fts_refresh(ids bigint[]) RETURNS void LANGUAGE sql SET search_path FROM CURRENT
     BEGIN ATOMIC
         INSERT INTO claims_fts (id, document)
             SELECT id, claimtrack_document(text, quote, notes, actor, tags) FROM claims_search WHERE id = ANY (ids)
             ON CONFLICT (id) DO UPDATE SET document = excluded.document;
     END;
     CREATE FUNCTION claims_fts_insert() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
     BEGIN
         PERFORM claims_fts_refresh(ARRAY(SELECT id FROM new_claims));
         RETURN NULL;
     END $$;
     CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims
         REFERENCING NEW TABLE AS new_claims FOR EACH STATEMENT EXECUTE FUNCTION claims_fts_insert();
     CREATE FUNCTION claims_fts_update() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
     BEGIN
         PERFORM claims_fts_refresh(ARRAY[new.id]);
         RETURN NULL;
     END $$;
     CREATE TRIGGER claims_fts_update AFTER UPDATE OF text, quote, notes, actor_id ON claims
         FOR EACH ROW EXECUTE FUNCTION claims_fts_update();
     CREATE FUNCTION claim_tags_fts() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
     BEGIN
         PERFORM claims_fts_refresh(ARRAY(SELECT DISTINCT claim_id FROM changed_tags));
         RETURN NULL;
     END $$;
     CREATE TRIGGER claim_tags_fts_insert AFTER INSERT ON claim_tags
         REFERENCING NEW TABLE AS changed_tags FOR EACH STATEMENT EXECUTE FUNCTION claim_tags_fts();
     CREATE TRIGGER claim_tags_fts_delete AFTER DELETE ON claim_tags
         REFERENCING OLD TABLE AS changed_tags FOR EACH STATEMENT EXECUTE FUNCTION claim_tags_fts();
     CREATE FUNCTION tags_fts_rename() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
     BEGIN
         PERFORM claims_fts_refresh(ARRAY(SELECT claim_id FROM claim_tags WHERE tag_id = new.id));
         RETURN NULL;
     END $$;
     CREATE TRIGGER tags_fts_rename AFTER UPDATE OF name ON tags FOR EACH ROW EXECUTE FUNCTION tags_fts_rename();
     CREATE FUNCTION actors_fts_rename() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
     BEGIN
         PERFORM claims_fts_refresh(ARRAY(SELECT id FROM claims WHERE actor_id = new.id));
         RETURN NULL;
     END $$;
     CREATE TRIGGER actors_fts_rename AFTER UPDATE OF name ON actors FOR EACH ROW EXECUTE FUNCTION actors_fts_rename();
     CREATE FUNCTION actor_aliases_fts() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
     BEGIN
         IF TG_OP <> 'INSERT' THEN
             PERFORM claims_fts_refresh(ARRAY(SELECT id FROM claims WHERE actor_id = old.actor_id));
         END IF;
         IF TG_OP <> 'DELETE' THEN
             PERFORM claims_fts_refresh(ARRAY(SELECT id FROM claims WHERE actor_id = new.actor_id));
         END IF;
         RETURN NULL;
     END $$;
     CREATE TRIGGER actor_aliases_fts AFTER INSERT OR UPDATE OR DELETE ON actor_aliases
         FOR EACH ROW EXECUTE FUNCTION actor_aliases_fts();
     DELETE FROM claims_fts;
     SELECT claims_fts_refresh(ARRAY(SELECT id FROM claims));",
];

/// Run every step after `from`, in order, inside the caller's transaction.
pub fn run(tx: &mut postgres::Transaction, from: i64) -> StoreResult<()> {
    if from < FIRST {
        return Err(StoreError::Damaged(format!("schema version {from} never existed on PostgreSQL")));
    }
    for (index, sql) in STEPS.iter().enumerate().skip((from - FIRST) as usize) {
        let to = FIRST + index as i64 + 1;
        tx.batch_execute(sql).map_err(|e| {
            StoreError::Backend(format!("upgrade to schema version {to} failed: {}", StoreError::from(e)))
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_is_one_step_per_version_and_both_engines_agree() {
        assert_eq!(STEPS.len() as i64, LATEST - FIRST);
        assert_eq!(LATEST, crate::store::sqlite::SCHEMA_VERSION);
    }
}
