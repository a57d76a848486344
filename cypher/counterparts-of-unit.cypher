// name: counterparts-of-unit
// purpose: The units of other sides a unit shares tasks with, most shared tasks first (over
//   all plans; Jaccard as in graphmodel.analysis.counterpart_pairs).
// param unit (string, required): the unit's id, canonical name or an alias
:param unit => '上海市政府合作交流办';

MATCH (u:Unit) WHERE u.id = $unit OR u.name = $unit OR $unit IN coalesce(u.aliases, [])
MATCH (u)-[c:COUNTERPART]-(o:Unit)
WITH u, o, c ORDER BY c.document
WITH u, o, collect(c) AS cs
WITH u, o, reduce(n = 0, x IN cs | n + x.count) AS shared, reduce(t = [], x IN cs | t + x.tasks) AS tasks
WITH u, o, shared, tasks,
     toFloat(shared) / (COUNT { (u)-[:RESPONSIBLE_FOR]->() } + COUNT { (o)-[:RESPONSIBLE_FOR]->() } - shared) AS jaccard
RETURN u.name AS unit, o.name AS counterpart, o.side AS side, shared, jaccard,
       [id IN tasks | COLLECT { MATCH (t:Task {id: id}) RETURN t.number }[0]] AS tasks,
       o.id AS counterpart_id
ORDER BY shared DESC, jaccard DESC, counterpart, counterpart_id;
