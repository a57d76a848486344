"""The Cypher library: ``schema.cypher`` and named, parameterised queries, shipped as data."""
