-- `disputes --by ACTOR`: the actor's linked claims, the dispute graph around them, their claims.
CREATE TEMP TABLE seeds AS
  SELECT c.id FROM claims c WHERE c.actor_id = (SELECT id FROM actors WHERE name_key = lower('{ACTOR}'))
   AND (EXISTS (SELECT 1 FROM relations r WHERE r.from_id = c.id AND r.kind IN ('contradicts', 'supports', 'same-as'))
     OR EXISTS (SELECT 1 FROM relations r WHERE r.to_id = c.id AND r.kind IN ('contradicts', 'supports', 'same-as')));
CREATE TEMP TABLE edges AS
  WITH RECURSIVE reach(id) AS (
      SELECT id FROM seeds
      UNION SELECT r.to_id FROM relations r JOIN reach ON r.from_id = reach.id WHERE r.kind IN ('contradicts', 'supports', 'same-as')
      UNION SELECT r.from_id FROM relations r JOIN reach ON r.to_id = reach.id WHERE r.kind IN ('contradicts', 'supports', 'same-as'))
  SELECT r.from_id, r.kind, r.to_id FROM reach JOIN relations r ON r.from_id = reach.id
   WHERE r.kind IN ('contradicts', 'supports', 'same-as') ORDER BY r.id;
SELECT * FROM edges;
SELECT c.id, c.text, a.name, s.key, c.stated_on
  FROM claims c JOIN actors a ON a.id = c.actor_id LEFT JOIN sources s ON s.id = c.source_id
 WHERE c.id IN (SELECT from_id FROM edges UNION SELECT to_id FROM edges);
