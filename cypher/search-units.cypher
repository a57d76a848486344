// name: search-units
// purpose: Units, placeholders, districts and parks whose name or alias holds the words given,
//   best match first: full-text search with the CJK analyzer (金融 finds 地方金融监管局).
//   The text is a Lucene query: several words match any of them, "quotes" a phrase, AND both.
// param text (string, required): what to look for, e.g. 金融
// param top (int): how many to list
:param text => '金融';
:param top => 20;

CALL db.index.fulltext.queryNodes('unit_names', $text) YIELD node, score
RETURN node.name AS name, labels(node)[0] AS kind, node.side AS side, node.aliases AS aliases, score,
       node.id AS id
ORDER BY score DESC, name, id
LIMIT $top;
