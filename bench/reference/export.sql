-- The reference export: the same join claimtrack's `export csv` runs, through `sqlite3 -csv`.
SELECT c.id, c.uid, c.text, c.quote, a.name AS actor, c.mode, c.stated_on, s.key AS source, s.title AS source_title,
       s.url AS source_url, s.publisher AS source_publisher, c.locator,
       (SELECT group_concat(name, '; ') FROM
          (SELECT t.name FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.claim_id = c.id ORDER BY t.name)) AS tags,
       c.verdict, c.notes,
       (SELECT group_concat(other, '; ') FROM (
          SELECT other FROM (SELECT r.to_id AS other FROM relations r WHERE r.from_id = c.id AND r.kind = 'contradicts'
                             UNION ALL
                             SELECT r.from_id FROM relations r WHERE r.to_id = c.id AND r.kind = 'contradicts')
          ORDER BY other)) AS contradicted_by,
       (SELECT group_concat(from_id, '; ') FROM
          (SELECT r.from_id FROM relations r WHERE r.to_id = c.id AND r.kind = 'supports' ORDER BY r.from_id)) AS supported_by
FROM claims c JOIN actors a ON a.id = c.actor_id LEFT JOIN sources s ON s.id = c.source_id
ORDER BY c.id;
