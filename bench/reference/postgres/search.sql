-- `search WORD` on PostgreSQL: the claims_fts index, ranked. {SCHEMA} and {WORD} substituted.
SET search_path = {SCHEMA};
SELECT c.id, a.name, c.text, s.key, c.stated_on, -ts_rank(f.document, phraseto_tsquery('claimtrack', claimtrack_fold('{WORD}'))) AS rank
  FROM claims_fts f JOIN claims c ON c.id = f.id JOIN actors a ON a.id = c.actor_id
  LEFT JOIN sources s ON s.id = c.source_id
 WHERE f.document @@ phraseto_tsquery('claimtrack', claimtrack_fold('{WORD}'))
 ORDER BY rank, c.id LIMIT 20;
