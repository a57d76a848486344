// name: central-units
// purpose: The most connected units: `degree` is how many other units (of any side) share at
//   least one task with the unit, the degree of graphmodel.analysis.network_metrics; ties go
//   as in `graphmodel units --sort degree`: more tasks, then more lead tasks, then by name.
// param top (int): how many units to list
:param top => 10;

MATCH (u:Unit)-[r:RESPONSIBLE_FOR]->(t:Task)
WITH u, count(t) AS tasks, sum(CASE r.role WHEN 'lead' THEN 1 ELSE 0 END) AS lead
OPTIONAL MATCH (u)-[:RESPONSIBLE_FOR]->(:Task)<-[:RESPONSIBLE_FOR]-(o:Unit)
WITH u, tasks, lead, count(DISTINCT o) AS degree
RETURN u.name AS unit, u.side AS side, degree, tasks, lead, u.id AS id
ORDER BY degree DESC, tasks DESC, lead DESC, unit, id
LIMIT $top;
