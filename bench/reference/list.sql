-- `list --limit 20` (and, with {WHERE}, `list --by ACTOR --limit 20`; `show ID` adds its relations).
SELECT c.id, c.uid, c.text, c.quote, a.name, c.mode, c.stated_on, s.key, s.title, s.url, s.publisher, c.locator,
       (SELECT group_concat(name, char(31)) FROM
          (SELECT t.name FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.claim_id = c.id ORDER BY t.name)),
       c.verdict, c.notes,
       (SELECT group_concat(other, ',') FROM (
          SELECT other FROM (SELECT r.to_id AS other FROM relations r WHERE r.from_id = c.id AND r.kind = 'contradicts'
                             UNION ALL
                             SELECT r.from_id FROM relations r WHERE r.to_id = c.id AND r.kind = 'contradicts')
          ORDER BY other)),
       (SELECT group_concat(from_id, ',') FROM
          (SELECT r.from_id FROM relations r WHERE r.to_id = c.id AND r.kind = 'supports' ORDER BY r.from_id)),
       c.created_at, c.updated_at
FROM claims c JOIN actors a ON a.id = c.actor_id LEFT JOIN sources s ON s.id = c.source_id
{WHERE}
ORDER BY c.id LIMIT 20;
