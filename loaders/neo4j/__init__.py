"""Neo4j: connecting (`connection`), what each document writes (`rows`), loading and removing
documents (`load`), running named queries and Cypher of one's own (`library`, `queries`),
parameter values (`values`) and one-line errors (`errors`)."""
