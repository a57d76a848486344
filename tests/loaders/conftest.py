"""Neo4j fixtures for the tests in this folder (see tests/conftest_neo4j.py)."""

from tests.conftest_neo4j import neo4j_connection, neo4j_db, neo4j_server  # noqa: F401
