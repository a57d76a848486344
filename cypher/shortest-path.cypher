// name: shortest-path
// purpose: The shortest chain of shared tasks linking two units: unit, task, unit, task, ...
//   `hops` counts the units passed (1: they share a task), as in the co-responsibility network
//   of graphmodel.analysis.co_responsibility_graph. Of several equally short chains, the first
//   by node ids, so the answer is the same on every run. No row when nothing links them.
// param a (string, required): the first unit's id, canonical name or an alias
// param b (string, required): the second unit's id, canonical name or an alias
:param a => '上海市政府合作交流办';
:param b => '大连市发展改革委';

MATCH (x:Unit) WHERE x.id = $a OR x.name = $a OR $a IN coalesce(x.aliases, [])
MATCH (y:Unit) WHERE (y.id = $b OR y.name = $b OR $b IN coalesce(y.aliases, [])) AND y <> x
MATCH p = allShortestPaths((x)-[:RESPONSIBLE_FOR*..30]-(y))
WHERE all(n IN nodes(p) WHERE n:Unit OR n:Task)
WITH x, y, p, [n IN nodes(p) | n.id] AS ids
ORDER BY ids
LIMIT 1
RETURN x.name AS a, y.name AS b, length(p) / 2 AS hops,
       [n IN nodes(p) | CASE WHEN n:Task THEN n.number ELSE n.name END] AS path, ids;
