// name: counterparts-of-unit
// purpose: The units of other sides a unit shares tasks with, most shared tasks first.
// param unit (string, required): the unit's id, canonical name or an alias
:param unit => '上海市政府合作交流办';

MATCH (u:Unit) WHERE u.id = $unit OR u.name = $unit OR $unit IN coalesce(u.aliases, [])
MATCH (u)-[c:COUNTERPART]-(o:Unit)
RETURN u.name AS unit, o.name AS counterpart, o.side AS side, c.count AS shared,
       c.jaccard AS jaccard, [id IN c.tasks | COLLECT { MATCH (t:Task {id: id}) RETURN t.number }[0]] AS tasks,
       o.id AS counterpart_id
ORDER BY shared DESC, jaccard DESC, counterpart, counterpart_id;
