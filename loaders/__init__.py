"""Moving data across the boundary: files into text, graphs into Neo4j and export formats."""
