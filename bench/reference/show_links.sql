-- The rest of `show ID`: every relation in both directions.
SELECT r.kind, 1, o.id, a.name, o.text, r.note
  FROM relations r JOIN claims o ON o.id = r.to_id JOIN actors a ON a.id = o.actor_id WHERE r.from_id = {ID}
UNION ALL
SELECT r.kind, 0, o.id, a.name, o.text, r.note
  FROM relations r JOIN claims o ON o.id = r.from_id JOIN actors a ON a.id = o.actor_id WHERE r.to_id = {ID}
ORDER BY 1, 3;
