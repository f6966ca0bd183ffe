-- `search WORD`: best 20 matches with their actors.
SELECT c.id, a.name, c.text, s.key, c.stated_on, f.rank
  FROM claims_fts f JOIN claims c ON c.id = f.rowid JOIN actors a ON a.id = c.actor_id
  LEFT JOIN sources s ON s.id = c.source_id
 WHERE claims_fts MATCH '"{WORD}"' ORDER BY f.rank LIMIT 20;
