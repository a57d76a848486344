// name: central-units
// purpose: The most connected units: `degree` is how many other units (of any side) share at
//   least one task with the unit, the degree of graphmodel.analysis.network_metrics; then
//   the number of its tasks.
// param top (int): how many units to list
:param top => 10;

MATCH (u:Unit)-[:RESPONSIBLE_FOR]->(t:Task)
WITH u, count(t) AS tasks
OPTIONAL MATCH (u)-[:RESPONSIBLE_FOR]->(:Task)<-[:RESPONSIBLE_FOR]-(o:Unit)
WITH u, tasks, count(DISTINCT o) AS degree
RETURN u.name AS unit, u.side AS side, degree, tasks, u.id AS id
ORDER BY degree DESC, tasks DESC, unit, id
LIMIT $top;
