"""Fixtures for the tests in this folder: Neo4j (see tests/conftest_neo4j.py) and the test corpus
loaded into it, per module (a module that empties the database cannot spoil another's)."""

from __future__ import annotations

from collections.abc import Iterator

import neo4j
import networkx as nx
import pytest

from graphmodel.graph import build_graph
from graphmodel.model import Extraction
from loaders.corpus import read_extractions
from loaders.neo4j.connection import Neo4jSettings, connect
from loaders.neo4j.load import load_extractions
from tests.conftest import DATA, SEED
from tests.conftest_neo4j import Neo4jTarget, clear_database, neo4j_db, neo4j_server  # noqa: F401

# The whole test corpus: the seed, every fixture plan, the short corpus plans and the forms.
CORPUS = [SEED, *sorted(DATA.glob("plans*/*.txt")), DATA / "corpus", DATA / "forms"]


@pytest.fixture(scope="module")
def extractions() -> list[Extraction]:
    return read_extractions(CORPUS)


@pytest.fixture(scope="module")
def corpus(extractions: list[Extraction]) -> nx.MultiDiGraph:
    return build_graph(extractions)


@pytest.fixture(scope="module")
def db(neo4j_server: Neo4jTarget, extractions: list[Extraction]) -> Iterator[tuple[neo4j.Driver, Neo4jSettings]]:  # noqa: F811
    """A driver and its settings on a database holding exactly the corpus."""
    settings = neo4j_server.settings()
    driver = connect(settings)
    clear_database(driver, settings.database)
    load_extractions(driver, settings, extractions)
    yield driver, settings
    driver.close()
