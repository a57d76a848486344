// name: one-sided-tasks
// purpose: Gaps: tasks of plans with two or more sides that name real units of some sides but
//   not of all; `placeholder_sides` are missing sides that name only a placeholder such as
//   各有关单位. The same tasks as graphmodel.analysis.one_sided_tasks, in document order.
// param document (string, optional): only this plan (its id or title); null for all plans
:param document => null;

MATCH (u:Unit)-[:RESPONSIBLE_FOR]->(t:Task)-[:IN_PLAN]->(d:Document)
WHERE $document IS NULL OR d.id = $document OR d.title = $document
WITH t, d, collect(DISTINCT coalesce(u.side, '-')) AS has
WHERE size(coalesce(d.sides, [])) >= 2 AND any(s IN d.sides WHERE NOT s IN has)
OPTIONAL MATCH (t)<-[:RESPONSIBLE_FOR]-(g:Group)
WITH t, d, has, collect(DISTINCT g.side) AS groups
RETURN t.number AS number, [s IN d.sides WHERE s IN has] AS sides,
       [s IN d.sides WHERE NOT s IN has] AS missing,
       [s IN d.sides WHERE NOT s IN has AND s IN groups] AS placeholder_sides,
       t.document AS document, t.id AS task, t.text AS text
ORDER BY t.document, t.start, t.id;
