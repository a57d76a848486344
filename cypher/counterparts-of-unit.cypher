// name: counterparts-of-unit
// purpose: The units of other sides a unit shares tasks with, most shared tasks first (over
//   all plans), in the order of graphmodel.analysis.counterpart_pairs(unit=...).
// param unit (string, required): the unit's id, canonical name or an alias
:param unit => '上海市政府合作交流办';

MATCH (u:Unit) WHERE u.id = $unit OR u.name = $unit OR $unit IN coalesce(u.aliases, [])
MATCH (u)-[c:COUNTERPART]-(o:Unit)
WITH u, o, c ORDER BY c.document
// A pair runs the way the plan of its first shared task has it (as the Python pairs do).
WITH u, o, sum(c.count) AS shared, collect(startNode(c))[0] AS first
WITH u, o, shared, CASE WHEN first = u THEN [u, o] ELSE [o, u] END AS pair,
     toFloat(shared) / (COUNT { (u)-[:RESPONSIBLE_FOR]->() } + COUNT { (o)-[:RESPONSIBLE_FOR]->() } - shared) AS jaccard
RETURN u.name AS unit, o.name AS counterpart, o.side AS side, shared, jaccard,
       COLLECT { MATCH (u)-[:RESPONSIBLE_FOR]->(t:Task)<-[:RESPONSIBLE_FOR]-(o)
                 RETURN t.number ORDER BY t.document, t.start, t.id } AS tasks,
       o.id AS counterpart_id
ORDER BY shared DESC, jaccard DESC, pair[0].name, pair[1].name, pair[0].id, pair[1].id;
