// name: tasks-of-unit
// purpose: The tasks a unit (or a group placeholder such as 各有关单位) is responsible for, in
//   document order, with its role in each.
// param unit (string, required): the unit's id, canonical name or an alias
:param unit => '上海市政府合作交流办';

MATCH (u:Unit|Group)
WHERE u.id = $unit OR u.name = $unit OR $unit IN coalesce(u.aliases, [])
MATCH (u)-[r:RESPONSIBLE_FOR]->(t:Task)
RETURN u.name AS unit, u.side AS side, t.number AS number, r.role AS role, t.document AS document,
       t.id AS task, t.text AS text
ORDER BY t.document, t.start, t.id, u.id;
