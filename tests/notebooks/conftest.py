"""Neo4j fixtures for the notebook tests (see tests/conftest_neo4j.py)."""

from tests.conftest_neo4j import neo4j_server  # noqa: F401
