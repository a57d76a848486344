// name: counterpart-pairs
// purpose: Pairs of units of different sides that share tasks, most shared tasks first (then
//   the highest Jaccard, then by name); the same rows as graphmodel.analysis.counterpart_pairs.
//   Scoped to a plan or a year, only that plan's or year's tasks count (shared and Jaccard).
//   `tasks` lists the shared tasks' numbers in document order.
// param top (int): how many pairs to list
// param side (string, optional): only pairs with a unit of this side, e.g. 大连市 (null: all)
// param document (string, optional): only this plan (its id or title; null: all plans)
// param year (int, optional): only the plans of this year (null: all years)
:param top => 10;
:param side => null;
:param document => null;
:param year => null;

OPTIONAL MATCH (d:Document) WHERE d.id = $document OR d.title = $document
WITH collect(d.id) AS docs
MATCH (a:Unit)-[c:COUNTERPART]->(b:Unit)
WHERE ($document IS NULL OR c.document IN docs) AND ($year IS NULL OR c.year = $year)
  AND ($side IS NULL OR $side IN [a.side, b.side])
WITH docs, a, b, c ORDER BY c.document
// One COUNTERPART per plan: a pair runs the way the plan of its first shared task has it.
WITH docs, CASE WHEN a.id < b.id THEN [a, b] ELSE [b, a] END AS key, collect([a, b])[0] AS pair, collect(c) AS cs
WITH docs, pair[0] AS a, pair[1] AS b, reduce(n = 0, x IN cs | n + x.count) AS shared
WITH docs, a, b, shared,
     CASE WHEN $document IS NULL AND $year IS NULL
          THEN COUNT { (a)-[:RESPONSIBLE_FOR]->() } + COUNT { (b)-[:RESPONSIBLE_FOR]->() }
          ELSE COUNT { (a)-[:RESPONSIBLE_FOR]->(:Task)-[:IN_PLAN]->(d:Document)
                       WHERE ($document IS NULL OR d.id IN docs) AND ($year IS NULL OR d.year = $year) }
             + COUNT { (b)-[:RESPONSIBLE_FOR]->(:Task)-[:IN_PLAN]->(d:Document)
                       WHERE ($document IS NULL OR d.id IN docs) AND ($year IS NULL OR d.year = $year) }
     END - shared AS either
WITH docs, a, b, shared, toFloat(shared) / either AS jaccard
ORDER BY shared DESC, jaccard DESC, a.name, b.name, a.id, b.id
LIMIT $top
RETURN a.name AS a, a.side AS a_side, b.name AS b, b.side AS b_side, shared, jaccard,
       COLLECT { MATCH (a)-[:RESPONSIBLE_FOR]->(t:Task)<-[:RESPONSIBLE_FOR]-(b), (t)-[:IN_PLAN]->(d:Document)
                 WHERE ($document IS NULL OR d.id IN docs) AND ($year IS NULL OR d.year = $year)
                 RETURN t.number ORDER BY t.document, t.start, t.id } AS tasks,
       a.id AS a_id, b.id AS b_id;
