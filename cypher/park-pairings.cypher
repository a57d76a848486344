// name: park-pairings
// purpose: The parks the plans pair with each other (e.g. 张江 with 大连高新园区), with the task
//   that says so: one row for each plan that states a pairing.
// param side (string, optional): only pairings with a park of this side (null: all)
:param side => null;

MATCH (a:District|Park|Unit)-[p:PAIRED_WITH {kind: 'park'}]->(b:District|Park|Unit)
WHERE ($side IS NULL OR $side IN [a.side, b.side])
OPTIONAL MATCH (t:Task {id: p.task})
OPTIONAL MATCH (d:Document {id: p.document})
RETURN a.name AS a, a.side AS a_side, b.name AS b, b.side AS b_side, t.number AS number,
       d.title AS plan, p.document AS document, p.task AS task, a.id AS a_id, b.id AS b_id
ORDER BY document, a_id, b_id;
