// name: shared-tasks
// purpose: The tasks two units are both responsible for, in document order, with each one's role.
// param a (string, required): the first unit's id, canonical name or an alias
// param b (string, required): the second unit's id, canonical name or an alias
:param a => '上海市政府合作交流办';
:param b => '大连市发展改革委';

MATCH (x:Unit) WHERE x.id = $a OR x.name = $a OR $a IN coalesce(x.aliases, [])
MATCH (y:Unit) WHERE y.id = $b OR y.name = $b OR $b IN coalesce(y.aliases, [])
MATCH (x)-[rx:RESPONSIBLE_FOR]->(t:Task)<-[ry:RESPONSIBLE_FOR]-(y)
RETURN x.name AS a, y.name AS b, t.number AS number, rx.role AS a_role, ry.role AS b_role,
       t.document AS document, t.id AS task, t.text AS text
ORDER BY t.document, t.start, t.id;
