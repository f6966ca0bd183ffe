-- `add TEXT --by ACTOR`: the claim (indexed for search by its trigger) and its history entry.
PRAGMA busy_timeout = 30000;
BEGIN IMMEDIATE;
INSERT INTO claims (uid, text, actor_id, mode, created_at, updated_at)
  VALUES (lower(hex(randomblob(16))), 'A claim added by the benchmark, officials said',
          (SELECT id FROM actors WHERE name_key = lower('{ACTOR}')), 'paraphrase',
          strftime('%Y-%m-%dT%H:%M:%SZ'), strftime('%Y-%m-%dT%H:%M:%SZ'));
INSERT INTO history (at, user, action, entity, entity_id, entity_uid, after)
  SELECT strftime('%Y-%m-%dT%H:%M:%SZ'), 'bench', 'create', 'claim', id, uid, json_object('text', text)
  FROM claims WHERE id = last_insert_rowid();
COMMIT;
