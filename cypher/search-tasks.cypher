// name: search-tasks
// purpose: Tasks whose title or text holds the words given, best match first, with their plan
//   and their units: full-text search with the CJK analyzer (Lucene query syntax).
// param text (string, required): what to look for, e.g. 金融 or "营商环境"
// param top (int): how many to list
:param text => '金融';
:param top => 20;

CALL db.index.fulltext.queryNodes('task_text', $text) YIELD node AS t, score
MATCH (t)-[:IN_PLAN]->(d:Document)
WITH t, d, score
ORDER BY score DESC, t.document, t.start, t.id
LIMIT $top
RETURN t.number AS number, d.title AS plan, d.year AS year,
       COLLECT { MATCH (u:Unit|Group)-[:RESPONSIBLE_FOR]->(t) RETURN u.name ORDER BY u.name } AS units,
       score, t.text AS text, t.id AS task;
