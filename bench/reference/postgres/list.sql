-- `list --limit 20` on PostgreSQL: the same columns claimtrack reads. {SCHEMA} substituted.
SET search_path = {SCHEMA};
SELECT c.id, c.uid, c.text, c.quote, c.mode, c.stated_on, c.locator, c.verdict, c.notes,
       a.name, a.uid, s.key, s.uid, s.title, s.url, s.publisher,
       ARRAY(SELECT t.name FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.claim_id = c.id ORDER BY t.name),
       ARRAY(SELECT r.kind || ' ' || r.to_id FROM relations r WHERE r.from_id = c.id),
       ARRAY(SELECT r.kind || ' ' || r.from_id FROM relations r WHERE r.to_id = c.id),
       c.created_at, c.updated_at
  FROM claims c JOIN actors a ON a.id = c.actor_id LEFT JOIN sources s ON s.id = c.source_id
 ORDER BY c.id LIMIT 20;
