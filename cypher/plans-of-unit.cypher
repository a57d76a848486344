// name: plans-of-unit
// purpose: The plans a unit appears in, oldest first (undated ones last), with how many tasks
//   it has in each and in how many of them it leads.
// param unit (string, required): the unit's id, canonical name or an alias
:param unit => '上海市政府合作交流办';

MATCH (u:Unit|Group) WHERE u.id = $unit OR u.name = $unit OR $unit IN coalesce(u.aliases, [])
MATCH (u)-[r:RESPONSIBLE_FOR]->(t:Task)-[:IN_PLAN]->(d:Document)
WITH u, d, count(t) AS tasks, sum(CASE r.role WHEN 'lead' THEN 1 ELSE 0 END) AS leads
RETURN u.name AS unit, u.side AS side, d.title AS plan, d.date AS date, tasks, leads,
       d.id AS document
ORDER BY date, document, unit;
