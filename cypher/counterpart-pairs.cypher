// name: counterpart-pairs
// purpose: Pairs of units of different sides that share tasks, most shared tasks first (then
//   the highest Jaccard, then by name); the same rows as graphmodel.analysis.counterpart_pairs.
//   `tasks` lists the shared tasks' numbers in document order.
// param top (int): how many pairs to list
// param side (string, optional): only pairs with a unit of this side, e.g. 大连市 (null: all)
:param top => 10;
:param side => null;

MATCH (a:Unit)-[c:COUNTERPART]->(b:Unit)
WHERE $side IS NULL OR $side IN [a.side, b.side]
WITH a, b, c
ORDER BY c.count DESC, c.jaccard DESC, a.name, b.name, a.id, b.id
LIMIT $top
RETURN a.name AS a, a.side AS a_side, b.name AS b, b.side AS b_side, c.count AS shared,
       c.jaccard AS jaccard, [id IN c.tasks | COLLECT { MATCH (t:Task {id: id}) RETURN t.number }[0]] AS tasks,
       a.id AS a_id, b.id AS b_id;
