"""Fixtures for the README tests."""

from tests.conftest_neo4j import neo4j_db, neo4j_server  # noqa: F401
