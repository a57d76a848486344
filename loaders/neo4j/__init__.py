"""Neo4j: connecting, loading a graph in batched transactions, running the named queries."""
